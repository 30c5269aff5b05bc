/* bs-encoding.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-encoding"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "bs-encoding.h"

/* windows-1252 0x80..0x9F; the five unassigned bytes map to the C1
 * control of the same value, as browsers do. */
static const guint16 cp1252_c1[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

gunichar
bs_encoding_cp1252_c1 (gunichar c)
{
  if (c >= 0x80 && c <= 0x9F)
    return cp1252_c1[c - 0x80];
  return c;
}

typedef enum {
  ENC_UTF8,
  ENC_UTF16LE,
  ENC_UTF16BE,
  ENC_UTF32LE,
  ENC_UTF32BE,
  ENC_SINGLE_BYTE,   /* us-ascii, iso-8859-1, windows-1252: our own table */
  ENC_ICONV,
} EncKind;

void
bs_decoded_clear (BsDecoded *decoded)
{
  g_clear_pointer (&decoded->encoding, g_free);
  g_clear_pointer (&decoded->utf8, g_free);
  g_clear_pointer (&decoded->error, g_free);
  decoded->utf8_len = 0;
  decoded->offset = 0;
}

char *
bs_encoding_sniff_declaration (const char *data,
                               gsize       length)
{
  const char *end;
  const char *p;
  char quote;
  const char *name;

  if (length < 6 || memcmp (data, "<?xml", 5) != 0)
    return NULL;
  end = data + MIN (length, 512);
  for (p = data + 5; p + 1 < end; p++)
    if (p[0] == '?' && p[1] == '>')
      break;
  end = p;

  for (p = data + 5; p + 8 <= end; p++)
    if (memcmp (p, "encoding", 8) == 0)
      break;
  if (p + 8 > end)
    return NULL;
  p += 8;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || *p != '=')
    return NULL;
  p++;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || (*p != '"' && *p != '\''))
    return NULL;
  quote = *p++;
  name = p;
  while (p < end && *p != quote)
    {
      /* an encoding name is ASCII letters, digits and ._-: */
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != ':')
        return NULL;
      p++;
    }
  if (p >= end || p == name)
    return NULL;
  return g_ascii_strdown (name, p - name);
}

static char *
normalise_label (const char *label)
{
  g_autofree char *l = g_ascii_strdown (label, -1);

  g_strstrip (l);
  if (g_str_equal (l, "utf8") || g_str_equal (l, "unicode-1-1-utf-8"))
    return g_strdup ("utf-8");
  if (g_str_equal (l, "latin1") || g_str_equal (l, "latin-1") || g_str_equal (l, "l1") ||
      g_str_equal (l, "iso8859-1") || g_str_equal (l, "iso_8859-1") || g_str_equal (l, "iso-latin-1"))
    return g_strdup ("iso-8859-1");
  if (g_str_equal (l, "ascii") || g_str_equal (l, "us_ascii"))
    return g_strdup ("us-ascii");
  if (g_str_equal (l, "cp1252") || g_str_equal (l, "win-1252") || g_str_equal (l, "windows_1252"))
    return g_strdup ("windows-1252");
  return g_steal_pointer (&l);
}

static EncKind
kind_for_label (const char *label)
{
  if (g_str_equal (label, "utf-8"))
    return ENC_UTF8;
  if (g_str_equal (label, "us-ascii") || g_str_equal (label, "iso-8859-1") ||
      g_str_equal (label, "windows-1252"))
    return ENC_SINGLE_BYTE;
  if (g_str_equal (label, "ucs-2") || g_str_equal (label, "iso-10646-ucs-2") ||
      g_str_equal (label, "csunicode") || g_str_equal (label, "unicode") ||
      g_str_equal (label, "utf-16"))
    return ENC_UTF16BE;
  if (g_str_equal (label, "ucs-4") || g_str_equal (label, "iso-10646-ucs-4") ||
      g_str_equal (label, "csucs4") || g_str_equal (label, "utf-32"))
    return ENC_UTF32BE;
  if (g_str_equal (label, "utf-16le"))
    return ENC_UTF16LE;
  if (g_str_equal (label, "utf-16be"))
    return ENC_UTF16BE;
  if (g_str_equal (label, "utf-32le"))
    return ENC_UTF32LE;
  if (g_str_equal (label, "utf-32be"))
    return ENC_UTF32BE;
  return ENC_ICONV;
}

