/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-cadence-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-cadence-view.h"
#include "gw-check-dialog.h"

typedef enum {
  PERIOD_3_MONTHS,
  PERIOD_6_MONTHS,
  PERIOD_12_MONTHS,
  PERIOD_THIS_YEAR,
  PERIOD_CUSTOM,
} Period;

struct _GwCadenceView
{
  AdwBin            parent_instance;

  GwStore          *store;
  GwCadence        *cadence;
  GDate             from, to;
  GCancellable     *cancellable;     /* of the newest load */
  guint             n_loading;
  gboolean          syncing;         /* while the period widgets are set from code */

  /* template */
  GtkDropDown      *period_dropdown;
  GtkMenuButton    *from_button;
  GtkMenuButton    *to_button;
  GtkCalendar      *from_calendar;
  GtkCalendar      *to_calendar;
  GtkSpinner       *spinner;
  AdwViewStack     *stack;
  GtkBox           *legend;
  GtkLabel         *summary_label;
  GtkStack         *matrix_stack;
  AdwStatusPage    *empty_page;
  GwCadenceMatrix  *matrix;
  GwInterviewList  *interview_list;
  GwMeetingView    *meeting_view;
};

G_DEFINE_FINAL_TYPE (GwCadenceView, gw_cadence_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  HAZARD_ACTIVATED,
  RECORDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (GwCadenceView *self);

/* ---- period -------------------------------------------------------------------- */

static void
period_dates (Period  period,
              GDate  *from,
              GDate  *to)
{
  static const guint months[] = { 3, 6, 12 };
  GDate today;

  gw_date_today (&today);
  if (period == PERIOD_THIS_YEAR)
    {
      g_date_clear (from, 1);
      g_date_clear (to, 1);
      g_date_set_dmy (from, 1, G_DATE_JANUARY, g_date_get_year (&today));
      g_date_set_dmy (to, 31, G_DATE_DECEMBER, g_date_get_year (&today));
      return;
    }
  /* Whole months, the current one included, so its coming dekads show as not yet due. */
  *from = today;
  g_date_set_day (from, 1);
  g_date_subtract_months (from, months[MIN (period, PERIOD_12_MONTHS)] - 1);
  *to = today;
  g_date_set_day (to, g_date_get_days_in_month (g_date_get_month (&today),
                                                g_date_get_year (&today)));
}

static void
select_calendar_day (GtkCalendar *calendar,
                     const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date),
                                                   g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  gtk_calendar_select_day (calendar, dt);
}

static void
show_period (GwCadenceView *self)
{
  g_autofree char *from = gw_date_to_string (&self->from);
  g_autofree char *to = gw_date_to_string (&self->to);

  self->syncing = TRUE;
  gtk_menu_button_set_label (self->from_button, from);
  gtk_menu_button_set_label (self->to_button, to);
  select_calendar_day (self->from_calendar, &self->from);
  select_calendar_day (self->to_calendar, &self->to);
  self->syncing = FALSE;
}

static void
period_selected_cb (GwCadenceView *self)
{
  Period period = gtk_drop_down_get_selected (self->period_dropdown);

  if (self->syncing || period == PERIOD_CUSTOM)
    return;
  period_dates (period, &self->from, &self->to);
  show_period (self);
  load (self);
}

static void
custom_day_selected (GwCadenceView *self,
                     GtkCalendar   *calendar,
                     GDate         *date)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  if (self->syncing)
    return;
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  /* Keep the period the right way round. */
  if (g_date_compare (&self->from, &self->to) > 0)
    {
      if (date == &self->from)
        self->to = self->from;
      else
        self->from = self->to;
    }
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_CUSTOM);
  self->syncing = FALSE;
  show_period (self);
  load (self);
}

static void
from_day_selected_cb (GwCadenceView *self)
{
  custom_day_selected (self, self->from_calendar, &self->from);
  gtk_menu_button_popdown (self->from_button);
}

