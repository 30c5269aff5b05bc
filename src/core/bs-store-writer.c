/* bs-store-writer.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-store"

#include "config.h"

#include "bs-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

/* How the store writes (see also the header):
 *
 * Changes are recorded on the main context: the flags table is the state
 * itself, sources and entries are kept as arrays of references. When a
 * coalescing timer fires, the changes of its files are turned into GVariant
 * values (cheap: bodies loaded from the store are the mapped records
 * themselves) and handed, as one BsStoreWriteJob, to a worker thread, which
 * serialises and writes them. There is at most one job in flight; changes
 * that become due meanwhile wait for it to finish.
 *
 * io_lock is held by whoever executes a job. bs_store_flush() takes it, so
 * it waits for a write in progress, and executes the job in flight itself
 * if the worker has not started it yet: files are therefore always written
 * in the order the changes were made. A failed write is retried by the next
 * job unless a newer version of the same file was collected since.
 *
 * A job writes every file to a temporary file, which is synced and renamed
 * over the file, then syncs each directory once: a file is reported saved
 * only after that, when both its contents and its name are on disk. */

void
_bs_store_write_item_free (BsStoreWriteItem *item)
{
  g_free (item->name);
  g_free (item->path);
  g_clear_pointer (&item->value, g_variant_unref);
  g_clear_error (&item->error);
  g_free (item);
}

static void
write_job_free (BsStoreWriteJob *job)
{
  g_ptr_array_unref (job->items);
  g_free (job);
}

char *
_bs_store_entries_name (const char *source_id)
{
  return g_strconcat (BS_STORE_ENTRIES_DIR "/", source_id, ".gvariant", NULL);
}

char *
_bs_store_icon_name (const char *source_id)
{
  return g_strconcat (BS_STORE_ICONS_DIR "/", source_id, ".gvariant", NULL);
}

static gboolean
fsync_directory (const char  *path,
                 GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    return g_close (fd, error);

  saved_errno = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "Cannot sync %s: %s", path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
set_file_error (GError     **error,
                const char  *format,
                const char  *path)
{
  int saved_errno = errno;

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               format, path, g_strerror (saved_errno));
  return FALSE;
}

/* Replaces @path with @data atomically: the data goes to a synced
 * temporary file (PATH.XXXXXX, which opening the store removes if a crash
 * leaves it) that is then renamed over @path. Like
 * g_file_set_contents_full() with CONSISTENT | DURABLE, except for the
 * directory, which the caller syncs once for all the files of a job. */
