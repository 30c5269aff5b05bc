/* test-updater.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "bs-updater.h"
#include "bs-test-util.h"

/* Every wait is for an event; this only stops a test that would hang. */
#define SAFETY_SECONDS 60
#define HOUR ((gint64) 3600)
#define MINUTE ((gint64) 60)

typedef struct {
  SoupServer   *server;
  char         *base;          /* http://127.0.0.1:PORT */
  GHashTable   *hits;          /* path → number of requests */
  GQueue        held;          /* SoupServerMessage *, paused by /hold */
  char         *last_if_none_match;
  int           version;       /* of /feed: 1 or 2 */
  guint         status;        /* what /status answers */

  char         *dir;
  BsStore      *store;
  BsLibrary    *library;
  BsFetcher    *fetcher;
  BsUpdater    *updater;
  gint64        clock;

  guint         n_signals;     /* source-refreshed */
  guint         n_done_notifies;

  GPtrArray    *outcomes;
  GError       *error;
  gboolean      finished;
  int           n_icons;
} Fixture;

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

#define WAIT_UNTIL(cond)                                                     \
  G_STMT_START {                                                             \
    gboolean expired_ = FALSE;                                               \
    guint id_ = g_timeout_add_seconds (SAFETY_SECONDS, set_flag_cb, &expired_); \
    while (!(cond) && !expired_)                                             \
      g_main_context_iteration (NULL, TRUE);                                 \
    if (!(cond))                                                             \
      g_error ("gave up waiting for %s", #cond);                             \
    g_source_remove (id_);                                                   \
  } G_STMT_END

/* The server */

static char *
read_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "updater", name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
respond_file (SoupServerMessage *msg,
              const char        *content_type,
              const char        *name)
{
  char *body = read_fixture (name);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
respond_status (SoupServerMessage *msg,
                guint              status)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "no", 2);
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          Fixture           *f,
          const char        *path)
{
  g_autofree char *location = g_strconcat (f->base, path, NULL);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
}

/* The icons of test_icons: a feed declaring its icon, one whose site
 * declares one, one with neither (and no /favicon.ico). */
static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89
};
static const guint8 gif_bytes[] = "GIF89a\1\0\1\0\0\0\0;";

static gboolean
icon_response (Fixture           *f,
               SoupServerMessage *msg,
               const char        *path)
{
  g_autofree char *body = NULL;
  const char *type = "application/rss+xml";

  if (strcmp (path, "/icon-feed") == 0)
    {
      type = "application/atom+xml";
      body = g_strdup_printf ("<feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>"
                              "<link href='%s/site-a/'/><icon>a.png</icon>"
                              "<entry><id>a1</id><title>x</title></entry></feed>", f->base);
    }
  else if (strcmp (path, "/site-feed") == 0 || strcmp (path, "/bare-feed") == 0)
    {
      body = g_strdup_printf ("<rss version='2.0'><channel><title>B</title>"
                              "<link>%s/site-%c/</link><item><guid>b1</guid></item>"
                              "</channel></rss>", f->base, path[1] == 's' ? 'b' : 'c');
    }
  else if (strcmp (path, "/site-b/") == 0)
    {
      type = "text/html";
      body = g_strdup ("<html><head><link rel='stylesheet' href='s.css'>"
                       "<link rel='Shortcut Icon' href='b.gif'></head><body>B</body></html>");
    }
  else if (strcmp (path, "/a.png") == 0 || strcmp (path, "/site-b/b.gif") == 0)
    {
      gboolean png = path[1] == 'a';

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, png ? "image/png" : "image/gif", SOUP_MEMORY_STATIC,
                                        png ? (const char *) png_bytes : (const char *) gif_bytes,
                                        png ? sizeof png_bytes : sizeof gif_bytes - 1);
      return TRUE;
    }
  else
    {
      return FALSE;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, body, strlen (body));
  g_steal_pointer (&body);
  return TRUE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  Fixture *f = data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));

  g_hash_table_insert (f->hits, g_strdup (path), GUINT_TO_POINTER (n + 1));

  if (strcmp (path, "/feed") == 0)
    {
      const char *etag = f->version == 1 ? "\"v1\"" : "\"v2\"";
      const char *inm = soup_message_headers_get_one (req, "If-None-Match");

      g_free (f->last_if_none_match);
      f->last_if_none_match = g_strdup (inm);
      soup_message_headers_replace (resp, "ETag", etag);
      if (g_strcmp0 (inm, etag) == 0)
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      else
        respond_file (msg, "application/rss+xml",
                      f->version == 1 ? "feed-v1.xml" : "feed-v2.xml");
    }
  else if (strcmp (path, "/atom") == 0)
    respond_file (msg, "application/atom+xml", "atom.xml");
  else if (strcmp (path, "/ttl") == 0)
    respond_file (msg, "application/rss+xml", "ttl.xml");
  else if (strcmp (path, "/max-age") == 0)
    {
      soup_message_headers_replace (resp, "Cache-Control", "public, max-age=7200");
      respond_file (msg, "application/atom+xml", "atom.xml");
    }
  else if (strcmp (path, "/max-age-huge") == 0)
    {
      soup_message_headers_replace (resp, "Cache-Control", "max-age=9999999");
      respond_file (msg, "application/atom+xml", "atom.xml");
    }
  else if (strcmp (path, "/broken") == 0)
    respond_file (msg, "text/html", "not-a-feed.html");
  else if (strcmp (path, "/moved") == 0)
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, f, "/feed");
  else if (strcmp (path, "/temp") == 0)
    redirect (msg, SOUP_STATUS_FOUND, f, "/atom");
  else if (strcmp (path, "/gone") == 0)
    respond_status (msg, SOUP_STATUS_GONE);
  else if (strcmp (path, "/status") == 0)
    {
      if (f->status == SOUP_STATUS_OK)
        respond_file (msg, "application/rss+xml", "feed-v1.xml");
      else
        respond_status (msg, f->status);
    }
  else if (strcmp (path, "/busy") == 0)
    {
      soup_message_headers_replace (resp, "Retry-After", "10800");
      respond_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE);
    }
  else if (strcmp (path, "/hold") == 0)
    {
      g_queue_push_tail (&f->held, g_object_ref (msg));
      soup_server_message_pause (msg);
    }
  else if (icon_response (f, msg, path))
    ;
  else
    respond_status (msg, SOUP_STATUS_NOT_FOUND);
}

