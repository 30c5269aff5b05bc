/* bs-discovery.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bs-fetcher.h"

G_BEGIN_DECLS

/* Feed autodiscovery: from the URL of a web page to the feeds it offers. */

#define BS_DISCOVERY_ERROR (bs_discovery_error_quark ())

typedef enum {
  BS_DISCOVERY_ERROR_NO_FEED,      /* the page offers no feed, and no usual place has one */
  BS_DISCOVERY_ERROR_UNAVAILABLE,  /* the server answered 410, 429 or 503 */
} BsDiscoveryError;

typedef struct {
  char *url;    /* absolute http(s) URL */
  char *title;  /* the link's title or the feed's, or NULL */
  char *type;   /* media type, lower-case ("application/atom+xml"), or NULL
                 * for a link that only looks like a feed */
} BsDiscoveredFeed;

GQuark            bs_discovery_error_quark (void);

BsDiscoveredFeed *bs_discovered_feed_new   (const char       *url,
                                            const char       *title,
                                            const char       *type);
void              bs_discovered_feed_free  (BsDiscoveredFeed *feed);

/* Returns the feeds the HTML page @html (UTF-8; @len bytes) links to, as
 * a GPtrArray of BsDiscoveredFeed (possibly empty) that frees its
 * elements: first every <link rel="alternate"> of a feed type (RSS, Atom,
 * RDF, JSON Feed, generic XML/JSON) in document order, then <a href>
 * links whose URL looks like a feed's (…/feed, …/rss, ….atom, feed.json,
 * …), which are guesses with a NULL type. URLs are resolved against the
 * page's <base href> and @base_uri (may be NULL); only http(s) URLs are
 * kept, each once. */
GPtrArray        *bs_discover_in_html      (const char       *html,
                                            gsize             len,
                                            const char       *base_uri);

/* Finds the feeds behind @url, which may be a feed or a web page:
 *  - a feed (after redirects) is the only result, with its own title;
 *  - a page that declares feeds with <link rel="alternate"> gives those;
 *  - otherwise the page's <a href> links that look like feeds, then the
 *    usual places on the same site (/feed, /feed/, /rss, /rss.xml,
 *    /atom.xml, /feed.xml, /index.xml, /feed.json, /?feed=rss2, up to the
 *    first that answers), are fetched, and those that are feeds are the
 *    results, with their titles.
 * When there are several results the caller lets the user choose. */
void              bs_discover_async        (BsFetcher            *fetcher,
                                            const char           *url,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);

/* Returns a non-empty GPtrArray of BsDiscoveredFeed, or NULL with @error
 * set: BS_DISCOVERY_ERROR_NO_FEED, a BS_DISCOVERY_ERROR or BS_FETCHER_ERROR
 * about fetching @url with the URL as context, or G_IO_ERROR_CANCELLED. */
GPtrArray        *bs_discover_finish       (GAsyncResult         *result,
                                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsDiscoveredFeed, bs_discovered_feed_free)

G_END_DECLS
