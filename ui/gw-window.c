/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-directory.h"
#include "gw-export-dialog.h"
#include "gw-first-run.h"
#include "gw-hazard-page.h"
#include "gw-import.h"
#include "gw-import-dialog.h"
#include "gw-ledger.h"
#include "gw-new-hazard-dialog.h"
#include "gw-operator-dialog.h"
#include "gw-overview.h"
#include "gw-preferences.h"
#include "gw-store.h"
#include "gw-window.h"
#include "gw-ui-util.h"

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
  GwStore              *store;           /* the main thread's connection */
  gint64                operator_id;     /* 0: none, or not in this database */
  GtkWindow            *dialog;          /* weak: operator, new hazard, preferences */
  GwOverview           *overview_ref;    /* kept when the board replaces it */
  gboolean              refresh_views;   /* the next load is a reload: read the views again */
  gboolean              presenting;      /* the board is full screen on the projector */
  char                 *view_before_board;
  guint                 n_tasks;         /* backups and restores under way */
  gpointer              task_data;       /* FileTask of the one shown, for its progress */
  guint                 task_timer;
  char                 *last_toast;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkSpinner           *spinner;
  GtkProgressBar       *task_progress;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwViewStack         *view_stack;
  GwOverview           *overview;
  GtkButton            *operator_button;
  AdwButtonContent     *operator_content;
  GtkStack             *content_stack;
  GwLedger             *ledger;
  GwHazardPage         *hazard_page;
  AdwBin               *map_slot;
  AdwBin               *ledger_slot;
  AdwBin               *cadence_slot;
  AdwBin               *board_slot;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherBar   *switcher_bar;
  GMenu                *recent_menu;
};

G_DEFINE_FINAL_TYPE (GwWindow, gw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PATH,
  PROP_BUSY,
  PROP_STORE,
  PROP_OPERATOR_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  HAZARDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const view_names[] = { "map", "ledger", "cadence", "board" };

/* What a load needs and what it brings back; the worker touches nothing else. */
typedef struct {
  char     *path;
  gboolean  remember;
  GwStats   stats;
  char     *migration_backup;
  GwStore  *store;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_free (data->path);
  g_free (data->migration_backup);
  g_free (data);
}

static void
toast (GwWindow   *self,
       const char *text)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  gw_toast_add (GTK_WIDGET (self->toast_overlay), text, 0);
}

static void set_editing_enabled (GwWindow *self, gboolean enabled);

static void
update_actions (GwWindow *self)
{
  gboolean busy = self->n_loading > 0;
  gboolean idle = self->store != NULL && self->n_tasks == 0;
  gboolean writable = self->store != NULL && !gw_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", self->path != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.operator", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-hazard", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present-board", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", idle && writable && !busy);
  /* The board on the projector stays read-only whatever happens behind it. */
  if (self->presenting)
    set_editing_enabled (self, FALSE);
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
  if (name != NULL && self->store != NULL && gw_store_is_read_only (self->store))
    {
      /* TRANSLATORS: the window's subtitle: the database's name, and that it
       * can be read but not changed */
      g_autofree char *read_only = g_strdup_printf (_("%s — Read-only"), name);

      g_free (name);
      name = g_steal_pointer (&read_only);
    }
  adw_view_switcher_title_set_subtitle (self->switcher_title, name);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, self->path != NULL);
}

static void
track_dialog (GwWindow  *self,
              GtkWindow *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

/* Shows who changes are recorded under; an operator of another database
 * (the key is per computer, staff ids per database) counts as none. */
static void
update_operator (GwWindow *self)
{
  gint64 wanted = g_settings_get_int64 (self->settings, "operator-id");
  g_autoptr(GError) error = NULL;
  GwStaff *staff = NULL;

  self->operator_id = 0;
  if (self->store != NULL && wanted > 0)
    staff = gw_store_staff_get (self->store, wanted, &error);
  if (staff != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Changes are recorded as made by %s, %s"),
                                                  staff->name, gw_role_label (staff->role));

      self->operator_id = staff->id;
      adw_button_content_set_label (self->operator_content, staff->name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->operator_button), tooltip);
      gtk_widget_remove_css_class (GTK_WIDGET (self->operator_button), "warning");
      gw_staff_free (staff);
    }
  else
    {
      adw_button_content_set_label (self->operator_content, _("Choose Operator…"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->operator_button),
                                   _("No operator chosen: changes are recorded under this "
                                     "computer's user name"));
      gtk_widget_add_css_class (GTK_WIDGET (self->operator_button), "warning");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->operator_button), self->store != NULL);
  gw_ledger_set_operator_id (self->ledger, self->operator_id);
  gw_hazard_page_set_operator_id (self->hazard_page, self->operator_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR_ID]);
}

