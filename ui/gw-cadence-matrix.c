/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-cadence-matrix"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-cadence-matrix-private.h"

static void gw_cadence_matrix_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GwCadenceMatrix, gw_cadence_matrix, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      gw_cadence_matrix_scrollable_init))

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  CELL_ACTIVATED,
  PATROLS_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const status_classes[] = {
  "cadence-done", "cadence-missed", "cadence-due", "cadence-not-yet-due",
};

/* ---- data ------------------------------------------------------------------- */

static void
county_clear (County *c)
{
  g_free (c->done);
  g_free (c->counted);
  g_free (c->due);
  g_free (c->patrols);
}

static void
clear_data (GwCadenceMatrix *self)
{
  g_clear_pointer (&self->display, g_array_unref);
  g_clear_pointer (&self->counties, g_array_unref);
  g_clear_pointer (&self->grid_pos, g_free);
  g_clear_pointer (&self->patrol_totals, g_free);
  g_clear_pointer (&self->due_per_dekad, g_free);
  self->done_total = self->counted_total = 0;
  self->today_dekad = -1;
  self->hover = self->cursor_pos = -1;
  self->cursor_col = 0;
}

/* County header rows and their sums, the totals of the footer. */
static void
build_display (GwCadenceMatrix *self)
{
  const GwCadence *c = self->cadence;
  guint nd = n_dekads (self), nm = n_months (self);
  County *county = NULL;
  gint64 county_id = G_MININT64;
  GDate as_of;

  self->display = g_array_sized_new (FALSE, FALSE, sizeof (int), c->rows->len + 64);
  self->counties = g_array_new (FALSE, TRUE, sizeof (County));
  g_array_set_clear_func (self->counties, (GDestroyNotify) county_clear);
  self->grid_pos = g_new0 (guint, c->rows->len);
  self->patrol_totals = g_new0 (guint, MAX (nm, 1));
  self->due_per_dekad = g_new0 (guint, MAX (nd, 1));

  for (guint r = 0; r < c->rows->len; r++)
    {
      GwCadenceRow *row = c->rows->pdata[r];
      int mark;

      if (row->county_id != county_id)
        {
          County empty = { 0 };

          county_id = row->county_id;
          empty.name = row->county_name;
          empty.done = g_new0 (guint, MAX (nd, 1));
          empty.counted = g_new0 (guint, MAX (nd, 1));
          empty.due = g_new0 (guint, MAX (nd, 1));
          empty.patrols = g_new0 (guint, MAX (nm, 1));
          g_array_append_val (self->counties, empty);
          county = &g_array_index (self->counties, County, self->counties->len - 1);
          mark = -(int) self->counties->len;
          g_array_append_val (self->display, mark);
        }
      county->n_grids++;
      for (guint i = 0; i < nd; i++)
        {
          gboolean done = row->cells[i] == GW_CADENCE_DONE;
          gboolean counted = done || row->cells[i] == GW_CADENCE_MISSED;

          county->done[i] += done;
          county->counted[i] += counted;
          county->due[i] += row->cells[i] == GW_CADENCE_DUE;
          self->due_per_dekad[i] += row->cells[i] == GW_CADENCE_DUE;
        }
      county->done_total += row->done;
      county->counted_total += row->done + row->missed;
      for (guint m = 0; m < nm; m++)
        {
          county->patrols[m] += row->patrols[m];
          self->patrol_totals[m] += row->patrols[m];
        }
      self->done_total += row->done;
      self->counted_total += row->done + row->missed;
      self->grid_pos[r] = self->display->len;
      mark = (int) r;
      g_array_append_val (self->display, mark);
    }

  if (gw_date_parse (c->as_of, &as_of))
    {
      GwDekad today = gw_dekad_of (&as_of);

      for (guint i = 0; i < nd; i++)
        if (gw_dekad_compare (g_array_index (c->dekads, GwDekad, i), today) == 0)
          self->today_dekad = (int) i;
    }
}

/* ---- interaction -------------------------------------------------------------- */

static int
position_at (GwCadenceMatrix *self,
             double           y)
{
  double cy;

  if (y < self->m.header_h || y >= gtk_widget_get_height (GTK_WIDGET (self)) - self->m.footer_h)
    return -1;
  cy = y - self->m.header_h + gw_cadence_matrix_adj_value (self->vadjustment);
  if (cy < 0 || cy >= n_display (self) * self->m.row_h)
    return -1;
  return (int) (cy / self->m.row_h);
}

