/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "gw-board.h"
#include "gw-preferences.h"

struct _GwPreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template */
  AdwEntryRow          *unit_row;
  GtkSpinButton        *misses_spin;
  GtkSpinButton        *interval_spin;
  GtkListBox           *pages_list;
  GtkSwitch            *urgency_switch;

  GwBoardPage           order[GW_N_BOARD_PAGES];   /* every page, as listed */
  gboolean              shown[GW_N_BOARD_PAGES];   /* indexed by page */
};

G_DEFINE_FINAL_TYPE (GwPreferences, gw_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* ---- board pages: chosen with a check, ordered with up and down ------------------- */

static void rebuild_pages (GwPreferences *self);

static void
save_pages (GwPreferences *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < GW_N_BOARD_PAGES; i++)
    if (self->shown[self->order[i]])
      g_strv_builder_add (ids, gw_board_page_to_id (self->order[i]));
  strv = g_strv_builder_end (ids);
  g_settings_set_strv (self->settings, "board-pages", (const char * const *) strv);
}

static void
page_toggled_cb (GtkCheckButton *check,
                 GwPreferences  *self)
{
  GwBoardPage page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "page"));
  guint n_shown = 0;

  for (guint i = 0; i < GW_N_BOARD_PAGES; i++)
    n_shown += self->shown[i];
  /* The board keeps at least one page. */
  if (!gtk_check_button_get_active (check) && n_shown <= 1)
    {
      gtk_check_button_set_active (check, TRUE);
      return;
    }
  self->shown[page] = gtk_check_button_get_active (check);
  save_pages (self);
}

static void
move_clicked_cb (GtkButton     *button,
                 GwPreferences *self)
{
  guint at = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  guint to = at + delta;
  GwBoardPage page;

  if (to >= GW_N_BOARD_PAGES)
    return;
  page = self->order[at];
  self->order[at] = self->order[to];
  self->order[to] = page;
  save_pages (self);
  rebuild_pages (self);
}

static void
rebuild_pages (GwPreferences *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_list))) != NULL)
    gtk_list_box_remove (self->pages_list, child);
  for (guint i = 0; i < GW_N_BOARD_PAGES; i++)
    {
      GwBoardPage page = self->order[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *up = gtk_button_new_from_icon_name ("go-up-symbolic");
      GtkWidget *down = gtk_button_new_from_icon_name ("go-down-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gw_board_page_label (page));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->shown[page]);
      g_object_set_data (G_OBJECT (check), "page", GUINT_TO_POINTER (page));
      g_signal_connect (check, "toggled", G_CALLBACK (page_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      for (guint k = 0; k < 2; k++)
        {
          GtkWidget *button = k == 0 ? up : down;

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, k == 0 ? _("Earlier") : _("Later"));
          gtk_widget_set_sensitive (button, k == 0 ? i > 0 : i + 1 < GW_N_BOARD_PAGES);
          g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
          g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (k == 0 ? -1 : 1));
          g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->pages_list, row);
    }
}

static void
load_pages (GwPreferences *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (self->settings, "board-pages");
  guint n = 0;

  /* The shown pages first, in their order; the others after them. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GwBoardPage page;

      if (gw_board_page_parse (ids[i], &page) && !self->shown[page])
        {
          self->shown[page] = TRUE;
          self->order[n++] = page;
        }
    }
  for (guint p = 0; p < GW_N_BOARD_PAGES; p++)
    if (!self->shown[p])
      self->order[n++] = p;
  rebuild_pages (self);
}

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
  gtk_widget_class_bind_template_child (widget_class, GwPreferences, pages_list);
  gtk_widget_class_bind_template_child (widget_class, GwPreferences, urgency_switch);
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
  g_settings_bind (self->settings, "board-by-urgency", self->urgency_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  load_pages (self);
}

GtkWidget *
gw_preferences_new (GtkWindow *parent)
{
  return g_object_new (GW_TYPE_PREFERENCES, "transient-for", parent, NULL);
}
