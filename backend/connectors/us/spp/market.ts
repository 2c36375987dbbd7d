import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

export const SPP_HOST = 'portal.spp.org';

export const sppMarket: MarketInfo = {
  id: 'SPP',
  name: 'Southwest Power Pool',
  region: 'North America',
  clock: 'America/Chicago',
  currency: 'USD',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead market, hourly', intervalMinutes: 60 },
    { id: 'RT5', description: 'Real-time balancing market (RTBM), 5-minute', intervalMinutes: 5 },
    // Generation mix every five minutes; load forecast and averaged actual load hourly.
    ...fundamentalRuns(5),
  ],
  defaultRun: 'DA',
  runAliases: { RT: 'RT5' },
  products: [
    { id: 'LMP', description: 'Locational marginal price' },
    { id: 'ENERGY', description: 'Marginal energy component (MEC)' },
    { id: 'CONGESTION', description: 'Marginal congestion component (MCC), as SPP publishes it' },
    { id: 'LOSS', description: 'Marginal loss component (MLC)' },
    ...fundamentalProducts({
      load: 'Load by balancing authority (SPP, SWPW): averaged actual (ACTUAL) and mid-term load forecast (FORECAST), hourly',
      fuels: ['COAL', 'OIL', 'HYDRO', 'GAS', 'NUCLEAR', 'SOLAR', 'WASTE', 'WIND', 'OTHER'],
      services: {
        REG_UP: 'Regulation up MCP by reserve zone',
        REG_DOWN: 'Regulation down MCP by reserve zone',
        SPIN: 'Spinning reserve MCP by reserve zone',
        SUPP: 'Supplemental reserve MCP by reserve zone',
        RAMP_UP: 'Ramp capability up MCP by reserve zone',
        RAMP_DOWN: 'Ramp capability down MCP by reserve zone',
      },
    }),
  ],
  keys: [],
  keyless: true,
  hosts: { [SPP_HOST]: { concurrency: 4 } },
  notes: [
    'Prices by settlement location from the SPP Marketplace portal file browser (Integrated Marketplace, since March 2014).',
    'SPP requires written authorization for commercial redistribution of its market data.',
    'Load by balancing authority from the hourly Operations Mid-Term Load Forecast files (OP-MTLF): the forecast issued by the start of the day, and the averaged actual load they carry for the past 24 hours.',
    'Generation by fuel from the generation-mix file of the last 365 days (GenMix365, five-minute intervals), market and self-scheduled generation summed per fuel.',
    'Reserve MCPs by reserve zone from the day-ahead (DA-MCP) and real-time (RTBM-MCP daily) files. Uncertainty reserve (UncUP) and regulation mileage (RegUpMile, RegDNMile) have no product in gridcell and are not read.',
  ],
  unavailable: [
    {
      dataset: 'Generation by fuel older than 365 days',
      reason: 'The generation-mix file keeps a rolling 365 days; older years are not read.',
    },
    {
      dataset: 'Uncertainty reserve (UncUP) and regulation mileage prices',
      reason: "gridcell's ancillary-service vocabulary has no uncertainty or mileage product.",
    },
  ],
};

/** The balancing authorities the load and generation files are split by (SWPW: SPP RTO West, since 2026). */
export const SPP_BAA = 'SPP';
export const SWPW_BAA = 'SWPW';
/** The reserve zones of the MCP files: numbered 1..7, and SWPW (the western BAA) as its own zone. */
export const SPP_RESERVE_ZONES = [1, 2, 3, 4, 5, 6, 7];

/** `ZONE 3` for reserve zone `3`; `SWPW` stays itself (the BAA's location). */
export function sppReserveZone(zone: string): string {
  return /^\d+$/.test(zone.trim()) ? `ZONE ${Number(zone)}` : zone.trim().toUpperCase();
}

/** The trading hubs, the balancing authorities and the reserve zones; every other settlement location is learned from the files. */
export const sppLocations: LocationInfo[] = [
  { name: SPP_BAA, type: 'AREA', aliases: ['SPP BAA', 'SPP RTO'] },
  { name: SWPW_BAA, type: 'AREA', aliases: ['SPP WEST', 'RTO WEST', 'SPP RTO WEST'] },
  ...SPP_RESERVE_ZONES.map((n): LocationInfo => ({ name: `ZONE ${n}`, type: 'ZONE', aliases: [`RESERVE ZONE ${n}`, `RZ${n}`] })),
  { name: 'SPPNORTH_HUB', type: 'HUB', aliases: ['SPPNORTH_H', 'SPP NORTH HUB'] },
  { name: 'SPPSOUTH_HUB', type: 'HUB', aliases: ['SPPSOUTH_H', 'SPP SOUTH HUB'] },
  { name: 'CSWS_HUB', type: 'HUB', aliases: ['CSWS_HUB_H'] },
  { name: 'SWPW_HUB', type: 'HUB', aliases: ['SWPW_HUB_H', 'SPP WEST HUB'] },
];
