/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-dialog"
#define _GNU_SOURCE

#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "gw-credit-code.h"
#include "gw-import-dialog.h"
#include "gw-grid-layer.h"
#include "gw-map-view.h"
#include "gw-store.h"
#include "gw-window.h"
#include "gw-test-util.h"


typedef struct {
  char *dir;
  char *path;
} Fixture;

static char *
fixture (const char *name)
{
  return g_build_filename (TEST_SRCDIR, "fixtures", "csv", name, NULL);
}

static gboolean
dialog_idle (gpointer data)
{
  return !gw_import_dialog_get_busy (data);
}

static gint64
count (const char *path,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_READONLY, &error);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A boundary for the map: the @i-th square of a row near Hengyang. */
static const char *
square (guint i)
{
  static char text[5][256];
  double x = 112.5 + 0.05 * i, y = 26.9;

  g_snprintf (text[i], sizeof text[i],
              "{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f],"
              "[%.2f,%.2f],[%.2f,%.2f]]]}",
              x, y, x + 0.05, y, x + 0.05, y + 0.05, x, y + 0.05, x, y);
  return text[i];
}

/* The grids, staff and enterprise the CSV fixtures refer to (as test-import). */
static void
make_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  gint64 zh, hy, hn, dongfeng, guangdong, xidu;
  char code[19] = "91430405MA4L12345";
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  zh = gw_store_county_ensure (store, "430405", "珠晖区", &error);
  hy = gw_store_county_ensure (store, "430421", "衡阳县", &error);
  hn = gw_store_county_ensure (store, "430422", "衡南县", &error);
  dongfeng = gw_store_grid_add (store, "430405001000", "东风街道", zh, square (0), &error);
  guangdong = gw_store_grid_add (store, "430405002000", "广东路街道", zh, square (1), &error);
  xidu = gw_store_grid_add (store, "430421100000", "西渡镇", hy, square (2), &error);
  gw_store_grid_add (store, "430421101000", "东阳镇", hy, square (3), &error);
  gw_store_grid_add (store, "430422102000", "东阳镇", hn, square (4), &error);
  g_assert_no_error (error);
  gw_store_staff_add (store, "张三", "13800000000", GW_ROLE_GRID_CHIEF, dongfeng, NULL, &error);
  gw_store_staff_add (store, "李四", NULL, GW_ROLE_GRID_MEMBER, dongfeng, NULL, &error);
  gw_store_staff_add (store, "王五", NULL, GW_ROLE_REGULATION, 0, "督办科", &error);
  gw_store_staff_add (store, "刘洋", NULL, GW_ROLE_GRID_MEMBER, xidu, NULL, &error);
  gw_store_staff_add (store, "刘洋", NULL, GW_ROLE_GRID_MEMBER, guangdong, NULL, &error);
  gw_store_staff_add (store, "赵六", NULL, GW_ROLE_SUPERVISOR, xidu, NULL, &error);
  gw_store_staff_add (store, "钱七", NULL, GW_ROLE_VIEWER, 0, NULL, &error);
  g_assert_no_error (error);
  code[17] = gw_credit_code_check_char (code);
  sql = g_strdup_printf ("INSERT INTO enterprises (name, credit_code, grid_id) VALUES"
                         " ('衡阳市东风化工有限公司', '%s', %" G_GINT64_FORMAT ")", code, dongfeng);
  g_assert_true (gw_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gw-test-import-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "gw.db", NULL);
  make_db (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static GwImportDialog *
open_dialog (Fixture     *f,
             GwImportKind kind,
             const char  *csv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = fixture (csv);
  GwImportDialog *dialog = gw_import_dialog_new (NULL, f->path, 0);

  gw_import_dialog_set_kind (dialog, kind);
  g_assert_true (gw_import_dialog_set_file (dialog, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static int
column_of (GwImportDialog *dialog,
           const char     *header)
{
  guint h = gw_import_dialog_get_header_row (dialog);

  for (guint c = 0; c < gw_import_dialog_get_n_columns (dialog); c++)
    if (g_strcmp0 (gw_import_dialog_get_cell (dialog, h, c), header) == 0)
      return (int) c;
  return -1;
}

/* ---- tests ------------------------------------------------------------------------ */

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  GwImportDialog *dialog = open_dialog (f, GW_IMPORT_HAZARDS, "hazards.csv");

  /* The header and the six records (one spans two lines). */
  g_assert_cmpuint (gw_import_dialog_get_n_preview_rows (dialog), ==, 7);
  g_assert_cmpuint (gw_import_dialog_get_header_row (dialog), ==, 0);
  g_assert_cmpuint (gw_import_dialog_get_n_columns (dialog), ==, 22);
  g_assert_cmpstr (gw_import_dialog_get_cell (dialog, 0, 2), ==, "隐患名称");
  g_assert_cmpstr (gw_import_dialog_get_cell (dialog, 1, 2), ==, "东风路餐饮油烟扰民");
  g_assert_cmpstr (gw_import_dialog_get_cell (dialog, 2, 3), ==, "厂区东侧排口\"直排\"\n夜间尤甚");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A title row above the header is shown, and the header found under it;
   * GB18030 is read as such. */
  dialog = open_dialog (f, GW_IMPORT_ENTERPRISES, "enterprises-gb18030.csv");
  g_assert_cmpuint (gw_import_dialog_get_header_row (dialog), ==, 1);
  g_assert_cmpstr (gw_import_dialog_get_cell (dialog, 1, 0), ==, "企业名称");
  g_assert_cmpstr (gw_import_dialog_get_cell (dialog, 2, 0), ==, "西渡建材有限公司");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_mapping_guessed (Fixture       *f,
                      gconstpointer  data)
{
  GwImportDialog *dialog = open_dialog (f, GW_IMPORT_HAZARDS, "hazards.csv");
  static const struct { const char *header, *field; } expected[] = {
    { "序号", "ignore" },
    { "隐患编号", "number" },
    { "隐患名称", "title" },
    { "网格", "grid" },
    { "发现日期", "found_date" },
    { "整改时限", "deadline" },
    { "责任人", "responsible" },
    { "责任单位", "responsible_unit" },
    { "状态", "state" },
    { "备注", "ignore" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      int c = column_of (dialog, expected[i].header);

      g_assert_cmpint (c, >=, 0);
      g_assert_cmpstr (gw_import_dialog_get_column_field (dialog, (guint) c), ==,
                       expected[i].field);
    }

  /* Staff: 姓名, 所属网格 … on another kind's fields. */
  gw_import_dialog_set_kind (dialog, GW_IMPORT_STAFF);
  g_assert_true (gw_import_dialog_set_file (dialog, NULL, NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = open_dialog (f, GW_IMPORT_STAFF, "staff.csv");
  g_assert_cmpstr (gw_import_dialog_get_column_field (dialog, column_of (dialog, "所属网格")), ==,
                   "grid");
  g_assert_cmpstr (gw_import_dialog_get_column_field (dialog, column_of (dialog, "姓名")), ==,
                   "name");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  GwImportDialog *dialog = open_dialog (f, GW_IMPORT_HAZARDS, "bad-many.csv");
  GPtrArray *problems;

  gw_import_dialog_check (dialog);
  g_assert_true (gw_import_dialog_get_busy (dialog));
  gw_test_wait_until (dialog_idle, dialog);
  g_assert_cmpuint (gw_import_dialog_get_n_problems (dialog), ==, 25);
  problems = gw_import_dialog_get_problems (dialog);
  g_assert_cmpuint (problems->len, ==, 20);
  g_assert_nonnull (strstr (problems->pdata[0], "bad-many.csv line 2, column “发现日期”"));
  g_assert_nonnull (strstr (problems->pdata[19], "bad-many.csv line 21"));
  g_assert_nonnull (strstr (gw_import_dialog_get_status (dialog), "25"));

  /* Importing anyway is refused whole. */
  gw_import_dialog_import (dialog);
  gw_test_wait_until (dialog_idle, dialog);
  g_assert_cmpuint (gw_import_dialog_get_n_problems (dialog), ==, 25);
  g_assert_cmpuint (gw_import_dialog_get_imported (dialog), ==, 0);
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM hazards"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A bad grid: the line and the column. */
  dialog = open_dialog (f, GW_IMPORT_HAZARDS, "bad-grid.csv");
  gw_import_dialog_import (dialog);
  gw_test_wait_until (dialog_idle, dialog);
  g_assert_cmpuint (gw_import_dialog_get_n_problems (dialog), ==, 1);
  problems = gw_import_dialog_get_problems (dialog);
  g_assert_nonnull (strstr (problems->pdata[0], "bad-grid.csv line 2, column “网格”"));
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM hazards"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
imported_cb (GwImportDialog *dialog,
             guint           n,
             guint          *out)
{
  *out = n;
}

static void
test_good_file (Fixture       *f,
                gconstpointer  data)
{
  GwImportDialog *dialog = open_dialog (f, GW_IMPORT_HAZARDS, "hazards.csv");
  guint signalled = 0;

  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &signalled);
  /* A check writes nothing. */
  gw_import_dialog_check (dialog);
  gw_test_wait_until (dialog_idle, dialog);
  g_assert_cmpuint (gw_import_dialog_get_n_problems (dialog), ==, 0);
  g_assert_nonnull (strstr (gw_import_dialog_get_status (dialog), "6"));
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM hazards"), ==, 0);
  g_assert_cmpuint (signalled, ==, 0);

  gw_import_dialog_import (dialog);
  gw_test_wait_until (dialog_idle, dialog);
  g_assert_cmpuint (gw_import_dialog_get_n_problems (dialog), ==, 0);
  g_assert_cmpuint (gw_import_dialog_get_imported (dialog), ==, 6);
  g_assert_cmpuint (signalled, ==, 6);
  g_assert_cmpfloat (gw_import_dialog_get_fraction (dialog), >=, 0.0);
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM hazards"), ==, 6);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Staff in GB18030, under a title row. */
  dialog = open_dialog (f, GW_IMPORT_STAFF, "staff-gb18030.csv");
  g_assert_cmpuint (gw_import_dialog_get_header_row (dialog), ==, 1);
  gw_import_dialog_import (dialog);
  gw_test_wait_until (dialog_idle, dialog);
  g_assert_cmpuint (gw_import_dialog_get_n_problems (dialog), ==, 0);
  g_assert_cmpuint (gw_import_dialog_get_imported (dialog), ==, 2);
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM staff WHERE name = '褚十三'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_manual_mapping (Fixture       *f,
                     gconstpointer  data)
{
  GwImportDialog *dialog = open_dialog (f, GW_IMPORT_HAZARDS, "hazards-mapping.csv");

  /* Nothing recognised: the required columns are missing. */
  gw_import_dialog_check (dialog);
  gw_test_wait_until (dialog_idle, dialog);
  g_assert_nonnull (strstr (gw_import_dialog_get_status (dialog), "hazards-mapping.csv"));
  g_assert_cmpuint (gw_import_dialog_get_imported (dialog), ==, 0);

  g_assert_true (gw_import_dialog_set_column_field (dialog, column_of (dialog, "事项"), "title"));
  g_assert_true (gw_import_dialog_set_column_field (dialog, column_of (dialog, "乡镇代号"), "grid"));
  g_assert_true (gw_import_dialog_set_column_field (dialog, column_of (dialog, "日期"), "found_date"));
  g_assert_true (gw_import_dialog_set_column_field (dialog, column_of (dialog, "目前情况"), "state"));
  g_assert_false (gw_import_dialog_set_column_field (dialog, 0, "no-such-field"));
  gw_import_dialog_import (dialog);
  gw_test_wait_until (dialog_idle, dialog);
  g_assert_cmpstr (gw_import_dialog_get_status (dialog), !=, "");
  g_assert_cmpuint (gw_import_dialog_get_imported (dialog), ==, 2);
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM hazards WHERE title = '秸秆焚烧'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- backup and restore through the window ----------------------------------------- */

static gboolean
window_ready (gpointer data)
{
  return !gw_window_get_busy (data) && gw_window_get_store (data) != NULL;
}

/* The map's reader has read the grids: its connection is open. */
static gboolean
map_loaded (gpointer data)
{
  return gw_grid_layer_get_n_grids (gw_map_view_get_grid_layer (data)) == 5;
}

static gint64
window_count (GwWindow   *window,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (gw_window_get_store (window)), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
import_through_dialog (Fixture    *f,
                       GwWindow   *window,
                       const char *csv,
                       guint       expected)
{
  GwImportDialog *dialog;
  g_autofree char *file = fixture (csv);

  /* As the menu item opens it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-csv", NULL);
  dialog = GW_IMPORT_DIALOG (gw_window_get_dialog (window));
  g_assert_nonnull (dialog);
  gw_import_dialog_set_kind (dialog, GW_IMPORT_HAZARDS);
  g_assert_true (gw_import_dialog_set_file (dialog, file, NULL));
  gw_import_dialog_import (dialog);
  gw_test_wait_until (dialog_idle, dialog);
  g_assert_cmpuint (gw_import_dialog_get_imported (dialog), ==, expected);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *bak = g_build_filename (f->dir, "gw-backup.db", NULL);
  g_autofree char *noise = g_build_filename (f->dir, "noise.db", NULL);
  g_autofree char *kept = g_strconcat (f->path, ".before-restore", NULL);
  GwWindow *window = gw_window_new (NULL);
  GwMapView *map = gw_map_view_new ();
  GtkWindow *confirm;

  /* As the application plugs it in: the map keeps reader connections of its
   * own, which must let go of the file for a restore. */
  g_object_bind_property (window, "store", map, "store", G_BINDING_SYNC_CREATE);
  gw_window_set_page_widget (window, "map", GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  gw_window_open (window, f->path);
  gw_test_wait_until (window_ready, window);
  gw_window_show_view (window, "map");
  gw_test_wait_until (map_loaded, map);

  /* Six hazards, refreshed in the window's own connection. */
  import_through_dialog (f, window, "hazards.csv", 6);
  g_assert_cmpint (window_count (window, "SELECT count(*) FROM hazards"), ==, 6);

  gw_window_backup_to (window, bak);
  g_assert_true (gw_window_get_busy (window));
  gw_test_wait_until (window_ready, window);
  g_assert_nonnull (strstr (gw_window_get_last_toast (window), "gw-backup.db"));
  g_assert_cmpint (count (bak, "SELECT count(*) FROM hazards"), ==, 6);

  /* Two more after the backup. */
  import_through_dialog (f, window, "hazards-mapping.csv", 0);
  {
    /* hazards-mapping.csv needs its mapping: the core, as the CLI would. */
    g_autoptr(GError) error = NULL;
    g_autofree char *file = fixture ("hazards-mapping.csv");
    g_autofree char *map_file = fixture ("hazards-mapping.json");
    g_autoptr(GHashTable) mapping = gw_import_mapping_load (map_file, GW_IMPORT_HAZARDS, &error);
    GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, mapping, 0, FALSE };

    g_assert_no_error (error);
    g_assert_true (gw_import_csv_file (gw_window_get_store (window), file, &options, NULL, NULL,
                                       NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (window_count (window, "SELECT count(*) FROM hazards"), ==, 8);

  /* A file that is no backup is refused before anything is asked or changed. */
  g_assert_true (g_file_set_contents (noise, "not a database\n", -1, NULL));
  gw_window_restore_from (window, noise);
  gw_test_wait_until (window_ready, window);
  g_assert_nonnull (strstr (gw_window_get_error_message (window), "cannot be restored"));
  g_assert_null (gw_window_get_dialog (window));
  g_assert_cmpint (window_count (window, "SELECT count(*) FROM hazards"), ==, 8);

  /* The backup: checked, confirmed, restored, and the window on it again. */
  gw_window_restore_from (window, bak);
  gw_test_wait_until (window_ready, window);
  confirm = gw_window_get_dialog (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (confirm));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                            "before-restore"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "restore");
  gtk_window_destroy (confirm);
  g_assert_true (gw_window_get_busy (window));
  gw_test_wait_until (window_ready, window);
  g_assert_nonnull (strstr (gw_window_get_last_toast (window), "before-restore"));
  g_assert_cmpint (window_count (window, "SELECT count(*) FROM hazards"), ==, 6);
  g_assert_cmpint (count (kept, "SELECT count(*) FROM hazards"), ==, 8);
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM hazards"), ==, 6);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- a database on a read-only file system ------------------------------------------ */

static char *rofs_dir;   /* a private tmpfs, in the subprocess that made one */

static gboolean
write_file (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, strlen (text)) == (ssize_t) strlen (text);
  close (fd);
  return ok;
}

/* Runs before GTK starts threads: a user and mount namespace of its own (which
 * works as root or not), with a tmpfs that the test remounts read-only. Root
 * ignores file permissions, so chmod would not do. */
static void
make_private_tmpfs (void)
{
  g_autofree char *uid_map = g_strdup_printf ("0 %u 1\n", (unsigned) getuid ());
  g_autofree char *gid_map = g_strdup_printf ("0 %u 1\n", (unsigned) getgid ());
  g_autofree char *where = g_dir_make_tmp ("gw-test-rofs-XXXXXX", NULL);

  if (where == NULL || unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
    return;
  write_file ("/proc/self/setgroups", "deny");
  if (!write_file ("/proc/self/uid_map", uid_map) || !write_file ("/proc/self/gid_map", gid_map))
    return;
  if (mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tmpfs", where, "tmpfs", 0, "size=16m") != 0)
    return;
  rofs_dir = g_steal_pointer (&where);
}

static void
read_only_child (Fixture *f)
{
  g_autofree char *ro_db = NULL;
  g_autofree char *data = NULL;
  gsize len;
  GwWindow *window;

  if (rofs_dir == NULL)
    return;
  /* Outside the mount: tells the parent the case ran. */
  g_assert_true (g_file_set_contents (g_getenv ("GW_TEST_RO_MARKER"), "", 0, NULL));
  ro_db = g_build_filename (rofs_dir, "gw.db", NULL);
  g_assert_true (g_file_get_contents (f->path, &data, &len, NULL));
  g_assert_true (g_file_set_contents (ro_db, data, len, NULL));
  g_assert_cmpint (mount (NULL, rofs_dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);

  window = gw_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_open (window, ro_db);
  gw_test_wait_until (window_ready, window);
  g_assert_null (gw_window_get_error_message (window));
  g_assert_true (gw_store_is_read_only (gw_window_get_store (window)));
  g_assert_nonnull (strstr (gw_window_get_last_toast (window), "read-only"));
  g_assert_cmpint (window_count (window, "SELECT count(*) FROM staff"), ==, 7);

  /* Writing actions are off: nothing opens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-csv", NULL);
  g_assert_null (gw_window_get_dialog (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-hazard", NULL);
  g_assert_null (gw_window_get_dialog (window));

  /* A backup to a writable place still works. */
  {
    g_autofree char *bak = g_build_filename (f->dir, "from-ro.db", NULL);

    gw_window_backup_to (window, bak);
    gw_test_wait_until (window_ready, window);
    g_assert_cmpint (count (bak, "SELECT count(*) FROM staff"), ==, 7);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_print ("read-only shown\n");
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      read_only_child (f);
      return;
    }
  {
  g_autofree char *marker = g_build_filename (f->dir, "ran", NULL);

  g_setenv ("GW_TEST_RO_MARKER", marker, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("cannot mount a tmpfs in a user namespace here");
      return;
    }
  g_test_trap_assert_stdout ("*read-only shown*");
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--GTestSubprocess"))
      make_private_tmpfs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/import-dialog/preview", Fixture, NULL, fixture_set_up, test_preview,
              fixture_tear_down);
  g_test_add ("/import-dialog/mapping-guessed", Fixture, NULL, fixture_set_up,
              test_mapping_guessed, fixture_tear_down);
  g_test_add ("/import-dialog/bad-file", Fixture, NULL, fixture_set_up, test_bad_file,
              fixture_tear_down);
  g_test_add ("/import-dialog/good-file", Fixture, NULL, fixture_set_up, test_good_file,
              fixture_tear_down);
  g_test_add ("/import-dialog/manual-mapping", Fixture, NULL, fixture_set_up,
              test_manual_mapping, fixture_tear_down);
  g_test_add ("/import-dialog/window-backup-restore", Fixture, NULL, fixture_set_up,
              test_backup_restore, fixture_tear_down);
  g_test_add ("/import-dialog/window-read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);
  return g_test_run ();
}
