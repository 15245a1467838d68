/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A point in degrees: x = longitude, y = latitude. */
typedef struct {
  double x, y;
} GwPoint;

/* A simple polygon ring without the closing repeat; element type GwPoint. */
typedef GArray GwRing;

/* The Voronoi cell of each site, clipped to the convex @bounds: an array of
 * GwRing*, one per site, in order. Cells are convex. */
GPtrArray *gw_voronoi_cells      (const GwPoint *sites, guint n_sites, const GwRing *bounds);
/* A convex ellipse of @n vertices around @center. */
GwRing    *gw_ring_ellipse       (GwPoint center, double rx, double ry, guint n);
gboolean   gw_ring_contains      (const GwRing *ring, GwPoint p);
double     gw_ring_area          (const GwRing *ring);
void       gw_ring_bounds        (const GwRing *ring, GwPoint *min, GwPoint *max);
GwPoint    gw_ring_centroid      (const GwRing *ring);
/* A GeoJSON Polygon geometry (closed, counter-clockwise exterior). */
char      *gw_ring_to_geojson    (const GwRing *ring);

/* "28.1, 112.6", "28.1 112.6" or with a Chinese comma (，) as a latitude and a
 * longitude; FALSE when it is not two numbers in range. */
gboolean   gw_location_parse     (const char *text, double *lat, double *lon);

G_END_DECLS
