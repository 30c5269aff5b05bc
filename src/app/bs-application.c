/* bs-application.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>

#include "bs-application.h"
#include "bs-background.h"
#include "bs-notifier.h"
#include "bs-window.h"

struct _BsApplication
{
  AdwApplication parent_instance;

  char *data_dir;
  GSettings *settings;
  BsStore *store;
  BsLibrary *library;
  BsFetcher *fetcher;
  BsUpdater *updater;
  BsNotifier *notifier;
  BsBackground *background;
  GError *open_error;
  GCancellable *cancellable;

  gboolean refresh_pending;     /* a refresh asked for during another */
  GPtrArray *pending_sources;   /* its sources; NULL for all */
};

G_DEFINE_FINAL_TYPE (BsApplication, bs_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATA_DIR,
  N_PROPS
};

enum {
  OPEN_URI,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

BsApplication *
bs_application_new (void)
{
  return g_object_new (BS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/broadsheet/Broadsheet",
                       NULL);
}

/* The engine */

static void
apply_retention (BsApplication *self)
{
  BsRetentionPolicy policy = {
    .max_age_days = g_settings_get_uint (self->settings, "retention-days"),
    .max_per_source = g_settings_get_uint (self->settings, "max-entries-per-feed"),
    .remove_unread = FALSE,
  };

  bs_updater_set_retention (self->updater, &policy);
}

static void
retention_changed_cb (GSettings     *settings,
                      const char    *key,
                      BsApplication *self)
{
  apply_retention (self);
}

static void
icons_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (bs_updater_update_icons_finish (BS_UPDATER (object), result, &error) < 0
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Looking for icons failed: %s", error->message);
}

static void start_refresh (BsApplication *self,
                           GPtrArray     *sources);

/* After a refresh: the icons that are due (new feeds' among them), then
 * the refresh asked for while this one ran, if any. */
static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BsApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  outcomes = bs_updater_refresh_finish (BS_UPDATER (object), result, &error);
  if (outcomes == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_error_matches (error, BS_UPDATER_ERROR, BS_UPDATER_ERROR_BUSY))
    g_warning ("Refresh failed: %s", error->message);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  bs_updater_update_icons_async (self->updater, NULL, FALSE, self->cancellable, icons_cb, NULL);

  if (self->refresh_pending)
    {
      self->refresh_pending = FALSE;
      pending = g_steal_pointer (&self->pending_sources);
      start_refresh (self, pending);
    }
}

static void
start_refresh (BsApplication *self,
               GPtrArray     *sources)
{
  bs_updater_refresh_async (self->updater, sources,
                            sources != NULL ? BS_REFRESH_FLAGS_FORCE : BS_REFRESH_FLAGS_IGNORE_DUE,
                            self->cancellable, refresh_cb, g_object_ref (self));
}

/**
 * bs_application_refresh:
 * @self: the application
 * @sources: (nullable) (element-type BsSource): what to refresh, or NULL
 *   for every subscription
 *
 * Refreshes now, whether the sources are due or not, then looks for the
 * icons that are due. While a refresh runs, the request waits for it to
 * end (requests made meanwhile are merged: all sources if any asked for
 * all).
 */
void
bs_application_refresh (BsApplication *self,
                        GPtrArray     *sources)
{
  g_return_if_fail (BS_IS_APPLICATION (self));

  if (self->updater == NULL)
    return;

  if (!bs_updater_get_refreshing (self->updater))
    {
      start_refresh (self, sources);
      return;
    }

  /* after the running one; NULL pending_sources with refresh_pending means all */
  if (!self->refresh_pending)
    {
      self->refresh_pending = TRUE;
      if (sources != NULL)
        self->pending_sources = g_ptr_array_new_with_free_func (g_object_unref);
    }
  if (sources == NULL)
    g_clear_pointer (&self->pending_sources, g_ptr_array_unref);
  else if (self->pending_sources != NULL)
    for (guint i = 0; i < sources->len; i++)
      if (!g_ptr_array_find (self->pending_sources, sources->pdata[i], NULL))
        g_ptr_array_add (self->pending_sources, g_object_ref (sources->pdata[i]));
}

