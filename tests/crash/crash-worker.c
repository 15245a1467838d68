/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The child of the crash test: works on a database in a loop — CSV imports of
 * hazards, staff and enterprises, transitions, comments, exports and backups —
 * until it is killed. Before each import it journals what it is about to do;
 * after each commit it journals what was committed, and fsyncs the journal, so
 * that the parent knows what must have survived the kill.
 *
 *   crash-worker DB JOURNAL OUTDIR SEED RUN
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gw-credit-code.h"
#include "gw-export.h"
#include "gw-hazard.h"
#include "gw-import.h"
#include "gw-store.h"

static int journal_fd = -1;

static void
journal (const char *format,
         ...)
{
  g_autofree char *line = NULL;
  va_list ap;
  gsize done = 0, len;

  va_start (ap, format);
  line = g_strdup_vprintf (format, ap);
  va_end (ap);
  len = strlen (line);
  while (done < len)
    {
      ssize_t n = write (journal_fd, line + done, len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("journal: %s", g_strerror (errno));
      done += n;
    }
  if (fsync (journal_fd) != 0)
    g_error ("journal: fsync: %s", g_strerror (errno));
}

static G_NORETURN void
die (const char *what,
     GError     *error)
{
  g_printerr ("crash-worker: %s: %s\n", what, error ? error->message : "?");
  exit (3);
}

static gint64
q_int (GwStore    *store,
       const char *sql,
       gint64      arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = 0;

  if (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (gw_store_get_db (store)));
  sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static const char *grids[] = { "东风街道", "广东路街道", "西渡镇" };
static const char *states[] = { "已上报", "整改中", "待验收", "已降级", "已销号" };
static const char *levels[] = { "重大", "较大", "一般", "低" };

/* ---- imports ------------------------------------------------------------------- */

static void
import_hazards (GwStore    *store,
                GRand      *rand,
                const char *batch)
{
  g_autoptr(GString) csv = g_string_new ("隐患编号,隐患名称,问题描述,网格,发现日期,来源,领域,清单,"
                                         "风险等级,整改措施,责任人,整改时限,状态,销号日期\n");
  g_autoptr(GError) error = NULL;
  GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, NULL, 0, FALSE };
  guint n = g_rand_int_range (rand, 2, 10);

  for (guint i = 0; i < n; i++)
    {
      guint s = g_rand_int_range (rand, 0, 5);
      guint day = g_rand_int_range (rand, 1, 28);
      gboolean assessed = s > 0 && s < 4;

      g_string_append_printf (csv, "%s-%u,%s 第%u项,\"描述,含逗号\n与换行\",%s,2026-03-%02u,巡查,大气,"
                              "%s,%s,%s,%s,%s,%s,%s\n", batch, i, batch, i,
                              grids[g_rand_int_range (rand, 0, 3)], day,
                              assessed ? "不容迟疑" : "", assessed ? levels[g_rand_int_range (rand, 0, 4)] : "",
                              assessed ? "限期整治" : "", assessed ? "张三" : "",
                              assessed ? "2026-12-31" : "", states[s],
                              s == 4 ? "2026-04-01" : "");
    }
  journal ("begin hazards %s %u\n", batch, n);
  if (!gw_import_csv_data (store, batch, csv->str, csv->len, &options, NULL, NULL, NULL, NULL,
                           &error))
    die ("import hazards", error);
  journal ("hazards %s %u\n", batch, n);
}

static void
import_staff (GwStore    *store,
              GRand      *rand,
              const char *batch)
{
  g_autoptr(GString) csv = g_string_new ("姓名,手机,职务,网格\n");
  g_autoptr(GError) error = NULL;
  GwImportOptions options = { GW_IMPORT_STAFF, GW_CSV_ENCODING_AUTO, NULL, 0, FALSE };
  guint n = g_rand_int_range (rand, 1, 6);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "%s-%u,138%08u,网格员,%s\n", batch, i,
                            g_rand_int_range (rand, 0, 99999999), grids[i % 3]);
  journal ("begin staff %s %u\n", batch, n);
  if (!gw_import_csv_data (store, batch, csv->str, csv->len, &options, NULL, NULL, NULL, NULL,
                           &error))
    die ("import staff", error);
  journal ("staff %s %u\n", batch, n);
}

static void
import_enterprises (GwStore    *store,
                    guint       seed,
                    guint       run,
                    guint       op,
                    const char *batch)
{
  g_autoptr(GString) csv = g_string_new ("企业名称,统一社会信用代码,网格,三色赋码\n");
  g_autoptr(GError) error = NULL;
  GwImportOptions options = { GW_IMPORT_ENTERPRISES, GW_CSV_ENCODING_AUTO, NULL, 0, FALSE };
  guint n = 2;

  for (guint i = 0; i < n; i++)
    {
      /* Unique per seed, run, operation and row: 91 + 15 digits. */
      g_autofree char *code17 = g_strdup_printf ("91%03u%05u%05u%02u", seed % 1000, run % 100000,
                                                 op % 100000, i);
      g_string_append_printf (csv, "%s-%u,%s%c,%s,红码\n", batch, i, code17,
                              gw_credit_code_check_char (code17), grids[i % 3]);
    }
  journal ("begin enterprises %s %u\n", batch, n);
  if (!gw_import_csv_data (store, batch, csv->str, csv->len, &options, NULL, NULL, NULL, NULL,
                           &error))
    die ("import enterprises", error);
  journal ("enterprises %s %u\n", batch, n);
}

/* ---- the flow --------------------------------------------------------------------- */

