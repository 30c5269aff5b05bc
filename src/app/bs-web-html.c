/* bs-web-html.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "bs-date.h"
#include "bs-web-html.h"

void
bs_web_html_append_escaped (GString    *out,
                            const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

gboolean
bs_web_html_is_web_url (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

/**
 * bs_web_html_begin:
 * @out: where to write
 * @style: remote images, palette and font size
 * @title: (nullable): the document's title
 * @html_class: (nullable): more classes for the root element
 *
 * Writes the start of a document up to and including <body>: first the
 * Content-Security-Policy (before anything that could load; 'none' for
 * every kind of load not named: no script, frame, object, font, fetch,
 * form or base URL), then the style sheet.
 */
void
bs_web_html_begin (GString          *out,
                   const BsWebStyle *style,
                   const char       *title,
                   const char       *html_class)
{
  g_autoptr(GBytes) css = NULL;

  css = g_resources_lookup_data ("/io/github/broadsheet/Broadsheet/article.css", 0, NULL);

  g_string_append (out, "<!DOCTYPE html><html class=\"");
  if (style->dark)
    g_string_append (out, "dark ");
  if (html_class != NULL)
    bs_web_html_append_escaped (out, html_class);
  g_string_append (out, "\"><head><meta charset=\"utf-8\">");
  g_string_append_printf (out,
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                          "img-src data:%s; media-src%s; style-src 'unsafe-inline'; "
                          "font-src data:; form-action 'none'; base-uri 'none'\">",
                          style->remote_images ? " https: http:" : "",
                          style->remote_images ? " https: http:" : " 'none'");
  g_string_append (out, "<meta name=\"referrer\" content=\"no-referrer\">");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width\">");
  if (css != NULL)
    {
      g_string_append (out, "<style>");
      g_string_append_len (out, g_bytes_get_data (css, NULL), g_bytes_get_size (css));
      g_string_append (out, "</style>");
    }
  if (style->font_size > 0)
    g_string_append_printf (out, "<style>body { font-size: %upt; }</style>", style->font_size);
  g_string_append (out, "<title>");
  if (title != NULL)
    bs_web_html_append_escaped (out, title);
  g_string_append (out, "</title></head><body>");
}

void
bs_web_html_end (GString *out)
{
  g_string_append (out, "</body></html>");
}

/* Returns: the article's date: published, else updated, else when it was
 *   first seen (BS_DATE_NONE when there is none at all) */
gint64
bs_web_html_entry_date (BsEntry *entry)
{
  gint64 when = bs_entry_get_published (entry);

  if (when == BS_DATE_NONE)
    when = bs_entry_get_updated (entry);
  if (when == BS_DATE_NONE)
    when = bs_entry_get_first_seen (entry);
  return when;
}

static GDateTime *
to_local (gint64 when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == BS_DATE_NONE)
    return NULL;
  utc = g_date_time_new_from_unix_utc (when);
  if (utc == NULL)
    return NULL;
  return g_date_time_to_local (utc);
}

/* Returns: (nullable): the day and time, for an article's byline */
char *
bs_web_html_format_date (gint64 when)
{
  g_autoptr(GDateTime) local = to_local (when);

  if (local == NULL)
    return NULL;
  /* Translators: the date of an article, see g_date_time_format() */
  return g_date_time_format (local, _("%A %-d %B %Y, %H:%M"));
}

/* Returns: (nullable): the time of day, for an article under its day */
char *
bs_web_html_format_time (gint64 when)
{
  g_autoptr(GDateTime) local = to_local (when);

  if (local == NULL)
    return NULL;
  /* Translators: the time of an article in the river of news, under a
   * heading for its day; see g_date_time_format() */
  return g_date_time_format (local, _("%H:%M"));
}

/* The body: the sanitised content, else the summary. */
const char *
bs_web_html_entry_body (BsEntry *entry)
{
  const char *body = bs_entry_get_content (entry);

  if (body == NULL || body[0] == '\0')
    body = bs_entry_get_summary (entry);
  return body;
}

/**
 * bs_web_html_append_header_with:
 * @out: where to write
 * @source: (nullable): the article's source
 * @title: (nullable): its title
 * @link: (nullable): its link
 * @author: (nullable): its author
 * @level: 1 or 2, the heading level of the title
 * @date: (nullable): the date to show
 *
 * Writes an article's <header>: source, title (a link to the article
 * when @link is a web link) and byline.
 */
