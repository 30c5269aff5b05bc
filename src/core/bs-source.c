/* bs-source.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-source"

#include "config.h"

#include "bs-source.h"

#include <string.h>

G_DEFINE_ENUM_TYPE (BsSourceErrorKind, bs_source_error_kind,
  G_DEFINE_ENUM_VALUE (BS_SOURCE_ERROR_KIND_NONE, "none"),
  G_DEFINE_ENUM_VALUE (BS_SOURCE_ERROR_KIND_NETWORK, "network"),
  G_DEFINE_ENUM_VALUE (BS_SOURCE_ERROR_KIND_TLS, "tls"),
  G_DEFINE_ENUM_VALUE (BS_SOURCE_ERROR_KIND_HTTP, "http"),
  G_DEFINE_ENUM_VALUE (BS_SOURCE_ERROR_KIND_PARSE, "parse"),
  G_DEFINE_ENUM_VALUE (BS_SOURCE_ERROR_KIND_GONE, "gone"),
  G_DEFINE_ENUM_VALUE (BS_SOURCE_ERROR_KIND_TIMEOUT, "timeout"),
  G_DEFINE_ENUM_VALUE (BS_SOURCE_ERROR_KIND_TOO_LARGE, "too-large"))

struct _BsSource
{
  GObject parent_instance;

  char *id;
  char *feed_url;
  char *site_url;
  char *title;
  char *custom_title;
  char *folder;
  char *icon_url;
  char *etag;
  char *last_modified;
  gint64 last_check;
  gint64 last_success;
  BsSourceErrorKind error_kind;
  char *error_message;
  guint refresh_interval;
  guint unread_count;
  char *logo_url;
  guint ttl;
  gint64 max_age;
  gint64 retry_until;
  guint failures;
  gint64 icon_checked;
  gboolean notifications_muted;
  gboolean full_articles;
};

G_DEFINE_FINAL_TYPE (BsSource, bs_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FEED_URL,
  PROP_SITE_URL,
  PROP_TITLE,
  PROP_CUSTOM_TITLE,
  PROP_DISPLAY_TITLE,
  PROP_FOLDER,
  PROP_ICON_URL,
  PROP_ETAG,
  PROP_LAST_MODIFIED,
  PROP_LAST_CHECK,
  PROP_LAST_SUCCESS,
  PROP_ERROR_KIND,
  PROP_ERROR_MESSAGE,
  PROP_REFRESH_INTERVAL,
  PROP_UNREAD_COUNT,
  PROP_LOGO_URL,
  PROP_TTL,
  PROP_MAX_AGE,
  PROP_RETRY_UNTIL,
  PROP_FAILURES,
  PROP_ICON_CHECKED,
  PROP_NOTIFICATIONS_MUTED,
  PROP_FULL_ARTICLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * bs_source_compute_id:
 * @feed_url: the feed URL the user subscribed to
 *
 * The id a new subscription to @feed_url gets: the first 16 hexadecimal
 * digits of the SHA-256 of the URL as given. It is computed once, at
 * subscription time; the source keeps it when its URL changes later.
 *
 * Returns: (transfer full): a valid source id
 */
char *
bs_source_compute_id (const char *feed_url)
{
  g_autofree char *sum = NULL;

  g_return_val_if_fail (feed_url != NULL, NULL);

  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, feed_url, -1);
  sum[16] = '\0';
  return g_steal_pointer (&sum);
}

/**
 * bs_source_id_is_valid:
 * @id: (nullable): a candidate id
 *
 * Ids name files in the store, so they are restricted to 1 to
 * %BS_SOURCE_ID_MAX_LENGTH ASCII letters, digits, '-' and '_'.
 *
 * Returns: whether @id can be a source id
 */
gboolean
bs_source_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > BS_SOURCE_ID_MAX_LENGTH)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '_')
      return FALSE;

  return TRUE;
}

