/* test-parser.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "bs-date.h"
#include "bs-parser.h"

/* No result may hold more text than this, whatever the input. */
#define MAX_OUTPUT (64 * 1024 * 1024)

/* Helpers */

static char *
load_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  path = g_test_build_filename (G_TEST_DIST, "data", "feeds", name, NULL);
  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static BsFeed *
parse_fixture (const char   *name,
               const char   *base_uri,
               BsParseFlags  flags)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  BsFeed *feed;

  data = load_fixture (name, &length);
  feed = bs_parse (data, length, base_uri, NULL, flags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static BsFeed *
parse_string (const char *xml,
              const char *base_uri)
{
  g_autoptr(GError) error = NULL;
  BsFeed *feed;

  feed = bs_parse (xml, strlen (xml), base_uri, NULL, BS_PARSE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static BsFeedEntry *
entry_at (BsFeed *feed,
          guint   i)
{
  g_assert_nonnull (feed->entries);
  g_assert_cmpuint (i, <, feed->entries->len);
  return g_ptr_array_index (feed->entries, i);
}

/* The contract compares plain text after collapsing runs of ASCII
 * whitespace and trimming both ends. */
static char *
collapse_ws (const char *s)
{
  GString *out;
  gboolean space = FALSE;

  if (s == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = s; *p; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

#define assert_text(got, want) \
  G_STMT_START { \
    g_autofree char *_c = collapse_ws (got); \
    g_assert_cmpstr (_c, ==, (want)); \
  } G_STMT_END

static char *
date_string (gint64 t)
{
  char *s;

  if (t == BS_DATE_NONE)
    return g_strdup ("(none)");
  s = bs_date_format_rfc3339 (t);
  return s != NULL ? s : g_strdup ("(out of range)");
}

/* @want is "YYYY-MM-DDTHH:MM:SSZ" or "(none)" */
#define assert_date(t, want) \
  G_STMT_START { \
    g_autofree char *_d = date_string (t); \
    g_assert_cmpstr (_d, ==, (want)); \
  } G_STMT_END

static void
assertion_contains (const char *file,
                    int         line,
                    const char *func,
                    const char *expr,
                    const char *hay,
                    const char *needle,
                    gboolean    want)
{
  g_autofree char *msg = NULL;

  if (hay != NULL && (strstr (hay, needle) != NULL) == want)
    return;
  msg = g_strdup_printf ("%s: \"%s\" %s \"%s\"", expr,
                         hay != NULL ? hay : "(null)",
                         want ? "does not contain" : "contains", needle);
  g_assertion_message ("broadsheet", file, line, func, msg);
}

#define assert_contains(hay, needle) \
  assertion_contains (__FILE__, __LINE__, G_STRFUNC, #hay, hay, needle, TRUE)
#define assert_not_contains(hay, needle) \
  assertion_contains (__FILE__, __LINE__, G_STRFUNC, #hay, hay, needle, FALSE)

/* Lists compare as "a|b|c" so that a failure shows the whole list. */
static char *
join_strings (GPtrArray *array)
{
  GString *s = g_string_new (NULL);

  g_assert_nonnull (array);
  for (guint i = 0; i < array->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, '|');
      g_string_append (s, g_ptr_array_index (array, i));
    }
  return g_string_free (s, FALSE);
}

#define assert_strings(array, want) \
  G_STMT_START { \
    g_autofree char *_j = join_strings (array); \
    g_assert_cmpstr (_j, ==, (want)); \
  } G_STMT_END

/* Encoding names compare as the contract says: ignoring case, '-' and '_',
 * with the usual aliases. */
static char *
norm_encoding (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; p && *p; p++)
    if (*p != '-' && *p != '_' && *p != ' ')
      g_string_append_c (s, g_ascii_tolower (*p));
  if (g_str_equal (s->str, "latin1") || g_str_equal (s->str, "l1"))
    g_string_assign (s, "iso88591");
  else if (g_str_equal (s->str, "cp1252"))
    g_string_assign (s, "windows1252");
  return g_string_free (s, FALSE);
}

#define assert_encoding(got, want) \
  G_STMT_START { \
    g_autofree char *_g = norm_encoding (got); \
    g_autofree char *_w = norm_encoding (want); \
    g_assert_cmpstr (_g, ==, _w); \
  } G_STMT_END

static void
assert_no_errors (BsFeed *feed)
{
  for (guint i = 0; feed->errors && i < feed->errors->len; i++)
    g_test_message ("unexpected error: %s", (char *) g_ptr_array_index (feed->errors, i));
  g_assert_nonnull (feed->errors);
  g_assert_cmpuint (feed->errors->len, ==, 0);
}

static void
assert_person (BsPerson   *person,
               const char *name,
               const char *email,
               const char *uri)
{
  g_assert_nonnull (person);
  assert_text (person->name, name);
  g_assert_cmpstr (person->email, ==, email);
  g_assert_cmpstr (person->uri, ==, uri);
}

static BsEnclosure *
enclosure_at (BsFeedEntry *entry,
              guint        i)
{
  g_assert_nonnull (entry->enclosures);
  g_assert_cmpuint (i, <, entry->enclosures->len);
  return g_ptr_array_index (entry->enclosures, i);
}

typedef void (*StringFunc) (const char *s,
                            gpointer    user_data);

static void
person_foreach_string (BsPerson   *p,
                       StringFunc  func,
                       gpointer    user_data)
{
  if (p == NULL)
    return;
  func (p->name, user_data);
  func (p->email, user_data);
  func (p->uri, user_data);
}

static void
array_foreach_string (GPtrArray  *array,
                      StringFunc  func,
                      gpointer    user_data)
{
  for (guint i = 0; array && i < array->len; i++)
    func (g_ptr_array_index (array, i), user_data);
}

/* Calls @func on every string the feed holds (NULLs included). */
static void
feed_foreach_string (BsFeed     *feed,
                     StringFunc  func,
                     gpointer    user_data)
{
  const char *fields[] = {
    feed->encoding, feed->title, feed->subtitle, feed->rights, feed->link,
    feed->id, feed->language, feed->icon, feed->image, feed->author,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    func (fields[i], user_data);
  person_foreach_string (feed->author_detail, func, user_data);
  array_foreach_string (feed->categories, func, user_data);
  array_foreach_string (feed->errors, func, user_data);

  for (guint i = 0; feed->entries && i < feed->entries->len; i++)
    {
      BsFeedEntry *e = g_ptr_array_index (feed->entries, i);
      const char *efields[] = {
        e->id, e->title, e->link, e->author, e->summary, e->content,
        e->thumbnail, e->duration,
      };

      for (guint j = 0; j < G_N_ELEMENTS (efields); j++)
        func (efields[j], user_data);
      person_foreach_string (e->author_detail, func, user_data);
      array_foreach_string (e->categories, func, user_data);
      for (guint j = 0; e->enclosures && j < e->enclosures->len; j++)
        {
          BsEnclosure *enc = g_ptr_array_index (e->enclosures, j);

          func (enc->url, user_data);
          func (enc->type, user_data);
        }
    }
}

static void
add_length_cb (const char *s,
               gpointer    user_data)
{
  gsize *total = user_data;

  if (s != NULL)
    *total += strlen (s);
}

static gsize
feed_text_size (BsFeed *feed)
{
  gsize total = 0;

  feed_foreach_string (feed, add_length_cb, &total);
  return total;
}

typedef struct {
  const char *needle;
  guint       found;
} Search;

static void
search_cb (const char *s,
           gpointer    user_data)
{
  Search *search = user_data;

  if (s != NULL && strstr (s, search->needle) != NULL)
    search->found++;
}

static gboolean
feed_contains (BsFeed     *feed,
               const char *needle)
{
  Search search = { needle, 0 };

  feed_foreach_string (feed, search_cb, &search);
  return search.found > 0;
}

/* What every hostile input must give: a GError (and no feed), or a feed
 * whose text is bounded; with @must_report, that feed lists errors. */
static void
check_hostile (BsFeed     *feed,
               GError     *error,
               gboolean    must_report)
{
  if (feed == NULL)
    {
      g_test_message ("GError: %s", error ? error->message : "(none)");
      g_assert_nonnull (error);
      g_assert_true (error->domain == BS_PARSER_ERROR);
      g_assert_nonnull (error->message);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (feed->errors);
  g_assert_nonnull (feed->entries);
  g_test_message ("feed: %u errors%s%s, %u entries, %" G_GSIZE_FORMAT " bytes of text",
                  feed->errors->len, feed->errors->len ? ", first: " : "",
                  feed->errors->len ? (char *) g_ptr_array_index (feed->errors, 0) : "",
                  feed->entries->len, feed_text_size (feed));
  g_assert_cmpuint (feed_text_size (feed), <, MAX_OUTPUT);
  if (must_report)
    g_assert_cmpuint (feed->errors->len, >, 0);
}

static void
parse_hostile (const char *data,
               gsize       length,
               gboolean    must_report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFeed) feed = NULL;

  feed = bs_parse (data, length, "https://hostile.example/feed", NULL,
                   BS_PARSE_FLAGS_SANITIZE, &error);
  check_hostile (feed, error, must_report);
}

/* RSS 2.0 */

static void
test_wordpress_channel (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("wordpress-rss2.xml", "https://kitchennotes.example.com/feed/", 0);

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_RSS20);
  assert_encoding (feed->encoding, "utf-8");
  assert_text (feed->title, "Kitchen Notes \u2013 Recipes & Stories");
  assert_text (feed->subtitle, "Cooking at home, one pot at a time");
  /* the channel <link>, not atom:link rel="self" nor image/link */
  g_assert_cmpstr (feed->link, ==, "https://kitchennotes.example.com");
  g_assert_cmpstr (feed->language, ==, "en-US");
  g_assert_cmpstr (feed->image, ==, "https://kitchennotes.example.com/wp-content/uploads/2024/01/cropped-icon-32x32.png");
  assert_date (feed->updated, "2026-03-03T09:15:42Z");
  assert_date (feed->published, "(none)");
  g_assert_cmpuint (feed->entries->len, ==, 2);
}

static void
test_wordpress_items (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("wordpress-rss2.xml", "https://kitchennotes.example.com/feed/", 0);
  BsFeedEntry *e;

  assert_no_errors (feed);
  g_assert_cmpuint (feed->entries->len, ==, 2);

  e = entry_at (feed, 0);
  /* &#8217; and &#038; are character references, decoded in plain text */
  assert_text (e->title, "Grandma\u2019s Lentil Soup & Crusty Bread");
  g_assert_cmpstr (e->link, ==, "https://kitchennotes.example.com/2026/03/grandmas-lentil-soup/");
  g_assert_cmpstr (e->id, ==, "https://kitchennotes.example.com/?p=1042");
  g_assert_cmpstr (e->author, ==, "Maria Rossi");
  assert_person (e->author_detail, "Maria Rossi", NULL, NULL);
  assert_date (e->published, "2026-03-02T17:30:00Z");
  /* no dc:date: updated does not fall back to pubDate */
  assert_date (e->updated, "(none)");
  /* "Recipes" is listed twice in the item */
  assert_strings (e->categories, "Recipes|Soups|Vegetarian");
  assert_contains (e->summary, "A warming soup for cold evenings.");
  assert_contains (e->summary, "Continue reading");
  assert_not_contains (e->summary, "Rinse the");
  assert_contains (e->content, "Rinse the");
  assert_contains (e->content, "Serve with crusty bread.");
  g_assert_cmpuint (e->enclosures->len, ==, 0);

  e = entry_at (feed, 1);
  assert_text (e->title, "Five knives every kitchen needs");
  g_assert_cmpstr (e->author, ==, "Tom Becker");
  assert_date (e->published, "2026-02-27T07:05:09Z");
  assert_strings (e->categories, "Equipment");
  assert_contains (e->content, "<em>five</em>");
}

static void
test_wordpress_content_urls (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("wordpress-rss2.xml", "https://kitchennotes.example.com/feed/", 0);
  BsFeedEntry *e = entry_at (feed, 0);

  /* relative URLs in the HTML resolve against the document's URL */
  assert_contains (e->content, "src=\"https://kitchennotes.example.com/wp-content/uploads/2026/03/lentil-soup-1024x683.jpg\"");
  assert_contains (e->content, "href=\"https://kitchennotes.example.com/tag/lentils/\"");
  assert_not_contains (e->content, "src=\"/wp-content");
}

static void
test_wordpress_sanitize (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("wordpress-rss2.xml", "https://kitchennotes.example.com/feed/",
                                          BS_PARSE_FLAGS_SANITIZE);
  BsFeedEntry *e = entry_at (feed, 0);

  assert_no_errors (feed);
  assert_not_contains (e->content, "<script");
  assert_not_contains (e->content, "document.write");
  assert_not_contains (e->content, "tracker.example.net");
  assert_not_contains (e->content, "onclick");
  assert_not_contains (e->content, "onerror");
  assert_not_contains (e->content, "trackClick");
  /* the article itself survives, with absolute URLs */
  assert_contains (e->content, "Serve with crusty bread.");
  assert_contains (e->content, "src=\"https://kitchennotes.example.com/wp-content/uploads/2026/03/lentil-soup-1024x683.jpg\"");
  assert_contains (e->content, "href=\"https://kitchennotes.example.com/tag/lentils/\"");
  assert_contains (e->summary, "href=\"https://kitchennotes.example.com/2026/03/grandmas-lentil-soup/\"");
}

static void
test_planet_authors (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("planet.xml", "https://planet.desktop.example.org/rss20.xml", 0);
  static const struct {
    const char *author, *name, *email;
  } want[] = {
    { "ana@example.com (Ana Souza)", "Ana Souza", "ana@example.com" },
    { "Bj\u00f8rn Hansen", "Bj\u00f8rn Hansen", NULL },
    { "Chen Wei <chen@example.cn>", "Chen Wei", "chen@example.cn" },
    { "Dmitri Volkov", "Dmitri Volkov", NULL },
    { "emma@example.de (Emma Schmidt)", "Emma Schmidt", "emma@example.de" },
    { "Fatima Zahra", "Fatima Zahra", NULL },
    { "gabriel@example.br (Gabriel Costa)", "Gabriel Costa", "gabriel@example.br" },
    { "Hiro Tanaka", "Hiro Tanaka", NULL },
  };

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_RSS20);
  g_assert_null (feed->author);
  g_assert_null (feed->author_detail);
  g_assert_cmpuint (feed->entries->len, ==, G_N_ELEMENTS (want));

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      BsFeedEntry *e = entry_at (feed, i);

      assert_text (e->author, want[i].author);
      assert_person (e->author_detail, want[i].name, want[i].email, NULL);
      /* Planet titles start with the author's name */
      g_assert_true (g_str_has_prefix (e->title, want[i].name));
    }
}

static void
test_planet_links_dates (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("planet.xml", "https://planet.desktop.example.org/rss20.xml", 0);
  static const char *published[] = {
    "2026-03-03T14:02:11Z", "2026-03-03T10:40:00Z", "2026-03-02T14:15:00Z",
    "2026-03-02T16:00:00Z", "2026-03-02T07:00:00Z", "2026-03-01T17:30:00Z",
    "2026-03-01T15:00:00Z", "2026-02-28T14:59:59Z",
  };

  g_assert_cmpuint (feed->entries->len, ==, G_N_ELEMENTS (published));
  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    assert_date (entry_at (feed, i)->published, published[i]);

  /* document order */
  assert_text (entry_at (feed, 0)->title, "Ana Souza: Faster thumbnails in the file manager");
  assert_text (entry_at (feed, 7)->title, "Hiro Tanaka: Input methods on Wayland");
  /* a guid with isPermaLink="false" is an id, not the link */
  g_assert_cmpstr (entry_at (feed, 1)->id, ==, "https://blog.example.no/?p=221");
  g_assert_cmpstr (entry_at (feed, 1)->link, ==, "https://blog.example.no/2026/03/guadec-cfp/");
  /* no <link>: a permalink guid stands in */
  g_assert_cmpstr (entry_at (feed, 2)->link, ==, "https://chenwei.example.cn/a11y-3.html");
  /* escaped HTML in description is HTML */
  assert_contains (entry_at (feed, 2)->summary, "<p>Screen readers and lists.</p>");
}

static void
test_podcast_channel (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("podcast.xml", "https://feeds.example.fm/late-compile/rss.xml", 0);

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_RSS20);
  assert_text (feed->title, "The Late Compile");
  g_assert_cmpstr (feed->link, ==, "https://latecompile.example.fm");
  assert_text (feed->rights, "\u00a9 2026 Late Compile Media");
  g_assert_cmpstr (feed->language, ==, "en");
  /* no <image>: the iTunes cover */
  g_assert_cmpstr (feed->image, ==, "https://cdn.example.fm/late-compile/cover-3000.jpg");
  assert_text (feed->author, "Dana Lee & Chris Park");
  /* iTunes categories (nested too) then keywords split on commas and
   * trimmed; "Technology" from both shares one scheme and is listed once */
  assert_strings (feed->categories, "Technology|Software How-To|Education|compilers|build systems|linkers");
}

static void
test_podcast_episodes (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("podcast.xml", "https://feeds.example.fm/late-compile/rss.xml", 0);
  BsFeedEntry *e;
  BsEnclosure *enc;

  g_assert_cmpuint (feed->entries->len, ==, 2);

  e = entry_at (feed, 0);
  assert_text (e->title, "Episode 42: Linkers are people too");
  g_assert_cmpstr (e->id, ==, "late-compile-ep-42");
  g_assert_cmpstr (e->link, ==, "https://latecompile.example.fm/42");
  assert_date (e->published, "2026-02-26T13:00:00Z");
  g_assert_cmpstr (e->thumbnail, ==, "https://cdn.example.fm/late-compile/ep42.jpg");
  g_assert_cmpstr (e->duration, ==, "01:00:48");
  assert_contains (e->summary, "<strong>mold</strong>");
  assert_not_contains (e->summary, "Symbol resolution");
  assert_contains (e->content, "<li>05:12 Symbol resolution</li>");
  g_assert_cmpuint (e->enclosures->len, ==, 1);
  enc = enclosure_at (e, 0);
  g_assert_cmpstr (enc->url, ==, "https://cdn.example.fm/late-compile/ep42.mp3");
  g_assert_cmpstr (enc->type, ==, "audio/mpeg");
  g_assert_cmpint (enc->length, ==, 58374912);

  e = entry_at (feed, 1);
  g_assert_cmpstr (e->duration, ==, "754");
  assert_text (e->author, "Chris Park");
  /* itunes:summary is the summary when there is no description */
  assert_contains (e->summary, "Three short clips");
}

static void
test_podcast_bad_lengths (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("podcast.xml", "https://feeds.example.fm/late-compile/rss.xml", 0);
  BsFeedEntry *e = entry_at (feed, 1);
  static const struct {
    const char *url, *type;
  } want[] = {
    { "https://cdn.example.fm/late-compile/ep41a.mp3", "audio/mpeg" },   /* "1,048,576" */
    { "https://cdn.example.fm/late-compile/ep41b.m4a", "audio/x-m4a" },  /* overflows 64 bits */
    { "https://cdn.example.fm/late-compile/ep41c.ogg", "audio/ogg" },    /* missing */
    { "https://cdn.example.fm/late-compile/ep41d.opus", "audio/opus" },  /* "-5" */
  };

  g_assert_cmpuint (e->enclosures->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      BsEnclosure *enc = enclosure_at (e, i);

      g_assert_cmpstr (enc->url, ==, want[i].url);
      g_assert_cmpstr (enc->type, ==, want[i].type);
      g_assert_cmpint (enc->length, ==, -1);
    }
}

static void
test_relative_links (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\"><channel><title>Relative</title><link>/</link>\n"
    "<item><title>One</title><link>/posts/1</link>\n"
    "<description>&lt;a href=\"../about\"&gt;About&lt;/a&gt; &lt;img src=\"img/a.png\"&gt;</description>\n"
    "<enclosure url=\"media/1.mp3\" type=\"audio/mpeg\" length=\"1000\"/></item>\n"
    "</channel></rss>\n";
  g_autoptr(BsFeed) plain = parse_string (xml, NULL);
  g_autoptr(BsFeed) based = parse_string (xml, "http://example.com/feed/rss.xml");
  BsFeedEntry *e;

  assert_no_errors (plain);
  /* without a base URI, relative references stay relative */
  g_assert_cmpstr (plain->link, ==, "/");
  e = entry_at (plain, 0);
  g_assert_cmpstr (e->link, ==, "/posts/1");
  g_assert_cmpstr (enclosure_at (e, 0)->url, ==, "media/1.mp3");
  assert_contains (e->summary, "src=\"img/a.png\"");

  assert_no_errors (based);
  g_assert_cmpstr (based->link, ==, "http://example.com/");
  e = entry_at (based, 0);
  g_assert_cmpstr (e->link, ==, "http://example.com/posts/1");
  g_assert_cmpstr (enclosure_at (e, 0)->url, ==, "http://example.com/feed/media/1.mp3");
  assert_contains (e->summary, "src=\"http://example.com/feed/img/a.png\"");
  assert_contains (e->summary, "href=\"http://example.com/about\"");
}

static void
test_internal_entities (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rss [\n"
    "  <!ENTITY site \"Example Site\">\n"
    "  <!ENTITY copy \"&#169;\">\n"
    "]>\n"
    "<rss version=\"2.0\"><channel><title>&site; news</title>\n"
    "<copyright>&copy; 2026 &site;</copyright>\n"
    "<item><title>Hello from &site;</title><guid>urn:x:1</guid></item>\n"
    "</channel></rss>\n";
  g_autoptr(BsFeed) feed = parse_string (xml, NULL);

  /* a DOCTYPE with internal entities is well-formed */
  assert_no_errors (feed);
  assert_text (feed->title, "Example Site news");
  assert_text (feed->rights, "\u00a9 2026 Example Site");
  assert_text (entry_at (feed, 0)->title, "Hello from Example Site");
}

static void
test_rss_versions (void)
{
  static const struct {
    const char *root;
    BsFeedFormat want;
  } cases[] = {
    { "<rss version=\"2.0\">", BS_FEED_FORMAT_RSS20 },
    { "<rss version=\"2.01\">", BS_FEED_FORMAT_RSS20 },
    { "<rss version=\"0.92\">", BS_FEED_FORMAT_RSS09X },
    { "<rss version=\"0.94\">", BS_FEED_FORMAT_RSS09X },
    { "<rss>", BS_FEED_FORMAT_RSS },
    { "<rss version=\"7\">", BS_FEED_FORMAT_RSS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strdup_printf ("%s<channel><title>V</title><item><title>I</title></item></channel></rss>",
                                              cases[i].root);
      g_autoptr(BsFeed) feed = parse_string (xml, NULL);

      g_test_message ("%s", cases[i].root);
      assert_no_errors (feed);
      g_assert_cmpint (feed->format, ==, cases[i].want);
      g_assert_cmpuint (feed->entries->len, ==, 1);
    }
}

static void
test_rss_extension_nesting (void)
{
  static const char xml[] =
    "<rss version=\"2.0\" xmlns:ext=\"http://example.com/ext\"><channel>\n"
    "<ext:box><title>Not the feed title</title><link>http://wrong.example/</link></ext:box>\n"
    "<title>Real title</title><link>http://right.example/</link>\n"
    "<image><url>http://right.example/logo.png</url><title>Image title</title><link>http://wrong.example/img</link></image>\n"
    "<item><title>Item title</title>\n"
    "<ext:related><title>Related title</title><link>http://wrong.example/rel</link><author>x@y (Wrong)</author></ext:related>\n"
    "<link>http://right.example/1</link></item>\n"
    "</channel></rss>\n";
  g_autoptr(BsFeed) feed = parse_string (xml, NULL);
  BsFeedEntry *e;

  /* unknown extension elements are well-formed */
  assert_no_errors (feed);
  assert_text (feed->title, "Real title");
  g_assert_cmpstr (feed->link, ==, "http://right.example/");
  g_assert_cmpstr (feed->image, ==, "http://right.example/logo.png");
  e = entry_at (feed, 0);
  assert_text (e->title, "Item title");
  g_assert_cmpstr (e->link, ==, "http://right.example/1");
  g_assert_null (e->author);
}

static void
test_rss_two_summaries (void)
{
  static const char xml[] =
    "<rss version=\"2.0\"><channel><title>S</title>\n"
    "<item><description>First &amp;lt;b&amp;gt;</description><summary>Second</summary></item>\n"
    "<item><summary>One</summary><description>Two</description></item>\n"
    "</channel></rss>\n";
  g_autoptr(BsFeed) feed = parse_string (xml, NULL);

  assert_contains (entry_at (feed, 0)->summary, "First");
  assert_text (entry_at (feed, 0)->content, "Second");
  assert_text (entry_at (feed, 1)->summary, "One");
  assert_text (entry_at (feed, 1)->content, "Two");
}

static void
test_rss_char_refs (void)
{
  static const char xml[] =
    "<rss version=\"2.0\"><channel><title>&#X41;&#x42;&#67; &#8220;x&#8221;</title>\n"
    "<item><title>It&#146;s &#150; fine</title><link>http://example.com/?a=1&amp;b=2</link></item>\n"
    "</channel></rss>\n";
  g_autoptr(BsFeed) feed = parse_string (xml, NULL);

  assert_text (feed->title, "ABC \u201cx\u201d");
  /* references to 0x80..0x9F mean the windows-1252 characters */
  assert_text (entry_at (feed, 0)->title, "It\u2019s \u2013 fine");
  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "http://example.com/?a=1&b=2");
}

static void
test_rss_image_rules (void)
{
  static const char xml[] =
    "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel>\n"
    "<title>I</title><image><url>http://example.com/logo.png</url></image>\n"
    "<itunes:image/>\n"
    "</channel></rss>\n";
  g_autoptr(BsFeed) feed = parse_string (xml, NULL);

  /* an itunes:image without a URL doesn't clear image/url */
  g_assert_cmpstr (feed->image, ==, "http://example.com/logo.png");
}

static void
test_unparsable_date (void)
{
  static const char xml[] =
    "<rss version=\"2.0\"><channel><title>D</title><lastBuildDate>sometime soon</lastBuildDate>\n"
    "<item><pubDate>the 32nd of Smarch</pubDate><title>x</title></item></channel></rss>\n";
  g_autoptr(BsFeed) feed = parse_string (xml, NULL);

  /* null, and not an error */
  assert_no_errors (feed);
  assert_date (feed->updated, "(none)");
  assert_date (entry_at (feed, 0)->published, "(none)");
}

/* Atom */

static void
test_atom10_link_rules (void)
{
  static const char xml[] =
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.org/base/\">\n"
    "<title type=\"text\">A &lt;b&gt;plain&lt;/b&gt; title &amp; more</title>\n"
    "<id>HTTP://Example.ORG/%7Efeed</id>\n"
    "<link rel=\"self\" href=\"/self\"/><link rel=\"related\" href=\"/related\"/>\n"
    "<link rel=\"alternate\" href=\"home\"/>\n"
    "<entry><title>E</title><id>x</id>\n"
    "<link rel=\"related\" href=\"http://wrong.example/\"/>\n"
    "<link>http://example.org/from-text</link></entry>\n"
    "<entry><title xml:lang=\"de\">F</title><id>y</id>\n"
    "<content type=\"text\">1 &lt; 2 &amp;&amp; 3 &gt; 2</content></entry>\n"
    "</feed>\n";
  g_autoptr(BsFeed) feed = parse_string (xml, NULL);
  BsFeedEntry *e;

  assert_no_errors (feed);
  /* plain-text constructs keep markup characters literally */
  assert_text (feed->title, "A <b>plain</b> title & more");
  /* ids are never normalised */
  g_assert_cmpstr (feed->id, ==, "HTTP://Example.ORG/%7Efeed");
  g_assert_cmpstr (feed->link, ==, "http://example.org/base/home");
  /* xml:lang on a child element does not set the feed language */
  g_assert_null (feed->language);

  e = entry_at (feed, 0);
  /* a link without href takes its URL from its text */
  g_assert_cmpstr (e->link, ==, "http://example.org/from-text");
  e = entry_at (feed, 1);
  assert_text (e->content, "1 &lt; 2 &amp;&amp; 3 &gt; 2");
  g_assert_cmpstr (e->summary, ==, e->content);
}

static void
test_html_url_attributes (void)
{
  static const char xml[] =
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>U</title>\n"
    "<entry><title>E</title><id>x</id><content type=\"html\" xml:base=\"http://example.org/a/b/\">"
    "&lt;blockquote cite=\"q.html\"&gt;Q&lt;/blockquote&gt;"
    "&lt;video src=\"v.webm\" poster=\"p.jpg\"&gt;&lt;source src=\"v.mp4\"&gt;&lt;/video&gt;"
    "&lt;audio src=\"../a.ogg\"&gt;&lt;/audio&gt;"
    "&lt;a href=\"#frag\"&gt;f&lt;/a&gt;&lt;a href=\"mailto:x@example.org\"&gt;m&lt;/a&gt;"
    "</content></entry></feed>\n";
  g_autoptr(BsFeed) feed = parse_string (xml, "http://ignored.example/feed");
  BsFeedEntry *e = entry_at (feed, 0);

  assert_contains (e->content, "cite=\"http://example.org/a/b/q.html\"");
  assert_contains (e->content, "src=\"http://example.org/a/b/v.webm\"");
  assert_contains (e->content, "poster=\"http://example.org/a/b/p.jpg\"");
  assert_contains (e->content, "src=\"http://example.org/a/b/v.mp4\"");
  assert_contains (e->content, "src=\"http://example.org/a/a.ogg\"");
  assert_contains (e->content, "href=\"mailto:x@example.org\"");
  assert_not_contains (e->content, "ignored.example");
}

#define SHED_BASE "https://shed.example.org/feeds/atom.xml"

static void
test_atom10_feed (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("atom10-blog.xml", SHED_BASE, 0);

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_ATOM10);
  assert_encoding (feed->encoding, "utf-8");
  /* type="html": markup removed */
  assert_text (feed->title, "Notes from the Shed");
  assert_text (feed->subtitle, "Woodwork, & other distractions");
  assert_text (feed->rights, "\u00a9 2026 Alex Carpenter");
  g_assert_cmpstr (feed->id, ==, "tag:shed.example.org,2019:blog");
  g_assert_cmpstr (feed->language, ==, "en-GB");
  assert_date (feed->updated, "2026-03-01T19:45:00Z");
  /* a term listed twice is listed once */
  assert_strings (feed->categories, "woodwork|tools");
  assert_text (feed->author, "Alex Carpenter (alex@shed.example.org)");
  g_assert_cmpuint (feed->entries->len, ==, 2);
}

static void
test_atom10_xml_base (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("atom10-blog.xml", SHED_BASE, 0);
  BsFeedEntry *e;

  /* xml:base="/blog/" on <feed> resolves against the document URL */
  g_assert_cmpstr (feed->link, ==, "https://shed.example.org/blog/");
  g_assert_cmpstr (feed->icon, ==, "https://shed.example.org/favicon.ico");
  g_assert_cmpstr (feed->image, ==, "https://shed.example.org/blog/images/logo.png");
  assert_person (feed->author_detail, "Alex Carpenter", "alex@shed.example.org",
                 "https://shed.example.org/about/");

  /* xml:base="2026/03/" on the entry resolves against the feed's */
  e = entry_at (feed, 0);
  g_assert_cmpstr (e->link, ==, "https://shed.example.org/blog/2026/03/dovetail-jig.html");
  assert_contains (e->content, "src=\"https://shed.example.org/blog/2026/03/images/jig.jpg\"");
  assert_contains (e->content, "href=\"https://shed.example.org/blog/2026/02/sharpening.html\"");

  /* the second entry only has the feed's xml:base in scope */
  e = entry_at (feed, 1);
  g_assert_cmpstr (e->link, ==, "https://shed.example.org/blog/2026/02/sharpening.html");
  assert_contains (e->content, "src=\"https://shed.example.org/blog/images/stones.jpg\"");
}

static void
test_atom10_text_constructs (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("atom10-blog.xml", SHED_BASE, 0);
  BsFeedEntry *e = entry_at (feed, 0);
  g_autofree char *content = NULL;

  /* type="xhtml" title: text of the div, &amp; decoded */
  assert_text (e->title, "Building a dovetail jig & why");
  /* type="text" summary is escaped to be HTML */
  assert_text (e->summary, "Jig for 1:8 dovetails; cheaper than &lt;buying&gt; one.");
  /* type="xhtml" content loses its wrapping div */
  content = g_strstrip (g_strdup (e->content));
  g_assert_false (g_str_has_prefix (content, "<div"));
  assert_not_contains (content, "http://www.w3.org/1999/xhtml");
  assert_contains (content, "<p>The finished jig:</p>");

  /* no summary: the HTML content stands in */
  e = entry_at (feed, 1);
  assert_text (e->title, "Sharpening, again");
  assert_contains (e->content, "Waterstones or diamond plates?");
  g_assert_cmpstr (e->summary, ==, e->content);
}

static void
test_atom10_entry_metadata (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("atom10-blog.xml", SHED_BASE, 0);
  BsFeedEntry *e = entry_at (feed, 0);
  BsEnclosure *enc;

  g_assert_cmpstr (e->id, ==, "tag:shed.example.org,2026-03-01:/blog/2026/03/dovetail-jig");
  assert_date (e->published, "2026-03-01T09:00:00Z");
  assert_date (e->updated, "2026-03-01T19:45:00Z");
  assert_text (e->author, "Sam Joiner (sam@shed.example.org)");
  assert_person (e->author_detail, "Sam Joiner", "sam@shed.example.org", "https://sam.example.net/");
  assert_strings (e->categories, "woodwork|jigs");

  /* the rel="enclosure" link listed first is an enclosure, not the link */
  g_assert_cmpuint (e->enclosures->len, ==, 1);
  enc = enclosure_at (e, 0);
  g_assert_cmpstr (enc->url, ==, "https://shed.example.org/blog/2026/03/media/jig.webm");
  g_assert_cmpstr (enc->type, ==, "video/webm");
  g_assert_cmpint (enc->length, ==, 1048576);

  e = entry_at (feed, 1);
  assert_date (e->published, "2026-02-14T08:30:00Z");
  assert_date (e->updated, "2026-02-15T14:00:00Z");
  g_assert_cmpuint (e->enclosures->len, ==, 0);
}

static void
test_media_rss (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("media-rss.xml",
                                          "https://www.youtube.com/feeds/videos.xml?channel_id=UCexample0000000000000001", 0);
  BsFeedEntry *e;

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_ATOM10);
  assert_text (feed->title, "Woodland Walks");
  /* rel="alternate", not the rel="self" listed first */
  g_assert_cmpstr (feed->link, ==, "https://www.youtube.com/channel/UCexample0000000000000001");
  assert_date (feed->published, "2019-05-02T11:04:51Z");
  assert_text (feed->author, "Woodland Walks");
  assert_person (feed->author_detail, "Woodland Walks", NULL,
                 "https://www.youtube.com/channel/UCexample0000000000000001");
  g_assert_cmpuint (feed->entries->len, ==, 2);

  e = entry_at (feed, 0);
  g_assert_cmpstr (e->id, ==, "yt:video:aBcDeFgHiJk");
  assert_text (e->title, "Spring in the beech forest (4K)");
  g_assert_cmpstr (e->link, ==, "https://www.youtube.com/watch?v=aBcDeFgHiJk");
  g_assert_cmpstr (e->thumbnail, ==, "https://i1.ytimg.com/vi/aBcDeFgHiJk/hqdefault.jpg");
  assert_date (e->published, "2026-03-02T16:00:11Z");
  assert_date (e->updated, "2026-03-03T01:22:40Z");

  /* no <title>: media:title */
  e = entry_at (feed, 1);
  assert_text (e->title, "Fog & frost at dawn");
  g_assert_cmpstr (e->thumbnail, ==, "https://i2.ytimg.com/vi/ZyXwVuTsRqP/hqdefault.jpg");
  assert_strings (e->categories, "Nature");
}

static void
test_atom03_escaped (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("atom03.xml", NULL, 0);
  BsFeedEntry *e;

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_ATOM03);
  /* mode="escaped" type="text/html" title: markup removed */
  assert_text (feed->title, "Le carnet de Camille");
  assert_text (feed->subtitle, "Notes et liens");
  assert_text (feed->rights, "Copyright (c) 2004, Camille Durand");
  g_assert_cmpstr (feed->link, ==, "http://carnet.example.fr/");
  g_assert_cmpstr (feed->language, ==, "fr");
  assert_date (feed->updated, "2004-01-10T17:20:00Z");
  assert_text (feed->author, "Camille Durand (camille@carnet.example.fr)");
  assert_person (feed->author_detail, "Camille Durand", "camille@carnet.example.fr",
                 "http://carnet.example.fr/a-propos");
  g_assert_cmpuint (feed->entries->len, ==, 2);

  e = entry_at (feed, 0);
  assert_date (e->published, "2004-01-08T08:00:00Z");
  assert_date (e->updated, "2004-01-08T09:30:00Z");
  /* text/plain summary is escaped */
  assert_text (e->summary, "Un r\u00e9sum\u00e9 &amp; rien d'autre &lt;vraiment&gt;");
  assert_contains (e->content, "<p>Bonjour");
  /* resolved against the content's own xml:base */
  assert_contains (e->content, "src=\"http://carnet.example.fr/2004/01/bonjour.png\"");
}

