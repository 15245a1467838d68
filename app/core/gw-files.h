/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files that appear whole or not at all: written beside their place, then
 * renamed over it. */

/* A new empty file beside @path (the permissions a new file gets), so that
 * the rename stays on one file system; NULL and a message naming @path. */
char     *gw_file_temp_beside     (const char *path, GError **error);
/* Renames @tmp to @path; on failure removes @tmp and names @path. */
gboolean  gw_file_move_into_place (const char *tmp, const char *path, GError **error);

G_END_DECLS
