/* bs-window.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bs-application.h"
#include "bs-sidebar-item.h"

G_BEGIN_DECLS

/* BsWindow: the main window — feeds and views in the sidebar, the
 * articles of the selected view in a list, the selected article beside it;
 * one pane at a time on narrow screens (an AdwLeaflet).
 *
 * Keyboard (when the focus is not in a text field): j or n next article,
 * k or p previous, Space scrolls the article then moves to the next, m
 * toggles read, s toggles the star, o opens the article in the browser,
 * f shows the whole article from its web page (reader mode) or the
 * feed's text again,
 * v shows the river of news, r refreshes, Shift+A marks the view read,
 * Menu or Shift+F10 opens a sidebar row's menu; Ctrl+F searches,
 * Ctrl+plus/minus/0 zoom the article. */

#define BS_TYPE_WINDOW (bs_window_get_type ())

G_DECLARE_FINAL_TYPE (BsWindow, bs_window, BS, WINDOW, AdwApplicationWindow)

BsWindow      *bs_window_new              (BsApplication *application);

void           bs_window_select_view      (BsWindow      *self,
                                           const char    *key);
void           bs_window_show_articles    (BsWindow      *self,
                                           const char    *title,
                                           GListModel    *entries);
const char    *bs_window_get_view         (BsWindow      *self);
GListModel    *bs_window_get_entries      (BsWindow      *self);
BsEntry       *bs_window_get_selected_entry (BsWindow    *self);
gboolean       bs_window_select_entry     (BsWindow      *self,
                                           guint          position);
GtkWidget     *bs_window_get_article_view (BsWindow      *self);
void           bs_window_add_toast        (BsWindow      *self,
                                           AdwToast      *toast);

G_END_DECLS
