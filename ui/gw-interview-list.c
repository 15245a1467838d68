/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-interview-list"

#include "config.h"

#include <glib/gi18n.h>

#include "gw-interview-list.h"

#define DEFAULT_OVERDUE_THRESHOLD 10

/* ---- one row ---------------------------------------------------------------- */

#define GW_TYPE_INTERVIEW_ITEM (gw_interview_item_get_type ())
G_DECLARE_FINAL_TYPE (GwInterviewItem, gw_interview_item, GW, INTERVIEW_ITEM, GObject)

struct _GwInterviewItem
{
  GObject  parent_instance;

  guint    row;            /* in cadence->rows */
  char    *county;
  char    *grid;
  char    *code;
  char    *chief;
  char    *phone;
  guint    run;            /* most consecutive missed dekads */
  char    *run_end;        /* the label of the run's last dekad, or NULL */
  gint64   overdue;
  double   compliance;
};

G_DEFINE_FINAL_TYPE (GwInterviewItem, gw_interview_item, G_TYPE_OBJECT)

static void
gw_interview_item_finalize (GObject *object)
{
  GwInterviewItem *self = GW_INTERVIEW_ITEM (object);

  g_free (self->county);
  g_free (self->grid);
  g_free (self->code);
  g_free (self->chief);
  g_free (self->phone);
  g_free (self->run_end);
  G_OBJECT_CLASS (gw_interview_item_parent_class)->finalize (object);
}

static void
gw_interview_item_class_init (GwInterviewItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gw_interview_item_finalize;
}

static void
gw_interview_item_init (GwInterviewItem *self)
{
}

static GwInterviewItem *
interview_item_new (const GwCadenceRow *row,
                    guint               index)
{
  GwInterviewItem *item = g_object_new (GW_TYPE_INTERVIEW_ITEM, NULL);

  item->row = index;
  item->county = g_strdup (row->county_name);
  item->grid = g_strdup (row->grid_name);
  item->code = g_strdup (row->grid_code);
  item->chief = g_strdup (row->chief_name);
  item->phone = g_strdup (row->chief_phone);
  item->run = row->longest_miss_run;
  item->run_end = row->longest_miss_run ? gw_dekad_to_label (row->miss_run_end) : NULL;
  item->overdue = row->overdue;
  item->compliance = row->compliance;
  return item;
}

/* ---- the list --------------------------------------------------------------- */

typedef enum {
  COLUMN_COUNTY,
  COLUMN_GRID,
  COLUMN_CHIEF,
  COLUMN_PHONE,
  COLUMN_RUN,
  COLUMN_RUN_END,
  COLUMN_OVERDUE,
  COLUMN_COMPLIANCE,
  N_COLUMNS
} Column;

struct _GwInterviewList
{
  GtkBox            parent_instance;

  const GwCadence  *cadence;         /* borrowed */
  GSettings        *settings;
  GListStore       *store;
  GtkSortListModel *sorted;
  guint             misses;
  gint64            overdue_threshold;

  GtkSpinButton    *misses_spin;
  GtkSpinButton    *overdue_spin;
  GtkSwitch        *overdue_switch;
  GtkLabel         *count_label;
  GtkStack         *stack;
  GtkColumnView    *view;
};

