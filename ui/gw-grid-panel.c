/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-grid-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "gw-grid-layer.h"
#include "gw-grid-panel.h"

/* The longest overdue first; the ledger has the rest. Few enough that this
 * month's cadence stays in view. */
#define MAX_OVERDUE_ROWS 4

struct _GwGridPanel
{
  GtkWidget       parent_instance;

  gint64          grid_id;
  GwGridStatus    status;
  char           *chief_name;

  /* template */
  GtkWidget      *scroller;
  GtkLabel       *name_label;
  GtkLabel       *place_label;
  GtkDrawingArea *status_swatch;
  GtkLabel       *status_label;
  GtkLabel       *status_meaning;
  GtkListBox     *staff_list;
  GtkLabel       *open_heading;
  GtkGrid        *open_grid;
  GtkLabel       *overdue_heading;
  GtkListBox     *overdue_list;
  GtkLabel       *verification_label;
  GtkLabel       *cadence_heading;
  GtkBox         *dekad_box;
  GtkLabel       *patrols_label;
};

G_DEFINE_FINAL_TYPE (GwGridPanel, gw_grid_panel, GTK_TYPE_WIDGET)

enum {
  OPEN_LEDGER,
  HAZARD_ACTIVATED,
  CLOSE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

static GtkWidget *
cell (const char *text,
      const char *css_class,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
fill_staff (GwGridPanel           *self,
            const GwMapGridDetail *d)
{
  remove_children (GTK_WIDGET (self->staff_list));
  g_clear_pointer (&self->chief_name, g_free);
  for (guint i = 0; i < d->staff->len; i++)
    {
      GwStaff *s = d->staff->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *phone;

      if (s->role == GW_ROLE_GRID_CHIEF && self->chief_name == NULL)
        self->chief_name = g_strdup (s->name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gw_role_label (s->role));
      phone = gtk_label_new (s->phone && *s->phone ? s->phone : _("No phone"));
      gtk_label_set_selectable (GTK_LABEL (phone), TRUE);
      gtk_widget_add_css_class (phone, "numeric");
      if (s->phone == NULL || *s->phone == '\0')
        gtk_widget_add_css_class (phone, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), phone);
      if (s->role == GW_ROLE_GRID_CHIEF)
        gtk_widget_add_css_class (row, "gw-grid-chief");
      gtk_list_box_append (self->staff_list, row);
    }
  if (d->staff->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No staff recorded for this grid"));
      gtk_list_box_append (self->staff_list, row);
    }
}

/* States down, levels across; the level headers carry their numeral, not only a colour. */
static void
fill_open_table (GwGridPanel           *self,
                 const GwMapGridDetail *d)
{
  static const GwLevel columns[] = { GW_LEVEL_I, GW_LEVEL_II, GW_LEVEL_III, GW_LEVEL_IV,
                                     GW_LEVEL_NONE };
  static const char * const level_classes[] = { NULL, "level-1", "level-2", "level-3", "level-4" };
  g_autofree char *heading = NULL;
  guint column_total[G_N_ELEMENTS (columns)] = { 0 };
  guint total = 0;

  remove_children (GTK_WIDGET (self->open_grid));
  heading = g_strdup_printf (_("Open Hazards: %u"), d->open);
  gtk_label_set_text (self->open_heading, heading);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GwLevel level = columns[c];
      GtkWidget *label = cell (level == GW_LEVEL_NONE ? "—" : gw_level_to_id (level),
                               level_classes[level], 0.5);

      gtk_widget_set_tooltip_text (label, gw_level_label (level));
      gtk_widget_set_halign (label, GTK_ALIGN_CENTER);
      gtk_grid_attach (self->open_grid, label, c + 1, 0, 1, 1);
    }
  gtk_grid_attach (self->open_grid, cell (_("Total"), "dim-label", 1), G_N_ELEMENTS (columns) + 1,
                   0, 1, 1);

