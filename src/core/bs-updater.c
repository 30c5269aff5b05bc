/* bs-updater.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-updater"

#include "config.h"

#include "bs-updater-private.h"

/* The armed timer wakes up at least this often, so that a suspend or a
 * clock change is noticed within the hour. */
#define MAX_TIMER_SECONDS 3600

G_DEFINE_QUARK (bs-updater-error-quark, bs_updater_error)

G_DEFINE_FINAL_TYPE (BsUpdater, bs_updater, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTERVAL,
  PROP_REFRESHING,
  PROP_N_TOTAL,
  PROP_N_DONE,
  PROP_NEXT_REFRESH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SOURCE_REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Small helpers */

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gint64
_bs_updater_now (BsUpdater *self)
{
  return self->clock (self->clock_data);
}

gboolean
_bs_updater_in_library (BsUpdater *self,
                        BsSource  *source)
{
  return bs_library_lookup_source (self->library, bs_source_get_id (source)) == source;
}

void
_bs_updater_set_refreshing (BsUpdater *self,
                            gboolean   refreshing)
{
  if (self->refreshing == refreshing)
    return;
  self->refreshing = refreshing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

void
_bs_updater_set_progress (BsUpdater *self,
                          guint      n_done,
                          guint      n_total)
{
  if (self->n_total != n_total)
    {
      self->n_total = n_total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
    }
  if (self->n_done != n_done)
    {
      self->n_done = n_done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }
}

void
_bs_updater_source_refreshed (BsUpdater        *self,
                              BsSource         *source,
                              BsRefreshOutcome *outcome)
{
  g_signal_emit (self, signals[SOURCE_REFRESHED], 0, source, outcome);
}

static void
set_next_refresh (BsUpdater *self,
                  gint64     next_refresh)
{
  if (self->next_refresh == next_refresh)
    return;
  self->next_refresh = next_refresh;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_REFRESH]);
}

void
_bs_updater_disarm (BsUpdater *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  set_next_refresh (self, 0);
}

/* Due times */

/* The source's interval in seconds, raised by the feed's hints. */
static gint64
effective_interval (BsUpdater *self,
                    BsSource  *source)
{
  guint minutes = bs_source_get_refresh_interval (source);
  gint64 seconds, ttl, max_age;

  if (minutes == 0)
    minutes = self->interval;
  minutes = CLAMP (minutes, BS_UPDATER_MIN_INTERVAL, BS_UPDATER_MAX_INTERVAL);
  seconds = (gint64) minutes * 60;

  ttl = MIN ((gint64) bs_source_get_ttl (source) * 60, BS_UPDATER_MAX_INTERVAL_SECONDS);
  max_age = MIN (bs_source_get_max_age (source), BS_UPDATER_MAX_INTERVAL_SECONDS);

  return MAX (seconds, MAX (ttl, max_age));
}

/**
 * bs_updater_get_next_check:
 * @self: an updater
 * @source: a source
 *
 * Returns: when @source is next due, on the updater's clock: 0 when it was
 *   never checked, G_MAXINT64 when it is gone (see the rules in
 *   bs-updater.h)
 */
gint64
bs_updater_get_next_check (BsUpdater *self,
                           BsSource  *source)
{
  BsSourceErrorKind kind;
  gint64 last_check, last_success, interval, delay, next, retry_until;

  g_return_val_if_fail (BS_IS_UPDATER (self), 0);
  g_return_val_if_fail (BS_IS_SOURCE (source), 0);

  kind = bs_source_get_error_kind (source);
  if (kind == BS_SOURCE_ERROR_KIND_GONE)
    return G_MAXINT64;

  last_check = bs_source_get_last_check (source);
  if (last_check <= 0)
    return 0;

  interval = effective_interval (self, source);
  delay = interval;

  if (kind != BS_SOURCE_ERROR_KIND_NONE)
    {
      last_success = bs_source_get_last_success (source);
      if (last_success > 0 && last_check >= last_success)
        {
          delay = 2 * (last_check - last_success);
        }
      else
        {
          guint n = MAX (bs_source_get_failures (source), 1);

          /* past 2^10 intervals the ceiling is reached anyway */
          delay = interval << MIN (n, 10);
        }
      delay = MIN (MAX (delay, 2 * interval), BS_UPDATER_MAX_INTERVAL_SECONDS);
    }

  next = last_check + delay;
  retry_until = bs_source_get_retry_until (source);
  if (retry_until > 0)
    next = MAX (next, MIN (retry_until, last_check + BS_UPDATER_MAX_INTERVAL_SECONDS));

  return next;
}

/**
 * bs_updater_get_due_sources:
 * @self: an updater
 * @now: the time to compare with, on the updater's clock
 *
 * Returns: (transfer container) (element-type BsSource): the sources of the
 *   library that are due at @now, in the library's order
 */