static guint
hits (Fixture    *f,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
}

/* The library */

static gint64
fake_clock (gpointer data)
{
  return ((Fixture *) data)->clock;
}

static void
source_refreshed_cb (BsUpdater        *updater,
                     BsSource         *source,
                     BsRefreshOutcome *outcome,
                     Fixture          *f)
{
  g_assert_true (BS_IS_SOURCE (source));
  g_assert_cmpstr (bs_source_get_id (source), ==, outcome->source_id);
  f->n_signals++;
}

static void
n_done_cb (BsUpdater  *updater,
           GParamSpec *pspec,
           Fixture    *f)
{
  f->n_done_notifies++;
}

static void
make_updater (Fixture *f)
{
  f->updater = bs_updater_new (f->library, f->fetcher);
  bs_updater_set_clock_for_testing (f->updater, fake_clock, f);
  g_signal_connect (f->updater, "source-refreshed", G_CALLBACK (source_refreshed_cb), f);
  g_signal_connect (f->updater, "notify::n-done", G_CALLBACK (n_done_cb), f);
}

static void
open_library (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = bs_store_new (f->dir);
  bs_store_open (f->store, TRUE, &error);
  g_assert_no_error (error);
  f->library = bs_library_new (f->store);
  bs_library_load (f->library, &error);
  g_assert_no_error (error);
  make_updater (f);
}

static void
close_library (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->updater);
  g_clear_object (&f->library);
  bs_store_close (f->store, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = bs_test_server_new (server_cb, f, &f->base, NULL);
  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&f->held);
  f->version = 1;
  f->status = SOUP_STATUS_OK;

  f->dir = g_dir_make_tmp ("bs-updater-XXXXXX", &error);
  g_assert_no_error (error);
  f->fetcher = bs_fetcher_new ();
  f->clock = 1767225600;  /* 2026-01-01 */
  open_library (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_library (f);
  g_clear_object (&f->fetcher);
  bs_test_remove_tree (f->dir);
  g_free (f->dir);

  while (!g_queue_is_empty (&f->held))
    {
      g_autoptr(SoupServerMessage) msg = g_queue_pop_head (&f->held);

      respond_status (msg, SOUP_STATUS_OK);
      soup_server_message_unpause (msg);
    }
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->outcomes, g_ptr_array_unref);
  g_clear_error (&f->error);
  g_clear_pointer (&f->hits, g_hash_table_unref);
  g_free (f->last_if_none_match);
  g_free (f->base);
}

static BsSource *
add_source (Fixture    *f,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  g_autoptr(BsSource) source = bs_source_new (url);

  bs_library_add_source (f->library, source, &error);
  g_assert_no_error (error);
  return source;  /* the library holds it */
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      data)
{
  Fixture *f = data;

  g_assert_false (f->finished);
  f->outcomes = bs_updater_refresh_finish (BS_UPDATER (object), res, &f->error);
  g_assert_true ((f->outcomes == NULL) != (f->error == NULL));
  f->finished = TRUE;
}

static void
start_refresh (Fixture        *f,
               GPtrArray      *sources,
               BsRefreshFlags  flags,
               GCancellable   *cancellable)
{
  g_clear_pointer (&f->outcomes, g_ptr_array_unref);
  g_clear_error (&f->error);
  f->finished = FALSE;
  bs_updater_refresh_async (f->updater, sources, flags, cancellable, refresh_cb, f);
}

/* Refreshes and waits; returns the outcomes (owned by @f). */
static GPtrArray *
refresh (Fixture        *f,
         GPtrArray      *sources,
         BsRefreshFlags  flags)
{
  start_refresh (f, sources, flags, NULL);
  WAIT_UNTIL (f->finished);
  g_assert_no_error (f->error);
  g_assert_false (bs_updater_get_refreshing (f->updater));
  return f->outcomes;
}

static GPtrArray *
one (BsSource *source)
{
  GPtrArray *array = g_ptr_array_new ();

  g_ptr_array_add (array, source);
  return array;
}

static BsRefreshOutcome *
outcome_for (GPtrArray *outcomes,
             BsSource  *source)
{
  for (guint i = 0; i < outcomes->len; i++)
    {
      BsRefreshOutcome *outcome = g_ptr_array_index (outcomes, i);

      if (strcmp (outcome->source_id, bs_source_get_id (source)) == 0)
        return outcome;
    }
  g_assert_not_reached ();
}

static guint
n_entries (Fixture  *f,
           BsSource *source)
{
  g_autoptr(GListModel) entries = bs_library_get_source_entries (f->library, source);

  return g_list_model_get_n_items (entries);
}

static gboolean
is_due (Fixture  *f,
        BsSource *source,
        gint64    when)
{
  g_autoptr(GPtrArray) due = bs_updater_get_due_sources (f->updater, when);

  return g_ptr_array_find (due, source, NULL);
}

/* The tests */

