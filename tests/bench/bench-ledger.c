/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-ledger"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gw-hazard-model.h"
#include "gw-ledger.h"
#include "gw-ui-util.h"
#include "gw-window.h"

/* Opens the ledger of a large database in the real window and prints how
 * long a person waits: for the first rows, for the first page after filter
 * changes and searches, and for each frame while scrolling 10,000 rows.
 *
 *   GSK_RENDERER=cairo xvfb-run -a -s '-screen 0 1600x1000x24' \
 *     _build/tests/bench/bench-ledger COPY-OF-bench-1000000.db
 *
 * Give it a copy (or a database nobody else uses): the window opens it
 * read-write, as the application does, though the benchmark changes nothing. */

#define WAIT_SECONDS 300
#define SCROLL_ROWS scroll_rows ()

/* BENCH_SCROLL_ROWS shortens the scrolling, for experiments. */
static guint
scroll_rows (void)
{
  const char *rows = g_getenv ("BENCH_SCROLL_ROWS");

  return rows != NULL && atoi (rows) > 0 ? (guint) atoi (rows) : 10000;
}

static GwWindow *window;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Processor time of the calling thread: what a frame costs whatever else
 * the machine runs. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  return g_strndup (text, strcspn (text, " "));
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until (gboolean (*done) (gpointer data),
            gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, timed_out_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      g_printerr ("bench-ledger: gave up waiting after %d s\n", WAIT_SECONDS);
      exit (1);
    }
  g_source_remove (id);
}

static GwLedger *
ledger (void)
{
  return GW_LEDGER (gw_window_get_ledger (window));
}

static GwHazardModel *
model (void)
{
  return gw_ledger_get_model (ledger ());
}

static gpointer
child (const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (ledger ()), GW_TYPE_LEDGER, name);
}

/* ---- paints ------------------------------------------------------------------- */

static guint n_paints;
static double last_paint_ms;
static double frame_start_ms;
static double frame_start_cpu_ms;
static GArray *frame_cpu;         /* double ms: main-thread processor time per frame */
static GArray *frame_work;        /* double ms, while recording */
static GArray *frame_intervals;   /* double ms */
static GArray *frame_layout;      /* double ms: the layout phase (rows bound and measured) */
static GArray *frame_paint;       /* double ms: snapshot and rendering */
/* Our handlers run after GTK's (connected at realization): each stamp ends
 * a phase of the frame. */
static double update_end_ms, layout_end_ms, paint_end_ms;
static double update_end_cpu, layout_end_cpu, paint_end_cpu;
static gint64 last_frame_time;

static void
before_paint_cb (GdkFrameClock *clock)
{
  frame_start_ms = now_ms ();
  frame_start_cpu_ms = cpu_ms ();
}

static void
update_cb (GdkFrameClock *clock)
{
  update_end_ms = now_ms ();
  update_end_cpu = cpu_ms ();
}

static void
layout_cb (GdkFrameClock *clock)
{
  layout_end_ms = now_ms ();
  layout_end_cpu = cpu_ms ();
}

static void
paint_cb (GdkFrameClock *clock)
{
  paint_end_ms = now_ms ();
  paint_end_cpu = cpu_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  double end = now_ms ();

  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);

  n_paints++;
  last_paint_ms = end;
  if (frame_work != NULL)
    {
      double work = end - frame_start_ms;

      double cpu = cpu_ms () - frame_start_cpu_ms;
      /* Processor time of the phases: the wall clock on a shared machine
       * says more about the neighbours. */
      double layout = layout_end_cpu - update_end_cpu;
      double paint = paint_end_cpu - layout_end_cpu;

      g_array_append_val (frame_work, work);
      g_array_append_val (frame_cpu, cpu);
      g_array_append_val (frame_layout, layout);
      g_array_append_val (frame_paint, paint);
      if (last_frame_time != 0)
        {
          double interval = (frame_time - last_frame_time) / 1000.0;

          g_array_append_val (frame_intervals, interval);
        }
      last_frame_time = frame_time;
    }
}

typedef struct {
  guint  paints;
} PaintWait;

