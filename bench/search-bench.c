/* search-bench.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Search speed over a library of many real-looking entries:
 *
 *   search-bench [--runs N] [--entries N] [--store DIR] CORPUS_DAY_DIR
 *
 * First it fills a store with --entries entries (100,000 by default): the
 * feeds of CORPUS_DAY_DIR/feeds are parsed and sanitised once, then merged
 * again and again as new sources (each copy with its own links and dates,
 * so that copies are not duplicates of each other) until the count is
 * reached, and the store is written. With --store DIR the store is kept in
 * DIR and reused by the next run that names it; otherwise it lives in a
 * temporary directory, removed at the end.
 *
 * Then every run loads the store into a fresh library, as the app does at
 * start-up (bodies stay in the mapping until read), and times:
 *   (a) the first query on the loaded library ("g", the first keystroke):
 *       it builds the search text of every entry;
 *   (b) on another fresh library, bs_library_prepare_search_async() to the
 *       end: its total time and the longest time the main loop was held by
 *       one of its slices;
 *   (c) then, on that prepared library, queries typed character by
 *       character and erased again (backspace), as a search entry would
 *       send them, each keystroke timed from the call of
 *       bs_library_search() until the previous result model is dropped.
 *       Keystrokes are told apart by whether the query narrows the previous
 *       one (every word of the previous query inside a word of the new one:
 *       only the previous matches are searched) or not (a first letter, a
 *       backspace: every entry is searched, unless the query is one of the
 *       recent ones, whose matches the library keeps).
 * Times are CPU time of this process, which is what the user waits for on
 * an idle machine: on a shared one, wall time also counts the waits for a
 * CPU (it moves by 2-5x with other load). The total of (b) is also given
 * as wall time. Medians over all runs are printed. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "bs-library.h"
#include "bs-parser.h"
#include "bs-search.h"

/* What a user might type, in this order, each erased again before the
 * next: a word that only feed titles have, two words of which one no entry
 * has, an accented word and its plain spelling, two words many entries
 * have, a word no entry has. */
static const char *typed[] = {
  "gnome", "gtk 4", "café", "cafe", "kernel memory", "kwyjibo",
};

/* Targets of the issue: per keystroke well under 50 ms; a frame at 60 Hz. */
#define TARGET_MS 50.0
#define FRAME_MS  16.7

#define NOW ((gint64) 1767225600)  /* 2026-01-01, the first-seen of everything */
#define DAY ((gint64) 86400)

/* CPU time of the process, in milliseconds. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *v)
{
  double *d = (double *) v->data;
  guint n = v->len;

  if (n == 0)
    return 0;
  qsort (d, n, sizeof *d, compare_doubles);
  return n % 2 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
}

static double
maximum (GArray *v)
{
  double m = 0;

  for (guint i = 0; i < v->len; i++)
    m = MAX (m, g_array_index (v, double, i));
  return m;
}

static void
add (GArray *v,
     double  x)
{
  g_array_append_val (v, x);
}

/* The bytes allocated with malloc and not freed (glibc only: 0 elsewhere). */
static double
heap_in_use (void)
{
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33)
  struct mallinfo2 info = mallinfo2 ();

  return (double) info.uordblks + info.hblkhd;
#else
  return 0;
#endif
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gsize
tree_size (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  gsize size = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        size += tree_size (child);
      else if (g_stat (child, &st) == 0)
        size += st.st_size;
    }
  return size;
}

/* Store and library */

typedef struct {
  BsStore   *store;
  BsLibrary *library;
} Open;

static void
open_library (Open       *o,
              const char *dir)
{
  g_autoptr(GError) error = NULL;

  o->store = bs_store_new (dir);
  o->library = bs_library_new (o->store);
  if (!bs_store_open (o->store, TRUE, &error) || !bs_library_load (o->library, &error))
    g_error ("%s: %s", dir, error->message);
}

static void
close_library (Open *o)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&o->library);
  if (!bs_store_close (o->store, &error))
    g_error ("%s", error->message);
  g_clear_object (&o->store);
}

static guint
n_entries (BsLibrary *library)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (bs_library_get_sources (library)); i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (bs_library_get_sources (library), i);
      g_autoptr(GListModel) entries = bs_library_get_source_entries (library, source);

      n += g_list_model_get_n_items (entries);
    }
  return n;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A copy of a feed's entries is a different article: its own link and
 * dates two days apart from the previous copy's (duplicates are found by
 * link, or by title and a date less than a day apart). */
