/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-map"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "gw-basemap-prefs.h"
#include "gw-demo.h"
#include "gw-map-view.h"
#include "gw-mbtiles-source.h"
#include "gw-test-util.h"

#define TODAY "2026-11-23"

static char *tmp_dir;
static char *demo_path;

static gboolean
map_settled (gpointer data)
{
  GwMapView *view = data;

  return gw_map_view_get_ready (view)
         && gw_grid_layer_get_pending (gw_map_view_get_grid_layer (view)) == 0;
}

static gint64
query_int (const char *sql)
{
  return gw_test_query_int (demo_path, sql);
}

static char *
query_text (const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *v = NULL;

  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* ---- a window with the map page --------------------------------------------------------- */

typedef struct {
  GtkWidget *window;
  GwMapView *view;
  GwStore   *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GError) error = NULL;

  /* The tests share one memory settings backend, and the map remembers its
   * last view there: forget the previous test's, so each starts fitted to
   * the city. */
  g_settings_reset (settings, "map-view");
  f->store = gw_store_open (demo_path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  f->view = gw_map_view_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gw_map_view_set_today (f->view, TODAY);
  gw_map_view_set_store (f->view, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  gw_test_wait_until (map_settled, f->view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  gw_test_spin (50);
}

static ShumateViewport *
viewport_of (Fixture *f)
{
  return shumate_map_get_viewport (gw_map_view_get_map (f->view));
}

static void
to_widget (Fixture *f,
           double   lat,
           double   lon,
           double  *x,
           double  *y)
{
  shumate_viewport_location_to_widget_coords (viewport_of (f), GTK_WIDGET (gw_map_view_get_map (f->view)),
                                              lat, lon, x, y);
}

/* A point of @grid_id on screen that no hazard mark covers. */
static gboolean
free_point_of_grid (Fixture *f,
                    gint64   grid_id,
                    double  *x,
                    double  *y)
{
  GwGridLayer *grids = gw_map_view_get_grid_layer (f->view);
  GwHazardLayer *hazards = gw_map_view_get_hazard_layer (f->view);
  double lat, lon, cx, cy;

  g_assert_true (gw_grid_layer_get_label_point (grids, grid_id, &lat, &lon));
  to_widget (f, lat, lon, &cx, &cy);
  for (int r = 0; r < 60; r += 3)
    for (int k = 0; k < 16; k++)
      {
        double px = cx + r * cos (k * G_PI / 8), py = cy + r * sin (k * G_PI / 8);

        if (gw_grid_layer_get_grid_at (grids, px, py) == grid_id
            && gw_hazard_layer_get_mark_at (hazards, px, py) == NULL)
          {
            *x = px;
            *y = py;
            return TRUE;
          }
      }
  return FALSE;
}

/* ---- tests ------------------------------------------------------------------------------- */

static void
test_shows_city (Fixture       *f,
                 gconstpointer  data)
{
  GwGridLayer *grids = gw_map_view_get_grid_layer (f->view);
  const GwMapHazards *hazards = gw_hazard_layer_get_hazards (gw_map_view_get_hazard_layer (f->view));
  GtkWidget *map = GTK_WIDGET (gw_map_view_get_map (f->view));
  gint64 chenzhou = query_int ("SELECT id FROM grids ORDER BY id LIMIT 1");
  double lat, lon, x, y;

  g_assert_cmpuint (gw_grid_layer_get_n_grids (grids), ==, query_int ("SELECT count(*) FROM grids"));
  g_assert_nonnull (hazards);
  g_assert_cmpuint (hazards->marks->len, >, 0);
  g_assert_null (gw_map_view_get_banner (f->view));
  /* Fitted to the city: every grid's label point is on screen. */
  for (gint64 id = chenzhou; id < chenzhou + 191; id += 19)
    {
      g_assert_true (gw_grid_layer_get_label_point (grids, id, &lat, &lon));
      to_widget (f, lat, lon, &x, &y);
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (x, <, gtk_widget_get_width (map));
      g_assert_cmpfloat (y, <, gtk_widget_get_height (map));
    }
  /* The points shown are the open hazards with a place, all of them. */
  g_assert_cmpuint (hazards->total, ==,
                    query_int ("SELECT count(*) FROM hazards WHERE lat IS NOT NULL AND state <> 'closed'"));
}

static void
test_click_grid (Fixture       *f,
                 gconstpointer  data)
{
  /* A red grid with overdue hazards: its panel has the most to show. */
  gint64 grid_id = query_int ("SELECT grid_id FROM hazards WHERE state = 'rectifying' AND deadline < '"
                              TODAY "' GROUP BY grid_id ORDER BY count(*) DESC LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM staff WHERE grid_id = %" G_GINT64_FORMAT
                                          " AND role = 'grid-chief' ORDER BY name LIMIT 1", grid_id);
  g_autofree char *chief = query_text (sql);
  GwGridPanel *panel = gw_map_view_get_panel (f->view);
  double x = 0, y = 0;

  g_assert_nonnull (chief);
  /* Close enough to click it surely. */
  gw_map_view_show_grid (f->view, grid_id);
  gw_map_view_select_grid (f->view, 0);
  gw_test_wait_until (map_settled, f->view);
  g_assert_cmpint (gw_map_view_get_selected_grid (f->view), ==, 0);

  g_assert_true (free_point_of_grid (f, grid_id, &x, &y));
  gw_map_view_click_at (f->view, x, y);
  g_assert_cmpint (gw_map_view_get_selected_grid (f->view), ==, grid_id);
  g_assert_cmpint (gw_grid_panel_get_grid_id (panel), ==, grid_id);
  g_assert_cmpstr (gw_grid_panel_get_chief_name (panel), ==, chief);
  g_assert_cmpint (gw_grid_layer_get_selected (gw_map_view_get_grid_layer (f->view)), ==, grid_id);
  gw_test_spin (400);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));

  /* Escape closes the panel. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "map.escape", NULL);
  g_assert_cmpint (gw_map_view_get_selected_grid (f->view), ==, 0);
}

static void
hazard_activated_cb (GwMapView *view,
                     gint64     id,
                     gint64    *out)
{
  *out = id;
}

static void
test_click_point (Fixture       *f,
                  gconstpointer  data)
{
  GwHazardLayer *layer = gw_map_view_get_hazard_layer (f->view);
  ShumateViewport *viewport = viewport_of (f);
  const GwMapHazards *hazards;
  const GwMapMark *single = NULL;
  gint64 activated = 0;
  double x = 0, y = 0;

  /* Close in on the city centre, where single points show. */
  shumate_viewport_set_zoom_level (viewport, shumate_viewport_get_zoom_level (viewport) + 3);
  gw_test_spin (50);
  gw_test_wait_until (map_settled, f->view);
  hazards = gw_hazard_layer_get_hazards (layer);
  for (guint i = 0; i < hazards->marks->len && single == NULL; i++)
    {
      const GwMapMark *m = &g_array_index (hazards->marks, GwMapMark, i);

      if (m->count != 1)
        continue;
      to_widget (f, m->lat, m->lon, &x, &y);
      if (x > 20 && y > 20 && x < 900 && y < 780 && gw_hazard_layer_get_mark_at (layer, x, y) == m)
        single = m;
    }
  g_assert_nonnull (single);
  g_assert_cmpint (single->id, >, 0);

  g_signal_connect (f->view, "hazard-activated", G_CALLBACK (hazard_activated_cb), &activated);
  gw_map_view_click_at (f->view, x, y);
  g_assert_cmpint (activated, ==, single->id);
  g_assert_cmpint (gw_hazard_layer_get_highlight (layer), ==, single->id);
  /* A point is not a grid: the panel stays shut. */
  g_assert_cmpint (gw_map_view_get_selected_grid (f->view), ==, 0);
}

static void
test_click_cluster (Fixture       *f,
                    gconstpointer  data)
{
  GwHazardLayer *layer = gw_map_view_get_hazard_layer (f->view);
  ShumateViewport *viewport = viewport_of (f);
  const GwMapHazards *hazards = gw_hazard_layer_get_hazards (layer);
  double zoom = shumate_viewport_get_zoom_level (viewport), x = 0, y = 0;
  const GwMapMark *cluster = NULL;
  gint64 activated = 0;

  for (guint i = 0; i < hazards->marks->len && cluster == NULL; i++)
    {
      const GwMapMark *m = &g_array_index (hazards->marks, GwMapMark, i);

      to_widget (f, m->lat, m->lon, &x, &y);
      if (m->count > 3 && gw_hazard_layer_get_mark_at (layer, x, y) == m)
        cluster = m;
    }
  g_assert_nonnull (cluster);
  g_signal_connect (f->view, "hazard-activated", G_CALLBACK (hazard_activated_cb), &activated);
  gw_map_view_click_at (f->view, x, y);
  g_assert_cmpint (activated, ==, 0);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom);
}

