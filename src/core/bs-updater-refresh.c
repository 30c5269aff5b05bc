/* bs-updater-refresh.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One refresh of BsUpdater: fetch, parse in a worker, merge, record. */

#define G_LOG_DOMAIN "bs-updater"

#include "config.h"

#include <stdio.h>

#include <libsoup/soup.h>

#include "bs-parser.h"
#include "bs-updater-private.h"

G_DEFINE_BOXED_TYPE (BsRefreshOutcome, bs_refresh_outcome,
                     bs_refresh_outcome_copy, bs_refresh_outcome_free)

G_DEFINE_ENUM_TYPE (BsRefreshStatus, bs_refresh_status,
  G_DEFINE_ENUM_VALUE (BS_REFRESH_STATUS_NEW_ENTRIES, "new-entries"),
  G_DEFINE_ENUM_VALUE (BS_REFRESH_STATUS_NO_CHANGE, "no-change"),
  G_DEFINE_ENUM_VALUE (BS_REFRESH_STATUS_NOT_MODIFIED, "not-modified"),
  G_DEFINE_ENUM_VALUE (BS_REFRESH_STATUS_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (BS_REFRESH_STATUS_GONE, "gone"),
  G_DEFINE_ENUM_VALUE (BS_REFRESH_STATUS_RETRY_LATER, "retry-later"))

/* One refresh: the data of its GTask.
 *
 * The refresh is a bounded pipeline: fetching over a fast network can
 * outrun parsing and sanitising, and every body fetched waits in memory,
 * with the document parsed from it, until the main thread merges it. A
 * source is in flight from the start of its fetch to the end of its merge;
 * at most max_in_flight sources are, the others wait in @waiting, not
 * started. The fetcher's own limits still apply within the window. */
typedef struct {
  GPtrArray  *outcomes;      /* BsRefreshOutcome */
  GHashTable *keys_in_feed;  /* source id → set of entry keys */
  guint       n_pending;     /* not done yet: waiting or in flight */
  GQueue      waiting;       /* SourceOp *, owned: fetch not started */
  guint       n_in_flight;
  guint       max_in_flight;
  guint       n_unmerged;    /* bodies fetched and not merged yet */
  BsFetchFlags flags;
} Refresh;

/* One source of a refresh. */
typedef struct {
  GTask         *task;       /* the refresh */
  BsSource      *source;
  BsFetchResult *result;
  gboolean       unmerged;   /* holds a body counted in n_unmerged */
} SourceOp;

/* The worker's input and output. */
typedef struct {
  GBytes *body;
  char   *base_uri;
  char   *charset;
} ParseJob;

typedef struct {
  BsFeed     *feed;
  GHashTable *keys;
} Parsed;

/* Outcomes */

BsRefreshOutcome *
bs_refresh_outcome_copy (const BsRefreshOutcome *outcome)
{
  BsRefreshOutcome *copy;

  g_return_val_if_fail (outcome != NULL, NULL);

  copy = g_new (BsRefreshOutcome, 1);
  *copy = *outcome;
  copy->source_id = g_strdup (outcome->source_id);
  copy->error_message = g_strdup (outcome->error_message);
  return copy;
}

void
bs_refresh_outcome_free (BsRefreshOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->source_id);
  g_free (outcome->error_message);
  g_free (outcome);
}

static BsRefreshOutcome *
outcome_new (BsSource        *source,
             BsRefreshStatus  status,
             guint            http_status)
{
  BsRefreshOutcome *outcome = g_new0 (BsRefreshOutcome, 1);

  outcome->source_id = g_strdup (bs_source_get_id (source));
  outcome->status = status;
  outcome->http_status = http_status;
  return outcome;
}

/* Recording what happened */

