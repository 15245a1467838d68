/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The board 挂图作战: its figures against the store, the slides, the PDF and
 * PNG output of the renderer and of `gridwatch-cli board`. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "gw-board-render.h"
#include "gw-demo.h"
#include "gw-test-util.h"

#define TODAY "2026-11-23"

static char *tmp;
static char *demo_path;

static gint64
count (GwStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static GwStore *
open_demo (void)
{
  g_autoptr(GError) error = NULL;
  GwStore *store = gw_store_open (demo_path, GW_STORE_OPEN_READONLY, &error);

  g_assert_no_error (error);
  return store;
}

static GwBoard *
load_board (GwStore              *store,
            const GwBoardOptions *options)
{
  g_autoptr(GError) error = NULL;
  GwBoard *board = gw_board_new (store, options, TODAY, &error);

  g_assert_no_error (error);
  g_assert_true (gw_board_load_all (board, store, &error));
  g_assert_no_error (error);
  return board;
}

static void
test_options (void)
{
  GwBoardOptions options;
  g_autoptr(GError) error = NULL;

  gw_board_options_init (&options);
  g_assert_cmpuint (options.n_pages, ==, GW_N_BOARD_PAGES);

  g_assert_true (gw_board_options_set_pages (&options, "ranking, overview,ranking", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (options.n_pages, ==, 2);
  g_assert_cmpint (options.pages[0], ==, GW_BOARD_PAGE_RANKING);
  g_assert_cmpint (options.pages[1], ==, GW_BOARD_PAGE_OVERVIEW);

  /* A bad list names the bad id and leaves the options as they were. */
  g_assert_false (gw_board_options_set_pages (&options, "overview,gantt", &error));
  g_assert_nonnull (strstr (error->message, "gantt"));
  g_clear_error (&error);
  g_assert_false (gw_board_options_set_pages (&options, " , ", &error));
  g_clear_error (&error);
  g_assert_cmpuint (options.n_pages, ==, 2);

  g_assert_cmpint (gw_board_days_between ("2026-11-23", "2026-12-01"), ==, 8);
  g_assert_cmpint (gw_board_days_between ("2026-03-01", "2026-02-28"), ==, -1);
  g_assert_cmpint (gw_board_days_between ("2024-03-01", "2024-02-28"), ==, -2);
}

static void
test_dates_and_slides (void)
{
  g_autoptr(GwStore) store = open_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GwBoard) board = NULL;
  GwBoardOptions options;

  /* 2026-11-23 is a Monday: the board is for that day's meeting. */
  board = gw_board_new (store, NULL, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (board->meeting, ==, "2026-11-23");
  g_assert_cmpuint (gw_board_n_slides (board), ==, GW_N_BOARD_PAGES);
  g_clear_pointer (&board, gw_board_free);

  /* A Wednesday belongs to the next Monday's meeting; "since" is the meeting before. */
  board = gw_board_new (store, NULL, "2026-11-18", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (board->meeting, ==, "2026-11-23");
  g_assert_true (board->since_is_meeting);
  g_assert_cmpstr (board->since, <, "2026-11-18");
  g_assert_cmpint (count (store, "SELECT count(*) FROM meetings WHERE date > (SELECT max(date) FROM meetings "
                                 "WHERE date < '2026-11-18') AND date < '2026-11-18'"), ==, 0);
  g_clear_pointer (&board, gw_board_free);

  g_assert_null (gw_board_new (store, NULL, "2026-02-30", &error));
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  g_clear_error (&error);

  /* One kanban page per urgency class. */
  gw_board_options_init (&options);
  options.kanban_by_urgency = TRUE;
  board = gw_board_new (store, &options, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gw_board_n_slides (board), ==, GW_N_BOARD_PAGES + 2);
  g_assert_cmpint (gw_board_get_slide (board, 1)->page, ==, GW_BOARD_PAGE_KANBAN);
  g_assert_cmpint (gw_board_get_slide (board, 1)->urgency, ==, GW_URGENCY_NO_DELAY);
  g_assert_cmpint (gw_board_get_slide (board, 3)->urgency, ==, GW_URGENCY_NO_GAP);
  g_assert_cmpint (gw_board_get_slide (board, 4)->page, ==, GW_BOARD_PAGE_RANKING);
}

static void
test_figures (void)
{
  g_autoptr(GwStore) store = open_demo ();
  g_autoptr(GwBoard) board = NULL;
  g_autoptr(GError) error = NULL;
  GwBoardOptions options;
  GDate date;
  GwStats stats;
  gint64 sum = 0;

  gw_board_options_init (&options);
  options.per_column = 7;
  board = load_board (store, &options);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 23, 11, 2026);
  g_assert_true (gw_store_stats (store, &date, &stats, &error));

  /* Kanban: the open columns hold every hazard in their state, the last one
   * what was closed in the week; overdue cards come first. */
  for (GwState s = GW_STATE_REPORTED; s < GW_STATE_CLOSED; s++)
    {
      const GwBoardColumn *col = &board->kanban[GW_URGENCY_NONE][s];
      gboolean seen_not_overdue = FALSE;

      g_assert_cmpint (col->total, ==, stats.by_state[s]);
      g_assert_cmpuint (col->cards->len, ==, MIN (7, col->total));
      for (guint i = 0; i < col->cards->len; i++)
        {
          const GwBoardCard *card = col->cards->pdata[i];

          g_assert_cmpint (card->state, ==, s);
          if (!card->overdue)
            seen_not_overdue = TRUE;
          else
            g_assert_false (seen_not_overdue);
          if (card->deadline != NULL)
            {
              /* Days left, counted by SQLite. */
              g_autofree char *sql = g_strdup_printf (
                "SELECT CAST (julianday (deadline) - julianday ('" TODAY "') AS INTEGER)"
                " FROM hazards WHERE id = %lld", (long long) card->id);
              g_assert_cmpint (card->days_left, ==, count (store, sql));
            }
        }
    }
  g_assert_cmpint (board->kanban[GW_URGENCY_NONE][GW_STATE_CLOSED].total, ==, stats.closed_7d);

  /* Overdue: the total is the KPI; counties add up to it, worst first within each. */
  g_assert_cmpint (board->overdue_total, ==, stats.overdue);
  g_assert_cmpint (stats.overdue, >, 0);
  for (guint i = 0; i < board->overdue->len; i++)
    {
      const GwBoardCountyOverdue *county = board->overdue->pdata[i];

      sum += county->total;
      g_assert_cmpuint (county->cards->len, >, 0);
      g_assert_cmpint (-((GwBoardCard *) county->cards->pdata[0])->days_left, ==, county->worst_days);
      for (guint j = 1; j < county->cards->len; j++)
        g_assert_cmpint (((GwBoardCard *) county->cards->pdata[j - 1])->days_left, <=,
                         ((GwBoardCard *) county->cards->pdata[j])->days_left);
      if (i > 0)
        g_assert_cmpint (((GwBoardCountyOverdue *) board->overdue->pdata[i - 1])->total, >=, county->total);
    }
  g_assert_cmpint (sum, ==, stats.overdue);

  /* Ranking: every grid once, ranks 1…n, ordered by completion. */
  g_assert_cmpuint (board->ranking->len, ==, count (store, "SELECT count(*) FROM grids"));
  for (guint i = 0; i < board->ranking->len; i++)
    {
      const GwBoardRank *r = board->ranking->pdata[i];

      g_assert_cmpuint (r->rank, ==, i + 1);
      g_assert_cmpfloat (r->compliance, >=, 0);
      g_assert_cmpfloat (r->compliance, <=, 1);
      if (i > 0)
        g_assert_cmpfloat (((GwBoardRank *) board->ranking->pdata[i - 1])->completion, >=, r->completion);
    }
  {
    /* One grid's figures computed again by hand. */
    const GwBoardRank *r = board->ranking->pdata[board->ranking->len / 2];
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM hazards WHERE grid_id = %lld",
                                            (long long) r->grid_id);
    g_autofree char *done = g_strdup_printf ("SELECT count(*) FROM hazards WHERE grid_id = %lld "
                                             "AND state IN ('downgraded', 'closed')",
                                             (long long) r->grid_id);
    g_autofree char *overdue = g_strdup_printf ("SELECT count(*) FROM hazards WHERE grid_id = %lld "
                                                "AND state IN ('reported', 'rectifying') "
                                                "AND deadline < '" TODAY "'", (long long) r->grid_id);
    g_autofree char *held = g_strdup_printf ("SELECT count(DISTINCT dekad) FROM checks WHERE grid_id = %lld "
                                             "AND kind = 'analysis' AND dekad BETWEEN '2026-08-21' "
                                             "AND '2026-11-11'", (long long) r->grid_id);

    g_assert_cmpint (r->hazards, ==, count (store, sql));
    g_assert_cmpint (r->done, ==, count (store, done));
    g_assert_cmpint (r->overdue, ==, count (store, overdue));
    /* The nine complete dekads before 2026-11-23: 2026-08-21 … 2026-11-20. */
    g_assert_cmpuint (board->ranking_dekads, ==, 9);
    g_assert_cmpfloat (r->compliance, ==, count (store, held) / 9.0);
  }

  /* Since the last meeting, and the interview list, are those of their own modules. */
  g_assert_nonnull (board->diff);
  g_assert_cmpstr (board->diff->until, ==, TODAY);
  g_assert_nonnull (board->interviews);
  for (guint i = 0; i < board->interviews->len; i++)
    {
      const GwCadenceRow *row = board->interviews->pdata[i];
      g_assert_true (row->longest_miss_run >= options.interview_misses ||
                     row->overdue > options.interview_overdue);
    }
}

/* A date before the newest event: every page from the hazards as they stood,
 * matching the KPIs replayed for that date. */
static void
test_past_date (void)
{
  g_autoptr(GwStore) store = open_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GwBoard) board = gw_board_new (store, NULL, "2026-09-30", &error);
  GwStats stats;
  GDate date;
  gint64 overdue = 0, ranked = 0;

  g_assert_no_error (error);
  g_assert_true (gw_board_load_all (board, store, &error));
  g_assert_no_error (error);
  g_assert_true (board->past);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 30, 9, 2026);
  g_assert_true (gw_store_stats_replay (store, &date, &stats, &error));

  g_assert_cmpint (board->stats.hazards, ==, stats.hazards);
  for (GwState s = GW_STATE_REPORTED; s < GW_STATE_CLOSED; s++)
    {
      const GwBoardColumn *col = &board->kanban[GW_URGENCY_NONE][s];

      g_assert_cmpint (col->total, ==, stats.by_state[s]);
      for (guint i = 0; i < col->cards->len; i++)
        g_assert_cmpint (((GwBoardCard *) col->cards->pdata[i])->state, ==, s);
    }
  g_assert_cmpint (board->kanban[GW_URGENCY_NONE][GW_STATE_CLOSED].total, ==, stats.closed_7d);
  g_assert_cmpint (board->overdue_total, ==, stats.overdue);
  for (guint i = 0; i < board->overdue->len; i++)
    overdue += ((GwBoardCountyOverdue *) board->overdue->pdata[i])->total;
  g_assert_cmpint (overdue, ==, stats.overdue);
  for (guint i = 0; i < board->ranking->len; i++)
    ranked += ((GwBoardRank *) board->ranking->pdata[i])->hazards;
  /* Hazards found after the date are not there yet. */
  g_assert_cmpint (ranked, ==, stats.hazards);
  g_assert_cmpint (stats.hazards, <, count (store, "SELECT count(*) FROM hazards"));

  /* And today reads the hazards as they stand. */
  g_clear_pointer (&board, gw_board_free);
  board = gw_board_new (store, NULL, TODAY, &error);
  g_assert_true (gw_board_load (board, store, GW_BOARD_PAGE_KANBAN, &error));
  g_assert_false (board->past);
}

