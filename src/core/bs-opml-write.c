/* bs-opml-write.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-opml"

#include "config.h"

#include "bs-opml.h"

/* Writing OPML 2.0: bs_opml_write(). Reading is in bs-opml.c. */

/* Appends @text escaped for an attribute value or element content:
 * markup characters and the whitespace that attribute normalisation would
 * change as references, characters XML 1.0 cannot hold dropped. */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = NULL;
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\t': g_string_append (out, "&#9;"); break;
        case '\n': g_string_append (out, "&#10;"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        default:
          if (c < 0x20 || c == 0xFFFE || c == 0xFFFF)
            break;
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_escaped (out, value);
  g_string_append_c (out, '"');
}

/* RFC 822 as OPML wants it, in English whatever the locale. */
static char *
rfc822_now (void)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d GMT",
                          days[g_date_time_get_day_of_week (now) - 1],
                          g_date_time_get_day_of_month (now),
                          months[g_date_time_get_month (now) - 1],
                          g_date_time_get_year (now),
                          g_date_time_get_hour (now),
                          g_date_time_get_minute (now),
                          g_date_time_get_second (now));
}

static gboolean
same_folder (const char *a,
             const char *b)
{
  if (a != NULL && *a == '\0')
    a = NULL;
  if (b != NULL && *b == '\0')
    b = NULL;
  return g_strcmp0 (a, b) == 0;
}

GBytes *
bs_opml_write (GPtrArray  *outlines,
               const char *title)
{
  GString *out;
  g_autofree char *date = rfc822_now ();
  const char *open_folder = NULL;
  gboolean in_folder = FALSE;

  g_return_val_if_fail (outlines != NULL, NULL);
  for (guint i = 0; i < outlines->len; i++)
    {
      const BsOpmlOutline *o = g_ptr_array_index (outlines, i);

      g_return_val_if_fail (o != NULL && o->xml_url != NULL, NULL);
    }

  out = g_string_sized_new (256 + outlines->len * 160);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<opml version=\"2.0\">\n"
                        "  <head>\n");
  if (title != NULL)
    {
      g_string_append (out, "    <title>");
      append_escaped (out, title);
      g_string_append (out, "</title>\n");
    }
  g_string_append_printf (out, "    <dateCreated>%s</dateCreated>\n", date);
  g_string_append (out, "  </head>\n"
                        "  <body>\n");

  for (guint i = 0; i < outlines->len; i++)
    {
      const BsOpmlOutline *o = g_ptr_array_index (outlines, i);

      if (in_folder && !same_folder (open_folder, o->folder))
        {
          g_string_append (out, "    </outline>\n");
          in_folder = FALSE;
        }
      if (!in_folder && o->folder != NULL && *o->folder != '\0')
        {
          g_string_append (out, "    <outline");
          append_attr (out, "text", o->folder);
          append_attr (out, "title", o->folder);
          g_string_append (out, ">\n");
          open_folder = o->folder;
          in_folder = TRUE;
        }

      g_string_append (out, in_folder ? "      <outline" : "    <outline");
      append_attr (out, "type", "rss");
      append_attr (out, "text", o->title != NULL ? o->title : "");
      if (o->title != NULL)
        append_attr (out, "title", o->title);
      append_attr (out, "xmlUrl", o->xml_url);
      if (o->html_url != NULL)
        append_attr (out, "htmlUrl", o->html_url);
      g_string_append (out, "/>\n");
    }
  if (in_folder)
    g_string_append (out, "    </outline>\n");
  g_string_append (out, "  </body>\n"
                        "</opml>\n");

  return g_string_free_to_bytes (out);
}
