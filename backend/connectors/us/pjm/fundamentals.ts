import type { AncillaryService, Fuel } from '../../../../contract';
import type { LocationInfo } from '../../../domain';
import type { RequestLimits } from '../../types';
import { PAGE_ROWS } from './feeds';

/**
 * The Data Miner 2 feeds of fundamentals (`https://api.pjm.com/api/v1/<name>`), the names PJM
 * gives their areas, fuels and reserve services, and what gridcell calls each.
 */

/** The system as the load, fuel-mix and forecast feeds name it (`load_area` RTO; `forecast_area` RTO_COMBINED). */
export const PJM_SYSTEM = 'RTO';

/**
 * The `load_area` values of `hrl_load_metered` (Data Miner 2 export of 2022-12-01): 29 load areas and
 * the RTO. Nine of them (AECO, PEPCO, RECO, DAY, DEOK, DUQ, OVEC, DOM, EKPC) are also transmission
 * zones gridcell knows by their pnode; their load is stored under that same location.
 */
export const LOAD_AREAS = [
  'AECO',
  'VMEU',
  'BC',
  'DPLCO',
  'EASTON',
  'JC',
  'ME',
  'PE',
  'PEPCO',
  'SMECO',
  'PLCO',
  'UGI',
  'PN',
  'PS',
  'RECO',
  'AEPAPT',
  'AEPIMP',
  'AEPKPT',
  'AEPOPT',
  'AP',
  'OE',
  'PAPWR',
  'CE',
  'DAY',
  'DEOK',
  'DUQ',
  'OVEC',
  'DOM',
  'EKPC',
  PJM_SYSTEM,
] as const;

/** `forecast_area` of `load_frcstd_7_day` that means the whole RTO. */
export const RTO_FORECAST_AREA = 'RTO_COMBINED';

/**
 * The other `forecast_area` values of `load_frcstd_7_day` (25 in all with RTO_COMBINED): the three
 * regions and the zones, as PJM spells them (`BG&E/MIDATL`). Those spelled like a zone gridcell
 * already knows (AEP, ATSI, COMED, DEOK, EKPC, RECO, AP) are stored under that location.
 */
export const FORECAST_REGIONS = ['MID_ATLANTIC_REGION', 'WESTERN_REGION', 'SOUTHERN_REGION'] as const;
export const FORECAST_ZONES = [
  'AE/MIDATL',
  'AEP',
  'AP',
  'ATSI',
  'BG&E/MIDATL',
  'COMED',
  'DAYTON',
  'DEOK',
  'DOMINION',
  'DP&L/MIDATL',
  'DUQUESNE',
  'EKPC',
  'JCP&L/MIDATL',
  'METED/MIDATL',
  'PECO/MIDATL',
  'PENELEC/MIDATL',
  'PEPCO/MIDATL',
  'PPL/MIDATL',
  'PSE&G/MIDATL',
  'RECO',
  'UGI/MIDATL',
] as const;

/** The location a forecast area is stored under: RTO_COMBINED is the RTO, every other area keeps its name. */
export function forecastLocation(area: string): string {
  return area.toUpperCase() === RTO_FORECAST_AREA ? PJM_SYSTEM : area;
}

/** The `forecast_area` to ask for a location; undefined when PJM forecasts no such area. */
export function forecastAreaOf(location: LocationInfo): string | undefined {
  const name = location.name.toUpperCase();
  if (name === PJM_SYSTEM || name === RTO_FORECAST_AREA) return RTO_FORECAST_AREA;
  return ([...FORECAST_REGIONS, ...FORECAST_ZONES] as readonly string[]).find((a) => a === name);
}

/**
 * `fuel_type` of `gen_by_fuel`: Coal, Gas, Hydro, Multiple Fuels, Nuclear, Oil, Other Renewables,
 * Solar, Storage, Wind, and Other (in the 2021 exports). Every one is a vocabulary fuel or one of
 * its aliases, so no market table is needed; an unknown name is refused by `fuelProduct`.
 */
export const PJM_FUELS: readonly Fuel[] = [
  'COAL',
  'GAS',
  'HYDRO',
  'MULTIPLE',
  'NUCLEAR',
  'OIL',
  'OTHER_RENEWABLES',
  'SOLAR',
  'STORAGE',
  'WIND',
  'OTHER',
];

/**
 * Reserve market services as the two reserve feeds write them: `reserve_market_results` (real
 * time) by code, `da_reserve_market_results` (day-ahead) by full name (gridstatus pjm.py,
 * `service_type_abbreviated_to_full`). Regulation's price is its RMCP. Primary Reserve is PJM's
 * 10-minute reserve, synchronized or not: its clearing price is what non-synchronized reserve
 * earns, so it is NONSPIN. The Thirty Minutes (secondary) Reserve is RES30. A service not listed
 * here is refused, never guessed.
 */
