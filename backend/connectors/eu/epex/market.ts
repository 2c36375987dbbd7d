import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';
import { ENTSOE_FUELS } from '../entsoe-psr';
import { ENTSOE_API_KEY_ENV, ENTSOE_CLOCK, ENTSOE_HOST, ENTSOE_HOST_LIMIT, ENTSOE_ZONES, eicOf } from '../entsoe-zones';

export const ENERGY_CHARTS_HOST = 'api.energy-charts.info';
/** CET/CEST, the SDAC market day ENTSO-E publishes by. */
export const EPEX_CLOCK = ENTSOE_CLOCK;

export const epexMarket: MarketInfo = {
  id: 'EPEX',
  name: 'European day-ahead prices (SDAC bidding zones, via ENTSO-E)',
  region: 'Europe',
  clock: EPEX_CLOCK,
  currency: 'EUR',
  unit: 'MWh',
  runs: [
    {
      id: 'DA',
      description: 'Day-ahead price of the coupled auction (SDAC, 12:00 CE(S)T): hourly before 2025-10-01, 15-minute from it',
      intervalMinutes: 15,
    },
    {
      id: 'EXAA',
      description: 'Day-ahead price of the separate EXAA auction (10:15 CE(S)T), 15-minute; DE-LU and AT only (ENTSO-E sequence 2)',
      intervalMinutes: 15,
    },
    ...(['1', '2', '3'] as const).map((n) => ({
      id: `ID${n}` as const,
      description: `Intraday auction IDA${n} price (SIDC, ENTSO-E contract A07 sequence ${n}), 15-minute${n === '3' ? '; the second half of the delivery day only' : ''}`,
      intervalMinutes: 15,
    })),
    // Zones publish load and generation hourly or at 15 minutes (ENTSO-E keeps each zone's own resolution).
    ...fundamentalRuns(60, 60),
  ],
  defaultRun: 'DA',
  products: [
    { id: 'LMP', description: 'Bidding-zone price (day-ahead, EXAA or intraday auction by run)' },
    ...fundamentalProducts({ load: 'Total load of the bidding zone (ENTSO-E A65)', fuels: ENTSOE_FUELS }),
  ],
  keys: [
    {
      env: ENTSOE_API_KEY_ENV,
      description: 'ENTSO-E Transparency Platform security token (free; ask transparency@entsoe.eu for Restful API access)',
    },
  ],
  keyless: true,
  hosts: {
    [ENTSOE_HOST]: ENTSOE_HOST_LIMIT,
    [ENERGY_CHARTS_HOST]: { minIntervalMs: 1000, concurrency: 1 },
  },
  notes: [
    'Prices from the ENTSO-E Transparency Platform (document A44) with ENTSOE_API_KEY; without it from Energy-Charts (Fraunhofer ISE), which serves fewer zones.',
    'Energy-Charts licenses some zones CC BY 4.0 (Bundesnetzagentur | SMARD.de) and the others for private and internal use only.',
    'Run DA is the SDAC price (ENTSO-E sequence 1, or the only series); run EXAA is the separate EXAA auction (sequence 2). They are never mixed.',
    'Market days are CET/CEST (Europe/Brussels) for every zone, also for FI, the Baltics, GR, RO, BG, PT and IE.',
    'Runs ID1, ID2, ID3 are the intraday auctions IDA1-3 (ENTSO-E A44, contract A07), from ENTSO-E with ENTSOE_API_KEY only.',
    'Load (A65: ACTUAL, and the day-ahead FORECAST kept by the time ENTSO-E wrote each answer) and generation by fuel (A75, ACTUAL) come from ENTSO-E with ENTSOE_API_KEY, MW averaged over each interval. Pumped storage is net of pumping (negative while pumping).',
  ],
};

/**
 * How Energy-Charts' /price endpoint spells a zone where it differs from the ENTSO-E zone name, and
 * the zones it does not serve (`null`).
 */
const ENERGY_CHARTS_SPELLING: Record<string, string | null> = {
  'IE-SEM': 'IE(SEM)',
  'IT-NORD': 'IT-North',
  'IT-CNOR': 'IT-Centre-North',
  'IT-CSUD': 'IT-Centre-South',
  'IT-SUD': 'IT-South',
  'IT-CALA': 'IT-Calabria',
  'IT-SICI': 'IT-Sicily',
  'IT-SARD': 'IT-Sardinia',
  'IT-SACO-AC': 'IT-SACOAC',
  'IT-SACO-DC': 'IT-SACODC',
  MK: null,
};

/** The SDAC bidding zones ENTSO-E publishes day-ahead prices for, their EIC codes as aliases. */
export const epexLocations: LocationInfo[] = ENTSOE_ZONES.map((z) => ({
  name: z.name,
  type: 'AREA',
  aliases: [z.eic, ...(z.aliases ?? [])],
}));

/** The zone's spelling on Energy-Charts, when Energy-Charts serves it. */
export function energyChartsZoneOf(name: string): string | undefined {
  if (eicOf(name) === undefined) return undefined;
  const spelled = ENERGY_CHARTS_SPELLING[name];
  return spelled === null ? undefined : (spelled ?? name);
}
