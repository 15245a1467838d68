/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "gw-demo.h"
#include "gw-directory.h"
#include "gw-test-util.h"

#define WAIT_SECONDS 120

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
gw_test_wait_until (gboolean (*done) (gpointer data),
                    gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, flag_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

void
gw_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
gw_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        gw_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

char *
gw_test_make_demo (const char *dir,
                   const char *name,
                   guint       n_hazards,
                   guint32     seed,
                   const char *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  GwDemoOptions options = { .n_hazards = n_hazards, .seed = seed, .today = today };
  char *path = g_build_filename (dir, name, NULL);

  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gw_demo_generate (store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

void
gw_test_run_clear (GwTestRun *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

void
gw_test_run_cli_env (GwTestRun  *r,
                     char      **envp,
                     const char *first,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GRIDWATCH_CLI");
  int wait_status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

void
gw_test_expect (GwTestRun  *r,
                int         status,
                const char *what)
{
  if (r->status != status)
    g_error ("%s: exit status %d, expected %d\nstdout: %s\nstderr: %s", what, r->status, status,
             r->out, r->err);
}

gboolean
gw_test_have_cli (void)
{
  const char *cli = g_getenv ("GRIDWATCH_CLI");

  if (cli != NULL && g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    return TRUE;
  g_test_skip ("GRIDWATCH_CLI does not name the built gridwatch-cli (run through meson test)");
  return FALSE;
}

gint64
gw_test_query_int (const char *path,
                   const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

gint64
gw_test_regulator_id (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_READONLY, &error);
  g_autoptr(GPtrArray) staff = NULL;

  g_assert_no_error (error);
  staff = gw_store_staff (store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < staff->len; i++)
    if (((GwStaff *) staff->pdata[i])->role == GW_ROLE_REGULATION)
      return ((GwStaff *) staff->pdata[i])->id;
  g_assert_not_reached ();
  return 0;
}
