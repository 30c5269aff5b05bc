/* test-opml.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "bs-fetcher.h"
#include "bs-opml.h"
#include "bs-test-util.h"

/* Every wait is for an event; this only stops a test that would hang. */
#define SAFETY_SECONDS 60

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "opml", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

/* Parses the fixture @name; asserts it parses. */
static GPtrArray *
parse_fixture (const char   *name,
               const char   *base_uri,
               char       ***problems)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GPtrArray *outlines;
  gsize len;

  data = read_fixture (name, &len);
  outlines = bs_opml_parse_full (data, len, base_uri, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outlines);
  return outlines;
}

static void
assert_outline (GPtrArray  *outlines,
                guint       i,
                const char *title,
                const char *xml_url,
                const char *html_url,
                const char *folder)
{
  BsOpmlOutline *o;

  g_assert_cmpuint (i, <, outlines->len);
  o = g_ptr_array_index (outlines, i);
  g_assert_cmpstr (o->title, ==, title);
  g_assert_cmpstr (o->xml_url, ==, xml_url);
  g_assert_cmpstr (o->html_url, ==, html_url);
  g_assert_cmpstr (o->folder, ==, folder);
}

static void
assert_same_outlines (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      BsOpmlOutline *o = g_ptr_array_index (a, i);

      assert_outline (b, i, o->title, o->xml_url, o->html_url, o->folder);
    }
}

static gboolean
problems_mention (char       **problems,
                  const char  *text)
{
  for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
    if (strstr (problems[i], text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_liferea (void)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_auto(GStrv) problems = NULL;

  outlines = parse_fixture ("liferea.opml", NULL, &problems);
  g_assert_null (problems);
  /* search folders (vfolder), their rules and news bins are not feeds */
  g_assert_cmpuint (outlines->len, ==, 4);
  assert_outline (outlines, 0, "LWN.net", "https://lwn.net/headlines/rss", "https://lwn.net", "Linux");
  assert_outline (outlines, 1, "Planet GNOME", "https://planet.gnome.org/atom.xml",
                  "https://planet.gnome.org/", "Linux");
  assert_outline (outlines, 2, "Caf\xc3\xa9 <Society>",
                  "https://cafe.example.org/feed?lang=en&format=rss",
                  "https://cafe.example.org/", "News & Politics");
  assert_outline (outlines, 3, "Kernel Newbies", "https://kernelnewbies.org/FrontPage?action=rss_rc",
                  "https://kernelnewbies.org/", NULL);
}

static void
test_nested (void)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_auto(GStrv) problems = NULL;

  outlines = parse_fixture ("feedly.opml", NULL, &problems);
  g_assert_null (problems);
  /* nested folders are joined from the top down; an unnamed folder adds
   * nothing; the second Ars Technica is a duplicate */
  g_assert_cmpuint (outlines->len, ==, 6);
  assert_outline (outlines, 0, "Ars Technica", "https://feeds.arstechnica.com/arstechnica/index",
                  "https://arstechnica.com", "Tech");
  assert_outline (outlines, 1, "OMG! Ubuntu", "https://www.omgubuntu.co.uk/feed",
                  "https://www.omgubuntu.co.uk", "Tech / Linux");
  assert_outline (outlines, 2, "Linux Kernel Monkey Log", "http://www.kroah.com/log/index.rss",
                  "http://www.kroah.com/log/", "Tech / Linux / Kernel");
  assert_outline (outlines, 3, "Hacker News", "https://news.ycombinator.com/rss",
                  "https://news.ycombinator.com/", "Tech");
  assert_outline (outlines, 4, "Smitten Kitchen", "http://feeds.feedburner.com/smittenkitchen",
                  "https://smittenkitchen.com", "Cooking");
  /* no title attribute: the text */
  assert_outline (outlines, 5, "xkcd.com", "https://xkcd.com/atom.xml", "https://xkcd.com/", NULL);
}

static void
test_newsboat (void)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_auto(GStrv) problems = NULL;

  outlines = parse_fixture ("newsboat.opml", NULL, &problems);
  /* query feeds and exec: feeds are newsboat's own, not URLs to fetch */
  g_assert_cmpuint (outlines->len, ==, 3);
  assert_outline (outlines, 0, "LWN.net", "https://lwn.net/headlines/rss", "https://lwn.net", NULL);
  assert_outline (outlines, 1, "Debian News", "https://www.debian.org/News/news",
                  "https://www.debian.org/News/", NULL);
  /* an empty title is no title */
  assert_outline (outlines, 2, NULL, "https://blog.rust-lang.org/feed.xml",
                  "https://blog.rust-lang.org/", NULL);
  g_assert_nonnull (problems);
  g_assert_cmpuint (g_strv_length (problems), ==, 2);
  g_assert_true (problems_mention (problems, "query:Unread Articles"));
  g_assert_true (problems_mention (problems, "exec:~/bin/weather-feed.sh"));
}

