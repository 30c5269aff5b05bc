/* bs-store-articles.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-store"

#include "config.h"

#include "bs-store.h"
#include "bs-store-private.h"

#include <string.h>

/* Reader mode's whole articles: articles/<source-id>.gvariant (the format
 * is in bs-store-private.h). A source's file is read the first time one
 * of its articles is asked for (or saved, or its source removed), and its
 * records stay in the table, pointing into the mapping.
 *
 * Reading costs no more than the number of articles: the file is mapped
 * and only its header and keys are looked at (not the whole file checked
 * at once, which touched every body: ~20 ms for an 18 MB file); a record
 * is checked when it is read, and a damaged one is dropped with the
 * others damaged in the same file, which is set aside and written again
 * without them.
 *
 * Saving a source's entries (every refresh that changed them) never reads
 * its articles file: when the file is not read yet, the keys of the
 * entries are noted (those of every save since, intersected) and the
 * articles of the other entries are dropped when the file is read. A
 * change schedules the whole file, with the flags and the sources file
 * ("save-delay"); a source with no article left has its file removed. */

static GHashTable *
records_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
}

void
_bs_store_articles_init (BsStore *self)
{
  self->articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);
  self->article_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->article_prunes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_hash_table_unref);
}

void
_bs_store_articles_clear (BsStore *self)
{
  g_clear_pointer (&self->articles, g_hash_table_unref);
  g_clear_pointer (&self->article_files, g_hash_table_unref);
  g_clear_pointer (&self->pending_articles, g_hash_table_unref);
  g_clear_pointer (&self->article_prunes, g_hash_table_unref);
}

char *
_bs_store_articles_name (const char *source_id)
{
  return g_strconcat (BS_STORE_ARTICLES_DIR "/", source_id, ".gvariant", NULL);
}

/* Notes which sources have a file, so that saving the entries of the
 * others never looks for one. */
void
_bs_store_articles_open (BsStore *self)
{
  g_autofree char *path = g_build_filename (self->directory, BS_STORE_ARTICLES_DIR, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_hash_table_remove_all (self->articles);
  g_hash_table_remove_all (self->article_files);
  g_hash_table_remove_all (self->article_prunes);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;

      if (!g_str_has_suffix (name, ".gvariant"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".gvariant"));
      if (bs_source_id_is_valid (id))
        g_hash_table_add (self->article_files, g_steal_pointer (&id));
    }
}

static void
schedule (BsStore    *self,
          const char *source_id)
{
  g_hash_table_add (self->pending_articles, g_strdup (source_id));
  _bs_store_schedule (self, FALSE);
}

/* Drops the articles of the entries that are no longer the source's
 * (@alive: a set of keys); whether any went. */
static gboolean
prune_records (GHashTable *records,
               GHashTable *alive)
{
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, records);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (alive, key))
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  return changed;
}

/* The records of a file's payload, by key; NULL (and @error set) when its
 * framing is damaged. Only the keys are read, not the records. */
static GHashTable *
records_from_payload (GVariant    *payload,
                      const char  *source_id,
                      GError     **error)
{
  g_autoptr(GHashTable) records = records_new ();
  g_autoptr(GVariant) id = g_variant_get_child_value (payload, 0);
  g_autoptr(GVariant) dict = g_variant_get_child_value (payload, 1);
  gsize n = g_variant_n_children (dict);

  if (!g_variant_is_normal_form (id) || strcmp (g_variant_get_string (id, NULL), source_id) != 0)
    {
      g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                   "the file holds the articles of source “%s”",
                   g_variant_get_string (id, NULL));
      return NULL;
    }
  /* a file with no article is removed, never written */
  if (n == 0)
    {
      g_set_error_literal (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                           "the file is damaged (it holds no article)");
      return NULL;
    }

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (dict, i);
      g_autoptr(GVariant) key = g_variant_get_child_value (item, 0);

      if (!g_variant_is_normal_form (key))
        {
          g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
                       "the file is damaged (article %" G_GSIZE_FORMAT ")", i);
          return NULL;
        }
      g_hash_table_replace (records, g_variant_dup_string (key, NULL),
                            g_variant_get_child_value (item, 1));
    }
  return g_steal_pointer (&records);
}

/* The articles of @source_id, read from its file the first time (see the
 * top of this file). A file that cannot be used is reported (and set
 * aside) and reads as none; one that cannot be read at all is an error. */
