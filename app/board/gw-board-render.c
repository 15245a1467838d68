/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>


#include "gw-board-render.h"
#include "gw-dekad.h"
#include "gw-files.h"

/* The projector theme. A washed-out projector in a lit room loses light greys
 * and thin lines: black on white, heavy type, thick rules. The four risk
 * colours differ in lightness as well as hue (dark red, orange, yellow, dark
 * blue), so they stay apart for colour-blind viewers and in greyscale, and
 * every chip carries the level's name. Overdue is red text with a warning
 * sign and the words, never colour alone. */

#define FONT_FAMILY "WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, Sans"

typedef struct { double r, g, b; } Rgb;

static const Rgb BLACK = { 0, 0, 0 };
static const Rgb WHITE = { 1, 1, 1 };
static const Rgb GREY = { 0.25, 0.25, 0.25 };
static const Rgb RULE = { 0.55, 0.55, 0.55 };
static const Rgb PAPER = { 0.93, 0.93, 0.93 };
static const Rgb ALERT = { 0.70, 0.0, 0.0 };
static const Rgb GOOD = { 0.0, 0.42, 0.17 };

/* Level I–IV and "not assessed": fill, and the text drawn on it. */
static const Rgb LEVEL_FILL[GW_N_LEVELS] = {
  { 0.85, 0.85, 0.85 },   /* none */
  { 0.69, 0.0, 0.0 },     /* I 红 */
  { 0.93, 0.45, 0.0 },    /* II 橙 */
  { 1.0, 0.85, 0.10 },    /* III 黄 */
  { 0.10, 0.30, 0.65 },   /* IV 蓝 */
};
static const gboolean LEVEL_DARK[GW_N_LEVELS] = { FALSE, TRUE, FALSE, FALSE, TRUE };

/* Grid status on the map, light to dark as it gets more pressing. */
static const Rgb STATUS_FILL[GW_N_GRID_STATUSES] = {
  { 0.60, 0.85, 0.62 },   /* green: nothing open */
  { 1.0, 0.89, 0.35 },    /* yellow */
  { 0.96, 0.55, 0.15 },   /* orange */
  { 0.72, 0.07, 0.10 },   /* red */
};

typedef struct {
  cairo_t       *cr;
  PangoLayout   *layout;
  double         w, h;   /* the frame */
  double         u;      /* one unit: h / 1080 */
  gboolean       wide;   /* 16:9 rather than 4:3 */
  double         top, bottom;  /* the body between header and footer */
  const GwBoard *board;
  PangoFontDescription *font;  /* FONT_FAMILY, parsed once a slide */
} Ctx;

enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* The layout's font: the board's family at @size units, bold or not. */
static void
set_font (Ctx *c, double size, gboolean bold)
{
  pango_font_description_set_absolute_size (c->font, size * c->u * PANGO_SCALE);
  pango_font_description_set_weight (c->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (c->layout, c->font);
}

static void
set_rgb (Ctx *c, Rgb rgb)
{
  cairo_set_source_rgb (c->cr, rgb.r, rgb.g, rgb.b);
}

static void
fill_rect (Ctx *c, double x, double y, double w, double h, Rgb rgb)
{
  set_rgb (c, rgb);
  cairo_rectangle (c->cr, x, y, w, h);
  cairo_fill (c->cr);
}

static void
stroke_rect (Ctx *c, double x, double y, double w, double h, double line, Rgb rgb)
{
  set_rgb (c, rgb);
  cairo_set_line_width (c->cr, line);
  cairo_rectangle (c->cr, x + line / 2, y + line / 2, w - line, h - line);
  cairo_stroke (c->cr);
}

/* Text of @size units in one line of at most @width (ellipsized; 0: no limit)
 * with its top at @y; returns the width used. */
static double
text (Ctx        *c,
      const char *str,
      double      x,
      double      y,
      double      width,
      double      size,
      gboolean    bold,
      int         align,
      Rgb         rgb)
{
  PangoRectangle ink, logical;
  double used;

  set_font (c, size, bold);
  pango_layout_set_text (c->layout, str != NULL ? str : "", -1);
  pango_layout_set_width (c->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (c->layout, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (c->layout, PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_extents (c->layout, &ink, &logical);
  used = logical.width;
  if (align == ALIGN_CENTER && width > 0)
    x += (width - used) / 2;
  else if (align == ALIGN_RIGHT && width > 0)
    x += width - used;
  else if (align == ALIGN_RIGHT)
    x -= used;
  set_rgb (c, rgb);
  cairo_move_to (c->cr, x, y);
  pango_cairo_show_layout (c->cr, c->layout);
  return used;
}

static double
text_width (Ctx *c, const char *str, double size, gboolean bold)
{
  PangoRectangle logical;

  set_font (c, size, bold);
  pango_layout_set_width (c->layout, -1);
  pango_layout_set_text (c->layout, str, -1);
  pango_layout_get_pixel_extents (c->layout, NULL, &logical);
  return logical.width;
}

/* Text wrapped over at most @lines lines of @width, the last ellipsized, the
 * first indented by @indent; returns the height used. With @from_bottom, @y
 * is where the text ends rather than where it starts. */
static double
text_wrapped (Ctx        *c,
              const char *str,
              double      x,
              double      y,
              double      width,
              double      indent,
              int         lines,
              double      size,
              gboolean    bold,
              gboolean    from_bottom,
              Rgb         rgb)
{
  PangoRectangle logical;

  set_font (c, size, bold);
  pango_layout_set_text (c->layout, str != NULL ? str : "", -1);
  pango_layout_set_width (c->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (c->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (c->layout, -lines);
  pango_layout_set_ellipsize (c->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_indent (c->layout, (int) (indent * PANGO_SCALE));
  pango_layout_get_pixel_extents (c->layout, NULL, &logical);
  set_rgb (c, rgb);
  cairo_move_to (c->cr, x, from_bottom ? y - logical.height : y);
  pango_cairo_show_layout (c->cr, c->layout);
  /* Back to single lines for text (). */
  pango_layout_set_indent (c->layout, 0);
  pango_layout_set_height (c->layout, -1);
  return logical.height;
}

/* A warning triangle with "!" of @size units, top-left at (x, y). */
static void
warning_sign (Ctx *c, double x, double y, double size, Rgb rgb)
{
  double s = size * c->u;
  cairo_t *cr = c->cr;

  set_rgb (c, rgb);
  cairo_move_to (cr, x + s / 2, y);
  cairo_line_to (cr, x + s, y + s * 0.92);
  cairo_line_to (cr, x, y + s * 0.92);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x + s * 0.45, y + s * 0.30, s * 0.10, s * 0.34);
  cairo_rectangle (cr, x + s * 0.45, y + s * 0.70, s * 0.10, s * 0.10);
  cairo_fill (cr);
}

/* The level chip: fill and name; returns its width. */
static double
level_chip (Ctx *c, GwLevel level, double x, double y, double size)
{
  /* The level's numeral: short enough for a card, readable without the colour. */
  static const char * const numerals[GW_N_LEVELS] = { NULL, N_("Level chip|I"), N_("Level chip|II"),
                                                      N_("Level chip|III"), N_("Level chip|IV") };
  const char *name = g_dpgettext (GETTEXT_PACKAGE, numerals[level], strlen ("Level chip") + 1);
  double pad = 8 * c->u;
  double w = text_width (c, name, size, TRUE) + 2 * pad;
  double h = size * 1.35 * c->u;

  fill_rect (c, x, y, w, h, LEVEL_FILL[level]);
  if (level == GW_LEVEL_NONE)
    stroke_rect (c, x, y, w, h, 2 * c->u, GREY);
  text (c, name, x + pad, y + 0.1 * size * c->u, 0, size, TRUE, ALIGN_LEFT,
        LEVEL_DARK[level] ? WHITE : BLACK);
  return w;
}

/* "Overdue 5 days" with the sign, or "12 days left", or the closing date. */
static void
countdown (Ctx *c, const GwBoardCard *card, double x, double y, double width, double size)
{
  g_autofree char *str = NULL;

  if (card->state == GW_STATE_CLOSED && card->closed_date != NULL)
    str = g_strdup_printf (_("Closed %s"), card->closed_date);
  else if (card->overdue)
    {
      str = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue",
                                          -card->days_left), -card->days_left);
      warning_sign (c, x, y + 0.1 * size * c->u, size, ALERT);
      text (c, str, x + (size + 8) * c->u, y, width - (size + 8) * c->u, size, TRUE, ALIGN_LEFT,
            ALERT);
      return;
    }
  else if (card->deadline != NULL && card->days_left < 0)
    str = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day past deadline",
                                        "%d days past deadline", -card->days_left),
                           -card->days_left);
  else if (card->deadline != NULL && card->days_left == 0)
    str = g_strdup (_("Due today"));
  else if (card->deadline != NULL && card->days_left > 0)
    str = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left",
                                        card->days_left), card->days_left);
  else
    str = g_strdup (_("No deadline yet"));
  text (c, str, x, y, width, size, FALSE, ALIGN_LEFT, BLACK);
}

/* ---- frame: header with title, date and meeting; footer with the pages ------------------- */

static void
frame (Ctx *c, guint index)
{
  const GwBoard *b = c->board;
  const GwBoardSlide *slide = gw_board_get_slide (b, index);
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *counter = NULL;
  double u = c->u, x, fy;

  if (slide->page == GW_BOARD_PAGE_KANBAN && slide->urgency != GW_URGENCY_NONE)
    title = g_strdup_printf ("%s · %s", gw_board_page_label (slide->page),
                             gw_urgency_label (slide->urgency));
  else
    title = g_strdup (gw_board_page_label (slide->page));
  if (slide->page == GW_BOARD_PAGE_KANBAN && b->county_name != NULL)
    {
      char *t = g_strdup_printf ("%s · %s", title, b->county_name);
      g_free (title);
      title = t;
    }

  fill_rect (c, 0, 0, c->w, c->h, WHITE);
  fill_rect (c, 0, 0, c->w, 112 * u, BLACK);
  counter = g_strdup_printf ("%u / %u", index + 1, gw_board_n_slides (b));
  when = g_strdup_printf (b->meeting_recorded ? _("As of %s · meeting of %s")
                                              : _("As of %s · for the meeting of %s"),
                          b->as_of, b->meeting);
  x = c->w - 32 * u;
  x -= text (c, counter, x, 30 * u, 0, 40, TRUE, ALIGN_RIGHT, WHITE) + 40 * u;
  x -= text (c, when, x, 36 * u, 0, 30, FALSE, ALIGN_RIGHT, WHITE) + 32 * u;
  text (c, title, 32 * u, 22 * u, x - 32 * u, 52, TRUE, ALIGN_LEFT, WHITE);

  /* The footer lists the pages by number: the keys that jump to them. */
  fy = c->h - 64 * u;
  fill_rect (c, 0, fy, c->w, 64 * u, PAPER);
  fill_rect (c, 0, fy, c->w, 3 * u, BLACK);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
    double all = 0;
    gboolean numbers_only;

    for (guint i = 0; i < gw_board_n_slides (b); i++)
      {
        const GwBoardSlide *s = gw_board_get_slide (b, i);
        char *label;

        if (s->page == GW_BOARD_PAGE_KANBAN && s->urgency != GW_URGENCY_NONE)
          label = g_strdup_printf ("%u %s", i + 1, gw_urgency_label (s->urgency));
        else
          label = g_strdup_printf ("%u %s", i + 1, gw_board_page_label (s->page));
        all += text_width (c, label, 28, TRUE) + 44 * u;
        g_ptr_array_add (labels, label);
      }
    /* When the names do not fit, only the current page keeps its name. */
    /* The window's auto-advance indicator sits at the right end. */
    numbers_only = all > c->w - 64 * u - 220 * u;
  x = 32 * u;
  for (guint i = 0; i < gw_board_n_slides (b); i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      const char *label = numbers_only && i != index ? number : labels->pdata[i];
      double w;

      w = text_width (c, label, 28, i == index);
      if (i == index)
        fill_rect (c, x - 10 * u, fy + 8 * u, w + 20 * u, 50 * u, BLACK);
      text (c, label, x, fy + 13 * u, 0, 28, i == index, ALIGN_LEFT, i == index ? WHITE : BLACK);
      x += w + 44 * u;
    }
  }
  c->top = 112 * u + 24 * u;
  c->bottom = fy - 20 * u;
}

