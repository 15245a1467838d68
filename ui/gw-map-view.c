/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gw-geojson.h"
#include "gw-map-data.h"
#include "gw-map-view.h"
#include "gw-mbtiles-source.h"

/* The key that remembers the last view: latitude, longitude and zoom; zoom 0
 * means "fit to city". It is written SAVE_VIEW_DELAY ms after the view last
 * moved, so a drag or a zoom writes it once. */
#define VIEW_KEY "map-view"
#define SAVE_VIEW_DELAY 500
#define MIN_ZOOM 3
#define MAX_ZOOM 18
#define FIT_PADDING 40.0

typedef enum {
  BANNER_NONE,
  BANNER_MESSAGE,
  BANNER_PICK,
  BANNER_IMPORT,
} BannerKind;

struct _GwMapView
{
  GtkWidget         parent_instance;

  GwStore          *store;
  GSettings        *settings;
  char             *today;

  GCancellable     *load_cancellable;
  GThreadPool      *load_pool;
  struct Reader    *reader;
  guint             n_loading;
  gboolean          grids_loaded;
  gboolean          have_extent;
  GwBounds          extent;
  gboolean          fit_pending;
  gboolean          placed;            /* shown a hazard before the grids came */
  guint             fit_idle_id;
  guint             save_view_id;
  GHashTable       *statuses;          /* grid id → GwMapGridStatus */
  gint64            selected;

  ShumateMapSource *reference;
  ShumateMapLayer  *base_layer;
  GwGridLayer      *grid_layer;
  GwHazardLayer    *hazard_layer;
  ShumateScale     *scale;

  BannerKind        banner;
  char             *banner_text;
  GtkFileChooserNative *import_chooser;
  gboolean          importing;
  GTask            *pick_task;
  gint64            pick_grid;
  GCancellable     *pick_cancellable;
  gulong            pick_cancelled_id;

  /* template */
  GtkWidget        *root_box;
  GtkOverlay       *overlay;
  ShumateMap       *map;
  GtkToggleButton  *legend_button;
  GtkRevealer      *legend_revealer;
  GtkBox           *legend_box;
  GtkBox           *corner_box;
  GtkLabel         *attribution_label;
  GtkRevealer      *banner_revealer;
  GtkLabel         *banner_label;
  GtkProgressBar   *banner_progress;
  GtkButton        *banner_button;
  GtkSpinner       *spinner;
  GtkRevealer      *panel_revealer;
  GwGridPanel      *panel;
};

G_DEFINE_FINAL_TYPE (GwMapView, gw_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_GRID,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  HAZARD_ACTIVATED,
  OPEN_LEDGER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void notify_ready (GwMapView *self);
static void view_changed_cb (GwMapView *self);

/* ---- banner ------------------------------------------------------------------------------ */

static void
show_banner (GwMapView  *self,
             BannerKind  kind,
             const char *text)
{
  self->banner = kind;
  g_free (self->banner_text);
  self->banner_text = g_strdup (text);
  if (text != NULL)
    gtk_label_set_text (self->banner_label, text);
  gtk_button_set_label (self->banner_button, kind == BANNER_PICK ? _("_Cancel") : _("_Dismiss"));
  gtk_button_set_use_underline (self->banner_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), kind != BANNER_IMPORT);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_progress), kind == BANNER_IMPORT);
  gtk_revealer_set_reveal_child (self->banner_revealer, kind != BANNER_NONE);
}

/* ---- base map --------------------------------------------------------------------------- */

static char *
strip_tags (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
set_attribution (GwMapView  *self,
                 const char *text)
{
  g_autofree char *plain = text ? strip_tags (text) : NULL;

  gtk_label_set_text (self->attribution_label, plain ? plain : "");
  gtk_widget_set_visible (GTK_WIDGET (self->attribution_label), plain != NULL && *plain != '\0');
}

static void
build_base_map (GwMapView *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "base-map");
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_autoptr(ShumateMapSource) source = NULL;
  g_autoptr(GError) error = NULL;

  if (self->base_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->base_layer));
      self->base_layer = NULL;
    }
  set_attribution (self, NULL);
  if (self->banner == BANNER_MESSAGE)
    show_banner (self, BANNER_NONE, NULL);

  if (g_strcmp0 (kind, "mbtiles") == 0)
    {
      g_autofree char *path = g_settings_get_string (self->settings, "base-map-file");
      g_autoptr(GwMbtilesSource) mbtiles = NULL;

      if (*path == '\0')
        g_set_error_literal (&error, GW_MBTILES_ERROR, GW_MBTILES_ERROR_OPEN,
                             _("No base map file is chosen"));
      else if ((mbtiles = gw_mbtiles_source_new (path, &error)) != NULL)
        {
          source = gw_mbtiles_source_create_map_source (mbtiles);
          set_attribution (self, gw_mbtiles_source_get_attribution (mbtiles));
        }
    }
  else if (g_strcmp0 (kind, "url") == 0)
    {
      g_autofree char *url = g_settings_get_string (self->settings, "base-map-url");
      g_autofree char *attribution = g_settings_get_string (self->settings, "base-map-attribution");

      if (strstr (url, "{z}") && strstr (url, "{x}") && strstr (url, "{y}"))
        {
          source = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full_from_url (
            "gridwatch-url", _("Tile server"), attribution, NULL, 0, 19, 256,
            SHUMATE_MAP_PROJECTION_MERCATOR, url));
          set_attribution (self, attribution);
        }
      else
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("The tile URL needs {z}, {x} and {y}"));
    }

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The base map is not shown: %s. The grids and "
                                                 "hazards do not need it."), error->message);
      show_banner (self, BANNER_MESSAGE, text);
    }
  gw_grid_layer_set_opaque (self->grid_layer, source == NULL);
  if (source != NULL)
    {
      self->base_layer = shumate_map_layer_new (source, viewport);
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->base_layer),
                                       SHUMATE_LAYER (self->grid_layer));
    }
}

