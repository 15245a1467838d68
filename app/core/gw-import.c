/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "gw-credit-code.h"
#include "gw-directory.h"
#include "gw-import.h"
#include "gw-roles.h"
#include "gw-store-private.h"

#define MAX_LISTED     20      /* problems named in the error message */
#define MAX_KEPT       1000    /* problems kept in the result */
#define HEADER_SEARCH  10      /* rows searched for the header */
#define STEP           256     /* rows between progress reports and cancel checks */
#define MAX_NUMBER     64      /* characters of a hazard number */
#define MIN_YEAR       1950    /* dates before are taken for a misread cell */
#define MAX_YEAR       2100

G_DEFINE_QUARK (gw-import-error-quark, gw_import_error)

/* ---- fields ------------------------------------------------------------------- */

typedef enum {
  F_NONE = -1,
  F_IGNORE = 0,
  F_NAME, F_PHONE, F_ROLE, F_GRID, F_GRID_CODE, F_UNIT,
  F_CREDIT_CODE, F_INDUSTRY, F_LAT, F_LON, F_COLOR, F_POSITIVE, F_SUPERVISOR,
  F_NUMBER, F_TITLE, F_DESCRIPTION, F_ENTERPRISE, F_FOUND_DATE, F_FOUND_BY, F_SOURCE,
  F_FIELD, F_URGENCY, F_LEVEL, F_MEASURE, F_RESPONSIBLE_UNIT, F_RESPONSIBLE, F_DEADLINE,
  F_STATE, F_CLOSED_DATE, F_CAMPAIGN,
  N_F
} Field;

typedef struct {
  Field       field;
  const char *id;
  const char *label;      /* N_() */
  gboolean    required;
  const char *headers;    /* '|'-separated; compared after normalise_header */
} FieldSpec;

#define GRID_HEADERS \
  "网格|所属网格|网格名称|乡镇|所属乡镇|乡镇(街道)|乡镇街道|所属乡镇(街道)|街道|grid|gridname|township"
#define GRID_CODE_HEADERS "网格代码|网格编码|区划代码|行政区划代码|乡镇代码|gridcode"
#define LAT_HEADERS "纬度|lat|latitude"
#define LON_HEADERS "经度|lon|lng|long|longitude"

static const FieldSpec staff_fields[] = {
  { F_NAME, "name", N_("Name"), TRUE, "姓名|人员姓名|名字|name" },
  { F_PHONE, "phone", N_("Phone"), FALSE,
    "电话|手机|手机号|手机号码|联系电话|联系方式|电话号码|phone|mobile|tel|telephone" },
  { F_ROLE, "role", N_("Role"), TRUE, "角色|职务|岗位|人员类别|身份|role" },
  { F_GRID, "grid", N_("Grid"), FALSE, GRID_HEADERS },
  { F_GRID_CODE, "grid_code", N_("Grid code"), FALSE, GRID_CODE_HEADERS },
  { F_UNIT, "unit", N_("Unit"), FALSE, "单位|工作单位|所在单位|所属单位|部门|unit" },
};

static const FieldSpec enterprise_fields[] = {
  { F_NAME, "name", N_("Enterprise name"), TRUE, "企业名称|单位名称|企业|企业全称|名称|name" },
  { F_CREDIT_CODE, "credit_code", N_("Unified social credit code"), TRUE,
    "统一社会信用代码|信用代码|社会信用代码|统一代码|creditcode|uscc" },
  { F_GRID, "grid", N_("Grid"), TRUE, GRID_HEADERS },
  { F_GRID_CODE, "grid_code", N_("Grid code"), FALSE, GRID_CODE_HEADERS },
  { F_INDUSTRY, "industry", N_("Industry"), FALSE, "行业|所属行业|行业类别|行业类型|industry" },
  { F_LAT, "lat", N_("Latitude"), FALSE, LAT_HEADERS },
  { F_LON, "lon", N_("Longitude"), FALSE, LON_HEADERS },
  { F_COLOR, "color", N_("Colour code"), FALSE,
    "三色赋码|赋码|赋码颜色|三色码|颜色|color|colour|colorcode" },
  { F_POSITIVE, "positive_list", N_("Positive list"), FALSE,
    "正面清单|是否正面清单|是否纳入正面清单|positivelist" },
  { F_SUPERVISOR, "supervisor", N_("Supervisor"), FALSE,
    "监管员|环保监管员|监管人员|监管人|supervisor" },
};

static const FieldSpec hazard_fields[] = {
  { F_NUMBER, "number", N_("Number"), FALSE, "编号|隐患编号|问题编号|number" },
  { F_TITLE, "title", N_("Title"), TRUE,
    "隐患名称|问题名称|标题|名称|隐患问题|问题|隐患|title" },
  { F_DESCRIPTION, "description", N_("Description"), FALSE,
    "问题描述|描述|隐患描述|具体问题|问题详情|description" },
  { F_GRID, "grid", N_("Grid"), TRUE, GRID_HEADERS },
  { F_GRID_CODE, "grid_code", N_("Grid code"), FALSE, GRID_CODE_HEADERS },
  { F_ENTERPRISE, "enterprise", N_("Enterprise"), FALSE,
    "企业|企业名称|涉及企业|所属企业|相关企业|enterprise" },
  { F_FOUND_DATE, "found_date", N_("Day found"), TRUE,
    "发现日期|发现时间|上报日期|上报时间|交办日期|founddate|found" },
  { F_FOUND_BY, "found_by", N_("Found by"), FALSE, "发现人|上报人|foundby" },
  { F_SOURCE, "source", N_("Source"), FALSE, "来源|问题来源|线索来源|source" },
  { F_FIELD, "field", N_("Field"), FALSE,
    "领域|类别|所属领域|问题类别|问题类型|污染类型|field" },
  { F_URGENCY, "urgency", N_("Urgency class"), FALSE,
    "清单|紧急程度|清单类别|清单类型|清单制|urgency" },
  { F_LEVEL, "level", N_("Risk level"), FALSE, "风险等级|等级|隐患等级|风险级别|level" },
  { F_MEASURE, "measure", N_("Measure"), FALSE,
    "整改措施|措施|管控措施|处置措施|measure" },
  { F_RESPONSIBLE_UNIT, "responsible_unit", N_("Responsible unit"), FALSE,
    "责任单位|整改责任单位|responsibleunit" },
  { F_RESPONSIBLE, "responsible", N_("Responsible person"), FALSE,
    "责任人|整改责任人|responsible" },
  { F_DEADLINE, "deadline", N_("Deadline"), FALSE,
    "整改时限|整改期限|完成时限|整改截止日期|截止日期|deadline" },
  { F_STATE, "state", N_("State"), FALSE,
    "状态|整改状态|当前状态|办理状态|state|status" },
  { F_CLOSED_DATE, "closed_date", N_("Day closed"), FALSE,
    "销号日期|销号时间|办结日期|closeddate|closed" },
  { F_LAT, "lat", N_("Latitude"), FALSE, LAT_HEADERS },
  { F_LON, "lon", N_("Longitude"), FALSE, LON_HEADERS },
  { F_CAMPAIGN, "campaign", N_("Campaign"), FALSE, "专项行动|所属专项行动|行动|campaign" },
};

typedef struct {
  const char      *id;
  const FieldSpec *fields;
  guint            n_fields;
  const char      *ignored;     /* headers left out without a word */
  const char      *noun;        /* N_(): what one record is */
} KindSpec;

static const KindSpec kinds[GW_N_IMPORT_KINDS] = {
  [GW_IMPORT_STAFF] = { "staff", staff_fields, G_N_ELEMENTS (staff_fields),
                        "序号|行号|no|no.|#", N_("staff") },
  [GW_IMPORT_ENTERPRISES] = { "enterprises", enterprise_fields, G_N_ELEMENTS (enterprise_fields),
                              "序号|行号|no|no.|#", N_("enterprises") },
  [GW_IMPORT_HAZARDS] = { "hazards", hazard_fields, G_N_ELEMENTS (hazard_fields),
                          "序号|行号|no|no.|#|县市区|县(市区)|县区|县(市、区)|超期天数|county|overduedays",
                          N_("hazards") },
};

const char *
gw_import_kind_to_id (GwImportKind kind)
{
  g_return_val_if_fail (kind < GW_N_IMPORT_KINDS, "");
  return kinds[kind].id;
}

gboolean
gw_import_kind_parse (const char   *text,
                      GwImportKind *out)
{
  static const char *singular[GW_N_IMPORT_KINDS] = { "staff", "enterprise", "hazard" };

  if (text == NULL)
    return FALSE;
  for (guint k = 0; k < GW_N_IMPORT_KINDS; k++)
    if (g_ascii_strcasecmp (text, kinds[k].id) == 0 || g_ascii_strcasecmp (text, singular[k]) == 0)
      {
        *out = k;
        return TRUE;
      }
  return FALSE;
}

const char * const *
gw_import_fields (GwImportKind kind)
{
  static const char **ids[GW_N_IMPORT_KINDS];
  static gsize done[GW_N_IMPORT_KINDS];

  g_return_val_if_fail (kind < GW_N_IMPORT_KINDS, NULL);
  if (g_once_init_enter (&done[kind]))
    {
      ids[kind] = g_new0 (const char *, kinds[kind].n_fields + 1);
      for (guint i = 0; i < kinds[kind].n_fields; i++)
        ids[kind][i] = kinds[kind].fields[i].id;
      g_once_init_leave (&done[kind], 1);
    }
  return ids[kind];
}

static const FieldSpec *
spec_by_id (GwImportKind  kind,
            const char   *id)
{
  for (guint i = 0; i < kinds[kind].n_fields; i++)
    if (g_strcmp0 (kinds[kind].fields[i].id, id) == 0)
      return &kinds[kind].fields[i];
  return NULL;
}

static const FieldSpec *
spec_by_field (GwImportKind kind,
               Field        field)
{
  for (guint i = 0; i < kinds[kind].n_fields; i++)
    if (kinds[kind].fields[i].field == field)
      return &kinds[kind].fields[i];
  return NULL;
}

const char *
gw_import_field_label (GwImportKind  kind,
                       const char   *field)
{
  const FieldSpec *s;

  g_return_val_if_fail (kind < GW_N_IMPORT_KINDS, NULL);
  s = spec_by_id (kind, field);
  return s ? g_dgettext (GETTEXT_PACKAGE, s->label) : NULL;
}

gboolean
gw_import_field_required (GwImportKind  kind,
                          const char   *field)
{
  const FieldSpec *s;

  g_return_val_if_fail (kind < GW_N_IMPORT_KINDS, FALSE);
  s = spec_by_id (kind, field);
  return s && s->required;
}

/* Blanks, asterisks (marks of required columns), colons, '_' and '-' go;
 * full-width brackets become ASCII; ASCII is lower-cased. */
