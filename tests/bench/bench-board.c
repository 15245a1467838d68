/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-board DB [--date YYYY-MM-DD] [--size WxH]
 *
 * The war-room board 挂图作战 on a large database (issue: 2,000 grids and
 * 100,000 hazards, target < 200 ms a page): for each page, the time to read
 * its figures from the store and the time until the window has painted it
 * (GwBoardView in a window of the given size under Xvfb; use
 * GSK_RENDERER=cairo), then the time to write the whole board as a PDF and as
 * PNG pages. Prints figures; it is not a test. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "gw-board-render.h"
#include "gw-board-view.h"
#include "gw-store.h"
#include <sqlite3.h>

typedef struct {
  GwBoardView *view;
  gboolean     painted;
} Bench;

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  b->painted = TRUE;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Shows @slide and waits for the frame that paints it. */
static double
show (Bench *b,
      guint  slide,
      double *draw_ms)
{
  gint64 start = g_get_monotonic_time ();
  guint draws = gw_board_view_get_draw_count (b->view);

  gw_board_view_set_slide (b->view, slide);
  gtk_widget_queue_draw (GTK_WIDGET (b->view));
  b->painted = FALSE;
  while (gw_board_view_get_draw_count (b->view) == draws || !b->painted)
    g_main_context_iteration (NULL, TRUE);
  *draw_ms = gw_board_view_get_last_draw_us (b->view) / 1000.0;
  return ms_since (start);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwBoard) board = NULL;
  g_autofree char *date = NULL, *size = NULL;
  g_autofree char *tmp = NULL, *pdf = NULL, *pngs = NULL;
  g_auto(GStrv) files = NULL;
  int width = 1920, height = 1080;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "As-of date", "YYYY-MM-DD" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size (default 1920x1080)", "WxH" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DB — time each page of the board");
  GtkWidget *window;
  Bench b = { 0 };
  double total_load = 0, worst = 0;
  gint64 start;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: bench-board DB [--date D] [--size WxH]");
      return 2;
    }
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    return 2;
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  gtk_init ();
  adw_init ();

  store = gw_store_open (argv[1], GW_STORE_OPEN_READONLY, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  {
    sqlite3_stmt *stmt = gw_store_prepare (store, "SELECT (SELECT count(*) FROM grids), "
                                                  "(SELECT count(*) FROM hazards)", NULL);
    sqlite3_step (stmt);
    printf ("database: %s — %lld grids, %lld hazards\n", argv[1],
            (long long) sqlite3_column_int64 (stmt, 0), (long long) sqlite3_column_int64 (stmt, 1));
    sqlite3_reset (stmt);
  }
  printf ("renderer: %s, window %dx%d\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
          width, height);

  board = gw_board_new (store, NULL, date, &error);
  if (board == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* What the overview reads, piece by piece. */
  {
    GwStats stats;
    GDate d;
    g_autoptr(GPtrArray) grids = NULL;
    g_autoptr(GHashTable) statuses = NULL;

    g_date_clear (&d, 1);
    g_date_set_parse (&d, board->as_of);
    start = g_get_monotonic_time ();
    gw_store_stats (store, &d, &stats, NULL);
    printf ("overview parts: KPIs %.1f ms", ms_since (start));
    start = g_get_monotonic_time ();
    grids = gw_map_grids (store, NULL);
    printf (", grid shapes %.1f ms", ms_since (start));
    start = g_get_monotonic_time ();
    statuses = gw_map_grid_statuses (store, board->as_of, NULL);
    printf (", grid statuses %.1f ms\n", ms_since (start));
  }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  b.view = GW_BOARD_VIEW (gw_board_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (b.view));
  gtk_window_present (GTK_WINDOW (window));
  /* Presenting hides the view's own bar: the page fills the window. */
  gw_board_view_set_presenting (b.view, TRUE);
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), &b);
  gw_board_view_set_board (b.view, board);

  printf ("\n%-26s %10s %10s %10s %10s\n", "page", "read ms", "draw ms", "shown ms", "total ms");
  for (guint i = 0; i < gw_board_n_slides (board); i++)
    {
      GwBoardPage page = gw_board_get_slide (board, i)->page;
      double load_ms, draw_ms, shown_ms;

      start = g_get_monotonic_time ();
      if (!gw_board_load (board, store, page, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      load_ms = ms_since (start);
      shown_ms = show (&b, i, &draw_ms);
      total_load += load_ms;
      worst = MAX (worst, load_ms + shown_ms);
      printf ("%-26s %10.1f %10.1f %10.1f %10.1f\n", gw_board_page_to_id (page), load_ms, draw_ms,
              shown_ms, load_ms + shown_ms);
    }
  /* Turning back to a page already read costs the drawing only. */
  {
    double draw_ms, shown_ms = show (&b, 0, &draw_ms);
    printf ("%-26s %10s %10.1f %10.1f %10.1f\n", "overview again", "—", draw_ms, shown_ms, shown_ms);
  }
  printf ("\nall pages read: %.1f ms; slowest page read + shown: %.1f ms (target < 200 ms)\n",
          total_load, worst);

  tmp = g_dir_make_tmp ("bench-board-XXXXXX", NULL);
  pdf = g_build_filename (tmp, "board.pdf", NULL);
  pngs = g_build_filename (tmp, "pages", NULL);
  start = g_get_monotonic_time ();
  if (!gw_board_write_pdf (board, pdf, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("PDF of %u pages (A4 landscape): %.1f ms\n", gw_board_n_slides (board), ms_since (start));
  start = g_get_monotonic_time ();
  files = gw_board_write_pngs (board, pngs, 1920, 1080, &error);
  if (files == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("PNG pages at 1920x1080: %.1f ms\n", ms_since (start));
  for (guint i = 0; files[i] != NULL; i++)
    g_unlink (files[i]);
  g_rmdir (pngs);
  g_unlink (pdf);
  g_rmdir (tmp);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
