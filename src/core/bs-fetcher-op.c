/* bs-fetcher-op.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-fetcher"

#include "config.h"

#include <string.h>

#include "bs-fetcher-private.h"
#include "bs-uri.h"

#define ACCEPT "application/atom+xml, application/rss+xml, application/rdf+xml, " \
               "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, "   \
               "application/json;q=0.8, */*;q=0.5"
#define READ_CHUNK (64 * 1024)
/* not in libsoup 3.2's SoupStatus */
#define HTTP_TOO_MANY_REQUESTS 429

static void op_send (GTask *task);

/* BsFetchResult */

typedef struct {
  BsFetchResult  pub;
  gatomicrefcount ref_count;
} FetchResultReal;

G_DEFINE_BOXED_TYPE (BsFetchResult, bs_fetch_result, bs_fetch_result_ref, bs_fetch_result_unref)

static BsFetchResult *
fetch_result_new (void)
{
  FetchResultReal *real = g_new0 (FetchResultReal, 1);

  g_atomic_ref_count_init (&real->ref_count);
  real->pub.max_age = -1;
  return &real->pub;
}

BsFetchResult *
bs_fetch_result_ref (BsFetchResult *result)
{
  FetchResultReal *real = (FetchResultReal *) result;

  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&real->ref_count);
  return result;
}

void
bs_fetch_result_unref (BsFetchResult *result)
{
  FetchResultReal *real = (FetchResultReal *) result;

  g_return_if_fail (result != NULL);

  if (!g_atomic_ref_count_dec (&real->ref_count))
    return;

  g_free (result->final_url);
  g_free (result->permanent_url);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->content_type);
  g_free (result->charset);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result->content_location);
  g_free (real);
}

void
bs_fetch_op_free (BsFetchOp *op)
{
  g_assert (!op->active);
  g_assert (op->cancel_source == NULL && op->timeout_source == NULL &&
            op->connect_source == NULL);

  g_clear_pointer (&op->uri, g_uri_unref);
  g_free (op->host);
  g_free (op->etag);
  g_free (op->last_modified);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->msg);
  g_clear_object (&op->stream);
  g_clear_pointer (&op->body, g_byte_array_unref);
  g_clear_pointer (&op->visited, g_hash_table_unref);
  g_free (op->permanent_url);
  g_free (op);
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
op_close_stream (BsFetchOp *op)
{
  /* Closing a SoupClientInputStream before the end of the body does not
   * read the rest: the connection is dropped instead of reused. */
  if (op->stream != NULL)
    g_input_stream_close (op->stream, NULL, NULL);
  g_clear_object (&op->stream);
}

/* Ends the fetch: frees its slot for the next queued request, then reports.
 * Exactly one of @result and @error is set. */
static void
op_return (GTask         *task,
           BsFetchResult *result,
           GError        *error)
{
  BsFetchOp *op = g_task_get_task_data (task);
  BsFetcher *self = op->fetcher;

  g_assert ((result == NULL) != (error == NULL));

  clear_source (&op->cancel_source);
  clear_source (&op->timeout_source);
  clear_source (&op->connect_source);
  if (op->msg != NULL)
    g_signal_handlers_disconnect_by_data (op->msg, op);
  op_close_stream (op);
  bs_fetcher_release_slot (self, op);

  bs_fetcher_dispatch (self);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) bs_fetch_result_unref);
}

static void
op_return_error (GTask      *task,
                 int         code,
                 const char *format,
                 ...) G_GNUC_PRINTF (3, 4);

static void
op_return_error (GTask      *task,
                 int         code,
                 const char *format,
                 ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (BS_FETCHER_ERROR, code, format, args);
  va_end (args);
  op_return (task, NULL, error);
}

static void op_return_gerror (GTask  *task,
                              GError *error);

/* Stops the fetch: at once when it waits in the queue (after a redirect to
 * another host), else by cancelling what runs, whose callback reports. */
static void
op_abort (BsFetchOp *op)
{
  GList *link = g_queue_find (&op->fetcher->queue, op->task);
  g_autoptr(GError) error = NULL;

  if (link == NULL)
    {
      g_cancellable_cancel (op->cancellable);
      return;
    }

  g_queue_delete_link (&op->fetcher->queue, link);
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  op_return_gerror (op->task, error);
  /* the queue's reference: @op may be gone after this */
  g_object_unref (op->task);
}

