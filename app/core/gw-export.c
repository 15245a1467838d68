/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "gw-cadence.h"
#include "gw-export.h"
#include "gw-files.h"
#include "gw-meeting.h"
#include "gw-stats.h"
#include "gw-store-private.h"

/* The sheets are written in the layout of the spreadsheets the bureaus send
 * upwards, so their contents are Chinese whatever the locale; only messages
 * for the person running the export are translated.
 *
 * The whole workbook is in libxlsxwriter's constant_memory mode: each sheet
 * is written strictly row by row, which is why every sheet is planned from
 * data gathered first, why merged ranges are single rows (a merge reaching
 * into a later row would flush the current one), and why the ledger can hold
 * a million rows in a few megabytes. */

#define HEADER_ROW  2                 /* title, 填报单位 line, then the header */
#define FIRST_ROW   (HEADER_ROW + 1)
#define MAX_LEDGER  (1048576 - FIRST_ROW)
#define LOW_COMPLETION "0.4"          /* completion rates below this are highlighted */
#define DEFAULT_DEKADS 12
#define DEFAULT_MISSES 2
#define DEFAULT_INTERVIEW_OVERDUE 10   /* as gridwatch-cli cadence */
#define PROGRESS_STEP 2048            /* rows between progress reports and cancel checks */
#define SMALL_CACHE (-4096)           /* KiB of SQLite page cache while the ledger streams */
#define MEETING_OVERDUE 300           /* the meeting report lists the longest overdue; the
                                       * ledger filtered on 超期 has them all */

static const char *field_zh[GW_N_FIELDS] = {
  "大气", "水", "土壤", "固废", "噪声", "辐射", "其他",
};
static const char *source_zh[GW_N_SOURCES] = {
  "巡查", "研判", "信访", "督察", "在线监控", "举报",
};
static const char *dekad_part_zh[3] = { "上旬", "中旬", "下旬" };

/* ---- the ledger's columns --------------------------------------------------- */

typedef enum { COL_TEXT, COL_INT, COL_REAL, COL_DATE } ColumnType;

typedef enum {
  L_SEQ, L_NUMBER, L_TITLE, L_DESCRIPTION, L_COUNTY, L_GRID, L_GRID_CODE, L_ENTERPRISE,
  L_LON, L_LAT, L_FOUND, L_FOUND_BY, L_SOURCE, L_FIELD, L_URGENCY, L_LEVEL, L_MEASURE,
  L_UNIT, L_RESPONSIBLE, L_DEADLINE, L_STATE, L_OVERDUE, L_CAMPAIGN, L_CLOSED,
  L_N_COLUMNS
} LedgerColumn;

typedef struct {
  const char *header;
  ColumnType  type;
  double      width;
} Column;

static const Column ledger_columns[L_N_COLUMNS] = {
  [L_SEQ]         = { "序号",         COL_INT,  7 },
  [L_NUMBER]      = { "隐患编号",     COL_TEXT, 17 },
  [L_TITLE]       = { "隐患名称",     COL_TEXT, 30 },
  [L_DESCRIPTION] = { "问题描述",     COL_TEXT, 44 },
  [L_COUNTY]      = { "县市区",       COL_TEXT, 10 },
  [L_GRID]        = { "乡镇（街道）", COL_TEXT, 14 },
  [L_GRID_CODE]   = { "网格代码",     COL_TEXT, 14 },
  [L_ENTERPRISE]  = { "企业名称",     COL_TEXT, 24 },
  [L_LON]         = { "经度",         COL_REAL, 11 },
  [L_LAT]         = { "纬度",         COL_REAL, 10 },
  [L_FOUND]       = { "发现日期",     COL_DATE, 11 },
  [L_FOUND_BY]    = { "发现人",       COL_TEXT, 8 },
  [L_SOURCE]      = { "问题来源",     COL_TEXT, 9 },
  [L_FIELD]       = { "所属领域",     COL_TEXT, 9 },
  [L_URGENCY]     = { "清单类别",     COL_TEXT, 9 },
  [L_LEVEL]       = { "风险等级",     COL_TEXT, 9 },
  [L_MEASURE]     = { "整改措施",     COL_TEXT, 9 },
  [L_UNIT]        = { "责任单位",     COL_TEXT, 20 },
  [L_RESPONSIBLE] = { "责任人",       COL_TEXT, 8 },
  [L_DEADLINE]    = { "整改时限",     COL_DATE, 11 },
  [L_STATE]       = { "状态",         COL_TEXT, 8 },
  [L_OVERDUE]     = { "超期天数",     COL_INT,  9 },
  [L_CAMPAIGN]    = { "专项行动",     COL_TEXT, 16 },
  [L_CLOSED]      = { "销号日期",     COL_DATE, 11 },
};

/* One ledger row as the sheet and the CSV write it: text for text and dates
 * (NULL: empty), numbers where has_num. */
typedef struct {
  const char *text[L_N_COLUMNS];
  double      num[L_N_COLUMNS];
  gboolean    has_num[L_N_COLUMNS];
  gint64      index;                 /* 0-based row of the selection */
} LedgerRow;

/* ---- the export and its plumbing -------------------------------------------- */

typedef struct {
  lxw_format *title, *info, *section, *header, *text, *wrap, *center, *integer, *pct, *date;
  lxw_format *sub_text, *sub_int, *sub_pct, *tot_text, *tot_int, *tot_pct;
  lxw_format *ledger_header, *ledger_date;
  lxw_format *done, *missed, *due, *not_yet, *red_int, *red_text;
  lxw_format *cf_red, *cf_orange;
} Formats;

typedef struct {
  GwStore               *store;
  const char            *path;          /* the destination, named by every message */
  GwExportOptions        opts;
  GwFilter               filter;        /* the ledger's, with today set */
  GDate                  date;
  char                   date_s[11];
  char                   week_from[11]; /* first of the 7 days ending on date */
  gint                   date_serial;
  gboolean               replay;        /* date is before the newest event */
  GwProgressFunc         progress;
  gpointer               user_data;
  GCancellable          *cancellable;
  double                 base, span;    /* the current phase of the progress bar */
  lxw_workbook          *wb;
  Formats                f;
  GwCadence             *cadence;
  gint64                 cache_size;    /* the store's, restored after the ledger */
  /* names by id, for the ledger's streaming query */
  GHashTable            *grids, *staff, *enterprises, *campaigns;
} Export;

typedef struct {
  char *code, *name, *county;
} GridName;

static void
grid_name_free (gpointer data)
{
  GridName *g = data;

  g_free (g->code);
  g_free (g->name);
  g_free (g->county);
  g_free (g);
}

static void
report (Export     *ex,
        double      fraction,
        const char *what)
{
  if (ex->progress)
    ex->progress (CLAMP (ex->base + ex->span * fraction, 0.0, 1.0), what, ex->user_data);
}

static void
phase (Export *ex,
       double  base,
       double  span)
{
  ex->base = base;
  ex->span = span;
}

static gboolean
check_cancelled (Export  *ex,
                 GError **error)
{
  if (!g_cancellable_is_cancelled (ex->cancellable))
    return FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: the export was cancelled"),
               ex->path);
  return TRUE;
}

/* Store errors name the database; the person asked for a file. */
static gboolean
fail_store (Export     *ex,
            const char *what,
            GError    **error)
{
  g_autoptr(GError) local = NULL;

  gw_store_fail (ex->store, what, &local);
  g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL, "%s: %s", ex->path, local->message);
  return FALSE;
}

static gboolean
prefix_error (Export  *ex,
              GError **error)
{
  if (error && *error)
    g_prefix_error (error, "%s: ", ex->path);
  return FALSE;
}

static sqlite3_stmt *
prepare (Export     *ex,
         const char *sql,
         GError    **error)
{
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt = gw_store_prepare (ex->store, sql, &local);

  if (stmt == NULL)
    g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL, "%s: %s", ex->path, local->message);
  return stmt;
}

static gint64
scalar (Export     *ex,
        const char *sql,
        const char *a,
        const char *b,
        GError    **error)
{
  gint64 n = -1;

  if (!gw_store_scalar (ex->store, sql, a, b, &n, error))
    {
      prefix_error (ex, error);
      return -1;
    }
  return n;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static gint
days_from_civil (gint y,
                 guint m,
                 guint d)
{
  gint era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint) doe - 719468;
}

/* The Excel serial number of "YYYY-MM-DD" (1900 date system), or -1. */
static gint
date_serial (const char *s)
{
  static gint epoch = G_MININT;
  guint y, m, d;

  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return -1;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
    return -1;
  if (epoch == G_MININT)
    epoch = days_from_civil (1899, 12, 30);
  return days_from_civil ((gint) y, m, d) - epoch;
}

static char *
dekad_zh (GwDekad dekad,
          gboolean with_year,
          const char *separator)
{
  if (with_year)
    return g_strdup_printf ("%u年%u月%s%s", dekad.year, dekad.month, separator,
                            dekad_part_zh[MIN (dekad.part, 2)]);
  return g_strdup_printf ("%u月%s%s", dekad.month, separator, dekad_part_zh[MIN (dekad.part, 2)]);
}

static char *
date_zh (const GDate *d)
{
  return g_strdup_printf ("%u年%u月%u日", g_date_get_year (d), g_date_get_month (d),
                          g_date_get_day (d));
}

/* ---- files -------------------------------------------------------------------- */

/* ---- the store's settings during an export ----------------------------------- */

typedef struct {
  gint64   cache_size, temp_store;
  gboolean began;
} Saved;

/* A consistent snapshot for every sheet, and sorting on disk: a million rows
 * must not grow the process. */
static gboolean
store_enter (Export  *ex,
             Saved   *saved,
             GError **error)
{
  sqlite3 *db = gw_store_get_db (ex->store);
  g_autoptr(GError) local = NULL;

  saved->began = FALSE;
  if ((saved->cache_size = ex->cache_size = scalar (ex, "PRAGMA cache_size", NULL, NULL,
                                                    error)) == -1 ||
      (saved->temp_store = scalar (ex, "PRAGMA temp_store", NULL, NULL, error)) == -1)
    return FALSE;
  /* Sorting a million rows must spill to disk, not to memory (the store's
   * temp_store is MEMORY); it can only change outside a transaction. */
  if (sqlite3_get_autocommit (db) &&
      !gw_store_exec (ex->store, "PRAGMA temp_store = FILE;", &local))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL, "%s: %s", ex->path, local->message);
      return FALSE;
    }
  if (sqlite3_get_autocommit (db))
    {
      if (!gw_store_exec (ex->store, "BEGIN DEFERRED", &local))
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL, "%s: %s", ex->path,
                       local->message);
          return FALSE;
        }
      saved->began = TRUE;
    }
  return TRUE;
}

static void
store_leave (Export *ex,
             Saved  *saved)
{
  g_autofree char *sql = NULL;

  if (saved->began)
    gw_store_exec (ex->store, "COMMIT", NULL);
  sql = g_strdup_printf (saved->began ? "PRAGMA cache_size = %" G_GINT64_FORMAT ";"
                                        " PRAGMA temp_store = %" G_GINT64_FORMAT ";"
                                      : "PRAGMA cache_size = %" G_GINT64_FORMAT ";",
                         saved->cache_size, saved->temp_store);
  gw_store_exec (ex->store, sql, NULL);
}

/* ---- formats and the office layout ------------------------------------------- */

static lxw_format *
new_format (lxw_workbook *wb,
            const char   *font,
            double        size,
            gboolean      bold,
            gboolean      border,
            uint8_t       align,
            const char   *num_format,
            lxw_color_t   fill)
{
  lxw_format *f = workbook_add_format (wb);

  format_set_font_name (f, font);
  format_set_font_size (f, size);
  if (bold)
    format_set_bold (f);
  if (border)
    format_set_border (f, LXW_BORDER_THIN);
  if (align != LXW_ALIGN_NONE)
    format_set_align (f, align);
  format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
  if (num_format)
    format_set_num_format (f, num_format);
  if (fill != LXW_COLOR_UNSET)
    {
      format_set_bg_color (f, fill);
      format_set_pattern (f, LXW_PATTERN_SOLID);
    }
  return f;
}

