/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gw-hazard.h"
#include "gw-query.h"
#include "gw-schema.h"
#include "gw-stats.h"
#include "gw-store.h"
#include "gw-test-util.h"

/* ---- helpers ------------------------------------------------------------------ */

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gw-test-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("SQL failed (%s): %.200s", message, sql);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("prepare failed (%s): %s", sqlite3_errmsg (db), sql);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("prepare failed (%s): %s", sqlite3_errmsg (db), sql);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

/* Every row of a query as text, with types, one line a row. */
static char *
raw_dump (sqlite3    *db,
          const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("prepare failed (%s): %s", sqlite3_errmsg (db), sql);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          int type = sqlite3_column_type (stmt, i);
          if (type == SQLITE_NULL)
            g_string_append (out, "N");
          else if (type == SQLITE_INTEGER)
            g_string_append_printf (out, "i%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, i));
          else if (type == SQLITE_FLOAT)
            g_string_append_printf (out, "f%.17g", sqlite3_column_double (stmt, i));
          else
            g_string_append_printf (out, "t%s", sqlite3_column_text (stmt, i));
          g_string_append_c (out, '\x1f');
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static char *
file_sha256 (const char *path,
             char      **contents,
             gsize      *length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, contents, length, &error));
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) *contents, *length);
}

/* Opens @path, expects @code, and checks that the file was not touched at all. */
static void
assert_refused_untouched (const char *path,
                          int         code,
                          gboolean    wal_mode)
{
  g_autofree char *before = NULL, *after = NULL, *sum_before = NULL, *sum_after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  gsize len_before = 0, len_after = 0;

  sum_before = file_sha256 (path, &before, &len_before);

  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, GW_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Asking to create does not make it acceptable either. */
  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, GW_STORE_ERROR, code);
  g_clear_error (&error);

  store = gw_store_open (path, GW_STORE_OPEN_READONLY, &error);
  g_assert_null (store);
  g_assert_error (error, GW_STORE_ERROR, code);

  sum_after = file_sha256 (path, &after, &len_after);
  g_assert_cmpuint (len_after, ==, len_before);
  g_assert_true (memcmp (before, after, len_before) == 0);
  g_assert_cmpstr (sum_after, ==, sum_before);
  /* Nothing was written beside it either. (A WAL-mode file gets SQLite's empty
   * -wal and -shm from the read-only look; they hold no data.) */
  if (wal_mode)
    {
      GStatBuf st;
      if (g_stat (wal, &st) == 0)
        g_assert_cmpint (st.st_size, ==, 0);
    }
  else
    {
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    }
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

/* A small Gridwatch database, closed again. */
static void
make_gridwatch_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  gint64 county, grid;

  g_assert_no_error (error);
  county = gw_store_county_ensure (store, "430421", "衡阳县", &error);
  g_assert_no_error (error);
  grid = gw_store_grid_add (store, "430421100000", "西渡镇", county, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (grid, >, 0);
}

/* ---- tests ---------------------------------------------------------------------- */

