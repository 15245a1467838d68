/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ledger"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gw-demo.h"
#include "gw-date-picker.h"
#include "gw-directory.h"
#include "gw-enterprise-picker.h"
#include "gw-hazard-page.h"
#include "gw-ledger.h"
#include "gw-ledger-row.h"
#include "gw-new-hazard-dialog.h"
#include "gw-operator-dialog.h"
#include "gw-preferences.h"
#include "gw-query.h"
#include "gw-transition-dialog.h"
#include "gw-window.h"
#include "gw-test-util.h"
#include "gw-ui-util.h"

/* The ledger and the hazard page driven through their widgets and actions
 * on a demo city of 500 hazards, checked against the database. */

#define TODAY "2026-11-23"

static char *tmp_dir;
static char *demo_path;
static GwWindow *window;
static GwStore *check_store;     /* the test's own connection */
static gint64 operator_id;

/* ---- waiting ---------------------------------------------------------------------- */

static GwLedger *
ledger (void)
{
  return GW_LEDGER (gw_window_get_ledger (window));
}

static GwHazardPage *
hazard_page (void)
{
  return GW_HAZARD_PAGE (gw_window_get_hazard_page (window));
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
window_settled (gpointer data)
{
  return !gw_window_get_busy (window) && gw_window_get_stats (window) != NULL;
}

static gboolean
ledger_settled (gpointer data)
{
  GwHazardModel *model = gw_ledger_get_model (ledger ());

  return model != NULL && !gw_ledger_get_busy (ledger ())
         && !gw_hazard_model_get_busy (model) && gw_hazard_model_get_n_matching (model) >= 0;
}

static void
wait_for_ledger (void)
{
  /* Page requests announce themselves from an idle: let them. */
  gw_test_spin (50);
  gw_test_wait_until (ledger_settled, NULL);
  gw_test_spin (50);
  gw_test_wait_until (ledger_settled, NULL);
}

/* ---- checks --------------------------------------------------------------------- */

static void
assert_counts_match (void)
{
  GwHazardModel *model = gw_ledger_get_model (ledger ());
  g_autoptr(GwFilter) filter = gw_ledger_dup_filter (ledger ());
  g_autoptr(GError) error = NULL;
  g_autofree char *n_text = NULL;
  g_autofree char *overdue_text = NULL;
  GtkLabel *count_label = child (ledger (), GW_TYPE_LEDGER, "count_label");
  gint64 n = -1, overdue = -1;

  filter->today = g_strdup (TODAY);
  gw_store_hazard_count (check_store, filter, &n, &overdue, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_cmpint (gw_hazard_model_get_n_matching (model), ==, n);
  g_assert_cmpint (gw_hazard_model_get_n_overdue (model), ==, overdue);
  /* The count is shown, in the test's locale. */
  n_text = g_strdup_printf ("%'" G_GINT64_FORMAT " ", n);
  overdue_text = g_strdup_printf ("%'" G_GINT64_FORMAT " overdue", overdue);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (count_label), n_text));
  g_assert_nonnull (strstr (gtk_label_get_text (count_label), overdue_text));
}

/* Reads every row of the model through get_item, as scrolling would, and
 * waits until each is filled. */
static GPtrArray *
all_rows (void)
{
  GListModel *model = G_LIST_MODEL (gw_ledger_get_model (ledger ()));
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  wait_for_ledger ();
  for (guint i = 0; i < n; i++)
    g_assert_true (gw_hazard_item_get_loaded (items->pdata[i]));
  return items;
}

static guint
find_string (GtkDropDown *dropdown,
             const char  *text)
{
  GListModel *list = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (list), i), text) == 0)
      return i;
  g_assert_not_reached ();
}

static guint
n_events (gint64       hazard_id,
          const char  *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = gw_store_hazard_events (check_store, hazard_id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (kind == NULL || g_strcmp0 (((GwEvent *) events->pdata[i])->kind, kind) == 0)
      n++;
  return n;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GwHazard *
stored (gint64 id)
{
  g_autoptr(GError) error = NULL;
  GwHazard *h = gw_store_hazard_get (check_store, id, &error);

  g_assert_no_error (error);
  return h;
}

static void
clear_filters (void)
{
  gtk_widget_activate_action (GTK_WIDGET (ledger ()), "ledger.clear-filters", NULL);
  wait_for_ledger ();
}

/* ---- the ledger --------------------------------------------------------------------- */

/* The row widget showing @id, once the view has bound and painted it. */
typedef struct {
  const char  *number;
  GwLedgerRow *row;
} RowSearch;

static void
find_row (GtkWidget *widget,
          RowSearch *search)
{
  if (GW_IS_LEDGER_ROW (widget)
      && g_strcmp0 (gw_ledger_row_get_text (GW_LEDGER_ROW (widget), GW_LEDGER_COL_NUMBER),
                    search->number) == 0)
    search->row = GW_LEDGER_ROW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL && search->row == NULL;
       c = gtk_widget_get_next_sibling (c))
    find_row (c, search);
}

static gboolean
row_shown (gpointer data)
{
  RowSearch *search = data;

  search->row = NULL;
  find_row (GTK_WIDGET (gw_ledger_get_list_view (ledger ())), search);
  return search->row != NULL && gtk_widget_get_mapped (GTK_WIDGET (search->row));
}

static GwLedgerRow *
shown_row (const char *number)
{
  RowSearch search = { number, NULL };

  gw_test_wait_until (row_shown, &search);
  return search.row;
}

static void
test_ledger_open (void)
{
  GwHazardModel *model = gw_ledger_get_model (ledger ());
  GwLedgerHeader *header = gw_ledger_get_header (ledger ());
  GwLedgerRow *row;
  GwHazardItem *first;
  const GwHazard *h;

  g_assert_nonnull (model);
  g_assert_true (gw_window_get_store (window) != NULL);
  wait_for_ledger ();
  assert_counts_match ();
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 500);
  for (guint c = 0; c < GW_LEDGER_N_COLUMNS; c++)
    g_assert_nonnull (gw_ledger_header_get_button (header, c));
  /* The model never holds the whole table: pages come on demand. */
  g_assert_cmpint (GW_HAZARD_MODEL_PAGE_SIZE, <, 500);
  g_assert_nonnull (gw_hazard_model_peek_item (model, 0));
  g_assert_null (gw_hazard_model_peek_item (model, 499));

  /* The first row, as drawn: its cells say what the hazard is. */
  first = gw_hazard_model_peek_item (model, 0);
  h = gw_hazard_item_get_hazard (first);
  row = shown_row (h->number);
  g_assert_cmpstr (gw_ledger_row_get_text (row, GW_LEDGER_COL_TITLE), ==, h->title);
  g_assert_cmpstr (gw_ledger_row_get_text (row, GW_LEDGER_COL_GRID), ==, h->grid_name);
  g_assert_cmpstr (gw_ledger_row_get_text (row, GW_LEDGER_COL_STATE), ==,
                   gw_state_label (h->state));
  g_assert_cmpstr (gw_ledger_row_get_text (row, GW_LEDGER_COL_LEVEL), ==,
                   gw_level_label (h->level));
  g_assert_cmpstr (gw_ledger_row_get_text (row, GW_LEDGER_COL_FOUND), ==, h->found_date);
}

