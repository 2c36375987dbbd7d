import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';
import { ENTSOE_FUELS } from '../entsoe-psr';
import { ENTSOE_API_KEY_ENV, ENTSOE_HOST, ENTSOE_HOST_LIMIT, knownEic } from '../entsoe-zones';

export const NORDPOOL_HOST = 'dataportal-api.nordpoolgroup.com';
export const NORDPOOL_CLOCK = 'Europe/Oslo';
/** Currencies the Data Portal converts its EUR prices into (at its own daily rate, `exchangeRate`). */
export const NORDPOOL_CURRENCIES = ['EUR', 'NOK', 'SEK', 'DKK', 'PLN', 'RON', 'BGN'];

/**
 * Areas ENTSO-E's Transparency Platform is asked for (document A44) on days the portal refuses: the
 * Nordic and Baltic areas, which ENTSO-E names as Nord Pool does (`../entsoe-zones.ts`).
 */
export const ENTSOE_AREAS = new Set(['SE1', 'SE2', 'SE3', 'SE4', 'NO1', 'NO2', 'NO3', 'NO4', 'NO5', 'DK1', 'DK2', 'FI', 'EE', 'LV', 'LT']);
/** What the portal's 401 means: a limit of Nord Pool's, not a key gridcell lacks. */
export const PORTAL_WINDOW = "Nord Pool's data portal serves only the last ~3 months without a Nord Pool login";

export const nordpoolMarket: MarketInfo = {
  id: 'NORDPOOL',
  name: 'Nord Pool day-ahead',
  region: 'Europe',
  clock: NORDPOOL_CLOCK,
  currency: 'EUR',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead area price: hourly before 2025-10-01, 15-minute from it', intervalMinutes: 15 },
    // Load and generation of the Nordic and Baltic areas, from ENTSO-E (hourly or 15-minute, as each TSO reports).
    ...fundamentalRuns(60, 60),
  ],
  defaultRun: 'DA',
  products: [
    { id: 'LMP', description: 'Day-ahead area price' },
    ...fundamentalProducts({ load: 'Total load of the area (ENTSO-E A65)', fuels: ENTSOE_FUELS }),
  ],
  keys: [
    {
      env: ENTSOE_API_KEY_ENV,
      description:
        'ENTSO-E Transparency Platform security token (free; ask transparency@entsoe.eu for Restful API access): Nordic and Baltic prices older than ~3 months',
    },
  ],
  keyless: true,
  hosts: {
    [NORDPOOL_HOST]: { minIntervalMs: 500, concurrency: 2 },
    [ENTSOE_HOST]: ENTSOE_HOST_LIMIT,
  },
  notes: [
    `${PORTAL_WINDOW}. With ENTSOE_API_KEY set, older days of SE1-4, NO1-5, DK1-2, FI, EE, LV and LT come from ENTSO-E (document A44, EUR).`,
    'Prices from the Nord Pool Data Portal API (no key). Nord Pool allows use for analysis, not republication.',
    "EUR natively; NOK, SEK, DKK, PLN, RON and BGN are served at Nord Pool's own daily exchange rate and stored in that currency.",
    'Market days are CET/CEST (deliveryDateCET) for every area, also FI and the Baltics.',
    'Load (A65: ACTUAL and the day-ahead FORECAST) and generation by fuel (A75) of SE1-4, NO1-5, DK1-2, FI, EE, LV and LT come from ENTSO-E with ENTSOE_API_KEY, MW averaged over each interval; pumped storage is net of pumping.',
  ],
};

/** An area by Nord Pool's code, with the EIC code of the ENTSO-E bidding zone it is (`zone`, by default the same name). */
function area(name: string, zone = name, ...aliases: string[]): LocationInfo {
  return { name, type: 'AREA', aliases: [knownEic(zone), ...aliases] };
}

/** Delivery areas (and the Nordic system price) the Data Portal serves, by Nord Pool's own codes. */
export const nordpoolLocations: LocationInfo[] = [
  area('NO1'),
  area('NO2'),
  area('NO3'),
  area('NO4'),
  area('NO5'),
  area('SE1'),
  area('SE2'),
  area('SE3'),
  area('SE4'),
  area('FI'),
  area('DK1'),
  area('DK2'),
  area('EE'),
  area('LV'),
  area('LT'),
  area('AT'),
  area('BE'),
  area('FR'),
  area('GER', 'DE-LU', 'DE-LU', 'DE'),
  area('NL'),
  area('PL'),
  area('BG'),
  area('TEL', 'RO', 'RO'),
  { name: 'SYS', type: 'SYSTEM', aliases: ['SYSTEM'] },
];
