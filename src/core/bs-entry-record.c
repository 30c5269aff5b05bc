/* bs-entry-record.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-entry-record"

#include "config.h"

#include "bs-entry-record-private.h"
#include "bs-store-private.h"

#include <string.h>

/* Reading the metadata of a stored entry.
 *
 * The metadata of a record is checked as g_variant_is_normal_form() would
 * and then read straight from its serialised form, rather than through a
 * GVariant for each of its fields: loading a store reads thousands of
 * records, and the GVariants would cost more than everything else. What
 * follows is the serialisation of BS_ENTRY_RECORD_V1 as the GVariant
 * specification lays it out ("GVariant Serialisation", in the GLib
 * documentation):
 *
 * - a string is its bytes and a NUL; a maybe string is nothing, or the
 *   string and one more zero byte; an int64 is 8 bytes in host order,
 *   aligned to 8 within its container (every container is aligned to the
 *   largest alignment of its content, so offsets relative to the start of
 *   the container are enough);
 * - a tuple lays out its members in order, each at its alignment, then
 *   the framing offsets: the end of each variable-sized member but the
 *   last, little-endian, stored from the end of the tuple backwards;
 * - an array of variable-sized elements lays out the elements, each at
 *   its alignment, then the end of each element, in order.
 *
 * Framing offsets are 1, 2, 4 or 8 bytes wide, the least that can hold
 * the size of their container. Every span is checked against its
 * container, so that a bug here cannot read out of the mapping, but the
 * normal form check has already made sure of the rest. */

typedef struct {
  const char *data;
  gsize       size;
} Span;

static gsize
offset_width (gsize size)
{
  if (size == 0)
    return 0;
  if (size <= G_MAXUINT8)
    return 1;
  if (size <= G_MAXUINT16)
    return 2;
  if (size <= G_MAXUINT32)
    return 4;
  return 8;
}

static gsize
read_offset (const char *p,
             gsize       width)
{
  guint64 value = 0;

  for (gsize i = 0; i < width; i++)
    value |= (guint64) (guchar) p[i] << (8 * i);
  return (gsize) value;
}

static gsize
align8 (gsize offset)
{
  return (offset + 7) & ~(gsize) 7;
}

/* The ends of the first @n variable-sized members of the tuple @t, and in
 * *@limit where its framing offsets start. */
static gboolean
tuple_ends (Span   t,
            guint  n,
            gsize *ends,
            gsize *limit)
{
  gsize width = offset_width (t.size);

  if (t.size < width * n)
    return FALSE;
  *limit = t.size - width * n;
  for (guint k = 0; k < n; k++)
    {
      ends[k] = read_offset (t.data + t.size - width * (k + 1), width);
      if (ends[k] > *limit)
        return FALSE;
    }
  return TRUE;
}

static gboolean
sub_span (Span   container,
          gsize  start,
          gsize  end,
          Span  *out)
{
  if (start > end || end > container.size)
    return FALSE;
  out->data = container.data + start;
  out->size = end - start;
  return TRUE;
}

static gboolean
read_string (Span         s,
             const char **out)
{
  if (s.size == 0 || s.data[s.size - 1] != '\0')
    return FALSE;
  *out = s.data;
  return TRUE;
}

static gboolean
read_maybe_string (Span         s,
                   const char **out)
{
  if (s.size == 0)
    {
      *out = NULL;
      return TRUE;
    }
  s.size--;
  return read_string (s, out);
}

static gboolean
read_int64 (Span    container,
            gsize   start,
            gint64 *out)
{
  if (start > container.size || container.size - start < sizeof (gint64))
    return FALSE;
  memcpy (out, container.data + start, sizeof (gint64));
  return TRUE;
}

/* The framing of an array of variable-sized elements aligned to
 * @alignment, 1 or 8. */
