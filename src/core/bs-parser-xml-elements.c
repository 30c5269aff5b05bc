/* bs-parser-xml-elements.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-parser-xml"

#include "config.h"

#include <string.h>

#include "bs-parser-xml-private.h"
#include "bs-uri.h"

/* What each element means: the table from (context, namespace, name) to
 * the field an element fills or the context its children are read in. */

/* ---- entries and persons ---------------------------------------------- */

void
bs_xml_begin_entry (Parser         *p,
                    int             nb_attributes,
                    const xmlChar **attributes)
{
  gsize len;
  const xmlChar *about;

  p->entry = bs_feed_entry_new ();
  p->published_strong[1] = p->updated_strong[1] = FALSE;
  g_hash_table_remove_all (p->categories_seen[1]);
  g_clear_pointer (&p->second_summary, g_free);
  g_clear_pointer (&p->guid_link, g_free);
  p->summary_from_like = FALSE;

  about = bs_xml_find_attr (nb_attributes, attributes, "about",
                            "http://www.w3.org/1999/02/22-rdf-syntax-ns#", &len);
  if (about != NULL && len > 0)
    {
      g_autofree char *id = g_strndup ((const char *) about, len);

      p->entry->id = g_strdup (g_strstrip (id));
    }
}

void
bs_xml_end_entry (Parser *p)
{
  BsFeedEntry *e = g_steal_pointer (&p->entry);

  if (e->link == NULL && p->guid_link != NULL)
    e->link = g_steal_pointer (&p->guid_link);
  g_clear_pointer (&p->guid_link, g_free);
  if (e->content == NULL && p->second_summary != NULL)
    e->content = g_steal_pointer (&p->second_summary);
  g_clear_pointer (&p->second_summary, g_free);
  if (e->id != NULL && *e->id == '\0')
    g_clear_pointer (&e->id, g_free);
  g_ptr_array_add (p->feed->entries, e);
}

