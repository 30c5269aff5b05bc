/* test-favicon.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "bs-favicon.h"
#include "bs-fetcher.h"
#include "bs-test-util.h"

/* Every wait is for an event; this only stops a test that would hang. */
#define SAFETY_SECONDS 60

/* A 1×1 PNG. */
static const guint8 png[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
  0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R',
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00,
  0x1f, 0x15, 0xc4, 0x89,
  0x00, 0x00, 0x00, 0x0d, 'I', 'D', 'A', 'T',
  0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
  0x0d, 0x0a, 0x2d, 0xb4,
  0x00, 0x00, 0x00, 0x00, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

/* An icon directory with one 16×16 entry, and a few bytes of it. */
static const guint8 ico[] = {
  0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x10, 0x10, 0x00, 0x00, 0x01, 0x00, 0x20, 0x00,
  0x04, 0x00, 0x00, 0x00, 0x16, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00,
};

/* A 1×1 GIF. */
static const guint8 gif[] = {
  'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
  0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00,
  0x3b,
};

/* The start of a JFIF file. */
static const guint8 jpeg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00,
};

/* The start of a lossless WebP. */
static const guint8 webp[] = {
  'R', 'I', 'F', 'F', 0x1a, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P',
  'V', 'P', '8', 'L', 0x0d, 0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00,
};

#define SVG \
  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">" \
  "<circle cx=\"8\" cy=\"8\" r=\"8\"/></svg>"

#define HTML_PAGE \
  "<!DOCTYPE html><html><head><title>Not an icon</title></head><body></body></html>"

static void
assert_sniffs (const void *data,
               gsize       length,
               const char *expected)
{
  g_assert_cmpstr (bs_favicon_sniff_type (data, length), ==, expected);
}

static void
test_sniff_images (void)
{
  static const char *const svgs[] = {
    SVG,
    "<svg>",
    "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
    "<!-- Created with Inkscape (http://www.inkscape.org/) -->\n"
    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
    "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [ <!ENTITY ns \"x>y\"> ]>\n"
    "<?xml-stylesheet href=\"style.css\"?>\r\n\t <svg\n width=\"16\"/>",
  };

  assert_sniffs (png, sizeof png, "image/png");
  assert_sniffs (ico, sizeof ico, "image/vnd.microsoft.icon");
  assert_sniffs (gif, sizeof gif, "image/gif");
  assert_sniffs (jpeg, sizeof jpeg, "image/jpeg");
  assert_sniffs (webp, sizeof webp, "image/webp");
  for (guint i = 0; i < G_N_ELEMENTS (svgs); i++)
    assert_sniffs (svgs[i], strlen (svgs[i]), "image/svg+xml");
}

static void
test_sniff_rejects (void)
{
  static const char *const texts[] = {
    HTML_PAGE,
    "<html><body><svg><circle r=\"8\"/></svg></body></html>",  /* svg inside a page */
    "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"/>",
    "<svgfont>",                                 /* another element */
    "<SVG>",                                     /* XML is case-sensitive */
    "<!-- <svg> -->",                            /* only a comment */
    "<!-- never closed <svg>",
    "<?xml version=\"1.0\"?> <svg",              /* cut before the name ends */
    "<!DOCTYPE svg [ <svg> ",                    /* a doctype never closed */
    "Hello, I am plain text.\n",
    "{\"icon\": \"favicon.png\"}",
    "GIF89a",                                    /* no screen descriptor */
    "RIFF\x1a\x00\x00\x00WAVEfmt \x10\x00\x00\x00",
  };
  static const guint8 cursor[] = {
    0x00, 0x00, 0x02, 0x00, 0x01, 0x00,
    0x10, 0x10, 0x00, 0x00, 0x01, 0x00, 0x20, 0x00,
    0x04, 0x00, 0x00, 0x00, 0x16, 0x00, 0x00, 0x00,
  };
  static const guint8 no_icons[] = { 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 };
  static const guint8 jpeg_soi[] = { 0xff, 0xd8, 0xff };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_sniffs (texts[i], strlen (texts[i]), NULL);

  assert_sniffs ("", 0, NULL);
  assert_sniffs (NULL, 0, NULL);
  /* cut inside the signature, then inside the IHDR chunk */
  assert_sniffs (png, 4, NULL);
  assert_sniffs (png, 20, NULL);
  /* an icon directory whose entries are cut, or that has none */
  assert_sniffs (ico, 12, NULL);
  assert_sniffs (no_icons, sizeof no_icons, NULL);
  assert_sniffs (cursor, sizeof cursor, NULL);
  assert_sniffs (jpeg_soi, sizeof jpeg_soi, NULL);
  assert_sniffs (webp, 12, NULL);
}

