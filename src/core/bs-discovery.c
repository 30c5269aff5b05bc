/* bs-discovery.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-discovery"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "bs-discovery.h"
#include "bs-encoding.h"
#include "bs-parser.h"
#include "bs-uri.h"

G_DEFINE_QUARK (bs-discovery-error-quark, bs_discovery_error)

/* At most this many <a href> links that look like feeds are fetched. */
#define MAX_GUESSES 5

/* Where sites without <link rel="alternate"> usually keep their feed,
 * most common first. */
static const char *const fallbacks[] = {
  "/feed", "/feed/", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml",
  "/feed.json", "/?feed=rss2",
};

/* The media types of <link rel="alternate"> that name a feed. */
static const char *const feed_types[] = {
  "application/rss+xml", "application/atom+xml", "application/feed+json",
  "application/json", "application/rdf+xml", "text/xml", "application/xml",
};

BsDiscoveredFeed *
bs_discovered_feed_new (const char *url,
                        const char *title,
                        const char *type)
{
  BsDiscoveredFeed *feed;

  g_return_val_if_fail (url != NULL, NULL);

  feed = g_new0 (BsDiscoveredFeed, 1);
  feed->url = g_strdup (url);
  feed->title = g_strdup (title);
  feed->type = g_strdup (type);
  return feed;
}

void
bs_discovered_feed_free (BsDiscoveredFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->url);
  g_free (feed->title);
  g_free (feed->type);
  g_free (feed);
}

/* ---- the links of a page --------------------------------------------- */

typedef struct {
  char      *base_href;  /* of the first <base href> */
  GPtrArray *links;      /* BsPageLink *, with the href as written in url */
} Scan;

void
bs_page_link_free (BsPageLink *link)
{
  if (link == NULL)
    return;
  g_free (link->url);
  g_free (link->rel);
  g_free (link->type);
  g_free (link->title);
  g_free (link->sizes);
  g_free (link);
}

static const char *
attr (const xmlChar **atts,
      const char     *name)
{
  if (atts == NULL)
    return NULL;
  for (int i = 0; atts[i] != NULL; i += 2)
    if (strcmp ((const char *) atts[i], name) == 0)
      return atts[i + 1] != NULL ? (const char *) atts[i + 1] : "";
  return NULL;
}

static void
start_element_cb (void           *ctx,
                  const xmlChar  *name,
                  const xmlChar **atts)
{
  Scan *scan = ((htmlParserCtxtPtr) ctx)->_private;
  const char *n = (const char *) name;
  const char *href;

  /* the HTML parser gives element and attribute names in lower case */
  if (strcmp (n, "link") == 0 || strcmp (n, "a") == 0)
    {
      BsPageLink *link;

      href = attr (atts, "href");
      if (href == NULL)
        return;
      link = g_new0 (BsPageLink, 1);
      link->anchor = n[0] == 'a';
      link->url = g_strdup (href);
      link->rel = g_strdup (attr (atts, "rel"));
      link->type = g_strdup (attr (atts, "type"));
      link->title = g_strdup (attr (atts, "title"));
      link->sizes = g_strdup (attr (atts, "sizes"));
      g_ptr_array_add (scan->links, link);
    }
  else if (strcmp (n, "base") == 0 && scan->base_href == NULL)
    {
      href = attr (atts, "href");
      if (href != NULL)
        scan->base_href = g_strdup (href);
    }
}

static void
ignore_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
}

/* One SAX pass of libxml2's HTML parser over @html (UTF-8). */
static void
scan_html (const char *html,
           gsize       len,
           Scan       *scan)
{
  static gsize initialized = 0;
  htmlParserCtxtPtr ctxt;
  htmlSAXHandler sax;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  if (len == 0 || len > G_MAXINT)
    return;
  ctxt = htmlCreateMemoryParserCtxt (html, (int) len);
  if (ctxt == NULL)
    return;

  memset (&sax, 0, sizeof sax);
  sax.startElement = start_element_cb;
  sax.serror = ignore_error_cb;
  sax.initialized = XML_SAX2_MAGIC;
  memcpy (ctxt->sax, &sax, sizeof sax);
  ctxt->userData = ctxt;
  ctxt->_private = scan;
  htmlCtxtUseOptions (ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                            HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS | HTML_PARSE_IGNORE_ENC |
                            HTML_PARSE_COMPACT);
  xmlSwitchEncoding (ctxt, XML_CHAR_ENCODING_UTF8);

  htmlParseDocument (ctxt);

  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  ctxt->myDoc = NULL;
  htmlFreeParserCtxt (ctxt);
}