G_DEFINE_FINAL_TYPE (GwInterviewList, gw_interview_list, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_MISSES,
  PROP_OVERDUE_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  GRID_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
column_title (Column column)
{
  switch (column)
    {
    case COLUMN_COUNTY:     return _("County");
    case COLUMN_GRID:       return _("Grid");
    case COLUMN_CHIEF:      return _("Grid Chief");
    case COLUMN_PHONE:      return _("Phone");
    case COLUMN_RUN:        return _("Missed in a Row");
    case COLUMN_RUN_END:    return _("Last Missed");
    case COLUMN_OVERDUE:    return _("Overdue Hazards");
    case COLUMN_COMPLIANCE: return _("Compliance");
    case N_COLUMNS:
    default:                g_assert_not_reached ();
    }
}

static char *
column_text (GwInterviewItem *item,
             Column           column)
{
  switch (column)
    {
    case COLUMN_COUNTY:     return g_strdup (item->county);
    case COLUMN_GRID:       return g_strdup (item->grid);
    case COLUMN_CHIEF:      return g_strdup (item->chief ? item->chief : "—");
    case COLUMN_PHONE:      return g_strdup (item->phone ? item->phone : "—");
    case COLUMN_RUN:        return g_strdup_printf ("%u", item->run);
    case COLUMN_RUN_END:    return g_strdup (item->run_end ? item->run_end : "—");
    case COLUMN_OVERDUE:    return g_strdup_printf ("%" G_GINT64_FORMAT, item->overdue);
    case COLUMN_COMPLIANCE: return g_strdup_printf ("%.0f%%", item->compliance * 100);
    case N_COLUMNS:
    default:                g_assert_not_reached ();
    }
}

/* Natural widths in characters; CJK characters count about two. */
static guint
column_chars (Column column)
{
  static const guint chars[N_COLUMNS] = { 8, 12, 8, 13, 5, 18, 5, 6 };

  return chars[column];
}

static gboolean
column_numeric (Column column)
{
  return column == COLUMN_RUN || column == COLUMN_OVERDUE || column == COLUMN_COMPLIANCE;
}

/* Which rule put the grid on the list decides the emphasis. */
static gboolean
column_alarming (GwInterviewList *self,
                 GwInterviewItem *item,
                 Column           column)
{
  if (column == COLUMN_RUN)
    return item->run >= self->misses;
  if (column == COLUMN_OVERDUE)
    return self->overdue_threshold >= 0 && item->overdue > self->overdue_threshold;
  return FALSE;
}

static void
refresh (GwInterviewList *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;

  if (self->cadence != NULL)
    {
      rows = gw_cadence_interviews (self->cadence, self->misses, self->overdue_threshold);
      for (guint i = 0; i < rows->len; i++)
        {
          GwCadenceRow *row = rows->pdata[i];
          guint index = 0;

          g_ptr_array_find (self->cadence->rows, row, &index);
          g_ptr_array_add (items, interview_item_new (row, index));
        }
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  count = g_strdup_printf (ngettext ("%u grid", "%u grids", items->len), items->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
}

static Column
factory_column (GtkSignalListItemFactory *factory)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          GwInterviewList          *self)
{
  Column column = factory_column (factory);
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), column_chars (column));
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), MIN (column_chars (column), 6));
  if (column_numeric (column))
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         GwInterviewList          *self)
{
  Column column = factory_column (factory);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GwInterviewItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = column_text (item, column);

  gtk_inscription_set_text (GTK_INSCRIPTION (label), text);
  if (column_alarming (self, item, column))
    gtk_widget_add_css_class (label, "overdue");
  else
    gtk_widget_remove_css_class (label, "overdue");
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GwInterviewItem *x = (GwInterviewItem *) a, *y = (GwInterviewItem *) b;
  Column column = GPOINTER_TO_UINT (user_data);

  switch (column)
    {
    case COLUMN_RUN:        return (x->run > y->run) - (x->run < y->run);
    case COLUMN_OVERDUE:    return (x->overdue > y->overdue) - (x->overdue < y->overdue);
    case COLUMN_COMPLIANCE: return (x->compliance > y->compliance) - (x->compliance < y->compliance);
    case COLUMN_COUNTY:
    case COLUMN_GRID:
    case COLUMN_CHIEF:
    case COLUMN_PHONE:
    case COLUMN_RUN_END:
    case N_COLUMNS:
    default:
      {
        /* The cadence order (county code, grid code) breaks ties and sorts places. */
        g_autofree char *tx = column_text (x, column), *ty = column_text (y, column);
        int c = column == COLUMN_COUNTY || column == COLUMN_GRID ? 0 : g_strcmp0 (tx, ty);

        return c != 0 ? c : (x->row > y->row) - (x->row < y->row);
      }
    }
}