static BsSourceErrorKind
kind_for_error (const GError *error)
{
  if (error->domain == BS_FETCHER_ERROR)
    {
      switch ((BsFetcherError) error->code)
        {
        case BS_FETCHER_ERROR_NETWORK:
          return BS_SOURCE_ERROR_KIND_NETWORK;
        case BS_FETCHER_ERROR_TLS:
          return BS_SOURCE_ERROR_KIND_TLS;
        case BS_FETCHER_ERROR_TIMEOUT:
          return BS_SOURCE_ERROR_KIND_TIMEOUT;
        case BS_FETCHER_ERROR_TOO_LARGE:
          return BS_SOURCE_ERROR_KIND_TOO_LARGE;
        case BS_FETCHER_ERROR_INVALID_URL:
        case BS_FETCHER_ERROR_BAD_RESPONSE:
        case BS_FETCHER_ERROR_REDIRECT_LOOP:
        case BS_FETCHER_ERROR_TOO_MANY_REDIRECTS:
        case BS_FETCHER_ERROR_BAD_REDIRECT:
        case BS_FETCHER_ERROR_NOT_FOUND:
        case BS_FETCHER_ERROR_HTTP:
        default:
          return BS_SOURCE_ERROR_KIND_HTTP;
        }
    }
  if (g_error_matches (error, BS_PARSER_ERROR, BS_PARSER_ERROR_TOO_LARGE))
    return BS_SOURCE_ERROR_KIND_TOO_LARGE;
  if (error->domain == BS_PARSER_ERROR)
    return BS_SOURCE_ERROR_KIND_PARSE;
  return BS_SOURCE_ERROR_KIND_NETWORK;
}

/* The status of an HTTP error, from the fetcher's "HTTP 500 …" message. */
static guint
http_status_for_error (const GError *error)
{
  unsigned int status = 0;

  if (g_error_matches (error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_NOT_FOUND))
    return SOUP_STATUS_NOT_FOUND;
  if (g_error_matches (error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_HTTP) &&
      sscanf (error->message, "HTTP %u", &status) == 1)
    return status;
  return 0;
}

static char *
status_line (guint status)
{
  const char *phrase = soup_status_get_phrase (status);

  if (phrase == NULL)
    return g_strdup_printf ("HTTP %u", status);
  return g_strdup_printf ("HTTP %u %s", status, phrase);
}

static void
record_check (BsSource          *source,
              gint64             when,
              BsSourceErrorKind  kind,
              const char        *message)
{
  bs_source_set_last_check (source, when);
  bs_source_set_error_kind (source, kind);
  bs_source_set_error_message (source, message);
}

static void
record_success (BsUpdater     *self,
                BsSource      *source,
                BsFetchResult *result,
                gint64         when)
{
  record_check (source, when, BS_SOURCE_ERROR_KIND_NONE, NULL);
  bs_source_set_last_success (source, when);
  bs_source_set_failures (source, 0);
  bs_source_set_retry_until (source, 0);
  bs_source_set_max_age (source, result->max_age);

  if (result->status == BS_FETCH_OK)
    {
      /* a server that stops sending a validator gets no stale one back */
      bs_source_set_etag (source, result->etag);
      bs_source_set_last_modified (source, result->last_modified);
    }
  else
    {
      /* a 304 may leave the validators out: they have not changed */
      if (result->etag != NULL)
        bs_source_set_etag (source, result->etag);
      if (result->last_modified != NULL)
        bs_source_set_last_modified (source, result->last_modified);
    }
}

static BsRefreshOutcome *
record_failure (BsUpdater         *self,
                BsSource          *source,
                BsRefreshStatus    status,
                BsSourceErrorKind  kind,
                const char        *message,
                guint              http_status)
{
  BsRefreshOutcome *outcome = outcome_new (source, status, http_status);

  record_check (source, _bs_updater_now (self), kind, message);
  bs_source_set_failures (source, bs_source_get_failures (source) + 1);
  outcome->error_kind = kind;
  outcome->error_message = g_strdup (message);
  return outcome;
}

/* A refresh */

/* Enough sources in flight to keep every core parsing while the next
 * bodies arrive and to use every connection the fetcher allows (the
 * window must not slow a refresh over a slow network), few enough that
 * the bodies waiting stay a few megabytes. */
static guint
default_max_in_flight (BsUpdater *self)
{
  return MAX (2 * (guint) g_get_num_processors () + 2,
              bs_fetcher_get_max_connections (self->fetcher));
}

static void source_op_free (SourceOp *op);

static void
refresh_free (gpointer data)
{
  Refresh *r = data;

  g_assert (g_queue_is_empty (&r->waiting));
  g_ptr_array_unref (r->outcomes);
  g_hash_table_unref (r->keys_in_feed);
  g_free (r);
}

