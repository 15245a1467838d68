/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-hazard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gw-hazard.h"
#include "gw-query.h"
#include "gw-roles.h"
#include "gw-store-private.h"

static const struct {
  GwState from, to;
} flow[GW_N_TRANSITIONS] = {
  [GW_TRANSITION_ASSESS]          = { GW_STATE_REPORTED,   GW_STATE_RECTIFYING },
  [GW_TRANSITION_UNFOUNDED]       = { GW_STATE_REPORTED,   GW_STATE_CLOSED },
  [GW_TRANSITION_REPORT_DONE]     = { GW_STATE_RECTIFYING, GW_STATE_VERIFYING },
  [GW_TRANSITION_FAIL]            = { GW_STATE_VERIFYING,  GW_STATE_RECTIFYING },
  [GW_TRANSITION_DOWNGRADE]       = { GW_STATE_VERIFYING,  GW_STATE_DOWNGRADED },
  [GW_TRANSITION_RECTIFY_FURTHER] = { GW_STATE_DOWNGRADED, GW_STATE_RECTIFYING },
  [GW_TRANSITION_CLOSE]           = { GW_STATE_DOWNGRADED, GW_STATE_CLOSED },
  [GW_TRANSITION_REOPEN]          = { GW_STATE_CLOSED,     GW_STATE_RECTIFYING },
};

GwHazard *
gw_hazard_copy (const GwHazard *h)
{
  GwHazard *c = g_memdup2 (h, sizeof *h);

  c->number = g_strdup (h->number);
  c->title = g_strdup (h->title);
  c->description = g_strdup (h->description);
  c->grid_code = g_strdup (h->grid_code);
  c->grid_name = g_strdup (h->grid_name);
  c->county_name = g_strdup (h->county_name);
  c->enterprise_name = g_strdup (h->enterprise_name);
  c->found_date = g_strdup (h->found_date);
  c->found_by_name = g_strdup (h->found_by_name);
  c->responsible_unit = g_strdup (h->responsible_unit);
  c->responsible_name = g_strdup (h->responsible_name);
  c->deadline = g_strdup (h->deadline);
  c->campaign_name = g_strdup (h->campaign_name);
  c->closed_date = g_strdup (h->closed_date);
  return c;
}

void
gw_hazard_free (GwHazard *h)
{
  if (h == NULL)
    return;
  g_free (h->number);
  g_free (h->title);
  g_free (h->description);
  g_free (h->grid_code);
  g_free (h->grid_name);
  g_free (h->county_name);
  g_free (h->enterprise_name);
  g_free (h->found_date);
  g_free (h->found_by_name);
  g_free (h->responsible_unit);
  g_free (h->responsible_name);
  g_free (h->deadline);
  g_free (h->campaign_name);
  g_free (h->closed_date);
  g_free (h);
}

/* ---- the flow ----------------------------------------------------------------- */

gboolean
gw_transition_lookup (GwState       from,
                      GwState       to,
                      GwTransition *out)
{
  for (guint t = 0; t < GW_N_TRANSITIONS; t++)
    if (flow[t].from == from && flow[t].to == to)
      {
        *out = t;
        return TRUE;
      }
  return FALSE;
}

GwState
gw_transition_source (GwTransition transition)
{
  g_return_val_if_fail (transition < GW_N_TRANSITIONS, GW_STATE_REPORTED);
  return flow[transition].from;
}

GwState
gw_transition_target (GwTransition transition)
{
  g_return_val_if_fail (transition < GW_N_TRANSITIONS, GW_STATE_REPORTED);
  return flow[transition].to;
}

guint
gw_transition_targets (GwState from,
                       GwState out[2])
{
  guint n = 0;

  for (guint t = 0; t < GW_N_TRANSITIONS; t++)
    if (flow[t].from == from && n < 2)
      out[n++] = flow[t].to;
  return n;
}

static gboolean
empty (const char *s)
{
  return s == NULL || *s == '\0' || strspn (s, " \t\r\n") == strlen (s);
}

static gboolean
check_deadline (const GwHazard *h,
                const char     *deadline,
                const char     *date,
                GError        **error)
{
  GDate d;

  if (!gw_date_parse (deadline, &d))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Hazard %s: the deadline “%s” is not a date (YYYY-MM-DD)"),
                   h->number, deadline);
      return FALSE;
    }
  if (strcmp (deadline, date) < 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Hazard %s: the deadline %s is before the day of the change, %s"),
                   h->number, deadline, date);
      return FALSE;
    }
  return TRUE;
}

