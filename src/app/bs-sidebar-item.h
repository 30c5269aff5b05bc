/* bs-sidebar-item.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bs-library.h"

G_BEGIN_DECLS

/* BsSidebarItem: one row of the sidebar — a view of the library (all,
 * unread, starred), a folder or a feed — with what the row shows, kept
 * current from the library: title, unread count, icon, error.
 *
 * bs_sidebar_model_new() gives the rows in order: the three views, then
 * each folder followed by its feeds, then the feeds without a folder. It
 * follows the library's sources and folders. Each item has a stable key
 * ("all", "unread", "starred", "folder:NAME", "source:ID") by which the
 * window remembers the selected view. */

typedef enum {
  BS_SIDEBAR_ITEM_ALL,
  BS_SIDEBAR_ITEM_UNREAD,
  BS_SIDEBAR_ITEM_STARRED,
  BS_SIDEBAR_ITEM_FOLDER,
  BS_SIDEBAR_ITEM_SOURCE,
} BsSidebarItemKind;

#define BS_TYPE_SIDEBAR_ITEM (bs_sidebar_item_get_type ())

G_DECLARE_FINAL_TYPE (BsSidebarItem, bs_sidebar_item, BS, SIDEBAR_ITEM, GObject)

BsSidebarItemKind  bs_sidebar_item_get_kind         (BsSidebarItem *self);
const char        *bs_sidebar_item_get_key          (BsSidebarItem *self);
const char        *bs_sidebar_item_get_title        (BsSidebarItem *self);
guint              bs_sidebar_item_get_unread_count (BsSidebarItem *self);
const char        *bs_sidebar_item_get_error        (BsSidebarItem *self);
GdkPaintable      *bs_sidebar_item_get_icon         (BsSidebarItem *self);
const char        *bs_sidebar_item_get_icon_name    (BsSidebarItem *self);
BsSource          *bs_sidebar_item_get_source       (BsSidebarItem *self);
const char        *bs_sidebar_item_get_folder       (BsSidebarItem *self);
GListModel        *bs_sidebar_item_get_entries      (BsSidebarItem *self);

GListModel        *bs_sidebar_model_new             (BsLibrary     *library);
guint              bs_sidebar_model_find            (GListModel    *model,
                                                     const char    *key);

G_END_DECLS
