/* bs-library-sources.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-library"

#include "config.h"

#include "bs-library-private.h"
#include "bs-opml.h"

#include <string.h>

/* Sources and folders, and the user's operations on them. The read and
 * starred flags are in bs-library-flags.c. */

struct _BsRemovedSource
{
  BsSource   *source;
  GPtrArray  *entries;    /* BsEntry, with their flags */
  GHashTable *feed_keys;  /* or NULL */
  GVariant   *articles;   /* the whole articles saved (bs_store_dup_full_articles()), or NULL */
  guint       order;
};

static BsRemovedSource *
bs_removed_source_copy (BsRemovedSource *removed)
{
  BsRemovedSource *copy = g_new0 (BsRemovedSource, 1);

  copy->source = g_object_ref (removed->source);
  copy->entries = g_ptr_array_ref (removed->entries);
  copy->feed_keys = removed->feed_keys != NULL ? g_hash_table_ref (removed->feed_keys) : NULL;
  copy->articles = removed->articles != NULL ? g_variant_ref (removed->articles) : NULL;
  copy->order = removed->order;
  return copy;
}

G_DEFINE_BOXED_TYPE (BsRemovedSource, bs_removed_source,
                     bs_removed_source_copy, bs_removed_source_free)

void
bs_removed_source_free (BsRemovedSource *removed)
{
  if (removed == NULL)
    return;

  g_object_unref (removed->source);
  g_ptr_array_unref (removed->entries);
  g_clear_pointer (&removed->feed_keys, g_hash_table_unref);
  g_clear_pointer (&removed->articles, g_variant_unref);
  g_free (removed);
}

/**
 * bs_removed_source_get_source:
 * @removed: what bs_library_remove_source() returned
 *
 * Returns: (transfer none): the source that was removed
 */
BsSource *
bs_removed_source_get_source (BsRemovedSource *removed)
{
  g_return_val_if_fail (removed != NULL, NULL);

  return removed->source;
}

/* Helpers */

static char *
normalize_folder (const char *folder)
{
  return folder != NULL && folder[0] != '\0' ? g_strdup (folder) : NULL;
}

static char *
url_host (const char *url)
{
  g_autofree char *norm = bs_library_normalize_link (url);

  return _bs_library_link_host (norm);
}

static void
update_hosts (BsLibrarySource *src)
{
  g_free (src->site_host);
  src->site_host = url_host (bs_source_get_site_url (src->source));
  g_free (src->feed_host);
  src->feed_host = url_host (bs_source_get_feed_url (src->source));
}

/* Folders first (by name), then sources without one; then by title. */
/* Names sort as people expect, numbers by value ("Feed 9" before "Feed
 * 10"): g_utf8_collate_key_for_filename(). A source's key is kept on it
 * until its display title changes; sorting hundreds of sources would
 * otherwise compute thousands of keys. */
static GQuark
title_key_quark (void)
{
  return g_quark_from_static_string ("bs-library-title-key");
}

static const char *
source_title_key (BsSource *source)
{
  char *key = g_object_get_qdata (G_OBJECT (source), title_key_quark ());

  if (key == NULL)
    {
      key = g_utf8_collate_key_for_filename (bs_source_get_display_title (source), -1);
      g_object_set_qdata_full (G_OBJECT (source), title_key_quark (), key, g_free);
    }
  return key;
}

static int
name_compare (const char *a,
              const char *b)
{
  g_autofree char *ka = g_utf8_collate_key_for_filename (a, -1);
  g_autofree char *kb = g_utf8_collate_key_for_filename (b, -1);
  int cmp = strcmp (ka, kb);

  return cmp != 0 ? cmp : strcmp (a, b);
}

