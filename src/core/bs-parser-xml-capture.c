/* bs-parser-xml-capture.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-parser-xml"

#include "config.h"

#include <string.h>

#include "bs-date.h"
#include "bs-encoding.h"
#include "bs-html.h"
#include "bs-parser-xml-private.h"
#include "bs-uri.h"


/* Collecting the text or markup of the element being read, and turning it
 * into the field it fills when the element closes. */

/* ---- text collection -------------------------------------------------- */

gboolean
bs_xml_spend_budget (Parser *p,
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
void
bs_xml_append_text (GString    *buf,
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

void
bs_xml_append_attr_value (GString       *buf,
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

gboolean
bs_xml_is_void_element (const xmlChar *name)
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

Frame *
bs_xml_top_frame (Parser *p)
{
  return &g_array_index (p->stack, Frame, p->stack->len - 1);
}

/* The base URI of the element whose start tag is being read: its own
 * xml:base counts for its attributes and content. */
const char *
bs_xml_current_base (Parser *p)
{
  return p->elem_base;
}

const xmlChar *
bs_xml_find_attr (int             nb_attributes,
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

char *
bs_xml_attr_dup (int             nb_attributes,
                 const xmlChar **attributes,
                 const char     *local)
{
  gsize len;
  const xmlChar *v = bs_xml_find_attr (nb_attributes, attributes, local, NULL, &len);

  return v != NULL ? g_strndup ((const char *) v, len) : NULL;
}

char *
bs_xml_attr_url (Parser         *p,
                 int             nb_attributes,
                 const xmlChar **attributes,
                 const char     *local)
{
  g_autofree char *v = bs_xml_attr_dup (nb_attributes, attributes, local);

  if (v == NULL)
    return NULL;
  g_strstrip (v);
  if (*v == '\0')
    return NULL;
  return bs_uri_resolve (bs_xml_current_base (p), v);
}

void
bs_xml_set_once (char **slot,
                 char  *value)
{
  if (*slot == NULL)
    *slot = value;
  else
    g_free (value);
}

/* ---- categories ------------------------------------------------------- */

void
bs_xml_add_category (Parser     *p,
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
  if (!g_hash_table_add (p->categories_seen[p->entry != NULL], key))
    return;
  g_ptr_array_add (list, g_steal_pointer (&t));
}

void
bs_xml_add_category_list (Parser     *p,
                          const char *scheme,
                          const char *text)
{
  const char *start = text;

  for (const char *c = text;; c++)
    {
      if (*c == ',' || *c == '\0')
        {
          bs_xml_add_category (p, scheme, start, c - start);
          start = c + 1;
        }
      if (*c == '\0')
        break;
    }
}


/* ---- capture ---------------------------------------------------------- */

TextType
bs_xml_atom_text_type (Parser         *p,
                       Ns              ns,
                       int             nb_attributes,
                       const xmlChar **attributes,
                       gboolean       *base64)
{
  g_autofree char *type = bs_xml_attr_dup (nb_attributes, attributes, "type");
  g_autofree char *mode = bs_xml_attr_dup (nb_attributes, attributes, "mode");

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

void
bs_xml_begin_capture (Parser   *p,
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
  c->base = (char *) bs_xml_current_base (p);
  c->top_elements = 0;
  c->top_text = FALSE;
  c->first_is_div = FALSE;
  c->div_start = c->div_end = 0;
  c->open_void = -1;
  c->strong = FALSE;
  p->capturing = TRUE;
}

/* Where the captured content is HTML as it stands (no decoding or
 * escaping needed), points @start/@len at it inside the capture buffer. */
static gboolean
capture_html_in_place (Parser      *p,
                       const char **start,
                       gsize       *len)
{
  Capture *c = &p->cap;

  if (c->base64)
    return FALSE;
  if (c->markup)
    {
      if (c->type == TEXT_XHTML && c->first_is_div && c->top_elements == 1 && !c->top_text &&
          c->div_end >= c->div_start)
        {
          *start = c->buf->str + c->div_start;
          *len = c->div_end - c->div_start;
        }
      else
        {
          *start = c->buf->str;
          *len = c->buf->len;
        }
      return TRUE;
    }
  if (c->type == TEXT_HTML)
    {
      *start = c->buf->str;
      *len = c->buf->len;
      return TRUE;
    }
  return FALSE;
}

/* The captured content as HTML; its length in @len. */
static char *
capture_as_html (Parser *p,
                 gsize  *len)
{
  Capture *c = &p->cap;
  const char *start;
  char *html;

  if (capture_html_in_place (p, &start, len))
    return g_strndup (start, *len);

  if (c->base64)
    {
      g_autofree char *text = g_strndup (c->buf->str, c->buf->len);
      gsize decoded = 0;

      /* GLib wants at least two characters; fewer decode to nothing */
      if (c->buf->len >= 2)
        g_base64_decode_inplace (text, &decoded);
      if (memchr (text, '\0', decoded) != NULL || !g_utf8_validate_len (text, decoded, NULL))
        return NULL;
      html = c->type == TEXT_PLAIN ? bs_parser_escape_text (text, decoded) : g_strndup (text, decoded);
    }
  else
    html = bs_parser_escape_text (c->buf->str, c->buf->len);
  *len = strlen (html);
  return html;
}

/* The captured content as HTML that is ready to keep: sanitised or with
 * absolute URLs, as the parse flags ask. */
static char *
capture_finished_html (Parser *p)
{
  const char *start;
  gsize len = 0;
  char *html;

  /* sanitising reads the capture buffer as it is, without a copy */
  if ((p->flags & BS_PARSE_FLAGS_SANITIZE) && capture_html_in_place (p, &start, &len))
    return bs_html_sanitize_utf8 (start, len, p->cap.base);

  html = capture_as_html (p, &len);
  return bs_parser_finish_html (html, len, p->cap.base, p->flags);
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
        html = capture_as_html (p, &(gsize){0});
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

void
bs_xml_end_capture (Parser *p)
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
            bs_xml_set_once (&p->person->name, name);
          }
          break;
        case F_PERSON_EMAIL:
          bs_xml_set_once (&p->person->email, capture_trimmed (p));
          break;
        case F_PERSON_URI:
          bs_xml_set_once (&p->person->uri, capture_url (p));
          break;
        default:
          break;
        }
      return;
    }

  switch (c->field)
    {
    case F_TITLE:
      bs_xml_set_once (e ? &e->title : &f->title, capture_as_text (p));
      break;

    case F_MEDIA_TITLE:
      if (e != NULL && e->title == NULL)
        e->title = capture_as_text (p);
      break;

    case F_SUBTITLE:
      if (e == NULL)
        bs_xml_set_once (&f->subtitle, capture_as_text (p));
      break;

    case F_RIGHTS:
      if (e == NULL)
        bs_xml_set_once (&f->rights, capture_as_text (p));
      break;

    case F_LINK:
    case F_ATOM_LINK_TEXT:
      bs_xml_set_once (e ? &e->link : &f->link, capture_url (p));
      break;

    case F_ID:
      bs_xml_set_once (e ? &e->id : &f->id, p->is_atom ? capture_url (p) : capture_trimmed (p));
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
          /* a permalink guid is the link only if the item has no <link>,
           * wherever that comes in the item */
          if (c->permalink && p->guid_link == NULL)
            p->guid_link = bs_uri_resolve (c->base, id);
          g_free (id);
        }
      break;

    case F_LANGUAGE:
      if (e == NULL)
        {
          char *lang = capture_trimmed (p);

          if (lang != NULL)
            g_strdelimit (lang, "_", '-');
          bs_xml_set_once (&f->language, lang);
        }
      break;

    case F_ICON:
      if (e == NULL)
        bs_xml_set_once (&f->icon, capture_url (p));
      break;

    case F_LOGO:
    case F_IMAGE_URL:
      if (e == NULL)
        bs_xml_set_once (&f->image, capture_url (p));
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
          bs_xml_add_category (p, c->scheme, text, strlen (text));
      }
      break;

    case F_KEYWORDS:
      {
        g_autofree char *text = capture_as_text (p);

        if (text != NULL)
          bs_xml_add_category_list (p, c->scheme, text);
      }
      break;

    case F_SUMMARY:
    case F_SUMMARY_LIKE:
      if (e != NULL)
        {
          char *html = capture_finished_html (p);

          if (html == NULL)
            break;
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
        bs_xml_set_once (&f->subtitle, capture_as_text (p));
      break;

    case F_MEDIA_DESCRIPTION:
      if (e != NULL && e->summary == NULL)
        {
          e->summary = capture_finished_html (p);
        }
      break;

    case F_CONTENT:
      if (e != NULL && e->content == NULL)
        {
          e->content = capture_finished_html (p);
        }
      break;

    case F_DURATION:
      if (e != NULL)
        bs_xml_set_once (&e->duration, capture_trimmed (p));
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