static char *
normalise_header (const char *header,
                  gboolean    drop_bracketed)
{
  g_autofree char *s = gw_csv_strip (header);
  g_autoptr(GString) out = g_string_new (NULL);
  int depth = 0;

  if (!g_utf8_validate (s, -1, NULL))
    return g_strdup (s);
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000 || c == 0xA0 ||
          c == '*' || c == 0xFF0A || c == ':' || c == 0xFF1A || c == '_' || c == '-')
        continue;
      if (c == 0xFF08 || c == 0x3010)
        c = '(';
      else if (c == 0xFF09 || c == 0x3011)
        c = ')';
      if (drop_bracketed && c == '(')
        {
          depth++;
          continue;
        }
      if (drop_bracketed && c == ')' && depth > 0)
        {
          depth--;
          continue;
        }
      if (depth > 0)
        continue;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
header_in (const char *normalised,
           const char *list)
{
  g_auto(GStrv) names = g_strsplit (list, "|", -1);

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *n = normalise_header (names[i], FALSE);
      if (g_strcmp0 (n, normalised) == 0)
        return TRUE;
    }
  return FALSE;
}

static Field
guess_field (GwImportKind  kind,
             const char   *header,
             const char  **id)
{
  for (int pass = 0; pass < 2; pass++)
    {
      g_autofree char *n = normalise_header (header, pass == 1);

      if (*n == '\0')
        break;
      for (guint i = 0; i < kinds[kind].n_fields; i++)
        {
          const FieldSpec *s = &kinds[kind].fields[i];
          g_autofree char *own = normalise_header (s->id, FALSE);

          if (g_strcmp0 (n, own) == 0 || header_in (n, s->headers))
            {
              *id = s->id;
              return s->field;
            }
        }
      if (header_in (n, kinds[kind].ignored))
        {
          *id = "ignore";
          return F_IGNORE;
        }
    }
  *id = NULL;
  return F_NONE;
}

const char *
gw_import_guess_field (GwImportKind  kind,
                       const char   *header)
{
  const char *id = NULL;

  g_return_val_if_fail (kind < GW_N_IMPORT_KINDS, NULL);
  guess_field (kind, header, &id);
  return id;
}

/* ---- values --------------------------------------------------------------------- */

/* Lower-cased ASCII, without blanks; for comparing values with synonyms. */
static char *
normalise_value (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0)
        continue;
      if (c >= 0xFF01 && c <= 0xFF5E)    /* full-width ASCII */
        c -= 0xFEE0;
      if (c >= 0x2160 && c <= 0x216F)    /* Roman numerals: Ⅱ → ⅱ (a letter number, no case) */
        c += 0x10;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  const char *words;   /* '|'-separated, lower-case */
  int         value;
} Synonym;

/* The words of a synonym entry, split and normalised once and kept: imports
 * look them up for every cell. */
static const char * const *
synonym_words (const Synonym *entry)
{
  static GMutex lock;
  static GHashTable *cache;   /* Synonym* → GStrv */
  char **words;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_direct_hash, g_direct_equal);
  words = g_hash_table_lookup (cache, entry);
  if (words == NULL)
    {
      words = g_strsplit (entry->words, "|", -1);
      for (guint i = 0; words[i]; i++)
        {
          char *n = normalise_value (words[i]);
          g_free (words[i]);
          words[i] = n;
        }
      g_hash_table_insert (cache, (gpointer) entry, words);
    }
  g_mutex_unlock (&lock);
  return (const char * const *) words;
}

