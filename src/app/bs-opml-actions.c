/* bs-opml-actions.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>

#include "bs-opml.h"
#include "bs-opml-actions.h"

static BsApplication *
window_application (BsWindow *window)
{
  return BS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
}

/* Import */

typedef struct {
  BsApplication *application;
  GBytes *contents;
  GPtrArray *added;   /* BsSource */
  guint n_existing;
} Import;

static void
import_free (Import *import)
{
  g_clear_object (&import->application);
  g_clear_pointer (&import->contents, g_bytes_unref);
  g_clear_pointer (&import->added, g_ptr_array_unref);
  g_free (import);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GBytes *contents = task_data;
  GError *error = NULL;
  GPtrArray *outlines;
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);

  outlines = bs_opml_parse (data, length, NULL, &error);
  if (outlines == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, outlines, (GDestroyNotify) g_ptr_array_unref);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  g_autoptr(GPtrArray) outlines = NULL;
  GError *error = NULL;
  BsLibrary *library;

  outlines = g_task_propagate_pointer (G_TASK (result), &error);
  if (outlines == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  library = bs_application_get_library (import->application);
  import->added = bs_library_import_outlines (library, outlines, &import->n_existing, &error);
  if (import->added == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* one refresh for all of them (the updater takes them when it is busy) */
  if (import->added->len > 0)
    bs_application_refresh (import->application, import->added);
  g_task_return_pointer (task, g_ptr_array_ref (import->added), (GDestroyNotify) g_ptr_array_unref);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  g_autoptr(GTask) parse = NULL;
  GError *error = NULL;
  char *data = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &data, &length, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  import->contents = g_bytes_new_take (data, length);

  parse = g_task_new (NULL, g_task_get_cancellable (task), parsed_cb, g_object_ref (task));
  g_task_set_source_tag (parse, parse_thread);
  g_task_set_task_data (parse, g_bytes_ref (import->contents), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (parse, parse_thread);
}

static void
import_size_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = NULL;

  /* a file that says it is too large is not read; one that cannot say is
   * read, and the parser still refuses more than BS_OPML_MAX_SIZE */
  info = g_file_query_info_finish (G_FILE (object), result, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      && g_file_info_get_size (info) > BS_OPML_MAX_SIZE)
    {
      g_task_return_new_error (task, BS_OPML_ERROR, BS_OPML_ERROR_TOO_LARGE,
                               "The file is larger than %d MiB",
                               BS_OPML_MAX_SIZE / (1024 * 1024));
      return;
    }

  g_file_load_contents_async (G_FILE (object), g_task_get_cancellable (task), loaded_cb,
                              g_object_ref (task));
}

/**
 * bs_opml_import_async:
 * @window: the window whose library subscribes
 * @file: an OPML file
 * @cancellable: (nullable): to stop reading it
 * @callback: called when it is imported, or could not be
 * @user_data: for @callback
 *
 * Reads @file, subscribes to the feeds it lists that are not subscribed
 * to yet, and refreshes them. Reading and parsing never block the window.
 */
void
bs_opml_import_async (BsWindow            *window,
                      GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Import *import;

  g_return_if_fail (BS_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (window, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_opml_import_async);
  import = g_new0 (Import, 1);
  import->application = g_object_ref (window_application (window));
  g_task_set_task_data (task, import, (GDestroyNotify) import_free);

  if (bs_application_get_library (import->application) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The subscriptions are not open"));
      return;
    }

  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, import_size_cb,
                           g_steal_pointer (&task));
}

/**
 * bs_opml_import_finish:
 * @result: the result
 * @n_existing: (out) (optional): how many feeds of the file were already
 *   subscribed to
 * @error: a GIO error reading the file, a BS_OPML_ERROR, or
 *   G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer container) (element-type BsSource): the new
 *   subscriptions (possibly none), or NULL with @error set
 */
GPtrArray *
bs_opml_import_finish (GAsyncResult  *result,
                       guint         *n_existing,
                       GError       **error)
{
  Import *import;
  GPtrArray *added;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bs_opml_import_async, NULL);

  added = g_task_propagate_pointer (G_TASK (result), error);
  import = g_task_get_task_data (G_TASK (result));
  if (n_existing != NULL)
    *n_existing = added != NULL ? import->n_existing : 0;
  return added;
}

/**
 * bs_opml_import_summary:
 * @n_added: subscriptions imported
 * @n_existing: feeds of the list already subscribed to
 *
 * Returns: (transfer full): what the toast says after an import
 */
char *
bs_opml_import_summary (guint n_added,
                        guint n_existing)
{
  g_autofree char *added = NULL;

  if (n_added == 0 && n_existing == 0)
    return g_strdup (_("The list has no subscriptions"));
  if (n_added == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No new subscriptions: the only one was already there",
                                         "No new subscriptions: all %u were already there",
                                         n_existing), n_existing);

  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u subscription imported",
                                        "%u subscriptions imported", n_added), n_added);
  if (n_existing == 0)
    return g_steal_pointer (&added);
  /* TRANSLATORS: "%s" is "N subscriptions imported" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u already there",
                                       "%s, %u already there", n_existing), added, n_existing);
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

/* Why an OPML file could not be imported, as the user reads it. */
static char *
describe_import_error (const GError *error)
{
  if (g_error_matches (error, BS_OPML_ERROR, BS_OPML_ERROR_NOT_OPML))
    return g_strdup (_("it is not an OPML subscription list"));
  if (g_error_matches (error, BS_OPML_ERROR, BS_OPML_ERROR_TOO_LARGE))
    return g_strdup_printf (_("it is larger than %d MiB"), BS_OPML_MAX_SIZE / (1024 * 1024));
  return g_strdup (error->message);
}

