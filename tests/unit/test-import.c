/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gw-credit-code.h"
#include "gw-csv.h"
#include "gw-export.h"
#include "gw-hazard.h"
#include "gw-import.h"
#include "gw-query.h"
#include "gw-store.h"
#include "gw-test-util.h"

#define TODAY "2026-11-23"

/* ---- helpers ------------------------------------------------------------------ */

static char *
fixture (const char *name)
{
  return g_build_filename (TEST_SRCDIR, "fixtures", "csv", name, NULL);
}

static gint64
q_int (GwStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
q_text (GwStore    *store,
        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

static char *
credit_code (const char *first17)
{
  char c = gw_credit_code_check_char (first17);

  g_assert_cmpint (c, !=, 0);
  return g_strdup_printf ("%s%c", first17, c);
}

typedef struct {
  char    *dir;
  char    *path;
  GwStore *store;
} Fixture;

/* Three counties, five grids (two called 东阳镇), seven staff (two called 刘洋),
 * one enterprise: what the CSV fixtures refer to. */
static GwStore *
make_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = credit_code ("91430405MA4L12345");
  GwStore *store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  gint64 zh, hy, hn, dongfeng, guangdong, xidu;
  char *sql;

  g_assert_no_error (error);
  zh = gw_store_county_ensure (store, "430405", "珠晖区", &error);
  hy = gw_store_county_ensure (store, "430421", "衡阳县", &error);
  hn = gw_store_county_ensure (store, "430422", "衡南县", &error);
  dongfeng = gw_store_grid_add (store, "430405001000", "东风街道", zh, NULL, &error);
  guangdong = gw_store_grid_add (store, "430405002000", "广东路街道", zh, NULL, &error);
  xidu = gw_store_grid_add (store, "430421100000", "西渡镇", hy, NULL, &error);
  gw_store_grid_add (store, "430421101000", "东阳镇", hy, NULL, &error);
  gw_store_grid_add (store, "430422102000", "东阳镇", hn, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gw_store_staff_add (store, "张三", "13800000000", GW_ROLE_GRID_CHIEF, dongfeng, NULL, &error), ==, 1);
  g_assert_cmpint (gw_store_staff_add (store, "李四", NULL, GW_ROLE_GRID_MEMBER, dongfeng, NULL, &error), ==, 2);
  g_assert_cmpint (gw_store_staff_add (store, "王五", NULL, GW_ROLE_REGULATION, 0, "督办科", &error), ==, 3);
  g_assert_cmpint (gw_store_staff_add (store, "刘洋", NULL, GW_ROLE_GRID_MEMBER, xidu, NULL, &error), ==, 4);
  g_assert_cmpint (gw_store_staff_add (store, "刘洋", NULL, GW_ROLE_GRID_MEMBER, guangdong, NULL, &error), ==, 5);
  g_assert_cmpint (gw_store_staff_add (store, "赵六", NULL, GW_ROLE_SUPERVISOR, xidu, NULL, &error), ==, 6);
  g_assert_cmpint (gw_store_staff_add (store, "钱七", NULL, GW_ROLE_VIEWER, 0, NULL, &error), ==, 7);
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO enterprises (name, credit_code, grid_id) VALUES"
                         " ('衡阳市东风化工有限公司', '%s', %" G_GINT64_FORMAT ")", code, dongfeng);
  g_assert_true (gw_store_exec (store, sql, &error));
  g_assert_no_error (error);
  g_free (sql);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gw-test-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "gw.db", NULL);
  f->store = make_store (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  gw_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* What must not change when a file is refused. */
static char *
snapshot (GwStore *store)
{
  g_autofree char *head = q_text (store, "SELECT value FROM gw_meta WHERE key = 'chain_head'");

  return g_strdup_printf ("h%" G_GINT64_FORMAT " e%" G_GINT64_FORMAT " s%" G_GINT64_FORMAT
                          " n%" G_GINT64_FORMAT " c%" G_GINT64_FORMAT " t%" G_GINT64_FORMAT
                          " %s",
                          q_int (store, "SELECT count(*) FROM hazards"),
                          q_int (store, "SELECT count(*) FROM hazard_events"),
                          q_int (store, "SELECT count(*) FROM staff"),
                          q_int (store, "SELECT count(*) FROM enterprises"),
                          q_int (store, "SELECT count(*) FROM campaigns"),
                          q_int (store, "SELECT coalesce (sum (n), 0) FROM hazard_tally"),
                          head ? head : "-");
}

static void
assert_check (GwStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_store_check (store, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
import_file (GwStore        *store,
             GwImportKind    kind,
             const char     *name,
             GwCsvEncoding   encoding,
             GwImportResult *result,
             GError        **error)
{
  g_autofree char *path = fixture (name);
  GwImportOptions options = { kind, encoding, NULL, 0, FALSE };

  gboolean ok = gw_import_csv_file (store, path, &options, NULL, NULL, NULL, result, error);

  if (!ok && error && *error)
    g_test_message ("%s: %s", name, (*error)->message);
  return ok;
}

/* ---- CSV ---------------------------------------------------------------------- */

static void
test_dates (void)
{
  static const struct { const char *text; const char *iso; } cases[] = {
    { "2026-11-23", "2026-11-23" },
    { "2026/11/23", "2026-11-23" },
    { "2026/1/5", "2026-01-05" },
    { "2026-1-5", "2026-01-05" },
    { "2026.11.23", "2026-11-23" },
    { "2026年11月23日", "2026-11-23" },
    { "2026年1月5日", "2026-01-05" },
    { "2026年1月5号", "2026-01-05" },
    { " 2026 年 1 月 5 日 ", "2026-01-05" },
    { "２０２６／１１／２３", "2026-11-23" },
    { "20261123", "2026-11-23" },
    { "46349", "2026-11-23" },
    { "46349.75", "2026-11-23" },
    { "1", "1899-12-31" },
    { "60", "1900-02-28" },
    { "61", "1900-03-01" },
    { "2958465", "9999-12-31" },
    { "2026/11/23 9:30", "2026-11-23" },
    { "2026-11-23 09:30:15", "2026-11-23" },
    { "2026-11-23T09:30:15+08:00", "2026-11-23" },
    { "2024-02-29", "2024-02-29" },
    { "\u30002026-11-23\u3000", "2026-11-23" },
  };
  static const char *bad[] = {
    "", "   ", "2026-13-01", "2026-02-30", "2025-02-29", "2026/11", "2026-11-23x", "23/11/2026",
    "11-23-2026", "2026/11-23", "0", "2958466", "99999999", "2026-11-23 25:00",
    "2026-11-23 9", "二〇二六年十一月", "2026年11月", "abc", "-5", "1e5", "2026-011-23",
    "12345678901", "46349.", ".5", "2026..11.23",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate d;
      g_autofree char *iso = NULL;

      if (!gw_csv_parse_date (cases[i].text, &d))
        g_error ("“%s” was not read as a date", cases[i].text);
      iso = gw_date_to_string (&d);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GDate d;
      if (gw_csv_parse_date (bad[i], &d))
        g_error ("“%s” was read as a date", bad[i]);
    }
}

typedef struct {
  guint  n;
  char  *rows[8][6];
  guint  lines[8];
  guint  widths[8];
  char  *problems[8];
} Parsed;

static void
parse_all (const char *text,
           Parsed     *p,
           GError    **error)
{
  g_autoptr(GwCsvReader) r = gw_csv_reader_new ("t.csv", text, strlen (text));
  GwCsvRecord rec = { 0 };

  memset (p, 0, sizeof *p);
  while (gw_csv_reader_next (r, &rec, error))
    {
      g_assert_cmpuint (p->n, <, 8);
      for (guint i = 0; i < rec.n_fields && i < 6; i++)
        p->rows[p->n][i] = g_strdup (rec.fields[i]);
      p->lines[p->n] = rec.line;
      p->widths[p->n] = rec.n_fields;
      p->problems[p->n] = g_strdup (rec.problem);
      p->n++;
    }
  gw_csv_record_clear (&rec);
}

static void
parsed_clear (Parsed *p)
{
  for (guint r = 0; r < 8; r++)
    {
      for (guint c = 0; c < 6; c++)
        g_free (p->rows[r][c]);
      g_free (p->problems[r]);
    }
}

static void
test_reader (void)
{
  g_autoptr(GError) error = NULL;
  Parsed p;

  /* Quotes, doubled quotes, commas and line breaks inside quotes, CRLF, LF and a lone CR. */
  parse_all ("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n,,\r3,\"\",end", &p, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p.n, ==, 4);
  g_assert_cmpstr (p.rows[0][2], ==, "c");
  g_assert_cmpstr (p.rows[1][0], ==, "x,1");
  g_assert_cmpstr (p.rows[1][1], ==, "say \"hi\"");
  g_assert_cmpstr (p.rows[1][2], ==, "two\r\nlines");
  g_assert_cmpuint (p.lines[1], ==, 2);
  g_assert_cmpuint (p.widths[2], ==, 3);
  g_assert_cmpuint (p.lines[2], ==, 4);
  g_assert_cmpstr (p.rows[2][0], ==, "");
  g_assert_cmpuint (p.lines[3], ==, 5);
  g_assert_cmpstr (p.rows[3][1], ==, "");
  g_assert_cmpstr (p.rows[3][2], ==, "end");
  g_assert_null (p.problems[1]);
  parsed_clear (&p);

  /* A final line break makes no empty record; an empty line is a record of one empty field. */
  parse_all ("a\n\nb\n", &p, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p.n, ==, 3);
  g_assert_cmpuint (p.widths[1], ==, 1);
  g_assert_cmpstr (p.rows[1][0], ==, "");
  g_assert_cmpuint (p.lines[2], ==, 3);
  parsed_clear (&p);

  /* A quote inside an unquoted field is text; text after a closing quote is a problem. */
  parse_all ("5\"3,x\n\"ab\"cd,y\n", &p, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p.n, ==, 2);
  g_assert_cmpstr (p.rows[0][0], ==, "5\"3");
  g_assert_null (p.problems[0]);
  g_assert_nonnull (p.problems[1]);
  g_assert_cmpstr (p.rows[1][0], ==, "abcd");
  g_assert_cmpstr (p.rows[1][1], ==, "y");
  parsed_clear (&p);

  /* A quote that never closes: the line where it opened. */
  parse_all ("a,b\nc,\"open\nmore\nlines", &p, &error);
  g_assert_error (error, GW_CSV_ERROR, GW_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "t.csv line 2"));
  parsed_clear (&p);
  g_clear_error (&error);

  parse_all ("", &p, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p.n, ==, 0);
  parsed_clear (&p);
}

static void
test_decode (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gb_path = fixture ("hazards-gb18030.csv");
  g_autofree char *utf8_path = fixture ("hazards.csv");
  g_autofree char *gb = NULL, *utf8 = NULL;
  gsize gb_len, utf8_len, n = 0;
  GwCsvEncoding used = GW_CSV_ENCODING_AUTO;
  char *text;

  /* BOM dropped. */
  text = gw_csv_decode ("x", "\xEF\xBB\xBF" "a,b", 6, GW_CSV_ENCODING_AUTO, &used, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "a,b");
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (used, ==, GW_CSV_ENCODING_UTF8);
  g_free (text);

  /* GB18030 detected, and the same text as the UTF-8 file after its title row. */
  g_assert_true (g_file_get_contents (gb_path, &gb, &gb_len, NULL));
  g_assert_true (g_file_get_contents (utf8_path, &utf8, &utf8_len, NULL));
  text = gw_csv_decode ("gb", gb, gb_len, GW_CSV_ENCODING_AUTO, &used, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (used, ==, GW_CSV_ENCODING_GB18030);
  {
    g_autoptr(GString) s = g_string_new (strchr (text, '\n') + 1);
    g_string_replace (s, "\r\n", "\n", 0);
    g_assert_cmpstr (s->str, ==, utf8);
  }
  g_free (text);
  text = gw_csv_decode ("gb", gb, gb_len, GW_CSV_ENCODING_GB18030, &used, &n, &error);
  g_assert_no_error (error);
  g_free (text);

  /* GB18030 read as UTF-8: wrong encoding, on the first line with Chinese. */
  text = gw_csv_decode ("gb.csv", gb, gb_len, GW_CSV_ENCODING_UTF8, &used, &n, &error);
  g_assert_null (text);
  g_assert_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "gb.csv line 1"));
  g_assert_nonnull (strstr (error->message, "wrong encoding"));
  g_clear_error (&error);

  /* Neither: the line of the bad byte. */
  {
    g_autofree char *path = fixture ("bad-encoding.csv");
    g_autofree char *data = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (path, &data, &len, NULL));
    text = gw_csv_decode ("bad-encoding.csv", data, len, GW_CSV_ENCODING_AUTO, &used, &n, &error);
    g_assert_null (text);
    g_assert_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING);
    g_assert_nonnull (strstr (error->message, "bad-encoding.csv line 3"));
    g_assert_nonnull (strstr (error->message, "neither UTF-8 nor GB18030"));
    g_clear_error (&error);
  }

  /* UTF-16, a workbook, a NUL byte. */
  text = gw_csv_decode ("u16.csv", "\xFF\xFE" "a\0", 4, GW_CSV_ENCODING_AUTO, &used, &n, &error);
  g_assert_null (text);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_clear_error (&error);
  text = gw_csv_decode ("book.csv", "PK\x03\x04xxxx", 8, GW_CSV_ENCODING_AUTO, &used, &n, &error);
  g_assert_null (text);
  g_assert_nonnull (strstr (error->message, "xlsx"));
  g_clear_error (&error);
  text = gw_csv_decode ("nul.csv", "a,b\nc\0d\n", 8, GW_CSV_ENCODING_AUTO, &used, &n, &error);
  g_assert_null (text);
  g_assert_nonnull (strstr (error->message, "nul.csv line 2"));
  g_clear_error (&error);

  /* A UTF-8 BOM with GB18030 asked for. */
  text = gw_csv_decode ("bom.csv", "\xEF\xBB\xBF" "a", 4, GW_CSV_ENCODING_GB18030, &used, &n, &error);
  g_assert_null (text);
  g_assert_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING);
  g_clear_error (&error);

  {
    GwCsvEncoding e;
    g_assert_true (gw_csv_encoding_parse ("GBK", &e) && e == GW_CSV_ENCODING_GB18030);
    g_assert_true (gw_csv_encoding_parse ("utf8", &e) && e == GW_CSV_ENCODING_UTF8);
    g_assert_true (gw_csv_encoding_parse ("auto", &e) && e == GW_CSV_ENCODING_AUTO);
    g_assert_false (gw_csv_encoding_parse ("latin1", &e));
  }
}

