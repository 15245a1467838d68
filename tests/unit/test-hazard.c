/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gw-hazard.h"
#include "gw-query.h"
#include "gw-stats.h"
#include "gw-store.h"
#include "gw-test-util.h"

/* ---- fixture ------------------------------------------------------------------- */

typedef struct {
  char    *dir;
  GwStore *store;
  gint64   grid;
  gint64   chief, member, regulator;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 county;

  f->dir = g_dir_make_tmp ("gw-test-hazard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "h.gridwatch", NULL);
  f->store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  county = gw_store_county_ensure (f->store, "430421", "衡阳县", &error);
  g_assert_no_error (error);
  f->grid = gw_store_grid_add (f->store, "430421100000", "西渡镇", county, NULL, &error);
  g_assert_no_error (error);
  f->chief = gw_store_staff_add (f->store, "王伟", NULL, GW_ROLE_GRID_CHIEF, f->grid, NULL, &error);
  g_assert_no_error (error);
  f->member = gw_store_staff_add (f->store, "李芳", NULL, GW_ROLE_GRID_MEMBER, f->grid, NULL, &error);
  g_assert_no_error (error);
  f->regulator = gw_store_staff_add (f->store, "陈静", NULL, GW_ROLE_REGULATION, 0, "督办科", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  gw_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
n_events (Fixture *f,
          gint64   hazard)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = gw_store_hazard_events (f->store, hazard, &error);

  g_assert_no_error (error);
  return events->len;
}

static gint64
n_all_events (Fixture *f)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (f->store),
                                       "SELECT count(*) FROM hazard_events", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The whole row of a hazard as text, to see that a refused move changed nothing. */
static char *
hazard_row (Fixture *f,
            gint64   id)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (f->store),
                                       "SELECT * FROM hazards WHERE id = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, i) == SQLITE_NULL
                                        ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static GwHazard *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  GwHazard *h = gw_store_hazard_get (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (h);
  return h;
}

static GwEvent *
last_event (Fixture *f,
            gint64   hazard,
            guint    from_end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = gw_store_hazard_events (f->store, hazard, &error);
  GwEvent *e;

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >, from_end);
  e = g_ptr_array_steal_index (events, events->len - 1 - from_end);
  return e;
}

static void
move_ok (Fixture      *f,
         gint64        id,
         const GwMove *move)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_store_hazard_move (f->store, id, move, f->regulator, &error));
  g_assert_no_error (error);
}

/* Moves that bring a new hazard (found 2026-11-01) to each state. */
static const GwMove to_rectifying = {
  .to = GW_STATE_RECTIFYING, .level = GW_LEVEL_II, .urgency = GW_URGENCY_NO_DELAY,
  .measure = GW_MEASURE_DEADLINE, .deadline = "2026-11-30", .date = "2026-11-02",
  /* responsible_id is set at run time */
};
static const GwMove to_verifying = { .to = GW_STATE_VERIFYING, .date = "2026-11-05" };
static const GwMove to_downgraded = { .to = GW_STATE_DOWNGRADED, .level = GW_LEVEL_III,
                                      .date = "2026-11-06" };
static const GwMove to_closed = { .to = GW_STATE_CLOSED, .date = "2026-11-07" };

