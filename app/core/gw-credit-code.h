/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GW_CREDIT_CODE_ERROR (gw_credit_code_error_quark ())

typedef enum {
  GW_CREDIT_CODE_ERROR_LENGTH,
  GW_CREDIT_CODE_ERROR_CHARACTER,
  GW_CREDIT_CODE_ERROR_CHECK,
} GwCreditCodeError;

GQuark   gw_credit_code_error_quark (void);

/* Validates an 18-character unified social credit code 统一社会信用代码
 * (GB 32100-2015): length, character set and the check character. */
gboolean gw_credit_code_validate (const char *code, GError **error);
/* The check character for the first 17 characters of @code, or 0 if they are invalid. */
char     gw_credit_code_check_char (const char *code17);

G_END_DECLS
