/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-dekad.h"

static GwDekad
dekad_of (const char *text)
{
  GDate d;

  g_assert_true (gw_date_parse (text, &d));
  return gw_dekad_of (&d);
}

static void
assert_dekad (const char *date, guint year, guint month, guint part)
{
  GwDekad k = dekad_of (date);

  g_assert_cmpuint (k.year, ==, year);
  g_assert_cmpuint (k.month, ==, month);
  g_assert_cmpuint (k.part, ==, part);
}

static void
assert_last_day (guint year, guint month, guint part, const char *expected)
{
  GwDekad k = { year, month, part };
  GDate d;
  g_autofree char *s = NULL;

  gw_dekad_last_day (k, &d);
  s = gw_date_to_string (&d);
  g_assert_cmpstr (s, ==, expected);
}

static void
test_boundaries (void)
{
  assert_dekad ("2026-11-01", 2026, 11, 0);
  assert_dekad ("2026-11-10", 2026, 11, 0);
  assert_dekad ("2026-11-11", 2026, 11, 1);
  assert_dekad ("2026-11-20", 2026, 11, 1);
  assert_dekad ("2026-11-21", 2026, 11, 2);
  assert_dekad ("2026-11-30", 2026, 11, 2);
  assert_dekad ("2026-12-31", 2026, 12, 2);
  assert_dekad ("2027-01-01", 2027, 1, 0);
}

static void
test_month_ends (void)
{
  assert_last_day (2026, 1, 2, "2026-01-31");
  assert_last_day (2026, 4, 2, "2026-04-30");
  assert_last_day (2026, 2, 2, "2026-02-28");   /* common year */
  assert_last_day (2028, 2, 2, "2028-02-29");   /* leap year */
  assert_last_day (2100, 2, 2, "2100-02-28");   /* century, not leap */
  assert_last_day (2000, 2, 2, "2000-02-29");   /* 400-year leap */
  assert_last_day (2026, 2, 1, "2026-02-20");
  assert_dekad ("2028-02-29", 2028, 2, 2);
}

static void
test_next_prev (void)
{
  GwDekad dec3 = { 2026, 12, 2 };
  GwDekad jan1 = gw_dekad_next (dec3);

  g_assert_cmpuint (jan1.year, ==, 2027);
  g_assert_cmpuint (jan1.month, ==, 1);
  g_assert_cmpuint (jan1.part, ==, 0);
  g_assert_cmpint (gw_dekad_compare (gw_dekad_prev (jan1), dec3), ==, 0);
  g_assert_cmpint (gw_dekad_serial (jan1) - gw_dekad_serial (dec3), ==, 1);
}

static void
test_range (void)
{
  GDate a, b;
  g_autoptr(GArray) r = NULL;
  g_autofree char *first = NULL, *last = NULL;

  gw_date_parse ("2026-12-25", &a);
  gw_date_parse ("2027-02-11", &b);
  r = gw_dekads_in_range (&a, &b);
  /* Dec 3rd, Jan ×3, Feb 1st and 2nd. */
  g_assert_cmpuint (r->len, ==, 6);
  first = gw_dekad_to_id (g_array_index (r, GwDekad, 0));
  last = gw_dekad_to_id (g_array_index (r, GwDekad, 5));
  g_assert_cmpstr (first, ==, "2026-12-3");
  g_assert_cmpstr (last, ==, "2027-02-2");
}

static void
test_last_complete (void)
{
  GDate d;
  g_autofree char *id = NULL, *id2 = NULL;

  gw_date_parse ("2026-11-23", &d);
  id = gw_dekad_to_id (gw_dekad_last_complete (&d));
  g_assert_cmpstr (id, ==, "2026-11-2");
  gw_date_parse ("2027-01-05", &d);
  id2 = gw_dekad_to_id (gw_dekad_last_complete (&d));
  g_assert_cmpstr (id2, ==, "2026-12-3");
}

static void
test_parse (void)
{
  GDate d;
  GwDekad k;

  g_assert_false (gw_date_parse ("2026-02-30", &d));
  g_assert_false (gw_date_parse ("2026-2-3", &d));
  g_assert_false (gw_date_parse ("2026-02-03x", &d));
  g_assert_false (gw_date_parse (NULL, &d));
  g_assert_true (gw_dekad_parse_id ("2026-02-3", &k));
  g_assert_cmpuint (k.part, ==, 2);
  g_assert_false (gw_dekad_parse_id ("2026-02-4", &k));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dekad/boundaries", test_boundaries);
  g_test_add_func ("/dekad/month-ends", test_month_ends);
  g_test_add_func ("/dekad/next-prev", test_next_prev);
  g_test_add_func ("/dekad/range", test_range);
  g_test_add_func ("/dekad/last-complete", test_last_complete);
  g_test_add_func ("/dekad/parse", test_parse);
  return g_test_run ();
}
