/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-mbtiles-source"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "gw-mbtiles-source.h"

G_DEFINE_QUARK (gw-mbtiles-error-quark, gw_mbtiles_error)

struct _GwMbtilesSource
{
  ShumateDataSource  parent_instance;

  char              *path;
  sqlite3           *db;      /* serialized mode: worker threads share it */
  char              *name;
  char              *attribution;
  guint              min_zoom, max_zoom;
};

G_DEFINE_FINAL_TYPE (GwMbtilesSource, gw_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct {
  int     x, y, zoom;
  GBytes *bytes;
} TileRequest;

static void
tile_request_free (TileRequest *request)
{
  g_clear_pointer (&request->bytes, g_bytes_unref);
  g_free (request);
}

static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GwMbtilesSource *self = source_object;
  TileRequest *request = task_data;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND "
                                    "tile_column = ?2 AND tile_row = ?3", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", self->path,
                               sqlite3_errmsg (self->db));
      return;
    }
  sqlite3_bind_int (stmt, 1, request->zoom);
  sqlite3_bind_int (stmt, 2, request->x);
  /* TMS rows count from the south. */
  sqlite3_bind_int (stmt, 3, (1 << request->zoom) - 1 - request->y);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) > 0)
    {
      request->bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      g_task_return_boolean (task, TRUE);
    }
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             "%s has no tile %d/%d/%d", self->path, request->zoom, request->x,
                             request->y);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", self->path,
                             sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
}

static void
tile_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GwMbtilesSource *self = GW_MBTILES_SOURCE (object);
  g_autoptr(GTask) outer = user_data;
  TileRequest *request = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  /* Back in the main thread: libshumate's raster renderer makes the texture
   * here, and only here. */
  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom,
                         request->bytes);
  g_task_return_pointer (outer, g_bytes_ref (request->bytes), (GDestroyNotify) g_bytes_unref);
}

static void
gw_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom_level,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GwMbtilesSource *self = GW_MBTILES_SOURCE (source);
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  TileRequest *request;

  g_task_set_source_tag (outer, gw_mbtiles_source_get_tile_data_async);
  if (self->db == NULL || zoom_level < 0 || zoom_level > 30)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no tile %d/%d/%d",
                               zoom_level, x, y);
      return;
    }
  request = g_new0 (TileRequest, 1);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;
  inner = g_task_new (self, cancellable, tile_read_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, read_tile_thread);
  g_task_set_task_data (inner, request, (GDestroyNotify) tile_request_free);
  g_task_run_in_thread (inner, read_tile_thread);
}

static GBytes *
gw_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gw_mbtiles_source_finalize (GObject *object)
{
  GwMbtilesSource *self = GW_MBTILES_SOURCE (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->name);
  g_free (self->attribution);
  G_OBJECT_CLASS (gw_mbtiles_source_parent_class)->finalize (object);
}

static void
gw_mbtiles_source_class_init (GwMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = gw_mbtiles_source_finalize;
  source_class->get_tile_data_async = gw_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = gw_mbtiles_source_get_tile_data_finish;
}

static void
gw_mbtiles_source_init (GwMbtilesSource *self)
{
  self->min_zoom = 0;
  self->max_zoom = 19;
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
read_metadata (GwMbtilesSource  *self,
               GError          **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *format = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM tiles LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, GW_MBTILES_ERROR, GW_MBTILES_ERROR_NOT_MBTILES,
                   _("“%s” is not an MBTiles file: it has no tiles table"), display);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  /* The metadata table is optional: without it the defaults stay. */
  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 0);
          const char *value = (const char *) sqlite3_column_text (stmt, 1);

          if (key == NULL || value == NULL)
            continue;
          if (strcmp (key, "name") == 0)
            replace_string (&self->name, value);
          else if (strcmp (key, "attribution") == 0)
            replace_string (&self->attribution, value);
          else if (strcmp (key, "format") == 0)
            replace_string (&format, value);
          else if (strcmp (key, "minzoom") == 0)
            self->min_zoom = CLAMP (atoi (value), 0, 30);
          else if (strcmp (key, "maxzoom") == 0)
            self->max_zoom = CLAMP (atoi (value), 0, 30);
        }
    }
  sqlite3_finalize (stmt);
  if (self->max_zoom < self->min_zoom)
    self->max_zoom = self->min_zoom;

  if (format != NULL && (g_ascii_strcasecmp (format, "pbf") == 0
                         || g_ascii_strcasecmp (format, "mvt") == 0))
    {
      g_set_error (error, GW_MBTILES_ERROR, GW_MBTILES_ERROR_VECTOR,
                   _("“%s” holds vector tiles; the map can show raster tiles (PNG, JPEG, "
                     "WebP) only"), display);
      return FALSE;
    }
  return TRUE;
}

GwMbtilesSource *
gw_mbtiles_source_new (const char  *path,
                       GError     **error)
{
  g_autoptr(GwMbtilesSource) self = g_object_new (GW_TYPE_MBTILES_SOURCE, NULL);
  if (path == NULL)
    return g_steal_pointer (&self);

  self->path = g_strdup (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, GW_MBTILES_ERROR, GW_MBTILES_ERROR_OPEN,
                   _("The base map file “%s” does not exist"), display);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, GW_MBTILES_ERROR, GW_MBTILES_ERROR_OPEN,
                   _("The base map file “%s” could not be opened: %s"), display,
                   self->db ? sqlite3_errmsg (self->db) : "");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  if (!read_metadata (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
gw_mbtiles_source_get_name (GwMbtilesSource *self)
{
  g_return_val_if_fail (GW_IS_MBTILES_SOURCE (self), NULL);
  return self->name;
}

const char *
gw_mbtiles_source_get_attribution (GwMbtilesSource *self)
{
  g_return_val_if_fail (GW_IS_MBTILES_SOURCE (self), NULL);
  return self->attribution;
}

guint
gw_mbtiles_source_get_min_zoom (GwMbtilesSource *self)
{
  g_return_val_if_fail (GW_IS_MBTILES_SOURCE (self), 0);
  return self->min_zoom;
}

guint
gw_mbtiles_source_get_max_zoom (GwMbtilesSource *self)
{
  g_return_val_if_fail (GW_IS_MBTILES_SOURCE (self), 0);
  return self->max_zoom;
}

ShumateMapSource *
gw_mbtiles_source_create_map_source (GwMbtilesSource *self)
{
  g_return_val_if_fail (GW_IS_MBTILES_SOURCE (self), NULL);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    self->path ? "gridwatch-mbtiles" : "gridwatch-blank",
    self->name ? self->name : "MBTiles",
    self->attribution ? self->attribution : "",
    NULL, self->min_zoom, self->max_zoom, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
    SHUMATE_DATA_SOURCE (self)));
}
