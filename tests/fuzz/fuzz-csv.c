/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the CSV importer end to end. Each input is decoded (auto,
 * UTF-8, GB18030), read record by record, its fields tried as dates, and then
 * imported as staff, enterprises or hazards (chosen by the last byte, which
 * stays part of the input) into a small database as a dry run: every row is
 * checked and written, then rolled back. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gw-csv.h"
#include "gw-import.h"
#include "gw-store.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GwStore *store;
static char *dir;

static void
cleanup (void)
{
  g_autofree char *cmd = NULL;

  g_clear_object (&store);
  if (dir)
    {
      cmd = g_strdup_printf ("rm -rf '%s'", dir);
      if (system (cmd) != 0)
        g_printerr ("fuzz-csv: could not remove %s\n", dir);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 zh, grid;

  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  /* Store errors are answers here, not bugs. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  dir = g_dir_make_tmp ("gw-fuzz-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "gw.db", NULL);
  store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  zh = gw_store_county_ensure (store, "430405", "珠晖区", &error);
  grid = gw_store_grid_add (store, "430405001000", "东风街道", zh, NULL, &error);
  gw_store_grid_add (store, "430405002000", "广东路街道", zh, NULL, &error);
  gw_store_staff_add (store, "张三", NULL, GW_ROLE_GRID_CHIEF, grid, NULL, &error);
  gw_store_staff_add (store, "王五", NULL, GW_ROLE_REGULATION, 0, NULL, &error);
  g_assert_no_error (error);
  gw_store_exec (store, "INSERT INTO enterprises (name, credit_code, grid_id) VALUES"
                        " ('东风化工', '91430405MA4L123452', 1)", &error);
  g_assert_no_error (error);
  atexit (cleanup);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const GwCsvEncoding encodings[] = {
    GW_CSV_ENCODING_AUTO, GW_CSV_ENCODING_UTF8, GW_CSV_ENCODING_GB18030,
  };
  const char *text_in = (const char *) data;
  guint8 pick;

  if (size < 1 || size > 65536)
    return 0;
  pick = data[size - 1];

  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GwCsvReader) reader = NULL;
      g_autofree char *text = NULL;
      GwCsvRecord rec = { 0 };
      GwCsvEncoding used = GW_CSV_ENCODING_AUTO;
      gsize n = 0;
      guint last_line = 0;

      text = gw_csv_decode ("fuzz.csv", text_in, size, encodings[e], &used, &n, &error);
      if (text == NULL)
        {
          if (error == NULL || error->domain != GW_CSV_ERROR)
            __builtin_trap ();
          continue;
        }
      if (used == GW_CSV_ENCODING_AUTO || !g_utf8_validate (text, n, NULL) || strlen (text) != n)
        __builtin_trap ();
      reader = gw_csv_reader_new ("fuzz.csv", text, n);
      while (gw_csv_reader_next (reader, &rec, &error))
        {
          if (rec.n_fields < 1 || rec.line < last_line || rec.line < 1 ||
              g_strv_length (rec.fields) != rec.n_fields)
            __builtin_trap ();
          last_line = rec.line;
          for (guint i = 0; i < rec.n_fields; i++)
            {
              GDate d;
              if (gw_csv_parse_date (rec.fields[i], &d) && !g_date_valid (&d))
                __builtin_trap ();
            }
        }
      gw_csv_record_clear (&rec);
    }

  {
    g_autoptr(GError) error = NULL;
    GwImportOptions options = { (pick >> 1) % GW_N_IMPORT_KINDS, GW_CSV_ENCODING_AUTO, NULL,
                                (pick & 1) ? 3 : 0, TRUE };
    GwImportResult result = { 0 };
    gboolean ok;

    ok = gw_import_csv_data (store, "fuzz.csv", text_in, size, &options, NULL, NULL, NULL,
                             &result, &error);
    if (ok == (error != NULL) || (!ok && error->message == NULL))
      __builtin_trap ();
    if (result.imported != 0)   /* a dry run writes nothing */
      __builtin_trap ();
    gw_import_result_clear (&result);
  }
  return 0;
}
