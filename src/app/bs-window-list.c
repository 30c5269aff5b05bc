/* bs-window-list.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>

#include "bs-entry-row.h"
#include "bs-window-private.h"

/* The window's article list: the articles of the selected view or of a
 * search (its factory, the unread-only filter, the selection, its title
 * and its empty states), and the search bar. */

/* Rows and the unread-only filter */

static gboolean
unread_filter_func (gpointer item,
                    gpointer user_data)
{
  BsWindow *self = user_data;

  /* the article being read stays until the user moves on */
  return !bs_entry_get_read (item) || item == (gpointer) self->shown;
}

static void
entry_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                BsWindow                 *self)
{
  gtk_list_item_set_child (list_item, bs_entry_row_new ());
}

static void
entry_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               BsWindow                 *self)
{
  bs_entry_row_bind (BS_ENTRY_ROW (gtk_list_item_get_child (list_item)),
                     gtk_list_item_get_item (list_item), self->library);
}

static void
entry_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 BsWindow                 *self)
{
  bs_entry_row_unbind (BS_ENTRY_ROW (gtk_list_item_get_child (list_item)));
}

/* The list's empty states */

void
_bs_window_update_list_state (BsWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entry_selection));
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean searching = query[0] != '\0';

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (searching)
    {
      adw_status_page_set_icon_name (self->list_empty, "system-search-symbolic");
      adw_status_page_set_title (self->list_empty, _("No Results"));
      adw_status_page_set_description (self->list_empty,
                                       _("No article contains every word searched for"));
    }
  else if (g_list_model_get_n_items (bs_library_get_sources (self->library)) == 0)
    {
      adw_status_page_set_icon_name (self->list_empty, "application-rss+xml-symbolic");
      adw_status_page_set_title (self->list_empty, _("No Feeds Yet"));
      adw_status_page_set_description (self->list_empty,
                                       _("Add a feed or a web site with the + button, or "
                                         "import a list of subscriptions from the menu"));
    }
  else if (self->unread_only || (self->view != NULL && self->articles_title == NULL
                                 && bs_sidebar_item_get_kind (self->view) == BS_SIDEBAR_ITEM_UNREAD))
    {
      adw_status_page_set_icon_name (self->list_empty, "mail-read-symbolic");
      adw_status_page_set_title (self->list_empty, _("All Read"));
      adw_status_page_set_description (self->list_empty, _("There are no unread articles here"));
    }
  else if (self->view != NULL && self->articles_title == NULL
           && bs_sidebar_item_get_kind (self->view) == BS_SIDEBAR_ITEM_STARRED)
    {
      adw_status_page_set_icon_name (self->list_empty, "starred-symbolic");
      adw_status_page_set_title (self->list_empty, _("No Starred Articles"));
      adw_status_page_set_description (self->list_empty,
                                       _("Star an article with S to keep it here"));
    }
  else
    {
      adw_status_page_set_icon_name (self->list_empty, "x-office-document-symbolic");
      adw_status_page_set_title (self->list_empty, _("No Articles"));
      adw_status_page_set_description (self->list_empty, NULL);
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* What the list shows */

static void
update_list_title (BsWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *subtitle = NULL;

  if (query[0] != '\0' || self->articles_title != NULL)
    {
      adw_window_title_set_title (self->list_title,
                                  query[0] != '\0' ? _("Search") : self->articles_title);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles",
                                               g_list_model_get_n_items (self->view_entries)),
                                  g_list_model_get_n_items (self->view_entries));
    }
  else if (self->view != NULL)
    {
      guint unread = bs_sidebar_item_get_unread_count (self->view);

      adw_window_title_set_title (self->list_title, bs_sidebar_item_get_title (self->view));
      if (unread > 0)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unread", "%u unread",
                                                 unread), unread);
    }
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
entries_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    BsWindow   *self)
{
  _bs_window_update_list_state (self);
  update_list_title (self);
}

/* Shows @entries in the list, keeping the filter on unread ones. */
static void
set_entries (BsWindow   *self,
             GListModel *entries)
{
  if (self->view_entries == entries)
    return;

  g_set_object (&self->view_entries, entries);
  gtk_filter_list_model_set_model (self->entry_filter, entries);
  _bs_window_update_list_state (self);
  update_list_title (self);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->entry_list)), 0);
  if (self->river)
    bs_river_view_set_model (self->river_view, entries);
}

static void
view_changed_cb (BsSidebarItem *item,
                 GParamSpec    *pspec,
                 BsWindow      *self)
{
  update_list_title (self);
}

void
_bs_window_show_view (BsWindow      *self,
                      BsSidebarItem *item)
{
  g_autoptr(GListModel) entries = NULL;

  if (self->view == item && self->articles_title == NULL)
    return;
  g_clear_pointer (&self->articles_title, g_free);

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_func (self->view, view_changed_cb, self);
  g_set_object (&self->view, item);
  if (item == NULL)
    return;

  g_signal_connect_object (item, "notify::unread-count", G_CALLBACK (view_changed_cb), self, 0);
  g_signal_connect_object (item, "notify::title", G_CALLBACK (view_changed_cb), self, 0);
  g_settings_set_string (self->settings, "selected-view", bs_sidebar_item_get_key (item));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  entries = bs_sidebar_item_get_entries (item);
  set_entries (self, entries);
}