static void
set_store (GwWindow *self,
           GwStore  *store)
{
  if (!g_set_object (&self->store, store))
    return;
  gtk_stack_set_visible_child_name (self->content_stack, "views");
  gw_hazard_page_set_store (self->hazard_page, store);
  gw_ledger_set_store (self->ledger, store);
  update_operator (self);
  update_title (self);
  update_actions (self);
  if (store != NULL && gw_store_is_read_only (store))
    {
      g_autofree char *name = g_filename_display_basename (gw_store_get_path (store));
      g_autofree char *text = g_strdup_printf (_("“%s” is read-only: it can be read and exported, "
                                                 "not changed"), name);
      toast (self, text);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
update_recent_menu (GwWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-databases");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = g_filename_display_basename (recent[i]);
      g_autofree char *dir = g_path_get_dirname (recent[i]);
      g_autofree char *dir_name = g_filename_display_name (dir);
      /* TRANSLATORS: a recent database, "demo.db (/home/me/data)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), name, dir_name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      /* Underscores in file names are not mnemonics. */
      g_menu_item_set_attribute (item, "use-underline", "b", FALSE);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
}

static void
recent_changed_cb (GwWindow *self)
{
  update_recent_menu (self);
}

static void
operator_changed_cb (GwWindow *self)
{
  update_operator (self);
}

static void
view_changed_cb (GwWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Choosing a view in the switcher leaves a hazard's page. */
  gtk_stack_set_visible_child_name (self->content_stack, "views");
  if (name != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "last-view", name);
  /* The board takes the keys at once: Page Down turns its page. */
  if (g_strcmp0 (name, "board") == 0 && adw_bin_get_child (self->board_slot) != NULL)
    gtk_widget_grab_focus (adw_bin_get_child (self->board_slot));
}

static void
data_changed (GwWindow *self)
{
  g_autoptr(GError) error = NULL;
  GwStats stats;

  /* The KPIs follow, from the open connection: tens of milliseconds on a
   * million hazards, where reopening the file checks it for seconds. */
  if (self->store != NULL && gw_store_stats (self->store, NULL, &stats, &error))
    {
      self->stats = stats;
      self->has_stats = TRUE;
      gw_overview_set_stats (self->overview_ref, &self->stats);
    }
  else if (error != NULL)
    g_warning ("Could not compute the figures again: %s", error->message);
  g_signal_emit (self, signals[HAZARDS_CHANGED], 0);
}

static void
hazard_activated_cb (GwWindow *self,
                     gint64    id)
{
  gw_window_show_hazard (self, id);
}

static void
hazards_changed_cb (GwWindow *self)
{
  gw_hazard_page_reload (self->hazard_page);
  data_changed (self);
}

static void
hazard_back_cb (GwWindow *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "views");
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "ledger") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (gw_ledger_get_list_view (self->ledger)));
}

static void
hazard_changed_cb (GwWindow *self)
{
  gw_ledger_refresh (self->ledger);
  data_changed (self);
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
  /* Handed over to the main thread, which alone uses it from now on. */
  data->store = g_steal_pointer (&store);
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

  gw_overview_set_stats (self->overview_ref, &self->stats);
  gtk_stack_set_visible_child_name (self->main_stack, "views");
  update_title (self);

  if (changed || self->store == NULL)
    set_store (self, data->store);
  else if (self->refresh_views)
    {
      gw_ledger_refresh (self->ledger);
      gw_hazard_page_reload (self->hazard_page);
    }
  self->refresh_views = FALSE;

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
      /* Back to the database still shown, or to none. */
      gw_ledger_set_store (self->ledger, self->store);
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
      /* The ledger's workers open (and check) the file meanwhile. */
      gw_ledger_preload (self->ledger, path);
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
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_autofree char *text = g_strdup_printf (_("“%s” no longer exists"), name);

      toast (self, text);
      return;
    }
  start_load (self, path, TRUE);
}

static void
operator_chosen_cb (GwOperatorDialog *dialog,
                    gint64            staff_id,
                    GwWindow         *self)
{
  gw_window_set_operator_id (self, staff_id);
}

