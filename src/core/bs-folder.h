/* bs-folder.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* BsFolder: a folder of the subscription list, as BsLibrary lists them.
 *
 * Folders have one level and exist while a source is in them: a source
 * names its folder (BsSource:folder), the library gathers the names. The
 * name is fixed; renaming a folder (bs_library_rename_folder()) moves its
 * sources to a folder of the new name. unread-count is read-only as a
 * property: the library keeps it, the sum of its sources' unread counts. */

#define BS_TYPE_FOLDER (bs_folder_get_type ())

G_DECLARE_FINAL_TYPE (BsFolder, bs_folder, BS, FOLDER, GObject)

BsFolder   *bs_folder_new              (const char *name);
const char *bs_folder_get_name         (BsFolder   *self);
guint       bs_folder_get_unread_count (BsFolder   *self);
void        bs_folder_set_unread_count (BsFolder   *self,
                                        guint       unread_count);

G_END_DECLS
