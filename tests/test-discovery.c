/* test-discovery.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "bs-discovery.h"
#include "bs-fetcher.h"
#include "bs-test-util.h"

/* Every wait is for an event; this only stops a test that would hang. */
#define SAFETY_SECONDS 60

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "discovery", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static GPtrArray *
discover_fixture (const char *name,
                  const char *base_uri)
{
  g_autofree char *data = NULL;
  GPtrArray *found;
  gsize len;

  data = read_fixture (name, &len);
  found = bs_discover_in_html (data, len, base_uri);
  g_assert_nonnull (found);
  return found;
}

static void
assert_feed (GPtrArray  *found,
             guint       i,
             const char *url,
             const char *title,
             const char *type)
{
  BsDiscoveredFeed *feed;

  g_assert_cmpuint (i, <, found->len);
  feed = g_ptr_array_index (found, i);
  g_assert_cmpstr (feed->url, ==, url);
  g_assert_cmpstr (feed->title, ==, title);
  g_assert_cmpstr (feed->type, ==, type);
}

static void
test_wordpress (void)
{
  g_autoptr(GPtrArray) found = discover_fixture ("wordpress.html", "https://garden.example.org/");

  /* the posts and the comments; not the REST API, oEmbed, a link in a
   * script, nor the same feed again as a link or an <a href> */
  g_assert_cmpuint (found->len, ==, 2);
  assert_feed (found, 0, "https://garden.example.org/feed/",
               "Notes from the Garden \xc2\xbb Feed", "application/rss+xml");
  assert_feed (found, 1, "https://garden.example.org/comments/feed/",
               "Notes from the Garden \xc2\xbb Comments Feed", "application/rss+xml");
}

static void
test_blogger (void)
{
  g_autoptr(GPtrArray) found = discover_fixture ("blogger.html", "https://stitches.blogspot.com/");

  /* rel="service.post" is the posting API, not a feed */
  g_assert_cmpuint (found->len, ==, 2);
  assert_feed (found, 0, "https://stitches.blogspot.com/feeds/posts/default",
               "Stitches & Seams - Atom", "application/atom+xml");
  assert_feed (found, 1, "https://stitches.blogspot.com/feeds/posts/default?alt=rss",
               "Stitches & Seams - RSS", "application/rss+xml");
}

static void
test_json_feed (void)
{
  g_autoptr(GPtrArray) found = discover_fixture ("jsonfeed.html", "https://micro.example/posts/");

  /* rel holds several tokens in any case; type parameters are dropped;
   * hreflang alternates, javascript: and missing hrefs are not feeds */
  g_assert_cmpuint (found->len, ==, 3);
  assert_feed (found, 0, "https://micro.example/feed.json", "JSON Feed", "application/feed+json");
  assert_feed (found, 1, "https://micro.example/posts/feed.xml", "RSS", "application/rss+xml");
  assert_feed (found, 2, "https://micro.example/posts/index.rdf", "RDF", "application/rdf+xml");
}

static void
test_anchors (void)
{
  g_autoptr(GPtrArray) found = discover_fixture ("anchors.html", "https://little.example.net/");

  /* guesses from <a href>: type unknown */
  g_assert_cmpuint (found->len, ==, 5);
  assert_feed (found, 0, "https://little.example.net/blog/atom.xml", "Blog feed", NULL);
  assert_feed (found, 1, "https://little.example.net/rss.php?cat=photos", NULL, NULL);
  assert_feed (found, 2, "https://feeds.feedburner.com/LittleSite", NULL, NULL);
  assert_feed (found, 3, "https://little.example.net/podcast/feed/", NULL, NULL);
  assert_feed (found, 4, "https://little.example.net/index.php?option=com_content&format=feed&type=rss",
               NULL, NULL);
}

static void
test_base_href (void)
{
  g_autoptr(GPtrArray) found = discover_fixture ("base.html", "https://www.example.net/page");

  /* the first <base href> applies to the whole page, links before it too */
  g_assert_cmpuint (found->len, ==, 3);
  assert_feed (found, 0, "https://cdn.example.net/blog/atom.xml", "Before the base", "application/atom+xml");
  assert_feed (found, 1, "https://cdn.example.net/rss/index.xml", "After the base", "application/rss+xml");
  assert_feed (found, 2, "https://cdn.example.net/blog/feed/", NULL, NULL);
}