static gboolean
timeout_cb (gpointer user_data)
{
  BsFetchOp *op = user_data;

  op->timed_out = TIMED_OUT_TOTAL;
  g_clear_pointer (&op->timeout_source, g_source_unref);
  op_abort (op);
  return G_SOURCE_REMOVE;
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  BsFetchOp *op = user_data;

  op->timed_out = TIMED_OUT_CONNECT;
  g_clear_pointer (&op->connect_source, g_source_unref);
  op_abort (op);
  return G_SOURCE_REMOVE;
}

static GSource *
add_timeout (guint       seconds,
             GSourceFunc func,
             BsFetchOp  *op)
{
  GSource *source = g_timeout_source_new ((guint) MIN ((guint64) seconds * 1000, G_MAXUINT));

  g_source_set_callback (source, func, op, NULL);
  g_source_set_static_name (source, "[bs-fetcher] timeout");
  g_source_attach (source, g_task_get_context (op->task));
  return source;
}

static gboolean
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  BsFetchOp *op = user_data;

  g_clear_pointer (&op->cancel_source, g_source_unref);
  op_abort (op);
  return G_SOURCE_REMOVE;
}

/* Errors */

static char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  static const struct {
    GTlsCertificateFlags flag;
    const char *name;
  } names[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, "unknown certificate authority" },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, "certificate does not match the host name" },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, "certificate not yet valid" },
    { G_TLS_CERTIFICATE_EXPIRED, "certificate expired" },
    { G_TLS_CERTIFICATE_REVOKED, "certificate revoked" },
    { G_TLS_CERTIFICATE_INSECURE, "insecure certificate algorithm" },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, "invalid certificate" },
  };
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & names[i].flag)
      g_string_append_printf (s, "%s%s", s->len > 0 ? ", " : "", names[i].name);
  if (s->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Reports a failed libsoup or GIO call in our own terms. */
static void
op_return_gerror (GTask  *task,
                  GError *error)
{
  BsFetchOp *op = g_task_get_task_data (task);
  g_autofree char *tls = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (op->timed_out == TIMED_OUT_CONNECT)
        op_return_error (task, BS_FETCHER_ERROR_TIMEOUT,
                         "Could not connect within %u seconds", op->fetcher->connect_timeout);
      else if (op->timed_out == TIMED_OUT_TOTAL)
        op_return_error (task, BS_FETCHER_ERROR_TIMEOUT,
                         "No complete response within %u seconds", op->fetcher->timeout);
      else
        op_return (task, NULL, g_error_copy (error));
      return;
    }

  if (error->domain == G_TLS_ERROR)
    {
      tls = describe_tls_errors (op->tls_errors);
      if (tls != NULL)
        op_return_error (task, BS_FETCHER_ERROR_TLS, "TLS certificate error: %s", tls);
      else
        op_return_error (task, BS_FETCHER_ERROR_TLS, "TLS error: %s", error->message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    op_return_error (task, BS_FETCHER_ERROR_TIMEOUT, "%s", error->message);
  else if (error->domain == SOUP_SESSION_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    op_return_error (task, BS_FETCHER_ERROR_BAD_RESPONSE, "%s", error->message);
  else
    op_return_error (task, BS_FETCHER_ERROR_NETWORK, "%s", error->message);
}

static char *
status_line (SoupMessage *msg)
{
  guint status = soup_message_get_status (msg);
  const char *reason = soup_message_get_reason_phrase (msg);
  g_autofree char *valid = NULL;

  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (status);
  valid = g_utf8_make_valid (reason, -1);
  if (g_utf8_strlen (valid, -1) > 80)
    *g_utf8_offset_to_pointer (valid, 80) = '\0';
  return g_strdup_printf ("HTTP %u %s", status, valid);
}

/* Response headers */

static char *
header_dup (SoupMessageHeaders *headers,
            const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  g_autofree char *copy = NULL;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (value));
  if (*copy == '\0')
    return NULL;
  return g_steal_pointer (&copy);
}

static gint64
parse_max_age (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_list (headers, "Cache-Control");
  g_autoptr(GHashTable) params = NULL;
  const char *max_age;
  guint64 n;

  if (value == NULL)
    return -1;
  params = soup_header_parse_param_list (value);
  max_age = g_hash_table_lookup (params, "max-age");
  if (max_age == NULL ||
      !g_ascii_string_to_unsigned (max_age, 10, 0, G_MAXINT32, &n, NULL))
    return -1;
  return (gint64) n;
}

/* Retry-After: delay-seconds or an HTTP-date, as a unix time not in the past. */
static gint64
parse_retry_after (SoupMessageHeaders *headers)
{
  g_autofree char *value = header_dup (headers, "Retry-After");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint64 seconds;

  if (value == NULL)
    return 0;
  if (g_ascii_isdigit (value[0]))
    {
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
        return 0;
      return now + (gint64) seconds;
    }
  else
    {
      g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (value);

      if (date == NULL)
        return 0;
      return MAX (now, g_date_time_to_unix (date));
    }
}

static BsFetchResult *
op_make_result (BsFetchOp       *op,
                BsFetchStatus  status)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (op->msg);
  BsFetchResult *result = fetch_result_new ();
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *location = NULL;
  const char *type;

  result->status = status;
  result->http_status = soup_message_get_status (op->msg);
  result->final_url = g_uri_to_string (op->uri);
  result->permanent_redirect = op->n_redirects > 0 && op->all_permanent;
  result->permanent_url = g_strdup (op->permanent_url);

  type = soup_message_headers_get_content_type (headers, &params);
  if (type != NULL)
    {
      const char *charset = g_hash_table_lookup (params, "charset");

      result->content_type = g_ascii_strdown (type, -1);
      if (charset != NULL)
        {
          result->charset = g_strstrip (g_strdup (charset));
          if (*result->charset == '\0')
            g_clear_pointer (&result->charset, g_free);
        }
    }

  result->etag = header_dup (headers, "ETag");
  result->last_modified = header_dup (headers, "Last-Modified");
  result->max_age = parse_max_age (headers);
  result->retry_after = parse_retry_after (headers);

  location = header_dup (headers, "Content-Location");
  if (location != NULL)
    result->content_location = bs_uri_resolve (result->final_url, location);

  return result;
}

/* The body */

/* The body limit of this request: its own, else the fetcher's. */
static guint64
op_max_body_size (BsFetchOp *op)
{
  return op->max_body_size != 0 ? op->max_body_size : op->fetcher->max_body_size;
}

static void read_cb (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data);

static void
op_read_more (GTask *task)
{
  BsFetchOp *op = g_task_get_task_data (task);
  guint filled = op->filled;
  /* one byte more than allowed tells an oversize body apart */
  guint64 room = op_max_body_size (op) - filled + 1;
  /* but never under 3: libsoup 3.2 reads the end of a chunked body (a
   * "\r\n" line) into our buffer and fails a read shorter than a line */
  gsize want = (gsize) MIN ((guint64) READ_CHUNK, MAX (room, 3));

  /* read straight into the array, then cut it to what arrived */
  g_byte_array_set_size (op->body, filled + want);
  g_input_stream_read_async (op->stream, op->body->data + filled, want,
                             G_PRIORITY_DEFAULT, op->cancellable,
                             read_cb, g_object_ref (task));
}

static void
read_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BsFetchOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  BsFetchResult *result;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), res, &error);
  if (n < 0)
    {
      op_return_gerror (task, error);
      return;
    }

  if (n > 0)
    {
      op->filled += (guint) n;
      if (op->filled > op_max_body_size (op))
        {
          g_autofree char *limit = g_format_size (op_max_body_size (op));

          op_return_error (task, BS_FETCHER_ERROR_TOO_LARGE,
                           "The response is larger than %s", limit);
          return;
        }
      op_read_more (task);
      return;
    }

  g_byte_array_set_size (op->body, op->filled);
  result = op_make_result (op, BS_FETCH_OK);
  result->body = g_byte_array_free_to_bytes (g_steal_pointer (&op->body));
  op_return (task, result, NULL);
}