gboolean
gw_move_validate (const GwHazard *h,
                  const GwMove   *move,
                  GError        **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *today = NULL;
  GwTransition t;
  const char *date;
  GDate d;

  g_return_val_if_fail (h != NULL && move != NULL, FALSE);

  if (!gw_transition_lookup (h->state, move->to, &t))
    {
      GwState targets[2];
      guint n = gw_transition_targets (h->state, targets);
      g_autoptr(GString) allowed = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (allowed, "%s%s", i ? ", " : "", gw_state_label (targets[i]));
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_FORBIDDEN,
                   _("Hazard %s is %s and cannot move to %s; from %s it can move to: %s"),
                   h->number, gw_state_label (h->state), gw_state_label (move->to),
                   gw_state_label (h->state), allowed->str);
      return FALSE;
    }

  if (move->date == NULL)
    {
      GDate now;
      gw_date_today (&now);
      today = gw_date_to_string (&now);
    }
  date = move->date ? move->date : today;
  if (!gw_date_parse (date, &d))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Hazard %s: “%s” is not a date (YYYY-MM-DD)"), h->number, date);
      return FALSE;
    }
  if (h->found_date && strcmp (date, h->found_date) < 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Hazard %s: the change on %s would come before the hazard was found (%s)"),
                   h->number, date, h->found_date);
      return FALSE;
    }

  switch (t)
    {
    case GW_TRANSITION_ASSESS:
      if (move->level == GW_LEVEL_NONE)
        g_ptr_array_add (missing, _("risk level"));
      if (move->urgency == GW_URGENCY_NONE)
        g_ptr_array_add (missing, _("urgency class"));
      if (move->measure == GW_MEASURE_NONE)
        g_ptr_array_add (missing, _("measure"));
      if (empty (move->deadline))
        g_ptr_array_add (missing, _("deadline"));
      if (move->responsible_id <= 0)
        g_ptr_array_add (missing, _("responsible person"));
      break;
    case GW_TRANSITION_UNFOUNDED:
    case GW_TRANSITION_FAIL:
      if (empty (move->reason))
        g_ptr_array_add (missing, _("reason"));
      break;
    case GW_TRANSITION_DOWNGRADE:
      if (move->level == GW_LEVEL_NONE)
        g_ptr_array_add (missing, _("new risk level"));
      break;
    case GW_TRANSITION_RECTIFY_FURTHER:
      if (empty (move->deadline))
        g_ptr_array_add (missing, _("deadline"));
      break;
    case GW_TRANSITION_REOPEN:
      if (empty (move->reason))
        g_ptr_array_add (missing, _("reason"));
      if (empty (move->deadline))
        g_ptr_array_add (missing, _("deadline"));
      /* One closed as unfounded was never assessed: reopening assesses it. */
      if (h->level == GW_LEVEL_NONE && move->level == GW_LEVEL_NONE)
        g_ptr_array_add (missing, _("risk level"));
      if (h->urgency == GW_URGENCY_NONE && move->urgency == GW_URGENCY_NONE)
        g_ptr_array_add (missing, _("urgency class"));
      if (h->measure == GW_MEASURE_NONE && move->measure == GW_MEASURE_NONE)
        g_ptr_array_add (missing, _("measure"));
      if (h->responsible_id <= 0 && move->responsible_id <= 0)
        g_ptr_array_add (missing, _("responsible person"));
      break;
    case GW_TRANSITION_REPORT_DONE:
    case GW_TRANSITION_CLOSE:
    case GW_N_TRANSITIONS:
      break;
    }

  if (missing->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < missing->len; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) missing->pdata[i]);
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING,
                   _("Hazard %s: “%s” needs: %s"), h->number, gw_transition_label (t), list->str);
      return FALSE;
    }

  if (!empty (move->deadline) && t != GW_TRANSITION_REPORT_DONE && t != GW_TRANSITION_CLOSE &&
      t != GW_TRANSITION_UNFOUNDED && t != GW_TRANSITION_DOWNGRADE &&
      !check_deadline (h, move->deadline, date, error))
    return FALSE;

  if (t == GW_TRANSITION_DOWNGRADE && move->level < h->level)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Hazard %s: a downgrade cannot raise the risk level from %s to %s"),
                   h->number, gw_level_label (h->level), gw_level_label (move->level));
      return FALSE;
    }
  return TRUE;
}

