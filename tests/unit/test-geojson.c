/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "gw-demo.h"
#include "gw-geojson.h"
#include "gw-geometry.h"
#include "gw-map-data.h"
#include "gw-query.h"

#define TODAY "2026-11-23"

static char *tmp;

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "geojson", name, NULL);
}

static GwStore *
demo_store (guint n_hazards)
{
  static guint serial;
  g_autofree char *name = g_strdup_printf ("demo-%u.db", ++serial);
  g_autofree char *path = g_build_filename (tmp, name, NULL);
  g_autoptr(GError) error = NULL;
  GwDemoOptions options = { .n_hazards = n_hazards, .seed = 3, .today = TODAY };
  GwStore *store;

  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  gw_demo_generate (store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return store;
}

/* Every row of every table, as text: equal dumps mean an unchanged database. */
static char *
dump (GwStore *store)
{
  sqlite3 *db = gw_store_get_db (store);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                           "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[t]);

      g_string_append_printf (out, "== %s\n", (char *) tables->pdata[t]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *v = (const char *) sqlite3_column_text (stmt, c);
              g_string_append_printf (out, "%s|", v ? v : "∅");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

static gint64
query_int (GwStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
query_text (GwStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt;
  char *v = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

/* ---- GCJ-02 ------------------------------------------------------------------------ */

/* Published pairs (eviltransform's test vectors): WGS-84 lat, lon; GCJ-02 lat, lon. */
static const double pairs[][4] = {
  { 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215 },     /* Shanghai */
  { 22.543847, 113.912316, 22.540796131694766, 113.9171764808363 },     /* Shenzhen */
  { 39.911954, 116.377817, 39.91334545536069, 116.38404722455657 },     /* Beijing */
};

static void
test_gcj02_forward (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      double lat, lon;

      gw_wgs84_to_gcj02 (pairs[i][0], pairs[i][1], &lat, &lon);
      g_assert_cmpfloat_with_epsilon (lat, pairs[i][2], 1e-9);
      g_assert_cmpfloat_with_epsilon (lon, pairs[i][3], 1e-9);
    }
}

static void
test_gcj02_inverse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      double lat, lon, back_lat, back_lon;

      gw_gcj02_to_wgs84 (pairs[i][2], pairs[i][3], &lat, &lon);
      /* 1e-8 degrees is about a millimetre. */
      g_assert_cmpfloat_with_epsilon (lat, pairs[i][0], 1e-8);
      g_assert_cmpfloat_with_epsilon (lon, pairs[i][1], 1e-8);
      gw_wgs84_to_gcj02 (lat, lon, &back_lat, &back_lon);
      g_assert_cmpfloat_with_epsilon (back_lat, pairs[i][2], 1e-9);
      g_assert_cmpfloat_with_epsilon (back_lon, pairs[i][3], 1e-9);
    }
}

static void
test_gcj02_out_of_china (void)
{
  static const double places[][2] = { { 48.8566, 2.3522 }, { 35.681236, 139.767125 },
                                      { -33.8688, 151.2093 } };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      double lat, lon;

      g_assert_true (gw_gcj02_out_of_china (places[i][0], places[i][1]));
      gw_gcj02_to_wgs84 (places[i][0], places[i][1], &lat, &lon);
      g_assert_cmpfloat (lat, ==, places[i][0]);
      g_assert_cmpfloat (lon, ==, places[i][1]);
    }
  g_assert_false (gw_gcj02_out_of_china (26.89, 112.57));
}

/* ---- imports -------------------------------------------------------------------------- */

typedef struct {
  double last;
  guint  calls;
  gboolean decreased;
} Progress;

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  Progress *p = user_data;

  if (fraction < p->last)
    p->decreased = TRUE;
  p->last = fraction;
  p->calls++;
  g_assert_nonnull (what);
}

