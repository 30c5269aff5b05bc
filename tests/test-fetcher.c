/* test-fetcher.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "bs-fetcher.h"
#include "bs-parser.h"
#include "bs-test-util.h"

/* Every wait is for an event; this only stops a test that would hang. */
#define SAFETY_SECONDS 60
/* not in libsoup 3.2's SoupStatus */
#define HTTP_TOO_MANY_REQUESTS 429

#define FEED \
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
  "<rss version=\"2.0\"><channel><title>Caf\xc3\xa9</title>" \
  "<item><title>One</title><link>http://example.com/1</link></item>" \
  "</channel></rss>\n"
#define ETAG "\"v1\""
#define LAST_MODIFIED "Thu, 01 Jan 2026 00:00:00 GMT"

/* A self-signed certificate for "broadsheet.test", valid for a century. */
static const char tls_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBqDCCAU2gAwIBAgIUKo1wR7yJ2JRpz2oZam+HVqmJTaYwCgYIKoZIzj0EAwIw\n"
  "GjEYMBYGA1UEAwwPYnJvYWRzaGVldC50ZXN0MCAXDTI2MTEyNjIzNDU1NVoYDzIx\n"
  "MjYxMTAyMjM0NTU1WjAaMRgwFgYDVQQDDA9icm9hZHNoZWV0LnRlc3QwWTATBgcq\n"
  "hkjOPQIBBggqhkjOPQMBBwNCAATNYvnd7QFUzndt59XZupYmCP+2iRbn/fpBLaTZ\n"
  "b9SdYgV2GpnmKNKKoNpephhJGy4caU4O+SChA5sYUAcPon1to28wbTAdBgNVHQ4E\n"
  "FgQU93Eyez0NWl0OPeocrVqYDBlFy+IwHwYDVR0jBBgwFoAU93Eyez0NWl0OPeoc\n"
  "rVqYDBlFy+IwDwYDVR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgg9icm9hZHNoZWV0\n"
  "LnRlc3QwCgYIKoZIzj0EAwIDSQAwRgIhAIkY7jbNnaTD0VUddntHdBVFLCWgFd1m\n"
  "B2FC8SuVPZ9sAiEAnyIcS3OYmrg7xd5lQMhOJ3h1mPZYyiJqU3Z5Hq4Paxw=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxR+kWCcJW8wKoUr3\n"
  "E5zvwOT/jA8ukSKeuuzyOlfqR3ihRANCAATNYvnd7QFUzndt59XZupYmCP+2iRbn\n"
  "/fpBLaTZb9SdYgV2GpnmKNKKoNpephhJGy4caU4O+SChA5sYUAcPon1t\n"
  "-----END PRIVATE KEY-----\n"
  ;

typedef struct {
  SoupServer        *server;
  guint              port;
  char              *base;           /* http://127.0.0.1:PORT */
  BsFetcher         *fetcher;

  GHashTable        *hits;           /* path → number of requests */
  SoupMessageHeaders *last_headers;  /* of the last request */

  GQueue             held;           /* SoupServerMessage *, paused by /hold */
  GHashTable        *held_per_host;  /* host → count */
  guint              max_held;
  guint              max_held_per_host;

  gsize              sent;           /* body bytes written by /slow and /endless */
  gint64             retry_date;     /* what /status/503-date announced */
  GBytes            *bomb;           /* gzip of many zeros */
} Fixture;

typedef struct {
  BsFetchResult *result;
  GError        *error;
  guint          n_calls;
} Outcome;

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

#define WAIT_UNTIL(cond)                                                     \
  G_STMT_START {                                                             \
    gboolean expired_ = FALSE;                                               \
    guint id_ = g_timeout_add_seconds (SAFETY_SECONDS, set_flag_cb, &expired_); \
    while (!(cond) && !expired_)                                             \
      g_main_context_iteration (NULL, TRUE);                                 \
    if (!(cond))                                                             \
      g_error ("gave up waiting for %s", #cond);                             \
    g_source_remove (id_);                                                   \
  } G_STMT_END

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->result, bs_fetch_result_unref);
  g_clear_error (&o->error);
  o->n_calls = 0;
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      data)
{
  Outcome *o = data;

  o->n_calls++;
  g_assert_cmpuint (o->n_calls, ==, 1);
  o->result = bs_fetcher_fetch_finish (BS_FETCHER (source), res, &o->error);
  g_assert_true ((o->result == NULL) != (o->error == NULL));
}

static char *
url_for (Fixture    *f,
         const char *host,
         const char *path)
{
  return g_strdup_printf ("http://%s:%u%s", host, f->port, path);
}

