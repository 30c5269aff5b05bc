/* test-entry.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bs-entry.h"
#include "bs-source.h"

#include <string.h>

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static BsFeedEntry *
feed_entry (const char *id,
            const char *link,
            const char *title,
            gint64      published)
{
  BsFeedEntry *fe = bs_feed_entry_new ();

  fe->id = g_strdup (id);
  fe->link = g_strdup (link);
  fe->title = g_strdup (title);
  fe->published = published;
  return fe;
}

static void
test_entry_key (void)
{
  g_autoptr(BsFeedEntry) with_id = feed_entry ("tag:x,2026:1", "https://x/1", "T", 1);
  g_autoptr(BsFeedEntry) empty_id = feed_entry ("", "https://x/1", "T", 1);
  g_autoptr(BsFeedEntry) bare1 = feed_entry (NULL, NULL, "Title", 1000);
  g_autoptr(BsFeedEntry) bare2 = feed_entry (NULL, NULL, "Title", 1000);
  g_autoptr(BsFeedEntry) bare3 = feed_entry (NULL, NULL, "Title", 1001);
  g_autoptr(BsFeedEntry) bare4 = feed_entry (NULL, NULL, "Other", 1000);
  g_autoptr(BsFeedEntry) nothing1 = feed_entry (NULL, NULL, NULL, BS_DATE_NONE);
  g_autoptr(BsFeedEntry) nothing2 = feed_entry (NULL, NULL, NULL, BS_DATE_NONE);
  g_autoptr(GString) long_id = g_string_new ("https://example.com/?");
  g_autoptr(BsFeedEntry) long_entry = NULL;
  g_autofree char *k1 = NULL, *k2 = NULL, *k3 = NULL, *k4 = NULL;
  g_autofree char *n1 = NULL, *n2 = NULL, *k_long = NULL, *k_long2 = NULL;
  g_autofree char *k_id = bs_entry_compute_key (with_id);
  g_autofree char *k_link = bs_entry_compute_key (empty_id);

  g_assert_cmpstr (k_id, ==, "tag:x,2026:1");
  g_assert_cmpstr (k_link, ==, "https://x/1");

  /* the same title and date give the same key, fetch after fetch */
  k1 = bs_entry_compute_key (bare1);
  k2 = bs_entry_compute_key (bare2);
  k3 = bs_entry_compute_key (bare3);
  k4 = bs_entry_compute_key (bare4);
  g_assert_true (g_str_has_prefix (k1, "sha256:"));
  g_assert_cmpuint (strlen (k1), ==, strlen ("sha256:") + 64);
  g_assert_cmpstr (k1, ==, k2);
  g_assert_cmpstr (k1, !=, k3);
  g_assert_cmpstr (k1, !=, k4);

  /* no title and no date: the content tells them apart */
  nothing1->content = g_strdup ("<p>one</p>");
  nothing2->content = g_strdup ("<p>two</p>");
  n1 = bs_entry_compute_key (nothing1);
  n2 = bs_entry_compute_key (nothing2);
  g_assert_cmpstr (n1, !=, n2);

  /* huge ids are hashed */
  while (long_id->len < 2000)
    g_string_append (long_id, "utm_source=x&");
  long_entry = feed_entry (long_id->str, NULL, NULL, BS_DATE_NONE);
  k_long = bs_entry_compute_key (long_entry);
  k_long2 = bs_entry_compute_key (long_entry);
  g_assert_true (g_str_has_prefix (k_long, "sha256:"));
  g_assert_cmpstr (k_long, ==, k_long2);
}

