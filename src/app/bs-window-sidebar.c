/* bs-window-sidebar.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>

#include "bs-sidebar-menu.h"
#include "bs-window-private.h"

/* The window's sidebar: its rows (views, folders and feeds, with their
 * unread counts and errors), which view is selected, and the refresh
 * progress in its header bar. */

/* Rows */

static void
sidebar_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  BsWindow                 *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *error = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *count = gtk_label_new (NULL);

  gtk_image_set_pixel_size (GTK_IMAGE (image), 16);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (error, "warning");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "unread-count");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), error);
  gtk_box_append (GTK_BOX (box), count);
  bs_sidebar_menu_attach (box, self);
  gtk_list_item_set_child (list_item, box);
}

/* Setting a tooltip makes GTK ask where the pointer is (on X11 a round
 * trip to the server), and the sidebar's rows and the refresh progress
 * update many times a second during a refresh: only when the text
 * changes. */
static void
set_tooltip_if_changed (GtkWidget  *widget,
                        const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

/* The row shows its item as the item is now, and again whenever it
 * changes (titles, counts, icons and errors change during a refresh). */
static void
sidebar_row_update (BsSidebarItem *item,
                    GParamSpec    *pspec,
                    GtkWidget     *box)
{
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  GtkWidget *error = gtk_widget_get_next_sibling (label);
  GtkWidget *count = gtk_widget_get_next_sibling (error);
  guint unread = bs_sidebar_item_get_unread_count (item);
  const char *message = bs_sidebar_item_get_error (item);
  g_autofree char *number = unread > 0 ? g_strdup_printf ("%u", unread) : NULL;
  g_autofree char *accessible = NULL;

  if (bs_sidebar_item_get_icon (item) != NULL)
    gtk_image_set_from_paintable (GTK_IMAGE (image), bs_sidebar_item_get_icon (item));
  else
    gtk_image_set_from_icon_name (GTK_IMAGE (image), bs_sidebar_item_get_icon_name (item));

  gtk_label_set_text (GTK_LABEL (label), bs_sidebar_item_get_title (item));
  gtk_widget_set_margin_start (box, bs_sidebar_item_get_kind (item) == BS_SIDEBAR_ITEM_SOURCE
                                    && bs_sidebar_item_get_source (item) != NULL
                                    && bs_source_get_folder (bs_sidebar_item_get_source (item)) != NULL
                                    ? 18 : 0);
  gtk_widget_set_visible (error, message != NULL);
  set_tooltip_if_changed (error, message);
  set_tooltip_if_changed (label, message);
  gtk_label_set_text (GTK_LABEL (count), number != NULL ? number : "");

  if (unread > 0)
    accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u unread", "%s, %u unread",
                                               unread), bs_sidebar_item_get_title (item), unread);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible != NULL ? accessible : bs_sidebar_item_get_title (item),
                                  -1);
}

static void
sidebar_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 BsWindow                 *self)
{
  BsSidebarItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);

  sidebar_row_update (item, NULL, box);
  bs_sidebar_menu_set_item (box, item);
  g_signal_connect_object (item, "notify", G_CALLBACK (sidebar_row_update), box, 0);
}

static void
sidebar_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   BsWindow                 *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item),
                                        sidebar_row_update, gtk_list_item_get_child (list_item));
  bs_sidebar_menu_set_item (gtk_list_item_get_child (list_item), NULL);
}

/* The selected view */

static void
sidebar_selected_cb (GtkSingleSelection *selection,
                     GParamSpec         *pspec,
                     BsWindow           *self)
{
  BsSidebarItem *item = gtk_single_selection_get_selected_item (selection);

  if (item != NULL)
    _bs_window_show_view (self, item);
}

static void
sidebar_activate_cb (GtkListView *list,
                     guint        position,
                     BsWindow    *self)
{
  gtk_single_selection_set_selected (self->sidebar_selection, position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->river ? self->content_pane : self->list_pane);
}

/* After the sidebar's rows change (a feed added, renamed, moved), the
 * selected view is the same one if it still exists, else All. */
static void
sidebar_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          BsWindow   *self)
{
  const char *key = self->view != NULL ? bs_sidebar_item_get_key (self->view) : "all";
  guint found = bs_sidebar_model_find (model, key);

  if (found == GTK_INVALID_LIST_POSITION)
    found = 0;
  if (gtk_single_selection_get_selected (self->sidebar_selection) != found)
    gtk_single_selection_set_selected (self->sidebar_selection, found);
}

