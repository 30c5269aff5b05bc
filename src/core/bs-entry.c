/* bs-entry.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-entry"

#include "config.h"

#include "bs-entry.h"
#include "bs-encoding.h"
#include "bs-entry-record-private.h"
#include "bs-store-private.h"

#include <string.h>

/* A key longer than this (some feeds put whole URLs with tracking
 * parameters, or worse, in their ids) is replaced by its hash. */
#define MAX_KEY_LENGTH 1024

/* summary and content: either set on the entry (text owned here) or still
 * in the store's mapped record, extracted on first use. */
typedef enum {
  BODY_OWN,       /* text, possibly NULL */
  BODY_STORED,    /* not looked at yet */
  BODY_EXTRACTED, /* value is the string in the mapping, or NULL */
} BodyState;

typedef struct {
  BodyState  state;
  char      *text;
  GVariant  *value;
} Body;

struct _BsEntry
{
  GObject parent_instance;

  char *key;
  char *source_id;
  char *title;
  char *link;
  char *author;
  gint64 published;
  gint64 updated;
  char *thumbnail;
  GPtrArray *enclosures;
  GStrv categories;
  gint64 first_seen;

  /* BS_ENTRY_RECORD_V1 record of the mapped entries file, or NULL, and
   * its bodies (msms) once they are looked at */
  GVariant *stored_record;
  GVariant *stored_bodies;
  Body summary;
  Body content;

  guint read : 1;
  guint starred : 1;
};

