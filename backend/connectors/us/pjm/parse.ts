import { GridError, ParseError } from '../../../domain';
import { columnIndex, eachCsvRow, type CsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import type { LocationInfo, ParsedPoint, ParseResult } from '../../../domain';
import type { ParseContext } from '../../types';
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

/** A Data Miner 2 API answer (`{links, items, totalRows}`); one page of it. */
export function parseApiJson(body: Buffer, ctx: ParseContext, feed: PjmFeed): ParseResult {
  const source = ctx.source;
  let doc: unknown;
  try {
    doc = JSON.parse(decodeText(body));
  } catch {
    throw new ParseError(source, `expected the JSON answer of PJM ${feed.name}, got something else (${describeStart(body)})`);
  }
  const items = (doc as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new ParseError(source, `the PJM answer has no "items" list`);
  if (items.length === 0) {
    if (Number((doc as { totalRows?: unknown }).totalRows) > 0) return { points: [], locations: [] };
    throw new GridError('NOT_PUBLISHED', `PJM has no ${feed.name} data for ${ctx.request?.period.key ?? 'that period'}${ctx.request?.location ? ` at ${ctx.request.location.name}` : ''} yet.`);
  }
  const keys = Object.keys(items[0] as object);
  const at = columnIndex(keys, fieldNames(feed.suffix), source, OPTIONAL);
  const rows: PjmRow[] = [];
  items.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) throw new ParseError(source, `item ${i + 1} is not an object`);
    const cell = (k: keyof Fields): unknown => (at[k] >= 0 ? (item as Record<string, unknown>)[keys[at[k]]] : undefined);
    const where = `item ${i + 1}`;
    if (cell('current') === false) return; // a superseded version
    const prices: PjmRow['prices'] = {};
    for (const p of ALL_PRODUCTS) {
      const v = jsonNumber(cell(p), source, where, keys[at[p]]);
      if (v !== undefined) prices[p] = v;
    }
    rows.push({
      start: isoUtc(String(cell('utc') ?? ''), source, where),
      name: requiredText(cell('name'), source, where, 'pnode_name'),
      pnodeId: optionalText(cell('id')),
      type: optionalText(cell('type')),
      prices,
    });
  });
  return toResult(rows, feed.run, feed.intervalMinutes);
}

/**
 * A Data Miner 2 "Export" CSV of da_hrl_lmps, rt_hrl_lmps or rt_fivemin_hrl_lmps. The `_da`/`_rt`
 * suffix of the price columns tells day-ahead from real-time; real-time five-minute from hourly is
 * told by the timestamps: five-minute if any stamp is off the hour or any pnode has two
 * intervals less than an hour apart, hourly otherwise.
 */
export function parseDataMinerCsv(body: Buffer, ctx: ParseContext): ParseResult {
  const source = ctx.source;
  let at: Fields | undefined;
  let suffix: PriceSuffix = 'da';
  const rows: PjmRow[] = [];
  eachCsvRow(body, (row: CsvRow, line: number) => {
    if (!at) {
      suffix = row.some((h) => /_rt$/i.test(h.trim())) ? 'rt' : 'da';
      at = columnIndex(row, fieldNames(suffix), source, OPTIONAL);
      return;
    }
    if (row.length === 1 && row[0] === '') return;
    const where = `line ${line}`;
    if (at.current >= 0 && /^false$/i.test(row[at.current] ?? '')) return;
    const prices: PjmRow['prices'] = {};
    for (const p of ALL_PRODUCTS) {
      const v = at[p] >= 0 ? csvNumber(row[at[p]], source, where, priceColumn(p, suffix)) : undefined;
      if (v !== undefined) prices[p] = v;
    }
    rows.push({
      start: dataMinerUtc(row[at.utc] ?? '', source, where),
      name: requiredText(row[at.name], source, where, 'pnode_name'),
      pnodeId: at.id >= 0 ? optionalText(row[at.id]) : undefined,
      type: at.type >= 0 ? optionalText(row[at.type]) : undefined,
      prices,
    });
  });
  if (!at) throw new ParseError(source, 'the file is empty');
  if (rows.length === 0) throw new GridError('NOT_PUBLISHED', `${source}: the Data Miner export holds no rows.`);
  const run = suffix === 'da' ? 'DA' : isFiveMinute(rows) ? 'RT5' : 'RTH';
  return toResult(rows, run, run === 'RT5' ? 5 : 60);
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

/** `2025-07-01T04:00:00` (no offset: the API's UTC columns are UTC). */
function isoUtc(text: string, source: string, where: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?$/.exec(text.trim());
  if (!m) throw new ParseError(source, `${where}: datetime_beginning_utc "${text}" is not a date-time`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
}

/** `7/1/2025 4:00:00 AM` as Data Miner exports it (or ISO, as the API gives it). */
function dataMinerUtc(text: string, source: string, where: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP]M)$/i.exec(text.trim());
  if (!m) return isoUtc(text, source, where);
  const hour12 = +m[4];
  if (hour12 < 1 || hour12 > 12) throw new ParseError(source, `${where}: datetime_beginning_utc "${text}" is not a date-time`);
  const hour = (hour12 % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
  return Date.UTC(+m[3], +m[1] - 1, +m[2], hour, +m[5], +(m[6] ?? 0));
}

function jsonNumber(value: unknown, source: string, where: string, column: string | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new ParseError(source, `${where}: ${column} "${String(value)}" is not a number`);
  return n;
}

function csvNumber(cell: string | undefined, source: string, where: string, column: string): number | undefined {
  const t = (cell ?? '').trim();
  if (t === '' || t === '-') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n)) throw new ParseError(source, `${where}: ${column} "${t}" is not a number`);
  return n;
}

function requiredText(value: unknown, source: string, where: string, column: string): string {
  const text = optionalText(value);
  if (!text) throw new ParseError(source, `${where}: ${column} is empty`);
  return text;
}

function optionalText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

function describeStart(body: Buffer): string {
  const start = body.subarray(0, 60).toString('latin1').replace(/\s+/g, ' ').trim();
  return /^<!doctype html|^<html/i.test(start) ? 'an HTML page' : `"${start}"`;
}
