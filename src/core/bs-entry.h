/* bs-entry.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bs-feed.h"
#include "bs-types.h"

G_BEGIN_DECLS

/* BsEntry: one article of one source.
 *
 * key is the article's identity within its source (see
 * bs_entry_compute_key()); with source-id it names the entry in the store.
 * Strings are NULL when the feed does not give them; published and updated
 * are seconds since the epoch or BS_DATE_NONE; first-seen is when
 * Broadsheet first saw the article. summary and content are HTML that the
 * parser has already sanitised.
 *
 * An entry loaded from the store keeps a reference to its record in the
 * mapped entries file and reads summary and content from there when they
 * are first asked for: bodies are never copied into memory at start-up, and
 * the strings returned point into the mapping (valid as long as the entry
 * lives and its body is not set again).
 *
 * read and starred are the user's flags; the store keeps them in their
 * own file (see bs_store_set_flags()). */

#define BS_TYPE_ENTRY (bs_entry_get_type ())
#define BS_TYPE_ENTRY_ENCLOSURE (bs_entry_enclosure_get_type ())

G_DECLARE_FINAL_TYPE (BsEntry, bs_entry, BS, ENTRY, GObject)

typedef struct {
  char   *url;
  char   *type;    /* MIME type, or NULL */
  gint64  length;  /* bytes, -1 when unknown */
} BsEntryEnclosure;

GType             bs_entry_enclosure_get_type (void) G_GNUC_CONST;
BsEntryEnclosure *bs_entry_enclosure_new      (const char             *url,
                                               const char             *type,
                                               gint64                  length);
BsEntryEnclosure *bs_entry_enclosure_copy     (const BsEntryEnclosure *enclosure);
void              bs_entry_enclosure_free     (BsEntryEnclosure       *enclosure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsEntryEnclosure, bs_entry_enclosure_free)

char *bs_entry_compute_key (const BsFeedEntry *fe);

BsEntry *bs_entry_new                 (const char        *source_id,
                                       const char        *key);
BsEntry *bs_entry_new_from_feed_entry (const char        *source_id,
                                       const BsFeedEntry *fe,
                                       gint64             now);

const char         *bs_entry_get_key        (BsEntry            *self);
const char         *bs_entry_get_source_id  (BsEntry            *self);
const char         *bs_entry_get_title      (BsEntry            *self);
void                bs_entry_set_title      (BsEntry            *self,
                                             const char         *title);
const char         *bs_entry_get_link       (BsEntry            *self);
void                bs_entry_set_link       (BsEntry            *self,
                                             const char         *link);
const char         *bs_entry_get_author     (BsEntry            *self);
void                bs_entry_set_author     (BsEntry            *self,
                                             const char         *author);
gint64              bs_entry_get_published  (BsEntry            *self);
void                bs_entry_set_published  (BsEntry            *self,
                                             gint64              published);
gint64              bs_entry_get_updated    (BsEntry            *self);
void                bs_entry_set_updated    (BsEntry            *self,
                                             gint64              updated);
const char         *bs_entry_get_summary    (BsEntry            *self);
void                bs_entry_set_summary    (BsEntry            *self,
                                             const char         *summary);
const char         *bs_entry_get_content    (BsEntry            *self);
void                bs_entry_set_content    (BsEntry            *self,
                                             const char         *content);
GPtrArray          *bs_entry_get_enclosures (BsEntry            *self);
gboolean            bs_entry_enclosures_equal (GPtrArray        *a,
                                               GPtrArray        *b);
void                bs_entry_set_enclosures (BsEntry            *self,
                                             GPtrArray          *enclosures);
const char * const *bs_entry_get_categories (BsEntry            *self);
void                bs_entry_set_categories (BsEntry            *self,
                                             const char * const *categories);
const char         *bs_entry_get_thumbnail  (BsEntry            *self);
void                bs_entry_set_thumbnail  (BsEntry            *self,
                                             const char         *thumbnail);
gint64              bs_entry_get_first_seen (BsEntry            *self);
void                bs_entry_set_first_seen (BsEntry            *self,
                                             gint64              first_seen);
gboolean            bs_entry_get_read       (BsEntry            *self);
void                bs_entry_set_read       (BsEntry            *self,
                                             gboolean            read);
gboolean            bs_entry_get_starred    (BsEntry            *self);
void                bs_entry_set_starred    (BsEntry            *self,
                                             gboolean            starred);

G_END_DECLS
