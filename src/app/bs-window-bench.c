/* bs-window-bench.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "bs-window-private.h"

/* Benchmark hooks (bench/ui-bench.sh, bench/ui-scroll-bench.sh). Unless
 * BROADSHEET_BENCH_READY_FD names an open file descriptor, nothing here
 * happens.
 *
 * Ready: the first frame painted with rows in the article list writes
 * "ready USEC ROWS RENDERER\n" to that descriptor, USEC being
 * g_get_monotonic_time() (that is CLOCK_MONOTONIC) after the paint, ROWS the
 * number of articles in the list and RENDERER the GskRenderer's type, and
 * closes it.
 *
 * Scroll: with BROADSHEET_BENCH_SCROLL=1 as well, the descriptor stays open.
 * Once the list is filled and the refresh on start is over (then
 * SCROLL_SETTLE_MS more), a tick callback moves the article list's vertical
 * adjustment BROADSHEET_BENCH_SCROLL_STEP pixels a frame (default 2000) from
 * the top to the bottom and back to the top, and every
 * BROADSHEET_BENCH_SCROLL_SELECT frames (default 30; 0: never) selects the
 * article in the middle of the list with bs_window_select_entry(), as j
 * would, so that the article view loads too. With
 * BROADSHEET_BENCH_SCROLL_FRAMES=N (default 0: the whole list) it turns
 * back after N/2 frames down, for a scroll of a given length at speeds a
 * hand gives. The interval between the frame
 * clock's "after-paint" signals is taken for every frame meanwhile. At the
 * end it writes
 *   "scroll FRAMES MEDIAN_MS P95_MS P99_MS MAX_MS OVER_33MS SELECTS SECONDS\n"
 * closes the descriptor and quits the application. */
#define SCROLL_SETTLE_MS 3000

static int bench_ready_fd = -1;

typedef struct
{
  BsWindow *window;
  GtkAdjustment *adjustment;
  double step;
  guint select_every;
  guint max_frames;               /* 0: to the bottom */
  int direction;                  /* 1 down, -1 back up, 0 done */
  guint frames;
  guint selects;
  gint64 start;
  gint64 last_paint;
  GArray *intervals;              /* of double, ms between after-paints */
  gulong paint_id;
  gulong refreshing_id;
} BenchScroll;

static BenchScroll *bench_scroll;

static void
bench_write (const char *line)
{
  gssize len = strlen (line);

  if (write (bench_ready_fd, line, len) != len)
    g_warning ("BROADSHEET_BENCH_READY_FD: could not write");
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The value at quantile @q of the sorted @values (nearest rank). */
static double
quantile (GArray *values,
          double  q)
{
  guint i = (guint) (q * values->len + 0.999999);

  return g_array_index (values, double, CLAMP (i, 1, values->len) - 1);
}

static void
bench_scroll_finish (BenchScroll *b)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));
  GArray *v = b->intervals;
  guint over = 0;
  char line[256];

  g_signal_handler_disconnect (clock, b->paint_id);
  g_array_sort (v, compare_doubles);
  for (guint i = 0; i < v->len; i++)
    over += g_array_index (v, double, i) > 33.0;
  if (v->len == 0)
    g_snprintf (line, sizeof line, "scroll 0 0 0 0 0 0 %u 0\n", b->selects);
  else
    g_snprintf (line, sizeof line, "scroll %u %.2f %.2f %.2f %.2f %u %u %.1f\n", v->len,
                quantile (v, 0.5), quantile (v, 0.95), quantile (v, 0.99),
                g_array_index (v, double, v->len - 1), over, b->selects,
                (b->last_paint - b->start) / 1e6);
  bench_write (line);
  close (bench_ready_fd);
  bench_ready_fd = -1;
  g_array_unref (v);
  g_application_quit (G_APPLICATION (b->window->application));
  g_clear_pointer (&bench_scroll, g_free);
}

static void
bench_scroll_paint_cb (GdkFrameClock *clock,
                       BenchScroll   *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->last_paint != 0)
    {
      double ms = (now - b->last_paint) / 1000.0;

      g_array_append_val (b->intervals, ms);
    }
  b->last_paint = now;
}

