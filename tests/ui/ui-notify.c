/* ui-notify.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A real notification daemon for the UI tests, and a monitor of the bus
 * (ui-notify.h). */

#include "config.h"

#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <glib/gstdio.h>

#include "ui-notify.h"

#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH "/org/freedesktop/Notifications"
#define NOTIFICATIONS_IFACE "org.freedesktop.Notifications"
#define DUNST_IFACE "org.dunstproject.cmd0"

#define CONNECTION_FLAGS (G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT \
                          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION)

/* What the scripts write: fields apart by US, records ended by RS. */
#define FIELD_SEP "\037"
#define RECORD_SEP "\036"

typedef struct {
  char *sender;
  char *member;
  GVariant *body;
} Call;

struct _UiNotifyd
{
  char *dir;
  GSubprocess *dunst;
  GDBusConnection *monitor;
  GMutex lock;
  GPtrArray *calls;  /* Call, as the monitor saw them */
};

static void
call_free (Call *call)
{
  g_free (call->sender);
  g_free (call->member);
  g_clear_pointer (&call->body, g_variant_unref);
  g_free (call);
}

/* In the monitor connection's worker thread: every message is ours to
 * look at and drop (a monitor must never answer), but the reply to
 * BecomeMonitor. */
static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  UiNotifyd *d = user_data;
  GDBusMessageType type = g_dbus_message_get_message_type (message);
  Call *call;

  if (!incoming || type == G_DBUS_MESSAGE_TYPE_METHOD_RETURN || type == G_DBUS_MESSAGE_TYPE_ERROR)
    return message;

  if (type == G_DBUS_MESSAGE_TYPE_METHOD_CALL
      && g_strcmp0 (g_dbus_message_get_interface (message), NOTIFICATIONS_IFACE) == 0)
    {
      call = g_new0 (Call, 1);
      call->sender = g_strdup (g_dbus_message_get_sender (message));
      call->member = g_strdup (g_dbus_message_get_member (message));
      call->body = g_dbus_message_get_body (message);
      if (call->body != NULL)
        g_variant_ref (call->body);
      g_mutex_lock (&d->lock);
      g_ptr_array_add (d->calls, call);
      g_mutex_unlock (&d->lock);
    }

  g_object_unref (message);
  return NULL;
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            int         mode)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_chmod (path, mode);
}

