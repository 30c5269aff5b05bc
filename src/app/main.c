/* main.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bs-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BsApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* BS_LOCALEDIR: the build directory's po/, where `meson devenv` finds
   * the translations of a program that is not installed */
  localedir = g_getenv ("BS_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Broadsheet"));
  app = bs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
