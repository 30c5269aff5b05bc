/* test-store-serialise.c — the entries files the store writes by hand
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bs-entry.h"
#include "bs-store.h"
#include "bs-store-private.h"
#include "bs-test-util.h"

#include <string.h>

#include <glib/gstdio.h>

/* The store serialises entries files itself (bs-entry-record.c) instead of
 * through GVariant. A file that GVariant would lay out differently is one
 * that older versions, or a later GLib, could read as damaged: these tests
 * build the same file through GVariant and compare the bytes. */

/* The file as GVariant serialises it, from the entries' public fields. */
static GBytes *
reference_file (const char *source_id,
                GPtrArray  *entries)
{
  GVariantBuilder records;
  g_autoptr(GVariant) file = NULL;

  g_variant_builder_init (&records, G_VARIANT_TYPE ("a" BS_ENTRY_RECORD_V1));
  for (guint i = 0; i < entries->len; i++)
    {
      BsEntry *entry = g_ptr_array_index (entries, i);
      GPtrArray *enclosures = bs_entry_get_enclosures (entry);
      const char * const *categories = bs_entry_get_categories (entry);
      GVariantBuilder encs, cats;

      g_variant_builder_init (&encs, G_VARIANT_TYPE ("a(smsx)"));
      for (guint k = 0; enclosures != NULL && k < enclosures->len; k++)
        {
          BsEntryEnclosure *enc = g_ptr_array_index (enclosures, k);

          g_variant_builder_add (&encs, "(smsx)", enc->url, enc->type, enc->length);
        }
      g_variant_builder_init (&cats, G_VARIANT_TYPE_STRING_ARRAY);
      for (guint k = 0; categories != NULL && categories[k] != NULL; k++)
        g_variant_builder_add (&cats, "s", categories[k]);

      g_variant_builder_add (&records, BS_ENTRY_RECORD_V1,
                             bs_entry_get_key (entry), bs_entry_get_title (entry),
                             bs_entry_get_link (entry), bs_entry_get_author (entry),
                             bs_entry_get_published (entry), bs_entry_get_updated (entry),
                             bs_entry_get_thumbnail (entry), &encs, &cats,
                             bs_entry_get_first_seen (entry),
                             bs_entry_get_summary (entry), bs_entry_get_content (entry));
    }

  file = g_variant_ref_sink (g_variant_new (BS_STORE_FILE_TYPE, BS_STORE_MAGIC_ENTRIES,
                                            (guint32) BS_STORE_FORMAT_VERSION,
                                            g_variant_new ("(sua" BS_ENTRY_RECORD_V1 ")",
                                                           source_id, (guint32) entries->len,
                                                           &records)));
  return g_variant_get_data_as_bytes (file);
}

static GBytes *
written_file (const char *source_id,
              GPtrArray  *entries)
{
  g_autoptr(GVariant) file = g_variant_ref_sink (_bs_store_entries_to_file (source_id, entries));

  g_assert_true (g_variant_is_normal_form (file));
  return g_variant_get_data_as_bytes (file);
}

static void
assert_same_bytes (GBytes *expected,
                   GBytes *got)
{
  gsize n_expected, n_got;
  const guint8 *a = g_bytes_get_data (expected, &n_expected);
  const guint8 *b = g_bytes_get_data (got, &n_got);

  for (gsize i = 0; i < MIN (n_expected, n_got); i++)
    if (a[i] != b[i])
      g_error ("first difference at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
               ": 0x%02x instead of 0x%02x", i, n_expected, b[i], a[i]);
  g_assert_cmpuint (n_got, ==, n_expected);
}

/* A random string of @len bytes: ASCII with some multi-byte characters. */
static char *
random_text (GRand *rand,
             gsize  len)
{
  static const char *pieces[] = { "a", "b", " ", "<p>", "é", "€", "日本", "&amp;", "\n", "z" };
  GString *s = g_string_sized_new (len + 8);

  while (s->len < len)
    g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (s, FALSE);
}

static char *
maybe_text (GRand *rand,
            gsize  len)
{
  return g_rand_int_range (rand, 0, 4) == 0 ? NULL : random_text (rand, len);
}

