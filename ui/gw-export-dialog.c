/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-dekad.h"
#include "gw-export-dialog.h"
#include "gw-progress-relay.h"
#include "gw-hazard-model.h"
#include "gw-store.h"
#include "gw-ui-util.h"

/* The entries of the format row, in the order of the .ui. */
enum {
  FORMAT_XLSX,
  FORMAT_CSV_UTF8,
  FORMAT_CSV_GB18030,
};

struct _GwExportDialog
{
  AdwWindow             parent_instance;

  GSettings            *settings;
  char                 *db_path;
  GwFilter             *ledger_filter;    /* NULL: the ledger gave none */
  gint64                n_filtered;
  char                 *out_path;
  char                 *error_message;
  GwExportDialogState   state;
  GCancellable         *cancellable;      /* of the running export */
  GtkFileChooserNative *chooser;
  gboolean              name_edited;      /* the person wrote a name: keep it */
  gboolean              syncing;          /* the code sets an entry: not the person */
  gboolean              close_when_done;
  gboolean              disposed;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *cancel_button;
  GtkButton            *export_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *sheets_group;
  GtkCheckButton       *progress_check;
  GtkCheckButton       *ledger_check;
  GtkCheckButton       *cadence_check;
  GtkCheckButton       *meeting_check;
  AdwPreferencesGroup  *selection_group;
  AdwActionRow         *filter_row;
  GtkCheckButton       *filter_check;
  GtkCheckButton       *all_check;
  AdwEntryRow          *date_row;
  GtkMenuButton        *date_button;
  GtkCalendar          *calendar;
  AdwComboRow          *format_row;
  AdwEntryRow          *name_row;
  GtkLabel             *problem_label;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  AdwStatusPage        *done_page;
  GtkButton            *open_file_button;
};

G_DEFINE_FINAL_TYPE (GwExportDialog, gw_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the worker needs, copied: it touches nothing else of the dialog. */
typedef struct {
  GwExportDialog   *self;      /* kept alive by the task */
  GwProgressRelay  *relay;     /* the export's progress, to the main loop */
  char             *db_path;
  char             *out_path;
  char             *unit;
  GDate             date;
  GwExportSheets    sheets;
  GwFilter         *filter;    /* NULL: every hazard */
  gboolean          csv;
  GwExportEncoding  encoding;
  guint             interview_misses;
} ExportData;

static void
export_data_free (ExportData *data)
{
  gw_progress_relay_free (data->relay);
  g_free (data->db_path);
  g_free (data->out_path);
  g_free (data->unit);
  gw_hazard_model_free_filter (data->filter);
  g_free (data);
}

static void
set_state (GwExportDialog      *self,
           GwExportDialogState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static guint
format (GwExportDialog *self)
{
  return adw_combo_row_get_selected (self->format_row);
}

static const char *
extension (GwExportDialog *self)
{
  return format (self) == FORMAT_XLSX ? "xlsx" : "csv";
}

static GwExportSheets
chosen_sheets (GwExportDialog *self)
{
  GwExportSheets sheets = 0;

  if (gtk_check_button_get_active (self->progress_check))
    sheets |= GW_EXPORT_SHEET_PROGRESS;
  if (gtk_check_button_get_active (self->ledger_check))
    sheets |= GW_EXPORT_SHEET_LEDGER;
  if (gtk_check_button_get_active (self->cadence_check))
    sheets |= GW_EXPORT_SHEET_CADENCE;
  if (gtk_check_button_get_active (self->meeting_check))
    sheets |= GW_EXPORT_SHEET_MEETING;
  return sheets;
}

static gboolean
parse_date (GwExportDialog *self,
            GDate          *date)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  return strlen (text) == 10 && gw_date_parse (text, date);
}

static gboolean
filter_is_empty (const GwFilter *f)
{
  return f->county_id == 0 && f->grid_id == 0 && f->states == 0 && f->levels == 0
         && f->urgencies == 0 && !f->overdue_only && f->campaign_id == 0
         && f->found_from == NULL && f->found_to == NULL
         && f->deadline_from == NULL && f->deadline_to == NULL
         && (f->text == NULL || *f->text == '\0');
}

static void
set_entry_text (GwExportDialog *self,
                AdwEntryRow    *row,
                const char     *text)
{
  gboolean was_syncing = self->syncing;

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->syncing = was_syncing;
}

/* The default name follows the date and the format until the person writes
 * one; a name they wrote only gets the format's extension. */
static void
update_file_name (GwExportDialog *self)
{
  const char *ext = extension (self);
  g_autofree char *name = NULL;
  GDate date;

  if (!self->name_edited)
    {
      g_autofree char *unit = g_settings_get_string (self->settings, "reporting-unit");

      if (!parse_date (self, &date))
        return;
      name = gw_export_default_filename (unit, &date, ext);
    }
  else
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
      g_autofree char *lower = g_ascii_strdown (text, -1);
      gsize stem = strlen (text);

      if (g_str_has_suffix (lower, ".xlsx"))
        stem -= 5;
      else if (g_str_has_suffix (lower, ".csv"))
        stem -= 4;
      else
        return;
      name = g_strdup_printf ("%.*s.%s", (int) stem, text, ext);
    }
  if (g_strcmp0 (name, gtk_editable_get_text (GTK_EDITABLE (self->name_row))) != 0)
    set_entry_text (self, self->name_row, name);
}

