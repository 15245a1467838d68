/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-grid-layer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "gw-grid-layer.h"
#include "gw-hazard-layer.h"

/* Drawing two thousand polygons with cairo takes longer than a frame, so the
 * polygons are drawn once per zoom into 256-pixel tiles by a worker thread; a
 * frame paints the cached tiles of its zoom, and while they are being made, the
 * last complete zoom's tiles scaled. */

#define TILE       256
#define MAX_TILES  192
#define LABEL_FONT_SIZE 9
/* The ground without a base map: map-view.gw-map's background in style.css. */
#define GROUND_R (0xee / 255.0)
#define GROUND_G (0xeb / 255.0)
#define GROUND_B (0xe5 / 255.0)

/* ---- transform ------------------------------------------------------------------ */

gboolean
gw_map_transform_init (GwMapTransform  *t,
                       ShumateViewport *viewport,
                       GtkWidget       *widget)
{
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

  if (source == NULL)
    return FALSE;
  t->world = shumate_map_source_get_x (source, zoom, 180.0);
  t->width = gtk_widget_get_width (widget);
  t->height = gtk_widget_get_height (widget);
  t->origin_x = shumate_map_source_get_x (source, zoom, lon) - t->width / 2;
  t->origin_y = shumate_map_source_get_y (source, zoom, lat) - t->height / 2;
  t->rotation = shumate_viewport_get_rotation (viewport);
  return t->world > 0;
}

static void
rotate_about_centre (const GwMapTransform *t,
                     double                angle,
                     double               *x,
                     double               *y)
{
  double dx = *x - t->width / 2, dy = *y - t->height / 2;

  if (angle == 0)
    return;
  *x = cos (angle) * dx - sin (angle) * dy + t->width / 2;
  *y = sin (angle) * dx + cos (angle) * dy + t->height / 2;
}

void
gw_map_transform_to_world (const GwMapTransform *t,
                           double                x,
                           double                y,
                           double               *wx,
                           double               *wy)
{
  rotate_about_centre (t, -t->rotation, &x, &y);
  *wx = x + t->origin_x;
  *wy = y + t->origin_y;
}

/* ---- shared, immutable data ---------------------------------------------------------- */

typedef struct {
  gint64  id;
  char   *name;
  double  min_x, min_y, max_x, max_y;   /* Mercator, unit world */
  double  label_x, label_y;
  double  label_lat, label_lon;
  GwBounds bounds;                       /* degrees */
  guint   n_rings;
  guint  *ring_len;
  double *xy;                            /* x, y pairs of every ring in turn */
} GridGeom;

typedef struct {
  GridGeom   *grids;
  guint       n;
  GHashTable *index;                     /* id → index + 1 */
} Geometry;

/* What one generation of tiles shows. */
typedef struct {
  Geometry *geometry;
  guint8   *status;                      /* GwGridStatus per grid */
  guint     gen;
  int       scale;
  gboolean  opaque;                      /* no base map: tiles carry the ground colour */
  char     *font;
  /* Label sizes in this font, measured by the worker thread as it needs them
   * (-1: not yet); only that thread touches them. */
  int      *label_w, *label_h;
} TileSet;

/* The view the worker should still render for: older requests are skipped. */
typedef struct {
  GMutex lock;
  guint  gen;
  double world;
} Wanted;

static void
geometry_clear (Geometry *g)
{
  for (guint i = 0; i < g->n; i++)
    {
      g_free (g->grids[i].name);
      g_free (g->grids[i].ring_len);
      g_free (g->grids[i].xy);
    }
  g_free (g->grids);
  g_clear_pointer (&g->index, g_hash_table_unref);
}

static void
tile_set_clear (TileSet *set)
{
  g_atomic_rc_box_release_full (set->geometry, (GDestroyNotify) geometry_clear);
  g_free (set->status);
  g_free (set->font);
  g_free (set->label_w);
  g_free (set->label_h);
}

static void
wanted_clear (Wanted *w)
{
  g_mutex_clear (&w->lock);
}