static void
test_first_refresh (Fixture       *f,
                    gconstpointer  data)
{
  BsSource *rss = add_source (f, "/feed");
  BsSource *atom = add_source (f, "/atom");
  GPtrArray *outcomes;
  BsRefreshOutcome *o;

  /* never checked: both are due */
  g_assert_true (is_due (f, rss, f->clock));
  g_assert_true (is_due (f, atom, f->clock));

  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 2);
  g_assert_cmpuint (f->n_signals, ==, 2);
  g_assert_cmpuint (f->n_done_notifies, ==, 2);
  g_assert_cmpuint (bs_updater_get_n_total (f->updater), ==, 2);
  g_assert_cmpuint (bs_updater_get_n_done (f->updater), ==, 2);

  o = outcome_for (outcomes, rss);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_NEW_ENTRIES);
  g_assert_cmpuint (o->n_new, ==, 3);
  g_assert_cmpuint (o->n_updated, ==, 0);
  g_assert_cmpuint (o->http_status, ==, 200);
  g_assert_cmpint (o->error_kind, ==, BS_SOURCE_ERROR_KIND_NONE);
  g_assert_null (o->error_message);
  o = outcome_for (outcomes, atom);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_NEW_ENTRIES);
  g_assert_cmpuint (o->n_new, ==, 2);

  g_assert_cmpuint (n_entries (f, rss), ==, 3);
  g_assert_cmpuint (n_entries (f, atom), ==, 2);
  g_assert_cmpuint (bs_source_get_unread_count (rss), ==, 3);
  g_assert_cmpstr (bs_source_get_title (rss), ==, "Updater Test Feed");
  g_assert_cmpstr (bs_source_get_etag (rss), ==, "\"v1\"");
  g_assert_cmpint (bs_source_get_last_check (rss), ==, f->clock);
  g_assert_cmpint (bs_source_get_last_success (rss), ==, f->clock);
  g_assert_cmpint (bs_source_get_error_kind (rss), ==, BS_SOURCE_ERROR_KIND_NONE);

  /* checked now: due again after the default interval, not before */
  g_assert_cmpint (bs_updater_get_next_check (f->updater, rss), ==, f->clock + HOUR);
  g_assert_false (is_due (f, rss, f->clock + HOUR - 1));
  g_assert_true (is_due (f, rss, f->clock + HOUR));

  /* nothing due: a plain refresh fetches nothing */
  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 0);
  g_assert_cmpuint (hits (f, "/feed"), ==, 1);
}

static void
test_not_modified (Fixture       *f,
                   gconstpointer  data)
{
  BsSource *rss = add_source (f, "/feed");
  GPtrArray *outcomes;
  BsRefreshOutcome *o;

  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_null (f->last_if_none_match);

  f->clock += 10 * MINUTE;
  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_IGNORE_DUE);
  g_assert_cmpuint (outcomes->len, ==, 1);
  o = g_ptr_array_index (outcomes, 0);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_NOT_MODIFIED);
  g_assert_cmpuint (o->http_status, ==, 304);
  g_assert_cmpuint (o->n_new, ==, 0);
  g_assert_cmpstr (f->last_if_none_match, ==, "\"v1\"");
  g_assert_cmpuint (hits (f, "/feed"), ==, 2);

  g_assert_cmpuint (n_entries (f, rss), ==, 3);
  g_assert_cmpuint (bs_source_get_unread_count (rss), ==, 3);
  g_assert_cmpstr (bs_source_get_etag (rss), ==, "\"v1\"");
  /* the check is recorded */
  g_assert_cmpint (bs_source_get_last_check (rss), ==, f->clock);
  g_assert_cmpint (bs_source_get_last_success (rss), ==, f->clock);
}

static void
test_changed_feed (Fixture       *f,
                   gconstpointer  data)
{
  BsSource *rss = add_source (f, "/feed");
  const char *id = bs_source_get_id (rss);
  GPtrArray *outcomes;
  BsRefreshOutcome *o;
  BsEntry *second, *fourth;

  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  second = bs_library_lookup_entry (f->library, id, "http://example.com/posts/2");
  g_assert_nonnull (second);
  bs_library_set_read (f->library, second, TRUE);
  bs_library_set_starred (f->library, second, TRUE);

  f->version = 2;
  f->clock += HOUR;
  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 1);
  o = g_ptr_array_index (outcomes, 0);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_NEW_ENTRIES);
  g_assert_cmpuint (o->n_new, ==, 1);
  g_assert_cmpuint (o->n_updated, ==, 1);
  g_assert_cmpstr (f->last_if_none_match, ==, "\"v1\"");
  g_assert_cmpstr (bs_source_get_etag (rss), ==, "\"v2\"");

  g_assert_cmpuint (n_entries (f, rss), ==, 4);
  second = bs_library_lookup_entry (f->library, id, "http://example.com/posts/2");
  g_assert_cmpstr (bs_entry_get_title (second), ==, "Second post (corrected)");
  g_assert_true (bs_entry_get_read (second));
  g_assert_true (bs_entry_get_starred (second));
  fourth = bs_library_lookup_entry (f->library, id, "http://example.com/posts/4");
  g_assert_nonnull (fourth);
  g_assert_false (bs_entry_get_read (fourth));
  g_assert_cmpuint (bs_source_get_unread_count (rss), ==, 3);

  /* the same version again, fetched in full: nothing changes */
  f->clock += HOUR;
  bs_source_set_etag (rss, NULL);
  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  o = g_ptr_array_index (outcomes, 0);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_NO_CHANGE);
  g_assert_cmpuint (o->n_new, ==, 0);
  g_assert_cmpuint (o->n_updated, ==, 0);
  g_assert_cmpuint (n_entries (f, rss), ==, 4);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  BsSource *moved = add_source (f, "/moved");
  BsSource *temp = add_source (f, "/temp");
  g_autofree char *feed_url = g_strconcat (f->base, "/feed", NULL);
  g_autofree char *temp_url = g_strconcat (f->base, "/temp", NULL);
  g_autofree char *moved_id = g_strdup (bs_source_get_id (moved));
  GPtrArray *outcomes;

  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpint (outcome_for (outcomes, moved)->status, ==, BS_REFRESH_STATUS_NEW_ENTRIES);
  g_assert_cmpint (outcome_for (outcomes, temp)->status, ==, BS_REFRESH_STATUS_NEW_ENTRIES);

  /* 301: the subscription follows, its id stays */
  g_assert_cmpstr (bs_source_get_feed_url (moved), ==, feed_url);
  g_assert_cmpstr (bs_source_get_id (moved), ==, moved_id);
  /* 302: it does not */
  g_assert_cmpstr (bs_source_get_feed_url (temp), ==, temp_url);

  f->clock += HOUR;
  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (hits (f, "/moved"), ==, 1);
  g_assert_cmpuint (hits (f, "/temp"), ==, 2);
}

