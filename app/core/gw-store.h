/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "gw-types.h"
#include "gw-dekad.h"

G_BEGIN_DECLS

#define GW_STORE_SCHEMA_VERSION 4
#define GW_STORE_APPLICATION_ID 0x47574348  /* "GWCH" */

#define GW_STORE_ERROR (gw_store_error_quark ())

typedef enum {
  GW_STORE_ERROR_NOT_GRIDWATCH,   /* not a database, or another program's */
  GW_STORE_ERROR_TOO_NEW,         /* written by a newer Gridwatch */
  GW_STORE_ERROR_CORRUPT,         /* fails quick_check or the event chain */
  GW_STORE_ERROR_SQL,             /* SQLite said no (disk full, read-only, …) */
  GW_STORE_ERROR_NOT_FOUND,       /* no such hazard, grid, staff member … */
  GW_STORE_ERROR_FORBIDDEN,       /* the state machine does not allow it */
  GW_STORE_ERROR_MISSING,         /* a requirement of a transition is missing */
  GW_STORE_ERROR_INVALID,         /* a value is malformed or out of range */
  GW_STORE_ERROR_NOT_ALLOWED,     /* the operator's role does not allow it */
} GwStoreError;

typedef enum {
  GW_STORE_OPEN_DEFAULT  = 0,
  GW_STORE_OPEN_CREATE   = 1 << 0,  /* create the file when it does not exist */
  GW_STORE_OPEN_READONLY = 1 << 1,
} GwStoreOpenFlags;

#define GW_TYPE_STORE (gw_store_get_type ())
G_DECLARE_FINAL_TYPE (GwStore, gw_store, GW, STORE, GObject)

GQuark      gw_store_error_quark (void);

GwStore    *gw_store_open        (const char        *path,
                                  GwStoreOpenFlags   flags,
                                  GError           **error);
const char *gw_store_get_path    (GwStore           *self);
/* TRUE when opened with GW_STORE_OPEN_READONLY, or when the file or its folder
 * cannot be written (a read-only file system, no permission): gw_store_open
 * then opens it read-only instead of failing, and every write is refused with
 * an error that names the file and says it is read-only. */
gboolean    gw_store_is_read_only (GwStore          *self);
sqlite3    *gw_store_get_db      (GwStore           *self);
/* The backup written before the last migration, or NULL. */
const char *gw_store_get_migration_backup (GwStore  *self);

gboolean    gw_store_begin       (GwStore *self, GError **error);
gboolean    gw_store_commit      (GwStore *self, GError **error);
void        gw_store_rollback    (GwStore *self);

/* Set an error from the connection's last SQLite error, prefixed by @what. */
gboolean    gw_store_fail        (GwStore *self, const char *what, GError **error);
/* A cached prepared statement, reset and with its bindings cleared. */
sqlite3_stmt *gw_store_prepare   (GwStore *self, const char *sql, GError **error);
/* Run one or more statements without results. */
gboolean    gw_store_exec        (GwStore *self, const char *sql, GError **error);

/* Integrity: quick_check, foreign keys, attachment hashes and the event
 * chain. On failure the message names the first broken record. */
gboolean    gw_store_check       (GwStore *self, GString *report, GError **error);

/* Online copy of the open database to @dest (sqlite3_backup_*). */
gboolean    gw_store_backup_to   (GwStore *self, const char *dest, GError **error);
/* The same, calling @progress (may be NULL) with the fraction of pages copied
 * after each step, from the calling thread. */
gboolean    gw_store_backup_to_full (GwStore    *self,
                                     const char *dest,
                                     void      (*progress) (double fraction, const char *what,
                                                            gpointer user_data),
                                     gpointer    user_data,
                                     GError    **error);

/* ---- counties, grids, staff ------------------------------------------------ */

gint64      gw_store_county_ensure (GwStore *self, const char *code, const char *name,
                                    GError **error);
gint64      gw_store_grid_add      (GwStore *self, const char *code, const char *name,
                                    gint64 county_id, const char *boundary_geojson,
                                    GError **error);
/* Accepts a 9- or 12-digit division code; 0 and an error when unknown. */
gint64      gw_store_grid_find     (GwStore *self, const char *code, GError **error);
gint64      gw_store_staff_add     (GwStore *self, const char *name, const char *phone,
                                    GwRole role, gint64 grid_id, const char *unit,
                                    GError **error);
/* By id (digits) or by exact name; an unknown or ambiguous name is an error. */
gint64      gw_store_staff_find    (GwStore *self, const char *name_or_id, GError **error);
char       *gw_store_staff_name    (GwStore *self, gint64 staff_id);

G_END_DECLS