static void
test_create_reopen (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "new.gridwatch", NULL);
  g_autoptr(GError) error = NULL;
  GwStore *store;
  gint64 county, grid, staff;

  /* Without CREATE a missing file is NOT_FOUND and is not made. */
  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (gw_store_get_path (store), ==, path);
  /* A new database is not a migration: no backup. */
  g_assert_null (gw_store_get_migration_backup (store));
  g_assert_cmpint (raw_int (gw_store_get_db (store), "PRAGMA user_version"), ==,
                   GW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (gw_store_get_db (store), "PRAGMA application_id"), ==,
                   GW_STORE_APPLICATION_ID);
  g_assert_cmpuint (gw_schema_latest (), ==, GW_STORE_SCHEMA_VERSION);

  county = gw_store_county_ensure (store, "430421", "衡阳县", &error);
  g_assert_no_error (error);
  grid = gw_store_grid_add (store, "430421100000", "西渡镇", county, NULL, &error);
  g_assert_no_error (error);
  staff = gw_store_staff_add (store, "王伟", "13800000001", GW_ROLE_GRID_CHIEF, grid, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (store);

  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (gw_store_get_migration_backup (store));
  g_assert_cmpint (raw_int (gw_store_get_db (store), "PRAGMA user_version"), ==, GW_STORE_SCHEMA_VERSION);
  /* What was written is there, and found by its 9- and 12-digit codes. */
  g_assert_cmpint (gw_store_grid_find (store, "430421100", &error), ==, grid);
  g_assert_no_error (error);
  g_assert_cmpint (gw_store_grid_find (store, "430421100000", &error), ==, grid);
  g_assert_no_error (error);
  g_assert_cmpint (gw_store_grid_find (store, "430421999000", &error), ==, 0);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (gw_store_staff_find (store, "王伟", &error), ==, staff);
  g_assert_no_error (error);
  g_assert_cmpint (gw_store_county_ensure (store, "430421", "衡阳县", &error), ==, county);
  g_assert_no_error (error);
  g_assert_true (gw_store_check (store, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (store);

  /* Read-only opening of an up-to-date file works. */
  store = gw_store_open (path, GW_STORE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (gw_store_get_db (store), "SELECT count(*) FROM grids"), ==, 1);
  g_object_unref (store);

  gw_test_remove_tree (dir);
}

static void
test_pragmas (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.gridwatch", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_autofree char *mode = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  db = gw_store_get_db (store);
  mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (raw_int (db, "PRAGMA foreign_keys"), ==, 1);

  /* Foreign keys are enforced: a grid of a county that does not exist is refused. */
  g_assert_cmpint (gw_store_grid_add (store, "430421100000", "西渡镇", 999, NULL, &error), ==, 0);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM grids"), ==, 0);

  g_clear_object (&store);
  gw_test_remove_tree (dir);
}

static void
test_open_random_bytes (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "noise.gridwatch", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, sizeof bytes, &error));
  assert_refused_untouched (path, GW_STORE_ERROR_NOT_GRIDWATCH, FALSE);

  /* A short file that is not even as long as the SQLite header. */
  g_assert_true (g_file_set_contents (path, "SQLite", 6, &error));
  assert_refused_untouched (path, GW_STORE_ERROR_NOT_GRIDWATCH, FALSE);

  /* The SQLite magic followed by garbage. */
  memcpy (bytes, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, sizeof bytes, &error));
  {
    g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
    g_assert_null (store);
    g_assert_nonnull (error);
    g_assert_true (error->domain == GW_STORE_ERROR);
    g_assert_true (error->code == GW_STORE_ERROR_NOT_GRIDWATCH ||
                   error->code == GW_STORE_ERROR_CORRUPT);
  }
  {
    g_autofree char *after = NULL;
    gsize len = 0;
    g_assert_true (g_file_get_contents (path, &after, &len, NULL));
    g_assert_cmpuint (len, ==, sizeof bytes);
    g_assert_true (memcmp (after, bytes, len) == 0);
  }

  gw_test_remove_tree (dir);
}

static void
test_open_empty_file (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.gridwatch", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, &error));
  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_GRIDWATCH);
  g_clear_error (&error);

  /* With CREATE, an empty file becomes a new database. */
  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (gw_store_get_db (store), "PRAGMA user_version"), ==, GW_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  gw_test_remove_tree (dir);
}

static void
test_open_newer_version (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "future.gridwatch", NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db;

  make_gridwatch_db (path);
  db = raw_open (path);
  sql = g_strdup_printf ("PRAGMA user_version = %d", GW_STORE_SCHEMA_VERSION + 1);
  raw_exec (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  assert_refused_untouched (path, GW_STORE_ERROR_TOO_NEW, TRUE);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
    g_autofree char *v = g_strdup_printf ("%d", GW_STORE_SCHEMA_VERSION + 1);

    g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_TOO_NEW);
    /* The message says which version the file has. */
    g_assert_nonnull (strstr (error->message, v));
  }

  gw_test_remove_tree (dir);
}

