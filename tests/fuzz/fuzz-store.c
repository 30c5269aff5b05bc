/* fuzz-store.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bs-entry.h"
#include "bs-full-article.h"
#include "bs-source.h"
#include "bs-store.h"
#include "bs-store-private.h"

int LLVMFuzzerInitialize    (int            *argc,
                             char         ***argv);
int LLVMFuzzerTestOneInput  (const uint8_t  *data,
                             size_t          size);

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT */
static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

/* The kinds of store file, in the order of the selector byte, and the
 * types of their payloads in format versions 1, 2 and 3 (there were no
 * icon files in version 1, and articles files came in version 3: the
 * store rejects older ones). */
typedef struct {
  const char *magic;
  const char *payload[3];
} Kind;

enum { KIND_ENTRIES, KIND_SOURCES, KIND_FLAGS, KIND_ICON, KIND_ARTICLES, N_KINDS };

static const Kind kinds[N_KINDS] = {
  [KIND_ENTRIES] = { BS_STORE_MAGIC_ENTRIES,
                     { BS_ENTRIES_PAYLOAD_V1, BS_ENTRIES_PAYLOAD_V2, BS_ENTRIES_PAYLOAD_V3 } },
  [KIND_SOURCES] = { BS_STORE_MAGIC_SOURCES,
                     { BS_SOURCES_PAYLOAD_V1, BS_SOURCES_PAYLOAD_V2, BS_SOURCES_PAYLOAD_V3 } },
  [KIND_FLAGS] = { BS_STORE_MAGIC_FLAGS,
                   { BS_FLAGS_PAYLOAD_V1, BS_FLAGS_PAYLOAD_V2, BS_FLAGS_PAYLOAD_V3 } },
  [KIND_ICON] = { BS_STORE_MAGIC_ICON,
                  { BS_ICON_PAYLOAD_V2, BS_ICON_PAYLOAD_V2, BS_ICON_PAYLOAD_V3 } },
  [KIND_ARTICLES] = { BS_STORE_MAGIC_ARTICLES,
                      { BS_ARTICLES_PAYLOAD_V3, BS_ARTICLES_PAYLOAD_V3, BS_ARTICLES_PAYLOAD_V3 } },
};

/* The selector's bit 4 picks an articles file (its low two bits are then
 * unused); seeds made before articles files existed keep their meaning. */
#define SELECT_ARTICLES 0x10

/* The store directory, made once and emptied after each input. */
static char *store_dir;

static void
remove_store_dir (void)
{
  const char *subdirs[] = { BS_STORE_ENTRIES_DIR, BS_STORE_ICONS_DIR, BS_STORE_ARTICLES_DIR };

  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (store_dir, subdirs[i], NULL);

      g_rmdir (path);
    }
  g_rmdir (store_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *subdirs[] = { BS_STORE_ENTRIES_DIR, BS_STORE_ICONS_DIR, BS_STORE_ARTICLES_DIR };

  /* a critical or a warning is a bug, and must stop the run */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  store_dir = g_dir_make_tmp ("fuzz-store-XXXXXX", &error);
  if (store_dir == NULL)
    fail ("cannot make a store directory: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (store_dir, subdirs[i], NULL);

      if (g_mkdir (path, 0700) != 0)
        fail ("cannot make %s: %s", path, g_strerror (errno));
    }
  atexit (remove_store_dir);
  return 0;
}

/* Written with stdio: g_file_set_contents() would fsync each time. */
static char *
write_file (const char *name,
            const void *data,
            gsize       size)
{
  char *path = g_build_filename (store_dir, name, NULL);
  FILE *file = fopen (path, "wb");

  if (file == NULL || (size > 0 && fwrite (data, size, 1, file) != 1) || fclose (file) != 0)
    fail ("cannot write %s: %s", path, g_strerror (errno));
  return path;
}

/* The source id a payload starts with (entries and icon files), when it is
 * a valid one, so that the file is named as it says; else "fuzz". */
static char *
payload_source_id (GVariant *payload)
{
  g_autoptr(GVariant) id = NULL;

  if (payload == NULL || !g_str_has_prefix (g_variant_get_type_string (payload), "(s"))
    return g_strdup ("fuzz");

  id = g_variant_get_child_value (payload, 0);
  if (!bs_source_id_is_valid (g_variant_get_string (id, NULL)))
    return g_strdup ("fuzz");
  return g_variant_dup_string (id, NULL);
}

static void
check_string (const char *what,
              const char *s)
{
  if (s != NULL && !g_utf8_validate (s, -1, NULL))
    fail ("%s: invalid UTF-8 from the store", what);
}

