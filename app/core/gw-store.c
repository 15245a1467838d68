/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gw-schema.h"
#include "gw-store-private.h"

struct _GwStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL → sqlite3_stmt* */
  char       *migration_backup;
  guint       depth;        /* nesting of gw_store_begin */
  gboolean    read_only;    /* asked for, or the file or its folder cannot be written */
};

G_DEFINE_TYPE (GwStore, gw_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (gw-store-error-quark, gw_store_error)

static const char sqlite_magic[16] = "SQLite format 3";

#define QUICK_CHECK_LIMIT (128 * 1024 * 1024)

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static gboolean
set_sqlite_error (sqlite3      *db,
                  GwStoreError  code,
                  const char   *path,
                  GError      **error)
{
  g_set_error (error, GW_STORE_ERROR, code, _("%s: %s"), path, sqlite3_errmsg (db));
  return FALSE;
}

/* Reads the first bytes without SQLite, so a file that is not a database is
 * refused before anything could write to it. */
static gboolean
check_header (const char *path,
              gboolean   *is_empty,
              GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  char header[16] = { 0 };
  gsize n = 0;

  in = g_file_read (file, NULL, error);
  if (in == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &n, NULL, error))
    return FALSE;

  *is_empty = n == 0;
  if (n > 0 && (n < sizeof header || memcmp (header, sqlite_magic, sizeof header) != 0))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_GRIDWATCH,
                   _("%s is not a Gridwatch database (it is not an SQLite file)"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3    *db,
           const char *sql,
           gint64     *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Looks at an existing file read-only: is it ours, not newer, and sound? */
static gboolean
inspect_existing (const char *path,
                  gint64     *out_version,
                  GError    **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0, version = 0, n_objects = 0;
  gboolean ok = FALSE;
  const char *result;

  /* Without a write-ahead log beside it, look with immutable=1 so that SQLite
   * neither locks nor creates -wal/-shm files next to a file it may refuse.
   * With one, its committed pages are there and must be read. */
  {
    g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *uri = g_strconcat ("file:", escaped,
                                        g_file_test (wal, G_FILE_TEST_EXISTS) ? "" : "?immutable=1",
                                        NULL);

    if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
      {
        set_sqlite_error (db, GW_STORE_ERROR_NOT_GRIDWATCH, path, error);
        goto out;
      }
  }

  if (!query_int (db, "PRAGMA application_id", &app_id) ||
      !query_int (db, "PRAGMA user_version", &version) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_GRIDWATCH,
                   _("%s is not a Gridwatch database: %s"), path, sqlite3_errmsg (db));
      goto out;
    }

  if (app_id != GW_STORE_APPLICATION_ID && n_objects > 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_GRIDWATCH,
                   _("%s is an SQLite database of another program, not a Gridwatch database"),
                   path);
      goto out;
    }

  if (version > (gint64) gw_schema_latest ())
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer Gridwatch (database version %d; this program "
                     "reads up to %d). Update Gridwatch to open it; the file was not changed."),
                   path, (int) version, (int) gw_schema_latest ());
      goto out;
    }

  /* quick_check reads every page: 25 s on a million hazards. Big files get it
   * before a migration and from `gridwatch-cli check`; on an ordinary open
   * their size is checked against the header's page count instead. */
  if (version == (gint64) gw_schema_latest () && file_size (path) > QUICK_CHECK_LIMIT)
    {
      gint64 pages = 0, page_size = 0;

      if (!query_int (db, "PRAGMA page_count", &pages) ||
          !query_int (db, "PRAGMA page_size", &page_size) ||
          pages * page_size > file_size (path))
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                       _("%s is damaged (it is shorter than its header says); the file was not "
                         "changed"), path);
          goto out;
        }
      *out_version = version;
      ok = TRUE;
      goto out;
    }
  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                   _("%s is damaged and cannot be read: %s"), path, sqlite3_errmsg (db));
      goto out;
    }
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                   _("%s is damaged (integrity check: %s); the file was not changed"),
                   path, result ? result : "?");
      goto out;
    }

  *out_version = version;
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return ok;
}