static void
test_entry_from_feed_entry (void)
{
  g_autoptr(BsFeedEntry) fe = feed_entry ("id-1", "https://example.com/a", "Ünïcödé — 日本語", 1700000000);
  g_autoptr(BsEntry) entry = NULL;
  BsEnclosure *enc = g_new0 (BsEnclosure, 1);
  BsEntryEnclosure *got;
  const char * const *categories;

  fe->author = g_strdup ("Ada (ada@example.com)");
  fe->updated = 1700000100;
  fe->summary = g_strdup ("<p>summary</p>");
  fe->content = g_strdup ("<p>content</p>");
  fe->thumbnail = g_strdup ("https://example.com/t.png");
  g_ptr_array_add (fe->categories, g_strdup ("gnome"));
  g_ptr_array_add (fe->categories, g_strdup ("c"));
  enc->url = g_strdup ("https://example.com/a.mp3");
  enc->type = g_strdup ("audio/mpeg");
  enc->length = 1234;
  g_ptr_array_add (fe->enclosures, enc);

  entry = bs_entry_new_from_feed_entry ("src", fe, 1800000000);
  g_assert_cmpstr (bs_entry_get_key (entry), ==, "id-1");
  g_assert_cmpstr (bs_entry_get_source_id (entry), ==, "src");
  g_assert_cmpstr (bs_entry_get_title (entry), ==, "Ünïcödé — 日本語");
  g_assert_cmpstr (bs_entry_get_link (entry), ==, "https://example.com/a");
  g_assert_cmpstr (bs_entry_get_author (entry), ==, "Ada (ada@example.com)");
  g_assert_cmpint (bs_entry_get_published (entry), ==, 1700000000);
  g_assert_cmpint (bs_entry_get_updated (entry), ==, 1700000100);
  g_assert_cmpstr (bs_entry_get_summary (entry), ==, "<p>summary</p>");
  g_assert_cmpstr (bs_entry_get_content (entry), ==, "<p>content</p>");
  g_assert_cmpstr (bs_entry_get_thumbnail (entry), ==, "https://example.com/t.png");
  g_assert_cmpint (bs_entry_get_first_seen (entry), ==, 1800000000);
  g_assert_false (bs_entry_get_read (entry));
  g_assert_false (bs_entry_get_starred (entry));

  categories = bs_entry_get_categories (entry);
  g_assert_nonnull (categories);
  g_assert_cmpstr (categories[0], ==, "gnome");
  g_assert_cmpstr (categories[1], ==, "c");
  g_assert_null (categories[2]);

  g_assert_cmpuint (bs_entry_get_enclosures (entry)->len, ==, 1);
  got = g_ptr_array_index (bs_entry_get_enclosures (entry), 0);
  g_assert_cmpstr (got->url, ==, "https://example.com/a.mp3");
  g_assert_cmpstr (got->type, ==, "audio/mpeg");
  g_assert_cmpint (got->length, ==, 1234);
}

static void
test_entry_notify (void)
{
  g_autoptr(BsEntry) entry = bs_entry_new ("src", "k");
  guint read_count = 0, title_count = 0, content_count = 0;
  const char *cats[] = { "a", NULL };

  g_signal_connect (entry, "notify::read", G_CALLBACK (count_notify_cb), &read_count);
  g_signal_connect (entry, "notify::title", G_CALLBACK (count_notify_cb), &title_count);
  g_signal_connect (entry, "notify::content", G_CALLBACK (count_notify_cb), &content_count);

  bs_entry_set_read (entry, TRUE);
  bs_entry_set_read (entry, TRUE);
  g_assert_cmpuint (read_count, ==, 1);
  g_object_set (entry, "read", FALSE, NULL);
  g_assert_cmpuint (read_count, ==, 2);

  bs_entry_set_title (entry, "x");
  bs_entry_set_title (entry, "x");
  g_assert_cmpuint (title_count, ==, 1);

  bs_entry_set_content (entry, "<p>x</p>");
  bs_entry_set_content (entry, "<p>x</p>");
  bs_entry_set_content (entry, NULL);
  g_assert_cmpuint (content_count, ==, 2);
  g_assert_null (bs_entry_get_content (entry));

  /* no categories is NULL, whichever way it is said */
  bs_entry_set_categories (entry, cats);
  g_assert_cmpstr (bs_entry_get_categories (entry)[0], ==, "a");
  bs_entry_set_categories (entry, (const char *[]) { NULL });
  g_assert_null (bs_entry_get_categories (entry));

  g_assert_cmpint (bs_entry_get_published (entry), ==, BS_DATE_NONE);
}

