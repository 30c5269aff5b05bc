/* bs-notifier.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bs-library.h"
#include "bs-updater.h"

G_BEGIN_DECLS

/* BsNotifier: tells the user about new articles, with one notification.
 *
 * It watches the updater. While a refresh runs, it collects the articles
 * that arrive unread (new in the library: first seen during this refresh,
 * of a source whose "source-refreshed" outcome counted new entries). When
 * the refresh ends it sends one GNotification, id BS_NOTIFIER_ID, that
 * summarises them (bs_notifier_summarize()), unless:
 *
 *   - the "notifications" setting is off;
 *   - nothing new remains once these are left out:
 *     - articles of a source fetched successfully for the first time by
 *       this refresh, that is whose last-success was 0 when the refresh
 *       began (a feed just added or imported: its whole backlog is not
 *       news; a feed whose first fetches failed counts as new until one
 *       succeeds);
 *     - articles of a source whose notifications are muted;
 *     - articles read meanwhile (or arriving read as duplicates of read
 *       ones).
 *
 * The notification replaces the one before it (same id), so it also
 * counts the articles that one told about and that are still unread: what
 * it replaces is not lost. Its default action is "app.show-new-articles"
 * and its button "Mark as Read" is "app.mark-read-notified", both with
 * the articles as their target (bs_notifier_make_target(),
 * bs_notifier_lookup_entries() finds them again): a string of
 * "SOURCE-ID:KEY" separated by spaces, the entry keys percent-encoded.
 * Not an array: notification servers carry a button's action as one word,
 * its target printed in it, and dunst's menu cuts that word at the first
 * ']'. The application calls bs_notifier_forget() once either ran: the
 * next notification starts afresh. */

#define BS_NOTIFIER_ID "new-articles"

/* One article for bs_notifier_summarize(). */
typedef struct {
  const char *title;         /* the article's title, NULL when it has none */
  const char *source_id;     /* its feed, as an identity */
  const char *source_title;  /* its feed, as the user knows it */
  gboolean    muted;         /* its feed's notifications are muted */
  gboolean    first_fetch;   /* its feed was fetched for the first time */
} BsNotifierArticle;

#define BS_TYPE_NOTIFIER (bs_notifier_get_type ())

G_DECLARE_FINAL_TYPE (BsNotifier, bs_notifier, BS, NOTIFIER, GObject)

gboolean    bs_notifier_summarize      (const BsNotifierArticle *articles,
                                        guint                    n_articles,
                                        char                   **title,
                                        char                   **body);

BsNotifier *bs_notifier_new            (GApplication            *application,
                                        BsLibrary               *library,
                                        BsUpdater               *updater,
                                        GSettings               *settings);
guint       bs_notifier_get_n_notified (BsNotifier              *self);
void        bs_notifier_forget         (BsNotifier              *self);

GVariant   *bs_notifier_make_target    (GPtrArray               *entries);
GPtrArray  *bs_notifier_lookup_entries (BsLibrary               *library,
                                        GVariant                *target);

G_END_DECLS
