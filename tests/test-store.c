/* test-store.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bs-entry.h"
#include "bs-source.h"
#include "bs-store.h"
#include "bs-test-util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define UTF8_TEXT "Ünïcödé — 日本語 🎉"

static char *self_exe;

/* Helpers */

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bs-store-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  bs_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* Counts ::saved per file name. */
static void
saved_cb (BsStore    *store,
          const char *name,
          GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

  g_hash_table_replace (counts, g_strdup (name), GUINT_TO_POINTER (n + 1));
}

static guint
saved_count (GHashTable *counts,
             const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static GHashTable *
watch_saves (BsStore *store)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_signal_connect (store, "saved", G_CALLBACK (saved_cb), counts);
  return counts;
}

static void
wait_for_save (GHashTable *counts,
               const char *name,
               guint       count)
{
  while (saved_count (counts, name) < count)
    g_main_context_iteration (NULL, TRUE);
}

static BsSource *
full_source (const char *url,
             int         n)
{
  BsSource *source = bs_source_new (url);
  g_autofree char *title = g_strdup_printf ("%s %d", UTF8_TEXT, n);

  g_object_set (source,
                "site-url", "https://example.com/",
                "title", title,
                "custom-title", n % 2 ? "Custom" : NULL,
                "folder", n % 2 ? "Planets" : NULL,
                "icon-url", "https://example.com/favicon.ico",
                "etag", "\"abc-123\"",
                "last-modified", "Tue, 03 Mar 2026 10:00:00 GMT",
                "last-check", (gint64) 1772500000 + n,
                "last-success", (gint64) 1772400000 + n,
                "error-kind", n % 2 ? BS_SOURCE_ERROR_KIND_TLS : BS_SOURCE_ERROR_KIND_NONE,
                "error-message", n % 2 ? "certificate expired" : NULL,
                "refresh-interval", (guint) (n * 15),
                NULL);
  return source;
}

static void
assert_same_source (BsSource *a,
                    BsSource *b)
{
  static const char *strings[] = {
    "id", "feed-url", "site-url", "title", "custom-title", "folder", "icon-url",
    "etag", "last-modified", "error-message",
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *x = NULL, *y = NULL;

      g_object_get (a, strings[i], &x, NULL);
      g_object_get (b, strings[i], &y, NULL);
      g_assert_cmpstr (x, ==, y);
    }
  g_assert_cmpint (bs_source_get_last_check (a), ==, bs_source_get_last_check (b));
  g_assert_cmpint (bs_source_get_last_success (a), ==, bs_source_get_last_success (b));
  g_assert_cmpint (bs_source_get_error_kind (a), ==, bs_source_get_error_kind (b));
  g_assert_cmpuint (bs_source_get_refresh_interval (a), ==, bs_source_get_refresh_interval (b));
}

static char *
content_of (int n)
{
  return g_strdup_printf ("<p>%s, article %d.</p>%s", UTF8_TEXT, n,
                          n % 7 == 0 ? "<p>A longer paragraph to make bodies of several sizes.</p>" : "");
}

static BsEntry *
full_entry (const char *source_id,
            int         n)
{
  g_autofree char *key = g_strdup_printf ("https://example.com/%d", n);
  g_autofree char *title = g_strdup_printf ("%s %d", UTF8_TEXT, n);
  g_autofree char *content = content_of (n);
  g_autoptr(GPtrArray) enclosures = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_entry_enclosure_free);
  const char *categories[] = { "gnome", UTF8_TEXT, NULL };
  BsEntry *entry = bs_entry_new (source_id, key);

  if (n % 3 == 0)
    {
      g_ptr_array_add (enclosures, bs_entry_enclosure_new ("https://example.com/a.mp3", "audio/mpeg", 123456));
      g_ptr_array_add (enclosures, bs_entry_enclosure_new ("https://example.com/b", NULL, -1));
    }

  /* every other entry leaves the optional fields out */
  g_object_set (entry,
                "title", title,
                "link", n % 2 ? NULL : key,
                "author", n % 2 ? NULL : "Ada",
                "published", n % 2 ? BS_DATE_NONE : (gint64) 1700000000 + n,
                "updated", n % 2 ? BS_DATE_NONE : (gint64) -86400,
                "summary", n % 2 ? NULL : "<p>summary</p>",
                "content", content,
                "thumbnail", n % 2 ? NULL : "https://example.com/t.png",
                "categories", n % 2 ? NULL : categories,
                "enclosures", enclosures,
                "first-seen", (gint64) 1772000000 + n,
                NULL);
  return entry;
}

static void
assert_same_entry (BsEntry *a,
                   BsEntry *b)
{
  GPtrArray *ea = bs_entry_get_enclosures (a);
  GPtrArray *eb = bs_entry_get_enclosures (b);
  const char * const *ca = bs_entry_get_categories (a);
  const char * const *cb = bs_entry_get_categories (b);

  g_assert_cmpstr (bs_entry_get_key (a), ==, bs_entry_get_key (b));
  g_assert_cmpstr (bs_entry_get_source_id (a), ==, bs_entry_get_source_id (b));
  g_assert_cmpstr (bs_entry_get_title (a), ==, bs_entry_get_title (b));
  g_assert_cmpstr (bs_entry_get_link (a), ==, bs_entry_get_link (b));
  g_assert_cmpstr (bs_entry_get_author (a), ==, bs_entry_get_author (b));
  g_assert_cmpint (bs_entry_get_published (a), ==, bs_entry_get_published (b));
  g_assert_cmpint (bs_entry_get_updated (a), ==, bs_entry_get_updated (b));
  g_assert_cmpstr (bs_entry_get_summary (a), ==, bs_entry_get_summary (b));
  g_assert_cmpstr (bs_entry_get_content (a), ==, bs_entry_get_content (b));
  g_assert_cmpstr (bs_entry_get_thumbnail (a), ==, bs_entry_get_thumbnail (b));
  g_assert_cmpint (bs_entry_get_first_seen (a), ==, bs_entry_get_first_seen (b));
  g_assert_cmpint (bs_entry_get_read (a), ==, bs_entry_get_read (b));
  g_assert_cmpint (bs_entry_get_starred (a), ==, bs_entry_get_starred (b));

  g_assert_true ((ca == NULL) == (cb == NULL));
  if (ca != NULL)
    g_assert_true (g_strv_equal (ca, cb));

  g_assert_cmpuint (ea->len, ==, eb->len);
  for (guint i = 0; i < ea->len; i++)
    {
      BsEntryEnclosure *x = g_ptr_array_index (ea, i);
      BsEntryEnclosure *y = g_ptr_array_index (eb, i);

      g_assert_cmpstr (x->url, ==, y->url);
      g_assert_cmpstr (x->type, ==, y->type);
      g_assert_cmpint (x->length, ==, y->length);
    }
}

static GPtrArray *
make_entries (const char *source_id,
              int         first,
              int         count)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = first; i < first + count; i++)
    g_ptr_array_add (entries, full_entry (source_id, i));
  return entries;
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       size)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static void
assert_no_corrupt_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_assert_null (strstr (name, ".corrupt"));
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        assert_no_corrupt_files (child);
    }
}