static void
operator_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwOperatorDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = gw_operator_dialog_new (GTK_WINDOW (self), self->store, self->operator_id,
                                   NULL, NULL, NULL);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (operator_chosen_cb), self, 0);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GtkWidget *preferences = gw_preferences_new (GTK_WINDOW (self));

  track_dialog (self, GTK_WINDOW (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
hazard_created_cb (GwNewHazardDialog *dialog,
                   gint64             id,
                   GwWindow          *self)
{
  gw_ledger_refresh (self->ledger);
  data_changed (self);
  gw_window_show_hazard (self, id);
  if (gw_new_hazard_dialog_get_pick_on_map (dialog))
    gtk_widget_activate_action (GTK_WIDGET (self->hazard_page), "hazard.pick-location", NULL);
}

static void
new_hazard_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwNewHazardDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = gw_new_hazard_dialog_new (GTK_WINDOW (self), self->store, self->operator_id);
  /* Whoever plugged a map in handles the hazard page's picks. */
  gw_new_hazard_dialog_set_can_pick (dialog, g_signal_has_handler_pending (
    self->hazard_page, g_signal_lookup ("pick-location", GW_TYPE_HAZARD_PAGE), 0, TRUE));
  g_signal_connect_object (dialog, "created", G_CALLBACK (hazard_created_cb), self, 0);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The ledger's filter goes with it, so that its sheet can hold what the
 * ledger shows. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwHazardModel *model = gw_ledger_get_model (self->ledger);
  g_autoptr(GwFilter) filter = NULL;
  GwExportDialog *dialog;

  if (self->store == NULL)
    return;
  filter = gw_ledger_dup_filter (self->ledger);
  dialog = gw_export_dialog_new (GTK_WINDOW (self), gw_store_get_path (self->store), filter,
                                 model != NULL ? gw_hazard_model_get_n_matching (model) : -1);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
imported_cb (GwImportDialog *dialog,
             guint           n,
             GwWindow       *self)
{
  gw_window_refresh (self);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwImportDialog *dialog;

  if (self->store == NULL)
    return;
  /* The import runs on its own connection, opened on the same file. */
  dialog = gw_import_dialog_new (GTK_WINDOW (self), self->path, self->operator_id);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- backup and restore ------------------------------------------------------------ */

/* What a backup or restore worker needs and brings back. */
typedef struct {
  char *path;       /* the database */
  char *other;      /* the backup written, checked or restored from */
  char *kept_as;    /* restore: the safety copy of the database replaced */
  gint  permille;   /* written by the worker; -1: no measure, the bar pulses */
} FileTask;

static void
file_task_free (FileTask *data)
{
  g_free (data->path);
  g_free (data->other);
  g_free (data->kept_as);
  g_free (data);
}

static void
file_task_progress_cb (double      fraction,
                       const char *what,
                       gpointer    user_data)
{
  FileTask *data = user_data;

  g_atomic_int_set (&data->permille, (gint) (fraction * 1000));
}

static gboolean
task_tick_cb (gpointer user_data)
{
  GwWindow *self = user_data;
  FileTask *data = self->task_data;
  gint permille = data ? g_atomic_int_get (&data->permille) : -1;

  if (permille < 0)
    gtk_progress_bar_pulse (self->task_progress);
  else
    gtk_progress_bar_set_fraction (self->task_progress, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
show_message (GwWindow   *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  g_free (self->error_message);
  self->error_message = g_strdup (body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static FileTask *
begin_task (GwWindow   *self,
            const char *text,
            const char *other,
            gboolean    measured)
{
  FileTask *data = g_new0 (FileTask, 1);

  data->path = g_strdup (self->path);
  data->other = g_strdup (other);
  data->permille = measured ? 0 : -1;
  self->task_data = data;
  self->n_tasks++;
  gtk_progress_bar_set_text (self->task_progress, text);
  gtk_progress_bar_set_fraction (self->task_progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->task_progress), TRUE);
  g_clear_handle_id (&self->task_timer, g_source_remove);
  self->task_timer = g_timeout_add (100, task_tick_cb, self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return data;
}

static void
end_task (GwWindow *self)
{
  self->n_tasks--;
  self->task_data = NULL;
  g_clear_handle_id (&self->task_timer, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->task_progress), FALSE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
run_file_task (GwWindow            *self,
               FileTask            *data,
               GTaskThreadFunc      thread,
               GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, done, NULL);

  g_task_set_task_data (task, data, (GDestroyNotify) file_task_free);
  g_task_run_in_thread (task, thread);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FileTask *data = task_data;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Its own connection; reading is all a backup needs. */
  store = gw_store_open (data->path, GW_STORE_OPEN_READONLY, &error);
  if (store == NULL ||
      !gw_backup_create_full (store, data->other, file_task_progress_cb, data, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
backup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GwWindow *self = GW_WINDOW (object);
  FileTask *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  end_task (self);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_filename_display_name (data->other);
      g_autofree char *text = g_strdup_printf (_("Backed up to “%s”; the copy passed the check"),
                                               name);
      toast (self, text);
    }
  else
    show_message (self, _("Backup Failed"), error->message);
}

void
gw_window_backup_to (GwWindow   *self,
                     const char *dest)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (dest != NULL);

  if (self->store == NULL || self->n_tasks > 0)
    return;
  if (g_strcmp0 (dest, self->path) == 0)
    {
      toast (self, _("This database is open; choose another name for the backup"));
      return;
    }
  run_file_task (self, begin_task (self, _("Backing up…"), dest, TRUE), backup_thread, backup_cb);
}

static void
backup_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    GwWindow        *self)
{
  g_autofree char *path = chooser_take_path (self, response);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  /* The chooser has asked whether to replace an existing file. */
  if (g_strcmp0 (path, self->path) != 0 && !clear_destination (path, &error))
    {
      show_message (self, _("Backup Failed"), error->message);
      return;
    }
  gw_window_backup_to (self, path);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *base = NULL;
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *name = NULL;

  if (self->path == NULL)
    return;
  base = g_path_get_basename (self->path);
  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  name = g_strdup_printf ("%s-backup-%s.db", base, day);
  run_chooser (self, _("Back Up Database"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
               G_CALLBACK (backup_response_cb));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FileTask *data = task_data;
  g_autoptr(GError) error = NULL;

  /* The views' reader threads let go of the file as they finish; the core
   * waits a moment for them before it calls the file in use. */
  if (!gw_backup_restore (data->path, data->other, &data->kept_as, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GwWindow *self = GW_WINDOW (object);
  FileTask *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  end_task (self);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_filename_display_basename (data->other);
      g_autofree char *kept = data->kept_as ? g_filename_display_basename (data->kept_as) : NULL;
      g_autofree char *text = NULL;

      if (kept != NULL)
        text = g_strdup_printf (_("Restored from “%s”; the replaced database is kept as “%s”"),
                                name, kept);
      else
        text = g_strdup_printf (_("Restored from “%s”"), name);
      toast (self, text);
    }
  else
    show_message (self, _("Restore Failed"), error->message);
  /* The restored file, or the one that was there. */
  start_load (self, data->path, FALSE);
}

static void
start_restore (GwWindow   *self,
               const char *backup)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  g_autofree char *text = g_strdup_printf (_("Restoring “%s”…"), name);

  /* The file is replaced: every connection to it (this window's, the views')
   * is closed first, and the window opens it again afterwards. */
  set_store (self, NULL);
  adw_status_page_set_description (self->loading_page, text);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  run_file_task (self, begin_task (self, _("Restoring…"), backup, FALSE), restore_thread,
                 restore_cb);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GwWindow         *self)
{
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup");

  if (g_strcmp0 (response, "restore") == 0 && self->store != NULL && self->n_tasks == 0)
    start_restore (self, backup);
}

static void
check_backup_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  FileTask *data = task_data;
  g_autoptr(GError) error = NULL;

  if (!gw_backup_check (data->other, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
check_backup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GwWindow *self = GW_WINDOW (object);
  FileTask *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *backup_name = NULL, *body = NULL;
  GtkWidget *dialog;

  end_task (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_message (self, _("This Backup Cannot Be Restored"), error->message);
      return;
    }
  if (self->store == NULL || g_strcmp0 (self->path, data->path) != 0)
    return;

  name = g_filename_display_name (data->path);
  backup_name = g_filename_display_name (data->other);
  body = g_strdup_printf (_("“%s” will be replaced by the backup “%s”, which passed the check. "
                            "A safety copy of the current file is kept beside it as "
                            "“%s.before-restore”."), name, backup_name, name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Database?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (data->other), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
gw_window_restore_from (GwWindow   *self,
                        const char *backup)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (backup != NULL);

  if (self->store == NULL || self->n_tasks > 0)
    return;
  if (g_strcmp0 (backup, self->path) == 0)
    {
      toast (self, _("This is the open database; choose a backup of it"));
      return;
    }
  run_file_task (self, begin_task (self, _("Checking the backup…"), backup, FALSE),
                 check_backup_thread, check_backup_cb);
}

static void
restore_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   GwWindow        *self)
{
  g_autofree char *path = chooser_take_path (self, response);

  if (path != NULL)
    gw_window_restore_from (self, path);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  run_chooser (GW_WINDOW (widget), _("Restore from Backup"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), G_CALLBACK (restore_chosen_cb));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);

  if (self->store == NULL)
    return;
  gw_window_show_view (self, "ledger");
  gw_ledger_focus_search (self->ledger);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gw_window_show_view (GW_WINDOW (widget), g_variant_get_string (parameter, NULL));
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
      g_value_set_boolean (value, self->n_loading > 0 || self->n_tasks > 0);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_OPERATOR_ID:
      g_value_set_int64 (value, self->operator_id);
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
  g_clear_handle_id (&self->task_timer, g_source_remove);
  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;

      track_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
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
  g_clear_object (&self->store);
  g_clear_object (&self->overview_ref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->view_before_board, g_free);
  g_clear_pointer (&self->last_toast, g_free);
  G_OBJECT_CLASS (gw_window_parent_class)->finalize (object);
}

static void
leave_board_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gw_window_set_presenting (GW_WINDOW (widget), FALSE);
}

static void
present_board_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gw_window_set_presenting (GW_WINDOW (widget), TRUE);
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
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GW_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OPERATOR_ID] =
    g_param_spec_int64 ("operator-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After a change made in one of the views: other views read again. */
  signals[HAZARDS_CHANGED] =
    g_signal_new ("hazards-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GW_TYPE_OVERVIEW);
  g_type_ensure (GW_TYPE_LEDGER);
  g_type_ensure (GW_TYPE_HAZARD_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, task_progress);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, overview);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, operator_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, operator_content);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, ledger);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, hazard_page);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, map_slot);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, ledger_slot);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, cadence_slot);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, board_slot);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hazard_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, hazards_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hazard_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, hazard_changed_cb);

  /* Accelerators are set by the application, so menus can show them. */
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.operator", NULL, operator_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.new-hazard", NULL, new_hazard_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.present-board", NULL, present_board_action);
  gtk_widget_class_install_action (widget_class, "win.leave-board", NULL, leave_board_action);

  /* The application sets the accelerators of its own actions; these belong
   * to the window, which must work without an application (tests). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present-board", NULL);
  /* Esc leaves the projector view wherever the focus went (off otherwise). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-board", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-hazard", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", view_names[i]);
}

static void
gw_window_init (GwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-board", FALSE);

  self->overview_ref = g_object_ref (self->overview);

  self->settings = g_settings_new (BASE_ID);
  restore_window_state (self);
  {
    g_autofree char *view = g_settings_get_string (self->settings, "last-view");

    if (g_strv_contains (view_names, view))
      adw_view_stack_set_visible_child_name (self->view_stack, view);
    else
      adw_view_stack_set_visible_child_name (self->view_stack, "ledger");
  }
  g_signal_connect_swapped (self->settings, "changed::recent-databases",
                            G_CALLBACK (recent_changed_cb), self);
  g_signal_connect_swapped (self->settings, "changed::operator-id",
                            G_CALLBACK (operator_changed_cb), self);
  update_recent_menu (self);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  update_title (self);
  update_operator (self);
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
    {
      self->refresh_views = TRUE;
      start_load (self, self->path, FALSE);
    }
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

  return self->n_loading > 0 || self->n_tasks > 0;
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

  return gw_overview_get_value_text (self->overview_ref, kpi_id);
}

GtkWindow *
gw_window_get_first_run (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->first_run;
}

GwStore *
gw_window_get_store (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->store;
}

void
gw_window_set_page_widget (GwWindow   *self,
                           const char *name,
                           GtkWidget  *widget)
{
  AdwBin *slot = NULL;

  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_str_equal (name, "map"))
    slot = self->map_slot;
  else if (g_str_equal (name, "ledger"))
    slot = self->ledger_slot;
  else if (g_str_equal (name, "cadence"))
    slot = self->cadence_slot;
  else if (g_str_equal (name, "board"))
    slot = self->board_slot;
  g_return_if_fail (slot != NULL);

  adw_bin_set_child (slot, widget);
}

GtkWidget *
gw_window_get_page_widget (GwWindow   *self,
                           const char *name)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  if (g_strcmp0 (name, "map") == 0)
    return adw_bin_get_child (self->map_slot);
  if (g_strcmp0 (name, "ledger") == 0)
    return adw_bin_get_child (self->ledger_slot);
  if (g_strcmp0 (name, "cadence") == 0)
    return adw_bin_get_child (self->cadence_slot);
  if (g_strcmp0 (name, "board") == 0)
    return adw_bin_get_child (self->board_slot);
  return NULL;
}

void
gw_window_show_view (GwWindow   *self,
                     const char *name)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (!g_strv_contains (view_names, name))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  gtk_stack_set_visible_child_name (self->content_stack, "views");
}

void
gw_window_show_hazard (GwWindow *self,
                       gint64    id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GW_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  if (!gw_hazard_page_load (self->hazard_page, id, &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->content_stack, "hazard");
}

void
gw_window_refresh (GwWindow *self)
{
  g_return_if_fail (GW_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  gw_ledger_refresh (self->ledger);
  gw_hazard_page_reload (self->hazard_page);
  data_changed (self);
}

void
gw_window_show_grid (GwWindow *self,
                     gint64    grid_id)
{
  g_return_if_fail (GW_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  gw_ledger_show_grid (self->ledger, grid_id);
  gw_window_show_view (self, "ledger");
}

gint64
gw_window_get_operator_id (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), 0);

  return self->operator_id;
}

void
gw_window_set_operator_id (GwWindow *self,
                           gint64    operator_id)
{
  g_return_if_fail (GW_IS_WINDOW (self));

  /* The "changed" handler updates the header and the views. */
  g_settings_set_int64 (self->settings, "operator-id", operator_id);
  update_operator (self);
}

