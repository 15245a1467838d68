/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Small things the widgets share. */

/* Shows @text (plain text: escaped for the toast's markup) in the toast
 * overlay that holds @from (or is it); @timeout in seconds, 0: the default.
 * FALSE when @from is in no overlay. */
gboolean gw_toast_add (GtkWidget *from, const char *text, guint timeout);

G_END_DECLS