static gboolean
replace_file (const char  *path,
              const char  *data,
              gsize        size,
              GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gsize done = 0;
  int fd;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_file_error (error, "Cannot create a file next to %s: %s", path);

  while (done < size)
    {
      gssize n = write (fd, data + done, MIN (size - done, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          goto fail;
        }
      done += n;
    }

  if (fsync (fd) != 0)
    goto fail;
  if (!g_close (fd, NULL))
    {
      fd = -1;
      goto fail;
    }
  fd = -1;

  if (g_rename (tmp, path) != 0)
    goto fail;
  return TRUE;

fail:
  set_file_error (error, "Cannot write %s: %s", path);
  if (fd >= 0)
    g_close (fd, NULL);
  g_unlink (tmp);
  return FALSE;
}

/* Writes (or removes) the file of one item; the failure goes in the item. */
static void
run_item (BsStoreWriteItem *item)
{
  if (item->error != NULL)
    return;

  if (item->value == NULL)
    {
      if (g_unlink (item->path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (&item->error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "Cannot remove %s: %s", item->path, g_strerror (saved_errno));
        }
    }
  else
    {
      g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (item->value);

      replace_file (item->path, g_bytes_get_data (bytes, NULL),
                    g_bytes_get_size (bytes), &item->error);
    }
}

/* The threads that write the files of one job. Each file is synced
 * before it is renamed, and a sync waits for the disk, not the CPU: on one
 * thread, the first refresh of the benchmark corpus wrote its 500 files
 * one wait after another, fell behind the merges (more entries waiting in
 * memory) and left a backlog that closing the store wrote while nothing
 * else ran. Two overlap the waits; more only contend for the directory's
 * lock while creating files. */
#define JOB_WRITERS 2

/* The items of a job, shared by the threads writing them. */
typedef struct {
  BsStoreWriteJob *job;
  int              next;  /* atomic: the index of the next item to take */
} JobRun;

static gpointer
job_run_thread (gpointer data)
{
  JobRun *run = data;
  int i;

  while ((i = g_atomic_int_add (&run->next, 1)) < (int) run->job->items->len)
    run_item (g_ptr_array_index (run->job->items, i));
  return NULL;
}

/* Executes a job, in the worker or in bs_store_flush(); io_lock held.
 * The files are distinct, so they are written in parallel; each is
 * reported saved only once every directory is synced, as before. */
static void
run_job (BsStoreWriteJob *job)
{
  g_autoptr(GHashTable) dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GThread *helpers[JOB_WRITERS - 1] = { NULL, };
  JobRun run = { job, 0 };
  GHashTableIter iter;
  gpointer dir;

  g_assert (!job->executed);
  job->executed = TRUE;

  /* a helper that cannot start leaves its share to the others */
  for (guint i = 0; i < G_N_ELEMENTS (helpers) && i + 1 < job->items->len; i++)
    helpers[i] = g_thread_try_new ("bs-store-write", job_run_thread, &run, NULL);
  job_run_thread (&run);
  for (guint i = 0; i < G_N_ELEMENTS (helpers); i++)
    if (helpers[i] != NULL)
      g_thread_join (helpers[i]);

  for (guint i = 0; i < job->items->len; i++)
    {
      BsStoreWriteItem *item = g_ptr_array_index (job->items, i);

      if (item->error == NULL)
        g_hash_table_add (dirs, g_path_get_dirname (item->path));
    }

  /* The renames are durable once their directories are. */
  g_hash_table_iter_init (&iter, dirs);
  while (g_hash_table_iter_next (&iter, &dir, NULL))
    {
      g_autoptr(GError) error = NULL;

      if (fsync_directory (dir, &error))
        continue;

      for (guint i = 0; i < job->items->len; i++)
        {
          BsStoreWriteItem *item = g_ptr_array_index (job->items, i);
          g_autofree char *item_dir = g_path_get_dirname (item->path);

          if (item->error == NULL && strcmp (item_dir, dir) == 0)
            item->error = g_error_copy (error);
        }
    }
}

static void
add_item (BsStore    *self,
          BsStoreWriteJob   *job,
          const char *name,
          GVariant   *value)
{
  BsStoreWriteItem *item = g_new0 (BsStoreWriteItem, 1);
  guint64 *seq = g_new (guint64, 1);

  item->name = g_strdup (name);
  item->path = g_build_filename (self->directory, name, NULL);
  item->value = value != NULL ? g_variant_ref_sink (value) : NULL;
  item->seq = *seq = ++self->seq;
  g_hash_table_replace (self->latest_seq, g_strdup (name), seq);
  g_hash_table_remove (self->retry, name);

  if (g_hash_table_contains (self->blocked, name))
    g_set_error (&item->error, BS_STORE_ERROR, BS_STORE_ERROR_FUTURE_VERSION,
                 "%s was written by a newer version of Broadsheet; not overwriting it",
                 item->path);

  g_ptr_array_add (job->items, item);
}

/* The most entries files, in serialised bytes, that one job takes. Their
 * GVariant values copy every string of the entries: a job holding the
 * files of a whole first refresh (the 500-feed benchmark corpus) doubled
 * the memory the entries take, +100 MB at the peak. Files beyond the
 * budget stay pending for the next job; flush writes job after job. */
#define JOB_ENTRIES_BUDGET (4 * 1024 * 1024)

/* Turns the pending changes of the due files into a job, or NULL. Takes
 * entries files until JOB_ENTRIES_BUDGET is reached (at least one). */
static BsStoreWriteJob *
collect (BsStore  *self,
         gboolean  small,
         gboolean  entries,
         gboolean  retries)
{
  BsStoreWriteJob *job = g_new0 (BsStoreWriteJob, 1);
  GHashTableIter iter;
  gpointer key, value;

  job->items = g_ptr_array_new_with_free_func ((GDestroyNotify) _bs_store_write_item_free);

  if (small && self->flags_dirty)
    {
      add_item (self, job, BS_STORE_FLAGS_FILE, _bs_store_flags_to_file (self->flags));
      self->flags_dirty = FALSE;
    }

  if (small && self->pending_sources != NULL)
    {
      add_item (self, job, BS_STORE_SOURCES_FILE,
                _bs_store_sources_to_file (self->pending_sources));
      g_clear_pointer (&self->pending_sources, g_ptr_array_unref);
    }

  g_hash_table_iter_init (&iter, self->pending_icons);
  while (small && g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *name = _bs_store_icon_name (key);

      add_item (self, job, name, value);
      g_hash_table_iter_remove (&iter);
    }

  g_hash_table_iter_init (&iter, self->pending_articles);
  while (small && g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *name = _bs_store_articles_name (key);

      add_item (self, job, name, _bs_store_articles_to_file (self, key));
      g_hash_table_iter_remove (&iter);
    }

  if (entries)
    {
      gsize size = 0;

      g_hash_table_iter_init (&iter, self->pending_entries);
      while (size < JOB_ENTRIES_BUDGET &&
             g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *name = _bs_store_entries_name (key);
          GVariant *file = value != NULL ? _bs_store_entries_to_file (key, value) : NULL;

          if (file != NULL)
            size += g_variant_get_size (file);
          add_item (self, job, name, file);
          g_hash_table_iter_remove (&iter);
        }
    }

  /* Earlier failures that nothing newer replaced. */
  g_hash_table_iter_init (&iter, self->retry);
  while (retries && g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (job->items, value);
      g_hash_table_iter_steal (&iter);
    }

  if (job->items->len == 0)
    g_clear_pointer (&job, write_job_free);

  return job;
}

/* Reports a job's outcome on the main context. Sets *first_error to the
 * first failure, if first_error is not NULL. */
static void
finish_job (BsStore   *self,
            BsStoreWriteJob  *job,
            GError   **first_error)
{
  for (guint i = 0; i < job->items->len; i++)
    {
      BsStoreWriteItem *item = g_ptr_array_index (job->items, i);
      guint64 *latest;

      if (item->error == NULL)
        {
          g_signal_emit_by_name (self, "saved", item->name);
          continue;
        }

      g_debug ("%s", item->error->message);
      if (first_error != NULL && *first_error == NULL)
        *first_error = g_error_copy (item->error);
      g_signal_emit_by_name (self, "save-failed", item->name, item->error);

      /* Retried with the next job, unless something newer was collected
       * or the file is not ours to write. */
      latest = g_hash_table_lookup (self->latest_seq, item->name);
      if (!g_error_matches (item->error, BS_STORE_ERROR, BS_STORE_ERROR_FUTURE_VERSION)
          && latest != NULL && *latest == item->seq)
        {
          BsStoreWriteItem *again = g_new0 (BsStoreWriteItem, 1);

          again->name = g_strdup (item->name);
          again->path = g_strdup (item->path);
          again->value = item->value != NULL ? g_variant_ref (item->value) : NULL;
          again->seq = item->seq;
          g_hash_table_replace (self->retry, g_strdup (item->name), again);
        }
    }
}

static void try_dispatch (BsStore *self);

static void
write_job_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BsStore *self = source_object;
  BsStoreWriteJob *job = task_data;

  g_mutex_lock (&self->io_lock);
  if (!job->executed)
    run_job (job);
  g_mutex_unlock (&self->io_lock);

  g_task_return_boolean (task, TRUE);
}

static void
write_job_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BsStore *self = BS_STORE (object);
  BsStoreWriteJob *job = g_task_get_task_data (G_TASK (result));

  g_assert (self->inflight == job);
  self->inflight = NULL;

  finish_job (self, job, NULL);
  try_dispatch (self);
}

