/* bs-cli-sources.c
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

/* The subscription commands: add, remove, rename, move and list. */

static const char *
folder_or_null (const char *folder)
{
  return folder != NULL && folder[0] != '\0' ? folder : NULL;
}

static void
print_discovered (GPtrArray *feeds)
{
  for (guint i = 0; i < feeds->len; i++)
    {
      BsDiscoveredFeed *feed = g_ptr_array_index (feeds, i);

      printf ("%2u. %s\n    %s\n", i + 1,
              feed->title != NULL ? feed->title : _("(untitled)"), feed->url);
    }
}

static void
print_already (BsSource *source)
{
  printf (_("Already subscribed to %s as %s (%s)\n"),
          bs_source_get_feed_url (source), bs_source_get_id (source),
          bs_source_get_display_title (source));
}

int
bs_cli_add (int    argc,
            char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("add");
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSource) source = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) args = NULL;
  BsDiscoveredFeed *chosen;
  BsSource *existing;
  const char *url;
  int pick = 0;
  const GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder,
      N_("Put the subscription in FOLDER"), N_("FOLDER") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("Show the subscription as TITLE instead of the feed’s title"), N_("TITLE") },
    { "pick", 0, 0, G_OPTION_ARG_INT, &pick,
      N_("When the page offers several feeds, subscribe to the Nth one"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("URL — subscribe to a feed"));
  g_option_context_set_summary (options,
    _("Subscribes to the feed at URL, or to the feed a web page at URL advertises. When the "
      "page offers several feeds they are listed, numbered, and nothing is added: run add "
      "again with the URL of the feed you want, or with --pick N. Entries are fetched by "
      "“broadsheet-cli refresh”."));
  g_option_context_set_description (options,
    _("Prints the id and title of the new subscription. Adding a feed that is already "
      "subscribed to says so and adds nothing.\n\n"
      "Exit status: 0 when the feed is subscribed to, 1 when no feed could be found or "
      "added (or the page offers several and no --pick was given), 2 for a usage error."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;
  if (args == NULL || g_strv_length (args) != 1)
    return bs_cli_usage_error (ctx, args == NULL ? _("no URL given") : _("only one URL can be given"));
  if (pick < 0)
    return bs_cli_usage_error (ctx, _("--pick needs a number from 1"));
  url = args[0];

  if (!bs_cli_context_open (ctx, TRUE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  existing = bs_library_find_source_by_url (ctx->library, url);
  if (existing != NULL)
    {
      print_already (existing);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
    }

  bs_discover_async (bs_cli_context_get_fetcher (ctx), url, ctx->cancellable,
                     bs_cli_async_ready_cb, &result);
  bs_cli_wait_result (&result);
  feeds = bs_discover_finish (result, &error);
  if (feeds == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bs_cli_error (ctx, _("interrupted"));
      else if (strstr (error->message, url) != NULL)
        bs_cli_error (ctx, _("cannot subscribe: %s"), error->message);
      else
        bs_cli_error (ctx, _("cannot subscribe to %s: %s"), url, error->message);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
    }

  if (pick > 0 && (guint) pick > feeds->len)
    {
      bs_cli_error (ctx, g_dngettext (GETTEXT_PACKAGE,
                                      "--pick %d: %s offers only %u feed",
                                      "--pick %d: %s offers only %u feeds", feeds->len),
                    pick, url, feeds->len);
      print_discovered (feeds);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
    }
  if (pick == 0 && feeds->len > 1)
    {
      print_discovered (feeds);
      bs_cli_error (ctx, _("%s offers %u feeds and nothing was added: run "
                           "“broadsheet-cli add FEED-URL” with the one you want, "
                           "or add --pick N"), url, feeds->len);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
    }
  chosen = g_ptr_array_index (feeds, pick > 0 ? (guint) pick - 1 : 0);

  existing = bs_library_find_source_by_url (ctx->library, chosen->url);
  if (existing != NULL)
    {
      print_already (existing);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
    }

  source = bs_library_new_source (ctx->library, chosen->url);
  bs_source_set_title (source, chosen->title);
  if (title != NULL && title[0] != '\0')
    bs_source_set_custom_title (source, title);
  bs_source_set_folder (source, folder_or_null (folder));
  if (strcmp (url, chosen->url) != 0)
    bs_source_set_site_url (source, url);

  if (!bs_library_add_source (ctx->library, source, &error))
    {
      bs_cli_error (ctx, _("cannot add %s: %s"), chosen->url, error->message);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
    }

  printf (_("Added %s: %s\n"), bs_source_get_id (source),
          bs_source_get_display_title (source) != NULL
            ? bs_source_get_display_title (source) : chosen->url);
  printf ("  %s\n", chosen->url);
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}

/* Parses OPTIONS and exactly @n_args operands for remove, rename and move.
 * Returns the operands, or NULL after printing a usage error. */
static char **
parse_operands (BsCliContext   *ctx,
                GOptionContext *options,
                guint           n_args,
                int            *argc,
                char         ***argv)
{
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, argc, argv))
    return NULL;
  if (args == NULL || g_strv_length (args) != n_args)
    {
      bs_cli_usage_error (ctx, args == NULL || g_strv_length (args) < n_args
                               ? _("missing operands") : _("too many operands"));
      return NULL;
    }
  return g_steal_pointer (&args);
}

int
bs_cli_remove (int    argc,
               char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("remove");
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(BsRemovedSource) removed = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  g_auto(GStrv) args = NULL;
  BsSource *source;

  options = g_option_context_new (_("ID — unsubscribe"));
  g_option_context_set_summary (options,
    _("Removes the subscription ID (as “broadsheet-cli list” shows it, or the start of it) "
      "with its entries and their read and starred flags."));
  g_option_context_set_description (options,
    _("Exit status: 0 when it was removed, 1 when there is no such subscription or the "
      "store cannot be written, 2 for a usage error."));
  args = parse_operands (ctx, options, 1, &argc, &argv);
  if (args == NULL)
    return BS_CLI_EXIT_USAGE;

  if (!bs_cli_context_open (ctx, TRUE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
  source = bs_cli_lookup_source (ctx, args[0]);
  if (source == NULL)
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  id = g_strdup (bs_source_get_id (source));
  title = g_strdup (bs_source_get_display_title (source));
  removed = bs_library_remove_source (ctx->library, source);
  printf (_("Removed %s: %s\n"), id, title != NULL ? title : bs_source_get_feed_url (bs_removed_source_get_source (removed)));
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}

int
bs_cli_rename (int    argc,
               char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("rename");
  g_autoptr(GOptionContext) options = NULL;
  g_auto(GStrv) args = NULL;
  BsSource *source;

  options = g_option_context_new (_("ID TITLE — show a subscription under another title"));
  g_option_context_set_summary (options,
    _("Shows the subscription ID under TITLE instead of the feed’s own title. "
      "An empty TITLE (\"\") goes back to the feed’s title."));
  g_option_context_set_description (options,
    _("Exit status: 0 when it was renamed, 1 when there is no such subscription or the "
      "store cannot be written, 2 for a usage error."));
  args = parse_operands (ctx, options, 2, &argc, &argv);
  if (args == NULL)
    return BS_CLI_EXIT_USAGE;

  if (!bs_cli_context_open (ctx, TRUE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
  source = bs_cli_lookup_source (ctx, args[0]);
  if (source == NULL)
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  bs_library_rename_source (ctx->library, source, args[1][0] != '\0' ? args[1] : NULL);
  printf (_("Renamed %s: %s\n"), bs_source_get_id (source),
          bs_source_get_display_title (source) != NULL
            ? bs_source_get_display_title (source) : bs_source_get_feed_url (source));
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}

int
bs_cli_move (int    argc,
             char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("move");
  g_autoptr(GOptionContext) options = NULL;
  g_auto(GStrv) args = NULL;
  BsSource *source;
  const char *folder;

  options = g_option_context_new (_("ID FOLDER — put a subscription in a folder"));
  g_option_context_set_summary (options,
    _("Moves the subscription ID into FOLDER, which is created if needed. "
      "An empty FOLDER (\"\") takes it out of any folder."));
  g_option_context_set_description (options,
    _("Exit status: 0 when it was moved, 1 when there is no such subscription or the "
      "store cannot be written, 2 for a usage error."));
  args = parse_operands (ctx, options, 2, &argc, &argv);
  if (args == NULL)
    return BS_CLI_EXIT_USAGE;

  if (!bs_cli_context_open (ctx, TRUE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
  source = bs_cli_lookup_source (ctx, args[0]);
  if (source == NULL)
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  folder = folder_or_null (args[1]);
  bs_library_move_source (ctx->library, source, folder);
  if (folder != NULL)
    printf (_("Moved %s to %s\n"), bs_source_get_id (source), folder);
  else
    printf (_("Moved %s out of its folder\n"), bs_source_get_id (source));
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}

static const char *
error_kind_nick (BsSourceErrorKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (BS_TYPE_SOURCE_ERROR_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  /* The class stays alive: the type is static. */
  return value != NULL ? value->value_nick : NULL;
}

static const char *
error_text (BsSource *source)
{
  BsSourceErrorKind kind = bs_source_get_error_kind (source);

  if (kind == BS_SOURCE_ERROR_KIND_NONE)
    return NULL;
  if (bs_source_get_error_message (source) != NULL)
    return bs_source_get_error_message (source);
  switch (kind)
    {
    case BS_SOURCE_ERROR_KIND_NETWORK:   return _("network error");
    case BS_SOURCE_ERROR_KIND_TLS:       return _("TLS error");
    case BS_SOURCE_ERROR_KIND_HTTP:      return _("HTTP error");
    case BS_SOURCE_ERROR_KIND_PARSE:     return _("not a feed");
    case BS_SOURCE_ERROR_KIND_GONE:      return _("gone");
    case BS_SOURCE_ERROR_KIND_TIMEOUT:   return _("timed out");
    case BS_SOURCE_ERROR_KIND_TOO_LARGE: return _("too large");
    case BS_SOURCE_ERROR_KIND_NONE:
    default:                             return _("error");
    }
}

/* "icon": where the stored icon came from, its type and size, or null. */
static void
add_icon (JsonBuilder *builder,
          BsStore     *store,
          BsSource    *source)
{
  g_autofree char *url = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GBytes) icon = bs_store_load_icon (store, bs_source_get_id (source),
                                               &url, &type, NULL);

  json_builder_set_member_name (builder, "icon");
  if (icon == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  bs_cli_json_add_string (builder, "url", url);
  bs_cli_json_add_string (builder, "type", type);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, g_bytes_get_size (icon));
  json_builder_end_object (builder);
}

static void
list_json (BsStore    *store,
           GListModel *sources)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);
      BsSourceErrorKind kind = bs_source_get_error_kind (source);

      json_builder_begin_object (builder);
      bs_cli_json_add_string (builder, "id", bs_source_get_id (source));
      bs_cli_json_add_string (builder, "title", bs_source_get_display_title (source));
      bs_cli_json_add_string (builder, "feed_title", bs_source_get_title (source));
      bs_cli_json_add_string (builder, "folder", bs_source_get_folder (source));
      bs_cli_json_add_string (builder, "url", bs_source_get_feed_url (source));
      bs_cli_json_add_string (builder, "site_url", bs_source_get_site_url (source));
      json_builder_set_member_name (builder, "unread");
      json_builder_add_int_value (builder, bs_source_get_unread_count (source));
      bs_cli_json_add_date (builder, "last_check", bs_source_get_last_check (source));
      bs_cli_json_add_date (builder, "last_success", bs_source_get_last_success (source));
      bs_cli_json_add_string (builder, "error_kind",
                              kind != BS_SOURCE_ERROR_KIND_NONE ? error_kind_nick (kind) : NULL);
      bs_cli_json_add_string (builder, "error", error_text (source));
      add_icon (builder, store, source);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  bs_cli_print_json (builder);
}

static void
list_human (GListModel *sources)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = g_list_model_get_n_items (sources);

  if (n == 0)
    {
      printf ("%s\n", _("No subscriptions. Add one with “broadsheet-cli add URL” or "
                        "“broadsheet-cli import FILE”."));
      return;
    }

  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("ID"), _("TITLE"), _("FOLDER"), _("UNREAD"),
                                                 _("LAST CHECK"), _("URL"), _("ERROR"), NULL }));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);
      char **row = g_new0 (char *, 8);
      char *checked = bs_cli_format_date (bs_source_get_last_check (source));

      row[0] = g_strdup (bs_source_get_id (source));
      row[1] = g_strdup (bs_source_get_display_title (source) != NULL
                           ? bs_source_get_display_title (source) : "—");
      row[2] = g_strdup (bs_source_get_folder (source) != NULL ? bs_source_get_folder (source) : "—");
      row[3] = g_strdup_printf ("%u", bs_source_get_unread_count (source));
      row[4] = checked != NULL ? checked : g_strdup (_("never"));
      row[5] = g_strdup (bs_source_get_feed_url (source));
      row[6] = g_strdup (error_text (source) != NULL ? error_text (source) : "");
      g_ptr_array_add (rows, row);
    }
  bs_cli_print_table (rows, 7);
}

int
bs_cli_list (int    argc,
             char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("list");
  g_autoptr(GOptionContext) options = NULL;
  g_auto(GStrv) args = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of objects instead of a table"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("— list the subscriptions"));
  g_option_context_set_summary (options,
    _("Lists the subscriptions by folder, then title: id, title, folder, unread entries, "
      "last check (local time), feed URL and the error of the last check, if any."));
  g_option_context_set_description (options,
    _("With --json, each object has id, title, feed_title, folder, url, site_url, unread, "
      "last_check and last_success (RFC 3339, UTC, or null), error_kind, error, and icon "
      "(null, or the url the stored icon came from, its type and size in bytes).\n\n"
      "Exit status: 0 on success, 1 when the store cannot be read, 2 for a usage error."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;
  if (args != NULL)
    return bs_cli_usage_error (ctx, _("list takes no operands"));

  if (!bs_cli_context_open (ctx, FALSE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  if (json)
    list_json (ctx->store, bs_library_get_sources (ctx->library));
  else
    list_human (bs_library_get_sources (ctx->library));
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}
