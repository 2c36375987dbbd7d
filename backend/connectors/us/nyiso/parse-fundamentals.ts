import { AS_PREFIX, type AncillaryService, LOAD_PRODUCT } from '../../../../contract';
import { type LocationInfo, type ParsedPoint, ParseError, type ParseResult } from '../../../domain';
import { type CsvEnding, type CsvRow, eachCsvRecord } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { isZip, zipEntries } from '../../../formats/zip';
import { dayBounds, offsetMinutes, wallTimeInstants } from '../../../time/clock';
import type { FileSample, Parser } from '../../types';
import { dayOf, readUsDateTime, utcOf, type WallDateTime } from '../../shared/dates';
import { FuelTally, pushForecast } from '../../shared/fundamentals';
import { headerCells } from '../../shared/headers';
import { refuseMarkup } from '../../shared/markup';
import { readNumber } from '../../shared/numbers';
import { pushProducts, round6, RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { NYISO_SYSTEM, nyisoLoadZones, nyisoMarket, nyisoSystem, zoneNamed } from './market';
import { nyisoStamp } from './parse';
import type { MisFiles } from './requests';

const MINUTE = 60_000;
const FIVE_MINUTES = 5 * MINUTE;
const HOUR = 60 * MINUTE;

/** What a file's `Time Zone` cell says: the UTC offset of its stamp, in minutes. */
const ZONE_OFFSETS: Readonly<Record<string, number>> = { EST: -300, EDT: -240 };

/** How one file's rows are read; `ending` is how the bytes prove they are whole. */
type CsvReader = (text: string, source: string, ending: CsvEnding, result: Collected) => void;

interface Collected {
  points: ParsedPoint[];
  locations: Map<string, LocationInfo>;
}

/**
 * A day's CSV of one MIS series, or a monthly zip of them (every member read, by name). A bare
 * file ends with a line break, as the daily files do, unless `bareEnding` says otherwise; a zip
 * member proves it is whole by its CRC-32.
 */
function misParser(what: string, read: CsvReader, bareEnding: CsvEnding = 'line-break'): Parser {
  return (body, { source }) => {
    const collected: Collected = { points: [], locations: new Map() };
    if (isZip(body)) {
      const members = zipEntries(body, source).filter((e) => /\.csv$/i.test(e.name));
      if (!members.length) throw new ParseError(source, `the zip holds no CSV file; expected ${what}`);
      members.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const m of members) readText(m.read(), `${source} (${m.name})`, 'caller');
    } else {
      readText(body, source, bareEnding);
    }
    const result: ParseResult = { points: collected.points, locations: [...collected.locations.values()] };
    return result;

    function readText(bytes: Buffer, from: string, ending: CsvEnding): void {
      const text = decodeText(bytes);
      refuseMarkup(text, from, what);
      read(text, from, ending, collected);
    }
  };
}

/** The instant of a stamp whose `Time Zone` cell (EST or EDT) says which side of a clock change it is on. */
function zonedStamp(stamp: string | undefined, zone: string | undefined, source: string, line: number): { ms: number; t: WallDateTime } {
  const t = readUsDateTime(stamp ?? '', source, `line ${line}`);
  const name = (zone ?? '').trim().toUpperCase();
  const offset = ZONE_OFFSETS[name];
  if (offset === undefined) throw new ParseError(source, `line ${line}: time zone "${name.slice(0, 10)}" is neither EST nor EDT`);
  const ms = utcOf(t) - offset * MINUTE;
  if (offsetMinutes(nyisoMarket.clock, ms) !== offset)
    throw new ParseError(
      source,
      `line ${line}: ${nyisoStamp(t)} ${name} is not a time New York shows (the time zone does not fit the date)`,
    );
  return { ms, t };
}

/**
 * The instant of a stamp without a time zone (isolf): in the repeated fall-back hour the earlier
 * instant comes first in the file, the later one second, as NYISO writes them.
 */