static void
test_gone (Fixture       *f,
           gconstpointer  data)
{
  BsSource *gone = add_source (f, "/gone");
  g_autoptr(GPtrArray) list = one (gone);
  GPtrArray *outcomes;
  BsRefreshOutcome *o;

  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 1);
  o = g_ptr_array_index (outcomes, 0);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_GONE);
  g_assert_cmpint (o->error_kind, ==, BS_SOURCE_ERROR_KIND_GONE);
  g_assert_cmpuint (o->http_status, ==, 410);
  g_assert_cmpint (bs_source_get_error_kind (gone), ==, BS_SOURCE_ERROR_KIND_GONE);
  g_assert_nonnull (bs_source_get_error_message (gone));
  g_assert_cmpint (bs_source_get_last_check (gone), ==, f->clock);

  /* never due again, not even a year later */
  g_assert_cmpint (bs_updater_get_next_check (f->updater, gone), ==, G_MAXINT64);
  g_assert_false (is_due (f, gone, f->clock + 365 * 24 * HOUR));
  f->clock += 365 * 24 * HOUR;
  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 0);
  /* nor in a refresh of everything */
  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_IGNORE_DUE);
  g_assert_cmpuint (outcomes->len, ==, 0);
  g_assert_cmpuint (hits (f, "/gone"), ==, 1);

  /* only when the user insists */
  outcomes = refresh (f, list, BS_REFRESH_FLAGS_FORCE);
  g_assert_cmpuint (outcomes->len, ==, 1);
  g_assert_cmpuint (hits (f, "/gone"), ==, 2);
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  BsSource *source = add_source (f, "/status");
  gint64 success, next;
  GPtrArray *outcomes;
  BsRefreshOutcome *o;

  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  success = f->clock;

  /* first failure: twice the interval */
  f->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  f->clock += HOUR;
  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 1);
  o = g_ptr_array_index (outcomes, 0);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_ERROR);
  g_assert_cmpint (o->error_kind, ==, BS_SOURCE_ERROR_KIND_HTTP);
  g_assert_cmpuint (o->http_status, ==, 500);
  g_assert_nonnull (strstr (o->error_message, "500"));
  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_HTTP);
  g_assert_nonnull (strstr (bs_source_get_error_message (source), "500"));
  g_assert_cmpint (bs_source_get_last_check (source), ==, f->clock);
  g_assert_cmpint (bs_source_get_last_success (source), ==, success);
  /* the entries of the last success stay */
  g_assert_cmpuint (n_entries (f, source), ==, 3);

  next = bs_updater_get_next_check (f->updater, source);
  g_assert_cmpint (next, ==, f->clock + 2 * HOUR);
  g_assert_false (is_due (f, source, f->clock + HOUR));
  g_assert_true (is_due (f, source, next));

  /* second failure, three hours after the success: six hours more */
  f->clock = next;
  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, source), ==, f->clock + 6 * HOUR);

  /* a long outage is still tried once a day */
  bs_source_set_last_check (source, success + 30 * 24 * HOUR);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, source), ==,
                   success + 31 * 24 * HOUR);
  bs_source_set_last_check (source, f->clock);

  /* success clears the error */
  f->status = SOUP_STATUS_OK;
  f->clock += 6 * HOUR;
  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 1);
  o = g_ptr_array_index (outcomes, 0);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_NO_CHANGE);
  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_NONE);
  g_assert_null (bs_source_get_error_message (source));
  g_assert_cmpint (bs_source_get_last_success (source), ==, f->clock);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, source), ==, f->clock + HOUR);
}

static void
test_never_succeeded (Fixture       *f,
                      gconstpointer  data)
{
  BsSource *source = add_source (f, "/nowhere");
  GPtrArray *outcomes;
  BsRefreshOutcome *o;

  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  o = g_ptr_array_index (outcomes, 0);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_ERROR);
  g_assert_cmpuint (o->http_status, ==, 404);
  g_assert_cmpint (bs_source_get_last_success (source), ==, 0);
  /* 2^n intervals, n the failures in a row */
  g_assert_cmpint (bs_updater_get_next_check (f->updater, source), ==, f->clock + 2 * HOUR);
  f->clock += 2 * HOUR;
  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, source), ==, f->clock + 4 * HOUR);
  f->clock += 4 * HOUR;
  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, source), ==, f->clock + 8 * HOUR);
  g_assert_cmpuint (hits (f, "/nowhere"), ==, 3);

  g_assert_cmpuint (bs_source_get_failures (source), ==, 3);
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  BsSource *source = add_source (f, "/busy");
  GPtrArray *outcomes;
  BsRefreshOutcome *o;
  gint64 next;

  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 1);
  o = g_ptr_array_index (outcomes, 0);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_RETRY_LATER);
  g_assert_cmpuint (o->http_status, ==, 503);
  g_assert_nonnull (strstr (o->error_message, "503"));
  g_assert_cmpint (bs_source_get_error_kind (source), ==, BS_SOURCE_ERROR_KIND_HTTP);

  /* three hours asked for, more than the back-off of two intervals; the
   * real clock may tick between the response and the check */
  next = bs_updater_get_next_check (f->updater, source);
  g_assert_cmpint (next, <=, f->clock + 3 * HOUR);
  g_assert_cmpint (next, >=, f->clock + 3 * HOUR - 5);
  g_assert_false (is_due (f, source, f->clock + 2 * HOUR + MINUTE));
  g_assert_true (is_due (f, source, f->clock + 3 * HOUR));
}

