/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-cadence.h"

G_BEGIN_DECLS

#define GW_TYPE_INTERVIEW_LIST (gw_interview_list_get_type ())
G_DECLARE_FINAL_TYPE (GwInterviewList, gw_interview_list, GW, INTERVIEW_LIST, GtkBox)

/* The interview list 约谈: grids whose ten-day analysis was missed in
 * "misses" consecutive dekads (the GSettings key interview-misses), or with
 * more than "overdue-threshold" overdue hazards (-1: that rule is off), with
 * the grid chief's name and phone. Rows follow gw_cadence_interviews().
 *
 * Signal "grid-activated" (guint row): a row of cadence->rows was activated. */
GtkWidget   *gw_interview_list_new           (void);

/* @cadence is borrowed: keep it alive until another one (or NULL) is set. */
void         gw_interview_list_set_cadence   (GwInterviewList *self,
                                              const GwCadence *cadence);
guint        gw_interview_list_get_misses    (GwInterviewList *self);
void         gw_interview_list_set_misses    (GwInterviewList *self,
                                              guint            misses);
gint64       gw_interview_list_get_overdue_threshold (GwInterviewList *self);
void         gw_interview_list_set_overdue_threshold (GwInterviewList *self,
                                                      gint64           threshold);

/* What the list shows, in its current sort order. */
guint        gw_interview_list_get_n_items   (GwInterviewList *self);
/* The grid code of row @position, or NULL. */
const char  *gw_interview_list_get_grid_code (GwInterviewList *self,
                                              guint            position);
/* The list as tab-separated text with a header line, as "Copy" puts it on
 * the clipboard for a spreadsheet. */
char        *gw_interview_list_to_text       (GwInterviewList *self);

G_END_DECLS
