/* test-ui-security.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a hostile article can do in the article view and in the river of
 * news: nothing. The articles here bypass the sanitiser on purpose (raw
 * HTML through bs_entry_set_content()), so that what is tested is the
 * WebKit side alone: page scripts off, the Content-Security-Policy, the
 * content filter and the navigation policy (see bs-web-view.h).
 *
 * Every URL in the hostile HTML points to a loopback "canary" server that
 * records each request it gets. Paths starting with /allowed- are loads
 * that remote images allow (images, CSS backgrounds, media); everything
 * else (/blocked-...) must never arrive, whatever the preference; with
 * remote images off nothing at all may arrive. The scripts would set the
 * document's title and an attribute, and ask the canary for
 * /blocked-script-...: the checks read the DOM from the app's isolated
 * world. Proving that something does not happen takes a window of time in
 * which it would have: SETTLE_MS after the page is there (a meta refresh
 * of 0 s and the images fire well within it).
 *
 * The end of the file checks the river's own channel (its script and
 * message handler, isolated world only) doing its work in the window:
 * loading more, day headings, duplicates, marking read, new articles. */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "bs-article-view.h"
#include "bs-river-view.h"
#include "ui-harness.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#define SETTLE_MS 1500

/* 1×1 PNG */
#define PNG_BASE64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="

/* @C@ is the canary's address. */
static const char hostile_html[] =
  "<p id=\"marker\">This article tries everything.</p>"
  /* scripts, and what they would do */
  "<script>document.title = 'pwned'; document.documentElement.setAttribute ('data-pwned', 'script');"
  " new Image ().src = '@C@/blocked-script-image'; fetch ('@C@/blocked-script-fetch');</script>"
  "<img src=\"data:,\" onerror=\"document.documentElement.setAttribute ('data-pwned', 'onerror');"
  " new Image ().src = '@C@/blocked-script-onerror';\">"
  "<body onload=\"document.documentElement.setAttribute ('data-pwned', 'onload');"
  " new Image ().src = '@C@/blocked-script-onload';\">"
  "<svg width=\"10\" height=\"10\" onload=\"new Image ().src = '@C@/blocked-script-svg-onload';\">"
  "<script>document.documentElement.setAttribute ('data-pwned', 'svg');"
  " new Image ().src = '@C@/blocked-script-svg';</script></svg>"
  "<details open ontoggle=\"new Image ().src = '@C@/blocked-script-ontoggle';\"><summary>s</summary></details>"
  "<a id=\"js-link\" href=\"javascript:document.documentElement.setAttribute ('data-pwned', 'js-link')\">"
  "a javascript: link</a> "
  /* navigation */
  "<meta http-equiv=\"refresh\" content=\"0; url=@C@/blocked-meta-refresh\">"
  "<base href=\"@C@/blocked-base/\"><img src=\"relative-to-base.png\">"
  "<form id=\"form\" action=\"@C@/blocked-form\" method=\"get\"><input name=\"q\" value=\"x\">"
  "<button id=\"submit\">Send</button></form>"
  "<p><a id=\"blank-link\" target=\"_blank\" href=\"@C@/blocked-target-blank\">a new window</a> "
  "<a id=\"link\" href=\"@C@/blocked-link\" ping=\"@C@/blocked-ping\">a link</a></p>"
  /* frames and plugins */
  "<iframe src=\"@C@/blocked-iframe\"></iframe>"
  "<iframe srcdoc=\"<script>parent.document.title = 'pwned-srcdoc';</script>"
  "<img src='@C@/blocked-srcdoc-image'>\"></iframe>"
  "<iframe src=\"javascript:parent.document.documentElement.setAttribute ('data-pwned', 'iframe')\"></iframe>"
  "<object data=\"@C@/blocked-object\"></object><embed src=\"@C@/blocked-embed\">"
  /* style sheets and fonts */
  "<link rel=\"stylesheet\" href=\"@C@/blocked-stylesheet\">"
  "<link rel=\"prefetch\" href=\"@C@/blocked-prefetch\">"
  "<style>@import url(\"@C@/blocked-css-import\");"
  " @font-face { font-family: Evil; src: url(\"@C@/blocked-font\"); }"
  " p.evil { font-family: Evil; }"
  " .bg { height: 8px; background-image: url(\"@C@/allowed-css-background.png\"); }</style>"
  "<p class=\"evil\">a remote font</p><div class=\"bg\"></div>"
  "<div style=\"height: 8px; background: url('@C@/allowed-css-inline.png')\"></div>"
  /* images: from the web only when the preference says so */
  "<img id=\"remote-image\" alt=\"\" src=\"@C@/allowed-image.png\">"
  "<img alt=\"\" src=\"@C@/allowed-image-auth.png\">"
  "<picture><source srcset=\"@C@/allowed-picture.png\"><img alt=\"\" src=\"data:,\"></picture>"
  "<svg width=\"20\" height=\"20\"><image href=\"@C@/allowed-svg-image.png\" width=\"20\" height=\"20\"/></svg>"
  /* embedded images, always */
  "<p><img id=\"data-image\" alt=\"\" width=\"40\" height=\"40\" "
  "src=\"data:image/png;base64," PNG_BASE64 "\"></p>";

