/* bs-library-dups.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-library"

#include "config.h"

#include "bs-library-private.h"

#include <string.h>

/* The same article through several sources.
 *
 * Two entries of different sources are neighbours when their normalised
 * links are equal, or when their folded titles are equal and their dates
 * are less than a day apart. Each entry points (dup_of) at its best
 * neighbour when that one is better than itself (see better()), and lists
 * that hide duplicates leave it out. Indexes: by_link and by_title map a
 * normalised link or title to the items that have it. When an item comes,
 * goes or changes, only it and its neighbours are looked at again. */

#define TITLE_MIN_LENGTH 8
#define SAME_DAY (24 * 60 * 60)

static gboolean
is_utm_parameter (const char *param)
{
  return g_ascii_strncasecmp (param, "utm_", 4) == 0;
}

/**
 * bs_library_normalize_link:
 * @link: (nullable): an article link
 *
 * The form under which two links are taken for the same article: http and
 * https alike (the scheme is dropped for both), scheme and host in lower
 * case, no default port, no trailing slash, no fragment, no utm_* query
 * parameters. "HTTPS://Blog.Example.org/post/?utm_source=x#top" and
 * "http://blog.example.org/post" both give "//blog.example.org/post".
 *
 * Returns: (transfer full) (nullable): the normalised link, NULL when
 *   @link is NULL or blank
 */
