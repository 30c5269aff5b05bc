/* bs-search.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text folding for search and for comparing titles.
 *
 * bs_search_fold() turns text into a sequence of words separated by single
 * spaces: letters and digits only, accents removed (compatibility
 * decomposition, combining marks dropped), lower-cased ("ß" becomes "ss"),
 * every run of anything else (spaces, punctuation, symbols) one space,
 * none at either end. "L'École du Nord!" folds to "l ecole du nord".
 *
 * A query matches a folded text when every word of the folded query
 * occurs in it (AND; a word may match inside a longer word, so "eco"
 * finds "ecole"). An empty query has no words and matches nothing.
 *
 * bs_search_keep_distinct_words() drops the repeated words of a folded
 * text: shorter to keep and to scan, and matched by the same queries. */

char      *bs_search_fold                (const char         *text,
                                          gssize              length);
void       bs_search_fold_append         (GString            *out,
                                          const char         *text,
                                          gssize              length);
void       bs_search_keep_distinct_words (GString            *folded);
GStrv      bs_search_query_words         (const char         *query);
gboolean   bs_search_match               (const char         *folded_text,
                                          const char * const *words);

G_END_DECLS
