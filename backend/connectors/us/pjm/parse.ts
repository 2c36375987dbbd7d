import { GridError, type LocationInfo, type ParsedPoint, type ParseResult } from '../../../domain';
import { columnIndex, eachCsvRecord, type CsvRow } from '../../../formats/csv';
import type { Parser } from '../../types';
import { readDateTime, readUsDateTime, utcOf } from '../../shared/dates';
import { readJsonObject, requiredArray, requiredObject } from '../../shared/json';
import { readNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { optionalText, requiredText } from '../../shared/text';
import { ALL_PRODUCTS, priceColumn, type PjmFeed, type PjmProduct, type PriceSuffix } from './feeds';
import { pjmLocations } from './market';

const MINUTE = 60_000;

/** One priced row of any Data Miner 2 LMP feed, whatever it came in (JSON item or CSV line). */
interface PjmRow {
  start: number;
  name: string;
  pnodeId?: string;
  type?: string;
  prices: Partial<Record<PjmProduct, number>>;
}

type Fields = Record<'utc' | 'name' | 'id' | 'type' | 'current' | PjmProduct, number>;

/** Column names by our key; the price columns carry the feed's suffix. Only the time, name and LMP are required. */
function fieldNames(suffix: PriceSuffix): Record<keyof Fields, string[]> {
  const names = {
    utc: ['datetime_beginning_utc'],
    name: ['pnode_name'],
    id: ['pnode_id'],
    type: ['type'],
    current: ['row_is_current'],
  } as Record<keyof Fields, string[]>;
  for (const p of ALL_PRODUCTS) names[p] = [priceColumn(p, suffix)];
  return names;
}

const OPTIONAL: (keyof Fields)[] = ['id', 'type', 'current', 'ENERGY', 'CONGESTION', 'LOSS'];

/** A Data Miner 2 API answer (`{links, items, totalRows}`) of one feed; one page of it. */
export function apiJsonParser(feed: PjmFeed): Parser {
  return (body, ctx) => {
    const source = ctx.source;
    const doc = readJsonObject(body, source, `the answer of PJM ${feed.name}`);
    const items = requiredArray(doc, 'items', source);
    if (items.length === 0) {
      if (Number(doc.totalRows) > 0) return { points: [], locations: [] };
      throw new GridError(
        'NOT_PUBLISHED',
        `PJM has no ${feed.name} data for ${ctx.request?.period.key ?? 'that period'}${ctx.request?.location ? ` at ${ctx.request.location.name}` : ''} yet.`,
      );
    }
    const keys = Object.keys(items[0] as object);
    const at = columnIndex(keys, fieldNames(feed.suffix), source, OPTIONAL);
    const rows: PjmRow[] = [];
    const guard = new RowGuard(source, { where: (i) => `item ${i}` });
    items.forEach((entry, i) => {
      const item = requiredObject(entry, source, `item ${i + 1}`);
      const cell = (k: keyof Fields): unknown => (at[k] >= 0 ? item[keys[at[k]]] : undefined);
      if (cell('current') === false) return; // a superseded version
      const priced = rowOf(cell, source, `item ${i + 1}`, (p) => keys[at[p]]);
      guard.check(priced.name, priced.start, i + 1);
      rows.push(priced);
    });
    return toResult(rows, feed.run, feed.intervalMinutes);
  };
}

/**
 * A Data Miner 2 "Export" CSV of da_hrl_lmps, rt_hrl_lmps or rt_fivemin_hrl_lmps. The `_da`/`_rt`
 * suffix of the price columns tells day-ahead from real-time; real-time five-minute from hourly is
 * told by the timestamps: five-minute if any stamp is off the hour or any pnode has two
 * intervals less than an hour apart, hourly otherwise. A superseded version of a row
 * (`row_is_current` False) is skipped; two current rows for one pnode and interval are refused.
 */
export const parseDataMinerCsv: Parser = (body, ctx) => {
  const source = ctx.source;
  let suffix: PriceSuffix = 'da';
  const columns = (header: CsvRow) => fieldNames((suffix = header.some((h) => /_rt$/i.test(h.trim())) ? 'rt' : 'da'));
  const rows: PjmRow[] = [];
  const guard = new RowGuard(source);
  eachCsvRecord(body, source, { columns, optional: OPTIONAL, expected: 'a Data Miner 2 LMP export' }, (row, at, line) => {
    const cell = (k: keyof Fields): string | undefined => (at[k] >= 0 ? row[at[k]] : undefined);
    if (/^false$/i.test(cell('current') ?? '')) return;
    const priced = rowOf(cell, source, `line ${line}`, (p) => priceColumn(p, suffix));
    guard.check(priced.name, priced.start, line);
    rows.push(priced);
  });
  if (rows.length === 0) throw new GridError('NOT_PUBLISHED', `${source}: the Data Miner export holds no rows.`);
  const run = suffix === 'da' ? 'DA' : isFiveMinute(rows) ? 'RT5' : 'RTH';
  return toResult(rows, run, run === 'RT5' ? 5 : 60);
};

/** A row from its cells by our key, whatever it came in; `where` names the item or line, `column` a price's header. */
function rowOf(cell: (k: keyof Fields) => unknown, source: string, where: string, column: (p: PjmProduct) => string): PjmRow {
  const prices: PjmRow['prices'] = {};
  for (const p of ALL_PRODUCTS) {
    const value = readNumber(cell(p), source, `${where}, ${column(p)}`);
    if (value !== undefined) prices[p] = value;
  }
  return {
    start: utcStart(String(cell('utc') ?? ''), source, where),
    name: requiredText(cell('name'), source, `${where}, pnode_name`),
    pnodeId: optionalText(cell('id')),
    type: optionalText(cell('type')),
    prices,
  };
}

function isFiveMinute(rows: PjmRow[]): boolean {
  const byNode = new Map<string, number[]>();
  for (const r of rows) {
    if (r.start % (60 * MINUTE) !== 0) return true;
    const starts = byNode.get(r.name) ?? [];
    starts.push(r.start);
    byNode.set(r.name, starts);
  }
  for (const starts of byNode.values()) {
    starts.sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) if (starts[i] > starts[i - 1] && starts[i] - starts[i - 1] < 60 * MINUTE) return true;
  }
  return false;
}

function toResult(rows: PjmRow[], run: string, intervalMinutes: number): ParseResult {
  const points: ParsedPoint[] = [];
  const locations = new Map<string, LocationInfo>();
  for (const r of rows) {
    const end = r.start + intervalMinutes * MINUTE;
    for (const p of ALL_PRODUCTS) {
      const value = r.prices[p];
      if (value !== undefined) points.push({ location: r.name, run, product: p, start: r.start, end, value });
    }
    if (!locations.has(r.name)) {
      const type = r.type?.toUpperCase() ?? staticType(r.name) ?? 'NODE';
      locations.set(r.name, { name: r.name, type, aliases: r.pnodeId ? [r.pnodeId] : [] });
    }
  }
  return { points, locations: [...locations.values()] };
}

function staticType(name: string): string | undefined {
  return pjmLocations.find((l) => l.name === name)?.type;
}

/** `datetime_beginning_utc`: `2025-07-01T04:00:00` (UTC, with or without a `Z`), or `7/1/2025 4:00:00 AM` in a Data Miner export. */
function utcStart(text: string, source: string, where: string): number {
  const column = `${where}, datetime_beginning_utc`;
  return utcOf(
    /^\s*\d{1,2}\//.test(text) ? readUsDateTime(text, source, column) : readDateTime(text.trim().replace(/Z$/, ''), source, column),
  );
}