static int
source_compare (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  BsSource *x = (BsSource *) a, *y = (BsSource *) b;
  const char *fx = bs_source_get_folder (x), *fy = bs_source_get_folder (y);
  gboolean has_x = fx != NULL && fx[0] != '\0', has_y = fy != NULL && fy[0] != '\0';
  int cmp;

  if (has_x != has_y)
    return has_x ? -1 : 1;
  if (has_x && strcmp (fx, fy) != 0)
    return name_compare (fx, fy);

  cmp = strcmp (source_title_key (x), source_title_key (y));
  if (cmp != 0)
    return cmp;
  cmp = strcmp (bs_source_get_display_title (x), bs_source_get_display_title (y));
  if (cmp != 0)
    return cmp;
  return strcmp (bs_source_get_id (x), bs_source_get_id (y));
}

static int
folder_compare (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return name_compare (bs_folder_get_name ((BsFolder *) a), bs_folder_get_name ((BsFolder *) b));
}

static void
resort_source (BsLibrary *self,
               BsSource  *source)
{
  guint pos;

  if (g_list_store_find (self->sources_model, source, &pos))
    g_list_store_remove (self->sources_model, pos);
  g_list_store_insert_sorted (self->sources_model, source, source_compare, NULL);
}

/* Makes the folder model list the folders the sources name. */
void
_bs_library_refresh_folders (BsLibrary *self)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer name;

  for (guint i = 0; i < self->sources->len; i++)
    {
      BsLibrarySource *src = g_ptr_array_index (self->sources, i);

      if (src->folder != NULL)
        g_hash_table_add (names, src->folder);
    }

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->folders_model)); i > 0; i--)
    {
      g_autoptr(BsFolder) folder = g_list_model_get_item (G_LIST_MODEL (self->folders_model), i - 1);

      if (!g_hash_table_contains (names, bs_folder_get_name (folder)))
        {
          g_list_store_remove (self->folders_model, i - 1);
          g_hash_table_remove (self->folders, bs_folder_get_name (folder));
        }
    }

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      BsFolder *folder;

      if (g_hash_table_contains (self->folders, name))
        continue;
      folder = bs_folder_new (name);
      g_hash_table_insert (self->folders, g_strdup (name), folder);
      g_list_store_insert_sorted (self->folders_model, folder, folder_compare, NULL);
    }
}

static void
save_sources (BsLibrary *self)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_full (self->sources->len, NULL);

  for (guint i = 0; i < self->sources->len; i++)
    g_ptr_array_add (sources, ((BsLibrarySource *) g_ptr_array_index (self->sources, i))->source);
  bs_store_save_sources (self->store, sources);
}

void
_bs_library_save_entries (BsLibrary       *self,
                          BsLibrarySource *src)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (src->items->len, NULL);

  for (guint i = 0; i < src->items->len; i++)
    g_ptr_array_add (entries, ((BsLibraryItem *) g_ptr_array_index (src->items, i))->entry);
  bs_store_save_entries (self->store, bs_source_get_id (src->source), entries);
}

/* Reactions to changes of a source, whoever made them */

static void
display_title_cb (BsSource   *source,
                  GParamSpec *pspec,
                  BsLibrary  *self)
{
  g_object_set_qdata (G_OBJECT (source), title_key_quark (), NULL);
  resort_source (self, source);
}

static void
folder_cb (BsSource   *source,
           GParamSpec *pspec,
           BsLibrary  *self)
{
  BsLibrarySource *src = _bs_library_get_source (self, source);
  g_autofree char *folder = normalize_folder (bs_source_get_folder (source));

  g_assert (src != NULL);
  resort_source (self, source);
  if (g_strcmp0 (folder, src->folder) == 0)
    return;

  g_free (src->folder);
  src->folder = g_steal_pointer (&folder);
  _bs_library_refresh_folders (self);
  _bs_library_refilter_folder_lists (self);
  _bs_library_sync_counts (self);
}

