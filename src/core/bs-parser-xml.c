/* bs-parser-xml.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-parser-xml"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "bs-date.h"
#include "bs-encoding.h"
#include "bs-html.h"
#include "bs-parser-private.h"
#include "bs-uri.h"

/* RSS, RDF and Atom read with libxml2's SAX2 interface: one pass, no tree.
 *
 * Every element opens a frame whose context says what its children mean
 * (the channel, an item, an author, an element we do not know and whose
 * children must not be mistaken for the item's own). One element at a time
 * may be "captured": its text, or its children re-serialised as markup,
 * is collected and handed to the field it fills when it closes. */

/* Text collected from one document (entity expansion included) is bounded
 * by this multiple of the input size, plus a floor for small inputs. */
#define TEXT_BUDGET_FACTOR 8
#define TEXT_BUDGET_FLOOR  (4 * 1024 * 1024)

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
  gboolean      summary_from_like;

  GHashTable   *categories_seen; /* of the feed or current entry */
  GHashTable   *html_entities;   /* name → xmlEntity, made on demand */

  const char   *doc_base;        /* the --base URI */

  gsize         text_used;
  gsize         text_budget;
  gboolean      limit_hit;
  gboolean      has_external_subset;
} Parser;

static Ns
ns_for_uri (const xmlChar *uri,
            const xmlChar *prefix)
{
  const char *u = (const char *) uri;

  if (u == NULL)
    {
      /* an undeclared prefix: libxml2 reports it; read it by its usual name */
      if (prefix == NULL)
        return NS_NONE;
      if (xmlStrEqual (prefix, BAD_CAST "dc"))
        return NS_DC;
      if (xmlStrEqual (prefix, BAD_CAST "dcterms"))
        return NS_DCTERMS;
      if (xmlStrEqual (prefix, BAD_CAST "content"))
        return NS_CONTENT;
      if (xmlStrEqual (prefix, BAD_CAST "media"))
        return NS_MEDIA;
      if (xmlStrEqual (prefix, BAD_CAST "itunes"))
        return NS_ITUNES;
      if (xmlStrEqual (prefix, BAD_CAST "atom"))
        return NS_ATOM10;
      if (xmlStrEqual (prefix, BAD_CAST "xhtml"))
        return NS_XHTML;
      if (xmlStrEqual (prefix, BAD_CAST "rdf"))
        return NS_RDF;
      return NS_OTHER;
    }

  switch (u[0] == 'h' && strncmp (u, "http://", 7) == 0 ? u[7] : '\0')
    {
    case 'p':
      if (strcmp (u, "http://purl.org/rss/1.0/") == 0)
        return NS_NONE;
      if (strcmp (u, "http://purl.org/dc/elements/1.1/") == 0)
        return NS_DC;
      if (strcmp (u, "http://purl.org/dc/terms/") == 0)
        return NS_DCTERMS;
      if (strcmp (u, "http://purl.org/rss/1.0/modules/content/") == 0)
        return NS_CONTENT;
      if (strcmp (u, "http://purl.org/atom/ns#") == 0)
        return NS_ATOM03;
      break;
    case 'w':
      if (strcmp (u, "http://www.w3.org/2005/Atom") == 0)
        return NS_ATOM10;
      if (strcmp (u, "http://www.w3.org/1999/xhtml") == 0)
        return NS_XHTML;
      if (strcmp (u, "http://www.w3.org/1999/02/22-rdf-syntax-ns#") == 0)
        return NS_RDF;
      if (strcmp (u, "http://www.itunes.com/dtds/podcast-1.0.dtd") == 0)
        return NS_ITUNES;
      break;
    case 's':
      if (strcmp (u, "http://search.yahoo.com/mrss/") == 0 ||
          strcmp (u, "http://search.yahoo.com/mrss") == 0)
        return NS_MEDIA;
      break;
    case 'm':
      if (strcmp (u, "http://my.netscape.com/rdf/simple/0.9/") == 0)
        return NS_NONE;
      break;
    case 'b':
      if (g_ascii_strncasecmp (u, "http://backend.userland.com/rss", 31) == 0 ||
          strcmp (u, "http://blogs.law.harvard.edu/tech/rss") == 0)
        return NS_NONE;
      break;
    default:
      break;
    }
  if (strcmp (u, "http://www.itunes.com/DTDs/Podcast-1.0.dtd") == 0 ||
      strcmp (u, "https://www.itunes.com/dtds/podcast-1.0.dtd") == 0)
    return NS_ITUNES;
  if (strcmp (u, "https://www.w3.org/2005/Atom") == 0)
    return NS_ATOM10;
  if (strcmp (u, "http://purl.org/rss/1.0/modules/rss091#") == 0)
    return NS_NONE;
  return NS_OTHER;
}

static Ns
element_ns (Parser        *p,
            const xmlChar *uri,
            const xmlChar *prefix)
{
  if (p->own_ns != NULL && uri != NULL && strcmp ((const char *) uri, p->own_ns) == 0)
    return p->own_ns_is_atom ? NS_ATOM03 : NS_NONE;
  return ns_for_uri (uri, prefix);
}

/* ---- text collection -------------------------------------------------- */

static gboolean
spend_budget (Parser *p,
              gsize   n)
{
  p->text_used += n;
  if (p->text_used <= p->text_budget)
    return TRUE;
  if (!p->limit_hit)
    {
      p->limit_hit = TRUE;
      bs_feed_add_error (p->feed, "the document expands to too much text (entity expansion?); parsing stopped");
      xmlStopParser (p->ctxt);
    }
  return FALSE;
}

/* Appends text, reading U+0080..U+009F as windows-1252 (feeds write
 * &#146; for ’), escaping < and > when @escape. */
static void
append_text (GString    *buf,
             const char *s,
             gsize       len,
             gboolean    escape)
{
  const char *p = s;
  const char *end = s + len;

  while (p < end)
    {
      const char *q;

      if (escape)
        {
          q = p;
          while (q < end && *q != '<' && *q != '>' && (guchar) *q != 0xC2)
            q++;
        }
      else
        {
          q = memchr (p, 0xC2, end - p);
          if (q == NULL)
            q = end;
        }
      g_string_append_len (buf, p, q - p);
      if (q >= end)
        break;
      if ((guchar) *q == 0xC2 && q + 1 < end && (guchar) q[1] >= 0x80 && (guchar) q[1] <= 0x9F)
        {
          g_string_append_unichar (buf, bs_encoding_cp1252_c1 ((guchar) q[1]));
          p = q + 2;
          continue;
        }
      if (*q == '<')
        g_string_append (buf, "&lt;");
      else if (*q == '>')
        g_string_append (buf, "&gt;");
      else
        g_string_append_c (buf, *q);
      p = q + 1;
    }
}

static void
append_attr_value (GString       *buf,
                   const xmlChar *v,
                   const xmlChar *end)
{
  for (; v < end; v++)
    {
      switch (*v)
        {
        case '&': g_string_append (buf, "&amp;"); break;
        case '"': g_string_append (buf, "&quot;"); break;
        case '<': g_string_append (buf, "&lt;"); break;
        case '>': g_string_append (buf, "&gt;"); break;
        default:  g_string_append_c (buf, (char) *v); break;
        }
    }
}