#define BODY "宋体"
#define HEAD "黑体"
#define SUB_FILL 0xF2F2F2
#define TOT_FILL 0xDDEBF7

static void
formats_init (Formats      *f,
              lxw_workbook *wb)
{
  f->title = new_format (wb, HEAD, 16, TRUE, FALSE, LXW_ALIGN_CENTER, NULL, LXW_COLOR_UNSET);
  f->info = new_format (wb, BODY, 11, FALSE, FALSE, LXW_ALIGN_LEFT, NULL, LXW_COLOR_UNSET);
  f->section = new_format (wb, HEAD, 12, TRUE, FALSE, LXW_ALIGN_LEFT, NULL, LXW_COLOR_UNSET);
  f->header = new_format (wb, HEAD, 11, TRUE, TRUE, LXW_ALIGN_CENTER, NULL, 0xD9D9D9);
  format_set_text_wrap (f->header);
  f->text = new_format (wb, BODY, 11, FALSE, TRUE, LXW_ALIGN_LEFT, NULL, LXW_COLOR_UNSET);
  f->wrap = new_format (wb, BODY, 11, FALSE, TRUE, LXW_ALIGN_LEFT, NULL, LXW_COLOR_UNSET);
  format_set_text_wrap (f->wrap);
  f->center = new_format (wb, BODY, 11, FALSE, TRUE, LXW_ALIGN_CENTER, NULL, LXW_COLOR_UNSET);
  f->integer = new_format (wb, BODY, 11, FALSE, TRUE, LXW_ALIGN_CENTER, "0", LXW_COLOR_UNSET);
  f->pct = new_format (wb, BODY, 11, FALSE, TRUE, LXW_ALIGN_CENTER, "0.0%", LXW_COLOR_UNSET);
  f->date = new_format (wb, BODY, 11, FALSE, TRUE, LXW_ALIGN_CENTER, "yyyy-mm-dd",
                        LXW_COLOR_UNSET);
  f->sub_text = new_format (wb, HEAD, 11, TRUE, TRUE, LXW_ALIGN_CENTER, NULL, SUB_FILL);
  f->sub_int = new_format (wb, BODY, 11, TRUE, TRUE, LXW_ALIGN_CENTER, "0", SUB_FILL);
  f->sub_pct = new_format (wb, BODY, 11, TRUE, TRUE, LXW_ALIGN_CENTER, "0.0%", SUB_FILL);
  f->tot_text = new_format (wb, HEAD, 11, TRUE, TRUE, LXW_ALIGN_CENTER, NULL, TOT_FILL);
  f->tot_int = new_format (wb, BODY, 11, TRUE, TRUE, LXW_ALIGN_CENTER, "0", TOT_FILL);
  f->tot_pct = new_format (wb, BODY, 11, TRUE, TRUE, LXW_ALIGN_CENTER, "0.0%", TOT_FILL);
  /* Ledger cells carry no border: a style on each of 24 million cells would
   * cost more bytes to write and to compress than the data. */
  f->ledger_header = new_format (wb, HEAD, 11, TRUE, TRUE, LXW_ALIGN_CENTER, NULL, 0xD9D9D9);
  format_set_text_wrap (f->ledger_header);
  f->ledger_date = workbook_add_format (wb);
  format_set_num_format (f->ledger_date, "yyyy-mm-dd");
  f->done = new_format (wb, BODY, 11, FALSE, TRUE, LXW_ALIGN_CENTER, NULL, 0xE2EFDA);
  format_set_font_color (f->done, 0x375623);
  f->missed = new_format (wb, BODY, 11, TRUE, TRUE, LXW_ALIGN_CENTER, NULL, 0xFFC7CE);
  format_set_font_color (f->missed, 0x9C0006);
  f->due = new_format (wb, BODY, 11, FALSE, TRUE, LXW_ALIGN_CENTER, NULL, 0xFFEB9C);
  format_set_font_color (f->due, 0x9C5700);
  f->not_yet = new_format (wb, BODY, 11, FALSE, TRUE, LXW_ALIGN_CENTER, NULL, LXW_COLOR_UNSET);
  format_set_font_color (f->not_yet, 0x808080);
  f->red_int = new_format (wb, BODY, 11, TRUE, TRUE, LXW_ALIGN_CENTER, "0", LXW_COLOR_UNSET);
  format_set_font_color (f->red_int, 0xC00000);
  f->red_text = new_format (wb, BODY, 11, TRUE, TRUE, LXW_ALIGN_CENTER, NULL, LXW_COLOR_UNSET);
  format_set_font_color (f->red_text, 0xC00000);
  /* Conditional formats (written as differential formats). */
  f->cf_red = workbook_add_format (wb);
  format_set_font_color (f->cf_red, 0x9C0006);
  format_set_bg_color (f->cf_red, 0xFFC7CE);
  format_set_bold (f->cf_red);
  f->cf_orange = workbook_add_format (wb);
  format_set_font_color (f->cf_orange, 0x9C5700);
  format_set_bg_color (f->cf_orange, 0xFFEB9C);
}

typedef struct {
  const char *header;
  double      width;
} SheetColumn;

/* The layout every sheet shares: a merged title, the 填报单位 line, column
 * widths, A4 landscape one page wide, page numbers, frozen and repeated header. */
static lxw_worksheet *
sheet_begin (Export            *ex,
             const char        *name,
             const char        *title,
             const char        *extra_info,
             const SheetColumn *columns,
             guint              n_columns,
             lxw_row_t          repeat_first,
             lxw_row_t          repeat_last,
             lxw_col_t          freeze_col)
{
  lxw_worksheet *ws = workbook_add_worksheet (ex->wb, name);
  g_autofree char *info = NULL;

  /* In constant_memory mode rows go to a scratch file through stdio's 4 KiB
   * buffer: a million rows made a quarter of a million write calls. */
  if (ws->optimize_tmpfile)
    setvbuf (ws->optimize_tmpfile, NULL, _IOFBF, 1 << 20);

  for (guint i = 0; i < n_columns; i++)
    worksheet_set_column (ws, i, i, columns[i].width, NULL);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);                 /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);           /* one page wide, as many long as needed */
  worksheet_set_margins (ws, 0.4, 0.4, 0.6, 0.7);
  worksheet_center_horizontally (ws);
  worksheet_set_footer (ws, "&C第 &P 页 共 &N 页");
  worksheet_repeat_rows (ws, repeat_first, repeat_last);
  worksheet_freeze_panes (ws, repeat_last + 1, freeze_col);

  worksheet_set_row (ws, 0, 36, NULL);
  worksheet_merge_range (ws, 0, 0, 0, n_columns - 1, title, ex->f.title);
  info = g_strdup_printf ("填报单位：%s    填报日期：%s%s%s",
                          ex->opts.unit ? ex->opts.unit : "", ex->date_s,
                          extra_info ? "    " : "", extra_info ? extra_info : "");
  worksheet_set_row (ws, 1, 22, NULL);
  worksheet_merge_range (ws, 1, 0, 1, n_columns - 1, info, ex->f.info);
  return ws;
}

static void
write_header (Export            *ex,
              lxw_worksheet     *ws,
              lxw_row_t          row,
              const SheetColumn *columns,
              guint              n_columns,
              lxw_format        *format)
{
  worksheet_set_row (ws, row, 32, NULL);
  for (guint i = 0; i < n_columns; i++)
    worksheet_write_string (ws, row, i, columns[i].header, format ? format : ex->f.header);
}

static void
put_text (lxw_worksheet *ws,
          lxw_row_t      row,
          lxw_col_t      col,
          const char    *text,
          lxw_format    *format)
{
  if (text && *text)
    worksheet_write_string (ws, row, col, text, format);
  else if (format)
    worksheet_write_blank (ws, row, col, format);
}

static void
put_formula (lxw_worksheet *ws,
             lxw_row_t      row,
             lxw_col_t      col,
             lxw_format    *format,
             double         value,
             const char    *fmt,
             ...) G_GNUC_PRINTF (6, 7);

/* A formula with its result: libxlsxwriter would store 0, and LibreOffice
 * (by default) and every viewer show the stored result without recalculating. */
static void
put_formula (lxw_worksheet *ws,
             lxw_row_t      row,
             lxw_col_t      col,
             lxw_format    *format,
             double         value,
             const char    *fmt,
             ...)
{
  g_autofree char *formula = NULL;
  va_list args;

  va_start (args, fmt);
  formula = g_strdup_vprintf (fmt, args);
  va_end (args);
  worksheet_write_formula_num (ws, row, col, formula, format, value);
}

/* "E" for column 4. */
static const char *
col_name (lxw_col_t col,
          char      buf[8])
{
  lxw_col_to_name (buf, col, LXW_FALSE);
  return buf;
}

static double
ratio (gint64 part,
       gint64 whole,
       double if_none)
{
  return whole == 0 ? if_none : (double) part / (double) whole;
}

/* The column width (in Excel's units, the width of a "0") that shows @text:
 * a Chinese character takes two. */
static double
text_width (const char *text)
{
  double w = 0;

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    w += g_unichar_iswide (g_utf8_get_char (p)) ? 2.1 : 1.1;
  return w;
}

/* Widens @column to the longest of @texts, within [minimum, maximum]. */
static void
fit_width (SheetColumn *column,
           double       minimum,
           double       maximum,
           const char  *text)
{
  column->width = CLAMP (MAX (column->width, text_width (text) + 2), minimum, maximum);
}

/* ---- progress by grid ----------------------------------------------------------- */

typedef struct {
  gint64  id, county_id;
  char   *code, *name, *county_code, *county, *chief, *chief_phone;
  gint64  by_state[GW_N_STATES];
  gint64  overdue, new_7d, closed_7d;
} Grid;

static void
grid_free (gpointer data)
{
  Grid *g = data;

  g_free (g->code);
  g_free (g->name);
  g_free (g->county_code);
  g_free (g->county);
  g_free (g->chief);
  g_free (g->chief_phone);
  g_free (g);
}

static gint64
grid_total (const Grid *g)
{
  gint64 n = 0;

  for (guint i = 0; i < GW_N_STATES; i++)
    n += g->by_state[i];
  return n;
}

