/* test-ui-notify.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Notifications about new articles and running in the background, end to
 * end: the real application in-process (ui-harness.h), a real
 * notification daemon (dunst) on the test's session bus, and a monitor
 * that counts every notification sent (ui-notify.h). */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bs-background.h"
#include "bs-notifier.h"
#include "bs-opml-actions.h"
#include "bs-preferences-window.h"
#include "bs-sidebar-menu.h"
#include "ui-harness.h"
#include "ui-notify.h"

static UiNotifyd *notifyd;

/* Posts are dated from here on, ten minutes apart: the same post keeps
 * its date when its feed grows. */
static gint64 base_time;

static GDBusConnection *
app_bus (UiFixture *f)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (f->app));

  g_assert_nonnull (bus);
  return bus;
}

/* Every notification the application sent so far has been seen. */
static guint
n_sent (UiFixture *f)
{
  ui_notifyd_sync (notifyd, f, app_bus (f));
  return ui_notifyd_get_n_sent (notifyd);
}

typedef struct {
  char *summary;
  char *body;
  GStrv actions;     /* key, label, key, label… */
  char *desktop_entry;
  guint32 replaces;
} Sent;

static void
sent_free (Sent *sent)
{
  g_free (sent->summary);
  g_free (sent->body);
  g_strfreev (sent->actions);
  g_free (sent->desktop_entry);
  g_free (sent);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sent, sent_free)

static Sent *
get_sent (guint i)
{
  g_autoptr(GVariant) call = ui_notifyd_get_sent (notifyd, i);
  g_autoptr(GVariant) hints = NULL;
  Sent *sent = g_new0 (Sent, 1);

  g_variant_get (call, "(&su&sss^as@a{sv}i)", NULL, &sent->replaces, NULL, &sent->summary,
                 &sent->body, &sent->actions, &hints, NULL);
  g_variant_lookup (hints, "desktop-entry", "s", &sent->desktop_entry);
  return sent;
}

static gboolean
has_action (Sent       *sent,
            const char *key,
            const char *label)
{
  for (guint i = 0; sent->actions[i] != NULL && sent->actions[i + 1] != NULL; i += 2)
    if (g_str_equal (sent->actions[i], key)
        && (label == NULL || g_str_equal (sent->actions[i + 1], label)))
      return TRUE;
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The titles of the article list, sorted, "|" between them. */
static char *
sorted_titles (UiFixture *f)
{
  GListModel *entries = bs_window_get_entries (f->window);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (entries, i);

      g_ptr_array_add (titles, (gpointer) bs_entry_get_title (entry));
    }
  g_ptr_array_sort (titles, compare_strings);
  g_ptr_array_add (titles, NULL);
  return g_strjoinv ("|", (char **) titles->pdata);
}

/* The sorted titles are the ones expected, "|" between them. */
static gboolean
list_is (UiFixture  *f,
         const char *expected)
{
  g_autofree char *titles = sorted_titles (f);

  return g_str_equal (titles, expected);
}

static BsWindow *
find_main_window (UiFixture *f)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l != NULL; l = l->next)
    if (BS_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static BsEntry *
find_entry (UiFixture  *f,
            BsSource   *source,
            const char *title)
{
  g_autoptr(GListModel) entries = bs_library_get_source_entries (ui_get_library (f), source);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (bs_entry_get_title (entry), title) == 0)
        return entry; /* the library keeps it */
    }
  g_error ("no article “%s”", title);
}

static gboolean
all_fetched (UiFixture *f,
             guint      n_sources)
{
  GListModel *sources = bs_library_get_sources (ui_get_library (f));

  if (g_list_model_get_n_items (sources) != n_sources
      || bs_updater_get_refreshing (bs_application_get_updater (f->app)))
    return FALSE;
  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);

      if (bs_source_get_last_success (source) == 0)
        return FALSE;
    }
  return TRUE;
}

/* A feed added with the Add Feed dialog and two imported from OPML bring
 * their articles without a word; then new posts in two of them bring one
 * notification, which dunst shows with the right words, and whose default
 * action (a click) opens the window on exactly those posts. */
