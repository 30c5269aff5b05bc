/* bs-html-policy.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-html"

#include "config.h"

#include "bs-html-private.h"

#include <stdlib.h>
#include <string.h>

/* The sanitiser's policy: which elements and attributes it keeps (the
 * allow-list tables and their lookups), which frames it embeds, and which
 * URL schemes it lets through. The SAX callbacks in bs-html.c apply it. */

const AttrInfo bs_html_attr_table[N_ATTRS] = {
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

#define CELL_ATTRS (BIT (A_ALIGN) | BIT (A_VALIGN))

/* Sorted by name (strcmp order), which bs_html_policy_init() checks. */
const ElementInfo bs_html_element_table[] = {
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

G_STATIC_ASSERT (G_N_ELEMENTS (bs_html_element_table) == BS_HTML_N_ELEMENTS);

/* Hosts whose players may be embedded, with the path their embed URLs use. */
static const char *const iframe_prefixes[] = {
  "https://www.youtube.com/embed/",
  "https://www.youtube-nocookie.com/embed/",
  "https://player.vimeo.com/video/",
};

/* name → index + 1 in the tables; filled once by bs_html_policy_init().
 * A start tag is looked up for every element of every article, and a hash
 * is one pass over the name where a binary search is seven strcmp(). */
static GHashTable *element_index;
static GHashTable *attr_index;

const ElementInfo *
bs_html_lookup_element (const char *name)
{
  int i = GPOINTER_TO_INT (g_hash_table_lookup (element_index, name));

  return i > 0 ? &bs_html_element_table[i - 1] : NULL;
}

int
bs_html_lookup_attr (const char *name)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (attr_index, name)) - 1;
}

/* Once per process, before any lookup. FALSE when a table has a name
 * twice (or out of order, which is how a duplicate is easiest to see). */
gboolean
bs_html_policy_init (void)
{
  element_index = g_hash_table_new (g_str_hash, g_str_equal);
  attr_index = g_hash_table_new (g_str_hash, g_str_equal);

  for (size_t i = 0; i < G_N_ELEMENTS (bs_html_element_table); i++)
    {
      if (i > 0 && strcmp (bs_html_element_table[i - 1].name, bs_html_element_table[i].name) >= 0)
        return FALSE;
      g_hash_table_insert (element_index, (char *) bs_html_element_table[i].name, GINT_TO_POINTER (i + 1));
    }
  for (size_t i = 0; i < G_N_ELEMENTS (bs_html_attr_table); i++)
    {
      if (i > 0 && strcmp (bs_html_attr_table[i - 1].name, bs_html_attr_table[i].name) >= 0)
        return FALSE;
      g_hash_table_insert (attr_index, (char *) bs_html_attr_table[i].name, GINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

/* TRUE when @src, a resolved URL, is the embed URL of a player that may
 * be embedded. */
gboolean
bs_html_iframe_src_allowed (const char *src)
{
  gboolean allowed = FALSE;

  for (size_t i = 0; i < G_N_ELEMENTS (iframe_prefixes); i++)
    if (g_str_has_prefix (src, iframe_prefixes[i]))
      allowed = TRUE;
  for (const char *p = src; *p != '\0'; p++)
    if (bs_html_is_blank_or_ctrl (*p) || *p == '\\')
      allowed = FALSE;

  return allowed;
}

/* The lower-cased scheme of @url in @buf, read the way a browser would and
 * then some: every ASCII whitespace or control character is skipped, so
 * " jav&#9;ascript:" (decoded) gives "javascript". Returns the scheme length,
 * 0 for a relative reference, -1 for a scheme too long to be one we allow. */
int
bs_html_url_scheme (const char *url,
                    char       *buf,
                    size_t      bufsize)
{
  size_t n = 0;

  for (const char *p = url; *p != '\0'; p++)
    {
      unsigned char c = *p;

      if (bs_html_is_blank_or_ctrl (c))
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

gboolean
bs_html_scheme_allowed (const char *scheme,
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

gboolean
bs_html_is_image_data_url (const char *url)
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
