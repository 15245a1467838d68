/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-test-ui.h"

AdwMessageDialog *
gw_test_find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not owned */
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item)
          && gtk_window_get_transient_for (GTK_WINDOW (item)) == parent)
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}
