/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hazard-location"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "gw-application.h"
#include "gw-demo.h"
#include "gw-directory.h"
#include "gw-hazard-page.h"
#include "gw-map-data.h"
#include "gw-map-view.h"
#include "gw-new-hazard-dialog.h"
#include "gw-query.h"
#include "gw-window.h"
#include "gw-test-util.h"
#include "gw-ui-util.h"

/* The hazard page's place on the map, through the window as the application
 * wires it (gw_application_plug_views): "show on map", "pick on map" and the
 * warning when the point lies outside its grid, checked against the database.
 * With GW_SHOT_DIR set it also saves screenshots of the screen there (run it
 * under xvfb-run -s '-screen 0 1600x1000x24'), named <what>-<GW_SHOT_LANG or
 * "en">.png. */

#define TODAY "2026-11-23"

static char *tmp_dir;
static char *demo_path;
static GwWindow *window;
static GwStore *check_store;     /* the test's own connection */
static GPtrArray *grids;         /* GwMapGrid of the demo city */

/* ---- waiting ---------------------------------------------------------------------- */

static gboolean
window_settled (gpointer data)
{
  return !gw_window_get_busy (window) && gw_window_get_stats (window) != NULL;
}

static void
shoot (const char *what)
{
  const char *dir = g_getenv ("GW_SHOT_DIR");
  const char *lang = g_getenv ("GW_SHOT_LANG");
  g_autofree char *name = NULL, *path = NULL, *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL)
    return;
  gw_test_spin (800);
  name = g_strdup_printf ("%s-%s.png", what, lang ? lang : "en");
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root -crop %dx%d+0+0 +repage %s",
                             gtk_widget_get_width (GTK_WIDGET (window)),
                             gtk_widget_get_height (GTK_WIDGET (window)), path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_test_message ("saved %s", path);
}

/* ---- the parts ---------------------------------------------------------------------- */

static GwHazardPage *
hazard_page (void)
{
  return GW_HAZARD_PAGE (gw_window_get_hazard_page (window));
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GwMapView *
map_view (void)
{
  GtkWidget *map = find_widget (GTK_WIDGET (window), GW_TYPE_MAP_VIEW);

  g_assert_nonnull (map);
  return GW_MAP_VIEW (map);
}

static GtkWidget *
page_child (const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (hazard_page ()),
                                                   GW_TYPE_HAZARD_PAGE, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static gboolean
map_settled (gpointer data)
{
  GwMapView *view = map_view ();

  return gtk_widget_get_mapped (GTK_WIDGET (view)) && gw_map_view_get_ready (view)
         && gw_grid_layer_get_pending (gw_map_view_get_grid_layer (view)) == 0;
}

static const GwMapGrid *
grid_of (gint64 id)
{
  for (guint i = 0; i < grids->len; i++)
    if (((GwMapGrid *) grids->pdata[i])->id == id)
      return grids->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

/* An open hazard with a place, of a grid with a boundary, that the demo
 * generated inside it. */
static GwHazard *
hazard_inside (guint skip)
{
  GwFilter filter = { .today = TODAY };
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  page = gw_store_hazard_list (check_store, &filter, 0, 400, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      GwHazard *h = page->pdata[i];
      gboolean known = FALSE;

      if (h->has_location && h->state != GW_STATE_CLOSED
          && gw_map_grid_contains (check_store, h->grid_id, h->lat, h->lon, &known, NULL) && known
          && skip-- == 0)
        return gw_store_hazard_get (check_store, h->id, NULL);
    }
  g_assert_not_reached ();
  return NULL;
}

static gint64
query_int (const char *sql)
{
  return gw_test_query_int (demo_path, sql);
}

static guint
n_events (gint64 hazard_id)
{
  g_autoptr(GPtrArray) events = gw_store_hazard_events (check_store, hazard_id, NULL);

  g_assert_nonnull (events);
  return events->len;
}

static void
show_hazard (gint64 id)
{
  gw_window_show_hazard (window, id);
  g_assert_nonnull (gw_hazard_page_get_hazard (hazard_page ()));
  g_assert_cmpint (gw_hazard_page_get_hazard (hazard_page ())->id, ==, id);
  gw_test_spin (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hazard_page ())));
}

/* ---- tests ------------------------------------------------------------------------- */

static void
test_buttons_need_a_map (void)
{
  GtkWidget *bare = gw_hazard_page_new ();
  g_autoptr(GwHazard) h = hazard_inside (0);
  g_autoptr(GError) error = NULL;
  GObject *row;

  /* A page nobody gave a map to offers none. */
  g_object_ref_sink (bare);
  gw_hazard_page_set_store (GW_HAZARD_PAGE (bare), check_store);
  g_assert_true (gw_hazard_page_load (GW_HAZARD_PAGE (bare), h->id, &error));
  g_assert_no_error (error);
  row = gtk_widget_get_template_child (bare, GW_TYPE_HAZARD_PAGE, "location_map_row");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_object_unref (bare);

  /* The window's does. */
  show_hazard (h->id);
  g_assert_true (gtk_widget_get_visible (page_child ("location_map_row")));
  g_assert_true (gtk_widget_get_mapped (page_child ("location_map_row")));
}

static gboolean
page_hidden (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (hazard_page ()));
}

