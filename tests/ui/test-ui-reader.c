/* test-ui-reader.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reader mode, end to end: a feed that carries summaries only
 * (tests/data/ui/reader/feed.xml) and its pages on the loopback server
 * (a real article page with navigation, ads, comments, related posts, a
 * lead picture at a relative address and code; a hostile page; a page
 * whose named elements hide the document's methods; a sign-in page with
 * no article; a page that is gone; a PDF). F shows the whole article in
 * the article view; it is kept in the store and opens after a restart
 * with the server gone; failures say so, with Open in Browser; the
 * original page shows in its own mode. Without its content filter (an
 * unwritable cache) reader mode loads no page; cancelling drops the hidden
 * view at once.
 *
 * The fixtures name the server as @BASE@, replaced when they are served.
 * Every address under /canary/ on the server is a request that must never
 * come; proving that takes a window of time in which it would have
 * (SETTLE_MS after the article is shown). */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bs-article-view.h"
#include "bs-original-view.h"
#include "bs-reader.h"
#include "bs-sidebar-menu.h"
#include "ui-harness.h"

#define SETTLE_MS 1500

#define ARTICLE_TITLE "Counting lines faster than wc"
#define HOSTILE_TITLE "A page full of tricks"
#define CLOBBER_TITLE "Mooring lines that hold"
#define EMPTY_TITLE "Members only"
#define MISSING_TITLE "A post that was taken down"
#define PDF_TITLE "Tide tables for December"

/* The page's clutter, none of which is the article. */
static const char *clutter[] = {
  "Accept all cookies",              /* the cookie banner */
  "Archive of every post",           /* navigation */
  "Search the workshop",
  "SuperCloud hosting",              /* ads */
  "Learn Rust in a weekend",
  "Related posts you might enjoy",   /* the related links */
  "Seven grep tricks",
  "first comment best comment",      /* comments */
  "Leave a comment",
  "All rights reserved",             /* the footer */
  "Share on Mastodon",
};

static const char *canaries[] = {
  "/canary/meta-refresh", "/canary/stylesheet.css", "/canary/preload.png",
  "/canary/external-script.js", "/canary/head-script-image", "/canary/head-script-fetch",
  "/canary/onload", "/canary/body-script", "/canary/onerror", "/canary/svg-onload",
  "/canary/svg-script", "/canary/onclick", "/canary/iframe", "/canary/object",
  "/canary/form", "/canary/onfocus", "/canary/timeout",
  /* what the page's markup alone would load */
  "/canary/prefetch", "/canary/icon.png", "/canary/import.css", "/canary/font.woff2",
  "/canary/background.png", "/canary/srcset.png", "/canary/picture-source.png",
  "/canary/poster.png", "/canary/inline-background.png",
};

/* Helpers */

static char *
server_base (UiFixture *f)
{
  g_autofree char *root = ui_server_url (f->server, "/");

  return g_strndup (root, strlen (root) - 1);
}

/* Serves tests/data/ui/@fixture at @path with @BASE@ replaced. */
static void
serve (UiFixture  *f,
       const char *path,
       const char *content_type,
       const char *fixture)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "data", "ui", fixture, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *base = server_base (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *body = NULL;

  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (contents, "@BASE@", -1);
  body = g_strjoinv (base, parts);
  ui_server_set (f->server, path, content_type, body);
}

static void
serve_site (UiFixture *f)
{
  serve (f, "/reader/feed.xml", "application/rss+xml", "reader/feed.xml");
  serve (f, "/reader/article.html", "text/html; charset=utf-8", "reader/article.html");
  serve (f, "/reader/hostile.html", "text/html", "reader/hostile.html");
  serve (f, "/reader/clobber.html", "text/html", "reader/clobber.html");
  serve (f, "/reader/empty.html", "text/html", "reader/empty.html");
  ui_server_set (f->server, "/reader/tide-tables.pdf", "application/pdf",
                 "%PDF-1.4\n% not much of a PDF\n");
  ui_server_set_fixture (f->server, "/images/counting-lines-lead.png", "image/png",
                         "ui/reader/counting-lines-lead.png");
  ui_server_set_fixture (f->server, "/images/tide-summary.png", "image/png",
                         "ui/reader/counting-lines-lead.png");
  ui_server_set_status (f->server, "/reader/missing.html", 404);
  /* what a script would get if it ran */
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    ui_server_set (f->server, canaries[i], "text/html",
                   "<script>document.title = 'pwned';</script>");
}

