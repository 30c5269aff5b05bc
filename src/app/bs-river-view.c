/* bs-river-view.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bs-date.h"
#include "bs-river-view.h"
#include "bs-web-html.h"
#include "bs-web-view.h"

#define BATCH_SIZE 30
#define MESSAGE_HANDLER "broadsheet"

struct _BsRiverView
{
  GtkWidget parent_instance;

  GtkWidget *overlay;
  BsWebView *web_view;
  GtkWidget *new_revealer;
  GtkWidget *new_button;

  BsLibrary *library;
  GListModel *model;
  gulong items_changed_id;

  gboolean remote_images;
  gboolean mark_read;
  gboolean unread_only;
  guint font_size;

  /* The document: which one (its script says it with every message), and
   * what it was given. */
  guint generation;
  gboolean ready;                /* its script asked for articles */
  gboolean loaded;               /* a river was loaded (not only the blank page) */
  guint cursor;                  /* positions of the model taken (shown or skipped) */
  gboolean sent_last;            /* it was told there is no more */
  GHashTable *by_id;             /* id → BsEntry shown */
  GHashTable *seen;              /* BsEntry taken → id, 0 when skipped */
  GHashTable *originals;         /* the originals of the entries shown */
  GHashTable *days;              /* "YYYY-MM-DD" → Julian day, of the entries shown */
  guint next_id;
  BsEntry *pending_show;         /* to scroll to once the document is there */

  guint n_shown;
  guint n_new;
};

G_DEFINE_FINAL_TYPE (BsRiverView, bs_river_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REMOTE_IMAGES,
  PROP_FONT_SIZE,
  PROP_MARK_READ,
  PROP_UNREAD_ONLY,
  PROP_N_SHOWN,
  PROP_N_NEW,
  N_PROPS
};

enum {
  OPEN_URI,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  BsEntry *entry;
  guint id;
  guint before;                  /* the id it goes before, 0 for the end */
} Item;

static void call_simple (BsRiverView *self,
                         const char  *body,
                         GVariant    *args);

/* Days */

static guint
day_of (gint64  when,
        char    key[16])
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDate) date = NULL;
  int y, m, d;

  if (when != BS_DATE_NONE)
    utc = g_date_time_new_from_unix_utc (when);
  if (utc == NULL)
    {
      g_strlcpy (key, "none", 16);
      return 0;
    }
  local = g_date_time_to_local (utc);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_snprintf (key, 16, "%04d-%02d-%02d", y, m, d);
  date = g_date_new_dmy (d, m, y);
  return g_date_get_julian (date);
}

static char *
day_label (guint julian)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDate) today = NULL;
  GDate date;
  int diff;

  if (julian == 0)
    return g_strdup (_("Undated"));

  today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                          g_date_time_get_year (now));
  diff = (int) g_date_get_julian (today) - (int) julian;
  if (diff == 0)
    return g_strdup (_("Today"));
  if (diff == 1)
    return g_strdup (_("Yesterday"));

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date), 12, 0, 0);
  if (diff > 1 && diff < 7)
    /* Translators: a day of the last week in the river of news, see g_date_time_format() */
    return g_date_time_format (day, _("%A"));
  if (g_date_get_year (&date) == (GDateYear) g_date_time_get_year (now))
    /* Translators: a day of this year in the river of news, see g_date_time_format() */
    return g_date_time_format (day, _("%A %-d %B"));
  /* Translators: a day of another year in the river of news, see g_date_time_format() */
  return g_date_time_format (day, _("%A %-d %B %Y"));
}

/* The document */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
set_n_new (BsRiverView *self,
           guint        n_new)
{
  if (self->n_new != n_new)
    {
      self->n_new = n_new;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW]);
    }
  if (n_new > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u New Article",
                                                             "%u New Articles", n_new), n_new);

      gtk_button_set_label (GTK_BUTTON (self->new_button), label);
    }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->new_revealer), n_new > 0);
}

