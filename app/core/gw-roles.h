/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-store.h"

G_BEGIN_DECLS

/* What an operator may do, decided by their role and grid — in the store,
 * so that no caller can skip it. The system account (actor 0: the command
 * line without --by, the demo, migrations) may do everything. */
typedef enum {
  GW_ACTION_ADD,        /* report a new hazard in a grid */
  GW_ACTION_EDIT,       /* edit fields, comment, attach photos */
  GW_ACTION_MOVE,       /* a transition; see gw_store_authorize_move */
} GwAction;

/* May @actor_id do @action on a hazard of @grid_id? Sets an error naming who
 * may when not. */
gboolean gw_store_authorize      (GwStore *self, gint64 actor_id, GwAction action,
                                  gint64 grid_id, const char *hazard_number, GError **error);
/* Grid staff move their own grid's hazards up to verifying (assess, report
 * done); the regulation office verifies, downgrades, closes, reopens anywhere. */
gboolean gw_store_authorize_move (GwStore *self, gint64 actor_id, GwTransition transition,
                                  gint64 grid_id, const char *hazard_number, GError **error);

G_END_DECLS
