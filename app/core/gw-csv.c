/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gw-csv.h"

/* No sheet has more columns than this or a cell longer than this (Excel's own
 * limits are 16,384 columns and 32,767 characters); beyond, it is not a sheet. */
#define MAX_FIELDS      16384
#define MAX_FIELD_BYTES (1 << 20)

G_DEFINE_QUARK (gw-csv-error-quark, gw_csv_error)

gboolean
gw_csv_encoding_parse (const char    *text,
                       GwCsvEncoding *out)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "auto") == 0)
    *out = GW_CSV_ENCODING_AUTO;
  else if (g_ascii_strcasecmp (text, "utf-8") == 0 || g_ascii_strcasecmp (text, "utf8") == 0)
    *out = GW_CSV_ENCODING_UTF8;
  else if (g_ascii_strcasecmp (text, "gb18030") == 0 || g_ascii_strcasecmp (text, "gbk") == 0 ||
           g_ascii_strcasecmp (text, "gb2312") == 0 || g_ascii_strcasecmp (text, "cp936") == 0)
    *out = GW_CSV_ENCODING_GB18030;
  else
    return FALSE;
  return TRUE;
}

const char *
gw_csv_encoding_name (GwCsvEncoding encoding)
{
  switch (encoding)
    {
    case GW_CSV_ENCODING_UTF8:
      return "UTF-8";
    case GW_CSV_ENCODING_GB18030:
      return "GB18030";
    case GW_CSV_ENCODING_AUTO:
    default:
      return "auto";
    }
}

/* ---- encodings ---------------------------------------------------------------- */

/* Byte 0x0A never occurs inside a GB18030 or UTF-8 sequence: counting it gives the
 * line in either encoding. */
static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Where UTF-8 validation stops, or @length when it is all valid (no NUL). */
static gsize
utf8_valid_prefix (const char *data,
                   gsize       length)
{
  const char *end = NULL;

  if (g_utf8_validate_len (data, length, &end))
    return length;
  return end - data;
}

/* GB18030 to UTF-8; on failure @bad_offset is where the bad sequence starts. */
static char *
from_gb18030 (const char *data,
              gsize       length,
              gsize      *out_length,
              gsize      *bad_offset)
{
  g_autoptr(GError) local = NULL;
  gsize read = 0, written = 0;
  char *text;

  text = g_convert (data, length, "UTF-8", "GB18030", &read, &written, &local);
  if (text == NULL)
    {
      *bad_offset = MIN (read, length);
      return NULL;
    }
  if (memchr (text, '\0', written) != NULL)
    {
      /* Valid GB18030, but a NUL: a binary file. Find the byte in the input. */
      const char *nul = memchr (data, '\0', length);
      *bad_offset = nul ? (gsize) (nul - data) : 0;
      g_free (text);
      return NULL;
    }
  *out_length = written;
  return text;
}

static char *
drop_bom (char  *text,
          gsize *length)
{
  if (*length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      memmove (text, text + 3, *length - 3 + 1);
      *length -= 3;
    }
  return text;
}