static void
try_dispatch (BsStore *self)
{
  g_autoptr(GTask) task = NULL;
  BsStoreWriteJob *job;

  if (self->inflight != NULL || !self->writable)
    return;

  job = collect (self, self->small_due, self->entries_due, TRUE);
  self->small_due = FALSE;
  /* what the budget left waits for the next job, not for a new window */
  self->entries_due = self->entries_due && g_hash_table_size (self->pending_entries) > 0;
  if (job == NULL)
    return;

  task = g_task_new (self, NULL, write_job_done_cb, NULL);
  g_task_set_source_tag (task, try_dispatch);
  g_task_set_name (task, "[broadsheet] store write");
  /* GTask's pool runs the newest of equal tasks first: during a refresh
   * the write would wait until no feed is left to parse. */
  g_task_set_priority (task, G_PRIORITY_HIGH);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  self->inflight = job;
  g_task_run_in_thread (task, write_job_thread);
}

static gboolean
small_timeout_cb (gpointer data)
{
  BsStore *self = data;

  g_clear_pointer (&self->small_timer, g_source_unref);
  self->small_due = TRUE;
  try_dispatch (self);
  return G_SOURCE_REMOVE;
}

static gboolean
entries_timeout_cb (gpointer data)
{
  BsStore *self = data;

  g_clear_pointer (&self->entries_timer, g_source_unref);
  self->entries_due = TRUE;
  try_dispatch (self);
  return G_SOURCE_REMOVE;
}

/* Starts the coalescing window of a group of files, unless it is running
 * or already over (then the change joins the write that is waiting). */
void
_bs_store_schedule (BsStore  *self,
                    gboolean  entries)
{
  GSource **timer = entries ? &self->entries_timer : &self->small_timer;
  gboolean due = entries ? self->entries_due : self->small_due;

  if (*timer != NULL || due)
    return;

  *timer = g_timeout_source_new (entries ? self->entries_save_delay : self->save_delay);
  g_source_set_callback (*timer, entries ? entries_timeout_cb : small_timeout_cb, self, NULL);
  g_source_set_static_name (*timer, "[broadsheet] store coalescing");
  g_source_attach (*timer, self->context);
}

static void
cancel_timer (GSource **timer)
{
  if (*timer == NULL)
    return;
  g_source_destroy (*timer);
  g_clear_pointer (timer, g_source_unref);
}

