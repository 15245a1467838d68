/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-roles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gw-hazard.h"
#include "gw-roles.h"
#include "gw-store-private.h"

typedef struct {
  char   *name;
  GwRole  role;
  gint64  grid_id;
  gboolean active;
} Operator;

static gboolean
load_operator (GwStore  *self,
               gint64    actor_id,
               Operator *op,
               GError  **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, "SELECT name, role, coalesce (grid_id, 0), active"
                                               " FROM staff WHERE id = ?1", error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, actor_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      op->name = g_strdup (gw_store_column_text (stmt, 0));
      gw_role_parse (gw_store_column_text (stmt, 1), &op->role);
      op->grid_id = sqlite3_column_int64 (stmt, 2);
      op->active = sqlite3_column_int (stmt, 3);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                 _("%s: there is no staff member %lld"), gw_store_get_path (self),
                 (long long) actor_id);
  return found;
}

static gboolean
is_grid_staff (GwRole role)
{
  return role == GW_ROLE_GRID_CHIEF || role == GW_ROLE_GRID_MEMBER || role == GW_ROLE_SUPERVISOR;
}

static gboolean
refuse (GError        **error,
        const Operator *op,
        const char     *what,
        const char     *who_may)
{
  g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_ALLOWED,
               _("%s (%s) may not %s: %s"), op->name, gw_role_label (op->role), what, who_may);
  return FALSE;
}

/* Whether @op may change (or add to) the hazards of @grid_id. */
static gboolean
check_operator (const Operator *op,
                GwAction        action,
                gint64          grid_id,
                const char     *number,
                GError        **error)
{
  g_autofree char *what = action == GW_ACTION_ADD
    ? g_strdup (_("report hazards in this grid"))
    : g_strdup_printf (_("change hazard %s"), number ? number : "");

  if (!op->active)
    return refuse (error, op, what, _("the account is no longer active"));
  if (op->role == GW_ROLE_REGULATION)
    return TRUE;
  if (is_grid_staff (op->role) && op->grid_id == grid_id)
    return TRUE;
  if (is_grid_staff (op->role))
    return refuse (error, op, what,
                   _("grid staff work on the hazards of their own grid; the regulation office "
                     "(督办科) works on every grid"));
  return refuse (error, op, what,
                 _("only the grid's chief and members and the regulation office (督办科) "
                   "change hazards"));
}

gboolean
gw_store_authorize (GwStore    *self,
                    gint64      actor_id,
                    GwAction    action,
                    gint64      grid_id,
                    const char *number,
                    GError    **error)
{
  Operator op = { 0 };
  gboolean ok;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (actor_id <= 0)
    return TRUE;
  if (!load_operator (self, actor_id, &op, error))
    return FALSE;
  ok = check_operator (&op, action, grid_id, number, error);
  g_free (op.name);
  return ok;
}

gboolean
gw_store_authorize_move (GwStore      *self,
                         gint64        actor_id,
                         GwTransition  transition,
                         gint64        grid_id,
                         const char   *number,
                         GError      **error)
{
  Operator op = { 0 };
  g_autofree char *what = NULL;
  gboolean ok;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (actor_id <= 0)
    return TRUE;
  /* The operator's row is read once for both questions. */
  if (!load_operator (self, actor_id, &op, error))
    return FALSE;
  ok = check_operator (&op, GW_ACTION_EDIT, grid_id, number, error);
  /* Grid staff take a hazard as far as "verifying"; the rest is verification. */
  if (ok && op.role != GW_ROLE_REGULATION &&
      transition != GW_TRANSITION_ASSESS && transition != GW_TRANSITION_REPORT_DONE)
    {
      what = g_strdup_printf (_("“%s” hazard %s"), gw_transition_label (transition), number);
      ok = refuse (error, &op, what,
                   _("the regulation office (督办科) verifies, downgrades, closes and reopens "
                     "hazards; grid staff assess them and report rectification done"));
    }
  g_free (op.name);
  return ok;
}
