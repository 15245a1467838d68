/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gw-credit-code.h"
#include "gw-demo.h"
#include "gw-geometry.h"
#include "gw-schema.h"
#include "gw-store-private.h"
#include "gw-townships-data.h"

/* The demo city: real names and division codes of 衡阳市's townships, with
 * synthetic geometry (Voronoi cells around generated seed points), people,
 * enterprises and hazards. Everything comes from one GRand, so a seed and a
 * date give the same database byte for byte in content. */

typedef struct {
  char    *code;       /* 6 digits */
  char    *name;
  gint64   id;
  GwPoint  center;
  double   spread;
  guint    n_towns;
  guint    serial;     /* last hazard number given */
} County;

typedef struct {
  char    *code;       /* 12 digits */
  char    *name;
  County  *county;
  gint64   id;
  GwPoint  seed;
  GwRing  *cell;
  gint64   chief, members[3];
  guint    n_members;
  gint64   supervisor;
  GArray  *enterprises;  /* gint64 */
  GArray  *ent_points;   /* GwPoint */
} Grid;

typedef struct {
  GwStore        *store;
  GRand          *rand;
  GDate           today;
  GPtrArray      *counties;
  GPtrArray      *grids;
  GHashTable     *names;        /* staff names in use */
  GArray         *regulation;   /* gint64 staff ids of 督办科 */
  GHashTable     *staff_names;  /* id → name */
  GwChainCursor   chain;
  GwProgressFunc  progress;
  gpointer        user_data;
  gint64          campaign;
  GPtrArray      *pending;      /* of Pending: events of the hazard being built */
} Demo;

/* An event waiting for its hazard's row, which is written once, in its final state. */
typedef struct {
  char   *date, *kind, *name, *from, *to, *note, *details;
  gint64  actor;
} Pending;

static void
pending_free (Pending *p)
{
  g_free (p->date);
  g_free (p->kind);
  g_free (p->name);
  g_free (p->from);
  g_free (p->to);
  g_free (p->note);
  g_free (p->details);
  g_free (p);
}

/* Approximate positions of the county-level units relative to the city centre, in degrees. */
static const struct { const char *code; double dx, dy, spread; } layout[] = {
  { "430405", 0.07, 0.00, 0.05 }, { "430406", 0.00, -0.05, 0.04 },
  { "430407", 0.00, 0.06, 0.04 }, { "430408", -0.07, 0.01, 0.04 },
  { "430412", 0.08, 0.36, 0.05 }, { "430421", -0.30, 0.30, 0.22 },
  { "430422", 0.05, -0.30, 0.22 }, { "430423", 0.25, 0.42, 0.12 },
  { "430424", 0.45, 0.20, 0.17 }, { "430426", -0.55, -0.05, 0.20 },
  { "430473", -0.12, -0.12, 0.03 }, { "430476", -0.10, 0.12, 0.03 },
  { "430481", 0.40, -0.55, 0.22 }, { "430482", -0.32, -0.50, 0.20 },
};

static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高",
  "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "董", "程", "曹",
  "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏",
  "薛", "叶", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石",
  "姚", "谭", "廖", "邹", "熊", "金", "陆", "孔", "白", "毛", "邱", "秦", "江", "侯", "龙",
  "段", "雷", "汤", "尹", "黎", "易", "贺", "龚", "文", "阳", "刘", "肖", "欧阳",
};
static const char *given[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "志", "红", "文", "辉",
  "玲", "鹏", "飞", "斌", "波", "宇", "浩", "凯", "健", "俊", "帆", "琳", "晨", "阳", "湘",
  "衡", "岳", "蒸", "雁", "春", "冬", "松", "林", "峰", "海", "云", "亮", "佳", "欣", "婷",
};
static const char *firm_words[] = {
  "宏达", "华兴", "金鑫", "湘江", "蒸水", "雁城", "恒昌", "新华", "东方", "南岳", "祥和",
  "鑫源", "永兴", "富达", "天成", "盛世", "锦程", "瑞丰", "鸿运", "顺发", "众诚", "远大",
  "利民", "嘉禾", "广源", "万通", "兴旺", "长青", "福泰", "和美",
};
static const char *industries[] = {
  "化工", "建材", "冶炼", "印染", "造纸", "电镀", "食品", "养殖", "砖瓦", "矿业", "机械",
  "医药", "涂料", "再生资源", "混凝土", "陶瓷",
};

typedef struct { GwField field; const char *title; const char *what; } Template;

