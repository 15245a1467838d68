/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-import-dialog.h"

#define PREVIEW_ROWS   10            /* data rows shown under the header */
#define PREVIEW_BYTES  (256 * 1024)  /* read for the preview */
#define MAX_SHOWN      20            /* problems listed */

/* Written by the worker, read by the main thread's timer. */
typedef struct {
  gint permille;
} Progress;

struct _GwImportDialog
{
  AdwWindow             parent_instance;

  char                 *db_path;
  gint64                actor_id;
  char                 *file_path;
  GwImportKind          kind;
  GwCsvEncoding         encoding;
  GPtrArray            *rows;          /* GStrv: the records of the preview */
  guint                 header_row;
  guint                 n_columns;
  GPtrArray            *dropdowns;     /* GtkDropDown, one per column */
  GPtrArray            *problems;      /* char*: as listed */
  guint                 n_problems;
  guint                 imported;
  gboolean              busy;
  gboolean              dry_run;
  GCancellable         *cancellable;
  Progress             *progress;      /* atomic rc box, shared with the worker */
  guint                 progress_id;
  guint                 scroll_frames;
  GtkFileChooserNative *chooser;

  /* template */
  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *import_button;
  GtkButton            *check_button;
  GtkDropDown          *kind_dropdown;
  AdwActionRow         *file_row;
  GtkButton            *file_button;
  AdwActionRow         *encoding_row;
  GtkDropDown          *encoding_dropdown;
  AdwPreferencesGroup  *preview_group;
  GtkGrid              *preview_grid;
  GtkScrolledWindow    *scroller;
  AdwPreferencesGroup  *problems_group;
  GtkListBox           *problems_list;
  GtkLabel             *status_label;
  GtkProgressBar       *progress_bar;
};

G_DEFINE_FINAL_TYPE (GwImportDialog, gw_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- state of the controls ------------------------------------------------------ */

static void
update_sensitivity (GwImportDialog *self)
{
  gboolean ready = self->file_path != NULL && self->rows != NULL && self->rows->len > 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), ready && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), ready && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_button), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_dropdown), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_grid), !self->busy);
  gtk_button_set_label (self->cancel_button, self->busy ? _("_Stop") : _("_Close"));
}

static void
set_status (GwImportDialog *self,
            const char     *text,
            gboolean        is_error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
clear_problems (GwImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  g_ptr_array_set_size (self->problems, 0);
  self->n_problems = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
}

static void
add_problem_row (GwImportDialog *self,
                 const char     *text,
                 gboolean        dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_append (self->problems_list, label);
}

/* ---- preview and mapping -------------------------------------------------------- */

static const char *
field_at (GwImportDialog *self,
          guint           position)
{
  const char * const *fields = gw_import_fields (self->kind);

  if (position == 0 || position == GTK_INVALID_LIST_POSITION ||
      position > g_strv_length ((char **) fields))
    return "ignore";
  return fields[position - 1];
}

static guint
position_of (GwImportDialog *self,
             const char     *field)
{
  const char * const *fields = gw_import_fields (self->kind);

  for (guint i = 0; field != NULL && fields[i] != NULL; i++)
    if (g_str_equal (fields[i], field))
      return i + 1;
  return 0;
}

static GtkStringList *
field_model_new (GwImportDialog *self)
{
  const char * const *fields = gw_import_fields (self->kind);
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Not imported"));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *label = gw_import_field_label (self->kind, fields[i]);

      if (gw_import_field_required (self->kind, fields[i]))
        {
          /* TRANSLATORS: a field that every file must have, in the column menu */
          g_autofree char *text = g_strdup_printf (_("%s (required)"), label);
          gtk_string_list_append (list, text);
        }
      else
        gtk_string_list_append (list, label);
    }
  return list;
}