/* ---- view ------------------------------------------------------------------------------ */

static gboolean
fit_bounds (GwMapView      *self,
            const GwBounds *b,
            double          max_zoom)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double x0 = gw_mercator_x (b->min_lon), x1 = gw_mercator_x (b->max_lon);
  double y0 = gw_mercator_y (b->max_lat), y1 = gw_mercator_y (b->min_lat);
  double dx = MAX (x1 - x0, 1e-9), dy = MAX (y1 - y0, 1e-9);
  double left = FIT_PADDING, right = FIT_PADDING, world, cx, cy;
  double zoom;

  /* Keep the area clear of the legend on the left and the buttons on the right. */
  if (gtk_revealer_get_reveal_child (self->legend_revealer))
    left += gtk_widget_get_width (GTK_WIDGET (self->legend_revealer));
  right += 36;
  if (width <= left + right + 40 || height <= 2 * FIT_PADDING)
    {
      left = right = FIT_PADDING;
      if (width <= 2 * FIT_PADDING || height <= 2 * FIT_PADDING)
        return FALSE;
    }
  zoom = log2 (MIN ((width - left - right) / (dx * 256), (height - 2 * FIT_PADDING) / (dy * 256)));
  zoom = CLAMP (zoom, MIN_ZOOM, max_zoom);
  /* Whole fifths, as the scroll wheel steps: tiles of a zoom are then reused. */
  zoom = floor (zoom * 5) / 5;
  shumate_viewport_set_zoom_level (viewport, zoom);
  /* The centre of the free area, not of the widget. */
  world = 256 * pow (2, zoom);
  cx = (x0 + x1) / 2 - (left - right) / 2 / world;
  cy = (y0 + y1) / 2;
  shumate_map_center_on (self->map, gw_mercator_lat (cy), gw_mercator_lon (cx));
  return TRUE;
}

/* A tick runs only while the page is shown, so a hidden page waits for free. */
static gboolean
fit_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  GwMapView *self = GW_MAP_VIEW (widget);

  if (!self->fit_pending || !self->have_extent)
    {
      self->fit_idle_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!fit_bounds (self, &self->extent, 15))
    return G_SOURCE_CONTINUE;       /* no size yet */
  self->fit_pending = FALSE;
  self->fit_idle_id = 0;
  view_changed_cb (self);
  notify_ready (self);
  return G_SOURCE_REMOVE;
}

static void
queue_fit (GwMapView *self)
{
  self->fit_pending = TRUE;
  if (self->fit_idle_id == 0)
    self->fit_idle_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fit_tick_cb, NULL, NULL);
}

/* Only a view of this database's grids, once placed: not the view the
 * widget starts with while the grids are read or not yet fitted. */
static void
save_view (GwMapView *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  g_clear_handle_id (&self->save_view_id, g_source_remove);
  if (self->settings == NULL || !self->grids_loaded || !self->have_extent || self->fit_pending)
    return;
  g_settings_set (self->settings, VIEW_KEY, "(ddd)",
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_viewport_get_zoom_level (viewport));
}

/* The remembered view, when it lies on this database's grids. */
static gboolean
restore_view (GwMapView *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double lat, lon, zoom;

  if (!self->have_extent)
    return FALSE;
  g_settings_get (self->settings, VIEW_KEY, "(ddd)", &lat, &lon, &zoom);
  if (zoom < MIN_ZOOM || lat < self->extent.min_lat || lat > self->extent.max_lat
      || lon < self->extent.min_lon || lon > self->extent.max_lon)
    return FALSE;
  shumate_viewport_set_zoom_level (viewport, MIN (zoom, MAX_ZOOM));
  shumate_map_center_on (self->map, lat, lon);
  return TRUE;
}

static gboolean
save_view_cb (gpointer user_data)
{
  GwMapView *self = user_data;

  self->save_view_id = 0;
  save_view (self);
  return G_SOURCE_REMOVE;
}

/* The view moved (drag, zoom, keys, fit, show on map …): save it a moment
 * after it comes to rest. */
static void
view_changed_cb (GwMapView *self)
{
  if (!self->grids_loaded || self->fit_pending || self->load_pool == NULL)
    return;
  g_clear_handle_id (&self->save_view_id, g_source_remove);
  self->save_view_id = g_timeout_add (SAVE_VIEW_DELAY, save_view_cb, self);
}

/* ---- loading --------------------------------------------------------------------------- */

/* The loads' own read-only connection, kept between loads (opening checks the
 * whole file) and used by one load at a time: they run in one thread. */
typedef struct Reader {
  GwStore *store;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_object (&reader->store);
}

typedef struct {
  Reader     *reader;
  char       *path;
  char       *today;
  gboolean    want_grids;
  GPtrArray  *grids;
  GHashTable *statuses;
  gboolean    have_extent;
  GwBounds    extent;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_atomic_rc_box_release_full (data->reader, (GDestroyNotify) reader_clear);
  g_free (data->path);
  g_free (data->today);
  g_clear_pointer (&data->grids, g_ptr_array_unref);
  g_clear_pointer (&data->statuses, g_hash_table_unref);
  g_free (data);
}