static void
test_show_on_map (void)
{
  g_autoptr(GwHazard) h = hazard_inside (3);
  GwMapView *map = map_view ();
  ShumateViewport *viewport = shumate_map_get_viewport (gw_map_view_get_map (map));
  GtkWidget *widget = GTK_WIDGET (gw_map_view_get_map (map));
  double x, y;

  show_hazard (h->id);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (map)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hazard_page ()), "hazard.show-on-map", NULL));
  /* The window shows the map, centred on the hazard and ringing it. */
  gw_test_wait_until (map_settled, NULL);
  gw_test_wait_until (page_hidden, NULL);
  g_assert_cmpint (gw_hazard_layer_get_highlight (gw_map_view_get_hazard_layer (map)), ==, h->id);
  g_assert_cmpfloat (fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - h->lat), <, 1e-6);
  g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - h->lon), <, 1e-6);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 14);
  shumate_viewport_location_to_widget_coords (viewport, widget, h->lat, h->lon, &x, &y);
  g_assert_cmpfloat (fabs (x - gtk_widget_get_width (widget) / 2.0), <, 2);
  g_assert_cmpfloat (fabs (y - gtk_widget_get_height (widget) / 2.0), <, 2);
}

static gboolean
page_shown (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (hazard_page ()));
}

static gboolean
map_hidden (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (map_view ()));
}