static gboolean
is_http_url (const char *url)
{
  const char *after;

  if (g_ascii_strncasecmp (url, "http://", 7) == 0)
    after = url + 7;
  else if (g_ascii_strncasecmp (url, "https://", 8) == 0)
    after = url + 8;
  else
    return FALSE;
  return *after != '\0' && strchr ("/?#", *after) == NULL && strpbrk (url, " \t\r\n") == NULL;
}

GPtrArray *
bs_page_scan_links (const char *html,
                    gsize       len,
                    const char *base_uri)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_page_link_free);
  g_autofree char *valid = NULL;
  g_autofree char *base = NULL;
  Scan scan = { 0, };

  g_return_val_if_fail (html != NULL || len == 0, NULL);

  if (base_uri != NULL && *base_uri == '\0')
    base_uri = NULL;
  /* libxml2 would read the rest as Latin-1 after an invalid byte */
  if (!bs_encoding_utf8_valid (html, len, NULL))
    {
      valid = g_utf8_make_valid (html, len);
      html = valid;
      len = strlen (valid);
    }

  scan.links = g_ptr_array_new ();
  scan_html (html, len, &scan);

  /* <base href> applies to every URL of the page, even those before it */
  base = scan.base_href != NULL ? bs_uri_resolve (base_uri, scan.base_href) : g_strdup (base_uri);
  if (base != NULL && !is_http_url (base))
    {
      g_free (base);
      base = g_strdup (base_uri);
    }

  for (guint i = 0; i < scan.links->len; i++)
    {
      BsPageLink *link = g_ptr_array_index (scan.links, i);
      char *url;

      /* an empty href is the page itself */
      if (link->url[strspn (link->url, " \t\r\n\f")] == '\0')
        {
          bs_page_link_free (link);
          continue;
        }
      url = bs_uri_resolve (base, link->url);
      g_free (link->url);
      link->url = url;
      if (!is_http_url (url))
        {
          bs_page_link_free (link);
          continue;
        }
      g_ptr_array_add (found, link);
    }

  g_ptr_array_unref (scan.links);
  g_free (scan.base_href);
  return found;
}

/* The charset a <meta> in the first 1024 bytes declares, lower-case, or
 * NULL: <meta charset="…"> and <meta http-equiv="Content-Type"
 * content="…; charset=…">. */
static char *
sniff_meta_charset (const char *data,
                    gsize       len)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (len, 1024));
  const char *p = head;

  while ((p = strstr (p, "<meta")) != NULL)
    {
      const char *end = strchr (p, '>');
      const char *c;
      g_autofree char *tag = g_strndup (p, end != NULL ? (gsize) (end - p) : strlen (p));

      p += 5;
      for (c = strstr (tag, "charset"); c != NULL; c = strstr (c, "charset"))
        {
          gsize n;

          c += 7;
          while (g_ascii_isspace (*c))
            c++;
          if (*c != '=')
            continue;
          c++;
          while (g_ascii_isspace (*c) || *c == '"' || *c == '\'')
            c++;
          n = strspn (c, "abcdefghijklmnopqrstuvwxyz0123456789-_.:");
          if (n == 0)
            continue;
          /* HTML reads a page that declares UTF-16 in ASCII as UTF-8 */
          if (g_str_has_prefix (c, "utf-16"))
            return g_strdup ("utf-8");
          return g_strndup (c, n);
        }
    }
  return NULL;
}

