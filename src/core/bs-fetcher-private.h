/* bs-fetcher-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "bs-fetcher.h"

G_BEGIN_DECLS

/* bs-fetcher.c holds the object, its limits and the queue; bs-fetcher-op.c
 * runs one fetch from the moment it gets a slot to its result. */

struct _BsFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  guint        connect_timeout;
  guint        timeout;
  guint64      max_body_size;
  guint        max_per_host;
  guint        max_connections;

  GQueue       queue;        /* GTask *, owned: waiting for a free slot */
  GHashTable  *per_host;     /* host name → number of requests in flight */
  guint        n_active;
};

typedef struct _BsFetchOp BsFetchOp;

typedef enum {
  TIMED_OUT_NO,
  TIMED_OUT_CONNECT,
  TIMED_OUT_TOTAL,
} TimedOut;

/* The state of one fetch. */
struct _BsFetchOp
{
  BsFetcher           *fetcher;          /* the task's source object */
  GTask               *task;             /* owns this, as its task data */
  GUri                *uri;              /* of the current hop */
  char                *host;             /* lower-case host of uri: the slot held */
  char                *etag;
  char                *last_modified;
  BsFetchFlags         flags;
  guint64              max_body_size;    /* the request's, 0 for the fetcher's */

  GCancellable        *cancellable;      /* ours: caller, timeouts and errors cancel it */
  GSource             *cancel_source;    /* watches the caller's cancellable */
  GSource             *timeout_source;
  GSource             *connect_source;
  TimedOut             timed_out;
  gboolean             active;           /* holds a slot */
  gboolean             started;          /* the total timeout is running */

  SoupMessage         *msg;
  GTlsCertificateFlags tls_errors;
  GInputStream        *stream;
  GByteArray          *body;
  guint                filled;           /* bytes of body received */

  GHashTable          *visited;          /* URL strings of every hop */
  guint                n_redirects;
  gboolean             all_permanent;
  char                *permanent_url;
};

/* bs-fetcher.c */
void       bs_fetcher_dispatch     (BsFetcher            *self);
void       bs_fetcher_release_slot (BsFetcher            *self,
                                    BsFetchOp            *op);

/* bs-fetcher-op.c */
gboolean   bs_fetch_uri_is_http    (GUri                 *uri);
BsFetchOp *bs_fetch_op_new         (BsFetcher            *fetcher,
                                    GTask                *task,
                                    GUri                 *uri,
                                    const BsFetchRequest *req);
void       bs_fetch_op_free        (BsFetchOp            *op);
void       bs_fetch_op_start       (BsFetchOp            *op);

G_END_DECLS
