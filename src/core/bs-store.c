/* bs-store.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-store"

#include "config.h"

#include "bs-store.h"
#include "bs-store-private.h"

#include <errno.h>

#include <glib/gstdio.h>

/* The object, opening, loading and the public API. Writing (the lock,
 * coalescing, the worker) is in bs-store-writer.c, the file format in
 * bs-store-format.c. */

G_DEFINE_FINAL_TYPE (BsStore, bs_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (bs-store-error-quark, bs_store_error)

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_SAVE_DELAY,
  PROP_ENTRIES_SAVE_DELAY,
  PROP_WRITABLE,
  N_PROPS
};

enum {
  SAVED,
  SAVE_FAILED,
  LOAD_PROBLEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GPtrArray *
copy_objects (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array->len, g_object_unref);

  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (array, i)));
  return copy;
}

/* pending_entries values: an array of entries, or NULL for a removal. */
static void
variant_unref0 (gpointer value)
{
  if (value != NULL)
    g_variant_unref (value);
}

static void
ptr_array_unref0 (gpointer array)
{
  if (array != NULL)
    g_ptr_array_unref (array);
}

/* Loading */

/* Records a problem with a file: a damaged one is set aside (when the store
 * is writable), one of a future version is left alone and not written. */
static void
report_problem (BsStore    *self,
                const char *name,
                GError     *cause)
{
  g_autofree char *path = g_build_filename (self->directory, name, NULL);
  g_autofree char *aside = NULL;
  g_autoptr(GError) problem = NULL;

  if (g_error_matches (cause, BS_STORE_ERROR, BS_STORE_ERROR_FUTURE_VERSION))
    {
      g_hash_table_add (self->blocked, g_strdup (name));
      problem = g_error_new (BS_STORE_ERROR, BS_STORE_ERROR_FUTURE_VERSION,
                             "%s: %s; it is left as it is and will not be written to",
                             path, cause->message);
    }
  else if (!self->writable)
    {
      problem = g_error_new (BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                             "%s: %s; ignored (the store is open read-only)",
                             path, cause->message);
    }
  else
    {
      aside = g_strconcat (path, ".corrupt", NULL);
      for (guint n = 1; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
        {
          g_free (aside);
          aside = g_strdup_printf ("%s.corrupt.%u", path, n);
        }

      if (g_rename (path, aside) == 0)
        problem = g_error_new (BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                               "%s: %s; set aside as %s", path, cause->message, aside);
      else
        problem = g_error_new (BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                               "%s: %s; could not be set aside: %s",
                               path, cause->message, g_strerror (errno));
    }

  g_debug ("%s", problem->message);
  g_ptr_array_add (self->problems, g_error_copy (problem));
  g_signal_emit (self, signals[LOAD_PROBLEM], 0, problem);
}

/* The current payload of a file; NULL and no error when the file is
 * missing, or unusable (reported); NULL and an error when it cannot be
 * read at all. */
static GVariant *
load_file (BsStore     *self,
           const char  *name,
           const char  *magic,
           gboolean     check_all,
           GError     **error)
{
  g_autofree char *path = g_build_filename (self->directory, name, NULL);
  g_autoptr(GError) local = NULL;
  GVariant *payload;

  payload = _bs_store_read_file (path, magic, check_all, &local);
  if (payload != NULL)
    return payload;

  if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return NULL;

  if (local->domain == BS_STORE_ERROR)
    report_problem (self, name, local);
  else
    g_propagate_error (error, g_steal_pointer (&local));

  return NULL;
}

/* For bs-store-articles.c */

GVariant *
_bs_store_load_payload (BsStore     *self,
                        const char  *name,
                        const char  *magic,
                        gboolean     check_all,
                        GError     **error)
{
  return load_file (self, name, magic, check_all, error);
}

void
_bs_store_report (BsStore    *self,
                  const char *name,
                  GError     *cause)
{
  report_problem (self, name, cause);
}

/* The object */

static void
bs_store_dispose (GObject *object)
{
  BsStore *self = (BsStore *)object;

  if (self->opened)
    {
      g_autoptr(GError) error = NULL;

      if (!bs_store_close (self, &error))
        g_warning ("Changes to the store in %s may be lost: %s",
                   self->directory, error->message);
    }

  _bs_store_forget_pending (self);

  G_OBJECT_CLASS (bs_store_parent_class)->dispose (object);
}

static void
bs_store_finalize (GObject *object)
{
  BsStore *self = (BsStore *)object;

  g_assert (self->inflight == NULL);

  g_free (self->directory);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_hash_table_unref (self->flags);
  g_ptr_array_unref (self->problems);
  g_hash_table_unref (self->blocked);
  g_hash_table_unref (self->pending_entries);
  g_hash_table_unref (self->pending_icons);
  _bs_store_articles_clear (self);
  g_hash_table_unref (self->retry);
  g_hash_table_unref (self->latest_seq);
  g_mutex_clear (&self->io_lock);

  G_OBJECT_CLASS (bs_store_parent_class)->finalize (object);
}

static void
bs_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BsStore *self = BS_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_SAVE_DELAY:
      g_value_set_uint (value, self->save_delay);
      break;
    case PROP_ENTRIES_SAVE_DELAY:
      g_value_set_uint (value, self->entries_save_delay);
      break;
    case PROP_WRITABLE:
      g_value_set_boolean (value, self->writable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  BsStore *self = BS_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      if (self->directory == NULL)
        self->directory = g_build_filename (g_get_user_data_dir (), "broadsheet", NULL);
      break;
    case PROP_SAVE_DELAY:
      bs_store_set_save_delay (self, g_value_get_uint (value));
      break;
    case PROP_ENTRIES_SAVE_DELAY:
      bs_store_set_entries_save_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_store_class_init (BsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bs_store_dispose;
  object_class->finalize = bs_store_finalize;
  object_class->get_property = bs_store_get_property;
  object_class->set_property = bs_store_set_property;

  /* NULL at construction means $XDG_DATA_HOME/broadsheet. */
  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Coalescing window of flags.gvariant and sources.gvariant, in ms; a
   * change applies to windows started after it. */
  properties[PROP_SAVE_DELAY] =
    g_param_spec_uint ("save-delay", NULL, NULL, 0, G_MAXUINT, BS_STORE_DEFAULT_SAVE_DELAY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Coalescing window of the entries files, in ms. */
  properties[PROP_ENTRIES_SAVE_DELAY] =
    g_param_spec_uint ("entries-save-delay", NULL, NULL, 0, G_MAXUINT,
                       BS_STORE_DEFAULT_ENTRIES_SAVE_DELAY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the store is open for writing (and holds the lock). */
  properties[PROP_WRITABLE] =
    g_param_spec_boolean ("writable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BsStore::saved:
   * @name: the file, relative to the store directory
   *
   * A file was written (or removed) durably.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * BsStore::save-failed:
   * @name: the file, relative to the store directory
   * @error: why
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);

  /**
   * BsStore::load-problem:
   * @error: a BS_STORE_ERROR naming the file and what was done with it
   *
   * A file could not be loaded; see bs_store_get_load_problems().
   */
  signals[LOAD_PROBLEM] =
    g_signal_new ("load-problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
bs_store_init (BsStore *self)
{
  self->save_delay = BS_STORE_DEFAULT_SAVE_DELAY;
  self->entries_save_delay = BS_STORE_DEFAULT_ENTRIES_SAVE_DELAY;
  self->lock_fd = -1;
  self->flags = _bs_store_flags_table_new ();
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  self->blocked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 ptr_array_unref0);
  self->pending_icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               variant_unref0);
  _bs_store_articles_init (self);
  self->retry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) _bs_store_write_item_free);
  self->latest_seq = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->io_lock);
}

/**
 * bs_store_new:
 * @directory: (nullable): the store directory, or NULL for
 *   $XDG_DATA_HOME/broadsheet
 *
 * A store that is not open yet: see bs_store_open().
 */
BsStore *
bs_store_new (const char *directory)
{
  return g_object_new (BS_TYPE_STORE, "directory", directory, NULL);
}

const char *
bs_store_get_directory (BsStore *self)
{
  g_return_val_if_fail (BS_IS_STORE (self), NULL);

  return self->directory;
}

guint
bs_store_get_save_delay (BsStore *self)
{
  g_return_val_if_fail (BS_IS_STORE (self), 0);

  return self->save_delay;
}

void
bs_store_set_save_delay (BsStore *self,
                         guint    msec)
{
  g_return_if_fail (BS_IS_STORE (self));

  if (self->save_delay == msec)
    return;
  self->save_delay = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_DELAY]);
}

