/* bs-preferences-window.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bs-window.h"

G_BEGIN_DECLS

/* BsPreferencesWindow: the preferences (win.preferences, Ctrl+,), each
 * control bound to its GSettings key so that a change applies at once:
 * how often to check for new articles ("refresh-interval", offered as a
 * choice of intervals; a value set elsewhere shows as the nearest one
 * until the user picks another), marking read on select, remote images,
 * the article text size ("font-size", 0 shown as "System"), and how long
 * read articles are kept ("retention-days", 0 shown as "Never";
 * "max-entries-per-feed", 0 shown as "No limit"). */

#define BS_TYPE_PREFERENCES_WINDOW (bs_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BsPreferencesWindow, bs_preferences_window, BS, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

BsPreferencesWindow *bs_preferences_window_new         (BsWindow            *window);

GtkWidget           *bs_preferences_window_get_control (BsPreferencesWindow *self,
                                                        const char          *key);

G_END_DECLS
