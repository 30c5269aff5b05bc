/* bs-window.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>

#include "bs-welcome.h"
#include "bs-window-private.h"

/* The window object: its template, properties and life cycle, putting
 * its parts together (bs-window-private.h lists the files that hold
 * them), the content pane (the article shown, or the river of news), the
 * welcome and error pages, and toasts. */

G_DEFINE_FINAL_TYPE (BsWindow, bs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_UNREAD_ONLY,
  PROP_RIVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Toasts */

void
bs_window_add_toast (BsWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (BS_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Narrow windows */

/* On a narrow (folded) window, a click or tap on a row of @list shows
 * the next pane, @pane, once the row is selected. */
static void
forward_released_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkWidget       *pane)
{
  BsWindow *self = BS_WINDOW (gtk_widget_get_root (pane));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, pane);
}

void
_bs_window_forward_on_click (BsWindow  *self,
                             GtkWidget *list,
                             GtkWidget *pane)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect (click, "released", G_CALLBACK (forward_released_cb), pane);
  gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (click));
}

/* The content pane: the article shown, or the river of news */

static void
shown_flags_cb (BsEntry    *entry,
                GParamSpec *pspec,
                BsWindow   *self)
{
  _bs_window_update_entry_actions (self);
}

/* Shows @entry (NULL: none) in the content pane, marking it read when
 * "mark-read-on-select" is on. */
void
_bs_window_show_entry (BsWindow *self,
                       BsEntry  *entry)
{
  BsSource *source = NULL;

  if (self->shown == entry)
    return;

  if (self->shown != NULL)
    {
      g_clear_signal_handler (&self->shown_read_id, self->shown);
      g_clear_signal_handler (&self->shown_starred_id, self->shown);
    }
  g_set_object (&self->shown, entry);

  if (entry == NULL)
    {
      bs_article_view_clear (self->article_view);
      if (!self->river)
        gtk_stack_set_visible_child_name (self->content_stack, "none");
      adw_window_title_set_title (self->content_title, NULL);
      _bs_window_update_entry_actions (self);
      return;
    }

  source = bs_library_lookup_source (self->library, bs_entry_get_source_id (entry));
  self->shown_read_id = g_signal_connect (entry, "notify::read", G_CALLBACK (shown_flags_cb), self);
  self->shown_starred_id = g_signal_connect (entry, "notify::starred",
                                             G_CALLBACK (shown_flags_cb), self);
  if (self->river)
    {
      bs_river_view_show_entry (self->river_view, entry);
    }
  else
    {
      _bs_window_reader_show_entry (self, entry, source);
      gtk_stack_set_visible_child_name (self->content_stack, "article");
    }
  adw_window_title_set_title (self->content_title,
                              source != NULL ? bs_source_get_display_title (source) : NULL);

  if (g_settings_get_boolean (self->settings, "mark-read-on-select") && !bs_entry_get_read (entry))
    bs_library_set_read (self->library, entry, TRUE);
  _bs_window_update_entry_actions (self);
}

/**
 * bs_window_get_selected_entry:
 *
 * Returns: (transfer none) (nullable): the article shown
 */
BsEntry *
bs_window_get_selected_entry (BsWindow *self)
{
  g_return_val_if_fail (BS_IS_WINDOW (self), NULL);

  return self->shown;
}

GtkWidget *
bs_window_get_article_view (BsWindow *self)
{
  g_return_val_if_fail (BS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->article_view);
}

/* The river of news: the articles of the view one after the other in the
 * content pane instead of one article; on a narrow window it replaces
 * the list (which back navigation then skips). */
static void
river_changed (BsWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  GtkWidget *visible = adw_leaflet_get_visible_child (self->leaflet);

  adw_leaflet_page_set_navigatable (adw_leaflet_get_page (self->leaflet, self->list_pane),
                                    !self->river);
  if (self->river)
    {
      bs_river_view_set_model (self->river_view, self->view_entries);
      gtk_stack_set_visible_child_name (self->content_stack, "river");
      if (self->shown != NULL)
        bs_river_view_show_entry (self->river_view, self->shown);
      if (folded && visible != self->content_pane)
        adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
    }
  else
    {
      bs_river_view_set_model (self->river_view, NULL);
      if (self->shown != NULL)
        _bs_window_reader_show_entry (self, self->shown,
                                      bs_library_lookup_source (self->library,
                                                                bs_entry_get_source_id (self->shown)));
      gtk_stack_set_visible_child_name (self->content_stack,
                                        self->shown != NULL ? "article" : "none");
      if (folded && visible == self->content_pane && self->shown == NULL)
        adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
    }
}

/* The welcome page while there are no subscriptions */

static void
update_main_page (BsWindow *self)
{
  gboolean empty = g_list_model_get_n_items (bs_library_get_sources (self->library)) == 0;

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "welcome" : "reader");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-opml", !empty);
}

static void
sources_changed_cb (GListModel *sources,
                    guint       position,
                    guint       removed,
                    guint       added,
                    BsWindow   *self)
{
  update_main_page (self);
  /* the empty list's text depends on whether there are subscriptions */
  _bs_window_update_list_state (self);
}

/* GObject */