/* ---- 1. overview -------------------------------------------------------------------------- */

static void
tile (Ctx *c, double x, double y, double w, double h, const char *value, const char *label,
      const char *detail, Rgb value_rgb)
{
  double u = c->u;

  stroke_rect (c, x, y, w, h, 5 * u, BLACK);
  text (c, label, x + 24 * u, y + 16 * u, w - 48 * u, 30, TRUE, ALIGN_LEFT, BLACK);
  /* Low tiles (4:3) get a smaller figure and one line of detail. */
  text (c, value, x + 24 * u, y + 56 * u, w - 48 * u, h > 240 * u ? 80 : 60, TRUE, ALIGN_LEFT,
        value_rgb);
  if (detail != NULL)
    text_wrapped (c, detail, x + 24 * u, y + h - 14 * u, w - 48 * u, 0, h > 240 * u ? 2 : 1, 28,
                  FALSE, TRUE, GREY);
}

static void
draw_map (Ctx *c, double x, double y, double w, double h)
{
  const GwBoard *b = c->board;
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double scale, ox, oy, tol;
  cairo_t *cr = c->cr;

  if (b->grids == NULL)
    return;
  for (guint i = 0; i < b->grids->len; i++)
    {
      const GwMapGrid *g = b->grids->pdata[i];

      if (g->shape == NULL)
        continue;
      min_x = MIN (min_x, gw_mercator_x (g->shape->min.x));
      max_x = MAX (max_x, gw_mercator_x (g->shape->max.x));
      min_y = MIN (min_y, gw_mercator_y (g->shape->max.y));
      max_y = MAX (max_y, gw_mercator_y (g->shape->min.y));
    }
  if (min_x >= max_x || min_y >= max_y)
    {
      text (c, _("No grid boundaries yet: import them with “gridwatch-cli import grids”."),
            x, y + h / 2, w, 28, FALSE, ALIGN_CENTER, GREY);
      return;
    }
  scale = MIN (w / (max_x - min_x), h / (max_y - min_y));
  ox = x + (w - (max_x - min_x) * scale) / 2;
  oy = y + (h - (max_y - min_y) * scale) / 2;
  /* Points closer than a pixel add nothing but drawing time. */
  tol = 1.2 / scale;

  /* One path per colour, then one for all the outlines: a few large cairo
   * operations instead of thousands of small ones. */
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (int pass = 0; pass < GW_N_GRID_STATUSES + 2; pass++)
    {
      gboolean outline = pass == GW_N_GRID_STATUSES, red_outline = pass == GW_N_GRID_STATUSES + 1;

      cairo_new_path (cr);
      for (guint i = 0; i < b->grids->len; i++)
        {
          const GwMapGrid *g = b->grids->pdata[i];
          const GwMapGridStatus *s;
          GwGridStatus status = GW_GRID_STATUS_GREEN;

          if (g->shape == NULL)
            continue;
          s = b->statuses != NULL ? g_hash_table_lookup (b->statuses, &g->id) : NULL;
          if (s != NULL)
            status = s->status;
          if ((pass < GW_N_GRID_STATUSES && (int) status != pass) ||
              (red_outline && status != GW_GRID_STATUS_RED))
            continue;
          /* A grid only a few pixels across (a province's thousands) gets its
           * fill alone: seams and outlines would cover it. */
          if (outline || red_outline)
            {
              double size = MAX (gw_mercator_x (g->shape->max.x) - gw_mercator_x (g->shape->min.x),
                                 gw_mercator_y (g->shape->min.y) - gw_mercator_y (g->shape->max.y))
                            * scale;

              if (size < (outline ? 10 : 36) * c->u)
                continue;
            }
          for (guint p = 0; p < g->shape->polygons->len; p++)
            {
              GPtrArray *rings = g->shape->polygons->pdata[p];

              for (guint r = 0; r < rings->len; r++)
                {
                  GwRing *ring = rings->pdata[r];
                  double lx = 0, ly = 0;

                  for (guint k = 0; k < ring->len; k++)
                    {
                      GwPoint pt = g_array_index (ring, GwPoint, k);
                      double mx = gw_mercator_x (pt.x), my = gw_mercator_y (pt.y);

                      if (k == 0)
                        cairo_move_to (cr, ox + (mx - min_x) * scale, oy + (my - min_y) * scale);
                      else if (fabs (mx - lx) > tol || fabs (my - ly) > tol || k + 1 == ring->len)
                        cairo_line_to (cr, ox + (mx - min_x) * scale, oy + (my - min_y) * scale);
                      else
                        continue;
                      lx = mx;
                      ly = my;
                    }
                  cairo_close_path (cr);
                }
            }
        }
      if (pass < GW_N_GRID_STATUSES)
        {
          set_rgb (c, STATUS_FILL[pass]);
          cairo_fill (cr);
        }
      else if (outline)
        {
          /* Thin seams between grids: a one-pixel line without antialiasing
           * takes cairo's fast path (a third of the map's time otherwise). */
          set_rgb (c, WHITE);
          cairo_save (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
          cairo_set_line_width (cr, MAX (1.0, round (1.2 * c->u)));
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      else
        {
          /* The most pressing grids get a black outline too: not colour alone. */
          set_rgb (c, BLACK);
          cairo_set_line_width (cr, MAX (1.0, 2.5 * c->u));
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

static void
page_overview (Ctx *c)
{
  const GwBoard *b = c->board;
  const GwStats *s = &b->stats;
  double u = c->u, body = c->bottom - c->top;
  double tiles_w, tiles_h, map_x, map_y, map_w, map_h, tw, th, gap = 24 * u;
  guint cols, rows;
  guint counts[GW_N_GRID_STATUSES] = { 0 };
  char value[64], detail[128];
  gint64 due = s->cadence_done + s->cadence_missed;
  g_autofree char *dekad = gw_dekad_to_label (s->cadence_dekad);

  if (c->wide)
    {
      cols = 2, rows = 3;
      tiles_w = c->w * 0.47;
      tiles_h = body;
      map_x = 32 * u + tiles_w + 32 * u;
      map_y = c->top;
      map_w = c->w - map_x - 32 * u;
      map_h = body - 150 * u;
    }
  else
    {
      cols = 3, rows = 2;
      tiles_w = c->w - 64 * u;
      tiles_h = body * 0.46;
      map_x = 32 * u;
      map_y = c->top + tiles_h + gap;
      map_w = c->w * 0.62;
      map_h = body - tiles_h - gap;
    }
  tw = (tiles_w - gap * (cols - 1)) / cols;
  th = (tiles_h - gap * (rows - 1)) / rows;

  for (guint i = 0; i < 6; i++)
    {
      double x = 32 * u + (i % cols) * (tw + gap), y = c->top + (i / cols) * (th + gap);
      const char *label = NULL;
      Rgb rgb = BLACK;

      detail[0] = '\0';
      switch (i)
        {
        case 0:
          label = _("Hazards");
          g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, s->hazards);
          g_snprintf (detail, sizeof detail, _("%lld open"),
                      (long long) (s->hazards - s->by_state[GW_STATE_CLOSED]));
          break;
        case 1:
          label = _("Completion rate");
          g_snprintf (value, sizeof value, "%.1f%%", s->completion_rate * 100);
          g_snprintf (detail, sizeof detail, _("downgraded or closed"));
          break;
        case 2:
          label = _("Overdue");
          g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, s->overdue);
          if (s->overdue > 0)
            rgb = ALERT;
          g_snprintf (detail, sizeof detail, _("%lld verifications overdue"),
                      (long long) s->verification_overdue);
          break;
        case 3:
          label = _("New in 7 days");
          g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, s->new_7d);
          break;
        case 4:
          label = _("Closed in 7 days");
          g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, s->closed_7d);
          break;
        default:
          label = _("Ten-day analyses");
          if (due > 0)
            g_snprintf (value, sizeof value, "%.0f%%", 100.0 * s->cadence_done / due);
          else
            g_strlcpy (value, "—", sizeof value);
          g_snprintf (detail, sizeof detail, _("%lld of %lld grids, %s"),
                      (long long) s->cadence_done, (long long) due, dekad);
          break;
        }
      tile (c, x, y, tw, th, value, label, detail[0] != '\0' ? detail : NULL, rgb);
      if (i == 2 && s->overdue > 0)
        warning_sign (c, x + tw - 84 * u, y + 70 * u, 60, ALERT);
    }

  draw_map (c, map_x, map_y, map_w, map_h);

  /* The legend names each colour and counts its grids. */
  if (b->grids != NULL)
    for (guint i = 0; i < b->grids->len; i++)
      {
        const GwMapGrid *g = b->grids->pdata[i];
        const GwMapGridStatus *st = b->statuses != NULL ? g_hash_table_lookup (b->statuses, &g->id) : NULL;
        counts[st != NULL ? st->status : GW_GRID_STATUS_GREEN]++;
      }
  for (int i = GW_N_GRID_STATUSES - 1; i >= 0; i--)
    {
      guint k = GW_N_GRID_STATUSES - 1 - i;
      double lx, ly, lw;
      g_autofree char *label = g_strdup_printf ("%s %u", gw_grid_status_label (i), counts[i]);

      if (c->wide)
        {
          lw = map_w / 2;
          lx = map_x + (k % 2) * lw;
          ly = c->bottom - (k < 2 ? 130 : 64) * u;
        }
      else
        {
          lw = c->w - map_x - map_w - 64 * u;
          lx = map_x + map_w + 32 * u;
          ly = map_y + k * 70 * u;
        }
      fill_rect (c, lx, ly, 44 * u, 44 * u, STATUS_FILL[i]);
      stroke_rect (c, lx, ly, 44 * u, 44 * u, 3 * u, i == GW_GRID_STATUS_RED ? BLACK : GREY);
      text (c, label, lx + 56 * u, ly + 2 * u, lw - 60 * u, 28, TRUE, ALIGN_LEFT, BLACK);
    }
}

/* ---- columns of cards: the kanban and "since the last meeting" -------------------------- */

#define CARD_H 176.0

static void
card (Ctx *c, const GwBoardCard *card, double x, double y, double w)
{
  double u = c->u, cx = x + 22 * u, chip;
  g_autofree char *who = NULL;

  stroke_rect (c, x, y, w, CARD_H * u - 10 * u, card->overdue ? 5 * u : 3 * u,
               card->overdue ? ALERT : BLACK);
  if (card->overdue)
    fill_rect (c, x + 5 * u, y + 5 * u, 8 * u, CARD_H * u - 20 * u, ALERT);
  chip = card->level != GW_LEVEL_NONE ? level_chip (c, card->level, cx, y + 10 * u, 26) + 10 * u : 0;
  text_wrapped (c, card->title, cx, y + 8 * u, w - 34 * u, chip, 2, 28, TRUE, FALSE, BLACK);
  who = card->responsible != NULL ? g_strdup_printf ("%s · %s", card->grid_name, card->responsible)
                                  : g_strdup (card->grid_name);
  text (c, who, cx, y + 88 * u, w - 34 * u, 28, FALSE, ALIGN_LEFT, BLACK);
  countdown (c, card, cx, y + 126 * u, w - 34 * u, 28);
}

/* A column's heading band with its count at the right; returns where the
 * column's contents start. */
static double
column_heading (Ctx        *c,
                double      x,
                double      w,
                const char *heading,
                const char *count,
                Rgb         rgb)
{
  double u = c->u, y = c->top;

  fill_rect (c, x, y, w, 64 * u, rgb);
  text (c, heading, x + 12 * u, y + 14 * u, w - 24 * u - text_width (c, count, 32, TRUE) - 10 * u,
        28, TRUE, ALIGN_LEFT, WHITE);
  text (c, count, x + 12 * u, y + 10 * u, w - 24 * u, 32, TRUE, ALIGN_RIGHT, WHITE);
  return y + 76 * u;
}

/* A column with a heading and a count; cards that do not fit become "+K more". */
static void
card_column (Ctx *c, double x, double w, const char *heading, gint64 total, GPtrArray *cards,
             Rgb heading_rgb)
{
  double u = c->u, y = c->top;
  guint fit, shown;
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, total);

  y = column_heading (c, x, w, heading, count, heading_rgb);

  fit = (guint) MAX (0, floor ((c->bottom - y) / (CARD_H * u)));
  if (total > fit)  /* keep a line for "+K more" */
    fit = (guint) MAX (0, floor ((c->bottom - y - 60 * u) / (CARD_H * u)));
  shown = MIN (cards != NULL ? cards->len : 0, fit);
  for (guint i = 0; i < shown; i++)
    card (c, cards->pdata[i], x, y + i * CARD_H * u, w);
  if ((gint64) shown < total)
    {
      g_autofree char *more = g_strdup_printf (_("+%lld more"), (long long) (total - shown));
      text (c, more, x, y + shown * CARD_H * u + 20 * u, w, 32, TRUE, ALIGN_CENTER, BLACK);
    }
  else if (total == 0)
    text (c, _("None"), x, y + 20 * u, w, 28, FALSE, ALIGN_CENTER, GREY);
}