/* ---- import ------------------------------------------------------------------- */

static void
test_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("hazards-gb18030.csv");
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GwCsvEncoding used = GW_CSV_ENCODING_AUTO;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  rows = gw_import_preview ("hazards-gb18030.csv", data, len, GW_CSV_ENCODING_AUTO, 3, &used,
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (used, ==, GW_CSV_ENCODING_GB18030);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((char **) rows->pdata[1])[2], ==, "隐患名称");
  g_assert_cmpstr (gw_import_guess_field (GW_IMPORT_HAZARDS, ((char **) rows->pdata[1])[2]), ==,
                   "title");
  g_assert_cmpstr (((char **) rows->pdata[2])[3], ==, "油烟直排,居民投诉");
  g_assert_cmpuint (g_strv_length (rows->pdata[2]), ==, 22);
}

static void
test_headers (void)
{
  static const struct { GwImportKind kind; const char *header; const char *field; } cases[] = {
    { GW_IMPORT_HAZARDS, "隐患名称", "title" },
    { GW_IMPORT_HAZARDS, " 隐患名称* ", "title" },
    { GW_IMPORT_HAZARDS, "整改时限（年月日）", "deadline" },
    { GW_IMPORT_HAZARDS, "乡镇（街道）", "grid" },
    { GW_IMPORT_HAZARDS, "网格代码", "grid_code" },
    { GW_IMPORT_HAZARDS, "Found date", "found_date" },
    { GW_IMPORT_HAZARDS, "found_date", "found_date" },
    { GW_IMPORT_HAZARDS, "责任人", "responsible" },
    { GW_IMPORT_HAZARDS, "序号", "ignore" },
    { GW_IMPORT_HAZARDS, "超期天数", "ignore" },
    { GW_IMPORT_HAZARDS, "备注", NULL },
    { GW_IMPORT_STAFF, "手机", "phone" },
    { GW_IMPORT_STAFF, "所属网格", "grid" },
    { GW_IMPORT_STAFF, "职务", "role" },
    { GW_IMPORT_ENTERPRISES, "统一社会信用代码", "credit_code" },
    { GW_IMPORT_ENTERPRISES, "单位名称", "name" },
    { GW_IMPORT_ENTERPRISES, "赋码", "color" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (gw_import_guess_field (cases[i].kind, cases[i].header), ==, cases[i].field);
  g_assert_true (gw_import_field_required (GW_IMPORT_HAZARDS, "title"));
  g_assert_false (gw_import_field_required (GW_IMPORT_HAZARDS, "deadline"));
  g_assert_nonnull (gw_import_field_label (GW_IMPORT_STAFF, "phone"));
  g_assert_null (gw_import_field_label (GW_IMPORT_STAFF, "credit_code"));
  g_assert_cmpstr (gw_import_fields (GW_IMPORT_STAFF)[0], ==, "name");
}

static void
test_staff (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GwImportResult res = { 0 };
  g_autofree char *role = NULL, *phone = NULL, *grid = NULL;

  g_assert_true (import_file (f->store, GW_IMPORT_STAFF, "staff.csv", GW_CSV_ENCODING_AUTO, &res,
                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (res.rows, ==, 4);
  g_assert_cmpuint (res.imported, ==, 4);
  g_assert_cmpint (res.encoding, ==, GW_CSV_ENCODING_UTF8);
  g_assert_cmpuint (res.ignored_columns->len, ==, 0);
  gw_import_result_clear (&res);
  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM staff"), ==, 11);
  role = q_text (f->store, "SELECT role FROM staff WHERE name = '孙八'");
  g_assert_cmpstr (role, ==, "grid-chief");
  phone = q_text (f->store, "SELECT phone FROM staff WHERE name = '周九'");
  g_assert_cmpstr (phone, ==, "0734-8888888");
  grid = q_text (f->store, "SELECT g.name FROM staff s JOIN grids g ON g.id = s.grid_id"
                           " WHERE s.name = '周九'");
  g_assert_cmpstr (grid, ==, "广东路街道");
  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM staff WHERE name = '吴十'"
                                    " AND role = 'inspector' AND grid_id IS NULL"), ==, 1);

  /* The same file again: every row is already there. */
  {
    g_autofree char *before = snapshot (f->store);
    g_autofree char *after = NULL;

    g_assert_false (import_file (f->store, GW_IMPORT_STAFF, "staff.csv", GW_CSV_ENCODING_AUTO,
                                 NULL, &error));
    g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_ROWS);
    g_assert_nonnull (strstr (error->message, "already in the database"));
    after = snapshot (f->store);
    g_assert_cmpstr (before, ==, after);
    g_clear_error (&error);
  }

  /* GB18030, CRLF, a title row. */
  g_assert_true (import_file (f->store, GW_IMPORT_STAFF, "staff-gb18030.csv", GW_CSV_ENCODING_AUTO,
                              &res, &error));
  g_assert_no_error (error);
  g_assert_cmpint (res.encoding, ==, GW_CSV_ENCODING_GB18030);
  g_assert_cmpuint (res.header_line, ==, 2);
  g_assert_cmpuint (res.imported, ==, 2);
  gw_import_result_clear (&res);
  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM staff WHERE name = '褚十三'"
                                    " AND role = 'grid-chief'"), ==, 1);
  assert_check (f->store);
}