static void
test_atom03_base64 (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("atom03.xml", NULL, 0);
  BsFeedEntry *e = entry_at (feed, 1);

  /* the base64 text of the fixture decodes to "Decoded <i>from</i> base64" */
  assert_text (e->title, "Decoded from base64");
  assert_contains (e->content, "<b>bold</b>");
  assert_contains (e->content, "href=\"http://carnet.example.fr/2004/01/third\"");
  g_assert_cmpstr (e->summary, ==, e->content);
}

static void
test_atom03_base64_short (void)
{
  /* base64 text of zero or one character, as a cut-off feed leaves it */
  static const char *bodies[] = { "", "Q", "=", "\n" };

  /* in a child, so that a critical or a crash fails this test only */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (!g_test_trap_has_passed ())
        g_test_fail_printf ("parsing base64 text of 0 or 1 characters failed or crashed");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *xml = NULL;
      g_autoptr(BsFeed) feed = NULL;

      xml = g_strdup_printf ("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>B</title>\n"
                             "<entry><title mode=\"base64\" type=\"text/html\">%s</title><id>e</id>\n"
                             "<content mode=\"base64\" type=\"text/html\">%s</content></entry></feed>\n",
                             bodies[i], bodies[i]);
      feed = parse_string (xml, NULL);
      g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_ATOM03);
      g_assert_cmpuint (feed->entries->len, ==, 1);
      g_assert_cmpstr (entry_at (feed, 0)->id, ==, "e");
    }
}

