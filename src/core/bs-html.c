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
 * tree is built. Policy, in short:
 *
 * - Elements in the table below are kept with the attributes their entry
 *   allows (plus title, lang and dir everywhere). Void elements are written
 *   without an end tag; every other kept element is closed.
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

/* Attributes, sorted by name: the index is the bit in ElementInfo.attrs. */
typedef enum
{
  A_ABBR,
  A_ALIGN,
  A_ALLOWFULLSCREEN,
  A_ALT,
  A_CITE,
  A_COLOR,
  A_COLSPAN,
  A_CONTROLS,
  A_DATETIME,
  A_DECODING,
  A_DEFAULT,
  A_DIR,
  A_HEADERS,
  A_HEIGHT,
  A_HREF,
  A_KIND,
  A_LABEL,
  A_LANG,
  A_LOADING,
  A_LOOP,
  A_MEDIA,
  A_MUTED,
  A_OPEN,
  A_PLAYSINLINE,
  A_POSTER,
  A_PRELOAD,
  A_REVERSED,
  A_ROWSPAN,
  A_SCOPE,
  A_SIZE,
  A_SIZES,
  A_SPAN,
  A_SRC,
  A_SRCLANG,
  A_SRCSET,
  A_START,
  A_TITLE,
  A_TYPE,
  A_VALIGN,
  A_VALUE,
  A_WIDTH,
  N_ATTRS
} AttrId;

typedef enum
{
  KIND_PLAIN,
  KIND_BOOL,
  KIND_LINK,    /* href, cite */
  KIND_SRC,     /* src: image rules on <img>, media rules elsewhere */
  KIND_IMAGE,   /* poster */
  KIND_SRCSET,
} AttrKind;

typedef struct
{
  const char *name;
  AttrKind    kind;
} AttrInfo;

static const AttrInfo attr_table[N_ATTRS] = {
  [A_ABBR] = { "abbr", KIND_PLAIN },
  [A_ALIGN] = { "align", KIND_PLAIN },
  [A_ALLOWFULLSCREEN] = { "allowfullscreen", KIND_BOOL },
  [A_ALT] = { "alt", KIND_PLAIN },
  [A_CITE] = { "cite", KIND_LINK },
  [A_COLOR] = { "color", KIND_PLAIN },
  [A_COLSPAN] = { "colspan", KIND_PLAIN },
  [A_CONTROLS] = { "controls", KIND_BOOL },
  [A_DATETIME] = { "datetime", KIND_PLAIN },
  [A_DECODING] = { "decoding", KIND_PLAIN },
  [A_DEFAULT] = { "default", KIND_BOOL },
  [A_DIR] = { "dir", KIND_PLAIN },
  [A_HEADERS] = { "headers", KIND_PLAIN },
  [A_HEIGHT] = { "height", KIND_PLAIN },
  [A_HREF] = { "href", KIND_LINK },
  [A_KIND] = { "kind", KIND_PLAIN },
  [A_LABEL] = { "label", KIND_PLAIN },
  [A_LANG] = { "lang", KIND_PLAIN },
  [A_LOADING] = { "loading", KIND_PLAIN },
  [A_LOOP] = { "loop", KIND_BOOL },
  [A_MEDIA] = { "media", KIND_PLAIN },
  [A_MUTED] = { "muted", KIND_BOOL },
  [A_OPEN] = { "open", KIND_BOOL },
  [A_PLAYSINLINE] = { "playsinline", KIND_BOOL },
  [A_POSTER] = { "poster", KIND_IMAGE },
  [A_PRELOAD] = { "preload", KIND_PLAIN },
  [A_REVERSED] = { "reversed", KIND_BOOL },
  [A_ROWSPAN] = { "rowspan", KIND_PLAIN },
  [A_SCOPE] = { "scope", KIND_PLAIN },
  [A_SIZE] = { "size", KIND_PLAIN },
  [A_SIZES] = { "sizes", KIND_PLAIN },
  [A_SPAN] = { "span", KIND_PLAIN },
  [A_SRC] = { "src", KIND_SRC },
  [A_SRCLANG] = { "srclang", KIND_PLAIN },
  [A_SRCSET] = { "srcset", KIND_SRCSET },
  [A_START] = { "start", KIND_PLAIN },
  [A_TITLE] = { "title", KIND_PLAIN },
  [A_TYPE] = { "type", KIND_PLAIN },
  [A_VALIGN] = { "valign", KIND_PLAIN },
  [A_VALUE] = { "value", KIND_PLAIN },
  [A_WIDTH] = { "width", KIND_PLAIN },
};

