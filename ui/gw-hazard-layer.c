/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-hazard-layer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "gw-grid-layer.h"
#include "gw-hazard-layer.h"

#define CLUSTER_CELL   80.0      /* pixels: marks closer than this gather */
#define MAX_POINT_ROWS 20000     /* more in view: per-grid tallies instead */
#define MARGIN         0.3       /* of the view's size, queried around it */
#define SETTLE_MS      120       /* quiet time before a view is queried */

/* ---- drawing (any thread) ------------------------------------------------------------ */

static const double level_rgb[GW_N_LEVELS][3] = {
  { 0.604, 0.600, 0.588 },   /* not assessed #9a9996 */
  { 0.843, 0.098, 0.110 },   /* I   #d7191c */
  { 0.992, 0.553, 0.235 },   /* II  #fd8d3c */
  { 1.000, 0.851, 0.184 },   /* III #ffd92f */
  { 0.173, 0.482, 0.714 },   /* IV  #2c7bb6 */
};

static void
symbol_path (cairo_t *cr,
             double   x,
             double   y,
             GwLevel  level)
{
  switch (level)
    {
    case GW_LEVEL_I:          /* diamond */
      cairo_move_to (cr, x, y - 8);
      cairo_line_to (cr, x + 8, y);
      cairo_line_to (cr, x, y + 8);
      cairo_line_to (cr, x - 8, y);
      cairo_close_path (cr);
      break;
    case GW_LEVEL_II:         /* triangle */
      cairo_move_to (cr, x, y - 8);
      cairo_line_to (cr, x + 7.5, y + 5.5);
      cairo_line_to (cr, x - 7.5, y + 5.5);
      cairo_close_path (cr);
      break;
    case GW_LEVEL_III:        /* circle */
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
      break;
    case GW_LEVEL_IV:         /* square */
      cairo_rectangle (cr, x - 5.5, y - 5.5, 11, 11);
      break;
    case GW_LEVEL_NONE:       /* small hollow circle */
    case GW_N_LEVELS:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
      break;
    }
}

static void
overdue_ring (cairo_t *cr,
              double   x,
              double   y,
              double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.141, 0.122, 0.192);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}

