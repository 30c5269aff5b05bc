/* bs-parser.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-parser"

#include "config.h"

#include <string.h>

#include "bs-encoding.h"
#include "bs-html.h"
#include "bs-parser-private.h"

G_DEFINE_QUARK (bs-parser-error-quark, bs_parser_error)

char *
bs_parser_escape_text (const char *text,
                       gssize      length)
{
  GString *s;
  const char *p, *end;

  if (length < 0)
    length = strlen (text);
  s = g_string_sized_new (length + 16);
  end = text + length;
  for (p = text; p < end; p++)
    {
      switch (*p)
        {
        case '<': g_string_append (s, "&lt;"); break;
        case '>': g_string_append (s, "&gt;"); break;
        case '&': g_string_append (s, "&amp;"); break;
        default:  g_string_append_c (s, *p); break;
        }
    }
  return g_string_free (s, FALSE);
}

static gboolean
starts_markup (const char *p,
               const char *end)
{
  gsize rest = end - p;

  if (rest < 2)
    return FALSE;
  if (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '?')
    return TRUE;
  if (p[1] != '!')
    return FALSE;
  return (rest >= 4 && memcmp (p + 2, "--", 2) == 0) ||
         (rest >= 9 && g_ascii_strncasecmp (p + 2, "DOCTYPE", 7) == 0) ||
         (rest >= 9 && memcmp (p + 2, "[CDATA[", 7) == 0);
}

/* A '<' that starts no tag, comment or declaration is text: write it as
 * "&lt;" so that no HTML parser downstream reads a tag into it. */
static char *
escape_stray_lt (char  *html,
                 gsize *length)
{
  gsize len = *length;
  const char *end = html + len;
  const char *p = html;
  const char *copied = html;
  GString *out = NULL;

  while ((p = memchr (p, '<', end - p)) != NULL)
    {
      if (!starts_markup (p, end))
        {
          if (out == NULL)
            out = g_string_sized_new (len + 16);
          g_string_append_len (out, copied, p - copied);
          g_string_append (out, "&lt;");
          copied = p + 1;
        }
      p++;
    }
  if (out == NULL)
    return html;
  g_string_append_len (out, copied, end - copied);
  g_free (html);
  *length = out->len;
  return g_string_free (out, FALSE);
}

char *
bs_parser_finish_html (char         *html,
                       gssize        length,
                       const char   *base_uri,
                       BsParseFlags  flags)
{
  gsize len;
  char *out;

  if (html == NULL)
    return NULL;
  len = length < 0 ? strlen (html) : (gsize) length;

  if (flags & BS_PARSE_FLAGS_SANITIZE)
    {
      /* what the parsers produce is valid UTF-8 */
      out = bs_html_sanitize_utf8 (html, len, base_uri);
      g_free (html);
      return out;
    }

  html = escape_stray_lt (html, &len);
  if (base_uri == NULL)
    return html;

  out = bs_html_resolve_urls (html, len, base_uri);
  if (out == NULL)
    return html;
  g_free (html);
  return out;
}

static gboolean
looks_like_email (const char *s,
                  gsize       len)
{
  const char *at = memchr (s, '@', len);

  if (at == NULL || at == s || at == s + len - 1)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (g_ascii_isspace (s[i]) || s[i] == '(' || s[i] == ')' || s[i] == '<' || s[i] == '>')
      return FALSE;
  return TRUE;
}

static char *
dup_trimmed (const char *s,
             gsize       len)
{
  while (len > 0 && g_ascii_isspace (*s))
    s++, len--;
  while (len > 0 && g_ascii_isspace (s[len - 1]))
    len--;
  return len > 0 ? g_strndup (s, len) : NULL;
}