static void
page_kanban (Ctx *c, GwUrgency urgency)
{
  const GwBoardColumn *cols = c->board->kanban[urgency];
  double gap = 16 * c->u, w = (c->w - 64 * c->u - gap * (GW_BOARD_N_COLUMNS - 1)) / GW_BOARD_N_COLUMNS;

  for (guint i = 0; i < GW_BOARD_N_COLUMNS; i++)
    {
      const char *heading = i == GW_STATE_CLOSED ? _("Closed, 7 days") : gw_state_label (i);

      card_column (c, 32 * c->u + i * (w + gap), w, heading, cols[i].total, cols[i].cards, BLACK);
    }
}

static void
change_column (Ctx *c, double x, double w, const char *heading, GPtrArray *changes, Rgb rgb)
{
  double u = c->u, y = c->top;
  guint fit, shown, n = changes != NULL ? changes->len : 0;
  const double row_h = 92;
  g_autofree char *count = g_strdup_printf ("%u", n);

  y = column_heading (c, x, w, heading, count, rgb);
  fit = (guint) MAX (0, floor ((c->bottom - y) / (row_h * u)));
  shown = MIN (n, fit);
  if (shown < n && shown == fit && fit > 0)
    shown = fit - 1;
  for (guint i = 0; i < shown; i++)
    {
      const GwChange *ch = changes->pdata[i];
      double ry = y + i * row_h * u;
      g_autofree char *sub = NULL;

      fill_rect (c, x, ry + row_h * u - 6 * u, w, 2 * u, RULE);
      text (c, ch->title, x + 4 * u, ry, w - 8 * u, 28, TRUE, ALIGN_LEFT, BLACK);
      if (ch->from_state != NULL && ch->to_state != NULL &&
          g_strcmp0 (ch->from_state, ch->to_state) != 0)
        {
          GwState from, to;

          if (gw_state_parse (ch->from_state, &from) && gw_state_parse (ch->to_state, &to))
            sub = g_strdup_printf ("%s → %s", gw_state_label (from), gw_state_label (to));
        }
      if (sub == NULL)
        sub = ch->responsible != NULL ? g_strdup_printf ("%s · %s", ch->grid_name, ch->responsible)
                                      : g_strdup (ch->grid_name);
      text (c, sub, x + 4 * u, ry + 40 * u, w - 8 * u, 28, FALSE, ALIGN_LEFT, GREY);
    }
  if (shown < n)
    {
      g_autofree char *more = g_strdup_printf (_("+%lld more"), (long long) (n - shown));
      text (c, more, x, y + shown * row_h * u + 16 * u, w, 32, TRUE, ALIGN_CENTER, BLACK);
    }
  else if (n == 0)
    text (c, _("None"), x, y + 20 * u, w, 28, FALSE, ALIGN_CENTER, GREY);
}

