/* bs-notifier.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bs-notifier.h"

struct _BsNotifier
{
  GObject parent_instance;

  GApplication *application;  /* owns the notifier: not a reference */
  BsLibrary *library;
  BsUpdater *updater;
  GSettings *settings;

  /* While a refresh runs */
  gboolean collecting;
  gint64 started;             /* seconds, the updater's clock is real time */
  GHashTable *never_fetched;  /* ids of the sources without a success yet */
  GHashTable *with_new;       /* ids of the sources that got new entries */
  GHashTable *arrived;        /* BsEntry set: came into the unread list */
  gulong unread_changed_id;

  /* What the notification shown now tells about */
  GPtrArray *notified;        /* BsEntry, newest first */

  /* Whether the notification server reads the body as markup (see
   * probe_body_markup()) */
  gboolean probed;
  gboolean escape_body;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (BsNotifier, bs_notifier, G_TYPE_OBJECT)

/* The text */

typedef struct {
  const char *id;
  const char *title;
  guint n;
  guint first;  /* where the feed first appears among the articles */
} FeedCount;

static int
feed_count_compare (gconstpointer a,
                    gconstpointer b)
{
  const FeedCount *x = a;
  const FeedCount *y = b;

  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return x->first < y->first ? -1 : (x->first > y->first);
}

/* "A", "A and B", "A, B and C", "A, B and 3 more": the feeds with the
 * most articles first. */
static char *
feeds_text (GArray *feeds)
{
  FeedCount *f = (FeedCount *) (gpointer) feeds->data;
  guint more;

  switch (feeds->len)
    {
    case 1:
      return g_strdup (f[0].title);
    case 2:
      /* Translators: the feeds of new articles, in a notification */
      return g_strdup_printf (_("%s and %s"), f[0].title, f[1].title);
    case 3:
      /* Translators: the feeds of new articles, in a notification */
      return g_strdup_printf (_("%s, %s and %s"), f[0].title, f[1].title, f[2].title);
    default:
      more = feeds->len - 2;
      /* Translators: the feeds of new articles, in a notification: two
       * feeds by name and how many other feeds, as in "Planet GNOME,
       * LWN.net and 3 more" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s and %u more",
                                           "%s, %s and %u more", more),
                              f[0].title, f[1].title, more);
    }
}

/**
 * bs_notifier_summarize:
 * @articles: (array length=n_articles): the new articles, newest first
 * @n_articles: how many
 * @title: (out) (transfer full) (optional): the notification's title
 * @body: (out) (transfer full) (optional): its body
 *
 * Words the notification about @articles, leaving out those of muted
 * feeds and of feeds fetched for the first time. One article: its title,
 * and its feed as the body. More: "N new articles", and their feeds as
 * the body, those with the most articles first ("Planet GNOME, LWN.net
 * and 3 more").
 *
 * Returns: FALSE, setting nothing, when no article is left to tell about
 */
gboolean
bs_notifier_summarize (const BsNotifierArticle  *articles,
                       guint                     n_articles,
                       char                    **title,
                       char                    **body)
{
  g_autoptr(GArray) feeds = g_array_new (FALSE, TRUE, sizeof (FeedCount));
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  const BsNotifierArticle *single = NULL;
  guint n = 0;

  g_return_val_if_fail (articles != NULL || n_articles == 0, FALSE);

  for (guint i = 0; i < n_articles; i++)
    {
      const BsNotifierArticle *a = &articles[i];
      gpointer position;

      if (a->muted || a->first_fetch)
        continue;
      g_return_val_if_fail (a->source_id != NULL, FALSE);

      if (n++ == 0)
        single = a;
      if (g_hash_table_lookup_extended (index, a->source_id, NULL, &position))
        {
          g_array_index (feeds, FeedCount, GPOINTER_TO_UINT (position)).n++;
        }
      else
        {
          FeedCount f = {
            .id = a->source_id,
            .title = a->source_title != NULL ? a->source_title : a->source_id,
            .n = 1,
            .first = feeds->len,
          };

          g_hash_table_insert (index, (gpointer) a->source_id, GUINT_TO_POINTER (feeds->len));
          g_array_append_val (feeds, f);
        }
    }

  if (n == 0)
    return FALSE;

  if (n == 1)
    {
      if (title != NULL)
        *title = g_strdup (single->title != NULL && single->title[0] != '\0' ?
                           single->title : _("New article"));
      if (body != NULL)
        *body = g_strdup (g_array_index (feeds, FeedCount, 0).title);
      return TRUE;
    }

  g_array_sort (feeds, feed_count_compare);
  if (title != NULL)
    *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new article",
                                           "%u new articles", n), n);
  if (body != NULL)
    *body = feeds_text (feeds);
  return TRUE;
}

