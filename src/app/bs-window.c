/* bs-window.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "bs-add-feed-dialog.h"
#include "bs-article-view.h"
#include "bs-entry-row.h"
#include "bs-opml-actions.h"
#include "bs-preferences-window.h"
#include "bs-river-view.h"
#include "bs-sidebar-menu.h"
#include "bs-welcome.h"
#include "bs-window.h"

struct _BsWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_pane;
  GtkWidget *list_pane;
  GtkWidget *content_pane;
  GtkWidget *sidebar_separator;
  GtkWidget *list_separator;
  GtkListView *sidebar_list;
  GtkStack *refresh_stack;
  GtkSpinner *refresh_spinner;
  GtkLabel *refresh_label;
  AdwWindowTitle *list_title;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkToggleButton *search_button;
  GtkStack *list_stack;
  GtkListView *entry_list;
  AdwStatusPage *list_empty;
  AdwWindowTitle *content_title;
  GtkToggleButton *star_button;
  GtkToggleButton *read_button;
  GtkStack *content_stack;
  BsArticleView *article_view;
  BsRiverView *river_view;
  AdwStatusPage *error_page;

  BsApplication *application;
  BsLibrary *library;
  GSettings *settings;

  GtkSingleSelection *sidebar_selection;
  GtkSingleSelection *entry_selection;
  GtkFilterListModel *entry_filter;
  GtkCustomFilter *unread_filter;
  GListModel *view_entries;        /* of the selected view, or the search */
  BsSidebarItem *view;
  gboolean unread_only;
  gboolean river;                  /* the river of news instead of one article */

  BsEntry *shown;                  /* the article in the view */
  gulong shown_read_id;
  gulong shown_starred_id;
};

G_DEFINE_FINAL_TYPE (BsWindow, bs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_UNREAD_ONLY,
  PROP_RIVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_entry_actions (BsWindow *self);

/* Toasts */

void
bs_window_add_toast (BsWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (BS_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The sidebar */

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

/* The article list */

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

static void
update_list_state (BsWindow *self)
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
  else if (self->unread_only || (self->view != NULL
                                 && bs_sidebar_item_get_kind (self->view) == BS_SIDEBAR_ITEM_UNREAD))
    {
      adw_status_page_set_icon_name (self->list_empty, "mail-read-symbolic");
      adw_status_page_set_title (self->list_empty, _("All Read"));
      adw_status_page_set_description (self->list_empty, _("There are no unread articles here"));
    }
  else if (self->view != NULL && bs_sidebar_item_get_kind (self->view) == BS_SIDEBAR_ITEM_STARRED)
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

static void
update_list_title (BsWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *subtitle = NULL;

  if (query[0] != '\0')
    {
      adw_window_title_set_title (self->list_title, _("Search"));
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
  update_list_state (self);
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
  update_list_state (self);
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

static void
show_view (BsWindow      *self,
           BsSidebarItem *item)
{
  g_autoptr(GListModel) entries = NULL;

  if (self->view == item)
    return;

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

static void
sidebar_selected_cb (GtkSingleSelection *selection,
                     GParamSpec         *pspec,
                     BsWindow           *self)
{
  BsSidebarItem *item = gtk_single_selection_get_selected_item (selection);

  if (item != NULL)
    show_view (self, item);
}

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

static void
forward_on_click (BsWindow  *self,
                  GtkWidget *list,
                  GtkWidget *pane)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect (click, "released", G_CALLBACK (forward_released_cb), pane);
  gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (click));
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

/* The article */

static void
shown_flags_cb (BsEntry    *entry,
                GParamSpec *pspec,
                BsWindow   *self)
{
  update_entry_actions (self);
}

static void
show_entry (BsWindow *self,
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
      update_entry_actions (self);
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
      bs_article_view_show_entry (self->article_view, entry, source);
      gtk_stack_set_visible_child_name (self->content_stack, "article");
    }
  adw_window_title_set_title (self->content_title,
                              source != NULL ? bs_source_get_display_title (source) : NULL);

  if (g_settings_get_boolean (self->settings, "mark-read-on-select") && !bs_entry_get_read (entry))
    bs_library_set_read (self->library, entry, TRUE);
  update_entry_actions (self);
}

static void
entry_selected_cb (GtkSingleSelection *selection,
                   GParamSpec         *pspec,
                   BsWindow           *self)
{
  show_entry (self, gtk_single_selection_get_selected_item (selection));
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

GtkWidget *
bs_window_get_article_view (BsWindow *self)
{
  g_return_val_if_fail (BS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->article_view);
}

/* Actions */

static void
update_entry_actions (BsWindow *self)
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

static void
unread_only_changed (BsWindow *self)
{
  gtk_filter_list_model_set_filter (self->entry_filter,
                                    self->unread_only ? GTK_FILTER (self->unread_filter) : NULL);
  update_list_state (self);
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
        bs_article_view_show_entry (self->article_view, self->shown,
                                    bs_library_lookup_source (self->library,
                                                              bs_entry_get_source_id (self->shown)));
      gtk_stack_set_visible_child_name (self->content_stack,
                                        self->shown != NULL ? "article" : "none");
      if (folded && visible == self->content_pane && self->shown == NULL)
        adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
    }
}

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

/* Search */

static void
search_changed_cb (GtkSearchEntry *entry,
                   BsWindow       *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GListModel) entries = NULL;

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
      text = g_strdup_printf ("%u/%u", bs_updater_get_n_done (updater),
                              bs_updater_get_n_total (updater));
      gtk_label_set_text (self->refresh_label, text);
      set_tooltip_if_changed (GTK_WIDGET (self->refresh_stack), _("Refreshing feeds"));
    }
  else
    {
      set_tooltip_if_changed (GTK_WIDGET (self->refresh_stack), NULL);
    }
}

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

/* Dialogs, and the welcome page while there are no subscriptions */

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
  update_list_state (self);
}

/* Window state */

static void
save_state (BsWindow *self)
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
            unread_only_changed (self);
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
  save_state (BS_WINDOW (window));

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
  g_clear_object (&self->view_entries);
  g_clear_object (&self->sidebar_selection);
  g_clear_object (&self->entry_selection);
  g_clear_object (&self->unread_filter);
  g_clear_object (&self->settings);

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

static void
bs_window_init (BsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Benchmark hook (bench/ui-bench.sh). When BROADSHEET_BENCH_READY_FD names an
 * open file descriptor, the first frame painted with rows in the article list
 * writes "ready USEC ROWS RENDERER\n" to it, USEC being g_get_monotonic_time()
 * (that is CLOCK_MONOTONIC) after the paint, ROWS the number of articles in the
 * list and RENDERER the GskRenderer's type, and closes it. Unset, nothing
 * happens. */
static int bench_ready_fd = -1;

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      BsWindow      *self)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->entry_list));
  guint rows = g_list_model_get_n_items (G_LIST_MODEL (self->entry_selection));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  char line[128];
  int len;

  if (bench_ready_fd < 0 || row == NULL || !gtk_widget_get_mapped (row) || rows == 0)
    return;

  len = g_snprintf (line, sizeof line, "ready %" G_GINT64_FORMAT " %u %s\n", g_get_monotonic_time (),
                    rows, renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  if (write (bench_ready_fd, line, len) != len)
    g_warning ("BROADSHEET_BENCH_READY_FD: could not write");
  close (bench_ready_fd);
  bench_ready_fd = -1;
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
}

