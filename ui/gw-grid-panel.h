/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-map-data.h"

G_BEGIN_DECLS

/* The side panel of a grid selected on the map: its chief and members with
 * their phones, open hazards by state and level, the overdue ones, this
 * month's ten-day analyses, and a way to its ledger.
 *
 * Signals: "open-ledger" (gint64 grid_id), "hazard-activated" (gint64 hazard_id),
 * "close-requested". */
#define GW_TYPE_GRID_PANEL (gw_grid_panel_get_type ())
G_DECLARE_FINAL_TYPE (GwGridPanel, gw_grid_panel, GW, GRID_PANEL, GtkWidget)

GwGridPanel *gw_grid_panel_new            (void);
void         gw_grid_panel_set_detail     (GwGridPanel *self, const GwMapGridDetail *detail);
gint64       gw_grid_panel_get_grid_id    (GwGridPanel *self);
/* The name of the grid chief shown (the first, when there are several), or NULL. */
const char  *gw_grid_panel_get_chief_name (GwGridPanel *self);

G_END_DECLS
