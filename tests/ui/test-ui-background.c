/* test-ui-background.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Broadsheet as a process of its own: the real program (src/app/
 * broadsheet) run by the test on the test's session bus and X display,
 * beside a real notification daemon (ui-notify.h). It is driven the way
 * the desktop drives it: org.freedesktop.Application.ActivateAction (the
 * launcher's Refresh, a notification's actions under GNOME), a click on
 * its notification (dunst), the window manager's request to close its
 * window (WM_DELETE_WINDOW), and `broadsheet --gapplication-service` as
 * D-Bus activation starts it. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>

#include "bs-library.h"
#include "bs-notifier.h"
#include "bs-parser.h"
#include "ui-harness.h"
#include "ui-notify.h"

#define APP_PATH "/io/github/broadsheet/Broadsheet"

static UiNotifyd *notifyd;
static gint64 base_time;

/* The program's own directories, inside the case's */

static char *
child_dir (UiFixture  *f,
           const char *name)
{
  char *path = g_build_filename (f->data_dir, name, NULL);

  g_mkdir_with_parents (path, 0700);
  return path;
}

/* The store the program will use, opened by the test: for writing
 * before it starts, for reading after it quit. */
static BsLibrary *
open_library (UiFixture *f,
              gboolean   for_writing)
{
  g_autofree char *data = child_dir (f, "data");
  g_autofree char *dir = g_build_filename (data, "broadsheet", NULL);
  g_autoptr(BsStore) store = bs_store_new (dir);
  g_autoptr(GError) error = NULL;
  BsLibrary *library;

  bs_store_open (store, for_writing, &error);
  g_assert_no_error (error);
  library = bs_library_new (store);
  bs_library_load (library, &error);
  g_assert_no_error (error);
  return library;
}

static void
close_library (BsLibrary *library)
{
  g_autoptr(GError) error = NULL;

  if (bs_store_get_writable (bs_library_get_store (library)))
    {
      bs_store_close (bs_library_get_store (library), &error);
      g_assert_no_error (error);
    }
  g_object_unref (library);
}

static BsSource *
subscribe (UiFixture  *f,
           BsLibrary  *library,
           const char *path)
{
  g_autofree char *url = ui_server_url (f->server, path);
  g_autoptr(BsSource) source = bs_source_new (url);
  g_autoptr(GError) error = NULL;

  bs_library_add_source (library, source, &error);
  g_assert_no_error (error);
  return bs_library_lookup_source (library, bs_source_get_id (source));
}

static BsEntry *
find_entry (BsLibrary  *library,
            const char *source_id,
            const char *title)
{
  BsSource *source = bs_library_lookup_source (library, source_id);
  g_autoptr(GListModel) entries = NULL;

  g_assert_nonnull (source);
  entries = bs_library_get_source_entries (library, source);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (bs_entry_get_title (entry), title) == 0)
        return entry; /* the library keeps it */
    }
  g_error ("no article “%s”", title);
}

/* The program */

typedef struct {
  GSubprocess *process;
  GPid pid;
  char *log;
} App;

static void
app_free (App *app)
{
  if (app->process != NULL && g_subprocess_get_identifier (app->process) != NULL)
    {
      g_subprocess_force_exit (app->process);
      g_subprocess_wait (app->process, NULL, NULL);
    }
  g_clear_object (&app->process);
  g_free (app->log);
  g_free (app);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (App, app_free)

static char *
program_path (void)
{
  const char *path = g_getenv ("BS_APP_PROGRAM");

  if (path != NULL)
    return g_strdup (path);
  return g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "app", "broadsheet", NULL);
}

static gboolean
name_has_owner (const char *name)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static gboolean
app_running (App *app)
{
  return g_subprocess_get_identifier (app->process) != NULL;
}

/* Fails at once, with what the program said, when it ended. */
static gboolean
app_alive (App *app)
{
  g_autofree char *log = NULL;

  if (app_running (app))
    return TRUE;
  g_file_get_contents (app->log, &log, NULL, NULL);
  g_error ("broadsheet ended (wait status %d), saying:\n%s",
           g_subprocess_get_status (app->process), log);
}

/* Runs the program with its settings in a key file (@settings, lines
 * "key=value" of the application's schema, or NULL) and its data in the
 * case's directory; waits until it is on the bus. */
