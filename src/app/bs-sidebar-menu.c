/* bs-sidebar-menu.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bs-sidebar-menu.h"

/* What a row keeps: its window, its item, its menu. */
typedef struct {
  BsWindow *window;       /* weak */
  BsSidebarItem *item;
  GtkWidget *popover;
  GSimpleActionGroup *actions;
} RowMenu;

static void
row_menu_free (RowMenu *menu)
{
  if (menu->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (menu->window), (gpointer *) &menu->window);
  g_clear_object (&menu->item);
  g_clear_object (&menu->actions);
  g_free (menu);
}

static BsApplication *
window_app (BsWindow *window)
{
  return BS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
}

static BsLibrary *
window_library (BsWindow *window)
{
  return bs_application_get_library (window_app (window));
}

/* The sources a refresh of @item covers; NULL for all of them. */
static GPtrArray *
item_sources (BsWindow      *window,
              BsSidebarItem *item)
{
  GListModel *sources = bs_library_get_sources (window_library (window));
  GPtrArray *result;

  switch (bs_sidebar_item_get_kind (item))
    {
    case BS_SIDEBAR_ITEM_SOURCE:
      result = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (result, g_object_ref (bs_sidebar_item_get_source (item)));
      return result;

    case BS_SIDEBAR_ITEM_FOLDER:
      result = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
        {
          g_autoptr(BsSource) source = g_list_model_get_item (sources, i);

          if (g_strcmp0 (bs_source_get_folder (source), bs_sidebar_item_get_folder (item)) == 0)
            g_ptr_array_add (result, g_steal_pointer (&source));
        }
      return result;

    default:
      return NULL;
    }
}

/* The actions */

static void
do_refresh (BsWindow      *window,
            BsSidebarItem *item)
{
  g_autoptr(GPtrArray) sources = item_sources (window, item);

  bs_application_refresh (window_app (window), sources);
}

static void
do_mark_read (BsWindow      *window,
              BsSidebarItem *item)
{
  BsLibrary *library = window_library (window);
  g_autofree char *title = NULL;
  guint n;

  switch (bs_sidebar_item_get_kind (item))
    {
    case BS_SIDEBAR_ITEM_SOURCE:
      n = bs_library_mark_source_read (library, bs_sidebar_item_get_source (item));
      break;
    case BS_SIDEBAR_ITEM_FOLDER:
      n = bs_library_mark_folder_read (library, bs_sidebar_item_get_folder (item));
      break;
    case BS_SIDEBAR_ITEM_STARRED:
      {
        /* the starred articles only; copied first: the model changes as
         * they are marked */
        GListModel *starred = bs_library_get_starred_entries (library);
        guint n_items = g_list_model_get_n_items (starred);
        g_autoptr(GPtrArray) unread = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint i = 0; i < n_items; i++)
          {
            g_autoptr(BsEntry) entry = g_list_model_get_item (starred, i);

            if (!bs_entry_get_read (entry))
              g_ptr_array_add (unread, g_steal_pointer (&entry));
          }
        for (guint i = 0; i < unread->len; i++)
          bs_library_set_read (library, g_ptr_array_index (unread, i), TRUE);
        n = unread->len;
      }
      break;
    default:
      n = bs_library_mark_all_read (library);
      break;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article marked as read",
                                        "%u articles marked as read", n), n);
  bs_window_add_toast (window, adw_toast_new (title));
}

typedef struct {
  BsWindow *window;
  BsSidebarItem *item;
  GtkWidget *entry;
  GtkWidget *folders;
} DialogData;

static void
dialog_data_free (gpointer  data,
                  GClosure *closure)
{
  DialogData *d = data;

  g_object_unref (d->window);
  g_object_unref (d->item);
  g_free (d);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DialogData       *d)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (d->entry));
  g_autofree char *name = g_strstrip (g_strdup (text));
  BsLibrary *library = window_library (d->window);

  if (g_strcmp0 (response, "rename") != 0)
    return;

  if (bs_sidebar_item_get_kind (d->item) == BS_SIDEBAR_ITEM_FOLDER)
    {
      if (name[0] != '\0')
        bs_library_rename_folder (library, bs_sidebar_item_get_folder (d->item), name);
    }
  else
    {
      /* empty: back to the feed's own title */
      bs_library_rename_source (library, bs_sidebar_item_get_source (d->item),
                                name[0] != '\0' ? name : NULL);
    }
}

static void
entry_activate_cb (GtkEntry         *entry,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "rename");
}

