/* bs-html.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Allow-list HTML cleaning, built on libxml2's HTML parser. The result is
 * safe to display: no scripts, event handlers, javascript:/vbscript:/data:
 * links (data: images are kept), forms, frames, objects, meta refreshes or
 * style that can load resources. URL attributes are made absolute against
 * @base_uri (may be NULL). @length may be -1 for a NUL-terminated string. */
char *bs_html_sanitize      (const char *html,
                             gssize      length,
                             const char *base_uri);

/* The same for @html already known to be valid UTF-8 (text the feed
 * parser produced), which saves checking it again. */
char *bs_html_sanitize_utf8 (const char *html,
                             gsize       length,
                             const char *base_uri);

/* Rewrites only the URL-valued attributes (a href, img src, …) of @html to
 * absolute URLs against @base_uri, leaving every other byte as it was.
 * Returns NULL when nothing had to change. */
char *bs_html_resolve_urls  (const char *html,
                             gssize      length,
                             const char *base_uri);

/* Plain text of an HTML fragment: tags and comments removed, character
 * references decoded, no whitespace added for tags (the feed contract). */
char *bs_html_strip_tags    (const char *html,
                             gssize      length);

/* Plain text for search and excerpts: like bs_html_strip_tags() but block
 * elements and <br> become line breaks, scripts and styles are dropped and
 * whitespace is collapsed. */
char *bs_html_to_text       (const char *html,
                             gssize      length);

G_END_DECLS
