import type { LocationInfo, MarketInfo } from '../../../domain';

export const ENTSOE_HOST = 'web-api.tp.entsoe.eu';
export const ENERGY_CHARTS_HOST = 'api.energy-charts.info';
export const ENTSOE_API_KEY_ENV = 'ENTSOE_API_KEY';
export const EPEX_CLOCK = 'Europe/Brussels';

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
    // ENTSO-E allows 400 requests a minute per user.
    [ENTSOE_HOST]: { minIntervalMs: 150, concurrency: 4 },
    [ENERGY_CHARTS_HOST]: { minIntervalMs: 1000, concurrency: 1 },
  },
  notes: [
    'Prices from the ENTSO-E Transparency Platform (document A44) with ENTSOE_API_KEY; without it from Energy-Charts (Fraunhofer ISE), which serves fewer zones.',
    'Energy-Charts licenses some zones CC BY 4.0 (Bundesnetzagentur | SMARD.de) and the others for private and internal use only.',
    'Run DA is the SDAC price (ENTSO-E sequence 1, or the only series); run EXAA is the separate EXAA auction (sequence 2). They are never mixed.',
    'Market days are CET/CEST (Europe/Brussels) for every zone, also for FI, the Baltics, GR, RO, BG, PT and IE.',
  ],
};

/** A bidding zone: the short name gridcell uses, its EIC code and its spelling on Energy-Charts (if served there). */
interface Zone {
  name: string;
  eic: string;
  energyCharts?: string;
  aliases?: string[];
}

/**
 * Bidding zones ENTSO-E publishes day-ahead prices for (EIC codes from the Transparency Platform's
 * area list); Energy-Charts names as its /price endpoint spells them.
 */
