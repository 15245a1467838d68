/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-store.h"

G_BEGIN_DECLS

typedef enum {
  GW_CADENCE_DONE,          /* an analysis was recorded in the dekad */
  GW_CADENCE_MISSED,        /* the dekad ended without one */
  GW_CADENCE_DUE,           /* the dekad is running and has none yet */
  GW_CADENCE_NOT_YET_DUE,   /* the dekad starts after the as-of date */
} GwCadenceStatus;

const char *gw_cadence_status_to_id (GwCadenceStatus status);
const char *gw_cadence_status_label (GwCadenceStatus status);

/* KPIs as of a date. */
typedef struct {
  char    date[11];
  gint64  grids;
  gint64  hazards;
  gint64  by_state[GW_N_STATES];
  gint64  by_level[GW_N_LEVELS];          /* [GW_LEVEL_NONE]: not assessed */
  gint64  by_urgency[GW_N_URGENCIES];
  gint64  overdue;                         /* reported/rectifying past deadline */
  gint64  verification_overdue;            /* verifying past deadline */
  double  completion_rate;                 /* (downgraded + closed) / hazards, 0 when none */
  gint64  new_7d;                          /* found in the 7 days ending on date */
  gint64  closed_7d;                       /* closed in the 7 days ending on date */
  GwDekad cadence_dekad;                   /* the last complete dekad */
  gint64  cadence_done;
  gint64  cadence_missed;
} GwStats;

/* KPIs as of @date (NULL: today). On or after the day of the newest event the
 * current columns are read through indexes; for an earlier date the state of
 * every hazard is replayed from its events. */
gboolean gw_store_stats        (GwStore *self, const GDate *date, GwStats *out, GError **error);
/* The same figures, always replayed from events (slow; for tests and audits). */
gboolean gw_store_stats_replay (GwStore *self, const GDate *date, GwStats *out, GError **error);

/* Cadence status of one grid in one dekad, as of @as_of. */
GwCadenceStatus gw_cadence_status (GwDekad dekad, gboolean recorded, const GDate *as_of);

/* Number of grids with at least one ten-day analysis in @dekad. */
gint64   gw_store_cadence_done (GwStore *self, GwDekad dekad, GError **error);

/* A hazard as it stood at the end of a day, replayed from its events. */
typedef struct {
  gint64     id;
  gint64     grid_id;
  GwState    state;
  GwLevel    level;
  GwUrgency  urgency;
  gint64     responsible_id;  /* 0: none */
  char       found[11];       /* the day of its "create" event */
  char       deadline[11];    /* "" when none */
  char       closed[11];      /* "" when not closed */
} GwHazardSnapshot;

/* Returns FALSE (with @error set) to stop the replay. */
typedef gboolean (*GwSnapshotFunc) (const GwHazardSnapshot *snapshot, gpointer data,
                                    GError **error);

/* Calls @func, in id order, for every hazard that existed at the end of @date
 * ("YYYY-MM-DD"), as its events up to that day make it: the one replay the
 * KPIs, the exports and the board share. */
gboolean gw_store_replay (GwStore *self, const char *date, GwSnapshotFunc func, gpointer data,
                          GError **error);
/* gw_store_stats_replay that also hands each snapshot to @also: one pass
 * for the KPIs and a caller's own use of the same history. */
gboolean gw_store_stats_replay_with (GwStore *self, const GDate *date, GwStats *out,
                                     GwSnapshotFunc also, gpointer also_data, GError **error);
/* Whether @date ("YYYY-MM-DD") is before the newest recorded event: figures
 * for it must then be replayed from the events. */
gboolean gw_store_date_is_past (GwStore *self, const char *date, gboolean *past, GError **error);

G_END_DECLS