static void
search_prepared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bs_library_prepare_search_finish (BS_LIBRARY (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Preparing search failed: %s", error->message);
}

/* Opens the store, loads the library and starts the updater; on failure
 * (another writer holds the store, a directory that cannot be created)
 * keeps the error for the window to show. */
static void
open_engine (BsApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->store = bs_store_new (self->data_dir);
  if (!bs_store_open (self->store, TRUE, &error))
    {
      self->open_error = g_steal_pointer (&error);
      g_clear_object (&self->store);
      return;
    }

  self->library = bs_library_new (self->store);
  if (!bs_library_load (self->library, &error))
    {
      self->open_error = g_steal_pointer (&error);
      g_clear_object (&self->library);
      bs_store_close (self->store, NULL);
      g_clear_object (&self->store);
      return;
    }

  self->fetcher = bs_fetcher_new ();
  self->updater = bs_updater_new (self->library, self->fetcher);
  g_settings_bind (self->settings, "refresh-interval", self->updater, "interval",
                   G_SETTINGS_BIND_GET);
  apply_retention (self);
  g_signal_connect (self->settings, "changed::retention-days",
                    G_CALLBACK (retention_changed_cb), self);
  g_signal_connect (self->settings, "changed::max-entries-per-feed",
                    G_CALLBACK (retention_changed_cb), self);

  /* it follows every refresh, the first one too */
  self->notifier = bs_notifier_new (G_APPLICATION (self), self->library, self->updater,
                                    self->settings);

  /* everything now (conditional requests make it cheap), then the timer */
  bs_application_refresh (self, NULL);
  bs_updater_start (self->updater);

  /* the text search needs, built in idle moments so that the first
   * keystroke does not pay for it */
  bs_library_prepare_search_async (self->library, self->cancellable, search_prepared_cb, NULL);
}

static void
close_engine (BsApplication *self)
{
  g_autoptr(GError) error = NULL;

  /* a refresh cut short tells about nothing */
  g_clear_object (&self->notifier);
  g_cancellable_cancel (self->cancellable);
  if (self->updater != NULL)
    bs_updater_stop (self->updater);
  if (self->store != NULL && !bs_store_close (self->store, &error))
    g_warning ("Could not save everything: %s", error->message);
}

/* Actions */

static BsWindow *
get_window (BsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (BS_IS_WINDOW (window))
    return BS_WINDOW (window);
  return NULL;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  BsApplication *self = user_data;
  g_autolist(GtkWindow) closing = NULL;

  /* a copy (each window leaves the application's list as it closes), in
   * the same order: dialogs, focused last, before their parents */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    closing = g_list_prepend (closing, g_object_ref (l->data));
  closing = g_list_reverse (closing);

  /* windows save their state when they close */
  for (GList *l = closing; l != NULL; l = l->next)
    gtk_window_close (l->data);
  /* running in the background or not */
  if (self->background != NULL)
    bs_background_release (self->background);
  g_application_quit (G_APPLICATION (self));
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  BsApplication *self = user_data;

  /* The launcher's "Refresh" (desktop file action) starts a new process
   * with ActivateAction and no Activate: without a window to hold it, the
   * service would quit after its 10 s wait, cancelling the refresh. Show
   * the window, where the refresh shows its progress. Running in the
   * background, the application holds itself: the refresh then goes on
   * without a window, and notifies. */
  if (gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL
      && (self->background == NULL || !bs_background_get_holding (self->background)))
    g_application_activate (G_APPLICATION (self));
  bs_application_refresh (self, NULL);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  BsApplication *self = user_data;
  const char *developers[] = { _("The Broadsheet developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Broadsheet"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Broadsheet developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Follow RSS, Atom and JSON feeds, and Planets, "
                                      "and read them in a river of news"),
                        "website", "https://github.com/broadsheet/broadsheet",
                        "issue-url", "https://github.com/broadsheet/broadsheet/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "copyright", "© 2026 The Broadsheet developers",
                        /* Translators: your names, one per line, shown in the About window */
                        "translator-credits", _("translator-credits"),
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The user guide (help/), in the help browser, through "open-uri". */
static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  bs_application_open_uri (BS_APPLICATION (user_data), "help:broadsheet");
}

static void
window_action_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  BsApplication *self = user_data;
  BsWindow *window = get_window (self);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = get_window (self);
    }
  if (window != NULL)
    {
      g_autofree char *name = g_strconcat ("win.", g_action_get_name (G_ACTION (action)), NULL);

      gtk_widget_activate_action (GTK_WIDGET (window), name, NULL);
    }
}

/* The notification about new articles (bs-notifier.h). Its actions work
 * whether the application was running or was started by the
 * notification (D-Bus activation: startup, then the action, no window). */