static void
show_problem (GwExportDialog *self,
              const char     *problem)
{
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/* Decides what can be chosen and whether Export can be pressed. */
static gboolean
validate (GwExportDialog *self)
{
  gboolean csv = format (self) != FORMAT_XLSX;
  GwExportSheets sheets = chosen_sheets (self);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  gboolean date_ok, name_ok;
  const char *problem = NULL;
  GDate date;

  date_ok = parse_date (self, &date);
  name_ok = *name != '\0' && strchr (name, G_DIR_SEPARATOR) == NULL;
  gw_widget_set_error (self->date_row, !date_ok);
  gw_widget_set_error (self->name_row, !name_ok);

  gtk_widget_set_sensitive (GTK_WIDGET (self->sheets_group), !csv);
  gtk_widget_set_sensitive (GTK_WIDGET (self->selection_group),
                            csv || (sheets & GW_EXPORT_SHEET_LEDGER));
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_row), self->ledger_filter != NULL);

  if (!date_ok)
    problem = _("Write the as-of date as YYYY-MM-DD, or choose a day in the calendar.");
  else if (!csv && sheets == 0)
    problem = _("Choose at least one sheet.");
  else if (!name_ok)
    problem = _("Write a file name without a folder; Export… asks where to save it.");
  show_problem (self, problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), problem == NULL);
  return problem == NULL;
}

static void
show_page (GwExportDialog *self,
           const char     *page)
{
  gboolean options = g_str_equal (page, "options");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), options);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_button_set_label (self->cancel_button, g_str_equal (page, "done") ? _("_Close") : _("_Cancel"));
  if (options)
    validate (self);
}

