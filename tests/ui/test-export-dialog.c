/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gw-demo.h"
#include "gw-dekad.h"
#include "gw-export-dialog.h"
#include "gw-query.h"
#include "gw-window.h"
#include "gw-test-ui.h"
#include "gw-test-util.h"

#define UNIT "衡阳市"

static char *tmp_dir;
static char *demo_path;

static gboolean
export_finished (gpointer data)
{
  return gw_export_dialog_get_state (data) != GW_EXPORT_DIALOG_RUNNING;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
make_demo (void)
{
  demo_path = gw_test_make_demo (tmp_dir, "demo.db", 300, 1, "2026-11-23");
}

/* A new empty folder for one test's files. */
static char *
make_out_dir (const char *name)
{
  char *dir = g_build_filename (tmp_dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

/* The names in @dir, sorted and comma-separated: what an export left. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static gint64
count_hazards (const GwFilter *filter)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  store = gw_store_open (demo_path, GW_STORE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  gw_store_hazard_count (store, filter, &n, NULL, &error);
  g_assert_no_error (error);
  return n;
}

/* Reads the workbook back with openpyxl: its sheet names, and the ledger's
 * rows (numbered 序号 below the header on row 3); FALSE without openpyxl. */
static gboolean
read_workbook (const char  *path,
               char       **sheets,
               gint64      *n_ledger)
{
  const char *script =
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
    "print(','.join(wb.sheetnames))\n"
    "print(sum(1 for r in wb['台账'].iter_rows(min_row=4, values_only=True)"
    " if isinstance(r[0], int)) if '台账' in wb.sheetnames else -1)\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (strstr (err, "No module named 'openpyxl'") != NULL)
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openpyxl could not read %s: %s", path, err);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  *sheets = g_strdup (lines[0]);
  *n_ledger = g_ascii_strtoll (lines[1], NULL, 10);
  return TRUE;
}

static void
assert_zip (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (contents, 4, "PK\003\004", 4);
}

static GtkWidget *
child (GwExportDialog *dialog,
       const char     *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), GW_TYPE_EXPORT_DIALOG, id));
}

static char *
today_text (void)
{
  GDate today;

  gw_date_today (&today);
  return gw_date_to_string (&today);
}

/* The as-of date is today, the name is the bureau's, and both follow what is
 * chosen; a bad date stops the export. */
static void
test_export_defaults (void)
{
  g_autofree char *today = today_text ();
  g_autofree char *expected = g_strdup_printf (UNIT "隐患整改进度表-%s.xlsx", today);
  g_autofree char *out_dir = make_out_dir ("defaults");
  g_autofree char *out = g_build_filename (out_dir, "never.xlsx", NULL);
  GwExportDialog *dialog = gw_export_dialog_new (NULL, demo_path, NULL, -1);
  GtkWidget *format_row, *export_button, *name_row;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_IDLE);
  g_assert_cmpstr (gw_export_dialog_get_date_text (dialog), ==, today);
  g_assert_cmpstr (gw_export_dialog_get_file_name (dialog), ==, expected);

  format_row = child (dialog, "format_row");
  export_button = child (dialog, "export_button");
  name_row = child (dialog, "name_row");
  g_assert_true (gtk_widget_get_sensitive (export_button));

  gw_export_dialog_set_date_text (dialog, "2026-10-15");
  g_assert_cmpstr (gw_export_dialog_get_file_name (dialog), ==,
                   UNIT "隐患整改进度表-2026-10-15.xlsx");
  adw_combo_row_set_selected (ADW_COMBO_ROW (format_row), 2);  /* CSV, GB18030 */
  g_assert_cmpstr (gw_export_dialog_get_file_name (dialog), ==,
                   UNIT "隐患整改进度表-2026-10-15.csv");

  /* A name the person wrote is kept, with the format's extension. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "周报.csv");
  adw_combo_row_set_selected (ADW_COMBO_ROW (format_row), 0);
  g_assert_cmpstr (gw_export_dialog_get_file_name (dialog), ==, "周报.xlsx");
  gw_export_dialog_set_date_text (dialog, "2026-11-01");
  g_assert_cmpstr (gw_export_dialog_get_file_name (dialog), ==, "周报.xlsx");

  gw_export_dialog_set_date_text (dialog, "2026-11-31");
  g_assert_false (gtk_widget_get_sensitive (export_button));
  gw_export_dialog_export_to (dialog, out);
  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_IDLE);

  gw_export_dialog_set_date_text (dialog, "2026-11-20");
  g_assert_true (gtk_widget_get_sensitive (export_button));
  gw_export_dialog_set_sheets (dialog, 0);
  g_assert_false (gtk_widget_get_sensitive (export_button));
  gw_export_dialog_export_to (dialog, out);
  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_IDLE);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The whole workbook, of the ledger's filter, lands in the folder chosen
 * and nothing else does. */
