/* bs-river-view-loading.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include "bs-river-view-private.h"

/* Which articles go on the river's page, and when: the next ones of the
 * model whenever the page's script asks for more (each once, and once
 * per original of duplicates), those that arrive in the part already
 * shown, scrolling to one further down; and the messages of the script
 * (more, an article passed, the reader at the top). */

#define BATCH_SIZE 30

/* Taking articles from the model */

static BsEntry *
original_of (BsRiverView *self,
             BsEntry     *entry)
{
  BsEntry *original = self->library != NULL ? bs_library_get_duplicate_of (self->library, entry) : NULL;

  return original != NULL ? original : entry;
}

/* Takes @entry for the document: its id, or 0 when it is not to be shown
 * (taken before, a duplicate of one shown, or read when only unread
 * articles are shown). */
static guint
take (BsRiverView *self,
      BsEntry     *entry)
{
  BsEntry *original = original_of (self, entry);
  guint id;

  if (g_hash_table_contains (self->seen, entry))
    return 0;
  if (g_hash_table_contains (self->originals, original)
      || (self->unread_only && bs_entry_get_read (entry)))
    {
      g_hash_table_insert (self->seen, g_object_ref (entry), GUINT_TO_POINTER (0));
      return 0;
    }

  id = ++self->next_id;
  g_hash_table_insert (self->seen, g_object_ref (entry), GUINT_TO_POINTER (id));
  g_hash_table_add (self->originals, g_object_ref (original));
  g_hash_table_insert (self->by_id, GUINT_TO_POINTER (id), g_object_ref (entry));
  return id;
}

static guint
n_items (BsRiverView *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

/* Appends the next articles of the model, up to position @through at
 * least (G_MAXUINT for one batch). */
static void
send_more (BsRiverView *self,
           guint        through,
           gboolean     answer)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (BsRiverItem));
  guint n = n_items (self);

  while (self->cursor < n && (items->len < BATCH_SIZE
                              || (through != G_MAXUINT && self->cursor <= through)))
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (self->model, self->cursor++);
      BsRiverItem item = { entry, take (self, entry), 0 };

      if (item.id != 0)
        g_array_append_val (items, item);
    }
  _bs_river_view_send (self, items, self->cursor >= n, answer);
}

static guint
id_of (BsRiverView *self,
       BsEntry     *entry)
{
  gpointer id;

  if (g_hash_table_lookup_extended (self->seen, entry, NULL, &id) && GPOINTER_TO_UINT (id) != 0)
    return GPOINTER_TO_UINT (id);

  /* a duplicate: where its original, or the copy shown, is */
  if (g_hash_table_contains (self->originals, original_of (self, entry)))
    {
      GHashTableIter iter;
      gpointer key, value;
      BsEntry *original = original_of (self, entry);

      g_hash_table_iter_init (&iter, self->seen);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (value) != 0 && original_of (self, key) == original)
          return GPOINTER_TO_UINT (value);
    }
  return 0;
}

void
_bs_river_view_scroll_to (BsRiverView *self,
                          BsEntry     *entry)
{
  guint id = id_of (self, entry);
  GVariantDict args;

  if (id == 0)
    {
      guint n = n_items (self);

      /* further down the model: load down to it */
      for (guint i = self->cursor; i < n; i++)
        {
          g_autoptr(BsEntry) item = g_list_model_get_item (self->model, i);

          if (item == entry || original_of (self, item) == original_of (self, entry))
            {
              send_more (self, i, FALSE);
              break;
            }
        }
      id = id_of (self, entry);
    }
  if (id == 0)
    return;

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "id", "u", id);
  _bs_river_view_call_simple (self, "return bsRiver.show (id);", g_variant_dict_end (&args));
}

/* Following the model */

/* The model changed. Positions before the cursor are on the page: an
 * entry arriving there that is not is put before the next one that is
 * (from the last to the first, so that each finds the one after it). */
void
_bs_river_view_items_changed_cb (GListModel  *model,
                                 guint        position,
                                 guint        removed,
                                 guint        added,
                                 BsRiverView *self)
{
  g_autoptr(GArray) items = NULL;
  guint old_cursor = self->cursor;
  guint end;

  if (!self->ready)
    return;

  if (position >= old_cursor)
    {
      /* beyond what was taken: more to come again */
      if (added > 0 && self->sent_last)
        {
          g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (BsRiverItem));

          _bs_river_view_send (self, none, 0, FALSE);
        }
      return;
    }

  if (old_cursor > position + removed)
    {
      self->cursor = old_cursor - removed + added;
      end = position + added;
    }
  else
    {
      /* the change spans the cursor: taken are those up to the last one
       * already on the page */
      self->cursor = position;
      for (guint i = added; i > 0; i--)
        {
          g_autoptr(BsEntry) entry = g_list_model_get_item (model, position + i - 1);

          if (g_hash_table_contains (self->seen, entry))
            {
              self->cursor = position + i;
              break;
            }
        }
      end = self->cursor;
    }

  items = g_array_new (FALSE, FALSE, sizeof (BsRiverItem));
  for (guint i = end; i > position; i--)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (model, i - 1);
      BsRiverItem item = { NULL, 0, 0 };

      if (g_hash_table_contains (self->seen, entry))
        continue;
      item.id = take (self, entry);
      if (item.id == 0)
        continue;
      item.entry = entry;

      for (guint j = i; j < self->cursor && item.before == 0; j++)
        {
          g_autoptr(BsEntry) next = g_list_model_get_item (model, j);
          gpointer id;

          if (g_hash_table_lookup_extended (self->seen, next, NULL, &id))
            item.before = GPOINTER_TO_UINT (id);
        }
      g_array_append_val (items, item);
    }
  if (items->len > 0)
    _bs_river_view_send (self, items, -1, FALSE);
}

/* The messages of the page's script */

void
_bs_river_view_message_cb (WebKitUserContentManager *manager,
                           JSCValue                 *message,
                           BsRiverView              *self)
{
  g_autoptr(JSCValue) generation = NULL;
  g_autoptr(JSCValue) type_value = NULL;
  g_autofree char *type = NULL;

  if (!jsc_value_is_object (message))
    return;
  generation = jsc_value_object_get_property (message, "generation");
  type_value = jsc_value_object_get_property (message, "type");
  if (!jsc_value_is_number (generation) || !jsc_value_is_string (type_value)
      || (guint) jsc_value_to_int32 (generation) != self->generation)
    return;
  type = jsc_value_to_string (type_value);

  if (g_str_equal (type, "more"))
    {
      gboolean first = !self->ready;

      self->ready = TRUE;
      send_more (self, G_MAXUINT, TRUE);
      if (first && self->pending_show != NULL)
        {
          g_autoptr(BsEntry) entry = g_steal_pointer (&self->pending_show);

          _bs_river_view_scroll_to (self, entry);
        }
    }
  else if (g_str_equal (type, "passed"))
    {
      g_autoptr(JSCValue) id = jsc_value_object_get_property (message, "id");
      BsEntry *entry = NULL;

      if (jsc_value_is_number (id))
        entry = g_hash_table_lookup (self->by_id, GINT_TO_POINTER (jsc_value_to_int32 (id)));
      if (entry != NULL && self->mark_read && self->library != NULL && !bs_entry_get_read (entry))
        bs_library_set_read (self->library, entry, TRUE);
    }
  else if (g_str_equal (type, "top"))
    {
      _bs_river_view_set_n_new (self, 0);
    }
}

