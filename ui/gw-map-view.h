/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "gw-grid-layer.h"
#include "gw-grid-panel.h"
#include "gw-hazard-layer.h"
#include "gw-store.h"

G_BEGIN_DECLS

/* The map page 一张图: township grids filled by status, hazards by risk level,
 * a legend, zoom buttons and keys, "fit to city", the grid side panel, an
 * optional offline base map. Needs no network unless a tile URL is set.
 *
 * Signals:
 *   "hazard-activated" (gint64 hazard_id): a hazard point, or an overdue hazard
 *     of the side panel, was clicked: open its hazard page.
 *   "open-ledger" (gint64 grid_id): "Open in Ledger" of the side panel.
 * Properties: "store" (GwStore, read-write: bind the window's to it),
 * "selected-grid" (gint64, 0: none), "ready" (boolean: the grids and the
 * hazards of the current view are read). */
#define GW_TYPE_MAP_VIEW (gw_map_view_get_type ())
G_DECLARE_FINAL_TYPE (GwMapView, gw_map_view, GW, MAP_VIEW, GtkWidget)

GwMapView     *gw_map_view_new               (void);
/* The open database; the map reads it from worker threads through its own
 * read-only connections, and the side panel through @store. NULL: empty map. */
void           gw_map_view_set_store         (GwMapView *self, GwStore *store);
/* The day that decides overdue, "YYYY-MM-DD"; NULL (the default): today. */
void           gw_map_view_set_today         (GwMapView *self, const char *today);
/* Reads statuses and hazards again (after hazards changed). */
void           gw_map_view_reload            (GwMapView *self);
gboolean       gw_map_view_get_ready         (GwMapView *self);

/* Selects a grid and opens its side panel; 0 closes it. */
void           gw_map_view_select_grid       (GwMapView *self, gint64 grid_id);
gint64         gw_map_view_get_selected_grid (GwMapView *self);
/* Selects a grid and shows it with its neighbours ("show grid on map"). */
void           gw_map_view_show_grid         (GwMapView *self, gint64 grid_id);
/* "Show on map": centres on the hazard and rings it. */
void           gw_map_view_show_hazard       (GwMapView *self, gint64 hazard_id);
/* Township boundaries from GeoJSON, with a progress bar: asks for the file
 * (@file NULL) and for its coordinates and properties, imports in a thread,
 * then reloads the map. A refusal is shown in a dialog; nothing is imported. */
void           gw_map_view_import_boundaries (GwMapView *self, const char *file);
/* Zooms to show every grid. */
void           gw_map_view_fit_city          (GwMapView *self);
/* What a primary click at (@x, @y) of the map does (tests drive it this way). */
void           gw_map_view_click_at          (GwMapView *self, double x, double y);

/* "Pick location on map" for a hazard page: the next click on the map gives a
 * place; Escape or the banner's Cancel gives G_IO_ERROR_CANCELLED. With
 * @grid_id the map first shows that grid, and *@inside_grid tells whether the
 * place lies within its boundary (TRUE when it has none). */
void           gw_map_view_pick_location_async  (GwMapView           *self,
                                                 gint64               grid_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       gw_map_view_pick_location_finish (GwMapView     *self,
                                                 GAsyncResult  *result,
                                                 double        *lat,
                                                 double        *lon,
                                                 gboolean      *inside_grid,
                                                 GError       **error);

/* The parts, for tests and the benchmark. */
ShumateMap    *gw_map_view_get_map           (GwMapView *self);
GwGridLayer   *gw_map_view_get_grid_layer    (GwMapView *self);
GwHazardLayer *gw_map_view_get_hazard_layer  (GwMapView *self);
GwGridPanel   *gw_map_view_get_panel         (GwMapView *self);
/* The message shown over the map (a base map that failed, …), or NULL. */
const char    *gw_map_view_get_banner        (GwMapView *self);

G_END_DECLS
