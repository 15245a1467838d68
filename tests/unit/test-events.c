/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gw-hazard.h"
#include "gw-store.h"
#include "gw-test-util.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct {
  char    *dir;
  char    *path;
  GwStore *store;
  gint64   grid, chief, regulator;
  gint64   h1, h2;
} Fixture;

static void
move_ok (Fixture      *f,
         gint64        id,
         const GwMove *m)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_store_hazard_move (f->store, id, m, f->regulator, &error));
  g_assert_no_error (error);
}

/* Two hazards and their history, interleaved:
 *   1 create h1     2 create h2     3 assess h1     4 assess h2
 *   5 report-done h1     6 downgrade h1     7 level h1     8 comment h2 */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GwHazardNew n = { .title = "养殖废水外溢", .field = GW_FIELD_WATER,
                    .source = GW_SOURCE_PATROL, .found_date = "2026-10-01" };
  GwMove assess = { .to = GW_STATE_RECTIFYING, .level = GW_LEVEL_II,
                    .urgency = GW_URGENCY_NO_DELAY, .measure = GW_MEASURE_DEADLINE,
                    .deadline = "2026-11-30", .date = "2026-10-02" };
  GwMove done = { .to = GW_STATE_VERIFYING, .date = "2026-10-20" };
  GwMove downgrade = { .to = GW_STATE_DOWNGRADED, .level = GW_LEVEL_III, .date = "2026-10-25",
                       .reason = "整改到位" };
  gint64 county;

  f->dir = g_dir_make_tmp ("gw-test-events-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "e.gridwatch", NULL);
  f->store = gw_store_open (f->path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  county = gw_store_county_ensure (f->store, "430421", "衡阳县", &error);
  f->grid = gw_store_grid_add (f->store, "430421100000", "西渡镇", county, NULL, &error);
  f->chief = gw_store_staff_add (f->store, "王伟", NULL, GW_ROLE_GRID_CHIEF, f->grid, NULL, &error);
  f->regulator = gw_store_staff_add (f->store, "陈静", NULL, GW_ROLE_REGULATION, 0, NULL, &error);
  g_assert_no_error (error);

  n.grid_id = f->grid;
  n.found_by = f->chief;
  f->h1 = gw_store_hazard_add (f->store, &n, f->chief, &error);
  g_assert_no_error (error);
  n.title = "工地扬尘未覆盖";
  f->h2 = gw_store_hazard_add (f->store, &n, f->chief, &error);
  g_assert_no_error (error);
  assess.responsible_id = f->chief;
  move_ok (f, f->h1, &assess);
  move_ok (f, f->h2, &assess);
  move_ok (f, f->h1, &done);
  move_ok (f, f->h1, &downgrade);
  g_assert_true (gw_store_hazard_comment (f->store, f->h2, "已督促", f->chief, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  gw_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
event_row (sqlite3 *db,
           gint64   id)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM hazard_events WHERE id = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, i) == SQLITE_NULL
                                        ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static gint64
count_events (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM hazard_events", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A second, raw connection to the same file, as another program would have. */
static sqlite3 *
raw_open (Fixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed (%s): %s", message, sql);
}

static void
assert_check_fails (Fixture    *f,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  g_assert_false (gw_store_check (f->store, report, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
  g_assert_nonnull (strstr (error->message, f->path));
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) e1 = gw_store_hazard_events (f->store, f->h1, &error);
  g_autoptr(GPtrArray) e2 = gw_store_hazard_events (f->store, f->h2, &error);
  static const char *kinds1[] = { "create", "transition", "transition", "transition", "level" };
  static const gint64 ids1[] = { 1, 3, 5, 6, 7 };
  static const char *kinds2[] = { "create", "transition", "comment" };
  static const gint64 ids2[] = { 2, 4, 8 };
  g_autofree char *prev = g_strdup (GENESIS);

  g_assert_no_error (error);
  g_assert_cmpuint (e1->len, ==, G_N_ELEMENTS (kinds1));
  g_assert_cmpuint (e2->len, ==, G_N_ELEMENTS (kinds2));
  for (guint i = 0; i < e1->len; i++)
    {
      GwEvent *e = e1->pdata[i];
      g_assert_cmpstr (e->kind, ==, kinds1[i]);
      g_assert_cmpint (e->id, ==, ids1[i]);
      g_assert_cmpint (e->hazard_id, ==, f->h1);
    }
  for (guint i = 0; i < e2->len; i++)
    {
      GwEvent *e = e2->pdata[i];
      g_assert_cmpstr (e->kind, ==, kinds2[i]);
      g_assert_cmpint (e->id, ==, ids2[i]);
    }
  {
    GwEvent *create = e1->pdata[0], *downgrade = e1->pdata[3], *level = e1->pdata[4];
    g_assert_cmpstr (create->to_value, ==, "reported");
    g_assert_cmpstr (create->details, ==, "{\"state\":[null,\"reported\"]}");
    g_assert_cmpstr (create->date, ==, "2026-10-01");
    g_assert_cmpstr (create->actor, ==, "王伟");
    g_assert_cmpstr (downgrade->name, ==, "downgrade");
    g_assert_cmpstr (downgrade->note, ==, "整改到位");
    g_assert_cmpstr (downgrade->details,
                     ==, "{\"state\":[\"verifying\",\"downgraded\"],\"level\":[\"II\",\"III\"]}");
    g_assert_cmpstr (level->from_value, ==, "II");
    g_assert_cmpstr (level->to_value, ==, "III");
    g_assert_null (level->details);
  }

  /* Every hash is the SHA-256 of the chain's definition over its predecessor. */
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3 *db = gw_store_get_db (f->store);
    guint n = 0;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, hazard_id, at, date, coalesce (actor_id, 0),"
                                             " actor, kind, name, from_value, to_value, note,"
                                             " details, prev_hash, hash FROM hazard_events"
                                             " ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
#define T(i) ((const char *) sqlite3_column_text (stmt, i))
        g_autofree char *hash = gw_event_compute_hash (prev, sqlite3_column_int64 (stmt, 0),
                                                       sqlite3_column_int64 (stmt, 1), T (2), T (3),
                                                       sqlite3_column_int64 (stmt, 4), T (5), T (6),
                                                       T (7), T (8), T (9), T (10), T (11));
        g_assert_cmpstr (T (12), ==, prev);
        g_assert_cmpstr (T (13), ==, hash);
        g_free (prev);
        prev = g_strdup (hash);
        n++;
#undef T
      }
    sqlite3_finalize (stmt);
    g_assert_cmpuint (n, ==, 8);
  }

  /* The hash covers every field: NULL and "" differ, and so does any one character. */
  {
    g_autofree char *a = gw_event_compute_hash (GENESIS, 1, 1, "t", "2026-01-01", 0, "x", "create",
                                                NULL, NULL, "reported", NULL, NULL);
    g_autofree char *b = gw_event_compute_hash (GENESIS, 1, 1, "t", "2026-01-01", 0, "x", "create",
                                                "", NULL, "reported", NULL, NULL);
    g_autofree char *c = gw_event_compute_hash (GENESIS, 1, 1, "t", "2026-01-01", 0, "x", "create",
                                                NULL, NULL, "reported", NULL, "{}");
    g_autofree char *d = gw_event_compute_hash (GENESIS, 2, 1, "t", "2026-01-01", 0, "x", "create",
                                                NULL, NULL, "reported", NULL, NULL);
    g_autofree char *a2 = gw_event_compute_hash (GENESIS, 1, 1, "t", "2026-01-01", 0, "x", "create",
                                                 NULL, NULL, "reported", NULL, NULL);
    g_assert_cmpuint (strlen (a), ==, 64);
    g_assert_cmpstr (a, ==, a2);
    g_assert_cmpstr (a, !=, b);
    g_assert_cmpstr (a, !=, c);
    g_assert_cmpstr (a, !=, d);
  }
}

static void
test_clean_check (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  g_assert_true (gw_store_check (f->store, report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report->str, "events: 8 in an unbroken chain"));
  g_assert_nonnull (strstr (report->str, "PRAGMA quick_check: ok"));
  g_assert_nonnull (strstr (report->str, "PRAGMA foreign_key_check: ok"));

  /* The same through a read-only opening. */
  {
    g_autoptr(GwStore) ro = gw_store_open (f->path, GW_STORE_OPEN_READONLY, &error);
    g_assert_no_error (error);
    g_assert_true (gw_store_check (ro, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_update_refused (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *db = raw_open (f);
  g_autofree char *before = event_row (db, 3);
  g_autofree char *after = NULL;
  int rc;

  rc = sqlite3_exec (db, "UPDATE hazard_events SET note = 'x' WHERE id = 3", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "never changed"));
  rc = sqlite3_exec (db, "UPDATE hazard_events SET hash = prev_hash WHERE id = 3", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  after = event_row (db, 3);
  g_assert_cmpstr (after, ==, before);
  sqlite3_close (db);

  /* Through the store's own connection as well. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (gw_store_exec (f->store, "UPDATE hazard_events SET date = '2026-01-01'", &error));
    g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_clear_pointer (&after, g_free);
    after = event_row (gw_store_get_db (f->store), 3);
    g_assert_cmpstr (after, ==, before);
    g_assert_true (gw_store_check (f->store, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_delete_refused (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *db = raw_open (f);
  g_autofree char *before = event_row (db, 3);
  g_autofree char *after = NULL;
  int rc;

  rc = sqlite3_exec (db, "DELETE FROM hazard_events WHERE id = 3", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "never deleted"));
  rc = sqlite3_exec (db, "DELETE FROM hazard_events", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (count_events (db), ==, 8);
  after = event_row (db, 3);
  g_assert_cmpstr (after, ==, before);

  /* Hazards are never deleted either. */
  rc = sqlite3_exec (db, "DELETE FROM hazards WHERE id = 1", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

static void
test_tamper_update (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3 *db = raw_open (f);

  raw_exec (db, "DROP TRIGGER hazard_events_no_update;"
                "UPDATE hazard_events SET note = 'x' WHERE id = 3");
  sqlite3_close (db);
  assert_check_fails (f, "event 3 (hazard 1)");
}

static void
test_tamper_rehash (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3 *db = raw_open (f);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *hash = NULL;

  /* A forger who rewrites event 5 and recomputes its hash is caught at event 6. */
  raw_exec (db, "DROP TRIGGER hazard_events_no_update;"
                "UPDATE hazard_events SET date = '2026-10-10' WHERE id = 5");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT prev_hash, id, hazard_id, at, date, actor_id,"
                                           " actor, kind, name, from_value, to_value, note, details"
                                           " FROM hazard_events WHERE id = 5", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
#define T(i) ((const char *) sqlite3_column_text (stmt, i))
  hash = gw_event_compute_hash (T (0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                                T (3), T (4), sqlite3_column_int64 (stmt, 5), T (6), T (7), T (8),
                                T (9), T (10), T (11), T (12));
#undef T
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE hazard_events SET hash = ?1 WHERE id = 5", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  assert_check_fails (f, "event 6 (hazard 1)");
}

static void
test_tamper_delete_middle (Fixture       *f,
                           gconstpointer  data)
{
  sqlite3 *db = raw_open (f);

  raw_exec (db, "DROP TRIGGER hazard_events_no_delete;"
                "DELETE FROM hazard_events WHERE id = 3");
  sqlite3_close (db);
  assert_check_fails (f, "event 3 is missing");
}

static void
test_tamper_delete_first (Fixture       *f,
                          gconstpointer  data)
{
  sqlite3 *db = raw_open (f);

  /* Without event 1, event 2 no longer follows the genesis hash. */
  raw_exec (db, "DROP TRIGGER hazard_events_no_delete;"
                "DELETE FROM hazard_events WHERE id = 1");
  sqlite3_close (db);
  assert_check_fails (f, "event 2 (hazard 2)");
}

static void
test_tamper_insert (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3 *db = raw_open (f);

  /* A row slipped in with a made-up hash. */
  raw_exec (db, "INSERT INTO hazard_events (id, hazard_id, at, date, actor, kind, prev_hash, hash)"
                " SELECT 9, 1, '2026-10-26T09:00:00+08:00', '2026-10-26', 'x', 'comment', hash,"
                " '" GENESIS "' FROM hazard_events WHERE id = 8");
  sqlite3_close (db);
  assert_check_fails (f, "event 9 (hazard 1)");
}

static void
test_tamper_attachment (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static ("\x89PNG fake", 9);
  gint64 id = gw_store_attachment_add (f->store, f->h1, "after", "after.png", "image/png", photo,
                                       f->chief, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);
  g_assert_true (gw_store_check (f->store, NULL, &error));
  g_assert_no_error (error);

  db = raw_open (f);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE attachments SET data = x'00'", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);
  raw_exec (db, "DROP TRIGGER attachments_no_update; UPDATE attachments SET data = x'00'");
  sqlite3_close (db);
  assert_check_fails (f, "attachment 1");
}

/* A hazard row changed outside the program no longer matches its history. */
static void
test_tamper_row (Fixture       *f,
                 gconstpointer  data)
{
  sqlite3 *db = raw_open (f);

  raw_exec (db, "UPDATE hazards SET level = 'IV' WHERE id = 1");
  sqlite3_close (db);
  assert_check_fails (f, "does not match its history: its level is “IV”");
}

/* Cutting the newest events off leaves the row ahead of its history. */
static void
test_tamper_truncate (Fixture       *f,
                      gconstpointer  data)
{
  sqlite3 *db = raw_open (f);

  raw_exec (db, "DROP TRIGGER hazard_events_no_delete;"
                "DELETE FROM hazard_events WHERE id = (SELECT max (id) FROM hazard_events)");
  sqlite3_close (db);
  assert_check_fails (f, "the event history was cut short: it ends at event 7, but event 8");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/events/history", test_history);
  ADD ("/events/check/clean", test_clean_check);
  ADD ("/events/immutable/update", test_update_refused);
  ADD ("/events/immutable/delete", test_delete_refused);
  ADD ("/events/tamper/update", test_tamper_update);
  ADD ("/events/tamper/rehash", test_tamper_rehash);
  ADD ("/events/tamper/delete-middle", test_tamper_delete_middle);
  ADD ("/events/tamper/delete-first", test_tamper_delete_first);
  ADD ("/events/tamper/insert", test_tamper_insert);
  ADD ("/events/tamper/attachment", test_tamper_attachment);
  ADD ("/events/tamper/row", test_tamper_row);
  ADD ("/events/tamper/truncate", test_tamper_truncate);

  return g_test_run ();
}
