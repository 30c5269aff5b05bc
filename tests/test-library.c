/* test-library.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bs-library.h"
#include "bs-library-private.h"
#include "bs-search.h"
#include "bs-test-util.h"

#include <string.h>

#include <glib/gstdio.h>

#define T0  ((gint64) 1767225600)  /* 2026-01-01 */
#define DAY ((gint64) 86400)

/* Helpers */

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
reopen_library (Fixture *fixture)
{
  close_library (fixture);
  open_library (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bs-library-XXXXXX", &error);
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

static BsFeed *
feed_new (const char *title,
          const char *link)
{
  BsFeed *feed = bs_feed_new ();

  feed->title = g_strdup (title);
  feed->link = g_strdup (link);
  return feed;
}

static BsFeedEntry *
feed_add (BsFeed     *feed,
          const char *id,
          const char *title,
          const char *link,
          gint64      published,
          const char *summary)
{
  BsFeedEntry *fe = bs_feed_entry_new ();

  fe->id = g_strdup (id);
  fe->title = g_strdup (title);
  fe->link = g_strdup (link);
  fe->published = published;
  fe->summary = g_strdup (summary);
  g_ptr_array_add (feed->entries, fe);
  return fe;
}

static BsSource *
add_source (Fixture    *fixture,
            const char *feed_url,
            const char *folder)
{
  g_autoptr(BsSource) source = bs_source_new (feed_url);
  g_autoptr(GError) error = NULL;

  bs_source_set_folder (source, folder);
  bs_library_add_source (fixture->library, source, &error);
  g_assert_no_error (error);
  return source;
}

static BsMergeResult
merge (Fixture  *fixture,
       BsSource *source,
       BsFeed   *feed,
       gint64    now)
{
  BsMergeResult result;

  bs_library_merge_feed (fixture->library, source, feed, now, &result);
  return result;
}

static BsEntry *
entry_at (GListModel *model,
          guint       position)
{
  g_autoptr(BsEntry) entry = g_list_model_get_item (model, position);

  g_assert_nonnull (entry);
  return entry;  /* the model holds another reference */
}

static BsSource *
source_at (GListModel *model,
           guint       position)
{
  g_autoptr(BsSource) source = g_list_model_get_item (model, position);

  g_assert_nonnull (source);
  return source;  /* the model holds another reference */
}

static const char *
key_at (GListModel *model,
        guint       position)
{
  return bs_entry_get_key (entry_at (model, position));
}

/* A copy of a model kept only from its items-changed signals. */
typedef struct {
  GListModel *model;
  GPtrArray  *items;
  guint       signals;
} Mirror;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (mirror->items->len, ==, g_list_model_get_n_items (model));
  mirror->signals++;
}

static Mirror *
mirror_new (GListModel *model)
{
  Mirror *mirror = g_new0 (Mirror, 1);

  mirror->model = g_object_ref (model);
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed_cb), mirror);
  return mirror;
}

static void
mirror_free (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_object_unref (mirror->model);
  g_ptr_array_unref (mirror->items);
  g_free (mirror);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mirror, mirror_free)

static gint64
sort_time (BsEntry *entry)
{
  if (bs_entry_get_published (entry) != BS_DATE_NONE)
    return bs_entry_get_published (entry);
  if (bs_entry_get_updated (entry) != BS_DATE_NONE)
    return bs_entry_get_updated (entry);
  return bs_entry_get_first_seen (entry);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  BsEntry *x = *(BsEntry * const *) a, *y = *(BsEntry * const *) b;
  gint64 tx = sort_time (x), ty = sort_time (y);
  int cmp;

  if (tx != ty)
    return tx > ty ? -1 : 1;
  cmp = strcmp (bs_entry_get_source_id (x), bs_entry_get_source_id (y));
  return cmp != 0 ? cmp : strcmp (bs_entry_get_key (x), bs_entry_get_key (y));
}

/* The mirror, the model and @expected (sorted here) hold the same. */
static void
assert_model (Mirror    *mirror,
              GPtrArray *expected)
{
  g_ptr_array_sort (expected, newest_first);
  g_assert_cmpuint (g_list_model_get_n_items (mirror->model), ==, expected->len);
  g_assert_cmpuint (mirror->items->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_assert_true (entry_at (mirror->model, i) == g_ptr_array_index (expected, i));
      g_assert_true (g_ptr_array_index (mirror->items, i) == g_ptr_array_index (expected, i));
    }
}

static guint
count_unread (GListModel *model)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    n += !bs_entry_get_read (entry_at (model, i));
  return n;
}

/* Tests */

static void
test_models (Fixture       *fixture,
             gconstpointer  data)
{
  BsLibrary *lib = fixture->library;
  BsSource *source = add_source (fixture, "https://a.example/feed", NULL);
  g_autoptr(BsFeed) feed = feed_new ("A", "https://a.example/");
  g_autoptr(Mirror) all = mirror_new (bs_library_get_all_entries (lib));
  g_autoptr(Mirror) unread = mirror_new (bs_library_get_unread_entries (lib));
  g_autoptr(Mirror) starred = mirror_new (bs_library_get_starred_entries (lib));
  g_autoptr(GListModel) own = bs_library_get_source_entries (lib, source);
  g_autoptr(GListModel) again = bs_library_get_source_entries (lib, source);
  g_autoptr(BsFeed) more = feed_new ("A", "https://a.example/");
  BsMergeResult result;
  BsEntry *middle;

  g_assert_true (own == again);

  feed_add (feed, "1", "One", "https://a.example/1", T0 + 1 * DAY, NULL);
  feed_add (feed, "3", "Three", "https://a.example/3", T0 + 3 * DAY, NULL);
  /* No date: sorted by when it was first seen. */
  feed_add (feed, "0", "Undated", "https://a.example/0", BS_DATE_NONE, NULL);
  feed_add (feed, "2", "Two", "https://a.example/2", T0 + 2 * DAY, NULL);
  result = merge (fixture, source, feed, T0 + 10 * DAY);
  g_assert_cmpuint (result.n_new, ==, 4);

  g_assert_cmpuint (g_list_model_get_n_items (all->model), ==, 4);
  g_assert_cmpstr (key_at (all->model, 0), ==, "0");
  g_assert_cmpstr (key_at (all->model, 1), ==, "3");
  g_assert_cmpstr (key_at (all->model, 2), ==, "2");
  g_assert_cmpstr (key_at (all->model, 3), ==, "1");
  g_assert_cmpuint (g_list_model_get_n_items (own), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (unread->model), ==, 4);
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 4);
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, 4);
  g_assert_true (g_list_model_get_item_type (own) == BS_TYPE_ENTRY);

  /* Reading the second removes exactly it from the unread model. */
  middle = entry_at (all->model, 2);
  unread->signals = 0;
  all->signals = 0;
  bs_library_set_read (lib, middle, TRUE);
  g_assert_cmpuint (unread->signals, ==, 1);
  g_assert_cmpuint (all->signals, ==, 0);
  g_assert_cmpuint (unread->items->len, ==, 3);
  g_assert_false (g_ptr_array_find (unread->items, middle, NULL));
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 3);
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, 3);

  bs_library_set_starred (lib, middle, TRUE);
  g_assert_cmpuint (starred->items->len, ==, 1);
  g_assert_true (g_ptr_array_index (starred->items, 0) == middle);
  bs_library_set_read (lib, middle, FALSE);
  g_assert_cmpuint (unread->items->len, ==, 4);
  g_assert_true (g_ptr_array_index (unread->items, 2) == middle);

  /* A new entry lands at its place; a changed date moves an entry. */
  feed_add (more, "1", "One", "https://a.example/1", T0 + 5 * DAY, NULL);
  feed_add (more, "4", "Four", "https://a.example/4", T0 + (gint64) (2.5 * DAY), NULL);
  all->signals = 0;
  result = merge (fixture, source, more, T0 + 11 * DAY);
  g_assert_cmpuint (result.n_new, ==, 1);
  g_assert_cmpuint (result.n_updated, ==, 1);
  {
    g_autoptr(GPtrArray) expected = g_ptr_array_new ();

    for (guint i = 0; i < g_list_model_get_n_items (own); i++)
      g_ptr_array_add (expected, entry_at (own, i));
    assert_model (all, expected);
    g_assert_cmpstr (key_at (all->model, 1), ==, "1");
    g_assert_cmpstr (key_at (all->model, 3), ==, "4");
  }
  g_assert_cmpuint (all->signals, ==, 2);

  g_assert_cmpuint (bs_library_mark_all_read (lib), ==, 5);
  g_assert_cmpuint (unread->items->len, ==, 0);
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 0);
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, 0);
  g_assert_cmpuint (all->items->len, ==, 5);
}