/* ---- reading ------------------------------------------------------------------ */

#define HAZARD_SELECT \
  "SELECT h.id, h.number, h.title, h.description, h.grid_id, g.code, g.name, c.name," \
  " coalesce (h.enterprise_id, 0), e.name, h.lat, h.lon, h.found_date, coalesce (h.found_by, 0)," \
  " fb.name, h.source, h.field, h.urgency, h.level, h.measure, h.responsible_unit," \
  " coalesce (h.responsible_id, 0), r.name, h.deadline, h.state, coalesce (h.campaign_id, 0)," \
  " cp.name, h.closed_date" \
  " FROM hazards h JOIN grids g ON g.id = h.grid_id JOIN counties c ON c.id = g.county_id" \
  " LEFT JOIN enterprises e ON e.id = h.enterprise_id LEFT JOIN staff fb ON fb.id = h.found_by" \
  " LEFT JOIN staff r ON r.id = h.responsible_id LEFT JOIN campaigns cp ON cp.id = h.campaign_id"

static char *
dup_col (sqlite3_stmt *stmt,
         int           col)
{
  return g_strdup (gw_store_column_text (stmt, col));
}

GwHazard *
gw_hazard_from_row (sqlite3_stmt *stmt)
{
  GwHazard *h = g_new0 (GwHazard, 1);
  const char *s;

  h->id = sqlite3_column_int64 (stmt, 0);
  h->number = dup_col (stmt, 1);
  h->title = dup_col (stmt, 2);
  h->description = dup_col (stmt, 3);
  h->grid_id = sqlite3_column_int64 (stmt, 4);
  h->grid_code = dup_col (stmt, 5);
  h->grid_name = dup_col (stmt, 6);
  h->county_name = dup_col (stmt, 7);
  h->enterprise_id = sqlite3_column_int64 (stmt, 8);
  h->enterprise_name = dup_col (stmt, 9);
  h->has_location = sqlite3_column_type (stmt, 10) != SQLITE_NULL;
  h->lat = sqlite3_column_double (stmt, 10);
  h->lon = sqlite3_column_double (stmt, 11);
  h->found_date = dup_col (stmt, 12);
  h->found_by = sqlite3_column_int64 (stmt, 13);
  h->found_by_name = dup_col (stmt, 14);
  gw_source_parse (gw_store_column_text (stmt, 15), &h->source);
  gw_field_parse (gw_store_column_text (stmt, 16), &h->field);
  if ((s = gw_store_column_text (stmt, 17)))
    gw_urgency_parse (s, &h->urgency);
  if ((s = gw_store_column_text (stmt, 18)))
    gw_level_parse (s, &h->level);
  if ((s = gw_store_column_text (stmt, 19)))
    gw_measure_parse (s, &h->measure);
  h->responsible_unit = dup_col (stmt, 20);
  h->responsible_id = sqlite3_column_int64 (stmt, 21);
  h->responsible_name = dup_col (stmt, 22);
  h->deadline = dup_col (stmt, 23);
  gw_state_parse (gw_store_column_text (stmt, 24), &h->state);
  h->campaign_id = sqlite3_column_int64 (stmt, 25);
  h->campaign_name = dup_col (stmt, 26);
  h->closed_date = dup_col (stmt, 27);
  return h;
}

const char *
gw_hazard_select_sql (void)
{
  return HAZARD_SELECT;
}

GwHazard *
gw_store_hazard_get (GwStore *self,
                     gint64   id,
                     GError **error)
{
  sqlite3_stmt *stmt;
  GwHazard *h = NULL;

  g_return_val_if_fail (GW_IS_STORE (self), NULL);

  stmt = gw_store_prepare (self, HAZARD_SELECT " WHERE h.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    h = gw_hazard_from_row (stmt);
  sqlite3_reset (stmt);
  if (h == NULL)
    g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                 _("%s: there is no hazard %lld"), gw_store_get_path (self), (long long) id);
  return h;
}

/* ---- writing ------------------------------------------------------------------ */

