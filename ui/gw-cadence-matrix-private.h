/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-cadence-matrix.h"

G_BEGIN_DECLS

/* Layout, left to right: the grid names (frozen), the dekad cells and the
 * patrol counts per month (scrolling), the compliance per grid (frozen). Top to
 * bottom: two header rows (month, dekad), the county and grid rows
 * (scrolling), the compliance per dekad (frozen).
 *
 * Cells are coloured by the style classes .cadence-done, .cadence-missed,
 * .cadence-due and .cadence-not-yet-due of style.css, read from four hidden
 * prototype labels, and always carry a symbol too, so that the matrix reads
 * without colour. */

#define NAME_INDENT 18
#define CELL_PAD    1

typedef struct {
  int text_h;
  int row_h;
  int header_h;
  int footer_h;
  int name_w;
  int right_w;
  int dekad_min;   /* the narrowest a dekad column gets */
  int dekad_w;     /* as laid out: wider when the widget has room */
  int patrol_w;
  int gap;
} Metrics;

typedef struct {
  const char *name;       /* borrowed from the first of its rows */
  guint       n_grids;
  guint      *done;       /* per dekad */
  guint      *counted;
  guint      *due;        /* grids whose running dekad has no record yet */
  guint       done_total;
  guint       counted_total;
  guint      *patrols;    /* per month */
} County;

struct _GwCadenceMatrix
{
  GtkWidget         parent_instance;

  const GwCadence  *cadence;         /* borrowed */
  GArray           *display;         /* gint: a grid row (>= 0) or a county -(k + 1) */
  guint            *grid_pos;        /* the display position of each grid row */
  GArray           *counties;        /* County */
  guint            *patrol_totals;   /* per month */
  guint            *due_per_dekad;   /* grids still due in the running dekad */
  guint             done_total;
  guint             counted_total;
  int               today_dekad;     /* the dekad of the as-of date, or -1 */

  GtkAdjustment    *hadjustment;
  GtkAdjustment    *vadjustment;
  guint             hscroll_policy : 1;
  guint             vscroll_policy : 1;

  GtkWidget        *protos[4];       /* one per GwCadenceStatus, for the CSS colours */
  GHashTable       *text_cache;      /* style + text → PangoLayout */
  PangoLayout      *numbers[4][2][101]; /* style, percent?, 0–100: the hot figures */
  GHashTable       *name_cache;      /* display position → PangoLayout */
  Metrics           m;
  gboolean          metrics_valid;

  int               hover;           /* display position under the pointer, or -1 */
  int               cursor_pos;      /* the keyboard cursor's display position, or -1 */
  guint             cursor_col;      /* its column: dekads, then months */
};

typedef enum {
  TEXT_NORMAL = 'n',
  TEXT_SMALL = 's',
  TEXT_BOLD = 'b',
  TEXT_DIM = 'd',        /* small, for secondary figures */
} TextStyle;

/* g_date_time_format () strings of the month headings, translated. */
#define MONTH_FORMAT  gw_cadence_matrix_month_format (FALSE)
#define MONTH_SHORT   gw_cadence_matrix_month_format (TRUE)

extern const char *const gw_cadence_status_symbols[];

static inline guint
n_dekads (GwCadenceMatrix *self)
{
  return self->cadence ? self->cadence->dekads->len : 0;
}

static inline guint
n_months (GwCadenceMatrix *self)
{
  return self->cadence ? self->cadence->n_months : 0;
}

static inline guint
n_columns (GwCadenceMatrix *self)
{
  return n_dekads (self) + n_months (self);
}

static inline guint
n_display (GwCadenceMatrix *self)
{
  return self->display ? self->display->len : 0;
}

static inline int
display_at (GwCadenceMatrix *self,
            guint            pos)
{
  return g_array_index (self->display, int, pos);
}

/* gw-cadence-matrix-draw.c */
void         gw_cadence_matrix_draw              (GwCadenceMatrix *self,
                                                  GtkSnapshot     *snapshot);
void         gw_cadence_matrix_ensure_metrics    (GwCadenceMatrix *self);
void         gw_cadence_matrix_clear_text_caches (GwCadenceMatrix *self);
void         gw_cadence_matrix_configure_adjustments (GwCadenceMatrix *self);
int          gw_cadence_matrix_scroll_width      (GwCadenceMatrix *self);
int          gw_cadence_matrix_right_x           (GwCadenceMatrix *self);
int          gw_cadence_matrix_body_height       (GwCadenceMatrix *self);
/* A scroll-area column (dekads, then months): its x in content coordinates
 * and width; the column at content x, or -1. */
int          gw_cadence_matrix_column_x          (GwCadenceMatrix *self,
                                                  guint            col,
                                                  int             *width);
int          gw_cadence_matrix_column_at         (GwCadenceMatrix *self,
                                                  double           sx);
double       gw_cadence_matrix_adj_value         (GtkAdjustment   *adj);
const char  *gw_cadence_matrix_month_format      (gboolean         abbreviated);
char        *gw_cadence_matrix_month_text        (guint16          year,
                                                  guint8           month,
                                                  const char      *format);

G_END_DECLS
