/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define GW_MBTILES_ERROR (gw_mbtiles_error_quark ())

typedef enum {
  GW_MBTILES_ERROR_OPEN,          /* missing, unreadable, not SQLite */
  GW_MBTILES_ERROR_NOT_MBTILES,   /* no tiles table */
  GW_MBTILES_ERROR_VECTOR,        /* vector tiles (pbf): libshumate here draws raster only */
} GwMbtilesError;

GQuark gw_mbtiles_error_quark (void);

/* Raster tiles from a local MBTiles file, for libshumate: each tile is read in
 * a worker thread, then "received-data" is emitted (the 1.0 raster renderer
 * decodes tiles only in that signal) before the request finishes. MBTiles rows
 * count from the south (TMS); they are flipped to libshumate's XYZ rows. A
 * tile the file lacks fails with G_IO_ERROR_NOT_FOUND. */
#define GW_TYPE_MBTILES_SOURCE (gw_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (GwMbtilesSource, gw_mbtiles_source, GW, MBTILES_SOURCE, ShumateDataSource)

/* @path NULL: a source without tiles (a reference projection for the map). */
GwMbtilesSource  *gw_mbtiles_source_new             (const char *path, GError **error);
/* From the metadata table, or NULL. */
const char       *gw_mbtiles_source_get_name        (GwMbtilesSource *self);
const char       *gw_mbtiles_source_get_attribution (GwMbtilesSource *self);
guint             gw_mbtiles_source_get_min_zoom    (GwMbtilesSource *self);
guint             gw_mbtiles_source_get_max_zoom    (GwMbtilesSource *self);
/* A raster renderer of 256-pixel Web Mercator tiles over this source. */
ShumateMapSource *gw_mbtiles_source_create_map_source (GwMbtilesSource *self);

G_END_DECLS