static void
load_thread (gpointer task_pointer,
             gpointer user_data)
{
  g_autoptr(GTask) task = task_pointer;
  LoadData *data = g_task_get_task_data (task);
  Reader *reader = data->reader;
  GwStore *store;
  GError *error = NULL;

  if (data->path == NULL)
    {
      /* The window let go of the database (to restore it): so does the reader. */
      g_clear_object (&reader->store);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (reader->store == NULL || g_strcmp0 (gw_store_get_path (reader->store), data->path) != 0)
    {
      g_clear_object (&reader->store);
      reader->store = gw_store_open (data->path, GW_STORE_OPEN_READONLY, &error);
      if (reader->store == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  store = reader->store;
  if (data->want_grids && (data->grids = gw_map_grids (store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((data->statuses = gw_map_grid_statuses (store, data->today, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->have_extent = gw_map_extent (store, &data->extent, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GwMapView *self = GW_MAP_VIEW (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->n_loading--;
  if (self->load_pool == NULL)    /* disposed meanwhile */
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The map could not be read: %s"),
                                                   error->message);
          show_banner (self, BANNER_MESSAGE, text);
        }
      notify_ready (self);
      return;
    }
  if (data->grids != NULL)
    {
      gw_grid_layer_set_grids (self->grid_layer, data->grids);
      self->grids_loaded = TRUE;
    }
  gw_grid_layer_set_statuses (self->grid_layer, data->statuses);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  self->statuses = g_steal_pointer (&data->statuses);
  if (data->want_grids)
    {
      self->have_extent = data->have_extent;
      self->extent = data->extent;
      /* "Show on map" asked before the grids were read keeps its place. */
      if (!self->placed && !restore_view (self))
        queue_fit (self);
      self->placed = FALSE;
    }
  if (self->selected != 0 && gtk_revealer_get_reveal_child (self->panel_revealer))
    gw_map_view_select_grid (self, self->selected);
  notify_ready (self);
}

static void
start_load (GwMapView *self,
            gboolean   want_grids)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->reader = g_atomic_rc_box_acquire (self->reader);
  data->path = g_strdup (gw_store_get_path (self->store));
  data->today = g_strdup (self->today);
  data->want_grids = want_grids || !self->grids_loaded;
  task = g_task_new (self, self->load_cancellable, load_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_thread_pool_push (self->load_pool, g_steal_pointer (&task), NULL);
  self->n_loading++;
  notify_ready (self);
}

static void
notify_ready (GwMapView *self)
{
  gboolean busy = !gw_map_view_get_ready (self) && self->store != NULL;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

/* ---- legend ----------------------------------------------------------------------------- */

typedef struct {
  int      kind;     /* 0: grid status, 1: hazard level, 2: bubble, 3: overdue ring */
  int      value;
} LegendSwatch;

static void
draw_legend_swatch (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  LegendSwatch *s = user_data;

  switch (s->kind)
    {
    case 0:
      gw_grid_layer_draw_swatch (cr, s->value, width, height);
      break;
    case 1:
      gw_hazard_layer_draw_symbol (cr, width / 2.0, height / 2.0, s->value, FALSE);
      break;
    case 2:
      gw_hazard_layer_draw_bubble (cr, width / 2.0, height / 2.0, 12, GW_LEVEL_II, FALSE);
      break;
    default:
      gw_hazard_layer_draw_symbol (cr, width / 2.0, height / 2.0, GW_LEVEL_III, TRUE);
      break;
    }
}

static void
legend_row (GwMapView  *self,
            int         kind,
            int         value,
            const char *text,
            const char *tooltip)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (text);
  LegendSwatch *s = g_new (LegendSwatch, 1);

  s->kind = kind;
  s->value = value;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), kind == 2 ? 44 : 28);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), kind == 2 ? 44 : (kind == 0 ? 18 : 24));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_legend_swatch, s, g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_box_append (GTK_BOX (row), area);
  gtk_box_append (GTK_BOX (row), label);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);
  gtk_box_append (self->legend_box, row);
}

static void
legend_heading (GwMapView  *self,
                const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (self->legend_box, label);
}

static void
build_legend (GwMapView *self)
{
  legend_heading (self, _("Grid Status"));
  for (int s = GW_GRID_STATUS_RED; s >= GW_GRID_STATUS_GREEN; s--)
    legend_row (self, 0, s, gw_grid_status_label (s), gw_grid_status_meaning (s));
  legend_heading (self, _("Open Hazards by Risk Level"));
  for (int l = GW_LEVEL_I; l <= GW_LEVEL_IV; l++)
    legend_row (self, 1, l, gw_level_label (l), NULL);
  legend_row (self, 1, GW_LEVEL_NONE, _("Not assessed yet"), NULL);
  legend_row (self, 3, 0, _("Overdue (dark ring)"),
              _("Past its deadline while reported or being rectified"));
  legend_row (self, 2, 0, _("Several hazards here: zoom in or click"),
              _("The number of open hazards gathered at this zoom; the colour is the most "
                "serious level among them"));
}

/* ---- pointer ------------------------------------------------------------------------------ */

static void
zoom_to_mark (GwMapView       *self,
              const GwMapMark *m)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  GwBounds b = m->bounds;

  if (m->grid_id != 0 && m->count > 1 && b.min_lat == b.max_lat && b.min_lon == b.max_lon
      && gw_grid_layer_get_grid_bounds (self->grid_layer, m->grid_id, &b))
    {
      fit_bounds (self, &b, MAX_ZOOM);
      return;
    }
  if (b.max_lat - b.min_lat > 1e-6 || b.max_lon - b.min_lon > 1e-6)
    {
      fit_bounds (self, &b, MAX_ZOOM);
      if (shumate_viewport_get_zoom_level (viewport) > zoom)
        return;
    }
  /* All at one place, or no closer fit: step in around it. */
  shumate_viewport_set_zoom_level (viewport, MIN (floor (zoom) + 2, MAX_ZOOM));
  shumate_map_center_on (self->map, m->lat, m->lon);
}

static void
forget_pick_cancellable (GwMapView *self)
{
  if (self->pick_cancellable != NULL)
    g_clear_signal_handler (&self->pick_cancelled_id, self->pick_cancellable);
  g_clear_object (&self->pick_cancellable);
}

static void
finish_pick (GwMapView *self,
             double     x,
             double     y)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->pick_task);
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double *place = g_new (double, 3);
  gboolean known = FALSE;

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y,
                                              &place[0], &place[1]);
  place[2] = TRUE;
  if (self->pick_grid != 0 && self->store != NULL)
    place[2] = gw_map_grid_contains (self->store, self->pick_grid, place[0], place[1], &known, NULL);
  forget_pick_cancellable (self);
  show_banner (self, BANNER_NONE, NULL);
  g_task_return_pointer (task, place, g_free);
}