/* The row with the most recognised headers (a title row above it is skipped). */
static guint
find_header_row (GwImportDialog *self)
{
  guint best = 0, best_n = 0;

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **cells = self->rows->pdata[r];
      guint n = 0;

      for (guint c = 0; cells[c] != NULL; c++)
        {
          g_autofree char *name = g_strstrip (g_strdup (cells[c]));

          if (gw_import_guess_field (self->kind, name) != NULL)
            n++;
        }
      if (n > best_n)
        {
          best = r;
          best_n = n;
        }
    }
  return best;
}

static void
mapping_changed_cb (GwImportDialog *self)
{
  /* A new mapping: the last check's verdict no longer holds. */
  if (self->busy)
    return;
  update_sensitivity (self);
}

static void
clear_grid (GwImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  g_ptr_array_set_size (self->dropdowns, 0);
}

static GtkWidget *
cell_label_new (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_tooltip_text (label, text);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
build_grid (GwImportDialog *self)
{
  char **header;

  clear_grid (self);
  self->n_columns = 0;
  self->header_row = 0;
  if (self->rows == NULL || self->rows->len == 0)
    return;

  self->header_row = find_header_row (self);
  header = self->rows->pdata[self->header_row];
  for (guint r = 0; r < self->rows->len; r++)
    self->n_columns = MAX (self->n_columns, g_strv_length (self->rows->pdata[r]));

  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autoptr(GtkStringList) model = field_model_new (self);
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);
      const char *cell = c < g_strv_length (header) ? header[c] : "";
      g_autofree char *name = g_strstrip (g_strdup (cell));
      const char *guess = gw_import_guess_field (self->kind, name);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), position_of (self, guess));
      gtk_widget_set_tooltip_text (dropdown, _("The field this column holds"));
      g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (mapping_changed_cb),
                                self);
      gtk_grid_attach (self->preview_grid, dropdown, (int) c, 0, 1, 1);
      g_ptr_array_add (self->dropdowns, dropdown);
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **cells = self->rows->pdata[r];
      const char *css = r == self->header_row ? "heading" : r < self->header_row ? "dim-label" : NULL;

      for (guint c = 0; cells[c] != NULL; c++)
        gtk_grid_attach (self->preview_grid, cell_label_new (cells[c], css), (int) c, (int) r + 1,
                         1, 1);
    }
}

static gboolean
load_preview (GwImportDialog *self,
              GError        **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *label = NULL;
  gsize n = 0;
  GwCsvEncoding used = GW_CSV_ENCODING_UTF8;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  clear_problems (self);
  if (self->file_path == NULL)
    {
      build_grid (self);
      return TRUE;
    }

  label = g_filename_display_basename (self->file_path);
  file = g_file_new_for_path (self->file_path);
  buffer = g_malloc (PREVIEW_BYTES);
  if ((in = g_file_read (file, NULL, error)) == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), buffer, PREVIEW_BYTES, &n, NULL, error))
    goto failed;
  if (n == PREVIEW_BYTES)
    {
      /* A longer file: the preview ends at the last whole line read. */
      gsize end = n;

      while (end > 0 && buffer[end - 1] != '\n')
        end--;
      if (end > 0)
        n = end;
    }
  self->rows = gw_import_preview (label, buffer, n, self->encoding,
                                  PREVIEW_ROWS + 3, &used, error);
  if (self->rows == NULL)
    goto failed;

  /* The header and PREVIEW_ROWS rows under it. */
  self->header_row = find_header_row (self);
  while (self->rows->len > self->header_row + 1 + PREVIEW_ROWS)
    g_ptr_array_remove_index (self->rows, self->rows->len - 1);
  build_grid (self);

  if (self->encoding == GW_CSV_ENCODING_AUTO)
    {
      /* TRANSLATORS: the encoding row's subtitle, "Detected: GB18030" */
      g_autofree char *text = g_strdup_printf (_("Detected: %s"), gw_csv_encoding_name (used));
      adw_action_row_set_subtitle (self->encoding_row, text);
    }
  else
    adw_action_row_set_subtitle (self->encoding_row, NULL);
  set_status (self, NULL, FALSE);
  update_sensitivity (self);
  return TRUE;

