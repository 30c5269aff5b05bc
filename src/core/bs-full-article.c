/* bs-full-article.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-full-article"

#include "config.h"

#include "bs-full-article.h"

typedef struct {
  BsFullArticle article;
  gatomicrefcount refs;
} FullArticle;

G_DEFINE_BOXED_TYPE (BsFullArticle, bs_full_article, bs_full_article_ref, bs_full_article_unref)

/**
 * bs_full_article_new:
 * @url: the page the article comes from
 * @title: (nullable): its title
 * @byline: (nullable): its author(s)
 * @site_name: (nullable): the site's name
 * @content: the article, sanitised HTML
 * @fetched: when the page was fetched
 *
 * Empty strings are taken as NULL (but @content stays a string).
 *
 * Returns: (transfer full): a new article
 */
BsFullArticle *
bs_full_article_new (const char *url,
                     const char *title,
                     const char *byline,
                     const char *site_name,
                     const char *content,
                     gint64      fetched)
{
  FullArticle *self;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  self = g_new0 (FullArticle, 1);
  g_atomic_ref_count_init (&self->refs);
  self->article.url = g_strdup (url);
  self->article.title = title != NULL && title[0] != '\0' ? g_strdup (title) : NULL;
  self->article.byline = byline != NULL && byline[0] != '\0' ? g_strdup (byline) : NULL;
  self->article.site_name = site_name != NULL && site_name[0] != '\0' ? g_strdup (site_name) : NULL;
  self->article.content = g_strdup (content);
  self->article.fetched = fetched;
  return &self->article;
}

BsFullArticle *
bs_full_article_ref (BsFullArticle *self)
{
  FullArticle *article = (FullArticle *) self;

  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&article->refs);
  return self;
}

void
bs_full_article_unref (BsFullArticle *self)
{
  FullArticle *article = (FullArticle *) self;

  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&article->refs))
    return;
  g_free (self->url);
  g_free (self->title);
  g_free (self->byline);
  g_free (self->site_name);
  g_free (self->content);
  g_free (article);
}
