/* bs-library-search.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-library"

#include "config.h"

#include "bs-html.h"
#include "bs-library-private.h"
#include "bs-search.h"

#include <string.h>

/* Search over the library: the folded text of each entry, built once, and
 * the last query's matches to narrow the next one. */

/* How much of an entry is searched: folded text beyond this is cut, and
 * a body is converted to text from at most four times as many bytes. */
#define SEARCH_TEXT_MAX (64 * 1024)

static void
append_body (GString    *out,
             const char *html)
{
  gsize len;

  if (html == NULL || html[0] == '\0' || out->len >= SEARCH_TEXT_MAX)
    return;

  len = strnlen (html, 4 * SEARCH_TEXT_MAX);
  if (memchr (html, '<', len) == NULL && memchr (html, '&', len) == NULL)
    bs_search_fold_append (out, html, len);
  else
    {
      g_autofree char *text = bs_html_to_text (html, len);

      bs_search_fold_append (out, text, -1);
    }
}

static const char *
item_search_text (BsLibraryItem *item)
{
  g_autoptr(GString) out = NULL;
  const char *summary, *content;

  if (item->search_text != NULL)
    return item->search_text;

  out = g_string_new (NULL);
  bs_search_fold_append (out, bs_entry_get_title (item->entry), -1);
  summary = bs_entry_get_summary (item->entry);
  content = bs_entry_get_content (item->entry);
  append_body (out, summary);
  if (g_strcmp0 (summary, content) != 0)
    append_body (out, content);

  if (out->len > SEARCH_TEXT_MAX)
    {
      const char *end = out->str + SEARCH_TEXT_MAX;

      /* Folded text is valid UTF-8: cut at a character boundary. */
      while (end > out->str && ((guchar) *end & 0xC0) == 0x80)
        end--;
      g_string_truncate (out, end - out->str);
    }

  item->search_text = g_string_free (g_steal_pointer (&out), FALSE);
  return item->search_text;
}

gboolean
_bs_library_item_matches (BsLibraryItem      *item,
                          const char * const *words)
{
  return !item->dead && bs_search_match (item_search_text (item), words);
}

/* Forgets the last matches: to call when items come, go or change text. */
void
_bs_library_forget_search (BsLibrary *self)
{
  g_clear_pointer (&self->last_words, g_strfreev);
  g_clear_pointer (&self->last_matches, g_ptr_array_unref);
}

/* Whether every match of @words is a match of the last query: each of its
 * words is inside one of @words. */
static gboolean
narrows_last (BsLibrary          *self,
              const char * const *words)
{
  if (self->last_words == NULL)
    return FALSE;

  for (guint i = 0; self->last_words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; !found && words[j] != NULL; j++)
        found = strstr (words[j], self->last_words[i]) != NULL;
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/**
 * _bs_library_search_matches:
 *
 * Returns: (transfer container): the items that match @words, duplicates
 *   included, in the order of self->items
 */
GPtrArray *
_bs_library_search_matches (BsLibrary          *self,
                            const char * const *words)
{
  GPtrArray *candidates;
  GPtrArray *matches;

  if (words[0] == NULL)
    return g_ptr_array_new ();

  candidates = narrows_last (self, words) ? self->last_matches : self->items;
  matches = g_ptr_array_new ();
  for (guint i = 0; i < candidates->len; i++)
    {
      BsLibraryItem *item = g_ptr_array_index (candidates, i);

      if (_bs_library_item_matches (item, words))
        g_ptr_array_add (matches, item);
    }

  g_strfreev (self->last_words);
  self->last_words = g_strdupv ((char **) words);
  g_clear_pointer (&self->last_matches, g_ptr_array_unref);
  self->last_matches = g_ptr_array_ref (matches);

  return matches;
}

static gboolean
search_filter (BsLibraryItem *item,
               gpointer       data)
{
  return _bs_library_item_matches (item, data);
}

/**
 * bs_library_search:
 * @self: a library
 * @query: what the user typed
 *
 * The entries whose title or text contain every word of @query, ignoring
 * case and accents (see bs-search.h), newest first, duplicates shown once.
 * The model stays current as entries come, go and change. The text of an
 * entry is built the first time it is searched (the title and the text of
 * the summary and content, up to 64 KiB) and kept; a query that only adds
 * to the previous one looks only at the previous matches.
 *
 * Returns: (transfer full): the results; empty for a query with no words
 */
GListModel *
bs_library_search (BsLibrary  *self,
                   const char *query)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  BsEntryList *list;

  g_return_val_if_fail (BS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  words = bs_search_query_words (query);
  matches = _bs_library_search_matches (self, (const char * const *) words);
  list = _bs_entry_list_new (TRUE, search_filter, g_strdupv (words), (GDestroyNotify) g_strfreev);
  return G_LIST_MODEL (_bs_library_track_list (self, list, matches));
}