failed:
  build_grid (self);
  adw_action_row_set_subtitle (self->encoding_row, NULL);
  set_status (self, (error && *error) ? (*error)->message : NULL, TRUE);
  update_sensitivity (self);
  return FALSE;
}

static void
reload_preview (GwImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  load_preview (self, &error);
}

static void
kind_changed_cb (GwImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (selected >= GW_N_IMPORT_KINDS || (GwImportKind) selected == self->kind)
    return;
  self->kind = (GwImportKind) selected;
  /* The header row and the fields depend on the kind. */
  clear_problems (self);
  build_grid (self);
  set_status (self, NULL, FALSE);
  update_sensitivity (self);
}

static void
encoding_changed_cb (GwImportDialog *self)
{
  static const GwCsvEncoding encodings[] = {
    GW_CSV_ENCODING_AUTO, GW_CSV_ENCODING_UTF8, GW_CSV_ENCODING_GB18030
  };
  guint selected = gtk_drop_down_get_selected (self->encoding_dropdown);

  if (selected >= G_N_ELEMENTS (encodings) || encodings[selected] == self->encoding)
    return;
  self->encoding = encodings[selected];
  reload_preview (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GwImportDialog  *self)
{
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (owned));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    gw_import_dialog_set_file (self, path, NULL);
}

static void
choose_clicked_cb (GwImportDialog *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose a CSV File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- the worker ------------------------------------------------------------------ */

typedef struct {
  char           *db_path;
  char           *file_path;
  GwImportOptions options;
  GwImportResult  result;
  Progress       *progress;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->db_path);
  g_free (data->file_path);
  g_clear_pointer (&data->options.mapping, g_hash_table_unref);
  gw_import_result_clear (&data->result);
  g_atomic_rc_box_release (data->progress);
  g_free (data);
}

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_atomic_int_set (&progress->permille, (gint) (fraction * 1000));
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Its own connection: SQLite connections belong to one thread. */
  store = gw_store_open (data->db_path, GW_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !gw_import_csv_file (store, data->file_path, &data->options, progress_cb, data->progress,
                           cancellable, &data->result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  GwImportDialog *self = user_data;
  gint permille = g_atomic_int_get (&self->progress->permille);

  gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static GHashTable *
current_mapping (GwImportDialog *self)
{
  GHashTable *mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  char **header;

  if (self->rows == NULL || self->rows->len == 0)
    return mapping;
  header = self->rows->pdata[self->header_row];
  for (guint c = 0; c < self->dropdowns->len && header[c] != NULL; c++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header[c]));
      const char *field = gw_import_dialog_get_column_field (self, c);

      if (*name == '\0')
        continue;
      g_hash_table_replace (mapping, g_steal_pointer (&name), g_strdup (field));
    }
  return mapping;
}

/* Once the list has its place: scrolled into view, its heading on top. */
static gboolean
scroll_to_problems_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  GwImportDialog *self = user_data;
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_point_t at;

  /* The list is laid out over the next frames; follow it for a few. */
  if (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &at))
    gtk_adjustment_set_value (adj, at.y);
  return ++self->scroll_frames < 10 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
