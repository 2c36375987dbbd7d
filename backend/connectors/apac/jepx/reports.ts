import type { Report } from '../../types';
import { JEPX_VOLUME_PRODUCTS } from './market';
import { isSpotSummary, parseSpotSummary } from './parse';
import { fiscalYearPeriod, spotSummaryRequest } from './requests';

export const spotSummaryReport: Report = {
  id: 'jepx.spot_summary',
  description: 'JEPX spot market summary: system and area prices with bid and contracted volumes, one CSV per fiscal year',
  runs: ['DA'],
  products: ['LMP', ...Object.keys(JEPX_VOLUME_PRODUCTS)],
  scope: 'market',
  rowsIndependent: true,
  validFrom: '2005-04-01',
  periodOf: fiscalYearPeriod,
  request: spotSummaryRequest,
  parse: parseSpotSummary,
  detect: (file) => isSpotSummary(file.bytes),
};
