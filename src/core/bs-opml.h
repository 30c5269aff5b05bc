/* bs-opml.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bs-fetcher.h"

G_BEGIN_DECLS

/* OPML 1.0/2.0 subscription lists, read as real readers export them and
 * written as OPML 2.0.
 *
 * Reading: every <outline> with a feed URL (xmlUrl, in any letter case, or
 * url when the outline's type is absent or rss/atom/feed) is a feed; its
 * title is its title attribute, else its text. Outlines without a feed URL
 * that enclose others are folders. Broadsheet has one level of folders, so
 * nested folders are flattened into one name: the names of all enclosing
 * folders from the top down, joined with " / " (Feedly's "Tech" holding
 * "Linux" gives "Tech / Linux"; unnamed folders add nothing). Feed URLs are
 * resolved against the document's URL; feed: URLs become http(s); other
 * schemes are skipped; a URL already read is skipped (the first outline
 * wins). Titles are trimmed and empty ones are NULL; folder names are cut
 * at BS_OPML_MAX_FOLDER bytes and documents at BS_OPML_MAX_OUTLINES feeds.
 *
 * The document is untrusted: libxml2 reads it with no network access,
 * never loads a DTD or an external entity and expands no entity besides
 * the five predefined ones. */

#define BS_OPML_ERROR (bs_opml_error_quark ())

typedef enum {
  BS_OPML_ERROR_TOO_LARGE,  /* over BS_OPML_MAX_SIZE bytes */
  BS_OPML_ERROR_NOT_OPML,   /* not XML, or its root element is not <opml> */
  BS_OPML_ERROR_UNAVAILABLE, /* fetching: the server answered 410, 429 or 503 */
} BsOpmlError;

#define BS_OPML_MAX_SIZE     (16 * 1024 * 1024)
#define BS_OPML_MAX_OUTLINES 100000
#define BS_OPML_MAX_FOLDER   256

typedef struct {
  char *title;     /* plain text, or NULL */
  char *xml_url;   /* absolute http(s) URL of the feed, never NULL */
  char *html_url;  /* absolute http(s) URL of the site, or NULL */
  char *folder;    /* flattened folder name, or NULL at the top level */
} BsOpmlOutline;

GQuark         bs_opml_error_quark  (void);

BsOpmlOutline *bs_opml_outline_new  (const char    *title,
                                     const char    *xml_url,
                                     const char    *html_url,
                                     const char    *folder);
BsOpmlOutline *bs_opml_outline_copy (const BsOpmlOutline *outline);
void           bs_opml_outline_free (BsOpmlOutline *outline);

/* Returns the feeds of the OPML document @data in document order, as a
 * GPtrArray of BsOpmlOutline (possibly empty) that frees its elements.
 * @base_uri (may be NULL) resolves relative URLs. An ill-formed document
 * is read as far as libxml2 can recover it. */
GPtrArray     *bs_opml_parse        (const char    *data,
                                     gsize          len,
                                     const char    *base_uri,
                                     GError       **error);

/* The same; @problems, when not NULL, receives a NULL-terminated list of
 * what was wrong with the document and what was skipped ("line 4: …"),
 * or NULL when there was nothing to report. */
GPtrArray     *bs_opml_parse_full   (const char    *data,
                                     gsize          len,
                                     const char    *base_uri,
                                     char        ***problems,
                                     GError       **error);

/* Writes @outlines (BsOpmlOutline *) as an OPML 2.0 document in UTF-8
 * titled @title (may be NULL), with a dateCreated of now. Consecutive
 * outlines with the same folder share one folder outline, so
 * bs_opml_parse() of the result gives @outlines back, in order. */
GBytes        *bs_opml_write        (GPtrArray     *outlines,
                                     const char    *title);

/* Fetches the OPML document at the http(s) @url with @fetcher and parses
 * it (off the main thread) with the URL reached after redirects as base. */
void           bs_opml_fetch_async  (BsFetcher            *fetcher,
                                     const char           *url,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);

/* Returns the outlines as bs_opml_parse() does, or NULL with @error set:
 * a BS_FETCHER_ERROR or BS_OPML_ERROR with the URL as context, or
 * G_IO_ERROR_CANCELLED alone. @problems as for bs_opml_parse_full(). */
GPtrArray     *bs_opml_fetch_finish (GAsyncResult         *result,
                                     char               ***problems,
                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsOpmlOutline, bs_opml_outline_free)

G_END_DECLS
