/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export benchmark, run by hand:
 *
 *   bench-export [--db-100k FILE] [--db-1m FILE] [--grids-db FILE] [--out DIR] [--date YYYY-MM-DD]
 *
 * In one run on the same databases: the ledger of 100,000 and of 1,000,000
 * hazards exported by Gridwatch (each in a child process, for its peak RSS)
 * and written by Python XlsxWriter in constant_memory mode
 * (bench-export-xlsxwriter.py, the same cells), then the summary sheets
 * (进度表, 频次表, 例会通报) for 2,000 grids. The 2,000-grid database is made
 * with the demo generator when it does not exist. */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "gw-demo.h"
#include "gw-export.h"
#include "gw-query.h"

typedef struct {
  double seconds;      /* the export, from an open store to the file in place */
  double cpu_seconds;  /* user + system time of it, every thread */
  double open_seconds; /* gw_store_open (its integrity check), apart */
  gint64 rows;
  gint64 peak_kb;      /* VmHWM of the exporting process during the export */
  gint64 open_peak_kb; /* VmHWM after opening the store (its integrity check) */
  gboolean ok;
} Result;

static double
cpu_seconds (int who)
{
  struct rusage ru;

  getrusage (who, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
         ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static gint64
vm_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (p = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtoll (p + 6, NULL, 10);
}

/* The export in a child process, so that its peak RSS is its own. */
static Result
gridwatch_ledger (const char  *db,
                  const char  *out,
                  const GDate *date)
{
  Result r = { 0 };
  int fds[2];
  pid_t pid;

  if (pipe (fds) != 0)
    g_error ("pipe failed");
  pid = fork ();
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GwStore) store = NULL;
      GwExportOptions o = { 0 };
      Result c = { 0 };
      gint64 start;

      close (fds[0]);
      start = g_get_monotonic_time ();
      store = gw_store_open (db, GW_STORE_OPEN_READONLY, &error);
      c.open_seconds = (g_get_monotonic_time () - start) / 1e6;
      /* Reset the high-water mark: what follows is the export's own. */
      c.open_peak_kb = vm_hwm_kb ();
      {
        int fd = open ("/proc/self/clear_refs", O_WRONLY);
        if (fd < 0 || write (fd, "5", 1) != 1)
          g_printerr ("bench-export: cannot reset the peak RSS; it includes opening the store\n");
        if (fd >= 0)
          close (fd);
      }
      o.sheets = GW_EXPORT_SHEET_LEDGER;
      o.date = date;
      start = g_get_monotonic_time ();
      c.cpu_seconds = -cpu_seconds (RUSAGE_SELF);
      c.ok = store && gw_export_xlsx (store, out, &o, NULL, NULL, NULL, &error);
      c.seconds = (g_get_monotonic_time () - start) / 1e6;
      c.cpu_seconds += cpu_seconds (RUSAGE_SELF);
      c.peak_kb = vm_hwm_kb ();
      c.ok = c.ok && gw_store_exec (store, "PRAGMA cache_size = -4096", &error) &&
             gw_store_hazard_count (store, NULL, &c.rows, NULL, &error);
      if (!c.ok)
        g_printerr ("gridwatch export: %s\n", error ? error->message : "?");
      if (write (fds[1], &c, sizeof c) != sizeof c)
        _exit (2);
      _exit (c.ok ? 0 : 1);
    }
  close (fds[1]);
  if (read (fds[0], &r, sizeof r) != sizeof r)
    r.ok = FALSE;
  close (fds[0]);
  waitpid (pid, NULL, 0);
  return r;
}

static Result
python_ledger (const char *db,
               const char *out,
               const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (BENCH_SRCDIR, "bench-export-xlsxwriter.py", NULL);
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  const char *argv[] = { "/usr/bin/python3", script, db, out, date, NULL };
  Result r = { 0 };
  int wait_status = 0;
  const char *p;
  double cpu_before = cpu_seconds (RUSAGE_CHILDREN);

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text,
                     &stderr_text, &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, &error))
    {
      g_printerr ("python: %s\n%s", error->message, stderr_text ? stderr_text : "");
      return r;
    }
  if ((p = strstr (stdout_text, "rows=")))
    r.rows = g_ascii_strtoll (p + 5, NULL, 10);
  if ((p = strstr (stdout_text, "seconds=")))
    r.seconds = g_ascii_strtod (p + 8, NULL);
  r.ok = r.seconds > 0;
  r.cpu_seconds = cpu_seconds (RUSAGE_CHILDREN) - cpu_before;
  return r;
}

static void
ledger_pair (const char  *db,
             const char  *dir,
             const GDate *date,
             const char  *date_s)
{
  g_autofree char *base = g_path_get_basename (db);
  g_autofree char *gw_out = g_strdup_printf ("%s/%s-gridwatch.xlsx", dir, base);
  g_autofree char *py_out = g_strdup_printf ("%s/%s-xlsxwriter.xlsx", dir, base);
  Result gw, py;
  GStatBuf st;

  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_print ("%s: missing, skipped (make it with gridwatch-cli demo --hazards N)\n", db);
      return;
    }
  gw = gridwatch_ledger (db, gw_out, date);
  py = python_ledger (db, py_out, date_s);
  g_print ("ledger of %s\n", db);
  if (gw.ok && g_stat (gw_out, &st) == 0)
    g_print ("  gridwatch (libxlsxwriter constant_memory): %8" G_GINT64_FORMAT " rows %8.2f s"
             "  peak RSS %.1f MB  file %.1f MB\n"
             "    (before it, gw_store_open took %.2f s, peak RSS %.1f MB)\n", gw.rows,
             gw.seconds, gw.peak_kb / 1024.0, st.st_size / 1048576.0, gw.open_seconds,
             gw.open_peak_kb / 1024.0);
  if (py.ok && g_stat (py_out, &st) == 0)
    g_print ("  python3-xlsxwriter constant_memory:        %8" G_GINT64_FORMAT " rows %8.2f s"
             "                  file %.1f MB\n", py.rows, py.seconds, st.st_size / 1048576.0);
  if (gw.ok && py.ok)
    g_print ("  ratio: Gridwatch is %.1f× faster (wall clock); CPU time %.1f s against %.1f s,"
             " %.1f×\n", py.seconds / gw.seconds, gw.cpu_seconds, py.cpu_seconds,
             py.cpu_seconds / gw.cpu_seconds);
  g_unlink (gw_out);
  g_unlink (py_out);
}

