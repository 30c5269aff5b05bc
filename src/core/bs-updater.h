/* bs-updater.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bs-fetcher.h"
#include "bs-library.h"
#include "bs-source.h"
#include "bs-types.h"

G_BEGIN_DECLS

/* BsUpdater: keeps the sources of a library fresh.
 *
 * When a source is due. Its next check is last-check + its delay; it is
 * due when now ≥ next check, and at once when it was never checked.
 *
 *   interval  = the source's refresh-interval, or the updater's "interval"
 *               when the source has none (0), clamped to
 *               [BS_UPDATER_MIN_INTERVAL, BS_UPDATER_MAX_INTERVAL] minutes;
 *               then raised, never lowered, by the feed's <ttl> and the
 *               response's Cache-Control max-age, each counted at most
 *               BS_UPDATER_MAX_INTERVAL.
 *   delay     = interval while the source is fine (error-kind NONE);
 *               while it is failing, an exponential back-off derived from
 *               the stored times: clamp (2 × (last-check − last-success),
 *               2 × interval, BS_UPDATER_MAX_INTERVAL). A source that keeps
 *               failing is so tried after 2, 6, 18, 54… intervals counted
 *               from its last success, at least once a day. A source that
 *               never succeeded (last-success 0) counts its failures in a
 *               row instead (the source's "failures"): 2^n × interval,
 *               same bounds.
 *   Retry-After (429/503) pushes the next check to the time the server
 *               asked for, at most BS_UPDATER_MAX_INTERVAL after the check.
 *   GONE      a source whose feed answered 410 is never due; only a refresh
 *               with BS_REFRESH_FLAGS_FORCE fetches it again.
 *
 * The hints (ttl, max-age, retry-until) and the failure count are kept on
 * the source and saved with it, so they hold across restarts.
 *
 * One refresh at a time: bs_updater_refresh_async() while "refreshing" is
 * TRUE fails with BS_UPDATER_ERROR_BUSY (the scheduled refresh skips its
 * turn and is re-armed when the running one ends).
 *
 * Properties:
 *   "interval"     guint, the global refresh interval in minutes, default 60
 *   "refreshing"   gboolean, read-only, TRUE while a refresh runs
 *   "n-total"      guint, read-only, sources in the running (or last) refresh
 *   "n-done"       guint, read-only, of those, how many are finished
 *   "next-refresh" gint64, read-only, when the armed timer will refresh
 *                  (updater clock, seconds), 0 when not armed
 *
 * Signals:
 *   "source-refreshed" (BsSource *source, BsRefreshOutcome *outcome):
 *                  a source of the running refresh is done (not emitted for
 *                  sources cut short by cancellation). */

#define BS_UPDATER_DEFAULT_INTERVAL  60         /* minutes */
#define BS_UPDATER_MIN_INTERVAL      5          /* minutes */
#define BS_UPDATER_MAX_INTERVAL      (24 * 60)  /* minutes */

/* How long after a search for a source's icon it is searched again, in
 * seconds: when one was found, and when none was. */
#define BS_UPDATER_ICON_INTERVAL     ((gint64) 30 * 24 * 3600)
#define BS_UPDATER_ICON_RETRY        ((gint64) 7 * 24 * 3600)

#define BS_UPDATER_ERROR (bs_updater_error_quark ())

typedef enum {
  BS_UPDATER_ERROR_BUSY,  /* a refresh is already running */
} BsUpdaterError;

typedef enum {
  BS_REFRESH_FLAGS_NONE       = 0,
  /* Refresh the sources whether they are due or not (GONE ones are still
   * left alone) and ask caches for a fresh copy. */
  BS_REFRESH_FLAGS_IGNORE_DUE = 1 << 0,
  /* As IGNORE_DUE, and GONE sources are fetched too. */
  BS_REFRESH_FLAGS_FORCE      = (1 << 1) | BS_REFRESH_FLAGS_IGNORE_DUE,
} BsRefreshFlags;

