/* test-encoding.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "bs-encoding.h"

/* A document with characters from several planes, the astral one
 * included so that UTF-16 needs a surrogate pair. */
#define BODY "<feed><title>Gr\u00fc\u00dfe \u65e5\u672c \U0001F600 &amp; caf\u00e9</title></feed>\n"

typedef struct {
  BsDecoded  decoded;
  char      *text;       /* what the decoder produced, in UTF-8 */
} Result;

static void
result_clear (Result *r)
{
  bs_decoded_clear (&r->decoded);
  g_clear_pointer (&r->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* UTF-8 validity of @length bytes, U+0000 allowed (a decoded NUL). */
static gboolean
utf8_valid (const char *s,
            gsize       length)
{
  const char *end = s + length;

  while (s < end)
    {
      const char *nul = memchr (s, '\0', end - s);
      const char *stop = nul != NULL ? nul : end;

      if (!g_utf8_validate (s, stop - s, NULL))
        return FALSE;
      s = nul != NULL ? nul + 1 : end;
    }
  return TRUE;
}

static void
decode (const char *data,
        gsize       length,
        const char *http_charset,
        Result     *r)
{
  memset (r, 0, sizeof *r);
  bs_encoding_decode (data, length, http_charset, &r->decoded);
  g_assert_nonnull (r->decoded.encoding);

  /* whatever the input, the output is UTF-8 */
  if (r->decoded.utf8 != NULL)
    {
      g_assert_true (utf8_valid (r->decoded.utf8, r->decoded.utf8_len));
      r->text = g_strndup (r->decoded.utf8, r->decoded.utf8_len);
    }
  else
    {
      g_assert_cmpuint (r->decoded.offset, <=, length);
      g_assert_true (utf8_valid (data + r->decoded.offset, length - r->decoded.offset));
      r->text = g_strndup (data + r->decoded.offset, length - r->decoded.offset);
    }
}

/* Compares encoding names as the contract does: ignoring case, '-' and
 * '_', knowing the usual aliases. */
static char *
norm_encoding (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; p && *p; p++)
    if (*p != '-' && *p != '_' && *p != ' ')
      g_string_append_c (s, g_ascii_tolower (*p));
  if (g_str_equal (s->str, "latin1") || g_str_equal (s->str, "l1"))
    g_string_assign (s, "iso88591");
  else if (g_str_equal (s->str, "cp1252"))
    g_string_assign (s, "windows1252");
  else if (g_str_equal (s->str, "sjis") || g_str_equal (s->str, "mskanji"))
    g_string_assign (s, "shiftjis");
  else if (g_str_equal (s->str, "cseuckr"))
    g_string_assign (s, "euckr");
  return g_string_free (s, FALSE);
}

#define assert_encoding(got, want) \
  G_STMT_START { \
    g_autofree char *_g = norm_encoding (got); \
    g_autofree char *_w = norm_encoding (want); \
    g_assert_cmpstr (_g, ==, _w); \
  } G_STMT_END

/* @bom (may be NULL) followed by @utf8 converted to @charset. */
static char *
make_doc (const char *bom,
          gsize       bom_len,
          const char *utf8,
          const char *charset,
          gsize      *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gsize body_len = 0;
  char *doc;

  body = g_convert (utf8, -1, charset, "UTF-8", NULL, &body_len, &error);
  g_assert_no_error (error);
  doc = g_malloc (bom_len + body_len + 1);
  if (bom_len > 0)
    memcpy (doc, bom, bom_len);
  memcpy (doc + bom_len, body, body_len);
  doc[bom_len + body_len] = '\0';
  *length = bom_len + body_len;
  return doc;
}

/* Byte order marks */

static const struct {
  const char *charset;       /* for iconv */
  const char *bom;
  gsize       bom_len;
  const char *want;          /* the encoding the contract reports */
  const char *label;         /* what the declaration says */
} boms[] = {
  { "UTF-8",    "\xef\xbb\xbf",     3, "utf-8",    "utf-8" },
  { "UTF-16LE", "\xff\xfe",         2, "utf-16le", "utf-16" },
  { "UTF-16BE", "\xfe\xff",         2, "utf-16be", "utf-16" },
  { "UTF-32LE", "\xff\xfe\0\0",     4, "utf-32le", "utf-32" },
  { "UTF-32BE", "\0\0\xfe\xff",     4, "utf-32be", "utf-32" },
};

static void
test_bom (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *utf8 = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"%s\"?>" BODY, boms[i].label);
  g_autofree char *doc = NULL;
  g_auto(Result) r;
  gsize length = 0;

  doc = make_doc (boms[i].bom, boms[i].bom_len, utf8, boms[i].charset, &length);
  decode (doc, length, NULL, &r);
  assert_encoding (r.decoded.encoding, boms[i].want);
  /* the BOM is not part of the text */
  g_assert_cmpstr (r.text, ==, utf8);
  g_assert_null (r.decoded.error);
}

