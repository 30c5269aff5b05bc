/* ui-harness.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bs-add-feed-dialog.h"
#include "bs-article-view.h"
#include "bs-entry-row.h"
#include "ui-harness.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* The private directories of the whole program (HOME, XDG_*). */
static char *private_root;
static char *xdotool_path;

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
  xdotool_path = g_find_program_in_path ("xdotool");
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

/* Waiting */

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * ui_deadline:
 *
 * Returns: the monotonic time at which a wait that starts now gives up
 */
gint64
ui_deadline (void)
{
  static int timeout = 0;

  if (timeout == 0)
    {
      const char *env = g_getenv ("BS_UI_TEST_TIMEOUT");

      timeout = env != NULL ? atoi (env) : 0;
      if (timeout <= 0)
        timeout = UI_TIMEOUT;
    }
  return g_get_monotonic_time () + timeout * G_USEC_PER_SEC;
}

static char *
case_name (void)
{
  const char *path = g_test_get_path ();
  const char *base = path != NULL ? strrchr (path, '/') : NULL;

  return g_strdup (base != NULL && base[1] != '\0' ? base + 1 : "unknown");
}

/**
 * ui_fail:
 *
 * Fails the running case with a message, after saving a screenshot of
 * the window (FAILED-<case>.png) when there is one. Does not return.
 */
void
ui_fail (UiFixture  *f,
         const char *file,
         int         line,
         const char *func,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (f != NULL && f->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    {
      g_autofree char *name = case_name ();
      g_autofree char *shot = g_strconcat ("FAILED-", name, NULL);
      g_autofree char *path = ui_screenshot (f, shot);

      g_test_message ("screenshot of the failure: %s", path);
    }
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
  abort ();
}

/**
 * ui_iterate_before:
 *
 * One iteration of the main context (blocking at most a little), or the
 * end of the case when @deadline has passed. UI_WAIT_UNTIL() calls it.
 */
void
ui_iterate_before (UiFixture  *f,
                   gint64      deadline,
                   const char *what,
                   const char *file,
                   int         line,
                   const char *func)
{
  static guint ticker = 0;

  /* never block for long: the deadline is checked on every wake-up */
  if (ticker == 0)
    ticker = g_timeout_add (50, tick_cb, NULL);

  if (g_get_monotonic_time () > deadline)
    ui_fail (f, file, line, func, "gave up waiting for %s", what);
  g_main_context_iteration (NULL, TRUE);
}

/**
 * ui_process_events:
 *
 * Makes sure that what the X server has for us (key presses sent a moment
 * ago) arrived, and dispatches everything that is ready without waiting.
 */
void
ui_process_events (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL)
    gdk_display_sync (display);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *n_frames)
{
  (*n_frames)++;
}

/**
 * ui_wait_frames:
 * @n_frames: how many
 *
 * Waits until the window painted @n_frames more frames (after asking for
 * one), so that what changed is on screen.
 */
void
ui_wait_frames (UiFixture *f,
                guint      n_frames)
{
  ui_wait_frames_of (f, GTK_WIDGET (f->window), n_frames);
}

/**
 * ui_wait_frames_of:
 * @widget: a widget on screen (a dialog, …)
 *
 * As ui_wait_frames(), for the window of @widget.
 */
void
ui_wait_frames_of (UiFixture *f,
                   GtkWidget *widget,
                   guint      n_frames)
{
  GdkFrameClock *clock;
  guint painted = 0;
  gulong id;

  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  while (painted < n_frames)
    {
      guint before = painted;

      gtk_widget_queue_draw (widget);
      UI_WAIT_UNTIL (f, painted > before);
    }
  g_signal_handler_disconnect (clock, id);
}

static gboolean
is_in_transition (GtkWidget *widget,
                  gpointer   data)
{
  return (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
         || (ADW_IS_LEAFLET (widget)
             && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)));
}

/**
 * ui_wait_transitions:
 *
 * Waits until no stack or leaflet of the window is in the middle of a
 * transition (a crossfade shows two pages at once), and for a frame.
 */
