/* bs-updater-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bs-updater.h"

G_BEGIN_DECLS

#define BS_UPDATER_MAX_INTERVAL_SECONDS ((gint64) BS_UPDATER_MAX_INTERVAL * 60)

struct _BsUpdater
{
  GObject             parent_instance;

  BsLibrary          *library;
  BsFetcher          *fetcher;
  GListModel         *sources;
  gulong              sources_changed_id;

  guint               interval;
  BsRetentionPolicy   retention;
  BsUpdaterClockFunc  clock;
  gpointer            clock_data;

  gboolean            refreshing;
  guint               n_total;
  guint               n_done;

  /* The most sources of a refresh between the start of their fetch and
   * the end of their merge; 0 for the default. See bs-updater-refresh.c. */
  guint               max_in_flight;
  /* The most bodies seen fetched and not yet merged, for the tests. */
  guint               peak_unmerged;

  gboolean            started;
  guint               timer_id;
  gint64              next_refresh;
  GCancellable       *timer_cancellable;
};

gint64           _bs_updater_now              (BsUpdater        *self);
gboolean         _bs_updater_in_library       (BsUpdater        *self,
                                               BsSource         *source);
void             _bs_updater_set_refreshing   (BsUpdater        *self,
                                               gboolean          refreshing);
void             _bs_updater_set_progress     (BsUpdater        *self,
                                               guint             n_done,
                                               guint             n_total);
void             _bs_updater_source_refreshed (BsUpdater        *self,
                                               BsSource         *source,
                                               BsRefreshOutcome *outcome);
void             _bs_updater_disarm           (BsUpdater        *self);
void             _bs_updater_rearm            (BsUpdater        *self);

G_END_DECLS