static void
test_pick_location (void)
{
  g_autoptr(GwHazard) h = hazard_inside (5);
  g_autoptr(GwHazard) after = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GwMapView *map = map_view ();
  ShumateViewport *viewport = shumate_map_get_viewport (gw_map_view_get_map (map));
  const GwMapGrid *grid = grid_of (h->grid_id);
  guint before = n_events (h->id);
  const GwEvent *last;
  g_autofree char *shown = NULL;
  double x, y;

  /* Pick: the map, with the banner and its Cancel. */
  show_hazard (h->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hazard_page ()), "hazard.pick-location", NULL));
  gw_test_wait_until (map_settled, NULL);
  gw_test_wait_until (page_hidden, NULL);
  g_assert_nonnull (gw_map_view_get_banner (map));
  g_assert_nonnull (strstr (gw_map_view_get_banner (map), grid->name));
  shoot ("map-pick");

  /* A click at the grid's label point gives that place to the hazard. */
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (gw_map_view_get_map (map)),
                                              grid->label.y, grid->label.x, &x, &y);
  gw_map_view_click_at (map, x, y);
  gw_test_wait_until (page_shown, NULL);
  gw_test_wait_until (map_hidden, NULL);
  g_assert_null (gw_map_view_get_banner (map));
  after = gw_store_hazard_get (check_store, h->id, NULL);
  g_assert_true (after->has_location);
  g_assert_cmpfloat (fabs (after->lat - grid->label.y), <, 1e-4);
  g_assert_cmpfloat (fabs (after->lon - grid->label.x), <, 1e-4);
  /* An edit, kept as an event, by the operator. */
  events = gw_store_hazard_events (check_store, h->id, NULL);
  g_assert_cmpuint (events->len, ==, before + 1);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (last->kind, ==, "edit");
  g_assert_cmpstr (last->name, ==, "location");
  g_assert_cmpint (last->actor_id, ==, gw_window_get_operator_id (window));
  /* The page shows it, inside its grid: no warning. */
  shown = g_strdup_printf ("%.6f, %.6f", after->lat, after->lon);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_child ("location_row"))), ==, shown);
  g_assert_false (gtk_widget_get_visible (page_child ("location_warning_row")));
  g_assert_null (gw_hazard_page_get_location_warning (hazard_page ()));

  /* Escape on the map cancels: back on the hazard, nothing written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hazard_page ()), "hazard.pick-location", NULL));
  gw_test_wait_until (map_settled, NULL);
  gw_test_wait_until (page_hidden, NULL);
  g_assert_nonnull (gw_map_view_get_banner (map));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "map.escape", NULL));
  gw_test_wait_until (page_shown, NULL);
  gw_test_wait_until (map_hidden, NULL);
  g_assert_cmpuint (n_events (h->id), ==, before + 1);

  /* Leaving the map for another view ends the pick and stays there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hazard_page ()), "hazard.pick-location", NULL));
  gw_test_wait_until (map_settled, NULL);
  gw_test_wait_until (page_hidden, NULL);
  gw_window_show_view (window, "ledger");
  gw_test_spin (100);
  gw_test_wait_until (page_hidden, NULL);
  g_assert_null (gw_map_view_get_banner (map));
  gw_test_spin (500);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (hazard_page ())));
  g_assert_cmpuint (n_events (h->id), ==, before + 1);
}

static void
test_pick_refused (void)
{
  g_autoptr(GwHazard) h = hazard_inside (7);
  gint64 viewer = query_int ("SELECT id FROM staff WHERE role = 'viewer' ORDER BY id LIMIT 1");
  gint64 operator_id = gw_window_get_operator_id (window);

  /* A viewer may not edit: refused on the page, the map is not shown. */
  g_assert_cmpint (viewer, >, 0);
  gw_window_set_operator_id (window, viewer);
  show_hazard (h->id);
  gtk_widget_activate_action (GTK_WIDGET (hazard_page ()), "hazard.pick-location", NULL);
  gw_test_spin (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hazard_page ())));
  g_assert_nonnull (gw_hazard_page_get_last_error (hazard_page ()));
  g_assert_null (gw_map_view_get_banner (map_view ()));
  gw_window_set_operator_id (window, operator_id);
}

