import type { Report, RequestLimits } from '../../types';
import { parseEntsoeA44 } from '../entsoe-parse';
import { ENTSOE_API_KEY_ENV } from '../entsoe-zones';
import { ENTSOE_LIMITS } from '../entsoe-request';
import { parseEnergyCharts } from './parse';
import { energyChartsRequest, entsoeA44Request } from './requests';

export const entsoeDayAheadPrices: Report = {
  id: 'epex.entsoe_a44',
  description: 'ENTSO-E Transparency Platform day-ahead prices (document A44), one bidding zone per request',
  runs: ['DA', 'EXAA'],
  products: ['LMP'],
  keys: [ENTSOE_API_KEY_ENV],
  scope: 'location',
  limits: ENTSOE_LIMITS,
  request: entsoeA44Request,
  parse: parseEntsoeA44,
  detect: (file) => /<Publication_MarketDocument[\s>]/.test(file.head) && /<type>\s*A44\s*<\/type>/.test(file.head),
};

/**
 * Energy-Charts /price takes a `start`/`end` range for one `bzn` (one zone per request). It documents
 * no largest range; gridcell asks at most a calendar year, as of ENTSO-E (a year is 8,784 hours or
 * 35,136 quarter hours, one answer of a few hundred KB).
 */
export const ENERGY_CHARTS_LIMITS: RequestLimits = { maxDays: 366, within: 'year' };

/** Keyless fallback; SDAC prices only, and only for the zones Energy-Charts serves. */
export const energyChartsDayAheadPrices: Report = {
  id: 'epex.energy_charts',
  description: 'Energy-Charts (Fraunhofer ISE) day-ahead prices, used when ENTSOE_API_KEY is not set',
  runs: ['DA'],
  products: ['LMP'],
  scope: 'location',
  limits: ENERGY_CHARTS_LIMITS,
  request: energyChartsRequest,
  parse: parseEnergyCharts,
};