void
gw_hazard_layer_draw_symbol (cairo_t  *cr,
                             double    x,
                             double    y,
                             GwLevel   level,
                             gboolean  overdue)
{
  const double *rgb = level_rgb[level < GW_N_LEVELS ? level : 0];

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (overdue)
    overdue_ring (cr, x, y, 11);
  symbol_path (cr, x, y, level);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 3);
  cairo_stroke_preserve (cr);
  if (level == GW_LEVEL_NONE)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, level == GW_LEVEL_NONE ? 0.37 : 0.141, 0.122 + (level == GW_LEVEL_NONE) * 0.24,
                        0.192 + (level == GW_LEVEL_NONE) * 0.2);
  cairo_set_line_width (cr, level == GW_LEVEL_NONE ? 2 : 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
bubble_radius (guint count)
{
  return MIN (10 + 2.2 * log2 (MAX (count, 1)), 30);
}

static void
draw_bubble (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             guint        count,
             GwLevel      level,
             gboolean     overdue)
{
  const double *rgb = level_rgb[level < GW_N_LEVELS ? level : 0];
  double r = bubble_radius (count);
  char text[16];
  int w, h;

  if (overdue)
    overdue_ring (cr, x, y, r + 3);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  g_snprintf (text, sizeof text, "%u", count);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (level == GW_LEVEL_II || level == GW_LEVEL_III)
    cairo_set_source_rgb (cr, 0.141, 0.122, 0.192);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static PangoLayout *
bubble_layout (cairo_t    *cr,
               const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font ? font : "Sans");

  pango_font_description_set_size (desc, 9 * PANGO_SCALE);
  pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

void
gw_hazard_layer_draw_bubble (cairo_t  *cr,
                             double    x,
                             double    y,
                             guint     count,
                             GwLevel   level,
                             gboolean  overdue)
{
  PangoLayout *layout = bubble_layout (cr, NULL);

  cairo_save (cr);
  draw_bubble (cr, layout, x, y, count, level, overdue);
  cairo_restore (cr);
  g_object_unref (layout);
}

/* ---- the worker ------------------------------------------------------------------------ */

/* Owned by the worker thread only, shared by its jobs. */
typedef struct {
  GwStore *reader;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_object (&reader->reader);
}

/* What one query asks and brings back. */
typedef struct {
  Reader          *reader;
  char            *path;
  char            *today;
  GwBounds         bounds;
  double           world;
  double           x0, y0;         /* the area queried, world pixels */
  int              width, height;
  /* results */
  GwMapHazards    *hazards;
  double          *px;             /* mark centres, world pixels: x, y pairs */
  GError          *error;
} Query;

static void
query_free (Query *q)
{
  g_atomic_rc_box_release_full (q->reader, (GDestroyNotify) reader_clear);
  g_free (q->path);
  g_free (q->today);
  g_clear_pointer (&q->hazards, gw_map_hazards_free);
  g_free (q->px);
  g_clear_error (&q->error);
  g_free (q);
}

static void
project_marks (Query *q)
{
  GArray *marks = q->hazards->marks;

  q->px = g_new (double, 2 * MAX (marks->len, 1));
  for (guint i = 0; i < marks->len; i++)
    {
      GwMapMark *m = &g_array_index (marks, GwMapMark, i);

      q->px[2 * i] = gw_mercator_x (m->lon) * q->world;
      q->px[2 * i + 1] = gw_mercator_y (m->lat) * q->world;
    }
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Query *q = task_data;
  Reader *r = q->reader;

  if (q->path == NULL)
    {
      /* No database any more (it is being restored): the connection is closed. */
      g_clear_object (&r->reader);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (r->reader == NULL || g_strcmp0 (gw_store_get_path (r->reader), q->path) != 0)
    {
      g_clear_object (&r->reader);
      r->reader = gw_store_open (q->path, GW_STORE_OPEN_READONLY, &q->error);
      if (r->reader == NULL)
        {
          g_task_return_boolean (task, FALSE);
          return;
        }
    }
  q->hazards = gw_map_hazards (r->reader, &q->bounds, CLUSTER_CELL / q->world, MAX_POINT_ROWS,
                               q->today, &q->error);
  if (q->hazards != NULL)
    project_marks (q);
  g_task_return_boolean (task, q->hazards != NULL);
}

/* Queries run one after another in one thread: the reader connection is never
 * used by two at once. */
static void
pool_func (gpointer data,
           gpointer user_data)
{
  GTask *task = data;

  query_thread (task, NULL, g_task_get_task_data (task), NULL);
  g_object_unref (task);
}

/* ---- the layer ----------------------------------------------------------------------------- */

struct _GwHazardLayer
{
  ShumateLayer     parent_instance;

  char            *path;
  char            *today;
  char            *font;
  GThreadPool     *pool;
  Reader          *reader;
  guint            settle_id;
  gboolean         running;
  gboolean         dirty;          /* the data changed since the marks were read */
  char            *error;

  /* the marks shown and the area they were read for */
  GwMapHazards    *hazards;
  double          *px;
  double           world, x0, y0;
  int              width, height;
  GHashTable      *sprites;        /* key → Sprite */
  int              scale;
  guint            n_drawn;        /* marks in the last frame */
  gint64           query_started;  /* monotonic µs */
  gboolean         painted_elsewhere;

  gint64           highlight;
  double           highlight_lat, highlight_lon;
};

G_DEFINE_FINAL_TYPE (GwHazardLayer, gw_hazard_layer, SHUMATE_TYPE_LAYER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_query (GwHazardLayer *self, guint delay_ms);

static gboolean
image_covers_view (GwHazardLayer        *self,
                   const GwMapTransform *t)
{
  double reach = t->rotation != 0 ? hypot (t->width, t->height) / 2 : 0;

  return self->hazards != NULL && self->world == t->world
         && t->origin_x - reach >= self->x0 && t->origin_y - reach >= self->y0
         && t->origin_x + t->width + reach <= self->x0 + self->width
         && t->origin_y + t->height + reach <= self->y0 + self->height;
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GwHazardLayer) self = user_data;
  Query *q = g_task_get_task_data (G_TASK (result));

  self->running = FALSE;
  if (self->pool == NULL)
    return;
  if (q->error != NULL)
    {
      g_free (self->error);
      self->error = g_strdup (q->error->message);
      g_warning ("Hazards could not be read for the map: %s", q->error->message);
    }
  else
    {
      g_clear_pointer (&self->error, g_free);
      g_clear_pointer (&self->hazards, gw_map_hazards_free);
      g_clear_pointer (&self->px, g_free);
      self->hazards = g_steal_pointer (&q->hazards);
      self->px = g_steal_pointer (&q->px);
      self->world = q->world;
      self->x0 = q->x0;
      self->y0 = q->y0;
      self->width = q->width;
      self->height = q->height;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_signal_emit (self, signals[CHANGED], 0);
    }
  /* The view moved on, or the data changed, while this ran. */
  schedule_query (self, 0);
  g_object_notify (G_OBJECT (self), "busy");
}

static void
start_query (GwHazardLayer        *self,
             const GwMapTransform *t)
{
  double mx = t->width * MARGIN + (t->rotation != 0 ? hypot (t->width, t->height) / 2 : 0);
  double my = t->height * MARGIN + (t->rotation != 0 ? hypot (t->width, t->height) / 2 : 0);
  Query *q = g_new0 (Query, 1);
  GTask *task;

  q->reader = g_atomic_rc_box_acquire (self->reader);
  q->path = g_strdup (self->path);
  q->today = g_strdup (self->today);
  q->world = t->world;
  q->x0 = floor (t->origin_x - mx);
  q->y0 = floor (t->origin_y - my);
  q->width = (int) ceil (t->width + 2 * mx);
  q->height = (int) ceil (t->height + 2 * my);
  /* Marks whose centre is just outside still show their edge: pad by a bubble. */
  q->bounds.min_lon = gw_mercator_lon ((q->x0 - 40) / q->world);
  q->bounds.max_lon = gw_mercator_lon ((q->x0 + q->width + 40) / q->world);
  q->bounds.max_lat = gw_mercator_lat ((q->y0 - 40) / q->world);
  q->bounds.min_lat = gw_mercator_lat ((q->y0 + q->height + 40) / q->world);

  task = g_task_new (NULL, NULL, query_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_query);
  g_task_set_task_data (task, q, (GDestroyNotify) query_free);
  self->running = TRUE;
  self->dirty = FALSE;
  self->query_started = g_get_monotonic_time ();
  g_thread_pool_push (self->pool, task, NULL);
}

static gboolean
settle_cb (gpointer user_data)
{
  GwHazardLayer *self = user_data;
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GwMapTransform t;
  gboolean was_busy = gw_hazard_layer_get_busy (self);

  self->settle_id = 0;
  if (self->running || self->path == NULL)
    return G_SOURCE_REMOVE;
  if (!gw_map_transform_init (&t, viewport, GTK_WIDGET (self)) || t.width <= 0 || t.height <= 0)
    return G_SOURCE_REMOVE;
  if (self->dirty || !image_covers_view (self, &t))
    start_query (self, &t);
  if (was_busy != gw_hazard_layer_get_busy (self))
    g_object_notify (G_OBJECT (self), "busy");
  return G_SOURCE_REMOVE;
}

static void
schedule_query (GwHazardLayer *self,
                guint          delay_ms)
{
  if (self->path == NULL)
    return;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (delay_ms, settle_cb, self);
}

static void
viewport_changed_cb (GwHazardLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_query (self, SETTLE_MS);
}

static void
rotate_point (const GwMapTransform *t,
              double               *x,
              double               *y)
{
  double dx = *x - t->width / 2, dy = *y - t->height / 2;

  if (t->rotation == 0)
    return;
  *x = cos (t->rotation) * dx - sin (t->rotation) * dy + t->width / 2;
  *y = sin (t->rotation) * dx + cos (t->rotation) * dy + t->height / 2;
}

/* ---- sprites ------------------------------------------------------------------------------ */

/* One image per kind of mark, drawn once and painted as a texture node wherever
 * such a mark is: far cheaper per frame than a layer-sized image. */
typedef struct {
  cairo_surface_t *surface;
  GdkTexture      *texture;       /* of the same pixels */
  int              size;
} Sprite;

static void
sprite_free (Sprite *sprite)
{
  g_clear_object (&sprite->texture);
  g_clear_pointer (&sprite->surface, cairo_surface_destroy);
  g_free (sprite);
}

static guint64
sprite_key (const GwMapMark *m)
{
  guint64 count = m->count == 1 ? 0 : MIN (m->count, 9999999);

  return (count << 4) | ((guint64) m->level << 1) | (m->overdue > 0);
}

static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) height * stride,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                 GDK_MEMORY_DEFAULT, bytes, stride);
}

