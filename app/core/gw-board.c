/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "gw-board.h"
#include "gw-dekad.h"
#include "gw-store-private.h"

static const char * const page_ids[GW_N_BOARD_PAGES] = {
  "overview", "kanban", "ranking", "changes", "overdue", "interviews",
};

const char *
gw_board_page_to_id (GwBoardPage page)
{
  g_return_val_if_fail (page < GW_N_BOARD_PAGES, NULL);
  return page_ids[page];
}

gboolean
gw_board_page_parse (const char  *text,
                     GwBoardPage *out)
{
  for (guint i = 0; text != NULL && i < GW_N_BOARD_PAGES; i++)
    if (g_ascii_strcasecmp (text, page_ids[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gw_board_page_label (GwBoardPage page)
{
  switch (page)
    {
    case GW_BOARD_PAGE_OVERVIEW:   return _("Overview");
    case GW_BOARD_PAGE_KANBAN:     return _("Hazards by state");
    case GW_BOARD_PAGE_RANKING:    return _("Grid ranking");
    case GW_BOARD_PAGE_CHANGES:    return _("Since the last meeting");
    case GW_BOARD_PAGE_OVERDUE:    return _("Overdue for supervision");
    case GW_BOARD_PAGE_INTERVIEWS: return _("Interview list");
    case GW_N_BOARD_PAGES:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
gw_board_options_init (GwBoardOptions *options)
{
  memset (options, 0, sizeof *options);
  for (guint i = 0; i < GW_N_BOARD_PAGES; i++)
    options->pages[i] = i;
  options->n_pages = GW_N_BOARD_PAGES;
  options->per_column = 20;
  options->ranking_dekads = 9;
  options->interview_misses = 2;
  options->interview_overdue = 10;
}

gboolean
gw_board_options_set_pages (GwBoardOptions *options,
                            const char     *ids,
                            GError        **error)
{
  g_auto(GStrv) parts = g_strsplit (ids != NULL ? ids : "", ",", -1);
  GwBoardPage pages[GW_N_BOARD_PAGES];
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GwBoardPage page;
      char *id = g_strstrip (parts[i]);
      gboolean seen = FALSE;

      if (*id == '\0')
        continue;
      if (!gw_board_page_parse (id, &page))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a board page (one of overview, kanban, ranking, "
                         "changes, overdue, interviews)"), id);
          return FALSE;
        }
      for (guint j = 0; j < n; j++)
        seen |= pages[j] == page;
      if (!seen)
        pages[n++] = page;
    }
  if (n == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The board needs at least one page"));
      return FALSE;
    }
  memcpy (options->pages, pages, n * sizeof pages[0]);
  options->n_pages = n;
  return TRUE;
}

gint
gw_board_days_between (const char *from,
                       const char *to)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  if (!gw_date_parse (from, &a) || !gw_date_parse (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

static void
date_to_iso (const GDate *date,
             char         out[11])
{
  g_date_strftime (out, 11, "%Y-%m-%d", date);
}

static void
card_free (GwBoardCard *card)
{
  if (card == NULL)
    return;
  g_free (card->number);
  g_free (card->title);
  g_free (card->grid_name);
  g_free (card->county_name);
  g_free (card->responsible);
  g_free (card->deadline);
  g_free (card->closed_date);
  g_free (card);
}

static void
rank_free (GwBoardRank *rank)
{
  g_free (rank->grid_name);
  g_free (rank->county_name);
  g_free (rank);
}

static void
county_overdue_free (GwBoardCountyOverdue *county)
{
  g_free (county->county_name);
  g_ptr_array_unref (county->cards);
  g_free (county);
}

GwBoard *
gw_board_new (GwStore              *store,
              const GwBoardOptions *options,
              const char           *as_of,
              GError              **error)
{
  g_autoptr(GwBoard) board = g_rc_box_new0 (GwBoard);
  g_autofree char *before = NULL;
  GDate date, monday;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  if (options != NULL)
    board->options = *options;
  else
    gw_board_options_init (&board->options);
  board->slides = g_array_new (FALSE, FALSE, sizeof (GwBoardSlide));

  g_date_clear (&date, 1);
  if (as_of != NULL)
    {
      if (!gw_date_parse (as_of, &date))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a date (YYYY-MM-DD)"), as_of);
          return NULL;
        }
    }
  else
    /* Today as the rest of the program has it (GRIDWATCH_TODAY pins it). */
    gw_date_today (&date);
  date_to_iso (&date, board->as_of);

  /* The weekly meeting is on Monday: the board is for the one on or after the date. */
  monday = date;
  g_date_add_days (&monday, (G_DATE_MONDAY - g_date_get_weekday (&date) + 7) % 7);
  date_to_iso (&monday, board->meeting);

  stmt = gw_store_prepare (store, "SELECT count(*) FROM meetings WHERE date = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, board->meeting, -1, SQLITE_TRANSIENT);
  board->meeting_recorded = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);

  /* "Since the last meeting": the last one held before the as-of date. */
  before = gw_store_meeting_before (store, board->as_of, error);
  if (before == NULL && error != NULL && *error != NULL)
    return NULL;
  if (before != NULL)
    {
      g_strlcpy (board->since, before, sizeof board->since);
      board->since_is_meeting = TRUE;
    }
  else
    {
      GDate week = date;

      g_date_subtract_days (&week, 7);
      date_to_iso (&week, board->since);
    }

  if (board->options.county_id != 0)
    {
      stmt = gw_store_prepare (store, "SELECT name FROM counties WHERE id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, board->options.county_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        board->county_name = g_strdup (gw_store_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (board->county_name == NULL)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                       _("%s: there is no county %lld"), gw_store_get_path (store),
                       (long long) board->options.county_id);
          return NULL;
        }
    }

  for (guint i = 0; i < board->options.n_pages; i++)
    {
      GwBoardSlide slide = { board->options.pages[i], GW_URGENCY_NONE };

      if (slide.page == GW_BOARD_PAGE_KANBAN && board->options.kanban_by_urgency)
        for (GwUrgency u = GW_URGENCY_NO_DELAY; u < GW_N_URGENCIES; u++)
          {
            slide.urgency = u;
            g_array_append_val (board->slides, slide);
          }
      else
        g_array_append_val (board->slides, slide);
    }
  return g_steal_pointer (&board);
}

static void
board_clear (GwBoard *board)
{
  g_free (board->county_name);
  g_clear_pointer (&board->slides, g_array_unref);
  g_clear_pointer (&board->grids, g_ptr_array_unref);
  g_clear_pointer (&board->statuses, g_hash_table_unref);
  for (guint u = 0; u < GW_N_URGENCIES; u++)
    for (guint c = 0; c < GW_BOARD_N_COLUMNS; c++)
      g_clear_pointer (&board->kanban[u][c].cards, g_ptr_array_unref);
  g_clear_pointer (&board->ranking, g_ptr_array_unref);
  g_clear_pointer (&board->diff, gw_meeting_diff_free);
  g_clear_pointer (&board->overdue, g_ptr_array_unref);
  g_clear_pointer (&board->interviews, g_ptr_array_unref);
  g_clear_pointer (&board->cadence, gw_cadence_free);
}

GwBoard *
gw_board_ref (GwBoard *board)
{
  return g_rc_box_acquire (board);
}

void
gw_board_free (GwBoard *board)
{
  if (board != NULL)
    g_rc_box_release_full (board, (GDestroyNotify) board_clear);
}

guint
gw_board_n_slides (const GwBoard *board)
{
  return board->slides->len;
}

const GwBoardSlide *
gw_board_get_slide (const GwBoard *board,
                    guint          index)
{
  g_return_val_if_fail (index < board->slides->len, NULL);
  return &g_array_index (board->slides, GwBoardSlide, index);
}

/* ---- the hazards as they stood ------------------------------------------------------------ */

/* The pages read "@H@" for the hazards and "@T@" for their tallies: the
 * tables themselves for today, or, for a date before the newest recorded
 * event, temporary tables of the hazards replayed from their events to the
 * end of that day (as gw_store_stats does for its figures). */
static sqlite3_stmt *
board_prepare (GwBoard    *board,
               GwStore    *store,
               const char *sql,
               GError    **error)
{
  g_autoptr(GString) text = g_string_new (sql);

  g_string_replace (text, "@H@", board->past ? "temp.board_state" : "hazards", 0);
  g_string_replace (text, "@T@", board->past ? "temp.board_tally" : "hazard_tally", 0);
  return gw_store_prepare (store, text->str, error);
}

static gboolean
past_insert (const GwHazardSnapshot *r,
             gpointer                data,
             GError                **error)
{
  GwStore *store = data;
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (store,
                           "INSERT INTO temp.board_state SELECT id, number, title, grid_id, found_date,"
                           " ?2, ?3, ?4, nullif (?5, ''), nullif (?6, 0), nullif (?7, '')"
                           " FROM hazards WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->id);
  sqlite3_bind_text (stmt, 2, gw_state_to_id (r->state), -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 3, r->level != GW_LEVEL_NONE ? gw_level_to_id (r->level) : NULL);
  gw_store_bind_text_or_null (stmt, 4, r->urgency != GW_URGENCY_NONE ? gw_urgency_to_id (r->urgency)
                                                                      : NULL);
  sqlite3_bind_text (stmt, 5, r->deadline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, r->responsible_id);
  sqlite3_bind_text (stmt, 7, r->closed, -1, SQLITE_TRANSIENT);
  return STEP_DONE (store, stmt, _("reading the board"), error);
}

static gboolean
prepare_states (GwBoard  *board,
                GwStore  *store,
                GError  **error)
{
  GDate date;

  if (board->states_ready)
    return TRUE;
  if (!gw_store_date_is_past (store, board->as_of, &board->past, error))
    return FALSE;
  if (!board->past)
    {
      board->states_ready = TRUE;
      return TRUE;
    }

  if (!gw_store_exec (store,
                      "CREATE TEMP TABLE IF NOT EXISTS board_state (id INTEGER PRIMARY KEY,"
                      " number TEXT, title TEXT, grid_id INTEGER, found_date TEXT, state TEXT,"
                      " level TEXT, urgency TEXT, deadline TEXT, responsible_id INTEGER,"
                      " closed_date TEXT);"
                      "CREATE TEMP TABLE IF NOT EXISTS board_tally (grid_id INTEGER, state TEXT,"
                      " level TEXT, urgency TEXT, n INTEGER);"
                      "DELETE FROM temp.board_state; DELETE FROM temp.board_tally;"
                      "SAVEPOINT board_past", error))
    return FALSE;
  /* One pass over the history: the KPIs of the day and the hazards as they stood. */
  gw_date_parse (board->as_of, &date);
  if (!gw_store_stats_replay_with (store, &date, &board->stats, past_insert, store, error) ||
      !gw_store_exec (store,
                      "INSERT INTO temp.board_tally SELECT grid_id, state, coalesce (level, ''),"
                      " coalesce (urgency, ''), count(*) FROM temp.board_state GROUP BY 1, 2, 3, 4;",
                      error))
    {
      gw_store_exec (store, "ROLLBACK TO board_past; RELEASE board_past", NULL);
      return FALSE;
    }
  if (!gw_store_exec (store, "RELEASE board_past", error))
    return FALSE;
  board->states_ready = TRUE;
  return TRUE;
}

/* ---- cards ------------------------------------------------------------------------------ */

#define CARD_COLUMNS \
  "h.id, h.number, h.title, g.name, c.name, s.name, h.level, h.urgency, h.state, h.deadline, " \
  "h.closed_date"
#define CARD_FROM \
  " FROM @H@ h JOIN grids g ON g.id = h.grid_id JOIN counties c ON c.id = g.county_id" \
  " LEFT JOIN staff s ON s.id = h.responsible_id"
/* Overdue as the KPIs count it: still being dealt with and past the deadline. */
#define OVERDUE_SQL(d) \
  "(h.state IN ('reported', 'rectifying') AND h.deadline IS NOT NULL AND h.deadline < " d ")"
#define LEVEL_ORDER \
  "CASE h.level WHEN 'I' THEN 1 WHEN 'II' THEN 2 WHEN 'III' THEN 3 WHEN 'IV' THEN 4 ELSE 5 END"

static GwBoardCard *
card_from_row (sqlite3_stmt *stmt,
               const char   *as_of)
{
  GwBoardCard *card = g_new0 (GwBoardCard, 1);

  card->id = sqlite3_column_int64 (stmt, 0);
  card->number = g_strdup (gw_store_column_text (stmt, 1));
  card->title = g_strdup (gw_store_column_text (stmt, 2));
  card->grid_name = g_strdup (gw_store_column_text (stmt, 3));
  card->county_name = g_strdup (gw_store_column_text (stmt, 4));
  card->responsible = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  card->level = GW_LEVEL_NONE;
  gw_level_parse ((const char *) sqlite3_column_text (stmt, 6), &card->level);
  card->urgency = GW_URGENCY_NONE;
  gw_urgency_parse ((const char *) sqlite3_column_text (stmt, 7), &card->urgency);
  gw_state_parse (gw_store_column_text (stmt, 8), &card->state);
  card->deadline = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  card->closed_date = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  if (card->deadline != NULL)
    card->days_left = gw_board_days_between (as_of, card->deadline);
  card->overdue = card->deadline != NULL && card->days_left < 0 &&
                  (card->state == GW_STATE_REPORTED || card->state == GW_STATE_RECTIFYING);
  return card;
}

/* Appends up to @limit cards from @stmt (bound) to @cards. */
static gboolean
take_cards (GwStore      *store,
            sqlite3_stmt *stmt,
            const char   *as_of,
            GPtrArray    *cards,
            GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cards, card_from_row (stmt, as_of));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading the board"), error);
  return TRUE;
}

static void
bind_filter (sqlite3_stmt *stmt,
             GwBoard      *board,
             GwUrgency     urgency,
             GwState       state)
{
  sqlite3_bind_int64 (stmt, 1, board->options.county_id);
  if (urgency != GW_URGENCY_NONE)
    sqlite3_bind_text (stmt, 2, gw_urgency_to_id (urgency), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, gw_state_to_id (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, board->as_of, -1, SQLITE_TRANSIENT);
}

static gboolean
load_kanban (GwBoard   *board,
             GwStore   *store,
             GwUrgency  urgency,
             GError   **error)
{
  /* The open columns hold what is in that state now, the most urgent first:
   * by deadline, so the overdue come first (their deadline has passed), then
   * those without a deadline yet, the oldest report first. Each part walks
   * the (state, deadline) index; the counts come from the tallies. The
   * closed column holds what was closed in the week ending on the date. */
#define FILTER " (?1 = 0 OR g.county_id = ?1) AND (?2 IS NULL OR h.urgency = ?2) AND h.state = ?3"
  /* Closed ones by the closing date's index (a closing date means closed). */
#define CLOSED_FILTER " (?1 = 0 OR g.county_id = ?1) AND (?2 IS NULL OR h.urgency = ?2) AND ?3 = 'closed'"
  static const char *dated_sql =
    "SELECT " CARD_COLUMNS CARD_FROM " WHERE" FILTER " AND h.deadline IS NOT NULL"
    " ORDER BY h.deadline, h.id LIMIT ?5";
  static const char *undated_sql =
    "SELECT " CARD_COLUMNS CARD_FROM " WHERE" FILTER " AND h.deadline IS NULL"
    " ORDER BY h.found_date, h.id LIMIT ?5";
  static const char *closed_sql =
    "SELECT " CARD_COLUMNS CARD_FROM " WHERE" CLOSED_FILTER
    " AND h.closed_date BETWEEN date (?4, '-6 days') AND ?4 ORDER BY h.closed_date DESC, h.id LIMIT ?5";
  static const char *closed_count_sql =
    "SELECT count(*)" CARD_FROM " WHERE" CLOSED_FILTER " AND h.closed_date BETWEEN date (?4, '-6 days') AND ?4";
  /* One pass over the tallies for every state. */
  static const char *tally_sql =
    "SELECT t.state, sum (t.n) FROM @T@ t JOIN grids g ON g.id = t.grid_id"
    " WHERE (?1 = 0 OR g.county_id = ?1) AND (?2 IS NULL OR t.urgency = ?2) GROUP BY t.state";
#undef FILTER
#undef CLOSED_FILTER
  sqlite3_stmt *stmt;
  int rc;

  stmt = board_prepare (board, store, tally_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board->options.county_id);
  if (urgency != GW_URGENCY_NONE)
    sqlite3_bind_text (stmt, 2, gw_urgency_to_id (urgency), -1, SQLITE_STATIC);
  for (guint c = 0; c < GW_BOARD_N_COLUMNS; c++)
    board->kanban[urgency][c].total = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwState state;

      if (gw_state_parse (gw_store_column_text (stmt, 0), &state) && state != GW_STATE_CLOSED)
        board->kanban[urgency][state].total = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading the board"), error);

  for (GwState c = 0; c < GW_BOARD_N_COLUMNS; c++)
    {
      GwBoardColumn *column = &board->kanban[urgency][c];
      guint limit = board->options.per_column;

      column->state = c;
      g_clear_pointer (&column->cards, g_ptr_array_unref);
      column->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_free);

      if (c == GW_STATE_CLOSED)
        {
          stmt = board_prepare (board, store, closed_count_sql, error);
          if (stmt == NULL)
            return FALSE;
          bind_filter (stmt, board, urgency, c);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            {
              sqlite3_reset (stmt);
              return gw_store_fail (store, _("reading the board"), error);
            }
          column->total = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
        }

      for (guint part = 0; part < 2 && column->cards->len < limit; part++)
        {
          if (c == GW_STATE_CLOSED && part == 1)
            break;
          stmt = board_prepare (board, store, c == GW_STATE_CLOSED ? closed_sql
                                          : part == 0 ? dated_sql : undated_sql, error);
          if (stmt == NULL)
            return FALSE;
          bind_filter (stmt, board, urgency, c);
          sqlite3_bind_int64 (stmt, 5, limit - column->cards->len);
          if (!take_cards (store, stmt, board->as_of, column->cards, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- ranking ---------------------------------------------------------------------------- */

static int
rank_compare (gconstpointer a,
              gconstpointer b)
{
  const GwBoardRank *x = *(GwBoardRank * const *) a;
  const GwBoardRank *y = *(GwBoardRank * const *) b;

  /* Completion first, then fewer overdue, then the better cadence. */
  if (x->completion != y->completion)
    return x->completion > y->completion ? -1 : 1;
  if (x->overdue != y->overdue)
    return x->overdue < y->overdue ? -1 : 1;
  if (x->compliance != y->compliance)
    return x->compliance > y->compliance ? -1 : 1;
  return g_strcmp0 (x->grid_name, y->grid_name);
}

static gboolean
load_ranking (GwBoard  *board,
              GwStore  *store,
              GError  **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  GDate as_of, first, last;
  GwDekad dekad;
  char from_id[11], to_id[11];
  sqlite3_stmt *stmt;
  int rc;

  g_date_clear (&as_of, 1);
  gw_date_parse (board->as_of, &as_of);
  /* The last complete dekads, as many as asked for. */
  dekad = gw_dekad_last_complete (&as_of);
  gw_dekad_first_day (dekad, &last);
  for (guint i = 1; i < MAX (board->options.ranking_dekads, 1); i++)
    dekad = gw_dekad_prev (dekad);
  gw_dekad_first_day (dekad, &first);
  date_to_iso (&first, from_id);
  date_to_iso (&last, to_id);
  board->ranking_dekads = MAX (board->options.ranking_dekads, 1);

  g_clear_pointer (&board->ranking, g_ptr_array_unref);
  board->ranking = g_ptr_array_new_with_free_func ((GDestroyNotify) rank_free);
  /* Counts from the tallies, overdue from the (state, deadline) index: no
   * walk over every hazard. */
  stmt = board_prepare (board, store,
                           "SELECT g.id, g.name, c.name, coalesce (sum (t.n), 0),"
                           " coalesce (sum (CASE WHEN t.state IN ('downgraded', 'closed')"
                           "                THEN t.n END), 0)"
                           " FROM grids g JOIN counties c ON c.id = g.county_id"
                           " LEFT JOIN @T@ t ON t.grid_id = g.id"
                           " GROUP BY g.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwBoardRank *r = g_new0 (GwBoardRank, 1);

      r->grid_id = sqlite3_column_int64 (stmt, 0);
      r->grid_name = g_strdup (gw_store_column_text (stmt, 1));
      r->county_name = g_strdup (gw_store_column_text (stmt, 2));
      r->hazards = sqlite3_column_int64 (stmt, 3);
      r->done = sqlite3_column_int64 (stmt, 4);
      r->completion = r->hazards > 0 ? (double) r->done / r->hazards : 1.0;
      g_ptr_array_add (board->ranking, r);
      g_hash_table_insert (index, &r->grid_id, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading the board"), error);

  stmt = board_prepare (board, store,
                           "SELECT grid_id, count(*) FROM @H@ h WHERE h.state = 'reported'"
                           " AND h.deadline < ?1 GROUP BY grid_id UNION ALL"
                           " SELECT grid_id, count(*) FROM @H@ h WHERE h.state = 'rectifying'"
                           " AND h.deadline < ?1 GROUP BY grid_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, board->as_of, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GwBoardRank *r = g_hash_table_lookup (index, &id);

      if (r != NULL)
        r->overdue += sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading the board"), error);

  stmt = board_prepare (board, store,
                           "SELECT grid_id, count(DISTINCT dekad) FROM checks"
                           " WHERE kind = 'analysis' AND dekad BETWEEN ?1 AND ?2 GROUP BY grid_id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GwBoardRank *r = g_hash_table_lookup (index, &id);

      if (r != NULL)
        r->compliance = (double) sqlite3_column_int64 (stmt, 1) / board->ranking_dekads;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading the board"), error);

  g_ptr_array_sort (board->ranking, rank_compare);
  for (guint i = 0; i < board->ranking->len; i++)
    ((GwBoardRank *) board->ranking->pdata[i])->rank = i + 1;
  return TRUE;
}

/* ---- overdue by county ------------------------------------------------------------------ */

#define OVERDUE_PER_COUNTY 12

static gboolean
load_overdue (GwBoard  *board,
              GwStore  *store,
              GError  **error)
{
  g_autoptr(GHashTable) counties = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_clear_pointer (&board->overdue, g_ptr_array_unref);
  board->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) county_overdue_free);
  board->overdue_total = 0;
  stmt = board_prepare (board, store,
                           "SELECT c.id, c.name, count(*), max (julianday (?1) - julianday (h.deadline))"
                           " FROM @H@ h JOIN grids g ON g.id = h.grid_id"
                           " JOIN counties c ON c.id = g.county_id"
                           " WHERE " OVERDUE_SQL ("?1")
                           " GROUP BY c.id ORDER BY count(*) DESC, c.code", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, board->as_of, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwBoardCountyOverdue *county = g_new0 (GwBoardCountyOverdue, 1);

      county->county_id = sqlite3_column_int64 (stmt, 0);
      county->county_name = g_strdup (gw_store_column_text (stmt, 1));
      county->total = sqlite3_column_int64 (stmt, 2);
      county->worst_days = sqlite3_column_int (stmt, 3);
      county->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_free);
      board->overdue_total += county->total;
      g_ptr_array_add (board->overdue, county);
      g_hash_table_insert (counties, &county->county_id, county);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading the board"), error);

  /* The most overdue of each county (the window keeps it one pass). */
  stmt = board_prepare (board, store,
                           "SELECT * FROM (SELECT " CARD_COLUMNS ", g.county_id,"
                           "  row_number () OVER (PARTITION BY g.county_id"
                           "                      ORDER BY h.deadline, " LEVEL_ORDER ", h.id) AS rn"
                           CARD_FROM " WHERE " OVERDUE_SQL ("?1") ") WHERE rn <= ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, board->as_of, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, OVERDUE_PER_COUNTY);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 county_id = sqlite3_column_int64 (stmt, 11);
      GwBoardCountyOverdue *county = g_hash_table_lookup (counties, &county_id);

      if (county != NULL)
        g_ptr_array_add (county->cards, card_from_row (stmt, board->as_of));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading the board"), error);
  return TRUE;
}

/* ---- interviews ------------------------------------------------------------------------- */

static gboolean
load_interviews (GwBoard  *board,
                 GwStore  *store,
                 GError  **error)
{
  GDate as_of, from;
  GwDekad dekad;

  g_date_clear (&as_of, 1);
  gw_date_parse (board->as_of, &as_of);
  /* A run of misses long enough to count, and a little more to see where it began. */
  dekad = gw_dekad_of (&as_of);
  for (guint i = 0; i < MAX (board->options.interview_misses, 1) + 6; i++)
    dekad = gw_dekad_prev (dekad);
  gw_dekad_first_day (dekad, &from);

  g_clear_pointer (&board->interviews, g_ptr_array_unref);
  g_clear_pointer (&board->cadence, gw_cadence_free);
  board->cadence = gw_store_cadence (store, &from, &as_of, &as_of, error);
  if (board->cadence == NULL)
    return FALSE;
  board->interviews = gw_cadence_interviews (board->cadence, board->options.interview_misses,
                                             board->options.interview_overdue);
  return TRUE;
}

gboolean
gw_board_load (GwBoard     *board,
               GwStore     *store,
               GwBoardPage  page,
               GError     **error)
{
  GDate date;
  gboolean ok = TRUE;

  g_return_val_if_fail (board != NULL && GW_IS_STORE (store), FALSE);
  g_return_val_if_fail (page < GW_N_BOARD_PAGES, FALSE);

  if (board->loaded[page])
    return TRUE;
  if (!prepare_states (board, store, error))
    return FALSE;

  g_date_clear (&date, 1);
  gw_date_parse (board->as_of, &date);
  switch (page)
    {
    case GW_BOARD_PAGE_OVERVIEW:
      /* A past date's KPIs came with the replay of its hazards. */
      ok = board->past || gw_store_stats (store, &date, &board->stats, error);
      if (ok && board->grids == NULL)
        ok = (board->grids = gw_map_grids (store, error)) != NULL;
      if (ok)
        {
          g_clear_pointer (&board->statuses, g_hash_table_unref);
          board->statuses = board->past
            ? gw_map_grid_statuses_in (store, "temp.board_state", "temp.board_tally", board->as_of, error)
            : gw_map_grid_statuses (store, board->as_of, error);
          ok = board->statuses != NULL;
        }
      break;
    case GW_BOARD_PAGE_KANBAN:
      ok = load_kanban (board, store, GW_URGENCY_NONE, error);
      if (board->options.kanban_by_urgency)
        for (GwUrgency u = GW_URGENCY_NO_DELAY; ok && u < GW_N_URGENCIES; u++)
          ok = load_kanban (board, store, u, error);
      break;
    case GW_BOARD_PAGE_RANKING:
      ok = load_ranking (board, store, error);
      break;
    case GW_BOARD_PAGE_CHANGES:
      g_clear_pointer (&board->diff, gw_meeting_diff_free);
      ok = (board->diff = gw_store_meeting_diff (store, board->since, board->as_of, error)) != NULL;
      break;
    case GW_BOARD_PAGE_OVERDUE:
      ok = load_overdue (board, store, error);
      break;
    case GW_BOARD_PAGE_INTERVIEWS:
      ok = load_interviews (board, store, error);
      break;
    case GW_N_BOARD_PAGES:
    default:
      g_assert_not_reached ();
    }
  board->loaded[page] = ok;
  return ok;
}

gboolean
gw_board_load_all (GwBoard  *board,
                   GwStore  *store,
                   GError  **error)
{
  for (guint i = 0; i < board->slides->len; i++)
    if (!gw_board_load (board, store, gw_board_get_slide (board, i)->page, error))
      return FALSE;
  return TRUE;
}
