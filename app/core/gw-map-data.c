/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-map-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-map-data.h"
#include "gw-query.h"
#include "gw-store-private.h"

/* ---- statuses ----------------------------------------------------------------------- */

const char *
gw_grid_status_to_id (GwGridStatus status)
{
  static const char * const ids[] = { "green", "yellow", "orange", "red" };

  g_return_val_if_fail (status < GW_N_GRID_STATUSES, NULL);
  return ids[status];
}

const char *
gw_grid_status_label (GwGridStatus status)
{
  switch (status)
    {
    case GW_GRID_STATUS_GREEN:
      return _("Nothing open");
    case GW_GRID_STATUS_YELLOW:
      return _("Awaiting verification");
    case GW_GRID_STATUS_ORANGE:
      return _("Being rectified");
    case GW_GRID_STATUS_RED:
      return _("Overdue or level I open");
    case GW_N_GRID_STATUSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
gw_grid_status_meaning (GwGridStatus status)
{
  switch (status)
    {
    case GW_GRID_STATUS_GREEN:
      return _("No open hazard in the grid");
    case GW_GRID_STATUS_YELLOW:
      return _("Open hazards are rectified and wait for verification, or were downgraded");
    case GW_GRID_STATUS_ORANGE:
      return _("Hazards are reported or being rectified");
    case GW_GRID_STATUS_RED:
      return _("A hazard is overdue, or a level I (major) hazard is open");
    case GW_N_GRID_STATUSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

GwGridStatus
gw_grid_status_for (guint overdue,
                    guint level_i,
                    guint reported_or_rectifying,
                    guint verifying_or_downgraded)
{
  if (overdue > 0 || level_i > 0)
    return GW_GRID_STATUS_RED;
  if (reported_or_rectifying > 0)
    return GW_GRID_STATUS_ORANGE;
  if (verifying_or_downgraded > 0)
    return GW_GRID_STATUS_YELLOW;
  return GW_GRID_STATUS_GREEN;
}

static GwGridStatus
status_of (const GwMapGridStatus *s)
{
  return gw_grid_status_for (s->overdue, s->level_i,
                             s->by_state[GW_STATE_REPORTED] + s->by_state[GW_STATE_RECTIFYING],
                             s->by_state[GW_STATE_VERIFYING] + s->by_state[GW_STATE_DOWNGRADED]);
}

/* ---- Mercator ------------------------------------------------------------------------ */

#define MAX_LATITUDE 85.0511287798

double
gw_mercator_x (double lon)
{
  return (CLAMP (lon, -180.0, 180.0) + 180.0) / 360.0;
}

double
gw_mercator_y (double lat)
{
  double s = sin (CLAMP (lat, -MAX_LATITUDE, MAX_LATITUDE) * G_PI / 180.0);

  return 0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI);
}

double
gw_mercator_lon (double x)
{
  return x * 360.0 - 180.0;
}

double
gw_mercator_lat (double y)
{
  return 90.0 - 360.0 / G_PI * atan (exp ((y - 0.5) * 2.0 * G_PI));
}

/* ---- grids -------------------------------------------------------------------------- */

void
gw_map_grid_free (GwMapGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->code);
  g_free (grid->name);
  g_free (grid->county_name);
  g_clear_pointer (&grid->shape, gw_shape_free);
  g_free (grid);
}

GPtrArray *
gw_map_grids (GwStore *store,
              GError **error)
{
  g_autoptr(GPtrArray) grids = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_map_grid_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  stmt = gw_store_prepare (store, "SELECT g.id, g.code, g.name, g.county_id, c.name, g.boundary, "
                                  "g.center_lat, g.center_lon FROM grids g "
                                  "JOIN counties c ON c.id = g.county_id ORDER BY g.id", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GwMapGrid *grid = g_new0 (GwMapGrid, 1);
      const char *boundary = gw_store_column_text (stmt, 5);

      grid->id = sqlite3_column_int64 (stmt, 0);
      grid->code = g_strdup (gw_store_column_text (stmt, 1));
      grid->name = g_strdup (gw_store_column_text (stmt, 2));
      grid->county_id = sqlite3_column_int64 (stmt, 3);
      grid->county_name = g_strdup (gw_store_column_text (stmt, 4));
      if (boundary != NULL)
        {
          g_autoptr(GError) local_error = NULL;

          grid->shape = gw_shape_parse (boundary, &local_error);
          if (grid->shape == NULL)
            g_warning ("The boundary of grid %s is not usable: %s", grid->code,
                       local_error->message);
        }
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        grid->label = (GwPoint) { sqlite3_column_double (stmt, 7), sqlite3_column_double (stmt, 6) };
      else if (grid->shape != NULL)
        grid->label = gw_shape_label_point (grid->shape);
      g_ptr_array_add (grids, grid);
    }
  if (sqlite3_errcode (gw_store_get_db (store)) != SQLITE_DONE)
    {
      gw_store_fail (store, _("reading the grids"), error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&grids);
}

static const char *
today_or (const char *today,
          char        buffer[11])
{
  GDate d;
  g_autofree char *text = NULL;

  if (today != NULL)
    return today;
  gw_date_today (&d);
  text = gw_date_to_string (&d);
  g_strlcpy (buffer, text, 11);
  return buffer;
}

static GwMapGridStatus *
status_entry (GHashTable *table,
              gint64      grid_id)
{
  GwMapGridStatus *s = g_hash_table_lookup (table, &grid_id);

  if (s == NULL)
    {
      s = g_new0 (GwMapGridStatus, 1);
      s->grid_id = grid_id;
      g_hash_table_insert (table, &s->grid_id, s);
    }
  return s;
}

/* Overdue hazards per grid: the index on (state, deadline) finds them. */
static gboolean
count_overdue (GwStore    *store,
               const char *hazards,
               const char *today,
               GHashTable *table,
               GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT grid_id, count(*) FROM %s "
                                          "WHERE state = 'reported' AND deadline < ?1 GROUP BY grid_id "
                                          "UNION ALL SELECT grid_id, count(*) FROM %s "
                                          "WHERE state = 'rectifying' AND deadline < ?1 GROUP BY grid_id",
                                          hazards, hazards);
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    status_entry (table, sqlite3_column_int64 (stmt, 0))->overdue += sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

GHashTable *
gw_map_grid_statuses_in (GwStore    *store,
                         const char *hazards,
                         const char *tally,
                         const char *today,
                         GError    **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT grid_id, state, level, sum(n) FROM %s "
                                          "WHERE state <> 'closed' AND n > 0 GROUP BY 1, 2, 3",
                                          tally);
  char buffer[11];
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  GwMapGridStatus *s;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  today = today_or (today, buffer);
  /* The tallies are kept by triggers: no walk over the hazards. */
  stmt = gw_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GwState state;
      GwLevel level = GW_LEVEL_NONE;
      guint n = sqlite3_column_int (stmt, 3);

      if (!gw_state_parse (gw_store_column_text (stmt, 1), &state))
        continue;
      gw_level_parse (gw_store_column_text (stmt, 2), &level);
      s = status_entry (table, sqlite3_column_int64 (stmt, 0));
      s->open += n;
      s->by_state[state] += n;
      if (level == GW_LEVEL_I)
        s->level_i += n;
    }
  sqlite3_reset (stmt);
  if (!count_overdue (store, hazards, today, table, error))
    return NULL;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &s))
    s->status = status_of (s);
  return g_steal_pointer (&table);
}

