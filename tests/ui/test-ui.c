/* test-ui.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* End-to-end tests of the window: the real application on a store of its
 * own, fed by a loopback server (ui-harness.h). */

#include "config.h"

#include <string.h>

#include "bs-add-feed-dialog.h"
#include "bs-entry-row.h"
#include "bs-sidebar-menu.h"
#include "bs-welcome.h"
#include "ui-harness.h"

#define NEWS_TITLE "Harbour Gazette"

/* The articles of tests/data/ui/news.xml, newest first, as listed. */
static const char *news_titles[] = {
  "Lighthouse keeper retires after forty years",
  "Regatta postponed by a week of gales",
  "New ferry timetable for the islands",
  "Fish market reopens on the quay",
  NULL
};
#define N_NEWS 4

static BsSource *
subscribe_news (UiFixture *f)
{
  BsSource *source;

  ui_server_set_fixture (f->server, "/news.xml", "application/rss+xml", "ui/news.xml");
  source = ui_subscribe (f, "/news.xml");
  ui_refresh (f);
  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_NONE);
  return source;
}

static gboolean
is_welcome (GtkWidget *widget,
            gpointer   data)
{
  return BS_IS_WELCOME (widget);
}

static gboolean
is_leaflet (GtkWidget *widget,
            gpointer   data)
{
  return ADW_IS_LEAFLET (widget);
}

/* No subscriptions: the window welcomes, and its Add a Feed button leads
 * to the reader with the first feed. */
static void
test_first_run (UiFixture     *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *key = NULL;
  GtkWidget *welcome;
  GtkWidget *button;
  BsSource *source;

  ui_start (f);

  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_sources (ui_get_library (f))), ==, 0);
  welcome = ui_find_widget (GTK_WIDGET (f->window), is_welcome, NULL);
  g_assert_nonnull (welcome);
  g_assert_nonnull (ui_find_label (welcome, "Welcome to Broadsheet"));
  g_assert_null (ui_find_widget (GTK_WIDGET (f->window), is_leaflet, NULL));
  rows = ui_get_row_titles (f);
  g_assert_cmpuint (rows->len, ==, 0);
  shot = ui_screenshot (f, "first-run");

  /* Add a Feed… */
  button = ui_find_button (welcome, "_Add a Feed…");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  UI_WAIT_UNTIL (f, ui_find_window (BS_TYPE_ADD_FEED_DIALOG) != NULL);
  ui_server_set_fixture (f->server, "/news.xml", "application/rss+xml", "ui/news.xml");
  source = ui_add_feed (f, "/news.xml", "add-feed-dialog");
  g_assert_cmpstr (bs_source_get_display_title (source), ==, NEWS_TITLE);

  /* the reader, on the new feed */
  UI_WAIT_UNTIL (f, ui_find_widget (GTK_WIDGET (f->window), is_welcome, NULL) == NULL);
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (f->window), is_leaflet, NULL));
  key = g_strconcat ("source:", bs_source_get_id (source), NULL);
  g_assert_cmpstr (bs_window_get_view (f->window), ==, key);
  UI_WAIT_UNTIL (f, g_list_model_get_n_items (bs_window_get_entries (f->window)) == 4);
  g_clear_pointer (&shot, g_free);
  ui_wait_frames (f, 1);
  shot = ui_screenshot (f, "first-feed");
}

/* Subscribe, see the articles in the list, read one: the rendered page
 * has its title, its feed and its text. */
