/* bs-store-format.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-store"

#include "config.h"

#include "bs-entry-record-private.h"
#include "bs-store-private.h"

#include <string.h>

/* Reading and writing the files of the store; the format is described in
 * bs-store-private.h. Nothing here touches the BsStore object. */

/* Turns a payload of one version into a payload of the next one: a new
 * reference, or a floating value. */
typedef GVariant *(*MigrateFunc) (GVariant  *payload,
                                  GError   **error);

static GVariant *
same_payload (GVariant  *payload,
              GError   **error)
{
  return g_variant_ref (payload);
}

/* Version 2 adds the logo URL, the updater's hints and when the icon was
 * last looked for: all unknown. */
static GVariant *
sources_v1_to_v2 (GVariant  *payload,
                  GError   **error)
{
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *record;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (BS_SOURCES_PAYLOAD_V2));
  g_variant_iter_init (&iter, payload);
  while ((record = g_variant_iter_next_value (&iter)) != NULL)
    {
      gsize n = g_variant_n_children (record);

      g_variant_builder_open (&builder, G_VARIANT_TYPE (BS_SOURCE_RECORD_V2));
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) field = g_variant_get_child_value (record, i);

          g_variant_builder_add_value (&builder, field);
        }
      g_variant_builder_add (&builder, "ms", NULL);           /* logo-url */
      g_variant_builder_add (&builder, "u", 0);               /* ttl */
      g_variant_builder_add (&builder, "x", (gint64) -1);     /* max-age */
      g_variant_builder_add (&builder, "x", (gint64) 0);      /* retry-until */
      g_variant_builder_add (&builder, "u", 0);               /* failures */
      g_variant_builder_add (&builder, "x", (gint64) 0);      /* icon-checked */
      g_variant_builder_close (&builder);
      g_variant_unref (record);
    }

  return g_variant_builder_end (&builder);
}

/* Version 3 adds the per-feed options: none were set. */
static GVariant *
sources_v2_to_v3 (GVariant  *payload,
                  GError   **error)
{
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *record;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (BS_SOURCES_PAYLOAD_V3));
  g_variant_iter_init (&iter, payload);
  while ((record = g_variant_iter_next_value (&iter)) != NULL)
    {
      gsize n = g_variant_n_children (record);

      g_variant_builder_open (&builder, G_VARIANT_TYPE (BS_SOURCE_RECORD_V3));
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) field = g_variant_get_child_value (record, i);

          g_variant_builder_add_value (&builder, field);
        }
      g_variant_builder_add_value (&builder, g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
      g_variant_builder_close (&builder);
      g_variant_unref (record);
    }

  return g_variant_builder_end (&builder);
}

/* The migration table: for every kind of file, every version it can read,
 * the type of payload of that version and how to turn it into the next
 * one. Reading a file of version N checks the payload against the row
 * (kind, N) and calls to_next until the current version is reached. A new
 * format version adds a row per changed kind, gives the previous row its
 * to_next, and bumps BS_STORE_FORMAT_VERSION; kinds whose payload did not
 * change get a row whose to_next returns the payload as it is. */
static const struct {
  const char  *magic;
  guint32      version;
  const char  *payload_type;
  MigrateFunc  to_next;       /* NULL for BS_STORE_FORMAT_VERSION */
} formats[] = {
  { BS_STORE_MAGIC_SOURCES, 1, BS_SOURCES_PAYLOAD_V1, sources_v1_to_v2 },
  { BS_STORE_MAGIC_ENTRIES, 1, BS_ENTRIES_PAYLOAD_V1, same_payload },
  { BS_STORE_MAGIC_FLAGS,   1, BS_FLAGS_PAYLOAD_V1,   same_payload },
  { BS_STORE_MAGIC_SOURCES, 2, BS_SOURCES_PAYLOAD_V2, sources_v2_to_v3 },
  { BS_STORE_MAGIC_ENTRIES, 2, BS_ENTRIES_PAYLOAD_V2, same_payload },
  { BS_STORE_MAGIC_FLAGS,   2, BS_FLAGS_PAYLOAD_V2,   same_payload },
  { BS_STORE_MAGIC_ICON,    2, BS_ICON_PAYLOAD_V2,    same_payload },
  { BS_STORE_MAGIC_SOURCES, 3, BS_SOURCES_PAYLOAD_V3, NULL },
  { BS_STORE_MAGIC_ENTRIES, 3, BS_ENTRIES_PAYLOAD_V3, NULL },
  { BS_STORE_MAGIC_FLAGS,   3, BS_FLAGS_PAYLOAD_V3,   NULL },
  { BS_STORE_MAGIC_ICON,    3, BS_ICON_PAYLOAD_V3,    NULL },
  { BS_STORE_MAGIC_ARTICLES, 3, BS_ARTICLES_PAYLOAD_V3, NULL },
};