static void
test_open_other_program (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.sqlite", NULL);
  g_autofree char *path2 = g_build_filename (dir, "other.sqlite", NULL);
  sqlite3 *db;

  /* No application id at all, but tables of its own. */
  db = raw_open (path);
  raw_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                "INSERT INTO notes (body) VALUES ('buy milk'), ('call mum');"
                "PRAGMA user_version = 1;");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_refused_untouched (path, GW_STORE_ERROR_NOT_GRIDWATCH, FALSE);

  /* Another program's application id, at a version Gridwatch would otherwise migrate. */
  db = raw_open (path2);
  raw_exec (db, "CREATE TABLE places (name TEXT);"
                "PRAGMA application_id = 1196444487;"   /* 'GPKG' */
                "PRAGMA user_version = 1;");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_refused_untouched (path2, GW_STORE_ERROR_NOT_GRIDWATCH, FALSE);

  gw_test_remove_tree (dir);
}

/* The version-1 database of tests/fixtures/v1-data.sql. */
static void
make_v1_db (const char *path)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "v1-data.sql", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture, &data, NULL, &error));
  g_assert_no_error (error);

  db = raw_open (path);
  raw_exec (db, "BEGIN");
  raw_exec (db, gw_schema_migration (1));
  raw_exec (db, "PRAGMA application_id = 0x47574348; PRAGMA user_version = 1");
  raw_exec (db, data);
  raw_exec (db, "COMMIT");
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, GW_STORE_APPLICATION_ID);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

#define HAZARDS_DUMP "SELECT * FROM hazards ORDER BY id"
#define EVENTS_DUMP "SELECT * FROM hazard_events ORDER BY id"