static Geometry *
geometry_new (GPtrArray *grids)
{
  Geometry *g = g_atomic_rc_box_new0 (Geometry);

  g->grids = g_new0 (GridGeom, grids->len);
  g->index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < grids->len; i++)
    {
      GwMapGrid *src = grids->pdata[i];
      GridGeom *dst = &g->grids[g->n];
      guint n_points = 0, k = 0;

      if (src->shape == NULL)
        continue;
      dst->id = src->id;
      dst->name = g_strdup (src->name);
      dst->label_lat = src->label.y;
      dst->label_lon = src->label.x;
      dst->label_x = gw_mercator_x (src->label.x);
      dst->label_y = gw_mercator_y (src->label.y);
      dst->bounds = (GwBounds) { src->shape->min.y, src->shape->min.x,
                                 src->shape->max.y, src->shape->max.x };
      dst->min_x = gw_mercator_x (src->shape->min.x);
      dst->max_x = gw_mercator_x (src->shape->max.x);
      dst->min_y = gw_mercator_y (src->shape->max.y);    /* y grows southwards */
      dst->max_y = gw_mercator_y (src->shape->min.y);
      for (guint p = 0; p < src->shape->polygons->len; p++)
        {
          GPtrArray *polygon = src->shape->polygons->pdata[p];

          dst->n_rings += polygon->len;
          for (guint r = 0; r < polygon->len; r++)
            n_points += ((GwRing *) polygon->pdata[r])->len;
        }
      dst->ring_len = g_new (guint, dst->n_rings);
      dst->xy = g_new (double, 2 * n_points);
      for (guint p = 0, r_out = 0; p < src->shape->polygons->len; p++)
        {
          GPtrArray *polygon = src->shape->polygons->pdata[p];

          for (guint r = 0; r < polygon->len; r++, r_out++)
            {
              GwRing *ring = polygon->pdata[r];

              dst->ring_len[r_out] = ring->len;
              for (guint j = 0; j < ring->len; j++)
                {
                  GwPoint pt = g_array_index (ring, GwPoint, j);
                  dst->xy[k++] = gw_mercator_x (pt.x);
                  dst->xy[k++] = gw_mercator_y (pt.y);
                }
            }
        }
      g->n++;
      g_hash_table_insert (g->index, &dst->id, GUINT_TO_POINTER (g->n));
    }
  return g;
}

/* ---- drawing (any thread) --------------------------------------------------------------- */

static const double status_rgb[GW_N_GRID_STATUSES][3] = {
  { 0.102, 0.588, 0.255 },   /* green  #1a9641 */
  { 1.000, 0.851, 0.184 },   /* yellow #ffd92f */
  { 0.992, 0.553, 0.235 },   /* orange #fd8d3c */
  { 0.843, 0.098, 0.110 },   /* red    #d7191c */
};
static const double status_alpha[GW_N_GRID_STATUSES] = { 0.30, 0.45, 0.45, 0.45 };

/* A pattern over the fill so the status does not rest on colour alone:
 * green plain, yellow dots, orange single hatching, red cross-hatching. */
static cairo_pattern_t *
status_pattern (GwGridStatus status)
{
  cairo_surface_t *cell;
  cairo_pattern_t *pattern;
  cairo_t *cr;
  const double *rgb = status_rgb[status];

  if (status == GW_GRID_STATUS_GREEN)
    return NULL;
  cell = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cr = cairo_create (cell);
  cairo_set_source_rgba (cr, rgb[0] * 0.45, rgb[1] * 0.45, rgb[2] * 0.45, 0.55);
  cairo_set_line_width (cr, 1.2);
  switch (status)
    {
    case GW_GRID_STATUS_YELLOW:
      cairo_arc (cr, 4, 4, 1.3, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case GW_GRID_STATUS_RED:
      cairo_move_to (cr, 0, 0);
      cairo_line_to (cr, 8, 8);
      cairo_move_to (cr, -1, 1);
      cairo_line_to (cr, 1, -1);
      cairo_move_to (cr, 7, 9);
      cairo_line_to (cr, 9, 7);
      G_GNUC_FALLTHROUGH;
    case GW_GRID_STATUS_ORANGE:
      cairo_move_to (cr, 0, 8);
      cairo_line_to (cr, 8, 0);
      cairo_move_to (cr, -1, 1);
      cairo_line_to (cr, 1, -1);
      cairo_move_to (cr, 7, 9);
      cairo_line_to (cr, 9, 7);
      cairo_stroke (cr);
      break;
    case GW_GRID_STATUS_GREEN:
    case GW_N_GRID_STATUSES:
    default:
      break;
    }
  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (cell);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (cell);
  return pattern;
}

static void
fill_status (cairo_t           *cr,
             GwGridStatus       status,
             cairo_pattern_t  **patterns)
{
  const double *rgb = status_rgb[status];

  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], status_alpha[status]);
  cairo_fill_preserve (cr);
  if (patterns[status] != NULL)
    {
      cairo_set_source (cr, patterns[status]);
      cairo_fill_preserve (cr);
    }
}

void
gw_grid_layer_draw_swatch (cairo_t      *cr,
                           GwGridStatus  status,
                           double        width,
                           double        height)
{
  cairo_pattern_t *patterns[GW_N_GRID_STATUSES] = { NULL };

  g_return_if_fail (status < GW_N_GRID_STATUSES);

  patterns[status] = status_pattern (status);
  cairo_save (cr);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  fill_status (cr, status, patterns);
  cairo_set_source_rgba (cr, 0.24, 0.22, 0.27, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);
  g_clear_pointer (&patterns[status], cairo_pattern_destroy);
}

