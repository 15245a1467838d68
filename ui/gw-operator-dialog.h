/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-store.h"

G_BEGIN_DECLS

/* Chooses a staff member from a searchable list: the operator recorded on
 * every change, or the person a bulk assignment goes to. Emits "chosen"
 * (staff id) when confirmed. */

#define GW_TYPE_OPERATOR_DIALOG (gw_operator_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GwOperatorDialog, gw_operator_dialog, GW, OPERATOR_DIALOG,
                      AdwMessageDialog)

/* @heading, @body, @accept: NULL for the operator's wording. @current_id is
 * selected at first (0: none). */
GwOperatorDialog *gw_operator_dialog_new       (GtkWindow        *parent,
                                                GwStore          *store,
                                                gint64            current_id,
                                                const char       *heading,
                                                const char       *body,
                                                const char       *accept);
/* The staff member selected, 0 when none. */
gint64            gw_operator_dialog_get_selected (GwOperatorDialog *self);
/* Selects @staff_id as a click would; FALSE when the list does not hold it. */
gboolean          gw_operator_dialog_select    (GwOperatorDialog *self,
                                                gint64            staff_id);
/* Filters the list as typing in its search entry does. */
void              gw_operator_dialog_set_search (GwOperatorDialog *self,
                                                 const char       *text);
/* Presses the accept button: emits "chosen" and closes. */
gboolean          gw_operator_dialog_accept    (GwOperatorDialog *self);

G_END_DECLS
