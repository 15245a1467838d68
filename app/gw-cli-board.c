/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gridwatch-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "gw-board-render.h"
#include "gw-cli-private.h"

/* A county by its code or its name; 0 and a message when there is none. */
static gint64
find_county (GwStore    *store,
             const char *text,
             GError    **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (store, "SELECT id FROM counties WHERE code = ?1 OR name = ?1",
                                         error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("There is no county “%s” (give its code or its name)"), text);
  return id;
}

int
gw_cli_board (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— the war-room board as a PDF or as PNG pages"));
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GwBoard) board = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *date = NULL, *pages = NULL, *county = NULL, *size = NULL;
  gboolean by_urgency = FALSE;
  int status = GW_CLI_OK, width = 1920, height = 1080;
  GwBoardOptions options;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("As-of date (default: today)"), N_("YYYY-MM-DD") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
      N_("FILE.pdf for the whole board, or a directory for one PNG per page"), N_("PATH") },
    { "pages", 0, 0, G_OPTION_ARG_STRING, &pages,
      N_("Pages in order (overview,kanban,ranking,changes,overdue,interviews)"), N_("LIST") },
    { "county", 0, 0, G_OPTION_ARG_STRING, &county, N_("Kanban of one county (code or name)"),
      N_("COUNTY") },
    { "by-urgency", 0, 0, G_OPTION_ARG_NONE, &by_urgency, N_("One kanban page per urgency class"),
      NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("PNG size (default 1920x1080; 1024x768 for 4:3)"),
      N_("WxH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print the files written as JSON"), NULL },
    { NULL }
  };

  if (!gw_cli_parse (ctx, entries, &argc, &argv, &status) ||
      !gw_cli_parse_date_opt (ctx, date, "--date", &status))
    return status;
  if (out == NULL)
    return gw_cli_usage_error (ctx, _("--out is required"));
  if (size != NULL && (sscanf (size, "%dx%d", &width, &height) != 2 || width < 320 ||
                       height < 240 || width > 8192 || height > 8192))
    return gw_cli_usage_error (ctx, _("--size must be WIDTHxHEIGHT, between 320x240 and 8192x8192"));

  gw_board_options_init (&options);
  options.kanban_by_urgency = by_urgency;
  if (pages != NULL && !gw_board_options_set_pages (&options, pages, &error))
    return gw_cli_usage_error (ctx, error->message);

  if ((store = gw_cli_open_store (GW_STORE_OPEN_READONLY, &status)) == NULL)
    return status;
  if (county != NULL && (options.county_id = find_county (store, county, &error)) == 0)
    return gw_cli_usage_error (ctx, error->message);

  if ((board = gw_board_new (store, &options, date, &error)) == NULL ||
      !gw_board_load_all (board, store, &error))
    return gw_cli_refuse (g_steal_pointer (&error));

  if (g_str_has_suffix (out, ".pdf") || g_str_has_suffix (out, ".PDF"))
    {
      if (!gw_board_write_pdf (board, out, &error))
        return gw_cli_refuse (g_steal_pointer (&error));
      if (opt_json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          gw_cli_member_str (b, "pdf", out);
          gw_cli_member_int (b, "pages", gw_board_n_slides (board));
          json_builder_end_object (b);
          gw_cli_print_json (b);
        }
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u page\n", "%s: %u pages\n",
                              gw_board_n_slides (board)),
                 out, gw_board_n_slides (board));
    }
  else
    {
      g_auto(GStrv) files = gw_board_write_pngs (board, out, width, height, &error);

      if (files == NULL)
        return gw_cli_refuse (g_steal_pointer (&error));
      if (opt_json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "png");
          json_builder_begin_array (b);
          for (guint i = 0; files[i] != NULL; i++)
            json_builder_add_string_value (b, files[i]);
          json_builder_end_array (b);
          json_builder_end_object (b);
          gw_cli_print_json (b);
        }
      else
        for (guint i = 0; files[i] != NULL; i++)
          g_print ("%s\n", files[i]);
    }
  return status;
}
