/* test-html.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "bs-html.h"

#define BASE "http://example.com/blog/post.html"

typedef struct
{
  const char *html;
  gssize      len;
} Vector;

#define V(s) { s, sizeof (s) - 1 }

/* XSS vectors from the OWASP XSS Filter Evasion Cheat Sheet and DOMPurify's
 * test suite, plus variations on the URL-scheme tricks. */
static const Vector xss_vectors[] = {
  /* Script elements, all casings and shapes. */
  V ("<script>alert('XSS')</script>"),
  V ("<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>"),
  V ("<ScRiPt>alert(1)</sCrIpT>"),
  V ("<script type=\"text/javascript\" src=\"//evil/x.js\" defer async></script>"),
  V ("<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>"),
  V ("<SCRIPT/SRC=\"http://xss.rocks/xss.js\"></SCRIPT>"),
  V ("<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>"),
  V ("<SCRIPT SRC=http://xss.rocks/xss.js?< B >"),
  V ("<SCRIPT SRC=//xss.rocks/.j>"),
  V ("<SCRIPT a=\">\" SRC=\"httx://xss.rocks/xss.js\"></SCRIPT>"),
  V ("<SCRIPT a=\">'>\" SRC=\"httx://xss.rocks/xss.js\"></SCRIPT>"),
  V ("<SCRIPT \"a='>'\" SRC=\"httx://xss.rocks/xss.js\"></SCRIPT>"),
  V ("<<script>script>alert(1)</script>"),
  V ("<scr<script>ipt>alert(1)</scr</script>ipt>"),
  V ("</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>"),
  V ("<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">"),
  /* javascript: in image sources, every encoding. */
  V ("<IMG SRC=\"javascript:alert('XSS');\">"),
  V ("<IMG SRC=javascript:alert('XSS')>"),
  V ("<IMG SRC=JaVaScRiPt:alert('XSS')>"),
  V ("<IMG SRC=javascript:alert(&quot;XSS&quot;)>"),
  V ("<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>"),
  V ("<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>"),
  V ("<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
     "&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>"),
  V ("<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114"
     "&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114"
     "&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>"),
  V ("<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61"
     "&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>"),
  V ("<IMG SRC=\"jav\tascript:alert('XSS');\">"),
  V ("<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">"),
  V ("<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">"),
  V ("<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">"),
  V ("<IMG SRC=\" &#14;  javascript:alert('XSS');\">"),
  V ("<IMG SRC=java\0script:alert(\"XSS\")>"),
  V ("<IMG SRC=\"javascript:alert('XSS')\""),
  V ("<XML ID=\"xss\"><I><B><IMG SRC=\"javas<!-- -->cript:alert('XSS')\"></B></I></XML>"),
  V ("<img src=\"x` `<script>alert(1)</script>\"` `>"),
  /* Event handlers. */
  V ("<a onmouseover=\"alert(document.cookie)\">xxs link</a>"),
  V ("<a onmouseover=alert(document.cookie)>xxs link</a>"),
  V ("<IMG SRC=# onmouseover=\"alert('xxs')\">"),
  V ("<IMG SRC= onmouseover=\"alert('xxs')\">"),
  V ("<IMG onmouseover=\"alert('xxs')\">"),
  V ("<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>"),
  V ("<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099"
     "&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101"
     "&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">"),
  V ("<img src=\"x\" onerror=\"alert(1)\" ONERROR=\"alert(2)\" OnLoad=alert(3)>"),
  V ("<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>"),
  V ("<BODY ONLOAD=alert('XSS')>"),
  V ("<svg/onload=alert('XSS')>"),
  V ("<svg onload=alert(1)>"),
  V ("<details open ontoggle=alert(1)>d</details>"),
  V ("<marquee onstart=alert(1)>m</marquee>"),
  V ("<x onclick=alert(1)>unknown</x>"),
  V ("<audio src=x onerror=alert(1)>"),
  V ("<video><source onerror=\"alert(1)\"></video>"),
  V ("<div onclick=\"alert(1)\" style=\"x:expression(alert(2))\">d</div>"),
  /* Resource-loading attributes. */
  V ("<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">"),
  V ("<BODY BACKGROUND=\"javascript:alert('XSS')\">"),
  V ("<IMG DYNSRC=\"javascript:alert('XSS')\">"),
  V ("<IMG LOWSRC=\"javascript:alert('XSS')\">"),
  V ("<TABLE BACKGROUND=\"javascript:alert('XSS')\">"),
  V ("<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">"),
  V ("<video poster=javascript:alert(1)//></video>"),
  /* Style. */
  V ("<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>"),
  V ("<STYLE>@import'http://xss.rocks/xss.css';</STYLE>"),
  V ("<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">"),
  V ("<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061"
     "\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028"
     ".1027\\0058.1053\\0053\\0027\\0029'\\0029\">"),
  V ("<DIV STYLE=\"width: expression(alert('XSS'));\">"),
  V ("<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">"),
  V ("<p style=\"behavior:url(x.htc)\">p</p>"),
  V ("<a style=\"-moz-binding:url(http://x/xss.xml#xss)\">a</a>"),
  V ("<svg><style>&lt;img src=x onerror=alert(1)&gt;</style></svg>"),
  /* Documents, frames, plugins. */
  V ("<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">"),
  V ("<META HTTP-EQUIV=\"Link\" Content=\"<http://xss.rocks/xss.css>; REL=stylesheet\">"),
  V ("<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">"),
  V ("<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,"
     "PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">"),
  V ("<BASE HREF=\"javascript:alert('XSS');//\">"),
  V ("<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>"),
  V ("<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>"),
  V ("<iframe src=http://xss.rocks/scriptlet.html <"),
  V ("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>"),
  V ("<iframe src=\"https://www.youtube.com/embed/abc\" onload=\"alert(1)\" "
     "srcdoc=\"<script>x</script>\" style=\"x\"></iframe>"),
  V ("<iframe src=\"https://www.youtube.com.evil.example/embed/x\"></iframe>"),
  V ("<iframe src=\"http://www.youtube.com/embed/x\"></iframe>"),
  V ("<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>"),
  V ("<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>"),
  V ("<object data=\"javascript:alert(1)\">fallback</object>"),
  V ("<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dHA6Ly93d3cudzMu"
     "b3JnLzIwMDAvc3ZnIj48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+\" "
     "type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>"),
  V ("<embed src=\"javascript:alert(1)\">"),
  V ("<applet code=\"x\" codebase=\"javascript:alert(1)\"></applet>"),
  V ("<HTML><BODY><?xml:namespace prefix=\"t\" ns=\"urn:schemas-microsoft-com:time\">"
     "<?import namespace=\"t\" implementation=\"#default#time2\"><t:set "
     "attributeName=\"innerHTML\" to=\"XSS<SCRIPT DEFER>alert(&quot;XSS&quot;)</SCRIPT>\">"
     "</BODY></HTML>"),
  /* Forms. */
  V ("<form action=\"javascript:alert(1)\"><input type=submit "
     "formaction=\"javascript:alert(2)\"><button formaction=javascript:alert(3)>b</button></form>"),
  V ("<isindex type=image src=1 onerror=alert(1)>"),
  V ("<keygen autofocus onfocus=alert(1)>"),
  V ("<select><option><iframe></select><img src=x onerror=alert(1)>"),
  /* Link schemes. */
  V ("<A HREF=\"javascript:document.location='http://www.google.com/'\">XSS</A>"),
  V ("<a href=\"vbscript:msgbox('XSS')\">x</a>"),
  V ("<a href=\"JAVASCRIPT:alert(1)\">x</a>"),
  V ("<a href=\"  javascript:alert(1)\">x</a>"),
  V ("<a href=\"&#x20;javascript:alert(1)\">x</a>"),
  V ("<a href=\"\x01javascript:alert(1)\">x</a>"),
  V ("<a href=\"java\nscript:alert(1)\">x</a>"),
  V ("<a href=\"jav&#x0A;ascript:alert(1)\">x</a>"),
  V ("<a href=\"javascript&colon;alert(1)\">x</a>"),
  V ("<a href=\"javascript&#58;alert(1)\">x</a>"),
  V ("<a href=\"java&#0000115;cript:alert(1)\">x</a>"),
  V ("<a href=\"&#106;avascript:alert(1)\">x</a>"),
  V ("<a href=\"javas&#99;ript:alert(1)\">x</a>"),
  V ("<a href=\"feed:javascript:alert(1)\">x</a>"),
  V ("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>"),
  V ("<a href=\"data:image/png;base64,AAAA\">x</a>"),
  V ("<a href=\"#\" onclick=\"alert(1)\">x</a>"),
  V ("<blockquote cite=\"javascript:alert(1)\">q</blockquote>"),
  /* data: images. */
  V ("<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">"),
  V ("<img src=data:text/html,<script>alert(1)</script>>"),
  V ("<img srcset=\"javascript:alert(1) 1x, data:image/svg+xml,<svg> 2x, ok.png 3x\">"),
  V ("<picture><source srcset=\"javascript:alert(1)\"><img src=\"ok.png\"></picture>"),
  /* Foreign content and mutation XSS. */
  V ("<math><a xlink:href=\"javascript:alert(1)\">click</a></math>"),
  V ("<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>"),
  V ("<math><mi//xlink:href=\"data:x,<script>alert(4)</script>\">"),
  V ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></math>"),
  V ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">"),
  V ("<template><script>alert(1)</script></template>"),
  V ("<xmp><script>alert(1)</script></xmp>"),
  V ("<textarea><script>alert(1)</script></textarea>"),
  V ("<title><script>alert(1)</script></title>"),
  V ("<!--<img src=\"--><img src=x onerror=alert(1)//\">"),
  V ("<TABLE><tr><td>HELLO</tr></TABL>"),
  V ("<UL><li><A HREF=//google.com>click</UL>"),
  V ("<div><p>unclosed <b>bold <i>both</div> <a href=\"javascript:x\">"),
};

static const char *const forbidden_elements[] = {
  "script", "style", "object", "embed", "applet", "form", "input", "button",
  "select", "textarea", "meta", "link", "base", "svg", "math", "frame",
  "frameset", "template", "noscript", "xmp", "title", "head",
};

static const char *const iframe_prefixes[] = {
  "https://www.youtube.com/embed/",
  "https://www.youtube-nocookie.com/embed/",
  "https://player.vimeo.com/video/",
};

/* The scheme of @url as a browser sees it, lower-cased, after dropping
 * every ASCII whitespace and control character; NULL when relative. */
static char *
url_scheme (const char *url)
{
  GString *s = g_string_new (NULL);

  for (const char *p = url; *p != '\0'; p++)
    if ((unsigned char) *p > 0x20 && *p != 0x7f)
      g_string_append_c (s, g_ascii_tolower (*p));

  for (size_t i = 0; i < s->len; i++)
    {
      char c = s->str[i];

      if (c == ':' && i > 0)
        {
          g_string_truncate (s, i);
          return g_string_free (s, FALSE);
        }
      if (!(g_ascii_isalpha (c) || (i > 0 && (g_ascii_isdigit (c) || strchr ("+-.", c)))))
        break;
    }
  g_string_free (s, TRUE);
  return NULL;
}

static void
assert_url_safe (const char *attr,
                 const char *url,
                 gboolean    image)
{
  g_autofree char *scheme = url_scheme (url);

  if (scheme == NULL)
    return;
  if (strcmp (scheme, "data") == 0)
    {
      g_autoptr (GRegex) re = g_regex_new ("^\\s*data:image/(png|gif|jpeg|jpg|webp|avif)[;,]",
                                           G_REGEX_CASELESS, 0, NULL);

      if (!image || !g_regex_match (re, url, 0, NULL))
        g_error ("%s has a forbidden data: URL: %s", attr, url);
      return;
    }
  if (!(strcmp (scheme, "http") == 0 || strcmp (scheme, "https") == 0
        || (!image && (strcmp (scheme, "mailto") == 0 || strcmp (scheme, "ftp") == 0
                       || strcmp (scheme, "tel") == 0))))
    g_error ("%s has a forbidden scheme: %s", attr, url);
}

static void
check_element (xmlNode *node)
{
  const char *name = (const char *) node->name;

  for (size_t i = 0; i < G_N_ELEMENTS (forbidden_elements); i++)
    if (g_ascii_strcasecmp (name, forbidden_elements[i]) == 0)
      g_error ("forbidden element <%s> in output", name);

  if (g_ascii_strcasecmp (name, "iframe") == 0)
    {
      g_autofree char *src = (char *) xmlGetProp (node, (const xmlChar *) "src");
      g_autofree char *sandbox = (char *) xmlGetProp (node, (const xmlChar *) "sandbox");
      gboolean allowed = FALSE;

      for (size_t i = 0; src != NULL && i < G_N_ELEMENTS (iframe_prefixes); i++)
        if (g_str_has_prefix (src, iframe_prefixes[i]))
          allowed = TRUE;
      if (!allowed || sandbox == NULL)
        g_error ("iframe not on the allow-list in output: %s", src);
      g_assert_null (node->children);
    }

  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      const char *attr = (const char *) a->name;
      g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) a);
      gboolean image = g_ascii_strcasecmp (name, "img") == 0
                       || g_ascii_strcasecmp (name, "source") == 0;

      if (value == NULL)
        value = g_strdup ("");
      if (g_ascii_strncasecmp (attr, "on", 2) == 0)
        g_error ("event handler %s in output", attr);
      if (a->ns != NULL || strchr (attr, ':') != NULL)
        g_error ("namespaced attribute %s in output", attr);
      if (g_ascii_strcasecmp (attr, "style") == 0)
        {
          g_autofree char *lower = g_ascii_strdown (value, -1);

          if (strstr (lower, "url(") || strstr (lower, "expression")
              || strstr (lower, "import") || strchr (lower, '\\'))
            g_error ("dangerous style in output: %s", value);
        }
      for (const char *const *f = (const char *const[]) { "formaction", "action", "background",
                                                          "dynsrc", "lowsrc", "data", "srcdoc",
                                                          "codebase", "classid", NULL };
           *f != NULL; f++)
        if (g_ascii_strcasecmp (attr, *f) == 0)
          g_error ("attribute %s in output", attr);

      if (g_ascii_strcasecmp (attr, "href") == 0 || g_ascii_strcasecmp (attr, "cite") == 0)
        assert_url_safe (attr, value, FALSE);
      else if (g_ascii_strcasecmp (attr, "src") == 0)
        assert_url_safe (attr, value, image);
      else if (g_ascii_strcasecmp (attr, "poster") == 0)
        assert_url_safe (attr, value, TRUE);
      else if (g_ascii_strcasecmp (attr, "srcset") == 0)
        {
          g_auto (GStrv) candidates = g_strsplit (value, ", ", -1);

          for (size_t i = 0; candidates[i] != NULL; i++)
            {
              g_auto (GStrv) parts = g_strsplit_set (g_strstrip (candidates[i]), " \t\n", 2);

              assert_url_safe (attr, parts[0] != NULL ? parts[0] : "", TRUE);
            }
        }
    }
}

static void
walk (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        check_element (node);
      walk (node->children);
    }
}

static gboolean
is_void (const char *name)
{
  static const char *const voids[] = { "br", "hr", "img", "col", "source", "track", "wbr" };

  for (size_t i = 0; i < G_N_ELEMENTS (voids); i++)
    if (strcmp (name, voids[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Every tag the sanitiser writes is <name attr="…"> or </name>, and every
 * '<' elsewhere is escaped: check that the tags nest and all get closed. */
static void
assert_balanced (const char *out)
{
  g_autoptr (GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = strchr (out, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      gboolean end = p[1] == '/';
      const char *n = p + 1 + end;
      size_t len = strspn (n, "abcdefghijklmnopqrstuvwxyz0123456789");
      g_autofree char *name = g_strndup (n, len);
      const char *close = strchr (p, '>');

      g_assert_cmpuint (len, >, 0);
      g_assert_nonnull (close);
      g_assert_null (memchr (p + 1, '<', close - p - 1));
      if (end)
        {
          g_assert_cmpuint (stack->len, >, 0);
          g_assert_cmpstr (g_ptr_array_index (stack, stack->len - 1), ==, name);
          g_ptr_array_remove_index (stack, stack->len - 1);
        }
      else if (!is_void (name))
        g_ptr_array_add (stack, g_steal_pointer (&name));
    }
  g_assert_cmpuint (stack->len, ==, 0);
}

static void
assert_safe (const char *out)
{
  g_autofree char *lower = g_ascii_strdown (out, -1);
  static const char *const needles[] = {
    "<script", "<style", "<object", "<embed", "<svg", "<math", "<meta", "<link",
    "<base", "<form", "<frame", "<applet", "<input", "<button", "<textarea",
    "<template", "<noscript", "<xmp", "<title", "<plaintext", "<html", "<head",
    "<body",
  };
  htmlDocPtr doc;

  g_assert_true (g_utf8_validate (out, -1, NULL));
  for (size_t i = 0; i < G_N_ELEMENTS (needles); i++)
    for (const char *p = strstr (lower, needles[i]); p != NULL; p = strstr (p + 1, needles[i]))
      if (!g_ascii_isalnum (p[strlen (needles[i])]))
        g_error ("%s found in output: %s", needles[i], out);

  assert_balanced (out);

  if (*out == '\0')
    return;
  doc = htmlReadMemory (out, strlen (out), "about:blank", "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR
                        | HTML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  walk (xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);
}

/* The checker itself must catch what it is there to catch. */
static const char *const unsafe_outputs[] = {
  "<img src=\"javascript:alert(1)\">",
  "<a href=\" java\tscript:alert(1)\">x</a>",
  "<a href=\"data:text/html,x\">x</a>",
  "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
  "<img srcset=\"ok.png 1x, vbscript:x 2x\">",
  "<p onclick=\"x\">p</p>",
  "<p style=\"background:url(x)\">p</p>",
  "<iframe src=\"http://evil.example/\"></iframe>",
  "<b><i>x</b></i>",
  "<b>unclosed",
  "<SCRIPT>x</SCRIPT>",
  "<form><b>x</b></form>",
};

static void
test_checker (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      assert_safe (data);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

static void
test_xss_vectors (void)
{
  for (size_t i = 0; i < G_N_ELEMENTS (xss_vectors); i++)
    {
      const Vector *v = &xss_vectors[i];
      const char *bases[] = { BASE, NULL, "javascript:alert(1)//" };

      for (size_t b = 0; b < G_N_ELEMENTS (bases); b++)
        {
          g_autofree char *out = bs_html_sanitize (v->html, v->len, bases[b]);
          g_autofree char *again = bs_html_sanitize (out, -1, bases[b]);

          g_test_message ("vector %zu, base %s: %s", i, bases[b], out);
          assert_safe (out);
          g_assert_cmpstr (again, ==, out);
        }
    }
  g_test_message ("%zu vectors checked", G_N_ELEMENTS (xss_vectors));
  g_assert_cmpuint (G_N_ELEMENTS (xss_vectors), >=, 60);
}

/* Exact expectations for a few vectors: what is dropped and what stays. */
static void
test_xss_expected (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "<IMG SRC=\"javascript:alert('XSS');\">", "<img>" },
    { "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>" },
    { "<a href=\"java\nscript:alert(1)\">x</a>", "<a>x</a>" },
    { "<a href=\"  JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>" },
    { "<p onclick=\"x()\" style=\"color:red\" class=\"c\" id=\"i\">t</p>", "<p>t</p>" },
    { "a<script>alert(1)</script>b<style>p{}</style>c", "abc" },
    { "<svg><a xlink:href=\"javascript:x\">s</a></svg>after", "after" },
    { "<form action=\"/x\">label <input name=q><button>go</button></form>", "label " },
    { "<noscript><img src=\"/real.jpg\"></noscript>",
      "<img src=\"http://example.com/real.jpg\">" },
    { "<unknown-element data-x=\"1\">kept <b>text</b></unknown-element>",
      "kept <b>text</b>" },
    { "<iframe src=\"https://www.youtube.com/embed/abc?rel=0\" width=\"560\" height=315 "
      "frameborder=0 allowfullscreen onload=\"x()\">fallback</iframe>",
      "<iframe src=\"https://www.youtube.com/embed/abc?rel=0\" width=\"560\" height=\"315\" "
      "allowfullscreen=\"\" sandbox=\"allow-scripts allow-same-origin\"></iframe>" },
    /* Protocol-relative against an http: base is not an https embed. */
    { "<iframe src=\"//player.vimeo.com/video/42\"></iframe>", "" },
    { "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">",
      "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">" },
    { "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"svg\">", "<img alt=\"svg\">" },
    { "<a href=\"http://example.com/a\tb\nc\">x</a>",
      "<a href=\"http://example.com/abc\" rel=\"noopener noreferrer\">x</a>" },
    { "<img srcset=\"javascript:alert(1) 1x, ok.png 2x\">",
      "<img srcset=\"http://example.com/blog/ok.png 2x\">" },
    { "<a href=\"mailto:me@example.com\">m</a><a href=\"tel:+123\">t</a>",
      "<a href=\"mailto:me@example.com\" rel=\"noopener noreferrer\">m</a>"
      "<a href=\"tel:+123\" rel=\"noopener noreferrer\">t</a>" },
    { "<p title=\"a &quot;b&quot; <c> & d\">x</p>",
      "<p title=\"a &quot;b&quot; &lt;c&gt; &amp; d\">x</p>" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = bs_html_sanitize (cases[i].in, -1, BASE);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_sanitize_article (void)
{
  const char *article =
    "<article><h2>Title &amp; more</h2>\n"
    "<p>Read <a href=\"/tag/c\" title=\"C\">this</a> and "
    "<a href=\"https://other.example/x?a=1&amp;b=2\">that</a>&nbsp;&mdash; ok.</p>\n"
    "<figure><img src=\"../img/a.jpg\" srcset=\"../img/a.jpg 1x, ../img/a@2x.jpg 2x\" "
    "sizes=\"100vw\" alt=\"An &lt;image&gt;\" width=\"800\" height=\"600\" loading=\"lazy\" "
    "class=\"wp-image\"/><figcaption>Caption <em>here</em></figcaption></figure>\n"
    "<table><thead><tr><th scope=\"col\">H</th></tr></thead>"
    "<tbody><tr><td colspan=\"2\">1 &lt; 2</td></tr></tbody></table>\n"
    "<pre><code class=\"language-c\">if (a &lt; b &amp;&amp; c)\n  return;</code></pre>\n"
    "<audio src=\"ep.mp3\" controls></audio>\n"
    "<video poster=\"p.jpg\" width=\"640\"><source src=\"v.webm\" type=\"video/webm\">"
    "<track src=\"s.vtt\" kind=\"subtitles\" srclang=\"en\"></video>\n"
    "<blockquote cite=\"/src\"><p>Quote</p></blockquote>"
    "<ul><li>one</li><li>two</li></ul><ol start=\"3\"><li>three</li></ol>"
    "<dl><dt>t</dt><dd>d</dd></dl>"
    "<p>x<sub>2</sub> <del datetime=\"2020-01-01\">old</del><ins>new</ins> "
    "<abbr title=\"HyperText\">HTML</abbr> <time datetime=\"2024-05-01\">May</time></p>"
    "<details><summary>More</summary>hidden</details>"
    "<picture><source srcset=\"/p.webp\" type=\"image/webp\"><img src=\"/p.jpg\"></picture>"
    "</article>";
  static const char *const expected[] = {
    "<article><h2>Title &amp; more</h2>",
    "<a href=\"http://example.com/tag/c\" title=\"C\" rel=\"noopener noreferrer\">this</a>",
    "<a href=\"https://other.example/x?a=1&amp;b=2\" rel=\"noopener noreferrer\">that</a>\xc2\xa0\xe2\x80\x94 ok.</p>",
    "<figure><img src=\"http://example.com/img/a.jpg\" "
    "srcset=\"http://example.com/img/a.jpg 1x, http://example.com/img/a@2x.jpg 2x\" "
    "sizes=\"100vw\" alt=\"An &lt;image&gt;\" width=\"800\" height=\"600\" loading=\"lazy\">"
    "<figcaption>Caption <em>here</em></figcaption></figure>",
    "<table><thead><tr><th scope=\"col\">H</th></tr></thead>"
    "<tbody><tr><td colspan=\"2\">1 &lt; 2</td></tr></tbody></table>",
    "<pre><code>if (a &lt; b &amp;&amp; c)\n  return;</code></pre>",
    "<audio src=\"http://example.com/blog/ep.mp3\" controls=\"\"></audio>",
    "<video poster=\"http://example.com/blog/p.jpg\" width=\"640\" controls=\"\">"
    "<source src=\"http://example.com/blog/v.webm\" type=\"video/webm\">"
    "<track src=\"http://example.com/blog/s.vtt\" kind=\"subtitles\" srclang=\"en\"></video>",
    "<blockquote cite=\"http://example.com/src\"><p>Quote</p></blockquote>",
    "<ul><li>one</li><li>two</li></ul><ol start=\"3\"><li>three</li></ol>",
    "<dl><dt>t</dt><dd>d</dd></dl>",
    "x<sub>2</sub> <del datetime=\"2020-01-01\">old</del><ins>new</ins> "
    "<abbr title=\"HyperText\">HTML</abbr> <time datetime=\"2024-05-01\">May</time></p>",
    "<details><summary>More</summary>hidden</details>",
    "<picture><source srcset=\"http://example.com/p.webp\" type=\"image/webp\">"
    "<img src=\"http://example.com/p.jpg\"></picture></article>",
  };
  g_autofree char *out = bs_html_sanitize (article, -1, BASE);
  g_autofree char *again = bs_html_sanitize (out, -1, BASE);

  for (size_t i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (out, expected[i]) == NULL)
      g_error ("expected\n  %s\nin\n  %s", expected[i], out);
  assert_safe (out);
  g_assert_cmpstr (again, ==, out);
}

static void
test_sanitize_kept_elements (void)
{
  static const char *const kept[] = {
    "p", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "q",
    "cite", "pre", "code", "kbd", "samp", "var", "em", "strong", "b", "i", "u",
    "s", "strike", "del", "ins", "sub", "sup", "small", "big", "mark", "abbr",
    "acronym", "dfn", "time", "address", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "figure", "figcaption", "details", "summary", "ruby", "rt", "rp",
    "center", "font", "article", "section", "header", "footer", "aside", "nav",
    "main", "tt", "bdi", "bdo", "hgroup", "picture", "audio", "video",
  };

  for (size_t i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *in = g_strdup_printf ("<%s class=\"k\" onclick=\"x\">text</%s>",
                                             kept[i], kept[i]);
      g_autofree char *out = bs_html_sanitize (in, -1, NULL);
      g_autofree char *open = g_strdup_printf ("<%s", kept[i]);
      g_autofree char *close = g_strdup_printf ("text</%s>", kept[i]);

      g_assert_true (g_str_has_prefix (out, open));
      g_assert_true (g_str_has_suffix (out, close));
      assert_safe (out);
    }
}

static void
test_sanitize_text (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "" },
    { "plain text, no wrapper", "plain text, no wrapper" },
    { "History of the &lt;blink&gt; tag", "History of the &lt;blink&gt; tag" },
    { "a < b && c > d", "a &lt; b &amp;&amp; c &gt; d" },
    { "&eacute;&#233;&#xE9; &copy; caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d",
      "\xc3\xa9\xc3\xa9\xc3\xa9 \xc2\xa9 caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d" },
    { "one<!-- comment -->two", "onetwo" },
    { "<p>one<p>two", "<p>one</p><p>two</p>" },
    { "text <b>bold</b> tail", "text <b>bold</b> tail" },
    { "<html><head><title>T</title></head><body><p>Body</p></body></html>", "<p>Body</p>" },
    { "bad \xff byte", "bad \xef\xbf\xbd byte" },
    { "<b>unclosed <i>nest", "<b>unclosed <i>nest</i></b>" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = bs_html_sanitize (cases[i].in, -1, BASE);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_sanitize_length (void)
{
  g_autofree char *out = bs_html_sanitize ("<b>bold</b>junk", 11, NULL);
  g_autofree char *empty = bs_html_sanitize ("<b>x</b>", 0, NULL);

  g_assert_cmpstr (out, ==, "<b>bold</b>");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_sanitize_relative (void)
{
  static const struct
  {
    const char *base;
    const char *in;
    const char *out;
  } cases[] = {
    { BASE, "<a href=\"other.html\">x</a>",
      "<a href=\"http://example.com/blog/other.html\" rel=\"noopener noreferrer\">x</a>" },
    { BASE, "<a href=\"#frag\">x</a>",
      "<a href=\"http://example.com/blog/post.html#frag\" rel=\"noopener noreferrer\">x</a>" },
    { BASE, "<img src=\"//cdn.example.net/i.png\">",
      "<img src=\"http://cdn.example.net/i.png\">" },
    { BASE, "<a href=\" /trimmed \">x</a>",
      "<a href=\"http://example.com/trimmed\" rel=\"noopener noreferrer\">x</a>" },
    { NULL, "<a href=\"rel/x\">x</a>",
      "<a href=\"rel/x\" rel=\"noopener noreferrer\">x</a>" },
    { "https://example.org/a/", "<img src=\"b.png\" srcset=\"c.png 1.5x,d.png 2x\">",
      "<img src=\"https://example.org/a/b.png\" "
      "srcset=\"https://example.org/a/c.png 1.5x, https://example.org/a/d.png 2x\">" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = bs_html_sanitize (cases[i].in, -1, cases[i].base);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* Unwrapping elements must not leave markup that a second pass reads
 * differently (inputs found by fuzzing). */
static void
test_sanitize_stable (void)
{
  static const char *const inputs[] = {
    "<p>a<noscript><td>cell</td></noscript>b</p>",
    "<a href=x>A<x-y><a href=y>B</a></x-y></a>",
    "<p>one<noscript><p>two</p></noscript>three",
    "<li>a<span-x><li>b</span-x>",
    "<p>text<form><hr></form>after",
    "<!-- c --> \n <b>x</b>",
  };

  for (size_t i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *out = bs_html_sanitize (inputs[i], -1, BASE);
      g_autofree char *again = bs_html_sanitize (out, -1, BASE);

      g_assert_cmpstr (again, ==, out);
      assert_safe (out);
    }
}

static void
test_sanitize_deep (void)
{
  GString *in = g_string_new (NULL);
  g_autofree char *out = NULL;

  for (int i = 0; i < 20000; i++)
    g_string_append (in, "<div><span>");
  g_string_append (in, "deep");
  out = bs_html_sanitize (in->str, in->len, NULL);
  g_assert_nonnull (strstr (out, "deep"));
  assert_balanced (out);
  g_string_free (in, TRUE);
}

static void
test_resolve_urls (void)
{
  static const struct
  {
    const char *in;
    const char *out;   /* NULL: unchanged */
  } cases[] = {
    { "<a href=\"/relative/uri\">click here</a>",
      "<a href=\"http://example.com/relative/uri\">click here</a>" },
    { "<a href=\"http://other.example/\">abs</a><img src=\"data:image/png,x\">", NULL },
    { "no markup at all", NULL },
    { "", NULL },
    /* Everything but the value keeps its bytes: case, quotes, spacing,
     * comments, doctype, odd markup. */
    { "<!DOCTYPE html><!-- <a href=\"c\"> --><A  HREF = 'x.html' Title=T>a</A >"
      "&lt;!' <b>&amp;</b><IMG\nsrc=i.png alt=\"\">",
      "<!DOCTYPE html><!-- <a href=\"c\"> --><A  HREF = \"http://example.com/blog/x.html\" "
      "Title=T>a</A >&lt;!' <b>&amp;</b><IMG\nsrc=\"http://example.com/blog/i.png\" alt=\"\">" },
    { "<!' <a href=\"foo\">", NULL },
    { "<a href=\"?a=1&amp;b=2\">q</a>",
      "<a href=\"http://example.com/blog/post.html?a=1&amp;b=2\">q</a>" },
    { "<img srcset=\"a.png 1x, http://x.example/b.png 2x,c.png\">",
      "<img srcset=\"http://example.com/blog/a.png 1x, http://x.example/b.png 2x,"
      "http://example.com/blog/c.png\">" },
    { "<script>var s = '<a href=\"x\">';</script><a href=y>y</a>",
      "<script>var s = '<a href=\"x\">';</script><a href=\"http://example.com/blog/y\">y</a>" },
    { "<blockquote cite=q.html><q cite=\"r\">t</q></blockquote>"
      "<video src=v.mp4 poster=p.jpg></video><object data=o.swf></object><form action=f>",
      "<blockquote cite=\"http://example.com/blog/q.html\"><q cite=\"http://example.com/blog/r\">"
      "t</q></blockquote><video src=\"http://example.com/blog/v.mp4\" "
      "poster=\"http://example.com/blog/p.jpg\"></video>"
      "<object data=\"http://example.com/blog/o.swf\"></object>"
      "<form action=\"http://example.com/blog/f\">" },
    { "<p class=\"/not-a-url\" data-src=\"x\">p</p><a name=\"x\" href=\"\">e</a>", NULL },
    /* XHTML content self-closes elements that are raw text in HTML. */
    { "<iframe src=\"f\"/><a href=\"g\">g</a>",
      "<iframe src=\"http://example.com/blog/f\"/><a href=\"http://example.com/blog/g\">g</a>" },
    { "a < b <a href=\"c\" unterminated", NULL },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = bs_html_resolve_urls (cases[i].in, -1, BASE);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_resolve_urls_no_base (void)
{
  g_assert_null (bs_html_resolve_urls ("<a href=\"x\">x</a>", -1, NULL));
  g_assert_null (bs_html_resolve_urls ("<a href=\"x\">x</a>", -1, ""));
}

static void
test_resolve_urls_bytes (void)
{
  /* Arbitrary bytes, NULs included, and every prefix of a tricky string:
   * no crash, no read past the end, and the bytes outside the resolved
   * attributes survive. */
  static const char tricky[] =
    "<a href='x'><!--<a href=y>--><![CDATA[<a href=z>]]><img src=\0a\"b>"
    "<a href=\"unterminated";
  g_autofree char *out = bs_html_resolve_urls (tricky, sizeof tricky - 1, BASE);
  GRand *rand = g_rand_new_with_seed (42);

  g_assert_nonnull (out);
  g_assert_true (g_str_has_prefix (out, "<a href=\"http://example.com/blog/x\">"
                                        "<!--<a href=y>--><![CDATA[<a href=z>]]>"));

  for (size_t n = 0; n < sizeof tricky - 1; n++)
    g_free (bs_html_resolve_urls (tricky, n, BASE));

  for (int i = 0; i < 2000; i++)
    {
      char buf[64];
      const char alphabet[] = "<>/=\"' ahrefsrcimg!-&#;x\0\t";

      for (size_t j = 0; j < sizeof buf; j++)
        buf[j] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      g_free (bs_html_resolve_urls (buf, sizeof buf, BASE));
      g_free (bs_html_strip_tags (buf, sizeof buf));
      g_free (bs_html_to_text (buf, sizeof buf));
      g_free (bs_html_sanitize (buf, sizeof buf, BASE));
    }
  g_rand_free (rand);
}

static void
test_strip_tags (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "" },
    { "Example <b>Atom</b>", "Example Atom" },
    { "History of the &lt;blink&gt; tag", "History of the <blink> tag" },
    { "<p>one</p><p>two</p>", "onetwo" },
    { "a < b and c > d", "a < b and c > d" },
    { "a<b", "a<b" },
    { "x <!-- hidden --> y", "x  y" },
    { "&#65;&#x42;&#X43;&#x44 &eacute;&nbsp;&hellip;&apos;", "ABCD \xc3\xa9\xc2\xa0\xe2\x80\xa6'" },
    { "http://example/?a=1&b=2&c", "http://example/?a=1&b=2&c" },
    { "&amp;lt; &unknown; & &;", "&lt; &unknown; & &;" },
    { "&#0; &#x110000; &#150;", "\xef\xbf\xbd \xef\xbf\xbd \xe2\x80\x93" },
    { "<a href=\"x>y\" title='>'>link</a>", "link" },
    { "<![CDATA[<b>raw</b>]]> after", "<b>raw</b> after" },
    { "<br/>line<br />break", "linebreak" },
    { "<script/>kept<title/>too", "kepttoo" },
    { "bad \xff byte", "bad \xef\xbf\xbd byte" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = bs_html_strip_tags (cases[i].in, -1);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_to_text (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "" },
    { "  <p>One</p><p>Two  <b>bold</b>\n words</p>  ", "One\nTwo bold words" },
    { "line<br>break<br/>again", "line\nbreak\nagain" },
    { "<script>var x = '<p>';</script>Text<style>p { }</style>", "Text" },
    { "<ul><li>a</li><li>b</li></ul>", "a\nb" },
    { "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>", "1 2\n3" },
    { "Fish &amp; chips &lt;3", "Fish & chips <3" },
    { "<div>\n\n  <div>nested</div>\n</div>tail", "nested\ntail" },
    { "in<b>line</b>word", "inlineword" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = bs_html_to_text (cases[i].in, -1);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* Text without '<' or '&' skips the HTML parser. What it returns must be
 * exactly what the parser path returns for the same text, which is
 * observed by appending an element (that forces the parser) and checking
 * the text comes out the same in front of it. */
static void
test_plain_text_fast_path (void)
{
  static const char * const pieces[] = {
    "a", "b", " ", "\n", "\r", "\t", ">", "\"", "'", "é", "€", "\r\n", "  ",
    "x\xc2\xa0y", "=", "/", "\xf0\x9f\x93\xb0",
  };

  for (guint it = 0; it < 5000; it++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) forced = NULL;
      g_autofree char *fast = NULL;
      g_autofree char *slow = NULL;
      int n = g_test_rand_int_range (0, 12);
      gsize fast_len;

      for (int i = 0; i < n; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      forced = g_string_new (text->str);
      g_string_append (forced, "<b>z</b>");

      fast = bs_html_sanitize (text->str, -1, "http://example.com/");
      slow = bs_html_sanitize (forced->str, -1, "http://example.com/");
      fast_len = strlen (fast);
      g_assert_true (strncmp (slow, fast, fast_len) == 0);
      g_assert_cmpstr (slow + fast_len, ==, "<b>z</b>");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (size_t i = 0; i < G_N_ELEMENTS (unsafe_outputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/broadsheet/html/checker/%zu", i);

      g_test_add_data_func (path, unsafe_outputs[i], test_checker);
    }
  g_test_add_func ("/broadsheet/html/xss-vectors", test_xss_vectors);
  g_test_add_func ("/broadsheet/html/xss-expected", test_xss_expected);
  g_test_add_func ("/broadsheet/html/sanitize-article", test_sanitize_article);
  g_test_add_func ("/broadsheet/html/sanitize-kept-elements", test_sanitize_kept_elements);
  g_test_add_func ("/broadsheet/html/sanitize-text", test_sanitize_text);
  g_test_add_func ("/broadsheet/html/sanitize-length", test_sanitize_length);
  g_test_add_func ("/broadsheet/html/sanitize-relative", test_sanitize_relative);
  g_test_add_func ("/broadsheet/html/sanitize-stable", test_sanitize_stable);
  g_test_add_func ("/broadsheet/html/sanitize-deep", test_sanitize_deep);
  g_test_add_func ("/broadsheet/html/resolve-urls", test_resolve_urls);
  g_test_add_func ("/broadsheet/html/resolve-urls-no-base", test_resolve_urls_no_base);
  g_test_add_func ("/broadsheet/html/resolve-urls-bytes", test_resolve_urls_bytes);
  g_test_add_func ("/broadsheet/html/strip-tags", test_strip_tags);
  g_test_add_func ("/broadsheet/html/to-text", test_to_text);
  g_test_add_func ("/broadsheet/html/plain-text-fast-path", test_plain_text_fast_path);

  return g_test_run ();
}