static void
test_merge_keeps_flags (Fixture       *fixture,
                        gconstpointer  data)
{
  BsLibrary *lib = fixture->library;
  BsSource *source = add_source (fixture, "https://b.example/feed.xml", NULL);
  g_autoptr(BsFeed) feed = feed_new ("Blog B", "https://b.example/");
  g_autoptr(BsFeed) changed = feed_new ("Blog B, renamed", "https://b.example/home");
  g_autoptr(GListModel) own = bs_library_get_source_entries (lib, source);
  BsMergeResult result;
  BsEntry *entry;

  feed_add (feed, "tag:b,1", "First", "https://b.example/1", T0, "<p>old</p>");
  feed_add (feed, "tag:b,2", "Second", "https://b.example/2", T0 + DAY, NULL);
  feed_add (feed, "tag:b,2", "Second again", "https://b.example/2", T0 + DAY, NULL);
  result = merge (fixture, source, feed, T0 + 2 * DAY);
  g_assert_cmpuint (result.n_new, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (own), ==, 2);
  g_assert_cmpstr (bs_source_get_title (source), ==, "Blog B");
  g_assert_cmpstr (bs_source_get_site_url (source), ==, "https://b.example/");

  entry = bs_library_lookup_entry (lib, bs_source_get_id (source), "tag:b,1");
  g_assert_nonnull (entry);
  g_assert_cmpint (bs_entry_get_first_seen (entry), ==, T0 + 2 * DAY);
  bs_library_set_read (lib, entry, TRUE);
  bs_library_set_starred (lib, entry, TRUE);

  /* The same feed again: nothing changes. */
  result = merge (fixture, source, feed, T0 + 3 * DAY);
  g_assert_cmpuint (result.n_new, ==, 0);
  g_assert_cmpuint (result.n_updated, ==, 0);
  g_assert_cmpuint (result.n_unchanged, ==, 2);

  /* An edited entry is updated in place, flags and first-seen kept. */
  bs_library_rename_source (lib, source, "My B");
  feed_add (changed, "tag:b,1", "First (edited)", "https://b.example/1", T0, "<p>new</p>");
  feed_add (changed, "tag:b,2", "Second", "https://b.example/2", T0 + DAY, NULL);
  result = merge (fixture, source, changed, T0 + 4 * DAY);
  g_assert_cmpuint (result.n_new, ==, 0);
  g_assert_cmpuint (result.n_updated, ==, 1);
  g_assert_cmpuint (result.n_unchanged, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (own), ==, 2);
  g_assert_true (bs_library_lookup_entry (lib, bs_source_get_id (source), "tag:b,1") == entry);
  g_assert_cmpstr (bs_entry_get_title (entry), ==, "First (edited)");
  g_assert_cmpstr (bs_entry_get_summary (entry), ==, "<p>new</p>");
  g_assert_true (bs_entry_get_read (entry));
  g_assert_true (bs_entry_get_starred (entry));
  g_assert_cmpint (bs_entry_get_first_seen (entry), ==, T0 + 2 * DAY);
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, 1);
  g_assert_cmpstr (bs_source_get_title (source), ==, "Blog B, renamed");
  g_assert_cmpstr (bs_source_get_display_title (source), ==, "My B");
  g_assert_cmpstr (bs_source_get_site_url (source), ==, "https://b.example/home");

  /* And all of it survives a restart. */
  reopen_library (fixture);
  lib = fixture->library;
  {
    g_autofree char *id = bs_source_compute_id ("https://b.example/feed.xml");

    source = bs_library_lookup_source (lib, id);
  }
  g_assert_nonnull (source);
  entry = bs_library_lookup_entry (lib, bs_source_get_id (source), "tag:b,1");
  g_assert_nonnull (entry);
  g_assert_cmpstr (bs_entry_get_title (entry), ==, "First (edited)");
  g_assert_cmpstr (bs_entry_get_summary (entry), ==, "<p>new</p>");
  g_assert_true (bs_entry_get_read (entry));
  g_assert_true (bs_entry_get_starred (entry));
  g_assert_cmpstr (bs_source_get_display_title (source), ==, "My B");
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, 1);
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_all_entries (lib)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_starred_entries (lib)), ==, 1);

  /* Merging after the restart still finds the entries. */
  result = merge (fixture, source, changed, T0 + 5 * DAY);
  g_assert_cmpuint (result.n_unchanged, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_all_entries (lib)), ==, 2);

  /* A podcast episode whose file moved is updated too, flags kept. */
  {
    g_autoptr(BsFeed) moved = feed_new ("Blog B, renamed", "https://b.example/home");
    BsFeedEntry *fe;
    BsEnclosure *enc = g_new0 (BsEnclosure, 1);

    feed_add (moved, "tag:b,1", "First (edited)", "https://b.example/1", T0, "<p>new</p>");
    fe = feed_add (moved, "tag:b,2", "Second", "https://b.example/2", T0 + DAY, NULL);
    enc->url = g_strdup ("https://b.example/2.mp3");
    enc->type = g_strdup ("audio/mpeg");
    enc->length = 1000;
    g_ptr_array_add (fe->enclosures, enc);
    result = merge (fixture, source, moved, T0 + 8 * DAY);
    g_assert_cmpuint (result.n_updated, ==, 1);
    g_assert_cmpuint (result.n_unchanged, ==, 1);
    g_assert_true (bs_entry_get_read (entry));
    g_assert_true (bs_entry_get_starred (entry));

    /* the same file at another length is a change; the same again is not */
    enc->length = 2000;
    result = merge (fixture, source, moved, T0 + 9 * DAY);
    g_assert_cmpuint (result.n_updated, ==, 1);
    result = merge (fixture, source, moved, T0 + 10 * DAY);
    g_assert_cmpuint (result.n_updated, ==, 0);
    g_assert_cmpuint (result.n_unchanged, ==, 2);
    g_assert_cmpuint (bs_entry_get_enclosures (bs_library_lookup_entry (lib, bs_source_get_id (source),
                                                                       "tag:b,2"))->len, ==, 1);
  }
}

