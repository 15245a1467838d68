/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "gw-preferences.h"

struct _GwPreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template */
  AdwEntryRow          *unit_row;
  GtkSpinButton        *misses_spin;
  GtkSpinButton        *interval_spin;
};

G_DEFINE_FINAL_TYPE (GwPreferences, gw_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static void
gw_preferences_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GW_TYPE_PREFERENCES);
  G_OBJECT_CLASS (gw_preferences_parent_class)->dispose (object);
}

static void
gw_preferences_finalize (GObject *object)
{
  GwPreferences *self = GW_PREFERENCES (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gw_preferences_parent_class)->finalize (object);
}

static void
gw_preferences_class_init (GwPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_preferences_dispose;
  object_class->finalize = gw_preferences_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, GwPreferences, unit_row);
  gtk_widget_class_bind_template_child (widget_class, GwPreferences, misses_spin);
  gtk_widget_class_bind_template_child (widget_class, GwPreferences, interval_spin);
}

static void
gw_preferences_init (GwPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_ID);
  g_settings_bind (self->settings, "reporting-unit", self->unit_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "interview-misses", self->misses_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "board-interval", self->interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
gw_preferences_new (GtkWindow *parent)
{
  return g_object_new (GW_TYPE_PREFERENCES, "transient-for", parent, NULL);
}
