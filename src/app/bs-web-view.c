/* bs-web-view.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <string.h>

#include "bs-web-view.h"

struct _BsWebView
{
  WebKitWebView parent_instance;

  gboolean remote_images;
  gboolean filters_ready;        /* compiled, or failed */
  char *pending;                 /* the document waiting for the filters */
  guint expected_loads;          /* bs_web_view_load_document() calls not yet decided */
};

G_DEFINE_FINAL_TYPE (BsWebView, bs_web_view, WEBKIT_TYPE_WEB_VIEW)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

enum {
  OPEN_URI,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Content filters, shared by every view: compiled once per process. */

#define FILTER_BLOCK_ID "broadsheet-block-remote-1"
#define FILTER_MEDIA_ID "broadsheet-remote-media-1"

#define BLOCK_RULE(prefix) \
  "{\"trigger\":{\"url-filter\":\"" prefix "\"},\"action\":{\"type\":\"block\"}}"
#define BLOCK_RULES \
  BLOCK_RULE ("^https?:") "," BLOCK_RULE ("^wss?:") "," \
  BLOCK_RULE ("^ftp:") "," BLOCK_RULE ("^file:")

static const char block_rules[] = "[" BLOCK_RULES "]";
static const char media_rules[] =
  "[" BLOCK_RULES ","
  "{\"trigger\":{\"url-filter\":\"^https?:\",\"resource-type\":[\"image\",\"media\"]},"
  "\"action\":{\"type\":\"ignore-previous-rules\"}}]";

static struct {
  WebKitUserContentFilterStore *store;
  WebKitUserContentFilter *block;
  WebKitUserContentFilter *media;
  guint compiling;
  gboolean done;
  GSList *waiting;               /* of BsWebView, removed when disposed */
} filters;

static WebKitNetworkSession *shared_session;

/* The filter for the view's choice of remote images; NULL when it could
 * not be compiled (or is not yet). */
static WebKitUserContentFilter *
current_filter (BsWebView *self)
{
  return self->remote_images ? filters.media : filters.block;
}

static void
apply_filter (BsWebView *self)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (self));
  WebKitUserContentFilter *filter = current_filter (self);

  webkit_user_content_manager_remove_all_filters (manager);
  if (filter != NULL)
    webkit_user_content_manager_add_filter (manager, filter);
}

static void
load_now (BsWebView  *self,
          const char *html)
{
  self->expected_loads++;
  webkit_web_view_load_html (WEBKIT_WEB_VIEW (self), html, NULL);
}

static void
load_page_now (BsWebView  *self,
               GBytes     *page,
               const char *charset)
{
  self->expected_loads++;
  webkit_web_view_load_bytes (WEBKIT_WEB_VIEW (self), page, "text/html", charset, NULL);
}

static void
filter_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WebKitUserContentFilter **slot = user_data;
  g_autoptr(GError) error = NULL;

  *slot = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (object),
                                                        result, &error);
  /* articles and the river still carry their Content-Security-Policy,
   * which stops remote images when they are off; pages (reader mode)
   * have none, and are not loaded (bs_web_view_get_filtered()) */
  if (*slot == NULL)
    g_warning ("Could not compile a content filter in %s: %s. Articles are shown under their "
               "Content-Security-Policy alone; reader mode reads no page.",
               webkit_user_content_filter_store_get_path (filters.store), error->message);

  if (--filters.compiling > 0)
    return;

  filters.done = TRUE;
  while (filters.waiting != NULL)
    {
      g_autoptr(BsWebView) self = g_object_ref (filters.waiting->data);
      g_autofree char *pending = g_steal_pointer (&self->pending);

      filters.waiting = g_slist_delete_link (filters.waiting, filters.waiting);
      self->filters_ready = TRUE;
      apply_filter (self);
      if (pending != NULL)
        load_now (self, pending);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
}

