/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-cadence-matrix"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-cadence-matrix-private.h"
#include "gw-ui-util.h"

/* The matrix's text, geometry and drawing; its data, interaction and
 * GObject live in gw-cadence-matrix.c. */

/* Done, missed, due; a cell not yet due stays blank. */
const char *const gw_cadence_status_symbols[] = { "✓", "✗", "…", "" };

/* ---- text ------------------------------------------------------------------- */

static void
apply_style (PangoLayout *layout,
             TextStyle    style)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  if (style == TEXT_SMALL || style == TEXT_DIM)
    pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  if (style == TEXT_BOLD)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (style == TEXT_DIM)
    pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* Figures and labels repeat (0–100 %, counts, symbols): one layout each. */
static PangoLayout *
text_layout (GwCadenceMatrix *self,
             TextStyle        style,
             const char      *text)
{
  g_autofree char *key = g_strdup_printf ("%c%s", style, text);
  PangoLayout *layout = g_hash_table_lookup (self->text_cache, key);

  if (layout == NULL)
    {
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      apply_style (layout, style);
      g_hash_table_insert (self->text_cache, g_steal_pointer (&key), layout);
    }
  return layout;
}

static guint
style_index (TextStyle style)
{
  switch (style)
    {
    case TEXT_SMALL: return 1;
    case TEXT_BOLD:  return 2;
    case TEXT_DIM:   return 3;
    case TEXT_NORMAL:
    default:         return 0;
    }
}

static guint
percent_value (guint part,
               guint whole)
{
  return (guint) (100.0 * part / whole + 0.5);
}

/* A count or a percentage, without formatting and hashing on every frame. */
static PangoLayout *
number_layout (GwCadenceMatrix *self,
               TextStyle        style,
               guint            value,
               gboolean         percent)
{
  PangoLayout **slot = NULL;
  g_autofree char *text = NULL;

  if (value <= 100)
    slot = &self->numbers[style_index (style)][percent != FALSE][value];
  if (slot && *slot)
    return *slot;
  text = g_strdup_printf (percent ? "%u%%" : "%u", value);
  if (slot == NULL)
    return text_layout (self, style, text);
  *slot = g_object_ref (text_layout (self, style, text));
  return *slot;
}

void
gw_cadence_matrix_clear_text_caches (GwCadenceMatrix *self)
{
  g_hash_table_remove_all (self->text_cache);
  g_hash_table_remove_all (self->name_cache);
  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 2; j++)
      for (guint k = 0; k <= 100; k++)
        g_clear_object (&self->numbers[i][j][k]);
}

static int
text_width (GwCadenceMatrix *self,
            TextStyle        style,
            const char      *text)
{
  int w;

  pango_layout_get_pixel_size (text_layout (self, style, text), &w, NULL);
  return w;
}

static char *
percent_text (guint part,
              guint whole)
{
  if (whole == 0)
    return g_strdup ("");
  return g_strdup_printf ("%u%%", percent_value (part, whole));
}

/* A dekad's compliance; while it runs, the share recorded so far (dimmed). */
static char *
dekad_share_text (guint      done,
                  guint      counted,
                  guint      due,
                  TextStyle *style)
{
  *style = due > 0 ? TEXT_DIM : TEXT_SMALL;
  return percent_text (done, counted + due);
}

const char *
gw_cadence_matrix_month_format (gboolean abbreviated)
{
  if (abbreviated)
    /* TRANSLATORS: a month of the patrol columns, a g_date_time_format()
     * string, e.g. "%-m月" */
    return C_("month, short", "%b");
  /* TRANSLATORS: a month heading of the cadence matrix, a g_date_time_format()
   * string; keep it short, e.g. "%Y年%-m月" */
  return C_("month heading", "%b %Y");
}

char *
gw_cadence_matrix_month_text (guint16     year,
            guint8      month,
            const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, 1, 0, 0, 0);

  return g_date_time_format (dt, format);
}


static const char *
dekad_part_text (guint part)
{
  switch (part)
    {
    /* TRANSLATORS: the first ten days of a month (上旬), in a narrow column */
    case 0: return C_("dekad, short", "1");
    /* TRANSLATORS: the middle ten days of a month (中旬), in a narrow column */
    case 1: return C_("dekad, short", "2");
    /* TRANSLATORS: the last days of a month (下旬), in a narrow column */
    default: return C_("dekad, short", "3");
    }
}

