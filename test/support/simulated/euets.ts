/**
 * EEX's primary-auction report (`public.eex-group.com/eex/eua-auction-report/
 * emission-spot-primary-market-auction-report-<YYYY>-data.xlsx`) as a simulated upstream. It serves the
 * recorded 2024 workbook in ../shared/fixtures/euets/ as it is; any other year or path is a 404, as a
 * file EEX does not have. One file per calendar year; it enforces the spacing gridcell keeps for
 * public.eex-group.com (one request every 500 ms, 429 when broken).
 */
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const EEX_SPACING_MS = 500;
export const EUETS_2024_FILE = 'euets/emission-spot-primary-market-auction-report-2024-data.xlsx';

export function simulatedEex(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, EEX_SPACING_MS, (url) => {
    if (url.pathname !== '/eex/eua-auction-report/emission-spot-primary-market-auction-report-2024-data.xlsx')
      return { status: 404, type: 'text/html', body: '<html><body><h1>404 Not Found</h1></body></html>' };
    return { status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: readShared(EUETS_2024_FILE) };
  });
}
