/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-ledger"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-ledger-columns.h"
#include "gw-ui-util.h"

#define MIN_WIDTH 40
#define MAX_WIDTH 4000   /* a width from the settings is kept within reason */

static const struct {
  const char *title;
  GwSortKey   sort;
  int         width;
  gboolean    numeric;
} columns[GW_LEDGER_N_COLUMNS] = {
  [GW_LEDGER_COL_NUMBER]      = { N_("Number"), GW_SORT_NUMBER, 150, TRUE },
  [GW_LEDGER_COL_TITLE]       = { N_("Title"), GW_SORT_TITLE, 200, FALSE },
  [GW_LEDGER_COL_COUNTY]      = { N_("County"), GW_SORT_COUNTY, 90, FALSE },
  [GW_LEDGER_COL_GRID]        = { N_("Grid"), GW_SORT_GRID, 120, FALSE },
  [GW_LEDGER_COL_LEVEL]       = { N_("Risk Level"), GW_SORT_LEVEL, 120, FALSE },
  [GW_LEDGER_COL_URGENCY]     = { N_("Urgency"), GW_SORT_URGENCY, 100, FALSE },
  [GW_LEDGER_COL_STATE]       = { N_("State"), GW_SORT_STATE, 116, FALSE },
  [GW_LEDGER_COL_MEASURE]     = { N_("Measure"), GW_SORT_MEASURE, 150, FALSE },
  [GW_LEDGER_COL_RESPONSIBLE] = { N_("Responsible"), GW_SORT_RESPONSIBLE, 90, FALSE },
  [GW_LEDGER_COL_DEADLINE]    = { N_("Deadline"), GW_SORT_DEADLINE, 270, TRUE },
  [GW_LEDGER_COL_FOUND]       = { N_("Found"), GW_SORT_FOUND_DATE, 96, TRUE },
};

/* The column that takes the width left over in a wide window. */
#define EXPANDING GW_LEDGER_COL_TITLE

struct _GwLedgerColumns
{
  GObject         parent_instance;

  int             widths[GW_LEDGER_N_COLUMNS];
  GwLedgerPalette palette;
  GHashTable     *layouts[GW_LEDGER_N_COLUMNS]; /* "attrs:text" → PangoLayout, shared columns */
  PangoFontDescription *font;                   /* of the style read last */
  guint           font_serial;                  /* bumped when the font changes */
};

/* Distinct texts kept per column before the cache starts over. */
#define MAX_SHARED 4096

G_DEFINE_FINAL_TYPE (GwLedgerColumns, gw_ledger_columns, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
gw_ledger_columns_title (GwLedgerColumn column)
{
  g_return_val_if_fail (column < GW_LEDGER_N_COLUMNS, NULL);
  return _(columns[column].title);
}

GwSortKey
gw_ledger_columns_sort_key (GwLedgerColumn column)
{
  g_return_val_if_fail (column < GW_LEDGER_N_COLUMNS, GW_SORT_ID);
  return columns[column].sort;
}

gboolean
gw_ledger_columns_numeric (GwLedgerColumn column)
{
  g_return_val_if_fail (column < GW_LEDGER_N_COLUMNS, FALSE);
  return columns[column].numeric;
}

int
gw_ledger_columns_get_width (GwLedgerColumns *self,
                             GwLedgerColumn   column)
{
  g_return_val_if_fail (GW_IS_LEDGER_COLUMNS (self), 0);
  g_return_val_if_fail (column < GW_LEDGER_N_COLUMNS, 0);
  return self->widths[column];
}

void
gw_ledger_columns_set_width (GwLedgerColumns *self,
                             GwLedgerColumn   column,
                             int              width)
{
  g_return_if_fail (GW_IS_LEDGER_COLUMNS (self));
  g_return_if_fail (column < GW_LEDGER_N_COLUMNS);

  width = CLAMP (width, MIN_WIDTH, MAX_WIDTH);
  if (self->widths[column] == width)
    return;
  self->widths[column] = width;
  g_signal_emit (self, signals[CHANGED], 0);
}

int
gw_ledger_columns_get_total (GwLedgerColumns *self)
{
  int total = 0;

  g_return_val_if_fail (GW_IS_LEDGER_COLUMNS (self), 0);
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    total += self->widths[c];
  return total;
}

void
gw_ledger_columns_get_edges (GwLedgerColumns *self,
                             int              width,
                             int              x[GW_LEDGER_N_COLUMNS + 1])
{
  int extra = MAX (0, width - gw_ledger_columns_get_total (self));

  x[0] = 0;
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    x[c + 1] = x[c] + self->widths[c] + (c == EXPANDING ? extra : 0);
}

gboolean
gw_ledger_columns_shared (GwLedgerColumn column)
{
  return column != GW_LEDGER_COL_NUMBER && column != GW_LEDGER_COL_TITLE
         && column < GW_LEDGER_N_COLUMNS;
}

PangoLayout *
gw_ledger_columns_lookup_layout (GwLedgerColumns *self,
                                 GtkWidget       *widget,
                                 GwLedgerColumn   column,
                                 const char      *text,
                                 PangoAttrList   *attrs)
{
  g_autofree char *long_key = NULL;
  char buf[256];
  const char *key;
  PangoLayout *layout;

  g_return_val_if_fail (GW_IS_LEDGER_COLUMNS (self), NULL);
  g_return_val_if_fail (gw_ledger_columns_shared (column), NULL);

  if (text == NULL)
    text = "";
  /* Looked up on every row bound: the key is built on the stack, copied
   * only when a new layout is kept. */
  if ((gsize) g_snprintf (buf, sizeof buf, "%p:%s", (gpointer) attrs, text) < sizeof buf)
    key = buf;
  else
    key = long_key = g_strdup_printf ("%p:%s", (gpointer) attrs, text);
  if (self->layouts[column] == NULL)
    self->layouts[column] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   g_object_unref);
  layout = g_hash_table_lookup (self->layouts[column], key);
  if (layout != NULL)
    return layout;
  if (g_hash_table_size (self->layouts[column]) >= MAX_SHARED)
    g_hash_table_remove_all (self->layouts[column]);
  layout = gtk_widget_create_pango_layout (widget, text);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_attributes (layout, attrs);
  g_hash_table_insert (self->layouts[column], g_strdup (key), layout);
  return layout;
}