char *
bs_page_decode (const char *data,
                gsize       len,
                const char *charset,
                gsize      *out_len)
{
  g_autofree char *meta_charset = NULL;
  BsDecoded decoded;
  char *utf8;
  gsize n;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len == 0)
    {
      if (out_len != NULL)
        *out_len = 0;
      return g_strdup ("");
    }

  if (charset == NULL)
    charset = meta_charset = sniff_meta_charset (data, len);
  bs_encoding_decode (data, len, charset, &decoded);
  if (decoded.utf8 != NULL)
    {
      n = decoded.utf8_len;
      utf8 = g_steal_pointer (&decoded.utf8);
    }
  else
    {
      /* may hold NUL bytes: not g_strndup () */
      n = len - decoded.offset;
      utf8 = g_malloc (n + 1);
      memcpy (utf8, data + decoded.offset, n);
      utf8[n] = '\0';
    }
  bs_decoded_clear (&decoded);
  if (out_len != NULL)
    *out_len = n;
  return utf8;
}

/* ---- the feeds of a page ----------------------------------------------- */

/* TRUE when the space-separated token list @rel holds "alternate". */
static gboolean
rel_is_alternate (const char *rel)
{
  g_auto(GStrv) tokens = NULL;

  if (rel == NULL)
    return FALSE;
  tokens = g_strsplit_set (rel, " \t\r\n\f", -1);
  for (int i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], "alternate") == 0)
      return TRUE;
  return FALSE;
}

/* The lower-case media type of @type without parameters when it is a
 * feed's, or NULL. */
static char *
feed_type (const char *type)
{
  g_autofree char *t = NULL;
  char *semicolon;

  if (type == NULL)
    return NULL;
  t = g_ascii_strdown (type, -1);
  semicolon = strchr (t, ';');
  if (semicolon != NULL)
    *semicolon = '\0';
  g_strstrip (t);
  for (guint i = 0; i < G_N_ELEMENTS (feed_types); i++)
    if (strcmp (t, feed_types[i]) == 0)
      return g_steal_pointer (&t);
  return NULL;
}

static char *
title_or_null (const char *title)
{
  char *t;

  if (title == NULL)
    return NULL;
  t = g_strstrip (g_strdup (title));
  if (*t == '\0')
    g_clear_pointer (&t, g_free);
  return t;
}

static gboolean
has_suffix (const char *s,
            const char *suffix)
{
  return g_str_has_suffix (s, suffix);
}

/* TRUE when the absolute @url looks like a feed's: a path ending in
 * /feed, /rss, /atom, .rss, .atom, .rdf, .xml (not a sitemap) or
 * feed.json, a script named after feeds (rss.php, feed.aspx), a query
 * asking for one (?feed=rss2, ?format=atom), or a feeds.* host. */
static gboolean
looks_like_feed (const char *url)
{
  g_autofree char *lower = g_ascii_strdown (url, -1);
  char *host = strstr (lower, "://") + 3;
  char *path = host + strcspn (host, "/?#");
  char *query = NULL;
  char *segment;
  char *mark;

  mark = path + strcspn (path, "?#");
  if (*mark == '?')
    {
      query = mark + 1;
      query[strcspn (query, "#")] = '\0';
    }
  *mark = '\0';

  if (g_str_has_prefix (host, "feeds.") && path[0] == '/' && path[1] != '\0')
    return TRUE;

  if (has_suffix (path, "/") && path[1] != '\0')
    path[strlen (path) - 1] = '\0';
  segment = strrchr (path, '/');
  segment = segment != NULL ? segment + 1 : path;

  if (strcmp (segment, "feed") == 0 || strcmp (segment, "rss") == 0 ||
      strcmp (segment, "atom") == 0 || strcmp (segment, "rss2") == 0)
    return TRUE;
  if (has_suffix (segment, ".rss") || has_suffix (segment, ".atom") ||
      has_suffix (segment, ".rdf") || has_suffix (segment, "feed.json"))
    return TRUE;
  if (has_suffix (segment, ".xml") && !g_str_has_prefix (segment, "sitemap"))
    return TRUE;
  if ((strstr (segment, "rss") != NULL || strstr (segment, "feed") != NULL ||
       strstr (segment, "atom") != NULL) &&
      (has_suffix (segment, ".php") || has_suffix (segment, ".cgi") ||
       has_suffix (segment, ".asp") || has_suffix (segment, ".aspx") ||
       has_suffix (segment, ".pl") || has_suffix (segment, ".json")))
    return TRUE;

  if (query != NULL)
    {
      g_auto(GStrv) params = g_strsplit_set (query, "&;", -1);

      for (int i = 0; params[i] != NULL; i++)
        {
          const char *value = strchr (params[i], '=');

          if (value == NULL)
            continue;
          value++;
          if (g_str_has_prefix (params[i], "feed=") && *value != '\0')
            return TRUE;
          if ((g_str_has_prefix (params[i], "format=") || g_str_has_prefix (params[i], "type=")) &&
              (strstr (value, "rss") != NULL || strstr (value, "atom") != NULL ||
               strstr (value, "feed") != NULL))
            return TRUE;
        }
    }
  return FALSE;
}