static void
to_day_selected_cb (GwCadenceView *self)
{
  custom_day_selected (self, self->to_calendar, &self->to);
  gtk_menu_button_popdown (self->to_button);
}

/* ---- loading -------------------------------------------------------------------- */

typedef struct {
  char      *path;
  GDate      from, to;
  GwCadence *cadence;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->cadence, gw_cadence_free);
  g_free (data);
}

/* SQLite connections belong to one thread: the worker opens its own. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = gw_store_open (data->path, GW_STORE_OPEN_READONLY, &error);
  if (store == NULL ||
      (data->cadence = gw_store_cadence (store, &data->from, &data->to, NULL, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
update_summary (GwCadenceView *self)
{
  const GwCadence *c = self->cadence;
  g_autofree char *grids = NULL, *dekads = NULL, *text = NULL;
  guint done = 0, counted = 0;

  if (c == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }
  for (guint i = 0; i < c->dekads->len; i++)
    {
      done += c->done_per_dekad[i];
      counted += c->counted_per_dekad[i];
    }
  grids = g_strdup_printf (ngettext ("%u grid", "%u grids", c->rows->len), c->rows->len);
  dekads = g_strdup_printf (ngettext ("%u dekad", "%u dekads", c->dekads->len), c->dekads->len);
  /* TRANSLATORS: summary over the matrix: grids, dekads, as-of date, compliance */
  text = g_strdup_printf (_("%s × %s · as of %s · %.1f%% of the analyses due were recorded"),
                          grids, dekads, c->as_of, counted ? 100.0 * done / counted : 100.0);
  gtk_label_set_text (self->summary_label, text);
}

static void
set_cadence (GwCadenceView *self,
             GwCadence     *cadence)
{
  GwCadence *old = self->cadence;

  /* The widgets borrow the matrix: hand them the new one before the old goes. */
  self->cadence = cadence;
  gw_cadence_matrix_set_cadence (self->matrix, cadence);
  gw_interview_list_set_cadence (self->interview_list, cadence);
  g_clear_pointer (&old, gw_cadence_free);
  gtk_stack_set_visible_child_name (self->matrix_stack,
                                    cadence && cadence->rows->len > 0 ? "matrix" : "empty");
  update_summary (self);
}

static void
set_loading (GwCadenceView *self,
             int            delta)
{
  gboolean was_busy = self->n_loading > 0;

  self->n_loading += delta;
  gtk_spinner_set_spinning (self->spinner, self->n_loading > 0);
  if (was_busy != (self->n_loading > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GwCadenceView) self = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);
  LoadData *data = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (task, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_title (self->empty_page, _("Could Not Compute the Matrix"));
          adw_status_page_set_description (self->empty_page, error->message);
          set_cadence (self, NULL);
        }
    }
  else if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    set_cadence (self, g_steal_pointer (&data->cadence));
  set_loading (self, -1);
}

static void
load (GwCadenceView *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Database Open"));
      adw_status_page_set_description (self->empty_page, NULL);
      set_cadence (self, NULL);
      return;
    }
  adw_status_page_set_title (self->empty_page, _("No Grids"));
  adw_status_page_set_description (self->empty_page,
                                   _("Import the township boundaries to see their ten-day analyses."));

  self->cancellable = g_cancellable_new ();
  data = g_new0 (LoadData, 1);
  data->path = g_strdup (gw_store_get_path (self->store));
  data->from = self->from;
  data->to = self->to;
  task = g_task_new (NULL, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  set_loading (self, 1);
  g_task_run_in_thread (task, load_thread);
}

/* ---- records ------------------------------------------------------------------- */