/* Every grid, ordered by county code then grid code, with its chief. */
static GPtrArray *
load_grids (Export      *ex,
            GHashTable **index,
            GError     **error)
{
  g_autoptr(GPtrArray) grids = g_ptr_array_new_with_free_func (grid_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (ex, "SELECT g.id, g.code, g.name, c.id, c.code, c.name, s.name, s.phone"
                      " FROM grids g JOIN counties c ON c.id = g.county_id"
                      " LEFT JOIN staff s ON s.id = (SELECT min (id) FROM staff"
                      "   WHERE grid_id = g.id AND role = 'grid-chief' AND active)"
                      " ORDER BY c.code, g.code", error);
  if (stmt == NULL)
    return NULL;
  *index = g_hash_table_new (g_int64_hash, g_int64_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Grid *g = g_new0 (Grid, 1);

      g->id = sqlite3_column_int64 (stmt, 0);
      g->code = g_strdup (gw_store_column_text (stmt, 1));
      g->name = g_strdup (gw_store_column_text (stmt, 2));
      g->county_id = sqlite3_column_int64 (stmt, 3);
      g->county_code = g_strdup (gw_store_column_text (stmt, 4));
      g->county = g_strdup (gw_store_column_text (stmt, 5));
      g->chief = g_strdup (gw_store_column_text (stmt, 6));
      g->chief_phone = g_strdup (gw_store_column_text (stmt, 7));
      g_ptr_array_add (grids, g);
      g_hash_table_insert (*index, &g->id, g);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (index, g_hash_table_unref);
      fail_store (ex, _("reading the grids"), error);
      return NULL;
    }
  return g_steal_pointer (&grids);
}

/* Adds a per-grid count (column 1, grouped by grid id in column 0) to the
 * gint64 at @offset of each Grid. */
static gboolean
add_grid_counts (Export     *ex,
                 GHashTable *index,
                 const char *sql,
                 const char *a,
                 const char *b,
                 gsize       offset,
                 GError    **error)
{
  sqlite3_stmt *stmt = prepare (ex, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (a)
    sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Grid *g = g_hash_table_lookup (index, &id);

      if (g)
        G_STRUCT_MEMBER (gint64, g, offset) += sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail_store (ex, _("computing figures"), error);
  return TRUE;
}

/* The figures as they stand: read through the tallies and indexes, as gw_store_stats does. */
static gboolean
progress_current (Export     *ex,
                  GHashTable *index,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (ex, "SELECT grid_id, state, sum (n) FROM hazard_tally GROUP BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Grid *g = g_hash_table_lookup (index, &id);
      GwState state;

      if (g && gw_state_parse (gw_store_column_text (stmt, 1), &state))
        g->by_state[state] += sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail_store (ex, _("computing figures"), error);

  return add_grid_counts (ex, index, "SELECT grid_id, count(*) FROM hazards"
                          " WHERE state = 'reported' AND deadline < ?1 GROUP BY 1",
                          ex->date_s, NULL, G_STRUCT_OFFSET (Grid, overdue), error) &&
         add_grid_counts (ex, index, "SELECT grid_id, count(*) FROM hazards"
                          " WHERE state = 'rectifying' AND deadline < ?1 GROUP BY 1",
                          ex->date_s, NULL, G_STRUCT_OFFSET (Grid, overdue), error) &&
         add_grid_counts (ex, index, "SELECT grid_id, count(*) FROM hazards"
                          " WHERE found_date BETWEEN ?1 AND ?2 GROUP BY 1",
                          ex->week_from, ex->date_s, G_STRUCT_OFFSET (Grid, new_7d), error) &&
         add_grid_counts (ex, index, "SELECT grid_id, count(*) FROM hazards"
                          " WHERE closed_date BETWEEN ?1 AND ?2 GROUP BY 1",
                          ex->week_from, ex->date_s, G_STRUCT_OFFSET (Grid, closed_7d), error);
}

/* A hazard as it stood on the as-of date, replayed from its events. */
typedef GwHazardSnapshot Snapshot;

typedef void (*SnapshotFunc) (Export *ex, const Snapshot *s, gpointer data);

static gboolean
snapshot_open_late (Export         *ex,
                    const Snapshot *s)
{
  return (s->state == GW_STATE_REPORTED || s->state == GW_STATE_RECTIFYING) &&
         s->deadline[0] && strcmp (s->deadline, ex->date_s) < 0;
}

typedef struct {
  Export       *ex;
  SnapshotFunc  func;
  gpointer      data;
} SnapshotClosure;

static gboolean
snapshot_cb (const GwHazardSnapshot *s,
             gpointer                user_data,
             GError                **error)
{
  SnapshotClosure *c = user_data;

  c->func (c->ex, s, c->data);
  return TRUE;
}

/* The replay gw_store_stats uses for a past date, hazard by hazard. */
static gboolean
snapshot_replay (Export        *ex,
                 SnapshotFunc   func,
                 gpointer       data,
                 GError       **error)
{
  SnapshotClosure c = { ex, func, data };

  if (!gw_store_replay (ex->store, ex->date_s, snapshot_cb, &c, error))
    return prefix_error (ex, error);
  return TRUE;
}

static void
progress_account (Export         *ex,
                  const Snapshot *s,
                  gpointer        data)
{
  GHashTable *index = data;
  Grid *g = g_hash_table_lookup (index, &s->grid_id);

  if (g == NULL)
    return;
  g->by_state[s->state]++;
  if (snapshot_open_late (ex, s))
    g->overdue++;
  if (strcmp (s->found, ex->week_from) >= 0)
    g->new_7d++;
  if (s->closed[0] && strcmp (s->closed, ex->week_from) >= 0)
    g->closed_7d++;
}

enum {
  P_SEQ, P_COUNTY, P_GRID, P_CHIEF, P_TOTAL, P_REPORTED, P_RECTIFYING, P_VERIFYING,
  P_DOWNGRADED, P_CLOSED, P_OVERDUE, P_RATE, P_NEW, P_CLOSED_7D, P_N_COLUMNS
};

static const SheetColumn progress_columns[P_N_COLUMNS] = {
  { "序号", 6 }, { "县市区", 12 }, { "乡镇（街道）", 16 }, { "网格长", 9 },
  { "隐患总数", 9 }, { "已上报", 8 }, { "整改中", 8 }, { "待验收", 8 }, { "已降级", 8 },
  { "已销号", 8 }, { "超期", 8 }, { "整改降级完成率", 11 }, { "近7日新增", 9 },
  { "近7日销号", 9 },
};

/* The count columns, total through closed_7d, in sheet order. */
static gint64
grid_value (const Grid *g,
            guint       col)
{
  switch (col)
    {
    case P_TOTAL: return grid_total (g);
    case P_REPORTED: return g->by_state[GW_STATE_REPORTED];
    case P_RECTIFYING: return g->by_state[GW_STATE_RECTIFYING];
    case P_VERIFYING: return g->by_state[GW_STATE_VERIFYING];
    case P_DOWNGRADED: return g->by_state[GW_STATE_DOWNGRADED];
    case P_CLOSED: return g->by_state[GW_STATE_CLOSED];
    case P_OVERDUE: return g->overdue;
    case P_NEW: return g->new_7d;
    case P_CLOSED_7D: return g->closed_7d;
    default: g_assert_not_reached ();
    }
}

static gboolean
is_count_column (guint col)
{
  return col >= P_TOTAL && col != P_RATE;
}

static void
put_rate (Export        *ex,
          lxw_worksheet *ws,
          lxw_row_t      row,
          lxw_format    *format,
          const Grid    *sum)
{
  gint64 total = grid_total (sum);

  put_formula (ws, row, P_RATE, format,
               ratio (sum->by_state[GW_STATE_DOWNGRADED] + sum->by_state[GW_STATE_CLOSED], total, 0),
               "=IF(E%u=0,0,(I%u+J%u)/E%u)", row + 1, row + 1, row + 1, row + 1);
}

static void
grid_add (Grid       *sum,
          const Grid *g)
{
  for (guint i = 0; i < GW_N_STATES; i++)
    sum->by_state[i] += g->by_state[i];
  sum->overdue += g->overdue;
  sum->new_7d += g->new_7d;
  sum->closed_7d += g->closed_7d;
}

typedef struct {
  const char *county;
  lxw_row_t   row;         /* its subtotal row */
  Grid        sum;
} CountyRow;

static gboolean
sheet_progress (Export  *ex,
                GError **error)
{
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) counties = g_array_new (FALSE, TRUE, sizeof (CountyRow));
  g_autofree char *title = NULL, *as_of = date_zh (&ex->date);
  SheetColumn columns[P_N_COLUMNS];
  lxw_worksheet *ws;
  lxw_row_t row = FIRST_ROW, total_row;
  Grid total = { 0 };
  guint seq = 0;
  char a[8];

  report (ex, 0, _("Counting hazards by grid"));
  if ((grids = load_grids (ex, &index, error)) == NULL)
    return FALSE;
  if (ex->replay ? !snapshot_replay (ex, progress_account, index, error)
                 : !progress_current (ex, index, error))
    return FALSE;

  memcpy (columns, progress_columns, sizeof columns);
  for (guint i = 0; i < grids->len; i++)
    {
      const Grid *g = grids->pdata[i];
      fit_width (&columns[P_COUNTY], 8, 26, g->county);
      fit_width (&columns[P_GRID], 12, 30, g->name);
      fit_width (&columns[P_CHIEF], 8, 14, g->chief);
    }
  title = g_strdup_printf ("生态环境隐患整改降级进度表（截至%s）", as_of);
  ws = sheet_begin (ex, "进度表", title, NULL, columns, P_N_COLUMNS, HEADER_ROW, HEADER_ROW, 0);
  write_header (ex, ws, HEADER_ROW, columns, P_N_COLUMNS, NULL);
  /* County subtotals sit above their grids; the outline folds to counties. */
  worksheet_outline_settings (ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);

  for (guint i = 0; i < grids->len;)
    {
      const Grid *first = grids->pdata[i];
      CountyRow county = { first->county, row, { 0 } };
      lxw_row_t sub_row = row, from = row + 1, to;
      guint j = i;

      while (j < grids->len && ((Grid *) grids->pdata[j])->county_id == first->county_id)
        grid_add (&county.sum, grids->pdata[j++]);
      to = from + (j - i) - 1;

      put_text (ws, sub_row, P_SEQ, NULL, ex->f.sub_text);
      put_text (ws, sub_row, P_COUNTY, first->county, ex->f.sub_text);
      put_text (ws, sub_row, P_GRID, "小计", ex->f.sub_text);
      put_text (ws, sub_row, P_CHIEF, NULL, ex->f.sub_text);
      for (guint c = P_TOTAL; c < P_N_COLUMNS; c++)
        if (is_count_column (c))
          put_formula (ws, sub_row, c, ex->f.sub_int, grid_value (&county.sum, c),
                       "=SUBTOTAL(9,%s%u:%s%u)", col_name (c, a), from + 1, a, to + 1);
      put_rate (ex, ws, sub_row, ex->f.sub_pct, &county.sum);
      row++;

      for (; i < j; i++)
        {
          const Grid *g = grids->pdata[i];
          lxw_row_col_options outline = { .level = 1 };

          worksheet_set_row_opt (ws, row, LXW_DEF_ROW_HEIGHT, NULL, &outline);
          worksheet_write_number (ws, row, P_SEQ, ++seq, ex->f.integer);
          put_text (ws, row, P_COUNTY, g->county, ex->f.center);
          put_text (ws, row, P_GRID, g->name, ex->f.text);
          put_text (ws, row, P_CHIEF, g->chief, ex->f.center);
          for (guint c = P_TOTAL; c < P_N_COLUMNS; c++)
            if (is_count_column (c))
              worksheet_write_number (ws, row, c, grid_value (g, c), ex->f.integer);
          put_rate (ex, ws, row, ex->f.pct, g);
          row++;
        }
      grid_add (&total, &county.sum);
      g_array_append_val (counties, county);
    }

  /* 合计: SUBTOTAL leaves out the county subtotals it spans. */
  total_row = row;
  put_text (ws, total_row, P_SEQ, NULL, ex->f.tot_text);
  put_text (ws, total_row, P_COUNTY, "合计", ex->f.tot_text);
  put_text (ws, total_row, P_GRID, NULL, ex->f.tot_text);
  put_text (ws, total_row, P_CHIEF, NULL, ex->f.tot_text);
  for (guint c = P_TOTAL; c < P_N_COLUMNS; c++)
    if (is_count_column (c))
      {
        if (total_row > FIRST_ROW)
          put_formula (ws, total_row, c, ex->f.tot_int, grid_value (&total, c),
                       "=SUBTOTAL(9,%s%u:%s%u)", col_name (c, a), FIRST_ROW + 1, a, total_row);
        else
          worksheet_write_number (ws, total_row, c, 0, ex->f.tot_int);
      }
  put_rate (ex, ws, total_row, ex->f.tot_pct, &total);

  {
    lxw_conditional_format overdue = { .type = LXW_CONDITIONAL_TYPE_CELL,
                                       .criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN,
                                       .value = 0, .format = ex->f.cf_red };
    g_autofree char *low_rule = g_strdup_printf ("=AND($E%u>0,$L%u<%s)", FIRST_ROW + 1,
                                                 FIRST_ROW + 1, LOW_COMPLETION);
    lxw_conditional_format low = { .type = LXW_CONDITIONAL_TYPE_FORMULA,
                                   .value_string = low_rule, .format = ex->f.cf_orange };

    worksheet_conditional_format_range (ws, FIRST_ROW, P_OVERDUE, total_row, P_OVERDUE, &overdue);
    worksheet_conditional_format_range (ws, FIRST_ROW, P_RATE, total_row, P_RATE, &low);
  }

  /* Completion by county, a small table in one block for the chart to read. */
  if (counties->len > 0)
    {
      static const SheetColumn summary[] = {
        { "序号", 0 }, { "县市区", 0 }, { "隐患总数", 0 }, { "降级销号数", 0 },
        { "整改降级完成率", 0 }, { "超期", 0 },
      };
      lxw_row_t top = total_row + 2, first_data = top + 2, last_data;
      lxw_chart *chart;
      lxw_chart_series *series;
      lxw_chart_font font = { .name = BODY, .size = 9 };
      lxw_chart_options placement = { .x_offset = 10, .y_offset = 4, .x_scale = 1.25,
                                      .y_scale = 1.15 };

      worksheet_set_row (ws, top, 24, NULL);
      worksheet_merge_range (ws, top, 0, top, 5, "各县市区整改降级完成率", ex->f.section);
      write_header (ex, ws, top + 1, summary, G_N_ELEMENTS (summary), NULL);
      for (guint i = 0; i < counties->len; i++)
        {
          CountyRow *c = &g_array_index (counties, CountyRow, i);
          lxw_row_t r = first_data + i;
          gint64 n = grid_total (&c->sum);
          gint64 done = c->sum.by_state[GW_STATE_DOWNGRADED] + c->sum.by_state[GW_STATE_CLOSED];

          worksheet_write_number (ws, r, 0, i + 1, ex->f.integer);
          put_text (ws, r, 1, c->county, ex->f.center);
          put_formula (ws, r, 2, ex->f.integer, n, "=E%u", c->row + 1);
          put_formula (ws, r, 3, ex->f.integer, done, "=I%u+J%u", c->row + 1, c->row + 1);
          put_formula (ws, r, 4, ex->f.pct, ratio (done, n, 0), "=IF(C%u=0,0,D%u/C%u)",
                       r + 1, r + 1, r + 1);
          put_formula (ws, r, 5, ex->f.integer, c->sum.overdue, "=K%u", c->row + 1);
        }
      last_data = first_data + counties->len - 1;

      chart = workbook_add_chart (ex->wb, LXW_CHART_COLUMN);
      series = chart_add_series (chart, NULL, NULL);
      chart_series_set_categories (series, "进度表", first_data, 1, last_data, 1);
      chart_series_set_values (series, "进度表", first_data, 4, last_data, 4);
      chart_series_set_name (series, "整改降级完成率");
      chart_series_set_labels (series);
      chart_series_set_labels_num_format (series, "0%");
      chart_series_set_labels_font (series, &font);
      chart_title_set_name (chart, "各县市区整改降级完成率");
      {
        lxw_chart_font title_font = { .name = HEAD, .size = 12, .bold = LXW_TRUE };
        chart_title_set_name_font (chart, &title_font);
      }
      chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
      chart_axis_set_num_format (chart->y_axis, "0%");
      chart_axis_set_min (chart->y_axis, 0);
      chart_axis_set_max (chart->y_axis, 1);
      chart_axis_set_num_font (chart->x_axis, &font);
      chart_axis_set_num_font (chart->y_axis, &font);
      worksheet_insert_chart_opt (ws, top, 7, chart, &placement);
    }
  report (ex, 1, _("Counting hazards by grid"));
  return TRUE;
}

/* ---- the ledger ---------------------------------------------------------------------- */

static gboolean
load_names (Export      *ex,
            const char  *sql,
            GHashTable **out,
            GError     **error)
{
  sqlite3_stmt *stmt = prepare (ex, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  *out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (*out, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                          sizeof (gint64)),
                         g_strdup (gw_store_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail_store (ex, _("reading names"), error);
  return TRUE;
}

/* Grids, people, enterprises and campaigns are few: looking them up in
 * memory keeps the ledger's query to one sequential pass over hazards. */
static gboolean
load_lookups (Export  *ex,
              GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!load_names (ex, "SELECT id, name FROM staff", &ex->staff, error) ||
      !load_names (ex, "SELECT id, name FROM enterprises", &ex->enterprises, error) ||
      !load_names (ex, "SELECT id, name FROM campaigns", &ex->campaigns, error))
    return FALSE;
  stmt = prepare (ex, "SELECT g.id, g.code, g.name, c.name FROM grids g"
                      " JOIN counties c ON c.id = g.county_id", error);
  if (stmt == NULL)
    return FALSE;
  ex->grids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, grid_name_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GridName *g = g_new0 (GridName, 1);

      g->code = g_strdup (gw_store_column_text (stmt, 1));
      g->name = g_strdup (gw_store_column_text (stmt, 2));
      g->county = g_strdup (gw_store_column_text (stmt, 3));
      g_hash_table_insert (ex->grids, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                                 sizeof (gint64)), g);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail_store (ex, _("reading names"), error);
  return TRUE;
}

static gconstpointer
lookup (GHashTable   *table,
        sqlite3_stmt *stmt,
        int           col)
{
  gint64 id;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  id = sqlite3_column_int64 (stmt, col);
  return g_hash_table_lookup (table, &id);
}

/* The ledger's SELECT for a GwFilter: the selection and order of
 * gw_store_hazard_list, as one statement stepped row by row (paging with
 * OFFSET would make a million rows quadratic). */
static char *
ledger_sql (const GwFilter *f,
            GPtrArray      *binds)
{
  return gw_filter_select_sql (f, "h.id, h.number, h.title, h.description, h.grid_id,"
                               " h.enterprise_id, h.lat, h.lon, h.found_date, h.found_by, h.source,"
                               " h.field, h.urgency, h.level, h.measure, h.responsible_unit,"
                               " h.responsible_id, h.deadline, h.state, h.campaign_id, h.closed_date",
                               binds);
}

typedef gboolean (*LedgerFunc) (Export *ex, const LedgerRow *row, gpointer data, GError **error);

/* ---- the ledger's rows, read in a thread of their own --------------------------------- *
 *
 * Writing a row costs libxlsxwriter (or the CSV formatting) about as much as
 * SQLite takes to read it, so a reader thread steps the statement and fills
 * batches of rows while the calling thread writes the previous ones: on two
 * cores the export takes the longer of the two instead of their sum. The
 * connection is left to the reader meanwhile. */

#define BATCH_ROWS 512
#define N_BATCHES  4

typedef struct {
  const char *text[L_N_COLUMNS];    /* stable strings: words, names looked up */
  gint32      offset[L_N_COLUMNS];  /* or text copied into the batch's arena; -1: none */
  double      num[L_N_COLUMNS];
  guint32     has_num;              /* bit per column */
} BatchRow;

typedef struct {
  guint     n;                      /* 0 in the last batch */
  GString  *arena;
  BatchRow  rows[BATCH_ROWS];
} Batch;

typedef struct {
  Export       *ex;
  sqlite3_stmt *stmt;
  GAsyncQueue  *free_batches, *full_batches;
  gint          stop;               /* atomic: the writer gave up */
  int           rc;                 /* the statement's last result */
} Reader;

static void
batch_free (gpointer data)
{
  Batch *b = data;

  g_string_free (b->arena, TRUE);
  g_free (b);
}

static void
batch_copy (Batch      *b,
            BatchRow   *r,
            guint       col,
            const char *text)
{
  if (text == NULL)
    return;
  r->offset[col] = b->arena->len;
  g_string_append_len (b->arena, text, strlen (text) + 1);
}

static void
batch_date (Export     *ex,
            Batch      *b,
            BatchRow   *r,
            guint       col,
            const char *value)
{
  gint serial = date_serial (value);

  batch_copy (b, r, col, value);
  if (serial >= 0)
    {
      r->has_num |= 1u << col;
      r->num[col] = serial;
    }
}

/* The index of a stored identifier (the store keeps ids only; gw_*_parse
 * would also try Chinese terms and English labels, a million times over). */
static guint
id_index (const char  *value,
          const char *(*to_id) (int),
          guint        n,
          guint        fallback)
{
  if (value == NULL)
    return fallback;
  for (guint i = 0; i < n; i++)
    if (strcmp (value, to_id (i)) == 0)
      return i;
  return fallback;
}

#define ID_INDEX(stmt, col, name, N, fallback) \
  id_index (gw_store_column_text ((stmt), (col)), (const char *(*) (int)) gw_##name##_to_id, \
            (N), (fallback))

/* One row of the statement into the batch. */
static void
batch_add (Export       *ex,
           Batch        *b,
           sqlite3_stmt *stmt)
{
  BatchRow *r = &b->rows[b->n++];
  const GridName *grid = lookup (ex->grids, stmt, 4);
  GwSource source = ID_INDEX (stmt, 10, source, GW_N_SOURCES, GW_SOURCE_PATROL);
  GwField field = ID_INDEX (stmt, 11, field, GW_N_FIELDS, GW_FIELD_OTHER);
  GwUrgency urgency = ID_INDEX (stmt, 12, urgency, GW_N_URGENCIES, GW_URGENCY_NONE);
  GwLevel level = ID_INDEX (stmt, 13, level, GW_N_LEVELS, GW_LEVEL_NONE);
  GwMeasure measure = ID_INDEX (stmt, 14, measure, GW_N_MEASURES, GW_MEASURE_NONE);
  GwState state = ID_INDEX (stmt, 18, state, GW_N_STATES, GW_STATE_REPORTED);

  memset (r->text, 0, sizeof r->text);
  memset (r->offset, 0xff, sizeof r->offset);
  r->has_num = 0;

  batch_copy (b, r, L_NUMBER, gw_store_column_text (stmt, 1));
  batch_copy (b, r, L_TITLE, gw_store_column_text (stmt, 2));
  batch_copy (b, r, L_DESCRIPTION, gw_store_column_text (stmt, 3));
  r->text[L_COUNTY] = grid ? grid->county : NULL;
  r->text[L_GRID] = grid ? grid->name : NULL;
  r->text[L_GRID_CODE] = grid ? grid->code : NULL;
  r->text[L_ENTERPRISE] = lookup (ex->enterprises, stmt, 5);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    {
      r->has_num |= (1u << L_LAT) | (1u << L_LON);
      r->num[L_LAT] = sqlite3_column_double (stmt, 6);
      r->num[L_LON] = sqlite3_column_double (stmt, 7);
    }
  batch_date (ex, b, r, L_FOUND, gw_store_column_text (stmt, 8));
  r->text[L_FOUND_BY] = lookup (ex->staff, stmt, 9);
  r->text[L_SOURCE] = source_zh[source];
  r->text[L_FIELD] = field_zh[field];
  r->text[L_URGENCY] = gw_urgency_zh (urgency);
  r->text[L_LEVEL] = gw_level_zh (level);
  r->text[L_MEASURE] = gw_measure_zh (measure);
  batch_copy (b, r, L_UNIT, gw_store_column_text (stmt, 15));
  r->text[L_RESPONSIBLE] = lookup (ex->staff, stmt, 16);
  batch_date (ex, b, r, L_DEADLINE, gw_store_column_text (stmt, 17));
  r->text[L_STATE] = gw_state_zh (state);
  if ((state == GW_STATE_REPORTED || state == GW_STATE_RECTIFYING) &&
      (r->has_num & (1u << L_DEADLINE)) && r->num[L_DEADLINE] < ex->date_serial)
    {
      r->has_num |= 1u << L_OVERDUE;
      r->num[L_OVERDUE] = ex->date_serial - r->num[L_DEADLINE];
    }
  r->text[L_CAMPAIGN] = lookup (ex->campaigns, stmt, 19);
  batch_date (ex, b, r, L_CLOSED, gw_store_column_text (stmt, 20));
}

static gpointer
reader_thread (gpointer data)
{
  Reader *rd = data;
  Batch *b;

  do
    {
      b = g_async_queue_pop (rd->free_batches);
      b->n = 0;
      g_string_truncate (b->arena, 0);
      while (b->n < BATCH_ROWS && !g_atomic_int_get (&rd->stop) &&
             (rd->rc = sqlite3_step (rd->stmt)) == SQLITE_ROW)
        batch_add (rd->ex, b, rd->stmt);
      g_async_queue_push (rd->full_batches, b);
    }
  while (b->n == BATCH_ROWS && !g_atomic_int_get (&rd->stop));
  /* The last batch is short: the writer knows the reader is done. */
  if (b->n == BATCH_ROWS)
    {
      b = g_async_queue_pop (rd->free_batches);
      b->n = 0;
      g_async_queue_push (rd->full_batches, b);
    }
  return NULL;
}

static void
set_cache_size (Export *ex,
                gint64  size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);

  gw_store_exec (ex->store, sql, NULL);
}

/* Steps through the selection, calling @func with each row in the calling
 * thread; @total is the number of rows expected, for progress. */
static gboolean
ledger_each (Export     *ex,
             gint64      total,
             LedgerFunc  func,
             gpointer    data,
             GError    **error)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = ledger_sql (&ex->filter, binds);
  sqlite3 *db = gw_store_get_db (ex->store);
  Reader rd = { ex, NULL, NULL, NULL, 0, SQLITE_DONE };
  GThread *thread;
  gboolean ok = TRUE;
  LedgerRow row;
  gint64 n = 0;
  guint got;
  Batch *b;

  if (ex->grids == NULL && !load_lookups (ex, error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, sql, -1, &rd.stmt, NULL) != SQLITE_OK)
    return fail_store (ex, _("listing hazards"), error);
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (rd.stmt, i + 1, binds->pdata[i], -1, SQLITE_STATIC);

  rd.free_batches = g_async_queue_new_full (batch_free);
  rd.full_batches = g_async_queue_new_full (batch_free);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      Batch *fresh = g_new (Batch, 1);
      fresh->arena = g_string_sized_new (BATCH_ROWS * 256);
      g_async_queue_push (rd.free_batches, fresh);
    }
  /* The rows pass once: a small page cache keeps memory flat (the summary
   * sheets' queries, which revisit pages, keep the store's large one). */
  set_cache_size (ex, SMALL_CACHE);
  thread = g_thread_new ("gw-export-reader", reader_thread, &rd);

  do
    {
      b = g_async_queue_pop (rd.full_batches);
      for (guint i = 0; ok && i < b->n; i++)
        {
          const BatchRow *r = &b->rows[i];

          row.index = n;
          for (guint c = 0; c < L_N_COLUMNS; c++)
            {
              row.text[c] = r->offset[c] >= 0 ? b->arena->str + r->offset[c] : r->text[c];
              row.has_num[c] = (r->has_num >> c) & 1;
              row.num[c] = r->num[c];
            }
          row.has_num[L_SEQ] = TRUE;
          row.num[L_SEQ] = n + 1;
          ok = func (ex, &row, data, error);
          if (ok && ++n % PROGRESS_STEP == 0)
            {
              report (ex, total > 0 ? (double) n / total : 0, _("Writing the ledger"));
              ok = !check_cancelled (ex, error);
            }
        }
      if (!ok)
        g_atomic_int_set (&rd.stop, 1);
      got = b->n;
      g_async_queue_push (rd.free_batches, b);
    }
  while (got == BATCH_ROWS);
  g_thread_join (thread);
  set_cache_size (ex, ex->cache_size);

  if (ok && rd.rc != SQLITE_DONE)
    ok = fail_store (ex, _("listing hazards"), error);
  sqlite3_finalize (rd.stmt);
  g_async_queue_unref (rd.free_batches);
  g_async_queue_unref (rd.full_batches);
  if (ok)
    report (ex, 1, _("Writing the ledger"));
  return ok;
}