/* RSS 1.0 and 0.91 */

static void
test_rss10 (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("rss10-rdf.xml", "https://news.example.net/rss", 0);
  BsFeedEntry *e;

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_RSS10);
  assert_text (feed->title, "Example Science News");
  g_assert_cmpstr (feed->link, ==, "https://news.example.net/");
  assert_text (feed->rights, "Copyright 2026 Example Science News");
  g_assert_cmpstr (feed->language, ==, "de-DE");
  g_assert_cmpstr (feed->image, ==, "https://news.example.net/logo.gif");
  assert_date (feed->updated, "2026-03-04T05:00:00Z");
  /* items are siblings of the channel in RDF */
  g_assert_cmpuint (feed->entries->len, ==, 2);

  e = entry_at (feed, 0);
  g_assert_cmpstr (e->id, ==, "https://news.example.net/story/2026/03/04/comet");
  g_assert_cmpstr (e->link, ==, "https://news.example.net/story/2026/03/04/comet?from=rss");
  assert_text (e->title, "Comet C/2026 A1 brightens faster than expected");
  g_assert_cmpstr (e->author, ==, "Dr. Ines Weber");
  assert_strings (e->categories, "Astronomy");
  /* dc:date is the updated date */
  assert_date (e->updated, "2026-03-04T04:12:30Z");
  assert_date (e->published, "(none)");

  e = entry_at (feed, 1);
  assert_contains (e->summary, "reproduces the 2024 result");
  assert_date (e->updated, "2026-03-03T17:45:00Z");
}