#define BIT(a) (G_GUINT64_CONSTANT (1) << (a))
#define GLOBAL_ATTRS (BIT (A_TITLE) | BIT (A_LANG) | BIT (A_DIR))
#define CELL_ATTRS (BIT (A_ALIGN) | BIT (A_VALIGN))

typedef enum
{
  EL_KEEP,
  EL_UNWRAP,
  EL_DROP,
  EL_IFRAME,
} ElementAction;

enum
{
  EF_VOID = 1 << 0,   /* no end tag */
  EF_LINK = 1 << 1,   /* gets rel="noopener noreferrer" with an href */
  EF_MEDIA = 1 << 2,  /* gets controls */
  EF_IMAGE = 1 << 3,  /* src may be a data: image */
};

typedef struct
{
  const char *name;
  guint8      action;
  guint8      flags;
  guint64     attrs;
} ElementInfo;

/* Sorted by name (strcmp order) for bsearch. */
static const ElementInfo element_table[] = {
  { "a", EL_KEEP, EF_LINK, BIT (A_HREF) },
  { "abbr", EL_KEEP, 0, 0 },
  { "acronym", EL_KEEP, 0, 0 },
  { "address", EL_KEEP, 0, 0 },
  { "applet", EL_DROP, 0, 0 },
  { "article", EL_KEEP, 0, 0 },
  { "aside", EL_KEEP, 0, 0 },
  { "audio", EL_KEEP, EF_MEDIA,
    BIT (A_SRC) | BIT (A_LOOP) | BIT (A_MUTED) | BIT (A_PRELOAD) },
  { "b", EL_KEEP, 0, 0 },
  { "base", EL_DROP, 0, 0 },
  { "basefont", EL_DROP, 0, 0 },
  { "bdi", EL_KEEP, 0, 0 },
  { "bdo", EL_KEEP, 0, 0 },
  { "bgsound", EL_DROP, 0, 0 },
  { "big", EL_KEEP, 0, 0 },
  { "blockquote", EL_KEEP, 0, BIT (A_CITE) },
  { "body", EL_UNWRAP, 0, 0 },
  { "br", EL_KEEP, EF_VOID, 0 },
  { "button", EL_DROP, 0, 0 },
  { "caption", EL_KEEP, 0, BIT (A_ALIGN) },
  { "center", EL_KEEP, 0, 0 },
  { "cite", EL_KEEP, 0, 0 },
  { "code", EL_KEEP, 0, 0 },
  { "col", EL_KEEP, EF_VOID, BIT (A_SPAN) | BIT (A_WIDTH) | CELL_ATTRS },
  { "colgroup", EL_KEEP, 0, BIT (A_SPAN) | BIT (A_WIDTH) | CELL_ATTRS },
  { "datalist", EL_DROP, 0, 0 },
  { "dd", EL_KEEP, 0, 0 },
  { "del", EL_KEEP, 0, BIT (A_CITE) | BIT (A_DATETIME) },
  { "details", EL_KEEP, 0, BIT (A_OPEN) },
  { "dfn", EL_KEEP, 0, 0 },
  { "div", EL_KEEP, 0, BIT (A_ALIGN) },
  { "dl", EL_KEEP, 0, 0 },
  { "dt", EL_KEEP, 0, 0 },
  { "em", EL_KEEP, 0, 0 },
  { "embed", EL_DROP, 0, 0 },
  { "figcaption", EL_KEEP, 0, 0 },
  { "figure", EL_KEEP, 0, 0 },
  { "font", EL_KEEP, 0, BIT (A_COLOR) | BIT (A_SIZE) },
  { "footer", EL_KEEP, 0, 0 },
  { "form", EL_UNWRAP, 0, 0 },
  { "frame", EL_DROP, 0, 0 },
  { "frameset", EL_DROP, 0, 0 },
  { "h1", EL_KEEP, 0, BIT (A_ALIGN) },
  { "h2", EL_KEEP, 0, BIT (A_ALIGN) },
  { "h3", EL_KEEP, 0, BIT (A_ALIGN) },
  { "h4", EL_KEEP, 0, BIT (A_ALIGN) },
  { "h5", EL_KEEP, 0, BIT (A_ALIGN) },
  { "h6", EL_KEEP, 0, BIT (A_ALIGN) },
  { "head", EL_DROP, 0, 0 },
  { "header", EL_KEEP, 0, 0 },
  { "hgroup", EL_KEEP, 0, 0 },
  { "hr", EL_KEEP, EF_VOID, 0 },
  { "html", EL_UNWRAP, 0, 0 },
  { "i", EL_KEEP, 0, 0 },
  { "iframe", EL_IFRAME, 0, 0 },
  { "img", EL_KEEP, EF_VOID | EF_IMAGE,
    BIT (A_SRC) | BIT (A_SRCSET) | BIT (A_SIZES) | BIT (A_ALT) | BIT (A_WIDTH)
    | BIT (A_HEIGHT) | BIT (A_LOADING) | BIT (A_DECODING) | BIT (A_ALIGN) },
  { "input", EL_DROP, 0, 0 },
  { "ins", EL_KEEP, 0, BIT (A_CITE) | BIT (A_DATETIME) },
  { "isindex", EL_DROP, 0, 0 },
  { "kbd", EL_KEEP, 0, 0 },
  { "keygen", EL_DROP, 0, 0 },
  { "li", EL_KEEP, 0, BIT (A_VALUE) },
  { "link", EL_DROP, 0, 0 },
  { "main", EL_KEEP, 0, 0 },
  { "mark", EL_KEEP, 0, 0 },
  { "math", EL_DROP, 0, 0 },
  { "meta", EL_DROP, 0, 0 },
  { "nav", EL_KEEP, 0, 0 },
  { "noembed", EL_DROP, 0, 0 },
  { "noframes", EL_DROP, 0, 0 },
  { "noscript", EL_UNWRAP, 0, 0 },
  { "object", EL_DROP, 0, 0 },
  { "ol", EL_KEEP, 0, BIT (A_START) | BIT (A_REVERSED) | BIT (A_TYPE) },
  { "optgroup", EL_DROP, 0, 0 },
  { "option", EL_DROP, 0, 0 },
  { "output", EL_DROP, 0, 0 },
  { "p", EL_KEEP, 0, BIT (A_ALIGN) },
  { "param", EL_DROP, 0, 0 },
  { "picture", EL_KEEP, 0, 0 },
  { "portal", EL_DROP, 0, 0 },
  { "pre", EL_KEEP, 0, 0 },
  { "q", EL_KEEP, 0, BIT (A_CITE) },
  { "rp", EL_KEEP, 0, 0 },
  { "rt", EL_KEEP, 0, 0 },
  { "ruby", EL_KEEP, 0, 0 },
  { "s", EL_KEEP, 0, 0 },
  { "samp", EL_KEEP, 0, 0 },
  { "script", EL_DROP, 0, 0 },
  { "section", EL_KEEP, 0, 0 },
  { "select", EL_DROP, 0, 0 },
  { "small", EL_KEEP, 0, 0 },
  { "source", EL_KEEP, EF_VOID,
    BIT (A_SRC) | BIT (A_SRCSET) | BIT (A_SIZES) | BIT (A_TYPE) | BIT (A_MEDIA)
    | BIT (A_WIDTH) | BIT (A_HEIGHT) },
  { "span", EL_KEEP, 0, 0 },
  { "strike", EL_KEEP, 0, 0 },
  { "strong", EL_KEEP, 0, 0 },
  { "style", EL_DROP, 0, 0 },
  { "sub", EL_KEEP, 0, 0 },
  { "summary", EL_KEEP, 0, 0 },
  { "sup", EL_KEEP, 0, 0 },
  { "svg", EL_DROP, 0, 0 },
  { "table", EL_KEEP, 0, BIT (A_WIDTH) | BIT (A_ALIGN) },
  { "tbody", EL_KEEP, 0, CELL_ATTRS },
  { "td", EL_KEEP, 0,
    BIT (A_COLSPAN) | BIT (A_ROWSPAN) | BIT (A_HEADERS) | BIT (A_WIDTH)
    | BIT (A_HEIGHT) | CELL_ATTRS },
  { "template", EL_DROP, 0, 0 },
  { "textarea", EL_DROP, 0, 0 },
  { "tfoot", EL_KEEP, 0, CELL_ATTRS },
  { "th", EL_KEEP, 0,
    BIT (A_COLSPAN) | BIT (A_ROWSPAN) | BIT (A_HEADERS) | BIT (A_WIDTH)
    | BIT (A_HEIGHT) | BIT (A_SCOPE) | BIT (A_ABBR) | CELL_ATTRS },
  { "thead", EL_KEEP, 0, CELL_ATTRS },
  { "time", EL_KEEP, 0, BIT (A_DATETIME) },
  { "title", EL_DROP, 0, 0 },
  { "tr", EL_KEEP, 0, CELL_ATTRS },
  { "track", EL_KEEP, EF_VOID,
    BIT (A_SRC) | BIT (A_KIND) | BIT (A_SRCLANG) | BIT (A_LABEL) | BIT (A_DEFAULT) },
  { "tt", EL_KEEP, 0, 0 },
  { "u", EL_KEEP, 0, 0 },
  { "ul", EL_KEEP, 0, 0 },
  { "var", EL_KEEP, 0, 0 },
  { "video", EL_KEEP, EF_MEDIA,
    BIT (A_SRC) | BIT (A_POSTER) | BIT (A_WIDTH) | BIT (A_HEIGHT) | BIT (A_LOOP)
    | BIT (A_MUTED) | BIT (A_PRELOAD) | BIT (A_PLAYSINLINE) },
  { "wbr", EL_KEEP, EF_VOID, 0 },
  { "xml", EL_DROP, 0, 0 },
};

