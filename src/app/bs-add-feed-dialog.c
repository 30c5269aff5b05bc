/* bs-add-feed-dialog.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bs-add-feed-dialog.h"

struct _BsAddFeedDialog
{
  AdwWindow parent_instance;

  /* template */
  AdwEntryRow *url_row;
  AdwEntryRow *folder_row;
  GtkMenuButton *folder_button;
  GtkWidget *add_button;
  GtkSpinner *spinner;
  GtkWidget *error_box;
  GtkLabel *error_label;
  GtkWidget *show_button;
  GtkWidget *choice_box;
  AdwComboRow *choice_row;

  BsWindow *window;             /* weak */
  BsApplication *application;
  BsLibrary *library;
  GCancellable *cancellable;    /* of the search in progress */

  char *error;
  char *existing_id;            /* the subscription "Show It" shows */
  char *page_url;               /* the address the choices come from */
  GPtrArray *choices;           /* BsDiscoveredFeed, or NULL */
};

G_DEFINE_FINAL_TYPE (BsAddFeedDialog, bs_add_feed_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_URL,
  PROP_FOLDER,
  PROP_BUSY,
  PROP_ERROR,
  PROP_N_CHOICES,
  N_PROPS
};

enum {
  SUBSCRIBED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Subscribing */

/**
 * bs_subscribe:
 * @window: the window whose library subscribes
 * @feed_url: the feed's URL
 * @title: (nullable): its title until the first refresh brings its own
 * @site_url: (nullable): the site it belongs to
 * @folder: (nullable): the folder to put it in; NULL or blank for none
 * @error: BS_LIBRARY_ERROR_EXISTS when @feed_url is already subscribed to
 *
 * Adds the subscription, refreshes it at once and selects it in
 * @window's sidebar.
 *
 * Returns: (transfer none) (nullable): the new subscription, owned by the
 *   library, or NULL with @error set
 */
BsSource *
bs_subscribe (BsWindow    *window,
              const char  *feed_url,
              const char  *title,
              const char  *site_url,
              const char  *folder,
              GError     **error)
{
  BsApplication *application;
  BsLibrary *library;
  g_autoptr(BsSource) source = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *folder_name = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (BS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (feed_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  application = BS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  library = bs_application_get_library (application);
  g_return_val_if_fail (library != NULL, NULL);

  if (folder != NULL)
    folder_name = g_strstrip (g_strdup (folder));
  if (folder_name != NULL && folder_name[0] == '\0')
    g_clear_pointer (&folder_name, g_free);

  source = bs_library_new_source (library, feed_url);
  bs_source_set_title (source, title);
  bs_source_set_site_url (source, site_url);
  bs_source_set_folder (source, folder_name);
  if (!bs_library_add_source (library, source, error))
    return NULL;

  sources = g_ptr_array_new ();
  g_ptr_array_add (sources, source);
  bs_application_refresh (application, sources);

  key = g_strconcat ("source:", bs_source_get_id (source), NULL);
  bs_window_select_view (window, key);
  return source;
}

/* The address typed made into a feed or page URL: trimmed, feed: URLs
 * made http(s), https:// added when no scheme is given (and *@guessed set
 * then). NULL when it cannot be an http(s) URL. */
static char *
normalize_url (const char *text,
               gboolean   *guessed)
{
  g_autofree char *url = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url[0] == '\0')
    return NULL;
  for (const char *p = url; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return NULL;

  if (g_ascii_strncasecmp (url, "feed:", 5) == 0)
    {
      char *rest = url + 5;
      char *fixed = g_str_has_prefix (rest, "//") ? g_strconcat ("http:", rest, NULL)
                                                  : g_strdup (rest);

      g_free (url);
      url = fixed;
    }
  *guessed = strstr (url, "://") == NULL;
  if (*guessed)
    {
      char *fixed = g_strconcat ("https://", url, NULL);

      g_free (url);
      url = fixed;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if ((g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || host == NULL || host[0] == '\0')
    return NULL;
  /* a host name, an IP address, or an internationalised name */
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-._:%", *p) == NULL && (guchar) *p < 0x80)
      return NULL;

  return g_steal_pointer (&url);
}

/* What went wrong, as the user reads it under the address. */
static char *
describe_error (const GError *error)
{
  if (g_error_matches (error, BS_DISCOVERY_ERROR, BS_DISCOVERY_ERROR_NO_FEED))
    return g_strdup (_("No feed was found at this address. Try the address of the site’s "
                       "home page, or of the feed itself."));
  if (g_error_matches (error, BS_DISCOVERY_ERROR, BS_DISCOVERY_ERROR_UNAVAILABLE))
    return g_strdup (_("The site is unavailable for now. Try again later."));

  if (error->domain == BS_FETCHER_ERROR)
    {
      switch (error->code)
        {
        case BS_FETCHER_ERROR_INVALID_URL:
          return g_strdup (_("This is not the address of a web page or a feed."));
        case BS_FETCHER_ERROR_NETWORK:
          return g_strdup (_("The site could not be reached. Check the address and your "
                             "connection to the Internet."));
        case BS_FETCHER_ERROR_TLS:
          return g_strdup (_("The site’s secure connection cannot be trusted."));
        case BS_FETCHER_ERROR_TIMEOUT:
          return g_strdup (_("The site took too long to answer. Try again later."));
        case BS_FETCHER_ERROR_NOT_FOUND:
          return g_strdup (_("There is no page at this address (the server answered “not "
                             "found”)."));
        default:
          break;
        }
    }

  return g_strdup_printf (_("The site could not be read: %s"), error->message);
}

/* The kind of a feed from its media type, for the list of choices. */
static const char *
describe_type (const char *type)
{
  if (type == NULL)
    return _("Feed");
  if (strstr (type, "atom") != NULL)
    return _("Atom");
  if (strstr (type, "rss") != NULL || strstr (type, "rdf") != NULL)
    return _("RSS");
  if (strstr (type, "json") != NULL)
    return _("JSON Feed");
  return _("Feed");
}

/* State */

static void
set_error (BsAddFeedDialog *self,
           const char      *error,
           BsSource        *existing)
{
  g_free (self->existing_id);
  self->existing_id = existing != NULL ? g_strdup (bs_source_get_id (existing)) : NULL;
  gtk_widget_set_visible (self->show_button, existing != NULL);

  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (self->error_box, error != NULL);
  /* already subscribed is not an error: said plainly */
  if (error != NULL && existing == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->url_row), GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL && existing == NULL
                                 ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
show_existing (BsAddFeedDialog *self,
               BsSource        *existing)
{
  const char *title = bs_source_get_display_title (existing);
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("You already follow “%s”."),
                             title != NULL ? title : bs_source_get_feed_url (existing));
  set_error (self, message, existing);
}

static void
update_add_button (BsAddFeedDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  gtk_widget_set_sensitive (self->add_button, self->cancellable == NULL && trimmed[0] != '\0');
}

static void
set_busy (BsAddFeedDialog *self,
          GCancellable    *cancellable)
{
  gboolean was_busy = self->cancellable != NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), cancellable != NULL);
  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);
  update_add_button (self);
  if (was_busy != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
clear_choices (BsAddFeedDialog *self)
{
  if (self->choices == NULL)
    return;

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->page_url, g_free);
  adw_combo_row_set_model (self->choice_row, NULL);
  gtk_widget_set_visible (self->choice_box, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHOICES]);
}

static BsDiscoveredFeed *
get_chosen (BsAddFeedDialog *self)
{
  guint chosen = adw_combo_row_get_selected (self->choice_row);

  if (self->choices == NULL || chosen >= self->choices->len)
    return NULL;
  return g_ptr_array_index (self->choices, chosen);
}

/* The kind and address of the chosen feed, under its name. */
static void
chosen_changed_cb (BsAddFeedDialog *self)
{
  BsDiscoveredFeed *feed = get_chosen (self);
  g_autofree char *subtitle = NULL;

  if (feed != NULL)
    /* TRANSLATORS: the kind of a feed ("Atom", "RSS"…) and its address */
    subtitle = g_strdup_printf (_("%s · %s"), describe_type (feed->type), feed->url);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->choice_row), subtitle);
}

