import type { LocationInfo, MarketInfo } from '../../../domain';

export const IESO_HOST = 'reports-public.ieso.ca';
/** Market Renewal went live on 2025-05-01: zonal prices replace HOEP from that day on. */
export const MARKET_RENEWAL_DAY = '2025-05-01';
export const LAST_HOEP_DAY = '2025-04-30';

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
  ],
  keys: [],
  keyless: true,
  hosts: { [IESO_HOST]: { concurrency: 4 } },
  notes: [
    'From the IESO public reports (reports-public.ieso.ca), no key. Day-ahead and real-time files stay online about 90 days.',
    'Hours are hour-ending 1..24 in Eastern Standard Time all year; market days never have 23 or 25 hours.',
    'Before Market Renewal (2025-05-01) the real-time price is the HOEP from the yearly PriceHOEPPredispOR file.',
  ],
};

export const iesoLocations: LocationInfo[] = [{ name: 'ONTARIO', type: 'ZONE', aliases: ['ON', 'ONTARIO ZONAL PRICE'] }];