/* Hosts whose players may be embedded, with the path their embed URLs use. */
static const char *const iframe_prefixes[] = {
  "https://www.youtube.com/embed/",
  "https://www.youtube-nocookie.com/embed/",
  "https://player.vimeo.com/video/",
};

static int
compare_name (const void *key,
              const void *member)
{
  /* Both tables start with the name. */
  return strcmp (key, *(const char *const *) member);
}

static const ElementInfo *
lookup_element (const char *name)
{
  return bsearch (name, element_table, G_N_ELEMENTS (element_table),
                  sizeof element_table[0], compare_name);
}

static int
lookup_attr (const char *name)
{
  const AttrInfo *info;

  info = bsearch (name, attr_table, G_N_ELEMENTS (attr_table),
                  sizeof attr_table[0], compare_name);
  return info != NULL ? (int) (info - attr_table) : -1;
}

static gboolean
tables_sorted (void)
{
  for (size_t i = 1; i < G_N_ELEMENTS (element_table); i++)
    if (strcmp (element_table[i - 1].name, element_table[i].name) >= 0)
      return FALSE;
  for (size_t i = 1; i < G_N_ELEMENTS (attr_table); i++)
    if (strcmp (attr_table[i - 1].name, attr_table[i].name) >= 0)
      return FALSE;
  return TRUE;
}

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