static const Template templates[] = {
  { GW_FIELD_AIR, "工地扬尘未覆盖", "建筑工地裸土未覆盖，车辆未冲洗，扬尘明显" },
  { GW_FIELD_AIR, "露天焚烧秸秆", "田间露天焚烧秸秆，烟雾较大" },
  { GW_FIELD_AIR, "餐饮油烟直排", "餐饮店油烟净化设施未运行，油烟直排" },
  { GW_FIELD_AIR, "VOCs无组织排放", "喷涂车间废气收集不到位，VOCs无组织排放" },
  { GW_FIELD_AIR, "道路扬尘污染", "渣土车未密闭运输，沿线道路扬尘污染" },
  { GW_FIELD_WATER, "生活污水直排入河", "沿河居民生活污水未经处理直排入河" },
  { GW_FIELD_WATER, "养殖废水外溢", "养殖场废水收集池满溢，废水流入沟渠" },
  { GW_FIELD_WATER, "工业废水超标排放", "企业在线监测显示废水化学需氧量超标" },
  { GW_FIELD_WATER, "黑臭水体反弹", "城区沟渠水体发黑发臭，群众反映强烈" },
  { GW_FIELD_WATER, "饮用水源保护区违规", "饮用水源二级保护区内有违规堆放" },
  { GW_FIELD_SOIL, "废弃矿山重金属", "废弃矿区周边土壤重金属疑似超标" },
  { GW_FIELD_SOIL, "农药包装废弃物", "农田周边农药包装废弃物随意丢弃" },
  { GW_FIELD_SOLID_WASTE, "建筑垃圾乱堆乱放", "河道管理范围内建筑垃圾乱堆乱放" },
  { GW_FIELD_SOLID_WASTE, "危险废物贮存不规范", "危险废物贮存间无标识、台账不全" },
  { GW_FIELD_SOLID_WASTE, "生活垃圾露天堆放", "村组生活垃圾露天堆放，未及时清运" },
  { GW_FIELD_NOISE, "夜间施工噪声扰民", "工地夜间违规施工，噪声扰民投诉" },
  { GW_FIELD_NOISE, "设备噪声超标", "厂区风机设备噪声超标，影响周边居民" },
  { GW_FIELD_RADIATION, "放射源台账不全", "医院放射源使用台账不全，标识缺失" },
  { GW_FIELD_OTHER, "应急物资储备不足", "企业环境应急物资储备不足，预案未更新" },
  { GW_FIELD_OTHER, "在线监控设备故障", "在线监控设备故障，数据传输中断" },
};

static const char *reasons_unfounded[] = {
  "经现场核实，反映问题不属实", "与已登记隐患重复", "经核查为历史问题，已整改到位",
};
static const char *reasons_fail[] = {
  "现场复核整改不到位", "整改资料不全，需补充", "问题反弹，需继续整改",
};

static gint32
pick (Demo *demo, gint32 n)
{
  return g_rand_int_range (demo->rand, 0, n);
}

static gint32
pick_weighted (Demo *demo, const guint *weights, guint n)
{
  guint total = 0, r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = g_rand_int_range (demo->rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

static char *
date_plus (const GDate *base, gint days)
{
  GDate d = *base;

  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return gw_date_to_string (&d);
}

static char *
stamp_for (const char *date, guint seconds)
{
  /* Recorded in working hours of the day it happened: reproducible for a seed. */
  return g_strdup_printf ("%sT%02u:%02u:%02u+08:00", date, 8 + (seconds / 3600) % 10,
                          (seconds / 60) % 60, seconds % 60);
}

static void
report (Demo *demo, double fraction, const char *what)
{
  if (demo->progress)
    demo->progress (fraction, what, demo->user_data);
}

static char *
person_name (Demo *demo)
{
  for (;;)
    {
      g_autofree char *name = g_strconcat (surnames[pick (demo, G_N_ELEMENTS (surnames))],
                                           given[pick (demo, G_N_ELEMENTS (given))],
                                           pick (demo, 3) ? given[pick (demo, G_N_ELEMENTS (given))] : "",
                                           NULL);
      if (!g_hash_table_contains (demo->names, name))
        {
          g_hash_table_add (demo->names, g_strdup (name));
          return g_steal_pointer (&name);
        }
    }
}

static char *
phone (Demo *demo)
{
  static const char *prefixes[] = { "130", "133", "135", "137", "138", "139", "150", "151",
                                    "158", "173", "177", "180", "186", "189", "199" };
  return g_strdup_printf ("%s%08d", prefixes[pick (demo, G_N_ELEMENTS (prefixes))],
                          pick (demo, 100000000));
}

static gint64
add_person (Demo *demo, GwRole role, gint64 grid_id, const char *unit, GError **error)
{
  g_autofree char *name = person_name (demo);
  g_autofree char *tel = phone (demo);
  gint64 id = gw_store_staff_add (demo->store, name, tel, role, grid_id, unit, error);

  if (id > 0)
    g_hash_table_insert (demo->staff_names, GSIZE_TO_POINTER ((gsize) id), g_strdup (name));
  return id;
}

static const char *
staff_name (Demo *demo, gint64 id)
{
  return g_hash_table_lookup (demo->staff_names, GSIZE_TO_POINTER ((gsize) id));
}

static void
county_free (County *c)
{
  g_free (c->code);
  g_free (c->name);
  g_free (c);
}

static void
grid_free (Grid *g)
{
  g_free (g->code);
  g_free (g->name);
  g_clear_pointer (&g->cell, g_array_unref);
  g_clear_pointer (&g->enterprises, g_array_unref);
  g_clear_pointer (&g->ent_points, g_array_unref);
  g_free (g);
}

static County *
county_for (Demo *demo, const char *code, const char *name)
{
  County *c;

  for (guint i = 0; i < demo->counties->len; i++)
    if (g_str_equal (((County *) demo->counties->pdata[i])->code, code))
      return demo->counties->pdata[i];

  c = g_new0 (County, 1);
  c->code = g_strdup (code);
  c->name = g_strdup (name);
  c->center = (GwPoint) { 112.60, 26.90 };
  c->spread = 0.12;
  for (guint i = 0; i < G_N_ELEMENTS (layout); i++)
    if (g_str_equal (layout[i].code, code))
      {
        c->center.x += layout[i].dx;
        c->center.y += layout[i].dy;
        c->spread = layout[i].spread;
      }
  g_ptr_array_add (demo->counties, c);
  return c;
}

static gboolean
read_townships (Demo *demo, const GwDemoOptions *opts, GError **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (opts->townships_csv)
    {
      if (!g_file_get_contents (opts->townships_csv, &contents, NULL, error))
        return FALSE;
    }
  else
    contents = g_strdup (gw_townships_csv);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strchomp (lines[i]), ",", -1);
      Grid *g;

      if (lines[i][0] == '\0')
        continue;
      if (g_strv_length (f) != 4 || strlen (f[0]) != 9 || strlen (f[2]) != 6)
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("%s: line %u: expected township_code,township_name,county_code,county_name"),
                       opts->townships_csv ? opts->townships_csv : "hengyang-townships.csv", i + 1);
          return FALSE;
        }
      g = g_new0 (Grid, 1);
      g->code = g_strconcat (f[0], "000", NULL);
      g->name = g_strdup (f[1]);
      g->county = county_for (demo, f[2], f[3]);
      g->county->n_towns++;
      g_ptr_array_add (demo->grids, g);
    }

  /* Benchmarks ask for more grids than the city has: add numbered ones. */
  for (guint k = demo->grids->len, extra = 0; k < opts->n_grids; k++, extra++)
    {
      County *c = demo->counties->pdata[extra % demo->counties->len];
      Grid *g = g_new0 (Grid, 1);

      /* 600 and up: above every real township code of the city. */
      g->code = g_strdup_printf ("%s%03u000", c->code, 600 + extra / demo->counties->len);
      g->name = g_strdup_printf ("%s第%u网格", c->name, extra / demo->counties->len + 1);
      g->county = c;
      c->n_towns++;
      g_ptr_array_add (demo->grids, g);
    }
  return TRUE;
}