static void
test_import_valid (void)
{
  g_autoptr(GwStore) store = demo_store (0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("valid.geojson");
  g_autofree char *county = NULL, *boundary = NULL;
  g_autoptr(GwShape) shape = NULL;
  GwGeojsonSummary summary;
  Progress progress = { 0 };
  gint64 grids = query_int (store, "SELECT count(*) FROM grids");

  g_assert_true (gw_geojson_import_file (store, path, NULL, progress_cb, &progress, &summary,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.features, ==, 3);
  g_assert_cmpuint (summary.grids_updated, ==, 1);
  g_assert_cmpuint (summary.grids_created, ==, 2);
  g_assert_cmpuint (summary.counties_created, ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM grids"), ==, grids + 2);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  g_assert_false (progress.decreased);
  g_assert_cmpuint (progress.calls, >=, 2);

  /* The county of a new grid comes from the code's first six digits, named from
   * the feature's county property. */
  county = query_text (store, "SELECT c.name || ':' || c.code FROM grids g JOIN counties c "
                              "ON c.id = g.county_id WHERE g.code = '439901001000'");
  g_assert_cmpstr (county, ==, "试验县:439901");
  /* Existing counties keep their name. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM grids g JOIN counties c ON "
                                     "c.id = g.county_id WHERE g.code = '430405990000' AND "
                                     "c.name = '珠晖区'"), ==, 1);

  /* The clockwise MultiPolygon is stored counter-clockwise with its hole clockwise,
   * and bbox and label point are filled. */
  boundary = query_text (store, "SELECT boundary FROM grids WHERE code = '439901001000'");
  shape = gw_shape_parse (boundary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shape->polygons->len, ==, 2);
  {
    GPtrArray *first = shape->polygons->pdata[0];

    g_assert_cmpuint (first->len, ==, 2);
    g_assert_cmpfloat (gw_ring_area (first->pdata[0]), >, 0);
    g_assert_cmpfloat (gw_ring_area (first->pdata[1]), <, 0);
  }
  g_assert_true (strstr (boundary, "\"MultiPolygon\"") != NULL);
  g_assert_true (gw_shape_contains (shape, (GwPoint) { 113.01, 27.01 }));
  g_assert_false (gw_shape_contains (shape, (GwPoint) { 113.04, 27.04 }));   /* the hole */
  g_assert_true (gw_shape_contains (shape, (GwPoint) { 113.205, 27.005 }));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM grids WHERE code = '439901001000' "
                                     "AND min_lat = 27 AND max_lat = 27.1 AND min_lon = 113 "
                                     "AND max_lon = 113.21"), ==, 1);
  {
    sqlite3_stmt *stmt;
    GwPoint label;

    sqlite3_prepare_v2 (gw_store_get_db (store), "SELECT center_lon, center_lat FROM grids "
                        "WHERE code = '439901001000'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    label = (GwPoint) { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };
    sqlite3_finalize (stmt);
    g_assert_true (gw_shape_contains (shape, label));
  }
  /* The existing grid keeps its name and gains its boundary. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM grids WHERE code = '430405007000' "
                                     "AND name = '衡州路街道' AND min_lon = 112.6"), ==, 1);
}

static void
test_import_properties (void)
{
  g_autoptr(GwStore) store = demo_store (0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("properties.geojson");
  GwGeojsonOptions options = { GW_CRS_WGS84, "XZQ", "MC" };
  GwGeojsonSummary summary;

  g_assert_false (gw_geojson_import_file (store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, GW_GEOJSON_ERROR, GW_GEOJSON_ERROR_NO_CODE);
  g_clear_error (&error);

  g_assert_true (gw_geojson_import_file (store, path, &options, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.grids_updated, ==, 1);
}

static void
test_import_gcj02 (void)
{
  g_autoptr(GwStore) store = demo_store (0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("gcj02.geojson");
  g_autofree char *boundary = NULL;
  g_autoptr(GwShape) shape = NULL;
  GwGeojsonOptions options = { GW_CRS_GCJ02, NULL, NULL };
  gboolean found = FALSE;

  g_assert_true (gw_geojson_import_file (store, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  boundary = query_text (store, "SELECT boundary FROM grids WHERE code = '310115001000'");
  shape = gw_shape_parse (boundary, &error);
  g_assert_no_error (error);
  /* The GCJ-02 corner is stored as its WGS-84 point (six decimals kept). */
  for (guint i = 0; i < ((GwRing *) g_ptr_array_index ((GPtrArray *) shape->polygons->pdata[0], 0))->len; i++)
    {
      GwPoint p = g_array_index ((GwRing *) g_ptr_array_index ((GPtrArray *) shape->polygons->pdata[0], 0),
                                 GwPoint, i);
      if (fabs (p.y - pairs[0][0]) < 1e-6 && fabs (p.x - pairs[0][1]) < 1e-6)
        found = TRUE;
    }
  g_assert_true (found);
}

/* Each refusal: its fixture, error code, and what the message must name. */
typedef struct {
  const char *file;
  int         code;
  const char *mentions[3];
} Refusal;

static const Refusal refusals[] = {
  { "bad-not-json.geojson", GW_GEOJSON_ERROR_NOT_JSON, { "not JSON", NULL } },
  { "bad-not-collection.geojson", GW_GEOJSON_ERROR_NOT_FEATURE_COLLECTION,
    { "not a GeoJSON FeatureCollection", "“Feature”", NULL } },
  { "bad-echarts.json", GW_GEOJSON_ERROR_ECHARTS, { "ECharts", "UTF8Encoding", NULL } },
  { "bad-empty.geojson", GW_GEOJSON_ERROR_EMPTY, { "no features", NULL } },
  { "bad-ring-open.geojson", GW_GEOJSON_ERROR_RING_NOT_CLOSED,
    { "feature 2 of 3 “坏镇”", "not closed", NULL } },
  { "bad-ring-short.geojson", GW_GEOJSON_ERROR_RING_TOO_SHORT,
    { "feature 2 of 3 “坏镇”", "3 positions", "at least four" } },
  { "bad-out-of-range.geojson", GW_GEOJSON_ERROR_OUT_OF_RANGE,
    { "feature 2 of 3 “坏镇”", "out of range", "position 1" } },
  { "bad-not-number.geojson", GW_GEOJSON_ERROR_BAD_COORDINATES,
    { "feature 2 of 3 “坏镇”", "position 2", "not a pair of numbers" } },
  { "bad-geometry-type.geojson", GW_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY,
    { "feature 2 of 3 “坏镇”", "“LineString”", NULL } },
  { "bad-no-geometry.geojson", GW_GEOJSON_ERROR_NO_GEOMETRY,
    { "feature 2 of 3 “坏镇”", "no geometry", NULL } },
  { "bad-duplicate-code.geojson", GW_GEOJSON_ERROR_DUPLICATE_CODE,
    { "feature 2 of 3 “坏镇”", "430405007000", "feature 1 “衡州路街道”" } },
  { "bad-no-code.geojson", GW_GEOJSON_ERROR_NO_CODE,
    { "feature 2 of 3 “坏镇”", "no division code", NULL } },
  { "bad-code.geojson", GW_GEOJSON_ERROR_BAD_CODE,
    { "feature 2 of 3 “坏镇”", "6 digits", NULL } },
  /* Found only while writing, after feature 1 was written: rolled back. */
  { "bad-new-without-name.geojson", GW_GEOJSON_ERROR_NO_NAME,
    { "feature 2 of 3 “430405991”", "no name", NULL } },
};

static GwStore *refusal_store;

static void
test_refusal (gconstpointer data)
{
  const Refusal *r = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture (r->file);
  g_autofree char *before = dump (refusal_store);
  g_autofree char *after = NULL;
  GwGeojsonSummary summary = { 77, 77, 77, 77 };

  g_assert_false (gw_geojson_import_file (refusal_store, path, NULL, NULL, NULL, &summary,
                                          &error));
  g_assert_error (error, GW_GEOJSON_ERROR, r->code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  for (guint i = 0; i < G_N_ELEMENTS (r->mentions) && r->mentions[i]; i++)
    if (strstr (error->message, r->mentions[i]) == NULL)
      g_error ("“%s” does not mention “%s”", error->message, r->mentions[i]);
  g_assert_cmpuint (summary.features, ==, 77);

  after = dump (refusal_store);
  g_assert_true (strcmp (before, after) == 0);
  /* And the store is usable afterwards: no transaction left open. */
  g_assert_true (sqlite3_get_autocommit (gw_store_get_db (refusal_store)));
}

static void
test_refusal_data (void)
{
  g_autoptr(GwStore) store = demo_store (0);
  g_autoptr(GError) error = NULL;

  g_assert_false (gw_geojson_import_data (store, "paste", "(function (root) { "
                                          "echarts.registerMap('x', {}); })", -1, NULL, NULL,
                                          NULL, NULL, &error));
  g_assert_error (error, GW_GEOJSON_ERROR, GW_GEOJSON_ERROR_ECHARTS);
  g_assert_true (g_str_has_prefix (error->message, "paste: "));
}

/* ---- shapes ---------------------------------------------------------------------------- */

static void
test_shape_label_point (void)
{
  /* A C shape: its centroid falls in the open side. */
  const char *c = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,2],[2,2],[2,8],"
                  "[10,8],[10,10],[0,10],[0,0]]]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GwShape) shape = gw_shape_parse (c, &error);
  g_autofree char *text = NULL;
  GwPoint p;

  g_assert_no_error (error);
  g_assert_false (gw_shape_contains (shape, gw_ring_centroid (g_ptr_array_index ((GPtrArray *) shape->polygons->pdata[0], 0))));
  p = gw_shape_label_point (shape);
  g_assert_true (gw_shape_contains (shape, p));

  text = gw_shape_to_geojson (shape);
  g_assert_true (g_str_has_prefix (text, "{\"type\":\"Polygon\",\"coordinates\":[[[0.000000,0.000000],"));
}

/* ---- map data --------------------------------------------------------------------------- */

static void
test_status_rule (void)
{
  g_assert_cmpint (gw_grid_status_for (0, 0, 0, 0), ==, GW_GRID_STATUS_GREEN);
  g_assert_cmpint (gw_grid_status_for (0, 0, 0, 3), ==, GW_GRID_STATUS_YELLOW);
  g_assert_cmpint (gw_grid_status_for (0, 0, 1, 3), ==, GW_GRID_STATUS_ORANGE);
  g_assert_cmpint (gw_grid_status_for (1, 0, 1, 3), ==, GW_GRID_STATUS_RED);
  g_assert_cmpint (gw_grid_status_for (0, 1, 0, 0), ==, GW_GRID_STATUS_RED);
  for (guint s = 0; s < GW_N_GRID_STATUSES; s++)
    {
      g_assert_nonnull (gw_grid_status_label (s));
      g_assert_nonnull (gw_grid_status_meaning (s));
    }
}

static void
test_statuses_match_hazards (void)
{
  g_autoptr(GwStore) store = demo_store (600);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) statuses = gw_map_grid_statuses (store, TODAY, &error);
  g_autoptr(GPtrArray) grids = gw_map_grids (store, &error);
  guint counted[GW_N_GRID_STATUSES] = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (grids->len, ==, query_int (store, "SELECT count(*) FROM grids"));
  for (guint i = 0; i < grids->len; i++)
    {
      GwMapGrid *g = grids->pdata[i];
      GwMapGridStatus *s = g_hash_table_lookup (statuses, &g->id);
      g_autofree char *sql = NULL;
      gint64 overdue, level_i, active, waiting;
      GwGridStatus expected;

      g_assert_nonnull (g->shape);
      g_assert_true (gw_shape_contains (g->shape, g->label));
      sql = g_strdup_printf ("SELECT count(*) FROM hazards WHERE grid_id = %" G_GINT64_FORMAT
                             " AND (state = 'reported' OR state = 'rectifying') AND deadline < '"
                             TODAY "'", g->id);
      overdue = query_int (store, sql);
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM hazards WHERE grid_id = %" G_GINT64_FORMAT
                             " AND state <> 'closed' AND level = 'I'", g->id);
      level_i = query_int (store, sql);
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM hazards WHERE grid_id = %" G_GINT64_FORMAT
                             " AND (state = 'reported' OR state = 'rectifying')", g->id);
      active = query_int (store, sql);
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM hazards WHERE grid_id = %" G_GINT64_FORMAT
                             " AND (state = 'verifying' OR state = 'downgraded')", g->id);
      waiting = query_int (store, sql);
      expected = gw_grid_status_for (overdue, level_i, active, waiting);
      g_assert_cmpint (s ? s->status : GW_GRID_STATUS_GREEN, ==, expected);
      if (s != NULL)
        g_assert_cmpuint (s->overdue, ==, overdue);
      counted[expected]++;
    }
  /* The demo city has grids of every colour. */
  for (guint s = 0; s < GW_N_GRID_STATUSES; s++)
    g_test_message ("%s: %u", gw_grid_status_to_id (s), counted[s]);
  g_assert_cmpuint (counted[GW_GRID_STATUS_RED], >, 0);
}