static PangoLayout *
name_layout (GwCadenceMatrix *self,
             guint            pos)
{
  PangoLayout *layout = g_hash_table_lookup (self->name_cache, GUINT_TO_POINTER (pos + 1));
  int id = display_at (self, pos);
  int width;

  if (layout != NULL)
    return layout;
  if (g_hash_table_size (self->name_cache) > 2048)
    g_hash_table_remove_all (self->name_cache);

  if (id >= 0)
    {
      GwCadenceRow *row = self->cadence->rows->pdata[id];

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), row->grid_name);
      width = self->m.name_w - NAME_INDENT - 6;
    }
  else
    {
      County *c = &g_array_index (self->counties, County, -id - 1);
      g_autofree char *text = NULL;

      /* TRANSLATORS: a county header row of the matrix: county name, number of grids */
      text = g_strdup_printf (ngettext ("%s · %u grid", "%s · %u grids", c->n_grids),
                              c->name, c->n_grids);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      apply_style (layout, TEXT_BOLD);
      width = self->m.name_w - 12;
    }
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  g_hash_table_insert (self->name_cache, GUINT_TO_POINTER (pos + 1), layout);
  return layout;
}

/* ---- geometry --------------------------------------------------------------- */

void
gw_cadence_matrix_ensure_metrics (GwCadenceMatrix *self)
{
  Metrics *m = &self->m;
  int widest = 0;

  if (self->metrics_valid)
    return;
  self->metrics_valid = TRUE;

  pango_layout_get_pixel_size (text_layout (self, TEXT_NORMAL, "国Hg"), NULL, &m->text_h);
  m->row_h = MAX (24, m->text_h + 10);
  m->header_h = 2 * m->row_h;
  m->footer_h = m->row_h;
  m->dekad_min = MAX (m->row_h + 4, text_width (self, TEXT_SMALL, "100%") + 8);
  m->dekad_w = m->dekad_min;
  m->gap = 12;

  m->patrol_w = text_width (self, TEXT_NORMAL, "999") + 12;
  if (self->cadence && self->cadence->dekads->len > 0)
    {
      GwDekad d = g_array_index (self->cadence->dekads, GwDekad, 0);

      for (guint i = 0; i < self->cadence->n_months; i++)
        {
          g_autofree char *label = gw_cadence_matrix_month_text (d.year, d.month, MONTH_SHORT);

          m->patrol_w = MAX (m->patrol_w, text_width (self, TEXT_SMALL, label) + 10);
          d.month = d.month % 12 + 1;
          d.year += d.month == 1;
        }
    }

  /* The longest names by characters, measured; the column is capped. */
  m->name_w = text_width (self, TEXT_BOLD, _("Grid")) + 24;
  if (self->cadence)
    {
      guint longest = 0;

      for (guint r = 0; r < self->cadence->rows->len; r++)
        {
          GwCadenceRow *row = self->cadence->rows->pdata[r];
          guint len = g_utf8_strlen (row->grid_name, -1);

          if (len > longest)
            {
              longest = len;
              widest = text_width (self, TEXT_NORMAL, row->grid_name);
            }
        }
    }
  m->name_w = MAX (m->name_w, text_width (self, TEXT_BOLD, _("Compliance per dekad")) + 16);
  m->name_w = CLAMP (MAX (m->name_w, widest + NAME_INDENT + 12), 140, 280);
  m->right_w = MAX (text_width (self, TEXT_BOLD, _("Compliance")),
                    text_width (self, TEXT_NORMAL, "100%") + 40) + 16;
}

/* The compliance column follows the content when it is narrower than the widget. */
int
gw_cadence_matrix_right_x (GwCadenceMatrix *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return MAX (self->m.name_w,
              MIN (width - self->m.right_w, self->m.name_w + gw_cadence_matrix_scroll_width (self)));
}

int
gw_cadence_matrix_scroll_width (GwCadenceMatrix *self)
{
  int w = n_dekads (self) * self->m.dekad_w;

  if (n_months (self) > 0)
    w += self->m.gap + n_months (self) * self->m.patrol_w;
  return w;
}

/* The x of a scroll-area column in content coordinates, and its width. */
int
gw_cadence_matrix_column_x (GwCadenceMatrix *self,
          guint            col,
          int             *width)
{
  guint nd = n_dekads (self);

  if (col < nd)
    {
      *width = self->m.dekad_w;
      return col * self->m.dekad_w;
    }
  *width = self->m.patrol_w;
  return nd * self->m.dekad_w + self->m.gap + (col - nd) * self->m.patrol_w;
}

