/* bs-sidebar-menu.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bs-sidebar-item.h"
#include "bs-window.h"

G_BEGIN_DECLS

/* The context menu of a sidebar row (secondary click, long press, or the
 * Menu key / Shift+F10 on the selected row): for a feed, refresh, mark all
 * read, rename, move to a folder, mute its notifications (a check; also a
 * switch in its properties), properties and unsubscribe (with an undo
 * toast); for a folder, refresh, mark all read and rename; for the views,
 * refresh and mark all read. The actions, "sidebar.NAME", act on the row's
 * item and are also callable from tests through bs_sidebar_menu_activate(). */

void     bs_sidebar_menu_attach   (GtkWidget     *row,
                                   BsWindow      *window);
void     bs_sidebar_menu_set_item (GtkWidget     *row,
                                   BsSidebarItem *item);
void     bs_sidebar_menu_popup    (GtkWidget     *row);
gboolean bs_sidebar_menu_activate (BsWindow      *window,
                                   BsSidebarItem *item,
                                   const char    *action);

G_END_DECLS
