/* bs-date-tokens.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-date"

#include "config.h"

#include "bs-date-private.h"

#include <string.h>

/* The pieces the scanners in bs-date.c read a date from: runs of digits,
 * clock times and zone offsets, and words, folded and matched against the
 * month, weekday and zone names (English, Hungarian and Greek). */

/* Words are compared after fold_char(): lower case, Latin and Greek
 * accents removed, final sigma as sigma. A month or weekday matches when
 * the word starts with one of these, so "Jan", "January", "Sept",
 * "július", "Ιούλ" and "Ιουλίου" all work. */
static const struct {
  const char *prefix;
  int month;
} month_names[] = {
  /* English (and Hungarian where they agree) */
  { "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "may", 5 },
  { "jun", 6 }, { "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "oct", 10 },
  { "nov", 11 }, { "dec", 12 },
  /* Hungarian: május, szeptember, október */
  { "maj", 5 }, { "sze", 9 }, { "okt", 10 },
  /* Greek */
  { "ιαν", 1 }, { "φεβ", 2 }, { "μαρ", 3 }, { "μαω", 3 }, { "απρ", 4 },
  { "μαι", 5 }, { "ιουν", 6 }, { "ιον", 6 }, { "ιουλ", 7 }, { "ιολ", 7 },
  { "αυγ", 8 }, { "σεπ", 9 }, { "οκτ", 10 }, { "νοε", 11 }, { "δεκ", 12 },
};

static const char * const weekday_names[] = {
  "mon", "tue", "wed", "thu", "fri", "sat", "sun",
  "δευ", "τρι", "τετ", "πεμ", "παρ", "σαβ", "κυρ",
};

/* Minutes east of UTC. Names not listed here are UTC, like feedparser. */
static const struct {
  const char name[5];
  gint16 offset;
} zone_names[] = {
  { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "uct", 0 }, { "z", 0 },
  { "zulu", 0 }, { "wet", 0 },
  { "at", -240 }, { "ast", -240 }, { "adt", -180 },
  { "et", -300 }, { "est", -300 }, { "edt", -240 },
  { "ct", -360 }, { "cst", -360 }, { "cdt", -300 },
  { "mt", -420 }, { "mst", -420 }, { "mdt", -360 },
  { "pt", -480 }, { "pst", -480 }, { "pdt", -420 },
  { "akst", -540 }, { "akdt", -480 }, { "hst", -600 }, { "hdt", -540 },
  { "nst", -210 }, { "ndt", -150 },
  { "met", 60 }, { "mest", 120 }, { "cet", 60 }, { "cest", 120 },
  { "mez", 60 }, { "mesz", 120 }, { "west", 60 }, { "bst", 60 },
  { "eet", 120 }, { "eest", 180 }, { "msk", 180 },
  { "hkt", 480 }, { "sgt", 480 }, { "awst", 480 },
  { "jst", 540 }, { "kst", 540 }, { "acst", 570 }, { "acdt", 630 },
  { "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
};

/* Reads a run of ASCII digits. Returns its length; *value is only
 * meaningful for runs of up to 9 digits. */
int
bs_date_read_digits (const char **pp,
                     const char  *end,
                     int         *value)
{
  const char *p = *pp;
  int v = 0;
  int n = 0;

  while (p < end && bs_date_is_digit (*p))
    {
      if (n < 9)
        v = v * 10 + (*p - '0');
      n++;
      p++;
    }

  *pp = p;
  *value = v;
  return n;
}

/* Skips ".123" or ",123" (fractional seconds are dropped). */
static const char *
skip_fraction (const char *p,
               const char *end)
{
  if (end - p >= 2 && (*p == '.' || *p == ',') && bs_date_is_digit (p[1]))
    {
      p++;
      while (p < end && bs_date_is_digit (*p))
        p++;
    }
  return p;
}

static gunichar
fold_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_tolower ((char) c);

  /* Latin-1 and Hungarian letters: lower case, no accents */
  if (c >= 0xc0 && c <= 0xde && c != 0xd7)
    c += 0x20;
  if (c >= 0xe0 && c <= 0xe5)
    return 'a';
  if (c == 0xe7)
    return 'c';
  if (c >= 0xe8 && c <= 0xeb)
    return 'e';
  if (c >= 0xec && c <= 0xef)
    return 'i';
  if (c == 0xf1)
    return 'n';
  if ((c >= 0xf2 && c <= 0xf6) || c == 0xf8 || c == 0x150 || c == 0x151)
    return 'o';
  if ((c >= 0xf9 && c <= 0xfc) || c == 0x170 || c == 0x171)
    return 'u';
  if (c == 0xfd || c == 0xff)
    return 'y';

  /* Greek: lower case, no tonos or dialytika */
  if (c >= 0x391 && c <= 0x3ab)
    c += 0x20;
  switch (c)
    {
    case 0x386: case 0x3ac:
      return 0x3b1;
    case 0x388: case 0x3ad:
      return 0x3b5;
    case 0x389: case 0x3ae:
      return 0x3b7;
    case 0x38a: case 0x3af: case 0x3ca: case 0x390:
      return 0x3b9;
    case 0x38c: case 0x3cc:
      return 0x3bf;
    case 0x38e: case 0x3cd: case 0x3cb: case 0x3b0:
      return 0x3c5;
    case 0x38f: case 0x3ce:
      return 0x3c9;
    case 0x3c2:
      return 0x3c3;
    default:
      return c;
    }
}

/* Reads a word (ASCII letters and any non-ASCII character) and folds it
 * into @w. Invalid UTF-8 or an overlong word leave @w invalid, so that it
 * matches nothing. */
void
bs_date_read_word (const char **pp,
                   const char  *end,
                   Word        *w)
{
  const char *p = *pp;

  w->len = 0;
  w->ascii = TRUE;
  w->valid = TRUE;

  while (p < end && bs_date_is_word_start (p, end))
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (w->valid && w->len < WORD_MAX)
            w->text[w->len++] = (*p >= 'A' && *p <= 'Z') ? *p + ('a' - 'A') : *p;
          else
            w->valid = FALSE;
          p++;
          continue;
        }
      else
        {
          w->ascii = FALSE;
          c = g_utf8_get_char_validated (p, end - p);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              w->valid = FALSE;
              p++;
              continue;
            }
          p = g_utf8_next_char (p);
        }

      if (!w->valid)
        continue;
      if (w->len + 6 > WORD_MAX)
        {
          w->valid = FALSE;
          continue;
        }
      w->len += g_unichar_to_utf8 (fold_char (c), w->text + w->len);
    }

  w->text[w->len] = '\0';
  *pp = p;
}

