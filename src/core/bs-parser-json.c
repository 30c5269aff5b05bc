/* bs-parser-json.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-parser-json"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "bs-date.h"
#include "bs-parser-private.h"
#include "bs-uri.h"

/* JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). json-glib
 * builds a tree; JSON feeds are small, and the nesting is checked first so
 * that a hostile document cannot exhaust the stack of its recursive
 * parser. */

#define MAX_JSON_DEPTH 64

static gboolean
nesting_within (const char *data,
                gsize       length,
                int         max_depth)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return TRUE;
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, name))
    return NULL;
  node = json_object_get_member (obj, name);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
dup_nonempty (const char *s)
{
  g_autofree char *copy = NULL;

  if (s == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (s));
  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

static char *
member_url (JsonObject *obj,
            const char *name,
            const char *base)
{
  const char *s = member_string (obj, name);

  if (s == NULL || *s == '\0')
    return NULL;
  return bs_uri_resolve (base, s);
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, name))
    return NULL;
  node = json_object_get_member (obj, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *obj,
              const char *name)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, name))
    return NULL;
  node = json_object_get_member (obj, name);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gint64
member_date (JsonObject *obj,
             const char *name)
{
  const char *s = member_string (obj, name);
  gint64 t;

  if (s != NULL && bs_date_parse (s, &t))
    return t;
  return BS_DATE_NONE;
}

/* "authors" (1.1) or "author" (1.0): the first one. */
static void
read_author (JsonObject  *obj,
             const char  *base,
             char       **author,
             BsPerson   **detail)
{
  JsonObject *a = NULL;
  JsonArray *authors = member_array (obj, "authors");
  BsPerson *person;

  if (authors != NULL && json_array_get_length (authors) > 0)
    {
      JsonNode *first = json_array_get_element (authors, 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        a = json_node_get_object (first);
    }
  if (a == NULL)
    a = member_object (obj, "author");
  if (a == NULL)
    return;

  person = bs_person_new ();
  person->name = dup_nonempty (member_string (a, "name"));
  person->uri = member_url (a, "url", base);
  if (person->uri != NULL && g_str_has_prefix (person->uri, "mailto:"))
    person->email = g_strdup (person->uri + strlen ("mailto:"));
  if (person->name == NULL && person->uri == NULL)
    {
      bs_person_free (person);
      return;
    }
  if (person->name != NULL && person->email != NULL)
    *author = g_strdup_printf ("%s (%s)", person->name, person->email);
  else
    *author = g_strdup (person->name ? person->name : person->email);
  *detail = person;
}

static void
read_tags (JsonObject *obj,
           GPtrArray  *into)
{
  JsonArray *tags = member_array (obj, "tags");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (tags == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonNode *n = json_array_get_element (tags, i);
      const char *t;

      if (JSON_NODE_TYPE (n) != JSON_NODE_VALUE || json_node_get_value_type (n) != G_TYPE_STRING)
        continue;
      t = json_node_get_string (n);
      if (t == NULL || *t == '\0' || !g_hash_table_add (seen, (char *) t))
        continue;
      g_ptr_array_add (into, g_strdup (t));
    }
}

static void
read_item (JsonObject   *item,
           const char   *base,
           BsParseFlags  flags,
           BsFeed       *feed)
{
  BsFeedEntry *e = bs_feed_entry_new ();
  JsonArray *attachments;
  JsonNode *id;
  const char *html, *text, *summary;

  id = json_object_has_member (item, "id") ? json_object_get_member (item, "id") : NULL;
  if (id != NULL && JSON_NODE_TYPE (id) == JSON_NODE_VALUE)
    {
      GType t = json_node_get_value_type (id);

      if (t == G_TYPE_STRING)
        e->id = dup_nonempty (json_node_get_string (id));
      else if (t == G_TYPE_INT64)
        e->id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
      else if (t == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          e->id = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (id)));
        }
    }

  e->title = dup_nonempty (member_string (item, "title"));
  e->link = member_url (item, "url", base);
  if (e->link == NULL)
    e->link = member_url (item, "external_url", base);
  e->published = member_date (item, "date_published");
  e->updated = member_date (item, "date_modified");
  read_author (item, base, &e->author, &e->author_detail);

  html = member_string (item, "content_html");
  text = member_string (item, "content_text");
  if (html != NULL)
    e->content = bs_parser_finish_html (g_strdup (html), -1, base, flags);
  else if (text != NULL)
    e->content = bs_parser_escape_text (text, -1);

  summary = member_string (item, "summary");
  if (summary != NULL)
    e->summary = bs_parser_escape_text (summary, -1);

  e->thumbnail = member_url (item, "image", base);
  if (e->thumbnail == NULL)
    e->thumbnail = member_url (item, "banner_image", base);

  read_tags (item, e->categories);

  attachments = member_array (item, "attachments");
  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonNode *n = json_array_get_element (attachments, i);
      JsonObject *a;
      BsEnclosure *enc;
      JsonNode *size;
      char *url;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        continue;
      a = json_node_get_object (n);
      url = member_url (a, "url", base);
      if (url == NULL)
        continue;
      enc = g_new0 (BsEnclosure, 1);
      enc->url = url;
      enc->type = dup_nonempty (member_string (a, "mime_type"));
      enc->length = -1;
      size = json_object_has_member (a, "size_in_bytes") ? json_object_get_member (a, "size_in_bytes") : NULL;
      if (size != NULL && JSON_NODE_TYPE (size) == JSON_NODE_VALUE &&
          json_node_get_value_type (size) == G_TYPE_INT64 && json_node_get_int (size) >= 0)
        enc->length = json_node_get_int (size);
      g_ptr_array_add (e->enclosures, enc);
    }

  g_ptr_array_add (feed->entries, e);
}

