/* bs-entry-row.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bs-date.h"
#include "bs-entry-row.h"
#include "bs-html.h"
#include "bs-web-html.h"

struct _BsEntryRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *source;
  GtkWidget *time;
  GtkWidget *title;
  GtkWidget *excerpt;
  GtkWidget *unread_dot;
  GtkWidget *star;

  BsEntry *entry;
  gulong read_id;
  gulong starred_id;
  BsSource *bound_source;
  gulong source_title_id;
};

G_DEFINE_FINAL_TYPE (BsEntryRow, bs_entry_row, GTK_TYPE_WIDGET)

/* The local time zone, looked up once: GLib 2.74 reads the zone file
 * again on every g_time_zone_new_local() when TZ is not set, and every row
 * bound asks. */
static GTimeZone *
local_zone (void)
{
  static GTimeZone *zone = NULL;

  if (zone == NULL)
    zone = g_time_zone_new_local ();
  return zone;
}

static GDateTime *
local_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return utc != NULL ? g_date_time_to_timezone (utc, local_zone ()) : NULL;
}

static guint32
julian_day (GDateTime *time)
{
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (time),
                                          g_date_time_get_month (time),
                                          g_date_time_get_year (time));

  return g_date_get_julian (date);
}

/* The time of an article as a person says it: "now", "5 min ago",
 * "14:32" today, "yesterday", a weekday this week, else the date. */
char *
bs_format_relative_time (gint64 when,
                         gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  gint64 ago = now - when;
  int days;

  if (when == BS_DATE_NONE)
    return g_strdup ("");
  if (ago < 60 && ago > -60)
    return g_strdup (_("now"));
  if (ago > 0 && ago < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago",
                                         (int) (ago / 60)), (int) (ago / 60));

  then = local_time (when);
  today = local_time (now);
  if (then == NULL || today == NULL)
    return g_strdup ("");

  days = (int) julian_day (today) - (int) julian_day (then);
  if (days == 0)
    return g_date_time_format (then, "%H:%M");
  if (days == 1)
    return g_strdup (_("yesterday"));
  if (days > 1 && days < 7)
    return g_date_time_format (then, "%A");
  if (g_date_time_get_year (then) == g_date_time_get_year (today))
    /* Translators: a date this year, see g_date_time_format() */
    return g_date_time_format (then, _("%-d %b"));
  /* Translators: a date of another year, see g_date_time_format() */
  return g_date_time_format (then, _("%-d %b %Y"));
}

/* The start of the article's text, on one line, at most @max_chars. */
char *
bs_entry_excerpt (BsEntry *entry,
                  gsize    max_chars)
{
  const char *html = bs_entry_get_summary (entry);
  g_autofree char *text = NULL;
  GString *out;
  gboolean space = FALSE;
  gsize n = 0;

  if (html == NULL || html[0] == '\0')
    html = bs_entry_get_content (entry);
  if (html == NULL)
    return g_strdup ("");

  /* enough HTML for a line or two of text */
  text = bs_html_to_text (html, strnlen (html, 8 * max_chars + 1024));
  out = g_string_sized_new (max_chars + 8);
  for (const char *p = text; *p != '\0' && n < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
      n++;
    }
  return g_string_free (out, FALSE);
}

static void
flags_cb (BsEntry    *entry,
          GParamSpec *pspec,
          BsEntryRow *self)
{
  gboolean unread = !bs_entry_get_read (entry);

  gtk_widget_set_visible (self->unread_dot, unread);
  gtk_widget_set_visible (self->star, bs_entry_get_starred (entry));
  if (unread)
    gtk_widget_add_css_class (self->title, "unread");
  else
    gtk_widget_remove_css_class (self->title, "unread");
}

/* A feed's title arrives with its first refresh, after its articles. */
static void
source_title_cb (BsSource   *source,
                 GParamSpec *pspec,
                 BsEntryRow *self)
{
  gtk_label_set_text (GTK_LABEL (self->source), bs_source_get_display_title (source));
}