G_DEFINE_FINAL_TYPE (BsEntry, bs_entry, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (BsEntryEnclosure, bs_entry_enclosure,
                     bs_entry_enclosure_copy, bs_entry_enclosure_free)

enum {
  PROP_0,
  PROP_KEY,
  PROP_SOURCE_ID,
  PROP_TITLE,
  PROP_LINK,
  PROP_AUTHOR,
  PROP_PUBLISHED,
  PROP_UPDATED,
  PROP_SUMMARY,
  PROP_CONTENT,
  PROP_ENCLOSURES,
  PROP_CATEGORIES,
  PROP_THUMBNAIL,
  PROP_FIRST_SEEN,
  PROP_READ,
  PROP_STARRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

BsEntryEnclosure *
bs_entry_enclosure_new (const char *url,
                        const char *type,
                        gint64      length)
{
  BsEntryEnclosure *enclosure;

  g_return_val_if_fail (url != NULL, NULL);

  enclosure = g_new0 (BsEntryEnclosure, 1);
  enclosure->url = g_strdup (url);
  enclosure->type = g_strdup (type);
  enclosure->length = length < 0 ? -1 : length;
  return enclosure;
}

BsEntryEnclosure *
bs_entry_enclosure_copy (const BsEntryEnclosure *enclosure)
{
  g_return_val_if_fail (enclosure != NULL, NULL);

  return bs_entry_enclosure_new (enclosure->url, enclosure->type, enclosure->length);
}

void
bs_entry_enclosure_free (BsEntryEnclosure *enclosure)
{
  if (enclosure == NULL)
    return;
  g_free (enclosure->url);
  g_free (enclosure->type);
  g_free (enclosure);
}

static char *
hash_key (const char *data,
          gsize       length)
{
  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                      (const guchar *) data, length);

  return g_strconcat ("sha256:", sum, NULL);
}

/**
 * bs_entry_compute_key:
 * @fe: an entry as the parser produced it
 *
 * The stable identity of an article within its source, the same every time
 * the feed is fetched as long as the publisher keeps it the same:
 *
 * 1. the entry's id (RSS guid, Atom id, JSON Feed id) when it is not empty;
 * 2. else its link, when not empty;
 * 3. else "sha256:" and the hex SHA-256 of the title, a NUL byte and the
 *    published date in decimal seconds (empty when absent), so that an
 *    untitled, undated entry still gets a key, followed by a NUL byte and
 *    the content (else the summary) when both title and date are missing.
 *
 * An id or link longer than 1024 bytes is replaced by "sha256:" and its
 * hash, to keep keys small.
 *
 * Returns: (transfer full): the key, never empty
 */
char *
bs_entry_compute_key (const BsFeedEntry *fe)
{
  const char *direct = NULL;
  g_autoptr(GString) input = NULL;

  g_return_val_if_fail (fe != NULL, NULL);

  if (fe->id != NULL && fe->id[0] != '\0')
    direct = fe->id;
  else if (fe->link != NULL && fe->link[0] != '\0')
    direct = fe->link;

  if (direct != NULL)
    {
      gsize len = strlen (direct);

      return len > MAX_KEY_LENGTH ? hash_key (direct, len) : g_strdup (direct);
    }

  input = g_string_new (fe->title);
  g_string_append_c (input, '\0');
  if (fe->published != BS_DATE_NONE)
    g_string_append_printf (input, "%" G_GINT64_FORMAT, fe->published);
  if ((fe->title == NULL || fe->title[0] == '\0') && fe->published == BS_DATE_NONE)
    {
      g_string_append_c (input, '\0');
      g_string_append (input, fe->content != NULL ? fe->content : fe->summary);
    }

  return hash_key (input->str, input->len);
}

static void
body_clear (Body *body)
{
  g_clear_pointer (&body->text, g_free);
  g_clear_pointer (&body->value, g_variant_unref);
  body->state = BODY_OWN;
}

/* The bodies of the stored record. */
static GVariant *
get_stored_bodies (BsEntry *self)
{
  if (self->stored_bodies == NULL)
    self->stored_bodies = g_variant_get_child_value (self->stored_record, 1);
  return self->stored_bodies;
}

/* The body's text; from a stored record, a pointer into the mapping. */
static const char *
body_get (BsEntry *self,
          Body    *body,
          gsize    index)
{
  switch (body->state)
    {
    case BODY_OWN:
      return body->text;

    case BODY_STORED:
      {
        g_autoptr(GVariant) maybe = g_variant_get_child_value (get_stored_bodies (self),
                                                               index);

        body->value = g_variant_get_maybe (maybe);
        body->state = BODY_EXTRACTED;
      }
      G_GNUC_FALLTHROUGH;

    case BODY_EXTRACTED:
      return body->value != NULL ? g_variant_get_string (body->value, NULL) : NULL;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
body_set (BsEntry    *self,
          Body       *body,
          gsize       index,
          const char *text)
{
  if (g_strcmp0 (body_get (self, body, index), text) == 0)
    return FALSE;

  body_clear (body);
  body->text = g_strdup (text);
  return TRUE;
}

static void
bs_entry_finalize (GObject *object)
{
  BsEntry *self = (BsEntry *)object;

  g_free (self->key);
  g_free (self->source_id);
  g_free (self->title);
  g_free (self->link);
  g_free (self->author);
  g_free (self->thumbnail);
  g_ptr_array_unref (self->enclosures);
  g_strfreev (self->categories);
  body_clear (&self->summary);
  body_clear (&self->content);
  g_clear_pointer (&self->stored_bodies, g_variant_unref);
  g_clear_pointer (&self->stored_record, g_variant_unref);

  G_OBJECT_CLASS (bs_entry_parent_class)->finalize (object);
}

static void
bs_entry_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BsEntry *self = BS_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_SOURCE_ID:
      g_value_set_string (value, self->source_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_PUBLISHED:
      g_value_set_int64 (value, self->published);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, bs_entry_get_summary (self));
      break;
    case PROP_CONTENT:
      g_value_set_string (value, bs_entry_get_content (self));
      break;
    case PROP_ENCLOSURES:
      g_value_set_boxed (value, self->enclosures);
      break;
    case PROP_CATEGORIES:
      g_value_set_boxed (value, self->categories);
      break;
    case PROP_THUMBNAIL:
      g_value_set_string (value, self->thumbnail);
      break;
    case PROP_FIRST_SEEN:
      g_value_set_int64 (value, self->first_seen);
      break;
    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;
    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_entry_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  BsEntry *self = BS_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;
    case PROP_SOURCE_ID:
      self->source_id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      bs_entry_set_title (self, g_value_get_string (value));
      break;
    case PROP_LINK:
      bs_entry_set_link (self, g_value_get_string (value));
      break;
    case PROP_AUTHOR:
      bs_entry_set_author (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHED:
      bs_entry_set_published (self, g_value_get_int64 (value));
      break;
    case PROP_UPDATED:
      bs_entry_set_updated (self, g_value_get_int64 (value));
      break;
    case PROP_SUMMARY:
      bs_entry_set_summary (self, g_value_get_string (value));
      break;
    case PROP_CONTENT:
      bs_entry_set_content (self, g_value_get_string (value));
      break;
    case PROP_ENCLOSURES:
      bs_entry_set_enclosures (self, g_value_get_boxed (value));
      break;
    case PROP_CATEGORIES:
      bs_entry_set_categories (self, g_value_get_boxed (value));
      break;
    case PROP_THUMBNAIL:
      bs_entry_set_thumbnail (self, g_value_get_string (value));
      break;
    case PROP_FIRST_SEEN:
      bs_entry_set_first_seen (self, g_value_get_int64 (value));
      break;
    case PROP_READ:
      bs_entry_set_read (self, g_value_get_boolean (value));
      break;
    case PROP_STARRED:
      bs_entry_set_starred (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_entry_class_init (BsEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bs_entry_finalize;
  object_class->get_property = bs_entry_get_property;
  object_class->set_property = bs_entry_set_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, co);
  properties[PROP_SOURCE_ID] = g_param_spec_string ("source-id", NULL, NULL, NULL, co);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, rw);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, rw);
  properties[PROP_PUBLISHED] =
    g_param_spec_int64 ("published", NULL, NULL, G_MININT64, G_MAXINT64, BS_DATE_NONE, rw);
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, G_MININT64, G_MAXINT64, BS_DATE_NONE, rw);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, rw);
  properties[PROP_CONTENT] = g_param_spec_string ("content", NULL, NULL, NULL, rw);
  /* GPtrArray of BsEntryEnclosure */
  properties[PROP_ENCLOSURES] =
    g_param_spec_boxed ("enclosures", NULL, NULL, G_TYPE_PTR_ARRAY, rw);
  properties[PROP_CATEGORIES] =
    g_param_spec_boxed ("categories", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_THUMBNAIL] = g_param_spec_string ("thumbnail", NULL, NULL, NULL, rw);
  properties[PROP_FIRST_SEEN] =
    g_param_spec_int64 ("first-seen", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_READ] = g_param_spec_boolean ("read", NULL, NULL, FALSE, rw);
  properties[PROP_STARRED] = g_param_spec_boolean ("starred", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bs_entry_init (BsEntry *self)
{
  self->published = BS_DATE_NONE;
  self->updated = BS_DATE_NONE;
  self->enclosures = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_entry_enclosure_free);
}

/**
 * bs_entry_new:
 * @source_id: the id of the entry's source
 * @key: the entry's key, see bs_entry_compute_key()
 */
BsEntry *
bs_entry_new (const char *source_id,
              const char *key)
{
  g_return_val_if_fail (source_id != NULL, NULL);
  g_return_val_if_fail (key != NULL && key[0] != '\0', NULL);

  return g_object_new (BS_TYPE_ENTRY, "source-id", source_id, "key", key, NULL);
}

/**
 * bs_entry_new_from_feed_entry:
 * @source_id: the id of the source the feed belongs to
 * @fe: the parsed entry
 * @now: the current time, recorded as first-seen
 *
 * A new, unread entry with the fields of @fe and the key
 * bs_entry_compute_key (@fe).
 */
BsEntry *
bs_entry_new_from_feed_entry (const char        *source_id,
                              const BsFeedEntry *fe,
                              gint64             now)
{
  g_autofree char *key = NULL;
  BsEntry *self;

  g_return_val_if_fail (source_id != NULL, NULL);
  g_return_val_if_fail (fe != NULL, NULL);

  key = bs_entry_compute_key (fe);
  self = bs_entry_new (source_id, key);
  self->title = g_strdup (fe->title);
  self->link = g_strdup (fe->link);
  self->author = g_strdup (fe->author);
  self->published = fe->published;
  self->updated = fe->updated;
  self->summary.text = g_strdup (fe->summary);
  self->content.text = g_strdup (fe->content);
  self->thumbnail = g_strdup (fe->thumbnail);
  self->first_seen = now;

  if (fe->categories != NULL && fe->categories->len > 0)
    {
      self->categories = g_new0 (char *, fe->categories->len + 1);
      for (guint i = 0; i < fe->categories->len; i++)
        self->categories[i] = g_strdup (g_ptr_array_index (fe->categories, i));
    }

  for (guint i = 0; fe->enclosures != NULL && i < fe->enclosures->len; i++)
    {
      const BsEnclosure *enc = g_ptr_array_index (fe->enclosures, i);

      if (enc->url != NULL)
        g_ptr_array_add (self->enclosures,
                         bs_entry_enclosure_new (enc->url, enc->type, enc->length));
    }

  return self;
}

/* The enclosures and categories of a stored record, into @self. */
static gboolean
read_lists (BsEntry                 *self,
            const BsEntryRecordMeta *meta)
{
  for (gsize i = 0; i < meta->enclosures.length; i++)
    {
      const char *url, *type;
      gint64 length;

      if (!_bs_entry_record_get_enclosure (meta, i, &url, &type, &length))
        return FALSE;
      g_ptr_array_add (self->enclosures, bs_entry_enclosure_new (url, type, length));
    }

  if (meta->categories.length > 0)
    {
      g_auto(GStrv) categories = g_new0 (char *, meta->categories.length + 1);

      for (gsize i = 0; i < meta->categories.length; i++)
        {
          const char *category;

          if (!_bs_entry_record_get_category (meta, i, &category))
            return FALSE;
          categories[i] = g_strdup (category);
        }
      self->categories = g_steal_pointer (&categories);
    }

  return TRUE;
}

/* The metadata is read from the record now (bs-entry-record.c), so it is
 * checked now. The bodies are checked by GVariant when they are read: an
 * invalid one reads as an empty string. */
BsEntry *
_bs_entry_new_from_record (const char  *source_id,
                           GVariant    *record,
                           GError     **error)
{
  g_auto(BsEntryRecordMeta) meta = { 0 };
  g_autoptr(BsEntry) self = NULL;

  /* Not bs_entry_new(): no construct properties to go through. */
  self = g_object_new (BS_TYPE_ENTRY, NULL);
  if (!_bs_entry_record_read_meta (record, &meta) || !read_lists (self, &meta))
    {
      g_set_error_literal (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                           "the metadata of an entry is damaged");
      return NULL;
    }
  if (meta.key[0] == '\0')
    {
      g_set_error_literal (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                           "an entry has an empty key");
      return NULL;
    }

  self->key = g_strdup (meta.key);
  self->source_id = g_strdup (source_id);
  self->title = g_strdup (meta.title);
  self->link = g_strdup (meta.link);
  self->author = g_strdup (meta.author);
  self->published = meta.published;
  self->updated = meta.updated;
  self->thumbnail = g_strdup (meta.thumbnail);
  self->first_seen = meta.first_seen;
  self->stored_record = g_variant_ref (record);
  self->summary.state = BODY_STORED;
  self->content.state = BODY_STORED;

  return g_steal_pointer (&self);
}

/* Appends s, a string or (when @maybe) a maybe string, repairing it if it
 * is not valid UTF-8: GVariant strings must be valid. */
static void
put_string (GString    *out,
            const char *s,
            gboolean    maybe)
{
  g_autofree char *repaired = NULL;
  gsize len;

  if (s == NULL)
    {
      g_assert (maybe);
      return;
    }

  len = strlen (s);
  if (!bs_encoding_utf8_valid (s, len, NULL))
    {
      repaired = g_utf8_make_valid (s, len);
      s = repaired;
      len = strlen (s);
    }
  g_string_append_len (out, s, len + 1);
  if (maybe)
    g_string_append_c (out, '\0');
}

/* Appends the serialised BS_ENTRY_RECORD_V1 record of the entry to @out
 * (see _bs_record_writer_align() for what @out must be). The bodies are
 * the bytes of the stored record when neither was set since loading:
 * nothing is decoded or checked here. */
void
_bs_entry_append_record (BsEntry *self,
                         GString *out)
{
  gsize record, meta, meta_end, bodies, array, ends[7];
  g_autofree gsize *elements = NULL;
  guint n_categories = self->categories != NULL ? g_strv_length (self->categories) : 0;

  g_assert (BS_IS_ENTRY (self));

  _bs_record_writer_align (out, 8);
  record = meta = out->len;

  put_string (out, self->key, FALSE);
  ends[0] = out->len;
  put_string (out, self->title, TRUE);
  ends[1] = out->len;
  put_string (out, self->link, TRUE);
  ends[2] = out->len;
  put_string (out, self->author, TRUE);
  ends[3] = out->len;
  _bs_record_writer_int64 (out, self->published);
  _bs_record_writer_int64 (out, self->updated);
  put_string (out, self->thumbnail, TRUE);
  ends[4] = out->len;

  /* a(smsx) */
  elements = g_new (gsize, MAX (self->enclosures->len, n_categories) + 1);
  _bs_record_writer_align (out, 8);
  array = out->len;
  for (guint i = 0; i < self->enclosures->len; i++)
    {
      const BsEntryEnclosure *enc = g_ptr_array_index (self->enclosures, i);
      gsize element, members[2];

      _bs_record_writer_align (out, 8);
      element = out->len;
      put_string (out, enc->url, FALSE);
      members[0] = out->len;
      put_string (out, enc->type, TRUE);
      members[1] = out->len;
      _bs_record_writer_int64 (out, enc->length);
      _bs_record_writer_framing (out, element, members, 2, TRUE);
      elements[i] = out->len;
    }
  _bs_record_writer_framing (out, array, elements, self->enclosures->len, FALSE);
  ends[5] = out->len;

  /* as */
  array = out->len;
  for (guint i = 0; i < n_categories; i++)
    {
      put_string (out, self->categories[i], FALSE);
      elements[i] = out->len;
    }
  _bs_record_writer_framing (out, array, elements, n_categories, FALSE);
  ends[6] = out->len;

  _bs_record_writer_int64 (out, self->first_seen);
  _bs_record_writer_framing (out, meta, ends, G_N_ELEMENTS (ends), TRUE);
  meta_end = out->len;

  /* (msms) */
  bodies = out->len;
  if (self->stored_record != NULL
      && self->summary.state != BODY_OWN && self->content.state != BODY_OWN)
    {
      GVariant *stored = get_stored_bodies (self);

      g_string_append_len (out, g_variant_get_data (stored), g_variant_get_size (stored));
    }
  else
    {
      gsize summary_end;

      put_string (out, bs_entry_get_summary (self), TRUE);
      summary_end = out->len;
      put_string (out, bs_entry_get_content (self), TRUE);
      _bs_record_writer_framing (out, bodies, &summary_end, 1, TRUE);
    }

  _bs_record_writer_framing (out, record, &meta_end, 1, TRUE);
}

/* Sets *field to a copy of value and notifies, if it changed. */
static void
set_string (BsEntry     *self,
            char       **field,
            const char  *value,
            int          prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int64 (BsEntry *self,
           gint64  *field,
           gint64   value,
           int      prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
bs_entry_get_key (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return self->key;
}

const char *
bs_entry_get_source_id (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return self->source_id;
}

const char *
bs_entry_get_title (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return self->title;
}

void
bs_entry_set_title (BsEntry    *self,
                    const char *title)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
bs_entry_get_link (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return self->link;
}

void
bs_entry_set_link (BsEntry    *self,
                   const char *link)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  set_string (self, &self->link, link, PROP_LINK);
}

const char *
bs_entry_get_author (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return self->author;
}

void
bs_entry_set_author (BsEntry    *self,
                     const char *author)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  set_string (self, &self->author, author, PROP_AUTHOR);
}

gint64
bs_entry_get_published (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), BS_DATE_NONE);

  return self->published;
}

