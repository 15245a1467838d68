/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-ledger"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-date-picker.h"
#include "gw-directory.h"
#include "gw-ledger.h"
#include "gw-ledger-header.h"
#include "gw-ledger-row.h"
#include "gw-operator-dialog.h"
#include "gw-progress-relay.h"
#include "gw-transition-dialog.h"
#include "gw-ui-util.h"
#include "gw-dekad.h"

/* Entries of the state picker after "All": open ones, then each state. */
#define STATE_OPEN_ENTRY 1
#define STATE_FIRST_ENTRY 2
#define OPEN_STATES ((1u << GW_STATE_REPORTED) | (1u << GW_STATE_RECTIFYING) \
                     | (1u << GW_STATE_VERIFYING) | (1u << GW_STATE_DOWNGRADED))
/* The level picker: "All", I … IV, then "Not assessed". */
#define LEVEL_NONE_ENTRY GW_N_LEVELS

/* What a bulk change does. */
typedef enum {
  BULK_MOVE,
  BULK_EDIT,
} BulkKind;

typedef struct {
  BulkKind  kind;
  char     *path;
  GwFilter *filter;      /* of the rows selected, to read the ids not loaded */
  GArray   *ids;         /* gint64 */
  GArray   *ranges;      /* guint pairs: position, count */
  GwMove    move;
  char     *deadline;    /* owned strings of move */
  char     *reason;
  char     *field;
  char     *value;
  gint64    actor_id;
  guint     n_hazards;
  GwProgressRelay *relay;  /* to the ledger's progress bar */
} BulkData;

struct _GwLedger
{
  AdwBin             parent_instance;

  GwStore           *store;
  gint64             operator_id;
  GwHazardModel     *model;
  GtkSliceListModel *slice;          /* the rows the view is told of: see REVEAL_STEP */
  guint              reveal_tick;
  GtkMultiSelection *selection;
  GArray            *county_ids;     /* gint64 per picker entry; [0] = 0: all */
  GArray            *grid_ids;
  GArray            *campaign_ids;
  gboolean           updating;       /* pickers being rebuilt: no filtering */
  GwSortKey          sort;
  gboolean           descending;
  GtkWindow         *dialog;         /* weak */
  char              *last_error;
  guint              n_bulk;
  gboolean           busy;
  gboolean           filter_applied; /* the model has been given a filter */
  gboolean           retry_on_error; /* the file is open: read again what failed before */
  int                today_julian;

  /* template */
  GtkSearchEntry    *search_entry;
  GtkToggleButton   *overdue_toggle;
  GtkMenuButton     *dates_button;
  AdwButtonContent  *dates_content;
  GtkEntry          *found_from_entry;
  GtkEntry          *found_to_entry;
  GtkEntry          *deadline_from_entry;
  GtkEntry          *deadline_to_entry;
  GtkLabel          *dates_error_label;
  GtkDropDown       *county_dropdown;
  GtkDropDown       *grid_dropdown;
  GtkDropDown       *state_dropdown;
  GtkDropDown       *level_dropdown;
  GtkDropDown       *urgency_dropdown;
  GtkDropDown       *campaign_dropdown;
  GtkStack          *list_stack;
  GtkScrolledWindow *scrolled_window;
  GwLedgerHeader    *header;
  GtkListView       *list_view;
  GtkSpinner        *spinner;
  GtkProgressBar    *bulk_progress;
  GtkLabel          *count_label;
  GtkWidget         *selection_box;
  GtkLabel          *selection_label;
  GtkMenuButton     *move_button;
};

G_DEFINE_FINAL_TYPE (GwLedger, gw_ledger, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  HAZARD_ACTIVATED,
  HAZARDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bulk_data_free (BulkData *data)
{
  g_free (data->path);
  gw_hazard_model_free_filter (data->filter);
  g_array_unref (data->ids);
  g_array_unref (data->ranges);
  g_free (data->deadline);
  g_free (data->reason);
  g_free (data->field);
  g_free (data->value);
  g_clear_pointer (&data->relay, gw_progress_relay_free);
  g_free (data);
}

static void
update_today (GwLedger *self)
{
  GDate today;

  gw_date_today (&today);
  self->today_julian = g_date_get_julian (&today);
}

/* ---- rows -------------------------------------------------------------------- */

static void
show_item (GwLedger     *self,
           GtkListItem  *list_item)
{
  GwHazardItem *item = gtk_list_item_get_item (list_item);

  gw_ledger_row_set_hazard (GW_LEDGER_ROW (gtk_list_item_get_child (list_item)),
                            item != NULL ? gw_hazard_item_get_hazard (item) : NULL,
                            self->today_julian);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          GwLedger                 *self)
{
  gtk_list_item_set_child (list_item,
                           gw_ledger_row_new (gw_ledger_header_get_columns (self->header)));
}

static void
item_loaded_cb (GwHazardItem *item,
                GParamSpec   *pspec,
                GtkListItem  *list_item)
{
  show_item (g_object_get_data (G_OBJECT (list_item), "gw-ledger"), list_item);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         GwLedger                 *self)
{
  GwHazardItem *item = gtk_list_item_get_item (list_item);
  gulong handler;

  /* Placeholders are filled when their page arrives; no query per row. */
  handler = g_signal_connect (item, "notify::loaded", G_CALLBACK (item_loaded_cb), list_item);
  g_object_set_data (G_OBJECT (list_item), "gw-handler", GSIZE_TO_POINTER (handler));
  g_object_set_data (G_OBJECT (list_item), "gw-ledger", self);
  show_item (self, list_item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           GwLedger                 *self)
{
  GwHazardItem *item = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "gw-handler"));

  if (item != NULL && handler != 0)
    g_signal_handler_disconnect (item, handler);
  g_object_set_data (G_OBJECT (list_item), "gw-handler", NULL);
}