static BsSource *
subscribe (UiFixture *f)
{
  BsSource *source;

  serve_site (f);
  source = ui_subscribe (f, "/reader/feed.xml");
  ui_refresh (f);
  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_NONE);
  UI_WAIT_UNTIL (f, g_list_model_get_n_items (bs_window_get_entries (f->window)) == 6);
  return source;
}

static BsArticleView *
article_view (UiFixture *f)
{
  return BS_ARTICLE_VIEW (bs_window_get_article_view (f->window));
}

/* Selects the entry titled @title. */
static BsEntry *
select_entry (UiFixture  *f,
              const char *title)
{
  guint position = ui_find_entry (f, title);
  g_autoptr(BsEntry) entry = NULL;

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_true (bs_window_select_entry (f->window, position));
  entry = g_list_model_get_item (bs_window_get_entries (f->window), position);
  return entry; /* the library keeps it */
}

/* Selects the entry titled @title and waits for its page. */
static BsEntry *
open_entry (UiFixture  *f,
            const char *title)
{
  BsEntry *entry = select_entry (f, title);

  ui_wait_article (f, entry);
  return entry;
}

static gboolean
full_article_state (UiFixture *f)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (f->window),
                                                               "read-full-article");

  g_assert_nonnull (state);
  return g_variant_get_boolean (state);
}

/* F, as the user presses it (or the action, without a keyboard). */
static void
press_f (UiFixture *f)
{
  if (ui_require_keyboard ())
    ui_press_keys (f, "f");
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.read-full-article",
                                               NULL));
}

