/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the tests share: waiting on the main loop, a demo city in a file, and
 * cleaning up a temporary directory. No GTK: the unit tests use it too. */

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

G_END_DECLS