static GtkWindow *
parent_window (GwCadenceView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
check_saved_cb (GwCheckDialog *dialog,
                gint64         check_id,
                GwCadenceView *self)
{
  load (self);
  g_signal_emit (self, signals[RECORDS_CHANGED], 0);
}

static void
dialog_hazard_activated_cb (GwCheckDialog *dialog,
                            gint64         hazard_id,
                            GwCadenceView *self)
{
  g_signal_emit (self, signals[HAZARD_ACTIVATED], 0, hazard_id);
}

static void
present_dialog (GwCadenceView *self,
                GwCheckDialog *dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (check_saved_cb), self, 0);
  g_signal_connect_object (dialog, "hazard-activated", G_CALLBACK (dialog_hazard_activated_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_record (GwCadenceView *self,
             gint64         check_id)
{
  g_autoptr(GError) error = NULL;
  GwCheckDialog *dialog = gw_check_dialog_new_view (self->store, check_id, &error);

  if (dialog == NULL)
    {
      GtkWidget *message = adw_message_dialog_new (parent_window (self),
                                                   _("Could Not Open the Record"),
                                                   error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }
  present_dialog (self, dialog);
}

static void
new_record (GwCadenceView *self,
            GwCheckKind    kind,
            gint64         grid_id,
            const char    *date)
{
  if (self->store == NULL)
    return;
  present_dialog (self, gw_check_dialog_new_record (self->store, kind, grid_id, date));
}

/* The day a late or current record gets by default: today, or the period's last day. */
static char *
default_day (const GDate *first,
             const GDate *last)
{
  GDate today;

  gw_date_today (&today);
  if (g_date_compare (&today, first) >= 0 && g_date_compare (&today, last) <= 0)
    return gw_date_to_string (&today);
  return gw_date_to_string (g_date_compare (&today, last) > 0 ? last : first);
}

typedef struct {
  GwCadenceView *self;
  gint64         grid_id;
  char          *date;
} Offer;

static void
offer_free (Offer *offer)
{
  g_object_unref (offer->self);
  g_free (offer->date);
  g_free (offer);
}

static void
offer_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Offer            *offer)
{
  if (g_strcmp0 (response, "record") == 0)
    new_record (offer->self, GW_CHECK_ANALYSIS, offer->grid_id, offer->date);
}

static void
offer_record (GwCadenceView *self,
              GwCadenceRow  *row,
              guint          dekad)
{
  GwDekad dk = g_array_index (self->cadence->dekads, GwDekad, dekad);
  g_autofree char *label = gw_dekad_to_label (dk);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  Offer *offer = g_new0 (Offer, 1);
  GDate first, last;

  gw_dekad_first_day (dk, &first);
  gw_dekad_last_day (dk, &last);
  offer->self = g_object_ref (self);
  offer->grid_id = row->grid_id;
  offer->date = default_day (&first, &last);

  if (row->cells[dekad] == GW_CADENCE_MISSED)
    /* TRANSLATORS: grid, dekad */
    body = g_strdup_printf (_("%s recorded no ten-day analysis in %s. If it was held and not entered, record it now with the day it was held."),
                            row->grid_name, label);
  else
    body = g_strdup_printf (_("%s has not recorded the ten-day analysis of %s yet."),
                            row->grid_name, label);
  dialog = adw_message_dialog_new (parent_window (self),
                                   row->cells[dekad] == GW_CADENCE_MISSED
                                   ? _("Analysis Missed") : _("Analysis Due"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record Analysis…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (offer_response_cb), offer,
                         (GClosureNotify) (void (*) (void)) offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cell_activated_cb (GwCadenceMatrix *matrix,
                   guint            row_index,
                   guint            dekad,
                   GwCadenceView   *self)
{
  GwCadenceRow *row;

  g_assert (self->cadence != NULL && row_index < self->cadence->rows->len);

  row = self->cadence->rows->pdata[row_index];
  switch (row->cells[dekad])
    {
    case GW_CADENCE_DONE:
      open_record (self, row->records[dekad]);
      break;
    case GW_CADENCE_MISSED:
    case GW_CADENCE_DUE:
      offer_record (self, row, dekad);
      break;
    case GW_CADENCE_NOT_YET_DUE:
    default:
      break;
    }
}

/* ---- patrols of a month --------------------------------------------------------- */

typedef struct {
  GwCadenceView *self;
  gint64         grid_id;
  char          *date;        /* for a new patrol */
} PatrolList;

static void
patrol_list_free (PatrolList *list)
{
  g_object_unref (list->self);
  g_free (list->date);
  g_free (list);
}

static void
patrol_row_activated_cb (GtkListBox    *box,
                         GtkListBoxRow *row,
                         PatrolList    *list)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "check-id");

  if (id)
    open_record (list->self, *id);
}

static void
new_patrol_clicked_cb (GtkButton  *button,
                       PatrolList *list)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  new_record (list->self, GW_CHECK_PATROL, list->grid_id, list->date);
  gtk_window_destroy (window);
}

static void
fill_patrols (GwCadenceView *self,
              GtkListBox    *box,
              gint64         grid_id,
              const char    *month)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (self->store,
    "SELECT c.id, c.date, s.name, c.area, c.minutes, (SELECT count(*) FROM check_hazards l"
    "   WHERE l.check_id = c.id AND l.relation = 'found')"
    " FROM checks c LEFT JOIN staff s ON s.id = c.by_id"
    " WHERE c.grid_id = ?1 AND c.kind = 'patrol' AND substr (c.date, 1, 7) = ?2"
    " ORDER BY c.date, c.id", &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, grid_id);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *who = (const char *) sqlite3_column_text (stmt, 2);
      const char *area = (const char *) sqlite3_column_text (stmt, 3);
      const char *minutes = (const char *) sqlite3_column_text (stmt, 4);
      const char *notes = area ? area : (minutes ? minutes : "");
      int found = sqlite3_column_int (stmt, 5);
      g_autofree char *title = NULL, *subtitle = NULL;

      title = g_strdup_printf ("%s · %s", (const char *) sqlite3_column_text (stmt, 1),
                               who ? who : "—");
      if (found > 0)
        /* TRANSLATORS: a patrol's route or notes, then how many hazards it found */
        subtitle = g_strdup_printf (ngettext ("%s · %d hazard found", "%s · %d hazards found",
                                              found), notes, found);
      else
        subtitle = g_strdup (notes);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "check-id", g_memdup2 (&id, sizeof id), g_free);
      gtk_list_box_append (box, row);
    }
  sqlite3_reset (stmt);
}

