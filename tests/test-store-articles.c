/* test-store-articles.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reader mode's whole articles in the store: articles/<source>.gvariant,
 * written with the other small files, read when first asked for, pruned
 * with the entries, removed with the source (and back with an undo), set
 * aside when damaged, never written over when it cannot be read. */

#define _GNU_SOURCE /* memmem */

#include "bs-entry.h"
#include "bs-feed.h"
#include "bs-full-article.h"
#include "bs-library.h"
#include "bs-store.h"
#include "bs-test-util.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define UTF8_TEXT "Ünïcödé — 日本語 🎉"

/* Helpers */

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bs-store-articles-XXXXXX", &error);
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

static BsFullArticle *
make_article (int n)
{
  g_autofree char *url = g_strdup_printf ("https://example.com/%d?from=feed", n);
  g_autofree char *title = g_strdup_printf ("%s %d", UTF8_TEXT, n);
  g_autofree char *content = g_strdup_printf ("<p>Article %d, in full: %s</p>"
                                              "<pre><code>int x = %d;</code></pre>",
                                              n, UTF8_TEXT, n);

  /* odd ones without the optional fields */
  return bs_full_article_new (url, title, n % 2 ? NULL : "Ingrid Halvorsen",
                              n % 2 ? NULL : "The Quay Workshop", content,
                              1772500000 + n);
}

static void
assert_same_article (BsFullArticle *a,
                     BsFullArticle *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (a->url, ==, b->url);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->byline, ==, b->byline);
  g_assert_cmpstr (a->site_name, ==, b->site_name);
  g_assert_cmpstr (a->content, ==, b->content);
  g_assert_cmpint (a->fetched, ==, b->fetched);
}

static BsFullArticle *
load (BsStore    *store,
      const char *source_id,
      const char *key)
{
  g_autoptr(GError) error = NULL;
  BsFullArticle *article = bs_store_load_full_article (store, source_id, key, &error);

  g_assert_no_error (error);
  return article;
}

static void
save (BsStore       *store,
      const char    *source_id,
      const char    *key,
      BsFullArticle *article)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bs_store_save_full_article (store, source_id, key, article, &error));
  g_assert_no_error (error);
}

static GPtrArray *
make_entries (const char         *source_id,
              const char * const *keys)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; keys[i] != NULL; i++)
    g_ptr_array_add (entries, bs_entry_new (source_id, keys[i]));
  return entries;
}

static void
saved_cb (BsStore    *store,
          const char *name,
          GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (name));
}

/* Tests */

/* Saved, there at once; written to articles/<source>.gvariant only; the
 * same after a restart, every field, absent ones absent. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BsFullArticle) one = make_article (1);
  g_autoptr(BsFullArticle) two = make_article (2);
  g_autoptr(BsFullArticle) other = make_article (3);
  g_autoptr(BsFullArticle) loaded = NULL;
  g_autofree char *path = path_in (fixture, "articles/news.gvariant");
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  g_assert_null (load (store, "news", "https://example.com/1"));

  g_signal_connect (store, "saved", G_CALLBACK (saved_cb), names);
  save (store, "news", "https://example.com/1", one);
  save (store, "news", "key with " UTF8_TEXT, two);
  save (store, "blog", "https://example.com/1", other);

  /* before it is written */
  loaded = load (store, "news", "https://example.com/1");
  assert_same_article (loaded, one);
  g_clear_pointer (&loaded, bs_full_article_unref);

  bs_test_flush_store (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "articles/news.gvariant",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "articles/blog.gvariant",
                                                   g_str_equal, NULL));
  bs_test_close_store (store);

  /* read back, from a store opened read-only as well */
  for (int writable = 0; writable < 2; writable++)
    {
      store = bs_test_open_store (fixture->dir, writable);
      loaded = load (store, "news", "https://example.com/1");
      assert_same_article (loaded, one);
      g_assert_null (loaded->byline);
      g_assert_null (loaded->site_name);
      g_clear_pointer (&loaded, bs_full_article_unref);
      loaded = load (store, "news", "key with " UTF8_TEXT);
      assert_same_article (loaded, two);
      g_assert_cmpstr (loaded->byline, ==, "Ingrid Halvorsen");
      g_clear_pointer (&loaded, bs_full_article_unref);
      loaded = load (store, "blog", "https://example.com/1");
      assert_same_article (loaded, other);
      g_clear_pointer (&loaded, bs_full_article_unref);
      g_assert_null (load (store, "news", "https://example.com/unknown"));
      g_assert_null (load (store, "nothing", "https://example.com/1"));
      g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);
      bs_test_close_store (store);
    }
}

