import { type LocationInfo, type ParsedPoint, ParseError, type ParseResult } from '../../../domain';
import { eachCsvRecord, type CsvEnding } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { isZip, zipEntries } from '../../../formats/zip';
import { pad, wallTimeInstants } from '../../../time/clock';
import type { FileSample, Parser } from '../../types';
import { readUsDateTime, type WallDateTime } from '../../shared/dates';
import { headerCells, headLines } from '../../shared/headers';
import { refuseMarkup } from '../../shared/markup';
import { readNumber } from '../../shared/numbers';
import { energyOf, pushProducts, RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { nyisoMarket, zoneNamed } from './market';
import type { NyisoDataset } from './requests';

const COLUMNS = {
  stamp: ['Time Stamp'],
  name: ['Name'],
  ptid: ['PTID'],
  lbmp: ['LBMP ($/MWHr)'],
  losses: ['Marginal Cost Losses ($/MWHr)'],
  congestion: ['Marginal Cost Congestion ($/MWHr)'],
};

/** Each price column as an error names it. */
const PRICE_LABELS = {
  lbmp: `column "${COLUMNS.lbmp[0]}"`,
  losses: `column "${COLUMNS.losses[0]}"`,
  congestion: `column "${COLUMNS.congestion[0]}"`,
};

const HOUR = 3_600_000;
const FIVE_MINUTES = 300_000;

/**
 * How a file's `Time Stamp` places its interval. `hour-beginning` (damlbmp, rtlbmp): [stamp, stamp + 1 h).
 * `interval-end` (realtime): the stamp ends the interval, which began at the location's previous
 * stamp, but at most 5 minutes earlier (RTD adds irregular intervals such as 00:15:12; a gap
 * in the file is not filled).
 */
export type StampMeaning = 'hour-beginning' | 'interval-end';

/**
 * A NYISO LBMP CSV (zone or gen), or a monthly zip of them: every member is read. A bare file must
 * end with a line break, as the daily files do; a member proves it is whole by its CRC-32 instead
 * (the members of NYISO's monthly fuel-mix zips lack a final line break, so LBMP members may too).
 */
export function nyisoLbmpParser(run: string, stamps: StampMeaning): Parser {
  return (body, { source }) => {
    const result: Required<ParseResult> = { points: [], locations: [] };
    const seen = new Map<string, LocationInfo>();
    if (isZip(body)) {
      const members = zipEntries(body, source).filter((e) => /\.csv$/i.test(e.name));
      if (!members.length) throw new ParseError(source, 'the zip holds no CSV file');
      members.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const m of members) parseCsv(m.read(), `${source} (${m.name})`, 'caller', run, stamps, result.points, seen);
    } else {
      parseCsv(body, source, 'line-break', run, stamps, result.points, seen);
    }
    result.locations = [...seen.values()];
    return result;
  };
}

function parseCsv(
  body: Buffer,
  source: string,
  ending: CsvEnding,
  run: string,
  stamps: StampMeaning,
  points: ParsedPoint[],
  seen: Map<string, LocationInfo>,
): void {
  const text = decodeText(body);
  refuseMarkup(text, source, 'a NYISO LBMP CSV');
  const previous = new Map<string, number>();
  const guard = new RowGuard(source);
  eachCsvRecord(text, source, { columns: COLUMNS, expected: 'a NYISO LBMP CSV', ending }, (row, col, line) => {
    const name = requiredText(row[col.name], source, 'Name', line);
    const last = previous.get(name);
    const instant = resolveStamp(readUsDateTime(row[col.stamp] ?? '', source, `line ${line}`), last, name, source, line);
    guard.check(name, instant, line);
    previous.set(name, instant);
    const [start, end] =
      stamps === 'hour-beginning' ? [instant, instant + HOUR] : [Math.max(last ?? -Infinity, instant - FIVE_MINUTES), instant];
    const lbmp = readNumber(row[col.lbmp], source, PRICE_LABELS.lbmp, line);
    const losses = readNumber(row[col.losses], source, PRICE_LABELS.losses, line);
    // NYISO publishes congestion with the opposite sign: LBMP = energy + losses - congestion.
    const published = readNumber(row[col.congestion], source, PRICE_LABELS.congestion, line);
    const congestion = published === undefined ? undefined : 0 - published;
    pushProducts(
      points,
      { location: name, run, start, end },
      { LMP: lbmp, ENERGY: energyOf(lbmp, congestion, losses), CONGESTION: congestion, LOSS: losses },
    );
    if (!seen.has(name))
      seen.set(name, zoneNamed(name) ?? { name, type: 'GENERATOR', aliases: row[col.ptid] ? [row[col.ptid]] : undefined });
  });
}

/**
 * The instant of a local Eastern stamp. The files carry no offset: in the repeated fall-back
 * hour the earlier instant is taken unless this location already reached it (the first
 * occurrence in file order is EDT, the second EST).
 */
function resolveStamp(t: WallDateTime, previous: number | undefined, name: string, source: string, line: number): number {
  const candidates = wallTimeInstants(nyisoMarket.clock, t.year, t.month, t.day, t.hour, t.minute, t.second);
  if (!candidates.length)
    throw new ParseError(source, `line ${line}: time stamp ${nyisoStamp(t)} does not exist in New York (daylight-saving gap)`);
  if (candidates.length === 1) return candidates[0];
  const next = candidates.find((c) => previous === undefined || c > previous);
  if (next === undefined)
    throw new ParseError(source, `line ${line}: ${name} at ${nyisoStamp(t)} appears more often than the clock repeats it`);
  return next;
}

/** A wall time as NYISO's files write it, for an error: `03/09/2025 02:00:00`. */
export function nyisoStamp(t: WallDateTime): string {
  return `${pad(t.month)}/${pad(t.day)}/${t.year} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

const MEMBER = /(?:^|\/)\d{8}(damlbmp|rtlbmp|realtime)_(?:zone|gen)\.csv$/i;

/**
 * Which NYISO LBMP report this is. The three share one header; `realtime` has stamps with
 * seconds; damlbmp and rtlbmp (both hourly) differ only in their names, which in a monthly
 * zip are its member names.
 */
export function nyisoFileDataset(file: FileSample): NyisoDataset | undefined {
  if (isZip(file.bytes)) {
    const members = zipEntries(file.bytes, file.name);
    const datasets = new Set(members.map((m) => MEMBER.exec(m.name)?.[1]?.toLowerCase()));
    const [only] = [...datasets];
    if (datasets.size !== 1 || !only) return undefined;
    return isLbmpHeader(members[0].head(1024).toString('latin1')) ? (only as NyisoDataset) : undefined;
  }
  if (!isLbmpHeader(file.head)) return undefined;
  const firstStamp = (headLines(file.head, 2)[1] ?? '').split(',', 1)[0].replace(/"/g, '');
  if (/ \d\d:\d\d:\d\d$/.test(firstStamp)) return 'realtime';
  return /(damlbmp|rtlbmp)/i.exec(file.name)?.[1]?.toLowerCase() as NyisoDataset | undefined;
}

function isLbmpHeader(head: string): boolean {
  const header = headerCells(head).map((h) => h.toLowerCase());
  return Object.values(COLUMNS).every(([name]) => header.includes(name.toLowerCase()));
}
