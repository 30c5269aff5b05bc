/* bs-reader.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bs-fetcher.h"
#include "bs-full-article.h"

G_BEGIN_DECLS

/* BsReader: reader mode's extraction. bs_reader_extract_async() fetches
 * a page through the core fetcher (its time and size limits), loads it
 * into a hidden BsWebView of its own (page scripts off, every load from
 * the web blocked, no navigation: see bs-web-view.h) at about:blank, runs
 * Mozilla's Readability on a copy of the DOM in the view's isolated
 * world, and passes the result through the core sanitiser with the
 * page's address as the base (so relative links and pictures work). The
 * hidden view lives for one extraction, and goes at once when it is
 * cancelled. If the view's content filter could not be compiled, no page
 * is loaded: the extraction fails with BS_READER_ERROR_FAILED. */

#define BS_READER_ERROR (bs_reader_error_quark ())

typedef enum {
  BS_READER_ERROR_NOT_HTML,    /* the address gives something other than a web page */
  BS_READER_ERROR_NO_CONTENT,  /* Readability found no article in the page */
  BS_READER_ERROR_FAILED,      /* the page could not be loaded or read in time */
} BsReaderError;

/* Fewer characters of text than this is no article. */
#define BS_READER_MIN_TEXT 200

#define BS_TYPE_READER (bs_reader_get_type ())

G_DECLARE_FINAL_TYPE (BsReader, bs_reader, BS, READER, GObject)

GQuark         bs_reader_error_quark     (void);
BsReader      *bs_reader_new             (BsFetcher            *fetcher);
void           bs_reader_extract_async   (BsReader             *self,
                                          const char           *url,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
BsFullArticle *bs_reader_extract_finish  (BsReader             *self,
                                          GAsyncResult         *result,
                                          GError              **error);
guint          bs_reader_get_n_views     (BsReader             *self);

G_END_DECLS
