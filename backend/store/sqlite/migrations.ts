/**
 * Versioned schema. Each entry runs once, in order, inside a transaction; `PRAGMA user_version`
 * records how many have run. Never edit a shipped migration: add the next one.
 *
 * Points are stored compactly: WITHOUT ROWID, epoch seconds, the duration only where it is not
 * the series' step, and the value as a scaled integer where that is exact (values.ts). Source
 * texts are stored once, in `sources`.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    market TEXT NOT NULL,
    location TEXT NOT NULL,
    run TEXT NOT NULL,
    product TEXT NOT NULL,
    currency TEXT NOT NULL,
    unit TEXT NOT NULL,
    UNIQUE (market, location, run, product, currency)
  );
  CREATE TABLE points (
    series_id INTEGER NOT NULL,
    start INTEGER NOT NULL,
    duration INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (series_id, start)
  ) WITHOUT ROWID;
  CREATE TABLE coverage (
    series_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    source TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    final INTEGER NOT NULL,
    PRIMARY KEY (series_id, day)
  ) WITHOUT ROWID;
  CREATE TABLE locations (
    market TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    PRIMARY KEY (market, name)
  ) WITHOUT ROWID;
  CREATE TABLE location_aliases (
    market TEXT NOT NULL,
    alias TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (market, alias)
  ) WITHOUT ROWID;
  CREATE TABLE fetch_log (
    market TEXT PRIMARY KEY,
    last_fetch INTEGER,
    last_error TEXT,
    last_error_at INTEGER
  );
  `,
  `
  CREATE TABLE revisions (
    series_id INTEGER NOT NULL,
    start INTEGER NOT NULL,
    old_value REAL NOT NULL,
    new_value REAL NOT NULL,
    revised_at INTEGER NOT NULL
  );
  CREATE INDEX revisions_by_series ON revisions (series_id, start);
  -- A source that revises a published value (a corrected file, a final after a preliminary) leaves a trace.
  CREATE TRIGGER points_revised AFTER UPDATE OF value ON points
  WHEN old.value IS NOT new.value
  BEGIN
    INSERT INTO revisions (series_id, start, old_value, new_value, revised_at) VALUES (new.series_id, new.start, old.value, new.value, unixepoch());
  END;
  `,
  `
  CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
  );
  INSERT INTO sources (text) SELECT DISTINCT source FROM coverage ORDER BY source;
  CREATE TABLE coverage_v3 (
    series_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources (id),
    fetched_at INTEGER NOT NULL,
    final INTEGER NOT NULL,
    PRIMARY KEY (series_id, day)
  ) WITHOUT ROWID;
  INSERT INTO coverage_v3 SELECT c.series_id, c.day, s.id, c.fetched_at, c.final FROM coverage c JOIN sources s ON s.text = c.source;
  DROP TABLE coverage;
  ALTER TABLE coverage_v3 RENAME TO coverage;

  -- A point whose duration is its series' step stores none (NULL).
  ALTER TABLE series ADD COLUMN step INTEGER;
  -- value has no type: a scaled integer stays an integer, a REAL stays a REAL (values.ts).
  CREATE TABLE points_v3 (
    series_id INTEGER NOT NULL,
    start INTEGER NOT NULL,
    duration INTEGER,
    value NOT NULL,
    PRIMARY KEY (series_id, start)
  ) WITHOUT ROWID;
  INSERT INTO points_v3
    SELECT series_id, start, duration,
      CASE WHEN abs(value) < 9.0e10 AND CAST(round(value * 100000) AS INTEGER) / 100000.0 = value
        THEN CAST(round(value * 100000) AS INTEGER) ELSE value END
    FROM points;
  DROP TABLE points;
  ALTER TABLE points_v3 RENAME TO points;
  -- Points as they were written, for anyone reading the file with the sqlite3 shell.
  CREATE VIEW point_values AS
    SELECT p.series_id AS series_id, p.start AS start, coalesce(p.duration, s.step) AS duration,
      CASE typeof(p.value) WHEN 'integer' THEN p.value / 100000.0 ELSE p.value END AS value
    FROM points p JOIN series s ON s.id = p.series_id;
  CREATE TRIGGER points_revised AFTER UPDATE OF value ON points
  WHEN old.value IS NOT new.value
  BEGIN
    INSERT INTO revisions (series_id, start, old_value, new_value, revised_at) VALUES (
      new.series_id, new.start,
      CASE typeof(old.value) WHEN 'integer' THEN old.value / 100000.0 ELSE old.value END,
      CASE typeof(new.value) WHEN 'integer' THEN new.value / 100000.0 ELSE new.value END,
      unixepoch());
  END;
  `,
  `
  -- A location's aliases by its name: one formula's location is found without reading the market's list.
  CREATE INDEX location_aliases_by_name ON location_aliases (market, name);
  `,
];