/* The main window, also under a dialog of its. */
static BsWindow *
main_window (BsApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (BS_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
in_set_cb (gpointer item,
           gpointer user_data)
{
  return g_hash_table_contains (user_data, item);
}

/* The default action: the window, opened if need be, lists the articles
 * the notification told about (one article: shown at once). */
static void
show_new_articles_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  BsApplication *self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GtkFilterListModel) model = NULL;
  GtkCustomFilter *filter;
  BsWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = main_window (self);
  if (window == NULL || self->library == NULL)
    return;
  if (self->notifier != NULL)
    bs_notifier_forget (self->notifier);

  entries = bs_notifier_lookup_entries (self->library, parameter);
  wanted = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  for (guint i = 0; i < entries->len; i++)
    g_hash_table_add (wanted, g_object_ref (entries->pdata[i]));
  /* the library's order, and its changes (read, gone) */
  filter = gtk_custom_filter_new (in_set_cb, g_steal_pointer (&wanted),
                                  (GDestroyNotify) g_hash_table_unref);
  model = gtk_filter_list_model_new (g_object_ref (bs_library_get_all_entries (self->library)),
                                     GTK_FILTER (filter));
  bs_window_show_articles (window, _("New Articles"), G_LIST_MODEL (model));
  if (entries->len == 1)
    bs_window_select_entry (window, 0);
}

/* The button: the articles are marked read, no window opens. */
static void
mark_read_notified_activated (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  BsApplication *self = user_data;
  g_autoptr(GPtrArray) entries = NULL;

  if (self->library == NULL)
    return;
  if (self->notifier != NULL)
    bs_notifier_forget (self->notifier);

  entries = bs_notifier_lookup_entries (self->library, parameter);
  for (guint i = 0; i < entries->len; i++)
    bs_library_set_read (self->library, entries->pdata[i], TRUE);
}

/* The Background portal said no (bs-background.h): said where the user
 * asked, in the preferences or the window. */
static void
background_denied_cb (BsBackground  *background,
                      const char    *message,
                      BsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  if (ADW_IS_PREFERENCES_WINDOW (window))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
  else if (main_window (self) != NULL)
    bs_window_add_toast (main_window (self), toast);
  else
    g_object_unref (toast);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL },
  { "refresh", refresh_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
  { "help", help_activated, NULL, NULL, NULL },
  { "show-new-articles", show_new_articles_activated, "s", NULL, NULL },
  { "mark-read-notified", mark_read_notified_activated, "s", NULL, NULL },
};

/* Forwarded to the window ("win.NAME"), opening one if needed. The
 * keyboard shortcuts window is GTK's own win.show-help-overlay, from
 * gtk/help-overlay.ui in the resources. */
static const char *window_actions[] = {
  "add-feed", "import-opml", "export-opml", "preferences",
};

/* GApplication */

static void
bs_application_startup (GApplication *application)
{
  BsApplication *self = BS_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.refresh", { "F5", "<Control>r", NULL } },
    { "win.add-feed", { "<Control>n", NULL } },
    { "win.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "app.help", { "F1", NULL } },
  };

  G_APPLICATION_CLASS (bs_application_parent_class)->startup (application);

  /* the icon data/icons installs, for the windows (X11 window managers) */
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (window_actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (window_actions[i], NULL);

      g_signal_connect (action, "activate", G_CALLBACK (window_action_activated), self);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = g_settings_new (APPLICATION_ID);
  self->background = bs_background_new (G_APPLICATION (self), self->settings);
  g_signal_connect_object (self->background, "denied", G_CALLBACK (background_denied_cb),
                           self, 0);
  open_engine (self);
}

static void
bs_application_activate (GApplication *application)
{
  BsApplication *self = BS_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (bs_window_new (self));
  gtk_window_present (window);
}

static void
bs_application_shutdown (GApplication *application)
{
  BsApplication *self = BS_APPLICATION (application);

  close_engine (self);

  G_APPLICATION_CLASS (bs_application_parent_class)->shutdown (application);
}

static gint
bs_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  BsApplication *self = BS_APPLICATION (application);
  const char *data_dir = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    {
      g_autofree char *absolute = g_canonicalize_filename (data_dir, NULL);

      g_object_set (self, "data-dir", absolute, NULL);
      /* another store is another instance: do not hand over to a running one */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
open_uri_default (BsApplication *self,
                  const char    *uri)
{
  g_autoptr(GError) error = NULL;

  /* the guide: the help browser, on top of the window (GTK says when it
   * cannot be shown); GtkUriLauncher replaces this from GTK 4.10 */
  if (g_str_has_prefix (uri, "help:"))
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_show_uri (gtk_application_get_active_window (GTK_APPLICATION (self)), uri,
                    GDK_CURRENT_TIME);
      G_GNUC_END_IGNORE_DEPRECATIONS
      return;
    }

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Could not open %s: %s", uri, error->message);
}

/**
 * bs_application_open_uri:
 * @self: the application
 * @uri: an http(s) URI, or "help:broadsheet" for the user guide
 *
 * Opens @uri in the user's browser, or the guide in the help browser
 * (through "open-uri").
 */
void
bs_application_open_uri (BsApplication *self,
                         const char    *uri)
{
  g_return_if_fail (BS_IS_APPLICATION (self));
  g_return_if_fail (uri != NULL);

  g_signal_emit (self, signals[OPEN_URI], 0, uri);
}

/* GObject */

static void
bs_application_finalize (GObject *object)
{
  BsApplication *self = (BsApplication *)object;

  g_clear_object (&self->notifier);
  g_clear_object (&self->background);
  g_clear_object (&self->updater);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->library);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_sources, g_ptr_array_unref);
  g_clear_error (&self->open_error);
  g_free (self->data_dir);

  G_OBJECT_CLASS (bs_application_parent_class)->finalize (object);
}

