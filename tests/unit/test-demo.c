/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gw-credit-code.h"
#include "gw-demo.h"
#include "gw-directory.h"
#include "gw-hazard.h"
#include "gw-query.h"
#include "gw-stats.h"
#include "gw-store-private.h"
#include "gw-test-util.h"

#define TODAY "2026-11-23"

/* Two demo cities of seed 7 and one of seed 8, made once for all tests. */
static char *tmp;
static char *path_a, *path_b, *path_c;
static GwStore *demo_a;

typedef struct {
  guint  calls;
  double last;
  gboolean monotonic;
} Progress;

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_true (fraction >= 0.0 && fraction <= 1.0);
  g_assert_nonnull (what);
  if (p->calls > 0 && fraction < p->last)
    p->monotonic = FALSE;
  p->last = fraction;
  p->calls++;
}

static void
generate (const char *path,
          guint32     seed,
          Progress   *progress)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  GwDemoOptions opts = { .n_hazards = 500, .seed = seed, .today = TODAY };

  g_assert_no_error (error);
  g_assert_true (gw_demo_generate (store, &opts, progress ? progress_cb : NULL, progress, NULL,
                                   &error));
  g_assert_no_error (error);
}

static gint64
q_int (GwStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  if (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sqlite3_errmsg (gw_store_get_db (store)), sql);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
dump (sqlite3    *db,
      const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sqlite3_errmsg (db), sql);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          int type = sqlite3_column_type (stmt, i);
          if (type == SQLITE_NULL)
            g_string_append (out, "N");
          else if (type == SQLITE_INTEGER)
            g_string_append_printf (out, "i%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, i));
          else if (type == SQLITE_FLOAT)
            g_string_append_printf (out, "f%.17g", sqlite3_column_double (stmt, i));
          else if (type == SQLITE_BLOB)
            {
              g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                                  sqlite3_column_blob (stmt, i),
                                                                  sqlite3_column_bytes (stmt, i));
              g_string_append_printf (out, "b%s", sum);
            }
          else
            g_string_append_printf (out, "t%s", sqlite3_column_text (stmt, i));
          g_string_append_c (out, '\x1f');
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static const char *tables[] = {
  "counties", "grids", "staff", "enterprises", "campaigns", "hazards", "hazard_events",
  "checks", "meetings", "meeting_decisions", "decision_hazards", "hazard_tally",
};

static char *
dump_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_READONLY, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[i]);
      g_autofree char *rows = dump (gw_store_get_db (store), sql);
      g_string_append_printf (out, "== %s\n%s", tables[i], rows);
    }
  return g_string_free (out, FALSE);
}

/* ---- tests ------------------------------------------------------------------------- */

static void
test_reproducible (void)
{
  g_autofree char *a = dump_all (path_a);
  g_autofree char *b = dump_all (path_b);
  g_autofree char *c = dump_all (path_c);

  g_assert_cmpuint (strlen (a), >, 100000);
  if (strcmp (a, b) != 0)
    {
      gsize i = 0;
      while (a[i] && a[i] == b[i])
        i++;
      g_error ("seed 7 twice differs at byte %" G_GSIZE_FORMAT ": “%.120s” vs “%.120s”",
               i, a + (i > 40 ? i - 40 : 0), b + (i > 40 ? i - 40 : 0));
    }
  g_assert_cmpstr (a, !=, c);

  /* Not only the whole: the hazards and their history differ with the seed. */
  {
    g_autoptr(GwStore) sa = gw_store_open (path_a, GW_STORE_OPEN_READONLY, NULL);
    g_autoptr(GwStore) sc = gw_store_open (path_c, GW_STORE_OPEN_READONLY, NULL);
    g_autofree char *ha = dump (gw_store_get_db (sa), "SELECT * FROM hazards ORDER BY id");
    g_autofree char *hc = dump (gw_store_get_db (sc), "SELECT * FROM hazards ORDER BY id");
    g_autofree char *ea = dump (gw_store_get_db (sa), "SELECT hash FROM hazard_events ORDER BY id DESC LIMIT 1");
    g_autofree char *ec = dump (gw_store_get_db (sc), "SELECT hash FROM hazard_events ORDER BY id DESC LIMIT 1");
    g_assert_cmpstr (ha, !=, hc);
    g_assert_cmpstr (ea, !=, ec);
    /* The same city, though: the same townships. */
    g_assert_cmpint (q_int (sc, "SELECT count(*) FROM grids"), ==, 191);
  }
}

