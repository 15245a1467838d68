/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-cadence-matrix.h"
#include "gw-interview-list.h"
#include "gw-meeting-view.h"

G_BEGIN_DECLS

#define GW_TYPE_CADENCE_VIEW (gw_cadence_view_get_type ())
G_DECLARE_FINAL_TYPE (GwCadenceView, gw_cadence_view, GW, CADENCE_VIEW, AdwBin)

/* The Cadence page 频次: the grid × dekad matrix of ten-day analyses with
 * patrol counts per month, the interview list 约谈 and the weekly meetings
 * 周例会, for a period (the last six months by default). Clicking a done cell
 * opens its record; a missed or due one offers to record it; a patrol count
 * lists that month's patrols.
 *
 * The matrix is computed in a worker thread on its own connection to the
 * store's file; records are written through "store".
 *
 * Signals: "hazard-activated" (gint64 hazard id): a hazard linked to a
 * record or listed in a meeting comparison was activated; the window may open
 * it. "records-changed": a record or a meeting was saved, which may have
 * created hazards or written decision events into them. */
GtkWidget       *gw_cadence_view_new         (GwStore        *store);

void             gw_cadence_view_set_store   (GwCadenceView  *self,
                                              GwStore        *store);
/* Recomputes the matrix, e.g. after records were added elsewhere. */
void             gw_cadence_view_reload      (GwCadenceView  *self);
/* TRUE while the matrix is being computed. */
gboolean         gw_cadence_view_get_busy    (GwCadenceView  *self);

void             gw_cadence_view_set_period  (GwCadenceView  *self,
                                              const GDate    *from,
                                              const GDate    *to);
void             gw_cadence_view_get_period  (GwCadenceView  *self,
                                              GDate          *from,
                                              GDate          *to);
/* "matrix", "interviews" or "meetings". */
void             gw_cadence_view_set_visible_page (GwCadenceView *self,
                                                   const char    *name);

/* The matrix shown, or NULL; owned by the view until the next load. */
const GwCadence *gw_cadence_view_get_cadence (GwCadenceView  *self);
GwCadenceMatrix *gw_cadence_view_get_matrix  (GwCadenceView  *self);
GwInterviewList *gw_cadence_view_get_interview_list (GwCadenceView *self);
GwMeetingView   *gw_cadence_view_get_meeting_view   (GwCadenceView *self);

G_END_DECLS