void
ui_wait_transitions (UiFixture *f)
{
  UI_WAIT_UNTIL (f, ui_find_widget (GTK_WIDGET (f->window), is_in_transition, NULL) == NULL);
  ui_wait_frames (f, 1);
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

static gboolean
run_quietly (const char * const *argv,
             char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out, &err, &status, &error))
    {
      g_test_message ("%s: %s", argv[0], error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_test_message ("%s: %s (%s)", argv[0], error->message, err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * ui_focus_window:
 *
 * Gives the window the keyboard focus of the X server (there is no window
 * manager to do it) and waits until GTK knows it is active.
 */
void
ui_focus_window (UiFixture *f)
{
  gtk_window_present (GTK_WINDOW (f->window));
#ifdef GDK_WINDOWING_X11
  if (xdotool_path != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
      g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
      const char *argv[] = { xdotool_path, "windowfocus", "--sync", xid, NULL };

      if (!gtk_window_is_active (GTK_WINDOW (f->window)) && !run_quietly (argv, NULL))
        ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "xdotool could not focus the window");
      UI_WAIT_UNTIL (f, gtk_window_is_active (GTK_WINDOW (f->window)));
    }
#endif
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
 * ui_find_window:
 * @type: a type of window
 *
 * Returns: (transfer none) (nullable): a visible window of @type, the
 *   last one opened when there are several
 */
GtkWindow *
ui_find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
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

/* The article view */

WebKitWebView *
ui_get_web_view (UiFixture *f)
{
  GtkWidget *view = bs_window_get_article_view (f->window);

  g_assert_true (BS_IS_ARTICLE_VIEW (view));
  return bs_article_view_get_web_view (BS_ARTICLE_VIEW (view));
}

typedef struct {
  gboolean done;
  JSCValue *value;
  GError *error;
} JsResult;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                         &js->error);
  js->done = TRUE;
}

static void
js_async_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                     result, &js->error);
  js->done = TRUE;
}

static JSCValue *
eval_js (UiFixture  *f,
         const char *script)
{
  JsResult js = { 0 };

  /* in the app's isolated world: page scripts are off (see bs-article-view.h) */
  webkit_web_view_evaluate_javascript (ui_get_web_view (f), script, -1, BS_ARTICLE_VIEW_WORLD,
                                       NULL, NULL, js_done_cb, &js);
  UI_WAIT_UNTIL (f, js.done);
  if (js.error != NULL)
    ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "JavaScript “%s” failed: %s",
             script, js.error->message);
  return js.value;
}

/**
 * ui_eval_js:
 * @script: JavaScript, run in BS_ARTICLE_VIEW_WORLD
 *
 * Returns: (transfer full): its value as a string
 */
char *
ui_eval_js (UiFixture  *f,
            const char *script)
{
  g_autoptr(JSCValue) value = eval_js (f, script);

  return jsc_value_to_string (value);
}

double
ui_eval_js_number (UiFixture  *f,
                   const char *script)
{
  g_autoptr(JSCValue) value = eval_js (f, script);

  return jsc_value_to_double (value);
}

/**
 * ui_wait_article:
 * @entry: the article expected
 *
 * Waits until the article view has loaded @entry's page (its document
 * title is the entry's title) and painted it.
 */
void
ui_wait_article (UiFixture *f,
                 BsEntry   *entry)
{
  WebKitWebView *web_view = ui_get_web_view (f);
  const char *title = bs_entry_get_title (entry);
  gint64 deadline = ui_deadline ();

  g_assert_nonnull (title);
  for (;;)
    {
      if (!webkit_web_view_is_loading (web_view)
          && bs_article_view_get_entry (BS_ARTICLE_VIEW (bs_window_get_article_view (f->window)))
             == entry)
        {
          g_autofree char *shown = ui_eval_js (f, "document.readyState == 'complete' ? document.title : ''");

          if (g_strcmp0 (shown, title) == 0)
            break;
        }
      ui_iterate_before (f, deadline, "the article to load", __FILE__, __LINE__, G_STRFUNC);
    }

  /* and painted: two animation frames of the page, then two of the window */
  {
    JsResult js = { 0 };

    webkit_web_view_call_async_javascript_function (web_view,
                                                    "await new Promise (done => requestAnimationFrame "
                                                    "  (() => requestAnimationFrame (done)));"
                                                    "return true;",
                                                    -1, NULL, BS_ARTICLE_VIEW_WORLD, NULL, NULL,
                                                    js_async_done_cb, &js);
    UI_WAIT_UNTIL (f, js.done);
    if (js.error != NULL)
      ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "waiting for the page's frames: %s",
               js.error->message);
    g_clear_object (&js.value);
  }
  ui_wait_frames (f, 2);
}

