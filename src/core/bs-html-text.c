/* bs-html-text.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-html"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "bs-html.h"
#include "bs-html-private.h"
#include "bs-encoding.h"
#include "bs-uri.h"

/* HTML as text, without a parser: a byte-level tokeniser shared by
 * bs_html_strip_tags(), bs_html_to_text() and bs_html_resolve_urls(),
 * which must keep every byte they do not change. */
/* The byte-level tokeniser shared by the text helpers and the resolver. */

typedef enum
{
  MARKUP_TEXT,     /* the '<' is text */
  MARKUP_START,    /* start tag */
  MARKUP_END,      /* end tag */
  MARKUP_COMMENT,  /* comment, <!…>, <?…> */
  MARKUP_CDATA,    /* <![CDATA[…]]>: inner range in the Tag */
} MarkupKind;

typedef struct
{
  const char *name;      /* tag name, or CDATA content */
  size_t      name_len;
  const char *attrs;     /* first byte after the name */
  const char *close;     /* the '>' that ends the tag */
} Tag;

typedef struct
{
  const char *name;
  size_t      name_len;
  const char *value;     /* NULL when the attribute has none */
  size_t      value_len;
  const char *start;     /* the whole value including quotes */
  const char *end;
} Attr;

/* Reads the next attribute at *@pp (HTML5 attribute states), stopping at
 * @end. Returns FALSE at the '>' that ends the tag, or when input ran out
 * (*@pp == @end then). */
static gboolean
next_attr (const char **pp,
           const char  *end,
           Attr        *attr)
{
  const char *p = *pp;

  while (p < end && (bs_html_is_space (*p) || *p == '/'))
    p++;
  if (p == end || *p == '>')
    {
      *pp = p;
      return FALSE;
    }

  attr->name = p++;
  while (p < end && !bs_html_is_space (*p) && *p != '/' && *p != '>' && *p != '=')
    p++;
  attr->name_len = p - attr->name;
  attr->value = NULL;
  attr->value_len = 0;
  attr->start = attr->end = p;

  while (p < end && bs_html_is_space (*p))
    p++;
  if (p < end && *p == '=')
    {
      p++;
      while (p < end && bs_html_is_space (*p))
        p++;
      attr->start = p;
      if (p < end && (*p == '"' || *p == '\''))
        {
          const char *q = memchr (p + 1, *p, end - p - 1);

          if (q == NULL)
            {
              *pp = end;
              return FALSE;
            }
          attr->value = p + 1;
          attr->value_len = q - p - 1;
          p = q + 1;
        }
      else
        {
          attr->value = p;
          while (p < end && !bs_html_is_space (*p) && *p != '>')
            p++;
          attr->value_len = p - attr->value;
        }
      attr->end = p;
    }

  *pp = p;
  return TRUE;
}

static const char *
find_bytes (const char *p,
            const char *end,
            const char *needle)
{
  size_t n = strlen (needle);

  while (p + n <= end)
    {
      const char *q = memchr (p, needle[0], end - p - n + 1);

      if (q == NULL)
        return NULL;
      if (memcmp (q, needle, n) == 0)
        return q;
      p = q + 1;
    }
  return NULL;
}

/* Classifies the markup that starts at @p ('<') and sets *@next past it.
 * A tag that never ends is text, like a '<' followed by a space. */
