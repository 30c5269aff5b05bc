/* bs-opml.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-opml"

#include "config.h"

#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "bs-encoding.h"
#include "bs-opml.h"
#include "bs-parser-private.h"
#include "bs-uri.h"

G_DEFINE_QUARK (bs-opml-error-quark, bs_opml_error)

/* At most this many problems are listed; the rest are counted. */
#define MAX_PROBLEMS 20

BsOpmlOutline *
bs_opml_outline_new (const char *title,
                     const char *xml_url,
                     const char *html_url,
                     const char *folder)
{
  BsOpmlOutline *outline;

  g_return_val_if_fail (xml_url != NULL, NULL);

  outline = g_new0 (BsOpmlOutline, 1);
  outline->title = g_strdup (title);
  outline->xml_url = g_strdup (xml_url);
  outline->html_url = g_strdup (html_url);
  outline->folder = g_strdup (folder);
  return outline;
}

BsOpmlOutline *
bs_opml_outline_copy (const BsOpmlOutline *outline)
{
  g_return_val_if_fail (outline != NULL, NULL);

  return bs_opml_outline_new (outline->title, outline->xml_url, outline->html_url, outline->folder);
}

void
bs_opml_outline_free (BsOpmlOutline *outline)
{
  if (outline == NULL)
    return;
  g_free (outline->title);
  g_free (outline->xml_url);
  g_free (outline->html_url);
  g_free (outline->folder);
  g_free (outline);
}

/* ---- reading ---------------------------------------------------------- */

typedef struct {
  xmlParserCtxtPtr  ctxt;
  const char       *base_uri;
  GPtrArray        *outlines;     /* BsOpmlOutline * */
  GHashTable       *seen;         /* feed URLs already read */
  GPtrArray        *problems;     /* char * */
  guint             n_problems;   /* including those not listed */
  /* One entry per open <outline>: the folder name its children are in
   * (owned), or NULL at the top level. */
  GPtrArray        *folders;
  gboolean          root_seen;
  char             *root_name;    /* the root element when it is not <opml> */
  guint             xml_errors;
  gboolean          full;         /* BS_OPML_MAX_OUTLINES reached */
} Reader;

