/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gw-board-render.h"
#include "gw-board-view.h"
#include "gw-dekad.h"
#include "gw-directory.h"
#include "gw-ui-util.h"

struct _GwBoardView
{
  GtkWidget           parent_instance;

  GtkDrawingArea     *area;
  GtkActionBar       *action_bar;
  GtkLabel           *page_label;
  GtkLabel           *timer_label;
  GtkSpinner         *spinner;
  GtkLabel           *error_label;
  GtkEventController *keys;
  GtkDropDown        *county_dropdown;
  GtkMenuButton      *date_button;
  GtkCalendar        *calendar;
  char               *as_of;          /* NULL: today */
  GPtrArray          *counties;       /* GwPlace*, as listed after "all counties" */
  gboolean            filling_counties;

  GSettings          *settings;
  char               *path;           /* the database the board reads */
  GwBoard            *board;
  guint               slide;
  guint               generation;     /* drops the results of older loads */
  GCancellable       *cancellable;

  gboolean            presenting;
  gboolean            timer_paused;
  guint               timer_id;
  guint               remaining;      /* seconds to the next page */

  gint64              last_draw_us;
  guint               draw_count;

  /* Pages drawn once at the widget's size and kept: turning to a page paints
   * an image. The neighbours of the page shown are drawn ahead in a thread. */
  GHashTable         *rendered;       /* slide index → cairo_surface_t */
  int                 rendered_w, rendered_h, rendered_scale;
  guint               render_generation;
  gboolean            prerendering;
  gboolean            disposed;       /* tasks still under way find nothing to update */
  gboolean            syncing_calendar;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (GwBoardView, gw_board_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRESENTING,
  PROP_SLIDE,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_timer (GwBoardView *self);

/* ---- drawing ------------------------------------------------------------------------------ */

static cairo_surface_t *
rasterize (GwBoard *board,
           guint    slide,
           int      width,
           int      height,
           int      scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * scale,
                                                         height * scale);
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  gw_board_render_slide (cr, width, height, board, slide);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
clear_rendered (GwBoardView *self)
{
  g_hash_table_remove_all (self->rendered);
  self->render_generation++;
}

/* Keeps the page shown and its neighbours (the board loops, so the first
 * follows the last). */
static gboolean
is_near (GwBoardView *self,
         guint        slide)
{
  guint n = gw_board_view_get_n_slides (self);

  return n > 0 && (slide == self->slide || slide == (self->slide + 1) % n ||
                   slide == (self->slide + n - 1) % n);
}

static void schedule_prerender (GwBoardView *self);

typedef struct {
  GwBoard *board;
  guint    slide;
  int      width, height, scale;
  guint    generation;
  cairo_surface_t *surface;
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_clear_pointer (&data->board, gw_board_free);
  g_clear_pointer (&data->surface, cairo_surface_destroy);
  g_free (data);
}

/* Pango's Cairo font map is per thread and the board is not changed while
 * shown, so a worker can draw it. */
static void
prerender_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RenderData *data = task_data;

  data->surface = rasterize (data->board, data->slide, data->width, data->height, data->scale);
  g_task_return_boolean (task, TRUE);
}

static void
prerender_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GwBoardView *self = GW_BOARD_VIEW (object);
  RenderData *data = g_task_get_task_data (G_TASK (result));

  self->prerendering = FALSE;
  if (data->generation == self->render_generation && is_near (self, data->slide) &&
      !g_hash_table_contains (self->rendered, GUINT_TO_POINTER (data->slide)))
    g_hash_table_insert (self->rendered, GUINT_TO_POINTER (data->slide), g_steal_pointer (&data->surface));
  schedule_prerender (self);
}

