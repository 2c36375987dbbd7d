import type { Fuel } from '../../../../contract';
import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

export const AESO_API_HOST = 'apimgw.aeso.ca';
export const AESO_ETS_HOST = 'ets.aeso.ca';
export const AESO_API_KEY_ENV = 'AESO_API_KEY';
/** The fuels of the Current Supply Demand report's generation block, as gridcell names them. */
const AESO_FUELS: readonly Fuel[] = ['GAS', 'COAL', 'HYDRO', 'WIND', 'SOLAR', 'STORAGE', 'OTHER'];

export const aesoMarket: MarketInfo = {
  id: 'AESO',
  name: 'Alberta Electric System Operator',
  region: 'North America',
  clock: 'America/Edmonton',
  currency: 'CAD',
  unit: 'MWh',
  runs: [
    { id: 'RT', description: 'Hourly pool price (the real-time energy market price)', intervalMinutes: 60 },
    // Load and its forecast are hourly (the pool price CSV, the actual/forecast API); the supply and demand snapshot is one minute.
    ...fundamentalRuns(60, 60),
  ],
  defaultRun: 'RT',
  products: [
    { id: 'LMP', description: 'Pool price (also PRICE)' },
    { id: 'FORECAST', description: 'Forecast pool price (API only)' },
    { id: 'ROLLING30', description: '30-day rolling average pool price' },
    { id: 'AIL', description: 'Alberta internal load (ETS CSV only; the same values as LOAD ACTUAL)', unit: 'MW' },
    ...fundamentalProducts({
      load: 'Alberta Internal Load (AIL): hourly from the pool price CSV, the current minute from the supply and demand report',
      fuels: AESO_FUELS,
    }),
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
    'LOAD FORECAST (and LOAD ACTUAL with a key) come from the AESO actual/forecast API (AESO_API_KEY); it gives no issue time, so only the latest forecast is kept (no FORECAST@ vintages).',
    'LOAD ACTUAL is the Alberta Internal Load: hourly from the pool price CSV (the AIL column, also stored as AIL under run RT), and as a one-minute snapshot from the Current Supply Demand report.',
    'Generation by fuel (GEN_*) comes only from the Current Supply Demand report, a snapshot of the minute it is asked (total net generation by fuel type; DUAL FUEL counts as GAS, ENERGY STORAGE as STORAGE): gridcell can fetch only today; past days come from saved files (import).',
  ],
  unavailable: [
    {
      dataset: 'Generation by fuel for past days',
      reason:
        'gridcell reads generation by fuel only from the live Current Supply Demand snapshot, which has no date to ask; past days can only be imported from saved files.',
    },
    { dataset: 'Ancillary service prices', reason: "gridcell does not read AESO's operating reserve reports yet." },
  ],
};

export const aesoLocations: LocationInfo[] = [{ name: 'ALBERTA', type: 'AREA', aliases: ['AB', 'POOL'] }];
