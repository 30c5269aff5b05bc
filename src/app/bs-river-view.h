/* bs-river-view.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "bs-library.h"

G_BEGIN_DECLS

/* BsRiverView: a river of news, Planet style. The articles of a
 * GListModel of BsEntry (newest first) one after the other with their
 * whole bodies, under a heading for each day ("Today", "Yesterday", the
 * weekday, then the date), each with its source, title (a link to the
 * article), author and time. It is a BsWebView: the same protections and
 * typography as the article view (see bs-web-view.h).
 *
 * Loading. The document starts empty; its own script (in the isolated
 * world) asks for articles whenever the reader is within two screens of
 * the bottom, and the view appends the next articles of the model, 30 at a
 * time. The same article through two sources is shown once (once per
 * bs_library_get_duplicate_of() original).
 *
 * Following the model. Articles that arrive in the part of the model
 * already shown (a refresh) are put in their place; those above the
 * reader's position do not move it, and a "N New Articles" button at the
 * top takes the reader up to them. Articles leaving the model stay on
 * the page until the river is shown again (bs_river_view_set_model()).
 *
 * Reading. With "mark-read" on, an article is marked read when it has
 * scrolled out at the top (and the last ones when the reader scrolls to
 * the very end). With "unread-only", the articles read by the time the
 * river reaches them are left out. Links open through "open-uri". */

#define BS_TYPE_RIVER_VIEW (bs_river_view_get_type ())

G_DECLARE_FINAL_TYPE (BsRiverView, bs_river_view, BS, RIVER_VIEW, GtkWidget)

GtkWidget     *bs_river_view_new               (void);
void           bs_river_view_set_library       (BsRiverView *self,
                                                BsLibrary   *library);
void           bs_river_view_set_model         (BsRiverView *self,
                                                GListModel  *model);
GListModel    *bs_river_view_get_model         (BsRiverView *self);
gboolean       bs_river_view_get_remote_images (BsRiverView *self);
void           bs_river_view_set_remote_images (BsRiverView *self,
                                                gboolean     remote_images);
guint          bs_river_view_get_font_size     (BsRiverView *self);
void           bs_river_view_set_font_size     (BsRiverView *self,
                                                guint        points);
gboolean       bs_river_view_get_mark_read     (BsRiverView *self);
void           bs_river_view_set_mark_read     (BsRiverView *self,
                                                gboolean     mark_read);
gboolean       bs_river_view_get_unread_only   (BsRiverView *self);
void           bs_river_view_set_unread_only   (BsRiverView *self,
                                                gboolean     unread_only);
guint          bs_river_view_get_n_shown       (BsRiverView *self);
guint          bs_river_view_get_n_new         (BsRiverView *self);
void           bs_river_view_show_entry        (BsRiverView *self,
                                                BsEntry     *entry);
void           bs_river_view_scroll            (BsRiverView *self,
                                                int          direction);
WebKitWebView *bs_river_view_get_web_view      (BsRiverView *self);

G_END_DECLS