static GPtrArray *
find (const char *html,
      const char *base_url)
{
  GPtrArray *urls = bs_favicon_find_in_html (html, strlen (html), base_url);

  g_assert_nonnull (urls);
  return urls;
}

static void
assert_urls (GPtrArray         *urls,
             const char *const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < MIN (n, urls->len); i++)
    g_assert_cmpstr (g_ptr_array_index (urls, i), ==, expected[i]);
  g_assert_cmpuint (urls->len, ==, n);
}

static void
test_find_rel_and_sizes (void)
{
  static const char page[] =
    "<!DOCTYPE html><html><head>"
    "<link rel=\"apple-touch-icon\" sizes=\"180x180\" href=\"/apple.png\">"
    "<link rel=\"mask-icon\" href=\"/mask.svg\" color=\"#000000\">"
    "<link rel=\"ICON\" type=\"image/png\" sizes=\"16x16\" href=\"icons/16.png\">"
    "<link rel=\"Shortcut Icon\" href=\"/favicon.ico\">"
    "<link rel=\"alternate icon\" type=\"image/png\" sizes=\"32x32\" href=\"icons/32.png\">"
    "<link rel=\"icon\" sizes=\"192x192\" href=\"icons/192.png\">"
    "<link rel=\"icon\" sizes=\"512x512\" href=\"icons/512.png\">"
    "<link rel=\"icon\" href=\"icons/16.png\">"
    "<link rel=\"icon\" type=\"text/html\" href=\"/not-an-image\">"
    "<link rel=\"stylesheet\" href=\"/style.css\">"
    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed\">"
    "</head><body><a rel=\"icon\" href=\"/anchor.png\">not a declaration</a></body></html>";
  static const char *const expected[] = {
    "https://www.example.org/blog/icons/32.png",   /* 32 to 64 pixels */
    "https://www.example.org/blog/icons/192.png",  /* bigger */
    "https://www.example.org/favicon.ico",         /* unknown size */
    "https://www.example.org/blog/icons/512.png",  /* huge */
    "https://www.example.org/blog/icons/16.png",   /* smaller, once */
    "https://www.example.org/apple.png",           /* for home screens: last */
    NULL,
  };
  g_autoptr(GPtrArray) urls = find (page, "https://www.example.org/blog/");

  assert_urls (urls, expected);
}

static void
test_find_svg_and_lists (void)
{
  static const char page[] =
    "<link rel=icon href=/small.png sizes=16x16>"
    "<link rel=icon href=/multi.ico sizes=\"16x16 24x24 48x48\">"
    "<link rel=icon href=/vector.svg?v=2>"
    "<link rel=icon href=/bad-sizes.png sizes=\"x32 32 32x y\">"
    "<link rel=apple-touch-icon-precomposed href=/touch.png sizes=any>";
  static const char *const expected[] = {
    "http://blog.example.com/multi.ico",       /* 48x48 fits, first in the page */
    "http://blog.example.com/vector.svg?v=2",  /* scalable */
    "http://blog.example.com/bad-sizes.png",   /* unreadable sizes: unknown */
    "http://blog.example.com/small.png",
    "http://blog.example.com/touch.png",
    NULL,
  };
  g_autoptr(GPtrArray) urls = find (page, "http://blog.example.com/post/1");

  assert_urls (urls, expected);
}

static void
test_find_base_and_schemes (void)
{
  static const char page[] =
    "<html><head>"
    "<link rel=\"icon\" href=\"javascript:alert(1)\">"
    "<link rel=\"icon\" href=\"data:image/png;base64,iVBORw0KGgo=\">"
    "<link rel=\"icon\" href=\"file:///etc/passwd\">"
    "<link rel=\"icon\" href=\"  \">"
    "<link rel=\"icon\" href=\"img/icon.png\">"
    "<base href=\"https://cdn.example.net/static/\">"
    "<base href=\"https://elsewhere.example.net/\">"
    "<link rel=\"icon\" href=\"//other.example.net/i.png\">"
    "</head></html>";
  static const char *const expected[] = {
    /* the first <base href> applies to links before it too */
    "https://cdn.example.net/static/img/icon.png",
    "https://other.example.net/i.png",
    NULL,
  };
  g_autoptr(GPtrArray) urls = find (page, "https://www.example.net/page");

  assert_urls (urls, expected);
}