static void
test_new_articles (UiFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *opml_path = g_build_filename (f->data_dir, "..", "notify-import.opml", NULL);
  g_autofree char *opml = NULL;
  g_autofree char *lwn = NULL;
  g_autofree char *blog = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(Sent) sent = NULL;
  BsSource *planet;

  ui_notifyd_reset (notifyd);

  ui_serve_feed (f, base_time, "Planet Harbour", "planet", 5);
  ui_serve_feed (f, base_time, "Tide Tables", "tides", 3);
  ui_serve_feed (f, base_time, "Lighthouse Blog", "blog", 2);
  ui_start (f);

  /* subscribing is no news */
  planet = ui_add_feed (f, "/planet.xml", NULL);
  g_assert_cmpuint (bs_source_get_unread_count (planet), ==, 5);
  g_assert_cmpuint (n_sent (f), ==, 0);

  /* nor is importing: two feeds of an OPML file, refreshed at once */
  lwn = ui_server_url (f->server, "/tides.xml");
  blog = ui_server_url (f->server, "/blog.xml");
  opml = g_strdup_printf ("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>Mine</title>"
                          "</head><body><outline text=\"Tides\" type=\"rss\" xmlUrl=\"%s\"/>"
                          "<outline text=\"Blog\" type=\"rss\" xmlUrl=\"%s\"/></body></opml>\n",
                          lwn, blog);
  g_assert_true (g_file_set_contents (opml_path, opml, -1, NULL));
  file = g_file_new_for_path (opml_path);
  bs_opml_import_file (f->window, file);
  UI_WAIT_UNTIL (f, all_fetched (f, 3));
  g_unlink (opml_path);
  g_assert_cmpuint (g_list_model_get_n_items (bs_library_get_unread_entries (ui_get_library (f))),
                    ==, 10);
  g_assert_cmpuint (n_sent (f), ==, 0);

  /* two new posts in the Planet, one in the blog, none in the tides */
  ui_serve_feed (f, base_time, "Planet Harbour", "planet", 7);
  ui_serve_feed (f, base_time, "Lighthouse Blog", "blog", 3);
  ui_refresh (f);

  /* one notification, that says so */
  g_assert_cmpuint (n_sent (f), ==, 1);
  sent = get_sent (0);
  g_assert_cmpstr (sent->summary, ==, "3 new articles");
  g_assert_cmpstr (sent->body, ==, "Planet Harbour and Lighthouse Blog");
  g_assert_true (has_action (sent, "default", NULL));
  g_assert_true (has_action (sent, "Mark as Read", NULL) || has_action (sent, "0", "Mark as Read")
                 || g_strv_contains ((const char * const *) sent->actions, "Mark as Read"));
  g_assert_cmpstr (sent->desktop_entry, ==, APPLICATION_ID);
  g_assert_cmpuint (bs_notifier_get_n_notified (bs_application_get_notifier (f->app)), ==, 3);

  /* dunst shows it, one notification */
  ui_notifyd_wait_shown (notifyd, f, 1);
  shown = ui_notifyd_get_shown (notifyd, 0);
  g_assert_cmpstr (shown, ==, "3 new articles\nPlanet Harbour and Lighthouse Blog");
  g_assert_cmpuint (ui_notifyd_count_displayed (notifyd), ==, 1);
  ui_wait_transitions (f);
  shot = ui_screenshot_screen ("notify-new-articles");

  /* a click: the window lists those three */
  ui_notifyd_invoke_default (notifyd);
  UI_WAIT_UNTIL (f, ui_find_label (GTK_WIDGET (f->window), "New Articles") != NULL);
  UI_WAIT_UNTIL (f, list_is (f, "Lighthouse Blog: story 3|Planet Harbour: story 6|"
                                "Planet Harbour: story 7"));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (f->window), "3 articles"));
  g_assert_cmpuint (bs_notifier_get_n_notified (bs_application_get_notifier (f->app)), ==, 0);
  g_clear_pointer (&shot, g_free);
  shot = ui_screenshot (f, "notify-window-new-articles");

  /* a view of the sidebar takes the list back */
  bs_window_select_view (f->window, "all");
  UI_WAIT_UNTIL (f, g_list_model_get_n_items (bs_window_get_entries (f->window)) == 13);
  g_assert_null (ui_find_label (GTK_WIDGET (f->window), "New Articles"));
}