void
bs_entry_set_published (BsEntry *self,
                        gint64   published)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  set_int64 (self, &self->published, published, PROP_PUBLISHED);
}

gint64
bs_entry_get_updated (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), BS_DATE_NONE);

  return self->updated;
}

void
bs_entry_set_updated (BsEntry *self,
                      gint64   updated)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  set_int64 (self, &self->updated, updated, PROP_UPDATED);
}

/**
 * bs_entry_get_summary:
 * @self: an entry
 *
 * The summary, as sanitised HTML. For an entry loaded from the store, it
 * is read from the mapped file the first time it is asked for.
 *
 * Returns: (nullable): the summary, valid until the entry is finalised or
 *   its summary is set
 */
const char *
bs_entry_get_summary (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return body_get (self, &self->summary, 0);
}

void
bs_entry_set_summary (BsEntry    *self,
                      const char *summary)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  if (body_set (self, &self->summary, 0, summary))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/**
 * bs_entry_get_content:
 * @self: an entry
 *
 * The full content, as sanitised HTML; read lazily like the summary.
 *
 * Returns: (nullable): the content, valid until the entry is finalised or
 *   its content is set
 */
const char *
bs_entry_get_content (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return body_get (self, &self->content, 1);
}

void
bs_entry_set_content (BsEntry    *self,
                      const char *content)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  if (body_set (self, &self->content, 1, content))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

