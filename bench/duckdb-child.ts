/**
 * The DuckDB peer, alone in its own process: `node build/bench/duckdb-child.js CSV DB` (bundled by
 * bench/compile.ts) loads a bare CAISO OASIS LMP CSV (or a JEPX spot summary in UTF-8) into a new
 * DuckDB database file with one thread: `read_csv` and an INSERT into a table keyed like
 * gridcell's points (node, LMP type, interval start; for JEPX, column and start). Prints {"rows","ms","peakRssMb"}: `ms` is the INSERT alone (read, parse, key
 * check, commit), timed in-process; the parent times the whole process (start, load DuckDB,
 * create, insert, close with its checkpoint).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { peakRssMb } from './peak-rss';

/** The price column of each OASIS LMP query (PRC_LMP, PRC_INTVL_LMP, PRC_RTPD_LMP). */
const PRICE_COLUMNS = ['MW', 'VALUE', 'PRC'];

async function main(): Promise<void> {
  const [csv, dbPath] = process.argv.slice(2);
  const instance = await DuckDBInstance.create(dbPath, { threads: '1' });
  const db = await instance.connect();
  await db.run('SET threads = 1');
  const columns = (await db.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv(${quote(csv)}, header = true))`))
    .getRows()
    .map((r) => String(r[0]));
  const insert = columns.includes('INTERVALSTARTTIME_GMT') ? await oasis(db, csv, columns) : await jepx(db, csv, columns);
  const t0 = performance.now();
  const result = await db.run(insert);
  const ms = performance.now() - t0;
  const rows = Number(result.rowsChanged);
  db.closeSync();
  instance.closeSync();
  process.stdout.write(JSON.stringify({ rows, ms, peakRssMb: peakRssMb() }) + '\n');
}

/** An OASIS LMP CSV: one row per node, LMP type and interval, keyed like gridcell's (location, product, start). */
async function oasis(db: DuckDBConnection, csv: string, columns: string[]): Promise<string> {
  const price = PRICE_COLUMNS.find((c) => columns.includes(c));
  if (!price) throw new Error(`${csv}: no OASIS price column (${PRICE_COLUMNS.join(', ')})`);
  await db.run(
    `CREATE TABLE points (node VARCHAR NOT NULL, lmp_type VARCHAR NOT NULL, interval_start TIMESTAMPTZ NOT NULL,
       interval_end TIMESTAMPTZ NOT NULL, value DOUBLE, PRIMARY KEY (node, lmp_type, interval_start))`,
  );
  return `INSERT INTO points SELECT NODE, LMP_TYPE, CAST(INTERVALSTARTTIME_GMT AS TIMESTAMPTZ), CAST(INTERVALENDTIME_GMT AS TIMESTAMPTZ), ${price}
    FROM read_csv(${quote(csv)}, header = true)`;
}

/**
 * A JEPX spot summary, given as UTF-8 (DuckDB's read_csv needs an extension for Shift_JIS): one
 * row per delivery date and half-hour slot (JST, UTC+9 all year), every price and volume column
 * unpivoted into (column, start, value) rows keyed by column and start; empty cells are skipped,
 * as gridcell skips them.
 */
async function jepx(db: DuckDBConnection, csv: string, columns: string[]): Promise<string> {
  const [date, slot] = columns.map(ident);
  if (columns[0] !== '受渡日') throw new Error(`${csv}: neither an OASIS LMP CSV nor a JEPX spot summary`);
  await db.run(
    'CREATE TABLE points (series VARCHAR NOT NULL, interval_start TIMESTAMPTZ NOT NULL, value DOUBLE, PRIMARY KEY (series, interval_start))',
  );
  return `INSERT INTO points SELECT series, CAST(start AS TIMESTAMPTZ), CAST(value AS DOUBLE) FROM (
    UNPIVOT (SELECT CAST(${date} AS TIMESTAMP) - INTERVAL 9 HOUR + (${slot} - 1) * INTERVAL 30 MINUTE AS start, * EXCLUDE (${date}, ${slot})
             FROM read_csv(${quote(csv)}, header = true))
    ON COLUMNS(* EXCLUDE (start)) INTO NAME series VALUE value)`;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

void main();