/* WordPress declares its REST API as <link rel="alternate"
 * type="application/json">: JSON, but not a feed. */
static gboolean
is_rest_api (const char *url,
             const char *type)
{
  return strcmp (type, "application/json") == 0 &&
         (strstr (url, "/wp-json/") != NULL || strstr (url, "rest_route=") != NULL);
}

GPtrArray *
bs_discover_in_html (const char *html,
                     gsize       len,
                     const char *base_uri)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_discovered_feed_free);
  g_autoptr(GPtrArray) links = NULL;
  /* keys owned by the links, which outlive the table */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (html != NULL || len == 0, NULL);

  links = bs_page_scan_links (html, len, base_uri);

  /* first the <link>s that declare feeds, then the <a>s that look like feeds */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < links->len; i++)
        {
          BsPageLink *link = g_ptr_array_index (links, i);
          g_autofree char *type = NULL;
          g_autofree char *title = NULL;

          if (link->anchor != (pass == 1) || g_hash_table_contains (seen, link->url))
            continue;
          if (pass == 0)
            {
              if (!rel_is_alternate (link->rel))
                continue;
              type = feed_type (link->type);
              if (type == NULL || is_rest_api (link->url, type))
                continue;
            }
          else if (!looks_like_feed (link->url))
            continue;
          title = title_or_null (link->title);
          g_ptr_array_add (found, bs_discovered_feed_new (link->url, title, type));
          g_hash_table_add (seen, link->url);
        }
    }

  return g_steal_pointer (&found);
}

/* ---- the search ------------------------------------------------------- */

typedef struct {
  gboolean  is_feed;
  char     *title;
  char     *type;
  GPtrArray *found;   /* BsDiscoveredFeed *, for a page */
} Analysis;

static void
analysis_free (Analysis *a)
{
  g_free (a->title);
  g_free (a->type);
  g_clear_pointer (&a->found, g_ptr_array_unref);
  g_free (a);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Analysis, analysis_free)

