/* bs-article-view.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "bs-entry.h"
#include "bs-full-article.h"
#include "bs-source.h"
#include "bs-web-view.h"

G_BEGIN_DECLS

/* BsArticleView: an article in a BsWebView (see bs-web-view.h for what
 * an article may and may not do), in Broadsheet's template: title,
 * source, author, date, enclosures (players for audio and video, a link
 * for anything else) and the sanitised body.
 *
 * A link the user clicks is handed to "open-uri" (http, https and mailto
 * only) and the view stays where it is. Remote images (and media) load
 * only when "remote-images" is TRUE; data: images always do.
 *
 * In reader mode (bs_article_view_show_full_article()) the body is the
 * whole article from the entry's web page, extracted and sanitised by
 * BsReader, with a note of where it comes from.
 *
 * Light and dark follow AdwStyleManager; "font-size" is in points (0 for
 * the default) and Ctrl+plus, Ctrl+minus and Ctrl+0 zoom. */

#define BS_ARTICLE_VIEW_WORLD BS_WEB_VIEW_WORLD

#define BS_TYPE_ARTICLE_VIEW (bs_article_view_get_type ())

G_DECLARE_FINAL_TYPE (BsArticleView, bs_article_view, BS, ARTICLE_VIEW, GtkWidget)

GtkWidget     *bs_article_view_new               (void);
void           bs_article_view_show_entry        (BsArticleView *self,
                                                  BsEntry       *entry,
                                                  BsSource      *source);
void           bs_article_view_show_full_article (BsArticleView *self,
                                                  BsEntry       *entry,
                                                  BsSource      *source,
                                                  BsFullArticle *article);
void           bs_article_view_clear             (BsArticleView *self);
BsEntry       *bs_article_view_get_entry         (BsArticleView *self);
BsFullArticle *bs_article_view_get_full_article  (BsArticleView *self);
gboolean       bs_article_view_get_remote_images (BsArticleView *self);
void           bs_article_view_set_remote_images (BsArticleView *self,
                                                  gboolean       remote_images);
guint          bs_article_view_get_font_size     (BsArticleView *self);
void           bs_article_view_set_font_size     (BsArticleView *self,
                                                  guint          points);
WebKitWebView *bs_article_view_get_web_view      (BsArticleView *self);
void           bs_article_view_scroll            (BsArticleView *self,
                                                  int            direction,
                                                  GAsyncReadyCallback callback,
                                                  gpointer       user_data);
gboolean       bs_article_view_scroll_finish     (BsArticleView *self,
                                                  GAsyncResult  *result);

char          *bs_article_html                   (BsEntry       *entry,
                                                  BsSource      *source,
                                                  gboolean       remote_images,
                                                  gboolean       dark,
                                                  guint          font_size);
char          *bs_article_full_html              (BsEntry       *entry,
                                                  BsSource      *source,
                                                  BsFullArticle *article,
                                                  gboolean       remote_images,
                                                  gboolean       dark,
                                                  guint          font_size);

G_END_DECLS
