/* ui-harness-server.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The UI harness's loopback feed server (UiServer, see ui-harness.h). */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "ui-harness.h"

typedef struct {
  guint status;
  char *content_type;
  GBytes *body;
} UiDocument;

struct _UiServer
{
  GMutex lock;
  GCond cond;
  GHashTable *documents;  /* path → UiDocument */
  GHashTable *hits;       /* path → number of requests */
  char *base;             /* http://127.0.0.1:PORT, once listening */

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
};

static void
ui_document_free (gpointer data)
{
  UiDocument *doc = data;

  g_free (doc->content_type);
  g_clear_pointer (&doc->body, g_bytes_unref);
  g_free (doc);
}

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  UiServer *server = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *etag = NULL;
  const char *if_none_match;
  UiDocument *doc;
  guint status;

  g_mutex_lock (&server->lock);
  g_hash_table_insert (server->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (server->hits,
                                                                                path)) + 1));
  doc = g_hash_table_lookup (server->documents, path);
  status = doc != NULL ? doc->status : SOUP_STATUS_NOT_FOUND;
  if (doc != NULL && doc->body != NULL)
    {
      body = g_bytes_ref (doc->body);
      content_type = g_strdup (doc->content_type);
    }
  g_mutex_unlock (&server->lock);

  if (body == NULL)
    {
      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "nothing here", 12);
      return;
    }

  etag = g_strdup_printf ("\"%08x-%zu\"", g_bytes_hash (body), g_bytes_get_size (body));
  soup_message_headers_replace (response, "ETag", etag);
  if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  if (g_strcmp0 (if_none_match, etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type,
                                    SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body));
}

static gpointer
server_thread (gpointer data)
{
  UiServer *server = data;
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);

  soup_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (soup_server, NULL, server_cb, server, NULL);
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (soup_server);
  g_assert_nonnull (uris);
  g_mutex_lock (&server->lock);
  server->base = g_strdup_printf ("http://127.0.0.1:%u", g_uri_get_port (uris->data));
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);

  soup_server_disconnect (soup_server);
  g_clear_object (&soup_server);
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

/**
 * ui_server_new:
 *
 * Starts a server on 127.0.0.1, on a free port, in a thread of its own.
 * Everything it does not know answers 404.
 */
UiServer *
ui_server_new (void)
{
  UiServer *server = g_new0 (UiServer, 1);

  g_mutex_init (&server->lock);
  g_cond_init (&server->cond);
  server->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ui_document_free);
  server->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("ui-server", server_thread, server);

  g_mutex_lock (&server->lock);
  while (server->base == NULL)
    g_cond_wait (&server->cond, &server->lock);
  g_mutex_unlock (&server->lock);
  return server;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
ui_server_free (UiServer *server)
{
  if (server == NULL)
    return;

  g_main_context_invoke (server->context, quit_loop_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_hash_table_unref (server->documents);
  g_hash_table_unref (server->hits);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->cond);
  g_free (server->base);
  g_free (server);
}

/**
 * ui_server_url:
 * @path: an absolute path, such as "/news.xml"
 *
 * Returns: (transfer full): the URL of @path on the server
 */
char *
ui_server_url (UiServer   *server,
               const char *path)
{
  g_assert (path[0] == '/');
  return g_strconcat (server->base, path, NULL);
}

static void
set_document (UiServer   *server,
              const char *path,
              guint       status,
              const char *content_type,
              GBytes     *body)
{
  UiDocument *doc = g_new0 (UiDocument, 1);

  doc->status = status;
  doc->content_type = g_strdup (content_type);
  doc->body = body != NULL ? g_bytes_ref (body) : NULL;

  g_mutex_lock (&server->lock);
  g_hash_table_replace (server->documents, g_strdup (path), doc);
  g_mutex_unlock (&server->lock);
}

/**
 * ui_server_set:
 * @path: where
 * @content_type: its Content-Type
 * @body: the document, answered with 200
 */
void
ui_server_set (UiServer   *server,
               const char *path,
               const char *content_type,
               const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  set_document (server, path, SOUP_STATUS_OK, content_type, bytes);
}

/**
 * ui_server_set_fixture:
 * @fixture: a file under tests/data, such as "ui/news.xml"
 *
 * Serves the fixture file at @path.
 */
void
ui_server_set_fixture (UiServer   *server,
                       const char *path,
                       const char *content_type,
                       const char *fixture)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "data", fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (file, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, length);
  set_document (server, path, SOUP_STATUS_OK, content_type, bytes);
}

/**
 * ui_server_set_status:
 *
 * Answers @status (with a short text body) at @path.
 */
void
ui_server_set_status (UiServer   *server,
                      const char *path,
                      guint       status)
{
  set_document (server, path, status, NULL, NULL);
}

guint
ui_server_get_hits (UiServer   *server,
                    const char *path)
{
  guint hits;

  g_mutex_lock (&server->lock);
  hits = GPOINTER_TO_UINT (g_hash_table_lookup (server->hits, path));
  g_mutex_unlock (&server->lock);
  return hits;
}