static void
schedule_prerender (GwBoardView *self)
{
  guint n = gw_board_view_get_n_slides (self);
  g_autoptr(GTask) task = NULL;
  RenderData *data;
  guint next;

  if (self->disposed || self->prerendering || n < 2 || self->rendered_w <= 0)
    return;
  next = (self->slide + 1) % n;
  if (g_hash_table_contains (self->rendered, GUINT_TO_POINTER (next)))
    next = (self->slide + n - 1) % n;
  if (g_hash_table_contains (self->rendered, GUINT_TO_POINTER (next)) ||
      !self->board->loaded[gw_board_get_slide (self->board, next)->page])
    return;

  data = g_new0 (RenderData, 1);
  data->board = gw_board_ref (self->board);
  data->slide = next;
  data->width = self->rendered_w;
  data->height = self->rendered_h;
  data->scale = self->rendered_scale;
  data->generation = self->render_generation;
  self->prerendering = TRUE;
  task = g_task_new (self, NULL, prerender_done, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  g_task_set_name (task, "gw-board-prerender");
  g_task_run_in_thread (task, prerender_thread);
}

static void
draw_func (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  GwBoardView *self = user_data;
  gint64 start = g_get_monotonic_time ();
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  cairo_surface_t *surface;
  GHashTableIter iter;
  gpointer key;

  if (self->board == NULL || gw_board_n_slides (self->board) == 0)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      return;
    }
  if (width != self->rendered_w || height != self->rendered_h || scale != self->rendered_scale)
    {
      clear_rendered (self);
      self->rendered_w = width;
      self->rendered_h = height;
      self->rendered_scale = scale;
    }
  /* Pages far from the one shown are let go. */
  g_hash_table_iter_init (&iter, self->rendered);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!is_near (self, GPOINTER_TO_UINT (key)))
      g_hash_table_iter_remove (&iter);

  surface = g_hash_table_lookup (self->rendered, GUINT_TO_POINTER (self->slide));
  if (surface == NULL)
    {
      surface = rasterize (self->board, self->slide, width, height, scale);
      /* A page still loading is drawn again when it is there. */
      if (self->board->loaded[gw_board_get_slide (self->board, self->slide)->page])
        g_hash_table_insert (self->rendered, GUINT_TO_POINTER (self->slide), surface);
      else
        {
          cairo_set_source_surface (cr, surface, 0, 0);
          cairo_paint (cr);
          cairo_surface_destroy (surface);
          surface = NULL;
        }
    }
  if (surface != NULL)
    {
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_paint (cr);
    }
  self->last_draw_us = g_get_monotonic_time () - start;
  self->draw_count++;
  schedule_prerender (self);
}

static void
update_page_label (GwBoardView *self)
{
  guint n = self->board != NULL ? gw_board_n_slides (self->board) : 0;
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup ("");
  else
    /* TRANSLATORS: page 2 of 6 of the board, and its title */
    text = g_strdup_printf (_("%u / %u · %s"), self->slide + 1, n,
                            gw_board_page_label (gw_board_get_slide (self->board, self->slide)->page));
  gtk_label_set_text (self->page_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.prev", n > 0 && self->slide > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.next", n > 0 && self->slide + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.save-pdf", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.save-png", n > 0);
}

void
gw_board_view_set_slide (GwBoardView *self,
                         guint        index)
{
  guint n;

  g_return_if_fail (GW_IS_BOARD_VIEW (self));

  n = self->board != NULL ? gw_board_n_slides (self->board) : 0;
  if (n == 0)
    return;
  index = MIN (index, n - 1);
  if (index != self->slide)
    {
      self->slide = index;
      gtk_widget_queue_draw (GTK_WIDGET (self->area));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
    }
  update_page_label (self);
  /* A page turned by hand gets its full time. */
  self->remaining = g_settings_get_uint (self->settings, "board-interval");
  update_timer (self);
}

guint
gw_board_view_get_slide (GwBoardView *self)
{
  g_return_val_if_fail (GW_IS_BOARD_VIEW (self), 0);
  return self->slide;
}

guint
gw_board_view_get_n_slides (GwBoardView *self)
{
  g_return_val_if_fail (GW_IS_BOARD_VIEW (self), 0);
  return self->board != NULL ? gw_board_n_slides (self->board) : 0;
}

static void
step (GwBoardView *self,
      int          delta)
{
  guint n = gw_board_view_get_n_slides (self);

  if (n == 0)
    return;
  if (delta < 0 && self->slide == 0)
    return;
  gw_board_view_set_slide (self, MIN ((guint) ((int) self->slide + delta), n - 1));
}

/* ---- the auto-advance timer --------------------------------------------------------------- */

static gboolean
timer_tick (gpointer user_data)
{
  GwBoardView *self = user_data;
  guint n = gw_board_view_get_n_slides (self);

  if (self->remaining > 1)
    self->remaining--;
  else if (n > 0)
    {
      /* The last page goes back to the first: the board loops in the room. */
      gw_board_view_set_slide (self, self->slide + 1 < n ? self->slide + 1 : 0);
      return G_SOURCE_CONTINUE;
    }
  update_timer (self);
  return G_SOURCE_CONTINUE;
}