static void
test_parse_error (Fixture       *f,
                  gconstpointer  data)
{
  BsSource *broken = add_source (f, "/broken");
  BsSource *atom = add_source (f, "/atom");
  GPtrArray *outcomes;
  BsRefreshOutcome *o;

  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 2);

  o = outcome_for (outcomes, broken);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_ERROR);
  g_assert_cmpint (o->error_kind, ==, BS_SOURCE_ERROR_KIND_PARSE);
  g_assert_cmpuint (o->http_status, ==, 200);
  g_assert_nonnull (o->error_message);
  g_assert_cmpint (bs_source_get_error_kind (broken), ==, BS_SOURCE_ERROR_KIND_PARSE);
  g_assert_cmpstr (bs_source_get_error_message (broken), ==, o->error_message);
  g_assert_cmpuint (n_entries (f, broken), ==, 0);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, broken), ==, f->clock + 2 * HOUR);

  o = outcome_for (outcomes, atom);
  g_assert_cmpint (o->status, ==, BS_REFRESH_STATUS_NEW_ENTRIES);
  g_assert_cmpuint (o->n_new, ==, 2);
  g_assert_cmpint (bs_source_get_error_kind (atom), ==, BS_SOURCE_ERROR_KIND_NONE);
}

static void
test_due_times (Fixture       *f,
                gconstpointer  data)
{
  BsSource *plain = add_source (f, "/plain");
  BsSource *ttl = add_source (f, "/ttl");
  BsSource *max_age = add_source (f, "/max-age");
  BsSource *huge = add_source (f, "/max-age-huge");
  gint64 t = f->clock;

  /* never checked: due at once */
  g_assert_cmpint (bs_updater_get_next_check (f->updater, plain), ==, 0);
  g_assert_cmpuint (bs_updater_get_interval (f->updater), ==, BS_UPDATER_DEFAULT_INTERVAL);

  /* the global interval */
  bs_source_set_last_check (plain, t);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, plain), ==, t + HOUR);
  g_assert_false (is_due (f, plain, t + HOUR - 1));
  g_assert_true (is_due (f, plain, t + HOUR));
  bs_updater_set_interval (f->updater, 90);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, plain), ==, t + 90 * MINUTE);

  /* clamped to sane bounds */
  bs_updater_set_interval (f->updater, 1);
  g_assert_cmpuint (bs_updater_get_interval (f->updater), ==, BS_UPDATER_MIN_INTERVAL);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, plain), ==, t + 5 * MINUTE);
  bs_updater_set_interval (f->updater, 60);

  /* the per-source override, clamped too */
  bs_source_set_refresh_interval (plain, 30);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, plain), ==, t + 30 * MINUTE);
  bs_source_set_refresh_interval (plain, 2);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, plain), ==, t + 5 * MINUTE);
  bs_source_set_refresh_interval (plain, 7 * 24 * 60);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, plain), ==, t + 24 * HOUR);
  bs_source_set_refresh_interval (plain, 0);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, plain), ==, t + HOUR);

  /* the feed's ttl (180 min) and Cache-Control max-age (2 h) raise it */
  refresh (f, NULL, BS_REFRESH_FLAGS_IGNORE_DUE);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, ttl), ==, t + 180 * MINUTE);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, max_age), ==, t + 2 * HOUR);
  /* a huge max-age counts at most a day */
  g_assert_cmpint (bs_updater_get_next_check (f->updater, huge), ==, t + 24 * HOUR);
  /* but never lower the user's choice */
  bs_source_set_refresh_interval (ttl, 240);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, ttl), ==, t + 240 * MINUTE);
  bs_source_set_refresh_interval (ttl, 10);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, ttl), ==, t + 180 * MINUTE);

  /* which are due, and when */
  /* plain failed (404): two intervals of back-off */
  g_assert_cmpint (bs_source_get_error_kind (plain), ==, BS_SOURCE_ERROR_KIND_HTTP);
  {
    g_autoptr(GPtrArray) due = bs_updater_get_due_sources (f->updater, t + 2 * HOUR);

    g_assert_cmpuint (due->len, ==, 2);
    g_assert_true (g_ptr_array_find (due, plain, NULL));
    g_assert_true (g_ptr_array_find (due, max_age, NULL));
  }
  {
    g_autoptr(GPtrArray) due = bs_updater_get_due_sources (f->updater, t + 3 * HOUR);

    g_assert_cmpuint (due->len, ==, 3);
    g_assert_false (g_ptr_array_find (due, huge, NULL));
  }
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BsSource *a = add_source (f, "/hold");
  g_autofree char *url = g_strconcat (f->base, "/hold?b", NULL);
  g_autoptr(BsSource) b = bs_source_new (url);
  g_autoptr(GError) error = NULL;

  bs_library_add_source (f->library, b, &error);
  g_assert_no_error (error);

  start_refresh (f, NULL, BS_REFRESH_FLAGS_NONE, cancellable);
  g_assert_true (bs_updater_get_refreshing (f->updater));
  WAIT_UNTIL (f->held.length == 2);
  g_cancellable_cancel (cancellable);
  WAIT_UNTIL (f->finished);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (bs_updater_get_refreshing (f->updater));
  g_assert_cmpuint (f->n_signals, ==, 0);
  g_assert_cmpuint (bs_updater_get_n_done (f->updater), ==, 2);

  /* nothing was recorded */
  g_assert_cmpint (bs_source_get_last_check (a), ==, 0);
  g_assert_cmpint (bs_source_get_last_check (b), ==, 0);
  g_assert_cmpint (bs_source_get_error_kind (a), ==, BS_SOURCE_ERROR_KIND_NONE);

  /* another refresh runs normally afterwards */
  {
    g_autofree char *atom = g_strconcat (f->base, "/atom", NULL);
    g_autoptr(GPtrArray) list = one (a);
    GPtrArray *outcomes;

    bs_source_set_feed_url (a, atom);
    outcomes = refresh (f, list, BS_REFRESH_FLAGS_NONE);
    g_assert_cmpuint (outcomes->len, ==, 1);
    g_assert_cmpint (outcome_for (outcomes, a)->status, ==, BS_REFRESH_STATUS_NEW_ENTRIES);
  }
}