void
bs_parser_split_author (const char *text,
                        BsPerson   *person)
{
  const char *open, *close;
  gsize len;

  g_return_if_fail (text != NULL);

  len = strlen (text);

  /* "Name (email)", "email (Name)", "Name <email>" */
  open = strpbrk (text, "(<");
  if (open != NULL)
    {
      char want = *open == '(' ? ')' : '>';

      close = strchr (open + 1, want);
      if (close != NULL)
        {
          g_autofree char *inner = dup_trimmed (open + 1, close - open - 1);
          g_autofree char *outer = NULL;
          g_autoptr(GString) rest = g_string_new_len (text, open - text);

          g_string_append (rest, close + 1);
          outer = dup_trimmed (rest->str, rest->len);

          if (inner != NULL && looks_like_email (inner, strlen (inner)))
            {
              person->email = g_steal_pointer (&inner);
              person->name = g_steal_pointer (&outer);
              return;
            }
          if (outer != NULL && looks_like_email (outer, strlen (outer)))
            {
              person->email = g_steal_pointer (&outer);
              person->name = g_steal_pointer (&inner);
              return;
            }
        }
    }

  /* a bare address among words: "me@example.com Name" */
  {
    g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
    g_autoptr(GString) name = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (*words[i] == '\0')
          continue;
        if (person->email == NULL && looks_like_email (words[i], strlen (words[i])))
          {
            person->email = g_strdup (words[i]);
            continue;
          }
        if (name->len > 0)
          g_string_append_c (name, ' ');
        g_string_append (name, words[i]);
      }
    if (person->email == NULL)
      {
        person->name = dup_trimmed (text, len);
        return;
      }
    person->name = name->len > 0 ? g_strdup (name->str) : NULL;
  }
}

static void
finish_entry (BsFeedEntry *entry)
{
  if (entry->summary == NULL && entry->content != NULL)
    entry->summary = g_strdup (entry->content);
}

void
bs_parser_finish_feed (BsFeed *feed)
{
  for (guint i = 0; i < feed->entries->len; i++)
    finish_entry (g_ptr_array_index (feed->entries, i));
}

static gboolean
looks_like_json (const char *data,
                 gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
    i++;
  return i < length && (data[i] == '{' || data[i] == '[');
}

BsFeed *
bs_parse (const char    *data,
          gsize          length,
          const char    *base_uri,
          const char    *http_charset,
          BsParseFlags   flags,
          GError       **error)
{
  g_autoptr(BsFeed) feed = NULL;
  BsDecoded decoded;
  const char *text;
  gsize text_len;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > BS_PARSE_MAX_SIZE)
    {
      g_set_error (error, BS_PARSER_ERROR, BS_PARSER_ERROR_TOO_LARGE,
                   "the document is %" G_GSIZE_FORMAT " bytes, more than the %d allowed",
                   length, BS_PARSE_MAX_SIZE);
      return NULL;
    }

  if (base_uri != NULL && *base_uri == '\0')
    base_uri = NULL;

  feed = bs_feed_new ();

  if (length == 0)
    {
      feed->encoding = g_strdup ("utf-8");
      bs_feed_add_error (feed, "the document is empty");
      return g_steal_pointer (&feed);
    }

  if (looks_like_json (data, length))
    {
      feed->encoding = g_strdup ("utf-8");
      if (!bs_parser_json_parse (data, length, base_uri, flags, feed, error))
        return NULL;
      bs_parser_finish_feed (feed);
      return g_steal_pointer (&feed);
    }

  bs_encoding_decode (data, length, http_charset, &decoded);
  feed->encoding = g_steal_pointer (&decoded.encoding);
  if (decoded.error != NULL)
    bs_feed_add_error (feed, "%s", decoded.error);

  if (decoded.utf8 != NULL)
    {
      text = decoded.utf8;
      text_len = decoded.utf8_len;
    }
  else
    {
      text = data + decoded.offset;
      text_len = length - decoded.offset;
    }

  ok = bs_parser_xml_parse (text, text_len, base_uri, flags, feed, error);
  bs_decoded_clear (&decoded);
  if (!ok)
    return NULL;

  bs_parser_finish_feed (feed);
  return g_steal_pointer (&feed);
}