static void
make_next_copy (BsFeed *feed,
                guint   copy)
{
  for (guint i = 0; i < feed->entries->len; i++)
    {
      BsFeedEntry *fe = g_ptr_array_index (feed->entries, i);

      if (fe->link != NULL)
        {
          char *link = g_strdup_printf ("%s%cbench-copy=%u", fe->link,
                                        strchr (fe->link, '?') != NULL ? '&' : '?', copy);

          g_free (fe->link);
          fe->link = link;
        }
      if (fe->published != BS_DATE_NONE)
        fe->published -= 2 * DAY;
      if (fe->updated != BS_DATE_NONE)
        fe->updated -= 2 * DAY;
    }
}

static void
fill_store (const char *dir,
            const char *corpus,
            guint       wanted)
{
  g_autofree char *feeds_dir = g_build_filename (corpus, "feeds", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_feed_free);
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *name;
  guint total = 0, n_sources = 0;
  Open o;

  d = g_dir_open (feeds_dir, 0, &error);
  if (d == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (feeds_dir, names->pdata[i], NULL);
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:8088/feeds/%s",
                                              (char *) names->pdata[i]);
      g_autofree char *data = NULL;
      gsize length;
      BsFeed *feed;

      if (!g_file_get_contents (file, &data, &length, &error))
        g_error ("%s", error->message);
      feed = bs_parse (data, length, url, NULL, BS_PARSE_FLAGS_SANITIZE, &error);
      if (feed == NULL)
        g_error ("%s: %s", file, error->message);
      g_ptr_array_add (feeds, feed);
    }
  if (feeds->len == 0)
    g_error ("no feeds in %s", feeds_dir);

  fprintf (stderr, "filling %s with %u entries from the %u feeds of %s\n",
           dir, wanted, feeds->len, corpus);
  open_library (&o, dir);
  for (guint copy = 0; total < wanted; copy++)
    {
      for (guint i = 0; i < feeds->len && total < wanted; i++)
        {
          BsFeed *feed = g_ptr_array_index (feeds, i);
          g_autofree char *url = g_strdup_printf ("http://127.0.0.1:8088/feeds/%s?copy=%u",
                                                  (char *) names->pdata[i], copy);
          g_autoptr(BsSource) source = bs_source_new (url);
          BsMergeResult result;

          if (copy > 0)
            make_next_copy (feed, copy);
          /* The last feed merged gives only what is still wanted. */
          if (feed->entries->len > wanted - total)
            g_ptr_array_set_size (feed->entries, wanted - total);

          if (!bs_library_add_source (o.library, source, &error))
            g_error ("%s", error->message);
          bs_library_merge_feed (o.library, source, feed, NOW, &result);
          total += result.n_new;
          n_sources++;
        }
      if (copy > 1000)
        g_error ("the corpus gives no entries");
    }
  close_library (&o);
  fprintf (stderr, "%u entries in %u sources merged and written in %.1f s\n",
           total, n_sources, ms_since (start) / 1000);
}

/* The phases */

/* (a) */
static void
time_cold_query (const char *dir,
                 GArray     *first,
                 GArray     *load)
{
  g_autoptr(GListModel) results = NULL;
  double start = cpu_ms ();
  Open o;

  open_library (&o, dir);
  add (load, cpu_ms () - start);

  start = cpu_ms ();
  results = bs_library_search (o.library, "g");
  add (first, cpu_ms () - start);

  g_clear_object (&results);
  close_library (&o);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = data;

  if (!bs_library_prepare_search_finish (BS_LIBRARY (object), result, &error))
    g_error ("preparation failed: %s", error->message);
  *done = TRUE;
}

/* Whether the words of @query narrow those of @last, the rule of
 * bs-library-search.c: every word of @last inside a word of @query. */