/* Round trips */

static void
test_sources_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  /* nothing saved yet */
  loaded = bs_store_load_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.com/%d/feed.xml", 19 - i);

      g_ptr_array_add (sources, full_source (url, i));
    }
  /* the barest source: only a URL */
  g_ptr_array_add (sources, bs_source_new ("https://bare.example/"));

  bs_store_save_sources (store, sources);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, FALSE);
  loaded = bs_store_load_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, sources->len);
  /* the user's order, not sorted */
  for (guint i = 0; i < sources->len; i++)
    assert_same_source (g_ptr_array_index (sources, i), g_ptr_array_index (loaded, i));
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);
  bs_test_close_store (store);
}

static void
test_entries_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = make_entries ("abc", 0, 1000);
  g_autoptr(GPtrArray) other = make_entries ("other", 5000, 3);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  for (guint i = 0; i < entries->len; i += 3)
    {
      BsEntry *entry = g_ptr_array_index (entries, i);

      bs_entry_set_read (entry, TRUE);
      bs_entry_set_starred (entry, i % 2 == 0);
      bs_store_set_flags (store, "abc", bs_entry_get_key (entry), TRUE, i % 2 == 0);
    }

  bs_store_save_entries (store, "abc", entries);
  bs_store_save_entries (store, "other", other);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, FALSE);
  loaded = bs_store_load_entries (store, "abc", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, entries->len);
  for (guint i = 0; i < entries->len; i++)
    assert_same_entry (g_ptr_array_index (entries, i), g_ptr_array_index (loaded, i));
  g_clear_pointer (&loaded, g_ptr_array_unref);

  loaded = bs_store_load_entries (store, "other", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  assert_same_entry (g_ptr_array_index (other, 2), g_ptr_array_index (loaded, 2));
  g_clear_pointer (&loaded, g_ptr_array_unref);

  /* a source with no file has no entries; an id that is not one is refused */
  loaded = bs_store_load_entries (store, "nothing", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_assert_null (bs_store_load_entries (store, "../flags", &error));
  g_assert_error (error, BS_STORE_ERROR, BS_STORE_ERROR_INVALID_ID);

  bs_test_close_store (store);
}

/* Whether p points into a mapping of the file at path. */
static gboolean
points_into_mapping (const void *p,
                     const char *path)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  guintptr addr = (guintptr) p;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      unsigned long start, end;

      if (strstr (lines[i], path) != NULL
          && sscanf (lines[i], "%lx-%lx", &start, &end) == 2
          && addr >= start && addr < end)
        return TRUE;
    }

  return FALSE;
}

static void
test_bodies_lazy (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = make_entries ("lazy", 0, 200);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, "entries/lazy.gvariant");
  g_autoptr(GString) big = g_string_new (NULL);
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);
  const char *content;
  BsEntry *first;

  while (big->len < 256 * 1024)
    g_string_append (big, "<p>" UTF8_TEXT "</p>");
  bs_entry_set_content (g_ptr_array_index (entries, 0), big->str);

  bs_store_save_entries (store, "lazy", entries);
  bs_test_flush_store (store);

  loaded = bs_store_load_entries (store, "lazy", &error);
  g_assert_no_error (error);
  first = g_ptr_array_index (loaded, 0);

  /* the titles are there, and the body, when asked for, is read in place
   * from the mapped file: it was never copied into memory */
  g_assert_cmpstr (bs_entry_get_title (first), ==, bs_entry_get_title (g_ptr_array_index (entries, 0)));
  content = bs_entry_get_content (first);
  g_assert_cmpstr (content, ==, big->str);
  g_assert_true (points_into_mapping (content, path));
  g_assert_true (points_into_mapping (bs_entry_get_summary (g_ptr_array_index (loaded, 2)), path));
  g_assert_false (points_into_mapping (bs_entry_get_title (first), path));

  /* saving entries loaded from the store writes their bodies back intact,
   * the set one included */
  bs_entry_set_content (g_ptr_array_index (loaded, 1), "<p>changed</p>");
  bs_store_save_entries (store, "lazy", loaded);
  bs_test_flush_store (store);
  again = bs_store_load_entries (store, "lazy", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 200);
  g_assert_cmpstr (bs_entry_get_content (g_ptr_array_index (again, 0)), ==, big->str);
  g_assert_cmpstr (bs_entry_get_content (g_ptr_array_index (again, 1)), ==, "<p>changed</p>");
  for (guint i = 2; i < again->len; i++)
    assert_same_entry (g_ptr_array_index (entries, i), g_ptr_array_index (again, i));

  bs_test_close_store (store);
}

static void
test_flags_do_not_rewrite_entries (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = make_entries ("src", 0, 50);
  g_autoptr(GHashTable) saves = NULL;
  g_autofree char *path = path_in (fixture, "entries/src.gvariant");
  g_autoptr(GPtrArray) loaded = NULL;
  struct stat before, after;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  saves = watch_saves (store);
  bs_store_save_entries (store, "src", entries);
  bs_test_flush_store (store);
  g_assert_cmpuint (saved_count (saves, "entries/src.gvariant"), ==, 1);
  g_assert_no_errno (stat (path, &before));

  for (guint i = 0; i < entries->len; i++)
    bs_store_set_flags (store, "src", bs_entry_get_key (g_ptr_array_index (entries, i)),
                        TRUE, i == 7);
  wait_for_save (saves, "flags.gvariant", 1);
  bs_store_set_flags (store, "src", bs_entry_get_key (g_ptr_array_index (entries, 3)), FALSE, FALSE);
  bs_test_flush_store (store);

  g_assert_no_errno (stat (path, &after));
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtim.tv_sec, ==, after.st_mtim.tv_sec);
  g_assert_cmpint (before.st_mtim.tv_nsec, ==, after.st_mtim.tv_nsec);
  g_assert_cmpuint (saved_count (saves, "entries/src.gvariant"), ==, 1);
  g_assert_cmpuint (saved_count (saves, "flags.gvariant"), ==, 2);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, FALSE);
  loaded = bs_store_load_entries (store, "src", NULL);
  for (guint i = 0; i < loaded->len; i++)
    {
      BsEntry *entry = g_ptr_array_index (loaded, i);

      g_assert_cmpint (bs_entry_get_read (entry), ==, i != 3);
      g_assert_cmpint (bs_entry_get_starred (entry), ==, i == 7);
    }
  bs_test_close_store (store);
}

/* Coalescing */

typedef struct {
  BsStore *store;
  gboolean done;
} Chain;

/* A change made while a write is reported is written too. */
static void
change_after_save_cb (BsStore    *store,
                      const char *name,
                      Chain      *chain)
{
  if (!chain->done && strcmp (name, "flags.gvariant") == 0)
    {
      chain->done = TRUE;
      bs_store_set_flags (store, "s", "late", FALSE, TRUE);
    }
}

