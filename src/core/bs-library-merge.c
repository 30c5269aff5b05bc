/* bs-library-merge.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-library"

#include "config.h"

#include "bs-library-private.h"

#include <string.h>

/* Merging a parsed feed into a source's entries, and retention. */

/* A feed with more entries than this is merged as a bulk change: the
 * models are rebuilt once instead of moving entry by entry. */
#define BULK_MERGE_THRESHOLD 64

#define DAY (24 * 60 * 60)

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

/* Copies what the feed says into @entry; whether anything changed. The
 * flags and first-seen stay. */
static gboolean
update_entry (BsEntry *entry,
              BsEntry *fresh)
{
  gboolean changed = FALSE;

#define UPDATE_STRING(field) \
  if (g_strcmp0 (bs_entry_get_##field (entry), bs_entry_get_##field (fresh)) != 0) \
    { \
      bs_entry_set_##field (entry, bs_entry_get_##field (fresh)); \
      changed = TRUE; \
    }

  UPDATE_STRING (title)
  UPDATE_STRING (link)
  UPDATE_STRING (author)
  UPDATE_STRING (summary)
  UPDATE_STRING (content)
  UPDATE_STRING (thumbnail)

#undef UPDATE_STRING

  if (bs_entry_get_published (entry) != bs_entry_get_published (fresh))
    {
      bs_entry_set_published (entry, bs_entry_get_published (fresh));
      changed = TRUE;
    }
  if (bs_entry_get_updated (entry) != bs_entry_get_updated (fresh))
    {
      bs_entry_set_updated (entry, bs_entry_get_updated (fresh));
      changed = TRUE;
    }
  if (!bs_entry_enclosures_equal (bs_entry_get_enclosures (entry), bs_entry_get_enclosures (fresh)))
    {
      bs_entry_set_enclosures (entry, bs_entry_get_enclosures (fresh));
      changed = TRUE;
    }
  if (!strv_equal0 (bs_entry_get_categories (entry), bs_entry_get_categories (fresh)))
    {
      bs_entry_set_categories (entry, bs_entry_get_categories (fresh));
      changed = TRUE;
    }

  return changed;
}

/* @item's fields changed: new position, new duplicate keys, new text. */
static void
item_updated (BsLibrary     *self,
              BsLibraryItem *item)
{
  gint64 old_time = item->sort_time;

  _bs_library_dups_remove (self, item);
  _bs_library_item_update_keys (item);
  g_clear_pointer (&item->search_text, g_free);
  _bs_library_forget_search (self);
  _bs_library_item_changed (self, item, old_time);
  _bs_library_dups_add (self, item);
}

/* A new entry comes read when the same article was read elsewhere. */
static void
inherit_read (BsLibrary     *self,
              BsLibraryItem *item)
{
  g_autoptr(GPtrArray) neighbours = NULL;

  if (bs_entry_get_read (item->entry))
    return;

  neighbours = _bs_library_dups_neighbours (self, item);
  for (guint i = 0; i < neighbours->len; i++)
    {
      BsLibraryItem *other = g_ptr_array_index (neighbours, i);

      if (bs_entry_get_read (other->entry))
        {
          _bs_library_set_item_read (self, item, TRUE);
          return;
        }
    }
}

static gboolean
set_if_given (BsSource    *source,
              const char  *value,
              const char *(*get) (BsSource *),
              void       (*set) (BsSource *, const char *))
{
  if (value == NULL || value[0] == '\0' || g_strcmp0 (get (source), value) == 0)
    return FALSE;
  set (source, value);
  return TRUE;
}

/**
 * bs_library_merge_feed:
 * @self: a library over a writable store
 * @source: a source of the library
 * @feed: what its feed gave, parsed and sanitised
 * @now: the current time, the first-seen of new entries
 * @result: (out) (optional): what was done
 *
 * Merges @feed into the entries of @source. Entries are identified by
 * bs_entry_compute_key(): a new one is added, unread (unless the same
 * article was already read through another source) and first seen @now;
 * a known one is updated in place and keeps its flags and first-seen; an
 * entry that appears twice in @feed is taken once, the first time. Entries
 * missing from @feed stay (see bs_library_apply_retention(), which
 * remembers the keys of @feed). The source's title and site URL follow the
 * feed's (a custom title is the user's and stays). Changes are saved.
 *
 * Returns: whether any entry was added or changed
 */
gboolean
bs_library_merge_feed (BsLibrary     *self,
                       BsSource      *source,
                       const BsFeed  *feed,
                       gint64         now,
                       BsMergeResult *result)
{
  BsMergeResult counts = { 0, 0, 0 };
  BsLibrarySource *src;
  GHashTable *keys;
  const char *source_id;
  gboolean bulk;

  g_return_val_if_fail (BS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (BS_IS_SOURCE (source), FALSE);
  g_return_val_if_fail (feed != NULL, FALSE);
  g_return_val_if_fail (bs_store_get_writable (self->store), FALSE);

  src = _bs_library_get_source (self, source);
  g_return_val_if_fail (src != NULL, FALSE);

  source_id = bs_source_get_id (source);
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bulk = feed->entries != NULL && feed->entries->len > BULK_MERGE_THRESHOLD;
  if (bulk)
    _bs_library_begin_bulk (self);

  for (guint i = 0; feed->entries != NULL && i < feed->entries->len; i++)
    {
      const BsFeedEntry *fe = g_ptr_array_index (feed->entries, i);
      g_autoptr(BsEntry) fresh = bs_entry_new_from_feed_entry (source_id, fe, now);
      const char *key = bs_entry_get_key (fresh);
      BsLibraryItem *item;
      gboolean read, starred;

      if (!g_hash_table_add (keys, g_strdup (key)))
        continue;

      item = g_hash_table_lookup (src->by_key, key);
      if (item != NULL)
        {
          if (update_entry (item->entry, fresh))
            {
              item_updated (self, item);
              counts.n_updated++;
            }
          else
            counts.n_unchanged++;
          continue;
        }

      /* Flags the store still has for this key (normally none). */
      if (bs_store_get_flags (self->store, source_id, key, &read, &starred))
        {
          bs_entry_set_read (fresh, read);
          bs_entry_set_starred (fresh, starred);
        }

      item = _bs_library_item_new (src, fresh);
      g_ptr_array_add (src->items, item);
      g_hash_table_insert (src->by_key, (gpointer) bs_entry_get_key (item->entry), item);
      _bs_library_item_added (self, item);
      inherit_read (self, item);
      counts.n_new++;
    }

  g_clear_pointer (&src->feed_keys, g_hash_table_unref);
  src->feed_keys = keys;

  if (bulk)
    _bs_library_end_bulk (self);

  if (set_if_given (source, feed->title, bs_source_get_title, bs_source_set_title)
      | set_if_given (source, feed->link, bs_source_get_site_url, bs_source_set_site_url))
    bs_library_save_sources (self);
  if (counts.n_new > 0 || counts.n_updated > 0)
    _bs_library_save_entries (self, src);
  _bs_library_sync_counts (self);

  if (result != NULL)
    *result = counts;
  return counts.n_new > 0 || counts.n_updated > 0;
}

static int
item_sort_cb (gconstpointer a,
              gconstpointer b)
{
  const BsLibraryItem *x = *(BsLibraryItem * const *) a;
  const BsLibraryItem *y = *(BsLibraryItem * const *) b;

  return _bs_library_item_compare (x, x->sort_time, y);
}

/* Removes from @src what @policy allows; how many. */
static guint
apply_to_source (BsLibrary               *self,
                 BsLibrarySource         *src,
                 const BsRetentionPolicy *policy,
                 gint64                   now,
                 GHashTable              *in_feed)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (src->items, NULL, NULL);
  gint64 cutoff = now - (gint64) policy->max_age_days * DAY;
  guint removed = 0, kept = 0;

  g_ptr_array_sort (sorted, item_sort_cb);
  for (guint i = 0; i < sorted->len; i++)
    {
      BsLibraryItem *item = g_ptr_array_index (sorted, i);
      BsEntry *entry = item->entry;
      gboolean over = policy->max_per_source > 0 && i >= policy->max_per_source;
      gboolean old = policy->max_age_days > 0 && item->sort_time < cutoff;

      if (!over && !old)
        continue;
      if (bs_entry_get_starred (entry)
          || g_hash_table_contains (in_feed, bs_entry_get_key (entry))
          || (!bs_entry_get_read (entry) && !policy->remove_unread))
        continue;

      g_hash_table_remove (src->by_key, bs_entry_get_key (entry));
      bs_store_set_flags (self->store, bs_entry_get_source_id (entry),
                          bs_entry_get_key (entry), FALSE, FALSE);
      _bs_library_item_removed (self, item);
      removed++;
    }

  if (removed == 0)
    return 0;

  for (guint i = 0; i < src->items->len; i++)
    {
      BsLibraryItem *item = g_ptr_array_index (src->items, i);

      if (!item->dead)
        src->items->pdata[kept++] = item;
    }
  g_ptr_array_set_size (src->items, kept);
  _bs_library_save_entries (self, src);
  return removed;
}

/**
 * bs_library_apply_retention:
 * @self: a library over a writable store
 * @policy: what may go
 * @now: the current time
 * @keys_in_feed: (nullable) (element-type utf8 GHashTable): source id →
 *   set of the keys (bs_entry_compute_key()) its feed has now; for a
 *   source not in it, the keys of its last bs_library_merge_feed() are used
 *
 * Removes the entries that are older than @policy's age or past its count
 * per source (newest first, starred and in-feed entries counted too),
 * except: starred entries, entries still in the feed, and unread entries
 * unless @policy allows it. A source whose feed keys are not known
 * (nothing merged since the library was loaded, and not in @keys_in_feed)
 * is left alone: removing what is still in the feed would bring it back
 * as new at the next refresh. Removed entries' flags are cleared and the
 * entries files saved.
 *
 * Returns: the number of entries removed
 */
guint
bs_library_apply_retention (BsLibrary               *self,
                            const BsRetentionPolicy *policy,
                            gint64                   now,
                            GHashTable              *keys_in_feed)
{
  guint removed = 0;

  g_return_val_if_fail (BS_IS_LIBRARY (self), 0);
  g_return_val_if_fail (policy != NULL, 0);
  g_return_val_if_fail (bs_store_get_writable (self->store), 0);

  if (policy->max_age_days == 0 && policy->max_per_source == 0)
    return 0;

  _bs_library_begin_bulk (self);
  for (guint i = 0; i < self->sources->len; i++)
    {
      BsLibrarySource *src = g_ptr_array_index (self->sources, i);
      GHashTable *in_feed = NULL;

      if (keys_in_feed != NULL)
        in_feed = g_hash_table_lookup (keys_in_feed, bs_source_get_id (src->source));
      if (in_feed == NULL)
        in_feed = src->feed_keys;
      if (in_feed == NULL)
        continue;

      removed += apply_to_source (self, src, policy, now, in_feed);
    }
  _bs_library_end_bulk (self);
  _bs_library_sync_counts (self);

  return removed;
}