static void
progress_cb (double fraction, const char *what, gpointer user_data)
{
  if (isatty (fileno (stderr)))
    g_printerr ("\r%3.0f%% %s\033[K", fraction * 100, what);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
summary_sheets (const char  *db,
                const char  *dir,
                const GDate *date,
                const char  *date_s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autofree char *out = g_strdup_printf ("%s/summary.xlsx", dir);
  GwExportOptions o = { 0 };
  double times[7];
  gint64 grids = 0, hazards = 0;
  sqlite3_stmt *stmt;

  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      GwDemoOptions demo = { 0 };

      g_print ("making %s: 2,000 grids, 100,000 hazards\n", db);
      store = gw_store_open (db, GW_STORE_OPEN_CREATE, &error);
      demo.n_hazards = 100000;
      demo.n_grids = 2000;
      demo.seed = 1;
      demo.today = date_s;
      if (store == NULL || !gw_demo_generate (store, &demo, progress_cb, NULL, NULL, &error))
        {
          g_print ("summary sheets: cannot make the demo of 2,000 grids: %s\n", error->message);
          g_clear_object (&store);
          g_unlink (db);
          return;
        }
      if (isatty (fileno (stderr)))
        g_printerr ("\r\033[K");
      g_clear_object (&store);
    }
  store = gw_store_open (db, GW_STORE_OPEN_READONLY, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  stmt = gw_store_prepare (store, "SELECT (SELECT count(*) FROM grids),"
                                  " (SELECT count(*) FROM hazards)", NULL);
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      grids = sqlite3_column_int64 (stmt, 0);
      hazards = sqlite3_column_int64 (stmt, 1);
    }
  if (stmt)
    sqlite3_reset (stmt);

  o.sheets = GW_EXPORT_SHEET_PROGRESS | GW_EXPORT_SHEET_CADENCE | GW_EXPORT_SHEET_MEETING;
  o.date = date;
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!gw_export_xlsx (store, out, &o, NULL, NULL, NULL, &error))
        g_error ("summary: %s", error->message);
      times[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  g_unlink (out);
  qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_doubles);
  g_print ("summary sheets (progress, cadence, meeting) of %s: %" G_GINT64_FORMAT " grids, %"
           G_GINT64_FORMAT " hazards\n  median %.3f s of %u runs (fastest %.3f s, slowest %.3f s)\n",
           db, grids, hazards, times[G_N_ELEMENTS (times) / 2], (guint) G_N_ELEMENTS (times),
           times[0], times[G_N_ELEMENTS (times) - 1]);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— export benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *db_100k = g_strdup ("/tmp/gw/bench/bench-100000.db");
  g_autofree char *db_1m = g_strdup ("/tmp/gw/bench/bench-1000000.db");
  g_autofree char *grids_db = g_build_filename (g_get_tmp_dir (), "gw-bench-export-2000-grids.db",
                                                NULL);
  g_autofree char *out = g_strdup (g_get_tmp_dir ());
  g_autofree char *date_s = g_strdup ("2026-11-23");
  gboolean no_ledger = FALSE;
  GOptionEntry entries[] = {
    { "db-100k", 0, 0, G_OPTION_ARG_FILENAME, &db_100k, "Database of 100,000 hazards", "FILE" },
    { "db-1m", 0, 0, G_OPTION_ARG_FILENAME, &db_1m, "Database of 1,000,000 hazards", "FILE" },
    { "grids-db", 0, 0, G_OPTION_ARG_FILENAME, &grids_db, "Database of 2,000 grids (made when missing)", "FILE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Folder for the files written (deleted after)", "DIR" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_s, "As-of date (the demo's today)", "YYYY-MM-DD" },
    { "no-ledger", 0, 0, G_OPTION_ARG_NONE, &no_ledger, "Only the summary sheets", NULL },
    { NULL }
  };
  GDate date;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || !gw_date_parse (date_s, &date))
    {
      g_printerr ("bench-export: %s\n", error ? error->message : "bad --date");
      return 2;
    }
  {
    double load[3] = { 0 };
    getloadavg (load, 3);
    g_print ("libxlsxwriter %s; as of %s; load average %.2f when starting\n", lxw_version (),
             date_s, load[0]);
  }
  if (!no_ledger)
    {
      ledger_pair (db_100k, out, &date, date_s);
      ledger_pair (db_1m, out, &date, date_s);
    }
  summary_sheets (grids_db, out, &date, date_s);
  {
    double load[3] = { 0 };
    getloadavg (load, 3);
    g_print ("load average %.2f at the end (2 cores)\n", load[0]);
  }
  return 0;
}
