/* bs-background.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* BsBackground: Broadsheet running with no window, when the user wants
 * it, and starting at login.
 *
 * Running in the background is a hold on the application
 * (g_application_hold()) kept while the "run-in-background" setting is
 * on: closing the last window leaves the application running, refreshing
 * on its timer and notifying; activating it (the launcher, D-Bus, a
 * notification) opens a window again. bs_background_release() lets go
 * for good (Quit).
 *
 * Starting at login ("autostart", which counts only while
 * "run-in-background" is on) starts `broadsheet --gapplication-service`:
 * the application without a window, kept by the hold.
 *
 * Outside Flatpak nothing needs permission: the login start is the file
 * $XDG_CONFIG_HOME/autostart/io.github.broadsheet.Broadsheet.desktop,
 * written and removed as the settings change
 * (bs_background_get_autostart_path()).
 *
 * Inside Flatpak (a non-empty /.flatpak-info), when the user turns
 * "run-in-background" on or changes "autostart" while it is on, the
 * Background portal is asked (org.freedesktop.portal.Background
 * .RequestBackground, with the reason, "autostart" and the command line
 * above); the portal asks the user and writes the login start itself.
 * When its Response says no, the setting goes back off and "denied" is
 * emitted with a sentence for the user. Turning "run-in-background" off
 * asks the portal to remove the login start, without a word if it
 * refuses.
 *
 * Signals:
 *   "denied" (const char *message): what the user asked for was refused;
 *            the message, translated and short (a toast), says what. */

#define BS_TYPE_BACKGROUND (bs_background_get_type ())

G_DECLARE_FINAL_TYPE (BsBackground, bs_background, BS, BACKGROUND, GObject)

BsBackground *bs_background_new                     (GApplication *application,
                                                     GSettings    *settings);
gboolean      bs_background_get_holding             (BsBackground *self);
void          bs_background_release                 (BsBackground *self);
char         *bs_background_get_autostart_path      (void);

void          bs_background_set_sandboxed_for_testing (BsBackground *self,
                                                       gboolean      sandboxed);

G_END_DECLS