static void
test_enterprises (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *industry = NULL, *code = credit_code ("91430405MA4L00002");
  GwImportResult res = { 0 };
  g_autofree char *sql = NULL;

  g_assert_true (import_file (f->store, GW_IMPORT_ENTERPRISES, "enterprises.csv",
                              GW_CSV_ENCODING_AUTO, &res, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (res.header_line, ==, 2);
  g_assert_cmpuint (res.imported, ==, 3);
  gw_import_result_clear (&res);

  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM enterprises WHERE name = '西渡建材有限公司'"
                                    " AND color = 'red' AND positive_list = 1 AND supervisor_id = 6"
                                    " AND abs (lat - 26.97) < 1e-9 AND abs (lon - 112.38) < 1e-9"),
                   ==, 1);
  /* A lower-case credit code is stored upper-case. */
  sql = g_strdup_printf ("SELECT count(*) FROM enterprises WHERE credit_code = '%s'"
                         " AND color = 'yellow' AND positive_list = 0", code);
  g_assert_cmpint (q_int (f->store, sql), ==, 1);
  industry = q_text (f->store, "SELECT industry FROM enterprises WHERE grid_id ="
                               " (SELECT id FROM grids WHERE code = '430422102000')");
  g_assert_cmpstr (industry, ==, "环保服务,\n危废收集");
  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM enterprises WHERE"
                                    " name = '衡南\"蓝天\"环保科技有限公司' AND color = 'green'"),
                   ==, 1);

  /* The GB18030 copy of the same list is refused whole: its codes are taken now. */
  g_assert_false (import_file (f->store, GW_IMPORT_ENTERPRISES, "enterprises-gb18030.csv",
                               GW_CSV_ENCODING_AUTO, &res, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_ROWS);
  g_assert_cmpint (res.encoding, ==, GW_CSV_ENCODING_GB18030);
  g_assert_cmpuint (res.n_problems, ==, 3);
  gw_import_result_clear (&res);
  assert_check (f->store);
}

