/* bs-web-view.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

/* BsWebView: a WebKitWebView locked down for showing feed content, which
 * is hostile input. Both the article view and the river of news are one.
 *
 * - Page scripts never run: enable-javascript-markup is off, so neither
 *   <script> nor inline handlers nor javascript: URLs do. The app's own
 *   scripts run in the isolated world BS_WEB_VIEW_WORLD (user scripts,
 *   webkit_web_view_evaluate_javascript() and friends), where the app's
 *   script message handlers live too; the page's world has none.
 * - The documents shown carry a strict Content-Security-Policy
 *   (bs_web_html_append_head()): nothing loads but images and media,
 *   and those from the web only when remote images are on.
 * - A content filter (WebKitUserContentFilter, compiled once into the
 *   user's cache) blocks every http(s), ws(s), ftp and file load; with
 *   remote images on it lets images and media from http(s) through. It is
 *   a second wall behind the CSP: a document is loaded only once the
 *   filters were compiled ("ready"). When one could not be (the cache is
 *   not writable), documents still load under their CSP, which alone
 *   stops remote images when they are off; a page (which has no CSP of
 *   ours) is not loaded at all (bs_web_view_get_filtered()).
 * - The view never navigates: bs_web_view_load_document() (and
 *   bs_web_view_load_page(), for reader mode's hidden view) is the only
 *   load allowed. A link the user clicks (also middle-click or
 *   target=_blank) is handed to "open-uri" (http, https and mailto); form
 *   submissions, meta refreshes, window.open and frames go nowhere.
 * - One ephemeral network session for all of them: no cookies, cache or
 *   storage survive; downloads are cancelled, permission requests denied,
 *   HTTP authentication refused (no password prompt from an image), and
 *   the context menu offers only copying.
 * - Ctrl+plus, Ctrl+minus and Ctrl+0 zoom the view (zoom-level). */

#define BS_WEB_VIEW_WORLD "broadsheet"

#define BS_TYPE_WEB_VIEW (bs_web_view_get_type ())

G_DECLARE_FINAL_TYPE (BsWebView, bs_web_view, BS, WEB_VIEW, WebKitWebView)

BsWebView *bs_web_view_new                (void);
void       bs_web_view_load_document      (BsWebView  *self,
                                           const char *html);
void       bs_web_view_load_page          (BsWebView  *self,
                                           GBytes     *page,
                                           const char *charset);
gboolean   bs_web_view_get_remote_images  (BsWebView  *self);
void       bs_web_view_set_remote_images  (BsWebView  *self,
                                           gboolean    remote_images);
void       bs_web_view_zoom               (BsWebView  *self,
                                           int         direction);
gboolean   bs_web_view_get_ready          (BsWebView  *self);
gboolean   bs_web_view_get_filtered       (BsWebView  *self);
gboolean   bs_web_view_get_filters_failed (void);

void       bs_web_view_refuse_page_requests (WebKitWebView        *web_view);
void       bs_web_view_cancel_downloads     (WebKitNetworkSession *session);
WebKitNetworkSession *bs_web_view_ref_session  (WebKitNetworkSession **shared);
WebKitSettings       *bs_web_view_new_settings (void);

G_END_DECLS
