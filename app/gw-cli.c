/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gridwatch-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gw-cli-private.h"
#include "gw-demo.h"
#include "gw-query.h"
#include "gw-stats.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct {
  const char  *name;
  CommandFunc  func;
} Command;

/* Options shared by every command. */
char *opt_db;
gboolean opt_json;

int
gw_cli_refuse (GError *error)
{
  g_printerr ("gridwatch-cli: %s\n", error->message);
  return GW_CLI_REFUSED;
}

int
gw_cli_usage_error (GOptionContext *ctx,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);

  g_printerr ("gridwatch-cli: %s\n\n%s", message, help);
  return GW_CLI_USAGE;
}

gboolean
gw_cli_parse (GOptionContext *ctx,
       GOptionEntry   *entries,
       int            *argc,
       char         ***argv,
       int            *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      *status = gw_cli_usage_error (ctx, error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_autofree char *msg = g_strdup_printf (_("Unexpected argument “%s”"), (*argv)[1]);
      *status = gw_cli_usage_error (ctx, msg);
      return FALSE;
    }
  if (opt_db == NULL)
    {
      *status = gw_cli_usage_error (ctx, _("--db FILE is required"));
      return FALSE;
    }
  return TRUE;
}

GwStore *
gw_cli_open_store (GwStoreOpenFlags   flags,
            int               *status)
{
  g_autoptr(GError) error = NULL;
  GwStore *store = gw_store_open (opt_db, flags, &error);

  if (store == NULL)
    *status = gw_cli_refuse (error);
  return store;
}

void
gw_cli_print_json (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

void
gw_cli_member_str (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value && *value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
gw_cli_member_int (JsonBuilder *b,
            const char  *name,
            gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

gboolean
gw_cli_parse_date_opt (GOptionContext *ctx,
                const char     *value,
                const char     *option,
                int            *status)
{
  GDate d;

  if (value == NULL || gw_date_parse (value, &d))
    return TRUE;
  {
    g_autofree char *msg = g_strdup_printf (_("%s: “%s” is not a date (YYYY-MM-DD)"), option, value);
    *status = gw_cli_usage_error (ctx, msg);
  }
  return FALSE;
}

/* ---- demo -------------------------------------------------------------------- */

/* Long work shows its progress on one line of a terminal (nothing otherwise). */
void
gw_cli_progress_cb (double      fraction,
                    const char *what,
                    gpointer    user_data)
{
  if (isatty (fileno (stderr)))
    g_printerr ("\r%3.0f%% %s\033[K", fraction * 100, what);
}

void
gw_cli_progress_end (void)
{
  if (isatty (fileno (stderr)))
    g_printerr ("\r\033[K");
}

static int
cmd_demo (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— create the demo city"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  int hazards = 3000, seed = 1, grids = 0, status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file (created)"), N_("FILE") },
    { "hazards", 0, 0, G_OPTION_ARG_INT, &hazards, N_("Number of hazards (default 3000)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (default 1)"), "N" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("The demo's today"), N_("YYYY-MM-DD") },
    { "grids", 0, 0, G_OPTION_ARG_INT, &grids, N_("At least this many grids (benchmarks)"), "N" },
    { NULL }
  };
  GwDemoOptions opts = { 0 };

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, today, "--today", &status))
    return status;
  if (grids > 5000)
    return gw_cli_usage_error (ctx, _("--grids can be at most 5000"));
  if (hazards < 0 || seed <= 0 || grids < 0)
    return gw_cli_usage_error (ctx, _("--hazards and --grids must not be negative and --seed must be positive"));
  if (g_file_test (opt_db, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("gridwatch-cli: %s already exists; the demo city is made in a new file\n"),
                  opt_db);
      return GW_CLI_REFUSED;
    }

  if ((store = gw_cli_open_store (GW_STORE_OPEN_CREATE, &status)) == NULL)
    return status;
  opts.n_hazards = hazards;
  opts.seed = seed;
  opts.today = today;
  opts.n_grids = grids;
  if (hazards == 0)
    opts.n_hazards = 0;
  if (!gw_demo_generate (store, &opts, gw_cli_progress_cb, NULL, NULL, &error))
    return gw_cli_refuse (error);
  gw_cli_progress_end ();
  g_print (_("Created the demo city in %s (%d hazards, seed %d). Its township boundaries are synthetic.\n"),
           opt_db, hazards, seed);
  return GW_CLI_OK;
}

