/* test-notifier.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The words of the notification about new articles
 * (bs_notifier_summarize()): no display needed. */

#include "config.h"

#include <locale.h>

#include "bs-notifier.h"

#define A(title, id, feed) { (title), (id), (feed), FALSE, FALSE }

static void
check (const BsNotifierArticle *articles,
       guint                    n,
       const char              *title,
       const char              *body)
{
  g_autofree char *got_title = NULL;
  g_autofree char *got_body = NULL;

  g_assert_true (bs_notifier_summarize (articles, n, &got_title, &got_body));
  g_assert_cmpstr (got_title, ==, title);
  g_assert_cmpstr (got_body, ==, body);
}

/* One article: its title, and its feed. */
static void
test_single (void)
{
  const BsNotifierArticle one[] = {
    A ("Storm warning for the weekend", "news", "Harbour Gazette"),
  };
  const BsNotifierArticle untitled[] = { A (NULL, "news", "Harbour Gazette") };
  const BsNotifierArticle empty[] = { A ("", "news", "Harbour Gazette") };

  check (one, 1, "Storm warning for the weekend", "Harbour Gazette");
  check (untitled, 1, "New article", "Harbour Gazette");
  check (empty, 1, "New article", "Harbour Gazette");
}

/* More: how many (with plurals), and from which feeds, those with the
 * most articles first, then in the order they come. */
static void
test_counts (void)
{
  const BsNotifierArticle one_feed[] = {
    A ("a", "lwn", "LWN.net"), A ("b", "lwn", "LWN.net"),
  };
  const BsNotifierArticle two_feeds[] = {
    A ("a", "lwn", "LWN.net"), A ("b", "planet", "Planet GNOME"), A ("c", "planet", "Planet GNOME"),
  };
  const BsNotifierArticle three_feeds[] = {
    A ("a", "x", "Xylophone"), A ("b", "y", "Yodel"), A ("c", "z", "Zither"),
  };
  const BsNotifierArticle many_feeds[] = {
    A ("1", "lwn", "LWN.net"),
    A ("2", "planet", "Planet GNOME"), A ("3", "planet", "Planet GNOME"),
    A ("4", "planet", "Planet GNOME"),
    A ("5", "a", "Alpha"), A ("6", "b", "Beta"), A ("7", "c", "Gamma"),
    A ("8", "lwn", "LWN.net"),
    A ("9", "planet", "Planet GNOME"), A ("10", "planet", "Planet GNOME"),
    A ("11", "a", "Alpha"), A ("12", "planet", "Planet GNOME"),
  };
  const BsNotifierArticle four_feeds[] = {
    A ("1", "a", "Alpha"), A ("2", "b", "Beta"), A ("3", "c", "Gamma"), A ("4", "d", "Delta"),
  };

  check (one_feed, 2, "2 new articles", "LWN.net");
  check (two_feeds, 3, "3 new articles", "Planet GNOME and LWN.net");
  check (three_feeds, 3, "3 new articles", "Xylophone, Yodel and Zither");
  /* 6 in the Planet, 2 in LWN, 2 in Alpha (LWN came first), 1 each in two more */
  check (many_feeds, 12, "12 new articles", "Planet GNOME, LWN.net and 3 more");
  check (four_feeds, 4, "4 new articles", "Alpha, Beta and 2 more");
}

/* Muted feeds and feeds fetched for the first time are left out; with
 * nothing left, there is nothing to say. */
static void
test_left_out (void)
{
  BsNotifierArticle articles[] = {
    A ("Imported 1", "new", "Just Imported"),
    A ("Muted 1", "muted", "Muted Feed"),
    A ("Kept 1", "kept", "Kept Feed"),
    A ("Imported 2", "new", "Just Imported"),
    A ("Muted 2", "muted", "Muted Feed"),
    A ("Kept 2", "kept", "Kept Feed"),
  };
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  articles[0].first_fetch = articles[3].first_fetch = TRUE;
  articles[1].muted = articles[4].muted = TRUE;
  check (articles, G_N_ELEMENTS (articles), "2 new articles", "Kept Feed");

  /* one left: shown as one */
  articles[5].muted = TRUE;
  check (articles, G_N_ELEMENTS (articles), "Kept 1", "Kept Feed");

  articles[2].first_fetch = TRUE;
  g_assert_false (bs_notifier_summarize (articles, G_N_ELEMENTS (articles), &title, &body));
  g_assert_null (title);
  g_assert_null (body);
  g_assert_false (bs_notifier_summarize (NULL, 0, &title, &body));
}

int
main (int   argc,
      char *argv[])
{
  /* the English of the source */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/broadsheet/notifier/single", test_single);
  g_test_add_func ("/broadsheet/notifier/counts", test_counts);
  g_test_add_func ("/broadsheet/notifier/left-out", test_left_out);

  return g_test_run ();
}
