/* bs-source.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bs-types.h"

G_BEGIN_DECLS

/* BsSource: one subscription.
 *
 * The id is chosen once, when the user subscribes, and never changes: it
 * names the source's file in the store (entries/<id>.gvariant) and the
 * source in the CLI, so a permanent redirect that updates the feed URL
 * leaves it alone. bs_source_new() derives it from the feed URL with
 * bs_source_compute_id(); the owner of the subscription list must pick
 * another one (bs_source_new_with_id()) if that id is already taken.
 *
 * Strings are NULL when unknown. Times are seconds since the epoch, 0 for
 * "never". unread-count is read-only as a property: whoever owns the
 * entries of the source keeps it with bs_source_set_unread_count(). */

#define BS_TYPE_SOURCE (bs_source_get_type ())

G_DECLARE_FINAL_TYPE (BsSource, bs_source, BS, SOURCE, GObject)

/* The longest id bs_source_id_is_valid() accepts. */
#define BS_SOURCE_ID_MAX_LENGTH 64

char     *bs_source_compute_id  (const char *feed_url);
gboolean  bs_source_id_is_valid (const char *id);

BsSource *bs_source_new         (const char *feed_url);
BsSource *bs_source_new_with_id (const char *id,
                                 const char *feed_url);

const char        *bs_source_get_id               (BsSource          *self);
const char        *bs_source_get_feed_url         (BsSource          *self);
void               bs_source_set_feed_url         (BsSource          *self,
                                                   const char        *feed_url);
const char        *bs_source_get_site_url         (BsSource          *self);
void               bs_source_set_site_url         (BsSource          *self,
                                                   const char        *site_url);
const char        *bs_source_get_title            (BsSource          *self);
void               bs_source_set_title            (BsSource          *self,
                                                   const char        *title);
const char        *bs_source_get_custom_title     (BsSource          *self);
void               bs_source_set_custom_title     (BsSource          *self,
                                                   const char        *custom_title);
const char        *bs_source_get_display_title    (BsSource          *self);
const char        *bs_source_get_folder           (BsSource          *self);
void               bs_source_set_folder           (BsSource          *self,
                                                   const char        *folder);
const char        *bs_source_get_icon_url         (BsSource          *self);
void               bs_source_set_icon_url         (BsSource          *self,
                                                   const char        *icon_url);
const char        *bs_source_get_etag             (BsSource          *self);
void               bs_source_set_etag             (BsSource          *self,
                                                   const char        *etag);
const char        *bs_source_get_last_modified    (BsSource          *self);
void               bs_source_set_last_modified    (BsSource          *self,
                                                   const char        *last_modified);
gint64             bs_source_get_last_check       (BsSource          *self);
void               bs_source_set_last_check       (BsSource          *self,
                                                   gint64             last_check);
gint64             bs_source_get_last_success     (BsSource          *self);
void               bs_source_set_last_success     (BsSource          *self,
                                                   gint64             last_success);
BsSourceErrorKind  bs_source_get_error_kind       (BsSource          *self);
void               bs_source_set_error_kind       (BsSource          *self,
                                                   BsSourceErrorKind  error_kind);
const char        *bs_source_get_error_message    (BsSource          *self);
void               bs_source_set_error_message    (BsSource          *self,
                                                   const char        *error_message);
guint              bs_source_get_refresh_interval (BsSource          *self);
void               bs_source_set_refresh_interval (BsSource          *self,
                                                   guint              minutes);
const char        *bs_source_get_logo_url         (BsSource          *self);
void               bs_source_set_logo_url         (BsSource          *self,
                                                   const char        *logo_url);
guint              bs_source_get_ttl              (BsSource          *self);
void               bs_source_set_ttl              (BsSource          *self,
                                                   guint              minutes);
gint64             bs_source_get_max_age          (BsSource          *self);
void               bs_source_set_max_age          (BsSource          *self,
                                                   gint64             seconds);
gint64             bs_source_get_retry_until      (BsSource          *self);
void               bs_source_set_retry_until      (BsSource          *self,
                                                   gint64             retry_until);
guint              bs_source_get_failures         (BsSource          *self);
void               bs_source_set_failures         (BsSource          *self,
                                                   guint              failures);
gint64             bs_source_get_icon_checked     (BsSource          *self);
void               bs_source_set_icon_checked     (BsSource          *self,
                                                   gint64             icon_checked);
gboolean           bs_source_get_notifications_muted (BsSource       *self);
void               bs_source_set_notifications_muted (BsSource       *self,
                                                      gboolean        muted);
gboolean           bs_source_get_full_articles    (BsSource          *self);
void               bs_source_set_full_articles    (BsSource          *self,
                                                   gboolean           full_articles);
guint              bs_source_get_unread_count     (BsSource          *self);
void               bs_source_set_unread_count     (BsSource          *self,
                                                   guint              unread_count);

G_END_DECLS
