/* cli-fill-store.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A test helper for tests/test-cli-commands.sh: merges the entries of a
 * feed file into a subscription of a store, as a refresh would, without
 * the network.
 *
 *   cli-fill-store DATA_DIR SOURCE_ID FEED_FILE
 *
 * Exits 0 and prints the number of new entries, or 1 with a message. */

#include "config.h"

#include <stdio.h>

#include "bs-library.h"
#include "bs-parser.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BsStore) store = NULL;
  g_autoptr(BsLibrary) library = NULL;
  g_autoptr(BsFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  BsMergeResult result = { 0 };
  BsSource *source;
  gsize length = 0;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s DATA_DIR SOURCE_ID FEED_FILE\n", argv[0]);
      return 2;
    }

  store = bs_store_new (argv[1]);
  library = bs_library_new (store);
  if (!bs_store_open (store, TRUE, &error) || !bs_library_load (library, &error))
    {
      fprintf (stderr, "cli-fill-store: %s: %s\n", argv[1], error->message);
      return 1;
    }
  source = bs_library_lookup_source (library, argv[2]);
  if (source == NULL)
    {
      fprintf (stderr, "cli-fill-store: no source %s\n", argv[2]);
      return 1;
    }
  if (!g_file_get_contents (argv[3], &data, &length, &error)
      || (feed = bs_parse (data, length, bs_source_get_feed_url (source), NULL,
                           BS_PARSE_FLAGS_SANITIZE, &error)) == NULL)
    {
      fprintf (stderr, "cli-fill-store: %s: %s\n", argv[3], error->message);
      return 1;
    }

  bs_library_merge_feed (library, source, feed, g_get_real_time () / G_USEC_PER_SEC, &result);
  if (!bs_store_close (store, &error))
    {
      fprintf (stderr, "cli-fill-store: %s: %s\n", argv[1], error->message);
      return 1;
    }
  printf ("%u\n", result.n_new);
  return 0;
}
