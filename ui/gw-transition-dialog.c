/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-transition-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gw-directory.h"
#include "gw-transition-dialog.h"
#include "gw-ui-util.h"

/* What a field of the dialog is for this transition. */
typedef enum {
  FIELD_HIDDEN,
  FIELD_OPTIONAL,   /* the first entry of a combo keeps the current value */
  FIELD_REQUIRED,   /* the first entry of a combo asks for a choice */
} FieldUse;

struct _GwTransitionDialog
{
  AdwMessageDialog  parent_instance;

  GwTransition      transition;
  GwHazard         *hazard;          /* NULL: several */
  guint             n_hazards;
  FieldUse          level_use, urgency_use, measure_use, responsible_use;
  FieldUse          deadline_use, reason_use;
  GArray           *levels;          /* GwLevel per combo entry */
  GArray           *staff_ids;       /* gint64 per combo entry */
  GwMove            move;
  char             *deadline;
  char             *reason;
  char             *problem;
  gboolean          valid;
  gboolean          applied;
  gboolean          disposed;

  /* template */
  AdwComboRow      *level_row;
  AdwComboRow      *urgency_row;
  AdwComboRow      *measure_row;
  AdwComboRow      *responsible_row;
  AdwEntryRow      *deadline_row;
  AdwEntryRow      *reason_row;
  GtkLabel         *problem_label;
  GtkLabel         *hint_label;
};

G_DEFINE_FINAL_TYPE (GwTransitionDialog, gw_transition_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
decide_fields (GwTransitionDialog *self)
{
  const GwHazard *h = self->hazard;

  self->level_use = self->urgency_use = self->measure_use = FIELD_HIDDEN;
  self->responsible_use = self->deadline_use = FIELD_HIDDEN;
  self->reason_use = FIELD_OPTIONAL;

  switch (self->transition)
    {
    case GW_TRANSITION_ASSESS:
      self->level_use = self->urgency_use = self->measure_use = FIELD_REQUIRED;
      self->responsible_use = self->deadline_use = FIELD_REQUIRED;
      break;
    case GW_TRANSITION_UNFOUNDED:
      self->reason_use = FIELD_REQUIRED;
      break;
    case GW_TRANSITION_FAIL:
      self->reason_use = FIELD_REQUIRED;
      self->deadline_use = FIELD_OPTIONAL;
      break;
    case GW_TRANSITION_DOWNGRADE:
      self->level_use = FIELD_REQUIRED;
      break;
    case GW_TRANSITION_RECTIFY_FURTHER:
      self->deadline_use = FIELD_REQUIRED;
      self->responsible_use = FIELD_OPTIONAL;
      break;
    case GW_TRANSITION_REOPEN:
      /* One closed as unfounded was never assessed: reopening assesses it. */
      self->reason_use = self->deadline_use = FIELD_REQUIRED;
      self->level_use = h == NULL ? FIELD_OPTIONAL
                        : h->level == GW_LEVEL_NONE ? FIELD_REQUIRED : FIELD_OPTIONAL;
      self->urgency_use = h == NULL ? FIELD_OPTIONAL
                          : h->urgency == GW_URGENCY_NONE ? FIELD_REQUIRED : FIELD_OPTIONAL;
      self->measure_use = h == NULL ? FIELD_OPTIONAL
                          : h->measure == GW_MEASURE_NONE ? FIELD_REQUIRED : FIELD_OPTIONAL;
      self->responsible_use = h == NULL ? FIELD_OPTIONAL
                              : h->responsible_id <= 0 ? FIELD_REQUIRED : FIELD_OPTIONAL;
      break;
    case GW_TRANSITION_REPORT_DONE:
    case GW_TRANSITION_CLOSE:
    case GW_N_TRANSITIONS:
    default:
      break;
    }
}

static const char *
first_entry (FieldUse use)
{
  return use == FIELD_REQUIRED ? _("Choose…") : _("Unchanged");
}

static void
set_combo (AdwComboRow *row,
           FieldUse     use,
           GPtrArray   *strings)
{
  g_autoptr(GtkStringList) list = NULL;

  gtk_widget_set_visible (GTK_WIDGET (row), use != FIELD_HIDDEN);
  g_ptr_array_insert (strings, 0, (gpointer) first_entry (use));
  g_ptr_array_add (strings, NULL);
  list = gtk_string_list_new ((const char * const *) strings->pdata);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (row, 0);
}

static void
fill_levels (GwTransitionDialog *self)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  GwLevel none = GW_LEVEL_NONE;
  GwLevel first = GW_LEVEL_I;

  /* A downgrade offers the current level and the lower ones only. */
  if (self->transition == GW_TRANSITION_DOWNGRADE && self->hazard != NULL
      && self->hazard->level != GW_LEVEL_NONE)
    first = self->hazard->level;
  g_array_append_val (self->levels, none);
  for (GwLevel l = first; l < GW_N_LEVELS; l++)
    {
      g_array_append_val (self->levels, l);
      g_ptr_array_add (strings, (gpointer) gw_level_label (l));
    }
  set_combo (self->level_row, self->level_use, strings);
}