static void
set_n_shown (BsRiverView *self,
             guint        n_shown)
{
  if (self->n_shown == n_shown)
    return;
  self->n_shown = n_shown;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

static void
update_background (BsRiverView *self)
{
  GdkRGBA background;

  gdk_rgba_parse (&background, is_dark () ? "#1e1e1e" : "#ffffff");
  webkit_web_view_set_background_color (WEBKIT_WEB_VIEW (self->web_view), &background);
}

/* Starts a new document for the model: empty, until its script asks.
 * Without a model, nothing is loaded (no web process until the river is
 * first shown), or a blank page replaces the river shown before. */
static void
reload (BsRiverView *self)
{
  BsWebStyle style = { self->remote_images, is_dark (), self->font_size };
  g_autoptr(GString) out = g_string_new (NULL);

  self->generation++;
  self->ready = FALSE;
  self->cursor = 0;
  self->sent_last = FALSE;
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->seen);
  g_hash_table_remove_all (self->originals);
  g_hash_table_remove_all (self->days);
  set_n_shown (self, 0);
  set_n_new (self, 0);

  if (self->model == NULL)
    {
      if (self->loaded)
        bs_web_view_load_document (self->web_view,
                                   "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                                   "content=\"default-src 'none'\"></head></html>");
      self->loaded = FALSE;
      return;
    }
  self->loaded = TRUE;

  bs_web_html_begin (out, &style, _("River of News"), "river-document");
  g_string_append_printf (out, "<main id=\"river\" class=\"river\" data-generation=\"%u\"></main>",
                          self->generation);
  g_string_append (out, "<p id=\"river-end\" class=\"river-end\" hidden>");
  bs_web_html_append_escaped (out, _("That is all"));
  g_string_append (out, "</p><p id=\"river-empty\" class=\"river-end\" hidden>");
  bs_web_html_append_escaped (out, _("No articles here"));
  g_string_append (out, "</p>");
  bs_web_html_end (out);

  update_background (self);
  bs_web_view_set_remote_images (self->web_view, self->remote_images);
  bs_web_view_load_document (self->web_view, out->str);
}

static BsEntry *
original_of (BsRiverView *self,
             BsEntry     *entry)
{
  BsEntry *original = self->library != NULL ? bs_library_get_duplicate_of (self->library, entry) : NULL;

  return original != NULL ? original : entry;
}

/* Takes @entry for the document: its id, or 0 when it is not to be shown
 * (taken before, a duplicate of one shown, or read when only unread
 * articles are shown). */
static guint
take (BsRiverView *self,
      BsEntry     *entry)
{
  BsEntry *original = original_of (self, entry);
  guint id;

  if (g_hash_table_contains (self->seen, entry))
    return 0;
  if (g_hash_table_contains (self->originals, original)
      || (self->unread_only && bs_entry_get_read (entry)))
    {
      g_hash_table_insert (self->seen, g_object_ref (entry), GUINT_TO_POINTER (0));
      return 0;
    }

  id = ++self->next_id;
  g_hash_table_insert (self->seen, g_object_ref (entry), GUINT_TO_POINTER (id));
  g_hash_table_add (self->originals, g_object_ref (original));
  g_hash_table_insert (self->by_id, GUINT_TO_POINTER (id), g_object_ref (entry));
  return id;
}

static void
build_item (BsRiverView *self,
            JsonBuilder *builder,
            const Item  *item)
{
  g_autoptr(GString) header = g_string_new (NULL);
  gint64 when = bs_web_html_entry_date (item->entry);
  g_autofree char *time = bs_web_html_format_time (when);
  BsSource *source = NULL;
  const char *body = bs_web_html_entry_body (item->entry);
  char day[16];
  guint julian = day_of (when, day);

  g_hash_table_insert (self->days, g_strdup (day), GUINT_TO_POINTER (julian));
  if (self->library != NULL)
    source = bs_library_lookup_source (self->library, bs_entry_get_source_id (item->entry));
  bs_web_html_append_header (header, item->entry, source, 2, time);
  bs_web_html_append_enclosures (header, item->entry);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, item->id);
  json_builder_set_member_name (builder, "day");
  json_builder_add_string_value (builder, day);
  json_builder_set_member_name (builder, "header");
  json_builder_add_string_value (builder, header->str);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body != NULL ? body : "");
  json_builder_set_member_name (builder, "before");
  if (item->before != 0)
    json_builder_add_int_value (builder, item->before);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

