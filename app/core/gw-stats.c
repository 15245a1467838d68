/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-stats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gw-stats.h"
#include "gw-store-private.h"

static const char *cadence_ids[] = { "done", "missed", "due", "not-yet-due" };
static const char *cadence_labels[] = { N_("Done"), N_("Missed"), N_("Due"), N_("Not yet due") };

const char *
gw_cadence_status_to_id (GwCadenceStatus status)
{
  g_return_val_if_fail (status <= GW_CADENCE_NOT_YET_DUE, "");
  return cadence_ids[status];
}

const char *
gw_cadence_status_label (GwCadenceStatus status)
{
  g_return_val_if_fail (status <= GW_CADENCE_NOT_YET_DUE, "");
  return g_dgettext (GETTEXT_PACKAGE, cadence_labels[status]);
}

GwCadenceStatus
gw_cadence_status (GwDekad      dekad,
                   gboolean     recorded,
                   const GDate *as_of)
{
  GDate first, last;

  if (recorded)
    return GW_CADENCE_DONE;
  gw_dekad_first_day (dekad, &first);
  gw_dekad_last_day (dekad, &last);
  if (g_date_compare (as_of, &first) < 0)
    return GW_CADENCE_NOT_YET_DUE;
  if (g_date_compare (as_of, &last) <= 0)
    return GW_CADENCE_DUE;
  return GW_CADENCE_MISSED;
}

gboolean
gw_store_scalar (GwStore    *self,
                 const char *sql,
                 const char *arg1,
                 const char *arg2,
                 gint64     *out,
                 GError    **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (arg1)
    sqlite3_bind_text (stmt, 1, arg1, -1, SQLITE_STATIC);
  if (arg2)
    sqlite3_bind_text (stmt, 2, arg2, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return gw_store_fail (self, _("computing figures"), error);
  return TRUE;
}

gint64
gw_store_cadence_done (GwStore *self,
                       GwDekad  dekad,
                       GError **error)
{
  g_autofree char *first = NULL;
  GDate d;
  gint64 n = 0;

  gw_dekad_first_day (dekad, &d);
  first = gw_date_to_string (&d);
  if (!gw_store_scalar (self, "SELECT count(DISTINCT grid_id) FROM checks WHERE kind = 'analysis'"
                     " AND dekad = ?1", first, NULL, &n, error))
    return -1;
  return n;
}

/* Everything that does not depend on how the hazards' states are obtained. */
static gboolean
stats_common (GwStore     *self,
              const GDate *date,
              GwStats     *out,
              GError     **error)
{
  g_autofree char *s = gw_date_to_string (date);

  memset (out, 0, sizeof *out);
  g_strlcpy (out->date, s, sizeof out->date);
  if (!gw_store_scalar (self, "SELECT count(*) FROM grids", NULL, NULL, &out->grids, error))
    return FALSE;
  out->cadence_dekad = gw_dekad_last_complete (date);
  out->cadence_done = gw_store_cadence_done (self, out->cadence_dekad, error);
  if (out->cadence_done < 0)
    return FALSE;
  out->cadence_missed = out->grids - out->cadence_done;
  return TRUE;
}

static void
finish (GwStats *out)
{
  out->hazards = 0;
  for (guint i = 0; i < GW_N_STATES; i++)
    out->hazards += out->by_state[i];
  out->completion_rate = out->hazards == 0 ? 0.0
    : (double) (out->by_state[GW_STATE_DOWNGRADED] + out->by_state[GW_STATE_CLOSED]) / out->hazards;
}

static void
week_start (const GDate *date,
            char         out[11])
{
  GDate d = *date;
  g_autofree char *s = NULL;

  g_date_subtract_days (&d, 6);
  s = gw_date_to_string (&d);
  g_strlcpy (out, s, 11);
}

static gboolean
stats_current (GwStore     *self,
               const GDate *date,
               GwStats     *out,
               GError     **error)
{
  sqlite3_stmt *stmt;
  char from[11];
  int rc;

  /* Summed here rather than with GROUP BY state, level, urgency: that order
   * is not the table's, and sorting its tens of thousands of rows took
   * several times as long as reading them. */
  stmt = gw_store_prepare (self, "SELECT state, level, urgency, n FROM hazard_tally", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwState st = GW_STATE_REPORTED;
      GwLevel lv = GW_LEVEL_NONE;
      GwUrgency ur = GW_URGENCY_NONE;
      gint64 n = sqlite3_column_int64 (stmt, 3);

      gw_state_parse (gw_store_column_text (stmt, 0), &st);
      gw_level_parse (gw_store_column_text (stmt, 1), &lv);
      gw_urgency_parse (gw_store_column_text (stmt, 2), &ur);
      out->by_state[st] += n;
      out->by_level[lv] += n;
      out->by_urgency[ur] += n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (self, _("computing figures"), error);

  week_start (date, from);
  if (!gw_store_scalar (self, "SELECT (SELECT count(*) FROM hazards WHERE state = 'reported' AND deadline < ?1)"
                     " + (SELECT count(*) FROM hazards WHERE state = 'rectifying' AND deadline < ?1)",
               out->date, NULL, &out->overdue, error) ||
      !gw_store_scalar (self, "SELECT count(*) FROM hazards WHERE state = 'verifying' AND deadline < ?1",
               out->date, NULL, &out->verification_overdue, error) ||
      !gw_store_scalar (self, "SELECT count(*) FROM hazards WHERE found_date BETWEEN ?1 AND ?2",
               from, out->date, &out->new_7d, error) ||
      !gw_store_scalar (self, "SELECT count(*) FROM hazards WHERE closed_date BETWEEN ?1 AND ?2",
               from, out->date, &out->closed_7d, error))
    return FALSE;
  finish (out);
  return TRUE;
}

static void
set_date (char        dst[11],
          const char *value)
{
  g_strlcpy (dst, value ? value : "", 11);
}

gboolean
gw_store_replay (GwStore        *self,
                 const char     *date,
                 GwSnapshotFunc  func,
                 gpointer        data,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  GwHazardSnapshot s = { 0 };
  gboolean present = FALSE, ok = TRUE;
  int rc;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  stmt = gw_store_prepare (self,
    "SELECT e.hazard_id, h.grid_id, e.kind, e.date,"
    " json_type (e.details, '$.state'), json_extract (e.details, '$.state[1]'),"
    " json_type (e.details, '$.level'), json_extract (e.details, '$.level[1]'),"
    " json_type (e.details, '$.urgency'), json_extract (e.details, '$.urgency[1]'),"
    " json_type (e.details, '$.deadline'), json_extract (e.details, '$.deadline[1]'),"
    " json_type (e.details, '$.responsible'), json_extract (e.details, '$.responsible[1]'),"
    " json_type (e.details, '$.closed_date'), json_extract (e.details, '$.closed_date[1]')"
    " FROM hazard_events e JOIN hazards h ON h.id = e.hazard_id"
    " WHERE e.date <= ?1 AND e.details IS NOT NULL ORDER BY e.hazard_id, e.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id != s.id)
        {
          if (present)
            ok = func (&s, data, error);
          memset (&s, 0, sizeof s);
          present = FALSE;
          s.id = id;
          s.grid_id = sqlite3_column_int64 (stmt, 1);
        }
      if (g_strcmp0 (gw_store_column_text (stmt, 2), "create") == 0)
        {
          present = TRUE;
          set_date (s.found, gw_store_column_text (stmt, 3));
        }
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        gw_state_parse (gw_store_column_text (stmt, 5), &s.state);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL &&
          !gw_level_parse (gw_store_column_text (stmt, 7), &s.level))
        s.level = GW_LEVEL_NONE;
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL &&
          !gw_urgency_parse (gw_store_column_text (stmt, 9), &s.urgency))
        s.urgency = GW_URGENCY_NONE;
      if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
        set_date (s.deadline, gw_store_column_text (stmt, 11));
      if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
        s.responsible_id = sqlite3_column_int64 (stmt, 13);
      if (sqlite3_column_type (stmt, 14) != SQLITE_NULL)
        set_date (s.closed, gw_store_column_text (stmt, 15));
    }
  sqlite3_reset (stmt);
  if (!ok)
    return FALSE;
  if (rc != SQLITE_DONE)
    return gw_store_fail (self, _("replaying the history"), error);
  return present ? func (&s, data, error) : TRUE;
}