static void
test_rss091 (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("rss091.xml", NULL, 0);

  /* the Netscape DOCTYPE names an external DTD: not fetched, not an error */
  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_RSS09X);
  assert_encoding (feed->encoding, "iso-8859-1");
  assert_text (feed->title, "Retro Computing Weekly");
  g_assert_cmpstr (feed->link, ==, "http://retro.example.com/");
  g_assert_cmpstr (feed->language, ==, "en-us");
  assert_text (feed->rights, "Copyright 2001, Retro Computing Weekly");
  g_assert_cmpstr (feed->image, ==, "http://retro.example.com/images/rcw88x31.gif");
  g_assert_cmpstr (feed->author, ==, "editor@retro.example.com (Pat Byte)");
  assert_person (feed->author_detail, "Pat Byte", "editor@retro.example.com", NULL);
  /* EST is UTC-5 */
  assert_date (feed->published, "2001-04-21T13:00:00Z");
  assert_date (feed->updated, "2001-04-21T14:30:00Z");
  g_assert_cmpuint (feed->entries->len, ==, 2);
  assert_text (entry_at (feed, 1)->title, "Emulators & the law");
  g_assert_cmpstr (entry_at (feed, 1)->link, ==, "http://retro.example.com/2001/04/emulators.html");
}

/* JSON Feed */

