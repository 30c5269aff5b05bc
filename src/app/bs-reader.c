/* bs-reader.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bs-html.h"
#include "bs-reader.h"
#include "bs-web-view.h"

/* One extraction, in steps (see bs-reader.h):
 *
 *   fetch    the core fetcher, with a size limit of its own for pages;
 *   load     a new hidden BsWebView with its filters (every load from the
 *            web blocked) takes the bytes at about:blank: nothing in the
 *            page runs, loads or navigates; if the filter could not be
 *            compiled, the page is not loaded at all (it has no CSP of
 *            ours to stop its loads);
 *   extract  Readability.js and bs-reader.js, called as one function in
 *            the view's isolated world, read a copy of the DOM and return
 *            JSON; the view is dropped;
 *   clean    in a worker thread: the JSON is read and the article's HTML
 *            sanitised against the page's address.
 *
 * The load and the extraction together have EXTRACT_TIMEOUT seconds.
 * Cancelling drops the view at once, wherever it is (a web process that
 * parses a page or runs Readability for nobody is memory and CPU lost):
 * the caller that cancels one extraction before it starts the next has
 * one hidden view at a time ("n-views"). */

#define MAX_PAGE_SIZE (8 * 1024 * 1024)
#define EXTRACT_TIMEOUT 30

#define READABILITY_RESOURCE "/io/github/broadsheet/Broadsheet/readability/Readability.js"
#define GLUE_RESOURCE "/io/github/broadsheet/Broadsheet/bs-reader.js"

struct _BsReader
{
  GObject parent_instance;

  BsFetcher *fetcher;
  guint n_views;
};

G_DEFINE_FINAL_TYPE (BsReader, bs_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (bs-reader-error-quark, bs_reader_error)

enum {
  PROP_0,
  PROP_N_VIEWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The view's part of an extraction holds a reference to the task (held)
 * from the fetch until the script is called, the script's call one of
 * its own; whichever ends the extraction first (the script, a failed
 * load, the time limit, a cancel) answers, and drops the view. */
typedef struct {
  BsReader *reader;
  char *url;
  char *final_url;
  gint64 fetched;
  GBytes *page;               /* until it is loaded */
  char *charset;
  BsWebView *view;
  gulong ready_id;
  gulong load_changed_id;
  gulong load_failed_id;
  guint timeout_id;
  GSource *cancelled_source;
  gboolean held;              /* the view's reference to the task */
  gboolean extracting;        /* the script was called */
  gboolean answered;
  char *json;
} Extraction;

static void
drop_view (Extraction *x)
{
  g_clear_handle_id (&x->timeout_id, g_source_remove);
  if (x->cancelled_source != NULL)
    {
      g_source_destroy (x->cancelled_source);
      g_clear_pointer (&x->cancelled_source, g_source_unref);
    }
  g_clear_pointer (&x->page, g_bytes_unref);
  if (x->view == NULL)
    return;
  g_clear_signal_handler (&x->ready_id, x->view);
  g_clear_signal_handler (&x->load_changed_id, x->view);
  g_clear_signal_handler (&x->load_failed_id, x->view);
  webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (x->view));
  g_clear_object (&x->view);
  x->reader->n_views--;
  g_object_notify_by_pspec (G_OBJECT (x->reader), properties[PROP_N_VIEWS]);
}

static void
extraction_free (Extraction *x)
{
  drop_view (x);
  g_clear_object (&x->reader);
  g_free (x->url);
  g_free (x->final_url);
  g_free (x->charset);
  g_free (x->json);
  g_free (x);
}

/* Drops the view's reference to the task: the last thing to do with it. */
static void
release (GTask *task)
{
  Extraction *x = g_task_get_task_data (task);

  if (!x->held)
    return;
  x->held = FALSE;
  g_object_unref (task);
}

/* The function the view runs: Readability, then our glue, then the call;
 * built once (on the main thread). */
static const char *
extract_function (void)
{
  static char *function;

  if (function == NULL)
    {
      g_autoptr(GBytes) readability = g_resources_lookup_data (READABILITY_RESOURCE, 0, NULL);
      g_autoptr(GBytes) glue = g_resources_lookup_data (GLUE_RESOURCE, 0, NULL);
      GString *body = g_string_new (NULL);

      g_assert (readability != NULL && glue != NULL);
      g_string_append_len (body, g_bytes_get_data (readability, NULL),
                           g_bytes_get_size (readability));
      g_string_append_c (body, '\n');
      g_string_append_len (body, g_bytes_get_data (glue, NULL), g_bytes_get_size (glue));
      g_string_append (body, "\nreturn broadsheetExtract (url);\n");
      function = g_string_free (body, FALSE);
    }
  return function;
}

/* The last step: JSON to an article, in a worker thread */

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strstrip (g_strdup (json_node_get_string (node)));
}