/* The canary */

typedef struct {
  UiFixture *f;
  SoupServer *server;
  char *base;
  GPtrArray *requests;   /* paths */

  GtkWidget *window;
  GtkWidget *view;       /* BsArticleView or BsRiverView */
  WebKitWebView *web_view;
  GPtrArray *opened;     /* "open-uri" */
  GListStore *store;
} Canary;

static void
canary_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Canary *c = user_data;
  gsize size;
  g_autofree guchar *png = g_base64_decode (PNG_BASE64, &size);

  g_ptr_array_add (c->requests, g_strdup (path));
  g_test_message ("canary: %s %s", soup_server_message_get_method (msg), path);

  if (g_str_has_prefix (path, "/allowed-image-auth"))
    {
      /* would ask the user for a password, if the view let it */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Basic realm=\"canary\"");
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (g_str_has_prefix (path, "/allowed-"))
    soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, (char *) png, size);
  else
    {
      static const char page[] = "<script>document.title = 'pwned';</script>";

      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page,
                                        strlen (page));
    }
}

static void
canary_start (Canary    *c,
              UiFixture *f)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  c->f = f;
  c->requests = g_ptr_array_new_with_free_func (g_free);
  c->opened = g_ptr_array_new_with_free_func (g_free);
  c->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (c->server, NULL, canary_cb, c, NULL);
  soup_server_listen_local (c->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (c->server);
  c->base = g_strdup_printf ("http://127.0.0.1:%u", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
canary_stop (Canary *c)
{
  if (c->window != NULL)
    gtk_window_destroy (GTK_WINDOW (c->window));
  g_clear_object (&c->store);
  soup_server_disconnect (c->server);
  g_clear_object (&c->server);
  g_clear_pointer (&c->requests, g_ptr_array_unref);
  g_clear_pointer (&c->opened, g_ptr_array_unref);
  g_clear_pointer (&c->base, g_free);
}

static guint
count_requests (Canary     *c,
                const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < c->requests->len; i++)
    if (g_str_has_prefix (c->requests->pdata[i], prefix))
      n++;
  return n;
}

static char *
requests_string (Canary *c)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < c->requests->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (char *) c->requests->pdata[i]);
  return g_string_free (out, FALSE);
}

static char *
hostile_for (Canary *c)
{
  GString *html = g_string_new (hostile_html);

  g_string_replace (html, "@C@", c->base, 0);
  return g_string_free (html, FALSE);
}

static BsEntry *
hostile_entry (Canary     *c,
               const char *key,
               gint64      published)
{
  BsEntry *entry = bs_entry_new ("hostile", key);
  g_autofree char *html = hostile_for (c);
  g_autofree char *link = g_strdup_printf ("%s/blocked-title-link-%s", c->base, key);

  /* the app's own text is escaped: no markup from here */
  bs_entry_set_title (entry, "A <b>hostile</b> article");
  bs_entry_set_author (entry, "Mallory \"><img src=x onerror=alert(1)>");
  bs_entry_set_link (entry, link);
  bs_entry_set_published (entry, published);
  /* raw: the sanitiser is bypassed on purpose */
  bs_entry_set_content (entry, html);

  /* a podcast episode and a document: a player (that loads nothing until
   * played) and download links; and a javascript: one, left out */
  {
    g_autoptr(GPtrArray) enclosures = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_entry_enclosure_free);
    g_autofree char *audio = g_strdup_printf ("%s/allowed-episode.mp3", c->base);
    g_autofree char *pdf = g_strdup_printf ("%s/blocked-notes.pdf", c->base);

    g_ptr_array_add (enclosures, bs_entry_enclosure_new (audio, "audio/mpeg", 12345678));
    g_ptr_array_add (enclosures, bs_entry_enclosure_new (pdf, "application/pdf", -1));
    g_ptr_array_add (enclosures, bs_entry_enclosure_new ("javascript:alert(1)", "audio/mpeg", -1));
    bs_entry_set_enclosures (entry, enclosures);
  }
  return entry;
}

/* Waiting and looking */

static void
settle (Canary *c)
{
  gint64 until = g_get_monotonic_time () + SETTLE_MS * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

typedef struct {
  gboolean done;
  JSCValue *value;
  GError *error;
} Js;

static void
js_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  Js *js = user_data;

  js->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                         &js->error);
  js->done = TRUE;
}

/* Runs @script in @world (NULL: the page's own world) and returns its
 * value as a string, or NULL with @error set. */