/**
 * ui_get_article_text:
 *
 * Returns: (transfer full): the text of the article view as rendered
 *   (document.body.innerText)
 */
char *
ui_get_article_text (UiFixture *f)
{
  return ui_eval_js (f, "document.body ? document.body.innerText : ''");
}

/* Keys */

/**
 * ui_require_keyboard:
 *
 * Skips the case unless real key presses can be sent (xdotool and an X11
 * display).
 *
 * Returns: TRUE when they can; return from the case otherwise
 */
gboolean
ui_require_keyboard (void)
{
#ifdef GDK_WINDOWING_X11
  if (xdotool_path != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return TRUE;
#endif
  g_test_skip ("real key presses need xdotool and an X11 display");
  return FALSE;
}

static void
run_xdotool (UiFixture          *f,
             const char * const *argv)
{
  g_assert_nonnull (xdotool_path);

  ui_focus_window (f);
  if (!run_quietly (argv, NULL))
    ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "xdotool failed");
  ui_process_events ();
}

/**
 * ui_press_keys:
 * @keys: what xdotool's key command takes: "j", "shift+a", "ctrl+f", "space"
 *
 * Presses and releases the keys on the X server, with the window focused,
 * and dispatches the events. Wait for their effect with UI_WAIT_UNTIL().
 */
void
ui_press_keys (UiFixture  *f,
               const char *keys)
{
  const char *argv[] = { xdotool_path, "key", "--clearmodifiers", keys, NULL };

  run_xdotool (f, argv);
}

/**
 * ui_type_text:
 * @text: letters, digits and spaces
 *
 * Types @text into whatever has the focus, a key press a character.
 * (xdotool's own "type" command loses whole words now and then on Xvfb.)
 */
void
ui_type_text (UiFixture  *f,
              const char *text)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (xdotool_path));
  g_ptr_array_add (argv, g_strdup ("key"));
  g_ptr_array_add (argv, g_strdup ("--clearmodifiers"));
  for (const char *p = text; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isalnum (*p) || *p == ' ');
      g_ptr_array_add (argv, *p == ' ' ? g_strdup ("space") : g_strndup (p, 1));
    }
  g_ptr_array_add (argv, NULL);

  run_xdotool (f, (const char * const *) argv->pdata);
}

/* Widgets */

static void
find_widgets (GtkWidget    *widget,
              UiWidgetMatch match,
              gpointer      data,
              GPtrArray    *found,
              gboolean      first_only)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (match (widget, data))
    {
      g_ptr_array_add (found, widget);
      if (first_only)
        return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && !(first_only && found->len > 0);
       child = gtk_widget_get_next_sibling (child))
    find_widgets (child, match, data, found, first_only);
}

/**
 * ui_find_widgets:
 * @root: where to look (it and its descendants)
 * @match: which widgets
 *
 * Returns: (transfer container): the mapped widgets that match, in tree
 *   order
 */
GPtrArray *
ui_find_widgets (GtkWidget    *root,
                 UiWidgetMatch match,
                 gpointer      data)
{
  GPtrArray *found = g_ptr_array_new ();

  find_widgets (root, match, data, found, FALSE);
  return found;
}

/**
 * ui_find_widget:
 *
 * Returns: (transfer none) (nullable): the first mapped widget that matches
 */
