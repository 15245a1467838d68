/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "gw-cadence.h"
#include "gw-hazard.h"
#include "gw-meeting.h"

/* A small city: one county, three grids, a chief in each, one regulation officer. */
typedef struct {
  char    *dir;
  GwStore *store;
  gint64   grid[3];
  gint64   chief[3];
  gint64   officer;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 county;

  f->dir = g_dir_make_tmp ("gw-cadence-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "t.db", NULL);
  f->store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  county = gw_store_county_ensure (f->store, "430421", "衡阳县", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *code = g_strdup_printf ("43042110%u000", i);
      g_autofree char *name = g_strdup_printf ("第%u镇", i + 1);
      g_autofree char *chief = g_strdup_printf ("网格长%u", i + 1);

      f->grid[i] = gw_store_grid_add (f->store, code, name, county, NULL, &error);
      g_assert_no_error (error);
      f->chief[i] = gw_store_staff_add (f->store, chief, "13800000000", GW_ROLE_GRID_CHIEF,
                                        f->grid[i], NULL, &error);
      g_assert_no_error (error);
    }
  f->officer = gw_store_staff_add (f->store, "督办员", NULL, GW_ROLE_REGULATION, 0, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

static void
analysis (Fixture *f, guint grid, const char *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gw_store_check_add (f->store, f->grid[grid], GW_CHECK_ANALYSIS, date,
                                       f->chief[grid], &f->chief[grid], 1, NULL, "研判",
                                       &error), >, 0);
  g_assert_no_error (error);
}

static GwCadence *
cadence (Fixture *f, const char *from, const char *to, const char *as_of)
{
  g_autoptr(GError) error = NULL;
  GDate a, b, c;
  GwCadence *out;

  gw_date_parse (from, &a);
  gw_date_parse (to, &b);
  gw_date_parse (as_of, &c);
  out = gw_store_cadence (f->store, &a, &b, &c, &error);
  g_assert_no_error (error);
  return out;
}

/* October 2026 and November up to the 23rd:
 *   grid 0: every dekad, Nov 3 already on the 22nd → 6 done, 0 missed
 *   grid 1: Oct 1 twice (counted once), Oct 3, Nov 2 → 3 done, 2 missed (Oct 2, Nov 1)
 *   grid 2: nothing → 0 done, 5 missed
 * Nov 3 (21st–30th) is running on the 23rd: done for grid 0, due for the others. */
static void
test_compliance (Fixture *f, gconstpointer data)
{
  g_autoptr(GwCadence) c = NULL;
  GwCadenceRow *r0, *r1, *r2;

  analysis (f, 0, "2026-10-05");
  analysis (f, 0, "2026-10-15");
  analysis (f, 0, "2026-10-31");
  analysis (f, 0, "2026-11-10");
  analysis (f, 0, "2026-11-11");
  analysis (f, 0, "2026-11-22");
  analysis (f, 1, "2026-10-01");
  analysis (f, 1, "2026-10-10");
  analysis (f, 1, "2026-10-21");
  analysis (f, 1, "2026-11-20");

  c = cadence (f, "2026-10-01", "2026-11-30", "2026-11-23");
  g_assert_cmpuint (c->dekads->len, ==, 6);
  g_assert_cmpuint (c->rows->len, ==, 3);
  r0 = c->rows->pdata[0];
  r1 = c->rows->pdata[1];
  r2 = c->rows->pdata[2];

  g_assert_cmpuint (r0->done, ==, 6);   /* Nov 3 done early counts as done */
  g_assert_cmpuint (r0->missed, ==, 0);
  g_assert_cmpfloat_with_epsilon (r0->compliance, 1.0, 1e-9);

  g_assert_cmpuint (r1->done, ==, 3);
  g_assert_cmpuint (r1->missed, ==, 2);
  g_assert_cmpuint (r1->extra_records, ==, 1);   /* the second Oct 1 record */
  g_assert_cmpfloat_with_epsilon (r1->compliance, 0.6, 1e-9);
  g_assert_cmpint (r1->cells[1], ==, GW_CADENCE_MISSED);
  g_assert_cmpint (r1->cells[5], ==, GW_CADENCE_DUE);

  g_assert_cmpuint (r2->done, ==, 0);
  g_assert_cmpuint (r2->missed, ==, 5);
  g_assert_cmpuint (r2->longest_miss_run, ==, 5);

  /* Per dekad: Oct 1 → 2 of 3; Oct 2 → 1 of 3; Nov 3 → 1 done, counted 1. */
  g_assert_cmpuint (c->done_per_dekad[0], ==, 2);
  g_assert_cmpuint (c->counted_per_dekad[0], ==, 3);
  g_assert_cmpfloat_with_epsilon (gw_cadence_dekad_compliance (c, 1), 1.0 / 3, 1e-9);
  g_assert_cmpuint (c->done_per_dekad[5], ==, 1);
  g_assert_cmpuint (c->counted_per_dekad[5], ==, 1);
}

static void
test_not_yet_due (Fixture *f, gconstpointer data)
{
  g_autoptr(GwCadence) c = cadence (f, "2026-11-01", "2026-12-31", "2026-11-23");

  /* Nov 1, Nov 2 missed; Nov 3 due; December not yet due. */
  g_assert_cmpint (((GwCadenceRow *) c->rows->pdata[0])->cells[0], ==, GW_CADENCE_MISSED);
  g_assert_cmpint (((GwCadenceRow *) c->rows->pdata[0])->cells[2], ==, GW_CADENCE_DUE);
  g_assert_cmpint (((GwCadenceRow *) c->rows->pdata[0])->cells[3], ==, GW_CADENCE_NOT_YET_DUE);
  g_assert_cmpuint (((GwCadenceRow *) c->rows->pdata[0])->missed, ==, 2);
}

/* Interview rule with N = 3: grid 0 misses 2 in a row, grid 1 misses 3, grid 2 misses 4. */
static void
test_interview_rule (Fixture *f, gconstpointer data)
{
  g_autoptr(GwCadence) c = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) by_overdue = NULL;

  /* Dekads Sep 1 … Oct 3 (6). Done marks: */
  analysis (f, 0, "2026-09-05");                           /* Sep 2, 3 missed → run 2 */
  analysis (f, 0, "2026-10-05");
  analysis (f, 0, "2026-10-15");
  analysis (f, 0, "2026-10-25");
  analysis (f, 1, "2026-09-05");                           /* Sep 2, 3, Oct 1 missed → 3 */
  analysis (f, 1, "2026-10-15");
  analysis (f, 1, "2026-10-25");
  analysis (f, 2, "2026-09-05");                           /* Sep 2 … Oct 2 missed → 4 */
  analysis (f, 2, "2026-10-25");

  c = cadence (f, "2026-09-01", "2026-10-31", "2026-11-23");
  g_assert_cmpuint (((GwCadenceRow *) c->rows->pdata[0])->longest_miss_run, ==, 2);
  g_assert_cmpuint (((GwCadenceRow *) c->rows->pdata[1])->longest_miss_run, ==, 3);
  g_assert_cmpuint (((GwCadenceRow *) c->rows->pdata[2])->longest_miss_run, ==, 4);

  list = gw_cadence_interviews (c, 3, -1);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (list->pdata[0] == c->rows->pdata[1]);
  g_assert_true (list->pdata[1] == c->rows->pdata[2]);
  g_assert_cmpstr (((GwCadenceRow *) list->pdata[0])->chief_name, ==, "网格长2");

  /* The overdue rule alone: nobody has overdue hazards. */
  by_overdue = gw_cadence_interviews (c, 99, 0);
  g_assert_cmpuint (by_overdue->len, ==, 0);
}

static gint64
hazard (Fixture *f, guint grid, const char *title, const char *found)
{
  g_autoptr(GError) error = NULL;
  GwHazardNew n = { .grid_id = f->grid[grid], .title = title, .field = GW_FIELD_WATER,
                    .source = GW_SOURCE_PATROL, .found_date = found, .found_by = f->chief[grid] };
  gint64 id = gw_store_hazard_add (f->store, &n, f->chief[grid], &error);

  g_assert_no_error (error);
  return id;
}

static void
move (Fixture *f, gint64 id, GwState to, const char *date, const char *deadline, GwLevel level)
{
  g_autoptr(GError) error = NULL;
  GwMove m = { .to = to, .date = date, .deadline = deadline, .level = level,
               .urgency = GW_URGENCY_NO_GAP, .measure = GW_MEASURE_DEADLINE,
               .responsible_id = f->chief[0], .reason = "复核" };

  g_assert_true (gw_store_hazard_move (f->store, id, &m, f->officer, &error));
  g_assert_no_error (error);
}

/* Meetings on Nov 9 and Nov 16. Between them:
 *   a: found Nov 1, assessed Nov 10 (deadline Nov 12) → moved, and overdue by Nov 16
 *   b: found Nov 1, assessed Nov 2, done Nov 11, downgraded Nov 12 → downgraded
 *   c: found Nov 1, assessed Nov 2, done, downgraded Nov 5, closed Nov 15 → closed
 *   d: found Nov 12 → added
 *   e: found Nov 1, assessed Nov 2 with deadline Dec 1 → unchanged, in no list */
static void
test_meeting_diff (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwMeetingDiff) diff = NULL;
  gint64 a = hazard (f, 0, "甲", "2026-11-01"), b = hazard (f, 0, "乙", "2026-11-01");
  gint64 c = hazard (f, 1, "丙", "2026-11-01"), d, e = hazard (f, 2, "戊", "2026-11-01");
  g_autofree char *before = NULL;

  move (f, a, GW_STATE_RECTIFYING, "2026-11-10", "2026-11-12", GW_LEVEL_II);
  move (f, b, GW_STATE_RECTIFYING, "2026-11-02", "2026-12-01", GW_LEVEL_II);
  move (f, b, GW_STATE_VERIFYING, "2026-11-11", NULL, 0);
  move (f, b, GW_STATE_DOWNGRADED, "2026-11-12", NULL, GW_LEVEL_III);
  move (f, c, GW_STATE_RECTIFYING, "2026-11-02", "2026-12-01", GW_LEVEL_III);
  move (f, c, GW_STATE_VERIFYING, "2026-11-03", NULL, 0);
  move (f, c, GW_STATE_DOWNGRADED, "2026-11-05", NULL, GW_LEVEL_IV);
  move (f, c, GW_STATE_CLOSED, "2026-11-15", NULL, 0);
  move (f, e, GW_STATE_RECTIFYING, "2026-11-02", "2026-12-01", GW_LEVEL_II);
  d = hazard (f, 1, "丁", "2026-11-12");

  g_assert_cmpint (gw_store_meeting_add (f->store, "2026-11-09", NULL, NULL, &error), >, 0);
  g_assert_cmpint (gw_store_meeting_add (f->store, "2026-11-16", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  before = gw_store_meeting_before (f->store, "2026-11-16", &error);
  g_assert_cmpstr (before, ==, "2026-11-09");

  diff = gw_store_meeting_diff (f->store, before, "2026-11-16", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->added->len, ==, 1);
  g_assert_cmpint (((GwChange *) diff->added->pdata[0])->hazard_id, ==, d);
  g_assert_cmpuint (diff->moved->len, ==, 1);
  g_assert_cmpint (((GwChange *) diff->moved->pdata[0])->hazard_id, ==, a);
  g_assert_cmpstr (((GwChange *) diff->moved->pdata[0])->from_state, ==, "reported");
  g_assert_cmpstr (((GwChange *) diff->moved->pdata[0])->to_state, ==, "rectifying");
  g_assert_cmpuint (diff->downgraded->len, ==, 1);
  g_assert_cmpint (((GwChange *) diff->downgraded->pdata[0])->hazard_id, ==, b);
  g_assert_cmpuint (diff->closed->len, ==, 1);
  g_assert_cmpint (((GwChange *) diff->closed->pdata[0])->hazard_id, ==, c);
  g_assert_cmpuint (diff->overdue->len, ==, 1);
  g_assert_cmpint (((GwChange *) diff->overdue->pdata[0])->hazard_id, ==, a);
  (void) e;
}

static void
test_decision_events (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ev1 = NULL, ev2 = NULL;
  gint64 a = hazard (f, 0, "甲", "2026-11-01"), b = hazard (f, 1, "乙", "2026-11-01");
  gint64 ids[] = { a, b };
  gint64 meeting = gw_store_meeting_add (f->store, "2026-11-16", NULL, NULL, &error);
  gint64 decision;

  decision = gw_store_decision_add (f->store, meeting, "一周内完成整改并报送", f->officer,
                                    "2026-11-23", ids, 2, f->officer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (decision, >, 0);

  ev1 = gw_store_hazard_events (f->store, a, &error);
  ev2 = gw_store_hazard_events (f->store, b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ev1->len, ==, 2);   /* create, decision */
  g_assert_cmpstr (((GwEvent *) ev1->pdata[1])->kind, ==, "decision");
  g_assert_cmpstr (((GwEvent *) ev1->pdata[1])->date, ==, "2026-11-16");
  g_assert_cmpstr (((GwEvent *) ev1->pdata[1])->note, ==, "一周内完成整改并报送");
  g_assert_cmpstr (((GwEvent *) ev1->pdata[1])->to_value, ==, "2026-11-23");
  g_assert_cmpstr (((GwEvent *) ev2->pdata[1])->kind, ==, "decision");
  g_assert_true (gw_store_check (f->store, NULL, &error));

  /* A decision on a missing meeting changes nothing. */
  g_assert_cmpint (gw_store_decision_add (f->store, 999, "x", 0, NULL, ids, 2, 0, &error), ==, 0);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND);
  g_clear_pointer (&ev1, g_ptr_array_unref);
  ev1 = gw_store_hazard_events (f->store, a, NULL);
  g_assert_cmpuint (ev1->len, ==, 2);
}

int
main (int argc, char **argv)
{
  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cadence/compliance", test_compliance);
  ADD ("/cadence/not-yet-due", test_not_yet_due);
  ADD ("/cadence/interview-rule", test_interview_rule);
  ADD ("/meeting/diff", test_meeting_diff);
  ADD ("/meeting/decision-events", test_decision_events);
  return g_test_run ();
}
