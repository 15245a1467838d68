/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-store.h"

G_BEGIN_DECLS

/* Look-ups for pickers and side panels: counties, grids, staff, campaigns, enterprises,
 * attachments. */

typedef struct {
  gint64  id;
  char   *code;
  char   *name;
  gint64  county_id;      /* grids only */
  char   *county_name;    /* grids only */
} GwPlace;

typedef struct {
  gint64  id;
  char   *name;
  char   *phone;
  GwRole  role;
  gint64  grid_id;        /* 0: none */
  char   *grid_name;
  char   *unit;
} GwStaff;

typedef struct {
  gint64  id;
  char   *name;
  char   *start_date, *end_date;
} GwCampaign;

typedef struct {
  gint64  id;
  char   *name;
  char   *credit_code;    /* 统一社会信用代码, 18 characters */
  gint64  grid_id;
  char   *industry;
} GwEnterprise;

typedef struct {
  gint64  id;
  gint64  hazard_id;
  char   *kind;           /* before, after, other */
  char   *filename;
  char   *mime_type;
  char   *sha256;
  char   *added_at;
  gint64  size;
} GwAttachment;

void       gw_place_free      (GwPlace *place);
void       gw_staff_free      (GwStaff *staff);
void       gw_campaign_free   (GwCampaign *campaign);
void       gw_enterprise_free (GwEnterprise *enterprise);
void       gw_attachment_free (GwAttachment *attachment);

/* Arrays that own their elements. */
GPtrArray *gw_store_counties    (GwStore *self, GError **error);
/* @county_id 0: every grid. Ordered by county code, then grid code. */
GPtrArray *gw_store_grids       (GwStore *self, gint64 county_id, GError **error);
/* @grid_id 0: everybody. Ordered by role, then name. */
GPtrArray *gw_store_staff       (GwStore *self, gint64 grid_id, GError **error);
GwStaff   *gw_store_staff_get   (GwStore *self, gint64 id, GError **error);
GPtrArray *gw_store_campaigns   (GwStore *self, GError **error);
/* @grid_id 0: every enterprise. Ordered by name, then credit code. */
GPtrArray *gw_store_enterprises (GwStore *self, gint64 grid_id, GError **error);
gint64     gw_store_campaign_add (GwStore *self, const char *name, const char *start_date,
                                  const char *end_date, GError **error);
/* Metadata only; the bytes with gw_store_attachment_data. */
GPtrArray *gw_store_attachments (GwStore *self, gint64 hazard_id, GError **error);
GBytes    *gw_store_attachment_data (GwStore *self, gint64 attachment_id, GError **error);

G_END_DECLS
