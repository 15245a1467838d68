/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "gw-overview.h"
#include "gw-ui-util.h"

/* The Overview page: KPI tiles built in code, since the set of tiles follows
 * the enumerations of the core. Styling comes from style.css (.kpi-tile,
 * .kpi-value, .kpi-label, .level-N, .state-chip). */

typedef struct {
  GtkWidget *tile;
  GtkLabel  *value;
  GtkLabel  *detail;
} Tile;

struct _GwOverview
{
  AdwBin      parent_instance;

  GHashTable *tiles;      /* id → Tile */
  GtkLabel   *as_of_label;
};

G_DEFINE_FINAL_TYPE (GwOverview, gw_overview, ADW_TYPE_BIN)

static char *
format_share (gint64 part,
              gint64 total)
{
  if (total <= 0)
    return g_strdup ("");
  /* TRANSLATORS: a share of all hazards, e.g. "12.5% of all" */
  return g_strdup_printf (_("%.1f%% of all"), 100.0 * part / total);
}

/* The seven days ending on @date, which the 7-day figures count. */
static char *
format_week (const char *date)
{
  g_autofree char *first = NULL;
  GDate day;

  if (!gw_date_parse (date, &day))
    return NULL;
  g_date_subtract_days (&day, 6);
  first = gw_date_to_string (&day);
  /* TRANSLATORS: a range of dates, "2026-11-17 – 2026-11-23" */
  return g_strdup_printf (_("%s – %s"), first, date);
}

static GtkWidget *
flow_box_new (guint max_per_line)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), max_per_line);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 12);
  /* The tiles' details expand to sit at the bottom of a row; keep that from
   * stretching the rows over the page. */
  gtk_widget_set_vexpand (box, FALSE);
  return box;
}

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

/* @chip_classes: NULL for a plain caption, else the classes of a coloured
 * chip (the caption still names the level or state, so it reads without colour). */
