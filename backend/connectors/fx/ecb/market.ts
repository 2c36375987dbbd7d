import { ECB_CURRENCIES, type LocationInfo, type MarketInfo } from '../../../domain';

export const FX_CLOCK = 'Europe/Berlin';
export const REF_RUN = 'REF';
export const RATE_PRODUCT = 'RATE';

export const fxMarket: MarketInfo = {
  id: 'FX',
  name: 'ECB euro foreign exchange reference rates',
  region: 'Europe',
  clock: FX_CLOCK,
  currency: 'EUR',
  unit: 'EUR',
  runs: [
    { id: REF_RUN, description: 'Daily reference rate (concertation about 14:10 CET, published about 16:00 CET)', intervalMinutes: 1440 },
  ],
  defaultRun: REF_RUN,
  products: [{ id: RATE_PRODUCT, description: 'Units of the currency per 1 EUR', unit: 'currency units per EUR' }],
  keys: [],
  keyless: true,
  hosts: { 'www.ecb.europa.eu': { concurrency: 2, minIntervalMs: 500 } },
  notes: [
    'One rate per TARGET working day, as units of the currency per 1 EUR; the location is the ISO currency code.',
    'Currencies the ECB no longer fixes end at their last fixing: BGN after 2025-12-31, HRK after 2022-12-30, RUB since March 2022, and the currencies replaced by the euro before.',
  ],
};

export const fxLocations: LocationInfo[] = ECB_CURRENCIES.map((code) => ({ name: code, type: 'CURRENCY' }));
