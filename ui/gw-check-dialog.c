/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-check-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-check-dialog.h"
#include "gw-directory.h"
#include "gw-meeting.h"
#include "gw-query.h"
#include "gw-ui-util.h"
#include "gw-dekad.h"
#include "gw-date-picker.h"

#define MAX_REVIEWED 500

typedef struct {
  gint64    hazard_id;
  GtkEntry *note;
} Review;

struct _GwCheckDialog
{
  AdwWindow             parent_instance;

  GwStore              *store;
  GwCheckKind           kind;
  gint64                grid_id;
  gint64                check_id;
  gint64                operator_id;     /* preferred as "recorded by" when on the grid */
  gboolean              view;
  char                 *date;
  gboolean              loading_grids;   /* the dropdown's model is being set */
  GPtrArray            *grids;         /* GwPlace, the dropdown's */
  GPtrArray            *staff;         /* GwStaff of the grid */
  GPtrArray            *participants;  /* GtkCheckButton, data "staff-id" */
  GArray               *reviews;       /* Review */
  GPtrArray            *found_rows;    /* GtkWidget rows with data "title", "field", "details" */
  GPtrArray            *photos;        /* GFile */
  GtkFileChooserNative *chooser;

  /* template */
  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *save_button;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *record_group;
  AdwActionRow         *grid_row;
  GtkDropDown          *grid_dropdown;
  AdwActionRow         *date_row;
  GtkEntry             *date_entry;
  AdwActionRow         *by_row;
  GtkDropDown          *by_dropdown;
  AdwPreferencesGroup  *participants_group;
  GtkListBox           *participants_list;
  AdwPreferencesGroup  *review_group;
  GtkListBox           *review_list;
  AdwPreferencesGroup  *found_group;
  GtkButton            *add_found_button;
  GtkListBox           *found_list;
  AdwPreferencesGroup  *notes_group;
  GtkTextView          *notes_view;
  AdwPreferencesGroup  *photos_group;
  GtkListBox           *photos_list;
};

G_DEFINE_FINAL_TYPE (GwCheckDialog, gw_check_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  HAZARD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------------ */

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_set_placeholder (list, label);
}

static void
show_error (GwCheckDialog *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static GtkWidget *
chip_new (const char *text,
          const char *css_class,
          const char *extra_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, css_class);
  if (extra_class)
    gtk_widget_add_css_class (label, extra_class);
  return label;
}

/* One hazard: number, title, level and state chips, deadline; @extra below. */
static GtkWidget *
hazard_row_new (gint64      hazard_id,
                const char *number,
                const char *title,
                GwState     state,
                GwLevel     level,
                const char *deadline,
                GtkWidget  *extra)
{
  g_autofree char *today = gw_date_today_string ();
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label;
  gboolean overdue = deadline && strcmp (deadline, today) < 0 &&
                     (state == GW_STATE_REPORTED || state == GW_STATE_RECTIFYING);

  g_object_set_data_full (G_OBJECT (row), "hazard-id64", g_memdup2 (&hazard_id, sizeof hazard_id),
                          g_free);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  label = gtk_label_new (number);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (line), label);
  if (level != GW_LEVEL_NONE)
    {
      g_autofree char *css = g_strdup_printf ("level-%d", (int) level);

      gtk_box_append (GTK_BOX (line), chip_new (gw_level_label (level), css, NULL));
    }
  gtk_box_append (GTK_BOX (line), chip_new (gw_state_label (state), "state-chip",
                                            gw_state_to_id (state)));
  if (deadline)
    {
      g_autofree char *text = NULL;

      /* TRANSLATORS: a hazard's deadline; "overdue" when it has passed */
      text = overdue ? g_strdup_printf (_("due %s, overdue"), deadline)
                     : g_strdup_printf (_("due %s"), deadline);
      label = gtk_label_new (text);
      gtk_widget_add_css_class (label, overdue ? "overdue" : "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (line), label);
    }
  gtk_box_append (GTK_BOX (box), line);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (extra)
    gtk_box_append (GTK_BOX (box), extra);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static gint64
row_hazard_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "hazard-id64");

  return id ? *id : 0;
}