static void
do_rename (BsWindow      *window,
           BsSidebarItem *item)
{
  gboolean folder = bs_sidebar_item_get_kind (item) == BS_SIDEBAR_ITEM_FOLDER;
  DialogData *d = g_new0 (DialogData, 1);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                   folder ? _("Rename Folder") : _("Rename Feed"),
                                   folder ? NULL : _("Leave the name empty to use the "
                                                     "feed’s own title"));
  d->window = g_object_ref (window);
  d->item = g_object_ref (item);
  d->entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (d->entry), bs_sidebar_item_get_title (item));
  gtk_entry_set_activates_default (GTK_ENTRY (d->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name"), -1);
  g_signal_connect (d->entry, "activate", G_CALLBACK (entry_activate_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), d->entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (rename_response_cb), d,
                         dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  DialogData       *d)
{
  g_autofree char *name = NULL;
  guint selected;

  if (g_strcmp0 (response, "move") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->entry))));
  if (name[0] == '\0')
    {
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->folders));
      g_free (name);
      name = NULL;
      if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
        {
          GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (d->folders)));

          name = g_strdup (gtk_string_list_get_string (list, selected));
        }
    }

  bs_library_move_source (window_library (d->window), bs_sidebar_item_get_source (d->item), name);
}

static void
do_move (BsWindow      *window,
         BsSidebarItem *item)
{
  BsSource *source = bs_sidebar_item_get_source (item);
  GListModel *folders = bs_library_get_folders (window_library (window));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  DialogData *d = g_new0 (DialogData, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *body = NULL;
  guint current = 0;
  GtkWidget *dialog;

  gtk_string_list_append (names, _("No Folder"));
  for (guint i = 0; i < g_list_model_get_n_items (folders); i++)
    {
      g_autoptr(BsFolder) folder = g_list_model_get_item (folders, i);

      gtk_string_list_append (names, bs_folder_get_name (folder));
      if (g_strcmp0 (bs_folder_get_name (folder), bs_source_get_folder (source)) == 0)
        current = i + 1;
    }

  body = g_strdup_printf (_("Choose a folder for “%s”, or type the name of a new one"),
                          bs_source_get_display_title (source));
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Move to Folder"), body);
  d->window = g_object_ref (window);
  d->item = g_object_ref (item);
  d->folders = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (d->folders), current);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->folders), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Folder"), -1);
  d->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (d->entry), _("New folder"));
  gtk_entry_set_activates_default (GTK_ENTRY (d->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New folder"), -1);
  gtk_box_append (GTK_BOX (box), d->folders);
  gtk_box_append (GTK_BOX (box), d->entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (move_response_cb), d,
                         dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Whether new articles of the feed are told about (bs-notifier.h); the
 * library saves the change. */
static void
do_mute (BsWindow      *window,
         BsSidebarItem *item)
{
  BsSource *source = bs_sidebar_item_get_source (item);

  bs_source_set_notifications_muted (source, !bs_source_get_notifications_muted (source));
}

/* Whether the feed's articles open with their whole text from their web
 * pages (reader mode, bs-window-reader.c); the library saves the change. */
static void
do_full_articles (BsWindow      *window,
                  BsSidebarItem *item)
{
  BsSource *source = bs_sidebar_item_get_source (item);

  bs_source_set_full_articles (source, !bs_source_get_full_articles (source));
}

static GtkWidget *
property_row (const char *title,
              const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "—");
#if ADW_CHECK_VERSION (1, 3, 0)
  adw_action_row_set_subtitle_selectable (ADW_ACTION_ROW (row), TRUE);
#endif
  gtk_widget_add_css_class (row, "property");
  return row;
}

static char *
format_time (gint64 when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when <= 0)
    return g_strdup (_("Never"));
  local = g_date_time_new_from_unix_local (when);
  /* Translators: see g_date_time_format() */
  return local != NULL ? g_date_time_format (local, _("%-d %B %Y, %H:%M")) : NULL;
}

static void
do_properties (BsWindow      *window,
               BsSidebarItem *item)
{
  BsSource *source = bs_sidebar_item_get_source (item);
  GtkWidget *dialog = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *success = format_time (bs_source_get_last_success (source));
  g_autofree char *check = format_time (bs_source_get_last_check (source));
  g_autofree char *unread = g_strdup_printf ("%u", bs_source_get_unread_count (source));
  GtkWidget *mute_switch;
  GtkWidget *mute_row;
  GtkWidget *full_switch;
  GtkWidget *full_row;

  gtk_window_set_title (GTK_WINDOW (dialog), _("Feed Properties"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, 560);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (dialog), FALSE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   bs_source_get_display_title (source));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             property_row (_("Feed Address"), bs_source_get_feed_url (source)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             property_row (_("Web Site"), bs_source_get_site_url (source)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             property_row (_("Folder"), bs_source_get_folder (source)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             property_row (_("Unread Articles"), unread));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             property_row (_("Last Update"), success));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             property_row (_("Last Check"), check));
  if (bs_source_get_error_kind (source) != BS_SOURCE_ERROR_KIND_NONE)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               property_row (_("Error"), bs_sidebar_item_get_error (item)));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* the feed's options, saved as they change */
  group = adw_preferences_group_new ();
  mute_switch = gtk_switch_new ();
  gtk_widget_set_valign (mute_switch, GTK_ALIGN_CENTER);
  g_object_bind_property (source, "notifications-muted", mute_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  mute_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (mute_row), _("Mute _Notifications"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (mute_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (mute_row),
                               _("New articles of this feed are not notified"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (mute_row), mute_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (mute_row), mute_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), mute_row);
  full_switch = gtk_switch_new ();
  gtk_widget_set_valign (full_switch, GTK_ALIGN_CENTER);
  g_object_bind_property (source, "full-articles", full_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  full_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (full_row), _("_Always Load Full Articles"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (full_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (full_row),
                               _("Articles open with their whole text from their web pages, "
                                 "kept for reading offline"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (full_row), full_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (full_row), full_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), full_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (dialog), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  BsLibrary *library;
  BsRemovedSource *removed;
} Unsubscribed;

static void
unsubscribed_free (gpointer  data,
                   GClosure *closure)
{
  Unsubscribed *u = data;

  g_object_unref (u->library);
  g_clear_pointer (&u->removed, bs_removed_source_free);
  g_free (u);
}

static void
undo_unsubscribe_cb (AdwToast     *toast,
                     Unsubscribed *u)
{
  g_autoptr(GError) error = NULL;

  if (u->removed == NULL)
    return;
  if (!bs_library_restore_source (u->library, u->removed, &error))
    g_warning ("Could not restore the feed: %s", error->message);
  g_clear_pointer (&u->removed, bs_removed_source_free);
}

static void
do_unsubscribe (BsWindow      *window,
                BsSidebarItem *item)
{
  BsLibrary *library = window_library (window);
  Unsubscribed *u = g_new0 (Unsubscribed, 1);
  g_autofree char *title = NULL;
  AdwToast *toast;

  title = g_strdup_printf (_("Unsubscribed from “%s”"), bs_sidebar_item_get_title (item));
  u->library = g_object_ref (library);
  u->removed = bs_library_remove_source (library, bs_sidebar_item_get_source (item));

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_unsubscribe_cb), u,
                         unsubscribed_free, 0);
  bs_window_add_toast (window, toast);
}

static const struct {
  const char *name;
  void (*run) (BsWindow *window, BsSidebarItem *item);
  gboolean source_only;
  gboolean not_views;
} actions[] = {
  { "refresh", do_refresh, FALSE, FALSE },
  { "mark-read", do_mark_read, FALSE, FALSE },
  { "rename", do_rename, FALSE, TRUE },
  { "move", do_move, TRUE, TRUE },
  { "properties", do_properties, TRUE, TRUE },
  { "mute-notifications", do_mute, TRUE, TRUE },
  { "full-articles", do_full_articles, TRUE, TRUE },
  { "unsubscribe", do_unsubscribe, TRUE, TRUE },
};

/**
 * bs_sidebar_menu_activate:
 * @window: the window
 * @item: a sidebar item
 * @action: "refresh", "mark-read", "rename", "move", "properties",
 *   "mute-notifications" (toggles), "full-articles" (toggles) or
 *   "unsubscribe"
 *
 * Does what the menu item does for @item.
 *
 * Returns: FALSE when the action does not apply to @item
 */
gboolean
bs_sidebar_menu_activate (BsWindow      *window,
                          BsSidebarItem *item,
                          const char    *action)
{
  BsSidebarItemKind kind = bs_sidebar_item_get_kind (item);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      if (strcmp (actions[i].name, action) != 0)
        continue;
      if ((actions[i].source_only && kind != BS_SIDEBAR_ITEM_SOURCE)
          || (actions[i].not_views && kind != BS_SIDEBAR_ITEM_SOURCE
              && kind != BS_SIDEBAR_ITEM_FOLDER))
        return FALSE;
      actions[i].run (window, item);
      return TRUE;
    }
  return FALSE;
}

static void
action_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  RowMenu *menu = user_data;

  if (menu->window != NULL && menu->item != NULL)
    bs_sidebar_menu_activate (menu->window, menu->item, g_action_get_name (G_ACTION (action)));
}

static GMenuModel *
menu_model_for (BsSidebarItem *item)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  BsSidebarItemKind kind = bs_sidebar_item_get_kind (item);

  g_menu_append (section, _("_Refresh"), "sidebar.refresh");
  g_menu_append (section, _("_Mark All as Read"), "sidebar.mark-read");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  if (kind == BS_SIDEBAR_ITEM_SOURCE || kind == BS_SIDEBAR_ITEM_FOLDER)
    {
      section = g_menu_new ();
      g_menu_append (section, _("Re_name…"), "sidebar.rename");
      if (kind == BS_SIDEBAR_ITEM_SOURCE)
        {
          g_menu_append (section, _("Move to _Folder…"), "sidebar.move");
          g_menu_append (section, _("Mute _Notifications"), "sidebar.mute-notifications");
          g_menu_append (section, _("_Always Load Full Articles"), "sidebar.full-articles");
          g_menu_append (section, _("_Properties"), "sidebar.properties");
        }
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
    }

  if (kind == BS_SIDEBAR_ITEM_SOURCE)
    {
      section = g_menu_new ();
      g_menu_append (section, _("_Unsubscribe"), "sidebar.unsubscribe");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
    }

  return G_MENU_MODEL (menu);
}

