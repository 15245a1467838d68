/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-cadence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gw-cadence.h"
#include "gw-store-private.h"

static void
row_free (GwCadenceRow *row)
{
  g_free (row->grid_code);
  g_free (row->grid_name);
  g_free (row->county_name);
  g_free (row->chief_name);
  g_free (row->chief_phone);
  g_free (row->cells);
  g_free (row->records);
  g_free (row->patrols);
  g_free (row);
}

void
gw_cadence_free (GwCadence *cadence)
{
  if (cadence == NULL)
    return;
  g_clear_pointer (&cadence->dekads, g_array_unref);
  g_clear_pointer (&cadence->rows, g_ptr_array_unref);
  g_free (cadence->done_per_dekad);
  g_free (cadence->counted_per_dekad);
  g_free (cadence);
}

double
gw_cadence_dekad_compliance (const GwCadence *cadence,
                             guint            i)
{
  g_return_val_if_fail (cadence != NULL && i < cadence->dekads->len, 0);

  if (cadence->counted_per_dekad[i] == 0)
    return 0;
  return (double) cadence->done_per_dekad[i] / cadence->counted_per_dekad[i];
}

static gboolean
load_rows (GwStore    *store,
           GwCadence  *c,
           GHashTable *by_id,
           GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The chief is the grid's first active grid chief. */
  stmt = gw_store_prepare (store,
    "SELECT g.id, g.code, g.name, c.id, c.name, s.name, s.phone FROM grids g"
    " JOIN counties c ON c.id = g.county_id"
    " LEFT JOIN staff s ON s.id = (SELECT min (id) FROM staff WHERE grid_id = g.id"
    "   AND role = 'grid-chief' AND active = 1)"
    " ORDER BY c.code, g.code", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwCadenceRow *row = g_new0 (GwCadenceRow, 1);

      row->grid_id = sqlite3_column_int64 (stmt, 0);
      row->grid_code = g_strdup (gw_store_column_text (stmt, 1));
      row->grid_name = g_strdup (gw_store_column_text (stmt, 2));
      row->county_id = sqlite3_column_int64 (stmt, 3);
      row->county_name = g_strdup (gw_store_column_text (stmt, 4));
      row->chief_name = g_strdup (gw_store_column_text (stmt, 5));
      row->chief_phone = g_strdup (gw_store_column_text (stmt, 6));
      row->cells = g_new0 (GwCadenceStatus, c->dekads->len);
      row->records = g_new0 (gint64, c->dekads->len);
      row->patrols = g_new0 (guint, c->n_months);
      g_hash_table_insert (by_id, GSIZE_TO_POINTER ((gsize) row->grid_id), row);
      g_ptr_array_add (c->rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading grids"), error);
  return TRUE;
}

static gboolean
load_analyses (GwStore    *store,
               GwCadence  *c,
               GHashTable *by_id,
               GError    **error)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *first = NULL, *last = NULL;
  sqlite3_stmt *stmt;
  GDate d;
  int rc;

  for (guint i = 0; i < c->dekads->len; i++)
    {
      gw_dekad_first_day (g_array_index (c->dekads, GwDekad, i), &d);
      g_hash_table_insert (index, gw_date_to_string (&d), GUINT_TO_POINTER (i + 1));
    }
  gw_dekad_first_day (g_array_index (c->dekads, GwDekad, 0), &d);
  first = gw_date_to_string (&d);
  gw_dekad_first_day (g_array_index (c->dekads, GwDekad, c->dekads->len - 1), &d);
  last = gw_date_to_string (&d);

  /* One analysis per grid and dekad counts; later ones are kept and noted. */
  stmt = gw_store_prepare (store, "SELECT grid_id, dekad, min (id), count(*) FROM checks"
                                  " WHERE kind = 'analysis' AND dekad BETWEEN ?1 AND ?2"
                                  " AND date <= ?3 GROUP BY grid_id, dekad", error);
  if (stmt == NULL)
    {
      g_hash_table_unref (index);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, c->as_of, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwCadenceRow *row = g_hash_table_lookup (by_id,
                                               GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index, gw_store_column_text (stmt, 1)));

      if (row == NULL || i == 0)
        continue;
      row->records[i - 1] = sqlite3_column_int64 (stmt, 2);
      row->extra_records += sqlite3_column_int (stmt, 3) - 1;
    }
  sqlite3_reset (stmt);
  g_hash_table_unref (index);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading ten-day analyses"), error);
  return TRUE;
}

