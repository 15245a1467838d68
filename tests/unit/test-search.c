/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gw-hazard.h"
#include "gw-query.h"
#include "gw-store.h"
#include "gw-test-util.h"

/* ---- text ------------------------------------------------------------------------ */

/* The words of @text, separated by single spaces (the exact spacing is the index's business). */
static char *
words (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text ? text : "", " ", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_string_append_printf (out, "%s%s", out->len ? " " : "", parts[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_index (const char *text,
              const char *expected_doc,
              const char *expected_tail)
{
  g_autofree char *tail = NULL;
  g_autofree char *doc = gw_fts_index_text (text, &tail);
  g_autofree char *doc_words = words (doc);
  g_autofree char *tail_words = words (tail);
  g_autofree char *again = gw_fts_index_text (text, NULL);

  g_assert_cmpstr (doc_words, ==, expected_doc);
  g_assert_cmpstr (tail_words, ==, expected_tail);
  g_assert_cmpstr (again, ==, doc);
}

static void
test_index_text (void)
{
  /* A Chinese run becomes its overlapping bigrams; its last character is kept apart. */
  assert_index ("废水", "废水", "水");
  assert_index ("工地扬尘未覆盖", "工地 地扬 扬尘 尘未 未覆 覆盖", "盖");
  /* A lone character is its own word. */
  assert_index ("尘", "尘", "");
  assert_index ("A废B", "A 废 B", "");
  /* Other text stays as it is; runs are cut at it. */
  assert_index ("COD超标", "COD 超标", "标");
  assert_index ("扬尘PM10超标", "扬尘 PM10 超标", "尘 标");
  assert_index ("2026-430421-0001", "2026-430421-0001", "");
  assert_index ("废水，扬尘", "废水 ， 扬尘", "水 尘");
  assert_index ("净化 一般", "净化 一般", "化 般");
  assert_index ("", "", "");
  assert_index (NULL, "", "");
}

static void
test_query_text (void)
{
  g_autofree char *one = gw_fts_query ("废水");
  g_autofree char *two = gw_fts_query ("扬尘 废水");
  g_autofree char *ideographic = gw_fts_query ("扬尘\u3000废水");
  g_autofree char *three = gw_fts_query ("Boiler No. 3");

  /* Terms are ANDed, whatever the white space between them. */
  g_assert_nonnull (strstr (one, "废水"));
  g_assert_null (strstr (one, " AND "));
  g_assert_nonnull (strstr (two, " AND "));
  g_assert_cmpstr (ideographic, ==, two);
  g_assert_nonnull (strstr (three, " AND "));
  g_assert_nonnull (strstr (strstr (three, " AND ") + 5, " AND "));

  /* Nothing to search for. */
  g_assert_null (gw_fts_query (NULL));
  g_assert_null (gw_fts_query (""));
  g_assert_null (gw_fts_query ("   "));
  g_assert_null (gw_fts_query ("\u3000"));
  g_assert_null (gw_fts_query ("-- !! ，"));
}

/* Terms are split at white space. gw_fts_query once split with
 * g_strsplit_set (text, " \t\r\n\u3000"), which splits at every *byte* of
 * U+3000 (E3 80 80): a character whose UTF-8 holds 0x80 or 0xE3 (净 E5 87 80,
 * 一 E4 B8 80 …) was cut in two, its first bytes read as a character past
 * the end of the piece, and the wrong term searched. */
static void
test_query_split (void)
{
  static const char *terms[] = { "净化", "一般", "污水净化 一般", "净", "一" };

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autofree char *q = gw_fts_query (terms[i]);

      if (q == NULL || !g_utf8_validate (q, -1, NULL))
        {
          g_test_fail_printf ("gw_fts_query (“%s”) is not valid UTF-8", terms[i]);
          continue;
        }
      /* Every character typed is searched for. */
      for (const char *p = terms[i]; *p; p = g_utf8_next_char (p))
        {
          char ch[8] = { 0 };
          if (*p == ' ')
            continue;
          g_unichar_to_utf8 (g_utf8_get_char (p), ch);
          if (strstr (q, ch) == NULL)
            g_test_fail_printf ("gw_fts_query (“%s”) is “%s”: “%s” was lost", terms[i], q, ch);
        }
    }
}

/* ---- a store with titles to find ---------------------------------------------------- */

typedef struct {
  char    *dir;
  GwStore *store;
  gint64   county_a, county_b, grid_a, grid_b;
  gint64   h[11];   /* h[1] … h[10] */
} Fixture;

static const struct {
  gboolean    in_b;
  const char *title;
  const char *description;
} titles[] = {
  { 0 },
  /* 1 */ { FALSE, "西渡镇废水直排", "企业夜间偷排，群众举报" },
  /* 2 */ { FALSE, "工地扬尘未覆盖", NULL },
  /* 3 */ { FALSE, "养殖废水外溢", "收集池满溢" },
  /* 4 */ { TRUE,  "扬尘", NULL },
  /* 5 */ { TRUE,  "废气和污水混排", NULL },          /* 废 and 水, but not 废水 */
  /* 6 */ { TRUE,  "Boiler No. 3 emits smoke (2026 check)", "Coal boiler, 4 t/h" },
  /* 7 */ { FALSE, "尘土飞扬", NULL },                /* 扬 and 尘, but not 扬尘 */
  /* 8 */ { TRUE,  "水废料堆放", NULL },              /* 水废, the wrong way round */
  /* 9 */ { FALSE, "粉尘", NULL },
  /* 10 */ { TRUE, "扬尘PM10超标", NULL },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gw-test-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "s.gridwatch", NULL);
  f->store = gw_store_open (path, GW_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->county_a = gw_store_county_ensure (f->store, "430421", "衡阳县", &error);
  f->county_b = gw_store_county_ensure (f->store, "430422", "衡南县", &error);
  f->grid_a = gw_store_grid_add (f->store, "430421100000", "西渡镇", f->county_a, NULL, &error);
  f->grid_b = gw_store_grid_add (f->store, "430422100000", "云集街道", f->county_b, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 1; i < G_N_ELEMENTS (titles); i++)
    {
      GwHazardNew n = { .grid_id = titles[i].in_b ? f->grid_b : f->grid_a,
                        .title = titles[i].title, .description = titles[i].description,
                        .field = GW_FIELD_AIR, .source = GW_SOURCE_PATROL,
                        .found_date = "2026-11-01" };
      f->h[i] = gw_store_hazard_add (f->store, &n, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (f->h[i], ==, i);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  gw_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The ids a filter finds, as "1,3", the same through every path of the query
 * code: sorted by id (the index drives), by title (a sub-select), descending,
 * and counted. */
static char *
found_ids (Fixture  *f,
           GwFilter *filter)
{
  static const GwSortKey sorts[] = { GW_SORT_ID, GW_SORT_TITLE, GW_SORT_NUMBER, GW_SORT_STATE };
  g_autoptr(GError) error = NULL;
  char *result = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint desc = 0; desc < 2; desc++)
      {
        g_autoptr(GPtrArray) list = NULL;
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GString) text = g_string_new (NULL);
        gint64 n = -1;

        filter->sort = sorts[s];
        filter->descending = desc;
        list = gw_store_hazard_list (f->store, filter, 0, 1000, &error);
        g_assert_no_error (error);
        for (guint i = 0; i < list->len; i++)
          g_array_append_val (ids, ((GwHazard *) list->pdata[i])->id);
        g_array_sort (ids, compare_ids);
        for (guint i = 0; i < ids->len; i++)
          g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "",
                                  g_array_index (ids, gint64, i));

        g_assert_true (gw_store_hazard_count (f->store, filter, &n, NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpint (n, ==, list->len);

        if (result == NULL)
          result = g_strdup (text->str);
        else if (g_strcmp0 (result, text->str) != 0)
          g_error ("“%s” finds %s sorted by %u, but %s sorted by %u%s", filter->text, result,
                   sorts[0], text->str, sorts[s], desc ? " descending" : "");
      }
  filter->sort = GW_SORT_ID;
  filter->descending = FALSE;
  return result;
}

static void
assert_finds (Fixture    *f,
              const char *text,
              const char *expected)
{
  GwFilter filter = { .text = text };
  g_autofree char *got = found_ids (f, &filter);

  if (g_strcmp0 (got, expected) != 0)
    {
      g_test_message ("searching “%s” found {%s}, expected {%s}", text, got, expected);
      g_test_fail_printf ("searching “%s” found {%s}, expected {%s}", text, got, expected);
    }
}

static void
test_two_characters (Fixture       *f,
                     gconstpointer  data)
{
  /* 废水: 1 and 3; not 5 (废气 … 污水) nor 8 (水废). */
  assert_finds (f, "废水", "1,3");
  /* 扬尘: 2, 4, 10; not 7 (尘土飞扬). */
  assert_finds (f, "扬尘", "2,4,10");
  assert_finds (f, "外溢", "3");
  assert_finds (f, "污水", "5");
  assert_finds (f, "水废", "8");
  /* Longer terms are matched as a whole. */
  assert_finds (f, "工地扬尘", "2");
  assert_finds (f, "扬尘未覆盖", "2");
  assert_finds (f, "养殖废水外溢", "3");
  assert_finds (f, "扬尘外溢", "");
  /* In the description too. */
  assert_finds (f, "偷排", "1");
  assert_finds (f, "满溢", "3");
  /* Several terms: all of them. */
  assert_finds (f, "废水 外溢", "3");
  assert_finds (f, "废水 扬尘", "");
  /* Chinese text followed by other text in the same term. */
  assert_finds (f, "PM10超标", "10");
}

static void
test_one_character (Fixture       *f,
                    gconstpointer  data)
{
  /* 尘 at the end of a run (4, 9), in the middle (2, 10) and at the start (7). */
  assert_finds (f, "尘", "2,4,7,9,10");
  assert_finds (f, "水", "1,3,5,8");
  assert_finds (f, "废", "1,3,5,8");
  assert_finds (f, "扬", "2,4,7,10");
  assert_finds (f, "覆", "2");
  assert_finds (f, "鑫", "");
}

static void
test_numbers_and_words (Fixture       *f,
                        gconstpointer  data)
{
  /* County A: 1 2 3 7 9 numbered 2026-430421-0001 … 0005, county B the others. */
  assert_finds (f, "2026-430421", "1,2,3,7,9");
  assert_finds (f, "2026-430422", "4,5,6,8,10");
  assert_finds (f, "2026-430421-0003", "3");
  assert_finds (f, "2026-430422-0003", "6");
  assert_finds (f, "430422-0005", "10");
  assert_finds (f, "2026-430423", "");
  /* English words, case-insensitive, as prefixes. */
  assert_finds (f, "boiler", "6");
  assert_finds (f, "BOIL", "6");
  assert_finds (f, "emits smoke", "6");
  assert_finds (f, "smoke zinc", "");
  assert_finds (f, "coal", "6");
  assert_finds (f, "No. 3", "6");
  /* Search combines with the other filters. */
  {
    GwFilter filter = { .text = "尘", .county_id = f->county_b };
    g_autofree char *got = found_ids (f, &filter);
    g_assert_cmpstr (got, ==, "4,10");
  }
  {
    GwFilter filter = { .text = "废水", .grid_id = f->grid_b };
    g_autofree char *got = found_ids (f, &filter);
    g_assert_cmpstr (got, ==, "");
  }
  /* Text with nothing to search for does not filter. */
  assert_finds (f, "  ", "1,2,3,4,5,6,7,8,9,10");
  assert_finds (f, "\"", "1,2,3,4,5,6,7,8,9,10");
}

static void
test_after_edit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_store_hazard_edit (f->store, f->h[1], "title", "西渡镇油烟直排", 0, &error));
  g_assert_no_error (error);
  assert_finds (f, "废水", "3");
  assert_finds (f, "油烟", "1");
  assert_finds (f, "直排", "1");
  assert_finds (f, "西渡", "1");
  /* The number and the description are still found. */
  assert_finds (f, "2026-430421-0001", "1");
  assert_finds (f, "偷排", "1");

  g_assert_true (gw_store_hazard_edit (f->store, f->h[1], "description", "餐饮店油烟净化设施未运行",
                                       0, &error));
  g_assert_no_error (error);
  assert_finds (f, "偷排", "");
  assert_finds (f, "设施", "1");
  assert_finds (f, "油烟", "1");

  /* Back to the old title: found again. */
  g_assert_true (gw_store_hazard_edit (f->store, f->h[1], "title", "西渡镇废水直排", 0, &error));
  g_assert_no_error (error);
  assert_finds (f, "废水", "1,3");
  assert_finds (f, "油烟", "1");   /* still in the description */
  assert_finds (f, "设施", "1");

  g_assert_true (gw_store_check (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* Whatever a person types, the query is valid FTS5 and operators are words. */
static void
test_typed_syntax (Fixture       *f,
                   gconstpointer  data)
{
  static const char *texts[] = {
    "\"", "\"\"", "a\"b", "废水\"", "\"废水", "(", ")", "(废水)", "*", "废水*", "^废水", "-废水",
    "+", "AND", "OR", "NOT", "NEAR(废水 扬尘)", "doc:废水", "tail : 尘", "doc : \"x\"", "{doc}",
    ":", "'", ";", "\\", "废水; DROP TABLE hazards", "%", "_", "废水 OR", "尘*", "尘\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = NULL;
      GwFilter filter = { .text = texts[i] };
      gint64 n = -1;

      if (!gw_store_hazard_count (f->store, &filter, &n, NULL, &error))
        {
          g_test_fail_printf ("searching “%s” failed: %s", texts[i], error->message);
          continue;
        }
      list = gw_store_hazard_list (f->store, &filter, 0, 100, &error);
      if (list == NULL)
        {
          g_test_fail_printf ("listing “%s” failed: %s", texts[i], error->message);
          continue;
        }
      g_assert_cmpint (n, ==, list->len);
    }

  /* Typed operators are words to find, not operators: AND of three terms. */
  assert_finds (f, "废水 OR 扬尘", "");
  assert_finds (f, "废水 NOT 外溢", "");
  assert_finds (f, "\"废水\"", "1,3");
  assert_finds (f, "(废水)", "1,3");
}

/* A Chinese run followed by Latin letters or digits in the same search term:
 * the index keeps the run's last character between them (" 扬尘 尘 PM10"),
 * the query phrase does not (" 扬尘 PM10"), so the phrase never matches and
 * the hazard titled 扬尘PM10超标 is not found by typing 扬尘PM10. */
static void
test_mixed_term (Fixture       *f,
                 gconstpointer  data)
{
  assert_finds (f, "扬尘PM10", "10");
  assert_finds (f, "扬尘PM10超标", "10");
}

static void
test_split_characters (Fixture       *f,
                       gconstpointer  data)
{
  static const char *more[] = { "污水净化设施停运", "化学需氧量超标", "一般固废堆放" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    {
      GwHazardNew n = { .grid_id = f->grid_a, .title = more[i], .field = GW_FIELD_WATER,
                        .source = GW_SOURCE_PATROL, .found_date = "2026-11-01" };
      g_assert_cmpint (gw_store_hazard_add (f->store, &n, 0, &error), ==, 11 + i);
      g_assert_no_error (error);
    }
  assert_finds (f, "净化", "11");
  assert_finds (f, "一般", "13");
  assert_finds (f, "化学", "12");
}

/* Fills the part of the stack the next call will use with non-zero bytes. */
static void __attribute__((noinline))
scribble_stack (void)
{
  volatile unsigned char buf[32768];

  for (gsize i = 0; i < sizeof buf; i++)
    buf[i] = 0xa5;
}

/* Listing and counting without a search text must not depend on what was
 * on the stack before (gw-query.c: clause_build leaves Clause.match unset
 * when the filter has no text, and clause_clear frees it). */
static void
test_filter_without_text (Fixture       *f,
                          gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      GwFilter filter = { .overdue_only = FALSE, .today = "2026-11-23" };
      gint64 n = -1;
      GPtrArray *list;

      scribble_stack ();
      g_assert_true (gw_store_hazard_count (f->store, &filter, &n, NULL, NULL));
      g_assert_cmpint (n, ==, 10);
      scribble_stack ();
      list = gw_store_hazard_list (f->store, &filter, 0, 100, NULL);
      g_assert_nonnull (list);
      g_assert_cmpuint (list->len, ==, 10);
      g_ptr_array_unref (list);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    g_test_fail_printf ("listing or counting without a search text crashed or failed "
                        "(Clause.match is not initialised in gw-query.c clause_build)");
}

int
main (int argc, char **argv)
{
  g_autofree char **args = g_new0 (char *, argc + 2);

  /* Failed searches are reported without stopping (g_test_fail_printf):
   * keep going, so that one run lists every term that is not found. */
  memcpy (args, argv, sizeof (char *) * argc);
  args[argc++] = (char *) "--keep-going";
  argv = args;

  setlocale (LC_ALL, "");
  g_setenv ("GRIDWATCH_TODAY", "2026-11-23", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/search/text/index", test_index_text);
  g_test_add_func ("/search/text/query", test_query_text);
  ADD ("/search/store/two-characters", test_two_characters);
  ADD ("/search/store/one-character", test_one_character);
  ADD ("/search/store/numbers-and-words", test_numbers_and_words);
  ADD ("/search/store/after-edit", test_after_edit);
  ADD ("/search/store/typed-syntax", test_typed_syntax);
  ADD ("/search/filter/without-text", test_filter_without_text);
  /* Terms whose bytes or mix of scripts the query must not get wrong. */
  g_test_add_func ("/search/terms/query-split", test_query_split);
  ADD ("/search/terms/split-characters", test_split_characters);
  ADD ("/search/terms/mixed", test_mixed_term);

  return g_test_run ();
}
