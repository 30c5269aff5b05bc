/* test-uri.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bs-uri.h"

/* RFC 3986 section 5.4: every normal and abnormal example. */
static const struct {
  const char *ref;
  const char *want;
} rfc3986[] = {
  { "g:h", "g:h" }, { "g", "http://a/b/c/g" }, { "./g", "http://a/b/c/g" },
  { "g/", "http://a/b/c/g/" }, { "/g", "http://a/g" }, { "//g", "http://g" },
  { "?y", "http://a/b/c/d;p?y" }, { "g?y", "http://a/b/c/g?y" },
  { "#s", "http://a/b/c/d;p?q#s" }, { "g#s", "http://a/b/c/g#s" },
  { "g?y#s", "http://a/b/c/g?y#s" }, { ";x", "http://a/b/c/;x" },
  { "g;x", "http://a/b/c/g;x" }, { "g;x?y#s", "http://a/b/c/g;x?y#s" },
  { "", "http://a/b/c/d;p?q" }, { ".", "http://a/b/c/" }, { "./", "http://a/b/c/" },
  { "..", "http://a/b/" }, { "../", "http://a/b/" }, { "../g", "http://a/b/g" },
  { "../..", "http://a/" }, { "../../", "http://a/" }, { "../../g", "http://a/g" },
  { "../../../g", "http://a/g" }, { "../../../../g", "http://a/g" },
  { "/./g", "http://a/g" }, { "/../g", "http://a/g" }, { "g.", "http://a/b/c/g." },
  { ".g", "http://a/b/c/.g" }, { "g..", "http://a/b/c/g.." }, { "..g", "http://a/b/c/..g" },
  { "./../g", "http://a/b/g" }, { "./g/.", "http://a/b/c/g/" },
  { "g/./h", "http://a/b/c/g/h" }, { "g/../h", "http://a/b/c/h" },
  { "g;x=1/./y", "http://a/b/c/g;x=1/y" }, { "g;x=1/../y", "http://a/b/c/y" },
  { "g?y/./x", "http://a/b/c/g?y/./x" }, { "g?y/../x", "http://a/b/c/g?y/../x" },
  { "g#s/./x", "http://a/b/c/g#s/./x" }, { "g#s/../x", "http://a/b/c/g#s/../x" },
  { "http:g", "http:g" },
};

static void
test_rfc3986_examples (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc3986); i++)
    {
      g_autofree char *got = bs_uri_resolve ("http://a/b/c/d;p?q", rfc3986[i].ref);

      g_assert_cmpstr (got, ==, rfc3986[i].want);
    }
}

static void
test_feed_references (void)
{
  static const struct {
    const char *base, *ref, *want;
  } cases[] = {
    /* whitespace around a reference in a feed is not part of it */
    { "http://example.com/feed.xml", "  /relative/uri\n", "http://example.com/relative/uri" },
    /* a base without a path */
    { "http://example.com", "a/b", "http://example.com/a/b" },
    { "http://example.com", "?q=1", "http://example.com?q=1" },
    /* no base: relative references stay relative */
    { NULL, "relative/uri", "relative/uri" },
    { "", "relative/uri", "relative/uri" },
    /* an unusable base does not invent a scheme */
    { "not a uri", "x", "x" },
    /* lenient with characters GUri refuses */
    { "http://example.com/a/", "my file.html", "http://example.com/a/my file.html" },
    { "http://example.com/a/", "100%.html", "http://example.com/a/100%.html" },
    /* absolute references and other schemes pass through */
    { "http://example.com/", "mailto:me@example.com", "mailto:me@example.com" },
    { "http://example.com/", "HTTPS://Example.COM/X", "HTTPS://Example.COM/X" },
    /* protocol-relative */
    { "https://example.com/feed", "//cdn.example.net/i.png", "https://cdn.example.net/i.png" },
    /* xml:base chains: a relative base resolved first, then the reference */
    { "http://example.com/blog/", "../img/a.png", "http://example.com/img/a.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_uri_resolve (cases[i].base, cases[i].ref);

      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_is_absolute (void)
{
  g_assert_true (bs_uri_is_absolute ("http://x/"));
  g_assert_true (bs_uri_is_absolute ("tag:example.com,2006:x"));
  g_assert_true (bs_uri_is_absolute ("urn:uuid:1"));
  g_assert_false (bs_uri_is_absolute ("/x"));
  g_assert_false (bs_uri_is_absolute ("x/y:z"));
  g_assert_false (bs_uri_is_absolute ("1http://x"));
  g_assert_false (bs_uri_is_absolute (""));
  g_assert_false (bs_uri_is_absolute (":x"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/broadsheet/uri/rfc3986-examples", test_rfc3986_examples);
  g_test_add_func ("/broadsheet/uri/feed-references", test_feed_references);
  g_test_add_func ("/broadsheet/uri/is-absolute", test_is_absolute);

  return g_test_run ();
}