char *
gw_csv_decode (const char     *label,
               const char     *data,
               gsize           length,
               GwCsvEncoding   encoding,
               GwCsvEncoding  *used,
               gsize          *out_length,
               GError        **error)
{
  const guchar *u = (const guchar *) data;
  gboolean utf8_bom = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0;
  gsize utf8_ok, gb_bad = 0, n = 0;
  char *text;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (data == NULL)
    data = "";
  if (length >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
    {
      g_set_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING,
                   _("%s is UTF-16 text (Excel's “Unicode Text”), not CSV; save it again as "
                     "“CSV UTF-8” or “CSV (comma delimited)”"), label);
      return NULL;
    }
  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      g_set_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING,
                   _("%s is a workbook (.xlsx or .zip), not CSV; in Excel use “Save As” and "
                     "choose “CSV UTF-8” or “CSV (comma delimited)”"), label);
      return NULL;
    }
  if (encoding == GW_CSV_ENCODING_GB18030 && utf8_bom)
    {
      g_set_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING,
                   _("%s starts with the mark of a UTF-8 file but GB18030 was asked for; "
                     "read it as UTF-8"), label);
      return NULL;
    }

  utf8_ok = utf8_valid_prefix (data, length);
  if (encoding == GW_CSV_ENCODING_UTF8 ||
      (encoding == GW_CSV_ENCODING_AUTO && (utf8_ok == length || utf8_bom)))
    {
      if (utf8_ok != length)
        {
          if (encoding == GW_CSV_ENCODING_AUTO)
            g_set_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING,
                         _("%s line %u: wrong encoding: the file starts as UTF-8 but byte 0x%02X "
                           "is not UTF-8; save it again as “CSV UTF-8”"), label,
                         line_at (data, utf8_ok), u[utf8_ok]);
          else
            g_set_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING,
                         _("%s line %u: wrong encoding: byte 0x%02X is not UTF-8 (a file Excel "
                           "saved as “CSV (comma delimited)” is GB18030)"), label,
                         line_at (data, utf8_ok), u[utf8_ok]);
          return NULL;
        }
      *used = GW_CSV_ENCODING_UTF8;
      n = length;
      text = g_strndup (data, length);
      drop_bom (text, &n);
      if (out_length)
        *out_length = n;
      return text;
    }

  text = from_gb18030 (data, length, &n, &gb_bad);
  if (text == NULL)
    {
      gsize at = encoding == GW_CSV_ENCODING_AUTO ? MAX (gb_bad, utf8_ok) : gb_bad;

      if (at >= length)
        at = length ? length - 1 : 0;
      if (encoding == GW_CSV_ENCODING_AUTO)
        g_set_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING,
                     _("%s line %u: wrong encoding: the file is neither UTF-8 nor GB18030 "
                       "(byte 0x%02X); save it again as “CSV UTF-8”"), label,
                     line_at (data, at), length ? u[at] : 0);
      else
        g_set_error (error, GW_CSV_ERROR, GW_CSV_ERROR_ENCODING,
                     _("%s line %u: wrong encoding: byte 0x%02X is not GB18030"), label,
                     line_at (data, at), length ? u[at] : 0);
      return NULL;
    }
  *used = GW_CSV_ENCODING_GB18030;
  /* GB18030's own byte-order mark (84 31 95 33) becomes U+FEFF. */
  drop_bom (text, &n);
  if (out_length)
    *out_length = n;
  return text;
}

/* ---- records ------------------------------------------------------------------ */

struct _GwCsvReader {
  char       *label;
  const char *text;
  gsize       length;
  gsize       pos;
  guint       line;
};

void
gw_csv_record_clear (GwCsvRecord *record)
{
  g_clear_pointer (&record->fields, g_strfreev);
  g_clear_pointer (&record->problem, g_free);
  record->n_fields = 0;
  record->line = 0;
}

static gboolean
is_blank (const char *s)
{
  g_autofree char *stripped = gw_csv_strip (s);

  return *stripped == '\0';
}

gboolean
gw_csv_record_is_blank (const GwCsvRecord *record)
{
  for (guint i = 0; i < record->n_fields; i++)
    if (!is_blank (record->fields[i]))
      return FALSE;
  return TRUE;
}

GwCsvReader *
gw_csv_reader_new (const char *label,
                   const char *text,
                   gsize       length)
{
  GwCsvReader *r = g_new0 (GwCsvReader, 1);

  r->label = g_strdup (label);
  r->text = text;
  r->length = length;
  r->line = 1;
  return r;
}

void
gw_csv_reader_free (GwCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->label);
  g_free (reader);
}

double
gw_csv_reader_fraction (GwCsvReader *reader)
{
  return reader->length ? (double) reader->pos / reader->length : 1.0;
}