static void
test_kanban_filters (void)
{
  g_autoptr(GwStore) store = open_demo ();
  g_autoptr(GwBoard) board = NULL;
  GwBoardOptions options;
  gint64 county = count (store, "SELECT county_id FROM grids GROUP BY county_id ORDER BY count(*) DESC LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM hazards h JOIN grids g ON g.id = h.grid_id "
                                          "WHERE g.county_id = %lld AND h.state = 'rectifying' "
                                          "AND h.urgency = 'no-delay'", (long long) county);

  gw_board_options_init (&options);
  options.county_id = county;
  options.kanban_by_urgency = TRUE;
  board = load_board (store, &options);
  g_assert_nonnull (board->county_name);
  g_assert_cmpint (board->kanban[GW_URGENCY_NO_DELAY][GW_STATE_RECTIFYING].total, ==, count (store, sql));
  for (GwUrgency u = GW_URGENCY_NO_DELAY; u < GW_N_URGENCIES; u++)
    for (guint c = 0; c < GW_BOARD_N_COLUMNS; c++)
      {
        GPtrArray *cards = board->kanban[u][c].cards;
        for (guint i = 0; i < cards->len; i++)
          g_assert_cmpint (((GwBoardCard *) cards->pdata[i])->urgency, ==, u);
      }
}