/* Brings payload, of the given version, to BS_STORE_FORMAT_VERSION. */
static GVariant *
migrate (const char  *magic,
         guint32      version,
         GVariant    *payload,
         GError     **error)
{
  g_autoptr(GVariant) current = g_variant_ref (payload);

  for (;;)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (formats); i++)
        if (strcmp (formats[i].magic, magic) == 0 && formats[i].version == version)
          break;

      if (i == G_N_ELEMENTS (formats))
        {
          g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                       "format version %u is not one Broadsheet ever wrote", version);
          return NULL;
        }

      if (!g_variant_is_of_type (current, G_VARIANT_TYPE (formats[i].payload_type)))
        {
          g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                       "the contents have type %s instead of %s",
                       g_variant_get_type_string (current), formats[i].payload_type);
          return NULL;
        }

      if (version == BS_STORE_FORMAT_VERSION)
        return g_steal_pointer (&current);

      g_assert (formats[i].to_next != NULL);
      {
        GVariant *next = formats[i].to_next (current, error);

        if (next == NULL)
          {
            g_prefix_error (error, "cannot upgrade from format version %u: ", version);
            return NULL;
          }
        g_variant_unref (current);
        current = g_variant_take_ref (next);
        version++;
      }
    }
}

/**
 * _bs_store_read_file:
 * @path: the file
 * @magic: the BS_STORE_MAGIC_* the file must start with
 * @check_all: whether to check the whole file now (small files), rather
 *   than its header and type only (entries files, whose bodies are checked
 *   when they are read)
 * @error: G_FILE_ERROR_NOENT when there is no such file, another
 *   G_FILE_ERROR when it cannot be mapped, BS_STORE_ERROR_CORRUPT or
 *   BS_STORE_ERROR_FUTURE_VERSION
 *
 * Maps @path and returns its payload, upgraded to the current format
 * version. Unless a migration had to build a new value, the payload still
 * points into the mapping.
 */
GVariant *
_bs_store_read_file (const char  *path,
                     const char  *magic,
                     gboolean     check_all,
                     GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) file = NULL;
  g_autoptr(GVariant) magic_v = NULL;
  g_autoptr(GVariant) wrapped = NULL;
  g_autoptr(GVariant) payload = NULL;
  guint32 version;

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;

  /* Untrusted: GVariant checks every access, and an invalid value reads as
   * the default value of its type, which the checks below catch. */
  bytes = g_mapped_file_get_bytes (mapped);
  file = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (BS_STORE_FILE_TYPE),
                                                       bytes, FALSE));

  magic_v = g_variant_get_child_value (file, 0);
  if (!g_variant_is_normal_form (magic_v)
      || strcmp (g_variant_get_string (magic_v, NULL), magic) != 0)
    {
      g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                   "not a Broadsheet file of this kind, or truncated (no “%s” header)",
                   magic);
      return NULL;
    }

  g_variant_get_child (file, 1, "u", &version);
  if (version > BS_STORE_FORMAT_VERSION)
    {
      g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_FUTURE_VERSION,
                   "written in format version %u by a newer Broadsheet; "
                   "this one reads up to version %u",
                   version, BS_STORE_FORMAT_VERSION);
      return NULL;
    }

  if (check_all && !g_variant_is_normal_form (file))
    {
      g_set_error_literal (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                           "the file is damaged");
      return NULL;
    }

  wrapped = g_variant_get_child_value (file, 2);
  payload = g_variant_get_variant (wrapped);

  return migrate (magic, version, payload, error);
}

