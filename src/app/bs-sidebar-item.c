/* bs-sidebar-item.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "broadsheet"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bs-sidebar-item.h"

struct _BsSidebarItem
{
  GObject parent_instance;

  BsSidebarItemKind kind;
  char *key;
  BsLibrary *library;   /* weak */
  BsSource *source;
  BsFolder *folder;
  char *title;
  char *error;
  GdkPaintable *icon;
  guint unread_count;
};

G_DEFINE_FINAL_TYPE (BsSidebarItem, bs_sidebar_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_UNREAD_COUNT,
  PROP_ERROR,
  PROP_ICON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (BsSidebarItem  *self,
            char          **field,
            const char     *value,
            guint           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_unread_count (BsSidebarItem *self,
                  guint          unread_count)
{
  if (self->unread_count == unread_count)
    return;
  self->unread_count = unread_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}

/* Following the source, the folder or the library */

/* The feed's name; until it has one (never fetched), its address
 * without the scheme, which is what tells feeds apart. */
static char *
source_name (BsSource *source)
{
  const char *title = bs_source_get_display_title (source);
  const char *url = bs_source_get_feed_url (source);

  if (bs_source_get_title (source) == NULL && bs_source_get_custom_title (source) == NULL
      && title != NULL && g_strcmp0 (title, url) == 0)
    {
      if (g_str_has_prefix (title, "https://"))
        title += strlen ("https://");
      else if (g_str_has_prefix (title, "http://"))
        title += strlen ("http://");
    }
  return g_strdup (title);
}

static void
source_title_cb (BsSource      *source,
                 GParamSpec    *pspec,
                 BsSidebarItem *self)
{
  g_autofree char *name = source_name (source);

  set_string (self, &self->title, name, PROP_TITLE);
}

static void
source_unread_cb (GObject       *object,
                  GParamSpec    *pspec,
                  BsSidebarItem *self)
{
  guint n = 0;

  g_object_get (object, "unread-count", &n, NULL);
  set_unread_count (self, n);
}

/* What went wrong, in words, then the technical detail from core. */
static const char *
error_kind_text (BsSourceErrorKind kind)
{
  switch (kind)
    {
    case BS_SOURCE_ERROR_KIND_NETWORK:   return _("The site could not be reached");
    case BS_SOURCE_ERROR_KIND_TLS:       return _("The site’s secure connection is not trusted");
    case BS_SOURCE_ERROR_KIND_HTTP:      return _("The site answered with an error");
    case BS_SOURCE_ERROR_KIND_PARSE:     return _("This is not a feed any more");
    case BS_SOURCE_ERROR_KIND_GONE:      return _("The site removed this feed for good");
    case BS_SOURCE_ERROR_KIND_TIMEOUT:   return _("The site took too long to answer");
    case BS_SOURCE_ERROR_KIND_TOO_LARGE: return _("The feed is too large");
    case BS_SOURCE_ERROR_KIND_NONE:
    default:                             return _("The last update failed");
    }
}

static void
source_error_cb (BsSource      *source,
                 GParamSpec    *pspec,
                 BsSidebarItem *self)
{
  BsSourceErrorKind kind = bs_source_get_error_kind (source);
  const char *detail = bs_source_get_error_message (source);
  g_autofree char *message = NULL;

  if (kind != BS_SOURCE_ERROR_KIND_NONE)
    message = detail != NULL ? g_strdup_printf ("%s (%s)", error_kind_text (kind), detail)
                             : g_strdup (error_kind_text (kind));
  set_string (self, &self->error, message, PROP_ERROR);
}

static void
load_icon (BsSidebarItem *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  BsStore *store;

  if (self->library == NULL)
    return;

  store = bs_library_get_store (self->library);
  bytes = bs_store_load_icon (store, bs_source_get_id (self->source), NULL, NULL, NULL);
  if (bytes != NULL)
    {
      texture = gdk_texture_new_from_bytes (bytes, &error);
      if (texture == NULL)
        g_debug ("Icon of %s: %s", bs_source_get_id (self->source), error->message);
    }

  if (g_set_object (&self->icon, (GdkPaintable *) texture))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON]);
}

