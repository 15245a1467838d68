/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gridwatch-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "gw-cli-private.h"
#include "gw-export.h"

/* Ctrl-C cancels the export, so that the temporary file is removed. */
static volatile sig_atomic_t interrupted;

static void
interrupt_handler (int signum)
{
  interrupted = 1;
}

typedef struct {
  GCancellable *cancellable;
} Progress;

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  Progress *p = user_data;

  if (interrupted)
    g_cancellable_cancel (p->cancellable);
  gw_cli_progress_cb (fraction, what, NULL);
}

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

/* "reported" or "reported,rectifying" to a mask; 0 if a name is unknown. */
static guint
parse_states (const char *list)
{
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);
  guint mask = 0;

  for (guint i = 0; parts[i]; i++)
    {
      GwState s;

      if (!gw_state_parse (g_strstrip (parts[i]), &s))
        return 0;
      mask |= 1u << s;
    }
  return mask;
}

int
gw_cli_export (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— write progress sheets and the ledger as Excel or CSV"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out = NULL, *sheets = NULL, *date = NULL, *grid = NULL, *state = NULL;
  g_autofree char *encoding = NULL, *unit = NULL;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("File to write: .xlsx for the workbook, .csv for the ledger"), N_("FILE") },
    { "sheets", 0, 0, G_OPTION_ARG_STRING, &sheets, N_("Sheets of the workbook (default all): progress, ledger, cadence, meeting"), N_("LIST") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("As of this date (default today)"), N_("YYYY-MM-DD") },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Only this grid's hazards in the ledger"), N_("CODE") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("Only hazards in these states in the ledger (comma-separated)"), N_("STATE") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("CSV encoding: utf-8 (with a byte-order mark, default) or gb18030"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Reporting unit (填报单位)"), N_("NAME") },
    { NULL }
  };
  GwExportOptions options = { 0 };
  GwFilter filter = { 0 };
  Progress progress = { cancellable };
  struct sigaction action = { 0 }, previous;
  gboolean csv, ok;
  gint64 n = 0;
  GDate d;

  g_option_context_set_description (ctx, _("The ledger follows --grid and --state; the other sheets cover every grid.\n"
                                            "The file appears only when the export succeeds."));
  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, date, "--date", &status))
    return status;
  if (out == NULL)
    return gw_cli_usage_error (ctx, _("--out FILE is required"));
  csv = has_suffix (out, ".csv");
  if (!csv && !has_suffix (out, ".xlsx"))
    return gw_cli_usage_error (ctx, _("--out must end in .xlsx or .csv"));
  if (csv && sheets)
    return gw_cli_usage_error (ctx, _("--sheets applies to .xlsx; a CSV file holds the ledger"));
  if (!csv && encoding)
    return gw_cli_usage_error (ctx, _("--encoding applies to .csv"));
  if (sheets && (options.sheets = gw_export_sheets_parse (sheets)) == 0)
    return gw_cli_usage_error (ctx, _("Unknown --sheets; use progress, ledger, cadence and meeting, comma-separated"));
  if (encoding)
    {
      if (g_ascii_strcasecmp (encoding, "gb18030") == 0)
        options.encoding = GW_EXPORT_ENCODING_GB18030;
      else if (g_ascii_strcasecmp (encoding, "utf-8") == 0 || g_ascii_strcasecmp (encoding, "utf8") == 0)
        options.encoding = GW_EXPORT_ENCODING_UTF8;
      else
        return gw_cli_usage_error (ctx, _("Unknown --encoding; use utf-8 or gb18030"));
    }
  if (state && (filter.states = parse_states (state)) == 0)
    return gw_cli_usage_error (ctx, _("Unknown --state; use reported, rectifying, verifying, downgraded or closed"));

  if ((store = gw_cli_open_store (GW_STORE_OPEN_READONLY, &status)) == NULL)
    return status;
  /* A one-shot process: the export's small page cache also serves the count below. */
  gw_store_exec (store, "PRAGMA cache_size = -4096", NULL);
  if (grid && (filter.grid_id = gw_store_grid_find (store, grid, &error)) == 0)
    return gw_cli_refuse (error);
  if (date)
    gw_date_parse (date, &d);
  else
    gw_date_today (&d);
  options.date = &d;
  options.unit = unit;
  options.filter = &filter;

  action.sa_handler = interrupt_handler;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, &previous);
  interrupted = 0;
  if (csv)
    ok = gw_export_csv (store, out, &options, progress_cb, &progress, cancellable, &error);
  else
    ok = gw_export_xlsx (store, out, &options, progress_cb, &progress, cancellable, &error);
  sigaction (SIGINT, &previous, NULL);
  gw_cli_progress_end ();
  if (!ok)
    return gw_cli_refuse (error);

  if (!csv && options.sheets != 0 && !(options.sheets & GW_EXPORT_SHEET_LEDGER))
    {
      g_print (_("Wrote %s\n"), out);
      return GW_CLI_OK;
    }
  filter.today = date;
  if (!gw_store_hazard_count (store, &filter, &n, NULL, &error))
    return gw_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%lld hazard in the ledger)\n",
                        "Wrote %s (%lld hazards in the ledger)\n", n), out, (long long) n);
  return GW_CLI_OK;
}