static void
test_places_and_people (void)
{
  GwStore *s = demo_a;

  g_assert_cmpint (q_int (s, "SELECT count(*) FROM grids"), ==, 191);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM counties"), ==, 14);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM grids WHERE length (code) = 12 AND code LIKE"
                             " '4304%000'"), ==, 191);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM grids WHERE boundary IS NULL OR"
                             " json_extract (boundary, '$.type') NOT IN ('Polygon', 'MultiPolygon')"),
                   ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM grids WHERE NOT (center_lat BETWEEN min_lat AND"
                             " max_lat AND center_lon BETWEEN min_lon AND max_lon)"), ==, 0);
  /* Every grid: exactly one chief, two or three members. */
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM grids g WHERE (SELECT count(*) FROM staff WHERE"
                             " grid_id = g.id AND role = 'grid-chief') <> 1"), ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM grids g WHERE (SELECT count(*) FROM staff WHERE"
                             " grid_id = g.id AND role = 'grid-member') NOT BETWEEN 2 AND 3"), ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(DISTINCT (SELECT count(*) FROM staff WHERE grid_id = g.id"
                             " AND role = 'grid-member')) FROM grids g"), ==, 2);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM staff WHERE role = 'regulation'"), >, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM staff WHERE role = 'regulation' AND"
                             " grid_id IS NOT NULL"), ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM (SELECT name FROM staff GROUP BY name"
                             " HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM staff WHERE role = 'supervisor'"), >=, 191);
}

static void
test_enterprises (void)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (demo_a),
                                       "SELECT credit_code, g.code FROM enterprises e"
                                       " JOIN grids g ON g.id = e.grid_id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *grid = (const char *) sqlite3_column_text (stmt, 1);

      if (!gw_credit_code_validate (code, &error))
        g_error ("enterprise credit code %s: %s", code, error->message);
      /* Registered in the county of its grid. */
      g_assert_true (strncmp (code + 2, grid, 6) == 0);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, >, 1500);
  g_assert_cmpint (q_int (demo_a, "SELECT count(DISTINCT color) FROM enterprises"), ==, 3);
  g_assert_cmpint (q_int (demo_a, "SELECT count(*) FROM enterprises WHERE supervisor_id IS NULL"),
                   ==, 0);
}

/* The enterprise picker's list: a grid's enterprises by name, with their credit codes. */
static void
test_enterprises_of_grid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = gw_store_enterprises (demo_a, 0, &error);
  gint64 grid = q_int (demo_a, "SELECT grid_id FROM enterprises GROUP BY 1 ORDER BY count(*) DESC,"
                               " 1 LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM enterprises WHERE grid_id = %"
                                          G_GINT64_FORMAT, grid);
  g_autoptr(GPtrArray) of_grid = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (all->len, ==, q_int (demo_a, "SELECT count(*) FROM enterprises"));
  of_grid = gw_store_enterprises (demo_a, grid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (of_grid->len, ==, q_int (demo_a, sql));
  g_assert_cmpuint (of_grid->len, >=, 2);
  for (guint i = 0; i < of_grid->len; i++)
    {
      const GwEnterprise *e = of_grid->pdata[i];

      g_assert_cmpint (e->grid_id, ==, grid);
      g_assert_true (gw_credit_code_validate (e->credit_code, NULL));
      g_assert_cmpstr (e->name, !=, "");
      if (i > 0)
        g_assert_cmpint (strcmp (((GwEnterprise *) of_grid->pdata[i - 1])->name, e->name), <=, 0);
    }
  /* A grid without enterprises: an empty list, not an error. */
  g_clear_pointer (&of_grid, g_ptr_array_unref);
  of_grid = gw_store_enterprises (demo_a, 999999, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_grid->len, ==, 0);
}

