/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-geojson"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gw-geojson.h"
#include "gw-store-private.h"

G_DEFINE_QUARK (gw-geojson-error-quark, gw_geojson_error)

static const char * const default_code_properties[] = {
  "code", "adcode", "CODE", "gb", "XZQDM", "xzqdm", NULL
};
static const char * const default_name_properties[] = {
  "name", "NAME", "XZQMC", "xzqmc", NULL
};
static const char * const county_name_properties[] = {
  "county", "county_name", "countyName", "COUNTY", NULL
};

/* Where in the input a message is about. */
typedef struct {
  const char *label;
  guint       index;      /* 1-based feature index; 0: the file as a whole */
  guint       n_features;
  const char *name;       /* the feature's name or code, or NULL */
  GwCrs       crs;
} Where;

/* One parsed feature, ready to write. */
typedef struct {
  guint    index;
  char    *code;          /* 12 digits */
  char    *raw_code;      /* as the file gives it, for messages */
  char    *name;
  char    *county_name;
  GwShape *shape;
} Feature;

static void
feature_free (Feature *feature)
{
  g_free (feature->code);
  g_free (feature->raw_code);
  g_free (feature->name);
  g_free (feature->county_name);
  g_clear_pointer (&feature->shape, gw_shape_free);
  g_free (feature);
}

G_GNUC_PRINTF (4, 5)
static gboolean
refuse (GError     **error,
        const Where *where,
        int          code,
        const char  *format,
        ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (where->index == 0)
    g_set_error (error, GW_GEOJSON_ERROR, code, "%s: %s", where->label, detail);
  else if (where->name != NULL)
    /* TRANSLATORS: file: feature 3 of 12 “石鼓区”: what is wrong */
    g_set_error (error, GW_GEOJSON_ERROR, code, _("%s: feature %u of %u “%s”: %s"),
                 where->label, where->index, where->n_features, where->name, detail);
  else
    g_set_error (error, GW_GEOJSON_ERROR, code, _("%s: feature %u of %u (no name): %s"),
                 where->label, where->index, where->n_features, detail);
  return FALSE;
}

/* ---- GCJ-02 ---------------------------------------------------------------------- */

/* The published GCJ-02 offset on the Krasovsky ellipsoid. */
#define GCJ_A  6378245.0
#define GCJ_EE 0.00669342162296594323

