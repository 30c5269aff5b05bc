/* bs-background.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-background"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "bs-background.h"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND "org.freedesktop.portal.Background"
#define PORTAL_REQUEST "org.freedesktop.portal.Request"

/* How the login start runs Broadsheet: no window, held by the setting. */
#define SERVICE_OPTION "--gapplication-service"

struct _BsBackground
{
  GObject parent_instance;

  GApplication *application;  /* owns this object: not a reference */
  GSettings *settings;
  gboolean holding;
  gboolean released;          /* for good: quitting */
  gboolean sandboxed;         /* ask the portal */
  gboolean portal_answering;  /* the settings change because the portal said no */
  gboolean autostart;         /* what was last asked for or written */
  guint serial;               /* of the last request to the portal */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (BsBackground, bs_background, G_TYPE_OBJECT)

enum {
  DENIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GLib's own test is whether /.flatpak-info exists; an empty one is left
 * behind by a crashed WebKit sandbox on a host (../shared/TOOLCHAIN.md),
 * never written by Flatpak. */
static gboolean
in_flatpak (void)
{
  GStatBuf st;

  return g_stat ("/.flatpak-info", &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0;
}

static gboolean
wants_background (BsBackground *self)
{
  return g_settings_get_boolean (self->settings, "run-in-background");
}

static gboolean
wants_autostart (BsBackground *self)
{
  return wants_background (self) && g_settings_get_boolean (self->settings, "autostart");
}

/* The login start, outside Flatpak */

/**
 * bs_background_get_autostart_path:
 *
 * Returns: (transfer full): where the login start of Broadsheet is
 *   written outside Flatpak
 */
char *
bs_background_get_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart",
                           APPLICATION_ID ".desktop", NULL);
}

/* An argument of a desktop file's Exec, as the Desktop Entry
 * Specification wants it: in double quotes when it has a reserved
 * character, and % doubled (it starts field codes). */
static char *
exec_quote (const char *arg)
{
  gboolean reserved = arg[0] == '\0' || strpbrk (arg, " \t\n\"'\\><~|&;$*?#()`") != NULL;
  GString *quoted = g_string_new (reserved ? "\"" : NULL);

  for (const char *p = arg; *p != '\0'; p++)
    {
      if (reserved && (*p == '"' || *p == '`' || *p == '$' || *p == '\\'))
        g_string_append_c (quoted, '\\');
      if (*p == '%')
        g_string_append_c (quoted, '%');
      g_string_append_c (quoted, *p);
    }
  if (reserved)
    g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

/* This very program (the installed one, or the one of a build directory),
 * else the name the launcher finds. */
static char *
program_path (void)
{
  char *path = g_file_read_link ("/proc/self/exe", NULL);

  return path != NULL ? path : g_strdup (PACKAGE_NAME);
}

static gboolean
write_autostart (gboolean   enabled,
                 GError   **error)
{
  g_autofree char *path = bs_background_get_autostart_path ();
  g_autofree char *dir = NULL;
  g_autofree char *program = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *exec = NULL;
  g_autoptr(GKeyFile) file = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "Could not remove %s: %s", path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Could not create %s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  program = program_path ();
  quoted = exec_quote (program);
  exec = g_strconcat (quoted, " " SERVICE_OPTION, NULL);

  file = g_key_file_new ();
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME,
                         _("Broadsheet"));
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Checks your feeds for new articles in the background"));
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON,
                         APPLICATION_ID);
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_boolean (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL,
                          FALSE);
  g_key_file_set_boolean (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY,
                          TRUE);
  g_key_file_set_boolean (file, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);

  return g_key_file_save_to_file (file, path, error);
}

/* The Background portal, inside Flatpak */

typedef struct {
  BsBackground *self;
  GDBusConnection *bus;
  guint serial;
  char *handle;         /* the Request's path */
  guint subscription;   /* to its Response */
  gboolean called;      /* the call to RequestBackground returned */
  gboolean answered;    /* its Response came */
  gboolean autostart;   /* asked for */
  gboolean turning_on;  /* else only withdrawing the login start */
} Request;

