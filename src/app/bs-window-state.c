/* bs-window-state.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include "bs-window-private.h"

/* What the window keeps of itself in GSettings: the widths of its panes,
 * which the user changes by dragging the separators between them, and
 * its size and whether it is maximized. */

/* Pane widths: the separators between the panes can be dragged; the
 * widths are kept in "sidebar-width" and "entry-list-width". */

typedef struct {
  BsWindow *window;
  GtkWidget *pane;
  const char *key;
  int start_width;
} PaneDrag;

static void
pane_drag_begin_cb (GtkGestureDrag *gesture,
                    double          x,
                    double          y,
                    PaneDrag       *drag)
{
  if (adw_leaflet_get_folded (drag->window->leaflet))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  drag->start_width = gtk_widget_get_width (drag->pane);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
pane_drag_update_cb (GtkGestureDrag *gesture,
                     double          dx,
                     double          dy,
                     PaneDrag       *drag)
{
  GSettingsSchemaKey *key = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *kind;
  int width = drag->start_width + (int) dx;
  gint32 min = 150, max = 1500;

  g_object_get (drag->window->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, drag->key);
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &kind, &limits);
  if (g_strcmp0 (kind, "range") == 0)
    g_variant_get (limits, "(ii)", &min, &max);
  g_settings_schema_key_unref (key);

  width = CLAMP (width, min, max);
  gtk_widget_set_size_request (drag->pane, width, -1);
}

static void
pane_drag_end_cb (GtkGestureDrag *gesture,
                  double          dx,
                  double          dy,
                  PaneDrag       *drag)
{
  int width;

  gtk_widget_get_size_request (drag->pane, &width, NULL);
  g_settings_set_int (drag->window->settings, drag->key, width);
}

static void
pane_drag_free (gpointer  data,
                GClosure *closure)
{
  g_free (data);
}

static void
make_resizable (BsWindow   *self,
                GtkWidget  *separator,
                GtkWidget  *pane,
                const char *key)
{
  GtkGesture *gesture = gtk_gesture_drag_new ();
  PaneDrag *drag = g_new0 (PaneDrag, 1);

  drag->window = self;
  drag->pane = pane;
  drag->key = key;
  gtk_widget_set_cursor_from_name (separator, "col-resize");
  gtk_widget_add_css_class (separator, "pane-handle");
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (pane_drag_begin_cb), drag);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (pane_drag_update_cb), drag);
  g_signal_connect_data (gesture, "drag-end", G_CALLBACK (pane_drag_end_cb), drag,
                         pane_drag_free, 0);
  gtk_widget_add_controller (separator, GTK_EVENT_CONTROLLER (gesture));
}

/* Window size */

/* Keeps the window's size and whether it is maximized (when it closes). */
void
_bs_window_save_state (BsWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

/* Restoring */

/* Restores the window's size and the panes' widths, and makes the panes
 * resizable. */
void
_bs_window_restore_state (BsWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_widget_set_size_request (self->sidebar_pane,
                               g_settings_get_int (self->settings, "sidebar-width"), -1);
  gtk_widget_set_size_request (self->list_pane,
                               g_settings_get_int (self->settings, "entry-list-width"), -1);
  make_resizable (self, self->sidebar_separator, self->sidebar_pane, "sidebar-width");
  make_resizable (self, self->list_separator, self->list_pane, "entry-list-width");
}
