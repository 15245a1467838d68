/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs a fuzz target over files without libFuzzer: the inputs that once crashed
 * it (regressions/TARGET/) and the seed corpus, as an ordinary test.
 *
 *   fuzz-TARGET-regress FILE-OR-DIRECTORY... */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerInitialize (int *argc, char ***argv) __attribute__ ((weak));
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
run_path (const char *path)
{
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      GDir *d = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (d && (name = g_dir_read_name (d)))
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      if (d)
        g_dir_close (d);
      for (guint i = 0; i < names->len; i++)
        n += run_path (names->pdata[i]);
      return n;
    }
  {
    g_autofree char *data = NULL;
    gsize len = 0;

    if (!g_file_get_contents (path, &data, &len, NULL))
      return 0;
    printf ("%s\n", path);
    fflush (stdout);
    LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
    return 1;
  }
}

int
main (int argc, char **argv)
{
  guint n = 0;

  if (LLVMFuzzerInitialize)
    LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);
  printf ("%u inputs ran without a crash\n", n);
  return 0;
}
