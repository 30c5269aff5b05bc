/* test-ui-keys.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The keyboard, with real key presses (xdotool, through the X server,
 * GDK and the window's key controller: key_pressed_cb in bs-window.c, the
 * application's accelerators and the window's bindings). */

#include "config.h"

#include <string.h>

#include "ui-harness.h"

static BsSource *
subscribe (UiFixture  *f,
           const char *fixture)
{
  g_autofree char *path = g_strconcat ("/", fixture, NULL);
  g_autofree char *file = g_strconcat ("ui/", fixture, NULL);
  BsSource *source;

  ui_server_set_fixture (f->server, path, "application/rss+xml", file);
  source = ui_subscribe (f, path);
  ui_refresh (f);
  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_NONE);
  UI_WAIT_UNTIL (f, g_list_model_get_n_items (bs_window_get_entries (f->window)) > 0);
  return source;
}

/* Presses @keys and waits until the selection is at @position, showing
 * that article. */
static void
press_and_expect_position (UiFixture  *f,
                           const char *keys,
                           guint       position)
{
  g_test_message ("key %s: expecting the article at %u", keys, position);
  ui_press_keys (f, keys);
  UI_WAIT_UNTIL (f, ui_get_selected_position (f) == position);
  UI_WAIT_UNTIL (f, bs_window_get_selected_entry (f->window) == ui_get_entry (f, position));
}

/* j and n go down, k and p up, and the ends stop them. */
static void
test_navigate (UiFixture     *f,
               gconstpointer  data)
{
  g_autofree char *shot = NULL;

  if (!ui_require_keyboard ())
    return;

  ui_start (f);
  subscribe (f, "news.xml");
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, 4);
  g_assert_cmpuint (ui_get_selected_position (f), ==, GTK_INVALID_LIST_POSITION);
  g_assert_null (bs_window_get_selected_entry (f->window));

  press_and_expect_position (f, "j", 0);
  press_and_expect_position (f, "j", 1);
  press_and_expect_position (f, "n", 2);
  press_and_expect_position (f, "n", 3);
  /* the last one: j stays */
  ui_press_keys (f, "j");
  ui_wait_frames (f, 1);
  g_assert_cmpuint (ui_get_selected_position (f), ==, 3);
  press_and_expect_position (f, "k", 2);
  press_and_expect_position (f, "p", 1);
  press_and_expect_position (f, "k", 0);
  /* the first one: k stays */
  ui_press_keys (f, "k");
  ui_wait_frames (f, 1);
  g_assert_cmpuint (ui_get_selected_position (f), ==, 0);

  ui_wait_article (f, ui_get_entry (f, 0));
  shot = ui_screenshot (f, "keys-navigate");
}

/* Space pages down through a long article, then goes to the next one. */
static void
test_space (UiFixture     *f,
            gconstpointer  data)
{
  g_autofree char *shot = NULL;
  BsEntry *almanac;
  guint pages = 0;

  if (!ui_require_keyboard ())
    return;

  ui_start (f);
  subscribe (f, "long.xml");
  press_and_expect_position (f, "j", 0);
  almanac = ui_get_entry (f, 0);
  g_assert_cmpstr (bs_entry_get_title (almanac), ==, "A sailor's almanac, in forty paragraphs");
  ui_wait_article (f, almanac);
  g_assert_cmpfloat (ui_eval_js_number (f, "document.scrollingElement.scrollTop"), ==, 0);
  g_assert_cmpfloat (ui_eval_js_number (f, "document.scrollingElement.scrollHeight"), >,
                     3 * ui_eval_js_number (f, "window.innerHeight"));

  /* each Space scrolls, until the end of the article is on screen */
  for (;;)
    {
      double before = ui_eval_js_number (f, "document.scrollingElement.scrollTop");
      gboolean at_end = ui_eval_js_number (f, "var e = document.scrollingElement;"
                                              "e.scrollTop + window.innerHeight >= e.scrollHeight - 1") != 0;

      ui_press_keys (f, "space");
      if (at_end)
        break;
      UI_WAIT_UNTIL (f, ui_eval_js_number (f, "document.scrollingElement.scrollTop") > before);
      g_assert_cmpuint (ui_get_selected_position (f), ==, 0);
      pages++;
      g_assert_cmpuint (pages, <, 100);
      if (pages == 1)
        {
          ui_wait_frames (f, 2);
          shot = ui_screenshot (f, "keys-space");
        }
    }
  g_assert_cmpuint (pages, >=, 3);

  /* the Space at the end moves on */
  UI_WAIT_UNTIL (f, ui_get_selected_position (f) == 1);
  ui_wait_article (f, ui_get_entry (f, 1));
  g_assert_cmpfloat (ui_eval_js_number (f, "document.scrollingElement.scrollTop"), ==, 0);
}

