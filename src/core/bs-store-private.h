/* bs-store-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bs-entry.h"
#include "bs-source.h"
#include "bs-store.h"

G_BEGIN_DECLS

/* The on-disk format, in one place.
 *
 * Every file of the store is one serialised GVariant of type
 * BS_STORE_FILE_TYPE, "(suv)":
 *
 *   s  magic: which kind of file this is (BS_STORE_MAGIC_*);
 *   u  format version (BS_STORE_FORMAT_VERSION when written);
 *   v  payload, whose type depends on the kind and the version.
 *
 * Magic and version sit in front of a variant so that they can be read
 * whatever the payload: a file of a future version is recognised as such
 * instead of being misread, and an older one goes through the migration
 * table in bs-store-format.c. Strings are UTF-8; "ms" is a string that may
 * be absent (NULL). Times are gint64 seconds since the epoch.
 *
 * Version 3 payloads (the current ones):
 *
 * sources.gvariant — BS_SOURCES_PAYLOAD_V3,
 *   "a(ssmsmsmsmsmsmsmsxxumsumsuxxuxa{sv})", one record per subscription,
 *   in the user's order:
 *     s  id                  ms etag
 *     s  feed-url            ms last-modified
 *     ms site-url            x  last-check (0 = never)
 *     ms title               x  last-success (0 = never)
 *     ms custom-title        u  error-kind (BsSourceErrorKind)
 *     ms folder              ms error-message
 *     ms icon-url            u  refresh-interval (minutes, 0 = global)
 *     ms logo-url            x  retry-until (0 = none)
 *     u  ttl (minutes)       u  failures (in a row)
 *     x  max-age (s, -1)     x  icon-checked (0 = never)
 *     a{sv} options: the user's per-feed choices, only those that differ
 *        from the default: "notifications-muted" b, "full-articles" b.
 *        Options this version does not know, or of another type, are
 *        ignored when read (and not written back).
 *
 * entries/<source-id>.gvariant — BS_ENTRIES_PAYLOAD_V3 (unchanged since
 *   version 1), "(sua((smsmsmsxxmsa(smsx)asx)(msms)))": the source id, the
 *   number of records (a cross-check of the array's framing), then one
 *   record per entry made of the metadata, checked when the file is
 *   loaded,
 *     s  key                 x  updated (BS_DATE_NONE = absent)
 *     ms title               ms thumbnail
 *     ms link                a(smsx) enclosures: url, MIME type, length (-1)
 *     ms author              as categories
 *     x  published           x  first-seen
 *   and the bodies, "(msms)" summary and content, which stay in the
 *   mapping and are checked by GVariant when they are first read.
 *
 * flags.gvariant — BS_FLAGS_PAYLOAD_V3 (unchanged since version 1),
 *   "a{sa{sy}}": source id → entry key → BS_STORE_FLAG_* bits. Entries with
 *   no flag set are not listed.
 *
 * icons/<source-id>.gvariant — BS_ICON_PAYLOAD_V3 (new in version 2),
 *   "(sssay)": the source id, the URL the icon came from, its MIME type as
 *   sniffed from the bytes, and the bytes.
 *
 * articles/<source-id>.gvariant — BS_ARTICLES_PAYLOAD_V3 (new in version
 *   3), "(sa{s(smsmsmssx)})": the source id, then the whole articles that
 *   reader mode extracted from the entries' web pages (BsFullArticle), by
 *   entry key:
 *     s  url (the page, after redirects)   ms site-name
 *     ms title                             s  content (sanitised HTML)
 *     ms byline                            x  fetched
 *   Written only for sources that have some, read when one is first asked
 *   for (its keys only: a record is checked when it is read); an article
 *   goes when its entry leaves the entries file (retention; for a file not
 *   read yet, when it is read), the file when its source is removed.
 *
 * Version 2 differs in the sources file only: its records,
 * BS_SOURCE_RECORD_V2, have no options; the migration gives them none.
 *
 * Version 1 differs from version 2 in the sources file only: its records,
 * BS_SOURCE_RECORD_V1, stop after refresh-interval; the migration gives
 * the new fields their "unknown" values. There were no icon files. */