static void
page_changes (Ctx *c)
{
  const GwMeetingDiff *d = c->board->diff;
  double gap = 16 * c->u, w = (c->w - 64 * c->u - gap * 4) / 5;
  const char *headings[5] = { _("Added"), _("Moved"), _("Downgraded"), _("Closed"),
                              _("Newly overdue") };
  GPtrArray *lists[5] = { d->added, d->moved, d->downgraded, d->closed, d->overdue };

  for (guint i = 0; i < 5; i++)
    change_column (c, 32 * c->u + i * (w + gap), w, headings[i], lists[i],
                   i == 4 ? ALERT : i == 3 || i == 2 ? GOOD : BLACK);
}

/* ---- tables ------------------------------------------------------------------------------ */

#define ROW_H 50.0

typedef struct {
  const char *title;
  double      weight;  /* share of the width */
  int         align;
} Column;

static double
table_header (Ctx *c, double x, double y, double w, const Column *cols, guint n)
{
  double u = c->u, total = 0, cx = x;

  for (guint i = 0; i < n; i++)
    total += cols[i].weight;
  fill_rect (c, x, y, w, ROW_H * u, BLACK);
  for (guint i = 0; i < n; i++)
    {
      double cw = w * cols[i].weight / total;
      text (c, cols[i].title, cx + 8 * u, y + 8 * u, cw - 16 * u, 28, TRUE, cols[i].align, WHITE);
      cx += cw;
    }
  return y + ROW_H * u;
}