void
gw_map_view_click_at (GwMapView *self,
                      double     x,
                      double     y)
{
  const GwMapMark *m;
  gint64 grid;

  g_return_if_fail (GW_IS_MAP_VIEW (self));

  if (self->pick_task != NULL)
    {
      finish_pick (self, x, y);
      return;
    }
  if ((m = gw_hazard_layer_get_mark_at (self->hazard_layer, x, y)) != NULL)
    {
      if (m->count == 1 && m->id != 0)
        {
          gw_hazard_layer_set_highlight (self->hazard_layer, m->id, m->lat, m->lon);
          g_signal_emit (self, signals[HAZARD_ACTIVATED], 0, m->id);
        }
      else
        zoom_to_mark (self, m);
      return;
    }
  grid = gw_grid_layer_get_grid_at (self->grid_layer, x, y);
  gw_map_view_select_grid (self, grid);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            GwMapView       *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             GwMapView       *self)
{
  if (n_press == 1)
    gw_map_view_click_at (self, x, y);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           GwMapView                *self)
{
  gboolean over = self->pick_task != NULL
                  || gw_hazard_layer_get_mark_at (self->hazard_layer, x, y) != NULL;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->hazard_layer),
                                   self->pick_task != NULL ? "crosshair" : over ? "pointer" : NULL);
}

static char *
mark_tooltip (GwMapView       *self,
              const GwMapMark *m)
{
  if (m->count == 1 && m->id != 0 && self->store != NULL)
    {
      g_autoptr(GwHazard) h = gw_store_hazard_get (self->store, m->id, NULL);
      GString *text;

      if (h == NULL)
        return NULL;
      text = g_string_new (NULL);
      g_string_append_printf (text, "%s  %s\n%s · %s · %s", h->number, h->title,
                              gw_level_label (h->level), gw_state_label (h->state), h->grid_name);
      if (h->deadline != NULL)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, m->overdue ? _("Deadline %s — overdue") : _("Deadline %s"),
                                  h->deadline);
        }
      g_string_append_c (text, '\n');
      g_string_append (text, _("Click to open the hazard"));
      return g_string_free (text, FALSE);
    }
  {
    g_autofree char *head = NULL, *overdue = NULL;
    const char *grid = m->grid_id ? gw_grid_layer_get_grid_name (self->grid_layer, m->grid_id) : NULL;

    head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open hazard", "%u open hazards",
                                         m->count), m->count);
    overdue = m->overdue ? g_strdup_printf (_("%u overdue"), m->overdue) : g_strdup (_("None overdue"));
    return g_strdup_printf ("%s%s%s\n%s: %s\n%s\n%s", head, grid ? " · " : "", grid ? grid : "",
                            _("Most serious"), gw_level_label (m->level), overdue,
                            _("Click to zoom in"));
  }
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  GwMapView  *self)
{
  const GwMapMark *m = gw_hazard_layer_get_mark_at (self->hazard_layer, x, y);
  g_autofree char *text = NULL;
  gint64 grid;

  if (self->pick_task != NULL)
    return FALSE;
  if (m != NULL)
    text = mark_tooltip (self, m);
  else if ((grid = gw_grid_layer_get_grid_at (self->grid_layer, x, y)) != 0)
    {
      GwMapGridStatus *s = self->statuses ? g_hash_table_lookup (self->statuses, &grid) : NULL;
      g_autofree char *counts = g_strdup_printf (_("%u open, %u overdue"), s ? s->open : 0,
                                                 s ? s->overdue : 0);

      text = g_strdup_printf ("%s\n%s · %s", gw_grid_layer_get_grid_name (self->grid_layer, grid),
                              gw_grid_status_label (s ? s->status : GW_GRID_STATUS_GREEN), counts);
    }
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- boundary import ------------------------------------------------------------------------ */

typedef struct {
  char             *db_path;
  char             *file;
  char             *code_property;
  char             *name_property;
  GwCrs             crs;
  GwGeojsonSummary  summary;
  GWeakRef          view;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->db_path);
  g_free (data->file);
  g_free (data->code_property);
  g_free (data->name_property);
  g_weak_ref_clear (&data->view);
  g_free (data);
}

typedef struct {
  GWeakRef view;
  double   fraction;
} ImportProgress;

