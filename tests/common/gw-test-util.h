/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the tests share: waiting on the main loop, a demo city in a file,
 * reading a database beside the program, and cleaning up a temporary
 * directory. No GTK: the unit tests use it too. */

/* Iterates the default main context until @done (data) is TRUE; fails the
 * test after two minutes. */
void   gw_test_wait_until  (gboolean (*done) (gpointer data), gpointer data);
/* Iterates the default main context for @ms milliseconds. */
void   gw_test_spin        (guint ms);
/* Removes @path and everything below it. */
void   gw_test_remove_tree (const char *path);
/* A demo city of @n_hazards in @dir/@name as of @today; returns the path. */
char  *gw_test_make_demo   (const char *dir, const char *name, guint n_hazards, guint32 seed,
                            const char *today);

/* The first column of the first row @sql gives on the database at @path,
 * opened read-only beside the program's own connections; -1 for no row. */
gint64 gw_test_query_int   (const char *path, const char *sql);
/* The id of a member of the regulation office (督办科) in the database at
 * @path: they may make every transition of every grid (gw-roles.h). */
gint64 gw_test_regulator_id (const char *path);

/* gridwatch-cli as the tests run it: the built one, named by GRIDWATCH_CLI. */
typedef struct {
  int   status;   /* exit status, or -1 when it did not exit */
  char *out;
  char *err;
} GwTestRun;

void     gw_test_run_clear   (GwTestRun *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GwTestRun, gw_test_run_clear)
/* Runs gridwatch-cli with the arguments (NULL-terminated) in @envp (NULL: ours). */
void     gw_test_run_cli_env (GwTestRun *r, char **envp, const char *first, ...) G_GNUC_NULL_TERMINATED;
#define  gw_test_run_cli(r, ...) gw_test_run_cli_env ((r), NULL, __VA_ARGS__)
/* Fails the test, showing both outputs, unless the run exited with @status. */
void     gw_test_expect      (GwTestRun *r, int status, const char *what);
/* Whether GRIDWATCH_CLI names the built program; skips the test otherwise. */
gboolean gw_test_have_cli    (void);

G_END_DECLS
