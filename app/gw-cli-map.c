/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gridwatch-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gw-cli-private.h"
#include "gw-geojson.h"

static int
import_grids (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("FILE.geojson — import township boundaries"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *crs = NULL, *code_property = NULL, *name_property = NULL;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs,
      N_("Coordinates of the file: wgs84 (default) or gcj02 (DataV, AMap)"), N_("CRS") },
    { "code-property", 0, 0, G_OPTION_ARG_STRING, &code_property,
      N_("Property holding the 9- or 12-digit division code (default: code, adcode, …)"), "P" },
    { "name-property", 0, 0, G_OPTION_ARG_STRING, &name_property,
      N_("Property holding the township name (default: name, …)"), "P" },
    { NULL }
  };
  GwGeojsonOptions options = { GW_CRS_WGS84, NULL, NULL };
  GwGeojsonSummary summary;

  g_option_context_set_summary (ctx, _("Sets the boundary of the grid of each feature, matched by "
                                       "division code; grids (and counties) that do not exist yet "
                                       "are created. Nothing is imported when any feature is "
                                       "refused."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return gw_cli_usage_error (ctx, error->message);
  if (opt_db == NULL)
    return gw_cli_usage_error (ctx, _("--db FILE is required"));
  if (argc < 2)
    return gw_cli_usage_error (ctx, _("Name the GeoJSON file to import"));
  if (argc > 2)
    {
      g_autofree char *msg = g_strdup_printf (_("Unexpected argument “%s”"), argv[2]);
      return gw_cli_usage_error (ctx, msg);
    }
  if (crs == NULL || g_ascii_strcasecmp (crs, "wgs84") == 0 || g_ascii_strcasecmp (crs, "wgs-84") == 0)
    options.crs = GW_CRS_WGS84;
  else if (g_ascii_strcasecmp (crs, "gcj02") == 0 || g_ascii_strcasecmp (crs, "gcj-02") == 0)
    options.crs = GW_CRS_GCJ02;
  else
    return gw_cli_usage_error (ctx, _("Unknown --crs; use wgs84 or gcj02"));
  options.code_property = code_property;
  options.name_property = name_property;

  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if (!gw_geojson_import_file (store, argv[1], &options, gw_cli_progress_cb, NULL, &summary,
                               &error))
    {
      gw_cli_progress_end ();
      g_printerr (_("gridwatch-cli: %s\nNothing was imported.\n"), error->message);
      return GW_CLI_REFUSED;
    }
  gw_cli_progress_end ();
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Imported %u boundary from %s: %u grids updated, %u created, %u new counties.\n",
                        "Imported %u boundaries from %s: %u grids updated, %u created, %u new counties.\n",
                        summary.features),
           summary.features, argv[1], summary.grids_updated, summary.grids_created,
           summary.counties_created);
  return GW_CLI_OK;
}

int
gw_cli_import (int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "grids") == 0)
    {
      argv[1] = argv[0];
      return import_grids (argc - 1, argv + 1);
    }
  /* staff, enterprises, hazards: CSV, in gw-cli-import.c (which names every kind
   * when the word is none of them). */
  return gw_cli_import_csv (argc, argv);
}
