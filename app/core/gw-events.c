/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-events"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gw-hazard.h"
#include "gw-store-private.h"

/* The hash of the first event's predecessor. */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

void
gw_event_free (GwEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->at);
  g_free (event->date);
  g_free (event->actor);
  g_free (event->kind);
  g_free (event->name);
  g_free (event->from_value);
  g_free (event->to_value);
  g_free (event->note);
  g_free (event->details);
  g_free (event->hash);
  g_free (event);
}

static void
add_field (GChecksum  *sum,
           const char *value)
{
  /* Unit separator between fields; NULL and "" differ. */
  if (value == NULL)
    g_checksum_update (sum, (const guchar *) "\x1e", 1);
  else
    g_checksum_update (sum, (const guchar *) value, strlen (value));
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
}

char *
gw_event_compute_hash (const char *prev_hash,
                       gint64      id,
                       gint64      hazard_id,
                       const char *at,
                       const char *date,
                       gint64      actor_id,
                       const char *actor,
                       const char *kind,
                       const char *name,
                       const char *from_value,
                       const char *to_value,
                       const char *note,
                       const char *details)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char ids[3][24];

  g_snprintf (ids[0], sizeof ids[0], "%" G_GINT64_FORMAT, id);
  g_snprintf (ids[1], sizeof ids[1], "%" G_GINT64_FORMAT, hazard_id);
  g_snprintf (ids[2], sizeof ids[2], "%" G_GINT64_FORMAT, actor_id);

  add_field (sum, "gridwatch-event-v1");
  add_field (sum, prev_hash);
  add_field (sum, ids[0]);
  add_field (sum, ids[1]);
  add_field (sum, at);
  add_field (sum, date);
  add_field (sum, ids[2]);
  add_field (sum, actor);
  add_field (sum, kind);
  add_field (sum, name);
  add_field (sum, from_value);
  add_field (sum, to_value);
  add_field (sum, note);
  add_field (sum, details);
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
gw_store_chain_cursor (GwStore       *self,
                       GwChainCursor *cursor,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = gw_store_prepare (self, "SELECT id, hash FROM hazard_events ORDER BY id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  cursor->next_id = 1;
  g_strlcpy (cursor->prev_hash, GENESIS_HASH, sizeof cursor->prev_hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      cursor->next_id = sqlite3_column_int64 (stmt, 0) + 1;
      g_strlcpy (cursor->prev_hash, gw_store_column_text (stmt, 1), sizeof cursor->prev_hash);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return gw_store_fail (self, _("reading events"), error);
  return TRUE;
}

gint64
gw_store_event_insert (GwStore       *self,
                       GwChainCursor *cursor,
                       const char    *at,
                       gint64         hazard_id,
                       const char    *date,
                       gint64         actor_id,
                       const char    *actor,
                       const char    *kind,
                       const char    *name,
                       const char    *from_value,
                       const char    *to_value,
                       const char    *note,
                       const char    *details,
                       GError       **error)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gint64 id = cursor->next_id;

  hash = gw_event_compute_hash (cursor->prev_hash, id, hazard_id, at, date, actor_id, actor,
                                kind, name, from_value, to_value, note, details);

  stmt = gw_store_prepare (self,
                           "INSERT INTO hazard_events (id, hazard_id, at, date, actor_id, actor,"
                           " kind, name, from_value, to_value, note, details, prev_hash, hash)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, hazard_id);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 5, actor_id);
  sqlite3_bind_text (stmt, 6, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, kind, -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 8, name);
  gw_store_bind_text_or_null (stmt, 9, from_value);
  gw_store_bind_text_or_null (stmt, 10, to_value);
  gw_store_bind_text_or_null (stmt, 11, note);
  gw_store_bind_text_or_null (stmt, 12, details);
  sqlite3_bind_text (stmt, 13, cursor->prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, hash, -1, SQLITE_STATIC);
  if (!STEP_DONE (self, stmt, _("recording an event"), error))
    return 0;
  cursor->next_id = id + 1;
  g_strlcpy (cursor->prev_hash, hash, sizeof cursor->prev_hash);
  return id;
}

gint64
gw_store_event_append_at (GwStore    *self,
                          const char *at,
                          gint64      hazard_id,
                          const char *date,
                          gint64      actor_id,
                          const char *kind,
                          const char *name,
                          const char *from_value,
                          const char *to_value,
                          const char *note,
                          const char *details,
                          GError    **error)
{
  g_autofree char *actor = NULL;
  GwChainCursor cursor;

  if (!gw_store_chain_cursor (self, &cursor, error))
    return 0;
  if (actor_id > 0)
    actor = gw_store_staff_name (self, actor_id);
  if (actor == NULL)
    {
      /* Work done outside any staff identity is still attributed: to the system account. */
      actor = g_strdup_printf ("system:%s", g_get_user_name ());
      actor_id = 0;
    }
  return gw_store_event_insert (self, &cursor, at, hazard_id, date, actor_id, actor, kind, name,
                                from_value, to_value, note, details, error);
}

gint64
gw_store_event_append (GwStore    *self,
                       gint64      hazard_id,
                       const char *date,
                       gint64      actor_id,
                       const char *kind,
                       const char *name,
                       const char *from_value,
                       const char *to_value,
                       const char *note,
                       const char *details,
                       GError    **error)
{
  g_autofree char *at = gw_store_now_iso8601 ();

  g_return_val_if_fail (GW_IS_STORE (self), 0);
  return gw_store_event_append_at (self, at, hazard_id, date, actor_id, kind, name,
                                   from_value, to_value, note, details, error);
}

#define EVENT_COLUMNS \
  "id, hazard_id, at, date, coalesce (actor_id, 0), actor, kind, name, from_value, to_value," \
  " note, details, prev_hash, hash"

static GwEvent *
event_from_row (sqlite3_stmt *stmt)
{
  GwEvent *e = g_new0 (GwEvent, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->hazard_id = sqlite3_column_int64 (stmt, 1);
  e->at = g_strdup (gw_store_column_text (stmt, 2));
  e->date = g_strdup (gw_store_column_text (stmt, 3));
  e->actor_id = sqlite3_column_int64 (stmt, 4);
  e->actor = g_strdup (gw_store_column_text (stmt, 5));
  e->kind = g_strdup (gw_store_column_text (stmt, 6));
  e->name = g_strdup (gw_store_column_text (stmt, 7));
  e->from_value = g_strdup (gw_store_column_text (stmt, 8));
  e->to_value = g_strdup (gw_store_column_text (stmt, 9));
  e->note = g_strdup (gw_store_column_text (stmt, 10));
  e->details = g_strdup (gw_store_column_text (stmt, 11));
  e->hash = g_strdup (gw_store_column_text (stmt, 13));
  return e;
}

GPtrArray *
gw_store_hazard_events (GwStore *self,
                        gint64   hazard_id,
                        GError **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GW_IS_STORE (self), NULL);

  stmt = gw_store_prepare (self, "SELECT " EVENT_COLUMNS " FROM hazard_events"
                                 " WHERE hazard_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, hazard_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      gw_store_fail (self, _("reading events"), error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

static gboolean
check_pragma (GwStore    *self,
              const char *pragma,
              GString    *report,
              GError    **error)
{
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (gw_store_get_db (self), pragma, -1, &stmt, NULL) != SQLITE_OK)
    return gw_store_fail (self, pragma, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0
      && sqlite3_column_count (stmt) == 1)
    what = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_ROW && sqlite3_column_count (stmt) > 1)
    what = g_strdup_printf ("%s row %lld → %s", sqlite3_column_text (stmt, 0),
                            (long long) sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_text (stmt, 2));
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    what = g_strdup (sqlite3_errmsg (gw_store_get_db (self)));
  sqlite3_finalize (stmt);

  if (what != NULL)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT, _("%s: %s failed: %s"),
                   gw_store_get_path (self), pragma, what);
      return FALSE;
    }
  if (report)
    g_string_append_printf (report, "%s: ok\n", pragma);
  return TRUE;
}