static void
set_up_rows (GwLedger *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gw_ledger_header_set_scrolled_window (self->header, self->scrolled_window);
}

/* ---- pickers ------------------------------------------------------------------- */

static void
set_strings (GtkDropDown *dropdown,
             GPtrArray   *strings)
{
  g_autoptr(GtkStringList) list = NULL;

  g_ptr_array_add (strings, NULL);
  list = gtk_string_list_new ((const char * const *) strings->pdata);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
fill_places (GtkDropDown *dropdown,
             GArray      *ids,
             GPtrArray   *places,
             const char  *all)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  gint64 zero = 0;

  g_array_set_size (ids, 0);
  g_array_append_val (ids, zero);
  g_ptr_array_add (strings, (gpointer) all);
  for (guint i = 0; places != NULL && i < places->len; i++)
    {
      GwPlace *place = places->pdata[i];

      g_array_append_val (ids, place->id);
      g_ptr_array_add (strings, place->name);
    }
  set_strings (dropdown, strings);
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static void
load_grids (GwLedger *self)
{
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    grids = gw_store_grids (self->store, selected_id (self->county_dropdown, self->county_ids),
                            &error);
  if (error != NULL)
    g_warning ("Could not read the grids: %s", error->message);
  fill_places (self->grid_dropdown, self->grid_ids, grids, _("All Grids"));
}

static void
load_pickers (GwLedger *self)
{
  g_autoptr(GPtrArray) counties = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 zero = 0;

  self->updating = TRUE;
  if (self->store != NULL)
    {
      counties = gw_store_counties (self->store, &error);
      if (counties != NULL)
        campaigns = gw_store_campaigns (self->store, &error);
      if (error != NULL)
        g_warning ("Could not read the pickers: %s", error->message);
    }
  fill_places (self->county_dropdown, self->county_ids, counties, _("All Counties"));
  load_grids (self);

  g_array_set_size (self->campaign_ids, 0);
  g_array_append_val (self->campaign_ids, zero);
  g_ptr_array_add (strings, (gpointer) _("All Campaigns"));
  for (guint i = 0; campaigns != NULL && i < campaigns->len; i++)
    {
      GwCampaign *campaign = campaigns->pdata[i];

      g_array_append_val (self->campaign_ids, campaign->id);
      g_ptr_array_add (strings, campaign->name);
    }
  set_strings (self->campaign_dropdown, strings);
  self->updating = FALSE;
}

static void
init_static_pickers (GwLedger *self)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  g_autoptr(GPtrArray) levels = g_ptr_array_new ();
  g_autoptr(GPtrArray) urgencies = g_ptr_array_new ();
  GtkExpression *expression;

  g_ptr_array_add (states, (gpointer) _("All States"));
  g_ptr_array_add (states, (gpointer) _("Open (not closed)"));
  for (guint s = 0; s < GW_N_STATES; s++)
    g_ptr_array_add (states, (gpointer) gw_state_label (s));
  set_strings (self->state_dropdown, states);

  g_ptr_array_add (levels, (gpointer) _("All Levels"));
  for (guint l = GW_LEVEL_I; l < GW_N_LEVELS; l++)
    g_ptr_array_add (levels, (gpointer) gw_level_label (l));
  g_ptr_array_add (levels, (gpointer) gw_level_label (GW_LEVEL_NONE));
  set_strings (self->level_dropdown, levels);

  g_ptr_array_add (urgencies, (gpointer) _("All Urgency Classes"));
  for (guint u = GW_URGENCY_NO_DELAY; u < GW_N_URGENCIES; u++)
    g_ptr_array_add (urgencies, (gpointer) gw_urgency_label (u));
  set_strings (self->urgency_dropdown, urgencies);

  /* Typing in the county and grid pickers finds a name among ~200. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->county_dropdown, expression);
  gtk_drop_down_set_expression (self->grid_dropdown, expression);
  gtk_expression_unref (expression);
}

/* ---- filtering ----------------------------------------------------------------- */

static const char *
date_text (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return gw_date_text_valid (text) ? text : NULL;
}

static void
build_filter (GwLedger *self,
              GwFilter *f)
{
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  guint level = gtk_drop_down_get_selected (self->level_dropdown);
  guint urgency = gtk_drop_down_get_selected (self->urgency_dropdown);

  memset (f, 0, sizeof *f);
  f->county_id = selected_id (self->county_dropdown, self->county_ids);
  f->grid_id = selected_id (self->grid_dropdown, self->grid_ids);
  f->campaign_id = selected_id (self->campaign_dropdown, self->campaign_ids);
  if (state == STATE_OPEN_ENTRY)
    f->states = OPEN_STATES;
  else if (state >= STATE_FIRST_ENTRY && state < STATE_FIRST_ENTRY + GW_N_STATES)
    f->states = 1u << (state - STATE_FIRST_ENTRY);
  if (level == LEVEL_NONE_ENTRY)
    f->levels = 1u << GW_LEVEL_NONE;
  else if (level >= GW_LEVEL_I && level < GW_N_LEVELS)
    f->levels = 1u << level;
  if (urgency >= GW_URGENCY_NO_DELAY && urgency < GW_N_URGENCIES)
    f->urgencies = 1u << urgency;
  f->overdue_only = gtk_toggle_button_get_active (self->overdue_toggle);
  f->found_from = date_text (self->found_from_entry);
  f->found_to = date_text (self->found_to_entry);
  f->deadline_from = date_text (self->deadline_from_entry);
  f->deadline_to = date_text (self->deadline_to_entry);
  f->text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  f->sort = self->sort;
  f->descending = self->descending;
}

static void
update_busy (GwLedger *self)
{
  /* Rows still to be revealed are work only where the view is shown. */
  gboolean busy = self->n_bulk > 0
                  || (self->reveal_tick != 0 && gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
                  || (self->model != NULL && gw_hazard_model_get_busy (self->model));

  gtk_widget_set_visible (GTK_WIDGET (self->bulk_progress), self->n_bulk > 0);
  if (self->n_bulk == 0)
    gtk_progress_bar_set_fraction (self->bulk_progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
update_counts (GwLedger *self)
{
  gint64 n = self->model ? gw_hazard_model_get_n_matching (self->model) : -1;
  gint64 overdue = self->model ? gw_hazard_model_get_n_overdue (self->model) : -1;
  const GError *error = self->model ? gw_hazard_model_get_error (self->model) : NULL;
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("The ledger could not be read: %s"), error->message);
  else if (n < 0)
    text = g_strdup (_("Counting…"));
  else
    {
      g_autofree char *n_text = gw_format_count (n);
      g_autofree char *overdue_text = gw_format_count (overdue);

      /* TRANSLATORS: the count of hazards matching the filters, and of the
       * overdue ones among them */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s hazard, %s overdue",
                                           "%s hazards, %s overdue", n),
                              n_text, overdue_text);
    }
  gtk_label_set_text (self->count_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
}

static void
update_dates_button (GwLedger *self)
{
  GtkEntry *entries[] = { self->found_from_entry, self->found_to_entry,
                          self->deadline_from_entry, self->deadline_to_entry };
  gboolean any = FALSE, bad = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entries[i]));
      gboolean invalid = *text != '\0' && !gw_date_text_valid (text);

      if (invalid)
        gtk_widget_add_css_class (GTK_WIDGET (entries[i]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (entries[i]), "error");
      any |= gw_date_text_valid (text);
      bad |= invalid;
    }
  gtk_label_set_text (self->dates_error_label,
                      bad ? _("Write dates as YYYY-MM-DD, e.g. 2026-11-23; others are ignored.")
                          : "");
  gtk_widget_set_visible (GTK_WIDGET (self->dates_error_label), bad);
  if (any)
    gtk_widget_add_css_class (GTK_WIDGET (self->dates_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->dates_button), "accent");
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

static gboolean
same_filter (const GwFilter *a,
             const GwFilter *b)
{
  return a->county_id == b->county_id && a->grid_id == b->grid_id
         && a->states == b->states && a->levels == b->levels && a->urgencies == b->urgencies
         && a->overdue_only == b->overdue_only && a->campaign_id == b->campaign_id
         && same_text (a->found_from, b->found_from) && same_text (a->found_to, b->found_to)
         && same_text (a->deadline_from, b->deadline_from)
         && same_text (a->deadline_to, b->deadline_to) && same_text (a->text, b->text)
         && same_text (a->today, b->today) && a->sort == b->sort
         && a->descending == b->descending;
}

static void
apply_filter (GwLedger *self)
{
  GwFilter filter;

  if (self->model == NULL || self->updating)
    return;
  build_filter (self, &filter);
  /* Rereading the pickers, say, changes nothing: keep the rows and counts. */
  if (self->filter_applied && same_filter (&filter, gw_hazard_model_get_filter (self->model)))
    return;
  self->filter_applied = TRUE;
  update_today (self);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  gw_hazard_model_set_filter (self->model, &filter);
  update_counts (self);
}

static void
filter_changed_cb (GwLedger *self)
{
  apply_filter (self);
}

static void
search_changed_cb (GwLedger *self)
{
  apply_filter (self);
}

static void
stop_search_cb (GwLedger *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
date_changed_cb (GwLedger *self)
{
  update_dates_button (self);
  apply_filter (self);
}

static void
county_changed_cb (GwLedger *self)
{
  if (self->updating)
    return;
  self->updating = TRUE;
  load_grids (self);
  self->updating = FALSE;
  apply_filter (self);
}

/* The header sorts in SQL (GwFilter.sort), never in a GtkSortListModel. */
static void
sort_changed_cb (GwLedger *self)
{
  gboolean descending;
  int column = gw_ledger_header_get_sort (self->header, &descending);

  if (column < 0)
    {
      self->sort = GW_SORT_ID;
      self->descending = TRUE;
    }
  else
    {
      self->sort = gw_ledger_columns_sort_key (column);
      self->descending = descending;
    }
  apply_filter (self);
}

static void
reset_filter_widgets (GwLedger *self)
{
  GtkEntry *entries[] = { self->found_from_entry, self->found_to_entry,
                          self->deadline_from_entry, self->deadline_to_entry };

  g_assert (self->updating);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->overdue_toggle, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_text (GTK_EDITABLE (entries[i]), "");
  gtk_drop_down_set_selected (self->county_dropdown, 0);
  load_grids (self);
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  gtk_drop_down_set_selected (self->level_dropdown, 0);
  gtk_drop_down_set_selected (self->urgency_dropdown, 0);
  gtk_drop_down_set_selected (self->campaign_dropdown, 0);
}

static void
clear_filters (GwLedger *self)
{
  self->updating = TRUE;
  reset_filter_widgets (self);
  self->updating = FALSE;
  update_dates_button (self);
  apply_filter (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  clear_filters (GW_LEDGER (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gw_ledger_focus_search (GW_LEDGER (widget));
}

/* ---- the model's progress ---------------------------------------------------------- */

static void
model_counts_cb (GwLedger *self)
{
  update_counts (self);
}

static void
retry_after_open (GwLedger *self)
{
  if (self->retry_on_error && self->model != NULL && gw_hazard_model_get_error (self->model) != NULL)
    {
      self->retry_on_error = FALSE;
      gw_hazard_model_refresh (self->model);
    }
}

static void
model_busy_cb (GwLedger *self)
{
  retry_after_open (self);
  update_busy (self);
  update_counts (self);
  if (!gw_hazard_model_get_busy (self->model))
    gtk_stack_set_visible_child_name (self->list_stack,
                                      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0
                                      ? "list" : "empty");
}

static void
model_first_page_cb (GwLedger *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  /* A new result starts at its top. */
  gtk_adjustment_set_value (adjustment, 0);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

/* ---- selection and bulk changes ---------------------------------------------------- */

static guint
n_selected (GwLedger *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return 0;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT);
}

/* The transitions every selected hazard allows, as far as their loaded
 * rows tell; when some are not loaded, every transition is offered and
 * the store refuses what does not apply. */
static guint
common_transitions (GwLedger *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position, states = 0, checked = 0;
  gboolean unknown = FALSE;
  guint mask = 0;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok && checked < 5000; ok = gtk_bitset_iter_next (&iter, &position), checked++)
    {
      GwHazardItem *item = gw_hazard_model_peek_item (self->model, position);
      const GwHazard *h = item ? gw_hazard_item_get_hazard (item) : NULL;

      if (h == NULL)
        unknown = TRUE;
      else
        states |= 1u << h->state;
    }
  if (checked >= 5000)
    unknown = TRUE;

  for (guint t = 0; t < GW_N_TRANSITIONS; t++)
    if (unknown || states == (1u << gw_transition_source (t)))
      mask |= 1u << t;
  return mask;
}

static void
update_selection (GwLedger *self)
{
  guint n = n_selected (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *text = NULL;
  guint mask;

  gtk_widget_set_visible (self->selection_box, n > 0);
  if (n == 0)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n), n);
  gtk_label_set_text (self->selection_label, text);

  mask = common_transitions (self);
  for (guint t = 0; t < GW_N_TRANSITIONS; t++)
    if (mask & (1u << t))
      {
        g_autofree char *label = g_strdup_printf (_("%s…"), gw_transition_label (t));
        g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

        g_menu_item_set_action_and_target (item, "ledger.move", "s", gw_transition_to_id (t));
        g_menu_append_item (menu, item);
      }
  gtk_menu_button_set_menu_model (self->move_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), mask != 0 && self->n_bulk == 0);
}

static void
selection_changed_cb (GwLedger *self)
{
  update_selection (self);
}

static BulkData *
bulk_data_new (GwLedger *self,
               BulkKind  kind)
{
  BulkData *data = g_new0 (BulkData, 1);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;
  guint run_start = 0, run_length = 0;

  data->kind = kind;
  data->path = g_strdup (gw_hazard_model_get_path (self->model));
  data->filter = gw_hazard_model_copy_filter (gw_hazard_model_get_filter (self->model));
  data->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  data->actor_id = self->operator_id;

  /* Rows on screen give their ids; runs of rows never loaded are read by
   * position with the same filter in the worker. */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok; ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = gw_hazard_model_peek_id (self->model, position);

      data->n_hazards++;
      if (id > 0)
        {
          g_array_append_val (data->ids, id);
          continue;
        }
      if (run_length > 0 && run_start + run_length == position)
        run_length++;
      else
        {
          if (run_length > 0)
            {
              g_array_append_val (data->ranges, run_start);
              g_array_append_val (data->ranges, run_length);
            }
          run_start = position;
          run_length = 1;
        }
    }
  if (run_length > 0)
    {
      g_array_append_val (data->ranges, run_start);
      g_array_append_val (data->ranges, run_length);
    }
  return data;
}

static void
bulk_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BulkData *data = task_data;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  store = gw_store_open (data->path, GW_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint r = 0; r + 1 < data->ranges->len; r += 2)
    {
      guint start = g_array_index (data->ranges, guint, r);
      guint length = g_array_index (data->ranges, guint, r + 1);
      g_autoptr(GPtrArray) hazards = gw_store_hazard_list (store, data->filter, start, length,
                                                           &error);

      if (hazards == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      for (guint i = 0; i < hazards->len; i++)
        g_array_append_val (data->ids, ((GwHazard *) hazards->pdata[i])->id);
    }

  if (data->kind == BULK_MOVE)
    ok = gw_store_hazards_move (store, (gint64 *) (gpointer) data->ids->data, data->ids->len,
                                &data->move, data->actor_id, gw_progress_relay_report,
                                data->relay, &error);
  else
    ok = gw_store_hazards_edit (store, (gint64 *) (gpointer) data->ids->data, data->ids->len,
                                data->field, data->value, data->actor_id,
                                gw_progress_relay_report, data->relay, &error);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_bulk_error (GwLedger   *self,
                 const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Nothing Was Changed"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bulk_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GwLedger *self = GW_LEDGER (object);
  BulkData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->n_bulk--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      show_bulk_error (self, error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u hazard changed",
                                                            "%u hazards changed",
                                                            data->ids->len),
                                               data->ids->len);

      g_clear_pointer (&self->last_error, g_free);
      gw_toast_add (GTK_WIDGET (self), text, 0);
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      gw_hazard_model_refresh (self->model);
      g_signal_emit (self, signals[HAZARDS_CHANGED], 0);
    }
  update_busy (self);
  update_selection (self);
}

