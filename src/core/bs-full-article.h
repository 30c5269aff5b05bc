/* bs-full-article.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* BsFullArticle: the whole article of an entry, as extracted from its web
 * page (reader mode) and kept in the store for offline reading (see
 * bs_store_save_full_article()). Reference counted; the fields are
 * read-only once the article is shared. */
typedef struct {
  char   *url;        /* the page it was extracted from, after redirects */
  char   *title;      /* the page's title for the article, or NULL */
  char   *byline;     /* its author(s), or NULL */
  char   *site_name;  /* the site's name, or NULL */
  char   *content;    /* the article, sanitised HTML (bs_html_sanitize()) */
  gint64  fetched;    /* when the page was fetched, seconds since the epoch */
} BsFullArticle;

#define BS_TYPE_FULL_ARTICLE (bs_full_article_get_type ())

GType          bs_full_article_get_type (void) G_GNUC_CONST;
BsFullArticle *bs_full_article_new      (const char    *url,
                                         const char    *title,
                                         const char    *byline,
                                         const char    *site_name,
                                         const char    *content,
                                         gint64         fetched);
BsFullArticle *bs_full_article_ref      (BsFullArticle *self);
void           bs_full_article_unref    (BsFullArticle *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsFullArticle, bs_full_article_unref)

G_END_DECLS
