/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-ledger"

#include "config.h"

#include <glib/gi18n.h>

#include "gw-ledger-header.h"

#define EDGE_GRAB 5    /* px either side of a column's right edge that resize it */

struct _GwLedgerHeader
{
  GtkWidget        parent_instance;

  GwLedgerColumns *columns;
  GtkScrolledWindow *scrolled;       /* of the rows */
  GtkAdjustment   *hadjustment;
  GtkWidget       *buttons[GW_LEDGER_N_COLUMNS];
  GtkWidget       *arrows[GW_LEDGER_N_COLUMNS];
  int              sort_column;      /* -1: none */
  gboolean         descending;
  int              resizing;         /* the column being resized, or -1 */
  int              resize_start;     /* its width when the drag began */
  guint            palette_idle;
  guint            beside_idle;
  int              beside;           /* beside_rows () when last allocated */
  GSettings       *settings;
};

G_DEFINE_FINAL_TYPE (GwLedgerHeader, gw_ledger_header, GTK_TYPE_WIDGET)

enum {
  SORT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
scroll_offset (GwLedgerHeader *self)
{
  return self->hadjustment != NULL ? (int) gtk_adjustment_get_value (self->hadjustment) : 0;
}

/* What the rows' scrolled window keeps beside them: a vertical scrollbar
 * and its border where scrollbars are not laid over the content
 * (gtk-overlay-scrolling off). The rows are that much narrower than the
 * header, which is as wide as the scrolled window. */
static int
beside_rows (GwLedgerHeader *self)
{
  GtkWidget *rows;

  if (self->scrolled == NULL || (rows = gtk_scrolled_window_get_child (self->scrolled)) == NULL)
    return 0;
  return MAX (0, gtk_widget_get_width (GTK_WIDGET (self->scrolled)) - gtk_widget_get_width (rows));
}

/* The edges of the columns as the rows lay them out: the rows are as wide
 * as the view, or as all the columns when those are wider. */
static void
edges (GwLedgerHeader *self,
       int             x[GW_LEDGER_N_COLUMNS + 1])
{
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - self->beside,
                   gw_ledger_columns_get_total (self->columns));

  gw_ledger_columns_get_edges (self->columns, width, x);
}

static void
update_arrows (GwLedgerHeader *self)
{
  for (int c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    {
      gboolean sorted = c == self->sort_column;

      gtk_widget_set_visible (self->arrows[c], sorted);
      if (sorted)
        gtk_image_set_from_icon_name (GTK_IMAGE (self->arrows[c]),
                                      self->descending ? "pan-down-symbolic" : "pan-up-symbolic");
    }
}

void
gw_ledger_header_set_sort (GwLedgerHeader *self,
                           int             column,
                           gboolean        descending)
{
  g_return_if_fail (GW_IS_LEDGER_HEADER (self));
  g_return_if_fail (column >= -1 && column < GW_LEDGER_N_COLUMNS);

  if (column == -1)
    descending = FALSE;
  if (column == self->sort_column && descending == self->descending)
    return;
  self->sort_column = column;
  self->descending = descending;
  update_arrows (self);
  g_signal_emit (self, signals[SORT_CHANGED], 0);
}

int
gw_ledger_header_get_sort (GwLedgerHeader *self,
                           gboolean       *descending)
{
  g_return_val_if_fail (GW_IS_LEDGER_HEADER (self), -1);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort_column;
}

GtkButton *
gw_ledger_header_get_button (GwLedgerHeader *self,
                             GwLedgerColumn  column)
{
  g_return_val_if_fail (GW_IS_LEDGER_HEADER (self), NULL);
  g_return_val_if_fail (column < GW_LEDGER_N_COLUMNS, NULL);
  return GTK_BUTTON (self->buttons[column]);
}

GwLedgerColumns *
gw_ledger_header_get_columns (GwLedgerHeader *self)
{
  g_return_val_if_fail (GW_IS_LEDGER_HEADER (self), NULL);
  return self->columns;
}

/* Ascending, descending, then back to the ledger's own order. */
static void
button_clicked_cb (GtkButton      *button,
                   GwLedgerHeader *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "gw-column"));

  if (column != self->sort_column)
    gw_ledger_header_set_sort (self, column, FALSE);
  else if (!self->descending)
    gw_ledger_header_set_sort (self, column, TRUE);
  else
    gw_ledger_header_set_sort (self, -1, FALSE);
}

