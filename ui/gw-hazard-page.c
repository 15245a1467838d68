/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-hazard-page"

#include "gw-geometry.h"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gw-directory.h"
#include "gw-enterprise-picker.h"
#include "gw-hazard-page.h"
#include "gw-map-data.h"
#include "gw-roles.h"
#include "gw-transition-dialog.h"
#include "gw-ui-util.h"
#include "gw-dekad.h"

#define THUMBNAIL_WIDTH 120
#define THUMBNAIL_HEIGHT 90

struct _GwHazardPage
{
  AdwBin                parent_instance;

  GwStore              *store;
  gint64                operator_id;
  GwHazard             *hazard;
  GPtrArray            *events;          /* GwEvent, oldest first */
  GPtrArray            *attachments;     /* GwAttachment */
  GPtrArray            *campaigns;       /* GwCampaign */
  GArray               *staff_ids;       /* per responsible entry; [0] = 0: none */
  GArray               *campaign_ids;    /* per campaign entry; [0] = 0: none */
  GHashTable           *pictures;        /* attachment id → GtkPicture (not owned) */
  gboolean              filling;         /* widgets being set from the hazard */
  GtkWindow            *dialog;          /* weak */
  GtkFileChooserNative *chooser;
  char                 *chooser_kind;
  char                 *last_error;
  guint                 n_busy;
  GCancellable         *cancellable;     /* thumbnails of the hazard shown */

  /* template */
  GtkLabel             *number_label;
  GtkLabel             *title_label;
  GtkLabel             *level_chip;
  GtkLabel             *state_chip;
  GtkWidget            *deadline_box;
  GtkWidget            *deadline_icon;
  GtkLabel             *deadline_label;
  GtkBox               *transition_box;
  AdwEntryRow          *title_row;
  AdwActionRow         *grid_row;
  AdwComboRow          *field_row;
  AdwComboRow          *source_row;
  AdwActionRow         *enterprise_row;
  GwEnterprisePicker   *enterprise_picker;
  AdwEntryRow          *location_row;
  AdwActionRow         *location_map_row;
  AdwActionRow         *location_warning_row;
  AdwActionRow         *found_row;
  GtkLabel             *details_error_label;
  GtkButton            *description_save_button;
  GtkTextView          *description_view;
  AdwActionRow         *level_row;
  AdwComboRow          *urgency_row;
  AdwComboRow          *measure_row;
  AdwEntryRow          *unit_row;
  AdwComboRow          *responsible_row;
  AdwEntryRow          *deadline_row;
  AdwComboRow          *campaign_row;
  AdwActionRow         *closed_row;
  GtkLabel             *rect_error_label;
  GtkWidget            *before_box;
  GtkWidget            *after_box;
  GtkFlowBox           *before_flow;
  GtkFlowBox           *after_flow;
  GtkWidget            *before_empty_label;
  GtkWidget            *after_empty_label;
  GtkEntry             *comment_entry;
  GtkListBox           *history_list;
};

G_DEFINE_FINAL_TYPE (GwHazardPage, gw_hazard_page, ADW_TYPE_BIN)

enum {
  BACK,
  CHANGED,
  SHOW_ON_MAP,
  PICK_LOCATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fill (GwHazardPage *self);
static void fill_location_map (GwHazardPage *self);

/* ---- helpers ------------------------------------------------------------------ */

static GtkWindow *
parent_window (GwHazardPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_inline_error (GtkLabel   *label,
                   const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
clear_errors (GwHazardPage *self)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->title_row), GTK_WIDGET (self->location_row),
                        GTK_WIDGET (self->deadline_row) };

  show_inline_error (self->details_error_label, NULL);
  show_inline_error (self->rect_error_label, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
}

static void
set_strings (AdwComboRow *row,
             GPtrArray   *strings)
{
  g_autoptr(GtkStringList) list = NULL;

  g_ptr_array_add (strings, NULL);
  list = gtk_string_list_new ((const char * const *) strings->pdata);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

/* ---- writing ------------------------------------------------------------------ */

static void
after_change (GwHazardPage *self)
{
  g_clear_pointer (&self->last_error, g_free);
  gw_hazard_page_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Writes one field; on refusal the store's words are shown under @where
 * and the widgets go back to what is stored. */
static gboolean
edit_field (GwHazardPage *self,
            const char   *field,
            const char   *value,
            GtkLabel     *where)
{
  g_autoptr(GError) error = NULL;

  if (self->hazard == NULL || self->store == NULL)
    return FALSE;
  if (!gw_store_hazard_edit (self->store, self->hazard->id, field, value, self->operator_id,
                             &error))
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      gw_hazard_page_reload (self);
      show_inline_error (where, error->message);
      return FALSE;
    }
  show_inline_error (where, NULL);
  after_change (self);
  return TRUE;
}

static void
refuse (GwHazardPage *self,
        gpointer      row,
        GtkLabel     *where,
        const char   *message)
{
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  gw_widget_set_error (row, TRUE);
  show_inline_error (where, message);
}

static void
title_changed_cb (GwHazardPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (!self->filling)
    gw_widget_set_error (self->title_row, *stripped == '\0');
}

static void
title_apply_cb (GwHazardPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (*text == '\0')
    {
      refuse (self, self->title_row, self->details_error_label,
              _("A hazard needs a title: describe it in a few words."));
      return;
    }
  edit_field (self, "title", text, self->details_error_label);
}

static void
location_changed_cb (GwHazardPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->location_row));
  double lat, lon;

  if (!self->filling)
    gw_widget_set_error (self->location_row, *text != '\0' && !gw_location_parse (text, &lat, &lon));
}

static void
location_apply_cb (GwHazardPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->location_row));
  char lat_text[G_ASCII_DTOSTR_BUF_SIZE], lon_text[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *value = NULL;
  double lat, lon;

  if (*text != '\0' && !gw_location_parse (text, &lat, &lon))
    {
      refuse (self, self->location_row, self->details_error_label,
              _("Write the location as latitude, longitude in degrees, e.g. 26.89, 112.57 "
                "(latitude −90 to 90, longitude −180 to 180)."));
      return;
    }
  if (*text != '\0')
    value = g_strdup_printf ("%s,%s", g_ascii_formatd (lat_text, sizeof lat_text, "%.6f", lat),
                             g_ascii_formatd (lon_text, sizeof lon_text, "%.6f", lon));
  edit_field (self, "location", value, self->details_error_label);
}