static void
test_hazard_marks (void)
{
  g_autoptr(GwStore) store = demo_store (600);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwMapHazards) fine = NULL, coarse = NULL, tallies = NULL;
  GwBounds all;
  gint64 open = query_int (store, "SELECT count(*) FROM hazards WHERE lat IS NOT NULL AND "
                                  "state <> 'closed'");
  guint sum = 0, singles = 0;

  g_assert_true (gw_map_extent (store, &all, &error));
  g_assert_no_error (error);

  /* A cell far smaller than the spacing of the hazards: one mark each. */
  fine = gw_map_hazards (store, &all, 1e-9, 100000, TODAY, &error);
  g_assert_no_error (error);
  g_assert_false (fine->by_grid);
  g_assert_cmpuint (fine->total, ==, open);
  /* Hazards at one enterprise share its place: one mark per place. */
  g_assert_cmpuint (fine->marks->len, ==,
                    query_int (store, "SELECT count(DISTINCT lat || ',' || lon) FROM hazards "
                                      "WHERE lat IS NOT NULL AND state <> 'closed'"));

  coarse = gw_map_hazards (store, &all, 64.0 / (256 << 8), 100000, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coarse->total, ==, open);
  g_assert_cmpuint (coarse->marks->len, <, open);
  for (guint i = 0; i < coarse->marks->len; i++)
    {
      GwMapMark *m = &g_array_index (coarse->marks, GwMapMark, i);

      sum += m->count;
      if (m->count == 1)
        {
          g_assert_cmpint (m->id, >, 0);
          singles++;
        }
      else
        {
          g_assert_cmpint (m->id, ==, 0);
          g_assert_cmpfloat (m->lat, >=, m->bounds.min_lat);
          g_assert_cmpfloat (m->lat, <=, m->bounds.max_lat);
        }
    }
  g_assert_cmpuint (sum, ==, open);

  /* Above max_rows: the grid tallies, which count every open hazard of the grids
   * whose centre is in view. */
  tallies = gw_map_hazards (store, &all, 64.0 / (256 << 8), 10, TODAY, &error);
  g_assert_no_error (error);
  g_assert_true (tallies->by_grid);
  g_assert_cmpuint (tallies->total, ==, query_int (store, "SELECT count(*) FROM hazards "
                                                          "WHERE state <> 'closed'"));
}

