/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A full disk and a read-only database: a clear message, nothing lost, and the
 * program keeps running. Each case runs in a subprocess (g_test_trap_subprocess)
 * because it changes limits, user or mounts of the process. */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gw-hazard.h"
#include "gw-import.h"
#include "gw-store.h"

#define TODAY "2026-11-23"

/* Prints a message and requires words in it. */
#define assert_says(what, error, ...) \
  G_STMT_START { \
    const char *words_[] = { __VA_ARGS__, NULL }; \
    g_assert_nonnull (error); \
    g_print ("%s: %s\n", what, (error)->message); \
    for (guint w_ = 0; words_[w_]; w_++) \
      if (strstr ((error)->message, words_[w_]) == NULL) \
        g_error ("%s: “%s” does not say “%s”", what, (error)->message, words_[w_]); \
  } G_STMT_END

static char *dir;          /* the test's directory, made by the parent */
static char *db_path;
static gint64 baseline;    /* hazards in the database before a case */

static gint64
q_int (GwStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (gw_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
hazards_csv (guint n,
             guint tag)
{
  g_autoptr(GString) s = g_string_new ("隐患名称,问题描述,网格,发现日期,状态\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "批次%u隐患%u,%s,东风街道,2026-05-%02u,已上报\n", tag, i,
                            "一段足够长的描述，让每一行都占些地方。一段足够长的描述，让每一行都占些地方。",
                            1 + i % 28);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
import_n (GwStore *store,
          guint    n,
          guint    tag,
          GError **error)
{
  g_autofree char *csv = hazards_csv (n, tag);
  g_autofree char *label = g_strdup_printf ("batch-%u.csv", tag);
  GwImportOptions options = { GW_IMPORT_HAZARDS, GW_CSV_ENCODING_AUTO, NULL, 0, FALSE };

  return gw_import_csv_data (store, label, csv, strlen (csv), &options, NULL, NULL, NULL, NULL,
                             error);
}

static void
make_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  gint64 county;

  g_assert_no_error (error);
  county = gw_store_county_ensure (store, "430405", "珠晖区", &error);
  g_assert_cmpint (gw_store_grid_add (store, "430405001000", "东风街道", county, NULL, &error), >, 0);
  g_assert_true (import_n (store, 50, 0, &error));
  g_assert_no_error (error);
  baseline = q_int (store, "SELECT count(*) FROM hazards");
}

static void
assert_intact (GwStore *store,
               gint64   expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_store_check (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (q_int (store, "SELECT count(*) FROM hazards"), ==, expected);
}

/* ---- RLIMIT_FSIZE ------------------------------------------------------------ */

static void
fsize_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = gw_store_open (db_path, GW_STORE_OPEN_DEFAULT, &error);
  g_autofree char *backup = g_build_filename (dir, "full.bak", NULL);
  struct rlimit rl;

  g_assert_no_error (error);
  signal (SIGXFSZ, SIG_IGN);
  /* No file may grow past 64 KiB: the write-ahead log fills at once. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &rl), ==, 0);
  rl.rlim_cur = 64 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &rl), ==, 0);

  g_assert_false (import_n (store, 3000, 1, &error));
  assert_says ("import", error, "batch-1.csv", "disk", "full", "nothing was imported");
  g_clear_error (&error);

  /* A backup cannot be written either: said so, and no partial file is left. */
  g_assert_false (gw_backup_create (store, backup, NULL, &error));
  assert_says ("backup", error, "full.bak", "disk is full", "nothing was changed");
  g_clear_error (&error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  /* The program goes on: the database reads, checks, and takes writes again once
   * there is room. */
  assert_intact (store, baseline);
  rl.rlim_cur = RLIM_INFINITY;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &rl), ==, 0);
  g_assert_true (import_n (store, 10, 2, &error));
  g_assert_no_error (error);
  assert_intact (store, baseline + 10);
  g_print ("went on\n");
}

static void
test_fsize (void)
{
  if (g_test_subprocess ())
    {
      fsize_child ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*went on*");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GwStore) store = gw_store_open (db_path, GW_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    assert_intact (store, baseline + 10);
  }
}

/* ---- a small tmpfs ------------------------------------------------------------ */

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

/* A private mount namespace (in a user namespace when not root) with a tmpfs
 * of @size at @where. FALSE when the system does not allow it. */
static gboolean
private_tmpfs (const char *where,
               const char *options)
{
  uid_t uid = getuid ();
  gid_t gid = getgid ();

  if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
    return FALSE;
  {
    g_autofree char *uid_map = g_strdup_printf ("0 %u 1\n", (unsigned) uid);
    g_autofree char *gid_map = g_strdup_printf ("0 %u 1\n", (unsigned) gid);

    write_file ("/proc/self/setgroups", "deny");
    if (!write_file ("/proc/self/uid_map", uid_map) || !write_file ("/proc/self/gid_map", gid_map))
      return FALSE;
  }
  if (mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return FALSE;
  return mount ("tmpfs", where, "tmpfs", 0, options) == 0;
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize len;

  return g_file_get_contents (from, &data, &len, NULL) &&
         g_file_set_contents (to, data, len, NULL);
}

static void
tmpfs_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autofree char *mnt = g_build_filename (dir, "small", NULL);
  g_autofree char *small_db = g_build_filename (mnt, "gw.db", NULL);
  g_autofree char *backup = g_build_filename (mnt, "gw.bak", NULL);
  g_autofree char *out = g_build_filename (dir, "from-tmpfs.db", NULL);
  g_autofree char *filler = g_build_filename (mnt, "filler", NULL);
  g_autofree char *zeros = NULL;
  struct stat st;

  g_assert_cmpint (g_stat (db_path, &st), ==, 0);
  /* Room for the database and a little more. */
  {
    g_autofree char *opts = g_strdup_printf ("size=%ld", (long) st.st_size + 256 * 1024);

    if (!private_tmpfs (mnt, opts))
      {
        g_print ("no tmpfs: %s\n", g_strerror (errno));
        return;
      }
  }
  g_assert_true (copy_file (db_path, small_db));
  store = gw_store_open (small_db, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* Fill what is left but 16 KiB. */
  {
    gsize n = 4096;
    int fd = open (filler, O_WRONLY | O_CREAT, 0644);
    struct stat fs;

    g_assert_cmpint (fd, >=, 0);
    zeros = g_malloc0 (n);
    while (write (fd, zeros, n) == (ssize_t) n)
      ;
    g_assert_cmpint (fstat (fd, &fs), ==, 0);
    g_assert_cmpint (ftruncate (fd, MAX (0, fs.st_size - 16 * 1024)), ==, 0);
    close (fd);
  }

  g_assert_false (import_n (store, 3000, 1, &error));
  assert_says ("import", error, "batch-1.csv", "disk is full", "nothing was imported");
  g_clear_error (&error);
  g_assert_false (gw_backup_create (store, backup, NULL, &error));
  assert_says ("backup", error, "gw.bak", "disk is full", "nothing was changed");
  g_clear_error (&error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  assert_intact (store, baseline);

  /* Room again: it goes on. */
  g_unlink (filler);
  g_assert_true (import_n (store, 10, 2, &error));
  g_assert_no_error (error);
  assert_intact (store, baseline + 10);
  /* Out of the namespace's tmpfs, for the parent to look at. */
  g_assert_true (gw_store_backup_to (store, out, &error));
  g_assert_no_error (error);
  g_print ("went on\n");
}

static void
test_tmpfs (void)
{
  g_autofree char *out = g_build_filename (dir, "from-tmpfs.db", NULL);
  g_autofree char *mnt = g_build_filename (dir, "small", NULL);

  if (g_test_subprocess ())
    {
      tmpfs_child ();
      return;
    }
  g_mkdir (mnt, 0755);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  if (!g_file_test (out, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("cannot mount a tmpfs in a user namespace here");
      return;
    }
  g_test_trap_assert_stdout ("*went on*");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GwStore) store = gw_store_open (out, GW_STORE_OPEN_READONLY, &error);

    g_assert_no_error (error);
    assert_intact (store, baseline + 10);
  }
}

/* ---- read-only ---------------------------------------------------------------- */

static void
readonly_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  gint64 id;

  store = gw_store_open (db_path, GW_STORE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_true (gw_store_is_read_only (store));
  g_assert_false (import_n (store, 10, 3, &error));
  assert_says ("import", error, "batch-3.csv", "read-only", "nothing was imported");
  g_clear_error (&error);

  id = q_int (store, "SELECT min (id) FROM hazards");
  g_assert_false (gw_store_hazard_comment (store, id, "a comment", 0, &error));
  assert_says ("comment", error, "read-only", "nothing was changed");
  g_clear_error (&error);
  assert_intact (store, baseline);
  g_print ("went on\n");
}

static void
test_open_readonly (void)
{
  if (g_test_subprocess ())
    {
      readonly_child ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*went on*");
}

/* A file without write permission, opened as usual. Root ignores permissions,
 * so as root the child becomes nobody first. */
static void
chmod_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autofree char *ro_dir = g_build_filename (dir, "ro", NULL);
  g_autofree char *ro_db = g_build_filename (ro_dir, "gw.db", NULL);

  if (geteuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }
  g_assert_cmpint (access (ro_db, W_OK), !=, 0);

  store = gw_store_open (ro_db, GW_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gw_store_is_read_only (store));
  g_assert_false (import_n (store, 10, 4, &error));
  assert_says ("import", error, "batch-4.csv", "read-only", "nothing was imported");
  g_clear_error (&error);
  assert_intact (store, baseline);
  g_print ("went on\n");
}

static void
test_chmod_readonly (void)
{
  g_autofree char *ro_dir = g_build_filename (dir, "ro", NULL);
  g_autofree char *ro_db = g_build_filename (ro_dir, "gw.db", NULL);

  if (g_test_subprocess ())
    {
      chmod_child ();
      return;
    }
  g_mkdir (ro_dir, 0755);
  g_assert_true (copy_file (db_path, ro_db));
  g_assert_cmpint (g_chmod (ro_db, 0444), ==, 0);
  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (dir, 65534, 65534), ==, 0);
      g_assert_cmpint (chown (ro_dir, 65534, 65534), ==, 0);
      g_assert_cmpint (chown (ro_db, 0, 0), ==, 0);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  if (geteuid () == 0)
    g_assert_cmpint (chown (dir, 0, 0), ==, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*went on*");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GwStore) store = gw_store_open (ro_db, GW_STORE_OPEN_READONLY, &error);

    g_assert_no_error (error);
    assert_intact (store, baseline);
  }
}

/* A read-only file system (a tmpfs remounted read-only). */
static void
rofs_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStore) store = NULL;
  g_autofree char *mnt = g_build_filename (dir, "rofs", NULL);
  g_autofree char *ro_db = g_build_filename (mnt, "gw.db", NULL);

  if (!private_tmpfs (mnt, "size=16m"))
    {
      g_print ("no tmpfs\n");
      return;
    }
  g_assert_true (copy_file (db_path, ro_db));
  g_assert_cmpint (mount (NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
  {
    /* Outside the mount: tells the parent the case ran. */
    g_autofree char *marker = g_build_filename (dir, "rofs-ran", NULL);
    g_assert_true (g_file_set_contents (marker, "", 0, NULL));
  }

  /* SQLite cannot create -wal/-shm here: the store falls back to reading. */
  store = gw_store_open (ro_db, GW_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_autofree char *marker = g_build_filename (dir, "rofs-unclear", NULL);
      g_assert_true (g_file_set_contents (marker, error->message, -1, NULL));
      return;
    }
  g_assert_true (gw_store_is_read_only (store));
  g_assert_false (import_n (store, 10, 5, &error));
  assert_says ("import", error, "batch-5.csv", "read-only", "nothing was imported");
  g_assert_nonnull (strstr (error->message, ro_db));
  g_clear_error (&error);
  {
    gint64 id = q_int (store, "SELECT min (id) FROM hazards");

    g_assert_false (gw_store_hazard_comment (store, id, "a comment", 0, &error));
    assert_says ("comment", error, ro_db, "read-only", "nothing was changed");
    g_clear_error (&error);
  }
  assert_intact (store, baseline);
  g_clear_object (&store);

  /* Opened read-only on purpose, too, and nothing left beside the file. */
  store = gw_store_open (ro_db, GW_STORE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  assert_intact (store, baseline);
  {
    g_autofree char *wal = g_strconcat (ro_db, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_print ("went on\n");
}

static void
test_rofs (void)
{
  g_autofree char *mnt = g_build_filename (dir, "rofs", NULL);
  g_autofree char *marker = g_build_filename (dir, "rofs-ran", NULL);

  if (g_test_subprocess ())
    {
      rofs_child ();
      return;
    }
  g_mkdir (mnt, 0755);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_autofree char *unclear = g_build_filename (dir, "rofs-unclear", NULL);
  g_autofree char *said = NULL;

  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("cannot mount a tmpfs in a user namespace here");
      return;
    }
  if (g_file_get_contents (unclear, &said, NULL, NULL))
    g_error ("a database on a read-only file system is not opened read-only: “%s”", said);
  g_test_trap_assert_stdout ("*went on*");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  /* The parent makes the directory and the database once; subprocesses find them
   * through the environment. */
  if (g_getenv ("GW_TEST_FAULTS_DIR") == NULL)
    {
      g_autoptr(GError) error = NULL;

      dir = g_dir_make_tmp ("gw-test-faults-XXXXXX", &error);
      g_assert_no_error (error);
      g_chmod (dir, 0755);
      g_setenv ("GW_TEST_FAULTS_DIR", dir, TRUE);
      db_path = g_build_filename (dir, "gw.db", NULL);
      make_db (db_path);
      g_setenv ("GW_TEST_FAULTS_BASELINE", g_strdup_printf ("%" G_GINT64_FORMAT, baseline), TRUE);
    }
  else
    {
      dir = g_strdup (g_getenv ("GW_TEST_FAULTS_DIR"));
      db_path = g_build_filename (dir, "gw.db", NULL);
      baseline = g_ascii_strtoll (g_getenv ("GW_TEST_FAULTS_BASELINE"), NULL, 10);
    }

  g_test_add_func ("/faults/open-readonly", test_open_readonly);
  g_test_add_func ("/faults/chmod-readonly", test_chmod_readonly);
  g_test_add_func ("/faults/readonly-filesystem", test_rofs);
  g_test_add_func ("/faults/tmpfs-full", test_tmpfs);
  g_test_add_func ("/faults/file-size-limit", test_fsize);
  {
    int status = g_test_run ();

    if (!g_test_subprocess ())
      {
        g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
        if (system (cmd) != 0)
          g_printerr ("could not remove %s\n", dir);
      }
    return status;
  }
}
