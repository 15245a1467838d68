/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "gw-cli.h"
#include "gw-hazard.h"
#include "gw-stats.h"
#include "gw-store.h"
#include "gw-test-util.h"

#define TODAY "2026-11-23"

static char *tmp;


#define run(r, ...) gw_test_run_cli ((r), __VA_ARGS__, NULL)

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("not JSON (%s): %s", error->message, text);
  return json_node_copy (json_parser_get_root (parser));
}

/* A small database made in-process: one grid, a chief, a member, a regulator. */
static char *
make_small_db (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp, name, NULL);
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  gint64 county, grid;

  g_assert_no_error (error);
  county = gw_store_county_ensure (store, "430421", "衡阳县", &error);
  grid = gw_store_grid_add (store, "430421100000", "西渡镇", county, NULL, &error);
  g_assert_cmpint (gw_store_staff_add (store, "王伟", NULL, GW_ROLE_GRID_CHIEF, grid, NULL, &error), ==, 1);
  g_assert_cmpint (gw_store_staff_add (store, "李芳", NULL, GW_ROLE_GRID_MEMBER, grid, NULL, &error), ==, 2);
  g_assert_cmpint (gw_store_staff_add (store, "陈静", NULL, GW_ROLE_REGULATION, 0, "督办科", &error), ==, 3);
  g_assert_no_error (error);
  return path;
}

static JsonObject *
show (const char *db,
      const char *id,
      JsonNode  **keep)
{
  g_auto(GwTestRun) r = { 0 };

  run (&r, "hazard", "show", "--db", db, "--id", id, "--json");
  gw_test_expect (&r, 0, "hazard show --json");
  *keep = parse_json (r.out);
  return json_object_get_object_member (json_node_get_object (*keep), "hazard");
}

/* ---- demo and stats ------------------------------------------------------------------- */

