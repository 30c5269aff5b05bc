/* fuzz-sanitizer.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bs-html.h"

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

static gboolean
contains_ci (const char *haystack,
             const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);

  return strstr (lower, needle) != NULL;
}

/* The sanitiser never crashes, returns valid UTF-8, and whatever it
 * returns is itself clean: sanitising the output again changes nothing a
 * browser would run (no script element, no javascript: URL survives). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *clean = NULL;
  g_autofree char *again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *resolved = NULL;
  const char *html = (const char *) data;

  clean = bs_html_sanitize (html, size, "http://example.com/a/b.html");
  g_assert (clean != NULL);
  if (!g_utf8_validate (clean, -1, NULL))
    fail ("bs_html_sanitize returned invalid UTF-8");
  if (contains_ci (clean, "<script") || contains_ci (clean, "=\"javascript:") ||
      contains_ci (clean, "=\"vbscript:") || contains_ci (clean, "<object") ||
      contains_ci (clean, "<embed") || contains_ci (clean, "<style"))
    fail ("bs_html_sanitize let something executable through: %s", clean);

  again = bs_html_sanitize (clean, -1, "http://example.com/a/b.html");
  if (contains_ci (again, "<script") || contains_ci (again, "=\"javascript:"))
    fail ("sanitised output turned executable when parsed again: %s", again);

  text = bs_html_to_text (html, size);
  stripped = bs_html_strip_tags (html, size);
  resolved = bs_html_resolve_urls (html, size, "http://example.com/a/b.html");
  return 0;
}
