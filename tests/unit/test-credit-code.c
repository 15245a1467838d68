/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gw-credit-code.h"

static void
test_valid (void)
{
  g_autoptr(GError) error = NULL;

  /* Published examples of valid codes. */
  g_assert_true (gw_credit_code_validate ("91350100M000100Y43", &error));
  g_assert_no_error (error);
  g_assert_true (gw_credit_code_validate ("91110000600037341L", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gw_credit_code_check_char ("91350100M000100Y4"), ==, '3');
}

static void
test_wrong_check (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gw_credit_code_validate ("91350100M000100Y44", &error));
  g_assert_error (error, GW_CREDIT_CODE_ERROR, GW_CREDIT_CODE_ERROR_CHECK);
  g_assert_nonnull (strstr (error->message, "91350100M000100Y44"));
}

static void
test_length_and_characters (void)
{
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;

  g_assert_false (gw_credit_code_validate ("91350100M000100Y4", &e1));
  g_assert_error (e1, GW_CREDIT_CODE_ERROR, GW_CREDIT_CODE_ERROR_LENGTH);
  g_assert_false (gw_credit_code_validate ("", &e2));
  g_assert_error (e2, GW_CREDIT_CODE_ERROR, GW_CREDIT_CODE_ERROR_LENGTH);
  /* I, O, S, V and Z are not in the alphabet; lower case is not either. */
  g_assert_false (gw_credit_code_validate ("91350100M000100I43", &e3));
  g_assert_error (e3, GW_CREDIT_CODE_ERROR, GW_CREDIT_CODE_ERROR_CHARACTER);
  g_assert_false (gw_credit_code_validate ("91350100m000100Y43", &e4));
  g_assert_error (e4, GW_CREDIT_CODE_ERROR, GW_CREDIT_CODE_ERROR_CHARACTER);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/credit-code/valid", test_valid);
  g_test_add_func ("/credit-code/wrong-check", test_wrong_check);
  g_test_add_func ("/credit-code/length-and-characters", test_length_and_characters);
  return g_test_run ();
}
