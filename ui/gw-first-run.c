/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-first-run"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gw-demo.h"
#include "gw-first-run.h"
#include "gw-progress-relay.h"
#include "gw-store.h"

#define DEMO_HAZARDS 3000

struct _GwFirstRun
{
  AdwWindow       parent_instance;

  char           *path;
  gboolean        welcome;
  gboolean        remember;
  guint           demo_hazards;
  char           *demo_today;
  GCancellable   *cancellable;      /* set while creating */
  gboolean        close_when_done;
  gboolean        disposed;

  /* template */
  GtkStack       *stack;
  AdwStatusPage  *choice_page;
  AdwStatusPage  *progress_page;
  AdwActionRow   *demo_row;
  AdwActionRow   *empty_row;
  GtkLabel       *error_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;
};

G_DEFINE_FINAL_TYPE (GwFirstRun, gw_first_run, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Owned by the task; the worker alone reads and writes it until it returns. */
typedef struct {
  char          *path;
  gboolean       demo;
  GwDemoOptions  options;
  char          *today;
  GwFirstRun      *self;            /* kept alive by the task */
  GwProgressRelay *relay;           /* the generator's progress, to the main loop */
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->path);
  g_free (data->today);
  gw_progress_relay_free (data->relay);
  g_free (data);
}

static void
show_progress (GObject    *target,
               double      fraction,
               const char *what)
{
  GwFirstRun *self = GW_FIRST_RUN (target);

  if (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable))
    {
      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
      gtk_label_set_text (self->progress_label, what != NULL ? what : "");
    }
}

/* A failed or cancelled creation leaves nothing behind. */
static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_remove (name);
    }
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  g_autofree char *folder = g_path_get_dirname (data->path);
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not create the folder “%s”: %s"),
                               name, g_strerror (saved));
      return;
    }

  store = gw_store_open (data->path, GW_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->demo
      && !gw_demo_generate (store, &data->options, gw_progress_relay_report, data->relay,
                            cancellable, &error))
    {
      g_clear_object (&store);
      remove_database_files (data->path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GwFirstRun *self = GW_FIRST_RUN (object);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;

  /* Finished before a late cancel: the database exists, so say so. */
  if (ok)
    {
      g_signal_emit (self, signals[CREATED], 0, self->path);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  gtk_stack_set_visible_child_name (self->stack, "choice");
}

static void
create (GwFirstRun *self,
        gboolean    demo)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  if (self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->progress_label, "");
  adw_status_page_set_title (self->progress_page,
                             demo ? _("Creating the Demo City…") : _("Creating the Database…"));
  gtk_stack_set_visible_child_name (self->stack, "progress");

  data = g_new0 (CreateData, 1);
  data->path = g_strdup (self->path);
  data->demo = demo;
  data->today = g_strdup (self->demo_today);
  data->options.n_hazards = self->demo_hazards;
  data->options.seed = 1;
  data->options.today = data->today;
  data->self = self;
  data->relay = gw_progress_relay_new (G_OBJECT (self), show_progress);

  task = g_task_new (self, self->cancellable, create_cb, NULL);
  g_task_set_source_tag (task, create);
  /* The worker's own outcome decides: a cancel that comes too late must not
   * hide a database that was made. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  GwFirstRun    *self)
{
  if (row == GTK_LIST_BOX_ROW (self->demo_row))
    gw_first_run_create_demo (self);
  else if (row == GTK_LIST_BOX_ROW (self->empty_row))
    gw_first_run_create_empty (self);
}

static void
cancel_clicked_cb (GwFirstRun *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
update_description (GwFirstRun *self)
{
  g_autofree char *name = g_filename_display_name (self->path);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *text = NULL;

  if (self->welcome)
    /* TRANSLATORS: %s is the path of the database file */
    text = g_strdup_printf (_("There is no database yet. Gridwatch will create it at\n<b>%s</b>"),
                            escaped);
  else
    /* TRANSLATORS: %s is the path of the database file */
    text = g_strdup_printf (_("The new database will be\n<b>%s</b>"), escaped);
  adw_status_page_set_description (self->choice_page, text);

  if (!self->welcome)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Database"));
      adw_status_page_set_title (self->choice_page, _("New Database"));
    }
}

