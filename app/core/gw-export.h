/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-demo.h"   /* GwProgressFunc */
#include "gw-query.h"

G_BEGIN_DECLS

/* The sheets of an Excel export, in the order the workbook holds them. */
typedef enum {
  GW_EXPORT_SHEET_PROGRESS = 1 << 0,   /* 进度表: by grid, county subtotals, 合计, chart */
  GW_EXPORT_SHEET_LEDGER   = 1 << 1,   /* 台账: every field of the selected hazards */
  GW_EXPORT_SHEET_CADENCE  = 1 << 2,   /* 频次表: grid × dekad of the ten-day analysis */
  GW_EXPORT_SHEET_MEETING  = 1 << 3,   /* 例会通报: the weekly meeting's report */
  GW_EXPORT_SHEETS_ALL     = 0xf,
} GwExportSheets;

typedef enum {
  GW_EXPORT_ENCODING_UTF8,      /* with a byte-order mark, so that Excel reads it as UTF-8 */
  GW_EXPORT_ENCODING_GB18030,   /* as Chinese Excel saves CSV */
} GwExportEncoding;

typedef struct {
  GwExportSheets    sheets;            /* 0: all */
  const char       *unit;              /* 填报单位 (the reporting-unit preference); NULL: blank */
  const GDate      *date;              /* as of this day (填报日期); NULL: today */
  const GwFilter   *filter;            /* the ledger's selection and order; NULL: every hazard */
  GwExportEncoding  encoding;          /* CSV only */
  guint             cadence_dekads;    /* dekads of the cadence sheet, ending with the
                                        * as-of date's; 0: 12 */
  guint             interview_misses;  /* consecutive missed dekads that put a grid on the
                                        * interview list; 0: 2 */
  gint64            interview_overdue; /* also list grids with more overdue hazards than
                                        * this; 0: 10 (as gridwatch-cli cadence);
                                        * negative: not used */
} GwExportOptions;

/* Exports write to a temporary file beside @path and rename it over @path
 * when everything went well; on an error or a cancellation nothing is left
 * behind and an existing @path is untouched. Every error message names @path.
 * @progress is called from the calling thread. Blocking: run it in a worker
 * thread, on a store that no other thread uses meanwhile (the export reads
 * the ledger in a second thread of its own). The figures are those of
 * gw_store_stats for the date: past dates are replayed from the events. The
 * ledger lists the hazards as they are now, overdue days counted to the date. */

/* The workbook (.xlsx) in the layout of the superiors' sheets. The ledger
 * streams in libxlsxwriter's constant_memory mode, so memory stays flat. */
gboolean gw_export_xlsx (GwStore                *store,
                         const char             *path,
                         const GwExportOptions  *options,
                         GwProgressFunc          progress,
                         gpointer                user_data,
                         GCancellable           *cancellable,
                         GError                **error);

/* The ledger as CSV: the ledger sheet's columns, RFC 4180 quoting, CRLF. */
gboolean gw_export_csv  (GwStore                *store,
                         const char             *path,
                         const GwExportOptions  *options,
                         GwProgressFunc          progress,
                         gpointer                user_data,
                         GCancellable           *cancellable,
                         GError                **error);

/* A file name for people, e.g. "衡阳市生态环境局隐患整改进度表-2026-11-23.xlsx";
 * @extension without the dot. */
char    *gw_export_default_filename (const char  *unit,
                                     const GDate *date,
                                     const char  *extension);

/* "progress,ledger,cadence,meeting" (any subset, any order) to flags; 0 when
 * a name is unknown. */
GwExportSheets gw_export_sheets_parse (const char *list);

G_END_DECLS
