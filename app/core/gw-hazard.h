/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-demo.h"   /* GwProgressFunc */
#include "gw-store.h"

G_BEGIN_DECLS

/* A hazard 隐患 as stored. Dates are "YYYY-MM-DD" or NULL. */
typedef struct {
  gint64     id;
  char      *number;        /* 2026-430421-0001 */
  char      *title;
  char      *description;
  gint64     grid_id;
  char      *grid_code;
  char      *grid_name;
  char      *county_name;
  gint64     enterprise_id; /* 0: none */
  char      *enterprise_name;
  gboolean   has_location;
  double     lat, lon;
  char      *found_date;
  gint64     found_by;      /* staff id, 0: unknown */
  char      *found_by_name;
  GwSource   source;
  GwField    field;
  GwUrgency  urgency;
  GwLevel    level;
  GwMeasure  measure;
  char      *responsible_unit;
  gint64     responsible_id;
  char      *responsible_name;
  char      *deadline;
  GwState    state;
  gint64     campaign_id;
  char      *campaign_name;
  char      *closed_date;
} GwHazard;

GwHazard *gw_hazard_copy (const GwHazard *hazard);
void      gw_hazard_free (GwHazard *hazard);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwHazard, gw_hazard_free)

/* What a new hazard needs; the rest starts empty. */
typedef struct {
  gint64      grid_id;
  const char *title;
  const char *description;   /* may be NULL */
  GwField     field;
  GwSource    source;
  gint64      enterprise_id;
  gboolean    has_location;
  double      lat, lon;
  const char *found_date;    /* NULL: today */
  gint64      found_by;
  gint64      campaign_id;
} GwHazardNew;

/* A request to move a hazard to another state, with what the transition needs. */
typedef struct {
  GwState     to;
  GwLevel     level;          /* GW_LEVEL_NONE: not given */
  GwUrgency   urgency;
  GwMeasure   measure;
  const char *deadline;       /* NULL: not given */
  gint64      responsible_id; /* 0: not given */
  const char *reason;
  const char *date;           /* the day it happened; NULL: today */
} GwMove;

/* The transition from @from to @to, or FALSE when the flow has none. */
gboolean  gw_transition_lookup    (GwState from, GwState to, GwTransition *out);
GwState   gw_transition_source    (GwTransition transition);
GwState   gw_transition_target    (GwTransition transition);
/* Which states the flow allows from @from (at most 2), returned count. */
guint     gw_transition_targets   (GwState from, GwState out[2]);
/* Checks a move against the flow and its requirements, without a database. */
gboolean  gw_move_validate        (const GwHazard *hazard, const GwMove *move,
                                   GError **error);

gint64    gw_store_hazard_add     (GwStore *self, const GwHazardNew *hazard, gint64 actor_id,
                                   GError **error);
GwHazard *gw_store_hazard_get     (GwStore *self, gint64 id, GError **error);
gboolean  gw_store_hazard_move    (GwStore *self, gint64 id, const GwMove *move,
                                   gint64 actor_id, GError **error);
gboolean  gw_store_hazard_comment (GwStore *self, gint64 id, const char *text,
                                   gint64 actor_id, GError **error);
/* Edit one field: title, description, responsible_unit, deadline, field, source,
 * urgency, measure (identifiers), responsible, campaign, enterprise (ids as
 * digits), location ("lat,lon"). NULL clears it where the state allows. The
 * risk level and the state change only through transitions. */
gboolean  gw_store_hazard_edit    (GwStore *self, gint64 id, const char *field,
                                   const char *value, gint64 actor_id, GError **error);
/* The same move or edit for every hazard of @ids, in one transaction: when one
 * is refused nothing changes, and the error names that hazard and why.
 * @progress (may be NULL) hears of the fraction done every few hazards. */
gboolean  gw_store_hazards_move   (GwStore *self, const gint64 *ids, guint n_ids,
                                   const GwMove *move, gint64 actor_id,
                                   GwProgressFunc progress, gpointer user_data, GError **error);
gboolean  gw_store_hazards_edit   (GwStore *self, const gint64 *ids, guint n_ids,
                                   const char *field, const char *value, gint64 actor_id,
                                   GwProgressFunc progress, gpointer user_data,
                                   GError **error);
gint64    gw_store_attachment_add (GwStore *self, gint64 hazard_id, const char *kind,
                                   const char *filename, const char *mime_type,
                                   GBytes *data, gint64 actor_id, GError **error);

/* ---- events ---------------------------------------------------------------- */

typedef struct {
  gint64  id;
  gint64  hazard_id;
  char   *at;          /* ISO 8601 timestamp it was recorded */
  char   *date;        /* the day it happened */
  gint64  actor_id;
  char   *actor;
  char   *kind;        /* create transition level edit comment attachment decision */
  char   *name;        /* transition id or field name */
  char   *from_value;
  char   *to_value;
  char   *note;
  char   *details;     /* JSON object of the fields it changed: {"f": [from, to]} */
  char   *hash;
} GwEvent;

void       gw_event_free       (GwEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwEvent, gw_event_free)
/* The events of one hazard, oldest first; element type GwEvent. */
GPtrArray *gw_store_hazard_events (GwStore *self, gint64 hazard_id, GError **error);

/* Low level: append one event to the chain (inside the caller's transaction). */
gint64     gw_store_event_append (GwStore *self, gint64 hazard_id, const char *date,
                                  gint64 actor_id, const char *kind, const char *name,
                                  const char *from_value, const char *to_value,
                                  const char *note, const char *details, GError **error);
/* The SHA-256 of an event as the chain defines it. */
char      *gw_event_compute_hash (const char *prev_hash, gint64 id, gint64 hazard_id,
                                  const char *at, const char *date, gint64 actor_id,
                                  const char *actor, const char *kind, const char *name,
                                  const char *from_value, const char *to_value,
                                  const char *note, const char *details);

G_END_DECLS