GHashTable *
gw_map_grid_statuses (GwStore    *store,
                      const char *today,
                      GError    **error)
{
  return gw_map_grid_statuses_in (store, "hazards", "hazard_tally", today, error);
}

/* ---- hazard marks ---------------------------------------------------------------------- */

void
gw_map_hazards_free (GwMapHazards *hazards)
{
  if (hazards == NULL)
    return;
  g_array_unref (hazards->marks);
  g_free (hazards);
}

/* A cluster while it is being gathered: sums for the mean. */
typedef struct {
  GwMapMark mark;
  double    sum_lat, sum_lon;
} Cluster;

/* More serious first: I < II < III < IV, and NONE last. */
static gboolean
more_serious (GwLevel a,
              GwLevel b)
{
  if (a == GW_LEVEL_NONE)
    return FALSE;
  return b == GW_LEVEL_NONE || a < b;
}

static guint64
cell_key (double lat,
          double lon,
          double cell)
{
  guint64 cx = (guint64) floor (gw_mercator_x (lon) / cell);
  guint64 cy = (guint64) floor (gw_mercator_y (lat) / cell);

  return (cy << 32) | (cx & 0xffffffff);
}

static void
gather (GHashTable      *cells,
        const GwMapMark *m,
        double           cell)
{
  guint64 key = cell_key (m->lat, m->lon, cell);
  Cluster *c = g_hash_table_lookup (cells, &key);

  if (c == NULL)
    {
      guint64 *k = g_new (guint64, 1);

      *k = key;
      c = g_new0 (Cluster, 1);
      c->mark = *m;
      c->mark.count = 0;
      c->mark.overdue = 0;
      c->mark.bounds = (GwBounds) { m->lat, m->lon, m->lat, m->lon };
      g_hash_table_insert (cells, k, c);
    }
  else
    {
      c->mark.id = 0;
      if (c->mark.grid_id != m->grid_id)
        c->mark.grid_id = 0;
      if (more_serious (m->level, c->mark.level))
        c->mark.level = m->level;
      c->mark.bounds.min_lat = MIN (c->mark.bounds.min_lat, m->bounds.min_lat);
      c->mark.bounds.min_lon = MIN (c->mark.bounds.min_lon, m->bounds.min_lon);
      c->mark.bounds.max_lat = MAX (c->mark.bounds.max_lat, m->bounds.max_lat);
      c->mark.bounds.max_lon = MAX (c->mark.bounds.max_lon, m->bounds.max_lon);
    }
  c->mark.count += m->count;
  c->mark.overdue += m->overdue;
  c->sum_lat += m->lat * m->count;
  c->sum_lon += m->lon * m->count;
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const GwMapMark *x = a, *y = b;

  /* Drawn in this order: the serious ones end up on top. */
  if (x->level != y->level)
    return more_serious (x->level, y->level) ? 1 : -1;
  if (x->lat != y->lat)
    return x->lat < y->lat ? 1 : -1;
  return (x->id > y->id) - (x->id < y->id);
}

