/* bs-html-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @len bytes of @s escaping &, < and > (and '"' when @attr). */
void  bs_html_append_escaped  (GString    *out,
                               const char *s,
                               size_t      len,
                               gboolean    attr);

static inline gboolean
bs_html_is_space (unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

G_END_DECLS