static inline gboolean
is_blank_or_ctrl (unsigned char c)
{
  return c <= 0x20 || c == 0x7f;
}

/* The lower-cased scheme of @url in @buf, read the way a browser would and
 * then some: every ASCII whitespace or control character is skipped, so
 * " jav&#9;ascript:" (decoded) gives "javascript". Returns the scheme length,
 * 0 for a relative reference, -1 for a scheme too long to be one we allow. */
static int
url_scheme (const char *url,
            char       *buf,
            size_t      bufsize)
{
  size_t n = 0;

  for (const char *p = url; *p != '\0'; p++)
    {
      unsigned char c = *p;

      if (is_blank_or_ctrl (c))
        continue;
      if (c == ':')
        {
          buf[n] = '\0';
          return (int) n;
        }
      if (g_ascii_isalpha (c)
          || (n > 0 && (g_ascii_isdigit (c) || c == '+' || c == '-' || c == '.')))
        {
          if (n + 1 >= bufsize)
            return -1;
          buf[n++] = g_ascii_tolower (c);
          continue;
        }
      return 0;
    }

  return 0;
}

typedef enum
{
  URL_LINK,
  URL_MEDIA,
  URL_IMAGE,
} UrlKind;

static gboolean
scheme_allowed (const char *scheme,
                UrlKind     kind)
{
  if (strcmp (scheme, "http") == 0 || strcmp (scheme, "https") == 0)
    return TRUE;
  if (kind != URL_LINK)
    return FALSE;
  return strcmp (scheme, "mailto") == 0
         || strcmp (scheme, "ftp") == 0
         || strcmp (scheme, "tel") == 0;
}