/* One new post: its title, and its feed. A muted feed is not told about
 * (muted from the feed's menu, kept across a restart, unmuted in its
 * properties); with notifications off, nothing is. */
/* Closes the menu of a sidebar row. */
static void
popdown (UiFixture *f,
         GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      {
        gtk_popover_popdown (GTK_POPOVER (child));
        UI_WAIT_UNTIL (f, !gtk_widget_get_mapped (child));
      }
}

/* The preferences, as win.preferences (Ctrl+comma) opens them. */
static BsPreferencesWindow *
open_preferences (UiFixture *f)
{
  GtkWindow *preferences = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  UI_WAIT_UNTIL (f, (preferences = ui_find_window (BS_TYPE_PREFERENCES_WINDOW)) != NULL);
  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  return BS_PREFERENCES_WINDOW (preferences);
}

static gboolean
is_switch (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_SWITCH (widget);
}

/* dunst reads the body as markup ("body-markup"): a feed's title goes
 * there escaped, shown as the feed wrote it, never as markup. */
static void
test_markup_escaped (UiFixture     *f,
                     gconstpointer  data)
{
  g_autoptr(Sent) sent = NULL;

  ui_notifyd_reset (notifyd);

  /* XML-escaped here: the feed's title is "Fish & Chips <3" */
  ui_serve_feed (f, base_time, "Fish &amp; Chips &lt;3", "fish", 1);
  ui_start (f);
  ui_subscribe (f, "/fish.xml");
  ui_refresh (f);
  g_assert_cmpuint (n_sent (f), ==, 0);

  ui_serve_feed (f, base_time, "Fish &amp; Chips &lt;3", "fish", 2);
  ui_refresh (f);
  g_assert_cmpuint (n_sent (f), ==, 1);
  sent = get_sent (0);
  g_assert_cmpstr (sent->summary, ==, "Fish & Chips <3: story 2");
  g_assert_cmpstr (sent->body, ==, "Fish &amp; Chips &lt;3");
}