static void
set_error (BsDecoded  *out,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
set_error (BsDecoded  *out,
           const char *format,
           ...)
{
  va_list args;

  if (out->error != NULL)
    return;
  va_start (args, format);
  out->error = g_strdup_vprintf (format, args);
  va_end (args);
}

/* g_utf8_validate_len() checks byte by byte; feeds are mostly ASCII, so
 * skip ASCII eight bytes at a time and validate only the rest. NUL bytes
 * pass here: the XML parser reports them. */
gboolean
bs_encoding_utf8_valid (const char  *data,
                        gsize        length,
                        const char **bad)
{
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      const char *run;

      while (p + 8 <= end)
        {
          guint64 w;

          memcpy (&w, p, 8);
          if (w & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          p += 8;
        }
      while (p < end && (guchar) *p < 0x80)
        p++;
      if (p >= end)
        break;
      /* a run of non-ASCII text: validate it up to the next ASCII byte */
      run = p;
      while (p < end && (guchar) *p >= 0x80)
        p++;
      if (!g_utf8_validate_len (run, p - run, bad))
        return FALSE;
    }
  return TRUE;
}

static inline void
append_unichar (GString  *s,
                gunichar  c)
{
  if (c < 0x80)
    g_string_append_c (s, (char) c);
  else
    g_string_append_unichar (s, c);
}

/* UTF-8 with stray bytes read as windows-1252. Returns TRUE when the input
 * had at least one valid multi-byte sequence (so it really is UTF-8). */
static gboolean
decode_utf8_repair (const char *data,
                    gsize       length,
                    GString    *s)
{
  const char *p = data;
  const char *end = data + length;
  gboolean saw_multibyte = FALSE;

  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate_len (p, end - p, &bad))
        {
          g_string_append_len (s, p, end - p);
          break;
        }
      g_string_append_len (s, p, bad - p);
      for (const char *q = p; q < bad; q++)
        if ((guchar) *q >= 0x80)
          {
            saw_multibyte = TRUE;
            break;
          }
      {
        guchar b = (guchar) *bad;

        if (b == 0)
          g_string_append_unichar (s, 0xFFFD);
        else
          append_unichar (s, bs_encoding_cp1252_c1 (b));
      }
      p = bad + 1;
    }
  return saw_multibyte;
}

static gboolean
decode_single_byte (const char *data,
                    gsize       length,
                    gboolean    ascii_only,
                    GString    *s)
{
  gboolean ok = TRUE;

  for (gsize i = 0; i < length; i++)
    {
      guchar b = (guchar) data[i];

      if (b < 0x80)
        g_string_append_c (s, (char) b);
      else
        {
          if (ascii_only)
            ok = FALSE;
          append_unichar (s, bs_encoding_cp1252_c1 (b));
        }
    }
  return ok;
}

static gboolean
decode_utf16 (const guchar *data,
              gsize         length,
              gboolean      big_endian,
              GString      *s)
{
  gboolean ok = (length % 2) == 0;
  gsize i;

  for (i = 0; i + 1 < length; i += 2)
    {
      gunichar u = big_endian ? (data[i] << 8 | data[i + 1]) : (data[i + 1] << 8 | data[i]);

      if (u >= 0xD800 && u <= 0xDBFF && i + 3 < length)
        {
          gunichar lo = big_endian ? (data[i + 2] << 8 | data[i + 3]) : (data[i + 3] << 8 | data[i + 2]);

          if (lo >= 0xDC00 && lo <= 0xDFFF)
            {
              append_unichar (s, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
              i += 2;
              continue;
            }
        }
      if (u >= 0xD800 && u <= 0xDFFF)
        {
          ok = FALSE;
          u = 0xFFFD;
        }
      append_unichar (s, u);
    }
  return ok;
}

static gboolean
decode_utf32 (const guchar *data,
              gsize         length,
              gboolean      big_endian,
              GString      *s)
{
  gboolean ok = (length % 4) == 0;
  gsize i;

  for (i = 0; i + 3 < length; i += 4)
    {
      guint32 u = big_endian
        ? ((guint32) data[i] << 24 | data[i + 1] << 16 | data[i + 2] << 8 | data[i + 3])
        : ((guint32) data[i + 3] << 24 | data[i + 2] << 16 | data[i + 1] << 8 | data[i]);

      if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF))
        {
          ok = FALSE;
          u = 0xFFFD;
        }
      append_unichar (s, u);
    }
  return ok;
}

/* Returns FALSE when iconv does not know @label at all. */
static gboolean
decode_iconv (const char *data,
              gsize       length,
              const char *label,
              GString    *s,
              gboolean   *had_invalid)
{
  GIConv cd = g_iconv_open ("UTF-8", label);
  char buf[8192];
  char *in = (char *) data;
  gsize in_left = length;

  *had_invalid = FALSE;
  if (cd == (GIConv) -1)
    return FALSE;

  while (in_left > 0)
    {
      char *outp = buf;
      gsize out_left = sizeof buf;
      gsize r = g_iconv (cd, &in, &in_left, &outp, &out_left);

      g_string_append_len (s, buf, outp - buf);
      if (r == (gsize) -1)
        {
          if (errno == E2BIG)
            continue;
          /* EILSEQ or EINVAL (truncated at the end): replace one byte */
          *had_invalid = TRUE;
          g_string_append_unichar (s, 0xFFFD);
          in++;
          in_left--;
          g_iconv (cd, NULL, NULL, NULL, NULL);
        }
    }
  {
    char *outp = buf;
    gsize out_left = sizeof buf;

    g_iconv (cd, NULL, NULL, &outp, &out_left);
    g_string_append_len (s, buf, outp - buf);
  }
  g_iconv_close (cd);
  return TRUE;
}

