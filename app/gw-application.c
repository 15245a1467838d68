/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gw-application.h"
#include "gw-board-view.h"
#include "gw-cadence-view.h"
#include "gw-hazard-page.h"
#include "gw-map-view.h"
#include "gw-window.h"

struct _GwApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (GwApplication, gw_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the database FILE"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "win.open", { "<Primary>o", NULL } },
  { "win.new", { "<Primary>n", NULL } },
  { "win.reload", { "<Primary>r", NULL } },
  { "window.close", { "<Primary>w", NULL } },
  { "win.present-board", { "F5", NULL } },
};

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Destroying the windows saves their state; the last one ends the run. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = adw_about_window_new ();
  g_object_set (about,
                "transient-for", gtk_application_get_active_window (app),
                "application-name", _("Gridwatch"),
                "application-icon", BASE_ID,
                "developer-name", _("The Gridwatch developers"),
                "version", PACKAGE_VERSION,
                "license-type", GTK_LICENSE_GPL_3_0,
                "comments", _("Grid-based risk hazard management for ecological-environment "
                              "bureaus: the hazard ledger, rectification and downgrading, "
                              "the ten-day analysis and the weekly meeting board.\n\n"
                              "The demo city is made up. Its township names and codes are "
                              "those of Hengyang, but the township boundaries are synthetic "
                              "shapes, not real borders, and every hazard, enterprise and "
                              "person in it is invented."),
                /* TRANSLATORS: your names, one per line */
                "translator-credits", _("translator-credits"),
                NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Demo Data"),
                                      NULL, GTK_LICENSE_CUSTOM,
                                      _("The township boundaries of the demo city are "
                                        "generated, synthetic geometry. Do not use them "
                                        "as administrative borders."));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
gw_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (gw_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
  gtk_window_set_default_icon_name (BASE_ID);
}

static void
gw_application_activate (GApplication *app)
{
  GwApplication *self = GW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  path = gw_application_default_database (self);
  gw_application_open_database (self, path);
}

static int
gw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("gridwatch %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  return -1;
}

static int
gw_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  GwApplication *self = GW_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      /* Relative to the directory the command was run in. */
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, db);

      path = g_file_get_path (file);
    }
  if (path == NULL)
    path = gw_application_default_database (self);

  gw_application_open_database (self, path);
  return EXIT_SUCCESS;
}

static void
gw_application_finalize (GObject *object)
{
  GwApplication *self = GW_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gw_application_parent_class)->finalize (object);
}

static void
gw_application_class_init (GwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gw_application_finalize;
  app_class->startup = gw_application_startup;
  app_class->activate = gw_application_activate;
  app_class->handle_local_options = gw_application_handle_local_options;
  app_class->command_line = gw_application_command_line;
}

static void
gw_application_init (GwApplication *self)
{
  self->settings = g_settings_new (BASE_ID);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Grid-based hazard management: opens the "
                                              "database and shows its figures."));
}

GwApplication *
gw_application_new (void)
{
  /* The resources sit under the base id whatever the (Devel) application id. */
  return g_object_new (GW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

char *
gw_application_default_database (GwApplication *self)
{
  g_autofree char *configured = NULL;

  g_return_val_if_fail (GW_IS_APPLICATION (self), NULL);

  configured = g_settings_get_string (self->settings, "database-path");
  if (configured != NULL && *configured != '\0')
    return g_steal_pointer (&configured);
  return g_build_filename (g_get_user_data_dir (), "gridwatch", "gridwatch.db", NULL);
}

/* ---- the hazard page and the map --------------------------------------------------- */

/* One "pick location on map" under way in a window: the window, the page and
 * the map are held weakly; a newer pick replaces it as the window's current. */
typedef struct {
  GWeakRef window;
  GWeakRef map;
  gint64   hazard_id;
} PickRequest;

static void
pick_request_free (PickRequest *request)
{
  g_weak_ref_clear (&request->window);
  g_weak_ref_clear (&request->map);
  g_free (request);
}

static void
show_on_map_cb (GwHazardPage *page,
                gint64        hazard_id,
                GwMapView    *map)
{
  GwWindow *window = GW_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));

  gw_window_show_view (window, "map");
  gw_map_view_show_hazard (map, hazard_id);
}