static void
fill_staff (GwTransitionDialog *self,
            GwStore            *store)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) everybody = NULL;
  g_autoptr(GError) error = NULL;
  gint64 zero = 0;

  g_array_append_val (self->staff_ids, zero);
  if (self->responsible_use == FIELD_HIDDEN || store == NULL)
    {
      set_combo (self->responsible_row, self->responsible_use, strings);
      return;
    }
  everybody = gw_store_staff (store, 0, &error);
  if (everybody == NULL)
    g_warning ("Could not read the staff: %s", error->message);
  /* The hazard's own grid and the offices of no grid; for several hazards,
   * everybody. */
  for (guint i = 0; everybody != NULL && i < everybody->len; i++)
    {
      GwStaff *staff = everybody->pdata[i];

      if (self->hazard != NULL && staff->grid_id != 0 && staff->grid_id != self->hazard->grid_id)
        continue;
      g_array_append_val (self->staff_ids, staff->id);
      /* TRANSLATORS: a person and their role, "孔强 — Grid chief" */
      g_ptr_array_add (owned, g_strdup_printf (_("%s — %s"), staff->name,
                                               gw_role_label (staff->role)));
      g_ptr_array_add (strings, owned->pdata[owned->len - 1]);
    }
  set_combo (self->responsible_row, self->responsible_use, strings);
}

static void
fill_combos (GwTransitionDialog *self,
             GwStore            *store)
{
  g_autoptr(GPtrArray) urgencies = g_ptr_array_new ();
  g_autoptr(GPtrArray) measures = g_ptr_array_new ();

  fill_levels (self);
  for (guint u = GW_URGENCY_NO_DELAY; u < GW_N_URGENCIES; u++)
    g_ptr_array_add (urgencies, (gpointer) gw_urgency_label (u));
  set_combo (self->urgency_row, self->urgency_use, urgencies);
  for (guint m = GW_MEASURE_CONTROL; m < GW_N_MEASURES; m++)
    g_ptr_array_add (measures, (gpointer) gw_measure_label (m));
  set_combo (self->measure_row, self->measure_use, measures);
  fill_staff (self, store);

  gtk_widget_set_visible (GTK_WIDGET (self->deadline_row), self->deadline_use != FIELD_HIDDEN);
}

static void
add_missing (GString    *missing,
             const char *what)
{
  if (missing->len > 0)
    g_string_append (missing, _(", "));
  g_string_append (missing, what);
}

/* Reads the widgets into the move and decides whether it can be applied. */
static void
validate (GwTransitionDialog *self)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree char *bad = NULL;
  const char *deadline = gtk_editable_get_text (GTK_EDITABLE (self->deadline_row));
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
  guint level = adw_combo_row_get_selected (self->level_row);
  guint urgency = adw_combo_row_get_selected (self->urgency_row);
  guint measure = adw_combo_row_get_selected (self->measure_row);
  guint staff = adw_combo_row_get_selected (self->responsible_row);
  gboolean deadline_bad = FALSE;
  GDate date, today;

  memset (&self->move, 0, sizeof self->move);
  self->move.to = gw_transition_target (self->transition);
  self->move.level = level < self->levels->len ? g_array_index (self->levels, GwLevel, level)
                                               : GW_LEVEL_NONE;
  self->move.urgency = urgency > 0 && urgency < GW_N_URGENCIES ? (GwUrgency) urgency
                                                               : GW_URGENCY_NONE;
  self->move.measure = measure > 0 && measure < GW_N_MEASURES ? (GwMeasure) measure
                                                              : GW_MEASURE_NONE;
  self->move.responsible_id = staff < self->staff_ids->len
                              ? g_array_index (self->staff_ids, gint64, staff) : 0;

  g_clear_pointer (&self->deadline, g_free);
  g_strstrip (self->deadline = g_strdup (deadline));
  g_clear_pointer (&self->reason, g_free);
  g_strstrip (self->reason = g_strdup (reason));
  self->move.deadline = *self->deadline && self->deadline_use != FIELD_HIDDEN
                        ? self->deadline : NULL;
  self->move.reason = *self->reason ? self->reason : NULL;

  if (self->level_use == FIELD_REQUIRED && self->move.level == GW_LEVEL_NONE)
    add_missing (missing, self->transition == GW_TRANSITION_DOWNGRADE ? _("the new risk level")
                                                                      : _("the risk level"));
  if (self->urgency_use == FIELD_REQUIRED && self->move.urgency == GW_URGENCY_NONE)
    add_missing (missing, _("the urgency class"));
  if (self->measure_use == FIELD_REQUIRED && self->move.measure == GW_MEASURE_NONE)
    add_missing (missing, _("the measure"));
  if (self->responsible_use == FIELD_REQUIRED && self->move.responsible_id <= 0)
    add_missing (missing, _("the responsible person"));
  if (self->deadline_use == FIELD_REQUIRED && self->move.deadline == NULL)
    add_missing (missing, _("the deadline"));
  if (self->reason_use == FIELD_REQUIRED && self->move.reason == NULL)
    add_missing (missing, _("a reason"));

  if (self->move.deadline != NULL)
    {
      gw_date_today (&today);
      if (strlen (self->move.deadline) != 10 || !gw_date_parse (self->move.deadline, &date))
        bad = g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD."),
                               self->move.deadline);
      else if (g_date_compare (&date, &today) < 0)
        {
          g_autofree char *today_text = gw_date_to_string (&today);

          bad = g_strdup_printf (_("The deadline cannot be before today, %s."), today_text);
        }
      deadline_bad = bad != NULL;
    }
  gw_widget_set_error (GTK_WIDGET (self->deadline_row), deadline_bad);

  g_clear_pointer (&self->problem, g_free);
  if (bad != NULL)
    self->problem = g_steal_pointer (&bad);
  else if (missing->len > 0)
    self->problem = g_strdup_printf (_("Still needed: %s."), missing->str);
  self->valid = self->problem == NULL;

  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->problem != NULL);
  if (deadline_bad)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "dim-label");
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", self->valid);
}

