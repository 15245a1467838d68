/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-dekad"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "gw-dekad.h"

GwDekad
gw_dekad_of (const GDate *date)
{
  GwDekad d;
  guint day;

  g_return_val_if_fail (g_date_valid (date), (GwDekad) { 0 });

  day = g_date_get_day (date);
  d.year = g_date_get_year (date);
  d.month = g_date_get_month (date);
  d.part = day <= 10 ? 0 : day <= 20 ? 1 : 2;
  return d;
}

void
gw_dekad_first_day (GwDekad dekad,
                    GDate  *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, 1 + 10 * dekad.part, dekad.month, dekad.year);
}

void
gw_dekad_last_day (GwDekad dekad,
                   GDate  *out)
{
  guint8 last;

  if (dekad.part < 2)
    last = 10 * (dekad.part + 1);
  else
    last = g_date_get_days_in_month (dekad.month, dekad.year);
  g_date_clear (out, 1);
  g_date_set_dmy (out, last, dekad.month, dekad.year);
}

int
gw_dekad_serial (GwDekad dekad)
{
  return dekad.year * 36 + (dekad.month - 1) * 3 + dekad.part;
}

static GwDekad
dekad_from_serial (int serial)
{
  GwDekad d;

  d.year = serial / 36;
  d.month = (serial % 36) / 3 + 1;
  d.part = serial % 3;
  return d;
}

GwDekad
gw_dekad_next (GwDekad dekad)
{
  return dekad_from_serial (gw_dekad_serial (dekad) + 1);
}

GwDekad
gw_dekad_prev (GwDekad dekad)
{
  return dekad_from_serial (gw_dekad_serial (dekad) - 1);
}

int
gw_dekad_compare (GwDekad a,
                  GwDekad b)
{
  int sa = gw_dekad_serial (a), sb = gw_dekad_serial (b);

  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

char *
gw_dekad_to_id (GwDekad dekad)
{
  return g_strdup_printf ("%04u-%02u-%u", dekad.year, dekad.month, dekad.part + 1);
}

gboolean
gw_dekad_parse_id (const char *id,
                   GwDekad    *out)
{
  unsigned y, m, p;
  char tail;

  if (id == NULL || sscanf (id, "%4u-%2u-%1u%c", &y, &m, &p, &tail) != 3)
    return FALSE;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || p < 1 || p > 3)
    return FALSE;
  out->year = y;
  out->month = m;
  out->part = p - 1;
  return TRUE;
}

char *
gw_dekad_to_label (GwDekad dekad)
{
  static const char *parts[] = {
    /* Translators: the first dekad (days 1–10) of a month: %1$u year, %2$u month */
    N_("%u-%02u, 1st dekad"),
    /* Translators: the second dekad (days 11–20) of a month */
    N_("%u-%02u, 2nd dekad"),
    /* Translators: the last dekad (day 21 to the end) of a month */
    N_("%u-%02u, 3rd dekad"),
  };

  return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, parts[dekad.part]),
                          (guint) dekad.year, (guint) dekad.month);
}

GArray *
gw_dekads_in_range (const GDate *from,
                    const GDate *to)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (GwDekad));
  int first, last;

  g_return_val_if_fail (g_date_valid (from) && g_date_valid (to), out);

  first = gw_dekad_serial (gw_dekad_of (from));
  last = gw_dekad_serial (gw_dekad_of (to));
  for (int s = first; s <= last; s++)
    {
      GwDekad d = dekad_from_serial (s);
      g_array_append_val (out, d);
    }
  return out;
}

GwDekad
gw_dekad_last_complete (const GDate *date)
{
  return gw_dekad_prev (gw_dekad_of (date));
}

gboolean
gw_date_parse (const char *text,
               GDate      *out)
{
  unsigned y, m, d;
  char tail;

  g_date_clear (out, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (strlen (text) != 10 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

char *
gw_date_to_string (const GDate *date)
{
  g_return_val_if_fail (g_date_valid (date), NULL);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

void
gw_date_today (GDate *out)
{
  const char *fixed = g_getenv ("GRIDWATCH_TODAY");

  /* Tests and demos can pin "today" so that overdue figures are reproducible. */
  if (fixed && gw_date_parse (fixed, out))
    return;
  g_date_clear (out, 1);
  g_date_set_time_t (out, time (NULL));
}

char *
gw_date_today_string (void)
{
  GDate today;

  gw_date_today (&today);
  return gw_date_to_string (&today);
}

gboolean
gw_date_text_valid (const char *text)
{
  GDate date;

  return text != NULL && strlen (text) == 10 && gw_date_parse (text, &date);
}
