/* bs-html.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-html"

#include "config.h"

#include "bs-html.h"
#include "bs-html-private.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/dict.h>
#include <libxml/parserInternals.h>

#include "bs-encoding.h"
#include "bs-uri.h"

/* The sanitiser is an allow-list filter driven by libxml2's HTML SAX parser:
 * the callbacks write the cleaned markup straight into one GString, so no
 * tree is built. Plain, well-formed fragments are read by bs-html-fast.c
 * instead, which calls the same callbacks with the same events, faster;
 * whatever it does not take goes to libxml2. Policy, in short:
 *
 * - Elements in the table in bs-html-policy.c are kept with the attributes
 *   their entry allows (plus title, lang and dir everywhere). Void elements
 *   are written without an end tag; every other kept element is closed.
 * - EL_DROP elements go with everything inside them (script, style, forms
 *   controls, frames, plugins, svg, math, …). EL_UNWRAP elements and
 *   unknown elements lose their tag but keep their content; that includes
 *   <form> and <noscript>: article views run without JavaScript, so the
 *   <noscript> fallback (often the real image of a lazy-loaded one) is what
 *   the reader should see, and its content is sanitised like the rest.
 * - <iframe> is kept only for YouTube and Vimeo embed URLs, written with
 *   src/width/height/allowfullscreen and a sandbox attribute.
 * - style, id, class, on* and every attribute not in the table are dropped.
 * - URLs are checked on their scheme after removing whitespace and control
 *   characters (the parser has already decoded character references):
 *   links may be http, https, mailto, ftp or tel; media http or https;
 *   images also data:image/(png|gif|jpeg|webp|avif). Relative URLs are
 *   resolved against the base URI. Links get rel="noopener noreferrer",
 *   audio and video always get controls.
 * - The output is stable: where dropping a tag would leave markup that
 *   libxml2 reads differently (a <td> left inside a <p>), the open element
 *   is ended the way a second pass would end it.
 *
 * The text helpers (strip_tags, to_text, resolve_urls) do not use libxml2:
 * they run a small HTML5-style tokeniser over the bytes. */

/* How libxml2 reads fragments (bs-html-fast.c reads them the same way):
 * no implied <html>/<body>, no DTD, no network, UTF-8 whatever a <meta>
 * says, and no error output. */
#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR \
                       | HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED          \
                       | HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC)

/* 1 for the bytes escaped in text, 2 for '"' (escaped in attributes). */
static const guint8 escape_class[256] = {
  ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 2,
};

/* Appends @len bytes of @s, escaping the characters that are special in
 * text, and also '"' when @attr. */
void
bs_html_append_escaped (GString    *out,
                        const char *s,
                        size_t      len,
                        gboolean    attr)
{
  const char *end = s + len;
  const guint8 mask = attr ? 3 : 1;

  while (s < end)
    {
      const char *p = s;

      while (p < end && !(escape_class[(guint8) *p] & mask))
        p++;
      g_string_append_len (out, s, p - s);
      if (p == end)
        break;
      switch (*p)
        {
        case '&':
          g_string_append_len (out, "&amp;", 5);
          break;
        case '<':
          g_string_append_len (out, "&lt;", 4);
          break;
        case '>':
          g_string_append_len (out, "&gt;", 4);
          break;
        default:
          g_string_append_len (out, "&quot;", 6);
          break;
        }
      s = p + 1;
    }
}

typedef struct
{
  guint8             what;
  const ElementInfo *el;
} Frame;

enum
{
  FRAME_TRANSPARENT,
  FRAME_OPEN,
  FRAME_DROP,
};

typedef struct
{
  htmlParserCtxtPtr ctxt;
  GString          *out;
  const char       *base;
  GString          *value;    /* attribute value being built */
  GString          *scratch;  /* one srcset candidate */
  Frame            *stack;
  size_t            depth;
  size_t            alloc;
  size_t            dropping; /* FRAME_DROP frames on the stack */
  Frame             inline_stack[64];
} Sanitizer;

/* Appends a URL without the ASCII control characters (tabs and newlines
 * included) that browsers strip or choke on. */