void
bs_xml_end_person (Parser *p)
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
  char *url = bs_xml_attr_url (p, nb_attributes, attributes, url_attr);

  if (url == NULL || p->entry == NULL)
    {
      g_free (url);
      return;
    }
  enc = g_new0 (BsEnclosure, 1);
  enc->url = url;
  enc->type = bs_xml_attr_dup (nb_attributes, attributes, "type");
  if (enc->type != NULL)
    {
      g_strstrip (enc->type);
      if (*enc->type == '\0')
        g_clear_pointer (&enc->type, g_free);
    }
  enc->length = -1;
  length = bs_xml_attr_dup (nb_attributes, attributes, length_attr);
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
Ctx
bs_xml_feed_or_entry_child (Parser         *p,
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
          bs_xml_begin_entry (p, nb_attributes, attributes);
          return CTX_ENTRY;
        }

      if (strcmp (name, "title") == 0)
        {
          tt = atom ? bs_xml_atom_text_type (p, ns, nb_attributes, attributes, &base64) : TEXT_PLAIN;
          bs_xml_begin_capture (p, F_TITLE, tt, base64);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "link") == 0)
        {
          g_autofree char *rel = NULL;

          if (!atom && bs_xml_find_attr (nb_attributes, attributes, "href", NULL, &(gsize){0}) == NULL)
            {
              bs_xml_begin_capture (p, F_LINK, TEXT_PLAIN, FALSE);
              return CTX_CAPTURE;
            }
          rel = bs_xml_attr_dup (nb_attributes, attributes, "rel");
          if (rel != NULL)
            g_strstrip (rel);
          if (rel == NULL || *rel == '\0' || g_ascii_strcasecmp (rel, "alternate") == 0 ||
              g_ascii_strcasecmp (rel, "http://www.iana.org/assignments/relation/alternate") == 0)
            {
              char *href = bs_xml_attr_url (p, nb_attributes, attributes, "href");

              if (href == NULL)
                {
                  bs_xml_begin_capture (p, F_ATOM_LINK_TEXT, TEXT_PLAIN, FALSE);
                  return CTX_CAPTURE;
                }
              bs_xml_set_once (in_entry ? &p->entry->link : &p->feed->link, href);
            }
          else if (in_entry && g_ascii_strcasecmp (rel, "enclosure") == 0)
            add_enclosure (p, "href", "length", nb_attributes, attributes);
          return CTX_IGNORE;
        }

      if (strcmp (name, "description") == 0 && !atom)
        {
          bs_xml_begin_capture (p, F_SUMMARY_LIKE, TEXT_HTML, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "summary") == 0)
        {
          if (atom)
            {
              tt = bs_xml_atom_text_type (p, ns, nb_attributes, attributes, &base64);
              bs_xml_begin_capture (p, F_SUMMARY, tt, base64);
            }
          else
            bs_xml_begin_capture (p, F_SUMMARY_LIKE, TEXT_HTML, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "content") == 0 && atom)
        {
          if (bs_xml_find_attr (nb_attributes, attributes, "src", NULL, &(gsize){0}) != NULL)
            return CTX_IGNORE;
          tt = bs_xml_atom_text_type (p, ns, nb_attributes, attributes, &base64);
          bs_xml_begin_capture (p, F_CONTENT, tt, base64);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "body") == 0 && !atom && in_entry)
        {
          bs_xml_begin_capture (p, F_CONTENT, TEXT_XML, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "fullitem") == 0 && !atom)
        {
          bs_xml_begin_capture (p, F_CONTENT, TEXT_HTML, FALSE);
          return CTX_CAPTURE;
        }

      if (atom && (strcmp (name, "subtitle") == 0 || strcmp (name, "tagline") == 0 ||
                   strcmp (name, "rights") == 0 || strcmp (name, "copyright") == 0))
        {
          tt = bs_xml_atom_text_type (p, ns, nb_attributes, attributes, &base64);
          bs_xml_begin_capture (p, name[0] == 'r' || name[0] == 'c' ? F_RIGHTS : F_SUBTITLE, tt, base64);
          return CTX_CAPTURE;
        }

      if (!atom && strcmp (name, "copyright") == 0)
        {
          bs_xml_begin_capture (p, F_RIGHTS, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "id") == 0 && atom)
        {
          bs_xml_begin_capture (p, F_ID, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "guid") == 0 && in_entry)
        {
          g_autofree char *perma = bs_xml_attr_dup (nb_attributes, attributes, "isPermaLink");

          bs_xml_begin_capture (p, F_GUID, TEXT_PLAIN, FALSE);
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
          bs_xml_begin_capture (p, F_AUTHOR_TEXT, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (strcmp (name, "pubDate") == 0 || (atom && (strcmp (name, "published") == 0 ||
                                                   strcmp (name, "issued") == 0)))
        {
          bs_xml_begin_capture (p, F_PUBLISHED, TEXT_PLAIN, FALSE);
          p->cap.strong = atom && name[0] == 'p';
          return CTX_CAPTURE;
        }

      if ((strcmp (name, "lastBuildDate") == 0 && !in_entry) ||
          (atom && (strcmp (name, "updated") == 0 || strcmp (name, "modified") == 0)))
        {
          bs_xml_begin_capture (p, F_UPDATED, TEXT_PLAIN, FALSE);
          p->cap.strong = atom && name[0] == 'u';
          return CTX_CAPTURE;
        }

      if (strcmp (name, "category") == 0)
        {
          if (atom)
            {
              g_autofree char *term = bs_xml_attr_dup (nb_attributes, attributes, "term");
              g_autofree char *scheme = bs_xml_attr_dup (nb_attributes, attributes, "scheme");

              if (term != NULL)
                bs_xml_add_category (p, scheme, term, strlen (term));
              return CTX_IGNORE;
            }
          bs_xml_begin_capture (p, F_CATEGORY, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
          p->cap.scheme = bs_xml_attr_dup (nb_attributes, attributes, "domain");
          return CTX_CAPTURE;
        }

      if (strcmp (name, "tags") == 0 && !atom)
        {
          bs_xml_begin_capture (p, F_KEYWORDS, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
          return CTX_CAPTURE;
        }

      if (!in_entry && strcmp (name, "language") == 0 && !atom)
        {
          bs_xml_begin_capture (p, F_LANGUAGE, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (!in_entry && strcmp (name, "icon") == 0 && ns == NS_ATOM10)
        {
          bs_xml_begin_capture (p, F_ICON, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      if (!in_entry && strcmp (name, "logo") == 0 && atom)
        {
          bs_xml_begin_capture (p, F_LOGO, TEXT_PLAIN, FALSE);
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
          bs_xml_begin_capture (p, F_TTL, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }

      return CTX_IGNORE;
    }

  switch (ns)
    {
    case NS_DC:
      if (strcmp (name, "title") == 0)
        bs_xml_begin_capture (p, F_TITLE, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "creator") == 0 || strcmp (name, "author") == 0)
        bs_xml_begin_capture (p, F_AUTHOR_TEXT, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "date") == 0)
        bs_xml_begin_capture (p, F_UPDATED, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "description") == 0)
        bs_xml_begin_capture (p, in_entry ? F_SUMMARY : F_SUBTITLE, TEXT_HTML, FALSE);
      else if (strcmp (name, "rights") == 0)
        bs_xml_begin_capture (p, F_RIGHTS, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "language") == 0 && !in_entry)
        bs_xml_begin_capture (p, F_LANGUAGE, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "subject") == 0)
        {
          bs_xml_begin_capture (p, F_CATEGORY, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
        }
      else
        return CTX_IGNORE;
      return CTX_CAPTURE;

    case NS_DCTERMS:
      if (strcmp (name, "modified") == 0)
        bs_xml_begin_capture (p, F_UPDATED, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "issued") == 0)
        bs_xml_begin_capture (p, F_PUBLISHED, TEXT_PLAIN, FALSE);
      else
        return CTX_IGNORE;
      return CTX_CAPTURE;

    case NS_CONTENT:
      if (strcmp (name, "encoded") == 0)
        {
          bs_xml_begin_capture (p, F_CONTENT, TEXT_HTML, FALSE);
          return CTX_CAPTURE;
        }
      return CTX_IGNORE;

    case NS_XHTML:
      if (strcmp (name, "body") == 0 || strcmp (name, "div") == 0)
        {
          bs_xml_begin_capture (p, F_CONTENT, TEXT_XML, FALSE);
          return CTX_CAPTURE;
        }
      return CTX_IGNORE;

    case NS_ITUNES:
      if (strcmp (name, "author") == 0)
        bs_xml_begin_capture (p, F_AUTHOR_TEXT, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "subtitle") == 0 && !in_entry)
        bs_xml_begin_capture (p, F_SUBTITLE, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "summary") == 0)
        bs_xml_begin_capture (p, F_SUMMARY, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "duration") == 0)
        bs_xml_begin_capture (p, F_DURATION, TEXT_PLAIN, FALSE);
      else if (strcmp (name, "keywords") == 0)
        {
          bs_xml_begin_capture (p, F_KEYWORDS, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
          p->cap.scheme = g_strdup (ITUNES_SCHEME);
        }
      else if (strcmp (name, "image") == 0 || strcmp (name, "link") == 0)
        {
          g_autofree char *rel = NULL;
          char *url;

          if (name[0] == 'l')
            {
              rel = bs_xml_attr_dup (nb_attributes, attributes, "rel");
              if (rel == NULL || strcmp (g_strstrip (rel), "image") != 0)
                return CTX_IGNORE;
            }
          url = bs_xml_attr_url (p, nb_attributes, attributes, "href");
          if (url == NULL)
            url = bs_xml_attr_url (p, nb_attributes, attributes, "url");
          bs_xml_set_once (in_entry ? &p->entry->thumbnail : &p->feed->image, url);
          return CTX_IGNORE;
        }
      else if (strcmp (name, "category") == 0)
        {
          g_autofree char *text = bs_xml_attr_dup (nb_attributes, attributes, "text");

          if (text != NULL)
            bs_xml_add_category (p, ITUNES_SCHEME, text, strlen (text));
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
          bs_xml_begin_capture (p, F_MEDIA_TITLE, TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }
      if (strcmp (name, "description") == 0)
        {
          g_autofree char *type = bs_xml_attr_dup (nb_attributes, attributes, "type");

          bs_xml_begin_capture (p, F_MEDIA_DESCRIPTION,
                                type != NULL && strcmp (type, "html") == 0 ? TEXT_HTML : TEXT_PLAIN, FALSE);
          return CTX_CAPTURE;
        }
      if (strcmp (name, "thumbnail") == 0)
        {
          bs_xml_set_once (&p->entry->thumbnail, bs_xml_attr_url (p, nb_attributes, attributes, "url"));
          return CTX_IGNORE;
        }
      if (strcmp (name, "content") == 0)
        {
          g_autofree char *medium = bs_xml_attr_dup (nb_attributes, attributes, "medium");
          g_autofree char *type = bs_xml_attr_dup (nb_attributes, attributes, "type");

          if ((medium != NULL && strcmp (medium, "image") == 0) ||
              (type != NULL && g_str_has_prefix (type, "image/")))
            bs_xml_set_once (&p->entry->thumbnail, bs_xml_attr_url (p, nb_attributes, attributes, "url"));
          /* media:content carries its own media:title etc. */
          return CTX_MEDIA_GROUP;
        }
      if (strcmp (name, "category") == 0)
        {
          bs_xml_begin_capture (p, F_CATEGORY, TEXT_PLAIN, FALSE);
          g_clear_pointer (&p->cap.scheme, g_free);
          p->cap.scheme = bs_xml_attr_dup (nb_attributes, attributes, "scheme");
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

Ctx
bs_xml_root_element (Parser         *p,
                     Ns              ns,
                     const char     *name,
                     int             nb_attributes,
                     const xmlChar **attributes)
{
  BsFeed *f = p->feed;
  g_autofree char *version = bs_xml_attr_dup (nb_attributes, attributes, "version");

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