static void
compile_filters (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "broadsheet",
                                            "content-filters", NULL);
  g_autoptr(GBytes) block = g_bytes_new_static (block_rules, strlen (block_rules));
  g_autoptr(GBytes) media = g_bytes_new_static (media_rules, strlen (media_rules));

  filters.store = webkit_user_content_filter_store_new (path);
  filters.compiling = 2;
  webkit_user_content_filter_store_save (filters.store, FILTER_BLOCK_ID, block, NULL,
                                         filter_saved_cb, &filters.block);
  webkit_user_content_filter_store_save (filters.store, FILTER_MEDIA_ID, media, NULL,
                                         filter_saved_cb, &filters.media);
}

/* Loading */

/**
 * bs_web_view_load_document:
 * @self: a web view
 * @html: a whole document, with its Content-Security-Policy first
 *
 * Shows @html (about:blank is its address). This is the only navigation
 * the view allows. Waits for the content filters when they are not
 * compiled yet.
 */
void
bs_web_view_load_document (BsWebView  *self,
                           const char *html)
{
  g_return_if_fail (BS_IS_WEB_VIEW (self));
  g_return_if_fail (html != NULL);

  if (!self->filters_ready)
    {
      g_free (self->pending);
      self->pending = g_strdup (html);
      return;
    }
  load_now (self, html);
}

/**
 * bs_web_view_load_page:
 * @self: a web view
 * @page: a web page as it was fetched (text/html)
 * @charset: (nullable): its character set as the server named it, else
 *   the page's own declaration (or UTF-8) decides
 *
 * Shows @page at about:blank, like bs_web_view_load_document() but with
 * no Content-Security-Policy of ours: the walls that hold are the view's
 * (page scripts off, every http(s) load blocked by the content filter
 * unless remote images are on, no navigation). Relative URLs in the page
 * lead nowhere. For reading a page's DOM from the isolated world (reader
 * mode), not for showing it.
 *
 * With no CSP, the content filter is the wall against loads: only call it
 * when bs_web_view_get_filtered() is TRUE (wait for "ready"); otherwise
 * nothing is loaded.
 */
void
bs_web_view_load_page (BsWebView  *self,
                       GBytes     *page,
                       const char *charset)
{
  g_return_if_fail (BS_IS_WEB_VIEW (self));
  g_return_if_fail (page != NULL);
  g_return_if_fail (bs_web_view_get_filtered (self));

  load_page_now (self, page, charset);
}

/**
 * bs_web_view_get_ready:
 *
 * Returns: whether the content filters were compiled (or failed to be):
 *   documents load only then; "notify::ready" says when
 */
gboolean
bs_web_view_get_ready (BsWebView *self)
{
  g_return_val_if_fail (BS_IS_WEB_VIEW (self), FALSE);

  return self->filters_ready;
}

/**
 * bs_web_view_get_filtered:
 *
 * Returns: whether the content filter for the view's choice of remote
 *   images is in place; FALSE before "ready", and when it could not be
 *   compiled (the user's cache directory is not writable, say)
 */
gboolean
bs_web_view_get_filtered (BsWebView *self)
{
  g_return_val_if_fail (BS_IS_WEB_VIEW (self), FALSE);

  return self->filters_ready && current_filter (self) != NULL;
}

/**
 * bs_web_view_get_filters_failed:
 *
 * Returns: whether a content filter could not be compiled, in this run
 *   of the app (the next one tries again)
 */
gboolean
bs_web_view_get_filters_failed (void)
{
  return filters.done && (filters.block == NULL || filters.media == NULL);
}

static gboolean
is_openable (const char *uri)
{
  return uri != NULL && (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://")
                         || g_str_has_prefix (uri, "mailto:"));
}

static void
scroll_to_fragment (BsWebView  *self,
                    const char *fragment)
{
  g_autofree char *id = g_uri_unescape_string (fragment, NULL);
  GVariantDict args;

  if (id == NULL || !g_utf8_validate (id, -1, NULL))
    return;
  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "id", "s", id);
  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (self),
                                                  "var e = document.getElementById (id);"
                                                  "if (e) e.scrollIntoView ();",
                                                  -1, g_variant_dict_end (&args),
                                                  BS_WEB_VIEW_WORLD, NULL, NULL, NULL, NULL);
}

/* Nothing navigates but our own loads: the user's link clicks go to
 * "open-uri", links within the document scroll to their target. */
