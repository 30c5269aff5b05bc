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
is_utm_parameter (const char *param,
                  gsize       length)
{
  return length >= 4 && g_ascii_strncasecmp (param, "utm_", 4) == 0;
}

/* Appends the parameters of @query (@length bytes) but the empty and utm_*
 * ones to @out, the first after '?', the others after '&'. */
static void
append_query (GString    *out,
              const char *query,
              gsize       length)
{
  const char *end = query + length;
  gboolean first = TRUE;

  while (query <= end)
    {
      const char *amp = memchr (query, '&', end - query);
      const char *param_end = amp != NULL ? amp : end;

      if (param_end > query && !is_utm_parameter (query, param_end - query))
        {
          g_string_append_c (out, first ? '?' : '&');
          g_string_append_len (out, query, param_end - query);
          first = FALSE;
        }
      query = param_end + 1;
    }
}

/* The common case of bs_library_normalize_link(): @link (@length bytes,
 * trimmed) is an http or https link whose host is made of letters,
 * digits, dots and dashes, with maybe a port, in printable ASCII without
 * '%' or '\\': nothing for GUri to decode, normalise or reject. Appends
 * what GUri's parse would give to @out and returns TRUE, or returns FALSE
 * and leaves @out alone. */
static gboolean
normalize_simple_link (const char *link,
                       gsize       length,
                       GString    *out)
{
  const char *end = link + length;
  const char *p, *host, *host_end, *path, *path_end;
  guint port = 0;
  gboolean has_port = FALSE;

  for (p = link; p < end; p++)
    {
      if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f || *p == '%' || *p == '\\')
        return FALSE;
    }

  if (length > 7 && g_ascii_strncasecmp (link, "http://", 7) == 0)
    host = link + 7;
  else if (length > 8 && g_ascii_strncasecmp (link, "https://", 8) == 0)
    host = link + 8;
  else
    return FALSE;

  for (p = host; p < end && (g_ascii_isalnum (*p) || *p == '.' || *p == '-'); p++)
    ;
  host_end = p;
  if (host_end == host)
    return FALSE;

  if (p < end && *p == ':')
    {
      const char *digits = ++p;

      for (; p < end && g_ascii_isdigit (*p); p++)
        {
          port = port * 10 + (*p - '0');
          if (port > 65535)
            return FALSE;
        }
      if (p == digits)
        return FALSE;
      has_port = TRUE;
    }
  if (p < end && *p != '/' && *p != '?' && *p != '#')
    return FALSE;

  path = p;
  for (path_end = path; path_end < end && *path_end != '?' && *path_end != '#'; path_end++)
    {
      /* GUri removes "." and ".." segments */
      if (*path_end == '/' && path_end + 1 < end && path_end[1] == '.')
        return FALSE;
    }

  g_string_append (out, "//");
  for (p = host; p < host_end; p++)
    g_string_append_c (out, g_ascii_tolower (*p));
  /* GUri keeps port 0 (and a default port) but the general case drops it */
  if (has_port && port != 80 && port != 443 && port > 0)
    {
      char digits[8];
      int n = 0;

      for (; port > 0; port /= 10)
        digits[n++] = '0' + port % 10;
      g_string_append_c (out, ':');
      while (n > 0)
        g_string_append_c (out, digits[--n]);
    }

  p = path_end;
  while (p > path && p[-1] == '/')
    p--;
  g_string_append_len (out, path, p - path);

  if (path_end < end && *path_end == '?')
    {
      const char *query = path_end + 1;
      const char *hash = memchr (query, '#', end - query);

      append_query (out, query, (hash != NULL ? hash : end) - query);
    }

  return TRUE;
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
  const char *start, *end, *path, *query;
  gsize path_len;
  int port;

  if (link == NULL)
    return NULL;

  /* as g_strstrip() would, without a copy */
  for (start = link; g_ascii_isspace (*start); start++)
    ;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end == start)
    return NULL;

  /* Most links: loading a store normalises every one */
  out = g_string_sized_new (end - start);
  if (normalize_simple_link (start, end - start, out))
    return g_string_free (g_steal_pointer (&out), FALSE);

  trimmed = g_strndup (start, end - start);
  uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      char *hash = strchr (trimmed, '#');

      if (hash != NULL)
        *hash = '\0';
      return g_steal_pointer (&trimmed);
    }

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
    append_query (out, query, strlen (query));

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

static void
set_dup_of (BsLibrary     *self,
            BsLibraryItem *item,
            BsLibraryItem *best)
{
  if (item->dup_of == best)
    return;

  item->dup_of = best;
  _bs_library_item_changed (self, item, item->sort_time);
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

  set_dup_of (self, item, best != item ? best : NULL);
}

/* Adds @item to the bucket of @name; whether it is alone there. */
static gboolean
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
  return bucket->len == 1;
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
  gboolean alone = TRUE;

  if (item->link_norm != NULL)
    alone = bucket_add (self->by_link, item->link_norm, item);
  if (item->title_norm != NULL)
    alone = bucket_add (self->by_title, item->title_norm, item) && alone;

  /* No other item has its link or title, so it has no neighbour: most
   * items, when a store is loaded. */
  if (alone)
    {
      set_dup_of (self, item, NULL);
      return;
    }

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