static void
show_bulk_progress (GObject    *target,
                    double      fraction,
                    const char *what)
{
  GwLedger *self = GW_LEDGER (target);

  if (self->n_bulk > 0)
    gtk_progress_bar_set_fraction (self->bulk_progress, fraction);
}

static void
run_bulk (GwLedger *self,
          BulkData *data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, bulk_done_cb, NULL);

  data->relay = gw_progress_relay_new (G_OBJECT (self), show_bulk_progress);

  g_task_set_source_tag (task, run_bulk);
  g_task_set_task_data (task, data, (GDestroyNotify) bulk_data_free);
  g_task_run_in_thread (task, bulk_thread);
  self->n_bulk++;
  update_busy (self);
  update_selection (self);
}

static void
bulk_edit (GwLedger   *self,
           const char *field,
           const char *value)
{
  BulkData *data = bulk_data_new (self, BULK_EDIT);

  data->field = g_strdup (field);
  data->value = g_strdup (value);
  run_bulk (self, data);
}

static void
track_dialog (GwLedger  *self,
              GtkWindow *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static GtkWindow *
parent_window (GwLedger *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
assign_chosen_cb (GwOperatorDialog *dialog,
                  gint64            staff_id,
                  GwLedger         *self)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, staff_id);

  bulk_edit (self, "responsible", value);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GwLedger *self = GW_LEDGER (widget);
  g_autofree char *body = NULL;
  GwOperatorDialog *dialog;
  guint n = n_selected (self);

  if (n == 0 || self->store == NULL)
    return;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The person chosen becomes responsible for %u hazard.",
                                       "The person chosen becomes responsible for %u hazards.",
                                       n), n);
  dialog = gw_operator_dialog_new (parent_window (self), self->store, 0,
                                   _("Assign a Responsible Person"), body, _("_Assign"));
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (assign_chosen_cb), self, 0);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
deadline_entry_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (entry);
  gboolean ok = gw_date_text_valid (text);

  if (ok || *text == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  g_object_set_data_full (G_OBJECT (dialog), "gw-deadline", ok ? g_strdup (text) : NULL, g_free);
  adw_message_dialog_set_response_enabled (dialog, "apply", ok);
}