static Sprite *
sprite_for (GwHazardLayer   *self,
            const GwMapMark *m)
{
  guint64 key = sprite_key (m);
  Sprite *sprite = g_hash_table_lookup (self->sprites, &key);
  cairo_surface_t *surface;
  cairo_t *cr;

  if (sprite != NULL)
    return sprite;
  sprite = g_new0 (Sprite, 1);
  sprite->size = m->count == 1 ? 28 : 2 * (int) ceil (bubble_radius (m->count) + 7);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sprite->size * self->scale,
                                        sprite->size * self->scale);
  cairo_surface_set_device_scale (surface, self->scale, self->scale);
  cr = cairo_create (surface);
  if (m->count == 1)
    gw_hazard_layer_draw_symbol (cr, sprite->size / 2.0, sprite->size / 2.0, m->level,
                                 m->overdue > 0);
  else
    {
      PangoLayout *layout = bubble_layout (cr, self->font);

      draw_bubble (cr, layout, sprite->size / 2.0, sprite->size / 2.0, m->count, m->level,
                   m->overdue > 0);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  sprite->texture = texture_for_surface (surface);
  sprite->surface = surface;
  g_hash_table_insert (self->sprites, g_memdup2 (&key, sizeof key), sprite);
  return sprite;
}

/* Calls @paint for each mark in view, at its place on the widget. */
static void
each_visible_mark (GwHazardLayer        *self,
                   const GwMapTransform *t,
                   void                (*paint) (GwHazardLayer *self, Sprite *sprite, double x,
                                                 double y, gpointer data),
                   gpointer              data)
{
  double s;

  self->n_drawn = 0;
  if (self->hazards == NULL)
    return;
  s = t->world / self->world;
  for (guint i = 0; i < self->hazards->marks->len; i++)
    {
      const GwMapMark *m = &g_array_index (self->hazards->marks, GwMapMark, i);
      double x = self->px[2 * i] * s - t->origin_x, y = self->px[2 * i + 1] * s - t->origin_y;

      rotate_point (t, &x, &y);
      if (x < -40 || y < -40 || x > t->width + 40 || y > t->height + 40)
        continue;
      paint (self, sprite_for (self, m), x, y, data);
      self->n_drawn++;
    }
}

