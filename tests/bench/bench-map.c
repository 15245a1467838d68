/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-map"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gw-demo.h"
#include "gw-geojson.h"
#include "gw-map-view.h"
#include "gw-ui-util.h"

/* The map page of a province: 2,000 township polygons and 100,000 hazards.
 *
 *   gridwatch-cli demo --db F --hazards 100000 --grids 2000 --today 2026-11-23
 *   xvfb-run -a -s '-screen 0 1600x1000x24' bench-map --db F
 *
 * Without --db the database is generated into a temporary directory. Prints
 * the import time of a 2,000-feature GeoJSON file exported from the database,
 * then the time of every frame of the map (the frame clock's "before-paint"
 * to "after-paint": layout, snapshot, render) at several zooms, while
 * zooming step by step, and during a pan, in a 1600×1000 window with the
 * cairo renderer (GSK_RENDERER defaults to cairo here), after the floor of
 * that display: the same window repainted whole with one colour. Each row
 * gives the wall time and the main thread's own CPU time of the frames (on a
 * busy machine the first includes waiting for other processes and for the X
 * server). Exits 1 when a frame took longer than 16 ms.
 * GW_BENCH_PAN_ONLY=1 runs only a pan, for profiling.
 *
 *   bench-map --screenshot FILE.png [--db F]
 *
 * shows the page on the demo city with a grid's side panel open instead, and
 * saves the window as PNG. */

#define BUDGET_US 16000
#define TODAY     "2026-11-23"

static char *opt_db;
static char *opt_screenshot;
static int   opt_width = 1600, opt_height = 1000;

/* ---- database and import ------------------------------------------------------------------- */

static char *tmp_dir;

static void
progress_cb (double fraction, const char *what, gpointer user_data)
{
}

static char *
make_database (guint n_hazards,
               guint n_grids)
{
  g_autofree char *path = g_build_filename (tmp_dir, "bench.db", NULL);
  g_autoptr(GError) error = NULL;
  GwDemoOptions options = { .n_hazards = n_hazards, .seed = 1, .today = TODAY,
                            .n_grids = n_grids };
  gint64 start = g_get_monotonic_time ();

  {
    g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);

    if (store != NULL)
      gw_demo_generate (store, &options, progress_cb, NULL, NULL, &error);
  }
  if (error != NULL)
    g_error ("Could not make the database: %s", error->message);
  g_print ("Generated %s: %u grids, %u hazards in %.1f s\n", path, n_grids, n_hazards,
           (g_get_monotonic_time () - start) / 1e6);
  return g_steal_pointer (&path);
}

/* Every grid's boundary as a FeatureCollection, as a boundary file comes. */
static char *
export_geojson (GwStore *store,
                guint   *n_features)
{
  g_autofree char *path = g_build_filename (tmp_dir, "grids.geojson", NULL);
  g_autoptr(GString) out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[\n");
  sqlite3_stmt *stmt = gw_store_prepare (store, "SELECT g.code, g.name, c.name, g.boundary "
                                                "FROM grids g JOIN counties c ON c.id = g.county_id "
                                                "WHERE g.boundary IS NOT NULL ORDER BY g.id", NULL);

  *n_features = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (out, "%s{\"type\":\"Feature\",\"properties\":{\"code\":\"%s\","
                              "\"name\":\"%s\",\"county\":\"%s\"},\"geometry\":%s}",
                              *n_features ? ",\n" : "", sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                              sqlite3_column_text (stmt, 3));
      (*n_features)++;
    }
  sqlite3_reset (stmt);
  g_string_append (out, "\n]}\n");
  g_file_set_contents (path, out->str, out->len, NULL);
  return g_steal_pointer (&path);
}

