/* bs-window-reader.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>

#include "bs-original-view.h"
#include "bs-reader.h"
#include "bs-web-html.h"
#include "bs-web-view.h"
#include "bs-window-private.h"

/* Reader mode in the window: the whole article of the entry shown, from
 * its web page (BsReader) or from the store, and its original page.
 *
 *   win.read-full-article   (F) toggles the whole article and the feed's
 *                           text; state: whether the whole article is asked
 *   win.reload-full-article fetches the page again
 *   win.view-original       toggles the original page (BsOriginalView)
 *
 * They apply to the article shown in the article view (not to the river
 * of news) when it has a web link. An entry whose whole article is in the
 * store opens with it, at once and offline; an entry of a feed with
 * "full-articles" on fetches it when it is shown. While a page is being
 * fetched the feed's text stays, under a "Loading" note; a failure puts a
 * message in its place (AdwStatusPage) with Open in Browser, Try Again
 * and back to the feed's text. Showing another entry cancels a fetch. */

struct _BsWindowReader
{
  BsReader *reader;             /* created when first needed */
  GCancellable *cancellable;    /* of the fetch in progress */

  BsEntry *entry;               /* the entry shown, and its source */
  BsSource *source;
  gboolean full;                /* the whole article asked for */
  gboolean failed;              /* … and the failure shown */
  gboolean original;            /* the original page shown */

  GSimpleAction *full_action;
  GSimpleAction *reload_action;
  GSimpleAction *original_action;

  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkRevealer *progress;
  GtkSpinner *spinner;
  BsOriginalView *original_view;
};

static gboolean
has_web_link (BsEntry *entry)
{
  return entry != NULL && bs_web_html_is_web_url (bs_entry_get_link (entry));
}

static void
show_progress (BsWindowReader *r,
               gboolean        loading)
{
  gtk_spinner_set_spinning (r->spinner, loading);
  gtk_revealer_set_reveal_child (r->progress, loading);
}

static void
cancel_fetch (BsWindowReader *r)
{
  g_cancellable_cancel (r->cancellable);
  g_clear_object (&r->cancellable);
  show_progress (r, FALSE);
}

/* The page the stack shows: the original, the failure, else the article. */
static void
update_stack (BsWindowReader *r)
{
  const char *page = "article";

  if (r->original)
    page = "original";
  else if (r->full && r->failed)
    page = "reader-error";
  gtk_stack_set_visible_child_name (r->stack, page);
}

static void
update_states (BsWindowReader *r)
{
  g_simple_action_set_state (r->full_action, g_variant_new_boolean (r->full));
  g_simple_action_set_state (r->original_action, g_variant_new_boolean (r->original));
}

static void
leave_original (BsWindowReader *r)
{
  if (!r->original)
    return;
  r->original = FALSE;
  bs_original_view_clear (r->original_view);
}

static BsFullArticle *
stored_article (BsWindow *self,
                BsEntry  *entry)
{
  BsStore *store = bs_application_get_store (self->application);
  g_autoptr(GError) error = NULL;
  BsFullArticle *article;

  if (store == NULL)
    return NULL;
  article = bs_store_load_full_article (store, bs_entry_get_source_id (entry),
                                        bs_entry_get_key (entry), &error);
  if (error != NULL)
    g_debug ("The saved full article cannot be read: %s", error->message);
  return article;
}

/* Failures, in words */