static gint64
hazard_in (Fixture *f,
           GwState  state)
{
  g_autoptr(GError) error = NULL;
  GwHazardNew n = { .grid_id = f->grid, .title = "西渡镇工地扬尘未覆盖", .field = GW_FIELD_AIR,
                    .source = GW_SOURCE_PATROL, .found_date = "2026-11-01",
                    .found_by = f->member };
  GwMove assess = to_rectifying;
  gint64 id = gw_store_hazard_add (f->store, &n, f->member, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assess.responsible_id = f->chief;
  if (state >= GW_STATE_RECTIFYING)
    move_ok (f, id, &assess);
  if (state >= GW_STATE_VERIFYING)
    move_ok (f, id, &to_verifying);
  if (state >= GW_STATE_DOWNGRADED)
    move_ok (f, id, &to_downgraded);
  if (state >= GW_STATE_CLOSED)
    move_ok (f, id, &to_closed);
  {
    g_autoptr(GwHazard) h = get (f, id);
    g_assert_cmpint (h->state, ==, state);
  }
  return id;
}

/* A move to @to that satisfies every requirement any transition has. */
static GwMove
complete_move (Fixture *f,
               GwState  from,
               GwState  to)
{
  GwMove m = { 0 };

  m.to = to;
  /* Downgrading from verifying keeps II → III; III is also fine for an assessment. */
  m.level = from == GW_STATE_VERIFYING || from == GW_STATE_DOWNGRADED ? GW_LEVEL_III : GW_LEVEL_II;
  if (from == GW_STATE_DOWNGRADED || from == GW_STATE_CLOSED)
    m.level = GW_LEVEL_IV;
  m.urgency = GW_URGENCY_AT_ALL_COSTS;
  m.measure = GW_MEASURE_IMMEDIATE;
  m.deadline = "2026-12-20";
  m.responsible_id = f->member;
  m.reason = "现场复核";
  m.date = "2026-11-10";
  return m;
}

/* ---- the flow table ---------------------------------------------------------------- */

static const struct {
  GwState from, to;
  GwTransition t;
  const char *id;
} table[] = {
  { GW_STATE_REPORTED,   GW_STATE_RECTIFYING, GW_TRANSITION_ASSESS,          "assess" },
  { GW_STATE_REPORTED,   GW_STATE_CLOSED,     GW_TRANSITION_UNFOUNDED,       "unfounded" },
  { GW_STATE_RECTIFYING, GW_STATE_VERIFYING,  GW_TRANSITION_REPORT_DONE,     "report-done" },
  { GW_STATE_VERIFYING,  GW_STATE_RECTIFYING, GW_TRANSITION_FAIL,            "fail" },
  { GW_STATE_VERIFYING,  GW_STATE_DOWNGRADED, GW_TRANSITION_DOWNGRADE,       "downgrade" },
  { GW_STATE_DOWNGRADED, GW_STATE_RECTIFYING, GW_TRANSITION_RECTIFY_FURTHER, "rectify-further" },
  { GW_STATE_DOWNGRADED, GW_STATE_CLOSED,     GW_TRANSITION_CLOSE,           "close" },
  { GW_STATE_CLOSED,     GW_STATE_RECTIFYING, GW_TRANSITION_REOPEN,          "reopen" },
};

static gboolean
in_table (GwState from, GwState to)
{
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (table[i].from == from && table[i].to == to)
      return TRUE;
  return FALSE;
}

static void
test_lookup (void)
{
  guint n_allowed = 0;

  for (GwState from = 0; from < GW_N_STATES; from++)
    for (GwState to = 0; to < GW_N_STATES; to++)
      {
        GwTransition t = GW_N_TRANSITIONS;
        gboolean found = gw_transition_lookup (from, to, &t);

        g_assert_cmpint (found, ==, in_table (from, to));
        if (found)
          {
            n_allowed++;
            g_assert_cmpint (gw_transition_source (t), ==, from);
            g_assert_cmpint (gw_transition_target (t), ==, to);
          }
      }
  g_assert_cmpuint (n_allowed, ==, 8);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      GwTransition t;
      g_assert_true (gw_transition_lookup (table[i].from, table[i].to, &t));
      g_assert_cmpint (t, ==, table[i].t);
      g_assert_cmpstr (gw_transition_to_id (t), ==, table[i].id);
    }

  {
    GwState out[2];
    g_assert_cmpuint (gw_transition_targets (GW_STATE_REPORTED, out), ==, 2);
    g_assert_cmpint (out[0], ==, GW_STATE_RECTIFYING);
    g_assert_cmpint (out[1], ==, GW_STATE_CLOSED);
    g_assert_cmpuint (gw_transition_targets (GW_STATE_RECTIFYING, out), ==, 1);
    g_assert_cmpint (out[0], ==, GW_STATE_VERIFYING);
    g_assert_cmpuint (gw_transition_targets (GW_STATE_VERIFYING, out), ==, 2);
    g_assert_cmpuint (gw_transition_targets (GW_STATE_DOWNGRADED, out), ==, 2);
    g_assert_cmpuint (gw_transition_targets (GW_STATE_CLOSED, out), ==, 1);
    g_assert_cmpint (out[0], ==, GW_STATE_RECTIFYING);
  }
}