static void
bench_import (const char *db_path)
{
  g_autoptr(GwStore) source = gw_store_open (db_path, GW_STORE_OPEN_READONLY, NULL);
  g_autofree char *empty_path = g_build_filename (tmp_dir, "empty.db", NULL);
  g_autoptr(GwStore) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *geojson = NULL;
  GwGeojsonSummary summary;
  GStatBuf st;
  guint n;
  gint64 t0;

  g_assert_nonnull (source);
  geojson = export_geojson (source, &n);
  g_stat (geojson, &st);
  empty = gw_store_open (empty_path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  g_print ("\nGeoJSON import (%u features, %.1f MB)\n", n, st.st_size / 1e6);
  t0 = g_get_monotonic_time ();
  if (!gw_geojson_import_file (empty, geojson, NULL, progress_cb, NULL, &summary, &error))
    g_error ("%s", error->message);
  g_print ("  into an empty database (creates %u grids, %u counties):  %7.1f ms\n",
           summary.grids_created, summary.counties_created, (g_get_monotonic_time () - t0) / 1e3);
  t0 = g_get_monotonic_time ();
  if (!gw_geojson_import_file (empty, geojson, NULL, progress_cb, NULL, &summary, &error))
    g_error ("%s", error->message);
  g_print ("  again (updates %u grids):                            %7.1f ms\n",
           summary.grids_updated, (g_get_monotonic_time () - t0) / 1e3);
  t0 = g_get_monotonic_time ();
  {
    GwGeojsonOptions gcj = { GW_CRS_GCJ02, NULL, NULL };
    if (!gw_geojson_import_file (empty, geojson, &gcj, progress_cb, NULL, &summary, &error))
      g_error ("%s", error->message);
  }
  g_print ("  again with --crs gcj02 (every position converted):  %7.1f ms\n",
           (g_get_monotonic_time () - t0) / 1e3);
}

/* ---- frames -------------------------------------------------------------------------------- */

/* The floor: a window of the same size whose content changes wholly every
 * frame, drawn with one colour node. No map can be cheaper per frame than
 * this on the same display and renderer. */
typedef struct {
  GtkWidget parent_instance;
  guint     frame;
} BenchFloor;
typedef struct {
  GtkWidgetClass parent_class;
} BenchFloorClass;

static GType bench_floor_get_type (void);
G_DEFINE_TYPE (BenchFloor, bench_floor, GTK_TYPE_WIDGET)

static void
bench_floor_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  BenchFloor *self = (BenchFloor *) widget;
  GdkRGBA colour = { 0.93, 0.92 - (self->frame++ % 8) * 0.01, 0.90, 1 };

  gtk_snapshot_append_color (snapshot, &colour,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
}

static void
bench_floor_class_init (BenchFloorClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = bench_floor_snapshot;
}

static void
bench_floor_init (BenchFloor *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

typedef enum {
  STEP_WAIT,        /* until the map is ready and its tiles complete */
  STEP_STEADY,      /* redraw n frames without change */
  STEP_PAN,         /* move by (dx, dy) pixels each frame */
  STEP_ZOOM,        /* change the zoom by dz each frame */
  STEP_SET_ZOOM,    /* jump to a zoom level (relative to the fit) */
  STEP_REPORT,      /* print the frames since the last report under a name */
  STEP_END,
} StepKind;

typedef struct {
  StepKind    kind;
  int         n;
  double      dx, dy, dz;
  const char *name;
} Step;

typedef struct {
  GwMapView  *view;
  ShumateMap *map;
  GtkWidget  *window;
  GMainLoop  *loop;
  const Step *steps;
  guint       step;
  int         done_in_step;
  double      fit_zoom, fit_lat, fit_lon;
  gint64      paint_start;
  gint64      paint_cpu_start;
  gint64      step_started;
  GArray     *frames;         /* gint64 µs since the last report */
  GArray     *cpu;            /* the main thread's CPU time of those frames */
  guint       over_budget;
  double      worst;
} Bench;

/* The main thread's own CPU time: what the frame cost the program, apart from
 * waiting for the X server and for other processes on a busy machine. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
before_paint_cb (GdkFrameClock *clock, Bench *b)
{
  b->paint_start = g_get_monotonic_time ();
  b->paint_cpu_start = thread_cpu_us ();
}

static void
after_paint_cb (GdkFrameClock *clock, Bench *b)
{
  gint64 took = g_get_monotonic_time () - b->paint_start;
  gint64 cpu = thread_cpu_us () - b->paint_cpu_start;

  if (b->paint_start == 0)
    return;
  g_array_append_val (b->frames, took);
  g_array_append_val (b->cpu, cpu);
  b->paint_start = 0;
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
summary (GArray *f,
         double *mean,
         double *p95,
         double *max,
         guint  *over)
{
  gint64 sum = 0;

  g_array_sort (f, compare_gint64);
  *over = 0;
  for (guint i = 0; i < f->len; i++)
    {
      sum += g_array_index (f, gint64, i);
      *over += g_array_index (f, gint64, i) > BUDGET_US;
    }
  *mean = sum / 1e3 / f->len;
  *p95 = g_array_index (f, gint64, (guint) (0.95 * (f->len - 1))) / 1e3;
  *max = g_array_index (f, gint64, f->len - 1) / 1e3;
}

static void
report (Bench *b, const char *name)
{
  double mean, p95, max, cpu_mean, cpu_p95, cpu_max;
  guint over, cpu_over;

  if (b->frames->len == 0)
    {
      g_print ("  %-44s  (no frames)\n", name);
      return;
    }
  summary (b->frames, &mean, &p95, &max, &over);
  summary (b->cpu, &cpu_mean, &cpu_p95, &cpu_max, &cpu_over);
  g_print ("  %-44s %4u  %5.1f %5.1f %5.1f   %5.1f %5.1f %5.1f%s", name, b->frames->len,
           mean, p95, max, cpu_mean, cpu_p95, cpu_max, over ? "  over 16 ms" : "");
  if (b->view != NULL)
    g_print ("  [zoom %.1f, %u marks]",
             shumate_viewport_get_zoom_level (shumate_map_get_viewport (b->map)),
             gw_hazard_layer_get_n_drawn (gw_map_view_get_hazard_layer (b->view)));
  g_print ("\n");
  b->over_budget += over;
  b->worst = MAX (b->worst, max);
  g_array_set_size (b->frames, 0);
  g_array_set_size (b->cpu, 0);
}

static gboolean
settled (Bench *b)
{
  return gw_map_view_get_ready (b->view)
         && gw_grid_layer_get_pending (gw_map_view_get_grid_layer (b->view)) == 0;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *b = user_data;
  ShumateViewport *viewport = shumate_map_get_viewport (b->map);
  const Step *s = &b->steps[b->step];
  gboolean next = FALSE;

  if (b->step_started == 0)
    b->step_started = g_get_monotonic_time ();
  switch (s->kind)
    {
    case STEP_WAIT:
      if (settled (b) && b->done_in_step++ > 2)
        {
          if (s->name)
            g_print ("  %-44s %7.0f ms until the grids and hazards of the view were drawn\n",
                     s->name, (g_get_monotonic_time () - b->step_started) / 1e3);
          if (b->fit_zoom == 0)
            {
              b->fit_zoom = shumate_viewport_get_zoom_level (viewport);
              b->fit_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
              b->fit_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
            }
          g_array_set_size (b->frames, 0);
          g_array_set_size (b->cpu, 0);
          next = TRUE;
        }
      break;
    case STEP_STEADY:
      /* The layers themselves: the map's own node would be reused as it is. */
      gtk_widget_queue_draw (GTK_WIDGET (gw_map_view_get_grid_layer (b->view)));
      gtk_widget_queue_draw (GTK_WIDGET (gw_map_view_get_hazard_layer (b->view)));
      next = ++b->done_in_step >= s->n;
      break;
    case STEP_PAN:
      {
        double w = gtk_widget_get_width (GTK_WIDGET (b->map)), h = gtk_widget_get_height (GTK_WIDGET (b->map));
        double lat, lon;

        shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (b->map), w / 2 + s->dx,
                                                    h / 2 + s->dy, &lat, &lon);
        shumate_map_center_on (b->map, lat, lon);
        next = ++b->done_in_step >= s->n;
      }
      break;
    case STEP_ZOOM:
      shumate_viewport_set_zoom_level (viewport, shumate_viewport_get_zoom_level (viewport) + s->dz);
      next = ++b->done_in_step >= s->n;
      break;
    case STEP_SET_ZOOM:
      /* Back to the fitted view's centre, at the fit's zoom plus dz. */
      shumate_viewport_set_zoom_level (viewport, b->fit_zoom + s->dz);
      shumate_map_center_on (b->map, b->fit_lat, b->fit_lon);
      next = TRUE;
      if (next)
        {
          g_array_set_size (b->frames, 0);
          g_array_set_size (b->cpu, 0);
        }
      break;
    case STEP_REPORT:
      report (b, s->name);
      next = TRUE;
      break;
    case STEP_END:
    default:
      g_main_loop_quit (b->loop);
      return G_SOURCE_REMOVE;
    }
  if (next)
    {
      b->step++;
      b->done_in_step = 0;
      b->step_started = 0;
    }
  return G_SOURCE_CONTINUE;
}