GPtrArray *
bs_updater_get_due_sources (BsUpdater *self,
                            gint64     now)
{
  GPtrArray *due;
  guint n;

  g_return_val_if_fail (BS_IS_UPDATER (self), NULL);

  due = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (self->sources);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (self->sources, i);

      if (now >= bs_updater_get_next_check (self, source))
        g_ptr_array_add (due, g_steal_pointer (&source));
    }
  return due;
}

/* The timer */

static void
timer_icons_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (bs_updater_update_icons_finish (BS_UPDATER (object), res, &error) < 0
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Scheduled icon search: %s", error->message);
}

/* After a scheduled refresh, the icons that are due (rarely any). */
static void
timer_refresh_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  BsUpdater *self = BS_UPDATER (object);
  GCancellable *cancellable = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;

  outcomes = bs_updater_refresh_finish (self, res, &error);
  if (outcomes == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Scheduled refresh: %s", error->message);

  if (!g_cancellable_is_cancelled (cancellable))
    bs_updater_update_icons_async (self, NULL, FALSE, cancellable, timer_icons_cb, NULL);
  g_object_unref (cancellable);
}

static gboolean
timer_cb (gpointer user_data)
{
  BsUpdater *self = user_data;

  self->timer_id = 0;
  if (_bs_updater_now (self) < self->next_refresh)
    {
      /* woke up early: the wait is capped */
      _bs_updater_rearm (self);
      return G_SOURCE_REMOVE;
    }

  set_next_refresh (self, 0);
  g_clear_object (&self->timer_cancellable);
  self->timer_cancellable = g_cancellable_new ();
  bs_updater_refresh_async (self, NULL, BS_REFRESH_FLAGS_NONE, self->timer_cancellable,
                            timer_refresh_cb, g_object_ref (self->timer_cancellable));
  return G_SOURCE_REMOVE;
}

void
_bs_updater_rearm (BsUpdater *self)
{
  gint64 earliest = G_MAXINT64;
  gint64 t, wait;
  guint n;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->started || self->refreshing)
    {
      /* a running refresh re-arms when it ends */
      set_next_refresh (self, 0);
      return;
    }

  n = g_list_model_get_n_items (self->sources);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (self->sources, i);

      earliest = MIN (earliest, bs_updater_get_next_check (self, source));
    }
  if (earliest == G_MAXINT64)
    {
      /* nothing to poll; a new source re-arms */
      set_next_refresh (self, 0);
      return;
    }

  t = _bs_updater_now (self);
  earliest = MAX (earliest, t);
  wait = MIN (earliest - t, MAX_TIMER_SECONDS);
  set_next_refresh (self, earliest);
  if (wait == 0)
    self->timer_id = g_idle_add (timer_cb, self);
  else
    self->timer_id = g_timeout_add_seconds ((guint) wait, timer_cb, self);
}

static void
sources_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    BsUpdater  *self)
{
  if (self->started && !self->refreshing)
    _bs_updater_rearm (self);
}

/**
 * bs_updater_start:
 * @self: an updater
 *
 * Refreshes the due sources when the earliest next check arrives, again
 * and again, until bs_updater_stop(), and after each of these refreshes
 * looks for the icons that are due (bs_updater_update_icons_async()). The
 * timer is re-armed after every refresh, when "interval" changes and when
 * sources are added or removed.
 */
void
bs_updater_start (BsUpdater *self)
{
  g_return_if_fail (BS_IS_UPDATER (self));

  self->started = TRUE;
  _bs_updater_rearm (self);
}

/**
 * bs_updater_stop:
 * @self: an updater
 *
 * Disarms the timer and cancels a refresh or an icon search the timer
 * started. A refresh
 * started with bs_updater_refresh_async() is its caller's to cancel.
 */
