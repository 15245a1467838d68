/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prints the figures of the foundation issue:
 *   demo generation of 100,000 and 1,000,000 hazards,
 *   stats on 1,000,000 hazards,
 *   a two-character search for the first 100 hits on 1,000,000 hazards.
 * Usage: bench-core [--small N] [--large N] [--keep DIR] */
#include "config.h"

#include <glib/gstdio.h>

#include "gw-demo.h"
#include "gw-query.h"
#include "gw-stats.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static GwStore *
make (const char *dir, guint n, double *ms)
{
  g_autofree char *path = g_strdup_printf ("%s/bench-%u.db", dir, n);
  g_autoptr(GError) error = NULL;
  GwDemoOptions opts = { .n_hazards = n, .seed = 1, .today = "2026-11-23" };
  GwStore *store;
  double t0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      *ms = -1;
      store = gw_store_open (path, GW_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      return store;
    }
  t0 = now_ms ();
  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  gw_demo_generate (store, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  *ms = now_ms () - t0;
  return store;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, compare_double);
  return v[n / 2];
}

int
main (int argc, char **argv)
{
  int small = 100000, large = 1000000;
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "small", 0, 0, G_OPTION_ARG_INT, &small, "Hazards in the first demo", "N" },
    { "large", 0, 0, G_OPTION_ARG_INT, &large, "Hazards in the second demo", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep (and reuse) the databases in DIR", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— Gridwatch core benchmarks");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GwStore) s1 = NULL, s2 = NULL;
  static const char *terms[] = { "废水", "扬尘", "油烟", "噪声", "垃圾" };
  double ms, samples[9];
  GwStats stats;
  GDate today;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  dir = keep ? g_strdup (keep) : g_dir_make_tmp ("gw-bench-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0755);
  gw_date_parse ("2026-11-23", &today);

  s1 = make (dir, small, &ms);
  g_print ("demo generation, %d hazards: %.2f s\n", small, ms / 1000);
  s2 = make (dir, large, &ms);
  if (ms >= 0)
    g_print ("demo generation, %d hazards: %.2f s\n", large, ms / 1000);
  else
    g_print ("demo generation, %d hazards: (reused %s)\n", large, dir);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      double t0 = now_ms ();
      gw_store_stats (s2, &today, &stats, &error);
      g_assert_no_error (error);
      samples[i] = now_ms () - t0;
    }
  g_print ("stats on %" G_GINT64_FORMAT " hazards: median %.1f ms of %u runs (first %.1f ms)\n",
           stats.hazards, median (samples, G_N_ELEMENTS (samples)),
           (guint) G_N_ELEMENTS (samples), samples[0]);

  for (guint k = 0; k < G_N_ELEMENTS (terms); k++)
    {
      GwFilter f = { .text = terms[k], .today = "2026-11-23" };
      guint hits = 0;

      for (guint i = 0; i < 5; i++)
        {
          g_autoptr(GPtrArray) list = NULL;
          double t0 = now_ms ();
          list = gw_store_hazard_list (s2, &f, 0, 100, &error);
          g_assert_no_error (error);
          samples[i] = now_ms () - t0;
          hits = list->len;
        }
      g_print ("search “%s”, first %u hits of %d hazards: median %.1f ms (first %.1f ms)\n",
               terms[k], hits, large, median (samples, 5), samples[0]);
    }

  {
    g_autoptr(GString) report = g_string_new (NULL);
    double t0 = now_ms ();
    gw_store_check (s2, report, &error);
    g_assert_no_error (error);
    g_print ("check (integrity and event chain) on %d hazards: %.2f s\n", large,
             (now_ms () - t0) / 1000);
  }

  if (!keep)
    {
      g_clear_object (&s1);
      g_clear_object (&s2);
      g_print ("(databases in %s; remove with rm -r)\n", dir);
    }
  return 0;
}
