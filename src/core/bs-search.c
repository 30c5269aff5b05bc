/* bs-search.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-search"

#include "config.h"

#include "bs-search.h"

#include <string.h>

/* Appends the folded form of one character, or a separator. */
static void
fold_char (GString  *out,
           gunichar  c,
           gboolean *pending_space)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < 0x80)
    {
      if (g_ascii_isalnum (c))
        {
          if (*pending_space && out->len > 0)
            g_string_append_c (out, ' ');
          *pending_space = FALSE;
          g_string_append_c (out, g_ascii_tolower (c));
        }
      else
        *pending_space = TRUE;
      return;
    }

  n = g_unichar_fully_decompose (c, TRUE, parts, G_N_ELEMENTS (parts));
  for (gsize i = 0; i < n; i++)
    {
      gunichar p = parts[i];

      if (g_unichar_ismark (p))
        continue;
      if (!g_unichar_isalnum (p))
        {
          *pending_space = TRUE;
          continue;
        }

      if (*pending_space && out->len > 0)
        g_string_append_c (out, ' ');
      *pending_space = FALSE;

      if (p == 0x00DF || p == 0x1E9E)  /* ß, ẞ: what casefolding gives */
        g_string_append (out, "ss");
      else
        g_string_append_unichar (out, g_unichar_tolower (p));
    }
}

/* The folded form of each ASCII character: a lower-case letter or a
 * digit, or 0 for a separator. */
static const char ascii_fold[128] = {
  ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
  ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
  ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f',
  ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l',
  ['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
  ['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x',
  ['Y'] = 'y', ['Z'] = 'z',
  ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f',
  ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l',
  ['m'] = 'm', ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r',
  ['s'] = 's', ['t'] = 't', ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x',
  ['y'] = 'y', ['z'] = 'z',
};

/* Folds the ASCII characters from @p, the common case, straight into
 * @out's buffer, up to @end or the first byte that is NUL or part of a
 * longer character: what fold_char() does for each, without a call per
 * byte. Returns where it stopped. */
static const char *
fold_ascii (GString    *out,
            const char *p,
            const char *end,
            gboolean   *pending_space)
{
  gsize len = out->len;
  char *start, *dst;

  /* At most one byte out per byte in, and a space before the first. */
  g_string_set_size (out, len + (end - p) + 1);
  start = out->str;
  dst = start + len;
  for (; p < end && (signed char) *p > 0; p++)  /* 1 to 127 */
    {
      char c = ascii_fold[(guchar) *p];

      if (c == 0)
        {
          *pending_space = TRUE;
          continue;
        }
      if (*pending_space && dst > start)
        *dst++ = ' ';
      *pending_space = FALSE;
      *dst++ = c;
    }
  g_string_truncate (out, dst - start);

  return p;
}

/**
 * bs_search_fold_append:
 * @out: where to append
 * @text: (nullable): UTF-8 text; invalid sequences count as separators
 * @length: the length of @text in bytes, or -1 when NUL-terminated
 *
 * Appends the folded form of @text to @out (see bs_search_fold()), with a
 * space first when both @out and the folded text are not empty.
 */
void
bs_search_fold_append (GString    *out,
                       const char *text,
                       gssize      length)
{
  const char *p, *end;
  gboolean pending_space = TRUE;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;
  if (length < 0)
    length = strlen (text);

  p = text;
  end = text + length;
  while (p < end)
    {
      guchar b = (guchar) *p;
      gunichar c;

      if (b < 0x80)
        {
          if (b == '\0')
            break;
          p = fold_ascii (out, p, end, &pending_space);
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          pending_space = TRUE;
          p++;
          continue;
        }
      fold_char (out, c, &pending_space);
      p = g_utf8_next_char (p);
    }
}

/**
 * bs_search_fold:
 * @text: (nullable): UTF-8 text
 * @length: the length of @text in bytes, or -1 when NUL-terminated
 *
 * Returns: (transfer full): the folded text, possibly empty
 */
char *
bs_search_fold (const char *text,
                gssize      length)
{
  GString *out = g_string_new (NULL);

  bs_search_fold_append (out, text, length);
  return g_string_free (out, FALSE);
}

/* One word kept by bs_search_keep_distinct_words(); len 0: a free slot. */
typedef struct {
  guint32 start;
  guint32 len;
} Word;

static guint32
hash_word (const char *word,
           gsize       len)
{
  guint32 hash = 2166136261u;  /* FNV-1a, as in bs_search_keep_distinct_words() */

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar) word[i]) * 16777619u;
  return hash;
}