/* The articles */

static gint64
entry_time (BsEntry *entry)
{
  gint64 t = bs_entry_get_published (entry);

  if (t == BS_DATE_NONE)
    t = bs_entry_get_updated (entry);
  if (t == BS_DATE_NONE)
    t = bs_entry_get_first_seen (entry);
  return t;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  BsEntry *x = *(BsEntry * const *) a;
  BsEntry *y = *(BsEntry * const *) b;
  gint64 tx = entry_time (x);
  gint64 ty = entry_time (y);

  if (tx != ty)
    return tx > ty ? -1 : 1;
  return g_strcmp0 (bs_entry_get_key (x), bs_entry_get_key (y));
}

/* Whether @entry is still worth telling about: in the library, unread,
 * its feed not muted. */
static BsSource *
still_news (BsNotifier *self,
            BsEntry    *entry)
{
  BsSource *source = bs_library_lookup_source (self->library, bs_entry_get_source_id (entry));

  if (source == NULL || bs_entry_get_read (entry) || bs_source_get_notifications_muted (source)
      || bs_library_lookup_entry (self->library, bs_entry_get_source_id (entry),
                                  bs_entry_get_key (entry)) != entry)
    return NULL;
  return source;
}

/**
 * bs_notifier_make_target:
 * @entries: (element-type BsEntry): articles
 *
 * Returns: (transfer floating): the target that names @entries for the
 *   notification's actions (see bs-notifier.h)
 */
GVariant *
bs_notifier_make_target (GPtrArray *entries)
{
  GString *target = g_string_new (NULL);

  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      BsEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *key = g_uri_escape_string (bs_entry_get_key (entry), NULL, FALSE);

      if (i > 0)
        g_string_append_c (target, ' ');
      g_string_append_printf (target, "%s:%s", bs_entry_get_source_id (entry), key);
    }
  return g_variant_new_take_string (g_string_free (target, FALSE));
}

/**
 * bs_notifier_lookup_entries:
 * @library: the library
 * @target: the target of a notification's action, a string of
 *   bs_notifier_make_target()
 *
 * Returns: (transfer container) (element-type BsEntry): the entries of
 *   @target that are still in @library
 */
GPtrArray *
bs_notifier_lookup_entries (BsLibrary *library,
                            GVariant  *target)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (BS_IS_LIBRARY (library), entries);
  g_return_val_if_fail (target != NULL, entries);
  g_return_val_if_fail (g_variant_is_of_type (target, G_VARIANT_TYPE_STRING), entries);

  items = g_strsplit (g_variant_get_string (target, NULL), " ", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *colon = strchr (items[i], ':');
      g_autofree char *key = NULL;
      BsEntry *entry;

      if (colon == NULL)
        continue;
      *colon = '\0';
      key = g_uri_unescape_string (colon + 1, NULL);
      entry = key != NULL ? bs_library_lookup_entry (library, items[i], key) : NULL;
      if (entry != NULL)
        g_ptr_array_add (entries, g_object_ref (entry));
    }
  return entries;
}

/* Sending */

/* Feed and article titles are the feeds' words: a server that reads the
 * body as markup (org.freedesktop.Notifications with "body-markup", as
 * dunst and KDE do) would show a title's "<a href=…>" as a link. GLib
 * sends through that interface only when neither the portal (sandboxed)
 * nor org.gtk.Notifications (GNOME Shell, which takes plain text) is
 * there, and passes the body on as it is; so escape it then, and only
 * then (GNOME Shell would show "&amp;"). Asked once, when the application
 * is on the bus, long before the first refresh ends. */
static void
capabilities_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **caps = NULL;
  BsNotifier *self;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (reply == NULL)
    {
      g_debug ("No notification server to ask: %s", error->message);
      return;
    }
  g_variant_get (reply, "(^a&s)", &caps);
  self->escape_body = g_strv_contains (caps, "body-markup");
}