typedef enum {
  BS_REFRESH_STATUS_NEW_ENTRIES,   /* fetched and merged: n_new + n_updated > 0 */
  BS_REFRESH_STATUS_NO_CHANGE,     /* fetched and merged: nothing new or changed */
  BS_REFRESH_STATUS_NOT_MODIFIED,  /* 304 */
  BS_REFRESH_STATUS_ERROR,         /* see error_kind and error_message */
  BS_REFRESH_STATUS_GONE,          /* 410: no longer polled */
  BS_REFRESH_STATUS_RETRY_LATER,   /* 429/503 with Retry-After: see error_message */
} BsRefreshStatus;

/* What a refresh did to one source. */
typedef struct {
  char              *source_id;
  BsRefreshStatus    status;
  guint              n_new;
  guint              n_updated;
  BsSourceErrorKind  error_kind;     /* NONE unless ERROR, GONE or RETRY_LATER */
  char              *error_message;  /* technical, untranslated; NULL when fine */
  guint              http_status;    /* of the last response, 0 when none */
} BsRefreshOutcome;

#define BS_TYPE_REFRESH_OUTCOME (bs_refresh_outcome_get_type ())
#define BS_TYPE_REFRESH_STATUS (bs_refresh_status_get_type ())

GType             bs_refresh_outcome_get_type (void) G_GNUC_CONST;
GType             bs_refresh_status_get_type  (void) G_GNUC_CONST;
BsRefreshOutcome *bs_refresh_outcome_copy     (const BsRefreshOutcome *outcome);
void              bs_refresh_outcome_free     (BsRefreshOutcome       *outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsRefreshOutcome, bs_refresh_outcome_free)

/* The updater's idea of now, in seconds since the epoch. */
typedef gint64 (*BsUpdaterClockFunc) (gpointer user_data);

#define BS_TYPE_UPDATER (bs_updater_get_type ())

G_DECLARE_FINAL_TYPE (BsUpdater, bs_updater, BS, UPDATER, GObject)

GQuark      bs_updater_error_quark          (void);

BsUpdater  *bs_updater_new                  (BsLibrary                *library,
                                             BsFetcher                *fetcher);

guint       bs_updater_get_interval         (BsUpdater                *self);
void        bs_updater_set_interval         (BsUpdater                *self,
                                             guint                     minutes);
void        bs_updater_get_retention        (BsUpdater                *self,
                                             BsRetentionPolicy        *policy);
void        bs_updater_set_retention        (BsUpdater                *self,
                                             const BsRetentionPolicy  *policy);
gboolean    bs_updater_get_refreshing       (BsUpdater                *self);
guint       bs_updater_get_n_total          (BsUpdater                *self);
guint       bs_updater_get_n_done           (BsUpdater                *self);
gint64      bs_updater_get_next_refresh     (BsUpdater                *self);

void        bs_updater_set_clock_for_testing (BsUpdater               *self,
                                              BsUpdaterClockFunc       clock,
                                              gpointer                 user_data);
void        bs_updater_set_max_in_flight_for_testing  (BsUpdater       *self,
                                                       guint            n);
guint       bs_updater_get_peak_unmerged_for_testing  (BsUpdater       *self);

gint64      bs_updater_get_next_check       (BsUpdater                *self,
                                             BsSource                 *source);
GPtrArray  *bs_updater_get_due_sources      (BsUpdater                *self,
                                             gint64                    now);

void        bs_updater_refresh_async        (BsUpdater                *self,
                                             GPtrArray                *sources,
                                             BsRefreshFlags            flags,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
GPtrArray  *bs_updater_refresh_finish       (BsUpdater                *self,
                                             GAsyncResult             *result,
                                             GError                  **error);

gboolean    bs_updater_get_icon_due         (BsUpdater                *self,
                                             BsSource                 *source,
                                             gint64                    now);
void        bs_updater_update_icons_async   (BsUpdater                *self,
                                             GPtrArray                *sources,
                                             gboolean                  force,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
gint        bs_updater_update_icons_finish  (BsUpdater                *self,
                                             GAsyncResult             *result,
                                             GError                  **error);

void        bs_updater_start                (BsUpdater                *self);
void        bs_updater_stop                 (BsUpdater                *self);

G_END_DECLS