static GHashTable *
get_records (BsStore     *self,
             const char  *source_id,
             GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GHashTable) records = NULL;
  GHashTable *loaded;
  GHashTable *alive;

  loaded = g_hash_table_lookup (self->articles, source_id);
  if (loaded != NULL)
    return g_hash_table_ref (loaded);

  if (g_hash_table_contains (self->article_files, source_id))
    {
      name = _bs_store_articles_name (source_id);
      /* not the whole file: the records are checked when they are read */
      payload = _bs_store_load_payload (self, name, BS_STORE_MAGIC_ARTICLES, FALSE, &local);
      if (payload == NULL && local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }

  if (payload != NULL)
    {
      records = records_from_payload (payload, source_id, &local);
      if (records == NULL)
        _bs_store_report (self, name, local);
    }
  if (records == NULL)
    records = records_new ();

  /* the entries saved since: the articles of the others go now */
  alive = g_hash_table_lookup (self->article_prunes, source_id);
  if (alive != NULL && prune_records (records, alive) && self->writable)
    schedule (self, source_id);
  g_hash_table_remove (self->article_prunes, source_id);

  g_hash_table_replace (self->articles, g_strdup (source_id), g_hash_table_ref (records));
  return g_steal_pointer (&records);
}

/* A record turned out damaged when it was read: drops it and every other
 * damaged one of the source (checked now, once), reports the file (set
 * aside when the store is writable) and writes the rest again. */
static void
drop_damaged (BsStore    *self,
              const char *source_id,
              GHashTable *records)
{
  g_autofree char *name = _bs_store_articles_name (source_id);
  g_autoptr(GError) cause = NULL;
  GHashTableIter iter;
  gpointer record;
  guint n = g_hash_table_size (records);
  guint dropped = 0;

  g_hash_table_iter_init (&iter, records);
  while (g_hash_table_iter_next (&iter, NULL, &record))
    if (!g_variant_is_normal_form (record))
      {
        g_hash_table_iter_remove (&iter);
        dropped++;
      }

  g_set_error (&cause, BS_STORE_ERROR, BS_STORE_ERROR_CORRUPT,
               "%u of its %u articles are damaged and were dropped", dropped, n);
  _bs_store_report (self, name, cause);
  if (self->writable)
    schedule (self, source_id);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The file to write for @source_id now, or NULL to remove it (no article
 * left). Sorted by key, so that the same articles make the same file. */
GVariant *
_bs_store_articles_to_file (BsStore    *self,
                            const char *source_id)
{
  GHashTable *records = g_hash_table_lookup (self->articles, source_id);
  g_autofree gpointer *keys = NULL;
  GVariantBuilder builder;
  guint n = 0;

  if (records == NULL || g_hash_table_size (records) == 0)
    {
      g_hash_table_remove (self->article_files, source_id);
      return NULL;
    }

  g_hash_table_add (self->article_files, g_strdup (source_id));
  keys = g_hash_table_get_keys_as_array (records, &n);
  qsort (keys, n, sizeof (gpointer), compare_keys);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s" BS_ARTICLE_RECORD_V3 "}"));
  for (guint i = 0; i < n; i++)
    g_variant_builder_add (&builder, "{s@" BS_ARTICLE_RECORD_V3 "}", keys[i],
                           g_hash_table_lookup (records, keys[i]));

  return g_variant_new (BS_STORE_FILE_TYPE, BS_STORE_MAGIC_ARTICLES,
                        (guint32) BS_STORE_FORMAT_VERSION,
                        g_variant_new ("(s@a{s" BS_ARTICLE_RECORD_V3 "})", source_id,
                                       g_variant_builder_end (&builder)));
}

/* After @entries became the source's entries: their articles stay, the
 * others go. Nothing is read: a file not read yet is pruned when it is
 * (the keys of every save until then count). */
