/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-cadence"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <time.h>

#include "gw-cadence-matrix.h"
#include "gw-ui-util.h"

/* The cadence matrix for a whole year (36 dekads) of a province-sized
 * database, scrolled programmatically down, across and back up, one step per
 * frame. Prints the time each frame took from the frame clock's
 * "before-paint" to its "after-paint" (layout, snapshot, render and the
 * cairo flush to the X server), and the intervals between frames.
 *
 *   gridwatch-cli demo --db F --hazards 20000 --grids 2000 --today 2026-11-23
 *   xvfb-run -a -s '-screen 0 1600x1000x24' bench-cadence F
 *
 * GSK_RENDERER defaults to cairo here; GRIDWATCH_TODAY to 2026-11-23.
 * Exits 1 when a frame took longer than 16 ms. */

#define BUDGET_US 16000
#define STEP_PX   37      /* per frame: about a row and a half */

typedef enum {
  PHASE_SETTLE,
  PHASE_DOWN,
  PHASE_ACROSS,
  PHASE_BACK,
  PHASE_DONE,
} Phase;

typedef struct {
  GtkWidget     *window;
  GtkAdjustment *hadj, *vadj;
  Phase          phase;
  guint          settle;
  gint64         paint_start;
  gint64         cpu_start;
  GArray        *cpu_us;         /* this thread's CPU time in the same span */
  GArray        *phases;         /* Phase of each measured frame */
  gint64         last_frame_time;
  GArray        *paint_us;       /* gint64 per frame while scrolling */
  GArray        *interval_us;
  gint64         first_paint_us;
  gboolean       measuring;
  GMainLoop     *loop;
} Bench;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *b)
{
  b->paint_start = g_get_monotonic_time ();
  b->cpu_start = thread_cpu_us ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 took = g_get_monotonic_time () - b->paint_start;
  gint64 cpu = thread_cpu_us () - b->cpu_start;
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);

  if (b->first_paint_us == 0)
    b->first_paint_us = took;
  if (!b->measuring)
    return;
  g_array_append_val (b->paint_us, took);
  g_array_append_val (b->cpu_us, cpu);
  g_array_append_val (b->phases, b->phase);
  if (b->last_frame_time)
    {
      gint64 interval = frame_time - b->last_frame_time;

      g_array_append_val (b->interval_us, interval);
    }
  b->last_frame_time = frame_time;
}

static gboolean
step (GtkAdjustment *adj,
      double         delta)
{
  double value = gtk_adjustment_get_value (adj) + delta;
  double max = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  gtk_adjustment_set_value (adj, CLAMP (value, 0, max));
  return delta > 0 ? value < max : value > 0;
}

