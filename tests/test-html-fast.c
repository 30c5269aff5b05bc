/* test-html-fast.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "bs-html.h"
#include "bs-html-private.h"

/* The sanitiser reads plain, well-formed HTML without libxml2
 * (bs-html-fast.c) and everything else with it. A reader sees one
 * sanitiser: for every input, what comes out must not depend on which
 * reader read it. */

#define BASE "http://example.com/a/b.html"

typedef struct
{
  guint tried;
  guint fast;
} Counts;

/* Sanitises @html both ways (and the way the app does) and fails when
 * the outputs differ. */
static void
check_same (const char *html,
            gssize      len,
            Counts     *counts)
{
  g_autofree char *slow = bs_html_sanitize_with (html, len, BASE, BS_HTML_READ_LIBXML);
  g_autofree char *fast = bs_html_sanitize_with (html, len, BASE, BS_HTML_READ_FAST_ONLY);
  g_autofree char *any = bs_html_sanitize (html, len, BASE);

  counts->tried++;
  if (fast != NULL)
    {
      counts->fast++;
      if (g_strcmp0 (fast, slow) != 0)
        g_error ("the fast reader differs from libxml2 on:\n%.*s\nfast:   %s\nlibxml: %s",
                 (int) (len < 0 ? (gssize) strlen (html) : len), html, fast, slow);
    }
  if (g_strcmp0 (any, slow) != 0)
    g_error ("the sanitiser's output depends on its reader for:\n%.*s\ngot:    %s\nlibxml: %s",
             (int) (len < 0 ? (gssize) strlen (html) : len), html, any, slow);
}

static const char * const texts[] = {
  "a", "word ", "Two words. ", " ", "  ", "\n", "\t", ">", "\"", "'", "=",
  "\xef\xbb\xbf",
  "/", "é", "€", "x\xc2\xa0y", "\xf0\x9f\x93\xb0", "\r", "\r\n", "\x01", "\x7f",
  "\xef\xbf\xbe", "\xef\xbf\xbd", "]]>", "-->", "a < b", "<3", "< b>",
};

static const char * const references[] = {
  "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&nbsp;", "&hellip;",
  "&rsquo;", "&eacute;", "&#x201C;", "&#X201d;", "&#8212;", "&#0;", "&#13;",
  "&#9;", "&#10;", "&#32;", "&#128;", "&#x110000;", "&#99999999;", "&apos;",
  "&bogus;", "&amp", "& ", "&#;", "&#x;", "&AMP;", "&Eacute;", "&lt", "&a:b;",
  "&#x1F4F0;", "&#55296;",
};

/* Tags the fast reader takes, and tags it must leave to libxml2. */
static const char * const start_tags[] = {
  "<p>", "<P>", "<b>", "<i>", "<em>", "<strong>", "<span>", "<div>", "<li>",
  "<ul>", "<ol>", "<table>", "<tr>", "<td>", "<th>", "<tbody>", "<thead>",
  "<caption>", "<blockquote>", "<pre>", "<code>", "<figure>", "<figcaption>",
  "<h2>", "<h3>", "<dl>", "<dt>", "<dd>", "<sup>", "<small>", "<br>", "<br/>",
  "<br />", "<hr>", "<wbr>", "<p/>", "<a/>", "<col span=\"2\">", "<colgroup>",
  "<a href=\"/x?a=1&amp;b=2\">", "<a href='http://e.com/'>", "<a href=\"#top\">",
  "<a href=\"javascript:alert(1)\">", "<a href=\"&#106;avascript:x\">",
  "<a href=\" java\tscript:x\">", "<a href=\"mailto:a@b.c\">", "<a title=x>",
  "<a href=\"x\"title=\"y\">", "<a HREF=\"/up\">", "<a href = \"x\">",
  "<a href=\"x\" href=\"y\">", "<a name=\"n\" id=\"i\">", "<a href>",
  "<img src=\"i.png\" alt=\"A &amp; B\">", "<img src=\"i.png\"/>",
  "<img src=i.png>", "<img src=\"data:image/png;base64,AAAA\">",
  "<img src=\"data:text/html,x\">", "<img srcset=\"a.png 1x, b.png 2x\">",
  "<img src=\"a\" onerror=\"alert(1)\">", "<img alt='it&#39;s'>",
  "<div class=\"c\" style=\"color:red\">", "<div align=\"center\">",
  "<source src=\"a.mp4\" type=\"video/mp4\">", "<video src=\"v.mp4\">",
  "<audio controls>", "<audio src=\"a.ogg\" controls=\"controls\">",
  "<td colspan=\"2\" rowspan=3>", "<q cite=\"/c\">", "<font color=\"red\">",
  "<details open>", "<summary>", "<time datetime=\"2025-06-01\">",
  "<ins datetime=\"x\">", "<track src=\"t.vtt\" default>",
  "<span lang=\"de\" dir=\"ltr\" title=\"&quot;q&quot;\">",
  "<script>", "<style>", "<iframe src=\"https://www.youtube.com/embed/x\">",
  "<noscript>", "<form>", "<custom-el>", "<x:y>", "<!-- c -->", "<?pi?>",
  "<![CDATA[x]]>", "<!DOCTYPE html>", "<textarea>", "<title>", "<body>",
  "<html>", "<svg>", "<input value=\"x\">", "<p\n>", "<b\t>",
};