  for (guint s = 0; s < GW_STATE_CLOSED; s++)
    {
      guint row_total = 0;

      gtk_grid_attach (self->open_grid, cell (gw_state_label (s), NULL, 0), 0, s + 1, 1, 1);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          guint n = d->open_by[s][columns[c]];
          g_autofree char *text = g_strdup_printf ("%u", n);

          gtk_grid_attach (self->open_grid, cell (n ? text : "·", n ? NULL : "dim-label", 0.5),
                           c + 1, s + 1, 1, 1);
          row_total += n;
          column_total[c] += n;
        }
      {
        g_autofree char *text = g_strdup_printf ("%u", row_total);
        gtk_grid_attach (self->open_grid, cell (text, "heading", 1), G_N_ELEMENTS (columns) + 1,
                         s + 1, 1, 1);
      }
      total += row_total;
    }
  gtk_grid_attach (self->open_grid, cell (_("Total"), "heading", 0), 0, GW_STATE_CLOSED + 1, 1, 1);
  for (guint c = 0; c <= G_N_ELEMENTS (columns); c++)
    {
      g_autofree char *text = g_strdup_printf ("%u", c < G_N_ELEMENTS (columns) ? column_total[c]
                                                                                : total);
      gtk_grid_attach (self->open_grid, cell (text, "heading", c < G_N_ELEMENTS (columns) ? 0.5 : 1),
                       c + 1, GW_STATE_CLOSED + 1, 1, 1);
    }
}

static void
fill_overdue (GwGridPanel           *self,
              const GwMapGridDetail *d)
{
  g_autofree char *heading = NULL;
  guint shown;
  GDate today;

  gw_date_parse (d->today, &today);
  remove_children (GTK_WIDGET (self->overdue_list));
  heading = g_strdup_printf (_("Overdue: %u"), d->overdue);
  gtk_label_set_text (self->overdue_heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_list), d->overdue_hazards->len > 0);
  shown = MIN (d->overdue_hazards->len, MAX_OVERDUE_ROWS);
  for (guint i = 0; i < shown; i++)
    {
      GwHazard *h = d->overdue_hazards->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *late;
      g_autofree char *subtitle = NULL, *late_text = NULL;
      g_autofree char *title = g_strdup_printf ("%s  %s", h->number, h->title);
      GDate deadline;
      int days = 0;

      if (h->deadline && gw_date_parse (h->deadline, &deadline))
        days = g_date_days_between (&deadline, &today);
      subtitle = g_strdup_printf (_("%s · %s · deadline %s"), gw_level_label (h->level),
                                  gw_state_label (h->state), h->deadline ? h->deadline : "—");
      /* TRANSLATORS: days past the deadline, shown beside an overdue hazard */
      late_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day over", "%d days over",
                                                days), days);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      late = gtk_label_new (late_text);
      gtk_widget_add_css_class (late, "overdue");
      gtk_widget_add_css_class (late, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), late);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the hazard"));
      g_object_set_data_full (G_OBJECT (row), "hazard-id64", g_memdup2 (&h->id, sizeof h->id), g_free);
      gtk_list_box_append (self->overdue_list, row);
    }
  if (d->overdue > shown)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more in the ledger"), d->overdue - shown);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->overdue_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->verification_label), d->verification_overdue > 0);
  if (d->verification_overdue > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "%u hazard waits for verification past its deadline (counted against the regulation office)",
        "%u hazards wait for verification past their deadline (counted against the regulation office)",
        d->verification_overdue), d->verification_overdue);
      gtk_label_set_text (self->verification_label, text);
    }
}

static void
fill_cadence (GwGridPanel           *self,
              const GwMapGridDetail *d)
{
  static const char * const parts[] = { N_("Days 1–10"), N_("Days 11–20"), N_("Day 21 to the end") };
  static const char * const classes[] = { "cadence-done", "cadence-missed", "cadence-due", NULL };
  g_autofree char *heading = NULL, *patrols = NULL;
  GDate today;

  gw_date_parse (d->today, &today);
  {
    g_autofree char *month = g_strdup_printf ("%u-%02u", g_date_get_year (&today),
                                              g_date_get_month (&today));
    heading = g_strdup_printf (_("Ten-Day Analysis, %s"), month);
  }
  gtk_label_set_text (self->cadence_heading, heading);
  remove_children (GTK_WIDGET (self->dekad_box));
  for (guint i = 0; i < d->n_dekads; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *part = gtk_label_new (_(parts[MIN (d->dekads[i].part, 2)]));
      GtkWidget *status = gtk_label_new (gw_cadence_status_label (d->cadence[i]));

      gtk_widget_add_css_class (part, "caption");
      gtk_widget_add_css_class (status, "heading");
      gtk_box_append (GTK_BOX (box), part);
      gtk_box_append (GTK_BOX (box), status);
      gtk_widget_add_css_class (box, "gw-dekad-cell");
      if (classes[d->cadence[i]] != NULL)
        gtk_widget_add_css_class (box, classes[d->cadence[i]]);
      else
        gtk_widget_add_css_class (box, "dim-label");
      gtk_box_append (self->dekad_box, box);
    }
  patrols = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patrol recorded this month",
                                          "%u patrols recorded this month", d->patrols),
                             d->patrols);
  gtk_label_set_text (self->patrols_label, patrols);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GwGridPanel *self = user_data;

  gw_grid_layer_draw_swatch (cr, self->status, width, height);
}