static MarkupKind
scan_markup (const char  *p,
             const char  *end,
             const char **next,
             Tag         *tag)
{
  const char *q = p + 1;
  gboolean end_tag = FALSE;
  Attr attr;

  *next = p + 1;
  if (q >= end)
    return MARKUP_TEXT;

  if (*q == '!')
    {
      const char *c;

      if (end - q >= 3 && q[1] == '-' && q[2] == '-')
        {
          q += 3;
          if (q < end && *q == '>')
            c = q;
          else if (end - q >= 2 && q[0] == '-' && q[1] == '>')
            c = q + 1;
          else
            {
              c = find_bytes (q, end, "-->");
              c = c != NULL ? c + 2 : end - 1;
            }
          *next = c + 1;
          return MARKUP_COMMENT;
        }
      if (end - q >= 8 && memcmp (q, "![CDATA[", 8) == 0)
        {
          tag->name = q + 8;
          c = find_bytes (tag->name, end, "]]>");
          tag->name_len = (c != NULL ? c : end) - tag->name;
          *next = c != NULL ? c + 3 : end;
          return MARKUP_CDATA;
        }
      c = memchr (q, '>', end - q);
      *next = c != NULL ? c + 1 : end;
      return MARKUP_COMMENT;
    }
  if (*q == '?')
    {
      const char *c = memchr (q, '>', end - q);

      *next = c != NULL ? c + 1 : end;
      return MARKUP_COMMENT;
    }
  if (*q == '/')
    {
      end_tag = TRUE;
      q++;
      if (q < end && *q == '>')
        {
          *next = q + 1;
          return MARKUP_COMMENT;
        }
      if (q < end && !g_ascii_isalpha (*q))
        {
          const char *c = memchr (q, '>', end - q);

          *next = c != NULL ? c + 1 : end;
          return MARKUP_COMMENT;
        }
    }
  if (q >= end || !g_ascii_isalpha (*q))
    return MARKUP_TEXT;

  tag->name = q;
  while (q < end && !bs_html_is_space (*q) && *q != '/' && *q != '>')
    q++;
  tag->name_len = q - tag->name;
  tag->attrs = q;

  while (next_attr (&q, end, &attr))
    ;
  if (q >= end)
    return MARKUP_TEXT;

  tag->close = q;
  *next = q + 1;
  return end_tag ? MARKUP_END : MARKUP_START;
}

/* Whether the @len bytes at @name are, ignoring ASCII case, the
 * lower-case NUL-terminated @lower. Runs for every tag against small
 * tables, so it stops at the first byte that differs. */
static inline gboolean
name_is (const char *name,
         size_t      len,
         const char *lower)
{
  for (size_t i = 0; i < len; i++)
    if (lower[i] == '\0' || g_ascii_tolower (name[i]) != lower[i])
      return FALSE;
  return lower[len] == '\0';
}

/* Elements whose content is not markup; see RawInfo. */
typedef struct
{
  const char *name;
  gboolean    rcdata;        /* character references are decoded */
  gboolean    hidden;        /* not shown: no text in bs_html_to_text() */
} RawInfo;

static const RawInfo raw_elements[] = {
  { "script", FALSE, TRUE },
  { "style", FALSE, TRUE },
  { "iframe", FALSE, TRUE },
  { "noembed", FALSE, TRUE },
  { "noframes", FALSE, TRUE },
  { "xmp", FALSE, FALSE },
  { "title", TRUE, TRUE },
  { "textarea", TRUE, FALSE },
};

/* The raw text element that @tag (a start tag) opens, if any. A
 * self-closed one, as XHTML content has them, opens nothing. */
static const RawInfo *
lookup_raw (const Tag *tag)
{
  if (tag->name_len < 3 || tag->name_len > 8
      || (tag->close > tag->attrs && tag->close[-1] == '/'))
    return NULL;
  for (size_t i = 0; i < G_N_ELEMENTS (raw_elements); i++)
    if (name_is (tag->name, tag->name_len, raw_elements[i].name))
      return &raw_elements[i];
  return NULL;
}

/* The end of the raw text that follows a start tag: the '<' of the matching
 * end tag, or @end. */
static const char *
find_raw_end (const char *p,
              const char *end,
              const Tag  *tag)
{
  while (p < end)
    {
      const char *q = memchr (p, '<', end - p);
      const char *n;

      if (q == NULL)
        break;
      n = q + 2 + tag->name_len;
      if (n <= end && q[1] == '/'
          && g_ascii_strncasecmp (q + 2, tag->name, tag->name_len) == 0
          && (n == end || bs_html_is_space (*n) || *n == '/' || *n == '>'))
        return q;
      p = q + 1;
    }
  return end;
}

