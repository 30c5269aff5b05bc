/* bench-parse.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Parsing speed on a corpus directory of feeds, against the floor of a
 * plain libxml2 xmlReader pass over the same bytes, measured side by side:
 *
 *   bench-parse [--runs N] DIR
 *
 * Every run times, over every XML file of DIR (read into memory first):
 *   (a) xmlReader reading every node — the floor;
 *   (b) bs_parse() with the feed's URL as base, HTML passed through;
 *   (c) bs_parse() with BS_PARSE_FLAGS_SANITIZE: every summary and content
 *       cleaned by bs_html_sanitize(), as the reader stores them.
 * Times are CPU time of this process (the machine is shared; wall time
 * moves with other load). JSON Feed files are timed separately for (b)/(c)
 * since xmlReader cannot read them. Medians of all runs are printed. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlreader.h>

#include "bs-parser.h"

typedef struct {
  char  *name;
  char  *data;
  gsize  length;
  gboolean json;
} Doc;

static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static gsize
floor_pass (GPtrArray *docs)
{
  gsize nodes = 0;

  for (guint i = 0; i < docs->len; i++)
    {
      Doc *d = g_ptr_array_index (docs, i);
      xmlTextReaderPtr reader;

      if (d->json)
        continue;
      reader = xmlReaderForMemory (d->data, (int) d->length, NULL, NULL, XML_PARSE_NONET);
      while (xmlTextReaderRead (reader) == 1)
        nodes++;
      xmlFreeTextReader (reader);
    }
  return nodes;
}

static gsize
parse_pass (GPtrArray    *docs,
            gboolean      json,
            BsParseFlags  flags)
{
  gsize entries = 0;

  for (guint i = 0; i < docs->len; i++)
    {
      Doc *d = g_ptr_array_index (docs, i);
      g_autofree char *base = NULL;
      BsFeed *feed;

      if (d->json != json)
        continue;
      base = g_strdup_printf ("http://127.0.0.1:8088/feeds/%s", d->name);
      feed = bs_parse (d->data, d->length, base, NULL, flags, NULL);
      if (feed == NULL)
        g_error ("%s could not be parsed", d->name);
      entries += feed->entries->len;
      bs_feed_free (feed);
    }
  return entries;
}

static void
doc_free (Doc *d)
{
  g_free (d->name);
  g_free (d->data);
  g_free (d);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *feeds_dir = NULL;
  const char *name;
  int runs = 7;
  const char *path = NULL;
  gsize xml_bytes = 0, json_bytes = 0, xml_entries = 0, json_entries = 0;
  double *ta, *tb, *tc, *tjb, *tjc;
  double ma, mb, mc, mjb, mjc;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        {
          runs = atoi (argv[++i]);
          runs = MAX (runs, 1);
        }
      else
        path = argv[i];
    }
  if (path == NULL)
    {
      fprintf (stderr, "usage: bench-parse [--runs N] CORPUS_DIR (a day directory with feeds/)\n");
      return 2;
    }

  feeds_dir = g_build_filename (path, "feeds", NULL);
  if (!g_file_test (feeds_dir, G_FILE_TEST_IS_DIR))
    {
      g_free (feeds_dir);
      feeds_dir = g_strdup (path);
    }
  dir = g_dir_open (feeds_dir, 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      Doc *d = g_new0 (Doc, 1);
      g_autofree char *file = g_build_filename (feeds_dir, name, NULL);

      if (!g_file_get_contents (file, &d->data, &d->length, &error))
        g_error ("%s", error->message);
      d->name = g_strdup (name);
      d->json = g_str_has_suffix (name, ".json");
      if (d->json)
        json_bytes += d->length;
      else
        xml_bytes += d->length;
      g_ptr_array_add (docs, d);
    }

  ta = g_new (double, runs);
  tb = g_new (double, runs);
  tc = g_new (double, runs);
  tjb = g_new (double, runs);
  tjc = g_new (double, runs);

  /* one warm-up pass so the first run does not pay for page faults */
  floor_pass (docs);
  parse_pass (docs, FALSE, BS_PARSE_FLAGS_SANITIZE);

  for (int r = 0; r < runs; r++)
    {
      double t0;

      t0 = cpu_now ();
      floor_pass (docs);
      ta[r] = cpu_now () - t0;

      t0 = cpu_now ();
      xml_entries = parse_pass (docs, FALSE, BS_PARSE_FLAGS_NONE);
      tb[r] = cpu_now () - t0;

      t0 = cpu_now ();
      parse_pass (docs, FALSE, BS_PARSE_FLAGS_SANITIZE);
      tc[r] = cpu_now () - t0;

      t0 = cpu_now ();
      json_entries = parse_pass (docs, TRUE, BS_PARSE_FLAGS_NONE);
      tjb[r] = cpu_now () - t0;

      t0 = cpu_now ();
      parse_pass (docs, TRUE, BS_PARSE_FLAGS_SANITIZE);
      tjc[r] = cpu_now () - t0;

      fprintf (stderr, "run %d: floor %.3f s, parse %.3f s, parse+sanitise %.3f s\n",
               r + 1, ta[r], tb[r], tc[r]);
    }

  ma = median (ta, runs);
  mb = median (tb, runs);
  mc = median (tc, runs);
  mjb = median (tjb, runs);
  mjc = median (tjc, runs);

  printf ("corpus: %s: %u files, XML %.1f MB / %" G_GSIZE_FORMAT " entries, JSON %.1f MB / %" G_GSIZE_FORMAT " entries\n",
          feeds_dir, docs->len, xml_bytes / 1e6, xml_entries, json_bytes / 1e6, json_entries);
  printf ("medians of %d runs, CPU seconds:\n", runs);
  printf ("  %-38s %7.3f s  %7.1f MB/s  %9.0f entries/s\n", "(a) libxml2 xmlReader pass (floor)",
          ma, xml_bytes / 1e6 / ma, xml_entries / ma);
  printf ("  %-38s %7.3f s  %7.1f MB/s  %9.0f entries/s  b/a = %.2f\n", "(b) bs_parse",
          mb, xml_bytes / 1e6 / mb, xml_entries / mb, mb / ma);
  printf ("  %-38s %7.3f s  %7.1f MB/s  %9.0f entries/s  c/a = %.2f\n", "(c) bs_parse + sanitise",
          mc, xml_bytes / 1e6 / mc, xml_entries / mc, mc / ma);
  printf ("  %-38s %7.3f s  %7.1f MB/s  %9.0f entries/s\n", "JSON Feed: bs_parse",
          mjb, json_bytes / 1e6 / mjb, json_entries / mjb);
  printf ("  %-38s %7.3f s  %7.1f MB/s  %9.0f entries/s\n", "JSON Feed: bs_parse + sanitise",
          mjc, json_bytes / 1e6 / mjc, json_entries / mjc);

  g_free (ta);
  g_free (tb);
  g_free (tc);
  g_free (tjb);
  g_free (tjc);
  return 0;
}