static gboolean
has_owner (GDBusConnection *bus,
           const char      *name)
{
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
wake_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main context run for about @ms milliseconds. */
static void
iterate_for (guint ms)
{
  gboolean woken = FALSE;

  g_timeout_add (ms, wake_cb, &woken);
  while (!woken)
    g_main_context_iteration (NULL, TRUE);
}

/* In dunst, before it runs: it ends with the test program, even when the
 * program aborts, so that no daemon is left on a bus that the next tests
 * share. */
static void
child_setup (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/**
 * ui_notifyd_start:
 *
 * Starts dunst and the monitor; waits until dunst owns its name.
 *
 * Returns: (nullable): the daemon, or NULL when dunst is not installed or
 *   there is no session bus
 */
UiNotifyd *
ui_notifyd_start (void)
{
  const char *rules[] = { "type='method_call',interface='" NOTIFICATIONS_IFACE "'", NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dunst = g_find_program_in_path ("dunst");
  g_autofree char *address = NULL;
  g_autofree char *config = NULL;
  g_autofree char *rc = NULL;
  g_autofree char *rc_path = NULL;
  g_autofree char *log = NULL;
  UiNotifyd *d;
  gint64 deadline;

  if (dunst == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return NULL;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* the daemon of a program that just ended may still be leaving */
  deadline = ui_deadline ();
  while (has_owner (bus, NOTIFICATIONS_NAME))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("A notification daemon is already on this bus: run the test under its own "
                 "dbus-run-session");
      iterate_for (50);
    }

  d = g_new0 (UiNotifyd, 1);
  g_mutex_init (&d->lock);
  d->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
  d->dir = g_dir_make_tmp ("broadsheet-dunst-XXXXXX", &error);
  g_assert_no_error (error);

  /* what dunst shows, written down; the menu picks the label in "pick" */
  config = g_strdup_printf ("#!/bin/sh\n"
                            "printf '%%s" FIELD_SEP "%%s" RECORD_SEP "' \"$2\" \"$3\" "
                            ">> '%s/shown'\n",
                            d->dir);
  write_file (d->dir, "shown.sh", config, 0755);
  g_free (config);
  config = g_strdup_printf ("#!/bin/sh\n"
                            "cat > '%s/menu'\n"
                            "grep -m1 -F \"#$(cat '%s/pick') (\" '%s/menu'\n",
                            d->dir, d->dir, d->dir);
  write_file (d->dir, "pick.sh", config, 0755);
  write_file (d->dir, "shown", "", 0644);
  write_file (d->dir, "pick", "", 0644);
  rc = g_strdup_printf ("[global]\n"
                        "    font = Sans 10\n"
                        "    width = 380\n"
                        "    origin = top-right\n"
                        "    offset = 16x16\n"
                        "    frame_width = 1\n"
                        "    icon_position = off\n"
                        "    markup = full\n"
                        "    format = \"<b>%%s</b>\\n%%b\\n<i>%%a</i>\"\n"
                        "    show_indicators = no\n"
                        "    mouse_left_click = do_action, close_current\n"
                        "    dmenu = %s/pick.sh\n"
                        "[urgency_low]\n"
                        "    timeout = 0\n"
                        "[urgency_normal]\n"
                        "    timeout = 0\n"
                        "[urgency_critical]\n"
                        "    timeout = 0\n"
                        "[shown]\n"
                        "    summary = \"*\"\n"
                        "    script = %s/shown.sh\n",
                        d->dir, d->dir);
  write_file (d->dir, "dunstrc", rc, 0644);

  /* the monitor first: it sees everything from dunst's start on */
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  d->monitor = g_dbus_connection_new_for_address_sync (address, CONNECTION_FLAGS, NULL, NULL,
                                                       &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (d->monitor, monitor_filter, d, NULL);
  reply = g_dbus_connection_call_sync (d->monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  log = g_build_filename (d->dir, "dunst.log", NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  rc_path = g_build_filename (d->dir, "dunstrc", NULL);
  d->dunst = g_subprocess_launcher_spawn (launcher, &error, dunst, "-config", rc_path, NULL);
  g_assert_no_error (error);

  deadline = ui_deadline ();
  while (!has_owner (bus, NOTIFICATIONS_NAME))
    {
      if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (d->dunst) == NULL)
        g_error ("dunst did not start: see %s", log);
      iterate_for (20);
    }
  return d;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
ui_notifyd_stop (UiNotifyd *d)
{
  if (d == NULL)
    return;

  g_subprocess_send_signal (d->dunst, SIGTERM);
  g_subprocess_wait (d->dunst, NULL, NULL);
  g_clear_object (&d->dunst);
  g_dbus_connection_close_sync (d->monitor, NULL, NULL);
  g_clear_object (&d->monitor);
  remove_dir (d->dir);
  g_free (d->dir);
  g_ptr_array_unref (d->calls);
  g_mutex_clear (&d->lock);
  g_free (d);
}

static GVariant *
dunst_call (UiNotifyd  *d,
            const char *interface,
            const char *method,
            GVariant   *parameters)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, interface,
                                       method, parameters, NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  return reply;
}

/**
 * ui_notifyd_close_all:
 *
 * Closes every notification displayed, as the user does (dunstctl
 * close-all).
 */
void
ui_notifyd_close_all (UiNotifyd *d)
{
  g_autoptr(GVariant) reply = dunst_call (d, DUNST_IFACE, "NotificationCloseAll", NULL);
}

/**
 * ui_notifyd_reset:
 *
 * Closes every notification and forgets what was seen, for the next case.
 */
void
ui_notifyd_reset (UiNotifyd *d)
{
  g_autofree char *path = g_build_filename (d->dir, "shown", NULL);

  ui_notifyd_close_all (d);
  g_file_set_contents (path, "", 0, NULL);
  g_mutex_lock (&d->lock);
  g_ptr_array_set_size (d->calls, 0);
  g_mutex_unlock (&d->lock);
}

static guint
count_calls (UiNotifyd  *d,
             const char *member,
             const char *sender)
{
  guint n = 0;

  g_mutex_lock (&d->lock);
  for (guint i = 0; i < d->calls->len; i++)
    {
      Call *call = g_ptr_array_index (d->calls, i);

      if (g_strcmp0 (call->member, member) == 0
          && (sender == NULL || g_strcmp0 (call->sender, sender) == 0))
        n++;
    }
  g_mutex_unlock (&d->lock);
  return n;
}

/**
 * ui_notifyd_get_n_sent:
 *
 * Returns: how many Notify calls the monitor saw (since the last reset)
 */
guint
ui_notifyd_get_n_sent (UiNotifyd *d)
{
  return count_calls (d, "Notify", NULL);
}

/**
 * ui_notifyd_get_sent:
 * @i: which Notify call, from 0
 *
 * Returns: (transfer full): its parameters, "(susssasa{sv}i)": app name,
 *   replaces id, icon, summary, body, actions, hints, timeout
 */
GVariant *
ui_notifyd_get_sent (UiNotifyd *d,
                     guint      i)
{
  GVariant *body = NULL;
  guint n = 0;

  g_mutex_lock (&d->lock);
  for (guint j = 0; j < d->calls->len && body == NULL; j++)
    {
      Call *call = g_ptr_array_index (d->calls, j);

      if (g_strcmp0 (call->member, "Notify") == 0 && n++ == i)
        body = g_variant_ref (call->body);
    }
  g_mutex_unlock (&d->lock);
  g_assert_nonnull (body);
  g_assert_true (g_variant_is_of_type (body, G_VARIANT_TYPE ("(susssasa{sv}i)")));
  return body;
}

/**
 * ui_notifyd_sync:
 * @connection: a connection that may have sent notifications
 *
 * Returns once the monitor has seen everything @connection sent before
 * the call: a call of @connection to the daemon that the monitor sees
 * after them (a bus keeps each connection's order).
 */
void
ui_notifyd_sync (UiNotifyd       *d,
                 UiFixture       *f,
                 GDBusConnection *connection)
{
  const char *sender = g_dbus_connection_get_unique_name (connection);
  guint before = count_calls (d, "GetServerInformation", sender);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (connection, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH,
                                       NOTIFICATIONS_IFACE, "GetServerInformation", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  UI_WAIT_UNTIL (f, count_calls (d, "GetServerInformation", sender) > before);
}

void
ui_notifyd_wait_sent (UiNotifyd *d,
                      UiFixture *f,
                      guint      n)
{
  UI_WAIT_UNTIL (f, ui_notifyd_get_n_sent (d) >= n);
}

static char **
read_shown (UiNotifyd *d)
{
  g_autofree char *path = g_build_filename (d->dir, "shown", NULL);
  g_autofree char *contents = NULL;
  char **records;
  guint n;

  g_file_get_contents (path, &contents, NULL, NULL);
  records = g_strsplit (contents != NULL ? contents : "", RECORD_SEP, -1);
  /* the last record ends with the separator: an empty string after it */
  n = g_strv_length (records);
  if (n > 0 && records[n - 1][0] == '\0')
    g_clear_pointer (&records[n - 1], g_free);
  return records;
}

/**
 * ui_notifyd_get_n_shown:
 *
 * Returns: how many notifications dunst showed (since the last reset),
 *   each replacement of one counted
 */
guint
ui_notifyd_get_n_shown (UiNotifyd *d)
{
  g_auto(GStrv) records = read_shown (d);

  return g_strv_length (records);
}

/**
 * ui_notifyd_get_shown:
 * @i: which, from 0
 *
 * Returns: (transfer full): its summary and body as dunst got them,
 *   "SUMMARY\nBODY"
 */
char *
ui_notifyd_get_shown (UiNotifyd *d,
                      guint      i)
{
  g_auto(GStrv) records = read_shown (d);
  g_auto(GStrv) fields = NULL;

  g_assert_cmpuint (i, <, g_strv_length (records));
  fields = g_strsplit (records[i], FIELD_SEP, 2);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  return g_strconcat (fields[0], "\n", fields[1], NULL);
}

void
ui_notifyd_wait_shown (UiNotifyd *d,
                       UiFixture *f,
                       guint      n)
{
  UI_WAIT_UNTIL (f, ui_notifyd_get_n_shown (d) >= n);
}

/**
 * ui_notifyd_count_displayed:
 *
 * Returns: how many notifications dunst displays now
 */
guint
ui_notifyd_count_displayed (UiNotifyd *d)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  reply = dunst_call (d, "org.freedesktop.DBus.Properties", "Get",
                      g_variant_new ("(ss)", DUNST_IFACE, "displayedLength"));
  g_variant_get (reply, "(v)", &value);
  return g_variant_get_uint32 (value);
}

/**
 * ui_notifyd_invoke_default:
 *
 * Clicks the notification displayed (the top one, at the top right of
 * the screen) with the pointer, through the X server (xdotool): dunst
 * runs its default action and closes it, as the configuration says
 * (mouse_left_click). Without xdotool, asks dunst to run the default
 * action (dunstctl action 0), which leaves it on screen.
 */
void
ui_notifyd_invoke_default (UiNotifyd *d)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle screen;

  if (xdotool == NULL || display == NULL)
    {
      g_autoptr(GVariant) reply = dunst_call (d, DUNST_IFACE, "NotificationAction",
                                              g_variant_new ("(u)", 0));
      return;
    }

  monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  gdk_monitor_get_geometry (monitor, &screen);
  {
    /* inside the notification: origin top-right, offset 16x16, 380 wide */
    g_autofree char *x = g_strdup_printf ("%d", screen.x + screen.width - 16 - 190);
    g_autofree char *y = g_strdup_printf ("%d", screen.y + 16 + 12);
    const char *argv[] = { xdotool, "mousemove", x, y, "click", "1", NULL };
    g_autoptr(GError) error = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
}

/**
 * ui_notifyd_invoke_button:
 * @label: the label of an action of a notification displayed
 *
 * Opens dunst's context menu (dunstctl context), where the test's menu
 * picks @label.
 */
void
ui_notifyd_invoke_button (UiNotifyd  *d,
                          const char *label)
{
  g_autofree char *path = g_build_filename (d->dir, "pick", NULL);
  g_autoptr(GVariant) reply = NULL;

  g_assert_true (g_file_set_contents (path, label, -1, NULL));
  reply = dunst_call (d, DUNST_IFACE, "ContextMenuCall", NULL);
}

/**
 * ui_screenshot_screen:
 * @name: the file's name, without .png
 *
 * Saves the whole screen (the notifications on it too) beside the other
 * screenshots, with ImageMagick's import; nothing when it is missing.
 *
 * Returns: (transfer full) (nullable): the file's path
 */
char *
ui_screenshot_screen (const char *name)
{
  g_autofree char *import = g_find_program_in_path ("import");
  g_autofree char *dir = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (import == NULL)
    return NULL;
  if (g_getenv ("BS_UI_SCREENSHOT_DIR") != NULL)
    dir = g_strdup (g_getenv ("BS_UI_SCREENSHOT_DIR"));
  else
    dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file, NULL);

  {
    const char *argv[] = { import, "-window", "root", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&path);
}

/* An RSS feed titled @title with posts 1 to @n_posts, the newest last,
 * dated ten minutes apart from @base_time on:
 * "TITLE: story N". */
char *
ui_make_feed (gint64      base_time,
              const char *title,
              const char *slug,
              guint       n_posts)
{
  GString *rss = g_string_new (NULL);

  g_string_append_printf (rss,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<rss version=\"2.0\"><channel><title>%s</title>"
                          "<link>https://%s.example.org/</link>"
                          "<description>Posts of %s</description>\n",
                          title, slug, title);
  for (guint i = n_posts; i >= 1; i--)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (base_time + i * 600);
      g_autofree char *pub = g_date_time_format (date, "%a, %d %b %Y %H:%M:%S +0000");

      g_string_append_printf (rss,
                              "<item><title>%s: story %u</title>"
                              "<link>https://%s.example.org/%u</link>"
                              "<guid isPermaLink=\"false\">%s-%u</guid>"
                              "<pubDate>%s</pubDate>"
                              "<description>Story %u of %s.</description></item>\n",
                              title, i, slug, i, slug, i, pub, i, title);
    }
  g_string_append (rss, "</channel></rss>\n");
  return g_string_free (rss, FALSE);
}

void
ui_serve_feed (UiFixture  *f,
               gint64      base_time,
               const char *title,
               const char *slug,
               guint       n_posts)
{
  g_autofree char *path = g_strdup_printf ("/%s.xml", slug);
  g_autofree char *rss = ui_make_feed (base_time, title, slug, n_posts);

  ui_server_set (f->server, path, "application/rss+xml", rss);
}
