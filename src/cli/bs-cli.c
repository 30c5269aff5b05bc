/* bs-cli.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bs-cli.h"

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "parse", bs_cli_parse, N_("Parse a feed file and print it as JSON") },
  { "add", bs_cli_add, N_("Subscribe to a feed, or to the feed a web page advertises") },
  { "remove", bs_cli_remove, N_("Unsubscribe from a feed") },
  { "rename", bs_cli_rename, N_("Show a subscription under another title") },
  { "move", bs_cli_move, N_("Put a subscription in a folder") },
  { "list", bs_cli_list, N_("List the subscriptions") },
  { "import", bs_cli_import, N_("Subscribe to the feeds of an OPML file or URL") },
  { "export", bs_cli_export, N_("Write the subscriptions as OPML") },
  { "discover", bs_cli_discover, N_("List the feeds a web page offers") },
  { "entries", bs_cli_entries, N_("List entries, newest first") },
  { "show", bs_cli_show, N_("Print an article") },
  { "mark-read", bs_cli_mark_read, N_("Mark entries read or unread") },
  { "star", bs_cli_star, N_("Star or unstar entries") },
  { "search", bs_cli_search, N_("Find entries containing words") },
  { "refresh", bs_cli_refresh, N_("Fetch feeds now, summarise what came in, drop old read entries") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: broadsheet-cli COMMAND [OPTION…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “broadsheet-cli COMMAND --help” for the options of a command."));
}

int
bs_cli_main (int    argc,
             char **argv)
{
  const char *command;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* BS_LOCALEDIR: the build directory's po/, where `meson devenv` finds
   * the translations of a program that is not installed */
  localedir = g_getenv ("BS_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("broadsheet-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return BS_CLI_EXIT_USAGE;
    }

  command = argv[1];
  if (strcmp (command, "--help") == 0 || strcmp (command, "-h") == 0 || strcmp (command, "help") == 0)
    {
      print_usage (stdout);
      return BS_CLI_EXIT_OK;
    }
  if (strcmp (command, "--version") == 0)
    {
      printf ("broadsheet-cli %s\n", PACKAGE_VERSION);
      return BS_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (command, commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _("broadsheet-cli: unknown command “%s”"), command);
  fputc ('\n', stderr);
  print_usage (stderr);
  return BS_CLI_EXIT_USAGE;
}
