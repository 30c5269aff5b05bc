/* ui-harness-web.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The UI harness's article view: JavaScript in the app's isolated world,
 * waiting for an article to be loaded and painted, see ui-harness.h. */

#include "config.h"

#include "bs-article-view.h"
#include "ui-harness-private.h"

WebKitWebView *
ui_get_web_view (UiFixture *f)
{
  GtkWidget *view = bs_window_get_article_view (f->window);

  g_assert_true (BS_IS_ARTICLE_VIEW (view));
  return bs_article_view_get_web_view (BS_ARTICLE_VIEW (view));
}

typedef struct {
  gboolean done;
  JSCValue *value;
  GError *error;
} JsResult;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                         &js->error);
  js->done = TRUE;
}

static void
js_async_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                     result, &js->error);
  js->done = TRUE;
}

static JSCValue *
eval_js (UiFixture  *f,
         const char *script)
{
  JsResult js = { 0 };

  /* in the app's isolated world: page scripts are off (see bs-article-view.h) */
  webkit_web_view_evaluate_javascript (ui_get_web_view (f), script, -1, BS_ARTICLE_VIEW_WORLD,
                                       NULL, NULL, js_done_cb, &js);
  UI_WAIT_UNTIL (f, js.done);
  if (js.error != NULL)
    ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "JavaScript “%s” failed: %s",
             script, js.error->message);
  return js.value;
}

/**
 * ui_eval_js:
 * @script: JavaScript, run in BS_ARTICLE_VIEW_WORLD
 *
 * Returns: (transfer full): its value as a string
 */
char *
ui_eval_js (UiFixture  *f,
            const char *script)
{
  g_autoptr(JSCValue) value = eval_js (f, script);

  return jsc_value_to_string (value);
}

double
ui_eval_js_number (UiFixture  *f,
                   const char *script)
{
  g_autoptr(JSCValue) value = eval_js (f, script);

  return jsc_value_to_double (value);
}

/**
 * ui_wait_article:
 * @entry: the article expected
 *
 * Waits until the article view has loaded @entry's page (its document
 * title is the entry's title) and painted it.
 */
void
ui_wait_article (UiFixture *f,
                 BsEntry   *entry)
{
  WebKitWebView *web_view = ui_get_web_view (f);
  const char *title = bs_entry_get_title (entry);
  gint64 deadline = ui_deadline ();

  g_assert_nonnull (title);
  for (;;)
    {
      if (!webkit_web_view_is_loading (web_view)
          && bs_article_view_get_entry (BS_ARTICLE_VIEW (bs_window_get_article_view (f->window)))
             == entry)
        {
          g_autofree char *shown = ui_eval_js (f, "document.readyState == 'complete' ? document.title : ''");

          if (g_strcmp0 (shown, title) == 0)
            break;
        }
      ui_iterate_before (f, deadline, "the article to load", __FILE__, __LINE__, G_STRFUNC);
    }

  /* and painted: two animation frames of the page, then two of the window */
  {
    JsResult js = { 0 };

    webkit_web_view_call_async_javascript_function (web_view,
                                                    "await new Promise (done => requestAnimationFrame "
                                                    "  (() => requestAnimationFrame (done)));"
                                                    "return true;",
                                                    -1, NULL, BS_ARTICLE_VIEW_WORLD, NULL, NULL,
                                                    js_async_done_cb, &js);
    UI_WAIT_UNTIL (f, js.done);
    if (js.error != NULL)
      ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "waiting for the page's frames: %s",
               js.error->message);
    g_clear_object (&js.value);
  }
  ui_wait_frames (f, 2);
}

/**
 * ui_get_article_text:
 *
 * Returns: (transfer full): the text of the article view as rendered
 *   (document.body.innerText)
 */
char *
ui_get_article_text (UiFixture *f)
{
  return ui_eval_js (f, "document.body ? document.body.innerText : ''");
}

