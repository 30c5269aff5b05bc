/* bs-test-util.h — helpers shared by the core tests
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "bs-library.h"
#include "bs-store.h"

G_BEGIN_DECLS

/* Removes @path and everything under it, asserting that it can. */
void     bs_test_remove_tree (const char *path);

/* The store in @dir, opened, with no save delays: a change reaches the
 * disk at the next main loop iteration or flush. */
BsStore *bs_test_open_store  (const char *dir,
                              gboolean    for_writing);
/* Closes (writing what is pending) and unrefs @store. */
void     bs_test_close_store (BsStore    *store);
void     bs_test_flush_store (BsStore    *store);

/* A writable store in @dir (with its default save delays) and a library
 * loaded from it; closing writes what is pending and clears both. */
void     bs_test_open_library  (const char  *dir,
                                BsStore    **store,
                                BsLibrary  **library);
void     bs_test_close_library (BsStore    **store,
                                BsLibrary  **library);

/* A server on 127.0.0.1 (a free port) that sends every request to
 * @callback; its base URI ("http://127.0.0.1:PORT", no slash) goes in
 * @base, and the port in @port if not NULL. Stop it with
 * soup_server_disconnect() and g_object_unref(). */
SoupServer *bs_test_server_new (SoupServerCallback   callback,
                                gpointer             user_data,
                                char               **base,
                                guint               *port);

G_END_DECLS
