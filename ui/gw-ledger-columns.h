/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-query.h"
#include "gw-types.h"

G_BEGIN_DECLS

/* The ledger's columns, shared by its header and its rows: their titles,
 * the SQL sort of each, their widths (the header resizes them) and where
 * they lie in a row of a given width, and the colours the rows paint with,
 * read from the style classes of resources/style.css. */

typedef enum {
  GW_LEDGER_COL_NUMBER,
  GW_LEDGER_COL_TITLE,
  GW_LEDGER_COL_COUNTY,
  GW_LEDGER_COL_GRID,
  GW_LEDGER_COL_LEVEL,
  GW_LEDGER_COL_URGENCY,
  GW_LEDGER_COL_STATE,
  GW_LEDGER_COL_MEASURE,
  GW_LEDGER_COL_RESPONSIBLE,
  GW_LEDGER_COL_DEADLINE,
  GW_LEDGER_COL_FOUND,
  GW_LEDGER_N_COLUMNS
} GwLedgerColumn;

/* What a deadline cell says of its hazard; its style class in style.css. */
typedef enum {
  GW_LEDGER_TONE_PLAIN,
  GW_LEDGER_TONE_OVERDUE,              /* .overdue: red, bold, with the alarm icon */
  GW_LEDGER_TONE_DUE_SOON,             /* .due-soon */
  GW_LEDGER_TONE_VERIFICATION_OVERDUE, /* .verification-overdue: italic */
  GW_LEDGER_TONE_DIM,                  /* closed, or not counted: dimmed */
  GW_LEDGER_N_TONES
} GwLedgerTone;

typedef struct {
  GdkRGBA fg;                          /* of the ledger's text */
  GdkRGBA level_bg[GW_N_LEVELS];       /* .level-1 … .level-4; [GW_LEVEL_NONE] unused */
  GdkRGBA level_fg[GW_N_LEVELS];
  GdkRGBA state_bg[GW_N_STATES];       /* .state-chip.reported … */
  GdkRGBA state_fg[GW_N_STATES];
  GdkRGBA tone[GW_LEDGER_N_TONES];     /* [PLAIN] and [DIM] follow fg */
} GwLedgerPalette;

#define GW_TYPE_LEDGER_COLUMNS (gw_ledger_columns_get_type ())
G_DECLARE_FINAL_TYPE (GwLedgerColumns, gw_ledger_columns, GW, LEDGER_COLUMNS, GObject)

/* "changed": a width or the palette changed; rows lay out and paint again. */
GwLedgerColumns       *gw_ledger_columns_new           (void);

const char            *gw_ledger_columns_title         (GwLedgerColumn   column);
GwSortKey              gw_ledger_columns_sort_key      (GwLedgerColumn   column);
/* Whether a column shows numbers and dates, in tabular figures. */
gboolean               gw_ledger_columns_numeric       (GwLedgerColumn   column);

int                    gw_ledger_columns_get_width     (GwLedgerColumns *self,
                                                        GwLedgerColumn   column);
/* Kept between 40 and 4,000 px. */
void                   gw_ledger_columns_set_width     (GwLedgerColumns *self,
                                                        GwLedgerColumn   column,
                                                        int              width);
/* The width of all columns at their set widths. */
int                    gw_ledger_columns_get_total     (GwLedgerColumns *self);
/* The left edges of the columns in a row @width wide, and x[N] its right
 * end: the title column takes what is left over. */
void                   gw_ledger_columns_get_edges     (GwLedgerColumns *self,
                                                        int              width,
                                                        int              x[GW_LEDGER_N_COLUMNS + 1]);

/* A laid out @text for @column, shared by every row that shows it: the
 * county, grid, level, state… repeat from row to row, and laying text out
 * is most of what binding a row costs. @attrs keys the layout with @text.
 * The layouts are dropped when the style changes. */
PangoLayout           *gw_ledger_columns_lookup_layout (GwLedgerColumns *self,
                                                        GtkWidget       *widget,
                                                        GwLedgerColumn   column,
                                                        const char      *text,
                                                        PangoAttrList   *attrs);
/* Whether a column's texts repeat enough to share their layouts. */
gboolean               gw_ledger_columns_shared        (GwLedgerColumn   column);

const GwLedgerPalette *gw_ledger_columns_get_palette   (GwLedgerColumns *self);
/* Changes when the style's font does: rows measure their lines again. */
guint                  gw_ledger_columns_get_font_serial (GwLedgerColumns *self);
/* Reads the colours from the style of @widget's display (@widget must be
 * rooted): call when the style changes (dark mode, high contrast). */
void                   gw_ledger_columns_read_palette  (GwLedgerColumns *self,
                                                        GtkWidget       *widget);

G_END_DECLS
