/* bs-library.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-library"

#include "config.h"

#include "bs-library-private.h"
#include "bs-search.h"

#include <string.h>

/* The object, loading, the models, counting and the bookkeeping of items.
 * Operations on sources are in bs-library-sources.c, on flags in
 * bs-library-flags.c, merging
 * and retention in bs-library-merge.c, duplicates in bs-library-dups.c,
 * search in bs-library-search.c, the entry models in bs-library-models.c.
 *
 * Every entry is a BsLibraryItem that belongs to the BsLibrarySource of
 * its source. self->items holds them all, sorted like the models; each
 * BsEntryList holds the ones its filter accepts, in the same order. A
 * change to one item (_bs_library_item_changed()) adjusts the counts it
 * contributes to and moves it in or out of every list, one binary search
 * per list. A change to many items runs between _bs_library_begin_bulk()
 * and _bs_library_end_bulk(): counts are still adjusted item by item, but
 * the lists are rebuilt once at the end, each with one items-changed. */

G_DEFINE_FINAL_TYPE (BsLibrary, bs_library, G_TYPE_OBJECT)

G_DEFINE_QUARK (bs-library-error-quark, bs_library_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TOTAL_UNREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Items */

void
_bs_library_item_update_keys (BsLibraryItem *item)
{
  BsEntry *entry = item->entry;
  gint64 published = bs_entry_get_published (entry);
  gint64 updated = bs_entry_get_updated (entry);
  g_autofree char *title = NULL;

  item->dup_time = published != BS_DATE_NONE ? published : updated;
  item->sort_time = item->dup_time != BS_DATE_NONE ? item->dup_time
                                                   : bs_entry_get_first_seen (entry);

  g_free (item->link_norm);
  item->link_norm = bs_library_normalize_link (bs_entry_get_link (entry));

  g_clear_pointer (&item->title_norm, g_free);
  title = bs_search_fold (bs_entry_get_title (entry), -1);
  if (strlen (title) >= 8)
    item->title_norm = g_steal_pointer (&title);
}

BsLibraryItem *
_bs_library_item_new (BsLibrarySource *src,
                      BsEntry         *entry)
{
  BsLibraryItem *item = g_new0 (BsLibraryItem, 1);

  item->entry = g_object_ref (entry);
  item->src = src;
  _bs_library_item_update_keys (item);
  return item;
}

void
_bs_library_item_free (BsLibraryItem *item)
{
  g_object_unref (item->entry);
  g_free (item->link_norm);
  g_free (item->title_norm);
  g_free (item->search_text);
  g_free (item);
}

/* Brings the counts in line with the state of @item. */
static void
item_recount (BsLibrary     *self,
              BsLibraryItem *item)
{
  gboolean unread = !item->dead && !bs_entry_get_read (item->entry);
  gboolean total = unread && item->dup_of == NULL;

  if (unread != item->counted_unread)
    {
      if (unread)
        item->src->unread++;
      else
        item->src->unread--;
      item->counted_unread = unread;
    }

  if (total != item->counted_total)
    {
      if (total)
        self->total_unread++;
      else
        self->total_unread--;
      item->counted_total = total;
    }
}

static int
item_sort_cb (gconstpointer a,
              gconstpointer b)
{
  const BsLibraryItem *x = *(BsLibraryItem * const *) a;
  const BsLibraryItem *y = *(BsLibraryItem * const *) b;

  return _bs_library_item_compare (x, x->sort_time, y);
}

/**
 * _bs_library_item_changed:
 * @item: an item whose flags, dates or duplicate state may have changed
 * @old_time: its sort time before the change
 */
void
_bs_library_item_changed (BsLibrary     *self,
                          BsLibraryItem *item,
                          gint64         old_time)
{
  guint pos;

  item_recount (self, item);

  if (old_time != item->sort_time && !item->pending)
    {
      if (_bs_library_items_find (self->items, item, old_time, &pos))
        g_ptr_array_remove_index (self->items, pos);
      _bs_library_items_find (self->items, item, item->sort_time, &pos);
      g_ptr_array_insert (self->items, pos, item);
    }

  if (self->bulk > 0)
    return;

  for (guint i = 0; i < self->lists->len; i++)
    _bs_entry_list_update (g_ptr_array_index (self->lists, i), item, old_time);
}

/* A new item of item->src (already in its items): into the master array,
 * the duplicate indexes, the counts and the lists. */
void
_bs_library_item_added (BsLibrary     *self,
                        BsLibraryItem *item)
{
  guint pos;

  if (self->bulk > 0)
    {
      item->pending = TRUE;
      g_ptr_array_add (self->added, item);
    }
  else
    {
      _bs_library_items_find (self->items, item, item->sort_time, &pos);
      g_ptr_array_insert (self->items, pos, item);
    }

  _bs_library_forget_search (self);
  _bs_library_item_changed (self, item, item->sort_time);
  _bs_library_dups_add (self, item);
}

/* An item that goes (the caller takes it out of item->src): out of the
 * indexes, counts and lists; freed now, or at the end of a bulk change. */
void
_bs_library_item_removed (BsLibrary     *self,
                          BsLibraryItem *item)
{
  guint pos;

  _bs_library_dups_remove (self, item);
  item->dead = TRUE;
  item_recount (self, item);

  if (self->bulk > 0)
    {
      g_ptr_array_add (self->dead, item);
      return;
    }

  for (guint i = 0; i < self->lists->len; i++)
    _bs_entry_list_update (g_ptr_array_index (self->lists, i), item, item->sort_time);
  if (_bs_library_items_find (self->items, item, item->sort_time, &pos))
    g_ptr_array_remove_index (self->items, pos);
  _bs_library_forget_search (self);
  _bs_library_item_free (item);
}

static void
remove_dead (GPtrArray *items)
{
  guint kept = 0;

  for (guint i = 0; i < items->len; i++)
    {
      BsLibraryItem *item = g_ptr_array_index (items, i);

      if (!item->dead)
        items->pdata[kept++] = item;
    }
  g_ptr_array_set_size (items, kept);
}

void
_bs_library_begin_bulk (BsLibrary *self)
{
  self->bulk++;
}

void
_bs_library_end_bulk (BsLibrary *self)
{
  g_assert (self->bulk > 0);

  if (--self->bulk > 0)
    return;

  if (self->dead->len > 0)
    {
      remove_dead (self->items);
      remove_dead (self->added);
      _bs_library_forget_search (self);
    }

  if (self->added->len > 0)
    {
      g_autoptr(GPtrArray) old = self->items;
      guint i = 0, j = 0;

      /* Sort what came, then merge the two sorted arrays. */
      g_ptr_array_sort (self->added, item_sort_cb);
      self->items = g_ptr_array_sized_new (old->len + self->added->len);
      while (i < old->len || j < self->added->len)
        {
          BsLibraryItem *a = i < old->len ? old->pdata[i] : NULL;
          BsLibraryItem *b = j < self->added->len ? self->added->pdata[j] : NULL;

          if (b == NULL || (a != NULL && _bs_library_item_compare (a, a->sort_time, b) < 0))
            {
              g_ptr_array_add (self->items, a);
              i++;
            }
          else
            {
              b->pending = FALSE;
              g_ptr_array_add (self->items, b);
              j++;
            }
        }
      g_ptr_array_set_size (self->added, 0);
    }

  for (guint i = 0; i < self->lists->len; i++)
    _bs_entry_list_refilter (g_ptr_array_index (self->lists, i), self->items, FALSE);

  g_ptr_array_set_size (self->dead, 0);
}

/* Counts */

/* Pushes the counts kept here to the sources, folders and total-unread. */
void
_bs_library_sync_counts (BsLibrary *self)
{
  g_autoptr(GHashTable) folder_unread = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer name, folder;

  for (guint i = 0; i < self->sources->len; i++)
    {
      BsLibrarySource *src = g_ptr_array_index (self->sources, i);

      bs_source_set_unread_count (src->source, src->unread);
      if (src->folder != NULL)
        {
          guint sum = GPOINTER_TO_UINT (g_hash_table_lookup (folder_unread, src->folder));

          g_hash_table_insert (folder_unread, src->folder, GUINT_TO_POINTER (sum + src->unread));
        }
    }

  g_hash_table_iter_init (&iter, self->folders);
  while (g_hash_table_iter_next (&iter, &name, &folder))
    bs_folder_set_unread_count (folder,
                                GPOINTER_TO_UINT (g_hash_table_lookup (folder_unread, name)));

  if (self->total_unread != self->notified_total)
    {
      self->notified_total = self->total_unread;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_UNREAD]);
    }
}

