/* bs-favicon.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-favicon"

#include "config.h"

#include <string.h>

#include "bs-discovery.h"
#include "bs-favicon.h"
#include "bs-uri.h"

G_DEFINE_QUARK (bs-favicon-error-quark, bs_favicon_error)

G_DEFINE_BOXED_TYPE (BsFavicon, bs_favicon, bs_favicon_copy, bs_favicon_free)

/* The site's home page is read up to this size for its <link rel="icon">. */
#define MAX_PAGE_SIZE (1024 * 1024)

BsFavicon *
bs_favicon_new (const char *url,
                const char *mime_type,
                GBytes     *data)
{
  BsFavicon *favicon;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  favicon = g_new0 (BsFavicon, 1);
  favicon->url = g_strdup (url);
  favicon->mime_type = g_strdup (mime_type);
  favicon->data = g_bytes_ref (data);
  return favicon;
}

BsFavicon *
bs_favicon_copy (const BsFavicon *favicon)
{
  g_return_val_if_fail (favicon != NULL, NULL);

  return bs_favicon_new (favicon->url, favicon->mime_type, favicon->data);
}

void
bs_favicon_free (BsFavicon *favicon)
{
  if (favicon == NULL)
    return;
  g_free (favicon->url);
  g_free (favicon->mime_type);
  g_clear_pointer (&favicon->data, g_bytes_unref);
  g_free (favicon);
}

/* ---- sniffing ---------------------------------------------------------- */

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            const char   *prefix,
            gsize         prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

#define HAS_PREFIX(data, length, literal) \
  has_prefix ((data), (length), (literal), sizeof (literal) - 1)

/* The first @needle in [@p, @end), or NULL. */
static const guint8 *
find (const guint8 *p,
      const guint8 *end,
      const char   *needle)
{
  gsize n = strlen (needle);

  while (p != NULL && (gsize) (end - p) >= n)
    {
      if (memcmp (p, needle, n) == 0)
        return p;
      p = memchr (p + 1, needle[0], (gsize) (end - p) - 1);
    }
  return NULL;
}