static const char * const end_tags[] = {
  "</p>", "</b>", "</i>", "</em>", "</strong>", "</span>", "</div>", "</li>",
  "</ul>", "</ol>", "</table>", "</tr>", "</td>", "</blockquote>", "</pre>",
  "</code>", "</figure>", "</h2>", "</a>", "</video>", "</audio>", "</P>",
  "</ p>", "</p >", "</br>", "</img>", "</script>", "</x>", "</",
};

static const char *
pick (const char * const *list,
      guint                n)
{
  return list[g_test_rand_int_range (0, n)];
}

/* Random token soup: mostly refused, but it visits every edge. */
static void
test_soup (void)
{
  Counts counts = { 0, };

  for (guint it = 0; it < 20000; it++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      int n = g_test_rand_int_range (0, 14);

      for (int i = 0; i < n; i++)
        {
          int kind = g_test_rand_int_range (0, 20);

          if (kind < 8)
            g_string_append (html, pick (texts, G_N_ELEMENTS (texts)));
          else if (kind < 10)
            g_string_append (html, pick (references, G_N_ELEMENTS (references)));
          else if (kind < 15)
            g_string_append (html, pick (start_tags, G_N_ELEMENTS (start_tags)));
          else
            g_string_append (html, pick (end_tags, G_N_ELEMENTS (end_tags)));
        }
      check_same (html->str, html->len, &counts);
    }

  g_test_message ("token soup: %u of %u read without libxml2", counts.fast, counts.tried);
  /* otherwise the comparison above would have compared nothing */
  g_assert_cmpuint (counts.fast, >, counts.tried / 10);
}

/* Elements whose end tag may be left out, and other kept ones. */
static const char * const tree_elements[] = {
  "p", "p", "li", "td", "tr", "dt", "dd", "b", "i", "em", "a", "span", "div",
  "ul", "ol", "table", "blockquote", "pre", "code", "figure", "figcaption",
  "h2", "small", "q", "font", "section", "article", "caption", "thead",
  "tbody", "colgroup", "option", "select", "noscript", "center",
};

static const char * const tree_attributes[] = {
  "", "", "", " href=\"/rel/x\"", " href=\"https://e.com/?q=1&amp;r=2\"",
  " title=\"t &lt; u\"", " class=\"x\"", " lang=\"fr\"", " align='left'",
  " width=\"10\" height=\"20\"", " onclick=\"x()\"", " src=\"../i.png\"",
};

static void
append_tree (GString *html,
             int      depth)
{
  int n = g_test_rand_int_range (0, depth > 4 ? 2 : 5);

  for (int i = 0; i < n; i++)
    {
      int kind = g_test_rand_int_range (0, 10);

      if (kind < 4 || depth > 6)
        {
          g_string_append (html, pick (texts, 12));
          if (g_test_rand_int_range (0, 4) == 0)
            g_string_append (html, pick (references, 10));
        }
      else if (kind < 5)
        g_string_append (html, pick ((const char *[]) { "<br>", "<img src=\"i.png\">", "<hr>", "<wbr>", "<br/>" }, 5));
      else
        {
          const char *name = pick (tree_elements, G_N_ELEMENTS (tree_elements));

          g_string_append_printf (html, "<%s%s>", name, pick (tree_attributes, G_N_ELEMENTS (tree_attributes)));
          append_tree (html, depth + 1);
          /* leave some end tags out, for libxml2 to imply */
          if (g_test_rand_int_range (0, 5) > 0)
            g_string_append_printf (html, "</%s>", name);
          if (g_test_rand_int_range (0, 3) == 0)
            g_string_append_c (html, '\n');
        }
    }
}

/* Random trees like the articles feeds carry: mostly read fast. */
static void
test_trees (void)
{
  Counts counts = { 0, };

  for (guint it = 0; it < 10000; it++)
    {
      g_autoptr(GString) html = g_string_new (NULL);

      if (g_test_rand_int_range (0, 4) == 0)
        g_string_append (html, pick (texts, 6));
      append_tree (html, 0);
      check_same (html->str, html->len, &counts);
    }

  g_test_message ("trees: %u of %u read without libxml2", counts.fast, counts.tried);
  g_assert_cmpuint (counts.fast, >, counts.tried / 3);
}

/* Cases where the two readers could part: each is compared, and the ones
 * the fast reader must take are checked to be taken. */