static void
test_coalescing (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) saves = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);
  Chain chain = { store, FALSE };
  gboolean read, starred;

  saves = watch_saves (store);
  g_ptr_array_add (sources, bs_source_new ("https://example.com/feed"));

  /* many changes within one window: one write per file */
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%d", i);

      bs_store_set_flags (store, "s", key, TRUE, FALSE);
      if (i % 20 == 0)
        {
          g_autoptr(GPtrArray) entries = make_entries ("s", 0, i + 1);

          bs_store_save_entries (store, "s", entries);
          bs_store_save_sources (store, sources);
        }
    }
  wait_for_save (saves, "flags.gvariant", 1);
  wait_for_save (saves, "sources.gvariant", 1);
  wait_for_save (saves, "entries/s.gvariant", 1);
  bs_test_flush_store (store);
  g_assert_cmpuint (saved_count (saves, "flags.gvariant"), ==, 1);
  g_assert_cmpuint (saved_count (saves, "sources.gvariant"), ==, 1);
  g_assert_cmpuint (saved_count (saves, "entries/s.gvariant"), ==, 1);
  g_assert_cmpuint (g_hash_table_size (saves), ==, 3);

  /* the last version of each was written */
  loaded = bs_store_load_entries (store, "s", NULL);
  g_assert_cmpuint (loaded->len, ==, 181);

  /* a change made while the write is being reported gets its own write */
  g_signal_connect (store, "saved", G_CALLBACK (change_after_save_cb), &chain);
  bs_store_set_flags (store, "s", "k0", FALSE, TRUE);
  wait_for_save (saves, "flags.gvariant", 3);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, FALSE);
  for (int i = 1; i < 200; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%d", i);

      g_assert_true (bs_store_get_flags (store, "s", key, &read, &starred));
      g_assert_true (read);
      g_assert_false (starred);
    }
  g_assert_true (bs_store_get_flags (store, "s", "k0", &read, &starred));
  g_assert_false (read);
  g_assert_true (starred);
  g_assert_true (bs_store_get_flags (store, "s", "late", &read, &starred));
  g_assert_true (starred);
  bs_test_close_store (store);
}

static void
test_save_delay (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) saves = NULL;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);
  g_autofree char *path = path_in (fixture, "flags.gvariant");

  g_assert_cmpuint (BS_STORE_DEFAULT_SAVE_DELAY, ==, 2000);
  g_assert_cmpuint (BS_STORE_DEFAULT_ENTRIES_SAVE_DELAY, ==, 5000);

  /* within the window nothing is written; flush writes it at once */
  saves = watch_saves (store);
  bs_store_set_save_delay (store, 60 * 60 * 1000);
  bs_store_set_flags (store, "s", "k", TRUE, FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  bs_test_flush_store (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (saved_count (saves, "flags.gvariant"), ==, 1);

  /* closing flushes */
  bs_store_set_flags (store, "s", "k2", TRUE, FALSE);
  bs_test_close_store (store);
  store = bs_test_open_store (fixture->dir, FALSE);
  g_assert_true (bs_store_get_flags (store, "s", "k2", NULL, NULL));
  bs_test_close_store (store);
}

static void
test_remove_source (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = make_entries ("gone", 0, 5);
  g_autofree char *path = path_in (fixture, "entries/gone.gvariant");
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  bs_store_save_entries (store, "gone", entries);
  bs_store_set_flags (store, "gone", "https://example.com/1", TRUE, TRUE);
  bs_store_set_flags (store, "kept", "x", TRUE, FALSE);
  bs_test_flush_store (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  bs_store_remove_source (store, "gone");
  g_assert_false (bs_store_get_flags (store, "gone", "https://example.com/1", NULL, NULL));
  bs_test_close_store (store);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = bs_test_open_store (fixture->dir, FALSE);
  g_assert_false (bs_store_get_flags (store, "gone", "https://example.com/1", NULL, NULL));
  g_assert_true (bs_store_get_flags (store, "kept", "x", NULL, NULL));
  bs_test_close_store (store);
}

/* Damaged files */

static void
write_valid_store (const char *dir)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) a = make_entries ("aaa", 0, 30);
  g_autoptr(GPtrArray) b = make_entries ("bbb", 100, 30);
  BsStore *store = bs_test_open_store (dir, TRUE);

  g_ptr_array_add (sources, bs_source_new_with_id ("aaa", "https://a.example/feed"));
  g_ptr_array_add (sources, bs_source_new_with_id ("bbb", "https://b.example/feed"));
  bs_store_save_sources (store, sources);
  bs_store_save_entries (store, "aaa", a);
  bs_store_save_entries (store, "bbb", b);
  bs_store_set_flags (store, "aaa", "https://example.com/1", TRUE, FALSE);
  bs_store_set_flags (store, "bbb", "https://example.com/101", TRUE, TRUE);
  bs_test_close_store (store);
}

typedef enum {
  DAMAGE_GARBAGE,
  DAMAGE_TRUNCATED,
  DAMAGE_EMPTY,
  DAMAGE_WRONG_MAGIC,
  DAMAGE_WRONG_TYPE,
  DAMAGE_VERSION_0,
  N_DAMAGES
} Damage;

/* A first refresh saves the entries of every source at once. Their files
 * are written a few megabytes per job (the serialised values copy every
 * string, so one job for all of them doubled the memory entries take),
 * in the background and on flush, and every one of them is written. */
static void
test_large_save_in_jobs (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GHashTable) saves = NULL;
  g_autoptr(GString) body = g_string_new ("<p>");
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);
  const int n_sources = 12;

  /* 12 sources of ~600 KB each: about twice the per-job budget */
  while (body->len < 600 * 1024)
    g_string_append (body, UTF8_TEXT " ");
  g_string_append (body, "</p>");

  saves = watch_saves (store);
  for (int round = 0; round < 2; round++)
    {
      /* round 0 in the background with no window, round 1 on flush */
      g_object_set (store, "entries-save-delay", round == 0 ? 0 : 60000, NULL);
      for (int i = 0; i < n_sources; i++)
        {
          g_autofree char *id = g_strdup_printf ("s%d", i);
          g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
          BsEntry *entry = bs_entry_new (id, "https://example.com/big");

          g_object_set (entry, "title", id, "content", body->str, "first-seen", (gint64) round, NULL);
          g_ptr_array_add (entries, entry);
          bs_store_save_entries (store, id, entries);
        }
      if (round == 0)
        for (int i = 0; i < n_sources; i++)
          {
            g_autofree char *name = g_strdup_printf ("entries/s%d.gvariant", i);

            wait_for_save (saves, name, 1);
          }
      else
        bs_test_flush_store (store);

      for (int i = 0; i < n_sources; i++)
        {
          g_autofree char *id = g_strdup_printf ("s%d", i);
          g_autofree char *name = g_strdup_printf ("entries/%s.gvariant", id);
          g_autoptr(GPtrArray) loaded = bs_store_load_entries (store, id, NULL);

          g_assert_cmpuint (saved_count (saves, name), ==, round + 1);
          g_assert_nonnull (loaded);
          g_assert_cmpuint (loaded->len, ==, 1);
          g_assert_cmpstr (bs_entry_get_content (g_ptr_array_index (loaded, 0)), ==, body->str);
          g_assert_cmpint (bs_entry_get_first_seen (g_ptr_array_index (loaded, 0)), ==, round);
        }
    }
  bs_test_close_store (store);
}