static gboolean
read_array (Span                a,
            gsize               alignment,
            BsEntryRecordArray *out)
{
  gsize width, framing;

  *out = (BsEntryRecordArray) { .data = a.data, .alignment = alignment };
  if (a.size == 0)
    return TRUE;

  width = offset_width (a.size);
  framing = read_offset (a.data + a.size - width, width);
  if (framing > a.size || (a.size - framing) % width != 0)
    return FALSE;

  out->length = (a.size - framing) / width;
  out->framing = framing;
  out->width = width;
  return TRUE;
}

/* The element @index of @a: it starts at the end of the one before, at
 * its alignment, and ends at its framing offset. */
static gboolean
array_element (const BsEntryRecordArray *a,
               gsize                     index,
               Span                     *out)
{
  Span elements = { a->data, a->framing };
  gsize start = 0, end;

  if (index >= a->length)
    return FALSE;
  if (index > 0)
    {
      start = read_offset (a->data + a->framing + (index - 1) * a->width, a->width);
      if (start > a->framing)
        return FALSE;
      if (a->alignment == 8)
        start = align8 (start);
    }
  end = read_offset (a->data + a->framing + index * a->width, a->width);
  return sub_span (elements, start, end, out);
}

/* The normal form, checked as GLib does (the gvs_*_is_normal() functions
 * of gvariant-serialiser.c) for the types of the metadata. Padding is
 * zeros, framing offsets are in order and do not overlap, each value is
 * exactly its span, and strings are valid UTF-8 with no NUL but the last
 * byte. These may reject what GLib would accept, never the reverse: a
 * record they reject goes to g_variant_is_normal_form(). */

typedef gboolean (*NormalCheck) (Span s);

typedef struct {
  gsize       alignment;  /* 1 or 8 */
  gsize       fixed_size; /* 0: variable-sized, and not the last member */
  NormalCheck check;      /* NULL: every value of the size is normal */
} Member;

static gboolean
string_is_normal (Span s)
{
  const char *end;

  if (s.size == 0 || s.data[s.size - 1] != '\0')
    return FALSE;
  g_utf8_validate_len (s.data, s.size, &end);
  return end == s.data + s.size - 1;
}

static gboolean
maybe_string_is_normal (Span s)
{
  if (s.size == 0)
    return TRUE;
  if (s.data[s.size - 1] != '\0')
    return FALSE;
  s.size--;
  return string_is_normal (s);
}

static gboolean
tuple_is_normal (Span          t,
                 const Member *members,
                 guint         n_members)
{
  gsize width = offset_width (t.size);
  gsize offset = 0, framing = t.size;

  for (guint i = 0; i < n_members; i++)
    {
      const Member *member = &members[i];
      gsize end;
      Span value;

      while (offset & (member->alignment - 1))
        {
          if (offset >= t.size || t.data[offset] != '\0')
            return FALSE;
          offset++;
        }

      if (member->fixed_size > 0)
        end = offset + member->fixed_size;
      else
        {
          if (framing < width || framing - width < offset)
            return FALSE;
          framing -= width;
          end = read_offset (t.data + framing, width);
        }
      if (end < offset || end > framing)
        return FALSE;

      value.data = t.data + offset;
      value.size = end - offset;
      if (member->check != NULL && !member->check (value))
        return FALSE;
      offset = end;
    }

  return offset == framing;
}

static gboolean
array_is_normal (Span        a,
                 gsize       alignment,
                 NormalCheck check)
{
  gsize width, framing, n, offset = 0;

  if (a.size == 0)
    return TRUE;

  width = offset_width (a.size);
  framing = read_offset (a.data + a.size - width, width);
  if (framing > a.size || (a.size - framing) % width != 0)
    return FALSE;
  n = (a.size - framing) / width;
  if (n == 0)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      gsize end = read_offset (a.data + framing + width * i, width);
      Span element;

      if (end < offset || end > framing)
        return FALSE;
      while (offset & (alignment - 1))
        {
          if (offset >= end || a.data[offset] != '\0')
            return FALSE;
          offset++;
        }

      element.data = a.data + offset;
      element.size = end - offset;
      if (!check (element))
        return FALSE;
      offset = end;
    }

  return TRUE;
}