static void
test_single_muted_off (UiFixture     *f,
                       gconstpointer  data)
{
  g_autoptr(Sent) sent = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *quay_id = NULL;
  g_autofree char *tides_id = NULL;
  BsPreferencesWindow *preferences;
  GtkWindow *properties;
  GtkWidget *row;
  GtkWidget *mute;
  BsSource *quay;
  BsSource *tides;
  BsEntry *story;

  ui_notifyd_reset (notifyd);

  ui_serve_feed (f, base_time, "Quay News", "quay", 2);
  ui_serve_feed (f, base_time, "Tide Tables", "tides", 2);
  ui_start (f);
  quay = ui_subscribe (f, "/quay.xml");
  tides = ui_subscribe (f, "/tides.xml");
  ui_refresh (f);
  g_assert_cmpuint (n_sent (f), ==, 0);

  /* Quay News muted from its menu: a check there */
  row = ui_sidebar_row (f, "Quay News");
  bs_sidebar_menu_popup (row);
  g_assert_true (gtk_widget_activate_action (row, "sidebar.mute-notifications", NULL));
  g_assert_true (bs_source_get_notifications_muted (quay));
  g_assert_false (bs_source_get_notifications_muted (tides));
  bs_sidebar_menu_popup (row);
  ui_wait_transitions (f);
  ui_wait_frames (f, 2);
  /* the menu is a window of its own: the screen's picture has it */
  shot = ui_screenshot_screen ("notify-mute-menu");
  g_clear_pointer (&shot, g_free);
  popdown (f, row);

  /* saved: still muted after a restart */
  quay_id = g_strdup (bs_source_get_id (quay));
  tides_id = g_strdup (bs_source_get_id (tides));
  ui_restart (f);
  quay = bs_library_lookup_source (ui_get_library (f), quay_id);
  tides = bs_library_lookup_source (ui_get_library (f), tides_id);
  g_assert_true (bs_source_get_notifications_muted (quay));

  /* new posts in both: only the tides are told about, by title and feed */
  ui_serve_feed (f, base_time, "Quay News", "quay", 4);
  ui_serve_feed (f, base_time, "Tide Tables", "tides", 3);
  ui_refresh (f);
  g_assert_cmpuint (bs_source_get_unread_count (quay), ==, 4);
  g_assert_cmpuint (n_sent (f), ==, 1);
  sent = get_sent (0);
  g_assert_cmpstr (sent->summary, ==, "Tide Tables: story 3");
  g_assert_cmpstr (sent->body, ==, "Tide Tables");

  /* its default action shows that one article */
  ui_notifyd_invoke_default (notifyd);
  UI_WAIT_UNTIL (f, list_is (f, "Tide Tables: story 3"));
  story = find_entry (f, tides, "Tide Tables: story 3");
  UI_WAIT_UNTIL (f, bs_window_get_selected_entry (f->window) == story);

  /* only muted posts: nothing */
  ui_serve_feed (f, base_time, "Quay News", "quay", 5);
  ui_refresh (f);
  g_assert_cmpuint (bs_source_get_unread_count (quay), ==, 5);
  g_assert_cmpuint (n_sent (f), ==, 1);

  /* unmuted in its properties: told about again */
  row = ui_sidebar_row (f, "Quay News");
  g_assert_true (gtk_widget_activate_action (row, "sidebar.properties", NULL));
  UI_WAIT_UNTIL (f, (properties = ui_find_window (ADW_TYPE_PREFERENCES_WINDOW)) != NULL);
  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (GTK_WIDGET (properties)));
  UI_WAIT_UNTIL (f, (mute = ui_find_widget (GTK_WIDGET (properties), is_switch, NULL)) != NULL);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (mute)));
  ui_wait_frames_of (f, GTK_WIDGET (properties), 1);
  shot = ui_screenshot_widget (GTK_WIDGET (properties), "notify-feed-properties");
  g_clear_pointer (&shot, g_free);
  gtk_switch_set_active (GTK_SWITCH (mute), FALSE);
  g_assert_false (bs_source_get_notifications_muted (quay));
  gtk_window_close (properties);

  ui_serve_feed (f, base_time, "Quay News", "quay", 6);
  ui_refresh (f);
  g_assert_cmpuint (n_sent (f), ==, 2);
  g_clear_pointer (&sent, sent_free);
  sent = get_sent (1);
  g_assert_cmpstr (sent->summary, ==, "Quay News: story 6");

  /* notifications off, in the preferences: nothing, and the one shown
   * goes away */
  preferences = open_preferences (f);
  mute = bs_preferences_window_get_control (preferences, "notifications");
  g_assert_true (GTK_IS_SWITCH (mute));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (mute)));
  ui_wait_frames_of (f, GTK_WIDGET (preferences), 1);
  shot = ui_screenshot_widget (GTK_WIDGET (preferences), "notify-preferences");
  gtk_switch_set_active (GTK_SWITCH (mute), FALSE);
  g_assert_false (g_settings_get_boolean (bs_application_get_settings (f->app), "notifications"));
  gtk_window_close (GTK_WINDOW (preferences));
  UI_WAIT_UNTIL (f, ui_notifyd_count_displayed (notifyd) == 0);

  ui_serve_feed (f, base_time, "Tide Tables", "tides", 5);
  ui_refresh (f);
  /* story 3 was read when its notification showed it */
  g_assert_cmpuint (bs_source_get_unread_count (tides), ==, 4);
  g_assert_cmpuint (n_sent (f), ==, 2);
}

/* Running in the background: the window closed, a refresh still
 * notifies (and opens no window); the button marks the posts read
 * without a window; a click brings the window back on the new post. A
 * second notification replaces the first and still counts its posts. */