static void
drop_layouts (GwLedgerColumns *self)
{
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    g_clear_pointer (&self->layouts[c], g_hash_table_unref);
}

guint
gw_ledger_columns_get_font_serial (GwLedgerColumns *self)
{
  g_return_val_if_fail (GW_IS_LEDGER_COLUMNS (self), 0);
  return self->font_serial;
}

const GwLedgerPalette *
gw_ledger_columns_get_palette (GwLedgerColumns *self)
{
  g_return_val_if_fail (GW_IS_LEDGER_COLUMNS (self), NULL);
  return &self->palette;
}

/* The colour and the background of a style class, through a hidden label
 * under @parent: a single background colour, or none (then @bg is kept). */
static void
read_class (GtkWidget  *parent,
            const char *class1,
            const char *class2,
            GdkRGBA    *fg,
            GdkRGBA    *bg)
{
  GtkWidget *proto = gtk_label_new (NULL);
  GtkStyleContext *context;

  gtk_widget_add_css_class (proto, class1);
  if (class2 != NULL)
    gtk_widget_add_css_class (proto, class2);
  gtk_widget_set_visible (proto, FALSE);
  gtk_widget_set_parent (proto, parent);
  context = gtk_widget_get_style_context (proto);
  gtk_style_context_get_color (context, fg);
  if (bg != NULL)
    gw_style_background_color (context, bg);
  gtk_widget_unparent (proto);
}

void
gw_ledger_columns_read_palette (GwLedgerColumns *self,
                                GtkWidget       *widget)
{
  static const char *level_classes[GW_N_LEVELS] = {
    [GW_LEVEL_I] = "level-1", [GW_LEVEL_II] = "level-2",
    [GW_LEVEL_III] = "level-3", [GW_LEVEL_IV] = "level-4",
  };
  static const char *tone_classes[GW_LEDGER_N_TONES] = {
    [GW_LEDGER_TONE_OVERDUE] = "overdue",
    [GW_LEDGER_TONE_DUE_SOON] = "due-soon",
    [GW_LEDGER_TONE_VERIFICATION_OVERDUE] = "verification-overdue",
  };
  GwLedgerPalette palette = { 0 }, *p = &palette;
  const PangoFontDescription *font;

  g_return_if_fail (GW_IS_LEDGER_COLUMNS (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &p->fg);
  for (guint l = 0; l < GW_N_LEVELS; l++)
    {
      p->level_fg[l] = p->fg;
      p->level_bg[l] = (GdkRGBA) { 0, 0, 0, 0 };
      if (level_classes[l] != NULL)
        read_class (widget, level_classes[l], NULL, &p->level_fg[l], &p->level_bg[l]);
    }
  for (guint s = 0; s < GW_N_STATES; s++)
    {
      p->state_bg[s] = (GdkRGBA) { p->fg.red, p->fg.green, p->fg.blue, p->fg.alpha * 0.12f };
      read_class (widget, "state-chip", gw_state_to_id (s), &p->state_fg[s], &p->state_bg[s]);
    }
  for (guint t = 0; t < GW_LEDGER_N_TONES; t++)
    {
      p->tone[t] = p->fg;
      if (tone_classes[t] != NULL)
        read_class (widget, tone_classes[t], NULL, &p->tone[t], NULL);
    }
  p->tone[GW_LEDGER_TONE_DIM].alpha *= 0.6f;

  /* The style changes with the window's focus, say: nothing to do unless
   * the colours or the font did. */
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (memcmp (p, &self->palette, sizeof palette) == 0 && self->font != NULL
      && pango_font_description_equal (font, self->font))
    return;
  self->palette = palette;
  if (self->font == NULL || !pango_font_description_equal (font, self->font))
    {
      g_clear_pointer (&self->font, pango_font_description_free);
      self->font = pango_font_description_copy (font);
      self->font_serial++;
      drop_layouts (self);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
gw_ledger_columns_finalize (GObject *object)
{
  drop_layouts (GW_LEDGER_COLUMNS (object));
  g_clear_pointer (&GW_LEDGER_COLUMNS (object)->font, pango_font_description_free);
  G_OBJECT_CLASS (gw_ledger_columns_parent_class)->finalize (object);
}

static void
gw_ledger_columns_class_init (GwLedgerColumnsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gw_ledger_columns_finalize;
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gw_ledger_columns_init (GwLedgerColumns *self)
{
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    self->widths[c] = columns[c].width;
  /* Until the style is read: black text on the light theme's chips. */
  self->palette.fg = (GdkRGBA) { 0, 0, 0, 0.8f };
  for (guint t = 0; t < GW_LEDGER_N_TONES; t++)
    self->palette.tone[t] = self->palette.fg;
  for (guint l = 0; l < GW_N_LEVELS; l++)
    self->palette.level_fg[l] = self->palette.fg;
  for (guint s = 0; s < GW_N_STATES; s++)
    self->palette.state_fg[s] = self->palette.fg;
}

GwLedgerColumns *
gw_ledger_columns_new (void)
{
  return g_object_new (GW_TYPE_LEDGER_COLUMNS, NULL);
}
