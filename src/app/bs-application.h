/* bs-application.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bs-background.h"
#include "bs-fetcher.h"
#include "bs-library.h"
#include "bs-notifier.h"
#include "bs-store.h"
#include "bs-updater.h"

G_BEGIN_DECLS

/* BsApplication: the single instance of Broadsheet. It owns the engine —
 * the store (opened for writing, so a second writer such as a running
 * `broadsheet-cli refresh` is refused with a message), the library, the
 * fetcher and the updater — and the settings, and keeps them in step:
 * refresh on start and on the timer of "refresh-interval", retention from
 * "retention-days" and "max-entries-per-feed". Quitting flushes the store.
 *
 * After a refresh that brought new articles, the notifier (bs-notifier.h)
 * sends one notification; its actions are app.show-new-articles and
 * app.mark-read-notified. With "run-in-background" on, the application
 * holds itself (bs-background.h): closing the window leaves it running,
 * app.quit ends it.
 *
 * The store is $XDG_DATA_HOME/broadsheet unless the "data-dir" property
 * (the --data-dir option) says otherwise.
 *
 * Signals:
 *   "open-uri" (const char *uri): a link is to be opened in the user's
 *            browser; the default handler launches the default handler of
 *            the URI's scheme. Tests connect to it to see what was opened. */

#define BS_TYPE_APPLICATION (bs_application_get_type ())

G_DECLARE_FINAL_TYPE (BsApplication, bs_application, BS, APPLICATION, AdwApplication)

BsApplication *bs_application_new            (void);

const char    *bs_application_get_data_dir   (BsApplication *self);
GSettings     *bs_application_get_settings   (BsApplication *self);
BsStore       *bs_application_get_store      (BsApplication *self);
BsLibrary     *bs_application_get_library    (BsApplication *self);
BsFetcher     *bs_application_get_fetcher    (BsApplication *self);
BsUpdater     *bs_application_get_updater    (BsApplication *self);
BsNotifier    *bs_application_get_notifier   (BsApplication *self);
BsBackground  *bs_application_get_background (BsApplication *self);
const GError  *bs_application_get_open_error (BsApplication *self);

void           bs_application_open_uri       (BsApplication *self,
                                              const char    *uri);
void           bs_application_refresh        (BsApplication *self,
                                              GPtrArray     *sources);

G_END_DECLS