static void
urls_cb (BsSource   *source,
         GParamSpec *pspec,
         BsLibrary  *self)
{
  BsLibrarySource *src = _bs_library_get_source (self, source);

  g_assert (src != NULL);
  update_hosts (src);

  /* Which of its entries is the author's own may have changed. */
  for (guint i = 0; i < src->items->len; i++)
    {
      BsLibraryItem *item = g_ptr_array_index (src->items, i);
      g_autoptr(GPtrArray) neighbours = _bs_library_dups_neighbours (self, item);

      _bs_library_dups_recompute (self, item);
      for (guint j = 0; j < neighbours->len; j++)
        _bs_library_dups_recompute (self, g_ptr_array_index (neighbours, j));
    }
  _bs_library_sync_counts (self);
}

/* The user's per-feed options are saved as soon as they change, whoever
 * changed them (the app's menus set them on the source). */
static void
options_cb (BsSource   *source,
            GParamSpec *pspec,
            BsLibrary  *self)
{
  if (bs_store_get_writable (self->store))
    save_sources (self);
}

/* Adds a source that is not in the library yet, with its entries; into
 * the sources model too unless @in_model is FALSE (the caller then puts a
 * batch of sources there at once). */
static BsLibrarySource *
attach_source (BsLibrary *self,
               BsSource  *source,
               GPtrArray *entries,
               guint      order,
               gboolean   in_model)
{
  BsLibrarySource *src = g_new0 (BsLibrarySource, 1);
  guint pos = self->sources->len;

  src->source = g_object_ref (source);
  src->order = order;
  src->folder = normalize_folder (bs_source_get_folder (source));
  src->items = g_ptr_array_new ();
  src->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  update_hosts (src);

  while (pos > 0 && ((BsLibrarySource *) g_ptr_array_index (self->sources, pos - 1))->order > order)
    pos--;
  g_ptr_array_insert (self->sources, pos, src);
  g_hash_table_insert (self->source_by_id, (gpointer) bs_source_get_id (source), src);

  g_signal_connect (source, "notify::display-title", G_CALLBACK (display_title_cb), self);
  g_signal_connect (source, "notify::folder", G_CALLBACK (folder_cb), self);
  g_signal_connect (source, "notify::site-url", G_CALLBACK (urls_cb), self);
  g_signal_connect (source, "notify::feed-url", G_CALLBACK (urls_cb), self);
  g_signal_connect (source, "notify::notifications-muted", G_CALLBACK (options_cb), self);
  g_signal_connect (source, "notify::full-articles", G_CALLBACK (options_cb), self);
  if (in_model)
    g_list_store_insert_sorted (self->sources_model, source, source_compare, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      BsEntry *entry = g_ptr_array_index (entries, i);
      BsLibraryItem *item;

      if (g_hash_table_contains (src->by_key, bs_entry_get_key (entry)))
        continue;
      item = _bs_library_item_new (src, entry);
      g_ptr_array_add (src->items, item);
      g_hash_table_insert (src->by_key, (gpointer) bs_entry_get_key (entry), item);
      _bs_library_item_added (self, item);
    }

  return src;
}

/**
 * _bs_library_attach_source:
 * @entries: (element-type BsEntry): its entries, with their flags
 * @order: its place in the subscription order
 *
 * Adds a source that is not in the library yet, with its entries.
 */
BsLibrarySource *
_bs_library_attach_source (BsLibrary *self,
                           BsSource  *source,
                           GPtrArray *entries,
                           guint      order)
{
  return attach_source (self, source, entries, order, TRUE);
}

/* Frees @src, no longer in the library's tables, and what items it has
 * left (only at dispose: removal takes them out first). */
void
_bs_library_source_free (BsLibrary       *self,
                         BsLibrarySource *src)
{
  g_signal_handlers_disconnect_by_data (src->source, self);

  g_ptr_array_set_free_func (src->items, (GDestroyNotify) _bs_library_item_free);
  g_ptr_array_unref (src->items);
  g_hash_table_unref (src->by_key);
  g_clear_pointer (&src->feed_keys, g_hash_table_unref);
  g_free (src->folder);
  g_free (src->site_host);
  g_free (src->feed_host);
  g_object_unref (src->source);
  g_free (src);
}

