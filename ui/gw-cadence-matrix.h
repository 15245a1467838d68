/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-cadence.h"

G_BEGIN_DECLS

/* What lies under a point of the matrix. */
typedef enum {
  GW_MATRIX_HIT_NONE,
  GW_MATRIX_HIT_DEKAD,     /* a grid's ten-day analysis cell; index: the dekad */
  GW_MATRIX_HIT_PATROLS,   /* a grid's patrol count; index: the month of the period */
  GW_MATRIX_HIT_GRID,      /* a grid's name or compliance */
  GW_MATRIX_HIT_COUNTY,    /* a county's header row */
  GW_MATRIX_HIT_FOOTER,    /* the compliance of a dekad; index: the dekad */
} GwMatrixHit;

#define GW_TYPE_CADENCE_MATRIX (gw_cadence_matrix_get_type ())
G_DECLARE_FINAL_TYPE (GwCadenceMatrix, gw_cadence_matrix, GW, CADENCE_MATRIX, GtkWidget)

/* The grid × dekad matrix, drawn rather than built from widgets so that
 * 2,000 grids × 36 dekads stay smooth: only the visible rows and columns are
 * drawn. It is a GtkScrollable; put it in a GtkScrolledWindow. The header,
 * footer, grid names and compliance column stay in place while it scrolls.
 *
 * Signals: "cell-activated" (guint row, guint dekad) and
 * "patrols-activated" (guint row, guint month), rows indexing cadence->rows. */
GtkWidget       *gw_cadence_matrix_new         (void);

/* @cadence is borrowed: keep it alive until another one (or NULL) is set. */
void             gw_cadence_matrix_set_cadence (GwCadenceMatrix  *self,
                                                const GwCadence  *cadence);
guint            gw_cadence_matrix_get_n_grids (GwCadenceMatrix  *self);

GwMatrixHit      gw_cadence_matrix_hit         (GwCadenceMatrix  *self,
                                                double            x,
                                                double            y,
                                                guint            *row,
                                                guint            *index);
/* Scrolls the cell into view and gives its centre in widget coordinates. */
gboolean         gw_cadence_matrix_cell_point  (GwCadenceMatrix  *self,
                                                guint             row,
                                                GwMatrixHit       kind,
                                                guint             index,
                                                double           *x,
                                                double           *y);
/* What a click at (@x, @y) does; FALSE when nothing is there to activate. */
gboolean         gw_cadence_matrix_activate_at (GwCadenceMatrix  *self,
                                                double            x,
                                                double            y);

G_END_DECLS