static void
refresh_complete (GTask *task)
{
  BsUpdater *self = g_task_get_source_object (task);
  Refresh *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean cancelled = cancellable != NULL && g_cancellable_is_cancelled (cancellable);

  if (!cancelled &&
      (self->retention.max_age_days != 0 || self->retention.max_per_source != 0))
    bs_library_apply_retention (self->library, &self->retention, _bs_updater_now (self), r->keys_in_feed);

  /* what was done before a cancellation stays done, and is saved */
  if (r->outcomes->len > 0)
    bs_library_save_sources (self->library);

  _bs_updater_set_refreshing (self, FALSE);
  _bs_updater_rearm (self);

  if (cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The refresh was cancelled");
  else
    g_task_return_pointer (task, g_ptr_array_ref (r->outcomes),
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
source_op_free (SourceOp *op)
{
  g_clear_pointer (&op->result, bs_fetch_result_unref);
  g_clear_object (&op->source);
  g_clear_object (&op->task);
  g_free (op);
}

static gboolean
op_cancelled (SourceOp *op)
{
  GCancellable *cancellable = g_task_get_cancellable (op->task);

  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

static void fetch_cb (GObject      *object,
                      GAsyncResult *res,
                      gpointer      user_data);

/* Ends a source that is in flight or waiting.
 * @outcome: (transfer full) (nullable): NULL for a source cut short */
static void
op_finish (SourceOp         *op,
           BsRefreshOutcome *outcome)
{
  BsUpdater *self = g_task_get_source_object (op->task);
  Refresh *r = g_task_get_task_data (op->task);

  g_assert (r->n_pending > 0);
  r->n_pending--;

  if (outcome != NULL)
    {
      g_ptr_array_add (r->outcomes, outcome);
      _bs_updater_source_refreshed (self, op->source, outcome);
    }
  _bs_updater_set_progress (self, self->n_done + 1, self->n_total);
  source_op_free (op);
}

/* Starts waiting sources while the window has room; after a cancellation
 * ends them instead, unstarted. */
static void
refresh_pump (GTask *task)
{
  BsUpdater *self = g_task_get_source_object (task);
  Refresh *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  BsFetchFlags flags = r->flags;

  while (!g_queue_is_empty (&r->waiting))
    {
      SourceOp *op;

      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        {
          op_finish (g_queue_pop_head (&r->waiting), NULL);
          continue;
        }
      if (r->n_in_flight >= r->max_in_flight)
        break;

      op = g_queue_pop_head (&r->waiting);
      r->n_in_flight++;
      /* the source as it is now, when its turn comes */
      {
        BsFetchRequest req = {
          .url = bs_source_get_feed_url (op->source),
          .etag = bs_source_get_etag (op->source),
          .last_modified = bs_source_get_last_modified (op->source),
          .flags = flags,
        };

        bs_fetcher_fetch_async (self->fetcher, &req, cancellable, fetch_cb, op);
      }
    }
}

/* Ends a source in flight, and lets the next one start.
 * @outcome: (transfer full) (nullable): NULL for a source cut short */
static void
op_done (SourceOp         *op,
         BsRefreshOutcome *outcome)
{
  g_autoptr(GTask) task = g_object_ref (op->task);
  Refresh *r = g_task_get_task_data (task);

  g_assert (r->n_in_flight > 0);
  r->n_in_flight--;
  if (op->unmerged)
    {
      g_assert (r->n_unmerged > 0);
      r->n_unmerged--;
    }
  /* the body and the parsed document go before the next fetch starts */
  op_finish (op, outcome);
  refresh_pump (task);

  if (r->n_pending == 0)
    refresh_complete (task);
}

static void
parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->feed, bs_feed_free);
  g_clear_pointer (&parsed->keys, g_hash_table_unref);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

static void
parse_job_free (ParseJob *job)
{
  g_bytes_unref (job->body);
  g_free (job->base_uri);
  g_free (job->charset);
  g_free (job);
}

/* In a worker thread: only the job's own data is touched. */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(Parsed) parsed = g_new0 (Parsed, 1);
  GError *error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (job->body, &size);

  parsed->feed = bs_parse (data != NULL ? data : "", size, job->base_uri, job->charset,
                           BS_PARSE_FLAGS_SANITIZE, &error);
  if (parsed->feed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  parsed->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; parsed->feed->entries != NULL && i < parsed->feed->entries->len; i++)
    g_hash_table_add (parsed->keys,
                      bs_entry_compute_key (g_ptr_array_index (parsed->feed->entries, i)));

  g_task_return_pointer (task, g_steal_pointer (&parsed), (GDestroyNotify) parsed_free);
}

static void
parse_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  SourceOp *op = user_data;
  BsUpdater *self = g_task_get_source_object (op->task);
  Refresh *r = g_task_get_task_data (op->task);
  g_autoptr(GError) error = NULL;
  g_autoptr(Parsed) parsed = NULL;
  BsMergeResult merged = { 0, 0, 0 };
  BsRefreshOutcome *outcome;
  guint http_status = op->result->http_status;
  gint64 when;

  parsed = g_task_propagate_pointer (G_TASK (res), &error);
  if (op_cancelled (op) || !_bs_updater_in_library (self, op->source))
    {
      op_done (op, NULL);
      return;
    }
  if (parsed == NULL)
    {
      op_done (op, record_failure (self, op->source, BS_REFRESH_STATUS_ERROR,
                                   kind_for_error (error), error->message, http_status));
      return;
    }
  if (parsed->feed->format == BS_FEED_FORMAT_UNKNOWN)
    {
      GPtrArray *errors = parsed->feed->errors;
      const char *message = errors != NULL && errors->len > 0 ?
                            g_ptr_array_index (errors, 0) : "the document is not a feed";

      op_done (op, record_failure (self, op->source, BS_REFRESH_STATUS_ERROR,
                                   BS_SOURCE_ERROR_KIND_PARSE, message, http_status));
      return;
    }

  when = _bs_updater_now (self);
  bs_library_merge_feed (self->library, op->source, parsed->feed, when, &merged);
  g_hash_table_replace (r->keys_in_feed, g_strdup (bs_source_get_id (op->source)),
                        g_steal_pointer (&parsed->keys));
  record_success (self, op->source, op->result, when);
  bs_source_set_ttl (op->source, parsed->feed->ttl);
  bs_source_set_icon_url (op->source, parsed->feed->icon);
  bs_source_set_logo_url (op->source, parsed->feed->image);

  outcome = outcome_new (op->source,
                         merged.n_new + merged.n_updated > 0 ?
                         BS_REFRESH_STATUS_NEW_ENTRIES : BS_REFRESH_STATUS_NO_CHANGE,
                         http_status);
  outcome->n_new = merged.n_new;
  outcome->n_updated = merged.n_updated;
  op_done (op, outcome);
}

static void
start_parse (SourceOp *op)
{
  g_autoptr(GTask) task = g_task_new (NULL, g_task_get_cancellable (op->task), parse_cb, op);
  ParseJob *job = g_new0 (ParseJob, 1);

  job->body = g_bytes_ref (op->result->body);
  job->base_uri = g_strdup (op->result->final_url);
  job->charset = g_strdup (op->result->charset);
  g_task_set_source_tag (task, start_parse);
  g_task_set_task_data (task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (task, parse_thread);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  SourceOp *op = user_data;
  BsUpdater *self = g_task_get_source_object (op->task);
  g_autoptr(GError) error = NULL;
  BsFetchResult *result;
  g_autofree char *message = NULL;
  BsRefreshOutcome *outcome;
  gint64 delay;

  op->result = bs_fetcher_fetch_finish (BS_FETCHER (object), res, &error);
  if (op_cancelled (op) || !_bs_updater_in_library (self, op->source))
    {
      op_done (op, NULL);
      return;
    }
  if (op->result == NULL)
    {
      op_done (op, record_failure (self, op->source, BS_REFRESH_STATUS_ERROR,
                                   kind_for_error (error), error->message,
                                   http_status_for_error (error)));
      return;
    }

  result = op->result;
  /* only the leading run of permanent hops moves the subscription */
  if (result->permanent_url != NULL &&
      g_strcmp0 (result->permanent_url, bs_source_get_feed_url (op->source)) != 0)
    bs_source_set_feed_url (op->source, result->permanent_url);

  switch (result->status)
    {
    case BS_FETCH_OK:
      {
        Refresh *r = g_task_get_task_data (op->task);

        op->unmerged = TRUE;
        r->n_unmerged++;
        self->peak_unmerged = MAX (self->peak_unmerged, r->n_unmerged);
        start_parse (op);
      }
      break;

    case BS_FETCH_NOT_MODIFIED:
      record_success (self, op->source, result, _bs_updater_now (self));
      op_done (op, outcome_new (op->source, BS_REFRESH_STATUS_NOT_MODIFIED, result->http_status));
      break;

    case BS_FETCH_GONE:
      message = status_line (result->http_status);
      op_done (op, record_failure (self, op->source, BS_REFRESH_STATUS_GONE,
                                   BS_SOURCE_ERROR_KIND_GONE, message, result->http_status));
      break;

    case BS_FETCH_RETRY_LATER:
      message = status_line (result->http_status);
      outcome = record_failure (self, op->source, BS_REFRESH_STATUS_RETRY_LATER,
                                BS_SOURCE_ERROR_KIND_HTTP, message, result->http_status);
      /* retry_after is on the real clock: keep the delay, not the date */
      delay = result->retry_after - g_get_real_time () / G_USEC_PER_SEC;
      delay = CLAMP (delay, 0, BS_UPDATER_MAX_INTERVAL_SECONDS);
      bs_source_set_retry_until (op->source, bs_source_get_last_check (op->source) + delay);
      op_done (op, outcome);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * bs_updater_refresh_async:
 * @self: an updater
 * @sources: (nullable) (element-type BsSource): sources of the library, or
 *   NULL for all of them
 * @flags: without BS_REFRESH_FLAGS_IGNORE_DUE only the due ones among
 *   @sources are refreshed; GONE ones only with BS_REFRESH_FLAGS_FORCE
 * @cancellable: (nullable): stops the whole refresh
 * @callback: called when every source is done
 * @user_data: for @callback
 *
 * Fetches the chosen sources, a bounded number at a time (so that bodies
 * do not pile up waiting to be parsed and merged; the fetcher applies its
 * own limits within that), parses and sanitises every new document in a
 * worker thread, merges it into the library on this thread, records the check
 * in each source (validators, times, error), applies the retention policy
 * and saves the sources. "source-refreshed" is emitted and "n-done"
 * notified as each source finishes. Fails with BS_UPDATER_ERROR_BUSY while
 * another refresh runs; on cancellation, what was finished stays and the
 * refresh ends with G_IO_ERROR_CANCELLED.
 */
void
bs_updater_refresh_async (BsUpdater           *self,
                          GPtrArray           *sources,
                          BsRefreshFlags       flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gboolean force = (flags & BS_REFRESH_FLAGS_FORCE) == BS_REFRESH_FLAGS_FORCE;
  gboolean ignore_due = (flags & BS_REFRESH_FLAGS_IGNORE_DUE) != 0;
  gint64 t = 0;
  Refresh *r;

  g_return_if_fail (BS_IS_UPDATER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_updater_refresh_async);

  if (self->refreshing)
    {
      g_task_return_new_error (task, BS_UPDATER_ERROR, BS_UPDATER_ERROR_BUSY,
                               "A refresh is already running");
      return;
    }

  if (sources == NULL)
    {
      guint n = g_list_model_get_n_items (self->sources);

      all = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (all, g_list_model_get_item (self->sources, i));
      sources = all;
    }

  if (!ignore_due)
    t = _bs_updater_now (self);
  chosen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < sources->len; i++)
    {
      BsSource *source = g_ptr_array_index (sources, i);

      g_return_if_fail (BS_IS_SOURCE (source));
      if (!_bs_updater_in_library (self, source))
        continue;
      if (!force && bs_source_get_error_kind (source) == BS_SOURCE_ERROR_KIND_GONE)
        continue;
      if (!ignore_due && t < bs_updater_get_next_check (self, source))
        continue;
      g_ptr_array_add (chosen, g_object_ref (source));
    }

  r = g_new0 (Refresh, 1);
  r->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_refresh_outcome_free);
  r->keys_in_feed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  r->n_pending = chosen->len;
  g_queue_init (&r->waiting);
  r->flags = ignore_due ? BS_FETCH_FLAGS_NO_CACHE : BS_FETCH_FLAGS_NONE;
  r->max_in_flight = self->max_in_flight != 0 ? self->max_in_flight : default_max_in_flight (self);
  g_task_set_task_data (task, r, refresh_free);
  self->peak_unmerged = 0;

  _bs_updater_set_refreshing (self, TRUE);
  _bs_updater_disarm (self);
  _bs_updater_set_progress (self, 0, chosen->len);

  if (chosen->len == 0)
    {
      refresh_complete (task);
      return;
    }

  for (guint i = 0; i < chosen->len; i++)
    {
      SourceOp *op = g_new0 (SourceOp, 1);

      op->task = g_object_ref (task);
      op->source = g_object_ref (g_ptr_array_index (chosen, i));
      g_queue_push_tail (&r->waiting, op);
    }
  refresh_pump (task);
}

/**
 * bs_updater_refresh_finish:
 * @self: an updater
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type BsRefreshOutcome): one
 *   outcome per refreshed source, in the order they finished, or NULL
 *   with @error set (BS_UPDATER_ERROR_BUSY or G_IO_ERROR_CANCELLED)
 */
GPtrArray *
bs_updater_refresh_finish (BsUpdater     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (BS_IS_UPDATER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