/* Lists */

static void
list_gone_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  BsLibrary *self = data;

  g_ptr_array_remove_fast (self->lists, where_the_object_was);
}

/* Keeps @list current from now on, filled from self->items or, when
 * given, from @matches, the items known to pass its filter. */
BsEntryList *
_bs_library_track_list (BsLibrary   *self,
                        BsEntryList *list,
                        GPtrArray   *matches)
{
  g_ptr_array_add (self->lists, list);
  g_object_weak_ref (G_OBJECT (list), list_gone_cb, self);
  _bs_entry_list_refilter (list, matches != NULL ? matches : self->items, matches != NULL);
  return list;
}

/* The object */

static void
bs_library_dispose (GObject *object)
{
  BsLibrary *self = (BsLibrary *)object;

  while (self->lists != NULL && self->lists->len > 0)
    {
      BsEntryList *list = g_ptr_array_steal_index_fast (self->lists, self->lists->len - 1);

      g_object_weak_unref (G_OBJECT (list), list_gone_cb, self);
      _bs_entry_list_detach (list);
    }
  g_clear_object (&self->all_list);
  g_clear_object (&self->unread_list);
  g_clear_object (&self->starred_list);

  while (self->sources->len > 0)
    _bs_library_source_free (self, g_ptr_array_steal_index (self->sources, self->sources->len - 1));
  g_hash_table_remove_all (self->source_by_id);
  g_ptr_array_set_size (self->items, 0);
  _bs_library_forget_search (self);

  g_clear_object (&self->sources_model);
  g_clear_object (&self->folders_model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bs_library_parent_class)->dispose (object);
}