static void
test_json11_feed (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("jsonfeed11.json", "https://pixelink.example.com/feed.json", 0);

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_JSON11);
  assert_encoding (feed->encoding, "utf-8");
  assert_text (feed->title, "Pixel & Ink");
  /* plain text keeps '<' literally */
  assert_text (feed->subtitle, "An illustrator's <sketchbook>");
  g_assert_cmpstr (feed->link, ==, "https://pixelink.example.com/");
  g_assert_cmpstr (feed->image, ==, "https://pixelink.example.com/icon-512.png");
  g_assert_cmpstr (feed->icon, ==, "https://pixelink.example.com/favicon-64.png");
  assert_text (feed->author, "Femke de Vries");
  assert_person (feed->author_detail, "Femke de Vries", NULL, "https://pixelink.example.com/about");
  g_assert_cmpuint (feed->entries->len, ==, 2);
}

static void
test_json11_language (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("jsonfeed11.json", "https://pixelink.example.com/feed.json", 0);

  /* "nl_NL": the contract's "_ becomes -" rule holds for every source of
   * the language field, JSON included */
  g_assert_cmpstr (feed->language, ==, "nl-NL");
}

static void
test_json11_items (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("jsonfeed11.json", "https://pixelink.example.com/feed.json", 0);
  BsFeedEntry *e;

  e = entry_at (feed, 0);
  g_assert_cmpstr (e->id, ==, "https://pixelink.example.com/2026/03/harbour");
  g_assert_cmpstr (e->link, ==, "https://pixelink.example.com/2026/03/harbour");
  assert_text (e->title, "The harbour at night");
  /* a JSON summary is plain text, escaped */
  assert_text (e->summary, "A new painting &amp; a few sketches.");
  assert_contains (e->content, "<p>Ink and watercolour.</p>");
  assert_contains (e->content, "src=\"https://pixelink.example.com/media/harbour.jpg\"");
  assert_date (e->published, "2026-03-02T20:15:00Z");
  assert_date (e->updated, "2026-03-03T07:00:00Z");
  assert_strings (e->categories, "watercolour|harbour");
  g_assert_cmpuint (e->enclosures->len, ==, 2);
  g_assert_cmpstr (enclosure_at (e, 0)->url, ==, "https://pixelink.example.com/media/harbour-full.png");
  g_assert_cmpstr (enclosure_at (e, 0)->type, ==, "image/png");
  g_assert_cmpint (enclosure_at (e, 0)->length, ==, 4718592);
  /* "size_in_bytes": "lots" */
  g_assert_cmpint (enclosure_at (e, 1)->length, ==, -1);

  e = entry_at (feed, 1);
  /* content_text is escaped; with no summary it is the summary too */
  assert_text (e->content, "Short note: prints are &lt;sold out&gt; &amp; restocking soon.");
  g_assert_cmpstr (e->summary, ==, e->content);
  assert_text (e->author, "Guest Artist");
  assert_date (e->published, "2026-02-10T12:00:00Z");
  assert_date (e->updated, "(none)");
}

static void
test_json11_sanitize (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("jsonfeed11.json", "https://pixelink.example.com/feed.json",
                                          BS_PARSE_FLAGS_SANITIZE);
  BsFeedEntry *e = entry_at (feed, 0);

  assert_not_contains (e->content, "<script");
  assert_not_contains (e->content, "alert(1)");
  assert_contains (e->content, "Ink and watercolour.");
  assert_contains (e->content, "src=\"https://pixelink.example.com/media/harbour.jpg\"");
}

static void
test_json10 (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("jsonfeed10.json", NULL, 0);
  BsFeedEntry *e;

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_JSON10);
  assert_text (feed->title, "Daring Example");
  g_assert_cmpstr (feed->link, ==, "https://daring.example.com/");
  /* version 1 has a single "author" object */
  assert_text (feed->author, "J. Gruber-Example");
  assert_person (feed->author_detail, "J. Gruber-Example", NULL, "https://daring.example.com/about");
  g_assert_null (feed->id);
  g_assert_cmpuint (feed->entries->len, ==, 2);

  e = entry_at (feed, 0);
  assert_text (e->title, "\u2605 On Keyboards");
  /* "url", not "external_url" */
  g_assert_cmpstr (e->link, ==, "https://daring.example.com/2026/03/02/keyboards");
  assert_date (e->published, "2026-03-03T00:40:03Z");
  assert_contains (e->content, "<em>feel</em>");

  e = entry_at (feed, 1);
  assert_text (e->content, "1 &lt; 2 &amp; 3 &gt; 2");
}

static void
test_json_not_a_feed (void)
{
  static const char *docs[] = {
    "{\"version\":\"https://jsonfeed.org/version/9\",\"title\":\"x\",\"items\":[]}",
    "{\"title\":\"no version\",\"items\":[{\"id\":\"1\"}]}",
    "[{\"version\":\"https://jsonfeed.org/version/1.1\"}]",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"x\",}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(BsFeed) feed = parse_string (docs[i], NULL);

      g_test_message ("%s", docs[i]);
      /* an unknown version, no version, not an object, invalid JSON */
      g_assert_cmpuint (feed->errors->len, >, 0);
      if (i < 3)
        g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_UNKNOWN);
    }
}

/* Character encodings */