static const char *damage_names[] = {
  "garbage", "truncated", "empty", "wrong magic", "wrong type", "version 0",
};

static void
damage_file (const char *dir,
             const char *name,
             Damage      damage)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize size = g_bytes_get_size (bytes);
  g_autoptr(GVariant) value = NULL;

  switch (damage)
    {
    case DAMAGE_GARBAGE:
      {
        g_autofree guint8 *noise = g_malloc (size);

        for (gsize i = 0; i < size; i++)
          noise[i] = g_test_rand_int_range (0, 256);
        write_bytes (path, noise, size);
      }
      break;
    case DAMAGE_TRUNCATED:
      write_bytes (path, g_bytes_get_data (bytes, NULL), size * 2 / 3);
      break;
    case DAMAGE_EMPTY:
      write_bytes (path, "", 0);
      break;
    case DAMAGE_WRONG_MAGIC:
      /* a valid file of another kind */
      value = g_variant_ref_sink (g_variant_new ("(suv)", "broadsheet-other", 1,
                                                 g_variant_new_string ("x")));
      write_bytes (path, g_variant_get_data (value), g_variant_get_size (value));
      break;
    case DAMAGE_WRONG_TYPE:
      /* the right header, a payload of the wrong type */
      value = g_variant_ref_sink (g_variant_new ("(suv)",
                                                 strcmp (name, "flags.gvariant") == 0 ? "broadsheet-flags"
                                                 : strcmp (name, "sources.gvariant") == 0 ? "broadsheet-sources"
                                                 : "broadsheet-entries",
                                                 1, g_variant_new ("(ii)", 1, 2)));
      write_bytes (path, g_variant_get_data (value), g_variant_get_size (value));
      break;
    case DAMAGE_VERSION_0:
      value = g_variant_ref_sink (g_variant_new ("(suv)",
                                                 strcmp (name, "flags.gvariant") == 0 ? "broadsheet-flags"
                                                 : strcmp (name, "sources.gvariant") == 0 ? "broadsheet-sources"
                                                 : "broadsheet-entries",
                                                 0, g_variant_new ("a{sa{sy}}", NULL)));
      write_bytes (path, g_variant_get_data (value), g_variant_get_size (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_damaged_files (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *files[] = {
    "sources.gvariant", "flags.gvariant", "entries/aaa.gvariant",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    for (int damage = 0; damage < N_DAMAGES; damage++)
      {
        g_autofree char *damaged = path_in (fixture, files[f]);
        g_autofree char *aside = g_strconcat (damaged, ".corrupt", NULL);
        g_autoptr(GPtrArray) sources = NULL;
        g_autoptr(GPtrArray) a = NULL;
        g_autoptr(GPtrArray) b = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) before = NULL;
        g_autoptr(GBytes) kept = NULL;
        GPtrArray *problems;
        GError *problem;
        BsStore *store;
        guint events = 0;

        g_test_message ("%s: %s", files[f], damage_names[damage]);
        write_valid_store (fixture->dir);
        damage_file (fixture->dir, files[f], damage);
        before = read_bytes (damaged);

        store = bs_store_new (fixture->dir);
        g_signal_connect_swapped (store, "load-problem", G_CALLBACK (g_atomic_int_inc), &events);
        bs_store_open (store, TRUE, &error);
        g_assert_no_error (error);
        sources = bs_store_load_sources (store, &error);
        g_assert_no_error (error);
        a = bs_store_load_entries (store, "aaa", &error);
        g_assert_no_error (error);
        b = bs_store_load_entries (store, "bbb", &error);
        g_assert_no_error (error);

        /* reported once, naming the file and where it went */
        problems = bs_store_get_load_problems (store);
        g_assert_cmpuint (problems->len, ==, 1);
        g_assert_cmpuint (events, ==, 1);
        problem = g_ptr_array_index (problems, 0);
        g_assert_error (problem, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT);
        g_assert_nonnull (strstr (problem->message, aside));

        /* set aside untouched */
        g_assert_false (g_file_test (damaged, G_FILE_TEST_EXISTS));
        kept = read_bytes (aside);
        g_assert_true (g_bytes_equal (before, kept));

        /* the rest loads */
        g_assert_cmpuint (sources->len, ==, f == 0 ? 0 : 2);
        g_assert_cmpuint (a->len, ==, f == 2 ? 0 : 30);
        g_assert_cmpuint (b->len, ==, 30);
        g_assert_true (bs_entry_get_read (g_ptr_array_index (b, 1)) == (f != 1));
        g_assert_true (bs_entry_get_starred (g_ptr_array_index (b, 1)) == (f != 1));
        {
          g_autofree char *content = content_of (129);

          g_assert_cmpstr (bs_entry_get_content (g_ptr_array_index (b, 29)), ==, content);
        }
        bs_test_close_store (store);

        bs_test_remove_tree (fixture->dir);
        g_assert_no_errno (g_mkdir (fixture->dir, 0700));
      }
}

static void
test_corrupt_numbering (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "flags.gvariant");

  for (int round = 0; round < 3; round++)
    {
      BsStore *store;

      write_bytes (path, "not a store file", 16);
      store = bs_test_open_store (fixture->dir, TRUE);
      g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 1);
      bs_test_close_store (store);
    }

  for (int n = 0; n < 3; n++)
    {
      g_autofree char *aside = n == 0 ? g_strconcat (path, ".corrupt", NULL)
                                      : g_strdup_printf ("%s.corrupt.%d", path, n);

      g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
    }
}

static void
test_read_only_leaves_damage (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "sources.gvariant");
  g_autoptr(GPtrArray) sources = NULL;
  BsStore *store;

  write_bytes (path, "garbage", 7);
  store = bs_test_open_store (fixture->dir, FALSE);
  g_assert_false (bs_store_get_writable (store));
  sources = bs_store_load_sources (store, NULL);
  g_assert_cmpuint (sources->len, ==, 0);
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 1);
  /* a reader does not move the writer's files */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  bs_test_close_store (store);
}

/* A file of format version 99: reported, left exactly as it is, and never
 * written over. */
