/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-store.h"

G_BEGIN_DECLS

/* Records a new hazard: grid, title, field, source, description, the day it
 * was found and, optionally, its location as coordinates. Emits "created"
 * (id) and closes. */

#define GW_TYPE_NEW_HAZARD_DIALOG (gw_new_hazard_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GwNewHazardDialog, gw_new_hazard_dialog, GW, NEW_HAZARD_DIALOG, AdwWindow)

/* @operator_id is recorded as who found it and who wrote it (0: nobody). */
GwNewHazardDialog *gw_new_hazard_dialog_new       (GtkWindow         *parent,
                                                   GwStore           *store,
                                                   gint64             operator_id);
/* Fill the fields as a person would (tests). */
gboolean           gw_new_hazard_dialog_set_grid  (GwNewHazardDialog *self,
                                                   gint64             grid_id);
void               gw_new_hazard_dialog_set_title (GwNewHazardDialog *self,
                                                   const char        *title);
/* Presses Create: the new id, or 0 when something is missing or refused
 * (shown in the dialog). */
gint64             gw_new_hazard_dialog_create    (GwNewHazardDialog *self);
/* Offers "then pick the place on the map" (on by default) when the window has
 * a map; it is asked after "created" with get_pick_on_map (), FALSE when
 * coordinates were typed. */
void               gw_new_hazard_dialog_set_can_pick    (GwNewHazardDialog *self,
                                                         gboolean           can_pick);
gboolean           gw_new_hazard_dialog_get_pick_on_map (GwNewHazardDialog *self);

G_END_DECLS