static void
show_choices (BsAddFeedDialog *self,
              GPtrArray       *feeds,
              const char      *page_url)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  clear_choices (self);
  self->choices = g_ptr_array_ref (feeds);
  self->page_url = g_strdup (page_url);

  for (guint i = 0; i < feeds->len; i++)
    {
      BsDiscoveredFeed *feed = g_ptr_array_index (feeds, i);

      gtk_string_list_append (names, feed->title != NULL && feed->title[0] != '\0'
                                     ? feed->title : feed->url);
    }

  adw_combo_row_set_model (self->choice_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->choice_row, 0);
  chosen_changed_cb (self);
  gtk_widget_set_visible (self->choice_box, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHOICES]);
  gtk_widget_grab_focus (GTK_WIDGET (self->choice_row));
}

/* Subscribes to @feed, found at @page_url, and closes; or says why not. */
static void
subscribe_to (BsAddFeedDialog  *self,
              BsDiscoveredFeed *feed,
              const char       *page_url)
{
  g_autoptr(GError) error = NULL;
  BsSource *existing;
  BsSource *source;

  existing = bs_library_find_source_by_url (self->library, feed->url);
  if (existing != NULL)
    {
      show_existing (self, existing);
      return;
    }
  if (self->window == NULL)
    return;

  source = bs_subscribe (self->window, feed->url, feed->title,
                         g_strcmp0 (page_url, feed->url) != 0 ? page_url : NULL,
                         gtk_editable_get_text (GTK_EDITABLE (self->folder_row)), &error);
  if (source == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The feed could not be added: %s"),
                                                  error->message);

      set_error (self, message, NULL);
      return;
    }

  g_signal_emit (self, signals[SUBSCRIBED], 0, source);
  gtk_window_close (GTK_WINDOW (self));
}