static void
clean_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Extraction *x = task_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  g_autofree char *title = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *site_name = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, x->json, -1, &error))
    {
      g_task_return_new_error (task, BS_READER_ERROR, BS_READER_ERROR_FAILED,
                               "The page's article could not be read: %s", error->message);
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, BS_READER_ERROR, BS_READER_ERROR_NO_CONTENT,
                               "No article was found in %s", x->final_url);
      return;
    }

  object = json_node_get_object (root);
  raw = dup_member (object, "content");
  if (raw != NULL)
    content = bs_html_sanitize (raw, -1, x->final_url);
  if (content != NULL)
    text = bs_html_to_text (content, -1);
  if (content == NULL || text == NULL || g_utf8_strlen (g_strstrip (text), -1) < BS_READER_MIN_TEXT)
    {
      g_task_return_new_error (task, BS_READER_ERROR, BS_READER_ERROR_NO_CONTENT,
                               "No article was found in %s", x->final_url);
      return;
    }

  title = dup_member (object, "title");
  byline = dup_member (object, "byline");
  site_name = dup_member (object, "siteName");
  g_task_return_pointer (task,
                         bs_full_article_new (x->final_url, title, byline, site_name, content,
                                              x->fetched),
                         (GDestroyNotify) bs_full_article_unref);
}

/* Extracting, in the hidden view */

/* Ends the extraction with @error (taken), unless it was answered. */
static void
answer_error (GTask  *task,
              GError *error)
{
  Extraction *x = g_task_get_task_data (task);

  if (x->answered)
    {
      g_error_free (error);
      return;
    }
  x->answered = TRUE;
  drop_view (x);
  g_task_return_error (task, error);
}

static void
fail (GTask      *task,
      int         code,
      const char *message)
{
  Extraction *x = g_task_get_task_data (task);

  answer_error (task, g_error_new (BS_READER_ERROR, code, "%s: %s", x->final_url, message));
}

static void
extracted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Extraction *x = g_task_get_task_data (task);
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                 result, &error);
  if (x->answered)
    return; /* timed out or cancelled meanwhile */

  if (value == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        answer_error (task, g_steal_pointer (&error));
      else
        fail (task, BS_READER_ERROR_FAILED, error->message);
      return;
    }
  if (!jsc_value_is_string (value))
    {
      fail (task, BS_READER_ERROR_FAILED, "the page could not be read");
      return;
    }

  x->answered = TRUE;
  drop_view (x);
  x->json = jsc_value_to_string (value);
  g_task_run_in_thread (task, clean_thread);
}

static void
extract (GTask *task)
{
  Extraction *x = g_task_get_task_data (task);
  GVariantDict args;

  x->extracting = TRUE;
  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "url", "s", x->final_url);
  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (x->view), extract_function (),
                                                  -1, g_variant_dict_end (&args), NULL,
                                                  BS_WEB_VIEW_WORLD,
                                                  g_task_get_cancellable (task),
                                                  extracted_cb, g_object_ref (task));
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 GTask           *task)
{
  Extraction *x = g_task_get_task_data (task);

  if (event != WEBKIT_LOAD_FINISHED || x->extracting || x->answered)
    return;
  extract (task);
  /* the script's call has a reference of its own */
  release (task);
}

static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                GTask           *task)
{
  Extraction *x = g_task_get_task_data (task);

  if (x->extracting || x->answered)
    return TRUE;
  /* WebKit goes on to FINISHED after a failure: not with this view */
  fail (task, BS_READER_ERROR_FAILED, error->message);
  release (task);
  return TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  Extraction *x = g_task_get_task_data (task);

  x->timeout_id = 0;
  fail (task, BS_READER_ERROR_FAILED, "the page took too long to read");
  release (task);
  return G_SOURCE_REMOVE;
}

/* Cancelled while the view works: it goes at once. */
static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;

  answer_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           "The extraction was cancelled"));
  release (task);
  return G_SOURCE_REMOVE;
}

/* The view's filters are there (or failed): loads the page, only behind
 * the filter that blocks every load from the web. */
static void
load (GTask *task)
{
  Extraction *x = g_task_get_task_data (task);
  g_autoptr(GBytes) page = g_steal_pointer (&x->page);

  g_clear_signal_handler (&x->ready_id, x->view);
  if (!bs_web_view_get_filtered (x->view))
    {
      fail (task, BS_READER_ERROR_FAILED,
            "the content filter that keeps a page from loading anything could not be "
            "compiled; the page is not read without it");
      release (task);
      return;
    }

  x->load_changed_id = g_signal_connect (x->view, "load-changed", G_CALLBACK (load_changed_cb),
                                         task);
  x->load_failed_id = g_signal_connect (x->view, "load-failed", G_CALLBACK (load_failed_cb),
                                        task);
  bs_web_view_load_page (x->view, page, x->charset);
}

static void
ready_cb (BsWebView  *view,
          GParamSpec *pspec,
          GTask      *task)
{
  if (bs_web_view_get_ready (view))
    load (task);
}

/* Fetching */