static char *
next_number (GwStore    *self,
             gint64      grid_id,
             const char *found_date,
             GError    **error)
{
  g_autofree char *prefix = NULL;
  sqlite3_stmt *stmt;
  gint64 last = 0;

  stmt = gw_store_prepare (self, "SELECT c.code FROM grids g JOIN counties c ON c.id = g.county_id"
                                 " WHERE g.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, grid_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    prefix = g_strdup_printf ("%.4s-%s-", found_date, gw_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (prefix == NULL)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no grid %lld"), gw_store_get_path (self),
                   (long long) grid_id);
      return NULL;
    }

  stmt = gw_store_prepare (self, "SELECT max (CAST (substr (number, 13) AS INTEGER)) FROM hazards"
                                 " WHERE number > ?1 AND number < ?1 || '~'", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return g_strdup_printf ("%s%04" G_GINT64_FORMAT, prefix, last + 1);
}

gint64
gw_store_hazard_add (GwStore           *self,
                     const GwHazardNew *n,
                     gint64             actor_id,
                     GError           **error)
{
  g_autofree char *today = NULL;
  g_autofree char *number = NULL;
  g_autofree char *doc = NULL;
  sqlite3_stmt *stmt;
  const char *found;
  GDate d;
  gint64 id;

  g_return_val_if_fail (GW_IS_STORE (self), 0);
  g_return_val_if_fail (n != NULL, 0);

  if (empty (n->title))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING, _("A hazard needs a title"));
      return 0;
    }
  if (n->found_date == NULL)
    {
      gw_date_today (&d);
      today = gw_date_to_string (&d);
    }
  found = n->found_date ? n->found_date : today;
  if (!gw_date_parse (found, &d))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("“%s” is not a date (YYYY-MM-DD)"), found);
      return 0;
    }
  if (n->has_location && (n->lat < -90 || n->lat > 90 || n->lon < -180 || n->lon > 180))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("The location %.6f, %.6f is outside the range of latitudes and longitudes"),
                   n->lat, n->lon);
      return 0;
    }

  if (!gw_store_begin (self, error))
    return 0;
  if (!gw_store_authorize (self, actor_id, GW_ACTION_ADD, n->grid_id, NULL, error))
    goto fail;
  number = next_number (self, n->grid_id, found, error);
  if (number == NULL)
    goto fail;

  stmt = gw_store_prepare (self, "INSERT INTO hazards (number, title, description, grid_id,"
                                 " enterprise_id, lat, lon, found_date, found_by, source, field,"
                                 " campaign_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                 " ?11, ?12)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, n->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, n->description ? n->description : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, n->grid_id);
  gw_store_bind_id_or_null (stmt, 5, n->enterprise_id);
  if (n->has_location)
    {
      sqlite3_bind_double (stmt, 6, n->lat);
      sqlite3_bind_double (stmt, 7, n->lon);
    }
  sqlite3_bind_text (stmt, 8, found, -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 9, n->found_by);
  sqlite3_bind_text (stmt, 10, gw_source_to_id (n->source), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, gw_field_to_id (n->field), -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 12, n->campaign_id);
  if (!STEP_DONE (self, stmt, _("adding a hazard"), error))
    goto fail;
  id = sqlite3_last_insert_rowid (gw_store_get_db (self));

  doc = gw_hazard_fts_doc (number, n->title, n->description);
  if (!gw_store_fts_update (self, id, NULL, doc, error))
    goto fail;
  if (!gw_store_event_append (self, id, found, actor_id, "create", NULL, NULL, "reported",
                              NULL, "{\"state\":[null,\"reported\"]}", error))
    goto fail;
  if (!gw_store_commit (self, error))
    return 0;
  return id;

fail:
  gw_store_rollback (self);
  return 0;
}

void
gw_event_detail (JsonBuilder *b,
                 const char  *field,
                 const char  *from,
                 const char  *to)
{
  json_builder_set_member_name (b, field);
  json_builder_begin_array (b);
  if (from)
    json_builder_add_string_value (b, from);
  else
    json_builder_add_null_value (b);
  if (to)
    json_builder_add_string_value (b, to);
  else
    json_builder_add_null_value (b);
  json_builder_end_array (b);
}

char *
gw_json_builder_to_string (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}