static void
append_texture (GwHazardLayer *self,
                Sprite        *sprite,
                double         x,
                double         y,
                gpointer       data)
{
  double half = sprite->size / 2.0;

  gtk_snapshot_append_texture (data, sprite->texture,
                               &GRAPHENE_RECT_INIT (round (x - half), round (y - half),
                                                    sprite->size, sprite->size));
}

static void
paint_surface (GwHazardLayer *self,
               Sprite        *sprite,
               double         x,
               double         y,
               gpointer       data)
{
  cairo_t *cr = data;
  double half = sprite->size / 2.0;

  cairo_set_source_surface (cr, sprite->surface, round (x - half), round (y - half));
  cairo_paint (cr);
}

static void
paint_highlight (GwHazardLayer        *self,
                 cairo_t              *cr,
                 const GwMapTransform *t)
{
  double x = gw_mercator_x (self->highlight_lon) * t->world - t->origin_x;
  double y = gw_mercator_y (self->highlight_lat) * t->world - t->origin_y;

  rotate_point (t, &x, &y);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, 18, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 7);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);
}

static void
prepare_frame (GwHazardLayer        *self,
               const GwMapTransform *t)
{
  /* During a long pan, read the new area at once every so often rather than
   * leaving it empty until the view settles. */
  if (!image_covers_view (self, t))
    schedule_query (self, !self->running && self->hazards != NULL && t->world == self->world
                          && g_get_monotonic_time () - self->query_started > 400000
                          ? 0 : SETTLE_MS);
  if (gtk_widget_get_scale_factor (GTK_WIDGET (self)) != self->scale)
    {
      self->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      g_hash_table_remove_all (self->sprites);
    }
}

