/* bs-cli-context.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-cli"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "bs-cli.h"
#include "bs-cli-context.h"
#include "bs-date.h"

/* Libraries left to the end of the process by bs_cli_context_free(),
 * still reachable for leak checkers. */
static GPtrArray *left_at_exit;

BsCliContext *
bs_cli_context_new (const char *command)
{
  BsCliContext *self = g_new0 (BsCliContext, 1);

  self->command = g_strdup (command);
  self->cancellable = g_cancellable_new ();
  return self;
}

void
bs_cli_context_free (BsCliContext *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);

  /* Once the store is closed, finalising the library would only free
   * memory, one object per entry: a good part of the run time of a command
   * that lists a large store, just before the process exits. */
  if (self->closed && self->library != NULL)
    {
      if (left_at_exit == NULL)
        left_at_exit = g_ptr_array_new ();
      g_ptr_array_add (left_at_exit, g_steal_pointer (&self->library));
    }

  g_clear_object (&self->library);
  g_clear_object (&self->store);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->cancellable);
  g_free (self->data_dir);
  g_free (self->command);
  g_free (self);
}

void
bs_cli_error (BsCliContext *self,
              const char   *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fflush (stdout);
  fprintf (stderr, "broadsheet-cli %s: %s\n", self->command, message);
}

int
bs_cli_usage_error (BsCliContext *self,
                    const char   *message)
{
  bs_cli_error (self, "%s", message);
  fprintf (stderr, _("Run “broadsheet-cli %s --help” for usage."), self->command);
  fputc ('\n', stderr);
  return BS_CLI_EXIT_USAGE;
}

