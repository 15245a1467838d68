/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-hazard.h"

G_BEGIN_DECLS

/* One hazard: every field, editable with the problems shown where they are;
 * the transitions its state allows (hazard.transition, each asking for what
 * it requires); photos before and after; the history as a timeline with a
 * comment box. Emits "back" when the person leaves it and "changed" after
 * each change it wrote.
 *
 * The page knows no map. "Show on map" emits "show-on-map" (gint64 hazard_id)
 * and "pick location on map" emits "pick-location" (gint64 hazard_id, gint64
 * grid_id) once the operator may edit the hazard; whoever has the map handles
 * them (gw-application.c) and gives the place picked back with
 * gw_hazard_page_set_location (). The buttons show only when something is
 * connected to those signals. */

#define GW_TYPE_HAZARD_PAGE (gw_hazard_page_get_type ())
G_DECLARE_FINAL_TYPE (GwHazardPage, gw_hazard_page, GW, HAZARD_PAGE, AdwBin)

GtkWidget      *gw_hazard_page_new             (void);
/* The main thread's connection; photos are stored by a worker's own one. */
void            gw_hazard_page_set_store       (GwHazardPage *self,
                                                GwStore      *store);
void            gw_hazard_page_set_operator_id (GwHazardPage *self,
                                                gint64        operator_id);
/* Shows hazard @id; FALSE and @error when it cannot be read. */
gboolean        gw_hazard_page_load            (GwHazardPage *self,
                                                gint64        id,
                                                GError      **error);
/* Reads the hazard shown again (it changed elsewhere). */
void            gw_hazard_page_reload          (GwHazardPage *self);
/* The hazard shown, or NULL. */
const GwHazard *gw_hazard_page_get_hazard      (GwHazardPage *self);
/* The events shown in the history, oldest first (GwEvent). */
GPtrArray      *gw_hazard_page_get_events      (GwHazardPage *self);
/* Stores @file as a photo of @kind ("before" or "after") in a worker, as a
 * drop or the file chooser does. */
void            gw_hazard_page_add_photo       (GwHazardPage *self,
                                                GFile        *file,
                                                const char   *kind);
/* TRUE while photos are stored or thumbnails read. */
gboolean        gw_hazard_page_get_busy        (GwHazardPage *self);
/* The transition dialog while it is open, or NULL. */
GtkWindow      *gw_hazard_page_get_dialog      (GwHazardPage *self);
/* The last change refused, or NULL. */
const char     *gw_hazard_page_get_last_error  (GwHazardPage *self);
/* Stores (@lat, @lon) as the location of the hazard shown (an edit, recorded
 * as an event) and shows it; FALSE when refused (the reason is shown). */
gboolean        gw_hazard_page_set_location    (GwHazardPage *self,
                                                double        lat,
                                                double        lon);
/* The warning shown when the hazard's point lies outside its grid's
 * boundary, or NULL. */
const char     *gw_hazard_page_get_location_warning (GwHazardPage *self);

G_END_DECLS