static void
test_hazards_cover (void)
{
  GwStore *s = demo_a;
  static const char *states[] = { "reported", "rectifying", "verifying", "downgraded", "closed" };
  static const char *levels[] = { "I", "II", "III", "IV" };
  static const char *urgencies[] = { "no-delay", "at-all-costs", "no-gap" };
  static const char *fields[] = { "air", "water", "soil", "solid-waste", "noise", "radiation", "other" };
  static const char *sources[] = { "patrol", "analysis", "complaint", "inspection", "monitoring", "report" };
#define COVER(column, values) \
  for (guint i = 0; i < G_N_ELEMENTS (values); i++) \
    { \
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM hazards WHERE " column " = '%s'", \
                                              values[i]); \
      if (q_int (s, sql) == 0) \
        g_error ("no hazard has " column " %s", values[i]); \
    }

  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards"), ==, 500);
  COVER ("state", states);
  COVER ("level", levels);
  COVER ("urgency", urgencies);
  COVER ("field", fields);
  COVER ("source", sources);
#undef COVER
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards WHERE number NOT GLOB"
                             " '20[0-9][0-9]-4304[0-9][0-9]-[0-9][0-9][0-9][0-9]'"), ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards WHERE substr (number, 6, 6) <>"
                             " (SELECT c.code FROM grids g JOIN counties c ON c.id = g.county_id"
                             " WHERE g.id = hazards.grid_id)"), ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards WHERE found_date > '" TODAY "'"), ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazard_events WHERE date > '" TODAY "'"), ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards WHERE campaign_id IS NOT NULL"), >, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards WHERE enterprise_id IS NOT NULL"), >, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards WHERE lat IS NULL"), ==, 0);

  /* Some overdue, some waiting for verification past their deadline. */
  {
    GwFilter f = { .overdue_only = TRUE, .today = TODAY };
    g_autoptr(GError) error = NULL;
    gint64 n = 0, n_overdue = 0;

    g_assert_true (gw_store_hazard_count (s, &f, &n, &n_overdue, &error));
    g_assert_no_error (error);
    g_assert_cmpint (n, >, 0);
    g_assert_cmpint (n, ==, n_overdue);
    g_assert_cmpint (n, ==, q_int (s, "SELECT count(*) FROM hazards WHERE state IN ('reported',"
                                      " 'rectifying') AND deadline < '" TODAY "'"));
  }
}

/* Each hazard's row is where its history leads. */
static void
test_history_consistent (void)
{
  GwStore *s = demo_a;

  /* The last transition's target is the state. */
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards h WHERE h.state <> coalesce ((SELECT"
                             " to_value FROM hazard_events e WHERE e.hazard_id = h.id AND e.kind IN"
                             " ('create', 'transition') ORDER BY e.id DESC LIMIT 1), '?')"), ==, 0);
  /* Events of one hazard are in date order, the first one its creation on the day found. */
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazard_events a JOIN hazard_events b ON"
                             " b.hazard_id = a.hazard_id AND b.id > a.id AND b.date < a.date"
                             " WHERE a.kind <> 'decision' AND b.kind <> 'decision'"), ==, 0);
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards h WHERE (SELECT kind || date FROM"
                             " hazard_events WHERE hazard_id = h.id ORDER BY id LIMIT 1)"
                             " <> 'create' || h.found_date"), ==, 0);
  /* Closed ones carry their closing date, and that of their last transition. */
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazards h WHERE state = 'closed' AND closed_date"
                             " <> (SELECT date FROM hazard_events WHERE hazard_id = h.id AND kind ="
                             " 'transition' ORDER BY id DESC LIMIT 1)"), ==, 0);
  /* Every level change of a downgrade is recorded. */
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazard_events WHERE name = 'downgrade'"), ==,
                   q_int (s, "SELECT count(*) FROM hazard_events WHERE kind = 'level'"));

  /* The derived tables match what they derive from. */
  {
    g_autofree char *tally = dump (gw_store_get_db (s), "SELECT grid_id, state, level, urgency, n"
                                   " FROM hazard_tally WHERE n > 0 ORDER BY 1, 2, 3, 4");
    g_autofree char *counted = dump (gw_store_get_db (s), "SELECT grid_id, state, coalesce (level,"
                                     " ''), coalesce (urgency, ''), count(*) FROM hazards"
                                     " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
    g_assert_cmpstr (tally, ==, counted);
    g_assert_cmpint (q_int (s, "SELECT count(*) FROM hazard_geo"), ==,
                     q_int (s, "SELECT count(*) FROM hazards WHERE lat IS NOT NULL"));
  }
  /* The triggers and indexes set aside while loading are back. */
  g_assert_cmpint (q_int (s, "SELECT count(*) FROM sqlite_schema WHERE name IN ('hazard_tally_insert',"
                             " 'hazard_geo_insert', 'hazards_grid_state', 'hazard_events_hazard',"
                             " 'hazard_events_no_update', 'hazard_events_no_delete')"), ==, 6);
}

