/* fuzz-parser.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bs-date.h"
#include "bs-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT */
static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

static void
check_string (const char *s)
{
  if (s != NULL && !g_utf8_validate (s, -1, NULL))
    fail ("the parser returned invalid UTF-8");
}

static void
check_person (BsPerson *p)
{
  if (p == NULL)
    return;
  check_string (p->name);
  check_string (p->email);
  check_string (p->uri);
}

/* Every string in a parsed feed is valid UTF-8 (the store and the JSON
 * output rely on it), every date formats, and nothing crashes or leaks. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BsFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  /* the low bit of the length picks the mode, so both paths get fuzzed */
  BsParseFlags flags = (size & 1) ? BS_PARSE_FLAGS_SANITIZE : BS_PARSE_FLAGS_NONE;
  const char *base = (size & 2) ? "http://example.com/blog/feed.xml" : NULL;

  feed = bs_parse ((const char *) data, size, base, NULL, flags, &error);
  if (feed == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  g_assert (feed->encoding != NULL);
  check_string (feed->title);
  check_string (feed->subtitle);
  check_string (feed->link);
  check_string (feed->author);
  check_person (feed->author_detail);
  for (guint i = 0; i < feed->categories->len; i++)
    check_string (g_ptr_array_index (feed->categories, i));
  for (guint i = 0; i < feed->entries->len; i++)
    {
      BsFeedEntry *e = g_ptr_array_index (feed->entries, i);
      g_autofree char *published = NULL;

      check_string (e->id);
      check_string (e->title);
      check_string (e->link);
      check_string (e->summary);
      check_string (e->content);
      check_string (e->author);
      check_person (e->author_detail);
      for (guint j = 0; j < e->enclosures->len; j++)
        check_string (((BsEnclosure *) g_ptr_array_index (e->enclosures, j))->url);
      if (e->published != BS_DATE_NONE)
        published = bs_date_format_rfc3339 (e->published);
    }
  for (guint i = 0; i < feed->errors->len; i++)
    check_string (g_ptr_array_index (feed->errors, i));
  return 0;
}