GHashTable *
_bs_store_flags_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
}

/* Sources */

GPtrArray *
_bs_store_sources_from_payload (GVariant  *payload,
                                GError   **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GEnumClass *kinds = g_type_class_ref (BS_TYPE_SOURCE_ERROR_KIND);
  GVariantIter iter;
  const char *id, *feed_url, *site_url, *title, *custom_title, *folder;
  const char *icon_url, *etag, *last_modified, *error_message, *logo_url;
  gint64 last_check, last_success, max_age, retry_until, icon_checked;
  guint32 error_kind, refresh_interval, ttl, failures;
  GVariant *options;

  g_variant_iter_init (&iter, payload);
  while (g_variant_iter_next (&iter, "(&s&sm&sm&sm&sm&sm&sm&sm&sxxum&sum&suxxux@a{sv})",
                              &id, &feed_url, &site_url, &title, &custom_title,
                              &folder, &icon_url, &etag, &last_modified,
                              &last_check, &last_success, &error_kind,
                              &error_message, &refresh_interval,
                              &logo_url, &ttl, &max_age, &retry_until,
                              &failures, &icon_checked, &options))
    {
      g_autoptr(BsSource) source = NULL;
      g_autoptr(GVariant) owned_options = options;
      gboolean muted = FALSE, full_articles = FALSE;

      if (!bs_source_id_is_valid (id) || g_hash_table_contains (ids, id))
        {
          g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                       "invalid or repeated source id “%s”", id);
          g_type_class_unref (kinds);
          return NULL;
        }
      g_hash_table_add (ids, (char *) id);

      /* g_variant_lookup checks the type: a value of another type reads
       * as the default. */
      g_variant_lookup (options, "notifications-muted", "b", &muted);
      g_variant_lookup (options, "full-articles", "b", &full_articles);

      /* A kind this version does not know reads as a generic failure. */
      if (g_enum_get_value (kinds, error_kind) == NULL)
        error_kind = BS_SOURCE_ERROR_KIND_NETWORK;

      source = bs_source_new_with_id (id, feed_url);
      g_object_set (source,
                    "site-url", site_url,
                    "title", title,
                    "custom-title", custom_title,
                    "folder", folder,
                    "icon-url", icon_url,
                    "etag", etag,
                    "last-modified", last_modified,
                    "last-check", MAX (last_check, 0),
                    "last-success", MAX (last_success, 0),
                    "error-kind", error_kind,
                    "error-message", error_message,
                    "refresh-interval", refresh_interval,
                    "logo-url", logo_url,
                    "ttl", ttl,
                    "max-age", MAX (max_age, -1),
                    "retry-until", MAX (retry_until, 0),
                    "failures", failures,
                    "icon-checked", MAX (icon_checked, 0),
                    "notifications-muted", muted,
                    "full-articles", full_articles,
                    NULL);
      g_ptr_array_add (sources, g_steal_pointer (&source));
    }

  g_type_class_unref (kinds);
  return g_steal_pointer (&sources);
}

GVariant *
_bs_store_sources_to_file (GPtrArray *sources)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (BS_SOURCES_PAYLOAD_V3));
  for (guint i = 0; i < sources->len; i++)
    {
      BsSource *source = g_ptr_array_index (sources, i);
      GVariantBuilder options;

      g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
      if (bs_source_get_notifications_muted (source))
        g_variant_builder_add (&options, "{sv}", "notifications-muted", g_variant_new_boolean (TRUE));
      if (bs_source_get_full_articles (source))
        g_variant_builder_add (&options, "{sv}", "full-articles", g_variant_new_boolean (TRUE));

      g_variant_builder_add (&builder, BS_SOURCE_RECORD_V3,
                             bs_source_get_id (source),
                             bs_source_get_feed_url (source),
                             bs_source_get_site_url (source),
                             bs_source_get_title (source),
                             bs_source_get_custom_title (source),
                             bs_source_get_folder (source),
                             bs_source_get_icon_url (source),
                             bs_source_get_etag (source),
                             bs_source_get_last_modified (source),
                             bs_source_get_last_check (source),
                             bs_source_get_last_success (source),
                             (guint32) bs_source_get_error_kind (source),
                             bs_source_get_error_message (source),
                             (guint32) bs_source_get_refresh_interval (source),
                             bs_source_get_logo_url (source),
                             (guint32) bs_source_get_ttl (source),
                             bs_source_get_max_age (source),
                             bs_source_get_retry_until (source),
                             (guint32) bs_source_get_failures (source),
                             bs_source_get_icon_checked (source),
                             &options);
    }

  return g_variant_new (BS_STORE_FILE_TYPE, BS_STORE_MAGIC_SOURCES,
                        (guint32) BS_STORE_FORMAT_VERSION,
                        g_variant_builder_end (&builder));
}

