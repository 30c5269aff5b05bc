/* bs-date.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses the date forms real feeds use (RFC 822 and its sloppy variants,
 * W3C-DTF/ISO 8601 and its reduced and ordinal forms, asctime, Perforce,
 * and the Greek, Hungarian and Korean localised forms). Returns TRUE and
 * stores seconds since the Unix epoch (UTC) in @out; FALSE when @text is
 * not a date. A date without a zone is UTC, a date without a time is
 * midnight. */
gboolean  bs_date_parse           (const char *text,
                                   gint64     *out);

/* Formats @t as exactly "YYYY-MM-DDTHH:MM:SSZ" (4-digit year). Returns NULL
 * for years outside 0..9999. */
char     *bs_date_format_rfc3339  (gint64      t);

G_END_DECLS