/* Points closer than this (pixels) to the last one drawn are skipped. */
#define MIN_STEP 0.6

static void
append_path (cairo_t        *cr,
             const GridGeom *g,
             double          world,
             double          ox,
             double          oy)
{
  const double *xy = g->xy;

  for (guint r = 0; r < g->n_rings; r++)
    {
      guint n = g->ring_len[r];
      double lx = xy[0] * world - ox, ly = xy[1] * world - oy;

      cairo_move_to (cr, lx, ly);
      for (guint i = 1; i < n; i++)
        {
          double x = xy[2 * i] * world - ox, y = xy[2 * i + 1] * world - oy;

          if (fabs (x - lx) < MIN_STEP && fabs (y - ly) < MIN_STEP && i + 1 < n)
            continue;
          cairo_line_to (cr, x, y);
          lx = x;
          ly = y;
        }
      cairo_close_path (cr);
      xy += 2 * n;
    }
}

static gboolean
label_fits (const GridGeom *g,
            int             w,
            int             h,
            double          world)
{
  return w > 0 && w <= 0.8 * (g->max_x - g->min_x) * world && h <= 0.45 * (g->max_y - g->min_y) * world;
}

static void
draw_labels (cairo_t *cr,
             TileSet *set,
             double   world,
             double   x0,
             double   y0)
{
  Geometry *geometry = set->geometry;
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (set->font);

  pango_font_description_set_size (desc, LABEL_FONT_SIZE * PANGO_SCALE);
  pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < geometry->n; i++)
    {
      GridGeom *g = &geometry->grids[i];
      double lx, ly;
      int w, h;

      /* Too small on screen for any name: not even measured. */
      if ((g->max_x - g->min_x) * world < 24)
        continue;
      if (set->label_w[i] < 0)
        {
          pango_layout_set_text (layout, g->name, -1);
          pango_layout_get_pixel_size (layout, &set->label_w[i], &set->label_h[i]);
        }
      w = set->label_w[i];
      h = set->label_h[i];
      if (!label_fits (g, w, h, world))
        continue;
      lx = g->label_x * world - w / 2.0 - x0;
      ly = g->label_y * world - h / 2.0 - y0;
      if (lx > TILE || ly > TILE || lx + w < 0 || ly + h < 0)
        continue;
      pango_layout_set_text (layout, g->name, -1);
      cairo_move_to (cr, lx, ly);
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      cairo_move_to (cr, lx, ly);
      cairo_set_source_rgb (cr, 0.141, 0.122, 0.192);
      pango_cairo_show_layout (cr, layout);
    }
  pango_font_description_free (desc);
  g_object_unref (layout);
}

static gboolean
touches (const GridGeom *g,
         double          world,
         double          x0,
         double          y0)
{
  return !(g->max_x * world < x0 - 2 || g->min_x * world > x0 + TILE + 2
           || g->max_y * world < y0 - 2 || g->min_y * world > y0 + TILE + 2);
}

/* NULL for a tile no grid touches: nothing to paint there. */
static cairo_surface_t *
render_tile (TileSet *set,
             double   world,
             int      tx,
             int      ty)
{
  Geometry *geometry = set->geometry;
  cairo_pattern_t *patterns[GW_N_GRID_STATUSES];
  cairo_surface_t *surface;
  cairo_t *cr;
  double x0 = (double) tx * TILE, y0 = (double) ty * TILE;
  guint first = 0;

  while (first < geometry->n && !touches (&geometry->grids[first], world, x0, y0))
    first++;
  if (first == geometry->n)
    return NULL;

  /* Opaque tiles are copied rather than blended: markedly cheaper per frame
   * for the cairo renderer. */
  surface = cairo_image_surface_create (set->opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                        TILE * set->scale, TILE * set->scale);
  cairo_surface_set_device_scale (surface, set->scale, set->scale);
  cr = cairo_create (surface);
  if (set->opaque)
    {
      cairo_set_source_rgb (cr, GROUND_R, GROUND_G, GROUND_B);
      cairo_paint (cr);
    }
  for (guint s = 0; s < GW_N_GRID_STATUSES; s++)
    patterns[s] = status_pattern (s);
  /* The patterns are anchored to the world, so they run on across tiles. */
  for (guint s = 0; s < GW_N_GRID_STATUSES; s++)
    if (patterns[s] != NULL)
      {
        cairo_matrix_t m;
        cairo_matrix_init_translate (&m, fmod (x0, 8), fmod (y0, 8));
        cairo_pattern_set_matrix (patterns[s], &m);
      }

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 1.0);
  for (guint i = first; i < geometry->n; i++)
    {
      GridGeom *g = &geometry->grids[i];

      if (!touches (g, world, x0, y0))
        continue;
      append_path (cr, g, world, x0, y0);
      fill_status (cr, set->status[i], patterns);
      cairo_set_source_rgba (cr, 0.24, 0.22, 0.27, 0.75);
      cairo_stroke (cr);
    }
  draw_labels (cr, set, world, x0, y0);

  for (guint s = 0; s < GW_N_GRID_STATUSES; s++)
    g_clear_pointer (&patterns[s], cairo_pattern_destroy);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* ---- the worker -------------------------------------------------------------------------- */