static char *
run_js (Canary      *c,
        const char  *script,
        const char  *world,
        GError     **error)
{
  Js js = { 0 };

  webkit_web_view_evaluate_javascript (c->web_view, script, -1, world, NULL, NULL, js_cb, &js);
  UI_WAIT_UNTIL (c->f, js.done);
  if (js.value == NULL)
    {
      g_propagate_error (error, js.error);
      return NULL;
    }
  {
    char *text = jsc_value_to_string (js.value);

    g_object_unref (js.value);
    return text;
  }
}

static char *
isolated_js (Canary     *c,
             const char *script)
{
  g_autoptr(GError) error = NULL;
  char *text = run_js (c, script, BS_ARTICLE_VIEW_WORLD, &error);

  g_assert_no_error (error);
  return text;
}

static JsonObject *
look (Canary *c)
{
  g_autofree char *json = isolated_js (c,
    "(function () {"
    "  var d = document.getElementById ('data-image');"
    "  var r = document.getElementById ('remote-image');"
    "  var frames = 0;"
    "  document.querySelectorAll ('iframe').forEach (function (f) {"
    "    try { if (f.contentDocument && f.contentDocument.body"
    "              && f.contentDocument.body.innerHTML !== '') frames++; } catch (e) { }"
    "  });"
    "  return JSON.stringify ({"
    "    title: document.title,"
    "    pwned: document.documentElement.getAttribute ('data-pwned')"
    "           || document.body.getAttribute ('data-pwned') || '',"
    "    markers: document.querySelectorAll ('[id=marker]').length,"
    "    url: location.href,"
    "    dataImage: d ? d.naturalWidth : -1,"
    "    remoteImage: r ? r.naturalWidth : -1,"
    "    frames: frames,"
    "    markup: document.querySelectorAll ('.title b, .byline img').length,"
    "    players: document.querySelectorAll ('.enclosures audio[preload=none]').length,"
    "    downloads: document.querySelectorAll ('.enclosures .download a').length,"
    "    jsLinks: document.querySelectorAll (\"a[href^='javascript:'], audio[src^='javascript:']\").length"
    "  });"
    "}) ()");
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_test_message ("page: %s", json);
  return json_object_ref (json_node_get_object (node));
}

static void
snapshot_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_assert_no_error (error);
}

/* Saves what the web view shows as <screenshots>/NAME.png. */
static void
save_snapshot (Canary     *c,
               const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;

  webkit_web_view_get_snapshot (c->web_view, WEBKIT_SNAPSHOT_REGION_VISIBLE,
                                WEBKIT_SNAPSHOT_OPTIONS_NONE, NULL, snapshot_cb, &texture);
  UI_WAIT_UNTIL (c->f, texture != NULL);

  if (g_getenv ("BS_UI_SCREENSHOT_DIR") != NULL)
    dir = g_strdup (g_getenv ("BS_UI_SCREENSHOT_DIR"));
  else
    dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The views, in a window of their own */

static void
open_uri_cb (GtkWidget  *view,
             const char *uri,
             Canary     *c)
{
  g_ptr_array_add (c->opened, g_strdup (uri));
}

static void
show_view (Canary    *c,
           GtkWidget *view,
           WebKitWebView *web_view)
{
  c->view = view;
  c->web_view = web_view;
  c->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (c->window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (c->window), view);
  g_signal_connect (view, "open-uri", G_CALLBACK (open_uri_cb), c);
  gtk_window_present (GTK_WINDOW (c->window));
  UI_WAIT_UNTIL (c->f, gtk_widget_get_mapped (c->window));
}

static void
show_article (Canary   *c,
              BsEntry  *entry,
              gboolean  remote_images)
{
  GtkWidget *view = bs_article_view_new ();

  bs_article_view_set_remote_images (BS_ARTICLE_VIEW (view), remote_images);
  show_view (c, view, bs_article_view_get_web_view (BS_ARTICLE_VIEW (view)));
  bs_article_view_show_entry (BS_ARTICLE_VIEW (view), entry, NULL);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *there = run_js (c, "document.getElementById ('marker') !== null",
                                       BS_ARTICLE_VIEW_WORLD, &error);

      if (g_strcmp0 (there, "true") == 0)
        break;
      UI_WAIT_UNTIL (c->f, TRUE);
      g_usleep (20000);
    }
}

static void
show_river (Canary   *c,
            gboolean  remote_images,
            guint     n_entries)
{
  GtkWidget *view = bs_river_view_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  c->store = g_list_store_new (BS_TYPE_ENTRY);
  for (guint i = 0; i < n_entries; i++)
    {
      g_autofree char *key = g_strdup_printf ("%u", i);
      g_autoptr(BsEntry) entry = hostile_entry (c, key, now - i * 20 * 3600);

      g_list_store_append (c->store, entry);
    }

  bs_river_view_set_remote_images (BS_RIVER_VIEW (view), remote_images);
  show_view (c, view, bs_river_view_get_web_view (BS_RIVER_VIEW (view)));
  bs_river_view_set_model (BS_RIVER_VIEW (view), G_LIST_MODEL (c->store));
  UI_WAIT_UNTIL (c->f, bs_river_view_get_n_shown (BS_RIVER_VIEW (view)) == n_entries);
}