static void
patrols_activated_cb (GwCadenceMatrix *matrix,
                      guint            row_index,
                      guint            month_index,
                      GwCadenceView   *self)
{
  GwCadenceRow *row = self->cadence->rows->pdata[row_index];
  GwDekad d = g_array_index (self->cadence->dekads, GwDekad, 0);
  guint k = d.year * 12 + d.month - 1 + month_index;
  g_autofree char *month = g_strdup_printf ("%04u-%02u", k / 12, k % 12 + 1);
  g_autofree char *title = NULL;
  PatrolList *list = g_new0 (PatrolList, 1);
  GtkWidget *window, *box, *header, *button, *scrolled, *clamp, *listbox, *placeholder;
  GDate first, last;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, k % 12 + 1, k / 12);
  last = first;
  g_date_set_day (&last, g_date_get_days_in_month (k % 12 + 1, k / 12));
  list->self = g_object_ref (self);
  list->grid_id = row->grid_id;
  list->date = default_day (&first, &last);

  window = adw_window_new ();
  /* TRANSLATORS: title of the patrol list: grid, month (YYYY-MM) */
  title = g_strdup_printf (_("Patrols of %s in %s"), row->grid_name, month);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent_window (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 480);
  g_object_set_data_full (G_OBJECT (window), "patrol-list", list,
                          (GDestroyNotify) patrol_list_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  button = gtk_button_new_with_mnemonic (_("Record _Patrol…"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect (button, "clicked", G_CALLBACK (new_patrol_clicked_cb), list);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (box), header);

  listbox = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (listbox), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (listbox, "boxed-list");
  gtk_widget_set_margin_top (listbox, 12);
  gtk_widget_set_margin_bottom (listbox, 12);
  placeholder = gtk_label_new (_("No patrols were recorded in this month."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (listbox), placeholder);
  g_signal_connect (listbox, "row-activated", G_CALLBACK (patrol_row_activated_cb), list);
  fill_patrols (self, GTK_LIST_BOX (listbox), row->grid_id, month);

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), listbox);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- other pages ----------------------------------------------------------------- */

static void
interview_activated_cb (GwInterviewList *list,
                        guint            row_index,
                        GwCadenceView   *self)
{
  GwCadenceRow *row = self->cadence->rows->pdata[row_index];
  guint dekad = 0;
  double x, y;

  for (guint i = 0; i < self->cadence->dekads->len; i++)
    if (gw_dekad_compare (g_array_index (self->cadence->dekads, GwDekad, i),
                          row->miss_run_end) == 0)
      dekad = i;
  adw_view_stack_set_visible_child_name (self->stack, "matrix");
  gw_cadence_matrix_cell_point (self->matrix, row_index, GW_MATRIX_HIT_DEKAD, dekad, &x, &y);
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix));
}