static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  BsLibrary *lib = fixture->library;
  BsSource *source = add_source (fixture, "https://r.example/feed", NULL);
  g_autofree char *id = g_strdup (bs_source_get_id (source));
  g_autoptr(BsFeed) old_feed = feed_new ("R", NULL);
  g_autoptr(BsFeed) new_feed = feed_new ("R", NULL);
  BsRetentionPolicy keep_all = { 0, 0, FALSE };
  BsRetentionPolicy by_age = { 30, 0, FALSE };
  BsRetentionPolicy by_count = { 0, 1, FALSE };
  BsRetentionPolicy unread_too = { 30, 0, TRUE };
  gboolean read, starred;

  /* Five old entries and one recent. */
  feed_add (old_feed, "read", "Old, read", NULL, T0, NULL);
  feed_add (old_feed, "starred", "Old, starred", NULL, T0 + 1, NULL);
  feed_add (old_feed, "unread", "Old, unread", NULL, T0 + 2, NULL);
  feed_add (old_feed, "infeed", "Old, still in the feed", NULL, T0 + 3, NULL);
  feed_add (old_feed, "read2", "Old, read too", NULL, T0 + 4, NULL);
  feed_add (old_feed, "recent", "Recent, read", NULL, T0 + 99 * DAY, NULL);
  merge (fixture, source, old_feed, T0 + 100 * DAY);
  for (guint i = 0; i < old_feed->entries->len; i++)
    {
      BsFeedEntry *fe = g_ptr_array_index (old_feed->entries, i);
      BsEntry *entry = bs_library_lookup_entry (lib, id, fe->id);

      if (strcmp (fe->id, "unread") != 0)
        bs_library_set_read (lib, entry, TRUE);
    }
  bs_library_set_starred (lib, bs_library_lookup_entry (lib, id, "starred"), TRUE);

  /* Without knowing what the feed holds, nothing goes. */
  reopen_library (fixture);
  lib = fixture->library;
  source = bs_library_lookup_source (lib, id);
  g_assert_cmpuint (bs_library_apply_retention (lib, &by_age, T0 + 100 * DAY, NULL), ==, 0);
  g_assert_cmpuint (bs_library_apply_retention (lib, &keep_all, T0 + 100 * DAY, NULL), ==, 0);

  /* The feed now has "infeed" and "recent". */
  feed_add (new_feed, "infeed", "Old, still in the feed", NULL, T0 + 3, NULL);
  feed_add (new_feed, "recent", "Recent, read", NULL, T0 + 99 * DAY, NULL);
  merge (fixture, source, new_feed, T0 + 100 * DAY);

  g_assert_cmpuint (bs_library_apply_retention (lib, &by_age, T0 + 100 * DAY, NULL), ==, 2);
  g_assert_null (bs_library_lookup_entry (lib, id, "read"));
  g_assert_null (bs_library_lookup_entry (lib, id, "read2"));
  g_assert_nonnull (bs_library_lookup_entry (lib, id, "starred"));
  g_assert_nonnull (bs_library_lookup_entry (lib, id, "unread"));
  g_assert_nonnull (bs_library_lookup_entry (lib, id, "infeed"));
  g_assert_nonnull (bs_library_lookup_entry (lib, id, "recent"));
  g_assert_false (bs_store_get_flags (fixture->store, id, "read", &read, &starred));
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_all_entries (lib)), ==, 4);

  /* By count: only "recent" is within the newest one, the rest is
   * protected. */
  g_assert_cmpuint (bs_library_apply_retention (lib, &by_count, T0 + 100 * DAY, NULL), ==, 0);

  /* Unread entries go only when the policy says so; the table given
   * overrides the feed keys remembered. */
  {
    g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_hash_table_unref);
    GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_add (set, (gpointer) "recent");
    g_hash_table_insert (keys, (gpointer) id, set);
    g_assert_cmpuint (bs_library_apply_retention (lib, &by_age, T0 + 100 * DAY, keys), ==, 1);
    g_assert_null (bs_library_lookup_entry (lib, id, "infeed"));
    g_assert_cmpuint (bs_source_get_unread_count (source), ==, 1);
    g_assert_cmpuint (bs_library_apply_retention (lib, &unread_too, T0 + 100 * DAY, keys), ==, 1);
    g_assert_null (bs_library_lookup_entry (lib, id, "unread"));
    g_assert_nonnull (bs_library_lookup_entry (lib, id, "starred"));
    g_assert_cmpuint (bs_source_get_unread_count (source), ==, 0);
    g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 0);
  }

  reopen_library (fixture);
  lib = fixture->library;
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_all_entries (lib)), ==, 2);
  g_assert_nonnull (bs_library_lookup_entry (lib, id, "starred"));
  g_assert_nonnull (bs_library_lookup_entry (lib, id, "recent"));
}

static void
test_normalize_link (void)
{
  struct { const char *in, *out; } cases[] = {
    { "HTTPS://Blog.Example.org/post/?utm_source=x&utm_medium=rss#top", "//blog.example.org/post" },
    { "http://blog.example.org/post", "//blog.example.org/post" },
    { "http://blog.example.org:80/post//", "//blog.example.org/post" },
    { "https://example.org/?p=12&utm_campaign=c", "//example.org?p=12" },
    { "https://example.org/a?utm_term=x&b=2", "//example.org/a?b=2" },
    { "https://example.org:8443/A", "//example.org:8443/A" },
    { "gemini://Example.org/x", "gemini://example.org/x" },
    { "  not a url#frag ", "not a url" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *norm = bs_library_normalize_link (cases[i].in);

      g_assert_cmpstr (norm, ==, cases[i].out);
    }
  g_assert_null (bs_library_normalize_link (NULL));
  g_assert_null (bs_library_normalize_link ("  "));
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  BsLibrary *lib = fixture->library;
  /* The Planet is subscribed first, so only the host rule picks the blog. */
  BsSource *planet = add_source (fixture, "https://planet.example.org/rss20.xml", NULL);
  BsSource *blog = add_source (fixture, "https://alice.example.com/feed/", NULL);
  g_autoptr(BsFeed) pfeed = feed_new ("Planet", "https://planet.example.org/");
  g_autoptr(BsFeed) bfeed = feed_new ("Alice", "https://alice.example.com/");
  g_autoptr(BsFeed) late = feed_new ("Planet", "https://planet.example.org/");
  g_autoptr(GListModel) pmodel = bs_library_get_source_entries (lib, planet);
  GListModel *all = bs_library_get_all_entries (lib);
  GListModel *unread = bs_library_get_unread_entries (lib);
  BsEntry *p1, *b1, *p2, *b2, *p3, *b3;
  g_autofree char *pid = g_strdup (bs_source_get_id (planet));
  g_autofree char *bid = g_strdup (bs_source_get_id (blog));

  /* The same link (tracking parameters, scheme and slash aside). */
  feed_add (pfeed, "planet-1", "Hello world", "http://alice.example.com/hello/?utm_source=planet",
            T0, NULL);
  /* Links differ (a redirector), same title, dates an hour apart. */
  feed_add (pfeed, "planet-2", "Release notes for 2.0", "https://feeds.example.net/r/42",
            T0 + 3600, NULL);
  /* Same title but a week apart: a different article. */
  feed_add (pfeed, "planet-3", "Weekly status report", "https://bob.example.net/status",
            T0 + 7 * DAY, NULL);
  merge (fixture, planet, pfeed, T0 + 8 * DAY);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);

  feed_add (bfeed, "alice-1", "Hello world", "https://alice.example.com/hello", T0, NULL);
  feed_add (bfeed, "alice-2", "Release Notes for 2.0!", "https://alice.example.com/2.0",
            T0, NULL);
  feed_add (bfeed, "alice-3", "Weekly status report", "https://alice.example.com/status",
            T0, NULL);
  merge (fixture, blog, bfeed, T0 + 8 * DAY);

  p1 = bs_library_lookup_entry (lib, pid, "planet-1");
  p2 = bs_library_lookup_entry (lib, pid, "planet-2");
  p3 = bs_library_lookup_entry (lib, pid, "planet-3");
  b1 = bs_library_lookup_entry (lib, bid, "alice-1");
  b2 = bs_library_lookup_entry (lib, bid, "alice-2");
  b3 = bs_library_lookup_entry (lib, bid, "alice-3");

  g_assert_true (bs_library_get_duplicate_of (lib, p1) == b1);
  g_assert_true (bs_library_get_duplicate_of (lib, p2) == b2);
  g_assert_null (bs_library_get_duplicate_of (lib, b1));
  g_assert_null (bs_library_get_duplicate_of (lib, b2));
  g_assert_null (bs_library_get_duplicate_of (lib, p3));
  g_assert_null (bs_library_get_duplicate_of (lib, b3));

  /* Shown once where duplicates are hidden, everywhere in the Planet's. */
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (unread), ==, 4);
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (pmodel), ==, 3);
  g_assert_cmpuint (bs_source_get_unread_count (planet), ==, 3);
  g_assert_cmpuint (bs_source_get_unread_count (blog), ==, 3);

  /* Read together, in both directions. */
  bs_library_set_read (lib, p1, TRUE);
  g_assert_true (bs_entry_get_read (b1));
  bs_library_set_read (lib, b2, TRUE);
  g_assert_true (bs_entry_get_read (p2));
  g_assert_cmpuint (bs_source_get_unread_count (planet), ==, 1);
  g_assert_cmpuint (bs_source_get_unread_count (blog), ==, 1);
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (unread), ==, 2);
  bs_library_set_read (lib, b1, FALSE);
  g_assert_false (bs_entry_get_read (p1));
  bs_library_set_read (lib, b1, TRUE);

  /* A copy that arrives after the original was read arrives read. */
  feed_add (late, "planet-1", "Hello world", "http://alice.example.com/hello/?utm_source=planet",
            T0, NULL);
  feed_add (late, "planet-4", "Hello world", "https://alice.example.com/hello#comments",
            T0, NULL);
  merge (fixture, planet, late, T0 + 9 * DAY);
  g_assert_true (bs_entry_get_read (bs_library_lookup_entry (lib, pid, "planet-4")));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);

  /* Without the blog, the Planet's copies are shown again. */
  {
    g_autoptr(BsRemovedSource) removed = bs_library_remove_source (lib, blog);
    g_autoptr(GError) error = NULL;

    g_assert_null (bs_library_get_duplicate_of (lib, p1));
    g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);
    g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 1);
    bs_library_restore_source (lib, removed, &error);
    g_assert_no_error (error);
    g_assert_true (bs_library_get_duplicate_of (lib, p1) == b1);
    g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);
  }

  /* The same after a restart. */
  reopen_library (fixture);
  lib = fixture->library;
  p1 = bs_library_lookup_entry (lib, pid, "planet-1");
  b1 = bs_library_lookup_entry (lib, bid, "alice-1");
  g_assert_true (bs_library_get_duplicate_of (lib, p1) == b1);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_all_entries (lib)), ==, 4);
}