static gboolean
painted_since (gpointer data)
{
  return n_paints > ((PaintWait *) data)->paints;
}

/* Returns the time of the next paint. */
static double
next_paint (void)
{
  PaintWait wait = { n_paints };

  gtk_widget_queue_draw (GTK_WIDGET (window));
  wait_until (painted_since, &wait);
  return last_paint_ms;
}

/* ---- the ledger's progress ------------------------------------------------------------ */

static double store_ready_ms;

static void
store_ready_cb (void)
{
  store_ready_ms = now_ms ();
}

static double first_page_ms;
static guint n_first_pages;

static void
first_page_cb (void)
{
  first_page_ms = now_ms ();
  n_first_pages++;
}

static gboolean
first_page_after (gpointer data)
{
  return n_first_pages > GPOINTER_TO_UINT (data);
}

static gboolean
counted (gpointer data)
{
  return gw_hazard_model_get_n_matching (model ()) >= 0;
}

static gboolean
window_has_rows (gpointer data)
{
  GwHazardModel *m = model ();
  GwHazardItem *item;

  /* On screen: the window shows its views (it has its own connection) and
   * the list view has the rows. */
  if (m == NULL || n_first_pages == 0 || g_list_model_get_n_items (G_LIST_MODEL (m)) == 0
      || gw_window_get_store (window) == NULL
      || gtk_list_view_get_model (gw_ledger_get_list_view (ledger ())) == NULL)
    return FALSE;
  item = gw_hazard_model_peek_item (m, 0);
  return item != NULL && gw_hazard_item_get_loaded (item);
}

static gboolean
model_created (gpointer data)
{
  GwHazardModel *m = gw_ledger_get_model (ledger ());

  if (m != NULL && !g_object_get_data (G_OBJECT (m), "bench"))
    {
      g_object_set_data (G_OBJECT (m), "bench", GINT_TO_POINTER (1));
      g_signal_connect (m, "first-page", G_CALLBACK (first_page_cb), NULL);
    }
  return m != NULL;
}

typedef struct {
  const char *what;
  GwHazardModelTiming timing;
  double      first_page;
  double      painted;
  double      counted;
  gint64      n;
} Change;

static void
print_change (const char *kind,
              guint       i,
              Change     *c,
              double      target)
{
  printf ("  %s %2u %-34s first page %7.1f ms%s (worker free after %5.1f ms, query %6.1f ms, "
          "%6.1f ms of processor; main loop %5.1f ms; rows told %5.1f ms)  shown %7.1f ms  counted %8.1f ms  %'10" G_GINT64_FORMAT
          " hazards\n",
          kind, i + 1, c->what, c->first_page, c->first_page < target ? "   " : " ✗ ",
          c->timing.wait_ms, c->timing.query_ms, c->timing.query_cpu_ms, c->timing.delivery_ms,
          c->timing.update_ms, c->painted, c->counted, c->n);
}

/* Runs @change, then waits for the first page, the paint after it and the count. */
static void
measure (Change  *c,
         void   (*change) (gpointer data),
         gpointer data)
{
  guint before = n_first_pages;
  double start = now_ms ();

  change (data);
  wait_until (first_page_after, GUINT_TO_POINTER (before));
  c->first_page = first_page_ms - start;
  gw_hazard_model_get_first_page_timing (model (), &c->timing);
  c->painted = next_paint () - start;
  wait_until (counted, NULL);
  c->counted = now_ms () - start;
  c->n = gw_hazard_model_get_n_matching (model ());
}

static void
select_entry (gpointer data)
{
  const char *name = ((const char **) data)[0];
  guint index = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  gtk_drop_down_set_selected (child (name), index);
}

static void
toggle_overdue (gpointer data)
{
  gtk_toggle_button_set_active (child ("overdue_toggle"), GPOINTER_TO_INT (data));
}

static void
set_entry (gpointer data)
{
  const char *name = ((const char **) data)[0];
  const char *text = ((const char **) data)[1];

  gtk_editable_set_text (child (name), text);
}

static void
clear_filters (gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (ledger ()), "ledger.clear-filters", NULL);
}