/* Sets *field to a copy of value and notifies pspec, if it changed. */
static gboolean
set_string (BsSource   *self,
            char      **field,
            const char *value,
            int         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

/* Sets a field the display title depends on, and notifies display-title
 * when the displayed text changed. */
static void
set_title_field (BsSource    *self,
                 char       **field,
                 const char  *value,
                 int          prop)
{
  g_autofree char *old_display = g_strdup (bs_source_get_display_title (self));

  if (set_string (self, field, value, prop)
      && g_strcmp0 (old_display, bs_source_get_display_title (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_TITLE]);
}

static void
bs_source_finalize (GObject *object)
{
  BsSource *self = (BsSource *)object;

  g_free (self->id);
  g_free (self->feed_url);
  g_free (self->site_url);
  g_free (self->title);
  g_free (self->custom_title);
  g_free (self->folder);
  g_free (self->icon_url);
  g_free (self->etag);
  g_free (self->last_modified);
  g_free (self->error_message);
  g_free (self->logo_url);

  G_OBJECT_CLASS (bs_source_parent_class)->finalize (object);
}

static void
bs_source_constructed (GObject *object)
{
  BsSource *self = (BsSource *)object;

  G_OBJECT_CLASS (bs_source_parent_class)->constructed (object);

  g_warn_if_fail (bs_source_id_is_valid (self->id));
}

static void
bs_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BsSource *self = BS_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_FEED_URL:
      g_value_set_string (value, self->feed_url);
      break;
    case PROP_SITE_URL:
      g_value_set_string (value, self->site_url);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CUSTOM_TITLE:
      g_value_set_string (value, self->custom_title);
      break;
    case PROP_DISPLAY_TITLE:
      g_value_set_string (value, bs_source_get_display_title (self));
      break;
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_ICON_URL:
      g_value_set_string (value, self->icon_url);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_LAST_MODIFIED:
      g_value_set_string (value, self->last_modified);
      break;
    case PROP_LAST_CHECK:
      g_value_set_int64 (value, self->last_check);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_ERROR_KIND:
      g_value_set_enum (value, self->error_kind);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;
    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;
    case PROP_LOGO_URL:
      g_value_set_string (value, self->logo_url);
      break;
    case PROP_TTL:
      g_value_set_uint (value, self->ttl);
      break;
    case PROP_MAX_AGE:
      g_value_set_int64 (value, self->max_age);
      break;
    case PROP_RETRY_UNTIL:
      g_value_set_int64 (value, self->retry_until);
      break;
    case PROP_FAILURES:
      g_value_set_uint (value, self->failures);
      break;
    case PROP_ICON_CHECKED:
      g_value_set_int64 (value, self->icon_checked);
      break;
    case PROP_NOTIFICATIONS_MUTED:
      g_value_set_boolean (value, self->notifications_muted);
      break;
    case PROP_FULL_ARTICLES:
      g_value_set_boolean (value, self->full_articles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_source_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BsSource *self = BS_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_FEED_URL:
      bs_source_set_feed_url (self, g_value_get_string (value));
      break;
    case PROP_SITE_URL:
      bs_source_set_site_url (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      bs_source_set_title (self, g_value_get_string (value));
      break;
    case PROP_CUSTOM_TITLE:
      bs_source_set_custom_title (self, g_value_get_string (value));
      break;
    case PROP_FOLDER:
      bs_source_set_folder (self, g_value_get_string (value));
      break;
    case PROP_ICON_URL:
      bs_source_set_icon_url (self, g_value_get_string (value));
      break;
    case PROP_ETAG:
      bs_source_set_etag (self, g_value_get_string (value));
      break;
    case PROP_LAST_MODIFIED:
      bs_source_set_last_modified (self, g_value_get_string (value));
      break;
    case PROP_LAST_CHECK:
      bs_source_set_last_check (self, g_value_get_int64 (value));
      break;
    case PROP_LAST_SUCCESS:
      bs_source_set_last_success (self, g_value_get_int64 (value));
      break;
    case PROP_ERROR_KIND:
      bs_source_set_error_kind (self, g_value_get_enum (value));
      break;
    case PROP_ERROR_MESSAGE:
      bs_source_set_error_message (self, g_value_get_string (value));
      break;
    case PROP_REFRESH_INTERVAL:
      bs_source_set_refresh_interval (self, g_value_get_uint (value));
      break;
    case PROP_LOGO_URL:
      bs_source_set_logo_url (self, g_value_get_string (value));
      break;
    case PROP_TTL:
      bs_source_set_ttl (self, g_value_get_uint (value));
      break;
    case PROP_MAX_AGE:
      bs_source_set_max_age (self, g_value_get_int64 (value));
      break;
    case PROP_RETRY_UNTIL:
      bs_source_set_retry_until (self, g_value_get_int64 (value));
      break;
    case PROP_FAILURES:
      bs_source_set_failures (self, g_value_get_uint (value));
      break;
    case PROP_ICON_CHECKED:
      bs_source_set_icon_checked (self, g_value_get_int64 (value));
      break;
    case PROP_NOTIFICATIONS_MUTED:
      bs_source_set_notifications_muted (self, g_value_get_boolean (value));
      break;
    case PROP_FULL_ARTICLES:
      bs_source_set_full_articles (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_source_class_init (BsSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bs_source_finalize;
  object_class->constructed = bs_source_constructed;
  object_class->get_property = bs_source_get_property;
  object_class->set_property = bs_source_set_property;

  /* Stable: chosen at subscription time, never changed. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FEED_URL] = g_param_spec_string ("feed-url", NULL, NULL, NULL, rw);
  properties[PROP_SITE_URL] = g_param_spec_string ("site-url", NULL, NULL, NULL, rw);
  /* The title the feed gives itself. */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  /* The user's name for the source; overrides title when set. */
  properties[PROP_CUSTOM_TITLE] = g_param_spec_string ("custom-title", NULL, NULL, NULL, rw);
  /* custom-title, else title, else feed-url. */
  properties[PROP_DISPLAY_TITLE] = g_param_spec_string ("display-title", NULL, NULL, NULL, ro);
  properties[PROP_FOLDER] = g_param_spec_string ("folder", NULL, NULL, NULL, rw);
  /* The icon and the logo the feed declares (Atom icon and logo, RSS
   * image, JSON Feed favicon and icon), absolute. */
  properties[PROP_ICON_URL] = g_param_spec_string ("icon-url", NULL, NULL, NULL, rw);
  properties[PROP_LOGO_URL] = g_param_spec_string ("logo-url", NULL, NULL, NULL, rw);
  /* HTTP validators of the last 200 response. */
  properties[PROP_ETAG] = g_param_spec_string ("etag", NULL, NULL, NULL, rw);
  properties[PROP_LAST_MODIFIED] = g_param_spec_string ("last-modified", NULL, NULL, NULL, rw);
  /* Seconds since the epoch, 0 for never. */
  properties[PROP_LAST_CHECK] =
    g_param_spec_int64 ("last-check", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_ERROR_KIND] =
    g_param_spec_enum ("error-kind", NULL, NULL, BS_TYPE_SOURCE_ERROR_KIND,
                       BS_SOURCE_ERROR_KIND_NONE, rw);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, rw);
  /* Minutes between checks; 0 follows the global setting. */
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* What the last responses asked of the updater: the feed's <ttl> in
   * minutes (0 none), Cache-Control max-age in seconds (-1 none), no
   * check before retry-until (Retry-After; 0 none), and how many checks
   * in a row failed. */
  properties[PROP_TTL] = g_param_spec_uint ("ttl", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_MAX_AGE] =
    g_param_spec_int64 ("max-age", NULL, NULL, -1, G_MAXINT64, -1, rw);
  properties[PROP_RETRY_UNTIL] =
    g_param_spec_int64 ("retry-until", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_FAILURES] = g_param_spec_uint ("failures", NULL, NULL, 0, G_MAXUINT, 0, rw);
  /* When the updater last looked for the source's icon, 0 for never. */
  properties[PROP_ICON_CHECKED] =
    g_param_spec_int64 ("icon-checked", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /* The user's per-feed options: no notifications about new articles
   * from this feed; open its articles as full articles (reader mode). */
  properties[PROP_NOTIFICATIONS_MUTED] =
    g_param_spec_boolean ("notifications-muted", NULL, NULL, FALSE, rw);
  properties[PROP_FULL_ARTICLES] =
    g_param_spec_boolean ("full-articles", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bs_source_init (BsSource *self)
{
  self->max_age = -1;
}

/**
 * bs_source_new:
 * @feed_url: the feed URL
 *
 * A new subscription whose id is bs_source_compute_id (@feed_url).
 */
BsSource *
bs_source_new (const char *feed_url)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (feed_url != NULL, NULL);

  id = bs_source_compute_id (feed_url);
  return g_object_new (BS_TYPE_SOURCE, "id", id, "feed-url", feed_url, NULL);
}

/**
 * bs_source_new_with_id:
 * @id: a valid id (see bs_source_id_is_valid())
 * @feed_url: the feed URL
 *
 * A source with a given id: for the store, and for a subscription whose
 * computed id is already taken.
 */
BsSource *
bs_source_new_with_id (const char *id,
                       const char *feed_url)
{
  g_return_val_if_fail (bs_source_id_is_valid (id), NULL);
  g_return_val_if_fail (feed_url != NULL, NULL);

  return g_object_new (BS_TYPE_SOURCE, "id", id, "feed-url", feed_url, NULL);
}

const char *
bs_source_get_id (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->id;
}

const char *
bs_source_get_feed_url (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->feed_url;
}

void
bs_source_set_feed_url (BsSource   *self,
                        const char *feed_url)
{
  g_return_if_fail (BS_IS_SOURCE (self));
  g_return_if_fail (feed_url != NULL);

  /* The display title falls back to the URL. */
  set_title_field (self, &self->feed_url, feed_url, PROP_FEED_URL);
}

const char *
bs_source_get_site_url (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->site_url;
}

void
bs_source_set_site_url (BsSource   *self,
                        const char *site_url)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  set_string (self, &self->site_url, site_url, PROP_SITE_URL);
}

const char *
bs_source_get_title (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->title;
}

void
bs_source_set_title (BsSource   *self,
                     const char *title)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  set_title_field (self, &self->title, title, PROP_TITLE);
}

const char *
bs_source_get_custom_title (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->custom_title;
}

void
bs_source_set_custom_title (BsSource   *self,
                            const char *custom_title)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  set_title_field (self, &self->custom_title, custom_title, PROP_CUSTOM_TITLE);
}

/**
 * bs_source_get_display_title:
 * @self: a source
 *
 * The name to show for the source: the user's custom title, else the
 * feed's title, else the feed URL. Empty strings count as unset.
 */
const char *
bs_source_get_display_title (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  if (self->custom_title != NULL && self->custom_title[0] != '\0')
    return self->custom_title;
  if (self->title != NULL && self->title[0] != '\0')
    return self->title;
  return self->feed_url;
}

const char *
bs_source_get_folder (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->folder;
}

void
bs_source_set_folder (BsSource   *self,
                      const char *folder)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  set_string (self, &self->folder, folder, PROP_FOLDER);
}

const char *
bs_source_get_icon_url (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->icon_url;
}

void
bs_source_set_icon_url (BsSource   *self,
                        const char *icon_url)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  set_string (self, &self->icon_url, icon_url, PROP_ICON_URL);
}

const char *
bs_source_get_etag (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->etag;
}

void
bs_source_set_etag (BsSource   *self,
                    const char *etag)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  set_string (self, &self->etag, etag, PROP_ETAG);
}

