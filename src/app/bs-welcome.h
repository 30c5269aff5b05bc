/* bs-welcome.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bs-source.h"

G_BEGIN_DECLS

/* BsWelcome: what the window shows while there are no subscriptions — an
 * invitation to add a feed (win.add-feed) or import a list
 * (win.import-opml), and a few well-known feeds and Planets to start
 * with. The list is built in; nothing is fetched until the user adds one
 * of them with its Add button, which subscribes as the Add Feed dialog
 * does (bs_subscribe()) and so takes the window to the reader. */

#define BS_TYPE_WELCOME (bs_welcome_get_type ())

G_DECLARE_FINAL_TYPE (BsWelcome, bs_welcome, BS, WELCOME, AdwBin)

typedef struct {
  const char *section;      /* translatable (N_()): the group it is listed in */
  const char *title;        /* the feed's name, as it calls itself */
  const char *description;  /* translatable (N_()), translated when shown */
  const char *feed_url;
  const char *site_url;
} BsSuggestion;

GtkWidget          *bs_welcome_new                  (void);

guint               bs_welcome_get_n_suggestions    (void);
const BsSuggestion *bs_welcome_get_suggestion       (guint      position);

BsSource           *bs_welcome_add_suggestion       (BsWelcome *self,
                                                     guint      position,
                                                     GError   **error);

G_END_DECLS
