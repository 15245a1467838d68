/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-types.h"

static void
test_round_trip (void)
{
  for (guint i = 0; i < GW_N_STATES; i++)
    {
      GwState s;
      g_assert_true (gw_state_parse (gw_state_to_id (i), &s));
      g_assert_cmpuint (s, ==, i);
      g_assert_true (gw_state_parse (gw_state_zh (i), &s));
      g_assert_cmpuint (s, ==, i);
    }
  for (guint i = 1; i < GW_N_LEVELS; i++)
    {
      GwLevel l;
      g_assert_true (gw_level_parse (gw_level_to_id (i), &l));
      g_assert_cmpuint (l, ==, i);
    }
}

static void
test_cli_aliases (void)
{
  GwUrgency u;
  GwMeasure m;
  GwState s;

  g_assert_true (gw_urgency_parse ("不容迟疑", &u) && u == GW_URGENCY_NO_DELAY);
  g_assert_true (gw_urgency_parse ("at-all-costs", &u) && u == GW_URGENCY_AT_ALL_COSTS);
  g_assert_true (gw_urgency_parse ("不留空档", &u) && u == GW_URGENCY_NO_GAP);
  g_assert_true (gw_measure_parse ("风险管控", &m) && m == GW_MEASURE_CONTROL);
  g_assert_true (gw_measure_parse ("deadline", &m) && m == GW_MEASURE_DEADLINE);
  g_assert_true (gw_measure_parse ("immediate", &m) && m == GW_MEASURE_IMMEDIATE);
  g_assert_true (gw_state_parse ("已销号", &s) && s == GW_STATE_CLOSED);
  g_assert_false (gw_state_parse ("done", &s));
  g_assert_false (gw_urgency_parse ("", &u));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/types/round-trip", test_round_trip);
  g_test_add_func ("/types/cli-aliases", test_cli_aliases);
  return g_test_run ();
}