static GtkStringList *
field_model_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (GwField f = 0; f < GW_N_FIELDS; f++)
    gtk_string_list_append (list, gw_field_label (f));
  return list;
}

/* ---- the grid's staff and open hazards ---------------------------------------- */

static void
load_staff (GwCheckDialog *self,
            gint64         preferred_by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint by_index = 0;

  list_box_clear (self->participants_list);
  g_ptr_array_set_size (self->participants, 0);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  if (self->grid_id != 0)
    self->staff = gw_store_staff (self->store, self->grid_id, &error);
  if (self->staff == NULL)
    {
      if (error)
        show_error (self, error->message);
      self->staff = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_staff_free);
    }

  for (guint i = 0; i < self->staff->len; i++)
    {
      GwStaff *s = self->staff->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_strdup_printf ("%s (%s)", s->name, gw_role_label (s->role));
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s", gw_role_label (s->role),
                                                   s->phone ? " · " : "",
                                                   s->phone ? s->phone : "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* Chiefs and members take part by default; others when ticked. */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), s->role == GW_ROLE_GRID_CHIEF ||
                                   (self->kind == GW_CHECK_ANALYSIS && s->role == GW_ROLE_GRID_MEMBER));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "staff-id", g_memdup2 (&s->id, sizeof s->id),
                              g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->participants_list, row);
      g_ptr_array_add (self->participants, check);

      gtk_string_list_append (names, name);
      if (s->id == preferred_by)
        by_index = i;
    }
  if (self->staff->len == 0)
    gtk_string_list_append (names, "—");
  gtk_drop_down_set_model (self->by_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->by_dropdown, by_index);
}

static void
load_open_hazards (GwCheckDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hazards = NULL;
  GwFilter filter = { 0 };

  list_box_clear (self->review_list);
  g_array_set_size (self->reviews, 0);
  if (self->grid_id == 0 || self->kind != GW_CHECK_ANALYSIS)
    return;

  filter.grid_id = self->grid_id;
  filter.states = (1 << GW_STATE_REPORTED) | (1 << GW_STATE_RECTIFYING) |
                  (1 << GW_STATE_VERIFYING) | (1 << GW_STATE_DOWNGRADED);
  filter.sort = GW_SORT_DEADLINE;
  hazards = gw_store_hazard_list (self->store, &filter, 0, MAX_REVIEWED, &error);
  if (hazards == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < hazards->len; i++)
    {
      GwHazard *h = hazards->pdata[i];
      GtkWidget *note = gtk_entry_new ();
      Review review = { h->id, GTK_ENTRY (note) };

      gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note on this hazard (optional)"));
      gtk_list_box_append (self->review_list,
                           hazard_row_new (h->id, h->number, h->title, h->state, h->level,
                                           h->deadline, note));
      g_array_append_val (self->reviews, review);
    }
}

static void
update_titles (GwCheckDialog *self)
{
  const char *title, *subtitle = NULL;

  if (self->kind == GW_CHECK_ANALYSIS)
    title = self->view ? _("Ten-Day Analysis") : _("New Ten-Day Analysis");
  else
    title = self->view ? _("Patrol") : _("New Patrol");
  adw_window_title_set_title (self->window_title, title);
  for (guint i = 0; self->grids && i < self->grids->len; i++)
    if (((GwPlace *) self->grids->pdata[i])->id == self->grid_id)
      subtitle = ((GwPlace *) self->grids->pdata[i])->name;
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
load_grids (GwCheckDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  self->grids = gw_store_grids (self->store, 0, &error);
  if (self->grids == NULL)
    {
      show_error (self, error->message);
      self->grids = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_place_free);
    }
  for (guint i = 0; i < self->grids->len; i++)
    {
      GwPlace *g = self->grids->pdata[i];
      g_autofree char *text = g_strdup_printf ("%s · %s", g->county_name, g->name);

      gtk_string_list_append (names, text);
      if (g->id == self->grid_id)
        selected = i;
    }
  gtk_drop_down_set_expression (self->grid_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  self->loading_grids = TRUE;
  gtk_drop_down_set_model (self->grid_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->grid_dropdown, selected);
  self->loading_grids = FALSE;
}

/* ---- a new record ------------------------------------------------------------- */

static void
set_date_text (GwCheckDialog *self,
               const char    *date)
{
  g_free (self->date);
  self->date = g_strdup (date);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date);
}

