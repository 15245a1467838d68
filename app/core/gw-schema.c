/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-schema"

#include "config.h"

#include "gw-schema.h"

#define DATE_OK(col) "(" col " IS NULL OR (length(" col ") = 10 AND date(" col ") = " col "))"

/* Version 1: every entity of DESIGN.md, the immutable event chain and full-text search.
 * Enumerations are checked with chains of = rather than IN (…): SQLite builds a
 * temporary b-tree for an IN list of more than two constants on every execution
 * of an INSERT, which made bulk loads three times slower. */
static const char migration_1[] =
  "CREATE TABLE gw_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;\n"
  "INSERT INTO gw_meta VALUES ('application', 'gridwatch');\n"

  "CREATE TABLE counties (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) = 6 AND code NOT GLOB '*[^0-9]*'),\n"
  "  name TEXT NOT NULL CHECK (name <> ''));\n"

  "CREATE TABLE grids (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) = 12 AND code NOT GLOB '*[^0-9]*'),\n"
  "  name TEXT NOT NULL CHECK (name <> ''),\n"
  "  county_id INTEGER NOT NULL REFERENCES counties (id),\n"
  "  boundary TEXT CHECK (boundary IS NULL OR json_valid (boundary)),\n"
  "  min_lat REAL, min_lon REAL, max_lat REAL, max_lon REAL,\n"
  "  center_lat REAL, center_lon REAL);\n"
  "CREATE INDEX grids_county ON grids (county_id);\n"

  "CREATE TABLE staff (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL CHECK (name <> ''),\n"
  "  phone TEXT,\n"
  "  role TEXT NOT NULL CHECK ((role = 'grid-chief' OR role = 'grid-member' OR "
  "    role = 'supervisor' OR role = 'chain-chief' OR role = 'vice-chain-chief' OR "
  "    role = 'inspector' OR role = 'regulation' OR role = 'viewer')),\n"
  "  grid_id INTEGER REFERENCES grids (id),\n"
  "  unit TEXT,\n"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
  "  CHECK (role NOT IN ('grid-chief', 'grid-member') OR grid_id IS NOT NULL));\n"
  "CREATE INDEX staff_grid ON staff (grid_id, role);\n"
  "CREATE INDEX staff_name ON staff (name);\n"

  "CREATE TABLE enterprises (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL CHECK (name <> ''),\n"
  "  credit_code TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18\n"
  "    AND credit_code NOT GLOB '*[^0-9ABCDEFGHJKLMNPQRTUWXY]*'),\n"
  "  grid_id INTEGER NOT NULL REFERENCES grids (id),\n"
  "  industry TEXT,\n"
  "  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),\n"
  "  lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),\n"
  "  color TEXT NOT NULL DEFAULT 'green' CHECK ((color = 'red' OR color = 'yellow' OR "
  "    color = 'green')),\n"
  "  positive_list INTEGER NOT NULL DEFAULT 0 CHECK (positive_list IN (0, 1)),\n"
  "  supervisor_id INTEGER REFERENCES staff (id));\n"
  "CREATE INDEX enterprises_grid ON enterprises (grid_id);\n"

  "CREATE TABLE campaigns (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL UNIQUE CHECK (name <> ''),\n"
  "  start_date TEXT CHECK " DATE_OK ("start_date") ",\n"
  "  end_date TEXT CHECK " DATE_OK ("end_date") ");\n"

  "CREATE TABLE hazards (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  number TEXT NOT NULL UNIQUE,\n"
  "  title TEXT NOT NULL CHECK (title <> ''),\n"
  "  description TEXT NOT NULL DEFAULT '',\n"
  "  grid_id INTEGER NOT NULL REFERENCES grids (id),\n"
  "  enterprise_id INTEGER REFERENCES enterprises (id),\n"
  "  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),\n"
  "  lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),\n"
  "  found_date TEXT NOT NULL CHECK " DATE_OK ("found_date") ",\n"
  "  found_by INTEGER REFERENCES staff (id),\n"
  "  source TEXT NOT NULL CHECK ((source = 'patrol' OR source = 'analysis' OR "
  "    source = 'complaint' OR source = 'inspection' OR source = 'monitoring' OR "
  "    source = 'report')),\n"
  "  field TEXT NOT NULL CHECK ((field = 'air' OR field = 'water' OR field = 'soil' OR "
  "    field = 'solid-waste' OR field = 'noise' OR field = 'radiation' OR "
  "    field = 'other')),\n"
  "  urgency TEXT CHECK (urgency IS NULL OR (urgency = 'no-delay' OR "
  "    urgency = 'at-all-costs' OR urgency = 'no-gap')),\n"
  "  level TEXT CHECK (level IS NULL OR (level = 'I' OR level = 'II' OR level = 'III' OR "
  "    level = 'IV')),\n"
  "  measure TEXT CHECK (measure IS NULL OR (measure = 'control' OR "
  "    measure = 'deadline' OR measure = 'immediate')),\n"
  "  responsible_unit TEXT,\n"
  "  responsible_id INTEGER REFERENCES staff (id),\n"
  "  deadline TEXT CHECK " DATE_OK ("deadline") ",\n"
  "  state TEXT NOT NULL DEFAULT 'reported' CHECK ((state = 'reported' OR "
  "    state = 'rectifying' OR state = 'verifying' OR state = 'downgraded' OR "
  "    state = 'closed')),\n"
  "  campaign_id INTEGER REFERENCES campaigns (id),\n"
  "  closed_date TEXT CHECK " DATE_OK ("closed_date") ",\n"
  /* Once assessed, a hazard keeps what the assessment gave it. */
  "  CHECK ((state <> 'rectifying' AND state <> 'verifying' AND state <> 'downgraded') OR "
  "    (level IS NOT NULL\n"
  "         AND urgency IS NOT NULL AND measure IS NOT NULL AND deadline IS NOT NULL\n"
  "         AND responsible_id IS NOT NULL)),\n"
  "  CHECK ((state = 'closed') = (closed_date IS NOT NULL)),\n"
  "  CHECK ((lat IS NULL) = (lon IS NULL)));\n"
  "CREATE INDEX hazards_grid_state ON hazards (grid_id, state);\n"
  "CREATE INDEX hazards_state_deadline ON hazards (state, deadline);\n"
  "CREATE INDEX hazards_deadline ON hazards (deadline);\n"
  "CREATE INDEX hazards_found ON hazards (found_date);\n"
  "CREATE INDEX hazards_closed ON hazards (closed_date) WHERE closed_date IS NOT NULL;\n"
  "CREATE INDEX hazards_level ON hazards (level, state);\n"
  "CREATE INDEX hazards_urgency ON hazards (urgency, state);\n"
  "CREATE INDEX hazards_campaign ON hazards (campaign_id) WHERE campaign_id IS NOT NULL;\n"
  "CREATE INDEX hazards_responsible ON hazards (responsible_id);\n"
  "CREATE TRIGGER hazards_no_delete BEFORE DELETE ON hazards\n"
  "  BEGIN SELECT RAISE (ABORT, 'hazards are never deleted: close them'); END;\n"

  /* The history 全过程留痕: append-only, each row chained to the previous by SHA-256. */
  "CREATE TABLE hazard_events (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  hazard_id INTEGER NOT NULL REFERENCES hazards (id),\n"
  "  at TEXT NOT NULL,\n"
  "  date TEXT NOT NULL CHECK " DATE_OK ("date") ",\n"
  "  actor_id INTEGER REFERENCES staff (id),\n"
  "  actor TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK ((kind = 'create' OR kind = 'transition' OR "
  "    kind = 'level' OR kind = 'edit' OR kind = 'comment' OR kind = 'attachment' OR "
  "    kind = 'decision' OR kind = 'import')),\n"
  "  name TEXT,\n"
  "  from_value TEXT,\n"
  "  to_value TEXT,\n"
  "  note TEXT,\n"
  "  details TEXT CHECK (details IS NULL OR json_valid (details)),\n"
  "  prev_hash TEXT NOT NULL,\n"
  "  hash TEXT NOT NULL CHECK (length(hash) = 64));\n"
  "CREATE INDEX hazard_events_hazard ON hazard_events (hazard_id, id);\n"
  "CREATE INDEX hazard_events_date ON hazard_events (date);\n"
  /* The newest link is remembered apart, so that cutting events off the end shows. */
  "CREATE TRIGGER hazard_events_head AFTER INSERT ON hazard_events BEGIN\n"
  "  INSERT OR REPLACE INTO gw_meta VALUES ('chain_head', new.id || ':' || new.hash);\n"
  "END;\n"
  "CREATE TRIGGER hazard_events_no_update BEFORE UPDATE ON hazard_events\n"
  "  BEGIN SELECT RAISE (ABORT, 'hazard events are never changed'); END;\n"
  "CREATE TRIGGER hazard_events_no_delete BEFORE DELETE ON hazard_events\n"
  "  BEGIN SELECT RAISE (ABORT, 'hazard events are never deleted'); END;\n"

  "CREATE TABLE attachments (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  hazard_id INTEGER REFERENCES hazards (id),\n"
  "  check_id INTEGER REFERENCES checks (id),\n"
  "  kind TEXT NOT NULL CHECK ((kind = 'before' OR kind = 'after' OR kind = 'other')),\n"
  "  filename TEXT NOT NULL,\n"
  "  mime_type TEXT NOT NULL,\n"
  "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),\n"
  "  data BLOB NOT NULL,\n"
  "  added_at TEXT NOT NULL,\n"
  "  added_by INTEGER REFERENCES staff (id),\n"
  "  CHECK (hazard_id IS NOT NULL OR check_id IS NOT NULL));\n"
  "CREATE INDEX attachments_hazard ON attachments (hazard_id);\n"
  "CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments\n"
  "  BEGIN SELECT RAISE (ABORT, 'attachments are never changed'); END;\n"
  "CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments\n"
  "  BEGIN SELECT RAISE (ABORT, 'attachments are never deleted'); END;\n"

  /* Ten-day analyses 研判 and patrols 巡查; dekad is the first day of the dekad. */
  "CREATE TABLE checks (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  grid_id INTEGER NOT NULL REFERENCES grids (id),\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('analysis', 'patrol')),\n"
  "  date TEXT NOT NULL CHECK " DATE_OK ("date") ",\n"
  "  dekad TEXT NOT NULL CHECK (dekad = date(date, 'start of month', '+' ||\n"
  "    (CASE WHEN CAST(strftime('%d', date) AS INTEGER) <= 10 THEN 0\n"
  "          WHEN CAST(strftime('%d', date) AS INTEGER) <= 20 THEN 10 ELSE 20 END) || ' days')),\n"
  "  by_id INTEGER REFERENCES staff (id),\n"
  "  participants TEXT CHECK (participants IS NULL OR json_valid (participants)),\n"
  "  area TEXT,\n"
  "  minutes TEXT,\n"
  "  created_at TEXT NOT NULL);\n"
  "CREATE INDEX checks_dekad ON checks (kind, dekad, grid_id);\n"
  "CREATE INDEX checks_grid ON checks (grid_id, kind, date);\n"
  "CREATE TABLE check_hazards (\n"
  "  check_id INTEGER NOT NULL REFERENCES checks (id),\n"
  "  hazard_id INTEGER NOT NULL REFERENCES hazards (id),\n"
  "  relation TEXT NOT NULL CHECK (relation IN ('reviewed', 'found')),\n"
  "  note TEXT,\n"
  "  PRIMARY KEY (check_id, hazard_id, relation)) WITHOUT ROWID;\n"
  "CREATE INDEX check_hazards_hazard ON check_hazards (hazard_id);\n"

  "CREATE TABLE meetings (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  date TEXT NOT NULL UNIQUE CHECK " DATE_OK ("date") ",\n"
  "  attendees TEXT,\n"
  "  note TEXT,\n"
  "  created_at TEXT NOT NULL);\n"
  "CREATE TABLE meeting_decisions (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  meeting_id INTEGER NOT NULL REFERENCES meetings (id),\n"
  "  text TEXT NOT NULL CHECK (text <> ''),\n"
  "  assignee_id INTEGER REFERENCES staff (id),\n"
  "  deadline TEXT CHECK " DATE_OK ("deadline") ");\n"
  "CREATE TABLE decision_hazards (\n"
  "  decision_id INTEGER NOT NULL REFERENCES meeting_decisions (id),\n"
  "  hazard_id INTEGER NOT NULL REFERENCES hazards (id),\n"
  "  PRIMARY KEY (decision_id, hazard_id)) WITHOUT ROWID;\n"
  "CREATE INDEX decision_hazards_hazard ON decision_hazards (hazard_id);\n"
  "CREATE INDEX meeting_decisions_meeting ON meeting_decisions (meeting_id);\n"

  /* Number, title and description as bigram text, and the last characters of
   * Chinese runs (see gw_fts_index_text); the program keeps it in step. */
  "CREATE VIRTUAL TABLE hazard_fts USING fts5 (doc, tail, content = '',"
  " tokenize = 'unicode61');\n";

