import { ParseError } from '../../../domain';
import { columnIndex, eachCsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import type { FileSample } from '../../types';
import type { LocationInfo, ParsedPoint, ParseResult } from '../../../domain';
import { headerCells } from '../iso-files';
import { parseUsDateTime } from '../../shared/us-dates';
import { pushProducts, readNumber, refuseMarkup } from '../../shared/cells';

/** Header spellings seen across SPP's files: `GMT Interval` etc. in the RTBM daily roll-up. BAA may be 3rd, last or absent. */
const COLUMNS = {
  gmtEnd: ['GMTIntervalEnd', 'GMT Interval'],
  location: ['Settlement Location', 'Settlement Location Name'],
  pnode: ['Pnode', 'PNODE Name'],
  lmp: ['LMP'],
  loss: ['MLC'],
  congestion: ['MCC'],
  energy: ['MEC'],
};

/**
 * An SPP LMP-by-settlement-location CSV (DA or RTBM, interval or daily). The UTC interval end
 * (`GMTIntervalEnd`) is the time used; `Interval` is the local end and is ambiguous on the
 * fall-back day. Components are kept with SPP's signs: LMP = MEC + MCC + MLC.
 */
export function parseSppLmp(body: Buffer, source: string, run: string, intervalMinutes: number): ParseResult {
  const text = decodeText(body);
  refuseMarkup(text, source);
  const length = intervalMinutes * 60_000;
  const points: ParsedPoint[] = [];
  const locations = new Map<string, LocationInfo>();
  let col: Record<keyof typeof COLUMNS, number> | undefined;
  eachCsvRow(
    text,
    (row, line) => {
      if (!col) {
        col = columnIndex<keyof typeof COLUMNS>(row, COLUMNS, source, ['pnode']);
        return;
      }
      if (row.every((c) => c === '')) return;
      const location = row[col.location];
      if (!location) throw new ParseError(source, `line ${line}: no settlement location`);
      const t = parseUsDateTime(row[col.gmtEnd] ?? '', source, line);
      const end = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
      pushProducts(points, { location, run, start: end - length, end }, {
        LMP: readNumber(row[col.lmp], source, `line ${line}, column "LMP"`),
        ENERGY: readNumber(row[col.energy], source, `line ${line}, column "MEC"`),
        CONGESTION: readNumber(row[col.congestion], source, `line ${line}, column "MCC"`),
        LOSS: readNumber(row[col.loss], source, `line ${line}, column "MLC"`),
      });
      if (!locations.has(location)) locations.set(location, locationOf(location, col.pnode >= 0 ? row[col.pnode] : undefined));
    },
  );
  if (!col) throw new ParseError(source, 'the file is empty');
  return { points, locations: [...locations.values()] };
}

function locationOf(name: string, pnode: string | undefined): LocationInfo {
  const info: LocationInfo = { name, type: /_HUB$/i.test(name) ? 'HUB' : 'NODE' };
  if (pnode && pnode.toUpperCase() !== name.toUpperCase()) info.aliases = [pnode];
  return info;
}

/**
 * Which SPP LMP file this is, from its content: the header layout where it differs (BAA 3rd
 * only in DA, BAA last and `GMT Interval` only in RTBM), else 5-minute stamps; the legacy
 * header without BAA is the same for both, so a DA file is told by hourly stamps, or by its name
 * when the sample holds only one hour.
 */
export function sppFileKind(file: FileSample): 'DA' | 'RT5' | undefined {
  const header = headerCells(file.head);
  const has = (name: string) => header.some((h) => h.toLowerCase() === name.toLowerCase());
  if (!['LMP', 'MLC', 'MCC', 'MEC', 'Interval'].every(has)) return undefined;
  if (has('GMT Interval')) return 'RT5';
  if (!has('GMTIntervalEnd')) return undefined;
  const baa = header.indexOf('BAA');
  if (baa === 2) return 'DA';
  if (baa === header.length - 1) return 'RT5';
  const lines = file.head.split(/\r?\n/).slice(1, -1);
  const stamps = new Set(lines.map((l) => l.split(',', 1)[0]).filter((s) => s));
  if ([...stamps].some((s) => !/:00:00$/.test(s))) return 'RT5';
  if (/DA-LMP/i.test(file.name)) return 'DA';
  if (/RTBM/i.test(file.name)) return 'RT5';
  return stamps.size > 1 ? 'DA' : undefined;
}