static gboolean
check_new_source (BsLibrary  *self,
                  BsSource   *source,
                  GError    **error)
{
  if (g_hash_table_contains (self->source_by_id, bs_source_get_id (source)))
    {
      g_set_error (error, BS_LIBRARY_ERROR, BS_LIBRARY_ERROR_EXISTS,
                   "A source with the id %s is already in the library",
                   bs_source_get_id (source));
      return FALSE;
    }

  for (guint i = 0; i < self->sources->len; i++)
    {
      BsLibrarySource *src = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (bs_source_get_feed_url (src->source), bs_source_get_feed_url (source)) == 0)
        {
          g_set_error (error, BS_LIBRARY_ERROR, BS_LIBRARY_ERROR_EXISTS,
                       "%s is already subscribed to", bs_source_get_feed_url (source));
          return FALSE;
        }
    }

  return TRUE;
}

/* Operations on sources */

/**
 * bs_library_add_source:
 * @self: a loaded library over a writable store
 * @source: a new subscription
 * @error: BS_LIBRARY_ERROR_EXISTS when its id or its feed URL is taken
 *
 * Adds @source, without entries (bs_library_merge_feed() brings them),
 * and saves the subscription list.
 */
gboolean
bs_library_add_source (BsLibrary  *self,
                       BsSource   *source,
                       GError    **error)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (BS_IS_SOURCE (source), FALSE);
  g_return_val_if_fail (bs_store_get_writable (self->store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->loaded)
    {
      g_set_error_literal (error, BS_LIBRARY_ERROR, BS_LIBRARY_ERROR_NOT_LOADED,
                           "The library is not loaded");
      return FALSE;
    }
  if (!check_new_source (self, source, error))
    return FALSE;

  _bs_library_attach_source (self, source, NULL, self->next_order++);
  _bs_library_refresh_folders (self);
  _bs_library_sync_counts (self);
  save_sources (self);
  return TRUE;
}

/**
 * bs_library_remove_source:
 * @self: a library over a writable store
 * @source: a source of the library
 *
 * Removes @source and its entries from the library and from the store
 * (its entries and whole articles files and its flags are deleted at the
 * next write). What is returned holds all of it: bs_library_restore_source()
 * puts it back as it was (entries, flags, whole articles, place in the
 * subscription order), as long as no source with the same id or feed
 * URL was added in between. Free it when the undo is no longer offered.
 *
 * Returns: (transfer full): what is needed to undo the removal
 */
BsRemovedSource *
bs_library_remove_source (BsLibrary *self,
                          BsSource  *source)
{
  BsLibrarySource *src;
  BsRemovedSource *removed;
  g_autoptr(GError) error = NULL;
  guint pos;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (BS_IS_SOURCE (source), NULL);
  g_return_val_if_fail (bs_store_get_writable (self->store), NULL);

  src = _bs_library_get_source (self, source);
  g_return_val_if_fail (src != NULL, NULL);

  removed = g_new0 (BsRemovedSource, 1);
  removed->source = g_object_ref (source);
  removed->order = src->order;
  removed->feed_keys = src->feed_keys != NULL ? g_hash_table_ref (src->feed_keys) : NULL;
  removed->entries = g_ptr_array_new_full (src->items->len, g_object_unref);
  removed->articles = bs_store_dup_full_articles (self->store, bs_source_get_id (source), &error);
  if (error != NULL)
    g_debug ("The whole articles of %s cannot come back with an undo: %s",
             bs_source_get_id (source), error->message);

  _bs_library_begin_bulk (self);
  for (guint i = 0; i < src->items->len; i++)
    {
      BsLibraryItem *item = g_ptr_array_index (src->items, i);

      g_ptr_array_add (removed->entries, g_object_ref (item->entry));
      _bs_library_item_removed (self, item);
    }
  g_ptr_array_set_size (src->items, 0);
  g_hash_table_remove_all (src->by_key);
  _bs_library_end_bulk (self);

  g_ptr_array_remove (self->sources, src);
  g_hash_table_remove (self->source_by_id, bs_source_get_id (source));
  if (g_list_store_find (self->sources_model, source, &pos))
    g_list_store_remove (self->sources_model, pos);
  _bs_library_source_free (self, src);

  bs_store_remove_source (self->store, bs_source_get_id (source));
  save_sources (self);
  _bs_library_refresh_folders (self);
  _bs_library_sync_counts (self);

  return removed;
}