static void add_problem (Reader     *r,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (Reader     *r,
             const char *format,
             ...)
{
  va_list args;

  r->n_problems++;
  if (r->problems->len >= MAX_PROBLEMS)
    return;
  va_start (args, format);
  g_ptr_array_add (r->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static int
line (Reader *r)
{
  return xmlSAX2GetLineNumber (r->ctxt);
}

/* The value of the attribute @name (ASCII case-insensitive, without a
 * namespace prefix), or NULL. */
static char *
find_attr (int             nb_attributes,
           const xmlChar **attributes,
           const char     *name)
{
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **a = attributes + i * 5;
      const char *value = (const char *) a[3];
      gsize len = a[4] - a[3];
      const char *amp;
      GString *out;

      if (a[1] != NULL || g_ascii_strcasecmp ((const char *) a[0], name) != 0)
        continue;

      /* Without entity substitution libxml2 hands over every '&' of a
       * value as "&#38;" (for a tree to write back); it is the only
       * reference left in the value. */
      amp = memchr (value, '&', len);
      if (amp == NULL)
        return g_strndup (value, len);
      out = g_string_sized_new (len);
      while (amp != NULL)
        {
          g_string_append_len (out, value, amp - value);
          g_string_append_c (out, '&');
          len -= amp - value;
          value = amp;
          if (len >= 5 && memcmp (value, "&#38;", 5) == 0)
            {
              value += 5;
              len -= 5;
            }
          else
            {
              value++;
              len--;
            }
          amp = memchr (value, '&', len);
        }
      g_string_append_len (out, value, len);
      return g_string_free (out, FALSE);
    }
  return NULL;
}

/* Trimmed @text (consumed), or NULL when nothing is left. */
static char *
trimmed_or_null (char *text)
{
  if (text == NULL)
    return NULL;
  g_strstrip (text);
  if (*text == '\0')
    {
      g_free (text);
      return NULL;
    }
  return text;
}

static gboolean
is_http_url (const char *url)
{
  const char *scheme_end;

  if (g_ascii_strncasecmp (url, "http://", 7) == 0)
    scheme_end = url + 7;
  else if (g_ascii_strncasecmp (url, "https://", 8) == 0)
    scheme_end = url + 8;
  else
    return FALSE;
  /* a host, and nothing that could hide another one */
  return *scheme_end != '\0' && strchr ("/?#", *scheme_end) == NULL &&
         strpbrk (url, " \t\r\n") == NULL;
}

/* @ref resolved against the document's URL, as an http(s) URL, or NULL.
 * feed://host/… and feed:https://… (from "subscribe" links) become the
 * URLs they stand for. */
static char *
absolute_url (Reader     *r,
              const char *ref)
{
  g_autofree char *unwrapped = NULL;
  g_autofree char *url = NULL;
  const char *rest;

  while (g_ascii_isspace (*ref))
    ref++;
  /* resolving "" would give the document's own URL */
  if (*ref == '\0')
    return NULL;
  if (g_ascii_strncasecmp (ref, "feed:", 5) == 0)
    {
      rest = ref + 5;
      if (rest[0] == '/' && rest[1] == '/')
        unwrapped = g_strconcat ("http:", rest, NULL);
      else
        unwrapped = g_strdup (rest);
      ref = unwrapped;
    }
  url = bs_uri_resolve (r->base_uri, ref);
  if (!is_http_url (url))
    return NULL;
  return g_steal_pointer (&url);
}

/* @s cut to at most @max bytes at a character boundary (consumed). */
static char *
truncate_utf8 (char  *s,
               gsize  max)
{
  gsize len = strlen (s);

  if (len > max)
    {
      const char *end = g_utf8_find_prev_char (s, s + max + 1);

      s[end != NULL ? (gsize) (end - s) : 0] = '\0';
      g_strchomp (s);
    }
  return s;
}

static const char *
current_folder (Reader *r)
{
  return r->folders->len > 0 ? g_ptr_array_index (r->folders, r->folders->len - 1) : NULL;
}

static gboolean
is_feed_type (const char *type)
{
  return type == NULL || *type == '\0' ||
         g_ascii_strcasecmp (type, "rss") == 0 ||
         g_ascii_strcasecmp (type, "atom") == 0 ||
         g_ascii_strcasecmp (type, "feed") == 0;
}

static void
start_outline (Reader         *r,
               int             nb_attributes,
               const xmlChar **attributes)
{
  g_autofree char *xml_ref = find_attr (nb_attributes, attributes, "xmlUrl");
  g_autofree char *type = trimmed_or_null (find_attr (nb_attributes, attributes, "type"));
  g_autofree char *title = NULL;
  g_autofree char *xml_url = NULL;
  g_autofree char *html_url = NULL;
  g_autofree char *html_ref = NULL;
  const char *parent = current_folder (r);

  title = trimmed_or_null (find_attr (nb_attributes, attributes, "title"));
  if (title == NULL)
    title = trimmed_or_null (find_attr (nb_attributes, attributes, "text"));

  if (xml_ref == NULL && is_feed_type (type))
    xml_ref = find_attr (nb_attributes, attributes, "url");
  xml_ref = trimmed_or_null (g_steal_pointer (&xml_ref));

  if (xml_ref == NULL)
    {
      /* a folder (Liferea writes type="folder", most exporters no type);
       * an unnamed one adds nothing to its children's folder */
      char *folder;

      if (title == NULL)
        folder = g_strdup (parent);
      else if (parent == NULL)
        folder = truncate_utf8 (g_strdup (title), BS_OPML_MAX_FOLDER);
      else
        folder = truncate_utf8 (g_strconcat (parent, " / ", title, NULL), BS_OPML_MAX_FOLDER);
      g_ptr_array_add (r->folders, folder);
      if (type != NULL && g_ascii_strcasecmp (type, "rss") == 0)
        add_problem (r, "line %d: a feed outline without a feed URL", line (r));
      return;
    }

  /* a feed: its children, if any, stay in its folder */
  g_ptr_array_add (r->folders, g_strdup (parent));

  xml_url = absolute_url (r, xml_ref);
  if (xml_url == NULL)
    {
      if (r->base_uri == NULL && !bs_uri_is_absolute (xml_ref))
        add_problem (r, "line %d: skipped “%s”: a relative URL in a document of unknown address",
                     line (r), xml_ref);
      else
        add_problem (r, "line %d: skipped “%s”: not an http or https URL", line (r), xml_ref);
      return;
    }
  if (g_hash_table_contains (r->seen, xml_url))
    return;
  if (r->outlines->len >= BS_OPML_MAX_OUTLINES)
    {
      if (!r->full)
        add_problem (r, "only the first %d feeds were read", BS_OPML_MAX_OUTLINES);
      r->full = TRUE;
      return;
    }

  html_ref = find_attr (nb_attributes, attributes, "htmlUrl");
  if (html_ref != NULL)
    html_url = absolute_url (r, html_ref);

  g_hash_table_add (r->seen, g_strdup (xml_url));
  g_ptr_array_add (r->outlines, bs_opml_outline_new (title, xml_url, html_url, parent));
}

static void
start_element_cb (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  Reader *r = ((xmlParserCtxtPtr) ctx)->_private;
  const char *name = (const char *) localname;

  if (!r->root_seen)
    {
      r->root_seen = TRUE;
      if (g_ascii_strcasecmp (name, "opml") != 0)
        {
          r->root_name = g_strdup (name);
          xmlStopParser (r->ctxt);
        }
      return;
    }

  if (g_ascii_strcasecmp (name, "outline") == 0)
    start_outline (r, nb_attributes, attributes);
}

static void
end_element_cb (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Reader *r = ((xmlParserCtxtPtr) ctx)->_private;

  if (g_ascii_strcasecmp ((const char *) localname, "outline") == 0 && r->folders->len > 0)
    g_ptr_array_remove_index (r->folders, r->folders->len - 1);
}

/* Only the five predefined entities exist: whatever the internal subset
 * declares is never looked up, so nothing is expanded or loaded. */
static xmlEntityPtr
get_entity_cb (void          *ctx,
               const xmlChar *name)
{
  return xmlGetPredefinedEntity (name);
}

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  Reader *r = ((xmlParserCtxtPtr) user_data)->_private;
  g_autofree char *msg = NULL;

  if (error == NULL || error->level < XML_ERR_ERROR)
    return;
  if (error->code == XML_IO_LOAD_ERROR || error->code == XML_IO_NETWORK_ATTEMPT)
    return;
  r->xml_errors++;
  msg = g_utf8_make_valid (error->message != NULL ? error->message : "XML error", -1);
  g_strchomp (msg);
  add_problem (r, "line %d: %s", error->line, msg);
}

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->outlines, g_ptr_array_unref);
  g_clear_pointer (&r->seen, g_hash_table_unref);
  g_clear_pointer (&r->problems, g_ptr_array_unref);
  g_clear_pointer (&r->folders, g_ptr_array_unref);
  g_clear_pointer (&r->root_name, g_free);
}

