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

#include "bs-river-view-private.h"

/* The river widget: the web view with the "N New Articles" button over
 * it, its properties and public functions. The page and what goes on it
 * are in bs-river-view-document.c and bs-river-view-loading.c. */

#define MESSAGE_HANDLER "broadsheet"

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

/* The counts, with the "N New Articles" button */

void
_bs_river_view_set_n_new (BsRiverView *self,
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

void
_bs_river_view_set_n_shown (BsRiverView *self,
                            guint        n_shown)
{
  if (self->n_shown == n_shown)
    return;
  self->n_shown = n_shown;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

/* The signals of its parts */

static void
new_clicked_cb (GtkButton   *button,
                BsRiverView *self)
{
  _bs_river_view_call_simple (self, "bsRiver.top ();", NULL);
  _bs_river_view_set_n_new (self, 0);
}

static void
dark_cb (AdwStyleManager *manager,
         GParamSpec      *pspec,
         BsRiverView     *self)
{
  GVariantDict args;

  _bs_river_view_update_background (self);
  if (!self->ready)
    {
      _bs_river_view_reload (self);
      return;
    }
  g_variant_dict_init (&args, NULL);
  /* numbers, strings and dictionaries only */
  g_variant_dict_insert (&args, "dark", "u", _bs_river_view_is_dark () ? 1 : 0);
  _bs_river_view_call_simple (self, "bsRiver.setDark (dark !== 0);", g_variant_dict_end (&args));
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
    _bs_river_view_reload (self);
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
                                                   G_CALLBACK (_bs_river_view_items_changed_cb),
                                                   self);
    }
  g_clear_object (&self->pending_show);
  _bs_river_view_reload (self);
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
  _bs_river_view_reload (self);
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
      _bs_river_view_call_simple (self, "bsRiver.setFontSize (points);",
                                  g_variant_dict_end (&args));
    }
  else
    {
      _bs_river_view_reload (self);
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
  _bs_river_view_reload (self);
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
  _bs_river_view_scroll_to (self, entry);
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
  _bs_river_view_call_simple (self, "return bsRiver.page (direction);", g_variant_dict_end (&args));
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
                           G_CALLBACK (_bs_river_view_message_cb), self, 0);
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