static void
test_check_and_stats (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  GwStats s, r;
  GDate today;

  g_assert_true (gw_store_check (demo_a, report, &error));
  g_assert_no_error (error);

  g_assert_true (gw_date_parse (TODAY, &today));
  g_assert_true (gw_store_stats (demo_a, &today, &s, &error));
  g_assert_no_error (error);
  g_assert_true (gw_store_stats_replay (demo_a, &today, &r, &error));
  g_assert_no_error (error);

  g_assert_cmpint (s.hazards, ==, 500);
  g_assert_cmpint (s.grids, ==, 191);
  g_assert_cmpint (s.overdue, >, 0);
  g_assert_cmpint (s.hazards, ==, r.hazards);
  for (guint i = 0; i < GW_N_STATES; i++)
    g_assert_cmpint (s.by_state[i], ==, r.by_state[i]);
  for (guint i = 0; i < GW_N_LEVELS; i++)
    g_assert_cmpint (s.by_level[i], ==, r.by_level[i]);
  for (guint i = 0; i < GW_N_URGENCIES; i++)
    g_assert_cmpint (s.by_urgency[i], ==, r.by_urgency[i]);
  g_assert_cmpint (s.overdue, ==, r.overdue);
  g_assert_cmpint (s.verification_overdue, ==, r.verification_overdue);
  g_assert_cmpfloat (s.completion_rate, ==, r.completion_rate);
  g_assert_cmpint (s.new_7d, ==, r.new_7d);
  g_assert_cmpint (s.closed_7d, ==, r.closed_7d);
  g_assert_cmpint (s.cadence_done, ==, r.cadence_done);
  g_assert_cmpint (s.cadence_missed, ==, r.cadence_missed);
  g_assert_cmpint (s.cadence_done + s.cadence_missed, ==, 191);
  g_assert_cmpfloat (s.completion_rate, >, 0.2);
  g_assert_cmpfloat (s.completion_rate, <, 0.8);
}

static void
test_cadence (void)
{
  GDate today, from;
  g_autoptr(GArray) dekads = NULL;
  GwDekad current;
  gint64 done = 0, possible = 0;
  double share;

  /* The demo records analyses over the last six months. */
  g_assert_true (gw_date_parse (TODAY, &today));
  from = today;
  g_date_subtract_months (&from, 6);
  dekads = gw_dekads_in_range (&from, &today);
  current = gw_dekad_of (&today);
  for (guint i = 0; i < dekads->len; i++)
    {
      GwDekad d = g_array_index (dekads, GwDekad, i);
      g_autoptr(GError) error = NULL;
      gint64 n;

      if (gw_dekad_compare (d, current) >= 0)
        continue;
      n = gw_store_cadence_done (demo_a, d, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, <=, 191);
      /* No dekad is empty, none is perfect by accident of counting twice. */
      g_assert_cmpint (n, >, 150);
      done += n;
      possible += 191;
    }
  g_assert_cmpint (possible, ==, 18 * 191);
  share = (double) done / possible;
  g_test_message ("ten-day analyses recorded: %.1f %% of past dekads", share * 100);
  g_assert_cmpfloat (share, >=, 0.90);
  g_assert_cmpfloat (share, <=, 0.99);

  /* Nothing before the six months. */
  {
    GwDekad before = gw_dekad_of (&from);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint (gw_store_cadence_done (demo_a, gw_dekad_prev (before), &error), ==, 0);
  }
}

