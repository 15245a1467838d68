/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "gw-credit-code.h"
#include "gw-hazard.h"
#include "gw-import.h"
#include "gw-store.h"
#include "gw-test-util.h"

#define TODAY "2026-11-23"

static char *dir;

static char *
path_in (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static gint64
q_int (GwStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* Hazards and events in the file, and its chain head: what a copy must have. */
static char *
fingerprint (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_READONLY, &error);
  sqlite3_stmt *stmt = NULL;
  char *head = NULL;

  g_assert_no_error (error);
  g_assert_true (gw_store_check (store, NULL, &error));
  g_assert_no_error (error);
  sqlite3_prepare_v2 (gw_store_get_db (store), "SELECT value FROM gw_meta WHERE key = 'chain_head'",
                      -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    head = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  {
    char *fp = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%s",
                                q_int (store, "SELECT count(*) FROM hazards"),
                                q_int (store, "SELECT count(*) FROM hazard_events"), head);
    g_free (head);
    return fp;
  }
}

static void
add_hazards (GwStore *store,
             guint    n,
             guint    tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("隐患名称,网格,发现日期,状态,风险等级,清单,整改措施,"
                                         "整改时限,责任人\n");
  GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, NULL, 0, FALSE };

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "隐患%u-%u,东风街道,2026-05-01,%s,一般,不容迟疑,限期整治,"
                            "2026-06-01,张三\n", tag, i, i % 2 ? "整改中" : "已上报");
  /* Reported rows must not carry a level: clear it on those. */
  g_string_replace (csv, "已上报,一般,", "已上报,,", 0);
  g_assert_true (gw_import_csv_data (store, "batch.csv", csv->str, csv->len, &options, NULL, NULL,
                                     NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
make_db (const char *path,
         guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  gint64 county, grid;

  g_assert_no_error (error);
  county = gw_store_county_ensure (store, "430405", "珠晖区", &error);
  grid = gw_store_grid_add (store, "430405001000", "东风街道", county, NULL, &error);
  gw_store_grid_add (store, "430405002000", "广东路街道", county, NULL, &error);
  gw_store_grid_add (store, "430421100000", "西渡镇",
                     gw_store_county_ensure (store, "430421", "衡阳县", &error), NULL, &error);
  g_assert_cmpint (gw_store_staff_add (store, "张三", NULL, GW_ROLE_GRID_CHIEF, grid, NULL, &error),
                   ==, 1);
  g_assert_no_error (error);
  add_hazards (store, n, 0);
}

/* Only the files a test expects: no temporary copies, logs or partial files. */
static void
assert_files (const char *first,
              ...)
{
  g_autoptr(GPtrArray) want = g_ptr_array_new ();
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  va_list ap;

  va_start (ap, first);
  for (const char *n = first; n; n = va_arg (ap, const char *))
    g_ptr_array_add (want, (gpointer) n);
  va_end (ap);
  while ((name = g_dir_read_name (d)))
    {
      gboolean ok = FALSE;
      for (guint i = 0; i < want->len && !ok; i++)
        ok = g_strcmp0 (name, want->pdata[i]) == 0;
      /* A store opened read-only leaves SQLite's empty log and index behind. */
      ok |= g_str_has_suffix (name, "-shm") || g_str_has_suffix (name, "-wal");
      if (!ok)
        g_error ("unexpected file %s in %s", name, dir);
    }
  g_dir_close (d);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;

  if (dir)
    {
      gw_test_remove_tree (dir);
      g_free (dir);
    }
  dir = g_dir_make_tmp ("gw-test-backup-XXXXXX", &error);
  g_assert_no_error (error);
}

/* ---- API ---------------------------------------------------------------------- */

static void
test_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *bak = path_in ("gw.bak");
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  make_db (db, 20);
  {
    g_autoptr(GwStore) store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (gw_backup_create (store, bak, report, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (report->str, "20 match their history"));

    /* Never over an existing file. */
    g_assert_false (gw_backup_create (store, bak, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_clear_error (&error);
  }
  a = fingerprint (db);
  b = fingerprint (bak);
  g_assert_cmpstr (a, ==, b);
  assert_files ("gw.db", "gw.bak", NULL);
}

static void
record_progress_cb (double      fraction,
                    const char *what,
                    gpointer    user_data)
{
  GArray *seen = user_data;

  g_assert_nonnull (what);
  g_array_append_val (seen, fraction);
}

/* A backup big enough for several steps reports its progress as it copies. */
static void
test_create_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *bak = path_in ("gw.bak");
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *a = NULL, *b = NULL;
  guint copying = 0;

  make_db (db, 3000);
  {
    g_autoptr(GwStore) store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    /* More than one step of 256 pages. */
    g_assert_cmpint (q_int (store, "PRAGMA page_count"), >, 512);
    g_assert_true (gw_backup_create_full (store, bak, record_progress_cb, seen, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (seen->len, >=, 4);
  for (guint i = 0; i < seen->len; i++)
    {
      double f = g_array_index (seen, double, i);

      if (i > 0)
        g_assert_cmpfloat (f, >=, g_array_index (seen, double, i - 1));
      if (f > 0 && f < 0.8)
        copying++;
    }
  /* Partial steps of the copy, then the check, then done. */
  g_assert_cmpuint (copying, >=, 2);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
  a = fingerprint (db);
  b = fingerprint (bak);
  g_assert_cmpstr (a, ==, b);
}

/* The check a window runs before it asks whether to restore. */
static void
test_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *bak = path_in ("gw.bak");
  g_autofree char *noise = path_in ("noise.bak");
  g_autofree char *wal = path_in ("gw.bak-wal");
  g_autoptr(GString) report = g_string_new (NULL);

  make_db (db, 6);
  {
    g_autoptr(GwStore) store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
    g_assert_true (gw_backup_create (store, bak, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (gw_backup_check (bak, report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report->str, "6 match their history"));
  /* An archive is only read. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  {
    sqlite3 *raw = NULL;
    g_assert_cmpint (sqlite3_open (bak, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER hazard_events_no_update;"
                                        "UPDATE hazard_events SET note = 'edited' WHERE id = 3;",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
  }
  g_assert_false (gw_backup_check (bak, NULL, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE);
  g_assert_nonnull (strstr (error->message, "gw.bak cannot be restored"));
  g_assert_nonnull (strstr (error->message, "event 3"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (noise, "not a database, just words\n", -1, NULL));
  g_assert_false (gw_backup_check (noise, NULL, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE);
  g_assert_nonnull (strstr (error->message, "not a Gridwatch database"));
}

/* A backup taken while another connection is in the middle of a write has the
 * last committed state. */
static void
test_create_while_writing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *bak = path_in ("gw.bak");
  g_autofree char *before = NULL, *copy = NULL;
  g_autoptr(GwStore) writer = NULL;
  g_autoptr(GwStore) reader = NULL;

  make_db (db, 10);
  before = fingerprint (db);
  writer = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gw_store_begin (writer, &error));
  add_hazards (writer, 5, 1);   /* nested in the open transaction */

  reader = gw_store_open (db, GW_STORE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_true (gw_backup_create (reader, bak, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gw_store_commit (writer, &error));
  copy = fingerprint (bak);
  g_assert_cmpstr (copy, ==, before);
}

static void
test_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *bak = path_in ("gw.bak");
  g_autofree char *kept = NULL, *kept2 = NULL;
  g_autofree char *at_backup = NULL, *later = NULL, *now = NULL, *old = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  make_db (db, 8);
  {
    g_autoptr(GwStore) store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
    g_assert_true (gw_backup_create (store, bak, NULL, &error));
    g_assert_no_error (error);
    add_hazards (store, 4, 1);
  }
  at_backup = fingerprint (bak);
  later = fingerprint (db);
  g_assert_cmpstr (at_backup, !=, later);

  g_assert_true (gw_backup_restore (db, bak, &kept, report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report->str, "in an unbroken chain"));
  g_assert_cmpstr (kept, ==, (old = g_strconcat (db, ".before-restore", NULL)));
  now = fingerprint (db);
  g_assert_cmpstr (now, ==, at_backup);
  g_clear_pointer (&old, g_free);
  old = fingerprint (kept);
  g_assert_cmpstr (old, ==, later);
  assert_files ("gw.db", "gw.bak", "gw.db.before-restore", NULL);

  /* Again: the first kept copy stays, the second gets its own name. */
  g_assert_true (gw_backup_restore (db, bak, &kept2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (kept2, ".before-restore-2"));
  g_clear_pointer (&old, g_free);
  old = fingerprint (kept);
  g_assert_cmpstr (old, ==, later);

  /* The restored database is in use as usual. */
  {
    g_autoptr(GwStore) store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    add_hazards (store, 2, 2);
    g_assert_true (gw_store_check (store, NULL, &error));
  }
}

static void
test_restore_refuses (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *bak = path_in ("gw.bak");
  g_autofree char *noise = path_in ("noise.bak");
  g_autofree char *missing = path_in ("missing.bak");
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *kept = NULL;

  make_db (db, 6);
  {
    g_autoptr(GwStore) store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
    g_assert_true (gw_backup_create (store, bak, NULL, &error));
    g_assert_no_error (error);
  }
  before = fingerprint (db);

  /* A backup whose history was edited: its chain no longer holds. */
  {
    sqlite3 *raw = NULL;
    g_assert_cmpint (sqlite3_open (bak, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER hazard_events_no_update;"
                                        "UPDATE hazard_events SET note = 'edited' WHERE id = 3;",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
  }
  g_assert_false (gw_backup_restore (db, bak, &kept, NULL, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE);
  g_assert_nonnull (strstr (error->message, "gw.bak cannot be restored"));
  g_assert_nonnull (strstr (error->message, "event 3"));
  g_assert_nonnull (strstr (error->message, "was not changed"));
  g_assert_null (kept);
  g_clear_error (&error);

  /* Not a database at all, and no file. */
  g_assert_true (g_file_set_contents (noise, "not a database, just words\n", -1, NULL));
  g_assert_false (gw_backup_restore (db, noise, NULL, NULL, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE);
  g_assert_nonnull (strstr (error->message, "not a Gridwatch database"));
  g_clear_error (&error);
  g_assert_false (gw_backup_restore (db, missing, NULL, NULL, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE);
  g_clear_error (&error);

  after = fingerprint (db);
  g_assert_cmpstr (before, ==, after);
  assert_files ("gw.db", "gw.bak", "noise.bak", NULL);
}

/* Another program has the database open: restoring under it would lose its work. */
static void
test_restore_in_use (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *bak = path_in ("gw.bak");
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GwStore) user = NULL;

  make_db (db, 4);
  user = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gw_backup_create (user, bak, NULL, &error));
  add_hazards (user, 3, 1);
  before = fingerprint (db);
  g_assert_false (gw_backup_restore (db, bak, NULL, NULL, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE);
  g_assert_nonnull (strstr (error->message, "in use"));
  g_clear_error (&error);
  g_clear_object (&user);
  after = fingerprint (db);
  g_assert_cmpstr (before, ==, after);
  assert_files ("gw.db", "gw.bak", NULL);
}

/* A damaged database (the reason to restore) is replaced and kept as it was. */
static void
test_restore_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *bak = path_in ("gw.bak");
  g_autofree char *kept = NULL, *a = NULL, *b = NULL, *junk = NULL;
  g_autofree char *fresh = path_in ("fresh.db");
  g_autofree char *kept_fresh = NULL;

  make_db (db, 5);
  {
    g_autoptr(GwStore) store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
    g_assert_true (gw_backup_create (store, bak, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_set_contents (db, "SQLite format 3\0garbage garbage", 32, NULL));
  g_assert_true (gw_backup_restore (db, bak, &kept, NULL, &error));
  g_assert_no_error (error);
  a = fingerprint (db);
  b = fingerprint (bak);
  g_assert_cmpstr (a, ==, b);
  g_assert_true (g_file_get_contents (kept, &junk, NULL, NULL));
  g_assert_true (g_str_has_prefix (junk, "SQLite format 3"));

  /* No database yet: the backup becomes it. */
  g_assert_true (gw_backup_restore (fresh, bak, &kept_fresh, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (kept_fresh);
  g_clear_pointer (&a, g_free);
  a = fingerprint (fresh);
  g_assert_cmpstr (a, ==, b);
}

/* ---- the command line ------------------------------------------------------------ */


static void
test_cli_backup_restore (void)
{
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *bak = path_in ("gw.bak");
  g_autofree char *noise = path_in ("noise.bak");
  g_autofree char *a = NULL, *b = NULL;

  if (!gw_test_have_cli ())
    return;
  make_db (db, 7);
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "backup", "--db", db, "--out", bak, NULL);
    gw_test_expect (&r, 0, "backup");
    g_assert_nonnull (strstr (r.out, "passes the check"));
  }
  a = fingerprint (db);
  b = fingerprint (bak);
  g_assert_cmpstr (a, ==, b);
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "backup", "--db", db, "--out", bak, NULL);
    gw_test_expect (&r, 1, "backup over an existing file");
    g_assert_nonnull (strstr (r.err, "already exists"));
  }
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "backup", "--db", db, NULL);
    gw_test_expect (&r, 2, "backup without --out");
  }
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "restore", "--db", db, "--from", bak, NULL);
    gw_test_expect (&r, 0, "restore");
    g_assert_nonnull (strstr (r.out, "before-restore"));
  }
  {
    g_auto(GwTestRun) r = { 0 };
    g_assert_true (g_file_set_contents (noise, "noise", -1, NULL));
    gw_test_run_cli (&r, "restore", "--db", db, "--from", noise, NULL);
    gw_test_expect (&r, 1, "restore of noise");
    g_assert_nonnull (strstr (r.err, "noise.bak"));
    g_assert_nonnull (strstr (r.err, "was not changed"));
    /* One line. */
    g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);
  }
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "restore", "--from", bak, NULL);
    gw_test_expect (&r, 2, "restore without --db");
  }
}

/* gridwatch-cli import staff|enterprises|hazards, once `import` routes to it. */
static void
test_cli_import (void)
{
  g_autofree char *db = (set_up (), path_in ("gw.db"));
  g_autofree char *hazards = g_build_filename (TEST_SRCDIR, "fixtures", "csv", "bad-grid.csv", NULL);
  g_autofree char *staff = g_build_filename (TEST_SRCDIR, "fixtures", "csv", "staff-gb18030.csv", NULL);
  g_autofree char *mapping = g_build_filename (TEST_SRCDIR, "fixtures", "csv", "hazards-mapping.json", NULL);
  g_autofree char *mapped = g_build_filename (TEST_SRCDIR, "fixtures", "csv", "hazards-mapping.csv", NULL);

  if (!gw_test_have_cli ())
    return;
  make_db (db, 1);
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "import", "staff", "--db", db, staff, NULL);
    gw_test_expect (&r, 0, "import staff");
    g_assert_nonnull (strstr (r.out, "Imported 2"));
    g_assert_nonnull (strstr (r.out, "GB18030"));
  }
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "import", "hazards", "--db", db, hazards, NULL);
    gw_test_expect (&r, 1, "import of a bad file");
    g_assert_nonnull (strstr (r.err, "bad-grid.csv line 2, column “网格”"));
    g_assert_nonnull (strstr (r.err, "nothing was imported"));
  }
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "import", "hazards", "--db", db, "--mapping", mapping, "--dry-run", mapped, NULL);
    gw_test_expect (&r, 0, "dry run");
    g_assert_nonnull (strstr (r.out, "nothing was written"));
    gw_test_run_clear (&r);
    gw_test_run_cli (&r, "import", "hazards", "--db", db, "--mapping", mapping, mapped, NULL);
    gw_test_expect (&r, 0, "import with a mapping");
    g_assert_nonnull (strstr (r.out, "Imported 2"));
  }
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "import", "hazards", "--db", db, "--encoding", "latin1", mapped, NULL);
    gw_test_expect (&r, 2, "unknown encoding");
    gw_test_run_clear (&r);
    gw_test_run_cli (&r, "import", "widgets", "--db", db, mapped, NULL);
    gw_test_expect (&r, 2, "unknown kind");
    gw_test_run_clear (&r);
    gw_test_run_cli (&r, "import", "hazards", "--db", db, NULL);
    gw_test_expect (&r, 2, "no file");
  }
  {
    g_auto(GwTestRun) r = { 0 };
    gw_test_run_cli (&r, "check", "--db", db, NULL);
    gw_test_expect (&r, 0, "check");
  }
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/create", test_create);
  g_test_add_func ("/backup/create-while-writing", test_create_while_writing);
  g_test_add_func ("/backup/create-progress", test_create_progress);
  g_test_add_func ("/backup/check", test_check);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-refuses", test_restore_refuses);
  g_test_add_func ("/backup/restore-in-use", test_restore_in_use);
  g_test_add_func ("/backup/restore-damaged", test_restore_damaged);
  g_test_add_func ("/backup/cli", test_cli_backup_restore);
  g_test_add_func ("/backup/cli-import", test_cli_import);
  status = g_test_run ();
  if (dir)
    gw_test_remove_tree (dir);
  return status;
}