static void
changed_cb (GwTransitionDialog *self)
{
  /* Rows going away may still notify. */
  if (!self->disposed)
    validate (self);
}

static void
describe (GwTransitionDialog *self)
{
  g_autofree char *body = NULL;
  const char *hint = NULL;

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self),
                                  gw_transition_label (self->transition));
  if (self->hazard != NULL)
    /* TRANSLATORS: a hazard's number and title */
    body = g_strdup_printf (_("%s · %s"), self->hazard->number, self->hazard->title);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Applies to %u hazard. If it cannot make this change, "
                                         "nothing changes.",
                                         "Applies to %u hazards. If one of them cannot make "
                                         "this change, none of them changes.",
                                         self->n_hazards), self->n_hazards);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row),
                                 self->reason_use == FIELD_REQUIRED ? _("Reason")
                                                                    : _("Note (optional)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deadline_row),
                                 self->deadline_use == FIELD_REQUIRED
                                 ? _("Deadline (YYYY-MM-DD)")
                                 : _("New deadline (YYYY-MM-DD, optional)"));
  if (self->transition == GW_TRANSITION_DOWNGRADE)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->level_row), _("New risk level"));

  switch (self->transition)
    {
    case GW_TRANSITION_REPORT_DONE:
      hint = _("An “after” photo is expected: add it on the hazard page so that the "
               "verification can see the result.");
      break;
    case GW_TRANSITION_DOWNGRADE:
      hint = self->hazard != NULL
             ? _("The new level may equal the current one but not be more serious.")
             : _("The new level may not be more serious than a hazard's current one.");
      break;
    case GW_TRANSITION_CLOSE:
      hint = _("Closing (销号) ends the hazard's rectification; it can be reopened if it "
               "comes back.");
      break;
    case GW_TRANSITION_ASSESS:
    case GW_TRANSITION_UNFOUNDED:
    case GW_TRANSITION_FAIL:
    case GW_TRANSITION_RECTIFY_FURTHER:
    case GW_TRANSITION_REOPEN:
    case GW_N_TRANSITIONS:
    default:
      break;
    }
  gtk_label_set_text (self->hint_label, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
}

static void
gw_transition_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  GwTransitionDialog *self = GW_TRANSITION_DIALOG (dialog);

  if (g_strcmp0 (response, "apply") == 0 && self->valid && !self->applied)
    {
      self->applied = TRUE;
      g_signal_emit (self, signals[APPLY], 0);
    }
}

static void
gw_transition_dialog_dispose (GObject *object)
{
  GW_TRANSITION_DIALOG (object)->disposed = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (object), GW_TYPE_TRANSITION_DIALOG);
  G_OBJECT_CLASS (gw_transition_dialog_parent_class)->dispose (object);
}