/**
 * bs_entry_get_enclosures:
 * @self: an entry
 *
 * Returns: (transfer none) (element-type BsEntryEnclosure): the
 *   enclosures, possibly none
 */
GPtrArray *
bs_entry_get_enclosures (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return self->enclosures;
}

/**
 * bs_entry_enclosures_equal:
 * @a: (nullable) (element-type BsEntryEnclosure): enclosures
 * @b: (nullable) (element-type BsEntryEnclosure): enclosures
 *
 * Returns: whether @a and @b list the same enclosures in the same order
 *   (NULL is the same as empty)
 */
gboolean
bs_entry_enclosures_equal (GPtrArray *a,
                           GPtrArray *b)
{
  guint alen = a != NULL ? a->len : 0;
  guint blen = b != NULL ? b->len : 0;

  if (alen != blen)
    return FALSE;

  for (guint i = 0; i < alen; i++)
    {
      const BsEntryEnclosure *x = g_ptr_array_index (a, i);
      const BsEntryEnclosure *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->url, y->url) != 0 || g_strcmp0 (x->type, y->type) != 0
          || x->length != y->length)
        return FALSE;
    }

  return TRUE;
}

/**
 * bs_entry_set_enclosures:
 * @self: an entry
 * @enclosures: (nullable) (element-type BsEntryEnclosure): the enclosures,
 *   copied
 */
