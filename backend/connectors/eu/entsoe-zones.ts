import type { HostLimit } from '../../domain';

/**
 * The ENTSO-E Transparency Platform (RESTful API), asked for day-ahead prices (document A44) by
 * every European connector that needs them: EPEX for all SDAC bidding zones, Nord Pool for the
 * Nordic and Baltic areas on days its own portal refuses.
 */
export const ENTSOE_HOST = 'web-api.tp.entsoe.eu';
/** ENTSO-E allows 400 requests a minute per user; every connector calling the host keeps this limit. */
export const ENTSOE_HOST_LIMIT: HostLimit = { minIntervalMs: 150, concurrency: 4 };
/** The environment variable holding the ENTSO-E security token. */
export const ENTSOE_API_KEY_ENV = 'ENTSOE_API_KEY';
/** SDAC market days are CET/CEST for every zone (also FI, the Baltics, GR, RO, BG, PT and IE). */
export const ENTSOE_CLOCK = 'Europe/Brussels';

/** A bidding zone: the short name gridcell uses, its EIC code and other names it is asked by. */
export interface EntsoeZone {
  name: string;
  eic: string;
  aliases?: string[];
}

/** Bidding zones ENTSO-E publishes day-ahead prices for (EIC codes from the Transparency Platform's area list). */
export const ENTSOE_ZONES: readonly EntsoeZone[] = [
  { name: 'AT', eic: '10YAT-APG------L' },
  { name: 'BE', eic: '10YBE----------2' },
  { name: 'BG', eic: '10YCA-BULGARIA-R' },
  { name: 'CH', eic: '10YCH-SWISSGRIDZ' },
  { name: 'CZ', eic: '10YCZ-CEPS-----N' },
  { name: 'DE-LU', eic: '10Y1001A1001A82H', aliases: ['DE', 'GER', 'LU'] },
  { name: 'DE-AT-LU', eic: '10Y1001A1001A63L' },
  { name: 'DK1', eic: '10YDK-1--------W' },
  { name: 'DK2', eic: '10YDK-2--------M' },
  { name: 'EE', eic: '10Y1001A1001A39I' },
  { name: 'ES', eic: '10YES-REE------0' },
  { name: 'FI', eic: '10YFI-1--------U' },
  { name: 'FR', eic: '10YFR-RTE------C' },
  { name: 'GR', eic: '10YGR-HTSO-----Y' },
  { name: 'HR', eic: '10YHR-HEP------M' },
  { name: 'HU', eic: '10YHU-MAVIR----U' },
  { name: 'IE-SEM', eic: '10Y1001A1001A59C', aliases: ['IE', 'SEM'] },
  { name: 'IT-NORD', eic: '10Y1001A1001A73I', aliases: ['IT-NORTH'] },
  { name: 'IT-CNOR', eic: '10Y1001A1001A70O', aliases: ['IT-CENTRE-NORTH'] },
  { name: 'IT-CSUD', eic: '10Y1001A1001A71M', aliases: ['IT-CENTRE-SOUTH'] },
  { name: 'IT-SUD', eic: '10Y1001A1001A788', aliases: ['IT-SOUTH'] },
  { name: 'IT-CALA', eic: '10Y1001C--00096J', aliases: ['IT-CALABRIA'] },
  { name: 'IT-SICI', eic: '10Y1001A1001A75E', aliases: ['IT-SICILY'] },
  { name: 'IT-SARD', eic: '10Y1001A1001A74G', aliases: ['IT-SARDINIA'] },
  { name: 'IT-SACO-AC', eic: '10Y1001A1001A885' },
  { name: 'IT-SACO-DC', eic: '10Y1001A1001A893' },
  { name: 'LT', eic: '10YLT-1001A0008Q' },
  { name: 'LV', eic: '10YLV-1001A00074' },
  { name: 'ME', eic: '10YCS-CG-TSO---S' },
  { name: 'MK', eic: '10YMK-MEPSO----8' },
  { name: 'NL', eic: '10YNL----------L' },
  { name: 'NO1', eic: '10YNO-1--------2' },
  { name: 'NO2', eic: '10YNO-2--------T' },
  { name: 'NO2NSL', eic: '50Y0JVU59B4JWQCU', aliases: ['NO2-NSL'] },
  { name: 'NO3', eic: '10YNO-3--------J' },
  { name: 'NO4', eic: '10YNO-4--------9' },
  { name: 'NO5', eic: '10Y1001A1001A48H' },
  { name: 'PL', eic: '10YPL-AREA-----S' },
  { name: 'PT', eic: '10YPT-REN------W' },
  { name: 'RO', eic: '10YRO-TEL------P' },
  { name: 'RS', eic: '10YCS-SERBIATSOV' },
  { name: 'SE1', eic: '10Y1001A1001A44P' },
  { name: 'SE2', eic: '10Y1001A1001A45N' },
  { name: 'SE3', eic: '10Y1001A1001A46L' },
  { name: 'SE4', eic: '10Y1001A1001A47J' },
  { name: 'SI', eic: '10YSI-ELES-----O' },
  { name: 'SK', eic: '10YSK-SEPS-----K' },
];

const byName = new Map(ENTSOE_ZONES.map((z) => [z.name, z]));
const byEic = new Map(ENTSOE_ZONES.map((z) => [z.eic, z]));

/** The EIC code of a zone by its canonical name. */
export function eicOf(name: string): string | undefined {
  return byName.get(name)?.eic;
}

/** The EIC code of a zone this code names itself; a name not in the table is a programming error. */
export function knownEic(name: string): string {
  const eic = eicOf(name);
  if (!eic) throw new Error(`ENTSO-E has no bidding zone "${name}" in its zone table`);
  return eic;
}

/** The zone name for an EIC code; unknown codes stay as they are. */
export function zoneNameOfEic(eic: string): string {
  return byEic.get(eic)?.name ?? eic;
}
