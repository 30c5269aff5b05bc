/* bs-window-actions.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>

#include "bs-add-feed-dialog.h"
#include "bs-opml-actions.h"
#include "bs-preferences-window.h"
#include "bs-window-private.h"

/* The window's actions (win.*): on the article shown, moving through the
 * list, marking the view read, search, back navigation, and the dialogs;
 * and whether the ones on the article are enabled. */

/* The article shown */

/* Enables the actions on the article shown (disables them when there is
 * none) and updates the star and read buttons to match it. */
void
_bs_window_update_entry_actions (BsWindow *self)
{
  gboolean has_entry = self->shown != NULL;
  gboolean starred = has_entry && bs_entry_get_starred (self->shown);
  gboolean unread = has_entry && !bs_entry_get_read (self->shown);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-read", has_entry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-starred", has_entry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-in-browser",
                                 has_entry && bs_entry_get_link (self->shown) != NULL);

  gtk_toggle_button_set_active (self->star_button, starred);
  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                               starred ? _("Unstar (S)") : _("Star (S)"));
  gtk_toggle_button_set_active (self->read_button, unread);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->read_button),
                               unread ? _("Mark as Read (M)") : _("Mark as Unread (M)"));
  _bs_window_reader_update_actions (self);
}

static void
toggle_read_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BsWindow *self = BS_WINDOW (widget);

  if (self->shown != NULL)
    bs_library_set_read (self->library, self->shown, !bs_entry_get_read (self->shown));
}

static void
toggle_starred_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BsWindow *self = BS_WINDOW (widget);

  if (self->shown != NULL)
    bs_library_set_starred (self->library, self->shown, !bs_entry_get_starred (self->shown));
}

static void
open_in_browser_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BsWindow *self = BS_WINDOW (widget);

  if (self->shown != NULL && bs_entry_get_link (self->shown) != NULL)
    bs_application_open_uri (self->application, bs_entry_get_link (self->shown));
}

/* Moving through the list */

static void
move_selection (BsWindow *self,
                int       delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entry_selection));
  guint selected = gtk_single_selection_get_selected (self->entry_selection);
  guint next;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    next = delta > 0 ? 0 : n - 1;
  else if (delta < 0 && selected == 0)
    return;
  else
    next = MIN (selected + delta, n - 1);
  bs_window_select_entry (self, next);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_selection (BS_WINDOW (widget), 1);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move_selection (BS_WINDOW (widget), -1);
}

static void
scrolled_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BsWindow) self = user_data;

  if (!bs_article_view_scroll_finish (BS_ARTICLE_VIEW (object), result))
    move_selection (self, 1);
}

/* Space: a page down in the article, or the next article at its end. */
static void
scroll_or_next_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BsWindow *self = BS_WINDOW (widget);

  if (self->river)
    bs_river_view_scroll (self->river_view, 1);
  else if (self->shown == NULL)
    move_selection (self, 1);
  else
    bs_article_view_scroll (self->article_view, 1, scrolled_cb, g_object_ref (self));
}

/* Marking the view read */

typedef struct {
  BsLibrary *library;
  GPtrArray *entries;
} MarkedRead;

static void
marked_read_free (gpointer  data,
                  GClosure *closure)
{
  MarkedRead *marked = data;

  g_object_unref (marked->library);
  g_ptr_array_unref (marked->entries);
  g_free (marked);
}

static void
undo_mark_read_cb (AdwToast   *toast,
                   MarkedRead *marked)
{
  for (guint i = 0; i < marked->entries->len; i++)
    bs_library_set_read (marked->library, g_ptr_array_index (marked->entries, i), FALSE);
}

/* Marks every unread article of the view read, with an undo. */
static void
mark_all_read_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BsWindow *self = BS_WINDOW (widget);
  MarkedRead *marked;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint n;

  if (self->view_entries == NULL)
    return;

  marked = g_new0 (MarkedRead, 1);
  marked->library = g_object_ref (self->library);
  marked->entries = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (self->view_entries);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (self->view_entries, i);

      if (!bs_entry_get_read (entry))
        g_ptr_array_add (marked->entries, g_steal_pointer (&entry));
    }
  if (marked->entries->len == 0)
    {
      marked_read_free (marked, NULL);
      return;
    }

  for (guint i = 0; i < marked->entries->len; i++)
    bs_library_set_read (self->library, g_ptr_array_index (marked->entries, i), TRUE);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article marked as read",
                                        "%u articles marked as read", marked->entries->len),
                           marked->entries->len);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_mark_read_cb), marked,
                         marked_read_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Search, back, refresh */

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BsWindow *self = BS_WINDOW (widget);

  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BsWindow *self = BS_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
refresh_source_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BsWindow *self = BS_WINDOW (widget);

  bs_application_refresh (self->application, NULL);
}

/* Dialogs */

static void
add_feed_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (bs_add_feed_dialog_new (BS_WINDOW (widget))));
}

static void
import_opml_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  bs_opml_choose_import (BS_WINDOW (widget));
}

static void
export_opml_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  bs_opml_choose_export (BS_WINDOW (widget));
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (bs_preferences_window_new (BS_WINDOW (widget))));
}

/* The actions and their keys, from bs_window_class_init(). */
void
_bs_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.toggle-read", NULL, toggle_read_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-starred", NULL,
                                   toggle_starred_activated);
  gtk_widget_class_install_action (widget_class, "win.open-in-browser", NULL,
                                   open_in_browser_activated);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "win.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "win.scroll-or-next", NULL,
                                   scroll_or_next_activated);
  gtk_widget_class_install_action (widget_class, "win.mark-all-read", NULL,
                                   mark_all_read_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_source_activated);
  gtk_widget_class_install_action (widget_class, "win.add-feed", NULL, add_feed_activated);
  gtk_widget_class_install_action (widget_class, "win.import-opml", NULL, import_opml_activated);
  gtk_widget_class_install_action (widget_class, "win.export-opml", NULL, export_opml_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_property_action (widget_class, "win.unread-only", "unread-only");
  gtk_widget_class_install_property_action (widget_class, "win.river", "river");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A, GDK_SHIFT_MASK,
                                       "win.mark-all-read", NULL);
}
