/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-new-hazard-dialog"

#include "gw-geometry.h"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-directory.h"
#include "gw-enterprise-picker.h"
#include "gw-hazard.h"
#include "gw-new-hazard-dialog.h"
#include "gw-ui-util.h"

struct _GwNewHazardDialog
{
  AdwWindow     parent_instance;

  GwStore      *store;
  gint64        operator_id;
  GArray       *grid_ids;     /* per picker entry; [0] = 0: not chosen */
  gint64        enterprise_grid;  /* whose enterprises the picker lists */
  gboolean      valid;
  gboolean      has_location;
  double        lat, lon;

  /* template */
  GtkDropDown  *grid_dropdown;
  GwEnterprisePicker *enterprise_picker;
  AdwEntryRow  *title_row;
  AdwComboRow  *field_row;
  AdwComboRow  *source_row;
  AdwEntryRow  *found_row;
  AdwEntryRow  *location_row;
  AdwActionRow *pick_on_map_row;
  GtkSwitch    *pick_on_map_switch;
  GtkTextView  *description_view;
  GtkLabel     *problem_label;
  GtkWidget    *create_button;
};

G_DEFINE_FINAL_TYPE (GwNewHazardDialog, gw_new_hazard_dialog, ADW_TYPE_WINDOW)

static void update_pick_on_map (GwNewHazardDialog *self);

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (GwNewHazardDialog *self,
              const char        *problem,
              gboolean           error)
{
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "dim-label");
    }
}

static void
validate (GwNewHazardDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  const char *found = gtk_editable_get_text (GTK_EDITABLE (self->found_row));
  const char *location = gtk_editable_get_text (GTK_EDITABLE (self->location_row));
  guint grid = gtk_drop_down_get_selected (self->grid_dropdown);
  gboolean found_bad, location_bad;
  GDate date;

  found_bad = *found != '\0' && (strlen (found) != 10 || !gw_date_parse (found, &date));
  self->has_location = *location != '\0' && gw_location_parse (location, &self->lat, &self->lon);
  location_bad = *location != '\0' && !self->has_location;
  gw_widget_set_error (self->found_row, found_bad);
  gw_widget_set_error (self->location_row, location_bad);

  if (found_bad)
    show_problem (self, _("Write the day it was found as YYYY-MM-DD."), TRUE);
  else if (location_bad)
    show_problem (self, _("Write the location as latitude, longitude in degrees, e.g. "
                          "26.89, 112.57."), TRUE);
  else if (grid == 0 || grid == GTK_INVALID_LIST_POSITION)
    show_problem (self, _("Choose the grid where it was found."), FALSE);
  else if (*title == '\0')
    show_problem (self, _("Give it a title of a few words."), FALSE);
  else
    show_problem (self, NULL, FALSE);

  self->valid = !found_bad && !location_bad && grid > 0 && grid != GTK_INVALID_LIST_POSITION
                && *title != '\0';
  gtk_widget_set_sensitive (self->create_button, self->valid);
}

/* The enterprise picker lists the chosen grid's enterprises. */
static void
update_enterprises (GwNewHazardDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->grid_dropdown);
  gint64 grid = i < self->grid_ids->len ? g_array_index (self->grid_ids, gint64, i) : 0;
  g_autoptr(GPtrArray) enterprises = NULL;

  if (self->store == NULL || grid == self->enterprise_grid)
    return;
  self->enterprise_grid = grid;
  if (grid > 0)
    enterprises = gw_store_enterprises (self->store, grid, NULL);
  gw_enterprise_picker_set_enterprises (self->enterprise_picker, enterprises);
}

static void
changed_cb (GwNewHazardDialog *self)
{
  update_enterprises (self);
  validate (self);
}

static void
create_clicked_cb (GwNewHazardDialog *self)
{
  gw_new_hazard_dialog_create (self);
}

static void
fill (GwNewHazardDialog *self)
{
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GtkStringList) grid_list = NULL;
  g_autoptr(GtkStringList) field_list = NULL;
  g_autoptr(GtkStringList) source_list = NULL;
  g_autoptr(GError) error = NULL;
  GtkExpression *expression;
  gint64 zero = 0;
  GDate today;

  g_array_append_val (self->grid_ids, zero);
  g_ptr_array_add (strings, (gpointer) _("Choose…"));
  grids = gw_store_grids (self->store, 0, &error);
  for (guint i = 0; grids != NULL && i < grids->len; i++)
    {
      GwPlace *grid = grids->pdata[i];

      g_array_append_val (self->grid_ids, grid->id);
      /* TRANSLATORS: a grid in its county, "珠晖区 · 衡州路街道" */
      g_ptr_array_add (owned, g_strdup_printf (_("%s · %s"), grid->county_name, grid->name));
      g_ptr_array_add (strings, owned->pdata[owned->len - 1]);
    }
  g_ptr_array_add (strings, NULL);
  grid_list = gtk_string_list_new ((const char * const *) strings->pdata);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->grid_dropdown, expression);
  gtk_expression_unref (expression);
  gtk_drop_down_set_model (self->grid_dropdown, G_LIST_MODEL (grid_list));

  for (guint f = 0; f < GW_N_FIELDS; f++)
    g_ptr_array_add (fields, (gpointer) gw_field_label (f));
  g_ptr_array_add (fields, NULL);
  field_list = gtk_string_list_new ((const char * const *) fields->pdata);
  adw_combo_row_set_model (self->field_row, G_LIST_MODEL (field_list));
  for (guint s = 0; s < GW_N_SOURCES; s++)
    g_ptr_array_add (sources, (gpointer) gw_source_label (s));
  g_ptr_array_add (sources, NULL);
  source_list = gtk_string_list_new ((const char * const *) sources->pdata);
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (source_list));

  gw_date_today (&today);
  {
    g_autofree char *text = gw_date_to_string (&today);

    gtk_editable_set_text (GTK_EDITABLE (self->found_row), text);
  }
  /* The operator's own grid first. */
  if (self->operator_id > 0)
    {
      GwStaff *staff = gw_store_staff_get (self->store, self->operator_id, NULL);

      if (staff != NULL && staff->grid_id > 0)
        gw_new_hazard_dialog_set_grid (self, staff->grid_id);
      g_clear_pointer (&staff, gw_staff_free);
    }
  update_enterprises (self);
  validate (self);
}