/* Done with when the call returned and the Response came (in any order),
 * or the call failed. */
static void
request_free (Request *request)
{
  if (request->subscription != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
  g_object_unref (request->bus);
  g_object_unref (request->self);
  g_free (request->handle);
  g_free (request);
}

/* The portal said no to what the user asked for: the settings say so too. */
static void
refuse (BsBackground *self,
        const char   *key,
        const char   *message)
{
  self->portal_answering = TRUE;
  g_settings_set_boolean (self->settings, key, FALSE);
  self->portal_answering = FALSE;
  g_signal_emit (self, signals[DENIED], 0, message);
}

static void
response_cb (GDBusConnection *bus,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  Request *request = user_data;
  BsBackground *self = request->self;
  g_autoptr(GVariant) results = NULL;
  gboolean background = FALSE;
  gboolean autostart = FALSE;
  guint32 response;

  if (request->answered || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  request->answered = TRUE;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);
  g_variant_lookup (results, "autostart", "b", &autostart);
  g_debug ("The Background portal answered %u: background %d, autostart %d",
           response, background, autostart);

  /* a later request, or the user's later choice, wins */
  if (request->serial == self->serial && !self->released)
    {
      if (response != 0 || !autostart)
        self->autostart = FALSE;
      if (request->turning_on && (response != 0 || !background))
        refuse (self, "run-in-background", _("Not allowed to run in the background"));
      else if (request->turning_on && request->autostart && !autostart)
        refuse (self, "autostart", _("Not allowed to start at login"));
    }

  if (request->called)
    request_free (request);
}

static guint
subscribe_response (Request    *request,
                    const char *handle)
{
  return g_dbus_connection_signal_subscribe (request->bus, PORTAL_NAME, PORTAL_REQUEST,
                                             "Response", handle, NULL,
                                             G_DBUS_SIGNAL_FLAGS_NONE,
                                             response_cb, request, NULL);
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Request *request = user_data;
  BsBackground *self = request->self;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *handle;

  request->called = TRUE;
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && request->serial == self->serial && request->turning_on)
        {
          g_debug ("Could not ask the Background portal: %s", error->message);
          refuse (self, "run-in-background", _("Could not ask to run in the background"));
        }
      request_free (request);
      return;
    }

  if (request->answered)
    {
      request_free (request);
      return;
    }

  /* portals before 0.9 choose the handle themselves */
  g_variant_get (reply, "(&o)", &handle);
  if (g_strcmp0 (handle, request->handle) != 0)
    {
      g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
      g_free (request->handle);
      request->handle = g_strdup (handle);
      request->subscription = subscribe_response (request, handle);
    }
}