static void
test_no_feeds (void)
{
  const char *garbage[] = { "", "<", "<html><link rel=alternate type=application/rss+xml",
                            "\xff\xfe\x00<\x00l\x00i\x00n\x00k", "not html at all" };
  g_autoptr(GPtrArray) found = discover_fixture ("none.html", "https://shop.example.com/");

  g_assert_cmpuint (found->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GPtrArray) none = bs_discover_in_html (garbage[i], strlen (garbage[i]), NULL);

      g_assert_cmpuint (none->len, ==, 0);
    }
}

/* ---- over HTTP --------------------------------------------------------- */

#define ATOM_FEED \
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
  "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Server Blog</title>" \
  "<id>urn:x</id><updated>2026-03-01T00:00:00Z</updated>" \
  "<entry><title>One</title><id>urn:1</id><updated>2026-03-01T00:00:00Z</updated></entry>" \
  "</feed>\n"

#define RSS_FEED \
  "<?xml version=\"1.0\"?>\n" \
  "<rss version=\"2.0\"><channel><title>Fallback Feed</title>" \
  "<item><title>Hello</title><link>http://example.com/1</link></item></channel></rss>\n"

#define BLOG_PAGE \
  "<!DOCTYPE html><html><head><title>Blog</title>" \
  "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Posts\" href=\"/blog/feed.atom\">" \
  "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Comments\" href=\"comments.rss\">" \
  "</head><body><p>Welcome</p></body></html>"

#define LINKS_PAGE \
  "<!DOCTYPE html><html><head><title>Links</title></head><body>" \
  "<a href=\"/broken.rss\">Old feed</a> <a href=\"/blog/feed.atom\">Feed</a>" \
  "<a href=\"/blog/\">Blog</a></body></html>"

#define PLAIN_PAGE \
  "<!DOCTYPE html><html><head><title>Plain</title></head><body><p>Nothing</p></body></html>"

typedef struct {
  SoupServer *server;
  char       *base;
  GHashTable *hits;   /* path → number of requests */
} Site;

typedef struct {
  Site       main;      /* pages, a feed, redirects, errors */
  Site       fallback;  /* a page without links and a feed at /feed */
  BsFetcher *fetcher;
} Fixture;

static void
respond (SoupServerMessage *msg,
         const char        *content_type,
         const char        *body,
         gsize              len)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, len);
}

static void
count_hit (Site       *site,
           const char *path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (site->hits, path));

  g_hash_table_insert (site->hits, g_strdup (path), GUINT_TO_POINTER (n + 1));
}

static guint
hits (Site       *site,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (site->hits, path));
}

static void
main_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Site *site = user_data;

  count_hit (site, path);
  if (strcmp (path, "/blog/") == 0)
    respond (msg, "text/html; charset=utf-8", BLOG_PAGE, strlen (BLOG_PAGE));
  else if (strcmp (path, "/blog/feed.atom") == 0)
    respond (msg, "application/atom+xml", ATOM_FEED, strlen (ATOM_FEED));
  else if (strcmp (path, "/old-feed") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Location", "/blog/feed.atom");
    }
  else if (strcmp (path, "/links") == 0)
    respond (msg, "text/html", LINKS_PAGE, strlen (LINKS_PAGE));
  else if (strcmp (path, "/nothing") == 0)
    {
      g_autofree char *data = NULL;
      gsize len;

      data = read_fixture ("none.html", &len);
      respond (msg, "text/html", data, len);
    }
  else if (strcmp (path, "/latin1") == 0)
    {
      g_autofree char *data = NULL;
      gsize len;

      /* no charset in Content-Type: the <meta> says ISO-8859-1 */
      data = read_fixture ("latin1.html", &len);
      respond (msg, "text/html", data, len);
    }
  else if (strcmp (path, "/gone") == 0)
    soup_server_message_set_status (msg, SOUP_STATUS_GONE, NULL);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fallback_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Site *site = user_data;

  count_hit (site, path);
  if (strcmp (path, "/") == 0)
    respond (msg, "text/html", PLAIN_PAGE, strlen (PLAIN_PAGE));
  else if (strcmp (path, "/feed") == 0 || strcmp (path, "/rss.xml") == 0)
    respond (msg, "application/rss+xml", RSS_FEED, strlen (RSS_FEED));
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
site_start (Site               *site,
            SoupServerCallback  callback)
{
  site->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  site->server = bs_test_server_new (callback, site, &site->base, NULL);
}

