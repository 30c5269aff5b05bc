/* bs-folder.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-folder"

#include "config.h"

#include "bs-folder.h"

struct _BsFolder
{
  GObject parent_instance;

  char *name;
  guint unread_count;
};

G_DEFINE_FINAL_TYPE (BsFolder, bs_folder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_UNREAD_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bs_folder_finalize (GObject *object)
{
  BsFolder *self = (BsFolder *)object;

  g_free (self->name);

  G_OBJECT_CLASS (bs_folder_parent_class)->finalize (object);
}

static void
bs_folder_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BsFolder *self = BS_FOLDER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_folder_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BsFolder *self = BS_FOLDER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bs_folder_class_init (BsFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bs_folder_finalize;
  object_class->get_property = bs_folder_get_property;
  object_class->set_property = bs_folder_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bs_folder_init (BsFolder *self)
{
}

BsFolder *
bs_folder_new (const char *name)
{
  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);

  return g_object_new (BS_TYPE_FOLDER, "name", name, NULL);
}

const char *
bs_folder_get_name (BsFolder *self)
{
  g_return_val_if_fail (BS_IS_FOLDER (self), NULL);

  return self->name;
}

guint
bs_folder_get_unread_count (BsFolder *self)
{
  g_return_val_if_fail (BS_IS_FOLDER (self), 0);

  return self->unread_count;
}

void
bs_folder_set_unread_count (BsFolder *self,
                            guint     unread_count)
{
  g_return_if_fail (BS_IS_FOLDER (self));

  if (self->unread_count == unread_count)
    return;
  self->unread_count = unread_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}