typedef struct {
  GwStats        *out;
  const char     *from;
  GwSnapshotFunc  also;       /* a caller's own use of the same pass; may be NULL */
  gpointer        also_data;
} StatsReplay;

static gboolean
replay_account (const GwHazardSnapshot *r,
                gpointer                data,
                GError                **error)
{
  StatsReplay *sr = data;
  GwStats *out = sr->out;
  gboolean open_late = r->deadline[0] && strcmp (r->deadline, out->date) < 0;

  out->by_state[r->state]++;
  out->by_level[r->level]++;
  out->by_urgency[r->urgency]++;
  if (open_late && (r->state == GW_STATE_REPORTED || r->state == GW_STATE_RECTIFYING))
    out->overdue++;
  if (open_late && r->state == GW_STATE_VERIFYING)
    out->verification_overdue++;
  if (strcmp (r->found, sr->from) >= 0)
    out->new_7d++;
  if (r->closed[0] && strcmp (r->closed, sr->from) >= 0)
    out->closed_7d++;
  return sr->also == NULL || sr->also (r, sr->also_data, error);
}

gboolean
gw_store_stats_replay (GwStore     *self,
                       const GDate *date,
                       GwStats     *out,
                       GError     **error)
{
  return gw_store_stats_replay_with (self, date, out, NULL, NULL, error);
}

gboolean
gw_store_stats_replay_with (GwStore        *self,
                            const GDate    *date,
                            GwStats        *out,
                            GwSnapshotFunc  also,
                            gpointer        also_data,
                            GError        **error)
{
  char from[11];
  StatsReplay sr = { out, from, also, also_data };

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (!stats_common (self, date, out, error))
    return FALSE;
  week_start (date, from);
  if (!gw_store_replay (self, out->date, replay_account, &sr, error))
    return FALSE;
  finish (out);
  return TRUE;
}

gboolean
gw_store_date_is_past (GwStore    *self,
                       const char *date,
                       gboolean   *past,
                       GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  stmt = gw_store_prepare (self, "SELECT max (date) FROM hazard_events", error);
  if (stmt == NULL)
    return FALSE;
  *past = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL &&
          strcmp (date, gw_store_column_text (stmt, 0)) < 0;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
gw_store_stats (GwStore     *self,
                const GDate *date,
                GwStats     *out,
                GError     **error)
{
  g_autofree char *day = NULL;
  gboolean past;
  GDate today;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (date == NULL)
    {
      gw_date_today (&today);
      date = &today;
    }
  day = gw_date_to_string (date);
  if (!gw_store_date_is_past (self, day, &past, error))
    return FALSE;
  if (past)
    return gw_store_stats_replay (self, date, out, error);
  return stats_common (self, date, out, error) && stats_current (self, date, out, error);
}
