/* bs-cli-refresh.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-cli-refresh"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "bs-cli.h"
#include "bs-cli-context.h"
#include "bs-updater.h"

typedef struct {
  BsUpdater *updater;
  gboolean   shown;
} Progress;

static void
progress_cb (BsUpdater  *updater,
             GParamSpec *pspec,
             Progress   *progress)
{
  /* "\r" and erase-line: the bar is redrawn in place */
  fprintf (stderr, "\r\033[K");
  fprintf (stderr, _("refreshing %u/%u"),
           bs_updater_get_n_done (updater), bs_updater_get_n_total (updater));
  fflush (stderr);
  progress->shown = TRUE;
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : NULL;
}

static const char *
source_title (BsSource *source)
{
  const char *title = bs_source_get_display_title (source);

  return title != NULL && *title != '\0' ? title : bs_source_get_feed_url (source);
}

static char *
describe (const BsRefreshOutcome *outcome)
{
  switch (outcome->status)
    {
    case BS_REFRESH_STATUS_NEW_ENTRIES:
      if (outcome->n_updated == 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new entry", "%u new entries",
                                             outcome->n_new), outcome->n_new);
      /* Translators: "3 new, 1 updated" */
      return g_strdup_printf (_("%u new, %u updated"), outcome->n_new, outcome->n_updated);
    case BS_REFRESH_STATUS_NO_CHANGE:
      return g_strdup (_("no new entries"));
    case BS_REFRESH_STATUS_NOT_MODIFIED:
      return g_strdup (_("not modified"));
    case BS_REFRESH_STATUS_GONE:
      return g_strdup_printf (_("gone for good (%s): no longer checked"), outcome->error_message);
    case BS_REFRESH_STATUS_RETRY_LATER:
      return g_strdup_printf (_("server busy (%s): retrying later"), outcome->error_message);
    case BS_REFRESH_STATUS_ERROR:
    default:
      return g_strdup_printf (_("error: %s"), outcome->error_message);
    }
}

static gboolean
failed (const BsRefreshOutcome *outcome)
{
  return outcome->status == BS_REFRESH_STATUS_ERROR ||
         outcome->status == BS_REFRESH_STATUS_GONE ||
         outcome->status == BS_REFRESH_STATUS_RETRY_LATER;
}

/* Retention: the app's preferences, as data/APPLICATION_ID.gschema.xml has
 * them; its defaults and ranges are repeated here for when the schema is
 * not installed. */
#define RETENTION_DAYS_KEY      "retention-days"
#define RETENTION_DAYS_DEFAULT  90
#define RETENTION_DAYS_MAX      36500
#define RETENTION_COUNT_KEY     "max-entries-per-feed"
#define RETENTION_COUNT_DEFAULT 500
#define RETENTION_COUNT_MAX     100000

static gboolean
schema_has_uint (GSettingsSchema *schema,
                 const char      *key)
{
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;

  if (!g_settings_schema_has_key (schema, key))
    return FALSE;
  schema_key = g_settings_schema_get_key (schema, key);
  return g_variant_type_equal (g_settings_schema_key_get_value_type (schema_key),
                               G_VARIANT_TYPE_UINT32);
}

/* The user's retention settings when the app's schema is installed (looked
 * up first: g_settings_new() aborts on a missing schema), else its
 * defaults. The CLI never removes unread entries. */
static void
retention_from_settings (BsRetentionPolicy *policy)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  policy->max_age_days = RETENTION_DAYS_DEFAULT;
  policy->max_per_source = RETENTION_COUNT_DEFAULT;
  policy->remove_unread = FALSE;

  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  if (schema_has_uint (schema, RETENTION_DAYS_KEY))
    policy->max_age_days = g_settings_get_uint (settings, RETENTION_DAYS_KEY);
  if (schema_has_uint (schema, RETENTION_COUNT_KEY))
    policy->max_per_source = g_settings_get_uint (settings, RETENTION_COUNT_KEY);
}

/* Parses the value of @option into @value when it was given; on a bad
 * value prints a usage error and returns FALSE. */
static gboolean
parse_limit (BsCliContext *ctx,
             const char   *option,
             const char   *text,
             guint         max,
             guint        *value)
{
  guint64 n;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &n, NULL))
    {
      /* Translators: "--keep-days needs a number from 0 (no limit) to 36500, not “x”" */
      g_autofree char *message = g_strdup_printf (_("%s needs a number from 0 (no limit) "
                                                    "to %u, not “%s”"), option, max, text);

      bs_cli_usage_error (ctx, message);
      return FALSE;
    }
  *value = (guint) n;
  return TRUE;
}

/* The sources to report, in the library's order: the refreshed ones, and
 * (when all were asked for) the gone ones that were skipped. */