/**
 * bs_window_show_articles:
 * @self: a window
 * @title: what the list is called, such as "New Articles"
 * @entries: a GListModel of BsEntry, in the order to list them
 *
 * Lists @entries instead of the articles of a view, as a search does:
 * the sidebar has no row selected until the user picks one (the view
 * that was selected too) or searches; when its rows change (a feed added
 * or renamed), the view that was selected comes back.
 */
void
bs_window_show_articles (BsWindow   *self,
                         const char *title,
                         GListModel *entries)
{
  g_return_if_fail (BS_IS_WINDOW (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (entries));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_single_selection_set_selected (self->sidebar_selection, GTK_INVALID_LIST_POSITION);
  g_free (self->articles_title);
  self->articles_title = g_strdup (title);
  set_entries (self, entries);
  update_list_title (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->river ? self->content_pane
                                                              : self->list_pane);
}

/**
 * bs_window_get_entries:
 *
 * Returns: (transfer none): the articles of the list, as shown
 */
GListModel *
bs_window_get_entries (BsWindow *self)
{
  g_return_val_if_fail (BS_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->entry_selection);
}

/* The selection */

static void
entry_selected_cb (GtkSingleSelection *selection,
                   GParamSpec         *pspec,
                   BsWindow           *self)
{
  _bs_window_show_entry (self, gtk_single_selection_get_selected_item (selection));
}

static void
entry_activate_cb (GtkListView *list,
                   guint        position,
                   BsWindow    *self)
{
  gtk_single_selection_set_selected (self->entry_selection, position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

/* Selects the article at @position of the list and shows it; FALSE when
 * there is none there. */
gboolean
bs_window_select_entry (BsWindow *self,
                        guint     position)
{
  g_return_val_if_fail (BS_IS_WINDOW (self), FALSE);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->entry_selection)))
    return FALSE;

  gtk_single_selection_set_selected (self->entry_selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->entry_list), "list.scroll-to-item", "u", position);
  if (adw_leaflet_get_folded (self->leaflet)
      && adw_leaflet_get_visible_child (self->leaflet) == self->sidebar_pane)
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  return TRUE;
}

/* win.unread-only changed */
void
_bs_window_unread_only_changed (BsWindow *self)
{
  gtk_filter_list_model_set_filter (self->entry_filter,
                                    self->unread_only ? GTK_FILTER (self->unread_filter) : NULL);
  _bs_window_update_list_state (self);
}

/* Search */

static void
search_changed_cb (GtkSearchEntry *entry,
                   BsWindow       *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GListModel) entries = NULL;

  g_clear_pointer (&self->articles_title, g_free);
  if (query[0] == '\0')
    entries = self->view != NULL ? bs_sidebar_item_get_entries (self->view) : NULL;
  else
    entries = bs_library_search (self->library, query);
  if (entries != NULL)
    set_entries (self, entries);
}

static void
stop_search_cb (GtkSearchEntry *entry,
                BsWindow       *self)
{
  gtk_toggle_button_set_active (self->search_button, FALSE);
}

/* Setting up */

void
_bs_window_setup_list (BsWindow *self)
{
  g_autoptr(GtkListItemFactory) entry_factory = gtk_signal_list_item_factory_new ();

  /* the article list */
  self->unread_filter = gtk_custom_filter_new (unread_filter_func, self, NULL);
  self->entry_filter = gtk_filter_list_model_new (NULL, NULL);
  self->entry_selection = gtk_single_selection_new (G_LIST_MODEL (self->entry_filter));
  gtk_single_selection_set_autoselect (self->entry_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->entry_selection, TRUE);
  g_signal_connect (entry_factory, "setup", G_CALLBACK (entry_setup_cb), self);
  g_signal_connect (entry_factory, "bind", G_CALLBACK (entry_bind_cb), self);
  g_signal_connect (entry_factory, "unbind", G_CALLBACK (entry_unbind_cb), self);
  gtk_list_view_set_factory (self->entry_list, entry_factory);
  gtk_list_view_set_model (self->entry_list, GTK_SELECTION_MODEL (self->entry_selection));
  g_signal_connect (self->entry_list, "activate", G_CALLBACK (entry_activate_cb), self);
  _bs_window_forward_on_click (self, GTK_WIDGET (self->entry_list), self->content_pane);
  g_signal_connect (self->entry_selection, "notify::selected-item",
                    G_CALLBACK (entry_selected_cb), self);
  g_signal_connect (self->entry_selection, "items-changed", G_CALLBACK (entries_changed_cb), self);

  /* search */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
}
