/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-export.h"

G_BEGIN_DECLS

/* Exports the open database to Excel or CSV: the sheets to include, the
 * as-of date, the ledger's current filter or every hazard, the format and
 * the file name (gw_export_default_filename). Export… asks where to save
 * with a file chooser, then writes in a worker thread on its own connection
 * with a progress bar and Cancel; the file appears only when the export
 * succeeds. Afterwards it offers to open the file or its folder. */

#define GW_TYPE_EXPORT_DIALOG (gw_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GwExportDialog, gw_export_dialog, GW, EXPORT_DIALOG, AdwWindow)

typedef enum {
  GW_EXPORT_DIALOG_IDLE,       /* choosing the options */
  GW_EXPORT_DIALOG_RUNNING,
  GW_EXPORT_DIALOG_DONE,       /* the file is written */
  GW_EXPORT_DIALOG_CANCELLED,  /* nothing was written; the options are shown again */
  GW_EXPORT_DIALOG_FAILED,     /* nothing was written; the error was shown */
} GwExportDialogState;

/* @db_path: the database, read by the dialog's own connection.
 * @ledger_filter: the ledger's current filter (copied), or NULL; @n_filtered:
 * how many hazards it selects, -1 when not known. */
GwExportDialog      *gw_export_dialog_new               (GtkWindow      *parent,
                                                         const char     *db_path,
                                                         const GwFilter *ledger_filter,
                                                         gint64          n_filtered);

GwExportDialogState  gw_export_dialog_get_state         (GwExportDialog *self);
/* The file name shown (without a folder). */
const char          *gw_export_dialog_get_file_name     (GwExportDialog *self);
/* The as-of date as written in its entry. */
const char          *gw_export_dialog_get_date_text     (GwExportDialog *self);
void                 gw_export_dialog_set_date_text     (GwExportDialog *self,
                                                         const char     *text);
/* Ticks the sheets of @sheets and unticks the others. */
void                 gw_export_dialog_set_sheets        (GwExportDialog *self,
                                                         GwExportSheets  sheets);
/* Starts the export to @path, as after the file chooser (tests, and the
 * chooser's response). Does nothing while an export runs or when the
 * options are not valid. */
void                 gw_export_dialog_export_to         (GwExportDialog *self,
                                                         const char     *path);
/* Cancels a running export, as the Cancel button does. */
void                 gw_export_dialog_cancel            (GwExportDialog *self);
/* The file of the last export started, or NULL. */
const char          *gw_export_dialog_get_output_path   (GwExportDialog *self);
/* The message of the last failure shown, or NULL. */
const char          *gw_export_dialog_get_error_message (GwExportDialog *self);

G_END_DECLS