gboolean
gw_store_hazard_move (GwStore      *self,
                      gint64        id,
                      const GwMove *move,
                      gint64        actor_id,
                      GError      **error)
{
  g_autoptr(GwHazard) h = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *today = NULL;
  g_autofree char *details = NULL;
  g_autofree char *responsible = NULL;
  GwLevel level;
  GwUrgency urgency;
  GwMeasure measure;
  gint64 responsible_id;
  const char *deadline, *date, *closed = NULL;
  GwTransition t;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (move != NULL, FALSE);

  if (!gw_store_begin (self, error))
    return FALSE;
  h = gw_store_hazard_get (self, id, error);
  if (h == NULL || !gw_move_validate (h, move, error))
    goto fail;
  gw_transition_lookup (h->state, move->to, &t);
  if (!gw_store_authorize_move (self, actor_id, t, h->grid_id, h->number, error))
    goto fail;
  if (move->responsible_id > 0 && (responsible = gw_store_staff_name (self, move->responsible_id)) == NULL)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no staff member %lld"),
                   gw_store_get_path (self), (long long) move->responsible_id);
      goto fail;
    }

  if (move->date == NULL)
    {
      GDate d;
      gw_date_today (&d);
      today = gw_date_to_string (&d);
    }
  date = move->date ? move->date : today;

  /* The history must read in order, or replaying it gives states that never were. */
  stmt = gw_store_prepare (self, "SELECT max (date) FROM hazard_events WHERE hazard_id = ?1"
                                 " AND (kind = 'create' OR kind = 'transition' OR kind = 'import')", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL &&
      strcmp (date, gw_store_column_text (stmt, 0)) < 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Hazard %s: the change on %s would come before its last change, on %s"),
                   h->number, date, gw_store_column_text (stmt, 0));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  level = h->level;
  urgency = h->urgency;
  measure = h->measure;
  responsible_id = h->responsible_id;
  deadline = h->deadline;
  switch (t)
    {
    case GW_TRANSITION_ASSESS:
      level = move->level;
      urgency = move->urgency;
      measure = move->measure;
      responsible_id = move->responsible_id;
      deadline = move->deadline;
      break;
    case GW_TRANSITION_DOWNGRADE:
      level = move->level;
      break;
    case GW_TRANSITION_REOPEN:
      if (move->level != GW_LEVEL_NONE)
        level = move->level;
      if (move->urgency != GW_URGENCY_NONE)
        urgency = move->urgency;
      if (move->measure != GW_MEASURE_NONE)
        measure = move->measure;
      G_GNUC_FALLTHROUGH;
    case GW_TRANSITION_FAIL:
    case GW_TRANSITION_RECTIFY_FURTHER:
      if (gw_nz (move->deadline))
        deadline = move->deadline;
      if (move->responsible_id > 0)
        responsible_id = move->responsible_id;
      break;
    case GW_TRANSITION_UNFOUNDED:
    case GW_TRANSITION_CLOSE:
      closed = date;
      break;
    case GW_TRANSITION_REPORT_DONE:
    case GW_N_TRANSITIONS:
      break;
    }

  json_builder_begin_object (b);
  gw_event_detail (b, "state", gw_state_to_id (h->state), gw_state_to_id (move->to));
  if (level != h->level)
    gw_event_detail (b, "level", gw_nz (gw_level_to_id (h->level)), gw_nz (gw_level_to_id (level)));
  if (urgency != h->urgency)
    gw_event_detail (b, "urgency", gw_nz (gw_urgency_to_id (h->urgency)), gw_nz (gw_urgency_to_id (urgency)));
  if (measure != h->measure)
    gw_event_detail (b, "measure", gw_nz (gw_measure_to_id (h->measure)), gw_nz (gw_measure_to_id (measure)));
  if (g_strcmp0 (deadline, h->deadline) != 0)
    gw_event_detail (b, "deadline", h->deadline, deadline);
  if (responsible_id != h->responsible_id)
    {
      char from[24], to[24];
      g_snprintf (from, sizeof from, "%" G_GINT64_FORMAT, h->responsible_id);
      g_snprintf (to, sizeof to, "%" G_GINT64_FORMAT, responsible_id);
      gw_event_detail (b, "responsible", h->responsible_id ? from : NULL, to);
    }
  if (g_strcmp0 (closed, h->closed_date) != 0)
    gw_event_detail (b, "closed_date", h->closed_date, closed);
  json_builder_end_object (b);
  details = gw_json_builder_to_string (b);

  stmt = gw_store_prepare (self, "UPDATE hazards SET state = ?2, level = ?3, urgency = ?4,"
                                 " measure = ?5, responsible_id = ?6, deadline = ?7,"
                                 " closed_date = ?8 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, gw_state_to_id (move->to), -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 3, gw_nz (gw_level_to_id (level)));
  gw_store_bind_text_or_null (stmt, 4, gw_nz (gw_urgency_to_id (urgency)));
  gw_store_bind_text_or_null (stmt, 5, gw_nz (gw_measure_to_id (measure)));
  gw_store_bind_id_or_null (stmt, 6, responsible_id);
  gw_store_bind_text_or_null (stmt, 7, deadline);
  gw_store_bind_text_or_null (stmt, 8, closed);
  if (!STEP_DONE (self, stmt, _("changing a hazard's state"), error))
    goto fail;

  if (!gw_store_event_append (self, id, date, actor_id, "transition", gw_transition_to_id (t),
                              gw_state_to_id (h->state), gw_state_to_id (move->to),
                              gw_nz (move->reason), details, error))
    goto fail;
  if (t == GW_TRANSITION_DOWNGRADE &&
      !gw_store_event_append (self, id, date, actor_id, "level", "level",
                              gw_nz (gw_level_to_id (h->level)), gw_level_to_id (level),
                              gw_nz (move->reason), NULL, error))
    goto fail;

  return gw_store_commit (self, error);

fail:
  gw_store_rollback (self);
  return FALSE;
}