static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  gpointer                  user_data)
{
  BsWebView *self = BS_WEB_VIEW (web_view);
  WebKitNavigationAction *action;
  WebKitNavigationType navigation;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      WebKitResponsePolicyDecision *response = WEBKIT_RESPONSE_POLICY_DECISION (decision);
      const char *response_uri =
        webkit_uri_request_get_uri (webkit_response_policy_decision_get_request (response));

      if (webkit_response_policy_decision_is_main_frame_main_resource (response)
          && g_strcmp0 (response_uri, "about:blank") == 0)
        webkit_policy_decision_use (decision);
      else
        webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  navigation = webkit_navigation_action_get_navigation_type (action);

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION
      && self->expected_loads > 0
      && navigation == WEBKIT_NAVIGATION_TYPE_OTHER
      && !webkit_navigation_action_is_user_gesture (action)
      && g_strcmp0 (uri, "about:blank") == 0)
    {
      self->expected_loads--;
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  if (navigation != WEBKIT_NAVIGATION_TYPE_LINK_CLICKED
      || !webkit_navigation_action_is_user_gesture (action))
    return TRUE;
  if (g_str_has_prefix (uri, "about:blank#"))
    scroll_to_fragment (self, uri + strlen ("about:blank#"));
  else if (is_openable (uri))
    g_signal_emit (self, signals[OPEN_URI], 0, uri);
  return TRUE;
}

static gboolean
context_menu_cb (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit,
                 gpointer             user_data)
{
  GList *items = webkit_context_menu_get_items (menu);
  g_autoptr(GPtrArray) remove = g_ptr_array_new ();

  /* nothing that would navigate, download or open a window */
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      switch (webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_URL_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
          break;
        default:
          g_ptr_array_add (remove, item);
        }
    }
  for (guint i = 0; i < remove->len; i++)
    webkit_context_menu_remove (menu, g_ptr_array_index (remove, i));

  return webkit_context_menu_get_n_items (menu) == 0;
}

static gboolean
permission_request_cb (WebKitWebView           *web_view,
                       WebKitPermissionRequest *request,
                       gpointer                 user_data)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

/* No password prompt for an image that answers 401. */
static gboolean
authenticate_cb (WebKitWebView               *web_view,
                 WebKitAuthenticationRequest *request,
                 gpointer                     user_data)
{
  webkit_authentication_request_cancel (request);
  return TRUE;
}

static gboolean
file_chooser_cb (WebKitWebView            *web_view,
                 WebKitFileChooserRequest *request,
                 gpointer                  user_data)
{
  webkit_file_chooser_request_cancel (request);
  return TRUE;
}

/* No dialogs, notifications or printing on a page's behalf. */
static gboolean
refuse_cb (WebKitWebView *web_view,
           GObject       *request,
           gpointer       user_data)
{
  return TRUE;
}

/* A TLS error on an image: no error page in place of the article. */
static gboolean
tls_errors_cb (WebKitWebView        *web_view,
               const char           *uri,
               GTlsCertificate      *certificate,
               GTlsCertificateFlags  errors,
               gpointer              user_data)
{
  return TRUE;
}

static void
download_started_cb (WebKitNetworkSession *session,
                     WebKitDownload       *download,
                     gpointer              user_data)
{
  webkit_download_cancel (download);
}

/**
 * bs_web_view_refuse_page_requests:
 * @web_view: any web view of the app
 *
 * Makes @web_view refuse what a page may ask for: permissions, passwords,
 * files, dialogs, notifications, printing, and every context menu item
 * but copying. BsWebView does this for itself; the original-page view
 * (bs-original-view.c) uses it for its own web view.
 */
void
bs_web_view_refuse_page_requests (WebKitWebView *web_view)
{
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));

  g_signal_connect (web_view, "context-menu", G_CALLBACK (context_menu_cb), NULL);
  g_signal_connect (web_view, "permission-request", G_CALLBACK (permission_request_cb), NULL);
  g_signal_connect (web_view, "authenticate", G_CALLBACK (authenticate_cb), NULL);
  g_signal_connect (web_view, "run-file-chooser", G_CALLBACK (file_chooser_cb), NULL);
  g_signal_connect (web_view, "script-dialog", G_CALLBACK (refuse_cb), NULL);
  g_signal_connect (web_view, "show-notification", G_CALLBACK (refuse_cb), NULL);
  g_signal_connect (web_view, "print", G_CALLBACK (refuse_cb), NULL);
}

