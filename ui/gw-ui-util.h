/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Small things the widgets share. */

/* Shows @text (plain text: escaped for the toast's markup) in the toast
 * overlay that holds @from (or is it); @timeout in seconds, 0: the default.
 * FALSE when @from is in no overlay. */
gboolean gw_toast_add (GtkWidget *from, const char *text, guint timeout);

/* Marks a row (or any widget) as holding a wrong value, or clears the mark. */
void     gw_widget_set_error (gpointer widget, gboolean error);

/* A count with the locale's thousands separators. */
char    *gw_format_count (gint64 n);

/* The background of @context's style as one colour: a plain fill, or one
 * clipped to rounded corners (a chip). FALSE, @out untouched, when it is
 * none or anything fancier. For widgets that draw with a style class's
 * colours (the cadence matrix, the ledger's rows). */
gboolean gw_style_background_color (GtkStyleContext *context, GdkRGBA *out);

/* Loads resources/style.css for the default display, as AdwApplication does
 * in the program: for tests and benchmarks, which run the widgets without
 * it and would otherwise draw them without Gridwatch's style. */
void     gw_ui_load_style (void);

G_END_DECLS
