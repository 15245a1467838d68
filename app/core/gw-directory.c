/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-directory"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gw-directory.h"
#include "gw-store-private.h"

void
gw_place_free (GwPlace *p)
{
  if (p == NULL)
    return;
  g_free (p->code);
  g_free (p->name);
  g_free (p->county_name);
  g_free (p);
}

void
gw_staff_free (GwStaff *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_free (s->phone);
  g_free (s->grid_name);
  g_free (s->unit);
  g_free (s);
}

void
gw_campaign_free (GwCampaign *c)
{
  if (c == NULL)
    return;
  g_free (c->name);
  g_free (c->start_date);
  g_free (c->end_date);
  g_free (c);
}

void
gw_enterprise_free (GwEnterprise *e)
{
  if (e == NULL)
    return;
  g_free (e->name);
  g_free (e->credit_code);
  g_free (e->industry);
  g_free (e);
}

void
gw_attachment_free (GwAttachment *a)
{
  if (a == NULL)
    return;
  g_free (a->kind);
  g_free (a->filename);
  g_free (a->mime_type);
  g_free (a->sha256);
  g_free (a->added_at);
  g_free (a);
}

static char *
col (sqlite3_stmt *stmt, int i)
{
  return g_strdup (gw_store_column_text (stmt, i));
}

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

static GPtrArray *
collect (GwStore        *self,
         sqlite3_stmt   *stmt,
         RowFunc         row,
         GDestroyNotify  free_func,
         const char     *what,
         GError        **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gw_store_fail (self, what, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gpointer
place_row (sqlite3_stmt *stmt)
{
  GwPlace *p = g_new0 (GwPlace, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->code = col (stmt, 1);
  p->name = col (stmt, 2);
  p->county_id = sqlite3_column_int64 (stmt, 3);
  p->county_name = col (stmt, 4);
  return p;
}

GPtrArray *
gw_store_counties (GwStore *self,
                   GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, "SELECT id, code, name, 0, NULL FROM counties"
                                               " ORDER BY code", error);

  return stmt ? collect (self, stmt, place_row, (GDestroyNotify) gw_place_free,
                         _("reading counties"), error) : NULL;
}

GPtrArray *
gw_store_grids (GwStore *self,
                gint64   county_id,
                GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, "SELECT g.id, g.code, g.name, c.id, c.name"
                                               " FROM grids g JOIN counties c ON c.id = g.county_id"
                                               " WHERE ?1 = 0 OR c.id = ?1 ORDER BY c.code, g.code",
                                         error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, county_id);
  return collect (self, stmt, place_row, (GDestroyNotify) gw_place_free, _("reading grids"),
                  error);
}

#define STAFF_SELECT \
  "SELECT s.id, s.name, s.phone, s.role, coalesce (s.grid_id, 0), g.name, s.unit" \
  " FROM staff s LEFT JOIN grids g ON g.id = s.grid_id"

static gpointer
staff_row (sqlite3_stmt *stmt)
{
  GwStaff *s = g_new0 (GwStaff, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->name = col (stmt, 1);
  s->phone = col (stmt, 2);
  gw_role_parse (gw_store_column_text (stmt, 3), &s->role);
  s->grid_id = sqlite3_column_int64 (stmt, 4);
  s->grid_name = col (stmt, 5);
  s->unit = col (stmt, 6);
  return s;
}

GPtrArray *
gw_store_staff (GwStore *self,
                gint64   grid_id,
                GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, STAFF_SELECT " WHERE s.active = 1 AND"
                                               " (?1 = 0 OR s.grid_id = ?1) ORDER BY"
                                               " CASE s.role WHEN 'grid-chief' THEN 0"
                                               " WHEN 'grid-member' THEN 1 ELSE 2 END, s.grid_id,"
                                               " s.name", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, grid_id);
  return collect (self, stmt, staff_row, (GDestroyNotify) gw_staff_free, _("reading staff"),
                  error);
}

GwStaff *
gw_store_staff_get (GwStore *self,
                    gint64   id,
                    GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, STAFF_SELECT " WHERE s.id = ?1", error);
  GwStaff *s = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    s = staff_row (stmt);
  sqlite3_reset (stmt);
  if (s == NULL)
    g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                 _("%s: there is no staff member %lld"), gw_store_get_path (self), (long long) id);
  return s;
}

static gpointer
enterprise_row (sqlite3_stmt *stmt)
{
  GwEnterprise *e = g_new0 (GwEnterprise, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->name = col (stmt, 1);
  e->credit_code = col (stmt, 2);
  e->grid_id = sqlite3_column_int64 (stmt, 3);
  e->industry = col (stmt, 4);
  return e;
}

GPtrArray *
gw_store_enterprises (GwStore *self,
                      gint64   grid_id,
                      GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, "SELECT id, name, credit_code, grid_id, industry"
                                               " FROM enterprises WHERE ?1 = 0 OR grid_id = ?1"
                                               " ORDER BY name, credit_code", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, grid_id);
  return collect (self, stmt, enterprise_row, (GDestroyNotify) gw_enterprise_free,
                  _("reading enterprises"), error);
}

static gpointer
campaign_row (sqlite3_stmt *stmt)
{
  GwCampaign *c = g_new0 (GwCampaign, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = col (stmt, 1);
  c->start_date = col (stmt, 2);
  c->end_date = col (stmt, 3);
  return c;
}

GPtrArray *
gw_store_campaigns (GwStore *self,
                    GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, "SELECT id, name, start_date, end_date"
                                               " FROM campaigns ORDER BY start_date DESC, name",
                                         error);

  return stmt ? collect (self, stmt, campaign_row, (GDestroyNotify) gw_campaign_free,
                         _("reading campaigns"), error) : NULL;
}

gint64
gw_store_campaign_add (GwStore    *self,
                       const char *name,
                       const char *start_date,
                       const char *end_date,
                       GError    **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, "INSERT INTO campaigns (name, start_date, end_date)"
                                               " VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 2, start_date);
  gw_store_bind_text_or_null (stmt, 3, end_date);
  if (!STEP_DONE (self, stmt, _("adding a campaign"), error))
    return 0;
  return sqlite3_last_insert_rowid (gw_store_get_db (self));
}

static gpointer
attachment_row (sqlite3_stmt *stmt)
{
  GwAttachment *a = g_new0 (GwAttachment, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->hazard_id = sqlite3_column_int64 (stmt, 1);
  a->kind = col (stmt, 2);
  a->filename = col (stmt, 3);
  a->mime_type = col (stmt, 4);
  a->sha256 = col (stmt, 5);
  a->added_at = col (stmt, 6);
  a->size = sqlite3_column_int64 (stmt, 7);
  return a;
}

GPtrArray *
gw_store_attachments (GwStore *self,
                      gint64   hazard_id,
                      GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, "SELECT id, hazard_id, kind, filename, mime_type,"
                                               " sha256, added_at, length (data) FROM attachments"
                                               " WHERE hazard_id = ?1 ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, hazard_id);
  return collect (self, stmt, attachment_row, (GDestroyNotify) gw_attachment_free,
                  _("reading attachments"), error);
}

GBytes *
gw_store_attachment_data (GwStore *self,
                          gint64   attachment_id,
                          GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (self, "SELECT data FROM attachments WHERE id = ?1",
                                         error);
  GBytes *bytes = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attachment_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (bytes == NULL)
    g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                 _("%s: there is no attachment %lld"), gw_store_get_path (self),
                 (long long) attachment_id);
  return bytes;
}