/* The scroll-area column at content x, or -1 (the gap, or past the end). */
int
gw_cadence_matrix_column_at (GwCadenceMatrix *self,
           double           sx)
{
  guint nd = n_dekads (self);
  double px;

  if (sx < 0)
    return -1;
  if (sx < nd * self->m.dekad_w)
    return (int) (sx / self->m.dekad_w);
  px = sx - nd * self->m.dekad_w - self->m.gap;
  if (px < 0 || px >= n_months (self) * self->m.patrol_w)
    return -1;
  return nd + (int) (px / self->m.patrol_w);
}

double
gw_cadence_matrix_adj_value (GtkAdjustment *adj)
{
  return adj ? gtk_adjustment_get_value (adj) : 0;
}

int
gw_cadence_matrix_body_height (GwCadenceMatrix *self)
{
  return MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - self->m.header_h - self->m.footer_h);
}

static int
scroll_area_width (GwCadenceMatrix *self)
{
  return MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) - self->m.name_w - self->m.right_w);
}

void
gw_cadence_matrix_configure_adjustments (GwCadenceMatrix *self)
{
  int page_h = gw_cadence_matrix_body_height (self), page_w = scroll_area_width (self);
  int content_h = n_display (self) * self->m.row_h, content_w = gw_cadence_matrix_scroll_width (self);

  if (self->vadjustment)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (gw_cadence_matrix_adj_value (self->vadjustment), 0, MAX (0, content_h - page_h)),
                              0, MAX (content_h, page_h), self->m.row_h, page_h * 0.9, page_h);
  if (self->hadjustment)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (gw_cadence_matrix_adj_value (self->hadjustment), 0, MAX (0, content_w - page_w)),
                              0, MAX (content_w, page_w), self->m.dekad_w, page_w * 0.9, page_w);
}

/* ---- drawing ---------------------------------------------------------------- */

typedef struct {
  GdkRGBA  fg, bg, line, header_bg, county_bg, hover_bg, accent;
  GdkRGBA  status_bg[4], status_fg[4];
  gboolean status_has_bg[4];
} Palette;

static GdkRGBA
with_alpha (const GdkRGBA *c,
            float          alpha)
{
  GdkRGBA out = *c;

  out.alpha *= alpha;
  return out;
}

static void
read_palette (GwCadenceMatrix *self,
              Palette         *p)
{
  GtkStyleContext *ctx = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (ctx, &p->fg);
  if (!gtk_style_context_lookup_color (ctx, "accent_color", &p->accent))
    gdk_rgba_parse (&p->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (ctx, "view_bg_color", &p->bg))
    gdk_rgba_parse (&p->bg, "#ffffff");
  p->line = with_alpha (&p->fg, 0.15);
  p->header_bg = with_alpha (&p->fg, 0.05);
  p->county_bg = with_alpha (&p->fg, 0.09);
  p->hover_bg = with_alpha (&p->fg, 0.06);

  for (guint s = 0; s < G_N_ELEMENTS (self->protos); s++)
    {
      GtkStyleContext *pctx = gtk_widget_get_style_context (self->protos[s]);

      gtk_style_context_get_color (pctx, &p->status_fg[s]);
      /* A background of the class as a single colour; anything fancier is skipped. */
      p->status_has_bg[s] = gw_style_background_color (pctx, &p->status_bg[s]);
    }
}