static void
add_column (GwInterviewList *self,
            Column           column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  col = gtk_column_view_column_new (column_title (column), factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_items, GUINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, column == COLUMN_GRID);
  gtk_column_view_append_column (self->view, col);
  g_object_unref (sorter);
  g_object_unref (col);
}

static void
activate_cb (GtkColumnView   *view,
             guint            position,
             GwInterviewList *self)
{
  g_autoptr(GwInterviewItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL)
    g_signal_emit (self, signals[GRID_ACTIVATED], 0, item->row);
}

static void
copy_clicked_cb (GtkButton       *button,
                 GwInterviewList *self)
{
  g_autofree char *text = gw_interview_list_to_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
overdue_changed_cb (GwInterviewList *self)
{
  gint64 threshold = gtk_switch_get_active (self->overdue_switch)
                     ? gtk_spin_button_get_value_as_int (self->overdue_spin) : -1;

  gtk_widget_set_sensitive (GTK_WIDGET (self->overdue_spin),
                            gtk_switch_get_active (self->overdue_switch));
  gw_interview_list_set_overdue_threshold (self, threshold);
}

static GtkWidget *
rule_bar_new (GwInterviewList *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label, *button;

  gtk_widget_add_css_class (bar, "toolbar");

  label = gtk_label_new (_("Consecutive missed dekads"));
  gtk_box_append (GTK_BOX (bar), label);
  self->misses_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 36, 1));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->misses_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->misses_spin));

  gtk_box_append (GTK_BOX (bar), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  self->overdue_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->overdue_switch), GTK_ALIGN_CENTER);
  gtk_switch_set_active (self->overdue_switch, TRUE);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->overdue_switch));
  label = gtk_label_new (_("or more overdue hazards than"));
  gtk_box_append (GTK_BOX (bar), label);
  self->overdue_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 9999, 1));
  gtk_spin_button_set_value (self->overdue_spin, DEFAULT_OVERDUE_THRESHOLD);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->overdue_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->overdue_spin));
  g_signal_connect_swapped (self->overdue_spin, "value-changed",
                            G_CALLBACK (overdue_changed_cb), self);
  g_signal_connect_swapped (self->overdue_switch, "notify::active",
                            G_CALLBACK (overdue_changed_cb), self);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_label_set_xalign (self->count_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));

  button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (button, _("Copy the list for a spreadsheet"));
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), button);
  return bar;
}

/* ---- GObject ---------------------------------------------------------------- */