static GtkGesture *
header_drag (void)
{
  g_autoptr(GListModel) controllers =
    gtk_widget_observe_controllers (GTK_WIDGET (gw_ledger_get_header (ledger ())));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

static void
drag_header (double x,
             double dx)
{
  GtkGesture *drag = header_drag ();

  g_signal_emit_by_name (drag, "drag-begin", x, 10.0);
  g_signal_emit_by_name (drag, "drag-update", dx, 0.0);
  g_signal_emit_by_name (drag, "drag-end", dx, 0.0);
}

/* Whether the title of @column starts where the cells of @row do. */
typedef struct {
  GwLedgerRow    *row;
  GwLedgerColumn  column;
} Aligned;

static gboolean
titles_over_cells (gpointer data)
{
  Aligned *a = data;
  GwLedgerHeader *header = gw_ledger_get_header (ledger ());
  GtkWidget *button = GTK_WIDGET (gw_ledger_header_get_button (header, a->column));
  int x[GW_LEDGER_N_COLUMNS + 1];
  graphene_rect_t title, row;

  gw_ledger_columns_get_edges (gw_ledger_header_get_columns (header),
                               gtk_widget_get_width (GTK_WIDGET (a->row)), x);
  /* Laid out anew: the row as wide as the view, or as its columns. */
  if (gtk_widget_get_width (GTK_WIDGET (a->row))
      != MAX (gw_ledger_columns_get_total (gw_ledger_header_get_columns (header)),
              gtk_widget_get_width (GTK_WIDGET (gw_ledger_get_list_view (ledger ())))))
    return FALSE;
  if (!gtk_widget_compute_bounds (button, GTK_WIDGET (ledger ()), &title)
      || !gtk_widget_compute_bounds (GTK_WIDGET (a->row), GTK_WIDGET (ledger ()), &row))
    return FALSE;
  return (int) title.origin.x == (int) row.origin.x + x[a->column];
}

static gboolean
rows_beside_scrollbar (gpointer data)
{
  GtkScrolledWindow *scrolled = data;
  GtkWidget *bar = gtk_scrolled_window_get_vscrollbar (scrolled);

  /* The bar and its border beside the rows. */
  return gtk_widget_get_child_visible (bar) && gtk_widget_get_width (bar) > 0
         && gtk_widget_get_width (GTK_WIDGET (gw_ledger_get_list_view (ledger ())))
            <= gtk_widget_get_width (GTK_WIDGET (scrolled)) - gtk_widget_get_width (bar);
}

/* The titles stand over their cells, with scrollbars over the rows or
 * beside them. */
static void
test_ledger_alignment (void)
{
  GtkScrolledWindow *scrolled = child (ledger (), GW_TYPE_LEDGER, "scrolled_window");
  GwHazardModel *model = gw_ledger_get_model (ledger ());
  GwLedgerColumns *columns = gw_ledger_header_get_columns (gw_ledger_get_header (ledger ()));
  int title_width = gw_ledger_columns_get_width (columns, GW_LEDGER_COL_TITLE);
  Aligned a = { NULL, GW_LEDGER_COL_DEADLINE };

  clear_filters ();
  /* Narrower than the window: the title column takes what is spare, which
   * a scrollbar beside the rows makes less. */
  gw_ledger_columns_set_width (columns, GW_LEDGER_COL_TITLE,
                               title_width - (gw_ledger_columns_get_total (columns)
                                              - gtk_widget_get_width (GTK_WIDGET (scrolled))) - 100);
  g_assert_cmpint (gw_ledger_columns_get_total (columns), <,
                   gtk_widget_get_width (GTK_WIDGET (scrolled)));
  a.row = shown_row (gw_hazard_item_get_hazard (gw_hazard_model_peek_item (model, 0))->number);
  gw_test_wait_until (titles_over_cells, &a);
  gtk_scrolled_window_set_overlay_scrolling (scrolled, FALSE);
  gw_test_wait_until (rows_beside_scrollbar, scrolled);
  gw_test_wait_until (titles_over_cells, &a);
  a.column = GW_LEDGER_COL_FOUND;
  g_assert_true (titles_over_cells (&a));
  gtk_scrolled_window_set_overlay_scrolling (scrolled, TRUE);
  gw_test_wait_until (titles_over_cells, &a);

  /* The title column, wider than set with what is spare, widens from
   * where its edge is drawn. */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
    int before[GW_LEDGER_N_COLUMNS + 1], after[GW_LEDGER_N_COLUMNS + 1];
    int width = gtk_widget_get_width (GTK_WIDGET (a.row));

    gw_ledger_columns_get_edges (columns, width, before);
    g_assert_cmpint (before[GW_LEDGER_COL_TITLE + 1] - before[GW_LEDGER_COL_TITLE], >,
                     gw_ledger_columns_get_width (columns, GW_LEDGER_COL_TITLE));
    drag_header (before[GW_LEDGER_COL_TITLE + 1] - 1, 30);
    gw_ledger_columns_get_edges (columns, width, after);
    g_assert_cmpint (after[GW_LEDGER_COL_TITLE + 1], ==, before[GW_LEDGER_COL_TITLE + 1] + 30);
    g_settings_reset (settings, "ledger-column-widths");
  }
  gw_ledger_columns_set_width (columns, GW_LEDGER_COL_TITLE, title_width);
}

