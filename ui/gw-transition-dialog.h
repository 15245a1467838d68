/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-hazard.h"

G_BEGIN_DECLS

/* Asks for what one transition of the 整改降级 flow requires (DESIGN.md) and
 * emits "apply" with the move once every requirement is given; the Apply
 * response stays disabled until then, and bad input is marked where it is. */

#define GW_TYPE_TRANSITION_DIALOG (gw_transition_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GwTransitionDialog, gw_transition_dialog, GW, TRANSITION_DIALOG,
                      AdwMessageDialog)

/* @hazard: the one hazard moved, or NULL for @n_hazards selected ones (their
 * levels unknown: the store refuses a downgrade that would raise one). The
 * responsible people offered are @store's staff of the hazard's grid and
 * those of no grid, or everybody. */
GwTransitionDialog *gw_transition_dialog_new            (GtkWindow          *parent,
                                                         GwStore            *store,
                                                         GwTransition        transition,
                                                         const GwHazard     *hazard,
                                                         guint               n_hazards);
GwTransition        gw_transition_dialog_get_transition (GwTransitionDialog *self);
/* The move as given so far; its strings belong to the dialog. */
void                gw_transition_dialog_get_move       (GwTransitionDialog *self,
                                                         GwMove             *out);
/* Whether Apply is enabled, and the message shown when it is not. */
gboolean            gw_transition_dialog_get_valid      (GwTransitionDialog *self);
const char         *gw_transition_dialog_get_problem    (GwTransitionDialog *self);

/* Fill the fields as a person would (tests, and defaults). */
void                gw_transition_dialog_set_level      (GwTransitionDialog *self,
                                                         GwLevel             level);
void                gw_transition_dialog_set_urgency    (GwTransitionDialog *self,
                                                         GwUrgency           urgency);
void                gw_transition_dialog_set_measure    (GwTransitionDialog *self,
                                                         GwMeasure           measure);
void                gw_transition_dialog_set_deadline   (GwTransitionDialog *self,
                                                         const char         *deadline);
/* FALSE when @staff_id is not among the people offered. */
gboolean            gw_transition_dialog_set_responsible (GwTransitionDialog *self,
                                                          gint64              staff_id);
void                gw_transition_dialog_set_reason     (GwTransitionDialog *self,
                                                         const char         *reason);
/* Presses Apply: emits "apply" and closes when the move is complete. */
gboolean            gw_transition_dialog_apply          (GwTransitionDialog *self);

G_END_DECLS
