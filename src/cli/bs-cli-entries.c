/* bs-cli-entries.c
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
#include "bs-html.h"

/* The article commands: entries, show, mark-read, star and search.
 *
 * Entry ids. An entry's key (its guid, else its link, else a hash) is
 * unique within its source only: the same article reached through a
 * Planet and through the author's blog has the same key in both. The CLI
 * therefore names an entry SOURCE-ID/KEY, as "entries" prints it (source
 * ids never contain '/', so the first '/' separates them). A bare KEY is
 * accepted too when exactly one source has an entry with that key. */

static char *
entry_id (BsEntry *entry)
{
  return g_strconcat (bs_entry_get_source_id (entry), "/", bs_entry_get_key (entry), NULL);
}

static gint64
entry_date (BsEntry *entry)
{
  if (bs_entry_get_published (entry) != BS_DATE_NONE)
    return bs_entry_get_published (entry);
  if (bs_entry_get_updated (entry) != BS_DATE_NONE)
    return bs_entry_get_updated (entry);
  return bs_entry_get_first_seen (entry);
}

/* The entry named @id (see above), or NULL after printing why. */
static BsEntry *
lookup_entry (BsCliContext *ctx,
              const char   *id)
{
  GListModel *sources = bs_library_get_sources (ctx->library);
  const char *slash = strchr (id, '/');
  BsEntry *found = NULL;
  guint n_found = 0;

  if (slash != NULL && slash > id)
    {
      g_autofree char *source_id = g_strndup (id, slash - id);
      BsEntry *entry = bs_library_lookup_entry (ctx->library, source_id, slash + 1);

      if (entry != NULL)
        return entry;
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);
      BsEntry *entry = bs_library_lookup_entry (ctx->library, bs_source_get_id (source), id);

      if (entry != NULL)
        {
          found = entry;
          n_found++;
        }
    }
  if (n_found == 1)
    return found;

  if (n_found > 1)
    bs_cli_error (ctx, _("several sources have an entry “%s”: name it SOURCE-ID/KEY "
                         "as “broadsheet-cli entries” shows it"), id);
  else
    bs_cli_error (ctx, _("no entry “%s” (“broadsheet-cli entries” shows entry ids)"), id);
  return NULL;
}

static const char *
source_title (BsCliContext *ctx,
              BsEntry      *entry)
{
  BsSource *source = bs_library_lookup_source (ctx->library, bs_entry_get_source_id (entry));

  if (source == NULL)
    return bs_entry_get_source_id (entry);
  if (bs_source_get_display_title (source) != NULL)
    return bs_source_get_display_title (source);
  return bs_source_get_feed_url (source);
}

/* Prints @entries (BsEntry) as entries and search do. */
static void
print_entries (BsCliContext *ctx,
               GPtrArray    *entries,
               gboolean      json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          BsEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *id = entry_id (entry);

          json_builder_begin_object (builder);
          bs_cli_json_add_string (builder, "id", id);
          bs_cli_json_add_string (builder, "key", bs_entry_get_key (entry));
          bs_cli_json_add_string (builder, "source", bs_entry_get_source_id (entry));
          bs_cli_json_add_string (builder, "source_title", source_title (ctx, entry));
          bs_cli_json_add_string (builder, "title", bs_entry_get_title (entry));
          bs_cli_json_add_string (builder, "link", bs_entry_get_link (entry));
          bs_cli_json_add_string (builder, "author", bs_entry_get_author (entry));
          bs_cli_json_add_date (builder, "published", bs_entry_get_published (entry));
          bs_cli_json_add_date (builder, "updated", bs_entry_get_updated (entry));
          json_builder_set_member_name (builder, "read");
          json_builder_add_boolean_value (builder, bs_entry_get_read (entry));
          json_builder_set_member_name (builder, "starred");
          json_builder_add_boolean_value (builder, bs_entry_get_starred (entry));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      bs_cli_print_json (builder);
      return;
    }

  if (entries->len == 0)
    {
      printf ("%s\n", _("No entries."));
      return;
    }

  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    for (guint i = 0; i < entries->len; i++)
      {
        BsEntry *entry = g_ptr_array_index (entries, i);
        char **row = g_new0 (char *, 6);
        char *date = bs_cli_format_date (entry_date (entry));

        row[0] = g_strconcat (bs_entry_get_read (entry) ? " " : "•",
                              bs_entry_get_starred (entry) ? "★" : " ", NULL);
        row[1] = date != NULL ? date : g_strdup ("");
        row[2] = g_strdup (source_title (ctx, entry));
        row[3] = g_strdup (bs_entry_get_title (entry) != NULL ? bs_entry_get_title (entry)
                                                              : _("(untitled)"));
        row[4] = entry_id (entry);
        g_ptr_array_add (rows, row);
      }
    bs_cli_print_table (rows, 5);
  }
}