static void
unit_apply_cb (GwHazardPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_row))));

  edit_field (self, "responsible_unit", *text ? text : NULL, self->rect_error_label);
}

static void
deadline_changed_cb (GwHazardPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->deadline_row));

  if (!self->filling)
    gw_widget_set_error (self->deadline_row, *text != '\0' && !gw_date_text_valid (text));
}

static void
deadline_apply_cb (GwHazardPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->deadline_row))));

  if (*text != '\0' && !gw_date_text_valid (text))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date: write it as "
                                                    "YYYY-MM-DD, e.g. 2026-12-31."), text);

      refuse (self, self->deadline_row, self->rect_error_label, message);
      return;
    }
  edit_field (self, "deadline", *text ? text : NULL, self->rect_error_label);
}

static void
field_selected_cb (GwHazardPage *self)
{
  guint i = adw_combo_row_get_selected (self->field_row);

  if (!self->filling && i < GW_N_FIELDS)
    edit_field (self, "field", gw_field_to_id (i), self->details_error_label);
}

static void
source_selected_cb (GwHazardPage *self)
{
  guint i = adw_combo_row_get_selected (self->source_row);

  if (!self->filling && i < GW_N_SOURCES)
    edit_field (self, "source", gw_source_to_id (i), self->details_error_label);
}

static void
urgency_selected_cb (GwHazardPage *self)
{
  guint i = adw_combo_row_get_selected (self->urgency_row);

  if (!self->filling && i < GW_N_URGENCIES)
    edit_field (self, "urgency", i == GW_URGENCY_NONE ? NULL : gw_urgency_to_id (i),
                self->rect_error_label);
}

static void
measure_selected_cb (GwHazardPage *self)
{
  guint i = adw_combo_row_get_selected (self->measure_row);

  if (!self->filling && i < GW_N_MEASURES)
    edit_field (self, "measure", i == GW_MEASURE_NONE ? NULL : gw_measure_to_id (i),
                self->rect_error_label);
}

static void
responsible_selected_cb (GwHazardPage *self)
{
  guint i = adw_combo_row_get_selected (self->responsible_row);
  g_autofree char *value = NULL;

  if (self->filling || i >= self->staff_ids->len)
    return;
  value = id_text (g_array_index (self->staff_ids, gint64, i));
  edit_field (self, "responsible", value, self->rect_error_label);
}

static void
campaign_selected_cb (GwHazardPage *self)
{
  guint i = adw_combo_row_get_selected (self->campaign_row);
  g_autofree char *value = NULL;

  if (self->filling || i >= self->campaign_ids->len)
    return;
  value = id_text (g_array_index (self->campaign_ids, gint64, i));
  edit_field (self, "campaign", value, self->rect_error_label);
}

static void
description_changed_cb (GwHazardPage *self)
{
  if (!self->filling)
    gtk_widget_set_visible (GTK_WIDGET (self->description_save_button), TRUE);
}

static void
save_description_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GwHazardPage *self = GW_HAZARD_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  edit_field (self, "description", text, self->details_error_label);
}

static void
comment (GwHazardPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_entry))));
  g_autoptr(GError) error = NULL;

  if (self->hazard == NULL || *text == '\0')
    return;
  if (!gw_store_hazard_comment (self->store, self->hazard->id, text, self->operator_id, &error))
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      gw_toast_add (GTK_WIDGET (self), error->message, 0);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  after_change (self);
}

static void
comment_activate_cb (GwHazardPage *self)
{
  comment (self);
}

static void
comment_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  comment (GW_HAZARD_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

/* ---- transitions -------------------------------------------------------------- */

static void
show_refusal (GwHazardPage *self,
              const char   *heading,
              const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_apply_cb (GwTransitionDialog *dialog,
               GwHazardPage       *self)
{
  g_autoptr(GError) error = NULL;
  GwTransition transition = gw_transition_dialog_get_transition (dialog);
  GwMove move;

  if (self->hazard == NULL)
    return;
  gw_transition_dialog_get_move (dialog, &move);
  if (!gw_store_hazard_move (self->store, self->hazard->id, &move, self->operator_id, &error))
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      show_refusal (self, _("The Change Was Refused"), error->message);
      return;
    }
  {
    /* TRANSLATORS: a transition done, "Assess and assign: now Rectifying" */
    g_autofree char *text = g_strdup_printf (_("%s: now %s"), gw_transition_label (transition),
                                             gw_state_label (move.to));

    gw_toast_add (GTK_WIDGET (self), text, 0);
  }
  after_change (self);
}

static void
track_dialog (GwHazardPage *self,
              GtkWindow    *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static void
transition_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GwHazardPage *self = GW_HAZARD_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  GwTransitionDialog *dialog;
  GwTransition transition = GW_N_TRANSITIONS;

  for (guint t = 0; t < GW_N_TRANSITIONS; t++)
    if (g_str_equal (id, gw_transition_to_id (t)))
      transition = t;
  if (self->hazard == NULL || transition == GW_N_TRANSITIONS
      || gw_transition_source (transition) != self->hazard->state)
    return;

  dialog = gw_transition_dialog_new (parent_window (self), self->store, transition,
                                     self->hazard, 1);
  g_signal_connect_object (dialog, "apply", G_CALLBACK (move_apply_cb), self, 0);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill_transitions (GwHazardPage *self)
{
  GtkWidget *child;
  GwState targets[2];
  guint n = gw_transition_targets (self->hazard->state, targets);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->transition_box))) != NULL)
    gtk_box_remove (self->transition_box, child);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GError) refusal = NULL;
      GwTransition transition;
      GtkWidget *button;

      if (!gw_transition_lookup (self->hazard->state, targets[i], &transition))
        continue;
      label = g_strdup_printf (_("%s…"), gw_transition_label (transition));
      button = gtk_button_new_with_label (label);
      /* Shown to everybody, usable by those the store lets do it (an action
       * would make the button sensitive again). */
      if (self->store != NULL
          && !gw_store_authorize_move (self->store, self->operator_id, transition,
                                       self->hazard->grid_id, self->hazard->number, &refusal))
        {
          gtk_widget_set_sensitive (button, FALSE);
          gtk_widget_set_tooltip_text (button, refusal->message);
        }
      else
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "hazard.transition");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                            gw_transition_to_id (transition));
        }
      g_object_set_data (G_OBJECT (button), "gw-transition",
                         (gpointer) gw_transition_to_id (transition));
      /* The flow's way forward is the suggested one; closing as unfounded
       * and failing a verification are not. */
      if (transition != GW_TRANSITION_UNFOUNDED && transition != GW_TRANSITION_FAIL
          && transition != GW_TRANSITION_RECTIFY_FURTHER)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (self->transition_box, button);
    }
}