static void
test_subscribe_and_read (UiFixture     *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *key = NULL;
  g_autofree char *folded_text = NULL;
  g_autofree char *folded_title = NULL;
  BsSource *source;
  BsEntry *entry;

  /* a first feed, then this one through the Add Feed dialog */
  ui_start (f);
  ui_server_set_fixture (f->server, "/long.xml", "application/rss+xml", "ui/long.xml");
  ui_subscribe (f, "/long.xml");
  ui_refresh (f);
  ui_server_set_fixture (f->server, "/news.xml", "application/rss+xml", "ui/news.xml");
  source = ui_add_feed (f, "/news.xml", NULL);
  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_NONE);

  /* the feed in the sidebar, shown: its articles in the list, newest first */
  UI_WAIT_UNTIL (f, ui_find_label (GTK_WIDGET (f->window), NEWS_TITLE) != NULL);
  key = g_strconcat ("source:", bs_source_get_id (source), NULL);
  g_assert_cmpstr (bs_window_get_view (f->window), ==, key);
  expected = g_strjoinv ("|", (char **) news_titles);
  titles = ui_entry_titles (f);
  g_assert_cmpstr (titles, ==, expected);
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, N_NEWS);

  /* and on screen, in the rows */
  ui_wait_frames (f, 1);
  rows = ui_get_row_titles (f);
  g_assert_cmpuint (rows->len, ==, N_NEWS);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (rows->pdata[i], ==, news_titles[i]);
  g_assert_nonnull (ui_find_label (GTK_WIDGET (f->window), "4 unread"));

  /* open the third: its page, rendered */
  g_assert_true (bs_window_select_entry (f->window, 2));
  entry = ui_get_entry (f, 2);
  g_assert_true (bs_window_get_selected_entry (f->window) == entry);
  ui_wait_article (f, entry);
  text = ui_get_article_text (f);
  g_assert_nonnull (strstr (text, news_titles[2]));
  g_assert_nonnull (strstr (text, "From Monday the morning ferry leaves at 7:10"));
  g_assert_nonnull (strstr (text, "Weekends: 9:00 and 17:00"));
  /* the feed's name, in whatever case the style sheet gives it */
  folded_text = g_utf8_casefold (text, -1);
  folded_title = g_utf8_casefold (NEWS_TITLE, -1);
  g_assert_nonnull (strstr (folded_text, folded_title));
  /* read once opened (mark-read-on-select) */
  g_assert_true (bs_entry_get_read (entry));
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, N_NEWS - 1);

  shot = ui_screenshot (f, "article");
}

/* "Mark All as Read" in the Starred row's menu marks the starred articles
 * read, and no other. */
static void
test_mark_starred_read (UiFixture     *f,
                        gconstpointer  data)
{
  BsLibrary *library;
  GtkWidget *row;
  BsSource *source;

  ui_start (f);
  ui_server_set_fixture (f->server, "/news.xml", "application/rss+xml", "ui/news.xml");
  source = ui_subscribe (f, "/news.xml");
  ui_refresh (f);
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, N_NEWS);
  library = bs_application_get_library (f->app);
  bs_library_set_starred (library, ui_get_entry (f, 1), TRUE);
  bs_library_set_starred (library, ui_get_entry (f, 3), TRUE);

  row = ui_sidebar_row (f, "Starred");
  bs_sidebar_menu_popup (row);
  g_assert_true (gtk_widget_activate_action (row, "sidebar.mark-read", NULL));
  g_assert_true (bs_entry_get_read (ui_get_entry (f, 1)));
  g_assert_true (bs_entry_get_read (ui_get_entry (f, 3)));
  g_assert_false (bs_entry_get_read (ui_get_entry (f, 0)));
  g_assert_false (bs_entry_get_read (ui_get_entry (f, 2)));
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, N_NEWS - 2);
}

/* The feed changes: the next refresh brings the new article in on top,
 * and an unchanged feed costs a 304. */
