/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-store.h"

G_BEGIN_DECLS

/* Records of the rhythm: ten-day analyses, patrols, weekly meetings. */

/* @participants: staff ids (may be NULL); returns the record's id, 0 on error.
 * A second analysis in the same dekad is stored and noted, never counted twice. */
gint64   gw_store_check_add     (GwStore *self, gint64 grid_id, GwCheckKind kind,
                                 const char *date, gint64 by_id, const gint64 *participants,
                                 guint n_participants, const char *area, const char *minutes,
                                 GError **error);
/* Links a hazard to a check: reviewed in it (with a note) or found by it. */
gboolean gw_store_check_link    (GwStore *self, gint64 check_id, gint64 hazard_id,
                                 gboolean found, const char *note, GError **error);

gint64   gw_store_meeting_add   (GwStore *self, const char *date, const char *attendees,
                                 const char *note, GError **error);
/* A decision 交办 of a meeting on one or more hazards; each hazard gets a
 * 'decision' event (一事一督办). */
gint64   gw_store_decision_add  (GwStore *self, gint64 meeting_id, const char *text,
                                 gint64 assignee_id, const char *deadline,
                                 const gint64 *hazard_ids, guint n_hazards, gint64 actor_id,
                                 GError **error);

/* One hazard in the "since the last meeting" lists. */
typedef struct {
  gint64  hazard_id;
  char   *number;
  char   *title;
  char   *county_name;
  char   *grid_name;
  char   *from_state;   /* state at the first date, NULL if it did not exist */
  char   *to_state;     /* state at the second date */
  char   *deadline;
  char   *responsible;
} GwChange;

typedef struct {
  char       since[11], until[11];
  GPtrArray *added;       /* found after since, up to until */
  GPtrArray *moved;       /* changed state otherwise */
  GPtrArray *downgraded;  /* passed verification with a downgrade */
  GPtrArray *closed;      /* closed (销号 or unfounded) and still closed */
  GPtrArray *overdue;     /* open at until, deadline passed between the two dates */
} GwMeetingDiff;

/* What changed between the end of @since and the end of @until, from the events. */
GwMeetingDiff *gw_store_meeting_diff (GwStore *self, const char *since, const char *until,
                                      GError **error);
void           gw_meeting_diff_free  (GwMeetingDiff *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwMeetingDiff, gw_meeting_diff_free)

/* The date of the last meeting strictly before @date, or NULL. */
char          *gw_store_meeting_before (GwStore *self, const char *date, GError **error);

G_END_DECLS
