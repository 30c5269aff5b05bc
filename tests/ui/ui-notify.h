/* ui-notify.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ui-harness.h"

G_BEGIN_DECLS

/* A real notification daemon for the UI tests: dunst, started by the test
 * program on its private session bus (the program runs under
 * dbus-run-session and Xvfb), with a configuration of its own:
 *
 *   - notifications never expire, so what is displayed can be counted;
 *   - a rule runs a script for every notification dunst shows, which
 *     writes down its summary and body (what dunst got, not what was
 *     meant to be sent);
 *   - its context menu ("dmenu") is a script that picks the action whose
 *     label the test chose, as a user picks it in the menu.
 *
 * Beside it, a monitor of the bus (org.freedesktop.DBus.Monitoring) sees
 * every call to org.freedesktop.Notifications, whoever makes it: the
 * count of Notify calls is exact, a notification replaced or never shown
 * included. ui_notifyd_sync() is a barrier: every Notify a connection
 * sent before it has been seen when it returns.
 *
 * ui_notifyd_start() returns NULL when dunst is not installed (or there is
 * no session bus): the program then skips. */

typedef struct _UiNotifyd UiNotifyd;

UiNotifyd  *ui_notifyd_start          (void);
void        ui_notifyd_stop           (UiNotifyd       *d);
void        ui_notifyd_reset          (UiNotifyd       *d);
void        ui_notifyd_close_all      (UiNotifyd       *d);

guint       ui_notifyd_get_n_sent     (UiNotifyd       *d);
GVariant   *ui_notifyd_get_sent       (UiNotifyd       *d,
                                       guint            i);
void        ui_notifyd_sync           (UiNotifyd       *d,
                                       UiFixture       *f,
                                       GDBusConnection *connection);
void        ui_notifyd_wait_sent      (UiNotifyd       *d,
                                       UiFixture       *f,
                                       guint            n);

guint       ui_notifyd_get_n_shown    (UiNotifyd       *d);
char       *ui_notifyd_get_shown      (UiNotifyd       *d,
                                       guint            i);
void        ui_notifyd_wait_shown     (UiNotifyd       *d,
                                       UiFixture       *f,
                                       guint            n);
guint       ui_notifyd_count_displayed (UiNotifyd      *d);

void        ui_notifyd_invoke_default (UiNotifyd       *d);
void        ui_notifyd_invoke_button  (UiNotifyd       *d,
                                       const char      *label);

char       *ui_screenshot_screen      (const char      *name);

/* Feeds for the notification tests: "TITLE: story N", N = 1 to @n_posts,
 * served at /SLUG.xml. */
char *ui_make_feed  (gint64      base_time,
                     const char *title,
                     const char *slug,
                     guint       n_posts);
void  ui_serve_feed (UiFixture  *f,
                     gint64      base_time,
                     const char *title,
                     const char *slug,
                     guint       n_posts);

G_END_DECLS