/* Waits until the article view shows @entry's whole article, painted. */
static void
wait_full_article (UiFixture *f,
                   BsEntry   *entry)
{
  UI_WAIT_UNTIL (f, bs_article_view_get_full_article (article_view (f)) != NULL);
  /* the document of the whole article, not the summary's before it */
  for (;;)
    {
      g_autofree char *full = ui_eval_js (f, "document.readyState == 'complete'"
                                             " && document.querySelector ('.full-article-source') != null");

      if (g_strcmp0 (full, "true") == 0)
        break;
      ui_wait_frames (f, 1);
    }
  ui_wait_article (f, entry);
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + SETTLE_MS * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

static void
assert_no_canary (UiFixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    {
      if (ui_server_get_hits (f->server, canaries[i]) != 0)
        g_test_message ("requested: %s", canaries[i]);
      g_assert_cmpuint (ui_server_get_hits (f->server, canaries[i]), ==, 0);
    }
}

static gboolean
is_original_view (GtkWidget *widget,
                  gpointer   data)
{
  return BS_IS_ORIGINAL_VIEW (widget);
}

static gboolean
is_status_page_titled (GtkWidget *widget,
                       gpointer   title)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_is_drawable (widget)
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_switch (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_SWITCH (widget);
}

static gboolean
is_button_with_tooltip (GtkWidget *widget,
                        gpointer   tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static void
set_dark (UiFixture *f,
          gboolean   dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_DEFAULT);
  for (;;)
    {
      g_autofree char *is = ui_eval_js (f, "document.documentElement.classList.contains ('dark')");

      if (g_strcmp0 (is, dark ? "true" : "false") == 0)
        break;
      ui_wait_frames (f, 1);
    }
  ui_wait_frames (f, 3);
}

/* Tests */

/* F on a summary-only feed: the whole article, in the article template,
 * without the page's clutter, with its code and its lead picture (whose
 * relative address now works), in light and dark; F again: the summary. */
static void
test_full_article (UiFixture     *f,
                   gconstpointer  data)
{
  g_autoptr(BsFullArticle) stored = NULL;
  g_autofree char *text = NULL;
  g_autofree char *src = NULL;
  g_autofree char *expected_src = NULL;
  g_autofree char *code = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *dark_shot = NULL;
  g_autoptr(GError) error = NULL;
  BsSource *source;
  BsEntry *entry;

  ui_start (f);
  source = subscribe (f);
  entry = open_entry (f, ARTICLE_TITLE);

  /* the feed's summary, and F not pressed yet */
  text = ui_get_article_text (f);
  g_assert_nonnull (strstr (text, "Read on…"));
  g_assert_null (strstr (text, "Every Monday morning"));
  g_assert_false (full_article_state (f));
  g_assert_cmpuint (ui_server_get_hits (f->server, "/reader/article.html"), ==, 0);
  g_clear_pointer (&text, g_free);

  press_f (f);
  wait_full_article (f, entry);
  g_assert_true (full_article_state (f));
  g_assert_cmpuint (ui_server_get_hits (f->server, "/reader/article.html"), ==, 1);

  /* the article, first paragraph to last, headings and quote */
  text = ui_get_article_text (f);
  g_assert_nonnull (strstr (text, "Counting lines faster than wc: a small lesson in buffers"));
  g_assert_nonnull (strstr (text, "Ingrid Halvorsen"));
  g_assert_nonnull (strstr (text, "Every Monday morning the harbour office sends us a log file"));
  g_assert_nonnull (strstr (text, "The first attempt: one character at a time"));
  g_assert_nonnull (strstr (text, "The fastest code is the code that does not run."));
  g_assert_nonnull (strstr (text, "which it does not count, just like wc."));
  /* the code, as code */
  code = ui_eval_js (f, "Array.from (document.querySelectorAll ('.content pre code'))"
                        ".map (c => c.textContent).join ('\\n----\\n')");
  g_assert_nonnull (strstr (code, "while ((c = getc (stdin)) != EOF)"));
  g_assert_nonnull (strstr (code, "while ((p = memchr (p, '\\n', end - p)) != NULL)"));
  /* and nothing else of the page */
  for (guint i = 0; i < G_N_ELEMENTS (clutter); i++)
    {
      if (strstr (text, clutter[i]) != NULL)
        g_test_message ("clutter in the article: %s", clutter[i]);
      g_assert_null (strstr (text, clutter[i]));
    }

  /* the lead picture, at its absolute address, loaded (remote images on) */
  src = ui_eval_js (f, "document.querySelector ('.content img').getAttribute ('src')");
  expected_src = ui_server_url (f->server, "/images/counting-lines-lead.png");
  g_assert_cmpstr (src, ==, expected_src);
  for (;;)
    {
      g_autofree char *loaded = ui_eval_js (f, "(function () {"
                                               "  var img = document.querySelector ('.content img');"
                                               "  return img.complete && img.naturalWidth > 0; }) ()");

      if (g_strcmp0 (loaded, "true") == 0)
        break;
      ui_wait_frames (f, 1);
    }

  /* the page's style sheet, scripts and pictures were never asked for
   * while it was read */
  g_assert_cmpuint (ui_server_get_hits (f->server, "/static/site.css"), ==, 0);
  g_assert_cmpuint (ui_server_get_hits (f->server, "/images/counting-lines-lead.png"), ==, 1);

  /* kept with the entry */
  stored = bs_store_load_full_article (bs_application_get_store (f->app),
                                       bs_source_get_id (source), bs_entry_get_key (entry),
                                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_nonnull (strstr (stored->content, "Every Monday morning"));

  shot = ui_screenshot (f, "reader-full-article");
  set_dark (f, TRUE);
  dark_shot = ui_screenshot (f, "reader-full-article-dark");
  /* the code, further down */
  g_free (ui_eval_js (f, "document.querySelector ('.content pre').scrollIntoView ({ block: 'center' })"));
  ui_wait_frames (f, 3);
  g_clear_pointer (&dark_shot, g_free);
  dark_shot = ui_screenshot (f, "reader-full-article-code-dark");
  set_dark (f, FALSE);
  g_clear_pointer (&shot, g_free);
  shot = ui_screenshot (f, "reader-full-article-code");
  /* the end: where it came from */
  g_free (ui_eval_js (f, "document.scrollingElement.scrollTop = document.scrollingElement.scrollHeight"));
  ui_wait_frames (f, 3);
  g_clear_pointer (&shot, g_free);
  shot = ui_screenshot (f, "reader-full-article-end");

  /* F again: the feed's text */
  press_f (f);
  UI_WAIT_UNTIL (f, bs_article_view_get_full_article (article_view (f)) == NULL);
  UI_WAIT_UNTIL (f, !full_article_state (f));
  ui_wait_article (f, entry);
  g_clear_pointer (&text, g_free);
  for (;;)
    {
      text = ui_get_article_text (f);
      if (strstr (text, "Every Monday morning") == NULL)
        break;
      g_clear_pointer (&text, g_free);
      ui_wait_frames (f, 1);
    }
  g_assert_nonnull (strstr (text, "Read on…"));
}

/* A hostile page: nothing of it runs or loads, neither while it is read
 * nor when its article is shown. */
static void
test_hostile_page (UiFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *shot = NULL;
  BsEntry *entry;

  ui_start (f);
  subscribe (f);
  entry = open_entry (f, HOSTILE_TITLE);
  press_f (f);
  wait_full_article (f, entry);
  settle ();

  text = ui_get_article_text (f);
  g_assert_nonnull (strstr (text, "the spring tides fall on the eleventh"));
  g_assert_nonnull (strstr (text, "the tables are predictions"));
  g_assert_null (strstr (text, "SCRIPT-RAN"));
  title = ui_eval_js (f, "document.title");
  g_assert_cmpstr (title, ==, HOSTILE_TITLE);
  assert_no_canary (f);
  g_assert_cmpuint (ui_server_get_hits (f->server, "/reader/hostile.html"), ==, 1);
  g_assert_cmpuint (f->opened_uris->len, ==, 0);
  shot = ui_screenshot (f, "reader-hostile");
}

/* Read once, kept: after a restart with the server gone, the article
 * opens with its whole text, at once. */
static void
test_offline (UiFixture     *f,
              gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;
  BsEntry *entry;

  ui_start (f);
  subscribe (f);
  entry = open_entry (f, ARTICLE_TITLE);
  press_f (f);
  wait_full_article (f, entry);

  /* the network is gone */
  ui_stop (f);
  g_clear_pointer (&f->server, ui_server_free);
  ui_start (f);

  UI_WAIT_UNTIL (f, ui_find_entry (f, ARTICLE_TITLE) != GTK_INVALID_LIST_POSITION);
  entry = open_entry (f, ARTICLE_TITLE);
  wait_full_article (f, entry);
  g_assert_true (full_article_state (f));
  text = ui_get_article_text (f);
  g_assert_nonnull (strstr (text, "Every Monday morning the harbour office sends us a log file"));
  g_assert_nonnull (strstr (text, "which it does not count, just like wc."));
  g_assert_null (strstr (text, "SuperCloud hosting"));
  shot = ui_screenshot (f, "reader-offline");

  /* fetching it again fails: it says so, and the article stays */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reload-full-article",
                                             NULL));
  UI_WAIT_UNTIL (f, ui_find_label (GTK_WIDGET (f->window),
                                   "The full article could not be loaded again") != NULL);
  g_assert_nonnull (bs_article_view_get_full_article (article_view (f)));
  g_assert_true (full_article_state (f));
  g_assert_null (ui_find_widget (GTK_WIDGET (f->window), is_status_page_titled,
                                 "The Full Article Could Not Be Loaded"));

  /* and back to the summary works offline too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.read-full-article",
                                             NULL));
  UI_WAIT_UNTIL (f, bs_article_view_get_full_article (article_view (f)) == NULL);
}

/* Checks the failure page for the entry @title: its words, and Open in
 * Browser opening the entry's link. */
static void
check_failure (UiFixture  *f,
               const char *title,
               const char *page_title,
               const char *shot_name)
{
  g_autofree char *shot = NULL;
  GtkWidget *page;
  GtkWidget *button;
  BsEntry *entry;
  guint opened;

  entry = open_entry (f, title);
  press_f (f);
  UI_WAIT_UNTIL (f, (page = ui_find_widget (GTK_WIDGET (f->window), is_status_page_titled,
                                            (gpointer) page_title)) != NULL);
  g_assert_true (full_article_state (f));
  g_assert_null (bs_article_view_get_full_article (article_view (f)));
  g_test_message ("%s: %s", page_title, adw_status_page_get_description (ADW_STATUS_PAGE (page)));
  g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (page)));

  button = ui_find_button (page, "_Open in Browser");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  ui_wait_frames (f, 2);
  shot = ui_screenshot (f, shot_name);

  opened = f->opened_uris->len;
  gtk_widget_activate (button);
  UI_WAIT_UNTIL (f, f->opened_uris->len == opened + 1);
  g_assert_cmpstr (g_ptr_array_index (f->opened_uris, opened), ==, bs_entry_get_link (entry));

  /* back to the feed's text */
  button = ui_find_button (page, "Show the Feed’s _Summary");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  UI_WAIT_UNTIL (f, !full_article_state (f));
  UI_WAIT_UNTIL (f, ui_find_widget (GTK_WIDGET (f->window), is_status_page_titled,
                                    (gpointer) page_title) == NULL);
}

