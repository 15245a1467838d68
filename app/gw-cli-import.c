/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gridwatch-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gw-cli-private.h"
#include "gw-import.h"

/* import staff|enterprises|hazards, backup, restore. */

/* Positional arguments after GOption: exactly one file. */
static gboolean
one_file (GOptionContext *ctx,
          int             argc,
          char          **argv,
          const char     *what,
          int            *status)
{
  if (argc < 2)
    {
      *status = gw_cli_usage_error (ctx, what);
      return FALSE;
    }
  if (argc > 2)
    {
      g_autofree char *msg = g_strdup_printf (_("Unexpected argument “%s”"), argv[2]);
      *status = gw_cli_usage_error (ctx, msg);
      return FALSE;
    }
  return TRUE;
}

static const char *
noun (GwImportKind kind,
      guint        n)
{
  switch (kind)
    {
    case GW_IMPORT_STAFF:
      return g_dngettext (GETTEXT_PACKAGE, "staff member", "staff members", n);
    case GW_IMPORT_ENTERPRISES:
      return g_dngettext (GETTEXT_PACKAGE, "enterprise", "enterprises", n);
    case GW_IMPORT_HAZARDS:
    case GW_N_IMPORT_KINDS:
    default:
      return g_dngettext (GETTEXT_PACKAGE, "hazard", "hazards", n);
    }
}

/* gridwatch-cli import staff|enterprises|hazards: @argv[1] is the kind. */
int
gw_cli_import_csv (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autofree char *encoding = NULL, *mapping_path = NULL, *by = NULL;
  g_autofree char *summary = NULL;
  gboolean dry_run = FALSE;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("utf-8, gb18030 or auto (default: auto)"), N_("ENCODING") },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping_path,
      N_("JSON file mapping CSV headers to fields: {\"header\": \"field\"}"), N_("FILE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      N_("Who imports (staff name or id; hazards only, checked against their role)"),
      N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and write nothing"), NULL },
    { NULL }
  };
  GwImportOptions options = { 0 };
  GwImportResult result = { 0 };
  gint64 actor = 0;

  if (argc < 2 || !gw_import_kind_parse (argv[1], &options.kind))
    {
      g_printerr (_("gridwatch-cli: “import” needs one of: grids, staff, enterprises, hazards\n"));
      return GW_CLI_USAGE;
    }
  summary = g_strdup_printf (_("— import %s from CSV (UTF-8 or GB18030, as Excel saves it)"),
                             gw_import_kind_to_id (options.kind));
  argv[1] = argv[0];
  argc--, argv++;

  ctx = g_option_context_new (summary);
  g_option_context_set_summary (ctx, _("Columns are recognised by their Chinese or English "
                                       "headers; --mapping names the others. Every row is "
                                       "checked first: when any row is bad, the file is refused "
                                       "with the line and column of each problem and nothing is "
                                       "imported."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return gw_cli_usage_error (ctx, error->message);
  if (opt_db == NULL)
    return gw_cli_usage_error (ctx, _("--db FILE is required"));
  if (!one_file (ctx, argc, argv, _("Name the CSV file to import"), &status))
    return status;
  options.encoding = GW_CSV_ENCODING_AUTO;
  if (encoding && !gw_csv_encoding_parse (encoding, &options.encoding))
    return gw_cli_usage_error (ctx, _("Unknown --encoding; use utf-8, gb18030 or auto"));
  if (by && options.kind != GW_IMPORT_HAZARDS)
    return gw_cli_usage_error (ctx, _("--by is for hazard imports"));
  if (mapping_path &&
      (mapping = gw_import_mapping_load (mapping_path, options.kind, &error)) == NULL)
    return gw_cli_refuse (error);

  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if (!gw_cli_resolve_staff (store, by, &actor, &status))
    return status;
  options.mapping = mapping;
  options.actor_id = actor;
  options.dry_run = dry_run;

  if (!gw_import_csv_file (store, argv[1], &options, gw_cli_progress_cb, NULL, NULL, &result, &error))
    {
      gw_cli_progress_end ();
      g_printerr ("gridwatch-cli: %s\n", error->message);
      gw_import_result_clear (&result);
      return GW_CLI_REFUSED;
    }
  gw_cli_progress_end ();

  if (dry_run)
    g_print (_("%s is clean: %u %s would be imported (%s, header on line %u); nothing was "
               "written.\n"), argv[1], result.rows, noun (options.kind, result.rows),
             gw_csv_encoding_name (result.encoding), result.header_line);
  else
    g_print (_("Imported %u %s from %s (%s, header on line %u).\n"), result.imported,
             noun (options.kind, result.imported), argv[1],
             gw_csv_encoding_name (result.encoding), result.header_line);
  if (result.campaigns_created > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u new campaign was added.\n",
                          "%u new campaigns were added.\n", result.campaigns_created),
             result.campaigns_created);
  if (result.ignored_columns->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < result.ignored_columns->len; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "",
                                (char *) result.ignored_columns->pdata[i]);
      g_print (_("Columns not imported (use --mapping to import them): %s\n"), list->str);
    }
  gw_import_result_clear (&result);
  return GW_CLI_OK;
}

/* ---- backup, restore ------------------------------------------------------------- */

int
gw_cli_backup (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— copy the database while it is in use"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *out = NULL;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The backup to write (a new file)"),
      N_("BACKUP") },
    { NULL }
  };

  g_option_context_set_summary (ctx, _("Copies the database with SQLite's online backup, so "
                                       "the program may keep working meanwhile, and checks the "
                                       "copy (integrity and the event chain) before keeping "
                                       "it."));
  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status))
    return status;
  if (out == NULL)
    return gw_cli_usage_error (ctx, _("--out BACKUP is required"));
  if ((store = gw_cli_open_store (GW_STORE_OPEN_READONLY, &status)) == NULL)
    return status;
  if (!gw_backup_create (store, out, report, &error))
    return gw_cli_refuse (error);
  g_print ("%s", report->str);
  g_print (_("Backed up %s to %s; the copy passes the check.\n"), opt_db, out);
  return GW_CLI_OK;
}

int
gw_cli_restore (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— replace the database by a backup"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *from = NULL, *kept = NULL;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file (replaced)"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("The backup to restore"), N_("BACKUP") },
    { NULL }
  };

  g_option_context_set_summary (ctx, _("The backup must pass the check (integrity and the event "
                                       "chain) or nothing happens. The database it replaces is "
                                       "kept beside it as FILE.before-restore. Close Gridwatch "
                                       "first."));
  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status))
    return status;
  if (from == NULL)
    return gw_cli_usage_error (ctx, _("--from BACKUP is required"));
  if (!gw_backup_restore (opt_db, from, &kept, report, &error))
    return gw_cli_refuse (error);
  g_print ("%s", report->str);
  if (kept)
    g_print (_("Restored %s from %s; the database it replaced is kept as %s.\n"), opt_db, from,
             kept);
  else
    g_print (_("Restored %s from %s.\n"), opt_db, from);
  return GW_CLI_OK;
}