static void
test_feed_iso_8859_1 (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("iso-8859-1.xml", NULL, 0);
  BsFeedEntry *e;

  assert_no_errors (feed);
  assert_encoding (feed->encoding, "iso-8859-1");
  assert_text (feed->title, "Caf\u00e9 M\u00fcller \u2013 Stra\u00dfenk\u00fcche");
  assert_text (feed->subtitle, "Sp\u00e4tzle, K\u00e4sesp\u00e4tzle und Cr\u00e8me br\u00fbl\u00e9e");
  e = entry_at (feed, 0);
  assert_text (e->title, "\u00d6ffnungszeiten \u00fcber Ostern");
  assert_strings (e->categories, "Ank\u00fcndigungen");
  assert_contains (e->summary, "ge\u00f6ffnet: Karfreitag 10\u201318 Uhr");
  g_assert_true (g_utf8_validate (e->summary, -1, NULL));
}

static void
test_feed_windows_1252 (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("windows-1252.xml", NULL, 0);
  BsFeedEntry *e;

  assert_no_errors (feed);
  assert_encoding (feed->encoding, "windows-1252");
  /* 0x93/0x94 are curly double quotes, 0x80 the euro sign, 0x97 an em
   * dash, 0x92 a right single quote, 0x85 an ellipsis */
  assert_text (feed->title, "The \u201cSmart Quotes\u201d Gazette");
  assert_text (feed->subtitle, "Prices from \u20ac5 \u2014 it\u2019s a bargain\u2026");
  e = entry_at (feed, 0);
  assert_text (e->title, "Mayor says \u201cno comment\u201d \u2013 again");
  assert_contains (e->summary, "\u2018We\u2019ll see,\u2019 she said.");
  assert_person (e->author_detail, "Gazette Newsdesk", "newsdesk@gazette.example.com", NULL);
  assert_date (e->published, "2026-03-04T08:00:00Z");
}

static void
test_feed_utf16 (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("utf-16.xml", NULL, 0);
  BsFeedEntry *e;

  assert_no_errors (feed);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_RSS20);
  /* the byte order found, not "utf-16" */
  assert_encoding (feed->encoding, "utf-16le");
  assert_text (feed->title, "\u041e\u0431\u0437\u043e\u0440 \u043d\u043e\u0432\u043e\u0441\u0442\u0435\u0439 \u2014 \u65e5\u672c\u8a9e \u2713");
  g_assert_cmpstr (feed->link, ==, "https://utf16.example.org/");
  e = entry_at (feed, 0);
  assert_text (e->title, "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac & \ud55c\uad6d\uc5b4");
  assert_date (e->published, "2026-03-03T12:00:00Z");
}

static void
test_feed_http_charset (void)
{
  /* The server says koi8-r; the document wrongly declares iso-8859-1. */
  static const char utf8[] =
    "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
    "<rss version=\"2.0\"><channel><title>\u041d\u043e\u0432\u043e\u0441\u0442\u0438</title>\n"
    "<item><title>\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440</title></item>\n"
    "</channel></rss>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFeed) feed = NULL;
  g_autofree char *koi8 = NULL;
  gsize length = 0;

  koi8 = g_convert (utf8, -1, "KOI8-R", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);

  feed = bs_parse (koi8, length, NULL, "koi8-r", BS_PARSE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  assert_encoding (feed->encoding, "koi8-r");
  assert_text (feed->title, "\u041d\u043e\u0432\u043e\u0441\u0442\u0438");
  assert_text (entry_at (feed, 0)->title, "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440");
}

/* Broken documents */

static void
test_illformed_recovery (void)
{
  g_autoptr(BsFeed) feed = parse_fixture ("illformed.xml", NULL, 0);
  BsFeedEntry *e;

  /* a bare '&', an undefined &eacute; and missing end tags */
  g_assert_cmpuint (feed->errors->len, >, 0);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_RSS20);
  assert_text (feed->title, "Fish & Chips Weekly");
  /* a bare '&' is kept as '&' */
  g_assert_cmpstr (feed->link, ==, "http://fish.example.co.uk/?page=1&sort=new");
  /* undefined HTML entities still decode */
  assert_text (feed->subtitle, "Caf\u00e9 reviews from the seaside");

  g_assert_cmpuint (feed->entries->len, ==, 2);
  e = entry_at (feed, 0);
  assert_text (e->title, "Best caf\u00e9 in town");
  g_assert_cmpstr (e->link, ==, "http://fish.example.co.uk/review?id=7&page=2");
  assert_contains (e->summary, "\u00a38.50");
  assert_date (e->published, "2026-03-01T12:00:00Z");
  e = entry_at (feed, 1);
  assert_text (e->title, "Mushy peas: a defence");
  g_assert_cmpstr (e->link, ==, "http://fish.example.co.uk/review?id=8");
}

static void
test_not_a_feed (void)
{
  static const char html[] =
    "<!DOCTYPE html>\n<html><head><title>Welcome</title></head>\n"
    "<body><p>This is a web page, not a feed.</p></body></html>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFeed) feed = NULL;

  feed = bs_parse (html, strlen (html), NULL, NULL, BS_PARSE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (feed->format, ==, BS_FEED_FORMAT_UNKNOWN);
  g_assert_cmpuint (feed->errors->len, >, 0);
  g_assert_cmpuint (feed->entries->len, ==, 0);
}

/* Hostile input */

static const char billion_laughs[] =
  "<?xml version=\"1.0\" encoding=\"%s\"?>\n"
  "<!DOCTYPE rss [\n"
  " <!ENTITY lol \"lol\">\n"
  " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
  " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
  " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
  " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
  " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
  " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
  " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
  " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
  "]>\n"
  "<rss version=\"2.0\"><channel><title>&lol9;</title>\n"
  "<item><title>&lol9;</title><description>&lol9;</description>\n"
  "<enclosure url=\"http://example.com/&lol9;\" type=\"audio/mpeg\" length=\"1\"/></item>\n"
  "</channel></rss>\n";

static void
test_billion_laughs (void)
{
  g_autofree char *xml = g_strdup_printf (billion_laughs, "UTF-8");

  parse_hostile (xml, strlen (xml), TRUE);
}

static void
test_billion_laughs_utf16 (void)
{
  g_autofree char *xml = g_strdup_printf (billion_laughs, "UTF-16");
  g_autoptr(GError) error = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *with_bom = NULL;
  gsize length = 0;

  utf16 = g_convert (xml, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  /* without a BOM (the byte pattern of "<?xml") and with one */
  parse_hostile (utf16, length, TRUE);
  with_bom = g_malloc (length + 2);
  memcpy (with_bom, "\xff\xfe", 2);
  memcpy (with_bom + 2, utf16, length);
  parse_hostile (with_bom, length + 2, TRUE);
}

static void
test_quadratic_blowup (void)
{
  const gsize entity_size = 50000;
  const guint refs = 50000;
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"");

  for (gsize i = 0; i < entity_size; i++)
    g_string_append_c (xml, 'a');
  g_string_append (xml, "\">\n]>\n<rss version=\"2.0\"><channel><title>Quadratic</title>"
                   "<item><title>x</title><description>");
  for (guint i = 0; i < refs; i++)
    g_string_append (xml, "&a;");
  g_string_append (xml, "</description></item></channel></rss>\n");

  /* 2.5 GB once expanded */
  parse_hostile (xml->str, xml->len, TRUE);
}

static char *
write_secret_file (const char *dir,
                   const char *name,
                   const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_external_entity (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *dtd = NULL;
  g_autofree char *secret_uri = NULL;
  g_autofree char *dtd_uri = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(BsFeed) feed = NULL;

  dir = g_dir_make_tmp ("broadsheet-xxe-XXXXXX", &error);
  g_assert_no_error (error);
  secret = write_secret_file (dir, "secret.txt", "XXE-SECRET-TEXT-4711");
  dtd = write_secret_file (dir, "evil.dtd", "<!ENTITY leak \"XXE-SECRET-DTD-0815\">");
  secret_uri = g_filename_to_uri (secret, NULL, &error);
  g_assert_no_error (error);
  dtd_uri = g_filename_to_uri (dtd, NULL, &error);
  g_assert_no_error (error);

  xml = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                         "<!DOCTYPE rss [\n"
                         "  <!ENTITY xxe SYSTEM \"%s\">\n"
                         "  <!ENTITY xxepath SYSTEM \"%s\">\n"
                         "  <!ENTITY %% remote SYSTEM \"%s\">\n"
                         "  %%remote;\n"
                         "]>\n"
                         "<rss version=\"2.0\"><channel><title>T &xxe;</title>\n"
                         "<description>&xxepath;</description>\n"
                         "<item><title>I &xxe;</title><description>&xxe; &xxepath;</description>\n"
                         "<link>http://example.com/&xxe;</link><guid>&leak;</guid></item>\n"
                         "</channel></rss>\n",
                         secret_uri, secret, dtd_uri);

  feed = bs_parse (xml, strlen (xml), NULL, NULL, BS_PARSE_FLAGS_NONE, &error);
  if (feed != NULL)
    {
      g_assert_false (feed_contains (feed, "XXE-SECRET-TEXT-4711"));
      g_assert_false (feed_contains (feed, "XXE-SECRET-DTD-0815"));
      /* the rest of the document is still read */
      g_assert_cmpuint (feed->entries->len, ==, 1);
    }
  check_hostile (feed, error, FALSE);

  g_unlink (secret);
  g_unlink (dtd);
  g_rmdir (dir);
}

static void
test_external_dtd (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *dtd = NULL;
  g_autofree char *dtd_uri = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(BsFeed) feed = NULL;

  dir = g_dir_make_tmp ("broadsheet-dtd-XXXXXX", &error);
  g_assert_no_error (error);
  /* were the DTD loaded, its default attribute would reach the result */
  dtd = write_secret_file (dir, "rss.dtd",
                           "<!ATTLIST enclosure url CDATA \"http://dtd-was-loaded.example/x.mp3\">\n"
                           "<!ATTLIST guid isPermaLink CDATA \"false\">\n");
  dtd_uri = g_filename_to_uri (dtd, NULL, &error);
  g_assert_no_error (error);

  xml = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                         "<!DOCTYPE rss SYSTEM \"%s\">\n"
                         "<rss version=\"2.0\"><channel><title>DTD</title>\n"
                         "<item><title>One</title><guid>http://example.com/1</guid>\n"
                         "<enclosure type=\"audio/mpeg\" length=\"10\"/></item>\n"
                         "</channel></rss>\n", dtd_uri);

  feed = bs_parse (xml, strlen (xml), NULL, NULL, BS_PARSE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  assert_no_errors (feed);
  g_assert_false (feed_contains (feed, "dtd-was-loaded"));
  /* the guid stays a permalink: the DTD's default did not apply */
  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "http://example.com/1");

  g_unlink (dtd);
  g_rmdir (dir);
}

