/* bs-entry-list.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* BsEntryList: a GListModel of BsEntry, newest first, that a BsLibrary
 * creates and keeps current (see bs-library.h): which entries it holds is
 * decided by a filter of the library's, and it changes entry by entry
 * (one items-changed per entry that comes, goes or moves) or, after a
 * change to many entries, with one items-changed spanning what differs. */

#define BS_TYPE_ENTRY_LIST (bs_entry_list_get_type ())

G_DECLARE_FINAL_TYPE (BsEntryList, bs_entry_list, BS, ENTRY_LIST, GObject)

gboolean bs_entry_list_get_hides_duplicates (BsEntryList *self);

G_END_DECLS
