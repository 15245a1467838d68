/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-csv.h"
#include "gw-demo.h"   /* GwProgressFunc */
#include "gw-store.h"

G_BEGIN_DECLS

/* Staff, enterprises and hazard ledgers from CSV, as bureaus keep them in Excel.
 *
 * The header row is found among the first rows (a title row above it is
 * skipped) and its columns are recognised by their Chinese or English names
 * (姓名, 网格, 统一社会信用代码, 隐患名称, 整改时限, 责任人 …), or mapped by the
 * caller. Every row is checked before anything is written: when any row is bad
 * the whole file is refused, the error names the file, the line and the column
 * of the first 20 problems, and nothing is imported. A clean file is written
 * in one transaction.
 *
 * Imported hazards get a history that matches their state: a "create" event on
 * the day found and, when the row is past "reported", one "import" event that
 * sets what the row says (state, level, urgency, measure, deadline, responsible
 * person, closed date), dated the closed date or else the day found. */

#define GW_IMPORT_ERROR (gw_import_error_quark ())

typedef enum {
  GW_IMPORT_ERROR_HEADER,     /* no header row, a required column missing, a column twice */
  GW_IMPORT_ERROR_MAPPING,    /* the column mapping is wrong */
  GW_IMPORT_ERROR_EMPTY,      /* a header but no rows */
  GW_IMPORT_ERROR_ROWS,       /* one or more rows are bad: see GwImportResult.problems */
  GW_IMPORT_ERROR_RESTORE,    /* a backup cannot be restored */
} GwImportError;

typedef enum {
  GW_IMPORT_STAFF,
  GW_IMPORT_ENTERPRISES,
  GW_IMPORT_HAZARDS,
  GW_N_IMPORT_KINDS
} GwImportKind;

typedef struct {
  GwImportKind   kind;
  GwCsvEncoding  encoding;
  /* CSV header → field id (see gw_import_fields); "" or "ignore" leaves the
   * column out. Headers it does not name are recognised as usual. NULL: none. */
  GHashTable    *mapping;
  /* The actor of the hazards' events; 0: the system account. */
  gint64         actor_id;
  /* Check and write everything, then roll back. */
  gboolean       dry_run;
} GwImportOptions;

typedef struct {
  guint  line;       /* 1-based line of the file */
  char  *column;     /* the header of the column, or NULL for the whole row */
  char  *message;    /* what is wrong, without the file, line and column */
} GwImportProblem;

typedef struct {
  GwCsvEncoding  encoding;          /* what the file turned out to be */
  guint          header_line;
  guint          rows;              /* data rows (blank rows are skipped) */
  guint          imported;          /* records written (0 on a dry run) */
  guint          campaigns_created;
  guint          n_problems;        /* all of them; problems holds the first 1000 */
  GPtrArray     *problems;          /* GwImportProblem* */
  GPtrArray     *ignored_columns;   /* char*: headers no field took */
} GwImportResult;

GQuark       gw_import_error_quark   (void);

const char  *gw_import_kind_to_id    (GwImportKind kind);
/* "staff", "enterprises" or "hazards" (also "enterprise", "hazard"). */
gboolean     gw_import_kind_parse    (const char *text, GwImportKind *out);

/* The field ids of a kind, NULL-terminated; for a mapping editor. */
const char * const *gw_import_fields (GwImportKind kind);
/* Translated name of a field, NULL when the kind has no such field. */
const char  *gw_import_field_label   (GwImportKind kind, const char *field);
gboolean     gw_import_field_required (GwImportKind kind, const char *field);
/* The field a header is recognised as, "ignore" for columns left out on
 * purpose (序号 …), or NULL. */
const char  *gw_import_guess_field   (GwImportKind kind, const char *header);

/* Reads a mapping file: a JSON object {"CSV header": "field id"}. Field ids
 * are checked against @kind; the message names the file and the header. */
GHashTable  *gw_import_mapping_load  (const char *path, GwImportKind kind, GError **error);

void         gw_import_result_clear  (GwImportResult *result);
void         gw_import_problem_free  (GwImportProblem *problem);

/* Imports @path into @store. Blocking: call it from a worker thread, on a
 * store no other thread uses meanwhile; @progress is called from that thread,
 * @cancellable is checked between rows (a cancelled import writes nothing).
 * @result may be NULL; it is filled on success and on refusal. */
gboolean     gw_import_csv_file      (GwStore                *store,
                                      const char             *path,
                                      const GwImportOptions  *options,
                                      GwProgressFunc          progress,
                                      gpointer                user_data,
                                      GCancellable           *cancellable,
                                      GwImportResult         *result,
                                      GError                **error);
/* The same from memory; @label names the data in messages. */
gboolean     gw_import_csv_data      (GwStore                *store,
                                      const char             *label,
                                      const char             *data,
                                      gsize                   length,
                                      const GwImportOptions  *options,
                                      GwProgressFunc          progress,
                                      gpointer                user_data,
                                      GCancellable           *cancellable,
                                      GwImportResult         *result,
                                      GError                **error);

/* The first @max_records records of a file as they are (GStrv each), for a
 * preview; @used receives the encoding. */
GPtrArray   *gw_import_preview       (const char     *label,
                                      const char     *data,
                                      gsize           length,
                                      GwCsvEncoding   encoding,
                                      guint           max_records,
                                      GwCsvEncoding  *used,
                                      GError        **error);

/* ---- backups ------------------------------------------------------------------ */

/* Copies the open database to @dest with SQLite's online backup (through a
 * temporary file beside it, renamed when complete), then opens the copy and
 * runs gw_store_check on it. @dest must not exist. @report (may be NULL)
 * receives the check's report. */
gboolean     gw_backup_create        (GwStore    *store,
                                      const char *dest,
                                      GString    *report,
                                      GError    **error);

/* The same, calling @progress (may be NULL) from the calling thread: the
 * fraction copied up to 0.8, then 0.8 while the copy is checked, 1.0 at the end. */
gboolean     gw_backup_create_full   (GwStore        *store,
                                      const char     *dest,
                                      GwProgressFunc  progress,
                                      gpointer        user_data,
                                      GString        *report,
                                      GError        **error);

/* Opens the backup @backup_path read-only and runs gw_store_check on it, as
 * gw_backup_restore does first, without leaving -wal/-shm files beside it.
 * The message says why it cannot be restored. */
gboolean     gw_backup_check         (const char  *backup_path,
                                      GString     *report,
                                      GError     **error);

/* Replaces the database @db_path with the backup @backup_path. The backup
 * must open and pass gw_store_check; it is copied through the backup API into
 * a temporary file beside @db_path, which is checked again and renamed over
 * @db_path. The database it replaces is kept as @db_path.before-restore (or
 * .before-restore-2 … when that exists), returned in @kept_as (NULL when
 * there was none). Refused, with @db_path untouched, when the backup fails
 * its check or the database is in use by another program. */
gboolean     gw_backup_restore       (const char  *db_path,
                                      const char  *backup_path,
                                      char       **kept_as,
                                      GString     *report,
                                      GError     **error);

G_END_DECLS