GtkWidget *
ui_find_widget (GtkWidget    *root,
                UiWidgetMatch match,
                gpointer      data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_widgets (root, match, data, found, TRUE);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static gboolean
label_matches (GtkWidget *widget,
               gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

GtkWidget *
ui_find_label (GtkWidget  *root,
               const char *text)
{
  return ui_find_widget (root, label_matches, (gpointer) text);
}

static gboolean
button_matches (GtkWidget *widget,
                gpointer   label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkWidget *
ui_find_button (GtkWidget  *root,
                const char *label)
{
  return ui_find_widget (root, button_matches, (gpointer) label);
}

static gboolean
is_entry_row (GtkWidget *widget,
              gpointer   data)
{
  return BS_IS_ENTRY_ROW (widget);
}

static gboolean
is_title_label (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title");
}

/**
 * ui_get_row_titles:
 *
 * Returns: (transfer full) (element-type utf8): the titles the article
 *   list's rows (BsEntryRow) show on screen, top to bottom
 */
GPtrArray *
ui_get_row_titles (UiFixture *f)
{
  g_autoptr(GPtrArray) rows = ui_find_widgets (GTK_WIDGET (f->window), is_entry_row, NULL);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  /* the list view recycles rows: order them by where they are */
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (sorted, rows->pdata[i]);
  for (guint i = 1; i < sorted->len; i++)
    for (guint j = i; j > 0; j--)
      {
        graphene_point_t a, b;

        if (!gtk_widget_compute_point (sorted->pdata[j - 1], GTK_WIDGET (f->window),
                                       &GRAPHENE_POINT_INIT (0, 0), &a)
            || !gtk_widget_compute_point (sorted->pdata[j], GTK_WIDGET (f->window),
                                          &GRAPHENE_POINT_INIT (0, 0), &b)
            || a.y <= b.y)
          break;
        {
          gpointer tmp = sorted->pdata[j];

          sorted->pdata[j] = sorted->pdata[j - 1];
          sorted->pdata[j - 1] = tmp;
        }
      }

  for (guint i = 0; i < sorted->len; i++)
    {
      GtkWidget *label = ui_find_widget (sorted->pdata[i], is_title_label, NULL);

      g_ptr_array_add (titles, g_strdup (label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : ""));
    }
  return titles;
}

/**
 * ui_entry_titles:
 *
 * Returns: (transfer full): the titles of the window's article list
 *   (bs_window_get_entries()), joined with "|", for messages and compares
 */
char *
ui_entry_titles (UiFixture *f)
{
  GListModel *entries = bs_window_get_entries (f->window);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (entries, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, bs_entry_get_title (entry));
    }
  return g_string_free (out, FALSE);
}

/**
 * ui_find_entry:
 * @title: an article's title
 *
 * Returns: its position in the window's article list, or
 *   GTK_INVALID_LIST_POSITION
 */
guint
ui_find_entry (UiFixture  *f,
               const char *title)
{
  GListModel *entries = bs_window_get_entries (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (bs_entry_get_title (entry), title) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/**
 * ui_get_selected_position:
 *
 * Returns: the position of the selected article in the list, or
 *   GTK_INVALID_LIST_POSITION
 */
guint
ui_get_selected_position (UiFixture *f)
{
  GListModel *entries = bs_window_get_entries (f->window);

  g_assert_true (GTK_IS_SINGLE_SELECTION (entries));
  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (entries));
}

/* Screenshots */

/**
 * ui_screenshot:
 * @name: the file's name, without .png
 *
 * Saves a screenshot of the whole window, once its transitions are over:
 * see ui_screenshot_widget().
 *
 * Returns: (transfer full): the file's path
 */
char *
ui_screenshot (UiFixture  *f,
               const char *name)
{
  ui_wait_transitions (f);
  return ui_screenshot_widget (GTK_WIDGET (f->window), name);
}

/**
 * ui_screenshot_widget:
 * @widget: a window (or any widget on screen)
 * @name: the file's name, without .png
 *
 * Renders @widget (a web view inside included: GSK_RENDERER=cairo) with
 * its window's own renderer and saves it as $BS_UI_SCREENSHOT_DIR/NAME.png
 * (default: screenshots/ in the build directory of the tests).
 *
 * Returns: (transfer full): the file's path
 */
char *
ui_screenshot_widget (GtkWidget  *widget,
                      const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (g_getenv ("BS_UI_SCREENSHOT_DIR") != NULL)
    dir = g_strdup (g_getenv ("BS_UI_SCREENSHOT_DIR"));
  else
    dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file, NULL);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_test_message ("nothing to take a screenshot of for %s", name);
      return path;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_test_message ("could not save %s", path);
  else
    g_test_message ("screenshot: %s", path);
  return path;
}
