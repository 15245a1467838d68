/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gw-demo.h"
#include "gw-first-run.h"
#include "gw-hazard-model.h"
#include "gw-ledger.h"
#include "gw-stats.h"
#include "gw-window.h"
#include "gw-test-ui.h"
#include "gw-test-util.h"


static char *tmp_dir;
static char *demo_path;

static gboolean
window_settled (gpointer data)
{
  GwWindow *window = data;

  return !gw_window_get_busy (window)
         && (gw_window_get_stats (window) != NULL || gw_window_get_error_message (window) != NULL);
}

static char *
count_text (gint64 n)
{
  /* As the overview formats it, in the test's locale. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static void
assert_kpi (GwWindow   *window,
            const char *id,
            gint64      expected)
{
  g_autofree char *text = count_text (expected);

  g_assert_cmpstr (gw_window_get_kpi_text (window, id), ==, text);
}

static void
make_demo (void)
{
  demo_path = gw_test_make_demo (tmp_dir, "demo.db", 300, 1, "2026-11-23");
}

static void
test_window_kpis (void)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GwStats expected;
  GwWindow *window;

  store = gw_store_open (demo_path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  gw_store_stats (store, NULL, &expected, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expected.hazards, ==, 300);

  window = gw_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_open (window, demo_path);
  g_assert_true (gw_window_get_busy (window));
  gw_test_wait_until (window_settled, window);

  g_assert_null (gw_window_get_error_message (window));
  g_assert_cmpstr (gw_window_get_path (window), ==, demo_path);
  assert_kpi (window, "hazards", expected.hazards);
  assert_kpi (window, "overdue", expected.overdue);
  assert_kpi (window, "new-7d", expected.new_7d);
  assert_kpi (window, "closed-7d", expected.closed_7d);
  for (guint s = 0; s < GW_N_STATES; s++)
    {
      g_autofree char *id = g_strdup_printf ("state-%s", gw_state_to_id (s));

      assert_kpi (window, id, expected.by_state[s]);
    }
  for (guint l = GW_LEVEL_I; l < GW_N_LEVELS; l++)
    {
      g_autofree char *id = g_strdup_printf ("level-%u", l);

      assert_kpi (window, id, expected.by_level[l]);
    }
  g_assert_nonnull (gw_window_get_kpi_text (window, "completion"));
  g_assert_null (gw_window_get_kpi_text (window, "no-such-tile"));

  /* Reloading keeps the figures and ends idle. */
  gw_window_reload (window);
  g_assert_true (gw_window_get_busy (window));
  gw_test_wait_until (window_settled, window);
  assert_kpi (window, "hazards", expected.hazards);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_open_garbage (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "random-bytes.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 bytes[8192];
  AdwMessageDialog *dialog;
  const char *message;
  GwWindow *window;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, (const char *) bytes, sizeof bytes, &error);
  g_assert_no_error (error);

  window = gw_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_open (window, path);
  gw_test_wait_until (window_settled, window);

  g_assert_null (gw_window_get_stats (window));
  g_assert_null (gw_window_get_path (window));
  message = gw_window_get_error_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "random-bytes.db"));

  dialog = gw_test_find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, message);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A database from a newer Gridwatch is refused with a message naming it,
 * and the file is left as it was. */
static void
test_window_open_too_new (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "too-new.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gsize length;
  GwWindow *window;

  g_file_get_contents (demo_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = gw_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_open (window, path);
  gw_test_wait_until (window_settled, window);

  g_assert_null (gw_window_get_stats (window));
  g_assert_nonnull (gw_window_get_error_message (window));
  g_assert_nonnull (strstr (gw_window_get_error_message (window), "too-new.db"));
  g_assert_nonnull (gw_test_find_message_dialog (GTK_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
ledger_read (gpointer data)
{
  GwHazardModel *model = gw_ledger_get_model (GW_LEDGER (gw_window_get_ledger (data)));

  return model != NULL && !gw_hazard_model_get_busy (model)
         && (gw_hazard_model_get_n_matching (model) >= 0
             || gw_hazard_model_get_error (model) != NULL);
}

/* A database of schema version 2 is upgraded as it opens; the ledger, whose
 * workers began reading the file meanwhile, shows its hazards. */
static void
test_window_open_v2 (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "v2.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  GwHazardModel *model;
  gsize length;
  GwWindow *window;

  g_file_get_contents (demo_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER hazard_sort_insert; DROP TRIGGER hazard_sort_update;"
                                     " DROP TRIGGER hazard_sort_county_name;"
                                     " DROP TRIGGER hazard_sort_grid_name;"
                                     " DROP TRIGGER hazard_sort_staff_name; DROP TABLE hazard_sort;"
                                     " DROP INDEX hazards_state_deadline;"
                                     " CREATE INDEX hazards_state_deadline ON hazards (state, deadline);"
                                     " PRAGMA user_version = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = gw_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_show_view (window, "ledger");
  gw_window_open (window, path);
  gw_test_wait_until (window_settled, window);
  g_assert_null (gw_window_get_error_message (window));
  gw_test_wait_until (ledger_read, window);
  model = gw_ledger_get_model (GW_LEDGER (gw_window_get_ledger (window)));
  g_assert_null (gw_hazard_model_get_error (model));
  g_assert_cmpint (gw_hazard_model_get_n_matching (model), ==, 300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
first_run_gone (gpointer data)
{
  GwWindow *window = data;

  return gw_window_get_first_run (window) == NULL && window_settled (window);
}

static void
run_first_run (const char *path,
               gboolean    demo,
               gint64      expected_hazards)
{
  GwFirstRun *first_run;
  GwWindow *window;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  window = gw_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_open (window, path);
  g_assert_false (gw_window_get_busy (window));

  first_run = GW_FIRST_RUN (gw_window_get_first_run (window));
  g_assert_nonnull (first_run);
  g_assert_cmpstr (gw_first_run_get_path (first_run), ==, path);
  gw_first_run_set_demo (first_run, expected_hazards, "2026-11-23");
  if (demo)
    gw_first_run_create_demo (first_run);
  else
    gw_first_run_create_empty (first_run);
  g_assert_true (gw_first_run_get_busy (first_run));

  gw_test_wait_until (first_run_gone, window);
  g_assert_null (gw_window_get_error_message (window));
  g_assert_cmpstr (gw_window_get_path (window), ==, path);
  assert_kpi (window, "hazards", expected_hazards);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_first_run_empty (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "new", "folder", "empty.db", NULL);

  run_first_run (path, FALSE, 0);
}

static void
test_first_run_demo (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "small-demo.db", NULL);

  run_first_run (path, TRUE, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmp_dir = g_dir_make_tmp ("gridwatch-ui-XXXXXX", &error);
  g_assert_no_error (error);
  make_demo ();

  g_test_add_func ("/ui/window/kpis", test_window_kpis);
  g_test_add_func ("/ui/window/open-garbage", test_window_open_garbage);
  g_test_add_func ("/ui/window/open-too-new", test_window_open_too_new);
  g_test_add_func ("/ui/window/open-v2", test_window_open_v2);
  g_test_add_func ("/ui/first-run/empty", test_first_run_empty);
  g_test_add_func ("/ui/first-run/demo", test_first_run_demo);
  status = g_test_run ();

  gw_test_remove_tree (tmp_dir);
  g_free (demo_path);
  g_free (tmp_dir);
  return status;
}