/* (a) no script ran; the document is still ours */
static void
assert_no_script_ran (Canary     *c,
                      JsonObject *page,
                      guint       n_articles)
{
  g_assert_cmpstr (json_object_get_string_member (page, "pwned"), ==, "");
  g_assert_null (strstr (json_object_get_string_member (page, "title"), "pwned"));
  g_assert_cmpint (json_object_get_int_member (page, "markers"), ==, n_articles);
  g_assert_cmpstr (json_object_get_string_member (page, "url"), ==, "about:blank");
  g_assert_cmpint (json_object_get_int_member (page, "frames"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (page, "markup"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (page, "players"), ==, n_articles);
  g_assert_cmpint (json_object_get_int_member (page, "downloads"), ==, 2 * n_articles);
  /* no javascript: URL at all: the app writes none (the enclosure's is
   * left out) and, with script markup off, WebKit drops the article's */
  g_assert_cmpint (json_object_get_int_member (page, "jsLinks"), ==, 0);
  /* embedded images always show */
  g_assert_cmpint (json_object_get_int_member (page, "dataImage"), ==, 1);
  /* the canary's script paths only a running script would ask for */
  g_assert_cmpuint (count_requests (c, "/blocked-script"), ==, 0);
}

/* (b) what left the view */
static void
assert_requests (Canary     *c,
                 JsonObject *page,
                 gboolean    remote_images)
{
  g_autofree char *requests = requests_string (c);

  g_test_message ("the canary got %u requests: %s", c->requests->len, requests);
  if (!remote_images)
    {
      g_assert_cmpuint (c->requests->len, ==, 0);
      g_assert_cmpint (json_object_get_int_member (page, "remoteImage"), ==, 0);
      return;
    }

  /* images, and nothing else */
  g_assert_cmpuint (count_requests (c, "/allowed-"), ==, c->requests->len);
  g_assert_cmpuint (count_requests (c, "/allowed-image.png"), >=, 1);
  g_assert_cmpint (json_object_get_int_member (page, "remoteImage"), ==, 1);
}

static guint
count_toplevels (void)
{
  g_autoptr(GList) list = gtk_window_list_toplevels ();

  return g_list_length (list);
}

/* Cases */

static void
check_article (UiFixture *f,
               gboolean   remote_images)
{
  Canary c = { 0 };
  g_autoptr(BsEntry) entry = NULL;
  g_autoptr(JsonObject) page = NULL;
  guint toplevels;

  canary_start (&c, f);
  entry = hostile_entry (&c, "1", g_get_real_time () / G_USEC_PER_SEC);
  show_article (&c, entry, remote_images);
  toplevels = count_toplevels ();
  settle (&c);

  page = look (&c);
  save_snapshot (&c, remote_images ? "security-article-images-on" : "security-article-images-off");
  assert_no_script_ran (&c, page, 1);
  assert_requests (&c, page, remote_images);
  /* no link followed, no window, no password dialog for the image that
   * asked for one */
  g_assert_cmpuint (c.opened->len, ==, 0);
  g_assert_cmpuint (count_toplevels (), ==, toplevels);
  canary_stop (&c);
}

static void
test_article_images_off (UiFixture     *f,
                         gconstpointer  data)
{
  check_article (f, FALSE);
}

static void
test_article_images_on (UiFixture     *f,
                        gconstpointer  data)
{
  check_article (f, TRUE);
}

static void
check_river (UiFixture *f,
             gboolean   remote_images)
{
  Canary c = { 0 };
  g_autoptr(JsonObject) page = NULL;

  canary_start (&c, f);
  show_river (&c, remote_images, 3);
  settle (&c);

  page = look (&c);
  save_snapshot (&c, remote_images ? "security-river-images-on" : "security-river-images-off");
  assert_no_script_ran (&c, page, 3);
  assert_requests (&c, page, remote_images);
  g_assert_cmpuint (c.opened->len, ==, 0);
  canary_stop (&c);
}

static void
test_river_images_off (UiFixture     *f,
                       gconstpointer  data)
{
  check_river (f, FALSE);
}

static void
test_river_images_on (UiFixture     *f,
                      gconstpointer  data)
{
  check_river (f, TRUE);
}

/* The river's message handler is in the isolated world only: the page's
 * own world (were a script to run there) has no way to post to it. */
static void
test_river_handler_isolated (UiFixture     *f,
                             gconstpointer  data)
{
  Canary c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *isolated = NULL;
  g_autofree char *page = NULL;

  canary_start (&c, f);
  show_river (&c, FALSE, 1);

  isolated = isolated_js (&c, "typeof window.webkit.messageHandlers.broadsheet.postMessage");
  g_assert_cmpstr (isolated, ==, "function");

  page = run_js (&c, "(window.webkit && window.webkit.messageHandlers"
                 " && window.webkit.messageHandlers.broadsheet) ? 'reachable' : 'absent'",
                 NULL, &error);
  g_test_message ("the page's world: %s", page != NULL ? page : error->message);
  g_assert_true (page == NULL || g_str_equal (page, "absent"));
  canary_stop (&c);
}

/* Even scripts that did run could not navigate the view: what the app's
 * own world tries (a link clicked, a form submitted, location changed, a
 * window opened) goes nowhere, and nothing reaches the canary. WebKit
 * counts the app's scripts as the user's gestures, so the two web links
 * clicked are handed to "open-uri", like the user's clicks; the
 * javascript: link and the form are not. */
static void
test_navigation_blocked (UiFixture     *f,
                         gconstpointer  data)
{
  Canary c = { 0 };
  g_autoptr(BsEntry) entry = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *opened = NULL;
  guint toplevels;

  canary_start (&c, f);
  entry = hostile_entry (&c, "1", g_get_real_time () / G_USEC_PER_SEC);
  show_article (&c, entry, TRUE);
  toplevels = count_toplevels ();

  g_free (isolated_js (&c, "document.getElementById ('link').click (); true"));
  g_free (isolated_js (&c, "document.getElementById ('blank-link').click (); true"));
  g_free (isolated_js (&c, "document.getElementById ('js-link').click (); true"));
  g_free (isolated_js (&c, "document.getElementById ('submit').click (); true"));
  g_free (isolated_js (&c, "HTMLFormElement.prototype.submit.call (document.getElementById ('form')); true"));
  script = g_strdup_printf ("String (window.open ('%s/blocked-window-open'))", c.base);
  opened = isolated_js (&c, script);
  g_assert_cmpstr (opened, ==, "null");
  g_free (script);
  script = g_strdup_printf ("location.href = '%s/blocked-location'; true", c.base);
  g_free (isolated_js (&c, script));
  g_free (script);
  script = g_strdup_printf ("window.open ('%s/blocked-window-open-page')", c.base);
  g_free (run_js (&c, script, NULL, &error));
  g_clear_error (&error);
  settle (&c);

  g_assert_cmpuint (c.opened->len, ==, 2);
  g_assert_true (g_str_has_suffix (c.opened->pdata[0], "/blocked-link"));
  g_assert_true (g_str_has_suffix (c.opened->pdata[1], "/blocked-target-blank"));

  page = look (&c);
  save_snapshot (&c, "security-navigation");
  assert_no_script_ran (&c, page, 1);
  g_assert_cmpuint (count_requests (&c, "/blocked-"), ==, 0);
  g_assert_cmpuint (count_toplevels (), ==, toplevels);
  canary_stop (&c);
}

#ifdef GDK_WINDOWING_X11
static void
click (Canary     *c,
       const char *id,
       int         button)
{
  g_autofree char *script = g_strdup_printf (
    "(function () { var e = document.getElementById ('%s'); e.scrollIntoView ({ block: 'center' });"
    " var r = e.getBoundingClientRect (); return Math.round (r.left + 3) + ' ' + Math.round (r.top + r.height / 2); }) ()",
    id);
  g_autofree char *where = isolated_js (c, script);
  g_auto(GStrv) xy = g_strsplit (where, " ", 2);
  graphene_point_t point = GRAPHENE_POINT_INIT (atof (xy[0]), atof (xy[1]));
  graphene_point_t in_window;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (c->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *b = g_strdup_printf ("%d", button);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  double dx, dy;
  int status;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (c->web_view), c->window, &point, &in_window));
  gtk_native_get_surface_transform (GTK_NATIVE (c->window), &dx, &dy);
  x = g_strdup_printf ("%d", (int) (in_window.x + dx));
  y = g_strdup_printf ("%d", (int) (in_window.y + dy));
  {
    const char *argv[] = { xdotool, "mousemove", "--window", xid, x, y, "click", b, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, NULL));
  }
}
#endif

