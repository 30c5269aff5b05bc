/* bs-entry-row.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bs-library.h"

G_BEGIN_DECLS

/* BsEntryRow: an article in the article list — source and relative time,
 * title (bold while unread), a short excerpt, the unread dot and the star.
 * One row widget is recycled by the list view for many articles:
 * bs_entry_row_bind() shows one and follows its read and starred flags
 * until bs_entry_row_unbind(). */

#define BS_TYPE_ENTRY_ROW (bs_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (BsEntryRow, bs_entry_row, BS, ENTRY_ROW, GtkWidget)

GtkWidget *bs_entry_row_new    (void);
void       bs_entry_row_bind   (BsEntryRow *self,
                                BsEntry    *entry,
                                BsLibrary  *library);
void       bs_entry_row_unbind (BsEntryRow *self);

char      *bs_format_relative_time (gint64 when,
                                    gint64 now);
char      *bs_entry_excerpt        (BsEntry *entry,
                                    gsize    max_chars);

G_END_DECLS
