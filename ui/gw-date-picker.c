/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-date-picker"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-date-picker.h"
#include "gw-dekad.h"

#define PICKER_KEY "gw-date-picker"

typedef struct {
  GtkEntry    *entry;       /* owns this */
  GtkPopover  *popover;
  GtkCalendar *calendar;
  gboolean     setting;
} Picker;

/* A widget's children go before it is finalized. */
static void
entry_destroy_cb (GtkEntry *entry)
{
  Picker *picker = g_object_get_data (G_OBJECT (entry), PICKER_KEY);

  if (picker != NULL && picker->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (picker->popover));
      picker->popover = NULL;
      picker->calendar = NULL;
    }
}

static void
day_selected_cb (GtkCalendar *calendar,
                 Picker      *picker)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = NULL;

  /* A day clicked (or chosen with the keyboard); moving between months
   * does not select one. */
  if (picker->setting)
    return;
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (picker->entry), text);
  gtk_popover_popdown (picker->popover);
}

static Picker *
picker_ensure (GtkEntry *entry)
{
  Picker *picker = g_object_get_data (G_OBJECT (entry), PICKER_KEY);

  if (picker->popover != NULL)
    return picker;
  picker->calendar = GTK_CALENDAR (gtk_calendar_new ());
  picker->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (picker->popover, GTK_WIDGET (picker->calendar));
  gtk_popover_set_position (picker->popover, GTK_POS_BOTTOM);
  gtk_widget_set_parent (GTK_WIDGET (picker->popover), GTK_WIDGET (entry));
  g_signal_connect (picker->calendar, "day-selected", G_CALLBACK (day_selected_cb), picker);
  return picker;
}

void
gw_date_picker_open (GtkEntry *entry)
{
  Picker *picker;
  g_autoptr(GDateTime) shown = NULL;
  const char *text;
  GDate date;

  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (g_object_get_data (G_OBJECT (entry), PICKER_KEY) != NULL);

  picker = picker_ensure (entry);
  text = gtk_editable_get_text (GTK_EDITABLE (entry));
  if (strlen (text) != 10 || !gw_date_parse (text, &date))
    gw_date_today (&date);
  shown = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), 12, 0, 0);
  picker->setting = TRUE;
  gtk_calendar_select_day (picker->calendar, shown);
  picker->setting = FALSE;
  gtk_popover_popup (picker->popover);
}

static void
icon_press_cb (GtkEntry             *entry,
               GtkEntryIconPosition  position)
{
  if (position == GTK_ENTRY_ICON_SECONDARY)
    gw_date_picker_open (entry);
}

void
gw_date_picker_attach (GtkEntry *entry)
{
  g_return_if_fail (GTK_IS_ENTRY (entry));

  if (g_object_get_data (G_OBJECT (entry), PICKER_KEY) != NULL)
    return;
  g_object_set_data_full (G_OBJECT (entry), PICKER_KEY, g_new0 (Picker, 1), g_free);
  g_signal_connect (entry, "destroy", G_CALLBACK (entry_destroy_cb), NULL);
  ((Picker *) g_object_get_data (G_OBJECT (entry), PICKER_KEY))->entry = entry;
  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY,
                                     "x-office-calendar-symbolic");
  gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, _("Pick a day"));
  gtk_entry_set_icon_activatable (entry, GTK_ENTRY_ICON_SECONDARY, TRUE);
  g_signal_connect (entry, "icon-press", G_CALLBACK (icon_press_cb), NULL);
}

GtkCalendar *
gw_date_picker_get_calendar (GtkEntry *entry)
{
  Picker *picker = g_object_get_data (G_OBJECT (entry), PICKER_KEY);

  return picker ? picker->calendar : NULL;
}

GtkPopover *
gw_date_picker_get_popover (GtkEntry *entry)
{
  Picker *picker = g_object_get_data (G_OBJECT (entry), PICKER_KEY);

  return picker ? picker->popover : NULL;
}