static void
show_failure (BsWindow     *self,
              const GError *error)
{
  BsWindowReader *r = self->reader;
  const char *title = _("The Full Article Could Not Be Loaded");
  g_autofree char *description = NULL;

  if (error->domain == BS_READER_ERROR && error->code == BS_READER_ERROR_NO_CONTENT)
    {
      title = _("No Article Found");
      description = g_strdup (_("Broadsheet could not find the article’s text on its web page."));
    }
  else if (error->domain == BS_READER_ERROR && error->code == BS_READER_ERROR_NOT_HTML)
    {
      title = _("Not a Web Page");
      description = g_strdup (_("The article’s address leads to a file, not to a web page."));
    }
  else if (error->domain == BS_READER_ERROR && error->code == BS_READER_ERROR_FAILED
           && bs_web_view_get_filters_failed ())
    {
      description = g_strdup (_("Broadsheet could not set up the filter that keeps web pages "
                                "from loading anything, so it does not read them. Check that "
                                "its cache folder can be written to, then restart it."));
    }
  else if (error->domain == BS_FETCHER_ERROR)
    {
      switch (error->code)
        {
        case BS_FETCHER_ERROR_NOT_FOUND:
          title = _("Page Not Found");
          description = g_strdup (_("The site has no page at the article’s address (HTTP 404)."));
          break;
        case BS_FETCHER_ERROR_HTTP:
          /* Translators: %s is the server's answer, such as "HTTP 500 Internal Server Error" */
          description = g_strdup_printf (_("The site answered with an error: %s."), error->message);
          break;
        case BS_FETCHER_ERROR_TIMEOUT:
          description = g_strdup (_("The site took too long to answer."));
          break;
        case BS_FETCHER_ERROR_NETWORK:
          description = g_strdup (_("The site could not be reached. Check the network connection."));
          break;
        case BS_FETCHER_ERROR_TLS:
          description = g_strdup (_("The site’s security certificate is not valid."));
          break;
        case BS_FETCHER_ERROR_TOO_LARGE:
          description = g_strdup (_("The page is too large to be read here."));
          break;
        case BS_FETCHER_ERROR_REDIRECT_LOOP:
        case BS_FETCHER_ERROR_TOO_MANY_REDIRECTS:
        case BS_FETCHER_ERROR_BAD_REDIRECT:
          description = g_strdup (_("The site sends the article’s address round in circles."));
          break;
        default:
          description = g_strdup (_("The site’s answer could not be understood."));
        }
    }
  else
    {
      description = g_strdup (_("The page could not be read."));
    }

  adw_status_page_set_title (r->error_page, title);
  adw_status_page_set_description (r->error_page, description);
  r->failed = TRUE;
  update_stack (r);
}

/* Fetching */

typedef struct {
  GWeakRef window;              /* a closed window does not wait for it */
  BsEntry *entry;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_weak_ref_clear (&fetch->window);
  g_object_unref (fetch->entry);
  g_free (fetch);
}

static void
extracted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(BsWindow) self = g_weak_ref_get (&fetch->window);
  BsWindowReader *r = self != NULL ? self->reader : NULL;
  g_autoptr(BsFullArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  const char *source_id;
  BsStore *store;

  article = bs_reader_extract_finish (BS_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || r == NULL
      || r->entry != fetch->entry)
    {
      fetch_free (fetch);
      return;
    }

  g_clear_object (&r->cancellable);
  show_progress (r, FALSE);
  if (article == NULL)
    {
      g_debug ("No full article for %s: %s", bs_entry_get_link (fetch->entry), error->message);
      /* a reload that failed: the article read before stays */
      if (bs_article_view_get_full_article (self->article_view) != NULL)
        bs_window_add_toast (self, adw_toast_new (_("The full article could not be loaded again")));
      else
        show_failure (self, error);
      fetch_free (fetch);
      return;
    }

  /* for offline reading, and the next time; not for a source that was
   * removed meanwhile (its file would stay behind, orphaned) */
  store = bs_application_get_store (self->application);
  source_id = bs_entry_get_source_id (fetch->entry);
  if (store != NULL && bs_store_get_writable (store) && self->library != NULL
      && bs_library_lookup_source (self->library, source_id) != NULL
      && !bs_store_save_full_article (store, source_id, bs_entry_get_key (fetch->entry),
                                      article, &error))
    {
      g_debug ("%s", error->message);
      bs_window_add_toast (self, adw_toast_new (_("The full article could not be kept for "
                                                  "reading offline")));
    }

  r->failed = FALSE;
  bs_article_view_show_full_article (self->article_view, fetch->entry, r->source, article);
  update_stack (r);
  fetch_free (fetch);
}