static gboolean
word_in (const char    *normalised,
         const Synonym *entry,
         gboolean       contains)
{
  const char * const *words = synonym_words (entry);

  for (guint i = 0; words[i]; i++)
    if (contains ? strstr (normalised, words[i]) != NULL : strcmp (normalised, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Exact synonyms first, then (when @contains) the first whose word occurs in the text. */
static gboolean
lookup_synonym (const char    *text,
                const Synonym *table,
                guint          n,
                gboolean       contains,
                int           *out)
{
  g_autofree char *v = normalise_value (text);

  for (guint i = 0; i < n; i++)
    if (word_in (v, &table[i], FALSE))
      {
        *out = table[i].value;
        return TRUE;
      }
  if (contains)
    for (guint i = 0; i < n; i++)
      if (word_in (v, &table[i], TRUE))
        {
          *out = table[i].value;
          return TRUE;
        }
  return FALSE;
}

static const Synonym role_words[] = {
  { "网格长|网格长(乡镇)|总网格长", GW_ROLE_GRID_CHIEF },
  { "网格员|专职网格员|兼职网格员|网格管理员|网格监管员", GW_ROLE_GRID_MEMBER },
  { "监管员|环保监管员|企业监管员|环境监管员", GW_ROLE_SUPERVISOR },
  { "副链长", GW_ROLE_VICE_CHAIN_CHIEF },
  { "链长", GW_ROLE_CHAIN_CHIEF },
  { "督察专员|督察员|督查专员|督查员", GW_ROLE_INSPECTOR },
  { "督办科|督办|监管科|执法支队|督办人员", GW_ROLE_REGULATION },
  { "查看|只读|查看者|查看人员|浏览", GW_ROLE_VIEWER },
};

static const Synonym level_words[] = {
  { "重大|重大风险|重大隐患|ⅰ|ⅰ级|i|i级|1|1级|一级|红|红色|major|red", GW_LEVEL_I },
  { "较大|较大风险|较大隐患|ⅱ|ⅱ级|ii|ii级|2|2级|二级|橙|橙色|high|orange", GW_LEVEL_II },
  { "一般|一般风险|一般隐患|ⅲ|ⅲ级|iii|iii级|3|3级|三级|黄|黄色|general|yellow", GW_LEVEL_III },
  { "低|低风险|较低|较低风险|低风险隐患|ⅳ|ⅳ级|iv|iv级|4|4级|四级|蓝|蓝色|low|blue", GW_LEVEL_IV },
};

static const Synonym urgency_words[] = {
  { "不容迟疑|no-delay|nodelay", GW_URGENCY_NO_DELAY },
  { "不惜代价|at-all-costs|atallcosts", GW_URGENCY_AT_ALL_COSTS },
  { "不留空档|不留空挡|no-gap|nogap", GW_URGENCY_NO_GAP },
};

static const Synonym measure_words[] = {
  { "风险管控|管控|control", GW_MEASURE_CONTROL },
  { "限期整治|限期整改|deadline", GW_MEASURE_DEADLINE },
  { "立行立改|立即整改|立查立改|immediate", GW_MEASURE_IMMEDIATE },
};

/* Order matters where one word is inside another. */
static const Synonym source_words[] = {
  { "在线监控|在线监测|自动监测|监控|monitoring", GW_SOURCE_MONITORING },
  { "举报|群众举报|report", GW_SOURCE_REPORT },
  { "信访|投诉|12345|12369|热线|complaint", GW_SOURCE_COMPLAINT },
  { "督察|督查|巡视|交办|inspection", GW_SOURCE_INSPECTION },
  { "研判|十天研判|analysis", GW_SOURCE_ANALYSIS },
  { "巡查|巡检|排查|检查|日常巡查|patrol", GW_SOURCE_PATROL },
};

static const Synonym field_words[] = {
  { "辐射|电磁|radiation", GW_FIELD_RADIATION },
  { "噪声|噪音|noise", GW_FIELD_NOISE },
  { "固废|固体废物|危废|危险废物|垃圾|solid-waste|solidwaste", GW_FIELD_SOLID_WASTE },
  { "土壤|soil", GW_FIELD_SOIL },
  { "大气|废气|扬尘|空气|油烟|烟尘|臭气|air", GW_FIELD_AIR },
  { "水|废水|污水|黑臭|water", GW_FIELD_WATER },
  { "其他|其它|other", GW_FIELD_OTHER },
};

static const Synonym state_words[] = {
  { "已上报|上报|待研判|新发现|待交办|reported", GW_STATE_REPORTED },
  { "整改中|正在整改|未整改|整改|rectifying", GW_STATE_RECTIFYING },
  { "待验收|已整改|整改完成|待核查|待复核|verifying", GW_STATE_VERIFYING },
  { "已降级|降级|downgraded", GW_STATE_DOWNGRADED },
  { "已销号|销号|已办结|办结|已关闭|closed", GW_STATE_CLOSED },
};

static const Synonym color_words[] = {
  { "红|红色|红码|red", GW_COLOR_RED },
  { "黄|黄色|黄码|yellow", GW_COLOR_YELLOW },
  { "绿|绿色|绿码|green", GW_COLOR_GREEN },
};

static const Synonym yes_no_words[] = {
  { "是|y|yes|true|1|√|✓|✔|已纳入|纳入", 1 },
  { "否|n|no|false|0|×|✗|✘|未纳入|不纳入", 0 },
};

/* ---- the import ------------------------------------------------------------------ */

typedef enum { V_EMPTY, V_OK, V_BAD } Value;

typedef struct {
  GwStore               *store;
  const char            *label;
  char                  *basename;
  GwImportKind           kind;
  const GwImportOptions *opts;
  GwImportResult        *result;
  gboolean               writing;     /* the second pass */

  guint                  n_cols;
  char                 **headers;
  Field                 *col_field;
  int                    field_col[N_F];

  GHashTable            *grid_codes;  /* 12-digit code → gint64* */
  GHashTable            *grid_names;  /* name → gint64* (-1: more than one) */
  GHashTable            *grid_info;   /* id → Grid* */
  GHashTable            *staff_names; /* name → gint64* (-1: more than one) */
  GHashTable            *staff_ids;   /* id → gint64* */
  GHashTable            *ent_codes;   /* credit code → gint64* */
  GHashTable            *ent_names;   /* name → gint64* (-1: more than one) */
  GHashTable            *campaigns;   /* name → gint64* (0: to be created) */
  GHashTable            *seen;        /* key → line of its first row */
  GHashTable            *number_max;  /* prefix → gint64*: the highest given in the file */
  GHashTable            *number_next; /* prefix → gint64*: the last one given out */

  char                   today[11];
  char                  *at;
  char                  *actor;
  gint64                 actor_id;
  GwChainCursor          cursor;

  GwProgressFunc         progress;
  gpointer               user_data;
  GCancellable          *cancellable;
} Import;

typedef struct {
  char *code;
  char *name;
  char *county_code;
} Grid;

static void
grid_free (gpointer data)
{
  Grid *g = data;

  g_free (g->code);
  g_free (g->name);
  g_free (g->county_code);
  g_free (g);
}

static GHashTable *
id_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
put_id (GHashTable *table,
        const char *key,
        gint64      id)
{
  g_hash_table_insert (table, g_strdup (key), g_memdup2 (&id, sizeof id));
}

/* A name → id table where a second holder of the name marks it ambiguous. */
static void
put_name (GHashTable *table,
          const char *name,
          gint64      id)
{
  gint64 *old = g_hash_table_lookup (table, name);

  if (old != NULL && *old != id)
    *old = -1;
  else if (old == NULL)
    put_id (table, name, id);
}

static gint64
get_id (GHashTable *table,
        const char *key)
{
  gint64 *v = table ? g_hash_table_lookup (table, key) : NULL;

  return v ? *v : 0;
}

void
gw_import_problem_free (GwImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

void
gw_import_result_clear (GwImportResult *result)
{
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->ignored_columns, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

static const char *
column_of (Import *imp,
           Field   f)
{
  if (f == F_NONE || f >= N_F || imp->field_col[f] < 0)
    return NULL;
  return imp->headers[imp->field_col[f]];
}

static void problem (Import *imp, guint line, Field f, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
problem (Import     *imp,
         guint       line,
         Field       f,
         const char *format,
         ...)
{
  GwImportProblem *p;
  va_list ap;

  imp->result->n_problems++;
  if (imp->result->problems->len >= MAX_KEPT)
    return;
  p = g_new0 (GwImportProblem, 1);
  p->line = line;
  p->column = g_strdup (column_of (imp, f));
  va_start (ap, format);
  p->message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_ptr_array_add (imp->result->problems, p);
}

/* The stripped text of a field's cell; "" when the file has no such column. */
static char *
cell (Import            *imp,
      const GwCsvRecord *rec,
      Field              f)
{
  int col = imp->field_col[f];
  char *v;

  if (col < 0 || (guint) col >= rec->n_fields)
    return g_strdup ("");
  v = gw_csv_strip (rec->fields[col]);
  /* Line breaks in a cell as the program keeps them: LF, whatever the file's. */
  if (strchr (v, '\r') != NULL)
    {
      GString *s = g_string_new (v);
      g_string_replace (s, "\r\n", "\n", 0);
      g_string_replace (s, "\r", "\n", 0);
      g_free (v);
      v = g_string_free (s, FALSE);
    }
  return v;
}

/* How a field is named in a message: its column's header, else its label. */
static const char *
field_name (Import *imp,
            Field   f)
{
  const char *col = column_of (imp, f);
  const FieldSpec *s;

  if (col != NULL && *col != '\0')
    return col;
  s = spec_by_field (imp->kind, f);
  return s ? g_dgettext (GETTEXT_PACKAGE, s->label) : "?";
}

/* Store errors name the database; an import error names the file and line too.
 * A full disk and a read-only database are said in so many words: SQLite reports
 * a write past RLIMIT_FSIZE as a plain I/O error, and by the time a failed COMMIT
 * comes back the store has rolled back and the error code is gone. */
static gboolean
store_failed (Import     *imp,
              guint       line,
              GError    **error)
{
  sqlite3 *db = gw_store_get_db (imp->store);
  int sys = sqlite3_system_errno (db);
  int code = sqlite3_extended_errcode (db) & 0xff;
  const char *msg = error && *error ? (*error)->message : "";

  if (error == NULL || *error == NULL)
    return FALSE;
  if (sys == ENOSPC || sys == EFBIG || sys == EDQUOT || code == SQLITE_FULL ||
      strstr (msg, "disk is full") != NULL || strstr (msg, "database or disk is full") != NULL)
    {
      g_clear_error (error);
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL,
                   _("%s: the disk is full (or the file has reached its size limit) while "
                     "importing %s; nothing was imported"),
                   gw_store_get_path (imp->store), imp->label);
      return FALSE;
    }
  if (code == SQLITE_IOERR || strstr (msg, "disk I/O error") != NULL)
    {
      g_autofree char *original = g_strdup (msg);

      g_clear_error (error);
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL,
                   _("%s: the database could not be written while importing %s (the disk may "
                     "be full, the file too large for it, or the disk failing: %s); nothing "
                     "was imported"),
                   gw_store_get_path (imp->store), imp->label, original);
      return FALSE;
    }
  if (code == SQLITE_READONLY || strstr (msg, "read-only") != NULL ||
      strstr (msg, "readonly") != NULL)
    {
      g_clear_error (error);
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL,
                   _("%s: the database is read-only; nothing was imported from %s"),
                   gw_store_get_path (imp->store), imp->label);
      return FALSE;
    }
  if (line > 0)
    g_prefix_error (error, _("%s line %u: "), imp->label, line);
  else
    g_prefix_error (error, _("Importing %s: "), imp->label);
  return FALSE;
}

static gboolean
plausible (const GDate *d)
{
  return g_date_get_year (d) >= MIN_YEAR && g_date_get_year (d) <= MAX_YEAR;
}

/* A date cell: "" or YYYY-MM-DD in @out. */
static Value
date_cell (Import            *imp,
           const GwCsvRecord *rec,
           Field              f,
           gboolean           not_future,
           char               out[11])
{
  g_autofree char *v = cell (imp, rec, f);
  g_autofree char *iso = NULL;
  GDate d;

  out[0] = '\0';
  if (*v == '\0')
    return V_EMPTY;
  if (!gw_csv_parse_date (v, &d))
    {
      problem (imp, rec->line, f, _("“%s” is not a date (use 2026-11-23, 2026/11/23 or "
                                    "2026年11月23日)"), v);
      return V_BAD;
    }
  iso = gw_date_to_string (&d);
  if (!plausible (&d))
    {
      problem (imp, rec->line, f, _("“%s” reads as %s, which cannot be right"), v, iso);
      return V_BAD;
    }
  if (not_future && strcmp (iso, imp->today) > 0)
    {
      problem (imp, rec->line, f, _("%s is in the future (today is %s)"), iso, imp->today);
      return V_BAD;
    }
  g_strlcpy (out, iso, 11);
  return V_OK;
}

static Value
enum_cell (Import            *imp,
           const GwCsvRecord *rec,
           Field              f,
           const Synonym     *table,
           guint              n,
           gboolean           contains,
           const char        *accepted,
           int               *out)
{
  g_autofree char *v = cell (imp, rec, f);

  if (*v == '\0')
    return V_EMPTY;
  if (!lookup_synonym (v, table, n, contains, out))
    {
      problem (imp, rec->line, f, _("“%s” is not known; use one of: %s"), v, accepted);
      return V_BAD;
    }
  return V_OK;
}

/* A staff member or an enterprise by its name, when the code did not find
 * it: a name that two carry, or none, is a problem of the row (the messages
 * take the name as their one %s). */
static Value
by_name (Import     *imp,
         guint       line,
         Field       f,
         GHashTable *names,
         const char *v,
         const char *ambiguous,
         const char *missing,
         gint64     *out)
{
  gint64 id = get_id (names, v);

  if (id <= 0)
    {
      problem (imp, line, f, id < 0 ? ambiguous : missing, v);
      return V_BAD;
    }
  *out = id;
  return V_OK;
}

static Value
staff_cell (Import            *imp,
            const GwCsvRecord *rec,
            Field              f,
            gint64            *out)
{
  g_autofree char *v = cell (imp, rec, f);
  gint64 id;

  *out = 0;
  if (*v == '\0')
    return V_EMPTY;
  if (strspn (v, "0123456789") == strlen (v) && strlen (v) < 18)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, g_ascii_strtoll (v, NULL, 10));
      if ((id = get_id (imp->staff_ids, key)) > 0)
        {
          *out = id;
          return V_OK;
        }
    }
  return by_name (imp, rec->line, f, imp->staff_names, v,
                  _("more than one staff member is called “%s”; give the staff id instead"),
                  _("no staff member is called “%s” (import the staff list first)"), out);
}

static gboolean
is_division_code (const char *v)
{
  gsize n = strlen (v);

  return (n == 9 || n == 12) && strspn (v, "0123456789") == n;
}

static gint64
grid_by_code (Import     *imp,
              const char *v)
{
  g_autofree char *full = strlen (v) == 9 ? g_strconcat (v, "000", NULL) : g_strdup (v);

  return get_id (imp->grid_codes, full);
}

static Value
grid_cells (Import            *imp,
            const GwCsvRecord *rec,
            gint64            *out)
{
  g_autofree char *code = cell (imp, rec, F_GRID_CODE);
  g_autofree char *name = cell (imp, rec, F_GRID);
  gint64 id = 0;

  *out = 0;
  if (*code != '\0')
    {
      Grid *g;

      if (!is_division_code (code) || (id = grid_by_code (imp, code)) == 0)
        {
          problem (imp, rec->line, F_GRID_CODE, _("no grid has the code “%s”"), code);
          return V_BAD;
        }
      g = g_hash_table_lookup (imp->grid_info, &id);
      if (*name != '\0' && g && g_strcmp0 (name, g->name) != 0 && g_strcmp0 (name, g->code) != 0 &&
          !(is_division_code (name) && grid_by_code (imp, name) == id))
        {
          problem (imp, rec->line, F_GRID, _("“%s” is not the grid with the code %s (%s)"),
                   name, code, g->name);
          return V_BAD;
        }
      *out = id;
      return V_OK;
    }
  if (*name == '\0')
    return V_EMPTY;
  if (is_division_code (name))
    id = grid_by_code (imp, name);
  if (id == 0)
    id = get_id (imp->grid_names, name);
  if (id < 0)
    {
      problem (imp, rec->line, F_GRID, _("more than one grid is called “%s”; give its 12-digit "
                                         "division code"), name);
      return V_BAD;
    }
  if (id == 0)
    {
      problem (imp, rec->line, F_GRID, _("no grid has the code or name “%s”"), name);
      return V_BAD;
    }
  *out = id;
  return V_OK;
}

static gboolean
excel_number (const char *v)
{
  /* 1.38E+10, 9.14301E+17: what Excel shows for a long number in a General cell.
   * No phone number or credit code has a '+' after an E. */
  const char *e = strpbrk (v, "eE");

  return e != NULL && e[1] == '+' && e[2] != '\0' && g_ascii_isdigit (v[0]) &&
         strspn (v, "0123456789.") == (gsize) (e - v) &&
         strspn (e + 2, "0123456789") == strlen (e + 2);
}

static Value
location_cells (Import            *imp,
                const GwCsvRecord *rec,
                gboolean          *has,
                double            *lat,
                double            *lon)
{
  g_autofree char *a = cell (imp, rec, F_LAT);
  g_autofree char *o = cell (imp, rec, F_LON);
  Value result = V_OK;
  char *end;

  *has = FALSE;
  if (*a == '\0' && *o == '\0')
    return V_EMPTY;
  if (*a == '\0' || *o == '\0')
    {
      problem (imp, rec->line, *a == '\0' ? F_LAT : F_LON,
               _("a location needs both latitude and longitude"));
      return V_BAD;
    }
  /* 112.57° as well as 112.57 */
  if (g_str_has_suffix (a, "°"))
    a[strlen (a) - strlen ("°")] = '\0';
  if (g_str_has_suffix (o, "°"))
    o[strlen (o) - strlen ("°")] = '\0';
  *lat = g_ascii_strtod (a, &end);
  if (end == a || *end != '\0' || !isfinite (*lat))
    {
      problem (imp, rec->line, F_LAT, _("“%s” is not a number"), a);
      result = V_BAD;
    }
  *lon = g_ascii_strtod (o, &end);
  if (end == o || *end != '\0' || !isfinite (*lon))
    {
      problem (imp, rec->line, F_LON, _("“%s” is not a number"), o);
      result = V_BAD;
    }
  if (result == V_BAD)
    return V_BAD;
  if ((*lat < -90 || *lat > 90) && *lon >= -90 && *lon <= 90 && *lat >= -180 && *lat <= 180)
    {
      problem (imp, rec->line, F_LAT, _("the latitude %s is out of range; latitude and "
                                        "longitude look swapped"), a);
      return V_BAD;
    }
  if (*lat < -90 || *lat > 90)
    {
      problem (imp, rec->line, F_LAT, _("the latitude %s is out of range (−90 to 90)"), a);
      result = V_BAD;
    }
  if (*lon < -180 || *lon > 180)
    {
      problem (imp, rec->line, F_LON, _("the longitude %s is out of range (−180 to 180)"), o);
      result = V_BAD;
    }
  *has = result == V_OK;
  return result;
}

/* "", "(something)": a key of a row that should appear once; reports the second. */
static gboolean
first_time (Import            *imp,
            const GwCsvRecord *rec,
            Field              f,
            const char        *key,
            const char        *shown)
{
  guint first;

  if (imp->writing)
    return TRUE;
  first = GPOINTER_TO_UINT (g_hash_table_lookup (imp->seen, key));
  if (first != 0)
    {
      problem (imp, rec->line, f, _("“%s” is already on line %u of the file"), shown, first);
      return FALSE;
    }
  g_hash_table_insert (imp->seen, g_strdup (key), GUINT_TO_POINTER (rec->line));
  return TRUE;
}

/* ---- look-ups ---------------------------------------------------------------------- */

static gboolean
load_tables (Import  *imp,
             GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  imp->grid_codes = id_table ();
  imp->grid_names = id_table ();
  imp->grid_info = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, grid_free);
  imp->staff_names = id_table ();
  imp->staff_ids = id_table ();
  imp->ent_codes = id_table ();
  imp->ent_names = id_table ();
  imp->campaigns = id_table ();

  stmt = gw_store_prepare (imp->store, "SELECT g.id, g.code, g.name, c.code FROM grids g"
                                       " JOIN counties c ON c.id = g.county_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Grid *g = g_new0 (Grid, 1);

      g->code = g_strdup (gw_store_column_text (stmt, 1));
      g->name = g_strdup (gw_store_column_text (stmt, 2));
      g->county_code = g_strdup (gw_store_column_text (stmt, 3));
      put_id (imp->grid_codes, g->code, id);
      put_name (imp->grid_names, g->name, id);
      g_hash_table_insert (imp->grid_info, g_memdup2 (&id, sizeof id), g);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (imp->store, _("reading grids"), error);

  stmt = gw_store_prepare (imp->store, "SELECT id, name FROM staff", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      put_id (imp->staff_ids, key, id);
      put_name (imp->staff_names, gw_store_column_text (stmt, 1), id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gw_store_fail (imp->store, _("reading staff"), error);

  if (imp->kind == GW_IMPORT_HAZARDS)
    {
      stmt = gw_store_prepare (imp->store, "SELECT id, credit_code, name FROM enterprises", error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          put_id (imp->ent_codes, gw_store_column_text (stmt, 1), id);
          put_name (imp->ent_names, gw_store_column_text (stmt, 2), id);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return gw_store_fail (imp->store, _("reading enterprises"), error);

      stmt = gw_store_prepare (imp->store, "SELECT id, name FROM campaigns", error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        put_id (imp->campaigns, gw_store_column_text (stmt, 1), sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return gw_store_fail (imp->store, _("reading campaigns"), error);
    }
  return TRUE;
}

/* 0: free, else the id holding it; -1 on an error. */
static gint64
db_holder (Import     *imp,
           const char *sql,
           const char *value,
           GError    **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (imp->store, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gw_store_fail (imp->store, _("reading the database"), error);
      return -1;
    }
  return id;
}

/* ---- staff ------------------------------------------------------------------------ */

typedef struct {
  char    *name, *phone, *unit;
  GwRole   role;
  gint64   grid_id;
} StaffRow;

static void
staff_row_clear (StaffRow *r)
{
  g_free (r->name);
  g_free (r->phone);
  g_free (r->unit);
  memset (r, 0, sizeof *r);
}

static Value
phone_cell (Import            *imp,
            const GwCsvRecord *rec,
            char             **out)
{
  g_autofree char *v = cell (imp, rec, F_PHONE);
  g_autofree char *n = NULL;
  guint digits = 0;

  *out = NULL;
  if (*v == '\0')
    return V_EMPTY;
  if (excel_number (v))
    {
      problem (imp, rec->line, F_PHONE, _("Excel turned the phone number into “%s”; format the "
                                          "column as text and enter the numbers again"), v);
      return V_BAD;
    }
  n = normalise_value (v);
  for (const char *p = n; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr ("-+()/,;.#x", *p) && !g_str_has_prefix (p, "、") &&
               !g_str_has_prefix (p, "转"))
        {
          problem (imp, rec->line, F_PHONE, _("“%s” is not a phone number"), v);
          return V_BAD;
        }
      else if ((guchar) *p >= 0x80)
        p += strlen ("、") - 1;   /* 、 and 转 are both three bytes */
    }
  if (digits < 5)
    {
      problem (imp, rec->line, F_PHONE, _("“%s” is not a phone number"), v);
      return V_BAD;
    }
  *out = g_steal_pointer (&v);
  return V_OK;
}

static gboolean
parse_staff (Import            *imp,
             const GwCsvRecord *rec,
             StaffRow          *r,
             GError           **error)
{
  guint before = imp->result->n_problems;
  int role = 0;
  Value grid, role_v;

  r->name = cell (imp, rec, F_NAME);
  if (*r->name == '\0')
    problem (imp, rec->line, F_NAME, _("the name is empty"));
  phone_cell (imp, rec, &r->phone);
  role_v = enum_cell (imp, rec, F_ROLE, role_words, G_N_ELEMENTS (role_words), TRUE,
                      "网格长, 网格员, 环保监管员, 链长, 副链长, 督察专员, 督办科, 查看", &role);
  if (role_v == V_EMPTY)
    problem (imp, rec->line, F_ROLE, _("the role is empty"));
  r->role = role;
  grid = grid_cells (imp, rec, &r->grid_id);
  if (grid == V_EMPTY && role_v == V_OK &&
      (r->role == GW_ROLE_GRID_CHIEF || r->role == GW_ROLE_GRID_MEMBER))
    problem (imp, rec->line, F_GRID, _("the grid is empty, but grid chiefs and grid members "
                                       "belong to a grid"));
  r->unit = cell (imp, rec, F_UNIT);

  if (imp->result->n_problems == before && !imp->writing)
    {
      g_autofree char *key = g_strdup_printf ("s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT, r->name,
                                              r->phone ? r->phone : "", r->grid_id);
      sqlite3_stmt *stmt;
      gint64 id = 0;

      if (!first_time (imp, rec, F_NAME, key, r->name))
        return TRUE;
      stmt = gw_store_prepare (imp->store, "SELECT id FROM staff WHERE name = ?1 AND"
                                           " coalesce (phone, '') = ?2 AND"
                                           " coalesce (grid_id, 0) = ?3", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, r->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, r->phone ? r->phone : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, r->grid_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (id > 0)
        problem (imp, rec->line, F_NAME, _("“%s” with this phone and grid is already in the "
                                           "database (staff %lld)"), r->name, (long long) id);
    }
  return TRUE;
}

static gboolean
write_staff (Import   *imp,
             StaffRow *r,
             guint     line,
             GError  **error)
{
  if (gw_store_staff_add (imp->store, r->name, r->phone, r->role, r->grid_id,
                          *r->unit ? r->unit : NULL, error) == 0)
    return store_failed (imp, line, error);
  return TRUE;
}

/* ---- enterprises -------------------------------------------------------------------- */

typedef struct {
  char        *name, *code, *industry;
  gint64       grid_id, supervisor_id;
  gboolean     has_location;
  double       lat, lon;
  GwColorCode  color;
  gboolean     positive;
} EnterpriseRow;

static void
enterprise_row_clear (EnterpriseRow *r)
{
  g_free (r->name);
  g_free (r->code);
  g_free (r->industry);
  memset (r, 0, sizeof *r);
}

/* Upper case, ASCII (full-width letters and digits are typed by Chinese input methods),
 * without blanks. */
static char *
normalise_credit_code (const char *v)
{
  g_autofree char *n = normalise_value (v);

  return g_ascii_strup (n, -1);
}

static gboolean
parse_enterprise (Import            *imp,
                  const GwCsvRecord *rec,
                  EnterpriseRow     *r,
                  GError           **error)
{
  g_autofree char *raw_code = cell (imp, rec, F_CREDIT_CODE);
  int color = GW_COLOR_GREEN, positive = 0;

  r->name = cell (imp, rec, F_NAME);
  if (*r->name == '\0')
    problem (imp, rec->line, F_NAME, _("the enterprise name is empty"));

  r->code = normalise_credit_code (raw_code);
  if (*raw_code == '\0')
    problem (imp, rec->line, F_CREDIT_CODE, _("the unified social credit code is empty"));
  else if (excel_number (raw_code))
    problem (imp, rec->line, F_CREDIT_CODE,
             _("Excel turned the credit code into the number “%s”; format the column as text "
               "and enter the codes again"), raw_code);
  else
    {
      g_autoptr(GError) local = NULL;

      if (!gw_credit_code_validate (r->code, &local))
        problem (imp, rec->line, F_CREDIT_CODE, "%s", local->message);
      else if (!imp->writing && first_time (imp, rec, F_CREDIT_CODE, r->code, r->code))
        {
          gint64 id = db_holder (imp, "SELECT id FROM enterprises WHERE credit_code = ?1",
                                 r->code, error);
          if (id < 0)
            return FALSE;
          if (id > 0)
            problem (imp, rec->line, F_CREDIT_CODE, _("an enterprise with the credit code %s is "
                                                      "already in the database"), r->code);
        }
    }

  if (grid_cells (imp, rec, &r->grid_id) == V_EMPTY)
    problem (imp, rec->line, F_GRID, _("the grid is empty"));
  r->industry = cell (imp, rec, F_INDUSTRY);
  location_cells (imp, rec, &r->has_location, &r->lat, &r->lon);
  enum_cell (imp, rec, F_COLOR, color_words, G_N_ELEMENTS (color_words), TRUE,
             "红码, 黄码, 绿码", &color);
  r->color = color;
  enum_cell (imp, rec, F_POSITIVE, yes_no_words, G_N_ELEMENTS (yes_no_words), FALSE,
             "是, 否", &positive);
  r->positive = positive != 0;
  staff_cell (imp, rec, F_SUPERVISOR, &r->supervisor_id);
  return TRUE;
}

static gboolean
write_enterprise (Import        *imp,
                  EnterpriseRow *r,
                  guint          line,
                  GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (imp->store, "INSERT INTO enterprises (name, credit_code, grid_id,"
                                       " industry, lat, lon, color, positive_list, supervisor_id)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, r->code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, r->grid_id);
  gw_store_bind_text_or_null (stmt, 4, *r->industry ? r->industry : NULL);
  if (r->has_location)
    {
      sqlite3_bind_double (stmt, 5, r->lat);
      sqlite3_bind_double (stmt, 6, r->lon);
    }
  sqlite3_bind_text (stmt, 7, gw_color_to_id (r->color), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, r->positive ? 1 : 0);
  gw_store_bind_id_or_null (stmt, 9, r->supervisor_id);
  if (!STEP_DONE (imp->store, stmt, _("adding an enterprise"), error))
    return store_failed (imp, line, error);
  return TRUE;
}

/* ---- hazards ------------------------------------------------------------------------ */

typedef struct {
  char       *number, *title, *description, *unit, *campaign;
  gint64      grid_id, enterprise_id, found_by, responsible_id;
  gboolean    has_location;
  double      lat, lon;
  char        found[11], deadline[11], closed[11];
  GwSource    source;
  GwField     field;
  GwUrgency   urgency;
  GwLevel     level;
  GwMeasure   measure;
  GwState     state;
} HazardRow;

static void
hazard_row_clear (HazardRow *r)
{
  g_free (r->number);
  g_free (r->title);
  g_free (r->description);
  g_free (r->unit);
  g_free (r->campaign);
  memset (r, 0, sizeof *r);
}

/* "2026-430421-": the part of a number gw_store_hazard_add counts within. */
static gboolean
number_prefix (const char *number,
               char        prefix[13],
               gint64     *seq)
{
  if (strlen (number) <= 12 || strspn (number, "0123456789") != 4 || number[4] != '-' ||
      strspn (number + 5, "0123456789") != 6 || number[11] != '-')
    return FALSE;
  memcpy (prefix, number, 12);
  prefix[12] = '\0';
  /* As SQLite's CAST (substr (number, 13) AS INTEGER): the leading digits. */
  *seq = g_ascii_strtoll (number + 12, NULL, 10);
  if (!g_ascii_isdigit (number[12]))
    *seq = 0;
  return TRUE;
}

static Value
enterprise_cell (Import            *imp,
                 const GwCsvRecord *rec,
                 gint64            *out)
{
  g_autofree char *v = cell (imp, rec, F_ENTERPRISE);
  g_autofree char *code = NULL;
  gint64 id;

  *out = 0;
  if (*v == '\0')
    return V_EMPTY;
  code = normalise_credit_code (v);
  if ((id = get_id (imp->ent_codes, code)) > 0)
    {
      *out = id;
      return V_OK;
    }
  return by_name (imp, rec->line, F_ENTERPRISE, imp->ent_names, v,
                  _("more than one enterprise is called “%s”; give its credit code"),
                  _("no enterprise has the name or credit code “%s” (import the enterprises "
                    "first)"), out);
}

static gboolean
parse_hazard (Import            *imp,
              const GwCsvRecord *rec,
              HazardRow         *r,
              GError           **error)
{
  Value level_v, urgency_v, measure_v, deadline_v, responsible_v, state_v, closed_v, found_v;
  Value grid_v;
  int source = GW_SOURCE_PATROL, field = GW_FIELD_OTHER, urgency = 0, level = 0, measure = 0;
  int state = GW_STATE_REPORTED;
  guint line = rec->line;

  r->number = cell (imp, rec, F_NUMBER);
  if (*r->number != '\0')
    {
      gboolean bad = FALSE;

      for (const char *p = r->number; *p; p++)
        bad |= (guchar) *p < 0x20;
      if (bad || g_utf8_strlen (r->number, -1) > MAX_NUMBER)
        problem (imp, line, F_NUMBER, _("“%s” is not a hazard number (at most %u characters, "
                                        "on one line)"), r->number, MAX_NUMBER);
      else if (!imp->writing && first_time (imp, rec, F_NUMBER, r->number, r->number))
        {
          char prefix[13];
          gint64 seq, id;

          id = db_holder (imp, "SELECT id FROM hazards WHERE number = ?1", r->number, error);
          if (id < 0)
            return FALSE;
          if (id > 0)
            problem (imp, line, F_NUMBER, _("the hazard %s is already in the database"),
                     r->number);
          if (number_prefix (r->number, prefix, &seq) &&
              seq > get_id (imp->number_max, prefix))
            put_id (imp->number_max, prefix, seq);
        }
    }
  else
    g_clear_pointer (&r->number, g_free);

  r->title = cell (imp, rec, F_TITLE);
  if (*r->title == '\0')
    problem (imp, line, F_TITLE, _("the title is empty"));
  r->description = cell (imp, rec, F_DESCRIPTION);
  grid_v = grid_cells (imp, rec, &r->grid_id);
  if (grid_v == V_EMPTY)
    problem (imp, line, F_GRID, _("the grid is empty"));
  enterprise_cell (imp, rec, &r->enterprise_id);
  found_v = date_cell (imp, rec, F_FOUND_DATE, TRUE, r->found);
  if (found_v == V_EMPTY)
    problem (imp, line, F_FOUND_DATE, _("the day found is empty"));
  staff_cell (imp, rec, F_FOUND_BY, &r->found_by);
  enum_cell (imp, rec, F_SOURCE, source_words, G_N_ELEMENTS (source_words), TRUE,
             "巡查, 研判, 信访, 督察, 在线监控, 举报", &source);
  r->source = source;
  enum_cell (imp, rec, F_FIELD, field_words, G_N_ELEMENTS (field_words), TRUE,
             "大气, 水, 土壤, 固废, 噪声, 辐射, 其他", &field);
  r->field = field;
  urgency_v = enum_cell (imp, rec, F_URGENCY, urgency_words, G_N_ELEMENTS (urgency_words), TRUE,
                         "不容迟疑, 不惜代价, 不留空档", &urgency);
  r->urgency = urgency;
  level_v = enum_cell (imp, rec, F_LEVEL, level_words, G_N_ELEMENTS (level_words), FALSE,
                       "重大, 较大, 一般, 低 (Ⅰ, Ⅱ, Ⅲ, Ⅳ)", &level);
  r->level = level;
  measure_v = enum_cell (imp, rec, F_MEASURE, measure_words, G_N_ELEMENTS (measure_words), TRUE,
                         "风险管控, 限期整治, 立行立改", &measure);
  r->measure = measure;
  r->unit = cell (imp, rec, F_RESPONSIBLE_UNIT);
  responsible_v = staff_cell (imp, rec, F_RESPONSIBLE, &r->responsible_id);
  deadline_v = date_cell (imp, rec, F_DEADLINE, FALSE, r->deadline);
  state_v = enum_cell (imp, rec, F_STATE, state_words, G_N_ELEMENTS (state_words), FALSE,
                       "已上报, 整改中, 待验收, 已降级, 已销号", &state);
  r->state = state;
  closed_v = date_cell (imp, rec, F_CLOSED_DATE, TRUE, r->closed);
  location_cells (imp, rec, &r->has_location, &r->lat, &r->lon);
  r->campaign = cell (imp, rec, F_CAMPAIGN);
  if (*r->campaign != '\0' && !g_hash_table_contains (imp->campaigns, r->campaign))
    put_id (imp->campaigns, r->campaign, 0);

  /* Can the state follow from what the row gives? */
  if (state_v != V_BAD)
    {
      const char *state_zh = gw_state_zh (r->state);

      if (r->state == GW_STATE_RECTIFYING || r->state == GW_STATE_VERIFYING ||
          r->state == GW_STATE_DOWNGRADED)
        {
          g_autoptr(GString) missing = g_string_new (NULL);
          struct { Value v; Field f; } needs[] = {
            { level_v, F_LEVEL }, { urgency_v, F_URGENCY }, { measure_v, F_MEASURE },
            { deadline_v, F_DEADLINE }, { responsible_v, F_RESPONSIBLE },
          };

          for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
            if (needs[i].v == V_EMPTY)
              g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
                                      field_name (imp, needs[i].f));
          if (missing->len > 0)
            problem (imp, line, F_STATE, _("a hazard that is %s has been assessed: it needs %s"),
                     state_zh, missing->str);
        }
      if (r->state == GW_STATE_CLOSED && closed_v == V_EMPTY)
        problem (imp, line, F_STATE, _("a hazard that is %s needs the %s"), state_zh,
                 field_name (imp, F_CLOSED_DATE));
      if (r->state != GW_STATE_CLOSED && closed_v == V_OK)
        problem (imp, line, F_CLOSED_DATE, _("a day closed is given but the hazard is %s"),
                 state_zh);
      if (r->state == GW_STATE_REPORTED && level_v == V_OK)
        problem (imp, line, F_LEVEL, _("a hazard that is %s has no risk level yet (the level "
                                       "comes with the assessment); give the state it is in "
                                       "now"), state_zh);
    }
  /* The importer may only bring in what they could have recorded themselves. */
  if (!imp->writing && imp->opts->actor_id > 0 && grid_v == V_OK && state_v != V_BAD)
    {
      g_autoptr(GError) local = NULL;
      const char *name = r->number ? r->number : r->title;
      GwTransition t = GW_N_TRANSITIONS;

      switch (r->state)
        {
        case GW_STATE_RECTIFYING: t = GW_TRANSITION_ASSESS; break;
        case GW_STATE_VERIFYING:  t = GW_TRANSITION_REPORT_DONE; break;
        case GW_STATE_DOWNGRADED: t = GW_TRANSITION_DOWNGRADE; break;
        case GW_STATE_CLOSED:
          t = level_v == V_OK ? GW_TRANSITION_CLOSE : GW_TRANSITION_UNFOUNDED;
          break;
        case GW_STATE_REPORTED:
        case GW_N_STATES:
        default:
          break;
        }
      if (!gw_store_authorize (imp->store, imp->opts->actor_id, GW_ACTION_ADD, r->grid_id,
                               name, &local))
        problem (imp, line, F_GRID, "%s", local->message);
      else if (t != GW_N_TRANSITIONS &&
               !gw_store_authorize_move (imp->store, imp->opts->actor_id, t, r->grid_id, name,
                                         &local))
        problem (imp, line, F_STATE, "%s", local->message);
    }

  if (found_v == V_OK && deadline_v == V_OK && strcmp (r->deadline, r->found) < 0)
    problem (imp, line, F_DEADLINE, _("the deadline %s is before the day found, %s"),
             r->deadline, r->found);
  if (found_v == V_OK && closed_v == V_OK && strcmp (r->closed, r->found) < 0)
    problem (imp, line, F_CLOSED_DATE, _("the day closed, %s, is before the day found, %s"),
             r->closed, r->found);
  return TRUE;
}

static char *
assign_number (Import     *imp,
               HazardRow  *r,
               GError    **error)
{
  Grid *g = g_hash_table_lookup (imp->grid_info, &r->grid_id);
  g_autofree char *prefix = NULL;
  gint64 next;

  g_return_val_if_fail (g != NULL, NULL);
  prefix = g_strdup_printf ("%.4s-%s-", r->found, g->county_code);
  next = get_id (imp->number_next, prefix);
  if (next == 0)
    {
      sqlite3_stmt *stmt;
      gint64 last = 0;

      /* As gw-hazard.c's next_number, and above any number the file gives. */
      stmt = gw_store_prepare (imp->store, "SELECT max (CAST (substr (number, 13) AS INTEGER))"
                                           " FROM hazards WHERE number > ?1 AND number < ?1 || '~'",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        last = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      next = MAX (last, get_id (imp->number_max, prefix));
    }
  next++;
  put_id (imp->number_next, prefix, next);
  return g_strdup_printf ("%s%04" G_GINT64_FORMAT, prefix, next);
}

/* The details of the import event: every tracked field the row sets, so that
 * replaying the history gives the row. NULL when the create event says it all. */
static char *
import_details (const HazardRow *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean any = FALSE;

  json_builder_begin_object (b);
  if (r->state != GW_STATE_REPORTED)
    {
      gw_event_detail (b, "state", "reported", gw_state_to_id (r->state));
      any = TRUE;
    }
  if (r->level != GW_LEVEL_NONE)
    {
      gw_event_detail (b, "level", NULL, gw_level_to_id (r->level));
      any = TRUE;
    }
  if (r->urgency != GW_URGENCY_NONE)
    {
      gw_event_detail (b, "urgency", NULL, gw_urgency_to_id (r->urgency));
      any = TRUE;
    }
  if (r->measure != GW_MEASURE_NONE)
    {
      gw_event_detail (b, "measure", NULL, gw_measure_to_id (r->measure));
      any = TRUE;
    }
  if (*r->deadline)
    {
      gw_event_detail (b, "deadline", NULL, r->deadline);
      any = TRUE;
    }
  if (r->responsible_id > 0)
    {
      char id[24];
      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, r->responsible_id);
      gw_event_detail (b, "responsible", NULL, id);
      any = TRUE;
    }
  if (*r->closed)
    {
      gw_event_detail (b, "closed_date", NULL, r->closed);
      any = TRUE;
    }
  json_builder_end_object (b);
  return any ? gw_json_builder_to_string (b) : NULL;
}

static gboolean
write_hazard (Import     *imp,
              HazardRow  *r,
              guint       line,
              GError    **error)
{
  g_autofree char *number = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *note = NULL;
  g_autofree char *details = NULL;
  gint64 id, campaign_id = 0;
  sqlite3_stmt *stmt;

  number = r->number ? g_strdup (r->number) : assign_number (imp, r, error);
  if (number == NULL)
    return store_failed (imp, line, error);

  if (*r->campaign != '\0')
    {
      campaign_id = get_id (imp->campaigns, r->campaign);
      if (campaign_id == 0)
        {
          campaign_id = gw_store_campaign_add (imp->store, r->campaign, NULL, NULL, error);
          if (campaign_id == 0)
            return store_failed (imp, line, error);
          put_id (imp->campaigns, r->campaign, campaign_id);
          imp->result->campaigns_created++;
        }
    }

  stmt = gw_store_prepare (imp->store, "INSERT INTO hazards (number, title, description, grid_id,"
                                       " enterprise_id, lat, lon, found_date, found_by, source,"
                                       " field, campaign_id, state, level, urgency, measure,"
                                       " responsible_unit, responsible_id, deadline, closed_date)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                                       " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)", error);
  if (stmt == NULL)
    return store_failed (imp, line, error);
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, r->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, r->description, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, r->grid_id);
  gw_store_bind_id_or_null (stmt, 5, r->enterprise_id);
  if (r->has_location)
    {
      sqlite3_bind_double (stmt, 6, r->lat);
      sqlite3_bind_double (stmt, 7, r->lon);
    }
  sqlite3_bind_text (stmt, 8, r->found, -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 9, r->found_by);
  sqlite3_bind_text (stmt, 10, gw_source_to_id (r->source), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, gw_field_to_id (r->field), -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 12, campaign_id);
  sqlite3_bind_text (stmt, 13, gw_state_to_id (r->state), -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 14, gw_nz (gw_level_to_id (r->level)));
  gw_store_bind_text_or_null (stmt, 15, gw_nz (gw_urgency_to_id (r->urgency)));
  gw_store_bind_text_or_null (stmt, 16, gw_nz (gw_measure_to_id (r->measure)));
  gw_store_bind_text_or_null (stmt, 17, gw_nz (r->unit));
  gw_store_bind_id_or_null (stmt, 18, r->responsible_id);
  gw_store_bind_text_or_null (stmt, 19, gw_nz (r->deadline));
  gw_store_bind_text_or_null (stmt, 20, gw_nz (r->closed));
  if (!STEP_DONE (imp->store, stmt, _("adding a hazard"), error))
    return store_failed (imp, line, error);
  id = sqlite3_last_insert_rowid (gw_store_get_db (imp->store));

  doc = gw_hazard_fts_doc (number, r->title, r->description);
  if (!gw_store_fts_update (imp->store, id, NULL, doc, error))
    return store_failed (imp, line, error);

  /* TRANSLATORS: the note of an imported hazard's events: file name and line. */
  note = g_strdup_printf (_("imported from %s line %u"), imp->basename, line);
  if (!gw_store_event_insert (imp->store, &imp->cursor, imp->at, id, r->found, imp->actor_id,
                              imp->actor, "create", NULL, NULL, "reported", note,
                              "{\"state\":[null,\"reported\"]}", error))
    return store_failed (imp, line, error);
  details = import_details (r);
  if (details != NULL &&
      !gw_store_event_insert (imp->store, &imp->cursor, imp->at, id,
                              *r->closed ? r->closed : r->found, imp->actor_id, imp->actor,
                              "import", NULL, "reported", gw_state_to_id (r->state), note,
                              details, error))
    return store_failed (imp, line, error);
  return TRUE;
}

/* ---- the passes -------------------------------------------------------------------- */

/* Parses one row; in the second pass writes it as well. */
static gboolean
handle_row (Import            *imp,
            const GwCsvRecord *rec,
            GError           **error)
{
  gboolean ok = TRUE;

  switch (imp->kind)
    {
    case GW_IMPORT_STAFF:
      {
        StaffRow r = { 0 };
        ok = parse_staff (imp, rec, &r, error) &&
             (!imp->writing || write_staff (imp, &r, rec->line, error));
        staff_row_clear (&r);
      }
      break;
    case GW_IMPORT_ENTERPRISES:
      {
        EnterpriseRow r = { 0 };
        ok = parse_enterprise (imp, rec, &r, error) &&
             (!imp->writing || write_enterprise (imp, &r, rec->line, error));
        enterprise_row_clear (&r);
      }
      break;
    case GW_IMPORT_HAZARDS:
      {
        HazardRow r = { 0 };
        ok = parse_hazard (imp, rec, &r, error) &&
             (!imp->writing || write_hazard (imp, &r, rec->line, error));
        hazard_row_clear (&r);
      }
      break;
    case GW_N_IMPORT_KINDS:
    default:
      g_assert_not_reached ();
    }
  return ok;
}

static gboolean
cancelled (Import  *imp,
           GError **error)
{
  if (!g_cancellable_is_cancelled (imp->cancellable))
    return FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               _("%s: the import was cancelled; nothing was imported"), imp->label);
  return TRUE;
}

static void
progress_report (Import     *imp,
                 double      fraction,
                 const char *what)
{
  if (imp->progress)
    imp->progress (CLAMP (fraction, 0.0, 1.0), what, imp->user_data);
}

/* Reads the data rows after the header. The first pass counts them and collects
 * problems; the second writes. */
static gboolean
run_pass (Import     *imp,
          const char *text,
          gsize       length,
          GError    **error)
{
  g_autoptr(GwCsvReader) reader = gw_csv_reader_new (imp->label, text, length);
  g_autoptr(GError) local = NULL;
  GwCsvRecord rec = { 0 };
  double base = imp->writing ? 0.5 : 0.05, span = imp->writing ? 0.5 : 0.45;
  const char *what = imp->writing ? _("Writing") : _("Checking rows");
  guint n = 0;
  gboolean ok = TRUE;

  while (gw_csv_reader_next (reader, &rec, &local))
    {
      if (rec.line <= imp->result->header_line)
        continue;
      if (gw_csv_record_is_blank (&rec))
        continue;
      if (++n % STEP == 0)
        {
          if (cancelled (imp, error))
            {
              ok = FALSE;
              break;
            }
          progress_report (imp, base + span * gw_csv_reader_fraction (reader), what);
        }
      if (!imp->writing)
        imp->result->rows++;
      if (rec.problem != NULL)
        {
          problem (imp, rec.line, F_NONE, "%s", rec.problem);
          continue;
        }
      if (rec.n_fields != imp->n_cols)
        {
          problem (imp, rec.line, F_NONE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the row has %u field; the header (line %u) has %u",
                                "the row has %u fields; the header (line %u) has %u",
                                rec.n_fields),
                   rec.n_fields, imp->result->header_line, imp->n_cols);
          continue;
        }
      if (!handle_row (imp, &rec, error))
        {
          ok = FALSE;
          break;
        }
      if (imp->writing)
        imp->result->imported++;
    }
  gw_csv_record_clear (&rec);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return ok;
}

/* Which field each column gives; FALSE with an error for a bad mapping or a
 * field given twice. */
static gboolean
assign_columns (Import            *imp,
                const GwCsvRecord *header,
                GError           **error)
{
  const KindSpec *k = &kinds[imp->kind];

  imp->n_cols = header->n_fields;
  imp->headers = g_new0 (char *, header->n_fields + 1);
  imp->col_field = g_new0 (Field, header->n_fields);
  for (guint f = 0; f < N_F; f++)
    imp->field_col[f] = -1;

  for (guint c = 0; c < header->n_fields; c++)
    {
      const char *mapped = NULL, *id = NULL;
      Field f = F_NONE;

      imp->headers[c] = gw_csv_strip (header->fields[c]);
      if (imp->opts->mapping)
        mapped = g_hash_table_lookup (imp->opts->mapping, imp->headers[c]);
      if (mapped != NULL)
        {
          const FieldSpec *s = spec_by_id (imp->kind, mapped);
          f = s ? s->field : F_IGNORE;
        }
      else if (*imp->headers[c] != '\0')
        f = guess_field (imp->kind, imp->headers[c], &id);
      imp->col_field[c] = f;
      if (f == F_NONE)
        {
          if (*imp->headers[c] != '\0')
            g_ptr_array_add (imp->result->ignored_columns, g_strdup (imp->headers[c]));
          continue;
        }
      if (f == F_IGNORE)
        continue;
      if (imp->field_col[f] >= 0)
        {
          const FieldSpec *s = spec_by_field (imp->kind, f);
          g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_HEADER,
                       _("%s line %u: the columns “%s” and “%s” both give the %s; map one of "
                         "them to “ignore”"), imp->label, header->line,
                       imp->headers[imp->field_col[f]], imp->headers[c],
                       s ? g_dgettext (GETTEXT_PACKAGE, s->label) : "?");
          return FALSE;
        }
      imp->field_col[f] = c;
    }

  if (imp->opts->mapping)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, imp->opts->mapping);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          gboolean found = FALSE;
          for (guint c = 0; c < imp->n_cols && !found; c++)
            found = g_strcmp0 (imp->headers[c], key) == 0;
          if (!found)
            {
              g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_MAPPING,
                           _("%s line %u: the mapping names the column “%s”, which the file "
                             "does not have"), imp->label, header->line, (const char *) key);
              return FALSE;
            }
        }
    }

  {
    g_autoptr(GString) missing = g_string_new (NULL);

    for (guint i = 0; i < k->n_fields; i++)
      {
        const FieldSpec *s = &k->fields[i];
        g_auto(GStrv) names = NULL;

        if (!s->required || imp->field_col[s->field] >= 0)
          continue;
        if (s->field == F_GRID && imp->field_col[F_GRID_CODE] >= 0)
          continue;
        names = g_strsplit (s->headers, "|", 3);
        g_string_append_printf (missing, "%s%s (%s%s%s)", missing->len ? ", " : "",
                                g_dgettext (GETTEXT_PACKAGE, s->label), names[0],
                                names[1] ? ", " : "", names[1] ? names[1] : "");
      }
    if (missing->len > 0)
      {
        g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_HEADER,
                     _("%s line %u: no column gives: %s; name the columns so, or map them"),
                     imp->label, header->line, missing->str);
        return FALSE;
      }
  }
  return TRUE;
}

