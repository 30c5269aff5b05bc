/* bs-original-view.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

/* BsOriginalView: an article's web page itself, in the app, under a
 * banner that says so ("Original Page", "Scripts off · Images shown")
 * with a button back to the article ("back") and a toggle that lets this
 * page's scripts run ("allow-scripts", for this view and this page only:
 * loading another page turns it off again).
 *
 * The page loads from the web as in a browser, images included (the
 * remote images preference is for articles: this is the page the user
 * asked for, and the banner says that its images load), in an ephemeral
 * session of its own (no cookies or storage survive). Unless the user allowed
 * them, its scripts do not run (enable-javascript-markup is off). It
 * cannot navigate the view away: a link the user clicks goes to
 * "open-uri" (the browser), links within the page scroll; redirects of
 * the page itself are followed, but a meta refresh or a script that
 * moves the page elsewhere is not. With scripts off, nothing loads as a
 * page after the page itself (no frames, no meta refresh); with them on,
 * frames do. Forms go nowhere; downloads, permission requests, dialogs
 * and notifications are refused. */

#define BS_TYPE_ORIGINAL_VIEW (bs_original_view_get_type ())

G_DECLARE_FINAL_TYPE (BsOriginalView, bs_original_view, BS, ORIGINAL_VIEW, GtkWidget)

GtkWidget     *bs_original_view_new               (void);
void           bs_original_view_load              (BsOriginalView *self,
                                                   const char     *uri);
void           bs_original_view_clear             (BsOriginalView *self);
const char    *bs_original_view_get_uri           (BsOriginalView *self);
gboolean       bs_original_view_get_allow_scripts (BsOriginalView *self);
void           bs_original_view_set_allow_scripts (BsOriginalView *self,
                                                   gboolean        allow_scripts);
WebKitWebView *bs_original_view_get_web_view      (BsOriginalView *self);

G_END_DECLS