static char *
describe_error (const GError *error)
{
  const char *hint = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    hint = _("The disk is full. Free some space, or save the file on another disk.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    hint = _("This folder cannot be written to. Choose another folder.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    hint = _("The folder does not exist any more. Choose another folder.");
  if (hint == NULL)
    return g_strdup (error->message);
  return g_strdup_printf ("%s\n\n%s", error->message, hint);
}

static void
show_error (GwExportDialog *self,
            const GError   *error)
{
  GtkWidget *dialog;

  g_free (self->error_message);
  self->error_message = describe_error (error);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export"),
                                   self->error_message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_progress (GObject    *target,
               double      fraction,
               const char *what)
{
  GwExportDialog *self = GW_EXPORT_DIALOG (target);

  if (!self->disposed && self->state == GW_EXPORT_DIALOG_RUNNING
      && !g_cancellable_is_cancelled (self->cancellable))
    {
      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
      gtk_label_set_text (self->progress_label, what != NULL ? what : "");
    }
}

/* The worker reads on a connection of its own: SQLite connections belong to
 * one thread, and the window's stays usable meanwhile. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GwExportOptions options = { 0 };
  gboolean ok;

  store = gw_store_open (data->db_path, GW_STORE_OPEN_READONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  options.sheets = data->sheets;
  options.unit = data->unit;
  options.date = &data->date;
  options.filter = data->filter;
  options.encoding = data->encoding;
  options.interview_misses = data->interview_misses;
  if (data->csv)
    ok = gw_export_csv (store, data->out_path, &options, gw_progress_relay_report, data->relay,
                        cancellable, &error);
  else
    ok = gw_export_xlsx (store, data->out_path, &options, gw_progress_relay_report, data->relay,
                         cancellable, &error);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GwExportDialog *self = GW_EXPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (ok)
    {
      g_autofree char *name = g_filename_display_basename (self->out_path);
      g_autofree char *dir = g_path_get_dirname (self->out_path);
      g_autofree char *dir_name = g_filename_display_name (dir);
      g_autofree char *text = g_strdup_printf (_("“%s” was saved in %s."), name, dir_name);
      g_autofree char *markup = g_markup_escape_text (text, -1);

      adw_status_page_set_description (self->done_page, markup);
      show_page (self, "done");
      set_state (self, GW_EXPORT_DIALOG_DONE);
      gtk_widget_grab_focus (GTK_WIDGET (self->open_file_button));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_page (self, "options");
      set_state (self, GW_EXPORT_DIALOG_CANCELLED);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Export cancelled: no file was written")));
    }
  else
    {
      show_page (self, "options");
      set_state (self, GW_EXPORT_DIALOG_FAILED);
      show_error (self, error);
    }
}

static char *
with_extension (const char *path,
                const char *ext)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *suffix = g_strconcat (".", ext, NULL);

  if (g_str_has_suffix (lower, suffix))
    return g_strdup (path);
  return g_strconcat (path, suffix, NULL);
}

static void
start_export (GwExportDialog *self,
              const char     *path)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;
  guint fmt = format (self);

  data = g_new0 (ExportData, 1);
  data->self = self;
  data->relay = gw_progress_relay_new (G_OBJECT (self), show_progress);
  data->db_path = g_strdup (self->db_path);
  data->out_path = with_extension (path, extension (self));
  data->unit = g_settings_get_string (self->settings, "reporting-unit");
  parse_date (self, &data->date);
  data->csv = fmt != FORMAT_XLSX;
  data->encoding = fmt == FORMAT_CSV_GB18030 ? GW_EXPORT_ENCODING_GB18030
                                               : GW_EXPORT_ENCODING_UTF8;
  data->sheets = chosen_sheets (self);
  data->interview_misses = g_settings_get_uint (self->settings, "interview-misses");
  if (self->ledger_filter != NULL && gtk_check_button_get_active (self->filter_check))
    data->filter = gw_hazard_model_copy_filter (self->ledger_filter);

  g_free (self->out_path);
  self->out_path = g_strdup (data->out_path);
  g_clear_pointer (&self->error_message, g_free);
  self->cancellable = g_cancellable_new ();

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->progress_label, "");
  adw_status_page_set_title (self->progress_page, _("Exporting…"));
  {
    g_autofree char *name = g_filename_display_basename (data->out_path);
    g_autofree char *markup = g_markup_escape_text (name, -1);

    adw_status_page_set_description (self->progress_page, markup);
  }
  show_page (self, "progress");
  set_state (self, GW_EXPORT_DIALOG_RUNNING);

  task = g_task_new (self, self->cancellable, export_cb, NULL);
  g_task_set_source_tag (task, start_export);
  /* The export's own outcome decides: a cancel that comes after the file
   * was renamed into place must not hide it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GwExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (path != NULL)
    gw_export_dialog_export_to (self, path);
}

static GFile *
default_folder (GwExportDialog *self)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->out_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self->out_path);

      return g_file_new_for_path (dir);
    }
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
export_clicked_cb (GwExportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;

  if (!validate (self) || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export to"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (format (self) == FORMAT_XLSX)
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_pattern (filter, "*.xlsx");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_pattern (filter, "*.csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  folder = default_folder (self);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_clicked_cb (GwExportDialog *self)
{
  if (self->state == GW_EXPORT_DIALOG_RUNNING)
    gw_export_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
stop_clicked_cb (GwExportDialog *self)
{
  gw_export_dialog_cancel (self);
}

static void
changed_cb (GwExportDialog *self)
{
  validate (self);
}

static void
format_changed_cb (GwExportDialog *self)
{
  update_file_name (self);
  validate (self);
}

static void
name_changed_cb (GwExportDialog *self)
{
  if (!self->syncing)
    self->name_edited = TRUE;
  validate (self);
}

static void
date_changed_cb (GwExportDialog *self)
{
  GDate date;

  if (parse_date (self, &date) && !self->syncing)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&date),
                                                       g_date_get_month (&date),
                                                       g_date_get_day (&date), 0, 0, 0);
      self->syncing = TRUE;
      gtk_calendar_select_day (self->calendar, dt);
      self->syncing = FALSE;
    }
  update_file_name (self);
  validate (self);
}

static void
day_selected_cb (GwExportDialog *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (self->syncing)
    return;
  dt = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (dt, "%Y-%m-%d");
  set_entry_text (self, self->date_row, text);
  gtk_menu_button_popdown (self->date_button);
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GwExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && !self->disposed)
    {
      g_autofree char *text = g_strdup_printf (_("Could not open it: %s"), error->message);
      g_autofree char *markup = g_markup_escape_text (text, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
    }
}

static void
launch (GwExportDialog *self,
        const char     *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (uri == NULL)
    return;
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launch_cb, g_object_ref (self));
}

static void
open_file_clicked_cb (GwExportDialog *self)
{
  if (self->out_path != NULL)
    launch (self, self->out_path);
}

static void
open_folder_clicked_cb (GwExportDialog *self)
{
  g_autofree char *dir = NULL;

  if (self->out_path == NULL)
    return;
  dir = g_path_get_dirname (self->out_path);
  launch (self, dir);
}

/* Closing while an export runs cancels it; the window goes once the worker
 * has removed its temporary file. */
static gboolean
gw_export_dialog_close_request (GtkWindow *window)
{
  GwExportDialog *self = GW_EXPORT_DIALOG (window);

  if (self->state != GW_EXPORT_DIALOG_RUNNING)
    return GTK_WINDOW_CLASS (gw_export_dialog_parent_class)->close_request (window);
  self->close_when_done = TRUE;
  gw_export_dialog_cancel (self);
  return TRUE;
}

static void
gw_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GwExportDialog *self = GW_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_export_dialog_dispose (GObject *object)
{
  GwExportDialog *self = GW_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (gw_export_dialog_parent_class)->dispose (object);
}

static void
gw_export_dialog_finalize (GObject *object)
{
  GwExportDialog *self = GW_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->ledger_filter, gw_hazard_model_free_filter);
  g_free (self->db_path);
  g_free (self->out_path);
  g_free (self->error_message);
  G_OBJECT_CLASS (gw_export_dialog_parent_class)->finalize (object);
}

static void
gw_export_dialog_class_init (GwExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = gw_export_dialog_get_property;
  object_class->dispose = gw_export_dialog_dispose;
  object_class->finalize = gw_export_dialog_finalize;
  window_class->close_request = gw_export_dialog_close_request;

  /* A GwExportDialogState. */
  properties[PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, 0, GW_EXPORT_DIALOG_FAILED, GW_EXPORT_DIALOG_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, sheets_group);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, progress_check);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, ledger_check);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, cadence_check);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, meeting_check);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, selection_group);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, filter_row);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, filter_check);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, GwExportDialog, open_file_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_file_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gw_export_dialog_init (GwExportDialog *self)
{
  g_autofree char *today = NULL;
  GDate date;

  self->settings = g_settings_new (BASE_ID);
  gtk_widget_init_template (GTK_WIDGET (self));

  gw_date_today (&date);
  today = gw_date_to_string (&date);
  set_entry_text (self, self->date_row, today);
  date_changed_cb (self);
}

