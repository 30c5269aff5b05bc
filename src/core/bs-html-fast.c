/* bs-html-fast.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-html"

#include "config.h"

#include "bs-html-private.h"

#include <string.h>

#include <libxml/HTMLparser.h>

/* A reader for the plain, well-formed HTML most feeds carry, which gives
 * the sanitiser's SAX callbacks exactly the events libxml2's HTML parser
 * would give them, at memchr-like speed. libxml2 reads text one character
 * at a time through several layers, which made it a third of a first
 * refresh's CPU time.
 *
 * It is not a second HTML parser: it accepts only a small, unambiguous
 * subset and says no to everything else, and then the caller throws away
 * what it wrote and runs libxml2 on the whole fragment. Accepted:
 *
 * - text without control characters (tab and newline aside), CR, DEL or
 *   the non-characters U+FFFE/U+FFFF;
 * - references: &name; known to libxml2 (htmlEntityLookup()), and &#N; or
 *   &#xH; of a printable character;
 * - start tags of elements the policy keeps (EL_KEEP), with blank-separated
 *   attributes that are bare or quoted, each name once, and "/>" too;
 * - end tags of those elements.
 *
 * Where libxml2 shapes the tree itself, this does the same with its own
 * answers: a start tag ends the open elements libxml2's table says it ends
 * (bs_html_closes(), asked from libxml2 once), an end tag ends what
 * libxml2's priorities let it end, elements libxml2 knows as empty end at
 * once, and text or a reference outside any element opens the <p> libxml2
 * makes up (which the sanitiser drops, keeping its content).
 * The caller holds the policy: this only reads. tests/test-html-fast.c
 * checks that both readers give the same output for what this accepts. */

#define MAX_DEPTH 256
#define MAX_ATTS 32
#define MAX_NAME 32
/* libxml2 hands text to the SAX handler in pieces of this many bytes, and
 * whether a blank piece at the top opens a <p> depends on what follows the
 * piece; longer blank runs there are left to libxml2. */
#define LIBXML_TEXT_CHUNK 1000

/* Bytes that end a text run or a value: 1 markup, 2 refused, 3 maybe a
 * non-character (U+FFFE, U+FFFF are EF BF BE and EF BF BF). */
enum
{
  C_MARKUP = 1,
  C_REFUSED = 2,
  C_EF = 3,
};

static guint8 byte_class[256];
/* Elements libxml2 knows as empty (no content, no end tag), by index. */
static gboolean libxml_empty[BS_HTML_N_ELEMENTS];
static const ElementInfo *p_element;

void
bs_html_fast_init (void)
{
  for (int c = 0; c < 0x20; c++)
    byte_class[c] = C_REFUSED;
  byte_class['\t'] = 0;
  byte_class['\n'] = 0;
  byte_class[0x7f] = C_REFUSED;
  byte_class['<'] = C_MARKUP;
  byte_class['&'] = C_MARKUP;
  byte_class[0xef] = C_EF;

  for (size_t i = 0; i < BS_HTML_N_ELEMENTS; i++)
    {
      const htmlElemDesc *desc = htmlTagLookup ((const xmlChar *) bs_html_element_table[i].name);

      libxml_empty[i] = desc != NULL && desc->empty;
    }
  p_element = bs_html_lookup_element ("p");
}

typedef struct
{
  const char         *p;
  const char         *end;
  const BsHtmlEvents *events;
  gpointer            data;
  /* open elements; NULL is the <p> libxml2 makes up */
  const ElementInfo  *stack[MAX_DEPTH];
  size_t              depth;
  GString            *atts;  /* NUL-separated names and values */
} Reader;

