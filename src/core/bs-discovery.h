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

/* The links of a web page, for the modules that look for something a page
 * declares (feeds here, icons in bs-favicon.c). */

/* A <link href> or an <a href> of an HTML page. */
typedef struct {
  gboolean  anchor;  /* TRUE for <a href>, FALSE for <link href> */
  char     *url;     /* href made absolute: an http(s) URL */
  char     *rel;     /* the attributes as written, or NULL */
  char     *type;
  char     *title;
  char     *sizes;
} BsPageLink;

void              bs_page_link_free        (BsPageLink       *link);

/* Returns the <link> and <a> elements with an http(s) href of the HTML
 * page @html (UTF-8, invalid sequences are replaced; @len bytes) as
 * a GPtrArray of BsPageLink that frees its elements, in document order.
 * Hrefs are resolved against the page's first <base href> (which applies
 * to the whole page) and @base_uri (may be NULL); empty hrefs, which name
 * the page itself, and URLs of other schemes (javascript:, data:, …) are
 * left out. Duplicates are kept. */
GPtrArray        *bs_page_scan_links       (const char       *html,
                                            gsize             len,
                                            const char       *base_uri);

/* Returns the web page @data (@len bytes) in UTF-8, NUL-terminated, with
 * its length in @out_len (may be NULL): decoded from the charset of its
 * BOM, else @charset (Content-Type's, may be NULL), else the one its
 * <meta> declares, else UTF-8. Never fails: undecodable bytes are
 * replaced (stray bytes in UTF-8 are read as windows-1252). CPU work that
 * grows with the page: call it in a worker thread. */
char             *bs_page_decode           (const char       *data,
                                            gsize             len,
                                            const char       *charset,
                                            gsize            *out_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsDiscoveredFeed, bs_discovered_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsPageLink, bs_page_link_free)

G_END_DECLS
