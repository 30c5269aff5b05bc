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

#include <libxml/HTMLparser.h>

#include "bs-html.h"
#include "bs-html-private.h"

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

static const char * const forbidden_elements[] = {
  "script", "style", "object", "embed", "applet", "form", "input", "button",
  "textarea", "select", "meta", "link", "base", "svg", "math", "frame",
  "frameset", "template",
};

static gboolean
url_is_unsafe (const char *element,
               const char *attr,
               const char *value)
{
  g_autoptr(GString) scheme = g_string_new (NULL);

  /* the scheme as a browser reads it: control characters and spaces
   * inside it are skipped */
  for (const char *p = value; *p != '\0' && *p != ':' && *p != '/' && *p != '?' && *p != '#'; p++)
    if ((guchar) *p > ' ')
      g_string_append_c (scheme, g_ascii_tolower (*p));
  if (strchr (value, ':') == NULL)
    return FALSE;
  if (g_str_equal (scheme->str, "javascript") || g_str_equal (scheme->str, "vbscript"))
    return TRUE;
  if (g_str_equal (scheme->str, "data"))
    return !(g_str_equal (element, "img") || g_str_equal (element, "source")) ||
           !g_str_has_prefix (value, "data:image/") || g_str_has_prefix (value, "data:image/svg");
  return FALSE;
}

/* Walks what a browser-like parser builds from the sanitiser's output. */
static void
check_tree (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (forbidden_elements); i++)
        if (g_ascii_strcasecmp (name, forbidden_elements[i]) == 0)
          fail ("<%s> survived sanitising", name);
      for (xmlAttr *a = node->properties; a != NULL; a = a->next)
        {
          const char *attr = (const char *) a->name;
          g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) a);

          if (g_ascii_strncasecmp (attr, "on", 2) == 0)
            fail ("event handler %s on <%s> survived sanitising", attr, name);
          if (g_ascii_strcasecmp (attr, "style") == 0)
            fail ("a style attribute survived sanitising");
          if (value != NULL &&
              (g_str_equal (attr, "href") || g_str_equal (attr, "src") || g_str_equal (attr, "action") ||
               g_str_equal (attr, "poster") || g_str_equal (attr, "cite") || g_str_equal (attr, "data") ||
               g_str_equal (attr, "formaction") || g_str_equal (attr, "background")) &&
              url_is_unsafe (name, attr, value))
            fail ("%s=\"%s\" on <%s> survived sanitising", attr, value, name);
        }
      check_tree (node->children);
    }
}

static void
check_clean (const char *html)
{
  htmlDocPtr doc;

  if (*html == '\0')
    return;
  doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc == NULL)
    return;
  check_tree (xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);
}

/* The sanitiser never crashes, returns valid UTF-8, and what it returns
 * is clean when an HTML parser reads it back: no script, style, object,
 * form or frame element, no event handler or style attribute, no
 * javascript:/vbscript: URL and no data: URL but images. Where the fast
 * reader (bs-html-fast.c) takes the input, it gives what libxml2 gives. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *clean = NULL;
  g_autofree char *again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *fast = NULL;
  const char *html = (const char *) data;

  clean = bs_html_sanitize (html, size, "http://example.com/a/b.html");
  g_assert (clean != NULL);
  if (!g_utf8_validate (clean, -1, NULL))
    fail ("bs_html_sanitize returned invalid UTF-8");
  check_clean (clean);

  fast = bs_html_sanitize_with (html, size, "http://example.com/a/b.html", BS_HTML_READ_FAST_ONLY);
  if (fast != NULL)
    {
      g_autofree char *slow = bs_html_sanitize_with (html, size, "http://example.com/a/b.html",
                                                     BS_HTML_READ_LIBXML);

      if (strcmp (fast, slow) != 0)
        fail ("the fast reader gave\n%s\nwhere libxml2 gave\n%s", fast, slow);
    }

  /* what is clean stays clean, and sanitising is stable */
  again = bs_html_sanitize (clean, -1, "http://example.com/a/b.html");
  check_clean (again);

  text = bs_html_to_text (html, size);
  stripped = bs_html_strip_tags (html, size);
  resolved = bs_html_resolve_urls (html, size, "http://example.com/a/b.html");
  return 0;
}
