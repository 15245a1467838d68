/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-meeting-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-directory.h"
#include "gw-meeting-view.h"
#include "gw-ui-util.h"
#include "gw-dekad.h"

/* ---- one changed hazard ------------------------------------------------------- */

#define GW_TYPE_CHANGE_ITEM (gw_change_item_get_type ())
G_DECLARE_FINAL_TYPE (GwChangeItem, gw_change_item, GW, CHANGE_ITEM, GObject)

struct _GwChangeItem
{
  GObject  parent_instance;
  gint64   hazard_id;
  char    *text[8];    /* the columns, as shown */
};

G_DEFINE_FINAL_TYPE (GwChangeItem, gw_change_item, G_TYPE_OBJECT)

static void
gw_change_item_finalize (GObject *object)
{
  GwChangeItem *self = GW_CHANGE_ITEM (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->text); i++)
    g_free (self->text[i]);
  G_OBJECT_CLASS (gw_change_item_parent_class)->finalize (object);
}

static void
gw_change_item_class_init (GwChangeItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gw_change_item_finalize;
}

static void
gw_change_item_init (GwChangeItem *self)
{
}

static char *
state_text (const char *id)
{
  GwState state;

  if (id == NULL)
    return g_strdup ("—");
  return g_strdup (gw_state_parse (id, &state) ? gw_state_label (state) : id);
}

static GwChangeItem *
change_item_new (const GwChange *c)
{
  GwChangeItem *item = g_object_new (GW_TYPE_CHANGE_ITEM, NULL);

  item->hazard_id = c->hazard_id;
  item->text[0] = g_strdup (c->number);
  item->text[1] = g_strdup (c->title);
  item->text[2] = g_strdup (c->county_name);
  item->text[3] = g_strdup (c->grid_name);
  item->text[4] = state_text (c->from_state);
  item->text[5] = state_text (c->to_state);
  item->text[6] = g_strdup (c->deadline ? c->deadline : "—");
  item->text[7] = g_strdup (c->responsible ? c->responsible : "—");
  return item;
}

/* ---- the view ----------------------------------------------------------------- */

typedef struct {
  gint64  id;
  char   *date;
} Meeting;

enum {
  SECTION_ADDED,
  SECTION_MOVED,
  SECTION_DOWNGRADED,
  SECTION_CLOSED,
  SECTION_OVERDUE,
  N_SECTIONS
};

struct _GwMeetingView
{
  AdwBin          parent_instance;

  GwStore        *store;
  GSettings      *settings;
  GArray         *meetings;          /* Meeting, by date */
  GwMeetingDiff  *diff;
  GListStore     *lists[N_SECTIONS];
  AdwViewStackPage *pages[N_SECTIONS];
  AdwViewStackPage *decisions_page;
  GtkListBox     *decisions_list;
  guint           n_decisions;
  gboolean        filling;
  GCancellable   *cancellable;       /* of the newest comparison */
  guint           n_busy;

  /* template */
  GtkDropDown    *since_dropdown;
  GtkDropDown    *until_dropdown;
  GtkLabel       *message_label;
  GtkSpinner     *spinner;
  GtkButton      *new_button;
  GtkStack       *main_stack;
  AdwViewStack   *sections;
};

G_DEFINE_FINAL_TYPE (GwMeetingView, gw_meeting_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  HAZARD_ACTIVATED,
  MEETING_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
column_title (guint column)
{
  switch (column)
    {
    case 0: return _("Number");
    case 1: return _("Title");
    case 2: return _("County");
    case 3: return _("Grid");
    case 4: return _("Was");
    case 5: return _("Now");
    case 6: return _("Deadline");
    default: return _("Responsible");
    }
}

static void
meeting_clear (Meeting *m)
{
  g_free (m->date);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  /* Natural widths in characters; CJK characters count about two. */
  static const guint chars[8] = { 17, 28, 8, 10, 8, 8, 11, 7 };
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), chars[column]);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), MIN (chars[column], 6));
  if (column == 6)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GwChangeItem *item = gtk_list_item_get_item (list_item);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)),
                            item->text[column]);
}

