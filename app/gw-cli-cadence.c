/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gridwatch-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-cadence.h"
#include "gw-cli-private.h"
#include "gw-meeting.h"

int
gw_cli_check_record (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— record a ten-day analysis or a patrol"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *grid = NULL, *kind = NULL, *date = NULL, *by = NULL, *note = NULL;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Grid division code (9 or 12 digits)"), N_("CODE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("analysis or patrol"), N_("KIND") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day it was held"), N_("YYYY-MM-DD") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who recorded it (staff name or id)"), N_("NAME") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Minutes or route notes"), N_("TEXT") },
    { NULL }
  };
  GwCheckKind k;
  gint64 grid_id, by_id = 0, id;

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, date, "--date", &status))
    return status;
  if (grid == NULL || kind == NULL || date == NULL || by == NULL)
    return gw_cli_usage_error (ctx, _("--grid, --kind, --date and --by are required"));
  if (!gw_check_kind_parse (kind, &k))
    return gw_cli_usage_error (ctx, _("Unknown --kind; use analysis or patrol"));
  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if (!gw_cli_resolve_staff (store, by, &by_id, &status))
    return status;
  if ((grid_id = gw_store_grid_find (store, grid, &error)) == 0)
    return gw_cli_refuse (error);
  id = gw_store_check_add (store, grid_id, k, date, by_id, &by_id, 1,
                           k == GW_CHECK_PATROL ? note : NULL, k == GW_CHECK_ANALYSIS ? note : NULL,
                           &error);
  if (id == 0)
    return gw_cli_refuse (error);
  g_print (_("Recorded %s %lld for grid %s on %s\n"), gw_check_kind_label (k), (long long) id,
           grid, date);
  return GW_CLI_OK;
}

static void
cadence_json (const GwCadence *c,
              GPtrArray       *interviews)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  gw_cli_member_str (b, "from", c->from);
  gw_cli_member_str (b, "to", c->to);
  gw_cli_member_str (b, "as_of", c->as_of);
  json_builder_set_member_name (b, "dekads");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->dekads->len; i++)
    {
      g_autofree char *id = gw_dekad_to_id (g_array_index (c->dekads, GwDekad, i));
      json_builder_begin_object (b);
      gw_cli_member_str (b, "dekad", id);
      gw_cli_member_int (b, "done", c->done_per_dekad[i]);
      gw_cli_member_int (b, "counted", c->counted_per_dekad[i]);
      json_builder_set_member_name (b, "compliance");
      json_builder_add_double_value (b, gw_cadence_dekad_compliance (c, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "grids");
  json_builder_begin_array (b);
  for (guint r = 0; r < c->rows->len; r++)
    {
      GwCadenceRow *row = c->rows->pdata[r];
      json_builder_begin_object (b);
      gw_cli_member_str (b, "grid", row->grid_code);
      gw_cli_member_str (b, "name", row->grid_name);
      gw_cli_member_str (b, "county", row->county_name);
      json_builder_set_member_name (b, "status");
      json_builder_begin_array (b);
      for (guint i = 0; i < c->dekads->len; i++)
        json_builder_add_string_value (b, gw_cadence_status_to_id (row->cells[i]));
      json_builder_end_array (b);
      gw_cli_member_int (b, "done", row->done);
      gw_cli_member_int (b, "missed", row->missed);
      gw_cli_member_int (b, "extra_records", row->extra_records);
      json_builder_set_member_name (b, "compliance");
      json_builder_add_double_value (b, row->compliance);
      json_builder_set_member_name (b, "patrols_per_month");
      json_builder_begin_array (b);
      for (guint m = 0; m < c->n_months; m++)
        json_builder_add_int_value (b, row->patrols[m]);
      json_builder_end_array (b);
      gw_cli_member_int (b, "overdue", row->overdue);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "interviews");
  json_builder_begin_array (b);
  for (guint r = 0; r < interviews->len; r++)
    {
      GwCadenceRow *row = interviews->pdata[r];
      g_autofree char *end = gw_dekad_to_id (row->miss_run_end);
      json_builder_begin_object (b);
      gw_cli_member_str (b, "grid", row->grid_code);
      gw_cli_member_str (b, "name", row->grid_name);
      gw_cli_member_str (b, "county", row->county_name);
      gw_cli_member_str (b, "chief", row->chief_name);
      gw_cli_member_str (b, "phone", row->chief_phone);
      gw_cli_member_int (b, "consecutive_missed", row->longest_miss_run);
      gw_cli_member_str (b, "missed_until", row->longest_miss_run ? end : NULL);
      gw_cli_member_int (b, "overdue", row->overdue);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  gw_cli_print_json (b);
}

static void
cadence_text (const GwCadence *c,
              GPtrArray       *interviews)
{
  static const char marks[] = { '+', 'x', '.', ' ' };

  g_print (_("Ten-day analyses from %s to %s, as of %s (+ done, x missed, . due)\n"),
           c->from, c->to, c->as_of);
  for (guint r = 0; r < c->rows->len; r++)
    {
      GwCadenceRow *row = c->rows->pdata[r];
      g_autoptr(GString) cells = g_string_new (NULL);

      for (guint i = 0; i < c->dekads->len; i++)
        g_string_append_c (cells, marks[row->cells[i]]);
      g_print ("%s %s  %5.1f%%  %-12s %s\n", row->grid_code, cells->str, row->compliance * 100,
               row->county_name, row->grid_name);
    }
  g_print (_("Interview list (%u):\n"), interviews->len);
  for (guint r = 0; r < interviews->len; r++)
    {
      GwCadenceRow *row = interviews->pdata[r];
      g_print (_("  %s %s: %u dekads missed in a row, %lld overdue; chief %s %s\n"),
               row->county_name, row->grid_name, row->longest_miss_run, (long long) row->overdue,
               row->chief_name ? row->chief_name : "—", row->chief_phone ? row->chief_phone : "");
    }
}

int
gw_cli_cadence (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— the grid × dekad matrix and the interview list"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwCadence) c = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  g_autofree char *from = NULL, *to = NULL, *as_of = NULL;
  int status = GW_CLI_OK, misses = 2, overdue = 10;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day"), N_("YYYY-MM-DD") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_("As of this day (default today)"), N_("YYYY-MM-DD") },
    { "misses", 0, 0, G_OPTION_ARG_INT, &misses, N_("Consecutive missed dekads that put a grid on the interview list (default 2)"), "N" },
    { "overdue", 0, 0, G_OPTION_ARG_INT, &overdue, N_("Overdue hazards above which a grid is on the interview list (default 10; -1: off)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };
  GDate f, t, a;

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, from, "--from", &status) ||
      !gw_cli_parse_date_opt (ctx, to, "--to", &status) ||
      !gw_cli_parse_date_opt (ctx, as_of, "--as-of", &status))
    return status;
  if (from == NULL || to == NULL)
    return gw_cli_usage_error (ctx, _("--from and --to are required"));
  if (misses < 1)
    return gw_cli_usage_error (ctx, _("--misses must be at least 1"));
  gw_date_parse (from, &f);
  gw_date_parse (to, &t);
  if (as_of)
    gw_date_parse (as_of, &a);
  else
    gw_date_today (&a);
  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if ((c = gw_store_cadence (store, &f, &t, &a, &error)) == NULL)
    return gw_cli_refuse (error);
  interviews = gw_cadence_interviews (c, misses, overdue);
  if (opt_json)
    cadence_json (c, interviews);
  else
    cadence_text (c, interviews);
  return GW_CLI_OK;
}

static void
changes_json (JsonBuilder *b,
              const char  *name,
              GPtrArray   *list)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      GwChange *c = list->pdata[i];
      json_builder_begin_object (b);
      gw_cli_member_int (b, "id", c->hazard_id);
      gw_cli_member_str (b, "number", c->number);
      gw_cli_member_str (b, "title", c->title);
      gw_cli_member_str (b, "county", c->county_name);
      gw_cli_member_str (b, "grid", c->grid_name);
      gw_cli_member_str (b, "from", c->from_state);
      gw_cli_member_str (b, "to", c->to_state);
      gw_cli_member_str (b, "deadline", c->deadline);
      gw_cli_member_str (b, "responsible", c->responsible);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
changes_text (const char *title,
              GPtrArray  *list)
{
  g_print ("%s (%u)\n", title, list->len);
  for (guint i = 0; i < list->len; i++)
    {
      GwChange *c = list->pdata[i];
      g_print ("  %s  %s → %s  %s %s  %s\n", c->number, c->from_state ? c->from_state : "—",
               c->to_state ? c->to_state : "—", c->county_name, c->grid_name, c->title);
    }
}

static int
meeting_add (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— record a weekly meeting"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL, *note = NULL, *attendees = NULL;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day of the meeting"), N_("YYYY-MM-DD") },
    { "attendees", 0, 0, G_OPTION_ARG_STRING, &attendees, N_("Who attended"), N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), N_("TEXT") },
    { NULL }
  };
  gint64 id;

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, date, "--date", &status))
    return status;
  if (date == NULL)
    return gw_cli_usage_error (ctx, _("--date is required"));
  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if ((id = gw_store_meeting_add (store, date, attendees, note, &error)) == 0)
    return gw_cli_refuse (error);
  g_print (_("Recorded the meeting of %s (%lld)\n"), date, (long long) id);
  return GW_CLI_OK;
}