static void
scroll_to_position (GwCadenceMatrix *self,
                    guint            pos,
                    int              col)
{
  gw_cadence_matrix_ensure_metrics (self);
  gw_cadence_matrix_configure_adjustments (self);
  if (self->vadjustment)
    {
      double top = pos * self->m.row_h;
      double page = gtk_adjustment_get_page_size (self->vadjustment);
      double value = gw_cadence_matrix_adj_value (self->vadjustment);

      if (top < value)
        gtk_adjustment_set_value (self->vadjustment, top);
      else if (top + self->m.row_h > value + page)
        gtk_adjustment_set_value (self->vadjustment, top + self->m.row_h - page);
    }
  if (self->hadjustment && col >= 0)
    {
      int w, left = gw_cadence_matrix_column_x (self, col, &w);
      double page = gtk_adjustment_get_page_size (self->hadjustment);
      double value = gw_cadence_matrix_adj_value (self->hadjustment);

      if (left < value)
        gtk_adjustment_set_value (self->hadjustment, left);
      else if (left + w > value + page)
        gtk_adjustment_set_value (self->hadjustment, left + w - page);
    }
}

static void
move_cursor (GwCadenceMatrix *self,
             int              d_rows,
             int              d_cols)
{
  int pos = self->cursor_pos < 0 ? 0 : self->cursor_pos;
  int step = d_rows < 0 ? -1 : 1;
  int col;

  if (n_display (self) == 0 || n_columns (self) == 0)
    return;
  /* Moves over grid rows only: county rows have nothing to open. */
  for (int moved = 0; moved < ABS (d_rows); )
    {
      int next = pos + step;

      if (next < 0 || next >= (int) n_display (self))
        break;
      pos = next;
      if (display_at (self, pos) >= 0)
        moved++;
    }
  while (display_at (self, pos) < 0 && pos + 1 < (int) n_display (self))
    pos++;
  col = CLAMP ((int) self->cursor_col + d_cols, 0, (int) n_columns (self) - 1);
  self->cursor_pos = pos;
  self->cursor_col = col;
  scroll_to_position (self, pos, col);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_cell (GwCadenceMatrix *self,
               guint            pos,
               guint            col)
{
  int id = display_at (self, pos);

  if (id < 0)
    return;
  if (col < n_dekads (self))
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, (guint) id, col);
  else
    g_signal_emit (self, signals[PATROLS_ACTIVATED], 0, (guint) id, col - n_dekads (self));
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GwCadenceMatrix *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 1)
    gw_cadence_matrix_activate_at (self, x, y);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           GwCadenceMatrix          *self)
{
  int pos = position_at (self, y);

  if (pos != self->hover)
    {
      self->hover = pos;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *motion,
          GwCadenceMatrix          *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GwCadenceMatrix       *self)
{
  int page = MAX (1, gw_cadence_matrix_body_height (self) / MAX (1, self->m.row_h) - 1);

  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up:         move_cursor (self, -1, 0); return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:     move_cursor (self, 1, 0); return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:     move_cursor (self, 0, -1); return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:   move_cursor (self, 0, 1); return TRUE;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:     move_cursor (self, -page, 0); return TRUE;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down: move_cursor (self, page, 0); return TRUE;
    case GDK_KEY_Home:  move_cursor (self, -(int) n_display (self), 0); return TRUE;
    case GDK_KEY_End:   move_cursor (self, n_display (self), 0); return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_space:
      if (self->cursor_pos >= 0)
        activate_cell (self, self->cursor_pos, self->cursor_col);
      return self->cursor_pos >= 0;
    default:
      return FALSE;
    }
}

static char *
cell_tooltip (GwCadenceMatrix *self,
              GwCadenceRow    *row,
              guint            dekad)
{
  g_autofree char *label = gw_dekad_to_label (g_array_index (self->cadence->dekads, GwDekad,
                                                             dekad));
  const char *status = gw_cadence_status_label (row->cells[dekad]);
  const char *hint = NULL;

  switch (row->cells[dekad])
    {
    case GW_CADENCE_DONE:    hint = _("Click to open the record."); break;
    case GW_CADENCE_MISSED:  hint = _("No ten-day analysis was recorded. Click to record it late."); break;
    case GW_CADENCE_DUE:     hint = _("This dekad is running. Click to record its analysis."); break;
    default:                 hint = _("This dekad has not started yet."); break;
    }
  /* TRANSLATORS: tooltip of a matrix cell: symbol, grid, dekad, status, hint */
  return g_strdup_printf (_("%s %s — %s: %s\n%s"), gw_cadence_status_symbols[row->cells[dekad]],
                          row->grid_name, label, status, hint);
}