/* Seeds on a sunflower spiral around each county's centre, jittered; cells by Voronoi. */
static void
make_geometry (Demo *demo)
{
  g_autofree GwPoint *sites = g_new (GwPoint, demo->grids->len);
  g_autoptr(GHashTable) placed = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GArray) bounds = NULL;
  double scale = sqrt (MAX (1.0, demo->grids->len / 191.0));

  for (guint i = 0; i < demo->grids->len; i++)
    {
      Grid *g = demo->grids->pdata[i];
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (placed, g->county));
      double r = g->county->spread * scale * sqrt ((k + 0.5) / g->county->n_towns);
      double a = k * 2.39996323 + g_rand_double_range (demo->rand, -0.3, 0.3);

      g_hash_table_insert (placed, g->county, GUINT_TO_POINTER (k + 1));
      g->seed.x = g->county->center.x + r * cos (a) / cos (26.9 * G_PI / 180);
      g->seed.y = g->county->center.y + r * sin (a);
      sites[i] = g->seed;
    }
  bounds = gw_ring_ellipse ((GwPoint) { 112.58, 26.88 }, 0.95 * scale, 0.85 * scale, 48);
  cells = gw_voronoi_cells (sites, demo->grids->len, bounds);
  for (guint i = 0; i < demo->grids->len; i++)
    ((Grid *) demo->grids->pdata[i])->cell = g_array_ref (cells->pdata[i]);
}

static GwPoint
point_in (Demo *demo, const GwRing *ring)
{
  GwPoint min, max;

  gw_ring_bounds (ring, &min, &max);
  for (guint tries = 0; tries < 100; tries++)
    {
      GwPoint p = { g_rand_double_range (demo->rand, min.x, max.x),
                    g_rand_double_range (demo->rand, min.y, max.y) };
      if (gw_ring_contains (ring, p))
        return p;
    }
  return gw_ring_centroid (ring);
}