/* Entries */

GPtrArray *
_bs_store_entries_from_payload (const char  *source_id,
                                GVariant    *payload,
                                GHashTable  *flags,
                                GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GVariant) records = NULL;
  GHashTable *source_flags;
  const char *stored_id;
  guint32 count;
  gsize n;

  g_variant_get_child (payload, 0, "&s", &stored_id);
  if (strcmp (stored_id, source_id) != 0)
    {
      g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                   "the file holds the entries of source “%s”", stored_id);
      return NULL;
    }

  g_variant_get_child (payload, 1, "u", &count);
  records = g_variant_get_child_value (payload, 2);
  n = g_variant_n_children (records);
  if (n != count)
    {
      g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                   "the file should hold %u entries but %" G_GSIZE_FORMAT " are readable",
                   count, n);
      return NULL;
    }

  source_flags = g_hash_table_lookup (flags, source_id);
  entries = g_ptr_array_new_full (n, g_object_unref);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) record = g_variant_get_child_value (records, i);
      BsEntry *entry = _bs_entry_new_from_record (source_id, record, error);
      guint bits;

      if (entry == NULL)
        {
          g_prefix_error (error, "entry %" G_GSIZE_FORMAT ": ", i);
          return NULL;
        }

      if (source_flags != NULL)
        {
          bits = GPOINTER_TO_UINT (g_hash_table_lookup (source_flags,
                                                        bs_entry_get_key (entry)));
          bs_entry_set_read (entry, (bits & BS_STORE_FLAG_READ) != 0);
          bs_entry_set_starred (entry, (bits & BS_STORE_FLAG_STARRED) != 0);
        }

      g_ptr_array_add (entries, entry);
    }

  return g_steal_pointer (&entries);
}

/* Serialised by hand (bs-entry-record.c): the file, "(suv)", around the
 * payload, "(sua" BS_ENTRY_RECORD_V1 ")", around the records. */
GVariant *
_bs_store_entries_to_file (const char *source_id,
                           GPtrArray  *entries)
{
  static const char payload_type[] = BS_ENTRIES_PAYLOAD_V3;
  GString *out = g_string_sized_new (4096);
  g_autofree gsize *records = g_new (gsize, entries->len + 1);
  gsize magic_end, payload, id_end, array;
  g_autoptr(GBytes) bytes = NULL;

  g_assert (bs_source_id_is_valid (source_id));

  _bs_record_writer_string (out, BS_STORE_MAGIC_ENTRIES);
  magic_end = out->len;
  _bs_record_writer_uint32 (out, BS_STORE_FORMAT_VERSION);

  /* v: the payload, a zero byte, its type */
  _bs_record_writer_align (out, 8);
  payload = out->len;
  _bs_record_writer_string (out, source_id);
  id_end = out->len;
  _bs_record_writer_uint32 (out, entries->len);
  _bs_record_writer_align (out, 8);
  array = out->len;
  for (guint i = 0; i < entries->len; i++)
    {
      _bs_entry_append_record (g_ptr_array_index (entries, i), out);
      records[i] = out->len;
    }
  _bs_record_writer_framing (out, array, records, entries->len, FALSE);
  _bs_record_writer_framing (out, payload, &id_end, 1, TRUE);
  g_string_append_c (out, '\0');
  g_string_append_len (out, payload_type, sizeof payload_type - 1);

  _bs_record_writer_framing (out, 0, &magic_end, 1, TRUE);

  /* GString's block comes from g_malloc: aligned for any type. */
  bytes = g_string_free_to_bytes (out);
  return g_variant_new_from_bytes (G_VARIANT_TYPE (BS_STORE_FILE_TYPE), bytes, FALSE);
}

