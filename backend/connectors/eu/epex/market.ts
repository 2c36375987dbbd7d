import type { LocationInfo, MarketInfo } from '../../../domain';
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
  ],
  defaultRun: 'DA',
  products: [{ id: 'LMP', description: 'Day-ahead bidding-zone price' }],
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