static void
test_enterprises_gb18030 (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GwImportResult res = { 0 };

  g_assert_true (import_file (f->store, GW_IMPORT_ENTERPRISES, "enterprises-gb18030.csv",
                              GW_CSV_ENCODING_GB18030, &res, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (res.imported, ==, 3);
  gw_import_result_clear (&res);
  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM enterprises WHERE industry ="
                                    " '环保服务,' || char (10) || '危废收集'"), ==, 1);
}

typedef struct {
  const char *number, *title, *state, *level, *urgency, *measure, *deadline, *closed, *found;
  gint64      responsible;
  const char *source, *field, *grid;
  guint       n_events;
} Expect;

static const Expect expected_hazards[] = {
  { "2026-430405-0101", "东风路餐饮油烟扰民", "reported", NULL, NULL, NULL, NULL, NULL,
    "2026-03-05", 0, "complaint", "air", "430405001000", 1 },
  { "2026-430405-0102", "化工厂废水直排", "rectifying", "I", "no-delay", "deadline",
    "2026-06-30", NULL, "2026-03-07", 1, "patrol", "water", "430405001000", 2 },
  { "2026-430421-0003", "西渡镇垃圾堆放", "verifying", "II", "at-all-costs", "immediate",
    "2026-05-01", NULL, "2026-03-19", 4, "inspection", "solid-waste", "430421100000", 2 },
  { "2026-430405-0103", "噪声扰民", "downgraded", "III", "no-gap", "control", "2026-04-30", NULL,
    "2026-04-01", 3, "complaint", "noise", "430405002000", 2 },
  { "2026-430405-0104", "工地扬尘", "closed", "II", "no-delay", "deadline", "2026-03-01",
    "2026-03-10", "2026-02-01", 2, "patrol", "air", "430405001000", 2 },
  { "2026-430405-0105", "核实不属实的举报", "closed", NULL, NULL, NULL, NULL, "2026-02-03",
    "2026-02-02", 0, "report", "other", "430405001000", 2 },
};