static gboolean
is_xml_space (guint8 c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* TRUE when the root element of the XML document in @data is <svg>:
 * only a BOM, white space, the XML declaration, processing instructions,
 * comments and a doctype may come before it. */
static gboolean
is_svg (const guint8 *data,
        gsize         length)
{
  const guint8 *p = data;
  const guint8 *end = data + length;

  if (HAS_PREFIX (p, length, "\xef\xbb\xbf"))
    p += 3;
  for (;;)
    {
      gsize left;

      while (p < end && is_xml_space (*p))
        p++;
      left = (gsize) (end - p);
      if (HAS_PREFIX (p, left, "<?"))
        {
          p = find (p + 2, end, "?>");
          if (p == NULL)
            return FALSE;
          p += 2;
        }
      else if (HAS_PREFIX (p, left, "<!--"))
        {
          p = find (p + 4, end, "-->");
          if (p == NULL)
            return FALSE;
          p += 3;
        }
      else if (HAS_PREFIX (p, left, "<!DOCTYPE"))
        {
          /* up to the '>' that is not inside the internal subset */
          int depth = 0;

          for (p += 9; p < end && (*p != '>' || depth > 0); p++)
            {
              if (*p == '[')
                depth++;
              else if (*p == ']' && depth > 0)
                depth--;
            }
          if (p == end)
            return FALSE;
          p++;
        }
      else
        {
          return HAS_PREFIX (p, left, "<svg") && left > 4 &&
                 (is_xml_space (p[4]) || p[4] == '>' || p[4] == '/');
        }
    }
}

const char *
bs_favicon_sniff_type (const guint8 *data,
                       gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return NULL;

  /* the signature, then the IHDR chunk that must come first */
  if (HAS_PREFIX (data, length, "\x89PNG\r\n\x1a\n") && length >= 33 &&
      memcmp (data + 12, "IHDR", 4) == 0)
    return "image/png";

  /* ICONDIR: reserved 0, type 1 (2 would be a cursor), a count of
   * ICONDIRENTRYs of 16 bytes that are all there */
  if (length >= 6 && data[0] == 0 && data[1] == 0 && data[2] == 1 && data[3] == 0)
    {
      guint count = data[4] | (data[5] << 8);

      if (count > 0 && length >= 6 + 16 * (gsize) count)
        return "image/vnd.microsoft.icon";
      return NULL;
    }

  /* the header and the logical screen descriptor */
  if ((HAS_PREFIX (data, length, "GIF87a") || HAS_PREFIX (data, length, "GIF89a")) &&
      length >= 13)
    return "image/gif";

  /* SOI and the start of the next marker */
  if (HAS_PREFIX (data, length, "\xff\xd8\xff") && length >= 4)
    return "image/jpeg";

  /* RIFF, size, WEBP, then a VP8, VP8L or VP8X chunk header */
  if (HAS_PREFIX (data, length, "RIFF") && length >= 20 &&
      memcmp (data + 8, "WEBPVP8", 7) == 0 &&
      (data[15] == ' ' || data[15] == 'L' || data[15] == 'X'))
    return "image/webp";

  if (is_svg (data, length))
    return "image/svg+xml";

  return NULL;
}

/* ---- the icons a page declares ---------------------------------------- */

typedef enum {
  KIND_ICON,         /* rel="icon", rel="shortcut icon" */
  KIND_TOUCH_ICON,   /* rel="apple-touch-icon(-precomposed)": big, for home screens */
  KIND_NONE,
} Kind;

/* How well a declared size suits a list of sources, best first. */
typedef enum {
  FIT_GOOD,      /* scalable, or 32 to 64 pixels */
  FIT_BIGGER,    /* up to 256 pixels: scales down well */
  FIT_UNKNOWN,   /* no sizes */
  FIT_HUGE,      /* over 256 pixels: a large download */
  FIT_SMALLER,   /* under 32 pixels: blurry when scaled up */
} Fit;

typedef struct {
  const char *url;       /* owned by the BsPageLink */
  Kind        kind;
  Fit         fit;
  guint       distance;  /* in pixels from the good range, within the fit */
  guint       index;     /* in the document */
} Declared;

static Kind
kind_of (const char *rel)
{
  g_auto(GStrv) tokens = NULL;
  Kind kind = KIND_NONE;

  if (rel == NULL)
    return KIND_NONE;
  tokens = g_strsplit_set (rel, " \t\r\n\f", -1);
  for (int i = 0; tokens[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (tokens[i], "icon") == 0)
        return KIND_ICON;
      if (g_ascii_strcasecmp (tokens[i], "apple-touch-icon") == 0 ||
          g_ascii_strcasecmp (tokens[i], "apple-touch-icon-precomposed") == 0)
        kind = KIND_TOUCH_ICON;
    }
  return kind;
}

static gboolean
is_svg_url (const char *url)
{
  gsize n = strcspn (url, "?#");

  return n >= 4 && g_ascii_strncasecmp (url + n - 4, ".svg", 4) == 0;
}

/* How one size, @pixels wide, fits. */
static Fit
fit_of_size (guint  pixels,
             guint *distance)
{
  if (pixels < 32)
    {
      *distance = 32 - pixels;
      return FIT_SMALLER;
    }
  if (pixels <= 64)
    {
      *distance = 0;
      return FIT_GOOD;
    }
  *distance = pixels - 64;
  return pixels <= 256 ? FIT_BIGGER : FIT_HUGE;
}

/* The best fit of the icon's sizes ("16x16 32x32", "any") and type. */
static void
rate (Declared   *icon,
      const char *sizes,
      const char *type)
{
  g_auto(GStrv) tokens = NULL;

  icon->fit = FIT_UNKNOWN;
  icon->distance = 0;
  if ((type != NULL && g_ascii_strncasecmp (type, "image/svg+xml", 13) == 0) ||
      is_svg_url (icon->url))
    {
      icon->fit = FIT_GOOD;
      return;
    }
  if (sizes == NULL)
    return;

  tokens = g_strsplit_set (sizes, " \t\r\n\f", -1);
  for (int i = 0; tokens[i] != NULL; i++)
    {
      guint64 width, height;
      char *x, *end;
      guint distance;
      Fit fit;

      if (g_ascii_strcasecmp (tokens[i], "any") == 0)
        {
          icon->fit = FIT_GOOD;
          icon->distance = 0;
          return;
        }
      x = strpbrk (tokens[i], "xX");
      if (x == NULL || x == tokens[i] || !g_ascii_isdigit (x[1]))
        continue;
      width = g_ascii_strtoull (tokens[i], &end, 10);
      if (end != x)
        continue;
      height = g_ascii_strtoull (x + 1, &end, 10);
      if (*end != '\0' || width == 0 || height == 0)
        continue;
      fit = fit_of_size ((guint) MIN (MAX (width, height), 100000), &distance);
      if (icon->fit == FIT_UNKNOWN || fit < icon->fit ||
          (fit == icon->fit && distance < icon->distance))
        {
          icon->fit = fit;
          icon->distance = distance;
        }
    }
}

static int
compare_declared (gconstpointer a,
                  gconstpointer b)
{
  const Declared *x = a;
  const Declared *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->fit != y->fit)
    return x->fit < y->fit ? -1 : 1;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

GPtrArray *
bs_favicon_find_in_html (const char *html,
                         gsize       length,
                         const char *base_url)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GArray) declared = g_array_new (FALSE, FALSE, sizeof (Declared));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *urls;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  links = bs_page_scan_links (html, length, base_url);
  for (guint i = 0; i < links->len; i++)
    {
      BsPageLink *link = g_ptr_array_index (links, i);
      Declared icon = { 0, };

      if (link->anchor)
        continue;
      icon.kind = kind_of (link->rel);
      if (icon.kind == KIND_NONE)
        continue;
      /* a type that says it is no image, such as text/html */
      if (link->type != NULL && *link->type != '\0' &&
          g_ascii_strncasecmp (link->type, "image/", 6) != 0)
        continue;
      if (!g_hash_table_add (seen, link->url))
        continue;
      icon.url = link->url;
      icon.index = i;
      rate (&icon, link->sizes, link->type);
      g_array_append_val (declared, icon);
    }

  g_array_sort (declared, compare_declared);
  urls = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < declared->len && i < BS_FAVICON_MAX_DECLARED; i++)
    g_ptr_array_add (urls, g_strdup (g_array_index (declared, Declared, i).url));
  return urls;
}