static void
test_demo_stats (void)
{
  g_autofree char *db = NULL;
  g_auto(GwTestRun) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *o, *sub;
  GwStats s;
  GDate d;
  static const char *keys[] = { "grids", "hazards", "by_state", "by_level", "by_urgency",
                                "overdue", "completion_rate", "new_7d", "closed_7d", "cadence" };

  if (!gw_test_have_cli ())
    return;
  db = g_build_filename (tmp, "demo.gridwatch", NULL);
  run (&r, "demo", "--db", db, "--hazards", "300", "--today", TODAY);
  gw_test_expect (&r, 0, "demo");
  g_assert_nonnull (strstr (r.out, db));
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  gw_test_run_clear (&r);

  /* The demo city goes into a new file only. */
  run (&r, "demo", "--db", db, "--hazards", "10");
  gw_test_expect (&r, 1, "demo into an existing file");
  g_assert_nonnull (strstr (r.err, db));
  gw_test_run_clear (&r);

  run (&r, "stats", "--db", db, "--json", "--date", TODAY);
  gw_test_expect (&r, 0, "stats --json");
  root = parse_json (r.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  o = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!json_object_has_member (o, keys[i]))
      g_error ("stats --json has no “%s”: %s", keys[i], r.out);

  store = gw_store_open (db, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gw_date_parse (TODAY, &d));
  g_assert_true (gw_store_stats (store, &d, &s, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, TODAY);
  g_assert_cmpint (json_object_get_int_member (o, "grids"), ==, 191);
  g_assert_cmpint (json_object_get_int_member (o, "grids"), ==, s.grids);
  g_assert_cmpint (json_object_get_int_member (o, "hazards"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (o, "hazards"), ==, s.hazards);
  sub = json_object_get_object_member (o, "by_state");
  g_assert_cmpuint (json_object_get_size (sub), ==, GW_N_STATES);
  for (guint i = 0; i < GW_N_STATES; i++)
    g_assert_cmpint (json_object_get_int_member (sub, gw_state_to_id (i)), ==, s.by_state[i]);
  sub = json_object_get_object_member (o, "by_level");
  g_assert_cmpuint (json_object_get_size (sub), ==, GW_N_LEVELS);
  g_assert_cmpint (json_object_get_int_member (sub, "none"), ==, s.by_level[GW_LEVEL_NONE]);
  for (guint i = 1; i < GW_N_LEVELS; i++)
    g_assert_cmpint (json_object_get_int_member (sub, gw_level_to_id (i)), ==, s.by_level[i]);
  sub = json_object_get_object_member (o, "by_urgency");
  g_assert_cmpuint (json_object_get_size (sub), ==, GW_N_URGENCIES);
  g_assert_cmpint (json_object_get_int_member (sub, "none"), ==, s.by_urgency[GW_URGENCY_NONE]);
  for (guint i = 1; i < GW_N_URGENCIES; i++)
    g_assert_cmpint (json_object_get_int_member (sub, gw_urgency_to_id (i)), ==, s.by_urgency[i]);
  g_assert_cmpint (json_object_get_int_member (o, "overdue"), ==, s.overdue);
  g_assert_cmpint (json_object_get_int_member (o, "overdue"), >, 0);
  g_assert_cmpint (json_object_get_int_member (o, "verification_overdue"), ==, s.verification_overdue);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "completion_rate"),
                                  s.completion_rate, 1e-12);
  g_assert_cmpint (json_object_get_int_member (o, "new_7d"), ==, s.new_7d);
  g_assert_cmpint (json_object_get_int_member (o, "closed_7d"), ==, s.closed_7d);
  sub = json_object_get_object_member (o, "cadence");
  g_assert_cmpstr (json_object_get_string_member (sub, "dekad"), ==, "2026-11-2");
  g_assert_cmpint (json_object_get_int_member (sub, "done"), ==, s.cadence_done);
  g_assert_cmpint (json_object_get_int_member (sub, "missed"), ==, s.cadence_missed);
  g_assert_cmpint (s.cadence_done + s.cadence_missed, ==, 191);
  gw_test_run_clear (&r);

  /* The text form says the same, and a past date is accepted. */
  run (&r, "stats", "--db", db, "--date", "2026-10-01");
  gw_test_expect (&r, 0, "stats");
  g_assert_nonnull (strstr (r.out, "2026-10-01"));
  gw_test_run_clear (&r);
  run (&r, "stats", "--db", db, "--date", "2026-10-32");
  gw_test_expect (&r, 2, "stats with a bad date");
  gw_test_run_clear (&r);

  /* check passes on the demo. */
  run (&r, "check", "--db", db);
  gw_test_expect (&r, 0, "check");
  g_assert_true (g_str_has_suffix (r.out, ": ok\n"));
  g_assert_nonnull (strstr (r.out, "in an unbroken chain"));
}

/* ---- hazards -------------------------------------------------------------------------- */

static void
assert_member (JsonObject *o,
               const char *name,
               const char *value)
{
  if (value == NULL)
    g_assert_true (json_object_get_null_member (o, name));
  else
    g_assert_cmpstr (json_object_get_string_member (o, name), ==, value);
}