gboolean
gw_store_hazard_comment (GwStore    *self,
                         gint64      id,
                         const char *text,
                         gint64      actor_id,
                         GError    **error)
{
  g_autoptr(GwHazard) h = NULL;
  g_autofree char *today = NULL;
  GDate d;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (empty (text))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING, _("A comment needs some text"));
      return FALSE;
    }
  if (!gw_store_begin (self, error))
    return FALSE;
  h = gw_store_hazard_get (self, id, error);
  gw_date_today (&d);
  today = gw_date_to_string (&d);
  if (h == NULL ||
      !gw_store_authorize (self, actor_id, GW_ACTION_EDIT, h->grid_id, h->number, error) ||
      !gw_store_event_append (self, id, today, actor_id, "comment", NULL, NULL, NULL, text, NULL,
                              error))
    {
      gw_store_rollback (self);
      return FALSE;
    }
  return gw_store_commit (self, error);
}

/* Field name → column. Ids are bound as integers, enumerations are checked
 * against their identifiers before they reach the CHECK constraints. */
static const char *edit_columns[][2] = {
  { "title", "title" },
  { "description", "description" },
  { "responsible_unit", "responsible_unit" },
  { "deadline", "deadline" },
  { "campaign", "campaign_id" },
  { "enterprise", "enterprise_id" },
  { "responsible", "responsible_id" },
  { "field", "field" },
  { "source", "source" },
  { "urgency", "urgency" },
  { "measure", "measure" },
};

static gboolean
is_id_field (const char *field)
{
  return g_str_equal (field, "campaign") || g_str_equal (field, "enterprise") ||
         g_str_equal (field, "responsible");
}

static char *
current_value (const GwHazard *h,
               const char     *field)
{
  if (g_str_equal (field, "title"))
    return g_strdup (h->title);
  if (g_str_equal (field, "description"))
    return g_strdup (h->description);
  if (g_str_equal (field, "responsible_unit"))
    return g_strdup (h->responsible_unit);
  if (g_str_equal (field, "deadline"))
    return g_strdup (h->deadline);
  if (g_str_equal (field, "campaign"))
    return h->campaign_id ? g_strdup_printf ("%" G_GINT64_FORMAT, h->campaign_id) : NULL;
  if (g_str_equal (field, "enterprise"))
    return h->enterprise_id ? g_strdup_printf ("%" G_GINT64_FORMAT, h->enterprise_id) : NULL;
  if (g_str_equal (field, "responsible"))
    return h->responsible_id ? g_strdup_printf ("%" G_GINT64_FORMAT, h->responsible_id) : NULL;
  if (g_str_equal (field, "field"))
    return g_strdup (gw_field_to_id (h->field));
  if (g_str_equal (field, "source"))
    return g_strdup (gw_source_to_id (h->source));
  if (g_str_equal (field, "urgency"))
    return g_strdup (gw_nz (gw_urgency_to_id (h->urgency)));
  if (g_str_equal (field, "measure"))
    return g_strdup (gw_nz (gw_measure_to_id (h->measure)));
  if (g_str_equal (field, "location"))
    return h->has_location ? g_strdup_printf ("%.6f,%.6f", h->lat, h->lon) : NULL;
  return NULL;
}

