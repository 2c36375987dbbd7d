/**
 * AESO's ETS Historical Pool Price report (`ets.aeso.ca/ets_web/ip/Market/Reports/
 * HistoricalPoolPriceReportServlet?beginDate=MMDDYYYY&endDate=MMDDYYYY&contentType=csv`) as a simulated
 * upstream. Answers are built from the recorded reports in ../shared/fixtures/aeso/ (all of 2022, and
 * 2023 to 14 October): the recorded rows from `beginDate` to `endDate` inclusive, under the recorded
 * preamble and header, ended as the servlet ends them (rows LF, the last row and a closing empty line
 * CRLF). The rows are real: the DST days keep their 23 hours and their `02*` hour. It enforces the
 * spacing gridcell keeps for ets.aeso.ca (one request a second, 429 when broken); a wrong path is a
 * 404, missing or malformed dates (or an end before the begin) an HTML error page.
 */
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const AESO_ETS_SPACING_MS = 1_000;
export const AESO_POOL_PRICE_FILES = [
  'aeso/HistoricalPoolPriceReportServlet_2022.csv',
  'aeso/HistoricalPoolPriceReportServlet_2023-01-01_to_2023-10-14.csv',
];

/** `"MM/DD/YYYY HH"` -> `YYYY-MM-DD`. */
const dayOfRow = (line: string) => `${line.slice(7, 11)}-${line.slice(1, 3)}-${line.slice(4, 6)}`;

/** The recorded preamble and header (up to and including the header line) and every data row, in order. */
function recorded(): { head: string; rows: string[] } {
  let head = '';
  const rows: string[] = [];
  for (const file of AESO_POOL_PRICE_FILES) {
    const text = readShared(file).toString('latin1');
    const at = text.indexOf('Date (HE)');
    const end = text.indexOf('\n', at) + 1;
    head = text.slice(0, end);
    rows.push(
      ...text
        .slice(end)
        .split(/\r?\n/)
        .filter((l) => l.startsWith('"')),
    );
  }
  return { head, rows };
}

const refused = (why: string) => ({ status: 400, type: 'text/html', body: `<html><body><h2>Error</h2><p>${why}</p></body></html>` });

export function simulatedAeso(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, AESO_ETS_SPACING_MS, (url) => {
    if (url.pathname !== '/ets_web/ip/Market/Reports/HistoricalPoolPriceReportServlet') return { status: 404, body: 'Not Found' };
    const q = url.searchParams;
    const date = (name: string) => {
      const m = /^(\d{2})(\d{2})(\d{4})$/.exec(q.get(name) ?? '');
      return m ? `${m[3]}-${m[1]}-${m[2]}` : undefined;
    };
    const [begin, end] = [date('beginDate'), date('endDate')];
    if (!begin || !end || end < begin) return refused('beginDate and endDate (MMDDYYYY, end not before begin) are required.');
    if (q.get('contentType') !== 'csv') return refused('contentType=csv is the only form served here.');
    const { head, rows } = recorded();
    const kept = rows.filter((r) => dayOfRow(r) >= begin && dayOfRow(r) <= end);
    if (!kept.length) return { status: 200, type: 'text/csv', body: `${head}\r\n` };
    const body = `${head}${kept
      .slice(0, -1)
      .map((r) => `${r}\n`)
      .join('')}${kept[kept.length - 1]}\r\n\r\n`;
    return { status: 200, type: 'text/csv', body: Buffer.from(body, 'latin1') };
  });
}