const zones: Zone[] = [
  { name: 'AT', eic: '10YAT-APG------L', energyCharts: 'AT' },
  { name: 'BE', eic: '10YBE----------2', energyCharts: 'BE' },
  { name: 'BG', eic: '10YCA-BULGARIA-R', energyCharts: 'BG' },
  { name: 'CH', eic: '10YCH-SWISSGRIDZ', energyCharts: 'CH' },
  { name: 'CZ', eic: '10YCZ-CEPS-----N', energyCharts: 'CZ' },
  { name: 'DE-LU', eic: '10Y1001A1001A82H', energyCharts: 'DE-LU', aliases: ['DE', 'GER', 'LU'] },
  { name: 'DE-AT-LU', eic: '10Y1001A1001A63L', energyCharts: 'DE-AT-LU' },
  { name: 'DK1', eic: '10YDK-1--------W', energyCharts: 'DK1' },
  { name: 'DK2', eic: '10YDK-2--------M', energyCharts: 'DK2' },
  { name: 'EE', eic: '10Y1001A1001A39I', energyCharts: 'EE' },
  { name: 'ES', eic: '10YES-REE------0', energyCharts: 'ES' },
  { name: 'FI', eic: '10YFI-1--------U', energyCharts: 'FI' },
  { name: 'FR', eic: '10YFR-RTE------C', energyCharts: 'FR' },
  { name: 'GR', eic: '10YGR-HTSO-----Y', energyCharts: 'GR' },
  { name: 'HR', eic: '10YHR-HEP------M', energyCharts: 'HR' },
  { name: 'HU', eic: '10YHU-MAVIR----U', energyCharts: 'HU' },
  { name: 'IE-SEM', eic: '10Y1001A1001A59C', energyCharts: 'IE(SEM)', aliases: ['IE', 'SEM'] },
  { name: 'IT-NORD', eic: '10Y1001A1001A73I', energyCharts: 'IT-North', aliases: ['IT-NORTH'] },
  { name: 'IT-CNOR', eic: '10Y1001A1001A70O', energyCharts: 'IT-Centre-North', aliases: ['IT-CENTRE-NORTH'] },
  { name: 'IT-CSUD', eic: '10Y1001A1001A71M', energyCharts: 'IT-Centre-South', aliases: ['IT-CENTRE-SOUTH'] },
  { name: 'IT-SUD', eic: '10Y1001A1001A788', energyCharts: 'IT-South', aliases: ['IT-SOUTH'] },
  { name: 'IT-CALA', eic: '10Y1001C--00096J', energyCharts: 'IT-Calabria', aliases: ['IT-CALABRIA'] },
  { name: 'IT-SICI', eic: '10Y1001A1001A75E', energyCharts: 'IT-Sicily', aliases: ['IT-SICILY'] },
  { name: 'IT-SARD', eic: '10Y1001A1001A74G', energyCharts: 'IT-Sardinia', aliases: ['IT-SARDINIA'] },
  { name: 'IT-SACO-AC', eic: '10Y1001A1001A885', energyCharts: 'IT-SACOAC' },
  { name: 'IT-SACO-DC', eic: '10Y1001A1001A893', energyCharts: 'IT-SACODC' },
  { name: 'LT', eic: '10YLT-1001A0008Q', energyCharts: 'LT' },
  { name: 'LV', eic: '10YLV-1001A00074', energyCharts: 'LV' },
  { name: 'ME', eic: '10YCS-CG-TSO---S', energyCharts: 'ME' },
  { name: 'MK', eic: '10YMK-MEPSO----8' },
  { name: 'NL', eic: '10YNL----------L', energyCharts: 'NL' },
  { name: 'NO1', eic: '10YNO-1--------2', energyCharts: 'NO1' },
  { name: 'NO2', eic: '10YNO-2--------T', energyCharts: 'NO2' },
  { name: 'NO2NSL', eic: '50Y0JVU59B4JWQCU', energyCharts: 'NO2NSL', aliases: ['NO2-NSL'] },
  { name: 'NO3', eic: '10YNO-3--------J', energyCharts: 'NO3' },
  { name: 'NO4', eic: '10YNO-4--------9', energyCharts: 'NO4' },
  { name: 'NO5', eic: '10Y1001A1001A48H', energyCharts: 'NO5' },
  { name: 'PL', eic: '10YPL-AREA-----S', energyCharts: 'PL' },
  { name: 'PT', eic: '10YPT-REN------W', energyCharts: 'PT' },
  { name: 'RO', eic: '10YRO-TEL------P', energyCharts: 'RO' },
  { name: 'RS', eic: '10YCS-SERBIATSOV', energyCharts: 'RS' },
  { name: 'SE1', eic: '10Y1001A1001A44P', energyCharts: 'SE1' },
  { name: 'SE2', eic: '10Y1001A1001A45N', energyCharts: 'SE2' },
  { name: 'SE3', eic: '10Y1001A1001A46L', energyCharts: 'SE3' },
  { name: 'SE4', eic: '10Y1001A1001A47J', energyCharts: 'SE4' },
  { name: 'SI', eic: '10YSI-ELES-----O', energyCharts: 'SI' },
  { name: 'SK', eic: '10YSK-SEPS-----K', energyCharts: 'SK' },
];

export const epexLocations: LocationInfo[] = zones.map((z) => ({ name: z.name, type: 'AREA', aliases: [z.eic, ...(z.aliases ?? [])] }));

const byName = new Map(zones.map((z) => [z.name, z]));
const byEic = new Map(zones.map((z) => [z.eic, z]));

/** The EIC code of a zone by its canonical name. */
export function eicOf(name: string): string | undefined {
  return byName.get(name)?.eic;
}

/** The zone name for an EIC code; unknown codes stay as they are. */
export function zoneNameOfEic(eic: string): string {
  return byEic.get(eic)?.name ?? eic;
}

/** The zone's spelling on Energy-Charts, when Energy-Charts serves it. */
export function energyChartsZoneOf(name: string): string | undefined {
  return byName.get(name)?.energyCharts;
}
