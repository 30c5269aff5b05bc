/* bs-date.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-date"

#include "config.h"

#include "bs-date.h"
#include "bs-date-private.h"

#include <string.h>

/* Dates are parsed by two hand-written scanners that share a "tail"
 * scanner for whatever follows the calendar date:
 *
 *  - parse_iso() for strings that start with a digit or '-': W3C-DTF and
 *    ISO 8601 (complete, basic, reduced and ordinal forms, a space instead
 *    of 'T'), the Hungarian form with a month name, the Korean forms and
 *    Perforce's YYYY/MM/DD;
 *  - parse_text() for the rest: RFC 822 and its sloppy variants, asctime,
 *    RFC 850, and the Greek form.
 *
 * Nothing is allocated and no byte past the end of the string is read.
 * Calendar arithmetic is done here (days from civil) so that years 0..9999
 * work whatever the platform's time_t and locale. Reading the pieces of a
 * date (digits, clock times, zone offsets, month, weekday and zone names)
 * is left to bs-date-tokens.c. */

/* No date is this long; longer input is not a date. */
#define MAX_DATE_LEN 256

/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z */
#define MIN_TIME G_GINT64_CONSTANT (-62167219200)
#define MAX_TIME G_GINT64_CONSTANT (253402300799)

/* Korean markers, UTF-8 */
#define KO_YEAR  "\xeb\x85\x84"             /* 년 */
#define KO_MONTH "\xec\x9b\x94"             /* 월 */
#define KO_DAY   "\xec\x9d\xbc"             /* 일 */
#define KO_AM    "\xec\x98\xa4\xec\xa0\x84" /* 오전 */
#define KO_PM    "\xec\x98\xa4\xed\x9b\x84" /* 오후 */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && bs_date_is_space (p, end))
    p += bs_date_is_nbsp (p, end) ? 2 : 1;
  return p;
}

static gboolean
has_prefix (const char *p,
            const char *end,
            const char *prefix)
{
  gsize len = strlen (prefix);

  return (gsize) (end - p) >= len && memcmp (p, prefix, len) == 0;
}

static int
expand_year (int year,
             int n_digits)
{
  /* Two digits: 90..99 are the 1990s, 00..89 are 2000..2089 (feedparser).
   * "0099" has four digits and stays year 99. */
  if (n_digits <= 2)
    return year < 90 ? 2000 + year : 1900 + year;
  return year;
}

/* A word after the date: AM/PM or a zone. In ISO dates a zone needs a
 * time, so that "2013-01-27 Textra" is not a date. */
static gboolean
apply_word (const char **pp,
            const char  *end,
            const Word  *w,
            DateParts   *d,
            gboolean     textual)
{
  int offset;

  if (w->ascii ? (bs_date_word_is (w, "am") || bs_date_word_is (w, "pm"))
                : (bs_date_word_is (w, KO_AM) || bs_date_word_is (w, KO_PM)))
    {
      if (d->ampm != 0)
        return FALSE;
      d->ampm = (bs_date_word_is (w, "am") || bs_date_word_is (w, KO_AM))
                ? AMPM_AM : AMPM_PM;
      if (!w->ascii)
        d->korean = TRUE;
      return TRUE;
    }

  /* "-0400 EDT": the offset wins over the name */
  if (d->numeric_zone && bs_date_lookup_zone (w, &offset))
    {
      d->numeric_zone = FALSE;
      return TRUE;
    }

  if (d->have_zone || (!textual && d->hour == UNSET))
    return FALSE;

  if (*pp < end && **pp == '/' && bs_date_word_is (w, "etc"))
    {
      Word name;

      /* Etc/GMT, Etc/UTC; POSIX signs are inverted: Etc/GMT+5 is UTC-5 */
      (*pp)++;
      bs_date_read_word (pp, end, &name);
      if (!bs_date_word_is (&name, "gmt") && !bs_date_word_is (&name, "utc")
          && !bs_date_word_is (&name, "uct") && !bs_date_word_is (&name, "ut")
          && !bs_date_word_is (&name, "zulu"))
        return FALSE;
      d->offset = 0;
      if (*pp < end && (**pp == '+' || **pp == '-'))
        {
          if (!bs_date_parse_offset (pp, end, &offset))
            return FALSE;
          d->offset = -offset;
        }
      d->have_zone = TRUE;
      return TRUE;
    }

  if (bs_date_lookup_zone (w, &offset))
    {
      d->offset = offset;
      d->have_zone = TRUE;

      /* GMT+hh:mm, UTC-0500, … */
      if (*pp < end && (**pp == '+' || **pp == '-')
          && (bs_date_word_is (w, "gmt") || bs_date_word_is (w, "utc")
              || bs_date_word_is (w, "ut")))
        return bs_date_parse_offset (pp, end, &d->offset);
      return TRUE;
    }

  /* An unknown zone name after the time is UTC, like feedparser does. */
  if (w->valid && w->ascii && w->len <= 5 && d->hour != UNSET)
    {
      d->offset = 0;
      d->have_zone = TRUE;
      return TRUE;
    }

  return FALSE;
}

