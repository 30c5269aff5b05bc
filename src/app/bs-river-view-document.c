/* bs-river-view-document.c
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
#include "bs-river-view-private.h"
#include "bs-web-html.h"

/* The river's page: the document loaded for a model (its HTML, with its
 * "Today", "Yesterday", … headings), the articles sent to it as JSON,
 * and the calls into its script (bsRiver, in bs-river-view.js). */

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

gboolean
_bs_river_view_is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

void
_bs_river_view_update_background (BsRiverView *self)
{
  GdkRGBA background;

  gdk_rgba_parse (&background, _bs_river_view_is_dark () ? "#1e1e1e" : "#ffffff");
  webkit_web_view_set_background_color (WEBKIT_WEB_VIEW (self->web_view), &background);
}

/* Starts a new document for the model: empty, until its script asks.
 * Without a model, nothing is loaded (no web process until the river is
 * first shown), or a blank page replaces the river shown before. */
void
_bs_river_view_reload (BsRiverView *self)
{
  BsWebStyle style = { self->remote_images, _bs_river_view_is_dark (), self->font_size };
  g_autoptr(GString) out = g_string_new (NULL);

  self->generation++;
  self->ready = FALSE;
  self->cursor = 0;
  self->sent_last = FALSE;
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->seen);
  g_hash_table_remove_all (self->originals);
  g_hash_table_remove_all (self->days);
  _bs_river_view_set_n_shown (self, 0);
  _bs_river_view_set_n_new (self, 0);

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

  _bs_river_view_update_background (self);
  bs_web_view_set_remote_images (self->web_view, self->remote_images);
  bs_web_view_load_document (self->web_view, out->str);
}

/* Sending articles */

static void
build_item (BsRiverView       *self,
            JsonBuilder       *builder,
            const BsRiverItem *item)
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

      _bs_river_view_set_n_shown (self, MAX (jsc_value_to_int32 (total), 0));
      _bs_river_view_set_n_new (self, self->n_new + MAX (jsc_value_to_int32 (above), 0));
    }

  g_object_unref (call->self);
  g_free (call);
}

/* Sends @items to the document. @last: 1 when there is no more to come,
 * 0 when there is again, -1 when nothing changed; @answer: whether this
 * answers the document's request for more. */
void
_bs_river_view_send (BsRiverView *self,
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
    build_item (self, builder, &g_array_index (items, BsRiverItem, i));
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

/* Other calls */

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
void
_bs_river_view_call_simple (BsRiverView *self,
                            const char  *body,
                            GVariant    *args)
{
  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (self->web_view), body, -1,
                                                  args, BS_WEB_VIEW_WORLD, NULL, NULL,
                                                  called_cb, NULL);
}