static void
test_find_malformed (void)
{
  static const char *const garbage[] = {
    "", "<", "<link rel=icon", "<link href=/x.png>", "\xff\xfe\x00<\x00l\x00i\x00n\x00k",
    "not html at all", "<link rel=\"icon\" href=\"",
  };
  static const char unclosed[] =
    "<html><head><link rel='icon' href=\"/one.png\"<link rel=icon href=/two.png>"
    "</title></nonsense><<<>><link rel=\"icon\" href=\"/\xff\xfe.png\"></html";
  g_autoptr(GPtrArray) urls = NULL;
  g_autoptr(GString) many = g_string_new ("<head>");

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GPtrArray) none = bs_favicon_find_in_html (garbage[i], strlen (garbage[i]),
                                                           "http://x.example/");

      g_assert_cmpuint (none->len, ==, 0);
    }

  /* what a browser would make of it: the second <link> is lost in the
   * attributes of the first; bytes that are not UTF-8 are replaced */
  urls = find (unclosed, "http://x.example/");
  g_assert_cmpuint (urls->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (urls, 0), ==, "http://x.example/one.png");
  for (guint i = 0; i < urls->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (urls, i), "http://x.example/"));
  g_clear_pointer (&urls, g_ptr_array_unref);

  /* a page that declares a hundred icons gives a few */
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (many, "<link rel=icon href=/%u.png>", i);
  urls = find (many->str, "http://x.example/");
  g_assert_cmpuint (urls->len, ==, BS_FAVICON_MAX_DECLARED);
  g_assert_cmpstr (g_ptr_array_index (urls, 0), ==, "http://x.example/0.png");
}

static void
test_copy (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(BsFavicon) favicon = bs_favicon_new ("https://x.example/i.png", "image/png", bytes);
  g_autoptr(BsFavicon) copy = g_boxed_copy (BS_TYPE_FAVICON, favicon);

  g_assert_cmpstr (copy->url, ==, "https://x.example/i.png");
  g_assert_cmpstr (copy->mime_type, ==, "image/png");
  g_assert_true (g_bytes_equal (copy->data, bytes));
}

/* ---- over HTTP --------------------------------------------------------- */

/* What a path of a test server answers. */
typedef struct {
  guint       status;
  char       *content_type;
  GBytes     *body;
  char       *location;
  gboolean    chunked;
} Route;

typedef struct {
  SoupServer *server;
  char       *base;
  GHashTable *routes;  /* path → Route *; anything else is 404 */
  GHashTable *hits;    /* path → number of requests */
} Site;

typedef struct {
  Site       site;   /* the blog */
  Site       feeds;  /* where its feed is, another origin */
  BsFetcher *fetcher;
} Fixture;

static void
route_free (Route *route)
{
  g_free (route->content_type);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_free (route->location);
  g_free (route);
}

static void
serve (Site          *site,
       const char    *path,
       const char    *content_type,
       gconstpointer  data,
       gsize          length)
{
  Route *route = g_new0 (Route, 1);

  route->status = SOUP_STATUS_OK;
  route->content_type = g_strdup (content_type);
  route->body = g_bytes_new (data, length);
  g_hash_table_replace (site->routes, g_strdup (path), route);
}

static void
serve_text (Site       *site,
            const char *path,
            const char *content_type,
            const char *text)
{
  serve (site, path, content_type, text, strlen (text));
}

static void
serve_redirect (Site       *site,
                const char *path,
                guint       status,
                const char *location)
{
  Route *route = g_new0 (Route, 1);

  route->status = status;
  route->location = g_strdup (location);
  g_hash_table_replace (site->routes, g_strdup (path), route);
}