static void
test_background (UiFixture     *f,
                 gconstpointer  data)
{
  g_autoptr(Sent) sent = NULL;
  g_autofree char *shot = NULL;
  BsPreferencesWindow *preferences;
  BsBackground *background;
  GtkWidget *autostart_row;
  GtkWidget *control;
  BsSource *quay;

  ui_notifyd_reset (notifyd);

  ui_serve_feed (f, base_time, "Quay News", "quay", 2);
  ui_start (f);
  background = bs_application_get_background (f->app);
  g_assert_false (bs_background_get_holding (background));

  /* on, in the preferences */
  preferences = open_preferences (f);
  control = bs_preferences_window_get_control (preferences, "run-in-background");
  g_assert_true (GTK_IS_SWITCH (control));
  autostart_row = gtk_widget_get_ancestor (bs_preferences_window_get_control (preferences,
                                                                              "autostart"),
                                           ADW_TYPE_ACTION_ROW);
  g_assert_false (gtk_widget_get_sensitive (autostart_row));
  gtk_switch_set_active (GTK_SWITCH (control), TRUE);
  g_assert_true (bs_background_get_holding (background));
  g_assert_true (gtk_widget_get_sensitive (autostart_row));
  gtk_window_close (GTK_WINDOW (preferences));

  quay = ui_subscribe (f, "/quay.xml");
  ui_refresh (f);
  g_assert_cmpuint (n_sent (f), ==, 0);

  /* the window closes; the application stays, held */
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  UI_WAIT_UNTIL (f, gtk_application_get_windows (GTK_APPLICATION (f->app)) == NULL);
  g_assert_true (bs_background_get_holding (background));

  /* a refresh (the timer's, or the launcher's Refresh) notifies, no window */
  ui_serve_feed (f, base_time, "Quay News", "quay", 4);
  ui_refresh (f);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (f->app)));
  g_assert_cmpuint (n_sent (f), ==, 1);
  sent = get_sent (0);
  g_assert_cmpstr (sent->summary, ==, "2 new articles");
  g_assert_cmpstr (sent->body, ==, "Quay News");
  ui_notifyd_wait_shown (notifyd, f, 1);

  /* another, before the first was seen: it replaces the first, counting
   * its posts too */
  ui_serve_feed (f, base_time, "Quay News", "quay", 5);
  ui_refresh (f);
  g_assert_cmpuint (n_sent (f), ==, 2);
  g_clear_pointer (&sent, sent_free);
  sent = get_sent (1);
  g_assert_cmpstr (sent->summary, ==, "3 new articles");
  g_assert_cmpuint (sent->replaces, !=, 0);
  ui_notifyd_wait_shown (notifyd, f, 2);
  g_assert_cmpuint (ui_notifyd_count_displayed (notifyd), ==, 1);
  shot = ui_screenshot_screen ("notify-background");

  /* "Mark as Read", from the notification's menu: read, no window */
  ui_notifyd_invoke_button (notifyd, "Mark as Read");
  UI_WAIT_UNTIL (f, bs_source_get_unread_count (quay) == 2);
  g_assert_true (bs_entry_get_read (find_entry (f, quay, "Quay News: story 3")));
  g_assert_true (bs_entry_get_read (find_entry (f, quay, "Quay News: story 5")));
  g_assert_false (bs_entry_get_read (find_entry (f, quay, "Quay News: story 1")));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (f->app)));
  /* dunst leaves a notification up after an action of its menu: the user
   * closes it */
  ui_notifyd_close_all (notifyd);

  /* one more post; a click on its notification brings the window back on it */
  ui_serve_feed (f, base_time, "Quay News", "quay", 6);
  ui_refresh (f);
  g_assert_cmpuint (n_sent (f), ==, 3);
  g_clear_pointer (&sent, sent_free);
  sent = get_sent (2);
  g_assert_cmpstr (sent->summary, ==, "Quay News: story 6");
  UI_WAIT_UNTIL (f, ui_notifyd_count_displayed (notifyd) == 1);
  ui_notifyd_invoke_default (notifyd);
  UI_WAIT_UNTIL (f, (f->window = find_main_window (f)) != NULL);
  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  UI_WAIT_UNTIL (f, list_is (f, "Quay News: story 6"));
  UI_WAIT_UNTIL (f, ui_find_label (GTK_WIDGET (f->window), "New Articles") != NULL);
  g_clear_pointer (&shot, g_free);
  shot = ui_screenshot (f, "notify-background-window");

  /* Quit ends it (ui_stop checks that nothing keeps it) */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quit", NULL);
  g_assert_false (bs_background_get_holding (background));
}

/* The login start, outside Flatpak: a desktop file in the user's
 * autostart directory that starts this program without a window, there
 * while both switches are on. */
