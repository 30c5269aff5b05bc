/* bs-uri.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @ref starts with a URI scheme ("http:", "mailto:", …). */
gboolean  bs_uri_is_absolute  (const char *ref);

/* Resolves @ref against @base (RFC 3986, lenient with what feeds contain).
 * Surrounding whitespace of @ref is removed. With a NULL or unusable base,
 * or when @ref is already absolute, returns a copy of the trimmed @ref. */
char     *bs_uri_resolve      (const char *base,
                               const char *ref);

G_END_DECLS
