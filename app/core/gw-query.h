/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-hazard.h"

G_BEGIN_DECLS

typedef enum {
  GW_SORT_ID,
  GW_SORT_NUMBER,
  GW_SORT_TITLE,
  GW_SORT_COUNTY,
  GW_SORT_GRID,
  GW_SORT_LEVEL,
  GW_SORT_URGENCY,
  GW_SORT_STATE,
  GW_SORT_MEASURE,
  GW_SORT_RESPONSIBLE,
  GW_SORT_DEADLINE,
  GW_SORT_FOUND_DATE,
} GwSortKey;

/* A ledger filter. Zero/NULL members do not filter. */
typedef struct {
  gint64      county_id;
  gint64      grid_id;
  guint       states;       /* bit mask of 1 << GwState; 0: all */
  guint       levels;       /* bit mask of 1 << GwLevel */
  guint       urgencies;    /* bit mask of 1 << GwUrgency */
  gboolean    overdue_only;
  gint64      campaign_id;
  const char *found_from, *found_to;       /* inclusive dates */
  const char *deadline_from, *deadline_to;
  const char *text;         /* number/title/description; Chinese terms of 2+ characters */
  const char *today;        /* for overdue; NULL: today */
  GwSortKey   sort;
  gboolean    descending;
} GwFilter;

/* Hazards matching @filter, sorted, from @offset; element type GwHazard. */
GPtrArray *gw_store_hazard_list  (GwStore *self, const GwFilter *filter, guint offset,
                                  guint limit, GError **error);
/* Count of matching hazards and of the overdue ones among them. */
gboolean   gw_store_hazard_count (GwStore *self, const GwFilter *filter, gint64 *n_matching,
                                  gint64 *n_overdue, GError **error);

/* The text the full-text index keeps for a hazard: Chinese runs become
 * overlapping bigrams so that two-character terms such as 废水 match; other
 * text is kept as words. @tail (optional) gets the last character of each
 * run, indexed apart for one-character queries. */
char      *gw_fts_index_text     (const char *text, char **tail);
/* An FTS5 MATCH expression for what a person typed, or NULL when it has no terms. */
char      *gw_fts_query          (const char *text);

G_END_DECLS
