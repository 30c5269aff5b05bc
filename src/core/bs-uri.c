/* bs-uri.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-uri"

#include "config.h"

#include <string.h>

#include "bs-uri.h"

/* RFC 3986 reference resolution (section 5.2), written by hand rather than
 * with GUri: feeds contain references GUri rejects (spaces, stray '%',
 * backslashes), and a person reading the feed would still follow them. */

typedef struct {
  const char *scheme;    gsize scheme_len;    /* without ':' */
  const char *authority; gsize authority_len; /* without "//" */
  const char *path;      gsize path_len;
  const char *query;     gsize query_len;     /* without '?' */
  const char *fragment;  gsize fragment_len;  /* without '#' */
  guint has_scheme    : 1;
  guint has_authority : 1;
  guint has_query     : 1;
  guint has_fragment  : 1;
} UriParts;

static gsize
scheme_length (const char *s)
{
  gsize i;

  if (!g_ascii_isalpha (s[0]))
    return 0;
  for (i = 1; s[i] != '\0'; i++)
    {
      char c = s[i];

      if (c == ':')
        return i;
      if (!g_ascii_isalnum (c) && c != '+' && c != '-' && c != '.')
        return 0;
    }
  return 0;
}

gboolean
bs_uri_is_absolute (const char *ref)
{
  g_return_val_if_fail (ref != NULL, FALSE);

  return scheme_length (ref) > 0;
}

static void
split_uri (const char *s,
           gsize       len,
           UriParts   *p)
{
  const char *end = s + len;
  const char *cur = s;
  gsize n;

  memset (p, 0, sizeof *p);

  n = scheme_length (s);
  if (n > 0 && n < len)
    {
      p->has_scheme = TRUE;
      p->scheme = s;
      p->scheme_len = n;
      cur = s + n + 1;
    }

  if (end - cur >= 2 && cur[0] == '/' && cur[1] == '/')
    {
      const char *a = cur + 2;
      const char *e = a;

      while (e < end && *e != '/' && *e != '?' && *e != '#')
        e++;
      p->has_authority = TRUE;
      p->authority = a;
      p->authority_len = e - a;
      cur = e;
    }

  p->path = cur;
  while (cur < end && *cur != '?' && *cur != '#')
    cur++;
  p->path_len = cur - p->path;

  if (cur < end && *cur == '?')
    {
      p->has_query = TRUE;
      p->query = ++cur;
      while (cur < end && *cur != '#')
        cur++;
      p->query_len = cur - p->query;
    }

  if (cur < end && *cur == '#')
    {
      p->has_fragment = TRUE;
      p->fragment = cur + 1;
      p->fragment_len = end - (cur + 1);
    }
}

/* RFC 3986 5.2.4, on a copy in @out (appended). */
static void
append_without_dot_segments (GString    *out,
                             const char *path,
                             gsize       len)
{
  gsize start = out->len;
  const char *in = path;
  const char *end = path + len;

  while (in < end)
    {
      gsize rest = end - in;

      if (rest >= 3 && strncmp (in, "../", 3) == 0)
        in += 3;
      else if (rest >= 2 && strncmp (in, "./", 2) == 0)
        in += 2;
      else if (rest >= 3 && strncmp (in, "/./", 3) == 0)
        in += 2;
      else if (rest == 2 && strncmp (in, "/.", 2) == 0)
        {
          g_string_append_c (out, '/');
          in += 2;
        }
      else if ((rest >= 4 && strncmp (in, "/../", 4) == 0) ||
               (rest == 3 && strncmp (in, "/..", 3) == 0))
        {
          char *slash;

          in += 3;
          /* drop the last segment already written */
          g_string_append_c (out, '\0');
          out->len--;
          slash = strrchr (out->str + start, '/');
          g_string_truncate (out, slash ? (gsize) (slash - out->str) : start);
          if (in == end)
            g_string_append_c (out, '/');
        }
      else if ((rest == 1 && in[0] == '.') || (rest == 2 && strncmp (in, "..", 2) == 0))
        in = end;
      else
        {
          const char *seg = in;

          if (*seg == '/')
            seg++;
          while (seg < end && *seg != '/')
            seg++;
          g_string_append_len (out, in, seg - in);
          in = seg;
        }
    }
}

static char *
strip_dup (const char *s,
           gsize      *out_len)
{
  const char *e;

  while (g_ascii_isspace (*s))
    s++;
  e = s + strlen (s);
  while (e > s && g_ascii_isspace (e[-1]))
    e--;
  *out_len = e - s;
  return g_strndup (s, e - s);
}

char *
bs_uri_resolve (const char *base,
                const char *ref)
{
  g_autofree char *r = NULL;
  UriParts b, t;
  GString *out;
  gsize rlen;

  g_return_val_if_fail (ref != NULL, NULL);

  /* the common case: an absolute URL with nothing around it */
  if (scheme_length (ref) > 0)
    {
      rlen = strlen (ref);
      if (rlen > 0 && !g_ascii_isspace (ref[rlen - 1]))
        return g_strndup (ref, rlen);
    }

  r = strip_dup (ref, &rlen);

  if (base == NULL || *base == '\0' || scheme_length (r) > 0)
    return g_steal_pointer (&r);

  while (g_ascii_isspace (*base))
    base++;
  if (scheme_length (base) == 0)
    return g_steal_pointer (&r);

  split_uri (base, strlen (base), &b);
  split_uri (r, rlen, &t);

  out = g_string_sized_new (strlen (base) + rlen + 8);
  g_string_append_len (out, b.scheme, b.scheme_len);
  g_string_append_c (out, ':');

  if (t.has_authority)
    {
      g_string_append (out, "//");
      g_string_append_len (out, t.authority, t.authority_len);
      append_without_dot_segments (out, t.path, t.path_len);
      if (t.has_query)
        {
          g_string_append_c (out, '?');
          g_string_append_len (out, t.query, t.query_len);
        }
    }
  else
    {
      if (b.has_authority)
        {
          g_string_append (out, "//");
          g_string_append_len (out, b.authority, b.authority_len);
        }

      if (t.path_len == 0)
        {
          g_string_append_len (out, b.path, b.path_len);
          if (t.has_query)
            {
              g_string_append_c (out, '?');
              g_string_append_len (out, t.query, t.query_len);
            }
          else if (b.has_query)
            {
              g_string_append_c (out, '?');
              g_string_append_len (out, b.query, b.query_len);
            }
        }
      else
        {
          if (t.path[0] == '/')
            append_without_dot_segments (out, t.path, t.path_len);
          else
            {
              g_autoptr(GString) merged = g_string_new (NULL);
              const char *slash = NULL;
              const char *p;

              /* RFC 3986 5.2.3 merge */
              if (b.has_authority && b.path_len == 0)
                g_string_append_c (merged, '/');
              else
                {
                  for (p = b.path; p < b.path + b.path_len; p++)
                    if (*p == '/')
                      slash = p;
                  if (slash != NULL)
                    g_string_append_len (merged, b.path, slash - b.path + 1);
                }
              g_string_append_len (merged, t.path, t.path_len);
              append_without_dot_segments (out, merged->str, merged->len);
            }
          if (t.has_query)
            {
              g_string_append_c (out, '?');
              g_string_append_len (out, t.query, t.query_len);
            }
        }
    }

  if (t.has_fragment)
    {
      g_string_append_c (out, '#');
      g_string_append_len (out, t.fragment, t.fragment_len);
    }

  return g_string_free (out, FALSE);
}