/* The user's own clicks: a link opens in the browser ("open-uri") and the
 * view stays; a middle-click and a target=_blank link do the same; a
 * javascript: link does nothing. Real clicks from the X server. */
static void
test_user_clicks (UiFixture     *f,
                  gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  Canary c = { 0 };
  g_autoptr(BsEntry) entry = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autofree char *link = NULL;
  g_autofree char *blank = NULL;

  if (!ui_require_keyboard ())
    return;

  canary_start (&c, f);
  entry = hostile_entry (&c, "1", g_get_real_time () / G_USEC_PER_SEC);
  show_article (&c, entry, FALSE);
  link = g_strdup_printf ("%s/blocked-link", c.base);
  blank = g_strdup_printf ("%s/blocked-target-blank", c.base);

  click (&c, "link", 1);
  UI_WAIT_UNTIL (f, c.opened->len == 1);
  g_assert_cmpstr (c.opened->pdata[0], ==, link);

  click (&c, "blank-link", 1);
  UI_WAIT_UNTIL (f, c.opened->len == 2);
  g_assert_cmpstr (c.opened->pdata[1], ==, blank);

  click (&c, "link", 2);
  UI_WAIT_UNTIL (f, c.opened->len == 3);
  g_assert_cmpstr (c.opened->pdata[2], ==, link);

  click (&c, "js-link", 1);
  settle (&c);
  g_assert_cmpuint (c.opened->len, ==, 3);

  page = look (&c);
  save_snapshot (&c, "security-clicks");
  g_assert_cmpstr (json_object_get_string_member (page, "pwned"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (page, "url"), ==, "about:blank");
  g_assert_cmpint (json_object_get_int_member (page, "markers"), ==, 1);
  /* the view itself asked nothing of anyone: no link, no ping */
  g_assert_cmpuint (c.requests->len, ==, 0);
  canary_stop (&c);
#else
  g_test_skip ("needs X11");
#endif
}

/* The river in the window */

#define N_STORIES 75

/* A feed of @n stories, three hours apart from now back, and @n_new
 * newer ones on top. */
static char *
blog_feed (guint n,
           guint n_new)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                               "<rss version=\"2.0\"><channel><title>Tide Blog</title>"
                               "<link>https://tide.example.org/</link>");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < n + n_new; i++)
    {
      gboolean fresh = i < n_new;
      guint number = fresh ? n_new - i : i - n_new;
      g_autoptr(GDateTime) when =
        g_date_time_new_from_unix_utc (now - (gint64) (i - (gint64) n_new) * 3 * 3600 - 60);
      g_autofree char *date = g_date_time_format (when, "%a, %d %b %Y %H:%M:%S GMT");

      g_string_append_printf (xml,
                              "<item><guid>https://tide.example.org/%s/%u</guid>"
                              "<title>%s %02u</title><link>https://tide.example.org/%s/%u</link>"
                              "<pubDate>%s</pubDate><description><![CDATA[<p>%s %u, a story long "
                              "enough to need a few lines in the river of news, about the tides, "
                              "the boats and the harbour.</p><p>A second paragraph.</p>"
                              "<p>A third one, to make it taller.</p>]]></description></item>",
                              fresh ? "new" : "story", number, fresh ? "Fresh" : "Story", number,
                              fresh ? "new" : "story", number, date,
                              fresh ? "Fresh" : "Story", number);
    }
  g_string_append (xml, "</channel></rss>");
  return g_string_free (xml, FALSE);
}