static gboolean
add_places_and_people (Demo *demo, GError **error)
{
  const char *office = "衡阳市生态环境局督办科";

  for (guint i = 0; i < demo->counties->len; i++)
    {
      County *c = demo->counties->pdata[i];
      if (!(c->id = gw_store_county_ensure (demo->store, c->code, c->name, error)))
        return FALSE;
    }

  for (guint i = 0; i < demo->grids->len; i++)
    {
      Grid *g = demo->grids->pdata[i];
      g_autofree char *geojson = gw_ring_to_geojson (g->cell);
      g_autofree char *unit = g_strdup_printf ("%s%s", g->county->name, g->name);
      GwPoint min, max, centre = gw_ring_centroid (g->cell);
      sqlite3_stmt *stmt;

      if (!(g->id = gw_store_grid_add (demo->store, g->code, g->name, g->county->id, geojson,
                                       error)))
        return FALSE;
      gw_ring_bounds (g->cell, &min, &max);
      stmt = gw_store_prepare (demo->store, "UPDATE grids SET min_lat = ?2, min_lon = ?3,"
                               " max_lat = ?4, max_lon = ?5, center_lat = ?6, center_lon = ?7"
                               " WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g->id);
      sqlite3_bind_double (stmt, 2, min.y);
      sqlite3_bind_double (stmt, 3, min.x);
      sqlite3_bind_double (stmt, 4, max.y);
      sqlite3_bind_double (stmt, 5, max.x);
      sqlite3_bind_double (stmt, 6, centre.y);
      sqlite3_bind_double (stmt, 7, centre.x);
      if (!STEP_DONE (demo->store, stmt, "demo", error))
        return FALSE;

      if (!(g->chief = add_person (demo, GW_ROLE_GRID_CHIEF, g->id, unit, error)))
        return FALSE;
      g->n_members = 2 + pick (demo, 2);
      for (guint m = 0; m < g->n_members; m++)
        if (!(g->members[m] = add_person (demo, GW_ROLE_GRID_MEMBER, g->id, unit, error)))
          return FALSE;
      if (!(g->supervisor = add_person (demo, GW_ROLE_SUPERVISOR, g->id, unit, error)))
        return FALSE;
    }

  for (guint i = 0; i < 6; i++)
    {
      gint64 id = add_person (demo, GW_ROLE_REGULATION, 0, office, error);
      if (!id)
        return FALSE;
      g_array_append_val (demo->regulation, id);
    }
  for (guint i = 0; i < 2; i++)
    if (!add_person (demo, GW_ROLE_INSPECTOR, 0, "衡阳市生态环境保护督察办", error) ||
        !add_person (demo, i == 0 ? GW_ROLE_CHAIN_CHIEF : GW_ROLE_VICE_CHAIN_CHIEF, 0,
                     "衡阳市有色金属产业链", error))
      return FALSE;
  return add_person (demo, GW_ROLE_VIEWER, 0, "衡阳市人民政府", error) > 0;
}

static gboolean
add_enterprises (Demo *demo, GError **error)
{
  guint total = MAX (demo->grids->len * 9 + 81, 1800u * demo->grids->len / 191);
  sqlite3_stmt *stmt;
  static const guint colour_weights[] = { 12, 33, 55 };

  for (guint i = 0; i < demo->grids->len; i++)
    {
      Grid *g = demo->grids->pdata[i];
      g->enterprises = g_array_new (FALSE, FALSE, sizeof (gint64));
      g->ent_points = g_array_new (FALSE, FALSE, sizeof (GwPoint));
    }

  for (guint i = 0; i < total; i++)
    {
      Grid *g = demo->grids->pdata[pick (demo, demo->grids->len)];
      char code[19];
      g_autofree char *name = NULL;
      GwPoint p = point_in (demo, g->cell);
      static const char org_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
      gint64 id;

      /* 9 (industry and commerce) 1 (enterprise), the county's code, an organisation code. */
      g_snprintf (code, sizeof code, "91%s", g->county->code);
      for (guint k = 8; k < 17; k++)
        code[k] = org_chars[k == 8 ? pick (demo, 10) : pick (demo, 31)];
      code[17] = gw_credit_code_check_char (code);
      code[18] = '\0';
      name = g_strdup_printf ("衡阳%s%s%s有限公司", firm_words[pick (demo, G_N_ELEMENTS (firm_words))],
                              industries[pick (demo, G_N_ELEMENTS (industries))],
                              i % 3 == 0 ? "科技" : i % 3 == 1 ? "实业" : "");

      stmt = gw_store_prepare (demo->store, "INSERT OR IGNORE INTO enterprises (name, credit_code,"
                               " grid_id, industry, lat, lon, color, positive_list, supervisor_id)"
                               " VALUES (?1 || CASE WHEN EXISTS (SELECT 1 FROM enterprises WHERE"
                               " name = ?1) THEN '(' || ?10 || ')' ELSE '' END, ?2, ?3, ?4, ?5,"
                               " ?6, ?7, ?8, ?9)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g->id);
      sqlite3_bind_text (stmt, 4, industries[pick (demo, G_N_ELEMENTS (industries))], -1,
                         SQLITE_STATIC);
      sqlite3_bind_double (stmt, 5, p.y);
      sqlite3_bind_double (stmt, 6, p.x);
      sqlite3_bind_text (stmt, 7, gw_color_to_id (pick_weighted (demo, colour_weights, 3)), -1,
                         SQLITE_STATIC);
      sqlite3_bind_int (stmt, 8, pick (demo, 10) == 0);
      sqlite3_bind_int64 (stmt, 9, g->supervisor);
      sqlite3_bind_text (stmt, 10, g->name, -1, SQLITE_STATIC);
      if (!STEP_DONE (demo->store, stmt, "demo", error))
        return FALSE;
      if (sqlite3_changes (gw_store_get_db (demo->store)) == 0)
        continue;   /* the same random credit code twice: skip it */
      id = sqlite3_last_insert_rowid (gw_store_get_db (demo->store));
      g_array_append_val (g->enterprises, id);
      g_array_append_val (g->ent_points, p);
    }
  return TRUE;
}

/* ---- hazards ------------------------------------------------------------------ */

typedef struct {
  GwState    state;
  GwLevel    level;
  GwUrgency  urgency;
  GwMeasure  measure;
  gint64     responsible;
  char      *deadline;
  char      *closed;
} Track;

static gboolean
event (Demo *demo, gint64 hazard, const char *date, gint64 actor, const char *kind,
       const char *name, const char *from, const char *to, const char *note,
       const char *details, GError **error)
{
  g_autofree char *at = NULL;

  if (demo->pending)
    {
      Pending *p = g_new (Pending, 1);
      *p = (Pending) { g_strdup (date), g_strdup (kind), g_strdup (name), g_strdup (from),
                       g_strdup (to), g_strdup (note), g_strdup (details), actor };
      g_ptr_array_add (demo->pending, p);
      return TRUE;
    }
  at = stamp_for (date, (guint) (demo->chain.next_id * 7919 % 36000));

  return gw_store_event_insert (demo->store, &demo->chain, at, hazard, date, actor,
                                staff_name (demo, actor), kind, name, from, to, note, details,
                                error) > 0;
}

static char *
json_pair (const char *field, const char *from, const char *to)
{
  g_autofree char *f = from ? g_strdup_printf ("\"%s\"", from) : g_strdup ("null");
  g_autofree char *t = to ? g_strdup_printf ("\"%s\"", to) : g_strdup ("null");

  return g_strdup_printf ("\"%s\":[%s,%s]", field, f, t);
}

static const char *
nz (const char *s)
{
  return s && *s ? s : NULL;
}

/* One transition, written as gw_store_hazard_move would write it. */
static gboolean
step (Demo *demo, gint64 hazard, Track *t, GwTransition tr, const char *date, gint64 actor,
      Track *next, const char *reason, GError **error)
{
  g_autoptr(GString) d = g_string_new ("{");
  char from_id[24], to_id[24];
  g_autofree char *state = json_pair ("state", gw_state_to_id (t->state),
                                      gw_state_to_id (next->state));

  g_string_append (d, state);
#define PAIR(field, a, b) \
  if (g_strcmp0 (a, b) != 0) { g_autofree char *p = json_pair (field, a, b); \
    g_string_append_c (d, ','); g_string_append (d, p); }
  PAIR ("level", nz (gw_level_to_id (t->level)), nz (gw_level_to_id (next->level)));
  PAIR ("urgency", nz (gw_urgency_to_id (t->urgency)), nz (gw_urgency_to_id (next->urgency)));
  PAIR ("measure", nz (gw_measure_to_id (t->measure)), nz (gw_measure_to_id (next->measure)));
  PAIR ("deadline", t->deadline, next->deadline);
  g_snprintf (from_id, sizeof from_id, "%" G_GINT64_FORMAT, t->responsible);
  g_snprintf (to_id, sizeof to_id, "%" G_GINT64_FORMAT, next->responsible);
  PAIR ("responsible", t->responsible ? from_id : NULL, next->responsible ? to_id : NULL);
  PAIR ("closed_date", t->closed, next->closed);
#undef PAIR
  g_string_append_c (d, '}');

  if (!event (demo, hazard, date, actor, "transition", gw_transition_to_id (tr),
              gw_state_to_id (t->state), gw_state_to_id (next->state), reason, d->str, error))
    return FALSE;
  if (tr == GW_TRANSITION_DOWNGRADE &&
      !event (demo, hazard, date, actor, "level", "level", nz (gw_level_to_id (t->level)),
              gw_level_to_id (next->level), reason, NULL, error))
    return FALSE;

  g_free (t->deadline);
  g_free (t->closed);
  *t = *next;
  t->deadline = g_strdup (next->deadline);
  t->closed = g_strdup (next->closed);
  return TRUE;
}

static gint64
regulator (Demo *demo)
{
  return g_array_index (demo->regulation, gint64, pick (demo, demo->regulation->len));
}

static gboolean
add_hazard (Demo *demo, guint index, guint n_total, GError **error)
{
  static const guint state_weights[] = { 10, 30, 12, 18, 30 };
  static const guint level_weights[] = { 0, 5, 15, 45, 35 };
  static const guint source_weights[] = { 40, 15, 20, 10, 8, 7 };
  Grid *g = demo->grids->pdata[pick (demo, demo->grids->len)];
  const Template *tpl = &templates[pick (demo, G_N_ELEMENTS (templates))];
  GwState target = pick_weighted (demo, state_weights, GW_N_STATES);
  gboolean unfounded = target == GW_STATE_CLOSED && pick (demo, 6) == 0;
  gboolean overdue = target == GW_STATE_RECTIFYING && pick (demo, 3) == 0;
  gboolean fails = target != GW_STATE_REPORTED && !unfounded && pick (demo, 8) == 0;
  gint age = target == GW_STATE_REPORTED ? pick (demo, 14) : 20 + pick (demo, 340);
  gint64 enterprise = 0, finder, responsible, hazard, campaign;
  GwSource source;
  g_autofree char *found = date_plus (&demo->today, -age);
  g_autofree char *number = NULL, *title = NULL, *desc = NULL;
  GwPoint where;
  GDate cur;
  Track t = { 0 }, n = { 0 };
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  char *date = NULL;

  if (g->enterprises->len > 0 && pick (demo, 2) == 0)
    {
      guint k = pick (demo, g->enterprises->len);
      enterprise = g_array_index (g->enterprises, gint64, k);
      where = g_array_index (g->ent_points, GwPoint, k);
    }
  else
    where = point_in (demo, g->cell);
  finder = pick (demo, 3) == 0 ? g->chief : g->members[pick (demo, g->n_members)];
  source = pick_weighted (demo, source_weights, GW_N_SOURCES);
  campaign = pick (demo, 5) == 0 ? demo->campaign : 0;
  responsible = pick (demo, 2) ? g->chief : g->members[pick (demo, g->n_members)];

  number = g_strdup_printf ("%.4s-%s-%04u", found, g->county->code, ++g->county->serial);
  title = g_strdup_printf ("%s%s", g->name, tpl->title);
  desc = g_strdup_printf ("%s%s：%s。", g->county->name, g->name, tpl->what);

  /* Walk the hazard to its target state in memory, then write its row once. */
  hazard = index + 1;
  demo->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  if (!event (demo, hazard, found, finder, "create", NULL, NULL, "reported", NULL,
              "{\"state\":[null,\"reported\"]}", error))
    goto out;
  gw_date_parse (found, &cur);
#define ADVANCE(lo, hi) do { gint span = g_date_days_between (&cur, &demo->today);         \
    gint want = (lo) + pick (demo, (hi) - (lo) + 1);                                       \
    g_date_add_days (&cur, MIN (span, want));                                              \
    g_free (date); date = gw_date_to_string (&cur); } while (0)

  if (unfounded)
    {
      ADVANCE (1, 5);
      n = t;
      n.state = GW_STATE_CLOSED;
      n.closed = date;
      if (!step (demo, hazard, &t, GW_TRANSITION_UNFOUNDED, date, regulator (demo), &n,
                 reasons_unfounded[pick (demo, G_N_ELEMENTS (reasons_unfounded))], error))
        goto out;
    }
  else if (target != GW_STATE_REPORTED)
    {
      gint room;
      ADVANCE (1, 4);
      n = t;
      n.state = GW_STATE_RECTIFYING;
      n.level = pick_weighted (demo, level_weights, GW_N_LEVELS);
      n.urgency = 1 + pick (demo, 3);
      n.measure = n.level == GW_LEVEL_IV ? GW_MEASURE_IMMEDIATE : 1 + pick (demo, 3);
      n.responsible = responsible;
      room = g_date_days_between (&cur, &demo->today);
      /* Overdue ones got a deadline that has passed; the others one still ahead. */
      n.deadline = target == GW_STATE_RECTIFYING && !overdue
        ? date_plus (&demo->today, 3 + pick (demo, 60))
        : date_plus (&cur, overdue ? pick (demo, MAX (1, room - 1)) : 30 + pick (demo, 90));
      g_assert (room >= 0);
      if (!step (demo, hazard, &t, GW_TRANSITION_ASSESS, date, regulator (demo), &n, NULL, error))
        goto out;
      g_free (n.deadline);

      if (fails && target != GW_STATE_RECTIFYING)
        {
          ADVANCE (3, 20);
          n = t; n.deadline = NULL; n.state = GW_STATE_VERIFYING;
          n.deadline = g_strdup (t.deadline);
          if (!step (demo, hazard, &t, GW_TRANSITION_REPORT_DONE, date, responsible, &n, NULL, error))
            goto out;
          g_free (n.deadline);
          ADVANCE (1, 6);
          n = t; n.state = GW_STATE_RECTIFYING;
          n.deadline = date_plus (&cur, 10 + pick (demo, 20));
          if (!step (demo, hazard, &t, GW_TRANSITION_FAIL, date, regulator (demo), &n,
                     reasons_fail[pick (demo, G_N_ELEMENTS (reasons_fail))], error))
            goto out;
          g_free (n.deadline);
        }
      if (target >= GW_STATE_VERIFYING)
        {
          ADVANCE (3, 25);
          n = t; n.state = GW_STATE_VERIFYING; n.deadline = g_strdup (t.deadline);
          if (!step (demo, hazard, &t, GW_TRANSITION_REPORT_DONE, date, responsible, &n, NULL, error))
            goto out;
          g_free (n.deadline);
        }
      if (target >= GW_STATE_DOWNGRADED)
        {
          ADVANCE (1, 10);
          n = t; n.state = GW_STATE_DOWNGRADED; n.deadline = g_strdup (t.deadline);
          {
            /* Most verified hazards drop one level, some two, some stay. */
            guint drop = (pick (demo, 4) ? 1 : 0) + (pick (demo, 6) ? 0 : 1);
            n.level = MIN ((guint) GW_LEVEL_IV, t.level + drop);
          }
          if (!step (demo, hazard, &t, GW_TRANSITION_DOWNGRADE, date, regulator (demo), &n, NULL, error))
            goto out;
          g_free (n.deadline);
        }
      if (target == GW_STATE_CLOSED)
        {
          ADVANCE (1, 15);
          n = t; n.state = GW_STATE_CLOSED; n.deadline = g_strdup (t.deadline); n.closed = date;
          if (!step (demo, hazard, &t, GW_TRANSITION_CLOSE, date, regulator (demo), &n, NULL, error))
            goto out;
          g_free (n.deadline);
        }
    }
#undef ADVANCE

  stmt = gw_store_prepare (demo->store, "INSERT INTO hazards (id, number, title, description,"
                           " grid_id, enterprise_id, lat, lon, found_date, found_by, source, field,"
                           " campaign_id, state, level, urgency, measure, responsible_id, deadline,"
                           " closed_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                           " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, hazard);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, desc, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g->id);
  gw_store_bind_id_or_null (stmt, 6, enterprise);
  sqlite3_bind_double (stmt, 7, where.y);
  sqlite3_bind_double (stmt, 8, where.x);
  sqlite3_bind_text (stmt, 9, found, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, finder);
  sqlite3_bind_text (stmt, 11, gw_source_to_id (source), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, gw_field_to_id (tpl->field), -1, SQLITE_STATIC);
  gw_store_bind_id_or_null (stmt, 13, campaign);
  sqlite3_bind_text (stmt, 14, gw_state_to_id (t.state), -1, SQLITE_STATIC);
  gw_store_bind_text_or_null (stmt, 15, nz (gw_level_to_id (t.level)));
  gw_store_bind_text_or_null (stmt, 16, nz (gw_urgency_to_id (t.urgency)));
  gw_store_bind_text_or_null (stmt, 17, nz (gw_measure_to_id (t.measure)));
  gw_store_bind_id_or_null (stmt, 18, t.responsible);
  gw_store_bind_text_or_null (stmt, 19, t.deadline);
  gw_store_bind_text_or_null (stmt, 20, t.closed);
  if (!STEP_DONE (demo->store, stmt, "demo", error))
    goto out;

  {
    g_autoptr(GPtrArray) events = g_steal_pointer (&demo->pending);
    for (guint i = 0; i < events->len; i++)
      {
        Pending *p = events->pdata[i];
        if (!event (demo, hazard, p->date, p->actor, p->kind, p->name, p->from, p->to, p->note,
                    p->details, error))
          goto out;
      }
  }
  ok = TRUE;

out:
  g_clear_pointer (&demo->pending, g_ptr_array_unref);
  g_free (t.deadline);
  g_free (t.closed);
  g_free (date);
  if (ok && index % 2000 == 0)
    report (demo, 0.25 + 0.65 * index / MAX (1, n_total), _("Hazards and their history"));
  return ok;
}

