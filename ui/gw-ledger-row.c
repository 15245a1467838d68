/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-ledger"

#include "config.h"

#include <glib/gi18n.h>

#include "gw-dekad.h"
#include "gw-ledger-row.h"

#define CELL_PAD   6     /* px each side of a cell's text */
#define CHIP_PAD   9     /* px each side of a chip's text (style.css) */
#define ICON_SIZE  16
#define ICON_GAP   4

struct _GwLedgerRow
{
  GtkWidget        parent_instance;

  GwLedgerColumns *columns;
  /* Owned for the number and the title; shared through the columns for
   * the others (gw_ledger_columns_lookup_layout); a reference each. */
  PangoLayout     *layouts[GW_LEDGER_N_COLUMNS];
  int              line_height;                 /* of a line of text, px; 0: to measure */
  guint            font_serial;                 /* of the columns when it was measured */
  gboolean         loaded;
  GwLevel          level;
  GwState          state;
  GwLedgerTone     tone;
  GtkIconPaintable *alarm;
};

G_DEFINE_FINAL_TYPE (GwLedgerRow, gw_ledger_row, GTK_TYPE_WIDGET)

/* Shared, immutable attribute lists: a chip's smaller (bold) text, tabular
 * figures, and the deadline's tones. */
static PangoAttrList *
attrs_chip (gboolean bold)
{
  static PangoAttrList *lists[2];

  if (lists[bold] == NULL)
    {
      lists[bold] = pango_attr_list_new ();
      pango_attr_list_insert (lists[bold], pango_attr_scale_new (0.9));
      if (bold)
        pango_attr_list_insert (lists[bold], pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    }
  return lists[bold];
}

static PangoAttrList *
attrs_numeric (GwLedgerTone tone)
{
  static PangoAttrList *lists[GW_LEDGER_N_TONES];

  if (lists[tone] == NULL)
    {
      lists[tone] = pango_attr_list_new ();
      pango_attr_list_insert (lists[tone], pango_attr_font_features_new ("tnum"));
      if (tone == GW_LEDGER_TONE_OVERDUE)
        pango_attr_list_insert (lists[tone], pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      else if (tone == GW_LEDGER_TONE_VERIFICATION_OVERDUE)
        pango_attr_list_insert (lists[tone], pango_attr_style_new (PANGO_STYLE_ITALIC));
    }
  return lists[tone];
}

static gboolean
is_chip (GwLedgerColumn column)
{
  return column == GW_LEDGER_COL_LEVEL || column == GW_LEDGER_COL_STATE;
}

static PangoAttrList *
column_attrs (GwLedgerColumn column,
              GwLedgerTone   tone)
{
  if (column == GW_LEDGER_COL_DEADLINE)
    return attrs_numeric (tone);
  if (gw_ledger_columns_numeric (column))
    return attrs_numeric (GW_LEDGER_TONE_PLAIN);
  if (is_chip (column))
    return attrs_chip (column == GW_LEDGER_COL_LEVEL);
  return NULL;
}

static void
ensure_layouts (GwLedgerRow *self)
{
  if (self->layouts[0] != NULL)
    return;
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    {
      PangoLayout *layout;

      if (gw_ledger_columns_shared (c))
        {
          layout = gw_ledger_columns_lookup_layout (self->columns, GTK_WIDGET (self), c, NULL,
                                                    column_attrs (c, self->tone));
          self->layouts[c] = g_object_ref (layout);
          continue;
        }
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_set_attributes (layout, column_attrs (c, self->tone));
      self->layouts[c] = layout;
    }
}

/* @attrs: of a shared column's layout (those of the others never change). */
static void
set_text_attrs (GwLedgerRow    *self,
                GwLedgerColumn  column,
                const char     *text,
                PangoAttrList  *attrs)
{
  PangoLayout *layout = self->layouts[column];

  if (gw_ledger_columns_shared (column))
    {
      g_set_object (&self->layouts[column],
                    gw_ledger_columns_lookup_layout (self->columns, GTK_WIDGET (self), column,
                                                     text, attrs));
      return;
    }
  /* Pango lays the text out again on every set: only when it differs. */
  if (g_strcmp0 (pango_layout_get_text (layout), text ? text : "") != 0)
    pango_layout_set_text (layout, text ? text : "", -1);
}

static void
set_text (GwLedgerRow    *self,
          GwLedgerColumn  column,
          const char     *text)
{
  set_text_attrs (self, column, text, column_attrs (column, self->tone));
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

/* The deadline and the days left (open hazards), and its tone. */
static char *
deadline_text (const GwHazard *h,
               int             today_julian,
               GwLedgerTone   *tone)
{
  gboolean open = h->state == GW_STATE_REPORTED || h->state == GW_STATE_RECTIFYING;
  g_autofree char *when = NULL;
  GDate deadline;
  int days;

  *tone = GW_LEDGER_TONE_PLAIN;
  if (h->deadline == NULL || !gw_date_parse (h->deadline, &deadline))
    return g_strdup ("—");
  if (!open)
    {
      if (h->state == GW_STATE_VERIFYING && (int) g_date_get_julian (&deadline) < today_julian)
        *tone = GW_LEDGER_TONE_VERIFICATION_OVERDUE;
      else
        *tone = GW_LEDGER_TONE_DIM;
      return g_strdup (h->deadline);
    }

  days = (int) g_date_get_julian (&deadline) - today_julian;
  if (days < 0)
    {
      when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue",
                                           "%d days overdue", -days), -days);
      *tone = GW_LEDGER_TONE_OVERDUE;
    }
  else if (days == 0)
    {
      when = g_strdup (_("due today"));
      *tone = GW_LEDGER_TONE_DUE_SOON;
    }
  else
    {
      when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left",
                                           "%d days left", days), days);
      if (days <= 3)
        *tone = GW_LEDGER_TONE_DUE_SOON;
    }
  /* TRANSLATORS: a deadline and the time left, "2026-12-01 · 8 days left" */
  return g_strdup_printf (_("%s · %s"), h->deadline, when);
}