static const Member enclosure_members[] = {
  { 1, 0, string_is_normal },       /* url */
  { 1, 0, maybe_string_is_normal }, /* type */
  { 8, 8, NULL },                   /* length */
};

static gboolean
enclosure_is_normal (Span e)
{
  return tuple_is_normal (e, enclosure_members, G_N_ELEMENTS (enclosure_members));
}

static gboolean
enclosures_are_normal (Span a)
{
  return array_is_normal (a, 8, enclosure_is_normal);
}

static gboolean
categories_are_normal (Span a)
{
  return array_is_normal (a, 1, string_is_normal);
}

static const Member meta_members[] = {
  { 1, 0, string_is_normal },       /* key */
  { 1, 0, maybe_string_is_normal }, /* title */
  { 1, 0, maybe_string_is_normal }, /* link */
  { 1, 0, maybe_string_is_normal }, /* author */
  { 8, 8, NULL },                   /* published */
  { 8, 8, NULL },                   /* updated */
  { 1, 0, maybe_string_is_normal }, /* thumbnail */
  { 8, 0, enclosures_are_normal },  /* enclosures */
  { 1, 0, categories_are_normal },  /* categories */
  { 8, 8, NULL },                   /* first-seen */
};

/* The metadata of a record, when the record is plainly framed: its
 * metadata and bodies both have bytes, and the framing offset between
 * them is within the record (then it is what g_variant_get_child_value()
 * would give). FALSE for anything else. */
static gboolean
record_meta (GVariant *record,
             Span     *meta)
{
  const char *data = g_variant_get_data (record);
  gsize size = g_variant_get_size (record);
  gsize width = offset_width (size);
  gsize end;

  if (data == NULL || size <= width)
    return FALSE;
  end = read_offset (data + size - width, width);
  if (end == 0 || end >= size - width)
    return FALSE;

  meta->data = data;
  meta->size = end;
  return tuple_is_normal (*meta, meta_members, G_N_ELEMENTS (meta_members));
}

/* The metadata, "(smsmsmsxxmsa(smsx)asx)". Its framing offsets are the
 * ends of key, title, link, author, thumbnail, enclosures and categories. */
static gboolean
read_meta (Span               m,
           BsEntryRecordMeta *meta)
{
  gsize ends[7], limit, dates;
  Span s;

  if (!tuple_ends (m, 7, ends, &limit))
    return FALSE;

  dates = align8 (ends[3]);
  return sub_span (m, 0, ends[0], &s) && read_string (s, &meta->key)
         && sub_span (m, ends[0], ends[1], &s) && read_maybe_string (s, &meta->title)
         && sub_span (m, ends[1], ends[2], &s) && read_maybe_string (s, &meta->link)
         && sub_span (m, ends[2], ends[3], &s) && read_maybe_string (s, &meta->author)
         && read_int64 (m, dates, &meta->published)
         && read_int64 (m, dates + 8, &meta->updated)
         && sub_span (m, dates + 16, ends[4], &s) && read_maybe_string (s, &meta->thumbnail)
         && read_int64 (m, align8 (ends[6]), &meta->first_seen)
         && sub_span (m, align8 (ends[4]), ends[5], &s) && read_array (s, 8, &meta->enclosures)
         && sub_span (m, ends[5], ends[6], &s) && read_array (s, 1, &meta->categories);
}

gboolean
_bs_entry_record_read_meta (GVariant          *record,
                            BsEntryRecordMeta *meta)
{
  Span m;

  g_assert (strcmp (g_variant_get_type_string (record), BS_ENTRY_RECORD_V1) == 0);
  g_assert (meta->meta == NULL);

  /* Checked here for a plain record, else by GVariant, which has the last
   * word. */
  if (!record_meta (record, &m))
    {
      meta->meta = g_variant_get_child_value (record, 0);
      if (!g_variant_is_normal_form (meta->meta))
        return FALSE;
      m.data = g_variant_get_data (meta->meta);
      m.size = g_variant_get_size (meta->meta);
    }

  return m.data != NULL && read_meta (m, meta);
}

