/* bs-feed.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A date that is absent from the document or could not be parsed. */
#define BS_DATE_NONE G_MININT64

typedef enum {
  BS_FEED_FORMAT_UNKNOWN,
  BS_FEED_FORMAT_RSS,        /* <rss> with a missing or unknown version */
  BS_FEED_FORMAT_RSS09X,
  BS_FEED_FORMAT_RSS10,
  BS_FEED_FORMAT_RSS20,
  BS_FEED_FORMAT_ATOM,       /* Atom of an unknown version */
  BS_FEED_FORMAT_ATOM03,
  BS_FEED_FORMAT_ATOM10,
  BS_FEED_FORMAT_JSON10,
  BS_FEED_FORMAT_JSON11,
} BsFeedFormat;

typedef struct {
  char *name;
  char *email;
  char *uri;
} BsPerson;

typedef struct {
  char   *url;
  char   *type;
  gint64  length;            /* -1 when missing or not a plain number */
} BsEnclosure;

typedef struct {
  char      *id;
  char      *title;          /* plain text */
  char      *link;
  char      *author;         /* as written, or "name (email)" */
  BsPerson  *author_detail;
  gint64     published;      /* seconds since the epoch, UTC, or BS_DATE_NONE */
  gint64     updated;
  char      *summary;        /* HTML fragment */
  char      *content;        /* HTML fragment */
  char      *thumbnail;      /* media:thumbnail / itunes:image, absolute URL */
  char      *duration;       /* itunes:duration as written */
  GPtrArray *categories;     /* char * */
  GPtrArray *enclosures;     /* BsEnclosure * */
} BsFeedEntry;

typedef struct {
  BsFeedFormat  format;
  char         *encoding;    /* lower-case name of the decoding used */
  char         *title;
  char         *subtitle;
  char         *rights;
  char         *link;
  char         *id;
  char         *language;
  char         *icon;
  char         *image;
  char         *author;
  BsPerson     *author_detail;
  gint64        updated;
  gint64        published;
  guint         ttl;         /* RSS <ttl> in minutes, 0 when absent */
  GPtrArray    *categories;  /* char * */
  GPtrArray    *entries;     /* BsFeedEntry * */
  GPtrArray    *errors;      /* char *: why the document is not well-formed */
} BsFeed;

BsFeed      *bs_feed_new               (void);
void         bs_feed_free              (BsFeed       *feed);
BsFeedEntry *bs_feed_entry_new         (void);
void         bs_feed_entry_free        (BsFeedEntry  *entry);
BsPerson    *bs_person_new             (void);
void         bs_person_free            (BsPerson     *person);
void         bs_enclosure_free         (BsEnclosure  *enclosure);
const char  *bs_feed_format_to_string  (BsFeedFormat  format);
void         bs_feed_clear             (BsFeed       *feed,
                                        guint         keep_errors);
void         bs_feed_add_error         (BsFeed       *feed,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (2, 3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsFeed, bs_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsFeedEntry, bs_feed_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsPerson, bs_person_free)

G_END_DECLS