/* ---- stats ------------------------------------------------------------------- */

static void
stats_json (const GwStats *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *dekad = gw_dekad_to_id (s->cadence_dekad);

  json_builder_begin_object (b);
  gw_cli_member_str (b, "date", s->date);
  gw_cli_member_int (b, "grids", s->grids);
  gw_cli_member_int (b, "hazards", s->hazards);
  json_builder_set_member_name (b, "by_state");
  json_builder_begin_object (b);
  for (guint i = 0; i < GW_N_STATES; i++)
    gw_cli_member_int (b, gw_state_to_id (i), s->by_state[i]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "by_level");
  json_builder_begin_object (b);
  for (guint i = 0; i < GW_N_LEVELS; i++)
    gw_cli_member_int (b, i ? gw_level_to_id (i) : "none", s->by_level[i]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "by_urgency");
  json_builder_begin_object (b);
  for (guint i = 0; i < GW_N_URGENCIES; i++)
    gw_cli_member_int (b, i ? gw_urgency_to_id (i) : "none", s->by_urgency[i]);
  json_builder_end_object (b);
  gw_cli_member_int (b, "overdue", s->overdue);
  gw_cli_member_int (b, "verification_overdue", s->verification_overdue);
  json_builder_set_member_name (b, "completion_rate");
  json_builder_add_double_value (b, s->completion_rate);
  gw_cli_member_int (b, "new_7d", s->new_7d);
  gw_cli_member_int (b, "closed_7d", s->closed_7d);
  json_builder_set_member_name (b, "cadence");
  json_builder_begin_object (b);
  gw_cli_member_str (b, "dekad", dekad);
  gw_cli_member_int (b, "done", s->cadence_done);
  gw_cli_member_int (b, "missed", s->cadence_missed);
  json_builder_end_object (b);
  json_builder_end_object (b);
  gw_cli_print_json (b);
}

static void
stats_text (const GwStats *s)
{
  g_autofree char *dekad = gw_dekad_to_label (s->cadence_dekad);

  g_print (_("As of %s\n"), s->date);
  g_print ("  %-28s %" G_GINT64_FORMAT "\n", _("Grids"), s->grids);
  g_print ("  %-28s %" G_GINT64_FORMAT "\n", _("Hazards"), s->hazards);
  for (guint i = 0; i < GW_N_STATES; i++)
    g_print ("    %-26s %" G_GINT64_FORMAT "\n", gw_state_label (i), s->by_state[i]);
  for (guint i = 0; i < GW_N_LEVELS; i++)
    g_print ("    %-26s %" G_GINT64_FORMAT "\n", gw_level_label (i), s->by_level[i]);
  g_print ("  %-28s %" G_GINT64_FORMAT "\n", _("Overdue"), s->overdue);
  g_print ("  %-28s %" G_GINT64_FORMAT "\n", _("Verification overdue"), s->verification_overdue);
  g_print ("  %-28s %.1f%%\n", _("Completion rate"), s->completion_rate * 100);
  g_print ("  %-28s %" G_GINT64_FORMAT "\n", _("New in the last 7 days"), s->new_7d);
  g_print ("  %-28s %" G_GINT64_FORMAT "\n", _("Closed in the last 7 days"), s->closed_7d);
  g_print (_("  Ten-day analysis, %s: %lld of %lld grids done, %lld missed\n"), dekad,
           (long long) s->cadence_done, (long long) s->grids, (long long) s->cadence_missed);
}

