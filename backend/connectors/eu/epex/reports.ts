import type { Report, RequestLimits } from '../../types';
import { isIntradayA44, parseEntsoeA44, parseEntsoeA44Intraday } from '../entsoe-parse';
import { entsoeFundamentalReports } from '../entsoe-reports';
import { ENTSOE_API_KEY_ENV } from '../entsoe-zones';
import { ENTSOE_LIMITS } from '../entsoe-request';
import { parseEnergyCharts } from './parse';
import { energyChartsRequest, entsoeA44IntradayRequest, entsoeA44Request, requireZone } from './requests';

/** An A44 publication document, from its first elements. */
const isA44 = (head: string): boolean => /<Publication_MarketDocument[\s>]/.test(head) && /<type>\s*A44\s*<\/type>/.test(head);

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
  // A document of intraday auction series only (contract A07) is `epex.entsoe_a44_intraday`'s.
  detect: (file) => isA44(file.head) && !isIntradayA44(file.head),
};

/** ENTSO-E intraday auction prices IDA1-3 (A44, contract A07), 15-minute, one bidding zone per request. */
export const entsoeIntradayAuctions: Report = {
  id: 'epex.entsoe_a44_intraday',
  description: 'ENTSO-E Transparency Platform intraday auction prices IDA1-IDA3 (document A44, contract A07), one bidding zone per request',
  runs: ['ID1', 'ID2', 'ID3'],
  products: ['LMP'],
  keys: [ENTSOE_API_KEY_ENV],
  scope: 'location',
  limits: ENTSOE_LIMITS,
  request: entsoeA44IntradayRequest,
  parse: parseEntsoeA44Intraday,
  detect: (file) => isA44(file.head) && isIntradayA44(file.head),
};

/** ENTSO-E load (actual, day-ahead forecast) and generation per fuel for every bidding zone. */
export const [entsoeLoad, entsoeLoadForecast, entsoeGeneration] = entsoeFundamentalReports({
  market: 'epex',
  zoneOf: requireZone,
  detect: true,
});

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