static void
deadline_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GwLedger         *self)
{
  const char *deadline = g_object_get_data (G_OBJECT (dialog), "gw-deadline");

  if (g_strcmp0 (response, "apply") == 0 && deadline != NULL)
    bulk_edit (self, "deadline", deadline);
}

static GtkWidget *
bulk_dialog_new (GwLedger   *self,
                 const char *heading,
                 const char *body,
                 const char *apply)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", apply,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  track_dialog (self, GTK_WINDOW (dialog));
  return dialog;
}

static void
set_deadline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GwLedger *self = GW_LEDGER (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *entry;
  guint n = n_selected (self);

  if (n == 0)
    return;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The new deadline of %u hazard, as YYYY-MM-DD.",
                                       "The new deadline of %u hazards, as YYYY-MM-DD.", n), n);
  dialog = bulk_dialog_new (self, _("Set the Deadline"), body, _("_Set Deadline"));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "2026-12-31");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gw_date_picker_attach (GTK_ENTRY (entry));
  g_signal_connect (entry, "changed", G_CALLBACK (deadline_entry_changed_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply", FALSE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (deadline_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
campaign_selected_cb (GtkDropDown      *dropdown,
                      GParamSpec       *pspec,
                      AdwMessageDialog *dialog)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "gw-campaign-ids");
  guint i = gtk_drop_down_get_selected (dropdown);

  g_object_set_data (G_OBJECT (dialog), "gw-campaign",
                     GUINT_TO_POINTER (i < ids->len ? i : 0));
}

