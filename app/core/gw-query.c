/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gw-query.h"
#include "gw-store-private.h"

static gboolean
is_cjk (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN && g_unichar_isalpha (c);
}

/* Appends @text with every run of Chinese characters replaced by its
 * overlapping bigrams. With @tail, the last character of each run of two or
 * more goes there, so that a one-character query finds a character wherever
 * it stands: as the first of a bigram in the text, or in the tail. The tail is
 * kept apart so that bigram phrases stay adjacent across runs and words. */
static void
append_bigrams (GString    *out,
                const char *text,
                GString    *tail)
{
  const char *p = text;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_cjk (c))
        {
          const char *next = g_utf8_next_char (p);
          g_string_append_len (out, p, next - p);
          p = next;
          continue;
        }

      {
        const char *run = p, *end = p;
        guint len = 0;

        while (*end && is_cjk (g_utf8_get_char (end)))
          {
            end = g_utf8_next_char (end);
            len++;
          }
        g_string_append_c (out, ' ');
        if (len == 1)
          g_string_append_len (out, run, end - run);
        else
          {
            const char *a = run;
            for (guint i = 0; i + 1 < len; i++)
              {
                const char *b = g_utf8_next_char (a);
                const char *c2 = g_utf8_next_char (b);
                g_string_append_len (out, a, c2 - a);
                g_string_append_c (out, ' ');
                a = b;
              }
            if (tail)
              {
                g_string_append_len (tail, a, end - a);
                g_string_append_c (tail, ' ');
              }
          }
        g_string_append_c (out, ' ');
        p = end;
      }
    }
}

char *
gw_fts_index_text (const char *text,
                   char      **tail)
{
  GString *out = g_string_new (NULL);
  GString *t = g_string_new (NULL);

  if (text)
    append_bigrams (out, text, t);
  if (tail)
    *tail = g_string_free (t, FALSE);
  else
    g_string_free (t, TRUE);
  return g_string_free (out, FALSE);
}

char *
gw_hazard_fts_doc (const char *number,
                   const char *title,
                   const char *description)
{
  return g_strjoin (" ", number ? number : "", title ? title : "",
                    description ? description : "", NULL);
}