static void
test_deep_nesting (void)
{
  const guint depth = 100000;
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                                         "<title>Deep</title><item><title>Before</title>"
                                         "<description>");

  for (guint i = 0; i < depth; i++)
    g_string_append (xml, "<x>");
  for (guint i = 0; i < depth; i++)
    g_string_append (xml, "</x>");
  g_string_append (xml, "</description></item></channel></rss>\n");

  parse_hostile (xml->str, xml->len, FALSE);

  /* the same depth, never closed */
  g_string_truncate (xml, 0);
  g_string_append (xml, "<rss version=\"2.0\"><channel><item>");
  for (guint i = 0; i < depth; i++)
    g_string_append (xml, "<item><title>");
  parse_hostile (xml->str, xml->len, TRUE);
}

static void
test_huge_attribute (void)
{
  const gsize size = 5 * 1024 * 1024;
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                                         "<title>Big</title><item><title>Huge</title>"
                                         "<enclosure type=\"audio/mpeg\" length=\"1\" url=\"http://example.com/");
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFeed) feed = NULL;

  for (gsize i = 0; i < size; i++)
    g_string_append_c (xml, 'a' + (i % 26));
  g_string_append (xml, "\"/></item></channel></rss>\n");

  feed = bs_parse (xml->str, xml->len, NULL, NULL, BS_PARSE_FLAGS_NONE, &error);
  check_hostile (feed, error, FALSE);
  /* a well-formed document: when it is read, it is read whole */
  if (feed != NULL && feed->errors->len == 0)
    assert_text (entry_at (feed, 0)->title, "Huge");
}

static void
test_many_entries (void)
{
  const guint n = 20000;
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Many</title>\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFeed) feed = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "<item><title>Item %u</title><guid>urn:item:%u</guid></item>\n", i, i);
  g_string_append (xml, "</channel></rss>\n");

  feed = bs_parse (xml->str, xml->len, NULL, NULL, BS_PARSE_FLAGS_NONE, &error);
  check_hostile (feed, error, FALSE);
  if (feed == NULL)
    return;
  /* nothing is dropped silently */
  if (feed->errors->len == 0)
    {
      g_assert_cmpuint (feed->entries->len, ==, n);
      assert_text (entry_at (feed, n - 1)->title, "Item 19999");
      g_assert_cmpstr (entry_at (feed, n - 1)->id, ==, "urn:item:19999");
    }
}

static void
test_nul_bytes (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Nul\0Byte</title>"
    "<item><title>A\0\0\0B</title><description>x\0y</description></item></channel></rss>\n";

  /* NUL is not an XML character */
  parse_hostile (xml, sizeof xml - 1, TRUE);
  /* a document of nothing but NULs */
  parse_hostile ("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, TRUE);
}

static void
test_truncated_utf8 (void)
{
  static const char middle[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Caf\xc3</title>"
    "<item><title>Stra\xe2\x80</title></item></channel></rss>\n";
  static const char end[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>x</title>"
    "<item><title>\xf0\x9f\x98";
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFeed) feed = NULL;

  /* bytes that can't be decoded are an error, and the rest is still read */
  feed = bs_parse (middle, sizeof middle - 1, NULL, NULL, BS_PARSE_FLAGS_NONE, &error);
  check_hostile (feed, error, TRUE);
  if (feed != NULL)
    {
      g_assert_cmpuint (feed->entries->len, ==, 1);
      g_assert_true (g_utf8_validate (feed->title, -1, NULL));
      g_assert_true (g_utf8_validate (entry_at (feed, 0)->title, -1, NULL));
    }

  parse_hostile (end, sizeof end - 1, TRUE);
}

static void
test_char_refs_out_of_range (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Refs &#x110000; &#0; &#xD800;</title>"
    "<item><title>Big &#99999999999999999999; &#x7FFFFFFF;</title><guid>urn:x</guid></item>"
    "</channel></rss>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFeed) feed = NULL;

  feed = bs_parse (xml, sizeof xml - 1, NULL, NULL, BS_PARSE_FLAGS_NONE, &error);
  check_hostile (feed, error, TRUE);
  if (feed != NULL)
    {
      g_assert_cmpuint (feed->entries->len, ==, 1);
      g_assert_cmpstr (entry_at (feed, 0)->id, ==, "urn:x");
      g_assert_true (g_utf8_validate (feed->title, -1, NULL));
      g_assert_true (g_utf8_validate (entry_at (feed, 0)->title, -1, NULL));
    }
}

static void
test_random_bytes (void)
{
  static const char *prefixes[] = {
    "",
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><item><title>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"title\":",
  };

  for (guint round = 0; round < 200; round++)
    {
      const char *prefix = prefixes[round % G_N_ELEMENTS (prefixes)];
      gsize plen = strlen (prefix);
      gsize length = plen + g_test_rand_int_range (1, 4096);
      g_autofree char *data = g_malloc (length);

      memcpy (data, prefix, plen);
      for (gsize i = plen; i < length; i++)
        data[i] = (char) g_test_rand_int_range (0, 256);

      /* never a well-formed feed */
      parse_hostile (data, length, TRUE);
    }
}

static void
test_mutated_fixtures (void)
{
  static const char *names[] = {
    "wordpress-rss2.xml", "atom10-blog.xml", "rss10-rdf.xml", "rss091.xml",
    "atom03.xml", "podcast.xml", "media-rss.xml", "jsonfeed11.json",
    "jsonfeed10.json", "planet.xml", "iso-8859-1.xml", "windows-1252.xml",
    "utf-16.xml", "illformed.xml",
  };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      gsize length = 0;
      g_autofree char *orig = load_fixture (names[n], &length);

      for (guint round = 0; round < 25; round++)
        {
          g_autofree char *data = g_memdup2 (orig, length);
          gsize cut = g_test_rand_int_range (1, length + 1);
          guint flips = g_test_rand_int_range (1, 16);

          for (guint i = 0; i < flips; i++)
            data[g_test_rand_int_range (0, cut)] = (char) g_test_rand_int_range (0, 256);

          /* a mutation may leave the document well-formed */
          parse_hostile (data, cut, FALSE);
        }
    }
}

static void
test_zero_bytes (void)
{
  parse_hostile ("", 0, TRUE);
  parse_hostile ("   \n\t  ", 7, TRUE);
  parse_hostile ("\xef\xbb\xbf", 3, TRUE);
}

static void
test_json_deep (void)
{
  const guint depth = 200000;
  g_autoptr(GString) json = g_string_new ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Deep\","
                                          "\"items\":[{\"id\":\"1\",\"title\":\"x\",\"_deep\":");

  for (guint i = 0; i < depth; i++)
    g_string_append (json, i % 2 ? "{\"a\":" : "[");
  for (guint i = depth; i > 0; i--)
    g_string_append (json, (i - 1) % 2 ? "}" : "]");
  g_string_append (json, "}]}");

  /* valid JSON, so errors are not required, but a crash is not allowed */
  parse_hostile (json->str, json->len, FALSE);

  /* the same, never closed */
  g_string_truncate (json, 0);
  for (guint i = 0; i < depth; i++)
    g_string_append (json, "[");
  g_string_prepend (json, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":");
  parse_hostile (json->str, json->len, TRUE);
}

static void
test_hostile_json (void)
{
  static const char *docs[] = {
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":\"nope\"}",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[1,null,\"x\",[]],\"title\":{}}",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"attachments\":[{\"url\":7,\"size_in_bytes\":1e999}]}]}",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"attachments\":[{\"url\":\"a\",\"size_in_bytes\":99999999999999999999999}]}]}",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"tags\":[1,2,{}],\"authors\":[null,7]}]}",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"\\ud800\"}",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"a\\u0000b\"}",
    "{\"version\":\"https://jsonfeed.org/version/1.1\"",
    "[]",
    "{}",
    "null",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BsFeed) feed = NULL;

      feed = bs_parse (docs[i], strlen (docs[i]), NULL, NULL, BS_PARSE_FLAGS_NONE, &error);
      check_hostile (feed, error, FALSE);
      if (feed == NULL)
        continue;
      for (guint j = 0; j < feed->entries->len; j++)
        for (guint k = 0; k < entry_at (feed, j)->enclosures->len; k++)
          g_assert_cmpint (enclosure_at (entry_at (feed, j), k)->length, ==, -1);
      if (feed->title != NULL)
        g_assert_true (g_utf8_validate (feed->title, -1, NULL));
    }
}