void
_bs_store_articles_prune (BsStore    *self,
                          const char *source_id,
                          GPtrArray  *entries)
{
  GHashTable *records = g_hash_table_lookup (self->articles, source_id);
  g_autoptr(GHashTable) keys = NULL;
  GHashTable *alive;

  if (records != NULL)
    {
      if (g_hash_table_size (records) == 0)
        return;
      keys = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < entries->len; i++)
        g_hash_table_add (keys, (gpointer) bs_entry_get_key (g_ptr_array_index (entries, i)));
      if (prune_records (records, keys))
        schedule (self, source_id);
      return;
    }

  if (!g_hash_table_contains (self->article_files, source_id))
    return;

  alive = g_hash_table_lookup (self->article_prunes, source_id);
  if (alive == NULL)
    {
      alive = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < entries->len; i++)
        g_hash_table_add (alive, g_strdup (bs_entry_get_key (g_ptr_array_index (entries, i))));
      g_hash_table_replace (self->article_prunes, g_strdup (source_id), alive);
      return;
    }

  /* an entry gone in any save since stays gone */
  keys = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < entries->len; i++)
    g_hash_table_add (keys, (gpointer) bs_entry_get_key (g_ptr_array_index (entries, i)));
  prune_records (alive, keys);
}

/* With the source: its articles, and then its file. */
void
_bs_store_articles_remove (BsStore    *self,
                           const char *source_id)
{
  g_hash_table_remove (self->article_prunes, source_id);
  if (!g_hash_table_contains (self->article_files, source_id)
      && !g_hash_table_contains (self->articles, source_id))
    return;

  /* empty, not forgotten: the file is not read again before it is gone */
  g_hash_table_replace (self->articles, g_strdup (source_id), records_new ());
  schedule (self, source_id);
}

/**
 * bs_store_load_full_article:
 * @self: an open store
 * @source_id: a source id
 * @key: an entry key
 * @error: BS_STORE_ERROR_INVALID_ID, or a G_FILE_ERROR when the source's
 *   articles file exists but cannot be read
 *
 * The whole article that reader mode saved for an entry, a change not
 * written yet included. None is not an error: NULL is returned and
 * @error left alone. A damaged articles file (or article) is reported
 * like any other file (see bs_store_get_load_problems()): the file is
 * set aside, and the articles that are not damaged are kept.
 *
 * Returns: (transfer full) (nullable): the article
 */
BsFullArticle *
bs_store_load_full_article (BsStore     *self,
                            const char  *source_id,
                            const char  *key,
                            GError     **error)
{
  g_autoptr(GHashTable) records = NULL;
  const char *url, *title, *byline, *site_name, *content;
  GVariant *record;
  gint64 fetched;

  g_return_val_if_fail (BS_IS_STORE (self), NULL);
  g_return_val_if_fail (self->opened, NULL);
  g_return_val_if_fail (source_id != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!bs_source_id_is_valid (source_id))
    {
      g_set_error (error, BS_STORE_ERROR, BS_STORE_ERROR_INVALID_ID,
                   "“%s” is not a valid source id", source_id);
      return NULL;
    }

  records = get_records (self, source_id, error);
  if (records == NULL)
    return NULL;
  record = g_hash_table_lookup (records, key);
  if (record == NULL)
    return NULL;
  /* untrusted until now: the one record, not the whole file */
  if (!g_variant_is_normal_form (record))
    {
      drop_damaged (self, source_id, records);
      return NULL;
    }

  g_variant_get (record, "(&sm&sm&sm&s&sx)",
                 &url, &title, &byline, &site_name, &content, &fetched);
  return bs_full_article_new (url, title, byline, site_name, content, fetched);
}

/**
 * bs_store_save_full_article:
 * @self: a writable store
 * @source_id: a valid source id
 * @key: the entry's key
 * @article: (nullable): its whole article, or NULL to forget it
 * @error: a G_FILE_ERROR when the source's articles file exists but
 *   cannot be read now (nothing is saved: writing the file would lose
 *   the articles in it)
 *
 * Keeps (or forgets) the whole article of an entry and schedules a write
 * of articles/@source_id.gvariant, with the flags and the sources file.
 * It is forgotten by itself when the entry leaves the source's entries
 * (bs_store_save_entries()) or the source is removed.
 *
 * Returns: whether it was saved (or forgotten)
 */
