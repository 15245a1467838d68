/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gw-hazard.h"
#include "gw-stats.h"
#include "gw-store.h"
#include "gw-test-util.h"

/* A hand-built city: one county, two grids, nine hazards moved through the
 * store on fixed dates, and ten-day analyses for two dekads. Today is
 * 2026-11-23 (a Monday); the last complete dekad is 2026-11-2 (11–20 Nov).
 *
 *      grid  found       history                                           level urgency   deadline
 *  H1   1    2026-11-20  —                                                 —     —         —
 *  H2   1    2026-10-01  assess 10-02                                      I     no-delay  2026-11-10
 *  H3   1    2026-10-05  assess 10-06                                      II    at-all-c. 2026-12-31
 *  H4   2    2026-09-01  assess 09-02, done 09-20                          III   no-gap    2026-09-30
 *  H5   2    2026-08-01  assess 08-02, done 08-20, downgrade 08-25 → IV    IV    no-delay  2026-09-01
 *  H6   2    2026-07-01  assess 07-02, done 07-20, downgrade 07-22 → III,  III   at-all-c. 2026-07-31
 *                        close 11-18
 *  H7   1    2026-11-17  unfounded 11-19                                   —     —         —
 *  H8   1    2026-06-01  assess 06-02 (I), done 06-20, fail 06-25 (new     II    no-delay  2026-11-20
 *                        deadline 07-15), done 07-10, downgrade 07-12 → II,
 *                        close 07-20, reopen 11-10 (deadline 11-20)
 *  H9   2    2026-11-16  —                                                 —     —         —
 *
 * Analyses: grid 1 on 2026-11-15 (dekad 2026-11-2), grid 2 on 2026-11-05
 * (dekad 2026-11-1); patrols on other days do not count.
 */

typedef struct {
  char    *dir;
  GwStore *store;
  gint64   grid1, grid2, chief1, chief2, regulator;
  gint64   h[10];
} Fixture;

static gint64
add (Fixture    *f,
     gint64      grid,
     const char *title,
     const char *found)
{
  g_autoptr(GError) error = NULL;
  GwHazardNew n = { .grid_id = grid, .title = title, .field = GW_FIELD_AIR,
                    .source = GW_SOURCE_PATROL, .found_date = found };
  gint64 id = gw_store_hazard_add (f->store, &n, 0, &error);

  g_assert_no_error (error);
  return id;
}

static void
move (Fixture    *f,
      gint64      id,
      GwState     to,
      const char *date,
      GwLevel     level,
      GwUrgency   urgency,
      const char *deadline,
      const char *reason)
{
  g_autoptr(GError) error = NULL;
  GwMove m = { .to = to, .date = date, .level = level, .urgency = urgency,
               .measure = GW_MEASURE_DEADLINE, .deadline = deadline, .reason = reason,
               .responsible_id = f->chief1 };

  if (!gw_store_hazard_move (f->store, id, &m, f->regulator, &error))
    g_error ("moving hazard %" G_GINT64_FORMAT " to %s on %s: %s", id, gw_state_to_id (to),
             date, error->message);
}