static void
test_export_xlsx (void)
{
  g_autofree char *out_dir = make_out_dir ("xlsx");
  g_autofree char *out = NULL, *listing = NULL, *expected_listing = NULL, *sheets = NULL;
  GwFilter filter = { .states = 1u << GW_STATE_REPORTED | 1u << GW_STATE_RECTIFYING };
  gint64 n_filtered = count_hazards (&filter), n_ledger = -1;
  GwExportDialog *dialog;

  g_assert_cmpint (n_filtered, >, 0);
  g_assert_cmpint (n_filtered, <, 300);
  dialog = gw_export_dialog_new (NULL, demo_path, &filter, n_filtered);
  gtk_window_present (GTK_WINDOW (dialog));
  out = g_build_filename (out_dir, gw_export_dialog_get_file_name (dialog), NULL);

  gw_export_dialog_export_to (dialog, out);
  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_RUNNING);
  gw_test_wait_until (export_finished, dialog);
  g_assert_null (gw_export_dialog_get_error_message (dialog));
  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_DONE);
  g_assert_cmpstr (gw_export_dialog_get_output_path (dialog), ==, out);

  assert_zip (out);
  listing = list_dir (out_dir);
  expected_listing = g_path_get_basename (out);
  g_assert_cmpstr (listing, ==, expected_listing);
  if (read_workbook (out, &sheets, &n_ledger))
    {
      g_assert_cmpstr (sheets, ==, "进度表,台账,频次表,例会通报");
      g_assert_cmpint (n_ledger, ==, n_filtered);
    }
  else
    g_test_message ("openpyxl is missing: the sheets were not read back");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* "All hazards" and a subset of the sheets. */
static void
test_export_all_hazards (void)
{
  g_autofree char *out_dir = make_out_dir ("all");
  g_autofree char *out = g_build_filename (out_dir, "all.xlsx", NULL);
  g_autofree char *sheets = NULL;
  GwFilter filter = { .states = 1u << GW_STATE_CLOSED };
  GwExportDialog *dialog = gw_export_dialog_new (NULL, demo_path, &filter, -1);
  GtkWidget *all_check = child (dialog, "all_check");
  gint64 n_ledger = -1;

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (all_check), TRUE);
  gw_export_dialog_set_sheets (dialog, GW_EXPORT_SHEET_LEDGER | GW_EXPORT_SHEET_MEETING);
  gw_export_dialog_export_to (dialog, out);
  gw_test_wait_until (export_finished, dialog);
  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_DONE);
  assert_zip (out);
  if (read_workbook (out, &sheets, &n_ledger))
    {
      g_assert_cmpstr (sheets, ==, "台账,例会通报");
      g_assert_cmpint (n_ledger, ==, 300);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* CSV with a byte-order mark, so that Excel reads it as UTF-8. */
static void
test_export_csv (void)
{
  g_autofree char *out_dir = make_out_dir ("csv");
  g_autofree char *out = g_build_filename (out_dir, "ledger", NULL);
  g_autofree char *written = g_build_filename (out_dir, "ledger.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GwExportDialog *dialog = gw_export_dialog_new (NULL, demo_path, NULL, -1);
  GtkWidget *format_row = child (dialog, "format_row");
  gboolean quoted = FALSE;
  guint records = 0;
  gsize length;

  gtk_window_present (GTK_WINDOW (dialog));
  adw_combo_row_set_selected (ADW_COMBO_ROW (format_row), 1);  /* CSV, UTF-8 */
  /* A name chosen without its extension gets it. */
  gw_export_dialog_export_to (dialog, out);
  gw_test_wait_until (export_finished, dialog);
  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_DONE);
  g_assert_cmpstr (gw_export_dialog_get_output_path (dialog), ==, written);

  g_file_get_contents (written, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, 3, "\357\273\277", 3);
  g_assert_true (g_utf8_validate (contents, length, NULL));
  g_assert_true (g_str_has_prefix (contents + 3, "序号,"));
  /* Records end with CRLF outside quotes; a description may hold a newline. */
  for (gsize i = 0; i < length; i++)
    if (contents[i] == '"')
      quoted = !quoted;
    else if (contents[i] == '\n' && !quoted)
      records++;
  g_assert_cmpuint (records, ==, 301);  /* the header and every hazard */

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Cancel at once: nothing is written, not even a temporary file, and the
 * options come back. */
static void
test_export_cancel (void)
{
  g_autofree char *out_dir = make_out_dir ("cancel");
  g_autofree char *out = g_build_filename (out_dir, "cancelled.xlsx", NULL);
  g_autofree char *listing = NULL;
  GwExportDialog *dialog = gw_export_dialog_new (NULL, demo_path, NULL, -1);
  GtkWidget *stack = child (dialog, "stack");

  gtk_window_present (GTK_WINDOW (dialog));
  gw_export_dialog_export_to (dialog, out);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "progress");
  gw_export_dialog_cancel (dialog);
  gw_test_wait_until (export_finished, dialog);

  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_CANCELLED);
  g_assert_null (gw_export_dialog_get_error_message (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "options");
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "cancel_button")));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "export_button")));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  listing = list_dir (out_dir);
  g_assert_cmpstr (listing, ==, "");

  /* The same dialog exports afterwards. */
  gw_export_dialog_export_to (dialog, out);
  gw_test_wait_until (export_finished, dialog);
  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_DONE);
  assert_zip (out);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Closing the dialog during an export cancels it; the dialog goes when the
 * worker has cleaned up. */
