/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-stats.h"

G_BEGIN_DECLS

/* One grid's row of the grid × dekad matrix. */
typedef struct {
  gint64           grid_id;
  char            *grid_code;
  char            *grid_name;
  gint64           county_id;
  char            *county_name;
  char            *chief_name;      /* may be NULL */
  char            *chief_phone;
  GwCadenceStatus *cells;           /* one per dekad of the matrix */
  gint64          *records;         /* the counted analysis (checks.id) per dekad, 0: none */
  guint            extra_records;   /* analyses beyond the first in a dekad: kept, not counted */
  guint            done;            /* dekads done */
  guint            missed;          /* dekads missed */
  double           compliance;      /* done / (done + missed); 1 when nothing was due yet */
  guint            longest_miss_run;/* most consecutive missed dekads */
  GwDekad          miss_run_end;    /* the last dekad of that run */
  guint           *patrols;         /* patrols per month of the period, n_months long */
  gint64           overdue;         /* open hazards past their deadline as of the as-of date */
} GwCadenceRow;

typedef struct {
  char       from[11], to[11], as_of[11];
  GArray    *dekads;                /* GwDekad, in order */
  guint      n_months;              /* months of the period, for patrol counts */
  GPtrArray *rows;                  /* GwCadenceRow*, ordered by county code then grid code */
  guint     *done_per_dekad;
  guint     *counted_per_dekad;     /* grids whose dekad was done or missed (not due / not yet) */
} GwCadence;

/* The matrix of ten-day analyses for [from, to] as of @as_of (NULL: today). */
GwCadence *gw_store_cadence      (GwStore *self, const GDate *from, const GDate *to,
                                  const GDate *as_of, GError **error);
void       gw_cadence_free       (GwCadence *cadence);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwCadence, gw_cadence_free)
/* Compliance of one dekad column: done / counted (0 when nothing counted). */
double     gw_cadence_dekad_compliance (const GwCadence *cadence, guint dekad_index);

/* The interview list 约谈: rows with @n_misses or more consecutive missed
 * dekads, or more than @overdue_threshold overdue hazards (a negative
 * threshold disables that rule). Borrowed rows of @cadence. */
GPtrArray *gw_cadence_interviews (const GwCadence *cadence, guint n_misses,
                                  gint64 overdue_threshold);

G_END_DECLS