static void
start_fetch (Fixture        *f,
             const char     *url,
             const char     *etag,
             const char     *last_modified,
             BsFetchFlags    flags,
             GCancellable   *cancellable,
             Outcome        *o)
{
  BsFetchRequest req = { .url = url, .etag = etag, .last_modified = last_modified, .flags = flags };

  bs_fetcher_fetch_async (f->fetcher, &req, cancellable, fetch_cb, o);
}

/* Fetches @path from the test server and waits for the outcome. */
static void
fetch (Fixture    *f,
       const char *path,
       const char *etag,
       const char *last_modified,
       Outcome    *o)
{
  g_autofree char *url = url_for (f, "127.0.0.1", path);

  outcome_clear (o);
  start_fetch (f, url, etag, last_modified, BS_FETCH_FLAGS_NONE, NULL, o);
  WAIT_UNTIL (o->n_calls == 1);
}

static guint
hits (Fixture    *f,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
}

/* The server */

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  soup_server_message_set_status (msg, status, NULL);
  if (location != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Location", location);
}

typedef struct {
  Fixture           *f;
  SoupServerMessage *msg;
  guint              id;
} Trickle;

static gboolean
trickle_cb (gpointer data)
{
  Trickle *t = data;

  soup_message_body_append (soup_server_message_get_response_body (t->msg),
                            SOUP_MEMORY_STATIC, "x", 1);
  t->f->sent++;
  soup_server_message_unpause (t->msg);
  return G_SOURCE_CONTINUE;
}

static void
trickle_finished_cb (SoupServerMessage *msg,
                     Trickle           *t)
{
  g_clear_handle_id (&t->id, g_source_remove);
}

static void
trickle_free (gpointer data)
{
  Trickle *t = data;

  g_clear_handle_id (&t->id, g_source_remove);
  g_free (t);
}

static void
endless_chunk_cb (SoupServerMessage *msg,
                  Fixture           *f)
{
  static const char chunk[16 * 1024] = { 'x' };

  soup_message_body_append (soup_server_message_get_response_body (msg),
                            SOUP_MEMORY_STATIC, chunk, sizeof chunk);
  f->sent += sizeof chunk;
}

static void
start_chunked (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/rss+xml", NULL);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
}

static GBytes *
compress (GZlibCompressorFormat  format,
          gconstpointer          data,
          gsize                  length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
respond_encoded (SoupServerMessage *msg,
                 const char        *encoding,
                 GBytes            *bytes)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Encoding", encoding);
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
hold (Fixture           *f,
      SoupServerMessage *msg)
{
  const char *host = g_uri_get_host (soup_server_message_get_uri (msg));
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->held_per_host, host)) + 1;

  g_hash_table_insert (f->held_per_host, g_strdup (host), GUINT_TO_POINTER (n));
  f->max_held_per_host = MAX (f->max_held_per_host, n);
  g_queue_push_tail (&f->held, g_object_ref (msg));
  f->max_held = MAX (f->max_held, f->held.length);
  soup_server_message_pause (msg);
}

/* Answers the oldest held request. */
static void
release_one (Fixture *f)
{
  g_autoptr(SoupServerMessage) msg = g_queue_pop_head (&f->held);
  const char *host = g_uri_get_host (soup_server_message_get_uri (msg));
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->held_per_host, host));

  g_assert_cmpuint (n, >, 0);
  g_hash_table_insert (f->held_per_host, g_strdup (host), GUINT_TO_POINTER (n - 1));
  respond (msg, SOUP_STATUS_OK, "application/rss+xml", FEED);
  soup_server_message_unpause (msg);
}

