/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-operator-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-directory.h"
#include "gw-operator-dialog.h"

struct _GwOperatorDialog
{
  AdwMessageDialog  parent_instance;

  gint64            selected_id;
  gboolean          accepted;
  gboolean          disposed;      /* the list unselects its rows as it goes */

  /* template */
  GtkSearchEntry   *search_entry;
  GtkListBox       *list_box;
};

G_DEFINE_FINAL_TYPE (GwOperatorDialog, gw_operator_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
row_id (GtkListBoxRow *row)
{
  return row ? *(gint64 *) g_object_get_data (G_OBJECT (row), "gw-staff-id") : 0;
}

static GtkWidget *
row_new (const GwStaff *staff)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (staff->name);
  GtkWidget *detail;
  g_autofree char *detail_text = NULL;
  g_autofree char *haystack = NULL;
  gint64 *id = g_new (gint64, 1);

  if (staff->grid_name != NULL)
    /* TRANSLATORS: a staff member's role and grid, "Grid chief · 衡州路街道" */
    detail_text = g_strdup_printf (_("%s · %s"), gw_role_label (staff->role), staff->grid_name);
  else if (staff->unit != NULL)
    detail_text = g_strdup_printf (_("%s · %s"), gw_role_label (staff->role), staff->unit);
  else
    detail_text = g_strdup (gw_role_label (staff->role));
  detail = gtk_label_new (detail_text);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  *id = staff->id;
  g_object_set_data_full (G_OBJECT (row), "gw-staff-id", id, g_free);
  haystack = g_strjoin (" ", staff->name, detail_text, gw_role_to_id (staff->role),
                        staff->phone ? staff->phone : "", NULL);
  g_object_set_data_full (G_OBJECT (row), "gw-haystack", g_utf8_casefold (haystack, -1), g_free);
  return row;
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  GwOperatorDialog *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_auto(GStrv) words = NULL;
  const char *haystack = g_object_get_data (G_OBJECT (row), "gw-haystack");

  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  words = g_strsplit_set (needle, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
search_changed_cb (GwOperatorDialog *self)
{
  gtk_list_box_invalidate_filter (self->list_box);
}

static void
row_selected_cb (GwOperatorDialog *self,
                 GtkListBoxRow    *row)
{
  if (self->disposed)
    return;
  self->selected_id = row_id (row);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept",
                                            self->selected_id > 0);
}

static void
row_activated_cb (GwOperatorDialog *self,
                  GtkListBoxRow    *row)
{
  self->selected_id = row_id (row);
  gw_operator_dialog_accept (self);
}

static void
gw_operator_dialog_response (AdwMessageDialog *dialog,
                             const char       *response)
{
  GwOperatorDialog *self = GW_OPERATOR_DIALOG (dialog);

  if (g_strcmp0 (response, "accept") == 0 && self->selected_id > 0 && !self->accepted)
    {
      self->accepted = TRUE;
      g_signal_emit (self, signals[CHOSEN], 0, self->selected_id);
    }
}

static void
gw_operator_dialog_dispose (GObject *object)
{
  GW_OPERATOR_DIALOG (object)->disposed = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (object), GW_TYPE_OPERATOR_DIALOG);
  G_OBJECT_CLASS (gw_operator_dialog_parent_class)->dispose (object);
}

static void
gw_operator_dialog_class_init (GwOperatorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_operator_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = gw_operator_dialog_response;

  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-operator-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GwOperatorDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GwOperatorDialog, list_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
gw_operator_dialog_init (GwOperatorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
}

GwOperatorDialog *
gw_operator_dialog_new (GtkWindow  *parent,
                        GwStore    *store,
                        gint64      current_id,
                        const char *heading,
                        const char *body,
                        const char *accept)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  GwOperatorDialog *self;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  self = g_object_new (GW_TYPE_OPERATOR_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading ? heading : _("Who Is Working Here?"),
                       "body", body ? body
                               : _("Every change you make is recorded under the name "
                                   "chosen here. It is remembered on this computer."),
                       NULL);
  if (accept != NULL)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "accept", accept);

  staff = gw_store_staff (store, 0, &error);
  if (staff == NULL)
    g_warning ("Could not read the staff: %s", error->message);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      GtkWidget *row = row_new (staff->pdata[i]);

      gtk_list_box_append (self->list_box, row);
      if (((GwStaff *) staff->pdata[i])->id == current_id)
        gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
    }
  return self;
}

gint64
gw_operator_dialog_get_selected (GwOperatorDialog *self)
{
  g_return_val_if_fail (GW_IS_OPERATOR_DIALOG (self), 0);

  return self->selected_id;
}

gboolean
gw_operator_dialog_select (GwOperatorDialog *self,
                           gint64            staff_id)
{
  g_return_val_if_fail (GW_IS_OPERATOR_DIALOG (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && row_id (GTK_LIST_BOX_ROW (row)) == staff_id)
      {
        gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
        return TRUE;
      }
  return FALSE;
}

void
gw_operator_dialog_set_search (GwOperatorDialog *self,
                               const char       *text)
{
  g_return_if_fail (GW_IS_OPERATOR_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  gtk_list_box_invalidate_filter (self->list_box);
}

gboolean
gw_operator_dialog_accept (GwOperatorDialog *self)
{
  g_return_val_if_fail (GW_IS_OPERATOR_DIALOG (self), FALSE);

  if (self->selected_id <= 0)
    return FALSE;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "accept");
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