/* A PNG of exactly @length bytes. */
static void
serve_png_of_size (Site       *site,
                   const char *path,
                   gsize       length,
                   gboolean    chunked)
{
  g_autofree guint8 *data = g_malloc0 (length);

  memcpy (data, png, sizeof png);
  serve (site, path, "image/png", data, length);
  ((Route *) g_hash_table_lookup (site->routes, path))->chunked = chunked;
}

static guint
hits (Site       *site,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (site->hits, path));
}

static guint
total_hits (Site *site)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, site->hits);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value);
  return n;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Site *site = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  Route *route;

  g_hash_table_insert (site->hits, g_strdup (path), GUINT_TO_POINTER (hits (site, path) + 1));

  route = g_hash_table_lookup (site->routes, path);
  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, route->status, NULL);
  if (route->location != NULL)
    soup_message_headers_replace (headers, "Location", route->location);
  if (route->body == NULL)
    return;
  if (route->chunked)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, route->content_type, NULL);
  soup_message_body_append_bytes (body, route->body);
  soup_message_body_complete (body);
}

static void
site_start (Site *site)
{
  site->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) route_free);
  site->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  site->server = bs_test_server_new (server_cb, site, &site->base, NULL);
}

static void
site_stop (Site *site)
{
  soup_server_disconnect (site->server);
  g_clear_object (&site->server);
  g_clear_pointer (&site->routes, g_hash_table_unref);
  g_clear_pointer (&site->hits, g_hash_table_unref);
  g_clear_pointer (&site->base, g_free);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  site_start (&f->site);
  site_start (&f->feeds);
  f->fetcher = bs_fetcher_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->fetcher);
  site_stop (&f->site);
  site_stop (&f->feeds);
}

static char *
url_on (Site       *site,
        const char *path)
{
  return path != NULL ? g_strconcat (site->base, path, NULL) : NULL;
}

typedef struct {
  BsFavicon *favicon;
  GError    *error;
  gboolean   done;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->favicon, bs_favicon_free);
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
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Outcome *o = user_data;

  g_assert_false (o->done);
  o->favicon = bs_favicon_fetch_finish (res, &o->error);
  g_assert_true ((o->favicon == NULL) != (o->error == NULL));
  o->done = TRUE;
}

/* Looks for an icon with the given URLs, absolute or paths on the blog
 * (the feed is on f->feeds), and waits for the outcome. */