static gboolean
is_void_element (const xmlChar *name)
{
  static const char * const voids[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
  };

  for (guint i = 0; i < G_N_ELEMENTS (voids); i++)
    if (xmlStrEqual (name, BAD_CAST voids[i]))
      return TRUE;
  return FALSE;
}

/* ---- frames ----------------------------------------------------------- */

static Frame *
top_frame (Parser *p)
{
  return &g_array_index (p->stack, Frame, p->stack->len - 1);
}

static const char *
current_base (Parser *p)
{
  return p->stack->len > 0 ? top_frame (p)->base : NULL;
}

static const xmlChar *
find_attr (int             nb_attributes,
           const xmlChar **attributes,
           const char     *local,
           const char     *ns_uri,
           gsize          *len)
{
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **a = attributes + i * 5;

      if (!xmlStrEqual (a[0], BAD_CAST local))
        continue;
      if (ns_uri == NULL ? a[2] != NULL : (a[2] == NULL || !xmlStrEqual (a[2], BAD_CAST ns_uri)))
        {
          /* RDF attributes written without their namespace */
          if (!(ns_uri != NULL && a[2] == NULL && a[1] != NULL))
            continue;
        }
      *len = a[4] - a[3];
      return a[3];
    }
  return NULL;
}

static char *
attr_dup (int             nb_attributes,
          const xmlChar **attributes,
          const char     *local)
{
  gsize len;
  const xmlChar *v = find_attr (nb_attributes, attributes, local, NULL, &len);

  return v != NULL ? g_strndup ((const char *) v, len) : NULL;
}

static char *
attr_url (Parser         *p,
          int             nb_attributes,
          const xmlChar **attributes,
          const char     *local)
{
  g_autofree char *v = attr_dup (nb_attributes, attributes, local);

  if (v == NULL)
    return NULL;
  g_strstrip (v);
  if (*v == '\0')
    return NULL;
  return bs_uri_resolve (current_base (p), v);
}

static void
set_once (char **slot,
          char  *value)
{
  if (*slot == NULL)
    *slot = value;
  else
    g_free (value);
}

/* ---- categories ------------------------------------------------------- */

static void
add_category (Parser     *p,
              const char *scheme,
              const char *term,
              gsize       len)
{
  GPtrArray *list = p->entry != NULL ? p->entry->categories : p->feed->categories;
  g_autofree char *t = NULL;
  char *key;

  while (len > 0 && g_ascii_isspace (*term))
    term++, len--;
  while (len > 0 && g_ascii_isspace (term[len - 1]))
    len--;
  if (len == 0)
    return;

  t = g_strndup (term, len);
  key = g_strconcat (scheme ? scheme : "", "\x1f", t, NULL);
  if (!g_hash_table_add (p->categories_seen, key))
    return;
  g_ptr_array_add (list, g_steal_pointer (&t));
}

static void
add_category_list (Parser     *p,
                   const char *scheme,
                   const char *text)
{
  const char *start = text;

  for (const char *c = text;; c++)
    {
      if (*c == ',' || *c == '\0')
        {
          add_category (p, scheme, start, c - start);
          start = c + 1;
        }
      if (*c == '\0')
        break;
    }
}

#define ITUNES_SCHEME "http://www.itunes.com/"

/* ---- capture ---------------------------------------------------------- */

static TextType
atom_text_type (Parser         *p,
                Ns              ns,
                int             nb_attributes,
                const xmlChar **attributes,
                gboolean       *base64)
{
  g_autofree char *type = attr_dup (nb_attributes, attributes, "type");
  g_autofree char *mode = attr_dup (nb_attributes, attributes, "mode");

  *base64 = FALSE;
  if (mode != NULL && g_ascii_strcasecmp (mode, "base64") == 0)
    *base64 = TRUE;

  if (type == NULL)
    return TEXT_PLAIN;
  g_strstrip (type);
  if (*type == '\0')
    return TEXT_PLAIN;
  if (g_ascii_strcasecmp (type, "text") == 0 || g_ascii_strcasecmp (type, "text/plain") == 0)
    return TEXT_PLAIN;
  if (g_ascii_strcasecmp (type, "html") == 0 || g_ascii_strcasecmp (type, "text/html") == 0)
    return TEXT_HTML;
  if (g_ascii_strcasecmp (type, "xhtml") == 0)
    return TEXT_XHTML;
  if (g_ascii_strcasecmp (type, "application/xhtml+xml") == 0)
    return ns == NS_ATOM03 ? TEXT_XML : TEXT_XHTML;
  if (ns == NS_ATOM03)
    {
      /* 0.3: escaped or inline content of another type */
      if (mode != NULL && g_ascii_strcasecmp (mode, "escaped") == 0)
        return TEXT_HTML;
      return g_str_has_prefix (type, "text/") ? TEXT_PLAIN : TEXT_XML;
    }
  /* Atom 1.0: an XML media type is inline, text/ is text, others base64 */
  if (g_str_has_suffix (type, "+xml") || g_str_has_suffix (type, "/xml"))
    return TEXT_XML;
  if (g_str_has_prefix (type, "text/"))
    return TEXT_PLAIN;
  *base64 = TRUE;
  return TEXT_PLAIN;
}

static void
begin_capture (Parser   *p,
               Field     field,
               TextType  type,
               gboolean  base64)
{
  Capture *c = &p->cap;

  c->field = field;
  c->type = type;
  c->base64 = base64;
  c->markup = FALSE;
  c->depth = p->stack->len + 1;   /* the frame pushed next */
  g_string_truncate (c->buf, 0);
  c->base = (char *) current_base (p);
  c->top_elements = 0;
  c->top_text = FALSE;
  c->first_is_div = FALSE;
  c->div_start = c->div_end = 0;
  c->open_void = -1;
  c->strong = FALSE;
  p->capturing = TRUE;
}

/* The captured content as HTML. */
static char *
capture_as_html (Parser *p)
{
  Capture *c = &p->cap;

  if (c->base64)
    {
      g_autofree char *text = g_strndup (c->buf->str, c->buf->len);
      gsize len = 0;

      g_base64_decode_inplace (text, &len);
      if (memchr (text, '\0', len) != NULL || !g_utf8_validate_len (text, len, NULL))
        return NULL;
      if (c->type == TEXT_PLAIN)
        return bs_parser_escape_text (text, len);
      return g_strndup (text, len);
    }

  if (c->markup)
    {
      if (c->type == TEXT_XHTML && c->first_is_div && c->top_elements == 1 && !c->top_text &&
          c->div_end >= c->div_start)
        return g_strndup (c->buf->str + c->div_start, c->div_end - c->div_start);
      return g_strndup (c->buf->str, c->buf->len);
    }

  if (c->type == TEXT_HTML)
    return g_strndup (c->buf->str, c->buf->len);
  return bs_parser_escape_text (c->buf->str, c->buf->len);
}

/* The captured content as plain text. */
static char *
capture_as_text (Parser *p)
{
  Capture *c = &p->cap;
  char *s;

  if (c->markup || c->type == TEXT_HTML || c->type == TEXT_XHTML || c->base64)
    {
      g_autofree char *html = NULL;

      if (c->markup || c->base64)
        html = capture_as_html (p);
      else
        html = g_strndup (c->buf->str, c->buf->len);
      if (html == NULL)
        return NULL;
      s = bs_html_strip_tags (html, -1);
    }
  else
    s = g_strndup (c->buf->str, c->buf->len);

  /* an element that is there but empty is "", not absent */
  return g_strstrip (s);
}

