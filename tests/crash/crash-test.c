/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The crash test: runs crash-worker against one database and kills it with
 * SIGKILL at seeded random moments. After every kill the database must open and
 * pass gw_store_check, every change the worker's journal says was committed
 * must be there, every import must be whole or absent, and every export or
 * backup file that exists must be complete.
 *
 *   crash-test WORKER            (GW_CRASH_SEED, GW_CRASH_KILLS override the defaults)
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gw-csv.h"
#include "gw-import.h"
#include "gw-store.h"
#include "gw-test-util.h"

#define DEFAULT_SEED   20261123
#define DEFAULT_KILLS  220
#define TODAY          "2026-11-23"

typedef struct {
  char   *table;       /* hazards, staff, enterprises */
  guint   n;
  gboolean committed;  /* the journal says so, or it was seen whole */
} Batch;

typedef struct {
  gint64  hazard, event;
  char   *kind;        /* transition, comment */
  char   *to;          /* the state of a transition */
} Change;

typedef struct {
  GHashTable *batches;       /* "R3-5" → Batch* */
  GPtrArray  *changes;       /* Change* */
  gboolean    exported_csv, exported_xlsx;
  guint       n_moves, n_comments, n_exports, n_backups, n_backup_files, n_leftovers;
  guint       n_whole, n_absent, n_unjournaled_whole;
  guint       lost;
  GString    *problems;
} State;

static void
batch_free (gpointer data)
{
  Batch *b = data;

  g_free (b->table);
  g_free (b);
}

static void
change_free (gpointer data)
{
  Change *c = data;

  g_free (c->kind);
  g_free (c->to);
  g_free (c);
}

static void fail (State *st, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
fail (State      *st,
      const char *format,
      ...)
{
  va_list ap;

  va_start (ap, format);
  g_string_append_vprintf (st->problems, format, ap);
  va_end (ap);
  g_string_append_c (st->problems, '\n');
}

/* Reads the complete lines of a journal. */
static void
read_journal (State      *st,
              const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  /* The last piece has no line break: cut short by the kill, or empty. */
  for (guint i = 0; i + 1 < n; i++)
    {
      g_auto(GStrv) w = g_strsplit (lines[i], " ", -1);
      guint nw = g_strv_length (w);

      if (nw == 4 && g_str_equal (w[0], "begin"))
        {
          Batch *b = g_new0 (Batch, 1);
          b->table = g_strdup (w[1]);
          b->n = (guint) g_ascii_strtoull (w[3], NULL, 10);
          g_hash_table_replace (st->batches, g_strdup (w[2]), b);
        }
      else if (nw == 3 && (g_str_equal (w[0], "hazards") || g_str_equal (w[0], "staff") ||
                           g_str_equal (w[0], "enterprises")))
        {
          Batch *b = g_hash_table_lookup (st->batches, w[1]);
          if (b == NULL)
            fail (st, "%s: “%s” was committed but never begun", path, lines[i]);
          else
            b->committed = TRUE;
        }
      else if ((nw == 4 && g_str_equal (w[0], "move")) || (nw == 3 && g_str_equal (w[0], "comment")))
        {
          Change *c = g_new0 (Change, 1);
          c->hazard = g_ascii_strtoll (w[1], NULL, 10);
          c->event = g_ascii_strtoll (w[2], NULL, 10);
          c->kind = g_strdup (g_str_equal (w[0], "move") ? "transition" : "comment");
          c->to = nw == 4 ? g_strdup (w[3]) : NULL;
          g_ptr_array_add (st->changes, c);
          if (g_str_equal (w[0], "move"))
            st->n_moves++;
          else
            st->n_comments++;
        }
      else if (nw == 2 && g_str_equal (w[0], "export"))
        {
          st->n_exports++;
          if (g_str_has_suffix (w[1], ".csv"))
            st->exported_csv = TRUE;
          else
            st->exported_xlsx = TRUE;
        }
      else if (nw == 2 && g_str_equal (w[0], "backup"))
        st->n_backups++;
      else if (nw == 2 && g_str_equal (w[0], "start"))
        ;
      else
        fail (st, "%s: unreadable journal line “%s”", path, lines[i]);
    }
}

/* Rows per batch of a table, in one scan: batch R3-5 wrote R3-5-0, R3-5-1 … */
static GHashTable *
count_batches (GwStore    *store,
               const char *table,
               const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rtrim (rtrim (%s, '0123456789'), '-'), count(*)"
                                          " FROM %s WHERE %s GLOB 'R[0-9]*' GROUP BY 1",
                                          column, table, column);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 1)));
  sqlite3_finalize (stmt);
  return counts;
}