static int
cmd_stats (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— key figures as of a date"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("As of this date (default today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };
  GwStats stats;
  GDate d;

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, date, "--date", &status))
    return status;
  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if (date)
    gw_date_parse (date, &d);
  else
    gw_date_today (&d);
  if (!gw_store_stats (store, &d, &stats, &error))
    return gw_cli_refuse (error);
  if (opt_json)
    stats_json (&stats);
  else
    stats_text (&stats);
  return GW_CLI_OK;
}

/* ---- hazard ------------------------------------------------------------------ */

gboolean
gw_cli_resolve_staff (GwStore    *store,
               const char *name,
               gint64     *out,
               int        *status)
{
  g_autoptr(GError) error = NULL;

  if (name == NULL)
    return TRUE;
  *out = gw_store_staff_find (store, name, &error);
  if (*out == 0)
    {
      *status = gw_cli_refuse (error);
      return FALSE;
    }
  return TRUE;
}

static void
hazard_json (JsonBuilder    *b,
             const GwHazard *h)
{
  json_builder_begin_object (b);
  gw_cli_member_int (b, "id", h->id);
  gw_cli_member_str (b, "number", h->number);
  gw_cli_member_str (b, "title", h->title);
  gw_cli_member_str (b, "description", h->description);
  gw_cli_member_str (b, "county", h->county_name);
  gw_cli_member_str (b, "grid", h->grid_code);
  gw_cli_member_str (b, "grid_name", h->grid_name);
  gw_cli_member_str (b, "enterprise", h->enterprise_name);
  json_builder_set_member_name (b, "location");
  if (h->has_location)
    {
      json_builder_begin_array (b);
      json_builder_add_double_value (b, h->lat);
      json_builder_add_double_value (b, h->lon);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  gw_cli_member_str (b, "found_date", h->found_date);
  gw_cli_member_str (b, "found_by", h->found_by_name);
  gw_cli_member_str (b, "source", gw_source_to_id (h->source));
  gw_cli_member_str (b, "field", gw_field_to_id (h->field));
  gw_cli_member_str (b, "urgency", gw_urgency_to_id (h->urgency));
  gw_cli_member_str (b, "level", gw_level_to_id (h->level));
  gw_cli_member_str (b, "measure", gw_measure_to_id (h->measure));
  gw_cli_member_str (b, "responsible_unit", h->responsible_unit);
  gw_cli_member_str (b, "responsible", h->responsible_name);
  gw_cli_member_str (b, "deadline", h->deadline);
  gw_cli_member_str (b, "state", gw_state_to_id (h->state));
  gw_cli_member_str (b, "campaign", h->campaign_name);
  gw_cli_member_str (b, "closed_date", h->closed_date);
  json_builder_end_object (b);
}

static int
hazard_add (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— record a new hazard"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *grid = NULL, *title = NULL, *field = NULL, *source = NULL, *by = NULL;
  g_autofree char *desc = NULL, *date = NULL;
  double lat = G_MAXDOUBLE, lon = G_MAXDOUBLE;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Grid division code (9 or 12 digits)"), N_("CODE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title"), N_("TEXT") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &desc, N_("Description"), N_("TEXT") },
    { "field", 0, 0, G_OPTION_ARG_STRING, &field, N_("air, water, soil, solid-waste, noise, radiation, other"), "F" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("patrol, analysis, complaint, inspection, monitoring, report"), "S" },
    { "lat", 0, 0, G_OPTION_ARG_DOUBLE, &lat, N_("Latitude (WGS-84)"), "X" },
    { "lon", 0, 0, G_OPTION_ARG_DOUBLE, &lon, N_("Longitude (WGS-84)"), "Y" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day found (default today)"), N_("YYYY-MM-DD") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who found it (staff name or id)"), N_("NAME") },
    { NULL }
  };
  GwHazardNew n = { 0 };
  gint64 id;

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, date, "--date", &status))
    return status;
  if (grid == NULL || title == NULL)
    return gw_cli_usage_error (ctx, _("--grid and --title are required"));
  if (field && !gw_field_parse (field, &n.field))
    return gw_cli_usage_error (ctx, _("Unknown --field; use air, water, soil, solid-waste, noise, radiation or other"));
  n.field = field ? n.field : GW_FIELD_OTHER;
  if (source && !gw_source_parse (source, &n.source))
    return gw_cli_usage_error (ctx, _("Unknown --source; use patrol, analysis, complaint, inspection, monitoring or report"));
  if ((lat == G_MAXDOUBLE) != (lon == G_MAXDOUBLE))
    return gw_cli_usage_error (ctx, _("--lat and --lon go together"));

  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if (!gw_cli_resolve_staff (store, by, &n.found_by, &status))
    return status;
  n.grid_id = gw_store_grid_find (store, grid, &error);
  if (n.grid_id == 0)
    return gw_cli_refuse (error);
  n.title = title;
  n.description = desc;
  n.found_date = date;
  n.has_location = lat != G_MAXDOUBLE;
  n.lat = lat;
  n.lon = lon;
  id = gw_store_hazard_add (store, &n, n.found_by, &error);
  if (id == 0)
    return gw_cli_refuse (error);
  {
    g_autoptr(GwHazard) h = gw_store_hazard_get (store, id, NULL);
    g_print (_("Added hazard %lld: %s\n"), (long long) id, h ? h->number : "");
  }
  return GW_CLI_OK;
}