static const Step steps[] = {
  { STEP_WAIT, .name = "open, fit to the province" },
  { STEP_STEADY, 30 }, { STEP_REPORT, .name = "fit (≈2,000 grids in view), steady" },
  { STEP_SET_ZOOM, .dz = 1 }, { STEP_STEADY, 4 },
  { STEP_REPORT, .name = "fit + 1: first frames (tiles being made)" },
  { STEP_WAIT, .name = "fit + 1" },
  { STEP_STEADY, 30 }, { STEP_REPORT, .name = "fit + 1, steady" },
  { STEP_SET_ZOOM, .dz = 2 }, { STEP_WAIT, .name = "fit + 2" },
  { STEP_STEADY, 30 }, { STEP_REPORT, .name = "fit + 2, steady" },
  { STEP_SET_ZOOM, .dz = 3 }, { STEP_WAIT, .name = "fit + 3" },
  { STEP_STEADY, 30 }, { STEP_REPORT, .name = "fit + 3, steady" },
  { STEP_SET_ZOOM, .dz = 5 }, { STEP_WAIT, .name = "fit + 5 (a few townships)" },
  { STEP_STEADY, 30 }, { STEP_REPORT, .name = "fit + 5, steady" },
  { STEP_SET_ZOOM, .dz = 0 }, { STEP_WAIT },
  { STEP_ZOOM, 25, .dz = 0.2 }, { STEP_REPORT, .name = "zooming in, 0.2 a frame, fit → fit + 5" },
  { STEP_WAIT, .name = "after zooming in" },
  { STEP_PAN, 120, .dx = 12 }, { STEP_REPORT, .name = "pan east at fit + 5, 12 px a frame" },
  { STEP_PAN, 90, .dy = 12 }, { STEP_REPORT, .name = "pan south at fit + 5, 12 px a frame" },
  { STEP_WAIT }, { STEP_PAN, 90, .dy = -12 },
  { STEP_REPORT, .name = "pan back north over drawn tiles" },
  { STEP_WAIT, .name = "after panning" },
  { STEP_SET_ZOOM, .dz = 2 }, { STEP_WAIT },
  { STEP_PAN, 120, .dx = -20, .dy = 8 },
  { STEP_REPORT, .name = "pan west at fit + 2, 20 px a frame" },
  { STEP_ZOOM, 10, .dz = -0.2 }, { STEP_REPORT, .name = "zooming out, 0.2 a frame" },
  { STEP_END },
};