static gboolean
gw_first_run_close_request (GtkWindow *window)
{
  GwFirstRun *self = GW_FIRST_RUN (window);

  /* Wait for the worker to roll back and remove the half-made file. */
  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (gw_first_run_parent_class)->close_request (window);
}

static void
gw_first_run_dispose (GObject *object)
{
  GwFirstRun *self = GW_FIRST_RUN (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_FIRST_RUN);
  G_OBJECT_CLASS (gw_first_run_parent_class)->dispose (object);
}

static void
gw_first_run_finalize (GObject *object)
{
  GwFirstRun *self = GW_FIRST_RUN (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->demo_today);
  G_OBJECT_CLASS (gw_first_run_parent_class)->finalize (object);
}

static void
gw_first_run_class_init (GwFirstRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gw_first_run_dispose;
  object_class->finalize = gw_first_run_finalize;
  window_class->close_request = gw_first_run_close_request;

  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gw-first-run.ui");
  gtk_widget_class_bind_template_child (widget_class, GwFirstRun, stack);
  gtk_widget_class_bind_template_child (widget_class, GwFirstRun, choice_page);
  gtk_widget_class_bind_template_child (widget_class, GwFirstRun, progress_page);
  gtk_widget_class_bind_template_child (widget_class, GwFirstRun, demo_row);
  gtk_widget_class_bind_template_child (widget_class, GwFirstRun, empty_row);
  gtk_widget_class_bind_template_child (widget_class, GwFirstRun, error_label);
  gtk_widget_class_bind_template_child (widget_class, GwFirstRun, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GwFirstRun, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gw_first_run_init (GwFirstRun *self)
{
  self->demo_hazards = DEMO_HAZARDS;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GwFirstRun *
gw_first_run_new (GtkWindow  *parent,
                  const char *path,
                  gboolean    welcome)
{
  GwFirstRun *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (GW_TYPE_FIRST_RUN, "transient-for", parent, NULL);
  self->path = g_strdup (path);
  self->welcome = welcome;
  update_description (self);
  return self;
}

const char *
gw_first_run_get_path (GwFirstRun *self)
{
  g_return_val_if_fail (GW_IS_FIRST_RUN (self), NULL);

  return self->path;
}

void
gw_first_run_set_remember (GwFirstRun *self,
                           gboolean    remember)
{
  g_return_if_fail (GW_IS_FIRST_RUN (self));

  self->remember = !!remember;
}

gboolean
gw_first_run_get_remember (GwFirstRun *self)
{
  g_return_val_if_fail (GW_IS_FIRST_RUN (self), FALSE);

  return self->remember;
}

void
gw_first_run_set_demo (GwFirstRun *self,
                       guint       n_hazards,
                       const char *today)
{
  g_return_if_fail (GW_IS_FIRST_RUN (self));

  self->demo_hazards = n_hazards > 0 ? n_hazards : DEMO_HAZARDS;
  g_free (self->demo_today);
  self->demo_today = g_strdup (today);
}

void
gw_first_run_create_demo (GwFirstRun *self)
{
  g_return_if_fail (GW_IS_FIRST_RUN (self));

  create (self, TRUE);
}

void
gw_first_run_create_empty (GwFirstRun *self)
{
  g_return_if_fail (GW_IS_FIRST_RUN (self));

  create (self, FALSE);
}

gboolean
gw_first_run_get_busy (GwFirstRun *self)
{
  g_return_val_if_fail (GW_IS_FIRST_RUN (self), FALSE);

  return self->cancellable != NULL;
}