static gboolean
ledger_count (Export  *ex,
              gint64  *n,
              GError **error)
{
  gboolean ok;

  /* Counting a million rows would fill the store's page cache as much as reading them. */
  set_cache_size (ex, SMALL_CACHE);
  ok = gw_store_hazard_count (ex->store, &ex->filter, n, NULL, error);
  set_cache_size (ex, ex->cache_size);
  return ok || prefix_error (ex, error);
}

/* What the ledger's selection is, for the 填报单位 line; NULL for all hazards. */
static char *
describe_filter (Export *ex)
{
  const GwFilter *f = &ex->filter;
  g_autoptr(GString) s = g_string_new (NULL);

#define PART(...) G_STMT_START { \
    g_string_append (s, s->len ? "；" : ""); \
    g_string_append_printf (s, __VA_ARGS__); \
  } G_STMT_END

  if (f->county_id > 0 || f->grid_id > 0)
    {
      g_autofree char *name = NULL;
      sqlite3_stmt *stmt = gw_store_prepare (ex->store, f->grid_id > 0
        ? "SELECT c.name || g.name FROM grids g JOIN counties c ON c.id = g.county_id"
          " WHERE g.id = ?1"
        : "SELECT name FROM counties WHERE id = ?1", NULL);

      if (stmt)
        {
          sqlite3_bind_int64 (stmt, 1, f->grid_id > 0 ? f->grid_id : f->county_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            name = g_strdup (gw_store_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }
      PART ("%s", name ? name : "?");
    }
  if (f->states)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      for (guint i = 0; i < GW_N_STATES; i++)
        if (f->states & (1u << i))
          g_string_append_printf (list, "%s%s", list->len ? "、" : "", gw_state_zh (i));
      PART ("状态：%s", list->str);
    }
  if (f->levels)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      for (guint i = 0; i < GW_N_LEVELS; i++)
        if (f->levels & (1u << i))
          g_string_append_printf (list, "%s%s", list->len ? "、" : "",
                                  i ? gw_level_zh (i) : "未研判");
      PART ("风险等级：%s", list->str);
    }
  if (f->urgencies)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      for (guint i = 0; i < GW_N_URGENCIES; i++)
        if (f->urgencies & (1u << i))
          g_string_append_printf (list, "%s%s", list->len ? "、" : "",
                                  i ? gw_urgency_zh (i) : "未研判");
      PART ("清单类别：%s", list->str);
    }
  if (f->overdue_only)
    PART ("仅超期");
  if (f->campaign_id > 0)
    PART ("专项行动");
  if (f->found_from || f->found_to)
    PART ("发现日期：%s至%s", f->found_from ? f->found_from : "", f->found_to ? f->found_to : "");
  if (f->deadline_from || f->deadline_to)
    PART ("整改时限：%s至%s", f->deadline_from ? f->deadline_from : "",
          f->deadline_to ? f->deadline_to : "");
  if (f->text && *f->text)
    PART ("关键词：%s", f->text);