static void
table_row (Ctx *c, double x, double y, double w, const Column *cols, guint n,
           const char * const *cells, const Rgb *rgbs, gboolean stripe)
{
  double u = c->u, total = 0, cx = x;

  for (guint i = 0; i < n; i++)
    total += cols[i].weight;
  if (stripe)
    fill_rect (c, x, y, w, ROW_H * u, PAPER);
  for (guint i = 0; i < n; i++)
    {
      double cw = w * cols[i].weight / total;
      text (c, cells[i], cx + 8 * u, y + 8 * u, cw - 16 * u, 28, i == 1, cols[i].align,
            rgbs != NULL ? rgbs[i] : BLACK);
      cx += cw;
    }
}

static void
ranking_table (Ctx *c, double x, double y, double w, double h, gboolean top)
{
  const GwBoard *b = c->board;
  const Column cols[] = {
    { _("Rank"), 0.9, ALIGN_RIGHT },
    { _("Grid"), 3.2, ALIGN_LEFT },
    { _("Completion"), 1.6, ALIGN_RIGHT },
    { _("Overdue"), 1.3, ALIGN_RIGHT },
    { _("Analyses"), 1.5, ALIGN_RIGHT },
  };
  guint n_rows = (guint) MAX (1, floor ((h - 60 * c->u) / (ROW_H * c->u)) - 1);
  guint len = b->ranking->len;
  guint n = MIN (n_rows, len / 2 + (top ? len % 2 : 0));
  g_autofree char *title = top ? g_strdup_printf ("▲ %s", _("Leading grids"))
                               : g_strdup_printf ("▼ %s", _("Lagging grids"));

  text (c, title, x, y, w, 34, TRUE, ALIGN_LEFT, top ? GOOD : ALERT);
  y = table_header (c, x, y + 56 * c->u, w, cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < n; i++)
    {
      const GwBoardRank *r = b->ranking->pdata[top ? i : len - n + i];
      g_autofree char *rank = g_strdup_printf ("%s%u", top ? "▲ " : "▼ ", r->rank);
      g_autofree char *grid = g_strdup_printf ("%s · %s", r->county_name, r->grid_name);
      g_autofree char *completion = g_strdup_printf ("%.1f%%", r->completion * 100);
      g_autofree char *overdue = g_strdup_printf ("%" G_GINT64_FORMAT, r->overdue);
      g_autofree char *compliance = g_strdup_printf ("%.0f%%", r->compliance * 100);
      const char *cells[] = { rank, grid, completion, overdue, compliance };
      Rgb rgbs[] = { top ? GOOD : ALERT, BLACK, BLACK, r->overdue > 0 ? ALERT : BLACK, BLACK };

      table_row (c, x, y + i * ROW_H * c->u, w, cols, G_N_ELEMENTS (cols), cells, rgbs, i % 2 == 1);
    }
}

static void
page_ranking (Ctx *c)
{
  const GwBoard *b = c->board;
  double u = c->u, body = c->bottom - c->top - 56 * u;
  g_autofree char *note = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "%u grids ranked by completion, then fewer overdue, then ten-day analyses held in the last %u dekad",
                 "%u grids ranked by completion, then fewer overdue, then ten-day analyses held in the last %u dekads",
                 b->ranking_dekads),
    b->ranking->len, b->ranking_dekads);

  text (c, note, 32 * u, c->top, c->w - 64 * u, 28, FALSE, ALIGN_LEFT, GREY);
  if (c->wide)
    {
      double w = (c->w - 96 * u) / 2;
      ranking_table (c, 32 * u, c->top + 56 * u, w, body, TRUE);
      ranking_table (c, 64 * u + w, c->top + 56 * u, w, body, FALSE);
    }
  else
    {
      double h = (body - 24 * u) / 2;
      ranking_table (c, 32 * u, c->top + 56 * u, c->w - 64 * u, h, TRUE);
      ranking_table (c, 32 * u, c->top + 80 * u + h, c->w - 64 * u, h, FALSE);
    }
}