void
bs_web_html_append_header_with (GString    *out,
                                BsSource   *source,
                                const char *title,
                                const char *link,
                                const char *author,
                                guint       level,
                                const char *date)
{
  level = CLAMP (level, 1, 2);
  g_string_append (out, "<header>");
  if (source != NULL)
    {
      g_string_append (out, "<p class=\"source\">");
      bs_web_html_append_escaped (out, bs_source_get_display_title (source));
      g_string_append (out, "</p>");
    }

  g_string_append_printf (out, "<h%u class=\"title\">", level);
  if (bs_web_html_is_web_url (link))
    {
      g_string_append (out, "<a href=\"");
      bs_web_html_append_escaped (out, link);
      g_string_append (out, "\">");
    }
  bs_web_html_append_escaped (out, title != NULL && title[0] != '\0' ? title : _("Untitled"));
  if (bs_web_html_is_web_url (link))
    g_string_append (out, "</a>");
  g_string_append_printf (out, "</h%u>", level);

  if (author != NULL || date != NULL)
    {
      g_string_append (out, "<p class=\"byline\">");
      if (author != NULL)
        {
          g_string_append (out, "<span class=\"author\">");
          bs_web_html_append_escaped (out, author);
          g_string_append (out, "</span>");
        }
      if (author != NULL && date != NULL)
        g_string_append (out, " · ");
      if (date != NULL)
        {
          g_string_append (out, "<time>");
          bs_web_html_append_escaped (out, date);
          g_string_append (out, "</time>");
        }
      g_string_append (out, "</p>");
    }
  g_string_append (out, "</header>");
}

/**
 * bs_web_html_append_header:
 * @out: where to write
 * @entry: an article
 * @source: (nullable): its source
 * @level: 1 or 2, the heading level of the title
 * @date: (nullable): the date to show
 *
 * Writes the entry's <header> (bs_web_html_append_header_with() with its
 * title, link and author).
 */
void
bs_web_html_append_header (GString    *out,
                           BsEntry    *entry,
                           BsSource   *source,
                           guint       level,
                           const char *date)
{
  bs_web_html_append_header_with (out, source, bs_entry_get_title (entry),
                                  bs_entry_get_link (entry), bs_entry_get_author (entry),
                                  level, date);
}

/**
 * bs_web_html_append_enclosures:
 * @out: where to write
 * @entry: an article
 *
 * Writes the article's web enclosures: a player for audio and video, the
 * picture for images, and a download link (with the size when known) for
 * each. Nothing when there are none.
 */
void
bs_web_html_append_enclosures (GString *out,
                               BsEntry *entry)
{
  GPtrArray *enclosures = bs_entry_get_enclosures (entry);
  gboolean opened = FALSE;

  for (guint i = 0; enclosures != NULL && i < enclosures->len; i++)
    {
      BsEntryEnclosure *enc = g_ptr_array_index (enclosures, i);
      g_autofree char *url = NULL;
      g_autofree char *name = NULL;
      const char *type = enc->type != NULL ? enc->type : "";
      const char *slash;

      if (!bs_web_html_is_web_url (enc->url))
        continue;
      url = g_markup_escape_text (enc->url, -1);

      if (!opened)
        {
          g_string_append (out, "<section class=\"enclosures\">");
          opened = TRUE;
        }
      if (g_str_has_prefix (type, "audio/"))
        g_string_append_printf (out, "<audio controls preload=\"none\" src=\"%s\"></audio>", url);
      else if (g_str_has_prefix (type, "video/"))
        g_string_append_printf (out, "<video controls preload=\"none\" src=\"%s\"></video>", url);
      else if (g_str_has_prefix (type, "image/"))
        g_string_append_printf (out, "<img alt=\"\" src=\"%s\">", url);

      slash = strrchr (enc->url, '/');
      name = g_markup_escape_text (slash != NULL && slash[1] != '\0' ? slash + 1 : enc->url, -1);
      g_string_append_printf (out, "<p class=\"download\"><a href=\"%s\">%s</a>", url, name);
      if (enc->length > 0)
        {
          g_autofree char *size = g_format_size (enc->length);

          g_string_append_printf (out, " <span class=\"size\">(%s)</span>", size);
        }
      g_string_append (out, "</p>");
    }
  if (opened)
    g_string_append (out, "</section>");
}
