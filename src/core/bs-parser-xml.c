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
#include "bs-parser-xml-private.h"
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
  Frame *parent = p->stack->len > 0 ? bs_xml_top_frame (p) : NULL;
  Ns ns = element_ns (p, uri, prefix);
  gsize len;
  const xmlChar *xml_base;

  if (p->limit_hit)
    return;

  /* xml:base */
  frame.base = parent ? parent->base : (char *) p->doc_base;
  xml_base = bs_xml_find_attr (nb_attributes, attributes, "base", "http://www.w3.org/XML/1998/namespace", &len);
  if (xml_base != NULL)
    {
      g_autofree char *ref = g_strndup ((const char *) xml_base, len);

      frame.base = bs_uri_resolve (frame.base, ref);
      frame.owns_base = TRUE;
    }
  p->elem_base = frame.base;

  if (parent != NULL && parent->ctx == CTX_CAPTURE)
    {
      Capture *c = &p->cap;
      int rel_depth = p->stack->len - c->depth;

      if (!c->markup)
        {
          /* first child element: what was text becomes escaped markup */
          g_autofree char *text = g_strndup (c->buf->str, c->buf->len);

          g_string_truncate (c->buf, 0);
          bs_xml_append_text (c->buf, text, strlen (text), TRUE);
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
          bs_xml_append_attr_value (c->buf, a[3], a[4]);
          g_string_append_c (c->buf, '"');
        }
      g_string_append_c (c->buf, '>');
      if (rel_depth == 0 && c->top_elements == 1 && c->first_is_div)
        c->div_start = c->buf->len;
      if (bs_xml_is_void_element (localname))
        c->open_void = p->stack->len + 1;
      bs_xml_spend_budget (p, 64);
      frame.ctx = CTX_CAPTURE;
      g_array_append_val (p->stack, frame);
      return;
    }

  if (parent == NULL)
    {
      g_autofree char *lang = NULL;
      const xmlChar *l = bs_xml_find_attr (nb_attributes, attributes, "lang",
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
      frame.ctx = bs_xml_root_element (p, ns, name, nb_attributes, attributes);
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
          bs_xml_begin_entry (p, nb_attributes, attributes);
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
      frame.ctx = bs_xml_feed_or_entry_child (p, ns, name, nb_attributes, attributes);
      break;

    case CTX_PERSON:
      frame.ctx = CTX_IGNORE;
      if (strcmp (name, "name") == 0)
        bs_xml_begin_capture (p, F_PERSON_NAME, TEXT_PLAIN, FALSE), frame.ctx = CTX_CAPTURE;
      else if (strcmp (name, "email") == 0)
        bs_xml_begin_capture (p, F_PERSON_EMAIL, TEXT_PLAIN, FALSE), frame.ctx = CTX_CAPTURE;
      else if (strcmp (name, "uri") == 0 || strcmp (name, "url") == 0 || strcmp (name, "homepage") == 0)
        bs_xml_begin_capture (p, F_PERSON_URI, TEXT_PLAIN, FALSE), frame.ctx = CTX_CAPTURE;
      break;

    case CTX_IMAGE:
      frame.ctx = CTX_IGNORE;
      if (ns == NS_NONE && strcmp (name, "url") == 0)
        bs_xml_begin_capture (p, F_IMAGE_URL, TEXT_PLAIN, FALSE), frame.ctx = CTX_CAPTURE;
      break;

    case CTX_MEDIA_GROUP:
      frame.ctx = ns == NS_MEDIA ? bs_xml_feed_or_entry_child (p, ns, name, nb_attributes, attributes) : CTX_IGNORE;
      break;

    case CTX_ITUNES_CATEGORY:
      frame.ctx = CTX_IGNORE;
      if (ns == NS_ITUNES && strcmp (name, "category") == 0)
        frame.ctx = bs_xml_feed_or_entry_child (p, ns, name, nb_attributes, attributes);
      break;

    case CTX_IGNORE:
    case CTX_CAPTURE:
    default:
      frame.ctx = CTX_IGNORE;
      break;
    }

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
  frame = *bs_xml_top_frame (p);

  if (frame.ctx == CTX_CAPTURE && p->capturing)
    {
      Capture *c = &p->cap;

      if (depth == c->depth)
        bs_xml_end_capture (p);
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
    bs_xml_end_entry (p);
  else if (frame.ctx == CTX_PERSON && p->person != NULL)
    bs_xml_end_person (p);

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
  if (len <= 0 || !bs_xml_spend_budget (p, len) || !p->capturing)
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
  bs_xml_append_text (c->buf, (const char *) ch, len, c->markup);
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
  xmlEntity *pair;
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

  /* Two entities per name. In content, a "predefined" entity is inlined
   * as it is, with no parsing and no checks. In an attribute value
   * libxml2 copies only the first byte of a predefined entity (they are
   * all ASCII), so there an internal general entity stands in, whose
   * text is copied whole. */
  pair = g_hash_table_lookup (p->html_entities, name);
  if (pair == NULL)
    {
      desc = htmlEntityLookup (name);
      if (desc == NULL)
        return NULL;

      n = g_unichar_to_utf8 (desc->value, utf8);
      utf8[n] = '\0';
      pair = g_new0 (xmlEntity, 2);
      for (int i = 0; i < 2; i++)
        {
          pair[i].type = XML_ENTITY_DECL;
          pair[i].name = (const xmlChar *) g_strdup ((const char *) name);
          pair[i].content = (xmlChar *) g_strdup (utf8);
          pair[i].length = n;
        }
      pair[0].etype = XML_INTERNAL_PREDEFINED_ENTITY;
      pair[1].etype = XML_INTERNAL_GENERAL_ENTITY;
      g_hash_table_insert (p->html_entities, (char *) pair[0].name, pair);

      if (!ctxt->hasExternalSubset)
        bs_feed_add_error (p->feed, "line %d: undefined entity &%s;", xmlSAX2GetLineNumber (ctx), name);
    }
  return ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE ? &pair[1] : &pair[0];
}

static void
free_html_entity (gpointer data)
{
  xmlEntity *pair = data;

  for (int i = 0; i < 2; i++)
    {
      g_free ((char *) pair[i].content);
      g_free ((char *) pair[i].name);
    }
  g_free (pair);
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
  p->xml_errors++;
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
 * sections, comments and the DTD are left alone. Shared with the OPML
 * reader: hand-edited files have bare ampersands in query strings. */
char *
bs_parser_repair_ampersands (const char *text,
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

/* One SAX pass over @utf8 into @feed; *@xml_errors counts what libxml2
 * reported. */
static gboolean
parse_once (const char    *utf8,
            gsize          length,
            const char    *base_uri,
            BsParseFlags   flags,
            BsFeed        *feed,
            guint         *xml_errors,
            GError       **error)
{
  xmlSAXHandler sax;
  xmlParserCtxtPtr ctxt;
  Parser p = { 0 };

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
  for (int i = 0; i < 2; i++)
    p.categories_seen[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p.html_entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_html_entity);
  p.text_budget = MAX ((gsize) TEXT_BUDGET_FLOOR, length * TEXT_BUDGET_FACTOR);

  p.doc_base = base_uri;
  xmlParseDocument (ctxt);

  if (!p.root_seen)
    bs_feed_add_error (feed, "no feed found in the document");

  /* the document ended inside an item: keep what was read */
  if (p.capturing)
    bs_xml_end_capture (&p);
  if (p.person != NULL)
    bs_xml_end_person (&p);
  if (p.entry != NULL)
    bs_xml_end_entry (&p);

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
  g_free (p.guid_link);
  for (int i = 0; i < 2; i++)
    g_hash_table_unref (p.categories_seen[i]);
  g_hash_table_unref (p.html_entities);

  *xml_errors = p.xml_errors;
  return TRUE;
}

gboolean
bs_parser_xml_parse (const char    *utf8,
                     gsize          length,
                     const char    *base_uri,
                     BsParseFlags   flags,
                     BsFeed        *feed,
                     GError       **error)
{
  static gsize loader_set = 0;
  g_autofree char *fixed = NULL;
  guint kept_errors = feed->errors->len;
  guint xml_errors = 0;
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

  if (!parse_once (utf8, length, base_uri, flags, feed, &xml_errors, error))
    return FALSE;

  /* Any '&' that starts no reference makes libxml2 complain, so a
   * document it read without complaint has none: only then look for
   * them, and read the repaired document again from the start. */
  if (xml_errors == 0)
    return TRUE;
  fixed = bs_parser_repair_ampersands (utf8, length, &fixed_len, &n_fixed);
  if (fixed == NULL)
    return TRUE;

  bs_feed_clear (feed, kept_errors);
  bs_feed_add_error (feed, "%u “&” that start no entity or character reference", n_fixed);
  return parse_once (fixed, fixed_len, base_uri, flags, feed, &xml_errors, error);
}
