/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives a date entry a calendar icon: it opens a calendar in a popover, on
 * the entry's date (or today), and the day picked is written into the entry
 * as YYYY-MM-DD. Typing the date stays possible. */
void         gw_date_picker_attach       (GtkEntry *entry);
/* Opens the calendar, as the icon does. */
void         gw_date_picker_open         (GtkEntry *entry);
/* The calendar and its popover (NULL before the first opening); for tests. */
GtkCalendar *gw_date_picker_get_calendar (GtkEntry *entry);
GtkPopover  *gw_date_picker_get_popover  (GtkEntry *entry);

G_END_DECLS
