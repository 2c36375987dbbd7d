/**
 * JEPX's spot summary (`www.jepx.jp/js/csv_read.php?dir=spot_summary&file=spot_summary_<FY>.csv`) as a
 * simulated upstream. It serves the recorded fiscal-year files in ../shared/fixtures/jepx/ as they are
 * (Shift_JIS, CRLF): FY2024 (to 2024-12-02) and FY2026 (to 2026-04-19). What JEPX does: one file per
 * fiscal year (April to March) holding every day so far; the endpoint answers only with the spot page
 * as `Referer` (403 without); a file it does not have is a 404. It enforces the spacing gridcell keeps
 * for www.jepx.jp (one request a second, 429 when broken). Japan keeps no DST: 48 half-hours a day.
 */
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const JEPX_SPACING_MS = 1_000;
export const JEPX_FY2024_FILE = 'jepx/spot_summary_2024_FY2024_to_2024-12-02.csv';
const RECORDED: Record<string, string> = {
  'spot_summary_2024.csv': JEPX_FY2024_FILE,
  'spot_summary_2026.csv': 'jepx/spot_summary_2026_FY2026_to_2026-04-19.csv',
};

export function simulatedJepx(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, JEPX_SPACING_MS, (url, headers) => {
    if (url.pathname !== '/js/csv_read.php' || url.searchParams.get('dir') !== 'spot_summary') return { status: 404, body: 'Not Found' };
    if (!(headers.referer ?? '').startsWith('https://www.jepx.jp/electricpower/market-data/spot/'))
      return { status: 403, body: 'Forbidden' };
    const file = RECORDED[url.searchParams.get('file') ?? ''];
    if (!file) return { status: 404, body: 'Not Found' };
    return { status: 200, type: 'text/csv; charset=Shift_JIS', body: readShared(file) };
  });
}