static int
hazard_move (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— move a hazard to another state"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *to = NULL, *level = NULL, *urgency = NULL, *measure = NULL, *deadline = NULL;
  g_autofree char *responsible = NULL, *reason = NULL, *by = NULL, *date = NULL;
  gint64 id = 0, actor = 0;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "id", 0, 0, G_OPTION_ARG_INT64, &id, N_("Hazard id"), "N" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("reported, rectifying, verifying, downgraded, closed"), N_("STATE") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Risk level I, II, III or IV"), N_("LEVEL") },
    { "urgency", 0, 0, G_OPTION_ARG_STRING, &urgency, N_("不容迟疑 不惜代价 不留空档 (no-delay at-all-costs no-gap)"), "U" },
    { "measure", 0, 0, G_OPTION_ARG_STRING, &measure, N_("风险管控 限期整治 立行立改 (control deadline immediate)"), "M" },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, N_("Deadline"), N_("YYYY-MM-DD") },
    { "responsible", 0, 0, G_OPTION_ARG_STRING, &responsible, N_("Responsible person (staff name or id)"), N_("NAME") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Reason"), N_("TEXT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who does it (staff name or id)"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day it happened (default today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  GwMove move = { 0 };

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, date, "--date", &status) ||
      !gw_cli_parse_date_opt (ctx, deadline, "--deadline", &status))
    return status;
  if (id <= 0 || to == NULL)
    return gw_cli_usage_error (ctx, _("--id and --to are required"));
  if (!gw_state_parse (to, &move.to))
    return gw_cli_usage_error (ctx, _("Unknown --to; use reported, rectifying, verifying, downgraded or closed"));
  if (level && (!gw_level_parse (level, &move.level) || move.level == GW_LEVEL_NONE))
    return gw_cli_usage_error (ctx, _("Unknown --level; use I, II, III or IV"));
  if (urgency && (!gw_urgency_parse (urgency, &move.urgency) || move.urgency == GW_URGENCY_NONE))
    return gw_cli_usage_error (ctx, _("Unknown --urgency; use 不容迟疑, 不惜代价, 不留空档 or no-delay, at-all-costs, no-gap"));
  if (measure && (!gw_measure_parse (measure, &move.measure) || move.measure == GW_MEASURE_NONE))
    return gw_cli_usage_error (ctx, _("Unknown --measure; use 风险管控, 限期整治, 立行立改 or control, deadline, immediate"));

  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if (!gw_cli_resolve_staff (store, by, &actor, &status) ||
      !gw_cli_resolve_staff (store, responsible, &move.responsible_id, &status))
    return status;
  move.deadline = deadline;
  move.reason = reason;
  move.date = date;
  if (!gw_store_hazard_move (store, id, &move, actor, &error))
    return gw_cli_refuse (error);
  {
    g_autoptr(GwHazard) h = gw_store_hazard_get (store, id, NULL);
    g_print (_("Hazard %s is now %s\n"), h->number, gw_state_label (h->state));
  }
  return GW_CLI_OK;
}