/* Overdue rows say so in words and in their tone, not in colour alone. */
static void
test_ledger_overdue_rows (void)
{
  GtkToggleButton *overdue = child (ledger (), GW_TYPE_LEDGER, "overdue_toggle");
  GwHazardModel *model = gw_ledger_get_model (ledger ());
  GwLedgerRow *row;
  const GwHazard *h;

  clear_filters ();
  gtk_toggle_button_set_active (overdue, TRUE);
  wait_for_ledger ();
  g_assert_cmpint (gw_hazard_model_get_n_matching (model), >, 0);
  h = gw_hazard_item_get_hazard (gw_hazard_model_peek_item (model, 0));
  row = shown_row (h->number);
  g_assert_cmpint (gw_ledger_row_get_tone (row), ==, GW_LEDGER_TONE_OVERDUE);
  g_assert_true (g_str_has_prefix (gw_ledger_row_get_text (row, GW_LEDGER_COL_DEADLINE),
                                   h->deadline));
  g_assert_nonnull (strstr (gw_ledger_row_get_text (row, GW_LEDGER_COL_DEADLINE), "overdue"));
  clear_filters ();
}

static void
test_ledger_filter_grid (void)
{
  GtkDropDown *counties = child (ledger (), GW_TYPE_LEDGER, "county_dropdown");
  GtkDropDown *grids = child (ledger (), GW_TYPE_LEDGER, "grid_dropdown");
  g_autoptr(GwHazard) sample = stored (42);
  g_autoptr(GPtrArray) rows = NULL;

  clear_filters ();
  /* As a person would: the county first, then the grid in it. */
  gtk_drop_down_set_selected (counties, find_string (counties, sample->county_name));
  wait_for_ledger ();
  assert_counts_match ();
  gtk_drop_down_set_selected (grids, find_string (grids, sample->grid_name));
  wait_for_ledger ();

  g_assert_cmpint (gw_hazard_model_get_filter (gw_ledger_get_model (ledger ()))->grid_id, ==,
                   sample->grid_id);
  assert_counts_match ();
  rows = all_rows ();
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (gw_hazard_item_get_hazard (rows->pdata[i])->grid_id, ==, sample->grid_id);

  /* The map asks for a grid's hazards the same way. */
  clear_filters ();
  gw_window_show_grid (window, sample->grid_id);
  wait_for_ledger ();
  g_assert_cmpint (gw_hazard_model_get_filter (gw_ledger_get_model (ledger ()))->grid_id, ==,
                   sample->grid_id);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (grids)),
                                               gtk_drop_down_get_selected (grids)), ==,
                   sample->grid_name);
  assert_counts_match ();

  /* The state filter narrows it further, and the counts follow. */
  gtk_drop_down_set_selected (child (ledger (), GW_TYPE_LEDGER, "state_dropdown"), 1);
  wait_for_ledger ();
  assert_counts_match ();
}

static void
test_ledger_filter_text (void)
{
  GtkEditable *search = child (ledger (), GW_TYPE_LEDGER, "search_entry");
  g_autoptr(GPtrArray) rows = NULL;
  GwHazardModel *model;

  clear_filters ();
  gtk_editable_set_text (search, "扬尘");
  /* The entry waits for a pause in typing before it searches. */
  model = gw_ledger_get_model (ledger ());
  gw_test_spin (400);
  wait_for_ledger ();
  g_assert_cmpstr (gw_hazard_model_get_filter (model)->text, ==, "扬尘");
  assert_counts_match ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <, 500);

  rows = all_rows ();
  for (guint i = 0; i < rows->len; i++)
    {
      const GwHazard *h = gw_hazard_item_get_hazard (rows->pdata[i]);

      g_assert_true (strstr (h->title, "扬尘") != NULL
                     || (h->description && strstr (h->description, "扬尘") != NULL));
    }

  /* Nothing found says so, and offers to clear the filters. */
  gtk_editable_set_text (search, "无此隐患词");
  gw_test_spin (400);
  wait_for_ledger ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (ledger (), GW_TYPE_LEDGER,
                                                            "list_stack")), ==, "empty");
  gtk_editable_set_text (search, "扬尘");
  gw_test_spin (400);
  wait_for_ledger ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (ledger (), GW_TYPE_LEDGER,
                                                            "list_stack")), ==, "list");

  /* Text and the overdue switch together. */
  gtk_toggle_button_set_active (child (ledger (), GW_TYPE_LEDGER, "overdue_toggle"), TRUE);
  wait_for_ledger ();
  assert_counts_match ();
  gtk_toggle_button_set_active (child (ledger (), GW_TYPE_LEDGER, "overdue_toggle"), FALSE);

  /* A date that is not one is marked and ignored. */
  gtk_editable_set_text (child (ledger (), GW_TYPE_LEDGER, "found_from_entry"), "2026-13-01");
  g_assert_true (gtk_widget_has_css_class (child (ledger (), GW_TYPE_LEDGER, "found_from_entry"),
                                           "error"));
  wait_for_ledger ();
  g_assert_null (gw_hazard_model_get_filter (model)->found_from);
  gtk_editable_set_text (child (ledger (), GW_TYPE_LEDGER, "found_from_entry"), "2026-06-01");
  wait_for_ledger ();
  g_assert_cmpstr (gw_hazard_model_get_filter (model)->found_from, ==, "2026-06-01");
  assert_counts_match ();

  /* Or picked in the calendar beside the entry: it opens on today; going to
   * another month writes nothing; a day clicked (selected, and the calendar
   * says so) is the date. */
  {
    GtkEntry *entry = child (ledger (), GW_TYPE_LEDGER, "deadline_to_entry");
    g_autoptr(GDateTime) next_month = g_date_time_new_local (2026, 12, 23, 12, 0, 0);
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 12, 31, 12, 0, 0);
    g_autoptr(GDateTime) shown = NULL;
    g_autofree char *shown_text = NULL;
    GtkCalendar *calendar;

    gtk_menu_button_popup (child (ledger (), GW_TYPE_LEDGER, "dates_button"));
    gw_date_picker_open (entry);
    calendar = gw_date_picker_get_calendar (entry);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gw_date_picker_get_popover (entry))));
    shown = gtk_calendar_get_date (calendar);
    shown_text = g_date_time_format (shown, "%Y-%m-%d");
    g_assert_cmpstr (shown_text, ==, TODAY);
    gtk_calendar_select_day (calendar, next_month);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gw_date_picker_get_popover (entry))));
    gtk_calendar_select_day (calendar, day);
    g_signal_emit_by_name (calendar, "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2026-12-31");
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gw_date_picker_get_popover (entry))));
    wait_for_ledger ();
    g_assert_cmpstr (gw_hazard_model_get_filter (model)->deadline_to, ==, "2026-12-31");
    assert_counts_match ();
    gtk_menu_button_popdown (child (ledger (), GW_TYPE_LEDGER, "dates_button"));
  }
  clear_filters ();
}