static void
change_activated_cb (GtkColumnView *view,
                     guint          position,
                     GwMeetingView *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(GwChangeItem) item = g_list_model_get_item (model, position);

  if (item)
    g_signal_emit (self, signals[HAZARD_ACTIVATED], 0, item->hazard_id);
}

static GtkWidget *
change_view_new (GwMeetingView *self,
                 GListStore    *store)
{
  GtkWidget *view = gtk_column_view_new (GTK_SELECTION_MODEL (
    gtk_single_selection_new (G_LIST_MODEL (g_object_ref (store)))));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  for (guint c = 0; c < 8; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
      column = gtk_column_view_column_new (column_title (c), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == 1);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "data-table");
  g_signal_connect (view, "activate", G_CALLBACK (change_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  return scrolled;
}

static void
build_sections (GwMeetingView *self)
{
  static const struct { const char *name, *title, *icon; } sections[N_SECTIONS] = {
    { "added", N_("Added"), "list-add-symbolic" },
    { "moved", N_("Moved"), "media-playlist-repeat-symbolic" },
    { "downgraded", N_("Downgraded"), "go-down-symbolic" },
    { "closed", N_("Closed"), "object-select-symbolic" },
    { "overdue", N_("Became Overdue"), "alarm-symbolic" },
  };
  GtkWidget *scrolled, *clamp;

  for (guint s = 0; s < N_SECTIONS; s++)
    {
      self->lists[s] = g_list_store_new (GW_TYPE_CHANGE_ITEM);
      self->pages[s] = adw_view_stack_add_titled (self->sections,
                                                  change_view_new (self, self->lists[s]),
                                                  sections[s].name, _(sections[s].title));
      adw_view_stack_page_set_icon_name (self->pages[s], sections[s].icon);
    }
  adw_view_stack_page_set_needs_attention (self->pages[SECTION_OVERDUE], TRUE);

  self->decisions_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->decisions_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->decisions_list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->decisions_list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->decisions_list), 12);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->decisions_list));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  self->decisions_page = adw_view_stack_add_titled (self->sections, scrolled, "decisions",
                                                    _("Decisions"));
  adw_view_stack_page_set_icon_name (self->decisions_page, "mail-send-symbolic");
}

static const char *
meeting_date (GwMeetingView *self,
              guint          index)
{
  return g_array_index (self->meetings, Meeting, index).date;
}

static gboolean
load_meetings (GwMeetingView *self,
               GError       **error)
{
  sqlite3_stmt *stmt;

  g_array_set_size (self->meetings, 0);
  if (self->store == NULL)
    return TRUE;
  stmt = gw_store_prepare (self->store, "SELECT id, date FROM meetings ORDER BY date", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Meeting m = { sqlite3_column_int64 (stmt, 0),
                    g_strdup ((const char *) sqlite3_column_text (stmt, 1)) };

      g_array_append_val (self->meetings, m);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
fill_decisions (GwMeetingView *self,
                gint64         meeting_id)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  sqlite3_stmt *stmt;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->decisions_list))) != NULL)
    gtk_list_box_remove (self->decisions_list, child);
  self->n_decisions = 0;
  if (meeting_id == 0)
    {
      GtkWidget *label = gtk_label_new (_("Choose a meeting as the second date to see its decisions."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_list_box_set_placeholder (self->decisions_list, label);
      adw_view_stack_page_set_badge_number (self->decisions_page, 0);
      return;
    }
  gtk_list_box_set_placeholder (self->decisions_list, NULL);
  stmt = gw_store_prepare (self->store,
    "SELECT d.text, s.name, d.deadline, group_concat (h.number, ', ')"
    " FROM meeting_decisions d LEFT JOIN staff s ON s.id = d.assignee_id"
    " LEFT JOIN decision_hazards l ON l.decision_id = d.id"
    " LEFT JOIN hazards h ON h.id = l.hazard_id"
    " WHERE d.meeting_id = ?1 GROUP BY d.id ORDER BY d.id", &error);
  if (stmt == NULL)
    {
      gtk_label_set_text (self->message_label, error->message);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *who = (const char *) sqlite3_column_text (stmt, 1);
      const char *deadline = (const char *) sqlite3_column_text (stmt, 2);
      const char *numbers = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: a decision 交办: assignee, deadline, hazard numbers */
      subtitle = g_strdup_printf (_("Assigned to %s · due %s · %s"), who ? who : "—",
                                  deadline ? deadline : "—", numbers ? numbers : "—");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     (const char *) sqlite3_column_text (stmt, 0));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_append (self->decisions_list, row);
      self->n_decisions++;
    }
  sqlite3_reset (stmt);
  adw_view_stack_page_set_badge_number (self->decisions_page, self->n_decisions);
}

