/* bs-web-html.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bs-entry.h"
#include "bs-source.h"

G_BEGIN_DECLS

/* The pieces of the documents that BsWebView shows: the head with its
 * Content-Security-Policy and style, an article's header and enclosures.
 * Everything written here is escaped; article bodies are added as they
 * are (sanitised by core). */

typedef struct {
  gboolean remote_images;  /* images and media from the web may load */
  gboolean dark;           /* the dark palette */
  guint    font_size;      /* points, 0 for the default */
} BsWebStyle;

void      bs_web_html_append_escaped   (GString          *out,
                                        const char       *text);
gboolean  bs_web_html_is_web_url       (const char       *url);
void      bs_web_html_begin            (GString          *out,
                                        const BsWebStyle *style,
                                        const char       *title,
                                        const char       *html_class);
void      bs_web_html_end              (GString          *out);
gint64    bs_web_html_entry_date       (BsEntry          *entry);
char     *bs_web_html_format_date      (gint64            when);
char     *bs_web_html_format_time      (gint64            when);
void      bs_web_html_append_header_with (GString        *out,
                                          BsSource       *source,
                                          const char     *title,
                                          const char     *link,
                                          const char     *author,
                                          guint           level,
                                          const char     *date);
void      bs_web_html_append_header    (GString          *out,
                                        BsEntry          *entry,
                                        BsSource         *source,
                                        guint             level,
                                        const char       *date);
void      bs_web_html_append_enclosures (GString         *out,
                                         BsEntry         *entry);
const char *bs_web_html_entry_body     (BsEntry          *entry);

G_END_DECLS