static guint
held_for (Fixture    *f,
          const char *host)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->held_per_host, host));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  Fixture *f = data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);

  g_hash_table_insert (f->hits, g_strdup (path), GUINT_TO_POINTER (hits (f, path) + 1));
  g_clear_pointer (&f->last_headers, soup_message_headers_unref);
  f->last_headers = soup_message_headers_ref (req);

  if (g_str_equal (path, "/feed"))
    {
      const char *inm = soup_message_headers_get_one (req, "If-None-Match");
      const char *ims = soup_message_headers_get_one (req, "If-Modified-Since");

      soup_message_headers_replace (resp, "ETag", ETAG);
      soup_message_headers_replace (resp, "Last-Modified", LAST_MODIFIED);
      soup_message_headers_replace (resp, "Cache-Control", "public, max-age=1800");
      soup_message_headers_replace (resp, "Content-Location", "feed.xml");
      if (g_strcmp0 (inm, ETAG) == 0 || (inm == NULL && g_strcmp0 (ims, LAST_MODIFIED) == 0))
        respond (msg, SOUP_STATUS_NOT_MODIFIED, NULL, NULL);
      else
        respond (msg, SOUP_STATUS_OK, "application/rss+xml; charset=utf-8", FEED);
    }
  else if (g_str_has_prefix (path, "/redirect/"))
    {
      guint status = (guint) g_ascii_strtoull (path + strlen ("/redirect/"), NULL, 10);
      g_autofree char *other_host = url_for (f, "localhost", "/feed");

      if (status == 0)
        redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, other_host);
      else
        redirect (msg, status, status == 301 ? "../feed#fragment" : "/feed");
    }
  else if (g_str_equal (path, "/mixed"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/mixed-2");
  else if (g_str_equal (path, "/mixed-2"))
    redirect (msg, SOUP_STATUS_PERMANENT_REDIRECT, "/redirect/302");
  else if (g_str_equal (path, "/loop/a"))
    redirect (msg, SOUP_STATUS_FOUND, "/loop/b");
  else if (g_str_equal (path, "/loop/b"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop/a");
  else if (g_str_has_prefix (path, "/hops/"))
    {
      guint n = (guint) g_ascii_strtoull (path + strlen ("/hops/"), NULL, 10);
      g_autofree char *next = g_strdup_printf ("/hops/%u", n - 1);

      if (n == 0)
        respond (msg, SOUP_STATUS_OK, "application/rss+xml", FEED);
      else
        redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, next);
    }
  else if (g_str_equal (path, "/no-location"))
    redirect (msg, SOUP_STATUS_FOUND, NULL);
  else if (g_str_equal (path, "/to-ftp"))
    redirect (msg, SOUP_STATUS_FOUND, "ftp://example.com/feed");
  else if (g_str_equal (path, "/status/404"))
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/html", "<h1>Not here</h1>");
  else if (g_str_equal (path, "/status/410"))
    respond (msg, SOUP_STATUS_GONE, "text/html", "<h1>Gone</h1>");
  else if (g_str_equal (path, "/status/500"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Database on fire");
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "oops", 4);
    }
  else if (g_str_equal (path, "/status/429"))
    {
      soup_message_headers_replace (resp, "Retry-After", "120");
      respond (msg, HTTP_TOO_MANY_REQUESTS, "text/plain", "slow down");
    }
  else if (g_str_equal (path, "/status/503-date"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 300);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
      g_autoptr(GDateTime) parsed = soup_date_time_new_from_http_string (date);

      f->retry_date = g_date_time_to_unix (parsed);
      soup_message_headers_replace (resp, "Retry-After", date);
      respond (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "maintenance");
    }
  else if (g_str_equal (path, "/status/503"))
    respond (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "down");
  else if (g_str_equal (path, "/slow"))
    {
      Trickle *t = g_new0 (Trickle, 1);

      start_chunked (msg);
      soup_message_body_append (soup_server_message_get_response_body (msg),
                                SOUP_MEMORY_STATIC, "<", 1);
      t->f = f;
      t->msg = msg;
      t->id = g_timeout_add (100, trickle_cb, t);
      g_signal_connect (msg, "finished", G_CALLBACK (trickle_finished_cb), t);
      g_object_set_data_full (G_OBJECT (msg), "trickle", t, trickle_free);
    }
  else if (g_str_equal (path, "/endless"))
    {
      start_chunked (msg);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (endless_chunk_cb), f);
      endless_chunk_cb (msg, f);
    }
  else if (g_str_equal (path, "/big"))
    {
      gsize size = 2 * 1024 * 1024;
      char *body = g_malloc (size);

      memset (body, 'x', size);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_TAKE, body, size);
    }
  else if (g_str_equal (path, "/gzip"))
    {
      g_autoptr(GBytes) gz = compress (G_ZLIB_COMPRESSOR_FORMAT_GZIP, FEED, strlen (FEED));

      respond_encoded (msg, "gzip", gz);
    }
  else if (g_str_equal (path, "/deflate"))
    {
      g_autoptr(GBytes) z = compress (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, FEED, strlen (FEED));

      respond_encoded (msg, "deflate", z);
    }
  else if (g_str_equal (path, "/bomb"))
    respond_encoded (msg, "gzip", f->bomb);
  else if (g_str_equal (path, "/charset/present"))
    respond (msg, SOUP_STATUS_OK, "Application/RSS+XML; charset=UTF-8", FEED);
  else if (g_str_equal (path, "/charset/wrong"))
    respond (msg, SOUP_STATUS_OK, "text/xml; charset=\"x-no-such-charset\"", FEED);
  else if (g_str_equal (path, "/charset/missing"))
    respond (msg, SOUP_STATUS_OK, "text/xml", FEED);
  else if (g_str_equal (path, "/html"))
    respond (msg, SOUP_STATUS_OK, "text/html; charset=iso-8859-1",
             "<!DOCTYPE html><html><head><title>A blog</title></head><body>Hi</body></html>");
  else if (g_str_equal (path, "/empty"))
    respond (msg, SOUP_STATUS_OK, "application/rss+xml", "");
  else if (g_str_equal (path, "/hold"))
    hold (f, msg);
  else
    respond (msg, SOUP_STATUS_OK, "text/plain", "ok");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = bs_test_server_new (server_cb, f, &f->base, &f->port);
  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->held_per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&f->held);
  f->fetcher = bs_fetcher_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  while (!g_queue_is_empty (&f->held))
    release_one (f);
  g_clear_object (&f->fetcher);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->last_headers, soup_message_headers_unref);
  g_clear_pointer (&f->hits, g_hash_table_unref);
  g_clear_pointer (&f->held_per_host, g_hash_table_unref);
  g_clear_pointer (&f->bomb, g_bytes_unref);
  g_free (f->base);
}

