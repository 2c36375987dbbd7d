import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Files the bench makes from the recorded fixtures, outside any timing: a bare copy of a zip's
 * CSV member (DuckDB cannot read a zip) and a UTF-8 copy of the JEPX CSV (nor Shift_JIS), the
 * CAISO all-APNodes report over 16 days, and a 5-minute nodal file in OASIS's PRC_INTVL_LMP layout. Each is written once into a temp folder named
 * after the fixture's size and time, and reused by later runs.
 */

/** Bump when a generator changes, so that older files are not reused. */
const GENERATION = 1;
const DAY_MS = 86_400_000;
const FIVE_MINUTES_MS = 300_000;

interface Csv {
  member: string;
  header: string[];
  rows: string[][];
}

/** The fixture's folder; those made from an earlier copy of it (another size or time) are removed, so they do not pile up. */
function cacheDir(fixture: string): string {
  const s = statSync(fixture);
  const root = join(tmpdir(), `gridcell-bench-generated-v${GENERATION}`);
  const name = `${basename(fixture)}-${s.size}-${Math.round(s.mtimeMs)}`;
  if (existsSync(root))
    for (const other of readdirSync(root))
      if (other !== name && other.startsWith(`${basename(fixture)}-`)) rmSync(join(root, other), { recursive: true, force: true });
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes `path` once: `make` writes to a temp name that is renamed into place when complete. */
function once(path: string, make: (tmp: string) => void): string {
  if (!existsSync(path)) {
    const tmp = `${path}.part`;
    make(tmp);
    renameSync(tmp, path);
  }
  return path;
}

function readOasisZip(zip: string): Csv {
  const [entry] = new AdmZip(zip).getEntries();
  const lines = entry
    .getData()
    .toString('latin1')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  return { member: entry.entryName, header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** A zip of one CSV member, as OASIS sends it (deflated). */
function writeZip(path: string, member: string, pieces: Buffer[]): void {
  const zip = new AdmZip();
  zip.addFile(member, Buffer.concat(pieces));
  zip.writeZip(path);
}

/** The CSV member of a zip, inflated to a bare file (for DuckDB, whose read_csv cannot open a zip). */
export function inflatedCsv(zip: string): string {
  const [entry] = new AdmZip(zip).getEntries();
  const dir = cacheDir(zip);
  return once(join(dir, basename(entry.entryName)), (tmp) => writeFileSync(tmp, entry.getData()));
}

/** A Shift_JIS CSV (JEPX) rewritten in UTF-8, for DuckDB, whose read_csv reads Shift_JIS only with an extension. */
export function utf8Csv(file: string): string {
  const dir = cacheDir(file);
  return once(join(dir, basename(file).replace(/\.csv$/i, '_utf8.csv')), (tmp) =>
    writeFileSync(tmp, new TextDecoder('shift_jis').decode(readFileSync(file))),
  );
}

/** `2020-01-02T05:00:00-00:00` (OASIS GMT) or `2020-01-01` (OPR_DT) moved by `ms`, in the same form. */
function shifted(cell: string, ms: number): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) return new Date(Date.parse(`${cell}T00:00:00Z`) + ms).toISOString().slice(0, 10);
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(.*)$/.exec(cell);
  if (!m) throw new Error(`not an OASIS date or time: ${cell}`);
  return `${new Date(Date.parse(`${m[1]}Z`) + ms).toISOString().slice(0, 19)}${m[2]}`;
}

/** The columns that hold a date or a time: the GMT interval bounds and the operating day. */
function dateColumns(header: string[]): number[] {
  const cols = header.flatMap((h, i) => (/_GMT$/.test(h) || h === 'OPR_DT' ? [i] : []));
  if (cols.length < 3) throw new Error(`expected the OASIS date columns in ${header.join(',')}`);
  return cols;
}

/**
 * The recorded all-APNodes day-ahead zip repeated over `days` consecutive days (every date and
 * time column shifted by n days, everything else as recorded), zipped like the original: the
 * same report `days` times the size (16 days: 2.6 million points). January 2020 has no DST change.
 */
export function caisoDays(zip: string, days: number): string {
  const dir = cacheDir(zip);
  return once(join(dir, `PRC_LMP_DAM_20200101_v1_ALL_APNODES_x${days}_days_generated_oasis_singlezip.zip`), (tmp) => {
    const csv = readOasisZip(zip);
    const cols = dateColumns(csv.header);
    const pieces = [Buffer.from(csv.header.join(',') + '\n', 'latin1')];
    for (let n = 0; n < days; n++) {
      const memo = new Map<string, string>();
      const shift = (cell: string) => {
        let out = memo.get(cell);
        if (out === undefined) memo.set(cell, (out = shifted(cell, n * DAY_MS)));
        return out;
      };
      const lines = csv.rows.map((row) => {
        const copy = [...row];
        for (const c of cols) copy[c] = shift(row[c]);
        return copy.join(',');
      });
      pieces.push(Buffer.from(lines.join('\n') + '\n', 'latin1'));
    }
    writeZip(tmp, csv.member.replace(/\.csv$/i, `_x${days}_days.csv`), pieces);
  });
}

/**
 * A 5-minute nodal file: OASIS PRC_INTVL_LMP (MARKET_RUN_ID RTM, price column VALUE, OPR_INTERVAL
 * 1..12 within each OPR_HR), the layout gridcell's caiso.prc_intvl_lmp report reads and
 * recognizes from its header and first row. No large recorded PRC_INTVL_LMP file exists, so it is
 * GENERATED from the recorded all-APNodes day-ahead zip: the same 1,700 nodes, LMP types and
 * column list, each hourly row expanded to its twelve 5-minute intervals (1,700 nodes x 288
 * intervals x 4 LMP types, about 1.95 million rows). Prices: the hourly value plus a 5-minute
 * swing shared by every node and added to LMP and MCE alike (the energy component is system-wide),
 * so the components still add up.
 */
export function caisoFiveMinute(zip: string): string {
  const dir = cacheDir(zip);
  return once(join(dir, 'PRC_INTVL_LMP_RTM_20200101_v3_ALL_APNODES_generated_oasis_singlezip.zip'), (tmp) => {
    const csv = readOasisZip(zip);
    const col = (name: string) => {
      const i = csv.header.indexOf(name);
      if (i < 0) throw new Error(`no ${name} column in ${csv.member}`);
      return i;
    };
    const [start, end, interval, run, type, price] = [
      col('INTERVALSTARTTIME_GMT'),
      col('INTERVALENDTIME_GMT'),
      col('OPR_INTERVAL'),
      col('MARKET_RUN_ID'),
      col('LMP_TYPE'),
      col('MW'),
    ];
    const header = [...csv.header];
    header[price] = 'VALUE';
    const pieces = [Buffer.from(header.join(',') + '\n', 'latin1')];
    const times = new Map<string, string>();
    const time = (cell: string, k: number) => {
      const key = `${cell}|${k}`;
      let out = times.get(key);
      if (out === undefined) times.set(key, (out = shifted(cell, k * FIVE_MINUTES_MS)));
      return out;
    };
    let lines: string[] = [];
    for (const row of csv.rows) {
      const hourly = Number(row[price]);
      const hour = Date.parse(`${row[start].slice(0, 19)}Z`) / 3_600_000;
      for (let k = 0; k < 12; k++) {
        const out = [...row];
        out[start] = time(row[start], k);
        out[end] = time(row[start], k + 1);
        out[interval] = String(k + 1);
        out[run] = 'RTM';
        const swing = row[type] === 'LMP' || row[type] === 'MCE' ? 4 * Math.sin(hour * 0.7 + k * 0.9) : 0;
        out[price] = (Math.round((hourly + swing) * 1e5) / 1e5).toString();
        lines.push(out.join(','));
      }
      if (lines.length >= 120_000) {
        pieces.push(Buffer.from(lines.join('\n') + '\n', 'latin1'));
        lines = [];
      }
    }
    pieces.push(Buffer.from(lines.join('\n') + (lines.length ? '\n' : ''), 'latin1'));
    writeZip(tmp, '20200101_20200101_PRC_INTVL_LMP_RTM_generated_v3.csv', pieces);
  });
}
