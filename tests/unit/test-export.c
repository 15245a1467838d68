/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gw-demo.h"
#include "gw-export.h"
#include "gw-hazard.h"

/* The demo city is made once; each test writes into a folder of its own,
 * which must hold exactly what the test expects afterwards. */
static char    *demo_dir;
static GwStore *demo;
static GDate    as_of;

#define TRICKY_TITLE "逗号,引号\"换行\n结尾 "

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gw-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

/* The names in @dir, sorted and joined by spaces. */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static guint
open_fds (void)
{
  g_autoptr(GDir) d = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static GwExportOptions
options (void)
{
  GwExportOptions o = { 0 };

  o.date = &as_of;
  o.unit = "衡阳市生态环境局";
  return o;
}

static void
test_xlsx_all (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "进度表.xlsx", NULL);
  g_autofree char *files = NULL, *contents = NULL;
  GwExportOptions o = options ();
  gsize len;

  g_assert_true (gw_export_xlsx (demo, path, &o, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  files = listing (f->dir);
  g_assert_cmpstr (files, ==, "进度表.xlsx");
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (memcmp (contents, "PK\003\004", 4) == 0);
}

typedef struct {
  GCancellable *cancellable;
  double        last;
  gboolean      in_ledger;
  guint         calls;
} Watch;

static void
cancel_in_ledger_cb (double fraction, const char *what, gpointer user_data)
{
  Watch *w = user_data;

  g_assert_cmpfloat (fraction, >=, w->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  w->last = fraction;
  w->calls++;
  if (g_str_equal (what, "Writing the ledger") && fraction < 1.0)
    {
      w->in_ledger = TRUE;
      g_cancellable_cancel (w->cancellable);
    }
}

static void
test_xlsx_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "old.xlsx", NULL);
  g_autofree char *files = NULL, *contents = NULL;
  GwExportOptions o = options ();
  Watch w = { cancellable, 0, FALSE, 0 };
  guint fds = open_fds ();

  /* An earlier export stays as it was. */
  g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
  g_assert_false (gw_export_xlsx (demo, path, &o, cancel_in_ledger_cb, &w, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (w.in_ledger);
  files = listing (f->dir);
  g_assert_cmpstr (files, ==, "old.xlsx");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
  /* libxlsxwriter's scratch files of the abandoned workbook are closed. */
  g_assert_cmpuint (open_fds (), ==, fds);

  /* Cancelled before it starts: nothing at all. */
  g_clear_error (&error);
  g_assert_false (gw_export_csv (demo, path, &o, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_free (files);
  files = listing (f->dir);
  g_assert_cmpstr (files, ==, "old.xlsx");
}

static void
test_bad_folder (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "missing", "x.xlsx", NULL);
  GwExportOptions o = options ();

  g_assert_false (gw_export_xlsx (demo, path, &o, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (gw_export_csv (demo, path, &o, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_empty_selection (Fixture *f, gconstpointer data)
{
  /* A filter with no match still writes a valid, empty ledger. */
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "empty.xlsx", NULL);
  GwExportOptions o = options ();
  GwFilter filter = { 0 };

  filter.text = "没有这样的隐患词语";
  o.filter = &filter;
  o.sheets = GW_EXPORT_SHEET_LEDGER;
  g_assert_true (gw_export_xlsx (demo, path, &o, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* RFC 4180 records of @text (without a BOM). */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (*p == '"')
        {
          for (p++; *p; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
        }
      else
        {
          while (*p && *p != ',' && *p != '\r' && *p != '\n')
            g_string_append_c (field, *p++);
        }
      g_ptr_array_add (record, g_string_free (field, FALSE));
      field = g_string_new (NULL);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (records, record);
          record = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_string_free (field, TRUE);
  g_ptr_array_unref (record);
  return records;
}

static char *
export_csv_text (Fixture *f, GwExportEncoding encoding, const GwFilter *filter, gsize *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "台账.csv", NULL);
  GwExportOptions o = options ();
  char *contents;

  o.encoding = encoding;
  o.filter = filter;
  g_assert_true (gw_export_csv (demo, path, &o, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, len, NULL));
  return contents;
}

static void
test_csv_utf8 (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  GPtrArray *header;
  gint64 n = 0;
  gboolean found = FALSE;
  gsize len;

  text = export_csv_text (f, GW_EXPORT_ENCODING_UTF8, NULL, &len);
  g_assert_true (g_utf8_validate (text, len, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF序号,隐患编号,隐患名称,问题描述,"));
  records = parse_csv (text + 3);
  g_assert_true (gw_store_hazard_count (demo, NULL, &n, NULL, NULL));
  g_assert_cmpuint (records->len, ==, n + 1);
  header = records->pdata[0];
  g_assert_cmpuint (header->len, ==, 24);
  g_assert_cmpstr (header->pdata[23], ==, "销号日期");
  for (guint i = 1; i < records->len; i++)
    {
      GPtrArray *r = records->pdata[i];
      g_autofree char *seq = g_strdup_printf ("%u", i);

      g_assert_cmpuint (r->len, ==, 24);
      g_assert_cmpstr (r->pdata[0], ==, seq);
      if (g_str_equal (r->pdata[2], TRICKY_TITLE))
        found = TRUE;
      /* Dates as the store keeps them; states in words. */
      g_assert_cmpuint (strlen (r->pdata[10]), ==, 10);
      g_assert_true (g_str_equal (r->pdata[20], "已上报") || g_str_equal (r->pdata[20], "整改中") ||
                     g_str_equal (r->pdata[20], "待验收") || g_str_equal (r->pdata[20], "已降级") ||
                     g_str_equal (r->pdata[20], "已销号"));
    }
  g_assert_true (found);
}

static void
test_csv_gb18030 (Fixture *f, gconstpointer data)
{
  g_autofree char *utf8 = NULL, *gb = NULL, *back = NULL;
  gsize utf8_len, gb_len, back_len;

  utf8 = export_csv_text (f, GW_EXPORT_ENCODING_UTF8, NULL, &utf8_len);
  gb = export_csv_text (f, GW_EXPORT_ENCODING_GB18030, NULL, &gb_len);
  g_assert_false (g_utf8_validate (gb, gb_len, NULL));
  back = g_convert (gb, gb_len, "UTF-8", "GB18030", NULL, &back_len, NULL);
  g_assert_nonnull (back);
  g_assert_cmpuint (back_len, ==, utf8_len - 3);
  g_assert_true (memcmp (back, utf8 + 3, back_len) == 0);
}

static void
test_csv_filter (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  GwFilter filter = { 0 };
  gint64 n = 0;
  gsize len;

  filter.states = 1u << GW_STATE_RECTIFYING;
  filter.sort = GW_SORT_DEADLINE;
  filter.descending = TRUE;
  text = export_csv_text (f, GW_EXPORT_ENCODING_UTF8, &filter, &len);
  records = parse_csv (text + 3);
  g_assert_true (gw_store_hazard_count (demo, &filter, &n, NULL, NULL));
  g_assert_cmpint (n, >, 0);
  g_assert_cmpuint (records->len, ==, n + 1);
  for (guint i = 1; i < records->len; i++)
    {
      GPtrArray *r = records->pdata[i];

      g_assert_cmpstr (r->pdata[20], ==, "整改中");
      if (i > 1)
        g_assert_cmpstr (((GPtrArray *) records->pdata[i - 1])->pdata[19], >=, r->pdata[19]);
    }
}

static void
test_sheets_parse (void)
{
  g_assert_cmpuint (gw_export_sheets_parse ("progress"), ==, GW_EXPORT_SHEET_PROGRESS);
  g_assert_cmpuint (gw_export_sheets_parse ("ledger, meeting"), ==,
                    GW_EXPORT_SHEET_LEDGER | GW_EXPORT_SHEET_MEETING);
  g_assert_cmpuint (gw_export_sheets_parse ("频次表"), ==, GW_EXPORT_SHEET_CADENCE);
  g_assert_cmpuint (gw_export_sheets_parse ("all"), ==, GW_EXPORT_SHEETS_ALL);
  g_assert_cmpuint (gw_export_sheets_parse ("progress,nonsense"), ==, 0);
}

static void
test_default_filename (void)
{
  g_autofree char *name = gw_export_default_filename ("衡阳市", &as_of, "xlsx");

  g_assert_cmpstr (name, ==, "衡阳市隐患整改进度表-2026-11-23.xlsx");
}

static void
test_empty_store (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *path = g_build_filename (f->dir, "empty.xlsx", NULL);
  g_autoptr(GwStore) store = gw_store_open (db, GW_STORE_OPEN_CREATE, &error);
  GwExportOptions o = options ();

  g_assert_no_error (error);
  g_assert_true (gw_export_xlsx (store, path, &o, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gw_export_csv (store, path, &o, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *cmd = NULL;
  GwDemoOptions demo_options = { 0 };
  GwHazardNew tricky = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);

  demo_dir = g_dir_make_tmp ("gw-export-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (demo_dir, "demo.db", NULL);
  demo = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  demo_options.n_hazards = 3000;
  demo_options.seed = 1;
  demo_options.today = "2026-11-23";
  g_assert_true (gw_demo_generate (demo, &demo_options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  tricky.grid_id = gw_store_grid_find (demo, "430421100000", &error);
  g_assert_no_error (error);
  tricky.title = TRICKY_TITLE;
  tricky.found_date = "2026-11-20";
  tricky.field = GW_FIELD_WATER;
  g_assert_cmpint (gw_store_hazard_add (demo, &tricky, 0, &error), >, 0);
  g_assert_no_error (error);
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 23, 11, 2026);

  g_test_add ("/export/xlsx/all-sheets", Fixture, NULL, fixture_set_up, test_xlsx_all,
              fixture_tear_down);
  g_test_add ("/export/xlsx/cancel", Fixture, NULL, fixture_set_up, test_xlsx_cancel,
              fixture_tear_down);
  g_test_add ("/export/xlsx/empty-selection", Fixture, NULL, fixture_set_up,
              test_empty_selection, fixture_tear_down);
  g_test_add ("/export/bad-folder", Fixture, NULL, fixture_set_up, test_bad_folder,
              fixture_tear_down);
  g_test_add ("/export/empty-store", Fixture, NULL, fixture_set_up, test_empty_store,
              fixture_tear_down);
  g_test_add ("/export/csv/utf8", Fixture, NULL, fixture_set_up, test_csv_utf8,
              fixture_tear_down);
  g_test_add ("/export/csv/gb18030", Fixture, NULL, fixture_set_up, test_csv_gb18030,
              fixture_tear_down);
  g_test_add ("/export/csv/filter", Fixture, NULL, fixture_set_up, test_csv_filter,
              fixture_tear_down);
  g_test_add_func ("/export/sheets-parse", test_sheets_parse);
  g_test_add_func ("/export/default-filename", test_default_filename);

  status = g_test_run ();
  g_clear_object (&demo);
  cmd = g_strdup_printf ("rm -rf '%s'", demo_dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  return status;
}