static void
assert_body (BsFetchResult *result,
             const char    *want)
{
  gsize size;
  const char *data;

  g_assert_nonnull (result->body);
  data = g_bytes_get_data (result->body, &size);
  g_assert_cmpmem (data, size, want, strlen (want));
}

/* The tests */

static void
test_ok (Fixture       *f,
         gconstpointer  data)
{
  Outcome o = { 0 };
  g_autofree char *final = g_strconcat (f->base, "/feed", NULL);
  g_autofree char *location = g_strconcat (f->base, "/feed.xml", NULL);

  fetch (f, "/feed", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_OK);
  g_assert_cmpuint (o.result->http_status, ==, 200);
  assert_body (o.result, FEED);
  g_assert_cmpstr (o.result->final_url, ==, final);
  g_assert_false (o.result->permanent_redirect);
  g_assert_null (o.result->permanent_url);
  g_assert_cmpstr (o.result->content_type, ==, "application/rss+xml");
  g_assert_cmpstr (o.result->charset, ==, "utf-8");
  g_assert_cmpstr (o.result->etag, ==, ETAG);
  g_assert_cmpstr (o.result->last_modified, ==, LAST_MODIFIED);
  g_assert_cmpint (o.result->max_age, ==, 1800);
  g_assert_cmpint (o.result->retry_after, ==, 0);
  g_assert_cmpstr (o.result->content_location, ==, location);

  /* no validators, no conditional headers */
  g_assert_null (soup_message_headers_get_one (f->last_headers, "If-None-Match"));
  g_assert_null (soup_message_headers_get_one (f->last_headers, "If-Modified-Since"));

  /* a stale ETag gets the whole document again */
  fetch (f, "/feed", "\"v0\"", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_OK);
  assert_body (o.result, FEED);
  outcome_clear (&o);
}

static void
test_not_modified_etag (Fixture       *f,
                        gconstpointer  data)
{
  Outcome o = { 0 };

  fetch (f, "/feed", ETAG, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (soup_message_headers_get_one (f->last_headers, "If-None-Match"), ==, ETAG);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_NOT_MODIFIED);
  g_assert_cmpuint (o.result->http_status, ==, 304);
  g_assert_null (o.result->body);
  g_assert_cmpstr (o.result->etag, ==, ETAG);
  g_assert_cmpint (o.result->max_age, ==, 1800);
  outcome_clear (&o);
}

static void
test_not_modified_since (Fixture       *f,
                         gconstpointer  data)
{
  Outcome o = { 0 };

  fetch (f, "/feed", NULL, LAST_MODIFIED, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (soup_message_headers_get_one (f->last_headers, "If-Modified-Since"), ==,
                   LAST_MODIFIED);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_NOT_MODIFIED);
  g_assert_null (o.result->body);
  g_assert_cmpstr (o.result->last_modified, ==, LAST_MODIFIED);
  outcome_clear (&o);
}

static void
check_redirect (Fixture    *f,
                const char *path,
                gboolean    permanent)
{
  Outcome o = { 0 };
  g_autofree char *final = g_strconcat (f->base, "/feed", NULL);

  fetch (f, path, NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_OK);
  assert_body (o.result, FEED);
  g_assert_cmpstr (o.result->final_url, ==, final);
  g_assert_cmpint (o.result->permanent_redirect, ==, permanent);
  g_assert_cmpstr (o.result->permanent_url, ==, permanent ? final : NULL);
  g_assert_cmpuint (hits (f, path), ==, 1);
  outcome_clear (&o);
}