static void
show_diff (GwMeetingView *self)
{
  GPtrArray *lists[N_SECTIONS];

  if (self->diff == NULL)
    {
      for (guint s = 0; s < N_SECTIONS; s++)
        {
          g_list_store_remove_all (self->lists[s]);
          adw_view_stack_page_set_badge_number (self->pages[s], 0);
        }
      return;
    }
  lists[SECTION_ADDED] = self->diff->added;
  lists[SECTION_MOVED] = self->diff->moved;
  lists[SECTION_DOWNGRADED] = self->diff->downgraded;
  lists[SECTION_CLOSED] = self->diff->closed;
  lists[SECTION_OVERDUE] = self->diff->overdue;
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < lists[s]->len; i++)
        g_ptr_array_add (items, change_item_new (lists[s]->pdata[i]));
      g_list_store_splice (self->lists[s], 0, g_list_model_get_n_items (G_LIST_MODEL (self->lists[s])),
                           items->pdata, items->len);
      adw_view_stack_page_set_badge_number (self->pages[s], items->len);
    }
}

/* The comparison reads every event between the two dates: a worker thread
 * does it on its own connection (SQLite connections belong to one thread). */
typedef struct {
  char          *path;
  char          *since;
  char          *until;
  GwMeetingDiff *diff;
} DiffData;

static void
diff_data_free (DiffData *data)
{
  g_free (data->path);
  g_free (data->since);
  g_free (data->until);
  g_clear_pointer (&data->diff, gw_meeting_diff_free);
  g_free (data);
}

static void
diff_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DiffData *data = task_data;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = gw_store_open (data->path, GW_STORE_OPEN_READONLY, &error);
  if (store == NULL ||
      (data->diff = gw_store_meeting_diff (store, data->since, data->until, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_busy (GwMeetingView *self,
          int            delta)
{
  self->n_busy += delta;
  gtk_spinner_set_spinning (self->spinner, self->n_busy > 0);
}

static void
diff_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GwMeetingView) self = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);
  DiffData *data = g_task_get_task_data (task);

  set_busy (self, -1);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  if (!g_task_propagate_boolean (task, &error))
    gtk_label_set_text (self->message_label, error->message);
  else
    {
      g_autofree char *summary = NULL;

      self->diff = g_steal_pointer (&data->diff);
      /* TRANSLATORS: what the lists cover: two dates */
      summary = g_strdup_printf (_("From the end of %s to the end of %s"), data->since,
                                 data->until);
      gtk_label_set_text (self->message_label, summary);
    }
  show_diff (self);
}

/* Compares the dropdowns' choice. The until list is the meetings, then today. */
static void
compare_selected (GwMeetingView *self)
{
  g_autofree char *today = gw_date_today_string ();
  guint si = gtk_drop_down_get_selected (self->since_dropdown);
  guint ui = gtk_drop_down_get_selected (self->until_dropdown);
  g_autoptr(GTask) task = NULL;
  const char *since, *until;
  DiffData *data;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->diff, gw_meeting_diff_free);
  show_diff (self);
  if (self->filling || si >= self->meetings->len || ui > self->meetings->len)
    return;
  since = meeting_date (self, si);
  until = ui < self->meetings->len ? meeting_date (self, ui) : today;
  fill_decisions (self, ui < self->meetings->len
                        ? g_array_index (self->meetings, Meeting, ui).id : 0);
  if (strcmp (since, until) >= 0)
    {
      gtk_label_set_text (self->message_label, _("Choose a first meeting earlier than the second date."));
      return;
    }
  gtk_label_set_text (self->message_label, "");

  self->cancellable = g_cancellable_new ();
  data = g_new0 (DiffData, 1);
  data->path = g_strdup (gw_store_get_path (self->store));
  data->since = g_strdup (since);
  data->until = g_strdup (until);
  task = g_task_new (NULL, self->cancellable, diff_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, compare_selected);
  g_task_set_task_data (task, data, (GDestroyNotify) diff_data_free);
  set_busy (self, 1);
  g_task_run_in_thread (task, diff_thread);
}