/* ---- photos ------------------------------------------------------------------- */

typedef struct {
  gint64  hazard_id;
  char   *kind;
  GFile  *file;
  char   *name;        /* results of the worker */
  char   *mime_type;
  GBytes *bytes;
} AddPhoto;

static void
add_photo_free (AddPhoto *data)
{
  g_free (data->kind);
  g_clear_object (&data->file);
  g_free (data->name);
  g_free (data->mime_type);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
add_photo_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AddPhoto *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;

  /* Reading a photo from a (network) folder and looking at it happen
   * here; the short write of its bytes on the main connection. */
  data->name = g_file_get_basename (data->file);
  data->bytes = g_file_load_bytes (data->file, cancellable, NULL, &error);
  if (data->bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  content_type = g_content_type_guess (data->name, g_bytes_get_data (data->bytes, NULL),
                                       g_bytes_get_size (data->bytes), NULL);
  data->mime_type = g_content_type_get_mime_type (content_type);
  if (data->mime_type == NULL || !g_str_has_prefix (data->mime_type, "image/"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” is not a photo: add JPEG, PNG or other image files."),
                               data->name);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
add_photo_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GwHazardPage *self = GW_HAZARD_PAGE (object);
  AddPhoto *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->n_busy--;
  if (!g_task_propagate_boolean (G_TASK (result), &error)
      || self->store == NULL
      || gw_store_attachment_add (self->store, data->hazard_id, data->kind, data->name,
                                  data->mime_type, data->bytes, self->operator_id,
                                  error ? NULL : &error) == 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error ? error->message : _("No database is open"));
      gw_toast_add (GTK_WIDGET (self), self->last_error, 0);
      return;
    }
  if (self->hazard != NULL && self->hazard->id == data->hazard_id)
    after_change (self);
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GwHazardPage    *self)
{
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (&self->chooser);
  g_autoptr(GListModel) files = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      gw_hazard_page_add_photo (self, file, self->chooser_kind);
    }
}

static void
add_photo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GwHazardPage *self = GW_HAZARD_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  if (self->hazard == NULL)
    return;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_free (self->chooser_kind);
  self->chooser_kind = g_strdup (kind);

  self->chooser = gtk_file_chooser_native_new (g_str_equal (kind, "after")
                                               ? _("Add Photos Taken After Rectification")
                                               : _("Add Photos Taken Before Rectification"),
                                               parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (images, _("Photos"));
  gtk_file_filter_add_mime_type (images, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), images);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GwHazardPage  *self)
{
  const char *kind = g_object_get_data (G_OBJECT (target), "gw-kind");
  GSList *files;

  if (self->hazard == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    gw_hazard_page_add_photo (self, l->data, kind);
  g_slist_free (files);
  return TRUE;
}

static void
add_drop_target (GwHazardPage *self,
                 GtkWidget    *widget,
                 const char   *kind)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_object_set_data (G_OBJECT (target), "gw-kind", (gpointer) kind);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

typedef struct {
  gint64      id;
  GdkTexture *texture;     /* the photo */
  GdkTexture *thumbnail;   /* cropped to the thumbnail's shape */
} Thumbnail;

typedef struct {
  GArray    *ids;       /* gint64 */
  GPtrArray *bytes;     /* GBytes, read on the main connection */
  GArray    *results;   /* Thumbnail */
} LoadThumbnails;

static void
bytes_unref0 (gpointer bytes)
{
  if (bytes != NULL)
    g_bytes_unref (bytes);
}

static void
load_thumbnails_free (LoadThumbnails *data)
{
  g_array_unref (data->ids);
  g_ptr_array_unref (data->bytes);
  for (guint i = 0; i < data->results->len; i++)
    {
      g_clear_object (&g_array_index (data->results, Thumbnail, i).texture);
      g_clear_object (&g_array_index (data->results, Thumbnail, i).thumbnail);
    }
  g_array_unref (data->results);
  g_free (data);
}

/* Scales and crops a photo to the thumbnail's shape, as "cover" would: a
 * small texture to draw, and a picture whose natural size is the tile's. */
static GdkTexture *
scale_to_thumbnail (GBytes *bytes)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GdkPixbuf) photo = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GdkPixbuf) cropped = NULL;
  int width, height, scaled_width, scaled_height;
  double scale;

  if (photo == NULL)
    return NULL;
  /* Phones write the camera's orientation beside the pixels. */
  oriented = gdk_pixbuf_apply_embedded_orientation (photo);
  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);
  scale = MAX ((double) THUMBNAIL_WIDTH / width, (double) THUMBNAIL_HEIGHT / height);
  scaled_width = MAX (THUMBNAIL_WIDTH, (int) (width * scale + 0.5));
  scaled_height = MAX (THUMBNAIL_HEIGHT, (int) (height * scale + 0.5));
  scaled = gdk_pixbuf_scale_simple (oriented, scaled_width, scaled_height, GDK_INTERP_BILINEAR);
  if (scaled == NULL)
    return NULL;
  cropped = gdk_pixbuf_new_subpixbuf (scaled, (scaled_width - THUMBNAIL_WIDTH) / 2,
                                      (scaled_height - THUMBNAIL_HEIGHT) / 2,
                                      THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  return gdk_texture_new_for_pixbuf (cropped);
}

