/* ui-harness-widgets.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The UI harness's widgets: finding windows, widgets, labels, buttons
 * and the article list's rows; and screenshots, see ui-harness.h. */

#include "config.h"

#include "bs-entry-row.h"
#include "ui-harness-private.h"

/* Widgets */

/**
 * ui_find_window:
 * @type: a type of window
 *
 * Returns: (transfer none) (nullable): a visible window of @type, the
 *   last one opened when there are several
 */
GtkWindow *
ui_find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static void
find_widgets (GtkWidget    *widget,
              UiWidgetMatch match,
              gpointer      data,
              GPtrArray    *found,
              gboolean      first_only)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (match (widget, data))
    {
      g_ptr_array_add (found, widget);
      if (first_only)
        return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && !(first_only && found->len > 0);
       child = gtk_widget_get_next_sibling (child))
    find_widgets (child, match, data, found, first_only);
}

/**
 * ui_find_widgets:
 * @root: where to look (it and its descendants)
 * @match: which widgets
 *
 * Returns: (transfer container): the mapped widgets that match, in tree
 *   order
 */
GPtrArray *
ui_find_widgets (GtkWidget    *root,
                 UiWidgetMatch match,
                 gpointer      data)
{
  GPtrArray *found = g_ptr_array_new ();

  find_widgets (root, match, data, found, FALSE);
  return found;
}

/**
 * ui_find_widget:
 *
 * Returns: (transfer none) (nullable): the first mapped widget that matches
 */
GtkWidget *
ui_find_widget (GtkWidget    *root,
                UiWidgetMatch match,
                gpointer      data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_widgets (root, match, data, found, TRUE);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static gboolean
label_matches (GtkWidget *widget,
               gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

GtkWidget *
ui_find_label (GtkWidget  *root,
               const char *text)
{
  return ui_find_widget (root, label_matches, (gpointer) text);
}

static gboolean
is_sidebar (GtkWidget *widget,
            gpointer   data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

/* The sidebar's row (the widget its menu is attached to) whose name is
 * @name, waiting for it to appear. */
GtkWidget *
ui_sidebar_row (UiFixture  *f,
                const char *name)
{
  GtkWidget *sidebar = ui_find_widget (GTK_WIDGET (f->window), is_sidebar, NULL);
  GtkWidget *label = NULL;

  g_assert_nonnull (sidebar);
  UI_WAIT_UNTIL (f, (label = ui_find_label (sidebar, name)) != NULL);
  return gtk_widget_get_parent (label);
}

static gboolean
button_matches (GtkWidget *widget,
                gpointer   label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkWidget *
ui_find_button (GtkWidget  *root,
                const char *label)
{
  return ui_find_widget (root, button_matches, (gpointer) label);
}

static gboolean
is_entry_row (GtkWidget *widget,
              gpointer   data)
{
  return BS_IS_ENTRY_ROW (widget);
}

static gboolean
is_title_label (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title");
}

/**
 * ui_get_row_titles:
 *
 * Returns: (transfer full) (element-type utf8): the titles the article
 *   list's rows (BsEntryRow) show on screen, top to bottom
 */
GPtrArray *
ui_get_row_titles (UiFixture *f)
{
  g_autoptr(GPtrArray) rows = ui_find_widgets (GTK_WIDGET (f->window), is_entry_row, NULL);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  /* the list view recycles rows: order them by where they are */
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (sorted, rows->pdata[i]);
  for (guint i = 1; i < sorted->len; i++)
    for (guint j = i; j > 0; j--)
      {
        graphene_point_t a, b;

        if (!gtk_widget_compute_point (sorted->pdata[j - 1], GTK_WIDGET (f->window),
                                       &GRAPHENE_POINT_INIT (0, 0), &a)
            || !gtk_widget_compute_point (sorted->pdata[j], GTK_WIDGET (f->window),
                                          &GRAPHENE_POINT_INIT (0, 0), &b)
            || a.y <= b.y)
          break;
        {
          gpointer tmp = sorted->pdata[j];

          sorted->pdata[j] = sorted->pdata[j - 1];
          sorted->pdata[j - 1] = tmp;
        }
      }

  for (guint i = 0; i < sorted->len; i++)
    {
      GtkWidget *label = ui_find_widget (sorted->pdata[i], is_title_label, NULL);

      g_ptr_array_add (titles, g_strdup (label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : ""));
    }
  return titles;
}

/* The article at @position of the window's list; the library keeps it. */
BsEntry *
ui_get_entry (UiFixture *f,
              guint      position)
{
  g_autoptr(BsEntry) entry = g_list_model_get_item (bs_window_get_entries (f->window), position);

  g_assert_nonnull (entry);
  return entry;
}

/**
 * ui_entry_titles:
 *
 * Returns: (transfer full): the titles of the window's article list
 *   (bs_window_get_entries()), joined with "|", for messages and compares
 */
char *
ui_entry_titles (UiFixture *f)
{
  GListModel *entries = bs_window_get_entries (f->window);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (entries, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, bs_entry_get_title (entry));
    }
  return g_string_free (out, FALSE);
}

/**
 * ui_find_entry:
 * @title: an article's title
 *
 * Returns: its position in the window's article list, or
 *   GTK_INVALID_LIST_POSITION
 */
guint
ui_find_entry (UiFixture  *f,
               const char *title)
{
  GListModel *entries = bs_window_get_entries (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(BsEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (bs_entry_get_title (entry), title) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/**
 * ui_get_selected_position:
 *
 * Returns: the position of the selected article in the list, or
 *   GTK_INVALID_LIST_POSITION
 */
guint
ui_get_selected_position (UiFixture *f)
{
  GListModel *entries = bs_window_get_entries (f->window);

  g_assert_true (GTK_IS_SINGLE_SELECTION (entries));
  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (entries));
}

/* Screenshots */

/**
 * ui_screenshot:
 * @name: the file's name, without .png
 *
 * Saves a screenshot of the whole window, once its transitions are over:
 * see ui_screenshot_widget().
 *
 * Returns: (transfer full): the file's path
 */
char *
ui_screenshot (UiFixture  *f,
               const char *name)
{
  ui_wait_transitions (f);
  return ui_screenshot_widget (GTK_WIDGET (f->window), name);
}

/**
 * ui_screenshot_widget:
 * @widget: a window (or any widget on screen)
 * @name: the file's name, without .png
 *
 * Renders @widget (a web view inside included: GSK_RENDERER=cairo) with
 * its window's own renderer and saves it as $BS_UI_SCREENSHOT_DIR/NAME.png
 * (default: screenshots/ in the build directory of the tests).
 *
 * Returns: (transfer full): the file's path
 */
char *
ui_screenshot_widget (GtkWidget  *widget,
                      const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (g_getenv ("BS_UI_SCREENSHOT_DIR") != NULL)
    dir = g_strdup (g_getenv ("BS_UI_SCREENSHOT_DIR"));
  else
    dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file, NULL);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_test_message ("nothing to take a screenshot of for %s", name);
      return path;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_test_message ("could not save %s", path);
  else
    g_test_message ("screenshot: %s", path);
  return path;
}