gboolean
gw_gcj02_out_of_china (double lat,
                       double lon)
{
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

static double
offset_lat (double x,
            double y)
{
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (y * G_PI) + 40.0 * sin (y / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (160.0 * sin (y / 12.0 * G_PI) + 320.0 * sin (y * G_PI / 30.0)) * 2.0 / 3.0;
  return r;
}

static double
offset_lon (double x,
            double y)
{
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (x * G_PI) + 40.0 * sin (x / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (150.0 * sin (x / 12.0 * G_PI) + 300.0 * sin (x / 30.0 * G_PI)) * 2.0 / 3.0;
  return r;
}

void
gw_wgs84_to_gcj02 (double  lat,
                   double  lon,
                   double *out_lat,
                   double *out_lon)
{
  double dlat, dlon, rad, magic, sqrt_magic;

  if (gw_gcj02_out_of_china (lat, lon))
    {
      *out_lat = lat;
      *out_lon = lon;
      return;
    }
  dlat = offset_lat (lon - 105.0, lat - 35.0);
  dlon = offset_lon (lon - 105.0, lat - 35.0);
  rad = lat / 180.0 * G_PI;
  magic = 1 - GCJ_EE * sin (rad) * sin (rad);
  sqrt_magic = sqrt (magic);
  dlat = (dlat * 180.0) / ((GCJ_A * (1 - GCJ_EE)) / (magic * sqrt_magic) * G_PI);
  dlon = (dlon * 180.0) / (GCJ_A / sqrt_magic * cos (rad) * G_PI);
  *out_lat = lat + dlat;
  *out_lon = lon + dlon;
}

void
gw_gcj02_to_wgs84 (double  lat,
                   double  lon,
                   double *out_lat,
                   double *out_lon)
{
  double wlat = lat, wlon = lon;

  /* The offset is smooth and small: a fixed-point iteration on it converges in
   * a handful of steps. */
  for (guint i = 0; i < 30; i++)
    {
      double glat, glon, dlat, dlon;

      gw_wgs84_to_gcj02 (wlat, wlon, &glat, &glon);
      dlat = lat - glat;
      dlon = lon - glon;
      wlat += dlat;
      wlon += dlon;
      if (fabs (dlat) < 1e-10 && fabs (dlon) < 1e-10)
        break;
    }
  *out_lat = wlat;
  *out_lon = wlon;
}

/* ---- shapes ------------------------------------------------------------------------ */

void
gw_shape_free (GwShape *shape)
{
  if (shape == NULL)
    return;
  g_ptr_array_unref (shape->polygons);
  g_free (shape);
}

static GwShape *
shape_new (void)
{
  GwShape *shape = g_new0 (GwShape, 1);

  shape->polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  shape->min = (GwPoint) { G_MAXDOUBLE, G_MAXDOUBLE };
  shape->max = (GwPoint) { -G_MAXDOUBLE, -G_MAXDOUBLE };
  return shape;
}

static void
ring_reverse (GwRing *ring)
{
  for (guint i = 0, j = ring->len - 1; i < j; i++, j--)
    {
      GwPoint t = g_array_index (ring, GwPoint, i);
      g_array_index (ring, GwPoint, i) = g_array_index (ring, GwPoint, j);
      g_array_index (ring, GwPoint, j) = t;
    }
}

/* RFC 7946: exterior counter-clockwise, holes clockwise; either is accepted. */
static void
normalize_winding (GPtrArray *polygon)
{
  for (guint r = 0; r < polygon->len; r++)
    {
      double area = gw_ring_area (polygon->pdata[r]);

      if ((r == 0 && area < 0) || (r > 0 && area > 0))
        ring_reverse (polygon->pdata[r]);
    }
}

static gboolean
polygon_contains (GPtrArray *polygon,
                  GwPoint    p)
{
  if (polygon->len == 0 || !gw_ring_contains (polygon->pdata[0], p))
    return FALSE;
  for (guint r = 1; r < polygon->len; r++)
    if (gw_ring_contains (polygon->pdata[r], p))
      return FALSE;
  return TRUE;
}

gboolean
gw_shape_contains (const GwShape *shape,
                   GwPoint        p)
{
  g_return_val_if_fail (shape != NULL, FALSE);

  if (p.x < shape->min.x || p.x > shape->max.x || p.y < shape->min.y || p.y > shape->max.y)
    return FALSE;
  for (guint i = 0; i < shape->polygons->len; i++)
    if (polygon_contains (shape->polygons->pdata[i], p))
      return TRUE;
  return FALSE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The middle of the widest inside span of the horizontal line at @y. */
static gboolean
widest_span_middle (GPtrArray *polygon,
                    double     y,
                    GwPoint   *out)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  double best = -1;

  for (guint r = 0; r < polygon->len; r++)
    {
      GwRing *ring = polygon->pdata[r];

      for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
        {
          GwPoint a = g_array_index (ring, GwPoint, i);
          GwPoint b = g_array_index (ring, GwPoint, j);

          if ((a.y > y) != (b.y > y))
            {
              double x = a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y);
              g_array_append_val (xs, x);
            }
        }
    }
  g_array_sort (xs, compare_doubles);
  for (guint i = 0; i + 1 < xs->len; i += 2)
    {
      double x0 = g_array_index (xs, double, i), x1 = g_array_index (xs, double, i + 1);

      if (x1 - x0 > best)
        {
          best = x1 - x0;
          *out = (GwPoint) { (x0 + x1) / 2, y };
        }
    }
  return best >= 0;
}

GwPoint
gw_shape_label_point (const GwShape *shape)
{
  GPtrArray *largest = NULL;
  double largest_area = -1;
  GwPoint centre, min, max;

  g_return_val_if_fail (shape != NULL, ((GwPoint) { 0, 0 }));

  for (guint i = 0; i < shape->polygons->len; i++)
    {
      GPtrArray *polygon = shape->polygons->pdata[i];
      double area = fabs (gw_ring_area (polygon->pdata[0]));

      if (area > largest_area)
        {
          largest_area = area;
          largest = polygon;
        }
    }
  if (largest == NULL)
    return (GwPoint) { 0, 0 };

  centre = gw_ring_centroid (largest->pdata[0]);
  if (polygon_contains (largest, centre))
    return centre;
  /* A crescent or an L: try lines through the centroid, then across the box. */
  if (widest_span_middle (largest, centre.y, &centre))
    return centre;
  gw_ring_bounds (largest->pdata[0], &min, &max);
  if (widest_span_middle (largest, (min.y + max.y) / 2, &centre))
    return centre;
  return g_array_index ((GwRing *) largest->pdata[0], GwPoint, 0);
}

static void
append_ring (GString      *s,
             const GwRing *ring)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, '[');
  for (guint k = 0; k <= ring->len; k++)
    {
      GwPoint p = g_array_index (ring, GwPoint, k % ring->len);

      g_ascii_formatd (x, sizeof x, "%.6f", p.x);
      g_ascii_formatd (y, sizeof y, "%.6f", p.y);
      g_string_append_printf (s, "%s[%s,%s]", k ? "," : "", x, y);
    }
  g_string_append_c (s, ']');
}