static int
hazard_show (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— show a hazard and its history"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwHazard) h = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id = 0;
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "id", 0, 0, G_OPTION_ARG_INT64, &id, N_("Hazard id"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status))
    return status;
  if (id <= 0)
    return gw_cli_usage_error (ctx, _("--id is required"));
  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if ((h = gw_store_hazard_get (store, id, &error)) == NULL ||
      (events = gw_store_hazard_events (store, id, &error)) == NULL)
    return gw_cli_refuse (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      hazard_json (b, h);
      node = json_builder_get_root (b);
      json_builder_reset (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "hazard");
      json_builder_add_value (b, g_steal_pointer (&node));
      json_builder_set_member_name (b, "events");
      json_builder_begin_array (b);
      for (guint i = 0; i < events->len; i++)
        {
          GwEvent *e = events->pdata[i];
          json_builder_begin_object (b);
          gw_cli_member_int (b, "id", e->id);
          gw_cli_member_str (b, "at", e->at);
          gw_cli_member_str (b, "date", e->date);
          gw_cli_member_str (b, "actor", e->actor);
          gw_cli_member_str (b, "kind", e->kind);
          gw_cli_member_str (b, "name", e->name);
          gw_cli_member_str (b, "from", e->from_value);
          gw_cli_member_str (b, "to", e->to_value);
          gw_cli_member_str (b, "note", e->note);
          gw_cli_member_str (b, "hash", e->hash);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      gw_cli_print_json (b);
      return GW_CLI_OK;
    }

  g_print ("%s  %s\n", h->number, h->title);
  g_print ("  %s: %s / %s\n", _("Grid"), h->county_name, h->grid_name);
  g_print ("  %s: %s\n", _("State"), gw_state_label (h->state));
  g_print ("  %s: %s   %s: %s   %s: %s\n", _("Risk level"), gw_level_label (h->level),
           _("Urgency"), gw_urgency_label (h->urgency), _("Measure"), gw_measure_label (h->measure));
  g_print ("  %s: %s   %s: %s\n", _("Found"), h->found_date, _("Field"), gw_field_label (h->field));
  g_print ("  %s: %s   %s: %s\n", _("Responsible"), h->responsible_name ? h->responsible_name : "—",
           _("Deadline"), h->deadline ? h->deadline : "—");
  if (h->description && *h->description)
    g_print ("  %s\n", h->description);
  g_print ("%s\n", _("History:"));
  for (guint i = 0; i < events->len; i++)
    {
      GwEvent *e = events->pdata[i];
      g_print ("  %s  %-10s %-12s %s%s%s%s%s\n", e->date, e->actor, e->name ? e->name : e->kind,
               e->from_value ? e->from_value : "", e->from_value || e->to_value ? " → " : "",
               e->to_value ? e->to_value : "", e->note ? "  " : "", e->note ? e->note : "");
    }
  return GW_CLI_OK;
}

