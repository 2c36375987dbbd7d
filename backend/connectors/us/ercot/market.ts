import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

export const ERCOT_API_HOST = 'api.ercot.com';
export const ERCOT_LOGIN_HOST = 'ercotb2c.b2clogin.com';
export const ERCOT_MIS_HOST = 'www.ercot.com';

export const ERCOT_USERNAME_ENV = 'ERCOT_API_USERNAME';
export const ERCOT_PASSWORD_ENV = 'ERCOT_API_PASSWORD';
export const ERCOT_SUBSCRIPTION_KEY_ENV = 'ERCOT_API_SUBSCRIPTION_KEY';
export const ERCOT_API_KEYS = [ERCOT_USERNAME_ENV, ERCOT_PASSWORD_ENV, ERCOT_SUBSCRIPTION_KEY_ENV];

/**
 * System-wide series (the real-time price adders, AS clearing prices, the system total of load and
 * the fuel mix) are stored under this location. ERCOT's own spellings of the system total (`TOTAL`
 * in NP6-345-CD, `SystemTotal` in NP3-560/561-CD) are its aliases.
 */
export const ERCOT_SYSTEM = 'ERCOT';

/**
 * ERCOT's eight weather zones, named as NP6-345-CD writes them, with the other reports' spellings
 * (`FarWest`, `NorthCentral`, `SouthCentral` in NP3-561-CD; `farWest`, `northC`, `southC` in the
 * Public API) as aliases. Their own names, not the forecast zones' or the load zones' (`LZ_NORTH`).
 */
export const WEATHER_ZONES: LocationInfo[] = [
  { name: 'COAST', type: 'ZONE', aliases: ['WZ_COAST'] },
  { name: 'EAST', type: 'ZONE', aliases: ['WZ_EAST'] },
  { name: 'FAR_WEST', type: 'ZONE', aliases: ['WZ_FAR_WEST', 'FARWEST', 'FAR WEST'] },
  { name: 'NORTH', type: 'ZONE', aliases: ['WZ_NORTH'] },
  { name: 'NORTH_C', type: 'ZONE', aliases: ['WZ_NORTH_C', 'NORTHCENTRAL', 'NORTH CENTRAL'] },
  { name: 'SOUTHERN', type: 'ZONE', aliases: ['WZ_SOUTHERN'] },
  { name: 'SOUTH_C', type: 'ZONE', aliases: ['WZ_SOUTH_C', 'SOUTHCENTRAL', 'SOUTH CENTRAL'] },
  { name: 'WEST', type: 'ZONE', aliases: ['WZ_WEST'] },
];

/**
 * ERCOT's four forecast zones (NP3-560-CD `North, South, West, Houston`). Their names clash with
 * the weather zones `NORTH` and `WEST`, which are other areas, so they are kept apart by an `FZ_`
 * prefix (as ERCOT prefixes its hubs `HB_` and load zones `LZ_`).
 */
export const FORECAST_ZONES: LocationInfo[] = [
  { name: 'FZ_NORTH', type: 'ZONE', aliases: ['NORTH FORECAST ZONE'] },
  { name: 'FZ_SOUTH', type: 'ZONE', aliases: ['SOUTH FORECAST ZONE'] },
  { name: 'FZ_WEST', type: 'ZONE', aliases: ['WEST FORECAST ZONE'] },
  { name: 'FZ_HOUSTON', type: 'ZONE', aliases: ['HOUSTON FORECAST ZONE'] },
];

export const ERCOT_SYSTEM_LOCATION: LocationInfo = {
  name: ERCOT_SYSTEM,
  type: 'SYSTEM',
  aliases: ['SYSTEM', 'TOTAL', 'SYSTEM TOTAL', 'SYSTEMTOTAL', 'SYSTEM_TOTAL'],
};

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
    // Load is hourly, the dashboard fuel mix five-minute: ACTUAL is listed at its finest.
    ...fundamentalRuns(5, 60),
  ],
  defaultRun: 'DA',
  // Real-time settlement in ERCOT is on the 15-minute settlement point price.
  runAliases: { RT: 'RT15' },
  products: [
    { id: 'LMP', description: 'Settlement point price (SPP; in real time it includes the price adders); SCED LMP for RT5' },
    { id: 'ORDC_ONLINE', description: 'Real-time reserve price for on-line reserves (RTRSVPOR), the ORDC adder' },
    { id: 'ORDC_OFFLINE', description: 'Real-time reserve price for off-line reserves (RTRSVPOFF)' },
    { id: 'RDPA', description: 'Real-time reliability deployment price adder (RTRDP; RTRDPA from 2025-12-05)' },
    ...fundamentalProducts({
      load: 'Load by weather zone and system total (NP6-345-CD), forecast by weather and forecast zone (NP3-561-CD, NP3-560-CD)',
      fuels: ['COAL', 'GAS', 'NUCLEAR', 'HYDRO', 'WIND', 'SOLAR', 'STORAGE', 'OTHER'],
      services: {
        REG_UP: 'Regulation Up (REGUP) clearing price for capacity',
        REG_DOWN: 'Regulation Down (REGDN) clearing price for capacity',
        SPIN: 'Responsive Reserve Service (RRS) clearing price for capacity',
        NONSPIN: 'Non-Spinning Reserve (NSPIN) clearing price for capacity',
        ECRS: 'ERCOT Contingency Reserve Service (ECRS) clearing price for capacity',
      },
    }),
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
    "Generation by fuel comes from ERCOT's fuel-mix dashboard (five-minute, yesterday and today only); load and its forecast from the MIS (recent days) or, with keys, the Public API.",
    "AS_SPIN is ERCOT's Responsive Reserve Service (RRS); AS prices are per MW of capacity per hour, the MCPC.",
  ],
  unavailable: [
    {
      dataset: 'Capacity prices',
      reason: 'ERCOT is an energy-only market: it holds no capacity auction, so there are no capacity prices to serve.',
    },
    {
      dataset: 'Generation by fuel before yesterday',
      reason:
        "ERCOT's fuel-mix dashboard keeps only yesterday and today; its history is the monthly Fuel Mix Report, published only as an xlsx workbook, which gridcell does not read.",
    },
    {
      dataset: 'Real-time AS prices before 2025-12-05',
      reason:
        'Real-time clearing prices for capacity began with RTC+B on 2025-12-05 (NP6-331-CD); the history ERCOT gives before it (NP6-796-ER) is a yearly xlsx workbook only.',
    },
    {
      dataset: 'Day-ahead cleared load (LOAD DA)',
      reason:
        'ERCOT publishes no day-ahead cleared load as a feed; its day-ahead load forecast (dashboard) carries no issue time, so it is not stored.',
    },
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
  ERCOT_SYSTEM_LOCATION,
  ...WEATHER_ZONES,
  ...FORECAST_ZONES,
];