const char *
bs_source_get_last_modified (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->last_modified;
}

void
bs_source_set_last_modified (BsSource   *self,
                             const char *last_modified)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  set_string (self, &self->last_modified, last_modified, PROP_LAST_MODIFIED);
}

gint64
bs_source_get_last_check (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), 0);

  return self->last_check;
}

void
bs_source_set_last_check (BsSource *self,
                          gint64    last_check)
{
  g_return_if_fail (BS_IS_SOURCE (self));
  g_return_if_fail (last_check >= 0);

  if (self->last_check == last_check)
    return;
  self->last_check = last_check;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECK]);
}

gint64
bs_source_get_last_success (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), 0);

  return self->last_success;
}

void
bs_source_set_last_success (BsSource *self,
                            gint64    last_success)
{
  g_return_if_fail (BS_IS_SOURCE (self));
  g_return_if_fail (last_success >= 0);

  if (self->last_success == last_success)
    return;
  self->last_success = last_success;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
}

BsSourceErrorKind
bs_source_get_error_kind (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), BS_SOURCE_ERROR_KIND_NONE);

  return self->error_kind;
}

void
bs_source_set_error_kind (BsSource          *self,
                          BsSourceErrorKind  error_kind)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  if (self->error_kind == error_kind)
    return;
  self->error_kind = error_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_KIND]);
}