#define TALLY_FILL \
  "INSERT INTO hazard_tally SELECT grid_id, state, coalesce (level, ''), coalesce (urgency, ''),\n" \
  "  count(*) FROM hazards GROUP BY 1, 2, 3, 4;\n"
#define GEO_FILL \
  "INSERT INTO hazard_geo SELECT id, lat, lat, lon, lon FROM hazards WHERE lat IS NOT NULL;\n"

/* Version 2: figures the map, board and KPIs read on every refresh, kept by
 * triggers instead of counted from a million rows; and a spatial index. */
static const char migration_2[] =
  "CREATE TABLE hazard_tally (\n"
  "  grid_id INTEGER NOT NULL,\n"
  "  state TEXT NOT NULL,\n"
  "  level TEXT NOT NULL,\n"
  "  urgency TEXT NOT NULL,\n"
  "  n INTEGER NOT NULL,\n"
  "  PRIMARY KEY (grid_id, state, level, urgency)) WITHOUT ROWID;\n"
  TALLY_FILL
  "CREATE TRIGGER hazard_tally_insert AFTER INSERT ON hazards BEGIN\n"
  "  INSERT INTO hazard_tally VALUES (new.grid_id, new.state, coalesce (new.level, ''),\n"
  "    coalesce (new.urgency, ''), 1)\n"
  "  ON CONFLICT DO UPDATE SET n = n + 1;\n"
  "END;\n"
  "CREATE TRIGGER hazard_tally_update AFTER UPDATE OF grid_id, state, level, urgency ON hazards\n"
  "BEGIN\n"
  "  UPDATE hazard_tally SET n = n - 1 WHERE grid_id = old.grid_id AND state = old.state\n"
  "    AND level = coalesce (old.level, '') AND urgency = coalesce (old.urgency, '');\n"
  "  INSERT INTO hazard_tally VALUES (new.grid_id, new.state, coalesce (new.level, ''),\n"
  "    coalesce (new.urgency, ''), 1)\n"
  "  ON CONFLICT DO UPDATE SET n = n + 1;\n"
  "END;\n"

  "CREATE VIRTUAL TABLE hazard_geo USING rtree (id, min_lat, max_lat, min_lon, max_lon);\n"
  GEO_FILL
  "CREATE TRIGGER hazard_geo_insert AFTER INSERT ON hazards WHEN new.lat IS NOT NULL BEGIN\n"
  "  INSERT INTO hazard_geo VALUES (new.id, new.lat, new.lat, new.lon, new.lon);\n"
  "END;\n"
  "CREATE TRIGGER hazard_geo_update AFTER UPDATE OF lat, lon ON hazards BEGIN\n"
  "  DELETE FROM hazard_geo WHERE id = old.id;\n"
  "  INSERT INTO hazard_geo SELECT new.id, new.lat, new.lat, new.lon, new.lon\n"
  "    WHERE new.lat IS NOT NULL;\n"
  "END;\n";