/* Photos are decoded and scaled by a worker. */
static void
load_thumbnails_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  LoadThumbnails *data = task_data;

  for (guint i = 0; i < data->ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Thumbnail thumbnail = { g_array_index (data->ids, gint64, i), NULL, NULL };
      GBytes *bytes = data->bytes->pdata[i];

      if (bytes != NULL)
        thumbnail.texture = gdk_texture_new_from_bytes (bytes, NULL);
      if (thumbnail.texture != NULL)
        {
          thumbnail.thumbnail = scale_to_thumbnail (bytes);
          g_array_append_val (data->results, thumbnail);
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
load_thumbnails_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GwHazardPage *self = GW_HAZARD_PAGE (object);
  LoadThumbnails *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->n_busy--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the photos: %s", error->message);
      return;
    }
  for (guint i = 0; i < data->results->len; i++)
    {
      Thumbnail *thumbnail = &g_array_index (data->results, Thumbnail, i);
      GtkPicture *picture = g_hash_table_lookup (self->pictures, &thumbnail->id);

      if (picture == NULL)
        continue;
      gtk_picture_set_paintable (picture, GDK_PAINTABLE (thumbnail->thumbnail != NULL
                                                         ? thumbnail->thumbnail
                                                         : thumbnail->texture));
      /* The photo itself, opened large on a click. */
      g_object_set_data_full (G_OBJECT (picture), "gw-photo", g_object_ref (thumbnail->texture),
                              g_object_unref);
    }
}

static void
open_photo_cb (GtkButton    *button,
               GwHazardPage *self)
{
  GtkPicture *thumbnail = GTK_PICTURE (gtk_button_get_child (button));
  GdkPaintable *paintable = g_object_get_data (G_OBJECT (thumbnail), "gw-photo");
  const char *name = g_object_get_data (G_OBJECT (button), "gw-filename");
  GtkWidget *window, *box, *header, *picture;

  if (paintable == NULL)
    return;
  window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), parent_window (self));
  gtk_window_set_title (GTK_WINDOW (window), name);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  picture = gtk_picture_new_for_paintable (paintable);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_vexpand (picture, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), picture);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static GtkWidget *
thumbnail_new (GwHazardPage       *self,
               const GwAttachment *attachment)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *picture = gtk_picture_new ();
  g_autofree char *tooltip = NULL;
  gint64 *key = g_new (gint64, 1);

  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_button_set_child (GTK_BUTTON (button), picture);
  gtk_widget_add_css_class (button, "photo-thumbnail");
  /* TRANSLATORS: a photo's file name, when it was added, and its checksum */
  tooltip = g_strdup_printf (_("%s\nAdded %s\nSHA-256 %s"), attachment->filename,
                             attachment->added_at, attachment->sha256);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "gw-filename", g_strdup (attachment->filename),
                          g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (open_photo_cb), self);

  *key = attachment->id;
  g_hash_table_insert (self->pictures, key, picture);
  return button;
}

static void
clear_flow (GtkFlowBox *flow)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (flow))) != NULL)
    gtk_flow_box_remove (flow, child);
}

static void
fill_photos (GwHazardPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadThumbnails *data;
  guint n_before = 0, n_after = 0;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->pictures);
  clear_flow (self->before_flow);
  clear_flow (self->after_flow);

  data = g_new0 (LoadThumbnails, 1);
  data->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->bytes = g_ptr_array_new_with_free_func (bytes_unref0);
  data->results = g_array_new (FALSE, FALSE, sizeof (Thumbnail));
  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    {
      GwAttachment *attachment = self->attachments->pdata[i];
      gboolean after = g_strcmp0 (attachment->kind, "after") == 0;

      if (attachment->mime_type == NULL || !g_str_has_prefix (attachment->mime_type, "image/"))
        continue;
      gtk_flow_box_append (after ? self->after_flow : self->before_flow,
                           thumbnail_new (self, attachment));
      g_array_append_val (data->ids, attachment->id);
      /* One row's blob: quick on the main connection; decoding is not. */
      g_ptr_array_add (data->bytes, gw_store_attachment_data (self->store, attachment->id, NULL));
      if (after)
        n_after++;
      else
        n_before++;
    }
  gtk_widget_set_visible (self->before_empty_label, n_before == 0);
  gtk_widget_set_visible (self->after_empty_label, n_after == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->before_flow), n_before > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->after_flow), n_after > 0);

  if (data->ids->len == 0)
    {
      load_thumbnails_free (data);
      return;
    }
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, load_thumbnails_done_cb, NULL);
  g_task_set_source_tag (task, fill_photos);
  g_task_set_task_data (task, data, (GDestroyNotify) load_thumbnails_free);
  g_task_run_in_thread (task, load_thumbnails_thread);
  self->n_busy++;
}

/* ---- the history ----------------------------------------------------------------- */