static Tile *
add_tile (GwOverview  *self,
          GtkWidget   *flow_box,
          const char  *id,
          const char  *caption,
          const char **chip_classes)
{
  Tile *tile = g_new0 (Tile, 1);
  GtkWidget *label;
  GtkWidget *child;

  tile->tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (tile->tile, "kpi-tile");

  label = gtk_label_new (caption);
  gtk_label_set_wrap (GTK_LABEL (label), chip_classes == NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  if (chip_classes != NULL)
    gtk_widget_set_css_classes (label, chip_classes);
  else
    gtk_widget_add_css_class (label, "kpi-label");
  gtk_box_append (GTK_BOX (tile->tile), label);

  tile->value = GTK_LABEL (gtk_label_new ("—"));
  gtk_label_set_xalign (tile->value, 0);
  gtk_label_set_ellipsize (tile->value, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (tile->value), "kpi-value");
  gtk_widget_add_css_class (GTK_WIDGET (tile->value), "numeric");
  gtk_box_append (GTK_BOX (tile->tile), GTK_WIDGET (tile->value));

  tile->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (tile->detail, 0);
  gtk_label_set_wrap (tile->detail, TRUE);
  /* Two lines at most, however narrow the tile: a wrapped label asks for its
   * height at its narrowest, which would make every tile of a row tall. */
  gtk_label_set_lines (tile->detail, 2);
  gtk_label_set_ellipsize (tile->detail, PANGO_ELLIPSIZE_END);
  gtk_widget_set_vexpand (GTK_WIDGET (tile->detail), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (tile->detail), GTK_ALIGN_END);
  gtk_widget_add_css_class (GTK_WIDGET (tile->detail), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (tile->detail), "dim-label");
  gtk_box_append (GTK_BOX (tile->tile), GTK_WIDGET (tile->detail));

  gtk_flow_box_append (GTK_FLOW_BOX (flow_box), tile->tile);
  child = gtk_widget_get_parent (tile->tile);
  gtk_widget_set_focusable (child, FALSE);

  g_hash_table_insert (self->tiles, g_strdup (id), tile);
  return tile;
}

static Tile *
lookup (GwOverview *self,
        const char *id)
{
  Tile *tile = g_hash_table_lookup (self->tiles, id);

  g_assert (tile != NULL);
  return tile;
}

/* Takes ownership of @value and @detail. */
static void
show (GwOverview *self,
      const char *id,
      char       *value,
      char       *detail)
{
  Tile *tile = lookup (self, id);

  gtk_label_set_text (tile->value, value);
  gtk_label_set_text (tile->detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (tile->detail), detail != NULL && *detail != '\0');
  gtk_widget_set_tooltip_text (tile->tile, detail);
  g_free (value);
  g_free (detail);
}

static void
set_tone (GwOverview *self,
          const char *id,
          const char *tone)
{
  Tile *tile = lookup (self, id);

  gtk_widget_remove_css_class (tile->tile, "error");
  gtk_widget_remove_css_class (tile->tile, "warning");
  gtk_widget_remove_css_class (tile->tile, "success");
  if (tone != NULL)
    gtk_widget_add_css_class (tile->tile, tone);
}

static void
build_tiles (GwOverview *self)
{
  GtkWidget *scrolled, *clamp, *box, *flow;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->as_of_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->as_of_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->as_of_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->as_of_label));

  flow = flow_box_new (3);
  add_tile (self, flow, "hazards", _("Hazards"), NULL);
  add_tile (self, flow, "overdue", _("Overdue"), NULL);
  add_tile (self, flow, "completion", _("Completion Rate"), NULL);
  add_tile (self, flow, "new-7d", _("New in the Last 7 Days"), NULL);
  add_tile (self, flow, "closed-7d", _("Closed in the Last 7 Days"), NULL);
  add_tile (self, flow, "cadence", _("Ten-Day Analysis Done"), NULL);
  gtk_box_append (GTK_BOX (box), flow);

  gtk_box_append (GTK_BOX (box), heading_new (_("By State")));
  flow = flow_box_new (GW_N_STATES);
  for (guint s = 0; s < GW_N_STATES; s++)
    {
      const char *classes[] = { "state-chip", gw_state_to_id (s), NULL };
      g_autofree char *id = g_strdup_printf ("state-%s", gw_state_to_id (s));

      add_tile (self, flow, id, gw_state_label (s), classes);
    }
  gtk_box_append (GTK_BOX (box), flow);

  gtk_box_append (GTK_BOX (box), heading_new (_("By Risk Level")));
  flow = flow_box_new (GW_N_LEVELS);
  for (guint l = GW_LEVEL_I; l < GW_N_LEVELS; l++)
    {
      g_autofree char *id = g_strdup_printf ("level-%u", l);
      const char *classes[] = { id, NULL };

      add_tile (self, flow, id, gw_level_label (l), classes);
    }
  add_tile (self, flow, "level-none", gw_level_label (GW_LEVEL_NONE), NULL);
  gtk_box_append (GTK_BOX (box), flow);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 800);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

static void
show_headline (GwOverview    *self,
               const GwStats *stats)
{
  gint64 open = stats->hazards - stats->by_state[GW_STATE_CLOSED];
  gint64 finished = stats->by_state[GW_STATE_DOWNGRADED] + stats->by_state[GW_STATE_CLOSED];
  g_autofree char *open_text = gw_format_count (open);
  g_autofree char *vo_text = gw_format_count (stats->verification_overdue);
  g_autofree char *finished_text = gw_format_count (finished);
  g_autofree char *total_text = gw_format_count (stats->hazards);
  g_autofree char *week = format_week (stats->date);

  /* TRANSLATORS: under the number of hazards: how many are not closed */
  show (self, "hazards", gw_format_count (stats->hazards), g_strdup_printf (_("%s open"), open_text));
  show (self, "overdue", gw_format_count (stats->overdue),
        /* TRANSLATORS: hazards waiting in verifying past their deadline,
           counted against the regulation office */
        g_strdup_printf (_("Verification overdue: %s"), vo_text));
  set_tone (self, "overdue", stats->overdue > 0 ? "error" : "success");
  show (self, "completion", g_strdup_printf ("%.1f%%", 100.0 * stats->completion_rate),
        /* TRANSLATORS: "1,234 of 3,000 downgraded or closed" */
        g_strdup_printf (_("%s of %s downgraded or closed"), finished_text, total_text));
  show (self, "new-7d", gw_format_count (stats->new_7d), g_strdup (week));
  show (self, "closed-7d", gw_format_count (stats->closed_7d), g_strdup (week));
}