static gboolean
backup_database (sqlite3    *src,
                 const char *dest,
                 void      (*progress) (double fraction, const char *what, gpointer user_data),
                 gpointer    user_data,
                 GError    **error)
{
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int rc;

  if (sqlite3_open_v2 (dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      set_sqlite_error (out, GW_STORE_ERROR_SQL, dest, error);
      sqlite3_close_v2 (out);
      return FALSE;
    }
  backup = sqlite3_backup_init (out, "main", src, "main");
  if (backup == NULL)
    {
      set_sqlite_error (out, GW_STORE_ERROR_SQL, dest, error);
      sqlite3_close_v2 (out);
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (progress != NULL && (rc == SQLITE_OK || rc == SQLITE_DONE))
        {
          int total = sqlite3_backup_pagecount (backup);
          int left = sqlite3_backup_remaining (backup);

          progress (total > 0 ? (double) (total - left) / total : 1.0, _("Copying"), user_data);
        }
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL, _("%s: backup failed: %s"),
                   dest, sqlite3_errstr (rc));
      sqlite3_close_v2 (out);
      g_unlink (dest);
      return FALSE;
    }
  if (sqlite3_close_v2 (out) != SQLITE_OK)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL, _("%s: backup failed"), dest);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (GwStore  *self,
         gint64    from_version,
         GError  **error)
{
  guint latest = gw_schema_latest ();
  g_autofree char *sql = NULL;

  if (from_version == latest)
    return TRUE;

  if (from_version > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

      g_free (self->migration_backup);
      self->migration_backup = g_strdup_printf ("%s.v%d-%s.bak", self->path,
                                                (int) from_version, stamp);
      if (!backup_database (self->db, self->migration_backup, NULL, NULL, error))
        return FALSE;
    }

  if (!gw_store_begin (self, error))
    return FALSE;
  for (guint v = from_version + 1; v <= latest; v++)
    if (!gw_store_exec (self, gw_schema_migration (v), error)
        || (gw_schema_refills_search (v) && !gw_store_fts_fill (self, error)))
      {
        gw_store_rollback (self);
        g_prefix_error (error, _("Upgrading %s to version %u failed: "), self->path, v);
        return FALSE;
      }
  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                         GW_STORE_APPLICATION_ID, latest);
  if (!gw_store_exec (self, sql, error))
    {
      gw_store_rollback (self);
      return FALSE;
    }
  return gw_store_commit (self, error);
}

GwStore *
gw_store_open (const char        *path,
               GwStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(GwStore) self = NULL;
  gboolean exists, is_empty = TRUE;
  gint64 version = 0;
  int open_flags;

  g_return_val_if_fail (path != NULL, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && !(flags & GW_STORE_OPEN_CREATE))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("%s does not exist"), path);
      return NULL;
    }
  if (exists)
    {
      if (!check_header (path, &is_empty, error))
        return NULL;
      if (is_empty && !(flags & GW_STORE_OPEN_CREATE))
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_GRIDWATCH,
                       _("%s is empty, not a Gridwatch database"), path);
          return NULL;
        }
      if (!is_empty && !inspect_existing (path, &version, error))
        return NULL;
    }
  if ((flags & GW_STORE_OPEN_READONLY) && version < gw_schema_latest ())
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_GRIDWATCH,
                   _("%s needs an upgrade and cannot be opened read-only"), path);
      return NULL;
    }

  self = g_object_new (GW_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & GW_STORE_OPEN_READONLY) != 0;

  /* A file that cannot be written, or one in a folder where SQLite cannot put
   * its -wal and -shm files (a read-only file system, a CD, another user's
   * folder), is opened read-only rather than refused; writes are refused
   * with a message that says so. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    gboolean dir_writable = access (dir, W_OK) == 0;

    if (exists && (!dir_writable || access (path, W_OK) != 0))
      self->read_only = TRUE;
    if (self->read_only && version < gw_schema_latest ())
      {
        g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_GRIDWATCH,
                     _("%s is read-only and needs an upgrade, so it cannot be opened; copy it to "
                       "a folder you can write to"), path);
        return NULL;
      }
    if (self->read_only)
      {
        g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
        /* Without a log beside it and nowhere to create one, SQLite must not
         * look for the shared-memory file: nothing can change the file. */
        g_autofree char *uri = g_strconcat ("file:", escaped, "?mode=ro",
                                            !dir_writable && !g_file_test (wal, G_FILE_TEST_EXISTS)
                                              ? "&immutable=1" : "",
                                            NULL);

        open_flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        if (sqlite3_open_v2 (uri, &self->db, open_flags, NULL) != SQLITE_OK)
          {
            set_sqlite_error (self->db, GW_STORE_ERROR_SQL, path, error);
            return NULL;
          }
      }
    else
      {
        open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        if (sqlite3_open_v2 (path, &self->db, open_flags, NULL) != SQLITE_OK)
          {
            set_sqlite_error (self->db, GW_STORE_ERROR_SQL, path, error);
            return NULL;
          }
      }
  }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!gw_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;"
                            "PRAGMA temp_store = MEMORY;", error))
    return NULL;
  if (!self->read_only &&
      !gw_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error))
    return NULL;
  if (!self->read_only && !migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
gw_store_is_read_only (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), TRUE);
  return self->read_only;
}

