/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "gw-ui-util.h"

gboolean
gw_toast_add (GtkWidget  *from,
              const char *text,
              guint       timeout)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);
  /* Toast titles are markup; file names may hold '&' or '<'. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return FALSE;
  toast = adw_toast_new (escaped);
  if (timeout > 0)
    adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

void
gw_widget_set_error (gpointer widget,
                     gboolean error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (widget), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), "error");
}

char *
gw_format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

void
gw_ui_load_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

gboolean
gw_style_background_color (GtkStyleContext *context,
                           GdkRGBA         *out)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node, *inner;
  gboolean found;

  gtk_snapshot_render_background (snapshot, context, 0, 0, 8, 8);
  node = gtk_snapshot_free_to_node (snapshot);
  inner = node;
  if (inner != NULL && gsk_render_node_get_node_type (inner) == GSK_ROUNDED_CLIP_NODE)
    inner = gsk_rounded_clip_node_get_child (inner);
  found = inner != NULL && gsk_render_node_get_node_type (inner) == GSK_COLOR_NODE;
  if (found)
    *out = *gsk_color_node_get_color (inner);
  g_clear_pointer (&node, gsk_render_node_unref);
  return found;
}