/* The search entry waits for a pause in typing (its search delay) before it
 * emits search-changed; the figure starts there, and the delay is printed. */
static double search_started_ms;

static void
search_changed_cb (void)
{
  search_started_ms = now_ms ();
}

static gboolean
settled (gpointer data)
{
  return gw_hazard_model_get_n_matching (model ()) >= 0 && !gw_hazard_model_get_busy (model ());
}

/* Setting the text of a search entry empties it first, and an empty entry
 * searches at once: clear it and let that settle before each search. */
static void
search (Change     *c,
        const char *text)
{
  guint before;

  gtk_editable_set_text (child ("search_entry"), "");
  wait_until (settled, NULL);
  before = n_first_pages;
  search_started_ms = 0;
  gtk_editable_insert_text (child ("search_entry"), text, -1, &(int) { 0 });
  wait_until (first_page_after, GUINT_TO_POINTER (before));
  g_assert (search_started_ms > 0);
  c->first_page = first_page_ms - search_started_ms;
  gw_hazard_model_get_first_page_timing (model (), &c->timing);
  c->painted = next_paint () - search_started_ms;
  wait_until (counted, NULL);
  c->counted = now_ms () - search_started_ms;
  c->n = gw_hazard_model_get_n_matching (model ());
}

/* ---- scrolling ---------------------------------------------------------------------- */

/* The view is told of the rows a screenful at a time at first (see
 * gw-ledger.c): scrolling starts once it has them all. */
static gboolean
view_has_all_rows (gpointer data)
{
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (gw_ledger_get_list_view (ledger ())));

  return g_list_model_get_n_items (shown) == g_list_model_get_n_items (G_LIST_MODEL (model ()));
}