function fileOrderStamp(t: WallDateTime, previous: number | undefined, source: string, line: number): number {
  const candidates = wallTimeInstants(nyisoMarket.clock, t.year, t.month, t.day, t.hour, t.minute, t.second);
  if (!candidates.length)
    throw new ParseError(source, `line ${line}: time stamp ${nyisoStamp(t)} does not exist in New York (daylight-saving gap)`);
  const next = candidates.find((c) => previous === undefined || c > previous);
  if (next === undefined)
    throw new ParseError(source, `line ${line}: ${nyisoStamp(t)} comes after a later time stamp, or more often than the clock repeats it`);
  return next;
}

/** On the five-minute grid (RTD also posts irregular intervals such as 00:07:34). */
function onFiveMinuteGrid(t: WallDateTime): boolean {
  return t.second === 0 && t.minute % 5 === 0;
}

/** A load zone by any of its spellings (`CAPITL`, `Capitl`, `Hud Vl`), or the NYCA total (`NYISO`). */
function loadLocation(name: string, source: string, where: string): LocationInfo {
  if (name.trim().toUpperCase() === NYISO_SYSTEM) return nyisoSystem;
  const zone = zoneNamed(name.trim());
  if (!zone || zone.type !== 'ZONE')
    throw new ParseError(source, `${where}: "${name.slice(0, 30)}" is not a NYISO load zone (CAPITL, CENTRL, ..., WEST) nor NYISO`);
  return zone;
}

export type NyisoLoadFile = 'pal' | 'palIntegrated';
type LoadColumn = 'stamp' | 'zone' | 'name' | 'load';
const LOAD_COLUMNS: Record<NyisoLoadFile, Record<LoadColumn, string[]>> = {
  pal: { stamp: ['Time Stamp'], zone: ['Time Zone'], name: ['Name'], load: ['Load'] },
  palIntegrated: { stamp: ['Time Stamp'], zone: ['Time Zone'], name: ['Name'], load: ['Integrated Load'] },
};

/**
 * Actual load by zone: `pal` (LOAD ACTUAL) is five-minute: each stamp starts its interval (the
 * file runs 00:00 to 23:55) and is an instantaneous reading; the irregular RTD stamps between
 * (00:07:34) are left out, as a reading there would cut the five-minute intervals around it.
 * `palIntegrated` (LOAD RTH) is hourly, the stamp starting the hour. The `Time Zone` column (EST/EDT) tells
 * the fall-back hour's two passes apart. The NYCA total (`NYISO`) is the sum of the 11 zones at a
 * stamp where the file gives all of them (NYISO's own total in isolf is that sum).
 */
export function nyisoLoadParser(file: NyisoLoadFile): Parser {
  const columns = LOAD_COLUMNS[file];
  const loadLabel = `column "${columns.load[0]}"`;
  const minutes = file === 'pal' ? 5 : 60;
  // Five-minute and hourly readings of one zone cannot share a series: the hourly file is run RTH.
  const run = file === 'pal' ? 'ACTUAL' : 'RTH';
  return misParser(`a NYISO ${file} CSV`, (text, source, ending, out) => {
    const guard = new RowGuard(source);
    const totals = new Map<number, { sum: number; zones: Set<string> }>();
    eachCsvRecord(text, source, { columns, expected: `a NYISO ${file} CSV`, ending }, (row, col, line) => {
      const { ms, t } = zonedStamp(row[col.stamp], row[col.zone], source, line);
      const onGrid = file === 'pal' ? onFiveMinuteGrid(t) : t.minute === 0 && t.second === 0;
      if (!onGrid && file === 'palIntegrated') throw new ParseError(source, `line ${line}: ${nyisoStamp(t)} does not start an hour`);
      const zone = loadLocation(requiredText(row[col.name], source, 'Name', line), source, `line ${line}`);
      if (zone === nyisoSystem) throw new ParseError(source, `line ${line}: the actual-load files give zones only, not ${NYISO_SYSTEM}`);
      guard.check(zone.name, ms, line);
      if (!onGrid) return;
      const value = readNumber(row[col.load], source, loadLabel, line);
      out.locations.set(zone.name, zone);
      if (value === undefined) return;
      out.points.push({ location: zone.name, run, product: LOAD_PRODUCT, start: ms, end: ms + minutes * MINUTE, value });
      const total = totals.get(ms) ?? { sum: 0, zones: new Set<string>() };
      total.sum += value;
      total.zones.add(zone.name);
      totals.set(ms, total);
    });
    for (const [start, { sum, zones }] of totals) {
      if (zones.size < nyisoLoadZones.length) continue;
      out.points.push({
        location: NYISO_SYSTEM,
        run,
        product: LOAD_PRODUCT,
        start,
        end: start + minutes * MINUTE,
        value: round6(sum),
      });
      out.locations.set(NYISO_SYSTEM, nyisoSystem);
    }
  });
}