static void
fill_dropdowns (GwMeetingView *self)
{
  g_autoptr(GtkStringList) since = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) until = gtk_string_list_new (NULL);
  g_autofree char *today = gw_date_today_string ();
  g_autofree char *today_label = NULL;
  guint n = self->meetings->len;

  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (since, meeting_date (self, i));
      gtk_string_list_append (until, meeting_date (self, i));
    }
  /* TRANSLATORS: the second date of the comparison may be today: %s is the date */
  today_label = g_strdup_printf (_("Today (%s)"), today);
  gtk_string_list_append (until, today_label);

  self->filling = TRUE;
  gtk_drop_down_set_model (self->since_dropdown, G_LIST_MODEL (since));
  gtk_drop_down_set_model (self->until_dropdown, G_LIST_MODEL (until));
  /* The last two meetings; with only one, that meeting and today. */
  gtk_drop_down_set_selected (self->since_dropdown, n >= 2 ? n - 2 : 0);
  gtk_drop_down_set_selected (self->until_dropdown, n >= 2 ? n - 1 : n);
  self->filling = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, n > 0 ? "changes" : "empty");
  compare_selected (self);
}

static void
selection_changed_cb (GwMeetingView *self)
{
  compare_selected (self);
}

/* ---- recording a meeting ------------------------------------------------------- */

typedef struct {
  GwMeetingView *view;      /* weak: the dialog is destroyed with the view's window */
  GtkWidget     *window;
  AdwEntryRow   *date_row;
  AdwEntryRow   *attendees_row;
  AdwEntryRow   *note_row;
  GtkListBox    *decisions;
  GtkLabel      *error_label;
  GPtrArray     *staff;     /* GwStaff, the assignee choices */
} MeetingDialog;

static void
meeting_dialog_free (MeetingDialog *d)
{
  g_clear_pointer (&d->staff, g_ptr_array_unref);
  g_free (d);
}

static char *
default_meeting_date (GwMeetingView *self)
{
  GDate day;

  /* This week's Monday, or the next one when it is already recorded. */
  gw_date_today (&day);
  while (g_date_get_weekday (&day) != G_DATE_MONDAY)
    g_date_subtract_days (&day, 1);
  for (;;)
    {
      g_autofree char *date = gw_date_to_string (&day);
      gboolean taken = FALSE;

      for (guint i = 0; i < self->meetings->len; i++)
        taken |= strcmp (meeting_date (self, i), date) == 0;
      if (!taken)
        return g_steal_pointer (&date);
      g_date_add_days (&day, 7);
    }
}

static GtkWidget *
labelled (const char *title,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return box;
}

static void
remove_decision_clicked_cb (GtkButton  *button,
                            GtkListBox *list)
{
  gtk_list_box_remove (list, gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW));
}

