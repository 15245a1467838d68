/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the unified social credit code checker. Any input must be
 * answered without a crash, the answer must agree with the check character, and
 * the message must be UTF-8 (people read it in GTK labels and JSON).
 *
 * Input that is not UTF-8 is fuzzed too: it once made gw_credit_code_validate
 * read past the end of the string (fixed; regressions/credit-code/:
 * invalid-utf8-message, segv-utf8-strlen-overread). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "gw-credit-code.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid;
  size_t len;

  if (size > 256)
    return 0;
  code = g_strndup ((const char *) data, size);
  len = strlen (code);
  valid = gw_credit_code_validate (code, &error);

  /* Valid ⇔ 18 characters whose 18th is the check character of the first 17. */
  if (valid != (len == 18 && gw_credit_code_check_char (code) != 0 &&
                gw_credit_code_check_char (code) == code[17]))
    __builtin_trap ();
  if (valid == (error != NULL))
    __builtin_trap ();
  if (error != NULL && (error->domain != GW_CREDIT_CODE_ERROR || error->message == NULL))
    __builtin_trap ();
  if (error != NULL && !g_utf8_validate (error->message, -1, NULL))
    __builtin_trap ();
  if (len >= 17)
    {
      char c = gw_credit_code_check_char (code);
      /* A check character is one of the 31 the standard allows. */
      if (c != 0 && strchr ("0123456789ABCDEFGHJKLMNPQRTUWXY", c) == NULL)
        __builtin_trap ();
    }
  return 0;
}