static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "title", N_("Title") },
    { "description", N_("Description") },
    { "responsible_unit", N_("Responsible unit") },
    { "deadline", N_("Deadline") },
    { "campaign", N_("Campaign") },
    { "enterprise", N_("Enterprise") },
    { "responsible", N_("Responsible person") },
    { "field", N_("Field") },
    { "source", N_("Source") },
    { "urgency", N_("Urgency class") },
    { "measure", N_("Measure") },
    { "location", N_("Location") },
    { "level", N_("Risk level") },
    { "state", N_("State") },
    { "closed_date", N_("Closed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (field, labels[i].field) == 0)
      return _(labels[i].label);
  return field;
}

/* A stored value as a person reads it. */
static char *
value_text (GwHazardPage *self,
            const char   *field,
            const char   *value)
{
  GwField f;
  GwSource source;
  GwUrgency urgency;
  GwMeasure measure;
  GwLevel level;
  GwState state;

  if (value == NULL || *value == '\0')
    return g_strdup ("—");
  if (g_strcmp0 (field, "field") == 0 && gw_field_parse (value, &f))
    return g_strdup (gw_field_label (f));
  if (g_strcmp0 (field, "source") == 0 && gw_source_parse (value, &source))
    return g_strdup (gw_source_label (source));
  if (g_strcmp0 (field, "urgency") == 0 && gw_urgency_parse (value, &urgency))
    return g_strdup (gw_urgency_label (urgency));
  if (g_strcmp0 (field, "measure") == 0 && gw_measure_parse (value, &measure))
    return g_strdup (gw_measure_label (measure));
  if (g_strcmp0 (field, "level") == 0 && gw_level_parse (value, &level))
    return g_strdup (gw_level_label (level));
  if (g_strcmp0 (field, "state") == 0 && gw_state_parse (value, &state))
    return g_strdup (gw_state_label (state));
  if (g_strcmp0 (field, "responsible") == 0)
    {
      char *name = gw_store_staff_name (self->store, g_ascii_strtoll (value, NULL, 10));

      return name ? name : g_strdup (value);
    }
  if (g_strcmp0 (field, "campaign") == 0)
    for (guint i = 0; self->campaigns && i < self->campaigns->len; i++)
      {
        GwCampaign *campaign = self->campaigns->pdata[i];

        if (campaign->id == g_ascii_strtoll (value, NULL, 10))
          return g_strdup (campaign->name);
      }
  if (g_strcmp0 (field, "description") == 0 && g_utf8_strlen (value, -1) > 40)
    {
      g_autofree char *start = g_utf8_substring (value, 0, 40);

      return g_strconcat (start, "…", NULL);
    }
  return g_strdup (value);
}

static char *
change_text (GwHazardPage *self,
             const char   *field,
             const char   *from,
             const char   *to)
{
  g_autofree char *from_text = value_text (self, field, from);
  g_autofree char *to_text = value_text (self, field, to);

  /* TRANSLATORS: a change of a field, "Deadline: 2026-11-30 → 2026-12-31" */
  return g_strdup_printf (_("%s: %s → %s"), field_label (field), from_text, to_text);
}

/* What else a transition changed, one line per field, from its details. */
static char *
details_text (GwHazardPage  *self,
              const GwEvent *event)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *object;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (event->details == NULL || !json_parser_load_from_data (parser, event->details, -1, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      JsonArray *pair;
      g_autofree char *line = NULL;

      if (g_str_equal (member, "state") || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      pair = json_node_get_array (node);
      if (json_array_get_length (pair) != 2)
        continue;
      line = change_text (self, member,
                          json_array_get_null_element (pair, 0) ? NULL
                          : json_array_get_string_element (pair, 0),
                          json_array_get_null_element (pair, 1) ? NULL
                          : json_array_get_string_element (pair, 1));
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static GtkWidget *
event_row_new (GwHazardPage  *self,
               const GwEvent *event)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *icon, *what, *who, *label;
  g_autofree char *what_text = NULL;
  g_autofree char *who_text = NULL;
  g_autofree char *details = NULL;
  g_autofree char *time = NULL;
  const char *icon_name = "document-edit-symbolic";
  const char *note = event->note;

  if (g_strcmp0 (event->kind, "create") == 0)
    {
      icon_name = "document-new-symbolic";
      what_text = g_strdup (_("Reported"));
    }
  else if (g_strcmp0 (event->kind, "transition") == 0)
    {
      g_autofree char *from = value_text (self, "state", event->from_value);
      g_autofree char *to = value_text (self, "state", event->to_value);
      const char *name = event->name;

      icon_name = "go-next-symbolic";
      for (guint t = 0; t < GW_N_TRANSITIONS; t++)
        if (g_strcmp0 (event->name, gw_transition_to_id (t)) == 0)
          name = gw_transition_label (t);
      /* TRANSLATORS: a transition and the states, "Assess and assign: Reported → Rectifying" */
      what_text = g_strdup_printf (_("%s: %s → %s"), name, from, to);
      details = details_text (self, event);
    }
  else if (g_strcmp0 (event->kind, "level") == 0)
    {
      icon_name = "go-down-symbolic";
      what_text = change_text (self, "level", event->from_value, event->to_value);
      /* The transition beside it already shows its reason. */
      note = NULL;
    }
  else if (g_strcmp0 (event->kind, "edit") == 0)
    what_text = change_text (self, event->name, event->from_value, event->to_value);
  else if (g_strcmp0 (event->kind, "comment") == 0)
    {
      icon_name = "user-available-symbolic";
      what_text = g_strdup (_("Comment"));
    }
  else if (g_strcmp0 (event->kind, "attachment") == 0)
    {
      icon_name = "camera-photo-symbolic";
      what_text = g_strdup (g_strcmp0 (event->name, "after") == 0 ? _("Photo added: after")
                            : g_strcmp0 (event->name, "before") == 0 ? _("Photo added: before")
                            : _("File added"));
    }
  else if (g_strcmp0 (event->kind, "decision") == 0)
    {
      icon_name = "emblem-important-symbolic";
      what_text = g_strdup (_("Meeting decision"));
    }
  else
    what_text = g_strdup (event->kind);

  /* The time it was recorded, when it was recorded on the day it happened. */
  if (event->at != NULL && event->date != NULL && g_str_has_prefix (event->at, event->date)
      && strlen (event->at) >= 16)
    time = g_strndup (event->at + 11, 5);
  if (time != NULL)
    /* TRANSLATORS: who did it and when, "孔强 · 2026-11-23 14:05" */
    who_text = g_strdup_printf (_("%s · %s %s"), event->actor ? event->actor : "—",
                                event->date, time);
  else
    who_text = g_strdup_printf (_("%s · %s"), event->actor ? event->actor : "—", event->date);

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 1);

  what = gtk_label_new (what_text);
  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (what), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (what, TRUE);
  gtk_widget_add_css_class (what, "heading");
  gtk_grid_attach (GTK_GRID (grid), what, 1, 0, 1, 1);

  who = gtk_label_new (who_text);
  gtk_label_set_xalign (GTK_LABEL (who), 0);
  gtk_widget_add_css_class (who, "caption");
  gtk_widget_add_css_class (who, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), who, 1, 1, 1, 1);

  if (details != NULL)
    {
      label = gtk_label_new (details);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "caption");
      gtk_grid_attach (GTK_GRID (grid), label, 1, 2, 1, 1);
    }
  if (note != NULL && *note != '\0')
    {
      label = gtk_label_new (note);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "history-note");
      gtk_grid_attach (GTK_GRID (grid), label, 1, 3, 1, 1);
    }

  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
fill_history (GwHazardPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  /* Newest first: what happened last is what a person looks for. */
  for (guint i = self->events ? self->events->len : 0; i > 0; i--)
    gtk_list_box_append (self->history_list, event_row_new (self, self->events->pdata[i - 1]));
}

/* ---- filling --------------------------------------------------------------------- */