/**
 * bs_library_restore_source:
 * @self: a library over a writable store
 * @removed: what bs_library_remove_source() returned
 * @error: BS_LIBRARY_ERROR_EXISTS when the id or feed URL was taken again
 *
 * Undoes a removal: the source, its entries, their flags and their whole
 * articles come back, in the models and in the store. @removed stays the
 * caller's.
 */
gboolean
bs_library_restore_source (BsLibrary        *self,
                           BsRemovedSource  *removed,
                           GError          **error)
{
  BsLibrarySource *src;

  g_return_val_if_fail (BS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (removed != NULL, FALSE);
  g_return_val_if_fail (bs_store_get_writable (self->store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_new_source (self, removed->source, error))
    return FALSE;

  _bs_library_begin_bulk (self);
  src = _bs_library_attach_source (self, removed->source, removed->entries, removed->order);
  if (removed->feed_keys != NULL)
    src->feed_keys = g_hash_table_ref (removed->feed_keys);
  _bs_library_end_bulk (self);

  for (guint i = 0; i < src->items->len; i++)
    {
      BsEntry *entry = ((BsLibraryItem *) g_ptr_array_index (src->items, i))->entry;

      if (bs_entry_get_read (entry) || bs_entry_get_starred (entry))
        bs_store_set_flags (self->store, bs_source_get_id (removed->source),
                            bs_entry_get_key (entry), bs_entry_get_read (entry),
                            bs_entry_get_starred (entry));
    }
  /* the removal deleted the icon: look for it again at the next chance */
  bs_source_set_icon_checked (removed->source, 0);
  if (removed->articles != NULL)
    bs_store_restore_full_articles (self->store, bs_source_get_id (removed->source),
                                    removed->articles);
  _bs_library_save_entries (self, src);
  save_sources (self);
  _bs_library_refresh_folders (self);
  _bs_library_sync_counts (self);
  return TRUE;
}

/**
 * bs_library_rename_source:
 * @self: a library over a writable store
 * @source: a source of the library
 * @custom_title: (nullable): the user's title, NULL or empty for the feed's
 */
void
bs_library_rename_source (BsLibrary  *self,
                          BsSource   *source,
                          const char *custom_title)
{
  g_return_if_fail (BS_IS_LIBRARY (self));
  g_return_if_fail (BS_IS_SOURCE (source));
  g_return_if_fail (bs_store_get_writable (self->store));
  g_return_if_fail (_bs_library_get_source (self, source) != NULL);

  if (custom_title != NULL && custom_title[0] == '\0')
    custom_title = NULL;
  if (g_strcmp0 (custom_title, bs_source_get_custom_title (source)) == 0)
    return;

  bs_source_set_custom_title (source, custom_title);
  save_sources (self);
}

/**
 * bs_library_move_source:
 * @self: a library over a writable store
 * @source: a source of the library
 * @folder: (nullable): a folder name, new or not; NULL or empty for none
 */
void
bs_library_move_source (BsLibrary  *self,
                        BsSource   *source,
                        const char *folder)
{
  g_autofree char *name = normalize_folder (folder);

  g_return_if_fail (BS_IS_LIBRARY (self));
  g_return_if_fail (BS_IS_SOURCE (source));
  g_return_if_fail (bs_store_get_writable (self->store));
  g_return_if_fail (_bs_library_get_source (self, source) != NULL);

  if (g_strcmp0 (name, bs_source_get_folder (source)) == 0)
    return;

  bs_source_set_folder (source, name);
  save_sources (self);
}

/**
 * bs_library_rename_folder:
 * @self: a library over a writable store
 * @folder: the name of a folder
 * @new_name: (nullable): its new name; when a folder of that name exists,
 *   the two become one; NULL or empty takes the sources out of folders
 */
void
bs_library_rename_folder (BsLibrary  *self,
                          const char *folder,
                          const char *new_name)
{
  g_autofree char *name = normalize_folder (new_name);
  gboolean changed = FALSE;

  g_return_if_fail (BS_IS_LIBRARY (self));
  g_return_if_fail (folder != NULL);
  g_return_if_fail (bs_store_get_writable (self->store));

  if (g_strcmp0 (folder, name) == 0)
    return;

  for (guint i = 0; i < self->sources->len; i++)
    {
      BsLibrarySource *src = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (src->folder, folder) == 0)
        {
          bs_source_set_folder (src->source, name);
          changed = TRUE;
        }
    }

  if (changed)
    save_sources (self);
}

/**
 * bs_library_save_sources:
 * @self: a library over a writable store
 *
 * Schedules a write of the subscription list, for changes made to sources
 * directly (fetch state, error, icon) rather than through the library.
 */
void
bs_library_save_sources (BsLibrary *self)
{
  g_return_if_fail (BS_IS_LIBRARY (self));
  g_return_if_fail (bs_store_get_writable (self->store));

  save_sources (self);
}

/* Subscribing: what the app and the CLI share */

/**
 * bs_library_find_source_by_url:
 * @self: a library
 * @feed_url: a feed URL
 *
 * Looks for the subscription to @feed_url, the URL compared as given
 * (the same test bs_library_add_source() makes).
 *
 * Returns: (transfer none) (nullable): that subscription, or NULL
 */
BsSource *
bs_library_find_source_by_url (BsLibrary  *self,
                               const char *feed_url)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (feed_url != NULL, NULL);

  for (guint i = 0; i < self->sources->len; i++)
    {
      BsLibrarySource *src = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (bs_source_get_feed_url (src->source), feed_url) == 0)
        return src->source;
    }
  return NULL;
}