/* Decodes @data with @kind; fills @out. */
static void
decode_as (const char *data,
           gsize       length,
           EncKind     kind,
           const char *label,
           BsDecoded  *out)
{
  g_autoptr(GString) s = NULL;
  gboolean had_invalid = FALSE;

  switch (kind)
    {
    case ENC_UTF8:
      {
        const char *bad;

        if (bs_encoding_utf8_valid (data, length, &bad))
          {
            out->encoding = g_strdup ("utf-8");
            return;
          }
        s = g_string_sized_new (length + length / 8);
        if (!decode_utf8_repair (data, length, s))
          {
            out->encoding = g_strdup ("windows-1252");
            set_error (out, "the document is not valid UTF-8; read as windows-1252");
          }
        else
          {
            out->encoding = g_strdup ("utf-8");
            set_error (out, "invalid UTF-8 at byte %" G_GSIZE_FORMAT, (gsize) (bad - data));
          }
      }
      break;

    case ENC_SINGLE_BYTE:
      s = g_string_sized_new (length + length / 8);
      if (!decode_single_byte (data, length, g_str_equal (label, "us-ascii"), s))
        set_error (out, "bytes above 127 in a document declared as us-ascii");
      out->encoding = g_strdup (label);
      break;

    case ENC_UTF16LE:
    case ENC_UTF16BE:
      s = g_string_sized_new (length / 2 + 16);
      if (!decode_utf16 ((const guchar *) data, length, kind == ENC_UTF16BE, s))
        set_error (out, "invalid UTF-16");
      out->encoding = g_strdup (kind == ENC_UTF16BE ? "utf-16be" : "utf-16le");
      break;

    case ENC_UTF32LE:
    case ENC_UTF32BE:
      s = g_string_sized_new (length / 4 + 16);
      if (!decode_utf32 ((const guchar *) data, length, kind == ENC_UTF32BE, s))
        set_error (out, "invalid UTF-32");
      out->encoding = g_strdup (kind == ENC_UTF32BE ? "utf-32be" : "utf-32le");
      break;

    case ENC_ICONV:
    default:
      s = g_string_sized_new (length + length / 4);
      if (!decode_iconv (data, length, label, s, &had_invalid))
        {
          g_string_free (g_steal_pointer (&s), TRUE);
          set_error (out, "unknown character encoding “%s”", label);
          decode_as (data, length, ENC_UTF8, "utf-8", out);
          return;
        }
      if (had_invalid)
        set_error (out, "bytes that are not valid %s", label);
      out->encoding = g_strdup (label);
      break;
    }

  out->utf8_len = s->len;
  out->utf8 = g_string_free (g_steal_pointer (&s), FALSE);
}

void
bs_encoding_decode (const char *data,
                    gsize       length,
                    const char *http_charset,
                    BsDecoded  *out)
{
  const guchar *b = (const guchar *) data;
  g_autofree char *declared = NULL;
  g_autofree char *label = NULL;
  EncKind pattern_kind = ENC_UTF8;
  gboolean have_pattern = FALSE;

  memset (out, 0, sizeof *out);

  /* 1. a byte order mark always wins */
  if (length >= 4 && b[0] == 0x00 && b[1] == 0x00 && b[2] == 0xFE && b[3] == 0xFF)
    return decode_as (data + 4, length - 4, ENC_UTF32BE, NULL, out);
  if (length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0x00 && b[3] == 0x00)
    return decode_as (data + 4, length - 4, ENC_UTF32LE, NULL, out);
  if (length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
    return decode_as (data + 2, length - 2, ENC_UTF16BE, NULL, out);
  if (length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
    return decode_as (data + 2, length - 2, ENC_UTF16LE, NULL, out);
  if (length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
    {
      decode_as (data + 3, length - 3, ENC_UTF8, "utf-8", out);
      if (out->utf8 == NULL)
        out->offset = 3;
      return;
    }

  /* 2. the byte patterns of "<?xml" (or any '<') in UTF-32 and UTF-16 */
  if (length >= 4)
    {
      if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0)
        pattern_kind = ENC_UTF32BE, have_pattern = TRUE;
      else if (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0)
        pattern_kind = ENC_UTF32LE, have_pattern = TRUE;
      else if (b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)
        pattern_kind = ENC_UTF16BE, have_pattern = TRUE;
      else if (b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0)
        pattern_kind = ENC_UTF16LE, have_pattern = TRUE;
    }
  if (have_pattern)
    return decode_as (data, length, pattern_kind, NULL, out);

  /* 3. HTTP charset, then the encoding declaration, then UTF-8 */
  declared = bs_encoding_sniff_declaration (data, length);
  if (http_charset != NULL && *http_charset != '\0')
    label = normalise_label (http_charset);
  else if (declared != NULL)
    label = normalise_label (declared);
  else
    label = g_strdup ("utf-8");

  switch (kind_for_label (label))
    {
    case ENC_UTF16LE:
    case ENC_UTF16BE:
    case ENC_UTF32LE:
    case ENC_UTF32BE:
      /* declared as UTF-16/32, but the bytes are ASCII-compatible */
      set_error (out, "declared as %s but not encoded that way", label);
      decode_as (data, length, ENC_UTF8, "utf-8", out);
      return;
    default:
      decode_as (data, length, kind_for_label (label), label, out);
      return;
    }
}
