/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-stats.h"

G_BEGIN_DECLS

/* The main window: a header with a view switcher over the four places of
 * DESIGN.md — "map", "ledger", "cadence" and "board" — and a hazard's page
 * over them. It owns the main-thread connection to the open database
 * ("store", notified when it changes) and emits "hazards-changed" after a
 * change made in any of its views. */

#define GW_TYPE_WINDOW (gw_window_get_type ())
G_DECLARE_FINAL_TYPE (GwWindow, gw_window, GW, WINDOW, AdwApplicationWindow)

GwWindow      *gw_window_new               (GtkApplication *application);

/* Opens @path in a worker thread and shows its KPIs; when the file does not
 * exist yet, offers to create it (the demo city or an empty database). */
void           gw_window_open              (GwWindow       *self,
                                            const char     *path);
/* Opens the database again in a worker (as at first: it is checked), then
 * recomputes the KPIs and reads the ledger and the hazard shown again. */
void           gw_window_reload            (GwWindow       *self);
/* After a change written elsewhere (another view, the command line): the
 * KPIs, the ledger and the hazard shown are read again on the open
 * connection, and "hazards-changed" is emitted. Much cheaper than a reload. */
void           gw_window_refresh           (GwWindow       *self);

/* The database shown, or NULL. */
const char    *gw_window_get_path          (GwWindow       *self);
/* The main-thread connection to it, or NULL. Other threads open their own
 * with gw_store_open () on gw_store_get_path (). */
GwStore       *gw_window_get_store         (GwWindow       *self);
/* TRUE while a database is being opened or its KPIs computed. */
gboolean       gw_window_get_busy          (GwWindow       *self);
/* The KPIs last shown, or NULL when no database is open. */
const GwStats *gw_window_get_stats         (GwWindow       *self);
/* The text of the last open error shown to the person, or NULL. */
const char    *gw_window_get_error_message (GwWindow       *self);
/* The value shown in a KPI tile (see gw-overview.h for the ids), or NULL. */
const char    *gw_window_get_kpi_text      (GwWindow       *self,
                                            const char     *kpi_id);
/* The first-run dialog while it is shown, or NULL. */
GtkWindow     *gw_window_get_first_run     (GwWindow       *self);

/* Replaces the placeholder of the view @name ("map", "ledger", "cadence",
 * "board") with @widget. */
void           gw_window_set_page_widget   (GwWindow       *self,
                                            const char     *name,
                                            GtkWidget      *widget);
/* Shows the view @name. */
void           gw_window_show_view         (GwWindow       *self,
                                            const char     *name);
/* Shows the ledger filtered to the hazards of grid @grid_id (from the map). */
void           gw_window_show_grid         (GwWindow       *self,
                                            gint64          grid_id);
/* Opens the page of hazard @id over the views (from the ledger, the map …). */
void           gw_window_show_hazard       (GwWindow       *self,
                                            gint64          id);

/* The staff member recorded as the actor of every change (0: none chosen,
 * or not a member of the open database's staff). */
gint64         gw_window_get_operator_id   (GwWindow       *self);
void           gw_window_set_operator_id   (GwWindow       *self,
                                            gint64          operator_id);

/* Backs the open database up to @dest (a new file) in a worker, checks the
 * copy and says so in a toast; what the "Back Up…" chooser does. */
void           gw_window_backup_to         (GwWindow       *self,
                                            const char     *dest);
/* Checks @backup in a worker; a broken one is refused with the check's
 * message, a sound one is offered in a dialog (gw_window_get_dialog) whose
 * "restore" response replaces the database with it, keeping a safety copy,
 * and opens it again. What the "Restore from Backup…" chooser does. */
void           gw_window_restore_from      (GwWindow       *self,
                                            const char     *backup);
/* The text of the last toast shown, or NULL. */
const char    *gw_window_get_last_toast    (GwWindow       *self);

/* The views, for tests. */
GtkWidget     *gw_window_get_ledger        (GwWindow       *self);
GtkWidget     *gw_window_get_hazard_page   (GwWindow       *self);
/* The dialog of a window action while it is open (operator, new hazard,
 * preferences), or NULL. */
GtkWindow     *gw_window_get_dialog        (GwWindow       *self);

/* What gw_window_set_page_widget put in a place (or the built-in page). */
GtkWidget   *gw_window_get_page_widget  (GwWindow *self, const char *name);
/* The board full screen for the meeting (F5): header hidden, editing off. */
void         gw_window_set_presenting   (GwWindow *self, gboolean presenting);
gboolean     gw_window_get_presenting   (GwWindow *self);

G_END_DECLS
