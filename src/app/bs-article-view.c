/* bs-article-view.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "bs-article-view.h"
#include "bs-web-html.h"
#include "bs-web-view.h"

struct _BsArticleView
{
  GtkWidget parent_instance;

  BsWebView *web_view;
  BsEntry *entry;
  BsSource *source;
  BsFullArticle *full;           /* reader mode: shown instead of the feed's text */
  gboolean remote_images;
  guint font_size;
};

G_DEFINE_FINAL_TYPE (BsArticleView, bs_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REMOTE_IMAGES,
  PROP_FONT_SIZE,
  N_PROPS
};

enum {
  OPEN_URI,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The template */

/**
 * bs_article_html:
 * @entry: an entry
 * @source: (nullable): its source
 * @remote_images: whether images and media from the web may load
 * @dark: whether to use the dark palette
 * @font_size: in points, 0 for the default
 *
 * The document the article view shows for @entry. Its body is the
 * entry's sanitised content (else summary), its own text escaped.
 *
 * Returns: (transfer full): the HTML
 */
char *
bs_article_html (BsEntry  *entry,
                 BsSource *source,
                 gboolean  remote_images,
                 gboolean  dark,
                 guint     font_size)
{
  BsWebStyle style = { remote_images, dark, font_size };
  GString *out = g_string_new (NULL);
  const char *body = bs_web_html_entry_body (entry);
  g_autofree char *date = bs_web_html_format_date (bs_web_html_entry_date (entry));

  bs_web_html_begin (out, &style, bs_entry_get_title (entry), "article");
  g_string_append (out, "<article>");
  bs_web_html_append_header (out, entry, source, 1, date);
  bs_web_html_append_enclosures (out, entry);
  g_string_append (out, "<div class=\"content\">");
  if (body != NULL)
    g_string_append (out, body);
  g_string_append (out, "</div></article>");
  bs_web_html_end (out);

  return g_string_free (out, FALSE);
}

/**
 * bs_article_full_html:
 * @entry: an entry
 * @source: (nullable): its source
 * @article: the entry's whole article, from its web page
 * @remote_images: whether images and media from the web may load
 * @dark: whether to use the dark palette
 * @font_size: in points, 0 for the default
 *
 * The document the article view shows for @entry in reader mode: the
 * same template as bs_article_html(), with the page's title and byline
 * when it has them, @article's (sanitised) content as the body, and a
 * note of where and when it was fetched.
 *
 * Returns: (transfer full): the HTML
 */
char *
bs_article_full_html (BsEntry       *entry,
                      BsSource      *source,
                      BsFullArticle *article,
                      gboolean       remote_images,
                      gboolean       dark,
                      guint          font_size)
{
  BsWebStyle style = { remote_images, dark, font_size };
  GString *out = g_string_new (NULL);
  const char *title = article->title != NULL ? article->title : bs_entry_get_title (entry);
  const char *link = bs_entry_get_link (entry);
  const char *author = article->byline != NULL ? article->byline : bs_entry_get_author (entry);
  g_autofree char *date = bs_web_html_format_date (bs_web_html_entry_date (entry));
  g_autofree char *fetched = bs_web_html_format_date (article->fetched);
  g_autoptr(GUri) uri = g_uri_parse (article->url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : article->url;
  g_autofree char *escaped_url = g_markup_escape_text (article->url, -1);
  g_autofree char *escaped_host = g_markup_escape_text (host, -1);
  g_autofree char *from = NULL;

  if (!bs_web_html_is_web_url (link))
    link = article->url;

  bs_web_html_begin (out, &style, bs_entry_get_title (entry), "article full-article");
  g_string_append (out, "<article>");
  bs_web_html_append_header_with (out, source, title, link, author, 1, date);
  bs_web_html_append_enclosures (out, entry);
  g_string_append (out, "<div class=\"content\">");
  g_string_append (out, article->content);
  g_string_append (out, "</div>");

  /* where it comes from: the link is already escaped, and only a link
   * to the web (the article comes from the store, which is not trusted) */
  if (fetched != NULL)
    /* Translators: under an article read in full from its web page; the
     * first %s is the site (a link), the second when it was fetched */
    from = g_strdup_printf (_("Full article from %s, fetched %s"), "\x01", "\x02");
  else
    /* Translators: under an article read in full from its web page; %s
     * is the site (a link) */
    from = g_strdup_printf (_("Full article from %s"), "\x01");
  g_string_append (out, "<footer class=\"full-article-source\"><p>");
  for (const char *p = from; *p != '\0'; p++)
    {
      if (*p == '\x01' && bs_web_html_is_web_url (article->url))
        g_string_append_printf (out, "<a href=\"%s\">%s</a>", escaped_url, escaped_host);
      else if (*p == '\x01')
        g_string_append (out, escaped_host); /* from the store: no link but to the web */
      else if (*p == '\x02')
        bs_web_html_append_escaped (out, fetched);
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '&')
        g_string_append (out, "&amp;");
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, "</p></footer></article>");
  bs_web_html_end (out);

  return g_string_free (out, FALSE);
}

/* Showing */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
render (BsArticleView *self)
{
  g_autofree char *html = NULL;
  GdkRGBA background;

  gdk_rgba_parse (&background, is_dark () ? "#1e1e1e" : "#ffffff");
  webkit_web_view_set_background_color (WEBKIT_WEB_VIEW (self->web_view), &background);

  if (self->entry == NULL)
    html = g_strdup ("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                     "content=\"default-src 'none'\"></head></html>");
  else if (self->full != NULL)
    html = bs_article_full_html (self->entry, self->source, self->full, self->remote_images,
                                 is_dark (), self->font_size);
  else
    html = bs_article_html (self->entry, self->source, self->remote_images, is_dark (),
                            self->font_size);
  bs_web_view_load_document (self->web_view, html);
}

/**
 * bs_article_view_show_entry:
 * @self: an article view
 * @entry: (nullable): the article, or NULL for an empty view
 * @source: (nullable): its source
 */
void
bs_article_view_show_entry (BsArticleView *self,
                            BsEntry       *entry,
                            BsSource      *source)
{
  g_return_if_fail (BS_IS_ARTICLE_VIEW (self));

  g_set_object (&self->entry, entry);
  g_set_object (&self->source, source);
  g_clear_pointer (&self->full, bs_full_article_unref);
  render (self);
}

/**
 * bs_article_view_show_full_article:
 * @self: an article view
 * @entry: the article
 * @source: (nullable): its source
 * @article: @entry's whole article, from its web page
 *
 * Shows @article in the article template (reader mode), until the next
 * bs_article_view_show_entry().
 */
void
bs_article_view_show_full_article (BsArticleView *self,
                                   BsEntry       *entry,
                                   BsSource      *source,
                                   BsFullArticle *article)
{
  g_return_if_fail (BS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (BS_IS_ENTRY (entry));
  g_return_if_fail (article != NULL);

  g_set_object (&self->entry, entry);
  g_set_object (&self->source, source);
  if (self->full != article)
    {
      g_clear_pointer (&self->full, bs_full_article_unref);
      self->full = bs_full_article_ref (article);
    }
  render (self);
}

/**
 * bs_article_view_get_full_article:
 *
 * Returns: (transfer none) (nullable): the whole article shown in reader
 *   mode, or NULL when the view shows the feed's text
 */
BsFullArticle *
bs_article_view_get_full_article (BsArticleView *self)
{
  g_return_val_if_fail (BS_IS_ARTICLE_VIEW (self), NULL);

  return self->full;
}

void
bs_article_view_clear (BsArticleView *self)
{
  bs_article_view_show_entry (self, NULL, NULL);
}

/**
 * bs_article_view_get_entry:
 *
 * Returns: (transfer none) (nullable): the article shown
 */
BsEntry *
bs_article_view_get_entry (BsArticleView *self)
{
  g_return_val_if_fail (BS_IS_ARTICLE_VIEW (self), NULL);

  return self->entry;
}

static void
dark_cb (AdwStyleManager *manager,
         GParamSpec      *pspec,
         BsArticleView   *self)
{
  GdkRGBA background;

  if (self->entry == NULL || !bs_web_view_get_ready (self->web_view))
    {
      render (self);
      return;
    }

  /* the same document in the other palette: the reader stays where they are */
  gdk_rgba_parse (&background, is_dark () ? "#1e1e1e" : "#ffffff");
  webkit_web_view_set_background_color (WEBKIT_WEB_VIEW (self->web_view), &background);
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self->web_view),
                                       is_dark () ? "document.documentElement.classList.add ('dark')"
                                                  : "document.documentElement.classList.remove ('dark')",
                                       -1, BS_ARTICLE_VIEW_WORLD, NULL, NULL, NULL, NULL);
}

