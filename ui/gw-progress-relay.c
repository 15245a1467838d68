/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-progress-relay.h"

struct _GwProgressRelay
{
  GObject            *target;
  GwProgressShowFunc  show;
  GMainContext       *context;
  double              last_fraction;   /* the worker's alone */
  char               *last_what;
};

typedef struct {
  GObject            *target;
  GwProgressShowFunc  show;
  double              fraction;
  char               *what;
} Report;

GwProgressRelay *
gw_progress_relay_new (GObject            *target,
                       GwProgressShowFunc  show)
{
  GwProgressRelay *relay = g_new0 (GwProgressRelay, 1);

  relay->target = g_object_ref (target);
  relay->show = show;
  relay->context = g_main_context_ref_thread_default ();
  relay->last_fraction = -1;
  return relay;
}

void
gw_progress_relay_free (GwProgressRelay *relay)
{
  if (relay == NULL)
    return;
  g_object_unref (relay->target);
  g_main_context_unref (relay->context);
  g_free (relay->last_what);
  g_free (relay);
}

static void
report_free (Report *report)
{
  g_object_unref (report->target);
  g_free (report->what);
  g_free (report);
}

static gboolean
show_cb (gpointer user_data)
{
  Report *report = user_data;

  report->show (report->target, report->fraction, report->what);
  return G_SOURCE_REMOVE;
}

void
gw_progress_relay_report (double      fraction,
                          const char *what,
                          gpointer    user_data)
{
  GwProgressRelay *relay = user_data;
  GSource *source;
  Report *report;

  if (fraction < 1.0 && fraction >= relay->last_fraction
      && fraction - relay->last_fraction < 0.005 && g_strcmp0 (what, relay->last_what) == 0)
    return;
  relay->last_fraction = fraction;
  g_free (relay->last_what);
  relay->last_what = g_strdup (what);

  report = g_new0 (Report, 1);
  report->target = g_object_ref (relay->target);
  report->show = relay->show;
  report->fraction = fraction;
  report->what = g_strdup (what);
  /* Always through a source: g_main_context_invoke () would run @show here,
   * in the worker, whenever the main thread is not iterating the default
   * context, which is its thread-default too. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, show_cb, report, (GDestroyNotify) report_free);
  g_source_attach (source, relay->context);
  g_source_unref (source);
}
