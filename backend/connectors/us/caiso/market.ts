import type { LocationInfo, MarketInfo } from '../../../domain';

export const OASIS_HOST = 'oasis.caiso.com';

export const caisoMarket: MarketInfo = {
  id: 'CAISO',
  name: 'California ISO',
  region: 'North America',
  clock: 'America/Los_Angeles',
  currency: 'USD',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead (IFM) hourly LMP, OASIS PRC_LMP', intervalMinutes: 60 },
    { id: 'RT15', description: 'Fifteen-minute market (FMM/RTPD) LMP, OASIS PRC_RTPD_LMP', intervalMinutes: 15 },
    { id: 'RT5', description: 'Real-time dispatch (RTD) five-minute LMP, OASIS PRC_INTVL_LMP', intervalMinutes: 5 },
  ],
  defaultRun: 'DA',
  // OASIS calls the five-minute dispatch market "RTM" (market_run_id=RTM); it is the last real-time price.
  runAliases: { RT: 'RT5' },
  products: [
    { id: 'LMP', description: 'Total locational marginal price (LMP_TYPE LMP)' },
    { id: 'ENERGY', description: 'Marginal cost of energy (MCE)' },
    { id: 'CONGESTION', description: 'Marginal cost of congestion (MCC)' },
    { id: 'LOSS', description: 'Marginal cost of losses (MCL)' },
    { id: 'GHG', description: 'Greenhouse-gas component (MGHG); LMP = ENERGY + CONGESTION + LOSS + GHG' },
  ],
  keys: [],
  keyless: true,
  // OASIS refuses (error 1015/429) when called more often than once every five seconds.
  hosts: { [OASIS_HOST]: { minIntervalMs: 5000, concurrency: 1 } },
  notes: [
    'Data from CAISO OASIS (oasis.caiso.com), no key needed; OASIS keeps about 39 months of history.',
    "Market days are Pacific prevailing time; instants come from the files' GMT columns.",
    'RT means RT5 (the five-minute real-time dispatch price); RT15 is the fifteen-minute market.',
  ],
};

function hub(name: string, alias: string): LocationInfo {
  return { name, type: 'HUB', aliases: [alias] };
}

function dlap(name: string, alias: string): LocationInfo {
  return { name, type: 'ZONE', aliases: [alias] };
}

/** Trading hubs and default load aggregation points; any other APNode is found by its OASIS name. */
export const caisoLocations: LocationInfo[] = [
  hub('TH_NP15_GEN-APND', 'NP15'),
  hub('TH_SP15_GEN-APND', 'SP15'),
  hub('TH_ZP26_GEN-APND', 'ZP26'),
  dlap('DLAP_PGAE-APND', 'PGAE'),
  dlap('DLAP_SCE-APND', 'SCE'),
  dlap('DLAP_SDGE-APND', 'SDGE'),
  dlap('DLAP_VEA-APND', 'VEA'),
];

/** How a node found in a file is typed: trading hubs and DLAPs by their OASIS prefixes. */
export function locationOfNode(name: string): LocationInfo {
  if (name.startsWith('TH_')) return { name, type: 'HUB' };
  if (name.startsWith('DLAP_')) return { name, type: 'ZONE' };
  return { name, type: 'NODE' };
}