gboolean
bs_date_word_is (const Word *w,
                 const char *s)
{
  return w->valid && strcmp (w->text, s) == 0;
}

/* Callers check w->valid; the first byte is compared inline because this
 * runs for every table entry. */
static inline gboolean
word_has_prefix (const Word *w,
                 const char *prefix)
{
  return w->text[0] == prefix[0] && strncmp (w->text, prefix, strlen (prefix)) == 0;
}

int
bs_date_lookup_month (const Word *w)
{
  if (!w->valid)
    return 0;
  for (gsize i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (word_has_prefix (w, month_names[i].prefix))
      return month_names[i].month;
  return 0;
}

gboolean
bs_date_lookup_weekday (const Word *w)
{
  if (!w->valid)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (weekday_names); i++)
    if (word_has_prefix (w, weekday_names[i]))
      return TRUE;
  return FALSE;
}

gboolean
bs_date_lookup_zone (const Word *w,
                     int        *offset)
{
  if (!w->valid || !w->ascii)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (zone_names); i++)
    if (w->text[0] == zone_names[i].name[0] && strcmp (w->text, zone_names[i].name) == 0)
      {
        *offset = zone_names[i].offset;
        return TRUE;
      }

  /* RFC 822 military zones: A..I = -1..-9, K..M = -10..-12,
   * N..Y = +1..+12 (Z is in the table) */
  if (w->len == 1 && w->text[0] >= 'a' && w->text[0] <= 'y' && w->text[0] != 'j')
    {
      char c = w->text[0];

      if (c <= 'i')
        *offset = -60 * (c - 'a' + 1);
      else if (c <= 'm')
        *offset = -60 * (c - 'k' + 10);
      else
        *offset = 60 * (c - 'n' + 1);
      return TRUE;
    }

  return FALSE;
}

/* +hh, +h, +hhmm, +hmm, +hh:mm; the sign is at *pp. */
gboolean
bs_date_parse_offset (const char **pp,
                      const char  *end,
                      int         *offset)
{
  const char *p = *pp;
  int sign = *p == '-' ? -1 : 1;
  int hours;
  int minutes = 0;
  int v;
  int n;

  p++;
  n = bs_date_read_digits (&p, end, &v);
  if (n == 3 || n == 4)
    {
      hours = v / 100;
      minutes = v % 100;
    }
  else if (n == 1 || n == 2)
    {
      hours = v;
      if (p < end && *p == ':')
        {
          p++;
          if (bs_date_read_digits (&p, end, &minutes) != 2)
            return FALSE;
        }
    }
  else
    return FALSE;

  if (hours > 23 || minutes > 59)
    return FALSE;

  *offset = sign * (hours * 60 + minutes);
  *pp = p;
  return TRUE;
}

/* h[h]:m[m][:s[s]][.fraction] */
gboolean
bs_date_parse_clock (const char **pp,
                     const char  *end,
                     DateParts   *d)
{
  const char *p = *pp;
  int v;
  int n;

  n = bs_date_read_digits (&p, end, &v);
  if (n < 1 || n > 2 || p >= end || *p != ':')
    return FALSE;
  d->hour = v;
  p++;

  n = bs_date_read_digits (&p, end, &v);
  if (n < 1 || n > 2)
    return FALSE;
  d->minute = v;
  d->second = 0;

  if (p < end && *p == ':')
    {
      p++;
      n = bs_date_read_digits (&p, end, &v);
      if (n < 1 || n > 2)
        return FALSE;
      d->second = v;
    }

  p = skip_fraction (p, end);

  /* "1:2:3:4" is not a time */
  if (p < end && *p == ':')
    return FALSE;

  *pp = p;
  return TRUE;
}

/* The time after an ISO 'T': extended (h[h]:mm[:ss]) or basic
 * (hh, hhmm, hhmmss), with an optional fraction. */
gboolean
bs_date_parse_iso_time (const char **pp,
                        const char  *end,
                        DateParts   *d)
{
  const char *p = *pp;
  int v;
  int n;

  n = bs_date_read_digits (&p, end, &v);
  if (p < end && *p == ':')
    return bs_date_parse_clock (pp, end, d);

  switch (n)
    {
    case 2:
      d->hour = v;
      d->minute = 0;
      d->second = 0;
      break;
    case 4:
      d->hour = v / 100;
      d->minute = v % 100;
      d->second = 0;
      break;
    case 6:
      d->hour = v / 10000;
      d->minute = v / 100 % 100;
      d->second = v % 100;
      break;
    default:
      return FALSE;
    }

  *pp = skip_fraction (p, end);
  return TRUE;
}