static void
test_redirect_301 (Fixture       *f,
                   gconstpointer  data)
{
  /* a relative Location with a fragment: resolved, fragment dropped */
  check_redirect (f, "/redirect/301", TRUE);
}

static void
test_redirect_302 (Fixture       *f,
                   gconstpointer  data)
{
  check_redirect (f, "/redirect/302", FALSE);
}

static void
test_redirect_307_308 (Fixture       *f,
                       gconstpointer  data)
{
  check_redirect (f, "/redirect/307", FALSE);
  check_redirect (f, "/redirect/308", TRUE);
}

static void
test_redirect_mixed (Fixture       *f,
                     gconstpointer  data)
{
  Outcome o = { 0 };
  g_autofree char *final = g_strconcat (f->base, "/feed", NULL);
  g_autofree char *moved = g_strconcat (f->base, "/redirect/302", NULL);
  g_autofree char *other = url_for (f, "localhost", "/feed");

  /* 301 → 308 → 302 → 200: the feed moved for good to the target of the
   * 308, the last hop is temporary */
  fetch (f, "/mixed", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (o.result->final_url, ==, final);
  g_assert_false (o.result->permanent_redirect);
  g_assert_cmpstr (o.result->permanent_url, ==, moved);

  /* a permanent redirect to another host */
  fetch (f, "/redirect/0", NULL, NULL, &o);
  g_assert_no_error (o.error);
  assert_body (o.result, FEED);
  g_assert_cmpstr (o.result->final_url, ==, other);
  g_assert_true (o.result->permanent_redirect);
  g_assert_cmpstr (o.result->permanent_url, ==, other);
  outcome_clear (&o);
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  Outcome o = { 0 };

  fetch (f, "/loop/a", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_REDIRECT_LOOP);
  g_assert_nonnull (strstr (o.error->message, "/loop/a"));
  g_assert_cmpuint (hits (f, "/loop/a"), ==, 1);
  g_assert_cmpuint (hits (f, "/loop/b"), ==, 1);

  /* ten hops are followed, eleven are too many */
  fetch (f, "/hops/10", NULL, NULL, &o);
  g_assert_no_error (o.error);
  assert_body (o.result, FEED);
  fetch (f, "/hops/11", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpuint (hits (f, "/hops/0"), ==, 1);  /* only the first chain got there */

  /* redirects that cannot be followed */
  fetch (f, "/no-location", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_BAD_REDIRECT);
  fetch (f, "/to-ftp", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_BAD_REDIRECT);
  g_assert_nonnull (strstr (o.error->message, "ftp://example.com/feed"));
  outcome_clear (&o);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  Outcome o = { 0 };

  fetch (f, "/status/404", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_NOT_FOUND);
  g_assert_cmpstr (o.error->message, ==, "HTTP 404 Not Found");
  outcome_clear (&o);
}

static void
test_gone (Fixture       *f,
           gconstpointer  data)
{
  Outcome o = { 0 };

  fetch (f, "/status/410", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_GONE);
  g_assert_cmpuint (o.result->http_status, ==, 410);
  g_assert_null (o.result->body);
  outcome_clear (&o);
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  Outcome o = { 0 };
  gint64 before, after;

  before = g_get_real_time () / G_USEC_PER_SEC;
  fetch (f, "/status/429", NULL, NULL, &o);
  after = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_no_error (o.error);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_RETRY_LATER);
  g_assert_cmpuint (o.result->http_status, ==, 429);
  g_assert_cmpint (o.result->retry_after, >=, before + 120);
  g_assert_cmpint (o.result->retry_after, <=, after + 120);
  g_assert_null (o.result->body);

  fetch (f, "/status/503-date", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_RETRY_LATER);
  g_assert_cmpuint (o.result->http_status, ==, 503);
  g_assert_cmpint (o.result->retry_after, ==, f->retry_date);

  /* without Retry-After a 503 is an error like any other */
  fetch (f, "/status/503", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_HTTP);
  g_assert_cmpstr (o.error->message, ==, "HTTP 503 Service Unavailable");
  outcome_clear (&o);
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  Outcome o = { 0 };

  fetch (f, "/status/500", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_HTTP);
  g_assert_cmpstr (o.error->message, ==, "HTTP 500 Database on fire");
  outcome_clear (&o);
}

static void
test_slow (Fixture       *f,
           gconstpointer  data)
{
  Outcome o = { 0 };
  gint64 start = g_get_monotonic_time ();

  /* a byte every 100 ms keeps every read busy, forever */
  bs_fetcher_set_timeout (f->fetcher, 1);
  fetch (f, "/slow", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_TIMEOUT);
  g_assert_cmpstr (o.error->message, ==, "No complete response within 1 seconds");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (f->sent, >, 0);
  outcome_clear (&o);
}

static void
test_endless (Fixture       *f,
              gconstpointer  data)
{
  Outcome o = { 0 };

  bs_fetcher_set_max_body_size (f->fetcher, 256 * 1024);
  fetch (f, "/endless", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_TOO_LARGE);
  g_assert_cmpuint (f->sent, >, 256 * 1024);
  outcome_clear (&o);
}

static void
test_oversize (Fixture       *f,
               gconstpointer  data)
{
  Outcome o = { 0 };

  bs_fetcher_set_max_body_size (f->fetcher, 1024 * 1024);
  fetch (f, "/big", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_TOO_LARGE);
  /* g_format_size() puts a no-break space before the unit */
  g_assert_true (g_str_has_prefix (o.error->message, "The response is larger than 1.0"));
  g_assert_true (g_str_has_suffix (o.error->message, "MB"));

  /* the limit itself is allowed */
  bs_fetcher_set_max_body_size (f->fetcher, 2 * 1024 * 1024);
  fetch (f, "/big", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (g_bytes_get_size (o.result->body), ==, 2 * 1024 * 1024);
  outcome_clear (&o);
}

static void
test_content_encoding (Fixture       *f,
                       gconstpointer  data)
{
  Outcome o = { 0 };
  const char *accept;

  fetch (f, "/gzip", NULL, NULL, &o);
  g_assert_no_error (o.error);
  assert_body (o.result, FEED);
  accept = soup_message_headers_get_one (f->last_headers, "Accept-Encoding");
  g_assert_nonnull (accept);
  g_assert_nonnull (strstr (accept, "gzip"));
  g_assert_nonnull (strstr (accept, "deflate"));

  fetch (f, "/deflate", NULL, NULL, &o);
  g_assert_no_error (o.error);
  assert_body (o.result, FEED);
  outcome_clear (&o);
}

static void
test_gzip_bomb (Fixture       *f,
                gconstpointer  data)
{
  Outcome o = { 0 };
  gsize size = 16 * 1024 * 1024;
  g_autofree char *zeros = g_malloc0 (size);

  f->bomb = compress (G_ZLIB_COMPRESSOR_FORMAT_GZIP, zeros, size);
  bs_fetcher_set_max_body_size (f->fetcher, 1024 * 1024);
  /* what travels is far under the limit; what it inflates to is far over */
  g_assert_cmpuint (g_bytes_get_size (f->bomb), <, 64 * 1024);
  fetch (f, "/bomb", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_TOO_LARGE);
  outcome_clear (&o);
}

static void
test_charset (Fixture       *f,
              gconstpointer  data)
{
  Outcome o = { 0 };
  g_autoptr(BsFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *body;

  fetch (f, "/charset/present", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (o.result->content_type, ==, "application/rss+xml");
  g_assert_cmpstr (o.result->charset, ==, "UTF-8");

  /* a charset nobody knows is handed on as sent: the parser falls back */
  fetch (f, "/charset/wrong", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (o.result->content_type, ==, "text/xml");
  g_assert_cmpstr (o.result->charset, ==, "x-no-such-charset");
  body = g_bytes_get_data (o.result->body, &size);
  feed = bs_parse (body, size, o.result->final_url, o.result->charset, BS_PARSE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feed->title, ==, "Caf\xc3\xa9");

  /* no charset is not a default charset: the document decides */
  fetch (f, "/charset/missing", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (o.result->content_type, ==, "text/xml");
  g_assert_null (o.result->charset);
  outcome_clear (&o);
}

static void
test_html (Fixture       *f,
           gconstpointer  data)
{
  Outcome o = { 0 };

  fetch (f, "/html", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_OK);
  g_assert_cmpstr (o.result->content_type, ==, "text/html");
  g_assert_cmpstr (o.result->charset, ==, "iso-8859-1");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (o.result->body, NULL),
                                  g_bytes_get_size (o.result->body), "<title>A blog"));
  outcome_clear (&o);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  Outcome o = { 0 };

  fetch (f, "/empty", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.result->status, ==, BS_FETCH_OK);
  g_assert_nonnull (o.result->body);
  g_assert_cmpuint (g_bytes_get_size (o.result->body), ==, 0);
  /* headers the server did not send stay unset */
  g_assert_cmpint (o.result->max_age, ==, -1);
  g_assert_null (o.result->etag);
  g_assert_null (o.result->content_location);
  outcome_clear (&o);
}

static void
test_request_headers (Fixture       *f,
                      gconstpointer  data)
{
  Outcome o = { 0 };
  g_autofree char *url = url_for (f, "127.0.0.1", "/ua");

  fetch (f, "/ua", NULL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (soup_message_headers_get_one (f->last_headers, "User-Agent"), ==,
                   "Broadsheet/" PACKAGE_VERSION " (+https://github.com/broadsheet/broadsheet)");
  g_assert_nonnull (strstr (soup_message_headers_get_one (f->last_headers, "Accept"),
                            "application/atom+xml"));
  g_assert_null (soup_message_headers_get_one (f->last_headers, "Cache-Control"));

  outcome_clear (&o);
  start_fetch (f, url, NULL, NULL, BS_FETCH_FLAGS_NO_CACHE, NULL, &o);
  WAIT_UNTIL (o.n_calls == 1);
  g_assert_no_error (o.error);
  g_assert_cmpstr (soup_message_headers_get_one (f->last_headers, "Cache-Control"), ==,
                   "no-cache");
  outcome_clear (&o);
}

/* Starts @n fetches of /hold, alternating between two names of the test
 * server, and answers the oldest held request each time the server holds
 * as many as the limits allow. */
static void
run_held (Fixture *f,
          guint    n,
          guint    per_host,
          guint    total)
{
  g_autofree Outcome *o = g_new0 (Outcome, n);
  const char *hosts[] = { "127.0.0.1", "localhost" };
  guint left[2] = { 0, 0 };
  guint released = 0;

  bs_fetcher_set_max_connections_per_host (f->fetcher, per_host);
  bs_fetcher_set_max_connections (f->fetcher, total);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *url = url_for (f, hosts[i % 2], "/hold");

      start_fetch (f, url, NULL, NULL, BS_FETCH_FLAGS_NONE, NULL, &o[i]);
      left[i % 2]++;
    }

  while (released < n)
    {
      guint want0 = MIN (per_host, left[0]);
      guint want1 = MIN (per_host, left[1]);
      guint want = MIN (total, want0 + want1);
      SoupServerMessage *oldest;

      /* when the total binds, how it splits between the hosts depends on
       * the order the requests finished in */
      WAIT_UNTIL (f->held.length == want &&
                  (want0 + want1 > total ||
                   (held_for (f, hosts[0]) == want0 && held_for (f, hosts[1]) == want1)));
      oldest = g_queue_peek_head (&f->held);
      left[g_str_equal (g_uri_get_host (soup_server_message_get_uri (oldest)), hosts[0]) ? 0 : 1]--;
      release_one (f);
      released++;
    }

  for (guint i = 0; i < n; i++)
    {
      WAIT_UNTIL (o[i].n_calls == 1);
      g_assert_no_error (o[i].error);
      assert_body (o[i].result, FEED);
      outcome_clear (&o[i]);
    }
  g_assert_cmpuint (hits (f, "/hold"), ==, n);
}

static void
test_per_host_limit (Fixture       *f,
                     gconstpointer  data)
{
  run_held (f, 10, 2, 16);
  g_assert_cmpuint (f->max_held_per_host, ==, 2);
  g_assert_cmpuint (f->max_held, ==, 4);
}

static void
test_global_limit (Fixture       *f,
                   gconstpointer  data)
{
  run_held (f, 9, 32, 3);
  g_assert_cmpuint (f->max_held, ==, 3);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *hold = url_for (f, "127.0.0.1", "/hold");
  g_autofree char *feed = url_for (f, "127.0.0.1", "/feed");
  Outcome held = { 0 }, queued = { 0 }, early = { 0 };

  /* in flight: the server has the request */
  start_fetch (f, hold, NULL, NULL, BS_FETCH_FLAGS_NONE, cancellable, &held);
  WAIT_UNTIL (f->held.length == 1);
  g_cancellable_cancel (cancellable);
  WAIT_UNTIL (held.n_calls == 1);
  g_assert_error (held.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  release_one (f);
  outcome_clear (&held);

  /* queued behind the global limit: never sent */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  bs_fetcher_set_max_connections (f->fetcher, 1);
  start_fetch (f, hold, NULL, NULL, BS_FETCH_FLAGS_NONE, NULL, &held);
  start_fetch (f, feed, NULL, NULL, BS_FETCH_FLAGS_NONE, cancellable, &queued);
  WAIT_UNTIL (f->held.length == 1);
  g_cancellable_cancel (cancellable);
  WAIT_UNTIL (queued.n_calls == 1);
  g_assert_error (queued.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (held.n_calls, ==, 0);
  release_one (f);
  WAIT_UNTIL (held.n_calls == 1);
  g_assert_no_error (held.error);

  /* cancelled before it started */
  g_cancellable_cancel (cancelled);
  start_fetch (f, feed, NULL, NULL, BS_FETCH_FLAGS_NONE, cancelled, &early);
  WAIT_UNTIL (early.n_calls == 1);
  g_assert_error (early.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* a later fetch still works, and /feed was never requested */
  fetch (f, "/ua", NULL, NULL, &queued);
  g_assert_no_error (queued.error);
  g_assert_cmpuint (hits (f, "/feed"), ==, 0);
  g_assert_cmpuint (hits (f, "/hold"), ==, 2);

  outcome_clear (&held);
  outcome_clear (&queued);
  outcome_clear (&early);
}

static void
test_invalid_url (Fixture       *f,
                  gconstpointer  data)
{
  const char *urls[] = { "ftp://example.com/feed", "not a url", "http:///path", "feed.xml" };
  Outcome o = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      start_fetch (f, urls[i], NULL, NULL, BS_FETCH_FLAGS_NONE, NULL, &o);
      WAIT_UNTIL (o.n_calls == 1);
      g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_INVALID_URL);
      outcome_clear (&o);
    }
}

static GSocket *
listen_without_accepting (guint *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return g_steal_pointer (&socket);
}

static void
test_network_errors (Fixture       *f,
                     gconstpointer  data)
{
  Outcome o = { 0 };
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *url = NULL;
  guint port;

  /* refused: a port that was just free */
  socket = listen_without_accepting (&port);
  g_clear_object (&socket);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed", port);
  start_fetch (f, url, NULL, NULL, BS_FETCH_FLAGS_NONE, NULL, &o);
  WAIT_UNTIL (o.n_calls == 1);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_NETWORK);
  g_assert_cmpstr (o.error->message, !=, "");
  outcome_clear (&o);

  /* TCP accepted, TLS handshake never answered: the connect timeout */
  socket = listen_without_accepting (&port);
  g_free (url);
  url = g_strdup_printf ("https://127.0.0.1:%u/feed", port);
  bs_fetcher_set_connect_timeout (f->fetcher, 1);
  start_fetch (f, url, NULL, NULL, BS_FETCH_FLAGS_NONE, NULL, &o);
  WAIT_UNTIL (o.n_calls == 1);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_TIMEOUT);
  g_assert_cmpstr (o.error->message, ==, "Could not connect within 1 seconds");
  outcome_clear (&o);
}

static void
test_tls_error (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  Outcome o = { 0 };

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }

  certificate = g_tls_certificate_new_from_pem (tls_pem, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, server_cb, f, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/feed", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  start_fetch (f, url, NULL, NULL, BS_FETCH_FLAGS_NONE, NULL, &o);
  WAIT_UNTIL (o.n_calls == 1);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_TLS);
  g_assert_nonnull (strstr (o.error->message, "unknown certificate authority"));
  g_assert_nonnull (strstr (o.error->message, "does not match the host name"));
  g_assert_cmpuint (hits (f, "/feed"), ==, 0);
  outcome_clear (&o);

  g_clear_object (&f->fetcher);
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* the loopback server must not be reached through a proxy */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);

#define ADD(name, func) \
  g_test_add ("/broadsheet/fetcher/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("ok", test_ok);
  ADD ("not-modified-etag", test_not_modified_etag);
  ADD ("not-modified-since", test_not_modified_since);
  ADD ("redirect-301", test_redirect_301);
  ADD ("redirect-302", test_redirect_302);
  ADD ("redirect-307-308", test_redirect_307_308);
  ADD ("redirect-mixed", test_redirect_mixed);
  ADD ("redirect-loop", test_redirect_loop);
  ADD ("not-found", test_not_found);
  ADD ("gone", test_gone);
  ADD ("retry-after", test_retry_after);
  ADD ("server-error", test_server_error);
  ADD ("slow", test_slow);
  ADD ("endless", test_endless);
  ADD ("oversize", test_oversize);
  ADD ("content-encoding", test_content_encoding);
  ADD ("gzip-bomb", test_gzip_bomb);
  ADD ("charset", test_charset);
  ADD ("html", test_html);
  ADD ("empty", test_empty);
  ADD ("request-headers", test_request_headers);
  ADD ("per-host-limit", test_per_host_limit);
  ADD ("global-limit", test_global_limit);
  ADD ("cancel", test_cancel);
  ADD ("invalid-url", test_invalid_url);
  ADD ("network-errors", test_network_errors);
  ADD ("tls-error", test_tls_error);

#undef ADD

  return g_test_run ();
}
