/**
 * Versioned schema. Each entry runs once, in order, inside a transaction; `PRAGMA user_version`
 * records how many have run. Never edit a shipped migration: add the next one.
 *
 * Points are stored compactly (WITHOUT ROWID, epoch seconds, duration in seconds) to stay near
 * the design's 32 bytes per point.
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
];
