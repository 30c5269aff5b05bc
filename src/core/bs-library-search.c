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

/* Search over the library.
 *
 * Every entry has a search text: its title and the text of its summary
 * and content, folded (bs-search.h), each word kept once. It is built the
 * first time a search looks at the entry and kept until the entry
 * changes. A query is answered by scanning the texts for its words; the
 * matches of recent queries are kept until the library changes, so that
 * a query typed before (a backspace) costs nothing and one that narrows a
 * recent one (a letter more) scans only that one's matches.
 *
 * Building the texts is the expensive part: the bodies of a loaded store
 * are read from the mapping and converted from HTML, about 50 µs of CPU
 * an entry (5 s for 100,000 entries; bench/search-bench.c). Left to the
 * first keystroke, that would freeze the app:
 * bs_library_prepare_search_async() builds them ahead, on the main thread,
 * in idle slices of a few milliseconds. Not in a worker thread: reading
 * an entry's stored body changes the entry's lazy state and BsEntry is not
 * thread-safe, so the main thread would have to read and copy every body
 * for the worker (about a quarter of the work, measured), and could apply
 * a result only to an item still alive and unchanged. Slices need no such
 * care: between two of them the library may change in any way, and the
 * search text of an item is either there and current (a merge that
 * changes an entry clears it) or missing, to be built by the next search
 * that looks at it. */

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
  gsize len;

  if (item->search_text != NULL)
    return item->search_text;

  out = g_string_sized_new (1024);
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

  /* Each word once: what matches is the same, and kept and scanned for
   * every keystroke is a fraction of the text. */
  bs_search_keep_distinct_words (out);

  len = out->len;
  item->search_text = g_realloc (g_string_free (g_steal_pointer (&out), FALSE), len + 1);
  return item->search_text;
}

gboolean
_bs_library_item_matches (BsLibraryItem      *item,
                          const char * const *words)
{
  return !item->dead && bs_search_match (item_search_text (item), words);
}

/* A search made since the library last changed, to answer the same query
 * again (a backspace) or to narrow a longer one. */
typedef struct {
  GStrv      words;
  GPtrArray *matches;  /* BsLibraryItem */
} Recent;

/* How many searches are kept: enough to erase a long query letter by
 * letter. */
#define N_RECENT 24

static void
recent_free (Recent *recent)
{
  g_strfreev (recent->words);
  g_ptr_array_unref (recent->matches);
  g_free (recent);
}

/* Forgets the recent matches: to call when items come, go or change text. */
void
_bs_library_forget_search (BsLibrary *self)
{
  self->search_serial++;
  g_clear_pointer (&self->recent, g_ptr_array_unref);
}

static gboolean
inside_one_of (const char         *word,
               const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (words[i], word) != NULL)
      return TRUE;

  return FALSE;
}

/* Whether every match of @words is a match of @old: each word of @old is
 * inside one of @words. */
static gboolean
narrows (const char * const *old,
         const char * const *words)
{
  for (guint i = 0; old[i] != NULL; i++)
    if (!inside_one_of (old[i], words))
      return FALSE;

  return TRUE;
}

/* The recent search to start from: one with the same matches (each
 * narrows the other: the same words, maybe in another order), else the
 * one with the fewest matches that @words narrows, else NULL. */
static Recent *
find_recent (BsLibrary          *self,
             const char * const *words,
             gboolean           *same)
{
  Recent *best = NULL;

  *same = FALSE;
  for (guint i = 0; self->recent != NULL && i < self->recent->len; i++)
    {
      Recent *recent = g_ptr_array_index (self->recent, i);

      if (!narrows ((const char * const *) recent->words, words))
        continue;
      if (narrows (words, (const char * const *) recent->words))
        {
          *same = TRUE;
          return recent;
        }
      if (best == NULL || recent->matches->len < best->matches->len)
        best = recent;
    }

  return best;
}

/* How many items ahead the scan asks for the item and its text: items and
 * texts are scattered in memory, and waiting for each, one after the
 * other, took half the time of a keystroke. */
#define PREFETCH_AHEAD 8

#if defined(__GNUC__) || defined(__clang__)
#define prefetch(address) __builtin_prefetch (address)
#else
#define prefetch(address) ((void) (address))
#endif