static void
test_zoom_keys (Fixture       *f,
                gconstpointer  data)
{
  ShumateViewport *viewport = viewport_of (f);
  double zoom = shumate_viewport_get_zoom_level (viewport);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "map.zoom-in", NULL);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, round (zoom + 1));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "map.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "map.zoom-out", NULL);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, round (zoom + 1) - 2);

  /* The keys are bound on the page: + and - with the map focused. */
  gtk_widget_grab_focus (GTK_WIDGET (gw_map_view_get_map (f->view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "map.fit", NULL));
  gw_test_wait_until (map_settled, f->view);
  g_assert_cmpfloat (fabs (shumate_viewport_get_zoom_level (viewport) - zoom), <, 0.01);
}

static void
picked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  double *out = user_data;
  gboolean inside = FALSE;
  g_autoptr(GError) error = NULL;

  out[3] = gw_map_view_pick_location_finish (GW_MAP_VIEW (object), result, &out[0], &out[1],
                                             &inside, &error);
  out[2] = inside;
  out[4] = error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
picked (gpointer data)
{
  double *out = data;
  return out[3] != 0 || out[4] != 0;
}

static void
test_pick_location (Fixture       *f,
                    gconstpointer  data)
{
  gint64 grid_id = query_int ("SELECT id FROM grids ORDER BY id LIMIT 1 OFFSET 40");
  gint64 other = query_int ("SELECT id FROM grids ORDER BY id LIMIT 1 OFFSET 120");
  double result[5] = { 0 }, x, y, lat, lon, ox, oy;

  gw_map_view_pick_location_async (f->view, grid_id, NULL, picked_cb, result);
  g_assert_nonnull (gw_map_view_get_banner (f->view));
  gw_test_wait_until (map_settled, f->view);
  g_assert_true (gw_grid_layer_get_label_point (gw_map_view_get_grid_layer (f->view), grid_id, &lat, &lon));
  to_widget (f, lat, lon, &x, &y);
  gw_map_view_click_at (f->view, x, y);
  gw_test_wait_until (picked, result);
  g_assert_true (result[3] != 0);
  g_assert_true (result[2] != 0);          /* inside its grid */
  g_assert_cmpfloat (fabs (result[0] - lat), <, 1e-3);
  g_assert_cmpfloat (fabs (result[1] - lon), <, 1e-3);
  /* Picking does not select or activate anything. */
  g_assert_cmpint (gw_map_view_get_selected_grid (f->view), ==, 0);

  /* A place in another grid is given, and said to be outside. */
  memset (result, 0, sizeof result);
  gw_map_view_fit_city (f->view);
  gw_test_wait_until (map_settled, f->view);
  gw_map_view_pick_location_async (f->view, grid_id, NULL, picked_cb, result);
  gw_map_view_fit_city (f->view);
  gw_test_wait_until (map_settled, f->view);
  g_assert_true (gw_grid_layer_get_label_point (gw_map_view_get_grid_layer (f->view), other, &lat, &lon));
  to_widget (f, lat, lon, &ox, &oy);
  gw_map_view_click_at (f->view, ox, oy);
  gw_test_wait_until (picked, result);
  g_assert_true (result[3] != 0);
  g_assert_true (result[2] == 0);

  /* Escape cancels. */
  memset (result, 0, sizeof result);
  gw_map_view_pick_location_async (f->view, 0, NULL, picked_cb, result);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "map.escape", NULL);
  gw_test_wait_until (picked, result);
  g_assert_true (result[4] != 0);
  g_assert_null (gw_map_view_get_banner (f->view));
}