static gboolean
allocated_at (gpointer data)
{
  GtkWidget *button = GTK_WIDGET (gw_ledger_header_get_button (gw_ledger_get_header (ledger ()),
                                                               GW_LEDGER_COL_TITLE));
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (button, GTK_WIDGET (gw_ledger_get_header (ledger ())), &bounds)
         && (int) bounds.origin.x == GPOINTER_TO_INT (data);
}

static void
test_ledger_sort (void)
{
  GwLedgerHeader *header = gw_ledger_get_header (ledger ());
  GtkButton *deadline = gw_ledger_header_get_button (header, GW_LEDGER_COL_DEADLINE);
  GwLedgerColumns *columns = gw_ledger_header_get_columns (header);
  g_autoptr(GwFilter) filter = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  GwHazardModel *model = gw_ledger_get_model (ledger ());
  int number_width;

  clear_filters ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (
                     gtk_button_get_child (deadline)))), ==, "Deadline");

  /* Clicks on the title: ascending, then descending, sorted by SQL. */
  g_signal_emit_by_name (deadline, "clicked");
  wait_for_ledger ();
  g_assert_cmpint (gw_hazard_model_get_filter (model)->sort, ==, GW_SORT_DEADLINE);
  g_assert_false (gw_hazard_model_get_filter (model)->descending);
  g_signal_emit_by_name (deadline, "clicked");
  wait_for_ledger ();
  g_assert_cmpint (gw_hazard_model_get_filter (model)->sort, ==, GW_SORT_DEADLINE);
  g_assert_true (gw_hazard_model_get_filter (model)->descending);
  g_assert_true (gtk_list_view_get_model (gw_ledger_get_list_view (ledger ()))
                 == gw_ledger_get_selection (ledger ()));

  filter = gw_ledger_dup_filter (ledger ());
  expected = gw_store_hazard_list (check_store, filter, 0, 20, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (gw_hazard_model_peek_id (model, i), ==,
                     ((GwHazard *) expected->pdata[i])->id);

  /* A third click: the ledger's own order, newest first. */
  g_signal_emit_by_name (deadline, "clicked");
  wait_for_ledger ();
  g_assert_cmpint (gw_hazard_model_get_filter (model)->sort, ==, GW_SORT_ID);
  g_assert_cmpint (gw_ledger_header_get_sort (header, NULL), ==, -1);

  /* A wider number column moves the titles and the rows' cells after it. */
  number_width = gw_ledger_columns_get_width (columns, GW_LEDGER_COL_NUMBER);
  gw_test_wait_until (allocated_at, GINT_TO_POINTER (number_width));
  gw_ledger_columns_set_width (columns, GW_LEDGER_COL_NUMBER, number_width + 50);
  gw_test_wait_until (allocated_at, GINT_TO_POINTER (number_width + 50));
  gw_ledger_columns_set_width (columns, GW_LEDGER_COL_NUMBER, number_width);
  gw_test_wait_until (allocated_at, GINT_TO_POINTER (number_width));

  /* A drag on the number title's right edge resizes it, and the widths are
   * kept for the next start. */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
    g_autoptr(GVariant) saved = NULL;
    GtkWidget *again;
    const gint32 *widths;
    gsize n = 0;

    drag_header (number_width + 2, 40);
    g_assert_cmpint (gw_ledger_columns_get_width (columns, GW_LEDGER_COL_NUMBER), ==,
                     number_width + 40);
    gw_test_wait_until (allocated_at, GINT_TO_POINTER (number_width + 40));

    saved = g_settings_get_value (settings, "ledger-column-widths");
    widths = g_variant_get_fixed_array (saved, &n, sizeof (gint32));
    g_assert_cmpuint (n, ==, GW_LEDGER_N_COLUMNS);
    g_assert_cmpint (widths[GW_LEDGER_COL_NUMBER], ==, number_width + 40);
    again = g_object_ref_sink (gw_ledger_header_new ());
    g_assert_cmpint (gw_ledger_columns_get_width (gw_ledger_header_get_columns (GW_LEDGER_HEADER (again)),
                                                  GW_LEDGER_COL_NUMBER), ==, number_width + 40);
    g_object_unref (again);

    /* A drag that starts inside a title is the button's, not a resize. */
    drag_header (number_width / 2, 40);
    g_assert_cmpint (gw_ledger_columns_get_width (columns, GW_LEDGER_COL_NUMBER), ==,
                     number_width + 40);

    g_settings_reset (settings, "ledger-column-widths");
    gw_ledger_columns_set_width (columns, GW_LEDGER_COL_NUMBER, number_width);
  }
}

/* ---- the hazard page -------------------------------------------------------------- */

static GtkWidget *
transition_button (const char *transition_id)
{
  GtkWidget *box = child (hazard_page (), GW_TYPE_HAZARD_PAGE, "transition_box");

  for (GtkWidget *button = gtk_widget_get_first_child (box); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "gw-transition"), transition_id) == 0)
      return button;
  return NULL;
}

static gboolean
dialog_open (gpointer data)
{
  return gw_hazard_page_get_dialog (hazard_page ()) != NULL;
}