guint
bs_store_get_entries_save_delay (BsStore *self)
{
  g_return_val_if_fail (BS_IS_STORE (self), 0);

  return self->entries_save_delay;
}

void
bs_store_set_entries_save_delay (BsStore *self,
                                 guint    msec)
{
  g_return_if_fail (BS_IS_STORE (self));

  if (self->entries_save_delay == msec)
    return;
  self->entries_save_delay = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRIES_SAVE_DELAY]);
}

gboolean
bs_store_get_writable (BsStore *self)
{
  g_return_val_if_fail (BS_IS_STORE (self), FALSE);

  return self->writable;
}

/**
 * bs_store_open:
 * @self: a store
 * @for_writing: whether to take the lock and allow changes
 * @error: BS_STORE_ERROR_LOCKED when another writer holds the store, a
 *   G_FILE_ERROR when the directory cannot be created or read
 *
 * Opens the store, creating its directory if it is to be written, and
 * loads the flags. Scheduled writes run on the thread-default main context
 * of the caller. A damaged flags file is a load problem, not an error.
 */
gboolean
bs_store_open (BsStore   *self,
               gboolean   for_writing,
               GError   **error)
{
  g_autofree char *entries_dir = NULL;
  g_autofree char *icons_dir = NULL;
  g_autofree char *articles_dir = NULL;
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (BS_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->opened, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entries_dir = g_build_filename (self->directory, BS_STORE_ENTRIES_DIR, NULL);
  icons_dir = g_build_filename (self->directory, BS_STORE_ICONS_DIR, NULL);
  articles_dir = g_build_filename (self->directory, BS_STORE_ARTICLES_DIR, NULL);

  if (for_writing)
    {
      const char *dirs[] = { entries_dir, icons_dir, articles_dir };

      for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
        if (g_mkdir_with_parents (dirs[i], 0700) != 0)
          {
            int saved_errno = errno;

            g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                         "Cannot create %s: %s", dirs[i], g_strerror (saved_errno));
            return FALSE;
          }

      if (!_bs_store_take_lock (self, error))
        return FALSE;

      _bs_store_remove_stale_temporaries (self->directory);
      _bs_store_remove_stale_temporaries (entries_dir);
      _bs_store_remove_stale_temporaries (icons_dir);
      _bs_store_remove_stale_temporaries (articles_dir);
    }

  self->opened = TRUE;
  self->writable = for_writing;
  self->context = g_main_context_ref_thread_default ();
  _bs_store_articles_open (self);

  payload = load_file (self, BS_STORE_FLAGS_FILE, BS_STORE_MAGIC_FLAGS, TRUE, &local);
  if (payload != NULL)
    {
      GHashTable *flags = _bs_store_flags_from_payload (payload, NULL);

      g_hash_table_unref (self->flags);
      self->flags = flags;
    }
  else if (local != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  "Cannot open the store in %s: ", self->directory);
      bs_store_close (self, NULL);
      return FALSE;
    }

  if (for_writing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRITABLE]);

  return TRUE;
}