/* A search for feeds, for its callback. */
typedef struct {
  BsAddFeedDialog *self;
  GCancellable *cancellable;
  char *url;
  gboolean try_http;  /* https:// was a guess: try http:// if it fails */
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_object_unref (discovery->self);
  g_object_unref (discovery->cancellable);
  g_free (discovery->url);
  g_free (discovery);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Discovery, discovery_free)

static void discover_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data);

static void
start_discovery (BsAddFeedDialog *self,
                 Discovery       *discovery)
{
  bs_discover_async (bs_application_get_fetcher (self->application), discovery->url,
                     discovery->cancellable, discover_cb, discovery);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Discovery) discovery = user_data;
  BsAddFeedDialog *self = discovery->self;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  feeds = bs_discover_finish (result, &error);
  /* cancelled: the dialog closed, or the address changed */
  if (discovery->cancellable != self->cancellable)
    return;

  /* a site without https */
  if (feeds == NULL && discovery->try_http && error->domain == BS_FETCHER_ERROR
      && (error->code == BS_FETCHER_ERROR_NETWORK || error->code == BS_FETCHER_ERROR_TLS))
    {
      char *url = g_strconcat ("http://", discovery->url + strlen ("https://"), NULL);

      g_free (discovery->url);
      discovery->url = url;
      discovery->try_http = FALSE;
      start_discovery (self, g_steal_pointer (&discovery));
      return;
    }

  set_busy (self, NULL);
  if (feeds == NULL)
    {
      g_autofree char *message = describe_error (error);

      set_error (self, message, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }
  if (feeds->len == 1)
    subscribe_to (self, g_ptr_array_index (feeds, 0), discovery->url);
  else
    show_choices (self, feeds, discovery->url);
}

/**
 * bs_add_feed_dialog_add:
 * @self: the dialog
 *
 * What the Add button does: subscribes to the chosen feed when there are
 * choices, else looks for the feeds at the address typed. Does nothing
 * while a search runs.
 */