/* ---- the search -------------------------------------------------------- */

typedef enum {
  STEP_ICON,  /* a URL that may be an icon */
  STEP_PAGE,  /* the site's home page, for the icons it declares */
} StepKind;

typedef struct {
  StepKind  kind;
  char     *url;
} Step;

typedef struct {
  BsFetcher  *fetcher;
  GQueue      steps;   /* Step *: the places left to try, in order */
  GHashTable *tried;   /* URLs asked for, and where they led */
  Step       *step;    /* being fetched */
  GError     *error;   /* why the last place tried gave no icon */
} Search;

static void
step_free (Step *step)
{
  g_free (step->url);
  g_free (step);
}

static void
search_free (Search *s)
{
  g_clear_object (&s->fetcher);
  g_queue_clear_full (&s->steps, (GDestroyNotify) step_free);
  g_clear_pointer (&s->tried, g_hash_table_unref);
  g_clear_pointer (&s->step, step_free);
  g_clear_error (&s->error);
  g_free (s);
}

static gboolean
is_http_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

/* Resolves @ref against @base; NULL unless that gives an http(s) URL. */
static char *
http_url (const char *base,
          const char *ref)
{
  g_autofree char *url = NULL;

  if (ref == NULL || ref[strspn (ref, " \t\r\n\f")] == '\0')
    return NULL;
  url = bs_uri_resolve (base, ref);
  return is_http_url (url) ? g_steal_pointer (&url) : NULL;
}

