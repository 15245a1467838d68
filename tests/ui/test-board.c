/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The board 挂图作战 in the window on a demo city: F5 enters it full screen,
 * the clicker's keys step through the pages, nothing can be edited, Esc
 * leaves; the board writes its PDF and PNG pages. */
#define G_LOG_DOMAIN "test-board"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "gw-application.h"
#include "gw-board-view.h"
#include "gw-demo.h"
#include "gw-directory.h"
#include "gw-window.h"
#include "gw-test-util.h"


static char *tmp_dir;
static char *demo_path;

static gboolean
window_settled (gpointer data)
{
  return !gw_window_get_busy (data) && gw_window_get_stats (data) != NULL;
}

static gboolean
board_loaded (gpointer data)
{
  return gw_board_view_get_n_slides (data) > 0;
}

static gboolean
drawn (gpointer data)
{
  return gw_board_view_get_draw_count (data) > 0;
}

static gboolean
left_first_page (gpointer data)
{
  return gw_board_view_get_slide (data) != 0;
}

static gboolean
board_for_county (gpointer data)
{
  GwBoard *board = gw_board_view_get_board (data);
  return board != NULL && board->county_name != NULL;
}

static gboolean
board_of_last_week (gpointer data)
{
  GwBoard *board = gw_board_view_get_board (data);
  return board != NULL && g_strcmp0 (board->as_of, "2026-11-16") == 0;
}

static gboolean
board_for_city (gpointer data)
{
  GwBoard *board = gw_board_view_get_board (data);
  return board != NULL && board->county_name == NULL && board->slides->len == GW_N_BOARD_PAGES &&
         g_strcmp0 (board->as_of, "2026-11-16") != 0;
}

static gboolean
two_slides (gpointer data)
{
  return gw_board_view_get_n_slides (data) == 2;
}

typedef struct {
  GwWindow    *window;
  GwBoardView *board;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = gw_window_new (NULL);
  gw_application_plug_views (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  gw_window_open (f->window, demo_path);
  gw_test_wait_until (window_settled, f->window);
  f->board = GW_BOARD_VIEW (gw_window_get_page_widget (f->window, "board"));
  g_assert_true (GW_IS_BOARD_VIEW (f->board));
  gw_test_wait_until (board_loaded, f->board);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A key as the board receives it from the keyboard or a clicker. */
static gboolean
press (Fixture *f,
       guint    keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (gw_board_view_get_key_controller (f->board), "key-pressed", keyval, 0,
                         (GdkModifierType) 0, &handled);
  return handled;
}

/* Whether a window action is enabled, as a button bound to it sees it: the
 * button sits inside the window (on the board page) and GTK makes it
 * insensitive when its action is disabled. @detailed: "win.x" or "win.x::target". */
static gboolean
action_enabled (Fixture    *f,
                const char *detailed)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (button), detailed);
  gtk_widget_set_parent (button, GTK_WIDGET (f->board));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  enabled = gtk_widget_get_sensitive (button);
  gtk_widget_unparent (button);
  return enabled;
}

static const char *
visible_view (Fixture *f)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (f->board), ADW_TYPE_VIEW_STACK);

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