static void
print_human (BsLibrary  *library,
             GHashTable *by_id,
             gboolean    with_skipped,
             guint       n_removed)
{
  GListModel *sources = bs_library_get_sources (library);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n_new = 0, n_not_modified = 0, n_failed = 0, n_reported = 0;

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);
      BsRefreshOutcome *outcome = g_hash_table_lookup (by_id, bs_source_get_id (source));
      char **row;

      if (outcome == NULL &&
          !(with_skipped && bs_source_get_error_kind (source) == BS_SOURCE_ERROR_KIND_GONE))
        continue;

      row = g_new0 (char *, 4);
      row[0] = g_strdup (bs_source_get_id (source));
      row[1] = g_strdup (source_title (source));
      if (outcome != NULL)
        {
          row[2] = describe (outcome);
          n_reported++;
          n_new += outcome->n_new;
          if (outcome->status == BS_REFRESH_STATUS_NOT_MODIFIED)
            n_not_modified++;
          if (failed (outcome))
            n_failed++;
        }
      else
        {
          row[2] = g_strdup (_("gone, not checked (name it to try again)"));
        }
      g_ptr_array_add (rows, row);
    }

  bs_cli_print_table (rows, 3);
  printf (g_dngettext (GETTEXT_PACKAGE, "%u feed refreshed", "%u feeds refreshed", n_reported),
          n_reported);
  printf (g_dngettext (GETTEXT_PACKAGE, ": %u new entry", ": %u new entries", n_new), n_new);
  printf (_(", %u not modified, %u failed"), n_not_modified, n_failed);
  putchar ('\n');
  if (n_removed > 0)
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "%u old entry removed", "%u old entries removed",
                           n_removed), n_removed);
      putchar ('\n');
    }
}

static void
print_json (BsLibrary  *library,
            GHashTable *by_id,
            gboolean    with_skipped)
{
  GListModel *sources = bs_library_get_sources (library);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);
      BsRefreshOutcome *outcome = g_hash_table_lookup (by_id, bs_source_get_id (source));
      BsSourceErrorKind kind;

      if (outcome == NULL &&
          !(with_skipped && bs_source_get_error_kind (source) == BS_SOURCE_ERROR_KIND_GONE))
        continue;

      kind = outcome != NULL ? outcome->error_kind : bs_source_get_error_kind (source);
      json_builder_begin_object (builder);
      bs_cli_json_add_string (builder, "id", bs_source_get_id (source));
      bs_cli_json_add_string (builder, "title", source_title (source));
      bs_cli_json_add_string (builder, "url", bs_source_get_feed_url (source));
      bs_cli_json_add_string (builder, "status",
                              outcome != NULL ?
                              enum_nick (BS_TYPE_REFRESH_STATUS, outcome->status) : "skipped");
      json_builder_set_member_name (builder, "new");
      json_builder_add_int_value (builder, outcome != NULL ? outcome->n_new : 0);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_int_value (builder, outcome != NULL ? outcome->n_updated : 0);
      json_builder_set_member_name (builder, "http_status");
      if (outcome != NULL && outcome->http_status != 0)
        json_builder_add_int_value (builder, outcome->http_status);
      else
        json_builder_add_null_value (builder);
      bs_cli_json_add_string (builder, "error_kind",
                              kind != BS_SOURCE_ERROR_KIND_NONE ?
                              enum_nick (BS_TYPE_SOURCE_ERROR_KIND, kind) : NULL);
      bs_cli_json_add_string (builder, "error",
                              outcome != NULL ? outcome->error_message :
                              bs_source_get_error_message (source));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  bs_cli_print_json (builder);
}