static void
test_outside_warning (void)
{
  g_autoptr(GwHazard) h = hazard_inside (9);
  const GwMapGrid *other = NULL;
  const char *warning;
  const char *subtitle;

  for (guint i = 0; i < grids->len && other == NULL; i++)
    {
      const GwMapGrid *g = grids->pdata[i];

      if (g->id != h->grid_id && g->shape != NULL
          && gw_map_grid_at (check_store, g->label.y, g->label.x, NULL) == g->id)
        other = g;
    }
  g_assert_nonnull (other);

  show_hazard (h->id);
  g_assert_false (gtk_widget_get_visible (page_child ("location_warning_row")));

  /* Into another grid: warned, naming both grids. */
  g_assert_true (gw_hazard_page_set_location (hazard_page (), other->label.y, other->label.x));
  g_assert_true (gtk_widget_get_visible (page_child ("location_warning_row")));
  warning = gw_hazard_page_get_location_warning (hazard_page ());
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, h->grid_name));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (page_child ("location_warning_row")));
  g_assert_nonnull (strstr (subtitle, other->name));
  shoot ("hazard-location");

  /* Typed back inside: the warning goes. */
  gtk_editable_set_text (GTK_EDITABLE (page_child ("location_row")), "");
  {
    g_autofree char *text = g_strdup_printf ("%.6f, %.6f", h->lat, h->lon);

    gtk_editable_set_text (GTK_EDITABLE (page_child ("location_row")), text);
  }
  g_signal_emit_by_name (page_child ("location_row"), "apply");
  g_assert_false (gtk_widget_get_visible (page_child ("location_warning_row")));
  g_assert_null (gw_hazard_page_get_location_warning (hazard_page ()));

  /* A grid with no boundary has nothing to be outside of. */
  {
    sqlite3 *db;
    g_autofree char *sql = g_strdup_printf ("UPDATE grids SET boundary = NULL WHERE id = %"
                                            G_GINT64_FORMAT, h->grid_id);

    g_assert_cmpint (sqlite3_open (demo_path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 5000);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (gw_hazard_page_set_location (hazard_page (), other->label.y, other->label.x));
  g_assert_false (gtk_widget_get_visible (page_child ("location_warning_row")));
}

/* The new-hazard dialog offers to pick the place next; Create then opens the
 * map in pick mode on the new hazard's grid. */
static void
test_new_hazard_then_pick (void)
{
  g_autoptr(GwHazard) sample = hazard_inside (11);
  g_autoptr(GwHazard) created = NULL;
  const GwMapGrid *grid = grid_of (sample->grid_id);
  GwMapView *map = map_view ();
  ShumateViewport *viewport = shumate_map_get_viewport (gw_map_view_get_map (map));
  GwNewHazardDialog *dialog;
  gint64 id;
  double x, y;

  gw_window_show_view (window, "ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-hazard", NULL));
  dialog = GW_NEW_HAZARD_DIALOG (gw_window_get_dialog (window));
  g_assert_nonnull (dialog);
  g_assert_true (gw_new_hazard_dialog_set_grid (dialog, grid->id));
  gw_new_hazard_dialog_set_title (dialog, "河道边建筑垃圾堆放");
  g_assert_true (gw_new_hazard_dialog_get_pick_on_map (dialog));
  id = gw_new_hazard_dialog_create (dialog);
  g_assert_cmpint (id, >, 0);
  gw_test_wait_until (map_settled, NULL);
  gw_test_wait_until (page_hidden, NULL);
  g_assert_nonnull (gw_map_view_get_banner (map));
  g_assert_nonnull (strstr (gw_map_view_get_banner (map), grid->name));

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (gw_map_view_get_map (map)),
                                              grid->label.y, grid->label.x, &x, &y);
  gw_map_view_click_at (map, x, y);
  gw_test_wait_until (page_shown, NULL);
  created = gw_store_hazard_get (check_store, id, NULL);
  g_assert_true (created->has_location);
  g_assert_cmpfloat (fabs (created->lat - grid->label.y), <, 1e-4);
  g_assert_cmpint (gw_hazard_page_get_hazard (hazard_page ())->id, ==, id);
}

/* ---- setting up ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GwDemoOptions options = { .n_hazards = 300, .seed = 3, .today = TODAY };
  gint64 operator_id;
  int status;

  g_setenv ("GRIDWATCH_TODAY", TODAY, TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GRIDWATCH_LOCALEDIR") ? g_getenv ("GRIDWATCH_LOCALEDIR")
                                                                    : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gw_ui_load_style ();

  tmp_dir = g_dir_make_tmp ("gridwatch-location-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (tmp_dir, "demo.db", NULL);
  check_store = gw_store_open (demo_path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  gw_demo_generate (check_store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  grids = gw_map_grids (check_store, &error);
  g_assert_no_error (error);

  /* Somebody of the regulation office: they may edit every grid's hazards. */
  operator_id = gw_test_regulator_id (demo_path);

  window = gw_window_new (NULL);
  gw_application_plug_views (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_open (window, demo_path);
  gw_test_wait_until (window_settled, NULL);
  g_assert_null (gw_window_get_error_message (window));
  gw_window_set_operator_id (window, operator_id);
  gw_window_show_view (window, "ledger");

  g_test_add_func ("/hazard-location/buttons-need-a-map", test_buttons_need_a_map);
  g_test_add_func ("/hazard-location/show-on-map", test_show_on_map);
  g_test_add_func ("/hazard-location/pick", test_pick_location);
  g_test_add_func ("/hazard-location/pick-refused", test_pick_refused);
  g_test_add_func ("/hazard-location/outside-warning", test_outside_warning);
  g_test_add_func ("/hazard-location/new-hazard-then-pick", test_new_hazard_then_pick);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_ptr_array_unref (grids);
  g_clear_object (&check_store);
  gw_test_remove_tree (tmp_dir);
  g_free (demo_path);
  g_free (tmp_dir);
  return status;
}