static gboolean
narrows (const char *last,
         const char *query)
{
  g_auto(GStrv) old_words = NULL;
  g_auto(GStrv) words = NULL;

  if (last == NULL)
    return FALSE;
  old_words = bs_search_query_words (last);
  words = bs_search_query_words (query);
  if (old_words[0] == NULL)
    return FALSE;
  for (guint i = 0; old_words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; !found && words[j] != NULL; j++)
        found = strstr (words[j], old_words[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  GArray *total;       /* (b): wall ms */
  GArray *cpu;         /* (b): CPU ms */
  GArray *longest;     /* (b): the longest main loop iteration, CPU ms */
  GArray *slices;      /* (b): main loop iterations */
  GArray *memory;      /* (b): heap growth, MB */
  GArray *narrowing;   /* (c): ms per keystroke */
  GArray *full;        /* (c): ms per keystroke */
  GPtrArray *lines;    /* (c): one line per query of the first run */
} Figures;

static void
type_and_erase (BsLibrary  *library,
                const char *text,
                Figures    *f,
                char      **last,
                GString    *line)
{
  g_autoptr(GListModel) shown = NULL;
  g_autoptr(GPtrArray) prefixes = g_ptr_array_new_with_free_func (g_free);
  guint full_len = strlen (text);

  /* "g", "gn", … "gnome", then "gnom", … "g" again. */
  for (const char *p = g_utf8_next_char (text); ; p = g_utf8_next_char (p))
    {
      g_ptr_array_add (prefixes, g_strndup (text, p - text));
      if (*p == '\0')
        break;
    }
  for (guint i = prefixes->len - 1; i-- > 0;)
    g_ptr_array_add (prefixes, g_strdup (prefixes->pdata[i]));

  g_string_append_printf (line, "  %-15s", text);
  for (guint i = 0; i < prefixes->len; i++)
    {
      const char *query = prefixes->pdata[i];
      gboolean narrowing = narrows (*last, query);
      double start = cpu_ms ();
      GListModel *results = bs_library_search (library, query);
      g_auto(GStrv) words = NULL;
      double ms;

      g_clear_object (&shown);
      shown = results;
      ms = cpu_ms () - start;
      add (narrowing ? f->narrowing : f->full, ms);

      words = bs_search_query_words (query);
      if (words[0] != NULL)
        {
          g_free (*last);
          *last = g_strdup (query);
        }
      if (strlen (query) == full_len || i == 0)
        g_string_append_printf (line, " %s%.1f%s(%u)", narrowing ? "" : "[", ms,
                                narrowing ? "" : "]", g_list_model_get_n_items (results));
      else
        g_string_append_printf (line, " %s%.1f%s", narrowing ? "" : "[", ms,
                                narrowing ? "" : "]");
    }
}

/* (b) and (c) */
static void
time_prepared (const char *dir,
               Figures    *f,
               gboolean    describe)
{
  g_autofree char *last = NULL;
  gboolean done = FALSE;
  double longest = 0, cpu, heap;
  guint iterations = 0;
  gint64 start;
  Open o;

  open_library (&o, dir);
  heap = heap_in_use ();

  cpu = cpu_ms ();
  start = g_get_monotonic_time ();
  bs_library_prepare_search_async (o.library, NULL, prepared_cb, &done);
  while (!done)
    {
      double t = cpu_ms ();

      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, cpu_ms () - t);
      iterations++;
    }
  add (f->total, ms_since (start));
  add (f->cpu, cpu_ms () - cpu);
  add (f->longest, longest);
  add (f->slices, iterations);
  add (f->memory, (heap_in_use () - heap) / 1e6);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      GString *line = g_string_new (NULL);

      type_and_erase (o.library, typed[i], f, &last, line);
      if (describe)
        g_ptr_array_add (f->lines, g_string_free (line, FALSE));
      else
        g_string_free (line, TRUE);
    }

  close_library (&o);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *store_dir = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  Figures f;
  const char *corpus = NULL;
  gboolean temporary = FALSE, usage = FALSE;
  guint wanted = 100000, entries;
  int runs = 5;
  double narrow_med, full_med, worst;
  Open o;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        {
          runs = atoi (argv[++i]);
          runs = MAX (runs, 1);
        }
      else if (strcmp (argv[i], "--entries") == 0 && i + 1 < argc)
        {
          int n = atoi (argv[++i]);

          wanted = MAX (n, 1);
        }
      else if (strcmp (argv[i], "--store") == 0 && i + 1 < argc)
        store_dir = g_strdup (argv[++i]);
      else if (argv[i][0] != '-' && corpus == NULL)
        corpus = argv[i];
      else
        usage = TRUE;
    }
  if (corpus == NULL || usage)
    {
      fprintf (stderr, "usage: search-bench [--runs N] [--entries N] [--store DIR] CORPUS_DAY_DIR\n");
      return 2;
    }

  if (store_dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      store_dir = g_dir_make_tmp ("bs-search-bench-XXXXXX", &error);
      if (store_dir == NULL)
        g_error ("%s", error->message);
      temporary = TRUE;
    }
  {
    g_autofree char *sources = g_build_filename (store_dir, "sources.gvariant", NULL);

    if (!g_file_test (sources, G_FILE_TEST_EXISTS))
      fill_store (store_dir, corpus, wanted);
  }

  open_library (&o, store_dir);
  entries = n_entries (o.library);
  printf ("library: %u entries in %u sources, store %.0f MB (%s)\n", entries,
          g_list_model_get_n_items (bs_library_get_sources (o.library)),
          tree_size (store_dir) / 1e6, store_dir);
  close_library (&o);
  if (entries != wanted)
    fprintf (stderr, "warning: the store has %u entries, not %u (remove %s to refill it)\n",
             entries, wanted, store_dir);

  f.total = g_array_new (FALSE, FALSE, sizeof (double));
  f.cpu = g_array_new (FALSE, FALSE, sizeof (double));
  f.longest = g_array_new (FALSE, FALSE, sizeof (double));
  f.slices = g_array_new (FALSE, FALSE, sizeof (double));
  f.memory = g_array_new (FALSE, FALSE, sizeof (double));
  f.narrowing = g_array_new (FALSE, FALSE, sizeof (double));
  f.full = g_array_new (FALSE, FALSE, sizeof (double));
  f.lines = g_ptr_array_new_with_free_func (g_free);

  for (int r = 0; r < runs; r++)
    {
      time_cold_query (store_dir, first, load);
      time_prepared (store_dir, &f, r == 0);
      fprintf (stderr, "run %d: first query %.0f ms; preparation %.0f ms, longest slice %.1f ms (CPU)\n",
               r + 1, g_array_index (first, double, r), g_array_index (f.cpu, double, r),
               g_array_index (f.longest, double, r));
    }

  worst = MAX (maximum (f.narrowing), maximum (f.full));
  narrow_med = median (f.narrowing);
  full_med = median (f.full);

  printf ("medians of %d runs, CPU time:\n", runs);
  printf ("  %-52s %8.0f ms\n", "library loaded from the store", median (load));
  printf ("  %-52s %8.0f ms\n", "(a) first query, cold (\"g\": builds every text)", median (first));
  printf ("  %-52s %8.0f ms  (%.0f ms wall, %.0f main loop iterations)\n",
          "(b) bs_library_prepare_search_async(), total", median (f.cpu), median (f.total),
          median (f.slices));
  printf ("  %-52s %8.1f ms  (of all runs: %.1f ms)\n", "    longest slice (main loop iteration)",
          median (f.longest), maximum (f.longest));
  printf ("  %-52s %8.0f MB\n", "    heap taken by the search texts", median (f.memory));
  printf ("  (c) per keystroke after preparation:\n");
  printf ("  %-52s %8.1f ms  (max %.1f ms, %u keystrokes)\n", "    narrowing the previous query",
          narrow_med, maximum (f.narrowing), f.narrowing->len);
  printf ("  %-52s %8.1f ms  (max %.1f ms, %u keystrokes)\n", "    not narrowing it (first letter, backspace)",
          full_med, maximum (f.full), f.full->len);
  printf ("  target: well under %.0f ms a keystroke: %s; within a 60 Hz frame (%.1f ms): %s\n",
          TARGET_MS, MAX (narrow_med, full_med) < TARGET_MS / 2 ? "met (medians)" : "NOT met",
          FRAME_MS,
          worst < FRAME_MS ? "every keystroke"
          : MAX (narrow_med, full_med) < FRAME_MS ? "the medians, not every keystroke"
          : narrow_med < FRAME_MS ? "narrowing keystrokes only" : "no");
  printf ("first run, ms per keystroke as typed then erased ([full scan], (results)):\n");
  for (guint i = 0; i < f.lines->len; i++)
    printf ("%s\n", (char *) f.lines->pdata[i]);

  if (temporary)
    remove_tree (store_dir);

  g_array_unref (f.total);
  g_array_unref (f.cpu);
  g_array_unref (f.longest);
  g_array_unref (f.slices);
  g_array_unref (f.memory);
  g_array_unref (f.narrowing);
  g_array_unref (f.full);
  g_ptr_array_unref (f.lines);
  return 0;
}
