/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The preferences, bound to GSettings: the reporting unit printed on
 * exported sheets, the missed analyses that put a grid chief on the
 * interview list, and the board's page interval. */

#define GW_TYPE_PREFERENCES (gw_preferences_get_type ())
G_DECLARE_FINAL_TYPE (GwPreferences, gw_preferences, GW, PREFERENCES, AdwPreferencesWindow)

GtkWidget *gw_preferences_new (GtkWindow *parent);

G_END_DECLS
