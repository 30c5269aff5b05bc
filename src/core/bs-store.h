/* bs-store.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bs-full-article.h"
#include "bs-types.h"

G_BEGIN_DECLS

/* BsStore: the user's subscriptions, articles and flags on disk.
 *
 * Under one directory ($XDG_DATA_HOME/broadsheet by default):
 *
 *   sources.gvariant              the subscriptions and their fetch state
 *   entries/<source-id>.gvariant  the entries of one source
 *   icons/<source-id>.gvariant    the icon of one source
 *   articles/<source-id>.gvariant the whole articles reader mode saved
 *   flags.gvariant                read and starred flags
 *   lock                          held while a process writes the store
 *
 * The format is described in bs-store-private.h. Loading maps the files and
 * leaves article bodies in the mapping until they are read.
 *
 * Writing. bs_store_save_sources(), bs_store_save_entries(),
 * bs_store_set_flags(), bs_store_save_icon(), bs_store_save_full_article()
 * and bs_store_remove_source()
 * only record the change and schedule a write on the thread-default main
 * context of the caller of bs_store_open(). Changes are coalesced: the
 * first change to a file starts a timer, every change until it fires joins
 * the same write. Flags, the sources file and icons wait "save-delay"
 * milliseconds (2 s by default), so do articles files; entries files
 * "entries-save-delay" (5 s):
 * a change reaches the disk at most that
 * long after it was made, plus the time to write. Files are serialised and
 * written in a worker thread, one write job at a time, each file atomically
 * and durably (a temporary file, fsync, rename, then fsync of the
 * directory), mode 0600. "saved" is emitted on the main context for every
 * file written or removed, "save-failed" when a write failed (the change
 * stays pending and bs_store_flush() retries it). bs_store_flush() writes
 * everything pending synchronously, after any write in progress; call it
 * before quitting. bs_store_close() flushes and releases the lock.
 *
 * Damage. A file that cannot be read (truncated, garbage, wrong magic,
 * wrong type) is renamed to NAME.corrupt (or NAME.corrupt.N), reported with
 * BS_STORE_ERROR_CORRUPT, and treated as empty; the rest of the store
 * loads. A file written by a newer version of Broadsheet is reported with
 * BS_STORE_ERROR_FUTURE_VERSION and left exactly as it is: the store
 * treats it as empty and refuses to write over it (saves of that file fail
 * with the same error). Problems are collected in
 * bs_store_get_load_problems() and announced with "load-problem".
 *
 * One writer. bs_store_open (store, TRUE, …) takes an advisory lock on
 * DIR/lock; a second writer, in this process or another, gets
 * BS_STORE_ERROR_LOCKED. A store opened read-only takes no lock, never
 * writes and never renames damaged files; it may see the files of a writer
 * change between two loads, but never a half-written one.
 *
 * Entries do not know about the store: their owner saves them and passes
 * flag changes with bs_store_set_flags(), and clears the flags of entries
 * it drops for good (bs_store_set_flags (…, FALSE, FALSE)). */

#define BS_TYPE_STORE (bs_store_get_type ())

G_DECLARE_FINAL_TYPE (BsStore, bs_store, BS, STORE, GObject)

#define BS_STORE_ERROR (bs_store_error_quark ())

typedef enum {
  BS_STORE_ERROR_LOCKED,          /* another writer holds the store */
  BS_STORE_ERROR_CORRUPT,         /* a damaged file, set aside */
  BS_STORE_ERROR_FUTURE_VERSION,  /* a file of a newer format, left alone */
  BS_STORE_ERROR_INVALID_ID,      /* not a valid source id */
} BsStoreError;

/* Default coalescing windows, in milliseconds. */
#define BS_STORE_DEFAULT_SAVE_DELAY          2000
#define BS_STORE_DEFAULT_ENTRIES_SAVE_DELAY  5000

GQuark bs_store_error_quark (void);

BsStore    *bs_store_new                    (const char *directory);
const char *bs_store_get_directory          (BsStore    *self);
guint       bs_store_get_save_delay         (BsStore    *self);
void        bs_store_set_save_delay         (BsStore    *self,
                                             guint       msec);
guint       bs_store_get_entries_save_delay (BsStore    *self);
void        bs_store_set_entries_save_delay (BsStore    *self,
                                             guint       msec);
gboolean    bs_store_get_writable           (BsStore    *self);

gboolean bs_store_open  (BsStore   *self,
                         gboolean   for_writing,
                         GError   **error);
gboolean bs_store_close (BsStore   *self,
                         GError   **error);

GPtrArray *bs_store_load_sources      (BsStore     *self,
                                       GError     **error);
GPtrArray *bs_store_load_entries      (BsStore     *self,
                                       const char  *source_id,
                                       GError     **error);
gboolean   bs_store_get_flags         (BsStore     *self,
                                       const char  *source_id,
                                       const char  *key,
                                       gboolean    *read,
                                       gboolean    *starred);
GPtrArray *bs_store_get_load_problems (BsStore     *self);

void     bs_store_save_sources  (BsStore     *self,
                                 GPtrArray   *sources);
void     bs_store_save_entries  (BsStore     *self,
                                 const char  *source_id,
                                 GPtrArray   *entries);
void     bs_store_set_flags     (BsStore     *self,
                                 const char  *source_id,
                                 const char  *key,
                                 gboolean     read,
                                 gboolean     starred);
void     bs_store_remove_source (BsStore     *self,
                                 const char  *source_id);
GBytes  *bs_store_load_icon     (BsStore     *self,
                                 const char  *source_id,
                                 char       **url,
                                 char       **mime_type,
                                 GError     **error);
void     bs_store_save_icon     (BsStore     *self,
                                 const char  *source_id,
                                 const char  *url,
                                 const char  *mime_type,
                                 GBytes      *data);
gboolean bs_store_flush         (BsStore     *self,
                                 GError     **error);

BsFullArticle *bs_store_load_full_article (BsStore        *self,
                                           const char     *source_id,
                                           const char     *key,
                                           GError        **error);
gboolean       bs_store_save_full_article (BsStore        *self,
                                           const char     *source_id,
                                           const char     *key,
                                           BsFullArticle  *article,
                                           GError        **error);
GVariant      *bs_store_dup_full_articles (BsStore        *self,
                                           const char     *source_id,
                                           GError        **error);
void           bs_store_restore_full_articles (BsStore    *self,
                                               const char *source_id,
                                               GVariant   *articles);

G_END_DECLS
