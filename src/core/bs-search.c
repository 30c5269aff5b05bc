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
          fold_char (out, b, &pending_space);
          p++;
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
