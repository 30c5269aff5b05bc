/* test-library-import.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bs-library.h"
#include "bs-opml.h"
#include "bs-test-util.h"

#include <string.h>

#include <glib/gstdio.h>

/* Subscribing as the app and the CLI do: ids, duplicate feed URLs, and
 * OPML lists imported into the library. */

typedef struct {
  char      *dir;
  BsStore   *store;
  BsLibrary *library;
} Fixture;

static void
open_library (Fixture *fixture)
{
  bs_test_open_library (fixture->dir, &fixture->store, &fixture->library);
}

static void
close_library (Fixture *fixture)
{
  bs_test_close_library (&fixture->store, &fixture->library);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bs-library-import-XXXXXX", &error);
  g_assert_no_error (error);
  open_library (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_library (fixture);
  bs_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

static int
natural_compare (const char *a,
                 const char *b)
{
  g_autofree char *ka = g_utf8_collate_key_for_filename (a, -1);
  g_autofree char *kb = g_utf8_collate_key_for_filename (b, -1);

  return strcmp (ka, kb);
}

/* The sources model lists folders first, by name, then by title, numbers
 * in names by value. */
static void
assert_sources_sorted (BsLibrary *library)
{
  GListModel *sources = bs_library_get_sources (library);

  for (guint i = 1; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(BsSource) a = g_list_model_get_item (sources, i - 1);
      g_autoptr(BsSource) b = g_list_model_get_item (sources, i);
      const char *fa = bs_source_get_folder (a), *fb = bs_source_get_folder (b);

      if (fa != NULL && fb != NULL)
        g_assert_cmpint (natural_compare (fa, fb), <=, 0);
      else
        g_assert_true (fa != NULL || fb == NULL);
      if (g_strcmp0 (fa, fb) == 0)
        g_assert_cmpint (natural_compare (bs_source_get_display_title (a),
                                          bs_source_get_display_title (b)), <=, 0);
    }
}

static void
test_new_source (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *url = "https://blog.example.org/feed/";
  g_autofree char *computed = bs_source_compute_id (url);
  g_autofree char *second = g_strdup_printf ("%s-2", computed);
  g_autofree char *third = g_strdup_printf ("%s-3", computed);
  g_autoptr(BsSource) first = NULL;
  g_autoptr(BsSource) squatter = NULL;
  g_autoptr(BsSource) other = NULL;
  g_autoptr(BsSource) again = NULL;
  g_autoptr(GError) error = NULL;

  /* a new subscription gets the computed id, and is not added */
  first = bs_library_new_source (fixture->library, url);
  g_assert_cmpstr (bs_source_get_id (first), ==, computed);
  g_assert_cmpstr (bs_source_get_feed_url (first), ==, url);
  g_assert_null (bs_library_find_source_by_url (fixture->library, url));
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_sources (fixture->library)), ==, 0);

  /* another URL took the id (its URL changed since it was computed) */
  squatter = bs_source_new_with_id (computed, "https://moved.example.org/atom.xml");
  g_assert_true (bs_library_add_source (fixture->library, squatter, &error));
  g_assert_no_error (error);
  other = bs_library_new_source (fixture->library, url);
  g_assert_cmpstr (bs_source_get_id (other), ==, second);
  g_assert_true (bs_library_add_source (fixture->library, other, &error));
  g_assert_no_error (error);

  /* found by feed URL as given, not by id or site */
  g_assert_true (bs_library_find_source_by_url (fixture->library, url) == other);
  g_assert_true (bs_library_find_source_by_url (fixture->library,
                                                "https://moved.example.org/atom.xml") == squatter);
  g_assert_null (bs_library_find_source_by_url (fixture->library, "https://blog.example.org/feed"));
  g_assert_null (bs_library_find_source_by_url (fixture->library, computed));

  /* the library still refuses the same feed twice */
  again = bs_library_new_source (fixture->library, url);
  g_assert_cmpstr (bs_source_get_id (again), ==, third);
  g_assert_false (bs_library_add_source (fixture->library, again, &error));
  g_assert_error (error, BS_LIBRARY_ERROR, BS_LIBRARY_ERROR_EXISTS);
}

/* The per-feed options set on a source reach the store without any other
 * call, and survive a restart. */