#define SORT_FILL \
  "INSERT INTO hazard_sort SELECT h.id, c.name, g.name, r.name FROM hazards h\n" \
  "  LEFT JOIN grids g ON g.id = h.grid_id LEFT JOIN counties c ON c.id = g.county_id\n" \
  "  LEFT JOIN staff r ON r.id = h.responsible_id;\n"

/* Version 3: what the ledger sorts and counts by at a million hazards.
 * Sorting by county, grid or responsible person sorted every row by a name
 * looked up per row: the names are kept beside the hazard's id, indexed, by
 * triggers (the hazard rows themselves, which the history check compares,
 * do not change). The index of states by deadline also covers grid, level and
 * urgency, so that the count of overdue hazards under a filter reads no rows,
 * and the index of grids by state covers level and urgency: a grid's
 * hazards of a level or urgency class are found without reading its rows
 * (the ledger reads a grid's pages through this index). */
static const char migration_3[] =
  "CREATE TABLE hazard_sort (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  county TEXT,\n"
  "  grid TEXT,\n"
  "  responsible TEXT);\n"
  SORT_FILL
  "CREATE INDEX hazard_sort_county ON hazard_sort (county);\n"
  "CREATE INDEX hazard_sort_grid ON hazard_sort (grid);\n"
  "CREATE INDEX hazard_sort_responsible ON hazard_sort (responsible);\n"
  "CREATE TRIGGER hazard_sort_insert AFTER INSERT ON hazards BEGIN\n"
  "  INSERT INTO hazard_sort VALUES (new.id,\n"
  "    (SELECT c.name FROM grids g JOIN counties c ON c.id = g.county_id WHERE g.id = new.grid_id),\n"
  "    (SELECT name FROM grids WHERE id = new.grid_id),\n"
  "    (SELECT name FROM staff WHERE id = new.responsible_id));\n"
  "END;\n"
  "CREATE TRIGGER hazard_sort_update AFTER UPDATE OF grid_id, responsible_id ON hazards BEGIN\n"
  "  UPDATE hazard_sort SET\n"
  "    county = (SELECT c.name FROM grids g JOIN counties c ON c.id = g.county_id\n"
  "              WHERE g.id = new.grid_id),\n"
  "    grid = (SELECT name FROM grids WHERE id = new.grid_id),\n"
  "    responsible = (SELECT name FROM staff WHERE id = new.responsible_id)\n"
  "  WHERE id = new.id;\n"
  "END;\n"
  "CREATE TRIGGER hazard_sort_county_name AFTER UPDATE OF name ON counties BEGIN\n"
  "  UPDATE hazard_sort SET county = new.name WHERE id IN\n"
  "    (SELECT h.id FROM hazards h JOIN grids g ON g.id = h.grid_id WHERE g.county_id = new.id);\n"
  "END;\n"
  "CREATE TRIGGER hazard_sort_grid_name AFTER UPDATE OF name, county_id ON grids BEGIN\n"
  "  UPDATE hazard_sort SET grid = new.name,\n"
  "    county = (SELECT name FROM counties WHERE id = new.county_id)\n"
  "  WHERE id IN (SELECT id FROM hazards WHERE grid_id = new.id);\n"
  "END;\n"
  "CREATE TRIGGER hazard_sort_staff_name AFTER UPDATE OF name ON staff BEGIN\n"
  "  UPDATE hazard_sort SET responsible = new.name WHERE id IN\n"
  "    (SELECT id FROM hazards WHERE responsible_id = new.id);\n"
  "END;\n"
  "DROP INDEX hazards_state_deadline;\n"
  "CREATE INDEX hazards_state_deadline ON hazards (state, deadline, grid_id, level, urgency);\n"
  "DROP INDEX hazards_grid_state;\n"
  "CREATE INDEX hazards_grid_state ON hazards (grid_id, state, level, urgency);\n";

