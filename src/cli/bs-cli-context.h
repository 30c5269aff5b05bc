/* bs-cli-context.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bs-fetcher.h"
#include "bs-library.h"
#include "bs-store.h"

G_BEGIN_DECLS

/* BsCliContext: what every store-using command shares.
 *
 *   g_autoptr(BsCliContext) ctx = bs_cli_context_new ("list");
 *   g_autoptr(GOptionContext) options = g_option_context_new (…);
 *   …add the command's own entries…
 *   if (!bs_cli_context_parse (ctx, options, &argc, &argv))
 *     return BS_CLI_EXIT_USAGE;
 *   if (!bs_cli_context_open (ctx, FALSE))
 *     return BS_CLI_EXIT_FAILURE;
 *   …use ctx->library…
 *   return bs_cli_context_close (ctx, BS_CLI_EXIT_OK);
 *
 * The data directory is --data-dir DIR, else $XDG_DATA_HOME/broadsheet
 * (created 0700 when missing). Opening for writing takes the store's lock:
 * a second writer fails with a message naming the directory and exits 1.
 * Opening installs SIGINT/SIGTERM handlers that cancel ctx->cancellable,
 * so async work can stop cleanly and the store is still flushed.
 *
 * Messages: bs_cli_error() prints "broadsheet-cli COMMAND: …" on stderr. */

typedef struct {
  char         *command;      /* for messages: "add", "list", … */
  char         *data_dir;     /* --data-dir, then the resolved directory */
  BsStore      *store;        /* after bs_cli_context_open() */
  BsLibrary    *library;      /* loaded, after bs_cli_context_open() */
  BsFetcher    *fetcher;      /* see bs_cli_context_get_fetcher() */
  GCancellable *cancellable;  /* cancelled by SIGINT/SIGTERM */
  guint         sigint_id;
  guint         sigterm_id;
  gboolean      closed;       /* by bs_cli_context_close() */
} BsCliContext;

BsCliContext *bs_cli_context_new         (const char      *command);
void          bs_cli_context_free        (BsCliContext    *self);

/* Adds --data-dir to @options (set the command's own entries and texts
 * first), sets the translation domain and parses. On a usage error prints
 * it with a hint to --help and returns FALSE: exit BS_CLI_EXIT_USAGE. */
gboolean      bs_cli_context_parse       (BsCliContext    *self,
                                          GOptionContext  *options,
                                          int             *argc,
                                          char          ***argv);

/* Resolves and creates the data directory, opens the store (taking the
 * lock when @for_writing) and loads the library. Reports load problems as
 * warnings on stderr. On failure prints why and returns FALSE: exit
 * BS_CLI_EXIT_FAILURE. */
gboolean      bs_cli_context_open        (BsCliContext    *self,
                                          gboolean         for_writing);

/* A fetcher for the command, created on first use. */
BsFetcher    *bs_cli_context_get_fetcher (BsCliContext    *self);

/* Flushes and closes the store when it was opened. Returns @status, or
 * BS_CLI_EXIT_FAILURE (after printing why) when the store could not be
 * written or standard output could not be flushed. The command returns
 * next and the process exits: bs_cli_context_free() then leaves the
 * library's memory to the system instead of freeing it entry by entry. */
int           bs_cli_context_close       (BsCliContext    *self,
                                          int              status);

/* Prints "broadsheet-cli COMMAND: MESSAGE" and a newline on stderr. */
void          bs_cli_error               (BsCliContext    *self,
                                          const char      *format,
                                          ...) G_GNUC_PRINTF (2, 3);

/* Prints @message as a usage error with a hint to --help; returns
 * BS_CLI_EXIT_USAGE. */
int           bs_cli_usage_error         (BsCliContext    *self,
                                          const char      *message);

/* The source whose id is @id, or else whose id starts with @id when only
 * one does. Otherwise prints "no source …" (or that the prefix is
 * ambiguous) and returns NULL: exit BS_CLI_EXIT_FAILURE. */
BsSource     *bs_cli_lookup_source       (BsCliContext    *self,
                                          const char      *id);

/* Waiting for async core calls. Pass bs_cli_async_ready_cb as the
 * callback and &result (a NULL GAsyncResult *) as user data, then
 * bs_cli_wait_result (&result) iterates the default main context until
 * the call completes and returns it (still owned by @result: declare it
 * g_autoptr(GAsyncResult)). */
void          bs_cli_async_ready_cb      (GObject         *source,
                                          GAsyncResult    *result,
                                          gpointer         user_data);
GAsyncResult *bs_cli_wait_result         (GAsyncResult   **result);

/* Iterates the default main context until *@done is TRUE. */
void          bs_cli_wait_until          (const gboolean  *done);

/* Output. Dates: local time "YYYY-MM-DD HH:MM" for people, NULL for
 * 0/BS_DATE_NONE; RFC 3339 (UTC) in JSON, null when unknown. */
char         *bs_cli_format_date         (gint64           t);
void          bs_cli_json_add_string     (JsonBuilder     *builder,
                                          const char      *member,
                                          const char      *value);
void          bs_cli_json_add_date       (JsonBuilder     *builder,
                                          const char      *member,
                                          gint64           t);
/* Prints the builder's root, pretty-printed, and a newline on stdout. */
void          bs_cli_print_json          (JsonBuilder     *builder);

/* Display width of UTF-8 @s in terminal cells (wide characters count 2,
 * combining marks 0). */
int           bs_cli_text_width          (const char      *s);

/* Prints @rows (each a GStrv of @n_columns cells) with the columns
 * aligned on display width; the last column is not padded. */
void          bs_cli_print_table         (GPtrArray       *rows,
                                          guint            n_columns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsCliContext, bs_cli_context_free)

G_END_DECLS