static void
gw_hazard_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  GwHazardLayer *self = GW_HAZARD_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GwMapTransform t;

  if (!gw_map_transform_init (&t, viewport, widget) || t.width <= 0 || t.height <= 0)
    return;
  prepare_frame (self, &t);
  /* Painted by the layer below, in its own node (see gw_hazard_layer_paint). */
  if (self->painted_elsewhere)
    return;

  each_visible_mark (self, &t, append_texture, snapshot);
  if (self->highlight != 0)
    {
      double x = gw_mercator_x (self->highlight_lon) * t.world - t.origin_x;
      double y = gw_mercator_y (self->highlight_lat) * t.world - t.origin_y;
      cairo_t *cr;

      rotate_point (&t, &x, &y);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - 24, y - 24, 48, 48));
      paint_highlight (self, cr, &t);
      cairo_destroy (cr);
    }
}

static void
gw_hazard_layer_root (GtkWidget *widget)
{
  GwHazardLayer *self = GW_HAZARD_LAYER (widget);

  GTK_WIDGET_CLASS (gw_hazard_layer_parent_class)->root (widget);
  g_free (self->font);
  g_object_get (gtk_widget_get_settings (widget), "gtk-font-name", &self->font, NULL);
  g_hash_table_remove_all (self->sprites);
}

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gw_hazard_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, gw_hazard_layer_get_busy (GW_HAZARD_LAYER (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_hazard_layer_constructed (GObject *object)
{
  GwHazardLayer *self = GW_HAZARD_LAYER (object);

  G_OBJECT_CLASS (gw_hazard_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
gw_hazard_layer_dispose (GObject *object)
{
  GwHazardLayer *self = GW_HAZARD_LAYER (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  /* A running query finishes in its thread and is dropped. */
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, FALSE);
  G_OBJECT_CLASS (gw_hazard_layer_parent_class)->dispose (object);
}

static void
gw_hazard_layer_finalize (GObject *object)
{
  GwHazardLayer *self = GW_HAZARD_LAYER (object);

  g_atomic_rc_box_release_full (self->reader, (GDestroyNotify) reader_clear);
  g_free (self->path);
  g_free (self->today);
  g_free (self->font);
  g_free (self->error);
  g_clear_pointer (&self->hazards, gw_map_hazards_free);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_free (self->px);
  G_OBJECT_CLASS (gw_hazard_layer_parent_class)->finalize (object);
}

static void
gw_hazard_layer_class_init (GwHazardLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gw_hazard_layer_get_property;
  object_class->constructed = gw_hazard_layer_constructed;
  object_class->dispose = gw_hazard_layer_dispose;
  object_class->finalize = gw_hazard_layer_finalize;
  widget_class->snapshot = gw_hazard_layer_snapshot;
  widget_class->root = gw_hazard_layer_root;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The marks or the highlight changed: for a layer that paints them. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gw_hazard_layer_init (GwHazardLayer *self)
{
  self->reader = g_atomic_rc_box_new0 (Reader);
  self->pool = g_thread_pool_new (pool_func, NULL, 1, TRUE, NULL);
  self->font = g_strdup ("Sans");
  self->scale = 1;
  self->sprites = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) sprite_free);
}

/* ---- public API ------------------------------------------------------------------------------ */

GwHazardLayer *
gw_hazard_layer_new (ShumateViewport *viewport)
{
  return g_object_new (GW_TYPE_HAZARD_LAYER, "viewport", viewport, NULL);
}

static void
forget_marks (GwHazardLayer *self)
{
  g_clear_pointer (&self->hazards, gw_map_hazards_free);
  g_clear_pointer (&self->px, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

void
gw_hazard_layer_set_store_path (GwHazardLayer *self,
                                const char    *path)
{
  g_return_if_fail (GW_IS_HAZARD_LAYER (self));

  if (g_strcmp0 (path, self->path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  forget_marks (self);
  if (path == NULL)
    {
      /* Closes the reader's connection in its thread, after the queries queued. */
      Query *q = g_new0 (Query, 1);
      GTask *task = g_task_new (NULL, NULL, NULL, NULL);

      q->reader = g_atomic_rc_box_acquire (self->reader);
      g_task_set_task_data (task, q, (GDestroyNotify) query_free);
      g_thread_pool_push (self->pool, task, NULL);
    }
  gw_hazard_layer_reload (self);
}

void
gw_hazard_layer_set_today (GwHazardLayer *self,
                           const char    *today)
{
  g_return_if_fail (GW_IS_HAZARD_LAYER (self));

  if (g_strcmp0 (today, self->today) == 0)
    return;
  g_free (self->today);
  self->today = g_strdup (today);
  gw_hazard_layer_reload (self);
}

void
gw_hazard_layer_reload (GwHazardLayer *self)
{
  g_return_if_fail (GW_IS_HAZARD_LAYER (self));

  self->dirty = TRUE;
  schedule_query (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
gw_hazard_layer_get_busy (GwHazardLayer *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_LAYER (self), FALSE);

  return self->running || self->settle_id != 0;
}

const GwMapHazards *
gw_hazard_layer_get_hazards (GwHazardLayer *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_LAYER (self), NULL);

  return self->hazards;
}

const GwMapMark *
gw_hazard_layer_get_mark_at (GwHazardLayer *self,
                             double         x,
                             double         y)
{
  ShumateViewport *viewport;
  GwMapTransform t;
  double wx, wy, s;

  g_return_val_if_fail (GW_IS_HAZARD_LAYER (self), NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  if (self->hazards == NULL || !gw_map_transform_init (&t, viewport, GTK_WIDGET (self)))
    return NULL;
  gw_map_transform_to_world (&t, x, y, &wx, &wy);
  s = t.world / self->world;
  /* The last drawn is on top; marks keep their size while zooming. */
  for (guint i = self->hazards->marks->len; i-- > 0;)
    {
      const GwMapMark *m = &g_array_index (self->hazards->marks, GwMapMark, i);
      double r = m->count == 1 ? 10 : bubble_radius (m->count) + 2;

      if (hypot (self->px[2 * i] * s - wx, self->px[2 * i + 1] * s - wy) <= r)
        return m;
    }
  return NULL;
}

void
gw_hazard_layer_set_highlight (GwHazardLayer *self,
                               gint64         id,
                               double         lat,
                               double         lon)
{
  g_return_if_fail (GW_IS_HAZARD_LAYER (self));

  self->highlight = id;
  self->highlight_lat = lat;
  self->highlight_lon = lon;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

gint64
gw_hazard_layer_get_highlight (GwHazardLayer *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_LAYER (self), 0);

  return self->highlight;
}

guint
gw_hazard_layer_get_n_drawn (GwHazardLayer *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_LAYER (self), 0);

  return self->n_drawn;
}

void
gw_hazard_layer_set_painted_elsewhere (GwHazardLayer *self,
                                       gboolean       painted_elsewhere)
{
  g_return_if_fail (GW_IS_HAZARD_LAYER (self));

  self->painted_elsewhere = !!painted_elsewhere;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gw_hazard_layer_paint (GwHazardLayer        *self,
                       cairo_t              *cr,
                       const GwMapTransform *t)
{
  g_return_if_fail (GW_IS_HAZARD_LAYER (self));

  prepare_frame (self, t);
  each_visible_mark (self, t, paint_surface, cr);
  if (self->highlight != 0)
    paint_highlight (self, cr, t);
}

gboolean
gw_hazard_layer_has_content (GwHazardLayer *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_LAYER (self), FALSE);

  return (self->hazards != NULL && self->hazards->marks->len > 0) || self->highlight != 0;
}