/* Presses a transition's button and returns the dialog it opens. */
static GwTransitionDialog *
press_transition (const char *transition_id)
{
  GtkWidget *button = transition_button (transition_id);
  GtkWindow *dialog;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  /* A realized button shows itself pressed for a moment before "clicked". */
  gtk_widget_activate (button);
  gw_test_wait_until (dialog_open, NULL);
  dialog = gw_hazard_page_get_dialog (hazard_page ());
  g_assert_true (GW_IS_TRANSITION_DIALOG (dialog));
  return GW_TRANSITION_DIALOG (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return gw_hazard_page_get_dialog (hazard_page ()) == NULL;
}

static void
apply (GwTransitionDialog *dialog)
{
  g_assert_true (gw_transition_dialog_get_valid (dialog));
  g_assert_true (gw_transition_dialog_apply (dialog));
  gw_test_wait_until (dialog_gone, NULL);
}

static gboolean
page_idle (gpointer data)
{
  return !gw_hazard_page_get_busy (hazard_page ());
}

static void
test_hazard_flow (void)
{
  GtkListView *view = gw_ledger_get_list_view (ledger ());
  GtkStack *content = child (window, GW_TYPE_WINDOW, "content_stack");
  GtkDropDown *states = child (ledger (), GW_TYPE_LEDGER, "state_dropdown");
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GwHazard) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autofree char *png_path = NULL;
  g_autoptr(GFile) png = NULL;
  g_autoptr(GBytes) png_bytes = NULL;
  g_autofree char *png_sum = NULL;
  GwTransitionDialog *dialog;
  const GwHazard *h;
  gint64 id, responsible, chief = 0;
  guint before_events;
  const char *expected[] = { "assess", "report-done", "downgrade", "close" };
  guint next = 0;
  gint64 closed_before = gw_window_get_stats (window)->by_state[GW_STATE_CLOSED];

  /* The reported hazards, and the first one opened from the list. */
  clear_filters ();
  gtk_drop_down_set_selected (states, find_string (states, gw_state_label (GW_STATE_REPORTED)));
  wait_for_ledger ();
  assert_counts_match ();
  g_signal_emit_by_name (view, "activate", 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "hazard");
  h = gw_hazard_page_get_hazard (hazard_page ());
  g_assert_nonnull (h);
  g_assert_cmpint (h->state, ==, GW_STATE_REPORTED);
  g_assert_cmpint (h->id, ==, gw_hazard_model_peek_id (gw_ledger_get_model (ledger ()), 0));
  id = h->id;
  before_events = n_events (id, NULL);

  /* Only what the state allows: assess, or close as unfounded. */
  g_assert_nonnull (transition_button ("assess"));
  g_assert_nonnull (transition_button ("unfounded"));
  g_assert_null (transition_button ("close"));

  /* The grid's own staff assess and report rectification done; closing as
   * unfounded is the regulation office's, and the button says so. */
  staff = gw_store_staff (check_store, h->grid_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, >, 1);
  for (guint i = 0; i < staff->len; i++)
    if (((GwStaff *) staff->pdata[i])->role == GW_ROLE_GRID_CHIEF)
      chief = ((GwStaff *) staff->pdata[i])->id;
  g_assert_cmpint (chief, >, 0);
  responsible = ((GwStaff *) staff->pdata[1])->id;
  gw_window_set_operator_id (window, chief);
  g_assert_true (gtk_widget_get_sensitive (transition_button ("assess")));
  g_assert_false (gtk_widget_get_sensitive (transition_button ("unfounded")));
  g_assert_nonnull (gtk_widget_get_tooltip_text (transition_button ("unfounded")));

  /* Assess asks for five things; Apply waits for all of them and for a
   * deadline that is a date, not before today. */
  dialog = press_transition ("assess");
  g_assert_false (gw_transition_dialog_get_valid (dialog));
  gw_transition_dialog_set_level (dialog, GW_LEVEL_III);
  gw_transition_dialog_set_urgency (dialog, GW_URGENCY_NO_GAP);
  gw_transition_dialog_set_measure (dialog, GW_MEASURE_DEADLINE);
  g_assert_true (gw_transition_dialog_set_responsible (dialog, responsible));
  g_assert_false (gw_transition_dialog_get_valid (dialog));
  gw_transition_dialog_set_deadline (dialog, "2026-02-30");
  g_assert_false (gw_transition_dialog_get_valid (dialog));
  g_assert_nonnull (strstr (gw_transition_dialog_get_problem (dialog), "not a date"));
  gw_transition_dialog_set_deadline (dialog, "2026-11-01");
  g_assert_false (gw_transition_dialog_get_valid (dialog));
  g_assert_false (gw_transition_dialog_apply (dialog));
  gw_transition_dialog_set_deadline (dialog, "2026-12-31");
  gw_transition_dialog_set_reason (dialog, "周例会交办");
  apply (dialog);
  h = gw_hazard_page_get_hazard (hazard_page ());
  g_assert_cmpint (h->state, ==, GW_STATE_RECTIFYING);
  g_assert_cmpint (h->level, ==, GW_LEVEL_III);
  g_assert_cmpint (h->responsible_id, ==, responsible);
  g_assert_cmpstr (h->deadline, ==, "2026-12-31");

  /* Fields edited on the page, with inline validation first. */
  gtk_editable_set_text (child (hazard_page (), GW_TYPE_HAZARD_PAGE, "deadline_row"), "2026-02-30");
  g_signal_emit_by_name (child (hazard_page (), GW_TYPE_HAZARD_PAGE, "deadline_row"), "apply");
  g_assert_true (gtk_widget_get_visible (child (hazard_page (), GW_TYPE_HAZARD_PAGE,
                                                "rect_error_label")));
  g_assert_cmpuint (n_events (id, "edit"), ==, 0);
  gtk_editable_set_text (child (hazard_page (), GW_TYPE_HAZARD_PAGE, "unit_row"), "石鼓区住建局");
  g_signal_emit_by_name (child (hazard_page (), GW_TYPE_HAZARD_PAGE, "unit_row"), "apply");
  g_assert_cmpuint (n_events (id, "edit"), ==, 1);
  g_assert_cmpstr (gw_hazard_page_get_hazard (hazard_page ())->responsible_unit, ==,
                   "石鼓区住建局");
  gtk_editable_set_text (child (hazard_page (), GW_TYPE_HAZARD_PAGE, "comment_entry"),
                         "已电话督促");
  gtk_widget_activate_action (GTK_WIDGET (hazard_page ()), "hazard.comment", NULL);
  g_assert_cmpuint (n_events (id, "comment"), ==, 1);

  /* An "after" photo, stored with its SHA-256 by a worker. */
  {
    g_autoptr(GdkTexture) texture = NULL;
    guint32 pixels[16 * 12];

    for (guint i = 0; i < G_N_ELEMENTS (pixels); i++)
      pixels[i] = 0xff2c7bb6;
    png_bytes = g_bytes_new (pixels, sizeof pixels);
    texture = gdk_memory_texture_new (16, 12, GDK_MEMORY_B8G8R8A8, png_bytes, 16 * 4);
    png_path = g_build_filename (tmp_dir, "after.png", NULL);
    g_assert_true (gdk_texture_save_to_png (texture, png_path));
    g_clear_pointer (&png_bytes, g_bytes_unref);
    png = g_file_new_for_path (png_path);
    png_bytes = g_file_load_bytes (png, NULL, NULL, &error);
    g_assert_no_error (error);
    png_sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png_bytes);
  }
  gw_hazard_page_add_photo (hazard_page (), png, "after");
  gw_test_wait_until (page_idle, NULL);
  attachments = gw_store_attachments (check_store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attachments->len, ==, 1);
  g_assert_cmpstr (((GwAttachment *) attachments->pdata[0])->kind, ==, "after");
  g_assert_cmpstr (((GwAttachment *) attachments->pdata[0])->sha256, ==, png_sum);
  g_assert_true (gtk_widget_get_visible (child (hazard_page (), GW_TYPE_HAZARD_PAGE,
                                                "after_flow")));
  g_assert_false (gtk_widget_get_visible (child (hazard_page (), GW_TYPE_HAZARD_PAGE,
                                                 "after_empty_label")));

  /* Report done needs nothing. */
  g_assert_null (transition_button ("assess"));
  dialog = press_transition ("report-done");
  apply (dialog);
  g_assert_cmpint (gw_hazard_page_get_hazard (hazard_page ())->state, ==, GW_STATE_VERIFYING);

  /* The regulation office verifies. Pass and downgrade offers the current
   * level and lower ones only. */
  g_assert_false (gtk_widget_get_sensitive (transition_button ("downgrade")));
  gw_window_set_operator_id (window, operator_id);
  dialog = press_transition ("downgrade");
  g_assert_false (gw_transition_dialog_get_valid (dialog));
  gw_transition_dialog_set_level (dialog, GW_LEVEL_II);
  g_assert_false (gw_transition_dialog_get_valid (dialog));
  gw_transition_dialog_set_level (dialog, GW_LEVEL_IV);
  apply (dialog);
  h = gw_hazard_page_get_hazard (hazard_page ());
  g_assert_cmpint (h->state, ==, GW_STATE_DOWNGRADED);
  g_assert_cmpint (h->level, ==, GW_LEVEL_IV);

  dialog = press_transition ("close");
  apply (dialog);
  h = gw_hazard_page_get_hazard (hazard_page ());
  g_assert_cmpint (h->state, ==, GW_STATE_CLOSED);
  g_assert_nonnull (transition_button ("reopen"));
  /* The board's figures follow. */
  g_assert_cmpint (gw_window_get_stats (window)->by_state[GW_STATE_CLOSED], ==, closed_before + 1);

  /* Every step is in the database, by whoever was the operator, in order. */
  after = stored (id);
  g_assert_cmpint (after->state, ==, GW_STATE_CLOSED);
  g_assert_cmpstr (after->closed_date, ==, TODAY);
  events = gw_store_hazard_events (check_store, id, &error);
  g_assert_no_error (error);
  for (guint i = before_events; i < events->len; i++)
    {
      GwEvent *e = events->pdata[i];

      if (g_strcmp0 (e->kind, "transition") != 0 && g_strcmp0 (e->kind, "level") != 0)
        g_assert_cmpint (e->actor_id, ==, chief);
      if (g_strcmp0 (e->kind, "transition") != 0)
        continue;
      g_assert_cmpint (e->actor_id, ==, next < 2 ? chief : operator_id);
      g_assert_cmpuint (next, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (e->name, ==, expected[next]);
      if (next == 0)
        {
          g_assert_cmpstr (e->from_value, ==, "reported");
          g_assert_cmpstr (e->to_value, ==, "rectifying");
          g_assert_cmpstr (e->note, ==, "周例会交办");
        }
      next++;
    }
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (n_events (id, "level"), ==, 1);
  g_assert_cmpuint (n_events (id, "attachment"), ==, 1);
  /* The page shows the same history. */
  g_assert_cmpuint (gw_hazard_page_get_events (hazard_page ())->len, ==, events->len);

  /* Back to the list, which has read the change. */
  gtk_widget_activate_action (GTK_WIDGET (hazard_page ()), "hazard.back", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "views");
  wait_for_ledger ();
  assert_counts_match ();
}