show_result (GwImportDialog       *self,
             const GwImportResult *result,
             const GError         *error)
{
  g_autofree char *label = g_filename_display_basename (self->file_path);

  clear_problems (self);
  if (result->problems != NULL)
    for (guint i = 0; i < result->problems->len && i < MAX_SHOWN; i++)
      {
        GwImportProblem *p = result->problems->pdata[i];
        char *text;

        if (p->column != NULL && *p->column != '\0')
          text = g_strdup_printf (_("%s line %u, column “%s”: %s"), label, p->line, p->column,
                                  p->message);
        else
          text = g_strdup_printf (_("%s line %u: %s"), label, p->line, p->message);
        add_problem_row (self, text, FALSE);
        g_ptr_array_add (self->problems, text);
      }
  self->n_problems = result->n_problems;
  if (self->n_problems > MAX_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "… and %u more problem",
                                                            "… and %u more problems",
                                                            self->n_problems - MAX_SHOWN),
                                               self->n_problems - MAX_SHOWN);
      add_problem_row (self, more, TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), self->problems->len > 0);
  self->scroll_frames = 0;
  if (self->problems->len > 0)
    gtk_widget_add_tick_callback (GTK_WIDGET (self->problems_group), scroll_to_problems_cb,
                                  self, NULL);

  if (error == NULL && self->dry_run)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s is clean: %u row would be imported (%s, header on line %u). Nothing was written.",
                                      "%s is clean: %u rows would be imported (%s, header on line %u). Nothing was written.",
                                      result->rows),
                         label, result->rows, gw_csv_encoding_name (result->encoding),
                         result->header_line);
      set_status (self, text, FALSE);
    }
  else if (error == NULL)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u record from %s.",
                                      "Imported %u records from %s.", result->imported),
                         result->imported, label);
      set_status (self, text, FALSE);
    }
  else if (g_error_matches (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_ROWS))
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s was refused: %u problem. Nothing was imported; fix it in the file and check again.",
                                      "%s was refused: %u problems. Nothing was imported; fix them in the file and check again.",
                                      result->n_problems),
                         label, result->n_problems);
      set_status (self, text, TRUE);
    }
  else
    set_status (self, error->message, TRUE);
}

static void
run_cb (GObject      *object,
        GAsyncResult *res,
        gpointer      user_data)
{
  GwImportDialog *self = GW_IMPORT_DIALOG (object);
  RunData *data = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (res), &error);

  self->busy = FALSE;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  self->imported = ok ? data->result.imported : 0;
  show_result (self, &data->result, error);
  update_sensitivity (self);
  if (ok && !self->dry_run)
    {
      /* The same file again would add the records twice. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      g_signal_emit (self, signals[IMPORTED], 0, data->result.imported);
    }
}

static void
start_run (GwImportDialog *self,
           gboolean        dry_run)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  if (self->busy || self->file_path == NULL)
    return;

  data = g_new0 (RunData, 1);
  data->db_path = g_strdup (self->db_path);
  data->file_path = g_strdup (self->file_path);
  data->options.kind = self->kind;
  data->options.encoding = self->encoding;
  data->options.mapping = current_mapping (self);
  data->options.actor_id = self->actor_id;
  data->options.dry_run = dry_run;
  data->progress = g_atomic_rc_box_acquire (self->progress);
  g_atomic_int_set (&self->progress->permille, 0);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = TRUE;
  self->dry_run = dry_run;
  self->imported = 0;
  clear_problems (self);
  set_status (self, dry_run ? _("Checking…") : _("Importing…"), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  self->progress_id = g_timeout_add (100, progress_tick_cb, self);
  update_sensitivity (self);

  task = g_task_new (self, self->cancellable, run_cb, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

static void
check_clicked_cb (GwImportDialog *self)
{
  gw_import_dialog_check (self);
}

static void
import_clicked_cb (GwImportDialog *self)
{
  gw_import_dialog_import (self);
}

static void
cancel_clicked_cb (GwImportDialog *self)
{
  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- GObject --------------------------------------------------------------------- */

static void
gw_import_dialog_dispose (GObject *object)
{
  GwImportDialog *self = GW_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (gw_import_dialog_parent_class)->dispose (object);
}

static void
gw_import_dialog_finalize (GObject *object)
{
  GwImportDialog *self = GW_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_atomic_rc_box_release (self->progress);
  g_free (self->db_path);
  g_free (self->file_path);
  G_OBJECT_CLASS (gw_import_dialog_parent_class)->finalize (object);
}

static void
gw_import_dialog_class_init (GwImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_import_dialog_dispose;
  object_class->finalize = gw_import_dialog_finalize;

  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, file_button);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, encoding_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, GwImportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, encoding_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
gw_import_dialog_init (GwImportDialog *self)
{
  self->kind = GW_IMPORT_STAFF;
  self->encoding = GW_CSV_ENCODING_AUTO;
  self->dropdowns = g_ptr_array_new ();
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->progress = g_atomic_rc_box_new0 (Progress);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_sensitivity (self);
}

/* ---- public ---------------------------------------------------------------------- */

GwImportDialog *
gw_import_dialog_new (GtkWindow  *parent,
                      const char *db_path,
                      gint64      actor_id)
{
  GwImportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (GW_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);
  self->actor_id = actor_id;
  name = g_filename_display_basename (db_path);
  adw_window_title_set_subtitle (self->window_title, name);
  return self;
}

void
gw_import_dialog_set_kind (GwImportDialog *self,
                           GwImportKind    kind)
{
  g_return_if_fail (GW_IS_IMPORT_DIALOG (self));
  g_return_if_fail (kind < GW_N_IMPORT_KINDS);

  gtk_drop_down_set_selected (self->kind_dropdown, kind);
}

gboolean
gw_import_dialog_set_file (GwImportDialog *self,
                           const char     *path,
                           GError        **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), FALSE);

  g_free (self->file_path);
  self->file_path = g_strdup (path);
  if (path != NULL)
    display = g_filename_display_name (path);
  adw_action_row_set_subtitle (self->file_row, display ? display : _("No file chosen"));
  ok = load_preview (self, &local);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