char *
bs_library_normalize_link (const char *link)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  const char *path, *query;
  gsize path_len;
  int port;

  if (link == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (link));
  if (trimmed[0] == '\0')
    return NULL;

  uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      char *hash = strchr (trimmed, '#');

      if (hash != NULL)
        *hash = '\0';
      return g_steal_pointer (&trimmed);
    }

  out = g_string_new (NULL);
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  port = g_uri_get_port (uri);
  if (strcmp (scheme, "http") != 0 && strcmp (scheme, "https") != 0)
    g_string_append_printf (out, "%s:", scheme);
  else if (port == 80 || port == 443)
    port = -1;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  g_string_append_printf (out, "//%s", host);
  if (port > 0)
    g_string_append_printf (out, ":%d", port);

  path = g_uri_get_path (uri);
  path_len = strlen (path);
  while (path_len > 0 && path[path_len - 1] == '/')
    path_len--;
  g_string_append_len (out, path, path_len);

  query = g_uri_get_query (uri);
  if (query != NULL)
    {
      g_auto(GStrv) params = g_strsplit (query, "&", -1);
      gboolean first = TRUE;

      for (guint i = 0; params[i] != NULL; i++)
        {
          if (params[i][0] == '\0' || is_utm_parameter (params[i]))
            continue;
          g_string_append_c (out, first ? '?' : '&');
          g_string_append (out, params[i]);
          first = FALSE;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The host of a normalised link (or of any URL), lower case, without a
 * leading "www.", or NULL. */
char *
_bs_library_link_host (const char *link_norm)
{
  const char *start, *end;

  if (link_norm == NULL)
    return NULL;

  start = strstr (link_norm, "//");
  if (start == NULL)
    return NULL;
  start += 2;
  end = start + strcspn (start, "/?#:");
  if (end == start)
    return NULL;
  if (end - start > 4 && g_ascii_strncasecmp (start, "www.", 4) == 0)
    start += 4;

  return g_ascii_strdown (start, end - start);
}

/* Whether the link of @item points to the site of its own source. */
static gboolean
is_own (BsLibraryItem *item)
{
  g_autofree char *host = NULL;

  if (item->link_norm == NULL
      || (item->src->site_host == NULL && item->src->feed_host == NULL))
    return FALSE;

  host = _bs_library_link_host (item->link_norm);
  return host != NULL
         && (g_strcmp0 (host, item->src->site_host) == 0
             || g_strcmp0 (host, item->src->feed_host) == 0);
}

/* Whether @a is to be shown rather than @b. */
static gboolean
better (BsLibraryItem *a,
        BsLibraryItem *b)
{
  gboolean own_a = is_own (a), own_b = is_own (b);
  gint64 seen_a, seen_b;
  int cmp;

  if (own_a != own_b)
    return own_a;
  if (a->src->order != b->src->order)
    return a->src->order < b->src->order;

  seen_a = bs_entry_get_first_seen (a->entry);
  seen_b = bs_entry_get_first_seen (b->entry);
  if (seen_a != seen_b)
    return seen_a < seen_b;

  cmp = strcmp (bs_entry_get_source_id (a->entry), bs_entry_get_source_id (b->entry));
  if (cmp == 0)
    cmp = strcmp (bs_entry_get_key (a->entry), bs_entry_get_key (b->entry));
  return cmp < 0;
}

static gboolean
same_time (BsLibraryItem *a,
           BsLibraryItem *b)
{
  gint64 diff;

  if (a->dup_time == BS_DATE_NONE || b->dup_time == BS_DATE_NONE)
    return FALSE;

  diff = a->dup_time > b->dup_time ? a->dup_time - b->dup_time : b->dup_time - a->dup_time;
  return diff >= 0 && diff < SAME_DAY;
}

/**
 * _bs_library_dups_neighbours:
 *
 * Returns: (transfer container): the items of other sources taken for the
 *   same article as @item
 */
GPtrArray *
_bs_library_dups_neighbours (BsLibrary     *self,
                             BsLibraryItem *item)
{
  GPtrArray *result = g_ptr_array_new ();
  GPtrArray *bucket;

  if (item->link_norm != NULL
      && (bucket = g_hash_table_lookup (self->by_link, item->link_norm)) != NULL)
    {
      for (guint i = 0; i < bucket->len; i++)
        {
          BsLibraryItem *other = g_ptr_array_index (bucket, i);

          if (other->src != item->src && !other->dead)
            g_ptr_array_add (result, other);
        }
    }

  if (item->title_norm != NULL
      && (bucket = g_hash_table_lookup (self->by_title, item->title_norm)) != NULL)
    {
      for (guint i = 0; i < bucket->len; i++)
        {
          BsLibraryItem *other = g_ptr_array_index (bucket, i);

          if (other->src != item->src && !other->dead && same_time (item, other)
              && !g_ptr_array_find (result, other, NULL))
            g_ptr_array_add (result, other);
        }
    }

  return result;
}

/* Points @item at its best neighbour, if better than itself. */
void
_bs_library_dups_recompute (BsLibrary     *self,
                            BsLibraryItem *item)
{
  g_autoptr(GPtrArray) neighbours = _bs_library_dups_neighbours (self, item);
  BsLibraryItem *best = item;

  for (guint i = 0; i < neighbours->len; i++)
    {
      BsLibraryItem *other = g_ptr_array_index (neighbours, i);

      if (better (other, best))
        best = other;
    }

  if (best == item)
    best = NULL;
  if (item->dup_of == best)
    return;

  item->dup_of = best;
  _bs_library_item_changed (self, item, item->sort_time);
}

static void
bucket_add (GHashTable    *index,
            const char    *name,
            BsLibraryItem *item)
{
  GPtrArray *bucket = g_hash_table_lookup (index, name);

  if (bucket == NULL)
    {
      bucket = g_ptr_array_new ();
      g_hash_table_insert (index, g_strdup (name), bucket);
    }
  g_ptr_array_add (bucket, item);
}

static void
bucket_remove (GHashTable    *index,
               const char    *name,
               BsLibraryItem *item)
{
  GPtrArray *bucket = g_hash_table_lookup (index, name);

  if (bucket == NULL)
    return;
  g_ptr_array_remove_fast (bucket, item);
  if (bucket->len == 0)
    g_hash_table_remove (index, name);
}

/* Indexes @item (its link_norm, title_norm and dup_time set) and looks
 * again at it and its neighbours. */
void
_bs_library_dups_add (BsLibrary     *self,
                      BsLibraryItem *item)
{
  g_autoptr(GPtrArray) neighbours = NULL;

  if (item->link_norm != NULL)
    bucket_add (self->by_link, item->link_norm, item);
  if (item->title_norm != NULL)
    bucket_add (self->by_title, item->title_norm, item);

  neighbours = _bs_library_dups_neighbours (self, item);
  _bs_library_dups_recompute (self, item);
  for (guint i = 0; i < neighbours->len; i++)
    _bs_library_dups_recompute (self, g_ptr_array_index (neighbours, i));
}

/* Takes @item out of the indexes (with the keys it was added with) and
 * looks again at its former neighbours. Its own dup_of is cleared without
 * telling the models: the caller does, or drops the item. */
void
_bs_library_dups_remove (BsLibrary     *self,
                         BsLibraryItem *item)
{
  g_autoptr(GPtrArray) neighbours = _bs_library_dups_neighbours (self, item);

  if (item->link_norm != NULL)
    bucket_remove (self->by_link, item->link_norm, item);
  if (item->title_norm != NULL)
    bucket_remove (self->by_title, item->title_norm, item);
  item->dup_of = NULL;

  for (guint i = 0; i < neighbours->len; i++)
    _bs_library_dups_recompute (self, g_ptr_array_index (neighbours, i));
}
