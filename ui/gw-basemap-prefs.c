/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-basemap-prefs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-basemap-prefs.h"
#include "gw-mbtiles-source.h"

static const char * const kinds[] = { "none", "mbtiles", "url" };

struct _GwBasemapPrefs
{
  AdwPreferencesGroup   parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;
  AdwComboRow          *kind_row;
  AdwActionRow         *file_row;
  AdwEntryRow          *url_row;
  AdwEntryRow          *attribution_row;
  AdwActionRow         *status_row;
};

G_DEFINE_FINAL_TYPE (GwBasemapPrefs, gw_basemap_prefs, ADW_TYPE_PREFERENCES_GROUP)

static void
show_status (GwBasemapPrefs *self,
             const char     *text,
             gboolean        is_error)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "error");
}

static gboolean
url_is_valid (const char *url)
{
  return (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")
          || g_str_has_prefix (url, "file://"))
         && strstr (url, "{z}") && strstr (url, "{x}") && strstr (url, "{y}");
}

static void
describe_file (GwBasemapPrefs *self,
               const char     *path)
{
  g_autoptr(GwMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (path == NULL || *path == '\0')
    {
      show_status (self, _("Choose an MBTiles file of raster tiles"), FALSE);
      return;
    }
  if ((source = gw_mbtiles_source_new (path, &error)) == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (_("%s, zoom levels %u to %u"),
                          gw_mbtiles_source_get_name (source) ? gw_mbtiles_source_get_name (source)
                                                              : _("Raster tiles"),
                          gw_mbtiles_source_get_min_zoom (source),
                          gw_mbtiles_source_get_max_zoom (source));
  show_status (self, text, FALSE);
}

static void
update (GwBasemapPrefs *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "base-map");
  g_autofree char *path = g_settings_get_string (self->settings, "base-map-file");
  g_autofree char *url = g_settings_get_string (self->settings, "base-map-url");
  gboolean mbtiles = g_strcmp0 (kind, "mbtiles") == 0, tiles_url = g_strcmp0 (kind, "url") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->file_row), mbtiles);
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), tiles_url);
  gtk_widget_set_visible (GTK_WIDGET (self->attribution_row), tiles_url);
  adw_action_row_set_subtitle (self->file_row, *path ? path : _("None chosen"));
  if (mbtiles)
    describe_file (self, path);
  else if (tiles_url && *url != '\0' && !url_is_valid (url))
    show_status (self, _("A tile URL starts with https:// and holds {z}, {x} and {y}"), TRUE);
  else if (tiles_url)
    show_status (self, _("Tiles come from this server over the network; mind its terms of use"),
                 FALSE);
  else
    show_status (self, NULL, FALSE);
}

static gboolean
kind_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *kind = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
kind_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (kinds[i < G_N_ELEMENTS (kinds) ? i : 0]);
}

static void
url_applied_cb (GwBasemapPrefs *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  if (*url != '\0' && !url_is_valid (url))
    {
      show_status (self, _("A tile URL starts with https:// and holds {z}, {x} and {y}"), TRUE);
      return;
    }
  g_settings_set_string (self->settings, "base-map-url", url);
}

static void
attribution_applied_cb (GwBasemapPrefs *self)
{
  g_settings_set_string (self->settings, "base-map-attribution",
                         gtk_editable_get_text (GTK_EDITABLE (self->attribution_row)));
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     GwBasemapPrefs  *self)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GwMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;
  /* Keep the previous file when this one cannot be shown. */
  if ((source = gw_mbtiles_source_new (path, &error)) == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }
  g_settings_set_string (self->settings, "base-map-file", path);
}

static void
choose_clicked_cb (GwBasemapPrefs *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose a Base Map File"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_file_filter_set_name (filter, _("MBTiles Files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
gw_basemap_prefs_dispose (GObject *object)
{
  GwBasemapPrefs *self = GW_BASEMAP_PREFS (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gw_basemap_prefs_parent_class)->dispose (object);
}

static void
gw_basemap_prefs_class_init (GwBasemapPrefsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gw_basemap_prefs_dispose;
}

static void
gw_basemap_prefs_init (GwBasemapPrefs *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *url = NULL, *attribution = NULL;
  GtkWidget *button;

  self->settings = g_settings_new (BASE_ID);
  adw_preferences_group_set_title (group, _("Base Map"));
  adw_preferences_group_set_description (group,
    _("The grids and hazards are drawn without a base map and without the network. A local "
      "MBTiles file of raster tiles works offline; a tile server needs the network."));

  gtk_string_list_append (names, _("None"));
  gtk_string_list_append (names, _("Local MBTiles file"));
  gtk_string_list_append (names, _("Tile server"));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("_Base map"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->kind_row), TRUE);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (names));
  adw_preferences_group_add (group, GTK_WIDGET (self->kind_row));

  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("MBTiles file"));
  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_clicked_cb), self);
  adw_action_row_add_suffix (self->file_row, button);
  adw_action_row_set_activatable_widget (self->file_row, button);
  adw_preferences_group_add (group, GTK_WIDGET (self->file_row));

  self->url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row),
                                 _("Tile URL, with {z}, {x} and {y}"));
  adw_entry_row_set_show_apply_button (self->url_row, TRUE);
  adw_entry_row_set_input_purpose (self->url_row, GTK_INPUT_PURPOSE_URL);
  url = g_settings_get_string (self->settings, "base-map-url");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  g_signal_connect_swapped (self->url_row, "apply", G_CALLBACK (url_applied_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->url_row));

  self->attribution_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->attribution_row),
                                 _("Attribution shown on the map"));
  adw_entry_row_set_show_apply_button (self->attribution_row, TRUE);
  attribution = g_settings_get_string (self->settings, "base-map-attribution");
  gtk_editable_set_text (GTK_EDITABLE (self->attribution_row), attribution);
  g_signal_connect_swapped (self->attribution_row, "apply", G_CALLBACK (attribution_applied_cb),
                            self);
  adw_preferences_group_add (group, GTK_WIDGET (self->attribution_row));

  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->status_row), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "dim-label");
  adw_preferences_group_add (group, GTK_WIDGET (self->status_row));

  g_settings_bind_with_mapping (self->settings, "base-map", self->kind_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, kind_get_mapping, kind_set_mapping,
                                NULL, NULL);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

GwBasemapPrefs *
gw_basemap_prefs_new (void)
{
  return g_object_new (GW_TYPE_BASEMAP_PREFS, NULL);
}
