/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the GeoJSON boundary importer (gw-geojson.c). Each input is
 * imported into a small database inside a transaction that is rolled back, and
 * parsed as a stored boundary; what parses is measured and written back out. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gw-geojson.h"
#include "gw-store.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GwStore *store;
static char *dir;

static void
cleanup (void)
{
  g_autofree char *cmd = NULL;

  g_clear_object (&store);
  if (dir)
    {
      cmd = g_strdup_printf ("rm -rf '%s'", dir);
      if (system (cmd) != 0)
        g_printerr ("fuzz-geojson: could not remove %s\n", dir);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 zh;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  dir = g_dir_make_tmp ("gw-fuzz-geojson-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "gw.db", NULL);
  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  zh = gw_store_county_ensure (store, "430405", "珠晖区", &error);
  gw_store_grid_add (store, "430405001000", "东风街道", zh, NULL, &error);
  g_assert_no_error (error);
  atexit (cleanup);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  GwGeojsonOptions options = { GW_CRS_WGS84, NULL, NULL };

  if (size < 1 || size > 262144)
    return 0;
  /* The last byte picks the coordinate system and stays part of the input. */
  options.crs = (data[size - 1] & 1) ? GW_CRS_GCJ02 : GW_CRS_WGS84;

  {
    g_autoptr(GError) error = NULL;
    GwGeojsonSummary summary = { 0 };
    gboolean ok;

    if (!gw_store_begin (store, &error))
      __builtin_trap ();
    ok = gw_geojson_import_data (store, "fuzz.geojson", (const char *) data, size,
                                 &options, NULL, NULL, &summary, &error);
    if (ok == (error != NULL))
      __builtin_trap ();
    /* Whatever happened, nothing stays. */
    gw_store_rollback (store);
  }

  text = g_strndup ((const char *) data, size);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GwShape) shape = gw_shape_parse (text, &error);

    if (shape == NULL)
      {
        if (error == NULL)
          __builtin_trap ();
      }
    else
      {
        g_autofree char *out = NULL;
        GwPoint label = gw_shape_label_point (shape);

        (void) gw_shape_contains (shape, label);
        out = gw_shape_to_geojson (shape);
        if (out == NULL)
          __builtin_trap ();
        /* What it writes, it reads back. */
        {
          g_autoptr(GwShape) again = gw_shape_parse (out, NULL);
          if (again == NULL)
            __builtin_trap ();
        }
      }
  }
  return 0;
}