static void
push_step (GQueue     *steps,
           gboolean    at_head,
           StepKind    kind,
           const char *base,
           const char *ref)
{
  char *url = http_url (base, ref);
  Step *step;

  if (url == NULL)
    return;
  step = g_new0 (Step, 1);
  step->kind = kind;
  step->url = url;
  if (at_head)
    g_queue_push_head (steps, step);
  else
    g_queue_push_tail (steps, step);
}

/* Remembers why the current place, which led to @url, gave no icon;
 * takes @error. */
static void
search_fail (Search     *s,
             const char *url,
             GError     *error)
{
  g_clear_error (&s->error);
  s->error = error;
  g_prefix_error (&s->error, "%s: ", url);
}

static void icon_fetched_cb (GObject      *source,
                             GAsyncResult *res,
                             gpointer      user_data);
static void page_fetched_cb (GObject      *source,
                             GAsyncResult *res,
                             gpointer      user_data);

static void
search_next (GTask *task)
{
  Search *s = g_task_get_task_data (task);
  BsFetchRequest req = { 0, };

  if (g_task_return_error_if_cancelled (task))
    return;

  for (;;)
    {
      g_clear_pointer (&s->step, step_free);
      s->step = g_queue_pop_head (&s->steps);
      if (s->step == NULL)
        break;
      if (!g_hash_table_add (s->tried, g_strdup (s->step->url)))
        continue;
      req.url = s->step->url;
      req.max_body_size = s->step->kind == STEP_PAGE ? MAX_PAGE_SIZE : BS_FAVICON_MAX_SIZE;
      bs_fetcher_fetch_async (s->fetcher, &req, g_task_get_cancellable (task),
                              s->step->kind == STEP_PAGE ? page_fetched_cb : icon_fetched_cb,
                              g_object_ref (task));
      return;
    }

  if (s->error == NULL)
    s->error = g_error_new (BS_FAVICON_ERROR, BS_FAVICON_ERROR_NO_CANDIDATE,
                            "no http or https address to look at");
  g_prefix_error (&s->error, "No icon found: ");
  g_task_return_error (task, g_steal_pointer (&s->error));
}

/* The outcome of a fetch: the result of a 2xx with a body, or NULL after
 * returning the cancellation or remembering the failure. */
static BsFetchResult *
fetch_finish (GTask        *task,
              GObject      *source,
              GAsyncResult *res)
{
  Search *s = g_task_get_task_data (task);
  g_autoptr(BsFetchResult) result = NULL;
  GError *error = NULL;

  result = bs_fetcher_fetch_finish (BS_FETCHER (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return NULL;
    }
  if (result == NULL)
    {
      search_fail (s, s->step->url, error);
      search_next (task);
      return NULL;
    }
  /* a redirect may lead to a place still to try: it was tried now */
  g_hash_table_add (s->tried, g_strdup (result->final_url));
  if (result->status != BS_FETCH_OK || result->body == NULL)
    {
      search_fail (s, result->final_url,
                   g_error_new (BS_FETCHER_ERROR, BS_FETCHER_ERROR_HTTP,
                                "HTTP %u", result->http_status));
      search_next (task);
      return NULL;
    }
  return g_steal_pointer (&result);
}

static void
icon_fetched_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Search *s = g_task_get_task_data (task);
  g_autoptr(BsFetchResult) result = NULL;
  const char *mime_type;
  const guint8 *data;
  gsize length;

  result = fetch_finish (task, source, res);
  if (result == NULL)
    return;

  /* what the bytes are, whatever Content-Type claims */
  data = g_bytes_get_data (result->body, &length);
  mime_type = length <= BS_FAVICON_MAX_SIZE ? bs_favicon_sniff_type (data, length) : NULL;
  if (mime_type == NULL)
    {
      if (length > BS_FAVICON_MAX_SIZE)
        search_fail (s, result->final_url,
                     g_error_new (BS_FETCHER_ERROR, BS_FETCHER_ERROR_TOO_LARGE,
                                  "The icon is larger than %u bytes", BS_FAVICON_MAX_SIZE));
      else
        search_fail (s, result->final_url,
                     g_error_new (BS_FAVICON_ERROR, BS_FAVICON_ERROR_NOT_AN_IMAGE,
                                  "Not an image of a known type (sent as %s)",
                                  result->content_type != NULL ? result->content_type
                                                               : "no type"));
      search_next (task);
      return;
    }

  g_task_return_pointer (task, bs_favicon_new (result->final_url, mime_type, result->body),
                         (GDestroyNotify) bs_favicon_free);
}

