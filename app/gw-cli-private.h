/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gw-cli.h"
#include "gw-store.h"

G_BEGIN_DECLS

/* Shared by the command files of gridwatch-cli. */
extern char *opt_db;
extern gboolean opt_json;

int      gw_cli_refuse         (GError *error);
int      gw_cli_usage_error    (GOptionContext *ctx, const char *message);
/* Parses @entries (which must include --db), refusing stray arguments. */
gboolean gw_cli_parse          (GOptionContext *ctx, GOptionEntry *entries, int *argc,
                                char ***argv, int *status);
GwStore *gw_cli_open_store     (GwStoreOpenFlags flags, int *status);
gboolean gw_cli_parse_date_opt (GOptionContext *ctx, const char *value, const char *option,
                                int *status);
gboolean gw_cli_resolve_staff  (GwStore *store, const char *name, gint64 *out, int *status);
void     gw_cli_print_json     (JsonBuilder *b);
void     gw_cli_member_str     (JsonBuilder *b, const char *name, const char *value);
void     gw_cli_member_int     (JsonBuilder *b, const char *name, gint64 value);
/* A GwProgressFunc showing "NN% what" on one terminal line; _end clears it. */
void     gw_cli_progress_cb    (double fraction, const char *what, gpointer user_data);
void     gw_cli_progress_end   (void);

/* Commands in their own files. */
int      gw_cli_check_record   (int argc, char **argv);
int      gw_cli_cadence        (int argc, char **argv);
int      gw_cli_meeting        (int argc, char **argv);
int      gw_cli_import         (int argc, char **argv);
int      gw_cli_import_csv     (int argc, char **argv);  /* argv[1]: staff, enterprises, hazards */
int      gw_cli_backup         (int argc, char **argv);
int      gw_cli_restore        (int argc, char **argv);
int      gw_cli_board          (int argc, char **argv);

G_END_DECLS
