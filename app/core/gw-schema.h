/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SQL that takes a database from version @version - 1 to @version,
 * or NULL past the newest. Migrations run in order inside one transaction. */
const char *gw_schema_migration (guint version);
guint       gw_schema_latest    (void);
/* Whether the migration to @version leaves the search index empty, for the
 * program to fill from the hazards (gw_store_fts_fill). */
gboolean    gw_schema_refills_search (guint version);
/* Recomputes the tables that triggers keep (tallies, the spatial index, sort names)
 * from hazards, after a bulk load that ran without those triggers. */
const char *gw_schema_rebuild_derived (void);

G_END_DECLS
