/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cadence-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gw-cadence-view.h"
#include "gw-check-dialog.h"
#include "gw-demo.h"
#include "gw-directory.h"
#include "gw-query.h"
#include "gw-test-util.h"
#include "gw-ui-util.h"

/* The Cadence page on the demo city (衡阳, 191 townships, 500 hazards) as of
 * 2026-11-23. With GW_SHOT_DIR set it also saves screenshots there, named
 * shot-cadence-<what>-<GW_SHOT_LANG or "en">.png. */

#define TODAY        "2026-11-23"

static char *tmp_dir;
static char *demo_path;
static GwStore *store;

/* ---- helpers ------------------------------------------------------------------- */

static gboolean
view_loaded (gpointer data)
{
  GwCadenceView *view = data;

  return !gw_cadence_view_get_busy (view) && gw_cadence_view_get_cadence (view) != NULL;
}

static gboolean
matrix_shown (gpointer data)
{
  GwCadenceView *view = data;

  return view_loaded (view) &&
         gtk_widget_get_height (GTK_WIDGET (gw_cadence_view_get_matrix (view))) > 0;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }
  return NULL;
}

static void
shoot (GtkWidget  *widget,
       const char *what)
{
  const char *dir = g_getenv ("GW_SHOT_DIR");
  const char *lang = g_getenv ("GW_SHOT_LANG");
  g_autofree char *name = NULL, *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int w, h;

  if (dir == NULL)
    return;
  gw_test_spin (600);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  name = g_strdup_printf ("shot-cadence-%s-%s.png", what, lang ? lang : "en");
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

typedef struct {
  GtkWindow     *window;
  GwCadenceView *view;
} Page;

static Page
page_new (void)
{
  Page p;

  p.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (p.window, 1500, 940);
  gtk_window_set_title (p.window, "Gridwatch");
  p.view = GW_CADENCE_VIEW (gw_cadence_view_new (store));
  gtk_window_set_child (p.window, GTK_WIDGET (p.view));
  gtk_window_present (p.window);
  gw_test_wait_until (matrix_shown, p.view);
  return p;
}

static gboolean
find_cell (const GwCadence *c,
           GwCadenceStatus  status,
           guint            skip,
           guint           *row,
           guint           *dekad)
{
  for (guint r = 0; r < c->rows->len; r++)
    for (guint i = 0; i < c->dekads->len; i++)
      if (((GwCadenceRow *) c->rows->pdata[r])->cells[i] == status && skip-- == 0)
        {
          *row = r;
          *dekad = i;
          return TRUE;
        }
  return FALSE;
}

static void
click_cell (GwCadenceView *view,
            guint          row,
            guint          dekad)
{
  GwCadenceMatrix *matrix = gw_cadence_view_get_matrix (view);
  guint hit_row = 0, hit_index = 0;
  double x, y;

  g_assert_true (gw_cadence_matrix_cell_point (matrix, row, GW_MATRIX_HIT_DEKAD, dekad, &x, &y));
  g_test_message ("cell %u/%u at %.0f,%.0f of %dx%d", row, dekad, x, y,
                  gtk_widget_get_width (GTK_WIDGET (matrix)), gtk_widget_get_height (GTK_WIDGET (matrix)));
  g_assert_cmpint (gw_cadence_matrix_hit (matrix, x, y, &hit_row, &hit_index), ==,
                   GW_MATRIX_HIT_DEKAD);
  g_assert_cmpuint (hit_row, ==, row);
  g_assert_cmpuint (hit_index, ==, dekad);
  g_assert_true (gw_cadence_matrix_activate_at (matrix, x, y));
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

static gint64
count (const char *sql,
       gint64      id)
{
  sqlite3_stmt *stmt = gw_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* ---- tests -------------------------------------------------------------------- */

static void
test_matrix (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grids = gw_store_grids (store, 0, &error);
  g_autoptr(GwCadence) expected = NULL;
  Page p = page_new ();
  const GwCadence *c = gw_cadence_view_get_cadence (p.view);
  g_autofree char *from = NULL, *to = NULL;
  GDate f, t, today;

  g_assert_no_error (error);
  /* The last six months by default, whole months. */
  gw_cadence_view_get_period (p.view, &f, &t);
  from = gw_date_to_string (&f);
  to = gw_date_to_string (&t);
  g_assert_cmpstr (from, ==, "2026-06-01");
  g_assert_cmpstr (to, ==, "2026-11-30");
  g_assert_cmpstr (c->as_of, ==, TODAY);
  g_assert_cmpuint (c->dekads->len, ==, 18);
  g_assert_cmpuint (c->n_months, ==, 6);

  g_assert_cmpuint (gw_cadence_matrix_get_n_grids (gw_cadence_view_get_matrix (p.view)), ==, 191);
  g_assert_cmpuint (grids->len, ==, 191);

  /* The same figures the core computes on the view's own connection. */
  gw_date_parse (TODAY, &today);
  expected = gw_store_cadence (store, &f, &t, &today, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < c->rows->len; r++)
    {
      GwCadenceRow *a = c->rows->pdata[r], *b = expected->rows->pdata[r];

      g_assert_cmpstr (a->grid_code, ==, b->grid_code);
      g_assert_cmpmem (a->cells, c->dekads->len * sizeof *a->cells,
                       b->cells, c->dekads->len * sizeof *b->cells);
    }
  shoot (GTK_WIDGET (p.window), "matrix");

  /* Scrolled to the last grid and back: the hit test follows the scrolling. */
  {
    guint row = 0, index = 0;
    double x, y;

    g_assert_true (gw_cadence_matrix_cell_point (gw_cadence_view_get_matrix (p.view),
                                                 c->rows->len - 1, GW_MATRIX_HIT_PATROLS, 5,
                                                 &x, &y));
    g_assert_cmpint (gw_cadence_matrix_hit (gw_cadence_view_get_matrix (p.view), x, y,
                                            &row, &index), ==, GW_MATRIX_HIT_PATROLS);
    g_assert_cmpuint (row, ==, c->rows->len - 1);
    g_assert_cmpuint (index, ==, 5);
  }

  /* Another period recomputes it. */
  g_date_set_dmy (&f, 1, 1, 2026);
  g_date_set_dmy (&t, 31, 12, 2026);
  gw_cadence_view_set_period (p.view, &f, &t);
  g_assert_true (gw_cadence_view_get_busy (p.view));
  gw_test_wait_until (view_loaded, p.view);
  g_assert_cmpuint (gw_cadence_view_get_cadence (p.view)->dekads->len, ==, 36);

  gtk_window_destroy (p.window);
}

static void
test_open_done (void)
{
  Page p = page_new ();
  const GwCadence *c = gw_cadence_view_get_cadence (p.view);
  GwCheckDialog *dialog;
  GwCadenceRow *row;
  guint r, i;

  /* A done dekad some way down, so that the matrix has to scroll to it. */
  g_assert_true (find_cell (c, GW_CADENCE_DONE, 1500, &r, &i));
  row = c->rows->pdata[r];
  click_cell (p.view, r, i);
  dialog = GW_CHECK_DIALOG (find_toplevel (GW_TYPE_CHECK_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gw_check_dialog_is_view (dialog));
  g_assert_cmpint (gw_check_dialog_get_check_id (dialog), ==, row->records[i]);
  g_assert_cmpint (gw_check_dialog_get_grid_id (dialog), ==, row->grid_id);
  g_assert_cmpint (gw_check_dialog_get_kind (dialog), ==, GW_CHECK_ANALYSIS);
  {
    GwDekad dk;
    GDate d;

    g_assert_true (gw_date_parse (gw_check_dialog_get_date (dialog), &d));
    dk = gw_dekad_of (&d);
    g_assert_cmpint (gw_dekad_compare (dk, g_array_index (c->dekads, GwDekad, i)), ==, 0);
  }
  shoot (GTK_WIDGET (dialog), "record");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (p.window);
}

static gboolean
cell_done (gpointer data)
{
  gpointer *args = data;
  GwCadenceView *view = args[0];
  const GwCadence *c = gw_cadence_view_get_cadence (view);

  return view_loaded (view) && c != args[1] &&
         ((GwCadenceRow *) c->rows->pdata[GPOINTER_TO_UINT (args[2])])->cells[GPOINTER_TO_UINT (args[3])]
         == GW_CADENCE_DONE;
}

static void
test_record_missed (void)
{
  g_autoptr(GError) error = NULL;
  Page p = page_new ();
  const GwCadence *c = gw_cadence_view_get_cadence (p.view);
  AdwMessageDialog *offer;
  GwCheckDialog *dialog;
  GwCadenceRow *row;
  GwFilter filter = { 0 };
  gint64 n_open = 0, check_id, grid_id;
  guint r, i;
  gpointer args[4];

  g_assert_true (find_cell (c, GW_CADENCE_MISSED, 0, &r, &i));
  row = c->rows->pdata[r];
  grid_id = row->grid_id;
  click_cell (p.view, r, i);

  /* A missed dekad offers to record it. */
  offer = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (offer);
  g_assert_true (adw_message_dialog_has_response (offer, "record"));
  adw_message_dialog_response (offer, "record");
  gtk_window_destroy (GTK_WINDOW (offer));

  dialog = GW_CHECK_DIALOG (find_toplevel (GW_TYPE_CHECK_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (gw_check_dialog_is_view (dialog));
  g_assert_cmpint (gw_check_dialog_get_grid_id (dialog), ==, grid_id);
  {
    GDate d;

    /* A late record gets the dekad's last day by default. */
    g_assert_true (gw_date_parse (gw_check_dialog_get_date (dialog), &d));
    g_assert_cmpint (gw_dekad_compare (gw_dekad_of (&d), g_array_index (c->dekads, GwDekad, i)),
                     ==, 0);
  }

  /* Every open hazard of the grid is listed for review. */
  filter.grid_id = grid_id;
  filter.states = (1 << GW_STATE_REPORTED) | (1 << GW_STATE_RECTIFYING) |
                  (1 << GW_STATE_VERIFYING) | (1 << GW_STATE_DOWNGRADED);
  g_assert_true (gw_store_hazard_count (store, &filter, &n_open, NULL, &error));
  g_assert_cmpint (gw_check_dialog_get_n_reviewed (dialog), ==, n_open);

  gw_check_dialog_add_found (dialog, "河道旁堆放建筑垃圾", GW_FIELD_SOLID_WASTE);
  gw_check_dialog_set_notes (dialog, "补录：本旬研判会议记录。");
  shoot (GTK_WIDGET (dialog), "new-analysis");
  g_assert_true (gw_check_dialog_save (dialog, &error));
  g_assert_no_error (error);
  check_id = gw_check_dialog_get_check_id (dialog);
  g_assert_cmpint (check_id, >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Read back: the hazards reviewed and the one found are linked to it. */
  dialog = gw_check_dialog_new_view (store, check_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gw_check_dialog_get_n_reviewed (dialog), ==, n_open);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), p.window);
  gtk_window_present (GTK_WINDOW (dialog));
  shoot (GTK_WIDGET (dialog), "record-saved");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpint (count ("SELECT count(*) FROM check_hazards WHERE check_id = ?1"
                          " AND relation = 'reviewed'", check_id), ==, n_open);
  g_assert_cmpint (count ("SELECT count(*) FROM check_hazards l JOIN hazards h ON h.id ="
                          " l.hazard_id WHERE l.check_id = ?1 AND l.relation = 'found'"
                          " AND h.source = 'analysis' AND h.field = 'solid-waste'", check_id),
                   ==, 1);
  g_assert_cmpint (count ("SELECT grid_id FROM checks WHERE id = ?1", check_id), ==, grid_id);

  /* Saving reloads the matrix: the cell is done now. */
  args[0] = p.view;
  args[1] = (gpointer) c;
  args[2] = GUINT_TO_POINTER (r);
  args[3] = GUINT_TO_POINTER (i);
  gw_test_wait_until (cell_done, args);
  gtk_window_destroy (p.window);
}

static void
test_choose_grid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grids = gw_store_grids (store, 0, &error);
  gint64 grid_id = ((GwPlace *) grids->pdata[7])->id;
  GwCheckDialog *dialog = gw_check_dialog_new_record (store, GW_CHECK_ANALYSIS, 0, NULL);

  /* From the toolbar: today by default, the grid chosen in the dialog. */
  g_assert_cmpstr (gw_check_dialog_get_date (dialog), ==, TODAY);
  g_assert_false (gw_check_dialog_save (dialog, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_true (gw_check_dialog_set_grid_id (dialog, grid_id));
  g_assert_true (gw_check_dialog_save (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count ("SELECT grid_id FROM checks WHERE id = ?1",
                          gw_check_dialog_get_check_id (dialog)), ==, grid_id);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_patrol (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grids = gw_store_grids (store, 0, &error);
  gint64 grid_id = ((GwPlace *) grids->pdata[3])->id;
  GwCheckDialog *dialog = gw_check_dialog_new_record (store, GW_CHECK_PATROL, grid_id,
                                                      "2026-11-20");
  gint64 id;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpuint (gw_check_dialog_get_n_reviewed (dialog), ==, 0);
  gw_check_dialog_set_notes (dialog, "沿河巡查：工业园区东侧排口");
  g_assert_true (gw_check_dialog_save (dialog, &error));
  g_assert_no_error (error);
  id = gw_check_dialog_get_check_id (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (count ("SELECT count(*) FROM checks WHERE id = ?1 AND kind = 'patrol'"
                          " AND area = '沿河巡查：工业园区东侧排口' AND dekad = '2026-11-11'", id),
                   ==, 1);

  /* A date in the future is refused, and nothing is written. */
  dialog = gw_check_dialog_new_record (store, GW_CHECK_PATROL, grid_id, "2026-11-24");
  g_assert_false (gw_check_dialog_save (dialog, &error));
  g_assert_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID);
  g_assert_cmpint (gw_check_dialog_get_check_id (dialog), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
assert_interviews (GwInterviewList *list,
                   const GwCadence *c,
                   guint            misses,
                   gint64           overdue)
{
  g_autoptr(GPtrArray) expected = gw_cadence_interviews (c, misses, overdue);

  g_assert_cmpuint (gw_interview_list_get_n_items (list), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (gw_interview_list_get_grid_code (list, i), ==,
                     ((GwCadenceRow *) expected->pdata[i])->grid_code);
}

static void
test_interviews (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  Page p = page_new ();
  const GwCadence *c = gw_cadence_view_get_cadence (p.view);
  GwInterviewList *list = gw_cadence_view_get_interview_list (p.view);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  /* The GSettings default and the CLI's overdue threshold. */
  g_assert_cmpuint (gw_interview_list_get_misses (list), ==, 2);
  g_assert_cmpint (gw_interview_list_get_overdue_threshold (list), ==, 10);
  assert_interviews (list, c, 2, 10);
  g_assert_cmpuint (gw_interview_list_get_n_items (list), >, 0);

  gw_cadence_view_set_visible_page (p.view, "interviews");
  shoot (GTK_WIDGET (p.window), "interviews");

  /* The preference drives the rule. */
  g_settings_set_uint (settings, "interview-misses", 3);
  g_assert_cmpuint (gw_interview_list_get_misses (list), ==, 3);
  assert_interviews (list, c, 3, 10);
  gw_interview_list_set_overdue_threshold (list, -1);
  assert_interviews (list, c, 3, -1);
  g_settings_reset (settings, "interview-misses");
  gw_interview_list_set_overdue_threshold (list, 10);
  assert_interviews (list, c, 2, 10);

  text = gw_interview_list_to_text (list);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==,
                    gw_interview_list_get_n_items (list) + 2);
  gtk_window_destroy (p.window);
}

static gboolean
meetings_idle (gpointer data)
{
  return !gw_meeting_view_get_busy (data);
}

static void
test_meetings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwMeetingDiff) expected = NULL;
  Page p = page_new ();
  GwMeetingView *meetings = gw_cadence_view_get_meeting_view (p.view);
  const GwMeetingDiff *diff;
  g_autofree char *before = NULL;
  GtkWindow *dialog;

  /* The demo holds the eight Mondays up to today; the last two are compared. */
  gw_test_wait_until (meetings_idle, meetings);
  diff = gw_meeting_view_get_diff (meetings);
  g_assert_cmpuint (gw_meeting_view_get_n_meetings (meetings), ==, 8);
  g_assert_nonnull (diff);
  g_assert_cmpstr (diff->until, ==, TODAY);
  before = gw_store_meeting_before (store, TODAY, &error);
  g_assert_cmpstr (diff->since, ==, before);
  expected = gw_store_meeting_diff (store, before, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->added->len, ==, expected->added->len);
  g_assert_cmpuint (diff->moved->len, ==, expected->moved->len);
  g_assert_cmpuint (diff->downgraded->len, ==, expected->downgraded->len);
  g_assert_cmpuint (diff->closed->len, ==, expected->closed->len);
  g_assert_cmpuint (diff->overdue->len, ==, expected->overdue->len);
  g_assert_cmpuint (gw_meeting_view_get_n_decisions (meetings), ==,
                    count ("SELECT count(*) FROM meeting_decisions d JOIN meetings m ON"
                           " m.id = d.meeting_id WHERE m.date = '2026-11-23' AND ?1 = ?1", 0));

  g_assert_false (gw_meeting_view_compare (meetings, TODAY, before));
  g_assert_true (gw_meeting_view_compare (meetings, "2026-10-05", NULL));
  g_assert_true (gw_meeting_view_get_busy (meetings));
  gw_test_wait_until (meetings_idle, meetings);
  g_assert_cmpstr (gw_meeting_view_get_diff (meetings)->since, ==, "2026-10-05");

  g_assert_true (gw_meeting_view_compare (meetings, before, TODAY));
  gw_test_wait_until (meetings_idle, meetings);
  gw_cadence_view_set_visible_page (p.view, "meetings");
  shoot (GTK_WIDGET (p.window), "meetings");

  /* A new meeting defaults to the next free Monday. */
  dialog = gw_meeting_view_new_meeting (meetings);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog),
                                                                    "meeting-date"))), ==,
                   "2026-11-30");
  {
    g_autoptr(GPtrArray) open = NULL;
    g_autoptr(GPtrArray) events = NULL;
    GwFilter filter = { 0 };
    GwEvent *last;
    GwHazard *h;

    filter.states = (1 << GW_STATE_REPORTED) | (1 << GW_STATE_RECTIFYING);
    open = gw_store_hazard_list (store, &filter, 0, 1, &error);
    g_assert_no_error (error);
    h = open->pdata[0];

    /* An unknown hazard number: nothing is recorded and the dialog stays. */
    gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "decision-text")),
                           "一周内完成整改并报送进展");
    gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "decision-hazards")),
                           "2026-999999-9999");
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "save"), "clicked");
    g_assert_nonnull (dialog);
    g_assert_cmpint (count ("SELECT count(*) FROM meetings WHERE ?1 = ?1", 0), ==, 8);

    gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "meeting-attendees")),
                           "分管副市长、市生态环境局");
    gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "decision-hazards")),
                           h->number);
    shoot (GTK_WIDGET (dialog), "new-meeting");
    g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "save"), "clicked");
    /* Saved and closed. */
    gw_test_spin (100);
    g_assert_null (dialog);
    g_assert_cmpint (count ("SELECT count(*) FROM meetings WHERE date = '2026-11-30'"
                            " AND ?1 = ?1", 0), ==, 1);
    g_assert_cmpuint (gw_meeting_view_get_n_meetings (meetings), ==, 9);

    /* 一事一督办: the decision is in the hazard's history. */
    events = gw_store_hazard_events (store, h->id, &error);
    g_assert_no_error (error);
    last = events->pdata[events->len - 1];
    g_assert_cmpstr (last->kind, ==, "decision");
    g_assert_cmpstr (last->date, ==, "2026-11-30");
    g_assert_cmpstr (last->note, ==, "一周内完成整改并报送进展");
  }
  gtk_window_destroy (p.window);
}

