/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GW_TYPE_FIRST_RUN (gw_first_run_get_type ())
G_DECLARE_FINAL_TYPE (GwFirstRun, gw_first_run, GW, FIRST_RUN, AdwWindow)

/* Offers to create @path: the demo city or an empty database. @welcome: the
 * first start (no database yet) rather than "New Database…". Emits
 * "created" (path) when the file is ready, then closes. */
GwFirstRun *gw_first_run_new           (GtkWindow  *parent,
                                        const char *path,
                                        gboolean    welcome);
const char *gw_first_run_get_path      (GwFirstRun *self);
/* Whether the window should remember the new database as the one to open. */
void        gw_first_run_set_remember  (GwFirstRun *self,
                                        gboolean    remember);
gboolean    gw_first_run_get_remember  (GwFirstRun *self);
/* The size and date of the demo city (tests); 0 / NULL: 3000 hazards, today. */
void        gw_first_run_set_demo      (GwFirstRun *self,
                                        guint       n_hazards,
                                        const char *today);
/* What the two choices do. */
void        gw_first_run_create_demo   (GwFirstRun *self);
void        gw_first_run_create_empty  (GwFirstRun *self);
gboolean    gw_first_run_get_busy      (GwFirstRun *self);

G_END_DECLS