static void
site_stop (Site *site)
{
  soup_server_disconnect (site->server);
  g_clear_object (&site->server);
  g_clear_pointer (&site->hits, g_hash_table_unref);
  g_clear_pointer (&site->base, g_free);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  site_start (&f->main, main_cb);
  site_start (&f->fallback, fallback_cb);
  f->fetcher = bs_fetcher_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->fetcher);
  site_stop (&f->main);
  site_stop (&f->fallback);
}

typedef struct {
  GPtrArray *found;
  GError    *error;
  gboolean   done;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->found, g_ptr_array_unref);
  g_clear_error (&o->error);
  o->done = FALSE;
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
discovered_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  Outcome *o = user_data;

  g_assert_false (o->done);
  o->found = bs_discover_finish (res, &o->error);
  g_assert_true ((o->found == NULL) != (o->error == NULL));
  g_assert_true (o->found == NULL || o->found->len > 0);
  o->done = TRUE;
}

static void
discover (Fixture      *f,
          Site         *site,
          const char   *path,
          GCancellable *cancellable,
          Outcome      *o)
{
  g_autofree char *url = g_strconcat (site->base, path, NULL);
  gboolean expired = FALSE;
  guint id;

  outcome_clear (o);
  bs_discover_async (f->fetcher, url, cancellable, discovered_cb, o);
  id = g_timeout_add_seconds (SAFETY_SECONDS, set_flag_cb, &expired);
  while (!o->done && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (o->done);
  g_source_remove (id);
}

static char *
url_on (Site       *site,
        const char *path)
{
  return g_strconcat (site->base, path, NULL);
}

static void
test_http_link_alternate (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *posts = url_on (&f->main, "/blog/feed.atom");
  g_autofree char *comments = url_on (&f->main, "/blog/comments.rss");
  Outcome o = { 0, };

  discover (f, &f->main, "/blog/", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.found->len, ==, 2);
  assert_feed (o.found, 0, posts, "Posts", "application/atom+xml");
  assert_feed (o.found, 1, comments, "Comments", "application/rss+xml");
  /* what the page declares is enough: no guessing */
  g_assert_cmpuint (hits (&f->main, "/blog/feed.atom"), ==, 0);
  g_assert_cmpuint (hits (&f->main, "/feed"), ==, 0);
  outcome_clear (&o);
}

static void
test_http_feed_itself (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *feed = url_on (&f->main, "/blog/feed.atom");
  Outcome o = { 0, };

  /* a feed behind a permanent redirect: its final URL, with its title */
  discover (f, &f->main, "/old-feed", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.found->len, ==, 1);
  assert_feed (o.found, 0, feed, "Server Blog", "application/atom+xml");
  g_assert_cmpuint (hits (&f->main, "/old-feed"), ==, 1);
  g_assert_cmpuint (hits (&f->main, "/blog/feed.atom"), ==, 1);
  outcome_clear (&o);
}

static void
test_http_fallback (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *feed = url_on (&f->fallback, "/feed");
  Outcome o = { 0, };

  discover (f, &f->fallback, "/", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.found->len, ==, 1);
  assert_feed (o.found, 0, feed, "Fallback Feed", "application/rss+xml");
  /* the first usual place that has a feed ends the search */
  g_assert_cmpuint (hits (&f->fallback, "/"), ==, 1);
  g_assert_cmpuint (hits (&f->fallback, "/feed"), ==, 1);
  g_assert_cmpuint (hits (&f->fallback, "/rss.xml"), ==, 0);
  outcome_clear (&o);
}

static void
test_http_anchor_guesses (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *feed = url_on (&f->main, "/blog/feed.atom");
  Outcome o = { 0, };

  /* <a href> guesses are fetched: the broken one is dropped, the real
   * one gets its title and type */
  discover (f, &f->main, "/links", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.found->len, ==, 1);
  assert_feed (o.found, 0, feed, "Server Blog", "application/atom+xml");
  g_assert_cmpuint (hits (&f->main, "/broken.rss"), ==, 1);
  g_assert_cmpuint (hits (&f->main, "/blog/"), ==, 0);
  outcome_clear (&o);
}

static void
test_http_meta_charset (Fixture       *f,
                        gconstpointer  data)
{
  Outcome o = { 0, };
  BsDiscoveredFeed *feed;

  discover (f, &f->main, "/latin1", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.found->len, ==, 1);
  feed = g_ptr_array_index (o.found, 0);
  g_assert_cmpstr (feed->title, ==, "Caf\xc3\xa9");
  g_assert_true (g_str_has_prefix (feed->url, f->main.base));
  g_assert_true (g_utf8_validate (feed->url, -1, NULL));
  outcome_clear (&o);
}

static void
test_http_no_feed (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const tried[] = {
    "/feed", "/feed/", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml", "/feed.json", "/",
  };
  Outcome o = { 0, };

  discover (f, &f->main, "/nothing", NULL, &o);
  g_assert_error (o.error, BS_DISCOVERY_ERROR, BS_DISCOVERY_ERROR_NO_FEED);
  g_assert_nonnull (strstr (o.error->message, "/nothing"));
  g_assert_nonnull (strstr (o.error->message, "no feed"));
  /* every usual place was tried, once */
  for (guint i = 0; i < G_N_ELEMENTS (tried); i++)
    g_assert_cmpuint (hits (&f->main, tried[i]), ==, 1);
  outcome_clear (&o);
}

static void
test_http_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0, };

  /* the fetcher's error, with the URL as context */
  discover (f, &f->main, "/missing", NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (o.error->message, f->main.base));
  g_assert_nonnull (strstr (o.error->message, "/missing: "));
  /* a page that is not there has no usual places to try */
  g_assert_cmpuint (hits (&f->main, "/feed"), ==, 0);

  discover (f, &f->main, "/gone", NULL, &o);
  g_assert_error (o.error, BS_DISCOVERY_ERROR, BS_DISCOVERY_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (o.error->message, "410"));

  /* cancelled: just that */
  g_cancellable_cancel (cancellable);
  discover (f, &f->main, "/blog/", cancellable, &o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  outcome_clear (&o);
}