/* In a worker thread: the icons the page declares. */
static void
scan_page_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BsFetchResult *result = task_data;
  g_autofree char *html = NULL;
  gsize html_len;
  gsize len;
  const char *data = g_bytes_get_data (result->body, &len);

  html = bs_page_decode (data, len, result->charset, &html_len);
  g_task_return_pointer (task, bs_favicon_find_in_html (html, html_len, result->final_url),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
page_scanned_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Search *s = g_task_get_task_data (task);
  BsFetchResult *result = g_task_get_task_data (G_TASK (res));
  g_autoptr(GPtrArray) icons = NULL;
  g_autoptr(GError) error = NULL;

  icons = g_task_propagate_pointer (G_TASK (res), &error);
  if (icons == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* the page's icons, then the favicon.ico of where the page really is,
   * before the favicon.ico places already queued */
  push_step (&s->steps, TRUE, STEP_ICON, result->final_url, "/favicon.ico");
  for (guint i = icons->len; i > 0; i--)
    push_step (&s->steps, TRUE, STEP_ICON, NULL, g_ptr_array_index (icons, i - 1));
  search_next (task);
}

static void
page_fetched_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) scan = NULL;
  g_autoptr(BsFetchResult) result = NULL;

  result = fetch_finish (task, source, res);
  if (result == NULL)
    return;

  scan = g_task_new (NULL, g_task_get_cancellable (task), page_scanned_cb, g_object_ref (task));
  g_task_set_task_data (scan, g_steal_pointer (&result), (GDestroyNotify) bs_fetch_result_unref);
  g_task_run_in_thread (scan, scan_page_thread);
}

void
bs_favicon_fetch_async (BsFetcher           *fetcher,
                        const char          *icon_url,
                        const char          *logo_url,
                        const char          *site_url,
                        const char          *feed_url,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *site = NULL;
  Search *s;

  g_return_if_fail (BS_IS_FETCHER (fetcher));
  g_return_if_fail (feed_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bs_favicon_fetch_async);
  s = g_new0 (Search, 1);
  s->fetcher = g_object_ref (fetcher);
  g_queue_init (&s->steps);
  s->tried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, s, (GDestroyNotify) search_free);

  site = http_url (feed_url, site_url);
  if (site == NULL)
    site = http_url (feed_url, "/");

  push_step (&s->steps, FALSE, STEP_ICON, feed_url, icon_url);
  push_step (&s->steps, FALSE, STEP_ICON, feed_url, logo_url);
  push_step (&s->steps, FALSE, STEP_PAGE, NULL, site);
  push_step (&s->steps, FALSE, STEP_ICON, site, "/favicon.ico");
  push_step (&s->steps, FALSE, STEP_ICON, feed_url, "/favicon.ico");

  search_next (task);
}

BsFavicon *
bs_favicon_fetch_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bs_favicon_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