static void
move_one (GwStore *store,
          GRand   *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwHazard) h = NULL;
  g_autofree char *deadline = NULL;
  gint64 n = q_int (store, "SELECT count(*) FROM hazards", 0);
  gint64 id, event;
  GwMove move = { 0 };
  GDate d;

  if (n == 0)
    return;
  id = q_int (store, "SELECT id FROM hazards LIMIT 1 OFFSET ?1", g_rand_int_range (rand, 0, n));
  h = gw_store_hazard_get (store, id, &error);
  if (h == NULL)
    die ("hazard", error);
  gw_date_today (&d);
  g_date_add_days (&d, 30);
  deadline = gw_date_to_string (&d);

  switch (h->state)
    {
    case GW_STATE_REPORTED:
      move = (GwMove) { GW_STATE_RECTIFYING, GW_LEVEL_II, GW_URGENCY_NO_GAP, GW_MEASURE_CONTROL,
                        deadline, 1, NULL, NULL };
      break;
    case GW_STATE_RECTIFYING:
      move.to = GW_STATE_VERIFYING;
      break;
    case GW_STATE_VERIFYING:
      if (g_rand_boolean (rand))
        {
          move.to = GW_STATE_DOWNGRADED;
          guint lower = h->level + (guint) g_rand_int_range (rand, 0, 2);

          move.level = MIN (lower, GW_LEVEL_IV);
        }
      else
        {
          move.to = GW_STATE_RECTIFYING;
          move.reason = "验收不通过";
        }
      break;
    case GW_STATE_DOWNGRADED:
      if (g_rand_boolean (rand))
        move.to = GW_STATE_CLOSED;
      else
        {
          move.to = GW_STATE_RECTIFYING;
          move.deadline = deadline;
        }
      break;
    case GW_STATE_CLOSED:
    case GW_N_STATES:
    default:
      move = (GwMove) { GW_STATE_RECTIFYING, GW_LEVEL_III, GW_URGENCY_NO_DELAY,
                        GW_MEASURE_IMMEDIATE, deadline, 1, "反弹", NULL };
      break;
    }
  if (!gw_store_hazard_move (store, id, &move, 0, &error))
    die ("move", error);
  /* A downgrade adds a level event after the transition. */
  event = q_int (store, "SELECT max (id) FROM hazard_events WHERE hazard_id = ?1"
                        " AND kind = 'transition'", id);
  journal ("move %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n", id, event,
           gw_state_to_id (move.to));
}

static void
comment_one (GwStore *store,
             GRand   *rand)
{
  g_autoptr(GError) error = NULL;
  gint64 n = q_int (store, "SELECT count(*) FROM hazards", 0);
  gint64 id, event;

  if (n == 0)
    return;
  id = q_int (store, "SELECT id FROM hazards LIMIT 1 OFFSET ?1", g_rand_int_range (rand, 0, n));
  if (!gw_store_hazard_comment (store, id, "督办：请按期整改", 0, &error))
    die ("comment", error);
  event = q_int (store, "SELECT max (id) FROM hazard_events WHERE hazard_id = ?1", id);
  journal ("comment %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", id, event);
}

/* ---- exports and backups ----------------------------------------------------------- */

static void
export_csv (GwStore    *store,
            const char *outdir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (outdir, "ledger.csv", NULL);
  GwExportOptions options = { 0 };

  options.encoding = GW_EXPORT_ENCODING_GB18030;
  if (!gw_export_csv (store, path, &options, NULL, NULL, NULL, &error))
    die ("export csv", error);
  journal ("export ledger.csv\n");
}

static void
export_xlsx (GwStore    *store,
             const char *outdir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (outdir, "progress.xlsx", NULL);
  GwExportOptions options = { 0 };

  options.sheets = GW_EXPORT_SHEET_PROGRESS;
  if (!gw_export_xlsx (store, path, &options, NULL, NULL, NULL, &error))
    die ("export xlsx", error);
  journal ("export progress.xlsx\n");
}

static void
backup (GwStore    *store,
        const char *outdir,
        guint       run,
        guint       op)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("backup-%u-%u.db", run, op);
  g_autofree char *path = g_build_filename (outdir, name, NULL);

  if (!gw_backup_create (store, path, NULL, &error))
    die ("backup", error);
  journal ("backup %s\n", name);
}

int
main (int argc, char **argv)
{
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  const char *db, *outdir;
  guint seed, run;

  setlocale (LC_ALL, "");
  if (argc != 6)
    {
      g_printerr ("usage: crash-worker DB JOURNAL OUTDIR SEED RUN\n");
      return 2;
    }
  db = argv[1];
  outdir = argv[3];
  seed = (guint) g_ascii_strtoull (argv[4], NULL, 10);
  run = (guint) g_ascii_strtoull (argv[5], NULL, 10);
  rand = g_rand_new_with_seed (seed * 7919u + run);

  journal_fd = open (argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (journal_fd < 0)
    g_error ("%s: %s", argv[2], g_strerror (errno));
  store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    die ("open", error);
  journal ("start %u\n", run);

  for (guint op = 0;; op++)
    {
      g_autofree char *batch = g_strdup_printf ("R%u-%u", run, op);
      guint what = g_rand_int_range (rand, 0, 100);

      if (what < 35)
        import_hazards (store, rand, batch);
      else if (what < 42)
        import_staff (store, rand, batch);
      else if (what < 47)
        import_enterprises (store, seed, run, op, batch);
      else if (what < 80)
        move_one (store, rand);
      else if (what < 90)
        comment_one (store, rand);
      else if (what < 96)
        export_csv (store, outdir);
      else if (what < 98)
        export_xlsx (store, outdir);
      else
        backup (store, outdir, run, op);
    }
  return 0;
}