/**
 * bs_sidebar_menu_popup:
 * @row: a row set up with bs_sidebar_menu_attach()
 *
 * Shows the row's menu.
 */
void
bs_sidebar_menu_popup (GtkWidget *row)
{
  RowMenu *menu = g_object_get_data (G_OBJECT (row), "bs-sidebar-menu");
  g_autoptr(GMenuModel) model = NULL;

  if (menu == NULL || menu->item == NULL)
    return;

  model = menu_model_for (menu->item);
  /* the check of "Mute Notifications" */
  if (bs_sidebar_item_get_kind (menu->item) == BS_SIDEBAR_ITEM_SOURCE)
    {
      BsSource *source = bs_sidebar_item_get_source (menu->item);
      GAction *mute = g_action_map_lookup_action (G_ACTION_MAP (menu->actions),
                                                  "mute-notifications");

      g_simple_action_set_state (G_SIMPLE_ACTION (mute),
                                 g_variant_new_boolean (bs_source_get_notifications_muted (source)));
      g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (menu->actions),
                                                                              "full-articles")),
                                 g_variant_new_boolean (bs_source_get_full_articles (source)));
    }
  if (menu->popover == NULL)
    {
      menu->popover = gtk_popover_menu_new_from_model (model);
      /* the row's disposal unparents it before row_destroyed() runs */
      g_object_add_weak_pointer (G_OBJECT (menu->popover), (gpointer *) &menu->popover);
      gtk_widget_set_parent (menu->popover, row);
      gtk_popover_set_has_arrow (GTK_POPOVER (menu->popover), FALSE);
      gtk_widget_set_halign (menu->popover, GTK_ALIGN_START);
    }
  else
    {
      gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (menu->popover), model);
    }
  gtk_popover_popup (GTK_POPOVER (menu->popover));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            GtkWidget       *row)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  bs_sidebar_menu_popup (row);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 GtkWidget           *row)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  bs_sidebar_menu_popup (row);
}