typedef struct {
  BsRiverView *self;
  guint generation;
} Call;

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Call *call = user_data;
  BsRiverView *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result,
                                                                 &error);
  if (value == NULL)
    g_debug ("River: adding articles failed: %s", error->message);
  else if (call->generation == self->generation && jsc_value_is_object (value))
    {
      g_autoptr(JSCValue) total = jsc_value_object_get_property (value, "total");
      g_autoptr(JSCValue) above = jsc_value_object_get_property (value, "above");

      set_n_shown (self, MAX (jsc_value_to_int32 (total), 0));
      set_n_new (self, self->n_new + MAX (jsc_value_to_int32 (above), 0));
    }

  g_object_unref (call->self);
  g_free (call);
}

/* Sends @items to the document. @last: 1 when there is no more to come,
 * 0 when there is again, -1 when nothing changed; @answer: whether this
 * answers the document's request for more. */
static void
send (BsRiverView *self,
      GArray      *items,
      int          last,
      gboolean     answer)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GVariantDict args;
  Call *call;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    build_item (self, builder, &g_array_index (items, Item, i));
  json_builder_end_array (builder);

  /* all the labels again: "Today" is "Yesterday" after midnight */
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *label = day_label (GPOINTER_TO_UINT (value));

      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, label);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "last");
  if (last < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, last > 0);
  json_builder_set_member_name (builder, "answer");
  json_builder_add_boolean_value (builder, answer);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  if (last >= 0)
    self->sent_last = last > 0;

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "gen", "u", self->generation);
  g_variant_dict_insert (&args, "json", "s", json);
  call = g_new0 (Call, 1);
  call->self = g_object_ref (self);
  call->generation = self->generation;
  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (self->web_view),
                                                  "return bsRiver.add (gen, json);", -1,
                                                  g_variant_dict_end (&args), BS_WEB_VIEW_WORLD,
                                                  NULL, NULL, added_cb, call);
}

static guint
n_items (BsRiverView *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

/* Appends the next articles of the model, up to position @through at
 * least (G_MAXUINT for one batch). */
static void
send_more (BsRiverView *self,
           guint        through,
           gboolean     answer)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  guint n = n_items (self);

  while (self->cursor < n && (items->len < BATCH_SIZE
                              || (through != G_MAXUINT && self->cursor <= through)))
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (self->model, self->cursor++);
      Item item = { entry, take (self, entry), 0 };

      if (item.id != 0)
        g_array_append_val (items, item);
    }
  send (self, items, self->cursor >= n, answer);
}

static guint
id_of (BsRiverView *self,
       BsEntry     *entry)
{
  gpointer id;

  if (g_hash_table_lookup_extended (self->seen, entry, NULL, &id) && GPOINTER_TO_UINT (id) != 0)
    return GPOINTER_TO_UINT (id);

  /* a duplicate: where its original, or the copy shown, is */
  if (g_hash_table_contains (self->originals, original_of (self, entry)))
    {
      GHashTableIter iter;
      gpointer key, value;
      BsEntry *original = original_of (self, entry);

      g_hash_table_iter_init (&iter, self->seen);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (value) != 0 && original_of (self, key) == original)
          return GPOINTER_TO_UINT (value);
    }
  return 0;
}

