/* bs-test-util.c — helpers shared by the core tests
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bs-test-util.h"

#include <glib/gstdio.h>

void
bs_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        bs_test_remove_tree (child);
      else
        g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

BsStore *
bs_test_open_store (const char *dir,
                    gboolean    for_writing)
{
  g_autoptr(GError) error = NULL;
  BsStore *store = bs_store_new (dir);

  bs_store_set_save_delay (store, 0);
  bs_store_set_entries_save_delay (store, 0);
  bs_store_open (store, for_writing, &error);
  g_assert_no_error (error);
  return store;
}

void
bs_test_close_store (BsStore *store)
{
  g_autoptr(GError) error = NULL;

  bs_store_close (store, &error);
  g_assert_no_error (error);
  g_object_unref (store);
}

void
bs_test_flush_store (BsStore *store)
{
  g_autoptr(GError) error = NULL;

  bs_store_flush (store, &error);
  g_assert_no_error (error);
}

void
bs_test_open_library (const char  *dir,
                      BsStore    **store,
                      BsLibrary  **library)
{
  g_autoptr(GError) error = NULL;

  *store = bs_store_new (dir);
  bs_store_open (*store, TRUE, &error);
  g_assert_no_error (error);
  *library = bs_library_new (*store);
  bs_library_load (*library, &error);
  g_assert_no_error (error);
}

void
bs_test_close_library (BsStore   **store,
                       BsLibrary **library)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (library);
  bs_store_close (*store, &error);
  g_assert_no_error (error);
  g_clear_object (store);
}

SoupServer *
bs_test_server_new (SoupServerCallback   callback,
                    gpointer             user_data,
                    char               **base,
                    guint               *port)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);

  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  if (port != NULL)
    *port = (guint) g_uri_get_port (uris->data);

  return server;
}