static void
add_check (Fixture    *f,
           gint64      grid,
           const char *kind,
           const char *date,
           const char *dekad)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO checks (grid_id, kind, date, dekad, created_at)"
                                          " VALUES (%" G_GINT64_FORMAT ", '%s', '%s', '%s',"
                                          " '2026-11-23T09:00:00+08:00')",
                                          grid, kind, date, dekad);
  g_assert_true (gw_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 county;

  f->dir = g_dir_make_tmp ("gw-test-stats-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "k.gridwatch", NULL);
  f->store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  county = gw_store_county_ensure (f->store, "430421", "衡阳县", &error);
  f->grid1 = gw_store_grid_add (f->store, "430421100000", "西渡镇", county, NULL, &error);
  f->grid2 = gw_store_grid_add (f->store, "430421101000", "杉桥镇", county, NULL, &error);
  f->chief1 = gw_store_staff_add (f->store, "王伟", NULL, GW_ROLE_GRID_CHIEF, f->grid1, NULL, &error);
  f->chief2 = gw_store_staff_add (f->store, "刘强", NULL, GW_ROLE_GRID_CHIEF, f->grid2, NULL, &error);
  f->regulator = gw_store_staff_add (f->store, "陈静", NULL, GW_ROLE_REGULATION, 0, NULL, &error);
  g_assert_no_error (error);

  f->h[1] = add (f, f->grid1, "H1", "2026-11-20");

  f->h[2] = add (f, f->grid1, "H2", "2026-10-01");
  move (f, f->h[2], GW_STATE_RECTIFYING, "2026-10-02", GW_LEVEL_I, GW_URGENCY_NO_DELAY, "2026-11-10", NULL);

  f->h[3] = add (f, f->grid1, "H3", "2026-10-05");
  move (f, f->h[3], GW_STATE_RECTIFYING, "2026-10-06", GW_LEVEL_II, GW_URGENCY_AT_ALL_COSTS, "2026-12-31", NULL);

  f->h[4] = add (f, f->grid2, "H4", "2026-09-01");
  move (f, f->h[4], GW_STATE_RECTIFYING, "2026-09-02", GW_LEVEL_III, GW_URGENCY_NO_GAP, "2026-09-30", NULL);
  move (f, f->h[4], GW_STATE_VERIFYING, "2026-09-20", 0, 0, NULL, NULL);

  f->h[5] = add (f, f->grid2, "H5", "2026-08-01");
  move (f, f->h[5], GW_STATE_RECTIFYING, "2026-08-02", GW_LEVEL_II, GW_URGENCY_NO_DELAY, "2026-09-01", NULL);
  move (f, f->h[5], GW_STATE_VERIFYING, "2026-08-20", 0, 0, NULL, NULL);
  move (f, f->h[5], GW_STATE_DOWNGRADED, "2026-08-25", GW_LEVEL_IV, 0, NULL, NULL);

  f->h[6] = add (f, f->grid2, "H6", "2026-07-01");
  move (f, f->h[6], GW_STATE_RECTIFYING, "2026-07-02", GW_LEVEL_III, GW_URGENCY_AT_ALL_COSTS, "2026-07-31", NULL);
  move (f, f->h[6], GW_STATE_VERIFYING, "2026-07-20", 0, 0, NULL, NULL);
  move (f, f->h[6], GW_STATE_DOWNGRADED, "2026-07-22", GW_LEVEL_III, 0, NULL, NULL);
  move (f, f->h[6], GW_STATE_CLOSED, "2026-11-18", 0, 0, NULL, NULL);

  f->h[7] = add (f, f->grid1, "H7", "2026-11-17");
  move (f, f->h[7], GW_STATE_CLOSED, "2026-11-19", 0, 0, NULL, "与已登记隐患重复");

  f->h[8] = add (f, f->grid1, "H8", "2026-06-01");
  move (f, f->h[8], GW_STATE_RECTIFYING, "2026-06-02", GW_LEVEL_I, GW_URGENCY_NO_DELAY, "2026-06-30", NULL);
  move (f, f->h[8], GW_STATE_VERIFYING, "2026-06-20", 0, 0, NULL, NULL);
  move (f, f->h[8], GW_STATE_RECTIFYING, "2026-06-25", 0, 0, "2026-07-15", "整改不到位");
  move (f, f->h[8], GW_STATE_VERIFYING, "2026-07-10", 0, 0, NULL, NULL);
  move (f, f->h[8], GW_STATE_DOWNGRADED, "2026-07-12", GW_LEVEL_II, 0, NULL, NULL);
  move (f, f->h[8], GW_STATE_CLOSED, "2026-07-20", 0, 0, NULL, NULL);
  move (f, f->h[8], GW_STATE_RECTIFYING, "2026-11-10", 0, 0, "2026-11-20", "问题反弹");

  f->h[9] = add (f, f->grid2, "H9", "2026-11-16");

  add_check (f, f->grid1, "analysis", "2026-11-15", "2026-11-11");
  add_check (f, f->grid1, "patrol", "2026-11-03", "2026-11-01");
  add_check (f, f->grid2, "analysis", "2026-11-05", "2026-11-01");
  add_check (f, f->grid2, "patrol", "2026-11-12", "2026-11-11");
  add_check (f, f->grid2, "patrol", "2026-11-21", "2026-11-21");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  gw_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
stats_at (Fixture    *f,
          const char *date,
          GwStats    *stats,
          GwStats    *replay)
{
  g_autoptr(GError) error = NULL;
  GDate d;

  g_assert_true (gw_date_parse (date, &d));
  g_assert_true (gw_store_stats (f->store, &d, stats, &error));
  g_assert_no_error (error);
  g_assert_true (gw_store_stats_replay (f->store, &d, replay, &error));
  g_assert_no_error (error);
}

static void
assert_same (const GwStats *a,
             const GwStats *b)
{
  g_assert_cmpstr (a->date, ==, b->date);
  g_assert_cmpint (a->grids, ==, b->grids);
  g_assert_cmpint (a->hazards, ==, b->hazards);
  for (guint i = 0; i < GW_N_STATES; i++)
    g_assert_cmpint (a->by_state[i], ==, b->by_state[i]);
  for (guint i = 0; i < GW_N_LEVELS; i++)
    g_assert_cmpint (a->by_level[i], ==, b->by_level[i]);
  for (guint i = 0; i < GW_N_URGENCIES; i++)
    g_assert_cmpint (a->by_urgency[i], ==, b->by_urgency[i]);
  g_assert_cmpint (a->overdue, ==, b->overdue);
  g_assert_cmpint (a->verification_overdue, ==, b->verification_overdue);
  g_assert_cmpfloat (a->completion_rate, ==, b->completion_rate);
  g_assert_cmpint (a->new_7d, ==, b->new_7d);
  g_assert_cmpint (a->closed_7d, ==, b->closed_7d);
  g_assert_cmpint (gw_dekad_compare (a->cadence_dekad, b->cadence_dekad), ==, 0);
  g_assert_cmpint (a->cadence_done, ==, b->cadence_done);
  g_assert_cmpint (a->cadence_missed, ==, b->cadence_missed);
}

static void
assert_dekad (GwDekad d, guint year, guint month, guint part)
{
  g_assert_cmpuint (d.year, ==, year);
  g_assert_cmpuint (d.month, ==, month);
  g_assert_cmpuint (d.part, ==, part);
}

static void
test_today (Fixture       *f,
            gconstpointer  data)
{
  GwStats s, r;

  stats_at (f, "2026-11-23", &s, &r);
  g_assert_cmpstr (s.date, ==, "2026-11-23");
  g_assert_cmpint (s.grids, ==, 2);
  g_assert_cmpint (s.hazards, ==, 9);
  /* reported H1 H9; rectifying H2 H3 H8; verifying H4; downgraded H5; closed H6 H7 */
  g_assert_cmpint (s.by_state[GW_STATE_REPORTED], ==, 2);
  g_assert_cmpint (s.by_state[GW_STATE_RECTIFYING], ==, 3);
  g_assert_cmpint (s.by_state[GW_STATE_VERIFYING], ==, 1);
  g_assert_cmpint (s.by_state[GW_STATE_DOWNGRADED], ==, 1);
  g_assert_cmpint (s.by_state[GW_STATE_CLOSED], ==, 2);
  /* none H1 H7 H9; I H2; II H3 H8; III H4 H6; IV H5 */
  g_assert_cmpint (s.by_level[GW_LEVEL_NONE], ==, 3);
  g_assert_cmpint (s.by_level[GW_LEVEL_I], ==, 1);
  g_assert_cmpint (s.by_level[GW_LEVEL_II], ==, 2);
  g_assert_cmpint (s.by_level[GW_LEVEL_III], ==, 2);
  g_assert_cmpint (s.by_level[GW_LEVEL_IV], ==, 1);
  /* none H1 H7 H9; no-delay H2 H5 H8; at-all-costs H3 H6; no-gap H4 */
  g_assert_cmpint (s.by_urgency[GW_URGENCY_NONE], ==, 3);
  g_assert_cmpint (s.by_urgency[GW_URGENCY_NO_DELAY], ==, 3);
  g_assert_cmpint (s.by_urgency[GW_URGENCY_AT_ALL_COSTS], ==, 2);
  g_assert_cmpint (s.by_urgency[GW_URGENCY_NO_GAP], ==, 1);
  /* overdue: H2 (deadline 11-10), H8 (11-20); not H3 (12-31) */
  g_assert_cmpint (s.overdue, ==, 2);
  /* verification overdue: H4 (09-30); H5 is downgraded, not waiting */
  g_assert_cmpint (s.verification_overdue, ==, 1);
  /* (downgraded 1 + closed 2) / 9 */
  g_assert_cmpfloat_with_epsilon (s.completion_rate, 3.0 / 9.0, 1e-12);
  /* found 11-17 … 11-23: H1 (11-20), H7 (11-17); not H9 (11-16) */
  g_assert_cmpint (s.new_7d, ==, 2);
  /* closed 11-17 … 11-23: H6 (11-18), H7 (11-19); H8's close of 07-20 was undone */
  g_assert_cmpint (s.closed_7d, ==, 2);
  /* dekad 2026-11-2: grid 1 analysed on 11-15; grid 2 only patrolled */
  assert_dekad (s.cadence_dekad, 2026, 11, 1);
  g_assert_cmpint (s.cadence_done, ==, 1);
  g_assert_cmpint (s.cadence_missed, ==, 1);

  assert_same (&s, &r);

  /* NULL means today (GRIDWATCH_TODAY). */
  {
    g_autoptr(GError) error = NULL;
    GwStats t;
    g_assert_true (gw_store_stats (f->store, NULL, &t, &error));
    g_assert_no_error (error);
    assert_same (&s, &t);
  }
}

static void
test_past (Fixture       *f,
           gconstpointer  data)
{
  GwStats s, r;

  /* 2026-11-19: H1 not found yet; H7 closed that day; H8 reopened with deadline 11-20. */
  stats_at (f, "2026-11-19", &s, &r);
  assert_same (&s, &r);
  g_assert_cmpint (s.hazards, ==, 8);
  g_assert_cmpint (s.by_state[GW_STATE_REPORTED], ==, 1);     /* H9 */
  g_assert_cmpint (s.by_state[GW_STATE_RECTIFYING], ==, 3);   /* H2 H3 H8 */
  g_assert_cmpint (s.by_state[GW_STATE_VERIFYING], ==, 1);    /* H4 */
  g_assert_cmpint (s.by_state[GW_STATE_DOWNGRADED], ==, 1);   /* H5 */
  g_assert_cmpint (s.by_state[GW_STATE_CLOSED], ==, 2);       /* H6 H7 */
  g_assert_cmpint (s.by_level[GW_LEVEL_NONE], ==, 2);         /* H7 H9 */
  g_assert_cmpint (s.by_level[GW_LEVEL_I], ==, 1);
  g_assert_cmpint (s.by_level[GW_LEVEL_II], ==, 2);
  g_assert_cmpint (s.by_level[GW_LEVEL_III], ==, 2);
  g_assert_cmpint (s.by_level[GW_LEVEL_IV], ==, 1);
  g_assert_cmpint (s.by_urgency[GW_URGENCY_NONE], ==, 2);
  g_assert_cmpint (s.by_urgency[GW_URGENCY_NO_DELAY], ==, 3);
  g_assert_cmpint (s.by_urgency[GW_URGENCY_AT_ALL_COSTS], ==, 2);
  g_assert_cmpint (s.by_urgency[GW_URGENCY_NO_GAP], ==, 1);
  g_assert_cmpint (s.overdue, ==, 1);                         /* H2; H8's 11-20 not yet */
  g_assert_cmpint (s.verification_overdue, ==, 1);            /* H4 */
  g_assert_cmpfloat_with_epsilon (s.completion_rate, 3.0 / 8.0, 1e-12);
  g_assert_cmpint (s.new_7d, ==, 2);                          /* 11-13 … 11-19: H9, H7 */
  g_assert_cmpint (s.closed_7d, ==, 2);                       /* H6, H7 */
  assert_dekad (s.cadence_dekad, 2026, 11, 0);                /* 1–10 Nov: grid 2 only */
  g_assert_cmpint (s.cadence_done, ==, 1);
  g_assert_cmpint (s.cadence_missed, ==, 1);

  /* 2026-09-15: only H4 H5 H6 H8 exist. */
  stats_at (f, "2026-09-15", &s, &r);
  assert_same (&s, &r);
  g_assert_cmpint (s.hazards, ==, 4);
  g_assert_cmpint (s.by_state[GW_STATE_REPORTED], ==, 0);
  g_assert_cmpint (s.by_state[GW_STATE_RECTIFYING], ==, 1);   /* H4, done only on 09-20 */
  g_assert_cmpint (s.by_state[GW_STATE_VERIFYING], ==, 0);
  g_assert_cmpint (s.by_state[GW_STATE_DOWNGRADED], ==, 2);   /* H5 H6 */
  g_assert_cmpint (s.by_state[GW_STATE_CLOSED], ==, 1);       /* H8, before its reopening */
  g_assert_cmpint (s.by_level[GW_LEVEL_NONE], ==, 0);
  g_assert_cmpint (s.by_level[GW_LEVEL_II], ==, 1);           /* H8 */
  g_assert_cmpint (s.by_level[GW_LEVEL_III], ==, 2);          /* H4 H6 */
  g_assert_cmpint (s.by_level[GW_LEVEL_IV], ==, 1);           /* H5 */
  g_assert_cmpint (s.by_urgency[GW_URGENCY_NO_DELAY], ==, 2); /* H5 H8 */
  g_assert_cmpint (s.by_urgency[GW_URGENCY_AT_ALL_COSTS], ==, 1);
  g_assert_cmpint (s.by_urgency[GW_URGENCY_NO_GAP], ==, 1);
  g_assert_cmpint (s.overdue, ==, 0);                         /* H4's deadline is 09-30 */
  g_assert_cmpint (s.verification_overdue, ==, 0);
  g_assert_cmpfloat_with_epsilon (s.completion_rate, 0.75, 1e-12);
  g_assert_cmpint (s.new_7d, ==, 0);
  g_assert_cmpint (s.closed_7d, ==, 0);
  assert_dekad (s.cadence_dekad, 2026, 9, 0);
  g_assert_cmpint (s.cadence_done, ==, 0);
  g_assert_cmpint (s.cadence_missed, ==, 2);

  /* 2026-06-25, the day H8 failed verification: back in rectifying, I, deadline 07-15. */
  stats_at (f, "2026-06-25", &s, &r);
  assert_same (&s, &r);
  g_assert_cmpint (s.hazards, ==, 1);
  g_assert_cmpint (s.by_state[GW_STATE_RECTIFYING], ==, 1);
  g_assert_cmpint (s.by_level[GW_LEVEL_I], ==, 1);
  g_assert_cmpint (s.overdue, ==, 0);
  g_assert_cmpint (s.new_7d, ==, 0);
  g_assert_cmpfloat (s.completion_rate, ==, 0.0);

  /* Before anything was found. */
  stats_at (f, "2026-05-01", &s, &r);
  assert_same (&s, &r);
  g_assert_cmpint (s.hazards, ==, 0);
  g_assert_cmpfloat (s.completion_rate, ==, 0.0);
  g_assert_cmpint (s.grids, ==, 2);
}

static void
test_edit_replayed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GwStats s, r;

  /* Today (2026-11-23) H3's deadline is brought forward to 11-21: overdue from today on. */
  g_assert_true (gw_store_hazard_edit (f->store, f->h[3], "deadline", "2026-11-21", f->regulator,
                                       &error));
  g_assert_no_error (error);

  stats_at (f, "2026-11-23", &s, &r);
  assert_same (&s, &r);
  g_assert_cmpint (s.overdue, ==, 3);                         /* H2 H3 H8 */

  /* The day before, the edit had not happened: H2 and H8 (deadline 11-20) only. */
  stats_at (f, "2026-11-22", &s, &r);
  assert_same (&s, &r);
  g_assert_cmpint (s.overdue, ==, 2);

  /* In the future, with nothing else changing. */
  stats_at (f, "2027-01-05", &s, &r);
  assert_same (&s, &r);
  g_assert_cmpint (s.overdue, ==, 3);
  g_assert_cmpint (s.new_7d, ==, 0);
  g_assert_cmpint (s.closed_7d, ==, 0);
  assert_dekad (s.cadence_dekad, 2026, 12, 2);
  g_assert_cmpint (s.cadence_done, ==, 0);
  g_assert_cmpint (s.cadence_missed, ==, 2);
}

static void
test_cadence (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GwDekad d1 = { 2026, 11, 0 }, d2 = { 2026, 11, 1 }, d3 = { 2026, 11, 2 }, d0 = { 2026, 10, 2 };
  GDate today;

  g_assert_cmpint (gw_store_cadence_done (f->store, d1, &error), ==, 1);
  g_assert_cmpint (gw_store_cadence_done (f->store, d2, &error), ==, 1);
  g_assert_cmpint (gw_store_cadence_done (f->store, d3, &error), ==, 0);   /* a patrol only */
  g_assert_cmpint (gw_store_cadence_done (f->store, d0, &error), ==, 0);
  g_assert_no_error (error);

  /* Two analyses of one grid in one dekad count once. */
  add_check (f, f->grid1, "analysis", "2026-11-19", "2026-11-11");
  g_assert_cmpint (gw_store_cadence_done (f->store, d2, &error), ==, 1);

  g_assert_true (gw_date_parse ("2026-11-23", &today));
  g_assert_cmpint (gw_cadence_status (d2, TRUE, &today), ==, GW_CADENCE_DONE);
  g_assert_cmpint (gw_cadence_status (d2, FALSE, &today), ==, GW_CADENCE_MISSED);
  g_assert_cmpint (gw_cadence_status (d3, FALSE, &today), ==, GW_CADENCE_DUE);
  g_assert_cmpint (gw_cadence_status (d3, TRUE, &today), ==, GW_CADENCE_DONE);
  g_assert_cmpint (gw_cadence_status ((GwDekad) { 2026, 12, 0 }, FALSE, &today), ==,
                   GW_CADENCE_NOT_YET_DUE);
  /* The last day of a dekad is still due; the first day of the next one it is missed. */
  g_assert_true (gw_date_parse ("2026-11-20", &today));
  g_assert_cmpint (gw_cadence_status (d2, FALSE, &today), ==, GW_CADENCE_DUE);
  g_assert_true (gw_date_parse ("2026-11-21", &today));
  g_assert_cmpint (gw_cadence_status (d2, FALSE, &today), ==, GW_CADENCE_MISSED);
  g_assert_true (gw_date_parse ("2026-11-11", &today));
  g_assert_cmpint (gw_cadence_status (d2, FALSE, &today), ==, GW_CADENCE_DUE);
  g_assert_true (gw_date_parse ("2026-11-10", &today));
  g_assert_cmpint (gw_cadence_status (d2, FALSE, &today), ==, GW_CADENCE_NOT_YET_DUE);

  g_assert_cmpstr (gw_cadence_status_to_id (GW_CADENCE_DONE), ==, "done");
  g_assert_cmpstr (gw_cadence_status_to_id (GW_CADENCE_MISSED), ==, "missed");
  g_assert_cmpstr (gw_cadence_status_to_id (GW_CADENCE_DUE), ==, "due");
  g_assert_cmpstr (gw_cadence_status_to_id (GW_CADENCE_NOT_YET_DUE), ==, "not-yet-due");
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gw-test-stats-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.gridwatch", NULL);
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  GwStats s, r;
  GDate d;

  g_assert_no_error (error);
  g_assert_true (gw_date_parse ("2026-11-23", &d));
  g_assert_true (gw_store_stats (store, &d, &s, &error));
  g_assert_true (gw_store_stats_replay (store, &d, &r, &error));
  g_assert_no_error (error);
  assert_same (&s, &r);
  g_assert_cmpint (s.hazards, ==, 0);
  g_assert_cmpint (s.grids, ==, 0);
  g_assert_cmpfloat (s.completion_rate, ==, 0.0);
  g_assert_cmpint (s.cadence_missed, ==, 0);
  g_clear_object (&store);
  gw_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/stats/empty", test_empty);
  ADD ("/stats/today", test_today);
  ADD ("/stats/past", test_past);
  ADD ("/stats/edit-replayed", test_edit_replayed);
  ADD ("/stats/cadence", test_cadence);

  return g_test_run ();
}