static void
test_folders (Fixture       *fixture,
              gconstpointer  data)
{
  BsLibrary *lib = fixture->library;
  BsSource *a = add_source (fixture, "https://a.example/feed", "News");
  BsSource *b = add_source (fixture, "https://b.example/feed", "Tech");
  BsSource *c = add_source (fixture, "https://c.example/feed", NULL);
  GListModel *folders = bs_library_get_folders (lib);
  GListModel *sources = bs_library_get_sources (lib);
  g_autoptr(BsFeed) fa = feed_new ("Zeta", NULL);
  g_autoptr(BsFeed) fb = feed_new ("Alpha", NULL);
  g_autoptr(BsFeed) fc = feed_new ("Beta", NULL);
  g_autoptr(GListModel) news = bs_library_get_folder_entries (lib, "News");
  g_autoptr(Mirror) mirror = mirror_new (news);
  g_autoptr(BsFolder) folder = NULL;
  g_autofree char *aid = g_strdup (bs_source_get_id (a));
  g_autofree char *bid = g_strdup (bs_source_get_id (b));

  feed_add (fa, "a1", "A one", NULL, T0, NULL);
  feed_add (fa, "a2", "A two", NULL, T0 + 1, NULL);
  feed_add (fb, "b1", "B one", NULL, T0 + 2, NULL);
  feed_add (fc, "c1", "C one", NULL, T0 + 3, NULL);
  merge (fixture, a, fa, T0);
  merge (fixture, b, fb, T0);
  merge (fixture, c, fc, T0);

  g_assert_cmpuint (g_list_model_get_n_items (folders), ==, 2);
  folder = g_list_model_get_item (folders, 0);
  g_assert_cmpstr (bs_folder_get_name (folder), ==, "News");
  g_assert_cmpuint (bs_folder_get_unread_count (folder), ==, 2);
  g_clear_object (&folder);

  /* Folders first, then by title. */
  g_assert_true (source_at (sources, 0) == a);
  g_assert_true (source_at (sources, 1) == b);
  g_assert_true (source_at (sources, 2) == c);

  g_assert_cmpuint (mirror->items->len, ==, 2);

  /* Moving a source into the folder. */
  bs_library_move_source (lib, b, "News");
  g_assert_cmpuint (g_list_model_get_n_items (folders), ==, 1);
  g_assert_cmpuint (mirror->items->len, ==, 3);
  g_assert_cmpstr (bs_entry_get_key (g_ptr_array_index (mirror->items, 0)), ==, "b1");
  folder = g_list_model_get_item (folders, 0);
  g_assert_cmpuint (bs_folder_get_unread_count (folder), ==, 3);
  bs_library_set_read (lib, bs_library_lookup_entry (lib, bs_source_get_id (b), "b1"), TRUE);
  g_assert_cmpuint (bs_folder_get_unread_count (folder), ==, 2);
  g_assert_cmpuint (bs_library_mark_folder_read (lib, "News"), ==, 2);
  g_assert_cmpuint (bs_folder_get_unread_count (folder), ==, 0);
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 1);
  g_clear_object (&folder);

  /* Renaming a folder moves its sources; the old name's model empties. */
  bs_library_rename_folder (lib, "News", "Reading");
  g_assert_cmpuint (g_list_model_get_n_items (folders), ==, 1);
  folder = g_list_model_get_item (folders, 0);
  g_assert_cmpstr (bs_folder_get_name (folder), ==, "Reading");
  g_assert_cmpstr (bs_source_get_folder (a), ==, "Reading");
  g_assert_cmpstr (bs_source_get_folder (b), ==, "Reading");
  g_assert_cmpuint (mirror->items->len, ==, 0);
  {
    g_autoptr(GListModel) reading = bs_library_get_folder_entries (lib, "Reading");

    g_assert_cmpuint (g_list_model_get_n_items (reading), ==, 3);
  }

  /* Out of folders: c and the renamed a sort by title. */
  bs_library_move_source (lib, a, "");
  g_assert_null (bs_source_get_folder (a));
  g_assert_true (source_at (sources, 1) == c);
  g_assert_true (source_at (sources, 2) == a);
  bs_library_rename_source (lib, a, "Aardvark");
  g_assert_true (source_at (sources, 1) == a);

  reopen_library (fixture);
  lib = fixture->library;
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_folders (lib)), ==, 1);
  g_assert_cmpstr (bs_source_get_folder (bs_library_lookup_source (lib, bid)), ==,
                   "Reading");
  g_assert_cmpstr (bs_source_get_display_title (bs_library_lookup_source (lib, aid)),
                   ==, "Aardvark");
}