/* What follows the calendar date: a time, a zone, AM/PM and, in textual
 * dates, the year — in any order, separated by spaces or commas, with
 * "(comments)" skipped. */
static gboolean
parse_tail (const char *p,
            const char *end,
            DateParts  *d,
            gboolean    textual)
{
  while (p < end)
    {
      if (bs_date_is_space (p, end))
        {
          p = skip_space (p, end);
        }
      else if (*p == ',')
        {
          p++;
        }
      else if (*p == '(')
        {
          int depth = 0;

          do
            {
              if (*p == '(')
                depth++;
              else if (*p == ')')
                depth--;
              p++;
            }
          while (depth > 0 && p < end);
          if (depth > 0)
            return FALSE;
        }
      else if (bs_date_is_digit (*p))
        {
          const char *q = p;
          int v;
          int n;

          n = bs_date_read_digits (&q, end, &v);
          if (q < end && *q == ':')
            {
              if (d->hour != UNSET || !bs_date_parse_clock (&p, end, d))
                return FALSE;
              continue;
            }
          if (!textual || d->year != UNSET || n > 4)
            return FALSE;
          d->year = expand_year (v, n);
          p = q;
        }
      else if (*p == '+' || *p == '-')
        {
          if (d->have_zone || (!textual && d->hour == UNSET))
            return FALSE;
          if (!bs_date_parse_offset (&p, end, &d->offset))
            return FALSE;
          d->have_zone = TRUE;
          d->numeric_zone = TRUE;
        }
      else if (bs_date_is_word_start (p, end))
        {
          Word w;

          bs_date_read_word (&p, end, &w);
          if (!apply_word (&p, end, &w, d, textual))
            return FALSE;
        }
      else
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* After "YYYY년": " MM월 DD일" (onblog). */
static gboolean
parse_korean_date (const char **pp,
                   const char  *end,
                   DateParts   *d)
{
  const char *p = *pp + strlen (KO_YEAR);
  int n;

  p = skip_space (p, end);
  n = bs_date_read_digits (&p, end, &d->month);
  p = skip_space (p, end);
  if (n < 1 || n > 2 || !has_prefix (p, end, KO_MONTH))
    return FALSE;
  p = skip_space (p + strlen (KO_MONTH), end);
  n = bs_date_read_digits (&p, end, &d->day);
  p = skip_space (p, end);
  if (n < 1 || n > 2 || !has_prefix (p, end, KO_DAY))
    return FALSE;

  d->korean = TRUE;
  *pp = p + strlen (KO_DAY);
  return TRUE;
}

/* After a 4-digit year: "-MM-DD", "-MM", "-DDD", "-0MM-DD" (Google),
 * "-month name-DD" (Hungarian), the same with '/' (Perforce), or nothing. */
static gboolean
parse_after_year (const char **pp,
                  const char  *end,
                  DateParts   *d)
{
  const char *p = *pp;
  char sep;
  int v;
  int n;

  d->month = 1;
  d->day = 1;

  if (p >= end || (*p != '-' && *p != '/'))
    return TRUE;

  sep = *p++;
  if (p >= end)
    return FALSE;

  if (bs_date_is_word_start (p, end))
    {
      Word w;

      bs_date_read_word (&p, end, &w);
      d->month = bs_date_lookup_month (&w);
      if (d->month == 0)
        return FALSE;
      if (p < end && *p == '.')
        p++;
    }
  else
    {
      n = bs_date_read_digits (&p, end, &v);
      if (n == 3 && !(p < end && *p == sep))
        {
          if (sep != '-')
            return FALSE;
          d->ordinal = v;
          *pp = p;
          return TRUE;
        }
      if (n < 1 || n > 3)
        return FALSE;
      d->month = v;
    }

  if (p < end && *p == sep)
    {
      p++;
      n = bs_date_read_digits (&p, end, &d->day);
      if (n < 1 || n > 2)
        return FALSE;
    }

  *pp = p;
  return TRUE;
}

static gboolean
parse_iso (const char *p,
           const char *end,
           DateParts  *d)
{
  int v;
  int n;

  if (*p == '-')
    {
      /* Reduced forms with an implied century: -YYMM, -YY-MM, -YY */
      p++;
      n = bs_date_read_digits (&p, end, &v);
      if (n == 4)
        {
          d->year = expand_year (v / 100, 2);
          d->month = v % 100;
        }
      else if (n == 2)
        {
          d->year = expand_year (v, 2);
          d->month = 1;
          if (p < end && *p == '-')
            {
              p++;
              if (bs_date_read_digits (&p, end, &d->month) != 2)
                return FALSE;
            }
        }
      else
        return FALSE;
      d->day = 1;
    }
  else
    {
      n = bs_date_read_digits (&p, end, &v);
      switch (n)
        {
        case 8: /* YYYYMMDD */
          d->year = v / 10000;
          d->month = v / 100 % 100;
          d->day = v % 100;
          break;
        case 7: /* YYYYDDD */
          d->year = v / 1000;
          d->ordinal = v % 1000;
          break;
        case 6: /* YYMMDD */
          d->year = expand_year (v / 10000, 2);
          d->month = v / 100 % 100;
          d->day = v % 100;
          break;
        case 5: /* YYDDD */
          d->year = expand_year (v / 1000, 2);
          d->ordinal = v % 1000;
          break;
        case 4:
          d->year = v;
          if (has_prefix (p, end, KO_YEAR))
            {
              if (!parse_korean_date (&p, end, d))
                return FALSE;
            }
          else if (!parse_after_year (&p, end, d))
            return FALSE;
          break;
        case 2: /* YY-MM-DD, YY-MM, YY-DDD */
          d->year = expand_year (v, 2);
          d->day = 1;
          if (p >= end || *p != '-')
            return FALSE;
          p++;
          n = bs_date_read_digits (&p, end, &v);
          if (n == 3)
            {
              d->ordinal = v;
            }
          else if (n == 2)
            {
              d->month = v;
              if (p < end && *p == '-')
                {
                  p++;
                  if (bs_date_read_digits (&p, end, &d->day) != 2)
                    return FALSE;
                }
            }
          else
            return FALSE;
          break;
        default:
          return FALSE;
        }
    }

  if (p < end && (*p == 'T' || *p == 't'))
    {
      p++;
      if (p >= end || !bs_date_parse_iso_time (&p, end, d))
        return FALSE;
    }
  else if (p < end && !bs_date_is_space (p, end))
    {
      return FALSE;
    }

  return parse_tail (p, end, d, FALSE);
}

/* "1st", "2nd", "3rd", "4th" */
static const char *
skip_ordinal_suffix (const char *p,
                     const char *end)
{
  if (end - p >= 2
      && (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0
          || g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0)
      && (end - p == 2 || !bs_date_is_word_start (p + 2, end)))
    return p + 2;
  return p;
}

static gboolean
parse_text (const char *p,
            const char *end,
            DateParts  *d)
{
  Word w;
  int v;
  int n;

  /* An optional weekday, in any case, abbreviated or not */
  if (bs_date_is_word_start (p, end))
    {
      const char *q = p;

      bs_date_read_word (&q, end, &w);
      if (bs_date_lookup_weekday (&w))
        {
          p = q;
          if (p < end && *p == '.')
            p++;
          p = skip_space (p, end);
          if (p < end && *p == ',')
            p++;
          p = skip_space (p, end);
        }
    }

  if (p >= end)
    return FALSE;

  if (bs_date_is_digit (*p))
    {
      /* Day first: RFC 822, RFC 850 */
      const char *q = p;

      n = bs_date_read_digits (&q, end, &v);

      /* Perforce "Fri, 2006/09/15 08:19:53 EDT", or ISO after a weekday */
      if (n == 4 && q < end && (*q == '/' || *q == '-'))
        return parse_iso (p, end, d);

      if (n < 1 || n > 2)
        return FALSE;
      d->day = v;
      p = skip_space (skip_ordinal_suffix (q, end), end);
      if (p < end && (*p == '-' || *p == '.'))
        p = skip_space (p + 1, end);
      if (p >= end || !bs_date_is_word_start (p, end))
        return FALSE;
      bs_date_read_word (&p, end, &w);
      d->month = bs_date_lookup_month (&w);
      if (d->month == 0)
        return FALSE;
    }
  else if (bs_date_is_word_start (p, end))
    {
      /* Month first: asctime, "Aug 30 2012 17:26:16 +0200" */
      bs_date_read_word (&p, end, &w);
      d->month = bs_date_lookup_month (&w);
      if (d->month == 0)
        return FALSE;
      if (p < end && *p == '.')
        p++;
      p = skip_space (p, end);
      n = bs_date_read_digits (&p, end, &v);
      if (n < 1 || n > 2 || (p < end && *p == ':'))
        return FALSE;
      d->day = v;
      p = skip_ordinal_suffix (p, end);
    }
  else
    {
      return FALSE;
    }

  /* "Jan. 2004", "06-Nov-94" */
  if (p < end && *p == '.')
    p++;
  if (end - p >= 2 && *p == '-' && bs_date_is_digit (p[1]))
    p++;
  if (p < end && !bs_date_is_space (p, end) && *p != ','
      && !bs_date_is_digit (*p))
    return FALSE;

  if (!parse_tail (p, end, d, TRUE))
    return FALSE;

  return d->year != UNSET;
}

static gboolean
is_leap_year (gint64 y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month (gint64 y,
               int    m)
{
  static const guint8 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return m == 2 && is_leap_year (y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era;
  gint64 doe;
  gint64 yoe;
  gint64 doy;
  gint64 mp;
  gint64 y;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (y + (*month <= 2));
}

static gboolean
finish (DateParts *d,
        gint64    *out)
{
  gint64 days;
  gint64 t;
  int offset = d->offset;

  if (d->hour == UNSET)
    {
      if (d->ampm != 0)
        return FALSE;
      d->hour = d->minute = d->second = 0;
    }
  else if (d->ampm != 0)
    {
      if (d->hour < 1 || d->hour > 12)
        return FALSE;
      d->hour = d->hour % 12 + (d->ampm == AMPM_PM ? 12 : 0);
    }

  if (!d->have_zone && d->korean)
    offset = 9 * 60;

  if (d->year < 0 || d->year > 9999)
    return FALSE;

  if (d->ordinal != UNSET)
    {
      if (d->ordinal < 1 || d->ordinal > (is_leap_year (d->year) ? 366 : 365))
        return FALSE;
      days = days_from_civil (d->year, 1, 1) + d->ordinal - 1;
    }
  else
    {
      if (d->month < 1 || d->month > 12
          || d->day < 1 || d->day > days_in_month (d->year, d->month))
        return FALSE;
      days = days_from_civil (d->year, d->month, d->day);
    }

  /* 24:00:00 is the end of the day; :60 is a leap second */
  if (d->hour < 0 || d->minute < 0 || d->second < 0
      || d->hour > 24 || d->minute > 59 || d->second > 60
      || (d->hour == 24 && (d->minute != 0 || d->second != 0)))
    return FALSE;

  t = days * 86400 + d->hour * 3600 + d->minute * 60 + d->second
      - (gint64) offset * 60;
  if (t < MIN_TIME || t > MAX_TIME)
    return FALSE;

  *out = t;
  return TRUE;
}

static void
date_parts_init (DateParts *d)
{
  memset (d, 0, sizeof *d);
  d->year = UNSET;
  d->ordinal = UNSET;
  d->hour = UNSET;
}

gboolean
bs_date_parse (const char *text,
               gint64     *out)
{
  const char *p;
  const char *end;
  DateParts d;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  p = text;
  end = text + strlen (text);
  p = skip_space (p, end);
  while (end > p)
    {
      if (end - p >= 2 && bs_date_is_nbsp (end - 2, end))
        end -= 2;
      else if (bs_date_is_space (end - 1, end))
        end--;
      else
        break;
    }

  if (p == end || end - p > MAX_DATE_LEN)
    return FALSE;

  if (bs_date_is_digit (*p) || *p == '-')
    {
      date_parts_init (&d);
      if (parse_iso (p, end, &d) && finish (&d, out))
        return TRUE;
    }

  if (*p != '-')
    {
      date_parts_init (&d);
      if (parse_text (p, end, &d) && finish (&d, out))
        return TRUE;
    }

  return FALSE;
}

char *
bs_date_format_rfc3339 (gint64 t)
{
  gint64 days;
  gint64 secs;
  int year;
  int month;
  int day;

  if (t < MIN_TIME || t > MAX_TIME)
    return NULL;

  days = t / 86400;
  secs = t % 86400;
  if (secs < 0)
    {
      secs += 86400;
      days--;
    }
  civil_from_days (days, &year, &month, &day);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          year, month, day,
                          (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
}
