/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-first-run.h"
#include "gw-overview.h"
#include "gw-store.h"
#include "gw-window.h"

#define N_RECENT_DATABASES 10

struct _GwWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  char                 *path;            /* the database shown */
  GwStats               stats;
  gboolean              has_stats;
  char                 *error_message;
  guint                 n_loading;
  GCancellable         *cancellable;     /* of the newest load */
  GtkFileChooserNative *chooser;
  GtkWindow            *first_run;       /* weak */

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkSpinner           *spinner;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwViewStack         *view_stack;
  GwOverview           *overview;
};

G_DEFINE_FINAL_TYPE (GwWindow, gw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a load needs and what it brings back; the worker touches nothing else. */
typedef struct {
  char     *path;
  gboolean  remember;
  GwStats   stats;
  char     *migration_backup;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data->migration_backup);
  g_free (data);
}

static void
toast (GwWindow   *self,
       const char *text)
{
  /* Toast titles are markup; file names may hold '&' or '<'. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
update_actions (GwWindow *self)
{
  gboolean busy = self->n_loading > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", self->path != NULL && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy && self->path != NULL);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_spinner_set_spinning (self->loading_spinner, busy);
}

static void
update_title (GwWindow *self)
{
  g_autofree char *name = NULL;

  if (self->path != NULL)
    name = g_filename_display_basename (self->path);
  adw_view_switcher_title_set_subtitle (self->switcher_title, name);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, self->path != NULL);
}

static void
remember_database (GwWindow   *self,
                   const char *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-databases");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < N_RECENT_DATABASES; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);

  g_settings_set_string (self->settings, "database-path", path);
  g_settings_set_strv (self->settings, "recent-databases", (const char * const *) updated);
}

static char *
describe_open_error (const char   *path,
                     const GError *error)
{
  GString *text = g_string_new (NULL);
  const char *hint = NULL;

  /* The store's messages name the file; SQLite's own ones may not. */
  if (strstr (error->message, path) == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_string_append_printf (text, _("“%s” could not be opened."), name);
      g_string_append (text, "\n\n");
    }
  g_string_append (text, error->message);

  if (g_error_matches (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_GRIDWATCH))
    hint = _("Choose the Gridwatch database file itself, usually ending in “.db”.");
  else if (g_error_matches (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT))
    hint = _("Restore it from a backup; “gridwatch-cli check” names the first broken record.");
  if (hint != NULL)
    g_string_append_printf (text, "\n\n%s", hint);

  return g_string_free (text, FALSE);
}

