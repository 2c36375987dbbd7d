import type { LocationInfo, MarketInfo } from '../../../domain';

export const ERCOT_API_HOST = 'api.ercot.com';
export const ERCOT_LOGIN_HOST = 'ercotb2c.b2clogin.com';
export const ERCOT_MIS_HOST = 'www.ercot.com';

export const ERCOT_USERNAME_ENV = 'ERCOT_API_USERNAME';
export const ERCOT_PASSWORD_ENV = 'ERCOT_API_PASSWORD';
export const ERCOT_SUBSCRIPTION_KEY_ENV = 'ERCOT_API_SUBSCRIPTION_KEY';
export const ERCOT_API_KEYS = [ERCOT_USERNAME_ENV, ERCOT_PASSWORD_ENV, ERCOT_SUBSCRIPTION_KEY_ENV];

/** System-wide series (the real-time price adders) are stored under this location. */
export const ERCOT_SYSTEM = 'ERCOT';

export const ercotMarket: MarketInfo = {
  id: 'ERCOT',
  name: 'Electric Reliability Council of Texas',
  region: 'North America',
  clock: 'America/Chicago',
  currency: 'USD',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead hourly settlement point price (NP4-190-CD)', intervalMinutes: 60 },
    {
      id: 'RT15',
      description: 'Real-time 15-minute settlement point price (NP6-905-CD) and price adders (NP6-324-CD)',
      intervalMinutes: 15,
    },
    { id: 'RT5', description: 'SCED LMP by settlement point (NP6-788-CD), file import only', intervalMinutes: 5 },
  ],
  defaultRun: 'DA',
  // Real-time settlement in ERCOT is on the 15-minute settlement point price.
  runAliases: { RT: 'RT15' },
  products: [
    { id: 'LMP', description: 'Settlement point price (SPP; in real time it includes the price adders); SCED LMP for RT5' },
    { id: 'ORDC_ONLINE', description: 'Real-time reserve price for on-line reserves (RTRSVPOR), the ORDC adder' },
    { id: 'ORDC_OFFLINE', description: 'Real-time reserve price for off-line reserves (RTRSVPOFF)' },
    { id: 'RDPA', description: 'Real-time reliability deployment price adder (RTRDP; RTRDPA from 2025-12-05)' },
  ],
  keys: [
    { env: ERCOT_USERNAME_ENV, description: 'ERCOT Public API account e-mail (register at apiexplorer.ercot.com)' },
    { env: ERCOT_PASSWORD_ENV, description: 'ERCOT Public API account password' },
    { env: ERCOT_SUBSCRIPTION_KEY_ENV, description: 'ERCOT Public API subscription (primary) key' },
  ],
  keyless: true,
  hosts: {
    // ERCOT documents 30 calls a minute per account for the Public API.
    [ERCOT_API_HOST]: { minIntervalMs: 2000, concurrency: 1 },
    [ERCOT_LOGIN_HOST]: { concurrency: 1 },
    [ERCOT_MIS_HOST]: { concurrency: 2 },
  },
  notes: [
    'With ERCOT Public API credentials, prices come from api.ercot.com with their history; without them, from the MIS (www.ercot.com), which lists only the last few days.',
    'Prices are settlement point prices: ERCOT publishes no energy/congestion/loss split for them.',
    'Market days are Central prevailing time; the repeated fall-back hour is told apart by DSTFlag.',
  ],
};

/** How a settlement point is typed, from ERCOT's naming: HB_ hubs, LZ_ load zones, the rest resource nodes. */
export function settlementPoint(name: string): LocationInfo {
  if (name.startsWith('HB_')) return { name, type: 'HUB' };
  if (name.startsWith('LZ_')) return { name, type: 'ZONE' };
  return { name, type: 'NODE' };
}

const HUBS = ['HB_NORTH', 'HB_SOUTH', 'HB_WEST', 'HB_HOUSTON', 'HB_PAN', 'HB_HUBAVG', 'HB_BUSAVG'];
const ZONES = ['LZ_AEN', 'LZ_CPS', 'LZ_HOUSTON', 'LZ_LCRA', 'LZ_NORTH', 'LZ_RAYBN', 'LZ_SOUTH', 'LZ_WEST'];

export const ercotLocations: LocationInfo[] = [
  ...HUBS.map(settlementPoint),
  ...ZONES.map(settlementPoint),
  { name: ERCOT_SYSTEM, type: 'SYSTEM', aliases: ['SYSTEM'] },
];
