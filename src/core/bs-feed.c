/* bs-feed.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bs-feed"

#include "config.h"

#include "bs-feed.h"

/* A document that is broken in many places gets this many messages, then
 * one that says more were left out. */
#define MAX_ERRORS 50

BsPerson *
bs_person_new (void)
{
  return g_new0 (BsPerson, 1);
}

void
bs_person_free (BsPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->name);
  g_free (person->email);
  g_free (person->uri);
  g_free (person);
}

void
bs_enclosure_free (BsEnclosure *enclosure)
{
  if (enclosure == NULL)
    return;
  g_free (enclosure->url);
  g_free (enclosure->type);
  g_free (enclosure);
}

BsFeedEntry *
bs_feed_entry_new (void)
{
  BsFeedEntry *entry = g_new0 (BsFeedEntry, 1);

  entry->published = BS_DATE_NONE;
  entry->updated = BS_DATE_NONE;
  entry->categories = g_ptr_array_new_with_free_func (g_free);
  entry->enclosures = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_enclosure_free);
  return entry;
}

void
bs_feed_entry_free (BsFeedEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->title);
  g_free (entry->link);
  g_free (entry->author);
  bs_person_free (entry->author_detail);
  g_free (entry->summary);
  g_free (entry->content);
  g_free (entry->thumbnail);
  g_free (entry->duration);
  g_ptr_array_unref (entry->categories);
  g_ptr_array_unref (entry->enclosures);
  g_free (entry);
}

BsFeed *
bs_feed_new (void)
{
  BsFeed *feed = g_new0 (BsFeed, 1);

  feed->format = BS_FEED_FORMAT_UNKNOWN;
  feed->updated = BS_DATE_NONE;
  feed->published = BS_DATE_NONE;
  feed->categories = g_ptr_array_new_with_free_func (g_free);
  feed->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_feed_entry_free);
  feed->errors = g_ptr_array_new_with_free_func (g_free);
  return feed;
}

void
bs_feed_free (BsFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->encoding);
  g_free (feed->title);
  g_free (feed->subtitle);
  g_free (feed->rights);
  g_free (feed->link);
  g_free (feed->id);
  g_free (feed->language);
  g_free (feed->icon);
  g_free (feed->image);
  g_free (feed->author);
  bs_person_free (feed->author_detail);
  g_ptr_array_unref (feed->categories);
  g_ptr_array_unref (feed->entries);
  g_ptr_array_unref (feed->errors);
  g_free (feed);
}

/* Forgets everything read from the document but the encoding and the
 * first @keep_errors errors, to read it again. */
void
bs_feed_clear (BsFeed *feed,
               guint   keep_errors)
{
  g_return_if_fail (feed != NULL);

  g_clear_pointer (&feed->title, g_free);
  g_clear_pointer (&feed->subtitle, g_free);
  g_clear_pointer (&feed->rights, g_free);
  g_clear_pointer (&feed->link, g_free);
  g_clear_pointer (&feed->id, g_free);
  g_clear_pointer (&feed->language, g_free);
  g_clear_pointer (&feed->icon, g_free);
  g_clear_pointer (&feed->image, g_free);
  g_clear_pointer (&feed->author, g_free);
  g_clear_pointer (&feed->author_detail, bs_person_free);
  feed->format = BS_FEED_FORMAT_UNKNOWN;
  feed->updated = BS_DATE_NONE;
  feed->published = BS_DATE_NONE;
  feed->ttl = 0;
  g_ptr_array_set_size (feed->categories, 0);
  g_ptr_array_set_size (feed->entries, 0);
  if (feed->errors->len > keep_errors)
    g_ptr_array_set_size (feed->errors, keep_errors);
}

const char *
bs_feed_format_to_string (BsFeedFormat format)
{
  switch (format)
    {
    case BS_FEED_FORMAT_RSS:    return "rss";
    case BS_FEED_FORMAT_RSS09X: return "rss0.9x";
    case BS_FEED_FORMAT_RSS10:  return "rss1.0";
    case BS_FEED_FORMAT_RSS20:  return "rss2.0";
    case BS_FEED_FORMAT_ATOM:   return "atom";
    case BS_FEED_FORMAT_ATOM03: return "atom0.3";
    case BS_FEED_FORMAT_ATOM10: return "atom1.0";
    case BS_FEED_FORMAT_JSON10: return "json1.0";
    case BS_FEED_FORMAT_JSON11: return "json1.1";
    case BS_FEED_FORMAT_UNKNOWN:
    default:                    return "unknown";
    }
}

void
bs_feed_add_error (BsFeed     *feed,
                   const char *format,
                   ...)
{
  va_list args;

  g_return_if_fail (feed != NULL);

  if (feed->errors->len > MAX_ERRORS)
    return;
  if (feed->errors->len == MAX_ERRORS)
    {
      g_ptr_array_add (feed->errors, g_strdup ("more errors were found and not listed"));
      return;
    }

  va_start (args, format);
  g_ptr_array_add (feed->errors, g_strdup_vprintf (format, args));
  va_end (args);
}