static void
test_remove_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  BsLibrary *lib = fixture->library;
  BsSource *a = add_source (fixture, "https://a.example/feed", "F");
  BsSource *b = add_source (fixture, "https://b.example/feed", NULL);
  g_autofree char *aid = g_strdup (bs_source_get_id (a));
  g_autoptr(BsFeed) fa = feed_new ("A", NULL);
  g_autoptr(BsFeed) fb = feed_new ("B", NULL);
  g_autoptr(Mirror) all = mirror_new (bs_library_get_all_entries (lib));
  g_autoptr(BsRemovedSource) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSource) twin = NULL;
  g_autofree char *path = NULL;

  feed_add (fa, "a1", "A one", NULL, T0, NULL);
  feed_add (fa, "a2", "A two", NULL, T0 + 2, NULL);
  feed_add (fb, "b1", "B one", NULL, T0 + 1, NULL);
  merge (fixture, a, fa, T0);
  merge (fixture, b, fb, T0);
  bs_library_set_starred (lib, bs_library_lookup_entry (lib, aid, "a1"), TRUE);
  bs_library_set_read (lib, bs_library_lookup_entry (lib, aid, "a2"), TRUE);
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 2);

  removed = bs_library_remove_source (lib, a);
  g_assert_true (bs_removed_source_get_source (removed) == a);
  g_assert_null (bs_library_lookup_source (lib, aid));
  g_assert_cmpuint (all->items->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_sources (lib)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_folders (lib)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_starred_entries (lib)), ==, 0);
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 1);

  /* Gone from the disk too. */
  g_assert_true (bs_store_flush (fixture->store, NULL));
  path = g_strdup_printf ("%s/entries/%s.gvariant", fixture->dir, aid);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Undo. */
  bs_library_restore_source (lib, removed, &error);
  g_assert_no_error (error);
  g_assert_true (bs_library_lookup_source (lib, aid) == a);
  g_assert_cmpuint (all->items->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_folders (lib)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_starred_entries (lib)), ==, 1);
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 2);
  g_assert_cmpuint (bs_source_get_unread_count (a), ==, 1);

  /* Twice is refused. */
  g_assert_false (bs_library_restore_source (lib, removed, &error));
  g_assert_error (error, BS_LIBRARY_ERROR, BS_LIBRARY_ERROR_EXISTS);
  g_clear_error (&error);
  twin = bs_source_new_with_id ("other", "https://a.example/feed");
  g_assert_false (bs_library_add_source (lib, twin, &error));
  g_assert_error (error, BS_LIBRARY_ERROR, BS_LIBRARY_ERROR_EXISTS);

  /* Subscription order kept: a is still first in the store. */
  reopen_library (fixture);
  lib = fixture->library;
  a = bs_library_lookup_source (lib, aid);
  g_assert_nonnull (a);
  g_assert_true (bs_entry_get_starred (bs_library_lookup_entry (lib, aid, "a1")));
  g_assert_true (bs_entry_get_read (bs_library_lookup_entry (lib, aid, "a2")));
  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, 2);

  /* A removal that is not undone survives a restart. */
  g_clear_pointer (&removed, bs_removed_source_free);
  removed = bs_library_remove_source (lib, a);
  reopen_library (fixture);
  g_assert_null (bs_library_lookup_source (fixture->library, aid));
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_all_entries (fixture->library)), ==, 1);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  BsLibrary *lib = fixture->library;
  BsSource *s = add_source (fixture, "https://s.example/feed", NULL);
  g_autoptr(BsFeed) feed = feed_new ("S", NULL);
  g_autoptr(BsFeed) more = feed_new ("S", NULL);
  g_autoptr(GListModel) r = NULL;
  g_autofree char *folded = bs_search_fold ("L'École du Nord — STRASSE Straße ﬁne", -1);
  g_auto(GStrv) words = bs_search_query_words ("  the  Quick, quick brown ");

  g_assert_cmpstr (folded, ==, "l ecole du nord strasse strasse fine");
  g_assert_cmpuint (g_strv_length (words), ==, 3);
  g_assert_cmpstr (words[0], ==, "quick");

  feed_add (feed, "1", "L'École des Loisirs", NULL, T0, "<p>Un article en <em>français</em>.</p>");
  feed_add (feed, "2", "GNOME 50 released", NULL, T0 + 1,
            "<p>The <strong>Quick</strong> brown fox &amp; friends</p>");
  feed_add (feed, "3", "Nothing here", NULL, T0 + 2, "<div class=\"quick\">slow</div>");
  feed_add (feed, "4", "Plain", NULL, T0 + 3, "a quick plain text summary");
  merge (fixture, s, feed, T0);

  r = bs_library_search (lib, "Ecole");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 1);
  g_assert_cmpstr (key_at (r, 0), ==, "1");
  g_clear_object (&r);

  r = bs_library_search (lib, "FRANCAIS");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 1);
  g_clear_object (&r);

  r = bs_library_search (lib, "quick");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 2);
  g_assert_cmpstr (key_at (r, 0), ==, "4");
  g_assert_cmpstr (key_at (r, 1), ==, "2");
  g_clear_object (&r);

  /* Every word, in any order (narrowing the last search). */
  r = bs_library_search (lib, "quick fox");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 1);
  g_assert_cmpstr (key_at (r, 0), ==, "2");
  g_clear_object (&r);
  r = bs_library_search (lib, "fox gnome");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 1);
  g_clear_object (&r);
  r = bs_library_search (lib, "fox loisirs");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 0);
  g_clear_object (&r);

  /* Tags, attributes and entities are not text. */
  r = bs_library_search (lib, "strong");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 0);
  g_clear_object (&r);
  r = bs_library_search (lib, "class");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 0);
  g_clear_object (&r);
  r = bs_library_search (lib, "amp");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 0);
  g_clear_object (&r);
  r = bs_library_search (lib, "  ,; ");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 0);
  g_clear_object (&r);

  /* Results follow new and changed entries. */
  r = bs_library_search (lib, "ecol");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 1);
  feed_add (more, "3", "Une école", NULL, T0 + 2, NULL);
  feed_add (more, "5", "ÉCOLE normale", NULL, T0 + 5, NULL);
  merge (fixture, s, more, T0);
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 3);
  g_assert_cmpstr (key_at (r, 0), ==, "5");
  g_assert_cmpstr (key_at (r, 1), ==, "3");
  g_clear_object (&r);

  /* After a restart, bodies are read from the store. */
  reopen_library (fixture);
  r = bs_library_search (fixture->library, "brown");
  g_assert_cmpuint (g_list_model_get_n_items (r), ==, 1);
  g_assert_cmpstr (key_at (r, 0), ==, "2");
}

/* Distinct words: the same matches, whatever the query. */
static void
test_search_distinct_words (void)
{
  static const char *cases[][2] = {
    { "the cat the dog cat the end", "the cat dog end" },
    { "a", "a" },
    { "", "" },
    { "ab ab ab", "ab" },
    { "ab a b ba ab", "ab a b ba" },
    { "école ecole école", "école ecole" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (cases[i][0]);

      bs_search_keep_distinct_words (text);
      g_assert_cmpstr (text->str, ==, cases[i][1]);
    }

  /* Many words: "w0 w1 … w999" twice gives it once. */
  {
    g_autoptr(GString) many = g_string_new (NULL);
    g_autoptr(GString) once = g_string_new (NULL);

    for (guint i = 0; i < 2000; i++)
      {
        g_string_append_printf (many, "%sw%u", i > 0 ? " " : "", i % 1000);
        if (i < 1000)
          g_string_append_printf (once, "%sw%u", i > 0 ? " " : "", i);
      }
    bs_search_keep_distinct_words (many);
    g_assert_cmpstr (many->str, ==, once->str);
  }

  for (guint n = 0; n < 2000; n++)
    {
      g_autoptr(GString) raw = g_string_new (NULL);
      g_autofree char *folded = NULL;
      g_autoptr(GString) distinct = NULL;
      guint n_words = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n_words; i++)
        {
          guint len = g_rand_int_range (rand, 1, 4);

          for (guint j = 0; j < len; j++)
            g_string_append_c (raw, "abcA"[g_rand_int_range (rand, 0, 4)]);
          g_string_append (raw, g_rand_boolean (rand) ? " " : ", ");
        }
      folded = bs_search_fold (raw->str, -1);
      distinct = g_string_new (folded);
      bs_search_keep_distinct_words (distinct);
      g_assert_cmpuint (distinct->len, <=, strlen (folded));

      for (guint q = 0; q < 8; q++)
        {
          char word[4] = { 0 };
          const char *words[] = { word, NULL };

          for (guint j = 0, len = g_rand_int_range (rand, 1, 4); j < len; j++)
            word[j] = "abc"[g_rand_int_range (rand, 0, 3)];
          g_assert_cmpint (bs_search_match (folded, words), ==, bs_search_match (distinct->str, words));
        }
    }
}

static const char *vocabulary[] = {
  "gnome", "release", "kernel", "python", "planet", "desktop", "wayland", "rust",
  "compiler", "theme", "icon", "shell", "window", "keyboard", "network", "printer",
  "debian", "fedora", "flatpak", "portal", "notification", "calendar", "weather",
  "music", "video", "camera", "photo", "terminal", "editor", "builder", "library",
  "école", "café", "naïve", "résumé", "Straße", "über", "smörgåsbord", "fiancé",
};