static char *
capture_trimmed (Parser *p)
{
  char *s = g_strndup (p->cap.buf->str, p->cap.buf->len);

  g_strstrip (s);
  if (*s == '\0')
    {
      g_free (s);
      return NULL;
    }
  return s;
}

static char *
capture_url (Parser *p)
{
  g_autofree char *s = capture_trimmed (p);

  if (s == NULL)
    return NULL;
  return bs_uri_resolve (p->cap.base, s);
}

static gint64
capture_date (Parser *p)
{
  gint64 t;

  if (bs_date_parse (p->cap.buf->str, &t))
    return t;
  return BS_DATE_NONE;
}

static void
set_date (Parser   *p,
          gint64   *slot,
          gboolean *strong_slot)
{
  gint64 t = capture_date (p);

  if (t == BS_DATE_NONE)
    return;
  if (*slot == BS_DATE_NONE || (p->cap.strong && !*strong_slot))
    {
      *slot = t;
      *strong_slot = p->cap.strong;
    }
}

static void
end_capture (Parser *p)
{
  Capture *c = &p->cap;
  BsFeedEntry *e = p->entry;
  BsFeed *f = p->feed;

  p->capturing = FALSE;

  if (p->person != NULL)
    {
      switch (c->field)
        {
        case F_PERSON_NAME:
          {
            char *name = capture_as_text (p);

            if (name != NULL && *name == '\0')
              g_clear_pointer (&name, g_free);
            set_once (&p->person->name, name);
          }
          break;
        case F_PERSON_EMAIL:
          set_once (&p->person->email, capture_trimmed (p));
          break;
        case F_PERSON_URI:
          set_once (&p->person->uri, capture_url (p));
          break;
        default:
          break;
        }
      return;
    }

  switch (c->field)
    {
    case F_TITLE:
      set_once (e ? &e->title : &f->title, capture_as_text (p));
      break;

    case F_MEDIA_TITLE:
      if (e != NULL && e->title == NULL)
        e->title = capture_as_text (p);
      break;

    case F_SUBTITLE:
      if (e == NULL)
        set_once (&f->subtitle, capture_as_text (p));
      break;

    case F_RIGHTS:
      if (e == NULL)
        set_once (&f->rights, capture_as_text (p));
      break;

    case F_LINK:
    case F_ATOM_LINK_TEXT:
      set_once (e ? &e->link : &f->link, capture_url (p));
      break;

    case F_ID:
      set_once (e ? &e->id : &f->id, p->is_atom ? capture_url (p) : capture_trimmed (p));
      break;

    case F_GUID:
      if (e != NULL)
        {
          char *id = capture_trimmed (p);

          if (id == NULL)
            break;
          /* a guid wins over rdf:about */
          g_free (e->id);
          e->id = g_strdup (id);
          if (c->permalink && e->link == NULL)
            e->link = bs_uri_resolve (c->base, id);
          g_free (id);
        }
      break;

    case F_LANGUAGE:
      if (e == NULL)
        {
          char *lang = capture_trimmed (p);

          if (lang != NULL)
            g_strdelimit (lang, "_", '-');
          set_once (&f->language, lang);
        }
      break;

    case F_ICON:
      if (e == NULL)
        set_once (&f->icon, capture_url (p));
      break;

    case F_LOGO:
    case F_IMAGE_URL:
      if (e == NULL)
        set_once (&f->image, capture_url (p));
      break;

    case F_AUTHOR_TEXT:
      {
        char *text = capture_as_text (p);
        char **slot = e ? &e->author : &f->author;
        BsPerson **detail = e ? &e->author_detail : &f->author_detail;

        if (text == NULL || *text == '\0' || *slot != NULL)
          {
            g_free (text);
            break;
          }
        *slot = text;
        *detail = bs_person_new ();
        bs_parser_split_author (text, *detail);
      }
      break;

    case F_UPDATED:
      set_date (p, e ? &e->updated : &f->updated, &p->updated_strong[e != NULL]);
      break;

    case F_PUBLISHED:
      set_date (p, e ? &e->published : &f->published, &p->published_strong[e != NULL]);
      break;

    case F_CATEGORY:
      {
        g_autofree char *text = capture_as_text (p);

        if (text != NULL)
          add_category (p, c->scheme, text, strlen (text));
      }
      break;

    case F_KEYWORDS:
      {
        g_autofree char *text = capture_as_text (p);

        if (text != NULL)
          add_category_list (p, c->scheme, text);
      }
      break;

    case F_SUMMARY:
    case F_SUMMARY_LIKE:
      if (e != NULL)
        {
          char *html = capture_as_html (p);

          if (html == NULL)
            break;
          html = bs_parser_finish_html (html, c->base, p->flags);
          if (e->summary == NULL)
            {
              e->summary = html;
              p->summary_from_like = c->field == F_SUMMARY_LIKE;
            }
          else if (c->field == F_SUMMARY_LIKE && p->summary_from_like && p->second_summary == NULL)
            p->second_summary = html;
          else
            g_free (html);
        }
      else if (c->field == F_SUMMARY_LIKE || p->is_atom)
        set_once (&f->subtitle, capture_as_text (p));
      break;

    case F_MEDIA_DESCRIPTION:
      if (e != NULL && e->summary == NULL)
        {
          char *html = capture_as_html (p);

          e->summary = bs_parser_finish_html (html, c->base, p->flags);
        }
      break;

    case F_CONTENT:
      if (e != NULL && e->content == NULL)
        {
          char *html = capture_as_html (p);

          e->content = bs_parser_finish_html (html, c->base, p->flags);
        }
      break;

    case F_DURATION:
      if (e != NULL)
        set_once (&e->duration, capture_trimmed (p));
      break;

    case F_TTL:
      if (e == NULL)
        {
          guint64 v = g_ascii_strtoull (c->buf->str, NULL, 10);

          f->ttl = (guint) MIN (v, 60 * 24 * 365);
        }
      break;

    case F_PERSON_NAME:
    case F_PERSON_EMAIL:
    case F_PERSON_URI:
    case F_NONE:
    default:
      break;
    }
}

/* ---- entries and persons ---------------------------------------------- */

static void
begin_entry (Parser         *p,
             int             nb_attributes,
             const xmlChar **attributes)
{
  gsize len;
  const xmlChar *about;

  p->entry = bs_feed_entry_new ();
  p->published_strong[1] = p->updated_strong[1] = FALSE;
  g_hash_table_remove_all (p->categories_seen);
  g_clear_pointer (&p->second_summary, g_free);
  p->summary_from_like = FALSE;

  about = find_attr (nb_attributes, attributes, "about",
                     "http://www.w3.org/1999/02/22-rdf-syntax-ns#", &len);
  if (about != NULL && len > 0)
    {
      g_autofree char *id = g_strndup ((const char *) about, len);

      p->entry->id = g_strdup (g_strstrip (id));
    }
}

static void
end_entry (Parser *p)
{
  BsFeedEntry *e = g_steal_pointer (&p->entry);

  if (e->content == NULL && p->second_summary != NULL)
    e->content = g_steal_pointer (&p->second_summary);
  g_clear_pointer (&p->second_summary, g_free);
  if (e->id != NULL && *e->id == '\0')
    g_clear_pointer (&e->id, g_free);
  g_ptr_array_add (p->feed->entries, e);
  g_hash_table_remove_all (p->categories_seen);
}