static guint
png_size (const char *path,
          guint      *height)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 24);
  g_assert_cmpmem (data + 1, 3, "PNG", 3);
  *height = GUINT32_FROM_BE (*(guint32 *) (data + 20));
  return GUINT32_FROM_BE (*(guint32 *) (data + 16));
}

/* pdfinfo (poppler-utils) counts the pages; 0 when it is not installed. */
static int
pdf_pages (const char *path,
           char      **page_size)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  int status = 0;
  const char *p;

  if (g_find_program_in_path ("pdfinfo") == NULL)
    return 0;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  if (page_size != NULL && (p = strstr (out, "Page size:")) != NULL)
    *page_size = g_strndup (p, strcspn (p, "\n"));
  p = strstr (out, "Pages:");
  g_assert_nonnull (p);
  return atoi (p + strlen ("Pages:"));
}

static void
test_render_files (void)
{
  g_autoptr(GwStore) store = open_demo ();
  g_autoptr(GwBoard) board = load_board (store, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (tmp, "board.pdf", NULL);
  g_autofree char *dir = g_build_filename (tmp, "pages", NULL);
  g_autofree char *size = NULL;
  g_autofree char *bad = g_build_filename (tmp, "no-such-dir", "board.pdf", NULL);
  g_auto(GStrv) files = NULL;
  int pages;
  guint h;

  g_assert_true (gw_board_write_pdf (board, pdf, &error));
  g_assert_no_error (error);
  pages = pdf_pages (pdf, &size);
  if (pages > 0)
    {
      g_assert_cmpint (pages, ==, GW_N_BOARD_PAGES);
      /* A4 landscape. */
      g_assert_nonnull (strstr (size, "(A4)"));
    }

  files = gw_board_write_pngs (board, dir, 1024, 768, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), ==, GW_N_BOARD_PAGES);
  g_assert_true (g_str_has_suffix (files[0], "01-overview.png"));
  g_assert_true (g_str_has_suffix (files[5], "06-interviews.png"));
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_assert_cmpuint (png_size (files[i], &h), ==, 1024);
      g_assert_cmpuint (h, ==, 768);
    }

  /* A place that cannot be written: a message naming it, and no file. */
  g_assert_false (gw_board_write_pdf (board, bad, &error));
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