/* Only a pan, for profiling. */
static const Step pan_steps[] = {
  { STEP_WAIT }, { STEP_SET_ZOOM, .dz = 5 }, { STEP_WAIT },
  { STEP_PAN, 240, .dx = 12 }, { STEP_REPORT, .name = "pan east at fit + 5" },
  { STEP_END },
};

static GwMapView *
make_window (GwStore     *store,
             GtkWidget  **window_out)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GwMapView *view = gw_map_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), opt_width, opt_height);
  {
    g_autofree char *name = g_path_get_basename (gw_store_get_path (store));
    adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Gridwatch", name));
  }
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  adw_window_set_content (ADW_WINDOW (window), box);
  gw_map_view_set_today (view, TODAY);
  gw_map_view_set_store (view, store);
  gtk_window_present (GTK_WINDOW (window));
  *window_out = window;
  return view;
}

typedef struct {
  Bench     *b;
  GtkWidget *floor;
  guint      n;
} FloorRun;

static gboolean
floor_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  FloorRun *run = user_data;

  if (run->n++ == 10)
    {
      g_array_set_size (run->b->frames, 0);
      g_array_set_size (run->b->cpu, 0);
    }
  gtk_widget_queue_draw (widget);
  if (run->n < 70)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (run->b->loop);
  return G_SOURCE_REMOVE;
}

static void
bench_floor (Bench *b)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  FloorRun run = { b, g_object_new (bench_floor_get_type (), NULL), 0 };
  GdkFrameClock *clock;
  double over = b->worst;
  guint over_budget = b->over_budget;

  gtk_window_set_default_size (GTK_WINDOW (window), opt_width, opt_height);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), run.floor);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_realize (window);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), b);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), b);
  gtk_widget_add_tick_callback (run.floor, floor_tick_cb, &run, NULL);
  g_main_loop_run (b->loop);
  report (b, "floor: one colour, whole window, every frame");
  g_signal_handlers_disconnect_by_data (clock, b);
  gtk_window_destroy (GTK_WINDOW (window));
  /* The floor is not the map's: it does not count against it. */
  b->worst = over;
  b->over_budget = over_budget;
}