static void
fill_header (GwHazardPage *self)
{
  const GwHazard *h = self->hazard;
  gboolean open = h->state == GW_STATE_REPORTED || h->state == GW_STATE_RECTIFYING;
  GDate deadline, today;

  gtk_label_set_text (self->number_label, h->number);
  gtk_label_set_text (self->title_label, h->title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), h->title);

  gtk_label_set_text (self->level_chip, gw_level_label (h->level));
  if (h->level != GW_LEVEL_NONE)
    {
      char level_class[16];
      const char *classes[] = { "chip", level_class, NULL };

      g_snprintf (level_class, sizeof level_class, "level-%d", (int) h->level);
      gtk_widget_set_css_classes (GTK_WIDGET (self->level_chip), classes);
    }
  else
    {
      const char *classes[] = { "dim-label", NULL };

      gtk_widget_set_css_classes (GTK_WIDGET (self->level_chip), classes);
    }
  {
    const char *classes[] = { "state-chip", gw_state_to_id (h->state), NULL };

    gtk_label_set_text (self->state_chip, gw_state_label (h->state));
    gtk_widget_set_css_classes (GTK_WIDGET (self->state_chip), classes);
  }

  gtk_widget_set_visible (self->deadline_box, h->deadline != NULL);
  gtk_widget_set_visible (self->deadline_icon, FALSE);
  gtk_widget_set_css_classes (self->deadline_box, NULL);
  if (h->deadline != NULL && gw_date_parse (h->deadline, &deadline))
    {
      int days;
      g_autofree char *text = NULL;

      gw_date_today (&today);
      days = (int) g_date_get_julian (&deadline) - (int) g_date_get_julian (&today);
      if (open && days < 0)
        {
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day",
                                               "Overdue by %d days", -days), -days);
          gtk_widget_add_css_class (self->deadline_box, "overdue");
          gtk_widget_set_visible (self->deadline_icon, TRUE);
        }
      else if (open)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left",
                                             days), days);
      else if (h->state == GW_STATE_VERIFYING && days < 0)
        {
          text = g_strdup (_("Verification overdue"));
          gtk_widget_add_css_class (self->deadline_box, "verification-overdue");
        }
      else
        /* TRANSLATORS: the deadline of a hazard no longer under rectification */
        text = g_strdup_printf (_("Deadline %s"), h->deadline);
      gtk_label_set_text (self->deadline_label, text);
      gtk_widget_set_tooltip_text (self->deadline_box, h->deadline);
    }
  fill_transitions (self);
}

static void
fill_staff (GwHazardPage *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint selected = 0;
  gint64 zero = 0;

  g_array_set_size (self->staff_ids, 0);
  g_array_append_val (self->staff_ids, zero);
  g_ptr_array_add (strings, (gpointer) _("Nobody"));
  staff = gw_store_staff (self->store, 0, &error);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      GwStaff *s = staff->pdata[i];

      /* The grid's own people, the offices of no grid, and whoever it is now. */
      if (s->grid_id != 0 && s->grid_id != self->hazard->grid_id
          && s->id != self->hazard->responsible_id)
        continue;
      if (s->id == self->hazard->responsible_id)
        selected = self->staff_ids->len;
      g_array_append_val (self->staff_ids, s->id);
      g_ptr_array_add (owned, g_strdup_printf (_("%s — %s"), s->name, gw_role_label (s->role)));
      g_ptr_array_add (strings, owned->pdata[owned->len - 1]);
    }
  set_strings (self->responsible_row, strings);
  adw_combo_row_set_selected (self->responsible_row, selected);
}

static void
fill_campaigns (GwHazardPage *self)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  guint selected = 0;
  gint64 zero = 0;

  g_array_set_size (self->campaign_ids, 0);
  g_array_append_val (self->campaign_ids, zero);
  g_ptr_array_add (strings, (gpointer) _("None"));
  for (guint i = 0; self->campaigns != NULL && i < self->campaigns->len; i++)
    {
      GwCampaign *campaign = self->campaigns->pdata[i];

      if (campaign->id == self->hazard->campaign_id)
        selected = self->campaign_ids->len;
      g_array_append_val (self->campaign_ids, campaign->id);
      g_ptr_array_add (strings, campaign->name);
    }
  set_strings (self->campaign_row, strings);
  adw_combo_row_set_selected (self->campaign_row, selected);
}

/* ---- the enterprise -------------------------------------------------------------- */

static void
enterprise_selected_cb (GwHazardPage *self)
{
  gint64 id = gw_enterprise_picker_get_selected (self->enterprise_picker);
  g_autofree char *value = NULL;

  if (self->filling || self->hazard == NULL || id == self->hazard->enterprise_id)
    return;
  value = id != 0 ? id_text (id) : NULL;
  edit_field (self, "enterprise", value, self->details_error_label);
}

/* A searchable picker of the grid's enterprises, beside the enterprise's name. */
static void
enterprise_picker_setup (GwHazardPage *self)
{
  self->enterprise_picker = GW_ENTERPRISE_PICKER (gw_enterprise_picker_new ());
  adw_action_row_add_suffix (self->enterprise_row, GTK_WIDGET (self->enterprise_picker));
  g_signal_connect_swapped (self->enterprise_picker, "notify::selected",
                            G_CALLBACK (enterprise_selected_cb), self);
}

static void
enterprise_picker_fill (GwHazardPage *self)
{
  g_autoptr(GPtrArray) enterprises = gw_store_enterprises (self->store, self->hazard->grid_id,
                                                           NULL);

  gw_enterprise_picker_set_enterprises (self->enterprise_picker, enterprises);
  gw_enterprise_picker_set_selected (self->enterprise_picker, self->hazard->enterprise_id);
}

static void
fill (GwHazardPage *self)
{
  const GwHazard *h = self->hazard;
  g_autofree char *grid = NULL;
  g_autofree char *found = NULL;
  g_autofree char *location = NULL;

  self->filling = TRUE;
  fill_header (self);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), h->title);
  /* TRANSLATORS: county, grid and its division code, "珠晖区 · 衡州路街道 (430405001000)" */
  grid = g_strdup_printf (_("%s · %s (%s)"), h->county_name, h->grid_name, h->grid_code);
  adw_action_row_set_subtitle (self->grid_row, grid);
  adw_combo_row_set_selected (self->field_row, h->field);
  adw_combo_row_set_selected (self->source_row, h->source);
  adw_action_row_set_subtitle (self->enterprise_row,
                               h->enterprise_name ? h->enterprise_name : _("None"));
  enterprise_picker_fill (self);
  if (h->has_location)
    location = g_strdup_printf ("%.6f, %.6f", h->lat, h->lon);
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), location ? location : "");
  fill_location_map (self);
  if (h->found_by_name != NULL)
    /* TRANSLATORS: when and by whom a hazard was found, "2026-11-02 by 孔强" */
    found = g_strdup_printf (_("%s by %s"), h->found_date, h->found_by_name);
  adw_action_row_set_subtitle (self->found_row, found ? found : h->found_date);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            h->description ? h->description : "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self->description_save_button), FALSE);

  adw_action_row_set_subtitle (self->level_row, gw_level_label (h->level));
  adw_combo_row_set_selected (self->urgency_row, h->urgency);
  adw_combo_row_set_selected (self->measure_row, h->measure);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row),
                         h->responsible_unit ? h->responsible_unit : "");
  fill_staff (self);
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), h->deadline ? h->deadline : "");
  fill_campaigns (self);
  gtk_widget_set_visible (GTK_WIDGET (self->closed_row), h->closed_date != NULL);
  adw_action_row_set_subtitle (self->closed_row, h->closed_date ? h->closed_date : "");

  fill_photos (self);
  fill_history (self);
  self->filling = FALSE;
}