static void
gtk_notifications_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE;
  BsNotifier *self;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  if (owned)
    return;

  g_dbus_connection_call (G_DBUS_CONNECTION (object), "org.freedesktop.Notifications",
                          "/org/freedesktop/Notifications", "org.freedesktop.Notifications",
                          "GetCapabilities", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, capabilities_cb, self);
}

static void
probe_body_markup (BsNotifier *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (self->application);

  if (self->probed || bus == NULL)
    return;
  self->probed = TRUE;
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return;

  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", "org.gtk.Notifications"), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, gtk_notifications_cb,
                          self);
}

static void
send_notification (BsNotifier *self,
                   GPtrArray  *entries)
{
  g_autoptr(GArray) articles = g_array_new (FALSE, TRUE, sizeof (BsNotifierArticle));
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GVariant *target;

  for (guint i = 0; i < entries->len; i++)
    {
      BsEntry *entry = g_ptr_array_index (entries, i);
      BsSource *source = bs_library_lookup_source (self->library, bs_entry_get_source_id (entry));
      BsNotifierArticle a = {
        .title = bs_entry_get_title (entry),
        .source_id = bs_source_get_id (source),
        .source_title = bs_source_get_display_title (source),
      };

      g_array_append_val (articles, a);
    }
  if (!bs_notifier_summarize ((const BsNotifierArticle *) (gpointer) articles->data,
                              articles->len, &title, &body))
    return;

  if (self->escape_body)
    {
      char *escaped = g_markup_escape_text (body, -1);

      g_free (body);
      body = escaped;
    }
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  icon = g_themed_icon_new (APPLICATION_ID);
  g_notification_set_icon (notification, icon);
  target = bs_notifier_make_target (entries);
  g_notification_set_default_action_and_target_value (notification, "app.show-new-articles",
                                                      target);
  g_notification_add_button_with_target_value (notification, _("Mark as Read"),
                                               "app.mark-read-notified", target);
  g_application_send_notification (self->application, BS_NOTIFIER_ID, notification);
  g_debug ("Notified about %u articles: %s — %s", entries->len, title, body);
}

/* At the end of a refresh: the articles that came, less those left out,
 * with those of the notification shown now that are still news. */
static void
refresh_ended (BsNotifier *self)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) all = NULL;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->arrived);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      BsEntry *entry = key;
      const char *source_id = bs_entry_get_source_id (entry);

      if (!g_hash_table_contains (self->with_new, source_id)
          || g_hash_table_contains (self->never_fetched, source_id)
          || still_news (self, entry) == NULL)
        continue;
      g_ptr_array_add (fresh, g_object_ref (entry));
    }

  if (fresh->len == 0 || !g_settings_get_boolean (self->settings, "notifications"))
    return;

  all = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->notified->len; i++)
    {
      BsEntry *entry = g_ptr_array_index (self->notified, i);

      if (still_news (self, entry) != NULL && !g_hash_table_contains (self->arrived, entry))
        g_ptr_array_add (all, g_object_ref (entry));
    }
  g_ptr_array_extend_and_steal (all, g_steal_pointer (&fresh));
  g_ptr_array_sort (all, newest_first);

  send_notification (self, all);
  g_ptr_array_unref (self->notified);
  self->notified = g_steal_pointer (&all);
}

/* Following the updater */

static void
unread_changed_cb (GListModel *unread,
                   guint       position,
                   guint       removed,
                   guint       added,
                   BsNotifier *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (unread, i);

      /* an article marked unread again is older than the refresh */
      if (bs_entry_get_first_seen (entry) >= self->started)
        g_hash_table_add (self->arrived, g_steal_pointer (&entry));
    }
}

static void
source_refreshed_cb (BsUpdater        *updater,
                     BsSource         *source,
                     BsRefreshOutcome *outcome,
                     BsNotifier       *self)
{
  if (self->collecting && outcome->n_new > 0)
    g_hash_table_add (self->with_new, g_strdup (bs_source_get_id (source)));
}