static gboolean
import_progress_main_cb (gpointer user_data)
{
  ImportProgress *p = user_data;
  g_autoptr(GwMapView) self = g_weak_ref_get (&p->view);

  if (self != NULL && self->importing)
    gtk_progress_bar_set_fraction (self->banner_progress, p->fraction);
  g_weak_ref_clear (&p->view);
  g_free (p);
  return G_SOURCE_REMOVE;
}

/* Called in the import's thread. */
static void
import_progress_cb (double      fraction,
                    const char *what,
                    gpointer    user_data)
{
  ImportData *data = user_data;
  g_autoptr(GwMapView) self = g_weak_ref_get (&data->view);
  ImportProgress *p;

  if (self == NULL)
    return;
  p = g_new0 (ImportProgress, 1);
  g_weak_ref_init (&p->view, self);
  p->fraction = fraction;
  g_idle_add (import_progress_main_cb, p);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GwStore) store = NULL;
  GwGeojsonOptions options = { data->crs, data->code_property, data->name_property };
  GError *error = NULL;

  /* A connection of this thread's own; the import is one transaction. */
  if ((store = gw_store_open (data->db_path, GW_STORE_OPEN_DEFAULT, &error)) == NULL
      || !gw_geojson_import_file (store, data->file, &options, import_progress_cb, data,
                                  &data->summary, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GwMapView *self = GW_MAP_VIEW (object);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->importing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.import-boundaries", TRUE);
  if (self->load_pool == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message,
                                               _("Nothing was imported."));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Could Not Import the Boundaries"), body);

      show_banner (self, BANNER_NONE, NULL);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  {
    g_autofree char *name = g_path_get_basename (data->file);
    g_autofree char *text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "Imported %u boundary from “%s”: %u grids updated, %u created, %u new counties.",
                   "Imported %u boundaries from “%s”: %u grids updated, %u created, %u new counties.",
                   data->summary.features),
      data->summary.features, name, data->summary.grids_updated, data->summary.grids_created,
      data->summary.counties_created);

    show_banner (self, BANNER_MESSAGE, text);
  }
  start_load (self, TRUE);
  gw_hazard_layer_reload (self->hazard_layer);
}

static void
import_options_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GwMapView        *self)
{
  ImportData *data = g_object_get_data (G_OBJECT (dialog), "import-data");
  GtkDropDown *crs = g_object_get_data (G_OBJECT (dialog), "crs");
  GtkEditable *code = g_object_get_data (G_OBJECT (dialog), "code");
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = NULL, *text = NULL;

  if (g_strcmp0 (response, "import") != 0 || self->store == NULL || data == NULL)
    return;
  g_object_steal_data (G_OBJECT (dialog), "import-data");
  data->db_path = g_strdup (gw_store_get_path (self->store));
  data->crs = gtk_drop_down_get_selected (crs) == 1 ? GW_CRS_GCJ02 : GW_CRS_WGS84;
  if (*gtk_editable_get_text (code) != '\0')
    data->code_property = g_strdup (gtk_editable_get_text (code));
  if (*gtk_editable_get_text (name) != '\0')
    data->name_property = g_strdup (gtk_editable_get_text (name));
  g_weak_ref_init (&data->view, self);

  base = g_path_get_basename (data->file);
  text = g_strdup_printf (_("Importing the boundaries of “%s”…"), base);
  self->importing = TRUE;
  show_banner (self, BANNER_IMPORT, text);
  gtk_progress_bar_set_fraction (self->banner_progress, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.import-boundaries", FALSE);

  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_source_tag (task, import_options_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

static GtkWidget *
option_row (GtkWidget  *grid,
            int         row,
            const char *label,
            GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (GTK_GRID (grid), title, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
  return widget;
}

static void
ask_import_options (GwMapView  *self,
                    const char *file)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char * const crs_names[] = { N_("WGS-84 (GPS, most GIS files)"),
                                     N_("GCJ-02 (DataV, AMap and other Chinese web maps)"), NULL };
  g_autofree char *base = g_filename_display_basename (file);
  g_autofree char *body = g_strdup_printf (_("The boundary of each feature of “%s” is matched to "
                                             "its grid by the 9- or 12-digit division code; "
                                             "grids not yet known are created. When any feature "
                                             "is refused, nothing is imported."), base);
  GtkWidget *dialog, *grid, *crs, *code, *name;
  const char *translated[3] = { _(crs_names[0]), _(crs_names[1]), NULL };
  ImportData *data = g_new0 (ImportData, 1);

  data->file = g_strdup (file);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Import Township Boundaries"), body);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  crs = option_row (grid, 0, _("_Coordinates"), gtk_drop_down_new_from_strings (translated));
  code = option_row (grid, 1, _("Code _property"), gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (code), "code, adcode, …");
  name = option_row (grid, 2, _("_Name property"), gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), "name, …");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "import-data", data, (GDestroyNotify) import_data_free);
  g_object_set_data (G_OBJECT (dialog), "crs", crs);
  g_object_set_data (G_OBJECT (dialog), "code", code);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_options_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_chooser_cb (GtkNativeDialog *chooser,
                   int              response,
                   GwMapView       *self)
{
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (&self->import_chooser);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    ask_import_options (self, path);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GwMapView *self = GW_MAP_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) geojson = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->store == NULL || self->importing)
    return;
  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->import_chooser));
  g_clear_object (&self->import_chooser);
  self->import_chooser = gtk_file_chooser_native_new (_("Import Township Boundaries"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_filter_set_name (geojson, _("GeoJSON Files"));
  gtk_file_filter_add_pattern (geojson, "*.geojson");
  gtk_file_filter_add_pattern (geojson, "*.json");
  gtk_file_filter_add_mime_type (geojson, "application/geo+json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), geojson);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->import_chooser), TRUE);
  g_signal_connect (self->import_chooser, "response", G_CALLBACK (import_chooser_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

/* ---- actions ------------------------------------------------------------------------------- */

static void
zoom_by (GwMapView *self,
         double     step)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double zoom = shumate_viewport_get_zoom_level (viewport);

  shumate_viewport_set_zoom_level (viewport, CLAMP (round (zoom + step), MIN_ZOOM, MAX_ZOOM));
}

static void
zoom_in_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  zoom_by (GW_MAP_VIEW (widget), 1);
}

static void
zoom_out_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  zoom_by (GW_MAP_VIEW (widget), -1);
}

static void
fit_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  gw_map_view_fit_city (GW_MAP_VIEW (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *name,
            GVariant   *parameter)
{
  GwMapView *self = GW_MAP_VIEW (widget);
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double w = gtk_widget_get_width (GTK_WIDGET (self->map));
  double h = gtk_widget_get_height (GTK_WIDGET (self->map));
  double lat, lon;
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map),
                                              w / 2 + dx * w / 4, h / 2 + dy * h / 4, &lat, &lon);
  shumate_map_center_on (self->map, lat, lon);
}

static void
cancel_pick (GwMapView *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->pick_task);

  if (task == NULL)
    return;
  forget_pick_cancellable (self);
  show_banner (self, BANNER_NONE, NULL);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->hazard_layer), NULL);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No place was picked"));
}

