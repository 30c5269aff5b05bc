/* bs-entry-list.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-entry-list"

#include "config.h"

#include "bs-entry-list.h"
#include "bs-library-private.h"

#include <string.h>

/* The items are the library's BsLibraryItem, not owned, sorted like the
 * library's master array. The library calls _bs_entry_list_update() for
 * every item whose flags, date or duplicate state changed, and
 * _bs_entry_list_refilter() after changes to many. */

struct _BsEntryList
{
  GObject parent_instance;

  GPtrArray         *items;
  gboolean           hide_duplicates;
  BsEntryListFilter  filter;
  gpointer           data;
  GDestroyNotify     destroy;
};

static void bs_entry_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BsEntryList, bs_entry_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      bs_entry_list_model_init))

/**
 * _bs_library_item_compare:
 *
 * The order of every entry model: newest first, then by source id, then by
 * key, so that two different entries never compare equal. @a is taken at
 * the time @a_time (its position may still be that of an older time).
 */
int
_bs_library_item_compare (const BsLibraryItem *a,
                          gint64               a_time,
                          const BsLibraryItem *b)
{
  int cmp;

  if (a_time != b->sort_time)
    return a_time > b->sort_time ? -1 : 1;

  cmp = strcmp (bs_entry_get_source_id (a->entry), bs_entry_get_source_id (b->entry));
  if (cmp != 0)
    return cmp;

  return strcmp (bs_entry_get_key (a->entry), bs_entry_get_key (b->entry));
}

/* Where @item is in the sorted @items if it sits there at @time: TRUE and
 * its index, or FALSE and the index where it would go. */
gboolean
_bs_library_items_find (GPtrArray     *items,
                        BsLibraryItem *item,
                        gint64         time,
                        guint         *position)
{
  guint lo = 0, hi = items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      BsLibraryItem *other = g_ptr_array_index (items, mid);

      if (other == item)
        {
          *position = mid;
          return TRUE;
        }

      if (_bs_library_item_compare (item, time, other) < 0)
        hi = mid;
      else
        lo = mid + 1;
    }

  *position = lo;
  return lo < items->len && g_ptr_array_index (items, lo) == item;
}

static GType
bs_entry_list_get_item_type (GListModel *model)
{
  return BS_TYPE_ENTRY;
}

static guint
bs_entry_list_get_n_items (GListModel *model)
{
  return BS_ENTRY_LIST (model)->items->len;
}

static gpointer
bs_entry_list_get_item (GListModel *model,
                        guint       position)
{
  BsEntryList *self = BS_ENTRY_LIST (model);
  BsLibraryItem *item;

  if (position >= self->items->len)
    return NULL;

  item = g_ptr_array_index (self->items, position);
  return g_object_ref (item->entry);
}

static void
bs_entry_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bs_entry_list_get_item_type;
  iface->get_n_items = bs_entry_list_get_n_items;
  iface->get_item = bs_entry_list_get_item;
}

static void
bs_entry_list_finalize (GObject *object)
{
  BsEntryList *self = (BsEntryList *)object;

  g_ptr_array_unref (self->items);
  if (self->destroy != NULL)
    self->destroy (self->data);

  G_OBJECT_CLASS (bs_entry_list_parent_class)->finalize (object);
}

static void
bs_entry_list_class_init (BsEntryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bs_entry_list_finalize;
}

static void
bs_entry_list_init (BsEntryList *self)
{
  self->items = g_ptr_array_new ();
}

BsEntryList *
_bs_entry_list_new (gboolean          hide_duplicates,
                    BsEntryListFilter filter,
                    gpointer          data,
                    GDestroyNotify    destroy)
{
  BsEntryList *self = g_object_new (BS_TYPE_ENTRY_LIST, NULL);

  self->hide_duplicates = hide_duplicates;
  self->filter = filter;
  self->data = data;
  self->destroy = destroy;
  return self;
}

/**
 * bs_entry_list_get_hides_duplicates:
 * @self: an entry list
 *
 * Returns: whether entries shown through another source are left out
 */
gboolean
bs_entry_list_get_hides_duplicates (BsEntryList *self)
{
  g_return_val_if_fail (BS_IS_ENTRY_LIST (self), FALSE);

  return self->hide_duplicates;
}

gpointer
_bs_entry_list_get_data (BsEntryList *self)
{
  return self->data;
}

gboolean
_bs_entry_list_accepts (BsEntryList   *self,
                        BsLibraryItem *item)
{
  if (item->dead)
    return FALSE;
  if (self->hide_duplicates && item->dup_of != NULL)
    return FALSE;
  return self->filter == NULL || self->filter (item, self->data);
}

/**
 * _bs_entry_list_refilter:
 * @items: every candidate, sorted
 * @filtered: whether @items all pass the filter already (duplicates aside)
 *
 * Replaces the content with the accepted @items and announces it as one
 * change spanning from the first to the last position that differ.
 */
void
_bs_entry_list_refilter (BsEntryList *self,
                         GPtrArray   *items,
                         gboolean     filtered)
{
  g_autoptr(GPtrArray) old = self->items;
  guint prefix = 0, suffix = 0;

  self->items = g_ptr_array_sized_new (MIN (items->len, old->len + 64));
  for (guint i = 0; i < items->len; i++)
    {
      BsLibraryItem *item = g_ptr_array_index (items, i);

      if (filtered ? !item->dead && !(self->hide_duplicates && item->dup_of != NULL)
                   : _bs_entry_list_accepts (self, item))
        g_ptr_array_add (self->items, item);
    }

  while (prefix < old->len && prefix < self->items->len
         && old->pdata[prefix] == self->items->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < self->items->len - prefix
         && old->pdata[old->len - 1 - suffix] == self->items->pdata[self->items->len - 1 - suffix])
    suffix++;

  if (prefix == old->len && prefix == self->items->len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old->len - prefix - suffix,
                              self->items->len - prefix - suffix);
}

/**
 * _bs_entry_list_update:
 * @item: an item whose state changed
 * @old_time: the sort time it had before (its position, if it is in)
 *
 * Adds, removes or moves @item, one items-changed for each step.
 */
void
_bs_entry_list_update (BsEntryList   *self,
                       BsLibraryItem *item,
                       gint64         old_time)
{
  guint pos, new_pos;
  gboolean present = _bs_library_items_find (self->items, item, old_time, &pos);
  gboolean wanted = _bs_entry_list_accepts (self, item);

  if (present && (!wanted || old_time != item->sort_time))
    {
      g_ptr_array_remove_index (self->items, pos);
      if (wanted)
        {
          _bs_library_items_find (self->items, item, item->sort_time, &new_pos);
          g_ptr_array_insert (self->items, new_pos, item);
          if (new_pos != pos)
            {
              g_list_model_items_changed (G_LIST_MODEL (self), MIN (pos, new_pos),
                                          ABS ((int) pos - (int) new_pos) + 1,
                                          ABS ((int) pos - (int) new_pos) + 1);
            }
          return;
        }
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
    }
  else if (!present && wanted)
    {
      _bs_library_items_find (self->items, item, item->sort_time, &new_pos);
      g_ptr_array_insert (self->items, new_pos, item);
      g_list_model_items_changed (G_LIST_MODEL (self), new_pos, 0, 1);
    }
}

/* The library is going away: its items with it. */
void
_bs_entry_list_detach (BsEntryList *self)
{
  guint n = self->items->len;

  g_ptr_array_set_size (self->items, 0);
  self->filter = NULL;
  self->hide_duplicates = FALSE;
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

BsEntryListFilter
_bs_entry_list_get_filter (BsEntryList *self)
{
  return self->filter;
}