static void
scroll_to (BsRiverView *self,
           BsEntry     *entry)
{
  guint id = id_of (self, entry);
  GVariantDict args;

  if (id == 0)
    {
      guint n = n_items (self);

      /* further down the model: load down to it */
      for (guint i = self->cursor; i < n; i++)
        {
          g_autoptr(BsEntry) item = g_list_model_get_item (self->model, i);

          if (item == entry || original_of (self, item) == original_of (self, entry))
            {
              send_more (self, i, FALSE);
              break;
            }
        }
      id = id_of (self, entry);
    }
  if (id == 0)
    return;

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "id", "u", id);
  call_simple (self, "return bsRiver.show (id);", g_variant_dict_end (&args));
}

/* The model changed. Positions before the cursor are on the page: an
 * entry arriving there that is not is put before the next one that is
 * (from the last to the first, so that each finds the one after it). */
static void
items_changed_cb (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  BsRiverView *self)
{
  g_autoptr(GArray) items = NULL;
  guint old_cursor = self->cursor;
  guint end;

  if (!self->ready)
    return;

  if (position >= old_cursor)
    {
      /* beyond what was taken: more to come again */
      if (added > 0 && self->sent_last)
        {
          g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (Item));

          send (self, none, 0, FALSE);
        }
      return;
    }

  if (old_cursor > position + removed)
    {
      self->cursor = old_cursor - removed + added;
      end = position + added;
    }
  else
    {
      /* the change spans the cursor: taken are those up to the last one
       * already on the page */
      self->cursor = position;
      for (guint i = added; i > 0; i--)
        {
          g_autoptr(BsEntry) entry = g_list_model_get_item (model, position + i - 1);

          if (g_hash_table_contains (self->seen, entry))
            {
              self->cursor = position + i;
              break;
            }
        }
      end = self->cursor;
    }

  items = g_array_new (FALSE, FALSE, sizeof (Item));
  for (guint i = end; i > position; i--)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (model, i - 1);
      Item item = { NULL, 0, 0 };

      if (g_hash_table_contains (self->seen, entry))
        continue;
      item.id = take (self, entry);
      if (item.id == 0)
        continue;
      item.entry = entry;

      for (guint j = i; j < self->cursor && item.before == 0; j++)
        {
          g_autoptr(BsEntry) next = g_list_model_get_item (model, j);
          gpointer id;

          if (g_hash_table_lookup_extended (self->seen, next, NULL, &id))
            item.before = GPOINTER_TO_UINT (id);
        }
      g_array_append_val (items, item);
    }
  if (items->len > 0)
    send (self, items, -1, FALSE);
}

static void
message_cb (WebKitUserContentManager *manager,
            JSCValue                 *message,
            BsRiverView              *self)
{
  g_autoptr(JSCValue) generation = NULL;
  g_autoptr(JSCValue) type_value = NULL;
  g_autofree char *type = NULL;

  if (!jsc_value_is_object (message))
    return;
  generation = jsc_value_object_get_property (message, "generation");
  type_value = jsc_value_object_get_property (message, "type");
  if (!jsc_value_is_number (generation) || !jsc_value_is_string (type_value)
      || (guint) jsc_value_to_int32 (generation) != self->generation)
    return;
  type = jsc_value_to_string (type_value);

  if (g_str_equal (type, "more"))
    {
      gboolean first = !self->ready;

      self->ready = TRUE;
      send_more (self, G_MAXUINT, TRUE);
      if (first && self->pending_show != NULL)
        {
          g_autoptr(BsEntry) entry = g_steal_pointer (&self->pending_show);

          scroll_to (self, entry);
        }
    }
  else if (g_str_equal (type, "passed"))
    {
      g_autoptr(JSCValue) id = jsc_value_object_get_property (message, "id");
      BsEntry *entry = NULL;

      if (jsc_value_is_number (id))
        entry = g_hash_table_lookup (self->by_id, GINT_TO_POINTER (jsc_value_to_int32 (id)));
      if (entry != NULL && self->mark_read && self->library != NULL && !bs_entry_get_read (entry))
        bs_library_set_read (self->library, entry, TRUE);
    }
  else if (g_str_equal (type, "top"))
    {
      set_n_new (self, 0);
    }
}