/* One SAX pass over @utf8 into @r. */
static void
read_once (Reader     *r,
           const char *utf8,
           gsize       length,
           const char *base_uri)
{
  xmlSAXHandler sax;
  xmlParserCtxtPtr ctxt;

  memset (r, 0, sizeof *r);
  r->base_uri = base_uri;
  r->outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_opml_outline_free);
  r->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->problems = g_ptr_array_new_with_free_func (g_free);
  r->folders = g_ptr_array_new_with_free_func (g_free);

  memset (&sax, 0, sizeof sax);
  xmlSAXVersion (&sax, 2);
  sax.startElementNs = start_element_cb;
  sax.endElementNs = end_element_cb;
  sax.getEntity = get_entity_cb;
  sax.getParameterEntity = NULL;
  sax.entityDecl = NULL;
  sax.resolveEntity = NULL;
  sax.externalSubset = NULL;
  sax.reference = NULL;
  sax.characters = NULL;
  sax.cdataBlock = NULL;
  sax.ignorableWhitespace = NULL;
  sax.comment = NULL;
  sax.processingInstruction = NULL;
  sax.warning = NULL;
  sax.error = NULL;
  sax.fatalError = NULL;
  sax.serror = structured_error_cb;

  ctxt = xmlCreateMemoryParserCtxt (utf8, (int) length);
  if (ctxt == NULL)
    return;
  memcpy (ctxt->sax, &sax, sizeof sax);
  ctxt->userData = ctxt;
  ctxt->_private = r;
  r->ctxt = ctxt;
  /* no NOENT, no DTDLOAD, no DTDATTR, no HUGE: libxml2's own limits on
   * depth and sizes apply */
  xmlCtxtUseOptions (ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA |
                           XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT);
  xmlSwitchEncoding (ctxt, XML_CHAR_ENCODING_UTF8);

  xmlParseDocument (ctxt);

  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  ctxt->myDoc = NULL;
  xmlFreeParserCtxt (ctxt);
  r->ctxt = NULL;
}