static void
row_destroyed (gpointer data)
{
  RowMenu *menu = data;

  if (menu->popover != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (menu->popover), (gpointer *) &menu->popover);
      gtk_widget_unparent (menu->popover);
    }
  row_menu_free (menu);
}

/**
 * bs_sidebar_menu_attach:
 * @row: the widget of a sidebar row
 * @window: its window
 *
 * Gives @row its context menu.
 */
void
bs_sidebar_menu_attach (GtkWidget *row,
                        BsWindow  *window)
{
  RowMenu *menu = g_new0 (RowMenu, 1);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  menu->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &menu->window);
  menu->actions = g_simple_action_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      /* a toggle shows as a check item; its state is set at popup */
      g_autoptr(GSimpleAction) action = actions[i].run == do_mute
                                        || actions[i].run == do_full_articles ?
        g_simple_action_new_stateful (actions[i].name, NULL, g_variant_new_boolean (FALSE)) :
        g_simple_action_new (actions[i].name, NULL);

      g_signal_connect (action, "activate", G_CALLBACK (action_activated), menu);
      g_action_map_add_action (G_ACTION_MAP (menu->actions), G_ACTION (action));
    }
  gtk_widget_insert_action_group (row, "sidebar", G_ACTION_GROUP (menu->actions));
  g_object_set_data_full (G_OBJECT (row), "bs-sidebar-menu", menu, row_destroyed);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (long_pressed_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (long_press));
}

void
bs_sidebar_menu_set_item (GtkWidget     *row,
                          BsSidebarItem *item)
{
  RowMenu *menu = g_object_get_data (G_OBJECT (row), "bs-sidebar-menu");

  if (menu != NULL)
    g_set_object (&menu->item, item);
}