static gboolean
check_chain (GwStore *self,
             GString *report,
             GError **error)
{
  g_autofree char *prev = g_strdup (GENESIS_HASH);
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0, expected_id = 0;
  int rc;

  if (sqlite3_prepare_v2 (gw_store_get_db (self),
                          "SELECT " EVENT_COLUMNS " FROM hazard_events ORDER BY id", -1,
                          &stmt, NULL) != SQLITE_OK)
    return gw_store_fail (self, _("reading events"), error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *stored_prev = gw_store_column_text (stmt, 12);
      const char *stored = gw_store_column_text (stmt, 13);
      g_autofree char *hash = NULL;

      hash = gw_event_compute_hash (prev, id, sqlite3_column_int64 (stmt, 1),
                                    gw_store_column_text (stmt, 2), gw_store_column_text (stmt, 3),
                                    sqlite3_column_int64 (stmt, 4), gw_store_column_text (stmt, 5),
                                    gw_store_column_text (stmt, 6), gw_store_column_text (stmt, 7),
                                    gw_store_column_text (stmt, 8), gw_store_column_text (stmt, 9),
                                    gw_store_column_text (stmt, 10),
                                    gw_store_column_text (stmt, 11));
      if (expected_id > 0 && id != expected_id)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                       _("%s: the event history is broken: event %lld is missing (the next one is %lld)"),
                       gw_store_get_path (self), (long long) expected_id, (long long) id);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (g_strcmp0 (stored_prev, prev) != 0 || g_strcmp0 (stored, hash) != 0)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                       _("%s: the event history was altered: event %lld (hazard %lld) does not match its hash"),
                       gw_store_get_path (self), (long long) id,
                       (long long) sqlite3_column_int64 (stmt, 1));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      g_free (prev);
      prev = g_strdup (stored);
      expected_id = id + 1;
      n++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (self, _("reading events"), error);

  {
    g_autofree char *last = n ? g_strdup_printf ("%lld:%s", (long long) (expected_id - 1), prev)
                              : NULL;
    g_autofree char *head = NULL;

    if (sqlite3_prepare_v2 (gw_store_get_db (self),
                            "SELECT value FROM gw_meta WHERE key = 'chain_head'", -1, &stmt,
                            NULL) != SQLITE_OK)
      return gw_store_fail (self, _("reading events"), error);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      head = g_strdup (gw_store_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    if (head == NULL && last != NULL)
      {
        g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                     _("%s: the record of the newest event is missing"), gw_store_get_path (self));
        return FALSE;
      }
    if (g_strcmp0 (head, last) != 0)
      {
        g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                     _("%s: the event history was cut short: it ends at event %lld, but event "
                       "%lld was recorded"), gw_store_get_path (self),
                     (long long) (expected_id - 1),
                     head ? (long long) g_ascii_strtoll (head, NULL, 10) : 0LL);
        return FALSE;
      }
  }
  if (report)
    g_string_append_printf (report, "events: %" G_GINT64_FORMAT " in an unbroken chain\n", n);
  return TRUE;
}

