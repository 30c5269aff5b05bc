/* ui-harness-wait.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The UI harness's waiting (UI_WAIT_UNTIL(), frames, transitions) and
 * failing (ui_fail(), with a screenshot), see ui-harness.h. */

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ui-harness-private.h"

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * ui_deadline:
 *
 * Returns: the monotonic time at which a wait that starts now gives up
 */
gint64
ui_deadline (void)
{
  static int timeout = 0;

  if (timeout == 0)
    {
      const char *env = g_getenv ("BS_UI_TEST_TIMEOUT");

      timeout = env != NULL ? atoi (env) : 0;
      if (timeout <= 0)
        timeout = UI_TIMEOUT;
    }
  return g_get_monotonic_time () + timeout * G_USEC_PER_SEC;
}

static char *
case_name (void)
{
  const char *path = g_test_get_path ();
  const char *base = path != NULL ? strrchr (path, '/') : NULL;

  return g_strdup (base != NULL && base[1] != '\0' ? base + 1 : "unknown");
}

/**
 * ui_fail:
 *
 * Fails the running case with a message, after saving a screenshot of
 * the window (FAILED-<case>.png) when there is one. Does not return.
 */
void
ui_fail (UiFixture  *f,
         const char *file,
         int         line,
         const char *func,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (f != NULL && f->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    {
      g_autofree char *name = case_name ();
      g_autofree char *shot = g_strconcat ("FAILED-", name, NULL);
      g_autofree char *path = ui_screenshot (f, shot);

      g_test_message ("screenshot of the failure: %s", path);
    }
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
  abort ();
}

/**
 * ui_iterate_before:
 *
 * One iteration of the main context (blocking at most a little), or the
 * end of the case when @deadline has passed. UI_WAIT_UNTIL() calls it.
 */
void
ui_iterate_before (UiFixture  *f,
                   gint64      deadline,
                   const char *what,
                   const char *file,
                   int         line,
                   const char *func)
{
  static guint ticker = 0;

  /* never block for long: the deadline is checked on every wake-up */
  if (ticker == 0)
    ticker = g_timeout_add (50, tick_cb, NULL);

  if (g_get_monotonic_time () > deadline)
    ui_fail (f, file, line, func, "gave up waiting for %s", what);
  g_main_context_iteration (NULL, TRUE);
}

/**
 * ui_process_events:
 *
 * Makes sure that what the X server has for us (key presses sent a moment
 * ago) arrived, and dispatches everything that is ready without waiting.
 */
void
ui_process_events (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL)
    gdk_display_sync (display);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *n_frames)
{
  (*n_frames)++;
}

/**
 * ui_wait_frames:
 * @n_frames: how many
 *
 * Waits until the window painted @n_frames more frames (after asking for
 * one), so that what changed is on screen.
 */
void
ui_wait_frames (UiFixture *f,
                guint      n_frames)
{
  ui_wait_frames_of (f, GTK_WIDGET (f->window), n_frames);
}

/**
 * ui_wait_frames_of:
 * @widget: a widget on screen (a dialog, …)
 *
 * As ui_wait_frames(), for the window of @widget.
 */
void
ui_wait_frames_of (UiFixture *f,
                   GtkWidget *widget,
                   guint      n_frames)
{
  GdkFrameClock *clock;
  guint painted = 0;
  gulong id;

  UI_WAIT_UNTIL (f, gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  while (painted < n_frames)
    {
      guint before = painted;

      gtk_widget_queue_draw (widget);
      UI_WAIT_UNTIL (f, painted > before);
    }
  g_signal_handler_disconnect (clock, id);
}

static gboolean
is_in_transition (GtkWidget *widget,
                  gpointer   data)
{
  return (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
         || (ADW_IS_LEAFLET (widget)
             && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)));
}

/**
 * ui_wait_transitions:
 *
 * Waits until no stack or leaflet of the window is in the middle of a
 * transition (a crossfade shows two pages at once), and for a frame.
 */
void
ui_wait_transitions (UiFixture *f)
{
  UI_WAIT_UNTIL (f, ui_find_widget (GTK_WIDGET (f->window), is_in_transition, NULL) == NULL);
  ui_wait_frames (f, 1);
}

