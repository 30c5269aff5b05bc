/* bs-parser.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bs-feed.h"

G_BEGIN_DECLS

#define BS_PARSER_ERROR (bs_parser_error_quark ())

typedef enum {
  BS_PARSER_ERROR_TOO_LARGE,    /* the document is over the size limit */
  BS_PARSER_ERROR_LIMIT,        /* a resource limit was hit while parsing */
} BsParserError;

typedef enum {
  BS_PARSE_FLAGS_NONE     = 0,
  /* Pass every summary and content through bs_html_sanitize(). Without it
   * HTML is passed through as found, with URL attributes made absolute. */
  BS_PARSE_FLAGS_SANITIZE = 1 << 0,
} BsParseFlags;

/* The largest document bs_parse() accepts. */
#define BS_PARSE_MAX_SIZE (64 * 1024 * 1024)

GQuark  bs_parser_error_quark (void);

BsFeed *bs_parse              (const char    *data,
                               gsize          length,
                               const char    *base_uri,
                               const char    *http_charset,
                               BsParseFlags   flags,
                               GError       **error);

G_END_DECLS