static void
gw_transition_dialog_finalize (GObject *object)
{
  GwTransitionDialog *self = GW_TRANSITION_DIALOG (object);

  g_clear_pointer (&self->hazard, gw_hazard_free);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->deadline, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->problem, g_free);
  G_OBJECT_CLASS (gw_transition_dialog_parent_class)->finalize (object);
}

static void
gw_transition_dialog_class_init (GwTransitionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = gw_transition_dialog_dispose;
  object_class->finalize = gw_transition_dialog_finalize;
  dialog_class->response = gw_transition_dialog_response;

  /* Emitted once, with a complete move: read it with get_move (). */
  signals[APPLY] =
    g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gw-transition-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GwTransitionDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, GwTransitionDialog, urgency_row);
  gtk_widget_class_bind_template_child (widget_class, GwTransitionDialog, measure_row);
  gtk_widget_class_bind_template_child (widget_class, GwTransitionDialog, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, GwTransitionDialog, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, GwTransitionDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, GwTransitionDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, GwTransitionDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
gw_transition_dialog_init (GwTransitionDialog *self)
{
  self->levels = g_array_new (FALSE, FALSE, sizeof (GwLevel));
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

GwTransitionDialog *
gw_transition_dialog_new (GtkWindow      *parent,
                          GwStore        *store,
                          GwTransition    transition,
                          const GwHazard *hazard,
                          guint           n_hazards)
{
  GwTransitionDialog *self;

  g_return_val_if_fail (transition < GW_N_TRANSITIONS, NULL);

  self = g_object_new (GW_TYPE_TRANSITION_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->transition = transition;
  self->hazard = hazard ? gw_hazard_copy (hazard) : NULL;
  self->n_hazards = hazard ? 1 : n_hazards;

  decide_fields (self);
  fill_combos (self, store);
  describe (self);
  validate (self);
  return self;
}

GwTransition
gw_transition_dialog_get_transition (GwTransitionDialog *self)
{
  g_return_val_if_fail (GW_IS_TRANSITION_DIALOG (self), GW_TRANSITION_ASSESS);

  return self->transition;
}

void
gw_transition_dialog_get_move (GwTransitionDialog *self,
                               GwMove             *out)
{
  g_return_if_fail (GW_IS_TRANSITION_DIALOG (self));
  g_return_if_fail (out != NULL);

  *out = self->move;
}

gboolean
gw_transition_dialog_get_valid (GwTransitionDialog *self)
{
  g_return_val_if_fail (GW_IS_TRANSITION_DIALOG (self), FALSE);

  return self->valid;
}

const char *
gw_transition_dialog_get_problem (GwTransitionDialog *self)
{
  g_return_val_if_fail (GW_IS_TRANSITION_DIALOG (self), NULL);

  return self->problem;
}

void
gw_transition_dialog_set_level (GwTransitionDialog *self,
                                GwLevel             level)
{
  g_return_if_fail (GW_IS_TRANSITION_DIALOG (self));

  for (guint i = 0; i < self->levels->len; i++)
    if (g_array_index (self->levels, GwLevel, i) == level)
      adw_combo_row_set_selected (self->level_row, i);
}

void
gw_transition_dialog_set_urgency (GwTransitionDialog *self,
                                  GwUrgency           urgency)
{
  g_return_if_fail (GW_IS_TRANSITION_DIALOG (self));

  adw_combo_row_set_selected (self->urgency_row, urgency);
}

void
gw_transition_dialog_set_measure (GwTransitionDialog *self,
                                  GwMeasure           measure)
{
  g_return_if_fail (GW_IS_TRANSITION_DIALOG (self));

  adw_combo_row_set_selected (self->measure_row, measure);
}

void
gw_transition_dialog_set_deadline (GwTransitionDialog *self,
                                   const char         *deadline)
{
  g_return_if_fail (GW_IS_TRANSITION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), deadline ? deadline : "");
}

gboolean
gw_transition_dialog_set_responsible (GwTransitionDialog *self,
                                      gint64              staff_id)
{
  g_return_val_if_fail (GW_IS_TRANSITION_DIALOG (self), FALSE);

  for (guint i = 1; i < self->staff_ids->len; i++)
    if (g_array_index (self->staff_ids, gint64, i) == staff_id)
      {
        adw_combo_row_set_selected (self->responsible_row, i);
        return TRUE;
      }
  return FALSE;
}

void
gw_transition_dialog_set_reason (GwTransitionDialog *self,
                                 const char         *reason)
{
  g_return_if_fail (GW_IS_TRANSITION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason ? reason : "");
}

gboolean
gw_transition_dialog_apply (GwTransitionDialog *self)
{
  g_return_val_if_fail (GW_IS_TRANSITION_DIALOG (self), FALSE);

  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "apply"))
    return FALSE;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "apply");
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
