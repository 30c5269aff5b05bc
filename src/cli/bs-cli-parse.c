/* bs-cli-parse.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bs-cli.h"
#include "bs-date.h"
#include "bs-parser.h"

/* `broadsheet-cli parse [--base URL] FILE`: the JSON of
 * ../shared/conformance/README.md, key for key. */

static void
json_string (GString    *out,
             const char *s)
{
  g_autofree char *valid = NULL;

  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);

  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7F)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
json_key (GString    *out,
          const char *key)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  json_string (out, key);
  g_string_append_c (out, ':');
}

static void
json_date (GString *out,
           gint64   t)
{
  g_autofree char *s = t == BS_DATE_NONE ? NULL : bs_date_format_rfc3339 (t);

  json_string (out, s);
}

static void
json_strings (GString   *out,
              GPtrArray *list)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < list->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_string (out, g_ptr_array_index (list, i));
    }
  g_string_append_c (out, ']');
}

static void
json_person (GString  *out,
             BsPerson *person)
{
  if (person == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '{');
  json_key (out, "name");
  json_string (out, person->name);
  json_key (out, "email");
  json_string (out, person->email);
  json_key (out, "url");
  json_string (out, person->uri);
  g_string_append_c (out, '}');
}

static void
json_entry (GString     *out,
            BsFeedEntry *e)
{
  g_string_append_c (out, '{');
  json_key (out, "id");
  json_string (out, e->id);
  json_key (out, "title");
  json_string (out, e->title);
  json_key (out, "link");
  json_string (out, e->link);
  json_key (out, "author");
  json_string (out, e->author);
  json_key (out, "author_detail");
  json_person (out, e->author_detail);
  json_key (out, "published");
  json_date (out, e->published);
  json_key (out, "updated");
  json_date (out, e->updated);
  json_key (out, "summary");
  json_string (out, e->summary);
  json_key (out, "content");
  json_string (out, e->content);
  json_key (out, "categories");
  json_strings (out, e->categories);
  json_key (out, "enclosures");
  g_string_append_c (out, '[');
  for (guint i = 0; i < e->enclosures->len; i++)
    {
      BsEnclosure *enc = g_ptr_array_index (e->enclosures, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      json_key (out, "url");
      json_string (out, enc->url);
      json_key (out, "type");
      json_string (out, enc->type);
      json_key (out, "length");
      if (enc->length >= 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, enc->length);
      else
        g_string_append (out, "null");
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  json_key (out, "thumbnail");
  json_string (out, e->thumbnail);
  g_string_append_c (out, '}');
}

static void
write_json (BsFeed *feed,
            FILE   *stream)
{
  g_autoptr(GString) out = g_string_sized_new (64 * 1024);

  g_string_append_c (out, '{');
  json_key (out, "format");
  json_string (out, bs_feed_format_to_string (feed->format));
  json_key (out, "encoding");
  json_string (out, feed->encoding);
  json_key (out, "title");
  json_string (out, feed->title);
  json_key (out, "subtitle");
  json_string (out, feed->subtitle);
  json_key (out, "rights");
  json_string (out, feed->rights);
  json_key (out, "link");
  json_string (out, feed->link);
  json_key (out, "id");
  json_string (out, feed->id);
  json_key (out, "language");
  json_string (out, feed->language);
  json_key (out, "icon");
  json_string (out, feed->icon);
  json_key (out, "image");
  json_string (out, feed->image);
  json_key (out, "author");
  json_string (out, feed->author);
  json_key (out, "author_detail");
  json_person (out, feed->author_detail);
  json_key (out, "updated");
  json_date (out, feed->updated);
  json_key (out, "published");
  json_date (out, feed->published);
  json_key (out, "categories");
  json_strings (out, feed->categories);
  json_key (out, "entries");
  g_string_append_c (out, '[');
  for (guint i = 0; i < feed->entries->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_entry (out, g_ptr_array_index (feed->entries, i));
    }
  g_string_append_c (out, ']');
  json_key (out, "errors");
  json_strings (out, feed->errors);
  g_string_append (out, "}\n");

  fwrite (out->str, 1, out->len, stream);
}

/* Reads at most BS_PARSE_MAX_SIZE bytes: a pipe, /dev/zero or a growing
 * file is refused once it passes that, never read until memory runs out. */
static char *
read_file (const char  *path,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GString) data = NULL;
  char buf[65536];
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("cannot open %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  data = g_string_new (NULL);
  for (;;)
    {
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("cannot read %s: %s"), path, g_strerror (saved_errno));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + n > BS_PARSE_MAX_SIZE)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                       _("%s is larger than %d MiB"), path, BS_PARSE_MAX_SIZE / (1024 * 1024));
          close (fd);
          return NULL;
        }
      g_string_append_len (data, buf, n);
    }
  close (fd);

  *length = data->len;
  return g_string_free (g_steal_pointer (&data), FALSE);
}

int
bs_cli_parse (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BsFeed) feed = NULL;
  g_autofree char *base = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *data = NULL;
  gboolean sanitize = FALSE;
  g_auto(GStrv) files = NULL;
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "base", 0, 0, G_OPTION_ARG_STRING, &base,
      N_("Resolve relative URLs against URL (where the document came from)"), N_("URL") },
    { "charset", 0, 0, G_OPTION_ARG_STRING, &charset,
      N_("The charset from the HTTP Content-Type, which overrides the document’s declaration"), N_("CHARSET") },
    { "sanitize", 0, 0, G_OPTION_ARG_NONE, &sanitize,
      N_("Print summaries and contents as the reader displays them, sanitised"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  /* --help shows "Usage: broadsheet-cli parse [OPTION…] FILE …", like the
   * other commands (bs-cli-context.c) */
  g_set_prgname ("broadsheet-cli parse");
  context = g_option_context_new (_("FILE — print a feed as JSON"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Reads an RSS, Atom or JSON Feed document and prints its feed and entries as one JSON "
      "object. Exit status: 0 when the JSON was printed (problems with the document are listed "
      "in “errors”), 1 when the file cannot be read or a limit was hit, 2 for a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "broadsheet-cli parse: %s\n", error->message);
      return BS_CLI_EXIT_USAGE;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      fprintf (stderr, "broadsheet-cli parse: %s\n",
               files == NULL || files[0] == NULL ? _("no FILE given") : _("only one FILE can be given"));
      fprintf (stderr, "%s\n", _("Usage: broadsheet-cli parse [--base URL] FILE"));
      return BS_CLI_EXIT_USAGE;
    }

  data = read_file (files[0], &length, &error);
  if (data == NULL)
    {
      fprintf (stderr, "broadsheet-cli parse: %s\n", error->message);
      return BS_CLI_EXIT_FAILURE;
    }

  feed = bs_parse (data, length, base, charset,
                   sanitize ? BS_PARSE_FLAGS_SANITIZE : BS_PARSE_FLAGS_NONE, &error);
  if (feed == NULL)
    {
      fprintf (stderr, "broadsheet-cli parse: %s: %s\n", files[0], error->message);
      return BS_CLI_EXIT_FAILURE;
    }

  write_json (feed, stdout);
  if (fflush (stdout) != 0)
    {
      fprintf (stderr, "broadsheet-cli parse: %s\n", g_strerror (errno));
      return BS_CLI_EXIT_FAILURE;
    }
  return BS_CLI_EXIT_OK;
}