const char *
bs_source_get_error_message (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->error_message;
}

void
bs_source_set_error_message (BsSource   *self,
                             const char *error_message)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  set_string (self, &self->error_message, error_message, PROP_ERROR_MESSAGE);
}

guint
bs_source_get_refresh_interval (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), 0);

  return self->refresh_interval;
}

void
bs_source_set_refresh_interval (BsSource *self,
                                guint     minutes)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  if (self->refresh_interval == minutes)
    return;
  self->refresh_interval = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_INTERVAL]);
}

guint
bs_source_get_unread_count (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), 0);

  return self->unread_count;
}

/**
 * bs_source_set_unread_count:
 * @self: a source
 * @unread_count: the number of unread entries of the source
 *
 * For the owner of the source's entries only: the unread count is derived
 * from the entries' read flags, and is not saved with the source.
 */
void
bs_source_set_unread_count (BsSource *self,
                            guint     unread_count)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  if (self->unread_count == unread_count)
    return;
  self->unread_count = unread_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}

const char *
bs_source_get_logo_url (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), NULL);

  return self->logo_url;
}

void
bs_source_set_logo_url (BsSource   *self,
                        const char *logo_url)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  set_string (self, &self->logo_url, logo_url, PROP_LOGO_URL);
}

guint
bs_source_get_ttl (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), 0);

  return self->ttl;
}