/* A page that is gone, one with no article, a PDF: a message in the view,
 * never a blank one, with Open in Browser; Try Again once the page is
 * there brings the article. */
static void
test_failures (UiFixture     *f,
               gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *page;
  BsEntry *entry;

  ui_start (f);
  subscribe (f);

  check_failure (f, MISSING_TITLE, "Page Not Found", "reader-error-404");
  check_failure (f, EMPTY_TITLE, "No Article Found", "reader-error-no-article");
  check_failure (f, PDF_TITLE, "Not a Web Page", "reader-error-not-html");

  /* gone, then back: Try Again */
  entry = open_entry (f, MISSING_TITLE);
  press_f (f);
  UI_WAIT_UNTIL (f, (page = ui_find_widget (GTK_WIDGET (f->window), is_status_page_titled,
                                            "Page Not Found")) != NULL);
  serve (f, "/reader/missing.html", "text/html", "reader/article.html");
  gtk_widget_activate (ui_find_button (page, "_Try Again"));
  wait_full_article (f, entry);
  text = ui_get_article_text (f);
  g_assert_nonnull (strstr (text, "Every Monday morning"));
  g_assert_false (gtk_widget_is_drawable (page));
}

typedef struct {
  gboolean done;
  JSCValue *value;
  GError *error;
} Js;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Js *js = user_data;

  js->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                         &js->error);
  js->done = TRUE;
}