static App *
app_spawn (UiFixture   *f,
           const char  *settings,
           const char  *option)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *data = child_dir (f, "data");
  g_autofree char *config = child_dir (f, "config");
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *program = program_path ();
  g_autoptr(GError) error = NULL;
  App *app = g_new0 (App, 1);

  g_assert_false (name_has_owner (APPLICATION_ID));
  g_mkdir_with_parents (settings_dir, 0700);
  if (settings != NULL)
    {
      g_autofree char *contents = g_strconcat ("[io/github/broadsheet/Broadsheet]\n", settings,
                                               "\n", NULL);

      g_assert_true (g_file_set_contents (keyfile, contents, -1, NULL));
    }

  app->log = g_build_filename (f->data_dir, "broadsheet.log", NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, app->log);
  g_subprocess_launcher_set_stderr_file_path (launcher, app->log);
  app->process = g_subprocess_launcher_spawn (launcher, &error, program, option, NULL);
  g_assert_no_error (error);
  app->pid = atoi (g_subprocess_get_identifier (app->process));

  UI_WAIT_UNTIL (f, name_has_owner (APPLICATION_ID) || !app_running (app));
  g_assert_true (app_running (app));
  return app;
}

/* Waits until the program ended, and checks it ended well and said
 * nothing critical. */
static void
app_wait_exit (UiFixture *f,
               App       *app)
{
  g_autofree char *log = NULL;

  UI_WAIT_UNTIL (f, !app_running (app));
  if (!g_file_get_contents (app->log, &log, NULL, NULL))
    log = g_strdup ("");
  if (!g_subprocess_get_successful (app->process) || strstr (log, "CRITICAL") != NULL)
    g_error ("broadsheet ended with wait status %d, saying:\n%s",
             g_subprocess_get_status (app->process), log);
  UI_WAIT_UNTIL (f, !name_has_owner (APPLICATION_ID));
}

/* What the launcher's actions and GNOME's notifications do: ActivateAction
 * on the application's name. */
