/* bs-favicon.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bs-fetcher.h"

G_BEGIN_DECLS

/* Favicons: the little picture beside a source's name. Finding one is a
 * search over a few places, best first: the feed's own icon, its logo,
 * the icons the site's home page declares, then /favicon.ico. What the
 * servers answer is untrusted: only http(s) URLs are followed, a page or
 * an icon is read up to a size limit, and an icon is accepted for what its
 * bytes are, whatever its Content-Type says. Storing icons and deciding
 * when to look again is the caller's business. */

#define BS_FAVICON_ERROR (bs_favicon_error_quark ())

typedef enum {
  BS_FAVICON_ERROR_NO_CANDIDATE,  /* no http(s) URL to look at */
  BS_FAVICON_ERROR_NOT_AN_IMAGE,  /* the body is not an image of an accepted type */
} BsFaviconError;

/* The largest icon accepted, in bytes. */
#define BS_FAVICON_MAX_SIZE (256 * 1024)

/* The most icons of a page bs_favicon_find_in_html() returns. */
#define BS_FAVICON_MAX_DECLARED 8

typedef struct {
  char   *url;        /* where the icon was found, after redirects */
  char   *mime_type;  /* from the bytes, one of those bs_favicon_sniff_type() gives */
  GBytes *data;       /* at most BS_FAVICON_MAX_SIZE bytes */
} BsFavicon;

#define BS_TYPE_FAVICON (bs_favicon_get_type ())

GQuark      bs_favicon_error_quark   (void);
GType       bs_favicon_get_type      (void) G_GNUC_CONST;

/* A new icon; @url, @mime_type and a reference to @data are copied. */
BsFavicon  *bs_favicon_new           (const char          *url,
                                      const char          *mime_type,
                                      GBytes              *data);
BsFavicon  *bs_favicon_copy          (const BsFavicon     *favicon);
void        bs_favicon_free          (BsFavicon           *favicon);

/* The media type of the image in @data (@length bytes), read from its
 * bytes alone: "image/png", "image/vnd.microsoft.icon", "image/gif",
 * "image/jpeg", "image/webp" or "image/svg+xml" (a document whose root
 * element is <svg>, after an optional BOM, XML declaration, comments,
 * processing instructions and doctype). NULL for anything else, such as
 * an HTML page, text, an empty or truncated file. */
const char *bs_favicon_sniff_type    (const guint8        *data,
                                      gsize                length);

/* Returns the absolute http(s) URLs of the icons the HTML page @html
 * (UTF-8; @length bytes) declares, best first, as a GPtrArray of
 * strings (possibly empty; at most BS_FAVICON_MAX_DECLARED) that frees
 * its elements. Declared icons are <link rel="icon">, including
 * rel="shortcut icon", then rel="apple-touch-icon(-precomposed)";
 * rel="mask-icon" (a one-colour stencil) is not an icon. Among icons of
 * the same kind, those whose sizes or type say scalable (SVG, "any") or
 * 32 to 64 pixels come first, then those of unknown size, then bigger,
 * then smaller ones, in document order otherwise. URLs are resolved
 * against the page's <base href> and @base_url (may be NULL); each
 * appears once. */
GPtrArray  *bs_favicon_find_in_html  (const char          *html,
                                      gsize                length,
                                      const char          *base_url);

/* Looks for the icon of a source, trying in turn and stopping at the first
 * body that sniffs as an accepted image of at most BS_FAVICON_MAX_SIZE:
 *  - @icon_url, the feed's icon (Atom <icon>, JSON Feed "favicon"), then
 *  - @logo_url, its logo (Atom <logo>, RSS <image><url>, JSON Feed "icon"),
 *  - the icons declared by the site's home page, @site_url (or the root
 *    of @feed_url's origin when NULL; read up to 1 MiB), best first,
 *  - /favicon.ico at the origin of that page (after redirects), of
 *    @site_url and of @feed_url.
 * Each may be NULL except @feed_url; relative URLs are resolved against
 * @feed_url and only http(s) URLs are fetched, each at most once. All
 * network access goes through @fetcher, on the thread-default main
 * context of the caller, where @callback is invoked. */
void        bs_favicon_fetch_async   (BsFetcher           *fetcher,
                                      const char          *icon_url,
                                      const char          *logo_url,
                                      const char          *site_url,
                                      const char          *feed_url,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);

/* Returns the icon, or NULL with @error set to why the last place tried
 * gave none, its URL in the message: a BS_FETCHER_ERROR (NOT_FOUND,
 * TOO_LARGE, NETWORK, …; HTTP for a 410, 429 or 503 too), a
 * BS_FAVICON_ERROR, or G_IO_ERROR_CANCELLED. */
BsFavicon  *bs_favicon_fetch_finish  (GAsyncResult        *result,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsFavicon, bs_favicon_free)

G_END_DECLS
