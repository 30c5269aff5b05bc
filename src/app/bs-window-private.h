/* bs-window-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bs-article-view.h"
#include "bs-river-view.h"
#include "bs-window.h"

G_BEGIN_DECLS

typedef struct _BsWindowReader BsWindowReader;

/* The window object, shared by bs-window.c (the object, its template and
 * properties, putting the parts together, the content pane),
 * bs-window-sidebar.c (the sidebar and the refresh progress),
 * bs-window-list.c (the article list and search), bs-window-actions.c
 * (the win.* actions), bs-window-keys.c (single-key shortcuts),
 * bs-window-reader.c (reader mode: the whole article, the original page),
 * bs-window-state.c (pane widths and window size) and bs-window-bench.c
 * (the benchmark hook). */

struct _BsWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_pane;
  GtkWidget *list_pane;
  GtkWidget *content_pane;
  GtkWidget *sidebar_separator;
  GtkWidget *list_separator;
  GtkListView *sidebar_list;
  GtkStack *refresh_stack;
  GtkSpinner *refresh_spinner;
  GtkLabel *refresh_label;
  AdwWindowTitle *list_title;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkToggleButton *search_button;
  GtkStack *list_stack;
  GtkListView *entry_list;
  AdwStatusPage *list_empty;
  AdwWindowTitle *content_title;
  GtkToggleButton *star_button;
  GtkToggleButton *read_button;
  GtkStack *content_stack;
  BsArticleView *article_view;
  BsRiverView *river_view;
  AdwStatusPage *error_page;

  BsApplication *application;
  BsLibrary *library;
  GSettings *settings;

  GtkSingleSelection *sidebar_selection;
  GtkSingleSelection *entry_selection;
  GtkFilterListModel *entry_filter;
  GtkCustomFilter *unread_filter;
  GListModel *view_entries;        /* of the selected view, or the search */
  BsSidebarItem *view;
  char *articles_title;            /* the list shows bs_window_show_articles()'s */
  gboolean unread_only;
  gboolean river;                  /* the river of news instead of one article */

  BsWindowReader *reader;          /* reader mode, bs-window-reader.c */

  BsEntry *shown;                  /* the article in the view */
  gulong shown_read_id;
  gulong shown_starred_id;
};

/* bs-window.c */
void _bs_window_forward_on_click (BsWindow  *self,
                                  GtkWidget *list,
                                  GtkWidget *pane);
void _bs_window_show_entry       (BsWindow  *self,
                                  BsEntry   *entry);

/* bs-window-sidebar.c */
void _bs_window_setup_sidebar          (BsWindow *self);
void _bs_window_setup_refresh_progress (BsWindow *self);
void _bs_window_restore_view           (BsWindow *self);

/* bs-window-list.c */
void _bs_window_setup_list         (BsWindow      *self);
void _bs_window_show_view          (BsWindow      *self,
                                    BsSidebarItem *item);
void _bs_window_update_list_state  (BsWindow      *self);
void _bs_window_unread_only_changed (BsWindow     *self);

/* bs-window-actions.c */
void _bs_window_class_install_actions (GtkWidgetClass *widget_class);
void _bs_window_update_entry_actions  (BsWindow       *self);

/* bs-window-keys.c */
void _bs_window_setup_keys (BsWindow *self);

/* bs-window-reader.c */
void _bs_window_class_setup_reader    (GtkWidgetClass *widget_class);
void _bs_window_setup_reader          (BsWindow *self);
void _bs_window_free_reader           (BsWindow *self);
void _bs_window_reader_show_entry     (BsWindow *self,
                                       BsEntry  *entry,
                                       BsSource *source);
void _bs_window_reader_update_actions (BsWindow *self);

/* bs-window-state.c */
void _bs_window_restore_state (BsWindow *self);
void _bs_window_save_state    (BsWindow *self);

/* bs-window-bench.c */
void _bs_window_bench_hook_setup (BsWindow *self);

G_END_DECLS