static void
meeting_added_cb (GwMeetingView *view,
                  gint64         meeting_id,
                  GwCadenceView *self)
{
  g_signal_emit (self, signals[RECORDS_CHANGED], 0);
}

static void
meeting_hazard_activated_cb (GwMeetingView *view,
                             gint64         hazard_id,
                             GwCadenceView *self)
{
  g_signal_emit (self, signals[HAZARD_ACTIVATED], 0, hazard_id);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GwCadenceView *self = GW_CADENCE_VIEW (widget);

  new_record (self, strcmp (action_name, "cadence.record-patrol") == 0
                    ? GW_CHECK_PATROL : GW_CHECK_ANALYSIS, 0, NULL);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gw_cadence_view_reload (GW_CADENCE_VIEW (widget));
}

static void
build_legend (GwCadenceView *self)
{
  static const char *const symbols[] = { "✓", "✗", "…", "" };
  static const char *const classes[] = {
    "cadence-done", "cadence-missed", "cadence-due", "cadence-not-yet-due",
  };
  GtkWidget *label;

  for (GwCadenceStatus s = GW_CADENCE_DONE; s <= GW_CADENCE_NOT_YET_DUE; s++)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", symbols[s], gw_cadence_status_label (s));

      label = gtk_label_new (g_strstrip (text));
      gtk_widget_add_css_class (label, "cadence-legend");
      gtk_widget_add_css_class (label, classes[s]);
      gtk_box_insert_child_after (self->legend, label,
                                  gtk_widget_get_prev_sibling (GTK_WIDGET (self->summary_label)));
    }
  /* TRANSLATORS: legend of the matrix: the outlined column is the running dekad */
  label = gtk_label_new (_("Outlined: the running dekad"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_insert_child_after (self->legend, label,
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->summary_label)));
}

/* ---- GObject --------------------------------------------------------------------- */

static void
gw_cadence_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GwCadenceView *self = GW_CADENCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_BUSY: g_value_set_boolean (value, self->n_loading > 0); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_cadence_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GwCadenceView *self = GW_CADENCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE: gw_cadence_view_set_store (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_cadence_view_dispose (GObject *object)
{
  GwCadenceView *self = GW_CADENCE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The children borrow the matrix: they let go of it first. */
  if (self->matrix)
    gw_cadence_matrix_set_cadence (self->matrix, NULL);
  if (self->interview_list)
    gw_interview_list_set_cadence (self->interview_list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_CADENCE_VIEW);
  g_clear_pointer (&self->cadence, gw_cadence_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (gw_cadence_view_parent_class)->dispose (object);
}

static void
gw_cadence_view_class_init (GwCadenceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gw_cadence_view_get_property;
  object_class->set_property = gw_cadence_view_set_property;
  object_class->dispose = gw_cadence_view_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[HAZARD_ACTIVATED] =
    g_signal_new ("hazard-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[RECORDS_CHANGED] =
    g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GW_TYPE_CADENCE_MATRIX);
  g_type_ensure (GW_TYPE_INTERVIEW_LIST);
  g_type_ensure (GW_TYPE_MEETING_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-cadence-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, from_button);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, to_button);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, stack);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, legend);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, matrix_stack);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, matrix);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, interview_list);
  gtk_widget_class_bind_template_child (widget_class, GwCadenceView, meeting_view);
  gtk_widget_class_bind_template_callback (widget_class, period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, cell_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, patrols_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, interview_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, meeting_hazard_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, meeting_added_cb);

  gtk_widget_class_install_action (widget_class, "cadence.record-analysis", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "cadence.record-patrol", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "cadence.reload", NULL);
  gtk_widget_class_install_action (widget_class, "cadence.reload", NULL, reload_action);
}