static void
start_fetch (BsWindow *self)
{
  BsWindowReader *r = self->reader;
  Fetch *fetch;

  cancel_fetch (r);
  if (!has_web_link (r->entry))
    return;
  if (r->reader == NULL)
    r->reader = bs_reader_new (bs_application_get_fetcher (self->application));

  r->full = TRUE;
  r->cancellable = g_cancellable_new ();
  fetch = g_new0 (Fetch, 1);
  g_weak_ref_init (&fetch->window, self);
  fetch->entry = g_object_ref (r->entry);
  show_progress (r, TRUE);
  bs_reader_extract_async (r->reader, bs_entry_get_link (r->entry), r->cancellable,
                           extracted_cb, fetch);
}

/* Showing an entry */

/**
 * _bs_window_reader_show_entry:
 * @self: the window
 * @entry: the entry to show in the article view
 * @source: (nullable): its source
 *
 * Shows @entry in the article view: its whole article when the store has
 * it, else the feed's text (and the whole article is fetched when the
 * feed's "full-articles" is on). Cancels what was under way for another.
 */
void
_bs_window_reader_show_entry (BsWindow *self,
                              BsEntry  *entry,
                              BsSource *source)
{
  BsWindowReader *r = self->reader;
  g_autoptr(BsFullArticle) article = NULL;

  if (r == NULL)
    {
      bs_article_view_show_entry (self->article_view, entry, source);
      return;
    }

  cancel_fetch (r);
  leave_original (r);
  g_set_object (&r->entry, entry);
  g_set_object (&r->source, source);
  r->full = FALSE;
  r->failed = FALSE;

  if (has_web_link (entry))
    article = stored_article (self, entry);
  if (article != NULL)
    {
      r->full = TRUE;
      bs_article_view_show_full_article (self->article_view, entry, source, article);
    }
  else
    {
      bs_article_view_show_entry (self->article_view, entry, source);
      if (source != NULL && bs_source_get_full_articles (source) && has_web_link (entry))
        start_fetch (self);
    }
  update_stack (r);
  _bs_window_reader_update_actions (self);
}

/* Enables the actions when the article view shows an entry with a web
 * link; in the river of news or with no article shown, drops what was
 * under way. */
void
_bs_window_reader_update_actions (BsWindow *self)
{
  BsWindowReader *r = self->reader;
  gboolean enabled;

  if (r == NULL)
    return;

  /* the river of news, or no article: nothing of the last one goes on */
  if (r->entry != NULL && (self->river || self->shown != r->entry))
    {
      cancel_fetch (r);
      leave_original (r);
      r->full = FALSE;
      r->failed = FALSE;
      g_clear_object (&r->entry);
      g_clear_object (&r->source);
      update_stack (r);
    }
  enabled = !self->river && self->shown != NULL && self->shown == r->entry
            && has_web_link (r->entry);
  g_simple_action_set_enabled (r->full_action, enabled);
  g_simple_action_set_enabled (r->reload_action, enabled);
  g_simple_action_set_enabled (r->original_action, enabled);
  update_states (r);
}

/* The actions */

static void
full_change_state_cb (GSimpleAction *action,
                      GVariant      *value,
                      BsWindow      *self)
{
  BsWindowReader *r = self->reader;
  g_autoptr(BsFullArticle) article = NULL;

  if (r == NULL || r->entry == NULL)
    return;

  leave_original (r);
  if (g_variant_get_boolean (value))
    {
      r->full = TRUE;
      r->failed = FALSE;
      article = stored_article (self, r->entry);
      if (article != NULL)
        bs_article_view_show_full_article (self->article_view, r->entry, r->source, article);
      else
        start_fetch (self);
    }
  else
    {
      cancel_fetch (r);
      r->full = FALSE;
      r->failed = FALSE;
      if (bs_article_view_get_full_article (self->article_view) != NULL)
        bs_article_view_show_entry (self->article_view, r->entry, r->source);
    }
  update_stack (r);
  update_states (r);
}

static void
reload_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     BsWindow      *self)
{
  BsWindowReader *r = self->reader;

  if (r == NULL || r->entry == NULL)
    return;
  leave_original (r);
  r->failed = FALSE;
  start_fetch (self);
  update_stack (r);
  update_states (r);
}