static void
stop_collecting (BsNotifier *self)
{
  GListModel *unread = bs_library_get_unread_entries (self->library);

  self->collecting = FALSE;
  g_clear_signal_handler (&self->unread_changed_id, unread);
  g_hash_table_remove_all (self->never_fetched);
  g_hash_table_remove_all (self->with_new);
  g_hash_table_remove_all (self->arrived);
}

static void
refreshing_cb (BsUpdater  *updater,
               GParamSpec *pspec,
               BsNotifier *self)
{
  GListModel *sources = bs_library_get_sources (self->library);

  probe_body_markup (self);
  if (!bs_updater_get_refreshing (updater))
    {
      if (self->collecting)
        refresh_ended (self);
      stop_collecting (self);
      return;
    }

  stop_collecting (self);
  self->collecting = TRUE;
  self->started = g_get_real_time () / G_USEC_PER_SEC;
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);

      if (bs_source_get_last_success (source) == 0)
        g_hash_table_add (self->never_fetched, g_strdup (bs_source_get_id (source)));
    }
  self->unread_changed_id = g_signal_connect (bs_library_get_unread_entries (self->library),
                                              "items-changed",
                                              G_CALLBACK (unread_changed_cb), self);
}

static void
notifications_changed_cb (GSettings  *settings,
                          const char *key,
                          BsNotifier *self)
{
  if (!g_settings_get_boolean (settings, "notifications"))
    {
      g_application_withdraw_notification (self->application, BS_NOTIFIER_ID);
      bs_notifier_forget (self);
    }
}

/**
 * bs_notifier_new:
 * @application: the application, which sends the notifications and
 *   outlives the notifier
 * @library: its library
 * @updater: its updater, on @library
 * @settings: its settings ("notifications")
 *
 * Returns: (transfer full): a notifier following @updater; create it
 *   before the first refresh starts (a refresh that began before is not
 *   told about)
 */
BsNotifier *
bs_notifier_new (GApplication *application,
                 BsLibrary    *library,
                 BsUpdater    *updater,
                 GSettings    *settings)
{
  BsNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (BS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (BS_IS_UPDATER (updater), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BS_TYPE_NOTIFIER, NULL);
  self->application = application;
  self->library = g_object_ref (library);
  self->updater = g_object_ref (updater);
  self->settings = g_object_ref (settings);

  g_signal_connect_object (updater, "notify::refreshing", G_CALLBACK (refreshing_cb), self, 0);
  g_signal_connect_object (updater, "source-refreshed", G_CALLBACK (source_refreshed_cb),
                           self, 0);
  g_signal_connect_object (settings, "changed::notifications",
                           G_CALLBACK (notifications_changed_cb), self, 0);
  probe_body_markup (self);

  return self;
}

/**
 * bs_notifier_get_n_notified:
 * @self: a notifier
 *
 * Returns: how many articles the notification shown now tells about (0
 *   when none is shown, or it was acted upon)
 */
guint
bs_notifier_get_n_notified (BsNotifier *self)
{
  g_return_val_if_fail (BS_IS_NOTIFIER (self), 0);

  return self->notified->len;
}

/**
 * bs_notifier_forget:
 * @self: a notifier
 *
 * The user has seen the notification's articles (an action of the
 * notification ran): the next notification does not count them again.
 */
void
bs_notifier_forget (BsNotifier *self)
{
  g_return_if_fail (BS_IS_NOTIFIER (self));

  g_ptr_array_set_size (self->notified, 0);
}

/* GObject */

static void
bs_notifier_dispose (GObject *object)
{
  BsNotifier *self = (BsNotifier *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->library != NULL)
    stop_collecting (self);
  g_clear_object (&self->updater);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (bs_notifier_parent_class)->dispose (object);
}

static void
bs_notifier_finalize (GObject *object)
{
  BsNotifier *self = (BsNotifier *)object;

  g_hash_table_unref (self->never_fetched);
  g_hash_table_unref (self->with_new);
  g_hash_table_unref (self->arrived);
  g_ptr_array_unref (self->notified);

  G_OBJECT_CLASS (bs_notifier_parent_class)->finalize (object);
}

static void
bs_notifier_class_init (BsNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bs_notifier_dispose;
  object_class->finalize = bs_notifier_finalize;
}

static void
bs_notifier_init (BsNotifier *self)
{
  self->never_fetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->with_new = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->arrived = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  self->notified = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}