static const char *
format_type (BsFeedFormat format)
{
  switch (format)
    {
    case BS_FEED_FORMAT_RSS10:
      return "application/rdf+xml";
    case BS_FEED_FORMAT_ATOM:
    case BS_FEED_FORMAT_ATOM03:
    case BS_FEED_FORMAT_ATOM10:
      return "application/atom+xml";
    case BS_FEED_FORMAT_JSON10:
    case BS_FEED_FORMAT_JSON11:
      return "application/feed+json";
    case BS_FEED_FORMAT_RSS:
    case BS_FEED_FORMAT_RSS09X:
    case BS_FEED_FORMAT_RSS20:
      return "application/rss+xml";
    case BS_FEED_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

typedef struct {
  BsFetchResult *result;
  gboolean       want_links;
} Job;

static void
job_free (Job *job)
{
  bs_fetch_result_unref (job->result);
  g_free (job);
}

/* In a worker thread: is the body a feed, and if not, which feeds does it
 * link to. */
static void
analyse_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  BsFetchResult *result = job->result;
  g_autoptr(Analysis) a = g_new0 (Analysis, 1);
  g_autoptr(BsFeed) feed = NULL;
  gsize len;
  const char *data = g_bytes_get_data (result->body, &len);

  feed = bs_parse (data, len, result->final_url, result->charset, BS_PARSE_FLAGS_NONE, NULL);
  if (feed != NULL && feed->format != BS_FEED_FORMAT_UNKNOWN)
    {
      a->is_feed = TRUE;
      a->title = title_or_null (feed->title);
      a->type = g_strdup (format_type (feed->format));
    }
  else if (job->want_links)
    {
      gsize html_len;
      g_autofree char *html = bs_page_decode (data, len, result->charset, &html_len);

      a->found = bs_discover_in_html (html, html_len, result->final_url);
    }
  g_task_return_pointer (task, g_steal_pointer (&a), (GDestroyNotify) analysis_free);
}

typedef struct {
  char     *url;
  gboolean  fallback;
} Probe;

static void
probe_free (Probe *probe)
{
  g_free (probe->url);
  g_free (probe);
}

typedef struct {
  BsFetcher  *fetcher;
  char       *url;          /* as asked */
  char       *page_url;     /* after redirects */
  GPtrArray  *results;      /* BsDiscoveredFeed * */
  GQueue      probes;       /* Probe * */
  GHashTable *tried;        /* URLs asked for */
  GHashTable *known;        /* URLs reached and read: the page, the probes */
  Probe      *current;
  char       *current_url;  /* where the current probe ended up */
  gboolean    fallback_found;
} Discovery;

static void
discovery_free (Discovery *d)
{
  g_clear_object (&d->fetcher);
  g_free (d->url);
  g_free (d->page_url);
  g_clear_pointer (&d->results, g_ptr_array_unref);
  g_queue_clear_full (&d->probes, (GDestroyNotify) probe_free);
  g_clear_pointer (&d->tried, g_hash_table_unref);
  g_clear_pointer (&d->known, g_hash_table_unref);
  g_clear_pointer (&d->current, probe_free);
  g_free (d->current_url);
  g_free (d);
}

static void
analyse_async (GTask               *outer,
               BsFetchResult       *result,
               gboolean             want_links,
               GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (NULL, g_task_get_cancellable (outer), callback, g_object_ref (outer));
  Job *job = g_new0 (Job, 1);

  job->result = bs_fetch_result_ref (result);
  job->want_links = want_links;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, analyse_thread);
}

static gboolean
fetch_failed (GTask          *task,
              const char     *url,
              BsFetchResult  *result,
              GError         *error)
{
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, "%s: ", url);
      g_task_return_error (task, error);
      return TRUE;
    }
  if (result->status != BS_FETCH_OK || result->body == NULL)
    {
      g_task_return_new_error (task, BS_DISCOVERY_ERROR, BS_DISCOVERY_ERROR_UNAVAILABLE,
                               "%s: the server answered HTTP %u", url, result->http_status);
      return TRUE;
    }
  return FALSE;
}

static void probe_next (GTask *task);

static void
probe_analysed_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Discovery *d = g_task_get_task_data (task);
  g_autoptr(Analysis) a = NULL;
  g_autoptr(GError) error = NULL;

  a = g_task_propagate_pointer (G_TASK (res), &error);
  if (a == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (a->is_feed)
    {
      g_ptr_array_add (d->results, bs_discovered_feed_new (d->current_url, a->title, a->type));
      if (d->current->fallback)
        d->fallback_found = TRUE;
    }
  probe_next (task);
}