static void
set_not_opml_error (Reader  *r,
                    GError **error)
{
  const char *root = r->root_name;

  if (g_ascii_strcasecmp (root, "rss") == 0 || g_ascii_strcasecmp (root, "feed") == 0 ||
      g_ascii_strcasecmp (root, "RDF") == 0)
    g_set_error (error, BS_OPML_ERROR, BS_OPML_ERROR_NOT_OPML,
                 "the document is a feed, not an OPML subscription list (its root element is <%s>)",
                 root);
  else if (g_ascii_strcasecmp (root, "html") == 0)
    g_set_error (error, BS_OPML_ERROR, BS_OPML_ERROR_NOT_OPML,
                 "the document is a web page, not an OPML subscription list");
  else
    g_set_error (error, BS_OPML_ERROR, BS_OPML_ERROR_NOT_OPML,
                 "the document is not OPML: its root element is <%s>, not <opml>", root);
}

static char **
steal_problems (Reader *r)
{
  if (r->n_problems > r->problems->len)
    g_ptr_array_add (r->problems,
                     g_strdup_printf ("%u more problems", r->n_problems - r->problems->len));
  if (r->problems->len == 0)
    return NULL;
  g_ptr_array_add (r->problems, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&r->problems), FALSE);
}

GPtrArray *
bs_opml_parse_full (const char   *data,
                    gsize         len,
                    const char   *base_uri,
                    char       ***problems,
                    GError      **error)
{
  static gsize initialized = 0;
  BsDecoded decoded;
  g_autofree char *fixed = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  const char *text;
  gsize text_len, fixed_len = 0;
  guint n_fixed = 0;
  Reader r;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > BS_OPML_MAX_SIZE)
    {
      g_set_error (error, BS_OPML_ERROR, BS_OPML_ERROR_TOO_LARGE,
                   "the document is %" G_GSIZE_FORMAT " bytes, more than the %d allowed",
                   len, BS_OPML_MAX_SIZE);
      return NULL;
    }
  if (len == 0)
    {
      g_set_error_literal (error, BS_OPML_ERROR, BS_OPML_ERROR_NOT_OPML, "the document is empty");
      return NULL;
    }
  if (base_uri != NULL && *base_uri == '\0')
    base_uri = NULL;

  /* libxml2's own set-up must not race between threads */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  bs_encoding_decode (data, len, NULL, &decoded);
  text = decoded.utf8 != NULL ? decoded.utf8 : data + decoded.offset;
  text_len = decoded.utf8 != NULL ? decoded.utf8_len : len - decoded.offset;

  read_once (&r, text, text_len, base_uri);

  /* libxml2 complains about any '&' that starts no reference: only then
   * look for them, and read the repaired document again */
  if (r.xml_errors > 0 && r.root_name == NULL &&
      (fixed = bs_parser_repair_ampersands (text, text_len, &fixed_len, &n_fixed)) != NULL)
    {
      reader_clear (&r);
      read_once (&r, fixed, fixed_len, base_uri);
      add_problem (&r, "%u “&” that start no entity or character reference", n_fixed);
    }
  if (decoded.error != NULL)
    add_problem (&r, "%s", decoded.error);
  bs_decoded_clear (&decoded);

  if (r.root_name != NULL)
    {
      set_not_opml_error (&r, error);
      reader_clear (&r);
      return NULL;
    }
  if (!r.root_seen)
    {
      g_set_error_literal (error, BS_OPML_ERROR, BS_OPML_ERROR_NOT_OPML,
                           r.xml_errors > 0 ? "the document is not XML"
                                            : "the document has no root element");
      reader_clear (&r);
      return NULL;
    }

  outlines = g_steal_pointer (&r.outlines);
  if (problems != NULL)
    *problems = steal_problems (&r);
  reader_clear (&r);
  return g_steal_pointer (&outlines);
}