/* o hands the article's link to the browser ("open-uri"). */
static void
test_open (UiFixture     *f,
           gconstpointer  data)
{
  g_autofree char *shot = NULL;

  if (!ui_require_keyboard ())
    return;

  ui_start (f);
  subscribe (f, "news.xml");
  press_and_expect_position (f, "j", 0);
  press_and_expect_position (f, "j", 1);
  g_assert_cmpuint (f->opened_uris->len, ==, 0);

  ui_press_keys (f, "o");
  UI_WAIT_UNTIL (f, f->opened_uris->len == 1);
  g_assert_cmpstr (f->opened_uris->pdata[0], ==, "https://gazette.example.org/2026/regatta");
  g_assert_cmpstr (f->opened_uris->pdata[0], ==, bs_entry_get_link (ui_get_entry (f, 1)));
  /* the window stays on the article */
  g_assert_cmpuint (ui_get_selected_position (f), ==, 1);
  ui_wait_article (f, ui_get_entry (f, 1));
  shot = ui_screenshot (f, "keys-open");
}

/* s and m (and the actions behind the star and read buttons) change the
 * flags in the library, the rows show them, and they survive a restart. */
static void
test_star_and_read (UiFixture     *f,
                    gconstpointer  data)
{
  g_autofree char *shot = NULL;
  g_autofree char *source_id = NULL;
  g_autofree char *key0 = NULL;
  g_autofree char *key1 = NULL;
  g_autofree char *key2 = NULL;
  BsLibrary *library;
  BsSource *source;
  BsEntry *entry;

  if (!ui_require_keyboard ())
    return;

  ui_start (f);
  source = subscribe (f, "news.xml");
  source_id = g_strdup (bs_source_get_id (source));

  /* the first article through the actions */
  press_and_expect_position (f, "j", 0);
  entry = ui_get_entry (f, 0);
  key0 = g_strdup (bs_entry_get_key (entry));
  g_assert_true (bs_entry_get_read (entry)); /* mark-read-on-select */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-starred", NULL));
  g_assert_true (bs_entry_get_starred (entry));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-read", NULL));
  g_assert_false (bs_entry_get_read (entry));

  /* the second through the keys: starred and read */
  press_and_expect_position (f, "j", 1);
  entry = ui_get_entry (f, 1);
  key1 = g_strdup (bs_entry_get_key (entry));
  g_assert_true (bs_entry_get_read (entry));
  ui_press_keys (f, "s");
  UI_WAIT_UNTIL (f, bs_entry_get_starred (entry));
  ui_press_keys (f, "m");
  UI_WAIT_UNTIL (f, !bs_entry_get_read (entry));
  ui_press_keys (f, "m");
  UI_WAIT_UNTIL (f, bs_entry_get_read (entry));

  /* the third: starred, then not */
  press_and_expect_position (f, "j", 2);
  entry = ui_get_entry (f, 2);
  key2 = g_strdup (bs_entry_get_key (entry));
  ui_press_keys (f, "s");
  UI_WAIT_UNTIL (f, bs_entry_get_starred (entry));
  ui_press_keys (f, "s");
  UI_WAIT_UNTIL (f, !bs_entry_get_starred (entry));

  g_assert_cmpuint (bs_source_get_unread_count (source), ==, 2);
  ui_wait_article (f, entry);
  shot = ui_screenshot (f, "keys-star-read");

  /* a new instance on the same store */
  ui_restart (f);
  library = ui_get_library (f);
  source = bs_library_lookup_source (library, source_id);
  g_assert_nonnull (source);

  entry = bs_library_lookup_entry (library, source_id, key0);
  g_assert_nonnull (entry);
  g_assert_true (bs_entry_get_starred (entry));
  g_assert_false (bs_entry_get_read (entry));
  entry = bs_library_lookup_entry (library, source_id, key1);
  g_assert_nonnull (entry);
  g_assert_true (bs_entry_get_starred (entry));
  g_assert_true (bs_entry_get_read (entry));
  entry = bs_library_lookup_entry (library, source_id, key2);
  g_assert_nonnull (entry);
  g_assert_false (bs_entry_get_starred (entry));
  g_assert_true (bs_entry_get_read (entry));
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, 2);

  /* and the Starred view lists the two */
  bs_window_select_view (f->window, "starred");
  UI_WAIT_UNTIL (f, g_strcmp0 (bs_window_get_view (f->window), "starred") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, 2);
  g_clear_pointer (&shot, g_free);
  ui_wait_frames (f, 1);
  shot = ui_screenshot (f, "keys-starred-after-restart");
}