/* ---- bulk changes -------------------------------------------------------------------- */

static gboolean
ledger_dialog_gone (gpointer data)
{
  return gw_ledger_get_dialog (ledger ()) == NULL;
}

static void
close_message_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (item))
        gtk_window_destroy (GTK_WINDOW (item));
    }
}

static void
test_bulk_refused (void)
{
  GtkDropDown *states = child (ledger (), GW_TYPE_LEDGER, "state_dropdown");
  GtkSelectionModel *selection = gw_ledger_get_selection (ledger ());
  GwHazardModel *model = gw_ledger_get_model (ledger ());
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GwHazard) a_before = NULL;
  g_autoptr(GwHazard) b_before = NULL;
  g_autoptr(GwHazard) a_after = NULL;
  g_autoptr(GwHazard) b_after = NULL;
  GwTransitionDialog *dialog;
  const GwHazard *a = NULL, *b = NULL;
  guint pa = 0, pb = 0, a_events, b_events;
  const char *message;

  clear_filters ();
  gtk_drop_down_set_selected (states, find_string (states, gw_state_label (GW_STATE_VERIFYING)));
  wait_for_ledger ();
  rows = all_rows ();

  /* Two hazards awaiting verification at different levels: @a the more
   * serious one. Downgrading both to @a's level would raise @b's. */
  for (guint i = 0; i < rows->len && b == NULL; i++)
    for (guint j = 0; j < rows->len && b == NULL; j++)
      {
        const GwHazard *x = gw_hazard_item_get_hazard (rows->pdata[i]);
        const GwHazard *y = gw_hazard_item_get_hazard (rows->pdata[j]);

        if (x->level != GW_LEVEL_NONE && y->level != GW_LEVEL_NONE && x->level < y->level)
          {
            a = x, pa = i;
            b = y, pb = j;
          }
      }
  g_assert_nonnull (b);
  a_before = gw_hazard_copy (a);
  b_before = gw_hazard_copy (b);
  a_events = n_events (a->id, NULL);
  b_events = n_events (b->id, NULL);

  /* A click and a Ctrl+click. */
  gtk_selection_model_select_item (selection, pa, TRUE);
  gtk_selection_model_select_item (selection, pb, FALSE);
  g_assert_true (gtk_widget_get_visible (child (ledger (), GW_TYPE_LEDGER, "selection_box")));

  gtk_widget_activate_action (GTK_WIDGET (ledger ()), "ledger.move", "s", "downgrade");
  dialog = GW_TRANSITION_DIALOG (gw_ledger_get_dialog (ledger ()));
  g_assert_nonnull (dialog);
  gw_transition_dialog_set_level (dialog, a->level);
  g_assert_true (gw_transition_dialog_apply (dialog));
  gw_test_wait_until (ledger_dialog_gone, NULL);
  wait_for_ledger ();

  /* Refused, named, and nothing changed. */
  message = gw_ledger_get_last_error (ledger ());
  g_assert_nonnull (message);
  g_test_message ("refused: %s", message);
  g_assert_nonnull (strstr (message, b_before->number));
  g_assert_nonnull (strstr (message, "Nothing was changed"));
  a_after = stored (a_before->id);
  b_after = stored (b_before->id);
  g_assert_cmpint (a_after->state, ==, GW_STATE_VERIFYING);
  g_assert_cmpint (b_after->state, ==, GW_STATE_VERIFYING);
  g_assert_cmpint (a_after->level, ==, a_before->level);
  g_assert_cmpint (b_after->level, ==, b_before->level);
  g_assert_cmpuint (n_events (a_before->id, NULL), ==, a_events);
  g_assert_cmpuint (n_events (b_before->id, NULL), ==, b_events);
  close_message_dialogs ();

  /* The same selection downgraded to the less serious level goes through. */
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (selection)), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (ledger ()), "ledger.move", "s", "downgrade");
  dialog = GW_TRANSITION_DIALOG (gw_ledger_get_dialog (ledger ()));
  gw_transition_dialog_set_level (dialog, b_before->level);
  g_assert_true (gw_transition_dialog_apply (dialog));
  gw_test_wait_until (ledger_dialog_gone, NULL);
  wait_for_ledger ();
  g_assert_null (gw_ledger_get_last_error (ledger ()));
  g_clear_pointer (&a_after, gw_hazard_free);
  g_clear_pointer (&b_after, gw_hazard_free);
  a_after = stored (a_before->id);
  b_after = stored (b_before->id);
  g_assert_cmpint (a_after->state, ==, GW_STATE_DOWNGRADED);
  g_assert_cmpint (b_after->state, ==, GW_STATE_DOWNGRADED);
  g_assert_cmpint (a_after->level, ==, b_before->level);
  g_assert_cmpint (b_after->level, ==, b_before->level);
  /* The list no longer holds them, and says so. */
  assert_counts_match ();
  g_assert_null (gw_hazard_model_peek_item (model, rows->len - 1));
}

