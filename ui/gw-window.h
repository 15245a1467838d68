/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-stats.h"

G_BEGIN_DECLS

#define GW_TYPE_WINDOW (gw_window_get_type ())
G_DECLARE_FINAL_TYPE (GwWindow, gw_window, GW, WINDOW, AdwApplicationWindow)

GwWindow      *gw_window_new               (GtkApplication *application);

/* Opens @path in a worker thread and shows its KPIs; when the file does not
 * exist yet, offers to create it (the demo city or an empty database). */
void           gw_window_open              (GwWindow       *self,
                                            const char     *path);
/* Recomputes the KPIs of the open database. */
void           gw_window_reload            (GwWindow       *self);

/* The database shown, or NULL. */
const char    *gw_window_get_path          (GwWindow       *self);
/* TRUE while a database is being opened or its KPIs computed. */
gboolean       gw_window_get_busy          (GwWindow       *self);
/* The KPIs last shown, or NULL when no database is open. */
const GwStats *gw_window_get_stats         (GwWindow       *self);
/* The text of the last open error shown to the person, or NULL. */
const char    *gw_window_get_error_message (GwWindow       *self);
/* The value shown in a KPI tile (see gw-overview.h for the ids), or NULL. */
const char    *gw_window_get_kpi_text      (GwWindow       *self,
                                            const char     *kpi_id);
/* The first-run dialog while it is shown, or NULL. */
GtkWindow     *gw_window_get_first_run     (GwWindow       *self);

G_END_DECLS