/* The header is the first of the first rows that names at least two fields
 * (or one, when the mapping names it). */
static gboolean
find_header (Import     *imp,
             const char *text,
             gsize       length,
             GError    **error)
{
  g_autoptr(GwCsvReader) reader = gw_csv_reader_new (imp->label, text, length);
  g_autoptr(GError) local = NULL;
  GwCsvRecord rec = { 0 };
  guint n = 0;

  while (n < HEADER_SEARCH && gw_csv_reader_next (reader, &rec, &local))
    {
      guint known = 0;
      gboolean mapped = FALSE;

      n++;
      for (guint c = 0; c < rec.n_fields; c++)
        {
          g_autofree char *h = gw_csv_strip (rec.fields[c]);
          const char *id = NULL;

          if (imp->opts->mapping && g_hash_table_contains (imp->opts->mapping, h))
            {
              known++;
              mapped = TRUE;
            }
          else if (*h && guess_field (imp->kind, h, &id) > F_IGNORE)
            known++;
        }
      if (known >= 2 || (mapped && known >= 1))
        {
          gboolean ok;

          imp->result->header_line = rec.line;
          ok = assign_columns (imp, &rec, error);
          gw_csv_record_clear (&rec);
          return ok;
        }
    }
  gw_csv_record_clear (&rec);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (n == 0)
    g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_EMPTY, _("%s is empty"), imp->label);
  else
    {
      const KindSpec *k = &kinds[imp->kind];
      const FieldSpec *first = NULL, *second = NULL;
      g_auto(GStrv) a = NULL;
      g_auto(GStrv) b = NULL;

      for (guint i = 0; i < k->n_fields; i++)
        if (k->fields[i].required)
          {
            if (first == NULL)
              first = &k->fields[i];
            else if (second == NULL)
              second = &k->fields[i];
          }
      a = g_strsplit (first->headers, "|", 2);
      b = g_strsplit (second->headers, "|", 2);

      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_HEADER,
                   _("%s line 1: no header row: none of the first %u rows names the columns "
                     "(such as “%s” and “%s”)"), imp->label, n, a[0], b[0]);
    }
  return FALSE;
}