static void
append_polygon (GString   *s,
                GPtrArray *polygon)
{
  g_string_append_c (s, '[');
  for (guint r = 0; r < polygon->len; r++)
    {
      if (r > 0)
        g_string_append_c (s, ',');
      append_ring (s, polygon->pdata[r]);
    }
  g_string_append_c (s, ']');
}

char *
gw_shape_to_geojson (const GwShape *shape)
{
  GString *s;

  g_return_val_if_fail (shape != NULL && shape->polygons->len > 0, NULL);

  if (shape->polygons->len == 1)
    {
      s = g_string_new ("{\"type\":\"Polygon\",\"coordinates\":");
      append_polygon (s, shape->polygons->pdata[0]);
    }
  else
    {
      s = g_string_new ("{\"type\":\"MultiPolygon\",\"coordinates\":[");
      for (guint i = 0; i < shape->polygons->len; i++)
        {
          if (i > 0)
            g_string_append_c (s, ',');
          append_polygon (s, shape->polygons->pdata[i]);
        }
      g_string_append_c (s, ']');
    }
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

/* ---- parsing ---------------------------------------------------------------------- */

static gboolean
node_number (JsonNode *node,
             double   *out)
{
  GType type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *out = json_node_get_double (node);
  return isfinite (*out);
}

/* A member's string value, or NULL whatever else it holds. */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
format_position (GwPoint p)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("[%s, %s]", g_ascii_formatd (x, sizeof x, "%.7g", p.x),
                          g_ascii_formatd (y, sizeof y, "%.7g", p.y));
}