static void
test_export_close_cancels (void)
{
  g_autofree char *out_dir = make_out_dir ("close");
  g_autofree char *out = g_build_filename (out_dir, "closed.xlsx", NULL);
  g_autofree char *listing = NULL;
  GwExportDialog *dialog = gw_export_dialog_new (NULL, demo_path, NULL, -1);

  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gw_export_dialog_export_to (dialog, out);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_nonnull (dialog);
  gw_test_wait_until (pointer_cleared, &dialog);

  listing = list_dir (out_dir);
  g_assert_cmpstr (listing, ==, "");
}

/* A folder that cannot be written: the message names the file. */
static void
test_export_unwritable (void)
{
  g_autofree char *out_dir = make_out_dir ("locked");
  g_autofree char *out = g_build_filename (out_dir, "missing", "report.xlsx", NULL);
  GwExportDialog *dialog = gw_export_dialog_new (NULL, demo_path, NULL, -1);
  AdwMessageDialog *message;

  gtk_window_present (GTK_WINDOW (dialog));
  gw_export_dialog_export_to (dialog, out);
  gw_test_wait_until (export_finished, dialog);
  g_assert_cmpint (gw_export_dialog_get_state (dialog), ==, GW_EXPORT_DIALOG_FAILED);
  g_assert_nonnull (gw_export_dialog_get_error_message (dialog));
  g_assert_nonnull (strstr (gw_export_dialog_get_error_message (dialog), out));
  message = gw_test_find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_body (message), ==,
                   gw_export_dialog_get_error_message (dialog));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (message));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
window_settled (gpointer data)
{
  GwWindow *window = data;

  return !gw_window_get_busy (window) && gw_window_get_stats (window) != NULL;
}

/* win.export waits for a database, then opens the dialog on it. */
static void
test_export_window_action (void)
{
  GwWindow *window = gw_window_new (NULL);
  GtkWindow *dialog;
  gboolean enabled;

  gtk_window_present (GTK_WINDOW (window));
  enabled = gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL)
            && gw_window_get_dialog (window) != NULL;
  g_assert_false (enabled);

  gw_window_open (window, demo_path);
  gw_test_wait_until (window_settled, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = gw_window_get_dialog (window);
  g_assert_true (GW_IS_EXPORT_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmp_dir = g_dir_make_tmp ("gridwatch-ui-export-XXXXXX", &error);
  g_assert_no_error (error);
  make_demo ();
  settings = g_settings_new (BASE_ID);
  g_settings_set_string (settings, "reporting-unit", UNIT);

  g_test_add_func ("/ui/export/defaults", test_export_defaults);
  g_test_add_func ("/ui/export/xlsx", test_export_xlsx);
  g_test_add_func ("/ui/export/all-hazards", test_export_all_hazards);
  g_test_add_func ("/ui/export/csv", test_export_csv);
  g_test_add_func ("/ui/export/cancel", test_export_cancel);
  g_test_add_func ("/ui/export/close-cancels", test_export_close_cancels);
  g_test_add_func ("/ui/export/unwritable", test_export_unwritable);
  g_test_add_func ("/ui/export/window-action", test_export_window_action);
  status = g_test_run ();

  gw_test_remove_tree (tmp_dir);
  g_free (demo_path);
  g_free (tmp_dir);
  return status;
}