static void
overdue_row_activated_cb (GwGridPanel   *self,
                          GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "hazard-id64");

  if (id != NULL)
    g_signal_emit (self, signals[HAZARD_ACTIVATED], 0, *id);
}

static void
open_ledger_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GwGridPanel *self = GW_GRID_PANEL (widget);

  if (self->grid_id != 0)
    g_signal_emit (self, signals[OPEN_LEDGER], 0, self->grid_id);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE_REQUESTED], 0);
}

static void
gw_grid_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GW_TYPE_GRID_PANEL);
  G_OBJECT_CLASS (gw_grid_panel_parent_class)->dispose (object);
}

static void
gw_grid_panel_finalize (GObject *object)
{
  g_free (GW_GRID_PANEL (object)->chief_name);
  G_OBJECT_CLASS (gw_grid_panel_parent_class)->finalize (object);
}

static void
gw_grid_panel_class_init (GwGridPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_grid_panel_dispose;
  object_class->finalize = gw_grid_panel_finalize;

  signals[OPEN_LEDGER] =
    g_signal_new ("open-ledger", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[HAZARD_ACTIVATED] =
    g_signal_new ("hazard-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gw-grid-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, name_label);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, place_label);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, status_swatch);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, status_meaning);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, staff_list);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, open_heading);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, open_grid);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, overdue_heading);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, verification_label);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, cadence_heading);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, dekad_box);
  gtk_widget_class_bind_template_child (widget_class, GwGridPanel, patrols_label);

  gtk_widget_class_install_action (widget_class, "panel.open-ledger", NULL, open_ledger_action);
  gtk_widget_class_install_action (widget_class, "panel.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "panel.close", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gw-grid-panel");
}

static void
gw_grid_panel_init (GwGridPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->status_swatch, draw_swatch, self, NULL);
  g_signal_connect_swapped (self->overdue_list, "row-activated",
                            G_CALLBACK (overdue_row_activated_cb), self);
}

GwGridPanel *
gw_grid_panel_new (void)
{
  return g_object_new (GW_TYPE_GRID_PANEL, NULL);
}

void
gw_grid_panel_set_detail (GwGridPanel           *self,
                          const GwMapGridDetail *d)
{
  g_autofree char *place = NULL;

  g_return_if_fail (GW_IS_GRID_PANEL (self));
  g_return_if_fail (d != NULL);

  self->grid_id = d->grid_id;
  self->status = d->status;
  gtk_label_set_text (self->name_label, d->name);
  place = g_strdup_printf ("%s · %s", d->county_name, d->code);
  gtk_label_set_text (self->place_label, place);
  gtk_label_set_text (self->status_label, gw_grid_status_label (d->status));
  gtk_label_set_text (self->status_meaning, gw_grid_status_meaning (d->status));
  gtk_widget_queue_draw (GTK_WIDGET (self->status_swatch));
  fill_staff (self, d);
  fill_open_table (self, d);
  fill_overdue (self, d);
  fill_cadence (self, d);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

gint64
gw_grid_panel_get_grid_id (GwGridPanel *self)
{
  g_return_val_if_fail (GW_IS_GRID_PANEL (self), 0);

  return self->grid_id;
}

const char *
gw_grid_panel_get_chief_name (GwGridPanel *self)
{
  g_return_val_if_fail (GW_IS_GRID_PANEL (self), NULL);

  return self->chief_name;
}