static int
hazard_list (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— list hazards"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *state = NULL, *grid = NULL, *search = NULL;
  gboolean overdue = FALSE;
  int limit = 50, status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("Only this state"), N_("STATE") },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Only this grid"), N_("CODE") },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only overdue hazards"), NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Words in number, title or description"), N_("TEXT") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N hazards (default 50)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };
  GwFilter f = { 0 };

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status))
    return status;
  if (state)
    {
      GwState s;
      if (!gw_state_parse (state, &s))
        return gw_cli_usage_error (ctx, _("Unknown --state; use reported, rectifying, verifying, downgraded or closed"));
      f.states = 1u << s;
    }
  if (limit <= 0)
    return gw_cli_usage_error (ctx, _("--limit must be positive"));
  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if (grid && (f.grid_id = gw_store_grid_find (store, grid, &error)) == 0)
    return gw_cli_refuse (error);
  f.overdue_only = overdue;
  f.text = search;
  if ((list = gw_store_hazard_list (store, &f, 0, limit, &error)) == NULL)
    return gw_cli_refuse (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        hazard_json (b, list->pdata[i]);
      json_builder_end_array (b);
      gw_cli_print_json (b);
      return GW_CLI_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      GwHazard *h = list->pdata[i];
      g_print ("%6lld  %s  %-8s %-4s %-10s %s\n", (long long) h->id, h->number,
               gw_state_label (h->state), gw_level_to_id (h->level),
               h->deadline ? h->deadline : "—", h->title);
    }
  return GW_CLI_OK;
}

/* ---- staff, check ------------------------------------------------------------- */

static int
cmd_staff (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("list — staff and their roles"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *grid = NULL;
  int status = GW_CLI_OK;
  gint64 grid_id = 0;
  sqlite3_stmt *stmt;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Only this grid"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (argc < 2 || strcmp (argv[1], "list") != 0)
    {
      g_printerr (_("gridwatch-cli: use “staff list”\n"));
      return GW_CLI_USAGE;
    }
  argv[1] = argv[0];
  argc--, argv++;
  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status))
    return status;
  if ((store = gw_cli_open_store (GW_STORE_OPEN_DEFAULT, &status)) == NULL)
    return status;
  if (grid && (grid_id = gw_store_grid_find (store, grid, &error)) == 0)
    return gw_cli_refuse (error);

  stmt = gw_store_prepare (store, "SELECT s.id, s.name, s.phone, s.role, g.code, g.name, s.unit"
                                  " FROM staff s LEFT JOIN grids g ON g.id = s.grid_id"
                                  " WHERE ?1 = 0 OR s.grid_id = ?1 ORDER BY s.id", &error);
  if (stmt == NULL)
    return gw_cli_refuse (error);
  sqlite3_bind_int64 (stmt, 1, grid_id);
  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GwRole role = GW_ROLE_VIEWER;
      const char *role_id = (const char *) sqlite3_column_text (stmt, 3);

      gw_role_parse (role_id, &role);
      if (opt_json)
        {
          json_builder_begin_object (b);
          gw_cli_member_int (b, "id", sqlite3_column_int64 (stmt, 0));
          gw_cli_member_str (b, "name", (const char *) sqlite3_column_text (stmt, 1));
          gw_cli_member_str (b, "phone", (const char *) sqlite3_column_text (stmt, 2));
          gw_cli_member_str (b, "role", role_id);
          gw_cli_member_str (b, "grid", (const char *) sqlite3_column_text (stmt, 4));
          gw_cli_member_str (b, "grid_name", (const char *) sqlite3_column_text (stmt, 5));
          gw_cli_member_str (b, "unit", (const char *) sqlite3_column_text (stmt, 6));
          json_builder_end_object (b);
        }
      else
        g_print ("%6lld  %-8s %-12s %-18s %s\n", (long long) sqlite3_column_int64 (stmt, 0),
                 sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                 gw_role_label (role),
                 sqlite3_column_text (stmt, 5) ? (const char *) sqlite3_column_text (stmt, 5)
                                               : (const char *) sqlite3_column_text (stmt, 6));
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
  if (opt_json)
    gw_cli_print_json (b);
  return GW_CLI_OK;
}