static void
test_allowed (Fixture       *f,
              gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      gint64 id = hazard_in (f, table[i].from);
      gint64 before = n_events (f, id), all_before = n_all_events (f);
      g_autoptr(GwHazard) old = get (f, id);
      g_autoptr(GwHazard) h = NULL;
      g_autoptr(GwEvent) e = NULL;
      GwMove m = complete_move (f, table[i].from, table[i].to);
      gboolean downgrade = table[i].t == GW_TRANSITION_DOWNGRADE;

      g_test_message ("%s: %s -> %s", table[i].id, gw_state_to_id (table[i].from),
                      gw_state_to_id (table[i].to));
      move_ok (f, id, &m);
      h = get (f, id);
      g_assert_cmpint (h->state, ==, table[i].to);
      g_assert_cmpint (n_events (f, id), ==, before + (downgrade ? 2 : 1));
      g_assert_cmpint (n_all_events (f), ==, all_before + (downgrade ? 2 : 1));

      e = last_event (f, id, downgrade ? 1 : 0);
      g_assert_cmpstr (e->kind, ==, "transition");
      g_assert_cmpstr (e->name, ==, table[i].id);
      g_assert_cmpstr (e->from_value, ==, gw_state_to_id (table[i].from));
      g_assert_cmpstr (e->to_value, ==, gw_state_to_id (table[i].to));
      g_assert_cmpstr (e->date, ==, "2026-11-10");
      g_assert_cmpint (e->actor_id, ==, f->regulator);
      g_assert_cmpstr (e->actor, ==, "陈静");
      g_assert_cmpuint (strlen (e->hash), ==, 64);
      g_assert_nonnull (strstr (e->details, "\"state\":["));

      switch (table[i].t)
        {
        case GW_TRANSITION_ASSESS:
          g_assert_cmpint (h->level, ==, GW_LEVEL_II);
          g_assert_cmpint (h->urgency, ==, GW_URGENCY_AT_ALL_COSTS);
          g_assert_cmpint (h->measure, ==, GW_MEASURE_IMMEDIATE);
          g_assert_cmpstr (h->deadline, ==, "2026-12-20");
          g_assert_cmpint (h->responsible_id, ==, f->member);
          g_assert_cmpstr (h->responsible_name, ==, "李芳");
          g_assert_null (h->closed_date);
          break;
        case GW_TRANSITION_UNFOUNDED:
          g_assert_cmpstr (h->closed_date, ==, "2026-11-10");
          g_assert_cmpint (h->level, ==, GW_LEVEL_NONE);
          g_assert_cmpstr (e->note, ==, "现场复核");
          break;
        case GW_TRANSITION_REPORT_DONE:
          /* Nothing but the state changes. */
          g_assert_cmpint (h->level, ==, old->level);
          g_assert_cmpstr (h->deadline, ==, old->deadline);
          g_assert_cmpstr (e->details, ==, "{\"state\":[\"rectifying\",\"verifying\"]}");
          break;
        case GW_TRANSITION_FAIL:
          g_assert_cmpstr (h->deadline, ==, "2026-12-20");
          g_assert_cmpint (h->level, ==, GW_LEVEL_II);
          g_assert_cmpstr (e->note, ==, "现场复核");
          break;
        case GW_TRANSITION_DOWNGRADE:
          {
            g_autoptr(GwEvent) level = last_event (f, id, 0);
            g_assert_cmpint (h->level, ==, GW_LEVEL_III);
            g_assert_cmpstr (level->kind, ==, "level");
            g_assert_cmpstr (level->from_value, ==, "II");
            g_assert_cmpstr (level->to_value, ==, "III");
            g_assert_cmpstr (level->date, ==, "2026-11-10");
          }
          break;
        case GW_TRANSITION_RECTIFY_FURTHER:
          g_assert_cmpstr (h->deadline, ==, "2026-12-20");
          g_assert_cmpint (h->level, ==, GW_LEVEL_III);
          break;
        case GW_TRANSITION_CLOSE:
          g_assert_cmpstr (h->closed_date, ==, "2026-11-10");
          break;
        case GW_TRANSITION_REOPEN:
          g_assert_null (h->closed_date);
          g_assert_cmpstr (h->deadline, ==, "2026-12-20");
          g_assert_cmpstr (e->note, ==, "现场复核");
          break;
        case GW_N_TRANSITIONS:
          g_assert_not_reached ();
        }
    }

  {
    g_autoptr(GError) error = NULL;
    g_assert_true (gw_store_check (f->store, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  guint n_forbidden = 0;

  for (GwState from = 0; from < GW_N_STATES; from++)
    {
      gint64 id = hazard_in (f, from);

      for (GwState to = 0; to < GW_N_STATES; to++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *row = NULL, *row_after = NULL;
          g_autoptr(GwHazard) h = NULL;
          gint64 all_before;
          GwMove m;

          if (in_table (from, to))
            continue;
          n_forbidden++;
          m = complete_move (f, from, to);
          row = hazard_row (f, id);
          all_before = n_all_events (f);
          h = get (f, id);

          g_assert_false (gw_move_validate (h, &m, &error));
          g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_FORBIDDEN);
          g_clear_error (&error);

          g_assert_false (gw_store_hazard_move (f->store, id, &m, f->regulator, &error));
          g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_FORBIDDEN);
          /* The message names the hazard. */
          g_assert_nonnull (strstr (error->message, h->number));

          row_after = hazard_row (f, id);
          g_assert_cmpstr (row_after, ==, row);
          g_assert_cmpint (n_all_events (f), ==, all_before);
        }
    }
  /* 25 pairs, 8 of them in the table (the 5 same-state pairs are not). */
  g_assert_cmpuint (n_forbidden, ==, 17);
}

/* Expects @m on @id to fail with @code and a message containing @needle, changing nothing. */
static void
assert_refused (Fixture      *f,
                gint64        id,
                const GwMove *m,
                int           code,
                const char   *needle,
                const char   *not_needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row = hazard_row (f, id);
  g_autofree char *row_after = NULL;
  gint64 before = n_all_events (f);

  g_assert_false (gw_store_hazard_move (f->store, id, m, f->regulator, &error));
  g_assert_error (error, GW_STORE_ERROR, code);
  if (needle)
    {
      if (strstr (error->message, needle) == NULL)
        g_error ("“%s” does not name “%s”", error->message, needle);
    }
  if (not_needle && strstr (error->message, not_needle) != NULL)
    g_error ("“%s” should not name “%s”", error->message, not_needle);
  row_after = hazard_row (f, id);
  g_assert_cmpstr (row_after, ==, row);
  g_assert_cmpint (n_all_events (f), ==, before);
}