static void
source_icon_cb (BsSource      *source,
                GParamSpec    *pspec,
                BsSidebarItem *self)
{
  load_icon (self);
}

static void
library_unread_cb (BsLibrary     *library,
                   GParamSpec    *pspec,
                   BsSidebarItem *self)
{
  set_unread_count (self, bs_library_get_total_unread (library));
}

static BsSidebarItem *
item_new (BsSidebarItemKind  kind,
          const char        *key,
          const char        *title,
          BsLibrary         *library)
{
  BsSidebarItem *self = g_object_new (BS_TYPE_SIDEBAR_ITEM, NULL);

  self->kind = kind;
  self->key = g_strdup (key);
  self->title = g_strdup (title);
  self->library = library;
  g_object_add_weak_pointer (G_OBJECT (library), (gpointer *) &self->library);
  return self;
}

static BsSidebarItem *
view_item_new (BsSidebarItemKind  kind,
               BsLibrary         *library)
{
  static const char *keys[] = { "all", "unread", "starred" };
  const char *titles[] = { _("All Articles"), _("Unread"), _("Starred") };
  BsSidebarItem *self = item_new (kind, keys[kind], titles[kind], library);

  if (kind != BS_SIDEBAR_ITEM_STARRED)
    {
      g_signal_connect_object (library, "notify::total-unread",
                               G_CALLBACK (library_unread_cb), self, 0);
      library_unread_cb (library, NULL, self);
    }
  return self;
}

static BsSidebarItem *
folder_item_new (BsFolder  *folder,
                 BsLibrary *library)
{
  g_autofree char *key = g_strconcat ("folder:", bs_folder_get_name (folder), NULL);
  BsSidebarItem *self = item_new (BS_SIDEBAR_ITEM_FOLDER, key, bs_folder_get_name (folder),
                                  library);

  self->folder = g_object_ref (folder);
  g_signal_connect_object (folder, "notify::unread-count",
                           G_CALLBACK (source_unread_cb), self, 0);
  source_unread_cb (G_OBJECT (folder), NULL, self);
  return self;
}

static BsSidebarItem *
source_item_new (BsSource  *source,
                 BsLibrary *library)
{
  g_autofree char *key = g_strconcat ("source:", bs_source_get_id (source), NULL);
  g_autofree char *name = source_name (source);
  BsSidebarItem *self = item_new (BS_SIDEBAR_ITEM_SOURCE, key, name, library);

  self->source = g_object_ref (source);
  g_signal_connect_object (source, "notify::display-title",
                           G_CALLBACK (source_title_cb), self, 0);
  g_signal_connect_object (source, "notify::unread-count",
                           G_CALLBACK (source_unread_cb), self, 0);
  g_signal_connect_object (source, "notify::error-kind",
                           G_CALLBACK (source_error_cb), self, 0);
  g_signal_connect_object (source, "notify::error-message",
                           G_CALLBACK (source_error_cb), self, 0);
  g_signal_connect_object (source, "notify::icon-checked",
                           G_CALLBACK (source_icon_cb), self, 0);
  source_unread_cb (G_OBJECT (source), NULL, self);
  source_error_cb (source, NULL, self);
  load_icon (self);
  return self;
}

/* GObject */

static void
bs_sidebar_item_finalize (GObject *object)
{
  BsSidebarItem *self = (BsSidebarItem *)object;

  if (self->library != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->library), (gpointer *) &self->library);
  g_clear_object (&self->source);
  g_clear_object (&self->folder);
  g_clear_object (&self->icon);
  g_free (self->key);
  g_free (self->title);
  g_free (self->error);

  G_OBJECT_CLASS (bs_sidebar_item_parent_class)->finalize (object);
}

static void
bs_sidebar_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BsSidebarItem *self = BS_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_ICON:
      g_value_set_object (value, self->icon);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_sidebar_item_class_init (BsSidebarItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bs_sidebar_item_finalize;
  object_class->get_property = bs_sidebar_item_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* why the feed's last update failed, NULL when it did not */
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  /* the feed's icon, NULL until one is found */
  properties[PROP_ICON] = g_param_spec_object ("icon", NULL, NULL, GDK_TYPE_PAINTABLE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bs_sidebar_item_init (BsSidebarItem *self)
{
}

/* Accessors */

BsSidebarItemKind
bs_sidebar_item_get_kind (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), BS_SIDEBAR_ITEM_ALL);

  return self->kind;
}