static int
cmd_check (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— verify integrity and the event chain"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  int status = GW_CLI_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { NULL }
  };

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status))
    return status;
  if ((store = gw_cli_open_store (GW_STORE_OPEN_READONLY, &status)) == NULL)
    return status;
  if (!gw_store_check (store, report, &error))
    return gw_cli_refuse (error);
  g_print ("%s", report->str);
  g_print (_("%s: ok\n"), opt_db);
  return GW_CLI_OK;
}

/* ---- dispatch ------------------------------------------------------------------ */

static int
run_sub (const char    *group,
         const Command *subs,
         guint          n_subs,
         int            argc,
         char         **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < n_subs; i++)
      if (strcmp (argv[1], subs[i].name) == 0)
        {
          argv[1] = argv[0];
          return subs[i].func (argc - 1, argv + 1);
        }
  g_printerr (_("gridwatch-cli: “%s” needs one of: add, move, show, list\n"), group);
  return GW_CLI_USAGE;
}

static int
cmd_hazard (int argc, char **argv)
{
  static const Command subs[] = {
    { "add", hazard_add }, { "move", hazard_move }, { "show", hazard_show }, { "list", hazard_list },
  };

  return run_sub ("hazard", subs, G_N_ELEMENTS (subs), argc, argv);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s", _("Usage: gridwatch-cli COMMAND [OPTIONS]\n"
                        "\n"
                        "Commands:\n"
                        "  demo          create the demo city (衡阳市, synthetic boundaries)\n"
                        "  stats         key figures as of a date\n"
                        "  hazard add    record a new hazard\n"
                        "  hazard move   move a hazard to another state\n"
                        "  hazard show   show a hazard and its history\n"
                        "  hazard list   list hazards\n"
                        "  staff list    staff and their roles\n"
                        "  check         verify integrity and the event chain\n"
                        "  check-record  record a ten-day analysis or a patrol\n"
                        "  cadence       the grid × dekad matrix and the interview list\n"
                        "  meeting add   record a weekly meeting\n"
                        "  meeting diff  what changed between two meetings\n"
                        "  import grids  township boundaries from GeoJSON\n"
                        "  import staff|enterprises|hazards  records from CSV (UTF-8 or GB18030)\n"
                        "  export        Excel progress sheets and ledgers, or CSV\n"
                        "  backup        copy the database while it is in use\n"
                        "  restore       replace the database by a checked backup\n"
                        "  board         the war-room board as a PDF or PNG pages\n"
                        "\n"
                        "Run “gridwatch-cli COMMAND --help” for a command's options.\n"));
}

int
gw_cli_run (int argc, char **argv)
{
  static const Command commands[] = {
    { "demo", cmd_demo }, { "stats", cmd_stats }, { "hazard", cmd_hazard },
    { "staff", cmd_staff }, { "check", cmd_check },
    { "check-record", gw_cli_check_record }, { "cadence", gw_cli_cadence },
    { "meeting", gw_cli_meeting },
    { "import", gw_cli_import },
    { "export", gw_cli_export },
    { "backup", gw_cli_backup }, { "restore", gw_cli_restore },
    { "board", gw_cli_board },
  };
  g_autofree char **args = NULL;
  int status;

  opt_db = NULL;
  opt_json = FALSE;

  if (argc < 2)
    {
      print_usage (stderr);
      return GW_CLI_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return GW_CLI_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("gridwatch-cli %s\n", PACKAGE_VERSION);
      return GW_CLI_OK;
    }

  /* GOption rearranges argv: work on a copy of the pointers. */
  args = g_new0 (char *, argc + 1);
  memcpy (args, argv, sizeof (char *) * argc);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (args[1], commands[i].name) == 0)
      {
        args[1] = args[0];
        status = commands[i].func (argc - 1, args + 1);
        g_clear_pointer (&opt_db, g_free);
        return status;
      }

  g_printerr (_("gridwatch-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return GW_CLI_USAGE;
}