static void
refuse (Import  *imp,
        GError **error)
{
  GwImportResult *res = imp->result;
  g_autoptr(GString) msg = g_string_new (NULL);

  g_string_append_printf (msg, g_dngettext (GETTEXT_PACKAGE,
                                            "%s: refused, nothing was imported (%u problem):",
                                            "%s: refused, nothing was imported (%u problems):",
                                            res->n_problems),
                          imp->label, res->n_problems);
  for (guint i = 0; i < res->problems->len && i < MAX_LISTED; i++)
    {
      GwImportProblem *p = res->problems->pdata[i];

      g_string_append_c (msg, '\n');
      if (p->column && *p->column)
        g_string_append_printf (msg, _("%s line %u, column “%s”: %s"), imp->label, p->line,
                                p->column, p->message);
      else
        g_string_append_printf (msg, _("%s line %u: %s"), imp->label, p->line, p->message);
    }
  if (res->n_problems > MAX_LISTED)
    {
      g_string_append_c (msg, '\n');
      g_string_append_printf (msg, g_dngettext (GETTEXT_PACKAGE, "… and %u more problem",
                                                "… and %u more problems",
                                                res->n_problems - MAX_LISTED),
                              res->n_problems - MAX_LISTED);
    }
  g_set_error_literal (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_ROWS, msg->str);
}