const char *
gw_store_get_path (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
gw_store_get_db (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  return self->db;
}

const char *
gw_store_get_migration_backup (GwStore *self)
{
  g_return_val_if_fail (GW_IS_STORE (self), NULL);
  return self->migration_backup;
}

gboolean
gw_store_fail (GwStore    *self,
               const char *what,
               GError    **error)
{
  int code = sqlite3_extended_errcode (self->db);
  GwStoreError kind = GW_STORE_ERROR_SQL;

  if ((code & 0xff) == SQLITE_CONSTRAINT)
    kind = GW_STORE_ERROR_INVALID;

  if ((code & 0xff) == SQLITE_IOERR)
    {
      int err = sqlite3_system_errno (self->db);
      /* A write past the quota or the file-size limit is a full disk to the person. */
      if (err == ENOSPC || err == EFBIG || err == EDQUOT)
        code = SQLITE_FULL;
    }
  if ((code & 0xff) == SQLITE_FULL)
    g_set_error (error, GW_STORE_ERROR, kind,
                 _("%s: %s failed: the disk is full; nothing was changed"), self->path, what);
  else if ((code & 0xff) == SQLITE_READONLY)
    g_set_error (error, GW_STORE_ERROR, kind,
                 _("%s: %s failed: the database is read-only; nothing was changed"),
                 self->path, what);
  else
    g_set_error (error, GW_STORE_ERROR, kind, _("%s: %s failed: %s"),
                 self->path, what, sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3_stmt *
gw_store_prepare (GwStore    *self,
                  const char *sql,
                  GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GW_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      gw_store_fail (self, "prepare", error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
gw_store_exec (GwStore    *self,
               const char *sql,
               GError    **error)
{
  char *message = NULL;

  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      gw_store_fail (self, "SQL", error);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
gw_store_begin (GwStore *self,
                GError **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);

  if (self->depth++ > 0)
    return TRUE;
  if (!gw_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      self->depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
gw_store_commit (GwStore *self,
                 GError **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;
  if (!gw_store_exec (self, "COMMIT", error))
    {
      gw_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

void
gw_store_rollback (GwStore *self)
{
  g_return_if_fail (GW_IS_STORE (self));

  /* An inner failure abandons the whole outermost transaction. */
  if (self->depth == 0)
    return;
  self->depth = 0;
  if (sqlite3_get_autocommit (self->db) == 0)
    gw_store_exec (self, "ROLLBACK", NULL);
}

gboolean
gw_store_backup_to (GwStore    *self,
                    const char *dest,
                    GError    **error)
{
  return gw_store_backup_to_full (self, dest, NULL, NULL, error);
}

gboolean
gw_store_backup_to_full (GwStore    *self,
                         const char *dest,
                         void      (*progress) (double fraction, const char *what, gpointer user_data),
                         gpointer    user_data,
                         GError    **error)
{
  g_return_val_if_fail (GW_IS_STORE (self), FALSE);
  return backup_database (self->db, dest, progress, user_data, error);
}

/* ---- small helpers ----------------------------------------------------------- */

char *
gw_store_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

const char *
gw_store_column_text (sqlite3_stmt *stmt,
                      int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

void
gw_store_bind_text_or_null (sqlite3_stmt *stmt,
                            int           col,
                            const char   *text)
{
  if (text)
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, col);
}

void
gw_store_bind_id_or_null (sqlite3_stmt *stmt,
                          int           col,
                          gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, col, id);
  else
    sqlite3_bind_null (stmt, col);
}

/* ---- counties, grids, staff ------------------------------------------------- */

gint64
gw_store_county_ensure (GwStore    *self,
                        const char *code,
                        const char *name,
                        GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (self, "INSERT INTO counties (code, name) VALUES (?1, ?2) "
                                 "ON CONFLICT (code) DO UPDATE SET name = excluded.name "
                                 "RETURNING id", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gw_store_fail (self, _("adding a county"), error);
      sqlite3_reset (stmt);
      return 0;
    }
  {
    gint64 id = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    return id;
  }
}

gint64
gw_store_grid_add (GwStore    *self,
                   const char *code,
                   const char *name,
                   gint64      county_id,
                   const char *boundary_geojson,
                   GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (self, "INSERT INTO grids (code, name, county_id, boundary) "
                                 "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, county_id);
  gw_store_bind_text_or_null (stmt, 4, boundary_geojson);
  if (!STEP_DONE (self, stmt, _("adding a grid"), error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gint64
gw_store_grid_find (GwStore    *self,
                    const char *code,
                    GError    **error)
{
  g_autofree char *full = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (code != NULL && strlen (code) == 9 && strspn (code, "0123456789") == 9)
    full = g_strconcat (code, "000", NULL);
  else
    full = g_strdup (code ? code : "");

  stmt = gw_store_prepare (self, "SELECT id FROM grids WHERE code = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, full, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                 _("%s: no grid has the code %s"), self->path, code ? code : "");
  return id;
}

gint64
gw_store_staff_add (GwStore    *self,
                    const char *name,
                    const char *phone,
                    GwRole      role,
                    gint64      grid_id,
                    const char *unit,
                    GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (self, "INSERT INTO staff (name, phone, role, grid_id, unit) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 2, phone);
  sqlite3_bind_text (stmt, 3, gw_role_to_id (role), -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 4, grid_id);
  gw_store_bind_text_or_null (stmt, 5, unit);
  if (!STEP_DONE (self, stmt, _("adding a staff member"), error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gint64
gw_store_staff_find (GwStore    *self,
                     const char *name_or_id,
                     GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint n = 0;

  g_return_val_if_fail (GW_IS_STORE (self), 0);

  if (name_or_id == NULL || *name_or_id == '\0')
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID, _("No staff member was named"));
      return 0;
    }

  stmt = gw_store_prepare (self, "SELECT id FROM staff WHERE (?1 NOT GLOB '*[^0-9]*' AND id = "
                                 "CAST (?1 AS INTEGER)) OR name = ?1 LIMIT 2", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name_or_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  sqlite3_reset (stmt);

  if (n == 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("%s: no staff member is called “%s”"), self->path, name_or_id);
      return 0;
    }
  if (n > 1)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("%s: more than one staff member is called “%s”; give the id instead"),
                   self->path, name_or_id);
      return 0;
    }
  return id;
}

char *
gw_store_staff_name (GwStore *self,
                     gint64   staff_id)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  stmt = gw_store_prepare (self, "SELECT name FROM staff WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup (gw_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name;
}

/* ---- GObject ---------------------------------------------------------------- */

static void
gw_store_finalize (GObject *object)
{
  GwStore *self = (GwStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->migration_backup, g_free);

  G_OBJECT_CLASS (gw_store_parent_class)->finalize (object);
}

static void
gw_store_class_init (GwStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gw_store_finalize;
}

static void
gw_store_init (GwStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}
