/* bs-preferences-window.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "bs-preferences-window.h"

struct _BsPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* template */
  AdwComboRow *interval_row;
  GtkSwitch *notifications_switch;
  GtkSwitch *background_switch;
  GtkWidget *autostart_row;
  GtkSwitch *autostart_switch;
  GtkSwitch *mark_read_switch;
  GtkSwitch *remote_images_switch;
  GtkSpinButton *font_spin;
  GtkSpinButton *retention_spin;
  GtkSpinButton *max_entries_spin;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (BsPreferencesWindow, bs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The choices of the interval row, in minutes, in its order. */
static const guint intervals[] = { 15, 30, 60, 120, 240, 720, 1440 };

/* An interval set elsewhere (the CLI, dconf) shows as the nearest choice. */
static gboolean
interval_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  guint minutes = g_variant_get_uint32 (variant);
  guint best = 0;

  for (guint i = 1; i < G_N_ELEMENTS (intervals); i++)
    if (abs ((int) intervals[i] - (int) minutes) < abs ((int) intervals[best] - (int) minutes))
      best = i;
  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
interval_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (intervals))
    return NULL;
  return g_variant_new_uint32 (intervals[position]);
}

static gboolean
uint_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
uint_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  double number = CLAMP (g_value_get_double (value), 0, G_MAXUINT32);

  return g_variant_new_uint32 ((guint32) (number + 0.5));
}

/* Spin buttons whose 0 means something else show that word instead. */

static gboolean
spin_output_cb (GtkSpinButton *spin,
                const char    *zero_label)
{
  if (gtk_spin_button_get_value_as_int (spin) != 0)
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (spin), _(zero_label));
  return TRUE;
}

static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value,
               const char    *zero_label)
{
  g_autofree char *text = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (spin)), -1);
  g_autofree char *zero = g_utf8_casefold (_(zero_label), -1);
  char *end = NULL;
  double number;

  g_strstrip (text);
  if (g_str_equal (text, zero) || text[0] == '\0')
    {
      *new_value = 0;
      return TRUE;
    }

  number = g_strtod (text, &end);
  if (end == text || *end != '\0')
    return GTK_INPUT_ERROR;
  *new_value = number;
  return TRUE;
}

static void
bind_spin (BsPreferencesWindow *self,
           const char          *key,
           GtkSpinButton       *spin,
           const char          *zero_label)
{
  g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), (gpointer) zero_label);
  g_signal_connect (spin, "input", G_CALLBACK (spin_input_cb), (gpointer) zero_label);
  g_settings_bind_with_mapping (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT,
                                uint_get_mapping, uint_set_mapping, NULL, NULL);
  g_object_set_data (G_OBJECT (self), key, spin);
}

/**
 * bs_preferences_window_new:
 * @window: the main window
 *
 * Returns: (transfer none): the preferences, modal for @window; present it
 */
BsPreferencesWindow *
bs_preferences_window_new (BsWindow *window)
{
  BsPreferencesWindow *self;
  BsApplication *application;

  g_return_val_if_fail (BS_IS_WINDOW (window), NULL);

  application = BS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  self = g_object_new (BS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", window,
                       "application", application,
                       NULL);
  self->settings = g_object_ref (bs_application_get_settings (application));

  g_settings_bind_with_mapping (self->settings, "refresh-interval", self->interval_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                interval_get_mapping, interval_set_mapping, NULL, NULL);
  g_object_set_data (G_OBJECT (self), "refresh-interval", self->interval_row);
  g_settings_bind (self->settings, "notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_set_data (G_OBJECT (self), "notifications", self->notifications_switch);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_set_data (G_OBJECT (self), "run-in-background", self->background_switch);
  g_settings_bind (self->settings, "autostart", self->autostart_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_set_data (G_OBJECT (self), "autostart", self->autostart_switch);
  /* starting at login is starting in the background */
  g_settings_bind (self->settings, "run-in-background", self->autostart_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "mark-read-on-select", self->mark_read_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_set_data (G_OBJECT (self), "mark-read-on-select", self->mark_read_switch);
  g_settings_bind (self->settings, "load-remote-images", self->remote_images_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_set_data (G_OBJECT (self), "load-remote-images", self->remote_images_switch);
  /* TRANSLATORS: the article text size when it follows the system's document font */
  bind_spin (self, "font-size", self->font_spin, N_("System"));
  /* TRANSLATORS: delete read articles after: never */
  bind_spin (self, "retention-days", self->retention_spin, N_("Never"));
  /* TRANSLATORS: read articles kept per feed: no limit */
  bind_spin (self, "max-entries-per-feed", self->max_entries_spin, N_("No limit"));

  return self;
}

/**
 * bs_preferences_window_get_control:
 * @self: the preferences
 * @key: a settings key the window shows
 *
 * Returns: (transfer none) (nullable): the widget bound to @key — an
 *   AdwComboRow ("refresh-interval"), a GtkSwitch or a GtkSpinButton — or
 *   NULL for a key the window does not show
 */
GtkWidget *
bs_preferences_window_get_control (BsPreferencesWindow *self,
                                   const char          *key)
{
  g_return_val_if_fail (BS_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_object_get_data (G_OBJECT (self), key);
}

static void
bs_preferences_window_dispose (GObject *object)
{
  BsPreferencesWindow *self = (BsPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bs_preferences_window_parent_class)->dispose (object);
}

static void
bs_preferences_window_class_init (BsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bs_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/broadsheet/Broadsheet/bs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, autostart_row);
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, mark_read_switch);
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, remote_images_switch);
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, font_spin);
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, BsPreferencesWindow, max_entries_spin);
}

static void
bs_preferences_window_init (BsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