/* Drops what was not written: for dispose, after the last flush. */
void
_bs_store_forget_pending (BsStore *self)
{
  cancel_timer (&self->small_timer);
  cancel_timer (&self->entries_timer);
  g_clear_pointer (&self->pending_sources, g_ptr_array_unref);
  g_hash_table_remove_all (self->pending_entries);
  g_hash_table_remove_all (self->pending_icons);
  g_hash_table_remove_all (self->pending_articles);
  g_hash_table_remove_all (self->retry);
}

/* A job that bs_store_flush() has a thread write. */
typedef struct {
  BsStore         *store;
  BsStoreWriteJob *job;
} FlushWrite;

static gpointer
flush_job_thread (gpointer data)
{
  FlushWrite *writing = data;

  g_mutex_lock (&writing->store->io_lock);
  run_job (writing->job);
  g_mutex_unlock (&writing->store->io_lock);
  return NULL;
}

/* bs_store_flush() of a writable store. */
gboolean
_bs_store_flush_all (BsStore  *self,
                     GError  **error)
{
  g_autoptr(GError) first_error = NULL;
  BsStoreWriteJob *job;
  FlushWrite writing = { self, NULL };
  GThread *writer = NULL;

  g_assert (self->writable);

  cancel_timer (&self->small_timer);
  cancel_timer (&self->entries_timer);
  self->small_due = FALSE;
  self->entries_due = FALSE;

  g_mutex_lock (&self->io_lock);
  if (self->inflight != NULL)
    {
      if (!self->inflight->executed)
        run_job (self->inflight);

      for (guint i = 0; i < self->inflight->items->len && first_error == NULL; i++)
        {
          BsStoreWriteItem *item = g_ptr_array_index (self->inflight->items, i);

          if (item->error != NULL)
            first_error = g_error_copy (item->error);
        }
    }
  g_mutex_unlock (&self->io_lock);

  /* Job after job, each within the budget; earlier failures are retried
   * by the first only, so a file failing now is tried once. A thread
   * writes each job while this one collects the next: one job is written
   * at a time, in order, and at most two are in memory. */
  for (gboolean small = TRUE;; small = FALSE)
    {
      job = collect (self, small, TRUE, small);

      if (writer != NULL)
        {
          g_thread_join (g_steal_pointer (&writer));
          finish_job (self, writing.job, first_error == NULL ? &first_error : NULL);
          g_clear_pointer (&writing.job, write_job_free);
        }
      if (job == NULL)
        break;

      writing.job = job;
      writer = g_thread_new ("bs-store-flush", flush_job_thread, &writing);
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

/* Takes DIR/lock; the PID written in it names the holder to others. */
gboolean
_bs_store_take_lock (BsStore  *self,
                     GError  **error)
{
  g_autofree char *path = g_build_filename (self->directory, "lock", NULL);
  g_autofree char *pid = NULL;
  int fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot open %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  /* flock() locks belong to the open file, so a second store in this
   * process conflicts too, and the kernel drops the lock if we die. */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;
      char buf[32] = { 0 };
      gint64 holder = 0;

      if (saved_errno == EWOULDBLOCK)
        {
          if (pread (fd, buf, sizeof buf - 1, 0) > 0)
            holder = g_ascii_strtoll (buf, NULL, 10);
          if (holder > 0)
            g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_LOCKED,
                         "The store in %s is in use by another process (PID %" G_GINT64_FORMAT ")",
                         self->directory, holder);
          else
            g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_LOCKED,
                         "The store in %s is in use by another process",
                         self->directory);
        }
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                     "Cannot lock %s: %s", path, g_strerror (saved_errno));

      g_close (fd, NULL);
      return FALSE;
    }

  pid = g_strdup_printf ("%d\n", (int) getpid ());
  if (ftruncate (fd, 0) != 0 || pwrite (fd, pid, strlen (pid), 0) < 0)
    g_debug ("Cannot write the PID to %s: %s", path, g_strerror (errno));

  self->lock_fd = fd;
  return TRUE;
}

/* Removes the temporary files of writes that a crash interrupted:
 * replace_file() writes NAME.XXXXXX next to NAME. */
void
_bs_store_remove_stale_temporaries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *ext = strstr (name, ".gvariant.");
      g_autofree char *path = NULL;
      gboolean temporary;

      if (ext == NULL)
        continue;
      ext += strlen (".gvariant.");
      temporary = strlen (ext) == 6;
      for (int i = 0; temporary && ext[i] != '\0'; i++)
        temporary = g_ascii_isalnum (ext[i]);
      if (!temporary)
        continue;

      path = g_build_filename (dir_path, name, NULL);
      if (g_unlink (path) != 0)
        g_debug ("Cannot remove %s: %s", path, g_strerror (errno));
    }
}
