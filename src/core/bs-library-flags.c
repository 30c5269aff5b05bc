/* bs-library-flags.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-library"

#include "config.h"

#include "bs-library-private.h"

/* The read and starred flags: one entry (and its duplicates through other
 * sources), or every entry of a source, a folder or the library. */

static gboolean
set_item_flags (BsLibrary     *self,
                BsLibraryItem *item,
                gboolean       read,
                gboolean       starred)
{
  BsEntry *entry = item->entry;

  read = !!read;
  starred = !!starred;
  if (bs_entry_get_read (entry) == read && bs_entry_get_starred (entry) == starred)
    return FALSE;

  bs_entry_set_read (entry, read);
  bs_entry_set_starred (entry, starred);
  bs_store_set_flags (self->store, bs_entry_get_source_id (entry), bs_entry_get_key (entry),
                      read, starred);
  _bs_library_item_changed (self, item, item->sort_time);
  return TRUE;
}

/* Marks @item and its duplicates; whether @item changed. */
gboolean
_bs_library_set_item_read (BsLibrary     *self,
                           BsLibraryItem *item,
                           gboolean       read)
{
  g_autoptr(GPtrArray) neighbours = _bs_library_dups_neighbours (self, item);
  gboolean changed;

  changed = set_item_flags (self, item, read, bs_entry_get_starred (item->entry));
  for (guint i = 0; i < neighbours->len; i++)
    {
      BsLibraryItem *other = g_ptr_array_index (neighbours, i);

      set_item_flags (self, other, read, bs_entry_get_starred (other->entry));
    }
  return changed;
}

/**
 * bs_library_set_read:
 * @self: a library over a writable store
 * @entry: an entry of the library
 * @read: whether it is read
 *
 * Marks @entry, and the same article in other sources, read or unread.
 */
void
bs_library_set_read (BsLibrary *self,
                     BsEntry   *entry,
                     gboolean   read)
{
  BsLibraryItem *item;

  g_return_if_fail (BS_IS_LIBRARY (self));
  g_return_if_fail (BS_IS_ENTRY (entry));
  g_return_if_fail (bs_store_get_writable (self->store));

  item = _bs_library_get_item (self, entry);
  g_return_if_fail (item != NULL);

  _bs_library_set_item_read (self, item, read);
  _bs_library_sync_counts (self);
}

/**
 * bs_library_set_starred:
 * @self: a library over a writable store
 * @entry: an entry of the library
 * @starred: whether it is starred
 */
void
bs_library_set_starred (BsLibrary *self,
                        BsEntry   *entry,
                        gboolean   starred)
{
  BsLibraryItem *item;

  g_return_if_fail (BS_IS_LIBRARY (self));
  g_return_if_fail (BS_IS_ENTRY (entry));
  g_return_if_fail (bs_store_get_writable (self->store));

  item = _bs_library_get_item (self, entry);
  g_return_if_fail (item != NULL);

  set_item_flags (self, item, bs_entry_get_read (entry), starred);
  _bs_library_sync_counts (self);
}

/* Marks read every entry of the sources @match accepts. */
static guint
mark_read (BsLibrary  *self,
           gboolean  (*match) (BsLibrarySource *src,
                               gconstpointer    data),
           gconstpointer data)
{
  guint n = 0;

  _bs_library_begin_bulk (self);
  for (guint i = 0; i < self->sources->len; i++)
    {
      BsLibrarySource *src = g_ptr_array_index (self->sources, i);

      if (src->unread == 0 || !match (src, data))
        continue;
      for (guint j = 0; j < src->items->len; j++)
        if (_bs_library_set_item_read (self, g_ptr_array_index (src->items, j), TRUE))
          n++;
    }
  _bs_library_end_bulk (self);
  _bs_library_sync_counts (self);
  return n;
}

static gboolean
is_source (BsLibrarySource *src,
           gconstpointer    data)
{
  return src->source == data;
}

static gboolean
in_folder (BsLibrarySource *src,
           gconstpointer    data)
{
  return g_strcmp0 (src->folder, data) == 0;
}

static gboolean
any_source (BsLibrarySource *src,
            gconstpointer    data)
{
  return TRUE;
}

/**
 * bs_library_mark_source_read:
 * @self: a library over a writable store
 * @source: a source of the library
 *
 * Returns: how many entries of @source were unread
 */
guint
bs_library_mark_source_read (BsLibrary *self,
                             BsSource  *source)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), 0);
  g_return_val_if_fail (BS_IS_SOURCE (source), 0);
  g_return_val_if_fail (bs_store_get_writable (self->store), 0);

  return mark_read (self, is_source, source);
}

/**
 * bs_library_mark_folder_read:
 * @self: a library over a writable store
 * @folder: a folder name
 *
 * Returns: how many entries of the folder's sources were unread
 */
guint
bs_library_mark_folder_read (BsLibrary  *self,
                             const char *folder)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), 0);
  g_return_val_if_fail (folder != NULL, 0);
  g_return_val_if_fail (bs_store_get_writable (self->store), 0);

  return mark_read (self, in_folder, folder);
}

/**
 * bs_library_mark_all_read:
 * @self: a library over a writable store
 *
 * Returns: how many entries were unread
 */
guint
bs_library_mark_all_read (BsLibrary *self)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), 0);
  g_return_val_if_fail (bs_store_get_writable (self->store), 0);

  return mark_read (self, any_source, NULL);
}