static gboolean
has_token_chars (const char *s)
{
  for (; *s; s = g_utf8_next_char (s))
    if (g_unichar_isalnum (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

char *
gw_fts_query (const char *text)
{
  g_autoptr(GString) q = g_string_new (NULL);
  g_auto(GStrv) terms = NULL;

  if (text == NULL)
    return NULL;
  {
    /* U+3000 is three bytes: replace it as a string before splitting on bytes. */
    g_autoptr(GString) plain = g_string_new (text);
    g_string_replace (plain, "\u3000", " ", 0);
    terms = g_strsplit_set (plain->str, " \t\r\n", -1);
  }
  for (guint i = 0; terms[i]; i++)
    {
      const char *term = terms[i];
      g_autoptr(GString) phrase = g_string_new (NULL);
      gboolean one_cjk;

      if (!has_token_chars (term))
        continue;
      one_cjk = g_utf8_strlen (term, -1) == 1 && is_cjk (g_utf8_get_char (term));
      append_bigrams (phrase, term, NULL);

      if (q->len)
        g_string_append (q, " AND ");
      if (one_cjk)
        {
          /* The first character of a bigram in the text, or the last of a run. */
          g_string_append_printf (q, "(doc : \"%s\"* OR tail : \"%s\")", term, term);
          continue;
        }
      g_string_append (q, "doc : \"");
      for (const char *p = phrase->str; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (q, '"');
          g_string_append_c (q, *p);
        }
      g_string_append_c (q, '"');
      /* Words are matched as prefixes, as the user types; a single Chinese
       * character matches every bigram it starts and every run it ends. */
      if (!is_cjk (g_utf8_get_char (g_utf8_prev_char (term + strlen (term)))))
        g_string_append_c (q, '*');
    }
  return q->len ? g_string_free (g_steal_pointer (&q), FALSE) : NULL;
}

static gboolean
fts_write (GwStore    *self,
           const char *sql,
           gint64      id,
           const char *text,
           GError    **error)
{
  g_autofree char *tail = NULL;
  g_autofree char *doc = gw_fts_index_text (text, &tail);
  sqlite3_stmt *stmt = gw_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, doc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tail, -1, SQLITE_STATIC);
  return STEP_DONE (self, stmt, _("updating the search index"), error);
}

gboolean
gw_store_fts_update (GwStore    *self,
                     gint64      id,
                     const char *old_text,
                     const char *new_text,
                     GError    **error)
{
  /* A contentless index forgets a row only when given what it indexed. */
  if (old_text && !fts_write (self, "INSERT INTO hazard_fts (hazard_fts, rowid, doc, tail)"
                                    " VALUES ('delete', ?1, ?2, ?3)", id, old_text, error))
    return FALSE;
  if (new_text && !fts_write (self, "INSERT INTO hazard_fts (rowid, doc, tail)"
                                    " VALUES (?1, ?2, ?3)", id, new_text, error))
    return FALSE;
  return TRUE;
}

static void
fts_text_func (sqlite3_context *ctx,
               int              argc,
               sqlite3_value  **argv)
{
  gboolean want_tail = GPOINTER_TO_INT (sqlite3_user_data (ctx));
  g_autofree char *tail = NULL;
  g_autofree char *doc = gw_fts_index_text ((const char *) sqlite3_value_text (argv[0]), &tail);

  sqlite3_result_text (ctx, want_tail ? tail : doc, -1, SQLITE_TRANSIENT);
}

gboolean
gw_store_fts_fill (GwStore *self,
                   GError **error)
{
  sqlite3 *db = gw_store_get_db (self);
  gboolean ok;

  /* The bigram functions live on this connection only for the statement's sake:
   * the schema never refers to them, so the file stays readable by any SQLite. */
  sqlite3_create_function_v2 (db, "gw_fts_doc", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              GINT_TO_POINTER (FALSE), fts_text_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "gw_fts_tail", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              GINT_TO_POINTER (TRUE), fts_text_func, NULL, NULL, NULL);
  ok = gw_store_exec (self, "INSERT INTO hazard_fts (rowid, doc, tail)"
                            " SELECT id, gw_fts_doc (t), gw_fts_tail (t) FROM"
                            " (SELECT id, number || ' ' || title || ' ' || description AS t"
                            "  FROM hazards WHERE id NOT IN (SELECT rowid FROM hazard_fts))",
                      error);
  sqlite3_create_function_v2 (db, "gw_fts_doc", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "gw_fts_tail", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL);
  return ok;
}

/* ---- filters ---------------------------------------------------------------- */

typedef struct {
  GString   *where;
  GPtrArray *texts;    /* bound in order as ?1, ?2 … */
  char      *match;
  char      *today;
} Clause;

static void
clause_clear (Clause *c)
{
  g_string_free (c->where, TRUE);
  g_ptr_array_unref (c->texts);
  g_free (c->match);
  g_free (c->today);
}

static void
add_text (Clause     *c,
          const char *sql_with_placeholder,
          const char *value)
{
  g_ptr_array_add (c->texts, g_strdup (value));
  g_string_append (c->where, c->where->len ? " AND " : " WHERE ");
  g_string_append_printf (c->where, sql_with_placeholder, c->texts->len);
}

static void
add_mask (Clause       *c,
          const char   *column,
          guint         mask,
          guint         n,
          const char *(*to_id) (int))
{
  g_autoptr(GString) in = g_string_new (NULL);
  gboolean with_null = FALSE;

  if (mask == 0)
    return;
  for (guint i = 0; i < n; i++)
    if (mask & (1u << i))
      {
        const char *id = to_id (i);
        if (*id == '\0')
          with_null = TRUE;
        else
          g_string_append_printf (in, "%s'%s'", in->len ? ", " : "", id);
      }
  g_string_append (c->where, c->where->len ? " AND " : " WHERE ");
  g_string_append_printf (c->where, "(h.%s IN (%s)%s%s", column, in->str,
                          with_null ? " OR h." : "", with_null ? column : "");
  if (with_null)
    g_string_append (c->where, " IS NULL");
  g_string_append_c (c->where, ')');
}

static gboolean
clause_build (const GwFilter *f,
              gboolean        match_as_join,
              Clause         *c)
{
  c->where = g_string_new (NULL);
  c->texts = g_ptr_array_new_with_free_func (g_free);
  if (f->today)
    c->today = g_strdup (f->today);
  else
    {
      GDate d;
      gw_date_today (&d);
      c->today = gw_date_to_string (&d);
    }

  if (f->county_id > 0)
    {
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, f->county_id);
      add_text (c, "h.grid_id IN (SELECT id FROM grids WHERE county_id = CAST (?%u AS INTEGER))", v);
    }
  if (f->grid_id > 0)
    {
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, f->grid_id);
      add_text (c, "h.grid_id = CAST (?%u AS INTEGER)", v);
    }
  if (f->campaign_id > 0)
    {
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, f->campaign_id);
      add_text (c, "h.campaign_id = CAST (?%u AS INTEGER)", v);
    }
  add_mask (c, "state", f->states, GW_N_STATES, (const char *(*) (int)) gw_state_to_id);
  add_mask (c, "level", f->levels, GW_N_LEVELS, (const char *(*) (int)) gw_level_to_id);
  add_mask (c, "urgency", f->urgencies, GW_N_URGENCIES, (const char *(*) (int)) gw_urgency_to_id);
  if (f->overdue_only)
    add_text (c, "h.state IN ('reported', 'rectifying') AND h.deadline < ?%u", c->today);
  if (f->found_from)
    add_text (c, "h.found_date >= ?%u", f->found_from);
  if (f->found_to)
    add_text (c, "h.found_date <= ?%u", f->found_to);
  if (f->deadline_from)
    add_text (c, "h.deadline >= ?%u", f->deadline_from);
  if (f->deadline_to)
    add_text (c, "h.deadline <= ?%u", f->deadline_to);
  if (f->text && (c->match = gw_fts_query (f->text)) != NULL)
    add_text (c, match_as_join ? "f.hazard_fts MATCH ?%u"
                               : "h.id IN (SELECT rowid FROM hazard_fts WHERE hazard_fts MATCH ?%u)",
              c->match);
  return TRUE;
}