static void
test_options_persist (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(BsSource) source = NULL;
  g_autoptr(GError) error = NULL;
  BsSource *loaded;

  source = bs_library_new_source (fixture->library, "https://blog.example.org/feed/");
  g_assert_true (bs_library_add_source (fixture->library, source, &error));
  g_assert_no_error (error);
  bs_store_flush (fixture->store, &error);
  g_assert_no_error (error);

  bs_source_set_notifications_muted (source, TRUE);
  bs_source_set_full_articles (source, TRUE);
  close_library (fixture);
  open_library (fixture);
  loaded = bs_library_find_source_by_url (fixture->library, "https://blog.example.org/feed/");
  g_assert_nonnull (loaded);
  g_assert_true (bs_source_get_notifications_muted (loaded));
  g_assert_true (bs_source_get_full_articles (loaded));

  bs_source_set_notifications_muted (loaded, FALSE);
  close_library (fixture);
  open_library (fixture);
  loaded = bs_library_find_source_by_url (fixture->library, "https://blog.example.org/feed/");
  g_assert_false (bs_source_get_notifications_muted (loaded));
  g_assert_true (bs_source_get_full_articles (loaded));
}

/* "Feed 9" comes before "Feed 10", in the model and after a rename. */
static void
test_natural_order (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *titles[] = { "Feed 10", "Feed 9", "Feed 1", "Zeta", "Feed 100" };
  const char *expected[] = { "Feed 1", "Feed 9", "Feed 10", "Feed 100", "Zeta" };
  GListModel *sources = bs_library_get_sources (fixture->library);
  g_autoptr(BsSource) first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.org/%u.xml", i);
      g_autoptr(BsSource) source = bs_library_new_source (fixture->library, url);
      g_autoptr(GError) error = NULL;

      bs_source_set_title (source, titles[i]);
      g_assert_true (bs_library_add_source (fixture->library, source, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);

      g_assert_cmpstr (bs_source_get_display_title (source), ==, expected[i]);
    }

  /* renamed, it moves */
  first = g_list_model_get_item (sources, 0);
  bs_library_rename_source (fixture->library, first, "Feed 11");
  {
    g_autoptr(BsSource) third = g_list_model_get_item (sources, 2);
    g_autoptr(BsSource) fourth = g_list_model_get_item (sources, 3);

    g_assert_cmpstr (bs_source_get_display_title (third), ==, "Feed 11");
    g_assert_cmpstr (bs_source_get_display_title (fourth), ==, "Feed 100");
  }
  assert_sources_sorted (fixture->library);
}

static GPtrArray *
parse_list (const char *opml)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *outlines = bs_opml_parse (opml, strlen (opml), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outlines);
  return outlines;
}