static void
campaign_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GwLedger         *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "gw-campaign-ids");
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "gw-campaign"));
  gint64 id = i < ids->len ? g_array_index (ids, gint64, i) : 0;
  g_autofree char *value = NULL;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  if (id > 0)
    value = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  bulk_edit (self, "campaign", value);
}

static void
add_to_campaign_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GwLedger *self = GW_LEDGER (widget);
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GArray *ids;
  GtkWidget *dialog, *dropdown;
  guint n = n_selected (self);
  gint64 zero = 0;

  if (n == 0 || self->store == NULL)
    return;
  campaigns = gw_store_campaigns (self->store, &error);
  if (campaigns == NULL)
    {
      show_bulk_error (self, error->message);
      return;
    }
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, zero);
  g_ptr_array_add (strings, (gpointer) _("No campaign"));
  for (guint i = 0; i < campaigns->len; i++)
    {
      GwCampaign *campaign = campaigns->pdata[i];

      g_array_append_val (ids, campaign->id);
      g_ptr_array_add (strings, campaign->name);
    }
  g_ptr_array_add (strings, NULL);

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The campaign (专项行动) %u hazard belongs to.",
                                       "The campaign (专项行动) %u hazards belong to.", n), n);
  dialog = bulk_dialog_new (self, _("Add to a Campaign"), body, _("_Apply"));
  g_object_set_data_full (G_OBJECT (dialog), "gw-campaign-ids", ids,
                          (GDestroyNotify) g_array_unref);
  dropdown = gtk_drop_down_new_from_strings ((const char * const *) strings->pdata);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (campaign_selected_cb), dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), campaigns->len > 0 ? 1 : 0);
  campaign_selected_cb (GTK_DROP_DOWN (dropdown), NULL, ADW_MESSAGE_DIALOG (dialog));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  g_signal_connect_object (dialog, "response", G_CALLBACK (campaign_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_apply_cb (GwTransitionDialog *dialog,
               GwLedger           *self)
{
  BulkData *data = bulk_data_new (self, BULK_MOVE);

  gw_transition_dialog_get_move (dialog, &data->move);
  data->deadline = g_strdup (data->move.deadline);
  data->reason = g_strdup (data->move.reason);
  data->move.deadline = data->deadline;
  data->move.reason = data->reason;
  data->move.date = NULL;
  run_bulk (self, data);
}

static gboolean
transition_parse (const char   *id,
                  GwTransition *out)
{
  for (guint t = 0; t < GW_N_TRANSITIONS; t++)
    if (g_strcmp0 (id, gw_transition_to_id (t)) == 0)
      {
        *out = t;
        return TRUE;
      }
  return FALSE;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GwLedger *self = GW_LEDGER (widget);
  const GwHazard *single = NULL;
  GwTransitionDialog *dialog;
  GwTransition transition;
  guint n = n_selected (self);

  if (n == 0 || self->store == NULL
      || !transition_parse (g_variant_get_string (parameter, NULL), &transition))
    return;
  if (n == 1)
    {
      g_autoptr(GtkBitset) selected =
        gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      GwHazardItem *item = gw_hazard_model_peek_item (self->model,
                                                      gtk_bitset_get_minimum (selected));

      single = item ? gw_hazard_item_get_hazard (item) : NULL;
    }
  dialog = gw_transition_dialog_new (parent_window (self), self->store, transition, single, n);
  g_signal_connect_object (dialog, "apply", G_CALLBACK (move_apply_cb), self, 0);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (GwLedger *self,
                  guint     position)
{
  g_autoptr(GwHazardItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL && gw_hazard_item_get_loaded (item))
    g_signal_emit (self, signals[HAZARD_ACTIVATED], 0, gw_hazard_item_get_id (item));
}

/* ---- GObject -------------------------------------------------------------------- */

static void
gw_ledger_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GwLedger *self = GW_LEDGER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A GTK 4.8 list view builds a row widget for each of up to 200 items around
 * its anchor, however few it shows: from an empty list that is 200 rows to
 * bind and lay out (2,200 cell widgets when the ledger was a column view)
 * before the first rows are painted. The view is told of a screenful more
 * rows each frame instead, until it has built all its rows, and then of
 * all of them. */
#define REVEAL_STEP 50
#define VIEW_ROWS   200

static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  GwLedger *self = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint size = gtk_slice_list_model_get_size (self->slice);

  if (size != G_MAXUINT && n > size)
    {
      size += REVEAL_STEP;
      gtk_slice_list_model_set_size (self->slice, size >= VIEW_ROWS ? G_MAXUINT : size);
      if (size < VIEW_ROWS && n > size)
        return G_SOURCE_CONTINUE;
    }
  self->reveal_tick = 0;
  update_busy (self);
  return G_SOURCE_REMOVE;
}

/* Connected after the slice: the view has been told of the change already. */
static void
model_items_changed_cb (GwLedger *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint size = gtk_slice_list_model_get_size (self->slice);

  /* The view dropped the widgets of the rows gone; were the result to grow
   * again, it would build them all at once. (The slice's length stays n.) */
  if (n < VIEW_ROWS && size > MAX (n, REVEAL_STEP))
    gtk_slice_list_model_set_size (self->slice, MAX (n, REVEAL_STEP));
  else if (size != G_MAXUINT && n > size && self->reveal_tick == 0)
    {
      self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                        reveal_tick_cb, self, NULL);
      update_busy (self);
    }
}

static void
drop_model (GwLedger *self)
{
  if (self->reveal_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->reveal_tick);
  self->reveal_tick = 0;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  self->slice = NULL;
  g_clear_object (&self->model);
  self->filter_applied = FALSE;
}

/* A model for @path (NULL: none), its workers opening their connections. */
static gboolean
ensure_model (GwLedger   *self,
              const char *path)
{
  if (self->model != NULL && g_strcmp0 (gw_hazard_model_get_path (self->model), path) == 0)
    return FALSE;
  drop_model (self);
  if (path == NULL)
    return TRUE;
  self->model = gw_hazard_model_new (path);
  g_signal_connect_swapped (self->model, "notify::n-matching", G_CALLBACK (model_counts_cb), self);
  g_signal_connect_swapped (self->model, "notify::busy", G_CALLBACK (model_busy_cb), self);
  g_signal_connect_swapped (self->model, "first-page", G_CALLBACK (model_first_page_cb), self);
  self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->model)), 0,
                                         REVEAL_STEP);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (model_items_changed_cb),
                            self);
  /* Owns the slice. */
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (self->slice));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  return TRUE;
}

