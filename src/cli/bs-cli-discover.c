/* bs-cli-discover.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bs-cli.h"
#include "bs-cli-context.h"
#include "bs-discovery.h"

/* discover: the feeds behind a URL, without subscribing. It needs no
 * store, only the network. */

int
bs_cli_discover (int    argc,
                 char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("discover");
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of objects with url, title and type"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("URL — list the feeds a page offers"));
  g_option_context_set_summary (options,
    _("Lists the feeds behind URL, numbered as “broadsheet-cli add --pick N” counts them: "
      "the feed itself when URL is a feed, else the feeds the page advertises, else feeds "
      "found in its links and at the usual places on the site. Subscribes to nothing."));
  g_option_context_set_description (options,
    _("Exit status: 0 when at least one feed was found, 1 when none was or URL cannot be "
      "fetched, 2 for a usage error."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;
  if (args == NULL || g_strv_length (args) != 1)
    return bs_cli_usage_error (ctx, args == NULL ? _("no URL given") : _("only one URL can be given"));

  bs_discover_async (bs_cli_context_get_fetcher (ctx), args[0], ctx->cancellable,
                     bs_cli_async_ready_cb, &result);
  bs_cli_wait_result (&result);
  feeds = bs_discover_finish (result, &error);
  if (feeds == NULL)
    {
      if (strstr (error->message, args[0]) != NULL)
        bs_cli_error (ctx, "%s", error->message);
      else
        bs_cli_error (ctx, "%s: %s", args[0], error->message);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < feeds->len; i++)
        {
          BsDiscoveredFeed *feed = g_ptr_array_index (feeds, i);

          json_builder_begin_object (builder);
          bs_cli_json_add_string (builder, "url", feed->url);
          bs_cli_json_add_string (builder, "title", feed->title);
          bs_cli_json_add_string (builder, "type", feed->type);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      bs_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < feeds->len; i++)
        {
          BsDiscoveredFeed *feed = g_ptr_array_index (feeds, i);

          printf ("%2u. %s\n    %s", i + 1,
                  feed->title != NULL ? feed->title : _("(untitled)"), feed->url);
          if (feed->type != NULL)
            printf ("  (%s)", feed->type);
          printf ("\n");
        }
    }
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}