static void
test_show_hazard (Fixture       *f,
                  gconstpointer  data)
{
  gint64 id = query_int ("SELECT id FROM hazards WHERE lat IS NOT NULL AND state <> 'closed' "
                         "ORDER BY id LIMIT 1");
  ShumateViewport *viewport = viewport_of (f);
  GtkWidget *map = GTK_WIDGET (gw_map_view_get_map (f->view));
  g_autoptr(GwHazard) h = gw_store_hazard_get (f->store, id, NULL);
  double x, y;

  gw_map_view_show_hazard (f->view, id);
  g_assert_cmpint (gw_hazard_layer_get_highlight (gw_map_view_get_hazard_layer (f->view)), ==, id);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 14);
  to_widget (f, h->lat, h->lon, &x, &y);
  g_assert_cmpfloat (fabs (x - gtk_widget_get_width (map) / 2.0), <, 2);
  g_assert_cmpfloat (fabs (y - gtk_widget_get_height (map) / 2.0), <, 2);
}

static void
test_legend (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) texts = g_string_new (NULL);
  GtkWidget *legend = NULL;

  /* Every label of the page, gathered. */
  for (GtkWidget *w = GTK_WIDGET (f->view); w != NULL;)
    {
      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (gtk_widget_get_parent (w), "gw-map-legend"))
        legend = gtk_widget_get_parent (w);
      if (GTK_IS_LABEL (w))
        g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (w)));
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (f->view) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == GTK_WIDGET (f->view)) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (legend);
  /* Each colour is named in words. */
  for (guint s = 0; s < GW_N_GRID_STATUSES; s++)
    g_assert_nonnull (strstr (texts->str, gw_grid_status_label (s)));
  for (guint l = GW_LEVEL_I; l < GW_N_LEVELS; l++)
    g_assert_nonnull (strstr (texts->str, gw_level_label (l)));
}

