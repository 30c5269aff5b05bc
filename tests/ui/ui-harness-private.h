/* ui-harness-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ui-harness.h"

G_BEGIN_DECLS

/* Shared by the files of the UI harness (ui-harness.h): ui-harness.c (the
 * program, fixtures and the application), ui-harness-wait.c (waiting and
 * failing), ui-harness-web.c (the article view), ui-harness-keys.c (real
 * key presses), ui-harness-widgets.c (finding widgets, screenshots) and
 * ui-harness-server.c (the loopback server). */

/* ui-harness-keys.c: looks for xdotool, once GTK is initialised */
void _ui_keys_init (void);

G_END_DECLS