static void
update_placeholders (GwCheckDialog *self)
{
  if (self->grid_id == 0)
    {
      set_placeholder (self->participants_list, _("Choose the grid first."));
      set_placeholder (self->review_list, _("Choose the grid first."));
      return;
    }
  set_placeholder (self->participants_list, _("The grid has no staff on record."));
  set_placeholder (self->review_list, _("The grid has no open hazards."));
}

static void
prepare_record (GwCheckDialog *self,
                const char    *date)
{
  g_autofree char *today = gw_date_today_string ();
  gboolean analysis = self->kind == GW_CHECK_ANALYSIS;

  load_grids (self);
  set_date_text (self, date ? date : today);
  load_staff (self, self->operator_id);
  load_open_hazards (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->grid_dropdown), self->grid_id == 0);
  adw_preferences_group_set_title (self->participants_group,
                                   analysis ? _("Participants") : _("Staff on Patrol"));
  adw_preferences_group_set_description (self->participants_group,
                                         _("From the grid’s staff"));
  adw_preferences_group_set_description (self->review_group,
                                         _("Every open hazard of the grid is reviewed; add a note where there is news."));
  adw_preferences_group_set_title (self->notes_group, analysis ? _("Minutes") : _("Route and Area"));
  gtk_widget_set_visible (GTK_WIDGET (self->review_group), analysis);
  gtk_widget_set_visible (GTK_WIDGET (self->photos_group), !analysis);
  update_placeholders (self);
  set_placeholder (self->found_list, _("None. Use “Add Hazard” for each new hazard found."));
  set_placeholder (self->photos_list, _("No photos."));
  update_titles (self);
}

static void
remove_found_clicked_cb (GtkButton     *button,
                         GwCheckDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  g_ptr_array_remove (self->found_rows, row);
  gtk_list_box_remove (self->found_list, row);
}

static GtkWidget *
found_row_new (GwCheckDialog *self,
               const char    *title,
               GwField        field)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title_entry = gtk_entry_new ();
  GtkWidget *details = gtk_entry_new ();
  g_autoptr(GtkStringList) fields = field_model_new ();
  GtkWidget *field_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (fields)), NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_entry_set_placeholder_text (GTK_ENTRY (title_entry), _("What was found"));
  gtk_widget_set_hexpand (title_entry, TRUE);
  if (title)
    gtk_editable_set_text (GTK_EDITABLE (title_entry), title);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field_dropdown), field);
  gtk_widget_set_tooltip_text (field_dropdown, _("Field"));
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_found_clicked_cb), self);
  gtk_box_append (GTK_BOX (line), title_entry);
  gtk_box_append (GTK_BOX (line), field_dropdown);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_entry_set_placeholder_text (GTK_ENTRY (details), _("Where, and what exactly (optional)"));
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "title", title_entry);
  g_object_set_data (G_OBJECT (row), "field", field_dropdown);
  g_object_set_data (G_OBJECT (row), "details", details);
  return row;
}

static char *
entry_text (GtkWidget *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_strstrip (text);
  return *text ? g_steal_pointer (&text) : NULL;
}

static char *
notes_text (GwCheckDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

typedef struct {
  char   *name;
  char   *mime_type;
  GBytes *data;
} Photo;

static void
photo_free (Photo *photo)
{
  g_free (photo->name);
  g_free (photo->mime_type);
  g_bytes_unref (photo->data);
  g_free (photo);
}

static GPtrArray *
read_photos (GwCheckDialog *self,
             GError       **error)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_free);

  for (guint i = 0; i < self->photos->len; i++)
    {
      GFile *file = self->photos->pdata[i];
      g_autoptr(GError) local = NULL;
      g_autofree char *contents = NULL, *type = NULL;
      gsize length = 0;
      Photo *photo;

      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local))
        {
          g_autofree char *name = g_file_get_parse_name (file);

          g_set_error (error, local->domain, local->code, _("Could not read the photo “%s”: %s"),
                       name, local->message);
          return NULL;
        }
      photo = g_new0 (Photo, 1);
      photo->name = g_file_get_basename (file);
      type = g_content_type_guess (photo->name, (const guchar *) contents, length, NULL);
      photo->mime_type = g_content_type_get_mime_type (type);
      if (photo->mime_type == NULL)
        photo->mime_type = g_strdup ("application/octet-stream");
      photo->data = g_bytes_new_take (g_steal_pointer (&contents), length);
      g_ptr_array_add (photos, photo);
    }
  return g_steal_pointer (&photos);
}

