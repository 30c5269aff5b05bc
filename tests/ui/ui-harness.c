/* ui-harness.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The UI harness (ui-harness.h): the test program's environment and
 * messages, the fixtures, and the application's life cycle (starting,
 * stopping, subscribing, refreshing). The rest is in the files that
 * ui-harness-private.h lists. */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bs-add-feed-dialog.h"
#include "ui-harness-private.h"

/* The private directories of the whole program (HOME, XDG_*). */
static char *private_root;

/* Removes @path and everything under it; never follows symbolic links. */
static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static char *
make_private_dir (const char *name,
                  int         mode)
{
  char *path = g_build_filename (private_root, name, NULL);

  if (g_mkdir (path, mode) != 0)
    g_error ("Cannot create %s: %s", path, g_strerror (errno));
  return path;
}

/* Before GTK, WebKit or GLib's user directories are used: private HOME and
 * XDG_* directories (WebKit's processes read them too), and the settings
 * ../shared/TOOLCHAIN.md recommends for quiet, deterministic runs. The
 * meson test environment sets the same; these cover running by hand. */
static void
setup_environment (void)
{
  static const struct {
    const char *variable;
    const char *name;
    int mode;
  } dirs[] = {
    { "HOME", "home", 0700 },
    { "XDG_RUNTIME_DIR", "runtime", 0700 },
    { "XDG_DATA_HOME", "data", 0700 },
    { "XDG_CONFIG_HOME", "config", 0700 },
    { "XDG_CACHE_HOME", "cache", 0700 },
    { "XDG_STATE_HOME", "state", 0700 },
  };
  g_autoptr(GError) error = NULL;

  /* X11 falls back to $HOME/.Xauthority: keep the real one */
  if (g_getenv ("XAUTHORITY") == NULL && g_getenv ("HOME") != NULL)
    {
      g_autofree char *xauthority = g_build_filename (g_getenv ("HOME"), ".Xauthority", NULL);

      g_setenv ("XAUTHORITY", xauthority, TRUE);
    }

  private_root = g_dir_make_tmp ("broadsheet-ui-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = make_private_dir (dirs[i].name, dirs[i].mode);

      g_setenv (dirs[i].variable, path, TRUE);
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_error ("GSETTINGS_SCHEMA_DIR is not set: run the UI tests through meson test, "
             "or point it to the build directory's data/");
}

/* g_test_init() makes every warning fatal. Broadsheet's own warnings and
 * everyone's criticals stay fatal; a warning of a library (GTK, WebKit,
 * libsoup) is printed, not a failure of the case. Every message, g_log()
 * or structured, reaches the writer. */
static gboolean
is_our_domain (const char *domain)
{
  return domain != NULL && (g_str_equal (domain, "broadsheet") || g_str_has_prefix (domain, "bs-"));
}

static GLogWriterOutput
log_writer_cb (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;
  GLogWriterOutput output;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  /* GApplication says so when it is finalised without g_application_run(),
   * which is how the harness runs it (see ui_stop()) */
  if (g_strcmp0 (domain, "GLib-GIO") == 0 && message != NULL
      && g_str_has_prefix (message, "Your application did not unregister from D-Bus"))
    return G_LOG_WRITER_HANDLED;

  output = g_log_writer_default (level, fields, n_fields, user_data);
  if ((level & G_LOG_LEVEL_WARNING) && is_our_domain (domain))
    g_assertion_message (domain, __FILE__, __LINE__, G_STRFUNC, message);
  return output;
}

/**
 * ui_init:
 * @argc: main's argc
 * @argv: main's argv
 * @prgname: the program's short name, such as "test-ui"
 *
 * Sets up the environment, GLib's test framework and GTK. A program
 * without an X display skips everything (and succeeds).
 */
void
ui_init (int         *argc,
         char      ***argv,
         const char  *prgname)
{
  setup_environment ();

  g_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (log_writer_cb, NULL, NULL);
  /* WebKit's sandbox builds paths from the program name: keep it short */
  g_set_prgname (prgname);

  /* X11 (GDK_BACKEND above): xdotool, and no compositor to depend on */
  if (g_getenv ("DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display (run under xvfb-run, see build-aux/test.sh)\n");
      remove_tree (private_root);
      exit (0);
    }

  gtk_init ();
  _ui_keys_init ();
}

/**
 * ui_run:
 *
 * Runs the cases and removes the private directories.
 *
 * Returns: the exit status of the program
 */
int
ui_run (void)
{
  int status = g_test_run ();

  remove_tree (private_root);
  g_clear_pointer (&private_root, g_free);
  return status;
}

/* Fixtures */

/* The settings live in memory for the whole program: put every key back
 * to its default, so a case never sees what the one before left. */
static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_sync ();
}