static void
op_read_body (GTask *task)
{
  BsFetchOp *op = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (op->msg);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  gboolean identity = encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0;
  guint64 reserve = READ_CHUNK;

  if (identity && soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      goffset length = soup_message_headers_get_content_length (headers);

      if ((guint64) length > op_max_body_size (op))
        {
          g_autofree char *limit = g_format_size (op_max_body_size (op));

          op_return_error (task, BS_FETCHER_ERROR_TOO_LARGE,
                           "The response is larger than %s", limit);
          return;
        }
      reserve = (guint64) length + 1;
    }

  op->body = g_byte_array_sized_new ((guint) MIN (reserve, (guint64) READ_CHUNK * 16));
  op_read_more (task);
}

/* One hop */

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY ||
         status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER ||
         status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

gboolean
bs_fetch_uri_is_http (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  return (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0) &&
         host != NULL && *host != '\0';
}

/* Follows a redirect response, or reports why it cannot be followed. */
static void
op_redirect (GTask *task)
{
  BsFetchOp *op = g_task_get_task_data (task);
  BsFetcher *self = op->fetcher;
  guint status = soup_message_get_status (op->msg);
  const char *location;
  g_autoptr(GUri) target = NULL;
  g_autoptr(GUri) next = NULL;
  g_autofree char *next_url = NULL;
  g_autofree char *next_host = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (op->msg),
                                           "Location");
  if (location == NULL || *location == '\0')
    {
      op_return_error (task, BS_FETCHER_ERROR_BAD_REDIRECT,
                       "HTTP %u redirect without a Location", status);
      return;
    }

  target = g_uri_parse_relative (op->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL || !bs_fetch_uri_is_http (target))
    {
      g_autofree char *shown = g_utf8_make_valid (location, MIN (strlen (location), 200));

      op_return_error (task, BS_FETCHER_ERROR_BAD_REDIRECT,
                       "Redirect to an unsupported URL: %s", shown);
      return;
    }
  next = soup_uri_copy (target, SOUP_URI_FRAGMENT, NULL, SOUP_URI_NONE);
  next_url = g_uri_to_string (next);

  if (g_hash_table_contains (op->visited, next_url))
    {
      op_return_error (task, BS_FETCHER_ERROR_REDIRECT_LOOP, "Redirect loop at %s", next_url);
      return;
    }
  if (op->n_redirects >= BS_FETCHER_MAX_REDIRECTS)
    {
      op_return_error (task, BS_FETCHER_ERROR_TOO_MANY_REDIRECTS,
                       "More than %d redirects", BS_FETCHER_MAX_REDIRECTS);
      return;
    }

  op->n_redirects++;
  if (op->all_permanent && (status == SOUP_STATUS_MOVED_PERMANENTLY ||
                            status == SOUP_STATUS_PERMANENT_REDIRECT))
    {
      g_free (op->permanent_url);
      op->permanent_url = g_strdup (next_url);
    }
  else
    op->all_permanent = FALSE;

  op_close_stream (op);
  g_signal_handlers_disconnect_by_data (op->msg, op);
  g_clear_object (&op->msg);
  g_hash_table_add (op->visited, g_steal_pointer (&next_url));
  g_clear_pointer (&op->uri, g_uri_unref);
  op->uri = g_steal_pointer (&next);

  next_host = g_ascii_strdown (g_uri_get_host (op->uri), -1);
  if (g_strcmp0 (next_host, op->host) == 0)
    {
      op_send (task);
      return;
    }

  /* Another host: its limit applies. Wait at the head of the queue, ahead
   * of requests that have not started yet. */
  bs_fetcher_release_slot (self, op);
  g_free (op->host);
  op->host = g_steal_pointer (&next_host);
  g_queue_push_head (&self->queue, g_object_ref (task));
  bs_fetcher_dispatch (self);
}

