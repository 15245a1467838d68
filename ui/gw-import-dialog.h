/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gw-import.h"

G_BEGIN_DECLS

#define GW_TYPE_IMPORT_DIALOG (gw_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GwImportDialog, gw_import_dialog, GW, IMPORT_DIALOG, AdwWindow)

/* Imports staff, enterprises or hazards from a CSV file into the database at
 * @db_path: the kind, the file and its encoding are chosen, the first rows are
 * previewed with a field chosen above each column (guessed from the header),
 * "Check" lists every problem without writing anything, and "Import" writes
 * the whole file in one transaction, or nothing when any row is bad. Both run
 * in a worker thread on its own connection, with a progress bar.
 *
 * Signals: "imported" (guint n records) after a successful import. */

GwImportDialog *gw_import_dialog_new        (GtkWindow      *parent,
                                             const char     *db_path,
                                             gint64          actor_id);

/* What the controls do, for scripts and tests. */
void            gw_import_dialog_set_kind   (GwImportDialog *self,
                                             GwImportKind    kind);
/* Reads the file's first rows for the preview; FALSE and a message shown
 * (and in @error) when it cannot be read. */
gboolean        gw_import_dialog_set_file   (GwImportDialog *self,
                                             const char     *path,
                                             GError        **error);

/* The preview: rows shown (the header row included) and their cells. */
guint           gw_import_dialog_get_n_preview_rows (GwImportDialog *self);
guint           gw_import_dialog_get_n_columns      (GwImportDialog *self);
const char     *gw_import_dialog_get_cell           (GwImportDialog *self,
                                                     guint           row,
                                                     guint           column);
/* Index of the preview row taken as the header. */
guint           gw_import_dialog_get_header_row     (GwImportDialog *self);
/* The field chosen for a column, "ignore" for none. */
const char     *gw_import_dialog_get_column_field   (GwImportDialog *self,
                                                     guint           column);
gboolean        gw_import_dialog_set_column_field   (GwImportDialog *self,
                                                     guint           column,
                                                     const char     *field);

/* "Check" and "Import": start the worker; gw_import_dialog_get_busy () is
 * TRUE until it is done. */
void            gw_import_dialog_check      (GwImportDialog *self);
void            gw_import_dialog_import     (GwImportDialog *self);
gboolean        gw_import_dialog_get_busy   (GwImportDialog *self);
double          gw_import_dialog_get_fraction (GwImportDialog *self);

/* After a run: the problems listed ("FILE line N, column “C”: …"), all of
 * them counted, the records imported (0 after a check or a refusal), and the
 * status line shown. */
guint           gw_import_dialog_get_n_problems     (GwImportDialog *self);
GPtrArray      *gw_import_dialog_get_problems       (GwImportDialog *self);
guint           gw_import_dialog_get_imported       (GwImportDialog *self);
const char     *gw_import_dialog_get_status         (GwImportDialog *self);

G_END_DECLS