static void
append_url (GString    *dest,
            const char *url,
            size_t      len)
{
  const char *end = url + len;

  while (url < end)
    {
      const char *p = url;

      while (p < end && (guint8) *p >= 0x20 && *p != 0x7f)
        p++;
      g_string_append_len (dest, url, p - url);
      url = p + 1;
    }
}

/* Appends the safe form of @url (absolute when there is a base) to @dest,
 * unescaped. Returns FALSE, appending nothing, when the URL is refused. */
static gboolean
append_safe_url (Sanitizer  *s,
                 GString    *dest,
                 const char *url,
                 UrlKind     kind)
{
  char scheme[16];
  char *resolved;
  gboolean ok;
  int n;

  n = bs_html_url_scheme (url, scheme, sizeof scheme);
  if (n < 0)
    return FALSE;

  if (n > 0)
    {
      size_t len;

      if (strcmp (scheme, "data") == 0)
        {
          while (bs_html_is_blank_or_ctrl (*url))
            url++;
          if (kind != URL_IMAGE || !bs_html_is_image_data_url (url))
            return FALSE;
          len = strlen (url);
          while (len > 0 && bs_html_is_blank_or_ctrl (url[len - 1]))
            len--;
          append_url (dest, url, len);
          return TRUE;
        }

      if (!bs_html_scheme_allowed (scheme, kind))
        return FALSE;

      len = strlen (url);
      if (!bs_html_is_blank_or_ctrl (url[0])
          && !bs_html_is_blank_or_ctrl (url[len - 1]))
        {
          append_url (dest, url, len);
          return TRUE;
        }
    }

  /* Relative, or absolute with whitespace around it: let bs-uri resolve
   * and trim it, then check the result again. */
  resolved = bs_uri_resolve (s->base, url);
  n = bs_html_url_scheme (resolved, scheme, sizeof scheme);
  ok = n == 0 || (n > 0 && bs_html_scheme_allowed (scheme, kind));
  if (ok)
    append_url (dest, resolved, strlen (resolved));
  g_free (resolved);

  return ok;
}

/* Checks and resolves each candidate of a srcset on its own; refused
 * candidates are left out. Returns FALSE when none is left. */
