/* bs-fetcher.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-fetcher"

#include "config.h"

#include "bs-fetcher-private.h"

#define USER_AGENT "Broadsheet/" PACKAGE_VERSION " (+https://github.com/broadsheet/broadsheet)"
#define DEFAULT_CONNECT_TIMEOUT 15
#define DEFAULT_TIMEOUT 60
#define DEFAULT_MAX_BODY_SIZE (16 * 1024 * 1024)
#define DEFAULT_MAX_PER_HOST 2
#define DEFAULT_MAX_CONNECTIONS 16
#define LIMIT_MAX_PER_HOST 32
#define LIMIT_MAX_CONNECTIONS 256

G_DEFINE_FINAL_TYPE (BsFetcher, bs_fetcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECT_TIMEOUT,
  PROP_TIMEOUT,
  PROP_MAX_BODY_SIZE,
  PROP_MAX_CONNECTIONS_PER_HOST,
  PROP_MAX_CONNECTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (bs-fetcher-error-quark, bs_fetcher_error)

/* Slots and the queue */

static guint
host_count (BsFetcher  *self,
            const char *host)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->per_host, host));
}

static void
acquire_slot (BsFetcher *self,
              BsFetchOp *op)
{
  g_assert (!op->active);
  g_hash_table_insert (self->per_host, g_strdup (op->host),
                       GUINT_TO_POINTER (host_count (self, op->host) + 1));
  self->n_active++;
  op->active = TRUE;
}

/* Gives back the slot @op holds, if any. */
void
bs_fetcher_release_slot (BsFetcher *self,
                         BsFetchOp *op)
{
  guint n;

  if (!op->active)
    return;

  n = host_count (self, op->host);
  g_assert (n > 0 && self->n_active > 0);
  if (n == 1)
    g_hash_table_remove (self->per_host, op->host);
  else
    g_hash_table_insert (self->per_host, g_strdup (op->host), GUINT_TO_POINTER (n - 1));
  self->n_active--;
  op->active = FALSE;
}

/* Starts queued fetches, oldest first, while the limits allow. A fetch
 * whose host is at its limit lets later ones for other hosts go first. */
void
bs_fetcher_dispatch (BsFetcher *self)
{
  GList *l = self->queue.head;

  while (l != NULL && self->n_active < self->max_connections)
    {
      GList *next = l->next;
      GTask *task = l->data;
      BsFetchOp *op = g_task_get_task_data (task);

      if (host_count (self, op->host) < self->max_per_host)
        {
          g_queue_delete_link (&self->queue, l);
          acquire_slot (self, op);
          bs_fetch_op_start (op);
          g_object_unref (task);
        }
      l = next;
    }
}

/* Public API */