static void
fill (GtkSnapshot   *snapshot,
      const GdkRGBA *color,
      double         x,
      double         y,
      double         w,
      double         h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

/* Draws @layout in the box, horizontally: 0 start, 0.5 centre, 1 end. */
static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const GdkRGBA *color,
           double         x,
           double         y,
           double         w,
           double         h,
           double         xalign)
{
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  if (lw > w)
    xalign = 0;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((int) (x + (w - lw) * xalign),
                                                          (int) (y + (h - lh) / 2)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

typedef struct {
  guint first, last;          /* visible display positions [first, last) */
  guint col_first, col_last;  /* visible scroll columns [first, last) */
  double vy, hx;
  int x0, x1, y0, y1;         /* the scroll area on screen */
} View;

static void
visible_range (GwCadenceMatrix *self,
               View            *v)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int first_col, last_col;

  v->vy = gw_cadence_matrix_adj_value (self->vadjustment);
  v->hx = gw_cadence_matrix_adj_value (self->hadjustment);
  v->x0 = self->m.name_w;
  v->x1 = gw_cadence_matrix_right_x (self);
  v->y0 = self->m.header_h;
  v->y1 = MAX (v->y0, height - self->m.footer_h);
  v->first = MIN ((guint) (v->vy / self->m.row_h), n_display (self));
  v->last = MIN ((guint) ((v->vy + (v->y1 - v->y0)) / self->m.row_h) + 1, n_display (self));

  first_col = gw_cadence_matrix_column_at (self, v->hx);
  last_col = gw_cadence_matrix_column_at (self, v->hx + (v->x1 - v->x0));
  v->col_first = first_col < 0 ? n_dekads (self) : (guint) first_col;
  if (first_col < 0 && v->hx <= 0)
    v->col_first = 0;
  v->col_last = last_col < 0 ? n_columns (self) : MIN ((guint) last_col + 1, n_columns (self));
}

/* The text of all visible cells in one text node per font and colour: the
 * glyphs of each cell's layout, placed at the cell (the advance of a glyph
 * reaches the next one, its y offset the next one's row). The cairo renderer
 * would otherwise send the X server a request per cell, too slow under Xvfb
 * for a frame in 16 ms. */
typedef struct {
  PangoFont *font;         /* borrowed from layouts in the text cache */
  GdkRGBA    color;
  GArray    *glyphs;       /* PangoGlyphInfo */
  GArray    *xs;           /* int, Pango units: where each glyph starts */
  GArray    *ys;           /* int, Pango units: its baseline */
} Batch;

static void
batch_clear (Batch *b)
{
  g_array_unref (b->glyphs);
  g_array_unref (b->xs);
  g_array_unref (b->ys);
}

static GArray *
batches_new (void)
{
  GArray *batches = g_array_new (FALSE, TRUE, sizeof (Batch));

  g_array_set_clear_func (batches, (GDestroyNotify) batch_clear);
  return batches;
}

static Batch *
batch_for (GArray        *batches,
           PangoFont     *font,
           const GdkRGBA *color)
{
  Batch b = { font, *color, NULL, NULL, NULL };

  for (guint i = 0; i < batches->len; i++)
    {
      Batch *o = &g_array_index (batches, Batch, i);

      if (o->font == font && gdk_rgba_equal (&o->color, color))
        return o;
    }
  b.glyphs = g_array_new (FALSE, FALSE, sizeof (PangoGlyphInfo));
  b.xs = g_array_new (FALSE, FALSE, sizeof (int));
  b.ys = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (batches, b);
  return &g_array_index (batches, Batch, batches->len - 1);
}

/* A layout's glyphs with their places, worked out once per layout. */
typedef struct {
  PangoFont      *font;
  PangoGlyphInfo  info;
  int             x, y;     /* Pango units from the layout's corner; y: the baseline */
} FlatGlyph;

typedef struct {
  int       width, height;  /* pixels */
  guint     n;
  FlatGlyph glyphs[];
} FlatText;

static const FlatText *
flat_text (PangoLayout *layout)
{
  static GQuark quark;
  FlatText *flat;
  PangoLayoutIter *iter;
  GArray *glyphs;

  if (quark == 0)
    quark = g_quark_from_static_string ("gw-cadence-matrix-flat");
  if ((flat = g_object_get_qdata (G_OBJECT (layout), quark)) != NULL)
    return flat;

  glyphs = g_array_new (FALSE, FALSE, sizeof (FlatGlyph));
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      int gx, baseline;

      if (run == NULL)
        continue;
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      gx = logical.x;
      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        {
          FlatGlyph g = { run->item->analysis.font, run->glyphs->glyphs[i], 0, 0 };

          g.x = gx + g.info.geometry.x_offset;
          g.y = baseline + g.info.geometry.y_offset;
          gx += g.info.geometry.width;
          if (g.info.glyph != PANGO_GLYPH_EMPTY)
            g_array_append_val (glyphs, g);
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  flat = g_malloc (sizeof (FlatText) + glyphs->len * sizeof (FlatGlyph));
  pango_layout_get_pixel_size (layout, &flat->width, &flat->height);
  flat->n = glyphs->len;
  memcpy (flat->glyphs, glyphs->data, glyphs->len * sizeof (FlatGlyph));
  g_array_unref (glyphs);
  /* The fonts belong to the layout, which keeps the data. */
  g_object_set_qdata_full (G_OBJECT (layout), quark, flat, g_free);
  return flat;
}

/* Like draw_text, into the batches. */
static void
batch_text (GArray        *batches,
            PangoLayout   *layout,
            const GdkRGBA *color,
            double         x,
            double         y,
            double         w,
            double         h,
            double         xalign)
{
  const FlatText *flat = flat_text (layout);
  Batch *b = NULL;
  int x0, y0;

  if (flat->width > w)
    xalign = 0;
  x0 = (int) (x + (w - flat->width) * xalign) * PANGO_SCALE;
  y0 = (int) (y + (h - flat->height) / 2) * PANGO_SCALE;
  for (guint i = 0; i < flat->n; i++)
    {
      const FlatGlyph *g = &flat->glyphs[i];
      int at = x0 + g->x, y_at = y0 + g->y;

      if (b == NULL || b->font != g->font)
        b = batch_for (batches, g->font, color);
      g_array_append_val (b->glyphs, g->info);
      g_array_append_val (b->xs, at);
      g_array_append_val (b->ys, y_at);
    }
}

static void
batches_flush (GArray      *batches,
               GtkSnapshot *snapshot)
{
  for (guint i = 0; i < batches->len; i++)
    {
      Batch *b = &g_array_index (batches, Batch, i);
      PangoGlyphString *glyphs;
      GskRenderNode *node;
      guint n = b->glyphs->len;

      if (n == 0)
        continue;
      glyphs = pango_glyph_string_new ();
      pango_glyph_string_set_size (glyphs, n);
      int x0 = g_array_index (b->xs, int, 0), y0 = g_array_index (b->ys, int, 0);

      for (guint k = 0; k < n; k++)
        {
          PangoGlyphInfo *gi = &glyphs->glyphs[k];

          *gi = g_array_index (b->glyphs, PangoGlyphInfo, k);
          gi->geometry.x_offset = 0;
          gi->geometry.y_offset = g_array_index (b->ys, int, k) - y0;
          /* Each advance reaches the next glyph's place. */
          if (k + 1 < n)
            gi->geometry.width = g_array_index (b->xs, int, k + 1) - g_array_index (b->xs, int, k);
          glyphs->log_clusters[k] = k;
        }
      node = gsk_text_node_new (b->font, glyphs, &b->color,
                                &GRAPHENE_POINT_INIT ((float) x0 / PANGO_SCALE,
                                                      (float) y0 / PANGO_SCALE));
      if (node != NULL)
        {
          gtk_snapshot_append_node (snapshot, node);
          gsk_render_node_unref (node);
        }
      pango_glyph_string_free (glyphs);
    }
  g_array_set_size (batches, 0);
}

static void
batch_cell_text (GwCadenceMatrix *self,
                 GArray          *batches,
                 const Palette   *p,
                 int              id,
                 guint            col,
                 double           x,
                 double           y,
                 int              w)
{
  guint nd = n_dekads (self);
  double h = self->m.row_h;

  if (id < 0)
    {
      County *c = &g_array_index (self->counties, County, -id - 1);
      TextStyle style = TEXT_BOLD;
      GdkRGBA dim = with_alpha (&p->fg, 0.6);

      PangoLayout *layout;

      if (col < nd && c->counted[col] + c->due[col] == 0)
        return;
      if (col < nd)
        {
          style = c->due[col] > 0 ? TEXT_DIM : TEXT_SMALL;
          layout = number_layout (self, style, percent_value (c->done[col],
                                                              c->counted[col] + c->due[col]), TRUE);
        }
      else
        layout = number_layout (self, style, c->patrols[col - nd], FALSE);
      batch_text (batches, layout, style == TEXT_DIM ? &dim : &p->fg, x, y, w, h, 0.5);
    }
  else if (col < nd)
    {
      GwCadenceStatus s = ((GwCadenceRow *) self->cadence->rows->pdata[id])->cells[col];

      if (*gw_cadence_status_symbols[s])
        batch_text (batches, text_layout (self, TEXT_BOLD, gw_cadence_status_symbols[s]), &p->status_fg[s],
                    x, y, w, h, 0.5);
    }
  else
    {
      guint n = ((GwCadenceRow *) self->cadence->rows->pdata[id])->patrols[col - nd];
      GdkRGBA dim = with_alpha (&p->fg, 0.45);

      batch_text (batches, number_layout (self, TEXT_NORMAL, n, FALSE), n ? &p->fg : &dim,
                  x, y, w, h, 0.5);
    }
}

/* Cell backgrounds of one grid row, one rectangle per run of equal cells. */
static void
draw_cell_backgrounds (GwCadenceMatrix *self,
                       GtkSnapshot     *snapshot,
                       const Palette   *p,
                       GwCadenceRow    *row,
                       const View      *v,
                       double           y)
{
  guint first = MIN (v->col_first, n_dekads (self));
  guint last = MIN (v->col_last, n_dekads (self));

  for (guint col = first; col < last; )
    {
      GwCadenceStatus s = row->cells[col];
      guint end = col + 1;
      int w;
      double x = v->x0 + gw_cadence_matrix_column_x (self, col, &w) - v->hx;

      while (end < last && row->cells[end] == s)
        end++;
      if (p->status_has_bg[s])
        fill (snapshot, &p->status_bg[s], x, y, (end - col) * self->m.dekad_w, self->m.row_h);
      col = end;
    }
}

static void
draw_body (GwCadenceMatrix *self,
           GtkSnapshot     *snapshot,
           const Palette   *p,
           const View      *v)
{
  g_autoptr(GArray) batches = batches_new ();
  double h = self->m.row_h;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (v->x0, v->y0, v->x1 - v->x0,
                                                         v->y1 - v->y0));
  for (guint pos = v->first; pos < v->last; pos++)
    {
      int id = display_at (self, pos);
      double y = v->y0 + pos * h - v->vy;

      if (id < 0)
        fill (snapshot, &p->county_bg, v->x0, y, v->x1 - v->x0, h);
      else
        draw_cell_backgrounds (self, snapshot, p, self->cadence->rows->pdata[id], v, y);
      for (guint col = v->col_first; col < v->col_last; col++)
        {
          int w;
          double x = v->x0 + gw_cadence_matrix_column_x (self, col, &w) - v->hx;

          batch_cell_text (self, batches, p, id, col, x, y, w);
        }
    }
  /* The tiles' gaps: one line per column and per row, in the background colour. */
  for (guint col = v->col_first; col <= MIN (v->col_last, n_dekads (self)); col++)
    {
      int w;
      double x = v->x0 + gw_cadence_matrix_column_x (self, col, &w) - v->hx;

      fill (snapshot, &p->bg, x - CELL_PAD, v->y0, 2 * CELL_PAD, v->y1 - v->y0);
    }
  for (guint pos = v->first; pos <= v->last; pos++)
    fill (snapshot, &p->bg, v->x0, v->y0 + pos * h - v->vy - CELL_PAD, v->x1 - v->x0,
          2 * CELL_PAD);
  if (self->hover >= (int) v->first && self->hover < (int) v->last &&
      display_at (self, self->hover) >= 0)
    fill (snapshot, &p->hover_bg, v->x0, v->y0 + self->hover * h - v->vy, v->x1 - v->x0, h);
  batches_flush (batches, snapshot);

  /* The running dekad, outlined over the whole column. */
  if (self->today_dekad >= (int) v->col_first && self->today_dekad < (int) v->col_last)
    {
      int w;
      double x = v->x0 + gw_cadence_matrix_column_x (self, self->today_dekad, &w) - v->hx;

      fill (snapshot, &p->accent, x, v->y0, 1, v->y1 - v->y0);
      fill (snapshot, &p->accent, x + w - 1, v->y0, 1, v->y1 - v->y0);
    }
  gtk_snapshot_pop (snapshot);
}

static void
draw_frozen_columns (GwCadenceMatrix *self,
                     GtkSnapshot     *snapshot,
                     const Palette   *p,
                     const View      *v)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double h = self->m.row_h;
  GdkRGBA dim = with_alpha (&p->fg, 0.25);
  g_autoptr(GArray) batches = batches_new ();

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, v->y0, width, v->y1 - v->y0));
  for (guint pos = v->first; pos < v->last; pos++)
    {
      int id = display_at (self, pos);
      double y = v->y0 + pos * h - v->vy;
      double rx = v->x1;
      g_autofree char *pct = NULL;
      double share;

      if (id < 0)
        {
          County *c = &g_array_index (self->counties, County, -id - 1);

          fill (snapshot, &p->county_bg, 0, y, v->x0, h);
          fill (snapshot, &p->county_bg, rx, y, self->m.right_w, h);
          batch_text (batches, name_layout (self, pos), &p->fg, 8, y, v->x0 - 8, h, 0);
          pct = percent_text (c->done_total, c->counted_total);
          share = c->counted_total ? (double) c->done_total / c->counted_total : 1;
        }
      else
        {
          GwCadenceRow *row = self->cadence->rows->pdata[id];

          if ((int) pos == self->hover)
            {
              fill (snapshot, &p->hover_bg, 0, y, v->x0, h);
              fill (snapshot, &p->hover_bg, rx, y, self->m.right_w, h);
            }
          batch_text (batches, name_layout (self, pos), &p->fg, NAME_INDENT, y,
                      v->x0 - NAME_INDENT, h, 0);
          pct = row->done + row->missed ? percent_text (row->done, row->done + row->missed)
                                        : g_strdup ("—");
          share = row->compliance;
        }
      /* A bar under the figure: the share done. */
      fill (snapshot, &dim, rx + 8, y + h - 6, self->m.right_w - 16, 2);
      fill (snapshot, share < 0.8 ? &p->status_fg[GW_CADENCE_MISSED] : &p->fg,
            rx + 8, y + h - 6, (self->m.right_w - 16) * share, 2);
      batch_text (batches, text_layout (self, id < 0 ? TEXT_BOLD : TEXT_NORMAL, pct), &p->fg,
                  rx + 8, y - 2, self->m.right_w - 16, h, 1);
    }
  batches_flush (batches, snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
draw_header (GwCadenceMatrix *self,
             GtkSnapshot     *snapshot,
             const Palette   *p,
             const View      *v)
{
  guint nd = n_dekads (self), nm = n_months (self);
  double h = self->m.row_h;
  guint i = 0;

  fill (snapshot, &p->header_bg, 0, 0, v->x1 + self->m.right_w, self->m.header_h);
  draw_text (snapshot, text_layout (self, TEXT_BOLD, _("Grid")), &p->fg, 8, h, v->x0 - 8, h, 0);
  draw_text (snapshot, text_layout (self, TEXT_BOLD, _("Compliance")), &p->fg,
             v->x1 + 8, h, self->m.right_w - 16, h, 1);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (v->x0, 0, v->x1 - v->x0,
                                                         self->m.header_h));
  /* Months over their dekads; a partial month at either end gets what it has. */
  while (i < nd)
    {
      GwDekad d = g_array_index (self->cadence->dekads, GwDekad, i);
      g_autofree char *label = gw_cadence_matrix_month_text (d.year, d.month, MONTH_FORMAT);
      guint j = i;
      int w;
      double x = v->x0 + gw_cadence_matrix_column_x (self, i, &w) - v->hx;

      while (j < nd && g_array_index (self->cadence->dekads, GwDekad, j).month == d.month)
        j++;
      if (x + (j - i) * w >= v->x0 && x <= v->x1)
        {
          PangoLayout *layout = text_layout (self, TEXT_SMALL, label);
          int lw;

          /* A month cut short by the period gets its short name. */
          pango_layout_get_pixel_size (layout, &lw, NULL);
          if (lw > (int) (j - i) * w - 4)
            {
              g_autofree char *shorter = gw_cadence_matrix_month_text (d.year, d.month, MONTH_SHORT);

              layout = text_layout (self, TEXT_SMALL, shorter);
            }
          gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x + 1, 0, (j - i) * w - 2, h));
          draw_text (snapshot, layout, &p->fg, x + 2, 0, (j - i) * w - 4, h, 0.5);
          gtk_snapshot_pop (snapshot);
          fill (snapshot, &p->line, x, 4, 1, self->m.header_h - 4);
        }
      i = j;
    }
  for (guint col = v->col_first; col < v->col_last; col++)
    {
      int w;
      double x = v->x0 + gw_cadence_matrix_column_x (self, col, &w) - v->hx;
      g_autofree char *month = NULL;
      const char *text;
      TextStyle style = TEXT_SMALL;

      if (col < nd)
        {
          text = dekad_part_text (g_array_index (self->cadence->dekads, GwDekad, col).part);
          if ((int) col == self->today_dekad)
            {
              fill (snapshot, &p->accent, x, 2 * h - 3, w, 3);
              style = TEXT_BOLD;
            }
        }
      else
        {
          GwDekad d = g_array_index (self->cadence->dekads, GwDekad, 0);
          guint k = d.year * 12 + d.month - 1 + (col - nd);

          month = gw_cadence_matrix_month_text (k / 12, k % 12 + 1, MONTH_SHORT);
          text = month;
        }
      draw_text (snapshot, text_layout (self, style, text), &p->fg, x, h, w, h, 0.5);
    }
  if (nm > 0)
    {
      int w;
      double x = v->x0 + gw_cadence_matrix_column_x (self, nd, &w) - v->hx;
      PangoLayout *layout = text_layout (self, TEXT_SMALL, _("Patrols per month"));

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x, 0, nm * w, h));
      draw_text (snapshot, layout, &p->fg, x + 2, 0, nm * w - 4, h, 0.5);
      gtk_snapshot_pop (snapshot);
      fill (snapshot, &p->line, x - self->m.gap / 2.0, 4, 1, self->m.header_h - 4);
    }
  gtk_snapshot_pop (snapshot);
  fill (snapshot, &p->line, 0, self->m.header_h - 1, v->x1 + self->m.right_w, 1);
}