/* A planet that also carries Story 05. */
static const char planet_feed[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
  "<title>Harbour Planet</title><link>https://planet.example.org/</link>"
  "<item><guid>planet-1</guid><title>Story 05</title>"
  "<link>https://tide.example.org/story/5</link>"
  "<description>The same story, through the planet.</description></item>"
  "</channel></rss>";

static gboolean
is_river (GtkWidget *widget,
          gpointer   data)
{
  return BS_IS_RIVER_VIEW (widget);
}

/* Also among the widgets not shown (ui_find_widget() looks at those on
 * screen only). */
static GtkWidget *
find_any (GtkWidget     *widget,
          UiWidgetMatch  match)
{
  if (match (widget, NULL))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_any (child, match);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_leaflet (GtkWidget *widget,
            gpointer   data)
{
  return ADW_IS_LEAFLET (widget);
}

static BsRiverView *
start_river_window (UiFixture *f,
                    Canary    *c)
{
  g_autofree char *blog = blog_feed (N_STORIES, 0);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  BsRiverView *river;

  /* the sidebar selects what the pointer hovers: keep it out of the way */
  if (xdotool != NULL)
    {
      const char *argv[] = { xdotool, "mousemove", "0", "2000", NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    NULL, NULL, NULL, NULL);
    }
  ui_start (f);
  ui_server_set (f->server, "/blog.xml", "application/rss+xml", blog);
  ui_server_set (f->server, "/planet.xml", "application/rss+xml", planet_feed);
  ui_subscribe (f, "/blog.xml");
  ui_subscribe (f, "/planet.xml");
  ui_refresh (f);
  bs_window_select_view (f->window, "all");
  g_assert_cmpstr (bs_window_get_view (f->window), ==, "all");
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, N_STORIES);

  river = BS_RIVER_VIEW (find_any (GTK_WIDGET (f->window), is_river));
  g_assert_nonnull (river);
  c->f = f;
  c->web_view = bs_river_view_get_web_view (river);
  return river;
}

static double
river_number (Canary     *c,
              const char *script)
{
  g_autofree char *text = isolated_js (c, script);

  return g_ascii_strtod (text, NULL);
}

static gboolean
river_true (Canary     *c,
            const char *script)
{
  g_autofree char *text = isolated_js (c, script);

  return g_str_equal (text, "true");
}

static BsEntry *
find_story (UiFixture  *f,
            const char *title)
{
  GListModel *all = bs_library_get_all_entries (ui_get_library (f));

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (all, i);

      if (g_strcmp0 (bs_entry_get_title (entry), title) == 0)
        return entry; /* the library keeps it */
    }
  return NULL;
}

