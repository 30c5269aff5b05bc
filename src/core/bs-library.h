/* bs-library.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bs-entry.h"
#include "bs-entry-list.h"
#include "bs-feed.h"
#include "bs-folder.h"
#include "bs-source.h"
#include "bs-store.h"
#include "bs-types.h"

G_BEGIN_DECLS

/* BsLibrary: every subscription and every article, and what the user does
 * with them. The app and the CLI go through it; it persists through the
 * BsStore it is given (opened by the caller, writable for any change).
 *
 * Models. Sources (bs_library_get_sources()) are sorted by folder (sources
 * without a folder last), then display title. Entry models are BsEntryList
 * models of BsEntry, newest first: by published date, else updated, else
 * first-seen (ties by source id, then key). They change (items-changed)
 * when entries are merged, removed, read, starred, or moved with their
 * source. An entry model that outlives its library becomes empty.
 *
 * Flags. Change read and starred through the library
 * (bs_library_set_read(), bs_library_set_starred()), never with
 * bs_entry_set_read() directly: the library keeps the models, the unread
 * counts and the store in step.
 *
 * Duplicates. The same article reached through two sources (a Planet and
 * the author's blog) is recognised by its normalised link
 * (bs_library_normalize_link()) or, failing that, by the same folded title
 * (at least 8 characters) and published dates less than a day apart. One
 * of them is shown (bs_library_get_duplicate_of() is NULL for it), chosen
 * in this order: the entry whose source's site has the host of the link
 * (the author's own blog), the older subscription, the one seen first. The
 * all, unread, folder and search models hide the others; the starred
 * model and the model of one source show everything. Marking an entry
 * read or unread does the same to its duplicates, and a new entry whose
 * duplicate is already read arrives read.
 *
 * Unread counts. BsSource:unread-count counts the unread entries of the
 * source, BsFolder:unread-count the sum over its sources, and
 * BsLibrary:total-unread the unread entries not hidden as duplicates (the
 * length of the unread model). They are adjusted entry by entry, never
 * recounted.
 *
 * Search. bs_library_search() finds the entries that have every word of a
 * query in their title or text, ignoring case and accents (bs-search.h),
 * fast enough for every keystroke. It needs the text of every entry, built
 * once and kept: for a library loaded from the store that costs about
 * 50 µs of CPU an entry (seconds for 100,000), which the first search
 * would otherwise pay. bs_library_prepare_search_async() builds it in the
 * background of the main loop, in slices of a few milliseconds; call it
 * once the library is loaded. A search before it finished gives the same
 * results, building what is still missing. */

#define BS_TYPE_LIBRARY (bs_library_get_type ())
#define BS_TYPE_REMOVED_SOURCE (bs_removed_source_get_type ())

G_DECLARE_FINAL_TYPE (BsLibrary, bs_library, BS, LIBRARY, GObject)

#define BS_LIBRARY_ERROR (bs_library_error_quark ())

typedef enum {
  BS_LIBRARY_ERROR_EXISTS,     /* a source with this id or feed URL is there */
  BS_LIBRARY_ERROR_NOT_LOADED, /* bs_library_load() did not succeed */
} BsLibraryError;

/* What bs_library_merge_feed() did. */
typedef struct {
  guint n_new;        /* entries added, unread unless a duplicate was read */
  guint n_updated;    /* known entries whose fields changed */
  guint n_unchanged;  /* known entries the same as before */
} BsMergeResult;

/* What bs_library_apply_retention() may remove; 0 means no limit. */
typedef struct {
  guint    max_age_days;    /* entries older than this (by their date) */
  guint    max_per_source;  /* entries past the newest N of a source */
  gboolean remove_unread;   /* whether unread entries may go (default no) */
} BsRetentionPolicy;

/* A removed source and its entries and flags, for an undo. */
typedef struct _BsRemovedSource BsRemovedSource;