/* Character references. */

typedef struct
{
  const char *name;
  gunichar    c;
} ExtraEntity;

/* Common HTML5 references that libxml2's HTML 4 table lacks. */
static const ExtraEntity extra_entities[] = {
  { "AMP", '&' }, { "COPY", 0xa9 }, { "GT", '>' }, { "Hat", '^' },
  { "LT", '<' }, { "NewLine", '\n' }, { "NonBreakingSpace", 0xa0 },
  { "QUOT", '"' }, { "REG", 0xae }, { "TRADE", 0x2122 }, { "Tab", '\t' },
  { "ThinSpace", 0x2009 }, { "ZeroWidthSpace", 0x200b }, { "apos", '\'' },
  { "ast", '*' }, { "bigstar", 0x2605 }, { "bsol", '\\' },
  { "centerdot", 0xb7 }, { "check", 0x2713 }, { "colon", ':' },
  { "comma", ',' }, { "commat", '@' }, { "cross", 0x2717 },
  { "dash", 0x2010 }, { "dollar", '$' }, { "emsp13", 0x2004 },
  { "emsp14", 0x2005 }, { "equals", '=' }, { "excl", '!' },
  { "grave", '`' }, { "hairsp", 0x200a }, { "half", 0xbd },
  { "horbar", 0x2015 }, { "hyphen", 0x2010 }, { "lbrace", '{' },
  { "lbrack", '[' }, { "lcub", '{' }, { "lowbar", '_' }, { "lpar", '(' },
  { "lsqb", '[' }, { "mldr", 0x2026 }, { "nldr", 0x2025 }, { "num", '#' },
  { "numsp", 0x2007 }, { "percnt", '%' }, { "period", '.' }, { "plus", '+' },
  { "puncsp", 0x2008 }, { "quest", '?' }, { "rbrace", '}' },
  { "rbrack", ']' }, { "rcub", '}' }, { "rpar", ')' }, { "rsqb", ']' },
  { "semi", ';' }, { "sol", '/' }, { "star", 0x2606 }, { "starf", 0x2605 },
  { "verbar", '|' }, { "vert", '|' },
};

/* What browsers make of &#128;–&#159;: the windows-1252 characters. */
static const guint16 cp1252_c1[32] = {
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
};

/* Decodes the reference at @p ('&'). Returns the byte after it and sets
 * *@c, or returns NULL when @p starts no reference (the '&' is text). */
static const char *
decode_reference (const char *p,
                  const char *end,
                  gunichar   *c)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      guint32 v = 0;
      gboolean hex = FALSE;
      const char *digits;

      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          hex = TRUE;
          q++;
        }
      digits = q;
      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)))
        {
          int d = hex ? g_ascii_xdigit_value (*q) : *q - '0';

          if (v <= 0x10ffff)
            v = v * (hex ? 16 : 10) + d;
          q++;
        }
      if (q == digits)
        return NULL;
      if (q < end && *q == ';')
        q++;

      if (v >= 0x80 && v <= 0x9f)
        v = cp1252_c1[v - 0x80];
      if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        v = 0xfffd;
      *c = v;
      return q;
    }
  else
    {
      char name[33];
      const htmlEntityDesc *desc;
      size_t n = 0;

      while (q < end && g_ascii_isalnum (*q) && n < sizeof name - 1)
        name[n++] = *q++;
      if (n == 0 || q >= end || *q != ';')
        return NULL;
      name[n] = '\0';

      desc = htmlEntityLookup ((const xmlChar *) name);
      if (desc != NULL)
        {
          *c = desc->value;
          return q + 1;
        }
      for (size_t i = 0; i < G_N_ELEMENTS (extra_entities); i++)
        if (strcmp (extra_entities[i].name, name) == 0)
          {
            *c = extra_entities[i].c;
            return q + 1;
          }
      return NULL;
    }
}