static void
add_decision_clicked_cb (GtkButton     *button,
                         MeetingDialog *d)
{
  g_autoptr(GtkStringList) people = gtk_string_list_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_entry_new ();
  GtkWidget *hazards = gtk_entry_new ();
  GtkWidget *deadline = gtk_entry_new ();
  GtkWidget *assignee, *remove, *part;
  GDate due;

  gtk_string_list_append (people, "—");
  for (guint i = 0; i < d->staff->len; i++)
    {
      GwStaff *s = d->staff->pdata[i];
      g_autofree char *label = s->grid_name
                               ? g_strdup_printf ("%s (%s, %s)", s->name, gw_role_label (s->role),
                                                  s->grid_name)
                               : g_strdup_printf ("%s (%s)", s->name, gw_role_label (s->role));

      gtk_string_list_append (people, label);
    }
  assignee = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (people)),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (assignee), TRUE);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_entry_set_placeholder_text (GTK_ENTRY (text), _("What is to be done, by when, and reported how"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (hazards), "2026-430421-0001, …");
  gtk_entry_set_placeholder_text (GTK_ENTRY (deadline), "YYYY-MM-DD");
  gtk_editable_set_width_chars (GTK_EDITABLE (deadline), 11);
  gw_date_today (&due);
  g_date_add_days (&due, 14);
  {
    g_autofree char *due_text = gw_date_to_string (&due);
    gtk_editable_set_text (GTK_EDITABLE (deadline), due_text);
  }

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_decision_clicked_cb), d->decisions);

  gtk_box_append (GTK_BOX (box), labelled (_("Decision"), text));
  gtk_box_append (GTK_BOX (box), labelled (_("Hazard numbers"), hazards));
  part = labelled (_("Assignee"), assignee);
  gtk_widget_set_hexpand (part, TRUE);
  gtk_box_append (GTK_BOX (line), part);
  gtk_box_append (GTK_BOX (line), labelled (_("Deadline"), deadline));
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (box), line);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Names for tests and scripts that fill the dialog. */
  gtk_widget_set_name (text, "decision-text");
  gtk_widget_set_name (hazards, "decision-hazards");
  gtk_widget_set_name (deadline, "decision-deadline");
  g_object_set_data (G_OBJECT (row), "text", text);
  g_object_set_data (G_OBJECT (row), "hazards", hazards);
  g_object_set_data (G_OBJECT (row), "assignee", assignee);
  g_object_set_data (G_OBJECT (row), "deadline", deadline);
  gtk_list_box_append (d->decisions, row);
  gtk_widget_grab_focus (text);
}

static char *
row_text (GtkWidget  *row,
          const char *key)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (row),
                                                                              key)));

  g_strstrip (text);
  return *text ? g_steal_pointer (&text) : NULL;
}

/* Hazard numbers separated by commas, spaces or 、. */
static GArray *
resolve_hazards (GwStore     *store,
                 const char  *numbers,
                 GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = g_regex_split_simple ("[\\s,，、;；]+", numbers, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;
      gint64 id = 0;

      if (*parts[i] == '\0')
        continue;
      if ((stmt = gw_store_prepare (store, "SELECT id FROM hazards WHERE number = ?1", error)) == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, parts[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (id == 0)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                       _("There is no hazard numbered “%s”."), parts[i]);
          return NULL;
        }
      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING,
                   _("Each decision needs the numbers of the hazards it is about (一事一督办)."));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
save_meeting (MeetingDialog *d,
              gint64        *out_id,
              GError       **error)
{
  GwStore *store = d->view->store;
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->date_row))));
  g_autofree char *attendees = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->attendees_row))));
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->note_row))));
  gint64 actor = g_settings_get_int64 (d->view->settings, "operator-id");
  gint64 meeting;
  GtkWidget *row;

  if (!gw_store_begin (store, error))
    return FALSE;
  meeting = gw_store_meeting_add (store, date, *attendees ? attendees : NULL,
                                  *note ? note : NULL, error);
  if (meeting == 0)
    goto fail;
  for (row = gtk_widget_get_first_child (GTK_WIDGET (d->decisions)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *text = NULL, *numbers = NULL, *deadline = NULL;
      g_autoptr(GArray) ids = NULL;
      guint who;
      gint64 assignee = 0;

      if (!GTK_IS_LIST_BOX_ROW (row) || g_object_get_data (G_OBJECT (row), "text") == NULL)
        continue;
      text = row_text (row, "text");
      numbers = row_text (row, "hazards");
      deadline = row_text (row, "deadline");
      if (text == NULL && numbers == NULL)
        continue;
      if (text == NULL)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING,
                       _("A decision needs some text: what is to be done."));
          goto fail;
        }
      if ((ids = resolve_hazards (store, numbers ? numbers : "", error)) == NULL)
        goto fail;
      who = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (row), "assignee"));
      if (who >= 1 && who <= d->staff->len)
        assignee = ((GwStaff *) d->staff->pdata[who - 1])->id;
      if (gw_store_decision_add (store, meeting, text, assignee, deadline,
                                 (const gint64 *) ids->data, ids->len, actor, error) == 0)
        goto fail;
    }
  if (!gw_store_commit (store, error))
    goto fail;
  *out_id = meeting;
  return TRUE;