static void
test_hazard_flow (void)
{
  g_autofree char *db = NULL;
  g_auto(GwTestRun) r = { 0 };

  if (!gw_test_have_cli ())
    return;
  db = make_small_db ("flow.gridwatch");

  run (&r, "hazard", "add", "--db", db, "--grid", "430421100", "--title", "西渡镇养殖废水外溢",
       "--field", "water", "--source", "complaint", "--date", "2026-11-01", "--by", "李芳");
  gw_test_expect (&r, 0, "hazard add");
  g_assert_cmpstr (r.out, ==, "Added hazard 1: 2026-430421-0001\n");
  gw_test_run_clear (&r);

  /* Assess with the Chinese terms of the three lists. */
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "rectifying", "--level", "II",
       "--urgency", "不容迟疑", "--measure", "限期整治", "--deadline", "2026-12-15",
       "--responsible", "王伟", "--by", "陈静", "--date", "2026-11-02");
  gw_test_expect (&r, 0, "assess");
  g_assert_cmpstr (r.out, ==, "Hazard 2026-430421-0001 is now Rectifying\n");
  gw_test_run_clear (&r);
  {
    g_autoptr(JsonNode) keep = NULL;
    JsonObject *h = show (db, "1", &keep);
    assert_member (h, "number", "2026-430421-0001");
    assert_member (h, "state", "rectifying");
    assert_member (h, "level", "II");
    assert_member (h, "urgency", "no-delay");
    assert_member (h, "measure", "deadline");
    assert_member (h, "deadline", "2026-12-15");
    assert_member (h, "responsible", "王伟");
    assert_member (h, "found_by", "李芳");
    assert_member (h, "field", "water");
    assert_member (h, "source", "complaint");
    assert_member (h, "grid", "430421100000");
    assert_member (h, "closed_date", NULL);
  }

  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "verifying", "--by", "王伟",
       "--date", "2026-11-10");
  gw_test_expect (&r, 0, "report done");
  gw_test_run_clear (&r);
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "downgraded", "--level", "III",
       "--by", "陈静", "--date", "2026-11-12");
  gw_test_expect (&r, 0, "downgrade");
  gw_test_run_clear (&r);
  {
    g_autoptr(JsonNode) keep = NULL;
    JsonObject *h = show (db, "1", &keep);
    assert_member (h, "state", "downgraded");
    assert_member (h, "level", "III");
  }
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "closed", "--by", "陈静",
       "--date", "2026-11-13");
  gw_test_expect (&r, 0, "close");
  g_assert_cmpstr (r.out, ==, "Hazard 2026-430421-0001 is now Closed\n");
  gw_test_run_clear (&r);
  {
    g_autoptr(JsonNode) keep = NULL;
    JsonObject *h = show (db, "1", &keep);
    JsonArray *events = json_object_get_array_member (json_node_get_object (keep), "events");
    static const char *names[] = { NULL, "assess", "report-done", "downgrade", "level", "close" };
    static const char *actors[] = { "李芳", "陈静", "王伟", "陈静", "陈静", "陈静" };

    assert_member (h, "state", "closed");
    assert_member (h, "closed_date", "2026-11-13");
    g_assert_cmpuint (json_array_get_length (events), ==, G_N_ELEMENTS (names));
    for (guint i = 0; i < json_array_get_length (events); i++)
      {
        JsonObject *e = json_array_get_object_element (events, i);
        assert_member (e, "name", names[i]);
        assert_member (e, "actor", actors[i]);
        g_assert_cmpuint (strlen (json_object_get_string_member (e, "hash")), ==, 64);
      }
  }

  /* The same with English aliases, a state given in Chinese, the responsible by id, found today. */
  run (&r, "hazard", "add", "--db", db, "--grid", "430421100000", "--title", "工地扬尘未覆盖",
       "--field", "air", "--lat", "26.97", "--lon", "112.37");
  gw_test_expect (&r, 0, "hazard add today");
  g_assert_cmpstr (r.out, ==, "Added hazard 2: 2026-430421-0002\n");
  gw_test_run_clear (&r);
  run (&r, "hazard", "move", "--db", db, "--id", "2", "--to", "整改中", "--level", "high",
       "--urgency", "at-all-costs", "--measure", "immediate", "--deadline", "2026-12-01",
       "--responsible", "1");
  gw_test_expect (&r, 0, "assess with aliases");
  gw_test_run_clear (&r);
  {
    g_autoptr(JsonNode) keep = NULL;
    JsonObject *h = show (db, "2", &keep);
    JsonArray *loc = json_object_get_array_member (h, "location");
    assert_member (h, "state", "rectifying");
    assert_member (h, "level", "II");
    assert_member (h, "urgency", "at-all-costs");
    assert_member (h, "measure", "immediate");
    assert_member (h, "found_date", TODAY);
    assert_member (h, "responsible", "王伟");
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (loc, 0), 26.97, 1e-9);
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (loc, 1), 112.37, 1e-9);
  }
  run (&r, "hazard", "move", "--db", db, "--id", "2", "--to", "verifying");
  gw_test_expect (&r, 0, "report done, dated today");
  gw_test_run_clear (&r);
  run (&r, "hazard", "move", "--db", db, "--id", "2", "--to", "downgraded", "--level", "一般");
  gw_test_expect (&r, 0, "downgrade with a Chinese level");
  gw_test_run_clear (&r);
  run (&r, "hazard", "move", "--db", db, "--id", "2", "--to", "已销号");
  gw_test_expect (&r, 0, "close with a Chinese state");
  gw_test_run_clear (&r);

  run (&r, "check", "--db", db);
  gw_test_expect (&r, 0, "check");
}

