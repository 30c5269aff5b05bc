/* bs-encoding.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char  *encoding;   /* lower-case name of the decoding actually used */
  char  *utf8;       /* the document in UTF-8, or NULL when the input bytes
                      * are valid UTF-8 and usable as they are */
  gsize  utf8_len;
  gsize  offset;     /* when utf8 is NULL: bytes to skip (a UTF-8 BOM) */
  char  *error;      /* why the bytes could not be decoded as declared */
} BsDecoded;

/* Finds the character encoding of an XML document as XML 1.0 Appendix F
 * says (a BOM, then the UTF-16/32 byte patterns of "<?xml", then the
 * encoding declaration; @http_charset, when given, overrides the
 * declaration but not a BOM) and converts the document to UTF-8. Bytes
 * that cannot be decoded are replaced (windows-1252 for stray bytes in
 * UTF-8, U+FFFD otherwise) and reported in @out->error; this never fails. */
void  bs_encoding_decode              (const char *data,
                                       gsize       length,
                                       const char *http_charset,
                                       BsDecoded  *out);
void  bs_decoded_clear                (BsDecoded  *decoded);

/* The encoding named in an XML declaration at the start of @data (an
 * ASCII-compatible document), lower-cased, or NULL. */
char *bs_encoding_sniff_declaration   (const char *data,
                                       gsize       length);

/* g_utf8_validate_len() made fast for text that is mostly ASCII. NUL
 * bytes count as valid. @bad, when not NULL, gets the first invalid byte. */
gboolean bs_encoding_utf8_valid       (const char  *data,
                                       gsize        length,
                                       const char **bad);

/* The Unicode character for a byte 0x80..0x9F in windows-1252, used to
 * read character references such as &#146; as the writer meant them. */
gunichar bs_encoding_cp1252_c1        (gunichar    c);

G_END_DECLS