void
bs_add_feed_dialog_add (BsAddFeedDialog *self)
{
  g_autofree char *url = NULL;
  Discovery *discovery;
  BsSource *existing;
  gboolean guessed = FALSE;

  g_return_if_fail (BS_IS_ADD_FEED_DIALOG (self));

  if (self->cancellable != NULL)
    return;

  if (self->choices != NULL)
    {
      if (get_chosen (self) != NULL)
        subscribe_to (self, get_chosen (self), self->page_url);
      return;
    }

  url = normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), &guessed);
  if (url == NULL)
    {
      set_error (self, _("This is not the address of a web page or a feed."), NULL);
      return;
    }

  existing = bs_library_find_source_by_url (self->library, url);
  if (existing != NULL)
    {
      show_existing (self, existing);
      return;
    }

  set_error (self, NULL, NULL);
  discovery = g_new0 (Discovery, 1);
  discovery->self = g_object_ref (self);
  discovery->cancellable = g_cancellable_new ();
  discovery->url = g_steal_pointer (&url);
  discovery->try_http = guessed;
  set_busy (self, discovery->cancellable);
  start_discovery (self, discovery);
}

/* Signal handlers */

static void
add_clicked_cb (BsAddFeedDialog *self)
{
  bs_add_feed_dialog_add (self);
}

static void
url_changed_cb (BsAddFeedDialog *self)
{
  /* another address: what was said or found about the last one goes */
  set_busy (self, NULL);
  set_error (self, NULL, NULL);
  clear_choices (self);
  update_add_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

static void
folder_changed_cb (BsAddFeedDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

static void
show_clicked_cb (BsAddFeedDialog *self)
{
  g_autofree char *key = NULL;

  if (self->existing_id == NULL || self->window == NULL)
    return;

  key = g_strconcat ("source:", self->existing_id, NULL);
  bs_window_select_view (self->window, key);
  gtk_window_close (GTK_WINDOW (self));
}

static void
choose_folder_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BsAddFeedDialog *self = BS_ADD_FEED_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->folder_row), g_variant_get_string (parameter, NULL));
}

/* The existing folders, in the folder button's menu. */
static void
fill_folder_menu (BsAddFeedDialog *self)
{
  GListModel *folders = bs_library_get_folders (self->library);
  guint n = g_list_model_get_n_items (folders);
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BsFolder) folder = g_list_model_get_item (folders, i);
      const char *name = bs_folder_get_name (folder);
      g_auto(GStrv) parts = g_strsplit (name, "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);  /* no mnemonics */
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "add-feed.folder",
                                               g_variant_new_string (name));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->folder_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->folder_button), n > 0);
}

/* Public API */

/**
 * bs_add_feed_dialog_new:
 * @window: the main window, whose library subscribes
 *
 * Returns: (transfer none): a new dialog, modal for @window; present it
 */
BsAddFeedDialog *
bs_add_feed_dialog_new (BsWindow *window)
{
  BsAddFeedDialog *self;
  BsApplication *application;

  g_return_val_if_fail (BS_IS_WINDOW (window), NULL);

  application = BS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  g_return_val_if_fail (bs_application_get_library (application) != NULL, NULL);

  self = g_object_new (BS_TYPE_ADD_FEED_DIALOG,
                       "transient-for", window,
                       "application", application,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  self->application = g_object_ref (application);
  self->library = g_object_ref (bs_application_get_library (application));
  fill_folder_menu (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
  return self;
}

void
bs_add_feed_dialog_set_url (BsAddFeedDialog *self,
                            const char      *url)
{
  g_return_if_fail (BS_IS_ADD_FEED_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
}

const char *
bs_add_feed_dialog_get_url (BsAddFeedDialog *self)
{
  g_return_val_if_fail (BS_IS_ADD_FEED_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->url_row));
}

void
bs_add_feed_dialog_set_folder (BsAddFeedDialog *self,
                               const char      *folder)
{
  g_return_if_fail (BS_IS_ADD_FEED_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->folder_row), folder != NULL ? folder : "");
}

const char *
bs_add_feed_dialog_get_folder (BsAddFeedDialog *self)
{
  g_return_val_if_fail (BS_IS_ADD_FEED_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->folder_row));
}