static void
test_source_id (void)
{
  g_autoptr(BsSource) source = bs_source_new ("https://example.com/feed.xml");
  g_autofree char *id = bs_source_compute_id ("https://example.com/feed.xml");
  g_autofree char *other = bs_source_compute_id ("https://example.com/feed2.xml");

  g_assert_cmpuint (strlen (id), ==, 16);
  g_assert_true (bs_source_id_is_valid (id));
  g_assert_cmpstr (id, !=, other);
  g_assert_cmpstr (bs_source_get_id (source), ==, id);

  /* a permanent redirect changes the URL, never the id */
  bs_source_set_feed_url (source, "https://www.example.com/feed");
  g_assert_cmpstr (bs_source_get_id (source), ==, id);
  g_assert_cmpstr (bs_source_get_feed_url (source), ==, "https://www.example.com/feed");

  g_assert_false (bs_source_id_is_valid (NULL));
  g_assert_false (bs_source_id_is_valid (""));
  g_assert_false (bs_source_id_is_valid ("../x"));
  g_assert_false (bs_source_id_is_valid ("a/b"));
  g_assert_false (bs_source_id_is_valid ("a.b"));
  g_assert_true (bs_source_id_is_valid ("planet-gnome_2"));
}

static void
test_source_titles (void)
{
  g_autoptr(BsSource) source = bs_source_new ("https://example.com/feed.xml");
  guint display_count = 0;

  g_signal_connect (source, "notify::display-title", G_CALLBACK (count_notify_cb), &display_count);

  g_assert_cmpstr (bs_source_get_display_title (source), ==, "https://example.com/feed.xml");
  bs_source_set_title (source, "Planet GNOME");
  g_assert_cmpstr (bs_source_get_display_title (source), ==, "Planet GNOME");
  g_assert_cmpuint (display_count, ==, 1);

  bs_source_set_custom_title (source, "My planet");
  g_assert_cmpstr (bs_source_get_display_title (source), ==, "My planet");
  g_assert_cmpuint (display_count, ==, 2);

  /* hidden behind the custom title: no change to display */
  bs_source_set_title (source, "Planet GNOME (new)");
  g_assert_cmpuint (display_count, ==, 2);
  bs_source_set_feed_url (source, "https://example.com/other.xml");
  g_assert_cmpuint (display_count, ==, 2);

  bs_source_set_custom_title (source, "");
  g_assert_cmpstr (bs_source_get_display_title (source), ==, "Planet GNOME (new)");
  g_assert_cmpuint (display_count, ==, 3);
}

static void
test_source_unread_count (void)
{
  g_autoptr(BsSource) source = bs_source_new ("https://example.com/feed.xml");
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (source), "unread-count");
  guint count = 0;
  guint value;

  /* kept by the owner of the entries, not settable as a property */
  g_assert_nonnull (pspec);
  g_assert_false (pspec->flags & G_PARAM_WRITABLE);

  g_signal_connect (source, "notify::unread-count", G_CALLBACK (count_notify_cb), &count);
  bs_source_set_unread_count (source, 5);
  bs_source_set_unread_count (source, 5);
  g_object_get (source, "unread-count", &value, NULL);
  g_assert_cmpuint (value, ==, 5);
  g_assert_cmpuint (count, ==, 1);

  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_NONE);
  bs_source_set_error_kind (source, BS_SOURCE_ERROR_KIND_GONE);
  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_GONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/broadsheet/entry/key", test_entry_key);
  g_test_add_func ("/broadsheet/entry/from-feed-entry", test_entry_from_feed_entry);
  g_test_add_func ("/broadsheet/entry/notify", test_entry_notify);
  g_test_add_func ("/broadsheet/source/id", test_source_id);
  g_test_add_func ("/broadsheet/source/titles", test_source_titles);
  g_test_add_func ("/broadsheet/source/unread-count", test_source_unread_count);

  return g_test_run ();
}