static const char *
order_by (const GwFilter *f)
{
  /* County, grid and responsible person sort by the names in hazard_sort
   * (alias k), kept by triggers and indexed with the id. */
  static const char *asc[] = {
    [GW_SORT_ID] = "h.id",
    [GW_SORT_NUMBER] = "h.number",
    [GW_SORT_TITLE] = "h.title, h.id",
    [GW_SORT_COUNTY] = "k.county, k.id",
    [GW_SORT_GRID] = "k.grid, k.id",
    [GW_SORT_LEVEL] = "h.level, h.id",
    [GW_SORT_URGENCY] = "CASE h.urgency WHEN 'no-delay' THEN 1 WHEN 'at-all-costs' THEN 2"
                        " WHEN 'no-gap' THEN 3 END, h.id",
    [GW_SORT_STATE] = "CASE h.state WHEN 'reported' THEN 0 WHEN 'rectifying' THEN 1"
                      " WHEN 'verifying' THEN 2 WHEN 'downgraded' THEN 3 ELSE 4 END, h.id",
    [GW_SORT_MEASURE] = "h.measure, h.id",
    [GW_SORT_RESPONSIBLE] = "k.responsible, k.id",
    [GW_SORT_DEADLINE] = "h.deadline, h.id",
    [GW_SORT_FOUND_DATE] = "h.found_date, h.id",
  };
  static const char *desc[] = {
    [GW_SORT_ID] = "h.id DESC",
    [GW_SORT_NUMBER] = "h.number DESC",
    [GW_SORT_TITLE] = "h.title DESC, h.id DESC",
    [GW_SORT_COUNTY] = "k.county DESC, k.id DESC",
    [GW_SORT_GRID] = "k.grid DESC, k.id DESC",
    [GW_SORT_LEVEL] = "h.level DESC, h.id DESC",
    [GW_SORT_URGENCY] = "CASE h.urgency WHEN 'no-delay' THEN 1 WHEN 'at-all-costs' THEN 2"
                        " WHEN 'no-gap' THEN 3 END DESC, h.id DESC",
    [GW_SORT_STATE] = "CASE h.state WHEN 'reported' THEN 0 WHEN 'rectifying' THEN 1"
                      " WHEN 'verifying' THEN 2 WHEN 'downgraded' THEN 3 ELSE 4 END DESC,"
                      " h.id DESC",
    [GW_SORT_MEASURE] = "h.measure DESC, h.id DESC",
    [GW_SORT_RESPONSIBLE] = "k.responsible DESC, k.id DESC",
    [GW_SORT_DEADLINE] = "h.deadline DESC, h.id DESC",
    [GW_SORT_FOUND_DATE] = "h.found_date DESC, h.id DESC",
  };
  guint k = f->sort <= GW_SORT_FOUND_DATE ? f->sort : GW_SORT_ID;

  return f->descending ? desc[k] : asc[k];
}

