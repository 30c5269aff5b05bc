/* bs-original-view.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bs-original-view.h"
#include "bs-web-view.h"

struct _BsOriginalView
{
  GtkWidget parent_instance;

  GtkWidget *banner;
  GtkLabel *scripts_label;
  GtkToggleButton *scripts_button;
  WebKitWebView *web_view;

  char *uri;                 /* the page asked for */
  gboolean allow_scripts;
  gboolean loading;          /* from our load until it is committed */
};

G_DEFINE_FINAL_TYPE (BsOriginalView, bs_original_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ALLOW_SCRIPTS,
  N_PROPS
};

enum {
  BACK,
  OPEN_URI,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static WebKitNetworkSession *shared_session;

static void
update_banner (BsOriginalView *self)
{
  /* images come with the page: it is the page the user asked for */
  gtk_label_set_text (self->scripts_label,
                      self->allow_scripts ? _("Its scripts run · Images shown")
                                          : _("Scripts off · Images shown"));
  gtk_toggle_button_set_active (self->scripts_button, self->allow_scripts);
}

static void
load (BsOriginalView *self)
{
  WebKitSettings *settings = webkit_web_view_get_settings (self->web_view);

  webkit_settings_set_enable_javascript_markup (settings, self->allow_scripts);
  update_banner (self);
  self->loading = TRUE;
  webkit_web_view_load_uri (self->web_view, self->uri != NULL ? self->uri : "about:blank");
}

/**
 * bs_original_view_load:
 * @self: an original view
 * @uri: the page, an http or https address
 *
 * Shows the page at @uri, its scripts off.
 */
void
bs_original_view_load (BsOriginalView *self,
                       const char     *uri)
{
  g_return_if_fail (BS_IS_ORIGINAL_VIEW (self));
  g_return_if_fail (uri != NULL);

  g_free (self->uri);
  self->uri = g_strdup (uri);
  if (self->allow_scripts)
    {
      self->allow_scripts = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_SCRIPTS]);
    }
  load (self);
}

/**
 * bs_original_view_clear:
 *
 * Leaves the page (an empty view), scripts off again.
 */
void
bs_original_view_clear (BsOriginalView *self)
{
  g_return_if_fail (BS_IS_ORIGINAL_VIEW (self));

  if (self->uri == NULL)
    return;
  g_clear_pointer (&self->uri, g_free);
  if (self->allow_scripts)
    {
      self->allow_scripts = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_SCRIPTS]);
    }
  webkit_web_view_stop_loading (self->web_view);
  load (self);
}

/* Returns: (nullable): the page shown */
const char *
bs_original_view_get_uri (BsOriginalView *self)
{
  g_return_val_if_fail (BS_IS_ORIGINAL_VIEW (self), NULL);

  return self->uri;
}

gboolean
bs_original_view_get_allow_scripts (BsOriginalView *self)
{
  g_return_val_if_fail (BS_IS_ORIGINAL_VIEW (self), FALSE);

  return self->allow_scripts;
}

/**
 * bs_original_view_set_allow_scripts:
 * @self: an original view
 * @allow_scripts: whether the page's scripts may run
 *
 * Loads the page again with its scripts on (or off).
 */
void
bs_original_view_set_allow_scripts (BsOriginalView *self,
                                    gboolean        allow_scripts)
{
  g_return_if_fail (BS_IS_ORIGINAL_VIEW (self));

  allow_scripts = !!allow_scripts;
  if (self->allow_scripts == allow_scripts)
    return;
  self->allow_scripts = allow_scripts;
  if (self->uri != NULL)
    load (self);
  else
    update_banner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_SCRIPTS]);
}

WebKitWebView *
bs_original_view_get_web_view (BsOriginalView *self)
{
  g_return_val_if_fail (BS_IS_ORIGINAL_VIEW (self), NULL);

  return self->web_view;
}

/* The web view's policies */

static gboolean
is_openable (const char *uri)
{
  return uri != NULL && (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://")
                         || g_str_has_prefix (uri, "mailto:"));
}

/* Whether @uri is the page shown with another fragment. */
static gboolean
is_same_document (BsOriginalView *self,
                  const char     *uri)
{
  const char *current = webkit_web_view_get_uri (self->web_view);
  const char *hash = strchr (uri, '#');
  gsize length;

  if (current == NULL || hash == NULL)
    return FALSE;
  length = hash - uri;
  return strncmp (current, uri, length) == 0 && (current[length] == '\0' || current[length] == '#');
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  BsOriginalView           *self)
{
  WebKitNavigationAction *action;
  WebKitNavigationType navigation;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      WebKitResponsePolicyDecision *response = WEBKIT_RESPONSE_POLICY_DECISION (decision);

      /* the page itself (and its redirects) while we load it, and frames;
       * not another page in its place later, nor a download */
      if ((webkit_response_policy_decision_is_main_frame_main_resource (response) && !self->loading)
          || !webkit_response_policy_decision_is_mime_type_supported (response))
        webkit_policy_decision_ignore (decision);
      else
        webkit_policy_decision_use (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  navigation = webkit_navigation_action_get_navigation_type (action);

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION
      && !webkit_navigation_action_is_user_gesture (action)
      && navigation == WEBKIT_NAVIGATION_TYPE_OTHER)
    {
      /* our load and its redirects; after it, the page's frames, but only
       * when its scripts may run: scripts off, nothing else loads as a
       * page (no frame, no meta refresh, not even asked for) */
      if (self->loading || self->allow_scripts)
        webkit_policy_decision_use (decision);
      else
        webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION
      && navigation == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED
      && is_same_document (self, uri))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);
  if (webkit_navigation_action_is_user_gesture (action)
      && navigation == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED
      && is_openable (uri))
    g_signal_emit (self, signals[OPEN_URI], 0, uri);
  return TRUE;
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 BsOriginalView  *self)
{
  if (event == WEBKIT_LOAD_COMMITTED || event == WEBKIT_LOAD_FINISHED)
    self->loading = FALSE;
}

