/* bs-cli.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of every command. */
#define BS_CLI_EXIT_OK      0
#define BS_CLI_EXIT_FAILURE 1
#define BS_CLI_EXIT_USAGE   2

int  bs_cli_main   (int    argc,
                    char **argv);

int  bs_cli_parse  (int    argc,
                    char **argv);

G_END_DECLS
