import type { LocationInfo, MarketInfo } from '../../../domain';

export const AESO_API_HOST = 'apimgw.aeso.ca';
export const AESO_ETS_HOST = 'ets.aeso.ca';
export const AESO_API_KEY_ENV = 'AESO_API_KEY';

export const aesoMarket: MarketInfo = {
  id: 'AESO',
  name: 'Alberta Electric System Operator',
  region: 'North America',
  clock: 'America/Edmonton',
  currency: 'CAD',
  unit: 'MWh',
  runs: [{ id: 'RT', description: 'Hourly pool price (the real-time energy market price)', intervalMinutes: 60 }],
  defaultRun: 'RT',
  products: [
    { id: 'LMP', description: 'Pool price (also PRICE)' },
    { id: 'FORECAST', description: 'Forecast pool price (API only)' },
    { id: 'ROLLING30', description: '30-day rolling average pool price' },
    { id: 'AIL', description: 'Alberta internal load (ETS CSV only)', unit: 'MW' },
  ],
  keys: [{ env: AESO_API_KEY_ENV, description: 'AESO API gateway key (free registration at developer-apim.aeso.ca)' }],
  keyless: true,
  hosts: {
    [AESO_API_HOST]: { concurrency: 2 },
    [AESO_ETS_HOST]: { concurrency: 1, minIntervalMs: 1_000 },
  },
  notes: [
    'With AESO_API_KEY set, prices come from the AESO pool price API; without it, from the ETS Historical Pool Price CSV (which also has Alberta internal load).',
    'Both are fetched a calendar month at a time. Hours are Mountain prevailing time (23 and 25 hours on DST days); the CSV labels hours ending, with 02* for the repeated hour.',
  ],
};

export const aesoLocations: LocationInfo[] = [{ name: 'ALBERTA', type: 'AREA', aliases: ['AB', 'POOL'] }];