static void
test_refresh_brings_new_articles (UiFixture     *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *shot = NULL;
  BsSource *source;
  guint hits;

  ui_start (f);
  source = subscribe_news (f);
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, 4);

  hits = ui_server_get_hits (f->server, "/news.xml");
  ui_refresh (f);
  g_assert_cmpuint (ui_server_get_hits (f->server, "/news.xml"), ==, hits + 1);
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, 4);

  ui_server_set_fixture (f->server, "/news.xml", "application/rss+xml", "ui/news-update.xml");
  ui_refresh (f);
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, 5);
  g_assert_cmpuint (ui_find_entry (f, "Storm warning for the weekend"), ==, 0);
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, 5);

  ui_wait_frames (f, 1);
  rows = ui_get_row_titles (f);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (rows->pdata[0], ==, "Storm warning for the weekend");
  g_assert_nonnull (ui_find_label (GTK_WIDGET (f->window), "5 unread"));

  shot = ui_screenshot (f, "refreshed");
}

static gboolean
is_search_entry (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

/* Search finds an article by a word of its text, and says when nothing
 * matches. */
static void
test_search (UiFixture     *f,
             gconstpointer  data)
{
  g_autofree char *titles = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *entry;

  ui_start (f);
  subscribe_news (f);
  ui_server_set_fixture (f->server, "/long.xml", "application/rss+xml", "ui/long.xml");
  ui_subscribe (f, "/long.xml");
  ui_refresh (f);
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, 7);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  UI_WAIT_UNTIL (f, (entry = ui_find_widget (GTK_WIDGET (f->window), is_search_entry, NULL)) != NULL);

  /* in the text of one article, not in any title */
  gtk_editable_set_text (GTK_EDITABLE (entry), "bowline");
  UI_WAIT_UNTIL (f, g_list_model_get_n_items (bs_window_get_entries (f->window)) == 1);
  titles = ui_entry_titles (f);
  g_assert_cmpstr (titles, ==, "A short note on knots");
  ui_wait_frames (f, 1);
  rows = ui_get_row_titles (f);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (rows->pdata[0], ==, "A short note on knots");
  shot = ui_screenshot (f, "search");

  /* every word must match, whatever the case */
  gtk_editable_set_text (GTK_EDITABLE (entry), "FERRY quokka");
  UI_WAIT_UNTIL (f, ui_find_entry (f, "New ferry timetable for the islands") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, 1);

  /* nothing: the list says so */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zeppelin");
  UI_WAIT_UNTIL (f, g_list_model_get_n_items (bs_window_get_entries (f->window)) == 0);
  UI_WAIT_UNTIL (f, ui_find_label (GTK_WIDGET (f->window), "No Results") != NULL);
  g_clear_pointer (&shot, g_free);
  ui_wait_frames (f, 1);
  shot = ui_screenshot (f, "search-no-results");

  /* and an empty search is the view again */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  UI_WAIT_UNTIL (f, g_list_model_get_n_items (bs_window_get_entries (f->window)) == 7);
}

static gboolean
is_sidebar (GtkWidget *widget,
            gpointer   data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

/* The error icon of @source's row in the sidebar. */
static GtkWidget *
sidebar_error_icon (UiFixture *f,
                    BsSource  *source)
{
  GtkWidget *sidebar = ui_find_widget (GTK_WIDGET (f->window), is_sidebar, NULL);
  const char *name = bs_source_get_display_title (source);
  GtkWidget *label;

  /* a feed that never loaded is named by its address without the scheme */
  if (bs_source_get_title (source) == NULL && g_str_has_prefix (name, "http://"))
    name += strlen ("http://");
  g_assert_nonnull (sidebar);
  UI_WAIT_UNTIL (f, (label = ui_find_label (sidebar, name)) != NULL);
  /* the row: icon, title, error icon, unread count (bs-window.c) */
  return gtk_widget_get_next_sibling (label);
}

static gboolean
is_row_source_label (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "source")
         && gtk_widget_get_ancestor (widget, BS_TYPE_ENTRY_ROW) != NULL;
}

/* A feed whose refresh failed: its sidebar row has the error icon, with
 * the reason in its tooltip; the feeds that work have none. */