static void
gw_ledger_dispose (GObject *object)
{
  GwLedger *self = GW_LEDGER (object);

  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      gtk_window_destroy (self->dialog);
      self->dialog = NULL;
    }
  drop_model (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_LEDGER);
  G_OBJECT_CLASS (gw_ledger_parent_class)->dispose (object);
}

static void
gw_ledger_finalize (GObject *object)
{
  GwLedger *self = GW_LEDGER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->county_ids, g_array_unref);
  g_clear_pointer (&self->grid_ids, g_array_unref);
  g_clear_pointer (&self->campaign_ids, g_array_unref);
  g_clear_pointer (&self->last_error, g_free);
  G_OBJECT_CLASS (gw_ledger_parent_class)->finalize (object);
}

static void
gw_ledger_class_init (GwLedgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gw_ledger_get_property;
  object_class->dispose = gw_ledger_dispose;
  object_class->finalize = gw_ledger_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[HAZARD_ACTIVATED] =
    g_signal_new ("hazard-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[HAZARDS_CHANGED] =
    g_signal_new ("hazards-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GW_TYPE_LEDGER_HEADER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gw-ledger.ui");
  gtk_widget_class_bind_template_child (widget_class, GwLedger, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, dates_button);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, dates_content);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, found_from_entry);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, found_to_entry);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, deadline_from_entry);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, deadline_to_entry);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, dates_error_label);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, county_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, grid_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, urgency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, campaign_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, header);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, list_view);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, spinner);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, bulk_progress);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, count_label);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, selection_box);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, selection_label);
  gtk_widget_class_bind_template_child (widget_class, GwLedger, move_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, county_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "ledger.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_action (widget_class, "ledger.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "ledger.assign", NULL, assign_action);
  gtk_widget_class_install_action (widget_class, "ledger.set-deadline", NULL,
                                   set_deadline_action);
  gtk_widget_class_install_action (widget_class, "ledger.add-to-campaign", NULL,
                                   add_to_campaign_action);
  gtk_widget_class_install_action (widget_class, "ledger.move", "s", move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "ledger.search", NULL);
}

