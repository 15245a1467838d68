/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-meeting.h"

G_BEGIN_DECLS

#define GW_TYPE_MEETING_VIEW (gw_meeting_view_get_type ())
G_DECLARE_FINAL_TYPE (GwMeetingView, gw_meeting_view, GW, MEETING_VIEW, AdwBin)

/* The weekly meetings 周例会: choose two meetings (or a meeting and today) and
 * see the hazards added, moved, downgraded, closed and become overdue between
 * them, and the decisions 交办 of the later meeting; record a new meeting with
 * its attendees and decisions, each linked to hazards with an assignee and a
 * deadline (written into those hazards as events).
 *
 * Signals: "hazard-activated" (gint64 hazard id); "meeting-added" (gint64 id). */
GtkWidget           *gw_meeting_view_new           (GwStore       *store);

void                 gw_meeting_view_set_store     (GwMeetingView *self,
                                                    GwStore       *store);
/* Re-reads the meetings and compares the last two. */
void                 gw_meeting_view_reload        (GwMeetingView *self);

guint                gw_meeting_view_get_n_meetings (GwMeetingView *self);
/* Compares the meeting of @since with the one of @until (NULL: today), in a
 * worker thread; FALSE when either is not a meeting date or @since is not
 * earlier. */
gboolean             gw_meeting_view_compare       (GwMeetingView *self,
                                                    const char    *since,
                                                    const char    *until);
/* TRUE while a comparison is being computed. */
gboolean             gw_meeting_view_get_busy      (GwMeetingView *self);
/* The lists shown, or NULL (none chosen, or still computing). */
const GwMeetingDiff *gw_meeting_view_get_diff      (GwMeetingView *self);
/* Decisions of the later meeting shown. */
guint                gw_meeting_view_get_n_decisions (GwMeetingView *self);

/* Opens the dialog that records a new meeting; Monday by default. Its
 * widgets are named for scripts and tests: "meeting-date",
 * "meeting-attendees", "decision-text", "decision-hazards",
 * "decision-deadline" (of the first decision) and "save". */
GtkWindow           *gw_meeting_view_new_meeting   (GwMeetingView *self);

G_END_DECLS
