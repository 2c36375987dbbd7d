/**
 * The EIA API v2 route `natural-gas/pri/fut` (`api.eia.gov/v2/natural-gas/pri/fut/data/`) as a
 * simulated upstream. Answers are built from the recorded answer
 * ../shared/fixtures/eia/v2_natural-gas_pri_fut_RNGC1_daily_first1000rows.json (RNGC1's trading days
 * from 2020-04-13 to 2024-04-05): every series asked in `facets[series][]` gets the recorded rows
 * whose `period` lies in `start`..`end` (inclusive), with the recorded values, under its own series
 * id. It enforces what EIA documents: an `api_key`, any `start`/`end` range, several series facets
 * in one request, rows sorted as asked, pages of `length` rows from `offset`, at most 5,000 rows a
 * page (a larger `length` gets 5,000 and EIA's "incomplete return" warning); `maxRows` makes that
 * cap smaller, to see a year's pages followed. `total` is a string, as EIA sends it.
 */
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const EIA_RNGC1_FILE = 'eia/v2_natural-gas_pri_fut_RNGC1_daily_first1000rows.json';
const MAX_ROWS = 5000;

type Row = Record<string, string>;

/** The recorded RNGC1 rows, oldest first, as the file has them. */
export function recordedEiaRows(): Row[] {
  const doc = JSON.parse(readShared(EIA_RNGC1_FILE).toString('utf8')) as { response: { data: Row[] } };
  return [...doc.response.data].sort((a, b) => a.period.localeCompare(b.period));
}

export function simulatedEia(time: SimulatedTime, { maxRows = MAX_ROWS } = {}): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, 0, (url) => {
    const q = url.searchParams;
    if (!q.get('api_key')) return { status: 403, type: 'application/json', body: '{"error":{"code":"API_KEY_MISSING"}}' };
    if (!url.pathname.endsWith('/natural-gas/pri/fut/data/')) return { status: 404, body: 'no such route in the simulated upstream' };
    const series = q.getAll('facets[series][]');
    const start = q.get('start') ?? '0000-00-00';
    const end = q.get('end') ?? '9999-99-99';
    const offset = Number(q.get('offset') ?? 0);
    const length = Number(q.get('length') ?? MAX_ROWS);
    if (!series.length || q.get('frequency') !== 'daily') return { status: 400, body: 'frequency=daily and a series facet are required' };
    const rows: Row[] = [];
    for (const row of recordedEiaRows())
      if (row.period >= start && row.period <= end) for (const id of series) rows.push({ ...row, series: id });
    const pageRows = Math.min(length, maxRows);
    const answer = {
      response: {
        ...(length > maxRows
          ? { warnings: [{ warning: 'incomplete return', description: `The API can only return ${maxRows} rows in JSON format.` }] }
          : {}),
        total: String(rows.length),
        dateFormat: 'YYYY-MM-DD',
        frequency: 'daily',
        data: rows.slice(offset, offset + pageRows),
      },
      request: {},
      apiVersion: '2.1.7',
    };
    return { status: 200, type: 'application/json', body: JSON.stringify(answer) };
  });
}