static gboolean
apply_edit (GwStore        *self,
            const GwHazard *h,
            const char     *field,
            const char     *value,
            GError        **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (g_str_equal (field, "location"))
    {
      double lat = 0, lon = 0;
      g_auto(GStrv) parts = value ? g_strsplit (value, ",", 2) : NULL;

      if (parts && g_strv_length (parts) == 2)
        {
          char *end1, *end2;
          lat = g_ascii_strtod (parts[0], &end1);
          lon = g_ascii_strtod (parts[1], &end2);
          if (*end1 || *end2 || end1 == parts[0] || end2 == parts[1] ||
              lat < -90 || lat > 90 || lon < -180 || lon > 180)
            parts = (g_strfreev (parts), NULL);
        }
      if (value && !parts)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("Hazard %s: “%s” is not a location (latitude,longitude)"),
                       h->number, value);
          return FALSE;
        }
      stmt = gw_store_prepare (self, "UPDATE hazards SET lat = ?2, lon = ?3 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, h->id);
      if (value)
        {
          sqlite3_bind_double (stmt, 2, lat);
          sqlite3_bind_double (stmt, 3, lon);
        }
      return STEP_DONE (self, stmt, _("editing a hazard"), error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (edit_columns); i++)
    if (g_str_equal (field, edit_columns[i][0]))
      sql = g_strdup_printf ("UPDATE hazards SET %s = ?2 WHERE id = ?1", edit_columns[i][1]);
  g_assert (sql != NULL);

  if (g_str_equal (field, "title") && empty (value))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING,
                   _("Hazard %s: the title cannot be empty"), h->number);
      return FALSE;
    }
  if (g_str_equal (field, "deadline") && value)
    {
      GDate d;
      if (!gw_date_parse (value, &d))
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("Hazard %s: the deadline “%s” is not a date (YYYY-MM-DD)"),
                       h->number, value);
          return FALSE;
        }
    }
  if ((g_str_equal (field, "deadline") || g_str_equal (field, "responsible") ||
       g_str_equal (field, "urgency") || g_str_equal (field, "measure")) && value == NULL &&
      h->state != GW_STATE_REPORTED && h->state != GW_STATE_CLOSED)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING,
                   _("Hazard %s: a hazard under rectification needs its %s"), h->number,
                   g_str_equal (field, "deadline") ? _("deadline")
                   : g_str_equal (field, "responsible") ? _("responsible person")
                   : g_str_equal (field, "urgency") ? _("urgency class") : _("measure"));
      return FALSE;
    }
  if (value != NULL)
    {
      GwField f; GwSource so; GwUrgency u; GwMeasure m;
      gboolean ok = TRUE;

      if (g_str_equal (field, "field"))
        ok = gw_field_parse (value, &f) && g_str_equal (value, gw_field_to_id (f));
      else if (g_str_equal (field, "source"))
        ok = gw_source_parse (value, &so) && g_str_equal (value, gw_source_to_id (so));
      else if (g_str_equal (field, "urgency"))
        ok = gw_urgency_parse (value, &u) && u != GW_URGENCY_NONE &&
             g_str_equal (value, gw_urgency_to_id (u));
      else if (g_str_equal (field, "measure"))
        ok = gw_measure_parse (value, &m) && m != GW_MEASURE_NONE &&
             g_str_equal (value, gw_measure_to_id (m));
      else if (is_id_field (field))
        ok = *value && strspn (value, "0123456789") == strlen (value);
      if (!ok)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("Hazard %s: “%s” is not a valid value for %s"), h->number, value, field);
          return FALSE;
        }
    }

  stmt = gw_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, h->id);
  if (value == NULL)
    sqlite3_bind_null (stmt, 2);
  else if (is_id_field (field))
    sqlite3_bind_int64 (stmt, 2, g_ascii_strtoll (value, NULL, 10));
  else
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return STEP_DONE (self, stmt, _("editing a hazard"), error);
}

