/* bs-add-feed-dialog.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bs-discovery.h"
#include "bs-window.h"

G_BEGIN_DECLS

/* BsAddFeedDialog: subscribing to a feed (win.add-feed, Ctrl+N, the +
 * button). The user gives the address of a feed or of a web page and,
 * optionally, a folder (one of the library's or a new name); Add looks
 * for the feeds behind the address (bs_discover_async()):
 *  - one feed: subscribes to it, refreshes it, shows it in the window and
 *    closes;
 *  - several: lists them (title, kind, address) in the dialog, the first
 *    chosen; Add again subscribes to the chosen one;
 *  - an invalid address, no feed, a network or server error: says why
 *    under the address and stays open;
 *  - a feed already subscribed to: says so, with a button that shows it.
 * Cancel, Escape or closing the window stop a search in progress.
 *
 * Properties (for tests, and notified when they change):
 *   "url"       char *, the address as typed
 *   "folder"    char *, the folder as typed
 *   "busy"      gboolean, read-only, TRUE while feeds are looked for
 *   "error"     char *, read-only, the message shown under the address,
 *               NULL when there is none
 *   "n-choices" guint, read-only, the feeds offered to choose from (0
 *               unless the page offers several)
 *
 * Signals:
 *   "subscribed" (BsSource *source): a subscription was added; the dialog
 *               closes right after. */

#define BS_TYPE_ADD_FEED_DIALOG (bs_add_feed_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BsAddFeedDialog, bs_add_feed_dialog, BS, ADD_FEED_DIALOG, AdwWindow)

BsAddFeedDialog        *bs_add_feed_dialog_new          (BsWindow        *window);

void                    bs_add_feed_dialog_set_url      (BsAddFeedDialog *self,
                                                         const char      *url);
const char             *bs_add_feed_dialog_get_url      (BsAddFeedDialog *self);
void                    bs_add_feed_dialog_set_folder   (BsAddFeedDialog *self,
                                                         const char      *folder);
const char             *bs_add_feed_dialog_get_folder   (BsAddFeedDialog *self);
gboolean                bs_add_feed_dialog_get_busy     (BsAddFeedDialog *self);
const char             *bs_add_feed_dialog_get_error    (BsAddFeedDialog *self);
guint                   bs_add_feed_dialog_get_n_choices (BsAddFeedDialog *self);
const BsDiscoveredFeed *bs_add_feed_dialog_get_choice   (BsAddFeedDialog *self,
                                                         guint            position);
void                    bs_add_feed_dialog_choose       (BsAddFeedDialog *self,
                                                         guint            position);
void                    bs_add_feed_dialog_add          (BsAddFeedDialog *self);

/* Subscribes @window's library to @feed_url the way the dialog does
 * after discovery (the welcome page's suggestions too): a new source
 * with @title (may be NULL: the feed's own comes with the first refresh),
 * @site_url (may be NULL) and @folder (NULL or "" for none), refreshed at
 * once and selected in the sidebar. Fails with BS_LIBRARY_ERROR_EXISTS
 * when @feed_url is already subscribed to. */
BsSource               *bs_subscribe                    (BsWindow        *window,
                                                         const char      *feed_url,
                                                         const char      *title,
                                                         const char      *site_url,
                                                         const char      *folder,
                                                         GError         **error);

G_END_DECLS
