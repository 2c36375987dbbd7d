import { eachCsvRecord } from '../../../formats/csv';
import { decodeShiftJis } from '../../../formats/text';
import { wallTime } from '../../../time/clock';
import { type ParsedPoint, ParseError } from '../../../domain';
import type { Parser } from '../../types';
import { refuseMarkup } from '../../shared/markup';
import { readNumber, readWholeNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { JEPX_AREAS, JEPX_CLOCK, type JepxVolumeProduct } from './market';

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

/** spot_summary_<FY>.csv: one row per delivery date and half-hour slot 1..48 (JST). */
export const parseSpotSummary: Parser = (body, { source, lineOffset }) => {
  const text = decodeShiftJis(body);
  refuseMarkup(text, source, 'a JEPX spot summary CSV');
  const points: ParsedPoint[] = [];
  const prices = ['SYSTEM', ...JEPX_AREAS.map((a) => a.name)];
  const guard = new RowGuard(source);
  eachCsvRecord(
    text,
    source,
    { columns: headerNames(), optional: OPTIONAL_VOLUMES, expected: 'a JEPX spot summary', lineOffset },
    (row, index, line) => {
      const start = slotStart(row[index.date], row[index.slot], source, line);
      guard.check('the half hour', start, line);
      const end = start + HALF_HOUR;
      const add = (location: string, product: string, column: number, what: string): void => {
        if (column < 0) return;
        const value = readNumber(row[column], source, what, line);
        if (value !== undefined) points.push({ location, run: 'DA', product, start, end, value });
      };
      for (const location of prices) add(location, 'LMP', index[location], `${location} price`);
      for (const product of Object.keys(VOLUME_COLUMNS)) add('SYSTEM', product, index[product], product);
    },
  );
  return { points };
};

function slotStart(dateCell: string | undefined, slotCell: string | undefined, source: string, line: number): number {
  const date = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(dateCell ?? '');
  if (!date) throw new ParseError(source, `line ${line}: delivery date "${dateCell ?? ''}" is not YYYY/MM/DD`);
  const slot = readWholeNumber(slotCell, source, 'time code', line);
  if (slot < 1 || slot > SLOTS_PER_DAY) throw new ParseError(source, `line ${line}: time code "${slotCell ?? ''}" is not 1..48`);
  const minutes = (slot - 1) * 30;
  return wallTime(JEPX_CLOCK, Number(date[1]), Number(date[2]), Number(date[3]), Math.floor(minutes / 60), minutes % 60);
}

/** Import sniffing: the Shift_JIS header line of the spot summary. */
export function isSpotSummary(bytes: Buffer): boolean {
  const head = decodeShiftJis(bytes.subarray(0, 512));
  return head.startsWith(JEPX_HEADER_START) && head.includes('システムプライス');
}