static void
draw_footer (GwCadenceMatrix *self,
             GtkSnapshot     *snapshot,
             const Palette   *p,
             const View      *v)
{
  guint nd = n_dekads (self);
  double y = v->y1, h = self->m.footer_h;
  g_autofree char *total = percent_text (self->done_total, self->counted_total);

  fill (snapshot, &p->header_bg, 0, y, v->x1 + self->m.right_w, h);
  fill (snapshot, &p->line, 0, y, v->x1 + self->m.right_w, 1);
  draw_text (snapshot, text_layout (self, TEXT_BOLD, _("Compliance per dekad")), &p->fg,
             8, y, v->x0 - 8, h, 0);
  draw_text (snapshot, text_layout (self, TEXT_BOLD, total), &p->fg,
             v->x1 + 8, y, self->m.right_w - 16, h, 1);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (v->x0, y, v->x1 - v->x0, h));
  for (guint col = v->col_first; col < v->col_last; col++)
    {
      int w;
      double x = v->x0 + gw_cadence_matrix_column_x (self, col, &w) - v->hx;
      g_autofree char *text = NULL;
      TextStyle style = TEXT_BOLD;
      GdkRGBA dim = with_alpha (&p->fg, 0.6);

      if (col < nd)
        text = dekad_share_text (self->cadence->done_per_dekad[col],
                                 self->cadence->counted_per_dekad[col],
                                 self->due_per_dekad[col], &style);
      else
        text = g_strdup_printf ("%u", self->patrol_totals[col - nd]);
      draw_text (snapshot, text_layout (self, style, text), style == TEXT_DIM ? &dim : &p->fg,
                 x, y, w, h, 0.5);
    }
  gtk_snapshot_pop (snapshot);
}

