/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-cadence.h"
#include "gw-map-data.h"
#include "gw-meeting.h"
#include "gw-stats.h"

G_BEGIN_DECLS

/* What the war-room board 挂图作战 shows at the weekly meeting: the figures of
 * each page, read from the store for an as-of date. Drawing is elsewhere
 * (app/gw-board-render.c), so the same figures feed the window, the PDF and
 * the PNGs. */

typedef enum {
  GW_BOARD_PAGE_OVERVIEW,     /* KPI tiles and the map of grids by status */
  GW_BOARD_PAGE_KANBAN,       /* state columns of cards */
  GW_BOARD_PAGE_RANKING,      /* grid ranking 排名 */
  GW_BOARD_PAGE_CHANGES,      /* since the last meeting */
  GW_BOARD_PAGE_OVERDUE,      /* overdue list for 督办, by county */
  GW_BOARD_PAGE_INTERVIEWS,   /* the interview list 约谈 */
  GW_N_BOARD_PAGES
} GwBoardPage;

const char *gw_board_page_to_id (GwBoardPage page);
gboolean    gw_board_page_parse (const char *text, GwBoardPage *out);
/* Translated title of a page. */
const char *gw_board_page_label (GwBoardPage page);

/* A hazard as a card or a row on the board. */
typedef struct {
  gint64     id;
  char      *number;
  char      *title;
  char      *grid_name;
  char      *county_name;
  char      *responsible;     /* may be NULL */
  GwLevel    level;
  GwUrgency  urgency;
  GwState    state;
  char      *deadline;        /* may be NULL */
  char      *closed_date;     /* may be NULL */
  gboolean   overdue;         /* reported/rectifying and the deadline passed */
  gint       days_left;       /* deadline − as-of in days; negative when overdue */
} GwBoardCard;

/* Columns of the kanban: reported, rectifying, verifying, downgraded, closed
 * in the 7 days ending on the as-of date. */
#define GW_BOARD_N_COLUMNS 5

typedef struct {
  GwState    state;
  gint64     total;           /* cards that belong in the column */
  GPtrArray *cards;           /* GwBoardCard*, most urgent first, at most per_column */
} GwBoardColumn;

typedef struct {
  gint64   grid_id;
  char    *grid_name;
  char    *county_name;
  gint64   hazards;
  gint64   done;              /* downgraded or closed */
  gint64   overdue;
  double   completion;        /* done / hazards; 1 when the grid has none */
  double   compliance;        /* analyses held in the ranking's complete dekads */
  guint    rank;              /* 1 is the best */
} GwBoardRank;

typedef struct {
  gint64     county_id;
  char      *county_name;
  gint64     total;           /* overdue hazards of the county */
  gint       worst_days;      /* most days overdue */
  GPtrArray *cards;           /* GwBoardCard*, most overdue first, at most per_county */
} GwBoardCountyOverdue;

/* Which pages, in which order, and what they show. */
typedef struct {
  GwBoardPage pages[GW_N_BOARD_PAGES];
  guint       n_pages;
  gint64      county_id;          /* kanban filter; 0: the whole city */
  gboolean    kanban_by_urgency;  /* one kanban page per urgency class */
  guint       per_column;         /* cards kept per kanban column */
  guint       ranking_dekads;     /* complete dekads the compliance counts */
  guint       interview_misses;   /* consecutive missed analyses that call for 约谈 */
  gint64      interview_overdue;  /* or more overdue hazards than this; < 0: off */
} GwBoardOptions;

/* Every page in the default order, the whole city, 20 cards a column, nine
 * dekads, interviews at 2 misses or more than 10 overdue. */
void        gw_board_options_init   (GwBoardOptions *options);
/* Pages from a list of ids ("overview,kanban,…"); FALSE and an error naming
 * the unknown id otherwise. */
gboolean    gw_board_options_set_pages (GwBoardOptions *options, const char *ids,
                                        GError **error);

/* One shown page: a page kind and, for a kanban page of one urgency class,
 * that class (GW_URGENCY_NONE: all). */
typedef struct {
  GwBoardPage page;
  GwUrgency   urgency;
} GwBoardSlide;

typedef struct {
  GwBoardOptions options;
  char        as_of[11];
  char        meeting[11];        /* the Monday meeting the board is for */
  gboolean    meeting_recorded;   /* a meeting is recorded on that day */
  char        since[11];          /* the meeting before, or a week before */
  gboolean    since_is_meeting;
  char       *county_name;        /* of options.county_id, or NULL */
  GArray     *slides;             /* GwBoardSlide, in order */

  /* Before the newest recorded event the hazards are replayed from their
   * events to the end of the as-of day (temporary tables of the connection
   * that loads the board); from then on they are read as they stand. */
  gboolean    past;
  gboolean    states_ready;

  /* Filled by gw_board_load for the pages it was asked for. */
  gboolean       loaded[GW_N_BOARD_PAGES];
  GwStats        stats;
  GPtrArray     *grids;           /* GwMapGrid* with shapes */
  GHashTable    *statuses;        /* gint64* grid id → GwMapGridStatus* */
  GwBoardColumn  kanban[GW_N_URGENCIES][GW_BOARD_N_COLUMNS]; /* [NONE]: every class */
  GPtrArray     *ranking;         /* GwBoardRank*, best first */
  guint          ranking_dekads;  /* complete dekads counted (≤ options.ranking_dekads) */
  GwMeetingDiff *diff;
  GPtrArray     *overdue;         /* GwBoardCountyOverdue*, most overdue counties first */
  gint64         overdue_total;
  GwCadence     *cadence;         /* of the interview list */
  GPtrArray     *interviews;      /* GwCadenceRow* of cadence */
} GwBoard;

/* A board for @as_of ("YYYY-MM-DD"; NULL: today); nothing is loaded yet. */
GwBoard    *gw_board_new            (GwStore *store, const GwBoardOptions *options,
                                     const char *as_of, GError **error);
/* Boards are shared with the threads that write them out: free drops a reference. */
GwBoard    *gw_board_ref            (GwBoard *board);
void        gw_board_free           (GwBoard *board);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwBoard, gw_board_free)

/* Reads what @page shows (no-op when already loaded). */
gboolean    gw_board_load           (GwBoard *board, GwStore *store, GwBoardPage page,
                                     GError **error);
/* Reads every page of the board's slides. */
gboolean    gw_board_load_all       (GwBoard *board, GwStore *store, GError **error);

guint       gw_board_n_slides       (const GwBoard *board);
const GwBoardSlide *gw_board_get_slide (const GwBoard *board, guint index);

/* Days from @from to @to ("YYYY-MM-DD"), negative when @to is earlier. */
gint        gw_board_days_between   (const char *from, const char *to);

G_END_DECLS
