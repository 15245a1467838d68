/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-types"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gw-types.h"

typedef struct {
  const char *id;      /* stored in the database and printed by the CLI */
  const char *zh;      /* the Chinese term of DESIGN.md */
  const char *alias;   /* an English alias accepted on the command line, or NULL */
  const char *label;   /* English source string, translated at run time */
} Term;

static const Term states[GW_N_STATES] = {
  { "reported",    "已上报", NULL, N_("Reported") },
  { "rectifying",  "整改中", NULL, N_("Rectifying") },
  { "verifying",   "待验收", NULL, N_("Verifying") },
  { "downgraded",  "已降级", NULL, N_("Downgraded") },
  { "closed",      "已销号", NULL, N_("Closed") },
};

static const Term levels[GW_N_LEVELS] = {
  { "",    "",     "none", N_("Not assessed") },
  { "I",   "重大", "major",   N_("I Major") },
  { "II",  "较大", "high",    N_("II High") },
  { "III", "一般", "general", N_("III General") },
  { "IV",  "低",   "low",     N_("IV Low") },
};

static const Term urgencies[GW_N_URGENCIES] = {
  { "",              "",         "none",          N_("Not assessed") },
  { "no-delay",      "不容迟疑", "no-delay",      N_("No delay") },
  { "at-all-costs",  "不惜代价", "at-all-costs",  N_("At all costs") },
  { "no-gap",        "不留空档", "no-gap",        N_("No gap") },
};

static const Term measures[GW_N_MEASURES] = {
  { "",          "",         "none",      N_("Not assessed") },
  { "control",   "风险管控", "control",   N_("Risk control") },
  { "deadline",  "限期整治", "deadline",  N_("Rectify by deadline") },
  { "immediate", "立行立改", "immediate", N_("Fix at once") },
};

static const Term fields[GW_N_FIELDS] = {
  { "air",         "大气", NULL, N_("Air") },
  { "water",       "水",   NULL, N_("Water") },
  { "soil",        "土壤", NULL, N_("Soil") },
  { "solid-waste", "固废", NULL, N_("Solid waste") },
  { "noise",       "噪声", NULL, N_("Noise") },
  { "radiation",   "辐射", NULL, N_("Radiation") },
  { "other",       "其他", NULL, N_("Other") },
};

static const Term sources[GW_N_SOURCES] = {
  { "patrol",     "巡查",     NULL,  N_("Patrol") },
  { "analysis",   "研判",     NULL,  N_("Ten-day analysis") },
  { "complaint",  "信访",     NULL,  N_("Complaint (12345/12369)") },
  { "inspection", "督察",     NULL,  N_("Inspection") },
  { "monitoring", "在线监控", NULL,  N_("Online monitoring") },
  { "report",     "举报",     NULL,  N_("Public report") },
};

static const Term roles[GW_N_ROLES] = {
  { "grid-chief",        "网格长",     NULL, N_("Grid chief") },
  { "grid-member",       "网格员",     NULL, N_("Grid member") },
  { "supervisor",        "环保监管员", NULL, N_("Enterprise supervisor") },
  { "chain-chief",       "链长",       NULL, N_("Chain chief") },
  { "vice-chain-chief",  "副链长",     NULL, N_("Vice chain chief") },
  { "inspector",         "督察专员",   NULL, N_("Inspector") },
  { "regulation",        "督办科",     "regulation-office", N_("Regulation office") },
  { "viewer",            "查看",       NULL, N_("Viewer") },
};

static const Term colors[GW_N_COLORS] = {
  { "red",    "红码", NULL, N_("Red (strict supervision)") },
  { "yellow", "黄码", NULL, N_("Yellow (watch)") },
  { "green",  "绿码", NULL, N_("Green (no disturbance)") },
};

static const Term check_kinds[GW_N_CHECK_KINDS] = {
  { "analysis", "研判", "ten-day-analysis", N_("Ten-day analysis") },
  { "patrol",   "巡查", NULL,               N_("Patrol") },
};