GwExportDialog *
gw_export_dialog_new (GtkWindow      *parent,
                      const char     *db_path,
                      const GwFilter *ledger_filter,
                      gint64          n_filtered)
{
  GwExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (GW_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);
  self->n_filtered = n_filtered;
  if (ledger_filter != NULL && !filter_is_empty (ledger_filter))
    {
      self->ledger_filter = gw_hazard_model_copy_filter (ledger_filter);
      /* Overdue is counted to the as-of date. */
      g_clear_pointer ((char **) &self->ledger_filter->today, g_free);
    }

  if (self->ledger_filter == NULL)
    adw_action_row_set_subtitle (self->filter_row, _("No filter is set in the ledger"));
  else if (n_filtered >= 0)
    {
      g_autofree char *count = g_strdup_printf ("%'" G_GINT64_FORMAT, n_filtered);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s hazard, as listed in the ledger",
                                                            "%s hazards, as listed in the ledger",
                                                            n_filtered), count);

      adw_action_row_set_subtitle (self->filter_row, text);
    }
  gtk_check_button_set_active (self->ledger_filter != NULL ? self->filter_check : self->all_check,
                               TRUE);
  validate (self);
  return self;
}

GwExportDialogState
gw_export_dialog_get_state (GwExportDialog *self)
{
  g_return_val_if_fail (GW_IS_EXPORT_DIALOG (self), GW_EXPORT_DIALOG_IDLE);

  return self->state;
}