static void
gw_interview_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GwInterviewList *self = GW_INTERVIEW_LIST (object);

  switch (prop_id)
    {
    case PROP_MISSES: g_value_set_uint (value, self->misses); break;
    case PROP_OVERDUE_THRESHOLD: g_value_set_int64 (value, self->overdue_threshold); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_interview_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GwInterviewList *self = GW_INTERVIEW_LIST (object);

  switch (prop_id)
    {
    case PROP_MISSES: gw_interview_list_set_misses (self, g_value_get_uint (value)); break;
    case PROP_OVERDUE_THRESHOLD:
      gw_interview_list_set_overdue_threshold (self, g_value_get_int64 (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_interview_list_dispose (GObject *object)
{
  GwInterviewList *self = GW_INTERVIEW_LIST (object);

  self->cadence = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->sorted);
  G_OBJECT_CLASS (gw_interview_list_parent_class)->dispose (object);
}

static void
gw_interview_list_class_init (GwInterviewListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gw_interview_list_get_property;
  object_class->set_property = gw_interview_list_set_property;
  object_class->dispose = gw_interview_list_dispose;

  properties[PROP_MISSES] =
    g_param_spec_uint ("misses", NULL, NULL, 1, 36, 2,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OVERDUE_THRESHOLD] =
    g_param_spec_int64 ("overdue-threshold", NULL, NULL, -1, G_MAXINT32,
                        DEFAULT_OVERDUE_THRESHOLD,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[GRID_ACTIVATED] =
    g_signal_new ("grid-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
gw_interview_list_init (GwInterviewList *self)
{
  GtkWidget *scrolled, *empty;
  GtkSingleSelection *selection;

  self->misses = 2;
  self->overdue_threshold = DEFAULT_OVERDUE_THRESHOLD;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  gtk_box_append (GTK_BOX (self), rule_bar_new (self));
  gtk_spin_button_set_value (self->misses_spin, self->misses);
  g_object_bind_property (self, "misses", self->misses_spin, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->store = g_list_store_new (GW_TYPE_INTERVIEW_ITEM);
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  for (Column c = 0; c < N_COLUMNS; c++)
    add_column (self, c);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect (self->view, "activate", G_CALLBACK (activate_cb), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nobody to Interview"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every grid kept its ten-day analyses in the period, and none has too many overdue hazards."));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stack));

  self->settings = g_settings_new (BASE_ID);
  g_settings_bind (self->settings, "interview-misses", self, "misses", G_SETTINGS_BIND_DEFAULT);
  refresh (self);
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
gw_interview_list_new (void)
{
  return g_object_new (GW_TYPE_INTERVIEW_LIST, NULL);
}

void
gw_interview_list_set_cadence (GwInterviewList *self,
                               const GwCadence *cadence)
{
  g_return_if_fail (GW_IS_INTERVIEW_LIST (self));

  self->cadence = cadence;
  refresh (self);
}

guint
gw_interview_list_get_misses (GwInterviewList *self)
{
  g_return_val_if_fail (GW_IS_INTERVIEW_LIST (self), 0);
  return self->misses;
}

void
gw_interview_list_set_misses (GwInterviewList *self,
                              guint            misses)
{
  g_return_if_fail (GW_IS_INTERVIEW_LIST (self));

  misses = MAX (misses, 1);
  if (self->misses == misses)
    return;
  self->misses = misses;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISSES]);
}

gint64
gw_interview_list_get_overdue_threshold (GwInterviewList *self)
{
  g_return_val_if_fail (GW_IS_INTERVIEW_LIST (self), -1);
  return self->overdue_threshold;
}

void
gw_interview_list_set_overdue_threshold (GwInterviewList *self,
                                         gint64           threshold)
{
  g_return_if_fail (GW_IS_INTERVIEW_LIST (self));

  threshold = MAX (threshold, -1);
  if (self->overdue_threshold == threshold)
    return;
  self->overdue_threshold = threshold;
  gtk_switch_set_active (self->overdue_switch, threshold >= 0);
  if (threshold >= 0)
    gtk_spin_button_set_value (self->overdue_spin, threshold);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE_THRESHOLD]);
}

guint
gw_interview_list_get_n_items (GwInterviewList *self)
{
  g_return_val_if_fail (GW_IS_INTERVIEW_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

const char *
gw_interview_list_get_grid_code (GwInterviewList *self,
                                 guint            position)
{
  g_autoptr(GwInterviewItem) item = NULL;

  g_return_val_if_fail (GW_IS_INTERVIEW_LIST (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  /* The store keeps its own reference. */
  return item ? item->code : NULL;
}

char *
gw_interview_list_to_text (GwInterviewList *self)
{
  GString *text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (GW_IS_INTERVIEW_LIST (self), NULL);

  for (Column c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (text, "%s%s", c ? "\t" : "", column_title (c));
  g_string_append_c (text, '\n');
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwInterviewItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      for (Column c = 0; c < N_COLUMNS; c++)
        {
          g_autofree char *cell = column_text (item, c);

          g_string_append_printf (text, "%s%s", c ? "\t" : "", cell);
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
