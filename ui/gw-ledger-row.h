/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-hazard.h"
#include "gw-ledger-columns.h"

G_BEGIN_DECLS

/* One row of the ledger, drawn by a single widget: eleven text layouts, the
 * level and state chips and the deadline with its alarm icon, at the edges
 * GwLedgerColumns gives. A row of eleven cell widgets costs about twice as
 * much a frame while scrolling (tests/bench/bench-ledger). */

#define GW_TYPE_LEDGER_ROW (gw_ledger_row_get_type ())
G_DECLARE_FINAL_TYPE (GwLedgerRow, gw_ledger_row, GW, LEDGER_ROW, GtkWidget)

GtkWidget     *gw_ledger_row_new         (GwLedgerColumns *columns);
/* Shows @hazard (NULL: a placeholder until its page is read); deadlines
 * count the days from @today_julian. The hazard is not kept. */
void           gw_ledger_row_set_hazard  (GwLedgerRow     *self,
                                          const GwHazard  *hazard,
                                          int              today_julian);
/* The text a cell shows ("" for none). */
const char    *gw_ledger_row_get_text    (GwLedgerRow     *self,
                                          GwLedgerColumn   column);
GwLedgerTone   gw_ledger_row_get_tone    (GwLedgerRow     *self);

G_END_DECLS
