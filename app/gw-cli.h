/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of gridwatch-cli. */
enum {
  GW_CLI_OK = 0,
  GW_CLI_REFUSED = 1,   /* the input or the database was refused */
  GW_CLI_USAGE = 2,     /* the command line was wrong */
};

/* Runs one gridwatch-cli command line; prints to stdout/stderr. */
int gw_cli_run (int argc, char **argv);
int gw_cli_export (int argc, char **argv);

G_END_DECLS
