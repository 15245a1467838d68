/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-directory.h"
#include "gw-geojson.h"
#include "gw-hazard.h"
#include "gw-stats.h"

G_BEGIN_DECLS

/* What the map 一张图 reads: grid shapes and their status colours, hazard
 * marks in a visible area clustered for the zoom, and a grid's side panel. */

/* A grid's fill on the map, from the least to the most pressing. */
typedef enum {
  GW_GRID_STATUS_GREEN,     /* nothing open */
  GW_GRID_STATUS_YELLOW,    /* open hazards only waiting for verification, or downgraded */
  GW_GRID_STATUS_ORANGE,    /* hazards reported or being rectified */
  GW_GRID_STATUS_RED,       /* an overdue hazard, or an open level-I hazard */
  GW_N_GRID_STATUSES
} GwGridStatus;

const char  *gw_grid_status_to_id   (GwGridStatus status);
/* Translated: the short name and the legend's explanation. */
const char  *gw_grid_status_label   (GwGridStatus status);
const char  *gw_grid_status_meaning (GwGridStatus status);

/* Bounds in degrees. */
typedef struct {
  double min_lat, min_lon, max_lat, max_lon;
} GwBounds;

/* Web Mercator with the world as the unit square, y downwards (as libshumate). */
double       gw_mercator_x          (double lon);
double       gw_mercator_y          (double lat);
double       gw_mercator_lon        (double x);
double       gw_mercator_lat        (double y);

typedef struct {
  gint64   id;
  char    *code;
  char    *name;
  gint64   county_id;
  char    *county_name;
  GwShape *shape;           /* NULL: no boundary yet */
  GwPoint  label;           /* where the name goes (centre columns, or computed) */
} GwMapGrid;

void         gw_map_grid_free       (GwMapGrid *grid);
/* Every grid with its parsed boundary, ordered by id. A boundary that does not
 * parse is skipped with a warning rather than hiding the whole map. */
GPtrArray   *gw_map_grids           (GwStore *store, GError **error);

typedef struct {
  gint64       grid_id;
  GwGridStatus status;
  guint        open;                   /* not closed */
  guint        overdue;                /* reported/rectifying past the deadline */
  guint        level_i;                /* open level-I */
  guint        by_state[GW_N_STATES];  /* open ones, by state */
} GwMapGridStatus;

GwGridStatus gw_grid_status_for     (guint overdue, guint level_i, guint reported_or_rectifying,
                                     guint verifying_or_downgraded);
/* The status of every grid as of @today ("YYYY-MM-DD", NULL: today): the current
 * state of each hazard, overdue when its deadline is before @today. Keys are
 * gint64* grid ids; grids without hazards are absent (green). */
GHashTable  *gw_map_grid_statuses   (GwStore *store, const char *today, GError **error);

/* ---- hazard marks ------------------------------------------------------------ */

typedef struct {
  gint64   id;              /* the hazard when count is 1; 0 for a cluster */
  double   lat, lon;        /* the hazard's place, or the mean of the cluster */
  guint    count;
  GwLevel  level;           /* the most serious among them; NONE: none assessed */
  GwState  state;           /* a single hazard's */
  guint    overdue;
  gint64   grid_id;         /* a single hazard's, or the grid of a per-grid bubble */
  GwBounds bounds;          /* of the members */
} GwMapMark;

typedef struct {
  GwBounds  bounds;         /* the area asked for */
  double    cell;           /* the cluster cell, as a fraction of the world's width */
  gboolean  by_grid;        /* too many in view: per-grid tallies, then clustered */
  guint     total;          /* open hazards in the marks */
  GArray   *marks;          /* GwMapMark */
} GwMapHazards;

void          gw_map_hazards_free   (GwMapHazards *hazards);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwMapHazards, gw_map_hazards_free)
/* Open hazards with a location inside @bounds, read through the R*Tree
 * hazard_geo, gathered into one mark per @cell × @cell square of the Mercator
 * world. When more than @max_rows hazards lie in @bounds the marks come from the
 * per-grid tallies at the grids' centres instead, so no query walks them all. */
GwMapHazards *gw_map_hazards        (GwStore *store, const GwBounds *bounds, double cell,
                                     guint max_rows, const char *today, GError **error);

/* ---- a grid's side panel ------------------------------------------------------- */

typedef struct {
  gint64          grid_id;
  char           *code;
  char           *name;
  char           *county_name;
  GwGridStatus    status;
  GPtrArray      *staff;                 /* GwStaff*: chief(s), members, the rest */
  guint           open_by[GW_N_STATES][GW_N_LEVELS];  /* open hazards */
  guint           open;
  guint           overdue;
  guint           verification_overdue;
  GPtrArray      *overdue_hazards;       /* GwHazard*, longest overdue first, at most 20 */
  guint           n_dekads;              /* of this month */
  GwDekad         dekads[3];
  GwCadenceStatus cadence[3];
  guint           patrols;               /* patrols recorded this month */
  char            today[11];
} GwMapGridDetail;

void             gw_map_grid_detail_free (GwMapGridDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwMapGridDetail, gw_map_grid_detail_free)
GwMapGridDetail *gw_map_grid_detail      (GwStore *store, gint64 grid_id, const char *today,
                                          GError **error);

/* ---- places ------------------------------------------------------------------ */

/* The extent of the grids' boundaries, else of the hazards; FALSE when empty. */
gboolean     gw_map_extent          (GwStore *store, GwBounds *out, GError **error);
/* Whether (@lat, @lon) lies inside the grid's boundary. *@known is FALSE (and the
 * result TRUE) when the grid has no boundary to check against. */
gboolean     gw_map_grid_contains   (GwStore *store, gint64 grid_id, double lat, double lon,
                                     gboolean *known, GError **error);
/* The grid whose boundary contains the point, or 0. */
gint64       gw_map_grid_at         (GwStore *store, double lat, double lon, GError **error);

G_END_DECLS