/* ---- resizing ------------------------------------------------------------------- */

/* The column whose right edge lies under @px, or -1. */
static int
edge_at (GwLedgerHeader *self,
         double          px)
{
  int x[GW_LEDGER_N_COLUMNS + 1];
  double at = px + scroll_offset (self);

  edges (self, x);
  for (int c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    if (ABS (at - x[c + 1]) <= EDGE_GRAB)
      return c;
  return -1;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          px,
               double          py,
               GwLedgerHeader *self)
{
  int column = edge_at (self, px);
  int x[GW_LEDGER_N_COLUMNS + 1];

  if (column < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* From the width drawn: the title column's takes what is spare besides
   * its own, and a drag from there widens it at once. */
  edges (self, x);
  self->resizing = column;
  self->resize_start = x[column + 1] - x[column];
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                GwLedgerHeader *self)
{
  if (self->resizing >= 0)
    gw_ledger_columns_set_width (self->columns, self->resizing, self->resize_start + (int) dx);
}

/* The widths as the user left them, for the next start. */
static void
save_widths (GwLedgerHeader *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("ai"));
  for (int c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    g_variant_builder_add (&builder, "i", gw_ledger_columns_get_width (self->columns, c));
  g_settings_set_value (self->settings, "ledger-column-widths", g_variant_builder_end (&builder));
}

static void
load_widths (GwLedgerHeader *self)
{
  g_autoptr(GVariant) widths = g_settings_get_value (self->settings, "ledger-column-widths");
  gsize n = 0;
  const gint32 *w = g_variant_get_fixed_array (widths, &n, sizeof (gint32));

  if (n != GW_LEDGER_N_COLUMNS)
    return;
  for (int c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    gw_ledger_columns_set_width (self->columns, c, w[c]);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             GwLedgerHeader *self)
{
  if (self->resizing >= 0)
    save_widths (self);
  self->resizing = -1;
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    px,
           double                    py,
           GwLedgerHeader           *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   self->resizing >= 0 || edge_at (self, px) >= 0 ? "col-resize"
                                                                                   : NULL);
}

/* ---- layout ----------------------------------------------------------------------- */

static void
gw_ledger_header_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GwLedgerHeader *self = GW_LEDGER_HEADER (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the window likes: it scrolls with the rows. */
      *natural = gw_ledger_columns_get_total (self->columns);
      return;
    }
  for (int c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    {
      int min, nat;

      gtk_widget_measure (self->buttons[c], orientation, -1, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static void
gw_ledger_header_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GwLedgerHeader *self = GW_LEDGER_HEADER (widget);
  int x[GW_LEDGER_N_COLUMNS + 1];
  int offset = scroll_offset (self);

  self->beside = beside_rows (self);
  edges (self, x);
  for (int c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    {
      int min;

      /* A button is measured before it is allocated, however narrow. */
      gtk_widget_measure (self->buttons[c], GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL,
                          NULL);
      gtk_widget_size_allocate (self->buttons[c],
                                &(GtkAllocation) { x[c] - offset, 0,
                                                   MAX (x[c + 1] - x[c], min), height },
                                -1);
    }
}

/* ---- the rows' palette ------------------------------------------------------------ */

static gboolean
read_palette_cb (gpointer data)
{
  GwLedgerHeader *self = data;

  self->palette_idle = 0;
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gw_ledger_columns_read_palette (self->columns, GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Read outside the style's own update, before the next frame is painted. */
static void
queue_palette (GwLedgerHeader *self)
{
  if (self->palette_idle == 0)
    self->palette_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, read_palette_cb, self, NULL);
}

static void
gw_ledger_header_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (gw_ledger_header_parent_class)->css_changed (widget, change);
  queue_palette (GW_LEDGER_HEADER (widget));
}

static void
gw_ledger_header_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (gw_ledger_header_parent_class)->root (widget);
  queue_palette (GW_LEDGER_HEADER (widget));
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
set_hadjustment (GwLedgerHeader *self,
                 GtkAdjustment  *adjustment)
{
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  g_set_object (&self->hadjustment, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_allocate),
                              self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
beside_idle_cb (gpointer data)
{
  GwLedgerHeader *self = data;

  self->beside_idle = 0;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The rows were laid out after the header: when a scrollbar came or went
 * beside them, the header follows on the next frame. */
static void
rows_resized_cb (GwLedgerHeader *self)
{
  if (beside_rows (self) != self->beside && self->beside_idle == 0)
    self->beside_idle = g_idle_add (beside_idle_cb, self);
}

void
gw_ledger_header_set_scrolled_window (GwLedgerHeader    *self,
                                      GtkScrolledWindow *scrolled)
{
  g_return_if_fail (GW_IS_LEDGER_HEADER (self));
  g_return_if_fail (scrolled == NULL || GTK_IS_SCROLLED_WINDOW (scrolled));

  if (self->scrolled != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->scrolled, self);
    }
  g_set_object (&self->scrolled, scrolled);
  set_hadjustment (self, scrolled != NULL ? gtk_scrolled_window_get_hadjustment (scrolled) : NULL);
  if (scrolled != NULL)
    {
      g_signal_connect_swapped (scrolled, "notify::overlay-scrolling",
                                G_CALLBACK (gtk_widget_queue_allocate), self);
      /* The rows' view changes width when a scrollbar beside them comes or
       * goes: the page of its horizontal adjustment tells. */
      g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (scrolled), "changed",
                                G_CALLBACK (rows_resized_cb), self);
    }
}

static void
gw_ledger_header_dispose (GObject *object)
{
  GwLedgerHeader *self = GW_LEDGER_HEADER (object);

  g_clear_handle_id (&self->palette_idle, g_source_remove);
  g_clear_handle_id (&self->beside_idle, g_source_remove);
  gw_ledger_header_set_scrolled_window (self, NULL);
  for (int c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    g_clear_pointer (&self->buttons[c], gtk_widget_unparent);
  if (self->columns != NULL)
    g_signal_handlers_disconnect_by_data (self->columns, self);
  g_clear_object (&self->columns);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gw_ledger_header_parent_class)->dispose (object);
}

static void
gw_ledger_header_class_init (GwLedgerHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_ledger_header_dispose;
  widget_class->measure = gw_ledger_header_measure;
  widget_class->size_allocate = gw_ledger_header_size_allocate;
  widget_class->css_changed = gw_ledger_header_css_changed;
  widget_class->root = gw_ledger_header_root;

  signals[SORT_CHANGED] =
    g_signal_new ("sort-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "ledger-header");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

static void
gw_ledger_header_init (GwLedgerHeader *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->columns = gw_ledger_columns_new ();
  self->settings = g_settings_new (BASE_ID);
  load_widths (self);
  self->sort_column = -1;
  self->resizing = -1;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  for (int c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (gw_ledger_columns_title (c));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      self->arrows[c] = gtk_image_new ();
      gtk_widget_set_visible (self->arrows[c], FALSE);
      gtk_box_append (GTK_BOX (box), self->arrows[c]);

      self->buttons[c] = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (self->buttons[c]), box);
      gtk_widget_add_css_class (self->buttons[c], "flat");
      gtk_widget_set_tooltip_text (self->buttons[c], _("Sort by this column; again to reverse, a third time for the newest first"));
      g_object_set_data (G_OBJECT (self->buttons[c]), "gw-column", GINT_TO_POINTER (c));
      g_signal_connect (self->buttons[c], "clicked", G_CALLBACK (button_clicked_cb), self);
      gtk_widget_set_parent (self->buttons[c], GTK_WIDGET (self));
    }

  g_signal_connect_swapped (self->columns, "changed", G_CALLBACK (gtk_widget_queue_resize), self);

  /* Before the buttons see the press: only on an edge. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
gw_ledger_header_new (void)
{
  return g_object_new (GW_TYPE_LEDGER_HEADER, NULL);
}