static void
test_future_version (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *magic;
  } files[] = {
    { "flags.gvariant", "broadsheet-flags" },
    { "entries/aaa.gvariant", "broadsheet-entries" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = path_in (fixture, files[f].name);
      g_autoptr(GVariant) future = NULL;
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GPtrArray) a = NULL;
      g_autoptr(GPtrArray) b = NULL;
      g_autoptr(GPtrArray) entries = make_entries ("aaa", 0, 2);
      g_autoptr(GError) error = NULL;
      g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
      GError *problem;
      BsStore *store;

      write_valid_store (fixture->dir);
      future = g_variant_ref_sink (g_variant_new ("(suv)", files[f].magic, 99,
                                                  g_variant_new ("(sx)", "something new", (gint64) 42)));
      write_bytes (path, g_variant_get_data (future), g_variant_get_size (future));
      before = read_bytes (path);

      store = bs_test_open_store (fixture->dir, TRUE);
      a = bs_store_load_entries (store, "aaa", &error);
      g_assert_no_error (error);
      b = bs_store_load_entries (store, "bbb", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 1);
      problem = g_ptr_array_index (bs_store_get_load_problems (store), 0);
      g_assert_error (problem, BS_STORE_ERROR, BS_STORE_ERROR_FUTURE_VERSION);
      g_assert_nonnull (strstr (problem->message, path));
      g_assert_nonnull (strstr (problem->message, "99"));
      g_assert_cmpuint (a->len, ==, f == 1 ? 0 : 30);
      g_assert_cmpuint (b->len, ==, 30);

      /* writing that file is refused, the others are written */
      bs_store_set_flags (store, "bbb", "new", TRUE, FALSE);
      bs_store_save_entries (store, "aaa", entries);
      g_assert_false (bs_store_flush (store, &error));
      g_assert_error (error, BS_STORE_ERROR, BS_STORE_ERROR_FUTURE_VERSION);
      g_clear_error (&error);
      bs_store_close (store, NULL);
      g_object_unref (store);

      after = read_bytes (path);
      g_assert_true (g_bytes_equal (before, after));
      g_assert_false (g_file_test (aside, G_FILE_TEST_EXISTS));

      store = bs_test_open_store (fixture->dir, FALSE);
      g_clear_pointer (&b, g_ptr_array_unref);
      b = bs_store_load_entries (store, "bbb", NULL);
      g_assert_cmpuint (b->len, ==, 30);
      if (f == 1)
        g_assert_true (bs_store_get_flags (store, "bbb", "new", NULL, NULL));
      bs_test_close_store (store);

      bs_test_remove_tree (fixture->dir);
      g_assert_no_errno (g_mkdir (fixture->dir, 0700));
    }
}

/* The data of tests/data/store/v1, v2 and v3: v2 is v1 rewritten by
 * format version 2, with the fields version 2 added set on "planet" and
 * an icon; v3 is v2 rewritten by version 3, with both of the options
 * version 3 added set on "planet". */
static void
check_fixture_data (BsStore   *store,
                    GPtrArray *sources,
                    GPtrArray *entries,
                    guint      version)
{
  gboolean v2_fields = version >= 2;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) icon = NULL;
  g_autofree char *icon_url = NULL;
  g_autofree char *icon_type = NULL;
  BsSource *source;
  BsEntry *entry;
  BsEntryEnclosure *enc;
  gboolean read, starred;

  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);

  g_assert_cmpuint (sources->len, ==, 2);
  source = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (bs_source_get_id (source), ==, "planet");
  g_assert_cmpstr (bs_source_get_feed_url (source), ==, "https://planet.example.org/atom.xml");
  g_assert_cmpstr (bs_source_get_site_url (source), ==, "https://planet.example.org/");
  g_assert_cmpstr (bs_source_get_title (source), ==, "Planet Exämple");
  g_assert_cmpstr (bs_source_get_display_title (source), ==, "My planet");
  g_assert_cmpstr (bs_source_get_folder (source), ==, "GNOME");
  g_assert_cmpstr (bs_source_get_icon_url (source), ==, "https://planet.example.org/icon.png");
  g_assert_cmpstr (bs_source_get_etag (source), ==, "\"v1\"");
  g_assert_cmpstr (bs_source_get_last_modified (source), ==, "Sun, 01 Mar 2026 12:00:00 GMT");
  g_assert_cmpint (bs_source_get_last_check (source), ==, 1772366400);
  g_assert_cmpint (bs_source_get_last_success (source), ==, 1772366000);
  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_HTTP);
  g_assert_cmpstr (bs_source_get_error_message (source), ==, "503 Service Unavailable");
  g_assert_cmpuint (bs_source_get_refresh_interval (source), ==, 30);
  g_assert_true (bs_source_get_notifications_muted (source) == (version >= 3));
  g_assert_true (bs_source_get_full_articles (source) == (version >= 3));
  icon = bs_store_load_icon (store, "planet", &icon_url, &icon_type, &error);
  g_assert_no_error (error);
  if (v2_fields)
    {
      g_assert_cmpstr (bs_source_get_logo_url (source), ==, "https://planet.example.org/logo.svg");
      g_assert_cmpuint (bs_source_get_ttl (source), ==, 120);
      g_assert_cmpint (bs_source_get_max_age (source), ==, 1800);
      g_assert_cmpint (bs_source_get_retry_until (source), ==, 1772370000);
      g_assert_cmpuint (bs_source_get_failures (source), ==, 3);
      g_assert_cmpint (bs_source_get_icon_checked (source), ==, 1772366100);
      g_assert_nonnull (icon);
      g_assert_cmpuint (g_bytes_get_size (icon), ==, 33);
      g_assert_cmpmem (g_bytes_get_data (icon, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
      g_assert_cmpstr (icon_url, ==, "https://planet.example.org/favicon.png");
      g_assert_cmpstr (icon_type, ==, "image/png");
    }
  else
    {
      /* what version 1 did not know is unknown */
      g_assert_null (bs_source_get_logo_url (source));
      g_assert_cmpuint (bs_source_get_ttl (source), ==, 0);
      g_assert_cmpint (bs_source_get_max_age (source), ==, -1);
      g_assert_cmpint (bs_source_get_retry_until (source), ==, 0);
      g_assert_cmpuint (bs_source_get_failures (source), ==, 0);
      g_assert_cmpint (bs_source_get_icon_checked (source), ==, 0);
      g_assert_null (icon);
    }
  source = g_ptr_array_index (sources, 1);
  g_assert_cmpstr (bs_source_get_id (source), ==, "bare");
  g_assert_null (bs_source_get_title (source));
  g_assert_cmpint (bs_source_get_last_check (source), ==, 0);
  g_assert_cmpint (bs_source_get_max_age (source), ==, -1);
  g_assert_false (bs_source_get_notifications_muted (source));
  g_assert_false (bs_source_get_full_articles (source));

  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (bs_entry_get_key (entry), ==, "tag:planet.example.org,2026:1");
  g_assert_cmpstr (bs_entry_get_title (entry), ==, "Hello, wörld");
  g_assert_cmpstr (bs_entry_get_link (entry), ==, "https://planet.example.org/1");
  g_assert_cmpstr (bs_entry_get_author (entry), ==, "Ada");
  g_assert_cmpint (bs_entry_get_published (entry), ==, 1772300000);
  g_assert_cmpint (bs_entry_get_updated (entry), ==, 1772310000);
  g_assert_cmpstr (bs_entry_get_summary (entry), ==, "<p>Short</p>");
  g_assert_cmpstr (bs_entry_get_content (entry), ==, "<p>Long <em>content</em></p>");
  g_assert_cmpstr (bs_entry_get_thumbnail (entry), ==, "https://planet.example.org/t.png");
  g_assert_cmpstr (bs_entry_get_categories (entry)[1], ==, "gtk");
  enc = g_ptr_array_index (bs_entry_get_enclosures (entry), 0);
  g_assert_cmpstr (enc->url, ==, "https://planet.example.org/e.ogg");
  g_assert_cmpstr (enc->type, ==, "audio/ogg");
  g_assert_cmpint (enc->length, ==, 4096);
  g_assert_cmpint (bs_entry_get_first_seen (entry), ==, 1772366400);
  g_assert_true (bs_entry_get_read (entry));
  g_assert_true (bs_entry_get_starred (entry));
  entry = g_ptr_array_index (entries, 1);
  g_assert_null (bs_entry_get_title (entry));
  g_assert_null (bs_entry_get_content (entry));
  g_assert_cmpint (bs_entry_get_published (entry), ==, BS_DATE_NONE);
  g_assert_false (bs_entry_get_read (entry));
  g_assert_true (bs_store_get_flags (store, "planet", "gone-from-the-feed", &read, &starred));
  g_assert_true (read);
  g_assert_false (starred);
}

static guint32
file_version (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GVariant) file = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("(suv)"),
                                                                             bytes, FALSE));
  guint32 version;

  g_variant_get_child (file, 1, "u", &version);
  return version;
}