static void
test_assess_requirements (Fixture       *f,
                          gconstpointer  data)
{
  gint64 id = hazard_in (f, GW_STATE_REPORTED);
  GwMove full = to_rectifying, m;

  full.responsible_id = f->chief;

  m = full; m.level = GW_LEVEL_NONE;
  assert_refused (f, id, &m, GW_STORE_ERROR_MISSING, "risk level", "urgency");
  m = full; m.urgency = GW_URGENCY_NONE;
  assert_refused (f, id, &m, GW_STORE_ERROR_MISSING, "urgency class", "risk level");
  m = full; m.measure = GW_MEASURE_NONE;
  assert_refused (f, id, &m, GW_STORE_ERROR_MISSING, "measure", "deadline");
  m = full; m.deadline = NULL;
  assert_refused (f, id, &m, GW_STORE_ERROR_MISSING, "deadline", "measure");
  m = full; m.deadline = "   ";
  assert_refused (f, id, &m, GW_STORE_ERROR_MISSING, "deadline", NULL);
  m = full; m.responsible_id = 0;
  assert_refused (f, id, &m, GW_STORE_ERROR_MISSING, "responsible person", "deadline");

  /* All missing at once: all named. */
  m = (GwMove) { .to = GW_STATE_RECTIFYING, .date = "2026-11-02" };
  {
    g_autoptr(GwHazard) h = get (f, id);
    g_autoptr(GError) error = NULL;
    const char *names[] = { "risk level", "urgency class", "measure", "deadline",
                            "responsible person" };

    g_assert_false (gw_move_validate (h, &m, &error));
    g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_assert_nonnull (strstr (error->message, names[i]));
    g_assert_nonnull (strstr (error->message, h->number));
  }

  /* An unknown responsible person is not a person. */
  m = full; m.responsible_id = 9999;
  assert_refused (f, id, &m, GW_STORE_ERROR_NOT_FOUND, "9999", NULL);

  /* A deadline that is not a date, or before the day of the change. */
  m = full; m.deadline = "2026-13-01";
  assert_refused (f, id, &m, GW_STORE_ERROR_INVALID, "2026-13-01", NULL);
  m = full; m.deadline = "2026-11-01";
  assert_refused (f, id, &m, GW_STORE_ERROR_INVALID, "2026-11-01", NULL);
  /* A change before the hazard was found. */
  m = full; m.date = "2026-10-31";
  assert_refused (f, id, &m, GW_STORE_ERROR_INVALID, "2026-10-31", NULL);
  m = full; m.date = "yesterday";
  assert_refused (f, id, &m, GW_STORE_ERROR_INVALID, "yesterday", NULL);

  /* A deadline on the day of the change is fine. */
  m = full; m.deadline = "2026-11-02";
  move_ok (f, id, &m);
  {
    g_autoptr(GwHazard) h = get (f, id);
    g_assert_cmpstr (h->deadline, ==, "2026-11-02");
  }
}

static void
test_reason_requirements (Fixture       *f,
                          gconstpointer  data)
{
  gint64 reported = hazard_in (f, GW_STATE_REPORTED);
  gint64 verifying = hazard_in (f, GW_STATE_VERIFYING);
  gint64 closed = hazard_in (f, GW_STATE_CLOSED);
  GwMove m;

  /* unfounded */
  m = (GwMove) { .to = GW_STATE_CLOSED, .date = "2026-11-10" };
  assert_refused (f, reported, &m, GW_STORE_ERROR_MISSING, "reason", NULL);
  m.reason = "";
  assert_refused (f, reported, &m, GW_STORE_ERROR_MISSING, "reason", NULL);
  m.reason = " \t ";
  assert_refused (f, reported, &m, GW_STORE_ERROR_MISSING, "reason", NULL);

  /* fail */
  m = (GwMove) { .to = GW_STATE_RECTIFYING, .date = "2026-11-10" };
  assert_refused (f, verifying, &m, GW_STORE_ERROR_MISSING, "reason", NULL);
  /* … a new deadline is optional: without one the old one stays. */
  m.reason = "整改不到位";
  move_ok (f, verifying, &m);
  {
    g_autoptr(GwHazard) h = get (f, verifying);
    g_assert_cmpint (h->state, ==, GW_STATE_RECTIFYING);
    g_assert_cmpstr (h->deadline, ==, "2026-11-30");
  }

  /* reopen needs both */
  m = (GwMove) { .to = GW_STATE_RECTIFYING, .date = "2026-11-10", .deadline = "2026-12-01" };
  assert_refused (f, closed, &m, GW_STORE_ERROR_MISSING, "reason", "deadline");
  m = (GwMove) { .to = GW_STATE_RECTIFYING, .date = "2026-11-10", .reason = "问题反弹" };
  assert_refused (f, closed, &m, GW_STORE_ERROR_MISSING, "deadline", "reason");
  m = (GwMove) { .to = GW_STATE_RECTIFYING, .date = "2026-11-10" };
  {
    g_autoptr(GwHazard) h = get (f, closed);
    g_autoptr(GError) error = NULL;
    g_assert_false (gw_move_validate (h, &m, &error));
    g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING);
    g_assert_nonnull (strstr (error->message, "reason"));
    g_assert_nonnull (strstr (error->message, "deadline"));
  }
  /* … and the deadline must not be before the reopening. */
  m = (GwMove) { .to = GW_STATE_RECTIFYING, .date = "2026-11-10", .reason = "问题反弹",
                 .deadline = "2026-11-09" };
  assert_refused (f, closed, &m, GW_STORE_ERROR_INVALID, "2026-11-09", NULL);
  m.deadline = "2026-12-01";
  move_ok (f, closed, &m);
}