/* Shift+A marks the whole view read; the toast's Undo takes it back. */
static void
test_mark_all_read (UiFixture     *f,
                    gconstpointer  data)
{
  g_autofree char *shot = NULL;
  GListModel *entries;
  GtkWidget *undo;
  BsSource *source;

  if (!ui_require_keyboard ())
    return;

  ui_start (f);
  source = subscribe (f, "news.xml");
  entries = bs_window_get_entries (f->window);
  g_assert_cmpuint (bs_source_get_unread_count (source), ==, 4);

  ui_press_keys (f, "shift+a");
  UI_WAIT_UNTIL (f, bs_source_get_unread_count (source) == 0);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    g_assert_true (bs_entry_get_read (ui_get_entry (f, i)));
  g_assert_cmpuint (bs_library_get_total_unread (ui_get_library (f)), ==, 0);

  UI_WAIT_UNTIL (f, ui_find_label (GTK_WIDGET (f->window), "4 articles marked as read") != NULL);
  UI_WAIT_UNTIL (f, (undo = ui_find_button (GTK_WIDGET (f->window), "_Undo")) != NULL);
  ui_wait_frames (f, 2);
  shot = ui_screenshot (f, "keys-mark-all-read");

  gtk_widget_activate (undo);
  UI_WAIT_UNTIL (f, bs_source_get_unread_count (source) == 4);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    g_assert_false (bs_entry_get_read (ui_get_entry (f, i)));
}

static gboolean
is_search_bar (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_SEARCH_BAR (widget);
}

static gboolean
is_search_entry (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

/* Ctrl+F opens the search, typing searches (and is not taken for
 * shortcuts), Escape closes it. */
static void
test_search (UiFixture     *f,
             gconstpointer  data)
{
  g_autofree char *shot = NULL;
  g_autofree char *titles = NULL;
  GtkSearchBar *bar;
  GtkWidget *focus;

  if (!ui_require_keyboard ())
    return;

  ui_start (f);
  subscribe (f, "news.xml");
  g_assert_cmpuint (g_list_model_get_n_items (bs_window_get_entries (f->window)), ==, 4);
  g_assert_null (ui_find_widget (GTK_WIDGET (f->window), is_search_entry, NULL));

  ui_press_keys (f, "ctrl+f");
  UI_WAIT_UNTIL (f, (bar = GTK_SEARCH_BAR (ui_find_widget (GTK_WIDGET (f->window), is_search_bar,
                                                          NULL))) != NULL
                    && gtk_search_bar_get_search_mode (bar));
  /* typing goes to the entry once it is on screen: the search bar slides
   * it in, and a key pressed before it is mapped is lost */
  UI_WAIT_UNTIL (f, (focus = gtk_root_get_focus (GTK_ROOT (f->window))) != NULL
                    && gtk_widget_is_ancestor (focus, GTK_WIDGET (bar))
                    && gtk_widget_get_mapped (focus));

  /* a word of the ferry article's text, not of its title; its k and j
   * are typed, not taken for "previous" and "next" */
  ui_type_text (f, "quokka");
  UI_WAIT_UNTIL (f, g_list_model_get_n_items (bs_window_get_entries (f->window)) == 1);
  titles = ui_entry_titles (f);
  g_assert_cmpstr (titles, ==, "New ferry timetable for the islands");
  g_assert_cmpuint (ui_get_selected_position (f), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (bar)));
  ui_wait_frames (f, 2);
  shot = ui_screenshot (f, "keys-search");

  ui_press_keys (f, "Escape");
  UI_WAIT_UNTIL (f, !gtk_search_bar_get_search_mode (bar));
  UI_WAIT_UNTIL (f, g_list_model_get_n_items (bs_window_get_entries (f->window)) == 4);
}