/* Saving again replaces; NULL forgets; the last one gone removes the file. */
static void
test_replace_and_forget (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(BsFullArticle) first = make_article (1);
  g_autoptr(BsFullArticle) again = make_article (4);
  g_autoptr(BsFullArticle) loaded = NULL;
  g_autofree char *path = path_in (fixture, "articles/news.gvariant");
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  save (store, "news", "a", first);
  bs_test_flush_store (store);
  save (store, "news", "a", again);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, TRUE);
  loaded = load (store, "news", "a");
  assert_same_article (loaded, again);
  save (store, "news", "a", NULL);
  g_assert_null (load (store, "news", "a"));
  bs_test_flush_store (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  bs_test_close_store (store);
}

/* Retention: saving a source's entries drops the articles of the entries
 * that are gone, keeps the others, and leaves other sources alone. */
static void
test_pruned_with_entries (Fixture       *fixture,
                          gconstpointer  data)
{
  const char * const all[] = { "a", "b", "c", NULL };
  const char * const kept[] = { "a", "b", NULL };
  const char * const none[] = { "b", NULL };
  g_autoptr(GPtrArray) entries = make_entries ("news", all);
  g_autoptr(BsFullArticle) article_a = make_article (1);
  g_autoptr(BsFullArticle) article_c = make_article (3);
  g_autoptr(BsFullArticle) loaded = NULL;
  g_autofree char *path = path_in (fixture, "articles/news.gvariant");
  g_autofree char *blog = path_in (fixture, "articles/blog.gvariant");
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  bs_store_save_entries (store, "news", entries);
  save (store, "news", "a", article_a);
  save (store, "news", "c", article_c);
  save (store, "blog", "c", article_c);
  bs_test_close_store (store);

  /* the next run expires "c": read from the file, which was not read yet */
  store = bs_test_open_store (fixture->dir, TRUE);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = make_entries ("news", kept);
  bs_store_save_entries (store, "news", entries);
  g_assert_null (load (store, "news", "c"));
  loaded = load (store, "news", "a");
  assert_same_article (loaded, article_a);
  g_clear_pointer (&loaded, bs_full_article_unref);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, TRUE);
  g_assert_null (load (store, "news", "c"));
  loaded = load (store, "news", "a");
  assert_same_article (loaded, article_a);
  g_clear_pointer (&loaded, bs_full_article_unref);
  loaded = load (store, "blog", "c");
  assert_same_article (loaded, article_c);
  g_clear_pointer (&loaded, bs_full_article_unref);

  /* none left: no file */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = make_entries ("news", none);
  bs_store_save_entries (store, "news", entries);
  bs_test_close_store (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (blog, G_FILE_TEST_IS_REGULAR));
}

/* Unsubscribing removes the file and the articles are gone from the
 * store at once; what bs_store_dup_full_articles() took before comes back
 * with bs_store_restore_full_articles() (the undo), even once the file
 * was removed, and stays after a restart. */