static void
activate_action (const char *name,
                 GVariant   *target)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder parameter;

  g_variant_builder_init (&parameter, G_VARIANT_TYPE ("av"));
  if (target != NULL)
    g_variant_builder_add (&parameter, "v", target);
  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, APP_PATH,
                                       "org.freedesktop.Application", "ActivateAction",
                                       g_variant_new ("(sava{sv})", name, &parameter, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* Its windows on the X display: top-level, with its _NET_WM_PID, mapped. */
static guint
count_windows (App    *app,
               Window *first)
{
  GdkDisplay *display = gdk_display_get_default ();
  Display *dpy = gdk_x11_display_get_xdisplay (display);
  Atom pid_atom = XInternAtom (dpy, "_NET_WM_PID", False);
  Window root = DefaultRootWindow (dpy);
  Window parent;
  Window *children = NULL;
  unsigned int n_children = 0;
  guint n = 0;

  gdk_x11_display_error_trap_push (display);
  if (XQueryTree (dpy, root, &root, &parent, &children, &n_children))
    {
      for (unsigned int i = 0; i < n_children; i++)
        {
          XWindowAttributes attributes;
          unsigned char *data = NULL;
          unsigned long n_items = 0, after;
          Atom type;
          int format;

          if (XGetWindowProperty (dpy, children[i], pid_atom, 0, 1, False, XA_CARDINAL, &type,
                                  &format, &n_items, &after, &data) == Success
              && n_items == 1 && format == 32 && *(unsigned long *) data == (unsigned long) app->pid
              && XGetWindowAttributes (dpy, children[i], &attributes)
              && attributes.map_state == IsViewable && !attributes.override_redirect
              /* not GDK's 1×1 helper windows */
              && attributes.width > 1 && attributes.height > 1)
            {
              if (n++ == 0 && first != NULL)
                *first = children[i];
            }
          if (data != NULL)
            XFree (data);
        }
      XFree (children);
    }
  gdk_x11_display_error_trap_pop_ignored (display);
  return n;
}

/* Whether the screen, in the middle of @window, shows something (not the
 * black of an empty X screen): it has been painted. */
static gboolean
window_painted (Window window)
{
  GdkDisplay *display = gdk_display_get_default ();
  Display *dpy = gdk_x11_display_get_xdisplay (display);
  XWindowAttributes attributes;
  XImage *image = NULL;
  gboolean painted = FALSE;

  gdk_x11_display_error_trap_push (display);
  /* a child of the root: its position is on the screen */
  if (XGetWindowAttributes (dpy, window, &attributes))
    image = XGetImage (dpy, DefaultRootWindow (dpy), attributes.x + attributes.width / 2,
                       attributes.y + attributes.height / 2, 1, 1, AllPlanes, ZPixmap);
  if (image != NULL)
    {
      painted = XGetPixel (image, 0, 0) != 0;
      XDestroyImage (image);
    }
  gdk_x11_display_error_trap_pop_ignored (display);
  return painted;
}

/* Its window is on screen, painted: then a screenshot shows it. */
static void
wait_window (UiFixture *f,
             App       *app)
{
  Window window = 0;

  UI_WAIT_UNTIL (f, app_alive (app) && count_windows (app, &window) == 1);
  UI_WAIT_UNTIL (f, window_painted (window));
}

/* What a window manager does when its close button is clicked. */
static void
close_window (Window window)
{
  Display *dpy = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  XEvent event = { 0 };

  event.xclient.type = ClientMessage;
  event.xclient.window = window;
  event.xclient.message_type = XInternAtom (dpy, "WM_PROTOCOLS", False);
  event.xclient.format = 32;
  event.xclient.data.l[0] = XInternAtom (dpy, "WM_DELETE_WINDOW", False);
  event.xclient.data.l[1] = CurrentTime;
  XSendEvent (dpy, window, False, NoEventMask, &event);
  XFlush (dpy);
}

static char *
sent_text (guint i)
{
  g_autoptr(GVariant) call = ui_notifyd_get_sent (notifyd, i);
  const char *summary;
  const char *body;

  g_variant_get (call, "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, &summary, &body, NULL,
                 NULL, NULL);
  return g_strconcat (summary, "\n", body, NULL);
}

/* Running in the background, as a process: the first fetch of its feeds
 * says nothing; new posts notify; the window closed, the process stays
 * and a refresh still notifies, without opening a window; a click on the
 * notification brings the window back; Quit ends the process, with
 * everything saved. */
static void
test_process (UiFixture     *f,
              gconstpointer  data)
{
  g_autoptr(App) app = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *quay_id = NULL;
  BsLibrary *library;
  Window window = 0;

  ui_notifyd_reset (notifyd);
  ui_serve_feed (f, base_time, "Quay News", "quay", 2);
  ui_serve_feed (f, base_time, "Tide Tables", "tides", 2);
  library = open_library (f, TRUE);
  quay_id = g_strdup (bs_source_get_id (subscribe (f, library, "/quay.xml")));
  subscribe (f, library, "/tides.xml");
  close_library (library);

  /* started from the launcher, with "Run in Background" on: its window,
   * and the first fetch of both feeds */
  app = app_spawn (f, "run-in-background=true", NULL);
  UI_WAIT_UNTIL (f, app_alive (app) && count_windows (app, &window) == 1);
  UI_WAIT_UNTIL (f, ui_server_get_hits (f->server, "/quay.xml") >= 1
                    && ui_server_get_hits (f->server, "/tides.xml") >= 1);

  /* two new posts, and the launcher's Refresh: one notification (had the
   * first fetch notified, it would be the first one) */
  ui_serve_feed (f, base_time, "Quay News", "quay", 4);
  activate_action ("refresh", NULL);
  ui_notifyd_wait_sent (notifyd, f, 1);
  text = sent_text (0);
  g_assert_cmpstr (text, ==, "2 new articles\nQuay News");

  /* the window closed as the window manager closes it: gone, the process
   * stays */
  close_window (window);
  UI_WAIT_UNTIL (f, app_alive (app) && count_windows (app, NULL) == 0);

  /* a refresh in the background: notified, no window. It replaces the
   * first notification, the two posts still unread counted in. */
  ui_serve_feed (f, base_time, "Tide Tables", "tides", 3);
  activate_action ("refresh", NULL);
  ui_notifyd_wait_sent (notifyd, f, 2);
  g_clear_pointer (&text, g_free);
  text = sent_text (1);
  g_assert_cmpstr (text, ==, "3 new articles\nQuay News and Tide Tables");
  ui_notifyd_wait_shown (notifyd, f, 2);
  g_assert_cmpuint (ui_notifyd_count_displayed (notifyd), ==, 1);
  g_assert_cmpuint (count_windows (app, NULL), ==, 0);
  g_assert_true (app_alive (app));
  shot = ui_screenshot_screen ("background-process-notified");

  /* a click on the notification: the window is back */
  ui_notifyd_invoke_default (notifyd);
  wait_window (f, app);
  g_clear_pointer (&shot, g_free);
  shot = ui_screenshot_screen ("background-process-window-back");

  /* Quit: the process ends, the store is saved */
  activate_action ("quit", NULL);
  app_wait_exit (f, app);
  library = open_library (f, FALSE);
  g_assert_cmpuint (bs_source_get_unread_count (bs_library_lookup_source (library, quay_id)),
                    ==, 4);
  g_assert_cmpuint (bs_library_get_total_unread (library), ==, 7);
  close_library (library);
}

/* Started by the notification (D-Bus activation runs
 * `broadsheet --gapplication-service`, then ActivateAction): "Mark as
 * Read" marks the posts read with no window, and the process then ends by
 * itself; the default action opens the window. */
static void
test_activation (UiFixture     *f,
                 gconstpointer  data)
{
  g_autoptr(App) app = NULL;
  g_autoptr(BsFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rss = NULL;
  g_autofree char *source_id = NULL;
  g_autoptr(GPtrArray) first_two = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) third = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GVariant) mark_target = NULL;
  g_autoptr(GVariant) show_target = NULL;
  g_autofree char *shot = NULL;
  BsLibrary *library;
  BsSource *source;

  ui_notifyd_reset (notifyd);
  ui_serve_feed (f, base_time, "Quay News", "quay", 3);
  rss = ui_make_feed (base_time, "Quay News", "quay", 3);

  /* a store that has the feed's posts, all unread */
  library = open_library (f, TRUE);
  source = subscribe (f, library, "/quay.xml");
  source_id = g_strdup (bs_source_get_id (source));
  feed = bs_parse (rss, strlen (rss), bs_source_get_feed_url (source), NULL,
                   BS_PARSE_FLAGS_SANITIZE, &error);
  g_assert_no_error (error);
  bs_library_merge_feed (library, source, feed, g_get_real_time () / G_USEC_PER_SEC, NULL);
  bs_source_set_last_success (source, g_get_real_time () / G_USEC_PER_SEC);
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *title = g_strdup_printf ("Quay News: story %u", i);

      g_ptr_array_add (first_two, g_object_ref (find_entry (library, source_id, title)));
    }
  g_ptr_array_add (third, g_object_ref (find_entry (library, source_id, "Quay News: story 3")));
  /* as the notification names them */
  mark_target = g_variant_ref_sink (bs_notifier_make_target (first_two));
  show_target = g_variant_ref_sink (bs_notifier_make_target (third));
  g_clear_pointer (&first_two, g_ptr_array_unref);
  g_clear_pointer (&third, g_ptr_array_unref);
  close_library (library);

  /* "Mark as Read": no window, and the process ends on its own */
  app = app_spawn (f, NULL, "--gapplication-service");
  activate_action ("mark-read-notified", mark_target);
  g_assert_cmpuint (count_windows (app, NULL), ==, 0);
  app_wait_exit (f, app);
  g_assert_cmpuint (count_windows (app, NULL), ==, 0);
  library = open_library (f, FALSE);
  g_assert_true (bs_entry_get_read (find_entry (library, source_id, "Quay News: story 1")));
  g_assert_true (bs_entry_get_read (find_entry (library, source_id, "Quay News: story 2")));
  g_assert_false (bs_entry_get_read (find_entry (library, source_id, "Quay News: story 3")));
  close_library (library);
  g_clear_pointer (&app, app_free);

  /* the default action: the window, on that post */
  app = app_spawn (f, NULL, "--gapplication-service");
  activate_action ("show-new-articles", show_target);
  wait_window (f, app);
  shot = ui_screenshot_screen ("background-activation-window");
  activate_action ("quit", NULL);
  app_wait_exit (f, app);

  /* shown, so read (the article is marked read when shown) */
  library = open_library (f, FALSE);
  g_assert_true (bs_entry_get_read (find_entry (library, source_id, "Quay News: story 3")));
  close_library (library);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *program = NULL;
  int status;

  ui_init (&argc, &argv, "test-ui-background");
  base_time = g_get_real_time () / G_USEC_PER_SEC - 2 * 24 * 3600;

  program = program_path ();
  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("No program at %s", program);
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      printf ("1..0 # SKIP not an X11 display\n");
      return 0;
    }
  notifyd = ui_notifyd_start ();
  if (notifyd == NULL)
    {
      printf ("1..0 # SKIP dunst or a session bus is missing (build-aux/deps.sh lists dunst)\n");
      return 0;
    }

  UI_TEST ("/background/process", test_process);
  UI_TEST ("/background/activation", test_activation);

  status = ui_run ();
  ui_notifyd_stop (notifyd);
  return status;
}