static void
original_change_state_cb (GSimpleAction *action,
                          GVariant      *value,
                          BsWindow      *self)
{
  BsWindowReader *r = self->reader;

  if (r == NULL || r->entry == NULL)
    return;

  if (g_variant_get_boolean (value) && !r->original)
    {
      r->original = TRUE;
      bs_original_view_load (r->original_view, bs_entry_get_link (r->entry));
    }
  else if (!g_variant_get_boolean (value))
    {
      leave_original (r);
    }
  update_stack (r);
  update_states (r);
  if (r->original)
    gtk_widget_grab_focus (GTK_WIDGET (bs_original_view_get_web_view (r->original_view)));
}

static void
original_back_cb (BsOriginalView *view,
                  BsWindow       *self)
{
  if (self->reader != NULL)
    g_action_change_state (G_ACTION (self->reader->original_action),
                           g_variant_new_boolean (FALSE));
}

/* The template's parts of reader mode, found with
 * gtk_widget_get_template_child() (not kept in BsWindow). */
void
_bs_window_class_setup_reader (GtkWidgetClass *widget_class)
{
  static const char *children[] = {
    "article_stack", "reader_error", "reader_progress", "reader_spinner", "original_view",
  };

  g_type_ensure (BS_TYPE_ORIGINAL_VIEW);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, children[i], FALSE, 0);
}

/**
 * _bs_window_setup_reader:
 *
 * Reader mode's actions and parts of the window, once the library is
 * there.
 */
void
_bs_window_setup_reader (BsWindow *self)
{
  BsWindowReader *r = g_new0 (BsWindowReader, 1);
  GtkWidget *widget = GTK_WIDGET (self);

  self->reader = r;
  r->stack = GTK_STACK (gtk_widget_get_template_child (widget, BS_TYPE_WINDOW, "article_stack"));
  r->error_page = ADW_STATUS_PAGE (gtk_widget_get_template_child (widget, BS_TYPE_WINDOW,
                                                                  "reader_error"));
  r->progress = GTK_REVEALER (gtk_widget_get_template_child (widget, BS_TYPE_WINDOW,
                                                             "reader_progress"));
  r->spinner = GTK_SPINNER (gtk_widget_get_template_child (widget, BS_TYPE_WINDOW,
                                                           "reader_spinner"));
  r->original_view = BS_ORIGINAL_VIEW (gtk_widget_get_template_child (widget, BS_TYPE_WINDOW,
                                                                      "original_view"));

  r->full_action = g_simple_action_new_stateful ("read-full-article", NULL,
                                                 g_variant_new_boolean (FALSE));
  g_signal_connect (r->full_action, "change-state", G_CALLBACK (full_change_state_cb), self);
  r->reload_action = g_simple_action_new ("reload-full-article", NULL);
  g_signal_connect (r->reload_action, "activate", G_CALLBACK (reload_activated_cb), self);
  r->original_action = g_simple_action_new_stateful ("view-original", NULL,
                                                     g_variant_new_boolean (FALSE));
  g_signal_connect (r->original_action, "change-state", G_CALLBACK (original_change_state_cb),
                    self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (r->full_action));
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (r->reload_action));
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (r->original_action));

  g_signal_connect_object (r->original_view, "back", G_CALLBACK (original_back_cb), self, 0);
  g_signal_connect_object (r->original_view, "open-uri",
                           G_CALLBACK (bs_application_open_uri), self->application,
                           G_CONNECT_SWAPPED);
  _bs_window_reader_update_actions (self);
}

/* From dispose: cancels what is under way. */
void
_bs_window_free_reader (BsWindow *self)
{
  BsWindowReader *r = g_steal_pointer (&self->reader);

  if (r == NULL)
    return;
  g_cancellable_cancel (r->cancellable);
  g_clear_object (&r->cancellable);
  g_clear_object (&r->reader);
  g_clear_object (&r->entry);
  g_clear_object (&r->source);
  g_clear_object (&r->full_action);
  g_clear_object (&r->reload_action);
  g_clear_object (&r->original_action);
  g_free (r);
}