static char *
random_text (GRand *rand,
             guint  words)
{
  GString *s = g_string_new ("<p>");

  for (guint i = 0; i < words; i++)
    {
      if (i > 0 && i % 12 == 0)
        g_string_append (s, "</p><p>");
      else if (i > 0)
        g_string_append_c (s, ' ');
      if (i % 7 == 3)
        g_string_append (s, "<em>");
      g_string_append (s, vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
      g_string_append_printf (s, "%u", g_rand_int_range (rand, 0, 50));
      if (i % 7 == 3)
        g_string_append (s, "</em>");
    }
  g_string_append (s, "</p>");
  return g_string_free (s, FALSE);
}

/* @n_sources sources of @per_source entries each, with bodies of about
 * @words words, written to the store and loaded again: bodies are read
 * from the mapping, as in the app. */
static void
fill_library (Fixture *fixture,
              guint    n_sources,
              guint    per_source,
              guint    words)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint s = 0; s < n_sources; s++)
    {
      g_autofree char *url = g_strdup_printf ("https://fill%u.example/feed", s);
      BsSource *source = add_source (fixture, url, NULL);
      g_autoptr(BsFeed) feed = feed_new (url, NULL);

      for (guint i = 0; i < per_source; i++)
        {
          g_autofree char *id = g_strdup_printf ("%u", i);
          /* Unique titles: no entry is a duplicate of another. */
          g_autofree char *title = g_strdup_printf ("%s %s t%ux%uz",
                                                    vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))],
                                                    vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))],
                                                    s, i);
          g_autofree char *body = random_text (rand, g_rand_int_range (rand, words / 2, words * 3 / 2 + 1));

          feed_add (feed, id, title, NULL, T0 - g_rand_int_range (rand, 0, 1000000), body);
        }
      merge (fixture, source, feed, T0);
    }
  reopen_library (fixture);
}

/* How many entries have their search text. */
static guint
count_prepared (BsLibrary *lib)
{
  guint n = 0;

  for (guint i = 0; i < lib->items->len; i++)
    n += ((BsLibraryItem *) g_ptr_array_index (lib->items, i))->search_text != NULL;
  return n;
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Prepared;

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Prepared *prepared = data;

  g_assert_false (prepared->done);
  prepared->ok = bs_library_prepare_search_finish (BS_LIBRARY (object), result, &prepared->error);
  prepared->done = TRUE;
}

static void
wait_prepared (Prepared *prepared)
{
  while (!prepared->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The ids of the results of @query, in order. */
static GStrv
search_ids (BsLibrary  *lib,
            const char *query)
{
  g_autoptr(GListModel) results = bs_library_search (lib, query);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      BsEntry *entry = entry_at (results, i);

      g_ptr_array_add (ids, g_strdup_printf ("%s/%s", bs_entry_get_source_id (entry),
                                             bs_entry_get_key (entry)));
    }
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (ids, FALSE);
}

static const char *prepare_queries[] = {
  "gnome", "GNOME1", "ecole", "École4", "strasse", "cafe", "fiance3 camera", "camera fiance3",
  "kernel window", "zzz", "e", "smorgasbord12", "naive über",
};

/* Preparing gives every entry its text, and the same results. */
static void
test_prepare_search (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) prepared_results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  Prepared prepared = { FALSE, FALSE, NULL };
  guint n_entries;

  fill_library (fixture, 4, 60, 40);
  n_entries = fixture->library->items->len;
  g_assert_cmpuint (n_entries, ==, 240);
  g_assert_cmpuint (count_prepared (fixture->library), ==, 0);

  bs_library_prepare_search_async (fixture->library, NULL, prepared_cb, &prepared);
  g_assert_false (prepared.done);  /* never before the main loop runs */
  wait_prepared (&prepared);
  g_assert_no_error (prepared.error);
  g_assert_true (prepared.ok);
  g_assert_cmpuint (count_prepared (fixture->library), ==, n_entries);

  for (guint i = 0; i < G_N_ELEMENTS (prepare_queries); i++)
    g_ptr_array_add (prepared_results, search_ids (fixture->library, prepare_queries[i]));

  /* A library loaded again, searched without preparing. */
  reopen_library (fixture);
  g_assert_cmpuint (count_prepared (fixture->library), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (prepare_queries); i++)
    {
      g_auto(GStrv) ids = search_ids (fixture->library, prepare_queries[i]);

      g_assert_true (g_strv_equal ((const char * const *) ids, prepared_results->pdata[i]));
    }

  /* The queries found something, not everything. */
  g_assert_cmpuint (g_strv_length (prepared_results->pdata[0]), >, 0);
  g_assert_cmpuint (g_strv_length (prepared_results->pdata[0]), <, n_entries);
  g_assert_cmpuint (g_strv_length (prepared_results->pdata[5]), >, 0);
  g_assert_cmpuint (g_strv_length (prepared_results->pdata[6]), >, 0);
  g_assert_true (g_strv_equal (prepared_results->pdata[6], prepared_results->pdata[7]));
  g_assert_cmpuint (g_strv_length (prepared_results->pdata[9]), ==, 0);
  g_assert_cmpuint (g_strv_length (prepared_results->pdata[10]), ==, n_entries);

  /* Preparing again has nothing to do, and still finishes. */
  prepared.done = FALSE;
  bs_library_prepare_search_async (fixture->library, NULL, prepared_cb, &prepared);
  wait_prepared (&prepared);
  g_assert_true (prepared.ok);
}

