import type { AncillaryService, Fuel } from '../../../../contract';
import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

export const IESO_HOST = 'reports-public.ieso.ca';
/** Market Renewal went live on 2025-05-01: zonal prices replace HOEP from that day on. */
export const MARKET_RENEWAL_DAY = '2025-05-01';
export const LAST_HOEP_DAY = '2025-04-30';
/** The fuels of the GenOutputbyFuelHourly report, as gridcell names them. */
const IESO_FUELS: readonly Fuel[] = ['NUCLEAR', 'GAS', 'HYDRO', 'WIND', 'SOLAR', 'BIOMASS'];

/** The operating reserve columns of the PriceHOEPPredispOR file. */
export type OrColumn = 'or10s' | 'or10n' | 'or30';
/** IESO's operating reserve classes and the ancillary service each is: 10-minute synchronized, non-synchronized, 30-minute. */
export const OR_SERVICES: Record<OrColumn, AncillaryService> = { or10s: 'SPIN', or10n: 'NONSPIN', or30: 'RES30' };

export const iesoMarket: MarketInfo = {
  id: 'IESO',
  name: 'Ontario IESO',
  region: 'North America',
  // IESO uses Eastern Standard Time all year (no DST).
  clock: 'UTC-5',
  currency: 'CAD',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead hourly Ontario zonal price (from 2025-05-01)', intervalMinutes: 60 },
    { id: 'RT', description: 'Real-time Ontario zonal price, 5-minute (from 2025-05-01); hourly HOEP before', intervalMinutes: 5 },
    // Demand, fuel mix and the Adequacy report's demand forecast are hourly (hour ending, EST).
    ...fundamentalRuns(60, 60),
  ],
  defaultRun: 'DA',
  products: [
    { id: 'LMP', description: 'Ontario zonal price (HOEP before 2025-05-01)' },
    { id: 'ENERGY', description: 'Energy part: price minus loss and congestion' },
    { id: 'CONGESTION', description: 'Congestion price (capped)' },
    { id: 'LOSS', description: 'Loss price (capped)' },
    { id: 'PREDISPATCH', description: 'Hour-1 predispatch price (before 2025-05-01)' },
    { id: 'OR10S', description: '10-minute synchronized operating reserve price (before 2025-05-01)' },
    { id: 'OR10N', description: '10-minute non-synchronized operating reserve price (before 2025-05-01)' },
    { id: 'OR30', description: '30-minute operating reserve price (before 2025-05-01)' },
    ...fundamentalProducts({
      load: 'Ontario Demand (ONTARIO) and Market Demand with exports (MARKET), hourly; forecast: Ontario Demand from the Adequacy report',
      fuels: IESO_FUELS,
      services: {
        SPIN: '10-minute synchronized operating reserve price (OR 10 Min Sync, the same as OR10S), before 2025-05-01',
        NONSPIN: '10-minute non-synchronized operating reserve price (OR 10 Min non-sync, the same as OR10N), before 2025-05-01',
        RES30: '30-minute operating reserve price (OR 30 Min, the same as OR30), before 2025-05-01',
      },
      // The yearly HOEP file's hourly reserve prices are read beside the HOEP, under its run.
      serviceRun: 'RT',
    }),
  ],
  keys: [],
  keyless: true,
  hosts: { [IESO_HOST]: { concurrency: 4 } },
  notes: [
    'From the IESO public reports (reports-public.ieso.ca), no key. Day-ahead and real-time files stay online about 90 days.',
    'Hours are hour-ending 1..24 in Eastern Standard Time all year; market days never have 23 or 25 hours.',
    'Before Market Renewal (2025-05-01) the real-time price is the HOEP from the yearly PriceHOEPPredispOR file.',
    'Load: LOAD ACTUAL from the yearly Demand CSV (ONTARIO = Ontario Demand, MARKET = Market Demand incl. exports); LOAD FORECAST is Ontario Demand from the Adequacy report (Adequacy2 until Market Renewal, Adequacy3 after), each issue kept by its CreatedAt.',
    'Generation by fuel: the yearly GenOutputbyFuelHourly XML (BIOFUEL is BIOMASS); hours IESO flags with OutputQuality -1 or -2 are kept as published (the flag is not stored).',
  ],
  unavailable: [
    {
      dataset: 'Operating reserve prices after Market Renewal',
      reason:
        'gridcell reads operating reserve prices from the yearly PriceHOEPPredispOR file, which ended with the HOEP at Market Renewal; AS_* stop on 2025-04-30 (the renewed market reserve reports are not read yet).',
    },
    {
      dataset: 'Capacity auction results',
      reason: 'IESO publishes capacity auction results as PDF and Excel reports, not as a data feed.',
    },
  ],
};

export const iesoLocations: LocationInfo[] = [
  { name: 'ONTARIO', type: 'ZONE', aliases: ['ON', 'ONTARIO ZONAL PRICE', 'ONTARIO DEMAND'] },
  // Market Demand: Ontario Demand plus exports (the Demand report's other column).
  { name: 'MARKET', type: 'SYSTEM', aliases: ['MARKET DEMAND', 'ONTARIO MARKET'] },
];