static void
record_fraction (double         *reached,
                 GParamSpec     *pspec,
                 GtkProgressBar *progress)
{
  *reached = MAX (*reached, gtk_progress_bar_get_fraction (progress));
}

static void
test_bulk_deadline (void)
{
  GtkDropDown *states = child (ledger (), GW_TYPE_LEDGER, "state_dropdown");
  GtkSelectionModel *selection = gw_ledger_get_selection (ledger ());
  GwHazardModel *model = gw_ledger_get_model (ledger ());
  GtkProgressBar *progress = child (ledger (), GW_TYPE_LEDGER, "bulk_progress");
  GtkWindow *dialog;
  gint64 ids[3];
  double reached = 0;

  clear_filters ();
  /* The change reports its progress on the bar beside the counts. */
  g_signal_connect_swapped (progress, "notify::fraction", G_CALLBACK (record_fraction), &reached);
  gtk_drop_down_set_selected (states, find_string (states, gw_state_label (GW_STATE_RECTIFYING)));
  wait_for_ledger ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 3);
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  for (guint i = 0; i < 3; i++)
    ids[i] = gw_hazard_model_peek_id (model, i);

  gtk_widget_activate_action (GTK_WIDGET (ledger ()), "ledger.set-deadline", NULL);
  dialog = gw_ledger_get_dialog (ledger ());
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  /* The date from the calendar beside the entry. */
  {
    GtkEntry *entry = GTK_ENTRY (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
    g_autoptr(GDateTime) january = g_date_time_new_local (2027, 1, 1, 12, 0, 0);
    g_autoptr(GDateTime) day = g_date_time_new_local (2027, 1, 15, 12, 0, 0);

    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
    gw_date_picker_open (entry);
    gtk_calendar_select_day (gw_date_picker_get_calendar (entry), january);
    gtk_calendar_select_day (gw_date_picker_get_calendar (entry), day);
    g_signal_emit_by_name (gw_date_picker_get_calendar (entry), "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2027-01-15");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (dialog);
  wait_for_ledger ();

  g_assert_null (gw_ledger_get_last_error (ledger ()));
  g_signal_handlers_disconnect_by_data (progress, &reached);
  g_assert_cmpfloat (reached, ==, 1.0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GwHazard) h = stored (ids[i]);

      g_assert_cmpstr (h->deadline, ==, "2027-01-15");
      g_assert_cmpuint (n_events (ids[i], "edit"), >=, 1);
    }
  assert_counts_match ();
}

/* ---- the window ------------------------------------------------------------------- */

static void
test_window_views (void)
{
  AdwViewStack *stack = child (window, GW_TYPE_WINDOW, "view_stack");
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  GtkWidget *replacement = gtk_label_new ("a map");
  g_autofree char *last = NULL;

  /* The four places, the ledger first by default, and the last one kept. */
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "map"));
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "cadence"));
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "board"));
  gw_window_show_view (window, "board");
  last = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last, ==, "board");
  g_assert_nonnull (gw_window_get_kpi_text (window, "hazards"));

  /* Other views replace their placeholders. */
  gw_window_set_page_widget (window, "map", replacement);
  g_assert_true (gtk_widget_get_ancestor (replacement, GW_TYPE_WINDOW) == GTK_WIDGET (window));
  gw_window_show_view (window, "ledger");

  /* The operator is shown and recorded. */
  g_assert_cmpint (gw_window_get_operator_id (window), ==, operator_id);

  /* A change written elsewhere is read on the open connection. */
  gw_window_refresh (window);
  g_assert_false (gw_window_get_busy (window));
  wait_for_ledger ();
  assert_counts_match ();
}

static gboolean
window_dialog_gone (gpointer data)
{
  return gw_window_get_dialog (window) == NULL;
}

