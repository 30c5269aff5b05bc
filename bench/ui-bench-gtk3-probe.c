/* ui-bench-gtk3-probe.c — a GTK 3 module for bench/ui-bench.sh
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loaded into Liferea (a GTK 3 program) through GTK_MODULES=/path/to/it.so,
 * it reports what Broadsheet's own hook reports (BROADSHEET_BENCH_READY_FD in
 * src/app/bs-window.c): when a frame has been painted in a toplevel window and
 * the number of rows of the item list differs from the last frame's, it writes
 * "paint USEC ROWS\n" to the file descriptor named by BENCH_PROBE_FD, USEC
 * being g_get_monotonic_time() (CLOCK_MONOTONIC) after the paint. The item
 * list is every mapped GtkTreeView but the feed list (builder id "feedlist");
 * ROWS counts the top-level rows of their models. With BENCH_PROBE_DEBUG set,
 * each such line is followed by one line per tree view ("view NAME ROWS").
 *
 * It only reads: it changes nothing in the program it is loaded into. Built
 * by bench/ui-bench.sh with `gcc -shared -fPIC $(pkg-config --cflags --libs
 * gtk+-3.0)`, not by meson (the project itself does not use GTK 3).
 */

#include <gtk/gtk.h>
#include <unistd.h>

static int probe_fd = -1;
static int last_rows = -1;
static gboolean probe_debug;

static void
probe_write (const char *line)
{
  size_t len = strlen (line);

  if (write (probe_fd, line, len) != (ssize_t) len)
    g_warning ("BENCH_PROBE_FD: could not write");
}

static void
count_rows (GtkWidget *widget,
            gpointer   data)
{
  int *rows = data;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_TREE_VIEW (widget))
    {
      const char *name = gtk_buildable_get_name (GTK_BUILDABLE (widget));
      GtkTreeModel *model = gtk_tree_view_get_model (GTK_TREE_VIEW (widget));
      int n = model != NULL ? gtk_tree_model_iter_n_children (model, NULL) : 0;

      if (probe_debug)
        {
          g_autofree char *line = g_strdup_printf ("view %s %d\n", name != NULL ? name : "(unnamed)", n);
          probe_write (line);
        }
      if (g_strcmp0 (name, "feedlist") != 0)
        *rows += n;
    }
  else if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), count_rows, data);
}

static void
after_paint_cb (G_GNUC_UNUSED GdkFrameClock *clock,
                GtkWidget                   *window)
{
  gint64 now = g_get_monotonic_time ();
  int rows = 0;

  count_rows (window, &rows);
  if (rows != last_rows)
    {
      char line[64];

      g_snprintf (line, sizeof line, "paint %" G_GINT64_FORMAT " %d\n", now, rows);
      probe_write (line);
      last_rows = rows;
    }
}

static gboolean
map_hook (G_GNUC_UNUSED GSignalInvocationHint *hint,
          G_GNUC_UNUSED guint                  n_params,
          const GValue                        *params,
          G_GNUC_UNUSED gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);
  GdkFrameClock *clock;

  if (!GTK_IS_WINDOW (widget) || !gtk_widget_is_toplevel (widget) ||
      gtk_window_get_window_type (GTK_WINDOW (widget)) != GTK_WINDOW_TOPLEVEL ||
      g_object_get_data (G_OBJECT (widget), "ui-bench-probe") != NULL)
    return TRUE;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return TRUE;
  g_object_set_data (G_OBJECT (widget), "ui-bench-probe", GINT_TO_POINTER (1));
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), widget, 0);
  return TRUE;
}

G_MODULE_EXPORT void gtk_module_init (gint *argc, gchar ***argv);

G_MODULE_EXPORT void
gtk_module_init (G_GNUC_UNUSED gint    *argc,
                 G_GNUC_UNUSED gchar ***argv)
{
  const char *fd = g_getenv ("BENCH_PROBE_FD");
  guint64 n;

  if (fd == NULL || !g_ascii_string_to_unsigned (fd, 10, 0, G_MAXINT, &n, NULL))
    return;
  probe_fd = (int) n;
  probe_debug = g_getenv ("BENCH_PROBE_DEBUG") != NULL;
  /* Only this process: not the programs it starts (WebKit's web process
   * is a GTK 3 program too, and would otherwise load this module). */
  g_unsetenv ("BENCH_PROBE_FD");
  g_unsetenv ("GTK_MODULES");
  g_type_class_ref (GTK_TYPE_WIDGET);
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL, NULL);
}