gboolean
bs_add_feed_dialog_get_busy (BsAddFeedDialog *self)
{
  g_return_val_if_fail (BS_IS_ADD_FEED_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * bs_add_feed_dialog_get_error:
 * @self: the dialog
 *
 * Returns: (nullable): the message shown under the address, or NULL
 */
const char *
bs_add_feed_dialog_get_error (BsAddFeedDialog *self)
{
  g_return_val_if_fail (BS_IS_ADD_FEED_DIALOG (self), NULL);

  return self->error;
}

guint
bs_add_feed_dialog_get_n_choices (BsAddFeedDialog *self)
{
  g_return_val_if_fail (BS_IS_ADD_FEED_DIALOG (self), 0);

  return self->choices != NULL ? self->choices->len : 0;
}

/**
 * bs_add_feed_dialog_get_choice:
 * @self: the dialog
 * @position: less than the "n-choices"
 *
 * Returns: (transfer none): the feed offered at @position
 */
const BsDiscoveredFeed *
bs_add_feed_dialog_get_choice (BsAddFeedDialog *self,
                               guint            position)
{
  g_return_val_if_fail (BS_IS_ADD_FEED_DIALOG (self), NULL);
  g_return_val_if_fail (position < bs_add_feed_dialog_get_n_choices (self), NULL);

  return g_ptr_array_index (self->choices, position);
}

/* Chooses the feed at @position, as clicking its row does. */
void
bs_add_feed_dialog_choose (BsAddFeedDialog *self,
                           guint            position)
{
  g_return_if_fail (BS_IS_ADD_FEED_DIALOG (self));
  g_return_if_fail (position < bs_add_feed_dialog_get_n_choices (self));

  adw_combo_row_set_selected (self->choice_row, position);
}

/* GObject */

static void
bs_add_feed_dialog_dispose (GObject *object)
{
  BsAddFeedDialog *self = (BsAddFeedDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->window);

  gtk_widget_dispose_template (GTK_WIDGET (self), BS_TYPE_ADD_FEED_DIALOG);

  G_OBJECT_CLASS (bs_add_feed_dialog_parent_class)->dispose (object);
}

static void
bs_add_feed_dialog_finalize (GObject *object)
{
  BsAddFeedDialog *self = (BsAddFeedDialog *)object;

  g_clear_object (&self->application);
  g_clear_object (&self->library);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_free (self->error);
  g_free (self->existing_id);
  g_free (self->page_url);

  G_OBJECT_CLASS (bs_add_feed_dialog_parent_class)->finalize (object);
}

static void
bs_add_feed_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BsAddFeedDialog *self = BS_ADD_FEED_DIALOG (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, bs_add_feed_dialog_get_url (self));
      break;
    case PROP_FOLDER:
      g_value_set_string (value, bs_add_feed_dialog_get_folder (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, bs_add_feed_dialog_get_busy (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_N_CHOICES:
      g_value_set_uint (value, bs_add_feed_dialog_get_n_choices (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_add_feed_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BsAddFeedDialog *self = BS_ADD_FEED_DIALOG (object);

  switch (prop_id)
    {
    case PROP_URL:
      bs_add_feed_dialog_set_url (self, g_value_get_string (value));
      break;
    case PROP_FOLDER:
      bs_add_feed_dialog_set_folder (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_add_feed_dialog_class_init (BsAddFeedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bs_add_feed_dialog_dispose;
  object_class->finalize = bs_add_feed_dialog_finalize;
  object_class->get_property = bs_add_feed_dialog_get_property;
  object_class->set_property = bs_add_feed_dialog_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_CHOICES] =
    g_param_spec_uint ("n-choices", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SUBSCRIBED] =
    g_signal_new ("subscribed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BS_TYPE_SOURCE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/broadsheet/Broadsheet/bs-add-feed-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, folder_button);
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, show_button);
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, choice_box);
  gtk_widget_class_bind_template_child (widget_class, BsAddFeedDialog, choice_row);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_clicked_cb);

  gtk_widget_class_install_action (widget_class, "add-feed.folder", "s", choose_folder_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bs_add_feed_dialog_init (BsAddFeedDialog *self)
{

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->folder_row, "changed", G_CALLBACK (folder_changed_cb), self);
  g_signal_connect_swapped (self->choice_row, "notify::selected", G_CALLBACK (chosen_changed_cb), self);
}