static gboolean
view_saved (gpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  double *want = data, lat, lon, zoom;

  g_settings_get (settings, "map-view", "(ddd)", &lat, &lon, &zoom);
  return fabs (lat - want[0]) < 1e-6 && fabs (lon - want[1]) < 1e-6 && fabs (zoom - want[2]) < 1e-6;
}

/* A view set, the map destroyed and made again: the same view comes back. */
static void
test_remembers_view (Fixture       *f,
                     gconstpointer  data)
{
  gint64 grid_id = query_int ("SELECT id FROM grids ORDER BY id LIMIT 1 OFFSET 70");
  ShumateViewport *viewport = viewport_of (f);
  double fitted = shumate_viewport_get_zoom_level (viewport);
  double want[3], lat, lon;

  g_assert_true (gw_grid_layer_get_label_point (gw_map_view_get_grid_layer (f->view), grid_id,
                                                &lat, &lon));
  shumate_viewport_set_zoom_level (viewport, 13);
  shumate_map_center_on (gw_map_view_get_map (f->view), lat, lon);
  want[0] = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  want[1] = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  want[2] = 13;
  g_assert_cmpfloat (fabs (fitted - 13), >, 1);
  /* Saved once the view rests, without closing anything. */
  gw_test_wait_until (view_saved, want);

  fixture_tear_down (f, NULL);
  f->store = gw_store_open (demo_path, GW_STORE_OPEN_DEFAULT, NULL);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  f->view = gw_map_view_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gw_map_view_set_today (f->view, TODAY);
  gw_map_view_set_store (f->view, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  gw_test_wait_until (map_settled, f->view);
  viewport = viewport_of (f);
  g_assert_cmpfloat (fabs (shumate_viewport_get_zoom_level (viewport) - 13), <, 1e-6);
  g_assert_cmpfloat (fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - want[0]), <, 1e-6);
  g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - want[1]), <, 1e-6);

  /* A view moved just before the map goes is not lost to the delay. */
  shumate_viewport_set_zoom_level (viewport, 12);
  want[0] = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  want[1] = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  want[2] = 12;
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  g_assert_true (view_saved (want));
  f->window = gtk_window_new ();
  f->view = gw_map_view_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gw_map_view_set_today (f->view, TODAY);
  gw_map_view_set_store (f->view, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  gw_test_wait_until (map_settled, f->view);
  g_assert_cmpfloat (fabs (shumate_viewport_get_zoom_level (viewport_of (f)) - 12), <, 1e-6);
}

