/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-hazard-model.h"
#include "gw-ledger-header.h"

G_BEGIN_DECLS

/* The hazard ledger 台账: a filter bar over a list of GwHazardModel with
 * column titles (GwLedgerHeader), sorted in SQL by those titles, with the counts always shown and
 * bulk changes of the selected hazards. Emits "hazard-activated" (id) when
 * a row is activated and "hazards-changed" after a bulk change. Its
 * template children (search_entry, grid_dropdown, …) can be fetched with
 * gtk_widget_get_template_child () by tests. */

#define GW_TYPE_LEDGER (gw_ledger_get_type ())
G_DECLARE_FINAL_TYPE (GwLedger, gw_ledger, GW, LEDGER, AdwBin)

GtkWidget          *gw_ledger_new            (void);
/* The window's main-thread connection (pickers and look-ups); the rows are
 * read by the model's own connections to the same file. NULL: nothing shown. */
void                gw_ledger_set_store      (GwLedger   *self,
                                              GwStore    *store);
/* Starts reading @path's first rows before its store is ready (opening a
 * large database checks it for seconds, and the ledger's workers check it
 * too); gw_ledger_set_store () with a store of the same path keeps them. */
void                gw_ledger_preload        (GwLedger   *self,
                                              const char *path);
/* The staff member recorded as the actor of bulk changes (0: none). */
void                gw_ledger_set_operator_id (GwLedger  *self,
                                               gint64     operator_id);
/* Reads the pickers, the rows shown and the counts again. */
void                gw_ledger_refresh        (GwLedger   *self);
void                gw_ledger_focus_search   (GwLedger   *self);
/* Clears the filters and picks @grid_id (and its county) in the pickers. */
void                gw_ledger_show_grid      (GwLedger   *self,
                                              gint64      grid_id);

GwHazardModel      *gw_ledger_get_model      (GwLedger   *self);
GtkSelectionModel  *gw_ledger_get_selection  (GwLedger   *self);
/* The rows (GwLedgerRow) and the column titles over them. */
GtkListView        *gw_ledger_get_list_view  (GwLedger   *self);
GwLedgerHeader     *gw_ledger_get_header     (GwLedger   *self);
/* The filter the widgets describe now. */
GwFilter           *gw_ledger_dup_filter     (GwLedger   *self);
/* TRUE while rows, counts or a bulk change are under way. */
gboolean            gw_ledger_get_busy       (GwLedger   *self);
/* The dialog of a bulk action while it is open, or NULL. */
GtkWindow          *gw_ledger_get_dialog     (GwLedger   *self);
/* The message of the last refused bulk change, or NULL. */
const char         *gw_ledger_get_last_error (GwLedger   *self);

G_END_DECLS