static void
cancel_on_request_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      gpointer           user_data)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (strcmp (path, "/rss") == 0)
    g_cancellable_cancel (user_data);
}

static void
test_http_cancel_while_probing (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0, };
  gulong id;

  /* cancelled half-way through the usual places: no more requests */
  id = g_signal_connect (f->main.server, "request-read", G_CALLBACK (cancel_on_request_cb),
                         cancellable);
  discover (f, &f->main, "/nothing", cancellable, &o);
  g_signal_handler_disconnect (f->main.server, id);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (hits (&f->main, "/feed"), ==, 1);
  g_assert_cmpuint (hits (&f->main, "/atom.xml"), ==, 0);
  outcome_clear (&o);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* the loopback server must not be reached through a proxy */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);

  g_test_add_func ("/broadsheet/discovery/wordpress", test_wordpress);
  g_test_add_func ("/broadsheet/discovery/blogger", test_blogger);
  g_test_add_func ("/broadsheet/discovery/json-feed", test_json_feed);
  g_test_add_func ("/broadsheet/discovery/anchors", test_anchors);
  g_test_add_func ("/broadsheet/discovery/base-href", test_base_href);
  g_test_add_func ("/broadsheet/discovery/no-feeds", test_no_feeds);

#define ADD(name, func) \
  g_test_add ("/broadsheet/discovery/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("http-link-alternate", test_http_link_alternate);
  ADD ("http-feed-itself", test_http_feed_itself);
  ADD ("http-fallback", test_http_fallback);
  ADD ("http-anchor-guesses", test_http_anchor_guesses);
  ADD ("http-meta-charset", test_http_meta_charset);
  ADD ("http-no-feed", test_http_no_feed);
  ADD ("http-errors", test_http_errors);
  ADD ("http-cancel-while-probing", test_http_cancel_while_probing);

#undef ADD

  return g_test_run ();
}