/* Bodies fetched and not merged yet never exceed the window, and every
 * source still gets its turn. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  const char *paths[] = { "/feed", "/atom", "/ttl", "/max-age", "/feed?2", "/atom?2", "/ttl?2" };
  BsSource *sources[G_N_ELEMENTS (paths)];
  GPtrArray *outcomes;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    sources[i] = add_source (f, paths[i]);
  bs_updater_set_max_in_flight_for_testing (f->updater, 2);

  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, G_N_ELEMENTS (paths));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_cmpint (outcome_for (outcomes, sources[i])->status, ==, BS_REFRESH_STATUS_NEW_ENTRIES);
      g_assert_cmpuint (n_entries (f, sources[i]), >, 0);
    }
  g_assert_cmpuint (bs_updater_get_peak_unmerged_for_testing (f->updater), >=, 1);
  g_assert_cmpuint (bs_updater_get_peak_unmerged_for_testing (f->updater), <=, 2);
  g_assert_cmpuint (bs_updater_get_n_done (f->updater), ==, G_N_ELEMENTS (paths));
}

/* A cancelled refresh ends the sources still waiting for the window
 * without fetching them. */
static void
test_window_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BsSource *a = add_source (f, "/hold");
  BsSource *b = add_source (f, "/hold?b");

  bs_updater_set_max_in_flight_for_testing (f->updater, 1);
  start_refresh (f, NULL, BS_REFRESH_FLAGS_NONE, cancellable);
  WAIT_UNTIL (f->held.length == 1);
  g_cancellable_cancel (cancellable);
  WAIT_UNTIL (f->finished);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (bs_updater_get_n_done (f->updater), ==, 2);
  g_assert_cmpuint (f->n_signals, ==, 0);
  /* one of the two was fetched, the other never started */
  g_assert_cmpuint (hits (f, "/hold"), ==, 1);
  g_assert_cmpint (bs_source_get_last_check (a), ==, 0);
  g_assert_cmpint (bs_source_get_last_check (b), ==, 0);
}

static void
busy_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      data)
{
  GError **error = data;

  g_assert_null (bs_updater_refresh_finish (BS_UPDATER (object), res, error));
  g_assert_nonnull (*error);
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) busy = NULL;
  g_autoptr(SoupServerMessage) msg = NULL;
  GPtrArray *outcomes;

  add_source (f, "/hold");
  start_refresh (f, NULL, BS_REFRESH_FLAGS_NONE, NULL);
  WAIT_UNTIL (f->held.length == 1);

  /* a second one is refused */
  bs_updater_refresh_async (f->updater, NULL, BS_REFRESH_FLAGS_FORCE, NULL, busy_cb, &busy);
  WAIT_UNTIL (busy != NULL);
  g_assert_error (busy, BS_UPDATER_ERROR, BS_UPDATER_ERROR_BUSY);
  g_assert_true (bs_updater_get_refreshing (f->updater));
  g_assert_false (f->finished);

  /* the first goes on */
  msg = g_queue_pop_head (&f->held);
  respond_file (msg, "application/atom+xml", "atom.xml");
  soup_server_message_unpause (msg);
  WAIT_UNTIL (f->finished);
  g_assert_no_error (f->error);
  outcomes = f->outcomes;
  g_assert_cmpuint (outcomes->len, ==, 1);
  g_assert_cmpint (((BsRefreshOutcome *) g_ptr_array_index (outcomes, 0))->status, ==,
                   BS_REFRESH_STATUS_NEW_ENTRIES);
}

static void
test_persistence (Fixture       *f,
                  gconstpointer  data)
{
  BsSource *rss = add_source (f, "/feed");
  BsSource *gone = add_source (f, "/gone");
  g_autofree char *rss_id = g_strdup (bs_source_get_id (rss));
  g_autofree char *gone_id = g_strdup (bs_source_get_id (gone));
  gint64 checked = f->clock;
  GPtrArray *outcomes;
  BsEntry *entry;

  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  entry = bs_library_lookup_entry (f->library, rss_id, "http://example.com/posts/1");
  bs_library_set_read (f->library, entry, TRUE);

  close_library (f);
  open_library (f);

  rss = bs_library_lookup_source (f->library, rss_id);
  gone = bs_library_lookup_source (f->library, gone_id);
  g_assert_nonnull (rss);
  g_assert_nonnull (gone);
  g_assert_cmpstr (bs_source_get_etag (rss), ==, "\"v1\"");
  g_assert_cmpint (bs_source_get_last_check (rss), ==, checked);
  g_assert_cmpint (bs_source_get_last_success (rss), ==, checked);
  g_assert_cmpuint (n_entries (f, rss), ==, 3);
  g_assert_cmpuint (bs_source_get_unread_count (rss), ==, 2);
  entry = bs_library_lookup_entry (f->library, rss_id, "http://example.com/posts/1");
  g_assert_true (bs_entry_get_read (entry));
  g_assert_cmpint (bs_source_get_error_kind (gone), ==, BS_SOURCE_ERROR_KIND_GONE);

  /* the new updater picks up where the old one left */
  g_assert_cmpint (bs_updater_get_next_check (f->updater, rss), ==, checked + HOUR);
  g_assert_cmpint (bs_updater_get_next_check (f->updater, gone), ==, G_MAXINT64);
  f->clock += HOUR;
  outcomes = refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpuint (outcomes->len, ==, 1);
  g_assert_cmpint (outcome_for (outcomes, rss)->status, ==, BS_REFRESH_STATUS_NOT_MODIFIED);
  g_assert_cmpstr (f->last_if_none_match, ==, "\"v1\"");
  g_assert_cmpuint (hits (f, "/gone"), ==, 1);
}

