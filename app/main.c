/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gridwatch"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gw-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GwApplication) app = NULL;
  const char *localedir = g_getenv ("GRIDWATCH_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* GRIDWATCH_LOCALEDIR lets the build tree's translations be used uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = gw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