static void
test_deadline_requirements (Fixture       *f,
                            gconstpointer  data)
{
  gint64 downgraded = hazard_in (f, GW_STATE_DOWNGRADED);
  GwMove m = { .to = GW_STATE_RECTIFYING, .date = "2026-11-10" };

  /* rectify further */
  assert_refused (f, downgraded, &m, GW_STORE_ERROR_MISSING, "deadline", NULL);
  m.deadline = "";
  assert_refused (f, downgraded, &m, GW_STORE_ERROR_MISSING, "deadline", NULL);
  m.deadline = "2026-11-09";
  assert_refused (f, downgraded, &m, GW_STORE_ERROR_INVALID, "2026-11-09", NULL);
  m.deadline = "2026-11-31";
  assert_refused (f, downgraded, &m, GW_STORE_ERROR_INVALID, "2026-11-31", NULL);
  m.deadline = "2026-11-10";
  move_ok (f, downgraded, &m);
  {
    g_autoptr(GwHazard) h = get (f, downgraded);
    g_assert_cmpint (h->state, ==, GW_STATE_RECTIFYING);
    g_assert_cmpstr (h->deadline, ==, "2026-11-10");
  }
}

static void
test_downgrade_levels (Fixture       *f,
                       gconstpointer  data)
{
  /* The hazard was assessed II (较大). */
  gint64 id = hazard_in (f, GW_STATE_VERIFYING);
  GwMove m = { .to = GW_STATE_DOWNGRADED, .date = "2026-11-10" };

  assert_refused (f, id, &m, GW_STORE_ERROR_MISSING, "new risk level", NULL);
  m.level = GW_LEVEL_I;
  assert_refused (f, id, &m, GW_STORE_ERROR_INVALID, NULL, NULL);

  /* The same level is allowed, and recorded as a level event all the same. */
  m.level = GW_LEVEL_II;
  move_ok (f, id, &m);
  {
    g_autoptr(GwHazard) h = get (f, id);
    g_autoptr(GwEvent) level = last_event (f, id, 0);
    g_autoptr(GwEvent) transition = last_event (f, id, 1);

    g_assert_cmpint (h->state, ==, GW_STATE_DOWNGRADED);
    g_assert_cmpint (h->level, ==, GW_LEVEL_II);
    g_assert_cmpstr (transition->name, ==, "downgrade");
    g_assert_cmpstr (level->kind, ==, "level");
    g_assert_cmpstr (level->from_value, ==, "II");
    g_assert_cmpstr (level->to_value, ==, "II");
  }

  /* Downgraded more than once: rectify further, verify, downgrade again by two steps. */
  m = (GwMove) { .to = GW_STATE_RECTIFYING, .date = "2026-11-11", .deadline = "2026-11-25" };
  move_ok (f, id, &m);
  m = (GwMove) { .to = GW_STATE_VERIFYING, .date = "2026-11-12" };
  move_ok (f, id, &m);
  m = (GwMove) { .to = GW_STATE_DOWNGRADED, .date = "2026-11-13", .level = GW_LEVEL_IV };
  move_ok (f, id, &m);
  {
    g_autoptr(GwHazard) h = get (f, id);
    g_assert_cmpint (h->level, ==, GW_LEVEL_IV);
  }
}

/* A hazard closed as unfounded was never assessed: it has no level, urgency,
 * measure or responsible person. The flow allows closed → rectifying
 * (reopen: a reason and a deadline), gw_move_validate says yes, but a
 * rectifying hazard must carry what an assessment gives it (the CHECK of
 * the hazards table), so gw_store_hazard_move fails with SQLite's CHECK
 * message. Validation, which the UI uses to offer a transition, and the
 * store must agree, and the refusal must be one a person can act on. */