/* What servers asked for (ttl, max-age, Retry-After) and the failure
 * count are saved with the sources: after a restart every source is due
 * exactly when it was before. */
static void
test_hints_persist (Fixture       *f,
                    gconstpointer  data)
{
  const char *paths[] = { "/ttl", "/max-age", "/busy", "/nowhere" };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gint64 next[G_N_ELEMENTS (paths)];
  BsSource *source;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_ptr_array_add (ids, g_strdup (bs_source_get_id (add_source (f, paths[i]))));
  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  f->clock += 2 * HOUR;
  refresh (f, NULL, BS_REFRESH_FLAGS_IGNORE_DUE);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    next[i] = bs_updater_get_next_check (f->updater,
                                         bs_library_lookup_source (f->library, ids->pdata[i]));
  /* each is later than the plain hourly interval would make it */
  g_assert_cmpint (next[0], ==, f->clock + 180 * MINUTE);   /* <ttl>180</ttl> */
  g_assert_cmpint (next[1], ==, f->clock + 2 * HOUR);       /* max-age=7200 */
  g_assert_cmpint (next[2], >=, f->clock + 3 * HOUR - 5);   /* Retry-After: 10800 */
  g_assert_cmpint (next[3], ==, f->clock + 4 * HOUR);       /* 2 failures: 2^2 h */

  close_library (f);
  open_library (f);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      source = bs_library_lookup_source (f->library, ids->pdata[i]);
      g_assert_nonnull (source);
      g_assert_cmpint (bs_updater_get_next_check (f->updater, source), ==, next[i]);
    }
  source = bs_library_lookup_source (f->library, ids->pdata[3]);
  g_assert_cmpuint (bs_source_get_failures (source), ==, 2);
  source = bs_library_lookup_source (f->library, ids->pdata[0]);
  g_assert_cmpuint (bs_source_get_ttl (source), ==, 180);
  g_assert_cmpuint (bs_source_get_failures (source), ==, 0);
}

static void
icons_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      data)
{
  Fixture *f = data;

  f->n_icons = bs_updater_update_icons_finish (BS_UPDATER (object), res, &f->error);
  f->finished = TRUE;
}

/* Runs an icon pass and waits; returns how many icons were found. */
static int
update_icons (Fixture   *f,
              GPtrArray *sources,
              gboolean   force)
{
  f->finished = FALSE;
  bs_updater_update_icons_async (f->updater, sources, force, NULL, icons_cb, f);
  WAIT_UNTIL (f->finished);
  g_assert_no_error (f->error);
  return f->n_icons;
}

static guint
icon_requests (Fixture *f)
{
  return hits (f, "/a.png") + hits (f, "/site-a/") + hits (f, "/site-b/")
         + hits (f, "/site-b/b.gif") + hits (f, "/site-c/") + hits (f, "/favicon.ico");
}

/* Icons: the feed's own, else the one its site declares, else none; saved
 * in the store with the source's icon-checked; looked for again only
 * after BS_UPDATER_ICON_RETRY when none was found, and
 * BS_UPDATER_ICON_INTERVAL when one was. */