static const char entries_legend[] =
  N_("In the table, • marks an unread entry and ★ a starred one; the last column is the "
     "entry’s id (SOURCE-ID/KEY) for show, mark-read and star.");

int
bs_cli_entries (int    argc,
                char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("entries");
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GListModel) owned = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  g_autofree char *source_id = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) args = NULL;
  gboolean unread = FALSE, starred = FALSE, json = FALSE;
  BsSource *source = NULL;
  GListModel *model;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_id,
      N_("Only the entries of the subscription ID"), N_("ID") },
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder,
      N_("Only the entries of the subscriptions in FOLDER"), N_("FOLDER") },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Only unread entries"), NULL },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, N_("Only starred entries"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N entries, the newest"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of objects"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("— list entries, newest first"));
  g_option_context_set_summary (options,
    _("Lists entries newest first (by published date, else updated, else when first seen) "
      "with the date in local time, the subscription, the title, marks and the entry id. "
      "An article that several subscriptions carry is listed once, except with --source "
      "and --starred."));
  description = g_strconcat (_(entries_legend), "\n\n",
    _("With --json, each object has id, key, source, source_title, title, link, author, "
      "published and updated (RFC 3339, UTC, or null), read and starred.\n\n"
      "Exit status: 0 on success, 1 when the store cannot be read or there is no such "
      "subscription, 2 for a usage error."), NULL);
  g_option_context_set_description (options, description);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;
  if (args != NULL)
    return bs_cli_usage_error (ctx, _("entries takes no operands"));
  if (limit < 0)
    return bs_cli_usage_error (ctx, _("--limit needs a positive number"));

  if (!bs_cli_context_open (ctx, FALSE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  if (source_id != NULL)
    {
      source = bs_cli_lookup_source (ctx, source_id);
      if (source == NULL)
        return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
      model = owned = bs_library_get_source_entries (ctx->library, source);
    }
  else if (folder != NULL)
    model = owned = bs_library_get_folder_entries (ctx->library, folder);
  else if (starred)
    model = bs_library_get_starred_entries (ctx->library);
  else if (unread)
    model = bs_library_get_unread_entries (ctx->library);
  else
    model = bs_library_get_all_entries (ctx->library);

  selected = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (model, i);

      if (limit > 0 && selected->len >= (guint) limit)
        break;
      if (unread && bs_entry_get_read (entry))
        continue;
      if (starred && !bs_entry_get_starred (entry))
        continue;
      if (folder != NULL && source != NULL
          && g_strcmp0 (bs_source_get_folder (source), folder) != 0)
        continue;
      g_ptr_array_add (selected, g_steal_pointer (&entry));
    }

  print_entries (ctx, selected, json);
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}