void
ui_fixture_setup (UiFixture     *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("broadsheet-ui-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->server = ui_server_new ();
  f->opened_uris = g_ptr_array_new_with_free_func (g_free);
  reset_settings ();
}

void
ui_fixture_teardown (UiFixture     *f,
                     gconstpointer  data)
{
  if (f->app != NULL)
    ui_stop (f);
  g_clear_pointer (&f->server, ui_server_free);
  g_clear_pointer (&f->opened_uris, g_ptr_array_unref);
  remove_tree (f->data_dir);
  g_clear_pointer (&f->data_dir, g_free);
}

/* The application */

static void
open_uri_cb (BsApplication *app,
             const char    *uri,
             UiFixture     *f)
{
  g_ptr_array_add (f->opened_uris, g_strdup (uri));
  /* never a real browser */
  g_signal_stop_emission_by_name (app, "open-uri");
}

static void
refreshing_cb (BsUpdater  *updater,
               GParamSpec *pspec,
               UiFixture  *f)
{
  if (!bs_updater_get_refreshing (updater))
    f->n_refreshes++;
}

/**
 * ui_start:
 *
 * Starts Broadsheet on the fixture's store directory: registers the
 * application (startup: settings, store, library, the first refresh) and
 * activates it (the window), then waits until the window is on screen and
 * the first refresh is over.
 */
void
ui_start (UiFixture *f)
{
  g_autoptr(GError) error = NULL;
  BsUpdater *updater;
  GtkWindow *window;

  g_assert_null (f->app);

  f->app = bs_application_new ();
  g_object_set (f->app, "data-dir", f->data_dir, NULL);
  /* as --data-dir does: another store is another instance */
  g_application_set_flags (G_APPLICATION (f->app),
                           g_application_get_flags (G_APPLICATION (f->app))
                           | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (f->app, "open-uri", G_CALLBACK (open_uri_cb), f);
  f->n_refreshes = 0;

  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  updater = bs_application_get_updater (f->app);
  if (updater != NULL)
    g_signal_connect (updater, "notify::refreshing", G_CALLBACK (refreshing_cb), f);

  g_application_activate (G_APPLICATION (f->app));
  window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  g_assert_true (BS_IS_WINDOW (window));
  f->window = BS_WINDOW (window);

  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  ui_focus_window (f);
  if (updater != NULL)
    UI_WAIT_UNTIL (f, !bs_updater_get_refreshing (updater));
  ui_wait_frames (f, 1);
}

/**
 * ui_stop:
 *
 * Quits as the user does (app.quit: the windows close and save their
 * state), shuts the application down (the store is flushed and closed)
 * and checks that nothing keeps it alive.
 */
void
ui_stop (UiFixture *f)
{
  GApplication *app = G_APPLICATION (f->app);
  GWeakRef weak;

  g_assert_nonnull (f->app);

  g_weak_ref_init (&weak, f->app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  f->window = NULL;
  {
    gint64 deadline = ui_deadline ();

    while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
      {
        if (g_get_monotonic_time () > deadline)
          {
            GString *names = g_string_new (NULL);

            for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
              g_string_append_printf (names, " %s%s", G_OBJECT_TYPE_NAME (l->data),
                                      gtk_widget_get_visible (l->data) ? "" : " (hidden)");
            ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "windows still open after app.quit:%s",
                     names->str);
          }
        ui_iterate_before (f, deadline, "the windows to close", __FILE__, __LINE__, G_STRFUNC);
      }
  }

  /* what g_application_run() does after its loop */
  g_signal_emit_by_name (app, "shutdown");
  g_clear_object (&f->app);

  /* a new instance must not meet the old one (D-Bus objects, the store) */
  {
    gint64 deadline = ui_deadline ();

    for (;;)
      {
        GObject *alive = g_weak_ref_get (&weak);

        if (alive == NULL)
          break;
        g_object_unref (alive);
        ui_iterate_before (f, deadline, "the application to be finalised",
                           __FILE__, __LINE__, G_STRFUNC);
      }
  }
  g_weak_ref_clear (&weak);
}

void
ui_restart (UiFixture *f)
{
  ui_stop (f);
  ui_start (f);
}

BsLibrary *
ui_get_library (UiFixture *f)
{
  BsLibrary *library;

  g_assert_nonnull (f->app);
  library = bs_application_get_library (f->app);
  g_assert_nonnull (library);
  return library;
}

/**
 * ui_subscribe:
 * @path: a feed on the fixture's server
 *
 * Subscribes to the feed at @path through the library (not refreshed).
 *
 * Returns: (transfer none): the new source
 */
BsSource *
ui_subscribe (UiFixture  *f,
              const char *path)
{
  g_autofree char *url = ui_server_url (f->server, path);
  g_autoptr(BsSource) source = bs_source_new (url);
  g_autoptr(GError) error = NULL;
  BsLibrary *library = ui_get_library (f);

  bs_library_add_source (library, source, &error);
  g_assert_no_error (error);
  return bs_library_lookup_source (library, bs_source_get_id (source));
}

static void
subscribed_cb (BsAddFeedDialog *dialog,
               BsSource        *source,
               BsSource       **result)
{
  *result = source;
}

/**
 * ui_add_feed:
 * @path: a feed on the fixture's server
 * @screenshot: (nullable): the name of a screenshot of the dialog, with
 *   the address typed
 *
 * Subscribes the way a user does: the Add Feed dialog (the one open, else
 * win.add-feed: the + button), the feed's address typed, Add; waits until the dialog closed
 * and the new feed's first refresh is over.
 *
 * Returns: (transfer none): the new source
 */
BsSource *
ui_add_feed (UiFixture  *f,
             const char *path,
             const char *screenshot)
{
  g_autofree char *url = ui_server_url (f->server, path);
  BsUpdater *updater = bs_application_get_updater (f->app);
  GtkWindow *dialog = NULL;
  BsSource *source = NULL;
  GWeakRef weak;
  guint before;

  UI_WAIT_UNTIL (f, !bs_updater_get_refreshing (updater));
  before = f->n_refreshes;

  /* the one open (by the welcome page's button, …), else a new one */
  dialog = ui_find_window (BS_TYPE_ADD_FEED_DIALOG);
  if (dialog == NULL)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-feed", NULL));
      UI_WAIT_UNTIL (f, (dialog = ui_find_window (BS_TYPE_ADD_FEED_DIALOG)) != NULL);
    }
  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_weak_ref_init (&weak, dialog);
  g_signal_connect (dialog, "subscribed", G_CALLBACK (subscribed_cb), &source);

  bs_add_feed_dialog_set_url (BS_ADD_FEED_DIALOG (dialog), url);
  if (screenshot != NULL)
    {
      g_autofree char *shot = NULL;

      ui_wait_frames_of (f, GTK_WIDGET (dialog), 1);
      shot = ui_screenshot_widget (GTK_WIDGET (dialog), screenshot);
    }
  bs_add_feed_dialog_add (BS_ADD_FEED_DIALOG (dialog));
  UI_WAIT_UNTIL (f, source != NULL || bs_add_feed_dialog_get_error (BS_ADD_FEED_DIALOG (dialog)) != NULL);
  if (source == NULL)
    ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "the Add Feed dialog says: %s",
             bs_add_feed_dialog_get_error (BS_ADD_FEED_DIALOG (dialog)));

  /* it closes, and the new feed is refreshed */
  {
    gint64 deadline = ui_deadline ();

    for (;;)
      {
        g_autoptr(GObject) alive = g_weak_ref_get (&weak);

        if (alive == NULL || !gtk_widget_get_visible (GTK_WIDGET (alive)))
          break;
        g_clear_object (&alive);
        ui_iterate_before (f, deadline, "the Add Feed dialog to close", __FILE__, __LINE__,
                           G_STRFUNC);
      }
  }
  g_weak_ref_clear (&weak);
  UI_WAIT_UNTIL (f, f->n_refreshes > before && !bs_updater_get_refreshing (updater));
  return source;
}

/**
 * ui_refresh:
 *
 * Refreshes every feed the way app.refresh does and waits for the end.
 */
void
ui_refresh (UiFixture *f)
{
  BsUpdater *updater = bs_application_get_updater (f->app);
  guint before;

  g_assert_nonnull (updater);
  UI_WAIT_UNTIL (f, !bs_updater_get_refreshing (updater));
  before = f->n_refreshes;
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "refresh", NULL);
  UI_WAIT_UNTIL (f, f->n_refreshes > before);
}

