import type { LocationInfo, MarketInfo } from '../../../domain';

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
  ],
  defaultRun: 'RT',
  products: [
    { id: 'LMP', description: 'Regional reference price (RRP)' },
    ...FCAS_PRODUCTS.map((id) => ({ id, description: `${id} FCAS price (${id}RRP)${id.endsWith('1SEC') ? ', from 2023-10-09' : ''}` })),
    { id: 'DEMAND', description: 'Regional total demand (TOTALDEMAND)', unit: 'MW' },
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
  ],
};

export const nemLocations: LocationInfo[] = [
  { name: 'NSW1', type: 'REGION', aliases: ['NSW', 'New South Wales'] },
  { name: 'QLD1', type: 'REGION', aliases: ['QLD', 'Queensland'] },
  { name: 'SA1', type: 'REGION', aliases: ['SA', 'South Australia'] },
  { name: 'TAS1', type: 'REGION', aliases: ['TAS', 'Tasmania'] },
  { name: 'VIC1', type: 'REGION', aliases: ['VIC', 'Victoria'] },
];