static void
test_search (void)
{
  /* The full-text index agrees with a plain scan of titles and descriptions. */
  static const char *terms[] = { "废水", "扬尘", "工地扬尘", "油烟", "噪声", "尘", "垃圾" };

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM hazards WHERE title LIKE '%%%s%%'"
                                              " OR description LIKE '%%%s%%'", terms[i], terms[i]);
      GwFilter f = { .text = terms[i] };
      gint64 n = -1;

      g_assert_true (gw_store_hazard_count (demo_a, &f, &n, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      if (n != q_int (demo_a, sql))
        g_error ("searching “%s” finds %" G_GINT64_FORMAT ", a scan %" G_GINT64_FORMAT, terms[i],
                 n, q_int (demo_a, sql));
    }
}

/* ---- ledger pages, against a sort in C ------------------------------------------- */

static int
cmp_text (const char *a,
          const char *b)
{
  /* SQLite's order: NULL first, then bytes. */
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

static GwSortKey ref_sort;
static gboolean ref_descending;

static int
ref_compare (gconstpointer pa,
             gconstpointer pb)
{
  const GwHazard *a = *(GwHazard **) pa, *b = *(GwHazard **) pb;
  int c = 0;

  switch (ref_sort)
    {
    case GW_SORT_COUNTY:
      c = cmp_text (a->county_name, b->county_name);
      break;
    case GW_SORT_GRID:
      c = cmp_text (a->grid_name, b->grid_name);
      break;
    case GW_SORT_RESPONSIBLE:
      c = cmp_text (a->responsible_name, b->responsible_name);
      break;
    case GW_SORT_DEADLINE:
      c = cmp_text (a->deadline, b->deadline);
      break;
    case GW_SORT_FOUND_DATE:
      c = cmp_text (a->found_date, b->found_date);
      break;
    case GW_SORT_TITLE:
      c = cmp_text (a->title, b->title);
      break;
    case GW_SORT_ID:
    default:
      break;
    }
  if (c == 0)
    c = (a->id > b->id) - (a->id < b->id);
  return ref_descending ? -c : c;
}

static gboolean
ref_overdue (const GwHazard *h)
{
  return (h->state == GW_STATE_REPORTED || h->state == GW_STATE_RECTIFYING)
         && h->deadline != NULL && strcmp (h->deadline, TODAY) < 0;
}

static gboolean
ref_matches (const GwFilter *f,
             const char     *county_name,
             const GwHazard *h)
{
  return (county_name == NULL || g_strcmp0 (h->county_name, county_name) == 0)
         && (f->grid_id == 0 || h->grid_id == f->grid_id)
         && (f->states == 0 || (f->states & (1u << h->state)))
         && (f->levels == 0 || (f->levels & (1u << h->level)))
         && (!f->overdue_only || ref_overdue (h))
         && (f->deadline_from == NULL
             || (h->deadline != NULL && strcmp (h->deadline, f->deadline_from) >= 0));
}

/* Every page of the ledger, for filters that match many rows and few and
 * for each sort an index has (read in order, or by the filter's indexes
 * when the budget is gone at once), is what sorting every hazard gives. */
static void
check_pages (GPtrArray *all,
             gint64     county_id,
             const char *county_name)
{
  static const GwSortKey sorts[] = { GW_SORT_ID, GW_SORT_COUNTY, GW_SORT_GRID,
                                     GW_SORT_RESPONSIBLE, GW_SORT_DEADLINE, GW_SORT_FOUND_DATE,
                                     GW_SORT_TITLE };
  GwFilter filters[] = {
    { 0 },
    { .county_id = county_id },
    { .states = (1u << GW_STATE_REPORTED) | (1u << GW_STATE_RECTIFYING) },
    { .overdue_only = TRUE },
    { .states = 1u << GW_STATE_VERIFYING, .deadline_from = "2026-11-01" },
    { .grid_id = ((GwHazard *) all->pdata[0])->grid_id },
    { .levels = 1u << GW_LEVEL_NONE },
  };

  for (guint fi = 0; fi < G_N_ELEMENTS (filters); fi++)
    for (guint si = 0; si < G_N_ELEMENTS (sorts) * 2; si++)
      {
        GwFilter f = filters[fi];
        g_autoptr(GPtrArray) expected = g_ptr_array_new ();
        g_autoptr(GError) error = NULL;
        gint64 n = -1, n_overdue = -1, ref_n_overdue = 0;
        guint offset = 0;

        f.today = TODAY;
        f.sort = ref_sort = sorts[si / 2];
        f.descending = ref_descending = si % 2;
        for (guint i = 0; i < all->len; i++)
          if (ref_matches (&f, fi == 1 ? county_name : NULL, all->pdata[i]))
            {
              g_ptr_array_add (expected, all->pdata[i]);
              ref_n_overdue += ref_overdue (all->pdata[i]);
            }
        g_ptr_array_sort (expected, ref_compare);
        if (expected->len == 0)
          g_error ("filter %u matches nothing: no test", fi);

        for (;;)
          {
            g_autoptr(GPtrArray) page = gw_store_hazard_list (demo_a, &f, offset, 37, &error);

            g_assert_no_error (error);
            for (guint i = 0; i < page->len; i++)
              {
                const GwHazard *got = page->pdata[i];

                g_assert_cmpuint (offset + i, <, expected->len);
                if (got->id != ((GwHazard *) expected->pdata[offset + i])->id)
                  g_error ("filter %u, sort %d%s: row %u is hazard %" G_GINT64_FORMAT ", not %"
                           G_GINT64_FORMAT, fi, f.sort, f.descending ? " descending" : "",
                           offset + i, got->id, ((GwHazard *) expected->pdata[offset + i])->id);
              }
            offset += page->len;
            if (page->len < 37)
              break;
          }
        g_assert_cmpuint (offset, ==, expected->len);

        g_assert_true (gw_store_hazard_count (demo_a, &f, &n, &n_overdue, &error));
        g_assert_no_error (error);
        g_assert_cmpint (n, ==, expected->len);
        g_assert_cmpint (n_overdue, ==, ref_n_overdue);
      }
}

static void
test_ledger_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *county_name = NULL;
  gint64 county_id;
  GwFilter none = { .sort = GW_SORT_ID };

  all = gw_store_hazard_list (demo_a, &none, 0, 100000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 500);
  county_id = q_int (demo_a, "SELECT g.county_id FROM hazards h JOIN grids g ON g.id = h.grid_id"
                             " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
  county_name = g_strdup (((GwHazard *) all->pdata[0])->county_name);
  for (guint i = 0; i < all->len; i++)
    {
      const GwHazard *h = all->pdata[i];
      g_autofree char *sql = g_strdup_printf ("SELECT g.county_id FROM grids g WHERE g.id = %"
                                              G_GINT64_FORMAT, h->grid_id);

      if (q_int (demo_a, sql) == county_id)
        {
          g_free (county_name);
          county_name = g_strdup (h->county_name);
          break;
        }
    }

  /* Read in the order of the sort first (the demo is small: it never gives up) … */
  check_pages (all, county_id, county_name);
  /* … and through the filter's indexes. */
  gw_query_set_in_order_budget (0);
  check_pages (all, county_id, county_name);
  gw_query_set_in_order_budget (100);
}

/* The sort names follow renamed places and people and reassigned hazards. */
static void
test_sort_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path_c, GW_STORE_OPEN_DEFAULT, &error);
  const char *same = "SELECT count(*) FROM hazards h JOIN hazard_sort k ON k.id = h.id"
                     " JOIN grids g ON g.id = h.grid_id JOIN counties c ON c.id = g.county_id"
                     " LEFT JOIN staff r ON r.id = h.responsible_id WHERE k.county IS c.name"
                     " AND k.grid IS g.name AND k.responsible IS r.name";
  gint64 n = q_int (store, "SELECT count(*) FROM hazards");

  g_assert_no_error (error);
  g_assert_cmpint (n, >, 0);
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM hazard_sort"), ==, n);
  g_assert_cmpint (q_int (store, same), ==, n);
  g_assert_true (gw_store_exec (store,
                                "UPDATE counties SET name = name || '甲' WHERE id = 1;"
                                "UPDATE grids SET name = '乙' || name WHERE id IN (SELECT grid_id"
                                "  FROM hazards GROUP BY 1 ORDER BY count(*) DESC LIMIT 3);"
                                "UPDATE staff SET name = name || '丙' WHERE id IN (SELECT"
                                "  responsible_id FROM hazards WHERE responsible_id IS NOT NULL"
                                "  LIMIT 5);"
                                "UPDATE hazards SET grid_id = (SELECT max (id) FROM grids),"
                                "  responsible_id = NULL WHERE id = (SELECT min (id) FROM hazards"
                                "  WHERE state = 'reported');", &error));
  g_assert_no_error (error);
  g_assert_cmpint (q_int (store, same), ==, n);
  /* Renamed for the test only: the event check does not look at names. */
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM hazard_sort WHERE county LIKE '%甲'"), >, 0);
}