static void
test_bom_no_declaration (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *doc = NULL;
  g_auto(Result) r;
  gsize length = 0;

  /* a BOM alone is enough, with no "<?xml" after it */
  doc = make_doc (boms[i].bom, boms[i].bom_len, BODY, boms[i].charset, &length);
  decode (doc, length, NULL, &r);
  assert_encoding (r.decoded.encoding, boms[i].want);
  g_assert_cmpstr (r.text, ==, BODY);
  g_assert_null (r.decoded.error);
}

static void
test_bom_over_declaration (void)
{
  static const char utf8[] = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>caf\u00e9</t>";
  g_autofree char *doc = NULL;
  g_auto(Result) r;
  gsize length = 0;

  /* the BOM comes first in XML 1.0 Appendix F */
  doc = make_doc ("\xef\xbb\xbf", 3, utf8, "UTF-8", &length);
  decode (doc, length, NULL, &r);
  assert_encoding (r.decoded.encoding, "utf-8");
  g_assert_cmpstr (r.text, ==, utf8);
}

/* UTF-16/32 without a BOM */

static const struct {
  const char *charset;
  const char *want;
} patterns[] = {
  { "UTF-16LE", "utf-16le" },
  { "UTF-16BE", "utf-16be" },
  { "UTF-32LE", "utf-32le" },
  { "UTF-32BE", "utf-32be" },
};

static void
test_pattern (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *utf8 = NULL;
  g_autofree char *doc = NULL;
  g_auto(Result) r;
  gsize length = 0;

  utf8 = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"%.6s\"?>" BODY, patterns[i].charset);
  doc = make_doc (NULL, 0, utf8, patterns[i].charset, &length);
  decode (doc, length, NULL, &r);
  assert_encoding (r.decoded.encoding, patterns[i].want);
  g_assert_cmpstr (r.text, ==, utf8);
  g_assert_null (r.decoded.error);
}

static void
test_pattern_unknown_label (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  static const char utf8[] = "<?xml version=\"1.0\" encoding=\"u16\"?>" BODY;
  g_autofree char *doc = NULL;
  g_auto(Result) r;
  gsize length = 0;

  /* the byte pattern identifies the encoding: an odd label is no error */
  doc = make_doc (NULL, 0, utf8, patterns[i].charset, &length);
  decode (doc, length, NULL, &r);
  assert_encoding (r.decoded.encoding, patterns[i].want);
  g_assert_cmpstr (r.text, ==, utf8);
  g_assert_null (r.decoded.error);
}

/* Declared encodings */

static const struct {
  const char *label;         /* as declared */
  const char *charset;       /* for iconv */
  const char *want;
  const char *text;
} declared[] = {
  { "ISO-8859-1", "ISO-8859-1", "iso-8859-1", "Caf\u00e9 cr\u00e8me, \u00bfqu\u00e9 tal? \u00a9 \u00ff" },
  { "koi8-r", "KOI8-R", "koi8-r", "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! \u0401\u0436" },
  { "Big5", "BIG5", "big5", "\u4e2d\u6587\u65b0\u805e \u81fa\u7063" },
  { "EUC-KR", "EUC-KR", "euc-kr", "\ud55c\uad6d\uc5b4 \ub274\uc2a4" },
  { "Shift_JIS", "SHIFT_JIS", "shift_jis", "\u65e5\u672c\u8a9e\u306e\u30cb\u30e5\u30fc\u30b9" },
  { "iso-8859-2", "ISO-8859-2", "iso-8859-2", "\u0141\u00f3d\u017a, \u017b\u00f3\u0142w, \u010ce\u0161tina" },
};

static void
test_declared (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *utf8 = NULL;
  g_autofree char *doc = NULL;
  g_auto(Result) r;
  gsize length = 0;

  utf8 = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"%s\"?>\n<rss><title>%s</title></rss>\n",
                          declared[i].label, declared[i].text);
  doc = make_doc (NULL, 0, utf8, declared[i].charset, &length);
  /* the test is worthless if the bytes happen to be UTF-8 */
  g_assert_false (g_utf8_validate (doc, length, NULL));

  decode (doc, length, NULL, &r);
  assert_encoding (r.decoded.encoding, declared[i].want);
  g_assert_cmpstr (r.text, ==, utf8);
  g_assert_null (r.decoded.error);
}