/* Scrolling by a page, for Space: whether there was somewhere to go. */

static void
scroll_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_task_return_boolean (task, value != NULL && jsc_value_to_boolean (value));
}

void
bs_article_view_scroll (BsArticleView       *self,
                        int                  direction,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *script = NULL;
  GTask *task;

  g_return_if_fail (BS_IS_ARTICLE_VIEW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, bs_article_view_scroll);
  script = g_strdup_printf ("(function () {"
                            "  var e = document.scrollingElement;"
                            "  if (!e) return false;"
                            "  var before = e.scrollTop;"
                            "  e.scrollTop += %d * Math.max (window.innerHeight * 0.85, 40);"
                            "  return e.scrollTop != before;"
                            "}) ()", direction >= 0 ? 1 : -1);
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self->web_view), script, -1,
                                       BS_ARTICLE_VIEW_WORLD, NULL, NULL, scroll_done_cb, task);
}

/* Returns: whether the view moved; FALSE at the end (or start) */
gboolean
bs_article_view_scroll_finish (BsArticleView *self,
                               GAsyncResult  *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}

/* GObject */

static void
bs_article_view_dispose (GObject *object)
{
  BsArticleView *self = (BsArticleView *)object;

  g_clear_object (&self->entry);
  g_clear_object (&self->source);
  g_clear_pointer (&self->full, bs_full_article_unref);
  if (self->web_view != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }

  G_OBJECT_CLASS (bs_article_view_parent_class)->dispose (object);
}

