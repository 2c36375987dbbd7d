import type { LocationInfo, MarketInfo } from '../../../domain';

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
  ],
  defaultRun: 'DA',
  runAliases: { RT: 'RTH' },
  products: [
    { id: 'LMP', description: 'Locational marginal price' },
    { id: 'ENERGY', description: 'Marginal energy component (LMP - MCC - MLC)' },
    { id: 'CONGESTION', description: 'Marginal congestion component (MCC)' },
    { id: 'LOSS', description: 'Marginal loss component (MLC)' },
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

function hub(name: string): LocationInfo {
  return { name, type: 'HUB', aliases: [name.replace(/\.HUB$/, '')] };
}

/** The trading hubs, and the other locations of the real-time hourly reports (hub-like .AZ nodes, load zones, interfaces). */
export const misoLocations: LocationInfo[] = [
  ...['INDIANA.HUB', 'ILLINOIS.HUB', 'MICHIGAN.HUB', 'MINN.HUB', 'ARKANSAS.HUB', 'LOUISIANA.HUB', 'MS.HUB', 'TEXAS.HUB'].map(hub),
  ...['MGE.AZ', 'WEC.AZ', 'WPS.AZ'].map((name): LocationInfo => ({ name, type: 'HUB' })),
  ...['ALTE.ALTE', 'CIN.PSI', 'LEPA.LEPA'].map((name): LocationInfo => ({ name, type: 'ZONE' })),
  ...['AECI', 'LGEE', 'MHEB', 'ONT', 'PJMC', 'SOCO', 'SWPP', 'TVA'].map((name): LocationInfo => ({ name, type: 'INTERFACE' })),
];