/* @p_index and @r_index are 1-based, for messages. */
static GwRing *
parse_ring (JsonNode    *node,
            guint        p_index,
            guint        r_index,
            const Where *where,
            GError     **error)
{
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (GwPoint));
  g_autofree char *which = NULL;
  JsonArray *positions;
  guint n;

  which = p_index > 0 ? g_strdup_printf (_("ring %u of polygon %u"), r_index, p_index)
                      : g_strdup_printf (_("ring %u"), r_index);
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      refuse (error, where, GW_GEOJSON_ERROR_BAD_COORDINATES,
              _("%s is not an array of positions"), which);
      return NULL;
    }
  positions = json_node_get_array (node);
  n = json_array_get_length (positions);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *pos = json_array_get_element (positions, i);
      JsonArray *pair;
      GwPoint p;

      if (JSON_NODE_TYPE (pos) != JSON_NODE_ARRAY
          || json_array_get_length (pair = json_node_get_array (pos)) < 2
          || !node_number (json_array_get_element (pair, 0), &p.x)
          || !node_number (json_array_get_element (pair, 1), &p.y))
        {
          refuse (error, where, GW_GEOJSON_ERROR_BAD_COORDINATES,
                  _("position %u of %s is not a pair of numbers [longitude, latitude]"),
                  i + 1, which);
          return NULL;
        }
      if (p.x < -180 || p.x > 180 || p.y < -90 || p.y > 90)
        {
          g_autofree char *text = format_position (p);

          refuse (error, where, GW_GEOJSON_ERROR_OUT_OF_RANGE,
                  _("position %u of %s, %s, is out of range: longitude must lie within "
                    "−180…180 and latitude within −90…90 degrees (is the file projected, "
                    "or are longitude and latitude swapped?)"), i + 1, which, text);
          return NULL;
        }
      g_array_append_val (ring, p);
    }
  if (n < 4)
    {
      refuse (error, where, GW_GEOJSON_ERROR_RING_TOO_SHORT,
              _("%s has %u positions; a closed ring needs at least four"), which, n);
      return NULL;
    }
  {
    GwPoint first = g_array_index (ring, GwPoint, 0);
    GwPoint last = g_array_index (ring, GwPoint, n - 1);

    if (first.x != last.x || first.y != last.y)
      {
        g_autofree char *a = format_position (first);
        g_autofree char *b = format_position (last);

        refuse (error, where, GW_GEOJSON_ERROR_RING_NOT_CLOSED,
                _("%s is not closed: it starts at %s but ends at %s"), which, a, b);
        return NULL;
      }
  }
  g_array_set_size (ring, n - 1);

  if (where->crs == GW_CRS_GCJ02)
    for (guint i = 0; i < ring->len; i++)
      {
        GwPoint *p = &g_array_index (ring, GwPoint, i);
        gw_gcj02_to_wgs84 (p->y, p->x, &p->y, &p->x);
      }
  return g_steal_pointer (&ring);
}

static gboolean
parse_polygon (JsonNode    *node,
               guint        p_index,
               GwShape     *shape,
               const Where *where,
               GError     **error)
{
  g_autoptr(GPtrArray) polygon = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  JsonArray *rings;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY
      || json_array_get_length (rings = json_node_get_array (node)) == 0)
    {
      if (p_index > 0)
        return refuse (error, where, GW_GEOJSON_ERROR_BAD_COORDINATES,
                       _("polygon %u is not an array of rings"), p_index);
      return refuse (error, where, GW_GEOJSON_ERROR_BAD_COORDINATES,
                     _("the coordinates are not an array of rings"));
    }
  for (guint r = 0; r < json_array_get_length (rings); r++)
    {
      GwRing *ring = parse_ring (json_array_get_element (rings, r), p_index, r + 1, where, error);
      GwPoint min, max;

      if (ring == NULL)
        return FALSE;
      g_ptr_array_add (polygon, ring);
      gw_ring_bounds (ring, &min, &max);
      shape->min.x = MIN (shape->min.x, min.x);
      shape->min.y = MIN (shape->min.y, min.y);
      shape->max.x = MAX (shape->max.x, max.x);
      shape->max.y = MAX (shape->max.y, max.y);
    }
  normalize_winding (polygon);
  g_ptr_array_add (shape->polygons, g_steal_pointer (&polygon));
  return TRUE;
}

