import type { Fuel } from '../../../../contract';
import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

export const OASIS_HOST = 'oasis.caiso.com';
/** Today's Outlook: the five-minute fuel mix and demand CSVs behind caiso.com/todays-outlook. */
export const OUTLOOK_HOST = 'www.caiso.com';

/** Where Today's Outlook's system-wide series are kept: CAISO's own balancing area, as one location. */
export const OUTLOOK_LOCATION = 'CAISO';
/**
 * The fuels of Today's Outlook's fuelsource.csv: Solar, Wind, Geothermal, Biomass + Biogas, Small +
 * Large Hydro, Coal, Nuclear, Natural Gas, Batteries, Imports, Other.
 */
export const OUTLOOK_FUELS: readonly Fuel[] = [
  'SOLAR',
  'WIND',
  'GEOTHERMAL',
  'BIOMASS',
  'HYDRO',
  'COAL',
  'NUCLEAR',
  'GAS',
  'STORAGE',
  'IMPORTS',
  'OTHER',
];

/** The OASIS TAC area that is the CAISO system total in SLD_FCST. */
export const CAISO_TAC = 'CA ISO-TAC';

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
    // ACTUAL: Today's Outlook is five-minute (fuel mix, CAISO demand); OASIS SLD_FCST ACTUAL is hourly per TAC area.
    ...fundamentalRuns(5, 60),
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
    ...fundamentalProducts({
      load: "Load: hourly actual and day-ahead forecast per TAC area (OASIS SLD_FCST), five-minute CAISO demand (Today's Outlook)",
      fuels: OUTLOOK_FUELS,
      services: {
        REG_UP: 'Regulation up clearing price (ANC_TYPE RU), per AS region',
        REG_DOWN: 'Regulation down clearing price (ANC_TYPE RD), per AS region',
        SPIN: 'Spinning reserve clearing price (ANC_TYPE SR), per AS region',
        NONSPIN: 'Non-spinning reserve clearing price (ANC_TYPE NR), per AS region',
      },
    }),
  ],
  keys: [],
  keyless: true,
  // OASIS refuses (error 1015/429) when called more often than once every five seconds.
  hosts: { [OASIS_HOST]: { minIntervalMs: 5000, concurrency: 1 }, [OUTLOOK_HOST]: { concurrency: 2, minIntervalMs: 500 } },
  notes: [
    'Data from CAISO OASIS (oasis.caiso.com), no key needed; OASIS keeps about 39 months of history.',
    "Market days are Pacific prevailing time; instants come from the files' GMT columns.",
    'RT means RT5 (the five-minute real-time dispatch price); RT15 is the fifteen-minute market.',
    "Load by TAC area (OASIS SLD_FCST): ACTUAL is the hourly integrated actual load, FORECAST the day-ahead (DAM) forecast; the system total is the area 'CA ISO-TAC'.",
    "Location 'CAISO' holds Today's Outlook: five-minute generation by fuel, CAISO demand (ACTUAL) and its hour-ahead forecast (FORECAST).",
    'Ancillary-service prices (OASIS PRC_AS, DA hourly; PRC_INTVL_AS, RT15) are per AS region (AS_CAISO_EXP, AS_NP26, ...), in USD per MW of capacity for each hour (per MWh, like the prices).',
  ],
  unavailable: [
    {
      dataset: 'two-day and seven-day-ahead load forecasts',
      reason:
        'OASIS SLD_FCST publishes them (2DA, 7DA), but gridcell keeps one FORECAST run per market: the day-ahead (DAM) forecast is the one stored.',
    },
    {
      dataset: 'real-time load forecasts (RTPD 15-minute, RTD 5-minute)',
      reason: 'OASIS SLD_FCST RTM rows are forecasts issued every few minutes for the next intervals; gridcell stores no run for them.',
    },
    {
      dataset: 'regulation mileage prices (RMU, RMD)',
      reason: 'PRC_AS lists them, but mileage is paid per MW of mileage, not per MW of capacity, and the vocabulary has no product for it.',
    },
    {
      dataset: 'capacity prices',
      reason:
        'CAISO runs no capacity auction: Resource Adequacy is bought bilaterally by load-serving entities, and no clearing price is published.',
    },
  ],
};