static void
dismiss_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  GwMapView *self = GW_MAP_VIEW (widget);

  if (self->pick_task != NULL)
    cancel_pick (self);
  else
    show_banner (self, BANNER_NONE, NULL);
}

static void
escape_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  GwMapView *self = GW_MAP_VIEW (widget);

  if (self->pick_task != NULL)
    cancel_pick (self);
  else if (self->selected != 0)
    gw_map_view_select_grid (self, 0);
  else
    gw_hazard_layer_set_highlight (self->hazard_layer, 0, 0, 0);
}

static void
panel_open_ledger_cb (GwGridPanel *panel,
                      gint64       grid_id,
                      GwMapView   *self)
{
  g_signal_emit (self, signals[OPEN_LEDGER], 0, grid_id);
}

static void
panel_hazard_activated_cb (GwGridPanel *panel,
                           gint64       hazard_id,
                           GwMapView   *self)
{
  g_signal_emit (self, signals[HAZARD_ACTIVATED], 0, hazard_id);
}

static void
panel_close_cb (GwGridPanel *panel,
                GwMapView   *self)
{
  gw_map_view_select_grid (self, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
gw_map_view_unmap (GtkWidget *widget)
{
  save_view (GW_MAP_VIEW (widget));
  GTK_WIDGET_CLASS (gw_map_view_parent_class)->unmap (widget);
  /* Leaving the map ends a pick: a click later must not move a hazard
   * picked for long ago. Once unmapped, so the caller sees it was left. */
  cancel_pick (GW_MAP_VIEW (widget));
}

static void
gw_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GwMapView *self = GW_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTED_GRID:
      g_value_set_int64 (value, self->selected);
      break;
    case PROP_READY:
      g_value_set_boolean (value, gw_map_view_get_ready (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STORE:
      gw_map_view_set_store (GW_MAP_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_map_view_dispose (GObject *object)
{
  GwMapView *self = GW_MAP_VIEW (object);

  cancel_pick (self);
  if (self->save_view_id != 0)
    save_view (self);
  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->import_chooser));
  g_clear_object (&self->import_chooser);
  g_cancellable_cancel (self->load_cancellable);
  if (self->load_pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->load_pool), FALSE, FALSE);
  if (self->fit_idle_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_idle_id);
  self->fit_idle_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_MAP_VIEW);
  g_clear_handle_id (&self->save_view_id, g_source_remove);
  G_OBJECT_CLASS (gw_map_view_parent_class)->dispose (object);
}

static void
gw_map_view_finalize (GObject *object)
{
  GwMapView *self = GW_MAP_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->reference);
  g_atomic_rc_box_release_full (self->reader, (GDestroyNotify) reader_clear);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_free (self->today);
  g_free (self->banner_text);
  G_OBJECT_CLASS (gw_map_view_parent_class)->finalize (object);
}

static void
gw_map_view_class_init (GwMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gw_map_view_get_property;
  object_class->set_property = gw_map_view_set_property;
  object_class->dispose = gw_map_view_dispose;
  object_class->finalize = gw_map_view_finalize;
  widget_class->unmap = gw_map_view_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_GRID] =
    g_param_spec_int64 ("selected-grid", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[HAZARD_ACTIVATED] =
    g_signal_new ("hazard-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[OPEN_LEDGER] =
    g_signal_new ("open-ledger", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (GW_TYPE_GRID_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gw-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwMapView, root_box);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, map);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, legend_button);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, legend_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, corner_box);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, attribution_label);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, banner_progress);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, banner_button);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, panel_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwMapView, panel);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.dismiss", NULL, dismiss_action);
  gtk_widget_class_install_action (widget_class, "map.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "map.import-boundaries", NULL, import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "map.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "map.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.escape", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gw-map-view");
}