gboolean
bs_store_save_full_article (BsStore        *self,
                            const char     *source_id,
                            const char     *key,
                            BsFullArticle  *article,
                            GError        **error)
{
  g_autoptr(GHashTable) records = NULL;

  g_return_val_if_fail (BS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->writable, FALSE);
  g_return_val_if_fail (bs_source_id_is_valid (source_id), FALSE);
  g_return_val_if_fail (key != NULL && g_utf8_validate (key, -1, NULL), FALSE);
  g_return_val_if_fail (article == NULL || (g_utf8_validate (article->url, -1, NULL)
                                            && g_utf8_validate (article->content, -1, NULL)),
                        FALSE);
  g_return_val_if_fail (article == NULL || article->title == NULL
                        || g_utf8_validate (article->title, -1, NULL), FALSE);
  g_return_val_if_fail (article == NULL || article->byline == NULL
                        || g_utf8_validate (article->byline, -1, NULL), FALSE);
  g_return_val_if_fail (article == NULL || article->site_name == NULL
                        || g_utf8_validate (article->site_name, -1, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* unreadable (not damaged: that reads as none) */
  records = get_records (self, source_id, error);
  if (records == NULL)
    {
      g_prefix_error (error, "The whole article was not saved: ");
      return FALSE;
    }

  if (article == NULL)
    {
      if (!g_hash_table_remove (records, key))
        return TRUE;
    }
  else
    {
      GVariant *record = g_variant_new (BS_ARTICLE_RECORD_V3, article->url, article->title,
                                        article->byline, article->site_name, article->content,
                                        article->fetched);

      g_hash_table_replace (records, g_strdup (key), g_variant_ref_sink (record));
    }
  schedule (self, source_id);
  return TRUE;
}

/**
 * bs_store_dup_full_articles:
 * @self: an open store
 * @source_id: a valid source id
 * @error: a G_FILE_ERROR when the source's articles file exists but
 *   cannot be read
 *
 * Every whole article saved for the source's entries, for
 * bs_store_restore_full_articles() after the source was removed and the
 * removal undone. The bodies are not copied: the value refers to the file
 * as it was mapped (which stays valid when the file is removed).
 *
 * Returns: (transfer full) (nullable): the articles, of type
 *   "a{s(smsmsmssx)}" (entry key → article), or NULL when there is none
 */
GVariant *
bs_store_dup_full_articles (BsStore     *self,
                            const char  *source_id,
                            GError     **error)
{
  g_autoptr(GHashTable) records = NULL;
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, record;

  g_return_val_if_fail (BS_IS_STORE (self), NULL);
  g_return_val_if_fail (self->opened, NULL);
  g_return_val_if_fail (bs_source_id_is_valid (source_id), NULL);

  if (!g_hash_table_contains (self->article_files, source_id)
      && !g_hash_table_contains (self->articles, source_id))
    return NULL;
  records = get_records (self, source_id, error);
  if (records == NULL || g_hash_table_size (records) == 0)
    return NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s" BS_ARTICLE_RECORD_V3 "}"));
  g_hash_table_iter_init (&iter, records);
  while (g_hash_table_iter_next (&iter, &key, &record))
    g_variant_builder_add (&builder, "{s@" BS_ARTICLE_RECORD_V3 "}", key, record);
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * bs_store_restore_full_articles:
 * @self: a writable store
 * @source_id: a valid source id
 * @articles: what bs_store_dup_full_articles() returned
 *
 * Puts the whole articles back (those saved since stay) and schedules a
 * write of the source's articles file.
 */
void
bs_store_restore_full_articles (BsStore    *self,
                                const char *source_id,
                                GVariant   *articles)
{
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GError) error = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *record;

  g_return_if_fail (BS_IS_STORE (self));
  g_return_if_fail (self->writable);
  g_return_if_fail (bs_source_id_is_valid (source_id));
  g_return_if_fail (articles != NULL);
  g_return_if_fail (g_variant_is_of_type (articles,
                                          G_VARIANT_TYPE ("a{s" BS_ARTICLE_RECORD_V3 "}")));

  /* the removal left an empty table: only a file that came back and
   * cannot be read fails, and it is not written over */
  records = get_records (self, source_id, &error);
  if (records == NULL)
    {
      g_debug ("The whole articles were not restored: %s", error->message);
      return;
    }

  g_variant_iter_init (&iter, articles);
  while (g_variant_iter_next (&iter, "{&s@" BS_ARTICLE_RECORD_V3 "}", &key, &record))
    {
      if (g_hash_table_contains (records, key))
        g_variant_unref (record);
      else
        g_hash_table_replace (records, g_strdup (key), record);
    }
  schedule (self, source_id);
}