static void
show_cadence (GwOverview    *self,
              const GwStats *stats)
{
  g_autofree char *dekad = gw_dekad_to_label (stats->cadence_dekad);
  g_autofree char *done = gw_format_count (stats->cadence_done);
  g_autofree char *grids = gw_format_count (stats->grids);
  g_autofree char *missed = gw_format_count (stats->cadence_missed);

  if (stats->grids == 0)
    {
      show (self, "cadence", g_strdup ("—"), g_strdup (_("No grids yet")));
      set_tone (self, "cadence", NULL);
      return;
    }

  show (self, "cadence", g_strdup_printf ("%s / %s", done, grids),
        /* TRANSLATORS: "<dekad>: 12 missed", e.g. "2026-11, 2nd dekad: 12 missed" */
        g_strdup_printf (_("%s: %s missed"), dekad, missed));
  set_tone (self, "cadence", stats->cadence_missed > 0 ? "warning" : "success");
}

static void
show_breakdown (GwOverview    *self,
                const GwStats *stats)
{
  for (guint s = 0; s < GW_N_STATES; s++)
    {
      g_autofree char *id = g_strdup_printf ("state-%s", gw_state_to_id (s));

      show (self, id, gw_format_count (stats->by_state[s]),
            format_share (stats->by_state[s], stats->hazards));
    }

  for (guint l = GW_LEVEL_NONE; l < GW_N_LEVELS; l++)
    {
      g_autofree char *id = l == GW_LEVEL_NONE ? g_strdup ("level-none")
                                               : g_strdup_printf ("level-%u", l);

      show (self, id, gw_format_count (stats->by_level[l]),
            format_share (stats->by_level[l], stats->hazards));
    }
}

static void
clear_tiles (GwOverview *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      show (self, key, g_strdup ("—"), NULL);
      set_tone (self, key, NULL);
    }
  gtk_label_set_text (self->as_of_label, "");
}

static void
gw_overview_dispose (GObject *object)
{
  GwOverview *self = GW_OVERVIEW (object);

  g_clear_pointer (&self->tiles, g_hash_table_unref);
  G_OBJECT_CLASS (gw_overview_parent_class)->dispose (object);
}

static void
gw_overview_class_init (GwOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gw_overview_dispose;
}

static void
gw_overview_init (GwOverview *self)
{
  self->tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  build_tiles (self);
}

GtkWidget *
gw_overview_new (void)
{
  return g_object_new (GW_TYPE_OVERVIEW, NULL);
}

void
gw_overview_set_stats (GwOverview    *self,
                       const GwStats *stats)
{
  g_autofree char *as_of = NULL;

  g_return_if_fail (GW_IS_OVERVIEW (self));

  if (stats == NULL)
    {
      clear_tiles (self);
      return;
    }

  show_headline (self, stats);
  show_cadence (self, stats);
  show_breakdown (self, stats);
  /* TRANSLATORS: %s is a date, YYYY-MM-DD */
  as_of = g_strdup_printf (_("Figures as of %s"), stats->date);
  gtk_label_set_text (self->as_of_label, as_of);
}

const char *
gw_overview_get_value_text (GwOverview *self,
                            const char *kpi_id)
{
  Tile *tile;

  g_return_val_if_fail (GW_IS_OVERVIEW (self), NULL);
  g_return_val_if_fail (kpi_id != NULL, NULL);

  tile = g_hash_table_lookup (self->tiles, kpi_id);
  return tile != NULL ? gtk_label_get_text (tile->value) : NULL;
}