/* The bytes 0x80..0x9F that windows-1252 defines. */
static const char cp1252_c1[] =
  "\x80\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8e"
  "\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9e\x9f";

static void
test_declared_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *want_chars = NULL;
  g_autofree char *want = NULL;
  g_auto(Result) r;

  doc = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"windows-1252\"?><t>%s \xe9</t>", cp1252_c1);
  /* iconv's table is the reference */
  want_chars = g_convert (cp1252_c1, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, &error);
  g_assert_no_error (error);
  want = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"windows-1252\"?><t>%s \u00e9</t>", want_chars);
  g_assert_true (g_str_has_prefix (want_chars, "\u20ac"));

  decode (doc, strlen (doc), NULL, &r);
  assert_encoding (r.decoded.encoding, "windows-1252");
  g_assert_cmpstr (r.text, ==, want);
  g_assert_null (r.decoded.error);
}

static void
test_cp1252_c1 (void)
{
  for (const char *p = cp1252_c1; *p; p++)
    {
      g_autoptr(GError) error = NULL;
      char byte[2] = { *p, '\0' };
      g_autofree char *want = g_convert (byte, 1, "UTF-8", "WINDOWS-1252", NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (bs_encoding_cp1252_c1 ((guchar) *p), ==, g_utf8_get_char (want));
    }
}

static void
test_default_utf8 (void)
{
  static const char doc[] = "<?xml version=\"1.0\"?><t>caf\u00e9 \u2603</t>";
  g_auto(Result) r;

  decode (doc, strlen (doc), NULL, &r);
  assert_encoding (r.decoded.encoding, "utf-8");
  g_assert_cmpstr (r.text, ==, doc);
  g_assert_null (r.decoded.error);
}

/* HTTP charset */

static void
test_http_overrides_declaration (void)
{
  static const char utf8[] =
    "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>\u041d\u043e\u0432\u043e\u0441\u0442\u0438</t>";
  g_autofree char *doc = NULL;
  g_auto(Result) r;
  gsize length = 0;

  doc = make_doc (NULL, 0, utf8, "KOI8-R", &length);
  decode (doc, length, "koi8-r", &r);
  assert_encoding (r.decoded.encoding, "koi8-r");
  g_assert_cmpstr (r.text, ==, utf8);
}

static void
test_http_not_over_bom (void)
{
  static const char utf8[] = "<?xml version=\"1.0\"?><t>caf\u00e9 \u65e5</t>";
  g_autofree char *doc8 = NULL;
  g_autofree char *doc16 = NULL;
  gsize length = 0;

  {
    g_auto(Result) r;

    doc8 = make_doc ("\xef\xbb\xbf", 3, utf8, "UTF-8", &length);
    decode (doc8, length, "windows-1252", &r);
    assert_encoding (r.decoded.encoding, "utf-8");
    g_assert_cmpstr (r.text, ==, utf8);
  }
  {
    g_auto(Result) r;

    doc16 = make_doc ("\xff\xfe", 2, utf8, "UTF-16LE", &length);
    decode (doc16, length, "iso-8859-1", &r);
    assert_encoding (r.decoded.encoding, "utf-16le");
    g_assert_cmpstr (r.text, ==, utf8);
  }
}

/* Undecodable input */

static void
test_unknown_label (void)
{
  static const char doc[] = "<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><t>plain text</t>";
  g_auto(Result) r;

  decode (doc, strlen (doc), NULL, &r);
  g_assert_nonnull (r.decoded.error);
  /* still decoded */
  g_assert_cmpstr (r.text, ==, doc);
}

static void
test_invalid_utf8 (void)
{
  static const char doc[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?><t>caf\xe9 \x93hi\x94 \u00e9t\u00e9</t>";
  static const char want[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?><t>caf\u00e9 \u201chi\u201d \u00e9t\u00e9</t>";
  static const char undeclared[] = "<t>\x80 10</t>";
  g_auto(Result) r;
  g_auto(Result) r2;

  /* stray bytes are read as windows-1252; the valid UTF-8 stays */
  decode (doc, strlen (doc), NULL, &r);
  g_assert_nonnull (r.decoded.error);
  g_assert_cmpstr (r.text, ==, want);

  decode (undeclared, strlen (undeclared), NULL, &r2);
  g_assert_nonnull (r2.decoded.error);
  g_assert_cmpstr (r2.text, ==, "<t>\u20ac 10</t>");
}

static void
test_truncated_utf8 (void)
{
  static const char doc[] = "<t>ok \xe2\x82";
  g_auto(Result) r;

  decode (doc, strlen (doc), NULL, &r);
  g_assert_nonnull (r.decoded.error);
  g_assert_true (g_str_has_prefix (r.text, "<t>ok "));
}

static void
test_odd_length_utf16 (void)
{
  static const char utf8[] = "<?xml version=\"1.0\"?><t>x</t>";
  g_autofree char *doc = NULL;
  g_autofree char *odd = NULL;
  g_auto(Result) r;
  gsize length = 0;

  doc = make_doc ("\xff\xfe", 2, utf8, "UTF-16LE", &length);
  odd = g_malloc (length + 1);
  memcpy (odd, doc, length);
  odd[length] = 'A';

  decode (odd, length + 1, NULL, &r);
  assert_encoding (r.decoded.encoding, "utf-16le");
  g_assert_nonnull (r.decoded.error);
  g_assert_true (g_str_has_prefix (r.text, utf8));
}

static void
test_lone_surrogates (void)
{
  /* "<t>a", U+D800, "b", U+DC00, "c</t>" in UTF-16LE with a BOM */
  static const char le[] =
    "\xff\xfe" "<\0t\0>\0a\0" "\x00\xd8" "b\0" "\x00\xdc" "c\0<\0/\0t\0>\0";
  /* the same in UTF-16BE, the high surrogate last */
  static const char be[] =
    "\xfe\xff" "\0<\0t\0>\0a" "\xdc\x00" "\0b" "\xd8\x00";
  g_auto(Result) r;
  g_auto(Result) r2;

  decode (le, sizeof le - 1, NULL, &r);
  assert_encoding (r.decoded.encoding, "utf-16le");
  g_assert_nonnull (r.decoded.error);
  g_assert_cmpstr (r.text, ==, "<t>a\ufffdb\ufffdc</t>");

  decode (be, sizeof be - 1, NULL, &r2);
  assert_encoding (r2.decoded.encoding, "utf-16be");
  g_assert_nonnull (r2.decoded.error);
  g_assert_cmpstr (r2.text, ==, "<t>a\ufffdb\ufffd");
}

static void
test_utf32_out_of_range (void)
{
  /* "<t>", U+110000, "</t>" in UTF-32LE with a BOM */
  static const char doc[] =
    "\xff\xfe\0\0" "<\0\0\0t\0\0\0>\0\0\0" "\0\0\x11\0" "<\0\0\0/\0\0\0t\0\0\0>\0\0\0";
  g_auto(Result) r;

  decode (doc, sizeof doc - 1, NULL, &r);
  assert_encoding (r.decoded.encoding, "utf-32le");
  g_assert_nonnull (r.decoded.error);
  g_assert_cmpstr (r.text, ==, "<t>\ufffd</t>");
}

static void
test_random_bytes (void)
{
#define P(s) { s, sizeof s - 1 }
  static const struct {
    const char *bytes;
    gsize       len;
  } prefixes[] = {
    P (""), P ("\xef\xbb\xbf"), P ("\xff\xfe"), P ("\xfe\xff"), P ("\xff\xfe\0\0"),
    P ("<?xml version=\"1.0\" encoding=\"shift_jis\"?>"),
    P ("<?xml version=\"1.0\" encoding=\"big5\"?>"),
    P ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
  };
#undef P

  for (guint round = 0; round < 400; round++)
    {
      guint p = round % G_N_ELEMENTS (prefixes);
      gsize length = prefixes[p].len + g_test_rand_int_range (0, 512);
      g_autofree char *data = g_malloc (length + 1);
      g_auto(Result) r;

      memcpy (data, prefixes[p].bytes, prefixes[p].len);
      for (gsize i = prefixes[p].len; i < length; i++)
        data[i] = (char) g_test_rand_int_range (0, 256);

      /* never fails, always gives UTF-8 (checked in decode()) */
      decode (data, length, NULL, &r);
    }
}

/* bs_encoding_sniff_declaration */

static void
test_sniff (void)
{
  static const struct {
    const char *doc;
    const char *want;
  } cases[] = {
    { "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>", "iso-8859-1" },
    { "<?xml version='1.0' encoding='Windows-1252'?><rss/>", "windows-1252" },
    { "<?xml version=\"1.0\" encoding = \"koi8-r\" ?><rss/>", "koi8-r" },
    { "<?xml version=\"1.0\"\n\tencoding\t=\n'euc-kr'\n?><rss/>", "euc-kr" },
    { "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><rss/>", "utf-8" },
    /* no declaration, or none of its encoding */
    { "<rss version=\"2.0\"/>", NULL },
    { "<?xml version=\"1.0\"?><rss/>", NULL },
    { "<?xml version=\"1.0\"?><rss encoding=\"koi8-r\"/>", NULL },
    { "", NULL },
    { "<?xml", NULL },
    /* not at the start */
    { "<!-- x --><?xml version=\"1.0\" encoding=\"koi8-r\"?>", NULL },
    { "<rss><?xml version=\"1.0\" encoding=\"koi8-r\"?></rss>", NULL },
    /* not a well-formed name */
    { "<?xml version=\"1.0\" encoding=\"utf\xe9-8\"?>", NULL },
    { "<?xml version=\"1.0\" encoding=\"\xc3\xa9\"?>", NULL },
    { "<?xml version=\"1.0\" encoding=\"\"?>", NULL },
    { "<?xml version=\"1.0\" encoding=\"utf-8'?>", NULL },
    { "<?xml version=\"1.0\" encoding=\"utf-8", NULL },
    { "<?xml version=\"1.0\" encoding=utf-8?>", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_encoding_sniff_declaration (cases[i].doc, strlen (cases[i].doc));
      g_autofree char *shown = g_strescape (cases[i].doc, NULL);

      g_test_message ("%s", shown);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_sniff_length (void)
{
  static const char doc[] = "<?xml version=\"1.0\" encoding=\"iso-8859-15\"?><rss/>";
  const char *name = strstr (doc, "iso-8859-15");
  g_autofree char *whole = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *copy = NULL;
  gsize cut_len = (name - doc) + 5;

  whole = bs_encoding_sniff_declaration (doc, strlen (doc));
  g_assert_cmpstr (whole, ==, "iso-8859-15");

  /* the name cut short by @length, in a buffer that ends there: nothing
   * past @length may be read */
  copy = g_memdup2 (doc, cut_len);
  cut = bs_encoding_sniff_declaration (copy, cut_len);
  g_assert_cmpstr (cut, ==, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (boms); i++)
    {
      g_autofree char *path = g_strdup_printf ("/broadsheet/encoding/bom/%s", boms[i].want);
      g_autofree char *path2 = g_strdup_printf ("/broadsheet/encoding/bom/%s-no-declaration", boms[i].want);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_bom);
      g_test_add_data_func (path2, GUINT_TO_POINTER (i), test_bom_no_declaration);
    }
  g_test_add_func ("/broadsheet/encoding/bom/over-declaration", test_bom_over_declaration);
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autofree char *path = g_strdup_printf ("/broadsheet/encoding/pattern/%s", patterns[i].want);
      g_autofree char *path2 = g_strdup_printf ("/broadsheet/encoding/pattern/%s-unknown-label", patterns[i].want);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_pattern);
      g_test_add_data_func (path2, GUINT_TO_POINTER (i), test_pattern_unknown_label);
    }
  for (guint i = 0; i < G_N_ELEMENTS (declared); i++)
    {
      g_autofree char *path = g_strdup_printf ("/broadsheet/encoding/declared/%s", declared[i].want);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_declared);
    }
  g_test_add_func ("/broadsheet/encoding/declared/windows-1252", test_declared_windows_1252);
  g_test_add_func ("/broadsheet/encoding/declared/none-is-utf-8", test_default_utf8);
  g_test_add_func ("/broadsheet/encoding/cp1252-c1", test_cp1252_c1);
  g_test_add_func ("/broadsheet/encoding/http/overrides-declaration", test_http_overrides_declaration);
  g_test_add_func ("/broadsheet/encoding/http/not-over-bom", test_http_not_over_bom);
  g_test_add_func ("/broadsheet/encoding/error/unknown-label", test_unknown_label);
  g_test_add_func ("/broadsheet/encoding/error/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/broadsheet/encoding/error/truncated-utf8", test_truncated_utf8);
  g_test_add_func ("/broadsheet/encoding/error/odd-length-utf16", test_odd_length_utf16);
  g_test_add_func ("/broadsheet/encoding/error/lone-surrogates", test_lone_surrogates);
  g_test_add_func ("/broadsheet/encoding/error/utf32-out-of-range", test_utf32_out_of_range);
  g_test_add_func ("/broadsheet/encoding/error/random-bytes", test_random_bytes);
  g_test_add_func ("/broadsheet/encoding/sniff/declarations", test_sniff);
  g_test_add_func ("/broadsheet/encoding/sniff/length", test_sniff_length);

  return g_test_run ();
}