/* Appends @len bytes of text with character references decoded. */
static void
append_decoded (GString    *out,
                const char *p,
                size_t      len)
{
  const char *end = p + len;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *after;
      gunichar c;

      if (amp == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, amp - p);
      after = decode_reference (amp, end, &c);
      if (after == NULL)
        {
          g_string_append_c (out, '&');
          p = amp + 1;
        }
      else
        {
          g_string_append_unichar (out, c);
          p = after;
        }
    }
}

/* Text output for strip_tags (verbatim) and to_text (collapsed). */
typedef struct
{
  GString *out;
  gboolean collapse;
  int      pending;       /* 0, BREAK_SPACE or BREAK_LINE */
} TextSink;

enum
{
  BREAK_SPACE = 1,
  BREAK_LINE = 2,
};

static void
sink_text (TextSink   *t,
           const char *p,
           size_t      len)
{
  const char *end = p + len;

  if (!t->collapse)
    {
      g_string_append_len (t->out, p, len);
      return;
    }

  while (p < end)
    {
      const char *run = p;

      if (bs_html_is_space (*p))
        {
          t->pending = MAX (t->pending, BREAK_SPACE);
          p++;
          continue;
        }
      while (p < end && !bs_html_is_space (*p))
        p++;
      if (t->pending && t->out->len > 0)
        g_string_append_c (t->out, t->pending == BREAK_LINE ? '\n' : ' ');
      t->pending = 0;
      g_string_append_len (t->out, run, p - run);
    }
}

static void
sink_decoded (TextSink   *t,
              const char *p,
              size_t      len)
{
  const char *end = p + len;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *after;
      char buf[8];
      gunichar c;

      if (amp == NULL)
        {
          sink_text (t, p, end - p);
          break;
        }
      sink_text (t, p, amp - p);
      after = decode_reference (amp, end, &c);
      if (after == NULL)
        {
          sink_text (t, "&", 1);
          p = amp + 1;
        }
      else
        {
          sink_text (t, buf, g_unichar_to_utf8 (c, buf));
          p = after;
        }
    }
}

static const char *const block_elements[] = {
  "address", "article", "aside", "blockquote", "br", "caption", "center",
  "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption",
  "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
  "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
};

static int
tag_break (const Tag *tag)
{
  if (name_is (tag->name, tag->name_len, "td")
      || name_is (tag->name, tag->name_len, "th"))
    return BREAK_SPACE;
  if (tag->name_len > 10)
    return 0;
  for (size_t i = 0; i < G_N_ELEMENTS (block_elements); i++)
    if (name_is (tag->name, tag->name_len, block_elements[i]))
      return BREAK_LINE;
  return 0;
}

static char *
html_text (const char *html,
           gssize      length,
           gboolean    structured)
{
  TextSink t = { 0, };
  const char *p, *end;
  size_t len;

  g_return_val_if_fail (html != NULL || length == 0, g_strdup (""));

  len = length < 0 ? strlen (html) : (size_t) length;
  p = html;
  end = html + len;
  t.out = g_string_sized_new (len + 1);
  t.collapse = structured;

  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);
      const char *next;
      Tag tag;

      if (lt == NULL)
        lt = end;
      sink_decoded (&t, p, lt - p);
      if (lt == end)
        break;

      switch (scan_markup (lt, end, &next, &tag))
        {
        case MARKUP_TEXT:
          sink_text (&t, "<", 1);
          break;
        case MARKUP_CDATA:
          sink_text (&t, tag.name, tag.name_len);
          break;
        case MARKUP_COMMENT:
          break;
        case MARKUP_END:
          if (structured)
            t.pending = MAX (t.pending, tag_break (&tag));
          break;
        case MARKUP_START:
          {
            const RawInfo *raw = lookup_raw (&tag);

            if (structured)
              t.pending = MAX (t.pending, tag_break (&tag));
            if (raw != NULL)
              {
                const char *raw_end = find_raw_end (next, end, &tag);

                if (structured && raw->hidden)
                  ;
                else if (raw->rcdata)
                  sink_decoded (&t, next, raw_end - next);
                else
                  sink_text (&t, next, raw_end - next);
                next = raw_end;
              }
          }
          break;
        default:
          g_assert_not_reached ();
        }
      p = next;
    }

  if (!bs_encoding_utf8_valid (t.out->str, t.out->len, NULL))
    {
      char *valid = g_utf8_make_valid (t.out->str, t.out->len);

      g_string_free (t.out, TRUE);
      return valid;
    }
  return g_string_free (t.out, FALSE);
}