static void
end_person (Parser *p)
{
  BsPerson *person = g_steal_pointer (&p->person);
  char **slot = p->entry ? &p->entry->author : &p->feed->author;
  BsPerson **detail = p->entry ? &p->entry->author_detail : &p->feed->author_detail;

  if (*detail != NULL || (person->name == NULL && person->email == NULL && person->uri == NULL))
    {
      bs_person_free (person);
      return;
    }
  if (person->name != NULL && person->email != NULL)
    *slot = g_strdup_printf ("%s (%s)", person->name, person->email);
  else if (person->name != NULL)
    *slot = g_strdup (person->name);
  else if (person->email != NULL)
    *slot = g_strdup (person->email);
  *detail = person;
}

static void
add_enclosure (Parser         *p,
               const char     *url_attr,
               const char     *length_attr,
               int             nb_attributes,
               const xmlChar **attributes)
{
  BsEnclosure *enc;
  g_autofree char *length = NULL;
  char *url = attr_url (p, nb_attributes, attributes, url_attr);

  if (url == NULL || p->entry == NULL)
    {
      g_free (url);
      return;
    }
  enc = g_new0 (BsEnclosure, 1);
  enc->url = url;
  enc->type = attr_dup (nb_attributes, attributes, "type");
  if (enc->type != NULL)
    {
      g_strstrip (enc->type);
      if (*enc->type == '\0')
        g_clear_pointer (&enc->type, g_free);
    }
  enc->length = -1;
  length = attr_dup (nb_attributes, attributes, length_attr);
  if (length != NULL)
    {
      guint64 v;

      g_strstrip (length);
      if (g_ascii_string_to_unsigned (length, 10, 0, G_MAXINT64, &v, NULL))
        enc->length = (gint64) v;
    }
  g_ptr_array_add (p->entry->enclosures, enc);
}

/* ---- the element table ------------------------------------------------ */

/* What a start tag means in a feed or entry context. Returns the context of
 * the new frame; may begin a capture. */