static gboolean
read_hazard (GwHazardPage *self,
             gint64        id,
             GError      **error)
{
  g_autoptr(GwHazard) hazard = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;

  if (self->store == NULL)
    {
      g_set_error_literal (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                           _("No database is open"));
      return FALSE;
    }
  if ((hazard = gw_store_hazard_get (self->store, id, error)) == NULL
      || (events = gw_store_hazard_events (self->store, id, error)) == NULL
      || (attachments = gw_store_attachments (self->store, id, error)) == NULL
      || (campaigns = gw_store_campaigns (self->store, error)) == NULL)
    return FALSE;

  g_clear_pointer (&self->hazard, gw_hazard_free);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->campaigns, g_ptr_array_unref);
  self->hazard = g_steal_pointer (&hazard);
  self->events = g_steal_pointer (&events);
  self->attachments = g_steal_pointer (&attachments);
  self->campaigns = g_steal_pointer (&campaigns);
  fill (self);
  return TRUE;
}

/* ---- the place on the map ---------------------------------------------------------- */

/* The warning under the location when the point lies outside its grid's
 * boundary; none when the grid has no boundary to check against. */
static void
fill_location_warning (GwHazardPage *self)
{
  const GwHazard *h = self->hazard;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean known = FALSE, inside = TRUE;
  gint64 other = 0;

  if (h->has_location && self->store != NULL)
    {
      inside = gw_map_grid_contains (self->store, h->grid_id, h->lat, h->lon, &known, &error);
      if (error != NULL)
        g_warning ("Could not check hazard %s against its grid's boundary: %s", h->number,
                   error->message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->location_warning_row), known && !inside);
  if (!known || inside)
    return;

  title = g_strdup_printf (_("The location lies outside the boundary of %s"), h->grid_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_warning_row), title);
  other = gw_map_grid_at (self->store, h->lat, h->lon, NULL);
  if (other != 0)
    {
      g_autoptr(GwMapGridDetail) detail = gw_map_grid_detail (self->store, other, NULL, NULL);
      g_autofree char *subtitle = NULL;

      if (detail != NULL)
        subtitle = g_strdup_printf (_("It lies in %s · %s. Check the coordinates, or move the "
                                      "hazard to that grid."), detail->county_name, detail->name);
      adw_action_row_set_subtitle (self->location_warning_row, subtitle ? subtitle : "");
    }
  else
    adw_action_row_set_subtitle (self->location_warning_row,
                                 _("It lies in no grid of the city. Check the coordinates."));
}

/* "Show on map" and "pick on map" are there when the window has a map to
 * handle them (it connects to "show-on-map" and "pick-location"). */
static void
fill_location_map (GwHazardPage *self)
{
  gboolean has_map = g_signal_has_handler_pending (self, signals[SHOW_ON_MAP], 0, TRUE)
                     || g_signal_has_handler_pending (self, signals[PICK_LOCATION], 0, TRUE);
  const char *subtitle;

  gtk_widget_set_visible (GTK_WIDGET (self->location_map_row), has_map);
  if (self->hazard->has_location)
    subtitle = _("Click “Pick on Map” to move it, or correct the coordinates above.");
  else
    subtitle = _("No place yet: click “Pick on Map”, then its place on the map.");
  adw_action_row_set_subtitle (self->location_map_row, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "hazard.show-on-map",
                                 g_signal_has_handler_pending (self, signals[SHOW_ON_MAP], 0, TRUE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "hazard.pick-location",
                                 g_signal_has_handler_pending (self, signals[PICK_LOCATION], 0, TRUE));
  fill_location_warning (self);
}

static void
show_on_map_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GwHazardPage *self = GW_HAZARD_PAGE (widget);

  if (self->hazard != NULL)
    g_signal_emit (self, signals[SHOW_ON_MAP], 0, self->hazard->id);
}

static void
pick_location_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GwHazardPage *self = GW_HAZARD_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->hazard == NULL || self->store == NULL)
    return;
  /* Refused before the trip to the map, not after the click. */
  if (!gw_store_authorize (self->store, self->operator_id, GW_ACTION_EDIT, self->hazard->grid_id,
                           self->hazard->number, &error))
    {
      refuse (self, self->location_row, self->details_error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[PICK_LOCATION], 0, self->hazard->id, self->hazard->grid_id);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
init_static_combos (GwHazardPage *self)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GPtrArray) urgencies = g_ptr_array_new ();
  g_autoptr(GPtrArray) measures = g_ptr_array_new ();

  self->filling = TRUE;
  for (guint f = 0; f < GW_N_FIELDS; f++)
    g_ptr_array_add (fields, (gpointer) gw_field_label (f));
  set_strings (self->field_row, fields);
  for (guint s = 0; s < GW_N_SOURCES; s++)
    g_ptr_array_add (sources, (gpointer) gw_source_label (s));
  set_strings (self->source_row, sources);
  for (guint u = 0; u < GW_N_URGENCIES; u++)
    g_ptr_array_add (urgencies, (gpointer) gw_urgency_label (u));
  set_strings (self->urgency_row, urgencies);
  for (guint m = 0; m < GW_N_MEASURES; m++)
    g_ptr_array_add (measures, (gpointer) gw_measure_label (m));
  set_strings (self->measure_row, measures);
  self->filling = FALSE;
}

static void
gw_hazard_page_dispose (GObject *object)
{
  GwHazardPage *self = GW_HAZARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;

      track_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_HAZARD_PAGE);
  G_OBJECT_CLASS (gw_hazard_page_parent_class)->dispose (object);
}