static gboolean
sorts_by_name (const GwFilter *f)
{
  return f->sort == GW_SORT_COUNTY || f->sort == GW_SORT_GRID || f->sort == GW_SORT_RESPONSIBLE;
}

/* The tables of a ledger query: the hazards, and their sort names when the
 * order needs them. */
static const char *
from_tables (const GwFilter *f)
{
  /* A grid has a few thousand hazards: they are read through the grid's
   * index and sorted. Left to itself, SQLite would rather walk an index
   * already in the order of the sort, such as the one of an urgency class
   * and state (100,000 rows), checking each row's grid. */
  if (f->grid_id > 0)
    return sorts_by_name (f) ? " FROM hazards h INDEXED BY hazards_grid_state"
                               " JOIN hazard_sort k ON k.id = h.id"
                             : " FROM hazards h INDEXED BY hazards_grid_state";
  return sorts_by_name (f) ? " FROM hazards h JOIN hazard_sort k ON k.id = h.id"
                           : " FROM hazards h";
}

/* The same tables read in the order of the sort, through the index that has
 * it, whatever the filter; NULL when no index has that order. */
static const char *
from_tables_in_order (const GwFilter *f)
{
  switch (f->sort)
    {
    case GW_SORT_ID:
      return " FROM hazards h NOT INDEXED";
    case GW_SORT_FOUND_DATE:
      return " FROM hazards h INDEXED BY hazards_found";
    case GW_SORT_DEADLINE:
      return " FROM hazards h INDEXED BY hazards_deadline";
    case GW_SORT_COUNTY:
      return " FROM hazard_sort k INDEXED BY hazard_sort_county CROSS JOIN hazards h"
             " ON h.id = k.id";
    case GW_SORT_GRID:
      return " FROM hazard_sort k INDEXED BY hazard_sort_grid CROSS JOIN hazards h"
             " ON h.id = k.id";
    case GW_SORT_RESPONSIBLE:
      return " FROM hazard_sort k INDEXED BY hazard_sort_responsible CROSS JOIN hazards h"
             " ON h.id = k.id";
    default:
      return NULL;
    }
}

char *
gw_filter_select_sql (const GwFilter *filter,
                      const char     *columns,
                      GPtrArray      *binds)
{
  Clause c = { 0 };
  char *sql;

  clause_build (filter, FALSE, &c);
  sql = g_strdup_printf ("SELECT %s%s%s ORDER BY %s", columns, from_tables (filter),
                         c.where->str, order_by (filter));
  for (guint i = 0; i < c.texts->len; i++)
    g_ptr_array_add (binds, g_strdup (c.texts->pdata[i]));
  clause_clear (&c);
  return sql;
}

static void
bind_texts (sqlite3_stmt *stmt,
            Clause       *c)
{
  for (guint i = 0; i < c->texts->len; i++)
    sqlite3_bind_text (stmt, i + 1, c->texts->pdata[i], -1, SQLITE_STATIC);
}

/* hazard_tally has the count of hazards by grid, state, level and urgency:
 * a filter of nothing else is counted from it. */
static gboolean
tally_counts (const GwFilter *f)
{
  return !f->overdue_only && f->campaign_id <= 0 && !f->found_from && !f->found_to
         && !f->deadline_from && !f->deadline_to;
}