const char *
gw_export_dialog_get_file_name (GwExportDialog *self)
{
  g_return_val_if_fail (GW_IS_EXPORT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

const char *
gw_export_dialog_get_date_text (GwExportDialog *self)
{
  g_return_val_if_fail (GW_IS_EXPORT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->date_row));
}

void
gw_export_dialog_set_date_text (GwExportDialog *self,
                                const char     *text)
{
  g_return_if_fail (GW_IS_EXPORT_DIALOG (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
}

void
gw_export_dialog_set_sheets (GwExportDialog *self,
                             GwExportSheets  sheets)
{
  g_return_if_fail (GW_IS_EXPORT_DIALOG (self));

  gtk_check_button_set_active (self->progress_check, sheets & GW_EXPORT_SHEET_PROGRESS);
  gtk_check_button_set_active (self->ledger_check, sheets & GW_EXPORT_SHEET_LEDGER);
  gtk_check_button_set_active (self->cadence_check, sheets & GW_EXPORT_SHEET_CADENCE);
  gtk_check_button_set_active (self->meeting_check, sheets & GW_EXPORT_SHEET_MEETING);
}

void
gw_export_dialog_export_to (GwExportDialog *self,
                            const char     *path)
{
  g_return_if_fail (GW_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->state == GW_EXPORT_DIALOG_RUNNING || !validate (self))
    return;
  start_export (self, path);
}

void
gw_export_dialog_cancel (GwExportDialog *self)
{
  g_return_if_fail (GW_IS_EXPORT_DIALOG (self));

  if (self->state != GW_EXPORT_DIALOG_RUNNING || self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  adw_status_page_set_title (self->progress_page, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

const char *
gw_export_dialog_get_output_path (GwExportDialog *self)
{
  g_return_val_if_fail (GW_IS_EXPORT_DIALOG (self), NULL);

  return self->out_path;
}

const char *
gw_export_dialog_get_error_message (GwExportDialog *self)
{
  g_return_val_if_fail (GW_IS_EXPORT_DIALOG (self), NULL);

  return self->error_message;
}