static void
test_cli (void)
{
  g_autofree char *pdf = g_build_filename (tmp, "cli.pdf", NULL);
  g_autofree char *dir = g_build_filename (tmp, "cli-pages", NULL);
  g_autofree char *first = g_build_filename (dir, "01-overview.png", NULL);
  g_auto(GwTestRun) r = { 0 };
  guint h;
  int pages;

  if (!gw_test_have_cli ())
    return;

  gw_test_run_cli (&r, "board", "--db", demo_path, "--date", TODAY, "--out", pdf, "--by-urgency", NULL);
  g_assert_cmpint (r.status, ==, 0);
  pages = pdf_pages (pdf, NULL);
  if (pages > 0)
    g_assert_cmpint (pages, ==, GW_N_BOARD_PAGES + 2);
  gw_test_run_clear (&r);

  gw_test_run_cli (&r, "board", "--db", demo_path, "--date", TODAY, "--out", dir,
                   "--pages", "overview,overdue", "--size", "1920x1080", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (png_size (first, &h), ==, 1920);
  g_assert_cmpuint (h, ==, 1080);
  g_assert_nonnull (strstr (r.out, "02-overdue.png"));
  gw_test_run_clear (&r);

  /* Refusals: an unknown page, a bad size, an unknown county, a bad date. */
  gw_test_run_cli (&r, "board", "--db", demo_path, "--out", pdf, "--pages", "gantt", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "gantt"));
  gw_test_run_clear (&r);
  gw_test_run_cli (&r, "board", "--db", demo_path, "--out", pdf, "--size", "10x10", NULL);
  g_assert_cmpint (r.status, ==, 2);
  gw_test_run_clear (&r);
  gw_test_run_cli (&r, "board", "--db", demo_path, "--out", pdf, "--county", "九龙县", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "九龙县"));
  gw_test_run_clear (&r);
  gw_test_run_cli (&r, "board", "--db", demo_path, "--out", pdf, "--date", "2026-13-01", NULL);
  g_assert_cmpint (r.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("gw-board-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = gw_test_make_demo (tmp, "demo.db", 600, 3, TODAY);

  g_test_add_func ("/board/options", test_options);
  g_test_add_func ("/board/dates-and-slides", test_dates_and_slides);
  g_test_add_func ("/board/figures", test_figures);
  g_test_add_func ("/board/kanban-filters", test_kanban_filters);
  g_test_add_func ("/board/past-date", test_past_date);
  g_test_add_func ("/board/render-files", test_render_files);
  g_test_add_func ("/board/cli", test_cli);
  status = g_test_run ();
  gw_test_remove_tree (tmp);
  g_free (demo_path);
  g_free (tmp);
  return status;
}