static void
import_clear (Import *imp)
{
  g_free (imp->basename);
  g_strfreev (imp->headers);
  g_free (imp->col_field);
  g_clear_pointer (&imp->grid_codes, g_hash_table_unref);
  g_clear_pointer (&imp->grid_names, g_hash_table_unref);
  g_clear_pointer (&imp->grid_info, g_hash_table_unref);
  g_clear_pointer (&imp->staff_names, g_hash_table_unref);
  g_clear_pointer (&imp->staff_ids, g_hash_table_unref);
  g_clear_pointer (&imp->ent_codes, g_hash_table_unref);
  g_clear_pointer (&imp->ent_names, g_hash_table_unref);
  g_clear_pointer (&imp->campaigns, g_hash_table_unref);
  g_clear_pointer (&imp->seen, g_hash_table_unref);
  g_clear_pointer (&imp->number_max, g_hash_table_unref);
  g_clear_pointer (&imp->number_next, g_hash_table_unref);
  g_free (imp->at);
  g_free (imp->actor);
}

gboolean
gw_import_csv_data (GwStore                *store,
                    const char             *label,
                    const char             *data,
                    gsize                   length,
                    const GwImportOptions  *options,
                    GwProgressFunc          progress,
                    gpointer                user_data,
                    GCancellable           *cancellable,
                    GwImportResult         *result,
                    GError                **error)
{
  g_autofree char *text = NULL;
  GwImportResult local_result = { 0 };
  Import imp = { 0 };
  gsize text_length = 0;
  gboolean ok = FALSE, in_transaction = FALSE;
  GDate today;

  g_return_val_if_fail (GW_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && options->kind < GW_N_IMPORT_KINDS, FALSE);

  if (result == NULL)
    result = &local_result;
  else
    gw_import_result_clear (result);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_import_problem_free);
  result->ignored_columns = g_ptr_array_new_with_free_func (g_free);

  imp.store = store;
  imp.label = label;
  imp.basename = g_path_get_basename (label);
  imp.kind = options->kind;
  imp.opts = options;
  imp.result = result;
  imp.progress = progress;
  imp.user_data = user_data;
  imp.cancellable = cancellable;
  imp.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.number_max = id_table ();
  imp.number_next = id_table ();
  gw_date_today (&today);
  {
    g_autofree char *t = gw_date_to_string (&today);
    g_strlcpy (imp.today, t, sizeof imp.today);
  }

  progress_report (&imp, 0, _("Reading"));
  text = gw_csv_decode (label, data, length, options->encoding, &result->encoding, &text_length,
                        error);
  if (text == NULL || !find_header (&imp, text, text_length, error))
    goto out;

  if (!gw_store_begin (store, error))
    {
      store_failed (&imp, 0, error);
      goto out;
    }
  in_transaction = TRUE;
  if (!load_tables (&imp, error) || !run_pass (&imp, text, text_length, error))
    goto out;
  if (result->n_problems > 0)
    {
      refuse (&imp, error);
      goto out;
    }
  if (result->rows == 0)
    {
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_EMPTY,
                   _("%s line %u: there is a header but no rows; nothing was imported"), label,
                   result->header_line);
      goto out;
    }

  imp.writing = TRUE;
  imp.at = gw_store_now_iso8601 ();
  imp.actor_id = options->actor_id;
  if (options->actor_id > 0)
    imp.actor = gw_store_staff_name (store, options->actor_id);
  if (imp.actor == NULL)
    {
      imp.actor = g_strdup_printf ("system:%s", g_get_user_name ());
      imp.actor_id = 0;
    }
  if (!gw_store_chain_cursor (store, &imp.cursor, error) ||
      !run_pass (&imp, text, text_length, error))
    goto out;
  if (result->n_problems > 0)
    {
      /* Cannot happen: the second pass reads what the first accepted. */
      refuse (&imp, error);
      goto out;
    }
  if (options->dry_run)
    {
      gw_store_rollback (store);
      in_transaction = FALSE;
      result->imported = 0;
      ok = TRUE;
      goto out;
    }
  progress_report (&imp, 0.99, _("Saving"));
  in_transaction = FALSE;
  if (!gw_store_commit (store, error))
    {
      store_failed (&imp, 0, error);
      goto out;
    }
  progress_report (&imp, 1, _("Done"));
  ok = TRUE;

