/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-hazard-item.h"
#include "gw-query.h"

G_BEGIN_DECLS

/* The ledger's GListModel of GwHazardItem: the hazards matching a filter, in
 * the filter's order, read from SQLite a page at a time on demand. Pages are
 * read by a worker thread with its own connection to the database; until its
 * page arrives an item is a placeholder. The number of matching hazards is
 * counted by a second worker; the model never holds the whole table. */

#define GW_TYPE_HAZARD_MODEL (gw_hazard_model_get_type ())
G_DECLARE_FINAL_TYPE (GwHazardModel, gw_hazard_model, GW, HAZARD_MODEL, GObject)

#define GW_HAZARD_MODEL_PAGE_SIZE 200

/* @path: the database; the model opens its own read-only connections. */
GwHazardModel  *gw_hazard_model_new           (const char     *path);
const char     *gw_hazard_model_get_path      (GwHazardModel  *self);

/* Replaces the filter (copied) and reads the result again; the rows shown
 * stay until the first page of the new result arrives ("first-page"). */
void            gw_hazard_model_set_filter    (GwHazardModel  *self,
                                               const GwFilter *filter);
const GwFilter *gw_hazard_model_get_filter    (GwHazardModel  *self);
/* Reads the rows shown and the counts again (the data changed). */
void            gw_hazard_model_refresh       (GwHazardModel  *self);

/* The counts of the current filter; -1 until counted. */
gint64          gw_hazard_model_get_n_matching (GwHazardModel *self);
gint64          gw_hazard_model_get_n_overdue  (GwHazardModel *self);
/* TRUE while a first page, a count or a page is being read. */
gboolean        gw_hazard_model_get_busy      (GwHazardModel  *self);
/* The last error of a worker, or NULL. */
const GError   *gw_hazard_model_get_error     (GwHazardModel  *self);

/* The id of the hazard at @position if its page is loaded, else 0; never
 * starts a read. */
gint64          gw_hazard_model_peek_id       (GwHazardModel  *self,
                                               guint           position);
/* The item at @position if it exists already (not a new reference), or NULL. */
GwHazardItem   *gw_hazard_model_peek_item     (GwHazardModel  *self,
                                               guint           position);

/* Where the time of the last first page went (benchmarks): waiting for
 * the worker, running the query (wall and the worker's processor time), and
 * waiting for the main loop to take the result, and telling the view
 * (which builds or drops row widgets when the length changes). */
typedef struct {
  double wait_ms;
  double query_ms;
  double query_cpu_ms;
  double delivery_ms;
  double update_ms;
} GwHazardModelTiming;

void            gw_hazard_model_get_first_page_timing (GwHazardModel       *self,
                                                       GwHazardModelTiming *out);

/* Filter copies that own their strings. */
GwFilter       *gw_hazard_model_copy_filter   (const GwFilter *filter);
void            gw_hazard_model_free_filter   (GwFilter       *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwFilter, gw_hazard_model_free_filter)

G_END_DECLS