static int
bench_frames (const char *db_path)
{
  g_autoptr(GwStore) store = gw_store_open (db_path, GW_STORE_OPEN_DEFAULT, NULL);
  Bench b = { 0 };
  GdkFrameClock *clock;

  g_print ("\nMap frames, %d×%d window, GSK_RENDERER=%s (budget 16 ms)\n", opt_width, opt_height,
           g_getenv ("GSK_RENDERER"));
  g_print ("  %-44s %4s  %-17s   %s\n", "", "n", "wall: mean p95 max", "main-thread CPU: mean p95 max (ms)");
  b.frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.loop = g_main_loop_new (NULL, FALSE);
  bench_floor (&b);
  b.view = make_window (store, &b.window);
  b.map = gw_map_view_get_map (b.view);
  b.steps = g_getenv ("GW_BENCH_PAN_ONLY") ? pan_steps : steps;
  gtk_widget_realize (b.window);
  clock = gtk_widget_get_frame_clock (b.window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &b);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &b);
  gtk_widget_add_tick_callback (GTK_WIDGET (b.map), tick_cb, &b, NULL);
  g_main_loop_run (b.loop);

  g_print ("\nWorst frame %.1f ms; %u frames over 16 ms.\n", b.worst, b.over_budget);
  gtk_window_destroy (GTK_WINDOW (b.window));
  g_array_unref (b.frames);
  g_array_unref (b.cpu);
  g_main_loop_unref (b.loop);
  return b.over_budget > 0 ? 1 : 0;
}

/* ---- screenshot ---------------------------------------------------------------------------- */

static gint64
busiest_red_grid (GwStore *store)
{
  sqlite3_stmt *stmt = gw_store_prepare (store, "SELECT grid_id FROM hazards WHERE state = "
                                                "'rectifying' AND deadline < '" TODAY "' GROUP BY "
                                                "grid_id ORDER BY count(*) DESC LIMIT 1", NULL);
  gint64 id = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

typedef struct {
  Bench      b;
  gint64     grid;
  gboolean   selected;
  guint      quiet;
} Shot;

static gboolean
shot_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  Shot *s = user_data;

  if (!settled (&s->b))
    {
      s->quiet = 0;
      return G_SOURCE_CONTINUE;
    }
  if (!s->selected)
    {
      gw_map_view_show_grid (s->b.view, s->grid);
      s->selected = TRUE;
      return G_SOURCE_CONTINUE;
    }
  /* Let the panel slide in and the tiles settle. */
  if (++s->quiet < 45)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (s->b.loop);
  return G_SOURCE_REMOVE;
}

static int
screenshot (const char *db_path)
{
  g_autoptr(GwStore) store = gw_store_open (db_path, GW_STORE_OPEN_DEFAULT, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  Shot s = { 0 };
  int w, h;

  s.grid = busiest_red_grid (store);
  s.b.view = make_window (store, &s.b.window);
  s.b.map = gw_map_view_get_map (s.b.view);
  s.b.loop = g_main_loop_new (NULL, FALSE);
  gtk_widget_add_tick_callback (GTK_WIDGET (s.b.map), shot_tick_cb, &s, NULL);
  g_main_loop_run (s.b.loop);

  /* What the X server shows: rendering the window again into a texture is not
   * always the same (it showed seams between tiles that the screen does not). */
  w = gtk_widget_get_width (s.b.window);
  h = gtk_widget_get_height (s.b.window);
  {
    g_autofree char *geometry = g_strdup_printf ("%dx%d+0+0", w, h);
    const char *argv[] = { "import", "-window", "root", "-crop", geometry, opt_screenshot, NULL };
    int wait_status = 0;

    if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                      &wait_status, NULL) && g_spawn_check_wait_status (wait_status, NULL))
      goto saved;
  }
  paintable = gtk_widget_paintable_new (s.b.window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (s.b.window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, opt_screenshot))
    g_error ("Could not write %s", opt_screenshot);
saved:
  g_print ("Saved %s (%d×%d), grid %" G_GINT64_FORMAT " “%s” selected; chief %s\n", opt_screenshot,
           w, h, s.grid, gw_grid_layer_get_grid_name (gw_map_view_get_grid_layer (s.b.view), s.grid),
           gw_grid_panel_get_chief_name (gw_map_view_get_panel (s.b.view)));
  gtk_window_destroy (GTK_WINDOW (s.b.window));
  g_main_loop_unref (s.b.loop);
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— the map's frame times and import time");
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  const char *localedir = g_getenv ("GRIDWATCH_LOCALEDIR");
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "An existing database (default: generate one)", "FILE" },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &opt_screenshot, "Save the page with a grid panel open as PNG", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Window width (1600)", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, "Window height (1000)", "PX" },
    { NULL }
  };
  int status = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", GW_SCHEMAS_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  tmp_dir = g_dir_make_tmp ("gw-bench-map-XXXXXX", NULL);
  adw_init ();
  gw_ui_load_style ();

  if (opt_screenshot != NULL)
    {
      db = opt_db ? g_strdup (opt_db) : make_database (3000, 0);
      status = screenshot (db);
    }
  else
    {
      db = opt_db ? g_strdup (opt_db) : make_database (100000, 2000);
      if (!g_getenv ("GW_BENCH_PAN_ONLY"))
        bench_import (db);
      status = bench_frames (db);
    }
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