/* A remembered view away from this database's grids (another city's file):
 * the map fits to the city instead. */
static void
test_view_outside_data (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  double fitted = shumate_viewport_get_zoom_level (viewport_of (f));

  fixture_tear_down (f, NULL);
  g_settings_set (settings, "map-view", "(ddd)", 39.9, 116.4, 12.0);    /* Beijing */
  f->store = gw_store_open (demo_path, GW_STORE_OPEN_DEFAULT, NULL);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  f->view = gw_map_view_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gw_map_view_set_today (f->view, TODAY);
  gw_map_view_set_store (f->view, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  gw_test_wait_until (map_settled, f->view);
  g_assert_cmpfloat (fabs (shumate_viewport_get_zoom_level (viewport_of (f)) - fitted), <, 0.01);
  g_assert_cmpfloat (fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport_of (f))) - 39.9), >, 5);
}

/* ---- boundary import from the page --------------------------------------------------------- */

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */
  AdwMessageDialog *found = NULL;

  /* The newest: answered ones may linger a moment. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w))
          && g_object_get_data (G_OBJECT (w), "test-answered") == NULL
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        found = ADW_MESSAGE_DIALOG (w);
    }
  return found;
}

typedef struct {
  GwMapView  *view;
  const char *heading;
} ImportWait;

static gboolean
import_finished (gpointer data)
{
  ImportWait *w = data;
  const char *banner = gw_map_view_get_banner (w->view);

  if (w->heading != NULL)
    return find_dialog (w->heading) != NULL;
  return banner != NULL && g_str_has_prefix (banner, "Imported") && map_settled (w->view);
}

static void
test_import_from_page (void)
{
  g_autofree char *copy = g_build_filename (tmp_dir, "import.db", NULL);
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "fixtures", "geojson", "valid.geojson", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "fixtures", "geojson", "bad-ring-open.geojson", NULL);
  g_autoptr(GwStore) demo = NULL, store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GwMapView *view = gw_map_view_new ();
  AdwMessageDialog *dialog;
  ImportWait wait = { view, NULL };
  guint grids;

  demo = gw_store_open (demo_path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gw_store_backup_to (demo, copy, &error));
  store = gw_store_open (copy, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gw_map_view_set_today (view, TODAY);
  gw_map_view_set_store (view, store);
  gtk_window_present (GTK_WINDOW (window));
  gw_test_wait_until (map_settled, view);
  grids = gw_grid_layer_get_n_grids (gw_map_view_get_grid_layer (view));

  /* A refused file: a dialog says why, the map keeps its grids. */
  gw_map_view_import_boundaries (view, bad);
  dialog = find_dialog ("Import Township Boundaries");
  g_assert_nonnull (dialog);
  g_object_set_data (G_OBJECT (dialog), "test-answered", GINT_TO_POINTER (1));
  adw_message_dialog_response (dialog, "import");
  /* Under way in a thread, with its progress bar in the banner. */
  g_assert_nonnull (gw_map_view_get_banner (view));
  g_assert_true (g_str_has_prefix (gw_map_view_get_banner (view), "Importing the boundaries of “bad-ring-open.geojson”"));
  wait.heading = "Could Not Import the Boundaries";
  gw_test_wait_until (import_finished, &wait);
  dialog = find_dialog (wait.heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "bad-ring-open.geojson"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "feature 2 of 3 “坏镇”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Nothing was imported"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A good one: two grids more on the map. */
  gw_map_view_import_boundaries (view, valid);
  dialog = find_dialog ("Import Township Boundaries");
  g_assert_nonnull (dialog);
  g_object_set_data (G_OBJECT (dialog), "test-answered", GINT_TO_POINTER (1));
  adw_message_dialog_response (dialog, "import");
  wait.heading = NULL;
  gw_test_wait_until (import_finished, &wait);
  g_assert_cmpuint (gw_grid_layer_get_n_grids (gw_map_view_get_grid_layer (view)), ==, grids + 2);

  gtk_window_destroy (GTK_WINDOW (window));
  gw_test_spin (50);
}