void
bs_updater_stop (BsUpdater *self)
{
  g_return_if_fail (BS_IS_UPDATER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  set_next_refresh (self, 0);
  if (self->timer_cancellable != NULL)
    g_cancellable_cancel (self->timer_cancellable);
}

/* Properties */

guint
bs_updater_get_interval (BsUpdater *self)
{
  g_return_val_if_fail (BS_IS_UPDATER (self), 0);
  return self->interval;
}

void
bs_updater_set_interval (BsUpdater *self,
                         guint      minutes)
{
  g_return_if_fail (BS_IS_UPDATER (self));

  minutes = CLAMP (minutes, BS_UPDATER_MIN_INTERVAL, BS_UPDATER_MAX_INTERVAL);
  if (self->interval == minutes)
    return;
  self->interval = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
  _bs_updater_rearm (self);
}

/**
 * bs_updater_get_retention:
 * @self: an updater
 * @policy: (out caller-allocates): the policy applied after every refresh
 */
void
bs_updater_get_retention (BsUpdater         *self,
                          BsRetentionPolicy *policy)
{
  g_return_if_fail (BS_IS_UPDATER (self));
  g_return_if_fail (policy != NULL);
  *policy = self->retention;
}

/**
 * bs_updater_set_retention:
 * @self: an updater
 * @policy: what bs_library_apply_retention() may remove after each
 *   refresh; all zero (the default) keeps everything
 */
void
bs_updater_set_retention (BsUpdater               *self,
                          const BsRetentionPolicy *policy)
{
  g_return_if_fail (BS_IS_UPDATER (self));
  g_return_if_fail (policy != NULL);
  self->retention = *policy;
}

gboolean
bs_updater_get_refreshing (BsUpdater *self)
{
  g_return_val_if_fail (BS_IS_UPDATER (self), FALSE);
  return self->refreshing;
}

guint
bs_updater_get_n_total (BsUpdater *self)
{
  g_return_val_if_fail (BS_IS_UPDATER (self), 0);
  return self->n_total;
}

guint
bs_updater_get_n_done (BsUpdater *self)
{
  g_return_val_if_fail (BS_IS_UPDATER (self), 0);
  return self->n_done;
}

gint64
bs_updater_get_next_refresh (BsUpdater *self)
{
  g_return_val_if_fail (BS_IS_UPDATER (self), 0);
  return self->next_refresh;
}

/**
 * bs_updater_set_clock_for_testing:
 * @self: an updater
 * @clock: (nullable): returns now in seconds since the epoch; NULL for
 *   the real clock
 * @user_data: for @clock
 *
 * Replaces the clock used for due times and the times stored in sources.
 * The timer still waits in real seconds.
 */
void
bs_updater_set_clock_for_testing (BsUpdater          *self,
                                  BsUpdaterClockFunc  clock,
                                  gpointer            user_data)
{
  g_return_if_fail (BS_IS_UPDATER (self));

  self->clock = clock != NULL ? clock : real_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
  _bs_updater_rearm (self);
}

/**
 * bs_updater_set_max_in_flight_for_testing:
 * @self: an updater
 * @n: the most sources of a refresh fetched or waiting to be merged at
 *   once, or 0 for the default
 *
 * Applies to refreshes started after the call.
 */
void
bs_updater_set_max_in_flight_for_testing (BsUpdater *self,
                                          guint      n)
{
  g_return_if_fail (BS_IS_UPDATER (self));

  self->max_in_flight = n;
}

/**
 * bs_updater_get_peak_unmerged_for_testing:
 * @self: an updater
 *
 * Returns: the most fetched bodies that waited at once for their parse
 *   and merge during the last refresh
 */
guint
bs_updater_get_peak_unmerged_for_testing (BsUpdater *self)
{
  g_return_val_if_fail (BS_IS_UPDATER (self), 0);

  return self->peak_unmerged;
}

/* GObject */

BsUpdater *
bs_updater_new (BsLibrary *library,
                BsFetcher *fetcher)
{
  BsUpdater *self;

  g_return_val_if_fail (BS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (BS_IS_FETCHER (fetcher), NULL);

  self = g_object_new (BS_TYPE_UPDATER, NULL);
  self->library = g_object_ref (library);
  self->fetcher = g_object_ref (fetcher);
  self->sources = g_object_ref (bs_library_get_sources (library));
  self->sources_changed_id = g_signal_connect (self->sources, "items-changed",
                                               G_CALLBACK (sources_changed_cb), self);
  return self;
}

static void
bs_updater_dispose (GObject *object)
{
  BsUpdater *self = BS_UPDATER (object);

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->timer_cancellable != NULL)
    g_cancellable_cancel (self->timer_cancellable);
  g_clear_object (&self->timer_cancellable);
  g_clear_signal_handler (&self->sources_changed_id, self->sources);
  g_clear_object (&self->sources);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (bs_updater_parent_class)->dispose (object);
}

static void
bs_updater_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BsUpdater *self = BS_UPDATER (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    case PROP_NEXT_REFRESH:
      g_value_set_int64 (value, self->next_refresh);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_updater_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BsUpdater *self = BS_UPDATER (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      bs_updater_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_updater_class_init (BsUpdaterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bs_updater_dispose;
  object_class->get_property = bs_updater_get_property;
  object_class->set_property = bs_updater_set_property;

  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       BS_UPDATER_MIN_INTERVAL, BS_UPDATER_MAX_INTERVAL,
                       BS_UPDATER_DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NEXT_REFRESH] =
    g_param_spec_int64 ("next-refresh", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SOURCE_REFRESHED] =
    g_signal_new ("source-refreshed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  BS_TYPE_SOURCE,
                  BS_TYPE_REFRESH_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
bs_updater_init (BsUpdater *self)
{
  self->interval = BS_UPDATER_DEFAULT_INTERVAL;
  self->clock = real_clock;
}