static void
gw_ledger_init (GwLedger *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gw_date_picker_attach (self->found_from_entry);
  gw_date_picker_attach (self->found_to_entry);
  gw_date_picker_attach (self->deadline_from_entry);
  gw_date_picker_attach (self->deadline_to_entry);

  self->county_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->grid_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->campaign_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sort = GW_SORT_ID;
  self->descending = TRUE;
  update_today (self);

  /* Debounce typing: one query per pause, not per key. */
  gtk_search_entry_set_search_delay (self->search_entry, 200);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  set_up_rows (self);
  g_signal_connect_swapped (self->list_view, "map", G_CALLBACK (update_busy), self);
  g_signal_connect_swapped (self->list_view, "unmap", G_CALLBACK (update_busy), self);
  g_signal_connect_swapped (self->header, "sort-changed", G_CALLBACK (sort_changed_cb), self);
  init_static_pickers (self);
  load_pickers (self);
  update_dates_button (self);
  update_counts (self);
  update_busy (self);
}

/* ---- public ------------------------------------------------------------------- */

GtkWidget *
gw_ledger_new (void)
{
  return g_object_new (GW_TYPE_LEDGER, NULL);
}

void
gw_ledger_set_store (GwLedger *self,
                     GwStore  *store)
{
  g_return_if_fail (GW_IS_LEDGER (self));
  g_return_if_fail (store == NULL || GW_IS_STORE (store));

  if (!g_set_object (&self->store, store)
      && !ensure_model (self, store ? gw_store_get_path (store) : NULL))
    return;

  ensure_model (self, store ? gw_store_get_path (store) : NULL);
  load_pickers (self);
  apply_filter (self);
  /* The workers began on the file while the window opened it, and could not
   * read it while it was being upgraded: now they can. */
  self->retry_on_error = store != NULL;
  retry_after_open (self);
  update_selection (self);
  update_counts (self);
  update_busy (self);
}

