/* bs-library-models.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-library"

#include "config.h"

#include "bs-library-private.h"

/* The entry models of a library and their filters. */

static gboolean
unread_filter (BsLibraryItem *item,
               gpointer       data)
{
  return !bs_entry_get_read (item->entry);
}

static gboolean
starred_filter (BsLibraryItem *item,
                gpointer       data)
{
  return bs_entry_get_starred (item->entry);
}

static gboolean
source_filter (BsLibraryItem *item,
               gpointer       data)
{
  return item->src->source == data;
}

static gboolean
folder_filter (BsLibraryItem *item,
               gpointer       data)
{
  return g_strcmp0 (item->src->folder, data) == 0;
}

/* The lists of one folder, to rebuild when sources move. */
void
_bs_library_refilter_folder_lists (BsLibrary *self)
{
  for (guint i = 0; i < self->lists->len; i++)
    {
      BsEntryList *list = g_ptr_array_index (self->lists, i);

      if (_bs_entry_list_get_filter (list) == folder_filter)
        _bs_entry_list_refilter (list, self->items, FALSE);
    }
}

/* An existing list of this kind, with a new reference, or NULL. */
static GListModel *
find_list (BsLibrary         *self,
           BsEntryListFilter  filter,
           gconstpointer      data,
           GEqualFunc         equal)
{
  for (guint i = 0; i < self->lists->len; i++)
    {
      BsEntryList *list = g_ptr_array_index (self->lists, i);

      if (_bs_entry_list_get_filter (list) == filter
          && equal (_bs_entry_list_get_data (list), data))
        return g_object_ref (G_LIST_MODEL (list));
    }
  return NULL;
}

void
_bs_library_init_models (BsLibrary *self)
{
  self->all_list = _bs_library_track_list (self, _bs_entry_list_new (TRUE, NULL, NULL, NULL),
                                           NULL);
  self->unread_list = _bs_library_track_list (self, _bs_entry_list_new (TRUE, unread_filter,
                                                                        NULL, NULL),
                                              NULL);
  self->starred_list = _bs_library_track_list (self, _bs_entry_list_new (FALSE, starred_filter,
                                                                         NULL, NULL),
                                               NULL);
}

/**
 * bs_library_get_all_entries:
 * @self: a library
 *
 * Returns: (transfer none): every entry, duplicates shown once
 */
GListModel *
bs_library_get_all_entries (BsLibrary *self)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->all_list);
}

/**
 * bs_library_get_unread_entries:
 * @self: a library
 *
 * Returns: (transfer none): the unread entries, duplicates shown once
 */
GListModel *
bs_library_get_unread_entries (BsLibrary *self)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->unread_list);
}

/**
 * bs_library_get_starred_entries:
 * @self: a library
 *
 * Returns: (transfer none): the starred entries, every one of them
 */
GListModel *
bs_library_get_starred_entries (BsLibrary *self)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->starred_list);
}

/**
 * bs_library_get_source_entries:
 * @self: a library
 * @source: a source of the library
 *
 * Returns: (transfer full): every entry of @source, duplicates included;
 *   the same model while a reference to it is held
 */
GListModel *
bs_library_get_source_entries (BsLibrary *self,
                               BsSource  *source)
{
  GListModel *model;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (BS_IS_SOURCE (source), NULL);

  model = find_list (self, source_filter, source, g_direct_equal);
  if (model != NULL)
    return model;

  return G_LIST_MODEL (_bs_library_track_list (self,
                                   _bs_entry_list_new (FALSE, source_filter,
                                                       g_object_ref (source),
                                                       g_object_unref),
                                   NULL));
}

/**
 * bs_library_get_folder_entries:
 * @self: a library
 * @folder: a folder name
 *
 * Returns: (transfer full): the entries of the sources in @folder,
 *   duplicates shown once; the same model while a reference is held
 */
GListModel *
bs_library_get_folder_entries (BsLibrary  *self,
                               const char *folder)
{
  GListModel *model;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  model = find_list (self, folder_filter, folder, g_str_equal);
  if (model != NULL)
    return model;

  return G_LIST_MODEL (_bs_library_track_list (self,
                                   _bs_entry_list_new (TRUE, folder_filter,
                                                       g_strdup (folder), g_free),
                                   NULL));
}