static GwShape *
parse_geometry (JsonNode    *node,
                const Where *where,
                GError     **error)
{
  g_autoptr(GwShape) shape = shape_new ();
  JsonObject *geometry;
  JsonNode *coordinates;
  const char *type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      refuse (error, where, GW_GEOJSON_ERROR_NO_GEOMETRY, _("it has no geometry"));
      return NULL;
    }
  geometry = json_node_get_object (node);
  type = member_string (geometry, "type");
  if (json_object_has_member (geometry, "encodeOffsets"))
    {
      refuse (error, where, GW_GEOJSON_ERROR_ECHARTS,
              _("its geometry is in ECharts' compressed map format (encodeOffsets); "
                "decode the file to plain GeoJSON first"));
      return NULL;
    }
  if (g_strcmp0 (type, "Polygon") != 0 && g_strcmp0 (type, "MultiPolygon") != 0)
    {
      refuse (error, where, GW_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY,
              _("the geometry type “%s” is not supported; a township boundary is a "
                "Polygon or a MultiPolygon"), type ? type : "?");
      return NULL;
    }
  coordinates = json_object_get_member (geometry, "coordinates");
  if (coordinates == NULL || JSON_NODE_TYPE (coordinates) != JSON_NODE_ARRAY)
    {
      refuse (error, where, GW_GEOJSON_ERROR_BAD_COORDINATES,
              _("the %s has no coordinates array"), type);
      return NULL;
    }

  if (strcmp (type, "Polygon") == 0)
    {
      if (!parse_polygon (coordinates, 0, shape, where, error))
        return NULL;
    }
  else
    {
      JsonArray *polygons = json_node_get_array (coordinates);

      if (json_array_get_length (polygons) == 0)
        {
          refuse (error, where, GW_GEOJSON_ERROR_BAD_COORDINATES,
                  _("the MultiPolygon has no polygons"));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (polygons); i++)
        if (!parse_polygon (json_array_get_element (polygons, i), i + 1, shape, where, error))
          return NULL;
    }
  return g_steal_pointer (&shape);
}

GwShape *
gw_shape_parse (const char  *geojson,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Where where = { .label = _("boundary"), .crs = GW_CRS_WGS84 };

  g_return_val_if_fail (geojson != NULL, NULL);

  if (!json_parser_load_from_data (parser, geojson, -1, error))
    return NULL;
  return parse_geometry (json_parser_get_root (parser), &where, error);
}

/* The string or integer value of the first property of @names that has one. */
static char *
property_text (JsonObject        *properties,
               const char        *preferred,
               const char * const *names)
{
  const char * const one[] = { preferred, NULL };

  if (properties == NULL)
    return NULL;
  if (preferred != NULL)
    names = one;
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (properties, names[i]);
      GType type;

      if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
        continue;
      type = json_node_get_value_type (node);
      if (type == G_TYPE_STRING)
        {
          g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
          if (*text != '\0')
            return g_steal_pointer (&text);
        }
      else if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (type == G_TYPE_DOUBLE && json_node_get_double (node) == floor (json_node_get_double (node)))
        return g_strdup_printf ("%.0f", json_node_get_double (node));
    }
  return NULL;
}

static char *
describe_properties (const char        *preferred,
                     const char * const *names)
{
  if (preferred != NULL)
    return g_strdup_printf ("“%s”", preferred);
  return g_strjoinv (", ", (char **) names);
}

static gboolean
parse_code (const char  *raw,
            char       **out,
            const Where *where,
            GError     **error)
{
  gsize len = strlen (raw);

  if (strspn (raw, "0123456789") != len || (len != 9 && len != 12))
    {
      if (len == 6 && strspn (raw, "0123456789") == 6)
        return refuse (error, where, GW_GEOJSON_ERROR_BAD_CODE,
                       _("the division code %s has 6 digits, a county's; a grid needs its "
                         "township's 9- or 12-digit code"), raw);
      return refuse (error, where, GW_GEOJSON_ERROR_BAD_CODE,
                     _("the division code “%s” is not 9 or 12 digits"), raw);
    }
  *out = len == 9 ? g_strconcat (raw, "000", NULL) : g_strdup (raw);
  return TRUE;
}