static void
test_prepare_search_cancel (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Prepared prepared = { FALSE, FALSE, NULL };
  g_auto(GStrv) ids = NULL;
  guint n_entries, n_prepared;

  fill_library (fixture, 10, 100, 150);
  n_entries = fixture->library->items->len;

  /* Cancelled before it started: nothing done. */
  bs_library_prepare_search_async (fixture->library, cancellable, prepared_cb, &prepared);
  g_cancellable_cancel (cancellable);
  wait_prepared (&prepared);
  g_assert_error (prepared.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (prepared.ok);
  g_assert_cmpuint (count_prepared (fixture->library), ==, 0);
  g_clear_error (&prepared.error);

  /* Cancelled after its first slice: it stops there. */
  g_cancellable_reset (cancellable);
  prepared.done = FALSE;
  bs_library_prepare_search_async (fixture->library, cancellable, prepared_cb, &prepared);
  while (count_prepared (fixture->library) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (prepared.done);
  g_cancellable_cancel (cancellable);
  wait_prepared (&prepared);
  g_assert_error (prepared.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&prepared.error);
  n_prepared = count_prepared (fixture->library);
  g_test_message ("%u of %u entries prepared by the first slice", n_prepared, n_entries);
  g_assert_cmpuint (n_prepared, >, 0);
  g_assert_cmpuint (n_prepared, <, n_entries);

  /* A search still sees every entry, building what is missing. */
  ids = search_ids (fixture->library, "e");
  g_assert_cmpuint (g_strv_length (ids), ==, n_entries);
  g_assert_cmpuint (count_prepared (fixture->library), ==, n_entries);
}

/* Merges while preparing: a prepared entry changes, new ones come before
 * the place preparation has reached. */
static void
test_prepare_search_merge (Fixture       *fixture,
                           gconstpointer  data)
{
  Prepared prepared = { FALSE, FALSE, NULL };
  g_autoptr(BsFeed) changed = feed_new (NULL, NULL);
  g_autoptr(BsFeed) added = feed_new (NULL, NULL);
  g_auto(GStrv) ids = NULL;
  g_autofree char *old_word = NULL;
  g_autofree char *changed_id = NULL;
  BsLibraryItem *item = NULL;
  BsSource *source;
  guint n_entries;

  fill_library (fixture, 10, 100, 150);
  n_entries = fixture->library->items->len;

  bs_library_prepare_search_async (fixture->library, NULL, prepared_cb, &prepared);
  while (count_prepared (fixture->library) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (prepared.done);
  g_assert_cmpuint (count_prepared (fixture->library), <, n_entries);

  /* The newest entry, prepared first, gets another title. */
  item = g_ptr_array_index (fixture->library->items, 0);
  g_assert_nonnull (item->search_text);
  source = bs_library_lookup_source (fixture->library, bs_entry_get_source_id (item->entry));
  old_word = g_strdup (strrchr (bs_entry_get_title (item->entry), ' ') + 1);  /* "tNxMz" */
  changed_id = g_strdup_printf ("%s/%s", bs_entry_get_source_id (item->entry),
                                bs_entry_get_key (item->entry));
  feed_add (changed, bs_entry_get_key (item->entry), "Zanzibar", NULL,
            bs_entry_get_published (item->entry), bs_entry_get_summary (item->entry));
  merge (fixture, source, changed, T0);
  g_assert_null (item->search_text);

  /* Three new entries, newer than any: before where preparation is. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("new%u", i);

      feed_add (added, id, "Quetzal", NULL, T0 + 10 + i, "<p>fresh</p>");
    }
  merge (fixture, source, added, T0);

  wait_prepared (&prepared);
  g_assert_true (prepared.ok);
  g_assert_cmpuint (fixture->library->items->len, ==, n_entries + 3);
  g_assert_cmpuint (count_prepared (fixture->library), ==, n_entries + 3);

  ids = search_ids (fixture->library, "zanzibar");
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, changed_id);
  g_clear_pointer (&ids, g_strfreev);
  ids = search_ids (fixture->library, "quetzal");
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_clear_pointer (&ids, g_strfreev);
  ids = search_ids (fixture->library, old_word);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  g_clear_pointer (&ids, g_strfreev);

  /* While the same kind of word of an unchanged entry finds it. */
  item = g_ptr_array_index (fixture->library->items, 4);
  g_assert_cmpstr (bs_entry_get_title (item->entry), !=, "Quetzal");
  g_assert_cmpstr (bs_entry_get_title (item->entry), !=, "Zanzibar");
  ids = search_ids (fixture->library, strrchr (bs_entry_get_title (item->entry), ' ') + 1);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
}

typedef struct {
  Prepared prepared;
  guint    ticks;   /* of the timeout while preparing */
} Ticks;

static gboolean
tick_cb (gpointer data)
{
  Ticks *ticks = data;

  if (ticks->prepared.done)
    return G_SOURCE_REMOVE;
  ticks->ticks++;
  return G_SOURCE_CONTINUE;
}

/* The main loop keeps running while preparing: a 10 ms timeout fires
 * between the slices. */
static void
test_prepare_search_main_loop (Fixture       *fixture,
                               gconstpointer  data)
{
  Ticks ticks = { { FALSE, FALSE, NULL }, 0 };
  gint64 start;
  double elapsed;

  fill_library (fixture, 20, 100, 300);
  g_assert_cmpuint (fixture->library->items->len, ==, 2000);

  g_timeout_add (10, tick_cb, &ticks);
  start = g_get_monotonic_time ();
  bs_library_prepare_search_async (fixture->library, NULL, prepared_cb, &ticks.prepared);
  wait_prepared (&ticks.prepared);
  elapsed = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_true (ticks.prepared.ok);
  g_assert_cmpuint (count_prepared (fixture->library), ==, 2000);

  g_test_message ("preparing 2000 entries took %.0f ms; the 10 ms timeout fired %u times",
                  elapsed, ticks.ticks);
  /* At least 20 ms of work (about 100 µs an entry here), so at least two
   * ticks unless it all ran at once. */
  g_assert_cmpfloat (elapsed, >=, 20);
  g_assert_cmpuint (ticks.ticks, >=, 2);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Typing and erasing: the recent searches give what a full scan gives. */
static void
test_search_typing (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *typed[] = { "gnome12", "cafe naive", "naive cafe", "kernel4 xyz",
                                 "Straße über", "e", "python" };
  g_autoptr(BsStore) ref_store = NULL;
  g_autoptr(BsLibrary) ref = NULL;
  g_autoptr(BsFeed) feed = feed_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  guint checked = 0, found = 0;

  fill_library (fixture, 5, 80, 30);

  /* The same store read by a second library, searched afresh each time. */
  ref_store = bs_store_new (fixture->dir);
  bs_store_open (ref_store, FALSE, &error);
  g_assert_no_error (error);
  ref = bs_library_new (ref_store);
  bs_library_load (ref, &error);
  g_assert_no_error (error);

  for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
    {
      g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);

      for (const char *p = g_utf8_next_char (typed[t]);; p = g_utf8_next_char (p))
        {
          g_ptr_array_add (queries, g_strndup (typed[t], p - typed[t]));
          if (*p == '\0')
            break;
        }
      for (guint i = queries->len - 1; i-- > 0;)
        g_ptr_array_add (queries, g_strdup (queries->pdata[i]));

      for (guint i = 0; i < queries->len; i++)
        {
          g_auto(GStrv) got = search_ids (fixture->library, queries->pdata[i]);
          g_auto(GStrv) want = NULL;

          _bs_library_forget_search (ref);
          want = search_ids (ref, queries->pdata[i]);
          g_assert_true (g_strv_equal ((const char * const *) got, (const char * const *) want));
          checked++;
          found += want[0] != NULL;
        }
    }
  g_assert_cmpuint (found, >, checked / 2);
  g_assert_cmpuint (found, <, checked);

  /* A change forgets the recent matches. */
  ids = search_ids (fixture->library, "quetzal");
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  g_clear_pointer (&ids, g_strfreev);
  feed_add (feed, "q", "Quetzal", NULL, T0, NULL);
  merge (fixture, source_at (bs_library_get_sources (fixture->library), 0), feed, T0);
  ids = search_ids (fixture->library, "quetzal");
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_clear_pointer (&ids, g_strfreev);
  ids = search_ids (fixture->library, "quetza");
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
}

/* Random merges, reads, stars, removals and retention: every model
 * equals what a recount from the entries gives, after every step. */
#define POOL 24

typedef struct {
  Fixture   *fixture;
  BsSource  *sources[3];
  char      *ids[3];
  BsRemovedSource *removed[3];
  guint      seen_duplicates;
  guint      seen_entries;
} Random;

static void
random_feed (Random *r,
             guint   s,
             gint64  now)
{
  g_autoptr(BsFeed) feed = feed_new (NULL, NULL);
  /* Sometimes more than 64 entries (keys repeat): a bulk merge. */
  guint n = g_test_rand_int_range (0, 5) == 0 ? g_test_rand_int_range (65, 80)
                                              : g_test_rand_int_range (0, 12);

  for (guint i = 0; i < n; i++)
    {
      guint k = g_test_rand_int_range (0, POOL);
      g_autofree char *id = g_strdup_printf ("%u-%u", s, k);
      /* Sources 1 and 2 carry copies of source 0's articles. */
      g_autofree char *link = g_strdup_printf ("https://s0.example/%u%s", k,
                                               s == 0 ? "" : "/?utm_source=x");
      g_autofree char *title = g_strdup_printf ("Article number %u", k);
      gint64 date = g_test_rand_bit () ? T0 + k * 3600 : BS_DATE_NONE;

      if (s == 2 && g_test_rand_bit ())
        {
          g_free (link);
          link = g_strdup_printf ("https://other.example/%u", k);
        }
      feed_add (feed, id, title, link, date, NULL);
    }

  merge (r->fixture, r->sources[s], feed, now);
}

static void
check_random (Random   *r,
              Mirror  **mirrors,
              guint     n_mirrors)
{
  BsLibrary *lib = r->fixture->library;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GPtrArray) unread = g_ptr_array_new ();
  g_autoptr(GPtrArray) starred = g_ptr_array_new ();
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GPtrArray) folder = g_ptr_array_new ();
  guint total = 0, folder_unread = 0;
  GListModel *folders = bs_library_get_folders (lib);

  for (guint s = 0; s < 3; s++)
    {
      guint source_unread = 0;

      for (guint k = 0; k < POOL; k++)
        {
          g_autofree char *key = g_strdup_printf ("%u-%u", s, k);
          BsEntry *entry = bs_library_lookup_entry (lib, r->ids[s], key);
          BsEntry *shown;
          gboolean dup;

          if (entry == NULL)
            continue;
          g_assert_true (r->removed[s] == NULL);
          r->seen_entries++;

          shown = bs_library_get_duplicate_of (lib, entry);
          dup = shown != NULL;
          if (dup)
            {
              r->seen_duplicates++;
              g_assert_null (bs_library_get_duplicate_of (lib, shown));
              g_assert_true (bs_entry_get_source_id (shown) != bs_entry_get_source_id (entry));
            }

          if (!dup)
            g_ptr_array_add (all, entry);
          if (!dup && !bs_entry_get_read (entry))
            {
              g_ptr_array_add (unread, entry);
              total++;
            }
          if (bs_entry_get_starred (entry))
            g_ptr_array_add (starred, entry);
          if (s == 0)
            g_ptr_array_add (first, entry);
          if (s != 2 && !dup)
            g_ptr_array_add (folder, entry);
          if (!bs_entry_get_read (entry))
            source_unread++;
        }

      if (r->removed[s] == NULL)
        {
          g_assert_cmpuint (bs_source_get_unread_count (r->sources[s]), ==, source_unread);
          if (s != 2)
            folder_unread += source_unread;
        }
    }

  g_assert_cmpuint (bs_library_get_total_unread (lib), ==, total);
  assert_model (mirrors[0], all);
  assert_model (mirrors[1], unread);
  assert_model (mirrors[2], starred);
  assert_model (mirrors[4], folder);
  if (r->removed[0] == NULL)
    assert_model (mirrors[3], first);
  g_assert_cmpuint (n_mirrors, ==, 5);

  if (folder_unread > 0 || g_list_model_get_n_items (folders) > 0)
    {
      g_autoptr(BsFolder) f = g_list_model_get_item (folders, 0);

      g_assert_nonnull (f);
      g_assert_cmpuint (bs_folder_get_unread_count (f), ==, folder_unread);
    }
  g_assert_cmpuint (count_unread (bs_library_get_unread_entries (lib)), ==, total);
}

static BsEntry *
random_entry (Random *r)
{
  for (guint tries = 0; tries < 20; tries++)
    {
      guint s = g_test_rand_int_range (0, 3);
      g_autofree char *key = g_strdup_printf ("%u-%u", s, g_test_rand_int_range (0, POOL));
      BsEntry *entry = bs_library_lookup_entry (r->fixture->library, r->ids[s], key);

      if (entry != NULL)
        return entry;
    }
  return NULL;
}

static void
test_random (Fixture       *fixture,
             gconstpointer  data)
{
  Random r = { fixture, { NULL }, { NULL }, { NULL }, 0, 0 };
  Mirror *mirrors[5];
  gint64 now = T0 + 30 * DAY;
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GListModel) folder = NULL;

  r.sources[0] = add_source (fixture, "https://s0.example/feed", "F");
  r.sources[1] = add_source (fixture, "https://planet.example/feed", "F");
  r.sources[2] = add_source (fixture, "https://s2.example/feed", NULL);
  for (guint s = 0; s < 3; s++)
    r.ids[s] = g_strdup (bs_source_get_id (r.sources[s]));

  first = bs_library_get_source_entries (fixture->library, r.sources[0]);
  folder = bs_library_get_folder_entries (fixture->library, "F");
  mirrors[0] = mirror_new (bs_library_get_all_entries (fixture->library));
  mirrors[1] = mirror_new (bs_library_get_unread_entries (fixture->library));
  mirrors[2] = mirror_new (bs_library_get_starred_entries (fixture->library));
  mirrors[3] = mirror_new (first);
  mirrors[4] = mirror_new (folder);

  for (guint step = 0; step < 400; step++)
    {
      guint op = g_test_rand_int_range (0, 100);
      guint s = g_test_rand_int_range (0, 3);
      BsEntry *entry;

      now += 60;
      if (op < 30)
        {
          if (r.removed[s] == NULL)
            random_feed (&r, s, now);
        }
      else if (op < 60)
        {
          if ((entry = random_entry (&r)) != NULL)
            bs_library_set_read (fixture->library, entry, !bs_entry_get_read (entry));
        }
      else if (op < 75)
        {
          if ((entry = random_entry (&r)) != NULL)
            bs_library_set_starred (fixture->library, entry, !bs_entry_get_starred (entry));
        }
      else if (op < 80)
        {
          if (r.removed[s] == NULL)
            bs_library_mark_source_read (fixture->library, r.sources[s]);
        }
      else if (op < 86)
        {
          BsRetentionPolicy policy = { 0, g_test_rand_int_range (1, 10), g_test_rand_bit () };

          bs_library_apply_retention (fixture->library, &policy, now, NULL);
        }
      else if (op < 93 && s != 0)
        {
          if (r.removed[s] == NULL)
            r.removed[s] = bs_library_remove_source (fixture->library, r.sources[s]);
          else
            {
              g_autoptr(GError) error = NULL;

              bs_library_restore_source (fixture->library, r.removed[s], &error);
              g_assert_no_error (error);
              g_clear_pointer (&r.removed[s], bs_removed_source_free);
            }
        }
      else if (op < 96)
        {
          if ((entry = random_entry (&r)) != NULL)
            bs_library_set_read (fixture->library, entry, TRUE);
        }

      check_random (&r, mirrors, G_N_ELEMENTS (mirrors));
    }

  /* The sequence did reach the interesting states. */
  g_test_message ("%u entries and %u duplicates checked", r.seen_entries, r.seen_duplicates);
  g_assert_cmpuint (r.seen_duplicates, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (mirrors); i++)
    mirror_free (mirrors[i]);
  for (guint s = 0; s < 3; s++)
    {
      g_free (r.ids[s]);
      g_clear_pointer (&r.removed[s], bs_removed_source_free);
    }
}