static void
gw_hazard_page_finalize (GObject *object)
{
  GwHazardPage *self = GW_HAZARD_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->hazard, gw_hazard_free);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->campaigns, g_ptr_array_unref);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->campaign_ids, g_array_unref);
  g_clear_pointer (&self->pictures, g_hash_table_unref);
  g_clear_pointer (&self->chooser_kind, g_free);
  g_clear_pointer (&self->last_error, g_free);
  G_OBJECT_CLASS (gw_hazard_page_parent_class)->finalize (object);
}

static void
gw_hazard_page_class_init (GwHazardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_hazard_page_dispose;
  object_class->finalize = gw_hazard_page_finalize;

  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_ON_MAP] =
    g_signal_new ("show-on-map", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[PICK_LOCATION] =
    g_signal_new ("pick-location", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-hazard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, level_chip);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, state_chip);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, deadline_box);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, deadline_icon);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, transition_box);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, grid_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, field_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, source_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, enterprise_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, location_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, location_map_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, location_warning_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, found_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, details_error_label);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, description_save_button);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, description_view);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, level_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, urgency_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, measure_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, unit_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, campaign_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, closed_row);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, rect_error_label);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, before_box);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, after_box);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, before_flow);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, after_flow);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, before_empty_label);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, after_empty_label);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, GwHazardPage, history_list);
  gtk_widget_class_bind_template_callback (widget_class, title_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unit_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, deadline_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, deadline_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, urgency_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, measure_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, responsible_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, campaign_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_activate_cb);

  gtk_widget_class_install_action (widget_class, "hazard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "hazard.transition", "s", transition_action);
  gtk_widget_class_install_action (widget_class, "hazard.add-photo", "s", add_photo_action);
  gtk_widget_class_install_action (widget_class, "hazard.comment", NULL, comment_action);
  gtk_widget_class_install_action (widget_class, "hazard.show-on-map", NULL, show_on_map_action);
  gtk_widget_class_install_action (widget_class, "hazard.pick-location", NULL,
                                   pick_location_action);
  gtk_widget_class_install_action (widget_class, "hazard.save-description", NULL,
                                   save_description_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "hazard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "hazard.back", NULL);
}

static void
gw_hazard_page_init (GwHazardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->campaign_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pictures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  init_static_combos (self);
  enterprise_picker_setup (self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (description_changed_cb), self);
  add_drop_target (self, self->before_box, "before");
  add_drop_target (self, self->after_box, "after");
}

/* ---- public ------------------------------------------------------------------- */

GtkWidget *
gw_hazard_page_new (void)
{
  return g_object_new (GW_TYPE_HAZARD_PAGE, NULL);
}

void
gw_hazard_page_set_store (GwHazardPage *self,
                          GwStore      *store)
{
  g_return_if_fail (GW_IS_HAZARD_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;
  g_clear_pointer (&self->hazard, gw_hazard_free);
}

void
gw_hazard_page_set_operator_id (GwHazardPage *self,
                                gint64        operator_id)
{
  g_return_if_fail (GW_IS_HAZARD_PAGE (self));

  if (self->operator_id == operator_id)
    return;
  self->operator_id = operator_id;
  if (self->hazard != NULL)
    fill_transitions (self);
}

gboolean
gw_hazard_page_load (GwHazardPage *self,
                     gint64        id,
                     GError      **error)
{
  g_return_val_if_fail (GW_IS_HAZARD_PAGE (self), FALSE);

  if (!read_hazard (self, id, error))
    return FALSE;
  clear_errors (self);
  g_clear_pointer (&self->last_error, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  return TRUE;
}

void
gw_hazard_page_reload (GwHazardPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GW_IS_HAZARD_PAGE (self));

  if (self->hazard == NULL)
    return;
  clear_errors (self);
  if (!read_hazard (self, self->hazard->id, &error))
    g_warning ("Could not read hazard %s again: %s", self->hazard->number, error->message);
}

const GwHazard *
gw_hazard_page_get_hazard (GwHazardPage *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_PAGE (self), NULL);

  return self->hazard;
}

GPtrArray *
gw_hazard_page_get_events (GwHazardPage *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_PAGE (self), NULL);

  return self->events;
}

void
gw_hazard_page_add_photo (GwHazardPage *self,
                          GFile        *file,
                          const char   *kind)
{
  g_autoptr(GTask) task = NULL;
  AddPhoto *data;

  g_return_if_fail (GW_IS_HAZARD_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->hazard == NULL || self->store == NULL)
    return;
  data = g_new0 (AddPhoto, 1);
  data->hazard_id = self->hazard->id;
  data->kind = g_strdup (g_strcmp0 (kind, "after") == 0 ? "after" : "before");
  data->file = g_object_ref (file);

  task = g_task_new (self, NULL, add_photo_done_cb, NULL);
  g_task_set_source_tag (task, gw_hazard_page_add_photo);
  g_task_set_task_data (task, data, (GDestroyNotify) add_photo_free);
  g_task_run_in_thread (task, add_photo_thread);
  self->n_busy++;
}

gboolean
gw_hazard_page_get_busy (GwHazardPage *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_PAGE (self), FALSE);

  return self->n_busy > 0;
}

GtkWindow *
gw_hazard_page_get_dialog (GwHazardPage *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_PAGE (self), NULL);

  return self->dialog;
}

const char *
gw_hazard_page_get_last_error (GwHazardPage *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_PAGE (self), NULL);

  return self->last_error;
}

gboolean
gw_hazard_page_set_location (GwHazardPage *self,
                             double        lat,
                             double        lon)
{
  char lat_text[G_ASCII_DTOSTR_BUF_SIZE], lon_text[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *value = NULL;

  g_return_val_if_fail (GW_IS_HAZARD_PAGE (self), FALSE);

  if (self->hazard == NULL)
    return FALSE;
  value = g_strdup_printf ("%s,%s", g_ascii_formatd (lat_text, sizeof lat_text, "%.6f", lat),
                           g_ascii_formatd (lon_text, sizeof lon_text, "%.6f", lon));
  return edit_field (self, "location", value, self->details_error_label);
}

const char *
gw_hazard_page_get_location_warning (GwHazardPage *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_PAGE (self), NULL);

  if (self->hazard == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->location_warning_row)))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->location_warning_row));
}