/* ---- main ---------------------------------------------------------------------- */

static void
make_demo (void)
{
  g_autoptr(GError) error = NULL;
  GwDemoOptions options = { .n_hazards = 500, .seed = 1, .today = TODAY };

  tmp_dir = g_dir_make_tmp ("gw-cadence-view-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (tmp_dir, "demo.db", NULL);
  store = gw_store_open (demo_path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  gw_demo_generate (store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_demo (void)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);

  g_clear_object (&store);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (demo_path);
  g_free (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("GRIDWATCH_LOCALEDIR");
  int status;

  g_setenv ("GRIDWATCH_TODAY", TODAY, TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  adw_init ();
  gw_ui_load_style ();
  make_demo ();

  g_test_add_func ("/cadence-view/matrix", test_matrix);
  g_test_add_func ("/cadence-view/open-done", test_open_done);
  g_test_add_func ("/cadence-view/record-missed", test_record_missed);
  g_test_add_func ("/cadence-view/patrol", test_patrol);
  g_test_add_func ("/cadence-view/choose-grid", test_choose_grid);
  g_test_add_func ("/cadence-view/interviews", test_interviews);
  g_test_add_func ("/cadence-view/meetings", test_meetings);
  status = g_test_run ();

  remove_demo ();
  return status;
}
