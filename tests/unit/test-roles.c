/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gw-hazard.h"
#include "gw-roles.h"

typedef struct {
  char    *dir;
  GwStore *store;
  gint64   grid_a, grid_b;
  gint64   chief_a, member_a, chief_b, officer, viewer, inspector;
  gint64   hazard;    /* in grid A, reported */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GwHazardNew n = { .title = "生活污水直排入河", .field = GW_FIELD_WATER,
                    .source = GW_SOURCE_PATROL, .found_date = "2026-11-01" };
  gint64 county;

  f->dir = g_dir_make_tmp ("gw-roles-XXXXXX", &error);
  path = g_build_filename (f->dir, "r.db", NULL);
  f->store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  county = gw_store_county_ensure (f->store, "430421", "衡阳县", &error);
  f->grid_a = gw_store_grid_add (f->store, "430421100000", "西渡镇", county, NULL, &error);
  f->grid_b = gw_store_grid_add (f->store, "430421101000", "集兵镇", county, NULL, &error);
  f->chief_a = gw_store_staff_add (f->store, "甲网格长", NULL, GW_ROLE_GRID_CHIEF, f->grid_a, NULL, &error);
  f->member_a = gw_store_staff_add (f->store, "甲网格员", NULL, GW_ROLE_GRID_MEMBER, f->grid_a, NULL, &error);
  f->chief_b = gw_store_staff_add (f->store, "乙网格长", NULL, GW_ROLE_GRID_CHIEF, f->grid_b, NULL, &error);
  f->officer = gw_store_staff_add (f->store, "督办员", NULL, GW_ROLE_REGULATION, 0, NULL, &error);
  f->viewer = gw_store_staff_add (f->store, "查看员", NULL, GW_ROLE_VIEWER, 0, NULL, &error);
  f->inspector = gw_store_staff_add (f->store, "督察员", NULL, GW_ROLE_INSPECTOR, 0, NULL, &error);
  g_assert_no_error (error);
  n.grid_id = f->grid_a;
  f->hazard = gw_store_hazard_add (f->store, &n, f->member_a, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (f->dir);
}

static guint
n_events (Fixture *f)
{
  g_autoptr(GPtrArray) events = gw_store_hazard_events (f->store, f->hazard, NULL);

  return events->len;
}

static void
move (Fixture *f, gint64 actor, GwState to, const char *date, gboolean expect_ok,
      const char *needle)
{
  g_autoptr(GError) error = NULL;
  GwMove m = { .to = to, .date = date, .level = to == GW_STATE_DOWNGRADED ? GW_LEVEL_IV : GW_LEVEL_III,
               .urgency = GW_URGENCY_NO_GAP, .measure = GW_MEASURE_DEADLINE,
               .deadline = "2026-12-31", .responsible_id = f->chief_a, .reason = "复核" };
  guint before = n_events (f);
  gboolean ok = gw_store_hazard_move (f->store, f->hazard, &m, actor, &error);

  if (expect_ok)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_ALLOWED);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
  g_assert_cmpuint (n_events (f), ==, before);
}

static void
test_grid_staff_up_to_verifying (Fixture *f, gconstpointer data)
{
  g_autoptr(GwHazard) h = NULL;

  move (f, f->member_a, GW_STATE_RECTIFYING, "2026-11-02", TRUE, NULL);
  move (f, f->chief_a, GW_STATE_VERIFYING, "2026-11-10", TRUE, NULL);
  /* Verification is the regulation office's. */
  move (f, f->chief_a, GW_STATE_DOWNGRADED, "2026-11-11", FALSE, "督办科");
  move (f, f->member_a, GW_STATE_RECTIFYING, "2026-11-11", FALSE, "甲网格员");
  move (f, f->officer, GW_STATE_DOWNGRADED, "2026-11-12", TRUE, NULL);
  move (f, f->chief_a, GW_STATE_CLOSED, "2026-11-13", FALSE, "甲网格长");
  move (f, f->officer, GW_STATE_CLOSED, "2026-11-13", TRUE, NULL);
  move (f, f->chief_a, GW_STATE_RECTIFYING, "2026-11-14", FALSE, "reopen");
  h = gw_store_hazard_get (f->store, f->hazard, NULL);
  g_assert_cmpint (h->state, ==, GW_STATE_CLOSED);
}

static void
test_other_grid (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL;
  GwHazardNew n = { .grid_id = f->grid_a, .title = "露天焚烧", .field = GW_FIELD_AIR,
                    .found_date = "2026-11-05" };

  move (f, f->chief_b, GW_STATE_RECTIFYING, "2026-11-02", FALSE, "own grid");
  g_assert_false (gw_store_hazard_edit (f->store, f->hazard, "title", "改", f->chief_b, &e1));
  g_assert_error (e1, GW_STORE_ERROR, GW_STORE_ERROR_NOT_ALLOWED);
  g_assert_false (gw_store_hazard_comment (f->store, f->hazard, "看看", f->chief_b, &e2));
  g_assert_error (e2, GW_STORE_ERROR, GW_STORE_ERROR_NOT_ALLOWED);
  g_assert_cmpint (gw_store_hazard_add (f->store, &n, f->chief_b, &e3), ==, 0);
  g_assert_error (e3, GW_STORE_ERROR, GW_STORE_ERROR_NOT_ALLOWED);
  g_assert_cmpuint (n_events (f), ==, 1);
}

static void
test_readers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) e1 = NULL, e2 = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static ("jpeg", 4);

  move (f, f->viewer, GW_STATE_RECTIFYING, "2026-11-02", FALSE, "查看员");
  move (f, f->inspector, GW_STATE_RECTIFYING, "2026-11-02", FALSE, "督察员");
  g_assert_false (gw_store_hazard_comment (f->store, f->hazard, "看看", f->viewer, &e1));
  g_assert_error (e1, GW_STORE_ERROR, GW_STORE_ERROR_NOT_ALLOWED);
  g_assert_cmpint (gw_store_attachment_add (f->store, f->hazard, "before", "a.jpg", "image/jpeg",
                                            photo, f->viewer, &e2), ==, 0);
  g_assert_error (e2, GW_STORE_ERROR, GW_STORE_ERROR_NOT_ALLOWED);
}

static void
test_system_and_office (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  /* The command line without --by acts as the system account. */
  move (f, 0, GW_STATE_RECTIFYING, "2026-11-02", TRUE, NULL);
  g_assert_true (gw_store_hazard_edit (f->store, f->hazard, "title", "生活污水直排", f->officer,
                                       &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/roles/grid-staff-up-to-verifying", test_grid_staff_up_to_verifying);
  ADD ("/roles/other-grid", test_other_grid);
  ADD ("/roles/readers", test_readers);
  ADD ("/roles/system-and-office", test_system_and_office);
  return g_test_run ();
}
