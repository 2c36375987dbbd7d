import { GridError, type LocationInfo, type ParsedPoint, ParseError } from '../../../domain';
import { columnIndex, eachCsvRecord, type CsvRow } from '../../../formats/csv';
import { dayBounds, marketDay } from '../../../time/clock';
import type { ParseContext, Parser } from '../../types';
import { isUsDate, readDateTime, usDate, zonedOf } from '../../shared/dates';
import { isObject, readJsonObject, requiredArray, requiredField, requiredObject } from '../../shared/json';
import { readNumber } from '../../shared/numbers';
import { energyOf, pushProducts, RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
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
export function wideLmpParser(run: string): Parser {
  return (body, ctx) => {
    const source = ctx.source;
    let fileDay: string | undefined;
    const isHeader = (row: CsvRow): boolean => {
      if (!fileDay && isUsDate(row[0] ?? '')) fileDay = usDate(row[0], source, 'the market date line');
      return (row[0] ?? '').toLowerCase() === 'node';
    };
    const nodes = new Map<string, { type: string; values: Partial<Record<Component, (number | undefined)[]>> }>();
    const layout = { columns: WIDE_COLUMNS, isHeader, expected: 'a MISO market report with a "Node,Type,Value,HE 1,...,HE 24" header row' };
    eachCsvRecord(body, source, layout, (row, at, line) => {
      const node = row[at.node] ?? '';
      if (node === '') return;
      const component = (row[at.value] ?? '').toUpperCase();
      if (component !== 'LMP' && component !== 'MCC' && component !== 'MLC') return;
      const entry = nodes.get(node) ?? { type: locationType(row[at.type] ?? ''), values: {} };
      if (entry.values[component]) throw new ParseError(source, `line ${line}: a second ${component} row for ${node}`);
      entry.values[component] = HOURS.map((h) => readNumber(row[at[`he${h}`]], source, `HE ${h}`, line));
      nodes.set(node, entry);
    });
    const dayStart = dayBounds(marketDayOf(fileDay, ctx), CLOCK).start;
    if (nodes.size === 0) throw new GridError('NOT_PUBLISHED', `${source}: the report holds no prices yet.`);

    const points: ParsedPoint[] = [];
    const locations: LocationInfo[] = [];
    for (const [node, { type, values }] of nodes) {
      locations.push({ name: node, type });
      HOURS.forEach((h, i) => {
        const start = dayStart + (h - 1) * HOUR;
        const point = (product: string, value: number): void =>
          void points.push({ location: node, run, product, start, end: start + HOUR, value });
        for (const c of ['LMP', 'MCC', 'MLC'] as Component[]) {
          const v = values[c]?.[i];
          if (v !== undefined) point(PRODUCT_OF[c], v);
        }
        const energy = energyOf(values.LMP?.[i], values.MCC?.[i], values.MLC?.[i]);
        if (energy !== undefined) point('ENERGY', energy);
      });
    }
    return { points, locations };
  };
}

/**
 * `GetRealTimeFiveMinExPost/{Current,Rolling,Previous}`:
 * `{"headers":["INTERVAL","CPNODE","LMP","MLC","MCC"],"data":[[...strings]]}`.
 * INTERVAL is EST with no offset and marks the interval's START: the `Rolling` answer runs
 * 00:00..23:55 for a market day (as the captured fixture's source project documents).
 * When the request asked for days, only rows of those days are kept (`Rolling` may reach into
 * the day before); none left is not published.
 */
export const parseFiveMinExPostJson: Parser = (body, ctx) => {
  const source = ctx.source;
  const doc = readJsonObject(body, source, 'the answer of MISO GetRealTimeFiveMinExPost');
  const headers = requiredArray(doc, 'headers', source);
  const data = requiredArray(doc, 'data', source);
  const at = columnIndex(
    headers.map(String),
    { interval: ['INTERVAL'], node: ['CPNODE'], lmp: ['LMP'], mlc: ['MLC'], mcc: ['MCC'] },
    source,
  );
  if (data.length === 0) throw new GridError('NOT_PUBLISHED', `${source}: MISO has no five-minute ex-post prices posted right now.`);

  const asked = ctx.request?.period.days;
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source, { where: (i) => `data row ${i}` });
  const seen = new Set<string>();
  data.forEach((raw, i) => {
    const where = `data row ${i + 1}`;
    if (!Array.isArray(raw)) throw new ParseError(source, `${where} is not a list`);
    const start = zonedOf(readDateTime(String(raw[at.interval] ?? ''), source, `${where}, INTERVAL`), CLOCK);
    const node = requiredText(raw[at.node], source, `${where}, CPNODE`);
    guard.check(node, start, i + 1);
    const lmp = readNumber(raw[at.lmp], source, `${where}, LMP`);
    const mcc = readNumber(raw[at.mcc], source, `${where}, MCC`);
    const mlc = readNumber(raw[at.mlc], source, `${where}, MLC`);
    const day = marketDay(start, CLOCK);
    seen.add(day);
    if (asked && !asked.includes(day)) return;
    const end = start + FIVE_MINUTES;
    const point = (product: string, value: number | undefined): void => {
      if (value !== undefined) points.push({ location: node, run: 'RT5', product, start, end, value });
    };
    point('LMP', lmp);
    point('CONGESTION', mcc);
    point('LOSS', mlc);
    point('ENERGY', energyOf(lmp, mcc, mlc));
  });
  if (asked && points.length === 0)
    throw new GridError(
      'NOT_PUBLISHED',
      `${source}: MISO's five-minute ex-post answer holds ${[...seen].sort().join(', ')} (EST), not ${asked.join(', ')}.`,
    );
  return { points };
};