static const char list[] =
  "<?xml version=\"1.0\"?>\n"
  "<opml version=\"2.0\"><head><title>Mine</title></head><body>\n"
  "  <outline text=\"Zeta Blog\" xmlUrl=\"https://zeta.example.org/feed\""
  "           htmlUrl=\"https://zeta.example.org/\"/>\n"
  "  <outline text=\"Planets\">\n"
  "    <outline text=\"Planet GNOME\" xmlUrl=\"https://planet.gnome.org/atom.xml\"/>\n"
  "    <outline text=\"Planet Debian\" xmlUrl=\"https://planet.debian.org/atom.xml\"/>\n"
  "  </outline>\n"
  "  <outline text=\"News\">\n"
  "    <outline text=\"LWN.net\" xmlUrl=\"https://lwn.net/headlines/newrss\"/>\n"
  "    <outline text=\"Planet GNOME again\" xmlUrl=\"https://planet.gnome.org/atom.xml\"/>\n"
  "  </outline>\n"
  "  <outline text=\"Alpha Blog\" xmlUrl=\"https://alpha.example.org/rss.xml\"/>\n"
  "</body></opml>\n";

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) outlines = parse_list (list);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSource) existing = NULL;
  GListModel *sources = bs_library_get_sources (fixture->library);
  GListModel *folders = bs_library_get_folders (fixture->library);
  g_autoptr(BsFolder) first_folder = NULL;
  guint n_existing = 99, n_changes = 0;
  BsSource *source;

  /* the user already follows Planet Debian */
  existing = bs_library_new_source (fixture->library, "https://planet.debian.org/atom.xml");
  bs_source_set_folder (existing, "Debian");
  g_assert_true (bs_library_add_source (fixture->library, existing, &error));
  g_assert_no_error (error);

  g_signal_connect (sources, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  added = bs_library_import_outlines (fixture->library, outlines, &n_existing, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  g_signal_handlers_disconnect_by_func (sources, count_changes_cb, &n_changes);

  /* the new ones in document order; Planet GNOME once (the OPML reader
   * keeps the first outline of a URL); Debian left alone */
  g_assert_cmpuint (added->len, ==, 4);
  g_assert_cmpuint (n_existing, ==, 1);
  g_assert_cmpstr (bs_source_get_feed_url (g_ptr_array_index (added, 0)), ==,
                   "https://zeta.example.org/feed");
  g_assert_cmpstr (bs_source_get_feed_url (g_ptr_array_index (added, 1)), ==,
                   "https://planet.gnome.org/atom.xml");
  g_assert_cmpstr (bs_source_get_feed_url (g_ptr_array_index (added, 2)), ==,
                   "https://lwn.net/headlines/newrss");
  g_assert_cmpstr (bs_source_get_feed_url (g_ptr_array_index (added, 3)), ==,
                   "https://alpha.example.org/rss.xml");
  g_assert_cmpstr (bs_source_get_folder (existing), ==, "Debian");

  /* with their titles, sites and folders, under the usual ids */
  source = bs_library_find_source_by_url (fixture->library, "https://zeta.example.org/feed");
  g_assert_true (source == g_ptr_array_index (added, 0));
  g_assert_cmpstr (bs_source_get_title (source), ==, "Zeta Blog");
  g_assert_cmpstr (bs_source_get_site_url (source), ==, "https://zeta.example.org/");
  g_assert_null (bs_source_get_folder (source));
  {
    g_autofree char *id = bs_source_compute_id ("https://zeta.example.org/feed");

    g_assert_cmpstr (bs_source_get_id (source), ==, id);
    g_assert_true (bs_library_lookup_source (fixture->library, id) == source);
  }
  source = bs_library_find_source_by_url (fixture->library, "https://planet.gnome.org/atom.xml");
  g_assert_cmpstr (bs_source_get_title (source), ==, "Planet GNOME");
  g_assert_cmpstr (bs_source_get_folder (source), ==, "Planets");
  source = bs_library_find_source_by_url (fixture->library, "https://lwn.net/headlines/newrss");
  g_assert_cmpstr (bs_source_get_folder (source), ==, "News");

  /* the sidebar sees one change for the whole list, sorted as usual */
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 5);
  assert_sources_sorted (fixture->library);
  g_assert_cmpuint (g_list_model_get_n_items (folders), ==, 3);
  first_folder = g_list_model_get_item (folders, 0);
  g_assert_cmpstr (bs_folder_get_name (first_folder), ==, "Debian");

  /* importing again adds nothing */
  again = bs_library_import_outlines (fixture->library, outlines, &n_existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (n_existing, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 5);

  /* and what was imported was saved */
  close_library (fixture);
  open_library (fixture);
  sources = bs_library_get_sources (fixture->library);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 5);
  source = bs_library_find_source_by_url (fixture->library, "https://alpha.example.org/rss.xml");
  g_assert_nonnull (source);
  g_assert_cmpstr (bs_source_get_title (source), ==, "Alpha Blog");
  assert_sources_sorted (fixture->library);
}

/* Ids stay unique when a computed id is taken, a feed named twice is
 * added once, and a long list is imported at once. */
static void
test_import_many (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_opml_outline_free);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(BsSource) squatter = NULL;
  g_autofree char *taken = bs_source_compute_id ("https://site0.example.net/feed.xml");
  guint n_existing = 0;

  squatter = bs_source_new_with_id (taken, "https://elsewhere.example.net/feed");
  g_assert_true (bs_library_add_source (fixture->library, squatter, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://site%u.example.net/feed.xml", i);
      g_autofree char *title = g_strdup_printf ("Site %u", i);
      g_autofree char *folder = g_strdup_printf ("Folder %u", i % 25);

      g_ptr_array_add (outlines, bs_opml_outline_new (title, url, NULL, i % 3 ? folder : NULL));
    }
  /* a list built by hand may name a feed twice: it is added once */
  g_ptr_array_add (outlines, bs_opml_outline_new ("Again", "https://site5.example.net/feed.xml",
                                                  NULL, NULL));

  g_timer_start (timer);
  added = bs_library_import_outlines (fixture->library, outlines, &n_existing, &error);
  g_test_message ("2000 feeds imported in %.1f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 2000);
  g_assert_cmpuint (n_existing, ==, 1);
  g_assert_cmpstr (bs_source_get_id (g_ptr_array_index (added, 0)), !=, taken);

  for (guint i = 0; i < added->len; i++)
    {
      BsSource *source = g_ptr_array_index (added, i);

      g_assert_true (bs_source_id_is_valid (bs_source_get_id (source)));
      g_assert_true (g_hash_table_add (ids, (gpointer) bs_source_get_id (source)));
      g_assert_true (bs_library_lookup_source (fixture->library, bs_source_get_id (source)) == source);
    }
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_sources (fixture->library)), ==, 2001);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_folders (fixture->library)), ==, 25);
  assert_sources_sorted (fixture->library);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/broadsheet/library-import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("new-source", test_new_source);
  ADD ("options-persist", test_options_persist);
  ADD ("natural-order", test_natural_order);
  ADD ("import", test_import);
  ADD ("import-many", test_import_many);

  return g_test_run ();
}