static void
send_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BsFetchOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  BsFetchResult *result;
  guint status;

  clear_source (&op->connect_source);
  op->stream = soup_session_send_finish (SOUP_SESSION (source), res, &error);
  if (op->stream == NULL)
    {
      op_return_gerror (task, error);
      return;
    }

  status = soup_message_get_status (op->msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      op_read_body (task);
    }
  else if (is_redirect (status))
    {
      op_redirect (task);
    }
  else if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      op_return (task, op_make_result (op, BS_FETCH_NOT_MODIFIED), NULL);
    }
  else if (status == SOUP_STATUS_GONE)
    {
      op_return (task, op_make_result (op, BS_FETCH_GONE), NULL);
    }
  else if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_autofree char *line = status_line (op->msg);

      op_return_error (task, BS_FETCHER_ERROR_NOT_FOUND, "%s", line);
    }
  else
    {
      g_autofree char *line = status_line (op->msg);

      if (status == HTTP_TOO_MANY_REQUESTS ||
          status == SOUP_STATUS_SERVICE_UNAVAILABLE)
        {
          result = op_make_result (op, BS_FETCH_RETRY_LATER);
          if (result->retry_after != 0)
            {
              op_return (task, result, NULL);
              return;
            }
          bs_fetch_result_unref (result);
        }
      op_return_error (task, BS_FETCHER_ERROR_HTTP, "%s", line);
    }
}