#undef PART
  if (s->len == 0)
    return NULL;
  g_string_prepend (s, "筛选条件：");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
xlsx_ledger_row (Export          *ex,
                 const LedgerRow *row,
                 gpointer         data,
                 GError         **error)
{
  lxw_worksheet *ws = data;
  lxw_row_t r = FIRST_ROW + row->index;

  for (guint c = 0; c < L_N_COLUMNS; c++)
    {
      if (row->has_num[c])
        worksheet_write_number (ws, r, c, row->num[c],
                                ledger_columns[c].type == COL_DATE ? ex->f.ledger_date : NULL);
      else if (ledger_columns[c].type != COL_DATE && row->text[c] && row->text[c][0])
        worksheet_write_string (ws, r, c, row->text[c], NULL);
    }
  return TRUE;
}

static gboolean
sheet_ledger (Export  *ex,
              gint64   total,
              GError **error)
{
  SheetColumn columns[L_N_COLUMNS];
  g_autofree char *filter = describe_filter (ex);
  g_autofree char *title = NULL, *as_of = date_zh (&ex->date);
  lxw_worksheet *ws;
  lxw_row_t last;

  for (guint c = 0; c < L_N_COLUMNS; c++)
    columns[c] = (SheetColumn) { ledger_columns[c].header, ledger_columns[c].width };
  title = g_strdup_printf ("生态环境风险隐患台账（截至%s）", as_of);
  ws = sheet_begin (ex, "台账", title, filter, columns, L_N_COLUMNS, HEADER_ROW, HEADER_ROW, 3);
  write_header (ex, ws, HEADER_ROW, columns, L_N_COLUMNS, ex->f.ledger_header);
  last = total > 0 ? FIRST_ROW + total - 1 : FIRST_ROW;
  worksheet_autofilter (ws, HEADER_ROW, 0, last, L_N_COLUMNS - 1);
  {
    lxw_conditional_format overdue = { .type = LXW_CONDITIONAL_TYPE_CELL,
                                       .criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN,
                                       .value = 0, .format = ex->f.cf_red };
    worksheet_conditional_format_range (ws, FIRST_ROW, L_OVERDUE, last, L_OVERDUE, &overdue);
  }
  return ledger_each (ex, total, xlsx_ledger_row, ws, error);
}

/* ---- cadence ------------------------------------------------------------------------- */

static gboolean
ensure_cadence (Export  *ex,
                GError **error)
{
  GwDekad first = gw_dekad_of (&ex->date);
  GDate from;

  if (ex->cadence)
    return TRUE;
  for (guint i = 1; i < ex->opts.cadence_dekads; i++)
    first = gw_dekad_prev (first);
  gw_dekad_first_day (first, &from);
  ex->cadence = gw_store_cadence (ex->store, &from, &ex->date, &ex->date, error);
  if (ex->cadence == NULL)
    return prefix_error (ex, error);
  return TRUE;
}

static const char *
cadence_word (GwCadenceStatus status,
              Formats        *f,
              lxw_format    **format)
{
  switch (status)
    {
    case GW_CADENCE_DONE: *format = f->done; return "完成";
    case GW_CADENCE_MISSED: *format = f->missed; return "未完成";
    case GW_CADENCE_DUE: *format = f->due; return "进行中";
    case GW_CADENCE_NOT_YET_DUE:
    default: *format = f->not_yet; return "—";
    }
}

