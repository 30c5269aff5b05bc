/* bs-window-bench.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <unistd.h>

#include "bs-window-private.h"

/* Benchmark hook (bench/ui-bench.sh). When BROADSHEET_BENCH_READY_FD names an
 * open file descriptor, the first frame painted with rows in the article list
 * writes "ready USEC ROWS RENDERER\n" to it, USEC being g_get_monotonic_time()
 * (that is CLOCK_MONOTONIC) after the paint, ROWS the number of articles in the
 * list and RENDERER the GskRenderer's type, and closes it. Unset, nothing
 * happens. */
static int bench_ready_fd = -1;

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      BsWindow      *self)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->entry_list));
  guint rows = g_list_model_get_n_items (G_LIST_MODEL (self->entry_selection));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  char line[128];
  int len;

  if (bench_ready_fd < 0 || row == NULL || !gtk_widget_get_mapped (row) || rows == 0)
    return;

  len = g_snprintf (line, sizeof line, "ready %" G_GINT64_FORMAT " %u %s\n", g_get_monotonic_time (),
                    rows, renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  if (write (bench_ready_fd, line, len) != len)
    g_warning ("BROADSHEET_BENCH_READY_FD: could not write");
  close (bench_ready_fd);
  bench_ready_fd = -1;
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
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
