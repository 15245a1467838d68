/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "gw-map-data.h"

G_BEGIN_DECLS

/* Where the viewport puts the Mercator world on a widget: widget x is
 * mx * world - origin_x (before the viewport's rotation about the centre). */
typedef struct {
  double world;             /* the world's width in pixels at this zoom */
  double origin_x, origin_y;
  double width, height;
  double rotation;
} GwMapTransform;

/* FALSE when the viewport has no reference map source yet. */
gboolean gw_map_transform_init      (GwMapTransform  *t,
                                     ShumateViewport *viewport,
                                     GtkWidget       *widget);
/* Undoes the rotation: from widget coordinates to world pixels. */
void     gw_map_transform_to_world  (const GwMapTransform *t, double x, double y,
                                     double *wx, double *wy);

/* All township polygons in one layer, filled by status, outlined, named where
 * the name fits. Drawn from 256-pixel tiles rendered by a worker thread and
 * cached per zoom, so a frame only paints images. */
#define GW_TYPE_GRID_LAYER (gw_grid_layer_get_type ())
G_DECLARE_FINAL_TYPE (GwGridLayer, gw_grid_layer, GW, GRID_LAYER, ShumateLayer)

GwGridLayer *gw_grid_layer_new            (ShumateViewport *viewport);
/* @grids: GwMapGrid*; the layer keeps what it needs. */
void         gw_grid_layer_set_grids      (GwGridLayer *self, GPtrArray *grids);
/* @statuses: from gw_map_grid_statuses (); grids absent are green. */
void         gw_grid_layer_set_statuses   (GwGridLayer *self, GHashTable *statuses);
void         gw_grid_layer_set_selected   (GwGridLayer *self, gint64 grid_id);
/* Without a base map the tiles carry the ground colour and need no blending. */
void         gw_grid_layer_set_opaque     (GwGridLayer *self, gboolean opaque);
gint64       gw_grid_layer_get_selected   (GwGridLayer *self);
/* The grid under a point of the layer (widget coordinates), or 0. */
gint64       gw_grid_layer_get_grid_at    (GwGridLayer *self, double x, double y);
const char  *gw_grid_layer_get_grid_name  (GwGridLayer *self, gint64 grid_id);
gboolean     gw_grid_layer_get_grid_bounds (GwGridLayer *self, gint64 grid_id, GwBounds *out);
/* Where the grid's name goes. */
gboolean     gw_grid_layer_get_label_point (GwGridLayer *self, gint64 grid_id, double *lat,
                                            double *lon);
guint        gw_grid_layer_get_n_grids    (GwGridLayer *self);
/* Tiles of the current view still being rendered (0: the view is complete). */
guint        gw_grid_layer_get_pending    (GwGridLayer *self);

/* The hazard layer whose marks this layer paints in its own cairo node, above
 * the grids (see gw_hazard_layer_paint); NULL: none. Kept weakly. */
typedef struct _GwHazardLayer GwHazardLayer;
void         gw_grid_layer_set_overlay    (GwGridLayer *self, GwHazardLayer *overlay);

/* The fill and pattern of a status, for legends: a @width × @height swatch at (0, 0). */
void         gw_grid_layer_draw_swatch    (cairo_t *cr, GwGridStatus status, double width,
                                           double height);

G_END_DECLS
