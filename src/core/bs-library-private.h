/* bs-library-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bs-library.h"

G_BEGIN_DECLS

/* Shared by bs-library.c (the object, loading, items and counts),
 * bs-library-sources.c (sources, folders), bs-library-flags.c (read and
 * starred), bs-library-models.c
 * (the entry models), bs-library-search.c (search),
 * bs-library-merge.c (merging and retention), bs-library-dups.c
 * (duplicates across sources) and bs-entry-list.c (the models). */

typedef struct _BsLibrarySource BsLibrarySource;
typedef struct _BsLibraryItem   BsLibraryItem;

struct _BsLibrarySource
{
  BsSource   *source;
  guint       order;        /* subscription order: lower is older */
  char       *folder;       /* as counted: NULL for none */
  char       *site_host;    /* host of the site URL (no "www."), or NULL */
  char       *feed_host;    /* host of the feed URL (no "www."), or NULL */
  GPtrArray  *items;        /* BsLibraryItem, owned, in store order */
  GHashTable *by_key;       /* key → BsLibraryItem */
  GHashTable *feed_keys;    /* keys of the last merged feed, or NULL */
  guint       unread;
};

struct _BsLibraryItem
{
  BsEntry         *entry;
  BsLibrarySource *src;
  gint64           sort_time;   /* published, else updated, else first-seen */
  gint64           dup_time;    /* published, else updated, else BS_DATE_NONE */
  char            *link_norm;   /* bs_library_normalize_link(), or NULL */
  char            *title_norm;  /* folded title when long enough, or NULL */
  BsLibraryItem   *dup_of;      /* the better neighbour shown instead, or NULL */
  char            *search_text; /* folded, built on first search */
  guint            counted_unread : 1;  /* in src->unread */
  guint            counted_total : 1;   /* in total-unread */
  guint            dead : 1;            /* removed, freed after the bulk change */
  guint            pending : 1;         /* in self->added, not in self->items yet */
};

typedef gboolean (*BsEntryListFilter) (BsLibraryItem *item,
                                       gpointer       data);

struct _BsLibrary
{
  GObject parent_instance;

  BsStore    *store;
  gboolean    loaded;
  GPtrArray  *sources;         /* BsLibrarySource, owned, subscription order */
  GHashTable *source_by_id;    /* id → BsLibrarySource */
  guint       next_order;
  GListStore *sources_model;   /* BsSource, sorted */
  GListStore *folders_model;   /* BsFolder, sorted by name */
  GHashTable *folders;         /* name → BsFolder */
  GPtrArray  *items;           /* BsLibraryItem of every source, sorted */
  guint       total_unread;     /* kept entry by entry */
  guint       notified_total;   /* the value of total-unread */

  GHashTable *by_link;         /* link_norm → GPtrArray of BsLibraryItem */
  GHashTable *by_title;        /* title_norm → GPtrArray of BsLibraryItem */

  GPtrArray  *lists;           /* BsEntryList, weak */
  BsEntryList *all_list;
  BsEntryList *unread_list;
  BsEntryList *starred_list;

  guint       bulk;            /* > 0: lists are rebuilt when it ends */
  GPtrArray  *added;           /* items added during a bulk change, unsorted */
  GPtrArray  *dead;            /* items removed during a bulk change */

  /* Searches since the last change, to answer or narrow the next one. */
  GPtrArray  *recent;          /* owned by bs-library-search.c, oldest first */
  guint       search_serial;   /* changes when items come, go or change text */
};

int       _bs_library_item_compare       (const BsLibraryItem *a,
                                          gint64               a_time,
                                          const BsLibraryItem *b);
gboolean  _bs_library_items_find         (GPtrArray           *items,
                                          BsLibraryItem       *item,
                                          gint64               time,
                                          guint               *position);

/* bs-entry-list.c */
BsEntryList *_bs_entry_list_new      (gboolean            hide_duplicates,
                                      BsEntryListFilter   filter,
                                      gpointer            data,
                                      GDestroyNotify      destroy);
gpointer     _bs_entry_list_get_data (BsEntryList        *self);
BsEntryListFilter _bs_entry_list_get_filter (BsEntryList   *self);
gboolean     _bs_entry_list_accepts  (BsEntryList        *self,
                                      BsLibraryItem      *item);
void         _bs_entry_list_refilter (BsEntryList        *self,
                                      GPtrArray          *items,
                                      gboolean            filtered);
void         _bs_entry_list_update   (BsEntryList        *self,
                                      BsLibraryItem      *item,
                                      gint64              old_time);
void         _bs_entry_list_detach   (BsEntryList        *self);

/* bs-library.c */
void      _bs_library_begin_bulk      (BsLibrary        *self);
void      _bs_library_end_bulk        (BsLibrary        *self);
BsLibraryItem *_bs_library_item_new   (BsLibrarySource  *src,
                                       BsEntry          *entry);
void      _bs_library_item_free       (BsLibraryItem    *item);
void      _bs_library_item_update_keys (BsLibraryItem   *item);
void      _bs_library_item_added      (BsLibrary        *self,
                                       BsLibraryItem    *item);
void      _bs_library_item_changed    (BsLibrary        *self,
                                       BsLibraryItem    *item,
                                       gint64            old_time);
void      _bs_library_item_removed    (BsLibrary        *self,
                                       BsLibraryItem    *item);
void      _bs_library_sync_counts     (BsLibrary        *self);
BsEntryList *_bs_library_track_list   (BsLibrary        *self,
                                       BsEntryList      *list,
                                       GPtrArray        *matches);

/* bs-library-models.c */
void      _bs_library_init_models     (BsLibrary        *self);
void      _bs_library_refilter_folder_lists (BsLibrary  *self);

/* bs-library-sources.c */
BsLibrarySource *_bs_library_attach_source (BsLibrary   *self,
                                            BsSource    *source,
                                            GPtrArray   *entries,
                                            guint        order);
void      _bs_library_source_free     (BsLibrary        *self,
                                       BsLibrarySource  *src);
void      _bs_library_refresh_folders (BsLibrary        *self);
void      _bs_library_save_entries    (BsLibrary        *self,
                                       BsLibrarySource  *src);

/* bs-library-flags.c */
gboolean  _bs_library_set_item_read   (BsLibrary        *self,
                                       BsLibraryItem    *item,
                                       gboolean          read);

/* bs-library-search.c */
void      _bs_library_forget_search   (BsLibrary        *self);
gboolean  _bs_library_item_matches    (BsLibraryItem    *item,
                                       const char * const *words);
GPtrArray *_bs_library_search_matches (BsLibrary        *self,
                                       const char * const *words);
BsLibrarySource *_bs_library_get_source (BsLibrary      *self,
                                         BsSource       *source);
BsLibraryItem   *_bs_library_get_item   (BsLibrary      *self,
                                         BsEntry        *entry);

/* bs-library-dups.c */
void      _bs_library_dups_add        (BsLibrary        *self,
                                       BsLibraryItem    *item);
void      _bs_library_dups_remove     (BsLibrary        *self,
                                       BsLibraryItem    *item);
void      _bs_library_dups_recompute  (BsLibrary        *self,
                                       BsLibraryItem    *item);
GPtrArray *_bs_library_dups_neighbours (BsLibrary       *self,
                                        BsLibraryItem   *item);
char     *_bs_library_link_host       (const char       *link_norm);

G_END_DECLS