static void
picked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PickRequest *request = user_data;
  g_autoptr(GwWindow) window = g_weak_ref_get (&request->window);
  g_autoptr(GwMapView) map = g_weak_ref_get (&request->map);
  g_autoptr(GError) error = NULL;
  double lat, lon;
  gboolean picked = gw_map_view_pick_location_finish (GW_MAP_VIEW (object), result, &lat, &lon,
                                                      NULL, &error);
  /* A newer pick, or a closed window, makes this one nobody's. */
  gboolean current = window != NULL && g_object_get_data (G_OBJECT (window), "gw-pick") == request;

  if (current)
    g_object_set_data (G_OBJECT (window), "gw-pick", NULL);
  if (current && picked)
    {
      GwHazardPage *page = GW_HAZARD_PAGE (gw_window_get_hazard_page (window));

      gw_window_show_hazard (window, request->hazard_id);
      /* An edit, kept as an event; the page's "changed" refreshes the
       * ledger and the map, and the page warns when the place is outside. */
      if (gw_hazard_page_get_hazard (page) != NULL
          && gw_hazard_page_get_hazard (page)->id == request->hazard_id)
        gw_hazard_page_set_location (page, lat, lon);
    }
  /* Cancel or Escape on the map goes back to the hazard; leaving the map
   * for another view does not. */
  else if (current && map != NULL && gtk_widget_get_mapped (GTK_WIDGET (map)))
    gw_window_show_hazard (window, request->hazard_id);
  pick_request_free (request);
}

static void
pick_location_cb (GwHazardPage *page,
                  gint64        hazard_id,
                  gint64        grid_id,
                  GwMapView    *map)
{
  GwWindow *window = GW_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));
  PickRequest *request = g_new0 (PickRequest, 1);

  g_weak_ref_init (&request->window, window);
  g_weak_ref_init (&request->map, map);
  request->hazard_id = hazard_id;
  /* Set before the map is shown: a pick the map ends on the way is not ours. */
  g_object_set_data (G_OBJECT (window), "gw-pick", request);
  gw_window_show_view (window, "map");
  gw_map_view_pick_location_async (map, grid_id, NULL, picked_cb, request);
}

/* The map and the cadence pages follow the window's store and open hazards in
 * its hazard page; records written there refresh the other views. */
static void
board_presenting_cb (GwBoardView *board,
                     GParamSpec  *pspec,
                     GwWindow    *window)
{
  gw_window_set_presenting (window, gw_board_view_get_presenting (board));
}

void
gw_application_plug_views (GwWindow *window)
{
  GtkWidget *page = gw_window_get_hazard_page (window);

  GtkWidget *cadence = gw_cadence_view_new (gw_window_get_store (window));
  GwMapView *map = gw_map_view_new ();
  GwBoardView *board = GW_BOARD_VIEW (gw_board_view_new ());

  g_object_bind_property (window, "store", cadence, "store", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (cadence, "hazard-activated", G_CALLBACK (gw_window_show_hazard),
                            window);
  g_signal_connect_swapped (cadence, "records-changed", G_CALLBACK (gw_window_refresh), window);
  g_signal_connect_swapped (window, "hazards-changed", G_CALLBACK (gw_cadence_view_reload),
                            cadence);
  gw_window_set_page_widget (window, "cadence", cadence);

  g_object_bind_property (window, "store", map, "store", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (map, "hazard-activated", G_CALLBACK (gw_window_show_hazard), window);
  g_signal_connect_swapped (map, "open-ledger", G_CALLBACK (gw_window_show_grid), window);
  g_signal_connect_swapped (window, "hazards-changed", G_CALLBACK (gw_map_view_reload), map);
  gw_window_set_page_widget (window, "map", GTK_WIDGET (map));

  /* The board reads its own figures; the window goes full screen with it. */
  g_object_bind_property (window, "store", board, "store", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (window, "hazards-changed", G_CALLBACK (gw_board_view_reload), board);
  g_signal_connect (board, "notify::presenting", G_CALLBACK (board_presenting_cb), window);
  gw_window_set_page_widget (window, "board", GTK_WIDGET (board));

  g_signal_connect_object (page, "show-on-map", G_CALLBACK (show_on_map_cb), map, 0);
  g_signal_connect_object (page, "pick-location", G_CALLBACK (pick_location_cb), map, 0);
}

void
gw_application_open_database (GwApplication *self,
                              const char    *path)
{
  GwWindow *window;

  g_return_if_fail (GW_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (GW_IS_WINDOW (l->data) && g_strcmp0 (gw_window_get_path (l->data), path) == 0)
      {
        gtk_window_present (l->data);
        return;
      }

  window = gw_window_new (GTK_APPLICATION (self));
  gw_application_plug_views (window);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_open (window, path);
}
