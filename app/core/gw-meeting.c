/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gw-meeting.h"
#include "gw-store-private.h"

static gboolean
valid_date (const char *date,
            GError    **error)
{
  GDate d;

  if (gw_date_parse (date, &d))
    return TRUE;
  g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
               _("“%s” is not a date (YYYY-MM-DD)"), date ? date : "");
  return FALSE;
}

gint64
gw_store_check_add (GwStore       *self,
                    gint64         grid_id,
                    GwCheckKind    kind,
                    const char    *date,
                    gint64         by_id,
                    const gint64  *participants,
                    guint          n_participants,
                    const char    *area,
                    const char    *minutes,
                    GError       **error)
{
  g_autoptr(GString) people = g_string_new ("[");
  g_autofree char *now = gw_store_now_iso8601 ();
  g_autofree char *first = NULL;
  sqlite3_stmt *stmt;
  GDate d;

  g_return_val_if_fail (GW_IS_STORE (self), 0);

  if (!valid_date (date, error))
    return 0;
  gw_date_parse (date, &d);
  gw_dekad_first_day (gw_dekad_of (&d), &d);
  first = gw_date_to_string (&d);
  for (guint i = 0; i < n_participants; i++)
    g_string_append_printf (people, "%s%lld", i ? "," : "", (long long) participants[i]);
  g_string_append_c (people, ']');

  stmt = gw_store_prepare (self, "INSERT INTO checks (grid_id, kind, date, dekad, by_id,"
                                 " participants, area, minutes, created_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, grid_id);
  sqlite3_bind_text (stmt, 2, gw_check_kind_to_id (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, first, -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 5, by_id);
  sqlite3_bind_text (stmt, 6, people->str, -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 7, area);
  gw_store_bind_text_or_null (stmt, 8, minutes);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  if (!STEP_DONE (self, stmt, _("recording a check"), error))
    return 0;
  return sqlite3_last_insert_rowid (gw_store_get_db (self));
}

gboolean
gw_store_check_link (GwStore    *self,
                     gint64      check_id,
                     gint64      hazard_id,
                     gboolean    found,
                     const char *note,
                     GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  stmt = gw_store_prepare (self, "INSERT INTO check_hazards (check_id, hazard_id, relation, note)"
                                 " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET note ="
                                 " excluded.note", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, check_id);
  sqlite3_bind_int64 (stmt, 2, hazard_id);
  sqlite3_bind_text (stmt, 3, found ? "found" : "reviewed", -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 4, note);
  return STEP_DONE (self, stmt, _("linking a hazard to a check"), error);
}

gint64
gw_store_meeting_add (GwStore    *self,
                      const char *date,
                      const char *attendees,
                      const char *note,
                      GError    **error)
{
  g_autofree char *now = gw_store_now_iso8601 ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GW_IS_STORE (self), 0);

  if (!valid_date (date, error))
    return 0;
  stmt = gw_store_prepare (self, "INSERT INTO meetings (date, attendees, note, created_at)"
                                 " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 2, attendees);
  gw_store_bind_text_or_null (stmt, 3, note);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (gw_store_get_db (self))) == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("%s: there is already a meeting on %s"), gw_store_get_path (self), date);
          return 0;
        }
      gw_store_fail (self, _("recording a meeting"), error);
      return 0;
    }
  return sqlite3_last_insert_rowid (gw_store_get_db (self));
}