static gboolean
is_image_data_url (const char *url)
{
  static const char *const types[] = { "png", "gif", "jpeg", "jpg", "webp", "avif" };

  if (g_ascii_strncasecmp (url, "data:image/", 11) != 0)
    return FALSE;
  url += 11;
  for (size_t i = 0; i < G_N_ELEMENTS (types); i++)
    {
      size_t n = strlen (types[i]);

      if (g_ascii_strncasecmp (url, types[i], n) == 0
          && (url[n] == ';' || url[n] == ','))
        return TRUE;
    }
  return FALSE;
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

  n = url_scheme (url, scheme, sizeof scheme);
  if (n < 0)
    return FALSE;

  if (n > 0)
    {
      size_t len;

      if (strcmp (scheme, "data") == 0)
        {
          while (is_blank_or_ctrl (*url))
            url++;
          if (kind != URL_IMAGE || !is_image_data_url (url))
            return FALSE;
          len = strlen (url);
          while (len > 0 && is_blank_or_ctrl (url[len - 1]))
            len--;
          append_url (dest, url, len);
          return TRUE;
        }

      if (!scheme_allowed (scheme, kind))
        return FALSE;

      len = strlen (url);
      if (!is_blank_or_ctrl (url[0]) && !is_blank_or_ctrl (url[len - 1]))
        {
          append_url (dest, url, len);
          return TRUE;
        }
    }

  /* Relative, or absolute with whitespace around it: let bs-uri resolve
   * and trim it, then check the result again. */
  resolved = bs_uri_resolve (s->base, url);
  n = url_scheme (resolved, scheme, sizeof scheme);
  ok = n == 0 || (n > 0 && scheme_allowed (scheme, kind));
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

      id = lookup_attr ((const char *) atts[i]);
      if (id < 0 || !((el->attrs | GLOBAL_ATTRS) & BIT (id)))
        continue;
      info = &attr_table[id];

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
  gboolean allowed = FALSE;

  for (size_t i = 0; atts != NULL && atts[i] != NULL; i += 2)
    if (strcmp ((const char *) atts[i], "src") == 0 && atts[i + 1] != NULL)
      {
        src = bs_uri_resolve (s->base, (const char *) atts[i + 1]);
        break;
      }
  if (src == NULL)
    return FALSE;

  for (size_t i = 0; i < G_N_ELEMENTS (iframe_prefixes); i++)
    if (g_str_has_prefix (src, iframe_prefixes[i]))
      allowed = TRUE;
  for (const char *p = src; *p != '\0'; p++)
    if (is_blank_or_ctrl (*p) || *p == '\\')
      allowed = FALSE;
  if (!allowed)
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
 * ask its parser once. Indexed like element_table. */
static gboolean self_closing[G_N_ELEMENTS (element_table)];

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

  for (size_t i = 0; i < G_N_ELEMENTS (element_table); i++)
    {
      g_autofree char *html = NULL;
      htmlParserCtxtPtr ctxt;

      if (element_table[i].action != EL_KEEP)
        continue;
      html = g_strdup_printf ("<%s><%s>", element_table[i].name, element_table[i].name);
      ctxt = htmlCreateMemoryParserCtxt (html, strlen (html));
      if (ctxt == NULL)
        continue;
      memset (ctxt->sax, 0, sizeof (htmlSAXHandler));
      ctxt->sax->startElement = probe_start_cb;
      ctxt->sax->endElement = probe_end_cb;
      ctxt->sax->initialized = 1;
      ctxt->userData = events;
      htmlCtxtUseOptions (ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET
                                | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                                | HTML_PARSE_NOIMPLIED);
      g_string_truncate (events, 0);
      htmlParseDocument (ctxt);
      self_closing[i] = g_str_has_prefix (events->str, "se");
      htmlFreeParserCtxt (ctxt);
    }
  g_string_free (events, TRUE);
}

/* TRUE when libxml2, reading the output again, would end an open @old
 * element at a <@el> start tag (as <li> ends <li>, <hr> ends <p>). */
static gboolean
closes_on_reparse (const ElementInfo *el,
                   const ElementInfo *old)
{
  /* htmlAutoCloseTag() walks libxml2's table with strcmp; this runs for
   * every kept start tag, so remember its answers: 0 not asked yet,
   * 1 no, 2 yes. Threads may race to fill a slot with the same value. */
  static int answers[G_N_ELEMENTS (element_table)][G_N_ELEMENTS (element_table)];
  int *slot = &answers[el - element_table][old - element_table];
  int answer = g_atomic_int_get (slot);
  xmlNode probe = { 0, };

  if (answer != 0)
    return answer == 2;

  if (el == old)
    answer = self_closing[el - element_table] ? 2 : 1;
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
      if (!closes_on_reparse (el, f->el))
        break;
      g_string_append (s->out, "</");
      g_string_append (s->out, f->el->name);
      g_string_append_c (s->out, '>');
      f->what = FRAME_TRANSPARENT;
    }
}

