/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-window.h"

G_BEGIN_DECLS

#define GW_TYPE_APPLICATION (gw_application_get_type ())
G_DECLARE_FINAL_TYPE (GwApplication, gw_application, GW, APPLICATION, AdwApplication)

GwApplication *gw_application_new              (void);
/* The database opened when none is named: the GSettings key database-path,
 * else gridwatch/gridwatch.db in the user's data directory. */
char          *gw_application_default_database (GwApplication *self);
/* Presents the window showing @path, or opens a new one. */
void           gw_application_open_database    (GwApplication *self,
                                                const char    *path);
/* Puts the map, cadence and board pages into @window and wires them to its
 * store, its hazard page ("show on map", "pick location on map") and to one
 * another. Done for every window; tests call it on theirs. */
void           gw_application_plug_views       (GwWindow      *window);

G_END_DECLS
