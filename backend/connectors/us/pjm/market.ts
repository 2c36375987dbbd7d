import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';
import { fundamentalLocations, PJM_FUELS, SERVICE_DESCRIPTIONS } from './fundamentals';

export const PJM_API_HOST = 'api.pjm.com';
export const PJM_API_KEY_ENV = 'PJM_API_KEY';

export const pjmMarket: MarketInfo = {
  id: 'PJM',
  name: 'PJM Interconnection',
  region: 'North America',
  clock: 'America/New_York',
  currency: 'USD',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead hourly LMP and reserve clearing prices', intervalMinutes: 60 },
    {
      id: 'RTH',
      description: 'Real-time hourly LMP, settlement-verified (and reserve clearing prices until 2022-08-31)',
      intervalMinutes: 60,
    },
    { id: 'RT5', description: 'Real-time five-minute LMP and reserve clearing prices', intervalMinutes: 5 },
    ...fundamentalRuns(60),
  ],
  defaultRun: 'DA',
  runAliases: { RT: 'RTH' },
  products: [
    { id: 'LMP', description: 'Total locational marginal price' },
    { id: 'ENERGY', description: 'System energy price' },
    { id: 'CONGESTION', description: 'Congestion price' },
    { id: 'LOSS', description: 'Marginal loss price' },
    ...fundamentalProducts({
      load: "Load, MW: metered by load area and RTO (ACTUAL), and PJM's seven-day forecast by forecast area (FORECAST)",
      fuels: PJM_FUELS,
      services: SERVICE_DESCRIPTIONS,
      serviceRun: 'DA',
      serviceRuns: { REG: 'RT5' },
    }),
  ],
  keys: [{ env: PJM_API_KEY_ENV, description: 'PJM Data Miner 2 API subscription key (free account at dataminer2.pjm.com)' }],
  keyless: false,
  // PJM limits non-member API accounts to 6 calls a minute.
  hosts: { [PJM_API_HOST]: { minIntervalMs: 10_000, concurrency: 1 } },
  notes: [
    'Data from PJM Data Miner 2 (api.pjm.com); an API key is required, or import a Data Miner CSV export.',
    'Times are interval beginning; market days are Eastern prevailing time.',
    'Load ACTUAL is hrl_load_metered by load area (RTO for the system); rows PJM has not verified yet are stored as published and fetched again. Load FORECAST is load_frcstd_7_day, each issue kept by its evaluated_at time; RTO_COMBINED is stored as RTO.',
    'Generation by fuel (GEN_*) is gen_by_fuel for the RTO, hourly.',
    'AS prices are the reserve market clearing prices (mcp, $/MWh) by reserve zone (PJM RTO Reserve Zone, Mid-Atlantic/Dominion Reserve Subzone): AS_REG regulation (RMCP, real time only), AS_SPIN synchronized reserve, AS_NONSPIN primary reserve, AS_RES30 thirty-minute reserve. Real time is by five minutes (RT5) from 2022-09-01 and hourly (RTH) before; day-ahead (DA) from 2022-10-01.',
  ],
  unavailable: [
    {
      dataset: 'Capacity prices (RPM Base Residual Auction results)',
      reason:
        'PJM publishes RPM auction results only as reports (PDF and Excel) on pjm.com; Data Miner 2 has no feed for them, so gridcell cannot fetch them.',
    },
  ],
};

function hub(name: string, pnodeId: number): LocationInfo {
  return { name, type: 'HUB', aliases: [String(pnodeId)] };
}

function zone(name: string, pnodeId: number): LocationInfo {
  return { name, type: 'ZONE', aliases: [String(pnodeId)] };
}

/** Aggregate hubs and transmission zones with their pnode ids (as Data Miner 2 reports them). */
export const pjmLocations: LocationInfo[] = [
  hub('WESTERN HUB', 51288),
  hub('EASTERN HUB', 51217),
  hub('WEST INT HUB', 51287),
  hub('NEW JERSEY HUB', 4669664),
  hub('CHICAGO GEN HUB', 33092311),
  hub('CHICAGO HUB', 33092313),
  hub('N ILLINOIS HUB', 33092315),
  hub('AEP GEN HUB', 34497125),
  hub('AEP-DAYTON HUB', 34497127),
  hub('OHIO HUB', 34497151),
  hub('DOMINION HUB', 35010337),
  hub('ATSI GEN HUB', 116013751),
  zone('PJM-RTO', 1),
  zone('MID-ATL/APS', 3),
  zone('AECO', 51291),
  zone('BGE', 51292),
  zone('DPL', 51293),
  zone('JCPL', 51295),
  zone('METED', 51296),
  zone('PECO', 51297),
  zone('PEPCO', 51298),
  zone('PPL', 51299),
  zone('PENELEC', 51300),
  zone('PSEG', 51301),
  zone('RECO', 7633629),
  zone('APS', 8394954),
  zone('AEP', 8445784),
  zone('COMED', 33092371),
  zone('DAY', 34508503),
  zone('DOM', 34964545),
  zone('DUQ', 37737283),
  zone('ATSI', 116013753),
  zone('DEOK', 124076095),
  zone('EKPC', 970242670),
  zone('OVEC', 1709725933),
];

/** Load areas, forecast areas and regions, the RTO and the reserve zones (`fundamentals.ts`). */
pjmLocations.push(...fundamentalLocations(pjmLocations));