/* @script's value as a string, run in an isolated world of @web_view's
 * (the page's own scripts never see it) */
static char *
eval_in (UiFixture     *f,
         WebKitWebView *web_view,
         const char    *script)
{
  Js js = { 0 };
  char *result;

  webkit_web_view_evaluate_javascript (web_view, script, -1, "broadsheet-test", NULL, NULL,
                                       js_done_cb, &js);
  UI_WAIT_UNTIL (f, js.done);
  g_assert_no_error (js.error);
  result = jsc_value_to_string (js.value);
  g_object_unref (js.value);
  return result;
}

/* View Original: the page itself, under its banner, scripts off until the
 * user allows them for this view; back to the article. */
static void
test_original_page (UiFixture     *f,
                    gconstpointer  data)
{
  g_autofree char *shot = NULL;
  g_autofree char *scripts_shot = NULL;
  g_autofree char *url = NULL;
  BsOriginalView *original;
  WebKitWebView *web_view;
  GtkWidget *button;
  BsEntry *entry;

  ui_start (f);
  subscribe (f);
  entry = open_entry (f, HOSTILE_TITLE);
  url = g_strdup (bs_entry_get_link (entry));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view-original", NULL));
  original = BS_ORIGINAL_VIEW (ui_find_widget (GTK_WIDGET (f->window), is_original_view, NULL));
  g_assert_nonnull (original);
  UI_WAIT_UNTIL (f, gtk_widget_is_drawable (GTK_WIDGET (original)));
  web_view = bs_original_view_get_web_view (original);
  UI_WAIT_UNTIL (f, !webkit_web_view_is_loading (web_view)
                    && g_strcmp0 (webkit_web_view_get_uri (web_view), url) == 0);
  g_assert_nonnull (ui_find_label (GTK_WIDGET (original), "Original Page"));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (original), "Scripts off · Images shown"));
  settle ();

  /* the page itself, its scripts off */
  {
    g_autofree char *text = eval_in (f, web_view, "document.body.innerText");
    g_autofree char *title = eval_in (f, web_view, "document.title");

    g_assert_nonnull (strstr (text, "the spring tides fall on the eleventh"));
    g_assert_null (strstr (text, "SCRIPT-RAN"));
    g_assert_cmpstr (title, !=, "pwned");
    /* still there: no meta refresh took it elsewhere */
    g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, url);
    g_assert_cmpuint (ui_server_get_hits (f->server, "/canary/external-script.js"), ==, 0);
    g_assert_cmpuint (ui_server_get_hits (f->server, "/canary/meta-refresh"), ==, 0);
  }
  shot = ui_screenshot (f, "reader-original");

  /* the user allows scripts, for this page */
  button = ui_find_button (GTK_WIDGET (original), "Allow _Scripts");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  UI_WAIT_UNTIL (f, bs_original_view_get_allow_scripts (original));
  UI_WAIT_UNTIL (f, ui_find_label (GTK_WIDGET (original),
                                   "Its scripts run · Images shown") != NULL);
  for (;;)
    {
      g_autofree char *text = eval_in (f, web_view, "document.body ? document.body.innerText : ''");

      if (strstr (text, "SCRIPT-RAN-END-OF-BODY") != NULL)
        break;
      ui_wait_frames (f, 1);
    }
  scripts_shot = ui_screenshot (f, "reader-original-scripts");

  /* back: the article, and the next page starts with scripts off again */
  button = ui_find_widget (GTK_WIDGET (original), is_button_with_tooltip, "Back to the Article");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  UI_WAIT_UNTIL (f, !gtk_widget_is_drawable (GTK_WIDGET (original)));
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (f->window),
                                                                 "view-original");

    g_assert_false (g_variant_get_boolean (state));
  }
  g_assert_false (bs_original_view_get_allow_scripts (original));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (article_view (f))));
}