/* bs_source_compute_id (@feed_url), or it with "-2", "-3", … when a
 * source of the library has it. */
static char *
unique_id (BsLibrary  *self,
           const char *feed_url)
{
  g_autofree char *base = bs_source_compute_id (feed_url);
  char *id = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (self->source_by_id, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  return id;
}

/**
 * bs_library_new_source:
 * @self: a library
 * @feed_url: the feed URL to subscribe to
 *
 * Makes a subscription to @feed_url ready to be added with
 * bs_library_add_source(): its id is bs_source_compute_id()'s, or that
 * id with "-2", "-3", … when a source of the library already has it. It
 * is not added; the caller sets its title, folder and site first.
 *
 * Returns: (transfer full): a new source
 */
BsSource *
bs_library_new_source (BsLibrary  *self,
                       const char *feed_url)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (feed_url != NULL, NULL);

  id = unique_id (self, feed_url);
  return bs_source_new_with_id (id, feed_url);
}

static int
source_compare_indirect (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  return source_compare (*(BsSource **) a, *(BsSource **) b, user_data);
}

/**
 * bs_library_import_outlines:
 * @self: a loaded library over a writable store
 * @outlines: (element-type BsOpmlOutline): the feeds of an OPML list, as
 *   bs_opml_parse() gives them
 * @n_existing: (out) (optional): how many of them were already subscribed
 *   to
 * @error: BS_LIBRARY_ERROR_NOT_LOADED
 *
 * Subscribes to each feed of @outlines whose feed URL is not subscribed
 * to yet (compared as given, as bs_library_find_source_by_url() does),
 * with the outline's title, site and folder, and ids chosen as
 * bs_library_new_source() does. Importing the same list again adds
 * nothing; a URL listed twice is added once. The sources model changes
 * once for the whole list, however long, and the subscription list is
 * saved once.
 *
 * Returns: (transfer container) (element-type BsSource): the new
 *   subscriptions, in the order of @outlines (possibly empty), or NULL
 *   with @error set
 */