void
bs_fetcher_fetch_async (BsFetcher            *self,
                        const BsFetchRequest *req,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) parsed = NULL;
  BsFetchOp *op;

  g_return_if_fail (BS_IS_FETCHER (self));
  g_return_if_fail (req != NULL && req->url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_fetcher_fetch_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  parsed = g_uri_parse (req->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (parsed == NULL || !bs_fetch_uri_is_http (parsed))
    {
      g_task_return_new_error (task, BS_FETCHER_ERROR, BS_FETCHER_ERROR_INVALID_URL,
                               "Not an http or https URL: %s", req->url);
      return;
    }

  op = bs_fetch_op_new (self, task, parsed, req);
  g_task_set_task_data (task, op, (GDestroyNotify) bs_fetch_op_free);

  g_queue_push_tail (&self->queue, g_steal_pointer (&task));
  bs_fetcher_dispatch (self);
}

BsFetchResult *
bs_fetcher_fetch_finish (BsFetcher     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (BS_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bs_fetcher_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

BsFetcher *
bs_fetcher_new (void)
{
  return g_object_new (BS_TYPE_FETCHER, NULL);
}

/* Properties */

guint
bs_fetcher_get_connect_timeout (BsFetcher *self)
{
  g_return_val_if_fail (BS_IS_FETCHER (self), 0);
  return self->connect_timeout;
}

void
bs_fetcher_set_connect_timeout (BsFetcher *self,
                                guint      seconds)
{
  g_return_if_fail (BS_IS_FETCHER (self));
  g_return_if_fail (seconds > 0);

  if (self->connect_timeout == seconds)
    return;
  self->connect_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
}

guint
bs_fetcher_get_timeout (BsFetcher *self)
{
  g_return_val_if_fail (BS_IS_FETCHER (self), 0);
  return self->timeout;
}

void
bs_fetcher_set_timeout (BsFetcher *self,
                        guint      seconds)
{
  g_return_if_fail (BS_IS_FETCHER (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint64
bs_fetcher_get_max_body_size (BsFetcher *self)
{
  g_return_val_if_fail (BS_IS_FETCHER (self), 0);
  return self->max_body_size;
}

void
bs_fetcher_set_max_body_size (BsFetcher *self,
                              guint64    bytes)
{
  g_return_if_fail (BS_IS_FETCHER (self));
  g_return_if_fail (bytes > 0 && bytes <= G_MAXINT32);

  if (self->max_body_size == bytes)
    return;
  self->max_body_size = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}

guint
bs_fetcher_get_max_connections_per_host (BsFetcher *self)
{
  g_return_val_if_fail (BS_IS_FETCHER (self), 0);
  return self->max_per_host;
}

void
bs_fetcher_set_max_connections_per_host (BsFetcher *self,
                                         guint      n)
{
  g_return_if_fail (BS_IS_FETCHER (self));
  g_return_if_fail (n > 0 && n <= LIMIT_MAX_PER_HOST);

  if (self->max_per_host == n)
    return;
  self->max_per_host = n;
  bs_fetcher_dispatch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CONNECTIONS_PER_HOST]);
}

guint
bs_fetcher_get_max_connections (BsFetcher *self)
{
  g_return_val_if_fail (BS_IS_FETCHER (self), 0);
  return self->max_connections;
}

void
bs_fetcher_set_max_connections (BsFetcher *self,
                                guint      n)
{
  g_return_if_fail (BS_IS_FETCHER (self));
  g_return_if_fail (n > 0 && n <= LIMIT_MAX_CONNECTIONS);

  if (self->max_connections == n)
    return;
  self->max_connections = n;
  bs_fetcher_dispatch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CONNECTIONS]);
}

static void
bs_fetcher_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BsFetcher *self = BS_FETCHER (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;
    case PROP_MAX_CONNECTIONS_PER_HOST:
      g_value_set_uint (value, self->max_per_host);
      break;
    case PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, self->max_connections);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_fetcher_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BsFetcher *self = BS_FETCHER (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT:
      bs_fetcher_set_connect_timeout (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT:
      bs_fetcher_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_BODY_SIZE:
      bs_fetcher_set_max_body_size (self, g_value_get_uint64 (value));
      break;
    case PROP_MAX_CONNECTIONS_PER_HOST:
      bs_fetcher_set_max_connections_per_host (self, g_value_get_uint (value));
      break;
    case PROP_MAX_CONNECTIONS:
      bs_fetcher_set_max_connections (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_fetcher_dispose (GObject *object)
{
  BsFetcher *self = BS_FETCHER (object);

  /* every queued or running fetch holds a reference on us */
  g_assert (g_queue_is_empty (&self->queue) && self->n_active == 0);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (bs_fetcher_parent_class)->dispose (object);
}

static void
bs_fetcher_finalize (GObject *object)
{
  BsFetcher *self = BS_FETCHER (object);

  g_clear_pointer (&self->per_host, g_hash_table_unref);

  G_OBJECT_CLASS (bs_fetcher_parent_class)->finalize (object);
}

static void
bs_fetcher_class_init (BsFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bs_fetcher_get_property;
  object_class->set_property = bs_fetcher_set_property;
  object_class->dispose = bs_fetcher_dispose;
  object_class->finalize = bs_fetcher_finalize;

  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL,
                       1, G_MAXINT32 / 1000, DEFAULT_CONNECT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXINT32 / 1000, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL,
                         1, G_MAXINT32, DEFAULT_MAX_BODY_SIZE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_CONNECTIONS_PER_HOST] =
    g_param_spec_uint ("max-connections-per-host", NULL, NULL,
                       1, LIMIT_MAX_PER_HOST, DEFAULT_MAX_PER_HOST,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", NULL, NULL,
                       1, LIMIT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bs_fetcher_init (BsFetcher *self)
{
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->timeout = DEFAULT_TIMEOUT;
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->max_per_host = DEFAULT_MAX_PER_HOST;
  self->max_connections = DEFAULT_MAX_CONNECTIONS;
  self->per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->queue);

  /* The queue above enforces our limits; libsoup's own (construct-only)
   * are set above them so it never queues a request behind our back, which
   * would count against the connect timeout. "proxy-resolver" is left
   * unset: libsoup then follows g_proxy_resolver_get_default(), the
   * system's settings. SoupContentDecoder is a default feature. */
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", USER_AGENT,
                                "max-conns", LIMIT_MAX_CONNECTIONS * 2,
                                "max-conns-per-host", LIMIT_MAX_PER_HOST * 2,
                                NULL);
  g_assert (soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER));
}