typedef struct {
  guint  gen;
  double world;
  int    tx, ty;
} TileKey;

static guint
tile_key_hash (gconstpointer p)
{
  const TileKey *k = p;

  return g_double_hash (&k->world) ^ (k->gen * 2654435761u) ^ ((guint) k->tx * 73856093u)
         ^ ((guint) k->ty * 19349663u);
}

static gboolean
tile_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TileKey *x = a, *y = b;

  return x->gen == y->gen && x->world == y->world && x->tx == y->tx && x->ty == y->ty;
}

typedef struct {
  TileKey          key;
  cairo_surface_t *surface;          /* NULL: no grid there */
  guint64          used;             /* frame number it was last painted in */
} CachedTile;

static void
cached_tile_free (CachedTile *tile)
{
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_free (tile);
}

typedef struct {
  TileKey          key;
  TileSet         *set;
  Wanted          *wanted;
  GWeakRef         layer;
  gboolean         rendered;         /* FALSE: skipped, no longer wanted */
  cairo_surface_t *surface;
} TileJob;

static void
tile_job_free (TileJob *job)
{
  g_atomic_rc_box_release_full (job->set, (GDestroyNotify) tile_set_clear);
  g_atomic_rc_box_release_full (job->wanted, (GDestroyNotify) wanted_clear);
  g_weak_ref_clear (&job->layer);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_free (job);
}

struct _GwGridLayer
{
  ShumateLayer  parent_instance;

  Geometry     *geometry;
  TileSet      *set;
  guint         gen;
  gint64        selected;
  int           scale;
  gboolean      opaque;
  GwHazardLayer *overlay;       /* weak: its marks are painted in our node */
  char         *font;

  GThreadPool  *pool;
  Wanted       *wanted;
  GHashTable   *cache;          /* TileKey → CachedTile */
  GHashTable   *pending;        /* TileKey set, owned */
  guint64       frame;
  TileKey       fallback;       /* gen and world of the last complete view */
  gboolean      has_fallback;
  guint         missing;        /* tiles of the view not rendered yet, at the last frame */
};

G_DEFINE_FINAL_TYPE (GwGridLayer, gw_grid_layer, SHUMATE_TYPE_LAYER)

