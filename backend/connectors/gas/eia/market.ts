import type { LocationInfo, MarketInfo } from '../../../domain';

export const GAS_CLOCK = 'America/New_York';
export const EIA_KEY = 'EIA_API_KEY';
export const FRED_HOST = 'fred.stlouisfed.org';
/** FRED's copy of EIA's Henry Hub spot price (the same series as RNGWHHD), a keyless CSV download. */
export const FRED_SPOT_SERIES = 'DHHNGSP';

/** The last day EIA published the NYMEX futures RNGC1..RNGC4 (the route has no later rows). */
export const FUTURES_LAST_DAY = '2024-04-05';
/** Said by `gridcell markets`, the taskpane's market info and the error for a later day. */
export const FUTURES_ENDED = `EIA stopped publishing NYMEX futures RNGC1-4 on ${FUTURES_LAST_DAY}: GAS F1..F4 have no data after that day.`;

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
export const SPOT_SERIES: EiaSeries[] = [{ id: 'RNGWHHD', location: 'HENRY HUB', run: 'DAILY', product: 'SPOT', units: '$/MMBTU' }];
export const FUTURES_SERIES: EiaSeries[] = [1, 2, 3, 4].map((n): EiaSeries => ({
  id: `RNGC${n}`,
  location: 'HENRY HUB',
  run: 'DAILY',
  product: `F${n}`,
  units: '$/MMBTU',
}));
export const PRICE_SERIES: EiaSeries[] = [...SPOT_SERIES, ...FUTURES_SERIES];

/** Route natural-gas/stor/wkly: working gas in underground storage at the end of the report week, Bcf. */
export const STORAGE_SERIES: EiaSeries[] = [
  ['LOWER 48', 'R48'],
  ['EAST', 'R31'],
  ['MIDWEST', 'R32'],
  ['SOUTH CENTRAL', 'R33'],
  ['MOUNTAIN', 'R34'],
  ['PACIFIC', 'R35'],
].map(([location, area]) => ({ id: `NW2_EPG0_SWO_${area}_BCF`, location, run: 'WEEKLY', product: 'STORAGE', units: 'BCF', area }));

/**
 * Route natural-gas/move/poe2 (exports by point of exit), monthly, MMcf: the processes gridcell reads and
 * the product each is.
 */
export const EXPORT_PROCESSES: Readonly<Record<string, { product: string; words: RegExp }>> = {
  ENG: { product: 'LNG_EXPORTS', words: /Liquefied/i },
  ENP: { product: 'PIPELINE_EXPORTS', words: /Pipeline/i },
};

export const gasMarket: MarketInfo = {
  id: 'GAS',
  name: `US natural gas: Henry Hub spot, NYMEX futures (until ${FUTURES_LAST_DAY}), weekly storage, monthly exports (EIA)`,
  region: 'Commodities',
  clock: GAS_CLOCK,
  currency: 'USD',
  unit: 'MMBtu',
  runs: [
    { id: 'DAILY', description: 'Daily prices (trading days)', intervalMinutes: 1440 },
    { id: 'WEEKLY', description: 'Weekly storage report, at the week-ending Friday', intervalMinutes: 1440 },
    { id: 'MONTHLY', description: 'Monthly volumes (exports), over the calendar month', intervalMinutes: 43200 },
  ],
  defaultRun: 'DAILY',
  products: [
    { id: 'SPOT', description: 'Henry Hub spot price' },
    { id: 'F1', description: `NYMEX futures, contract 1 (front month), until ${FUTURES_LAST_DAY}` },
    { id: 'F2', description: `NYMEX futures, contract 2, until ${FUTURES_LAST_DAY}` },
    { id: 'F3', description: `NYMEX futures, contract 3, until ${FUTURES_LAST_DAY}` },
    { id: 'F4', description: `NYMEX futures, contract 4, until ${FUTURES_LAST_DAY}` },
    { id: 'STORAGE', description: 'Working gas in underground storage', unit: 'Bcf' },
    {
      id: 'LNG_EXPORTS',
      description: 'LNG exports in the month, by point of exit and destination country (EIA natural-gas/move/poe2)',
      unit: 'MMcf',
      defaultRun: 'MONTHLY',
    },
    {
      id: 'PIPELINE_EXPORTS',
      description: 'Pipeline exports in the month, by point of exit and destination country (EIA natural-gas/move/poe2)',
      unit: 'MMcf',
      defaultRun: 'MONTHLY',
    },
  ],
  keys: [{ env: EIA_KEY, description: 'EIA open data API key (free): register at https://www.eia.gov/opendata/register.php' }],
  // Henry Hub spot also comes keyless, from FRED.
  keyless: true,
  hosts: {
    'api.eia.gov': { concurrency: 2, minIntervalMs: 250 },
    // FRED asks for no key but is a shared public service: one download at a time, a second apart.
    [FRED_HOST]: { concurrency: 1, minIntervalMs: 1000 },
  },
  notes: [
    FUTURES_ENDED,
    'Prices and storage from the EIA API v2 (public domain). It needs a free key in EIA_API_KEY.',
    `Without EIA_API_KEY, Henry Hub spot comes from FRED (St. Louis Fed), which republishes the same EIA series as ${FRED_SPOT_SERIES}; futures and storage need the key.`,
    `Futures F1..F4 are the NYMEX Henry Hub contracts as EIA republished them at the daily close, up to ${FUTURES_LAST_DAY}.`,
    'LNG_EXPORTS and PIPELINE_EXPORTS (run MONTHLY, MMcf in the month) are named by point of exit and destination as EIA describes them: "U.S." (all points, all countries), "U.S. TO MEXICO", "SABINE PASS, LA", "SABINE PASS, LA TO INDIA"; EIA area codes (YSPL-NIN) and series ids are aliases.',
  ],
  unavailable: [
    {
      dataset: 'Interstate pipeline movements (EIA natural-gas/move/ist)',
      reason:
        "EIA publishes the state-to-state movements only as annual totals (from its annual Form EIA-176 survey), and gridcell's runs have no annual run; no recorded answer of the route was found to check its process codes against.",
    },
  ],
};

/** Export points and destinations (`U.S.`, `SABINE PASS, LA TO INDIA`) are not listed here: the poe2 answers name them. */
export const gasLocations: LocationInfo[] = [
  { name: 'HENRY HUB', type: 'HUB', aliases: ['HH', 'RNGWHHD', FRED_SPOT_SERIES, 'NYMEX'] },
  ...STORAGE_SERIES.map((s) => ({ name: s.location, type: 'REGION', aliases: [s.area!] })),
];
