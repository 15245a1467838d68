/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gw-hazard.h"

G_BEGIN_DECLS

/* One row of the ledger. It starts as a placeholder while its page is read
 * from the database and is filled (notify::loaded) when the page arrives;
 * a refresh may fill it again with newer data. */

#define GW_TYPE_HAZARD_ITEM (gw_hazard_item_get_type ())
G_DECLARE_FINAL_TYPE (GwHazardItem, gw_hazard_item, GW, HAZARD_ITEM, GObject)

GwHazardItem   *gw_hazard_item_new         (void);
/* Takes @hazard; notifies "loaded" (and "id" when it changes). */
void            gw_hazard_item_fill        (GwHazardItem *self,
                                            GwHazard     *hazard);
/* Back to a placeholder (notifies "loaded"). */
void            gw_hazard_item_clear       (GwHazardItem *self);
gboolean        gw_hazard_item_get_loaded  (GwHazardItem *self);
/* 0 while a placeholder. */
gint64          gw_hazard_item_get_id      (GwHazardItem *self);
/* NULL while a placeholder. */
const GwHazard *gw_hazard_item_get_hazard  (GwHazardItem *self);

G_END_DECLS