gboolean
gw_store_hazard_edit (GwStore    *self,
                      gint64      id,
                      const char *field,
                      const char *value,
                      gint64      actor_id,
                      GError    **error)
{
  g_autoptr(GwHazard) h = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *old = NULL;
  g_autofree char *details = NULL;
  g_autofree char *today = NULL;
  gboolean known = g_strcmp0 (field, "location") == 0;
  GDate d;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (edit_columns); i++)
    known |= g_strcmp0 (field, edit_columns[i][0]) == 0;
  if (!known)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("“%s” is not a field that can be edited"), field ? field : "");
      return FALSE;
    }

  if (!gw_store_begin (self, error))
    return FALSE;
  h = gw_store_hazard_get (self, id, error);
  if (h == NULL || !gw_store_authorize (self, actor_id, GW_ACTION_EDIT, h->grid_id, h->number,
                                        error))
    goto fail;
  old = current_value (h, field);
  if (g_strcmp0 (old, value) == 0)
    return gw_store_commit (self, error);
  if (!apply_edit (self, h, field, value, error))
    goto fail;

  if (g_str_equal (field, "title") || g_str_equal (field, "description"))
    {
      g_autofree char *old_doc = gw_hazard_fts_doc (h->number, h->title, h->description);
      g_autofree char *new_doc = g_str_equal (field, "title")
        ? gw_hazard_fts_doc (h->number, value, h->description)
        : gw_hazard_fts_doc (h->number, h->title, value);
      if (!gw_store_fts_update (self, id, old_doc, new_doc, error))
        goto fail;
    }

  json_builder_begin_object (b);
  gw_event_detail (b, field, old, value);
  json_builder_end_object (b);
  details = gw_json_builder_to_string (b);
  gw_date_today (&d);
  today = gw_date_to_string (&d);
  if (!gw_store_event_append (self, id, today, actor_id, "edit", field, old, value, NULL,
                              details, error))
    goto fail;
  return gw_store_commit (self, error);

fail:
  gw_store_rollback (self);
  return FALSE;
}

gint64
gw_store_attachment_add (GwStore    *self,
                         gint64      hazard_id,
                         const char *kind,
                         const char *filename,
                         const char *mime_type,
                         GBytes     *data,
                         gint64      actor_id,
                         GError    **error)
{
  g_autofree char *sum = NULL;
  g_autofree char *at = gw_store_now_iso8601 ();
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  GDate d;

  g_return_val_if_fail (GW_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  if (!gw_store_begin (self, error))
    return 0;
  {
    g_autoptr(GwHazard) h = gw_store_hazard_get (self, hazard_id, error);
    if (h == NULL ||
        !gw_store_authorize (self, actor_id, GW_ACTION_EDIT, h->grid_id, h->number, error))
      goto fail;
  }
  stmt = gw_store_prepare (self, "INSERT INTO attachments (hazard_id, kind, filename, mime_type,"
                                 " sha256, data, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5,"
                                 " ?6, ?7, ?8)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, hazard_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filename, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, mime_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, sum, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 6, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                       SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, at, -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 8, actor_id);
  if (!STEP_DONE (self, stmt, _("adding an attachment"), error))
    goto fail;
  id = sqlite3_last_insert_rowid (gw_store_get_db (self));
  gw_date_today (&d);
  today = gw_date_to_string (&d);
  if (!gw_store_event_append (self, hazard_id, today, actor_id, "attachment", kind, NULL, sum,
                              filename, NULL, error))
    goto fail;
  if (!gw_store_commit (self, error))
    return 0;
  return id;

fail:
  gw_store_rollback (self);
  return 0;
}

/* ---- many at once --------------------------------------------------------------- */

/* Every 64 hazards, and at the end. */
static void
bulk_progress (GwProgressFunc progress,
               gpointer       user_data,
               guint          done,
               guint          n)
{
  if (progress != NULL && (done % 64 == 0 || done == n))
    progress (n > 0 ? (double) done / n : 1.0, _("Changing the hazards"), user_data);
}

gboolean
gw_store_hazards_move (GwStore      *self,
                       const gint64 *ids,
                       guint         n_ids,
                       const GwMove  *move,
                       gint64         actor_id,
                       GwProgressFunc progress,
                       gpointer       user_data,
                       GError       **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (!gw_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      if (!gw_store_hazard_move (self, ids[i], move, actor_id, error))
        {
          /* The failed move rolled back the whole transaction. */
          g_prefix_error (error, _("Nothing was changed. "));
          return FALSE;
        }
      bulk_progress (progress, user_data, i + 1, n_ids);
    }
  return gw_store_commit (self, error);
}

gboolean
gw_store_hazards_edit (GwStore      *self,
                       const gint64 *ids,
                       guint         n_ids,
                       const char   *field,
                       const char    *value,
                       gint64         actor_id,
                       GwProgressFunc progress,
                       gpointer       user_data,
                       GError       **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (!gw_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      if (!gw_store_hazard_edit (self, ids[i], field, value, actor_id, error))
        {
          g_prefix_error (error, _("Nothing was changed. "));
          return FALSE;
        }
      bulk_progress (progress, user_data, i + 1, n_ids);
    }
  return gw_store_commit (self, error);
}