GtkWidget *
gw_window_get_ledger (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->ledger);
}

GtkWidget *
gw_window_get_hazard_page (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->hazard_page);
}

GtkWindow *
gw_window_get_dialog (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->dialog;
}

/* ---- the board on the projector ----------------------------------------------------------- */

/* Actions that change records or the file: off while the board is shown to
 * the room (the board is read-only; exports stay available). */
static const char * const editing_actions[] = {
  "win.open", "win.new", "win.reload", "win.open-recent", "win.operator", "win.preferences",
  "win.new-hazard", "win.search", "win.show-view", "win.import-csv", "win.import-grids",
  "win.backup", "win.restore",
};

static gboolean
action_installed (GwWindow   *self,
                  const char *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (self);
  const char *found;
  GType owner;
  const GVariantType *parameter_type;
  const char *property;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &found, &parameter_type,
                                                   &property); i++)
    if (g_str_equal (found, name))
      return TRUE;
  return FALSE;
}

static void
set_editing_enabled (GwWindow *self,
                     gboolean  enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (editing_actions); i++)
    if (action_installed (self, editing_actions[i]))
      gtk_widget_action_set_enabled (GTK_WIDGET (self), editing_actions[i], enabled);
}

void
gw_window_set_presenting (GwWindow *self,
                          gboolean  presenting)
{
  GtkWidget *board;

  g_return_if_fail (GW_IS_WINDOW (self));

  presenting = !!presenting;
  if (presenting == self->presenting)
    return;
  self->presenting = presenting;
  board = adw_bin_get_child (self->board_slot);

  if (presenting)
    {
      g_free (self->view_before_board);
      self->view_before_board = g_strdup (adw_view_stack_get_visible_child_name (self->view_stack));
      gw_window_show_view (self, "board");
    }
  /* Leaving gives back what the file's state allows (read-only, busy). */
  set_editing_enabled (self, !presenting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-board", presenting);
  update_actions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), !presenting);
  if (presenting)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "projector");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "projector");
      gtk_window_unfullscreen (GTK_WINDOW (self));
      if (self->view_before_board != NULL)
        gw_window_show_view (self, self->view_before_board);
      g_clear_pointer (&self->view_before_board, g_free);
    }
  /* The page in the board slot follows (it has the keys, Esc among them). */
  if (board != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (board), "presenting"))
    g_object_set (board, "presenting", presenting, NULL);
}

gboolean
gw_window_get_presenting (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);
  return self->presenting;
}

const char *
gw_window_get_last_toast (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->last_toast;
}