/* Flags */

GHashTable *
_bs_store_flags_from_payload (GVariant  *payload,
                              GError   **error)
{
  g_autoptr(GHashTable) table = _bs_store_flags_table_new ();
  GVariantIter sources;
  const char *source_id;
  GVariantIter *keys;

  g_variant_iter_init (&sources, payload);
  while (g_variant_iter_next (&sources, "{&sa{sy}}", &source_id, &keys))
    {
      GHashTable *source_flags = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, NULL);
      const char *key;
      guint8 bits;

      while (g_variant_iter_next (keys, "{&sy}", &key, &bits))
        {
          bits &= BS_STORE_FLAG_READ | BS_STORE_FLAG_STARRED;
          if (bits != 0)
            g_hash_table_replace (source_flags, g_strdup (key), GUINT_TO_POINTER (bits));
        }
      g_variant_iter_free (keys);

      if (g_hash_table_size (source_flags) > 0)
        g_hash_table_replace (table, g_strdup (source_id), source_flags);
      else
        g_hash_table_unref (source_flags);
    }

  return g_steal_pointer (&table);
}

GVariant *
_bs_store_flags_to_file (GHashTable *flags)
{
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer source_id, source_flags;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (BS_FLAGS_PAYLOAD_V1));
  g_hash_table_iter_init (&iter, flags);
  while (g_hash_table_iter_next (&iter, &source_id, &source_flags))
    {
      GHashTableIter keys;
      gpointer key, bits;

      g_variant_builder_open (&builder, G_VARIANT_TYPE ("{sa{sy}}"));
      g_variant_builder_add (&builder, "s", source_id);
      g_variant_builder_open (&builder, G_VARIANT_TYPE ("a{sy}"));
      g_hash_table_iter_init (&keys, source_flags);
      while (g_hash_table_iter_next (&keys, &key, &bits))
        g_variant_builder_add (&builder, "{sy}", key, (guint8) GPOINTER_TO_UINT (bits));
      g_variant_builder_close (&builder);
      g_variant_builder_close (&builder);
    }

  return g_variant_new (BS_STORE_FILE_TYPE, BS_STORE_MAGIC_FLAGS,
                        (guint32) BS_STORE_FORMAT_VERSION,
                        g_variant_builder_end (&builder));
}

/* Icons */

GBytes *
_bs_store_icon_from_payload (const char  *source_id,
                             GVariant    *payload,
                             char       **url,
                             char       **mime_type,
                             GError     **error)
{
  g_autoptr(GVariant) data = NULL;
  const char *stored_id, *stored_url, *stored_type;

  g_variant_get (payload, "(&s&s&s@ay)", &stored_id, &stored_url, &stored_type, &data);
  if (strcmp (stored_id, source_id) != 0)
    {
      g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                   "the file holds the icon of source “%s”", stored_id);
      return NULL;
    }
  if (g_variant_n_children (data) == 0 || stored_type[0] == '\0')
    {
      g_set_error_literal (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                           "the icon is empty");
      return NULL;
    }

  if (url != NULL)
    *url = g_strdup (stored_url);
  if (mime_type != NULL)
    *mime_type = g_strdup (stored_type);

  return g_variant_get_data_as_bytes (data);
}

GVariant *
_bs_store_icon_to_file (const char *source_id,
                        const char *url,
                        const char *mime_type,
                        GBytes     *data)
{
  GVariant *bytes = g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, data, TRUE);

  return g_variant_new (BS_STORE_FILE_TYPE, BS_STORE_MAGIC_ICON,
                        (guint32) BS_STORE_FORMAT_VERSION,
                        g_variant_new ("(sss@ay)", source_id, url, mime_type, bytes));
}