static void
test_hazard_list (void)
{
  g_autofree char *db = NULL;
  g_auto(GwTestRun) r = { 0 };

  if (!gw_test_have_cli ())
    return;
  db = make_small_db ("list.gridwatch");
  run (&r, "hazard", "add", "--db", db, "--grid", "430421100", "--title", "西渡镇养殖废水外溢",
       "--date", "2026-11-01");
  gw_test_expect (&r, 0, "hazard add");
  gw_test_run_clear (&r);
  run (&r, "hazard", "add", "--db", db, "--grid", "430421100", "--title", "工地扬尘未覆盖",
       "--date", "2026-11-02");
  gw_test_expect (&r, 0, "hazard add");
  gw_test_run_clear (&r);
  run (&r, "hazard", "move", "--db", db, "--id", "2", "--to", "closed", "--reason", "重复",
       "--date", "2026-11-03");
  gw_test_expect (&r, 0, "unfounded");
  gw_test_run_clear (&r);

  /* Listing and searching. */
  run (&r, "hazard", "list", "--db", db, "--search", "废水", "--json");
  gw_test_expect (&r, 0, "hazard list --search");
  {
    g_autoptr(JsonNode) list = parse_json (r.out);
    JsonArray *a = json_node_get_array (list);
    g_assert_cmpuint (json_array_get_length (a), ==, 1);
    assert_member (json_array_get_object_element (a, 0), "number", "2026-430421-0001");
  }
  gw_test_run_clear (&r);
  run (&r, "hazard", "list", "--db", db, "--state", "closed", "--json");
  gw_test_expect (&r, 0, "hazard list --state");
  {
    g_autoptr(JsonNode) list = parse_json (r.out);
    JsonArray *a = json_node_get_array (list);
    g_assert_cmpuint (json_array_get_length (a), ==, 1);
    assert_member (json_array_get_object_element (a, 0), "number", "2026-430421-0002");
  }
  gw_test_run_clear (&r);

  run (&r, "hazard", "list", "--db", db);
  gw_test_expect (&r, 0, "hazard list");
  g_assert_cmpuint (count_lines (r.out), ==, 2);
}