#define BS_STORE_FILE_TYPE       "(suv)"
#define BS_STORE_FORMAT_VERSION  3

#define BS_STORE_MAGIC_SOURCES   "broadsheet-sources"
#define BS_STORE_MAGIC_ENTRIES   "broadsheet-entries"
#define BS_STORE_MAGIC_FLAGS     "broadsheet-flags"
#define BS_STORE_MAGIC_ICON      "broadsheet-icon"
#define BS_STORE_MAGIC_ARTICLES  "broadsheet-articles"

#define BS_SOURCE_RECORD_V1      "(ssmsmsmsmsmsmsmsxxumsu)"
#define BS_SOURCES_PAYLOAD_V1    "a" BS_SOURCE_RECORD_V1
#define BS_ENTRY_META_V1         "(smsmsmsxxmsa(smsx)asx)"
#define BS_ENTRY_BODIES_V1       "(msms)"
#define BS_ENTRY_RECORD_V1       "(" BS_ENTRY_META_V1 BS_ENTRY_BODIES_V1 ")"
#define BS_ENTRIES_PAYLOAD_V1    "(sua" BS_ENTRY_RECORD_V1 ")"
#define BS_FLAGS_PAYLOAD_V1      "a{sa{sy}}"

#define BS_SOURCE_RECORD_V2      "(ssmsmsmsmsmsmsmsxxumsumsuxxux)"
#define BS_SOURCES_PAYLOAD_V2    "a" BS_SOURCE_RECORD_V2
#define BS_ENTRIES_PAYLOAD_V2    BS_ENTRIES_PAYLOAD_V1
#define BS_FLAGS_PAYLOAD_V2      BS_FLAGS_PAYLOAD_V1
#define BS_ICON_PAYLOAD_V2       "(sssay)"

#define BS_SOURCE_RECORD_V3      "(ssmsmsmsmsmsmsmsxxumsumsuxxuxa{sv})"
#define BS_SOURCES_PAYLOAD_V3    "a" BS_SOURCE_RECORD_V3
#define BS_ENTRIES_PAYLOAD_V3    BS_ENTRIES_PAYLOAD_V2
#define BS_FLAGS_PAYLOAD_V3      BS_FLAGS_PAYLOAD_V2
#define BS_ICON_PAYLOAD_V3       BS_ICON_PAYLOAD_V2
#define BS_ARTICLE_RECORD_V3     "(smsmsmssx)"
#define BS_ARTICLES_PAYLOAD_V3   "(sa{s" BS_ARTICLE_RECORD_V3 "})"

#define BS_STORE_FLAG_READ       (1 << 0)
#define BS_STORE_FLAG_STARRED    (1 << 1)

#define BS_STORE_SOURCES_FILE    "sources.gvariant"
#define BS_STORE_FLAGS_FILE      "flags.gvariant"
#define BS_STORE_ENTRIES_DIR     "entries"
#define BS_STORE_ICONS_DIR       "icons"
#define BS_STORE_ARTICLES_DIR    "articles"

/* The store object, shared by bs-store.c (the object, opening, loading),
 * bs-store-writer.c (the lock, scheduling and writing) and
 * bs-store-articles.c (reader mode's whole articles). */

typedef struct {
  char     *name;     /* relative to the store directory, for signals */
  char     *path;
  GVariant *value;    /* NULL: remove the file */
  guint64   seq;
  GError   *error;
} BsStoreWriteItem;

typedef struct {
  GPtrArray *items;
  gboolean   executed; /* under io_lock */
} BsStoreWriteJob;

struct _BsStore
{
  GObject parent_instance;

  char *directory;
  guint save_delay;
  guint entries_save_delay;

  gboolean opened;
  gboolean writable;
  int lock_fd;
  GMainContext *context;

  GHashTable *flags;            /* source id → (key → bits) */
  GPtrArray *problems;          /* GError */
  GHashTable *blocked;          /* names of files of a future version */