static void
ask_portal (BsBackground *self,
            gboolean      turning_on)
{
  GDBusConnection *bus = g_application_get_dbus_connection (self->application);
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  GVariantBuilder options;
  const char *commandline[] = { PACKAGE_NAME, SERVICE_OPTION, NULL };
  Request *request;

  if (bus == NULL)
    {
      if (turning_on)
        refuse (self, "run-in-background", _("Could not ask to run in the background"));
      return;
    }

  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->bus = g_object_ref (bus);
  request->serial = ++self->serial;
  request->autostart = wants_autostart (self);
  request->turning_on = turning_on;
  self->autostart = request->autostart;

  /* the Request's path is known before the call: listen first */
  token = g_strdup_printf ("broadsheet_%u_%u", (guint) getpid (), request->serial);
  sender = g_strdelimit (g_strdup (g_dbus_connection_get_unique_name (bus) + 1), ".", '_');
  request->handle = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  request->subscription = subscribe_response (request, request->handle);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Check feeds and notify about new "
                                                 "articles while the window is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (request->autostart));
  g_variant_builder_add (&options, "{sv}", "commandline",
                         g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (bus, PORTAL_NAME, PORTAL_PATH, PORTAL_BACKGROUND, "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, request_cb, request);
}

/* Following the settings */

static void
update_hold (BsBackground *self)
{
  gboolean wanted = wants_background (self) && !self->released;

  if (wanted == self->holding)
    return;
  self->holding = wanted;
  if (wanted)
    g_application_hold (self->application);
  else
    g_application_release (self->application);
}

static void
settings_changed_cb (GSettings    *settings,
                     const char   *key,
                     BsBackground *self)
{
  gboolean autostart = wants_autostart (self);
  g_autoptr(GError) error = NULL;

  update_hold (self);
  if (self->portal_answering || self->released)
    return;

  if (self->sandboxed)
    {
      /* on: ask (again, for a change of autostart); off: take the login
       * start back, if there was one */
      if (wants_background (self))
        ask_portal (self, TRUE);
      else if (self->autostart)
        ask_portal (self, FALSE);
      return;
    }

  if (autostart != self->autostart)
    {
      self->autostart = autostart;
      if (!write_autostart (autostart, &error))
        g_warning ("%s", error->message);
    }
}

/**
 * bs_background_new:
 * @application: the application, which outlives this object
 * @settings: its settings ("run-in-background", "autostart")
 *
 * Returns: (transfer full): the background of @application, holding it
 *   at once when "run-in-background" is on
 */
BsBackground *
bs_background_new (GApplication *application,
                   GSettings    *settings)
{
  BsBackground *self;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BS_TYPE_BACKGROUND, NULL);
  self->application = application;
  self->settings = g_object_ref (settings);
  self->sandboxed = in_flatpak ();

  /* what is there now: the login start is our file, or the portal's */
  if (self->sandboxed)
    {
      self->autostart = wants_autostart (self);
    }
  else
    {
      path = bs_background_get_autostart_path ();
      self->autostart = g_file_test (path, G_FILE_TEST_EXISTS);
    }

  g_signal_connect_object (settings, "changed::run-in-background",
                           G_CALLBACK (settings_changed_cb), self, 0);
  g_signal_connect_object (settings, "changed::autostart",
                           G_CALLBACK (settings_changed_cb), self, 0);
  update_hold (self);

  return self;
}

/**
 * bs_background_get_holding:
 * @self: a background
 *
 * Returns: whether the application is kept running with no window
 */
gboolean
bs_background_get_holding (BsBackground *self)
{
  g_return_val_if_fail (BS_IS_BACKGROUND (self), FALSE);

  return self->holding;
}

/**
 * bs_background_release:
 * @self: a background
 *
 * Lets go of the application for good, whatever the settings say: it is
 * quitting. The login start stays as the settings have it.
 */
void
bs_background_release (BsBackground *self)
{
  g_return_if_fail (BS_IS_BACKGROUND (self));

  self->released = TRUE;
  g_cancellable_cancel (self->cancellable);
  update_hold (self);
}

/**
 * bs_background_set_sandboxed_for_testing:
 * @self: a background
 * @sandboxed: whether to go through the Background portal
 *
 * Makes @self behave as inside Flatpak (or not), for tests that answer
 * as the portal.
 */
void
bs_background_set_sandboxed_for_testing (BsBackground *self,
                                         gboolean      sandboxed)
{
  g_return_if_fail (BS_IS_BACKGROUND (self));

  self->sandboxed = sandboxed;
}

/* GObject */

static void
bs_background_dispose (GObject *object)
{
  BsBackground *self = (BsBackground *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bs_background_parent_class)->dispose (object);
}

static void
bs_background_finalize (GObject *object)
{
  BsBackground *self = (BsBackground *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bs_background_parent_class)->finalize (object);
}

static void
bs_background_class_init (BsBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bs_background_dispose;
  object_class->finalize = bs_background_finalize;

  signals[DENIED] =
    g_signal_new ("denied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
bs_background_init (BsBackground *self)
{
  self->cancellable = g_cancellable_new ();
}
