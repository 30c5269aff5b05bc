/* bs-window-keys.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include "bs-original-view.h"
#include "bs-sidebar-menu.h"
#include "bs-window-private.h"

/* The window's single-key shortcuts (listed in bs-window.h): a key
 * controller in the capture phase turns them into the win.* actions. */

/* The keyboard: single keys act on the articles unless a text field has
 * the focus (then they are typing). */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BsWindow              *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  const char *action = NULL;

  if (focus != NULL && (GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus)))
    return GDK_EVENT_PROPAGATE;
  /* a web page of its own, whose fields may be typed in */
  if (focus != NULL && gtk_widget_get_ancestor (focus, BS_TYPE_ORIGINAL_VIEW) != NULL)
    return GDK_EVENT_PROPAGATE;

  /* the context menu of the focused sidebar row */
  if ((keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
      && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sidebar_list))
      && gtk_widget_get_first_child (focus) != NULL)
    {
      bs_sidebar_menu_popup (gtk_widget_get_first_child (focus));
      return GDK_EVENT_STOP;
    }
  if (!gtk_widget_get_visible (GTK_WIDGET (self->leaflet))
      || gtk_stack_get_visible_child (self->main_stack) != GTK_WIDGET (self->leaflet))
    return GDK_EVENT_PROPAGATE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_j:
    case GDK_KEY_n:
      action = "win.next";
      break;
    case GDK_KEY_k:
    case GDK_KEY_p:
      action = "win.previous";
      break;
    case GDK_KEY_space:
      action = "win.scroll-or-next";
      break;
    case GDK_KEY_m:
      action = "win.toggle-read";
      break;
    case GDK_KEY_s:
      action = "win.toggle-starred";
      break;
    case GDK_KEY_o:
      action = "win.open-in-browser";
      break;
    case GDK_KEY_f:
      action = "win.read-full-article";
      break;
    case GDK_KEY_r:
      action = "app.refresh";
      break;
    case GDK_KEY_A:
      action = "win.mark-all-read";
      break;
    case GDK_KEY_v:
    case GDK_KEY_V:
      action = "win.river";
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
  return GDK_EVENT_STOP;
}

void
_bs_window_setup_keys (BsWindow *self)
{
  GtkEventController *keys;

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