static gboolean
event_is (GwStore      *store,
          const Change *c)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  sqlite3_prepare_v2 (gw_store_get_db (store),
                      "SELECT hazard_id, kind, to_value FROM hazard_events WHERE id = ?1", -1,
                      &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, c->event);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = sqlite3_column_int64 (stmt, 0) == c->hazard &&
         g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), c->kind) == 0 &&
         (c->to == NULL || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), c->to) == 0);
  sqlite3_finalize (stmt);
  return ok;
}

/* An export that exists is whole: every record as wide as the header, and the
 * final line break there. */
static void
verify_csv (State      *st,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL, *text = NULL;
  g_autoptr(GwCsvReader) reader = NULL;
  GwCsvRecord rec = { 0 };
  GwCsvEncoding used;
  gsize len, n;
  guint width = 0;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      fail (st, "%s", error->message);
      return;
    }
  if (len < 2 || data[len - 1] != '\n')
    fail (st, "%s: cut short", path);
  text = gw_csv_decode (path, data, len, GW_CSV_ENCODING_AUTO, &used, &n, &error);
  if (text == NULL)
    {
      fail (st, "%s", error->message);
      return;
    }
  reader = gw_csv_reader_new (path, text, n);
  while (gw_csv_reader_next (reader, &rec, &error))
    {
      if (width == 0)
        width = rec.n_fields;
      else if (rec.n_fields != width)
        fail (st, "%s line %u: %u fields, the header has %u", path, rec.line, rec.n_fields, width);
    }
  gw_csv_record_clear (&rec);
  if (error)
    fail (st, "%s", error->message);
}

static void
verify_xlsx (State      *st,
             const char *path)
{
  g_autofree char *data = NULL;
  gsize len;
  gboolean found = FALSE;

  if (!g_file_get_contents (path, &data, &len, NULL))
    {
      fail (st, "%s: missing", path);
      return;
    }
  /* The end of central directory record closes a complete zip. */
  for (gsize i = len >= 22 ? len - 22 : 0; i + 4 <= len && !found; i++)
    found = memcmp (data + i, "PK\x05\x06", 4) == 0;
  if (!found)
    fail (st, "%s: not a complete workbook", path);
}

/* Backups that exist pass the check; then they go, to keep the disk free. Partial
 * and temporary files are what a kill leaves: counted and removed. */
static void
sweep_outdir (State      *st,
              const char *outdir)
{
  GDir *d = g_dir_open (outdir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (outdir, name, NULL);

      if (g_str_has_prefix (name, "backup-") && g_str_has_suffix (name, ".db"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GwStore) b = gw_store_open (path, GW_STORE_OPEN_READONLY, &error);

          if (b == NULL || !gw_store_check (b, NULL, &error))
            fail (st, "backup %s: %s", name, error->message);
          g_clear_object (&b);
          st->n_backup_files++;
          g_unlink (path);
        }
      else if (g_str_equal (name, "ledger.csv") || g_str_equal (name, "progress.xlsx"))
        ;
      else
        {
          st->n_leftovers++;
          g_unlink (path);
        }
    }
  g_dir_close (d);
}