void
bs_source_set_ttl (BsSource *self,
                   guint     minutes)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  if (self->ttl == minutes)
    return;
  self->ttl = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TTL]);
}

gint64
bs_source_get_max_age (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), -1);

  return self->max_age;
}

void
bs_source_set_max_age (BsSource *self,
                       gint64    seconds)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  seconds = MAX (seconds, -1);
  if (self->max_age == seconds)
    return;
  self->max_age = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_AGE]);
}

gint64
bs_source_get_retry_until (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), 0);

  return self->retry_until;
}

void
bs_source_set_retry_until (BsSource *self,
                           gint64    retry_until)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  retry_until = MAX (retry_until, 0);
  if (self->retry_until == retry_until)
    return;
  self->retry_until = retry_until;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_UNTIL]);
}

guint
bs_source_get_failures (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), 0);

  return self->failures;
}

void
bs_source_set_failures (BsSource *self,
                        guint     failures)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  if (self->failures == failures)
    return;
  self->failures = failures;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
}

gint64
bs_source_get_icon_checked (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), 0);

  return self->icon_checked;
}

void
bs_source_set_icon_checked (BsSource *self,
                            gint64    icon_checked)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  icon_checked = MAX (icon_checked, 0);
  if (self->icon_checked == icon_checked)
    return;
  self->icon_checked = icon_checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_CHECKED]);
}

gboolean
bs_source_get_notifications_muted (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), FALSE);

  return self->notifications_muted;
}

void
bs_source_set_notifications_muted (BsSource *self,
                                   gboolean  muted)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  muted = !!muted;
  if (self->notifications_muted == muted)
    return;
  self->notifications_muted = muted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFICATIONS_MUTED]);
}

gboolean
bs_source_get_full_articles (BsSource *self)
{
  g_return_val_if_fail (BS_IS_SOURCE (self), FALSE);

  return self->full_articles;
}

void
bs_source_set_full_articles (BsSource *self,
                             gboolean  full_articles)
{
  g_return_if_fail (BS_IS_SOURCE (self));

  full_articles = !!full_articles;
  if (self->full_articles == full_articles)
    return;
  self->full_articles = full_articles;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_ARTICLES]);
}