static void
fetch_icon (Fixture      *f,
            const char   *icon_path,
            const char   *logo_path,
            const char   *site_path,
            const char   *feed_url,
            GCancellable *cancellable,
            Outcome      *o)
{
  g_autofree char *icon_url = url_on (&f->site, icon_path);
  g_autofree char *logo_url = url_on (&f->site, logo_path);
  g_autofree char *site_url = url_on (&f->site, site_path);
  g_autofree char *default_feed = url_on (&f->feeds, "/feed.xml");
  gboolean expired = FALSE;
  guint id;

  outcome_clear (o);
  bs_favicon_fetch_async (f->fetcher, icon_url, logo_url, site_url,
                          feed_url != NULL ? feed_url : default_feed,
                          cancellable, fetched_cb, o);
  id = g_timeout_add_seconds (SAFETY_SECONDS, set_flag_cb, &expired);
  while (!o->done && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (o->done);
  g_source_remove (id);
}

static void
assert_favicon (Outcome      *o,
                Site         *site,
                const char   *path,
                const char   *mime_type,
                const guint8 *data,
                gsize         length)
{
  g_autofree char *url = url_on (site, path);

  g_assert_no_error (o->error);
  g_assert_cmpstr (o->favicon->url, ==, url);
  g_assert_cmpstr (o->favicon->mime_type, ==, mime_type);
  if (data != NULL)
    g_assert_cmpmem (g_bytes_get_data (o->favicon->data, NULL), g_bytes_get_size (o->favicon->data),
                     data, length);
}

#define PAGE_WITH_ICONS \
  "<!DOCTYPE html><html><head><title>Blog</title>" \
  "<link rel=\"icon\" sizes=\"32x32\" href=\"/missing-32.png\">" \
  "<link rel=\"shortcut icon\" href=\"declared.ico\">" \
  "</head><body><p>Hello</p></body></html>"

#define PLAIN_PAGE \
  "<!DOCTYPE html><html><head><title>Plain</title></head><body></body></html>"

static void
test_http_feed_icon_wins (Fixture       *f,
                          gconstpointer  data)
{
  Outcome o = { 0, };

  serve (&f->site, "/icon.png", "image/png", png, sizeof png);
  serve (&f->site, "/logo.gif", "image/gif", gif, sizeof gif);
  serve_text (&f->site, "/", "text/html", PAGE_WITH_ICONS);
  serve (&f->site, "/blog/declared.ico", "image/x-icon", ico, sizeof ico);
  serve (&f->site, "/favicon.ico", "image/x-icon", ico, sizeof ico);

  fetch_icon (f, "/icon.png", "/logo.gif", "/", NULL, NULL, &o);
  assert_favicon (&o, &f->site, "/icon.png", "image/png", png, sizeof png);
  /* the first place that has an icon ends the search */
  g_assert_cmpuint (total_hits (&f->site), ==, 1);
  g_assert_cmpuint (total_hits (&f->feeds), ==, 0);
  outcome_clear (&o);
}

static void
test_http_icon_missing_logo (Fixture       *f,
                             gconstpointer  data)
{
  Outcome o = { 0, };

  serve (&f->site, "/logo.gif", "image/gif", gif, sizeof gif);
  serve_text (&f->site, "/", "text/html", PAGE_WITH_ICONS);

  fetch_icon (f, "/missing.png", "/logo.gif", "/", NULL, NULL, &o);
  assert_favicon (&o, &f->site, "/logo.gif", "image/gif", gif, sizeof gif);
  g_assert_cmpuint (hits (&f->site, "/missing.png"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/"), ==, 0);
  outcome_clear (&o);
}

static void
test_http_site_declared (Fixture       *f,
                         gconstpointer  data)
{
  Outcome o = { 0, };

  /* the page's icon is sent as text/html: its bytes say what it is */
  serve_text (&f->site, "/blog/", "text/html; charset=utf-8", PAGE_WITH_ICONS);
  serve (&f->site, "/blog/declared.ico", "text/html", ico, sizeof ico);
  serve (&f->site, "/favicon.ico", "image/x-icon", png, sizeof png);

  fetch_icon (f, NULL, "/missing-logo.png", "/blog/", NULL, NULL, &o);
  assert_favicon (&o, &f->site, "/blog/declared.ico", "image/vnd.microsoft.icon", ico, sizeof ico);
  g_assert_cmpuint (hits (&f->site, "/missing-logo.png"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/blog/"), ==, 1);
  /* the best declared icon first; the next one answered */
  g_assert_cmpuint (hits (&f->site, "/missing-32.png"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/favicon.ico"), ==, 0);
  outcome_clear (&o);
}

static void
test_http_favicon_ico (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *feed_url = url_on (&f->site, "/blog/feed.xml");
  Outcome o = { 0, };

  /* no site URL: the root of the feed's origin is the home page */
  serve_text (&f->site, "/", "text/html", PLAIN_PAGE);
  serve (&f->site, "/favicon.ico", "image/vnd.microsoft.icon", ico, sizeof ico);

  fetch_icon (f, NULL, NULL, NULL, feed_url, NULL, &o);
  assert_favicon (&o, &f->site, "/favicon.ico", "image/vnd.microsoft.icon", ico, sizeof ico);
  g_assert_cmpuint (hits (&f->site, "/"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/favicon.ico"), ==, 1);
  g_assert_cmpuint (total_hits (&f->site), ==, 2);
  outcome_clear (&o);
}

static void
test_http_html_favicon_ico (Fixture       *f,
                            gconstpointer  data)
{
  Outcome o = { 0, };

  /* a site that answers everything with a page, even /favicon.ico, and
   * calls it an icon: the feed's own origin has the real one */
  serve_text (&f->site, "/", "text/html", PLAIN_PAGE);
  serve_text (&f->site, "/favicon.ico", "image/x-icon", HTML_PAGE);
  serve (&f->feeds, "/favicon.ico", "image/png", png, sizeof png);

  fetch_icon (f, NULL, NULL, "/", NULL, NULL, &o);
  assert_favicon (&o, &f->feeds, "/favicon.ico", "image/png", png, sizeof png);
  g_assert_cmpuint (hits (&f->site, "/favicon.ico"), ==, 1);
  g_assert_cmpuint (hits (&f->feeds, "/favicon.ico"), ==, 1);
  /* the feed's home page is not looked at when the site's was */
  g_assert_cmpuint (hits (&f->feeds, "/"), ==, 0);
  outcome_clear (&o);
}

static void
test_http_too_large (Fixture       *f,
                     gconstpointer  data)
{
  Outcome o = { 0, };

  /* over the limit with a Content-Length and without one; at the limit */
  serve_png_of_size (&f->site, "/huge.png", BS_FAVICON_MAX_SIZE + 1, FALSE);
  serve_png_of_size (&f->site, "/huge-chunked.png", 2 * BS_FAVICON_MAX_SIZE, TRUE);
  serve_text (&f->site, "/", "text/html",
              "<link rel=icon href=/huge.png><link rel=icon href=/largest.png>");
  serve_png_of_size (&f->site, "/largest.png", BS_FAVICON_MAX_SIZE, TRUE);

  fetch_icon (f, "/huge.png", "/huge-chunked.png", "/", NULL, NULL, &o);
  assert_favicon (&o, &f->site, "/largest.png", "image/png", NULL, 0);
  g_assert_cmpuint (g_bytes_get_size (o.favicon->data), ==, BS_FAVICON_MAX_SIZE);
  g_assert_cmpuint (hits (&f->site, "/huge.png"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/huge-chunked.png"), ==, 1);
  outcome_clear (&o);
}

static void
test_http_large_page (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) page = g_string_new ("<html><head><link rel=icon href=/declared.png>");
  Outcome o = { 0, };

  /* the home page is read up to a limit: past it, its icons are not known */
  while (page->len <= 1024 * 1024)
    g_string_append (page, "<p>All work and no play makes Jack a dull boy.</p>\n");
  serve_text (&f->site, "/", "text/html", page->str);
  serve (&f->site, "/declared.png", "image/png", png, sizeof png);
  serve (&f->site, "/favicon.ico", "image/x-icon", ico, sizeof ico);

  fetch_icon (f, NULL, NULL, "/", NULL, NULL, &o);
  assert_favicon (&o, &f->site, "/favicon.ico", "image/vnd.microsoft.icon", ico, sizeof ico);
  g_assert_cmpuint (hits (&f->site, "/"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/declared.png"), ==, 0);
  outcome_clear (&o);
}

static void
test_http_redirect (Fixture       *f,
                    gconstpointer  data)
{
  Outcome o = { 0, };

  serve_redirect (&f->site, "/old-icon", SOUP_STATUS_MOVED_PERMANENTLY, "/images/icon.svg");
  serve_text (&f->site, "/images/icon.svg", "image/svg+xml", SVG);

  fetch_icon (f, "/old-icon", NULL, "/", NULL, NULL, &o);
  assert_favicon (&o, &f->site, "/images/icon.svg", "image/svg+xml",
                  (const guint8 *) SVG, strlen (SVG));
  g_assert_cmpuint (hits (&f->site, "/old-icon"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/images/icon.svg"), ==, 1);
  outcome_clear (&o);
}

static void
test_http_each_url_once (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *feed_url = url_on (&f->site, "/feed.xml");
  g_autofree char *page = NULL;
  GHashTableIter iter;
  gpointer path, n;
  Outcome o = { 0, };

  /* every place is named more than once, and none has an icon */
  page = g_strdup_printf ("<link rel=icon href=/dup.png>"
                          "<link rel=icon href=\"%s/dup.png\">"
                          "<link rel=icon href=/blog/>"
                          "<link rel=icon sizes=16x16 href=/moved>"
                          "<link rel=icon sizes=8x8 href=/favicon.ico>",
                          f->site.base);
  serve_text (&f->site, "/blog/", "text/html", page);
  serve_redirect (&f->site, "/moved", SOUP_STATUS_FOUND, "/favicon.ico");
  serve_text (&f->site, "/favicon.ico", "image/x-icon", PLAIN_PAGE);

  fetch_icon (f, "/dup.png", "/dup.png", "/blog/", feed_url, NULL, &o);
  g_assert_error (o.error, BS_FAVICON_ERROR, BS_FAVICON_ERROR_NOT_AN_IMAGE);
  /* why the last place, where /moved led, gave none */
  g_assert_true (g_str_has_prefix (o.error->message, "No icon found: "));
  g_assert_nonnull (strstr (o.error->message, "/favicon.ico: "));
  g_assert_nonnull (strstr (o.error->message, "image/x-icon"));

  g_hash_table_iter_init (&iter, f->site.hits);
  while (g_hash_table_iter_next (&iter, &path, &n))
    if (GPOINTER_TO_UINT (n) != 1)
      g_error ("%s was fetched %u times", (char *) path, GPOINTER_TO_UINT (n));
  g_assert_cmpuint (total_hits (&f->site), ==, 4);
  outcome_clear (&o);
}

static void
test_http_all_missing (Fixture       *f,
                       gconstpointer  data)
{
  Outcome o = { 0, };

  fetch_icon (f, "/icon.png", "/logo.png", "/", NULL, NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_NOT_FOUND);
  /* the last place tried is the feed's /favicon.ico */
  g_assert_true (g_str_has_prefix (o.error->message, "No icon found: "));
  g_assert_nonnull (strstr (o.error->message, f->feeds.base));
  g_assert_nonnull (strstr (o.error->message, "/favicon.ico: "));
  g_assert_nonnull (strstr (o.error->message, "404"));
  g_assert_cmpuint (hits (&f->site, "/icon.png"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/logo.png"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/"), ==, 1);
  g_assert_cmpuint (hits (&f->site, "/favicon.ico"), ==, 1);
  g_assert_cmpuint (hits (&f->feeds, "/favicon.ico"), ==, 1);
  outcome_clear (&o);
}

static void
test_http_no_candidate (Fixture       *f,
                        gconstpointer  data)
{
  gboolean expired = FALSE;
  Outcome o = { 0, };
  guint id;

  /* nothing to fetch: no request at all */
  bs_favicon_fetch_async (f->fetcher, "javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo=",
                          "file:///etc/", "file:///etc/feed.xml", NULL, fetched_cb, &o);
  id = g_timeout_add_seconds (SAFETY_SECONDS, set_flag_cb, &expired);
  while (!o.done && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (o.done);
  g_source_remove (id);
  g_assert_error (o.error, BS_FAVICON_ERROR, BS_FAVICON_ERROR_NO_CANDIDATE);
  g_assert_true (g_str_has_prefix (o.error->message, "No icon found: "));
  outcome_clear (&o);
}

static void
test_http_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0, };

  serve (&f->site, "/icon.png", "image/png", png, sizeof png);
  g_cancellable_cancel (cancellable);
  fetch_icon (f, "/icon.png", NULL, "/", NULL, cancellable, &o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (total_hits (&f->site), ==, 0);
  outcome_clear (&o);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* the loopback server must not be reached through a proxy */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);

  g_test_add_func ("/broadsheet/favicon/sniff-images", test_sniff_images);
  g_test_add_func ("/broadsheet/favicon/sniff-rejects", test_sniff_rejects);
  g_test_add_func ("/broadsheet/favicon/find-rel-and-sizes", test_find_rel_and_sizes);
  g_test_add_func ("/broadsheet/favicon/find-svg-and-lists", test_find_svg_and_lists);
  g_test_add_func ("/broadsheet/favicon/find-base-and-schemes", test_find_base_and_schemes);
  g_test_add_func ("/broadsheet/favicon/find-malformed", test_find_malformed);
  g_test_add_func ("/broadsheet/favicon/copy", test_copy);

#define ADD(name, func) \
  g_test_add ("/broadsheet/favicon/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("http-feed-icon-wins", test_http_feed_icon_wins);
  ADD ("http-icon-missing-logo", test_http_icon_missing_logo);
  ADD ("http-site-declared", test_http_site_declared);
  ADD ("http-favicon-ico", test_http_favicon_ico);
  ADD ("http-html-favicon-ico", test_http_html_favicon_ico);
  ADD ("http-too-large", test_http_too_large);
  ADD ("http-large-page", test_http_large_page);
  ADD ("http-redirect", test_http_redirect);
  ADD ("http-each-url-once", test_http_each_url_once);
  ADD ("http-all-missing", test_http_all_missing);
  ADD ("http-no-candidate", test_http_no_candidate);
  ADD ("http-cancelled", test_http_cancelled);

#undef ADD

  return g_test_run ();
}