static void
scroll_to_bottom (Canary *c)
{
  g_free (isolated_js (c, "window.scrollTo (0, document.scrollingElement.scrollHeight); true"));
}

/* V shows the river of the selected view; it loads 30 articles, then more
 * as the reader nears the bottom, under day headings, each article once;
 * articles that scroll past are marked read; articles arriving in a
 * refresh go in at the top without moving the reader, and the "New
 * Articles" button takes the reader up to them. */
static void
test_river_window (UiFixture     *f,
                   gconstpointer  data)
{
  Canary c = { 0 };
  BsRiverView *river = start_river_window (f, &c);
  g_autofree char *fresh = NULL;
  g_autofree char *first_heading = NULL;
  g_autofree char *second_heading = NULL;
  g_autofree char *shot = NULL;
  BsEntry *first;
  GtkWidget *button;
  gboolean on = FALSE;

  if (ui_require_keyboard ())
    {
      ui_focus_window (f);
      ui_press_keys (f, "v");
    }
  else
    {
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.river", NULL);
    }
  g_object_get (f->window, "river", &on, NULL);
  g_assert_true (on);
  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (GTK_WIDGET (river)));
  UI_WAIT_UNTIL (f, bs_river_view_get_n_shown (river) == 30);

  first_heading = isolated_js (&c, "document.querySelectorAll ('h2.day')[0].textContent");
  second_heading = isolated_js (&c, "document.querySelectorAll ('h2.day')[1].textContent");
  g_assert_cmpstr (first_heading, ==, "Today");
  g_assert_cmpstr (second_heading, ==, "Yesterday");
  /* the planet's copy of Story 05 is not shown again */
  g_assert_cmpfloat (river_number (&c, "Array.from (document.querySelectorAll ('article .title'))"
                                       ".filter (function (t) { return t.textContent === 'Story 05'; }).length"),
                     ==, 1);
  ui_wait_frames (f, 2);
  shot = ui_screenshot (f, "river-window-light");

  /* more as the reader goes down, to the end */
  first = find_story (f, "Story 00");
  g_assert_nonnull (first);
  g_assert_false (bs_entry_get_read (first));
  scroll_to_bottom (&c);
  UI_WAIT_UNTIL (f, bs_river_view_get_n_shown (river) == 60);
  scroll_to_bottom (&c);
  UI_WAIT_UNTIL (f, bs_river_view_get_n_shown (river) == N_STORIES);
  scroll_to_bottom (&c);
  UI_WAIT_UNTIL (f, river_true (&c, "!document.getElementById ('river-end').hidden"));
  /* the first article scrolled out at the top: read */
  UI_WAIT_UNTIL (f, bs_entry_get_read (first));

  /* two new articles in a refresh: above the reader, who stays put */
  {
    g_autofree char *blog = blog_feed (N_STORIES, 2);
    double before = river_number (&c, "document.scrollingElement.scrollTop");

    ui_server_set (f->server, "/blog.xml", "application/rss+xml", blog);
    ui_refresh (f);
    UI_WAIT_UNTIL (f, bs_river_view_get_n_shown (river) == N_STORIES + 2);
    UI_WAIT_UNTIL (f, bs_river_view_get_n_new (river) == 2);
    g_assert_cmpfloat (river_number (&c, "document.scrollingElement.scrollTop"), >, before);
  }
  fresh = isolated_js (&c, "document.querySelector ('article .title').textContent");
  g_assert_cmpstr (fresh, ==, "Fresh 02");
  UI_WAIT_UNTIL (f, (button = ui_find_button (GTK_WIDGET (f->window), "2 New Articles")) != NULL);
  ui_wait_frames (f, 2);
  g_free (shot);
  shot = ui_screenshot (f, "river-window-new-articles");
  gtk_widget_activate (button);
  UI_WAIT_UNTIL (f, bs_river_view_get_n_new (river) == 0);
  UI_WAIT_UNTIL (f, river_number (&c, "document.scrollingElement.scrollTop") == 0);

  /* Ctrl+plus and Ctrl+0 zoom the river, wherever the focus is */
  if (ui_require_keyboard ())
    {
      ui_press_keys (f, "ctrl+plus");
      UI_WAIT_UNTIL (f, webkit_web_view_get_zoom_level (c.web_view) > 1.05);
      ui_press_keys (f, "ctrl+0");
      UI_WAIT_UNTIL (f, webkit_web_view_get_zoom_level (c.web_view) == 1.0);
    }

  /* dark */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  UI_WAIT_UNTIL (f, river_true (&c, "document.documentElement.classList.contains ('dark')"));
  ui_wait_frames (f, 2);
  g_free (shot);
  shot = ui_screenshot (f, "river-window-dark");

  /* off again: the article view */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.river", NULL);
  g_object_get (f->window, "river", &on, NULL);
  g_assert_false (on);
  UI_WAIT_UNTIL (f, !gtk_widget_get_mapped (GTK_WIDGET (river)));
  bs_window_select_entry (f->window, 2);
  ui_wait_article (f, bs_window_get_selected_entry (f->window));
  ui_wait_frames (f, 2);
  g_free (shot);
  shot = ui_screenshot (f, "article-window-dark");
  if (ui_require_keyboard ())
    {
      ui_press_keys (f, "ctrl+minus");
      UI_WAIT_UNTIL (f, webkit_web_view_get_zoom_level (ui_get_web_view (f)) < 0.95);
      /* the river is not on screen: its zoom stays */
      g_assert_cmpfloat (webkit_web_view_get_zoom_level (c.web_view), ==, 1.0);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* With mark-read-on-select off, scrolling past marks nothing read. */
static void
test_river_no_mark_read (UiFixture     *f,
                         gconstpointer  data)
{
  Canary c = { 0 };
  BsRiverView *river;
  BsEntry *first;

  ui_start (f);
  g_settings_set_boolean (bs_application_get_settings (f->app), "mark-read-on-select", FALSE);
  ui_stop (f);
  river = start_river_window (f, &c);
  g_assert_false (g_settings_get_boolean (bs_application_get_settings (f->app),
                                          "mark-read-on-select"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.river", NULL);
  UI_WAIT_UNTIL (f, bs_river_view_get_n_shown (river) == 30);
  scroll_to_bottom (&c);
  UI_WAIT_UNTIL (f, bs_river_view_get_n_shown (river) == 60);
  /* the page has reported the first article past (the app ignores it):
   * it reports in order, so once a later request is answered it is in */
  scroll_to_bottom (&c);
  UI_WAIT_UNTIL (f, bs_river_view_get_n_shown (river) == N_STORIES);
  first = find_story (f, "Story 00");
  g_assert_false (bs_entry_get_read (first));
  g_assert_cmpuint (bs_library_get_total_unread (ui_get_library (f)), ==, N_STORIES);
}

/* On a narrow window the river replaces the list: back goes to the
 * sidebar, and choosing a view shows its river. */
static void
test_river_folded (UiFixture     *f,
                   gconstpointer  data)
{
  Canary c = { 0 };
  BsRiverView *river = start_river_window (f, &c);
  AdwLeaflet *leaflet = ADW_LEAFLET (ui_find_widget (GTK_WIDGET (f->window), is_leaflet, NULL));
  g_autofree char *shot = NULL;

  gtk_window_unmaximize (GTK_WINDOW (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 700);
  UI_WAIT_UNTIL (f, adw_leaflet_get_folded (leaflet));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.river", NULL);
  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (GTK_WIDGET (river)));
  UI_WAIT_UNTIL (f, bs_river_view_get_n_shown (river) == 30);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (river),
                                         adw_leaflet_get_visible_child (leaflet)));
  ui_wait_frames (f, 2);
  shot = ui_screenshot (f, "river-window-folded");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL);
  UI_WAIT_UNTIL (f, !gtk_widget_get_mapped (GTK_WIDGET (river)));
  g_assert_false (ADW_IS_LEAFLET (adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (GTK_IS_WIDGET (adw_leaflet_get_visible_child (leaflet)));
  /* the sidebar, not the list */
  g_assert_null (ui_find_widget (adw_leaflet_get_visible_child (leaflet), is_river, NULL));
  g_assert_nonnull (ui_find_label (adw_leaflet_get_visible_child (leaflet), "Harbour Planet"));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv, "test-ui-security");
  gtk_init ();
  adw_init ();

  UI_TEST ("/ui-security/article/remote-images-off", test_article_images_off);
  UI_TEST ("/ui-security/article/remote-images-on", test_article_images_on);
  UI_TEST ("/ui-security/article/navigation", test_navigation_blocked);
  UI_TEST ("/ui-security/article/user-clicks", test_user_clicks);
  UI_TEST ("/ui-security/river/remote-images-off", test_river_images_off);
  UI_TEST ("/ui-security/river/remote-images-on", test_river_images_on);
  UI_TEST ("/ui-security/river/handler-isolated", test_river_handler_isolated);
  UI_TEST ("/ui-security/river/window", test_river_window);
  UI_TEST ("/ui-security/river/no-mark-read", test_river_no_mark_read);
  UI_TEST ("/ui-security/river/folded", test_river_folded);

  return ui_run ();
}