static void
test_planet (void)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_auto(GStrv) problems = NULL;

  outlines = parse_fixture ("planet.opml", "https://planet.gnome.org/opml.xml", &problems);
  g_assert_null (problems);
  /* xmlurl in lower case and a bare url are feeds; a type="link" is not */
  g_assert_cmpuint (outlines->len, ==, 4);
  assert_outline (outlines, 0, "Ana Souza", "https://ana.example.com/category/gnome/feed/", NULL, NULL);
  assert_outline (outlines, 1, "Bj\xc3\xb8rn Hansen", "https://blog.example.no/tag/gnome/atom.xml", NULL, NULL);
  assert_outline (outlines, 2, "Chen Wei", "https://chenwei.example.cn/gnome.rss", NULL, NULL);
  assert_outline (outlines, 3, "Dmitri (old style)", "http://dmitri.example.ru/rss.xml", NULL, NULL);
}

static void
test_relative (void)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GPtrArray) unresolved = NULL;
  g_auto(GStrv) problems = NULL;
  g_auto(GStrv) problems2 = NULL;

  outlines = parse_fixture ("relative.opml", "https://planet.example.org/people/opml.xml", &problems);
  g_assert_cmpuint (outlines->len, ==, 6);
  assert_outline (outlines, 0, "Local", "https://planet.example.org/people/feeds/local.xml",
                  "https://planet.example.org/blogs/local/", NULL);
  assert_outline (outlines, 1, "Rooted", "https://planet.example.org/rss20.xml", NULL, NULL);
  /* "Local again" is the first one written absolutely: listed once */
  assert_outline (outlines, 2, "Subscribe link", "http://subscribe.example.com/feed.atom", NULL, NULL);
  assert_outline (outlines, 3, "Subscribe link, https", "https://secure.example.com/rss", NULL, NULL);
  /* javascript: and file: feeds are skipped, a javascript: site dropped */
  assert_outline (outlines, 4, "Bad site link", "https://ok.example.com/feed", NULL, NULL);
  assert_outline (outlines, 5, "Spaces", "https://spaces.example.com/feed", NULL, NULL);
  g_assert_true (problems_mention (problems, "javascript:alert(1)"));
  g_assert_true (problems_mention (problems, "file:///etc/passwd"));

  /* without the document's URL relative ones cannot be resolved */
  unresolved = parse_fixture ("relative.opml", NULL, &problems2);
  g_assert_cmpuint (unresolved->len, ==, 5);
  assert_outline (unresolved, 0, "Local again", "https://planet.example.org/people/feeds/local.xml",
                  NULL, NULL);
  g_assert_true (problems_mention (problems2, "“feeds/local.xml”: a relative URL"));
}

/* Writes fixture @name with @secret_path in place of @SECRET@. */
static char *
fixture_with_secret (const char *name,
                     const char *secret_path,
                     gsize      *len)
{
  g_autofree char *data = read_fixture (name, len);
  g_auto(GStrv) parts = g_strsplit (data, "@SECRET@", -1);
  char *out = g_strjoinv (secret_path, parts);

  *len = strlen (out);
  return out;
}

static char *
write_secret (void)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("broadsheet-secret-XXXXXX", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, "TOPSECRET", -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_no_secret (GPtrArray *outlines)
{
  for (guint i = 0; i < outlines->len; i++)
    {
      BsOpmlOutline *o = g_ptr_array_index (outlines, i);

      g_assert_null (o->title != NULL ? strstr (o->title, "TOPSECRET") : NULL);
      g_assert_null (strstr (o->xml_url, "TOPSECRET"));
      g_assert_null (o->folder != NULL ? strstr (o->folder, "TOPSECRET") : NULL);
    }
}

static void
test_xxe (void)
{
  g_autofree char *secret = write_secret ();
  const char *names[] = { "xxe.opml", "external-dtd.opml" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(GPtrArray) outlines = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len;

      data = fixture_with_secret (names[n], secret, &len);
      outlines = bs_opml_parse (data, len, NULL, &error);
      g_assert_no_error (error);
      assert_no_secret (outlines);
      /* the outlines after the attempt are still read */
      g_assert_cmpstr (((BsOpmlOutline *) g_ptr_array_index (outlines, outlines->len - 1))->xml_url,
                       ==, "https://innocent.example.com/feed");
    }
  g_unlink (secret);
}

static void
test_billion_laughs (void)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_auto(GStrv) problems = NULL;

  outlines = parse_fixture ("billion-laughs.opml", NULL, &problems);
  g_assert_cmpuint (outlines->len, ==, 2);
  /* the entities are not expanded, not even once */
  g_assert_null (((BsOpmlOutline *) g_ptr_array_index (outlines, 0))->title);
  assert_outline (outlines, 0, NULL, "https://laughs.example.com/feed", NULL, NULL);
  assert_outline (outlines, 1, "After the laughs", "https://after.example.com/feed", NULL, NULL);
  g_assert_true (problems_mention (problems, "lol9"));
}