  gboolean flags_dirty;
  GPtrArray *pending_sources;   /* BsSource */
  GHashTable *pending_entries;  /* source id → GPtrArray of BsEntry, NULL to remove */
  GHashTable *pending_icons;    /* source id → icon file GVariant, NULL to remove */
  GHashTable *articles;         /* source id → (entry key → article record), once read */
  GHashTable *article_files;    /* source ids with an articles file on disk */
  GHashTable *pending_articles; /* source ids whose articles file is to be written */
  GHashTable *article_prunes;   /* source id → keys of its entries since, its file not read */
  GHashTable *retry;            /* name → WriteItem that failed */
  GHashTable *latest_seq;       /* name → guint64 * of the newest item collected */
  guint64 seq;

  GSource *small_timer;         /* flags and sources */
  GSource *entries_timer;
  gboolean small_due;
  gboolean entries_due;

  GMutex io_lock;
  BsStoreWriteJob *inflight;
};


/* bs-store-writer.c */
gboolean  _bs_store_take_lock                (BsStore            *self,
                                              GError            **error);
void      _bs_store_remove_stale_temporaries (const char         *dir_path);
char     *_bs_store_entries_name             (const char         *source_id);
char     *_bs_store_icon_name                (const char         *source_id);
void      _bs_store_schedule                 (BsStore            *self,
                                              gboolean            entries);
gboolean  _bs_store_flush_all                (BsStore            *self,
                                              GError            **error);
void      _bs_store_forget_pending           (BsStore            *self);
void      _bs_store_write_item_free          (BsStoreWriteItem   *item);

/* bs-store.c, for bs-store-articles.c: load_file() and report_problem() */
GVariant *_bs_store_load_payload (BsStore     *self,
                                  const char  *name,
                                  const char  *magic,
                                  gboolean     check_all,
                                  GError     **error);
void      _bs_store_report       (BsStore     *self,
                                  const char  *name,
                                  GError      *cause);

/* bs-store-articles.c */
void      _bs_store_articles_init     (BsStore     *self);
void      _bs_store_articles_clear    (BsStore     *self);
void      _bs_store_articles_open     (BsStore     *self);
char     *_bs_store_articles_name     (const char  *source_id);
GVariant *_bs_store_articles_to_file  (BsStore     *self,
                                       const char  *source_id);
void      _bs_store_articles_prune    (BsStore     *self,
                                       const char  *source_id,
                                       GPtrArray   *entries);
void      _bs_store_articles_remove   (BsStore     *self,
                                       const char  *source_id);

/* bs-entry.c: an entry from a BS_ENTRY_RECORD_V1 record of the mapped
 * entries file (NULL with BS_STORE_ERROR_CORRUPT if its metadata is
 * damaged); its bodies stay in the mapping until they are asked for. And
 * the serialised record of an entry, appended to a buffer that starts at an
 * 8-aligned address. */
BsEntry  *_bs_entry_new_from_record (const char  *source_id,
                                     GVariant    *record,
                                     GError     **error);
void      _bs_entry_append_record   (BsEntry     *self,
                                     GString     *out);

/* bs-store-format.c: reading and writing the files above. The flags table
 * maps source id → (entry key → GUINT_TO_POINTER (BS_STORE_FLAG_* bits)). */
GHashTable *_bs_store_flags_table_new (void);

GVariant *_bs_store_read_file (const char  *path,
                               const char  *magic,
                               gboolean     check_all,
                               GError     **error);

GPtrArray  *_bs_store_sources_from_payload (GVariant    *payload,
                                            GError     **error);
GPtrArray  *_bs_store_entries_from_payload (const char  *source_id,
                                            GVariant    *payload,
                                            GHashTable  *flags,
                                            GError     **error);
GHashTable *_bs_store_flags_from_payload   (GVariant    *payload,
                                            GError     **error);

GVariant *_bs_store_sources_to_file (GPtrArray  *sources);
GVariant *_bs_store_entries_to_file (const char *source_id,
                                     GPtrArray  *entries);
GVariant *_bs_store_flags_to_file   (GHashTable *flags);

GBytes   *_bs_store_icon_from_payload (const char  *source_id,
                                       GVariant    *payload,
                                       char       **url,
                                       char       **mime_type,
                                       GError     **error);
GVariant *_bs_store_icon_to_file      (const char  *source_id,
                                       const char  *url,
                                       const char  *mime_type,
                                       GBytes      *data);

G_END_DECLS