static gboolean
verify (State      *st,
        const char *db,
        const char *outdir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
  gsize before = st->problems->len;
  GHashTableIter iter;
  gpointer key, value;

  if (store == NULL)
    {
      fail (st, "the database does not open: %s", error->message);
      return FALSE;
    }
  if (!gw_store_check (store, NULL, &error))
    fail (st, "check: %s", error->message);

  {
    g_autoptr(GHashTable) hazards = count_batches (store, "hazards", "number");
    g_autoptr(GHashTable) staff = count_batches (store, "staff", "name");
    g_autoptr(GHashTable) enterprises = count_batches (store, "enterprises", "name");

  g_hash_table_iter_init (&iter, st->batches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Batch *b = value;
      GHashTable *counts = g_str_equal (b->table, "hazards") ? hazards
                           : g_str_equal (b->table, "staff") ? staff : enterprises;
      gint64 n = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (counts, key));

      if (n == b->n)
        {
          if (!b->committed)
            st->n_unjournaled_whole++;
          b->committed = TRUE;
        }
      else if (n == 0 && !b->committed)
        ;
      else if (b->committed)
        {
          fail (st, "import %s (%s): %u rows committed, %" G_GINT64_FORMAT " there", (char *) key,
                b->table, b->n, n);
          st->lost += b->n - MIN ((gint64) b->n, n);
        }
      else
        fail (st, "import %s (%s) is half there: %" G_GINT64_FORMAT " of %u rows", (char *) key,
              b->table, n, b->n);
    }
  }
  for (guint i = 0; i < st->changes->len; i++)
    if (!event_is (store, st->changes->pdata[i]))
      {
        Change *c = st->changes->pdata[i];
        fail (st, "%s of hazard %" G_GINT64_FORMAT " (event %" G_GINT64_FORMAT ") is lost",
              c->kind, c->hazard, c->event);
        st->lost++;
      }

  {
    g_autofree char *csv = g_build_filename (outdir, "ledger.csv", NULL);
    g_autofree char *xlsx = g_build_filename (outdir, "progress.xlsx", NULL);

    if (g_file_test (csv, G_FILE_TEST_EXISTS))
      verify_csv (st, csv);
    else if (st->exported_csv)
      fail (st, "%s is gone", csv);
    if (g_file_test (xlsx, G_FILE_TEST_EXISTS))
      verify_xlsx (st, xlsx);
    else if (st->exported_xlsx)
      fail (st, "%s is gone", xlsx);
  }
  sweep_outdir (st, outdir);
  return st->problems->len == before;
}