static gboolean
tile_done_cb (gpointer data)
{
  TileJob *job = data;
  g_autoptr(GwGridLayer) self = g_weak_ref_get (&job->layer);

  if (self != NULL)
    {
      g_hash_table_remove (self->pending, &job->key);
      if (job->rendered)
        {
          CachedTile *tile = g_new0 (CachedTile, 1);

          tile->key = job->key;
          tile->surface = g_steal_pointer (&job->surface);
          tile->used = self->frame;
          g_hash_table_replace (self->cache, &tile->key, tile);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  tile_job_free (job);
  return G_SOURCE_REMOVE;
}

static void
render_job (gpointer data,
            gpointer user_data)
{
  TileJob *job = data;
  gboolean still_wanted;

  g_mutex_lock (&job->wanted->lock);
  still_wanted = job->wanted->gen == job->key.gen && job->wanted->world == job->key.world;
  g_mutex_unlock (&job->wanted->lock);
  if (still_wanted)
    {
      job->surface = render_tile (job->set, job->key.world, job->key.tx, job->key.ty);
      job->rendered = TRUE;
    }
  g_idle_add_full (G_PRIORITY_DEFAULT, tile_done_cb, job, NULL);
}

static void
request_tile (GwGridLayer   *self,
              const TileKey *key)
{
  TileJob *job;

  if (g_hash_table_contains (self->pending, key))
    return;
  job = g_new0 (TileJob, 1);
  job->key = *key;
  job->set = g_atomic_rc_box_acquire (self->set);
  job->wanted = g_atomic_rc_box_acquire (self->wanted);
  g_weak_ref_init (&job->layer, self);
  g_hash_table_add (self->pending, g_memdup2 (key, sizeof *key));
  g_thread_pool_push (self->pool, job, NULL);
}

static void
set_wanted (GwGridLayer *self,
            double       world)
{
  g_mutex_lock (&self->wanted->lock);
  self->wanted->gen = self->gen;
  self->wanted->world = world;
  g_mutex_unlock (&self->wanted->lock);
}

static void
evict (GwGridLayer *self)
{
  while (g_hash_table_size (self->cache) > MAX_TILES)
    {
      GHashTableIter iter;
      CachedTile *tile, *oldest = NULL;

      g_hash_table_iter_init (&iter, self->cache);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
        if (oldest == NULL || tile->used < oldest->used)
          oldest = tile;
      g_hash_table_remove (self->cache, &oldest->key);
    }
}

/* ---- snapshot ----------------------------------------------------------------------------- */

static void
paint_tiles (GwGridLayer          *self,
             graphene_rect_t      *painted,
             cairo_t              *cr,
             const GwMapTransform *t,
             guint                 gen,
             double                world,
             gboolean              request,
             guint                *missing)
{
  double scale = t->world / world;
  double ox = floor (t->origin_x), oy = floor (t->origin_y);
  double reach = t->rotation != 0 ? hypot (t->width, t->height) / 2 : 0;
  double left = (t->origin_x - reach) / scale, top = (t->origin_y - reach) / scale;
  double right = (t->origin_x + t->width + reach) / scale;
  double bottom = (t->origin_y + t->height + reach) / scale;
  int margin = request ? 1 : 0;
  int tx0 = (int) floor (left / TILE) - margin, tx1 = (int) floor (right / TILE) + margin;
  int ty0 = (int) floor (top / TILE) - margin, ty1 = (int) floor (bottom / TILE) + margin;
  int n_tiles = (int) ceil (world / TILE);

  for (int ty = MAX (ty0, 0); ty <= MIN (ty1, n_tiles - 1); ty++)
    for (int tx = MAX (tx0, 0); tx <= MIN (tx1, n_tiles - 1); tx++)
      {
        TileKey key = { gen, world, tx, ty };
        CachedTile *tile = g_hash_table_lookup (self->cache, &key);
        gboolean visible = tx >= tx0 + margin && tx <= tx1 - margin
                           && ty >= ty0 + margin && ty <= ty1 - margin;

        if (tile == NULL)
          {
            if (request)
              request_tile (self, &key);
            if (visible && missing != NULL)
              (*missing)++;
            continue;
          }
        tile->used = self->frame;
        if (!visible || tile->surface == NULL)
          continue;
        if (painted != NULL)
          {
            /* Whole pixels: a node at a fractional offset would be resampled,
             * and the joins between tiles would show. */
            double x0 = floor (tx * TILE * scale - t->origin_x), y0 = floor (ty * TILE * scale - t->origin_y);
            graphene_rect_t r = GRAPHENE_RECT_INIT (x0, y0, ceil (TILE * scale) + 1, ceil (TILE * scale) + 1);

            if (painted->size.width == 0)
              *painted = r;
            else
              graphene_rect_union (painted, &r, painted);
          }
        if (cr == NULL)
          continue;
        if (scale == 1.0)
          cairo_set_source_surface (cr, tile->surface, tx * TILE - ox, ty * TILE - oy);
        else
          {
            cairo_save (cr);
            cairo_translate (cr, tx * TILE * scale - t->origin_x, ty * TILE * scale - t->origin_y);
            cairo_scale (cr, scale, scale);
            cairo_set_source_surface (cr, tile->surface, 0, 0);
            /* Only while the new zoom's tiles are being made: fast beats smooth. */
            cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_FAST);
            cairo_paint (cr);
            cairo_restore (cr);
            continue;
          }
        cairo_paint (cr);
      }
}

/* The selected grid's extent on the widget, or FALSE. */
static gboolean
selected_extent (GwGridLayer          *self,
                 const GwMapTransform *t,
                 graphene_rect_t      *out)
{
  gpointer index = self->selected ? g_hash_table_lookup (self->geometry->index, &self->selected) : NULL;
  double ox = floor (t->origin_x), oy = floor (t->origin_y);
  double x0, y0, x1, y1;
  GridGeom *g;

  if (index == NULL)
    return FALSE;
  g = &self->geometry->grids[GPOINTER_TO_UINT (index) - 1];
  x0 = MAX (g->min_x * t->world - ox - 5, -5);
  y0 = MAX (g->min_y * t->world - oy - 5, -5);
  x1 = MIN (g->max_x * t->world - ox + 5, t->width + 5);
  y1 = MIN (g->max_y * t->world - oy + 5, t->height + 5);
  if (x1 <= x0 || y1 <= y0)
    return FALSE;
  *out = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

static void
paint_selected (GwGridLayer          *self,
                cairo_t              *cr,
                const GwMapTransform *t)
{
  gpointer index = self->selected ? g_hash_table_lookup (self->geometry->index, &self->selected) : NULL;
  GridGeom *g;

  if (index == NULL)
    return;
  g = &self->geometry->grids[GPOINTER_TO_UINT (index) - 1];
  cairo_new_path (cr);
  append_path (cr, g, t->world, floor (t->origin_x), floor (t->origin_y));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 6);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);   /* accent blue #1c71d8 */
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
}