static BsEntry *
random_entry (GRand *rand,
              guint  n,
              gsize  body_size)
{
  g_autofree char *key = g_strdup_printf ("key-%u-%s", n, g_rand_boolean (rand) ? "é" : "");
  g_autoptr(BsEntry) entry = bs_entry_new ("src", key);
  g_autoptr(GPtrArray) enclosures = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_entry_enclosure_free);
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  g_auto(GStrv) cats = NULL;
  guint n_enc = g_rand_int_range (rand, 0, 4);
  guint n_cat = g_rand_int_range (rand, 0, 5);
  g_autofree char *title = maybe_text (rand, g_rand_int_range (rand, 0, 80));
  g_autofree char *link = maybe_text (rand, 40);
  g_autofree char *author = maybe_text (rand, 12);
  g_autofree char *thumbnail = maybe_text (rand, 30);
  g_autofree char *summary = maybe_text (rand, g_rand_int_range (rand, 0, body_size / 4 + 1));
  g_autofree char *content = maybe_text (rand, g_rand_int_range (rand, 0, body_size + 1));

  for (guint i = 0; i < n_enc; i++)
    {
      g_autofree char *url = random_text (rand, g_rand_int_range (rand, 1, 60));
      g_autofree char *type = maybe_text (rand, 10);

      g_ptr_array_add (enclosures, bs_entry_enclosure_new (url, type,
                                                           g_rand_boolean (rand) ? -1 : (gint64) g_rand_int (rand)));
    }
  for (guint i = 0; i < n_cat; i++)
    {
      g_autofree char *category = random_text (rand, g_rand_int_range (rand, 0, 20));

      g_strv_builder_add (categories, category);
    }
  cats = g_strv_builder_end (categories);

  bs_entry_set_title (entry, title);
  bs_entry_set_link (entry, link);
  bs_entry_set_author (entry, author);
  bs_entry_set_published (entry, g_rand_boolean (rand) ? BS_DATE_NONE : 1700000000 + n);
  bs_entry_set_updated (entry, g_rand_boolean (rand) ? BS_DATE_NONE : -5);
  bs_entry_set_thumbnail (entry, thumbnail);
  bs_entry_set_summary (entry, summary);
  bs_entry_set_content (entry, content);
  bs_entry_set_enclosures (entry, enclosures);
  bs_entry_set_categories (entry, (const char * const *) cats);
  bs_entry_set_first_seen (entry, 1700000000 + 7 * n);
  return g_steal_pointer (&entry);
}

/* Files of every size class of framing offsets (1, 2 and 4 bytes), with
 * absent fields, empty and full arrays, and no entries at all. */
static void
test_same_as_gvariant (void)
{
  static const struct { guint n; gsize body; } cases[] = {
    { 0, 0 }, { 1, 0 }, { 1, 40 }, { 3, 60 }, { 20, 300 }, { 50, 3000 }, { 4, 70000 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint round = 0; round < 20; round++)
      {
        g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
        g_autoptr(GBytes) expected = NULL;
        g_autoptr(GBytes) got = NULL;

        for (guint i = 0; i < cases[c].n; i++)
          g_ptr_array_add (entries, random_entry (rand, i, cases[c].body));
        expected = reference_file ("src", entries);
        got = written_file ("src", entries);
        assert_same_bytes (expected, got);
      }
}

/* Text that is not UTF-8 is repaired as it is written, so that the file
 * stays one GVariant accepts. */
static void
test_invalid_utf8 (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BsEntry) entry = bs_entry_new ("src", "k\xff");
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GVariant) file = NULL;
  g_autoptr(GVariant) payload = NULL;
  const char *key = NULL, *title = NULL;

  bs_entry_set_title (entry, "caf\xe9");
  bs_entry_set_content (entry, "<p>\xc3</p>");
  g_ptr_array_add (entries, g_object_ref (entry));
  got = written_file ("src", entries);
  file = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (BS_STORE_FILE_TYPE), got, FALSE));
  g_assert_true (g_variant_is_normal_form (file));
  g_variant_get_child (file, 2, "v", &payload);
  {
    g_autoptr(GVariant) records = g_variant_get_child_value (payload, 2);
    g_autoptr(GVariant) record = g_variant_get_child_value (records, 0);
    g_autoptr(GVariant) meta = g_variant_get_child_value (record, 0);

    g_variant_get_child (meta, 0, "&s", &key);
    g_variant_get_child (meta, 1, "m&s", &title);
    g_assert_cmpstr (key, ==, "k\xef\xbf\xbd");
    g_assert_cmpstr (title, ==, "caf\xef\xbf\xbd");
  }
}

/* Entries read back from a file keep their bodies in the mapping; written
 * again, unchanged, their bytes are copied as they are and the file comes
 * out the same, also when some were changed in between. */
static void
test_stored_bodies (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bs-serialise-XXXXXX", &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *path = NULL;
  BsStore *store;

  g_assert_no_error (error);
  for (guint i = 0; i < 30; i++)
    g_ptr_array_add (entries, random_entry (rand, i, 2000));
  first = written_file ("src", entries);

  store = bs_store_new (dir);
  g_assert_true (bs_store_open (store, TRUE, &error));
  bs_store_save_entries (store, "src", entries);
  g_assert_true (bs_store_flush (store, &error));
  loaded = bs_store_load_entries (store, "src", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 30);

  again = written_file ("src", loaded);
  assert_same_bytes (first, again);

  /* one body replaced, one only read: the rest still copied */
  bs_entry_set_content (g_ptr_array_index (loaded, 3), "<p>new</p>");
  (void) bs_entry_get_summary (g_ptr_array_index (loaded, 5));
  g_clear_pointer (&again, g_bytes_unref);
  again = written_file ("src", loaded);
  expected = reference_file ("src", loaded);
  assert_same_bytes (expected, again);

  g_assert_true (bs_store_close (store, &error));
  g_object_unref (store);
  bs_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/broadsheet/store-serialise/same-as-gvariant", test_same_as_gvariant);
  g_test_add_func ("/broadsheet/store-serialise/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/broadsheet/store-serialise/stored-bodies", test_stored_bodies);

  return g_test_run ();
}
