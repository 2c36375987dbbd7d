import { LOAD_PRODUCT } from '../../../../contract';
import { type CsvRow, eachCsvRecord } from '../../../formats/csv';
import { plainCsv, PlainRows } from '../../../formats/plain-csv';
import { decodeShiftJis, decodeText } from '../../../formats/text';
import { DaySlots, wallTime } from '../../../time/clock';
import { type ParsedPoint, ParseError, type PointSink } from '../../../domain';
import type { Parser, PlainSinkReader, SinkReader } from '../../types';
import { FuelTally } from '../../shared/fundamentals';
import { refuseMarkup } from '../../shared/markup';
import { plainDecimalAt, readNumber, readWholeNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { AREA_SUPPLY_FUELS, JEPX_AREAS, JEPX_CLOCK, JEPX_INTRADAY_PRODUCTS, type JepxVolumeProduct } from './market';

const HALF_HOUR = 30 * 60_000;
const SLOTS_PER_DAY = 48;

/** The header cells the parser relies on, as JEPX writes them (Shift_JIS in the file). */
const VOLUME_COLUMNS: Record<JepxVolumeProduct, string> = {
  SELL_VOLUME: '売り入札量(kWh)',
  BUY_VOLUME: '買い入札量(kWh)',
  CONTRACT_VOLUME: '約定総量(kWh)',
  SELL_BLOCK_VOLUME: '売りブロック入札総量(kWh)',
  SELL_BLOCK_CONTRACT_VOLUME: '売りブロック約定総量(kWh)',
  BUY_BLOCK_VOLUME: '買いブロック入札総量(kWh)',
  BUY_BLOCK_CONTRACT_VOLUME: '買いブロック約定総量(kWh)',
};
/** Block bids came later than the rest of the layout; older files lack these columns. */
const OPTIONAL_VOLUMES: JepxVolumeProduct[] = [
  'SELL_BLOCK_VOLUME',
  'SELL_BLOCK_CONTRACT_VOLUME',
  'BUY_BLOCK_VOLUME',
  'BUY_BLOCK_CONTRACT_VOLUME',
];

export const JEPX_HEADER_START = '受渡日,時刻コード';

function headerNames(): Record<string, string[]> {
  const names: Record<string, string[]> = {
    date: ['受渡日'],
    slot: ['時刻コード'],
    SYSTEM: ['システムプライス(円/kWh)'],
  };
  for (const area of JEPX_AREAS) names[area.name] = [`エリアプライス${area.japanese}(円/kWh)`];
  for (const [product, column] of Object.entries(VOLUME_COLUMNS)) names[product] = [column];
  return names;
}

/** A spot summary's value columns, each once: its header's key, the series it fills and its name in an error. */
const SPOT_CELLS = [
  ...['SYSTEM', ...JEPX_AREAS.map((a) => a.name)].map((location) => ({
    key: location,
    location,
    product: 'LMP',
    what: `${location} price`,
  })),
  ...Object.keys(VOLUME_COLUMNS).map((product) => ({ key: product, location: 'SYSTEM', product, what: product })),
];

/** The value columns a spot summary's header holds, each with its series in `sink`. */
function spotTargets(index: Record<string, number>, sink: PointSink): { column: number; series: number; what: string }[] {
  return SPOT_CELLS.filter((cell) => index[cell.key] >= 0).map((cell) => ({
    column: index[cell.key],
    series: sink.seriesHandle(cell.location, 'DA', cell.product),
    what: cell.what,
  }));
}

/** spot_summary_<FY>.csv: one row per delivery date and half-hour slot 1..48 (JST). */
export const readSpotSummary: SinkReader = (body, { source, lineOffset }, sink) => {
  const text = decodeShiftJis(body);
  refuseMarkup(text, source, 'a JEPX spot summary CSV');
  const guard = new RowGuard(source);
  const slots = new DaySlots(JEPX_CLOCK, 30);
  // Found at the first row: the series are named in the order of the columns.
  let targets: ReturnType<typeof spotTargets> | undefined;
  eachCsvRecord(
    text,
    source,
    { columns: headerNames(), optional: OPTIONAL_VOLUMES, expected: 'a JEPX spot summary', lineOffset },
    (row, index, line) => {
      targets ??= spotTargets(index, sink);
      const start = slotStart(slots, row[index.date], row[index.slot], source, line);
      guard.check('the half hour', start, line);
      const end = start + HALF_HOUR;
      for (const target of targets) {
        const value = readNumber(row[target.column], source, target.what, line);
        if (value !== undefined) sink.addTo(target.series, start, end, value);
      }
    },
  );
  return [];
};

/**
 * `readSpotSummary`'s reading of plain bytes (`PlainSinkReader`): a fiscal year's 200,000 values
 * without decoding the file from Shift_JIS (its rows are ASCII) or cutting it into cells of text.
 */
export const readSpotSummaryPlain: PlainSinkReader = (body, { source, lineOffset = 0 }, sink) => {
  const csv = plainCsv(body, source, headerNames(), OPTIONAL_VOLUMES, decodeShiftJis);
  if (!csv) return undefined;
  const { bytes, col } = csv;
  const guard = new RowGuard(source);
  const slots = new DaySlots(JEPX_CLOCK, 30);
  let targets: ReturnType<typeof spotTargets> | undefined;
  const rows = new PlainRows(csv, lineOffset);
  const cells = rows.cells;
  while (rows.next()) {
    targets ??= spotTargets(col, sink);
    const day = slashDateAt(bytes, cells[2 * col.date], cells[2 * col.date + 1]);
    const slot = plainDecimalAt(bytes, cells[2 * col.slot], cells[2 * col.slot + 1]);
    if (Number.isNaN(day) || !(slot >= 1 && slot <= SLOTS_PER_DAY && Number.isInteger(slot))) return undefined;
    const start = slots.start(Math.floor(day / 10000), Math.floor(day / 100) % 100, day % 100, slot);
    guard.check('the half hour', start, rows.line);
    const end = start + HALF_HOUR;
    for (const target of targets) {
      const from = cells[2 * target.column];
      const to = cells[2 * target.column + 1];
      if (from === to) continue; // no value
      const value = plainDecimalAt(bytes, from, to);
      if (Number.isNaN(value)) return undefined;
      sink.addTo(target.series, start, end, value);
    }
  }
  return rows.plain ? [] : undefined;
};

const DELIVERY_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

function slotStart(slots: DaySlots, dateCell: string | undefined, slotCell: string | undefined, source: string, line: number): number {
  const date = DELIVERY_DATE.exec(dateCell ?? '');
  if (!date) throw new ParseError(source, `line ${line}: delivery date "${dateCell ?? ''}" is not YYYY/MM/DD`);
  const slot = readWholeNumber(slotCell, source, 'time code', line);
  if (slot < 1 || slot > SLOTS_PER_DAY) throw new ParseError(source, `line ${line}: time code "${slotCell ?? ''}" is not 1..48`);
  return slots.start(Number(date[1]), Number(date[2]), Number(date[3]), slot);
}

/** A delivery date's bytes as DELIVERY_DATE reads it (`2024/4/1`, `2024/04/01`), as the number YYYYMMDD; NaN for anything else. */
function slashDateAt(bytes: Uint8Array, from: number, to: number): number {
  const value = [0, 0, 0];
  const digits = [0, 0, 0];
  let part = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i] - 48;
    if (d >= 0 && d <= 9) {
      value[part] = value[part] * 10 + d;
      digits[part]++;
    } else if (bytes[i] === 0x2f && part < 2) part++;
    else return NaN;
  }
  if (part !== 2 || digits[0] !== 4 || digits[1] < 1 || digits[1] > 2 || digits[2] < 1 || digits[2] > 2) return NaN;
  return value[0] * 10000 + value[1] * 100 + value[2];
}