static gboolean
bench_scroll_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  BenchScroll *b = user_data;
  double lower = gtk_adjustment_get_lower (b->adjustment);
  double top = gtk_adjustment_get_upper (b->adjustment) - gtk_adjustment_get_page_size (b->adjustment);
  double value = gtk_adjustment_get_value (b->adjustment) + b->direction * b->step;

  if (b->direction == 0)
    {
      /* the frame after the last move has been painted */
      bench_scroll_finish (b);
      return G_SOURCE_REMOVE;
    }
  if (value >= top)
    {
      value = top;
      b->direction = -1;
    }
  else if (b->direction == 1 && b->max_frames > 0 && b->frames >= b->max_frames / 2)
    b->direction = -1;
  else if (value <= lower)
    {
      value = lower;
      b->direction = 0;
    }
  gtk_adjustment_set_value (b->adjustment, value);

  b->frames++;
  if (b->select_every > 0 && b->frames % b->select_every == 0)
    {
      double upper = gtk_adjustment_get_upper (b->adjustment);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (b->window->entry_selection));
      double middle = value + gtk_adjustment_get_page_size (b->adjustment) / 2;

      if (upper > 0 && n > 0 && bs_window_select_entry (b->window, MIN ((guint) (middle / upper * n), n - 1)))
        b->selects++;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
bench_scroll_start_cb (gpointer user_data)
{
  BenchScroll *b = user_data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));

  b->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (b->window->entry_list));
  gtk_adjustment_set_value (b->adjustment, gtk_adjustment_get_lower (b->adjustment));
  b->direction = 1;
  b->intervals = g_array_new (FALSE, FALSE, sizeof (double));
  b->start = g_get_monotonic_time ();
  b->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (bench_scroll_paint_cb), b);
  gtk_widget_add_tick_callback (GTK_WIDGET (b->window->entry_list), bench_scroll_tick_cb, b, NULL);
  return G_SOURCE_REMOVE;
}

static void
bench_refreshing_cb (BsUpdater   *updater,
                     GParamSpec  *pspec,
                     BenchScroll *b)
{
  if (bs_updater_get_refreshing (updater))
    return;
  g_clear_signal_handler (&b->refreshing_id, updater);
  g_timeout_add (SCROLL_SETTLE_MS, bench_scroll_start_cb, b);
}

/* Once the list has rows: when the refresh on start is over, settle, then scroll. */
static void
bench_scroll_setup (BsWindow *self)
{
  BsUpdater *updater = bs_application_get_updater (self->application);
  const char *step = g_getenv ("BROADSHEET_BENCH_SCROLL_STEP");
  const char *select = g_getenv ("BROADSHEET_BENCH_SCROLL_SELECT");
  const char *max_frames = g_getenv ("BROADSHEET_BENCH_SCROLL_FRAMES");

  bench_scroll = g_new0 (BenchScroll, 1);
  bench_scroll->window = self;
  bench_scroll->step = step != NULL && g_ascii_strtod (step, NULL) > 0 ? g_ascii_strtod (step, NULL) : 2000;
  bench_scroll->select_every = select != NULL ? (guint) atoi (select) : 30;
  bench_scroll->max_frames = max_frames != NULL ? (guint) atoi (max_frames) : 0;
  bench_scroll->refreshing_id = g_signal_connect (updater, "notify::refreshing",
                                                  G_CALLBACK (bench_refreshing_cb), bench_scroll);
  bench_refreshing_cb (updater, NULL, bench_scroll);
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      BsWindow      *self)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->entry_list));
  guint rows = g_list_model_get_n_items (G_LIST_MODEL (self->entry_selection));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  char line[128];

  if (bench_ready_fd < 0 || row == NULL || !gtk_widget_get_mapped (row) || rows == 0)
    return;

  g_snprintf (line, sizeof line, "ready %" G_GINT64_FORMAT " %u %s\n", g_get_monotonic_time (),
              rows, renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  bench_write (line);
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
  if (g_strcmp0 (g_getenv ("BROADSHEET_BENCH_SCROLL"), "1") == 0)
    {
      bench_scroll_setup (self);
      return;
    }
  close (bench_ready_fd);
  bench_ready_fd = -1;
}

static void
bench_realize_cb (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (bench_after_paint_cb), widget, 0);
}

void
_bs_window_bench_hook_setup (BsWindow *self)
{
  const char *fd = g_getenv ("BROADSHEET_BENCH_READY_FD");
  guint64 n;

  if (fd == NULL || bench_ready_fd >= 0 || self->entry_selection == NULL ||
      !g_ascii_string_to_unsigned (fd, 10, 0, G_MAXINT, &n, NULL))
    return;
  bench_ready_fd = (int) n;
  g_signal_connect_after (self, "realize", G_CALLBACK (bench_realize_cb), NULL);
}
