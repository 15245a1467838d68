/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-demo.h"
#include "gw-geometry.h"
#include "gw-store.h"

G_BEGIN_DECLS

/* Township boundaries from GeoJSON: a FeatureCollection of Polygon and
 * MultiPolygon features, matched to grids by division code. */

#define GW_GEOJSON_ERROR (gw_geojson_error_quark ())

typedef enum {
  GW_GEOJSON_ERROR_NOT_JSON,
  GW_GEOJSON_ERROR_ECHARTS,                /* ECharts' compressed map format */
  GW_GEOJSON_ERROR_NOT_FEATURE_COLLECTION,
  GW_GEOJSON_ERROR_EMPTY,
  GW_GEOJSON_ERROR_NOT_FEATURE,
  GW_GEOJSON_ERROR_NO_GEOMETRY,
  GW_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY,
  GW_GEOJSON_ERROR_BAD_COORDINATES,        /* not arrays of numbers */
  GW_GEOJSON_ERROR_OUT_OF_RANGE,
  GW_GEOJSON_ERROR_RING_TOO_SHORT,
  GW_GEOJSON_ERROR_RING_NOT_CLOSED,
  GW_GEOJSON_ERROR_NO_CODE,
  GW_GEOJSON_ERROR_BAD_CODE,
  GW_GEOJSON_ERROR_DUPLICATE_CODE,
  GW_GEOJSON_ERROR_NO_NAME,
} GwGeojsonError;

typedef enum {
  GW_CRS_WGS84,
  GW_CRS_GCJ02,     /* 火星坐标, as DataV/AMap boundaries come */
} GwCrs;

typedef struct {
  GwCrs       crs;
  const char *code_property;   /* NULL: the first of code, adcode, CODE, gb, XZQDM, xzqdm */
  const char *name_property;   /* NULL: the first of name, NAME, XZQMC, xzqmc */
} GwGeojsonOptions;

typedef struct {
  guint features;
  guint grids_updated;
  guint grids_created;
  guint counties_created;
} GwGeojsonSummary;

GQuark   gw_geojson_error_quark (void);

/* Sets the boundary, bounding box and label point of the grid of each feature,
 * creating grids (and their county, from the code's first six digits) that do
 * not exist yet. All or nothing: on any error nothing is written, and the
 * message names the file, the feature (its 1-based index and name) and what is
 * wrong. @options and @summary may be NULL; @progress is called from the
 * calling thread. */
gboolean gw_geojson_import_file (GwStore                *store,
                                 const char             *path,
                                 const GwGeojsonOptions *options,
                                 GwProgressFunc          progress,
                                 gpointer                user_data,
                                 GwGeojsonSummary       *summary,
                                 GError                **error);
/* The same from memory; @label names the data in messages. */
gboolean gw_geojson_import_data (GwStore                *store,
                                 const char             *label,
                                 const char             *data,
                                 gssize                  length,
                                 const GwGeojsonOptions *options,
                                 GwProgressFunc          progress,
                                 gpointer                user_data,
                                 GwGeojsonSummary       *summary,
                                 GError                **error);

/* ---- shapes ------------------------------------------------------------------ */

/* A Polygon or MultiPolygon in degrees: polygons, each a GPtrArray of GwRing*
 * (exterior first, then holes; rings without the closing repeat). */
typedef struct {
  GPtrArray *polygons;
  GwPoint    min, max;     /* bounding box */
} GwShape;

/* Parses a stored boundary (a GeoJSON Polygon or MultiPolygon geometry). */
GwShape *gw_shape_parse         (const char *geojson, GError **error);
void     gw_shape_free          (GwShape *shape);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwShape, gw_shape_free)
/* Even-odd: inside an exterior ring and not inside one of its holes. */
gboolean gw_shape_contains      (const GwShape *shape, GwPoint p);
/* A point inside the largest polygon, for a label: its centroid when that lies
 * inside, else the middle of the widest inside span through it. */
GwPoint  gw_shape_label_point   (const GwShape *shape);
/* The geometry as GeoJSON text: exterior rings counter-clockwise, holes
 * clockwise (RFC 7946), six decimals. */
char    *gw_shape_to_geojson    (const GwShape *shape);

/* ---- GCJ-02 ------------------------------------------------------------------ */

/* Outside mainland China's rectangle GCJ-02 is WGS-84 itself. */
gboolean gw_gcj02_out_of_china  (double lat, double lon);
void     gw_wgs84_to_gcj02      (double lat, double lon, double *out_lat, double *out_lon);
/* The iterative inverse: converges to well under a millimetre. */
void     gw_gcj02_to_wgs84      (double lat, double lon, double *out_lat, double *out_lon);

G_END_DECLS