static void
test_illformed (void)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_auto(GStrv) problems = NULL;

  outlines = parse_fixture ("illformed.opml", NULL, &problems);
  g_assert_nonnull (problems);
  g_assert_true (problems_mention (problems, "“&” that start no entity"));
  /* the bare '&' in the query does not cost the URL its tail */
  g_assert_cmpuint (outlines->len, >=, 2);
  assert_outline (outlines, 0, "Search results", "https://search.example.com/rss?q=gnome&sort=date",
                  NULL, "Tools");
  assert_outline (outlines, 1, "Deep", "https://deep.example.com/feed", NULL, "Tools / Unclosed folder");
}

static void
test_not_opml (void)
{
  const struct {
    const char *data;
    const char *message;
  } cases[] = {
    { "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title></channel></rss>",
      "a feed, not an OPML" },
    { "<!DOCTYPE html><html><head><title>Hi</title></head><body><p>Hello</body></html>",
      "web page" },
    { "Hello, this is plain text.", "not XML" },
    { "", "empty" },
  };
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  data = read_fixture ("not-opml.xml", &len);
  outlines = bs_opml_parse (data, len, NULL, &error);
  g_assert_error (error, BS_OPML_ERROR, BS_OPML_ERROR_NOT_OPML);
  g_assert_nonnull (strstr (error->message, "<catalog>"));
  g_assert_null (outlines);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_clear_error (&error);
      outlines = bs_opml_parse (cases[i].data, strlen (cases[i].data), NULL, &error);
      g_assert_error (error, BS_OPML_ERROR, BS_OPML_ERROR_NOT_OPML);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_null (outlines);
    }
}

static void
test_too_large (void)
{
  g_autofree char *data = g_malloc0 (BS_OPML_MAX_SIZE + 1);
  g_autoptr(GError) error = NULL;

  g_assert_null (bs_opml_parse (data, BS_OPML_MAX_SIZE + 1, NULL, &error));
  g_assert_error (error, BS_OPML_ERROR, BS_OPML_ERROR_TOO_LARGE);
}

static void
test_encoding (void)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GPtrArray) bom = NULL;
  g_autoptr(GError) error = NULL;
  const char with_bom[] = "\xef\xbb\xbf<opml version=\"2.0\"><body>"
                          "<outline text=\"\xc3\x89t\xc3\xa9\" xmlUrl=\"https://ete.example.com/\"/>"
                          "</body></opml>";

  outlines = parse_fixture ("windows-1252.opml", NULL, NULL);
  g_assert_cmpuint (outlines->len, ==, 1);
  assert_outline (outlines, 0, "Caf\xc3\xa9 Cr\xc3\xa8me", "https://cafe.example.fr/feed", NULL, NULL);

  bom = bs_opml_parse (with_bom, sizeof with_bom - 1, NULL, &error);
  g_assert_no_error (error);
  assert_outline (bom, 0, "\xc3\x89t\xc3\xa9", "https://ete.example.com/", NULL, NULL);
}

static void
test_deep_nesting (void)
{
  GString *doc = g_string_new ("<opml version=\"2.0\"><body>");
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  BsOpmlOutline *o;

  for (int i = 0; i < 120; i++)
    g_string_append_printf (doc, "<outline text=\"L\xc3\xa9vel %d\">", i);
  g_string_append (doc, "<outline text=\"Deep\" xmlUrl=\"https://deep.example.com/\"/>");
  for (int i = 0; i < 120; i++)
    g_string_append (doc, "</outline>");
  g_string_append (doc, "</body></opml>");
  data = g_string_free (doc, FALSE);

  outlines = bs_opml_parse (data, strlen (data), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 1);
  o = g_ptr_array_index (outlines, 0);
  /* the joined name is bounded, and cut between characters */
  g_assert_true (g_str_has_prefix (o->folder, "L\xc3\xa9vel 0 / L\xc3\xa9vel 1 / "));
  g_assert_cmpuint (strlen (o->folder), <=, BS_OPML_MAX_FOLDER);
  g_assert_true (g_utf8_validate (o->folder, -1, NULL));
}

