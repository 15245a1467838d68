/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-geometry"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gw-geometry.h"

static GwRing *
ring_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (GwPoint));
}

/* Keeps the part of @ring where a·p <= c (Sutherland–Hodgman against one half-plane). */
static GwRing *
clip_half_plane (const GwRing *ring,
                 double        ax,
                 double        ay,
                 double        c)
{
  GwRing *out = ring_new ();

  for (guint i = 0; i < ring->len; i++)
    {
      GwPoint p = g_array_index (ring, GwPoint, i);
      GwPoint q = g_array_index (ring, GwPoint, (i + 1) % ring->len);
      double dp = ax * p.x + ay * p.y - c;
      double dq = ax * q.x + ay * q.y - c;

      if (dp <= 0)
        g_array_append_val (out, p);
      if ((dp < 0 && dq > 0) || (dp > 0 && dq < 0))
        {
          double t = dp / (dp - dq);
          GwPoint x = { p.x + t * (q.x - p.x), p.y + t * (q.y - p.y) };
          g_array_append_val (out, x);
        }
    }
  return out;
}

GPtrArray *
gw_voronoi_cells (const GwPoint *sites,
                  guint          n_sites,
                  const GwRing  *bounds)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < n_sites; i++)
    {
      GwRing *cell = g_array_copy ((GArray *) bounds);
      GwPoint s = sites[i];

      for (guint j = 0; j < n_sites && cell->len > 0; j++)
        {
          GwPoint t = sites[j];
          GwRing *next;

          if (j == i)
            continue;
          /* Points closer to s than to t: (t - s)·p <= (|t|² - |s|²) / 2. */
          next = clip_half_plane (cell, t.x - s.x, t.y - s.y,
                                  (t.x * t.x + t.y * t.y - s.x * s.x - s.y * s.y) / 2);
          g_array_unref (cell);
          cell = next;
        }
      g_ptr_array_add (cells, cell);
    }
  return cells;
}

GwRing *
gw_ring_ellipse (GwPoint center,
                 double  rx,
                 double  ry,
                 guint   n)
{
  GwRing *ring = ring_new ();

  for (guint i = 0; i < n; i++)
    {
      double a = 2 * G_PI * i / n;
      GwPoint p = { center.x + rx * cos (a), center.y + ry * sin (a) };
      g_array_append_val (ring, p);
    }
  return ring;
}

gboolean
gw_ring_contains (const GwRing *ring,
                  GwPoint       p)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
    {
      GwPoint a = g_array_index (ring, GwPoint, i);
      GwPoint b = g_array_index (ring, GwPoint, j);

      if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
        inside = !inside;
    }
  return inside;
}

double
gw_ring_area (const GwRing *ring)
{
  double sum = 0;

  for (guint i = 0; i < ring->len; i++)
    {
      GwPoint a = g_array_index (ring, GwPoint, i);
      GwPoint b = g_array_index (ring, GwPoint, (i + 1) % ring->len);
      sum += a.x * b.y - b.x * a.y;
    }
  return sum / 2;
}

void
gw_ring_bounds (const GwRing *ring,
                GwPoint      *min,
                GwPoint      *max)
{
  *min = (GwPoint) { G_MAXDOUBLE, G_MAXDOUBLE };
  *max = (GwPoint) { -G_MAXDOUBLE, -G_MAXDOUBLE };
  for (guint i = 0; i < ring->len; i++)
    {
      GwPoint p = g_array_index (ring, GwPoint, i);
      min->x = MIN (min->x, p.x);
      min->y = MIN (min->y, p.y);
      max->x = MAX (max->x, p.x);
      max->y = MAX (max->y, p.y);
    }
}

GwPoint
gw_ring_centroid (const GwRing *ring)
{
  double a = gw_ring_area (ring), cx = 0, cy = 0;

  if (ring->len == 0)
    return (GwPoint) { 0, 0 };
  if (fabs (a) < 1e-12)
    return g_array_index (ring, GwPoint, 0);
  for (guint i = 0; i < ring->len; i++)
    {
      GwPoint p = g_array_index (ring, GwPoint, i);
      GwPoint q = g_array_index (ring, GwPoint, (i + 1) % ring->len);
      double f = p.x * q.y - q.x * p.y;
      cx += (p.x + q.x) * f;
      cy += (p.y + q.y) * f;
    }
  return (GwPoint) { cx / (6 * a), cy / (6 * a) };
}

char *
gw_ring_to_geojson (const GwRing *ring)
{
  GString *s = g_string_new ("{\"type\":\"Polygon\",\"coordinates\":[[");
  gboolean ccw = gw_ring_area (ring) > 0;
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint k = 0; k <= ring->len; k++)
    {
      guint i = k % ring->len;
      GwPoint p = g_array_index (ring, GwPoint, ccw ? i : (ring->len - i) % ring->len);

      g_ascii_formatd (x, sizeof x, "%.6f", p.x);
      g_ascii_formatd (y, sizeof y, "%.6f", p.y);
      g_string_append_printf (s, "%s[%s,%s]", k ? "," : "", x, y);
    }
  g_string_append (s, "]]}");
  return g_string_free (s, FALSE);
}

gboolean
gw_location_parse (const char *text,
                   double     *lat,
                   double     *lon)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  char *p;

  /* The Chinese comma is three bytes in UTF-8: they become ", " and a space. */
  while ((p = strstr (copy, "，")) != NULL)
    memcpy (p, ",  ", 3);
  parts = g_strsplit_set (copy, ", \t", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (numbers, parts[i]);
  if (numbers->len != 2)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      char *end;
      double v = g_ascii_strtod (numbers->pdata[i], &end);

      if (*end != '\0' || end == numbers->pdata[i])
        return FALSE;
      *(i == 0 ? lat : lon) = v;
    }
  return *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180;
}