void
_bs_entry_record_meta_clear (BsEntryRecordMeta *meta)
{
  g_clear_pointer (&meta->meta, g_variant_unref);
}

/* An enclosure, "(smsx)". */
gboolean
_bs_entry_record_get_enclosure (const BsEntryRecordMeta  *meta,
                                gsize                     index,
                                const char              **url,
                                const char              **type,
                                gint64                   *length)
{
  gsize ends[2], limit;
  Span e, s;

  return array_element (&meta->enclosures, index, &e)
         && tuple_ends (e, 2, ends, &limit)
         && sub_span (e, 0, ends[0], &s) && read_string (s, url)
         && sub_span (e, ends[0], ends[1], &s) && read_maybe_string (s, type)
         && read_int64 (e, align8 (ends[1]), length);
}

gboolean
_bs_entry_record_get_category (const BsEntryRecordMeta  *meta,
                               gsize                     index,
                               const char              **category)
{
  Span e;

  return array_element (&meta->categories, index, &e) && read_string (e, category);
}

/* Writing records.
 *
 * The inverse of the above: records are serialised straight into one
 * buffer, laid out as the specification says (and as GVariant itself would
 * lay them out: the store tests compare the bytes). Building a GVariant for
 * every field of every entry and serialising the tree afterwards cost more
 * than parsing the feeds did. Positions are relative to the start of the
 * buffer, which the caller keeps at offset 0 of an 8-aligned block: every
 * container starts at its own alignment, so aligning within the buffer is
 * aligning within the container. */

/* The width of the framing offsets of a container whose members take
 * @body bytes and that has @n framing offsets (gvs_calculate_total_size). */
static gsize
framing_width (gsize body,
               gsize n)
{
  if (body + n <= G_MAXUINT8)
    return 1;
  if (body + 2 * n <= G_MAXUINT16)
    return 2;
  if (body + 4 * n <= G_MAXUINT32)
    return 4;
  return 8;
}

void
_bs_record_writer_align (GString *out,
                         gsize    alignment)
{
  static const char zeros[8] = { 0 };
  gsize pad = (alignment - out->len % alignment) % alignment;

  if (pad > 0)
    g_string_append_len (out, zeros, pad);
}

void
_bs_record_writer_string (GString    *out,
                          const char *s)
{
  g_string_append_len (out, s, strlen (s) + 1);
}

void
_bs_record_writer_maybe_string (GString    *out,
                                const char *s)
{
  if (s == NULL)
    return;
  g_string_append_len (out, s, strlen (s) + 1);
  g_string_append_c (out, '\0');
}

void
_bs_record_writer_int64 (GString *out,
                         gint64   value)
{
  _bs_record_writer_align (out, 8);
  g_string_append_len (out, (const char *) &value, sizeof value);
}

void
_bs_record_writer_uint32 (GString *out,
                          guint32  value)
{
  _bs_record_writer_align (out, 4);
  g_string_append_len (out, (const char *) &value, sizeof value);
}

/* Ends the container that started at @start: appends the framing offsets
 * @ends (positions in the buffer), in order for an array, from the last to
 * the first for a tuple. */
void
_bs_record_writer_framing (GString     *out,
                           gsize        start,
                           const gsize *ends,
                           gsize        n,
                           gboolean     tuple)
{
  gsize width = framing_width (out->len - start, n);

  for (gsize k = 0; k < n; k++)
    {
      guint64 value = ends[tuple ? n - 1 - k : k] - start;
      char bytes[8];

      for (gsize i = 0; i < width; i++)
        bytes[i] = (char) (value >> (8 * i));
      g_string_append_len (out, bytes, width);
    }
}
