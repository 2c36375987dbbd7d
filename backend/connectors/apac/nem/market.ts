import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

/** NEM time: AEST all year (no DST anywhere in the market's own clock). */
export const NEM_CLOCK = 'UTC+10';
export const NEMWEB = 'https://nemweb.com.au';

/** FCAS markets, each priced in a `<NAME>RRP` column beside the energy RRP. */
export const FCAS_PRODUCTS = [
  'RAISE6SEC',
  'RAISE60SEC',
  'RAISE5MIN',
  'RAISEREG',
  'LOWER6SEC',
  'LOWER60SEC',
  'LOWER5MIN',
  'LOWERREG',
  'RAISE1SEC',
  'LOWER1SEC',
] as const;

export const nemMarket: MarketInfo = {
  id: 'NEM',
  name: 'Australian National Electricity Market (AEMO)',
  region: 'Asia-Pacific',
  clock: NEM_CLOCK,
  currency: 'AUD',
  unit: 'MWh',
  runs: [
    {
      id: 'RT',
      description: 'Regional reference price: 5-minute from 2021-10-01 (five-minute settlement), 30-minute trading intervals before',
      intervalMinutes: 5,
    },
    // Actual demand is 5-minute (dispatch); AEMO's operational demand forecast is half-hourly.
    ...fundamentalRuns(5, 30),
  ],
  defaultRun: 'RT',
  // The vocabulary reads DEMAND as LOAD; here DEMAND stays the RT product it has always been (the same values as LOAD ACTUAL).
  products: [
    { id: 'LMP', description: 'Regional reference price (RRP)' },
    ...FCAS_PRODUCTS.map((id) => ({ id, description: `${id} FCAS price (${id}RRP)${id.endsWith('1SEC') ? ', from 2023-10-09' : ''}` })),
    { id: 'DEMAND', description: 'Regional total demand (TOTALDEMAND)', unit: 'MW' },
    ...fundamentalProducts({
      load: 'Regional demand: TOTALDEMAND (actual, 5-minute) and the operational demand forecast (POE50, half-hourly)',
    }),
  ],
  keys: [],
  keyless: true,
  hosts: {
    'nemweb.com.au': { concurrency: 4 },
    'visualisations.aemo.com.au': { concurrency: 1, minIntervalMs: 1000 },
  },
  notes: [
    'Market days are calendar days in AEST (UTC+10); AEMO stamps each interval by its END, so a day runs from the interval ending 00:05 to the one ending 24:00.',
    'Prices at the market price cap or floor are real prices and are kept.',
    'LOAD ACTUAL is the regional TOTALDEMAND of the dispatch reports and the 5MIN feed (also kept as DEMAND under run RT).',
    "LOAD FORECAST is AEMO's half-hourly operational demand forecast at 50% probability of exceedance (OPERATIONAL_DEMAND_POE50), each issue kept by its LOAD_DATE; the POE10 and POE90 bounds are not stored.",
  ],
  unavailable: [
    {
      dataset: 'Load forecast bounds (POE10, POE90)',
      reason: 'The vocabulary has one LOAD product, so only the POE50 forecast is stored.',
    },
    {
      dataset: 'Generation by fuel',
      reason: 'gridcell does not read the NEM unit dispatch (DISPATCH_UNIT_SCADA) with a fuel register yet.',
    },
  ],
};

export const nemLocations: LocationInfo[] = [
  { name: 'NSW1', type: 'REGION', aliases: ['NSW', 'New South Wales'] },
  { name: 'QLD1', type: 'REGION', aliases: ['QLD', 'Queensland'] },
  { name: 'SA1', type: 'REGION', aliases: ['SA', 'South Australia'] },
  { name: 'TAS1', type: 'REGION', aliases: ['TAS', 'Tasmania'] },
  { name: 'VIC1', type: 'REGION', aliases: ['VIC', 'Victoria'] },
];
