/* bs-cli-opml.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bs-cli.h"
#include "bs-cli-context.h"
#include "bs-opml.h"

/* import and export: subscription lists as OPML. */

static gboolean
is_http_url (const char *s)
{
  return g_ascii_strncasecmp (s, "http://", 7) == 0 || g_ascii_strncasecmp (s, "https://", 8) == 0;
}

static GPtrArray *
read_opml_file (const char   *path,
                char       ***problems,
                GError      **error)
{
  g_autofree char *data = NULL;
  GStatBuf st;
  gsize length = 0;

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > BS_OPML_MAX_SIZE)
    {
      g_set_error (error, BS_OPML_ERROR, BS_OPML_ERROR_TOO_LARGE,
                   _("%s is larger than %d MiB"), path, BS_OPML_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  if (length > BS_OPML_MAX_SIZE)
    {
      g_set_error (error, BS_OPML_ERROR, BS_OPML_ERROR_TOO_LARGE,
                   _("%s is larger than %d MiB"), path, BS_OPML_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  return bs_opml_parse_full (data, length, NULL, problems, error);
}

int
bs_cli_import (int    argc,
               char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("import");
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  g_auto(GStrv) args = NULL;
  guint n_added = 0, n_known = 0, n_skipped = 0;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("FILE|URL — subscribe to the feeds of an OPML list"));
  g_option_context_set_summary (options,
    _("Reads an OPML subscription list from FILE or from an http(s) URL and subscribes to "
      "each of its feeds, in its folder (nested folders are joined with “ / ”). Feeds already "
      "subscribed to (the same feed URL) are left as they are, so importing again adds "
      "nothing. Entries are fetched by “broadsheet-cli refresh”."));
  g_option_context_set_description (options,
    _("Prints what was skipped and why, then how many feeds were added, already there and "
      "skipped.\n\n"
      "Exit status: 0 when the list was read (even if some feeds were skipped), 1 when it "
      "cannot be read or is not OPML, 2 for a usage error."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;
  if (args == NULL || g_strv_length (args) != 1)
    return bs_cli_usage_error (ctx, args == NULL ? _("no FILE or URL given")
                                                 : _("only one FILE or URL can be given"));

  if (!bs_cli_context_open (ctx, TRUE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  if (is_http_url (args[0]))
    {
      g_autoptr(GAsyncResult) result = NULL;

      bs_opml_fetch_async (bs_cli_context_get_fetcher (ctx), args[0], ctx->cancellable,
                           bs_cli_async_ready_cb, &result);
      bs_cli_wait_result (&result);
      outlines = bs_opml_fetch_finish (result, &problems, &error);
    }
  else
    outlines = read_opml_file (args[0], &problems, &error);

  if (outlines == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bs_cli_error (ctx, _("interrupted"));
      else if (strstr (error->message, args[0]) != NULL)
        bs_cli_error (ctx, _("cannot import: %s"), error->message);
      else
        bs_cli_error (ctx, _("cannot import %s: %s"), args[0], error->message);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
    }

  for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
    {
      printf ("%s\n", problems[i]);
      n_skipped++;
    }

  added = bs_library_import_outlines (ctx->library, outlines, &n_known, &error);
  if (added == NULL)
    {
      bs_cli_error (ctx, _("cannot import %s: %s"), args[0], error->message);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
    }
  n_added = added->len;

  printf (g_dngettext (GETTEXT_PACKAGE, "%u feed added", "%u feeds added", n_added), n_added);
  printf (", ");
  printf (g_dngettext (GETTEXT_PACKAGE, "%u already there", "%u already there", n_known), n_known);
  printf (", ");
  printf (g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", n_skipped), n_skipped);
  printf ("\n");
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}

int
bs_cli_export (int    argc,
               char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("export");
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  gconstpointer data;
  gsize length;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("[FILE] — write the subscriptions as OPML"));
  g_option_context_set_summary (options,
    _("Writes every subscription as an OPML 2.0 document to FILE (replacing it), or to "
      "standard output without FILE. Folders become groups; titles are written as shown."));
  g_option_context_set_description (options,
    _("Exit status: 0 when the document was written, 1 when the store cannot be read or "
      "FILE cannot be written, 2 for a usage error."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;
  if (args != NULL && g_strv_length (args) > 1)
    return bs_cli_usage_error (ctx, _("only one FILE can be given"));

  if (!bs_cli_context_open (ctx, FALSE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  outlines = bs_library_export_outlines (ctx->library);
  document = bs_opml_write (outlines, _("Broadsheet subscriptions"));
  data = g_bytes_get_data (document, &length);

  if (args != NULL && args[0] != NULL && strcmp (args[0], "-") != 0)
    {
      if (!g_file_set_contents_full (args[0], data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                     0600, &error))
        {
          bs_cli_error (ctx, _("cannot write %s: %s"), args[0], error->message);
          return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
        }
    }
  else if (fwrite (data, 1, length, stdout) != length)
    {
      int saved_errno = errno;

      bs_cli_error (ctx, _("cannot write the output: %s"), g_strerror (saved_errno));
      return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
    }
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}
