/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reading CSV as Chinese offices save it: RFC 4180 (quotes, doubled quotes,
 * line breaks inside quotes, CRLF or LF), UTF-8 with or without a byte-order
 * mark, or GB18030 (what Excel writes for "CSV (逗号分隔)"), and the dates such
 * sheets hold. Every message names the file (its label) and the line. */

#define GW_CSV_ERROR (gw_csv_error_quark ())

typedef enum {
  GW_CSV_ERROR_ENCODING,    /* neither UTF-8 nor GB18030, or not the one asked for */
  GW_CSV_ERROR_SYNTAX,      /* a quoted field that never closes */
  GW_CSV_ERROR_TOO_LARGE,   /* more fields or a longer field than any sheet has */
} GwCsvError;

typedef enum {
  GW_CSV_ENCODING_AUTO,     /* valid UTF-8 is UTF-8, anything else is tried as GB18030 */
  GW_CSV_ENCODING_UTF8,
  GW_CSV_ENCODING_GB18030,  /* also GBK and GB2312, which it contains */
} GwCsvEncoding;

GQuark      gw_csv_error_quark     (void);

/* "auto", "utf-8"/"utf8", "gb18030"/"gbk"/"gb2312" (any case). */
gboolean    gw_csv_encoding_parse  (const char *text, GwCsvEncoding *out);
/* "UTF-8", "GB18030" or "auto". */
const char *gw_csv_encoding_name   (GwCsvEncoding encoding);

/* Converts @data to UTF-8 without a byte-order mark. @used receives the
 * encoding that was read (never AUTO). On failure the message names @label,
 * the line of the first byte that fits neither encoding and what to do. */
char       *gw_csv_decode          (const char     *label,
                                    const char     *data,
                                    gsize           length,
                                    GwCsvEncoding   encoding,
                                    GwCsvEncoding  *used,
                                    gsize          *out_length,
                                    GError        **error);

/* One record (row) of the file. */
typedef struct {
  char  **fields;       /* NULL-terminated, UTF-8 */
  guint   n_fields;
  guint   line;         /* the line it starts on, 1-based */
  char   *problem;      /* a quoting problem the reader recovered from, or NULL */
} GwCsvRecord;

void        gw_csv_record_clear    (GwCsvRecord *record);
/* TRUE when every field is empty or blank. */
gboolean    gw_csv_record_is_blank (const GwCsvRecord *record);

typedef struct _GwCsvReader GwCsvReader;

/* Reads records from UTF-8 @text (not copied: it must outlive the reader). */
GwCsvReader *gw_csv_reader_new     (const char *label, const char *text, gsize length);
void         gw_csv_reader_free    (GwCsvReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwCsvReader, gw_csv_reader_free)
/* The next record into @record (cleared first). FALSE at the end of the text
 * (error unset) or on an error the reader cannot recover from. */
gboolean     gw_csv_reader_next    (GwCsvReader *reader, GwCsvRecord *record, GError **error);
/* How far the reader has come, 0 to 1. */
double       gw_csv_reader_fraction (GwCsvReader *reader);

/* A date as sheets hold it: 2026-11-23, 2026/11/23, 2026/1/5, 2026.11.23,
 * 2026年11月23日, 20261123, an Excel serial number (days since 1899-12-30,
 * 1–2958465) or any of these followed by a time of day; full-width digits and
 * separators and surrounding blanks are accepted. */
gboolean     gw_csv_parse_date     (const char *text, GDate *out);

/* Trims ASCII blanks, U+3000 and no-break spaces at both ends; a new string. */
char        *gw_csv_strip          (const char *text);

G_END_DECLS
