/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A dekad 旬: days 1–10 (上旬), 11–20 (中旬) and 21 to the end of the month (下旬). */
typedef struct {
  guint16 year;
  guint8  month;   /* 1–12 */
  guint8  part;    /* 0, 1, 2 */
} GwDekad;

GwDekad  gw_dekad_of          (const GDate *date);
void     gw_dekad_first_day   (GwDekad dekad, GDate *out);
void     gw_dekad_last_day    (GwDekad dekad, GDate *out);
GwDekad  gw_dekad_next        (GwDekad dekad);
GwDekad  gw_dekad_prev        (GwDekad dekad);
int      gw_dekad_compare     (GwDekad a, GwDekad b);
/* A serial number, consecutive across months and years: 36 per year. */
int      gw_dekad_serial      (GwDekad dekad);
/* "2026-11-2" style identifier: year, month, part 1–3. */
char    *gw_dekad_to_id       (GwDekad dekad);
gboolean gw_dekad_parse_id    (const char *id, GwDekad *out);
/* Translated, e.g. "Nov 2026, 2nd dekad" / "2026年11月中旬". */
char    *gw_dekad_to_label    (GwDekad dekad);
/* Every dekad that overlaps [from, to], in order. */
GArray  *gw_dekads_in_range   (const GDate *from, const GDate *to);
/* The last dekad that ended before @date. */
GwDekad  gw_dekad_last_complete (const GDate *date);

/* Dates as the store keeps them: "YYYY-MM-DD". */
gboolean gw_date_parse        (const char *text, GDate *out);
char    *gw_date_to_string    (const GDate *date);
void     gw_date_today        (GDate *out);
/* Today as "YYYY-MM-DD" (GRIDWATCH_TODAY pins it, as gw_date_today). */
char    *gw_date_today_string (void);
/* Whether @text is a whole date "YYYY-MM-DD" that exists. */
gboolean gw_date_text_valid   (const char *text);

G_END_DECLS
