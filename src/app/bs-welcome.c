/* bs-welcome.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>

#include "bs-add-feed-dialog.h"
#include "bs-welcome.h"
#include "bs-window.h"

/* Feeds to start with: the Planets and news of the free desktop, then a
 * few of general interest. Their addresses are the feeds' own (no
 * discovery is needed); consecutive entries of a section are one group. */
static const BsSuggestion suggestions[] = {
  { N_("Free Software"), "Planet GNOME", N_("Blogs of GNOME contributors"),
    "https://planet.gnome.org/atom.xml", "https://planet.gnome.org/" },
  { N_("Free Software"), "This Week in GNOME", N_("What happened in the GNOME project this week"),
    "https://thisweek.gnome.org/index.xml", "https://thisweek.gnome.org/" },
  { N_("Free Software"), "Planet Debian", N_("Blogs of Debian developers and contributors"),
    "https://planet.debian.org/atom.xml", "https://planet.debian.org/" },
  { N_("Free Software"), "Planet Python", N_("Blogs of the Python community"),
    "https://planetpython.org/rss20.xml", "https://planetpython.org/" },
  { N_("Free Software"), "LWN.net", N_("News and analysis of Linux and free software"),
    "https://lwn.net/headlines/newrss", "https://lwn.net/" },
  { N_("General Interest"), "BBC News", N_("World news from the BBC"),
    "https://feeds.bbci.co.uk/news/rss.xml", "https://www.bbc.co.uk/news" },
  { N_("General Interest"), "Ars Technica", N_("Technology, science and culture"),
    "https://feeds.arstechnica.com/arstechnica/index", "https://arstechnica.com/" },
  { N_("General Interest"), "Quanta Magazine", N_("Mathematics, physics, biology and computer science"),
    "https://www.quantamagazine.org/feed/", "https://www.quantamagazine.org/" },
  { N_("General Interest"), "Hacker News", N_("Links the Hacker News community votes up"),
    "https://news.ycombinator.com/rss", "https://news.ycombinator.com/" },
  { N_("General Interest"), "xkcd", N_("A webcomic of romance, sarcasm, math and language"),
    "https://xkcd.com/atom.xml", "https://xkcd.com/" },
};

struct _BsWelcome
{
  AdwBin parent_instance;

  GtkBox *box;
};

G_DEFINE_FINAL_TYPE (BsWelcome, bs_welcome, ADW_TYPE_BIN)

guint
bs_welcome_get_n_suggestions (void)
{
  return G_N_ELEMENTS (suggestions);
}

/**
 * bs_welcome_get_suggestion:
 * @position: less than bs_welcome_get_n_suggestions()
 *
 * Returns: (transfer none): the suggested feed at @position
 */
const BsSuggestion *
bs_welcome_get_suggestion (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (suggestions), NULL);

  return &suggestions[position];
}

/**
 * bs_welcome_add_suggestion:
 * @self: the welcome page, in a BsWindow
 * @position: less than bs_welcome_get_n_suggestions()
 * @error: as bs_subscribe()
 *
 * Subscribes to the suggested feed at @position, as its Add button does.
 *
 * Returns: (transfer none) (nullable): the new subscription, or NULL with
 *   @error set
 */
BsSource *
bs_welcome_add_suggestion (BsWelcome  *self,
                           guint       position,
                           GError    **error)
{
  GtkRoot *root;
  const BsSuggestion *suggestion;

  g_return_val_if_fail (BS_IS_WELCOME (self), NULL);
  g_return_val_if_fail (position < G_N_ELEMENTS (suggestions), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  g_return_val_if_fail (BS_IS_WINDOW (root), NULL);

  suggestion = &suggestions[position];
  return bs_subscribe (BS_WINDOW (root), suggestion->feed_url, suggestion->title,
                       suggestion->site_url, NULL, error);
}

static void
add_clicked_cb (GtkButton *button,
                BsWelcome *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bs-suggestion"));
  g_autoptr(GError) error = NULL;

  if (bs_welcome_add_suggestion (self, position, &error) == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Could not subscribe to %s: %s"),
                                 suggestions[position].title, error->message);
      if (BS_IS_WINDOW (root))
        bs_window_add_toast (BS_WINDOW (root), adw_toast_new (message));
    }
}

/* Builds the groups of suggestions, each row with its Add button. */
static void
add_suggestions (BsWelcome *self)
{
  GtkWidget *group = NULL;
  const char *section = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suggestions); i++)
    {
      const BsSuggestion *suggestion = &suggestions[i];
      GtkWidget *row;
      GtkWidget *button;
      g_autofree char *tooltip = NULL;

      if (group == NULL || g_strcmp0 (section, suggestion->section) != 0)
        {
          section = suggestion->section;
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(section));
          gtk_box_append (self->box, group);
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), suggestion->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(suggestion->description));

      button = gtk_button_new_with_mnemonic (_("_Add"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* TRANSLATORS: tooltip of the Add button of a suggested feed */
      tooltip = g_strdup_printf (_("Subscribe to %s"), suggestion->title);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      g_object_set_data (G_OBJECT (button), "bs-suggestion", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (add_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

GtkWidget *
bs_welcome_new (void)
{
  return g_object_new (BS_TYPE_WELCOME, NULL);
}

static void
bs_welcome_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BS_TYPE_WELCOME);

  G_OBJECT_CLASS (bs_welcome_parent_class)->dispose (object);
}

static void
bs_welcome_class_init (BsWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bs_welcome_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/broadsheet/Broadsheet/bs-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, BsWelcome, box);
}

static void
bs_welcome_init (BsWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_suggestions (self);
}
