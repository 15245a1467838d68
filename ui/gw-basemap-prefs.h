/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The base map choice for the preferences window: none (the default: nothing
 * needs the network), a local MBTiles file, or a tile URL template with its
 * attribution. Reads and writes the base-map* keys of the application's
 * settings; the map follows them as they change. Add it to an
 * AdwPreferencesPage with adw_preferences_page_add (). */
#define GW_TYPE_BASEMAP_PREFS (gw_basemap_prefs_get_type ())
G_DECLARE_FINAL_TYPE (GwBasemapPrefs, gw_basemap_prefs, GW, BASEMAP_PREFS, AdwPreferencesGroup)

GwBasemapPrefs *gw_basemap_prefs_new (void);

G_END_DECLS