static gboolean
append_safe_srcset (Sanitizer  *s,
                    GString    *dest,
                    const char *value)
{
  const char *p = value;
  gboolean any = FALSE;

  while (*p != '\0')
    {
      const char *url, *url_end, *desc = NULL, *desc_end = NULL;
      size_t mark;

      while (bs_html_is_space (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;

      url = p;
      while (*p != '\0' && !bs_html_is_space (*p))
        p++;
      url_end = p;

      if (url_end[-1] == ',')
        {
          while (url_end > url && url_end[-1] == ',')
            url_end--;
        }
      else
        {
          int parens = 0;

          while (bs_html_is_space (*p))
            p++;
          desc = p;
          while (*p != '\0' && (*p != ',' || parens > 0))
            {
              if (*p == '(')
                parens++;
              else if (*p == ')' && parens > 0)
                parens--;
              p++;
            }
          desc_end = p;
          while (desc_end > desc && bs_html_is_space (desc_end[-1]))
            desc_end--;
          if (*p == ',')
            p++;
        }

      if (url_end == url)
        continue;

      g_string_truncate (s->scratch, 0);
      g_string_append_len (s->scratch, url, url_end - url);

      mark = dest->len;
      if (any)
        g_string_append (dest, ", ");
      if (append_safe_url (s, dest, s->scratch->str, URL_IMAGE))
        {
          if (desc != NULL && desc_end > desc)
            {
              g_string_append_c (dest, ' ');
              g_string_append_len (dest, desc, desc_end - desc);
            }
          any = TRUE;
        }
      else
        g_string_truncate (dest, mark);
    }

  return any;
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value,
             size_t      len)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  bs_html_append_escaped (out, value, len, TRUE);
  g_string_append_c (out, '"');
}

static void
emit_start_tag (Sanitizer          *s,
                const ElementInfo  *el,
                const xmlChar     **atts)
{
  gboolean has_href = FALSE;

  g_string_append_c (s->out, '<');
  g_string_append (s->out, el->name);

  for (size_t i = 0; atts != NULL && atts[i] != NULL; i += 2)
    {
      const char *value = (const char *) atts[i + 1];
      const AttrInfo *info;
      gboolean ok;
      int id;

      id = bs_html_lookup_attr ((const char *) atts[i]);
      if (id < 0 || !((el->attrs | GLOBAL_ATTRS) & BIT (id)))
        continue;
      info = &bs_html_attr_table[id];

      if (value == NULL || info->kind == KIND_BOOL)
        {
          /* Bare attribute: fine for booleans, "" for the rest; a URL
           * attribute without a value means nothing. */
          if (info->kind == KIND_PLAIN || info->kind == KIND_BOOL)
            {
              if (id == A_CONTROLS && (el->flags & EF_MEDIA))
                continue;
              append_attr (s->out, info->name, "", 0);
            }
          continue;
        }

      g_string_truncate (s->value, 0);
      switch (info->kind)
        {
        case KIND_LINK:
          ok = append_safe_url (s, s->value, value, URL_LINK);
          if (ok && id == A_HREF)
            has_href = TRUE;
          break;
        case KIND_SRC:
          ok = append_safe_url (s, s->value, value,
                                (el->flags & EF_IMAGE) ? URL_IMAGE : URL_MEDIA);
          break;
        case KIND_IMAGE:
          ok = append_safe_url (s, s->value, value, URL_IMAGE);
          break;
        case KIND_SRCSET:
          ok = append_safe_srcset (s, s->value, value);
          break;
        case KIND_PLAIN:
        case KIND_BOOL:
        default:
          g_string_append (s->value, value);
          ok = TRUE;
          break;
        }
      if (ok)
        append_attr (s->out, info->name, s->value->str, s->value->len);
    }

  if (has_href && (el->flags & EF_LINK))
    g_string_append (s->out, " rel=\"noopener noreferrer\"");
  if (el->flags & EF_MEDIA)
    g_string_append (s->out, " controls=\"\"");
  g_string_append_c (s->out, '>');
}

/* Writes an allow-listed video embed; returns FALSE for any other frame. */
static gboolean
emit_iframe (Sanitizer      *s,
             const xmlChar **atts)
{
  g_autofree char *src = NULL;

  for (size_t i = 0; atts != NULL && atts[i] != NULL; i += 2)
    if (strcmp ((const char *) atts[i], "src") == 0 && atts[i + 1] != NULL)
      {
        src = bs_uri_resolve (s->base, (const char *) atts[i + 1]);
        break;
      }
  if (src == NULL || !bs_html_iframe_src_allowed (src))
    return FALSE;

  g_string_append (s->out, "<iframe");
  append_attr (s->out, "src", src, strlen (src));
  for (size_t i = 0; atts[i] != NULL; i += 2)
    {
      const char *name = (const char *) atts[i];
      const char *value = (const char *) atts[i + 1];

      if (strcmp (name, "width") == 0 || strcmp (name, "height") == 0)
        {
          if (value != NULL)
            append_attr (s->out, name, value, strlen (value));
        }
      else if (strcmp (name, "allowfullscreen") == 0)
        append_attr (s->out, name, "", 0);
    }
  g_string_append (s->out,
                   " sandbox=\"allow-scripts allow-same-origin\"></iframe>");

  return TRUE;
}

static void
push_frame (Sanitizer         *s,
            guint8             what,
            const ElementInfo *el)
{
  if (s->depth == s->alloc)
    {
      size_t alloc = s->alloc * 2;

      if (s->stack == s->inline_stack)
        {
          s->stack = g_new (Frame, alloc);
          memcpy (s->stack, s->inline_stack, s->depth * sizeof (Frame));
        }
      else
        s->stack = g_renew (Frame, s->stack, alloc);
      s->alloc = alloc;
    }
  s->stack[s->depth].what = what;
  s->stack[s->depth].el = el;
  s->depth++;
}

/* Which elements end an open element of their own name, as <p> ends <p>:
 * libxml2 has the table but only exports a test for different names, so
 * ask its parser once. Indexed like bs_html_element_table. */
static gboolean self_closing[BS_HTML_N_ELEMENTS];

static void
probe_start_cb (void           *user_data,
                const xmlChar  *name G_GNUC_UNUSED,
                const xmlChar **atts G_GNUC_UNUSED)
{
  GString *events = user_data;

  g_string_append_c (events, 's');
}

static void
probe_end_cb (void          *user_data,
              const xmlChar *name G_GNUC_UNUSED)
{
  GString *events = user_data;

  g_string_append_c (events, 'e');
}

static void
init_self_closing (void)
{
  GString *events = g_string_new (NULL);

  for (size_t i = 0; i < BS_HTML_N_ELEMENTS; i++)
    {
      g_autofree char *html = NULL;
      htmlParserCtxtPtr ctxt;

      if (bs_html_element_table[i].action != EL_KEEP)
        continue;
      html = g_strdup_printf ("<%s><%s>", bs_html_element_table[i].name,
                              bs_html_element_table[i].name);
      ctxt = htmlCreateMemoryParserCtxt (html, strlen (html));
      if (ctxt == NULL)
        continue;
      memset (ctxt->sax, 0, sizeof (htmlSAXHandler));
      ctxt->sax->startElement = probe_start_cb;
      ctxt->sax->endElement = probe_end_cb;
      ctxt->sax->initialized = 1;
      ctxt->userData = events;
      htmlCtxtUseOptions (ctxt, PARSE_OPTIONS);
      g_string_truncate (events, 0);
      htmlParseDocument (ctxt);
      self_closing[i] = g_str_has_prefix (events->str, "se");
      htmlFreeParserCtxt (ctxt);
    }
  g_string_free (events, TRUE);
}

/* TRUE when libxml2 ends an open @old element at a <@el> start tag (as
 * <li> ends <li>, <hr> ends <p>), reading the input or the output again. */
gboolean
bs_html_closes (const ElementInfo *el,
                const ElementInfo *old)
{
  /* htmlAutoCloseTag() walks libxml2's table with strcmp; this runs for
   * every kept start tag, so remember its answers: 0 not asked yet,
   * 1 no, 2 yes. Threads may race to fill a slot with the same value. */
  static int answers[BS_HTML_N_ELEMENTS][BS_HTML_N_ELEMENTS];
  int *slot = &answers[el - bs_html_element_table][old - bs_html_element_table];
  int answer = g_atomic_int_get (slot);
  xmlNode probe = { 0, };

  if (answer != 0)
    return answer == 2;

  if (el == old)
    answer = self_closing[el - bs_html_element_table] ? 2 : 1;
  else
    {
      probe.type = XML_ELEMENT_NODE;
      probe.name = (const xmlChar *) el->name;
      answer = htmlAutoCloseTag (NULL, (const xmlChar *) old->name, &probe) == 1 ? 2 : 1;
    }
  g_atomic_int_set (slot, answer);
  return answer == 2;
}

/* Unwrapping elements can put a start tag where libxml2 would end the
 * element that is open, e.g. a <td> inside a <p> once a <noscript> or
 * unknown element around it is gone. End it here, as a second pass would,
 * so that sanitising the output again gives the same output. */
static void
close_as_reparse_would (Sanitizer         *s,
                        const ElementInfo *el)
{
  for (size_t i = s->depth; i > 0; i--)
    {
      Frame *f = &s->stack[i - 1];

      if (f->what != FRAME_OPEN)
        continue;
      if (!bs_html_closes (el, f->el))
        break;
      g_string_append (s->out, "</");
      g_string_append (s->out, f->el->name);
      g_string_append_c (s->out, '>');
      f->what = FRAME_TRANSPARENT;
    }
}

/* @el is NULL for an element that is not in the policy's table or that
 * libxml2 made up. */
static void
start_element (Sanitizer          *s,
               const ElementInfo  *el,
               const xmlChar     **atts)
{
  if (s->dropping > 0 || el == NULL || el->action == EL_UNWRAP)
    push_frame (s, FRAME_TRANSPARENT, NULL);
  else if (el->action == EL_DROP)
    {
      push_frame (s, FRAME_DROP, NULL);
      s->dropping++;
    }
  else if (el->action == EL_IFRAME)
    {
      /* A kept frame is written whole here; its content is fallback text
       * that no browser shows, so it is dropped either way. */
      close_as_reparse_would (s, el);
      emit_iframe (s, atts);
      push_frame (s, FRAME_DROP, NULL);
      s->dropping++;
    }
  else
    {
      close_as_reparse_would (s, el);
      emit_start_tag (s, el, atts);
      push_frame (s, FRAME_OPEN, el);
    }
}

static void
start_element_cb (void           *user_data,
                  const xmlChar  *name,
                  const xmlChar **atts)
{
  Sanitizer *s = user_data;

  /* Elements libxml2 makes up (the <p> it wraps loose text in, implied
   * <html>/<body>) are passed as string literals, real tags come from the
   * parser's dictionary. Fragments get no wrappers. */
  if (s->dropping > 0 || xmlDictOwns (s->ctxt->dict, name) != 1)
    start_element (s, NULL, atts);
  else
    start_element (s, bs_html_lookup_element ((const char *) name), atts);
}

static void
close_frame (Sanitizer *s)
{
  Frame *f = &s->stack[--s->depth];

  if (f->what == FRAME_DROP)
    s->dropping--;
  else if (f->what == FRAME_OPEN && !(f->el->flags & EF_VOID))
    {
      g_string_append (s->out, "</");
      g_string_append (s->out, f->el->name);
      g_string_append_c (s->out, '>');
    }
}

static void
end_element_cb (void          *user_data,
                const xmlChar *name G_GNUC_UNUSED)
{
  Sanitizer *s = user_data;

  if (s->depth > 0)
    close_frame (s);
}

static void
characters_cb (void          *user_data,
               const xmlChar *text,
               int            len)
{
  Sanitizer *s = user_data;

  if (s->dropping == 0 && len > 0)
    bs_html_append_escaped (s->out, (const char *) text, len, FALSE);
}

static void
fast_start (gpointer           data,
            const ElementInfo *el,
            const char       **atts)
{
  start_element (data, el, (const xmlChar **) atts);
}

static void
fast_end (gpointer data)
{
  end_element_cb (data, NULL);
}

static void
fast_text (gpointer    data,
           const char *text,
           size_t      len)
{
  characters_cb (data, (const xmlChar *) text, (int) len);
}

static const BsHtmlEvents fast_events = { fast_start, fast_end, fast_text };

static void
free_parser (gpointer data)
{
  htmlFreeParserCtxt (data);
}

/* One HTML parser context per thread, reset for every fragment: creating
 * one costs more than parsing a short summary, and its dictionary of
 * element names stays warm. */
static GPrivate thread_parser = G_PRIVATE_INIT (free_parser);

/* The thread's parser context, reset to read @html. */
static htmlParserCtxtPtr
acquire_parser (const char *html,
                size_t      len)
{
  htmlParserCtxtPtr ctxt = g_private_get (&thread_parser);
  xmlParserInputBufferPtr buf;
  xmlParserInputPtr input;

  if (ctxt == NULL)
    {
      ctxt = htmlNewParserCtxt ();
      if (ctxt == NULL)
        return NULL;
      g_private_set (&thread_parser, ctxt);
    }
  else
    htmlCtxtReset (ctxt);

  /* a copy: libxml2 reads until a NUL that @html may not have at @len */
  buf = xmlParserInputBufferCreateMem (html, (int) len, XML_CHAR_ENCODING_UTF8);
  if (buf == NULL)
    return NULL;
  input = xmlNewIOInputStream (ctxt, buf, XML_CHAR_ENCODING_UTF8);
  if (input == NULL)
    {
      xmlFreeParserInputBuffer (buf);
      return NULL;
    }
  inputPush (ctxt, input);
  return ctxt;
}

/* Runs libxml2's HTML parser over @html with @s as its SAX handler. */
static void
read_with_libxml (Sanitizer  *s,
                  const char *html,
                  size_t      len)
{
  htmlParserCtxtPtr ctxt = acquire_parser (html, len);

  if (ctxt == NULL)
    return;

  /* The context owns its handler; replace what it holds with ours. */
  memset (ctxt->sax, 0, sizeof (htmlSAXHandler));
  ctxt->sax->startElement = start_element_cb;
  ctxt->sax->endElement = end_element_cb;
  ctxt->sax->characters = characters_cb;
  ctxt->sax->ignorableWhitespace = characters_cb;
  ctxt->sax->cdataBlock = characters_cb;
  ctxt->sax->initialized = 1;
  ctxt->userData = s;
  htmlCtxtUseOptions (ctxt, PARSE_OPTIONS);

  /* The input is UTF-8: no sniffing, no <meta charset>; one byte order
   * mark at the very start is skipped. */
  xmlSwitchEncoding (ctxt, XML_CHAR_ENCODING_UTF8);
  if (ctxt->encoding == NULL)
    ctxt->encoding = xmlStrdup ((const xmlChar *) "UTF-8");

  s->ctxt = ctxt;
  htmlParseDocument (ctxt);
  s->ctxt = NULL;
}

static char *
sanitize (const char *html,
          gssize      length,
          const char *base_uri,
          gboolean    valid_utf8,
          BsHtmlRead  read)
{
  static gsize checked = 0;
  g_autofree char *valid = NULL;
  Sanitizer s = { 0, };
  size_t len;

  g_return_val_if_fail (html != NULL || length == 0, g_strdup (""));

  /* Once per process: libxml2's own set-up is not safe to race between
   * the threads that sanitise entries. */
  if (g_once_init_enter (&checked))
    {
      xmlInitParser ();
      if (!bs_html_policy_init ())
        g_error ("The element and attribute tables must be sorted by name");
      init_self_closing ();
      bs_html_fast_init ();
      g_once_init_leave (&checked, 1);
    }

  len = length < 0 ? strlen (html) : (size_t) length;
  if (len == 0 || len > G_MAXINT)
    return read == BS_HTML_READ_FAST_ONLY ? NULL : g_strdup ("");

  /* libxml2 would decode the rest of the input as Latin-1 after the first
   * invalid byte; replace just the bad bytes instead. */
  if (!valid_utf8 && !bs_encoding_utf8_valid (html, len, NULL))
    {
      valid = g_utf8_make_valid (html, len);
      html = valid;
      len = strlen (valid);
    }

  s.out = g_string_sized_new (len + len / 8 + 16);
  s.base = base_uri != NULL && *base_uri != '\0' ? base_uri : NULL;
  s.value = g_string_sized_new (128);
  s.scratch = g_string_sized_new (128);
  s.stack = s.inline_stack;
  s.alloc = G_N_ELEMENTS (s.inline_stack);

  if (read == BS_HTML_READ_LIBXML
      || !bs_html_fast_read (html, len, &fast_events, &s))
    {
      if (read == BS_HTML_READ_FAST_ONLY)
        {
          g_string_free (s.out, TRUE);
          s.out = NULL;
          goto out;
        }
      /* start again from nothing, with libxml2 */
      g_string_truncate (s.out, 0);
      s.depth = 0;
      s.dropping = 0;
      read_with_libxml (&s, html, len);
    }

  while (s.depth > 0)
    close_frame (&s);

  /* libxml2 skips leading blanks of a document; do the same to what a
   * dropped element left in front so that a second pass changes nothing. */
  {
    size_t blank = 0;

    while (blank < s.out->len && bs_html_is_space (s.out->str[blank]))
      blank++;
    g_string_erase (s.out, 0, blank);
  }

out:
  if (s.stack != s.inline_stack)
    g_free (s.stack);
  g_string_free (s.value, TRUE);
  g_string_free (s.scratch, TRUE);

  return s.out != NULL ? g_string_free (s.out, FALSE) : NULL;
}

char *
bs_html_sanitize (const char *html,
                  gssize      length,
                  const char *base_uri)
{
  return sanitize (html, length, base_uri, FALSE, BS_HTML_READ_ANY);
}

char *
bs_html_sanitize_utf8 (const char *html,
                       gsize       length,
                       const char *base_uri)
{
  g_return_val_if_fail (html != NULL || length == 0, g_strdup (""));

  return sanitize (html, (gssize) length, base_uri, TRUE, BS_HTML_READ_ANY);
}

char *
bs_html_sanitize_with (const char *html,
                       gssize      length,
                       const char *base_uri,
                       BsHtmlRead  read)
{
  return sanitize (html, length, base_uri, FALSE, read);
}