static gboolean
check_attachments (GwStore *self,
                   GString *report,
                   GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;
  int rc;

  if (sqlite3_prepare_v2 (gw_store_get_db (self), "SELECT id, sha256, data FROM attachments",
                          -1, &stmt, NULL) != SQLITE_OK)
    return gw_store_fail (self, _("reading attachments"), error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                          sqlite3_column_blob (stmt, 2),
                                                          sqlite3_column_bytes (stmt, 2));
      if (g_strcmp0 (sum, gw_store_column_text (stmt, 1)) != 0)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                       _("%s: attachment %lld does not match its SHA-256"),
                       gw_store_get_path (self), (long long) sqlite3_column_int64 (stmt, 0));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      n++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (self, _("reading attachments"), error);
  if (report)
    g_string_append_printf (report, "attachments: %" G_GINT64_FORMAT " match their SHA-256\n", n);
  return TRUE;
}

/* The fields a hazard's events carry in their details, as the row stores them. */
static const char *tracked[] = {
  "state", "level", "urgency", "measure", "deadline", "responsible", "closed_date",
};
#define N_TRACKED G_N_ELEMENTS (tracked)

/* Every hazard's row must be what replaying its events gives: a row edited
 * outside the program, or a history cut short, shows up here. */
static gboolean
check_rows (GwStore *self,
            GString *report,
            GError **error)
{
  sqlite3_stmt *rows = NULL, *events = NULL;
  char *replayed[N_TRACKED] = { NULL };
  gint64 n = 0;
  int rc_rows, rc_events;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (gw_store_get_db (self),
                          "SELECT id, number, state, level, urgency, measure, deadline,"
                          " responsible_id, closed_date FROM hazards ORDER BY id", -1,
                          &rows, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (gw_store_get_db (self),
                          "SELECT hazard_id,"
                          " json_type (details, '$.state'), details ->> '$.state[1]',"
                          " json_type (details, '$.level'), details ->> '$.level[1]',"
                          " json_type (details, '$.urgency'), details ->> '$.urgency[1]',"
                          " json_type (details, '$.measure'), details ->> '$.measure[1]',"
                          " json_type (details, '$.deadline'), details ->> '$.deadline[1]',"
                          " json_type (details, '$.responsible'), details ->> '$.responsible[1]',"
                          " json_type (details, '$.closed_date'), details ->> '$.closed_date[1]'"
                          " FROM hazard_events WHERE details IS NOT NULL ORDER BY hazard_id, id",
                          -1, &events, NULL) != SQLITE_OK)
    {
      gw_store_fail (self, _("reading hazards"), error);
      goto out;
    }

  rc_events = sqlite3_step (events);
  while ((rc_rows = sqlite3_step (rows)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (rows, 0);

      for (guint f = 0; f < N_TRACKED; f++)
        g_clear_pointer (&replayed[f], g_free);
      while (rc_events == SQLITE_ROW && sqlite3_column_int64 (events, 0) < id)
        rc_events = sqlite3_step (events);
      while (rc_events == SQLITE_ROW && sqlite3_column_int64 (events, 0) == id)
        {
          for (guint f = 0; f < N_TRACKED; f++)
            if (sqlite3_column_type (events, 1 + 2 * f) != SQLITE_NULL)
              {
                g_free (replayed[f]);
                replayed[f] = g_strdup (gw_store_column_text (events, 2 + 2 * f));
              }
          rc_events = sqlite3_step (events);
        }

      for (guint f = 0; f < N_TRACKED; f++)
        if (g_strcmp0 (replayed[f], gw_store_column_text (rows, 2 + f)) != 0)
          {
            g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                         _("%s: hazard %s does not match its history: its %s is “%s”, its "
                           "events say “%s”"), gw_store_get_path (self),
                         gw_store_column_text (rows, 1), tracked[f],
                         gw_store_column_text (rows, 2 + f) ? gw_store_column_text (rows, 2 + f) : "",
                         replayed[f] ? replayed[f] : "");
            goto out;
          }
      n++;
    }
  if (rc_rows != SQLITE_DONE)
    {
      gw_store_fail (self, _("reading hazards"), error);
      goto out;
    }
  if (report)
    g_string_append_printf (report, "hazards: %" G_GINT64_FORMAT " match their history\n", n);
  ok = TRUE;

out:
  for (guint f = 0; f < N_TRACKED; f++)
    g_free (replayed[f]);
  sqlite3_finalize (rows);
  sqlite3_finalize (events);
  return ok;
}

gboolean
gw_store_check (GwStore *self,
                GString *report,
                GError **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  return check_pragma (self, "PRAGMA quick_check", report, error) &&
         check_pragma (self, "PRAGMA foreign_key_check", report, error) &&
         check_attachments (self, report, error) &&
         check_chain (self, report, error) &&
         check_rows (self, report, error);
}