/* Reads every property of @object, as a view bound to it would. */
static void
check_properties (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      if (G_VALUE_HOLDS_STRING (&value))
        check_string (pspecs[i]->name, g_value_get_string (&value));
      else if (G_VALUE_HOLDS (&value, G_TYPE_STRV))
        {
          const char * const *strv = g_value_get_boxed (&value);

          for (guint j = 0; strv != NULL && strv[j] != NULL; j++)
            check_string (pspecs[i]->name, strv[j]);
        }
    }
}

static void
check_entry (BsStore *store,
             BsEntry *entry)
{
  GPtrArray *enclosures = bs_entry_get_enclosures (entry);
  const char * const *categories = bs_entry_get_categories (entry);
  const char *key = bs_entry_get_key (entry);
  gboolean read, starred;

  if (key == NULL || key[0] == '\0')
    fail ("an entry was loaded without a key");
  check_string ("key", key);
  check_string ("title", bs_entry_get_title (entry));
  check_string ("link", bs_entry_get_link (entry));
  check_string ("author", bs_entry_get_author (entry));
  check_string ("thumbnail", bs_entry_get_thumbnail (entry));
  check_string ("summary", bs_entry_get_summary (entry));
  check_string ("content", bs_entry_get_content (entry));
  (void) bs_entry_get_published (entry);
  (void) bs_entry_get_updated (entry);
  (void) bs_entry_get_first_seen (entry);

  for (guint i = 0; i < enclosures->len; i++)
    {
      const BsEntryEnclosure *enclosure = g_ptr_array_index (enclosures, i);

      if (enclosure->url == NULL)
        fail ("an enclosure was loaded without a URL");
      check_string ("enclosure URL", enclosure->url);
      check_string ("enclosure type", enclosure->type);
      if (enclosure->length < -1)
        fail ("an enclosure has length %" G_GINT64_FORMAT, enclosure->length);
    }
  if (categories != NULL && categories[0] == NULL)
    fail ("an entry has an empty list of categories instead of none");
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    check_string ("category", categories[i]);

  bs_store_get_flags (store, bs_entry_get_source_id (entry), key, &read, &starred);
  if (read != bs_entry_get_read (entry) || starred != bs_entry_get_starred (entry))
    fail ("an entry's flags differ from the store's");

  check_properties (G_OBJECT (entry));
}

/* Loads every whole article @payload (an articles payload, or NULL)
 * names for @source_id, one that it does not, and all of them at once. */
static void
load_articles (BsStore    *store,
               const char *source_id,
               GVariant   *payload)
{
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFullArticle) none = NULL;

  if (payload != NULL && g_variant_is_of_type (payload, G_VARIANT_TYPE (BS_ARTICLES_PAYLOAD_V3)))
    {
      g_autoptr(GVariant) records = g_variant_get_child_value (payload, 1);
      gsize n = g_variant_n_children (records);

      for (gsize i = 0; i < MIN (n, 64); i++)
        {
          g_autoptr(GVariant) pair = g_variant_get_child_value (records, i);
          g_autoptr(GVariant) key = g_variant_get_child_value (pair, 0);
          g_autoptr(BsFullArticle) article = NULL;
          const char *k = g_variant_get_string (key, NULL);

          if (k[0] == '\0')
            continue;
          article = bs_store_load_full_article (store, source_id, k, &error);
          if (article == NULL && error != NULL)
            fail ("loading the article %s of %s: %s", k, source_id, error->message);
          if (article != NULL)
            {
              if (article->url == NULL || article->content == NULL)
                fail ("an article was loaded without its URL or content");
              check_string ("article URL", article->url);
              check_string ("article title", article->title);
              check_string ("article byline", article->byline);
              check_string ("article site", article->site_name);
              check_string ("article content", article->content);
            }
        }
    }

  none = bs_store_load_full_article (store, source_id, "no such key", &error);
  if (none == NULL && error != NULL)
    fail ("looking for a missing article of %s: %s", source_id, error->message);

  all = bs_store_dup_full_articles (store, source_id, &error);
  if (all == NULL && error != NULL)
    fail ("loading the articles of %s: %s", source_id, error->message);
  if (all != NULL && !g_variant_is_normal_form (all))
    fail ("the articles of %s are not in normal form", source_id);
}