/** Import sniffing: the Shift_JIS header line of the spot summary. */
export function isSpotSummary(bytes: Buffer): boolean {
  const head = decodeShiftJis(bytes.subarray(0, 512));
  return head.startsWith(JEPX_HEADER_START) && head.includes('システムプライス');
}

/**
 * JEPX serves its CSVs in Shift_JIS; a copy saved as UTF-8 (an editor, a re-typed file) reads the same.
 * Bytes that are not valid UTF-8 are Shift_JIS.
 */
function decodeJapanese(bytes: Buffer): string {
  const text = decodeText(bytes);
  return text.includes('\uFFFD') ? decodeShiftJis(bytes) : text;
}

export const JEPX_INTRADAY_HEADER_START = '年月日,時刻コード';

/**
 * intraday_<FY>.csv (時間前市場, the intraday continuous market): one row per delivery date and half-hour
 * slot 1..48 (JST) with the open, high, low, close and average traded prices (JPY/kWh), the traded volume
 * (kWh) and the number of trades. All on SYSTEM, run ID; the average price is LMP. A slot without trades
 * leaves its cells empty: no point.
 */
export const readIntraday: SinkReader = (body, { source, lineOffset }, sink) => {
  const text = decodeJapanese(body);
  refuseMarkup(text, source, 'a JEPX intraday CSV');
  const products = { LMP: '平均(円/kWh)', ...Object.fromEntries(Object.entries(JEPX_INTRADAY_PRODUCTS).map(([id, p]) => [id, p.column])) };
  const columns: Record<string, string[]> = { date: ['年月日'], slot: ['時刻コード'] };
  for (const [product, column] of Object.entries(products)) columns[product] = [column];
  const productIds = Object.keys(products);
  const guard = new RowGuard(source);
  const slots = new DaySlots(JEPX_CLOCK, 30);
  eachCsvRecord(text, source, { columns, expected: 'a JEPX intraday (時間前市場) CSV', lineOffset }, (row, index, line) => {
    const start = slotStart(slots, row[index.date], row[index.slot], source, line);
    guard.check('the half hour', start, line);
    for (const product of productIds) {
      const value = readNumber(row[index[product]], source, product, line);
      if (value !== undefined) sink.add('SYSTEM', 'ID', product, start, start + HALF_HOUR, value);
    }
  });
  return [];
};

