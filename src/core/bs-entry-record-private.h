/* bs-entry-record-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The metadata of a stored entry, BS_ENTRY_META_V1 (bs-store-private.h),
 * read straight from the serialised BS_ENTRY_RECORD_V1 record of a mapped
 * entries file (bs-entry-record.c); bs-entry.c makes the BsEntry. Strings
 * are borrowed: they point into the record's bytes, NUL-terminated valid
 * UTF-8, and stay valid as long as the record and the struct do. */

/* An array of the metadata, read one element at a time. */
typedef struct {
  gsize       length;     /* the number of elements */

  /*< private >*/
  const char *data;
  gsize       framing;    /* where its framing offsets start */
  gsize       width;      /* of a framing offset */
  gsize       alignment;  /* of an element, 1 or 8 */
} BsEntryRecordArray;

typedef struct {
  const char        *key;         /* possibly empty */
  const char        *title;       /* title to thumbnail: NULL when absent */
  const char        *link;
  const char        *author;
  gint64             published;
  gint64             updated;
  const char        *thumbnail;
  gint64             first_seen;
  BsEntryRecordArray enclosures;  /* a(smsx) */
  BsEntryRecordArray categories;  /* as */

  /*< private >*/
  GVariant          *meta;        /* when GVariant had to check it, or NULL */
} BsEntryRecordMeta;

/* Fills @meta, which must be zeroed, from @record (checked as
 * g_variant_is_normal_form() would). FALSE when the metadata is damaged;
 * @meta must be cleared either way. */
gboolean _bs_entry_record_read_meta     (GVariant                *record,
                                         BsEntryRecordMeta       *meta);
void     _bs_entry_record_meta_clear    (BsEntryRecordMeta       *meta);

/* The element @index (< length) of the enclosures or the categories; FALSE
 * if it is damaged. @type is NULL when absent; @length is as stored. */
gboolean _bs_entry_record_get_enclosure (const BsEntryRecordMeta *meta,
                                         gsize                    index,
                                         const char             **url,
                                         const char             **type,
                                         gint64                  *length);
gboolean _bs_entry_record_get_category  (const BsEntryRecordMeta *meta,
                                         gsize                    index,
                                         const char             **category);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BsEntryRecordMeta, _bs_entry_record_meta_clear)

/* Writing serialised GVariants straight into a buffer that starts at an
 * 8-aligned address (bs-entry-record.c explains the layout). Strings must
 * be valid UTF-8; maybe strings may be NULL. _bs_record_writer_framing()
 * ends a container that started at @start with the framing offsets of the
 * variable-sized members or elements that ended at the positions @ends. */
void _bs_record_writer_align        (GString     *out,
                                     gsize        alignment);
void _bs_record_writer_string       (GString     *out,
                                     const char  *s);
void _bs_record_writer_maybe_string (GString     *out,
                                     const char  *s);
void _bs_record_writer_int64        (GString     *out,
                                     gint64       value);
void _bs_record_writer_uint32       (GString     *out,
                                     guint32      value);
void _bs_record_writer_framing      (GString     *out,
                                     gsize        start,
                                     const gsize *ends,
                                     gsize        n,
                                     gboolean     tuple);

G_END_DECLS
