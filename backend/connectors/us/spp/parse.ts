import { eachCsvRecord } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import type { FileSample, Parser } from '../../types';
import type { LocationInfo, ParsedPoint } from '../../../domain';
import { readUsDateTime, utcOf } from '../../shared/dates';
import { headerCells, headLines } from '../../shared/headers';
import { refuseMarkup } from '../../shared/markup';
import { readNumber } from '../../shared/numbers';
import { pushProducts, RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';

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
export function sppLmpParser(run: string, intervalMinutes: number): Parser {
  const length = intervalMinutes * 60_000;
  return (body, { source }) => {
    const text = decodeText(body);
    refuseMarkup(text, source, 'an SPP LMP CSV');
    const points: ParsedPoint[] = [];
    const locations = new Map<string, LocationInfo>();
    const guard = new RowGuard(source);
    eachCsvRecord(text, source, { columns: COLUMNS, optional: ['pnode'], expected: 'an SPP LMP CSV' }, (row, col, line) => {
      const location = requiredText(row[col.location], source, 'settlement location', line);
      const end = utcOf(readUsDateTime(row[col.gmtEnd] ?? '', source, `line ${line}`));
      guard.check(location, end, line);
      pushProducts(
        points,
        { location, run, start: end - length, end },
        {
          LMP: readNumber(row[col.lmp], source, 'column "LMP"', line),
          ENERGY: readNumber(row[col.energy], source, 'column "MEC"', line),
          CONGESTION: readNumber(row[col.congestion], source, 'column "MCC"', line),
          LOSS: readNumber(row[col.loss], source, 'column "MLC"', line),
        },
      );
      if (!locations.has(location)) locations.set(location, locationOf(location, col.pnode >= 0 ? row[col.pnode] : undefined));
    });
    return { points, locations: [...locations.values()] };
  };
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
  const lines = headLines(file.head).slice(1, -1);
  const stamps = new Set(lines.map((l) => l.split(',', 1)[0]).filter((s) => s));
  if ([...stamps].some((s) => !/:00:00$/.test(s))) return 'RT5';
  if (/DA-LMP/i.test(file.name)) return 'DA';
  if (/RTBM/i.test(file.name)) return 'RT5';
  return stamps.size > 1 ? 'DA' : undefined;
}