out:
  if (in_transaction)
    gw_store_rollback (store);
  if (!ok)
    result->imported = 0;
  import_clear (&imp);
  gw_import_result_clear (&local_result);
  return ok;
}

gboolean
gw_import_csv_file (GwStore                *store,
                    const char             *path,
                    const GwImportOptions  *options,
                    GwProgressFunc          progress,
                    gpointer                user_data,
                    GCancellable           *cancellable,
                    GwImportResult         *result,
                    GError                **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  return gw_import_csv_data (store, path, data, length, options, progress, user_data,
                             cancellable, result, error);
}

GPtrArray *
gw_import_preview (const char     *label,
                   const char     *data,
                   gsize           length,
                   GwCsvEncoding   encoding,
                   guint           max_records,
                   GwCsvEncoding  *used,
                   GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GwCsvReader) reader = NULL;
  g_autofree char *text = NULL;
  GwCsvEncoding enc = GW_CSV_ENCODING_UTF8;
  g_autoptr(GError) local = NULL;
  GwCsvRecord rec = { 0 };
  gsize n = 0;

  text = gw_csv_decode (label, data, length, encoding, &enc, &n, error);
  if (text == NULL)
    return NULL;
  if (used)
    *used = enc;
  reader = gw_csv_reader_new (label, text, n);
  while (rows->len < max_records && gw_csv_reader_next (reader, &rec, &local))
    {
      g_ptr_array_add (rows, g_steal_pointer (&rec.fields));
      gw_csv_record_clear (&rec);
    }
  gw_csv_record_clear (&rec);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* ---- mapping files ------------------------------------------------------------------ */