static void
test_grid_detail (void)
{
  g_autoptr(GwStore) store = demo_store (600);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwMapGridDetail) d = NULL;
  gint64 grid_id = query_int (store, "SELECT grid_id FROM hazards WHERE state = 'rectifying' "
                                     "AND deadline < '" TODAY "' GROUP BY grid_id "
                                     "ORDER BY count(*) DESC LIMIT 1");
  g_autofree char *sql = NULL;
  guint sum = 0;

  d = gw_map_grid_detail (store, grid_id, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d->status, ==, GW_GRID_STATUS_RED);
  g_assert_cmpuint (d->overdue, >, 0);
  g_assert_cmpuint (d->overdue_hazards->len, ==, MIN (d->overdue, 20));
  g_assert_cmpuint (((GwStaff *) d->staff->pdata[0])->role, ==, GW_ROLE_GRID_CHIEF);
  for (guint s = 0; s < GW_N_STATES; s++)
    for (guint l = 0; l < GW_N_LEVELS; l++)
      sum += d->open_by[s][l];
  g_assert_cmpuint (sum, ==, d->open);
  sql = g_strdup_printf ("SELECT count(*) FROM hazards WHERE grid_id = %" G_GINT64_FORMAT
                         " AND state <> 'closed'", grid_id);
  g_assert_cmpuint (d->open, ==, query_int (store, sql));
  g_assert_cmpuint (d->n_dekads, ==, 3);
  /* 23 November: the first two dekads are over, the third is running. */
  g_assert_true (d->cadence[0] == GW_CADENCE_DONE || d->cadence[0] == GW_CADENCE_MISSED);
  g_assert_true (d->cadence[2] == GW_CADENCE_DONE || d->cadence[2] == GW_CADENCE_DUE);

  g_assert_null (gw_map_grid_detail (store, 999999, TODAY, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND);
}

