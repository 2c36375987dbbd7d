import Database from 'better-sqlite3';

/** A read-only look into a cache file, through a connection of the test's own. */
export function withDb<T>(dbPath: string, look: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true });
  try {
    return look(db);
  } finally {
    db.close();
  }
}

/** Row counts of every table that a write touches. */
export function tableCounts(db: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['series', 'points', 'coverage', 'locations', 'location_aliases'])
    out[t] = (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return out;
}

/** The same counts read from a cache file. */
export function tableCountsAt(dbPath: string): Record<string, number> {
  return withDb(dbPath, tableCounts);
}