static char *
grid_tooltip (GwCadenceMatrix *self,
              GwCadenceRow    *row)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s / %s (%s)\n", row->county_name, row->grid_name,
                          row->grid_code);
  if (row->chief_name)
    /* TRANSLATORS: the grid chief's name and phone */
    g_string_append_printf (text, _("Grid chief: %s %s\n"), row->chief_name,
                            row->chief_phone ? row->chief_phone : "");
  /* TRANSLATORS: dekads done, missed; compliance in percent */
  g_string_append_printf (text, _("%u done, %u missed: %.0f%% compliance"), row->done,
                          row->missed, row->compliance * 100);
  if (row->longest_miss_run > 1)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("Longest run of misses: %u dekad",
                                              "Longest run of misses: %u dekads",
                                              row->longest_miss_run), row->longest_miss_run);
    }
  if (row->extra_records > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%u further analysis in a dekad already done (kept, not counted)",
                                              "%u further analyses in dekads already done (kept, not counted)",
                                              row->extra_records), row->extra_records);
    }
  if (row->overdue > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%lld overdue hazard", "%lld overdue hazards",
                                              row->overdue), (long long) row->overdue);
    }
  return g_string_free (text, FALSE);
}

static gboolean
gw_cadence_matrix_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard,
                                 GtkTooltip *tooltip)
{
  GwCadenceMatrix *self = GW_CADENCE_MATRIX (widget);
  g_autofree char *text = NULL;
  guint row = 0, index = 0;
  GwCadenceRow *r;

  switch (gw_cadence_matrix_hit (self, x, y, &row, &index))
    {
    case GW_MATRIX_HIT_DEKAD:
      text = cell_tooltip (self, self->cadence->rows->pdata[row], index);
      break;
    case GW_MATRIX_HIT_PATROLS:
      {
        GwDekad d = g_array_index (self->cadence->dekads, GwDekad, 0);
        guint k = d.year * 12 + d.month - 1 + index;
        g_autofree char *month = gw_cadence_matrix_month_text (k / 12, k % 12 + 1, MONTH_FORMAT);

        r = self->cadence->rows->pdata[row];
        /* TRANSLATORS: tooltip of a patrol count: grid, month, count */
        text = g_strdup_printf (ngettext ("%s — %s: %u patrol. Click to list or record patrols.",
                                          "%s — %s: %u patrols. Click to list or record patrols.",
                                          r->patrols[index]),
                                r->grid_name, month, r->patrols[index]);
      }
      break;
    case GW_MATRIX_HIT_GRID:
      text = grid_tooltip (self, self->cadence->rows->pdata[row]);
      break;
    case GW_MATRIX_HIT_FOOTER:
      {
        g_autofree char *label = gw_dekad_to_label (g_array_index (self->cadence->dekads,
                                                                   GwDekad, index));
        guint due = self->due_per_dekad[index];

        if (due > 0)
          /* TRANSLATORS: tooltip of the running dekad's figure: dekad, done, all grids */
          text = g_strdup_printf (_("%s is running: %u of %u grids have recorded their analysis so far"),
                                  label, self->cadence->done_per_dekad[index],
                                  self->cadence->counted_per_dekad[index] + due);
        else
          /* TRANSLATORS: tooltip of the compliance of a dekad: dekad, done, counted */
          text = g_strdup_printf (_("%s: %u of %u grids recorded their analysis"), label,
                                  self->cadence->done_per_dekad[index],
                                  self->cadence->counted_per_dekad[index]);
      }
      break;
    case GW_MATRIX_HIT_COUNTY:
    case GW_MATRIX_HIT_NONE:
    default:
      return FALSE;
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- GtkWidget ---------------------------------------------------------------- */

static void
gw_cadence_matrix_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  gw_cadence_matrix_draw (GW_CADENCE_MATRIX (widget), snapshot);
}

static void
gw_cadence_matrix_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GwCadenceMatrix *self = GW_CADENCE_MATRIX (widget);

  gw_cadence_matrix_ensure_metrics (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->m.name_w + self->m.right_w + 4 * self->m.dekad_min;
      *natural = self->m.name_w + self->m.right_w + n_dekads (self) * self->m.dekad_min
                 + (n_months (self) ? self->m.gap + n_months (self) * self->m.patrol_w : 0);
    }
  else
    {
      *minimum = self->m.header_h + self->m.footer_h + 3 * self->m.row_h;
      *natural = self->m.header_h + self->m.footer_h + n_display (self) * self->m.row_h;
    }
  *natural = MAX (*natural, *minimum);
}