static void
test_grid_contains (void)
{
  g_autoptr(GwStore) store = demo_store (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grids = gw_map_grids (store, &error);
  GwMapGrid *a = grids->pdata[0], *b = grids->pdata[grids->len - 1];
  gboolean known = FALSE;

  g_assert_true (gw_map_grid_contains (store, a->id, a->label.y, a->label.x, &known, &error));
  g_assert_true (known);
  g_assert_false (gw_map_grid_contains (store, a->id, b->label.y, b->label.x, &known, &error));
  g_assert_cmpint (gw_map_grid_at (store, b->label.y, b->label.x, &error), ==, b->id);
  g_assert_cmpint (gw_map_grid_at (store, 0, 0, &error), ==, 0);
  g_assert_no_error (error);
}

/* What people type for a place: both commas, spaces, and the refusals. */
static void
test_location_parse (void)
{
  double lat = 0, lon = 0;

  g_assert_true (gw_location_parse ("28.1, 112.6", &lat, &lon));
  g_assert_cmpfloat (lat, ==, 28.1);
  g_assert_cmpfloat (lon, ==, 112.6);
  g_assert_true (gw_location_parse ("27.5 113", &lat, &lon));
  g_assert_cmpfloat (lon, ==, 113);
  g_assert_true (gw_location_parse ("26.9，112.57", &lat, &lon));
  g_assert_cmpfloat (lat, ==, 26.9);
  g_assert_cmpfloat (lon, ==, 112.57);
  g_assert_false (gw_location_parse ("91, 112", &lat, &lon));
  g_assert_false (gw_location_parse ("28.1", &lat, &lon));
  g_assert_false (gw_location_parse ("28.1, 112.6, 3", &lat, &lon));
  g_assert_false (gw_location_parse ("北纬28, 112", &lat, &lon));
  g_assert_false (gw_location_parse ("", &lat, &lon));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp = g_dir_make_tmp ("gw-geojson-XXXXXX", &error);
  g_assert_no_error (error);
  refusal_store = demo_store (30);

  g_test_add_func ("/geojson/gcj02/forward", test_gcj02_forward);
  g_test_add_func ("/geojson/gcj02/inverse", test_gcj02_inverse);
  g_test_add_func ("/geojson/gcj02/out-of-china", test_gcj02_out_of_china);
  g_test_add_func ("/geojson/import/valid", test_import_valid);
  g_test_add_func ("/geojson/import/properties", test_import_properties);
  g_test_add_func ("/geojson/import/gcj02", test_import_gcj02);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *name = g_strdup (refusals[i].file);
      g_autofree char *test_path = NULL;

      *strchr (name, '.') = '\0';
      test_path = g_strdup_printf ("/geojson/refuse/%s", name + strlen ("bad-"));
      g_test_add_data_func (test_path, &refusals[i], test_refusal);
    }
  g_test_add_func ("/geojson/refuse/echarts-script", test_refusal_data);
  g_test_add_func ("/geojson/shape/label-point", test_shape_label_point);
  g_test_add_func ("/map-data/status-rule", test_status_rule);
  g_test_add_func ("/map-data/statuses", test_statuses_match_hazards);
  g_test_add_func ("/map-data/hazard-marks", test_hazard_marks);
  g_test_add_func ("/map-data/grid-detail", test_grid_detail);
  g_test_add_func ("/map-data/grid-contains", test_grid_contains);
  g_test_add_func ("/geometry/location-parse", test_location_parse);

  status = g_test_run ();
  g_clear_object (&refusal_store);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp);
  }
  return status;
}