static void
test_migrate_v1 (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.gridwatch", NULL);
  g_autofree char *hazards_v1 = NULL, *events_v1 = NULL, *backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  GwStats stats, replay;
  GDate today;
  sqlite3 *db;

  make_v1_db (path);
  db = raw_open (path);
  hazards_v1 = raw_dump (db, HAZARDS_DUMP);
  events_v1 = raw_dump (db, EVENTS_DUMP);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'hazard_tally'"),
                   ==, 0);
  sqlite3_close (db);

  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  db = gw_store_get_db (store);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, GW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, GW_STORE_APPLICATION_ID);

  /* The data came through unchanged. */
  {
    g_autofree char *h = raw_dump (db, HAZARDS_DUMP);
    g_autofree char *e = raw_dump (db, EVENTS_DUMP);
    g_assert_cmpstr (h, ==, hazards_v1);
    g_assert_cmpstr (e, ==, events_v1);
  }

  /* The backup is the version-1 file as it was. */
  g_assert_nonnull (gw_store_get_migration_backup (store));
  backup = g_strdup (gw_store_get_migration_backup (store));
  g_assert_true (g_str_has_prefix (backup, path));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  {
    sqlite3 *old = raw_open (backup);
    g_autofree char *h = raw_dump (old, HAZARDS_DUMP);
    g_autofree char *e = raw_dump (old, EVENTS_DUMP);

    g_assert_cmpint (raw_int (old, "PRAGMA user_version"), ==, 1);
    g_assert_cmpint (raw_int (old, "PRAGMA application_id"), ==, GW_STORE_APPLICATION_ID);
    g_assert_cmpint (raw_int (old, "SELECT count(*) FROM sqlite_schema WHERE name = 'hazard_tally'"),
                     ==, 0);
    g_assert_cmpstr (h, ==, hazards_v1);
    g_assert_cmpstr (e, ==, events_v1);
    sqlite3_close (old);
  }

  /* The tallies count the hazards: exactly one row per (grid, state, level, urgency). */
  {
    g_autofree char *tally = raw_dump (db, "SELECT grid_id, state, level, urgency, n FROM hazard_tally"
                                           " WHERE n > 0 ORDER BY grid_id, state, level, urgency");
    g_autofree char *counted = raw_dump (db, "SELECT grid_id, state, coalesce (level, ''),"
                                             " coalesce (urgency, ''), count(*) FROM hazards"
                                             " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
    g_assert_cmpstr (tally, ==,
                     "i1\x1ftrectifying\x1ftII\x1ftno-delay\x1fi1\x1f\n"
                     "i1\x1ftreported\x1ft\x1ft\x1fi1\x1f\n"
                     "i2\x1ftclosed\x1ft\x1ft\x1fi1\x1f\n"
                     "i2\x1ftdowngraded\x1ftIV\x1ftat-all-costs\x1fi1\x1f\n");
    g_assert_cmpstr (tally, ==, counted);
  }

  /* The spatial index holds the one located hazard (R*Tree keeps 32-bit floats). */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM hazard_geo"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT id FROM hazard_geo"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM hazard_geo WHERE min_lat <= 26.9713 AND"
                                " max_lat >= 26.9711 AND min_lon <= 112.3735 AND max_lon >= 112.3733"),
                   ==, 1);

  /* The chain of the fixture is intact and the figures agree with the history. */
  g_assert_true (gw_store_check (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gw_date_parse ("2026-11-23", &today));
  g_assert_true (gw_store_stats (store, &today, &stats, &error));
  g_assert_no_error (error);
  g_assert_true (gw_store_stats_replay (store, &today, &replay, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.hazards, ==, 4);
  g_assert_cmpint (stats.by_state[GW_STATE_REPORTED], ==, 1);
  g_assert_cmpint (stats.by_state[GW_STATE_RECTIFYING], ==, 1);
  g_assert_cmpint (stats.by_state[GW_STATE_VERIFYING], ==, 0);
  g_assert_cmpint (stats.by_state[GW_STATE_DOWNGRADED], ==, 1);
  g_assert_cmpint (stats.by_state[GW_STATE_CLOSED], ==, 1);
  g_assert_cmpint (stats.by_level[GW_LEVEL_II], ==, 1);
  g_assert_cmpint (stats.by_level[GW_LEVEL_IV], ==, 1);
  g_assert_cmpint (stats.by_level[GW_LEVEL_NONE], ==, 2);
  for (guint i = 0; i < GW_N_STATES; i++)
    g_assert_cmpint (stats.by_state[i], ==, replay.by_state[i]);
  for (guint i = 0; i < GW_N_LEVELS; i++)
    g_assert_cmpint (stats.by_level[i], ==, replay.by_level[i]);
  for (guint i = 0; i < GW_N_URGENCIES; i++)
    g_assert_cmpint (stats.by_urgency[i], ==, replay.by_urgency[i]);

  /* The upgraded store keeps working: numbering continues, the triggers keep the tallies. */
  {
    GwHazardNew n = { .grid_id = 2, .title = "杉桥镇夜间施工噪声扰民", .field = GW_FIELD_NOISE,
                      .source = GW_SOURCE_COMPLAINT, .found_date = "2026-11-20",
                      .has_location = TRUE, .lat = 26.95, .lon = 112.40 };
    gint64 id = gw_store_hazard_add (store, &n, 4, &error);
    g_autoptr(GwHazard) h = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (id, ==, 5);
    h = gw_store_hazard_get (store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (h->number, ==, "2026-430421-0005");
    g_assert_cmpint (raw_int (db, "SELECT n FROM hazard_tally WHERE grid_id = 2 AND"
                                  " state = 'reported' AND level = '' AND urgency = ''"), ==, 1);
    g_assert_cmpint (raw_int (db, "SELECT count(*) FROM hazard_geo"), ==, 2);
    g_assert_cmpint (raw_int (db, "SELECT max (id) FROM hazard_events"), ==, 11);
    g_assert_true (gw_store_check (store, NULL, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);

  /* Opening again does not migrate again. */
  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (gw_store_get_migration_backup (store));
  g_clear_object (&store);

  gw_test_remove_tree (dir);
}

/* Takes the database at @path one version up to @version, as an older
 * Gridwatch did: the migration's SQL alone. */
static void
raw_migrate (const char *path,
             guint       version)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", version);
  sqlite3 *db = raw_open (path);

  raw_exec (db, "BEGIN");
  raw_exec (db, gw_schema_migration (version));
  raw_exec (db, set_version);
  raw_exec (db, "COMMIT");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A version-2 database: the fixture, then the tallies and spatial index of version 2. */
static void
make_v2_db (const char *path)
{
  make_v1_db (path);
  raw_migrate (path, 2);
}

#define SORT_NAMES_DUMP "SELECT id, county, grid, responsible FROM hazard_sort ORDER BY id"
#define JOINED_NAMES_DUMP \
  "SELECT h.id, c.name, g.name, r.name FROM hazards h JOIN grids g ON g.id = h.grid_id" \
  " JOIN counties c ON c.id = g.county_id LEFT JOIN staff r ON r.id = h.responsible_id" \
  " ORDER BY h.id"

/* Version 3 adds the names the ledger sorts by, kept beside the hazards, and
 * leaves the hazards and their history as they were. */
static void
test_migrate_v2 (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "v2.gridwatch", NULL);
  g_autofree char *hazards_v2 = NULL, *events_v2 = NULL, *backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  sqlite3 *db;

  make_v2_db (path);
  db = raw_open (path);
  hazards_v2 = raw_dump (db, HAZARDS_DUMP);
  events_v2 = raw_dump (db, EVENTS_DUMP);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'hazard_sort'"),
                   ==, 0);
  sqlite3_close (db);

  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  db = gw_store_get_db (store);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, GW_STORE_SCHEMA_VERSION);
  {
    g_autofree char *h = raw_dump (db, HAZARDS_DUMP);
    g_autofree char *e = raw_dump (db, EVENTS_DUMP);
    g_assert_cmpstr (h, ==, hazards_v2);
    g_assert_cmpstr (e, ==, events_v2);
  }

  /* The backup is the version-2 file as it was. */
  backup = g_strdup (gw_store_get_migration_backup (store));
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_suffix (backup, ".bak"));
  g_assert_nonnull (strstr (backup, ".v2-"));
  {
    sqlite3 *old = raw_open (backup);
    g_autofree char *h = raw_dump (old, HAZARDS_DUMP);

    g_assert_cmpint (raw_int (old, "PRAGMA user_version"), ==, 2);
    g_assert_cmpint (raw_int (old, "SELECT count(*) FROM sqlite_schema WHERE name = 'hazard_sort'"),
                     ==, 0);
    g_assert_cmpstr (h, ==, hazards_v2);
    sqlite3_close (old);
  }

  /* One row of names per hazard, the names of its county, grid and responsible person. */
  {
    g_autofree char *names = raw_dump (db, SORT_NAMES_DUMP);
    g_autofree char *joined = raw_dump (db, JOINED_NAMES_DUMP);

    g_assert_cmpint (raw_int (db, "SELECT count(*) FROM hazard_sort"), ==, 4);
    g_assert_cmpstr (names, ==, joined);
  }
  /* The overdue index covers what the ledger's count asks. */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_index_info ('hazards_state_deadline')"),
                   ==, 5);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_index_info ('hazards_grid_state')"),
                   ==, 4);

  /* The ledger sorts by responsible person: no one first, then by name. */
  {
    GwFilter f = { .sort = GW_SORT_RESPONSIBLE, .today = "2026-11-23" };
    g_autoptr(GPtrArray) page = gw_store_hazard_list (store, &f, 0, 10, &error);
    gint64 n = 0, n_overdue = -1;

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 4);
    for (guint i = 1; i < page->len; i++)
      {
        const GwHazard *a = page->pdata[i - 1], *b = page->pdata[i];

        g_assert_true (a->responsible_name == NULL || b->responsible_name != NULL);
        if (a->responsible_name && b->responsible_name)
          g_assert_cmpint (strcmp (a->responsible_name, b->responsible_name), <=, 0);
      }
    g_assert_true (gw_store_hazard_count (store, &f, &n, &n_overdue, &error));
    g_assert_no_error (error);
    g_assert_cmpint (n, ==, 4);
    g_assert_cmpint (n_overdue, ==, 0);
  }

  /* Writes keep the names: a new hazard, a renamed grid. */
  {
    GwHazardNew n = { .grid_id = 2, .title = "杉桥镇夜间施工噪声扰民", .field = GW_FIELD_NOISE,
                      .source = GW_SOURCE_COMPLAINT, .found_date = "2026-11-20" };

    g_assert_cmpint (gw_store_hazard_add (store, &n, 4, &error), ==, 5);
    g_assert_no_error (error);
    g_assert_true (gw_store_exec (store, "UPDATE grids SET name = '杉桥镇（新）' WHERE id = 2",
                                  &error));
    g_assert_no_error (error);
    {
      g_autofree char *names = raw_dump (db, SORT_NAMES_DUMP);
      g_autofree char *joined = raw_dump (db, JOINED_NAMES_DUMP);

      g_assert_cmpstr (names, ==, joined);
      g_assert_cmpint (raw_int (db, "SELECT count(*) FROM hazard_sort WHERE grid = '杉桥镇（新）'"),
                       ==, 3);
    }
  }
  /* The history check compares the hazard rows alone: the names do not disturb it. */
  g_assert_true (gw_store_check (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  gw_test_remove_tree (dir);
}

/* The ids a search finds, as "1,2". */
static char *
search_ids (GwStore    *store,
            const char *text)
{
  GwFilter f = { .text = text, .sort = GW_SORT_ID };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = gw_store_hazard_list (store, &f, 0, 100, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    g_string_append_printf (ids, "%s%lld", i ? "," : "", (long long) ((GwHazard *) page->pdata[i])->id);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Version 4 indexes the prefixes of words for search, filled from the
 * hazards themselves: the version-1 fixture had put nothing in the index. */
static void
test_migrate_v3 (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "v3.gridwatch", NULL);
  g_autofree char *hazards_v3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  sqlite3 *db;

  make_v2_db (path);
  raw_migrate (path, 3);
  db = raw_open (path);
  hazards_v3 = raw_dump (db, HAZARDS_DUMP);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'hazard_fts'"
                                " AND sql LIKE '%prefix%'"), ==, 0);
  sqlite3_close (db);

  store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  db = gw_store_get_db (store);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'hazard_fts'"
                                " AND sql LIKE '%prefix%'"), ==, 1);
  g_assert_nonnull (strstr (gw_store_get_migration_backup (store), ".v3-"));
  {
    g_autofree char *h = raw_dump (db, HAZARDS_DUMP);

    g_assert_cmpstr (h, ==, hazards_v3);
  }

  /* Numbers as they are typed, titles and descriptions. */
  {
    const struct { const char *text, *ids; } searches[] = {
      { "2026-4", "1,2,3,4" },
      { "2026-4304", "1,2,3,4" },
      { "2026-430421-0003", "3" },
      { "2026-430422", "" },
      { "扬尘", "1" },
      { "废水 满溢", "2" },
      { "噪声", "4" },
      { "镇", "1,2,3,4" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autofree char *ids = search_ids (store, searches[i].text);

        g_assert_cmpstr (ids, ==, searches[i].ids);
      }
  }

  /* New and edited hazards are indexed as before. */
  {
    GwHazardNew n = { .grid_id = 2, .title = "杉桥镇夜间施工噪声扰民", .field = GW_FIELD_NOISE,
                      .source = GW_SOURCE_COMPLAINT, .found_date = "2026-11-20" };
    g_autofree char *ids = NULL;

    g_assert_cmpint (gw_store_hazard_add (store, &n, 4, &error), ==, 5);
    g_assert_no_error (error);
    g_assert_true (gw_store_hazard_edit (store, 1, "title", "西渡镇工地噪声", 2, &error));
    g_assert_no_error (error);
    ids = search_ids (store, "噪声");
    g_assert_cmpstr (ids, ==, "1,4,5");
    g_clear_pointer (&ids, g_free);
    ids = search_ids (store, "扬尘");
    g_assert_cmpstr (ids, ==, "");
  }
  g_assert_true (gw_store_check (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  gw_test_remove_tree (dir);
}

static void
test_migrate_readonly (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.gridwatch", NULL);
  g_autofree char *before = NULL, *after = NULL, *s1 = NULL, *s2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  gsize l1 = 0, l2 = 0;

  make_v1_db (path);
  s1 = file_sha256 (path, &before, &l1);
  /* A file that needs an upgrade cannot be opened read-only, and is left alone. */
  store = gw_store_open (path, GW_STORE_OPEN_READONLY, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == GW_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, path));
  s2 = file_sha256 (path, &after, &l2);
  g_assert_cmpstr (s1, ==, s2);
  gw_test_remove_tree (dir);
}

static void
test_transactions (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "t.gridwatch", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  sqlite3 *db = gw_store_get_db (store);

  g_assert_no_error (error);
  /* Nested: an inner commit does not commit; a rollback abandons everything. */
  g_assert_true (gw_store_begin (store, &error));
  g_assert_true (gw_store_begin (store, &error));
  g_assert_cmpint (gw_store_county_ensure (store, "430421", "衡阳县", &error), >, 0);
  g_assert_true (gw_store_commit (store, &error));
  g_assert_cmpint (sqlite3_get_autocommit (db), ==, 0);
  gw_store_rollback (store);
  g_assert_cmpint (sqlite3_get_autocommit (db), !=, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM counties"), ==, 0);

  g_assert_true (gw_store_begin (store, &error));
  g_assert_cmpint (gw_store_county_ensure (store, "430421", "衡阳县", &error), >, 0);
  g_assert_true (gw_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM counties"), ==, 1);

  /* An online backup is a Gridwatch database in its own right. */
  {
    g_autofree char *copy = g_build_filename (dir, "copy.gridwatch", NULL);
    g_autoptr(GwStore) other = NULL;

    g_assert_true (gw_store_backup_to (store, copy, &error));
    g_assert_no_error (error);
    other = gw_store_open (copy, GW_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_cmpint (raw_int (gw_store_get_db (other), "SELECT count(*) FROM counties"), ==, 1);
  }
  g_clear_object (&store);
  gw_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/create-reopen", test_create_reopen);
  g_test_add_func ("/store/pragmas", test_pragmas);
  g_test_add_func ("/store/transactions", test_transactions);
  g_test_add_func ("/store/open/random-bytes", test_open_random_bytes);
  g_test_add_func ("/store/open/empty-file", test_open_empty_file);
  g_test_add_func ("/store/open/newer-version", test_open_newer_version);
  g_test_add_func ("/store/open/other-program", test_open_other_program);
  g_test_add_func ("/store/migrate/v1", test_migrate_v1);
  g_test_add_func ("/store/migrate/v2", test_migrate_v2);
  g_test_add_func ("/store/migrate/v3", test_migrate_v3);
  g_test_add_func ("/store/migrate/v1-readonly", test_migrate_readonly);

  return g_test_run ();
}