/* Files written by format version 1, kept in tests/data/store/v1, must
 * always load; saved again, they are written in the current version and
 * load with the same data. */
static void
test_format_v1 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *v1 = g_test_build_filename (G_TEST_DIST, "data", "store", "v1", NULL);
  g_autofree char *sources_file = g_build_filename (v1, "sources.gvariant", NULL);
  g_autofree char *rewritten = path_in (fixture, "sources.gvariant");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  BsStore *store = bs_test_open_store (v1, FALSE);

  g_assert_cmpuint (file_version (sources_file), ==, 1);
  sources = bs_store_load_sources (store, &error);
  g_assert_no_error (error);
  entries = bs_store_load_entries (store, "planet", &error);
  g_assert_no_error (error);
  check_fixture_data (store, sources, entries, 1);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, TRUE);
  bs_store_save_sources (store, sources);
  bs_store_save_entries (store, "planet", entries);
  bs_test_close_store (store);
  g_assert_cmpuint (file_version (rewritten), ==, 3);  /* the current format */
  g_clear_pointer (&sources, g_ptr_array_unref);
  g_clear_pointer (&entries, g_ptr_array_unref);

  store = bs_test_open_store (fixture->dir, FALSE);
  sources = bs_store_load_sources (store, &error);
  g_assert_no_error (error);
  entries = bs_store_load_entries (store, "planet", &error);
  g_assert_no_error (error);
  /* the flags were not saved here: only the sources' and entries' data */
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpstr (bs_source_get_error_message (g_ptr_array_index (sources, 0)),
                   ==, "503 Service Unavailable");
  g_assert_cmpint (bs_source_get_max_age (g_ptr_array_index (sources, 0)), ==, -1);
  g_assert_cmpstr (bs_entry_get_content (g_ptr_array_index (entries, 0)),
                   ==, "<p>Long <em>content</em></p>");
  bs_test_close_store (store);
}

/* Files written by format version 2, kept in tests/data/store/v2, must
 * always load; saved again, every file is written in the current version
 * and loads with the same data, the new options unset. */
static void
test_format_v2 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *v2 = g_test_build_filename (G_TEST_DIST, "data", "store", "v2", NULL);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) icon = NULL;
  g_autofree char *icon_url = NULL;
  g_autofree char *icon_type = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "sources.gvariant", "entries/planet.gvariant", "icons/planet.gvariant" };
  BsStore *store = bs_test_open_store (v2, FALSE);

  sources = bs_store_load_sources (store, &error);
  g_assert_no_error (error);
  entries = bs_store_load_entries (store, "planet", &error);
  g_assert_no_error (error);
  check_fixture_data (store, sources, entries, 2);
  icon = bs_store_load_icon (store, "planet", &icon_url, &icon_type, &error);
  g_assert_no_error (error);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, TRUE);
  bs_store_save_sources (store, sources);
  bs_store_save_entries (store, "planet", entries);
  bs_store_save_icon (store, "planet", icon_url, icon_type, icon);
  bs_test_close_store (store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *original = g_build_filename (v2, names[i], NULL);
      g_autofree char *rewritten = path_in (fixture, names[i]);

      g_assert_cmpuint (file_version (original), ==, 2);
      g_assert_cmpuint (file_version (rewritten), ==, 3);
    }
  g_clear_pointer (&sources, g_ptr_array_unref);
  g_clear_pointer (&entries, g_ptr_array_unref);

  store = bs_test_open_store (fixture->dir, FALSE);
  sources = bs_store_load_sources (store, &error);
  g_assert_no_error (error);
  entries = bs_store_load_entries (store, "planet", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpuint (bs_source_get_failures (g_ptr_array_index (sources, 0)), ==, 3);
  g_assert_false (bs_source_get_notifications_muted (g_ptr_array_index (sources, 0)));
  g_assert_false (bs_source_get_full_articles (g_ptr_array_index (sources, 0)));
  g_assert_cmpstr (bs_entry_get_content (g_ptr_array_index (entries, 0)),
                   ==, "<p>Long <em>content</em></p>");
  bs_test_close_store (store);
}

/* Files written by format version 3, kept in tests/data/store/v3: they
 * must always load, and writing the same data again must give the same
 * bytes (flags.gvariant aside, whose order follows a hash table). */
static void
test_format_v3 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *v3 = g_test_build_filename (G_TEST_DIST, "data", "store", "v3", NULL);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) icon = NULL;
  g_autofree char *icon_url = NULL;
  g_autofree char *icon_type = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "sources.gvariant", "entries/planet.gvariant", "icons/planet.gvariant" };
  BsStore *store = bs_test_open_store (v3, FALSE);

  sources = bs_store_load_sources (store, &error);
  g_assert_no_error (error);
  entries = bs_store_load_entries (store, "planet", &error);
  g_assert_no_error (error);
  check_fixture_data (store, sources, entries, 3);
  icon = bs_store_load_icon (store, "planet", &icon_url, &icon_type, &error);
  g_assert_no_error (error);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, TRUE);
  bs_store_save_sources (store, sources);
  bs_store_save_entries (store, "planet", entries);
  bs_store_save_icon (store, "planet", icon_url, icon_type, icon);
  bs_test_close_store (store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *original = g_build_filename (v3, names[i], NULL);
      g_autofree char *rewritten = path_in (fixture, names[i]);
      g_autoptr(GBytes) a = read_bytes (original);
      g_autoptr(GBytes) b = read_bytes (rewritten);

      g_assert_true (g_bytes_equal (a, b));
    }
}

/* Options of a later version, or of a type this one does not expect, read
 * as unset; the rest of the record is kept. */
