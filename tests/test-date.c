/* test-date.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bs-date.h"

#include <string.h>

typedef struct {
  const char *text;
  const char *want;          /* NULL: not a date */
} DateCase;

static void
check_cases (const DateCase *cases,
             guint           n_cases)
{
  guint failures = 0;

  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *got = NULL;
      gint64 t = 0;
      gboolean ok;

      ok = bs_date_parse (cases[i].text, &t);
      if (ok)
        got = bs_date_format_rfc3339 (t);

      if (g_strcmp0 (got, cases[i].want) != 0)
        {
          g_test_message ("\"%s\": expected %s, got %s", cases[i].text,
                          cases[i].want ? cases[i].want : "not a date",
                          ok ? (got ? got : "(unformattable)") : "not a date");
          failures++;
        }
    }

  g_assert_cmpuint (failures, ==, 0);
}

#define CHECK_CASES(cases) check_cases (cases, G_N_ELEMENTS (cases))

/* Every date of the public conformance cases (cases/dates and the dates in
 * cases/wellformed), with the expected value. */
static void
test_conformance (void)
{
  static const DateCase cases[] = {
    { "-0312", "2003-12-01T00:00:00Z" },
    { "031231", "2003-12-31T00:00:00Z" },
    { "2003-012-31T10:14:55+00:00", "2003-12-31T10:14:55Z" },
    { "2004-05-25 오후 11:23:17", "2004-05-25T14:23:17Z" },
    { "Thu, 30 Apr 2015 08:57:00 MEST", "2015-04-30T06:57:00Z" },
    { "Thu, 01 Jan 0100 00:00:01 +0100", "0099-12-31T23:00:01Z" },
    { "Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
    { "Thu,  5 Apr 2012 10:00:00 GMT", "2012-04-05T10:00:00Z" },
    { "Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00Z" },
    { "Wed, 19 Feb 2012 22:40:00 GMT-01:01", "2012-02-19T23:41:00Z" },
    { "Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00Z" },
    { "Thu, 01 Jan 2004", "2004-01-01T00:00:00Z" },
    { "Mon, 26 January 2004 16:31:00 AT", "2004-01-26T20:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 MT", "2004-01-26T23:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 PT", "2004-01-27T00:31:00Z" },
    { "Fri,24 Nov 2023 18:28:36 -0000", "2023-11-24T18:28:36Z" },
    { "Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z" },
    { "Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z" },
    { "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
    { "2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z" },
    { "2003-12-31", "2003-12-31T00:00:00Z" },
    { "2003", "2003-01-01T00:00:00Z" },
    { "2000-02-28T18:14:55-08:00", "2000-02-29T02:14:55Z" },
    { "Fri, 25 Dec 2009 03:30:22 +0000", "2009-12-25T03:30:22Z" },
    { "Sat, 01 Jan 2010 19:48:21 GMT", "2010-01-01T19:48:21Z" },
    { "2002-09-28T20:01:19Z", "2002-09-28T20:01:19Z" },
  };

  CHECK_CASES (cases);
}

static void
test_rfc822 (void)
{
  static const DateCase cases[] = {
    /* 2- and 4-digit years */
    { "Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z" },
    { "Fri, 01 Jan 99 19:48:21 GMT", "1999-01-01T19:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
    /* no weekday, no seconds, no time, full names, odd spacing and case */
    { "01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
    { "1 Jan 2004 19:48 GMT", "2004-01-01T19:48:00Z" },
    { "Thu, 01 Jan 2004 00:00 GMT", "2004-01-01T00:00:00Z" },
    { "Thursday, 01 January 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
    { "Thu, 1 Sept 2011 10:00:00 GMT", "2011-09-01T10:00:00Z" },
    { "Thu,  01  Jan  2004  19:48:21  GMT", "2004-01-01T19:48:21Z" },
    { "thu, 01 jan 2004 19:48:21 gmt", "2004-01-01T19:48:21Z" },
    { "THU, 01 JAN 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
    { "Thu., 01 Jan. 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
    { "Fri,24 Nov 2023 18:28:36 -0000", "2023-11-24T18:28:36Z" },
    { "Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00Z" },
    { "Thu, 1 Jan 2004 7:48:21 PM GMT", "2004-01-01T19:48:21Z" },
    { "Thu, 1 Jan 2004 12:05:00 AM GMT", "2004-01-01T00:05:00Z" },
    { "Thu, 01 Jan 2004 19:48:21.250 GMT", "2004-01-01T19:48:21Z" },
    { "Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z" },
    { "Thu, 01 Jan 2004 19:48:21 -0800 (PST)", "2004-01-02T03:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 -0800 PST", "2004-01-02T03:48:21Z" },
    /* zones */
    { "Thu, 01 Jan 2004 19:48:21 UT", "2004-01-01T19:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 UTC", "2004-01-01T19:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 Z", "2004-01-01T19:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 Etc/GMT", "2004-01-01T19:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 Etc/GMT+5", "2004-01-02T00:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 +0530", "2004-01-01T14:18:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 -05:30", "2004-01-02T01:18:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 +01", "2004-01-01T18:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 GMT+1", "2004-01-01T18:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 GMT+01:00", "2004-01-01T18:48:21Z" },
    { "Thu, 01 Jan 2004 19:48:21 UTC-0500", "2004-01-02T00:48:21Z" },
    { "Wed, 19 Feb 2012 22:40:00 GMT-01:01", "2012-02-19T23:41:00Z" },
    { "Mon, 26 January 2004 16:31:00 EST", "2004-01-26T21:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 EDT", "2004-01-26T20:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 CST", "2004-01-26T22:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 CDT", "2004-01-26T21:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 CT", "2004-01-26T22:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 MST", "2004-01-26T23:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 MDT", "2004-01-26T22:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 MT", "2004-01-26T23:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 PST", "2004-01-27T00:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 PDT", "2004-01-26T23:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 PT", "2004-01-27T00:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 AST", "2004-01-26T20:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 ADT", "2004-01-26T19:31:00Z" },
    { "Mon, 26 January 2004 16:31:00 AT", "2004-01-26T20:31:00Z" },
    { "Thu, 30 Apr 2015 08:57:00 MET", "2015-04-30T07:57:00Z" },
    { "Thu, 30 Apr 2015 08:57:00 MEST", "2015-04-30T06:57:00Z" },
    { "Thu, 30 Apr 2015 08:57:00 CEST", "2015-04-30T06:57:00Z" },
    { "Thu, 01 Jan 2004 19:48:21 N", "2004-01-01T18:48:21Z" },
    /* an unknown zone name is UTC, as in feedparser */
    { "Thu, 01 Jan 2004 19:48:21 XYZ", "2004-01-01T19:48:21Z" },
    /* a zone without a time applies to midnight */
    { "Thu, 01 Jan 2004 +0100", "2003-12-31T23:00:00Z" },
    /* ancient and far dates */
    { "Thu, 01 Jan 0100 00:00:01 +0100", "0099-12-31T23:00:01Z" },
    { "Fri, 31 Dec 9999 23:59:59 GMT", "9999-12-31T23:59:59Z" },
    { "Sat, 01 Jan 0000 00:00:00 GMT", "0000-01-01T00:00:00Z" },
    { "Thu, 29 Feb 2024 12:00:00 GMT", "2024-02-29T12:00:00Z" },
    /* month first */
    { "Thu Aug 30 2012 17:26:16 +0200", "2012-08-30T15:26:16Z" },
    { "Jan 4th, 2004 16:29", "2004-01-04T16:29:00Z" },
  };

  CHECK_CASES (cases);
}

static void
test_asctime_perforce (void)
{
  static const DateCase cases[] = {
    { "Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z" },
    { "Sun Jan 04 16:29:06 2004", "2004-01-04T16:29:06Z" },
    { "Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z" },
    { "Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z" },
    { "Sun Jul 15 01:16:00 -0100 2012", "2012-07-15T02:16:00Z" },
    { "Sun Jul 15 01:16:00 EDT 2012", "2012-07-15T05:16:00Z" },
    { "Thu Aug 30 2012 17:26:16 +0200", "2012-08-30T15:26:16Z" },
    { "Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z" },
    { "2006/09/15 08:19:53", "2006-09-15T08:19:53Z" },
    { "Fri, 2006-09-15 08:19:53", "2006-09-15T08:19:53Z" },
  };

  CHECK_CASES (cases);
}

static void
test_iso8601 (void)
{
  static const DateCase cases[] = {
    { "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
    { "2003-12-31t10:14:55z", "2003-12-31T10:14:55Z" },
    { "2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z" },
    { "2003-12-31T18:14:55+08:00", "2003-12-31T10:14:55Z" },
    { "2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z" },
    { "2003-12-31T10:14:55+01", "2003-12-31T09:14:55Z" },
    { "2003-12-31T10:14:55.1234Z", "2003-12-31T10:14:55Z" },
    { "2003-12-31T10:14:55.1234-08:00", "2003-12-31T18:14:55Z" },
    { "2003-12-31T10:14:55,5Z", "2003-12-31T10:14:55Z" },
    { "2003-12-31T10:14Z", "2003-12-31T10:14:00Z" },
    { "2003-12-31T10:14:55", "2003-12-31T10:14:55Z" },
    { "2003-12-31T9:15Z", "2003-12-31T09:15:00Z" },
    { "2003-12-31 10:14:55Z", "2003-12-31T10:14:55Z" },
    { "2003-12-31T10:14:55 GMT", "2003-12-31T10:14:55Z" },
    { "20031231T101455Z", "2003-12-31T10:14:55Z" },
    { "20031231T1014Z", "2003-12-31T10:14:00Z" },
    { "2003-12-31T10", "2003-12-31T10:00:00Z" },
    /* MSSQL */
    { "2004-07-08 23:56:58 -00:20", "2004-07-09T00:16:58Z" },
    { "2004-07-08 23:56:58", "2004-07-08T23:56:58Z" },
    { "2004-07-08 23:56:58.0", "2004-07-08T23:56:58Z" },
    /* dates only */
    { "2003-12-31", "2003-12-31T00:00:00Z" },
    { "20031231", "2003-12-31T00:00:00Z" },
    { "2003-12", "2003-12-01T00:00:00Z" },
    { "2003", "2003-01-01T00:00:00Z" },
    { "2003-1-5", "2003-01-05T00:00:00Z" },
    /* reduced forms */
    { "031231", "2003-12-31T00:00:00Z" },
    { "03-12-31", "2003-12-31T00:00:00Z" },
    { "03-12", "2003-12-01T00:00:00Z" },
    { "-0312", "2003-12-01T00:00:00Z" },
    { "-03-12", "2003-12-01T00:00:00Z" },
    { "-03", "2003-01-01T00:00:00Z" },
    /* ordinal dates */
    { "03335", "2003-12-01T00:00:00Z" },
    { "03-335", "2003-12-01T00:00:00Z" },
    { "2003-335", "2003-12-01T00:00:00Z" },
    { "2003335", "2003-12-01T00:00:00Z" },
    { "2004-366", "2004-12-31T00:00:00Z" },
    { "2003-335T10:14:55Z", "2003-12-01T10:14:55Z" },
    /* sloppy */
    { "2003-012-31T10:14:55+00:00", "2003-12-31T10:14:55Z" },
    /* leap years and rollovers */
    { "2004-02-28T18:14:55-08:00", "2004-02-29T02:14:55Z" },
    { "2003-02-28T18:14:55-08:00", "2003-03-01T02:14:55Z" },
    { "2000-02-28T18:14:55-08:00", "2000-02-29T02:14:55Z" },
    { "1900-02-28T18:14:55-08:00", "1900-03-01T02:14:55Z" },
    { "2003-12-31T23:30:00-01:00", "2004-01-01T00:30:00Z" },
    { "2004-12-31T24:00:00Z", "2005-01-01T00:00:00Z" },
    { "2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z" },
    /* years 0..9999, and "0099" is not a 2-digit year */
    { "0099-12-31T23:00:01Z", "0099-12-31T23:00:01Z" },
    { "0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z" },
    { "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z" },
    { "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z" },
    /* whitespace around the date */
    { "  2003-12-31T10:14:55Z \n", "2003-12-31T10:14:55Z" },
    { "\t\r\n2003-12-31\t", "2003-12-31T00:00:00Z" },
    { "\xc2\xa0" "2003-12-31\xc2\xa0", "2003-12-31T00:00:00Z" },
  };

  CHECK_CASES (cases);
}

static void
test_localised (void)
{
  static const DateCase cases[] = {
    /* Greek */
    { "Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T17:00:00Z" },
    { "Κυρ, 11 Ιουλ 2004 12:00:00 EST", "2004-07-11T17:00:00Z" },
    { "ΚΥΡ, 11 ΙΟΥΛ 2004 12:00:00 GMT", "2004-07-11T12:00:00Z" },
    { "Δευ, 12 Ιουλίου 2004 12:00:00 GMT", "2004-07-12T12:00:00Z" },
    /* Hungarian */
    { "2004-július-13T9:15-05:00", "2004-07-13T14:15:00Z" },
    { "2004-Július-13T09:15:00Z", "2004-07-13T09:15:00Z" },
    { "2004-julius-13", "2004-07-13T00:00:00Z" },
    /* Korean, in Korean time */
    { "2004-05-25 오후 11:23:17", "2004-05-25T14:23:17Z" },
    { "2004-05-25 오전 11:23:17", "2004-05-25T02:23:17Z" },
    { "2004-05-25 오후 12:00:00", "2004-05-25T03:00:00Z" },
    { "2004-05-25 오전 12:00:00", "2004-05-24T15:00:00Z" },
    { "2004년 05월 28일  01:31:15", "2004-05-27T16:31:15Z" },
    { "2004년 5월 28일", "2004-05-27T15:00:00Z" },
    { "2004년05월28일 01:31:15 GMT", "2004-05-28T01:31:15Z" },
  };
  static const struct {
    const char *name;
    int month;
  } greek[] = {
    { "Ιαν", 1 }, { "Φεβ", 2 }, { "Μάρ", 3 }, { "Μαρ", 3 }, { "Απρ", 4 },
    { "Μάι", 5 }, { "Μαϊ", 5 }, { "Μαι", 5 }, { "Ιούν", 6 }, { "Ιουν", 6 },
    { "Ιούλ", 7 }, { "Ιουλ", 7 }, { "Αύγ", 8 }, { "Αυγ", 8 }, { "Σεπ", 9 },
    { "Οκτ", 10 }, { "Νοέ", 11 }, { "Νοε", 11 }, { "Δεκ", 12 },
  }, hungarian[] = {
    { "január", 1 }, { "február", 2 }, { "március", 3 }, { "április", 4 },
    { "május", 5 }, { "június", 6 }, { "július", 7 }, { "augusztus", 8 },
    { "szeptember", 9 }, { "október", 10 }, { "november", 11 },
    { "december", 12 },
  };
  static const char * const greek_weekdays[] = {
    "Κυρ", "Δευ", "Τρι", "Τετ", "Πεμ", "Παρ", "Σαβ",
  };

  CHECK_CASES (cases);

  for (guint i = 0; i < G_N_ELEMENTS (greek); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s, 01 %s 2004 10:00:00 GMT",
                                               greek_weekdays[i % 7], greek[i].name);
      g_autofree char *want = g_strdup_printf ("2004-%02d-01T10:00:00Z", greek[i].month);
      DateCase c = { text, want };

      check_cases (&c, 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (hungarian); i++)
    {
      g_autofree char *text = g_strdup_printf ("2004-%s-13T9:15-05:00", hungarian[i].name);
      g_autofree char *want = g_strdup_printf ("2004-%02d-13T14:15:00Z", hungarian[i].month);
      DateCase c = { text, want };

      check_cases (&c, 1);
    }
}

static void
test_rejects (void)
{
  static const DateCase cases[] = {
    { "", NULL },
    { "   ", NULL },
    { "garbage", NULL },
    { "Thu", NULL },
    { "Thu, ", NULL },
    { "Thu, 01 Jan", NULL },
    { "0", NULL },
    { "013", NULL },
    { "-", NULL },
    { "2003-", NULL },
    { "2003-12-31T", NULL },
    { "2003-12-31T1", NULL },
    { "2003-12-31T101", NULL },
    { "2003-12-31x", NULL },
    /* out-of-range fields are rejected, not wrapped */
    { "2003-13-01", NULL },
    { "2003-00-10", NULL },
    { "2003-12-32", NULL },
    { "2003-12-00", NULL },
    { "2003-02-29", NULL },
    { "1900-02-29", NULL },
    { "2003-000", NULL },
    { "2003-366", NULL },
    { "2003-12-31T25:14:55Z", NULL },
    { "2003-12-31T24:30:00Z", NULL },
    { "2003-12-31T10:61:55Z", NULL },
    { "2003-12-31T10:14:61Z", NULL },
    { "2003-12-31T10:14:55+24:00", NULL },
    { "2003-12-31T10:14:55+01:60", NULL },
    { "9999-12-31T23:59:59-99:99", NULL },
    { "Thu, 32 Jan 2004 00:00:00 GMT", NULL },
    { "Sun, 99 Jun 2009 12:00:00 GMT", NULL },
    { "Thu, 01 Jan 2004 25:00:00 GMT", NULL },
    { "Thu, 01 Jan 2004 13:00:00 PM GMT", NULL },
    { "Thu, 01 Jan 2004 00:00:00 AM GMT", NULL },
    /* results outside years 0..9999 */
    { "10000-01-01", NULL },
    { "9999-12-31T23:59:59-01:00", NULL },
    { "Sat, 01 Jan 0000 00:00:00 +0100", NULL },
    /* feedparser's invalid dates */
    { "Sun, 16 Dec 2012 1:2:3:4 GMT", NULL },
    { "Sun, 16 zzz 2012 11:47:32 GMT", NULL },
    { "Sun, Dec x 2012 11:47:32 GMT", NULL },
    { "Sun, 16 Dec zz 11:47:32 GMT", NULL },
    { "Sun, 16 Dec 2012 11:47:32 +zz:00", NULL },
    { "Sun, 16 Dec 2012 11:47:32 +00:zz", NULL },
    { "2013-01-27-01", NULL },
    { "2013-01-28T11:30:00-06:00Textra", NULL },
    { "2013-xx-27", NULL },
    { "2013-01-28T09:xx:00Z", NULL },
    { "2013-01-28T09:00:00+00:xx", NULL },
    /* other junk */
    { "Thu, 01 Foo 2004 19:48:21 GMT", NULL },
    { "Thu, 01 Jan 2004 19:48:21 GMT GMT", NULL },
    { "Thu, 01 Jan 2004 19:48:21 +0100 +0100", NULL },
    { "Thu, 01 Jan 2004 19:48:21 +0100 CET CET", NULL },
    { "Thu, 01 Jan 2004 19:48:21 GMT +0100", NULL },
    { "Thu, 01 Jan 2004 19:48:21 2005", NULL },
    { "Thu, 01 Jan 2004 19:48:21 (unterminated", NULL },
    { "Thu, 01 Jan 2004 19:48:21 America/New_York", NULL },
    { "Thu, 01 Jan 20040 19:48:21 GMT", NULL },
    { "Thu, 001 Jan 2004 19:48:21 GMT", NULL },
    { "12/25/2004", NULL },
    { "2003-12-31 Z", NULL },
    { "2004-foo-13", NULL },
    { "2004-05-25 오후 13:00:00", NULL },
    { "2004년 13월 28일", NULL },
    { "2003-12-31T10:14:55Z\x01", NULL },
    /* invalid UTF-8 */
    { "\xff\xfe", NULL },
    { "Thu, 01 \xce Jan 2004", NULL },
    { "2004-\xc3-13", NULL },
    { "2004-j\xc3\x28lius-13", NULL },
    { "\xce\x9a\xcf 11 Jul 2004", NULL },
  };

  CHECK_CASES (cases);
}

/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z */
#define MIN_TIME G_GINT64_CONSTANT (-62167219200)
#define MAX_TIME G_GINT64_CONSTANT (253402300799)

static void
test_format (void)
{
  static const struct {
    gint64 t;
    const char *want;
  } cases[] = {
    { 0, "1970-01-01T00:00:00Z" },
    { -1, "1969-12-31T23:59:59Z" },
    { 951782400, "2000-02-29T00:00:00Z" },
    { 1072915199, "2003-12-31T23:59:59Z" },
    { MIN_TIME, "0000-01-01T00:00:00Z" },
    { MAX_TIME, "9999-12-31T23:59:59Z" },
    { MIN_TIME - 1, NULL },
    { MAX_TIME + 1, NULL },
    { G_MININT64, NULL },
    { G_MAXINT64, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_date_format_rfc3339 (cases[i].t);

      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

/* Every few weeks over years 0..9999: format, parse back, and compare the
 * calendar with GDateTime's where it has one (years 1..9999). */
static void
test_round_trip (void)
{
  for (gint64 t = MIN_TIME; t <= MAX_TIME; t += 1999993 /* ~23 days */)
    {
      g_autofree char *text = bs_date_format_rfc3339 (t);
      gint64 back = 0;

      g_assert_nonnull (text);
      g_assert_cmpuint (strlen (text), ==, 20);
      g_assert_true (bs_date_parse (text, &back));
      g_assert_cmpint (back, ==, t);

      if (t >= G_GINT64_CONSTANT (-62135596800))
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
          g_autofree char *want = NULL;

          g_assert_nonnull (dt);
          want = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
          /* GDateTime pads years below 1000 with spaces or not at all */
          if (g_date_time_get_year (dt) >= 1000)
            g_assert_cmpstr (text, ==, want);
          else
            g_assert_cmpstr (text + 4, ==, strchr (want, '-'));
        }
    }
}

/* Truncations, single-byte mutations and random bytes must never crash,
 * read out of bounds (run under ASan or valgrind) or produce a time that
 * cannot be formatted. */
static void
test_hostile (void)
{
  static const char * const seeds[] = {
    "Thu, 01 Jan 2004 19:48:21 GMT-01:01 (comment)",
    "2003-012-31T10:14:55.1234+00:00",
    "Κυρ, 11 Ιούλ 2004 12:00:00 EST",
    "2004-július-13T9:15-05:00",
    "2004년 05월 28일  01:31:15",
    "2004-05-25 오후 11:23:17",
    "Sun Jul 15 01:16:00 +0000 2012",
    "Fri, 2006/09/15 08:19:53 Etc/GMT+5",
  };
  static const char bytes[] = "0123456789 ,:-+/.()TZtzJanGMTPM\xc2\xa0\xce\xeb\xff";
  GString *long_text;
  gint64 t;

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      gsize len = strlen (seeds[i]);

      for (gsize cut = 0; cut <= len; cut++)
        {
          g_autofree char *prefix = g_strndup (seeds[i], cut);

          if (bs_date_parse (prefix, &t))
            g_assert_true (t >= MIN_TIME && t <= MAX_TIME);

          /* exactly-sized heap copies, so ASan sees any overread */
          for (guint k = 0; k < sizeof bytes - 1 && cut < len; k++)
            {
              g_autofree char *mutated = g_strdup (seeds[i]);

              mutated[cut] = bytes[k];
              if (bs_date_parse (mutated, &t))
                g_assert_true (t >= MIN_TIME && t <= MAX_TIME);
            }
        }
    }

  for (guint i = 0; i < 20000; i++)
    {
      char buf[24];
      guint n = g_test_rand_int_range (1, sizeof buf);

      for (guint k = 0; k < n - 1; k++)
        buf[k] = bytes[g_test_rand_int_range (0, sizeof bytes - 1)];
      buf[n - 1] = '\0';
      if (bs_date_parse (buf, &t))
        g_assert_true (t >= MIN_TIME && t <= MAX_TIME);
    }

  /* very long strings */
  long_text = g_string_new (NULL);
  for (guint i = 0; i < 100000; i++)
    g_string_append (long_text, "1");
  g_assert_false (bs_date_parse (long_text->str, &t));
  g_string_truncate (long_text, 0);
  g_string_append (long_text, "Thu, 01 Jan 2004 19:48:21 (");
  for (guint i = 0; i < 200; i++)
    g_string_append_c (long_text, '(');
  g_assert_false (bs_date_parse (long_text->str, &t));
  g_string_truncate (long_text, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (long_text, ' ');
  g_string_append (long_text, "2003-12-31");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (long_text, '\n');
  g_assert_true (bs_date_parse (long_text->str, &t));
  g_string_free (long_text, TRUE);

  g_assert_false (bs_date_parse (NULL, &t));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/broadsheet/date/conformance", test_conformance);
  g_test_add_func ("/broadsheet/date/rfc822", test_rfc822);
  g_test_add_func ("/broadsheet/date/asctime-perforce", test_asctime_perforce);
  g_test_add_func ("/broadsheet/date/iso8601", test_iso8601);
  g_test_add_func ("/broadsheet/date/localised", test_localised);
  g_test_add_func ("/broadsheet/date/rejects", test_rejects);
  g_test_add_func ("/broadsheet/date/format", test_format);
  g_test_add_func ("/broadsheet/date/round-trip", test_round_trip);
  g_test_add_func ("/broadsheet/date/hostile", test_hostile);

  return g_test_run ();
}