static const char rebuild_derived[] =
  "DELETE FROM hazard_tally;\n" TALLY_FILL "DELETE FROM hazard_geo;\n" GEO_FILL
  "DELETE FROM hazard_sort;\n" SORT_FILL
  "INSERT OR REPLACE INTO gw_meta SELECT 'chain_head', id || ':' || hash FROM hazard_events\n"
  "  ORDER BY id DESC LIMIT 1;\n";

const char *
gw_schema_rebuild_derived (void)
{
  return rebuild_derived;
}

/* Version 4: the search index keeps the prefixes of 1 to 5 characters of
 * every word. Typing a hazard number ("2026-4304") searches the prefix of a
 * county code, which matched 900,000 of a million hazards by merging the
 * lists of every code it begins (0.1–0.2 s); with the prefixes indexed it
 * reads one list (< 5 ms), for about twice the index. The program fills the
 * new index (gw_schema_refills_search). */
static const char migration_4[] =
  "DROP TABLE hazard_fts;\n"
  "CREATE VIRTUAL TABLE hazard_fts USING fts5 (doc, tail, content = '',"
  " tokenize = 'unicode61', prefix = '1 2 3 4 5');\n";

static const char *migrations[] = { NULL, migration_1, migration_2, migration_3, migration_4 };

gboolean
gw_schema_refills_search (guint version)
{
  return version == 4;
}

const char *
gw_schema_migration (guint version)
{
  if (version == 0 || version >= G_N_ELEMENTS (migrations))
    return NULL;
  return migrations[version];
}

guint
gw_schema_latest (void)
{
  return G_N_ELEMENTS (migrations) - 1;
}