static void
add_tally_mask (GString     *where,
                const char  *column,
                guint        mask,
                guint        n,
                const char *(*to_id) (int))
{
  gboolean first = TRUE;

  if (mask == 0)
    return;
  g_string_append_printf (where, " AND t.%s IN (", column);
  for (guint i = 0; i < n; i++)
    if (mask & (1u << i))
      {
        /* The tally keeps no level or urgency as ''. */
        g_string_append_printf (where, "%s'%s'", first ? "" : ", ", to_id (i));
        first = FALSE;
      }
  g_string_append_c (where, ')');
}

/* The count of hazards matching a filter that tally_counts() accepts,
 * without the text (the caller checks it has none). */
static gboolean
tally_sum (GwStore        *self,
           const GwFilter *filter,
           gint64         *out,
           GError        **error)
{
  g_autoptr(GString) where = g_string_new (" WHERE 1");
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (filter->county_id > 0)
    g_string_append_printf (where, " AND t.grid_id IN (SELECT id FROM grids WHERE"
                            " county_id = %" G_GINT64_FORMAT ")", filter->county_id);
  if (filter->grid_id > 0)
    g_string_append_printf (where, " AND t.grid_id = %" G_GINT64_FORMAT, filter->grid_id);
  add_tally_mask (where, "state", filter->states, GW_N_STATES,
                  (const char *(*) (int)) gw_state_to_id);
  add_tally_mask (where, "level", filter->levels, GW_N_LEVELS,
                  (const char *(*) (int)) gw_level_to_id);
  add_tally_mask (where, "urgency", filter->urgencies, GW_N_URGENCIES,
                  (const char *(*) (int)) gw_urgency_to_id);
  sql = g_strdup_printf ("SELECT coalesce (sum (t.n), 0) FROM hazard_tally t%s", where->str);
  stmt = gw_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else
    gw_store_fail (self, _("counting hazards"), error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* Whether reading in the order of the sort is worth trying: when the tally
 * says how many rows match, whether the page's last row comes within about
 * 20,000 rows read. */
static gboolean
in_order_promising (GwStore        *self,
                    const GwFilter *filter,
                    guint           offset,
                    guint           limit)
{
  GwFilter all = { 0 };
  gint64 matching = 0, total = 0;

  if (!tally_counts (filter))
    return TRUE;
  if (!tally_sum (self, filter, &matching, NULL) || !tally_sum (self, &all, &total, NULL))
    return TRUE;
  return (gint64) (offset + limit) * total <= (gint64) 20000 * matching;
}

/* A query read in the order of the sort stops at the page's last row, which
 * comes soon when many rows match and late when few do. It gets this many
 * thousand virtual-machine steps (a few milliseconds: ~20,000 rows), then
 * gives way to the filter's own indexes. */
#define IN_ORDER_BUDGET 100

static guint in_order_budget = IN_ORDER_BUDGET;

void
gw_query_set_in_order_budget (guint ticks)
{
  in_order_budget = ticks;
}

typedef struct {
  guint    ticks;
  gboolean spent;
} Budget;

static int
budget_tick (void *data)
{
  Budget *budget = data;

  if (++budget->ticks <= in_order_budget)
    return 0;
  budget->spent = TRUE;
  return 1;
}

/* Runs a page query; with @budget, gives up (returning NULL without an
 * error, budget->spent set) once it is spent. */
static GPtrArray *
run_page (GwStore    *self,
          const char *sql,
          Clause     *c,
          guint       offset,
          guint       limit,
          Budget     *budget,
          GError    **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_hazard_free);
  sqlite3 *db = gw_store_get_db (self);
  sqlite3_stmt *stmt = gw_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_texts (stmt, c);
  /* Bound, not printed: one cached statement serves every page. */
  sqlite3_bind_int64 (stmt, c->texts->len + 1, limit);
  sqlite3_bind_int64 (stmt, c->texts->len + 2, offset);
  if (budget)
    sqlite3_progress_handler (db, 1000, budget_tick, budget);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, gw_hazard_from_row (stmt));
  if (budget)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (rc != SQLITE_DONE && budget && budget->spent)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      /* The error, before the reset forgets it. */
      gw_store_fail (self, _("listing hazards"), error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&out);
}

/* The page's rows: the ids of the page first, read from indexes alone, then
 * only those rows with their names. Sorting whole rows (descriptions and
 * all) to keep 200 of them took seconds. */