char *
bs_html_strip_tags (const char *html,
                    gssize      length)
{
  return html_text (html, length, FALSE);
}

char *
bs_html_to_text (const char *html,
                 gssize      length)
{
  return html_text (html, length, TRUE);
}

/* URL-valued attributes, as feedparser resolves them, plus srcset. */
typedef struct
{
  const char *element;
  const char *attr;
} UrlAttr;

static const UrlAttr url_attrs[] = {
  { "a", "href" }, { "applet", "codebase" }, { "area", "href" },
  { "audio", "src" }, { "blockquote", "cite" }, { "body", "background" },
  { "del", "cite" }, { "embed", "src" }, { "form", "action" },
  { "frame", "longdesc" }, { "frame", "src" }, { "head", "profile" },
  { "iframe", "longdesc" }, { "iframe", "src" }, { "img", "longdesc" },
  { "img", "src" }, { "img", "srcset" }, { "img", "usemap" },
  { "input", "src" }, { "input", "usemap" }, { "ins", "cite" },
  { "link", "href" }, { "object", "classid" }, { "object", "codebase" },
  { "object", "data" }, { "object", "usemap" }, { "q", "cite" },
  { "script", "src" }, { "source", "src" }, { "source", "srcset" },
  { "track", "src" }, { "video", "poster" }, { "video", "src" },
};

/* The entries of url_attrs for the element @tag starts: the index of the
 * first (the table is sorted by element) and their number in @n, or -1.
 * Runs for every start tag, so it compares one byte before a name. */
static int
url_attrs_of (const Tag *tag,
              size_t    *n)
{
  char first;

  if (tag->name_len == 0 || tag->name_len > 10)
    return -1;
  first = g_ascii_tolower (tag->name[0]);
  for (size_t i = 0; i < G_N_ELEMENTS (url_attrs); i++)
    {
      const char *element = url_attrs[i].element;
      size_t j;

      if (element[0] != first || !name_is (tag->name, tag->name_len, element))
        continue;
      for (j = i + 1; j < G_N_ELEMENTS (url_attrs) && strcmp (url_attrs[j].element, element) == 0; j++)
        ;
      *n = j - i;
      return (int) i;
    }
  return -1;
}

static gboolean
is_url_attr (int         first,
             size_t      n,
             const Attr *attr)
{
  for (size_t i = (size_t) first; i < (size_t) first + n; i++)
    if (name_is (attr->name, attr->name_len, url_attrs[i].attr))
      return TRUE;
  return FALSE;
}

/* A cheap look at the raw value: TRUE when it surely is an absolute URL
 * and needs no decoding to tell. */
