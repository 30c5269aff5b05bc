/* bs-html-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sanitiser's policy (bs-html-policy.c), applied by bs-html.c. */

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

#define BIT(a) (G_GUINT64_CONSTANT (1) << (a))
#define GLOBAL_ATTRS (BIT (A_TITLE) | BIT (A_LANG) | BIT (A_DIR))

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

/* Entries in bs_html_element_table, checked where the table is defined. */
#define BS_HTML_N_ELEMENTS 119

extern const AttrInfo    bs_html_attr_table[N_ATTRS];
extern const ElementInfo bs_html_element_table[];

typedef enum
{
  URL_LINK,
  URL_MEDIA,
  URL_IMAGE,
} UrlKind;

static inline gboolean
bs_html_is_blank_or_ctrl (unsigned char c)
{
  return c <= 0x20 || c == 0x7f;
}

const ElementInfo *bs_html_lookup_element      (const char *name);
int                bs_html_lookup_attr         (const char *name);
gboolean           bs_html_policy_init         (void);
gboolean           bs_html_iframe_src_allowed  (const char *src);
int                bs_html_url_scheme          (const char *url,
                                                char       *buf,
                                                size_t      bufsize);
gboolean           bs_html_scheme_allowed      (const char *scheme,
                                                UrlKind     kind);
gboolean           bs_html_is_image_data_url   (const char *url);

/* Appends @len bytes of @s escaping &, < and > (and '"' when @attr). */
void  bs_html_append_escaped  (GString    *out,
                               const char *s,
                               size_t      len,
                               gboolean    attr);

/* The sanitiser's SAX handler, as bs_html_fast_read() calls it: @el is
 * NULL for an element libxml2 makes up, and @atts is name, value (NULL
 * for a bare attribute), …, NULL. */
typedef struct
{
  void (*start) (gpointer           data,
                 const ElementInfo *el,
                 const char       **atts);
  void (*end)   (gpointer           data);
  void (*text)  (gpointer           data,
                 const char        *text,
                 size_t             len);
} BsHtmlEvents;

/* TRUE when libxml2's HTML parser ends an open @open at a start tag @el. */
gboolean  bs_html_closes     (const ElementInfo  *el,
                              const ElementInfo  *open);

void      bs_html_fast_init  (void);
gboolean  bs_html_fast_read  (const char         *html,
                              size_t              len,
                              const BsHtmlEvents *events,
                              gpointer            data);

typedef enum
{
  BS_HTML_READ_ANY,        /* the fast paths where they apply, else libxml2 */
  BS_HTML_READ_LIBXML,     /* libxml2 only */
  BS_HTML_READ_FAST_ONLY,  /* bs_html_fast_read() only: NULL if it refuses */
} BsHtmlRead;

/* bs_html_sanitize() choosing the reader, for tests. */
char     *bs_html_sanitize_with (const char *html,
                                 gssize      length,
                                 const char *base_uri,
                                 BsHtmlRead  read);

static inline gboolean
bs_html_is_space (unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

G_END_DECLS
