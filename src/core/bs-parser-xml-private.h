/* bs-parser-xml-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/parser.h>

#include "bs-parser-private.h"

G_BEGIN_DECLS

/* The state of one XML parse, shared by the SAX callbacks (bs-parser-xml.c),
 * text capture (bs-parser-xml-capture.c) and the element table
 * (bs-parser-xml-elements.c). */

#define ITUNES_SCHEME "http://www.itunes.com/"

typedef enum {
  NS_NONE,      /* no namespace, or the RSS 0.90 / 1.0 namespaces */
  NS_ATOM10,
  NS_ATOM03,
  NS_DC,
  NS_DCTERMS,
  NS_CONTENT,
  NS_XHTML,
  NS_MEDIA,
  NS_ITUNES,
  NS_RDF,
  NS_OTHER,
} Ns;

typedef enum {
  CTX_ROOT,          /* children of the root element */
  CTX_FEED,          /* channel / feed */
  CTX_ENTRY,         /* item / entry */
  CTX_PERSON,        /* Atom person construct */
  CTX_IMAGE,         /* RSS <image> */
  CTX_MEDIA_GROUP,   /* media:group inside an entry */
  CTX_ITUNES_CATEGORY,
  CTX_IGNORE,        /* nothing inside means anything to us */
  CTX_CAPTURE,       /* inside the captured element */
} Ctx;

typedef enum {
  F_NONE,
  F_TITLE,
  F_SUBTITLE,
  F_RIGHTS,
  F_LINK,
  F_ATOM_LINK_TEXT,
  F_ID,
  F_GUID,
  F_LANGUAGE,
  F_ICON,
  F_LOGO,
  F_IMAGE_URL,
  F_AUTHOR_TEXT,
  F_PERSON_NAME,
  F_PERSON_EMAIL,
  F_PERSON_URI,
  F_UPDATED,
  F_PUBLISHED,
  F_CATEGORY,
  F_KEYWORDS,
  F_SUMMARY,          /* Atom summary, itunes:summary */
  F_SUMMARY_LIKE,     /* RSS description / unprefixed summary */
  F_CONTENT,
  F_MEDIA_TITLE,
  F_MEDIA_DESCRIPTION,
  F_DURATION,
  F_TTL,
} Field;

typedef enum {
  TEXT_PLAIN,
  TEXT_HTML,
  TEXT_XHTML,        /* Atom 1.0 xhtml: the wrapping div is dropped */
  TEXT_XML,          /* Atom 0.3 inline XML: kept as it is */
} TextType;

typedef struct {
  Ctx    ctx;
  char  *base;       /* owned when owns_base */
  guint  owns_base : 1;
} Frame;

typedef struct {
  Field     field;
  TextType  type;
  gboolean  base64;
  gboolean  markup;          /* children seen: buf holds serialised markup */
  int       depth;           /* stack depth of the captured element */
  GString  *buf;
  char     *base;            /* base URI of the captured element (borrowed) */
  char     *scheme;          /* category scheme (owned) */
  gboolean  permalink;       /* guid isPermaLink */
  gboolean  strong;          /* Atom published/updated: wins over issued/modified */
  /* unwrapping the Atom 1.0 xhtml <div> */
  int       top_elements;
  gboolean  top_text;
  gboolean  first_is_div;
  gsize     div_start;       /* offset just after the first <div …> */
  gsize     div_end;         /* offset of its </div> */
  int       open_void;       /* depth of a void element just opened */
} Capture;

typedef struct {
  BsFeed       *feed;
  BsParseFlags  flags;
  xmlParserCtxtPtr ctxt;

  GArray       *stack;           /* Frame */
  Capture       cap;
  gboolean      capturing;

  BsFeedEntry  *entry;           /* the entry being read, or NULL */
  BsPerson     *person;          /* the person construct being read */
  gboolean      person_is_entry;

  gboolean      root_seen;
  const char   *own_ns;          /* an unknown namespace the root element is in */
  gboolean      own_ns_is_atom;
  /* dates set by Atom published/updated: [0] feed, [1] entry */
  gboolean      published_strong[2];
  gboolean      updated_strong[2];
  gboolean      is_atom;
  char         *root_lang;

  /* what filled an entry's summary, for the "two summaries" rule */
  char         *second_summary;
  char         *guid_link;       /* a permalink guid, the link if none other */
  gboolean      summary_from_like;

  /* scheme + term of the categories listed, [0] the feed's, [1] the
   * current entry's */
  GHashTable   *categories_seen[2];
  GHashTable   *html_entities;   /* name → xmlEntity, made on demand */

  const char   *doc_base;        /* the --base URI */
  const char   *elem_base;       /* base URI of the element being started */

  guint         xml_errors;      /* reported by libxml2 */

  gsize         text_used;
  gsize         text_budget;
  gboolean      limit_hit;
  gboolean      has_external_subset;
} Parser;

gboolean        bs_xml_spend_budget        (Parser *p,
                                            gsize   n);
void            bs_xml_append_text         (GString    *buf,
                                            const char *s,
                                            gsize       len,
                                            gboolean    escape);
void            bs_xml_append_attr_value   (GString       *buf,
                                            const xmlChar *v,
                                            const xmlChar *end);
gboolean        bs_xml_is_void_element     (const xmlChar *name);
Frame *         bs_xml_top_frame           (Parser *p);
const char *    bs_xml_current_base        (Parser *p);
const xmlChar * bs_xml_find_attr           (int             nb_attributes,
                                            const xmlChar **attributes,
                                            const char     *local,
                                            const char     *ns_uri,
                                            gsize          *len);
char *          bs_xml_attr_dup            (int             nb_attributes,
                                            const xmlChar **attributes,
                                            const char     *local);
char *          bs_xml_attr_url            (Parser         *p,
                                            int             nb_attributes,
                                            const xmlChar **attributes,
                                            const char     *local);
void            bs_xml_set_once            (char **slot,
                                            char  *value);
void            bs_xml_add_category        (Parser     *p,
                                            const char *scheme,
                                            const char *term,
                                            gsize       len);
void            bs_xml_add_category_list   (Parser     *p,
                                            const char *scheme,
                                            const char *text);
TextType        bs_xml_atom_text_type      (Parser         *p,
                                            Ns              ns,
                                            int             nb_attributes,
                                            const xmlChar **attributes,
                                            gboolean       *base64);
void            bs_xml_begin_capture       (Parser   *p,
                                            Field     field,
                                            TextType  type,
                                            gboolean  base64);
void            bs_xml_end_capture         (Parser *p);
void            bs_xml_begin_entry         (Parser         *p,
                                            int             nb_attributes,
                                            const xmlChar **attributes);
void            bs_xml_end_entry           (Parser *p);
void            bs_xml_end_person          (Parser *p);
Ctx             bs_xml_feed_or_entry_child (Parser         *p,
                                            Ns              ns,
                                            const char     *name,
                                            int             nb_attributes,
                                            const xmlChar **attributes);
Ctx             bs_xml_root_element        (Parser         *p,
                                            Ns              ns,
                                            const char     *name,
                                            int             nb_attributes,
                                            const xmlChar **attributes);

G_END_DECLS