static void
load_source (BsStore    *store,
             const char *source_id)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) icon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL, *mime_type = NULL;

  entries = bs_store_load_entries (store, source_id, &error);
  if (entries == NULL)
    fail ("loading the entries of %s: %s", source_id, error->message);
  for (guint i = 0; i < entries->len; i++)
    check_entry (store, g_ptr_array_index (entries, i));

  icon = bs_store_load_icon (store, source_id, &url, &mime_type, &error);
  if (icon == NULL && error != NULL)
    fail ("loading the icon of %s: %s", source_id, error->message);
  if (icon != NULL && (g_bytes_get_size (icon) == 0 || mime_type == NULL || mime_type[0] == '\0'))
    fail ("an empty icon was loaded");
  check_string ("icon URL", url);
  check_string ("icon type", mime_type);
}

/* The input is a store file: as it is when it starts with a magic
 * ("broadsheet-…"), else a selector byte and the serialised payload of a
 * file, which gets a valid header around it, so that what reads the
 * payload is fuzzed rather than the header (random bytes rarely make a
 * valid "(suv)"). The selector picks the kind of file (the low two bits,
 * or an articles file when bit 4 is set) and the format version (bits
 * 2–3: 0 version 2, 1 version 1, else version 3; the older ones go
 * through the migrations).
 *
 * Whatever the file, the store opened read-only loads everything through
 * the public API and every field of every entry and whole article is
 * read, bodies included:
 * nothing crashes, leaks or warns, damage is reported as a load problem,
 * and every string is valid UTF-8. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char prefix[] = "broadsheet-";
  g_autoptr(GVariant) file = NULL;
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(BsStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  GPtrArray *problems;
  g_autoptr(GError) error = NULL;
  g_autofree char *source_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  guint kind;

  if (size == 0)
    return 0;

  if (size >= sizeof prefix - 1 && memcmp (data, prefix, sizeof prefix - 1) == 0)
    {
      g_autoptr(GVariant) wrapped = NULL;

      file = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE (BS_STORE_FILE_TYPE),
                                                          data, size, FALSE, NULL, NULL));
      kind = KIND_ENTRIES;
      for (guint i = 0; i < N_KINDS; i++)
        if (size > strlen (kinds[i].magic)
            && memcmp (data, kinds[i].magic, strlen (kinds[i].magic) + 1) == 0)
          kind = i;
      wrapped = g_variant_get_child_value (file, 2);
      payload = g_variant_get_variant (wrapped);
      source_id = payload_source_id (payload);
    }
  else
    {
      static const guint32 versions[4] = { 2, 1, 3, 3 };
      guint32 version = versions[(data[0] >> 2) & 3];
      const char *type;
      const Kind *k;

      kind = (data[0] & SELECT_ARTICLES) ? KIND_ARTICLES : (data[0] & 3);
      k = &kinds[kind];
      type = k->payload[version - 1];
      payload = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE (type),
                                                             data + 1, size - 1, FALSE,
                                                             NULL, NULL));
      source_id = payload_source_id (payload);
      /* GVariant copies the payload's bytes into the file as they are. */
      file = g_variant_ref_sink (g_variant_new (BS_STORE_FILE_TYPE, k->magic, version,
                                                payload));
      size = g_variant_get_size (file);
      data = g_variant_get_data (file);
    }

  switch (kind)
    {
    case KIND_ENTRIES:
      name = _bs_store_entries_name (source_id);
      break;
    case KIND_SOURCES:
      name = g_strdup (BS_STORE_SOURCES_FILE);
      break;
    case KIND_FLAGS:
      name = g_strdup (BS_STORE_FLAGS_FILE);
      break;
    case KIND_ICON:
      name = _bs_store_icon_name (source_id);
      break;
    case KIND_ARTICLES:
      name = _bs_store_articles_name (source_id);
      break;
    default:
      g_assert_not_reached ();
    }
  path = write_file (name, data, size);

  store = bs_store_new (store_dir);
  if (!bs_store_open (store, FALSE, &error))
    fail ("opening the store: %s", error->message);

  sources = bs_store_load_sources (store, &error);
  if (sources == NULL)
    fail ("loading the sources: %s", error->message);
  for (guint i = 0; i < sources->len; i++)
    {
      BsSource *source = g_ptr_array_index (sources, i);

      check_properties (G_OBJECT (source));
      load_source (store, bs_source_get_id (source));
    }
  load_source (store, source_id);
  load_articles (store, source_id, kind == KIND_ARTICLES ? payload : NULL);

  problems = bs_store_get_load_problems (store);
  for (guint i = 0; i < problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);

      if (problem->domain != BS_STORE_ERROR)
        fail ("a load problem outside BS_STORE_ERROR: %s", problem->message);
      check_string ("load problem", problem->message);
    }

  if (!bs_store_close (store, &error))
    fail ("closing the store: %s", error->message);
  if (g_unlink (path) != 0)
    fail ("cannot remove %s: %s", path, g_strerror (errno));
  return 0;
}