static void
gw_map_view_init (GwMapView *self)
{
  ShumateViewport *viewport;
  g_autoptr(GwMbtilesSource) blank = NULL;
  GtkGesture *click;
  GtkEventController *motion;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (BASE_ID);
  self->reader = g_atomic_rc_box_new0 (Reader);
  self->load_pool = g_thread_pool_new (load_thread, NULL, 1, TRUE, NULL);

  viewport = shumate_map_get_viewport (self->map);
  /* A projection without tiles: the reference, whatever base map is shown. */
  blank = gw_mbtiles_source_new (NULL, NULL);
  self->reference = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    "gridwatch-none", "", "", NULL, MIN_ZOOM, MAX_ZOOM, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
    SHUMATE_DATA_SOURCE (blank)));
  shumate_viewport_set_reference_map_source (viewport, self->reference);
  shumate_viewport_set_zoom_level (viewport, 8);
  shumate_map_center_on (self->map, 26.9, 112.6);

  self->grid_layer = gw_grid_layer_new (viewport);
  self->hazard_layer = gw_hazard_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->grid_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->hazard_layer));
  /* One cairo node per frame for grids and marks (see gw-grid-layer.c). */
  gw_grid_layer_set_overlay (self->grid_layer, self->hazard_layer);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->hazard_layer), TRUE);
  g_signal_connect (self->hazard_layer, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect_swapped (self->hazard_layer, "notify::busy", G_CALLBACK (notify_ready), self);

  g_signal_connect_swapped (viewport, "notify::latitude", G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (viewport, "notify::longitude", G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (viewport, "notify::zoom-level", G_CALLBACK (view_changed_cb), self);

  self->scale = shumate_scale_new (viewport);
  gtk_widget_set_halign (GTK_WIDGET (self->scale), GTK_ALIGN_END);
  gtk_box_prepend (self->corner_box, GTK_WIDGET (self->scale));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);

  g_signal_connect (self->panel, "open-ledger", G_CALLBACK (panel_open_ledger_cb), self);
  g_signal_connect (self->panel, "hazard-activated", G_CALLBACK (panel_hazard_activated_cb), self);
  g_signal_connect (self->panel, "close-requested", G_CALLBACK (panel_close_cb), self);

  build_legend (self);
  build_base_map (self);
  g_signal_connect_object (self->settings, "changed::base-map", G_CALLBACK (build_base_map),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::base-map-file", G_CALLBACK (build_base_map),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::base-map-url", G_CALLBACK (build_base_map),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::base-map-attribution",
                           G_CALLBACK (build_base_map), self, G_CONNECT_SWAPPED);
  notify_ready (self);
}

/* ---- public API --------------------------------------------------------------------------- */

GwMapView *
gw_map_view_new (void)
{
  return g_object_new (GW_TYPE_MAP_VIEW, NULL);
}

void
gw_map_view_set_store (GwMapView *self,
                       GwStore   *store)
{
  g_return_if_fail (GW_IS_MAP_VIEW (self));
  g_return_if_fail (store == NULL || GW_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    save_view (self);
  g_set_object (&self->store, store);
  gw_map_view_select_grid (self, 0);
  gw_hazard_layer_set_highlight (self->hazard_layer, 0, 0, 0);
  self->grids_loaded = FALSE;
  self->have_extent = FALSE;
  self->placed = FALSE;
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    gw_grid_layer_set_grids (self->grid_layer, none);
  }
  gw_hazard_layer_set_store_path (self->hazard_layer, store ? gw_store_get_path (store) : NULL);
  if (store == NULL)
    {
      /* Closes the reader's connection in its thread, after the queries queued. */
      LoadData *data = g_new0 (LoadData, 1);
      GTask *task = g_task_new (NULL, NULL, NULL, NULL);

      data->reader = g_atomic_rc_box_acquire (self->reader);
      g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
      g_thread_pool_push (self->load_pool, task, NULL);
    }
  start_load (self, TRUE);
  notify_ready (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
gw_map_view_set_today (GwMapView  *self,
                       const char *today)
{
  g_return_if_fail (GW_IS_MAP_VIEW (self));

  if (g_strcmp0 (today, self->today) == 0)
    return;
  g_free (self->today);
  self->today = g_strdup (today);
  gw_hazard_layer_set_today (self->hazard_layer, today);
  start_load (self, FALSE);
}

void
gw_map_view_reload (GwMapView *self)
{
  g_return_if_fail (GW_IS_MAP_VIEW (self));

  start_load (self, FALSE);
  gw_hazard_layer_reload (self->hazard_layer);
}

gboolean
gw_map_view_get_ready (GwMapView *self)
{
  g_return_val_if_fail (GW_IS_MAP_VIEW (self), FALSE);

  return self->store != NULL && self->grids_loaded && self->n_loading == 0
         && !self->fit_pending && !gw_hazard_layer_get_busy (self->hazard_layer);
}

void
gw_map_view_select_grid (GwMapView *self,
                         gint64     grid_id)
{
  g_autoptr(GwMapGridDetail) detail = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GW_IS_MAP_VIEW (self));

  if (grid_id != 0 && self->store != NULL)
    {
      detail = gw_map_grid_detail (self->store, grid_id, self->today, &error);
      if (detail == NULL)
        {
          g_warning ("Grid %" G_GINT64_FORMAT " could not be read: %s", grid_id, error->message);
          grid_id = 0;
        }
    }
  else
    grid_id = 0;
  if (detail != NULL)
    gw_grid_panel_set_detail (self->panel, detail);
  gtk_revealer_set_reveal_child (self->panel_revealer, grid_id != 0);
  gw_grid_layer_set_selected (self->grid_layer, grid_id);
  if (self->selected != grid_id)
    {
      self->selected = grid_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_GRID]);
    }
}