static gboolean
sheet_cadence (Export  *ex,
               GError **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (SheetColumn));
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  GwCadence *cad;
  lxw_worksheet *ws;
  lxw_row_t row = FIRST_ROW, done_row, counted_row, rate_row;
  guint n_dekads, c_done, c_missed, c_rate, c_run;
  gint64 sum_done = 0, sum_missed = 0;
  char a[8], b[8];

  report (ex, 0, _("Checking the ten-day analyses"));
  if (!ensure_cadence (ex, error))
    return FALSE;
  cad = ex->cadence;
  n_dekads = cad->dekads->len;

  {
    SheetColumn fixed[] = { { "序号", 6 }, { "县市区", 8 }, { "乡镇（街道）", 12 },
                            { "网格长", 8 } };
    for (guint i = 0; i < cad->rows->len; i++)
      {
        const GwCadenceRow *r = cad->rows->pdata[i];
        fit_width (&fixed[1], 8, 26, r->county_name);
        fit_width (&fixed[2], 12, 30, r->grid_name);
        fit_width (&fixed[3], 8, 14, r->chief_name);
      }
    g_array_append_vals (columns, fixed, G_N_ELEMENTS (fixed));
  }
  for (guint i = 0; i < n_dekads; i++)
    {
      GwDekad d = g_array_index (cad->dekads, GwDekad, i);
      char *label = dekad_zh (d, i == 0 || (d.month == 1 && d.part == 0), "\n");
      SheetColumn col = { label, 7.5 };

      g_ptr_array_add (headers, label);
      g_array_append_val (columns, col);
    }
  {
    SheetColumn totals[] = { { "完成", 6 }, { "未完成", 7 }, { "完成率", 8 },
                             { "最长连续\n未完成(旬)", 10 } };
    g_array_append_vals (columns, totals, G_N_ELEMENTS (totals));
  }
  c_done = 4 + n_dekads;
  c_missed = c_done + 1;
  c_rate = c_done + 2;
  c_run = c_done + 3;

  title = g_strdup_printf ("网格十天研判频次表（%s至%s）", cad->from, cad->to);
  ws = sheet_begin (ex, "频次表", title, "完成率＝已完成旬数÷（已完成＋未完成旬数）",
                    (SheetColumn *) columns->data, columns->len, HEADER_ROW, HEADER_ROW, 3);
  write_header (ex, ws, HEADER_ROW, (SheetColumn *) columns->data, columns->len, NULL);
  worksheet_set_row (ws, HEADER_ROW, 44, NULL);

  for (guint i = 0; i < cad->rows->len; i++, row++)
    {
      const GwCadenceRow *r = cad->rows->pdata[i];

      worksheet_write_number (ws, row, 0, i + 1, ex->f.integer);
      put_text (ws, row, 1, r->county_name, ex->f.center);
      put_text (ws, row, 2, r->grid_name, ex->f.text);
      put_text (ws, row, 3, r->chief_name, ex->f.center);
      for (guint d = 0; d < n_dekads; d++)
        {
          lxw_format *format;
          const char *word = cadence_word (r->cells[d], &ex->f, &format);
          worksheet_write_string (ws, row, 4 + d, word, format);
        }
      col_name (4, a);
      col_name (4 + n_dekads - 1, b);
      put_formula (ws, row, c_done, ex->f.integer, r->done, "=COUNTIF(%s%u:%s%u,\"完成\")",
                   a, row + 1, b, row + 1);
      put_formula (ws, row, c_missed, r->missed > 0 ? ex->f.red_int : ex->f.integer, r->missed,
                   "=COUNTIF(%s%u:%s%u,\"未完成\")", a, row + 1, b, row + 1);
      col_name (c_done, a);
      col_name (c_missed, b);
      put_formula (ws, row, c_rate, ex->f.pct, r->compliance, "=IF(%s%u+%s%u=0,1,%s%u/(%s%u+%s%u))",
                   a, row + 1, b, row + 1, a, row + 1, a, row + 1, b, row + 1);
      worksheet_write_number (ws, row, c_run, r->longest_miss_run,
                              r->longest_miss_run >= ex->opts.interview_misses ? ex->f.red_int
                                                                               : ex->f.integer);
      sum_done += r->done;
      sum_missed += r->missed;
    }

  /* Per dekad: grids done, grids that were due, and the rate. */
  done_row = row;
  counted_row = row + 1;
  rate_row = row + 2;
  for (lxw_row_t r = done_row; r <= rate_row; r++)
    {
      static const char *labels[] = { "已完成网格数", "应完成网格数", "完成率" };
      worksheet_set_row (ws, r, 20, NULL);
      put_text (ws, r, 0, NULL, ex->f.tot_text);
      worksheet_merge_range (ws, r, 1, r, 3, labels[r - done_row], ex->f.tot_text);
      for (guint d = 0; d < n_dekads; d++)
        {
          lxw_col_t c = 4 + d;
          col_name (c, a);
          if (done_row == FIRST_ROW)   /* no grids: no range to count */
            worksheet_write_number (ws, r, c, 0, r == rate_row ? ex->f.tot_pct : ex->f.tot_int);
          else if (r == done_row)
            put_formula (ws, r, c, ex->f.tot_int, cad->done_per_dekad[d],
                         "=COUNTIF(%s%u:%s%u,\"完成\")", a, FIRST_ROW + 1, a, done_row);
          else if (r == counted_row)
            put_formula (ws, r, c, ex->f.tot_int, cad->counted_per_dekad[d],
                         "=COUNTIF(%s%u:%s%u,\"完成\")+COUNTIF(%s%u:%s%u,\"未完成\")",
                         a, FIRST_ROW + 1, a, done_row, a, FIRST_ROW + 1, a, done_row);
          else
            put_formula (ws, r, c, ex->f.tot_pct, gw_cadence_dekad_compliance (cad, d),
                         "=IF(%s%u=0,0,%s%u/%s%u)", a, counted_row + 1, a, done_row + 1,
                         a, counted_row + 1);
        }
      if (r == done_row)
        {
          col_name (c_done, a);
          col_name (c_missed, b);
          if (done_row > FIRST_ROW)
            {
              put_formula (ws, r, c_done, ex->f.tot_int, sum_done, "=SUM(%s%u:%s%u)",
                           a, FIRST_ROW + 1, a, done_row);
              put_formula (ws, r, c_missed, ex->f.tot_int, sum_missed, "=SUM(%s%u:%s%u)",
                           b, FIRST_ROW + 1, b, done_row);
            }
          else
            {
              worksheet_write_number (ws, r, c_done, 0, ex->f.tot_int);
              worksheet_write_number (ws, r, c_missed, 0, ex->f.tot_int);
            }
          put_formula (ws, r, c_rate, ex->f.tot_pct, ratio (sum_done, sum_done + sum_missed, 1),
                       "=IF(%s%u+%s%u=0,1,%s%u/(%s%u+%s%u))", a, r + 1, b, r + 1, a, r + 1,
                       a, r + 1, b, r + 1);
          put_text (ws, r, c_run, NULL, ex->f.tot_text);
        }
      else
        for (guint c = c_done; c <= c_run; c++)
          put_text (ws, r, c, NULL, ex->f.tot_text);
    }
  {
    lxw_conditional_format low = { .type = LXW_CONDITIONAL_TYPE_CELL,
                                   .criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN,
                                   .value = 0.9, .format = ex->f.cf_orange };
    if (rate_row > FIRST_ROW)
      worksheet_conditional_format_range (ws, FIRST_ROW, c_rate, done_row, c_rate, &low);
  }
  report (ex, 1, _("Checking the ten-day analyses"));
  return TRUE;
}

/* ---- the meeting report --------------------------------------------------------------------- */

enum { M_A, M_B, M_C, M_D, M_E, M_F, M_G, M_H, M_N_COLUMNS };

static const SheetColumn meeting_columns[M_N_COLUMNS] = {
  { "", 8 }, { "", 17 }, { "", 30 }, { "", 18 }, { "", 18 }, { "", 11 }, { "", 12 }, { "", 11 },
};

typedef struct {
  gint64 id;
  char   deadline[11];
} Late;

static void
meeting_account (Export         *ex,
                 const Snapshot *s,
                 gpointer        data)
{
  GArray *late = data;

  if (snapshot_open_late (ex, s))
    {
      Late l = { s->id, "" };
      g_strlcpy (l.deadline, s->deadline, sizeof l.deadline);
      g_array_append_val (late, l);
    }
}

static gint
late_compare (gconstpointer a,
              gconstpointer b)
{
  const Late *x = a, *y = b;
  int c = strcmp (x->deadline, y->deadline);

  return c ? c : (x->id > y->id) - (x->id < y->id);
}

static lxw_row_t
section (Export        *ex,
         lxw_worksheet *ws,
         lxw_row_t      row,
         const char    *text)
{
  worksheet_set_row (ws, row, 26, NULL);
  worksheet_merge_range (ws, row, 0, row, M_N_COLUMNS - 1, text, ex->f.section);
  return row + 1;
}

static lxw_row_t
headers (Export         *ex,
         lxw_worksheet  *ws,
         lxw_row_t       row,
         const char    **names)
{
  worksheet_set_row (ws, row, 30, NULL);
  for (guint i = 0; i < M_N_COLUMNS; i++)
    worksheet_write_string (ws, row, i, names[i], ex->f.header);
  return row + 1;
}

static lxw_row_t
none_row (Export        *ex,
          lxw_worksheet *ws,
          lxw_row_t      row)
{
  worksheet_merge_range (ws, row, 0, row, M_N_COLUMNS - 1, "无", ex->f.center);
  return row + 1;
}

static void
overdue_row (Export        *ex,
             lxw_worksheet *ws,
             lxw_row_t      r,
             guint          seq,
             sqlite3_stmt  *stmt,
             const char    *deadline)
{
  gint serial = date_serial (deadline);

  worksheet_write_number (ws, r, 0, seq, ex->f.integer);
  put_text (ws, r, 1, gw_store_column_text (stmt, 0), ex->f.center);
  put_text (ws, r, 2, gw_store_column_text (stmt, 1), ex->f.text);
  put_text (ws, r, 3, gw_store_column_text (stmt, 2), ex->f.text);
  put_text (ws, r, 4, gw_store_column_text (stmt, 3), ex->f.text);
  put_text (ws, r, 5, gw_store_column_text (stmt, 4), ex->f.center);
  worksheet_write_number (ws, r, 6, serial, ex->f.date);
  worksheet_write_number (ws, r, 7, ex->date_serial - serial, ex->f.red_int);
}