GPtrArray *
bs_opml_parse (const char  *data,
               gsize        len,
               const char  *base_uri,
               GError     **error)
{
  return bs_opml_parse_full (data, len, base_uri, NULL, error);
}

/* ---- fetching --------------------------------------------------------- */

typedef struct {
  GPtrArray  *outlines;
  char      **problems;
} FetchOutcome;

static void
fetch_outcome_free (FetchOutcome *outcome)
{
  g_clear_pointer (&outcome->outlines, g_ptr_array_unref);
  g_strfreev (outcome->problems);
  g_free (outcome);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BsFetchResult *result = task_data;
  g_autoptr(GError) error = NULL;
  FetchOutcome *outcome = g_new0 (FetchOutcome, 1);
  gsize len;
  const char *data = g_bytes_get_data (result->body, &len);

  outcome->outlines = bs_opml_parse_full (data, len, result->final_url, &outcome->problems, &error);
  if (outcome->outlines == NULL)
    {
      fetch_outcome_free (outcome);
      g_prefix_error (&error, "%s: ", result->final_url);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, outcome, (GDestroyNotify) fetch_outcome_free);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BsFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *url = g_task_get_task_data (task);

  result = bs_fetcher_fetch_finish (BS_FETCHER (source), res, &error);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, "%s: ", url);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (result->status != BS_FETCH_OK || result->body == NULL)
    {
      g_task_return_new_error (task, BS_OPML_ERROR, BS_OPML_ERROR_UNAVAILABLE,
                               "%s: the server answered HTTP %u", url, result->http_status);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_set_task_data (task, bs_fetch_result_ref (result), (GDestroyNotify) bs_fetch_result_unref);
  g_task_run_in_thread (task, parse_thread);
}

void
bs_opml_fetch_async (BsFetcher           *fetcher,
                     const char          *url,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BsFetchRequest req = { .url = url };

  g_return_if_fail (BS_IS_FETCHER (fetcher));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_opml_fetch_async);
  g_task_set_task_data (task, g_strdup (url), g_free);
  bs_fetcher_fetch_async (fetcher, &req, cancellable, fetched_cb, g_steal_pointer (&task));
}

GPtrArray *
bs_opml_fetch_finish (GAsyncResult  *result,
                      char        ***problems,
                      GError       **error)
{
  FetchOutcome *outcome;
  GPtrArray *outlines;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bs_opml_fetch_async, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);

  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return NULL;
  outlines = g_steal_pointer (&outcome->outlines);
  if (problems != NULL)
    *problems = g_steal_pointer (&outcome->problems);
  fetch_outcome_free (outcome);
  return outlines;
}