static void
bs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BsWindow *self = BS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_UNREAD_ONLY:
      g_value_set_boolean (value, self->unread_only);
      break;
    case PROP_RIVER:
      g_value_set_boolean (value, self->river);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BsWindow *self = BS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_UNREAD_ONLY:
      if (self->unread_only != g_value_get_boolean (value))
        {
          self->unread_only = g_value_get_boolean (value);
          if (self->entry_filter != NULL)
            _bs_window_unread_only_changed (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_RIVER:
      if (self->river != g_value_get_boolean (value))
        {
          self->river = g_value_get_boolean (value);
          if (self->library != NULL)
            river_changed (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
bs_window_close_request (GtkWindow *window)
{
  _bs_window_save_state (BS_WINDOW (window));

  return GTK_WINDOW_CLASS (bs_window_parent_class)->close_request (window);
}

static void
bs_window_dispose (GObject *object)
{
  BsWindow *self = (BsWindow *)object;

  if (self->shown != NULL)
    {
      g_clear_signal_handler (&self->shown_read_id, self->shown);
      g_clear_signal_handler (&self->shown_starred_id, self->shown);
    }
  g_clear_object (&self->shown);
  g_clear_object (&self->view);
  g_clear_pointer (&self->articles_title, g_free);
  g_clear_object (&self->view_entries);
  g_clear_object (&self->sidebar_selection);
  g_clear_object (&self->entry_selection);
  g_clear_object (&self->unread_filter);
  g_clear_object (&self->settings);

  _bs_window_free_reader (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BS_TYPE_WINDOW);

  G_OBJECT_CLASS (bs_window_parent_class)->dispose (object);
}

static void
bs_window_class_init (BsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bs_window_dispose;
  object_class->get_property = bs_window_get_property;
  object_class->set_property = bs_window_set_property;
  window_class->close_request = bs_window_close_request;

  /* whether the list shows only unread articles (and the one shown) */
  properties[PROP_UNREAD_ONLY] =
    g_param_spec_boolean ("unread-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* whether the content pane shows the river of news (for this session) */
  properties[PROP_RIVER] =
    g_param_spec_boolean ("river", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BS_TYPE_ARTICLE_VIEW);
  g_type_ensure (BS_TYPE_RIVER_VIEW);
  g_type_ensure (BS_TYPE_WELCOME);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/broadsheet/Broadsheet/bs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, list_separator);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, entry_list);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, list_empty);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, star_button);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, read_button);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, river_view);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, error_page);

  _bs_window_class_setup_reader (widget_class);
  _bs_window_class_install_actions (widget_class);
}

static void
bs_window_init (BsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void bs_window_setup (BsWindow *self);

BsWindow *
bs_window_new (BsApplication *application)
{
  BsWindow *self = g_object_new (BS_TYPE_WINDOW, "application", application, NULL);

  self->application = application;
  self->settings = g_object_ref (bs_application_get_settings (application));
  bs_window_setup (self);
  return self;
}

static void
bs_window_setup (BsWindow *self)
{
  const GError *error;

  _bs_window_restore_state (self);

  error = bs_application_get_open_error (self->application);
  self->library = bs_application_get_library (self->application);
  if (self->library == NULL)
    {
      /* the store's own message names the other process, in English */
      if (g_error_matches (error, BS_STORE_ERROR, BS_STORE_ERROR_LOCKED))
        adw_status_page_set_description (self->error_page,
                                         _("Another program is using them: Broadsheet or "
                                           "broadsheet-cli. Close it, then start Broadsheet "
                                           "again."));
      else
        adw_status_page_set_description (self->error_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-feed", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-opml", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-opml", FALSE);
      return;
    }

  g_settings_bind (self->settings, "load-remote-images", self->article_view, "remote-images",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "font-size", self->article_view, "font-size",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->article_view, "open-uri",
                           G_CALLBACK (bs_application_open_uri), self->application,
                           G_CONNECT_SWAPPED);
  _bs_window_setup_reader (self);

  /* the river of news, shown when win.river is on */
  bs_river_view_set_library (self->river_view, self->library);
  g_settings_bind (self->settings, "load-remote-images", self->river_view, "remote-images",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "font-size", self->river_view, "font-size",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "mark-read-on-select", self->river_view, "mark-read",
                   G_SETTINGS_BIND_GET);
  g_object_bind_property (self, "unread-only", self->river_view, "unread-only",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->river_view, "open-uri",
                           G_CALLBACK (bs_application_open_uri), self->application,
                           G_CONNECT_SWAPPED);

  /* the sidebar, the article list and search, the keyboard */
  _bs_window_setup_sidebar (self);
  _bs_window_setup_list (self);
  _bs_window_setup_keys (self);
  _bs_window_setup_refresh_progress (self);

  /* the welcome page while there are no subscriptions */
  g_signal_connect_object (bs_library_get_sources (self->library), "items-changed",
                           G_CALLBACK (sources_changed_cb), self, 0);
  update_main_page (self);

  _bs_window_restore_view (self);
  _bs_window_update_entry_actions (self);
  /* reading starts in the article list, not on the + button */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->entry_list));
  _bs_window_bench_hook_setup (self);
}