static gboolean
raw_is_absolute (const char *p,
                 size_t      len)
{
  const char *end = p + len;

  if (p == end || !g_ascii_isalpha (*p))
    return FALSE;
  while (p < end && (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.'))
    p++;
  return p < end && *p == ':';
}

/* Resolves one URL: the new value in @dest, FALSE when it stays as is. */
static gboolean
resolve_one (const char *base,
             const char *url,
             GString    *dest)
{
  char *resolved;
  char *trimmed;
  gboolean changed;

  while (bs_html_is_space (*url))
    url++;
  if (*url == '\0' || bs_uri_is_absolute (url))
    return FALSE;
  resolved = bs_uri_resolve (base, url);
  trimmed = g_strstrip (g_strdup (url));
  changed = strcmp (resolved, trimmed) != 0;
  g_free (trimmed);
  if (changed)
    g_string_append (dest, resolved);
  g_free (resolved);
  return changed;
}

/* Resolves each srcset candidate; @dest gets the rewritten list. */
static gboolean
resolve_srcset (const char *base,
                const char *value,
                GString    *dest)
{
  GString *url = g_string_new (NULL);
  const char *p = value;
  gboolean changed = FALSE;

  while (*p != '\0')
    {
      const char *start = p;
      const char *u, *u_end;

      while (bs_html_is_space (*p) || *p == ',')
        p++;
      g_string_append_len (dest, start, p - start);
      if (*p == '\0')
        break;

      u = p;
      while (*p != '\0' && !bs_html_is_space (*p))
        p++;
      u_end = p;
      while (u_end > u && u_end[-1] == ',')
        u_end--;

      g_string_truncate (url, 0);
      g_string_append_len (url, u, u_end - u);
      if (resolve_one (base, url->str, dest))
        changed = TRUE;
      else
        g_string_append_len (dest, u, u_end - u);

      /* A URL ending in commas ends its candidate; otherwise descriptors
       * follow, up to the next comma outside parentheses. */
      if (u_end == p)
        {
          int parens = 0;

          while (*p != '\0' && (*p != ',' || parens > 0))
            {
              if (*p == '(')
                parens++;
              else if (*p == ')' && parens > 0)
                parens--;
              p++;
            }
        }
      g_string_append_len (dest, u_end, p - u_end);
    }

  g_string_free (url, TRUE);
  return changed;
}

char *
bs_html_resolve_urls (const char *html,
                      gssize      length,
                      const char *base_uri)
{
  GString *out = NULL;
  GString *decoded = NULL;
  GString *value = NULL;
  const char *p, *end, *copied;
  size_t len;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  if (base_uri == NULL || *base_uri == '\0')
    return NULL;

  len = length < 0 ? strlen (html) : (size_t) length;
  p = copied = html;
  end = html + len;

  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);
      const char *next;
      const char *q;
      size_t n_attrs;
      int first_attr;
      Attr attr;
      Tag tag;

      if (lt == NULL)
        break;

      switch (scan_markup (lt, end, &next, &tag))
        {
        case MARKUP_START:
          if ((first_attr = url_attrs_of (&tag, &n_attrs)) >= 0)
            {
              q = tag.attrs;
              while (next_attr (&q, tag.close + 1, &attr))
                {
                  gboolean changed;

                  if (attr.value == NULL || !is_url_attr (first_attr, n_attrs, &attr)
                      || raw_is_absolute (attr.value, attr.value_len))
                    continue;

                  if (decoded == NULL)
                    {
                      decoded = g_string_new (NULL);
                      value = g_string_new (NULL);
                    }
                  g_string_truncate (decoded, 0);
                  g_string_truncate (value, 0);
                  append_decoded (decoded, attr.value, attr.value_len);

                  if (name_is (attr.name, attr.name_len, "srcset"))
                    changed = resolve_srcset (base_uri, decoded->str, value);
                  else
                    changed = resolve_one (base_uri, decoded->str, value);
                  if (!changed)
                    continue;

                  if (out == NULL)
                    out = g_string_sized_new (len + len / 4 + 64);
                  g_string_append_len (out, copied, attr.start - copied);
                  g_string_append_c (out, '"');
                  bs_html_append_escaped (out, value->str, value->len, TRUE);
                  g_string_append_c (out, '"');
                  copied = attr.end;
                }
            }
          if (lookup_raw (&tag) != NULL)
            next = find_raw_end (next, end, &tag);
          break;
        case MARKUP_TEXT:
        case MARKUP_END:
        case MARKUP_COMMENT:
        case MARKUP_CDATA:
        default:
          break;
        }
      p = next;
    }

  if (decoded != NULL)
    {
      g_string_free (decoded, TRUE);
      g_string_free (value, TRUE);
    }
  if (out == NULL)
    return NULL;
  g_string_append_len (out, copied, end - copied);
  return g_string_free (out, FALSE);
}