static void
update_timer (GwBoardView *self)
{
  guint interval = g_settings_get_uint (self->settings, "board-interval");
  gboolean run = self->presenting && interval > 0 && !self->timer_paused &&
                 gw_board_view_get_n_slides (self) > 1;
  g_autofree char *text = NULL;

  if (run && self->timer_id == 0)
    self->timer_id = g_timeout_add_seconds (1, timer_tick, self);
  else if (!run)
    g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->remaining == 0 || self->remaining > interval)
    self->remaining = interval;

  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), self->presenting && interval > 0);
  if (run)
    /* TRANSLATORS: the auto-advance indicator: seconds to the next page */
    text = g_strdup_printf (_("▶ %u s"), self->remaining);
  else
    text = g_strdup (_("⏸ Paused"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->timer_label), _("P or B pauses and resumes"));
  gtk_label_set_text (self->timer_label, text);
}

gboolean
gw_board_view_get_timer_running (GwBoardView *self)
{
  g_return_val_if_fail (GW_IS_BOARD_VIEW (self), FALSE);
  return self->timer_id != 0;
}

guint
gw_board_view_get_timer_remaining (GwBoardView *self)
{
  g_return_val_if_fail (GW_IS_BOARD_VIEW (self), 0);
  return self->remaining;
}

/* ---- presenting --------------------------------------------------------------------------- */

gboolean
gw_board_view_get_presenting (GwBoardView *self)
{
  g_return_val_if_fail (GW_IS_BOARD_VIEW (self), FALSE);
  return self->presenting;
}

void
gw_board_view_set_presenting (GwBoardView *self,
                              gboolean     presenting)
{
  g_return_if_fail (GW_IS_BOARD_VIEW (self));

  presenting = !!presenting;
  if (presenting == self->presenting)
    return;
  self->presenting = presenting;
  self->timer_paused = FALSE;
  self->remaining = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), !presenting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.leave", presenting);
  update_timer (self);
  if (presenting)
    gtk_widget_grab_focus (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTING]);
}