static void
gw_cadence_matrix_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  GwCadenceMatrix *self = GW_CADENCE_MATRIX (widget);
  int spare;

  gw_cadence_matrix_ensure_metrics (self);
  /* Room to spare widens the dekad columns, up to half as wide again. */
  spare = width - self->m.name_w - self->m.right_w - self->m.gap
          - n_months (self) * self->m.patrol_w;
  self->m.dekad_w = self->m.dekad_min;
  if (n_dekads (self) > 0)
    self->m.dekad_w = CLAMP (spare / (int) n_dekads (self), self->m.dekad_min,
                             self->m.dekad_min * 3 / 2);
  gw_cadence_matrix_configure_adjustments (self);
}

static void
gw_cadence_matrix_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GwCadenceMatrix *self = GW_CADENCE_MATRIX (widget);

  GTK_WIDGET_CLASS (gw_cadence_matrix_parent_class)->css_changed (widget, change);
  /* Fonts may have changed: every layout and size. */
  gw_cadence_matrix_clear_text_caches (self);
  self->metrics_valid = FALSE;
  gtk_widget_queue_resize (widget);
}

/* ---- GtkScrollable ------------------------------------------------------------ */

static void
adjustment_value_changed_cb (GtkAdjustment   *adjustment,
                             GwCadenceMatrix *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (GwCadenceMatrix  *self,
                GtkAdjustment   **slot,
                GtkAdjustment    *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  if (self->metrics_valid)
    gw_cadence_matrix_configure_adjustments (self);
}

static void
gw_cadence_matrix_scrollable_init (GtkScrollableInterface *iface)
{
}

/* ---- GObject ------------------------------------------------------------------ */

static void
gw_cadence_matrix_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GwCadenceMatrix *self = GW_CADENCE_MATRIX (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_cadence_matrix_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GwCadenceMatrix *self = GW_CADENCE_MATRIX (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_cadence_matrix_dispose (GObject *object)
{
  GwCadenceMatrix *self = GW_CADENCE_MATRIX (object);

  for (guint s = 0; s < G_N_ELEMENTS (self->protos); s++)
    g_clear_pointer (&self->protos[s], gtk_widget_unparent);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  clear_data (self);
  gw_cadence_matrix_clear_text_caches (self);
  self->cadence = NULL;

  G_OBJECT_CLASS (gw_cadence_matrix_parent_class)->dispose (object);
}

static void
gw_cadence_matrix_finalize (GObject *object)
{
  GwCadenceMatrix *self = GW_CADENCE_MATRIX (object);

  g_hash_table_unref (self->text_cache);
  g_hash_table_unref (self->name_cache);

  G_OBJECT_CLASS (gw_cadence_matrix_parent_class)->finalize (object);
}

static void
gw_cadence_matrix_class_init (GwCadenceMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gw_cadence_matrix_get_property;
  object_class->set_property = gw_cadence_matrix_set_property;
  object_class->dispose = gw_cadence_matrix_dispose;
  object_class->finalize = gw_cadence_matrix_finalize;

  widget_class->snapshot = gw_cadence_matrix_snapshot;
  widget_class->measure = gw_cadence_matrix_measure;
  widget_class->size_allocate = gw_cadence_matrix_size_allocate;
  widget_class->css_changed = gw_cadence_matrix_css_changed;
  widget_class->query_tooltip = gw_cadence_matrix_query_tooltip;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[PATROLS_ACTIVATED] =
    g_signal_new ("patrols-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "cadence-matrix");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
gw_cadence_matrix_init (GwCadenceMatrix *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  self->text_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->name_cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->hover = self->cursor_pos = self->today_dekad = -1;

  for (guint s = 0; s < G_N_ELEMENTS (self->protos); s++)
    {
      self->protos[s] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->protos[s], status_classes[s]);
      gtk_widget_set_visible (self->protos[s], FALSE);
      gtk_widget_set_parent (self->protos[s], GTK_WIDGET (self));
    }

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Ten-day analyses by grid and dekad"), -1);
}

/* ---- public API --------------------------------------------------------------- */

GtkWidget *
gw_cadence_matrix_new (void)
{
  return g_object_new (GW_TYPE_CADENCE_MATRIX, NULL);
}

void
gw_cadence_matrix_set_cadence (GwCadenceMatrix *self,
                               const GwCadence *cadence)
{
  g_return_if_fail (GW_IS_CADENCE_MATRIX (self));

  clear_data (self);
  gw_cadence_matrix_clear_text_caches (self);
  self->cadence = cadence;
  if (cadence != NULL)
    build_display (self);
  self->metrics_valid = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
gw_cadence_matrix_get_n_grids (GwCadenceMatrix *self)
{
  g_return_val_if_fail (GW_IS_CADENCE_MATRIX (self), 0);
  return self->cadence ? self->cadence->rows->len : 0;
}

GwMatrixHit
gw_cadence_matrix_hit (GwCadenceMatrix *self,
                       double           x,
                       double           y,
                       guint           *row,
                       guint           *index)
{
  int height, pos, id, col;

  g_return_val_if_fail (GW_IS_CADENCE_MATRIX (self), GW_MATRIX_HIT_NONE);

  if (self->cadence == NULL)
    return GW_MATRIX_HIT_NONE;
  gw_cadence_matrix_ensure_metrics (self);
  height = gtk_widget_get_height (GTK_WIDGET (self));

  if (y >= height - self->m.footer_h && y < height)
    {
      if (x < self->m.name_w || x >= gw_cadence_matrix_right_x (self))
        return GW_MATRIX_HIT_NONE;
      col = gw_cadence_matrix_column_at (self, x - self->m.name_w + gw_cadence_matrix_adj_value (self->hadjustment));
      if (col < 0 || (guint) col >= n_dekads (self))
        return GW_MATRIX_HIT_NONE;
      *index = col;
      return GW_MATRIX_HIT_FOOTER;
    }
  if ((pos = position_at (self, y)) < 0)
    return GW_MATRIX_HIT_NONE;
  id = display_at (self, pos);
  if (id < 0)
    return GW_MATRIX_HIT_COUNTY;
  *row = id;
  if (x < self->m.name_w || (x >= gw_cadence_matrix_right_x (self) && x < gw_cadence_matrix_right_x (self) + self->m.right_w))
    return GW_MATRIX_HIT_GRID;
  if (x >= gw_cadence_matrix_right_x (self))
    return GW_MATRIX_HIT_NONE;
  col = gw_cadence_matrix_column_at (self, x - self->m.name_w + gw_cadence_matrix_adj_value (self->hadjustment));
  if (col < 0)
    return GW_MATRIX_HIT_NONE;
  if ((guint) col < n_dekads (self))
    {
      *index = col;
      return GW_MATRIX_HIT_DEKAD;
    }
  *index = col - n_dekads (self);
  return GW_MATRIX_HIT_PATROLS;
}

gboolean
gw_cadence_matrix_cell_point (GwCadenceMatrix *self,
                              guint            row,
                              GwMatrixHit      kind,
                              guint            index,
                              double          *x,
                              double          *y)
{
  guint col, pos;
  int w;

  g_return_val_if_fail (GW_IS_CADENCE_MATRIX (self), FALSE);
  g_return_val_if_fail (kind == GW_MATRIX_HIT_DEKAD || kind == GW_MATRIX_HIT_PATROLS, FALSE);

  if (self->cadence == NULL || row >= self->cadence->rows->len ||
      !gtk_widget_get_realized (GTK_WIDGET (self)))
    return FALSE;
  col = kind == GW_MATRIX_HIT_DEKAD ? index : n_dekads (self) + index;
  if (col >= n_columns (self))
    return FALSE;
  pos = self->grid_pos[row];
  scroll_to_position (self, pos, col);
  *x = self->m.name_w + gw_cadence_matrix_column_x (self, col, &w) - gw_cadence_matrix_adj_value (self->hadjustment) + w / 2.0;
  *y = self->m.header_h + pos * self->m.row_h - gw_cadence_matrix_adj_value (self->vadjustment)
       + self->m.row_h / 2.0;
  return TRUE;
}

gboolean
gw_cadence_matrix_activate_at (GwCadenceMatrix *self,
                               double           x,
                               double           y)
{
  guint row = 0, index = 0;

  g_return_val_if_fail (GW_IS_CADENCE_MATRIX (self), FALSE);

  switch (gw_cadence_matrix_hit (self, x, y, &row, &index))
    {
    case GW_MATRIX_HIT_DEKAD:
      self->cursor_pos = self->grid_pos[row];
      self->cursor_col = index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_signal_emit (self, signals[CELL_ACTIVATED], 0, row, index);
      return TRUE;
    case GW_MATRIX_HIT_PATROLS:
      self->cursor_pos = self->grid_pos[row];
      self->cursor_col = n_dekads (self) + index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_signal_emit (self, signals[PATROLS_ACTIVATED], 0, row, index);
      return TRUE;
    case GW_MATRIX_HIT_NONE:
    case GW_MATRIX_HIT_GRID:
    case GW_MATRIX_HIT_COUNTY:
    case GW_MATRIX_HIT_FOOTER:
    default:
      return FALSE;
    }
}