static void
finish_clusters (GwMapHazards *out,
                 GHashTable   *cells)
{
  GHashTableIter iter;
  Cluster *c;

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    {
      GwMapMark m = c->mark;

      if (m.count > 1 || out->by_grid)
        {
          m.lat = c->sum_lat / m.count;
          m.lon = c->sum_lon / m.count;
        }
      if (m.count > 1)
        m.id = 0;
      out->total += m.count;
      g_array_append_val (out->marks, m);
    }
  g_array_sort (out->marks, compare_marks);
}

static gint64
count_in (GwStore        *store,
          const GwBounds *b,
          GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  stmt = gw_store_prepare (store, "SELECT count(*) FROM hazard_geo WHERE max_lat >= ?1 AND "
                                  "min_lat <= ?2 AND max_lon >= ?3 AND min_lon <= ?4", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_double (stmt, 1, b->min_lat);
  sqlite3_bind_double (stmt, 2, b->max_lat);
  sqlite3_bind_double (stmt, 3, b->min_lon);
  sqlite3_bind_double (stmt, 4, b->max_lon);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    gw_store_fail (store, _("counting hazards on the map"), error);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
gather_points (GwStore        *store,
               const GwBounds *b,
               double          cell,
               const char     *today,
               GHashTable     *cells,
               GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = gw_store_prepare (store,
                           "SELECT h.id, h.lat, h.lon, h.level, h.state, h.grid_id, "
                           "  (h.state = 'reported' OR h.state = 'rectifying') AND h.deadline < ?5 "
                           "FROM hazard_geo g JOIN hazards h ON h.id = g.id "
                           "WHERE g.max_lat >= ?1 AND g.min_lat <= ?2 AND g.max_lon >= ?3 "
                           "  AND g.min_lon <= ?4 AND h.state <> 'closed'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, b->min_lat);
  sqlite3_bind_double (stmt, 2, b->max_lat);
  sqlite3_bind_double (stmt, 3, b->min_lon);
  sqlite3_bind_double (stmt, 4, b->max_lon);
  sqlite3_bind_text (stmt, 5, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwMapMark m = { 0 };

      m.id = sqlite3_column_int64 (stmt, 0);
      m.lat = sqlite3_column_double (stmt, 1);
      m.lon = sqlite3_column_double (stmt, 2);
      gw_level_parse (gw_store_column_text (stmt, 3), &m.level);
      gw_state_parse (gw_store_column_text (stmt, 4), &m.state);
      m.grid_id = sqlite3_column_int64 (stmt, 5);
      m.overdue = sqlite3_column_int (stmt, 6);
      m.count = 1;
      m.bounds = (GwBounds) { m.lat, m.lon, m.lat, m.lon };
      gather (cells, &m, cell);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading hazards on the map"), error);
  return TRUE;
}

/* One mark per grid whose centre is in view, from the tallies. */
static gboolean
gather_grids (GwStore        *store,
              const GwBounds *b,
              double          cell,
              const char     *today,
              GHashTable     *cells,
              GError        **error)
{
  g_autoptr(GHashTable) statuses = gw_map_grid_statuses (store, today, error);
  sqlite3_stmt *stmt;

  if (statuses == NULL)
    return FALSE;
  stmt = gw_store_prepare (store,
                           "SELECT t.grid_id, g.center_lat, g.center_lon, min(CASE t.level "
                           "  WHEN 'I' THEN 1 WHEN 'II' THEN 2 WHEN 'III' THEN 3 "
                           "  WHEN 'IV' THEN 4 ELSE 9 END) "
                           "FROM hazard_tally t JOIN grids g ON g.id = t.grid_id "
                           "WHERE t.state <> 'closed' AND t.n > 0 AND g.center_lat BETWEEN ?1 AND ?2 "
                           "  AND g.center_lon BETWEEN ?3 AND ?4 GROUP BY t.grid_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, b->min_lat);
  sqlite3_bind_double (stmt, 2, b->max_lat);
  sqlite3_bind_double (stmt, 3, b->min_lon);
  sqlite3_bind_double (stmt, 4, b->max_lon);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 grid_id = sqlite3_column_int64 (stmt, 0);
      GwMapGridStatus *s = g_hash_table_lookup (statuses, &grid_id);
      int level = sqlite3_column_int (stmt, 3);
      GwMapMark m = { 0 };

      if (s == NULL || s->open == 0)
        continue;
      m.grid_id = grid_id;
      m.lat = sqlite3_column_double (stmt, 1);
      m.lon = sqlite3_column_double (stmt, 2);
      m.level = level >= 1 && level <= 4 ? (GwLevel) level : GW_LEVEL_NONE;
      m.count = s->open;
      m.overdue = s->overdue;
      m.bounds = (GwBounds) { m.lat, m.lon, m.lat, m.lon };
      gather (cells, &m, cell);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

GwMapHazards *
gw_map_hazards (GwStore        *store,
                const GwBounds *bounds,
                double          cell,
                guint           max_rows,
                const char     *today,
                GError        **error)
{
  g_autoptr(GwMapHazards) out = g_new0 (GwMapHazards, 1);
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  char buffer[11];
  gint64 n;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);
  g_return_val_if_fail (bounds != NULL, NULL);
  g_return_val_if_fail (cell > 0, NULL);

  today = today_or (today, buffer);
  out->bounds = *bounds;
  out->cell = cell;
  out->marks = g_array_new (FALSE, FALSE, sizeof (GwMapMark));

  if ((n = count_in (store, bounds, error)) < 0)
    return NULL;
  out->by_grid = n > (gint64) max_rows;
  if (out->by_grid ? !gather_grids (store, bounds, cell, today, cells, error)
                   : !gather_points (store, bounds, cell, today, cells, error))
    return NULL;
  finish_clusters (out, cells);
  return g_steal_pointer (&out);
}

/* ---- a grid's side panel ---------------------------------------------------------------- */

void
gw_map_grid_detail_free (GwMapGridDetail *detail)
{
  if (detail == NULL)
    return;
  g_free (detail->code);
  g_free (detail->name);
  g_free (detail->county_name);
  g_clear_pointer (&detail->staff, g_ptr_array_unref);
  g_clear_pointer (&detail->overdue_hazards, g_ptr_array_unref);
  g_free (detail);
}

static gboolean
read_grid_row (GwStore         *store,
               GwMapGridDetail *d,
               GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (store, "SELECT g.code, g.name, c.name FROM grids g "
                                  "JOIN counties c ON c.id = g.county_id WHERE g.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->grid_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no grid %lld"), gw_store_get_path (store),
                   (long long) d->grid_id);
      return FALSE;
    }
  d->code = g_strdup (gw_store_column_text (stmt, 0));
  d->name = g_strdup (gw_store_column_text (stmt, 1));
  d->county_name = g_strdup (gw_store_column_text (stmt, 2));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
read_open_counts (GwStore         *store,
                  GwMapGridDetail *d,
                  GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (store, "SELECT state, level, sum(n) FROM hazard_tally "
                                  "WHERE grid_id = ?1 AND state <> 'closed' GROUP BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->grid_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GwState state;
      GwLevel level = GW_LEVEL_NONE;
      guint n = sqlite3_column_int (stmt, 2);

      if (!gw_state_parse (gw_store_column_text (stmt, 0), &state))
        continue;
      gw_level_parse (gw_store_column_text (stmt, 1), &level);
      d->open_by[state][level] += n;
      d->open += n;
    }
  sqlite3_reset (stmt);

  stmt = gw_store_prepare (store, "SELECT sum(state <> 'verifying'), sum(state = 'verifying') "
                                  "FROM hazards WHERE grid_id = ?1 AND deadline < ?2 AND "
                                  "(state = 'reported' OR state = 'rectifying' OR "
                                  " state = 'verifying')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->grid_id);
  sqlite3_bind_text (stmt, 2, d->today, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      d->overdue = sqlite3_column_int (stmt, 0);
      d->verification_overdue = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
read_cadence (GwStore         *store,
              GwMapGridDetail *d,
              GError         **error)
{
  g_autoptr(GArray) dekads = NULL;
  g_autofree char *first_text = NULL, *last_text = NULL;
  GDate today, first, last;
  sqlite3_stmt *stmt;

  gw_date_parse (d->today, &today);
  first = today;
  g_date_set_day (&first, 1);
  last = first;
  g_date_add_months (&last, 1);
  g_date_subtract_days (&last, 1);
  first_text = gw_date_to_string (&first);
  last_text = gw_date_to_string (&last);

  dekads = gw_dekads_in_range (&first, &last);
  d->n_dekads = MIN (dekads->len, G_N_ELEMENTS (d->dekads));
  stmt = gw_store_prepare (store, "SELECT 1 FROM checks WHERE grid_id = ?1 AND "
                                  "kind = 'analysis' AND dekad = ?2 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < d->n_dekads; i++)
    {
      g_autofree char *start = NULL;
      GDate day;
      gboolean recorded;

      d->dekads[i] = g_array_index (dekads, GwDekad, i);
      gw_dekad_first_day (d->dekads[i], &day);
      start = gw_date_to_string (&day);
      sqlite3_bind_int64 (stmt, 1, d->grid_id);
      sqlite3_bind_text (stmt, 2, start, -1, SQLITE_STATIC);
      recorded = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      d->cadence[i] = gw_cadence_status (d->dekads[i], recorded, &today);
    }

  stmt = gw_store_prepare (store, "SELECT count(*) FROM checks WHERE grid_id = ?1 AND "
                                  "kind = 'patrol' AND date BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->grid_id);
  sqlite3_bind_text (stmt, 2, first_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, last_text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    d->patrols = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

GwMapGridDetail *
gw_map_grid_detail (GwStore    *store,
                    gint64      grid_id,
                    const char *today,
                    GError    **error)
{
  g_autoptr(GwMapGridDetail) d = g_new0 (GwMapGridDetail, 1);
  GwFilter filter = { 0 };
  char buffer[11];
  guint active = 0, waiting = 0, level_i = 0;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  d->grid_id = grid_id;
  g_strlcpy (d->today, today_or (today, buffer), sizeof d->today);
  if (!read_grid_row (store, d, error) || !read_open_counts (store, d, error)
      || !read_cadence (store, d, error))
    return NULL;
  if ((d->staff = gw_store_staff (store, grid_id, error)) == NULL)
    return NULL;

  filter.grid_id = grid_id;
  filter.overdue_only = TRUE;
  filter.today = d->today;
  filter.sort = GW_SORT_DEADLINE;
  if ((d->overdue_hazards = gw_store_hazard_list (store, &filter, 0, 20, error)) == NULL)
    return NULL;

  for (guint l = 0; l < GW_N_LEVELS; l++)
    {
      active += d->open_by[GW_STATE_REPORTED][l] + d->open_by[GW_STATE_RECTIFYING][l];
      waiting += d->open_by[GW_STATE_VERIFYING][l] + d->open_by[GW_STATE_DOWNGRADED][l];
    }
  for (guint s = 0; s < GW_STATE_CLOSED; s++)
    level_i += d->open_by[s][GW_LEVEL_I];
  d->status = gw_grid_status_for (d->overdue, level_i, active, waiting);
  return g_steal_pointer (&d);
}

/* ---- places -------------------------------------------------------------------------- */

gboolean
gw_map_extent (GwStore  *store,
               GwBounds *out,
               GError  **error)
{
  static const char * const queries[] = {
    "SELECT min(min_lat), min(min_lon), max(max_lat), max(max_lon) FROM grids "
    "WHERE min_lat IS NOT NULL",
    "SELECT min(lat), min(lon), max(lat), max(lon) FROM hazards WHERE lat IS NOT NULL",
  };

  g_return_val_if_fail (GW_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = gw_store_prepare (store, queries[i], error);
      gboolean found = FALSE;

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          *out = (GwBounds) { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1),
                              sqlite3_column_double (stmt, 2), sqlite3_column_double (stmt, 3) };
          found = TRUE;
        }
      sqlite3_reset (stmt);
      if (found)
        return TRUE;
    }
  return FALSE;
}

static GwShape *
grid_shape (GwStore *store,
            gint64   grid_id,
            GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (store, "SELECT boundary FROM grids WHERE id = ?1", error);
  GwShape *shape = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, grid_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    shape = gw_shape_parse (gw_store_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);
  return shape;
}

gboolean
gw_map_grid_contains (GwStore  *store,
                      gint64    grid_id,
                      double    lat,
                      double    lon,
                      gboolean *known,
                      GError  **error)
{
  g_autoptr(GwShape) shape = NULL;

  g_return_val_if_fail (GW_IS_STORE (store), FALSE);

  shape = grid_shape (store, grid_id, error);
  if (known != NULL)
    *known = shape != NULL;
  return shape == NULL || gw_shape_contains (shape, (GwPoint) { lon, lat });
}

gint64
gw_map_grid_at (GwStore *store,
                double   lat,
                double   lon,
                GError **error)
{
  sqlite3_stmt *stmt;
  gint64 found = 0;

  g_return_val_if_fail (GW_IS_STORE (store), 0);

  stmt = gw_store_prepare (store, "SELECT id, boundary FROM grids WHERE boundary IS NOT NULL "
                                  "AND min_lat <= ?1 AND max_lat >= ?1 AND min_lon <= ?2 "
                                  "AND max_lon >= ?2", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_double (stmt, 1, lat);
  sqlite3_bind_double (stmt, 2, lon);
  while (found == 0 && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GwShape) shape = gw_shape_parse (gw_store_column_text (stmt, 1), NULL);

      if (shape != NULL && gw_shape_contains (shape, (GwPoint) { lon, lat }))
        found = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  return found;
}