static void
test_too_large (void)
{
  gsize length = BS_PARSE_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (length);
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFeed) feed = NULL;

  memset (data, ' ', length);
  memcpy (data, "<rss version=\"2.0\">", 19);
  feed = bs_parse (data, length, NULL, NULL, BS_PARSE_FLAGS_NONE, &error);
  g_assert_error (error, BS_PARSER_ERROR, BS_PARSER_ERROR_TOO_LARGE);
  g_assert_null (feed);
}

/* Found by fuzzing: an HTML entity the feed forgot to declare, inside an
 * attribute value, came out as the first byte of its UTF-8 only. */
static void
test_html_entity_in_attribute (void)
{
  g_autoptr(BsFeed) feed = parse_string (
    "<rss version=\"2.0\"><channel><title>T</title><item><title>t</title>"
    "<description><a href=\"http://example.com/x&sup1;y\" title=\"&eacute;t&eacute;\">z</a></description>"
    "<link>http://example.com/?q=&eacute;</link></item></channel></rss>", NULL);
  BsFeedEntry *e = entry_at (feed, 0);

  g_assert_true (g_utf8_validate (e->summary, -1, NULL));
  g_assert_nonnull (strstr (e->summary, "href=\"http://example.com/x\xc2\xb9y\""));
  g_assert_nonnull (strstr (e->summary, "title=\"\xc3\xa9t\xc3\xa9\""));
  g_assert_cmpstr (e->link, ==, "http://example.com/?q=\xc3\xa9");
  /* the undeclared entities make the document ill-formed */
  g_assert_cmpuint (feed->errors->len, >, 0);
}

/* xml:base on an element applies to that element's own attributes and
 * content, not only to its children. */
static void
test_xml_base_on_same_element (void)
{
  g_autoptr(BsFeed) feed = parse_string (
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a.example/root/\">"
    "<entry><link xml:base=\"http://b.example/dir/\" href=\"x\"/>"
    "<link rel=\"enclosure\" xml:base=\"/media/\" href=\"e.mp3\"/>"
    "<content type=\"html\" xml:base=\"http://c.example/\">&lt;a href=\"r\"&gt;r&lt;/a&gt;</content>"
    "</entry></feed>", NULL);
  BsFeedEntry *e = entry_at (feed, 0);

  g_assert_cmpstr (e->link, ==, "http://b.example/dir/x");
  g_assert_cmpuint (e->enclosures->len, ==, 1);
  g_assert_cmpstr (((BsEnclosure *) g_ptr_array_index (e->enclosures, 0))->url, ==, "http://a.example/media/e.mp3");
  g_assert_nonnull (strstr (e->content, "href=\"http://c.example/r\""));
}

/* Categories are listed once per feed and once per entry, even when the
 * channel's own come after its items. */
static void
test_categories_feed_after_items (void)
{
  g_autoptr(BsFeed) feed = parse_string (
    "<rss version=\"2.0\"><channel><title>T</title><category>A</category>"
    "<item><title>t</title><category>A</category><category>B</category><category>B</category></item>"
    "<category>A</category><category>C</category></channel></rss>", NULL);
  BsFeedEntry *e = entry_at (feed, 0);

  g_assert_cmpuint (feed->categories->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (feed->categories, 0), ==, "A");
  g_assert_cmpstr (g_ptr_array_index (feed->categories, 1), ==, "C");
  g_assert_cmpuint (e->categories->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (e->categories, 0), ==, "A");
  g_assert_cmpstr (g_ptr_array_index (e->categories, 1), ==, "B");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/broadsheet/parser/rss2/wordpress-channel", test_wordpress_channel);
  g_test_add_func ("/broadsheet/parser/entities/html-entity-in-attribute", test_html_entity_in_attribute);
  g_test_add_func ("/broadsheet/parser/base/same-element", test_xml_base_on_same_element);
  g_test_add_func ("/broadsheet/parser/categories/feed-after-items", test_categories_feed_after_items);
  g_test_add_func ("/broadsheet/parser/rss2/wordpress-items", test_wordpress_items);
  g_test_add_func ("/broadsheet/parser/rss2/wordpress-content-urls", test_wordpress_content_urls);
  g_test_add_func ("/broadsheet/parser/rss2/wordpress-sanitize", test_wordpress_sanitize);
  g_test_add_func ("/broadsheet/parser/rss2/planet-authors", test_planet_authors);
  g_test_add_func ("/broadsheet/parser/rss2/planet-links-dates", test_planet_links_dates);
  g_test_add_func ("/broadsheet/parser/rss2/podcast-channel", test_podcast_channel);
  g_test_add_func ("/broadsheet/parser/rss2/podcast-episodes", test_podcast_episodes);
  g_test_add_func ("/broadsheet/parser/rss2/podcast-bad-lengths", test_podcast_bad_lengths);
  g_test_add_func ("/broadsheet/parser/rss2/relative-links", test_relative_links);
  g_test_add_func ("/broadsheet/parser/rss2/internal-entities", test_internal_entities);
  g_test_add_func ("/broadsheet/parser/rss2/versions", test_rss_versions);
  g_test_add_func ("/broadsheet/parser/rss2/extension-nesting", test_rss_extension_nesting);
  g_test_add_func ("/broadsheet/parser/rss2/two-summaries", test_rss_two_summaries);
  g_test_add_func ("/broadsheet/parser/rss2/char-refs", test_rss_char_refs);
  g_test_add_func ("/broadsheet/parser/rss2/image-rules", test_rss_image_rules);
  g_test_add_func ("/broadsheet/parser/rss2/unparsable-date", test_unparsable_date);
  g_test_add_func ("/broadsheet/parser/atom10/feed", test_atom10_feed);
  g_test_add_func ("/broadsheet/parser/atom10/link-rules", test_atom10_link_rules);
  g_test_add_func ("/broadsheet/parser/atom10/html-url-attributes", test_html_url_attributes);
  g_test_add_func ("/broadsheet/parser/atom10/xml-base", test_atom10_xml_base);
  g_test_add_func ("/broadsheet/parser/atom10/text-constructs", test_atom10_text_constructs);
  g_test_add_func ("/broadsheet/parser/atom10/entry-metadata", test_atom10_entry_metadata);
  g_test_add_func ("/broadsheet/parser/atom10/media-rss", test_media_rss);
  g_test_add_func ("/broadsheet/parser/atom03/escaped", test_atom03_escaped);
  g_test_add_func ("/broadsheet/parser/atom03/base64", test_atom03_base64);
  g_test_add_func ("/broadsheet/parser/atom03/base64-short", test_atom03_base64_short);
  g_test_add_func ("/broadsheet/parser/rss10/rdf", test_rss10);
  g_test_add_func ("/broadsheet/parser/rss09x/rss091", test_rss091);
  g_test_add_func ("/broadsheet/parser/json/feed11", test_json11_feed);
  g_test_add_func ("/broadsheet/parser/json/feed11-language", test_json11_language);
  g_test_add_func ("/broadsheet/parser/json/feed11-items", test_json11_items);
  g_test_add_func ("/broadsheet/parser/json/feed11-sanitize", test_json11_sanitize);
  g_test_add_func ("/broadsheet/parser/json/feed10", test_json10);
  g_test_add_func ("/broadsheet/parser/json/not-a-feed", test_json_not_a_feed);
  g_test_add_func ("/broadsheet/parser/encoding/iso-8859-1", test_feed_iso_8859_1);
  g_test_add_func ("/broadsheet/parser/encoding/windows-1252", test_feed_windows_1252);
  g_test_add_func ("/broadsheet/parser/encoding/utf-16", test_feed_utf16);
  g_test_add_func ("/broadsheet/parser/encoding/http-charset", test_feed_http_charset);
  g_test_add_func ("/broadsheet/parser/illformed/recovery", test_illformed_recovery);
  g_test_add_func ("/broadsheet/parser/illformed/not-a-feed", test_not_a_feed);
  g_test_add_func ("/broadsheet/parser/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/broadsheet/parser/hostile/billion-laughs-utf16", test_billion_laughs_utf16);
  g_test_add_func ("/broadsheet/parser/hostile/quadratic-blowup", test_quadratic_blowup);
  g_test_add_func ("/broadsheet/parser/hostile/external-entity", test_external_entity);
  g_test_add_func ("/broadsheet/parser/hostile/external-dtd", test_external_dtd);
  g_test_add_func ("/broadsheet/parser/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/broadsheet/parser/hostile/huge-attribute", test_huge_attribute);
  g_test_add_func ("/broadsheet/parser/hostile/many-entries", test_many_entries);
  g_test_add_func ("/broadsheet/parser/hostile/nul-bytes", test_nul_bytes);
  g_test_add_func ("/broadsheet/parser/hostile/truncated-utf8", test_truncated_utf8);
  g_test_add_func ("/broadsheet/parser/hostile/char-refs-out-of-range", test_char_refs_out_of_range);
  g_test_add_func ("/broadsheet/parser/hostile/random-bytes", test_random_bytes);
  g_test_add_func ("/broadsheet/parser/hostile/mutated-fixtures", test_mutated_fixtures);
  g_test_add_func ("/broadsheet/parser/hostile/zero-bytes", test_zero_bytes);
  g_test_add_func ("/broadsheet/parser/hostile/json-deep", test_json_deep);
  g_test_add_func ("/broadsheet/parser/hostile/json-types", test_hostile_json);
  g_test_add_func ("/broadsheet/parser/hostile/too-large", test_too_large);

  return g_test_run ();
}