static void
page_overdue (Ctx *c)
{
  const GwBoard *b = c->board;
  const Column cols[] = {
    { _("County"), 2.0, ALIGN_LEFT },
    { _("Days"), 0.9, ALIGN_RIGHT },
    { _("Hazard"), 3.6, ALIGN_LEFT },
    { _("Grid"), 1.5, ALIGN_LEFT },
    { _("Responsible"), 1.8, ALIGN_LEFT },
  };
  double u = c->u, x = 32 * u, y0, y, col_w;
  guint n_cols = c->wide ? 2 : 1, col = 0, rows_per_col, capacity, per_county = 1;
  guint n = b->overdue->len, counties;
  g_autofree char *summary = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%lld hazard past its deadline",
                 "%lld hazards past their deadline", b->overdue_total),
    (long long) b->overdue_total);

  if (n == 0)
    {
      text (c, _("Nothing is overdue."), 32 * u, c->top + 120 * u, c->w - 64 * u, 40, TRUE,
            ALIGN_CENTER, GOOD);
      return;
    }

  warning_sign (c, 32 * u, c->top, 34, ALERT);
  text (c, summary, 80 * u, c->top - 2 * u, c->w - 112 * u, 32, TRUE, ALIGN_LEFT, ALERT);
  col_w = (c->w - 64 * u - (n_cols - 1) * 32 * u) / n_cols;
  for (guint i = 0; i < n_cols; i++)
    y0 = table_header (c, x + i * (col_w + 32 * u), c->top + 56 * u, col_w, cols,
                       G_N_ELEMENTS (cols));
  /* Room for a closing note under the table. */
  rows_per_col = (guint) MAX (1, floor ((c->bottom - y0 - 44 * u) / (ROW_H * u)));
  capacity = n_cols * rows_per_col;

  /* Every county gets as many of its most overdue rows as fit evenly; when
   * even one each does not fit, the counties with fewest are left out. */
  counties = MIN (n, capacity);
  while (per_county < 12)
    {
      guint need = 0;
      for (guint i = 0; i < counties; i++)
        need += MIN (per_county + 1, ((GwBoardCountyOverdue *) b->overdue->pdata[i])->cards->len);
      if (need > capacity)
        break;
      per_county++;
    }

  y = y0;
  for (guint i = 0; i < counties; i++)
    {
      const GwBoardCountyOverdue *county = b->overdue->pdata[i];
      guint k = MIN (per_county, county->cards->len);
      g_autofree char *head = g_strdup_printf ("%s · %" G_GINT64_FORMAT, county->county_name,
                                               county->total);

      for (guint j = 0; j < k; j++)
        {
          const GwBoardCard *card = county->cards->pdata[j];
          g_autofree char *days = g_strdup_printf ("%d", -card->days_left);
          g_autofree char *title = g_strdup_printf ("%s %s", card->number, card->title);
          const char *cells[] = { j == 0 ? head : "", days, title, card->grid_name,
                                  card->responsible != NULL ? card->responsible : "—" };
          Rgb rgbs[] = { BLACK, ALERT, BLACK, BLACK, BLACK };
          double cx;

          if (y + ROW_H * u > y0 + rows_per_col * ROW_H * u + 1)
            {
              if (++col >= n_cols)
                break;
              y = y0;
            }
          cx = x + col * (col_w + 32 * u);
          if (j == 0)
            fill_rect (c, cx, y, col_w, 4 * u, BLACK);
          table_row (c, cx, y, col_w, cols, G_N_ELEMENTS (cols), cells, rgbs, i % 2 == 1);
          if (j == 0)
            fill_rect (c, cx, y, col_w, 3 * u, BLACK);
          y += ROW_H * u;
        }
    }
  {
    g_autofree char *note = counties < n
      ? g_strdup_printf (_("The most overdue of each county, %u more counties not shown; "
                           "the whole list is the ledger filtered to overdue."), n - counties)
      : g_strdup (_("The most overdue of each county; the whole list is the ledger filtered "
                    "to overdue."));
    text (c, note, 32 * u, c->bottom - 36 * u, c->w - 64 * u, 28, FALSE, ALIGN_LEFT, GREY);
  }
}

