import { GridError, ParseError } from '../../../domain';
import { columnIndex, eachCsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { dayBounds, marketDay, wallTime } from '../../../time/clock';
import type { LocationInfo, ParsedPoint, ParseResult } from '../../../domain';
import type { ParseContext } from '../../types';
import { locationType, misoMarket } from './market';

const HOUR = 3_600_000;
const FIVE_MINUTES = 300_000;
const HOURS = Array.from({ length: 24 }, (_, i) => i + 1);
const CLOCK = misoMarket.clock;

type Component = 'LMP' | 'MCC' | 'MLC';
const PRODUCT_OF: Record<Component, string> = { LMP: 'LMP', MCC: 'CONGESTION', MLC: 'LOSS' };

const WIDE_COLUMNS = {
  node: ['Node'],
  type: ['Type'],
  value: ['Value'],
  ...Object.fromEntries(HOURS.map((h) => [`he${h}`, [`HE ${h}`]])),
} as Record<string, string[]>;

/**
 * A wide daily LMP report (`da_expost_lmp`, `da_exante_lmp`, `rt_lmp_final`, `rt_lmp_prelim`):
 * a preamble of varying shape (title, market date, maybe a blank or all-comma line, the EST note),
 * then `Node,Type,Value,HE 1..HE 24` and one row per node and component (LMP, MCC, MLC).
 * HE n is the hour ending n EST: it starts at 00:00 EST + (n - 1) h. Always 24 hours.
 */
export function parseWideLmpCsv(body: Buffer, ctx: ParseContext, run: string): ParseResult {
  const source = ctx.source;
  let fileDay: string | undefined;
  let at: Record<string, number> | undefined;
  let dayStart = 0;
  const nodes = new Map<string, { type: string; values: Partial<Record<Component, (number | undefined)[]>> }>();

  eachCsvRow(body, (row, line) => {
    if (!at) {
      const first = row[0] ?? '';
      const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(first);
      if (date && !fileDay) fileDay = `${date[3]}-${date[1].padStart(2, '0')}-${date[2].padStart(2, '0')}`;
      if (first.toLowerCase() !== 'node') return;
      at = columnIndex(row, WIDE_COLUMNS, source);
      dayStart = dayBounds(marketDayOf(fileDay, ctx), CLOCK).start;
      return;
    }
    const node = row[at.node] ?? '';
    if (node === '') return;
    const component = (row[at.value] ?? '').toUpperCase();
    if (component !== 'LMP' && component !== 'MCC' && component !== 'MLC') return;
    const entry = nodes.get(node) ?? { type: locationType(row[at.type] ?? ''), values: {} };
    if (entry.values[component]) throw new ParseError(source, `line ${line}: a second ${component} row for ${node}`);
    entry.values[component] = HOURS.map((h) => reportNumber(row[at![`he${h}`]], source, line, `HE ${h}`));
    nodes.set(node, entry);
  });

  if (!at) throw new ParseError(source, 'missing the header row "Node,Type,Value,HE 1,...,HE 24" (column "Node" not found)');
  if (nodes.size === 0) throw new GridError('NOT_PUBLISHED', `${source}: the report holds no prices yet.`);

  const points: ParsedPoint[] = [];
  const locations: LocationInfo[] = [];
  for (const [node, { type, values }] of nodes) {
    locations.push({ name: node, type });
    HOURS.forEach((h, i) => {
      const start = dayStart + (h - 1) * HOUR;
      const point = (product: string, value: number): void => void points.push({ location: node, run, product, start, end: start + HOUR, value });
      for (const c of ['LMP', 'MCC', 'MLC'] as Component[]) {
        const v = values[c]?.[i];
        if (v !== undefined) point(PRODUCT_OF[c], v);
      }
      const energy = energyOf(values.LMP?.[i], values.MCC?.[i], values.MLC?.[i]);
      if (energy !== undefined) point('ENERGY', energy);
    });
  }
  return { points, locations };
}

/**
 * `GetRealTimeFiveMinExPost/Current`: `{"headers":["INTERVAL","CPNODE","LMP","MLC","MCC"],"data":[[...strings]]}`.
 * INTERVAL is EST with no offset and marks the interval's START: the same API's `Rolling` answer
 * runs 00:00..23:55 for a market day (as the captured fixture's source project documents).
 */
export function parseFiveMinExPostJson(body: Buffer, ctx: ParseContext): ParseResult {
  const source = ctx.source;
  let doc: { headers?: unknown; data?: unknown };
  try {
    doc = JSON.parse(decodeText(body)) as typeof doc;
  } catch {
    throw new ParseError(source, 'expected the JSON answer of MISO GetRealTimeFiveMinExPost, got something else (an HTML page or a cut-off download?)');
  }
  if (!Array.isArray(doc?.headers) || !Array.isArray(doc.data)) throw new ParseError(source, 'the answer has no "headers" and "data" lists');
  const at = columnIndex(doc.headers.map(String), { interval: ['INTERVAL'], node: ['CPNODE'], lmp: ['LMP'], mlc: ['MLC'], mcc: ['MCC'] }, source);
  if (doc.data.length === 0) throw new GridError('NOT_PUBLISHED', `${source}: MISO has no five-minute ex-post prices posted right now.`);

  const asked = ctx.request?.period.days;
  const points: ParsedPoint[] = [];
  doc.data.forEach((raw, i) => {
    if (!Array.isArray(raw)) throw new ParseError(source, `data row ${i + 1} is not a list`);
    const row = raw.map((v) => (v === null || v === undefined ? '' : String(v).trim()));
    const start = estInstant(row[at.interval], source, i + 1);
    if (asked && !asked.includes(marketDay(start, CLOCK))) {
      throw new GridError('NOT_PUBLISHED', `MISO publishes five-minute ex-post prices only for the current interval (now ${row[at.interval]} EST), not for ${asked.join(', ')}.`);
    }
    const node = row[at.node];
    if (!node) throw new ParseError(source, `data row ${i + 1}: CPNODE is empty`);
    const lmp = reportNumber(row[at.lmp], source, i + 1, 'LMP');
    const mcc = reportNumber(row[at.mcc], source, i + 1, 'MCC');
    const mlc = reportNumber(row[at.mlc], source, i + 1, 'MLC');
    const end = start + FIVE_MINUTES;
    const point = (product: string, value: number | undefined): void => {
      if (value !== undefined) points.push({ location: node, run: 'RT5', product, start, end, value });
    };
    point('LMP', lmp);
    point('CONGESTION', mcc);
    point('LOSS', mlc);
    point('ENERGY', energyOf(lmp, mcc, mlc));
  });
  return { points };
}

/** MISO publishes no energy component: MEC = LMP - MCC - MLC, rounded to drop float noise. */
function energyOf(lmp: number | undefined, mcc: number | undefined, mlc: number | undefined): number | undefined {
  if (lmp === undefined || mcc === undefined || mlc === undefined) return undefined;
  return Math.round((lmp - mcc - mlc) * 1e6) / 1e6;
}

/** The market day: the preamble's date line, which must agree with the day that was asked for. */
function marketDayOf(fileDay: string | undefined, ctx: ParseContext): string {
  const asked = ctx.request?.period.days[0];
  if (fileDay && asked && fileDay !== asked) throw new ParseError(ctx.source, `the report is for ${fileDay}, not ${asked} as asked`);
  const day = fileDay ?? asked;
  if (!day) throw new ParseError(ctx.source, 'no market date line (like 9/26/2026) before the header row');
  return day;
}

/** `2026-10-02T16:50:00`, EST. */
function estInstant(text: string | undefined, source: string, row: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text ?? '');
  if (!m) throw new ParseError(source, `data row ${row}: INTERVAL "${text ?? ''}" is not a date-time`);
  return wallTime(CLOCK, +m[1], +m[2], +m[3], +m[4], +m[5]) + +(m[6] ?? 0) * 1000;
}

/** MISO numbers: `.6`, `-.37`, `0.00`, sometimes `$1,234.56`; empty or `-` is missing. */
function reportNumber(cell: string | undefined, source: string, line: number, column: string): number | undefined {
  const t = (cell ?? '').trim();
  if (t === '' || t === '-') return undefined;
  const digits = t.replace(/[$,]/g, '');
  const n = digits === '' ? NaN : Number(digits);
  if (!Number.isFinite(n)) throw new ParseError(source, `line ${line}: ${column} "${t}" is not a number`);
  return n;
}