static void
called_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result,
                                                                 &error);
  if (value == NULL)
    g_debug ("River: %s", error->message);
}

/* Calls the river's script (bsRiver) with @args (numbers and strings). */
static void
call_simple (BsRiverView *self,
             const char  *body,
             GVariant    *args)
{
  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (self->web_view), body, -1,
                                                  args, BS_WEB_VIEW_WORLD, NULL, NULL,
                                                  called_cb, NULL);
}

static void
new_clicked_cb (GtkButton   *button,
                BsRiverView *self)
{
  call_simple (self, "bsRiver.top ();", NULL);
  set_n_new (self, 0);
}

static void
dark_cb (AdwStyleManager *manager,
         GParamSpec      *pspec,
         BsRiverView     *self)
{
  GVariantDict args;

  update_background (self);
  if (!self->ready)
    {
      reload (self);
      return;
    }
  g_variant_dict_init (&args, NULL);
  /* numbers, strings and dictionaries only */
  g_variant_dict_insert (&args, "dark", "u", is_dark () ? 1 : 0);
  call_simple (self, "bsRiver.setDark (dark !== 0);", g_variant_dict_end (&args));
}

static void
open_uri_cb (BsWebView   *web_view,
             const char  *uri,
             BsRiverView *self)
{
  g_signal_emit (self, signals[OPEN_URI], 0, uri);
}

/* Public */

GtkWidget *
bs_river_view_new (void)
{
  return g_object_new (BS_TYPE_RIVER_VIEW, NULL);
}

/**
 * bs_river_view_set_library:
 * @self: a river
 * @library: the library of the entries, for their sources, duplicates
 *   and marking them read
 */
void
bs_river_view_set_library (BsRiverView *self,
                           BsLibrary   *library)
{
  g_return_if_fail (BS_IS_RIVER_VIEW (self));
  g_return_if_fail (library == NULL || BS_IS_LIBRARY (library));

  if (g_set_object (&self->library, library))
    reload (self);
}

/**
 * bs_river_view_set_model:
 * @self: a river
 * @model: (nullable): a GListModel of BsEntry, newest first
 *
 * Shows the river of @model from its top, even when it is the model
 * shown already (say, a filter model whose own model changed).
 */
void
bs_river_view_set_model (BsRiverView *self,
                         GListModel  *model)
{
  g_return_if_fail (BS_IS_RIVER_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model != model)
    {
      if (self->model != NULL)
        g_clear_signal_handler (&self->items_changed_id, self->model);
      g_set_object (&self->model, model);
      if (model != NULL)
        self->items_changed_id = g_signal_connect (model, "items-changed",
                                                   G_CALLBACK (items_changed_cb), self);
    }
  g_clear_object (&self->pending_show);
  reload (self);
}

/**
 * bs_river_view_get_model:
 *
 * Returns: (transfer none) (nullable): the model shown
 */
GListModel *
bs_river_view_get_model (BsRiverView *self)
{
  g_return_val_if_fail (BS_IS_RIVER_VIEW (self), NULL);

  return self->model;
}

gboolean
bs_river_view_get_remote_images (BsRiverView *self)
{
  g_return_val_if_fail (BS_IS_RIVER_VIEW (self), FALSE);

  return self->remote_images;
}

/* Shows the river again, from the top, with images from the web or not. */
void
bs_river_view_set_remote_images (BsRiverView *self,
                                 gboolean     remote_images)
{
  g_return_if_fail (BS_IS_RIVER_VIEW (self));

  remote_images = !!remote_images;
  if (self->remote_images == remote_images)
    return;
  self->remote_images = remote_images;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_IMAGES]);
}

guint
bs_river_view_get_font_size (BsRiverView *self)
{
  g_return_val_if_fail (BS_IS_RIVER_VIEW (self), 0);

  return self->font_size;
}