static const Term transitions[GW_N_TRANSITIONS] = {
  { "assess",          "研判交办",   NULL, N_("Assess and assign") },
  { "unfounded",       "核实不属实", NULL, N_("Close as unfounded") },
  { "report-done",     "整改完成",   NULL, N_("Report rectification done") },
  { "fail",            "验收不通过", NULL, N_("Fail verification") },
  { "downgrade",       "验收降级",   NULL, N_("Pass and downgrade") },
  { "rectify-further", "继续整改",   NULL, N_("Rectify further") },
  { "close",           "销号",       NULL, N_("Close") },
  { "reopen",          "反弹",       NULL, N_("Reopen") },
};

static gboolean
parse_term (const Term *terms,
            guint       n_terms,
            const char *text,
            guint      *out)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (guint i = 0; i < n_terms; i++)
    {
      const Term *t = &terms[i];

      if ((t->id[0] && g_ascii_strcasecmp (text, t->id) == 0) ||
          (t->zh[0] && strcmp (text, t->zh) == 0) ||
          (t->alias && g_ascii_strcasecmp (text, t->alias) == 0) ||
          g_ascii_strcasecmp (text, t->label) == 0)
        {
          *out = i;
          return TRUE;
        }
    }
  return FALSE;
}

#define DEFINE_TERM(name, Type, table, N)                                  \
  const char *gw_##name##_to_id (Type v)                                  \
  {                                                                        \
    g_return_val_if_fail ((guint) v < N, "");                              \
    return table[v].id;                                                    \
  }                                                                        \
  const char *gw_##name##_label (Type v)                                  \
  {                                                                        \
    g_return_val_if_fail ((guint) v < N, "");                              \
    return g_dgettext (GETTEXT_PACKAGE, table[v].label);                   \
  }                                                                        \
  gboolean gw_##name##_parse (const char *text, Type *out)                \
  {                                                                        \
    guint i;                                                               \
    g_return_val_if_fail (out != NULL, FALSE);                             \
    if (!parse_term (table, N, text, &i))                                  \
      return FALSE;                                                        \
    *out = (Type) i;                                                       \
    return TRUE;                                                           \
  }

DEFINE_TERM (state, GwState, states, GW_N_STATES)
DEFINE_TERM (level, GwLevel, levels, GW_N_LEVELS)
DEFINE_TERM (urgency, GwUrgency, urgencies, GW_N_URGENCIES)
DEFINE_TERM (measure, GwMeasure, measures, GW_N_MEASURES)
DEFINE_TERM (field, GwField, fields, GW_N_FIELDS)
DEFINE_TERM (source, GwSource, sources, GW_N_SOURCES)
DEFINE_TERM (role, GwRole, roles, GW_N_ROLES)
DEFINE_TERM (color, GwColorCode, colors, GW_N_COLORS)
DEFINE_TERM (check_kind, GwCheckKind, check_kinds, GW_N_CHECK_KINDS)

const char *
gw_transition_to_id (GwTransition transition)
{
  g_return_val_if_fail (transition < GW_N_TRANSITIONS, "");
  return transitions[transition].id;
}

const char *
gw_transition_label (GwTransition transition)
{
  g_return_val_if_fail (transition < GW_N_TRANSITIONS, "");
  return g_dgettext (GETTEXT_PACKAGE, transitions[transition].label);
}

const char *
gw_state_zh (GwState state)
{
  g_return_val_if_fail (state < GW_N_STATES, "");
  return states[state].zh;
}

const char *
gw_level_zh (GwLevel level)
{
  g_return_val_if_fail (level < GW_N_LEVELS, "");
  return levels[level].zh;
}

const char *
gw_urgency_zh (GwUrgency urgency)
{
  g_return_val_if_fail (urgency < GW_N_URGENCIES, "");
  return urgencies[urgency].zh;
}

const char *
gw_measure_zh (GwMeasure measure)
{
  g_return_val_if_fail (measure < GW_N_MEASURES, "");
  return measures[measure].zh;
}
