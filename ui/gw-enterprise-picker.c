/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-enterprise-picker"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-directory.h"
#include "gw-enterprise-picker.h"

/* Each entry is a GtkStringObject "name\tcredit code" (what the search
 * looks in) with its enterprise id as data; "None" has id 0. */
#define ID_KEY "gw-enterprise-id"

struct _GwEnterprisePicker
{
  GtkWidget           parent_instance;

  GtkMenuButton      *button;
  GtkLabel           *button_label;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GListStore         *entries;
  GtkStringFilter    *filter;
  GtkFilterListModel *shown;
  gint64              selected;
  char               *selected_name;
};

G_DEFINE_FINAL_TYPE (GwEnterprisePicker, gw_enterprise_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
entry_id (gpointer entry)
{
  gint64 *id = g_object_get_data (G_OBJECT (entry), ID_KEY);

  return id ? *id : 0;
}

static GtkStringObject *
entry_new (gint64      id,
           const char *name,
           const char *code)
{
  g_autofree char *text = g_strdup_printf ("%s\t%s", name, code ? code : "");
  GtkStringObject *entry = gtk_string_object_new (text);

  g_object_set_data_full (G_OBJECT (entry), ID_KEY, g_memdup2 (&id, sizeof id), g_free);
  return entry;
}

static void
update_button (GwEnterprisePicker *self)
{
  gtk_label_set_text (self->button_label, self->selected != 0 && self->selected_name
                                          ? self->selected_name : _("None"));
}

/* Selects the entry of @id, or none when it is not listed. */
static void
select_id (GwEnterprisePicker *self,
           gint64              id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  gint64 found = 0;

  g_clear_pointer (&self->selected_name, g_free);
  for (guint i = 1; id != 0 && i < n; i++)
    {
      g_autoptr(GtkStringObject) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (entry_id (entry) == id)
        {
          const char *text = gtk_string_object_get_string (entry);

          found = id;
          self->selected_name = g_strndup (text, strcspn (text, "\t"));
          break;
        }
    }
  update_button (self);
  if (found != self->selected)
    {
      self->selected = found;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "caption");
  gtk_widget_add_css_class (code, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  GtkStringObject *entry = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  const char *text = gtk_string_object_get_string (entry);
  const char *tab = strchr (text, '\t');
  g_autofree char *name = g_strndup (text, tab ? (gsize) (tab - text) : strlen (text));
  const char *code = tab ? tab + 1 : "";

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      entry_id (entry) == 0 ? _("None") : name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), code);
  gtk_widget_set_visible (gtk_widget_get_last_child (box), *code != '\0');
}

static void
activate_cb (GwEnterprisePicker *self,
             guint               position)
{
  g_autoptr(GtkStringObject) entry = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (entry == NULL)
    return;
  select_id (self, entry_id (entry));
  gtk_menu_button_popdown (self->button);
}

static void
search_changed_cb (GwEnterprisePicker *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  gtk_string_filter_set_search (self->filter, *text ? text : NULL);
}

/* Enter in the search picks the first enterprise it leaves. */
static void
search_activate_cb (GwEnterprisePicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  if (n > 0)
    activate_cb (self, n > 1 && gtk_string_filter_get_search (self->filter) ? 1 : 0);
}

static void
popover_shown_cb (GwEnterprisePicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
keep_none (gpointer item,
           gpointer data)
{
  return entry_id (item) == 0;
}

static void
gw_enterprise_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GwEnterprisePicker *self = GW_ENTERPRISE_PICKER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int64 (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_enterprise_picker_dispose (GObject *object)
{
  GwEnterprisePicker *self = GW_ENTERPRISE_PICKER (object);

  if (self->button != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->button));
  self->button = NULL;
  g_clear_object (&self->shown);
  g_clear_object (&self->entries);
  G_OBJECT_CLASS (gw_enterprise_picker_parent_class)->dispose (object);
}

static void
gw_enterprise_picker_finalize (GObject *object)
{
  GwEnterprisePicker *self = GW_ENTERPRISE_PICKER (object);

  g_free (self->selected_name);
  G_OBJECT_CLASS (gw_enterprise_picker_parent_class)->finalize (object);
}

static void
gw_enterprise_picker_class_init (GwEnterprisePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gw_enterprise_picker_get_property;
  object_class->dispose = gw_enterprise_picker_dispose;
  object_class->finalize = gw_enterprise_picker_finalize;

  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gw-enterprise-picker");
}

static void
gw_enterprise_picker_init (GwEnterprisePicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkAnyFilter *any = gtk_any_filter_new ();

  /* The button: the chosen enterprise's name and an arrow. */
  self->button_label = GTK_LABEL (gtk_label_new (_("None")));
  gtk_label_set_ellipsize (self->button_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->button_label, 24);
  gtk_box_append (GTK_BOX (button_box), GTK_WIDGET (self->button_label));
  gtk_box_append (GTK_BOX (button_box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->button, button_box);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button),
                               _("The enterprise where the hazard is, among the grid's"));
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  /* The list: "None", then the enterprises the search leaves. */
  self->entries = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  gtk_multi_filter_append (GTK_MULTI_FILTER (any),
                           GTK_FILTER (gtk_custom_filter_new (keep_none, NULL, NULL)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), GTK_FILTER (g_object_ref (self->filter)));
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)),
                                           GTK_FILTER (any));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (
    GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->shown)))),
    g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_widget_set_size_request (scrolled, 320, -1);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Name or credit code"), NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (popover_shown_cb), self);
  gtk_menu_button_set_popover (self->button, popover);

  gw_enterprise_picker_set_enterprises (self, NULL);
}

/* ---- public ------------------------------------------------------------------- */

GtkWidget *
gw_enterprise_picker_new (void)
{
  return g_object_new (GW_TYPE_ENTERPRISE_PICKER, NULL);
}

void
gw_enterprise_picker_set_enterprises (GwEnterprisePicker *self,
                                      GPtrArray          *enterprises)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (GW_IS_ENTERPRISE_PICKER (self));

  g_ptr_array_add (entries, entry_new (0, "", NULL));
  for (guint i = 0; enterprises != NULL && i < enterprises->len; i++)
    {
      const GwEnterprise *e = enterprises->pdata[i];

      g_ptr_array_add (entries, entry_new (e->id, e->name, e->credit_code));
    }
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), entries->len > 1 || self->selected != 0);
  select_id (self, self->selected);
}

void
gw_enterprise_picker_set_selected (GwEnterprisePicker *self,
                                   gint64              id)
{
  g_return_if_fail (GW_IS_ENTERPRISE_PICKER (self));

  select_id (self, id);
}

gint64
gw_enterprise_picker_get_selected (GwEnterprisePicker *self)
{
  g_return_val_if_fail (GW_IS_ENTERPRISE_PICKER (self), 0);

  return self->selected;
}

guint
gw_enterprise_picker_get_n_shown (GwEnterprisePicker *self)
{
  g_return_val_if_fail (GW_IS_ENTERPRISE_PICKER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->shown));
}

void
gw_enterprise_picker_search (GwEnterprisePicker *self,
                             const char         *text)
{
  g_return_if_fail (GW_IS_ENTERPRISE_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* At once, not after the entry's typing delay. */
  search_changed_cb (self);
}

void
gw_enterprise_picker_activate (GwEnterprisePicker *self,
                               guint               position)
{
  g_return_if_fail (GW_IS_ENTERPRISE_PICKER (self));

  activate_cb (self, position);
}