static Feature *
parse_feature (JsonNode               *node,
               Where                  *where,
               const GwGeojsonOptions *options,
               GError                **error)
{
  g_autoptr(GwShape) shape = NULL;
  g_autofree char *raw_code = NULL, *name = NULL, *code = NULL;
  JsonObject *feature, *properties = NULL;
  Feature *out;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT
      || g_strcmp0 (member_string (json_node_get_object (node), "type"), "Feature") != 0)
    {
      refuse (error, where, GW_GEOJSON_ERROR_NOT_FEATURE, _("it is not a GeoJSON Feature"));
      return NULL;
    }
  feature = json_node_get_object (node);
  if (json_object_has_member (feature, "properties")
      && JSON_NODE_TYPE (json_object_get_member (feature, "properties")) == JSON_NODE_OBJECT)
    properties = json_object_get_object_member (feature, "properties");

  name = property_text (properties, options->name_property, default_name_properties);
  raw_code = property_text (properties, options->code_property, default_code_properties);
  where->name = name ? name : raw_code;

  if (raw_code == NULL)
    {
      g_autofree char *looked = describe_properties (options->code_property,
                                                     default_code_properties);
      refuse (error, where, GW_GEOJSON_ERROR_NO_CODE,
              _("it has no division code (looked in the properties %s)"), looked);
      return NULL;
    }
  if (!parse_code (raw_code, &code, where, error))
    return NULL;
  if ((shape = parse_geometry (json_object_get_member (feature, "geometry"), where, error)) == NULL)
    return NULL;

  out = g_new0 (Feature, 1);
  out->index = where->index;
  out->code = g_steal_pointer (&code);
  out->raw_code = g_steal_pointer (&raw_code);
  out->name = g_steal_pointer (&name);
  out->county_name = property_text (properties, NULL, county_name_properties);
  out->shape = g_steal_pointer (&shape);
  return out;
}

static const char *
feature_label (const Feature *f)
{
  return f->name ? f->name : f->raw_code;
}