static void
bs_library_finalize (GObject *object)
{
  BsLibrary *self = (BsLibrary *)object;

  g_ptr_array_unref (self->sources);
  g_hash_table_unref (self->source_by_id);
  g_hash_table_unref (self->folders);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->by_link);
  g_hash_table_unref (self->by_title);
  g_ptr_array_unref (self->lists);
  g_ptr_array_unref (self->dead);
  g_ptr_array_unref (self->added);

  G_OBJECT_CLASS (bs_library_parent_class)->finalize (object);
}

static void
bs_library_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BsLibrary *self = BS_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TOTAL_UNREAD:
      g_value_set_uint (value, self->notified_total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_library_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BsLibrary *self = BS_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_library_class_init (BsLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bs_library_dispose;
  object_class->finalize = bs_library_finalize;
  object_class->get_property = bs_library_get_property;
  object_class->set_property = bs_library_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_UNREAD] =
    g_param_spec_uint ("total-unread", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bs_library_init (BsLibrary *self)
{
  self->sources = g_ptr_array_new ();
  self->source_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->sources_model = g_list_store_new (BS_TYPE_SOURCE);
  self->folders_model = g_list_store_new (BS_TYPE_FOLDER);
  self->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->items = g_ptr_array_new ();
  self->by_link = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->by_title = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->lists = g_ptr_array_new ();
  self->dead = g_ptr_array_new_with_free_func ((GDestroyNotify) _bs_library_item_free);
  self->added = g_ptr_array_new ();

  _bs_library_init_models (self);
}

/**
 * bs_library_new:
 * @store: the store to load from and save to, opened by the caller
 *
 * An empty library; bs_library_load() fills it.
 */
BsLibrary *
bs_library_new (BsStore *store)
{
  g_return_val_if_fail (BS_IS_STORE (store), NULL);

  return g_object_new (BS_TYPE_LIBRARY, "store", store, NULL);
}

BsStore *
bs_library_get_store (BsLibrary *self)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);

  return self->store;
}

/**
 * bs_library_load:
 * @self: a library, not loaded yet
 * @error: a G_FILE_ERROR or BS_STORE_ERROR when a file of the store
 *   exists but cannot be read
 *
 * Loads every source and its entries from the store. Article bodies stay
 * in the store's mapped files until they are read. Damaged files are not
 * errors: the store sets them aside and reports them as load problems.
 * On error the library stays empty.
 */