static void
test_window_dialogs (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  GwOperatorDialog *chooser;
  GwNewHazardDialog *new_hazard;
  GtkWindow *preferences;
  const GwEnterprise *enterprise;
  gint64 other = 0, id, enterprise_id;

  /* The operator is chosen from the staff, searchable, and remembered. */
  staff = gw_store_staff (check_store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < staff->len && other == 0; i++)
    if (((GwStaff *) staff->pdata[i])->role == GW_ROLE_GRID_CHIEF)
      other = ((GwStaff *) staff->pdata[i])->id;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.operator", NULL);
  chooser = GW_OPERATOR_DIALOG (gw_window_get_dialog (window));
  g_assert_nonnull (chooser);
  g_assert_cmpint (gw_operator_dialog_get_selected (chooser), ==, operator_id);
  gw_operator_dialog_set_search (chooser, "grid-chief");
  g_assert_true (gw_operator_dialog_select (chooser, other));
  g_assert_true (gw_operator_dialog_accept (chooser));
  gw_test_wait_until (window_dialog_gone, NULL);
  g_assert_cmpint (gw_window_get_operator_id (window), ==, other);
  g_assert_cmpint (g_settings_get_int64 (settings, "operator-id"), ==, other);

  /* A new hazard, recorded by the operator in their own grid, opens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-hazard", NULL);
  new_hazard = GW_NEW_HAZARD_DIALOG (gw_window_get_dialog (window));
  g_assert_nonnull (new_hazard);
  g_assert_cmpint (gw_new_hazard_dialog_create (new_hazard), ==, 0);
  gw_new_hazard_dialog_set_title (new_hazard, "河道边建筑垃圾堆放");
  /* Its enterprise is picked among the grid's, found by part of its credit code. */
  {
    GwEnterprisePicker *picker = child (new_hazard, GW_TYPE_NEW_HAZARD_DIALOG,
                                        "enterprise_picker");
    GwStaff *chief = gw_store_staff_get (check_store, other, &error);
    g_autoptr(GPtrArray) enterprises = NULL;
    g_autofree char *code_part = NULL;

    g_assert_no_error (error);
    enterprises = gw_store_enterprises (check_store, chief->grid_id, &error);
    gw_staff_free (chief);
    g_assert_no_error (error);
    g_assert_cmpuint (enterprises->len, >=, 2);
    g_assert_cmpuint (gw_enterprise_picker_get_n_shown (picker), ==, enterprises->len + 1);
    g_assert_cmpint (gw_enterprise_picker_get_selected (picker), ==, 0);
    enterprise = enterprises->pdata[1];
    code_part = g_strndup (enterprise->credit_code + 8, 9);
    gw_enterprise_picker_search (picker, code_part);
    g_assert_cmpuint (gw_enterprise_picker_get_n_shown (picker), ==, 2);
    gw_enterprise_picker_activate (picker, 1);
    g_assert_cmpint (gw_enterprise_picker_get_selected (picker), ==, enterprise->id);
    enterprise_id = enterprise->id;
  }
  id = gw_new_hazard_dialog_create (new_hazard);
  g_assert_cmpint (id, >, 0);
  gw_test_wait_until (window_dialog_gone, NULL);
  g_assert_cmpint (gw_hazard_page_get_hazard (hazard_page ())->id, ==, id);
  g_assert_cmpint (gw_hazard_page_get_hazard (hazard_page ())->found_by, ==, other);
  g_assert_cmpint (gw_hazard_page_get_hazard (hazard_page ())->enterprise_id, ==, enterprise_id);
  g_assert_cmpuint (n_events (id, "create"), ==, 1);
  /* On the page the same picker shows it, and choosing none is an edit. */
  {
    GwEnterprisePicker *picker = child (hazard_page (), GW_TYPE_HAZARD_PAGE, "enterprise_row");

    picker = GW_ENTERPRISE_PICKER (find_descendant (GTK_WIDGET (picker),
                                                    GW_TYPE_ENTERPRISE_PICKER));
    g_assert_nonnull (picker);
    g_assert_cmpint (gw_enterprise_picker_get_selected (picker), ==, enterprise_id);
    gw_enterprise_picker_search (picker, "");
    gw_enterprise_picker_activate (picker, 0);
    g_assert_cmpuint (n_events (id, "edit"), ==, 1);
    g_assert_cmpint (gw_hazard_page_get_hazard (hazard_page ())->enterprise_id, ==, 0);
    {
      g_autoptr(GwHazard) h = stored (id);

      g_assert_cmpint (h->enterprise_id, ==, 0);
    }
  }
  gtk_widget_activate_action (GTK_WIDGET (hazard_page ()), "hazard.back", NULL);
  gw_window_set_operator_id (window, operator_id);

  /* Preferences are the settings. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  preferences = gw_window_get_dialog (window);
  g_assert_true (ADW_IS_PREFERENCES_WINDOW (preferences));
  g_settings_set_string (settings, "reporting-unit", "衡阳市生态环境局督办科");
  unit = g_strdup (gtk_editable_get_text (child (preferences, GW_TYPE_PREFERENCES, "unit_row")));
  g_assert_cmpstr (unit, ==, "衡阳市生态环境局督办科");
  gtk_window_destroy (preferences);
}

static void
make_demo (void)
{
  demo_path = gw_test_make_demo (tmp_dir, "demo.db", 500, 1, TODAY);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Overdue figures and the dates of changes are those of the demo city. */
  g_setenv ("GRIDWATCH_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The rows' colours and the lining up of titles and cells depend on it. */
  gw_ui_load_style ();

  tmp_dir = g_dir_make_tmp ("gridwatch-ledger-XXXXXX", &error);
  g_assert_no_error (error);
  make_demo ();
  check_store = gw_store_open (demo_path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* Somebody of the regulation office works here: they may make every
   * transition of every grid (gw-roles.h). */
  operator_id = gw_test_regulator_id (demo_path);

  window = gw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_open (window, demo_path);
  gw_test_wait_until (window_settled, NULL);
  g_assert_null (gw_window_get_error_message (window));
  gw_window_set_operator_id (window, operator_id);
  gw_window_show_view (window, "ledger");

  g_test_add_func ("/ui/ledger/open", test_ledger_open);
  g_test_add_func ("/ui/ledger/overdue-rows", test_ledger_overdue_rows);
  g_test_add_func ("/ui/ledger/alignment", test_ledger_alignment);
  g_test_add_func ("/ui/ledger/filter-grid", test_ledger_filter_grid);
  g_test_add_func ("/ui/ledger/filter-text", test_ledger_filter_text);
  g_test_add_func ("/ui/ledger/sort", test_ledger_sort);
  g_test_add_func ("/ui/hazard/flow", test_hazard_flow);
  g_test_add_func ("/ui/ledger/bulk-refused", test_bulk_refused);
  g_test_add_func ("/ui/ledger/bulk-deadline", test_bulk_deadline);
  g_test_add_func ("/ui/window/views", test_window_views);
  g_test_add_func ("/ui/window/dialogs", test_window_dialogs);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&check_store);
  gw_test_remove_tree (tmp_dir);
  g_free (demo_path);
  g_free (tmp_dir);
  return status;
}