static void
test_autostart_file (UiFixture     *f,
                     gconstpointer  data)
{
  g_autofree char *path = bs_background_get_autostart_path ();
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exec = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *validate = g_find_program_in_path ("desktop-file-validate");
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  ui_notifyd_reset (notifyd);

  ui_start (f);
  settings = bs_application_get_settings (f->app);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* autostart alone is not enough */
  g_settings_set_boolean (settings, "autostart", TRUE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (file, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  expected = g_strconcat (program, " --gapplication-service", NULL);
  g_assert_cmpstr (exec, ==, expected);
  g_assert_true (g_key_file_get_boolean (file, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));
  g_assert_cmpstr (g_key_file_get_string (file, "Desktop Entry", "Type", NULL), ==, "Application");
  if (validate != NULL)
    {
      const char *argv[] = { validate, path, NULL };
      g_autofree char *out = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                    NULL, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("desktop-file-validate %s: %s", path, out);
    }

  /* either switch off takes it away */
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "autostart", FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "run-in-background", FALSE);
}

/* The Background portal, as inside Flatpak: a fake one on the bus answers
 * as the test says. */

typedef struct {
  GDBusConnection *bus;
  guint registration;
  guint owner;
  gboolean owned;
  gboolean allow;           /* its answer */
  gboolean allow_autostart;
  GPtrArray *requests;      /* the options of each RequestBackground */
} FakePortal;

static void
portal_method_cb (GDBusConnection       *bus,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  FakePortal *portal = user_data;
  g_autoptr(GVariant) options = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *who = NULL;
  const char *token = NULL;
  GVariantBuilder results;

  g_variant_get (parameters, "(&s@a{sv})", NULL, &options);
  g_ptr_array_add (portal->requests, g_variant_ref (options));
  g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));
  who = g_strdelimit (g_strdup (sender + 1), ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", who, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", handle));

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (portal->allow));
  g_variant_builder_add (&results, "{sv}", "autostart",
                         g_variant_new_boolean (portal->allow_autostart));
  g_dbus_connection_emit_signal (bus, sender, handle, "org.freedesktop.portal.Request",
                                 "Response", g_variant_new ("(ua{sv})", portal->allow ? 0 : 1,
                                                            &results), NULL);
}

static void
portal_acquired_cb (GDBusConnection *bus,
                    const char      *name,
                    gpointer         user_data)
{
  ((FakePortal *) user_data)->owned = TRUE;
}

#define CONNECTION_FLAGS (G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT \
                          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION)

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Background'>"
  "<method name='RequestBackground'><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/><arg type='o' direction='out'/></method>"
  "</interface></node>";