static void
wrote_headers_cb (SoupMessage *msg,
                  gpointer     user_data)
{
  BsFetchOp *op = user_data;

  /* connected, TLS done, request handed over: the connect timeout is over */
  clear_source (&op->connect_source);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  BsFetchOp *op = user_data;

  op->tls_errors = errors;
  return FALSE;
}

static void
op_send (GTask *task)
{
  BsFetchOp *op = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_assert (op->active && op->msg == NULL && op->stream == NULL);

  op->msg = soup_message_new_from_uri (SOUP_METHOD_GET, op->uri);
  soup_message_set_flags (op->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (op->msg);
  soup_message_headers_replace (headers, "Accept", ACCEPT);
  if (op->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", op->etag);
  if (op->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", op->last_modified);
  if (op->flags & BS_FETCH_FLAGS_NO_CACHE)
    {
      soup_message_headers_replace (headers, "Cache-Control", "no-cache");
      soup_message_headers_replace (headers, "Pragma", "no-cache");
    }

  op->tls_errors = 0;
  g_signal_connect (op->msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), op);
  g_signal_connect (op->msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), op);
  op->connect_source = add_timeout (op->fetcher->connect_timeout, connect_timeout_cb, op);

  soup_session_send_async (op->fetcher->session, op->msg, G_PRIORITY_DEFAULT,
                           op->cancellable, send_cb, g_object_ref (task));
}


/* Takes the first slot: the total timeout starts with it. */
void
bs_fetch_op_start (BsFetchOp *op)
{
  if (!op->started)
    {
      op->started = TRUE;
      op->timeout_source = add_timeout (op->fetcher->timeout, timeout_cb, op);
    }
  op_send (op->task);
}

BsFetchOp *
bs_fetch_op_new (BsFetcher            *fetcher,
                 GTask                *task,
                 GUri                 *uri,
                 const BsFetchRequest *req)
{
  BsFetchOp *op = g_new0 (BsFetchOp, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  op->fetcher = fetcher;
  op->task = task;
  op->uri = soup_uri_copy (uri, SOUP_URI_FRAGMENT, NULL, SOUP_URI_NONE);
  op->host = g_ascii_strdown (g_uri_get_host (op->uri), -1);
  if (req->etag != NULL && *req->etag != '\0')
    op->etag = g_strdup (req->etag);
  if (req->last_modified != NULL && *req->last_modified != '\0')
    op->last_modified = g_strdup (req->last_modified);
  op->flags = req->flags;
  op->max_body_size = req->max_body_size;
  op->cancellable = g_cancellable_new ();
  op->all_permanent = TRUE;
  op->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (op->visited, g_uri_to_string (op->uri));

  if (cancellable != NULL)
    {
      op->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (op->cancel_source, G_SOURCE_FUNC (caller_cancelled_cb), op, NULL);
      g_source_set_static_name (op->cancel_source, "[bs-fetcher] cancelled");
      g_source_attach (op->cancel_source, g_task_get_context (task));
    }

  return op;
}