gboolean
bs_cli_context_parse (BsCliContext    *self,
                      GOptionContext  *options,
                      int             *argc,
                      char          ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("broadsheet-cli %s", self->command);
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &self->data_dir,
      N_("Use the store in DIR instead of $XDG_DATA_HOME/broadsheet"), N_("DIR") },
    { NULL }
  };

  /* --help shows "Usage: broadsheet-cli COMMAND [OPTION…] …". */
  g_set_prgname (prgname);
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (options, argc, argv, &error))
    {
      bs_cli_usage_error (self, error->message);
      return FALSE;
    }
  if (self->data_dir != NULL && self->data_dir[0] == '\0')
    {
      bs_cli_usage_error (self, _("--data-dir needs a directory"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
signal_cb (gpointer user_data)
{
  BsCliContext *self = user_data;

  g_cancellable_cancel (self->cancellable);
  return G_SOURCE_CONTINUE;
}

gboolean
bs_cli_context_open (BsCliContext *self,
                     gboolean      for_writing)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  g_return_val_if_fail (self->store == NULL, FALSE);

  if (self->data_dir == NULL)
    self->data_dir = g_build_filename (g_get_user_data_dir (), "broadsheet", NULL);

  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      bs_cli_error (self, _("cannot create the data directory %s: %s"),
                    self->data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  self->store = bs_store_new (self->data_dir);
  if (!bs_store_open (self->store, for_writing, &error))
    {
      if (g_error_matches (error, BS_STORE_ERROR, BS_STORE_ERROR_LOCKED))
        bs_cli_error (self, _("the store is locked: %s. Wait for the other program "
                              "(Broadsheet or another broadsheet-cli) to finish, or close it."),
                      error->message);
      else
        bs_cli_error (self, _("cannot open the store in %s: %s"),
                      self->data_dir, error->message);
      g_clear_object (&self->store);
      return FALSE;
    }

  self->library = bs_library_new (self->store);
  if (!bs_library_load (self->library, &error))
    {
      bs_cli_error (self, _("cannot load the store in %s: %s"),
                    self->data_dir, error->message);
      return FALSE;
    }

  problems = bs_store_get_load_problems (self->store);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);

      bs_cli_error (self, _("warning: %s"), problem->message);
    }

  self->sigint_id = g_unix_signal_add (SIGINT, signal_cb, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, signal_cb, self);
  return TRUE;
}

BsFetcher *
bs_cli_context_get_fetcher (BsCliContext *self)
{
  if (self->fetcher == NULL)
    self->fetcher = bs_fetcher_new ();
  return self->fetcher;
}

int
bs_cli_context_close (BsCliContext *self,
                      int           status)
{
  g_autoptr(GError) error = NULL;

  self->closed = TRUE;
  if (self->store != NULL && !bs_store_close (self->store, &error))
    {
      bs_cli_error (self, _("cannot save the store in %s: %s"),
                    self->data_dir, error->message);
      status = BS_CLI_EXIT_FAILURE;
    }
  if (fflush (stdout) != 0)
    {
      int saved_errno = errno;

      bs_cli_error (self, _("cannot write the output: %s"), g_strerror (saved_errno));
      status = BS_CLI_EXIT_FAILURE;
    }
  return status;
}

BsSource *
bs_cli_lookup_source (BsCliContext *self,
                      const char   *id)
{
  GListModel *sources = bs_library_get_sources (self->library);
  BsSource *found = NULL;
  guint n_found = 0;

  found = bs_library_lookup_source (self->library, id);
  if (found != NULL)
    return found;

  for (guint i = 0; id[0] != '\0' && i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(BsSource) source = g_list_model_get_item (sources, i);

      if (g_str_has_prefix (bs_source_get_id (source), id))
        {
          found = source;
          n_found++;
        }
    }
  if (n_found == 1)
    return found;

  if (n_found > 1)
    bs_cli_error (self, _("“%s” is the start of several source ids; give more of it "
                          "(“broadsheet-cli list” shows them)"), id);
  else
    bs_cli_error (self, _("no source with the id “%s” (“broadsheet-cli list” shows them)"), id);
  return NULL;
}

void
bs_cli_async_ready_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
bs_cli_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

void
bs_cli_wait_until (const gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

/* The date of the proleptic Gregorian calendar @days days after
 * 1970-01-01 (Howard Hinnant's civil_from_days). */
static void
civil_from_days (gint64  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;

  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (yoe + era * 400 + (*month <= 2));
}

char *
bs_cli_format_date (gint64 t)
{
  static GTimeZone *local_zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  gint64 local_t;
  int year, month, day;

  if (t == 0 || t == BS_DATE_NONE)
    return NULL;
  /* g_date_time_to_local() looks the local zone up again for every call
   * (a stat and a readlink of /etc/localtime): once is enough here */
  if (g_once_init_enter (&local_zone))
    g_once_init_leave (&local_zone, g_time_zone_new_local ());

  /* What the GDateTimes below give, without allocating them, for times in
   * the years 1970 to 9998 (where they cannot fail): listing a large store
   * formats thousands of dates. */
  if (t >= 0 && t < G_GINT64_CONSTANT (253370764800))
    {
      int interval = g_time_zone_find_interval (local_zone, G_TIME_TYPE_UNIVERSAL, t);

      local_t = t + g_time_zone_get_offset (local_zone, interval);
      if (local_t >= 0)
        {
          civil_from_days (local_t / 86400, &year, &month, &day);
          return g_strdup_printf ("%d-%02d-%02d %02d:%02d", year, month, day,
                                  (int) (local_t % 86400 / 3600),
                                  (int) (local_t % 3600 / 60));
        }
    }

  utc = g_date_time_new_from_unix_utc (t);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, local_zone);
  return g_date_time_format (local != NULL ? local : utc, "%Y-%m-%d %H:%M");
}

void
bs_cli_json_add_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else if (g_utf8_validate (value, -1, NULL))
    json_builder_add_string_value (builder, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      json_builder_add_string_value (builder, valid);
    }
}

void
bs_cli_json_add_date (JsonBuilder *builder,
                      const char  *member,
                      gint64       t)
{
  g_autofree char *s = NULL;

  if (t != 0 && t != BS_DATE_NONE)
    s = bs_date_format_rfc3339 (t);
  bs_cli_json_add_string (builder, member, s);
}

void
bs_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

int
bs_cli_text_width (const char *s)
{
  int width = 0;

  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    return s == NULL ? 0 : (int) strlen (s);

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          width++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
bs_cli_print_table (GPtrArray *rows,
                    guint      n_columns)
{
  static const char spaces[] = "                                ";
  g_autofree int *widths = g_new0 (int, n_columns);
  g_autofree int *cell_widths = g_new (int, (gsize) rows->len * n_columns);

  /* The last column is not padded: its width does not matter */
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c + 1 < n_columns; c++)
        {
          int width = bs_cli_text_width (row[c]);

          cell_widths[r * n_columns + c] = width;
          widths[c] = MAX (widths[c], width);
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        {
          fputs (row[c] != NULL ? row[c] : "", stdout);
          if (c + 1 < n_columns)
            {
              int pad = widths[c] + 2 - cell_widths[r * n_columns + c];

              while (pad > 0)
                {
                  int n = MIN (pad, (int) sizeof spaces - 1);

                  fwrite (spaces, 1, n, stdout);
                  pad -= n;
                }
            }
        }
      fputc ('\n', stdout);
    }
}