/* Not a check: how long search and loading take with many entries. Run
 * with -m perf. */
static void
test_search_speed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n_sources = 100, per_source = 1000;
  const char *queries[] = { "g", "gn", "gno", "gnom", "gnome", "gnome1", "gnome1 ecole",
                            "straße", "zzz", "caf", "release4 kernel" };
  g_autoptr(GTimer) timer = g_timer_new ();

  if (!g_test_perf ())
    {
      g_test_skip ("a measurement: run with -m perf");
      return;
    }

  for (guint s = 0; s < n_sources; s++)
    {
      g_autofree char *url = g_strdup_printf ("https://bench%u.example/feed", s);
      BsSource *source = add_source (fixture, url, NULL);
      g_autoptr(BsFeed) feed = feed_new (url, NULL);

      for (guint i = 0; i < per_source; i++)
        {
          g_autofree char *id = g_strdup_printf ("%u", i);
          g_autofree char *title = random_text (rand, 6);
          g_autofree char *title_text = g_strndup (title + 3, strlen (title) - 7);
          BsFeedEntry *fe = feed_add (feed, id, NULL, NULL, T0 + g_rand_int_range (rand, 0, 1000000), NULL);

          fe->title = g_strdup (title_text);
          fe->summary = random_text (rand, g_rand_int_range (rand, 40, 160));
        }
      merge (fixture, source, feed, T0);
    }
  g_test_message ("%u entries merged in %.3f s", n_sources * per_source,
                  g_timer_elapsed (timer, NULL));

  g_timer_start (timer);
  close_library (fixture);
  g_test_message ("store written in %.3f s", g_timer_elapsed (timer, NULL));
  g_timer_start (timer);
  open_library (fixture);
  g_test_message ("store opened and library loaded in %.3f s (%u entries)",
                  g_timer_elapsed (timer, NULL),
                  g_list_model_get_n_items (bs_library_get_all_entries (fixture->library)));

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr(GListModel) results = NULL;

        g_timer_start (timer);
        results = bs_library_search (fixture->library, queries[i]);
        g_test_message ("%s search \"%s\": %u results in %.1f ms",
                        round == 0 && i == 0 ? "first" : "then", queries[i],
                        g_list_model_get_n_items (results), g_timer_elapsed (timer, NULL) * 1000);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/broadsheet/library/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("models", test_models);
  ADD ("merge-keeps-flags", test_merge_keeps_flags);
  ADD ("retention", test_retention);
  g_test_add_func ("/broadsheet/library/normalize-link", test_normalize_link);
  ADD ("duplicates", test_duplicates);
  ADD ("folders", test_folders);
  ADD ("remove-undo", test_remove_undo);
  ADD ("search", test_search);
  g_test_add_func ("/broadsheet/library/search-distinct-words", test_search_distinct_words);
  ADD ("search-typing", test_search_typing);
  ADD ("prepare-search", test_prepare_search);
  ADD ("prepare-search-cancel", test_prepare_search_cancel);
  ADD ("prepare-search-merge", test_prepare_search_merge);
  ADD ("prepare-search-main-loop", test_prepare_search_main_loop);
  ADD ("random", test_random);
  ADD ("search-speed", test_search_speed);

  return g_test_run ();
}