/**
 * The ISO load forecast (`isolf`): wide, one column per zone (`Capitl`, `Hud Vl`, `N.Y.C.`) and the
 * NYCA total (`NYISO`), one hour-beginning row per hour for the file's day and the five after it,
 * no time zone (the fall-back hour twice, in file order). The file holds no time of issue: its
 * issue is taken as the start of its first day on the New York clock (the forecast for that day
 * is the one NYISO made for it that day), and every value is kept under FORECAST and under that
 * vintage.
 */
export const parseIsolf: Parser = misParser('a NYISO isolf CSV', (text, source, ending, out) => {
  const zones: { key: string; location: LocationInfo }[] = [];
  let previous: number | undefined;
  let issued: number | undefined;
  eachCsvRecord(
    text,
    source,
    {
      columns: (header: CsvRow) => {
        const columns: Record<string, string[]> = { stamp: ['Time Stamp'] };
        header.forEach((cell, i) => {
          if (i === 0 || cell.trim() === '') return;
          const location = loadLocation(cell, source, `header column ${i + 1}`);
          if (zones.some((z) => z.location === location)) throw new ParseError(source, `the header names ${location.name} twice`);
          zones.push({ key: `zone${i}`, location });
          columns[`zone${i}`] = [cell.trim()];
        });
        if (!zones.length) throw new ParseError(source, 'the header names no zone column after "Time Stamp"');
        return columns;
      },
      expected: 'a NYISO isolf CSV',
      ending,
    },
    (row, col, line) => {
      const t = readUsDateTime(row[col.stamp] ?? '', source, `line ${line}`);
      const start = fileOrderStamp(t, previous, source, line);
      if (start % HOUR !== 0) throw new ParseError(source, `line ${line}: ${nyisoStamp(t)} does not start an hour`);
      previous = start;
      issued ??= dayBounds(dayOf(t), nyisoMarket.clock).start;
      for (const { key, location } of zones) {
        const value = readNumber(row[col[key]], source, `column "${location.name}"`, line);
        out.locations.set(location.name, location);
        if (value !== undefined)
          pushForecast(out.points, { location: location.name, product: LOAD_PRODUCT, start, end: start + HOUR, value }, issued);
      }
    },
  );
});

/**
 * Generation by fuel, NYCA only (`rtfuelmix`), long: `Time Stamp,Time Zone,Fuel Category,Gen MW`
 * (`Gen MWh` in the legacy files, MW all the same). The stamp ENDS its five-minute interval (the
 * file runs 00:05 to 00:00 of the next day); the irregular RTD stamps between (16:38) are left out,
 * as for pal. Dual Fuel and Natural Gas are both GEN_GAS, summed. NYISO writes these files (daily
 * and in the month's zip) without a final line break, so a bare file is checked another way: its
 * last stamp must list every fuel the file lists (a file cut at a line end loses some).
 */
export const parseRtFuelMix: Parser = misParser(
  'a NYISO rtfuelmix CSV',
  (text, source, ending, out) => {
    const tally = new FuelTally(source);
    const guard = new RowGuard(source);
    const fuels = new Set<string>();
    let last: { ms: number; fuels: Set<string> } | undefined;
    eachCsvRecord(
      text,
      source,
      {
        columns: { stamp: ['Time Stamp'], zone: ['Time Zone'], fuel: ['Fuel Category'], mw: ['Gen MW', 'Gen MWh'] },
        expected: 'a NYISO rtfuelmix CSV',
        ending,
      },
      (row, col, line) => {
        const { ms, t } = zonedStamp(row[col.stamp], row[col.zone], source, line);
        const fuel = requiredText(row[col.fuel], source, 'Fuel Category', line);
        guard.check(fuel, ms, line);
        fuels.add(fuel);
        if (last?.ms !== ms) last = { ms, fuels: new Set() };
        last.fuels.add(fuel);
        if (!onFiveMinuteGrid(t)) return;
        const mw = readNumber(row[col.mw], source, 'column "Gen MW"', line);
        if (mw !== undefined) tally.add(NYISO_SYSTEM, 'ACTUAL', fuel, ms - FIVE_MINUTES, ms, mw);
      },
    );
    if (last && last.fuels.size < fuels.size)
      throw new ParseError(
        source,
        `the last time stamp lists ${last.fuels.size} of the file's ${fuels.size} fuels: the file is cut short; download it again`,
      );
    for (const p of tally.points()) out.points.push(p);
    out.locations.set(NYISO_SYSTEM, nyisoSystem);
  },
  'caller',
);

