/* bs-opml-actions.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bs-window.h"

G_BEGIN_DECLS

/* Importing and exporting the subscriptions as OPML (win.import-opml,
 * win.export-opml).
 *
 * Importing reads the file without blocking the window, parses it in a
 * worker thread, subscribes to every feed not subscribed to yet, in its
 * folder (bs_library_import_outlines(), as `broadsheet-cli import`), and
 * refreshes the new subscriptions in one go; a toast says how many were
 * imported and how many were already there, or why the file could not be
 * imported. Exporting writes every subscription as OPML 2.0 and says
 * where in a toast. The bs_opml_choose_*() functions ask for the file
 * with a GtkFileChooserNative (a portal where there is one). */

void       bs_opml_choose_import   (BsWindow      *window);
void       bs_opml_choose_export   (BsWindow      *window);

void       bs_opml_import_file     (BsWindow      *window,
                                    GFile         *file);
void       bs_opml_export_file     (BsWindow      *window,
                                    GFile         *file);

void       bs_opml_import_async    (BsWindow             *window,
                                    GFile                *file,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GPtrArray *bs_opml_import_finish   (GAsyncResult         *result,
                                    guint                *n_existing,
                                    GError              **error);
void       bs_opml_export_async    (BsWindow             *window,
                                    GFile                *file,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean   bs_opml_export_finish   (GAsyncResult         *result,
                                    GError              **error);

char      *bs_opml_import_summary  (guint          n_added,
                                    guint          n_existing);

G_END_DECLS
