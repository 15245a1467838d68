/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-hazard.h"

G_BEGIN_DECLS

#define GW_TYPE_CHECK_DIALOG (gw_check_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GwCheckDialog, gw_check_dialog, GW, CHECK_DIALOG, AdwWindow)

/* A ten-day analysis 研判 or a patrol 巡查: recorded anew, or shown.
 *
 * A new analysis lists the participants from the grid's staff, every open
 * hazard of the grid for review with a note on each (linked as "reviewed"),
 * new hazards found (created and linked as "found") and the minutes. A new
 * patrol has the staff, the route or area, hazards found and optional photos.
 *
 * Signals: "saved" (gint64 check id) once a new record is stored;
 * "hazard-activated" (gint64 hazard id) when a linked hazard is activated. */

/* @grid_id 0: chosen in the dialog; @date NULL: today. */
GwCheckDialog *gw_check_dialog_new_record   (GwStore       *store,
                                             GwCheckKind    kind,
                                             gint64         grid_id,
                                             const char    *date);
/* Shows a stored record; NULL and @error when it can't be read. */
GwCheckDialog *gw_check_dialog_new_view     (GwStore       *store,
                                             gint64         check_id,
                                             GError       **error);

/* The record shown, or the one saved; 0 before a new one is saved. */
gint64         gw_check_dialog_get_check_id (GwCheckDialog *self);
gboolean       gw_check_dialog_is_view      (GwCheckDialog *self);
GwCheckKind    gw_check_dialog_get_kind     (GwCheckDialog *self);
gint64         gw_check_dialog_get_grid_id  (GwCheckDialog *self);
/* "YYYY-MM-DD" as entered or stored. */
const char    *gw_check_dialog_get_date     (GwCheckDialog *self);
/* Open hazards listed for review (new analyses) or linked as reviewed (shown). */
guint          gw_check_dialog_get_n_reviewed (GwCheckDialog *self);

/* What the buttons do, for scripts and tests. */
/* Chooses the grid of a new record; FALSE if there is no such grid. */
gboolean       gw_check_dialog_set_grid_id  (GwCheckDialog *self,
                                             gint64         grid_id);
void           gw_check_dialog_add_found    (GwCheckDialog *self,
                                             const char    *title,
                                             GwField        field);
void           gw_check_dialog_set_notes    (GwCheckDialog *self,
                                             const char    *text);
/* Validates and stores the record; on success emits "saved" (it does not close). */
gboolean       gw_check_dialog_save         (GwCheckDialog *self,
                                             GError       **error);

G_END_DECLS