/* Keys of the room: clickers send Page Up/Down (some B for a blank screen). */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GwBoardView           *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down: case GDK_KEY_Right: case GDK_KEY_KP_Right:
    case GDK_KEY_Down: case GDK_KEY_KP_Down: case GDK_KEY_space: case GDK_KEY_KP_Space:
      step (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up: case GDK_KEY_Left: case GDK_KEY_KP_Left:
    case GDK_KEY_Up: case GDK_KEY_KP_Up: case GDK_KEY_BackSpace:
      step (self, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      gw_board_view_set_slide (self, 0);
      return GDK_EVENT_STOP;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      if (gw_board_view_get_n_slides (self) > 0)
        gw_board_view_set_slide (self, gw_board_view_get_n_slides (self) - 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_p: case GDK_KEY_P: case GDK_KEY_b: case GDK_KEY_B: case GDK_KEY_period:
      self->timer_paused = !self->timer_paused;
      update_timer (self);
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      if (!self->presenting)
        return GDK_EVENT_PROPAGATE;
      gw_board_view_set_presenting (self, FALSE);
      return GDK_EVENT_STOP;
    case GDK_KEY_F5:
      gw_board_view_set_presenting (self, TRUE);
      return GDK_EVENT_STOP;
    default:
      break;
    }
  if ((keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9) || (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9))
    {
      guint i = keyval >= GDK_KEY_KP_1 ? keyval - GDK_KEY_KP_1 : keyval - GDK_KEY_1;

      if (i < gw_board_view_get_n_slides (self))
        gw_board_view_set_slide (self, i);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

GtkEventController *
gw_board_view_get_key_controller (GwBoardView *self)
{
  g_return_val_if_fail (GW_IS_BOARD_VIEW (self), NULL);
  return self->keys;
}

/* ---- loading ------------------------------------------------------------------------------ */

typedef struct {
  char          *path;
  char          *county_code;   /* the kanban's county, "" for all */
  char          *as_of;         /* NULL: today */
  GwBoardOptions options;
  GwBoard       *board;
  GPtrArray     *counties;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data->county_code);
  g_free (data->as_of);
  g_clear_pointer (&data->counties, g_ptr_array_unref);
  g_clear_pointer (&data->board, gw_board_free);
  g_free (data);
}

/* SQLite connections belong to one thread: the worker opens its own. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = gw_store_open (data->path, GW_STORE_OPEN_READONLY, &error);
  if (store != NULL && (data->counties = gw_store_counties (store, &error)) != NULL)
    /* A county no longer in this file (another database) means all of them. */
    for (guint i = 0; i < data->counties->len; i++)
      if (g_strcmp0 (((GwPlace *) data->counties->pdata[i])->code, data->county_code) == 0)
        data->options.county_id = ((GwPlace *) data->counties->pdata[i])->id;
  if (store == NULL || data->counties == NULL ||
      (data->board = gw_board_new (store, &data->options, data->as_of, &error)) == NULL ||
      !gw_board_load_all (data->board, store, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* "All counties" and the file's counties, the board's one selected. */
static void
fill_counties (GwBoardView *self,
               GPtrArray   *counties,
               gint64       selected_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (names, _("All counties"));
  for (guint i = 0; i < counties->len; i++)
    {
      GwPlace *place = counties->pdata[i];

      gtk_string_list_append (names, place->name);
      if (place->id == selected_id)
        selected = i + 1;
    }
  g_clear_pointer (&self->counties, g_ptr_array_unref);
  self->counties = counties;
  self->filling_counties = TRUE;
  gtk_drop_down_set_model (self->county_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->county_dropdown, selected);
  self->filling_counties = FALSE;
}

void
gw_board_view_set_as_of (GwBoardView *self,
                         const char  *as_of)
{
  g_return_if_fail (GW_IS_BOARD_VIEW (self));

  if (g_strcmp0 (as_of, self->as_of) == 0)
    return;
  g_free (self->as_of);
  self->as_of = g_strdup (as_of);
  gw_board_view_reload (self);
}

static void
date_popover_shown_cb (GwBoardView *self)
{
  GDate date;

  /* The calendar opens on the board's date. */
  if (self->board != NULL && gw_date_parse (self->board->as_of, &date))
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&date),
                                                        g_date_get_month (&date),
                                                        g_date_get_day (&date), 0, 0, 0);
      self->syncing_calendar = TRUE;
      gtk_calendar_select_day (self->calendar, day);
      self->syncing_calendar = FALSE;
    }
}

static void
day_selected_cb (GwBoardView *self)
{
  if (self->syncing_calendar)
    return;
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *iso = g_date_time_format (day, "%Y-%m-%d");
  g_autofree char *today = NULL;
  GDate now;

  gw_date_today (&now);
  today = gw_date_to_string (&now);

  gtk_menu_button_popdown (self->date_button);
  /* Today follows the clock: the board open overnight moves on with it. */
  gw_board_view_set_as_of (self, g_str_equal (iso, today) ? NULL : iso);
}

static void
county_selected_cb (GwBoardView *self)
{
  guint i = gtk_drop_down_get_selected (self->county_dropdown);
  const char *code = "";

  if (self->filling_counties || self->counties == NULL)
    return;
  if (i > 0 && i <= self->counties->len)
    code = ((GwPlace *) self->counties->pdata[i - 1])->code;
  g_settings_set_string (self->settings, "board-county", code);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GwBoardView *self = GW_BOARD_VIEW (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (self->disposed || GPOINTER_TO_UINT (user_data) != self->generation)
    return;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  fill_counties (self, g_steal_pointer (&data->counties), data->options.county_id);
  gw_board_view_set_board (self, data->board);
  {
    /* TRANSLATORS: the board's date button; %s is the date */
    g_autofree char *label = g_strdup_printf (_("As of %s"), data->board->as_of);
    gtk_menu_button_set_label (self->date_button, label);
  }
  g_signal_emit (self, signals[LOADED], 0);
}

static void
options_from_settings (GwBoardView    *self,
                       GwBoardOptions *options)
{
  g_auto(GStrv) pages = g_settings_get_strv (self->settings, "board-pages");
  g_autofree char *ids = g_strjoinv (",", pages);

  gw_board_options_init (options);
  /* Unknown ids (a newer version's pages) are left out rather than refused. */
  if (!gw_board_options_set_pages (options, ids, NULL))
    {
      g_autoptr(GString) known = g_string_new ("");

      for (guint i = 0; pages[i] != NULL; i++)
        {
          GwBoardPage page;

          if (gw_board_page_parse (pages[i], &page))
            g_string_append_printf (known, "%s,", pages[i]);
        }
      if (!gw_board_options_set_pages (options, known->str, NULL))
        gw_board_options_init (options);
    }
  options->kanban_by_urgency = g_settings_get_boolean (self->settings, "board-by-urgency");
  options->interview_misses = g_settings_get_uint (self->settings, "interview-misses");
}

void
gw_board_view_reload (GwBoardView *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (GW_IS_BOARD_VIEW (self));

  if (self->path == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (self->path);
  data->county_code = g_settings_get_string (self->settings, "board-county");
  data->as_of = g_strdup (self->as_of);
  options_from_settings (self, &data->options);
  task = g_task_new (self, self->cancellable, load_done, GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_name (task, "gw-board-load");
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  g_task_run_in_thread (task, load_thread);
}

void
gw_board_view_set_store (GwBoardView *self,
                         GwStore     *store)
{
  g_return_if_fail (GW_IS_BOARD_VIEW (self));

  /* A load still under way is of the file before: its result is dropped. */
  g_cancellable_cancel (self->cancellable);
  self->generation++;
  g_clear_pointer (&self->path, g_free);
  if (store != NULL)
    self->path = g_strdup (gw_store_get_path (store));
  if (self->path != NULL)
    gw_board_view_reload (self);
  else
    gw_board_view_set_board (self, NULL);
}

void
gw_board_view_set_board (GwBoardView *self,
                         GwBoard     *board)
{
  g_return_if_fail (GW_IS_BOARD_VIEW (self));

  if (board != NULL)
    gw_board_ref (board);
  g_clear_pointer (&self->board, gw_board_free);
  self->board = board;
  clear_rendered (self);
  if (self->board != NULL && self->slide >= gw_board_n_slides (self->board))
    self->slide = 0;
  update_page_label (self);
  update_timer (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

GwBoard *
gw_board_view_get_board (GwBoardView *self)
{
  g_return_val_if_fail (GW_IS_BOARD_VIEW (self), NULL);
  return self->board;
}

gint64
gw_board_view_get_last_draw_us (GwBoardView *self)
{
  return self->last_draw_us;
}

guint
gw_board_view_get_draw_count (GwBoardView *self)
{
  return self->draw_count;
}

/* ---- saving for the minutes --------------------------------------------------------------- */

typedef struct {
  GwBoard *board;
  char    *path;
  gboolean pdf;
  char    *message;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->board, gw_board_free);
  g_free (data->path);
  g_free (data->message);
  g_free (data);
}

/* Pango's Cairo font map is per thread, so drawing here is safe. */
static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (data->pdf)
    {
      if (!gw_board_write_pdf (data->board, data->path, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      data->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %s (%u page)",
                                                    "Saved %s (%u pages)",
                                                    gw_board_n_slides (data->board)),
                                       data->path, gw_board_n_slides (data->board));
    }
  else
    {
      g_auto(GStrv) files = gw_board_write_pngs (data->board, data->path, 1920, 1080, &error);

      if (files == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      data->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u page in %s",
                                                    "Saved %u pages in %s",
                                                    g_strv_length (files)),
                                       g_strv_length (files), data->path);
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GwBoardView *self = GW_BOARD_VIEW (object);
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  const char *message;

  if (self->disposed)
    return;
  message = g_task_propagate_boolean (G_TASK (result), &error) ? data->message : error->message;
  if (!gw_toast_add (GTK_WIDGET (self), message, 6))
    g_message ("%s", message);
}

void
gw_board_view_save (GwBoardView *self,
                    const char  *path,
                    gboolean     pdf)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (self->board != NULL);

  data = g_new0 (SaveData, 1);
  data->board = gw_board_ref (self->board);
  data->path = g_strdup (path);
  data->pdf = pdf;
  task = g_task_new (self, NULL, save_done, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_set_name (task, "gw-board-save");
  g_task_run_in_thread (task, save_thread);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  GwBoardView     *self)
{
  gboolean pdf = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT && self->board != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gw_board_view_save (self, path, pdf);
    }
  g_clear_object (&self->chooser);
}

static void
choose (GwBoardView *self,
        gboolean     pdf)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->board == NULL)
    return;
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (pdf ? _("Save the Board as PDF")
                                                   : _("Save the Board Pages as PNG"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               pdf ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                   : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (pdf)
    {
      /* TRANSLATORS: default file name of the board's PDF; %s is the date */
      g_autofree char *name = g_strdup_printf (_("War-room board %s.pdf"), self->board->as_of);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- actions ------------------------------------------------------------------------------ */

static void
board_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  GwBoardView *self = GW_BOARD_VIEW (widget);

  if (g_str_equal (name, "board.next"))
    step (self, 1);
  else if (g_str_equal (name, "board.prev"))
    step (self, -1);
  else if (g_str_equal (name, "board.present"))
    gw_board_view_set_presenting (self, TRUE);
  else if (g_str_equal (name, "board.leave"))
    gw_board_view_set_presenting (self, FALSE);
  else if (g_str_equal (name, "board.save-pdf"))
    choose (self, TRUE);
  else if (g_str_equal (name, "board.save-png"))
    choose (self, FALSE);
}

static void
interval_changed_cb (GwBoardView *self)
{
  self->remaining = 0;
  update_timer (self);
}

static void
pages_changed_cb (GwBoardView *self)
{
  gw_board_view_reload (self);
}

static void
gw_board_view_dispose (GObject *object)
{
  GwBoardView *self = GW_BOARD_VIEW (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_BOARD_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (gw_board_view_parent_class)->dispose (object);
}

static void
gw_board_view_finalize (GObject *object)
{
  GwBoardView *self = GW_BOARD_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->board, gw_board_free);
  g_clear_pointer (&self->rendered, g_hash_table_unref);
  g_clear_pointer (&self->counties, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->as_of);
  G_OBJECT_CLASS (gw_board_view_parent_class)->finalize (object);
}

static void
gw_board_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GwBoardView *self = GW_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_PRESENTING: g_value_set_boolean (value, self->presenting); break;
    case PROP_SLIDE: g_value_set_uint (value, self->slide); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_board_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GwBoardView *self = GW_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_PRESENTING: gw_board_view_set_presenting (self, g_value_get_boolean (value)); break;
    case PROP_SLIDE: gw_board_view_set_slide (self, g_value_get_uint (value)); break;
    case PROP_STORE: gw_board_view_set_store (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
gw_board_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (GW_BOARD_VIEW (widget)->area));
}

static void
gw_board_view_class_init (GwBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_board_view_dispose;
  object_class->finalize = gw_board_view_finalize;
  object_class->get_property = gw_board_view_get_property;
  object_class->set_property = gw_board_view_set_property;
  widget_class->grab_focus = gw_board_view_grab_focus;

  properties[PROP_PRESENTING] =
    g_param_spec_boolean ("presenting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLIDE] =
    g_param_spec_uint ("slide", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The window's store; the board reads its file on a connection of its own. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GW_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gridwatch/Gridwatch/ui/gw-board-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwBoardView, area);
  gtk_widget_class_bind_template_child (widget_class, GwBoardView, action_bar);
  gtk_widget_class_bind_template_child (widget_class, GwBoardView, page_label);
  gtk_widget_class_bind_template_child (widget_class, GwBoardView, timer_label);
  gtk_widget_class_bind_template_child (widget_class, GwBoardView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GwBoardView, error_label);
  gtk_widget_class_bind_template_child (widget_class, GwBoardView, county_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwBoardView, date_button);
  gtk_widget_class_bind_template_child (widget_class, GwBoardView, calendar);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, county_selected_cb);

  gtk_widget_class_install_action (widget_class, "board.next", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "board.prev", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "board.present", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "board.leave", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "board.save-pdf", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "board.save-png", NULL, board_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gwboardview");
}

static void
gw_board_view_init (GwBoardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_ID);
  self->rendered = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  gtk_drawing_area_set_draw_func (self->area, draw_func, self, NULL);
  self->keys = gtk_event_controller_key_new ();
  g_signal_connect (self->keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), self->keys);
  g_signal_connect_object (self->settings, "changed::board-interval",
                           G_CALLBACK (interval_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::board-pages",
                           G_CALLBACK (pages_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::board-by-urgency",
                           G_CALLBACK (pages_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::board-county",
                           G_CALLBACK (pages_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.leave", FALSE);
  update_page_label (self);
}

GtkWidget *
gw_board_view_new (void)
{
  return g_object_new (GW_TYPE_BOARD_VIEW, NULL);
}