static WebKitWebView *
create_web_view (void)
{
  /* the page's scripts only when the user says so: see allow_scripts */
  g_autoptr(WebKitSettings) settings = bs_web_view_new_settings ();
  g_autoptr(WebKitNetworkSession) session = bs_web_view_ref_session (&shared_session);

  return g_object_new (WEBKIT_TYPE_WEB_VIEW,
                       "network-session", session,
                       "settings", settings,
                       NULL);
}

/* The banner */

static void
scripts_toggled_cb (GtkToggleButton *button,
                    BsOriginalView  *self)
{
  bs_original_view_set_allow_scripts (self, gtk_toggle_button_get_active (button));
}

static void
back_clicked_cb (GtkButton      *button,
                 BsOriginalView *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

/* [←] Original Page / Scripts off · Images shown   [Allow Scripts] */
static void
build_banner (BsOriginalView *self)
{
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (_("Original Page"));
  GtkWidget *scripts = gtk_toggle_button_new_with_mnemonic (_("Allow _Scripts"));

  self->banner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->banner, "reader-banner");
  gtk_widget_set_parent (self->banner, GTK_WIDGET (self));

  gtk_widget_set_valign (back, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (back, _("Back to the Article"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the Article"), -1);
  g_signal_connect (back, "clicked", G_CALLBACK (back_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->banner), back);

  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (titles), title);
  self->scripts_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->scripts_label, 0);
  gtk_label_set_ellipsize (self->scripts_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->scripts_label), "caption");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->scripts_label),
                               _("The page loads from its site as in a web browser, with its "
                                 "images, even when images from the web are off for articles. "
                                 "Only its scripts wait until you allow them."));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->scripts_label));
  gtk_box_append (GTK_BOX (self->banner), titles);

  self->scripts_button = GTK_TOGGLE_BUTTON (scripts);
  gtk_widget_set_valign (scripts, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (scripts, _("Let this page’s scripts run, in this view only"));
  g_signal_connect (scripts, "toggled", G_CALLBACK (scripts_toggled_cb), self);
  gtk_box_append (GTK_BOX (self->banner), scripts);
}

/* GObject */

static void
bs_original_view_dispose (GObject *object)
{
  BsOriginalView *self = BS_ORIGINAL_VIEW (object);

  g_clear_pointer (&self->banner, gtk_widget_unparent);
  if (self->web_view != NULL)
    {
      /* someone else may hold the web view a while longer (a script's
       * call): nothing of it reaches this view again */
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      webkit_web_view_stop_loading (self->web_view);
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }
  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (bs_original_view_parent_class)->dispose (object);
}

static void
bs_original_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BsOriginalView *self = BS_ORIGINAL_VIEW (object);

  switch (prop_id)
    {
    case PROP_ALLOW_SCRIPTS:
      g_value_set_boolean (value, self->allow_scripts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_original_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BsOriginalView *self = BS_ORIGINAL_VIEW (object);

  switch (prop_id)
    {
    case PROP_ALLOW_SCRIPTS:
      bs_original_view_set_allow_scripts (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_original_view_class_init (BsOriginalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bs_original_view_dispose;
  object_class->get_property = bs_original_view_get_property;
  object_class->set_property = bs_original_view_set_property;

  /* whether the page's scripts run; loading another page turns it off */
  properties[PROP_ALLOW_SCRIPTS] =
    g_param_spec_boolean ("allow-scripts", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BsOriginalView::back:
   *
   * The user asked to go back to the article.
   */
  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * BsOriginalView::open-uri:
   * @uri: an http, https or mailto URI
   *
   * The user clicked a link: open it elsewhere.
   */
  signals[OPEN_URI] =
    g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "originalview");
}

static void
bs_original_view_init (BsOriginalView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  build_banner (self);
  self->web_view = create_web_view ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  update_banner (self);

  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb),
                           self, 0);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (load_changed_cb),
                           self, 0);
  bs_web_view_refuse_page_requests (self->web_view);
}

GtkWidget *
bs_original_view_new (void)
{
  return g_object_new (BS_TYPE_ORIGINAL_VIEW, NULL);
}