gboolean
bs_parser_json_parse (const char    *data,
                      gsize          length,
                      const char    *base_uri,
                      BsParseFlags   flags,
                      BsFeed        *feed,
                      GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *obj;
  JsonArray *items;
  const char *version;
  g_autofree char *feed_base = NULL;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, length -= 3;

  if (!nesting_within (data, length, MAX_JSON_DEPTH))
    {
      bs_feed_add_error (feed, "invalid JSON Feed: nested more than %d levels deep", MAX_JSON_DEPTH);
      return TRUE;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      bs_feed_add_error (feed, "invalid JSON: the document is not valid UTF-8");
      return TRUE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      bs_feed_add_error (feed, "invalid JSON: %s", local_error->message);
      return TRUE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bs_feed_add_error (feed, "no feed found: the JSON document is not an object");
      return TRUE;
    }
  obj = json_node_get_object (root);

  version = member_string (obj, "version");
  if (version != NULL && (strcmp (version, "https://jsonfeed.org/version/1.1") == 0 ||
                          strcmp (version, "http://jsonfeed.org/version/1.1") == 0))
    feed->format = BS_FEED_FORMAT_JSON11;
  else if (version != NULL && (strcmp (version, "https://jsonfeed.org/version/1") == 0 ||
                               strcmp (version, "http://jsonfeed.org/version/1") == 0 ||
                               strcmp (version, "https://jsonfeed.org/version/1.0") == 0))
    feed->format = BS_FEED_FORMAT_JSON10;
  else
    {
      if (version == NULL)
        bs_feed_add_error (feed, "no feed found: the JSON document has no JSON Feed “version”");
      else
        bs_feed_add_error (feed, "unknown JSON Feed version “%s”", version);
      if (member_array (obj, "items") == NULL)
        return TRUE;
      /* something that looks like a JSON Feed: read it anyway */
    }

  /* relative URLs resolve against feed_url when there is no base */
  feed_base = base_uri ? g_strdup (base_uri) : member_url (obj, "feed_url", NULL);

  feed->title = dup_nonempty (member_string (obj, "title"));
  feed->subtitle = dup_nonempty (member_string (obj, "description"));
  feed->link = member_url (obj, "home_page_url", feed_base);
  feed->icon = member_url (obj, "favicon", feed_base);
  feed->image = member_url (obj, "icon", feed_base);
  feed->language = dup_nonempty (member_string (obj, "language"));
  if (feed->language != NULL)
    g_strdelimit (feed->language, "_", '-');
  read_author (obj, feed_base, &feed->author, &feed->author_detail);

  items = member_array (obj, "items");
  if (items == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *n = json_array_get_element (items, i);

      if (JSON_NODE_HOLDS_OBJECT (n))
        read_item (json_node_get_object (n), feed_base, flags, feed);
    }
  return TRUE;
}