static void
union_rect (graphene_rect_t       *painted,
            const graphene_rect_t *r)
{
  if (painted->size.width == 0)
    *painted = *r;
  else
    graphene_rect_union (painted, r, painted);
}

/* One cairo node for everything: the cairo renderer replays it into one
 * image and sends that to the X server once per frame, where a node per
 * tile or per mark would each be sent on its own. */
static void
gw_grid_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GwGridLayer *self = GW_GRID_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GwMapTransform t;
  graphene_rect_t painted = GRAPHENE_RECT_INIT (0, 0, 0, 0), extent;
  gboolean use_fallback, overlay;
  guint missing = 0;
  cairo_t *cr;

  if (self->set == NULL || !gw_map_transform_init (&t, viewport, widget) || t.width <= 0
      || t.height <= 0)
    return;

  self->frame++;
  set_wanted (self, t.world);
  /* Count what this zoom lacks first: when it lacks nothing, no fallback. */
  paint_tiles (self, NULL, NULL, &t, self->gen, t.world, TRUE, &missing);
  use_fallback = missing > 0 && self->has_fallback
                 && !(self->fallback.gen == self->gen && self->fallback.world == t.world);
  /* The node only as large as what it shows: the renderer replays it into an
   * image of that size every frame. */
  if (use_fallback)
    paint_tiles (self, &painted, NULL, &t, self->fallback.gen, self->fallback.world, FALSE, NULL);
  paint_tiles (self, &painted, NULL, &t, self->gen, t.world, FALSE, NULL);
  if (selected_extent (self, &t, &extent))
    union_rect (&painted, &extent);
  overlay = self->overlay != NULL && gw_hazard_layer_has_content (self->overlay);
  if (t.rotation != 0 || overlay)
    painted = GRAPHENE_RECT_INIT (0, 0, t.width, t.height);
  graphene_rect_intersection (&painted, &GRAPHENE_RECT_INIT (0, 0, t.width, t.height), &painted);
  painted.origin.x = floor (painted.origin.x);
  painted.origin.y = floor (painted.origin.y);
  painted.size.width = ceil (painted.size.width);
  painted.size.height = ceil (painted.size.height);

  if (painted.size.width > 0 && painted.size.height > 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &painted);
      cairo_save (cr);
      if (t.rotation != 0)
        {
          cairo_translate (cr, t.width / 2, t.height / 2);
          cairo_rotate (cr, t.rotation);
          cairo_translate (cr, -t.width / 2, -t.height / 2);
        }
      if (use_fallback)
        paint_tiles (self, NULL, cr, &t, self->fallback.gen, self->fallback.world, FALSE, NULL);
      paint_tiles (self, NULL, cr, &t, self->gen, t.world, FALSE, NULL);
      paint_selected (self, cr, &t);
      cairo_restore (cr);
      /* Marks stay upright: the overlay rotates their places itself. */
      if (overlay)
        gw_hazard_layer_paint (self->overlay, cr, &t);
      cairo_destroy (cr);
    }

  self->missing = missing;
  if (missing == 0)
    {
      self->fallback = (TileKey) { self->gen, t.world, 0, 0 };
      self->has_fallback = TRUE;
    }
  evict (self);
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
new_generation (GwGridLayer *self,
                guint8      *status)
{
  TileSet *set = g_atomic_rc_box_new0 (TileSet);

  set->geometry = g_atomic_rc_box_acquire (self->geometry);
  set->status = status;
  set->gen = ++self->gen;
  set->scale = self->scale;
  set->opaque = self->opaque;
  set->font = g_strdup (self->font);
  set->label_w = g_new (int, MAX (self->geometry->n, 1));
  set->label_h = g_new (int, MAX (self->geometry->n, 1));
  for (guint i = 0; i < self->geometry->n; i++)
    set->label_w[i] = set->label_h[i] = -1;
  if (self->set != NULL)
    g_atomic_rc_box_release_full (self->set, (GDestroyNotify) tile_set_clear);
  self->set = set;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static guint8 *
copy_status (GwGridLayer *self)
{
  guint8 *status = g_new0 (guint8, MAX (self->geometry->n, 1));

  if (self->set != NULL && self->set->geometry == self->geometry)
    memcpy (status, self->set->status, self->geometry->n);
  return status;
}

static void
settings_changed_cb (GwGridLayer *self)
{
  g_autofree char *font = NULL;
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  g_object_get (settings, "gtk-font-name", &font, NULL);
  if (font == NULL)
    font = g_strdup ("Sans");
  if (scale == self->scale && g_strcmp0 (font, self->font) == 0)
    return;
  g_free (self->font);
  self->font = g_steal_pointer (&font);
  self->scale = scale;
  new_generation (self, copy_status (self));
}

static void
gw_grid_layer_root (GtkWidget *widget)
{
  GwGridLayer *self = GW_GRID_LAYER (widget);

  GTK_WIDGET_CLASS (gw_grid_layer_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_settings (widget), "notify::gtk-font-name",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  settings_changed_cb (self);
}

static void
gw_grid_layer_constructed (GObject *object)
{
  GwGridLayer *self = GW_GRID_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (gw_grid_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (settings_changed_cb), NULL);
}

static void
gw_grid_layer_dispose (GObject *object)
{
  GwGridLayer *self = GW_GRID_LAYER (object);

  gw_grid_layer_set_overlay (self, NULL);
  if (self->pool != NULL)
    {
      /* Queued jobs see they are no longer wanted and finish at once. */
      g_mutex_lock (&self->wanted->lock);
      self->wanted->gen = 0;
      g_mutex_unlock (&self->wanted->lock);
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, FALSE);
    }
  G_OBJECT_CLASS (gw_grid_layer_parent_class)->dispose (object);
}

static void
gw_grid_layer_finalize (GObject *object)
{
  GwGridLayer *self = GW_GRID_LAYER (object);

  if (self->set != NULL)
    g_atomic_rc_box_release_full (self->set, (GDestroyNotify) tile_set_clear);
  g_atomic_rc_box_release_full (self->geometry, (GDestroyNotify) geometry_clear);
  g_atomic_rc_box_release_full (self->wanted, (GDestroyNotify) wanted_clear);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_free (self->font);
  G_OBJECT_CLASS (gw_grid_layer_parent_class)->finalize (object);
}

static void
gw_grid_layer_class_init (GwGridLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gw_grid_layer_constructed;
  object_class->dispose = gw_grid_layer_dispose;
  object_class->finalize = gw_grid_layer_finalize;
  widget_class->snapshot = gw_grid_layer_snapshot;
  widget_class->root = gw_grid_layer_root;
}

static void
gw_grid_layer_init (GwGridLayer *self)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  self->scale = 1;
  self->font = g_strdup ("Sans");
  self->geometry = geometry_new (none);
  self->wanted = g_atomic_rc_box_new0 (Wanted);
  g_mutex_init (&self->wanted->lock);
  self->cache = g_hash_table_new_full (tile_key_hash, tile_key_equal, NULL,
                                       (GDestroyNotify) cached_tile_free);
  self->pending = g_hash_table_new_full (tile_key_hash, tile_key_equal, g_free, NULL);
  /* One exclusive thread: rendering is serial and keeps one Pango font map. */
  self->pool = g_thread_pool_new (render_job, NULL, 1, TRUE, NULL);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* ---- public API ----------------------------------------------------------------------------- */

GwGridLayer *
gw_grid_layer_new (ShumateViewport *viewport)
{
  return g_object_new (GW_TYPE_GRID_LAYER, "viewport", viewport, NULL);
}

void
gw_grid_layer_set_grids (GwGridLayer *self,
                         GPtrArray   *grids)
{
  g_return_if_fail (GW_IS_GRID_LAYER (self));
  g_return_if_fail (grids != NULL);

  g_atomic_rc_box_release_full (self->geometry, (GDestroyNotify) geometry_clear);
  self->geometry = geometry_new (grids);
  /* Other shapes: nothing cached is worth showing any more. */
  g_hash_table_remove_all (self->cache);
  self->has_fallback = FALSE;
  new_generation (self, copy_status (self));
}

void
gw_grid_layer_set_statuses (GwGridLayer *self,
                            GHashTable  *statuses)
{
  guint8 *status;

  g_return_if_fail (GW_IS_GRID_LAYER (self));
  g_return_if_fail (statuses != NULL);

  status = g_new0 (guint8, MAX (self->geometry->n, 1));
  for (guint i = 0; i < self->geometry->n; i++)
    {
      GwMapGridStatus *s = g_hash_table_lookup (statuses, &self->geometry->grids[i].id);
      status[i] = s != NULL ? s->status : GW_GRID_STATUS_GREEN;
    }
  new_generation (self, status);
}

void
gw_grid_layer_set_selected (GwGridLayer *self,
                            gint64       grid_id)
{
  g_return_if_fail (GW_IS_GRID_LAYER (self));

  if (self->selected == grid_id)
    return;
  self->selected = grid_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
gw_grid_layer_get_selected (GwGridLayer *self)
{
  g_return_val_if_fail (GW_IS_GRID_LAYER (self), 0);

  return self->selected;
}

static gboolean
geom_contains (const GridGeom *g,
               double          x,
               double          y)
{
  const double *xy = g->xy;
  gboolean inside = FALSE;

  if (x < g->min_x || x > g->max_x || y < g->min_y || y > g->max_y)
    return FALSE;
  for (guint r = 0; r < g->n_rings; r++)
    {
      guint n = g->ring_len[r];

      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];

          if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
      xy += 2 * n;
    }
  return inside;
}

gint64
gw_grid_layer_get_grid_at (GwGridLayer *self,
                           double       x,
                           double       y)
{
  ShumateViewport *viewport;
  GwMapTransform t;
  double wx, wy;

  g_return_val_if_fail (GW_IS_GRID_LAYER (self), 0);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  if (!gw_map_transform_init (&t, viewport, GTK_WIDGET (self)))
    return 0;
  gw_map_transform_to_world (&t, x, y, &wx, &wy);
  for (guint i = 0; i < self->geometry->n; i++)
    if (geom_contains (&self->geometry->grids[i], wx / t.world, wy / t.world))
      return self->geometry->grids[i].id;
  return 0;
}

static GridGeom *
lookup (GwGridLayer *self,
        gint64       grid_id)
{
  gpointer index = g_hash_table_lookup (self->geometry->index, &grid_id);

  return index ? &self->geometry->grids[GPOINTER_TO_UINT (index) - 1] : NULL;
}

const char *
gw_grid_layer_get_grid_name (GwGridLayer *self,
                             gint64       grid_id)
{
  GridGeom *g;

  g_return_val_if_fail (GW_IS_GRID_LAYER (self), NULL);

  g = lookup (self, grid_id);
  return g ? g->name : NULL;
}

gboolean
gw_grid_layer_get_grid_bounds (GwGridLayer *self,
                               gint64       grid_id,
                               GwBounds    *out)
{
  GridGeom *g;

  g_return_val_if_fail (GW_IS_GRID_LAYER (self), FALSE);

  if ((g = lookup (self, grid_id)) == NULL)
    return FALSE;
  *out = g->bounds;
  return TRUE;
}

gboolean
gw_grid_layer_get_label_point (GwGridLayer *self,
                               gint64       grid_id,
                               double      *lat,
                               double      *lon)
{
  GridGeom *g;

  g_return_val_if_fail (GW_IS_GRID_LAYER (self), FALSE);

  if ((g = lookup (self, grid_id)) == NULL)
    return FALSE;
  *lat = g->label_lat;
  *lon = g->label_lon;
  return TRUE;
}

guint
gw_grid_layer_get_n_grids (GwGridLayer *self)
{
  g_return_val_if_fail (GW_IS_GRID_LAYER (self), 0);

  return self->geometry->n;
}

guint
gw_grid_layer_get_pending (GwGridLayer *self)
{
  g_return_val_if_fail (GW_IS_GRID_LAYER (self), 0);

  return self->missing;
}

void
gw_grid_layer_set_opaque (GwGridLayer *self,
                          gboolean     opaque)
{
  g_return_if_fail (GW_IS_GRID_LAYER (self));

  opaque = !!opaque;
  if (self->opaque == opaque)
    return;
  self->opaque = opaque;
  new_generation (self, copy_status (self));
}

static void
overlay_gone_cb (gpointer  data,
                 GObject  *where_the_object_was)
{
  GW_GRID_LAYER (data)->overlay = NULL;
}

void
gw_grid_layer_set_overlay (GwGridLayer   *self,
                           GwHazardLayer *overlay)
{
  g_return_if_fail (GW_IS_GRID_LAYER (self));
  g_return_if_fail (overlay == NULL || GW_IS_HAZARD_LAYER (overlay));

  if (self->overlay == overlay)
    return;
  if (self->overlay != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->overlay, self);
      g_object_weak_unref (G_OBJECT (self->overlay), overlay_gone_cb, self);
      gw_hazard_layer_set_painted_elsewhere (self->overlay, FALSE);
    }
  self->overlay = overlay;
  if (overlay != NULL)
    {
      g_object_weak_ref (G_OBJECT (overlay), overlay_gone_cb, self);
      g_signal_connect_swapped (overlay, "changed", G_CALLBACK (gtk_widget_queue_draw), self);
      gw_hazard_layer_set_painted_elsewhere (overlay, TRUE);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