/* ---- MBTiles -------------------------------------------------------------------------------- */

static GBytes *
png_bytes (double r, double g, double b)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GdkTexture) texture = NULL;

  cairo_set_source_rgb (cr, r, g, b);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  {
    g_autoptr(GBytes) pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                                            256 * cairo_image_surface_get_stride (surface));
    texture = gdk_memory_texture_new (256, 256, GDK_MEMORY_DEFAULT, pixels,
                                      cairo_image_surface_get_stride (surface));
  }
  cairo_surface_destroy (surface);
  return gdk_texture_save_to_png_bytes (texture);
}

/* Zoom 1: a red tile at XYZ (0, 0) — TMS row 1 — and a blue one at XYZ (0, 1). */
static char *
make_mbtiles (const char *name,
              const char *format)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GBytes) red = png_bytes (1, 0, 0), blue = png_bytes (0, 0, 1);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                                     "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                                     " tile_row INTEGER, tile_data BLOB);"
                                     "INSERT INTO metadata VALUES ('name', 'Test tiles'),"
                                     " ('attribution', '<a href=\"x\">© Test</a>'),"
                                     " ('minzoom', '0'), ('maxzoom', '1');", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  if (format != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO metadata VALUES ('format', '%s')", format);
      sqlite3_exec (db, sql, NULL, NULL, NULL);
    }
  sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (1, 0, ?1, ?2)", -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, 1);
  sqlite3_bind_blob (stmt, 2, g_bytes_get_data (red, NULL), g_bytes_get_size (red), SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, 0);
  sqlite3_bind_blob (stmt, 2, g_bytes_get_data (blue, NULL), g_bytes_get_size (blue), SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return path;
}

typedef struct {
  GBytes  *received;
  int      received_y;
  gboolean received_before_finish;
  GBytes  *result;
  GError  *error;
  gboolean done;
} TileFetch;

static void
received_cb (ShumateDataSource *source,
             int                x,
             int                y,
             int                zoom,
             GBytes            *bytes,
             TileFetch         *fetch)
{
  fetch->received = g_bytes_ref (bytes);
  fetch->received_y = y;
  fetch->received_before_finish = !fetch->done;
}

static void
tile_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  TileFetch *fetch = user_data;

  fetch->result = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result,
                                                            &fetch->error);
  fetch->done = TRUE;
}

static gboolean
fetched (gpointer data)
{
  return ((TileFetch *) data)->done;
}

static void
test_mbtiles_source (void)
{
  g_autofree char *path = make_mbtiles ("tiles.mbtiles", "png");
  g_autoptr(GBytes) red = png_bytes (1, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwMbtilesSource) source = gw_mbtiles_source_new (path, &error);
  g_autoptr(ShumateMapSource) map_source = NULL;
  TileFetch fetch = { 0 };

  g_assert_no_error (error);
  g_assert_cmpstr (gw_mbtiles_source_get_name (source), ==, "Test tiles");
  g_assert_cmpuint (gw_mbtiles_source_get_max_zoom (source), ==, 1);
  map_source = gw_mbtiles_source_create_map_source (source);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 1);

  /* XYZ (0, 0) at zoom 1 is the northern tile: TMS row 1, the red one; the
   * data is announced in "received-data" before the request finishes. */
  g_signal_connect (source, "received-data", G_CALLBACK (received_cb), &fetch);
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), 0, 0, 1, NULL, tile_cb, &fetch);
  gw_test_wait_until (fetched, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_nonnull (fetch.received);
  g_assert_true (fetch.received_before_finish);
  g_assert_cmpint (fetch.received_y, ==, 0);
  g_assert_true (g_bytes_equal (fetch.result, red));
  g_assert_true (g_bytes_equal (fetch.received, red));
  g_clear_pointer (&fetch.received, g_bytes_unref);
  g_clear_pointer (&fetch.result, g_bytes_unref);

  /* A tile the file lacks. */
  memset (&fetch, 0, sizeof fetch);
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), 1, 1, 1, NULL, tile_cb, &fetch);
  gw_test_wait_until (fetched, &fetch);
  g_assert_error (fetch.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (fetch.received);
  g_clear_error (&fetch.error);
}