/* One scroll step per frame, from the frame clock's update phase. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Bench *b = data;

  switch (b->phase)
    {
    case PHASE_SETTLE:
      if (++b->settle > 10)
        {
          b->phase = PHASE_DOWN;
          b->measuring = TRUE;
        }
      break;
    case PHASE_DOWN:
      if (!step (b->vadj, STEP_PX))
        b->phase = PHASE_ACROSS;
      break;
    case PHASE_ACROSS:
      if (!step (b->hadj, STEP_PX / 3.0))
        b->phase = PHASE_BACK;
      break;
    case PHASE_BACK:
      /* Up and left at once: both axes change every frame. */
      step (b->hadj, -STEP_PX / 4.0);
      if (!step (b->vadj, -2 * STEP_PX))
        b->phase = PHASE_DONE;
      break;
    case PHASE_DONE:
    default:
      b->measuring = FALSE;
      g_main_loop_quit (b->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
print_stats (const char *what,
             GArray     *values,
             gint64      budget)
{
  gint64 sum = 0;
  guint over = 0;

  if (values->len == 0)
    return;
  g_array_sort (values, compare_int64);
  for (guint i = 0; i < values->len; i++)
    {
      sum += g_array_index (values, gint64, i);
      over += g_array_index (values, gint64, i) > budget;
    }
#define AT(q) (g_array_index (values, gint64, MIN (values->len - 1, (guint) ((q) * values->len))) / 1000.0)
  g_print ("%-22s n=%u  mean %.2f ms  median %.2f  p95 %.2f  p99 %.2f  max %.2f  over %.0f ms: %u\n",
           what, values->len, sum / 1000.0 / values->len, AT (0.5), AT (0.95), AT (0.99),
           g_array_index (values, gint64, values->len - 1) / 1000.0, budget / 1000.0, over);
#undef AT
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwCadence) cadence = NULL;
  GtkWidget *scrolled, *matrix;
  GdkFrameClock *clock;
  Bench b = { 0 };
  GDate from, to;
  gint64 t0, compute_us;
  gint64 worst;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", FALSE);
  if (argc != 2)
    {
      g_printerr ("Usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  gw_ui_load_style ();

  store = gw_store_open (argv[1], GW_STORE_OPEN_READONLY, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 1, 2026);
  g_date_set_dmy (&to, 31, 12, 2026);
  t0 = g_get_monotonic_time ();
  cadence = gw_store_cadence (store, &from, &to, NULL, &error);
  compute_us = g_get_monotonic_time () - t0;
  if (cadence == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_print ("database               %s\n", argv[1]);
  g_print ("matrix                 %u grids × %u dekads, %u months of patrols, as of %s\n",
           cadence->rows->len, cadence->dekads->len, cadence->n_months, cadence->as_of);
  g_print ("renderer               GSK_RENDERER=%s\n", g_getenv ("GSK_RENDERER"));
  {
    double load[3] = { 0 };

    /* Other programs on the machine lengthen frames: say how busy it was. */
    if (getloadavg (load, 3) > 0)
      g_print ("load average           %.2f %.2f %.2f\n", load[0], load[1], load[2]);
  }
  g_print ("gw_store_cadence       %.1f ms (the view runs it in a worker thread)\n",
           compute_us / 1000.0);

  b.loop = g_main_loop_new (NULL, FALSE);
  b.paint_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.interval_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.cpu_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.phases = g_array_new (FALSE, FALSE, sizeof (Phase));
  b.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1600, 1000);
  gtk_window_set_decorated (GTK_WINDOW (b.window), FALSE);
  scrolled = gtk_scrolled_window_new ();
  matrix = gw_cadence_matrix_new ();
  t0 = g_get_monotonic_time ();
  gw_cadence_matrix_set_cadence (GW_CADENCE_MATRIX (matrix), cadence);
  g_print ("set_cadence            %.1f ms (county rows and sums)\n",
           (g_get_monotonic_time () - t0) / 1000.0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), matrix);
  gtk_window_set_child (GTK_WINDOW (b.window), scrolled);
  gtk_window_present (GTK_WINDOW (b.window));

  b.hadj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  b.vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  clock = gtk_widget_get_frame_clock (b.window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &b);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &b);
  gtk_widget_add_tick_callback (matrix, tick_cb, &b, NULL);
  g_main_loop_run (b.loop);

  g_print ("window                 %d × %d, matrix %d × %d, content %.0f × %.0f px\n",
           gtk_widget_get_width (b.window), gtk_widget_get_height (b.window),
           gtk_widget_get_width (matrix), gtk_widget_get_height (matrix),
           gtk_adjustment_get_upper (b.hadj), gtk_adjustment_get_upper (b.vadj));
  g_print ("first frame            %.2f ms (layouts created, text measured)\n",
           b.first_paint_us / 1000.0);
  worst = 0;
  {
    static const char *const names[] = { "settle", "down", "across", "back (up and left)", "done" };
    guint n_phase[PHASE_DONE + 1] = { 0 }, over_phase[PHASE_DONE + 1] = { 0 };

    for (guint i = 0; i < b.paint_us->len; i++)
      {
        Phase ph = g_array_index (b.phases, Phase, i);

        worst = MAX (worst, g_array_index (b.paint_us, gint64, i));
        n_phase[ph]++;
        over_phase[ph] += g_array_index (b.paint_us, gint64, i) > BUDGET_US;
      }
    for (Phase ph = PHASE_DOWN; ph < PHASE_DONE; ph++)
      g_print ("  %-20s %u frames, %u over 16 ms\n", names[ph], n_phase[ph], over_phase[ph]);
  }
  print_stats ("frame work (paint)", b.paint_us, BUDGET_US);
  print_stats ("  of it our CPU time", b.cpu_us, BUDGET_US);
  print_stats ("frame interval", b.interval_us, 2 * BUDGET_US + 1000);
  g_print ("%s: the longest frame while scrolling took %.2f ms (budget 16 ms)\n",
           worst <= BUDGET_US ? "PASS" : "FAIL", worst / 1000.0);

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_array_unref (b.paint_us);
  g_array_unref (b.interval_us);
  g_array_unref (b.cpu_us);
  g_array_unref (b.phases);
  g_main_loop_unref (b.loop);
  return worst <= BUDGET_US ? 0 : 1;
}
