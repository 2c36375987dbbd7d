/**
 * IESO's public reports (`reports-public.ieso.ca/public/...`) as a simulated upstream, built from
 * the recorded files in ../shared/fixtures/ieso/:
 * - `DAHourlyOntarioZonalPrice/PUB_DAHourlyOntarioZonalPrice_<YYYYMMDD>.xml`: the recorded file of
 *   2026-05-28 (24 hours ending EST), its `DeliveryDate` and `CreatedAt` re-stamped to the day asked;
 *   a day before Market Renewal (2025-05-01) or not published yet (after tomorrow, EST) is a 404.
 * - `PriceHOEPPredispOR/PUB_PriceHOEPPredispOR_<YYYY>.csv`: the recorded 2023 file as it is (other years 404).
 * Any other path is a 404. IESO publishes EST all year (no 23- or 25-hour day) and documents no
 * request spacing.
 */
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const IESO_DA_FILE = 'ieso/PUB_DAHourlyOntarioZonalPrice_20260528.xml';
export const IESO_HOEP_FILE = 'ieso/PUB_PriceHOEPPredispOR_2023.csv';
const NOT_FOUND = {
  status: 404,
  type: 'text/html',
  body: '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>',
};

export function simulatedIeso(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, 0, (url) => {
    if (url.pathname === '/public/PriceHOEPPredispOR/PUB_PriceHOEPPredispOR_2023.csv')
      return { status: 200, type: 'text/csv', body: readShared(IESO_HOEP_FILE) };
    const file = /^\/public\/DAHourlyOntarioZonalPrice\/PUB_DAHourlyOntarioZonalPrice_(\d{4})(\d{2})(\d{2})\.xml$/.exec(url.pathname);
    if (!file) return NOT_FOUND;
    const day = DateTime.fromISO(`${file[1]}-${file[2]}-${file[3]}`, { zone: 'UTC-5' });
    const tomorrow = DateTime.fromMillis(time.now(), { zone: 'UTC-5' }).plus({ days: 1 }).startOf('day');
    if (!day.isValid || day.toISODate()! < '2025-05-01' || day > tomorrow) return NOT_FOUND;
    const xml = readShared(IESO_DA_FILE)
      .toString('utf8')
      .replace(/<DeliveryDate>[^<]*<\/DeliveryDate>/, `<DeliveryDate>${day.toISODate()}</DeliveryDate>`)
      .replace(/<CreatedAt>[^<]*<\/CreatedAt>/, `<CreatedAt>${day.minus({ days: 1 }).toISODate()}T12:31:16</CreatedAt>`);
    return { status: 200, type: 'text/xml', body: xml };
  });
}