/* Twice as many slots, for the same words. */
static Word *
grow_table (Word       *table,
            gsize      *size,
            const char *str)
{
  gsize new_size = 2 * *size;
  Word *bigger = g_new0 (Word, new_size);

  for (gsize i = 0; i < *size; i++)
    {
      gsize slot;

      if (table[i].len == 0)
        continue;
      slot = hash_word (str + table[i].start, table[i].len) & (new_size - 1);
      while (bigger[slot].len != 0)
        slot = (slot + 1) & (new_size - 1);
      bigger[slot] = table[i];
    }

  g_free (table);
  *size = new_size;
  return bigger;
}

/**
 * bs_search_keep_distinct_words:
 * @folded: text folded with bs_search_fold()
 *
 * Removes the words of @folded seen before in it, keeping the first of
 * each in its place. bs_search_match() gives the same answer for any
 * query on the result, since a query word never spans two words; the
 * text to keep and to scan is shorter: about half of it for an article
 * of 500 words of English prose.
 */
void
bs_search_keep_distinct_words (GString *folded)
{
  g_autofree Word *table = NULL;
  gsize size = 256, n_kept = 0, read = 0, write = 0;
  guchar *str;

  g_return_if_fail (folded != NULL);
  g_return_if_fail (folded->len < G_MAXUINT32);

  str = (guchar *) folded->str;
  table = g_new0 (Word, size);
  while (read < folded->len)
    {
      guint32 hash = 2166136261u;  /* FNV-1a */
      gsize len = 0, slot;
      gboolean seen = FALSE;

      /* Words end at a space or at the NUL after the text. */
      while (str[read + len] > ' ')
        hash = (hash ^ str[read + len++]) * 16777619u;
      if (len == 0)  /* a text cut after a space */
        {
          read++;
          continue;
        }

      /* Kept words are all before @write, which is at or before @read. */
      for (slot = hash & (size - 1); table[slot].len != 0; slot = (slot + 1) & (size - 1))
        if (table[slot].len == len && memcmp (str + table[slot].start, str + read, len) == 0)
          {
            seen = TRUE;
            break;
          }
      if (!seen)
        {
          if (write > 0)
            str[write++] = ' ';
          if (write != read)
            memmove (str + write, str + read, len);
          table[slot].start = write;
          table[slot].len = len;
          write += len;

          if (++n_kept > size / 2)
            table = grow_table (table, &size, (const char *) str);
        }
      read += len + 1;
    }

  g_string_truncate (folded, write);
}

static int
longer_first (gconstpointer a,
              gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/**
 * bs_search_query_words:
 * @query: (nullable): what the user typed
 *
 * Returns: (transfer full): the folded words of @query, without repeats,
 *   longest first (the rarest, usually, so a mismatch is found early);
 *   empty when @query has no letter or digit
 */
GStrv
bs_search_query_words (const char *query)
{
  g_autofree char *folded = bs_search_fold (query, -1);
  g_auto(GStrv) split = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  split = g_strsplit (folded, " ", -1);
  for (guint i = 0; split[i] != NULL; i++)
    {
      gboolean seen = split[i][0] == '\0';

      for (guint j = 0; !seen && j < words->len; j++)
        seen = strcmp (g_ptr_array_index (words, j), split[i]) == 0;
      if (!seen)
        g_ptr_array_add (words, g_strdup (split[i]));
    }

  g_ptr_array_sort (words, longer_first);

  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/**
 * bs_search_match:
 * @folded_text: text folded with bs_search_fold()
 * @words: words from bs_search_query_words()
 *
 * Returns: whether every word occurs in @folded_text; FALSE when there
 *   are no words
 */
gboolean
bs_search_match (const char         *folded_text,
                 const char * const *words)
{
  g_return_val_if_fail (folded_text != NULL, FALSE);
  g_return_val_if_fail (words != NULL, FALSE);

  if (words[0] == NULL)
    return FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (folded_text, words[i]) == NULL)
      return FALSE;

  return TRUE;
}