static void
test_icons (Fixture       *f,
            gconstpointer  data)
{
  BsSource *a = add_source (f, "/icon-feed");
  BsSource *b = add_source (f, "/site-feed");
  BsSource *c = add_source (f, "/bare-feed");
  BsSource *never = add_source (f, "/nowhere");
  g_autofree char *a_id = g_strdup (bs_source_get_id (a));
  g_autofree char *c_id = g_strdup (bs_source_get_id (c));
  g_autofree char *url = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GBytes) icon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a_url = g_strconcat (f->base, "/a.png", NULL);
  g_autofree char *b_url = g_strconcat (f->base, "/site-b/b.gif", NULL);
  gint64 t0;
  guint n;

  /* nothing is due before the feeds were fetched */
  g_assert_false (bs_updater_get_icon_due (f->updater, a, f->clock));
  g_assert_cmpint (update_icons (f, NULL, FALSE), ==, 0);
  g_assert_cmpuint (icon_requests (f), ==, 0);

  refresh (f, NULL, BS_REFRESH_FLAGS_NONE);
  g_assert_cmpstr (bs_source_get_icon_url (a), ==, a_url);
  g_assert_true (bs_updater_get_icon_due (f->updater, a, f->clock));
  g_assert_false (bs_updater_get_icon_due (f->updater, never, f->clock));

  t0 = f->clock;
  g_assert_cmpint (update_icons (f, NULL, FALSE), ==, 2);
  icon = bs_store_load_icon (f->store, a_id, &url, &type, &error);
  g_assert_no_error (error);
  g_assert_nonnull (icon);
  g_assert_cmpstr (url, ==, a_url);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_cmpuint (g_bytes_get_size (icon), ==, sizeof png_bytes);
  g_clear_pointer (&icon, g_bytes_unref);
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&type, g_free);
  icon = bs_store_load_icon (f->store, bs_source_get_id (b), &url, &type, &error);
  g_assert_nonnull (icon);
  g_assert_cmpstr (url, ==, b_url);
  g_assert_cmpstr (type, ==, "image/gif");
  g_clear_pointer (&icon, g_bytes_unref);
  g_assert_null (bs_store_load_icon (f->store, c_id, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bs_source_get_icon_checked (a), ==, t0);
  g_assert_cmpint (bs_source_get_icon_checked (c), ==, t0);
  g_assert_cmpint (bs_source_get_icon_checked (never), ==, 0);
  g_assert_cmpuint (hits (f, "/site-a/"), ==, 0);  /* the feed's icon was enough */
  g_assert_cmpuint (hits (f, "/site-c/"), ==, 1);
  g_assert_cmpuint (hits (f, "/favicon.ico"), ==, 1);  /* the last resort, asked once */

  /* not again soon */
  n = icon_requests (f);
  g_assert_cmpint (update_icons (f, NULL, FALSE), ==, 0);
  g_assert_cmpuint (icon_requests (f), ==, n);

  /* the icons survive a restart, and so does when they were looked for */
  close_library (f);
  open_library (f);
  a = bs_library_lookup_source (f->library, a_id);
  c = bs_library_lookup_source (f->library, c_id);
  g_assert_cmpint (bs_source_get_icon_checked (a), ==, t0);
  icon = bs_store_load_icon (f->store, a_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (icon);

  /* a week later, only the source without an icon is looked at again */
  f->clock = t0 + BS_UPDATER_ICON_RETRY;
  g_assert_false (bs_updater_get_icon_due (f->updater, a, f->clock));
  g_assert_true (bs_updater_get_icon_due (f->updater, c, f->clock));
  g_assert_cmpint (update_icons (f, NULL, FALSE), ==, 0);
  g_assert_cmpuint (hits (f, "/site-c/"), ==, 2);
  g_assert_cmpuint (hits (f, "/a.png"), ==, 1);

  /* a month later, all of them; forced, at once */
  f->clock = t0 + BS_UPDATER_ICON_INTERVAL;
  g_assert_true (bs_updater_get_icon_due (f->updater, a, f->clock));
  g_assert_cmpint (update_icons (f, NULL, FALSE), ==, 2);
  g_assert_cmpuint (hits (f, "/a.png"), ==, 2);
  {
    g_autoptr(GPtrArray) only_a = one (a);

    g_assert_cmpint (update_icons (f, only_a, TRUE), ==, 1);
    g_assert_cmpuint (hits (f, "/a.png"), ==, 3);
  }
}

/* The timer's refresh is followed by an icon search. */
static void
test_timer_icons (Fixture       *f,
                  gconstpointer  data)
{
  BsSource *a = add_source (f, "/icon-feed");
  g_autoptr(GBytes) icon = NULL;

  bs_updater_start (f->updater);
  WAIT_UNTIL (bs_source_get_icon_checked (a) != 0);
  g_assert_cmpint (bs_source_get_icon_checked (a), ==, f->clock);
  icon = bs_store_load_icon (f->store, bs_source_get_id (a), NULL, NULL, NULL);
  g_assert_nonnull (icon);
  g_assert_cmpuint (g_bytes_get_size (icon), ==, sizeof png_bytes);
  g_assert_cmpuint (hits (f, "/a.png"), ==, 1);
  bs_updater_stop (f->updater);
}

static void
test_timer (Fixture       *f,
            gconstpointer  data)
{
  BsSource *rss = add_source (f, "/feed");
  gint64 checked;

  /* its site is not on the test server: no icon search (see timer-icons) */
  bs_source_set_icon_checked (rss, f->clock);
  g_assert_cmpint (bs_updater_get_next_refresh (f->updater), ==, 0);
  bs_updater_start (f->updater);
  /* a never-checked source: the timer fires at once */
  WAIT_UNTIL (f->n_signals == 1);
  WAIT_UNTIL (!bs_updater_get_refreshing (f->updater));
  checked = bs_source_get_last_check (rss);
  g_assert_cmpint (checked, ==, f->clock);
  g_assert_cmpuint (n_entries (f, rss), ==, 3);

  /* re-armed for the next check, and again when the interval changes */
  g_assert_cmpint (bs_updater_get_next_refresh (f->updater), ==, checked + HOUR);
  bs_updater_set_interval (f->updater, 120);
  g_assert_cmpint (bs_updater_get_next_refresh (f->updater), ==, checked + 2 * HOUR);

  /* when the time has come, it refreshes again: the fake clock jumped,
   * and re-arming (a change of the interval does it) finds the source due */
  f->clock += 2 * HOUR;
  bs_updater_set_interval (f->updater, 119);
  g_assert_cmpint (bs_updater_get_next_refresh (f->updater), ==, f->clock);
  WAIT_UNTIL (f->n_signals == 2);
  WAIT_UNTIL (!bs_updater_get_refreshing (f->updater));
  g_assert_cmpint (bs_source_get_last_check (rss), ==, f->clock);
  g_assert_cmpuint (hits (f, "/feed"), ==, 2);

  bs_updater_stop (f->updater);
  g_assert_cmpint (bs_updater_get_next_refresh (f->updater), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/broadsheet/updater/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("first-refresh", test_first_refresh);
  ADD ("not-modified", test_not_modified);
  ADD ("changed-feed", test_changed_feed);
  ADD ("redirects", test_redirects);
  ADD ("gone", test_gone);
  ADD ("server-error", test_server_error);
  ADD ("never-succeeded", test_never_succeeded);
  ADD ("retry-after", test_retry_after);
  ADD ("hints-persist", test_hints_persist);
  ADD ("icons", test_icons);
  ADD ("timer-icons", test_timer_icons);
  ADD ("parse-error", test_parse_error);
  ADD ("due-times", test_due_times);
  ADD ("cancel", test_cancel);
  ADD ("window", test_window);
  ADD ("window-cancel", test_window_cancel);
  ADD ("busy", test_busy);
  ADD ("persistence", test_persistence);
  ADD ("timer", test_timer);

#undef ADD

  return g_test_run ();
}