typedef struct {
  BsWindow *window;
  GFile *file;
} FileOp;

static void
file_op_free (FileOp *op)
{
  g_object_unref (op->window);
  g_object_unref (op->file);
  g_free (op);
}

static FileOp *
file_op_new (BsWindow *window,
             GFile    *file)
{
  FileOp *op = g_new0 (FileOp, 1);

  op->window = g_object_ref (window);
  op->file = g_object_ref (file);
  return op;
}

static void
import_file_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FileOp *op = user_data;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_existing = 0;

  added = bs_opml_import_finish (result, &n_existing, &error);
  if (added != NULL)
    message = bs_opml_import_summary (added->len, n_existing);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *name = file_display_name (op->file);
      g_autofree char *reason = describe_import_error (error);

      /* TRANSLATORS: a file name and the reason */
      message = g_strdup_printf (_("Could not import “%s”: %s"), name, reason);
    }

  if (message != NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      /* the outcome of what the user just did: at once, and errors longer */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, added != NULL ? 5 : 10);
      bs_window_add_toast (op->window, toast);
    }
  file_op_free (op);
}

/**
 * bs_opml_import_file:
 * @window: the window
 * @file: an OPML file
 *
 * Imports @file and says how it went in a toast.
 */
void
bs_opml_import_file (BsWindow *window,
                     GFile    *file)
{
  g_return_if_fail (BS_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  bs_opml_import_async (window, file, NULL, import_file_cb, file_op_new (window, file));
}

/* Export */

static void
replaced_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * bs_opml_export_async:
 * @window: the window whose library is exported
 * @file: where to write, replacing what is there
 * @cancellable: (nullable): to stop writing
 * @callback: called when it is written, or could not be
 * @user_data: for @callback
 *
 * Writes every subscription to @file as OPML 2.0, without blocking.
 */
void
bs_opml_export_async (BsWindow            *window,
                      GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GBytes) document = NULL;
  BsLibrary *library;

  g_return_if_fail (BS_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (window, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_opml_export_async);

  library = bs_application_get_library (window_application (window));
  if (library == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The subscriptions are not open"));
      return;
    }

  outlines = bs_library_export_outlines (library);
  document = bs_opml_write (outlines, _("Broadsheet subscriptions"));
  g_file_replace_contents_bytes_async (file, document, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, replaced_cb, g_steal_pointer (&task));
}

gboolean
bs_opml_export_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bs_opml_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_file_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FileOp *op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = file_display_name (op->file);
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (bs_opml_export_finish (result, &error))
    message = g_strdup_printf (_("Subscriptions exported to “%s”"), name);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup_printf (_("Could not export to “%s”: %s"), name, error->message);

  if (message != NULL)
    {
      toast = adw_toast_new (message);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, error == NULL ? 5 : 10);
      bs_window_add_toast (op->window, toast);
    }
  file_op_free (op);
}

/**
 * bs_opml_export_file:
 * @window: the window
 * @file: where to write
 *
 * Exports the subscriptions to @file and says how it went in a toast.
 */
void
bs_opml_export_file (BsWindow *window,
                     GFile    *file)
{
  g_return_if_fail (BS_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  bs_opml_export_async (window, file, NULL, export_file_cb, file_op_new (window, file));
}

/* Choosing the file */

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) opml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (opml, _("OPML Subscription Lists"));
  gtk_file_filter_add_mime_type (opml, "text/x-opml");
  gtk_file_filter_add_mime_type (opml, "text/x-opml+xml");
  gtk_file_filter_add_mime_type (opml, "application/xml");
  gtk_file_filter_add_mime_type (opml, "text/xml");
  gtk_file_filter_add_suffix (opml, "opml");
  gtk_file_filter_add_suffix (opml, "xml");
  gtk_file_chooser_add_filter (chooser, opml);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, opml);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     BsWindow        *window)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        bs_opml_export_file (window, file);
      else
        bs_opml_import_file (window, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (window);
}

static void
choose (BsWindow             *window,
        GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;

  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    chooser = gtk_file_chooser_native_new (_("Export Subscriptions"), GTK_WINDOW (window), action,
                                           _("_Export"), _("_Cancel"));
  else
    chooser = gtk_file_chooser_native_new (_("Import Subscriptions"), GTK_WINDOW (window), action,
                                           _("_Import"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    /* TRANSLATORS: the name proposed for an exported subscription list */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("subscriptions.opml"));

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * bs_opml_choose_import:
 * @window: the window
 *
 * Asks for an OPML file, then imports it.
 */
void
bs_opml_choose_import (BsWindow *window)
{
  g_return_if_fail (BS_IS_WINDOW (window));

  choose (window, GTK_FILE_CHOOSER_ACTION_OPEN);
}

/**
 * bs_opml_choose_export:
 * @window: the window
 *
 * Asks where to write, then exports the subscriptions there.
 */
void
bs_opml_choose_export (BsWindow *window)
{
  g_return_if_fail (BS_IS_WINDOW (window));

  choose (window, GTK_FILE_CHOOSER_ACTION_SAVE);
}