static void
test_mbtiles_refusals (void)
{
  g_autofree char *vector = make_mbtiles ("vector.mbtiles", "pbf");
  g_autofree char *not_mbtiles = g_build_filename (tmp_dir, "plain.sqlite", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.mbtiles", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_null (gw_mbtiles_source_new (vector, &error));
  g_assert_error (error, GW_MBTILES_ERROR, GW_MBTILES_ERROR_VECTOR);
  g_clear_error (&error);

  sqlite3_open (not_mbtiles, &db);
  sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL);
  sqlite3_close (db);
  g_assert_null (gw_mbtiles_source_new (not_mbtiles, &error));
  g_assert_error (error, GW_MBTILES_ERROR, GW_MBTILES_ERROR_NOT_MBTILES);
  g_clear_error (&error);

  g_assert_null (gw_mbtiles_source_new (missing, &error));
  g_assert_error (error, GW_MBTILES_ERROR, GW_MBTILES_ERROR_OPEN);
}

static void
test_base_map_settings (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *path = make_mbtiles ("base.mbtiles", "png");
  g_autofree char *missing = g_build_filename (tmp_dir, "nowhere.mbtiles", NULL);
  GwBasemapPrefs *prefs = gw_basemap_prefs_new ();

  g_object_ref_sink (prefs);
  /* The default needs no file and no network. */
  g_assert_null (gw_map_view_get_banner (f->view));
  g_settings_set_string (settings, "base-map-file", missing);
  g_settings_set_string (settings, "base-map", "mbtiles");
  g_assert_nonnull (gw_map_view_get_banner (f->view));
  g_assert_nonnull (strstr (gw_map_view_get_banner (f->view), "nowhere.mbtiles"));
  g_settings_set_string (settings, "base-map-file", path);
  g_assert_null (gw_map_view_get_banner (f->view));
  g_settings_reset (settings, "base-map");
  g_settings_reset (settings, "base-map-file");
  g_object_unref (prefs);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  GwDemoOptions options = { .n_hazards = 400, .seed = 2, .today = TODAY };
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmp_dir = g_dir_make_tmp ("gw-test-map-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (tmp_dir, "demo.db", NULL);
  store = gw_store_open (demo_path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  gw_demo_generate (store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_test_add ("/map/shows-city", Fixture, NULL, fixture_set_up, test_shows_city, fixture_tear_down);
  g_test_add ("/map/click-grid-opens-panel", Fixture, NULL, fixture_set_up, test_click_grid,
              fixture_tear_down);
  g_test_add ("/map/click-point-emits-hazard", Fixture, NULL, fixture_set_up, test_click_point,
              fixture_tear_down);
  g_test_add ("/map/click-cluster-zooms-in", Fixture, NULL, fixture_set_up, test_click_cluster,
              fixture_tear_down);
  g_test_add ("/map/zoom-actions", Fixture, NULL, fixture_set_up, test_zoom_keys, fixture_tear_down);
  g_test_add ("/map/pick-location", Fixture, NULL, fixture_set_up, test_pick_location,
              fixture_tear_down);
  g_test_add ("/map/show-hazard", Fixture, NULL, fixture_set_up, test_show_hazard, fixture_tear_down);
  g_test_add ("/map/remembers-view", Fixture, NULL, fixture_set_up, test_remembers_view,
              fixture_tear_down);
  g_test_add ("/map/view-outside-data-fits", Fixture, NULL, fixture_set_up, test_view_outside_data,
              fixture_tear_down);
  g_test_add ("/map/legend-names-colours", Fixture, NULL, fixture_set_up, test_legend,
              fixture_tear_down);
  g_test_add ("/map/base-map-settings", Fixture, NULL, fixture_set_up, test_base_map_settings,
              fixture_tear_down);
  g_test_add_func ("/map/import-boundaries", test_import_from_page);
  g_test_add_func ("/map/mbtiles/tiles", test_mbtiles_source);
  g_test_add_func ("/map/mbtiles/refusals", test_mbtiles_refusals);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  return status;
}