GQuark           bs_library_error_quark    (void);
GType            bs_removed_source_get_type (void) G_GNUC_CONST;
BsSource        *bs_removed_source_get_source (BsRemovedSource *removed);
void             bs_removed_source_free    (BsRemovedSource *removed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsRemovedSource, bs_removed_source_free)

char       *bs_library_normalize_link    (const char         *link);

BsLibrary  *bs_library_new               (BsStore            *store);
BsStore    *bs_library_get_store         (BsLibrary          *self);
gboolean    bs_library_load              (BsLibrary          *self,
                                          GError            **error);
guint       bs_library_get_total_unread  (BsLibrary          *self);

GListModel *bs_library_get_sources       (BsLibrary          *self);
GListModel *bs_library_get_folders       (BsLibrary          *self);
BsSource   *bs_library_lookup_source     (BsLibrary          *self,
                                          const char         *id);
BsEntry    *bs_library_lookup_entry      (BsLibrary          *self,
                                          const char         *source_id,
                                          const char         *key);
BsEntry    *bs_library_get_duplicate_of  (BsLibrary          *self,
                                          BsEntry            *entry);

GListModel *bs_library_get_all_entries     (BsLibrary        *self);
GListModel *bs_library_get_unread_entries  (BsLibrary        *self);
GListModel *bs_library_get_starred_entries (BsLibrary        *self);
GListModel *bs_library_get_source_entries  (BsLibrary        *self,
                                            BsSource         *source);
GListModel *bs_library_get_folder_entries  (BsLibrary        *self,
                                            const char       *folder);
GListModel *bs_library_search              (BsLibrary        *self,
                                            const char       *query);
void        bs_library_prepare_search_async  (BsLibrary           *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    bs_library_prepare_search_finish (BsLibrary           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

gboolean         bs_library_add_source     (BsLibrary        *self,
                                            BsSource         *source,
                                            GError          **error);
BsRemovedSource *bs_library_remove_source  (BsLibrary        *self,
                                            BsSource         *source);
gboolean         bs_library_restore_source (BsLibrary        *self,
                                            BsRemovedSource  *removed,
                                            GError          **error);
void             bs_library_rename_source  (BsLibrary        *self,
                                            BsSource         *source,
                                            const char       *custom_title);
void             bs_library_move_source    (BsLibrary        *self,
                                            BsSource         *source,
                                            const char       *folder);
void             bs_library_rename_folder  (BsLibrary        *self,
                                            const char       *folder,
                                            const char       *new_name);
void             bs_library_save_sources   (BsLibrary        *self);

BsSource        *bs_library_find_source_by_url (BsLibrary    *self,
                                                const char   *feed_url);
BsSource        *bs_library_new_source         (BsLibrary    *self,
                                                const char   *feed_url);
GPtrArray       *bs_library_import_outlines    (BsLibrary    *self,
                                                GPtrArray    *outlines,
                                                guint        *n_existing,
                                                GError      **error);
GPtrArray       *bs_library_export_outlines    (BsLibrary    *self);

void  bs_library_set_read              (BsLibrary  *self,
                                        BsEntry    *entry,
                                        gboolean    read);
void  bs_library_set_starred           (BsLibrary  *self,
                                        BsEntry    *entry,
                                        gboolean    starred);
guint bs_library_mark_source_read      (BsLibrary  *self,
                                        BsSource   *source);
guint bs_library_mark_folder_read      (BsLibrary  *self,
                                        const char *folder);
guint bs_library_mark_all_read         (BsLibrary  *self);

gboolean bs_library_merge_feed         (BsLibrary               *self,
                                        BsSource                *source,
                                        const BsFeed            *feed,
                                        gint64                   now,
                                        BsMergeResult           *result);
guint    bs_library_apply_retention    (BsLibrary               *self,
                                        const BsRetentionPolicy *policy,
                                        gint64                   now,
                                        GHashTable              *keys_in_feed);

G_END_DECLS