void
gw_ledger_preload (GwLedger   *self,
                   const char *path)
{
  g_return_if_fail (GW_IS_LEDGER (self));
  g_return_if_fail (path != NULL);

  if (!ensure_model (self, path))
    return;
  /* The pickers name places of the database shown until now. */
  g_clear_object (&self->store);
  load_pickers (self);
  apply_filter (self);
  update_selection (self);
  update_counts (self);
  update_busy (self);
}

void
gw_ledger_set_operator_id (GwLedger *self,
                           gint64    operator_id)
{
  g_return_if_fail (GW_IS_LEDGER (self));

  self->operator_id = operator_id;
}

void
gw_ledger_refresh (GwLedger *self)
{
  guint county, grid, campaign;

  g_return_if_fail (GW_IS_LEDGER (self));

  if (self->model == NULL)
    return;
  /* Keep the pickers' choices across the reread when they still exist. */
  county = gtk_drop_down_get_selected (self->county_dropdown);
  grid = gtk_drop_down_get_selected (self->grid_dropdown);
  campaign = gtk_drop_down_get_selected (self->campaign_dropdown);
  load_pickers (self);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->county_dropdown, county < self->county_ids->len ? county : 0);
  load_grids (self);
  gtk_drop_down_set_selected (self->grid_dropdown, grid < self->grid_ids->len ? grid : 0);
  gtk_drop_down_set_selected (self->campaign_dropdown,
                              campaign < self->campaign_ids->len ? campaign : 0);
  self->updating = FALSE;

  update_today (self);
  gw_hazard_model_refresh (self->model);
}

void
gw_ledger_show_grid (GwLedger *self,
                     gint64    grid_id)
{
  g_autoptr(GPtrArray) grids = NULL;
  gint64 county_id = 0;

  g_return_if_fail (GW_IS_LEDGER (self));

  if (self->store == NULL)
    return;
  grids = gw_store_grids (self->store, 0, NULL);
  for (guint i = 0; grids != NULL && i < grids->len; i++)
    if (((GwPlace *) grids->pdata[i])->id == grid_id)
      county_id = ((GwPlace *) grids->pdata[i])->county_id;

  self->updating = TRUE;
  reset_filter_widgets (self);
  for (guint i = 0; i < self->county_ids->len; i++)
    if (g_array_index (self->county_ids, gint64, i) == county_id)
      gtk_drop_down_set_selected (self->county_dropdown, i);
  load_grids (self);
  for (guint i = 0; i < self->grid_ids->len; i++)
    if (g_array_index (self->grid_ids, gint64, i) == grid_id)
      gtk_drop_down_set_selected (self->grid_dropdown, i);
  self->updating = FALSE;
  update_dates_button (self);
  apply_filter (self);
}

void
gw_ledger_focus_search (GwLedger *self)
{
  g_return_if_fail (GW_IS_LEDGER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GwHazardModel *
gw_ledger_get_model (GwLedger *self)
{
  g_return_val_if_fail (GW_IS_LEDGER (self), NULL);

  return self->model;
}

GtkSelectionModel *
gw_ledger_get_selection (GwLedger *self)
{
  g_return_val_if_fail (GW_IS_LEDGER (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GtkListView *
gw_ledger_get_list_view (GwLedger *self)
{
  g_return_val_if_fail (GW_IS_LEDGER (self), NULL);

  return self->list_view;
}

GwLedgerHeader *
gw_ledger_get_header (GwLedger *self)
{
  g_return_val_if_fail (GW_IS_LEDGER (self), NULL);

  return self->header;
}

GwFilter *
gw_ledger_dup_filter (GwLedger *self)
{
  GwFilter filter;

  g_return_val_if_fail (GW_IS_LEDGER (self), NULL);

  build_filter (self, &filter);
  return gw_hazard_model_copy_filter (&filter);
}

gboolean
gw_ledger_get_busy (GwLedger *self)
{
  g_return_val_if_fail (GW_IS_LEDGER (self), FALSE);

  return self->busy;
}

GtkWindow *
gw_ledger_get_dialog (GwLedger *self)
{
  g_return_val_if_fail (GW_IS_LEDGER (self), NULL);

  return self->dialog;
}

const char *
gw_ledger_get_last_error (GwLedger *self)
{
  g_return_val_if_fail (GW_IS_LEDGER (self), NULL);

  return self->last_error;
}