/* Everything is checked before anything is written. */
static GPtrArray *
parse_collection (JsonNode               *root,
                  Where                  *where,
                  const GwGeojsonOptions *options,
                  GwProgressFunc          progress,
                  gpointer                user_data,
                  GError                **error)
{
  g_autoptr(GPtrArray) features = g_ptr_array_new_with_free_func ((GDestroyNotify) feature_free);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object;
  JsonArray *array;
  const char *type;

  if (JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      refuse (error, where, GW_GEOJSON_ERROR_NOT_FEATURE_COLLECTION,
              _("not a GeoJSON FeatureCollection: the file holds no JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (json_object_has_member (object, "UTF8Encoding")
      && JSON_NODE_TYPE (json_object_get_member (object, "UTF8Encoding")) == JSON_NODE_VALUE
      && json_node_get_value_type (json_object_get_member (object, "UTF8Encoding")) == G_TYPE_BOOLEAN
      && json_object_get_boolean_member (object, "UTF8Encoding"))
    {
      refuse (error, where, GW_GEOJSON_ERROR_ECHARTS,
              _("this is ECharts' compressed map format (“UTF8Encoding”: true), not plain "
                "GeoJSON; decode it first, or export the boundaries as GeoJSON from the "
                "tool that made it"));
      return NULL;
    }
  type = member_string (object, "type");
  if (g_strcmp0 (type, "FeatureCollection") != 0)
    {
      refuse (error, where, GW_GEOJSON_ERROR_NOT_FEATURE_COLLECTION,
              _("not a GeoJSON FeatureCollection (its type is “%s”); township boundaries "
                "come as a FeatureCollection of Polygon or MultiPolygon features"),
              type ? type : "?");
      return NULL;
    }
  if (!json_object_has_member (object, "features")
      || JSON_NODE_TYPE (json_object_get_member (object, "features")) != JSON_NODE_ARRAY)
    {
      refuse (error, where, GW_GEOJSON_ERROR_NOT_FEATURE_COLLECTION,
              _("the FeatureCollection has no “features” array"));
      return NULL;
    }
  array = json_object_get_array_member (object, "features");
  where->n_features = json_array_get_length (array);
  if (where->n_features == 0)
    {
      refuse (error, where, GW_GEOJSON_ERROR_EMPTY, _("the FeatureCollection has no features"));
      return NULL;
    }

  for (guint i = 0; i < where->n_features; i++)
    {
      Feature *f, *other;

      where->index = i + 1;
      where->name = NULL;
      f = parse_feature (json_array_get_element (array, i), where, options, error);
      if (f == NULL)
        return NULL;
      g_ptr_array_add (features, f);
      if ((other = g_hash_table_lookup (codes, f->code)) != NULL)
        {
          refuse (error, where, GW_GEOJSON_ERROR_DUPLICATE_CODE,
                  _("the division code %s is also the code of feature %u “%s”"),
                  f->code, other->index, feature_label (other));
          return NULL;
        }
      g_hash_table_insert (codes, f->code, f);
      if (progress != NULL && (i % 64 == 0 || i + 1 == where->n_features))
        progress (0.5 * (i + 1) / where->n_features, _("Checking boundaries"), user_data);
    }
  return g_steal_pointer (&features);
}

/* ---- writing ---------------------------------------------------------------------- */

static gint64
find_id (GwStore    *store,
         const char *sql,
         const char *code,
         GError    **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (store, sql, error);
  gint64 id = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gint64
ensure_county (GwStore          *store,
               const Feature    *f,
               GwGeojsonSummary *summary,
               GError          **error)
{
  char code[7];
  sqlite3_stmt *stmt;
  gint64 id;

  memcpy (code, f->code, 6);
  code[6] = '\0';
  id = find_id (store, "SELECT id FROM counties WHERE code = ?1", code, error);
  if (id != 0)
    return id;
  stmt = gw_store_prepare (store, "INSERT INTO counties (code, name) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, f->county_name ? f->county_name : code, -1, SQLITE_STATIC);
  if (!STEP_DONE (store, stmt, _("adding a county"), error))
    return -1;
  summary->counties_created++;
  return sqlite3_last_insert_rowid (gw_store_get_db (store));
}

static gboolean
write_feature (GwStore          *store,
               const Feature    *f,
               const Where      *where,
               GwGeojsonSummary *summary,
               GError          **error)
{
  g_autofree char *geojson = gw_shape_to_geojson (f->shape);
  GwPoint label = gw_shape_label_point (f->shape);
  sqlite3_stmt *stmt;
  gint64 id, county_id = 0;

  id = find_id (store, "SELECT id FROM grids WHERE code = ?1", f->code, error);
  if (id < 0)
    return FALSE;
  if (id == 0)
    {
      Where here = *where;

      here.index = f->index;
      here.name = feature_label (f);
      if (f->name == NULL)
        return refuse (error, &here, GW_GEOJSON_ERROR_NO_NAME,
                       _("no grid has the code %s and the feature has no name to create "
                         "one with"), f->code);
      if ((county_id = ensure_county (store, f, summary, error)) < 0)
        return FALSE;
      stmt = gw_store_prepare (store,
                               "INSERT INTO grids (code, name, county_id, boundary, min_lat, "
                               "min_lon, max_lat, max_lon, center_lat, center_lon) VALUES "
                               "(?9, ?10, ?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
    }
  else
    stmt = gw_store_prepare (store,
                             "UPDATE grids SET boundary = ?1, min_lat = ?2, min_lon = ?3, "
                             "max_lat = ?4, max_lon = ?5, center_lat = ?6, center_lon = ?7 "
                             "WHERE id = ?8", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, geojson, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, f->shape->min.y);
  sqlite3_bind_double (stmt, 3, f->shape->min.x);
  sqlite3_bind_double (stmt, 4, f->shape->max.y);
  sqlite3_bind_double (stmt, 5, f->shape->max.x);
  sqlite3_bind_double (stmt, 6, label.y);
  sqlite3_bind_double (stmt, 7, label.x);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 8, id);
  else
    {
      sqlite3_bind_text (stmt, 9, f->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, f->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 11, county_id);
    }
  if (!STEP_DONE (store, stmt, _("saving a grid boundary"), error))
    return FALSE;
  if (id != 0)
    summary->grids_updated++;
  else
    summary->grids_created++;
  return TRUE;
}

static gboolean
write_features (GwStore          *store,
                GPtrArray        *features,
                const Where      *where,
                GwProgressFunc    progress,
                gpointer          user_data,
                GwGeojsonSummary *summary,
                GError          **error)
{
  if (!gw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < features->len; i++)
    {
      if (!write_feature (store, features->pdata[i], where, summary, error))
        {
          gw_store_rollback (store);
          return FALSE;
        }
      if (progress != NULL && (i % 64 == 0 || i + 1 == features->len))
        progress (0.5 + 0.5 * (i + 1) / features->len, _("Saving boundaries"), user_data);
    }
  return gw_store_commit (store, error);
}

gboolean
gw_geojson_import_data (GwStore                *store,
                        const char             *label,
                        const char             *data,
                        gssize                  length,
                        const GwGeojsonOptions *options,
                        GwProgressFunc          progress,
                        gpointer                user_data,
                        GwGeojsonSummary       *summary,
                        GError                **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(GError) local_error = NULL;
  GwGeojsonOptions defaults = { GW_CRS_WGS84, NULL, NULL };
  GwGeojsonSummary counts = { 0 };
  Where where = { 0 };

  g_return_val_if_fail (GW_IS_STORE (store), FALSE);
  g_return_val_if_fail (label != NULL && data != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  where.label = label;
  where.crs = options->crs;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      if (g_strstr_len (data, MIN (length < 0 ? G_MAXSSIZE : length, 65536), "registerMap"))
        return refuse (error, &where, GW_GEOJSON_ERROR_ECHARTS,
                       _("this is an ECharts map script (registerMap), not GeoJSON"));
      guint line = 0, column = 0;
      int consumed = 0;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: …". */
      if (sscanf (local_error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2
          && consumed > 0)
        return refuse (error, &where, GW_GEOJSON_ERROR_NOT_JSON,
                       _("not JSON: line %u, column %u: %s"), line, column,
                       local_error->message + consumed);
      return refuse (error, &where, GW_GEOJSON_ERROR_NOT_JSON, _("not JSON: %s"),
                     local_error->message);
    }
  if (json_parser_get_root (parser) == NULL)
    return refuse (error, &where, GW_GEOJSON_ERROR_NOT_JSON, _("the file is empty"));

  features = parse_collection (json_parser_get_root (parser), &where, options, progress,
                               user_data, error);
  if (features == NULL)
    return FALSE;
  counts.features = features->len;
  where.index = 0;
  if (!write_features (store, features, &where, progress, user_data, &counts, error))
    return FALSE;
  if (summary != NULL)
    *summary = counts;
  return TRUE;
}

gboolean
gw_geojson_import_file (GwStore                *store,
                        const char             *path,
                        const GwGeojsonOptions *options,
                        GwProgressFunc          progress,
                        gpointer                user_data,
                        GwGeojsonSummary       *summary,
                        GError                **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GW_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  label = g_filename_display_name (path);
  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, GW_GEOJSON_ERROR, GW_GEOJSON_ERROR_NOT_JSON, "%s", local_error->message);
      return FALSE;
    }
  if (g_mapped_file_get_length (file) == 0)
    {
      g_set_error (error, GW_GEOJSON_ERROR, GW_GEOJSON_ERROR_NOT_JSON,
                   _("%s: the file is empty"), label);
      return FALSE;
    }
  return gw_geojson_import_data (store, label, g_mapped_file_get_contents (file),
                                 g_mapped_file_get_length (file), options, progress, user_data,
                                 summary, error);
}