/* ---- bulk loading -------------------------------------------------------------- */

/* Secondary indexes and the insert triggers of hazards and events are set
 * aside while the demo loads, and rebuilt once at the end: building an index
 * from sorted data is many times faster than growing it row by row. */
static GPtrArray *
bulk_begin (GwStore *store, GError **error)
{
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = gw_store_prepare (store, "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL"
                                  " AND tbl_name IN ('hazards', 'hazard_events') AND (type = 'index'"
                                  " OR (type = 'trigger' AND sql LIKE '%AFTER INSERT%'))", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (saved, g_strdup (gw_store_column_text (stmt, 2)));
      g_ptr_array_add (names, g_strdup_printf ("DROP %s %s", gw_store_column_text (stmt, 0),
                                               gw_store_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < names->len; i++)
    if (!gw_store_exec (store, names->pdata[i], error))
      return NULL;
  return g_steal_pointer (&saved);
}

static gboolean
bulk_end (GwStore *store, GPtrArray *saved, GError **error)
{
  for (guint i = 0; i < saved->len; i++)
    if (!gw_store_exec (store, saved->pdata[i], error))
      return FALSE;
  return gw_store_exec (store, gw_schema_rebuild_derived (), error) &&
         gw_store_fts_fill (store, error);
}

static gboolean
foreign_keys_hold (GwStore *store, GError **error)
{
  sqlite3_stmt *stmt = gw_store_prepare (store, "PRAGMA foreign_key_check", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                 "demo: row %lld of %s refers to a missing row of %s",
                 (long long) sqlite3_column_int64 (stmt, 1), gw_store_column_text (stmt, 0),
                 gw_store_column_text (stmt, 2));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || (rc != SQLITE_ROW && gw_store_fail (store, "demo", error));
}

/* ---- cadence and meetings ---------------------------------------------------- */

static gboolean
add_checks (Demo *demo, GError **error)
{
  GDate from = demo->today, first;
  g_autoptr(GArray) dekads = NULL;
  g_autofree char *now = stamp_for (gw_date_to_string (&demo->today), 0);

  g_date_subtract_months (&from, 6);
  dekads = gw_dekads_in_range (&from, &demo->today);
  for (guint i = 0; i < demo->grids->len; i++)
    {
      Grid *g = demo->grids->pdata[i];
      /* A few grids lag: they miss more often, and make the interview list. */
      guint miss_in_100 = i % 23 == 5 ? 30 : 3;

      for (guint k = 0; k < dekads->len; k++)
        {
          GwDekad dk = g_array_index (dekads, GwDekad, k);
          GDate last, day;
          guint span;

          gw_dekad_first_day (dk, &first);
          gw_dekad_last_day (dk, &last);
          if (g_date_compare (&last, &demo->today) > 0)
            last = demo->today;
          if (g_date_compare (&first, &last) > 0)
            continue;
          span = g_date_days_between (&first, &last) + 1;

          for (guint kind = 0; kind < 2; kind++)
            {
              g_autofree char *date = NULL;
              g_autofree char *dekad = NULL;
              g_autofree char *people = NULL;
              sqlite3_stmt *stmt;
              gboolean current = g_date_compare (&last, &demo->today) == 0;

              if (kind == 0 && (guint) pick (demo, 100) < miss_in_100)
                continue;
              /* In the running dekad, half the grids have not met yet. */
              if (kind == 0 && current && pick (demo, 2))
                continue;
              if (kind == 1 && pick (demo, 3) == 0)
                continue;
              day = first;
              g_date_add_days (&day, pick (demo, span));
              date = gw_date_to_string (&day);
              dekad = gw_date_to_string (&first);
              people = g_strdup_printf ("[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]",
                                        g->chief, g->members[0]);
              stmt = gw_store_prepare (demo->store, "INSERT INTO checks (grid_id, kind, date,"
                                       " dekad, by_id, participants, area, minutes, created_at)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, g->id);
              sqlite3_bind_text (stmt, 2, kind == 0 ? "analysis" : "patrol", -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 3, date, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 4, dekad, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (stmt, 5, kind == 0 ? g->chief : g->members[0]);
              sqlite3_bind_text (stmt, 6, people, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 7, kind == 1 ? "辖区重点企业、河道沿线" : NULL, -1,
                                 SQLITE_STATIC);
              sqlite3_bind_text (stmt, 8, kind == 0 ? "对辖区在册隐患逐一研判，明确整改责任和时限。"
                                                    : "巡查辖区重点点位，未发现新增问题。", -1,
                                 SQLITE_STATIC);
              sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
              if (!STEP_DONE (demo->store, stmt, "demo", error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
add_meetings (Demo *demo, guint n_hazards, GError **error)
{
  GDate monday = demo->today;
  g_autofree char *now = stamp_for (gw_date_to_string (&demo->today), 0);

  while (g_date_get_weekday (&monday) != G_DATE_MONDAY)
    g_date_subtract_days (&monday, 1);
  g_date_subtract_days (&monday, 7 * 7);

  for (guint w = 0; w < 8; w++, g_date_add_days (&monday, 7))
    {
      g_autofree char *date = gw_date_to_string (&monday);
      g_autofree char *deadline = date_plus (&monday, 14);
      sqlite3_stmt *stmt;
      gint64 meeting;

      if (g_date_compare (&monday, &demo->today) > 0)
        break;
      stmt = gw_store_prepare (demo->store, "INSERT INTO meetings (date, attendees, note,"
                               " created_at) VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, "分管副市长、市生态环境局、各县市区分管负责人", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, "生态环境隐患整改调度周例会", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
      if (!STEP_DONE (demo->store, stmt, "demo", error))
        return FALSE;
      meeting = sqlite3_last_insert_rowid (gw_store_get_db (demo->store));

      /* Two decisions a week, each on an open hazard found before the meeting (一事一督办). */
      for (guint k = 0; k < 2 && n_hazards > 0; k++)
        {
          gint64 hazard = 0, assignee = regulator (demo), decision;
          g_autofree char *text = NULL;

          stmt = gw_store_prepare (demo->store, "SELECT id, number FROM hazards WHERE state IN"
                                   " ('reported', 'rectifying') AND found_date <= ?1 AND id >= ?2"
                                   " ORDER BY id LIMIT 1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, 1 + pick (demo, n_hazards));
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              hazard = sqlite3_column_int64 (stmt, 0);
              text = g_strdup_printf ("督办隐患%s，%s前报送整改进展", gw_store_column_text (stmt, 1),
                                      deadline);
            }
          sqlite3_reset (stmt);
          if (hazard == 0)
            continue;

          stmt = gw_store_prepare (demo->store, "INSERT INTO meeting_decisions (meeting_id, text,"
                                   " assignee_id, deadline) VALUES (?1, ?2, ?3, ?4)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, meeting);
          sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, assignee);
          sqlite3_bind_text (stmt, 4, deadline, -1, SQLITE_STATIC);
          if (!STEP_DONE (demo->store, stmt, "demo", error))
            return FALSE;
          decision = sqlite3_last_insert_rowid (gw_store_get_db (demo->store));
          stmt = gw_store_prepare (demo->store, "INSERT OR IGNORE INTO decision_hazards VALUES"
                                   " (?1, ?2)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, decision);
          sqlite3_bind_int64 (stmt, 2, hazard);
          if (!STEP_DONE (demo->store, stmt, "demo", error) ||
              !event (demo, hazard, date, assignee, "decision", "meeting", NULL, deadline, text,
                      NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
gw_demo_generate (GwStore             *store,
                  const GwDemoOptions *options,
                  GwProgressFunc       progress,
                  gpointer             user_data,
                  GCancellable        *cancellable,
                  GError             **error)
{
  GwDemoOptions opts = options ? *options : (GwDemoOptions) { 0 };
  Demo demo = { 0 };
  g_autoptr(GPtrArray) bulk = NULL;
  gint64 existing = 0;
  gboolean ok = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GW_IS_STORE (store), FALSE);

  if (options == NULL)
    opts.n_hazards = 3000;
  if (opts.seed == 0)
    opts.seed = 1;
  if (opts.today)
    {
      if (!gw_date_parse (opts.today, &demo.today))
        {
          g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                       _("“%s” is not a date (YYYY-MM-DD)"), opts.today);
          return FALSE;
        }
    }
  else
    gw_date_today (&demo.today);

  stmt = gw_store_prepare (store, "SELECT (SELECT count(*) FROM grids) + (SELECT count(*) FROM"
                                  " hazards)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    existing = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (existing > 0)
    {
      g_set_error (error, GW_STORE_ERROR, GW_STORE_ERROR_INVALID,
                   _("%s already holds grids or hazards; the demo city needs an empty database"),
                   gw_store_get_path (store));
      return FALSE;
    }

  demo.store = store;
  demo.rand = g_rand_new_with_seed (opts.seed);
  demo.counties = g_ptr_array_new_with_free_func ((GDestroyNotify) county_free);
  demo.grids = g_ptr_array_new_with_free_func ((GDestroyNotify) grid_free);
  demo.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  demo.staff_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  demo.regulation = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.progress = progress;
  demo.user_data = user_data;

  /* The generator makes every reference itself; checking each row's parents
   * as it goes would cost more than the rows. They are checked at the end. */
  if (!gw_store_exec (store, "PRAGMA foreign_keys = OFF", error) || !gw_store_begin (store, error))
    goto out;
  report (&demo, 0.0, _("Townships and boundaries"));
  if (!read_townships (&demo, &opts, error))
    goto fail;
  make_geometry (&demo);
  if (!add_places_and_people (&demo, error))
    goto fail;
  report (&demo, 0.15, _("Enterprises"));
  if (!add_enterprises (&demo, error))
    goto fail;

  stmt = gw_store_prepare (store, "INSERT INTO campaigns (name, start_date, end_date) VALUES"
                                  " (?1, ?2, ?3)", error);
  if (stmt == NULL)
    goto fail;
  {
    g_autofree char *name = g_strdup_printf ("%u年夏季攻势", g_date_get_year (&demo.today));
    g_autofree char *start = g_strdup_printf ("%u-05-01", g_date_get_year (&demo.today));
    g_autofree char *end = g_strdup_printf ("%u-10-31", g_date_get_year (&demo.today));
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, start, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 3, end, -1, SQLITE_STATIC);
    if (!STEP_DONE (store, stmt, "demo", error))
      goto fail;
    demo.campaign = sqlite3_last_insert_rowid (gw_store_get_db (store));
  }

  if (!gw_store_chain_cursor (store, &demo.chain, error) ||
      (bulk = bulk_begin (store, error)) == NULL)
    goto fail;
  report (&demo, 0.25, _("Hazards and their history"));
  for (guint i = 0; i < opts.n_hazards; i++)
    {
      if (i % 1000 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (!add_hazard (&demo, i, opts.n_hazards, error))
        goto fail;
    }

  report (&demo, 0.9, _("Ten-day analyses, patrols and meetings"));
  if (!add_checks (&demo, error) || !add_meetings (&demo, opts.n_hazards, error) ||
      !bulk_end (store, bulk, error) || !foreign_keys_hold (store, error))
    goto fail;
  if (!gw_store_commit (store, error))
    goto out;
  report (&demo, 1.0, _("Done"));
  ok = TRUE;
  goto out;

fail:
  gw_store_rollback (store);
out:
  gw_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
  g_rand_free (demo.rand);
  g_ptr_array_unref (demo.grids);
  g_ptr_array_unref (demo.counties);
  g_hash_table_unref (demo.names);
  g_hash_table_unref (demo.staff_names);
  g_array_unref (demo.regulation);
  return ok;
}