static void
make_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  const char *csv = "隐患名称,网格,发现日期,状态\n初始隐患一,东风街道,2026-03-01,已上报\n"
                    "初始隐患二,西渡镇,2026-03-02,已上报\n初始隐患三,广东路街道,2026-03-03,已上报\n";
  GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, NULL, 0, FALSE };
  gint64 zh, hy, grid;

  if (store == NULL)
    g_error ("%s", error->message);
  zh = gw_store_county_ensure (store, "430405", "珠晖区", &error);
  hy = gw_store_county_ensure (store, "430421", "衡阳县", &error);
  grid = gw_store_grid_add (store, "430405001000", "东风街道", zh, NULL, &error);
  gw_store_grid_add (store, "430405002000", "广东路街道", zh, NULL, &error);
  gw_store_grid_add (store, "430421100000", "西渡镇", hy, NULL, &error);
  if (gw_store_staff_add (store, "张三", NULL, GW_ROLE_GRID_CHIEF, grid, NULL, &error) != 1 ||
      !gw_import_csv_data (store, "init.csv", csv, strlen (csv), &options, NULL, NULL, NULL, NULL,
                           &error))
    g_error ("%s", error ? error->message : "setup");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *dir = NULL, *db = NULL, *outdir = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  State st = { 0 };
  guint seed = DEFAULT_SEED, kills_wanted = DEFAULT_KILLS, kills = 0, checks = 0;
  gboolean ok;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("usage: crash-test CRASH-WORKER\n");
      return 2;
    }
  if (g_getenv ("GW_CRASH_SEED"))
    seed = (guint) g_ascii_strtoull (g_getenv ("GW_CRASH_SEED"), NULL, 10);
  if (g_getenv ("GW_CRASH_KILLS"))
    kills_wanted = (guint) g_ascii_strtoull (g_getenv ("GW_CRASH_KILLS"), NULL, 10);
  g_setenv ("GRIDWATCH_TODAY", TODAY, TRUE);
  rand = g_rand_new_with_seed (seed);

  dir = g_dir_make_tmp ("gw-crash-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "gw.db", NULL);
  outdir = g_build_filename (dir, "out", NULL);
  g_mkdir (outdir, 0755);
  make_db (db);

  st.batches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, batch_free);
  st.changes = g_ptr_array_new_with_free_func (change_free);
  st.problems = g_string_new (NULL);

  printf ("crash test: seed %u, %u kills, database %s\n", seed, kills_wanted, db);
  fflush (stdout);
  for (guint run = 0; run < kills_wanted; run++)
    {
      g_autofree char *journal = g_strdup_printf ("%s/journal-%u.txt", dir, run);
      g_autofree char *seed_s = g_strdup_printf ("%u", seed);
      g_autofree char *run_s = g_strdup_printf ("%u", run);
      char *child_argv[] = { argv[1], db, journal, outdir, seed_s, run_s, NULL };
      /* Mostly in the thick of the work; now and then while it opens and recovers. */
      guint delay_ms = g_rand_int_range (rand, 0, 10) == 0 ? g_rand_int_range (rand, 0, 15)
                                                          : g_rand_int_range (rand, 15, 450);
      int status = 0;
      GPid pid;

      if (!g_spawn_async (NULL, child_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                          G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, &pid, &error))
        g_error ("%s", error->message);
      g_usleep (delay_ms * 1000);
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          fail (&st, "run %u: the worker ended by itself (status %d) before the kill", run, status);
          break;
        }
      kill (pid, SIGKILL);
      if (waitpid (pid, &status, 0) != pid || !WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
        {
          fail (&st, "run %u: the worker was not killed (status %d)", run, status);
          break;
        }
      kills++;
      read_journal (&st, journal);
      if (verify (&st, db, outdir))
        checks++;
      else
        {
          g_printerr ("crash-test: after kill %u (at %u ms):\n%s", run, delay_ms, st.problems->str);
          break;
        }
      if ((run + 1) % 50 == 0)
        {
          printf ("  %u kills, %u checks passed, %.0f s\n", kills, checks,
                  g_timer_elapsed (timer, NULL));
          fflush (stdout);
        }
    }

  {
    GHashTableIter iter;
    gpointer value;
    guint whole = 0, absent = 0, rows = 0;

    g_hash_table_iter_init (&iter, st.batches);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        Batch *b = value;
        if (b->committed)
          {
            whole++;
            rows += b->n;
          }
        else
          absent++;
      }
    printf ("crash test: seed %u: %u kills, %u checks passed, records lost = %u\n"
            "  imports: %u whole (%u rows; %u committed just before the kill, unjournaled),"
            " %u cut off by the kill and absent, 0 half there\n"
            "  transitions %u, comments %u, exports %u, backups %u (%u backup files checked),"
            " %u leftover temporary files removed\n"
            "  %.1f s\n",
            seed, kills, checks, st.lost, whole, rows, st.n_unjournaled_whole, absent,
            st.n_moves, st.n_comments, st.n_exports, st.n_backups, st.n_backup_files,
            st.n_leftovers, g_timer_elapsed (timer, NULL));
  }
  ok = st.problems->len == 0 && kills == kills_wanted && checks == kills && st.lost == 0;
  if (!ok)
    g_printerr ("crash-test: FAILED\n%s", st.problems->str);
  else
    gw_test_remove_tree (dir);
  g_hash_table_unref (st.batches);
  g_ptr_array_unref (st.changes);
  g_string_free (st.problems, TRUE);
  return ok ? 0 : 1;
}
