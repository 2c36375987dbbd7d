import type { LocationInfo, MarketInfo } from '../../../domain';

export const GAS_CLOCK = 'America/New_York';
export const EIA_KEY = 'EIA_API_KEY';

/** One EIA series as gridcell stores it. */
export interface EiaSeries {
  id: string;
  location: string;
  run: 'DAILY' | 'WEEKLY';
  product: string;
  /** The `units` EIA sends for it, upper-cased. */
  units: string;
  /** EIA's area code (`duoarea`) where it names a storage region. */
  area?: string;
}

/** Route natural-gas/pri/fut: Henry Hub spot and NYMEX futures (delivered at Henry Hub), $/MMBtu. */
export const PRICE_SERIES: EiaSeries[] = [
  { id: 'RNGWHHD', location: 'HENRY HUB', run: 'DAILY', product: 'SPOT', units: '$/MMBTU' },
  ...[1, 2, 3, 4].map((n): EiaSeries => ({ id: `RNGC${n}`, location: 'HENRY HUB', run: 'DAILY', product: `F${n}`, units: '$/MMBTU' })),
];

/** Route natural-gas/stor/wkly: working gas in underground storage at the end of the report week, Bcf. */
export const STORAGE_SERIES: EiaSeries[] = [
  ['LOWER 48', 'R48'],
  ['EAST', 'R31'],
  ['MIDWEST', 'R32'],
  ['SOUTH CENTRAL', 'R33'],
  ['MOUNTAIN', 'R34'],
  ['PACIFIC', 'R35'],
].map(([location, area]) => ({ id: `NW2_EPG0_SWO_${area}_BCF`, location, run: 'WEEKLY', product: 'STORAGE', units: 'BCF', area }));

export const gasMarket: MarketInfo = {
  id: 'GAS',
  name: 'US natural gas: Henry Hub spot and NYMEX futures, weekly storage (EIA)',
  region: 'Commodities',
  clock: GAS_CLOCK,
  currency: 'USD',
  unit: 'MMBtu',
  runs: [
    { id: 'DAILY', description: 'Daily prices (trading days)', intervalMinutes: 1440 },
    { id: 'WEEKLY', description: 'Weekly storage report, at the week-ending Friday', intervalMinutes: 1440 },
  ],
  defaultRun: 'DAILY',
  products: [
    { id: 'SPOT', description: 'Henry Hub spot price' },
    { id: 'F1', description: 'NYMEX futures, contract 1 (front month)' },
    { id: 'F2', description: 'NYMEX futures, contract 2' },
    { id: 'F3', description: 'NYMEX futures, contract 3' },
    { id: 'F4', description: 'NYMEX futures, contract 4' },
    { id: 'STORAGE', description: 'Working gas in underground storage', unit: 'Bcf' },
  ],
  keys: [{ env: EIA_KEY, description: 'EIA open data API key (free): register at https://www.eia.gov/opendata/register.php' }],
  keyless: false,
  hosts: { 'api.eia.gov': { concurrency: 2, minIntervalMs: 250 } },
  notes: [
    'Prices and storage from the EIA API v2 (public domain). It needs a free key in EIA_API_KEY.',
    'Futures F1..F4 are the NYMEX Henry Hub contracts as EIA republishes them at the daily close.',
  ],
};

export const gasLocations: LocationInfo[] = [
  { name: 'HENRY HUB', type: 'HUB', aliases: ['HH', 'RNGWHHD', 'NYMEX'] },
  ...STORAGE_SERIES.map((s) => ({ name: s.location, type: 'REGION', aliases: [s.area!] })),
];