static inline gboolean
is_letter (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Characters libxml2 would also take as part of a name. */
static inline gboolean
is_other_name_char (char c)
{
  return c == ':' || c == '_' || c == '.' || c == '-';
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n';
}

/* Skips bytes that need nothing done; stops at @stop, markup ('<' is
 * markup only in text: @stop is 0 there) and refused bytes. */
static const char *
scan (const char *p,
      const char *end,
      char        stop)
{
  while (p < end)
    {
      guint8 cls = byte_class[(guint8) *p];

      if (G_LIKELY (cls == 0))
        {
          if (*p == stop)
            return p;
          p++;
          continue;
        }
      if (cls == C_EF)
        {
          if (end - p >= 3 && (guint8) p[1] == 0xbf && ((guint8) p[2] & 0xfe) == 0xbe)
            return p;
          p++;
          continue;
        }
      if (cls == C_MARKUP && *p == '<' && stop != 0)
        {
          p++;
          continue;
        }
      return p;
    }
  return p;
}

/* Reads the lower-cased name at @p into @buf; its length, or 0 when it is
 * not a plain [A-Za-z][A-Za-z0-9-]* name (@dash) of at most MAX_NAME - 1. */
static size_t
read_name (const char *p,
           const char *end,
           char        buf[MAX_NAME],
           gboolean    dash)
{
  size_t n = 0;

  if (p >= end || !is_letter (*p))
    return 0;
  while (p + n < end && (is_letter (p[n]) || is_digit (p[n]) || (dash && p[n] == '-')))
    {
      if (n + 1 >= MAX_NAME)
        return 0;
      buf[n] = g_ascii_tolower (p[n]);
      n++;
    }
  if (p + n < end && is_other_name_char (p[n]))
    return 0;
  buf[n] = '\0';
  return n;
}

static gboolean
char_ok (gunichar c)
{
  return c == '\t' || c == '\n'
         || (c >= 0x20 && c < 0x7f)
         || (c >= 0xa0 && c <= 0xd7ff)
         || (c >= 0xe000 && c <= 0xfffd)
         || (c >= 0x10000 && c <= 0x10ffff);
}

/* Reads the reference at r->p ('&') and appends its UTF-8 to @out (at most
 * 6 bytes); FALSE when it is not one this reader takes. */
static gboolean
read_reference (Reader *r,
                char    out[8],
                size_t *out_len)
{
  const char *p = r->p + 1;
  gunichar c = 0;

  if (p < r->end && *p == '#')
    {
      gboolean hex = FALSE;
      int digits = 0;

      p++;
      if (p < r->end && (*p == 'x' || *p == 'X'))
        {
          hex = TRUE;
          p++;
        }
      while (p < r->end && *p != ';')
        {
          int v = hex ? g_ascii_xdigit_value (*p) : g_ascii_digit_value (*p);

          if (v < 0 || ++digits > (hex ? 6 : 7))
            return FALSE;
          c = c * (hex ? 16 : 10) + v;
          p++;
        }
      if (p >= r->end || digits == 0 || !char_ok (c))
        return FALSE;
    }
  else
    {
      char name[MAX_NAME];
      size_t n = 0;
      const htmlEntityDesc *entity;

      /* [A-Za-z][A-Za-z0-9]* then ';': libxml2 reads a wider name */
      if (p >= r->end || !is_letter (*p))
        return FALSE;
      while (p < r->end && (is_letter (*p) || is_digit (*p)))
        {
          if (n + 1 >= sizeof name)
            return FALSE;
          name[n++] = *p++;
        }
      name[n] = '\0';
      if (p >= r->end || *p != ';')
        return FALSE;
      entity = htmlEntityLookup ((const xmlChar *) name);
      if (entity == NULL || !char_ok (entity->value))
        return FALSE;
      c = entity->value;
    }

  *out_len = g_unichar_to_utf8 (c, out);
  r->p = p + 1;
  return TRUE;
}

/* Outside any element libxml2 opens a <p> of its own before text. */
static void
text_at_top (Reader *r)
{
  if (r->depth == 0)
    {
      r->events->start (r->data, NULL, NULL);
      r->stack[r->depth++] = NULL;
    }
}

static gboolean
read_text (Reader *r)
{
  const char *start = r->p;
  const char *q = scan (start, r->end, 0);

  if (q < r->end && *q != '<' && *q != '&')
    return FALSE;

  if (r->depth == 0)
    {
      gboolean blank = TRUE;

      for (const char *b = start; b < q && blank; b++)
        blank = is_blank (*b);
      /* libxml2 counts a blank run as blank only when markup or the end
       * follows it, and looks at what follows each piece it hands on */
      if (blank && (q == r->end || *q == '<'))
        {
          if (q - start >= LIBXML_TEXT_CHUNK)
            return FALSE;
        }
      else
        text_at_top (r);
    }

  r->events->text (r->data, start, q - start);
  r->p = q;
  return TRUE;
}

/* libxml2's htmlEndPriority: an end tag ends the elements open inside
 * its element only if none of them ranks above it, else it is ignored. */
static int
end_priority (const char *name)
{
  static const struct
  {
    const char *name;
    int         priority;
  } table[] = {
    { "div", 150 }, { "td", 160 }, { "th", 160 }, { "tr", 170 },
    { "thead", 180 }, { "tbody", 180 }, { "tfoot", 180 }, { "table", 190 },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (name, table[i].name) == 0)
      return table[i].priority;
  return 100;
}

static inline const char *
open_name (const ElementInfo *el)
{
  return el != NULL ? el->name : "p";
}

static gboolean
read_end_tag (Reader *r)
{
  char name[MAX_NAME];
  const ElementInfo *el;
  size_t n = read_name (r->p + 2, r->end, name, FALSE);
  const char *p = r->p + 2 + n;
  int priority;
  size_t i;

  if (n == 0 || p >= r->end || *p != '>')
    return FALSE;
  /* kept elements only: html, head and body have rules of their own */
  el = bs_html_lookup_element (name);
  if (el == NULL || el->action != EL_KEEP)
    return FALSE;
  r->p = p + 1;

  /* libxml2 ignores an end tag for no open element, or one that would
   * end an element that ranks above it; else it ends every element
   * inside the one it names, then that one. Looking for the element
   * first keeps a run of stray end tags cheap. */
  for (i = r->depth; i > 0; i--)
    if ((r->stack[i - 1] != NULL ? r->stack[i - 1] : p_element) == el)
      break;
  if (i == 0)
    return TRUE;
  priority = end_priority (name);
  for (size_t j = r->depth; j > i; j--)
    if (end_priority (open_name (r->stack[j - 1])) > priority)
      return TRUE;
  while (r->depth >= i)
    {
      r->events->end (r->data);
      r->depth--;
    }
  return TRUE;
}

/* Reads one attribute value, quoted, into r->atts with references
 * replaced, and its NUL. */
static gboolean
read_value (Reader *r)
{
  char quote = *r->p;

  if (quote != '"' && quote != '\'')
    return FALSE;
  r->p++;
  for (;;)
    {
      const char *q = scan (r->p, r->end, quote);

      g_string_append_len (r->atts, r->p, q - r->p);
      r->p = q;
      if (q >= r->end)
        return FALSE;
      if (*q == quote)
        break;
      if (*q == '&')
        {
          char utf8[8];
          size_t len;

          if (!read_reference (r, utf8, &len))
            return FALSE;
          g_string_append_len (r->atts, utf8, len);
          continue;
        }
      return FALSE;
    }
  g_string_append_c (r->atts, '\0');
  r->p++;
  return TRUE;
}

static gboolean
read_start_tag (Reader *r)
{
  char name[MAX_NAME];
  size_t n = read_name (r->p + 1, r->end, name, FALSE);
  size_t offsets[MAX_ATTS * 2];
  gboolean bare[MAX_ATTS];
  const char *atts[MAX_ATTS * 2 + 1];
  const ElementInfo *el;
  gboolean self_closed;
  size_t n_atts = 0;

  if (n == 0)
    return FALSE;
  el = bs_html_lookup_element (name);
  if (el == NULL || el->action != EL_KEEP)
    return FALSE;
  r->p += 1 + n;

  g_string_truncate (r->atts, 0);
  for (;;)
    {
      char attr[MAX_NAME];
      const char *before = r->p;
      size_t len;

      while (r->p < r->end && is_blank (*r->p))
        r->p++;
      if (r->p >= r->end)
        return FALSE;
      if (*r->p == '>')
        {
          self_closed = FALSE;
          r->p++;
          break;
        }
      if (*r->p == '/' && r->p + 1 < r->end && r->p[1] == '>')
        {
          self_closed = TRUE;
          r->p += 2;
          break;
        }
      if (r->p == before || n_atts == MAX_ATTS)
        return FALSE;

      len = read_name (r->p, r->end, attr, TRUE);
      if (len == 0)
        return FALSE;
      for (size_t i = 0; i < n_atts; i++)
        if (strcmp (r->atts->str + offsets[2 * i], attr) == 0)
          return FALSE;
      offsets[2 * n_atts] = r->atts->len;
      g_string_append_len (r->atts, attr, len + 1);
      r->p += len;

      offsets[2 * n_atts + 1] = r->atts->len;
      bare[n_atts] = r->p >= r->end || *r->p != '=';
      if (!bare[n_atts])
        {
          r->p++;
          if (r->p >= r->end || !read_value (r))
            return FALSE;
        }
      n_atts++;
    }

  for (size_t i = 0; i < n_atts; i++)
    {
      atts[2 * i] = r->atts->str + offsets[2 * i];
      atts[2 * i + 1] = bare[i] ? NULL : r->atts->str + offsets[2 * i + 1];
    }
  atts[2 * n_atts] = NULL;

  /* the open elements libxml2 ends at this tag */
  while (r->depth > 0)
    {
      const ElementInfo *top = r->stack[r->depth - 1];

      if (!bs_html_closes (el, top != NULL ? top : p_element))
        break;
      r->events->end (r->data);
      r->depth--;
    }
  if (r->depth == MAX_DEPTH)
    return FALSE;

  r->events->start (r->data, el, n_atts > 0 ? atts : NULL);
  r->stack[r->depth++] = el;
  if (self_closed || libxml_empty[el - bs_html_element_table])
    {
      r->events->end (r->data);
      r->depth--;
    }
  return TRUE;
}

/**
 * bs_html_fast_read:
 * @html: UTF-8
 * @len: its length in bytes
 * @events: what to call
 * @data: for @events
 *
 * Reads @html as libxml2's HTML parser would (with HTML_PARSE_NOIMPLIED),
 * calling @events as its SAX handler would be called, if @html is in the
 * subset described above. Stops at the first thing outside it, having
 * already called @events for what came before.
 *
 * Returns: whether all of @html was read
 */
gboolean
bs_html_fast_read (const char         *html,
                   size_t              len,
                   const BsHtmlEvents *events,
                   gpointer            data)
{
  Reader r = { html, html + len, events, data, };
  gboolean ok = TRUE;

  /* libxml2 skips one byte order mark at the very start (reading UTF-8,
   * xmlSwitchEncoding() does), then the blanks a document starts with */
  if (len >= 3 && memcmp (html, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;
  while (r.p < r.end && is_blank (*r.p))
    r.p++;

  r.atts = g_string_sized_new (256);
  while (ok && r.p < r.end)
    {
      if (*r.p == '<')
        {
          if (r.p + 1 < r.end && r.p[1] == '/')
            ok = read_end_tag (&r);
          else
            ok = read_start_tag (&r);
        }
      else if (*r.p == '&')
        {
          char utf8[8];
          size_t n;

          ok = read_reference (&r, utf8, &n);
          if (ok)
            {
              text_at_top (&r);
              events->text (data, utf8, n);
            }
        }
      else
        ok = read_text (&r);
    }
  g_string_free (r.atts, TRUE);

  if (!ok)
    return FALSE;
  while (r.depth > 0)
    {
      events->end (data);
      r.depth--;
    }
  return TRUE;
}