void
bs_entry_row_bind (BsEntryRow *self,
                   BsEntry    *entry,
                   BsLibrary  *library)
{
  BsSource *source = bs_library_lookup_source (library, bs_entry_get_source_id (entry));
  g_autofree char *time = NULL;
  g_autofree char *excerpt = NULL;
  gint64 when = bs_web_html_entry_date (entry);

  g_return_if_fail (BS_IS_ENTRY_ROW (self));

  bs_entry_row_unbind (self);
  self->entry = g_object_ref (entry);

  time = bs_format_relative_time (when, g_get_real_time () / G_USEC_PER_SEC);
  excerpt = bs_entry_excerpt (entry, 140);

  gtk_label_set_text (GTK_LABEL (self->source),
                      source != NULL ? bs_source_get_display_title (source) : "");
  gtk_label_set_text (GTK_LABEL (self->time), time);
  gtk_label_set_text (GTK_LABEL (self->title),
                      bs_entry_get_title (entry) != NULL ? bs_entry_get_title (entry) : _("Untitled"));
  gtk_label_set_text (GTK_LABEL (self->excerpt), excerpt);
  gtk_widget_set_visible (self->excerpt, excerpt[0] != '\0');

  self->read_id = g_signal_connect (entry, "notify::read", G_CALLBACK (flags_cb), self);
  self->starred_id = g_signal_connect (entry, "notify::starred", G_CALLBACK (flags_cb), self);
  flags_cb (entry, NULL, self);
  if (source != NULL)
    {
      self->bound_source = g_object_ref (source);
      self->source_title_id = g_signal_connect (source, "notify::display-title",
                                                G_CALLBACK (source_title_cb), self);
    }
}

void
bs_entry_row_unbind (BsEntryRow *self)
{
  g_return_if_fail (BS_IS_ENTRY_ROW (self));

  if (self->entry == NULL)
    return;
  g_clear_signal_handler (&self->read_id, self->entry);
  g_clear_signal_handler (&self->starred_id, self->entry);
  g_clear_object (&self->entry);
  if (self->bound_source != NULL)
    g_clear_signal_handler (&self->source_title_id, self->bound_source);
  g_clear_object (&self->bound_source);
}

static GtkWidget *
label_new (const char *css_class,
           int         lines)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (lines > 1)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), lines);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
bs_entry_row_dispose (GObject *object)
{
  BsEntryRow *self = (BsEntryRow *)object;

  bs_entry_row_unbind (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (bs_entry_row_parent_class)->dispose (object);
}

static void
bs_entry_row_class_init (BsEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bs_entry_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entryrow");
}

static void
bs_entry_row_init (BsEntryRow *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->unread_dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->unread_dot, "unread-dot");
  gtk_widget_set_valign (self->unread_dot, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unread_dot),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("article", "Unread"), -1);
  self->source = label_new ("source", 1);
  gtk_widget_set_hexpand (self->source, TRUE);
  self->time = label_new ("time", 1);
  gtk_label_set_ellipsize (GTK_LABEL (self->time), PANGO_ELLIPSIZE_NONE);
  self->star = gtk_image_new_from_icon_name ("starred-symbolic");
  gtk_widget_add_css_class (self->star, "star");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("article", "Starred"), -1);
  gtk_box_append (GTK_BOX (top), self->unread_dot);
  gtk_box_append (GTK_BOX (top), self->source);
  gtk_box_append (GTK_BOX (top), self->star);
  gtk_box_append (GTK_BOX (top), self->time);

  self->title = label_new ("title", 2);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_box_append (GTK_BOX (title_box), self->title);

  self->excerpt = label_new ("excerpt", 2);

  gtk_box_append (GTK_BOX (self->box), top);
  gtk_box_append (GTK_BOX (self->box), title_box);
  gtk_box_append (GTK_BOX (self->box), self->excerpt);
}

GtkWidget *
bs_entry_row_new (void)
{
  return g_object_new (BS_TYPE_ENTRY_ROW, NULL);
}