static char *
page_sql (const GwFilter *filter,
          Clause         *c,
          const char     *from)
{
  return g_strdup_printf ("%s%s WHERE h.id IN (SELECT h.id%s%s ORDER BY %s LIMIT ?%u OFFSET ?%u)"
                          " ORDER BY %s", gw_hazard_select_sql (),
                          sorts_by_name (filter) ? " JOIN hazard_sort k ON k.id = h.id" : "",
                          from, c->where->str, order_by (filter), c->texts->len + 1,
                          c->texts->len + 2, order_by (filter));
}

GPtrArray *
gw_store_hazard_list (GwStore        *self,
                      const GwFilter *filter,
                      guint           offset,
                      guint           limit,
                      GError        **error)
{
  g_autofree char *sql = NULL;
  GPtrArray *out = NULL;
  GwFilter none = { 0 };
  Clause c = { 0 };

  g_return_val_if_fail (GW_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &none;
  /* Sorted by id, the full-text index drives in rowid order, so the first
   * page of a common term comes without collecting every match. */
  clause_build (filter, filter->sort == GW_SORT_ID, &c);
  if (c.match && filter->sort == GW_SORT_ID)
    {
      sql = g_strdup_printf ("%s JOIN hazard_fts f ON f.rowid = h.id%s ORDER BY f.rowid%s"
                             " LIMIT ?%u OFFSET ?%u", gw_hazard_select_sql (), c.where->str,
                             filter->descending ? " DESC" : "", c.texts->len + 1,
                             c.texts->len + 2);
      out = run_page (self, sql, &c, offset, limit, NULL, error);
      clause_clear (&c);
      return out;
    }

  /* With a filter, SQLite reads the filter's index and sorts what matches:
   * quick when few rows match, slow when many do (every open hazard due
   * after a date: 200,000). Read in the order of the sort instead, the page
   * is there after a few thousand rows when many match: try that first,
   * for a moment. */
  if (in_order_budget > 0 && c.where->len > 0 && c.match == NULL
      && from_tables_in_order (filter) != NULL
      && in_order_promising (self, filter, offset, limit))
    {
      Budget budget = { 0 };

      sql = page_sql (filter, &c, from_tables_in_order (filter));
      out = run_page (self, sql, &c, offset, limit, &budget, error);
      g_clear_pointer (&sql, g_free);
      if (out != NULL || !budget.spent)
        {
          clause_clear (&c);
          return out;
        }
    }

  sql = page_sql (filter, &c, from_tables (filter));
  out = run_page (self, sql, &c, offset, limit, NULL, error);
  clause_clear (&c);
  return out;
}

static gboolean
count_query (GwStore    *self,
             const char *sql,
             Clause     *c,
             gint64     *out,
             GError    **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_texts (stmt, c);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else
    gw_store_fail (self, _("counting hazards"), error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

gboolean
gw_store_hazard_count (GwStore        *self,
                       const GwFilter *filter,
                       gint64         *n_matching,
                       gint64         *n_overdue,
                       GError        **error)
{
  g_autofree char *sql = NULL;
  GwFilter none = { 0 };
  gint64 matching = 0, overdue = 0;
  gboolean ok;
  Clause c = { 0 };

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (filter == NULL)
    filter = &none;
  clause_build (filter, FALSE, &c);

  if (c.match == NULL && tally_counts (filter))
    ok = tally_sum (self, filter, &matching, error);
  else
    {
      sql = g_strdup_printf ("SELECT count(*) FROM hazards h%s", c.where->str);
      ok = count_query (self, sql, &c, &matching, error);
    }
  g_clear_pointer (&sql, g_free);

  /* The overdue ones among them: an index of state and deadline (with grid,
   * level and urgency) has them without reading a row. */
  if (ok && filter->overdue_only)
    overdue = matching;
  else if (ok)
    {
      add_text (&c, "h.state IN ('reported', 'rectifying') AND h.deadline < ?%u", c.today);
      sql = g_strdup_printf ("SELECT count(*) FROM hazards h%s", c.where->str);
      ok = count_query (self, sql, &c, &overdue, error);
    }
  clause_clear (&c);
  if (!ok)
    return FALSE;
  if (n_matching)
    *n_matching = matching;
  if (n_overdue)
    *n_overdue = overdue;
  return TRUE;
}
