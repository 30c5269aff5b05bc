/* main.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bs-cli.h"

int
main (int   argc,
      char *argv[])
{
  return bs_cli_main (argc, argv);
}