/* Adds to @matches the @candidates that match @words. */
static void
scan (GPtrArray          *candidates,
      const char * const *words,
      GPtrArray          *matches)
{
  BsLibraryItem **items = (BsLibraryItem **) candidates->pdata;
  guint n = candidates->len;

  for (guint i = 0; i < n; i++)
    {
      if (i + 2 * PREFETCH_AHEAD < n)
        prefetch (items[i + 2 * PREFETCH_AHEAD]);
      if (i + PREFETCH_AHEAD < n && items[i + PREFETCH_AHEAD]->search_text != NULL)
        prefetch (items[i + PREFETCH_AHEAD]->search_text);

      if (_bs_library_item_matches (items[i], words))
        g_ptr_array_add (matches, items[i]);
    }
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
  g_autoptr(GPtrArray) check = NULL;
  GPtrArray *candidates;
  GPtrArray *matches;
  Recent *recent;
  gboolean same;

  if (words[0] == NULL)
    return g_ptr_array_new ();

  recent = find_recent (self, words, &same);
  if (same)
    {
      guint position;

      /* Used again: now the most recent, the last to go. */
      g_ptr_array_find (self->recent, recent, &position);
      g_ptr_array_add (self->recent, g_ptr_array_steal_index (self->recent, position));
      return g_ptr_array_ref (recent->matches);
    }

  /* Among the matches of @recent, a word inside one of its words is
   * there already: only the others are looked for. */
  candidates = recent != NULL ? recent->matches : self->items;
  check = g_ptr_array_new ();
  for (guint i = 0; words[i] != NULL; i++)
    if (recent == NULL || !inside_one_of (words[i], (const char * const *) recent->words))
      g_ptr_array_add (check, (gpointer) words[i]);
  g_ptr_array_add (check, NULL);

  matches = g_ptr_array_new ();
  if (check->len == 1)
    g_ptr_array_extend (matches, candidates, NULL, NULL);
  else
    scan (candidates, (const char * const *) check->pdata, matches);

  if (self->recent == NULL)
    self->recent = g_ptr_array_new_with_free_func ((GDestroyNotify) recent_free);
  if (self->recent->len == N_RECENT)
    g_ptr_array_remove_index (self->recent, 0);
  recent = g_new0 (Recent, 1);
  recent->words = g_strdupv ((char **) words);
  recent->matches = g_ptr_array_ref (matches);
  g_ptr_array_add (self->recent, recent);

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
 * the summary and content, up to 64 KiB) and kept, or ahead of time by
 * bs_library_prepare_search_async(). The matches of the last few queries
 * are kept until the library changes: a query typed again costs nothing,
 * and one that only adds to a recent one looks only at its matches.
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

/* Preparing the text of every entry ahead of the first search */

/* How long one slice of preparation may take, in microseconds: well
 * within a 60 Hz frame. A slice ends after the item that crosses it. */
#define PREPARE_SLICE_USEC 4000

/* Items looked at between two readings of the clock when they need
 * nothing: a pass over 100,000 prepared items takes a few milliseconds. */
#define PREPARE_SKIP_CHECK 1024

typedef struct {
  guint next;    /* the position in self->items to look at next */
  guint serial;  /* self->search_serial when the current pass started */
} Prepare;

/* Builds missing texts in order of self->items, newest first, until the
 * slice is over. A pass that started while items came or went may have
 * missed some (positions move between slices): when the library changed
 * during it, another pass follows, which only visits. */
static gboolean
prepare_slice_cb (gpointer data)
{
  GTask *task = data;
  BsLibrary *self = g_task_get_source_object (task);
  Prepare *prepare = g_task_get_task_data (task);
  gint64 deadline = g_get_monotonic_time () + PREPARE_SLICE_USEC;
  guint skipped = 0;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  for (;;)
    {
      while (prepare->next < self->items->len)
        {
          BsLibraryItem *item = g_ptr_array_index (self->items, prepare->next++);

          if (item->search_text == NULL && !item->dead)
            item_search_text (item);
          else if (++skipped % PREPARE_SKIP_CHECK != 0)
            continue;

          if (g_get_monotonic_time () >= deadline)
            return G_SOURCE_CONTINUE;
        }

      if (prepare->serial == self->search_serial)
        break;
      prepare->serial = self->search_serial;
      prepare->next = 0;
    }

  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

/**
 * bs_library_prepare_search_async:
 * @self: a library
 * @cancellable: (nullable): to stop preparing
 * @callback: called when every entry's text is built, or on cancellation
 * @user_data: for @callback
 *
 * Builds the search text of every entry that does not have it yet (see
 * bs_library_search()), so that the first search does not have to. The
 * work is done on the thread-default main context of the caller, in idle
 * slices of at most a few milliseconds at G_PRIORITY_LOW, so that
 * everything else the main loop has to do goes first; the library keeps
 * working meanwhile. Entries merged or changed while it runs are prepared
 * too; those that come after it finished get their text from the next
 * search that looks at them, or from the next preparation. A search before
 * it finished is correct: it builds what is still missing.
 *
 * Call it once the library is loaded, for instance when the window is
 * shown. Preparing 100,000 entries takes about as long as the first search
 * over them would (a few seconds of CPU in total).
 */
void
bs_library_prepare_search_async (BsLibrary           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSource) source = NULL;
  Prepare *prepare;

  g_return_if_fail (BS_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_library_prepare_search_async);
  g_task_set_name (task, "[bs-library] prepare search");
  g_task_set_priority (task, G_PRIORITY_LOW);

  prepare = g_new0 (Prepare, 1);
  prepare->serial = self->search_serial;
  g_task_set_task_data (task, prepare, g_free);

  source = g_idle_source_new ();
  g_source_set_name (source, "[bs-library] prepare search");
  g_task_attach_source (task, source, prepare_slice_cb);
}

/**
 * bs_library_prepare_search_finish:
 * @self: a library
 * @result: what the callback was given
 * @error: G_IO_ERROR_CANCELLED when it was cancelled
 *
 * Returns: TRUE when every entry's search text was built
 */
gboolean
bs_library_prepare_search_finish (BsLibrary     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (BS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bs_library_prepare_search_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