gint64
gw_store_decision_add (GwStore      *self,
                       gint64        meeting_id,
                       const char   *text,
                       gint64        assignee_id,
                       const char   *deadline,
                       const gint64 *hazard_ids,
                       guint         n_hazards,
                       gint64        actor_id,
                       GError      **error)
{
  g_autofree char *date = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (GW_IS_STORE (self), 0);

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING, _("A decision needs some text"));
      return 0;
    }
  if (deadline && !valid_date (deadline, error))
    return 0;
  if (!gw_store_begin (self, error))
    return 0;

  stmt = gw_store_prepare (self, "SELECT date FROM meetings WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    date = g_strdup (gw_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (date == NULL)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no meeting %lld"), gw_store_get_path (self),
                   (long long) meeting_id);
      goto fail;
    }

  stmt = gw_store_prepare (self, "INSERT INTO meeting_decisions (meeting_id, text, assignee_id,"
                                 " deadline) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 3, assignee_id);
  gw_store_bind_text_or_null (stmt, 4, deadline);
  if (!STEP_DONE (self, stmt, _("recording a decision"), error))
    goto fail;
  id = sqlite3_last_insert_rowid (gw_store_get_db (self));

  for (guint i = 0; i < n_hazards; i++)
    {
      stmt = gw_store_prepare (self, "INSERT INTO decision_hazards VALUES (?1, ?2)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, hazard_ids[i]);
      if (!STEP_DONE (self, stmt, _("recording a decision"), error) ||
          !gw_store_event_append (self, hazard_ids[i], date, actor_id, "decision", "meeting",
                                  NULL, deadline, text, NULL, error))
        goto fail;
    }
  if (!gw_store_commit (self, error))
    return 0;
  return id;

fail:
  gw_store_rollback (self);
  return 0;
}

/* ---- since the last meeting --------------------------------------------------- */

static void
change_free (GwChange *c)
{
  g_free (c->number);
  g_free (c->title);
  g_free (c->county_name);
  g_free (c->grid_name);
  g_free (c->from_state);
  g_free (c->to_state);
  g_free (c->deadline);
  g_free (c->responsible);
  g_free (c);
}

void
gw_meeting_diff_free (GwMeetingDiff *diff)
{
  if (diff == NULL)
    return;
  g_ptr_array_unref (diff->added);
  g_ptr_array_unref (diff->moved);
  g_ptr_array_unref (diff->downgraded);
  g_ptr_array_unref (diff->closed);
  g_ptr_array_unref (diff->overdue);
  g_free (diff);
}

/* Each hazard's state at the end of ?1 and ?2, whether it was created, downgraded or
 * closed in between, and its deadline as of ?2 — all from the events. */
static const char diff_sql[] =
  "WITH s AS ("
  "  SELECT e.hazard_id AS id,"
  "    (SELECT to_value FROM hazard_events x WHERE x.hazard_id = e.hazard_id"
  "       AND x.kind IN ('create', 'transition') AND x.date <= ?1 ORDER BY x.id DESC LIMIT 1) AS s1,"
  "    (SELECT to_value FROM hazard_events x WHERE x.hazard_id = e.hazard_id"
  "       AND x.kind IN ('create', 'transition') AND x.date <= ?2 ORDER BY x.id DESC LIMIT 1) AS s2,"
  "    max (e.kind = 'create' AND e.date > ?1) AS added,"
  "    max (e.kind = 'transition' AND e.name = 'downgrade' AND e.date > ?1) AS downgraded,"
  "    max (e.kind = 'transition' AND e.to_value = 'closed' AND e.date > ?1) AS closed,"
  "    max (e.kind = 'transition' AND e.date > ?1) AS moved"
  "  FROM hazard_events e WHERE e.date <= ?2"
  "    AND (e.date > ?1 OR e.hazard_id IN (SELECT id FROM hazards WHERE deadline >= ?1"
  "         AND deadline < ?2))"
  "  GROUP BY e.hazard_id)"
  " SELECT s.id, h.number, h.title, c.name, g.name, s.s1, s.s2, h.deadline, r.name,"
  "   s.added, s.downgraded, s.closed, s.moved"
  " FROM s JOIN hazards h ON h.id = s.id JOIN grids g ON g.id = h.grid_id"
  " JOIN counties c ON c.id = g.county_id LEFT JOIN staff r ON r.id = h.responsible_id"
  " ORDER BY c.code, g.code, h.id";

GwMeetingDiff *
gw_store_meeting_diff (GwStore    *self,
                       const char *since,
                       const char *until,
                       GError    **error)
{
  g_autoptr(GwMeetingDiff) diff = g_new0 (GwMeetingDiff, 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GW_IS_STORE (self), NULL);

  if (!valid_date (since, error) || !valid_date (until, error))
    return NULL;
  if (strcmp (since, until) > 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("%s is after %s"), since, until);
      return NULL;
    }
  g_strlcpy (diff->since, since, sizeof diff->since);
  g_strlcpy (diff->until, until, sizeof diff->until);
  diff->added = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  diff->moved = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  diff->downgraded = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  diff->closed = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  diff->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);

  stmt = gw_store_prepare (self, diff_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *s2 = gw_store_column_text (stmt, 6);
      const char *deadline = gw_store_column_text (stmt, 7);
      gboolean open2 = g_strcmp0 (s2, "reported") == 0 || g_strcmp0 (s2, "rectifying") == 0;
      gboolean became_overdue = open2 && deadline && strcmp (deadline, since) >= 0 &&
                                strcmp (deadline, until) < 0;
      GPtrArray *lists[5] = { NULL };
      guint n = 0;

      if (sqlite3_column_int (stmt, 9))
        lists[n++] = diff->added;
      if (sqlite3_column_int (stmt, 11) && g_strcmp0 (s2, "closed") == 0)
        lists[n++] = diff->closed;
      else if (sqlite3_column_int (stmt, 10))
        lists[n++] = diff->downgraded;
      else if (sqlite3_column_int (stmt, 12) && !sqlite3_column_int (stmt, 9) &&
               g_strcmp0 (gw_store_column_text (stmt, 5), s2) != 0)
        lists[n++] = diff->moved;
      if (became_overdue)
        lists[n++] = diff->overdue;

      for (guint i = 0; i < n; i++)
        {
          GwChange *c = g_new0 (GwChange, 1);

          c->hazard_id = sqlite3_column_int64 (stmt, 0);
          c->number = g_strdup (gw_store_column_text (stmt, 1));
          c->title = g_strdup (gw_store_column_text (stmt, 2));
          c->county_name = g_strdup (gw_store_column_text (stmt, 3));
          c->grid_name = g_strdup (gw_store_column_text (stmt, 4));
          c->from_state = g_strdup (gw_store_column_text (stmt, 5));
          c->to_state = g_strdup (s2);
          c->deadline = g_strdup (deadline);
          c->responsible = g_strdup (gw_store_column_text (stmt, 8));
          g_ptr_array_add (lists[i], c);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gw_store_fail (self, _("comparing meetings"), error);
      return NULL;
    }
  return g_steal_pointer (&diff);
}

char *
gw_store_meeting_before (GwStore    *self,
                         const char *date,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  char *out = NULL;

  stmt = gw_store_prepare (self, "SELECT max (date) FROM meetings WHERE date < ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup (gw_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return out;
}