gint64
gw_map_view_get_selected_grid (GwMapView *self)
{
  g_return_val_if_fail (GW_IS_MAP_VIEW (self), 0);

  return self->selected;
}

void
gw_map_view_show_hazard (GwMapView *self,
                         gint64     hazard_id)
{
  g_autoptr(GwHazard) h = NULL;
  ShumateViewport *viewport;

  g_return_if_fail (GW_IS_MAP_VIEW (self));

  if (self->store == NULL || (h = gw_store_hazard_get (self->store, hazard_id, NULL)) == NULL)
    return;
  viewport = shumate_map_get_viewport (self->map);
  self->fit_pending = FALSE;
  if (!h->has_location)
    {
      g_autofree char *text = g_strdup_printf (_("Hazard %s has no place on the map yet; its grid "
                                                 "is shown."), h->number);
      GwBounds b;

      show_banner (self, BANNER_MESSAGE, text);
      if (gw_grid_layer_get_grid_bounds (self->grid_layer, h->grid_id, &b))
        fit_bounds (self, &b, 15);
      gw_map_view_select_grid (self, h->grid_id);
      return;
    }
  shumate_viewport_set_zoom_level (viewport, MAX (shumate_viewport_get_zoom_level (viewport), 14));
  shumate_map_center_on (self->map, h->lat, h->lon);
  self->placed = !self->grids_loaded;
  gw_hazard_layer_set_highlight (self->hazard_layer, h->id, h->lat, h->lon);
}

void
gw_map_view_show_grid (GwMapView *self,
                       gint64     grid_id)
{
  GwBounds b;

  g_return_if_fail (GW_IS_MAP_VIEW (self));

  gw_map_view_select_grid (self, grid_id);
  if (!gw_grid_layer_get_grid_bounds (self->grid_layer, grid_id, &b))
    return;
  self->fit_pending = FALSE;
  /* With its neighbours around it. */
  {
    double dlat = (b.max_lat - b.min_lat) * 1.5, dlon = (b.max_lon - b.min_lon) * 1.5;
    GwBounds around = { b.min_lat - dlat, b.min_lon - dlon, b.max_lat + dlat, b.max_lon + dlon };

    fit_bounds (self, &around, 15);
  }
}

void
gw_map_view_import_boundaries (GwMapView  *self,
                               const char *file)
{
  g_return_if_fail (GW_IS_MAP_VIEW (self));

  if (file == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "map.import-boundaries", NULL);
  else if (self->store != NULL && !self->importing)
    ask_import_options (self, file);
}

void
gw_map_view_fit_city (GwMapView *self)
{
  g_return_if_fail (GW_IS_MAP_VIEW (self));

  if (self->have_extent)
    queue_fit (self);
}

void
gw_map_view_pick_location_async (GwMapView           *self,
                                 gint64               grid_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;
  const char *name;
  GwBounds b;

  g_return_if_fail (GW_IS_MAP_VIEW (self));

  cancel_pick (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gw_map_view_pick_location_async);
  self->pick_task = g_steal_pointer (&task);
  self->pick_grid = grid_id;
  name = grid_id ? gw_grid_layer_get_grid_name (self->grid_layer, grid_id) : NULL;
  if (name != NULL)
    text = g_strdup_printf (_("Click the hazard's place in %s."), name);
  else
    text = g_strdup (_("Click the hazard's place on the map."));
  {
    g_autofree char *both = g_strdup_printf ("%s\n%s", text,
                                             _("Cancel or Escape leaves the location as it was."));

    show_banner (self, BANNER_PICK, both);
  }
  if (grid_id != 0 && gw_grid_layer_get_grid_bounds (self->grid_layer, grid_id, &b))
    fit_bounds (self, &b, 16);
  if (cancellable != NULL)
    {
      self->pick_cancellable = g_object_ref (cancellable);
      self->pick_cancelled_id = g_signal_connect_swapped (cancellable, "cancelled",
                                                          G_CALLBACK (cancel_pick), self);
    }
}

gboolean
gw_map_view_pick_location_finish (GwMapView     *self,
                                  GAsyncResult  *result,
                                  double        *lat,
                                  double        *lon,
                                  gboolean      *inside_grid,
                                  GError       **error)
{
  g_autofree double *place = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  place = g_task_propagate_pointer (G_TASK (result), error);
  if (place == NULL)
    return FALSE;
  if (lat != NULL)
    *lat = place[0];
  if (lon != NULL)
    *lon = place[1];
  if (inside_grid != NULL)
    *inside_grid = place[2] != 0;
  return TRUE;
}

ShumateMap *
gw_map_view_get_map (GwMapView *self)
{
  g_return_val_if_fail (GW_IS_MAP_VIEW (self), NULL);
  return self->map;
}

GwGridLayer *
gw_map_view_get_grid_layer (GwMapView *self)
{
  g_return_val_if_fail (GW_IS_MAP_VIEW (self), NULL);
  return self->grid_layer;
}

GwHazardLayer *
gw_map_view_get_hazard_layer (GwMapView *self)
{
  g_return_val_if_fail (GW_IS_MAP_VIEW (self), NULL);
  return self->hazard_layer;
}

GwGridPanel *
gw_map_view_get_panel (GwMapView *self)
{
  g_return_val_if_fail (GW_IS_MAP_VIEW (self), NULL);
  return self->panel;
}

const char *
gw_map_view_get_banner (GwMapView *self)
{
  g_return_val_if_fail (GW_IS_MAP_VIEW (self), NULL);
  return self->banner != BANNER_NONE ? self->banner_text : NULL;
}