static void
gw_cadence_view_init (GwCadenceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_legend (self);

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_6_MONTHS);
  self->syncing = FALSE;
  period_dates (PERIOD_6_MONTHS, &self->from, &self->to);
  show_period (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadence.record-analysis", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadence.record-patrol", FALSE);
  load (self);
}

/* ---- public API ------------------------------------------------------------------ */

GtkWidget *
gw_cadence_view_new (GwStore *store)
{
  return g_object_new (GW_TYPE_CADENCE_VIEW, "store", store, NULL);
}

void
gw_cadence_view_set_store (GwCadenceView *self,
                           GwStore       *store)
{
  g_return_if_fail (GW_IS_CADENCE_VIEW (self));
  g_return_if_fail (store == NULL || GW_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadence.record-analysis", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadence.record-patrol", store != NULL);
  gw_meeting_view_set_store (self->meeting_view, store);
  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
gw_cadence_view_reload (GwCadenceView *self)
{
  g_return_if_fail (GW_IS_CADENCE_VIEW (self));

  load (self);
  gw_meeting_view_reload (self->meeting_view);
}

gboolean
gw_cadence_view_get_busy (GwCadenceView *self)
{
  g_return_val_if_fail (GW_IS_CADENCE_VIEW (self), FALSE);
  return self->n_loading > 0;
}

void
gw_cadence_view_set_period (GwCadenceView *self,
                            const GDate   *from,
                            const GDate   *to)
{
  g_return_if_fail (GW_IS_CADENCE_VIEW (self));
  g_return_if_fail (from && to && g_date_valid (from) && g_date_valid (to));

  self->from = *from;
  self->to = g_date_compare (from, to) <= 0 ? *to : *from;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_CUSTOM);
  self->syncing = FALSE;
  show_period (self);
  load (self);
}

void
gw_cadence_view_get_period (GwCadenceView *self,
                            GDate         *from,
                            GDate         *to)
{
  g_return_if_fail (GW_IS_CADENCE_VIEW (self));
  *from = self->from;
  *to = self->to;
}

void
gw_cadence_view_set_visible_page (GwCadenceView *self,
                                  const char    *name)
{
  g_return_if_fail (GW_IS_CADENCE_VIEW (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const GwCadence *
gw_cadence_view_get_cadence (GwCadenceView *self)
{
  g_return_val_if_fail (GW_IS_CADENCE_VIEW (self), NULL);
  return self->cadence;
}

GwCadenceMatrix *
gw_cadence_view_get_matrix (GwCadenceView *self)
{
  g_return_val_if_fail (GW_IS_CADENCE_VIEW (self), NULL);
  return self->matrix;
}

GwInterviewList *
gw_cadence_view_get_interview_list (GwCadenceView *self)
{
  g_return_val_if_fail (GW_IS_CADENCE_VIEW (self), NULL);
  return self->interview_list;
}

GwMeetingView *
gw_cadence_view_get_meeting_view (GwCadenceView *self)
{
  g_return_val_if_fail (GW_IS_CADENCE_VIEW (self), NULL);
  return self->meeting_view;
}
