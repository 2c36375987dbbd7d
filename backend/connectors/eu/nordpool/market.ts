import type { LocationInfo, MarketInfo } from '../../../domain';

export const NORDPOOL_HOST = 'dataportal-api.nordpoolgroup.com';
export const NORDPOOL_CLOCK = 'Europe/Oslo';
/** Currencies the Data Portal converts its EUR prices into (at its own daily rate, `exchangeRate`). */
export const NORDPOOL_CURRENCIES = ['EUR', 'NOK', 'SEK', 'DKK', 'PLN', 'RON', 'BGN'];

export const nordpoolMarket: MarketInfo = {
  id: 'NORDPOOL',
  name: 'Nord Pool day-ahead',
  region: 'Europe',
  clock: NORDPOOL_CLOCK,
  currency: 'EUR',
  unit: 'MWh',
  runs: [{ id: 'DA', description: 'Day-ahead area price: hourly before 2025-10-01, 15-minute from it', intervalMinutes: 15 }],
  defaultRun: 'DA',
  products: [{ id: 'LMP', description: 'Day-ahead area price' }],
  keys: [],
  keyless: true,
  hosts: { [NORDPOOL_HOST]: { minIntervalMs: 500, concurrency: 2 } },
  notes: [
    'Prices from the Nord Pool Data Portal API (no key). Nord Pool allows use for analysis, not republication.',
    "EUR natively; NOK, SEK, DKK, PLN, RON and BGN are served at Nord Pool's own daily exchange rate and stored in that currency.",
    'Market days are CET/CEST (deliveryDateCET) for every area, also FI and the Baltics.',
  ],
};

function area(name: string, eic?: string, ...aliases: string[]): LocationInfo {
  return { name, type: 'AREA', aliases: [...(eic ? [eic] : []), ...aliases] };
}

/** Delivery areas (and the Nordic system price) the Data Portal serves, by Nord Pool's own codes. */
export const nordpoolLocations: LocationInfo[] = [
  area('NO1', '10YNO-1--------2'),
  area('NO2', '10YNO-2--------T'),
  area('NO3', '10YNO-3--------J'),
  area('NO4', '10YNO-4--------9'),
  area('NO5', '10Y1001A1001A48H'),
  area('SE1', '10Y1001A1001A44P'),
  area('SE2', '10Y1001A1001A45N'),
  area('SE3', '10Y1001A1001A46L'),
  area('SE4', '10Y1001A1001A47J'),
  area('FI', '10YFI-1--------U'),
  area('DK1', '10YDK-1--------W'),
  area('DK2', '10YDK-2--------M'),
  area('EE', '10Y1001A1001A39I'),
  area('LV', '10YLV-1001A00074'),
  area('LT', '10YLT-1001A0008Q'),
  area('AT', '10YAT-APG------L'),
  area('BE', '10YBE----------2'),
  area('FR', '10YFR-RTE------C'),
  area('GER', '10Y1001A1001A82H', 'DE-LU', 'DE'),
  area('NL', '10YNL----------L'),
  area('PL', '10YPL-AREA-----S'),
  area('BG', '10YCA-BULGARIA-R'),
  area('TEL', '10YRO-TEL------P', 'RO'),
  { name: 'SYS', type: 'SYSTEM', aliases: ['SYSTEM'] },
];