/** A Data Exchange time (`2026-09-23 00:00:00.000`, EST, no offset) as UTC epoch ms. */
function dxTime(value: unknown, source: string, where: string): number {
  return zonedOf(readDateTime(String(value ?? ''), source, where), CLOCK);
}

/**
 * One page of the Data Exchange pricing API's ex-post LMPs (`day-ahead/{date}/lmp-expost`,
 * `real-time/{date}/lmp-expost`): `{"data":[{"interval","timeInterval":{"resolution","start","end","value"},
 * "node","lmp","mcc","mec","mlc"(,"preliminaryFinal")}],"page":{...}}`. `start`/`end` are EST
 * without an offset and bound the interval (MISO corrected the 5-minute labels to the interval
 * start on 2026-05-06). MEC is published, so ENERGY is read, not derived. Every interval must be
 * `intervalMinutes` long; the answer's market day must be the one asked for.
 */
export function dxLmpParser(run: string, intervalMinutes: number): Parser {
  const length = intervalMinutes * 60_000;
  return (body, ctx) => {
    const source = ctx.source;
    const doc = readJsonObject(body, source, 'an answer of the MISO Data Exchange pricing API');
    const data = requiredArray(doc, 'data', source);
    const page = isObject(doc.page) ? doc.page : undefined;
    if (data.length === 0 && (!page || page.pageNumber === 1 || page.pageNumber === 0))
      throw new GridError('NOT_PUBLISHED', `${source}: MISO's Data Exchange has no ex-post prices for this day yet.`);
    const asked = ctx.request?.period.days;
    const points: ParsedPoint[] = [];
    const guard = new RowGuard(source, { where: (i) => `data[${i}]` });
    data.forEach((item, i) => {
      const where = `data[${i}]`;
      const row = requiredObject(item, source, where);
      const interval = requiredObject(requiredField(row, 'timeInterval', source, where), source, `${where}.timeInterval`);
      const start = dxTime(requiredField(interval, 'start', source, `${where}.timeInterval`), source, `${where}.timeInterval.start`);
      const end = dxTime(requiredField(interval, 'end', source, `${where}.timeInterval`), source, `${where}.timeInterval.end`);
      if (end - start !== length)
        throw new ParseError(
          source,
          `${where}: the interval ${String(interval.start)} to ${String(interval.end)} is not ${intervalMinutes} minutes; ask with the matching timeResolution`,
        );
      const day = marketDay(start, CLOCK);
      if (asked && !asked.includes(day))
        throw new ParseError(source, `${where}: the answer is for ${day}, not ${asked.join(', ')} as asked`);
      const node = requiredText(requiredField(row, 'node', source, where), source, `${where}.node`);
      guard.check(node, start, i);
      const value = (key: string) => readNumber(requiredField(row, key, source, where), source, `${where}.${key}`);
      const base = { location: node, run, start, end };
      const lmp = value('lmp');
      const energy = value('mec');
      const congestion = value('mcc');
      const loss = value('mlc');
      pushProducts(points, base, { LMP: lmp, ENERGY: energy, CONGESTION: congestion, LOSS: loss });
    });
    return { points };
  };
}

/** The market day: the preamble's date line, which must agree with the day that was asked for. */
function marketDayOf(fileDay: string | undefined, ctx: ParseContext): string {
  const asked = ctx.request?.period.days[0];
  if (fileDay && asked && fileDay !== asked) throw new ParseError(ctx.source, `the report is for ${fileDay}, not ${asked} as asked`);
  const day = fileDay ?? asked;
  if (!day) throw new ParseError(ctx.source, 'no market date line (like 9/26/2026) before the header row');
  return day;
}