/* A page whose named elements hide the document's own methods and
 * properties (DOM clobbering: <img name="cloneNode"> and the like): its
 * article is read all the same. */
static void
test_clobbered_page (UiFixture     *f,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;
  BsEntry *entry;

  ui_start (f);
  subscribe (f);
  entry = open_entry (f, CLOBBER_TITLE);
  press_f (f);
  wait_full_article (f, entry);

  text = ui_get_article_text (f);
  g_assert_nonnull (strstr (text, "Every autumn the harbour office walks the quay"));
  g_assert_nonnull (strstr (text, "and never a granny knot"));
  g_assert_null (strstr (text, "Archive of every post"));
  g_assert_null (strstr (text, "All rights reserved"));
  shot = ui_screenshot (f, "reader-clobbered");
}

/* Without its content filter (the cache folder where it is compiled is a
 * file, say), reader mode loads no page: the hidden view's only wall
 * against the page's loads would be gone. It says so, and nothing of the
 * page is requested. The articles keep their CSP: with images from the
 * web off, the summary's picture does not load either, and it does once
 * they are on. In a process of its own: the filters are compiled once per
 * process. */
static void
test_no_content_filter (UiFixture     *f,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *present = NULL;
  g_autofree char *shot = NULL;
  const char *description;
  GtkWidget *page;
  BsEntry *entry;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  cache = g_build_filename (g_get_user_cache_dir (), "broadsheet", NULL);
  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  g_file_set_contents (cache, "not a folder", -1, &error);
  g_assert_no_error (error);
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_boolean (settings, "load-remote-images", FALSE);
  /* one for each of the two filters */
  g_test_expect_message ("broadsheet", G_LOG_LEVEL_WARNING, "Could not compile a content filter*");
  g_test_expect_message ("broadsheet", G_LOG_LEVEL_WARNING, "Could not compile a content filter*");

  ui_start (f);
  subscribe (f);
  entry = open_entry (f, HOSTILE_TITLE);
  settle ();
  present = ui_eval_js (f, "document.querySelector ('.content img[src$=\"tide-summary.png\"]') != null");
  g_assert_cmpstr (present, ==, "true");
  g_assert_cmpuint (ui_server_get_hits (f->server, "/images/tide-summary.png"), ==, 0);

  press_f (f);
  UI_WAIT_UNTIL (f, (page = ui_find_widget (GTK_WIDGET (f->window), is_status_page_titled,
                                            "The Full Article Could Not Be Loaded")) != NULL);
  description = adw_status_page_get_description (ADW_STATUS_PAGE (page));
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, "filter"));
  g_assert_nonnull (ui_find_button (page, "_Open in Browser"));
  g_assert_null (bs_article_view_get_full_article (article_view (f)));
  settle ();
  assert_no_canary (f);
  g_assert_cmpuint (ui_server_get_hits (f->server, "/reader/hostile.html"), ==, 1);
  g_assert_cmpuint (f->opened_uris->len, ==, 0);
  shot = ui_screenshot (f, "reader-no-content-filter");
  g_test_assert_expected_messages ();

  /* the feed's text, and images from the web on: the picture loads (the
   * CSP held it back, not chance) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.read-full-article",
                                             NULL));
  UI_WAIT_UNTIL (f, !full_article_state (f));
  g_settings_set_boolean (settings, "load-remote-images", TRUE);
  UI_WAIT_UNTIL (f, ui_server_get_hits (f->server, "/images/tide-summary.png") >= 1);
  ui_wait_article (f, entry);
}

typedef struct {
  guint last;
  guint max;
  guint created;
} Views;

static void
n_views_cb (BsReader   *reader,
            GParamSpec *pspec,
            Views      *views)
{
  guint n = bs_reader_get_n_views (reader);

  if (n > views->last)
    views->created++;
  views->max = MAX (views->max, n);
  views->last = n;
}

typedef struct {
  gboolean done;
  BsFullArticle *article;
  GError *error;
} Extracted;

static void
extracted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Extracted *extracted = user_data;

  extracted->article = bs_reader_extract_finish (BS_READER (object), result, &extracted->error);
  extracted->done = TRUE;
}

/* j, j, j with "Always Load Full Articles": each entry shown cancels the
 * extraction of the one before. The cancelled one's hidden view (a web
 * process parsing a page of up to 8 MB and running Readability) goes at
 * once: there is never more than one. */