export const RESERVE_SERVICES: Readonly<Record<string, AncillaryService>> = {
  REG: 'REG',
  REGULATION: 'REG',
  SR: 'SPIN',
  'SYNCHRONIZED RESERVE': 'SPIN',
  PR: 'NONSPIN',
  'PRIMARY RESERVE': 'NONSPIN',
  '30MIN': 'RES30',
  'THIRTY MINUTES RESERVE': 'RES30',
  'THIRTY MINUTE RESERVE': 'RES30',
};

/** What gridcell says of each service (product descriptions). */
export const SERVICE_DESCRIPTIONS: Partial<Record<AncillaryService, string>> = {
  REG: 'Regulation market clearing price (RMCP), real-time only',
  SPIN: 'Synchronized Reserve market clearing price',
  NONSPIN: 'Primary Reserve (10-minute) market clearing price, paid to non-synchronized reserve',
  RES30: 'Thirty Minutes (secondary) Reserve market clearing price',
};

/** The reserve zone and subzone: the real-time feed writes their codes, the day-ahead feed their names. */
export const RESERVE_ZONE = 'PJM RTO Reserve Zone';
export const RESERVE_SUBZONE = 'Mid-Atlantic/Dominion Reserve Subzone';
const RESERVE_LOCALES: Readonly<Record<string, string>> = {
  PJM_RTO: RESERVE_ZONE,
  [RESERVE_ZONE.toUpperCase()]: RESERVE_ZONE,
  MAD: RESERVE_SUBZONE,
  [RESERVE_SUBZONE.toUpperCase()]: RESERVE_SUBZONE,
};

/** The location of a reserve `locale`; one PJM adds later keeps its own name. */
export function reserveLocation(locale: string): string {
  return RESERVE_LOCALES[locale.trim().toUpperCase()] ?? locale.trim();
}

/** The vocabulary service of a reserve `service` cell, or undefined. */
export function reserveService(name: string): AncillaryService | undefined {
  return RESERVE_SERVICES[
    name
      .trim()
      .toUpperCase()
      .replace(/[\s-]+/g, ' ')
  ];
}

/** Real-time reserve results are by five minutes from 2022-09-01 00:00 EPT, hourly before (gridstatus pjm.py). */
export const RT_RESERVE_FIVE_MINUTE_FROM = Date.UTC(2022, 8, 1, 4);

/** A Data Miner 2 feed of fundamentals: its name and the columns asked for (`Fields`). */
export interface FundamentalFeed {
  name: string;
  fields: string[];
}

export const LOAD_METERED: FundamentalFeed = {
  name: 'hrl_load_metered',
  fields: ['datetime_beginning_utc', 'load_area', 'mw', 'is_verified'],
};
export const GEN_BY_FUEL: FundamentalFeed = { name: 'gen_by_fuel', fields: ['datetime_beginning_utc', 'fuel_type', 'mw'] };
/** Asked with `download=True`: every column comes back (a bare JSON array, gzip-compressed). */
export const LOAD_FORECAST: FundamentalFeed = { name: 'load_frcstd_7_day', fields: [] };
export const RT_RESERVES: FundamentalFeed = {
  name: 'reserve_market_results',
  fields: ['datetime_beginning_utc', 'locale', 'service', 'mcp'],
};
export const DA_RESERVES: FundamentalFeed = {
  name: 'da_reserve_market_results',
  fields: ['datetime_beginning_utc', 'locale', 'service', 'mcp'],
};

/** A date range within one calendar year, pages of 50,000 rows (the Data Miner 2 rules the LMP feeds follow). */
export const FUNDAMENTAL_LIMITS: RequestLimits = { maxDays: 366, within: 'year', rowsPerPage: PAGE_ROWS };

/** The locations of the fundamentals, beside the hubs and zones of the prices. */
export function fundamentalLocations(known: readonly LocationInfo[]): LocationInfo[] {
  const names = new Set(known.map((l) => l.name));
  const out: LocationInfo[] = [{ name: PJM_SYSTEM, type: 'SYSTEM', aliases: [RTO_FORECAST_AREA] }];
  names.add(PJM_SYSTEM);
  const add = (name: string, type: string): void => {
    if (names.has(name)) return;
    names.add(name);
    out.push({ name, type });
  };
  for (const area of LOAD_AREAS) add(area, 'AREA');
  for (const region of FORECAST_REGIONS) add(region, 'REGION');
  for (const area of FORECAST_ZONES) add(area, 'AREA');
  out.push({ name: RESERVE_ZONE, type: 'AREA', aliases: ['PJM_RTO'] }, { name: RESERVE_SUBZONE, type: 'AREA', aliases: ['MAD'] });
  return out;
}