guint
gw_import_dialog_get_n_preview_rows (GwImportDialog *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), 0);
  return self->rows ? self->rows->len : 0;
}

guint
gw_import_dialog_get_n_columns (GwImportDialog *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), 0);
  return self->n_columns;
}

const char *
gw_import_dialog_get_cell (GwImportDialog *self,
                           guint           row,
                           guint           column)
{
  char **cells;

  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), NULL);

  if (self->rows == NULL || row >= self->rows->len)
    return NULL;
  cells = self->rows->pdata[row];
  return column < g_strv_length (cells) ? cells[column] : NULL;
}

guint
gw_import_dialog_get_header_row (GwImportDialog *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), 0);
  return self->header_row;
}

const char *
gw_import_dialog_get_column_field (GwImportDialog *self,
                                   guint           column)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), NULL);

  if (column >= self->dropdowns->len)
    return NULL;
  return field_at (self, gtk_drop_down_get_selected (self->dropdowns->pdata[column]));
}

gboolean
gw_import_dialog_set_column_field (GwImportDialog *self,
                                   guint           column,
                                   const char     *field)
{
  guint position;

  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), FALSE);

  if (column >= self->dropdowns->len)
    return FALSE;
  position = position_of (self, field);
  if (position == 0 && g_strcmp0 (field, "ignore") != 0 && field != NULL)
    return FALSE;
  gtk_drop_down_set_selected (self->dropdowns->pdata[column], position);
  return TRUE;
}

void
gw_import_dialog_check (GwImportDialog *self)
{
  g_return_if_fail (GW_IS_IMPORT_DIALOG (self));
  start_run (self, TRUE);
}

void
gw_import_dialog_import (GwImportDialog *self)
{
  g_return_if_fail (GW_IS_IMPORT_DIALOG (self));
  start_run (self, FALSE);
}

gboolean
gw_import_dialog_get_busy (GwImportDialog *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), FALSE);
  return self->busy;
}

double
gw_import_dialog_get_fraction (GwImportDialog *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), 0);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}

guint
gw_import_dialog_get_n_problems (GwImportDialog *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), 0);
  return self->n_problems;
}

GPtrArray *
gw_import_dialog_get_problems (GwImportDialog *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), NULL);
  return self->problems;
}

guint
gw_import_dialog_get_imported (GwImportDialog *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), 0);
  return self->imported;
}

const char *
gw_import_dialog_get_status (GwImportDialog *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->status_label);
}
