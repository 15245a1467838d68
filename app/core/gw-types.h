/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GwStore GwStore;

/* The order of each enumeration is its order in the database CHECK lists,
 * in exports and in sorting; do not reorder. */
typedef enum {
  GW_STATE_REPORTED,
  GW_STATE_RECTIFYING,
  GW_STATE_VERIFYING,
  GW_STATE_DOWNGRADED,
  GW_STATE_CLOSED,
  GW_N_STATES
} GwState;

/* Risk level: I is the most serious. */
typedef enum {
  GW_LEVEL_NONE,
  GW_LEVEL_I,
  GW_LEVEL_II,
  GW_LEVEL_III,
  GW_LEVEL_IV,
  GW_N_LEVELS
} GwLevel;

typedef enum {
  GW_URGENCY_NONE,
  GW_URGENCY_NO_DELAY,       /* 不容迟疑 */
  GW_URGENCY_AT_ALL_COSTS,   /* 不惜代价 */
  GW_URGENCY_NO_GAP,         /* 不留空档 */
  GW_N_URGENCIES
} GwUrgency;

typedef enum {
  GW_MEASURE_NONE,
  GW_MEASURE_CONTROL,        /* 风险管控 */
  GW_MEASURE_DEADLINE,       /* 限期整治 */
  GW_MEASURE_IMMEDIATE,      /* 立行立改 */
  GW_N_MEASURES
} GwMeasure;

typedef enum {
  GW_FIELD_AIR,
  GW_FIELD_WATER,
  GW_FIELD_SOIL,
  GW_FIELD_SOLID_WASTE,
  GW_FIELD_NOISE,
  GW_FIELD_RADIATION,
  GW_FIELD_OTHER,
  GW_N_FIELDS
} GwField;

typedef enum {
  GW_SOURCE_PATROL,
  GW_SOURCE_ANALYSIS,
  GW_SOURCE_COMPLAINT,
  GW_SOURCE_INSPECTION,
  GW_SOURCE_MONITORING,
  GW_SOURCE_REPORT,
  GW_N_SOURCES
} GwSource;

typedef enum {
  GW_ROLE_GRID_CHIEF,
  GW_ROLE_GRID_MEMBER,
  GW_ROLE_SUPERVISOR,        /* 环保监管员 */
  GW_ROLE_CHAIN_CHIEF,
  GW_ROLE_VICE_CHAIN_CHIEF,
  GW_ROLE_INSPECTOR,         /* 督察专员 */
  GW_ROLE_REGULATION,        /* 督办科 */
  GW_ROLE_VIEWER,
  GW_N_ROLES
} GwRole;

typedef enum {
  GW_COLOR_RED,
  GW_COLOR_YELLOW,
  GW_COLOR_GREEN,
  GW_N_COLORS
} GwColorCode;

typedef enum {
  GW_CHECK_ANALYSIS,         /* 十天研判 */
  GW_CHECK_PATROL,           /* 巡查 */
  GW_N_CHECK_KINDS
} GwCheckKind;

/* A named transition of the 整改降级 flow. */
typedef enum {
  GW_TRANSITION_ASSESS,      /* reported → rectifying */
  GW_TRANSITION_UNFOUNDED,   /* reported → closed */
  GW_TRANSITION_REPORT_DONE, /* rectifying → verifying */
  GW_TRANSITION_FAIL,        /* verifying → rectifying */
  GW_TRANSITION_DOWNGRADE,   /* verifying → downgraded */
  GW_TRANSITION_RECTIFY_FURTHER, /* downgraded → rectifying */
  GW_TRANSITION_CLOSE,       /* downgraded → closed */
  GW_TRANSITION_REOPEN,      /* closed → rectifying */
  GW_N_TRANSITIONS
} GwTransition;

/* Stable identifiers used in the database, the CLI and JSON. */
const char *gw_state_to_id       (GwState state);
const char *gw_level_to_id       (GwLevel level);
const char *gw_urgency_to_id     (GwUrgency urgency);
const char *gw_measure_to_id     (GwMeasure measure);
const char *gw_field_to_id       (GwField field);
const char *gw_source_to_id      (GwSource source);
const char *gw_role_to_id        (GwRole role);
const char *gw_color_to_id       (GwColorCode color);
const char *gw_check_kind_to_id  (GwCheckKind kind);
const char *gw_transition_to_id  (GwTransition transition);

/* Parse an identifier, a Chinese term or an English alias; FALSE if unknown. */
gboolean gw_state_parse      (const char *text, GwState     *out);
gboolean gw_level_parse      (const char *text, GwLevel     *out);
gboolean gw_urgency_parse    (const char *text, GwUrgency   *out);
gboolean gw_measure_parse    (const char *text, GwMeasure   *out);
gboolean gw_field_parse      (const char *text, GwField     *out);
gboolean gw_source_parse     (const char *text, GwSource    *out);
gboolean gw_role_parse       (const char *text, GwRole      *out);
gboolean gw_color_parse      (const char *text, GwColorCode *out);
gboolean gw_check_kind_parse (const char *text, GwCheckKind *out);

/* Translated names for people (follow the locale). */
const char *gw_state_label      (GwState state);
const char *gw_level_label      (GwLevel level);
const char *gw_urgency_label    (GwUrgency urgency);
const char *gw_measure_label    (GwMeasure measure);
const char *gw_field_label      (GwField field);
const char *gw_source_label     (GwSource source);
const char *gw_role_label       (GwRole role);
const char *gw_color_label      (GwColorCode color);
const char *gw_check_kind_label (GwCheckKind kind);
const char *gw_transition_label (GwTransition transition);

/* The Chinese terms of DESIGN.md, as the superiors' sheets use them. */
const char *gw_state_zh   (GwState state);
const char *gw_level_zh   (GwLevel level);
const char *gw_urgency_zh (GwUrgency urgency);
const char *gw_measure_zh (GwMeasure measure);

G_END_DECLS