void
gw_ledger_row_set_hazard (GwLedgerRow    *self,
                          const GwHazard *h,
                          int             today_julian)
{
  g_autofree char *deadline = NULL;
  GwLedgerTone tone = GW_LEDGER_TONE_PLAIN;

  g_return_if_fail (GW_IS_LEDGER_ROW (self));

  ensure_layouts (self);
  self->loaded = h != NULL;
  if (h == NULL)
    {
      self->tone = GW_LEDGER_TONE_PLAIN;
      set_text (self, GW_LEDGER_COL_NUMBER, "…");
      for (guint c = GW_LEDGER_COL_NUMBER + 1; c < GW_LEDGER_N_COLUMNS; c++)
        set_text (self, c, NULL);
    }
  else
    {
      set_text (self, GW_LEDGER_COL_NUMBER, h->number);
      set_text (self, GW_LEDGER_COL_TITLE, h->title);
      set_text (self, GW_LEDGER_COL_COUNTY, h->county_name);
      set_text (self, GW_LEDGER_COL_GRID, h->grid_name);
      /* "Not assessed" is dimmed, not bold: it is no chip. */
      set_text_attrs (self, GW_LEDGER_COL_LEVEL, gw_level_label (h->level),
                      attrs_chip (h->level != GW_LEVEL_NONE));
      set_text (self, GW_LEDGER_COL_URGENCY,
                or_dash (h->urgency != GW_URGENCY_NONE ? gw_urgency_label (h->urgency) : NULL));
      set_text (self, GW_LEDGER_COL_STATE, gw_state_label (h->state));
      set_text (self, GW_LEDGER_COL_MEASURE,
                or_dash (h->measure != GW_MEASURE_NONE ? gw_measure_label (h->measure) : NULL));
      set_text (self, GW_LEDGER_COL_RESPONSIBLE, or_dash (h->responsible_name));
      deadline = deadline_text (h, today_julian, &tone);
      self->tone = tone;
      set_text (self, GW_LEDGER_COL_DEADLINE, deadline);
      set_text (self, GW_LEDGER_COL_FOUND, h->found_date);
      self->level = h->level;
      self->state = h->state;
    }

  /* What a screen reader says of the row: its cells were read one by one
   * when they were widgets. */
  if (h == NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else
    {
      g_autofree char *label = g_strjoin (", ", h->number, h->title, gw_level_label (h->level),
                                          gw_state_label (h->state), deadline, NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
gw_ledger_row_get_text (GwLedgerRow    *self,
                        GwLedgerColumn  column)
{
  g_return_val_if_fail (GW_IS_LEDGER_ROW (self), NULL);
  g_return_val_if_fail (column < GW_LEDGER_N_COLUMNS, NULL);

  ensure_layouts (self);
  return pango_layout_get_text (self->layouts[column]);
}

GwLedgerTone
gw_ledger_row_get_tone (GwLedgerRow *self)
{
  g_return_val_if_fail (GW_IS_LEDGER_ROW (self), GW_LEDGER_TONE_PLAIN);
  return self->tone;
}

/* ---- layout and painting ---------------------------------------------------------- */

static int
line_height (GwLedgerRow *self)
{
  guint serial = gw_ledger_columns_get_font_serial (self->columns);

  /* Measured again after the font changes (Large Text, another font). */
  if (self->line_height == 0 || self->font_serial != serial)
    {
      self->font_serial = serial;
      g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag 国");

      pango_layout_get_pixel_size (probe, NULL, &self->line_height);
    }
  return self->line_height;
}

static void
gw_ledger_row_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  GwLedgerRow *self = GW_LEDGER_ROW (widget);

  /* Sized without laying out any text: binding a row while scrolling
   * costs no measuring. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = gw_ledger_columns_get_total (self->columns);
  else
    *minimum = *natural = line_height (self) + 6;
}

/* The room for the text of @column between its edges. */
static int
text_width (GwLedgerRow    *self,
            GwLedgerColumn  column,
            const int      *x)
{
  int width = x[column + 1] - x[column] - 2 * CELL_PAD;

  if (is_chip (column))
    width -= 2 * CHIP_PAD;
  else if (column == GW_LEDGER_COL_DEADLINE && self->tone == GW_LEDGER_TONE_OVERDUE)
    width -= ICON_SIZE + ICON_GAP;
  return MAX (width, 1);
}

/* Fills @x with the edges of the columns in a row @width wide, and gives
 * each layout the width of its cell if that changed. */
static void
update_widths (GwLedgerRow *self,
               int          width,
               int         *x)
{
  ensure_layouts (self);
  gw_ledger_columns_get_edges (self->columns, width, x);
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    {
      int w = text_width (self, c, x) * PANGO_SCALE;

      /* A shared layout has the same width in every row: set once. */
      if (pango_layout_get_width (self->layouts[c]) != w)
        pango_layout_set_width (self->layouts[c], w);
    }
}

static void
gw_ledger_row_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  int x[GW_LEDGER_N_COLUMNS + 1];

  update_widths (GW_LEDGER_ROW (widget), width, x);
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             float          x,
             float          y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_chip (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           float          x,
           int            height,
           const GdkRGBA *bg,
           const GdkRGBA *fg)
{
  int w, h;
  GskRoundedRect pill;
  graphene_rect_t bounds;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (w == 0)
    return;
  bounds = GRAPHENE_RECT_INIT (x, (height - h - 2) / 2.f, w + 2 * CHIP_PAD, h + 2);
  if (bg->alpha > 0)
    {
      gsk_rounded_rect_init_from_rect (&pill, &bounds, bounds.size.height / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &pill);
      gtk_snapshot_append_color (snapshot, bg, &bounds);
      gtk_snapshot_pop (snapshot);
    }
  draw_layout (snapshot, layout, x + CHIP_PAD, bounds.origin.y + 1, fg);
}

static void
draw_alarm (GwLedgerRow   *self,
            GtkSnapshot   *snapshot,
            float          x,
            float          y,
            const GdkRGBA *color)
{
  if (self->alarm == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

      self->alarm = gtk_icon_theme_lookup_icon (theme, "alarm-symbolic", NULL, ICON_SIZE,
                                                gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                                gtk_widget_get_direction (GTK_WIDGET (self)), 0);
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->alarm), snapshot,
                                            ICON_SIZE, ICON_SIZE, color, 1);
  gtk_snapshot_restore (snapshot);
}

static void
gw_ledger_row_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GwLedgerRow *self = GW_LEDGER_ROW (widget);
  const GwLedgerPalette *p = gw_ledger_columns_get_palette (self->columns);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int x[GW_LEDGER_N_COLUMNS + 1];
  GdkRGBA fg, dim;

  update_widths (self, width, x);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dim = fg;
  dim.alpha *= 0.6f;

  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    {
      PangoLayout *layout = self->layouts[c];
      float left = x[c] + CELL_PAD;
      int h;

      if (c == GW_LEDGER_COL_LEVEL && self->loaded)
        {
          if (self->level == GW_LEVEL_NONE)
            draw_chip (snapshot, layout, left, height, &(GdkRGBA) { 0 }, &dim);
          else
            draw_chip (snapshot, layout, left, height, &p->level_bg[self->level],
                       &p->level_fg[self->level]);
          continue;
        }
      if (c == GW_LEDGER_COL_STATE && self->loaded)
        {
          draw_chip (snapshot, layout, left, height, &p->state_bg[self->state],
                     &p->state_fg[self->state]);
          continue;
        }

      pango_layout_get_pixel_size (layout, NULL, &h);
      if (c == GW_LEDGER_COL_DEADLINE && self->loaded)
        {
          const GdkRGBA *color = self->tone == GW_LEDGER_TONE_PLAIN ? &fg
                                 : self->tone == GW_LEDGER_TONE_DIM ? &dim
                                 : &p->tone[self->tone];

          if (self->tone == GW_LEDGER_TONE_OVERDUE)
            {
              draw_alarm (self, snapshot, left, (height - ICON_SIZE) / 2.f, color);
              left += ICON_SIZE + ICON_GAP;
            }
          draw_layout (snapshot, layout, left, (height - h) / 2.f, color);
          continue;
        }
      draw_layout (snapshot, layout, left, (height - h) / 2.f, &fg);
    }
}

/* The whole text of a cell cut short. */
static gboolean
gw_ledger_row_query_tooltip (GtkWidget  *widget,
                             int         px,
                             int         py,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  GwLedgerRow *self = GW_LEDGER_ROW (widget);
  int x[GW_LEDGER_N_COLUMNS + 1];

  if (keyboard || self->layouts[0] == NULL)
    return FALSE;
  gw_ledger_columns_get_edges (self->columns, gtk_widget_get_width (widget), x);
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    if (px >= x[c] && px < x[c + 1] && pango_layout_is_ellipsized (self->layouts[c]))
      {
        gtk_tooltip_set_text (tooltip, pango_layout_get_text (self->layouts[c]));
        return TRUE;
      }
  return FALSE;
}

/* New widths, or a new style (whose shared layouts start over). */
static void
columns_changed_cb (GwLedgerRow *self)
{
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS && self->layouts[0] != NULL; c++)
    if (gw_ledger_columns_shared (c))
      {
        g_autofree char *text = g_strdup (pango_layout_get_text (self->layouts[c]));

        /* The same text with the same attributes, from the new cache. */
        set_text_attrs (self, c, text, pango_layout_get_attributes (self->layouts[c]));
      }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* A new font or scale: the layouts and the line height follow. */
static void
gw_ledger_row_root (GtkWidget *widget)
{
  GwLedgerRow *self = GW_LEDGER_ROW (widget);

  GTK_WIDGET_CLASS (gw_ledger_row_parent_class)->root (widget);
  self->line_height = 0;
  g_clear_object (&self->alarm);
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    if (self->layouts[c] != NULL)
      pango_layout_context_changed (self->layouts[c]);
}

static void
gw_ledger_row_dispose (GObject *object)
{
  GwLedgerRow *self = GW_LEDGER_ROW (object);

  if (self->columns != NULL)
    g_signal_handlers_disconnect_by_data (self->columns, self);
  g_clear_object (&self->columns);
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    g_clear_object (&self->layouts[c]);
  g_clear_object (&self->alarm);

  G_OBJECT_CLASS (gw_ledger_row_parent_class)->dispose (object);
}

static void
gw_ledger_row_class_init (GwLedgerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_ledger_row_dispose;
  widget_class->measure = gw_ledger_row_measure;
  widget_class->size_allocate = gw_ledger_row_size_allocate;
  widget_class->snapshot = gw_ledger_row_snapshot;
  widget_class->query_tooltip = gw_ledger_row_query_tooltip;
  widget_class->root = gw_ledger_row_root;

  gtk_widget_class_set_css_name (widget_class, "ledger-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

/* A display of another scale: the icon is looked up again at its size. */
static void
scale_changed_cb (GwLedgerRow *self)
{
  g_clear_object (&self->alarm);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gw_ledger_row_init (GwLedgerRow *self)
{
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_changed_cb), NULL);
  self->tone = GW_LEDGER_TONE_PLAIN;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
gw_ledger_row_new (GwLedgerColumns *columns)
{
  GwLedgerRow *self;

  g_return_val_if_fail (GW_IS_LEDGER_COLUMNS (columns), NULL);

  self = g_object_new (GW_TYPE_LEDGER_ROW, NULL);
  self->columns = g_object_ref (columns);
  g_signal_connect_swapped (columns, "changed", G_CALLBACK (columns_changed_cb), self);
  return GTK_WIDGET (self);
}