static void
draw_cursor (GwCadenceMatrix *self,
             GtkSnapshot     *snapshot,
             const Palette   *p,
             const View      *v)
{
  GskRoundedRect outline;
  int w;
  double x, y;
  const GdkRGBA colors[4] = { p->accent, p->accent, p->accent, p->accent };
  const float widths[4] = { 2, 2, 2, 2 };

  if (self->cursor_pos < 0 || !gtk_widget_has_focus (GTK_WIDGET (self)) ||
      (guint) self->cursor_pos < v->first || (guint) self->cursor_pos >= v->last)
    return;
  x = v->x0 + gw_cadence_matrix_column_x (self, self->cursor_col, &w) - v->hx;
  y = v->y0 + self->cursor_pos * self->m.row_h - v->vy;
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (v->x0, v->y0, v->x1 - v->x0,
                                                         v->y1 - v->y0));
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x, y, w, self->m.row_h), 2);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
  gtk_snapshot_pop (snapshot);
}

void
gw_cadence_matrix_draw (GwCadenceMatrix *self,
                        GtkSnapshot     *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  Palette p;
  View v;

  if (self->cadence == NULL)
    return;
  gw_cadence_matrix_ensure_metrics (self);
  read_palette (self, &p);
  visible_range (self, &v);

  draw_body (self, snapshot, &p, &v);
  draw_frozen_columns (self, snapshot, &p, &v);
  draw_header (self, snapshot, &p, &v);
  draw_footer (self, snapshot, &p, &v);
  fill (snapshot, &p.line, v.x0 - 1, 0, 1, gtk_widget_get_height (widget));
  fill (snapshot, &p.line, v.x1, 0, 1, gtk_widget_get_height (widget));
  fill (snapshot, &p.line, v.x1 + self->m.right_w, 0, 1, gtk_widget_get_height (widget));
  draw_cursor (self, snapshot, &p, &v);
}