GPtrArray *
bs_library_import_outlines (BsLibrary  *self,
                            GPtrArray  *outlines,
                            guint      *n_existing,
                            GError    **error)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) known = NULL;
  guint existing = 0;
  guint n_old;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (outlines != NULL, NULL);
  g_return_val_if_fail (bs_store_get_writable (self->store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!self->loaded)
    {
      g_set_error_literal (error, BS_LIBRARY_ERROR, BS_LIBRARY_ERROR_NOT_LOADED,
                           "The library is not loaded");
      return NULL;
    }

  known = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->sources->len; i++)
    {
      BsLibrarySource *src = g_ptr_array_index (self->sources, i);

      g_hash_table_add (known, (gpointer) bs_source_get_feed_url (src->source));
    }

  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < outlines->len; i++)
    {
      const BsOpmlOutline *outline = g_ptr_array_index (outlines, i);
      g_autofree char *id = NULL;
      BsSource *source;

      if (outline->xml_url == NULL)
        continue;
      if (g_hash_table_contains (known, outline->xml_url))
        {
          existing++;
          continue;
        }

      /* the sources attached before this one are in source_by_id */
      id = unique_id (self, outline->xml_url);
      source = bs_source_new_with_id (id, outline->xml_url);
      bs_source_set_title (source, outline->title);
      bs_source_set_site_url (source, outline->html_url);
      bs_source_set_folder (source, outline->folder);
      g_ptr_array_add (added, source);
      g_hash_table_add (known, (gpointer) bs_source_get_feed_url (source));
      attach_source (self, source, NULL, self->next_order++, FALSE);
    }

  if (n_existing != NULL)
    *n_existing = existing;
  if (added->len == 0)
    return g_steal_pointer (&added);

  /* one change of the sources model for the whole list */
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->sources_model));
  all = g_ptr_array_new_full (n_old + added->len, g_object_unref);
  for (guint i = 0; i < n_old; i++)
    g_ptr_array_add (all, g_list_model_get_item (G_LIST_MODEL (self->sources_model), i));
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (added, i)));
  g_ptr_array_sort_with_data (all, source_compare_indirect, NULL);
  g_list_store_splice (self->sources_model, 0, n_old, all->pdata, all->len);

  _bs_library_refresh_folders (self);
  _bs_library_sync_counts (self);
  save_sources (self);
  return g_steal_pointer (&added);
}

/**
 * bs_library_export_outlines:
 * @self: a library
 *
 * The subscriptions as bs_opml_write() takes them: the title shown, the
 * feed and site URLs and the folder of each, in the order of the sources
 * model (folders first, then by title), so that each folder is written
 * once.
 *
 * Returns: (transfer container) (element-type BsOpmlOutline): the
 *   outlines, freed with the array
 */
GPtrArray *
bs_library_export_outlines (BsLibrary *self)
{
  GListModel *sources;
  GPtrArray *outlines;
  guint n;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);

  sources = G_LIST_MODEL (self->sources_model);
  n = g_list_model_get_n_items (sources);
  outlines = g_ptr_array_new_full (n, (GDestroyNotify) bs_opml_outline_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);

      g_ptr_array_add (outlines, bs_opml_outline_new (bs_source_get_display_title (source),
                                                      bs_source_get_feed_url (source),
                                                      bs_source_get_site_url (source),
                                                      bs_source_get_folder (source)));
    }
  return outlines;
}