static void
test_feed_error (UiFixture     *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *shot = NULL;
  BsSource *good, *missing, *page;
  GtkWidget *icon;

  ui_start (f);
  good = subscribe_news (f);
  ui_server_set_status (f->server, "/missing.xml", 404);
  missing = ui_subscribe (f, "/missing.xml");
  ui_server_set_fixture (f->server, "/page.html", "text/html", "updater/not-a-feed.html");
  page = ui_subscribe (f, "/page.html");
  ui_refresh (f);

  g_assert_cmpint (bs_source_get_error_kind (good), ==, BS_SOURCE_ERROR_KIND_NONE);
  g_assert_cmpint (bs_source_get_error_kind (missing), !=, BS_SOURCE_ERROR_KIND_NONE);
  g_assert_cmpint (bs_source_get_error_kind (page), !=, BS_SOURCE_ERROR_KIND_NONE);

  icon = sidebar_error_icon (f, good);
  g_assert_true (GTK_IS_IMAGE (icon));
  g_assert_false (gtk_widget_get_visible (icon));

  icon = sidebar_error_icon (f, missing);
  g_assert_true (GTK_IS_IMAGE (icon));
  g_assert_true (gtk_widget_get_visible (icon));
  g_test_message ("404: %s", gtk_widget_get_tooltip_text (icon));
  g_assert_nonnull (gtk_widget_get_tooltip_text (icon));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (icon), "404"));

  icon = sidebar_error_icon (f, page);
  g_assert_true (GTK_IS_IMAGE (icon));
  g_assert_true (gtk_widget_get_visible (icon));
  g_test_message ("not a feed: %s", gtk_widget_get_tooltip_text (icon));
  g_assert_nonnull (gtk_widget_get_tooltip_text (icon));

  /* the good feed's articles are all there, their rows naming the feed by
   * the title its first refresh brought (after the articles) */
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, 4);
  ui_wait_frames (f, 1);
  sources = ui_find_widgets (GTK_WIDGET (f->window), is_row_source_label, NULL);
  g_assert_cmpuint (sources->len, ==, 4);
  for (guint i = 0; i < sources->len; i++)
    g_assert_cmpstr (gtk_label_get_text (sources->pdata[i]), ==, NEWS_TITLE);

  ui_wait_frames (f, 1);
  shot = ui_screenshot (f, "feed-error");
}

/* Quitting (Ctrl+Q, app.quit) with a dialog open closes every window and
 * the store: the application is finalised (ui_stop() checks both). */
static void
test_quit_with_dialog_open (UiFixture     *f,
                            gconstpointer  data)
{
  g_autofree char *shot = NULL;
  GtkWindow *dialog;

  ui_start (f);
  subscribe_news (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-feed", NULL));
  UI_WAIT_UNTIL (f, (dialog = ui_find_window (BS_TYPE_ADD_FEED_DIALOG)) != NULL);
  ui_wait_frames_of (f, GTK_WIDGET (dialog), 1);
  shot = ui_screenshot_widget (GTK_WIDGET (dialog), "quit-with-dialog-open");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 2);

  ui_stop (f);
  g_assert_null (ui_find_window (GTK_TYPE_WINDOW));

  /* and the store was saved: the next start has the feed and its articles */
  ui_start (f);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_sources (ui_get_library (f))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, N_NEWS);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv, "test-ui");

  UI_TEST ("/broadsheet/ui/first-run", test_first_run);
  UI_TEST ("/broadsheet/ui/subscribe-and-read", test_subscribe_and_read);
  UI_TEST ("/broadsheet/ui/refresh-brings-new-articles", test_refresh_brings_new_articles);
  UI_TEST ("/broadsheet/ui/search", test_search);
  UI_TEST ("/broadsheet/ui/mark-starred-read", test_mark_starred_read);
  UI_TEST ("/broadsheet/ui/feed-error", test_feed_error);
  UI_TEST ("/broadsheet/ui/quit-with-dialog-open", test_quit_with_dialog_open);

  return ui_run ();
}