static void
test_refuses_non_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path_b, GW_STORE_OPEN_DEFAULT, &error);
  GwDemoOptions opts = { .n_hazards = 10, .seed = 1, .today = TODAY };
  gint64 before;

  g_assert_no_error (error);
  before = q_int (store, "SELECT count(*) FROM hazards");
  g_assert_false (gw_demo_generate (store, &opts, NULL, NULL, NULL, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM hazards"), ==, before);
}

static void
test_bad_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp, "bad-date.gridwatch", NULL);
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  GwDemoOptions opts = { .n_hazards = 10, .seed = 1, .today = "2026-11-31" };

  g_assert_no_error (error);
  g_assert_false (gw_demo_generate (store, &opts, NULL, NULL, NULL, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM grids"), ==, 0);
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp, "cancelled.gridwatch", NULL);
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GwDemoOptions opts = { .n_hazards = 50, .seed = 1, .today = TODAY };

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (gw_demo_generate (store, &opts, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* One transaction: nothing is left half-made. */
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM grids"), ==, 0);
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM staff"), ==, 0);
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM hazard_events"), ==, 0);
  /* … and the store can still be used, also for a demo. */
  g_clear_error (&error);
  opts.n_hazards = 20;
  g_assert_true (gw_demo_generate (store, &opts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM hazards"), ==, 20);
  g_assert_true (gw_store_check (store, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  Progress progress = { .monotonic = TRUE };
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  tmp = g_dir_make_tmp ("gw-test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path_a = g_build_filename (tmp, "a.gridwatch", NULL);
  path_b = g_build_filename (tmp, "b.gridwatch", NULL);
  path_c = g_build_filename (tmp, "c.gridwatch", NULL);
  generate (path_a, 7, &progress);
  generate (path_b, 7, NULL);
  generate (path_c, 8, NULL);
  g_assert_cmpuint (progress.calls, >=, 3);
  g_assert_true (progress.monotonic);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  demo_a = gw_store_open (path_a, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  g_test_add_func ("/demo/reproducible", test_reproducible);
  g_test_add_func ("/demo/places-and-people", test_places_and_people);
  g_test_add_func ("/demo/enterprises", test_enterprises);
  g_test_add_func ("/demo/enterprises-of-grid", test_enterprises_of_grid);
  g_test_add_func ("/demo/hazards-cover", test_hazards_cover);
  g_test_add_func ("/demo/history-consistent", test_history_consistent);
  g_test_add_func ("/demo/check-and-stats", test_check_and_stats);
  g_test_add_func ("/demo/cadence", test_cadence);
  g_test_add_func ("/demo/search", test_search);
  g_test_add_func ("/demo/ledger-pages", test_ledger_pages);
  g_test_add_func ("/demo/sort-names", test_sort_names);
  g_test_add_func ("/demo/refuses-non-empty", test_refuses_non_empty);
  g_test_add_func ("/demo/bad-date", test_bad_date);
  g_test_add_func ("/demo/cancel", test_cancel);

  status = g_test_run ();

  g_clear_object (&demo_a);
  gw_test_remove_tree (tmp);
  g_free (tmp);
  g_free (path_a);
  g_free (path_b);
  g_free (path_c);
  return status;
}
