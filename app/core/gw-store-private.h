/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gw-store.h"

G_BEGIN_DECLS

/* Helpers shared by the core's .c files; not for the UI. */
#define STEP_DONE(self, stmt, what, error) \
  (sqlite3_step (stmt) == SQLITE_DONE || gw_store_fail ((self), (what), (error)))

char       *gw_store_now_iso8601      (void);
const char *gw_store_column_text      (sqlite3_stmt *stmt, int col);
void        gw_store_bind_text_or_null (sqlite3_stmt *stmt, int col, const char *text);
void        gw_store_bind_id_or_null  (sqlite3_stmt *stmt, int col, gint64 id);
/* Appends with an explicit recording time (the demo's reproducible history). */
gint64      gw_store_event_append_at  (GwStore *self, const char *at, gint64 hazard_id,
                                       const char *date, gint64 actor_id, const char *kind,
                                       const char *name, const char *from_value,
                                       const char *to_value, const char *note,
                                       const char *details, GError **error);
/* The one number a query gives (its first column), with up to two texts
 * bound as ?1 and ?2; a failure says "computing figures". */
gboolean    gw_store_scalar           (GwStore *self, const char *sql, const char *arg1,
                                       const char *arg2, gint64 *out, GError **error);

/* An event's details are a JSON object of "field": [from, to] (null for
 * none); gw_store_replay reads them back. */
void        gw_event_detail           (JsonBuilder *b, const char *field, const char *from,
                                       const char *to);
char       *gw_json_builder_to_string (JsonBuilder *b);
/* NULL for NULL or "". */
static inline const char *
gw_nz (const char *s)
{
  return s && *s ? s : NULL;
}

/* Keeps the full-text index in step with a hazard's number, title and
 * description, joined by gw_hazard_fts_doc (NULL: nothing to remove / add). */
gboolean    gw_store_fts_update       (GwStore *self, gint64 id, const char *old_text,
                                       const char *new_text, GError **error);
char       *gw_hazard_fts_doc         (const char *number, const char *title,
                                       const char *description);
/* Indexes every hazard the full-text index does not have yet, in one statement. */
gboolean    gw_store_fts_fill         (GwStore *self, GError **error);

G_END_DECLS

#include "gw-hazard.h"

G_BEGIN_DECLS
/* Where the next event joins the chain; for writers that append many at once. */
typedef struct {
  gint64 next_id;
  char   prev_hash[65];
} GwChainCursor;

gboolean    gw_store_chain_cursor   (GwStore *self, GwChainCursor *cursor, GError **error);
/* Appends at the cursor and advances it; @actor is the actor's name snapshot. */
gint64      gw_store_event_insert   (GwStore *self, GwChainCursor *cursor, const char *at,
                                     gint64 hazard_id, const char *date, gint64 actor_id,
                                     const char *actor, const char *kind, const char *name,
                                     const char *from_value, const char *to_value,
                                     const char *note, const char *details, GError **error);

#include "gw-query.h"
/* "SELECT @columns FROM hazards h WHERE … ORDER BY …" for @filter, as the
 * ledger lists it; @binds gets the texts to bind as ?1, ?2 … */
char       *gw_filter_select_sql (const GwFilter *filter, const char *columns, GPtrArray *binds);

/* For tests: how long (in thousands of SQLite steps) a ledger page is read
 * in the order of its sort before the filter's indexes take over; 0: never. */
void        gw_query_set_in_order_budget (guint ticks);

/* The SELECT of every GwHazard column, to be followed by WHERE/ORDER BY. */
const char *gw_hazard_select_sql (void);
GwHazard   *gw_hazard_from_row   (sqlite3_stmt *stmt);

G_END_DECLS

#include "gw-map-data.h"

G_BEGIN_DECLS

/* gw_map_grid_statuses over other tables of the same columns as hazards and
 * hazard_tally (the board's replay of a past date). */
GHashTable *gw_map_grid_statuses_in (GwStore *store, const char *hazards, const char *tally,
                                     const char *today, GError **error);

G_END_DECLS