static void
bs_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BsApplication *self = BS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BsApplication *self = BS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_free (self->data_dir);
      self->data_dir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_application_class_init (BsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bs_application_finalize;
  object_class->get_property = bs_application_get_property;
  object_class->set_property = bs_application_set_property;

  app_class->startup = bs_application_startup;
  app_class->activate = bs_application_activate;
  app_class->shutdown = bs_application_shutdown;
  app_class->handle_local_options = bs_application_handle_local_options;

  /* The store directory; NULL for $XDG_DATA_HOME/broadsheet. Set before
   * the application starts. */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_URI] =
    g_signal_new_class_handler ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (open_uri_default), NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
bs_application_init (BsApplication *self)
{
  const GOptionEntry options[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep subscriptions and articles in DIR instead of the usual place"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/* Accessors */

const char *
bs_application_get_data_dir (BsApplication *self)
{
  g_return_val_if_fail (BS_IS_APPLICATION (self), NULL);

  return self->store != NULL ? bs_store_get_directory (self->store) : self->data_dir;
}

GSettings *
bs_application_get_settings (BsApplication *self)
{
  g_return_val_if_fail (BS_IS_APPLICATION (self), NULL);

  return self->settings;
}

BsStore *
bs_application_get_store (BsApplication *self)
{
  g_return_val_if_fail (BS_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * bs_application_get_library:
 * @self: the application
 *
 * Returns: (nullable): the library, NULL when the store could not be
 *   opened (see bs_application_get_open_error())
 */
BsLibrary *
bs_application_get_library (BsApplication *self)
{
  g_return_val_if_fail (BS_IS_APPLICATION (self), NULL);

  return self->library;
}

BsFetcher *
bs_application_get_fetcher (BsApplication *self)
{
  g_return_val_if_fail (BS_IS_APPLICATION (self), NULL);

  return self->fetcher;
}

BsUpdater *
bs_application_get_updater (BsApplication *self)
{
  g_return_val_if_fail (BS_IS_APPLICATION (self), NULL);

  return self->updater;
}

/**
 * bs_application_get_notifier:
 * @self: the application
 *
 * Returns: (nullable) (transfer none): what notifies about new articles,
 *   NULL when the store could not be opened
 */
BsNotifier *
bs_application_get_notifier (BsApplication *self)
{
  g_return_val_if_fail (BS_IS_APPLICATION (self), NULL);

  return self->notifier;
}

/**
 * bs_application_get_background:
 * @self: the application
 *
 * Returns: (nullable) (transfer none): what keeps the application running
 *   with no window, once it started up
 */
BsBackground *
bs_application_get_background (BsApplication *self)
{
  g_return_val_if_fail (BS_IS_APPLICATION (self), NULL);

  return self->background;
}

const GError *
bs_application_get_open_error (BsApplication *self)
{
  g_return_val_if_fail (BS_IS_APPLICATION (self), NULL);

  return self->open_error;
}