/**
 * bs_web_view_cancel_downloads:
 * @session: a network session of the app
 *
 * Cancels every download that starts in @session: nothing a page links to
 * is saved on the user's behalf.
 */
void
bs_web_view_cancel_downloads (WebKitNetworkSession *session)
{
  g_return_if_fail (WEBKIT_IS_NETWORK_SESSION (session));

  g_signal_connect (session, "download-started", G_CALLBACK (download_started_cb), NULL);
}

/**
 * bs_web_view_set_remote_images:
 * @self: a web view
 * @remote_images: whether images and media may load from the web
 *
 * Chooses the content filter for the documents loaded from now on (whose
 * Content-Security-Policy must say the same).
 */
void
bs_web_view_set_remote_images (BsWebView *self,
                               gboolean   remote_images)
{
  g_return_if_fail (BS_IS_WEB_VIEW (self));

  self->remote_images = !!remote_images;
  if (self->filters_ready)
    apply_filter (self);
}

gboolean
bs_web_view_get_remote_images (BsWebView *self)
{
  g_return_val_if_fail (BS_IS_WEB_VIEW (self), FALSE);

  return self->remote_images;
}

/* Zoom */

static const double zoom_levels[] = {
  0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.2, 1.33, 1.5, 1.7, 2.0, 2.4, 3.0,
};

/**
 * bs_web_view_zoom:
 * @self: a web view
 * @direction: 1 to zoom in a step, -1 out, 0 back to 100%
 */
void
bs_web_view_zoom (BsWebView *self,
                  int        direction)
{
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (self);
  double level = webkit_web_view_get_zoom_level (web_view);
  double next = 1.0;

  g_return_if_fail (BS_IS_WEB_VIEW (self));

  if (direction > 0)
    {
      next = zoom_levels[G_N_ELEMENTS (zoom_levels) - 1];
      for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
        if (zoom_levels[i] > level + 0.001)
          {
            next = zoom_levels[i];
            break;
          }
    }
  else if (direction < 0)
    {
      next = zoom_levels[0];
      for (guint i = G_N_ELEMENTS (zoom_levels); i > 0; i--)
        if (zoom_levels[i - 1] < level - 0.001)
          {
            next = zoom_levels[i - 1];
            break;
          }
    }
  webkit_web_view_set_zoom_level (web_view, next);
}

static gboolean
zoom_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  bs_web_view_zoom (BS_WEB_VIEW (widget), g_variant_get_int32 (args));
  return TRUE;
}