/** Import sniffing: the intraday file's header line, in Shift_JIS or UTF-8. */
export function isIntraday(bytes: Buffer): boolean {
  return headsOf(bytes, 512).some((head) => head.startsWith(JEPX_INTRADAY_HEADER_START) && head.includes('約定件数'));
}

const AREA_SUPPLY_SKIPPED = ['火力出力制御量', 'バイオマス出力制御量', '太陽光出力制御量', '風力出力制御量', '合計'];

/**
 * A TSO's area supply and demand (エリア需給実績), the layout every Japanese TSO publishes since April 2024:
 * a unit line `単位[MW平均],,供給力`, then `DATE,TIME,エリア需要,<supply columns>`, one row per half hour
 * (`2026/4/15,0:00`: the half hour starting then, JST), MW averaged over it. エリア需要 is LOAD; each supply
 * column is the fuel `AREA_SUPPLY_FUELS` names (tie lines as IMPORTS, negative for exports; pumped storage
 * and batteries negative while charging); curtailment columns (出力制御量) and 合計 are skipped. A column
 * not named there is a ParseError. Rows not yet measured (the rest of today) are empty: no point.
 *
 * The file does not name its area: the report reads the area of its request (`eria_jukyu_<YYYYMM>_02.csv`,
 * Tohoku). A file whose name gives another area code is refused.
 */
export function areaSupplyParser(area: string, areaCode: string): Parser {
  return (body, { source, lineOffset }) => {
    const named = areaCodeOfName(source);
    if (named !== undefined && named !== areaCode)
      throw new ParseError(source, `the file is area ${named}'s supply and demand; this report reads area ${areaCode} (${area})`);
    const text = decodeJapanese(body);
    refuseMarkup(text, source, 'a TSO area supply-demand CSV');
    const tally = new FuelTally(source, AREA_SUPPLY_FUELS);
    const points: ParsedPoint[] = [];
    const guard = new RowGuard(source);
    let fuels: [string, number][] = [];
    eachCsvRecord(
      text,
      source,
      {
        columns: (header) => {
          fuels = supplyColumns(header, source);
          return { date: ['DATE'], time: ['TIME'], load: ['エリア需要'] };
        },
        isHeader: (row) => row[0]?.trim() === 'DATE',
        expected: 'a TSO area supply-demand CSV (header "DATE,TIME,エリア需要,...")',
        lineOffset,
      },
      (row, col, line) => {
        const start = halfHourStart(row[col.date], row[col.time], source, line);
        guard.check(area, start, line);
        const end = start + HALF_HOUR;
        const load = readNumber(row[col.load], source, 'エリア需要', line);
        if (load !== undefined) points.push({ location: area, run: 'ACTUAL', product: LOAD_PRODUCT, start, end, value: load });
        for (const [name, column] of fuels) {
          const mw = readNumber(row[column], source, name, line);
          if (mw !== undefined) tally.add(area, 'ACTUAL', name, start, end, mw);
        }
      },
    );
    return { points: [...points, ...tally.points()] };
  };
}

/** The area code a TSO's file name carries (`eria_jukyu_202604_02.csv`, `realtime_jukyu_20260415_02.csv`), if any. */
export function areaCodeOfName(name: string): string | undefined {
  return /jukyu_\d{6,8}_(\d{2})(?!\d)/i.exec(name)?.[1];
}

/** The supply columns of the header and their positions; an unknown column is a ParseError. */
function supplyColumns(header: CsvRow, source: string): [string, number][] {
  const out: [string, number][] = [];
  header.forEach((cell, i) => {
    const name = cell.trim();
    if (name === '' || name === 'DATE' || name === 'TIME' || name === 'エリア需要' || AREA_SUPPLY_SKIPPED.includes(name)) return;
    if (!(name in AREA_SUPPLY_FUELS))
      throw new ParseError(source, `unknown supply column "${name}": gridcell does not know which fuel it is, so it would be misfiled`);
    out.push([name, i]);
  });
  return out;
}

function halfHourStart(dateCell: string | undefined, timeCell: string | undefined, source: string, line: number): number {
  const date = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(dateCell?.trim() ?? '');
  if (!date) throw new ParseError(source, `line ${line}: DATE "${dateCell ?? ''}" is not YYYY/M/D`);
  const time = /^(\d{1,2}):(00|30)$/.exec(timeCell?.trim() ?? '');
  if (!time || Number(time[1]) > 23) throw new ParseError(source, `line ${line}: TIME "${timeCell ?? ''}" is not a half hour H:MM`);
  return wallTime(JEPX_CLOCK, Number(date[1]), Number(date[2]), Number(date[3]), Number(time[1]), Number(time[2]));
}

/** Import sniffing: the unit line and the header of an area supply-demand file. */
export function isAreaSupply(bytes: Buffer): boolean {
  return headsOf(bytes, 1024).some((head) => /^単位\[MW平均\]/.test(head) && /\nDATE,TIME,エリア需要,/.test(head));
}

/** The first bytes read both ways (a cut may split a character, so neither decoding is ruled out by it). */
function headsOf(bytes: Buffer, max: number): string[] {
  const head = bytes.subarray(0, max);
  return [decodeText(head), decodeShiftJis(head)];
}