static void
error_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GwWindow         *self)
{
  if (g_strcmp0 (response, "open") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open", NULL);
}

static void
show_open_error (GwWindow     *self,
                 const char   *path,
                 const GError *error)
{
  GtkWidget *dialog;

  g_free (self->error_message);
  self->error_message = describe_open_error (path, error);
  g_debug ("Could not open %s: %s", path, error->message);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Open the Database"),
                                   self->error_message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "open", _("_Open Another…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Runs in a worker thread with its own connection: SQLite connections
 * belong to one thread. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = gw_store_open (data->path, GW_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !gw_store_stats (store, NULL, &data->stats, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->migration_backup = g_strdup (gw_store_get_migration_backup (store));
  g_task_return_boolean (task, TRUE);
}

static void
show_loaded (GwWindow *self,
             LoadData *data)
{
  gboolean changed = g_strcmp0 (self->path, data->path) != 0;

  if (changed)
    {
      g_free (self->path);
      self->path = g_strdup (data->path);
    }
  self->stats = data->stats;
  self->has_stats = TRUE;
  g_clear_pointer (&self->error_message, g_free);

  gw_overview_set_stats (self->overview, &self->stats);
  gtk_stack_set_visible_child_name (self->main_stack, "views");
  update_title (self);

  if (data->remember)
    remember_database (self, data->path);
  if (data->migration_backup != NULL)
    {
      g_autofree char *name = g_filename_display_basename (data->migration_backup);
      g_autofree char *text = g_strdup_printf (_("The database was upgraded; the old version is kept as “%s”"), name);

      toast (self, text);
    }
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GwWindow *self = GW_WINDOW (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  self->n_loading--;

  /* Superseded by a newer load, or the window is going away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (ok)
    show_loaded (self, data);
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, self->path != NULL ? "views" : "empty");
      show_open_error (self, data->path, error);
    }

  update_actions (self);
  if (self->n_loading == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start_load (GwWindow   *self,
            const char *path,
            gboolean    remember)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;
  gboolean was_busy = self->n_loading > 0;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (g_strcmp0 (path, self->path) != 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      adw_status_page_set_description (self->loading_page, name);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->remember = remember;

  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);

  self->n_loading++;
  update_actions (self);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
first_run_created_cb (GwFirstRun *first_run,
                      const char *path,
                      GwWindow   *self)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *text = g_strdup_printf (_("Created “%s”"), name);

  toast (self, text);
  start_load (self, path, gw_first_run_get_remember (first_run));
}

static void
show_first_run (GwWindow   *self,
                const char *path,
                gboolean    welcome,
                gboolean    remember)
{
  GwFirstRun *first_run;

  if (self->first_run != NULL)
    gtk_window_destroy (self->first_run);

  first_run = gw_first_run_new (GTK_WINDOW (self), path, welcome);
  gw_first_run_set_remember (first_run, remember);
  g_signal_connect_object (first_run, "created", G_CALLBACK (first_run_created_cb), self, 0);

  self->first_run = GTK_WINDOW (first_run);
  g_object_add_weak_pointer (G_OBJECT (first_run), (gpointer *) &self->first_run);
  gtk_window_present (GTK_WINDOW (first_run));
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (databases, _("Gridwatch Databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_add_pattern (databases, "*.sqlite");
  gtk_file_filter_add_pattern (databases, "*.sqlite3");
  gtk_file_filter_add_mime_type (databases, "application/vnd.sqlite3");
  gtk_file_chooser_add_filter (chooser, databases);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static char *
chooser_take_path (GwWindow *self,
                   int       response)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  GwWindow        *self)
{
  g_autofree char *path = chooser_take_path (self, response);

  if (path != NULL)
    start_load (self, path, TRUE);
}

/* The chooser has asked whether to replace the file; move the old one aside
 * (to the trash where there is one) so nothing is silently lost. */
static gboolean
clear_destination (const char  *path,
                   GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (name);
      g_autoptr(GError) local_error = NULL;

      if (!g_file_query_exists (file, NULL))
        continue;
      if (g_file_trash (file, NULL, &local_error))
        continue;
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!g_file_delete (file, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static void
new_response_cb (GtkNativeDialog *chooser,
                 int              response,
                 GwWindow        *self)
{
  g_autofree char *path = chooser_take_path (self, response);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  if (g_strcmp0 (path, self->path) == 0)
    {
      toast (self, _("This database is open; choose another name"));
      return;
    }
  if (!clear_destination (path, &error))
    {
      show_open_error (self, path, error);
      return;
    }
  show_first_run (self, path, FALSE, TRUE);
}

static void
run_chooser (GwWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             GCallback             response_cb)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "gridwatch.db");
  if (self->path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->path);
      g_autoptr(GFile) folder = g_file_get_parent (file);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", response_cb, self);

  self->chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_chooser (GW_WINDOW (widget), _("Open Database"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), G_CALLBACK (open_response_cb));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  run_chooser (GW_WINDOW (widget), _("New Database"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Create"), G_CALLBACK (new_response_cb));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gw_window_reload (GW_WINDOW (widget));
}

static void
save_window_state (GwWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
restore_window_state (GwWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* Unmap rather than close-request: app.quit destroys windows without asking. */
static void
gw_window_unmap (GtkWidget *widget)
{
  save_window_state (GW_WINDOW (widget));
  GTK_WIDGET_CLASS (gw_window_parent_class)->unmap (widget);
}

static void
gw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GwWindow *self = GW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_loading > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_window_dispose (GObject *object)
{
  GwWindow *self = GW_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->first_run != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->first_run), (gpointer *) &self->first_run);
      gtk_window_destroy (self->first_run);
      self->first_run = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_WINDOW);
  G_OBJECT_CLASS (gw_window_parent_class)->dispose (object);
}

static void
gw_window_finalize (GObject *object)
{
  GwWindow *self = GW_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->error_message, g_free);
  G_OBJECT_CLASS (gw_window_parent_class)->finalize (object);
}

static void
gw_window_class_init (GwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gw_window_get_property;
  object_class->dispose = gw_window_dispose;
  object_class->finalize = gw_window_finalize;
  widget_class->unmap = gw_window_unmap;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GW_TYPE_OVERVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, overview);

  /* Accelerators are set by the application, so menus can show them. */
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
}

static void
gw_window_init (GwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_ID);
  restore_window_state (self);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  update_title (self);
  update_actions (self);
}

GwWindow *
gw_window_new (GtkApplication *application)
{
  return g_object_new (GW_TYPE_WINDOW, "application", application, NULL);
}

void
gw_window_open (GwWindow   *self,
                const char *path)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      show_first_run (self, path, TRUE, FALSE);
      return;
    }
  start_load (self, path, FALSE);
}

void
gw_window_reload (GwWindow *self)
{
  g_return_if_fail (GW_IS_WINDOW (self));

  if (self->path != NULL)
    start_load (self, self->path, FALSE);
}

const char *
gw_window_get_path (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->path;
}

gboolean
gw_window_get_busy (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);

  return self->n_loading > 0;
}

const GwStats *
gw_window_get_stats (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->has_stats ? &self->stats : NULL;
}

const char *
gw_window_get_error_message (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->error_message;
}

const char *
gw_window_get_kpi_text (GwWindow   *self,
                        const char *kpi_id)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return gw_overview_get_value_text (self->overview, kpi_id);
}

GtkWindow *
gw_window_get_first_run (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->first_run;
}
