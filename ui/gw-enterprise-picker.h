/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A button that opens a searchable list of enterprises (name and credit
 * code 统一社会信用代码); the first entry is "None". Typing filters by
 * any part of the name or the code. */

#define GW_TYPE_ENTERPRISE_PICKER (gw_enterprise_picker_get_type ())
G_DECLARE_FINAL_TYPE (GwEnterprisePicker, gw_enterprise_picker, GW, ENTERPRISE_PICKER, GtkWidget)

GtkWidget *gw_enterprise_picker_new          (void);
/* Lists @enterprises (GwEnterprise; copied); the selection is kept when
 * still listed, otherwise it becomes none (notified). NULL: none to choose. */
void       gw_enterprise_picker_set_enterprises (GwEnterprisePicker *self,
                                                 GPtrArray          *enterprises);
/* 0: none. An id not listed selects none. Notifies "selected" on change. */
void       gw_enterprise_picker_set_selected (GwEnterprisePicker *self,
                                              gint64              id);
gint64     gw_enterprise_picker_get_selected (GwEnterprisePicker *self);
/* The number of entries the search leaves (with "None"); for tests. */
guint      gw_enterprise_picker_get_n_shown  (GwEnterprisePicker *self);
/* Types @text into the search, and picks the shown entry @position, as a
 * person would; for tests. */
void       gw_enterprise_picker_search       (GwEnterprisePicker *self,
                                              const char         *text);
void       gw_enterprise_picker_activate     (GwEnterprisePicker *self,
                                              guint               position);

G_END_DECLS
