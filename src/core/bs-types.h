/* bs-types.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _BsEntry  BsEntry;
typedef struct _BsSource BsSource;
typedef struct _BsStore  BsStore;

/* Why the last check of a source failed. The numeric values are written
 * to sources.gvariant: never renumber them, only append. */
typedef enum {
  BS_SOURCE_ERROR_KIND_NONE      = 0,  /* the last check succeeded */
  BS_SOURCE_ERROR_KIND_NETWORK   = 1,  /* DNS, connection refused or reset */
  BS_SOURCE_ERROR_KIND_TLS       = 2,  /* certificate or handshake */
  BS_SOURCE_ERROR_KIND_HTTP      = 3,  /* an HTTP status other than 2xx/304 */
  BS_SOURCE_ERROR_KIND_PARSE     = 4,  /* the body is not a feed */
  BS_SOURCE_ERROR_KIND_GONE      = 5,  /* 410 Gone: no longer polled */
  BS_SOURCE_ERROR_KIND_TIMEOUT   = 6,  /* connect or total time limit */
  BS_SOURCE_ERROR_KIND_TOO_LARGE = 7,  /* the body is over the size limit */
} BsSourceErrorKind;

#define BS_TYPE_SOURCE_ERROR_KIND (bs_source_error_kind_get_type ())

GType bs_source_error_kind_get_type (void) G_GNUC_CONST;

G_END_DECLS