/**
 * bs_store_close:
 * @self: a store
 * @error: the first failure to save
 *
 * Flushes the store and releases the lock. A background write already
 * handed to the worker still reports back with ::saved.
 *
 * Returns: whether everything was saved
 */
gboolean
bs_store_close (BsStore   *self,
                GError   **error)
{
  gboolean ok = TRUE;
  gboolean was_writable;

  g_return_val_if_fail (BS_IS_STORE (self), FALSE);

  if (!self->opened)
    return TRUE;

  ok = bs_store_flush (self, error);

  was_writable = self->writable;
  if (self->lock_fd >= 0)
    {
      g_close (self->lock_fd, NULL);
      self->lock_fd = -1;
    }
  self->opened = FALSE;
  self->writable = FALSE;
  g_hash_table_remove_all (self->flags);
  g_hash_table_remove_all (self->blocked);
  g_hash_table_remove_all (self->articles);
  g_hash_table_remove_all (self->article_files);
  g_hash_table_remove_all (self->article_prunes);

  if (was_writable)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRITABLE]);

  return ok;
}

/**
 * bs_store_load_sources:
 * @self: an open store
 * @error: a G_FILE_ERROR when sources.gvariant exists but cannot be read
 *
 * The subscriptions as saved, in order. A damaged file is reported (see
 * bs_store_get_load_problems()) and gives no sources.
 *
 * Returns: (transfer container) (element-type BsSource): the sources
 */