static void
add_zoom_shortcuts (BsWebView *self)
{
  static const struct {
    const char *trigger;
    int direction;
  } keys[] = {
    { "<Control>plus", 1 },
    { "<Control>equal", 1 },
    { "<Control>KP_Add", 1 },
    { "<Control>minus", -1 },
    { "<Control>KP_Subtract", -1 },
    { "<Control>0", 0 },
    { "<Control>KP_0", 0 },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* whenever the view is shown, wherever the focus is in the window */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut =
        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                          gtk_callback_action_new (zoom_cb, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (keys[i].direction));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* GObject */

static void
bs_web_view_constructed (GObject *object)
{
  BsWebView *self = BS_WEB_VIEW (object);
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (object);

  G_OBJECT_CLASS (bs_web_view_parent_class)->constructed (object);

  g_signal_connect (web_view, "decide-policy", G_CALLBACK (decide_policy_cb), NULL);
  bs_web_view_refuse_page_requests (web_view);
  g_signal_connect (web_view, "load-failed-with-tls-errors", G_CALLBACK (tls_errors_cb), NULL);
  add_zoom_shortcuts (self);

  if (filters.store == NULL)
    compile_filters ();
  if (filters.done)
    {
      self->filters_ready = TRUE;
      apply_filter (self);
    }
  else
    filters.waiting = g_slist_prepend (filters.waiting, self);
}

static void
bs_web_view_dispose (GObject *object)
{
  BsWebView *self = BS_WEB_VIEW (object);

  filters.waiting = g_slist_remove (filters.waiting, self);
  g_clear_pointer (&self->pending, g_free);

  G_OBJECT_CLASS (bs_web_view_parent_class)->dispose (object);
}

static void
bs_web_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BsWebView *self = BS_WEB_VIEW (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->filters_ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_web_view_class_init (BsWebViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bs_web_view_constructed;
  object_class->dispose = bs_web_view_dispose;
  object_class->get_property = bs_web_view_get_property;

  /* whether the content filters were compiled (or failed to be) */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BsWebView::open-uri:
   * @uri: an http, https or mailto URI
   *
   * The user clicked a link (or middle-clicked it): open it elsewhere.
   */
  signals[OPEN_URI] =
    g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
bs_web_view_init (BsWebView *self)
{
}

/**
 * bs_web_view_ref_session:
 * @shared: where the caller keeps its session, NULL at first
 *
 * The ephemeral network session in *@shared, made when there is none
 * (one for all the caller's views, gone with the last of them), whose
 * downloads are all cancelled.
 *
 * Returns: (transfer full): the session
 */
WebKitNetworkSession *
bs_web_view_ref_session (WebKitNetworkSession **shared)
{
  g_return_val_if_fail (shared != NULL, NULL);

  if (*shared != NULL)
    return g_object_ref (*shared);

  *shared = webkit_network_session_new_ephemeral ();
  g_object_add_weak_pointer (G_OBJECT (*shared), (gpointer *) shared);
  bs_web_view_cancel_downloads (*shared);
  return *shared;
}

/**
 * bs_web_view_new_settings:
 *
 * Settings for any web view of the app: JavaScript on for the app's own
 * scripts in isolated worlds but off in pages (enable-javascript-markup),
 * and no windows, dialogs, clipboard, file access, storage, page cache,
 * gestures, WebAudio, WebGL, WebRTC, cameras, DRM, console output or
 * autoplay.
 *
 * Returns: (transfer full): new settings
 */
WebKitSettings *
bs_web_view_new_settings (void)
{
  return g_object_new (WEBKIT_TYPE_SETTINGS,
                       "enable-javascript", TRUE,
                       "enable-javascript-markup", FALSE,
                       "javascript-can-open-windows-automatically", FALSE,
                       "javascript-can-access-clipboard", FALSE,
                       "allow-modal-dialogs", FALSE,
                       "allow-top-navigation-to-data-urls", FALSE,
                       "allow-file-access-from-file-urls", FALSE,
                       "allow-universal-access-from-file-urls", FALSE,
                       "enable-developer-extras", FALSE,
                       "enable-html5-database", FALSE,
                       "enable-html5-local-storage", FALSE,
                       "enable-page-cache", FALSE,
                       "enable-back-forward-navigation-gestures", FALSE,
                       "enable-webaudio", FALSE,
                       "enable-webgl", FALSE,
                       "enable-webrtc", FALSE,
                       "enable-media-stream", FALSE,
                       "enable-encrypted-media", FALSE,
                       "enable-write-console-messages-to-stdout", FALSE,
                       "media-playback-requires-user-gesture", TRUE,
                       NULL);
}

/**
 * bs_web_view_new:
 *
 * Returns: (transfer floating): a locked-down web view, with its own
 *   user content manager
 */
BsWebView *
bs_web_view_new (void)
{
  g_autoptr(WebKitSettings) settings = bs_web_view_new_settings ();
  g_autoptr(WebKitUserContentManager) manager = webkit_user_content_manager_new ();
  g_autoptr(WebKitNetworkSession) session = bs_web_view_ref_session (&shared_session);

  /* page scripts off, ours (isolated world) on; and nothing an article
   * needs less than a web page does */
  g_object_set (settings,
                "enable-dns-prefetching", FALSE,
                "enable-site-specific-quirks", FALSE,
                "enable-mediasource", FALSE,
                "enable-media-capabilities", FALSE,
                "default-charset", "utf-8",
                NULL);

  return g_object_new (BS_TYPE_WEB_VIEW,
                       "network-session", session,
                       "settings", settings,
                       "user-content-manager", manager,
                       NULL);
}
