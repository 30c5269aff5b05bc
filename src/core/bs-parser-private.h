/* bs-parser-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bs-parser.h"

G_BEGIN_DECLS

/* Parses an XML feed already converted to UTF-8 into @feed. Returns FALSE
 * only when a resource limit stopped the parse. */
gboolean  bs_parser_xml_parse        (const char    *utf8,
                                      gsize          length,
                                      const char    *base_uri,
                                      BsParseFlags   flags,
                                      BsFeed        *feed,
                                      GError       **error);

/* Parses a JSON Feed 1.0/1.1 document into @feed. */
gboolean  bs_parser_json_parse       (const char    *data,
                                      gsize          length,
                                      const char    *base_uri,
                                      BsParseFlags   flags,
                                      BsFeed        *feed,
                                      GError       **error);

/* Shared by both: HTML found in a feed, made safe or made absolute as
 * @flags ask. Takes ownership of @html; @length may be -1. */
char     *bs_parser_finish_html      (char          *html,
                                      gssize         length,
                                      const char    *base_uri,
                                      BsParseFlags   flags);

/* Plain text to HTML: escapes <, > and &. */
char     *bs_parser_escape_text      (const char    *text,
                                      gssize         length);

/* Splits "Name (email)", "email (Name)" and "Name <email>" into @person. */
void      bs_parser_split_author     (const char    *text,
                                      BsPerson      *person);

/* A copy of the XML in @text with each '&' that starts no reference
 * escaped, or NULL when there is none (bs-parser-xml.c). */
char     *bs_parser_repair_ampersands (const char *text,
                                       gsize       len,
                                       gsize      *out_len,
                                       guint      *n_fixed);

/* Fills entry summaries from content and similar end-of-parse rules. */
void      bs_parser_finish_feed      (BsFeed        *feed);

G_END_DECLS