/** The Western EIM balancing areas in SLD_FCST (ids as OASIS writes them; `PGE` is Portland General, not PG&E). */
const WEIM_AREAS = [
  'AVA',
  'AVRN',
  'AZPS',
  'BANC',
  'BANCMID',
  'BANCRDNG',
  'BANCRSVL',
  'BANCSMUD',
  'BANCWASN',
  'BCHA',
  'BPAT',
  'EPE',
  'IPCO',
  'LADWP',
  'NEVP',
  'NWMT',
  'PACE',
  'PACW',
  'PGE',
  'PNM',
  'PSEI',
  'SCL',
  'SRP',
  'TEPC',
  'TIDC',
  'TPWR',
  'WALC',
  'WALCAEPCO',
  'WALCDSW',
];

/** A TAC area of OASIS SLD_FCST (CAISO's own TACs and the WEIM balancing areas). */
function area(name: string, ...aliases: string[]): LocationInfo {
  return aliases.length ? { name, type: 'AREA', aliases } : { name, type: 'AREA' };
}

/**
 * The TAC areas OASIS SLD_FCST answers for (the recorded 2023-08-13 file): CAISO's TACs, whose total
 * is `CA ISO-TAC`, and the Western EIM balancing areas. An area a later file adds is found by its name.
 */
export const caisoTacAreas: LocationInfo[] = [
  { name: CAISO_TAC, type: 'SYSTEM', aliases: ['CAISO-TAC'] },
  area('PGE-TAC', 'PG&E-TAC'),
  area('SCE-TAC'),
  area('SDGE-TAC'),
  area('VEA-TAC'),
  area('MWD-TAC'),
  ...WEIM_AREAS.map((name) => area(name)),
];

/** The ancillary-service regions of OASIS PRC_AS (`_EXP`: the region with its intertie imports). */
export const caisoAsRegions: LocationInfo[] = ['AS_CAISO', 'AS_CAISO_EXP', 'AS_NP26', 'AS_NP26_EXP', 'AS_SP26', 'AS_SP26_EXP'].map(
  (name) => ({ name, type: 'REGION' }),
);

/** A TAC area found in an SLD_FCST file: the known one, or a new area by its name. */
export function locationOfArea(name: string): LocationInfo {
  return caisoTacAreas.find((a) => a.name === name) ?? { name, type: 'AREA' };
}

function hub(name: string, alias: string): LocationInfo {
  return { name, type: 'HUB', aliases: [alias] };
}

function dlap(name: string, alias: string): LocationInfo {
  return { name, type: 'ZONE', aliases: [alias] };
}

/**
 * Trading hubs and default load aggregation points (any other APNode is found by its OASIS name),
 * Today's Outlook's system location, the SLD_FCST TAC areas and the ancillary-service regions.
 */
export const caisoLocations: LocationInfo[] = [
  hub('TH_NP15_GEN-APND', 'NP15'),
  hub('TH_SP15_GEN-APND', 'SP15'),
  hub('TH_ZP26_GEN-APND', 'ZP26'),
  dlap('DLAP_PGAE-APND', 'PGAE'),
  dlap('DLAP_SCE-APND', 'SCE'),
  dlap('DLAP_SDGE-APND', 'SDGE'),
  dlap('DLAP_VEA-APND', 'VEA'),
  { name: OUTLOOK_LOCATION, type: 'SYSTEM' },
  ...caisoTacAreas,
  ...caisoAsRegions,
];

/** How a node found in a file is typed: trading hubs and DLAPs by their OASIS prefixes. */
export function locationOfNode(name: string): LocationInfo {
  if (name.startsWith('TH_')) return { name, type: 'HUB' };
  if (name.startsWith('DLAP_')) return { name, type: 'ZONE' };
  return { name, type: 'NODE' };
}
