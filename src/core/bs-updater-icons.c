/* bs-updater-icons.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-updater"

#include "config.h"

#include "bs-favicon.h"
#include "bs-library.h"
#include "bs-store.h"
#include "bs-updater-private.h"

/* The icon pass: for every source whose icon is due, bs_favicon_fetch_async()
 * with what the feed declared, and the icon found saved in the store.
 * Icons change rarely and cost a few requests each, so a source is looked
 * at again BS_UPDATER_ICON_INTERVAL after an icon was found, and
 * BS_UPDATER_ICON_RETRY after none was. A few sources at a time, so that
 * the pass stays in the background of the fetcher's connections. */

#define ICONS_IN_FLIGHT 4

typedef struct {
  BsUpdater *updater;
  GPtrArray *queue;     /* BsSource, still to do */
  guint      next;
  guint      in_flight;
  guint      n_found;
} IconsData;

static void
icons_data_free (IconsData *data)
{
  g_clear_object (&data->updater);
  g_ptr_array_unref (data->queue);
  g_free (data);
}

/**
 * bs_updater_get_icon_due:
 * @self: an updater
 * @source: a source
 * @now: the time to compare with, on the updater's clock
 *
 * Whether @source's icon should be looked for at @now: only sources whose
 * feed was fetched successfully at least once, and then when the icon was
 * never looked for, BS_UPDATER_ICON_INTERVAL after an icon was found, or
 * BS_UPDATER_ICON_RETRY after none was.
 */
gboolean
bs_updater_get_icon_due (BsUpdater *self,
                         BsSource  *source,
                         gint64     now)
{
  g_autoptr(GBytes) icon = NULL;
  BsStore *store;
  gint64 checked;

  g_return_val_if_fail (BS_IS_UPDATER (self), FALSE);
  g_return_val_if_fail (BS_IS_SOURCE (source), FALSE);

  if (bs_source_get_last_success (source) == 0)
    return FALSE;

  checked = bs_source_get_icon_checked (source);
  if (checked == 0)
    return TRUE;
  if (now < checked + BS_UPDATER_ICON_RETRY)
    return FALSE;
  if (now >= checked + BS_UPDATER_ICON_INTERVAL)
    return TRUE;

  store = bs_library_get_store (self->library);
  icon = bs_store_load_icon (store, bs_source_get_id (source), NULL, NULL, NULL);
  return icon == NULL;
}

/* One source's search, in flight. */
typedef struct {
  GTask    *task;
  BsSource *source;
} IconRequest;

static void icons_next (GTask *task);

static void
icon_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  IconRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  g_autoptr(BsSource) source = request->source;
  g_autoptr(BsFavicon) favicon = NULL;
  g_autoptr(GError) error = NULL;
  IconsData *data = g_task_get_task_data (task);
  BsUpdater *self = data->updater;

  g_free (request);
  favicon = bs_favicon_fetch_finish (result, &error);
  data->in_flight--;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && _bs_updater_in_library (self, source))
    {
      if (favicon != NULL)
        {
          bs_store_save_icon (bs_library_get_store (self->library), bs_source_get_id (source),
                              favicon->url, favicon->mime_type, favicon->data);
          data->n_found++;
        }
      else
        {
          g_debug ("No icon for %s: %s", bs_source_get_id (source), error->message);
        }
      bs_source_set_icon_checked (source, _bs_updater_now (self));
      bs_library_save_sources (self->library);
    }

  icons_next (task);
}

static void
icons_next (GTask *task)
{
  IconsData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  while (data->in_flight < ICONS_IN_FLIGHT && data->next < data->queue->len
         && !g_cancellable_is_cancelled (cancellable))
    {
      BsSource *source = g_ptr_array_index (data->queue, data->next++);
      IconRequest *request;

      if (!_bs_updater_in_library (data->updater, source))
        continue;

      request = g_new (IconRequest, 1);
      request->task = g_object_ref (task);
      request->source = g_object_ref (source);
      data->in_flight++;
      bs_favicon_fetch_async (data->updater->fetcher,
                              bs_source_get_icon_url (source),
                              bs_source_get_logo_url (source),
                              bs_source_get_site_url (source),
                              bs_source_get_feed_url (source),
                              cancellable, icon_fetched_cb, request);
    }

  if (data->in_flight > 0)
    return;

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_int (task, data->n_found);
}

/**
 * bs_updater_update_icons_async:
 * @self: an updater over a writable library
 * @sources: (nullable) (element-type BsSource): the sources to look at,
 *   or NULL for every source of the library
 * @force: whether to look for the icons of @sources whether they are due
 *   or not (sources never fetched successfully are still left out)
 * @cancellable: (nullable): a cancellable
 * @callback: called when every search is over
 * @user_data: for @callback
 *
 * Looks for the icons of the sources that are due (see
 * bs_updater_get_icon_due()) and saves those found in the store, with
 * the time of the search on each source ("icon-checked"). Independent of
 * the feed refresh: it may run while one does.
 */
void
bs_updater_update_icons_async (BsUpdater           *self,
                               GPtrArray           *sources,
                               gboolean             force,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  IconsData *data;
  gint64 now;
  guint n;

  g_return_if_fail (BS_IS_UPDATER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_updater_update_icons_async);
  g_task_set_name (task, "[broadsheet] update icons");

  data = g_new0 (IconsData, 1);
  data->updater = g_object_ref (self);
  data->queue = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) icons_data_free);

  now = _bs_updater_now (self);
  n = sources != NULL ? sources->len : g_list_model_get_n_items (self->sources);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BsSource) source = sources != NULL ?
                                   g_object_ref (g_ptr_array_index (sources, i)) :
                                   g_list_model_get_item (self->sources, i);

      if (!_bs_updater_in_library (self, source))
        continue;
      if (force ? bs_source_get_last_success (source) > 0
                : bs_updater_get_icon_due (self, source, now))
        g_ptr_array_add (data->queue, g_steal_pointer (&source));
    }

  icons_next (task);
}

/**
 * bs_updater_update_icons_finish:
 * @self: an updater
 * @result: the result given to the callback
 * @error: G_IO_ERROR_CANCELLED when cancelled
 *
 * Returns: how many icons were found and saved, or -1 on error
 */
gint
bs_updater_update_icons_finish (BsUpdater     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bs_updater_update_icons_async, -1);

  return (gint) g_task_propagate_int (G_TASK (result), error);
}