void
bs_river_view_set_font_size (BsRiverView *self,
                             guint        points)
{
  GVariantDict args;

  g_return_if_fail (BS_IS_RIVER_VIEW (self));

  if (self->font_size == points)
    return;
  self->font_size = points;
  if (self->ready)
    {
      g_variant_dict_init (&args, NULL);
      g_variant_dict_insert (&args, "points", "u", points);
      call_simple (self, "bsRiver.setFontSize (points);", g_variant_dict_end (&args));
    }
  else
    {
      reload (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_SIZE]);
}

gboolean
bs_river_view_get_mark_read (BsRiverView *self)
{
  g_return_val_if_fail (BS_IS_RIVER_VIEW (self), FALSE);

  return self->mark_read;
}

/* Whether articles are marked read as they scroll past. */
void
bs_river_view_set_mark_read (BsRiverView *self,
                             gboolean     mark_read)
{
  g_return_if_fail (BS_IS_RIVER_VIEW (self));

  mark_read = !!mark_read;
  if (self->mark_read == mark_read)
    return;
  self->mark_read = mark_read;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARK_READ]);
}

gboolean
bs_river_view_get_unread_only (BsRiverView *self)
{
  g_return_val_if_fail (BS_IS_RIVER_VIEW (self), FALSE);

  return self->unread_only;
}

/* Shows the river again, from the top, with only the articles unread
 * when they are reached, or all. */
void
bs_river_view_set_unread_only (BsRiverView *self,
                               gboolean     unread_only)
{
  g_return_if_fail (BS_IS_RIVER_VIEW (self));

  unread_only = !!unread_only;
  if (self->unread_only == unread_only)
    return;
  self->unread_only = unread_only;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_ONLY]);
}

/* Returns: how many articles the page holds */
guint
bs_river_view_get_n_shown (BsRiverView *self)
{
  g_return_val_if_fail (BS_IS_RIVER_VIEW (self), 0);

  return self->n_shown;
}

/* Returns: how many articles arrived above the reader's position since
 *   the reader was last at the top */
guint
bs_river_view_get_n_new (BsRiverView *self)
{
  g_return_val_if_fail (BS_IS_RIVER_VIEW (self), 0);

  return self->n_new;
}

/**
 * bs_river_view_show_entry:
 * @self: a river
 * @entry: an entry of the model
 *
 * Scrolls to @entry (or the copy of it shown), loading the articles down
 * to it first when it is further down.
 */
void
bs_river_view_show_entry (BsRiverView *self,
                          BsEntry     *entry)
{
  g_return_if_fail (BS_IS_RIVER_VIEW (self));
  g_return_if_fail (BS_IS_ENTRY (entry));

  if (!self->ready)
    {
      g_set_object (&self->pending_show, entry);
      return;
    }
  scroll_to (self, entry);
}

/* A page down (1) or up (-1), for the keyboard. */
void
bs_river_view_scroll (BsRiverView *self,
                      int          direction)
{
  GVariantDict args;

  g_return_if_fail (BS_IS_RIVER_VIEW (self));

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "direction", "i", direction >= 0 ? 1 : -1);
  call_simple (self, "return bsRiver.page (direction);", g_variant_dict_end (&args));
}

/**
 * bs_river_view_get_web_view:
 *
 * Returns: (transfer none): the web view, for tests and screenshots
 */
WebKitWebView *
bs_river_view_get_web_view (BsRiverView *self)
{
  g_return_val_if_fail (BS_IS_RIVER_VIEW (self), NULL);

  return WEBKIT_WEB_VIEW (self->web_view);
}

/* GObject */

static void
bs_river_view_dispose (GObject *object)
{
  BsRiverView *self = (BsRiverView *)object;

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  g_clear_object (&self->library);
  g_clear_object (&self->pending_show);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->originals, g_hash_table_unref);
  g_clear_pointer (&self->days, g_hash_table_unref);
  if (self->overlay != NULL)
    {
      gtk_widget_unparent (self->overlay);
      self->overlay = NULL;
      self->web_view = NULL;
    }

  G_OBJECT_CLASS (bs_river_view_parent_class)->dispose (object);
}

