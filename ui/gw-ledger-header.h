/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-ledger-columns.h"

G_BEGIN_DECLS

/* The ledger's column titles over its rows (GwLedgerRow): a button per
 * column that sorts by it (ascending, descending, then the ledger's own
 * order: newest first), and edges dragged to resize the columns. It
 * follows the rows' horizontal scrolling, and reads the rows' palette from
 * the style.
 *
 * Signal "sort-changed": gw_ledger_header_get_sort () tells the new order. */

#define GW_TYPE_LEDGER_HEADER (gw_ledger_header_get_type ())
G_DECLARE_FINAL_TYPE (GwLedgerHeader, gw_ledger_header, GW, LEDGER_HEADER, GtkWidget)

GtkWidget       *gw_ledger_header_new            (void);
GwLedgerColumns *gw_ledger_header_get_columns    (GwLedgerHeader *self);
/* The scrolled window of the rows: the header follows its horizontal
 * scrolling, and leaves out a scrollbar that is not laid over the rows. */
void             gw_ledger_header_set_scrolled_window (GwLedgerHeader    *self,
                                                       GtkScrolledWindow *scrolled);
/* Sorts by @column (-1: the ledger's own order, newest first). */
void             gw_ledger_header_set_sort       (GwLedgerHeader *self,
                                                  int             column,
                                                  gboolean        descending);
/* Returns the column sorted by, or -1. */
int              gw_ledger_header_get_sort       (GwLedgerHeader *self,
                                                  gboolean       *descending);
GtkButton       *gw_ledger_header_get_button     (GwLedgerHeader *self,
                                                  GwLedgerColumn  column);

G_END_DECLS