static void
page_interviews (Ctx *c)
{
  const GwBoard *b = c->board;
  const Column cols[] = {
    { _("County"), 1.6, ALIGN_LEFT },
    { _("Grid"), 2.2, ALIGN_LEFT },
    { _("Grid chief"), 2.6, ALIGN_LEFT },
    { _("Missed in a row"), 1.7, ALIGN_RIGHT },
    { _("Overdue"), 1.2, ALIGN_RIGHT },
  };
  double u = c->u, y;
  guint n = b->interviews->len, fit, shown;
  g_autofree char *rule = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "Grids that missed %u ten-day analysis in a row, or have more than %lld overdue hazards",
                 "Grids that missed %u ten-day analyses in a row, or have more than %lld overdue hazards",
                 b->options.interview_misses),
    b->options.interview_misses, (long long) b->options.interview_overdue);

  text (c, rule, 32 * u, c->top, c->w - 64 * u, 28, FALSE, ALIGN_LEFT, GREY);
  if (n == 0)
    {
      text (c, _("No grid calls for an interview."), 32 * u, c->top + 120 * u, c->w - 64 * u, 40,
            TRUE, ALIGN_CENTER, GOOD);
      return;
    }
  y = table_header (c, 32 * u, c->top + 56 * u, c->w - 64 * u, cols, G_N_ELEMENTS (cols));
  fit = (guint) MAX (0, floor ((c->bottom - y) / (ROW_H * u)));
  shown = MIN (n, fit);
  if (shown < n && fit > 0)
    shown = fit - 1;
  for (guint i = 0; i < shown; i++)
    {
      const GwCadenceRow *r = b->interviews->pdata[i];
      g_autofree char *chief = r->chief_name != NULL
        ? g_strdup_printf ("%s %s", r->chief_name, r->chief_phone != NULL ? r->chief_phone : "")
        : g_strdup ("—");
      g_autofree char *misses = g_strdup_printf ("%u", r->longest_miss_run);
      g_autofree char *overdue = g_strdup_printf ("%" G_GINT64_FORMAT, r->overdue);
      const char *cells[] = { r->county_name, r->grid_name, chief, misses, overdue };
      Rgb rgbs[] = { BLACK, BLACK, BLACK,
                     r->longest_miss_run >= b->options.interview_misses ? ALERT : BLACK,
                     b->options.interview_overdue >= 0 && r->overdue > b->options.interview_overdue ? ALERT : BLACK };

      table_row (c, 32 * u, y + i * ROW_H * u, c->w - 64 * u, cols, G_N_ELEMENTS (cols), cells, rgbs,
                 i % 2 == 1);
    }
  if (shown < n)
    {
      g_autofree char *more = g_strdup_printf (_("+%lld more"), (long long) (n - shown));
      text (c, more, 32 * u, y + shown * ROW_H * u + 8 * u, c->w - 64 * u, 30, TRUE, ALIGN_CENTER, BLACK);
    }
}

void
gw_board_render_slide (cairo_t       *cr,
                       double         width,
                       double         height,
                       const GwBoard *board,
                       guint          index)
{
  Ctx c = { cr, NULL, width, height, height / 1080.0, width / height >= 1.5, 0, 0, board, NULL };
  const GwBoardSlide *slide;

  g_return_if_fail (board != NULL && index < gw_board_n_slides (board));
  if (width < 1 || height < 1)
    return;

  slide = gw_board_get_slide (board, index);
  cairo_save (cr);
  c.layout = pango_cairo_create_layout (cr);
  c.font = pango_font_description_from_string (FONT_FAMILY);
  frame (&c, index);
  if (!board->loaded[slide->page])
    text (&c, _("Loading…"), 0, c.h / 2, c.w, 40, TRUE, ALIGN_CENTER, GREY);
  else
    switch (slide->page)
      {
      case GW_BOARD_PAGE_OVERVIEW:   page_overview (&c); break;
      case GW_BOARD_PAGE_KANBAN:     page_kanban (&c, slide->urgency); break;
      case GW_BOARD_PAGE_RANKING:    page_ranking (&c); break;
      case GW_BOARD_PAGE_CHANGES:    page_changes (&c); break;
      case GW_BOARD_PAGE_OVERDUE:    page_overdue (&c); break;
      case GW_BOARD_PAGE_INTERVIEWS: page_interviews (&c); break;
      case GW_N_BOARD_PAGES:
      default:
        g_assert_not_reached ();
      }
  g_object_unref (c.layout);
  pango_font_description_free (c.font);
  cairo_restore (cr);
}

/* ---- files ------------------------------------------------------------------------------ */

/* After cairo wrote @temp: moves it into place, or removes it and says why. */
static gboolean
finish_file (const char     *temp,
             const char     *path,
             cairo_status_t  status,
             GError        **error)
{
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (temp);
      /* Cairo does not say why a write failed: a full disk is the usual cause. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path,
                   status == CAIRO_STATUS_WRITE_ERROR ? _("the disk may be full or the file not writable")
                                                      : cairo_status_to_string (status));
      return FALSE;
    }
  return gw_file_move_into_place (temp, path, error);
}

gboolean
gw_board_write_pdf (const GwBoard *board,
                    const char    *path,
                    GError       **error)
{
  /* A4 landscape in points. */
  const double w = 841.89, h = 595.28;
  g_autofree char *temp = gw_file_temp_beside (path, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (temp == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (temp, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("War-room board"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gridwatch");
  cr = cairo_create (surface);
  for (guint i = 0; i < gw_board_n_slides (board); i++)
    {
      gw_board_render_slide (cr, w, h, board, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return finish_file (temp, path, status, error);
}

gboolean
gw_board_write_png (const GwBoard *board,
                    guint          index,
                    int            width,
                    int            height,
                    const char    *path,
                    GError       **error)
{
  g_autofree char *temp = gw_file_temp_beside (path, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (temp == NULL)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  gw_board_render_slide (cr, width, height, board, index);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, temp);
  cairo_surface_destroy (surface);
  return finish_file (temp, path, status, error);
}

GStrv
gw_board_write_pngs (const GwBoard *board,
                     const char    *dir,
                     int            width,
                     int            height,
                     GError       **error)
{
  g_autoptr(GStrvBuilder) files = g_strv_builder_new ();

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not create %s: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < gw_board_n_slides (board); i++)
    {
      const GwBoardSlide *s = gw_board_get_slide (board, i);
      g_autofree char *name = s->urgency != GW_URGENCY_NONE
        ? g_strdup_printf ("%02u-%s-%s.png", i + 1, gw_board_page_to_id (s->page),
                           gw_urgency_to_id (s->urgency))
        : g_strdup_printf ("%02u-%s.png", i + 1, gw_board_page_to_id (s->page));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!gw_board_write_png (board, i, width, height, path, error))
        return NULL;
      g_strv_builder_add (files, path);
    }
  return g_strv_builder_end (files);
}
