/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-store.h"

G_BEGIN_DECLS

typedef struct {
  guint       n_hazards;       /* default 3000 */
  guint32     seed;            /* default 1 */
  const char *today;           /* "YYYY-MM-DD"; NULL: today */
  const char *townships_csv;   /* NULL: the copy compiled into the program */
  guint       n_grids;         /* 0: the 191 townships of 衡阳; more: synthetic extra grids (benchmarks) */
} GwDemoOptions;

/* Called from the generating thread; @fraction in [0, 1]. */
typedef void (*GwProgressFunc) (double fraction, const char *what, gpointer user_data);

/* Fills an empty store with the demo city: counties, township grids with
 * synthetic boundaries, staff, enterprises, hazards with consistent events,
 * checks and meetings. Deterministic for a seed and a date. One transaction. */
gboolean gw_demo_generate (GwStore             *store,
                           const GwDemoOptions *options,
                           GwProgressFunc       progress,
                           gpointer             user_data,
                           GCancellable        *cancellable,
                           GError             **error);

G_END_DECLS
