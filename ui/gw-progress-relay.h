/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Carries a worker's progress reports to the main loop, a few hundred times
 * at most however often the worker reports: a change of what is being done,
 * or of the fraction by half a percent, or the end. */

typedef void (*GwProgressShowFunc) (GObject *target, double fraction, const char *what);

typedef struct _GwProgressRelay GwProgressRelay;

/* Made in the main thread, whose thread-default context will call @show on
 * @target (kept alive while reports are under way). */
GwProgressRelay *gw_progress_relay_new    (GObject *target, GwProgressShowFunc show);
/* A GwProgressFunc for the worker: pass the relay as its user data. */
void             gw_progress_relay_report (double fraction, const char *what, gpointer relay);
void             gw_progress_relay_free   (GwProgressRelay *relay);

G_END_DECLS