static void
test_unknown_options (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "sources.gvariant");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder records, options;
  g_autoptr(GVariant) file = NULL;
  BsStore *store;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "notifications-muted", g_variant_new_string ("yes"));
  g_variant_builder_add (&options, "{sv}", "full-articles", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&options, "{sv}", "from-the-future", g_variant_new_uint32 (7));
  g_variant_builder_init (&records, G_VARIANT_TYPE ("a(ssmsmsmsmsmsmsmsxxumsumsuxxuxa{sv})"));
  g_variant_builder_add (&records, "(ssmsmsmsmsmsmsmsxxumsumsuxxuxa{sv})",
                         "feed", "https://example.org/feed", NULL, "Feed", NULL, NULL,
                         NULL, NULL, NULL, (gint64) 0, (gint64) 0, 0, NULL, 0,
                         NULL, 0, (gint64) -1, (gint64) 0, 0, (gint64) 0, &options);
  file = g_variant_ref_sink (g_variant_new ("(suv)", "broadsheet-sources", (guint32) 3,
                                            g_variant_builder_end (&records)));
  g_assert_true (g_file_set_contents (path, g_variant_get_data (file),
                                      g_variant_get_size (file), NULL));

  store = bs_test_open_store (fixture->dir, FALSE);
  sources = bs_store_load_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (bs_source_get_title (g_ptr_array_index (sources, 0)), ==, "Feed");
  g_assert_false (bs_source_get_notifications_muted (g_ptr_array_index (sources, 0)));
  g_assert_true (bs_source_get_full_articles (g_ptr_array_index (sources, 0)));
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);
  bs_test_close_store (store);
}

/* Icons: saved, read back before and after the write, replaced, removed
 * with their source; a damaged icon file is set aside and reads as none. */
static void
test_icons (Fixture       *fixture,
            gconstpointer  data)
{
  static const char ico[] = "\0\0\1\0\1\0\20\20";
  g_autoptr(GBytes) first = g_bytes_new_static ("<svg xmlns='http://www.w3.org/2000/svg'/>", 41);
  g_autoptr(GBytes) second = g_bytes_new_static (ico, sizeof ico);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *type = NULL;
  g_autofree char *file = path_in (fixture, "icons/feed.gvariant");
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  g_assert_null (bs_store_load_icon (store, "feed", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (bs_store_load_icon (store, "../x", NULL, NULL, &error));
  g_assert_error (error, BS_STORE_ERROR, BS_STORE_ERROR_INVALID_ID);
  g_clear_error (&error);

  /* pending, then written */
  bs_store_save_icon (store, "feed", "https://example.org/i.svg", "image/svg+xml", first);
  got = bs_store_load_icon (store, "feed", &url, &type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, first));
  g_assert_cmpstr (url, ==, "https://example.org/i.svg");
  g_assert_cmpstr (type, ==, "image/svg+xml");
  bs_test_flush_store (store);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, TRUE);
  g_clear_pointer (&got, g_bytes_unref);
  g_clear_pointer (&type, g_free);
  got = bs_store_load_icon (store, "feed", NULL, &type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, first));
  g_assert_cmpstr (type, ==, "image/svg+xml");

  bs_store_save_icon (store, "feed", "https://example.org/favicon.ico",
                      "image/vnd.microsoft.icon", second);
  bs_test_close_store (store);
  store = bs_test_open_store (fixture->dir, TRUE);
  g_clear_pointer (&got, g_bytes_unref);
  got = bs_store_load_icon (store, "feed", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, second));

  bs_store_remove_source (store, "feed");
  g_assert_null (bs_store_load_icon (store, "feed", NULL, NULL, &error));
  g_assert_no_error (error);
  bs_test_close_store (store);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  /* damaged: set aside, reported, no icon */
  g_assert_true (g_file_set_contents (file, "\xff\xfe not an icon", -1, NULL));
  store = bs_test_open_store (fixture->dir, TRUE);
  g_assert_null (bs_store_load_icon (store, "feed", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 1);
  {
    const GError *problem = g_ptr_array_index (bs_store_get_load_problems (store), 0);

    g_assert_error (problem, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT);
  }
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  bs_test_close_store (store);
  {
    g_autofree char *aside = path_in (fixture, "icons/feed.gvariant.corrupt");

    g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  }
}

/* The lock */

static void
test_lock (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pid = g_strdup_printf ("PID %d", (int) getpid ());
  BsStore *first = bs_test_open_store (fixture->dir, TRUE);
  BsStore *second = bs_store_new (fixture->dir);
  BsStore *reader;

  g_assert_true (bs_store_get_writable (first));
  g_assert_false (bs_store_open (second, TRUE, &error));
  g_assert_error (error, BS_STORE_ERROR, BS_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, fixture->dir));
  g_assert_nonnull (strstr (error->message, pid));
  g_clear_error (&error);
  g_assert_false (bs_store_get_writable (second));

  /* reading is allowed meanwhile */
  reader = bs_test_open_store (fixture->dir, FALSE);
  bs_test_close_store (reader);

  /* and the first writer still holds the lock after a reader closed */
  g_assert_false (bs_store_open (second, TRUE, &error));
  g_assert_error (error, BS_STORE_ERROR, BS_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  bs_test_close_store (first);
  g_assert_true (bs_store_open (second, TRUE, &error));
  g_assert_no_error (error);
  bs_test_close_store (second);
}