static gboolean
load_patrols_and_overdue (GwStore    *store,
                          GwCadence  *c,
                          GHashTable *by_id,
                          GError    **error)
{
  sqlite3_stmt *stmt;
  guint y0 = 0, m0 = 0;
  int rc;

  sscanf (c->from, "%4u-%2u", &y0, &m0);
  /* checks_grid holds every column read: scanning it is several times
   * faster than fetching each patrol's row through checks_dekad, which
   * SQLite picks by itself. */
  stmt = gw_store_prepare (store, "SELECT grid_id, substr (date, 1, 7), count(*)"
                                  " FROM checks INDEXED BY checks_grid"
                                  " WHERE kind = 'patrol' AND date BETWEEN ?1 AND ?2"
                                  " GROUP BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, strcmp (c->to, c->as_of) < 0 ? c->to : c->as_of, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwCadenceRow *row = g_hash_table_lookup (by_id,
                                               GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
      guint y = 0, m = 0;
      int k;

      sscanf (gw_store_column_text (stmt, 1), "%4u-%2u", &y, &m);
      k = (int) (y * 12 + m) - (int) (y0 * 12 + m0);
      if (row && k >= 0 && (guint) k < c->n_months)
        row->patrols[k] = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("reading patrols"), error);

  stmt = gw_store_prepare (store, "SELECT grid_id, count(*) FROM hazards WHERE deadline < ?1"
                                  " AND (state = 'reported' OR state = 'rectifying')"
                                  " GROUP BY grid_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->as_of, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwCadenceRow *row = g_hash_table_lookup (by_id,
                                               GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
      if (row)
        row->overdue = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (store, _("counting overdue hazards"), error);
  return TRUE;
}

static void
summarise (GwCadence   *c,
           const GDate *as_of)
{
  c->done_per_dekad = g_new0 (guint, c->dekads->len);
  c->counted_per_dekad = g_new0 (guint, c->dekads->len);

  for (guint r = 0; r < c->rows->len; r++)
    {
      GwCadenceRow *row = c->rows->pdata[r];
      guint run = 0;

      for (guint i = 0; i < c->dekads->len; i++)
        {
          GwDekad dk = g_array_index (c->dekads, GwDekad, i);
          GwCadenceStatus s = gw_cadence_status (dk, row->records[i] != 0, as_of);

          row->cells[i] = s;
          if (s == GW_CADENCE_DONE)
            row->done++, c->done_per_dekad[i]++;
          if (s == GW_CADENCE_MISSED)
            row->missed++;
          if (s == GW_CADENCE_DONE || s == GW_CADENCE_MISSED)
            c->counted_per_dekad[i]++;

          run = s == GW_CADENCE_MISSED ? run + 1 : (s == GW_CADENCE_DONE ? 0 : run);
          if (run > row->longest_miss_run)
            {
              row->longest_miss_run = run;
              row->miss_run_end = dk;
            }
        }
      row->compliance = row->done + row->missed == 0 ? 1.0
                        : (double) row->done / (row->done + row->missed);
    }
}

GwCadence *
gw_store_cadence (GwStore     *self,
                  const GDate *from,
                  const GDate *to,
                  const GDate *as_of,
                  GError     **error)
{
  g_autoptr(GwCadence) c = g_new0 (GwCadence, 1);
  g_autoptr(GHashTable) by_id = g_hash_table_new (NULL, NULL);
  g_autofree char *f = NULL, *t = NULL, *a = NULL;
  GDate today;

  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  g_return_val_if_fail (from && to && g_date_valid (from) && g_date_valid (to), NULL);

  if (g_date_compare (from, to) > 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("The period starts after it ends"));
      return NULL;
    }
  if (as_of == NULL)
    {
      gw_date_today (&today);
      as_of = &today;
    }
  f = gw_date_to_string (from);
  t = gw_date_to_string (to);
  a = gw_date_to_string (as_of);
  g_strlcpy (c->from, f, sizeof c->from);
  g_strlcpy (c->to, t, sizeof c->to);
  g_strlcpy (c->as_of, a, sizeof c->as_of);
  c->dekads = gw_dekads_in_range (from, to);
  c->n_months = (g_date_get_year (to) * 12 + g_date_get_month (to))
                - (g_date_get_year (from) * 12 + g_date_get_month (from)) + 1;
  c->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  if (!load_rows (self, c, by_id, error) ||
      !load_analyses (self, c, by_id, error) ||
      !load_patrols_and_overdue (self, c, by_id, error))
    return NULL;
  summarise (c, as_of);
  return g_steal_pointer (&c);
}

GPtrArray *
gw_cadence_interviews (const GwCadence *cadence,
                       guint            n_misses,
                       gint64           overdue_threshold)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (cadence != NULL, out);

  for (guint r = 0; r < cadence->rows->len; r++)
    {
      GwCadenceRow *row = cadence->rows->pdata[r];

      if ((n_misses > 0 && row->longest_miss_run >= n_misses) ||
          (overdue_threshold >= 0 && row->overdue > overdue_threshold))
        g_ptr_array_add (out, row);
    }
  return out;
}