static void
gw_new_hazard_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GW_TYPE_NEW_HAZARD_DIALOG);
  G_OBJECT_CLASS (gw_new_hazard_dialog_parent_class)->dispose (object);
}

static void
gw_new_hazard_dialog_finalize (GObject *object)
{
  GwNewHazardDialog *self = GW_NEW_HAZARD_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->grid_ids, g_array_unref);
  G_OBJECT_CLASS (gw_new_hazard_dialog_parent_class)->finalize (object);
}

static void
gw_new_hazard_dialog_class_init (GwNewHazardDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_new_hazard_dialog_dispose;
  object_class->finalize = gw_new_hazard_dialog_finalize;

  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (GW_TYPE_ENTERPRISE_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-new-hazard-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, grid_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, enterprise_picker);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, field_row);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, found_row);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, pick_on_map_row);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, pick_on_map_switch);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, GwNewHazardDialog, create_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gw_new_hazard_dialog_init (GwNewHazardDialog *self)
{
  self->grid_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->location_row, "changed", G_CALLBACK (update_pick_on_map), self);
}

GwNewHazardDialog *
gw_new_hazard_dialog_new (GtkWindow *parent,
                          GwStore   *store,
                          gint64     operator_id)
{
  GwNewHazardDialog *self;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  self = g_object_new (GW_TYPE_NEW_HAZARD_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->operator_id = operator_id;
  fill (self);
  return self;
}

gboolean
gw_new_hazard_dialog_set_grid (GwNewHazardDialog *self,
                               gint64             grid_id)
{
  g_return_val_if_fail (GW_IS_NEW_HAZARD_DIALOG (self), FALSE);

  for (guint i = 1; i < self->grid_ids->len; i++)
    if (g_array_index (self->grid_ids, gint64, i) == grid_id)
      {
        gtk_drop_down_set_selected (self->grid_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
gw_new_hazard_dialog_set_title (GwNewHazardDialog *self,
                                const char        *title)
{
  g_return_if_fail (GW_IS_NEW_HAZARD_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
}

gint64
gw_new_hazard_dialog_create (GwNewHazardDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GwHazardNew hazard = { 0 };
  const char *found;
  gint64 id;

  g_return_val_if_fail (GW_IS_NEW_HAZARD_DIALOG (self), 0);

  validate (self);
  if (!self->valid)
    return 0;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  buffer = gtk_text_view_get_buffer (self->description_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  description = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  found = gtk_editable_get_text (GTK_EDITABLE (self->found_row));

  hazard.grid_id = g_array_index (self->grid_ids, gint64,
                                  gtk_drop_down_get_selected (self->grid_dropdown));
  hazard.title = title;
  hazard.description = description;
  hazard.field = adw_combo_row_get_selected (self->field_row);
  hazard.source = adw_combo_row_get_selected (self->source_row);
  hazard.has_location = self->has_location;
  hazard.lat = self->lat;
  hazard.lon = self->lon;
  hazard.found_date = *found ? found : NULL;
  hazard.found_by = self->operator_id;
  hazard.enterprise_id = gw_enterprise_picker_get_selected (self->enterprise_picker);

  id = gw_store_hazard_add (self->store, &hazard, self->operator_id, &error);
  if (id == 0)
    {
      show_problem (self, error->message, TRUE);
      return 0;
    }
  g_signal_emit (self, signals[CREATED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
  return id;
}

/* ---- picking the place on the map after Create -------------------------------------- */

/* Typed coordinates need no pick. */
static void
update_pick_on_map (GwNewHazardDialog *self)
{
  const char *location = gtk_editable_get_text (GTK_EDITABLE (self->location_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->pick_on_map_row), *location == '\0');
}

void
gw_new_hazard_dialog_set_can_pick (GwNewHazardDialog *self,
                                   gboolean           can_pick)
{
  g_return_if_fail (GW_IS_NEW_HAZARD_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->pick_on_map_row), can_pick);
  gtk_switch_set_active (self->pick_on_map_switch, can_pick);
  update_pick_on_map (self);
}

gboolean
gw_new_hazard_dialog_get_pick_on_map (GwNewHazardDialog *self)
{
  const char *location;

  g_return_val_if_fail (GW_IS_NEW_HAZARD_DIALOG (self), FALSE);

  location = gtk_editable_get_text (GTK_EDITABLE (self->location_row));
  return gtk_widget_get_visible (GTK_WIDGET (self->pick_on_map_row))
         && gtk_switch_get_active (self->pick_on_map_switch) && *location == '\0';
}