static void
test_removed_with_source (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(BsFullArticle) article = make_article (2);
  g_autoptr(BsFullArticle) other = make_article (3);
  g_autoptr(BsFullArticle) loaded = NULL;
  g_autoptr(GVariant) taken = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, "articles/gone.gvariant");
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  save (store, "gone", "a", article);
  save (store, "gone", "b", other);
  save (store, "kept", "a", article);
  bs_test_close_store (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  store = bs_test_open_store (fixture->dir, TRUE);
  g_assert_null (bs_store_dup_full_articles (store, "nothing", &error));
  g_assert_no_error (error);
  taken = bs_store_dup_full_articles (store, "gone", &error);
  g_assert_no_error (error);
  g_assert_nonnull (taken);
  g_assert_cmpuint (g_variant_n_children (taken), ==, 2);
  bs_store_remove_source (store, "gone");
  g_assert_null (load (store, "gone", "a"));
  bs_test_flush_store (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* undone */
  bs_store_restore_full_articles (store, "gone", taken);
  loaded = load (store, "gone", "b");
  assert_same_article (loaded, other);
  g_clear_pointer (&loaded, bs_full_article_unref);
  bs_test_close_store (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  store = bs_test_open_store (fixture->dir, TRUE);
  loaded = load (store, "gone", "a");
  assert_same_article (loaded, article);
  g_clear_pointer (&loaded, bs_full_article_unref);
  loaded = load (store, "gone", "b");
  assert_same_article (loaded, other);
  g_clear_pointer (&loaded, bs_full_article_unref);

  /* removed for good */
  bs_store_remove_source (store, "gone");
  bs_test_close_store (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = bs_test_open_store (fixture->dir, FALSE);
  g_assert_null (load (store, "gone", "a"));
  loaded = load (store, "kept", "a");
  assert_same_article (loaded, article);
  bs_test_close_store (store);
}

/* Unsubscribe, then Undo (BsLibrary): the whole articles of the feed's
 * entries come back with them, and are still there after a restart. */
static void
test_library_undo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BsFullArticle) article = make_article (2);
  g_autoptr(BsFullArticle) loaded = NULL;
  g_autoptr(BsRemovedSource) removed = NULL;
  g_autoptr(BsSource) source = bs_source_new ("https://quay.example/feed");
  g_autoptr(BsFeed) feed = bs_feed_new ();
  g_autoptr(BsLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  library = bs_library_new (store);
  bs_library_load (library, &error);
  g_assert_no_error (error);
  bs_library_add_source (library, source, &error);
  g_assert_no_error (error);
  id = g_strdup (bs_source_get_id (source));
  path = g_strdup_printf ("%s/articles/%s.gvariant", fixture->dir, id);
  for (int i = 0; i < 2; i++)
    {
      BsFeedEntry *fe = bs_feed_entry_new ();

      fe->id = g_strdup_printf ("https://quay.example/%d", i);
      fe->title = g_strdup_printf ("Post %d", i);
      fe->published = 1772500000 + i;
      g_ptr_array_add (feed->entries, fe);
    }
  bs_library_merge_feed (library, source, feed, 1772500100, NULL);
  g_assert_nonnull (bs_library_lookup_entry (library, id, "https://quay.example/1"));
  save (store, id, "https://quay.example/1", article);
  bs_test_flush_store (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  removed = bs_library_remove_source (library, source);
  bs_test_flush_store (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (load (store, id, "https://quay.example/1"));

  g_assert_true (bs_library_restore_source (library, removed, &error));
  g_assert_no_error (error);
  loaded = load (store, id, "https://quay.example/1");
  assert_same_article (loaded, article);
  g_clear_pointer (&loaded, bs_full_article_unref);
  g_clear_object (&library);
  bs_test_close_store (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  store = bs_test_open_store (fixture->dir, FALSE);
  loaded = load (store, id, "https://quay.example/1");
  assert_same_article (loaded, article);
  bs_test_close_store (store);
}

/* A damaged file: found when it is first read (not when the store opens),
 * set aside untouched as .corrupt, reported, read as no article; the other
 * sources' articles load, and a new article makes a new file. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *bytes;
    gssize size;
  } damages[] = {
    { "garbage", "this is not a GVariant file at all, just some text", -1 },
    { "empty", "", 0 },
    { "truncated", NULL, 0 },
    { "another source's", NULL, 0 },
    { "wrong kind", NULL, 0 },
  };

  for (guint d = 0; d < G_N_ELEMENTS (damages); d++)
    {
      g_autoptr(BsFullArticle) article = make_article (2);
      g_autoptr(BsFullArticle) loaded = NULL;
      g_autofree char *path = path_in (fixture, "articles/news.gvariant");
      g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
      g_autofree char *blog = path_in (fixture, "articles/blog.gvariant");
      g_autofree char *contents = NULL;
      g_autofree char *kept = NULL;
      g_autoptr(GError) error = NULL;
      gsize size = 0, kept_size = 0;
      GPtrArray *problems;
      GError *problem;
      BsStore *store;

      g_test_message ("%s", damages[d].name);
      store = bs_test_open_store (fixture->dir, TRUE);
      save (store, "news", "a", article);
      save (store, "blog", "a", article);
      bs_test_close_store (store);

      if (damages[d].bytes != NULL)
        {
          contents = g_strdup (damages[d].bytes);
          size = damages[d].size < 0 ? strlen (contents) : (gsize) damages[d].size;
        }
      else if (d == 2)
        {
          g_file_get_contents (path, &contents, &size, &error);
          g_assert_no_error (error);
          size /= 2;
        }
      else
        {
          /* a valid file, of the wrong source or of another kind */
          g_file_get_contents (d == 3 ? blog : path, &contents, &size, &error);
          g_assert_no_error (error);
          if (d == 4)
            {
              char *magic = memmem (contents, size, "broadsheet-articles", 19);

              g_assert_nonnull (magic);
              memcpy (magic, "broadsheet-entries\0", 19);
            }
        }
      g_file_set_contents (path, contents, size, &error);
      g_assert_no_error (error);

      store = bs_test_open_store (fixture->dir, TRUE);
      /* read lazily: nothing found yet */
      g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

      g_assert_null (load (store, "news", "a"));
      problems = bs_store_get_load_problems (store);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_error (problem, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (problem->message, aside));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_file_get_contents (aside, &kept, &kept_size, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (kept, kept_size, contents, size);

      /* the rest is there, and the source can have articles again */
      loaded = load (store, "blog", "a");
      assert_same_article (loaded, article);
      g_clear_pointer (&loaded, bs_full_article_unref);
      save (store, "news", "b", article);
      bs_test_close_store (store);

      store = bs_test_open_store (fixture->dir, FALSE);
      loaded = load (store, "news", "b");
      assert_same_article (loaded, article);
      g_assert_null (load (store, "news", "a"));
      bs_test_close_store (store);

      bs_test_remove_tree (fixture->dir);
      g_assert_no_errno (g_mkdir (fixture->dir, 0700));
    }
}

/* Saving entries (every refresh) does not read the articles file, not
 * even to check it: a damaged one is found only when it is read. And an
 * entry gone in any save since stays gone, even if it comes back before
 * the file is read. */
static void
test_prune_reads_nothing (Fixture       *fixture,
                          gconstpointer  data)
{
  const char * const first[] = { "a", "b", NULL };
  const char * const again[] = { "a", "b", "c", NULL };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(BsFullArticle) article = make_article (1);
  g_autoptr(BsFullArticle) loaded = NULL;
  g_autofree char *path = path_in (fixture, "articles/news.gvariant");
  g_autoptr(GError) error = NULL;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  save (store, "news", "a", article);
  save (store, "news", "c", article);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, TRUE);
  entries = make_entries ("news", first);
  bs_store_save_entries (store, "news", entries);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = make_entries ("news", again);
  bs_store_save_entries (store, "news", entries);
  bs_test_flush_store (store);
  g_assert_null (load (store, "news", "c"));
  loaded = load (store, "news", "a");
  assert_same_article (loaded, article);
  g_clear_pointer (&loaded, bs_full_article_unref);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, TRUE);
  g_assert_null (load (store, "news", "c"));
  bs_test_close_store (store);

  /* garbage where the file is: saving entries does not notice */
  g_file_set_contents (path, "not an articles file", -1, &error);
  g_assert_no_error (error);
  store = bs_test_open_store (fixture->dir, TRUE);
  bs_store_save_entries (store, "news", entries);
  bs_test_flush_store (store);
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* reading it does */
  g_assert_null (load (store, "news", "a"));
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  bs_test_close_store (store);
}

/* One damaged article: the others of the file are read (the file is not
 * checked as a whole); reading the damaged one finds it, reports the file
 * (set aside), and the others are written again without it. */
static void
test_damaged_article (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(BsFullArticle) one = make_article (1);
  g_autoptr(BsFullArticle) two = make_article (2);
  g_autoptr(BsFullArticle) bad = bs_full_article_new ("https://example.com/bad", NULL, NULL,
                                                      NULL, "<p>DAMAGE-HERE</p>", 1772500000);
  g_autoptr(BsFullArticle) loaded = NULL;
  g_autofree char *path = path_in (fixture, "articles/news.gvariant");
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GError *problem;
  char *damage;
  gsize size;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  save (store, "news", "one", one);
  save (store, "news", "two", two);
  save (store, "news", "bad", bad);
  bs_test_close_store (store);

  /* a zero byte inside one article's text: that record is not valid */
  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  damage = memmem (contents, size, "DAMAGE-HERE", 11);
  g_assert_nonnull (damage);
  damage[6] = '\0';
  g_file_set_contents (path, contents, size, &error);
  g_assert_no_error (error);

  store = bs_test_open_store (fixture->dir, TRUE);
  loaded = load (store, "news", "one");
  assert_same_article (loaded, one);
  g_clear_pointer (&loaded, bs_full_article_unref);
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);

  g_assert_null (load (store, "news", "bad"));
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 1);
  problem = g_ptr_array_index (bs_store_get_load_problems (store), 0);
  g_assert_error (problem, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (problem->message, aside));
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  loaded = load (store, "news", "two");
  assert_same_article (loaded, two);
  g_clear_pointer (&loaded, bs_full_article_unref);
  bs_test_close_store (store);

  store = bs_test_open_store (fixture->dir, FALSE);
  g_assert_null (load (store, "news", "bad"));
  loaded = load (store, "news", "one");
  assert_same_article (loaded, one);
  g_clear_pointer (&loaded, bs_full_article_unref);
  loaded = load (store, "news", "two");
  assert_same_article (loaded, two);
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);
  bs_test_close_store (store);
}