static void
test_present_and_step (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const editing[] = {
    "win.new-hazard", "win.open", "win.new", "win.reload", "win.operator", "win.preferences",
  };
  GwBoard *board = gw_board_view_get_board (f->board);
  guint n = gw_board_view_get_n_slides (f->board);

  /* The default board: the six pages in their order. */
  g_assert_cmpuint (n, ==, GW_N_BOARD_PAGES);
  g_assert_cmpint (gw_board_get_slide (board, 0)->page, ==, GW_BOARD_PAGE_OVERVIEW);
  g_assert_cmpint (gw_board_get_slide (board, 5)->page, ==, GW_BOARD_PAGE_INTERVIEWS);
  /* Every page's figures were read, off the main thread. */
  for (guint i = 0; i < GW_N_BOARD_PAGES; i++)
    g_assert_true (board->loaded[i]);
  g_assert_cmpint (board->stats.hazards, ==, 400);

  gw_window_show_view (f->window, "ledger");
  /* Editing is possible before. */
  for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
    g_assert_true (action_enabled (f, editing[i]));

  /* F5 (the window's action) enters the board, full screen, read-only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.present-board", NULL));
  g_assert_true (gw_window_get_presenting (f->window));
  g_assert_true (gw_board_view_get_presenting (f->board));
  g_assert_cmpstr (visible_view (f), ==, "board");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->window), "projector"));
  gw_test_wait_until (drawn, f->board);
  for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
    g_assert_false (action_enabled (f, editing[i]));
  g_assert_false (action_enabled (f, "win.show-view::ledger"));

  /* Forward: Page Down, Right, Down, Space; back: Page Up, Left, Up. */
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 0);
  g_assert_true (press (f, GDK_KEY_Page_Down));
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 1);
  press (f, GDK_KEY_Right);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 2);
  press (f, GDK_KEY_Down);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 3);
  press (f, GDK_KEY_space);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 4);
  press (f, GDK_KEY_Page_Up);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 3);
  press (f, GDK_KEY_Left);
  press (f, GDK_KEY_Up);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 1);
  /* End, past the end, Home, before the start, and page numbers. */
  press (f, GDK_KEY_End);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, n - 1);
  press (f, GDK_KEY_Page_Down);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, n - 1);
  press (f, GDK_KEY_Home);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 0);
  press (f, GDK_KEY_Page_Up);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 0);
  press (f, GDK_KEY_3);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 2);
  press (f, GDK_KEY_9);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 2);

  /* The page shown is the page drawn. */
  {
    guint before = gw_board_view_get_draw_count (f->board);
    press (f, GDK_KEY_Page_Down);
    while (gw_board_view_get_draw_count (f->board) == before)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 3);
  }

  /* Esc leaves: back to the view before, editing again. */
  g_assert_true (press (f, GDK_KEY_Escape));
  g_assert_false (gw_board_view_get_presenting (f->board));
  g_assert_false (gw_window_get_presenting (f->window));
  g_assert_cmpstr (visible_view (f), ==, "ledger");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->window), "projector"));
  for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
    g_assert_true (action_enabled (f, editing[i]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "map"));
  g_assert_cmpstr (visible_view (f), ==, "map");
  /* Esc outside the projector view is not the board's. */
  g_assert_false (press (f, GDK_KEY_Escape));

  /* The window's Esc leaves too, wherever the focus is; it is off otherwise. */
  g_assert_false (action_enabled (f, "win.leave-board"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.present-board", NULL));
  g_assert_true (action_enabled (f, "win.leave-board"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.leave-board", NULL));
  g_assert_false (gw_window_get_presenting (f->window));
  g_assert_false (gw_board_view_get_presenting (f->board));
}

static void
test_timer (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  guint remaining;

  g_settings_set_uint (settings, "board-interval", 30);
  /* Not presenting: no timer. */
  g_assert_false (gw_board_view_get_timer_running (f->board));
  gw_board_view_set_presenting (f->board, TRUE);
  g_assert_true (gw_window_get_presenting (f->window));
  g_assert_true (gw_board_view_get_timer_running (f->board));
  remaining = gw_board_view_get_timer_remaining (f->board);
  g_assert_cmpuint (remaining, ==, 30);

  /* P pauses, B resumes (clickers send B for a blank screen). */
  press (f, GDK_KEY_p);
  g_assert_false (gw_board_view_get_timer_running (f->board));
  press (f, GDK_KEY_b);
  g_assert_true (gw_board_view_get_timer_running (f->board));

  /* A short interval turns the page by itself. */
  g_settings_set_uint (settings, "board-interval", 1);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 0);
  gw_test_wait_until (left_first_page, f->board);
  g_assert_cmpuint (gw_board_view_get_slide (f->board), ==, 1);

  /* 0 turns it off. */
  g_settings_set_uint (settings, "board-interval", 0);
  g_assert_false (gw_board_view_get_timer_running (f->board));
  press (f, GDK_KEY_Escape);
  g_assert_false (gw_window_get_presenting (f->window));
  g_settings_reset (settings, "board-interval");
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_pages_setting_and_save (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  const char *pages[] = { "overdue", "overview", NULL };
  g_autofree char *pdf = g_build_filename (tmp_dir, "board.pdf", NULL);
  g_autofree char *dir = g_build_filename (tmp_dir, "pngs", NULL);
  g_autofree char *png = g_build_filename (dir, "02-overview.png", NULL);
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  int status = 0;

  /* The preferences choose and order the pages. */
  g_settings_set_strv (settings, "board-pages", pages);
  gw_test_wait_until (two_slides, f->board);
  g_assert_cmpint (gw_board_get_slide (gw_board_view_get_board (f->board), 0)->page, ==,
                   GW_BOARD_PAGE_OVERDUE);

  gw_board_view_save (f->board, pdf, TRUE);
  gw_test_wait_until (file_exists, pdf);
  gw_board_view_save (f->board, dir, FALSE);
  gw_test_wait_until (file_exists, png);
  if (g_find_program_in_path ("pdfinfo") != NULL)
    {
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                                   NULL, &status, NULL));
      g_assert_nonnull (strstr (out, "Pages:           2"));
    }
  g_settings_reset (settings, "board-pages");

  /* An earlier date: the board of last week's meeting. */
  gw_board_view_set_as_of (f->board, "2026-11-16");
  gw_test_wait_until (board_of_last_week, f->board);
  g_assert_cmpstr (gw_board_view_get_board (f->board)->meeting, ==, "2026-11-16");
  gw_board_view_set_as_of (f->board, NULL);
  gw_test_wait_until (board_for_city, f->board);

  /* The state columns of one county, chosen in the view's bar (by its code). */
  {
    g_autoptr(GwStore) store = gw_store_open (demo_path, GW_STORE_OPEN_READONLY, NULL);
    g_autoptr(GPtrArray) counties = gw_store_counties (store, NULL);
    GwPlace *county = counties->pdata[0];

    g_settings_set_string (settings, "board-county", county->code);
    gw_test_wait_until (board_for_county, f->board);
    g_assert_cmpstr (gw_board_view_get_board (f->board)->county_name, ==, county->name);
    g_assert_cmpint (gw_board_view_get_board (f->board)->options.county_id, ==, county->id);
    g_settings_reset (settings, "board-county");
    gw_test_wait_until (board_for_city, f->board);
  }
}

static void
make_demo (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  /* The window's board is as of today. */
  demo_path = gw_test_make_demo (tmp_dir, "demo.db", 400, 2, today);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmp_dir = g_dir_make_tmp ("gridwatch-board-XXXXXX", &error);
  g_assert_no_error (error);
  make_demo ();

  g_test_add ("/ui/board/present-and-step", Fixture, NULL, fixture_set_up, test_present_and_step,
              fixture_tear_down);
  g_test_add ("/ui/board/timer", Fixture, NULL, fixture_set_up, test_timer, fixture_tear_down);
  g_test_add ("/ui/board/pages-and-save", Fixture, NULL, fixture_set_up, test_pages_setting_and_save,
              fixture_tear_down);
  status = g_test_run ();

  gw_test_remove_tree (tmp_dir);
  g_free (demo_path);
  g_free (tmp_dir);
  return status;
}
