/* bs-date-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by the scanners and calendar arithmetic (bs-date.c) and the
 * readers of numbers, times, offsets and names (bs-date-tokens.c). */

/* Longest folded word we classify, in bytes. */
#define WORD_MAX 48

#define UNSET G_MININT

typedef struct
{
  int year;
  int month;
  int day;
  int ordinal;               /* day of the year, or UNSET */
  int hour;                  /* UNSET when there is no time */
  int minute;
  int second;
  int ampm;                  /* 0, AMPM_AM or AMPM_PM */
  int offset;                /* minutes east of UTC */
  gboolean have_zone;
  gboolean numeric_zone;     /* the zone was given as an offset */
  gboolean korean;           /* Korean time unless a zone is given */
} DateParts;

enum { AMPM_AM = 1, AMPM_PM = 2 };

typedef struct
{
  char text[WORD_MAX + 8];
  gsize len;
  gboolean ascii;
  gboolean valid;
} Word;

static inline gboolean
bs_date_is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
bs_date_is_alpha (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline gboolean
bs_date_is_nbsp (const char *p,
                 const char *end)
{
  return end - p >= 2 && (guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0;
}

static inline gboolean
bs_date_is_space (const char *p,
                  const char *end)
{
  if ((guchar) *p <= ' ')
    return *p == ' ' || (*p >= '\t' && *p <= '\r');
  return bs_date_is_nbsp (p, end);
}

static inline gboolean
bs_date_is_word_start (const char *p,
                       const char *end)
{
  return bs_date_is_alpha (*p)
         || ((guchar) *p >= 0x80 && !bs_date_is_nbsp (p, end));
}

int       bs_date_read_digits     (const char **pp,
                                   const char  *end,
                                   int         *value);
void      bs_date_read_word       (const char **pp,
                                   const char  *end,
                                   Word        *w);
gboolean  bs_date_word_is         (const Word *w,
                                   const char *s);
int       bs_date_lookup_month    (const Word *w);
gboolean  bs_date_lookup_weekday  (const Word *w);
gboolean  bs_date_lookup_zone     (const Word *w,
                                   int        *offset);
gboolean  bs_date_parse_offset    (const char **pp,
                                   const char  *end,
                                   int         *offset);
gboolean  bs_date_parse_clock     (const char **pp,
                                   const char  *end,
                                   DateParts   *d);
gboolean  bs_date_parse_iso_time  (const char **pp,
                                   const char  *end,
                                   DateParts   *d);

G_END_DECLS