static void
test_portal (UiFixture     *f,
             gconstpointer  data)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *autostart_path = bs_background_get_autostart_path ();
  g_autofree char *shot = NULL;
  g_autoptr(GError) error = NULL;
  const GDBusInterfaceVTable vtable = { portal_method_cb, NULL, NULL, { 0 } };
  FakePortal portal = { 0 };
  BsPreferencesWindow *preferences;
  BsBackground *background;
  GtkWidget *run;
  GtkWidget *autostart;
  GVariant *options;
  const char **commandline = NULL;
  const char *reason = NULL;
  gboolean wanted;

  ui_notifyd_reset (notifyd);

  portal.requests = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  portal.bus = g_dbus_connection_new_for_address_sync (address, CONNECTION_FLAGS, NULL, NULL,
                                                       &error);
  g_assert_no_error (error);
  portal.registration = g_dbus_connection_register_object (portal.bus,
                                                           "/org/freedesktop/portal/desktop",
                                                           info->interfaces[0], &vtable, &portal,
                                                           NULL, &error);
  g_assert_no_error (error);
  portal.owner = g_bus_own_name_on_connection (portal.bus, "org.freedesktop.portal.Desktop",
                                               G_BUS_NAME_OWNER_FLAGS_NONE, portal_acquired_cb,
                                               NULL, &portal, NULL);

  ui_start (f);
  UI_WAIT_UNTIL (f, portal.owned);
  background = bs_application_get_background (f->app);
  bs_background_set_sandboxed_for_testing (background, TRUE);

  preferences = open_preferences (f);
  run = bs_preferences_window_get_control (preferences, "run-in-background");
  autostart = bs_preferences_window_get_control (preferences, "autostart");

  /* refused: the switch goes back off, and a toast says why */
  portal.allow = FALSE;
  gtk_switch_set_active (GTK_SWITCH (run), TRUE);
  UI_WAIT_UNTIL (f, portal.requests->len == 1);
  UI_WAIT_UNTIL (f, !gtk_switch_get_active (GTK_SWITCH (run)));
  g_assert_false (g_settings_get_boolean (bs_application_get_settings (f->app),
                                          "run-in-background"));
  g_assert_false (bs_background_get_holding (background));
  UI_WAIT_UNTIL (f, ui_find_label (GTK_WIDGET (preferences),
                                   "Not allowed to run in the background") != NULL);
  options = portal.requests->pdata[0];
  g_assert_true (g_variant_lookup (options, "reason", "&s", &reason));
  g_assert_cmpuint (strlen (reason), >, 10);
  g_assert_true (g_variant_lookup (options, "autostart", "b", &wanted));
  g_assert_false (wanted);
  g_assert_true (g_variant_lookup (options, "commandline", "^a&s", &commandline));
  g_assert_cmpuint (g_strv_length ((char **) commandline), ==, 2);
  g_assert_cmpstr (commandline[0], ==, "broadsheet");
  g_assert_cmpstr (commandline[1], ==, "--gapplication-service");
  g_free (commandline);
  ui_wait_frames_of (f, GTK_WIDGET (preferences), 2);
  shot = ui_screenshot_widget (GTK_WIDGET (preferences), "notify-background-refused");

  /* allowed, with the login start: both stay on, the application holds */
  portal.allow = TRUE;
  portal.allow_autostart = TRUE;
  gtk_switch_set_active (GTK_SWITCH (run), TRUE);
  UI_WAIT_UNTIL (f, portal.requests->len == 2);
  gtk_switch_set_active (GTK_SWITCH (autostart), TRUE);
  UI_WAIT_UNTIL (f, portal.requests->len == 3);
  options = portal.requests->pdata[2];
  g_assert_true (g_variant_lookup (options, "autostart", "b", &wanted));
  g_assert_true (wanted);
  ui_process_events ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (run)));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (autostart)));
  g_assert_true (bs_background_get_holding (background));
  /* the portal writes the login start, not Broadsheet */
  g_assert_false (g_file_test (autostart_path, G_FILE_TEST_EXISTS));

  /* the login start refused: that switch goes back off */
  portal.allow_autostart = FALSE;
  gtk_switch_set_active (GTK_SWITCH (autostart), FALSE);
  UI_WAIT_UNTIL (f, portal.requests->len == 4);
  gtk_switch_set_active (GTK_SWITCH (autostart), TRUE);
  UI_WAIT_UNTIL (f, portal.requests->len == 5);
  UI_WAIT_UNTIL (f, !gtk_switch_get_active (GTK_SWITCH (autostart)));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (run)));

  /* off: the application no longer holds itself */
  gtk_switch_set_active (GTK_SWITCH (run), FALSE);
  g_assert_false (bs_background_get_holding (background));
  gtk_window_close (GTK_WINDOW (preferences));

  ui_stop (f);
  g_bus_unown_name (portal.owner);
  g_dbus_connection_unregister_object (portal.bus, portal.registration);
  g_dbus_connection_close_sync (portal.bus, NULL, NULL);
  g_object_unref (portal.bus);
  g_ptr_array_unref (portal.requests);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_init (&argc, &argv, "test-ui-notify");
  base_time = g_get_real_time () / G_USEC_PER_SEC - 2 * 24 * 3600;

  notifyd = ui_notifyd_start ();
  if (notifyd == NULL)
    {
      printf ("1..0 # SKIP dunst or a session bus is missing (build-aux/deps.sh lists dunst)\n");
      return 0;
    }

  UI_TEST ("/notify/new-articles", test_new_articles);
  UI_TEST ("/notify/single-muted-off", test_single_muted_off);
  UI_TEST ("/notify/markup-escaped", test_markup_escaped);
  UI_TEST ("/notify/background", test_background);
  UI_TEST ("/notify/autostart-file", test_autostart_file);
  UI_TEST ("/notify/background-portal", test_portal);

  status = ui_run ();
  ui_notifyd_stop (notifyd);
  return status;
}