static Ctx
feed_or_entry_child (Parser         *p,
                     Ns              ns,
                     const char     *name,
                     int             nb_attributes,
                     const xmlChar **attributes)
{
  gboolean in_entry = p->entry != NULL;
  gboolean atom = ns == NS_ATOM10 || ns == NS_ATOM03;
  gboolean base64 = FALSE;
  TextType tt;

  if (ns == NS_NONE || atom)
    {
      if (!in_entry && (strcmp (name, "item") == 0 || (atom && strcmp (name, "entry") == 0)))
        {
          begin_entry (p, nb_attributes, attributes);
          return CTX_ENTRY;
        }

      if (strcmp (name, "title") == 0)
        {
          tt = atom ? atom_text_type (p, ns, nb_attributes, attributes, &base64) : TEXT_PLAIN;
          begin_capture (p, F_TITLE, tt, base64);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "link") == 0)
        {
          g_autofree char *rel = NULL;

          if (!atom && find_attr (nb_attributes, attributes, "href", NULL, &(gsize){0}) == NULL)
            {
              begin_capture (p, F_LINK, TEXT_PLAIN, FALSE);
              return CTX_CAPTURE;
            }
          rel = attr_dup (nb_attributes, attributes, "rel");
          if (rel != NULL)
            g_strstrip (rel);
          if (rel == NULL || *rel == '\0' || g_ascii_strcasecmp (rel, "alternate") == 0 ||
              g_ascii_strcasecmp (rel, "http://www.iana.org/assignments/relation/alternate") == 0)
            {
              char *href = attr_url (p, nb_attributes, attributes, "href");

              if (href == NULL)
                {
                  begin_capture (p, F_ATOM_LINK_TEXT, TEXT_PLAIN, FALSE);
                  return CTX_CAPTURE;
                }
              set_once (in_entry ? &p->entry->link : &p->feed->link, href);
            }
          else if (in_entry && g_ascii_strcasecmp (rel, "enclosure") == 0)
            add_enclosure (p, "href", "length", nb_attributes, attributes);
          return CTX_IGNORE;
        }

      if (strcmp (name, "description") == 0 && !atom)
        {
          begin_capture (p, F_SUMMARY_LIKE, TEXT_HTML, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "summary") == 0)
        {
          if (atom)
            {
              tt = atom_text_type (p, ns, nb_attributes, attributes, &base64);
              begin_capture (p, F_SUMMARY, tt, base64);
            }
          else
            begin_capture (p, F_SUMMARY_LIKE, TEXT_HTML, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "content") == 0 && atom)
        {
          if (find_attr (nb_attributes, attributes, "src", NULL, &(gsize){0}) != NULL)
            return CTX_IGNORE;
          tt = atom_text_type (p, ns, nb_attributes, attributes, &base64);
          begin_capture (p, F_CONTENT, tt, base64);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "body") == 0 && !atom && in_entry)
        {
          begin_capture (p, F_CONTENT, TEXT_XML, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "fullitem") == 0 && !atom)
        {
          begin_capture (p, F_CONTENT, TEXT_HTML, FALSE);
          return CTX_CAPTURE;
        }

      if (atom && (strcmp (name, "subtitle") == 0 || strcmp (name, "tagline") == 0 ||
                   strcmp (name, "rights") == 0 || strcmp (name, "copyright") == 0))
        {
          tt = atom_text_type (p, ns, nb_attributes, attributes, &base64);
          begin_capture (p, name[0] == 'r' || name[0] == 'c' ? F_RIGHTS : F_SUBTITLE, tt, base64);
          return CTX_CAPTURE;
        }

      if (!atom && strcmp (name, "copyright") == 0)
        {
          begin_capture (p, F_RIGHTS, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "id") == 0 && atom)
        {
          begin_capture (p, F_ID, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "guid") == 0 && in_entry)
        {
          g_autofree char *perma = attr_dup (nb_attributes, attributes, "isPermaLink");

          begin_capture (p, F_GUID, TEXT_PLAIN, FALSE);
          p->cap.permalink = perma == NULL || g_ascii_strcasecmp (g_strstrip (perma), "false") != 0;
          return CTX_CAPTURE;
        }

      if (strcmp (name, "author") == 0 || strcmp (name, "managingEditor") == 0)
        {
          if (atom)
            {
              p->person = bs_person_new ();
              return CTX_PERSON;
            }
          begin_capture (p, F_AUTHOR_TEXT, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "pubDate") == 0 || (atom && (strcmp (name, "published") == 0 ||
                                                   strcmp (name, "issued") == 0)))
        {
          begin_capture (p, F_PUBLISHED, TEXT_PLAIN, FALSE);
          p->cap.strong = atom && name[0] == 'p';
          return CTX_CAPTURE;
        }

      if ((strcmp (name, "lastBuildDate") == 0 && !in_entry) ||
          (atom && (strcmp (name, "updated") == 0 || strcmp (name, "modified") == 0)))
        {
          begin_capture (p, F_UPDATED, TEXT_PLAIN, FALSE);
          p->cap.strong = atom && name[0] == 'u';
          return CTX_CAPTURE;
        }

      if (strcmp (name, "category") == 0)
        {
          if (atom)
            {
              g_autofree char *term = attr_dup (nb_attributes, attributes, "term");
              g_autofree char *scheme = attr_dup (nb_attributes, attributes, "scheme");

              if (term != NULL)
                add_category (p, scheme, term, strlen (term));
              return CTX_IGNORE;
            }
          begin_capture (p, F_CATEGORY, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
          p->cap.scheme = attr_dup (nb_attributes, attributes, "domain");
          return CTX_CAPTURE;
        }

      if (strcmp (name, "tags") == 0 && !atom)
        {
          begin_capture (p, F_KEYWORDS, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
          return CTX_CAPTURE;
        }

      if (!in_entry && strcmp (name, "language") == 0 && !atom)
        {
          begin_capture (p, F_LANGUAGE, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (!in_entry && strcmp (name, "icon") == 0 && ns == NS_ATOM10)
        {
          begin_capture (p, F_ICON, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (!in_entry && strcmp (name, "logo") == 0 && atom)
        {
          begin_capture (p, F_LOGO, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (!in_entry && strcmp (name, "image") == 0 && !atom)
        return CTX_IMAGE;

      if (in_entry && strcmp (name, "enclosure") == 0 && !atom)
        {
          add_enclosure (p, "url", "length", nb_attributes, attributes);
          return CTX_IGNORE;
        }

      if (!in_entry && strcmp (name, "ttl") == 0 && !atom)
        {
          begin_capture (p, F_TTL, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      return CTX_IGNORE;
    }

  switch (ns)
    {
    case NS_DC:
      if (strcmp (name, "title") == 0)
        begin_capture (p, F_TITLE, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "creator") == 0 || strcmp (name, "author") == 0)
        begin_capture (p, F_AUTHOR_TEXT, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "date") == 0)
        begin_capture (p, F_UPDATED, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "description") == 0)
        begin_capture (p, in_entry ? F_SUMMARY : F_SUBTITLE, TEXT_HTML, FALSE);
      else if (strcmp (name, "rights") == 0)
        begin_capture (p, F_RIGHTS, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "language") == 0 && !in_entry)
        begin_capture (p, F_LANGUAGE, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "subject") == 0)
        {
          begin_capture (p, F_CATEGORY, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
        }
      else
        return CTX_IGNORE;
      return CTX_CAPTURE;

    case NS_DCTERMS:
      if (strcmp (name, "modified") == 0)
        begin_capture (p, F_UPDATED, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "issued") == 0)
        begin_capture (p, F_PUBLISHED, TEXT_PLAIN, FALSE);
      else
        return CTX_IGNORE;
      return CTX_CAPTURE;

    case NS_CONTENT:
      if (strcmp (name, "encoded") == 0)
        {
          begin_capture (p, F_CONTENT, TEXT_HTML, FALSE);
          return CTX_CAPTURE;
        }
      return CTX_IGNORE;

    case NS_XHTML:
      if (strcmp (name, "body") == 0 || strcmp (name, "div") == 0)
        {
          begin_capture (p, F_CONTENT, TEXT_XML, FALSE);
          return CTX_CAPTURE;
        }
      return CTX_IGNORE;

    case NS_ITUNES:
      if (strcmp (name, "author") == 0)
        begin_capture (p, F_AUTHOR_TEXT, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "subtitle") == 0 && !in_entry)
        begin_capture (p, F_SUBTITLE, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "summary") == 0)
        begin_capture (p, F_SUMMARY, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "duration") == 0)
        begin_capture (p, F_DURATION, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "keywords") == 0)
        {
          begin_capture (p, F_KEYWORDS, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
          p->cap.scheme = g_strdup (ITUNES_SCHEME);
        }
      else if (strcmp (name, "image") == 0 || strcmp (name, "link") == 0)
        {
          g_autofree char *rel = NULL;
          char *url;

          if (name[0] == 'l')
            {
              rel = attr_dup (nb_attributes, attributes, "rel");
              if (rel == NULL || strcmp (g_strstrip (rel), "image") != 0)
                return CTX_IGNORE;
            }
          url = attr_url (p, nb_attributes, attributes, "href");
          if (url == NULL)
            url = attr_url (p, nb_attributes, attributes, "url");
          set_once (in_entry ? &p->entry->thumbnail : &p->feed->image, url);
          return CTX_IGNORE;
        }
      else if (strcmp (name, "category") == 0)
        {
          g_autofree char *text = attr_dup (nb_attributes, attributes, "text");

          if (text != NULL)
            add_category (p, ITUNES_SCHEME, text, strlen (text));
          return CTX_ITUNES_CATEGORY;
        }
      else
        return CTX_IGNORE;
      return CTX_CAPTURE;

    case NS_MEDIA:
      if (!in_entry)
        return CTX_IGNORE;
      if (strcmp (name, "group") == 0)
        return CTX_MEDIA_GROUP;
      if (strcmp (name, "title") == 0)
        {
          begin_capture (p, F_MEDIA_TITLE, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }
      if (strcmp (name, "description") == 0)
        {
          g_autofree char *type = attr_dup (nb_attributes, attributes, "type");

          begin_capture (p, F_MEDIA_DESCRIPTION,
                         type != NULL && strcmp (type, "html") == 0 ? TEXT_HTML : TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }
      if (strcmp (name, "thumbnail") == 0)
        {
          set_once (&p->entry->thumbnail, attr_url (p, nb_attributes, attributes, "url"));
          return CTX_IGNORE;
        }
      if (strcmp (name, "content") == 0)
        {
          g_autofree char *medium = attr_dup (nb_attributes, attributes, "medium");
          g_autofree char *type = attr_dup (nb_attributes, attributes, "type");

          if ((medium != NULL && strcmp (medium, "image") == 0) ||
              (type != NULL && g_str_has_prefix (type, "image/")))
            set_once (&p->entry->thumbnail, attr_url (p, nb_attributes, attributes, "url"));
          /* media:content carries its own media:title etc. */
          return CTX_MEDIA_GROUP;
        }
      if (strcmp (name, "category") == 0)
        {
          begin_capture (p, F_CATEGORY, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
          p->cap.scheme = attr_dup (nb_attributes, attributes, "scheme");
          if (p->cap.scheme == NULL)
            p->cap.scheme = g_strdup ("http://search.yahoo.com/mrss/category_schema");
          return CTX_CAPTURE;
        }
      return CTX_IGNORE;

    case NS_ATOM10:
    case NS_ATOM03:
    case NS_NONE:
    case NS_RDF:
    case NS_OTHER:
    default:
      return CTX_IGNORE;
    }
}

/* ---- root and format sniffing ----------------------------------------- */

static Ctx
root_element (Parser         *p,
              Ns              ns,
              const char     *name,
              int             nb_attributes,
              const xmlChar **attributes)
{
  BsFeed *f = p->feed;
  g_autofree char *version = attr_dup (nb_attributes, attributes, "version");

  if (version != NULL)
    g_strstrip (version);

  if (ns == NS_NONE && strcmp (name, "rss") == 0)
    {
      if (version == NULL)
        f->format = BS_FEED_FORMAT_RSS;
      else if (g_str_has_prefix (version, "2."))
        f->format = BS_FEED_FORMAT_RSS20;
      else if (strcmp (version, "0.90") == 0 || strcmp (version, "0.91") == 0 ||
               strcmp (version, "0.92") == 0 || strcmp (version, "0.93") == 0 ||
               strcmp (version, "0.94") == 0 || strcmp (version, "0.9") == 0)
        f->format = BS_FEED_FORMAT_RSS09X;
      else
        f->format = BS_FEED_FORMAT_RSS;
      return CTX_ROOT;
    }

  if (ns == NS_RDF && strcmp (name, "RDF") == 0)
    {
      /* RSS 1.0 or 0.90: decided by the namespace of channel/item */
      f->format = BS_FEED_FORMAT_RSS10;
      return CTX_ROOT;
    }

  if (strcmp (name, "feed") == 0 && (ns == NS_ATOM10 || ns == NS_ATOM03 || ns == NS_NONE))
    {
      p->is_atom = TRUE;
      if (ns == NS_ATOM10)
        f->format = BS_FEED_FORMAT_ATOM10;
      else if (ns == NS_ATOM03 && (version == NULL || strcmp (version, "0.1") == 0 ||
                                   strcmp (version, "0.2") == 0 || strcmp (version, "0.3") == 0))
        f->format = BS_FEED_FORMAT_ATOM03;
      else
        f->format = BS_FEED_FORMAT_ATOM;
      return CTX_FEED;
    }

  if (ns == NS_NONE && strcmp (name, "channel") == 0)
    {
      f->format = BS_FEED_FORMAT_RSS;
      return CTX_FEED;
    }

  bs_feed_add_error (f, "the document is not a feed: its root element is <%s>", name);
  return CTX_IGNORE;
}

/* ---- SAX callbacks ---------------------------------------------------- */

static void
start_element_cb (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  Parser *p = ((xmlParserCtxtPtr) ctx)->_private;
  const char *name = (const char *) localname;
  Frame frame = { CTX_IGNORE, NULL, FALSE };
  Frame *parent = p->stack->len > 0 ? top_frame (p) : NULL;
  Ns ns = element_ns (p, uri, prefix);
  gsize len;
  const xmlChar *xml_base;

  if (p->limit_hit)
    return;

  /* xml:base */
  frame.base = parent ? parent->base : (char *) p->doc_base;
  xml_base = find_attr (nb_attributes, attributes, "base", "http://www.w3.org/XML/1998/namespace", &len);
  if (xml_base != NULL)
    {
      g_autofree char *ref = g_strndup ((const char *) xml_base, len);

      frame.base = bs_uri_resolve (frame.base, ref);
      frame.owns_base = TRUE;
    }

  if (parent != NULL && parent->ctx == CTX_CAPTURE)
    {
      Capture *c = &p->cap;
      int rel_depth = p->stack->len - c->depth;

      if (!c->markup)
        {
          /* first child element: what was text becomes escaped markup */
          g_autofree char *text = g_strndup (c->buf->str, c->buf->len);

          g_string_truncate (c->buf, 0);
          append_text (c->buf, text, strlen (text), TRUE);
          if (text[strspn (text, " \t\r\n")] != '\0')
            c->top_text = TRUE;
          c->markup = TRUE;
        }
      if (rel_depth == 0)
        {
          c->top_elements++;
          if (c->top_elements == 1 && strcmp (name, "div") == 0 && (ns == NS_XHTML || ns == NS_NONE))
            c->first_is_div = TRUE;
        }

      g_string_append_c (c->buf, '<');
      g_string_append (c->buf, name);
      for (int i = 0; i < nb_attributes; i++)
        {
          const xmlChar **a = attributes + i * 5;

          g_string_append_c (c->buf, ' ');
          if (a[1] != NULL && !xmlStrEqual (a[1], BAD_CAST "xml"))
            {
              g_string_append (c->buf, (const char *) a[1]);
              g_string_append_c (c->buf, ':');
            }
          else if (a[1] != NULL)
            g_string_append (c->buf, "xml:");
          g_string_append (c->buf, (const char *) a[0]);
          g_string_append (c->buf, "=\"");
          append_attr_value (c->buf, a[3], a[4]);
          g_string_append_c (c->buf, '"');
        }
      g_string_append_c (c->buf, '>');
      if (rel_depth == 0 && c->top_elements == 1 && c->first_is_div)
        c->div_start = c->buf->len;
      if (is_void_element (localname))
        c->open_void = p->stack->len + 1;
      spend_budget (p, 64);
      frame.ctx = CTX_CAPTURE;
      g_array_append_val (p->stack, frame);
      return;
    }

  if (parent == NULL)
    {
      g_autofree char *lang = NULL;
      const xmlChar *l = find_attr (nb_attributes, attributes, "lang",
                                    "http://www.w3.org/XML/1998/namespace", &len);

      p->root_seen = TRUE;
      /* <feed> or <rss> in a namespace of its own: its elements are the feed's */
      if (ns == NS_OTHER && prefix == NULL &&
          (strcmp (name, "feed") == 0 || strcmp (name, "rss") == 0))
        {
          p->own_ns = g_strdup ((const char *) uri);
          p->own_ns_is_atom = name[0] == 'f';
          ns = element_ns (p, uri, prefix);
        }
      if (l != NULL)
        {
          lang = g_strndup ((const char *) l, len);
          g_strdelimit (g_strstrip (lang), "_", '-');
          if (*lang != '\0')
            p->root_lang = g_steal_pointer (&lang);
        }
      frame.ctx = root_element (p, ns, name, nb_attributes, attributes);
      if (p->feed->format == BS_FEED_FORMAT_RSS10)
        for (int i = 0; i < nb_namespaces; i++)
          if (namespaces[2 * i] == NULL && namespaces[2 * i + 1] != NULL &&
              strcmp ((const char *) namespaces[2 * i + 1], "http://my.netscape.com/rdf/simple/0.9/") == 0)
            p->feed->format = BS_FEED_FORMAT_RSS09X;
      g_array_append_val (p->stack, frame);
      return;
    }

  switch (parent->ctx)
    {
    case CTX_ROOT:
      if (ns == NS_NONE && strcmp (name, "channel") == 0)
        frame.ctx = CTX_FEED;
      else if (ns == NS_NONE && strcmp (name, "item") == 0)
        {
          begin_entry (p, nb_attributes, attributes);
          frame.ctx = CTX_ENTRY;
        }
      else if (ns == NS_NONE && strcmp (name, "image") == 0)
        frame.ctx = CTX_IMAGE;
      else
        frame.ctx = CTX_IGNORE;

      if (p->feed->format == BS_FEED_FORMAT_RSS10 && ns == NS_NONE && uri != NULL &&
          strcmp ((const char *) uri, "http://my.netscape.com/rdf/simple/0.9/") == 0)
        p->feed->format = BS_FEED_FORMAT_RSS09X;
      else if (p->feed->format == BS_FEED_FORMAT_RSS10 && uri == NULL &&
               (frame.ctx == CTX_FEED || frame.ctx == CTX_ENTRY))
        p->feed->format = BS_FEED_FORMAT_RSS09X;
      break;

    case CTX_FEED:
    case CTX_ENTRY:
      frame.ctx = feed_or_entry_child (p, ns, name, nb_attributes, attributes);
      break;

    case CTX_PERSON:
      frame.ctx = CTX_IGNORE;
      if (strcmp (name, "name") == 0)
        begin_capture (p, F_PERSON_NAME, TEXT_PLAIN, FALSE), frame.ctx = CTX_CAPTURE;
      else if (strcmp (name, "email") == 0)
        begin_capture (p, F_PERSON_EMAIL, TEXT_PLAIN, FALSE), frame.ctx = CTX_CAPTURE;
      else if (strcmp (name, "uri") == 0 || strcmp (name, "url") == 0 || strcmp (name, "homepage") == 0)
        begin_capture (p, F_PERSON_URI, TEXT_PLAIN, FALSE), frame.ctx = CTX_CAPTURE;
      break;

    case CTX_IMAGE:
      frame.ctx = CTX_IGNORE;
      if (ns == NS_NONE && strcmp (name, "url") == 0)
        begin_capture (p, F_IMAGE_URL, TEXT_PLAIN, FALSE), frame.ctx = CTX_CAPTURE;
      break;

    case CTX_MEDIA_GROUP:
      frame.ctx = ns == NS_MEDIA ? feed_or_entry_child (p, ns, name, nb_attributes, attributes) : CTX_IGNORE;
      break;

    case CTX_ITUNES_CATEGORY:
      frame.ctx = CTX_IGNORE;
      if (ns == NS_ITUNES && strcmp (name, "category") == 0)
        frame.ctx = feed_or_entry_child (p, ns, name, nb_attributes, attributes);
      break;

    case CTX_IGNORE:
    case CTX_CAPTURE:
    default:
      frame.ctx = CTX_IGNORE;
      break;
    }

  /* the capture takes the base of its own element */
  if (frame.ctx == CTX_CAPTURE)
    p->cap.base = frame.base;
  g_array_append_val (p->stack, frame);
}

static void
end_element_cb (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Parser *p = ((xmlParserCtxtPtr) ctx)->_private;
  Frame frame;
  int depth;

  if (p->stack->len == 0)
    return;

  depth = p->stack->len;
  frame = *top_frame (p);

  if (frame.ctx == CTX_CAPTURE && p->capturing)
    {
      Capture *c = &p->cap;

      if (depth == c->depth)
        end_capture (p);
      else
        {
          if (c->open_void == depth)
            c->open_void = -1;
          else
            {
              if (depth == c->depth + 1 && c->first_is_div && c->top_elements == 1)
                c->div_end = c->buf->len;
              g_string_append (c->buf, "</");
              g_string_append (c->buf, (const char *) localname);
              g_string_append_c (c->buf, '>');
            }
        }
    }
  else if (frame.ctx == CTX_ENTRY && p->entry != NULL)
    end_entry (p);
  else if (frame.ctx == CTX_PERSON && p->person != NULL)
    end_person (p);

  if (frame.owns_base)
    g_free (frame.base);
  g_array_set_size (p->stack, p->stack->len - 1);
}

static void
characters_cb (void          *ctx,
               const xmlChar *ch,
               int            len)
{
  Parser *p = ((xmlParserCtxtPtr) ctx)->_private;
  Capture *c = &p->cap;

  /* every character counts, captured or not: entity expansion is paid
   * for wherever it lands */
  if (len <= 0 || !spend_budget (p, len) || !p->capturing)
    return;
  if (c->markup && (int) p->stack->len == c->depth && !c->top_text)
    {
      for (int i = 0; i < len; i++)
        if (!g_ascii_isspace (ch[i]))
          {
            c->top_text = TRUE;
            break;
          }
    }
  append_text (c->buf, (const char *) ch, len, c->markup);
}

/* Named references from HTML (&eacute;, &nbsp;) that the document did not
 * declare: read as the characters they name, reported when the document
 * has no external DTD that could have declared them. */
static xmlEntityPtr
get_entity_cb (void          *ctx,
               const xmlChar *name)
{
  xmlParserCtxtPtr ctxt = ctx;
  Parser *p = ctxt->_private;
  xmlEntityPtr ent;
  const htmlEntityDesc *desc;
  char utf8[8];
  int n;

  ent = xmlSAX2GetEntity (ctx, name);
  if (ent != NULL)
    {
      /* external entities are never loaded */
      if (ent->etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
          ent->etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY ||
          ent->etype == XML_EXTERNAL_PARAMETER_ENTITY)
        return NULL;
      return ent;
    }

  if (ctxt->inSubset != 0)
    return NULL;

  ent = g_hash_table_lookup (p->html_entities, name);
  if (ent != NULL)
    return ent;

  desc = htmlEntityLookup (name);
  if (desc == NULL)
    return NULL;

  n = g_unichar_to_utf8 (desc->value, utf8);
  utf8[n] = '\0';
  ent = g_new0 (xmlEntity, 1);
  ent->type = XML_ENTITY_DECL;
  ent->name = (const xmlChar *) g_strdup ((const char *) name);
  ent->content = (xmlChar *) g_strdup (utf8);
  ent->length = n;
  ent->etype = XML_INTERNAL_PREDEFINED_ENTITY;
  g_hash_table_insert (p->html_entities, (char *) ent->name, ent);

  if (!ctxt->hasExternalSubset)
    bs_feed_add_error (p->feed, "line %d: undefined entity &%s;", xmlSAX2GetLineNumber (ctx), name);
  return ent;
}

static void
free_html_entity (gpointer data)
{
  xmlEntityPtr ent = data;

  g_free ((char *) ent->content);
  g_free ((char *) ent->name);
  g_free (ent);
}

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  Parser *p = ((xmlParserCtxtPtr) user_data)->_private;
  g_autofree char *msg = NULL;

  if (error == NULL || error->level < XML_ERR_ERROR)
    return;
  /* the refused external DTD or entity is not the document's fault */
  if (error->code == XML_IO_LOAD_ERROR || error->code == XML_IO_NETWORK_ATTEMPT ||
      error->code == XML_ERR_EXT_ENTITY_STANDALONE)
    return;
  /* libxml2 quotes the document in its messages, cut anywhere */
  msg = g_utf8_make_valid (error->message ? error->message : "XML error", -1);
  g_strchomp (msg);
  bs_feed_add_error (p->feed, "line %d: %s", error->line, msg);
}

static xmlParserInputPtr
refuse_entity_loader (const char       *url,
                      const char       *id,
                      xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

/* ---- pre-pass: bare ampersands ---------------------------------------- */

static gboolean
is_name_start (guchar c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':' || c >= 0x80;
}

static gboolean
is_name_char (guchar c)
{
  return is_name_start (c) || g_ascii_isdigit (c) || c == '-' || c == '.';
}

/* Length of a valid reference at @s ("&amp;", "&#38;", "&#x26;"), or 0.
 * *uppercase_x is set for "&#X26;", which XML does not allow. */
static gsize
reference_length (const char *s,
                  const char *end,
                  gboolean   *uppercase_x)
{
  const char *q = s + 1;

  *uppercase_x = FALSE;
  if (q < end && *q == '#')
    {
      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          *uppercase_x = *q == 'X';
          q++;
          if (q >= end || !g_ascii_isxdigit (*q))
            return 0;
          while (q < end && g_ascii_isxdigit (*q))
            q++;
        }
      else
        {
          if (q >= end || !g_ascii_isdigit (*q))
            return 0;
          while (q < end && g_ascii_isdigit (*q))
            q++;
        }
    }
  else
    {
      if (q >= end || !is_name_start (*q))
        return 0;
      while (q < end && is_name_char (*q))
        q++;
    }
  if (q >= end || *q != ';')
    return 0;
  return q + 1 - s;
}

static const char *
find_end (const char *from,
          const char *end,
          const char *marker)
{
  gsize n = strlen (marker);

  while (from < end)
    {
      const char *q = memchr (from, marker[0], end - from);

      if (q == NULL || (gsize) (end - q) < n)
        return end;
      if (memcmp (q, marker, n) == 0)
        return q + n;
      from = q + 1;
    }
  return end;
}

static gboolean
has_bad_reference (const char *text,
                   gsize       len)
{
  const char *end = text + len;
  const char *a = memchr (text, '&', len);

  while (a != NULL)
    {
      gboolean upper_x;
      gsize rl = reference_length (a, end, &upper_x);

      if (rl == 0 || upper_x)
        return TRUE;
      a += rl;
      a = a < end ? memchr (a, '&', end - a) : NULL;
    }
  return FALSE;
}

static const char *
find_from (const char *p,
           const char *end,
           char        c)
{
  const char *q = p < end ? memchr (p, c, end - p) : NULL;

  return q != NULL ? q : end;
}

/* Returns a copy of @text with each '&' that starts no reference written
 * as "&amp;" and "&#X" as "&#x", or NULL when nothing needed fixing. CDATA
 * sections, comments and the DTD are left alone. */
static char *
escape_bare_ampersands (const char *text,
                        gsize       len,
                        gsize      *out_len,
                        guint      *n_fixed)
{
  const char *end = text + len;
  const char *p = text;
  const char *copied = text;
  const char *next_amp, *next_lt;
  GString *out = NULL;

  *n_fixed = 0;

  /* most documents have nothing to fix: find out with memchr alone */
  if (!has_bad_reference (text, len))
    return NULL;

  next_amp = find_from (text, end, '&');
  next_lt = find_from (text, end, '<');
  while (p < end)
    {
      const char *q;
      gboolean upper_x;
      gsize rl;

      if (next_amp < p)
        next_amp = find_from (p, end, '&');
      if (next_lt < p)
        next_lt = find_from (p, end, '<');
      q = MIN (next_amp, next_lt);
      if (q >= end)
        break;

      if (*q == '<')
        {
          if (end - q >= 9 && memcmp (q, "<![CDATA[", 9) == 0)
            p = find_end (q + 9, end, "]]>");
          else if (end - q >= 4 && memcmp (q, "<!--", 4) == 0)
            p = find_end (q + 4, end, "-->");
          else if (end - q >= 9 && memcmp (q, "<!DOCTYPE", 9) == 0)
            {
              const char *r = q + 9;

              /* skip to the end of the internal subset, if any */
              while (r < end && *r != '[' && *r != '>')
                r++;
              p = (r < end && *r == '[') ? find_end (r, end, "]") : r;
            }
          else
            p = q + 1;
          continue;
        }

      rl = reference_length (q, end, &upper_x);
      if (rl > 0 && !upper_x)
        {
          p = q + rl;
          continue;
        }
      if (out == NULL)
        out = g_string_sized_new (len + 64);
      g_string_append_len (out, copied, q - copied);
      if (rl > 0)
        {
          g_string_append (out, "&#x");
          copied = q + 3;
          p = q + rl;
        }
      else
        {
          g_string_append (out, "&amp;");
          copied = q + 1;
          p = q + 1;
        }
      (*n_fixed)++;
    }

  if (out == NULL)
    return NULL;
  g_string_append_len (out, copied, end - copied);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* ---- driver ----------------------------------------------------------- */

gboolean
bs_parser_xml_parse (const char    *utf8,
                     gsize          length,
                     const char    *base_uri,
                     BsParseFlags   flags,
                     BsFeed        *feed,
                     GError       **error)
{
  static gsize loader_set = 0;
  xmlSAXHandler sax;
  xmlParserCtxtPtr ctxt;
  Parser p = { 0 };
  g_autofree char *fixed = NULL;
  gsize fixed_len = 0;
  guint n_fixed = 0;

  if (g_once_init_enter (&loader_set))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_entity_loader);
      g_once_init_leave (&loader_set, 1);
    }

  if (length > G_MAXINT)
    {
      g_set_error (error, BS_PARSER_ERROR, BS_PARSER_ERROR_TOO_LARGE, "the document is too large");
      return FALSE;
    }

  fixed = escape_bare_ampersands (utf8, length, &fixed_len, &n_fixed);
  if (fixed != NULL)
    {
      bs_feed_add_error (feed, "%u “&” that start no entity or character reference", n_fixed);
      utf8 = fixed;
      length = fixed_len;
    }

  memset (&sax, 0, sizeof sax);
  xmlSAXVersion (&sax, 2);
  sax.startElementNs = start_element_cb;
  sax.endElementNs = end_element_cb;
  sax.characters = characters_cb;
  sax.cdataBlock = characters_cb;
  sax.ignorableWhitespace = characters_cb;
  sax.getEntity = get_entity_cb;
  sax.comment = NULL;
  sax.processingInstruction = NULL;
  sax.warning = NULL;
  sax.error = NULL;
  sax.fatalError = NULL;
  sax.serror = structured_error_cb;
  sax.reference = NULL;
  sax.externalSubset = NULL;

  ctxt = xmlCreateMemoryParserCtxt (utf8, (int) length);
  if (ctxt == NULL)
    {
      g_set_error (error, BS_PARSER_ERROR, BS_PARSER_ERROR_LIMIT, "out of memory");
      return FALSE;
    }
  /* the context's own handler is a whole xmlSAXHandler: fill it in */
  memcpy (ctxt->sax, &sax, sizeof sax);
  ctxt->userData = ctxt;
  ctxt->_private = &p;
  xmlCtxtUseOptions (ctxt, XML_PARSE_RECOVER | XML_PARSE_NOENT | XML_PARSE_NONET |
                           XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT);
  xmlSwitchEncoding (ctxt, XML_CHAR_ENCODING_UTF8);

  p.feed = feed;
  p.flags = flags;
  p.ctxt = ctxt;
  p.stack = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 32);
  p.cap.buf = g_string_sized_new (4096);
  p.categories_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p.html_entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_html_entity);
  p.text_budget = MAX ((gsize) TEXT_BUDGET_FLOOR, length * TEXT_BUDGET_FACTOR);

  p.doc_base = base_uri;
  xmlParseDocument (ctxt);

  if (!p.root_seen)
    bs_feed_add_error (feed, "no feed found in the document");

  /* the document ended inside an item: keep what was read */
  if (p.capturing)
    end_capture (&p);
  if (p.person != NULL)
    end_person (&p);
  if (p.entry != NULL)
    end_entry (&p);

  if (feed->language == NULL && p.root_lang != NULL)
    feed->language = g_steal_pointer (&p.root_lang);

  for (guint i = 0; i < p.stack->len; i++)
    {
      Frame *fr = &g_array_index (p.stack, Frame, i);

      if (fr->owns_base)
        g_free (fr->base);
    }

  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  ctxt->myDoc = NULL;
  xmlFreeParserCtxt (ctxt);

  g_array_unref (p.stack);
  g_string_free (p.cap.buf, TRUE);
  g_free (p.cap.scheme);
  g_free (p.root_lang);
  g_free ((char *) p.own_ns);
  g_free (p.second_summary);
  g_hash_table_unref (p.categories_seen);
  g_hash_table_unref (p.html_entities);

  return TRUE;
}