static void
test_stale_temporaries (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *entries_dir = path_in (fixture, "entries");
  g_autofree char *tmp1 = path_in (fixture, "flags.gvariant.Ab3dE9");
  g_autofree char *tmp2 = path_in (fixture, "entries/abc.gvariant.zZ09xy");
  g_autofree char *corrupt = path_in (fixture, "flags.gvariant.corrupt");
  BsStore *store;

  g_assert_no_errno (g_mkdir_with_parents (entries_dir, 0700));
  write_bytes (tmp1, "half", 4);
  write_bytes (tmp2, "half", 4);
  write_bytes (corrupt, "kept", 4);

  store = bs_test_open_store (fixture->dir, TRUE);
  g_assert_false (g_file_test (tmp1, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (tmp2, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (corrupt, G_FILE_TEST_EXISTS));
  bs_test_close_store (store);
}

/* Crash safety: a child process changes flags and saves entries and
 * sources with no coalescing, flushes, and acknowledges each flush on its
 * standard output; it is killed with SIGKILL at a random moment. After
 * every kill the store must load without damage, and hold every change the
 * child acknowledged. */

#define CRASH_ROUNDS 50
#define CRASH_SOURCE "crash"
#define CRASH_WINDOW 40

static char *
crash_key (int i)
{
  return g_strdup_printf ("k%06d", i);
}

static char *
crash_content (int i)
{
  return g_strdup_printf ("<p>content %d</p><p>%s</p>", i, UTF8_TEXT);
}

static int
crash_child (const char *dir,
             int         start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsStore) store = bs_store_new (dir);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BsSource) source = bs_source_new_with_id (CRASH_SOURCE, "https://crash.example/feed");

  bs_store_set_save_delay (store, 0);
  bs_store_set_entries_save_delay (store, 0);
  if (!bs_store_open (store, TRUE, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_ptr_array_add (sources, g_object_ref (source));

  for (int i = start;; i++)
    {
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *key = crash_key (i);

      bs_store_set_flags (store, CRASH_SOURCE, key, TRUE, i % 3 == 0);

      for (int j = MAX (0, i - CRASH_WINDOW + 1); j <= i; j++)
        {
          g_autofree char *k = crash_key (j);
          g_autofree char *content = crash_content (j);
          BsEntry *entry = bs_entry_new (CRASH_SOURCE, k);

          bs_entry_set_content (entry, content);
          g_ptr_array_add (entries, entry);
        }
      bs_store_save_entries (store, CRASH_SOURCE, entries);

      bs_source_set_last_check (source, i);
      bs_store_save_sources (store, sources);

      if (!bs_store_flush (store, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("%d\n", i);
      fflush (stdout);
    }
}

/* Files like NAME.gvariant.XXXXXX, in dir and dir/entries. */
static guint
count_temporaries (const char *dir)
{
  g_autofree char *entries_dir = g_build_filename (dir, "entries", NULL);
  const char *dirs[] = { dir, entries_dir };
  guint count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autoptr(GDir) d = g_dir_open (dirs[i], 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          const char *ext = strstr (name, ".gvariant.");

          if (ext != NULL && strlen (ext) == strlen (".gvariant.") + 6)
            count++;
        }
    }

  return count;
}

static void
test_crash_safety (Fixture       *fixture,
                   gconstpointer  data)
{
  int last_ack = -1;
  guint acks = 0, checked = 0, mid_write = 0;

  for (int round = 0; round < CRASH_ROUNDS; round++)
    {
      g_autofree char *start = g_strdup_printf ("%d", last_ack + 1);
      const char *argv[] = { self_exe, "--crash-child", fixture->dir, start, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) sources = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      GPid pid;
      int out_fd, status;
      FILE *out;
      char line[64];
      int wanted = g_test_rand_int_range (1, 8);
      int newest;
      BsStore *store;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      out = fdopen (out_fd, "r");
      g_assert_nonnull (out);

      for (int n = 0; n < wanted && fgets (line, sizeof line, out) != NULL; n++)
        {
          int ack = atoi (line);

          g_assert_cmpint (ack, ==, last_ack + 1);
          last_ack = ack;
          acks++;
        }

      /* let it go on for a random moment: mid-write, most of the time */
      g_usleep (g_test_rand_int_range (0, 3000));
      g_assert_no_errno (kill (pid, SIGKILL));
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      g_spawn_close_pid (pid);

      /* flushes the child acknowledged while it went on count too: read
       * what it wrote to the pipe before it died */
      while (fgets (line, sizeof line, out) != NULL)
        {
          int ack;

          if (strchr (line, '\n') == NULL)
            break;   /* cut off by the kill: not an acknowledgement */
          ack = atoi (line);
          g_assert_cmpint (ack, ==, last_ack + 1);
          last_ack = ack;
          acks++;
        }
      fclose (out);

      /* a write cut short leaves its temporary file, which opening removes */
      if (count_temporaries (fixture->dir) > 0)
        mid_write++;

      /* the lock died with the child; nothing is damaged */
      store = bs_test_open_store (fixture->dir, TRUE);
      g_assert_cmpuint (count_temporaries (fixture->dir), ==, 0);
      sources = bs_store_load_sources (store, &error);
      g_assert_no_error (error);
      entries = bs_store_load_entries (store, CRASH_SOURCE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);
      assert_no_corrupt_files (fixture->dir);

      /* every acknowledged flag change */
      for (int i = 0; i <= last_ack; i++)
        {
          g_autofree char *key = crash_key (i);
          gboolean read, starred;

          g_assert_true (bs_store_get_flags (store, CRASH_SOURCE, key, &read, &starred));
          g_assert_true (read);
          g_assert_cmpint (starred, ==, i % 3 == 0);
          checked++;
        }

      /* the acknowledged sources and entries, or the next ones */
      g_assert_cmpuint (sources->len, ==, 1);
      g_assert_cmpint (bs_source_get_last_check (g_ptr_array_index (sources, 0)), >=, last_ack);
      g_assert_cmpint (bs_source_get_last_check (g_ptr_array_index (sources, 0)), <=, last_ack + 1);

      g_assert_cmpuint (entries->len, >, 0);
      newest = atoi (bs_entry_get_key (g_ptr_array_index (entries, entries->len - 1)) + 1);
      g_assert_cmpint (newest, >=, last_ack);
      g_assert_cmpint (newest, <=, last_ack + 1);
      g_assert_cmpuint (entries->len, ==, MIN (newest + 1, CRASH_WINDOW));
      for (guint e = 0; e < entries->len; e++)
        {
          BsEntry *entry = g_ptr_array_index (entries, e);
          int i = newest - (int) entries->len + 1 + (int) e;
          g_autofree char *key = crash_key (i);
          g_autofree char *content = crash_content (i);

          g_assert_cmpstr (bs_entry_get_key (entry), ==, key);
          g_assert_cmpstr (bs_entry_get_content (entry), ==, content);
          g_assert_true (bs_entry_get_read (entry) || i > last_ack);
        }
      checked += 1 + entries->len;

      bs_test_close_store (store);
    }

  g_test_message ("crash safety: %d rounds (%u killed mid-write), %u flushes acknowledged, "
                  "%u facts checked", CRASH_ROUNDS, mid_write, acks, checked);
  g_assert_cmpuint (acks, >=, CRASH_ROUNDS);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (argc == 4 && strcmp (argv[1], "--crash-child") == 0)
    return crash_child (argv[2], atoi (argv[3]));

  self_exe = g_canonicalize_filename (argv[0], NULL);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/broadsheet/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sources-round-trip", test_sources_round_trip);
  ADD ("entries-round-trip", test_entries_round_trip);
  ADD ("bodies-lazy", test_bodies_lazy);
  ADD ("flags-do-not-rewrite-entries", test_flags_do_not_rewrite_entries);
  ADD ("coalescing", test_coalescing);
  ADD ("save-delay", test_save_delay);
  ADD ("large-save-in-jobs", test_large_save_in_jobs);
  ADD ("remove-source", test_remove_source);
  ADD ("damaged-files", test_damaged_files);
  ADD ("corrupt-numbering", test_corrupt_numbering);
  ADD ("read-only-leaves-damage", test_read_only_leaves_damage);
  ADD ("future-version", test_future_version);
  ADD ("format-v1", test_format_v1);
  ADD ("format-v2", test_format_v2);
  ADD ("format-v3", test_format_v3);
  ADD ("unknown-options", test_unknown_options);
  ADD ("icons", test_icons);
  ADD ("lock", test_lock);
  ADD ("stale-temporaries", test_stale_temporaries);
  ADD ("crash-safety", test_crash_safety);

#undef ADD

  ret = g_test_run ();
  g_free (self_exe);
  return ret;
}