GHashTable *
gw_import_mapping_load (const char    *path,
                        GwImportKind   kind,
                        GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local = NULL;
  JsonObject *obj;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  g_return_val_if_fail (kind < GW_N_IMPORT_KINDS, NULL);

  if (!json_parser_load_from_file (parser, path, &local))
    {
      if (local->domain == G_FILE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_MAPPING,
                     _("%s is not a JSON file: %s"), path, local->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_MAPPING,
                   _("%s: a mapping is a JSON object {\"CSV header\": \"field\"}"), path);
      return NULL;
    }
  obj = json_node_get_object (node);
  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &member, &node))
    {
      g_autofree char *header = gw_csv_strip (member);
      const char *field = NULL;

      if (JSON_NODE_HOLDS_NULL (node))
        field = "ignore";
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        field = json_node_get_string (node);
      if (field == NULL)
        {
          g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_MAPPING,
                       _("%s: the column “%s” must be mapped to a field name (a string)"),
                       path, member);
          return NULL;
        }
      if (*field == '\0')
        field = "ignore";
      if (g_strcmp0 (field, "ignore") != 0 && spec_by_id (kind, field) == NULL)
        {
          g_autofree char *fields = g_strjoinv (", ", (char **) gw_import_fields (kind));
          g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_MAPPING,
                       _("%s: the column “%s” is mapped to “%s”, which is not a field of %s; "
                         "use one of: %s, ignore"), path, member, field,
                       g_dgettext (GETTEXT_PACKAGE, kinds[kind].noun), fields);
          return NULL;
        }
      g_hash_table_insert (mapping, g_steal_pointer (&header), g_strdup (field));
    }
  return g_steal_pointer (&mapping);
}

/* ---- backups ----------------------------------------------------------------------- */

static void
remove_sidecars (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
}

static void
sync_dir_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* An empty file beside @path with a unique name, for SQLite to fill. */
static char *
temp_beside (const char  *path,
             const char  *what,
             GError     **error)
{
  g_autofree char *template = g_strdup_printf ("%s.%s-XXXXXX", path, what);
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: cannot create a file beside it: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&template);
}

/* Opens a copy and runs the check; the store is closed again. */
static gboolean
check_copy (const char  *path,
            GwStoreOpenFlags flags,
            GString     *report,
            GError     **error)
{
  g_autoptr(GwStore) store = gw_store_open (path, flags, error);

  if (store == NULL)
    return FALSE;
  return gw_store_check (store, report, error);
}

static gboolean
full_disk_error (GError    **error,
                 const char *dest)
{
  /* SQLite reports a write past RLIMIT_FSIZE as an I/O error: say what it is. */
  if (error && *error && (strstr ((*error)->message, "disk I/O error") != NULL ||
                          strstr ((*error)->message, "database or disk is full") != NULL ||
                          g_error_matches (*error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)))
    {
      g_clear_error (error);
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_SQL,
                   _("%s: the copy could not be written: the disk is full or the file is too "
                     "large for it; nothing was changed"), dest);
      return FALSE;
    }
  return FALSE;
}

gboolean
gw_backup_create (GwStore    *store,
                  const char *dest,
                  GString    *report,
                  GError    **error)
{
  return gw_backup_create_full (store, dest, NULL, NULL, report, error);
}

typedef struct {
  GwProgressFunc progress;
  gpointer       user_data;
} ScaledProgress;

static void
copy_progress_cb (double      fraction,
                  const char *what,
                  gpointer    user_data)
{
  ScaledProgress *scaled = user_data;

  scaled->progress (0.8 * fraction, what, scaled->user_data);
}

gboolean
gw_backup_create_full (GwStore        *store,
                       const char     *dest,
                       GwProgressFunc  progress,
                       gpointer        user_data,
                       GString        *report,
                       GError        **error)
{
  ScaledProgress scaled = { progress, user_data };
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (GW_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already exists; a backup is written to a new file"), dest);
      return FALSE;
    }
  if ((tmp = temp_beside (dest, "partial", error)) == NULL)
    return FALSE;
  if (!gw_store_backup_to_full (store, tmp, progress ? copy_progress_cb : NULL, &scaled, &local))
    {
      g_unlink (tmp);
      remove_sidecars (tmp);
      full_disk_error (&local, dest);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (progress)
    progress (0.8, _("Checking the copy"), user_data);
  if (!check_copy (tmp, GW_STORE_OPEN_READONLY, report, &local))
    {
      g_unlink (tmp);
      remove_sidecars (tmp);
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_CORRUPT,
                   _("%s: the copy does not pass the check, so it was not kept: %s"), dest,
                   local->message);
      return FALSE;
    }
  remove_sidecars (tmp);
  if (g_rename (tmp, dest) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: cannot rename the finished copy: %s"), dest, g_strerror (saved));
      return FALSE;
    }
  sync_dir_of (dest);
  if (progress)
    progress (1.0, _("Done"), user_data);
  return TRUE;
}

/* A backup is an archive: reading it must not leave SQLite's -wal and -shm
 * beside it. Removes those that were not there before, when the log is empty. */
typedef struct {
  char     *wal, *shm;
  gboolean  had_wal, had_shm;
} SidecarGuard;

static SidecarGuard *
sidecar_guard_new (const char *path)
{
  SidecarGuard *g = g_new0 (SidecarGuard, 1);

  g->wal = g_strconcat (path, "-wal", NULL);
  g->shm = g_strconcat (path, "-shm", NULL);
  g->had_wal = g_file_test (g->wal, G_FILE_TEST_EXISTS);
  g->had_shm = g_file_test (g->shm, G_FILE_TEST_EXISTS);
  return g;
}

static void
sidecar_guard_free (SidecarGuard *g)
{
  GStatBuf st;

  if (!g->had_wal && g_stat (g->wal, &st) == 0 && st.st_size == 0)
    {
      g_unlink (g->wal);
      if (!g->had_shm)
        g_unlink (g->shm);
    }
  g_free (g->wal);
  g_free (g->shm);
  g_free (g);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SidecarGuard, sidecar_guard_free)

gboolean
gw_backup_check (const char  *backup_path,
                 GString     *report,
                 GError     **error)
{
  g_autoptr(GError) local = NULL;
  /* Declared first, so that it is cleaned up after the store is closed. */
  g_autoptr(SidecarGuard) guard = NULL;
  g_autoptr(GwStore) backup = NULL;

  g_return_val_if_fail (backup_path != NULL, FALSE);

  guard = sidecar_guard_new (backup_path);
  backup = gw_store_open (backup_path, GW_STORE_OPEN_READONLY, &local);
  if (backup == NULL || !gw_store_check (backup, report, &local))
    {
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE,
                   _("%s cannot be restored: %s"), backup_path, local->message);
      return FALSE;
    }
  return TRUE;
}

/* The first free name among PATH.before-restore, PATH.before-restore-2, … */
static char *
free_before_name (const char *db_path)
{
  char *name = g_strconcat (db_path, ".before-restore", NULL);

  for (guint i = 2; g_file_test (name, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s.before-restore-%u", db_path, i);
    }
  return name;
}

/* Empties the write-ahead log into the file and leaves WAL mode, which only
 * works when no other connection has the database open. */
static gboolean
quiesce (const char  *db_path,
         gboolean    *usable,
         GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GwStore) store = gw_store_open (db_path, GW_STORE_OPEN_DEFAULT, &local);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  *usable = store != NULL;
  if (store == NULL)
    return TRUE;   /* damaged or not ours: restoring is the remedy; it is kept as it is */

  sqlite3_busy_timeout (gw_store_get_db (store), 2000);
  /* Other connections that are closing (a window's reader threads finishing)
   * let go within moments: a few tries before the file counts as in use. */
  for (guint attempt = 0; !ok && attempt < 10; attempt++)
    {
      if (attempt > 0)
        g_usleep (300 * G_USEC_PER_SEC / 1000);
      if (sqlite3_prepare_v2 (gw_store_get_db (store), "PRAGMA journal_mode = DELETE", -1, &stmt,
                              NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW &&
          g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0)
        ok = TRUE;
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  if (!ok)
    g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE,
                 _("%s is in use by another program (is Gridwatch open?); close it and restore "
                   "again. Nothing was changed."), db_path);
  return ok;
}

gboolean
gw_backup_restore (const char  *db_path,
                   const char  *backup_path,
                   char       **kept_as,
                   GString     *report,
                   GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *before = NULL;
  gboolean usable = FALSE;

  g_return_val_if_fail (db_path != NULL && backup_path != NULL, FALSE);
  if (kept_as)
    *kept_as = NULL;

  {
    /* Declared first, so that it is cleaned up after the store is closed. */
    g_autoptr(SidecarGuard) guard = sidecar_guard_new (backup_path);
    g_autoptr(GwStore) backup = NULL;

    backup = gw_store_open (backup_path, GW_STORE_OPEN_READONLY, &local);

    if (backup == NULL || !gw_store_check (backup, report, &local))
      {
        g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE,
                     _("%s cannot be restored: %s. %s was not changed."), backup_path,
                     local->message, db_path);
        return FALSE;
      }
    if ((tmp = temp_beside (db_path, "restoring", error)) == NULL)
      return FALSE;
    if (!gw_store_backup_to (backup, tmp, &local))
      {
        g_unlink (tmp);
        remove_sidecars (tmp);
        full_disk_error (&local, db_path);
        g_propagate_prefixed_error (error, g_steal_pointer (&local), _("Nothing was restored: "));
        return FALSE;
      }
  }

  /* The copy as it landed on disk, opened as the program will open it. */
  if (!check_copy (tmp, GW_STORE_OPEN_DEFAULT, NULL, &local))
    {
      g_unlink (tmp);
      remove_sidecars (tmp);
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_RESTORE,
                   _("The copy of %s does not pass the check: %s. %s was not changed."),
                   backup_path, local->message, db_path);
      return FALSE;
    }
  remove_sidecars (tmp);

  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      if (!quiesce (db_path, &usable, error))
        {
          g_unlink (tmp);
          return FALSE;
        }
      before = free_before_name (db_path);
      /* A hard link keeps the database in place until the rename replaces it. */
      if (link (db_path, before) != 0 && g_rename (db_path, before) != 0)
        {
          int saved = errno;
          g_unlink (tmp);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("%s: cannot keep the current database as %s: %s. Nothing was changed."),
                       db_path, before, g_strerror (saved));
          return FALSE;
        }
      if (!usable)
        {
          /* A log that belongs to the old file must not be replayed into the new one. */
          g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
          g_autofree char *before_wal = g_strconcat (before, "-wal", NULL);

          if (g_file_test (wal, G_FILE_TEST_EXISTS))
            g_rename (wal, before_wal);
        }
    }
  remove_sidecars (db_path);
  if (g_rename (tmp, db_path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: cannot put the restored copy in place: %s"), db_path,
                   g_strerror (saved));
      return FALSE;
    }
  sync_dir_of (db_path);
  if (kept_as)
    *kept_as = g_steal_pointer (&before);
  return TRUE;
}