static void
assert_hazards (GwStore *store)
{
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM hazards"), ==,
                   G_N_ELEMENTS (expected_hazards));
  for (guint i = 0; i < G_N_ELEMENTS (expected_hazards); i++)
    {
      const Expect *e = &expected_hazards[i];
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM hazards WHERE number = '%s'", e->number);
      g_autoptr(GwHazard) h = NULL;
      g_autoptr(GPtrArray) events = NULL;
      gint64 id = q_int (store, sql);
      GwEvent *first, *last;

      if (id == 0)
        g_error ("hazard %s was not imported", e->number);
      h = gw_store_hazard_get (store, id, NULL);
      g_assert_cmpstr (h->title, ==, e->title);
      g_assert_cmpstr (gw_state_to_id (h->state), ==, e->state);
      g_assert_cmpstr (h->level ? gw_level_to_id (h->level) : NULL, ==, e->level);
      g_assert_cmpstr (h->urgency ? gw_urgency_to_id (h->urgency) : NULL, ==, e->urgency);
      g_assert_cmpstr (h->measure ? gw_measure_to_id (h->measure) : NULL, ==, e->measure);
      g_assert_cmpstr (h->deadline, ==, e->deadline);
      g_assert_cmpstr (h->closed_date, ==, e->closed);
      g_assert_cmpstr (h->found_date, ==, e->found);
      g_assert_cmpint (h->responsible_id, ==, e->responsible);
      g_assert_cmpstr (gw_source_to_id (h->source), ==, e->source);
      g_assert_cmpstr (gw_field_to_id (h->field), ==, e->field);
      g_assert_cmpstr (h->grid_code, ==, e->grid);

      events = gw_store_hazard_events (store, id, NULL);
      g_assert_cmpuint (events->len, ==, e->n_events);
      first = events->pdata[0];
      last = events->pdata[events->len - 1];
      g_assert_cmpstr (first->kind, ==, "create");
      g_assert_cmpstr (first->date, ==, e->found);
      g_assert_nonnull (strstr (first->note, "line"));
      if (events->len > 1)
        {
          g_assert_cmpstr (last->kind, ==, "import");
          g_assert_cmpstr (last->to_value, ==, e->state);
          g_assert_cmpstr (last->date, ==, e->closed ? e->closed : e->found);
        }
    }
  {
    g_autoptr(GwHazard) h = gw_store_hazard_get (store, q_int (store, "SELECT id FROM hazards"
                                                                      " WHERE number = '2026-430405-0102'"), NULL);
    g_assert_cmpstr (h->description, ==, "厂区东侧排口\"直排\"\n夜间尤甚");
    g_assert_cmpstr (h->enterprise_name, ==, "衡阳市东风化工有限公司");
    g_assert_cmpstr (h->campaign_name, ==, "夏季攻势");
    g_assert_cmpstr (h->found_by_name, ==, "李四");
    g_assert_cmpstr (h->responsible_unit, ==, "东风化工");
  }
  {
    g_autoptr(GwHazard) h = gw_store_hazard_get (store, q_int (store, "SELECT id FROM hazards"
                                                                      " WHERE number = '2026-430405-0101'"), NULL);
    g_assert_true (h->has_location);
    g_assert_cmpfloat_with_epsilon (h->lat, 26.9, 1e-9);
    g_assert_cmpfloat_with_epsilon (h->lon, 112.6, 1e-9);
    g_assert_cmpstr (h->description, ==, "油烟直排,居民投诉");
  }
  assert_check (store);
}