/* Consumes a line break at the position, if there is one: CRLF, LF or a lone CR. */
static gboolean
eat_newline (GwCsvReader *r)
{
  if (r->pos >= r->length)
    return FALSE;
  if (r->text[r->pos] == '\r')
    {
      r->pos++;
      if (r->pos < r->length && r->text[r->pos] == '\n')
        r->pos++;
      r->line++;
      return TRUE;
    }
  if (r->text[r->pos] == '\n')
    {
      r->pos++;
      r->line++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
too_large (GwCsvReader *r,
           guint        line,
           GError     **error)
{
  g_set_error (error, GW_CSV_ERROR, GW_CSV_ERROR_TOO_LARGE,
               _("%s line %u: the record has more than %u fields or a field longer than %u "
                 "bytes; this is not a sheet"), r->label, line, MAX_FIELDS, MAX_FIELD_BYTES);
  return FALSE;
}

gboolean
gw_csv_reader_next (GwCsvReader *r,
                    GwCsvRecord *record,
                    GError     **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = NULL;
  g_autofree char *problem = NULL;
  guint start_line;

  g_return_val_if_fail (r != NULL && record != NULL, FALSE);

  gw_csv_record_clear (record);
  if (r->pos >= r->length)
    return FALSE;

  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);
  start_line = r->line;

  for (;;)
    {
      /* At the start of a field. */
      g_string_truncate (field, 0);
      if (r->pos < r->length && r->text[r->pos] == '"')
        {
          guint quote_line = r->line;

          r->pos++;
          for (;;)
            {
              char c;

              if (r->pos >= r->length)
                {
                  g_set_error (error, GW_CSV_ERROR, GW_CSV_ERROR_SYNTAX,
                               _("%s line %u: a quoted field (field %u) is never closed; a "
                                 "quote mark is missing"), r->label, quote_line, fields->len + 1);
                  r->pos = r->length;
                  return FALSE;
                }
              c = r->text[r->pos];
              if (c == '"')
                {
                  if (r->pos + 1 < r->length && r->text[r->pos + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      r->pos += 2;
                      continue;
                    }
                  r->pos++;
                  break;
                }
              if (c == '\n' || (c == '\r' && (r->pos + 1 >= r->length ||
                                              r->text[r->pos + 1] != '\n')))
                r->line++;
              g_string_append_c (field, c);
              r->pos++;
              if (field->len > MAX_FIELD_BYTES)
                return too_large (r, start_line, error);
            }
          /* After the closing quote only a comma or the end of the line may follow. */
          if (r->pos < r->length && r->text[r->pos] != ',' && r->text[r->pos] != '\r' &&
              r->text[r->pos] != '\n' && problem == NULL)
            problem = g_strdup_printf (_("text follows the closing quote of field %u"),
                                       fields->len + 1);
        }
      /* Unquoted text (or what follows a stray closing quote) up to a comma or line end. */
      while (r->pos < r->length)
        {
          char c = r->text[r->pos];
          if (c == ',' || c == '\r' || c == '\n')
            break;
          g_string_append_c (field, c);
          r->pos++;
          if (field->len > MAX_FIELD_BYTES)
            return too_large (r, start_line, error);
        }

      g_ptr_array_add (fields, g_strndup (field->str, field->len));
      if (fields->len > MAX_FIELDS)
        return too_large (r, start_line, error);
      if (r->pos < r->length && r->text[r->pos] == ',')
        {
          r->pos++;
          continue;
        }
      eat_newline (r);
      break;
    }

  record->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  record->fields = (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
  record->line = start_line;
  record->problem = g_steal_pointer (&problem);
  return TRUE;
}

/* ---- values ------------------------------------------------------------------- */

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000 || c == 0xA0 ||
         c == 0xFEFF;
}

char *
gw_csv_strip (const char *text)
{
  const char *start, *end;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_strstrip (g_strdup (text));

  start = text;
  while (*start && is_space_char (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_space_char (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Full-width digits and separators to ASCII; NULL when there is something else
 * that is not ASCII besides 年, 月, 日 and 号. */
static char *
normalise_date_text (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (s, '0' + (c - 0xFF10));
      else if (c == 0xFF0F)
        g_string_append_c (s, '/');
      else if (c == 0xFF0D)
        g_string_append_c (s, '-');
      else if (c == 0xFF0E)
        g_string_append_c (s, '.');
      else if (c == 0xFF1A)
        g_string_append_c (s, ':');
      else if (c == 0x3000 || c == 0xA0)
        g_string_append_c (s, ' ');
      else if (c == 0x5E74)        /* 年 */
        g_string_append_c (s, 'Y');
      else if (c == 0x6708)        /* 月 */
        g_string_append_c (s, 'M');
      else if (c == 0x65E5 || c == 0x53F7)   /* 日, 号 */
        g_string_append_c (s, 'D');
      else if (c < 0x80)
        g_string_append_c (s, (char) c);
      else
        return NULL;
    }
  return g_strstrip (g_string_free (g_steal_pointer (&s), FALSE));
}

/* Reads 1 to @max digits; the count read, 0 when there is none. */
static guint
read_number (const char **p,
             guint        max,
             guint       *out)
{
  guint n = 0, v = 0;

  while (n < max && g_ascii_isdigit ((*p)[n]))
    {
      v = v * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n == 0 || g_ascii_isdigit ((*p)[n]))
    return 0;
  *p += n;
  *out = v;
  return n;
}

/* A time of day after a date: H:MM, H:MM:SS or H:MM:SS.fff, possibly with a
 * zone suffix that ISO 8601 timestamps carry. */
static gboolean
is_time (const char *p)
{
  guint h, m, n;

  while (*p == ' ')
    p++;
  if (!read_number (&p, 2, &h) || *p++ != ':' || read_number (&p, 2, &m) != 2 || h > 24 || m > 59)
    return FALSE;
  if (*p == ':')
    {
      guint s;
      p++;
      if (read_number (&p, 2, &s) != 2 || s > 60)
        return FALSE;
      if (*p == '.')
        {
          p++;
          if (!read_number (&p, 9, &n))
            return FALSE;
        }
    }
  if (*p == 'Z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      p++;
      if (read_number (&p, 2, &n) != 2)
        return FALSE;
      if (*p == ':')
        p++;
      if (*p && read_number (&p, 2, &n) != 2)
        return FALSE;
    }
  return *p == '\0';
}

static gboolean
set_dmy (GDate *out,
         guint  d,
         guint  m,
         guint  y)
{
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

gboolean
gw_csv_parse_date (const char *text,
                   GDate      *out)
{
  g_autofree char *s = NULL;
  const char *p;
  guint y, m, d;

  g_return_val_if_fail (out != NULL, FALSE);
  g_date_clear (out, 1);
  if (text == NULL || (s = normalise_date_text (text)) == NULL || *s == '\0')
    return FALSE;

  /* All digits: YYYYMMDD, or an Excel serial number, possibly with a time fraction. */
  {
    gsize digits = strspn (s, "0123456789");
    const char *rest = s + digits;

    if (digits > 0 && (*rest == '\0' ||
                       (*rest == '.' && rest[1] != '\0' &&
                        strspn (rest + 1, "0123456789") == strlen (rest + 1))))
      {
        guint64 serial;

        if (digits == 8 && *rest == '\0')
          return set_dmy (out, (s[6] - '0') * 10 + (s[7] - '0'),
                          (s[4] - '0') * 10 + (s[5] - '0'),
                          (guint) (g_ascii_strtoull (s, NULL, 10) / 10000));
        if (digits > 7)
          return FALSE;
        serial = g_ascii_strtoull (s, NULL, 10);
        if (serial < 1 || serial > 2958465)
          return FALSE;
        g_date_set_dmy (out, 30, G_DATE_DECEMBER, 1899);
        g_date_add_days (out, (guint) serial);
        return TRUE;
      }
  }

  p = s;
  if (read_number (&p, 4, &y) != 4)
    return FALSE;
  {
    const char *q = p;
    while (*q == ' ')
      q++;
    if (*q == 'Y')
      p = q;
  }
  if (*p == '-' || *p == '/' || *p == '.')
    {
      char sep = *p++;
      if (!read_number (&p, 2, &m) || *p++ != sep || !read_number (&p, 2, &d))
        return FALSE;
    }
  else if (*p == 'Y')
    {
      p++;
      while (*p == ' ')
        p++;
      if (!read_number (&p, 2, &m))
        return FALSE;
      while (*p == ' ')
        p++;
      if (*p++ != 'M')
        return FALSE;
      while (*p == ' ')
        p++;
      if (!read_number (&p, 2, &d))
        return FALSE;
      while (*p == ' ')
        p++;
      if (*p == 'D')
        p++;
    }
  else
    return FALSE;

  if (*p == 'T' || *p == ' ')
    {
      if (!is_time (p + 1))
        return FALSE;
    }
  else if (*p != '\0')
    return FALSE;
  return set_dmy (out, d, m, y);
}
