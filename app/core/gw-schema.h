/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SQL that takes a database from version @version - 1 to @version,
 * or NULL past the newest. Migrations run in order inside one transaction. */
const char *gw_schema_migration (guint version);
guint       gw_schema_latest    (void);

G_END_DECLS