static void
test_reopen_unassessed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) verror = NULL, merror = NULL;
  g_autoptr(GwHazard) h = NULL;
  g_autofree char *row = NULL, *row_after = NULL;
  GwMove unfounded = { .to = GW_STATE_CLOSED, .reason = "与已登记隐患重复", .date = "2026-11-02" };
  GwMove reopen = { .to = GW_STATE_RECTIFYING, .reason = "问题反弹", .deadline = "2026-12-01",
                    .date = "2026-11-10" };
  gint64 id = hazard_in (f, GW_STATE_REPORTED), before;
  gboolean valid, moved;

  move_ok (f, id, &unfounded);
  reopen.responsible_id = f->chief;
  h = get (f, id);
  row = hazard_row (f, id);
  before = n_all_events (f);

  valid = gw_move_validate (h, &reopen, &verror);
  moved = gw_store_hazard_move (f->store, id, &reopen, f->regulator, &merror);
  if (valid != moved)
    {
      g_test_fail_printf ("gw_move_validate says %s, gw_store_hazard_move says %s (%s)",
                          valid ? "yes" : "no", moved ? "yes" : "no",
                          merror ? merror->message : "-");
      return;
    }
  if (!moved)
    {
      g_assert_true (merror->domain == GW_STORE_ERROR);
      g_assert_true (merror->code == GW_STORE_ERROR_MISSING ||
                     merror->code == GW_STORE_ERROR_FORBIDDEN);
      g_assert_null (strstr (merror->message, "CHECK constraint"));
      g_assert_nonnull (strstr (merror->message, h->number));
      row_after = hazard_row (f, id);
      g_assert_cmpstr (row_after, ==, row);
      g_assert_cmpint (n_all_events (f), ==, before);
    }
  else
    {
      g_autoptr(GwHazard) after = get (f, id);
      g_assert_cmpint (after->state, ==, GW_STATE_RECTIFYING);
      g_assert_cmpint (n_all_events (f), ==, before + 1);
      return;
    }

  /* Given what an assessment gives, the reopening is the assessment. */
  reopen.level = GW_LEVEL_III;
  reopen.urgency = GW_URGENCY_NO_GAP;
  reopen.measure = GW_MEASURE_CONTROL;
  g_clear_error (&verror);
  g_clear_error (&merror);
  g_assert_true (gw_move_validate (h, &reopen, &verror));
  g_assert_no_error (verror);
  move_ok (f, id, &reopen);
  {
    g_autoptr(GwHazard) after = get (f, id);
    g_autoptr(GwEvent) e = last_event (f, id, 0);
    GwStats stats, replay;
    GDate d;

    g_assert_cmpint (after->state, ==, GW_STATE_RECTIFYING);
    g_assert_cmpint (after->level, ==, GW_LEVEL_III);
    g_assert_cmpint (after->urgency, ==, GW_URGENCY_NO_GAP);
    g_assert_cmpint (after->measure, ==, GW_MEASURE_CONTROL);
    g_assert_cmpint (after->responsible_id, ==, f->chief);
    g_assert_cmpstr (after->deadline, ==, "2026-12-01");
    g_assert_null (after->closed_date);
    g_assert_cmpstr (e->name, ==, "reopen");
    g_assert_cmpint (n_all_events (f), ==, before + 1);

    /* The history says the same as the row. */
    g_assert_true (gw_date_parse ("2026-11-23", &d));
    g_assert_true (gw_store_stats (f->store, &d, &stats, NULL));
    g_assert_true (gw_store_stats_replay (f->store, &d, &replay, NULL));
    g_assert_cmpint (replay.by_level[GW_LEVEL_III], ==, 1);
    g_assert_cmpint (replay.by_urgency[GW_URGENCY_NO_GAP], ==, 1);
    g_assert_cmpint (replay.by_state[GW_STATE_RECTIFYING], ==, 1);
    g_assert_cmpint (stats.by_level[GW_LEVEL_III], ==, 1);
    g_assert_cmpint (stats.by_urgency[GW_URGENCY_NO_GAP], ==, 1);
  }
}

/* A change cannot be dated before the hazard was found (INVALID); by the same
 * rule it cannot be dated before the change it follows. Otherwise the history
 * is out of order and replaying it gives states that never were: here, on
 * 2026-11-04 the hazard would be "verifying" without ever having been assessed. */
static void
test_date_order (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL, *row_after = NULL;
  gint64 id = hazard_in (f, GW_STATE_RECTIFYING);   /* assessed on 2026-11-02 */
  GwMove m = { .to = GW_STATE_VERIFYING, .date = "2026-11-01" };
  gint64 before;

  row = hazard_row (f, id);
  before = n_all_events (f);
  if (gw_store_hazard_move (f->store, id, &m, f->regulator, &error))
    {
      g_test_fail_printf ("hazard %" G_GINT64_FORMAT " was assessed on 2026-11-02, yet its "
                          "rectification was reported done on 2026-11-01", id);
      return;
    }
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-11-01"));
  row_after = hazard_row (f, id);
  g_assert_cmpstr (row_after, ==, row);
  g_assert_cmpint (n_all_events (f), ==, before);

  /* The same day as the last change is fine. */
  m.date = "2026-11-02";
  move_ok (f, id, &m);
}

