/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "gw-grid-layer.h"
#include "gw-map-data.h"

G_BEGIN_DECLS

/* Open hazards as points coloured and shaped by risk level, gathered into
 * count bubbles where they are dense. The marks of the visible area (and a
 * margin) are queried through the R*Tree by a worker thread once the view has
 * settled; a frame paints one small cached image (texture) per mark. */
#define GW_TYPE_HAZARD_LAYER (gw_hazard_layer_get_type ())
G_DECLARE_FINAL_TYPE (GwHazardLayer, gw_hazard_layer, GW, HAZARD_LAYER, ShumateLayer)

GwHazardLayer   *gw_hazard_layer_new            (ShumateViewport *viewport);
/* The database the worker reads (its own read-only connection); NULL: none. */
void             gw_hazard_layer_set_store_path (GwHazardLayer *self, const char *path);
/* The day that decides overdue, "YYYY-MM-DD"; NULL: today. */
void             gw_hazard_layer_set_today      (GwHazardLayer *self, const char *today);
/* Queries again, for data that changed. */
void             gw_hazard_layer_reload         (GwHazardLayer *self);
/* TRUE while a query is waiting or running. */
gboolean         gw_hazard_layer_get_busy       (GwHazardLayer *self);
/* The marks shown, or NULL. */
const GwMapHazards *gw_hazard_layer_get_hazards (GwHazardLayer *self);
/* The topmost mark under a point of the layer (widget coordinates), or NULL. */
const GwMapMark *gw_hazard_layer_get_mark_at    (GwHazardLayer *self, double x, double y);
/* A ring around one place ("show on map"); @id 0 removes it. */
void             gw_hazard_layer_set_highlight  (GwHazardLayer *self, gint64 id, double lat,
                                                 double lon);
gint64           gw_hazard_layer_get_highlight  (GwHazardLayer *self);
/* How many marks the last frame drew (for the benchmark). */
guint            gw_hazard_layer_get_n_drawn    (GwHazardLayer *self);

/* Painting the marks into another layer's cairo node: with the cairo
 * renderer on X11 every image painted in a frame is sent to the X server on
 * its own, so one node for tiles and marks is much cheaper than a texture
 * node per mark. The layer then emits "changed" when the marks or the
 * highlight change and draws nothing itself. */
void             gw_hazard_layer_set_painted_elsewhere (GwHazardLayer *self, gboolean painted_elsewhere);
void             gw_hazard_layer_paint          (GwHazardLayer *self, cairo_t *cr,
                                                 const GwMapTransform *t);
gboolean         gw_hazard_layer_has_content    (GwHazardLayer *self);

/* For legends: one hazard's symbol, and a bubble of @count, centred at (x, y). */
void             gw_hazard_layer_draw_symbol    (cairo_t *cr, double x, double y, GwLevel level,
                                                 gboolean overdue);
void             gw_hazard_layer_draw_bubble    (cairo_t *cr, double x, double y, guint count,
                                                 GwLevel level, gboolean overdue);

G_END_DECLS