int
bs_cli_refresh (int    argc,
                char **argv)
{
  g_autoptr(BsCliContext) ctx = bs_cli_context_new ("refresh");
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(BsUpdater) updater = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *keep_days = NULL;
  g_autofree char *keep_per_feed = NULL;
  BsRetentionPolicy retention;
  guint n_removed;
  gboolean json = FALSE;
  gboolean icons = FALSE;
  int n_icons = 0;
  Progress progress = { NULL, FALSE };
  gulong progress_id = 0;
  int status = BS_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array with one object per feed instead of a summary"), NULL },
    { "keep-days", 0, 0, G_OPTION_ARG_STRING, &keep_days,
      N_("Then remove read entries older than N days (0: no limit)"), N_("N") },
    { "keep-per-feed", 0, 0, G_OPTION_ARG_STRING, &keep_per_feed,
      N_("Then remove read entries past the newest N of a feed (0: no limit)"), N_("N") },
    { "icons", 0, 0, G_OPTION_ARG_NONE, &icons,
      N_("Then look for the icons of these feeds, where it is time to"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  options = g_option_context_new (_("[ID…] — fetch feeds now"));
  g_option_context_set_summary (options,
    _("Fetches the feeds of the given subscriptions (an id, or the start of one), or of all "
      "subscriptions when no ID is given, whether they are due or not, and merges their new "
      "entries. Without IDs a feed the server said is gone for good (HTTP 410) is not "
      "fetched; name it to try again. On a terminal a progress line is shown on standard "
      "error. At the end a summary lists, per feed, the new entries, “not modified”, or "
      "the error."));
  g_option_context_set_description (options,
    _("With --json, an array of objects with id, title, url, status (new-entries, "
      "no-change, not-modified, error, gone, retry-later, or skipped for a gone feed not "
      "fetched), new, updated, http_status, error_kind and error.\n\n"
      "Then old entries are removed as the app’s preferences say (retention-days and "
      "max-entries-per-feed in GSettings; 90 days and 500 a feed when the app’s settings are "
      "not installed), or as --keep-days and --keep-per-feed say: read entries older than N "
      "days, and read entries past the newest N of their feed. Starred entries, unread "
      "entries and entries still in the feed are kept, and only the feeds whose document was "
      "fetched (not “not modified” or failed) are trimmed. The summary ends with how many "
      "entries were removed, when any were.\n\n"
      "With --icons, the icons of the feeds are then looked for (the feed’s icon or logo, "
      "else the site’s declared icon, else /favicon.ico) and kept in the store, for feeds "
      "whose icon was never looked for, or not for 30 days (7 when none was found). The app "
      "does this by itself.\n\n"
      "Exit status: 0 when every feed was refreshed or not modified, 1 when any failed (the "
      "summary is still printed) or the store cannot be written, 2 for a usage error."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!bs_cli_context_parse (ctx, options, &argc, &argv))
    return BS_CLI_EXIT_USAGE;

  retention_from_settings (&retention);
  if (!parse_limit (ctx, "--keep-days", keep_days, RETENTION_DAYS_MAX,
                    &retention.max_age_days) ||
      !parse_limit (ctx, "--keep-per-feed", keep_per_feed, RETENTION_COUNT_MAX,
                    &retention.max_per_source))
    return BS_CLI_EXIT_USAGE;

  if (!bs_cli_context_open (ctx, TRUE))
    return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);

  /* A refresh changes each feed's entries once: nothing to coalesce, so
   * the store writes them while the next feeds are fetched and parsed,
   * instead of all of them when it closes. */
  bs_store_set_entries_save_delay (ctx->store, 0);

  if (args != NULL)
    {
      sources = g_ptr_array_new ();
      for (guint i = 0; args[i] != NULL; i++)
        {
          BsSource *source = bs_cli_lookup_source (ctx, args[i]);

          if (source == NULL)
            return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
          if (!g_ptr_array_find (sources, source, NULL))
            g_ptr_array_add (sources, source);
        }
    }

  updater = bs_updater_new (ctx->library, bs_cli_context_get_fetcher (ctx));
  if (isatty (STDERR_FILENO))
    {
      progress.updater = updater;
      progress_id = g_signal_connect (updater, "notify::n-done", G_CALLBACK (progress_cb), &progress);
    }

  /* by hand, the user wants everything now; named sources even when gone */
  bs_updater_refresh_async (updater, sources,
                            sources != NULL ? BS_REFRESH_FLAGS_FORCE : BS_REFRESH_FLAGS_IGNORE_DUE,
                            ctx->cancellable, bs_cli_async_ready_cb, &result);
  if (progress_id != 0)
    progress_cb (updater, NULL, &progress);
  bs_cli_wait_result (&result);
  outcomes = bs_updater_refresh_finish (updater, result, &error);

  if (progress_id != 0)
    g_clear_signal_handler (&progress_id, updater);
  if (progress.shown)
    {
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
    }

  if (outcomes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bs_cli_error (ctx, _("interrupted"));
      else
        bs_cli_error (ctx, "%s", error->message);
      return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
    }

  if (icons)
    {
      g_clear_object (&result);
      bs_updater_update_icons_async (updater, sources, FALSE, ctx->cancellable,
                                     bs_cli_async_ready_cb, &result);
      bs_cli_wait_result (&result);
      n_icons = bs_updater_update_icons_finish (updater, result, &error);
      if (n_icons < 0)
        {
          bs_cli_error (ctx, "%s", error->message);
          return bs_cli_context_close (ctx, BS_CLI_EXIT_FAILURE);
        }
    }

  /* Not through bs_updater_set_retention(), which applies the same policy
   * to the same sources but does not say how many entries went: the
   * library trims the sources merged by this refresh, whose feed keys it
   * remembers, and leaves the others alone. */
  n_removed = bs_library_apply_retention (ctx->library, &retention,
                                          g_get_real_time () / G_USEC_PER_SEC, NULL);

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < outcomes->len; i++)
    {
      BsRefreshOutcome *outcome = g_ptr_array_index (outcomes, i);

      g_hash_table_insert (by_id, outcome->source_id, outcome);
      if (failed (outcome))
        status = BS_CLI_EXIT_FAILURE;
    }

  if (json)
    print_json (ctx->library, by_id, sources == NULL);
  else
    print_human (ctx->library, by_id, sources == NULL, n_removed);
  if (!json && n_icons > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "%d icon found\n", "%d icons found\n", n_icons),
            n_icons);

  return bs_cli_context_close (ctx, status);
}