static gboolean
validate (GwCheckDialog *self,
          GArray        *participants,
          GError       **error)
{
  g_autofree char *today = gw_date_today_string ();
  GDate d;
  guint n_found = 0;

  if (self->grid_id == 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING, _("Choose the grid."));
      return FALSE;
    }
  if (!gw_date_parse (self->date, &d))
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("Enter the date as YYYY-MM-DD, for example 2026-11-23."));
      return FALSE;
    }
  if (strcmp (self->date, today) > 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("%s is in the future: record a check on the day it was held, or after."),
                   self->date);
      return FALSE;
    }
  for (guint i = 0; i < self->participants->len; i++)
    if (gtk_check_button_get_active (self->participants->pdata[i]))
      g_array_append_val (participants,
                          *(gint64 *) g_object_get_data (self->participants->pdata[i],
                                                         "staff-id"));
  if (participants->len == 0 && self->staff->len > 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING,
                   self->kind == GW_CHECK_ANALYSIS ? _("Tick who took part in the analysis.")
                                                   : _("Tick who went on the patrol."));
      return FALSE;
    }
  for (guint i = 0; i < self->found_rows->len; i++)
    {
      GObject *row = self->found_rows->pdata[i];
      g_autofree char *title = entry_text (g_object_get_data (row, "title"));
      g_autofree char *details = entry_text (g_object_get_data (row, "details"));

      if (title == NULL && details != NULL)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING,
                       _("A new hazard needs a title: say in a few words what was found."));
          return FALSE;
        }
      n_found += title != NULL;
    }
  if (self->photos->len > 0 && n_found == 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_MISSING,
                   _("Photos are kept with the hazards found: add the hazard the photos show."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_found (GwCheckDialog *self,
             gint64         check_id,
             gint64         by_id,
             GPtrArray     *photos,
             GError       **error)
{
  for (guint i = 0; i < self->found_rows->len; i++)
    {
      GObject *row = self->found_rows->pdata[i];
      g_autofree char *title = entry_text (g_object_get_data (row, "title"));
      g_autofree char *details = entry_text (g_object_get_data (row, "details"));
      guint field = gtk_drop_down_get_selected (g_object_get_data (row, "field"));
      GwHazardNew n = { 0 };
      gint64 id;

      if (title == NULL)
        continue;
      n.grid_id = self->grid_id;
      n.title = title;
      n.description = details;
      n.field = field < GW_N_FIELDS ? (GwField) field : GW_FIELD_OTHER;
      n.source = self->kind == GW_CHECK_ANALYSIS ? GW_SOURCE_ANALYSIS : GW_SOURCE_PATROL;
      n.found_date = self->date;
      n.found_by = by_id;
      if ((id = gw_store_hazard_add (self->store, &n, by_id, error)) == 0 ||
          !gw_store_check_link (self->store, check_id, id, TRUE, NULL, error))
        return FALSE;
      for (guint p = 0; p < photos->len; p++)
        {
          Photo *photo = photos->pdata[p];

          if (gw_store_attachment_add (self->store, id, "before", photo->name, photo->mime_type,
                                       photo->data, by_id, error) == 0)
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- a stored record ---------------------------------------------------------- */

static GtkWidget *
info_row_new (const char *title,
              const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value ? value : "—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static gboolean
load_participants (GwCheckDialog *self,
                   const char    *json,
                   GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (self->store, "SELECT s.name, s.role, s.phone FROM json_each (?1) j"
                                        " JOIN staff s ON s.id = j.value ORDER BY j.key", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json ? json : "[]", -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      GwRole role = GW_ROLE_VIEWER;
      g_autofree char *subtitle = NULL;

      gw_role_parse (column_text (stmt, 1), &role);
      subtitle = g_strdup_printf ("%s%s%s", gw_role_label (role), column_text (stmt, 2) ? " · " : "",
                                  column_text (stmt, 2) ? column_text (stmt, 2) : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column_text (stmt, 0));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->participants_list, row);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_links (GwCheckDialog *self,
            GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (self->store, "SELECT h.id, h.number, h.title, h.state, h.level,"
                                        " h.deadline, l.relation, l.note FROM check_hazards l"
                                        " JOIN hazards h ON h.id = l.hazard_id"
                                        " WHERE l.check_id = ?1 ORDER BY h.deadline, h.number",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->check_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean found = g_strcmp0 (column_text (stmt, 6), "found") == 0;
      const char *note = column_text (stmt, 7);
      GwState state = GW_STATE_REPORTED;
      GwLevel level = GW_LEVEL_NONE;
      GtkWidget *extra = NULL, *row;

      gw_state_parse (column_text (stmt, 3), &state);
      if (column_text (stmt, 4))
        gw_level_parse (column_text (stmt, 4), &level);
      if (note && *note)
        {
          extra = gtk_label_new (note);
          gtk_label_set_wrap (GTK_LABEL (extra), TRUE);
          gtk_label_set_xalign (GTK_LABEL (extra), 0);
          gtk_label_set_selectable (GTK_LABEL (extra), TRUE);
        }
      row = hazard_row_new (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1),
                            column_text (stmt, 2), state, level, column_text (stmt, 5), extra);
      gtk_widget_set_tooltip_text (row, _("Open the hazard"));
      gtk_list_box_append (found ? self->found_list : self->review_list, row);
      if (!found)
        {
          Review review = { sqlite3_column_int64 (stmt, 0), NULL };

          g_array_append_val (self->reviews, review);
        }
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
dekad_note (GwCheckDialog *self,
            guint          n_in_dekad,
            gint64         counted_id)
{
  GwDekad dekad;
  GDate d;
  g_autofree char *label = NULL;

  if (self->kind != GW_CHECK_ANALYSIS || !gw_date_parse (self->date, &d))
    return NULL;
  dekad = gw_dekad_of (&d);
  label = gw_dekad_to_label (dekad);
  if (n_in_dekad <= 1)
    /* TRANSLATORS: %s is a dekad, e.g. "2026-11, 2nd dekad" */
    return g_strdup_printf (_("The ten-day analysis of %s."), label);
  if (counted_id == self->check_id)
    return g_strdup_printf (ngettext ("Counts for %s; %u more analysis of that dekad is kept but not counted.",
                                      "Counts for %s; %u more analyses of that dekad are kept but not counted.",
                                      n_in_dekad - 1), label, n_in_dekad - 1);
  return g_strdup_printf (_("An earlier analysis counts for %s; this one is kept, not counted twice."),
                          label);
}

static char *
format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) dt = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = dt ? g_date_time_to_local (dt) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso);
}

static gboolean
prepare_view (GwCheckDialog *self,
              GError       **error)
{
  g_autofree char *participants = NULL, *area = NULL, *minutes = NULL, *by = NULL;
  g_autofree char *created = NULL, *grid = NULL, *note = NULL;
  g_autoptr(GtkStringList) by_model = NULL;
  sqlite3_stmt *stmt;
  guint n_in_dekad = 1;
  gint64 counted_id = 0;
  GtkTextBuffer *buffer;

  stmt = gw_store_prepare (self->store,
    "SELECT c.grid_id, c.kind, c.date, c.participants, c.area, c.minutes, c.created_at,"
    " s.name, co.name || ' · ' || g.name,"
    " (SELECT count(*) FROM checks x WHERE x.grid_id = c.grid_id AND x.kind = c.kind"
    "    AND x.dekad = c.dekad),"
    " (SELECT min (x.id) FROM checks x WHERE x.grid_id = c.grid_id AND x.kind = c.kind"
    "    AND x.dekad = c.dekad)"
    " FROM checks c JOIN grids g ON g.id = c.grid_id JOIN counties co ON co.id = g.county_id"
    " LEFT JOIN staff s ON s.id = c.by_id WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->check_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no check record %lld"),
                   gw_store_get_path (self->store), (long long) self->check_id);
      return FALSE;
    }
  self->grid_id = sqlite3_column_int64 (stmt, 0);
  gw_check_kind_parse (column_text (stmt, 1), &self->kind);
  self->date = g_strdup (column_text (stmt, 2));
  participants = g_strdup (column_text (stmt, 3));
  area = g_strdup (column_text (stmt, 4));
  minutes = g_strdup (column_text (stmt, 5));
  created = format_timestamp (column_text (stmt, 6));
  by = g_strdup (column_text (stmt, 7));
  grid = g_strdup (column_text (stmt, 8));
  n_in_dekad = sqlite3_column_int (stmt, 9);
  counted_id = sqlite3_column_int64 (stmt, 10);
  sqlite3_reset (stmt);

  /* The record as text: nothing here can be edited. */
  gtk_widget_set_visible (GTK_WIDGET (self->grid_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->by_row), FALSE);
  adw_preferences_group_add (self->record_group, info_row_new (_("Grid"), grid));
  adw_preferences_group_add (self->record_group, info_row_new (_("Date"), self->date));
  adw_preferences_group_add (self->record_group, info_row_new (_("Recorded By"), by));
  adw_preferences_group_add (self->record_group, info_row_new (_("Recorded At"), created));
  note = dekad_note (self, n_in_dekad, counted_id);
  adw_preferences_group_set_description (self->record_group, note);

  if (!load_participants (self, participants, error) || !load_links (self, error))
    return FALSE;

  buffer = gtk_text_view_get_buffer (self->notes_view);
  if (self->kind == GW_CHECK_ANALYSIS)
    gtk_text_buffer_set_text (buffer, minutes ? minutes : "", -1);
  else
    {
      g_autofree char *both = g_strjoin ("\n\n", area ? area : "", minutes ? minutes : "", NULL);

      gtk_text_buffer_set_text (buffer, g_strstrip (both), -1);
    }
  gtk_text_view_set_editable (self->notes_view, FALSE);
  gtk_text_view_set_cursor_visible (self->notes_view, FALSE);

  adw_preferences_group_set_title (self->participants_group,
                                   self->kind == GW_CHECK_ANALYSIS ? _("Participants")
                                                                   : _("Staff on Patrol"));
  adw_preferences_group_set_title (self->notes_group, self->kind == GW_CHECK_ANALYSIS
                                                      ? _("Minutes") : _("Route and Area"));
  gtk_widget_set_visible (GTK_WIDGET (self->review_group), self->kind == GW_CHECK_ANALYSIS);
  gtk_widget_set_visible (GTK_WIDGET (self->photos_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->add_found_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  set_placeholder (self->participants_list, _("Nobody is named in the record."));
  set_placeholder (self->review_list, _("No hazards were reviewed in this record."));
  set_placeholder (self->found_list, _("No new hazards were found."));

  self->grids = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_place_free);
  update_titles (self);
  adw_window_title_set_subtitle (self->window_title, grid);
  return TRUE;
}

/* ---- callbacks ---------------------------------------------------------------- */

static void
grid_selected_cb (GwCheckDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->grid_dropdown);

  if (self->view || self->loading_grids || self->grids == NULL || selected >= self->grids->len)
    return;
  if (self->grid_id == ((GwPlace *) self->grids->pdata[selected])->id && self->staff != NULL)
    return;
  self->grid_id = ((GwPlace *) self->grids->pdata[selected])->id;
  load_staff (self, self->operator_id);
  load_open_hazards (self);
  update_placeholders (self);
  update_titles (self);
}

static void
date_changed_cb (GwCheckDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_entry));

  g_free (self->date);
  self->date = g_strdup (text);
  show_error (self, NULL);
}

static void
add_found_clicked_cb (GwCheckDialog *self)
{
  gw_check_dialog_add_found (self, NULL, GW_FIELD_OTHER);
}

static void
hazard_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         GwCheckDialog *self)
{
  gint64 id = row_hazard_id (row);

  if (self->view && id != 0)
    g_signal_emit (self, signals[HAZARD_ACTIVATED], 0, id);
}