const char *
bs_sidebar_item_get_key (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), NULL);

  return self->key;
}

const char *
bs_sidebar_item_get_title (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), NULL);

  return self->title;
}

guint
bs_sidebar_item_get_unread_count (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), 0);

  return self->unread_count;
}

const char *
bs_sidebar_item_get_error (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), NULL);

  return self->error;
}

GdkPaintable *
bs_sidebar_item_get_icon (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), NULL);

  return self->icon;
}

/* A symbolic icon for the row when it has no feed icon. */
const char *
bs_sidebar_item_get_icon_name (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), NULL);

  switch (self->kind)
    {
    case BS_SIDEBAR_ITEM_ALL:     return "view-list-bullet-symbolic";
    case BS_SIDEBAR_ITEM_UNREAD:  return "mail-unread-symbolic";
    case BS_SIDEBAR_ITEM_STARRED: return "starred-symbolic";
    case BS_SIDEBAR_ITEM_FOLDER:  return "folder-symbolic";
    case BS_SIDEBAR_ITEM_SOURCE:
    default:                      return "application-rss+xml-symbolic";
    }
}

BsSource *
bs_sidebar_item_get_source (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), NULL);

  return self->source;
}

const char *
bs_sidebar_item_get_folder (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), NULL);

  return self->folder != NULL ? bs_folder_get_name (self->folder) : NULL;
}

/**
 * bs_sidebar_item_get_entries:
 * @self: an item
 *
 * Returns: (transfer full) (nullable): the entries of the view, newest
 *   first, or NULL once the library is gone
 */
GListModel *
bs_sidebar_item_get_entries (BsSidebarItem *self)
{
  g_return_val_if_fail (BS_IS_SIDEBAR_ITEM (self), NULL);

  if (self->library == NULL)
    return NULL;

  switch (self->kind)
    {
    case BS_SIDEBAR_ITEM_ALL:
      return g_object_ref (bs_library_get_all_entries (self->library));
    case BS_SIDEBAR_ITEM_UNREAD:
      return g_object_ref (bs_library_get_unread_entries (self->library));
    case BS_SIDEBAR_ITEM_STARRED:
      return g_object_ref (bs_library_get_starred_entries (self->library));
    case BS_SIDEBAR_ITEM_FOLDER:
      return bs_library_get_folder_entries (self->library, bs_folder_get_name (self->folder));
    case BS_SIDEBAR_ITEM_SOURCE:
    default:
      return bs_library_get_source_entries (self->library, self->source);
    }
}

/* The model */

typedef struct {
  GListStore *store;    /* not a reference: this is its data */
  BsLibrary *library;
  GListModel *sources;
  GListModel *folders;
  gulong sources_id;
  gulong folders_id;
  GHashTable *items;    /* key → BsSidebarItem, the current rows */
} SidebarModel;

static void
sidebar_model_free (gpointer data)
{
  SidebarModel *model = data;

  g_clear_signal_handler (&model->sources_id, model->sources);
  g_clear_signal_handler (&model->folders_id, model->folders);
  g_clear_object (&model->sources);
  g_clear_object (&model->folders);
  g_clear_object (&model->library);
  g_hash_table_unref (model->items);
  g_free (model);
}

static BsSidebarItem *
reuse (SidebarModel *model,
       const char   *prefix,
       const char   *name)
{
  g_autofree char *key = g_strconcat (prefix, name, NULL);
  BsSidebarItem *item = g_hash_table_lookup (model->items, key);

  return item != NULL ? g_object_ref (item) : NULL;
}

/* The item at @position of the store, without a reference (the store
 * holds one). */
static BsSidebarItem *
g_list_model_get_item_unowned (SidebarModel *model,
                               guint         position)
{
  BsSidebarItem *item = g_list_model_get_item (G_LIST_MODEL (model->store), position);

  g_object_unref (item);
  return item;
}

/* Puts the rows in order again, reusing the items whose key is kept so
 * that bindings and the selection survive. */