void
bs_entry_set_enclosures (BsEntry   *self,
                         GPtrArray *enclosures)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  if (bs_entry_enclosures_equal (self->enclosures, enclosures))
    return;

  g_ptr_array_set_size (self->enclosures, 0);
  for (guint i = 0; enclosures != NULL && i < enclosures->len; i++)
    g_ptr_array_add (self->enclosures,
                     bs_entry_enclosure_copy (g_ptr_array_index (enclosures, i)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCLOSURES]);
}

/**
 * bs_entry_get_categories:
 * @self: an entry
 *
 * Returns: (nullable) (array zero-terminated=1): the categories, NULL when
 *   there are none
 */
const char * const *
bs_entry_get_categories (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return (const char * const *) self->categories;
}

void
bs_entry_set_categories (BsEntry            *self,
                         const char * const *categories)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  if (categories != NULL && categories[0] == NULL)
    categories = NULL;

  if (categories == NULL && self->categories == NULL)
    return;
  if (categories != NULL && self->categories != NULL
      && g_strv_equal (categories, (const char * const *) self->categories))
    return;

  g_strfreev (self->categories);
  self->categories = g_strdupv ((char **) categories);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORIES]);
}

const char *
bs_entry_get_thumbnail (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), NULL);

  return self->thumbnail;
}

void
bs_entry_set_thumbnail (BsEntry    *self,
                        const char *thumbnail)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  set_string (self, &self->thumbnail, thumbnail, PROP_THUMBNAIL);
}

gint64
bs_entry_get_first_seen (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), 0);

  return self->first_seen;
}

void
bs_entry_set_first_seen (BsEntry *self,
                         gint64   first_seen)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  set_int64 (self, &self->first_seen, first_seen, PROP_FIRST_SEEN);
}

gboolean
bs_entry_get_read (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), FALSE);

  return self->read;
}

void
bs_entry_set_read (BsEntry  *self,
                   gboolean  read)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  read = !!read;
  if (self->read == (guint) read)
    return;
  self->read = read;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
}

gboolean
bs_entry_get_starred (BsEntry *self)
{
  g_return_val_if_fail (BS_IS_ENTRY (self), FALSE);

  return self->starred;
}

void
bs_entry_set_starred (BsEntry  *self,
                      gboolean  starred)
{
  g_return_if_fail (BS_IS_ENTRY (self));

  starred = !!starred;
  if (self->starred == (guint) starred)
    return;
  self->starred = starred;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}