static gboolean
is_primary_menu_button (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget))
         && gtk_widget_is_drawable (widget);
}

/* Whether @menu (or one of its sections) has an item whose action is
 * @action; its label in *label. */
static gboolean
menu_has_action (GMenuModel  *menu,
                 const char  *action,
                 char       **label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_action (section, action, label))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action))
        return g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", label);
    }
  return FALSE;
}

/* F1, wherever the focus is, and the main menu's Help item ask for the
 * user guide (help:broadsheet, which yelp shows). */
static void
test_help (UiFixture     *f,
           gconstpointer  data)
{
  g_autofree char *shot = NULL;
  g_autofree char *label = NULL;
  GtkWidget *menu_button;
  GtkWidget *focus;

  if (!ui_require_keyboard ())
    return;

  ui_start (f);
  subscribe (f, "news.xml");
  g_assert_cmpuint (f->opened_uris->len, ==, 0);

  ui_press_keys (f, "F1");
  UI_WAIT_UNTIL (f, f->opened_uris->len == 1);
  g_assert_cmpstr (f->opened_uris->pdata[0], ==, "help:broadsheet");

  /* in a text field too */
  ui_press_keys (f, "ctrl+f");
  UI_WAIT_UNTIL (f, (focus = gtk_root_get_focus (GTK_ROOT (f->window))) != NULL
                    && GTK_IS_EDITABLE (focus) && gtk_widget_get_mapped (focus));
  ui_press_keys (f, "F1");
  UI_WAIT_UNTIL (f, f->opened_uris->len == 2);
  g_assert_cmpstr (f->opened_uris->pdata[1], ==, "help:broadsheet");
  ui_press_keys (f, "Escape");
  UI_WAIT_UNTIL (f, !gtk_widget_get_mapped (focus));

  /* the main menu has Help, and its action is the one F1 runs */
  menu_button = ui_find_widget (GTK_WIDGET (f->window), is_primary_menu_button, NULL);
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                                  "app.help", &label));
  g_assert_cmpstr (label, ==, "_Help");
  g_assert_true (gtk_widget_activate_action (menu_button, "app.help", NULL));
  UI_WAIT_UNTIL (f, f->opened_uris->len == 3);
  g_assert_cmpstr (f->opened_uris->pdata[2], ==, "help:broadsheet");
  ui_wait_frames (f, 2);
  shot = ui_screenshot (f, "keys-help");
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv, "test-ui-keys");

  UI_TEST ("/broadsheet/ui/keys/navigate", test_navigate);
  UI_TEST ("/broadsheet/ui/keys/space", test_space);
  UI_TEST ("/broadsheet/ui/keys/open", test_open);
  UI_TEST ("/broadsheet/ui/keys/star-and-read", test_star_and_read);
  UI_TEST ("/broadsheet/ui/keys/mark-all-read", test_mark_all_read);
  UI_TEST ("/broadsheet/ui/keys/search", test_search);
  UI_TEST ("/broadsheet/ui/keys/help", test_help);

  return ui_run ();
}