static void
start_element_cb (void           *user_data,
                  const xmlChar  *name,
                  const xmlChar **atts)
{
  Sanitizer *s = user_data;
  const ElementInfo *el;

  /* Elements libxml2 makes up (the <p> it wraps loose text in, implied
   * <html>/<body>) are passed as string literals, real tags come from the
   * parser's dictionary. Fragments get no wrappers. */
  if (s->dropping > 0 || xmlDictOwns (s->ctxt->dict, name) != 1)
    {
      push_frame (s, FRAME_TRANSPARENT, NULL);
      return;
    }

  el = lookup_element ((const char *) name);
  if (el == NULL || el->action == EL_UNWRAP)
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

char *
bs_html_sanitize (const char *html,
                  gssize      length,
                  const char *base_uri)
{
  static gsize checked = 0;
  g_autofree char *valid = NULL;
  htmlParserCtxtPtr ctxt;
  Sanitizer s = { 0, };
  size_t len;

  g_return_val_if_fail (html != NULL || length == 0, g_strdup (""));

  /* Once per process: libxml2's own set-up is not safe to race between
   * the threads that sanitise entries. */
  if (g_once_init_enter (&checked))
    {
      xmlInitParser ();
      if (!tables_sorted ())
        g_error ("The element and attribute tables must be sorted by name");
      init_self_closing ();
      g_once_init_leave (&checked, 1);
    }

  len = length < 0 ? strlen (html) : (size_t) length;
  if (len == 0 || len > G_MAXINT)
    return g_strdup ("");

  /* libxml2 would decode the rest of the input as Latin-1 after the first
   * invalid byte; replace just the bad bytes instead. */
  if (!bs_encoding_utf8_valid (html, len, NULL))
    {
      valid = g_utf8_make_valid (html, len);
      html = valid;
      len = strlen (valid);
    }

  /* Plain text (many feeds' summaries) has nothing to clean: escape it
   * as the parser's text handler would, without running the parser. */
  if (memchr (html, '<', len) == NULL && memchr (html, '&', len) == NULL &&
      memchr (html, '\0', len) == NULL)
    {
      GString *out = g_string_sized_new (len + 16);
      size_t blank = 0;

      while (blank < len && bs_html_is_space (html[blank]))
        blank++;
      bs_html_append_escaped (out, html + blank, len - blank, FALSE);
      return g_string_free (out, FALSE);
    }

  ctxt = acquire_parser (html, len);
  if (ctxt == NULL)
    return g_strdup ("");

  /* The context owns its handler; replace what it holds with ours. */
  memset (ctxt->sax, 0, sizeof (htmlSAXHandler));
  ctxt->sax->startElement = start_element_cb;
  ctxt->sax->endElement = end_element_cb;
  ctxt->sax->characters = characters_cb;
  ctxt->sax->ignorableWhitespace = characters_cb;
  ctxt->sax->cdataBlock = characters_cb;
  ctxt->sax->initialized = 1;
  ctxt->userData = &s;
  htmlCtxtUseOptions (ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET
                            | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                            | HTML_PARSE_NOIMPLIED | HTML_PARSE_NODEFDTD
                            | HTML_PARSE_IGNORE_ENC);

  /* The input is UTF-8: no sniffing, no <meta charset>, no BOM. */
  xmlSwitchEncoding (ctxt, XML_CHAR_ENCODING_UTF8);
  if (ctxt->encoding == NULL)
    ctxt->encoding = xmlStrdup ((const xmlChar *) "UTF-8");

  s.ctxt = ctxt;
  s.out = g_string_sized_new (len + len / 8 + 16);
  s.base = base_uri != NULL && *base_uri != '\0' ? base_uri : NULL;
  s.value = g_string_sized_new (128);
  s.scratch = g_string_sized_new (128);
  s.stack = s.inline_stack;
  s.alloc = G_N_ELEMENTS (s.inline_stack);

  htmlParseDocument (ctxt);

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

  if (s.stack != s.inline_stack)
    g_free (s.stack);
  g_string_free (s.value, TRUE);
  g_string_free (s.scratch, TRUE);

  return g_string_free (s.out, FALSE);
}