static void
test_hazards (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  GwImportResult res = { 0 };
  GwFilter filter = { 0 };

  g_assert_true (import_file (f->store, GW_IMPORT_HAZARDS, "hazards.csv", GW_CSV_ENCODING_AUTO,
                              &res, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (res.imported, ==, 6);
  g_assert_cmpuint (res.campaigns_created, ==, 1);
  g_assert_cmpuint (res.ignored_columns->len, ==, 1);
  g_assert_cmpstr (res.ignored_columns->pdata[0], ==, "备注");
  gw_import_result_clear (&res);
  assert_hazards (f->store);

  /* The full-text index has them. */
  filter.text = "废水";
  found = gw_store_hazard_list (f->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* An imported hazard goes on through the flow, and the history still replays. */
  {
    gint64 id = q_int (f->store, "SELECT id FROM hazards WHERE number = '2026-430405-0102'");
    GwMove move = { .to = GW_STATE_VERIFYING, .date = "2026-07-01" };

    g_assert_true (gw_store_hazard_move (f->store, id, &move, 0, &error));
    g_assert_no_error (error);
    assert_check (f->store);
  }

  /* Again: every number is taken now. */
  g_assert_false (import_file (f->store, GW_IMPORT_HAZARDS, "hazards.csv", GW_CSV_ENCODING_AUTO,
                               &res, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_ROWS);
  g_assert_cmpuint (res.n_problems, ==, 2);
  gw_import_result_clear (&res);
}

static void
test_hazards_gb18030 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GwImportResult res = { 0 };

  g_assert_true (import_file (f->store, GW_IMPORT_HAZARDS, "hazards-gb18030.csv",
                              GW_CSV_ENCODING_AUTO, &res, &error));
  g_assert_no_error (error);
  g_assert_cmpint (res.encoding, ==, GW_CSV_ENCODING_GB18030);
  g_assert_cmpuint (res.header_line, ==, 2);
  gw_import_result_clear (&res);
  assert_hazards (f->store);
}

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = fixture ("hazards-mapping.csv");
  g_autofree char *json = fixture ("hazards-mapping.json");
  g_autoptr(GHashTable) mapping = NULL;
  GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, NULL, 0, FALSE };
  GwImportResult res = { 0 };

  /* Without the mapping nothing is recognised. */
  g_assert_false (gw_import_csv_file (f->store, csv, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_HEADER);
  g_clear_error (&error);

  mapping = gw_import_mapping_load (json, GW_IMPORT_HAZARDS, &error);
  g_assert_no_error (error);
  options.mapping = mapping;
  g_assert_true (gw_import_csv_file (f->store, csv, &options, NULL, NULL, NULL, &res, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (res.imported, ==, 2);
  g_assert_cmpuint (res.ignored_columns->len, ==, 0);
  gw_import_result_clear (&res);
  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM hazards WHERE title = '秸秆焚烧'"
                                    " AND number = '2026-430421-0001'"), ==, 1);
  assert_check (f->store);

  /* A mapping to a field the kind does not have, and one naming a missing column. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);

    g_assert_true (g_file_set_contents (bad, "{\"事项\": \"credit_code\"}", -1, NULL));
    g_assert_null (gw_import_mapping_load (bad, GW_IMPORT_HAZARDS, &error));
    g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_MAPPING);
    g_assert_nonnull (strstr (error->message, "事项"));
    g_clear_error (&error);
    g_assert_true (g_file_set_contents (bad, "[1, 2]", -1, NULL));
    g_assert_null (gw_import_mapping_load (bad, GW_IMPORT_HAZARDS, &error));
    g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_MAPPING);
    g_clear_error (&error);
    g_assert_true (g_file_set_contents (bad, "{\"事项\": \"title\", \"没有\": \"grid\"}", -1, NULL));
    g_clear_pointer (&mapping, g_hash_table_unref);
    mapping = gw_import_mapping_load (bad, GW_IMPORT_HAZARDS, &error);
    g_assert_no_error (error);
    options.mapping = mapping;
    g_assert_false (gw_import_csv_file (f->store, csv, &options, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_MAPPING);
    g_assert_nonnull (strstr (error->message, "没有"));
  }
}

/* Each bad file: refused whole, the message names the file, the line and the
 * column, and nothing changed. */
typedef struct {
  const char   *file;
  GwImportKind  kind;
  GQuark        domain;      /* 0: GW_IMPORT_ERROR */
  int           code;
  const char   *where;       /* "line N" */
  const char   *column;      /* NULL: the row or the file */
  const char   *what;        /* a word of the message */
} Bad;

static const Bad bad_files[] = {
  { "bad-grid.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 2", "网格", "新城镇" },
  { "bad-date.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 2", "发现日期", "2026-13-01" },
  { "bad-state.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 2", "状态", "处理中" },
  { "bad-level.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 2", "风险等级", "超大" },
  { "bad-state-fields.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 2", "状态",
    "风险等级, 整改时限, 责任人" },
  { "bad-closed-no-date.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 2", "状态",
    "销号日期" },
  { "bad-ragged.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 3", NULL, "6 fields" },
  { "bad-duplicate-number.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 3", "隐患编号",
    "line 2" },
  { "bad-stray-quote.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 2", NULL, "quote" },
  { "bad-future.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 2", "发现日期", "future" },
  { "bad-ambiguous.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_ROWS, "line 2", "网格", "12-digit" },
  { "bad-credit-length.csv", GW_IMPORT_ENTERPRISES, 0, GW_IMPORT_ERROR_ROWS, "line 2",
    "统一社会信用代码", "18" },
  { "bad-credit-char.csv", GW_IMPORT_ENTERPRISES, 0, GW_IMPORT_ERROR_ROWS, "line 2",
    "统一社会信用代码", "position 17" },
  { "bad-credit-check.csv", GW_IMPORT_ENTERPRISES, 0, GW_IMPORT_ERROR_ROWS, "line 2",
    "统一社会信用代码", "check character" },
  { "bad-credit-excel.csv", GW_IMPORT_ENTERPRISES, 0, GW_IMPORT_ERROR_ROWS, "line 2",
    "统一社会信用代码", "Excel" },
  { "bad-duplicate-credit.csv", GW_IMPORT_ENTERPRISES, 0, GW_IMPORT_ERROR_ROWS, "line 3",
    "统一社会信用代码", "line 2" },
  { "bad-staff-role.csv", GW_IMPORT_STAFF, 0, GW_IMPORT_ERROR_ROWS, "line 2", "职务", "村长" },
  { "bad-no-header.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_HEADER, "line 1", NULL, "header" },
  { "bad-missing-column.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_HEADER, "line 1", NULL, "网格" },
  { "bad-header-only.csv", GW_IMPORT_HAZARDS, 0, GW_IMPORT_ERROR_EMPTY, "line 1", NULL, "no rows" },
};

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  const Bad *b = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  g_autofree char *expect_where = NULL;
  GwImportResult res = { 0 };

  g_assert_false (import_file (f->store, b->kind, b->file, GW_CSV_ENCODING_AUTO, &res, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", b->file, error->message);
  g_assert_error (error, b->domain ? b->domain : GW_IMPORT_ERROR, b->code);
  g_assert_nonnull (strstr (error->message, b->file));
  expect_where = g_strdup_printf ("%s %s", b->file, b->where);
  g_assert_nonnull (strstr (error->message, expect_where));
  if (b->column)
    {
      g_autofree char *col = g_strdup_printf ("column “%s”", b->column);
      g_assert_nonnull (strstr (error->message, col));
    }
  g_assert_nonnull (strstr (error->message, b->what));
  if (b->code == GW_IMPORT_ERROR_ROWS)
    {
      g_assert_cmpuint (res.n_problems, >=, 1);
      g_assert_nonnull (strstr (error->message, "nothing was imported"));
    }
  gw_import_result_clear (&res);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
  assert_check (f->store);
}

static void
test_bad_encoding (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;

  g_assert_false (import_file (f->store, GW_IMPORT_HAZARDS, "bad-encoding.csv",
                               GW_CSV_ENCODING_AUTO, NULL, &error));
  g_assert_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "bad-encoding.csv line 3"));
  g_assert_nonnull (strstr (error->message, "wrong encoding"));
  g_clear_error (&error);

  g_assert_false (import_file (f->store, GW_IMPORT_HAZARDS, "hazards-gb18030.csv",
                               GW_CSV_ENCODING_UTF8, NULL, &error));
  g_assert_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "hazards-gb18030.csv line 1"));
  g_clear_error (&error);

  g_assert_false (import_file (f->store, GW_IMPORT_HAZARDS, "bad-utf16.csv",
                               GW_CSV_ENCODING_AUTO, NULL, &error));
  g_assert_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_clear_error (&error);

  g_assert_false (import_file (f->store, GW_IMPORT_HAZARDS, "bad-quote.csv",
                               GW_CSV_ENCODING_AUTO, NULL, &error));
  g_assert_error (error, GW_CSV_ERROR, GW_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "bad-quote.csv line 2"));
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_many (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GwImportResult res = { 0 };

  g_assert_false (import_file (f->store, GW_IMPORT_HAZARDS, "bad-many.csv", GW_CSV_ENCODING_AUTO,
                               &res, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_ROWS);
  g_assert_cmpuint (res.n_problems, ==, 25);
  g_assert_cmpuint (res.problems->len, ==, 25);
  g_assert_cmpuint (((GwImportProblem *) res.problems->pdata[24])->line, ==, 26);
  gw_import_result_clear (&res);
  /* A summary, 20 problems, and how many more. */
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 22);
  g_assert_nonnull (strstr (lines[0], "25 problems"));
  g_assert_nonnull (strstr (lines[1], "bad-many.csv line 2, column “发现日期”"));
  g_assert_nonnull (strstr (lines[20], "bad-many.csv line 21"));
  g_assert_nonnull (strstr (lines[21], "5 more"));
  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM hazards"), ==, 0);
}

static char *
generated_hazards (guint n)
{
  g_autoptr(GString) s = g_string_new ("隐患名称,网格,发现日期,状态\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "批量隐患%u,东风街道,2026-05-%02u,已上报\n", i, 1 + i % 28);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

typedef struct {
  GCancellable *cancellable;
  guint         calls;
  double        last;
  gboolean      monotonic;
} Progress;

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_nonnull (what);
  p->monotonic &= fraction >= p->last;
  p->last = fraction;
  if (++p->calls == 3 && p->cancellable)
    g_cancellable_cancel (p->cancellable);
}

static void
test_progress_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = generated_hazards (3000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, NULL, 0, FALSE };
  Progress p = { cancellable, 0, 0, TRUE };
  GwImportResult res = { 0 };

  g_assert_false (gw_import_csv_data (f->store, "big.csv", csv, strlen (csv), &options,
                                      progress_cb, &p, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "big.csv"));
  g_clear_error (&error);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);

  /* Uncancelled: progress rises to 1, and the numbers run on. */
  p = (Progress) { NULL, 0, 0, TRUE };
  g_assert_true (gw_import_csv_data (f->store, "big.csv", csv, strlen (csv), &options,
                                     progress_cb, &p, NULL, &res, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (res.imported, ==, 3000);
  gw_import_result_clear (&res);
  g_assert_true (p.monotonic);
  g_assert_cmpfloat (p.last, ==, 1.0);
  g_assert_cmpuint (p.calls, >, 10);
  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM hazards WHERE number = '2026-430405-3000'"),
                   ==, 1);
  assert_check (f->store);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("hazards.csv");
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, NULL, 0, TRUE };
  GwImportResult res = { 0 };

  g_assert_true (gw_import_csv_file (f->store, path, &options, NULL, NULL, NULL, &res, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (res.rows, ==, 6);
  g_assert_cmpuint (res.imported, ==, 0);
  gw_import_result_clear (&res);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("hazards.csv");
  GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, NULL, 2, FALSE };
  GwImportResult res = { 0 };
  const char *own = "隐患名称,网格,发现日期,状态,风险等级,清单,整改措施,整改时限,责任人\n"
                    "油烟,东风街道,2026-05-01,整改中,一般,不容迟疑,限期整治,2026-06-01,张三\n";

  /* 李四, a member of 东风街道: other grids' rows and closed ones are refused. */
  g_assert_false (gw_import_csv_file (f->store, path, &options, NULL, NULL, NULL, &res, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_ROWS);
  g_assert_cmpuint (res.n_problems, ==, 4);
  g_assert_nonnull (strstr (error->message, "李四"));
  gw_import_result_clear (&res);
  g_clear_error (&error);

  /* Their own grid, assessed: allowed, and the events carry their name. */
  g_assert_true (gw_import_csv_data (f->store, "own.csv", own, strlen (own), &options, NULL,
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (q_int (f->store, "SELECT count(*) FROM hazard_events WHERE actor = '李四'"
                                    " AND actor_id = 2"), ==, 2);

  /* A viewer may not import at all; the regulation office may import everything. */
  options.actor_id = 7;
  g_assert_false (gw_import_csv_file (f->store, path, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_ROWS);
  g_clear_error (&error);
  options.actor_id = 3;
  g_assert_true (gw_import_csv_file (f->store, path, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_check (f->store);
}

/* The ledger exported as CSV (UTF-8 and GB18030) imports into a database with the
 * same grids and staff and gives the same hazards. */
static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GwExportOptions eo = { 0 };
  static const char *cols[] = {
    "number", "title", "description", "grid_id", "enterprise_id", "printf ('%.6f', lat)",
    "printf ('%.6f', lon)", "found_date", "found_by", "source", "field", "urgency", "level",
    "measure", "responsible_unit", "responsible_id", "deadline", "state", "closed_date",
    "campaign_id", NULL,
  };
  g_autoptr(GString) row = g_string_new (NULL);

  for (guint i = 0; cols[i]; i++)
    g_string_append_printf (row, "%squote (%s)", i ? " || ';' || " : "", cols[i]);
  /* Names are how the ledger gives people: make them unique first. */
  g_assert_true (gw_store_exec (f->store, "UPDATE staff SET name = '刘阳' WHERE id = 5", NULL));

  g_assert_true (import_file (f->store, GW_IMPORT_HAZARDS, "hazards.csv", GW_CSV_ENCODING_AUTO,
                              NULL, &error));
  g_assert_no_error (error);

  for (int enc = 0; enc < 2; enc++)
    {
      g_autofree char *csv = g_build_filename (f->dir, enc ? "ledger-gb.csv" : "ledger.csv", NULL);
      g_autofree char *path2 = g_build_filename (f->dir, enc ? "copy-gb.db" : "copy.db", NULL);
      g_autoptr(GwStore) copy = make_store (path2);
      GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, NULL, 0, FALSE };
      GwImportResult res = { 0 };
      g_autofree char *sql = g_strdup_printf ("SELECT group_concat (r, '|') FROM (SELECT"
                                              " %s AS r FROM hazards ORDER BY number)", row->str);
      g_autofree char *a = NULL, *b = NULL;

      g_assert_true (gw_store_exec (copy, "UPDATE staff SET name = '刘阳' WHERE id = 5", NULL));
      eo.encoding = enc ? GW_EXPORT_ENCODING_GB18030 : GW_EXPORT_ENCODING_UTF8;
      g_assert_true (gw_export_csv (f->store, csv, &eo, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (gw_import_csv_file (copy, csv, &options, NULL, NULL, NULL, &res, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (res.imported, ==, 6);
      g_assert_cmpint (res.encoding, ==, enc ? GW_CSV_ENCODING_GB18030 : GW_CSV_ENCODING_UTF8);
      gw_import_result_clear (&res);
      a = q_text (f->store, sql);
      b = q_text (copy, sql);
      g_assert_cmpstr (a, ==, b);
      assert_check (copy);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/dates", test_dates);
  g_test_add_func ("/csv/reader", test_reader);
  g_test_add_func ("/csv/decode", test_decode);
  g_test_add_func ("/import/headers", test_headers);
  g_test_add_func ("/import/preview", test_preview);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/import/staff", test_staff);
  ADD ("/import/enterprises", test_enterprises);
  ADD ("/import/enterprises-gb18030", test_enterprises_gb18030);
  ADD ("/import/hazards", test_hazards);
  ADD ("/import/hazards-gb18030", test_hazards_gb18030);
  ADD ("/import/mapping", test_mapping);
  ADD ("/import/bad/encoding", test_bad_encoding);
  ADD ("/import/bad/many", test_bad_many);
  ADD ("/import/progress-cancel", test_progress_cancel);
  ADD ("/import/dry-run", test_dry_run);
  ADD ("/import/roles", test_roles);
  ADD ("/import/roundtrip", test_roundtrip);
#undef ADD
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/bad/%s", bad_files[i].file);
      g_test_add (path, Fixture, &bad_files[i], fixture_set_up, test_bad_file, fixture_tear_down);
    }
  return g_test_run ();
}