static GPtrArray *
tricky_outlines (void)
{
  GPtrArray *outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_opml_outline_free);

  g_ptr_array_add (outlines, bs_opml_outline_new ("Top \"quoted\" <b>bold</b> & more",
                                                  "https://top.example.com/feed?a=1&b=2",
                                                  "https://top.example.com/", NULL));
  g_ptr_array_add (outlines, bs_opml_outline_new ("Two\nlines\tand a tab", "https://two.example.com/rss",
                                                  NULL, "News & Politics"));
  g_ptr_array_add (outlines, bs_opml_outline_new (NULL, "https://untitled.example.com/atom.xml",
                                                  NULL, "News & Politics"));
  g_ptr_array_add (outlines, bs_opml_outline_new ("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xf0\x9f\x93\xb0",
                                                  "https://nihongo.example.jp/feed",
                                                  "https://nihongo.example.jp/", "Tech / Linux"));
  g_ptr_array_add (outlines, bs_opml_outline_new ("Back at the top", "http://plain.example.com/",
                                                  NULL, NULL));
  /* the same folder again, after another: a second group */
  g_ptr_array_add (outlines, bs_opml_outline_new ("'Apostrophes'", "https://apos.example.com/feed",
                                                  NULL, "News & Politics"));
  return outlines;
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) outlines = tricky_outlines ();
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  g_autofree char *text = NULL;
  gsize len;
  const char *data;

  bytes = bs_opml_write (outlines, "Broadsheet & friends");
  data = g_bytes_get_data (bytes, &len);
  text = g_strndup (data, len);
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"));
  g_assert_nonnull (strstr (text, "<title>Broadsheet &amp; friends</title>"));
  g_assert_nonnull (strstr (text, "<dateCreated>"));
  g_assert_nonnull (strstr (text, " GMT</dateCreated>"));
  g_assert_nonnull (strstr (text, "type=\"rss\" text=\"Top &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; &amp; more\""));
  g_assert_nonnull (strstr (text, "xmlUrl=\"https://top.example.com/feed?a=1&amp;b=2\""));

  again = bs_opml_parse_full (data, len, NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_null (problems);
  assert_same_outlines (outlines, again);
}

static void
test_round_trip_fixtures (void)
{
  const char *names[] = { "liferea.opml", "feedly.opml", "newsboat.opml", "planet.opml" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(GPtrArray) outlines = parse_fixture (names[n], "https://example.com/", NULL);
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GBytes) bytes = bs_opml_write (outlines, NULL);
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      g_autoptr(GError) error = NULL;

      again = bs_opml_parse (data, len, NULL, &error);
      g_assert_no_error (error);
      assert_same_outlines (outlines, again);
    }
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_write_folders (void)
{
  g_autoptr(GPtrArray) outlines = parse_fixture ("feedly.opml", NULL, NULL);
  g_autoptr(GBytes) bytes = bs_opml_write (outlines, "Feeds");
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* one group per run of outlines in the same folder, feeds inside: the
   * feed of Feedly's unnamed folder in Tech comes after Tech / Linux, so
   * Tech has a second group and the order survives */
  g_assert_cmpuint (count (text, "<outline text=\"Tech\" title=\"Tech\">"), ==, 2);
  g_assert_cmpuint (count (text, "<outline text=\"Cooking\" title=\"Cooking\">"), ==, 1);
  g_assert_cmpuint (count (text, "<outline text=\"Tech / Linux / Kernel\""), ==, 1);
  g_assert_cmpuint (count (text, "type=\"rss\""), ==, 6);
  g_assert_cmpuint (count (text, "<outline"), ==, 6 + 5);
  g_assert_cmpuint (count (text, "</outline>"), ==, 5);
  g_assert_nonnull (strstr (text, "      <outline type=\"rss\" text=\"Smitten Kitchen\""));
  g_assert_nonnull (strstr (text, "\n    <outline type=\"rss\" text=\"xkcd.com\""));
}

/* ---- fetching over HTTP ------------------------------------------------ */

