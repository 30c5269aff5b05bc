/* bs-fetcher.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* BsFetcher: the HTTP layer of a refresh. One object owns one SoupSession
 * (User-Agent "Broadsheet/<version> (+https://github.com/broadsheet/broadsheet)",
 * the system proxy settings, gzip/deflate/brotli decoding) and runs GETs on
 * the main context with conditional requests, redirects followed by hand,
 * time and size limits, and a FIFO queue in front of a per-host and a global
 * concurrency limit, so that any number of requests can be made at once. */

#define BS_FETCHER_ERROR (bs_fetcher_error_quark ())

typedef enum {
  BS_FETCHER_ERROR_INVALID_URL,        /* not an absolute http(s) URL */
  BS_FETCHER_ERROR_NETWORK,            /* DNS, connection refused or reset, … */
  BS_FETCHER_ERROR_TLS,                /* the message names the certificate problems */
  BS_FETCHER_ERROR_TIMEOUT,            /* the connect or the total timeout */
  BS_FETCHER_ERROR_TOO_LARGE,          /* the decoded body is over max-body-size */
  BS_FETCHER_ERROR_BAD_RESPONSE,       /* unparsable HTTP, broken compression */
  BS_FETCHER_ERROR_REDIRECT_LOOP,      /* a redirect back to a URL already visited */
  BS_FETCHER_ERROR_TOO_MANY_REDIRECTS, /* more than BS_FETCHER_MAX_REDIRECTS hops */
  BS_FETCHER_ERROR_BAD_REDIRECT,       /* no Location, or not to an http(s) URL */
  BS_FETCHER_ERROR_NOT_FOUND,          /* HTTP 404 */
  BS_FETCHER_ERROR_HTTP,               /* any other 4xx/5xx: "HTTP 500 Internal Server Error" */
} BsFetcherError;

/* The most redirects one fetch follows. */
#define BS_FETCHER_MAX_REDIRECTS 10

typedef enum {
  BS_FETCH_OK,            /* 2xx: body holds the (decoded) document */
  BS_FETCH_NOT_MODIFIED,  /* 304 on a conditional request: no body */
  BS_FETCH_GONE,          /* 410: the feed is gone for good, stop polling it */
  BS_FETCH_RETRY_LATER,   /* 429 or 503 with a usable Retry-After: see retry_after */
} BsFetchStatus;

typedef enum {
  BS_FETCH_FLAGS_NONE     = 0,
  /* Ask caches between us and the server for a fresh copy
   * (Cache-Control: no-cache), e.g. when the user asked for a refresh. */
  BS_FETCH_FLAGS_NO_CACHE = 1 << 0,
} BsFetchFlags;

/* What to fetch. The strings are copied by bs_fetcher_fetch_async(). */
typedef struct {
  const char   *url;            /* absolute http or https URL */
  const char   *etag;           /* sent as If-None-Match, or NULL */
  const char   *last_modified;  /* sent as If-Modified-Since, or NULL */
  BsFetchFlags  flags;
  guint64       max_body_size;  /* bytes of decoded body for this request,
                                 * or 0 for the fetcher's "max-body-size" */
} BsFetchRequest;

/* The outcome of a fetch that got an answer the caller must act on.
 * Reference counted; the fields are read-only. */
typedef struct {
  BsFetchStatus  status;
  guint          http_status;         /* of the last response */
  char          *final_url;           /* after every redirect */
  /* TRUE when there was at least one redirect and every hop was permanent
   * (301, 308): the caller should store final_url as the feed's URL. */
  gboolean       permanent_redirect;
  /* The URL reached by the leading run of permanent hops (301 → 308 → 302
   * gives the target of the 308), or NULL when the first hop was temporary
   * or there was no redirect. Equal to final_url when permanent_redirect. */
  char          *permanent_url;
  GBytes        *body;                /* decoded, non-NULL only for BS_FETCH_OK */
  char          *content_type;        /* lower-case media type, no parameters */
  char          *charset;             /* Content-Type's charset as sent, or NULL */
  char          *etag;                /* validators for the next request */
  char          *last_modified;
  gint64         max_age;             /* Cache-Control max-age in seconds, or -1 */
  gint64         retry_after;         /* unix time from Retry-After, or 0 */
  char          *content_location;    /* absolute, or NULL */
} BsFetchResult;

#define BS_TYPE_FETCH_RESULT (bs_fetch_result_get_type ())

GType          bs_fetch_result_get_type  (void) G_GNUC_CONST;
BsFetchResult *bs_fetch_result_ref       (BsFetchResult *result);
void           bs_fetch_result_unref     (BsFetchResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsFetchResult, bs_fetch_result_unref)

#define BS_TYPE_FETCHER (bs_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (BsFetcher, bs_fetcher, BS, FETCHER, GObject)

GQuark         bs_fetcher_error_quark    (void);

BsFetcher     *bs_fetcher_new            (void);

/* Properties (all read-write; a change applies to requests started after it,
 * and raised limits start queued requests at once):
 *   "connect-timeout"          guint, seconds to resolve, connect and hand over
 *                              the request (TLS handshake included), default 15
 *   "timeout"                  guint, seconds for the whole fetch, redirects and
 *                              body included, default 60
 *   "max-body-size"            guint64, bytes of decoded body, default 16 MiB
 *   "max-connections-per-host" guint, requests in flight per host name, default 2
 *   "max-connections"          guint, requests in flight in all, default 16 */
guint          bs_fetcher_get_connect_timeout          (BsFetcher *self);
void           bs_fetcher_set_connect_timeout          (BsFetcher *self,
                                                        guint      seconds);
guint          bs_fetcher_get_timeout                  (BsFetcher *self);
void           bs_fetcher_set_timeout                  (BsFetcher *self,
                                                        guint      seconds);
guint64        bs_fetcher_get_max_body_size            (BsFetcher *self);
void           bs_fetcher_set_max_body_size            (BsFetcher *self,
                                                        guint64    bytes);
guint          bs_fetcher_get_max_connections_per_host (BsFetcher *self);
void           bs_fetcher_set_max_connections_per_host (BsFetcher *self,
                                                        guint      n);
guint          bs_fetcher_get_max_connections          (BsFetcher *self);
void           bs_fetcher_set_max_connections          (BsFetcher *self,
                                                        guint      n);

/* Starts a GET of @req->url; it waits in the fetcher's queue while the
 * limits are reached. Call on the thread whose thread-default main context
 * runs the fetch; @callback is invoked there exactly once. */
void           bs_fetcher_fetch_async    (BsFetcher            *self,
                                          const BsFetchRequest *req,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);

/* Returns the result, or NULL with @error set: in BS_FETCHER_ERROR, or
 * G_IO_ERROR_CANCELLED when @cancellable was cancelled (then nothing else
 * is reported). */
BsFetchResult *bs_fetcher_fetch_finish   (BsFetcher            *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