static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  /* Deadline 2026-11-30 (see to_rectifying). */
  gint64 rectifying = hazard_in (f, GW_STATE_RECTIFYING);
  gint64 verifying = hazard_in (f, GW_STATE_VERIFYING);
  gint64 reported = hazard_in (f, GW_STATE_REPORTED);
  g_autoptr(GError) error = NULL;
  GwFilter filter = { .overdue_only = TRUE };
  gint64 n = -1, n_overdue = -1;
  GwStats stats;
  GDate d;

  (void) reported;

  /* On the deadline day: not overdue. */
  filter.today = "2026-11-30";
  g_assert_true (gw_store_hazard_count (f->store, &filter, &n, &n_overdue, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpint (n_overdue, ==, 0);
  {
    GwFilter all = { .today = "2026-11-30" };
    g_assert_true (gw_store_hazard_count (f->store, &all, &n, &n_overdue, &error));
    g_assert_cmpint (n, ==, 3);
    g_assert_cmpint (n_overdue, ==, 0);
  }
  g_assert_true (gw_date_parse ("2026-11-30", &d));
  g_assert_true (gw_store_stats (f->store, &d, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.overdue, ==, 0);
  g_assert_cmpint (stats.verification_overdue, ==, 0);

  /* The day after: the rectifying one is overdue; the verifying one is verification overdue. */
  filter.today = "2026-12-01";
  g_assert_true (gw_store_hazard_count (f->store, &filter, &n, &n_overdue, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (n_overdue, ==, 1);
  {
    g_autoptr(GPtrArray) list = gw_store_hazard_list (f->store, &filter, 0, 100, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpint (((GwHazard *) list->pdata[0])->id, ==, rectifying);
  }
  {
    GwFilter all = { .today = "2026-12-01" };
    g_assert_true (gw_store_hazard_count (f->store, &all, &n, &n_overdue, &error));
    g_assert_cmpint (n, ==, 3);
    g_assert_cmpint (n_overdue, ==, 1);
  }
  g_assert_true (gw_date_parse ("2026-12-01", &d));
  g_assert_true (gw_store_stats (f->store, &d, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.overdue, ==, 1);
  g_assert_cmpint (stats.verification_overdue, ==, 1);
  (void) verifying;
}

static void
test_edit_comment (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = hazard_in (f, GW_STATE_RECTIFYING);
  g_autoptr(GError) error = NULL;
  gint64 before = n_events (f, id);

  /* Editing to the same value records nothing. */
  g_assert_true (gw_store_hazard_edit (f->store, id, "deadline", "2026-11-30", f->chief, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events (f, id), ==, before);

  g_assert_true (gw_store_hazard_edit (f->store, id, "deadline", "2026-12-15", f->chief, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GwEvent) e = last_event (f, id, 0);
    g_autoptr(GwHazard) h = get (f, id);
    g_assert_cmpstr (h->deadline, ==, "2026-12-15");
    g_assert_cmpstr (e->kind, ==, "edit");
    g_assert_cmpstr (e->name, ==, "deadline");
    g_assert_cmpstr (e->from_value, ==, "2026-11-30");
    g_assert_cmpstr (e->to_value, ==, "2026-12-15");
    g_assert_cmpstr (e->date, ==, "2026-11-23");   /* GRIDWATCH_TODAY */
  }

  /* A hazard under rectification keeps a deadline; titles are not empty. */
  g_assert_false (gw_store_hazard_edit (f->store, id, "deadline", NULL, f->chief, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_false (gw_store_hazard_edit (f->store, id, "title", "  ", f->chief, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_false (gw_store_hazard_edit (f->store, id, "state", "closed", f->chief, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gw_store_hazard_edit (f->store, id, "location", "95,200", f->chief, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (gw_store_hazard_edit (f->store, id, "location", "26.9,112.5", f->chief, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GwHazard) h = get (f, id);
    g_assert_true (h->has_location);
    g_assert_cmpfloat_with_epsilon (h->lat, 26.9, 1e-9);
    g_assert_cmpfloat_with_epsilon (h->lon, 112.5, 1e-9);
  }

  g_assert_false (gw_store_hazard_comment (f->store, id, "", f->chief, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_true (gw_store_hazard_comment (f->store, id, "已电话督促", f->chief, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GwEvent) e = last_event (f, id, 0);
    g_assert_cmpstr (e->kind, ==, "comment");
    g_assert_cmpstr (e->note, ==, "已电话督促");
    g_assert_cmpstr (e->actor, ==, "王伟");
  }
  g_assert_true (gw_store_check (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
record_progress (double      fraction,
                 const char *what,
                 gpointer    user_data)
{
  g_assert_nonnull (what);
  g_array_append_val ((GArray *) user_data, fraction);
}

/* A bulk edit tells how far it has gone, and a refused one changes nothing. */
static void
test_bulk_progress (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gint64 before;

  for (guint i = 0; i < 130; i++)
    {
      gint64 id = hazard_in (f, GW_STATE_RECTIFYING);

      g_array_append_val (ids, id);
    }
  g_assert_true (gw_store_hazards_edit (f->store, (gint64 *) (gpointer) ids->data, ids->len,
                                        "deadline", "2026-12-31", f->chief, record_progress,
                                        fractions, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (g_array_index (fractions, double, 0), 64.0 / 130, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (fractions, double, 1), 128.0 / 130, 1e-9);
  g_assert_cmpfloat (g_array_index (fractions, double, 2), ==, 1.0);
  {
    g_autoptr(GwHazard) h = get (f, g_array_index (ids, gint64, 129));
    g_assert_cmpstr (h->deadline, ==, "2026-12-31");
  }

  /* A hazard that does not exist comes last: the 130 before it change
   * back, though progress was told of 128 of them. */
  before = n_events (f, g_array_index (ids, gint64, 0));
  g_array_set_size (fractions, 0);
  g_array_append_val (ids, (gint64) { 999999 });
  g_assert_false (gw_store_hazards_edit (f->store, (gint64 *) (gpointer) ids->data, ids->len,
                                         "deadline", "2027-01-15", f->chief, record_progress,
                                         fractions, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_assert_cmpuint (fractions->len, ==, 2);
  g_assert_cmpint (n_events (f, g_array_index (ids, gint64, 0)), ==, before);
  {
    g_autoptr(GwHazard) h = get (f, g_array_index (ids, gint64, 0));
    g_assert_cmpstr (h->deadline, ==, "2026-12-31");
  }
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GwHazardNew n = { .grid_id = f->grid, .title = "养殖废水外溢", .field = GW_FIELD_WATER,
                    .source = GW_SOURCE_COMPLAINT, .found_date = "2026-11-03" };
  gint64 a, b, c;

  a = gw_store_hazard_add (f->store, &n, 0, &error);
  g_assert_no_error (error);
  b = gw_store_hazard_add (f->store, &n, f->member, &error);
  g_assert_no_error (error);
  n.found_date = NULL;   /* today: 2026-11-23 */
  c = gw_store_hazard_add (f->store, &n, f->member, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GwHazard) ha = get (f, a);
    g_autoptr(GwHazard) hb = get (f, b);
    g_autoptr(GwHazard) hc = get (f, c);
    g_autoptr(GwEvent) e = last_event (f, a, 0);

    g_assert_cmpstr (ha->number, ==, "2026-430421-0001");
    g_assert_cmpstr (hb->number, ==, "2026-430421-0002");
    g_assert_cmpstr (hc->number, ==, "2026-430421-0003");
    g_assert_cmpstr (hc->found_date, ==, "2026-11-23");
    g_assert_cmpint (ha->state, ==, GW_STATE_REPORTED);
    g_assert_cmpint (ha->level, ==, GW_LEVEL_NONE);
    g_assert_cmpstr (ha->grid_name, ==, "西渡镇");
    g_assert_cmpstr (ha->county_name, ==, "衡阳县");
    g_assert_cmpstr (e->kind, ==, "create");
    g_assert_cmpstr (e->date, ==, "2026-11-03");
    /* No staff identity: the system account. */
    g_assert_cmpint (e->actor_id, ==, 0);
    g_assert_true (g_str_has_prefix (e->actor, "system:"));
  }

  n.title = " ";
  g_assert_cmpint (gw_store_hazard_add (f->store, &n, 0, &error), ==, 0);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING);
  g_clear_error (&error);
  n.title = "x";
  n.found_date = "2026-02-30";
  g_assert_cmpint (gw_store_hazard_add (f->store, &n, 0, &error), ==, 0);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  n.found_date = "2026-11-03";
  n.has_location = TRUE;
  n.lat = 91;
  g_assert_cmpint (gw_store_hazard_add (f->store, &n, 0, &error), ==, 0);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  n.has_location = FALSE;
  n.grid_id = 999;
  g_assert_cmpint (gw_store_hazard_add (f->store, &n, 0, &error), ==, 0);
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing of the refused ones was kept. */
  {
    GwFilter all = { 0 };
    gint64 count = 0;
    g_assert_true (gw_store_hazard_count (f->store, &all, &count, NULL, &error));
    g_assert_cmpint (count, ==, 3);
    g_assert_cmpint (n_all_events (f), ==, 3);
  }
  g_assert_null (gw_store_hazard_get (f->store, 999, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_autofree char **args = g_new0 (char *, argc + 2);

  /* A test that fails with g_test_fail_printf does not stop the others. */
  memcpy (args, argv, sizeof (char *) * argc);
  args[argc++] = (char *) "--keep-going";
  argv = args;

  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/hazard/flow/lookup", test_lookup);
  ADD ("/hazard/store/add", test_add);
  ADD ("/hazard/flow/allowed", test_allowed);
  ADD ("/hazard/flow/forbidden", test_forbidden);
  ADD ("/hazard/requires/assess", test_assess_requirements);
  ADD ("/hazard/requires/reason", test_reason_requirements);
  ADD ("/hazard/requires/deadline", test_deadline_requirements);
  ADD ("/hazard/requires/downgrade-level", test_downgrade_levels);
  ADD ("/hazard/store/edit-comment", test_edit_comment);
  ADD ("/hazard/store/bulk-progress", test_bulk_progress);
  ADD ("/hazard/history/reopen-unfounded", test_reopen_unassessed);
  ADD ("/hazard/history/date-order", test_date_order);
  ADD ("/hazard/overdue/deadline-day", test_overdue);

  return g_test_run ();
}