static void
test_edges (void)
{
  static const struct
  {
    const char *html;
    gboolean    fast;
  } cases[] = {
    { "<p>One</p>\n<p>Two &amp; three</p>\n", TRUE },
    { "Loose text <b>bold</b><p>then a paragraph</p>tail", TRUE },
    { "<ul><li>one<li>two</ul>", TRUE },
    { "<p>a<div>b</div>", TRUE },
    { "<p>a<p>b<p>c", TRUE },
    { "<table><tr><td>1<td>2<tr><td>3</table>", TRUE },
    { "<dl><dt>t<dd>d<dt>u</dl>", TRUE },
    { "<a href=\"/x\">one<a href=\"/y\">two</a>", TRUE },
    { "<video><source src=\"a.mp4\"><source src=\"b.webm\"></video>", TRUE },
    { "<p>x</p>   ", TRUE },
    { "   &amp; leading blanks", TRUE },
    { "<b>never closed", TRUE },
    { "text</p>", TRUE },
    { "<img src=\"a.png\" alt=\"&lt;&gt;&quot;&#39;\">", TRUE },
    { "<a href=\"https://e.com/?a=1&amp;b=2\" title='it&rsquo;s'>l</a>", TRUE },
    { "<img src=\"data:image/png;base64,AAAA\"><img src=\"data:text/html,x\">", TRUE },
    { "<a href=\"&#106;avascript:alert(1)\">x</a>", TRUE },
    { "<p>&#x1F4F0; &#8212; &nbsp;</p>", TRUE },
    { "<p>stray</span> end</p>", TRUE },
    { "<table><tr><td><div>x</td>y</div></table>", TRUE },
    { "<div><p>a</div>b", TRUE },
    { "<p>a < b</p>", FALSE },
    { "<p>a<!-- c -->b</p>", FALSE },
    { "<p>x<script>alert(1)</script></p>", FALSE },
    { "<p>&bogus; &amp</p>", FALSE },
    { "<P>upper</P>", TRUE },
    { "<p>cr\r\nlf</p>", FALSE },
    /* a byte order mark at the start is skipped, as libxml2 does */
    { "\xef\xbb\xbfhello", TRUE },
    { "\xef\xbb\xbf  <b>x</b>", TRUE },
    { "\xef\xbb\xbf<b>x</p>y</b>", TRUE },
    { "<b>x</b>\xef\xbb\xbf<b>y</b>", TRUE },
  };
  Counts counts = { 0, };
  g_autoptr(GString) blanks = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fast = bs_html_sanitize_with (cases[i].html, -1, BASE, BS_HTML_READ_FAST_ONLY);

      check_same (cases[i].html, -1, &counts);
      if (cases[i].fast && fast == NULL)
        g_error ("the fast reader refused %s", cases[i].html);
      if (!cases[i].fast && fast != NULL)
        g_error ("the fast reader took %s", cases[i].html);
    }

  /* blank runs around libxml2's 1000-byte text pieces, at the top and
   * inside an element */
  for (guint n = 995; n < 1005; n++)
    {
      g_autofree char *top = NULL;
      g_autofree char *inside = NULL;
      g_autofree char *before_ref = NULL;
      g_autofree char *then_end = NULL;

      g_string_truncate (blanks, 0);
      for (guint i = 0; i < n; i++)
        g_string_append_c (blanks, i % 7 == 0 ? '\n' : ' ');
      top = g_strdup_printf ("<p>a</p>%s<p>b</p>%s", blanks->str, blanks->str);
      inside = g_strdup_printf ("<div>%s<b>x</b>%sy</div>", blanks->str, blanks->str);
      before_ref = g_strdup_printf ("<p>a</p>%s&amp;<b>c</b>", blanks->str);
      check_same (top, -1, &counts);
      check_same (inside, -1, &counts);
      check_same (before_ref, -1, &counts);
      /* whether libxml2 opened its <p> shows when a </p> ends the <b> */
      then_end = g_strdup_printf ("<p>a</p>%s<b>x</p>y</b>", blanks->str);
      check_same (then_end, -1, &counts);
    }
}

/* Nesting deeper than the fast reader keeps goes to libxml2. */
static void
test_deep (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  Counts counts = { 0, };

  for (guint depth = 250; depth < 262; depth++)
    {
      g_string_truncate (html, 0);
      for (guint i = 0; i < depth; i++)
        g_string_append (html, i % 2 ? "<b>" : "<span>");
      g_string_append (html, "deep");
      check_same (html->str, html->len, &counts);
    }
  g_assert_cmpuint (counts.fast, >, 0);
  g_assert_cmpuint (counts.fast, <, counts.tried);
}

/* `test-html-fast --bodies FILE`: compares the readers on each
 * NUL-separated fragment of FILE and says how many were read fast (used
 * on the benchmark corpus; not a test). */
static int
check_bodies (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  Counts counts = { 0, };
  gsize len, fast_bytes = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (const char *p = contents; p < contents + len; p += strlen (p) + 1)
    {
      guint before = counts.fast;

      check_same (p, -1, &counts);
      if (counts.fast > before)
        fast_bytes += strlen (p);
    }
  g_print ("%u of %u fragments (%" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes) read without libxml2, all the same as libxml2's\n",
           counts.fast, counts.tried, fast_bytes, len);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--bodies") == 0)
    return check_bodies (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/broadsheet/html-fast/edges", test_edges);
  g_test_add_func ("/broadsheet/html-fast/soup", test_soup);
  g_test_add_func ("/broadsheet/html-fast/trees", test_trees);
  g_test_add_func ("/broadsheet/html-fast/deep", test_deep);

  return g_test_run ();
}