GPtrArray *
bs_store_load_sources (BsStore  *self,
                       GError  **error)
{
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GError) local = NULL;
  GPtrArray *sources;

  g_return_val_if_fail (BS_IS_STORE (self), NULL);
  g_return_val_if_fail (self->opened, NULL);

  payload = load_file (self, BS_STORE_SOURCES_FILE, BS_STORE_MAGIC_SOURCES, TRUE, &local);
  if (payload == NULL && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  if (payload == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  sources = _bs_store_sources_from_payload (payload, &local);
  if (sources == NULL)
    {
      report_problem (self, BS_STORE_SOURCES_FILE, local);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  return sources;
}

/**
 * bs_store_load_entries:
 * @self: an open store
 * @source_id: a source id
 * @error: BS_STORE_ERROR_INVALID_ID, or a G_FILE_ERROR when the file
 *   exists but cannot be read
 *
 * The entries of one source as they are on disk, with their flags. Their
 * bodies stay in the mapped file until they are read. A damaged file is
 * reported (see bs_store_get_load_problems()) and gives no entries.
 *
 * Returns: (transfer container) (element-type BsEntry): the entries
 */
GPtrArray *
bs_store_load_entries (BsStore     *self,
                       const char  *source_id,
                       GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GError) local = NULL;
  GPtrArray *entries;

  g_return_val_if_fail (BS_IS_STORE (self), NULL);
  g_return_val_if_fail (self->opened, NULL);
  g_return_val_if_fail (source_id != NULL, NULL);

  if (!bs_source_id_is_valid (source_id))
    {
      g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_INVALID_ID,
                   "“%s” is not a valid source id", source_id);
      return NULL;
    }

  name = _bs_store_entries_name (source_id);
  payload = load_file (self, name, BS_STORE_MAGIC_ENTRIES, FALSE, &local);
  if (payload == NULL && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  if (payload == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  entries = _bs_store_entries_from_payload (source_id, payload, self->flags, &local);
  if (entries == NULL)
    {
      report_problem (self, name, local);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  return entries;
}

/**
 * bs_store_get_flags:
 * @self: an open store
 * @source_id: a source id
 * @key: an entry key
 * @read: (out) (optional): whether the entry is read
 * @starred: (out) (optional): whether the entry is starred
 *
 * The flags as the store has them, including changes not written yet.
 *
 * Returns: whether any flag is set
 */
gboolean
bs_store_get_flags (BsStore    *self,
                    const char *source_id,
                    const char *key,
                    gboolean   *read,
                    gboolean   *starred)
{
  GHashTable *source_flags;
  guint bits = 0;

  g_return_val_if_fail (BS_IS_STORE (self), FALSE);
  g_return_val_if_fail (source_id != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  source_flags = g_hash_table_lookup (self->flags, source_id);
  if (source_flags != NULL)
    bits = GPOINTER_TO_UINT (g_hash_table_lookup (source_flags, key));

  if (read != NULL)
    *read = (bits & BS_STORE_FLAG_READ) != 0;
  if (starred != NULL)
    *starred = (bits & BS_STORE_FLAG_STARRED) != 0;

  return bits != 0;
}

/**
 * bs_store_get_load_problems:
 * @self: a store
 *
 * Every file that could not be loaded since the store was created, as
 * BS_STORE_ERROR errors whose messages name the file and say what was done
 * with it (BS_STORE_ERROR_CORRUPT: set aside as *.corrupt;
 * BS_STORE_ERROR_FUTURE_VERSION: left alone).
 *
 * Returns: (transfer none) (element-type GError): the problems
 */
GPtrArray *
bs_store_get_load_problems (BsStore *self)
{
  g_return_val_if_fail (BS_IS_STORE (self), NULL);

  return self->problems;
}

/**
 * bs_store_save_sources:
 * @self: a writable store
 * @sources: (element-type BsSource): every subscription, in order
 *
 * Schedules a write of sources.gvariant with @sources as they are when the
 * write happens (the array is copied, the sources are not).
 */
void
bs_store_save_sources (BsStore   *self,
                       GPtrArray *sources)
{
  g_return_if_fail (BS_IS_STORE (self));
  g_return_if_fail (self->writable);
  g_return_if_fail (sources != NULL);

  g_clear_pointer (&self->pending_sources, g_ptr_array_unref);
  self->pending_sources = copy_objects (sources);
  _bs_store_schedule (self, FALSE);
}

/**
 * bs_store_save_entries:
 * @self: a writable store
 * @source_id: a valid source id
 * @entries: (element-type BsEntry): every entry of the source
 *
 * Schedules a write of entries/@source_id.gvariant with @entries as they
 * are when the write happens. Read and starred are not part of it: see
 * bs_store_set_flags().
 */
void
bs_store_save_entries (BsStore    *self,
                       const char *source_id,
                       GPtrArray  *entries)
{
  g_return_if_fail (BS_IS_STORE (self));
  g_return_if_fail (self->writable);
  g_return_if_fail (bs_source_id_is_valid (source_id));
  g_return_if_fail (entries != NULL);

  g_hash_table_replace (self->pending_entries, g_strdup (source_id), copy_objects (entries));
  _bs_store_schedule (self, TRUE);
  /* the whole articles of entries that are gone go too */
  _bs_store_articles_prune (self, source_id, entries);
}

/**
 * bs_store_set_flags:
 * @self: a writable store
 * @source_id: the entry's source
 * @key: the entry's key
 * @read: whether it is read
 * @starred: whether it is starred
 *
 * Records the flags of an entry and schedules a write of flags.gvariant
 * (only of that file) if they changed.
 */
void
bs_store_set_flags (BsStore    *self,
                    const char *source_id,
                    const char *key,
                    gboolean    read,
                    gboolean    starred)
{
  GHashTable *source_flags;
  guint bits = (read ? BS_STORE_FLAG_READ : 0) | (starred ? BS_STORE_FLAG_STARRED : 0);
  guint old = 0;

  g_return_if_fail (BS_IS_STORE (self));
  g_return_if_fail (self->writable);
  g_return_if_fail (source_id != NULL && g_utf8_validate (source_id, -1, NULL));
  g_return_if_fail (key != NULL && g_utf8_validate (key, -1, NULL));

  source_flags = g_hash_table_lookup (self->flags, source_id);
  if (source_flags != NULL)
    old = GPOINTER_TO_UINT (g_hash_table_lookup (source_flags, key));
  if (old == bits)
    return;

  if (bits == 0)
    {
      g_hash_table_remove (source_flags, key);
      if (g_hash_table_size (source_flags) == 0)
        g_hash_table_remove (self->flags, source_id);
    }
  else
    {
      if (source_flags == NULL)
        {
          source_flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_replace (self->flags, g_strdup (source_id), source_flags);
        }
      g_hash_table_replace (source_flags, g_strdup (key), GUINT_TO_POINTER (bits));
    }

  self->flags_dirty = TRUE;
  _bs_store_schedule (self, FALSE);
}

/**
 * bs_store_remove_source:
 * @self: a writable store
 * @source_id: a valid source id
 *
 * Schedules the removal of the source's entries, icon and articles files
 * and forgets its flags. The caller saves the sources without it.
 */
void
bs_store_remove_source (BsStore    *self,
                        const char *source_id)
{
  g_return_if_fail (BS_IS_STORE (self));
  g_return_if_fail (self->writable);
  g_return_if_fail (bs_source_id_is_valid (source_id));

  g_hash_table_replace (self->pending_entries, g_strdup (source_id), NULL);
  _bs_store_schedule (self, TRUE);
  g_hash_table_replace (self->pending_icons, g_strdup (source_id), NULL);
  _bs_store_schedule (self, FALSE);
  _bs_store_articles_remove (self, source_id);

  if (g_hash_table_remove (self->flags, source_id))
    {
      self->flags_dirty = TRUE;
      _bs_store_schedule (self, FALSE);
    }
}

/**
 * bs_store_load_icon:
 * @self: an open store
 * @source_id: a source id
 * @url: (out) (optional): where the icon was found
 * @mime_type: (out) (optional): its MIME type
 * @error: BS_STORE_ERROR_INVALID_ID, or a G_FILE_ERROR when the file exists
 *   but cannot be read
 *
 * The source's icon as last saved (a change not written yet included). No
 * icon is not an error: NULL is returned and @error is left alone. A
 * damaged file is set aside and reported like any other (see
 * bs_store_get_load_problems()) and reads as no icon.
 *
 * Returns: (transfer full) (nullable): the icon's bytes
 */
GBytes *
bs_store_load_icon (BsStore     *self,
                    const char  *source_id,
                    char       **url,
                    char       **mime_type,
                    GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GError) local = NULL;
  GVariant *pending;
  GBytes *bytes;

  g_return_val_if_fail (BS_IS_STORE (self), NULL);
  g_return_val_if_fail (self->opened, NULL);
  g_return_val_if_fail (source_id != NULL, NULL);

  if (!bs_source_id_is_valid (source_id))
    {
      g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_INVALID_ID,
                   "“%s” is not a valid source id", source_id);
      return NULL;
    }

  name = _bs_store_icon_name (source_id);
  if (g_hash_table_lookup_extended (self->pending_icons, source_id, NULL, (gpointer *) &pending))
    {
      g_autoptr(GVariant) wrapped = NULL;

      if (pending == NULL)
        return NULL;
      wrapped = g_variant_get_child_value (pending, 2);
      payload = g_variant_get_variant (wrapped);
    }
  else
    {
      payload = load_file (self, name, BS_STORE_MAGIC_ICON, TRUE, &local);
      if (payload == NULL && local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (payload == NULL)
        return NULL;
    }

  bytes = _bs_store_icon_from_payload (source_id, payload, url, mime_type, &local);
  if (bytes == NULL)
    report_problem (self, name, local);

  return bytes;
}

/**
 * bs_store_save_icon:
 * @self: a writable store
 * @source_id: a valid source id
 * @url: (nullable): where the icon was found
 * @mime_type: (nullable): its MIME type
 * @data: (nullable): the icon, or NULL to remove it
 *
 * Schedules a write of icons/@source_id.gvariant, with the flags and the
 * sources file. Icons are replaced whole and rarely.
 */
void
bs_store_save_icon (BsStore    *self,
                    const char *source_id,
                    const char *url,
                    const char *mime_type,
                    GBytes     *data)
{
  GVariant *file = NULL;

  g_return_if_fail (BS_IS_STORE (self));
  g_return_if_fail (self->writable);
  g_return_if_fail (bs_source_id_is_valid (source_id));
  g_return_if_fail (data == NULL || (url != NULL && g_utf8_validate (url, -1, NULL)));
  g_return_if_fail (data == NULL || (mime_type != NULL && mime_type[0] != '\0'
                                     && g_utf8_validate (mime_type, -1, NULL)));
  g_return_if_fail (data == NULL || g_bytes_get_size (data) > 0);

  if (data != NULL)
    file = g_variant_ref_sink (_bs_store_icon_to_file (source_id, url, mime_type, data));
  g_hash_table_replace (self->pending_icons, g_strdup (source_id), file);
  _bs_store_schedule (self, FALSE);
}

/**
 * bs_store_flush:
 * @self: a store
 * @error: the first failure
 *
 * Writes every pending change now, synchronously, after any write in
 * progress. ::saved is emitted for the files written here before it
 * returns. Nothing to do for a store that is not writable.
 *
 * Returns: whether everything pending is on disk
 */
gboolean
bs_store_flush (BsStore   *self,
                GError   **error)
{
  g_return_val_if_fail (BS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->writable)
    return TRUE;

  return _bs_store_flush_all (self, error);
}