fail:
  gw_store_rollback (store);
  return FALSE;
}

static void
meeting_save_clicked_cb (GtkButton     *button,
                         MeetingDialog *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwMeetingView) view = g_object_ref (d->view);
  gint64 id = 0;

  if (!save_meeting (d, &id, &error))
    {
      gtk_label_set_text (d->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (d->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (d->window));
  gw_meeting_view_reload (view);
  g_signal_emit (view, signals[MEETING_ADDED], 0, id);
}

static GtkWidget *
entry_row_new (const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

static GtkWindow *
meeting_dialog_new (GwMeetingView *self)
{
  MeetingDialog *d = g_new0 (MeetingDialog, 1);
  g_autofree char *date = default_meeting_date (self);
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *box, *header, *cancel, *save, *page, *group, *add;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  d->view = self;
  d->staff = gw_store_staff (self->store, 0, &error);
  if (d->staff == NULL)
    d->staff = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_staff_free);

  window = adw_window_new ();
  d->window = window;
  gtk_window_set_title (GTK_WINDOW (window), _("New Meeting"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 720);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_object_set_data_full (G_OBJECT (window), "meeting-dialog", d,
                          (GDestroyNotify) meeting_dialog_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_set_name (save, "save");
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect (save, "clicked", G_CALLBACK (meeting_save_clicked_cb), d);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  d->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (d->error_label, TRUE);
  gtk_label_set_xalign (d->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (d->error_label), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (d->error_label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (d->error_label), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (d->error_label), 9);
  gtk_widget_set_visible (GTK_WIDGET (d->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->error_label));

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Weekly Regulation Meeting"));
  d->date_row = ADW_ENTRY_ROW (entry_row_new (_("Date (YYYY-MM-DD)"), date));
  d->attendees_row = ADW_ENTRY_ROW (entry_row_new (_("Attendees"), NULL));
  gtk_widget_set_name (GTK_WIDGET (d->date_row), "meeting-date");
  gtk_widget_set_name (GTK_WIDGET (d->attendees_row), "meeting-attendees");
  d->note_row = ADW_ENTRY_ROW (entry_row_new (_("Note"), NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->date_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->attendees_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->note_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Decisions"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each decision (交办) is written into the history of its hazards."));
  add = gtk_button_new_with_mnemonic (_("_Add Decision"));
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect (add, "clicked", G_CALLBACK (add_decision_clicked_cb), d);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  d->decisions = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (d->decisions, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (d->decisions), "boxed-list");
  {
    GtkWidget *placeholder = gtk_label_new (_("No decisions yet."));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (d->decisions, placeholder);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->decisions));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_box_append (GTK_BOX (box), page);

  adw_window_set_content (ADW_WINDOW (window), box);
  add_decision_clicked_cb (NULL, d);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
new_meeting_clicked_cb (GwMeetingView *self)
{
  gw_meeting_view_new_meeting (self);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
gw_meeting_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GwMeetingView *self = GW_MEETING_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_meeting_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GwMeetingView *self = GW_MEETING_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE: gw_meeting_view_set_store (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_meeting_view_dispose (GObject *object)
{
  GwMeetingView *self = GW_MEETING_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_MEETING_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->diff, gw_meeting_diff_free);
  for (guint s = 0; s < N_SECTIONS; s++)
    g_clear_object (&self->lists[s]);
  G_OBJECT_CLASS (gw_meeting_view_parent_class)->dispose (object);
}

static void
gw_meeting_view_finalize (GObject *object)
{
  GwMeetingView *self = GW_MEETING_VIEW (object);

  g_array_unref (self->meetings);
  G_OBJECT_CLASS (gw_meeting_view_parent_class)->finalize (object);
}

static void
gw_meeting_view_class_init (GwMeetingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gw_meeting_view_get_property;
  object_class->set_property = gw_meeting_view_set_property;
  object_class->dispose = gw_meeting_view_dispose;
  object_class->finalize = gw_meeting_view_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[HAZARD_ACTIVATED] =
    g_signal_new ("hazard-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[MEETING_ADDED] =
    g_signal_new ("meeting-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-meeting-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwMeetingView, since_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwMeetingView, until_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwMeetingView, message_label);
  gtk_widget_class_bind_template_child (widget_class, GwMeetingView, new_button);
  gtk_widget_class_bind_template_child (widget_class, GwMeetingView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GwMeetingView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GwMeetingView, sections);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_meeting_clicked_cb);
}

static void
gw_meeting_view_init (GwMeetingView *self)
{
  self->meetings = g_array_new (FALSE, TRUE, sizeof (Meeting));
  g_array_set_clear_func (self->meetings, (GDestroyNotify) meeting_clear);
  self->settings = g_settings_new (BASE_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
  build_sections (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), FALSE);
}

/* ---- public API --------------------------------------------------------------- */

GtkWidget *
gw_meeting_view_new (GwStore *store)
{
  return g_object_new (GW_TYPE_MEETING_VIEW, "store", store, NULL);
}

void
gw_meeting_view_set_store (GwMeetingView *self,
                           GwStore       *store)
{
  g_return_if_fail (GW_IS_MEETING_VIEW (self));
  g_return_if_fail (store == NULL || GW_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), store != NULL);
  gw_meeting_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
gw_meeting_view_reload (GwMeetingView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GW_IS_MEETING_VIEW (self));

  if (!load_meetings (self, &error))
    gtk_label_set_text (self->message_label, error->message);
  fill_dropdowns (self);
}

guint
gw_meeting_view_get_n_meetings (GwMeetingView *self)
{
  g_return_val_if_fail (GW_IS_MEETING_VIEW (self), 0);
  return self->meetings->len;
}

gboolean
gw_meeting_view_compare (GwMeetingView *self,
                         const char    *since,
                         const char    *until)
{
  guint si = G_MAXUINT, ui = until ? G_MAXUINT : self->meetings->len;

  g_return_val_if_fail (GW_IS_MEETING_VIEW (self), FALSE);
  g_return_val_if_fail (since != NULL, FALSE);

  for (guint i = 0; i < self->meetings->len; i++)
    {
      if (strcmp (meeting_date (self, i), since) == 0)
        si = i;
      if (until && strcmp (meeting_date (self, i), until) == 0)
        ui = i;
    }
  if (si == G_MAXUINT || ui == G_MAXUINT)
    return FALSE;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->since_dropdown, si);
  gtk_drop_down_set_selected (self->until_dropdown, ui);
  self->filling = FALSE;
  compare_selected (self);
  return self->cancellable != NULL;
}

gboolean
gw_meeting_view_get_busy (GwMeetingView *self)
{
  g_return_val_if_fail (GW_IS_MEETING_VIEW (self), FALSE);
  return self->n_busy > 0;
}

const GwMeetingDiff *
gw_meeting_view_get_diff (GwMeetingView *self)
{
  g_return_val_if_fail (GW_IS_MEETING_VIEW (self), NULL);
  return self->diff;
}

guint
gw_meeting_view_get_n_decisions (GwMeetingView *self)
{
  g_return_val_if_fail (GW_IS_MEETING_VIEW (self), 0);
  return self->n_decisions;
}

GtkWindow *
gw_meeting_view_new_meeting (GwMeetingView *self)
{
  g_return_val_if_fail (GW_IS_MEETING_VIEW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);
  return meeting_dialog_new (self);
}