/* Overdue hazards with the people responsible, longest overdue first. */
static gboolean
meeting_overdue (Export         *ex,
                 lxw_worksheet  *ws,
                 gint64          overdue,
                 GArray         *late,
                 lxw_row_t      *row,
                 GError        **error)
{
  static const char *names[] = { "序号", "隐患编号", "隐患名称", "县市区／乡镇（街道）",
                                 "责任单位", "责任人", "整改时限", "超期天数" };
#define OVERDUE_SELECT \
    "SELECT h.number, h.title, c.name || ' ' || g.name, h.responsible_unit, s.name, h.deadline" \
    " FROM hazards h JOIN grids g ON g.id = h.grid_id JOIN counties c ON c.id = g.county_id" \
    " LEFT JOIN staff s ON s.id = h.responsible_id"
  sqlite3_stmt *stmt;
  guint seq = 0;
  gint64 n_late = 0;
  lxw_row_t r = headers (ex, ws, *row, names);
  int rc = SQLITE_DONE;

  if (ex->replay)
    {
      /* The list as it stood: who was late on that day, by the deadline of
       * that day (gathered by the replay that gave the sheet its KPIs). */
      if ((stmt = prepare (ex, OVERDUE_SELECT " WHERE h.id = ?1", error)) == NULL)
        return FALSE;
      g_array_sort (late, late_compare);
      n_late = late->len;
      for (guint i = 0; i < late->len && seq < MEETING_OVERDUE && rc == SQLITE_DONE; i++)
        {
          const Late *l = &g_array_index (late, Late, i);

          sqlite3_bind_int64 (stmt, 1, l->id);
          if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              overdue_row (ex, ws, r++, ++seq, stmt, l->deadline);
              rc = SQLITE_DONE;
            }
          sqlite3_reset (stmt);
        }
    }
  else
    {
      /* The longest overdue are picked in the (state, deadline) index alone:
       * joining every overdue hazard before sorting read thousands of rows
       * to keep a few hundred. */
      stmt = prepare (ex, OVERDUE_SELECT " WHERE h.id IN (SELECT id FROM hazards"
                              " WHERE state IN ('reported', 'rectifying') AND deadline < ?1"
                              " ORDER BY deadline, id LIMIT ?2) ORDER BY h.deadline, h.id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, ex->date_s, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, MEETING_OVERDUE);
      while (seq < MEETING_OVERDUE && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        overdue_row (ex, ws, r++, ++seq, stmt, gw_store_column_text (stmt, 5));
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;
      n_late = overdue;
    }
  if (rc != SQLITE_DONE)
    return fail_store (ex, _("listing overdue hazards"), error);
  if (seq == 0)
    r = none_row (ex, ws, r);
  else if (n_late > seq)
    {
      g_autofree char *note = g_strdup_printf ("超期隐患共%" G_GINT64_FORMAT "项，此处列出超期最久的%u项；"
                                               "完整清单请导出台账并筛选“仅超期”。", n_late, seq);
      worksheet_merge_range (ws, r, 0, r, M_N_COLUMNS - 1, note, ex->f.info);
      r++;
    }
  *row = r;
  return TRUE;
}

static gboolean
meeting_interviews (Export         *ex,
                    lxw_worksheet  *ws,
                    lxw_row_t      *row,
                    GError        **error)
{
  static const char *names[] = { "序号", "县市区", "乡镇（街道）", "网格长", "联系电话",
                                 "连续未研判(旬)", "未研判截至", "超期隐患" };
  g_autoptr(GPtrArray) list = NULL;
  lxw_row_t r;

  if (!ensure_cadence (ex, error))
    return FALSE;
  list = gw_cadence_interviews (ex->cadence, ex->opts.interview_misses,
                                ex->opts.interview_overdue);
  r = headers (ex, ws, *row, names);
  for (guint i = 0; list && i < list->len; i++, r++)
    {
      const GwCadenceRow *g = list->pdata[i];
      g_autofree char *end = g->longest_miss_run ? dekad_zh (g->miss_run_end, TRUE, "") : NULL;

      worksheet_write_number (ws, r, 0, i + 1, ex->f.integer);
      put_text (ws, r, 1, g->county_name, ex->f.center);
      put_text (ws, r, 2, g->grid_name, ex->f.text);
      put_text (ws, r, 3, g->chief_name, ex->f.center);
      put_text (ws, r, 4, g->chief_phone, ex->f.center);
      worksheet_write_number (ws, r, 5, g->longest_miss_run,
                              g->longest_miss_run >= ex->opts.interview_misses ? ex->f.red_int
                                                                               : ex->f.integer);
      put_text (ws, r, 6, end, ex->f.center);
      worksheet_write_number (ws, r, 7, g->overdue, g->overdue > 0 ? ex->f.red_int
                                                                   : ex->f.integer);
    }
  if (list == NULL || list->len == 0)
    r = none_row (ex, ws, r);
  *row = r;
  return TRUE;
}

/* Assignments 交办 of the last meeting on or before the date, with the
 * states of the hazards they concern. */
static gboolean
meeting_decisions (Export         *ex,
                   lxw_worksheet  *ws,
                   gint64          meeting_id,
                   lxw_row_t      *row,
                   GError        **error)
{
  static const char *names[] = { "序号", "交办事项", "", "", "承办人", "办理时限", "关联隐患",
                                 "隐患状态" };
  sqlite3_stmt *stmt;
  lxw_row_t r;
  guint seq = 0;
  int rc;

  r = headers (ex, ws, *row, names);
  worksheet_merge_range (ws, r - 1, 1, r - 1, 3, "交办事项", ex->f.header);
  stmt = prepare (ex, "SELECT d.text, s.name, d.deadline,"
                      " (SELECT group_concat (h.number, '、') FROM decision_hazards dh"
                      "   JOIN hazards h ON h.id = dh.hazard_id WHERE dh.decision_id = d.id),"
                      " (SELECT group_concat (h.state) FROM decision_hazards dh"
                      "   JOIN hazards h ON h.id = dh.hazard_id WHERE dh.decision_id = d.id)"
                      " FROM meeting_decisions d LEFT JOIN staff s ON s.id = d.assignee_id"
                      " WHERE d.meeting_id = ?1 ORDER BY d.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = gw_store_column_text (stmt, 0);
      const char *deadline = gw_store_column_text (stmt, 2);
      g_auto(GStrv) states = g_strsplit (gw_store_column_text (stmt, 4)
                                         ? gw_store_column_text (stmt, 4) : "", ",", -1);
      g_autoptr(GString) words = g_string_new (NULL);
      gboolean all_done = states[0] != NULL;
      guint lines = 1 + g_utf8_strlen (text ? text : "", -1) / 30;

      for (guint i = 0; states[i]; i++)
        {
          GwState st;
          if (!gw_state_parse (states[i], &st))
            continue;
          g_string_append_printf (words, "%s%s", words->len ? "、" : "", gw_state_zh (st));
          all_done &= st == GW_STATE_DOWNGRADED || st == GW_STATE_CLOSED;
        }
      worksheet_set_row (ws, r, MAX (LXW_DEF_ROW_HEIGHT, 15 * lines + 4), NULL);
      worksheet_write_number (ws, r, 0, ++seq, ex->f.integer);
      worksheet_merge_range (ws, r, 1, r, 3, text ? text : "", ex->f.wrap);
      put_text (ws, r, 4, gw_store_column_text (stmt, 1), ex->f.center);
      if (date_serial (deadline) >= 0)
        worksheet_write_number (ws, r, 5, date_serial (deadline), ex->f.date);
      else
        put_text (ws, r, 5, NULL, ex->f.center);
      put_text (ws, r, 6, gw_store_column_text (stmt, 3), ex->f.wrap);
      put_text (ws, r, 7, words->str,
                !all_done && date_serial (deadline) >= 0 &&
                date_serial (deadline) < ex->date_serial ? ex->f.red_text : ex->f.center);
      r++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail_store (ex, _("reading the meeting's decisions"), error);
  if (seq == 0)
    r = none_row (ex, ws, r);
  *row = r;
  return TRUE;
}

static void
tiles (Export         *ex,
       lxw_worksheet  *ws,
       lxw_row_t       row,
       const char    **names,
       const double   *values,
       const char    **formulas,
       guint           pct_mask,
       guint           date_mask)
{
  worksheet_set_row (ws, row, 30, NULL);
  for (guint i = 0; i < M_N_COLUMNS; i++)
    worksheet_write_string (ws, row, i, names[i], ex->f.header);
  worksheet_set_row (ws, row + 1, 24, NULL);
  for (guint i = 0; i < M_N_COLUMNS; i++)
    {
      lxw_format *f = (pct_mask & (1u << i)) ? ex->f.tot_pct
                      : (date_mask & (1u << i)) ? ex->f.date : ex->f.tot_int;
      if (formulas && formulas[i])
        worksheet_write_formula_num (ws, row + 1, i, formulas[i], f, values[i]);
      else
        worksheet_write_number (ws, row + 1, i, values[i], f);
    }
}

static gboolean
sheet_meeting (Export  *ex,
               GError **error)
{
  g_autofree char *title = NULL, *info = NULL, *prev = NULL, *meeting_date = NULL;
  g_autofree char *kpi_title = NULL, *change_title = NULL, *dekad = NULL;
  g_autofree char *as_of = date_zh (&ex->date);
  g_autoptr(GwMeetingDiff) diff = NULL;
  g_autoptr(GArray) late = g_array_new (FALSE, FALSE, sizeof (Late));
  gint64 meeting_id = 0;
  GwStats st;
  lxw_worksheet *ws;
  lxw_row_t row;
  sqlite3_stmt *stmt;

  report (ex, 0, _("Preparing the meeting report"));
  /* A past date is replayed once, for the KPIs and the overdue list together. */
  if (ex->replay)
    {
      SnapshotClosure c = { ex, meeting_account, late };

      if (!gw_store_stats_replay_with (ex->store, &ex->date, &st, snapshot_cb, &c, error))
        return prefix_error (ex, error);
    }
  else if (!gw_store_stats (ex->store, &ex->date, &st, error))
    return prefix_error (ex, error);

  stmt = prepare (ex, "SELECT id, date FROM meetings WHERE date <= ?1 ORDER BY date DESC LIMIT 1",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ex->date_s, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      meeting_id = sqlite3_column_int64 (stmt, 0);
      meeting_date = g_strdup (gw_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if ((prev = gw_store_meeting_before (ex->store, ex->date_s, error)) == NULL &&
      error && *error)
    return prefix_error (ex, error);
  if (prev == NULL)
    {
      GDate d = ex->date;
      g_date_subtract_days (&d, 7);
      prev = gw_date_to_string (&d);
    }
  if ((diff = gw_store_meeting_diff (ex->store, prev, ex->date_s, error)) == NULL)
    return prefix_error (ex, error);

  title = g_strdup_printf ("生态环境隐患整改调度周例会通报（%s）", as_of);
  info = g_strdup_printf ("上次例会：%s", prev);
  ws = sheet_begin (ex, "例会通报", title, info, meeting_columns, M_N_COLUMNS, 0, 1, 0);
  row = 2;

  kpi_title = g_strdup_printf ("一、总体情况（截至%s）", ex->date_s);
  row = section (ex, ws, row, kpi_title);
  {
    static const char *names[] = { "隐患总数", "已上报", "整改中", "待验收", "已降级", "已销号",
                                   "超期", "整改降级完成率" };
    double values[] = { st.hazards, st.by_state[GW_STATE_REPORTED],
                        st.by_state[GW_STATE_RECTIFYING], st.by_state[GW_STATE_VERIFYING],
                        st.by_state[GW_STATE_DOWNGRADED], st.by_state[GW_STATE_CLOSED],
                        st.overdue, st.completion_rate };
    g_autofree char *rate = g_strdup_printf ("=IF(A%u=0,0,(E%u+F%u)/A%u)", row + 2, row + 2,
                                             row + 2, row + 2);
    const char *formulas[] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, rate };

    tiles (ex, ws, row, names, values, formulas, 1u << 7, 0);
    row += 2;
  }
  {
    static const char *names[] = { "验收超期", "近7日新增", "近7日销号", "研判旬次",
                                   "网格总数", "已研判网格", "未研判网格", "研判完成率" };
    double values[] = { st.verification_overdue, st.new_7d, st.closed_7d, 0, st.grids,
                        st.cadence_done, st.cadence_missed, ratio (st.cadence_done, st.grids, 0) };
    g_autofree char *rate = g_strdup_printf ("=IF(E%u=0,0,F%u/E%u)", row + 2, row + 2, row + 2);
    const char *formulas[] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, rate };

    tiles (ex, ws, row, names, values, formulas, 1u << 7, 0);
    dekad = dekad_zh (st.cadence_dekad, TRUE, "");
    worksheet_write_string (ws, row + 1, 3, dekad, ex->f.tot_text);
    row += 2;
  }

  change_title = g_strdup_printf ("二、较上次例会（%s）以来变化", prev);
  row = section (ex, ws, row + 1, change_title);
  {
    static const char *names[] = { "新增隐患", "验收降级", "销号", "其他状态变化",
                                   "新增超期", "当前超期", "统计起", "统计止" };
    double values[] = { diff->added->len, diff->downgraded->len, diff->closed->len,
                        diff->moved->len, diff->overdue->len, st.overdue,
                        date_serial (prev), ex->date_serial };

    tiles (ex, ws, row, names, values, NULL, 0, 3u << 6);
    row += 2;
  }

  row = section (ex, ws, row + 1, "三、超期隐患清单");
  if (!meeting_overdue (ex, ws, st.overdue, late, &row, error))
    return FALSE;

  row = section (ex, ws, row + 1, "四、约谈名单（连续未开展十天研判或超期隐患较多的网格）");
  if (!meeting_interviews (ex, ws, &row, error))
    return FALSE;

  {
    g_autofree char *t = meeting_date ? g_strdup_printf ("五、%s例会交办事项", meeting_date)
                                      : g_strdup ("五、例会交办事项");
    row = section (ex, ws, row + 1, t);
  }
  if (meeting_id == 0)
    row = none_row (ex, ws, row);
  else if (!meeting_decisions (ex, ws, meeting_id, &row, error))
    return FALSE;

  report (ex, 1, _("Preparing the meeting report"));
  return TRUE;
}

/* ---- public ---------------------------------------------------------------------------------- */

static gboolean
export_init (Export                 *ex,
             GwStore                *store,
             const char             *path,
             const GwExportOptions  *options,
             GwProgressFunc          progress,
             gpointer                user_data,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autofree char *s = NULL;
  GDate from;

  memset (ex, 0, sizeof *ex);
  ex->store = store;
  ex->path = path;
  if (options)
    ex->opts = *options;
  if (ex->opts.sheets == 0)
    ex->opts.sheets = GW_EXPORT_SHEETS_ALL;
  if (ex->opts.cadence_dekads == 0)
    ex->opts.cadence_dekads = DEFAULT_DEKADS;
  if (ex->opts.interview_misses == 0)
    ex->opts.interview_misses = DEFAULT_MISSES;
  if (ex->opts.interview_overdue == 0)
    ex->opts.interview_overdue = DEFAULT_INTERVIEW_OVERDUE;
  if (ex->opts.date)
    ex->date = *ex->opts.date;
  else
    gw_date_today (&ex->date);
  ex->opts.date = &ex->date;
  s = gw_date_to_string (&ex->date);
  g_strlcpy (ex->date_s, s, sizeof ex->date_s);
  ex->date_serial = date_serial (ex->date_s);
  from = ex->date;
  g_date_subtract_days (&from, 6);
  g_free (s);
  s = gw_date_to_string (&from);
  g_strlcpy (ex->week_from, s, sizeof ex->week_from);
  if (ex->opts.filter)
    ex->filter = *ex->opts.filter;
  if (ex->filter.today == NULL)
    ex->filter.today = ex->date_s;
  ex->progress = progress;
  ex->user_data = user_data;
  ex->cancellable = cancellable;
  ex->span = 1;

  /* Past dates are replayed from the events, exactly as gw_store_stats decides. */
  if (!gw_store_date_is_past (ex->store, ex->date_s, &ex->replay, error))
    return prefix_error (ex, error);
  return TRUE;
}

static void
export_clear (Export *ex)
{
  g_clear_pointer (&ex->cadence, gw_cadence_free);
  g_clear_pointer (&ex->grids, g_hash_table_unref);
  g_clear_pointer (&ex->staff, g_hash_table_unref);
  g_clear_pointer (&ex->enterprises, g_hash_table_unref);
  g_clear_pointer (&ex->campaigns, g_hash_table_unref);
}

/* Drops a workbook without writing it: libxlsxwriter can only free it, and
 * leaves the constant_memory scratch files of the sheets open. */
static void
workbook_abandon (lxw_workbook *wb)
{
  lxw_worksheet *ws;

  LXW_FOREACH_WORKSHEET (ws, wb)
    {
      if (ws->optimize_tmpfile)
        fclose (ws->optimize_tmpfile);
      ws->optimize_tmpfile = NULL;
      ws->file = NULL;
    }
  lxw_workbook_free (wb);
}

static gboolean
write_workbook (Export     *ex,
                const char *tmp,
                GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (ex->path);
  GwExportSheets sheets = ex->opts.sheets;
  gint64 total = 0;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = dir };
  lxw_doc_properties props = { .title = "生态环境隐患整改进度", .author = (char *) ex->opts.unit,
                               .company = (char *) ex->opts.unit };
  lxw_error err;
  double ledger_end = 0.05;

  if (sheets & GW_EXPORT_SHEET_LEDGER)
    {
      if (!ledger_count (ex, &total, error))
        return FALSE;
      if (total > MAX_LEDGER)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("%s: %lld hazards are more than a sheet holds (%d);"
                         " narrow the selection or export CSV"), ex->path, (long long) total,
                       MAX_LEDGER);
          return FALSE;
        }
      /* The file is compressed at the end, in one step that takes about as
       * long as writing the rows. */
      ledger_end = total > 10000 ? 0.5 : 0.2;
    }
  /* Beyond 4 GB the zip needs ZIP64; a long ledger might reach it. */
  options.use_zip64 = total > 200000;

  ex->wb = workbook_new_opt (tmp, &options);
  if (ex->wb == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot create the workbook"),
                   ex->path);
      return FALSE;
    }
  workbook_set_properties (ex->wb, &props);
  formats_init (&ex->f, ex->wb);

  phase (ex, 0, 0.03);
  if ((sheets & GW_EXPORT_SHEET_PROGRESS) && !sheet_progress (ex, error))
    goto failed;
  if (check_cancelled (ex, error))
    goto failed;
  phase (ex, 0.03, ledger_end - 0.03);
  if ((sheets & GW_EXPORT_SHEET_LEDGER) && !sheet_ledger (ex, total, error))
    goto failed;
  if (check_cancelled (ex, error))
    goto failed;
  phase (ex, ledger_end, 0.02);
  if ((sheets & GW_EXPORT_SHEET_CADENCE) && !sheet_cadence (ex, error))
    goto failed;
  if (check_cancelled (ex, error))
    goto failed;
  phase (ex, ledger_end + 0.02, 0.02);
  if ((sheets & GW_EXPORT_SHEET_MEETING) && !sheet_meeting (ex, error))
    goto failed;
  if (check_cancelled (ex, error))
    goto failed;

  phase (ex, ledger_end + 0.04, 1 - ledger_end - 0.04);
  report (ex, 0, _("Compressing the workbook"));
  err = workbook_close (ex->wb);
  ex->wb = NULL;
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot write the workbook: %s"),
                   ex->path, lxw_strerror (err));
      return FALSE;
    }
  return !check_cancelled (ex, error);

