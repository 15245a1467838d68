/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-credit-code"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gw-credit-code.h"

/* GB 32100-2015: 31 characters, without I, O, S, V and Z. */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

G_DEFINE_QUARK (gw-credit-code-error-quark, gw_credit_code_error)

static int
char_value (char c)
{
  const char *p = c ? strchr (alphabet, c) : NULL;

  return p ? (int) (p - alphabet) : -1;
}

char
gw_credit_code_check_char (const char *code17)
{
  int sum = 0;

  g_return_val_if_fail (code17 != NULL, 0);

  for (guint i = 0; i < 17; i++)
    {
      int v = char_value (code17[i]);

      if (v < 0)
        return 0;
      sum += v * weights[i];
    }
  return alphabet[(31 - sum % 31) % 31];
}

gboolean
gw_credit_code_validate (const char *code,
                         GError    **error)
{
  gsize len = code ? strlen (code) : 0;
  char expected;

  if (code != NULL && !g_utf8_validate (code, -1, NULL))
    {
      /* Never echo bytes that are not text into a message. */
      g_autofree char *shown = g_utf8_make_valid (code, -1);
      g_set_error (error, GW_CREDIT_CODE_ERROR, GW_CREDIT_CODE_ERROR_CHARACTER,
                   _("The unified social credit code “%s” is not valid text"), shown);
      return FALSE;
    }
  if (len != 18)
    {
      g_set_error (error, GW_CREDIT_CODE_ERROR, GW_CREDIT_CODE_ERROR_LENGTH,
                   _("The unified social credit code “%s” has %u characters; it must have 18"),
                   code ? code : "", (guint) (code ? g_utf8_strlen (code, -1) : 0));
      return FALSE;
    }

  for (guint i = 0; i < 18; i++)
    if (char_value (code[i]) < 0)
      {
        g_set_error (error, GW_CREDIT_CODE_ERROR, GW_CREDIT_CODE_ERROR_CHARACTER,
                     _("The unified social credit code “%s” has a character that is not allowed at position %u"),
                     code, i + 1);
        return FALSE;
      }

  expected = gw_credit_code_check_char (code);
  if (code[17] != expected)
    {
      g_set_error (error, GW_CREDIT_CODE_ERROR, GW_CREDIT_CODE_ERROR_CHECK,
                   _("The unified social credit code “%s” has the check character %c; it should be %c"),
                   code, code[17], expected);
      return FALSE;
    }
  return TRUE;
}