static void
test_refusals (void)
{
  g_autofree char *db = NULL;
  g_autofree char *noise = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_auto(GwTestRun) r = { 0 };
  gsize len_before = 0, len_after = 0;

  if (!gw_test_have_cli ())
    return;
  db = make_small_db ("refusals.gridwatch");
  run (&r, "hazard", "add", "--db", db, "--grid", "430421100", "--title", "养殖废水外溢",
       "--date", "2026-11-01");
  gw_test_expect (&r, 0, "hazard add");
  gw_test_run_clear (&r);

  /* A move the flow does not allow: one line naming the hazard, exit 1, nothing changed. */
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "verifying");
  gw_test_expect (&r, 1, "forbidden move");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_true (g_str_has_suffix (r.err, "\n"));
  g_assert_nonnull (strstr (r.err, "2026-430421-0001"));
  g_assert_cmpstr (r.out, ==, "");
  gw_test_run_clear (&r);
  {
    g_autoptr(JsonNode) keep = NULL;
    JsonObject *h = show (db, "1", &keep);
    assert_member (h, "state", "reported");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (keep),
                                                                           "events")), ==, 1);
  }

  /* A missing requirement: one line naming what is missing. */
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "rectifying", "--level", "II");
  gw_test_expect (&r, 1, "assess without urgency");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "urgency class"));
  g_assert_nonnull (strstr (r.err, "2026-430421-0001"));
  gw_test_run_clear (&r);

  /* Unknown staff. */
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "closed", "--reason", "重复",
       "--by", "赵无名");
  gw_test_expect (&r, 1, "unknown --by");
  g_assert_nonnull (strstr (r.err, "赵无名"));
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  gw_test_run_clear (&r);
  run (&r, "hazard", "add", "--db", db, "--grid", "430421100", "--title", "x", "--by", "赵无名");
  gw_test_expect (&r, 1, "unknown --by on add");
  g_assert_nonnull (strstr (r.err, "赵无名"));
  gw_test_run_clear (&r);
  /* Unknown grid and hazard. */
  run (&r, "hazard", "add", "--db", db, "--grid", "430421999", "--title", "x");
  gw_test_expect (&r, 1, "unknown grid");
  g_assert_nonnull (strstr (r.err, "430421999"));
  gw_test_run_clear (&r);
  run (&r, "hazard", "show", "--db", db, "--id", "42");
  gw_test_expect (&r, 1, "unknown hazard");
  gw_test_run_clear (&r);

  /* Usage errors: exit 2. */
  run (&r, "stats");
  gw_test_expect (&r, 2, "missing --db");
  g_assert_nonnull (strstr (r.err, "--db"));
  gw_test_run_clear (&r);
  run (&r, "hazard", "show", "--id", "1");
  gw_test_expect (&r, 2, "missing --db on hazard show");
  gw_test_run_clear (&r);
  run (&r, "frobnicate", "--db", db);
  gw_test_expect (&r, 2, "unknown command");
  g_assert_nonnull (strstr (r.err, "frobnicate"));
  gw_test_run_clear (&r);
  run (&r, "hazard", "frobnicate", "--db", db);
  gw_test_expect (&r, 2, "unknown hazard command");
  gw_test_run_clear (&r);
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "sideways");
  gw_test_expect (&r, 2, "bad --to");
  g_assert_nonnull (strstr (r.err, "--to"));
  gw_test_run_clear (&r);
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "rectifying", "--urgency", "soon");
  gw_test_expect (&r, 2, "bad --urgency");
  gw_test_run_clear (&r);
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "rectifying", "--deadline", "tomorrow");
  gw_test_expect (&r, 2, "bad --deadline");
  gw_test_run_clear (&r);
  run (&r, "hazard", "add", "--db", db, "--grid", "430421100", "--title", "x", "--lat", "26.9");
  gw_test_expect (&r, 2, "--lat without --lon");
  gw_test_run_clear (&r);
  run (&r, "stats", "--db", db, "--bogus");
  gw_test_expect (&r, 2, "unknown option");
  gw_test_run_clear (&r);
  run (&r, "stats", "--db", db, "extra");
  gw_test_expect (&r, 2, "extra argument");
  gw_test_run_clear (&r);
  gw_test_run_cli_env (&r, NULL, NULL, NULL);  /* no command at all */
  gw_test_expect (&r, 2, "no command");
  gw_test_run_clear (&r);
  run (&r, "--help");
  gw_test_expect (&r, 0, "--help");
  g_assert_nonnull (strstr (r.out, "Usage"));
  gw_test_run_clear (&r);

  /* Nothing of that touched the hazard. */
  {
    g_autoptr(JsonNode) keep = NULL;
    JsonObject *h = show (db, "1", &keep);
    assert_member (h, "state", "reported");
  }

  /* check on a file of random bytes: exit 1 naming the file, which is left alone. */
  noise = g_build_filename (tmp, "noise.gridwatch", NULL);
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (3);
    guint8 bytes[4096];
    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = g_rand_int_range (rand, 0, 256);
    g_assert_true (g_file_set_contents (noise, (const char *) bytes, sizeof bytes, NULL));
  }
  g_assert_true (g_file_get_contents (noise, &before, &len_before, NULL));
  run (&r, "check", "--db", noise);
  gw_test_expect (&r, 1, "check on random bytes");
  g_assert_nonnull (strstr (r.err, noise));
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  gw_test_run_clear (&r);
  run (&r, "stats", "--db", noise);
  gw_test_expect (&r, 1, "stats on random bytes");
  g_assert_nonnull (strstr (r.err, noise));
  g_assert_true (g_file_get_contents (noise, &after, &len_after, NULL));
  g_assert_cmpuint (len_after, ==, len_before);
  g_assert_true (memcmp (before, after, len_before) == 0);
  gw_test_run_clear (&r);

  /* check on a file that does not exist. */
  {
    g_autofree char *missing = g_build_filename (tmp, "missing.gridwatch", NULL);
    run (&r, "check", "--db", missing);
    gw_test_expect (&r, 1, "check on a missing file");
    g_assert_nonnull (strstr (r.err, missing));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_check_tampered (void)
{
  g_autofree char *db = NULL;
  g_auto(GwTestRun) r = { 0 };
  sqlite3 *raw = NULL;

  if (!gw_test_have_cli ())
    return;
  db = make_small_db ("tampered.gridwatch");
  run (&r, "hazard", "add", "--db", db, "--grid", "430421100", "--title", "养殖废水外溢",
       "--date", "2026-11-01");
  gw_test_expect (&r, 0, "hazard add");
  gw_test_run_clear (&r);
  run (&r, "hazard", "move", "--db", db, "--id", "1", "--to", "closed", "--reason", "重复",
       "--date", "2026-11-02");
  gw_test_expect (&r, 0, "unfounded");
  gw_test_run_clear (&r);

  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER hazard_events_no_update;"
                                      "UPDATE hazard_events SET note = '属实' WHERE id = 2",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  run (&r, "check", "--db", db);
  gw_test_expect (&r, 1, "check on a tampered history");
  g_assert_nonnull (strstr (r.err, "event 2"));
}

/* In-process, as the header allows: the same exit statuses. */
static void
test_in_process (void)
{
  char *version[] = { "gridwatch-cli", "--version", NULL };
  char *none[] = { "gridwatch-cli", NULL };
  char *unknown[] = { "gridwatch-cli", "frobnicate", NULL };

  /* In a subprocess, to keep what it prints out of the test log. */
  if (g_test_subprocess ())
    {
      g_assert_cmpint (gw_cli_run (2, version), ==, GW_CLI_OK);
      g_assert_cmpint (gw_cli_run (1, none), ==, GW_CLI_USAGE);
      g_assert_cmpint (gw_cli_run (2, unknown), ==, GW_CLI_USAGE);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("gridwatch-cli " PACKAGE_VERSION "\n");
  g_test_trap_assert_stderr ("*Usage*frobnicate*Usage*");
}

/* ---- Chinese ---------------------------------------------------------------------------- */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  gsize n = strlen (needle) + 1;   /* the msgids of a .mo end with NUL */

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

static void
test_chinese (void)
{
  static const char *forbidden_msgid =
    "Hazard %s is %s and cannot move to %s; from %s it can move to: %s";
  static const char *db_msgid = "--db FILE is required";
  g_autofree char *builddir = NULL, *localedir = NULL, *mo = NULL, *db = NULL;
  g_autofree char *saved = NULL;
  g_auto(GStrv) envp = NULL;
  g_auto(GwTestRun) r = { 0 };

  if (!gw_test_have_cli ())
    return;

  /* The locale must exist on this system. */
  saved = g_strdup (setlocale (LC_ALL, NULL));
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      setlocale (LC_ALL, saved);
      g_test_skip ("the locale zh_CN.UTF-8 is not installed (see `locale -a`)");
      return;
    }
  setlocale (LC_ALL, saved);

  /* The build compiles po/zh_CN.po into <builddir>/po/zh_CN/LC_MESSAGES/gridwatch.mo. */
  {
    g_autofree char *appdir = g_path_get_dirname (g_getenv ("GRIDWATCH_CLI"));
    builddir = g_path_get_dirname (appdir);
  }
  localedir = g_build_filename (builddir, "po", NULL);
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *msg = g_strdup_printf ("%s was not built", mo);
      g_test_skip (msg);
      return;
    }
  if (!file_contains (mo, forbidden_msgid) || !file_contains (mo, db_msgid))
    {
      g_autofree char *msg = g_strdup_printf ("%s does not translate the CLI's messages yet "
                                              "(po/zh_CN.po is still being written)", mo);
      g_test_skip (msg);
      return;
    }

  db = make_small_db ("zh.gridwatch");
  run (&r, "hazard", "add", "--db", db, "--grid", "430421100", "--title", "养殖废水外溢",
       "--date", "2026-11-01");
  gw_test_expect (&r, 0, "hazard add");
  gw_test_run_clear (&r);

  envp = g_get_environ ();
  envp = g_environ_unsetenv (envp, "LC_ALL");
  envp = g_environ_unsetenv (envp, "LC_MESSAGES");
  envp = g_environ_setenv (envp, "LANG", "zh_CN.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  envp = g_environ_setenv (envp, "GRIDWATCH_LOCALEDIR", localedir, TRUE);

  gw_test_run_cli_env (&r, envp, "hazard", "move", "--db", db, "--id", "1", "--to", "verifying", NULL);
  gw_test_expect (&r, 1, "forbidden move in Chinese");
  g_assert_nonnull (strstr (r.err, "2026-430421-0001"));
  g_assert_null (strstr (r.err, "cannot move to"));
  g_assert_true (has_han (r.err));
  gw_test_run_clear (&r);

  gw_test_run_cli_env (&r, envp, "stats", NULL);
  gw_test_expect (&r, 2, "missing --db in Chinese");
  g_assert_null (strstr (r.err, "is required"));
  g_assert_true (has_han (r.err));
  gw_test_run_clear (&r);

  gw_test_run_cli_env (&r, envp, "hazard", "move", "--db", db, "--id", "1", "--to", "closed", "--reason",
           "与已登记隐患重复", NULL);
  gw_test_expect (&r, 0, "unfounded in Chinese");
  /* The state's name follows the locale too. */
  g_assert_nonnull (strstr (r.out, "已销号"));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  tmp = g_dir_make_tmp ("gw-test-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/demo-stats", test_demo_stats);
  g_test_add_func ("/cli/hazard-flow", test_hazard_flow);
  g_test_add_func ("/cli/refusals", test_refusals);
  g_test_add_func ("/cli/check-tampered", test_check_tampered);
  g_test_add_func ("/cli/in-process", test_in_process);
  g_test_add_func ("/cli/chinese", test_chinese);
  g_test_add_func ("/cli/hazard-list", test_hazard_list);

  status = g_test_run ();

  {
    GDir *dir = g_dir_open (tmp, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *p = g_build_filename (tmp, name, NULL);
        g_unlink (p);
      }
    if (dir)
      g_dir_close (dir);
    g_rmdir (tmp);
    g_free (tmp);
  }
  return status;
}