/**
 * bs_window_select_view:
 * @self: a window
 * @key: "all", "unread", "starred", "folder:NAME" or "source:ID"
 *
 * Shows that view, or All when there is no such view.
 */
void
bs_window_select_view (BsWindow   *self,
                       const char *key)
{
  GListModel *model;
  guint position;

  g_return_if_fail (BS_IS_WINDOW (self));

  if (self->sidebar_selection == NULL)
    return;
  model = gtk_single_selection_get_model (self->sidebar_selection);
  position = bs_sidebar_model_find (model, key);
  gtk_single_selection_set_selected (self->sidebar_selection,
                                     position != GTK_INVALID_LIST_POSITION ? position : 0);
}

const char *
bs_window_get_view (BsWindow *self)
{
  g_return_val_if_fail (BS_IS_WINDOW (self), NULL);

  return self->view != NULL ? bs_sidebar_item_get_key (self->view) : NULL;
}

/* Refresh progress */

static void
refresh_progress_cb (BsUpdater  *updater,
                     GParamSpec *pspec,
                     BsWindow   *self)
{
  gboolean refreshing = bs_updater_get_refreshing (updater);
  g_autofree char *text = NULL;

  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "progress" : "button");
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);
  if (refreshing)
    {
      guint total = bs_updater_get_n_total (updater);
      g_autofree char *widest = g_strdup_printf ("%u/%u", total, total);

      text = g_strdup_printf ("%u/%u", bs_updater_get_n_done (updater), total);
      /* as wide as it will ever be during this refresh: the header bar's
       * title does not move while the count goes from 9 to 10 to 100 */
      gtk_label_set_width_chars (self->refresh_label, (int) strlen (widest));
      gtk_label_set_text (self->refresh_label, text);
      set_tooltip_if_changed (GTK_WIDGET (self->refresh_stack), _("Refreshing feeds"));
    }
  else
    {
      set_tooltip_if_changed (GTK_WIDGET (self->refresh_stack), NULL);
    }
}

/* Setting up */

void
_bs_window_setup_sidebar (BsWindow *self)
{
  g_autoptr(GtkListItemFactory) sidebar_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GListModel) sidebar_model = NULL;

  sidebar_model = bs_sidebar_model_new (self->library);
  self->sidebar_selection = gtk_single_selection_new (g_object_ref (sidebar_model));
  gtk_single_selection_set_autoselect (self->sidebar_selection, TRUE);
  gtk_single_selection_set_can_unselect (self->sidebar_selection, FALSE);
  g_signal_connect (sidebar_factory, "setup", G_CALLBACK (sidebar_setup_cb), self);
  g_signal_connect (sidebar_factory, "bind", G_CALLBACK (sidebar_bind_cb), self);
  g_signal_connect (sidebar_factory, "unbind", G_CALLBACK (sidebar_unbind_cb), self);
  gtk_list_view_set_factory (self->sidebar_list, sidebar_factory);
  gtk_list_view_set_model (self->sidebar_list, GTK_SELECTION_MODEL (self->sidebar_selection));
  /* not single-click-activate: it selects whatever the pointer hovers */
  _bs_window_forward_on_click (self, GTK_WIDGET (self->sidebar_list), self->list_pane);
  g_signal_connect (self->sidebar_list, "activate", G_CALLBACK (sidebar_activate_cb), self);
  g_signal_connect (self->sidebar_selection, "notify::selected-item",
                    G_CALLBACK (sidebar_selected_cb), self);
  g_signal_connect_after (sidebar_model, "items-changed",
                          G_CALLBACK (sidebar_items_changed_cb), self);
}

void
_bs_window_setup_refresh_progress (BsWindow *self)
{
  g_signal_connect_object (bs_application_get_updater (self->application), "notify::refreshing",
                           G_CALLBACK (refresh_progress_cb), self, 0);
  g_signal_connect_object (bs_application_get_updater (self->application), "notify::n-done",
                           G_CALLBACK (refresh_progress_cb), self, 0);
  refresh_progress_cb (bs_application_get_updater (self->application), NULL, self);
}

/* Selects the view selected last time ("selected-view"), else All. */
void
_bs_window_restore_view (BsWindow *self)
{
  g_autofree char *selected = NULL;

  selected = g_settings_get_string (self->settings, "selected-view");
  bs_window_select_view (self, selected);
  if (self->view == NULL)
    sidebar_selected_cb (self->sidebar_selection, NULL, self);
}