static void
bs_river_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BsRiverView *self = BS_RIVER_VIEW (object);

  switch (prop_id)
    {
    case PROP_REMOTE_IMAGES:
      g_value_set_boolean (value, self->remote_images);
      break;
    case PROP_FONT_SIZE:
      g_value_set_uint (value, self->font_size);
      break;
    case PROP_MARK_READ:
      g_value_set_boolean (value, self->mark_read);
      break;
    case PROP_UNREAD_ONLY:
      g_value_set_boolean (value, self->unread_only);
      break;
    case PROP_N_SHOWN:
      g_value_set_uint (value, self->n_shown);
      break;
    case PROP_N_NEW:
      g_value_set_uint (value, self->n_new);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_river_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BsRiverView *self = BS_RIVER_VIEW (object);

  switch (prop_id)
    {
    case PROP_REMOTE_IMAGES:
      bs_river_view_set_remote_images (self, g_value_get_boolean (value));
      break;
    case PROP_FONT_SIZE:
      bs_river_view_set_font_size (self, g_value_get_uint (value));
      break;
    case PROP_MARK_READ:
      bs_river_view_set_mark_read (self, g_value_get_boolean (value));
      break;
    case PROP_UNREAD_ONLY:
      bs_river_view_set_unread_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_river_view_class_init (BsRiverViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bs_river_view_dispose;
  object_class->get_property = bs_river_view_get_property;
  object_class->set_property = bs_river_view_set_property;

  properties[PROP_REMOTE_IMAGES] =
    g_param_spec_boolean ("remote-images", NULL, NULL, FALSE, rw);
  properties[PROP_FONT_SIZE] = g_param_spec_uint ("font-size", NULL, NULL, 0, 72, 0, rw);
  properties[PROP_MARK_READ] = g_param_spec_boolean ("mark-read", NULL, NULL, FALSE, rw);
  properties[PROP_UNREAD_ONLY] = g_param_spec_boolean ("unread-only", NULL, NULL, FALSE, rw);
  properties[PROP_N_SHOWN] = g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_NEW] = g_param_spec_uint ("n-new", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_URI] =
    g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "riverview");
}

static void
bs_river_view_init (BsRiverView *self)
{
  g_autoptr(GBytes) script = NULL;
  g_autoptr(WebKitUserScript) user_script = NULL;
  WebKitUserContentManager *manager;

  self->by_id = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->seen = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->originals = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));
  self->web_view = bs_web_view_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->web_view));

  self->new_button = gtk_button_new ();
  gtk_widget_add_css_class (self->new_button, "pill");
  gtk_widget_add_css_class (self->new_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->new_button, _("Go up to the articles that just arrived"));
  g_signal_connect (self->new_button, "clicked", G_CALLBACK (new_clicked_cb), self);
  self->new_revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->new_revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (GTK_REVEALER (self->new_revealer), self->new_button);
  gtk_widget_set_halign (self->new_revealer, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->new_revealer, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->new_revealer, 12);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->new_revealer);

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  /* the script and its message handler live in the isolated world only */
  manager = webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (self->web_view));
  g_signal_connect_object (manager, "script-message-received::" MESSAGE_HANDLER,
                           G_CALLBACK (message_cb), self, 0);
  webkit_user_content_manager_register_script_message_handler (manager, MESSAGE_HANDLER,
                                                               BS_WEB_VIEW_WORLD);
  script = g_resources_lookup_data ("/io/github/broadsheet/Broadsheet/bs-river-view.js", 0, NULL);
  g_assert (script != NULL);
  user_script = webkit_user_script_new_for_world (g_bytes_get_data (script, NULL),
                                                  WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                  WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                                  BS_WEB_VIEW_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (manager, user_script);

  g_signal_connect_object (self->web_view, "open-uri", G_CALLBACK (open_uri_cb), self, 0);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_cb), self, 0);
}