gboolean
bs_library_load (BsLibrary  *self,
                 GError    **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (BS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (!self->loaded, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sources = bs_store_load_sources (self->store, error);
  if (sources == NULL)
    return FALSE;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < sources->len; i++)
    {
      BsSource *source = g_ptr_array_index (sources, i);
      GPtrArray *source_entries;

      source_entries = bs_store_load_entries (self->store, bs_source_get_id (source), error);
      if (source_entries == NULL)
        {
          g_prefix_error (error, "Cannot load the entries of %s: ",
                          bs_source_get_feed_url (source));
          return FALSE;
        }
      g_ptr_array_add (entries, source_entries);
    }

  _bs_library_begin_bulk (self);
  for (guint i = 0; i < sources->len; i++)
    {
      BsSource *source = g_ptr_array_index (sources, i);

      if (g_hash_table_contains (self->source_by_id, bs_source_get_id (source)))
        continue;
      _bs_library_attach_source (self, source, g_ptr_array_index (entries, i), self->next_order++);
    }
  _bs_library_end_bulk (self);
  _bs_library_refresh_folders (self);
  _bs_library_sync_counts (self);

  self->loaded = TRUE;
  return TRUE;
}

guint
bs_library_get_total_unread (BsLibrary *self)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), 0);

  return self->notified_total;
}

/**
 * bs_library_get_sources:
 * @self: a library
 *
 * Returns: (transfer none): a GListModel of BsSource, sorted by folder
 *   (sources without one last) then display title
 */
GListModel *
bs_library_get_sources (BsLibrary *self)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->sources_model);
}

/**
 * bs_library_get_folders:
 * @self: a library
 *
 * Returns: (transfer none): a GListModel of BsFolder, sorted by name
 */
GListModel *
bs_library_get_folders (BsLibrary *self)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->folders_model);
}

/**
 * bs_library_lookup_source:
 * @self: a library
 * @id: a source id
 *
 * Returns: (transfer none) (nullable): the source with this id
 */
BsSource *
bs_library_lookup_source (BsLibrary  *self,
                          const char *id)
{
  BsLibrarySource *src;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  src = g_hash_table_lookup (self->source_by_id, id);
  return src != NULL ? src->source : NULL;
}

BsLibrarySource *
_bs_library_get_source (BsLibrary *self,
                        BsSource  *source)
{
  BsLibrarySource *src = g_hash_table_lookup (self->source_by_id, bs_source_get_id (source));

  return src != NULL && src->source == source ? src : NULL;
}

BsLibraryItem *
_bs_library_get_item (BsLibrary *self,
                      BsEntry   *entry)
{
  BsLibrarySource *src = g_hash_table_lookup (self->source_by_id,
                                              bs_entry_get_source_id (entry));
  BsLibraryItem *item;

  if (src == NULL)
    return NULL;
  item = g_hash_table_lookup (src->by_key, bs_entry_get_key (entry));
  return item != NULL && item->entry == entry ? item : NULL;
}

/**
 * bs_library_lookup_entry:
 * @self: a library
 * @source_id: a source id
 * @key: an entry key
 *
 * Returns: (transfer none) (nullable): the entry
 */
BsEntry *
bs_library_lookup_entry (BsLibrary  *self,
                         const char *source_id,
                         const char *key)
{
  BsLibrarySource *src;
  BsLibraryItem *item;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (source_id != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  src = g_hash_table_lookup (self->source_by_id, source_id);
  if (src == NULL)
    return NULL;
  item = g_hash_table_lookup (src->by_key, key);
  return item != NULL ? item->entry : NULL;
}

/**
 * bs_library_get_duplicate_of:
 * @self: a library
 * @entry: an entry of the library
 *
 * Returns: (transfer none) (nullable): the entry shown instead of @entry
 *   in the models that hide duplicates, or NULL when @entry is shown
 */
BsEntry *
bs_library_get_duplicate_of (BsLibrary *self,
                             BsEntry   *entry)
{
  BsLibraryItem *item;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (BS_IS_ENTRY (entry), NULL);

  item = _bs_library_get_item (self, entry);
  if (item == NULL || item->dup_of == NULL)
    return NULL;

  /* Each step goes to a better item, so this ends. */
  while (item->dup_of != NULL)
    item = item->dup_of;
  return item->entry;
}