static void
bench_realize_cb (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (bench_after_paint_cb), widget, 0);
}

static void
bench_hook_setup (BsWindow *self)
{
  const char *fd = g_getenv ("BROADSHEET_BENCH_READY_FD");
  guint64 n;

  if (fd == NULL || bench_ready_fd >= 0 || self->entry_selection == NULL ||
      !g_ascii_string_to_unsigned (fd, 10, 0, G_MAXINT, &n, NULL))
    return;
  bench_ready_fd = (int) n;
  g_signal_connect_after (self, "realize", G_CALLBACK (bench_realize_cb), NULL);
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
  g_autoptr(GtkListItemFactory) sidebar_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) entry_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GListModel) sidebar_model = NULL;
  g_autofree char *selected = NULL;
  GtkEventController *keys;
  const GError *error;

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

  error = bs_application_get_open_error (self->application);
  self->library = bs_application_get_library (self->application);
  if (self->library == NULL)
    {
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

  /* the sidebar */
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
  forward_on_click (self, GTK_WIDGET (self->sidebar_list), self->list_pane);
  g_signal_connect (self->sidebar_list, "activate", G_CALLBACK (sidebar_activate_cb), self);
  g_signal_connect (self->sidebar_selection, "notify::selected-item",
                    G_CALLBACK (sidebar_selected_cb), self);
  g_signal_connect_after (sidebar_model, "items-changed",
                          G_CALLBACK (sidebar_items_changed_cb), self);

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
  forward_on_click (self, GTK_WIDGET (self->entry_list), self->content_pane);
  g_signal_connect (self->entry_selection, "notify::selected-item",
                    G_CALLBACK (entry_selected_cb), self);
  g_signal_connect (self->entry_selection, "items-changed", G_CALLBACK (entries_changed_cb), self);

  /* search */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);

  /* the keyboard */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* refresh progress */
  g_signal_connect_object (bs_application_get_updater (self->application), "notify::refreshing",
                           G_CALLBACK (refresh_progress_cb), self, 0);
  g_signal_connect_object (bs_application_get_updater (self->application), "notify::n-done",
                           G_CALLBACK (refresh_progress_cb), self, 0);
  refresh_progress_cb (bs_application_get_updater (self->application), NULL, self);

  /* the welcome page while there are no subscriptions */
  g_signal_connect_object (bs_library_get_sources (self->library), "items-changed",
                           G_CALLBACK (sources_changed_cb), self, 0);
  update_main_page (self);

  selected = g_settings_get_string (self->settings, "selected-view");
  bs_window_select_view (self, selected);
  if (self->view == NULL)
    sidebar_selected_cb (self->sidebar_selection, NULL, self);
  update_entry_actions (self);
  /* reading starts in the article list, not on the + button */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->entry_list));
  bench_hook_setup (self);
}