typedef struct {
  GtkAdjustment *adjustment;
  double         step;
  double         target;
  guint          frames;
  gboolean       done;
} Scroll;

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  Scroll *scroll = data;
  double value = gtk_adjustment_get_value (scroll->adjustment) + scroll->step;

  scroll->frames++;
  if (value >= scroll->target)
    {
      gtk_adjustment_set_value (scroll->adjustment, scroll->target);
      scroll->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (scroll->adjustment, value);
  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_done (gpointer data)
{
  return ((Scroll *) data)->done;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint i;

  if (values->len == 0)
    return 0;
  i = (guint) MIN (values->len - 1, p * values->len);
  return g_array_index (values, double, i);
}

int
main (int   argc,
      char *argv[])
{
  const char *path;
  GtkScrolledWindow *scrolled;
  GdkFrameClock *clock;
  Change filters[10] = { 0 }, searches[10] = { 0 };
  static const char *terms[10] = { "扬尘", "废水", "噪声", "垃圾", "油烟",
                                   "秸秆", "偷排", "渗漏", "2026-4304", "工地 扬尘" };
  double start, first_rows, first_page, counted_ms;
  Scroll scroll = { 0 };
  double row_height;
  guint n_rows;
  int failures = 0;
  gboolean scroll_only = FALSE;

  if (argc == 3 && g_str_equal (argv[1], "--scroll-only"))
    {
      scroll_only = TRUE;
      argv[1] = argv[2];
      argc = 2;
    }
  if (argc != 2)
    {
      g_printerr ("usage: bench-ledger [--scroll-only] DATABASE (a copy: the window opens it "
                  "read-write)\n");
      return 2;
    }
  path = argv[1];
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("bench-ledger: %s does not exist\n", path);
      return 2;
    }

  /* As the tests run: settings in memory, schemas from the build tree. */
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (g_getenv ("GRIDWATCH_TODAY") == NULL)
    g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();
  /* The ledger as the program draws it: chips and row padding come from
   * style.css, which AdwApplication would load. */
  gw_ui_load_style ();

  /* BENCH_CSS: extra style, to try what a frame costs without some of it. */
  if (g_getenv ("BENCH_CSS") != NULL)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, g_getenv ("BENCH_CSS"), -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_USER);
    }

  window = gw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (window));
  gw_window_show_view (window, "ledger");
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_connect (clock, "update", G_CALLBACK (update_cb), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
  next_paint ();
  next_paint ();

  {
    g_autofree char *load = load_average ();

    printf ("bench-ledger: %s, GSK_RENDERER=%s, window %dx%d, %u processors, load average "
            "%s at the start\n", path, g_getenv ("GSK_RENDERER"),
            gtk_widget_get_width (GTK_WIDGET (window)),
            gtk_widget_get_height (GTK_WIDGET (window)), g_get_num_processors (), load);
  }

  /* Opening: the window's worker opens the file and reads the KPIs, the
   * ledger's workers read the first page and count. */
  g_signal_connect (window, "notify::store", G_CALLBACK (store_ready_cb), NULL);
  start = now_ms ();
  gw_window_open (window, path);
  wait_until (model_created, NULL);
  wait_until (window_has_rows, NULL);
  first_page = first_page_ms - start;
  gw_hazard_model_get_first_page_timing (model (), &filters[0].timing);
  first_rows = next_paint () - start;
  wait_until (counted, NULL);
  counted_ms = now_ms () - start;
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (model ()));
  printf ("first rows shown: %.1f ms (target < 500 ms)%s; first page in %.1f ms (query "
          "%.1f ms after waiting %.1f ms for the worker's connection); the window's own "
          "connection ready after %.1f ms; %'u hazards counted in %.1f ms\n",
          first_rows, first_rows < 500 ? "" : " ✗", first_page,
          filters[0].timing.query_ms, filters[0].timing.wait_ms,
          store_ready_ms > 0 ? store_ready_ms - start : -1.0, n_rows, counted_ms);
  failures += first_rows >= 500;

  /* Ten filter changes, one after the other, through the filter bar. */
  if (!scroll_only)
  {
    gpointer county[] = { "county_dropdown", GUINT_TO_POINTER (3) };
    gpointer grid[] = { "grid_dropdown", GUINT_TO_POINTER (2) };
    gpointer state[] = { "state_dropdown", GUINT_TO_POINTER (3) };      /* rectifying */
    gpointer level[] = { "level_dropdown", GUINT_TO_POINTER (1) };      /* I */
    gpointer all_levels[] = { "level_dropdown", GUINT_TO_POINTER (0) };
    gpointer urgency[] = { "urgency_dropdown", GUINT_TO_POINTER (1) };  /* no delay */
    gpointer campaign[] = { "campaign_dropdown", GUINT_TO_POINTER (1) };
    gpointer open[] = { "state_dropdown", GUINT_TO_POINTER (1) };       /* not closed */
    gpointer deadline[] = { "deadline_from_entry", "2026-12-01" };
    Change *f = filters;

    printf ("filter changes (target < 50 ms to the first page):\n");
    f->what = "county (3rd)";
    measure (f++, select_entry, county);
    f->what = "+ grid (2nd of the county)";
    measure (f++, select_entry, grid);
    f->what = "+ state rectifying";
    measure (f++, select_entry, state);
    f->what = "+ level I";
    measure (f++, select_entry, level);
    f->what = "− level, + urgency no-delay";
    measure (f++, select_entry, all_levels);
    f->what = "  (urgency)";
    measure (f++, select_entry, urgency);
    f->what = "clear all";
    measure (f++, clear_filters, NULL);
    f->what = "overdue only";
    measure (f++, toggle_overdue, GINT_TO_POINTER (TRUE));
    f->what = "overdue + campaign";
    measure (f++, select_entry, campaign);
    f->what = "open states + deadline ≥ 2026-12-01";
    gtk_toggle_button_set_active (child ("overdue_toggle"), FALSE);
    gtk_drop_down_set_selected (child ("campaign_dropdown"), 0);
    wait_until (counted, NULL);
    select_entry (open);
    wait_until (counted, NULL);
    measure (f++, set_entry, deadline);
    for (guint i = 0; i < 10; i++)
      {
        print_change ("filter", i, &filters[i], 50);
        failures += filters[i].first_page >= 50;
      }
  }

  /* Ten searches on the whole ledger. */
  if (!scroll_only)
  {
    Change cleared = { "clear all" };

    measure (&cleared, clear_filters, NULL);
    g_signal_connect (child ("search_entry"), "search-changed", G_CALLBACK (search_changed_cb),
                      NULL);
    printf ("searches (target < 50 ms to the first page, counted from search-changed, which "
            "the entry emits %u ms after the last key):\n",
            gtk_search_entry_get_search_delay (child ("search_entry")));
    for (guint i = 0; i < 10; i++)
      {
        searches[i].what = terms[i];
        search (&searches[i], terms[i]);
        print_change ("search", i, &searches[i], 50);
        failures += searches[i].first_page >= 50;
      }
    measure (&cleared, clear_filters, NULL);
  }

  /* Scrolling 10,000 rows from the top as a fast wheel or a flick does,
   * then 10,000 more as fast as dragging the scroll bar: every frame then
   * shows new rows. */
  scrolled = child ("scrolled_window");
  scroll.adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  wait_until (view_has_all_rows, NULL);
  next_paint ();
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (model ()));
  row_height = gtk_adjustment_get_upper (scroll.adjustment) / MAX (n_rows, 1);
  for (guint pass = 0; pass < 2; pass++)
    {
      guint rows_per_frame = pass == 0 ? 5 : 33;
      double total, longest;

      scroll.target = MIN (row_height * SCROLL_ROWS * (pass + 1),
                           gtk_adjustment_get_upper (scroll.adjustment)
                           - gtk_adjustment_get_page_size (scroll.adjustment));
      scroll.step = row_height * rows_per_frame;
      scroll.done = FALSE;
      scroll.frames = 0;
      frame_work = g_array_new (FALSE, FALSE, sizeof (double));
      frame_intervals = g_array_new (FALSE, FALSE, sizeof (double));
      frame_layout = g_array_new (FALSE, FALSE, sizeof (double));
      frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
      frame_paint = g_array_new (FALSE, FALSE, sizeof (double));
      last_frame_time = 0;
      start = now_ms ();
      gtk_widget_add_tick_callback (GTK_WIDGET (gw_ledger_get_list_view (ledger ())),
                                    scroll_tick_cb, &scroll, NULL);
      wait_until (scroll_done, &scroll);
      next_paint ();
      total = now_ms () - start;

      g_array_sort (frame_work, compare_doubles);
      g_array_sort (frame_intervals, compare_doubles);
      longest = percentile (frame_work, 1.0);
      printf ("scrolling %u rows, %u a frame (%.0f px): %u frames in %.0f ms; frame work "
              "longest %.1f ms (target < 16 ms)%s, median %.1f ms, 95th percentile %.1f ms; "
              "between frames longest %.1f ms, median %.1f ms\n",
              SCROLL_ROWS, rows_per_frame, scroll.step, frame_work->len, total, longest,
              longest < 16 ? "" : " ✗", percentile (frame_work, 0.5),
              percentile (frame_work, 0.95), percentile (frame_intervals, 1.0),
              percentile (frame_intervals, 0.5));
      g_array_sort (frame_layout, compare_doubles);
      g_array_sort (frame_paint, compare_doubles);
      g_array_sort (frame_cpu, compare_doubles);
      printf ("    main-thread processor time a frame: longest %.1f ms, median %.1f ms, 95th "
              "percentile %.1f ms; of which the layout phase (rows bound and measured) %.1f ms and "
              "the paint phase (snapshot, cairo) %.1f ms (medians)\n",
              percentile (frame_cpu, 1.0), percentile (frame_cpu, 0.5),
              percentile (frame_cpu, 0.95), percentile (frame_layout, 0.5),
              percentile (frame_paint, 0.5));
      g_clear_pointer (&frame_cpu, g_array_unref);
      failures += longest >= 16;
      g_clear_pointer (&frame_layout, g_array_unref);
      g_clear_pointer (&frame_paint, g_array_unref);
      g_clear_pointer (&frame_work, g_array_unref);
      g_clear_pointer (&frame_intervals, g_array_unref);
    }

  {
    g_autofree char *load = load_average ();

    printf ("%d figure%s missed the target; load average %s at the end\n", failures,
            failures == 1 ? "" : "s", load);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
