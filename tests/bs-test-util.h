/* bs-test-util.h — helpers shared by the core tests
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

G_END_DECLS