static int
meeting_diff (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— what changed between two meetings"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwMeetingDiff) diff = NULL;
  g_autofree char *since = NULL, *until = NULL;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("The earlier meeting's day"), N_("YYYY-MM-DD") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("The later meeting's day"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, since, "--since", &status) ||
      !gw_cli_parse_date_opt (ctx, until, "--until", &status))
    return status;
  if (since == NULL || until == NULL)
    return gw_cli_usage_error (ctx, _("--since and --until are required"));
  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if ((diff = gw_store_meeting_diff (store, since, until, &error)) == NULL)
    return gw_cli_refuse (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      gw_cli_member_str (b, "since", diff->since);
      gw_cli_member_str (b, "until", diff->until);
      changes_json (b, "added", diff->added);
      changes_json (b, "moved", diff->moved);
      changes_json (b, "downgraded", diff->downgraded);
      changes_json (b, "closed", diff->closed);
      changes_json (b, "overdue", diff->overdue);
      json_builder_end_object (b);
      gw_cli_print_json (b);
      return GW_CLI_OK;
    }
  g_print (_("From %s to %s\n"), since, until);
  changes_text (_("Added"), diff->added);
  changes_text (_("Moved"), diff->moved);
  changes_text (_("Downgraded"), diff->downgraded);
  changes_text (_("Closed"), diff->closed);
  changes_text (_("Became overdue"), diff->overdue);
  return GW_CLI_OK;
}

int
gw_cli_meeting (int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    {
      argv[1] = argv[0];
      return meeting_add (argc - 1, argv + 1);
    }
  if (argc >= 2 && strcmp (argv[1], "diff") == 0)
    {
      argv[1] = argv[0];
      return meeting_diff (argc - 1, argv + 1);
    }
  g_printerr (_("gridwatch-cli: “meeting” needs one of: add, diff\n"));
  return GW_CLI_USAGE;
}