static void
rebuild (SidebarModel *model)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *sources = bs_library_get_sources (model->library);
  GListModel *folders = bs_library_get_folders (model->library);
  guint n_sources = g_list_model_get_n_items (sources);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (model->store));
  guint prefix, suffix;

  for (BsSidebarItemKind kind = BS_SIDEBAR_ITEM_ALL; kind <= BS_SIDEBAR_ITEM_STARRED; kind++)
    {
      static const char *keys[] = { "all", "unread", "starred" };
      BsSidebarItem *item = reuse (model, keys[kind], "");

      g_ptr_array_add (rows, item != NULL ? item : view_item_new (kind, model->library));
    }

  /* folders, each followed by its feeds; then the feeds without one */
  for (guint f = 0; f <= g_list_model_get_n_items (folders); f++)
    {
      g_autoptr(BsFolder) folder = f < g_list_model_get_n_items (folders) ?
                                   g_list_model_get_item (folders, f) : NULL;
      const char *name = folder != NULL ? bs_folder_get_name (folder) : NULL;

      if (folder != NULL)
        {
          BsSidebarItem *item = reuse (model, "folder:", name);

          g_ptr_array_add (rows, item != NULL ? item : folder_item_new (folder, model->library));
        }

      for (guint i = 0; i < n_sources; i++)
        {
          g_autoptr(BsSource) source = g_list_model_get_item (sources, i);
          BsSidebarItem *item;

          if (g_strcmp0 (bs_source_get_folder (source), name) != 0)
            continue;
          item = reuse (model, "source:", bs_source_get_id (source));
          g_ptr_array_add (rows, item != NULL ? item : source_item_new (source, model->library));
        }
    }

  /* only the rows between the common start and the common end change:
   * a renamed feed that moves splices the rows it moved across */
  prefix = 0;
  while (prefix < rows->len && prefix < n_old
         && g_list_model_get_item_unowned (model, prefix) == g_ptr_array_index (rows, prefix))
    prefix++;
  if (prefix == rows->len && prefix == n_old)
    return;
  suffix = 0;
  while (suffix < rows->len - prefix && suffix < n_old - prefix
         && g_list_model_get_item_unowned (model, n_old - 1 - suffix)
            == g_ptr_array_index (rows, rows->len - 1 - suffix))
    suffix++;

  g_hash_table_remove_all (model->items);
  for (guint i = 0; i < rows->len; i++)
    {
      BsSidebarItem *item = g_ptr_array_index (rows, i);

      g_hash_table_insert (model->items, item->key, g_object_ref (item));
    }
  g_list_store_splice (model->store, prefix, n_old - prefix - suffix,
                       rows->pdata + prefix, rows->len - prefix - suffix);
}

static void
library_changed_cb (GListModel   *list,
                    guint         position,
                    guint         removed,
                    guint         added,
                    SidebarModel *model)
{
  rebuild (model);
}

/**
 * bs_sidebar_model_new:
 * @library: a loaded library
 *
 * Returns: (transfer full): a GListModel of BsSidebarItem
 */
GListModel *
bs_sidebar_model_new (BsLibrary *library)
{
  SidebarModel *model = g_new0 (SidebarModel, 1);

  g_return_val_if_fail (BS_IS_LIBRARY (library), NULL);

  model->store = g_list_store_new (BS_TYPE_SIDEBAR_ITEM);
  model->library = g_object_ref (library);
  model->sources = g_object_ref (bs_library_get_sources (library));
  model->folders = g_object_ref (bs_library_get_folders (library));
  model->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_object_set_data_full (G_OBJECT (model->store), "bs-sidebar-model", model, sidebar_model_free);

  model->sources_id = g_signal_connect (model->sources, "items-changed",
                                        G_CALLBACK (library_changed_cb), model);
  model->folders_id = g_signal_connect (model->folders, "items-changed",
                                        G_CALLBACK (library_changed_cb), model);
  rebuild (model);
  return G_LIST_MODEL (model->store);
}

/* The position of the item with @key, or GTK_INVALID_LIST_POSITION. */
guint
bs_sidebar_model_find (GListModel *model,
                       const char *key)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; key != NULL && i < n; i++)
    {
      g_autoptr(BsSidebarItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (item->key, key) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}