typedef struct {
  SoupServer *server;
  char       *base;
  BsFetcher  *fetcher;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (strcmp (path, "/planet/opml.xml") == 0)
    {
      data = read_fixture ("relative.opml", &len);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/x-opml", SOUP_MEMORY_TAKE, g_steal_pointer (&data), len);
    }
  else if (strcmp (path, "/opml") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Location", "/planet/opml.xml");
    }
  else if (strcmp (path, "/page.html") == 0)
    {
      const char *html = "<!DOCTYPE html><html><body>Not here</body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
    }
  else if (strcmp (path, "/gone.opml") == 0)
    soup_server_message_set_status (msg, SOUP_STATUS_GONE, NULL);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = bs_test_server_new (server_cb, f, &f->base, NULL);
  f->fetcher = bs_fetcher_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->fetcher);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base);
}

typedef struct {
  GPtrArray  *outlines;
  char      **problems;
  GError     *error;
  gboolean    done;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->outlines, g_ptr_array_unref);
  g_clear_pointer (&o->problems, g_strfreev);
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
  o->outlines = bs_opml_fetch_finish (res, &o->problems, &o->error);
  g_assert_true ((o->outlines == NULL) != (o->error == NULL));
  o->done = TRUE;
}

static void
fetch (Fixture      *f,
       const char   *path,
       GCancellable *cancellable,
       Outcome      *o)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  gboolean expired = FALSE;
  guint id;

  outcome_clear (o);
  bs_opml_fetch_async (f->fetcher, url, cancellable, fetched_cb, o);
  id = g_timeout_add_seconds (SAFETY_SECONDS, set_flag_cb, &expired);
  while (!o->done && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (o->done);
  g_source_remove (id);
}

static void
test_fetch (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *local = g_strconcat (f->base, "/planet/feeds/local.xml", NULL);
  g_autofree char *rooted = g_strconcat (f->base, "/rss20.xml", NULL);
  g_autofree char *site = g_strconcat (f->base, "/blogs/local/", NULL);
  Outcome o = { 0, };

  /* after the redirect, relative URLs resolve against where the file is */
  fetch (f, "/opml", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.outlines->len, ==, 7);
  assert_outline (o.outlines, 0, "Local", local, site, NULL);
  assert_outline (o.outlines, 1, "Rooted", rooted, NULL, NULL);
  g_assert_true (problems_mention (o.problems, "javascript:alert(1)"));
  outcome_clear (&o);
}

static void
test_fetch_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0, };

  fetch (f, "/missing.opml", NULL, &o);
  g_assert_error (o.error, BS_FETCHER_ERROR, BS_FETCHER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (o.error->message, "/missing.opml: "));

  fetch (f, "/page.html", NULL, &o);
  g_assert_error (o.error, BS_OPML_ERROR, BS_OPML_ERROR_NOT_OPML);
  g_assert_nonnull (strstr (o.error->message, "/page.html: "));
  g_assert_nonnull (strstr (o.error->message, "web page"));

  fetch (f, "/gone.opml", NULL, &o);
  g_assert_error (o.error, BS_OPML_ERROR, BS_OPML_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (o.error->message, "410"));

  /* cancelled: just that, no context */
  g_cancellable_cancel (cancellable);
  fetch (f, "/planet/opml.xml", cancellable, &o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  outcome_clear (&o);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* the loopback server must not be reached through a proxy */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);

  g_test_add_func ("/broadsheet/opml/liferea", test_liferea);
  g_test_add_func ("/broadsheet/opml/nested", test_nested);
  g_test_add_func ("/broadsheet/opml/newsboat", test_newsboat);
  g_test_add_func ("/broadsheet/opml/planet", test_planet);
  g_test_add_func ("/broadsheet/opml/relative", test_relative);
  g_test_add_func ("/broadsheet/opml/xxe", test_xxe);
  g_test_add_func ("/broadsheet/opml/billion-laughs", test_billion_laughs);
  g_test_add_func ("/broadsheet/opml/illformed", test_illformed);
  g_test_add_func ("/broadsheet/opml/not-opml", test_not_opml);
  g_test_add_func ("/broadsheet/opml/too-large", test_too_large);
  g_test_add_func ("/broadsheet/opml/encoding", test_encoding);
  g_test_add_func ("/broadsheet/opml/deep-nesting", test_deep_nesting);
  g_test_add_func ("/broadsheet/opml/round-trip", test_round_trip);
  g_test_add_func ("/broadsheet/opml/round-trip-fixtures", test_round_trip_fixtures);
  g_test_add_func ("/broadsheet/opml/write-folders", test_write_folders);
  g_test_add ("/broadsheet/opml/fetch", Fixture, NULL, fixture_set_up, test_fetch, fixture_tear_down);
  g_test_add ("/broadsheet/opml/fetch-errors", Fixture, NULL, fixture_set_up, test_fetch_errors,
              fixture_tear_down);

  return g_test_run ();
}