static void
test_cancel_drops_view (UiFixture     *f,
                        gconstpointer  data)
{
  g_autoptr(BsReader) reader = NULL;
  g_autofree char *url = NULL;
  Extracted extracted[4] = { 0 };
  Extracted last = { 0 };
  Views views = { 0 };

  ui_start (f);
  serve_site (f);
  reader = bs_reader_new (bs_application_get_fetcher (f->app));
  g_signal_connect (reader, "notify::n-views", G_CALLBACK (n_views_cb), &views);
  url = ui_server_url (f->server, "/reader/article.html");

  for (guint i = 0; i < G_N_ELEMENTS (extracted); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      bs_reader_extract_async (reader, url, cancellable, extracted_cb, &extracted[i]);
      /* fetched, and its page given to a view */
      UI_WAIT_UNTIL (f, views.created == i + 1);
      g_cancellable_cancel (cancellable);
    }
  for (guint i = 0; i < G_N_ELEMENTS (extracted); i++)
    {
      UI_WAIT_UNTIL (f, extracted[i].done);
      g_assert_error (extracted[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (extracted[i].article);
      g_clear_error (&extracted[i].error);
    }
  g_assert_cmpuint (views.max, ==, 1);
  g_assert_cmpuint (bs_reader_get_n_views (reader), ==, 0);

  /* one left alone reads its page */
  bs_reader_extract_async (reader, url, NULL, extracted_cb, &last);
  UI_WAIT_UNTIL (f, last.done);
  g_assert_no_error (last.error);
  g_assert_nonnull (last.article);
  g_assert_nonnull (strstr (last.article->content, "Every Monday morning"));
  g_assert_cmpuint (bs_reader_get_n_views (reader), ==, 0);
  g_clear_pointer (&last.article, bs_full_article_unref);
}

/* The original view goes while its web view (held by someone else a
 * while longer) still has a page coming: nothing of the web view calls
 * back into the view that is gone. */
static void
test_original_view_disposed (UiFixture     *f,
                             gconstpointer  data)
{
  g_autoptr(WebKitWebView) web_view = NULL;
  g_autofree char *url = NULL;
  BsOriginalView *original;
  gpointer gone;

  ui_start (f);
  serve_site (f);
  url = ui_server_url (f->server, "/reader/article.html");
  original = g_object_ref_sink (BS_ORIGINAL_VIEW (bs_original_view_new ()));
  web_view = g_object_ref (bs_original_view_get_web_view (original));
  g_assert_cmpuint (g_signal_handler_find (web_view, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                           original), !=, 0);
  bs_original_view_load (original, url);

  gone = original;
  g_object_add_weak_pointer (G_OBJECT (original), (gpointer *) &original);
  g_object_unref (original);
  g_assert_null (original);
  g_assert_cmpuint (g_signal_handler_find (web_view, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, gone),
                    ==, 0);
  g_assert_null (gtk_widget_get_parent (GTK_WIDGET (web_view)));
}

/* The note under a whole article links to where it came from only when
 * that is a web address: the store is not trusted. */
static void
test_footer_link (void)
{
  g_autoptr(BsEntry) entry = bs_entry_new ("news", "key");
  g_autoptr(BsFullArticle) hostile = bs_full_article_new ("javascript:alert(1)", "Title", NULL,
                                                         NULL, "<p>Text</p>", 1772500000);
  g_autoptr(BsFullArticle) fine = bs_full_article_new ("https://quay.example/post", "Title",
                                                      NULL, NULL, "<p>Text</p>", 1772500000);
  g_autofree char *html = NULL;

  bs_entry_set_title (entry, "Title");
  html = bs_article_full_html (entry, NULL, hostile, FALSE, FALSE, 0);
  g_assert_nonnull (strstr (html, "full-article-source"));
  g_assert_null (strstr (html, "href=\"javascript:"));
  g_clear_pointer (&html, g_free);

  html = bs_article_full_html (entry, NULL, fine, FALSE, FALSE, 0);
  g_assert_nonnull (strstr (html, "<a href=\"https://quay.example/post\">quay.example</a>"));
}

/* A feed's "Always Load Full Articles": its articles open in full. */
static void
test_always_full (UiFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(BsSidebarItem) item = NULL;
  g_autofree char *shot = NULL;
  GtkWindow *dialog;
  GtkWidget *row;
  GtkWidget *toggle;
  BsSource *source;
  BsEntry *entry;
  guint position;

  ui_start (f);
  source = subscribe (f);

  /* the feed's context menu */
  key = g_strconcat ("source:", bs_source_get_id (source), NULL);
  items = bs_sidebar_model_new (ui_get_library (f));
  position = bs_sidebar_model_find (items, key);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  item = g_list_model_get_item (items, position);
  g_assert_true (bs_sidebar_menu_activate (f->window, item, "full-articles"));
  g_assert_true (bs_source_get_full_articles (source));

  /* no F: the summary shows while the whole article loads */
  entry = select_entry (f, ARTICLE_TITLE);
  wait_full_article (f, entry);
  g_assert_true (full_article_state (f));
  text = ui_get_article_text (f);
  g_assert_nonnull (strstr (text, "Every Monday morning the harbour office"));

  /* and it stays so */
  ui_restart (f);
  source = bs_library_lookup_source (ui_get_library (f), bs_source_get_id (source));
  g_assert_true (bs_source_get_full_articles (source));

  /* the feed's properties have the same switch */
  g_clear_object (&item);
  g_clear_object (&items);
  items = bs_sidebar_model_new (ui_get_library (f));
  item = g_list_model_get_item (items, bs_sidebar_model_find (items, key));
  g_assert_true (bs_sidebar_menu_activate (f->window, item, "properties"));
  UI_WAIT_UNTIL (f, (dialog = ui_find_window (ADW_TYPE_PREFERENCES_WINDOW)) != NULL);
  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  row = ui_find_widget (GTK_WIDGET (dialog), is_row_titled, "_Always Load Full Articles");
  g_assert_nonnull (row);
  toggle = ui_find_widget (row, is_switch, NULL);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  ui_wait_frames_of (f, GTK_WIDGET (dialog), 2);
  shot = ui_screenshot_widget (GTK_WIDGET (dialog), "reader-feed-properties");
  gtk_widget_activate (toggle);
  UI_WAIT_UNTIL (f, !bs_source_get_full_articles (source));
  gtk_window_close (dialog);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv, "test-ui-reader");

  UI_TEST ("/broadsheet/ui-reader/full-article", test_full_article);
  UI_TEST ("/broadsheet/ui-reader/hostile-page", test_hostile_page);
  UI_TEST ("/broadsheet/ui-reader/offline", test_offline);
  UI_TEST ("/broadsheet/ui-reader/failures", test_failures);
  UI_TEST ("/broadsheet/ui-reader/original-page", test_original_page);
  UI_TEST ("/broadsheet/ui-reader/always-full", test_always_full);
  UI_TEST ("/broadsheet/ui-reader/clobbered-page", test_clobbered_page);
  UI_TEST ("/broadsheet/ui-reader/no-content-filter", test_no_content_filter);
  UI_TEST ("/broadsheet/ui-reader/cancel-drops-view", test_cancel_drops_view);
  UI_TEST ("/broadsheet/ui-reader/original-view-disposed", test_original_view_disposed);
  g_test_add_func ("/broadsheet/ui-reader/footer-link", test_footer_link);

  return ui_run ();
}