static void
bs_article_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BsArticleView *self = BS_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_REMOTE_IMAGES:
      g_value_set_boolean (value, self->remote_images);
      break;
    case PROP_FONT_SIZE:
      g_value_set_uint (value, self->font_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_article_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BsArticleView *self = BS_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_REMOTE_IMAGES:
      bs_article_view_set_remote_images (self, g_value_get_boolean (value));
      break;
    case PROP_FONT_SIZE:
      bs_article_view_set_font_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_article_view_class_init (BsArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bs_article_view_dispose;
  object_class->get_property = bs_article_view_get_property;
  object_class->set_property = bs_article_view_set_property;

  properties[PROP_REMOTE_IMAGES] =
    g_param_spec_boolean ("remote-images", NULL, NULL, FALSE, rw);
  properties[PROP_FONT_SIZE] = g_param_spec_uint ("font-size", NULL, NULL, 0, 72, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_URI] =
    g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "articleview");
}

static void
open_uri_cb (BsWebView     *web_view,
             const char    *uri,
             BsArticleView *self)
{
  g_signal_emit (self, signals[OPEN_URI], 0, uri);
}

static void
bs_article_view_init (BsArticleView *self)
{
  self->web_view = bs_web_view_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect_object (self->web_view, "open-uri", G_CALLBACK (open_uri_cb), self, 0);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_cb), self, 0);
}

GtkWidget *
bs_article_view_new (void)
{
  return g_object_new (BS_TYPE_ARTICLE_VIEW, NULL);
}

gboolean
bs_article_view_get_remote_images (BsArticleView *self)
{
  g_return_val_if_fail (BS_IS_ARTICLE_VIEW (self), FALSE);

  return self->remote_images;
}

void
bs_article_view_set_remote_images (BsArticleView *self,
                                   gboolean       remote_images)
{
  g_return_if_fail (BS_IS_ARTICLE_VIEW (self));

  remote_images = !!remote_images;
  if (self->remote_images == remote_images)
    return;
  self->remote_images = remote_images;
  bs_web_view_set_remote_images (self->web_view, remote_images);
  render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_IMAGES]);
}

guint
bs_article_view_get_font_size (BsArticleView *self)
{
  g_return_val_if_fail (BS_IS_ARTICLE_VIEW (self), 0);

  return self->font_size;
}

void
bs_article_view_set_font_size (BsArticleView *self,
                               guint          points)
{
  g_return_if_fail (BS_IS_ARTICLE_VIEW (self));

  if (self->font_size == points)
    return;
  self->font_size = points;
  render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_SIZE]);
}

/**
 * bs_article_view_get_web_view:
 *
 * Returns: (transfer none): the web view, for tests and screenshots
 */
WebKitWebView *
bs_article_view_get_web_view (BsArticleView *self)
{
  g_return_val_if_fail (BS_IS_ARTICLE_VIEW (self), NULL);

  return WEBKIT_WEB_VIEW (self->web_view);
}