static void
probe_fetched_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Discovery *d = g_task_get_task_data (task);
  g_autoptr(BsFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = bs_fetcher_fetch_finish (BS_FETCHER (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* a guess that does not answer is just not a feed */
  if (result == NULL || result->status != BS_FETCH_OK || result->body == NULL ||
      g_hash_table_contains (d->known, result->final_url))
    {
      probe_next (task);
      return;
    }

  g_hash_table_add (d->known, g_strdup (result->final_url));
  g_free (d->current_url);
  d->current_url = g_strdup (result->final_url);
  analyse_async (task, result, FALSE, probe_analysed_cb);
}

static void
probe_next (GTask *task)
{
  Discovery *d = g_task_get_task_data (task);
  BsFetchRequest req = { 0, };

  if (g_task_return_error_if_cancelled (task))
    return;

  for (;;)
    {
      g_clear_pointer (&d->current, probe_free);
      d->current = g_queue_pop_head (&d->probes);
      if (d->current == NULL || (d->current->fallback && d->fallback_found))
        break;
      if (g_hash_table_contains (d->tried, d->current->url))
        continue;
      g_hash_table_add (d->tried, g_strdup (d->current->url));
      req.url = d->current->url;
      bs_fetcher_fetch_async (d->fetcher, &req, g_task_get_cancellable (task),
                              probe_fetched_cb, g_object_ref (task));
      return;
    }

  if (d->results->len == 0)
    {
      g_task_return_new_error (task, BS_DISCOVERY_ERROR, BS_DISCOVERY_ERROR_NO_FEED,
                               "%s offers no feed: the page links to none, and none of the "
                               "usual feed addresses of the site has one", d->url);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&d->results), (GDestroyNotify) g_ptr_array_unref);
}

static void
page_analysed_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Discovery *d = g_task_get_task_data (task);
  g_autoptr(Analysis) a = NULL;
  g_autoptr(GError) error = NULL;
  guint n_guesses = 0;

  a = g_task_propagate_pointer (G_TASK (res), &error);
  if (a == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (a->is_feed)
    {
      g_ptr_array_add (d->results, bs_discovered_feed_new (d->page_url, a->title, a->type));
      g_task_return_pointer (task, g_steal_pointer (&d->results), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  /* what the page declares, without the guesses */
  for (guint i = 0; i < a->found->len; i++)
    {
      BsDiscoveredFeed *feed = g_ptr_array_index (a->found, i);

      if (feed->type != NULL)
        g_ptr_array_add (d->results, bs_discovered_feed_new (feed->url, feed->title, feed->type));
    }
  if (d->results->len > 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&d->results), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  /* the guesses, then the usual places */
  g_hash_table_add (d->tried, g_strdup (d->url));
  g_hash_table_add (d->tried, g_strdup (d->page_url));
  g_hash_table_add (d->known, g_strdup (d->page_url));
  for (guint i = 0; i < a->found->len && n_guesses < MAX_GUESSES; i++)
    {
      BsDiscoveredFeed *feed = g_ptr_array_index (a->found, i);
      Probe *probe = g_new0 (Probe, 1);

      probe->url = g_strdup (feed->url);
      g_queue_push_tail (&d->probes, probe);
      n_guesses++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    {
      Probe *probe = g_new0 (Probe, 1);

      probe->url = bs_uri_resolve (d->page_url, fallbacks[i]);
      probe->fallback = TRUE;
      g_queue_push_tail (&d->probes, probe);
    }
  probe_next (task);
}

static void
page_fetched_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Discovery *d = g_task_get_task_data (task);
  g_autoptr(BsFetchResult) result = NULL;
  GError *error = NULL;

  result = bs_fetcher_fetch_finish (BS_FETCHER (source), res, &error);
  if (fetch_failed (task, d->url, result, error))
    return;
  if (g_task_return_error_if_cancelled (task))
    return;

  d->page_url = g_strdup (result->final_url);
  analyse_async (task, result, TRUE, page_analysed_cb);
}

void
bs_discover_async (BsFetcher           *fetcher,
                   const char          *url,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BsFetchRequest req = { 0, };
  Discovery *d;

  g_return_if_fail (BS_IS_FETCHER (fetcher));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_discover_async);
  d = g_new0 (Discovery, 1);
  d->fetcher = g_object_ref (fetcher);
  d->url = g_strdup (url);
  d->results = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_discovered_feed_free);
  d->tried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&d->probes);
  g_task_set_task_data (task, d, (GDestroyNotify) discovery_free);

  req.url = url;
  bs_fetcher_fetch_async (fetcher, &req, cancellable, page_fetched_cb, g_steal_pointer (&task));
}

GPtrArray *
bs_discover_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bs_discover_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
