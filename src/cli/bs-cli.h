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

/* Store commands (bs-cli-sources.c, bs-cli-opml.c, bs-cli-entries.c,
 * bs-cli-discover.c). */
int  bs_cli_add       (int argc, char **argv);
int  bs_cli_remove    (int argc, char **argv);
int  bs_cli_rename    (int argc, char **argv);
int  bs_cli_move      (int argc, char **argv);
int  bs_cli_list      (int argc, char **argv);
int  bs_cli_import    (int argc, char **argv);
int  bs_cli_export    (int argc, char **argv);
int  bs_cli_entries   (int argc, char **argv);
int  bs_cli_show      (int argc, char **argv);
int  bs_cli_mark_read (int argc, char **argv);
int  bs_cli_star      (int argc, char **argv);
int  bs_cli_search    (int argc, char **argv);
int  bs_cli_discover  (int argc, char **argv);
int  bs_cli_refresh   (int argc, char **argv);

G_END_DECLS