/** The reserve and regulation columns of damasp/rtasp and the service each prices. */
const SERVICE_COLUMNS: readonly { header: string; service: AncillaryService }[] = [
  { header: '10 Min Spinning Reserve ($/MWHr)', service: 'SPIN' },
  { header: '10 Min Non-Synchronous Reserve ($/MWHr)', service: 'NONSPIN' },
  { header: '30 Min Operating Reserve ($/MWHr)', service: 'RES30' },
  { header: 'NYCA Regulation Capacity ($/MWHr)', service: 'REG' },
];
/** Only in rtasp: a price per MW of movement, not per MWh, so not an AS_ product. */
export const REGULATION_MOVEMENT = 'NYCA Regulation Movement ($/MW)';
const AS_COLUMNS: Record<string, string[]> = {
  stamp: ['Time Stamp'],
  zone: ['Time Zone'],
  name: ['Name'],
  ...Object.fromEntries(SERVICE_COLUMNS.map((c) => [c.service, [c.header]])),
};

/**
 * Ancillary-service prices by load zone (`damasp`, `rtasp`, the zonal layout NYISO publishes since
 * June 2016). Day-ahead stamps start their hour; real-time stamps end their interval, which began at
 * the zone's previous stamp but at most five minutes earlier, as for the realtime LBMP (RTD prices
 * its irregular intervals too, and they are settled). The `Time Zone` column tells the fall-back
 * hour's passes apart.
 */
export function nyisoAsParser(run: 'DA' | 'RT5'): Parser {
  const what = `a NYISO ${run === 'DA' ? 'damasp' : 'rtasp'} CSV`;
  return misParser(what, (text, source, ending, out) => {
    const guard = new RowGuard(source);
    const previous = new Map<string, number>();
    eachCsvRecord(text, source, { columns: AS_COLUMNS, expected: what, ending }, (row, col, line) => {
      const { ms } = zonedStamp(row[col.stamp], row[col.zone], source, line);
      const zone = loadLocation(requiredText(row[col.name], source, 'Name', line), source, `line ${line}`);
      guard.check(zone.name, ms, line);
      const before = previous.get(zone.name);
      previous.set(zone.name, ms);
      const [start, end] = run === 'DA' ? [ms, ms + HOUR] : [Math.max(before ?? -Infinity, ms - FIVE_MINUTES), ms];
      const values: Record<string, number | undefined> = {};
      for (const { header, service } of SERVICE_COLUMNS)
        values[AS_PREFIX + service] = readNumber(row[col[service]], source, `column "${header}"`, line);
      pushProducts(out.points, { location: zone.name, run, start, end }, values);
      out.locations.set(zone.name, zone);
    });
  });
}

/** The header cells of a file offered for import (its first member's, for a monthly zip of this series). */
export function misHeader(file: FileSample, files: MisFiles): string[] | undefined {
  if (!isZip(file.bytes)) return headerCells(file.head);
  const member = new RegExp(`(?:^|/)\\d{8}${files.stem}\\.csv$`);
  const members = zipEntries(file.bytes, file.name);
  if (!members.length || !members.every((m) => member.test(m.name))) return undefined;
  return headerCells(members[0].head(1024).toString('latin1'));
}

export const AS_HEADER = ['Time Stamp', 'Time Zone', 'Name', 'PTID', ...SERVICE_COLUMNS.map((c) => c.header)];
