/* bs-river-view-private.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bs-river-view.h"
#include "bs-web-view.h"

G_BEGIN_DECLS

/* The river object, shared by bs-river-view.c (the widget, its
 * properties and public functions), bs-river-view-document.c (the page:
 * its HTML, the articles sent to it and the calls into its script) and
 * bs-river-view-loading.c (which articles go on the page and when, and
 * the messages of its script). */

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

/* An article to send to the document. */
typedef struct {
  BsEntry *entry;
  guint id;
  guint before;                  /* the id it goes before, 0 for the end */
} BsRiverItem;

/* bs-river-view.c */
void     _bs_river_view_set_n_new   (BsRiverView *self,
                                     guint        n_new);
void     _bs_river_view_set_n_shown (BsRiverView *self,
                                     guint        n_shown);

/* bs-river-view-document.c */
gboolean _bs_river_view_is_dark           (void);
void     _bs_river_view_update_background (BsRiverView *self);
void     _bs_river_view_reload            (BsRiverView *self);
void     _bs_river_view_send              (BsRiverView *self,
                                           GArray      *items,
                                           int          last,
                                           gboolean     answer);
void     _bs_river_view_call_simple       (BsRiverView *self,
                                           const char  *body,
                                           GVariant    *args);

/* bs-river-view-loading.c */
void     _bs_river_view_scroll_to         (BsRiverView *self,
                                           BsEntry     *entry);
void     _bs_river_view_items_changed_cb  (GListModel  *model,
                                           guint        position,
                                           guint        removed,
                                           guint        added,
                                           BsRiverView *self);
void     _bs_river_view_message_cb        (WebKitUserContentManager *manager,
                                           JSCValue                 *message,
                                           BsRiverView              *self);

G_END_DECLS