/* An articles file that cannot be read now (not a damaged one): saving an
 * article fails and writes nothing, so the articles in it are still there
 * once it can be read again. */
static void
test_unreadable_not_replaced (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BsFullArticle) one = make_article (1);
  g_autoptr(BsFullArticle) two = make_article (2);
  g_autoptr(BsFullArticle) loaded = NULL;
  g_autofree char *path = path_in (fixture, "articles/news.gvariant");
  g_autofree char *away = path_in (fixture, "news.gvariant.away");
  g_autoptr(GError) error = NULL;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  save (store, "news", "one", one);
  bs_test_close_store (store);

  /* (root reads any file: a directory in its place cannot be read) */
  g_assert_no_errno (g_rename (path, away));
  g_assert_no_errno (g_mkdir (path, 0700));
  store = bs_test_open_store (fixture->dir, TRUE);
  g_signal_connect (store, "saved", G_CALLBACK (saved_cb), names);
  g_signal_connect (store, "save-failed", G_CALLBACK (saved_cb), names);
  g_assert_false (bs_store_save_full_article (store, "news", "two", two, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_FILE_ERROR);
  g_clear_error (&error);
  bs_test_flush_store (store);
  g_assert_cmpuint (names->len, ==, 0);
  g_assert_cmpuint (bs_store_get_load_problems (store)->len, ==, 0);
  bs_test_close_store (store);

  g_assert_no_errno (g_rmdir (path));
  g_assert_no_errno (g_rename (away, path));
  store = bs_test_open_store (fixture->dir, FALSE);
  loaded = load (store, "news", "one");
  assert_same_article (loaded, one);
  g_assert_null (load (store, "news", "two"));
  bs_test_close_store (store);
}

/* Not a valid source id: an error, no file looked for. */
static void
test_invalid_id (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BsStore *store = bs_test_open_store (fixture->dir, TRUE);

  g_assert_null (bs_store_load_full_article (store, "../flags", "a", &error));
  g_assert_error (error, BS_STORE_ERROR, BS_STORE_ERROR_INVALID_ID);
  bs_test_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/broadsheet/store-articles/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("replace-and-forget", test_replace_and_forget);
  ADD ("pruned-with-entries", test_pruned_with_entries);
  ADD ("removed-with-source", test_removed_with_source);
  ADD ("library-undo", test_library_undo);
  ADD ("damaged", test_damaged);
  ADD ("prune-reads-nothing", test_prune_reads_nothing);
  ADD ("damaged-article", test_damaged_article);
  ADD ("unreadable-not-replaced", test_unreadable_not_replaced);
  ADD ("invalid-id", test_invalid_id);

  return g_test_run ();
}