static gboolean
is_html_type (const char *type)
{
  return type == NULL || type[0] == '\0'
         || g_str_equal (type, "text/html") || g_str_equal (type, "application/xhtml+xml");
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Extraction *x = g_task_get_task_data (task);
  g_autoptr(BsFetchResult) fetched = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  fetched = bs_fetcher_fetch_finish (BS_FETCHER (object), result, &error);
  if (fetched == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (fetched->status != BS_FETCH_OK)
    {
      /* 410, or 429/503 with Retry-After: the page is not there now */
      g_task_return_new_error (task, BS_FETCHER_ERROR,
                               fetched->http_status == 404 ? BS_FETCHER_ERROR_NOT_FOUND
                                                           : BS_FETCHER_ERROR_HTTP,
                               "HTTP %u", fetched->http_status);
      return;
    }

  x->final_url = g_strdup (fetched->final_url != NULL ? fetched->final_url : x->url);
  x->fetched = g_get_real_time () / G_USEC_PER_SEC;
  if (!is_html_type (fetched->content_type))
    {
      g_task_return_new_error (task, BS_READER_ERROR, BS_READER_ERROR_NOT_HTML,
                               "%s is not a web page but %s", x->final_url,
                               fetched->content_type);
      return;
    }
  if (fetched->body == NULL || g_bytes_get_size (fetched->body) == 0)
    {
      g_task_return_new_error (task, BS_READER_ERROR, BS_READER_ERROR_NO_CONTENT,
                               "%s is empty", x->final_url);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* a view of its own, with the filters of every BsWebView: with remote
   * images off, nothing at all loads from the web */
  x->view = g_object_ref_sink (bs_web_view_new ());
  bs_web_view_set_remote_images (x->view, FALSE);
  x->reader->n_views++;
  g_object_notify_by_pspec (G_OBJECT (x->reader), properties[PROP_N_VIEWS]);
  x->page = g_bytes_ref (fetched->body);
  x->charset = g_strdup (fetched->charset);

  /* the view's reference to the task, dropped when its part ends */
  x->held = TRUE;
  task = NULL;
  x->timeout_id = g_timeout_add_seconds (EXTRACT_TIMEOUT, timeout_cb, user_data);
  if (cancellable != NULL)
    {
      x->cancelled_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (x->cancelled_source, G_SOURCE_FUNC (cancelled_cb), user_data, NULL);
      g_source_set_static_name (x->cancelled_source, "[broadsheet] reader cancelled");
      g_source_attach (x->cancelled_source, g_task_get_context (user_data));
    }
  if (bs_web_view_get_ready (x->view))
    load (user_data);
  else
    x->ready_id = g_signal_connect (x->view, "notify::ready", G_CALLBACK (ready_cb), user_data);
}

/**
 * bs_reader_extract_async:
 * @self: a reader
 * @url: the address of an article's page (http or https)
 * @cancellable: (nullable): to stop it
 * @callback: called on this thread's main context when it is done
 * @user_data: for @callback
 *
 * Fetches the page at @url and extracts its article.
 */
void
bs_reader_extract_async (BsReader            *self,
                         const char          *url,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BsFetchRequest request = { 0 };
  Extraction *x;

  g_return_if_fail (BS_IS_READER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_reader_extract_async);
  g_task_set_name (task, "[broadsheet] reader extract");
  x = g_new0 (Extraction, 1);
  x->reader = g_object_ref (self);
  x->url = g_strdup (url);
  g_task_set_task_data (task, x, (GDestroyNotify) extraction_free);

  request.url = url;
  request.max_body_size = MAX_PAGE_SIZE;
  bs_fetcher_fetch_async (self->fetcher, &request, cancellable, fetched_cb,
                          g_steal_pointer (&task));
}

/**
 * bs_reader_extract_finish:
 * @self: a reader
 * @result: the result
 * @error: a BS_FETCHER_ERROR when the page could not be fetched, a
 *   BS_READER_ERROR when it is no web page or holds no article, or
 *   G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the article, sanitised
 */
BsFullArticle *
bs_reader_extract_finish (BsReader      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
bs_reader_dispose (GObject *object)
{
  BsReader *self = BS_READER (object);

  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (bs_reader_parent_class)->dispose (object);
}

static void
bs_reader_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BsReader *self = BS_READER (object);

  switch (prop_id)
    {
    case PROP_N_VIEWS:
      g_value_set_uint (value, self->n_views);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_reader_class_init (BsReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bs_reader_dispose;
  object_class->get_property = bs_reader_get_property;

  /* the hidden views alive (one per extraction that is loading or
   * reading a page), for tests and for keeping an eye on memory */
  properties[PROP_N_VIEWS] =
    g_param_spec_uint ("n-views", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/**
 * bs_reader_get_n_views:
 *
 * Returns: how many hidden views are alive: one per extraction between
 *   its fetch and its script's answer
 */
guint
bs_reader_get_n_views (BsReader *self)
{
  g_return_val_if_fail (BS_IS_READER (self), 0);

  return self->n_views;
}

static void
bs_reader_init (BsReader *self)
{
}

/**
 * bs_reader_new:
 * @fetcher: the fetcher that fetches the pages
 *
 * Returns: (transfer full): a reader
 */
BsReader *
bs_reader_new (BsFetcher *fetcher)
{
  BsReader *self;

  g_return_val_if_fail (BS_IS_FETCHER (fetcher), NULL);

  self = g_object_new (BS_TYPE_READER, NULL);
  self->fetcher = g_object_ref (fetcher);
  return self;
}