failed:
  workbook_abandon (ex->wb);
  ex->wb = NULL;
  return FALSE;
}

/* Writes with @write into a file beside @path, then moves it into place: a
 * failed or cancelled export leaves nothing. */
static gboolean
export_to (GwStore                *store,
           const char             *path,
           const GwExportOptions  *options,
           GwProgressFunc          progress,
           gpointer                user_data,
           GCancellable           *cancellable,
           gboolean              (*write) (Export *ex, const char *tmp, GError **error),
           GError                **error)
{
  g_autofree char *tmp = NULL;
  Export ex;
  Saved saved;
  gboolean ok;

  if (!export_init (&ex, store, path, options, progress, user_data, cancellable, error))
    return FALSE;
  if (check_cancelled (&ex, error) || (tmp = gw_file_temp_beside (path, error)) == NULL)
    return FALSE;
  if (!store_enter (&ex, &saved, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  ok = write (&ex, tmp, error);
  store_leave (&ex, &saved);
  export_clear (&ex);
  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (!gw_file_move_into_place (tmp, path, error))
    return FALSE;
  phase (&ex, 0, 1);
  report (&ex, 1, _("Done"));
  return TRUE;
}

gboolean
gw_export_xlsx (GwStore                *store,
                const char             *path,
                const GwExportOptions  *options,
                GwProgressFunc          progress,
                gpointer                user_data,
                GCancellable           *cancellable,
                GError                **error)
{
  g_return_val_if_fail (GW_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_to (store, path, options, progress, user_data, cancellable, write_workbook, error);
}

/* ---- CSV ------------------------------------------------------------------------------------- */

typedef struct {
  FILE    *out;
  GIConv   conv;         /* to GB18030, or (GIConv) -1 */
  GString *line;
} Csv;

static void
csv_field (GString    *line,
           const char *text)
{
  gsize len = strlen (text);
  gboolean quote = len > 0 && (strpbrk (text, ",\"\r\n") != NULL ||
                               g_ascii_isspace (text[0]) || g_ascii_isspace (text[len - 1]));

  if (!quote)
    {
      g_string_append_len (line, text, len);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static gboolean
csv_write_line (Export  *ex,
                Csv     *csv,
                GError **error)
{
  g_string_append (csv->line, "\r\n");
  if (csv->conv != (GIConv) -1)
    {
      g_autoptr(GError) local = NULL;
      gsize written = 0;
      g_autofree char *converted = g_convert_with_iconv (csv->line->str, csv->line->len,
                                                         csv->conv, NULL, &written, &local);
      if (converted == NULL)
        {
          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                       _("%s: cannot convert to GB18030: %s"), ex->path, local->message);
          return FALSE;
        }
      fwrite (converted, 1, written, csv->out);
    }
  else
    fwrite (csv->line->str, 1, csv->line->len, csv->out);
  g_string_truncate (csv->line, 0);
  if (ferror (csv->out))
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: cannot write: %s"),
                   ex->path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
csv_ledger_row (Export          *ex,
                const LedgerRow *row,
                gpointer         data,
                GError         **error)
{
  Csv *csv = data;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint c = 0; c < L_N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (csv->line, ',');
      switch (ledger_columns[c].type)
        {
        case COL_INT:
          if (row->has_num[c])
            g_string_append_printf (csv->line, "%.0f", row->num[c]);
          break;
        case COL_REAL:
          if (row->has_num[c])
            g_string_append (csv->line, g_ascii_formatd (buf, sizeof buf, "%.6f", row->num[c]));
          break;
        case COL_DATE:
        case COL_TEXT:
        default:
          if (row->text[c])
            csv_field (csv->line, row->text[c]);
          break;
        }
    }
  return csv_write_line (ex, csv, error);
}

static gboolean
write_csv (Export     *ex,
           const char *tmp,
           GError    **error)
{
  Csv csv = { NULL, (GIConv) -1, g_string_sized_new (1024) };
  gint64 total = 0;
  gboolean ok = FALSE;

  if (!ledger_count (ex, &total, error))
    goto out;
  if ((csv.out = g_fopen (tmp, "wb")) == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: cannot write: %s"),
                   ex->path, g_strerror (saved));
      goto out;
    }
  setvbuf (csv.out, NULL, _IOFBF, 1 << 16);
  if (ex->opts.encoding == GW_EXPORT_ENCODING_GB18030)
    {
      csv.conv = g_iconv_open ("GB18030", "UTF-8");
      if (csv.conv == (GIConv) -1)
        {
          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION,
                       _("%s: this system cannot convert to GB18030"), ex->path);
          goto out;
        }
    }
  else
    g_string_append (csv.line, "\xEF\xBB\xBF");

  for (guint c = 0; c < L_N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (csv.line, ',');
      csv_field (csv.line, ledger_columns[c].header);
    }
  if (!csv_write_line (ex, &csv, error))
    goto out;
  ok = ledger_each (ex, total, csv_ledger_row, &csv, error);

out:
  if (csv.out && fclose (csv.out) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: cannot write: %s"),
                   ex->path, g_strerror (saved));
      ok = FALSE;
    }
  if (csv.conv != (GIConv) -1)
    g_iconv_close (csv.conv);
  g_string_free (csv.line, TRUE);
  return ok;
}

gboolean
gw_export_csv (GwStore                *store,
               const char             *path,
               const GwExportOptions  *options,
               GwProgressFunc          progress,
               gpointer                user_data,
               GCancellable           *cancellable,
               GError                **error)
{
  g_return_val_if_fail (GW_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_to (store, path, options, progress, user_data, cancellable, write_csv, error);
}

char *
gw_export_default_filename (const char  *unit,
                            const GDate *date,
                            const char  *extension)
{
  g_autofree char *day = NULL;
  GDate today;

  if (date == NULL)
    {
      gw_date_today (&today);
      date = &today;
    }
  day = gw_date_to_string (date);
  return g_strdup_printf ("%s隐患整改进度表-%s.%s", unit && *unit ? unit : "", day,
                          extension ? extension : "xlsx");
}

GwExportSheets
gw_export_sheets_parse (const char *list)
{
  static const struct { const char *id; GwExportSheets flag; } names[] = {
    { "progress", GW_EXPORT_SHEET_PROGRESS }, { "ledger", GW_EXPORT_SHEET_LEDGER },
    { "cadence", GW_EXPORT_SHEET_CADENCE }, { "meeting", GW_EXPORT_SHEET_MEETING },
    { "进度表", GW_EXPORT_SHEET_PROGRESS }, { "台账", GW_EXPORT_SHEET_LEDGER },
    { "频次表", GW_EXPORT_SHEET_CADENCE }, { "例会通报", GW_EXPORT_SHEET_MEETING },
    { "all", GW_EXPORT_SHEETS_ALL },
  };
  g_auto(GStrv) parts = NULL;
  GwExportSheets sheets = 0;

  if (list == NULL)
    return 0;
  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *p = g_strstrip (parts[i]);
      guint k;

      if (*p == '\0')
        continue;
      for (k = 0; k < G_N_ELEMENTS (names); k++)
        if (g_ascii_strcasecmp (p, names[k].id) == 0)
          break;
      if (k == G_N_ELEMENTS (names))
        return 0;
      sheets |= names[k].flag;
    }
  return sheets;
}