static void
remove_photo_clicked_cb (GtkButton     *button,
                         GwCheckDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GFile *file = g_object_get_data (G_OBJECT (row), "file");

  g_ptr_array_remove (self->photos, file);
  gtk_list_box_remove (self->photos_list, row);
}

static void
add_photo (GwCheckDialog *self,
           GFile         *file)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *name = g_file_get_basename (file);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("image-x-generic-symbolic"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_photo_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "file", file);
  g_ptr_array_add (self->photos, g_object_ref (file));
  gtk_list_box_append (self->photos_list, row);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GwCheckDialog   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          add_photo (self, file);
        }
    }
  g_clear_object (&self->chooser);
}

static void
add_photos_clicked_cb (GwCheckDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add Photos"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_clicked_cb (GwCheckDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (gw_check_dialog_save (self, &error))
    gtk_window_destroy (GTK_WINDOW (self));
  else
    show_error (self, error->message);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
gw_check_dialog_dispose (GObject *object)
{
  GwCheckDialog *self = GW_CHECK_DIALOG (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_CHECK_DIALOG);
  G_OBJECT_CLASS (gw_check_dialog_parent_class)->dispose (object);
}

static void
gw_check_dialog_finalize (GObject *object)
{
  GwCheckDialog *self = GW_CHECK_DIALOG (object);

  g_clear_object (&self->store);
  g_free (self->date);
  g_clear_pointer (&self->grids, g_ptr_array_unref);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  g_ptr_array_unref (self->participants);
  g_array_unref (self->reviews);
  g_ptr_array_unref (self->found_rows);
  g_ptr_array_unref (self->photos);
  G_OBJECT_CLASS (gw_check_dialog_parent_class)->finalize (object);
}

static void
gw_check_dialog_class_init (GwCheckDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_check_dialog_dispose;
  object_class->finalize = gw_check_dialog_finalize;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[HAZARD_ACTIVATED] =
    g_signal_new ("hazard-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-check-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, page);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, record_group);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, grid_row);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, grid_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, by_row);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, participants_group);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, participants_list);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, review_group);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, review_list);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, found_group);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, add_found_button);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, found_list);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, notes_group);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, photos_group);
  gtk_widget_class_bind_template_child (widget_class, GwCheckDialog, photos_list);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_found_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, hazard_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_photos_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gw_check_dialog_init (GwCheckDialog *self)
{
  self->participants = g_ptr_array_new ();
  self->reviews = g_array_new (FALSE, TRUE, sizeof (Review));
  self->found_rows = g_ptr_array_new ();
  self->photos = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  gw_date_picker_attach (self->date_entry);
}

/* ---- public API --------------------------------------------------------------- */

GwCheckDialog *
gw_check_dialog_new_record (GwStore     *store,
                            GwCheckKind  kind,
                            gint64       grid_id,
                            const char  *date)
{
  GwCheckDialog *self;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < GW_N_CHECK_KINDS, NULL);

  self = g_object_new (GW_TYPE_CHECK_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->grid_id = grid_id;
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

    self->operator_id = g_settings_get_int64 (settings, "operator-id");
  }
  prepare_record (self, date);
  return self;
}

GwCheckDialog *
gw_check_dialog_new_view (GwStore  *store,
                          gint64    check_id,
                          GError  **error)
{
  GwCheckDialog *self;

  g_return_val_if_fail (GW_IS_STORE (store), NULL);

  /* Like every window, owned by GTK's list of toplevels until destroyed. */
  self = g_object_new (GW_TYPE_CHECK_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->check_id = check_id;
  self->view = TRUE;
  if (!prepare_view (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return self;
}

gint64
gw_check_dialog_get_check_id (GwCheckDialog *self)
{
  g_return_val_if_fail (GW_IS_CHECK_DIALOG (self), 0);
  return self->check_id;
}

gboolean
gw_check_dialog_is_view (GwCheckDialog *self)
{
  g_return_val_if_fail (GW_IS_CHECK_DIALOG (self), FALSE);
  return self->view;
}

GwCheckKind
gw_check_dialog_get_kind (GwCheckDialog *self)
{
  g_return_val_if_fail (GW_IS_CHECK_DIALOG (self), GW_CHECK_ANALYSIS);
  return self->kind;
}

gint64
gw_check_dialog_get_grid_id (GwCheckDialog *self)
{
  g_return_val_if_fail (GW_IS_CHECK_DIALOG (self), 0);
  return self->grid_id;
}

const char *
gw_check_dialog_get_date (GwCheckDialog *self)
{
  g_return_val_if_fail (GW_IS_CHECK_DIALOG (self), NULL);
  return self->date;
}

guint
gw_check_dialog_get_n_reviewed (GwCheckDialog *self)
{
  g_return_val_if_fail (GW_IS_CHECK_DIALOG (self), 0);
  return self->reviews->len;
}

gboolean
gw_check_dialog_set_grid_id (GwCheckDialog *self,
                             gint64         grid_id)
{
  g_return_val_if_fail (GW_IS_CHECK_DIALOG (self), FALSE);
  g_return_val_if_fail (!self->view, FALSE);

  for (guint i = 0; i < self->grids->len; i++)
    if (((GwPlace *) self->grids->pdata[i])->id == grid_id)
      {
        gtk_drop_down_set_selected (self->grid_dropdown, i);
        return self->grid_id == grid_id;
      }
  return FALSE;
}

void
gw_check_dialog_add_found (GwCheckDialog *self,
                           const char    *title,
                           GwField        field)
{
  GtkWidget *row;

  g_return_if_fail (GW_IS_CHECK_DIALOG (self));
  g_return_if_fail (!self->view);

  row = found_row_new (self, title, field);
  g_ptr_array_add (self->found_rows, row);
  gtk_list_box_append (self->found_list, row);
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "title"));
}

void
gw_check_dialog_set_notes (GwCheckDialog *self,
                           const char    *text)
{
  g_return_if_fail (GW_IS_CHECK_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), text ? text : "", -1);
}

gboolean
gw_check_dialog_save (GwCheckDialog  *self,
                      GError        **error)
{
  g_autoptr(GArray) participants = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *notes = NULL;
  guint by_index;
  gint64 by_id = 0, id;

  g_return_val_if_fail (GW_IS_CHECK_DIALOG (self), FALSE);
  g_return_val_if_fail (!self->view && self->check_id == 0, FALSE);

  if (!validate (self, participants, error) || (photos = read_photos (self, error)) == NULL)
    return FALSE;
  by_index = gtk_drop_down_get_selected (self->by_dropdown);
  if (by_index < self->staff->len)
    by_id = ((GwStaff *) self->staff->pdata[by_index])->id;
  notes = notes_text (self);

  /* The record, its links and the hazards it found: all or nothing. */
  if (!gw_store_begin (self->store, error))
    return FALSE;
  id = gw_store_check_add (self->store, self->grid_id, self->kind, self->date, by_id,
                           (const gint64 *) participants->data, participants->len,
                           self->kind == GW_CHECK_PATROL ? notes : NULL,
                           self->kind == GW_CHECK_ANALYSIS ? notes : NULL, error);
  if (id == 0)
    goto fail;
  for (guint i = 0; i < self->reviews->len; i++)
    {
      Review *r = &g_array_index (self->reviews, Review, i);
      g_autofree char *note = entry_text (GTK_WIDGET (r->note));

      if (!gw_store_check_link (self->store, id, r->hazard_id, FALSE, note, error))
        goto fail;
    }
  if (!store_found (self, id, by_id, photos, error) || !gw_store_commit (self->store, error))
    goto fail;

  self->check_id = id;
  g_signal_emit (self, signals[SAVED], 0, id);
  return TRUE;

fail:
  gw_store_rollback (self->store);
  return FALSE;
}
