/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-stats.h"

G_BEGIN_DECLS

/* KPI tile ids: "hazards", "overdue", "completion", "new-7d", "closed-7d",
 * "cadence", "state-<state id>" (e.g. "state-rectifying"), "level-1" … "level-4"
 * and "level-none". */

#define GW_TYPE_OVERVIEW (gw_overview_get_type ())
G_DECLARE_FINAL_TYPE (GwOverview, gw_overview, GW, OVERVIEW, AdwBin)

GtkWidget  *gw_overview_new            (void);
/* Shows @stats; NULL shows dashes. */
void        gw_overview_set_stats      (GwOverview    *self,
                                        const GwStats *stats);
/* The value a tile shows, or NULL for an unknown id. */
const char *gw_overview_get_value_text (GwOverview    *self,
                                        const char    *kpi_id);

G_END_DECLS