int
bs_cli_show (int    argc,
             char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("show");
  g_autoptr(GOptionContext) options = NULL;
  g_autofree char *date = NULL;
  g_autofree char *id = NULL;
  g_auto(GStrv) args = NULL;
  gboolean html = FALSE;
  const char *body;
  GPtrArray *enclosures;
  BsEntry *entry;
  const GOptionEntry entries[] = {
    { "html", 0, 0, G_OPTION_ARG_NONE, &html,
      N_("Print the article as (sanitised) HTML instead of plain text"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("ID — print an article"));
  g_option_context_set_summary (options,
    _("Prints the entry ID — SOURCE-ID/KEY as “broadsheet-cli entries” shows it, or just "
      "KEY when only one subscription has that entry — with its title, subscription, "
      "author, date, link and enclosures, then the article as plain text. It does not "
      "mark the entry read (see mark-read)."));
  g_option_context_set_description (options,
    _("Exit status: 0 when the entry was printed, 1 when there is no such entry or the "
      "store cannot be read, 2 for a usage error."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;
  if (args == NULL || g_strv_length (args) != 1)
    return bs_cli_usage_error (ctx, args == NULL ? _("no ID given") : _("only one ID can be given"));

  if (!bs_cli_context_open (ctx, FALSE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
  entry = lookup_entry (ctx, args[0]);
  if (entry == NULL)
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  id = entry_id (entry);
  date = bs_cli_format_date (entry_date (entry));

  printf ("%s\n", bs_entry_get_title (entry) != NULL ? bs_entry_get_title (entry) : _("(untitled)"));
  /* Translators: the labels of these lines (Id, Source, Author, Date,
   * Link, Status) are padded with spaces so that the values line up:
   * pad the translations to one width too */
  printf (_("Id:       %s\n"), id);
  printf (_("Source:   %s (%s)\n"), source_title (ctx, entry), bs_entry_get_source_id (entry));
  if (bs_entry_get_author (entry) != NULL)
    printf (_("Author:   %s\n"), bs_entry_get_author (entry));
  if (date != NULL)
    printf (_("Date:     %s\n"), date);
  if (bs_entry_get_link (entry) != NULL)
    printf (_("Link:     %s\n"), bs_entry_get_link (entry));
  printf (_("Status:   %s%s\n"), bs_entry_get_read (entry) ? _("read") : _("unread"),
          bs_entry_get_starred (entry) ? _(", starred") : "");

  enclosures = bs_entry_get_enclosures (entry);
  for (guint i = 0; enclosures != NULL && i < enclosures->len; i++)
    {
      BsEntryEnclosure *enclosure = g_ptr_array_index (enclosures, i);

      printf (_("Enclosure: %s"), enclosure->url);
      if (enclosure->type != NULL)
        printf (" (%s)", enclosure->type);
      if (enclosure->length >= 0)
        {
          g_autofree char *size = g_format_size ((guint64) enclosure->length);

          printf (" %s", size);
        }
      printf ("\n");
    }

  body = bs_entry_get_content (entry);
  if (body == NULL || body[0] == '\0')
    body = bs_entry_get_summary (entry);
  if (body != NULL && body[0] != '\0')
    {
      printf ("\n");
      if (html)
        printf ("%s\n", body);
      else
        {
          g_autofree char *text = bs_html_to_text (body, -1);

          printf ("%s\n", g_strchomp (text));
        }
    }
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}

int
bs_cli_mark_read (int    argc,
                  char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("mark-read");
  g_autoptr(GOptionContext) options = NULL;
  g_autofree char *source_id = NULL;
  g_autofree char *folder = NULL;
  g_auto(GStrv) args = NULL;
  gboolean unread = FALSE, all = FALSE;
  guint n_targets, n_changed = 0;
  const GOptionEntry entries[] = {
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Mark the entries unread instead"), NULL },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_id,
      N_("Mark every entry of the subscription ID read"), N_("ID") },
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder,
      N_("Mark every entry of the subscriptions in FOLDER read"), N_("FOLDER") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Mark every entry read"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("ID… | --source ID | --folder FOLDER | --all — mark entries read"));
  g_option_context_set_summary (options,
    _("Marks the entries ID… (as “broadsheet-cli entries” shows them) read, or unread with "
      "--unread; or every entry of a subscription, of a folder, or of all of them. The same "
      "article reached through another subscription follows."));
  g_option_context_set_description (options,
    _("Exit status: 0 when every entry was marked, 1 when an entry or subscription does not "
      "exist (the others are still marked) or the store cannot be written, 2 for a usage error."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;

  n_targets = (args != NULL) + (source_id != NULL) + (folder != NULL) + all;
  if (n_targets == 0)
    return bs_cli_usage_error (ctx, _("give entry ids, --source, --folder or --all"));
  if (n_targets > 1)
    return bs_cli_usage_error (ctx, _("give only one of: entry ids, --source, --folder, --all"));
  if (unread && args == NULL)
    return bs_cli_usage_error (ctx, _("--unread works on entry ids only"));

  if (!bs_cli_context_open (ctx, TRUE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  if (args != NULL)
    {
      int status = BS_CLI_EXIT_OK;

      for (guint i = 0; args[i] != NULL; i++)
        {
          BsEntry *entry = lookup_entry (ctx, args[i]);

          if (entry == NULL)
            {
              status = BS_CLI_EXIT_FAILURE;
              continue;
            }
          if (bs_entry_get_read (entry) == unread)
            n_changed++;
          bs_library_set_read (ctx->library, entry, !unread);
        }
      printf (unread ? g_dngettext (GETTEXT_PACKAGE, "%u entry marked unread",
                                    "%u entries marked unread", n_changed)
                     : g_dngettext (GETTEXT_PACKAGE, "%u entry marked read",
                                    "%u entries marked read", n_changed), n_changed);
      printf ("\n");
      return bs_cli_context_close (ctx, status);
    }

  if (source_id != NULL)
    {
      BsSource *source = bs_cli_lookup_source (ctx, source_id);

      if (source == NULL)
        return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
      n_changed = bs_library_mark_source_read (ctx->library, source);
    }
  else if (folder != NULL)
    n_changed = bs_library_mark_folder_read (ctx->library, folder);
  else
    n_changed = bs_library_mark_all_read (ctx->library);

  printf (g_dngettext (GETTEXT_PACKAGE, "%u entry marked read", "%u entries marked read",
                       n_changed), n_changed);
  printf ("\n");
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}

int
bs_cli_star (int    argc,
             char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("star");
  g_autoptr(GOptionContext) options = NULL;
  g_auto(GStrv) args = NULL;
  gboolean unstar = FALSE;
  int status = BS_CLI_EXIT_OK;
  guint n_changed = 0;
  const GOptionEntry entries[] = {
    { "unstar", 0, 0, G_OPTION_ARG_NONE, &unstar, N_("Remove the star instead"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("ID… — star entries"));
  g_option_context_set_summary (options,
    _("Stars the entries ID… (as “broadsheet-cli entries” shows them), or removes their "
      "star with --unstar. Starred entries are kept however old they get."));
  g_option_context_set_description (options,
    _("Exit status: 0 when every entry was changed, 1 when an entry does not exist (the "
      "others are still changed) or the store cannot be written, 2 for a usage error."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;
  if (args == NULL)
    return bs_cli_usage_error (ctx, _("no ID given"));

  if (!bs_cli_context_open (ctx, TRUE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  for (guint i = 0; args[i] != NULL; i++)
    {
      BsEntry *entry = lookup_entry (ctx, args[i]);

      if (entry == NULL)
        {
          status = BS_CLI_EXIT_FAILURE;
          continue;
        }
      if (bs_entry_get_starred (entry) == unstar)
        n_changed++;
      bs_library_set_starred (ctx->library, entry, !unstar);
    }
  printf (unstar ? g_dngettext (GETTEXT_PACKAGE, "%u entry unstarred",
                                "%u entries unstarred", n_changed)
                 : g_dngettext (GETTEXT_PACKAGE, "%u entry starred",
                                "%u entries starred", n_changed), n_changed);
  printf ("\n");
  return bs_cli_context_close (ctx, status);
}

int
bs_cli_search (int    argc,
               char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("search");
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  g_autofree char *query = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) args = NULL;
  gboolean json = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N entries, the newest"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of objects, as entries does"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("QUERY… — find entries"));
  g_option_context_set_summary (options,
    _("Lists the entries, newest first, whose title or text contains every word of QUERY, "
      "ignoring case and accents, as “broadsheet-cli entries” lists them."));
  description = g_strconcat (_(entries_legend), "\n\n",
    _("Exit status: 0 on success (even with no match), 1 when the store cannot be read, "
      "2 for a usage error."), NULL);
  g_option_context_set_description (options, description);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;
  if (args == NULL)
    return bs_cli_usage_error (ctx, _("no QUERY given"));
  if (limit < 0)
    return bs_cli_usage_error (ctx, _("--limit needs a positive number"));
  query = g_strjoinv (" ", args);

  if (!bs_cli_context_open (ctx, FALSE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  results = bs_library_search (ctx->library, query);
  selected = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      if (limit > 0 && selected->len >= (guint) limit)
        break;
      g_ptr_array_add (selected, g_list_model_get_item (results, i));
    }
  print_entries (ctx, selected, json);
  return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
}
