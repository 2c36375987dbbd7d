import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

export const MISO_REPORTS_HOST = 'docs.misoenergy.org';
export const MISO_API_HOST = 'public-api.misoenergy.org';
/** MISO Data Exchange (Azure API Management): the keyed pricing API that replaces the CSV market reports. */
export const MISO_DX_HOST = 'apim.misoenergy.org';
export const MISO_API_KEY_ENV = 'MISO_API_KEY';

export const misoMarket: MarketInfo = {
  id: 'MISO',
  name: 'Midcontinent Independent System Operator',
  region: 'North America',
  // MISO runs its markets on Eastern Standard Time all year.
  clock: 'UTC-5',
  currency: 'USD',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead ex-post hourly LMP', intervalMinutes: 60 },
    { id: 'RTH', description: 'Real-time hourly LMP (final, or preliminary for recent days)', intervalMinutes: 60 },
    {
      id: 'RT5',
      description: 'Real-time five-minute ex-post LMP (today and yesterday without a key; any day with MISO_API_KEY)',
      intervalMinutes: 5,
    },
    // Load and generation: five-minute actuals (public API), hourly MTLF.
    ...fundamentalRuns(5),
  ],
  defaultRun: 'DA',
  runAliases: { RT: 'RTH' },
  products: [
    { id: 'LMP', description: 'Locational marginal price' },
    { id: 'ENERGY', description: 'Marginal energy component (LMP - MCC - MLC)' },
    { id: 'CONGESTION', description: 'Marginal congestion component (MCC)' },
    { id: 'LOSS', description: 'Marginal loss component (MLC)' },
    ...fundamentalProducts({
      load: 'Load by local resource zone and MISO total: actual hourly (RTH, from the load report) and five-minute for the MISO total today (ACTUAL), MTLF (FORECAST), day-ahead cleared (DA)',
      fuels: ['COAL', 'GAS', 'NUCLEAR', 'WIND', 'SOLAR', 'STORAGE', 'OTHER', 'IMPORTS'],
      services: {
        REG: 'Regulation MCP by reserve zone',
        SPIN: 'Spinning reserve MCP by reserve zone',
        SUPP: 'Supplemental reserve MCP by reserve zone',
        STR: 'Short-term reserve MCP by reserve zone',
        RAMP_UP: 'Ramp capability up MCP by reserve zone',
        RAMP_DOWN: 'Ramp capability down MCP by reserve zone',
      },
    }),
  ],
  keys: [
    {
      env: MISO_API_KEY_ENV,
      description:
        'MISO Data Exchange pricing API subscription key (free at data-exchange.misoenergy.org); optional: without it the CSV market reports are used',
    },
  ],
  keyless: true,
  hosts: {
    [MISO_REPORTS_HOST]: { concurrency: 2, minIntervalMs: 1_000 },
    // MISO asks that each real-time API link be polled at most once a minute.
    [MISO_API_HOST]: { concurrency: 1, minIntervalMs: 60_000 },
    [MISO_DX_HOST]: { concurrency: 1, minIntervalMs: 1_000 },
  },
  notes: [
    'With MISO_API_KEY: the Data Exchange pricing API (apim.misoenergy.org). Without: market reports from docs.misoenergy.org (slated for retirement) and the real-time API at public-api.misoenergy.org.',
    'Hours are hour-ending Eastern Standard Time all year (24 hours every day).',
    "Load by local resource zone (actual and MTLF) from the daily Forecasted and Actual Load report (<date>_df_al.xls); the real-time API adds today's five-minute load, day-ahead cleared load and MTLF for the MISO total.",
    'Generation by fuel and ancillary-service MCPs come from the real-time API, which holds only the current interval (and the current day-ahead hour): they are kept as they are fetched.',
  ],
  unavailable: [
    {
      dataset: 'Generation by fuel for past days',
      reason:
        "The public API gives only the current five-minute interval; MISO publishes past days only in its yearly 'Historical Generation Fuel Mix' xlsx report, which gridcell does not read.",
    },
    {
      dataset: 'Ancillary-service MCPs for past days',
      reason:
        'The public API gives only the current interval; the daily ASM market reports (asm_expost_damcp, asm_rtmcp_final) and the Data Exchange ASM feeds are not read yet.',
    },
    {
      dataset: 'Planning Resource Auction (capacity) results',
      reason: 'Published only as PDF and xlsx reports, with no feed.',
    },
  ],
};

/** `Hub`, `Interface`, `Loadzone`, `Gennode` as the reports' Type column spells them. */
export function locationType(misoType: string): string {
  switch (misoType.trim().toLowerCase()) {
    case 'hub':
      return 'HUB';
    case 'interface':
      return 'INTERFACE';
    case 'loadzone':
      return 'ZONE';
    case 'gennode':
      return 'NODE';
    default:
      return misoType.trim().toUpperCase() || 'NODE';
  }
}

/** The local resource zones the load report publishes, as its header names them (`LRZ2_7` is zones 2 and 7 together). */
export const LOAD_ZONES = ['LRZ1', 'LRZ2_7', 'LRZ3_5', 'LRZ4', 'LRZ6', 'LRZ8_9_10'];
/** The MISO-wide total, as the load report's `MISO MTLF` column names it. */
export const MISO_TOTAL = 'MISO';
/** The reserve zones of the ancillary-service MCPs (MISO numbers them 1 to 8). */
export const RESERVE_ZONES = [1, 2, 3, 4, 5, 6, 7, 8];

/** `ZONE 3`: a reserve zone by its number. */
export function reserveZoneName(number: number | string): string {
  return `ZONE ${number}`;
}

function loadZone(name: string): LocationInfo {
  // `LRZ 2-7`, `LRZ2-7`: the zones joined by a dash or written apart.
  const dashed = name.replace(/_/g, '-');
  return { name, type: 'ZONE', aliases: [...new Set([dashed, dashed.replace(/^LRZ/, 'LRZ ')])].filter((a) => a !== name) };
}

function reserveZone(n: number): LocationInfo {
  return { name: reserveZoneName(n), type: 'ZONE', aliases: [`RESERVE ZONE ${n}`, `RZ${n}`] };
}

function hub(name: string): LocationInfo {
  return { name, type: 'HUB', aliases: [name.replace(/\.HUB$/, '')] };
}

/** The trading hubs, and the other locations of the real-time hourly reports (hub-like .AZ nodes, load zones, interfaces). */
export const misoLocations: LocationInfo[] = [
  ...['INDIANA.HUB', 'ILLINOIS.HUB', 'MICHIGAN.HUB', 'MINN.HUB', 'ARKANSAS.HUB', 'LOUISIANA.HUB', 'MS.HUB', 'TEXAS.HUB'].map(hub),
  ...['MGE.AZ', 'WEC.AZ', 'WPS.AZ'].map((name): LocationInfo => ({ name, type: 'HUB' })),
  ...['ALTE.ALTE', 'CIN.PSI', 'LEPA.LEPA'].map((name): LocationInfo => ({ name, type: 'ZONE' })),
  ...['AECI', 'LGEE', 'MHEB', 'ONT', 'PJMC', 'SOCO', 'SWPP', 'TVA'].map((name): LocationInfo => ({ name, type: 'INTERFACE' })),
  ...LOAD_ZONES.map(loadZone),
  { name: MISO_TOTAL, type: 'SYSTEM', aliases: ['MISO TOTAL', 'SYSTEM'] },
  ...RESERVE_ZONES.map(reserveZone),
];
