/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the UI tests share, beside gw-test-util.h (which has no GTK). */

/* The message dialog shown over @parent, or NULL. */
AdwMessageDialog *gw_test_find_message_dialog (GtkWindow *parent);

G_END_DECLS
