import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

export const NYISO_HOST = 'mis.nyiso.com';

export const nyisoMarket: MarketInfo = {
  id: 'NYISO',
  name: 'New York ISO',
  region: 'North America',
  clock: 'America/New_York',
  currency: 'USD',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead market LBMP, hourly', intervalMinutes: 60 },
    { id: 'RT5', description: 'Real-time dispatch (RTD) LBMP, 5-minute (some intervals are shorter)', intervalMinutes: 5 },
    { id: 'RTH', description: 'Real-time LBMP integrated over the hour', intervalMinutes: 60 },
    // Actual load (pal) and the fuel mix (rtfuelmix) are five-minute; the ISO load forecast (isolf) hourly.
    ...fundamentalRuns(5),
  ],
  defaultRun: 'DA',
  // The 5-minute RTD price is the one NYISO settles real-time energy on and posts first; RTH is its hourly integration.
  runAliases: { RT: 'RT5' },
  products: [
    { id: 'LMP', description: 'Locational based marginal price (LBMP)' },
    { id: 'ENERGY', description: 'Energy component: LBMP less losses and congestion' },
    {
      id: 'CONGESTION',
      description: "Congestion component, sign flipped from NYISO's publication so that LMP = ENERGY + CONGESTION + LOSS",
    },
    { id: 'LOSS', description: 'Marginal cost of losses' },
    ...fundamentalProducts({
      load: 'Load by load zone and NYCA total (pal five-minute actual, palIntegrated hourly, isolf forecast), MW',
      fuels: ['GAS', 'NUCLEAR', 'HYDRO', 'WIND', 'OTHER_FOSSIL', 'OTHER_RENEWABLES'],
      services: {
        SPIN: '10-minute spinning reserve clearing price by load zone (damasp, rtasp)',
        NONSPIN: '10-minute non-synchronized reserve clearing price by load zone',
        RES30: '30-minute operating reserve clearing price by load zone',
        REG: 'NYCA regulation capacity clearing price by load zone',
      },
      serviceRun: 'DA',
    }),
  ],
  keys: [],
  keyless: true,
  hosts: { [NYISO_HOST]: { concurrency: 2 } },
  notes: [
    'Zonal and generator LBMP from mis.nyiso.com: daily CSV files for recent days, monthly zip archives for older ones.',
    'NYISO publishes congestion with the opposite sign; gridcell stores CONGESTION = -(published) so the components add up to the LBMP.',
    'Load: LOAD ACTUAL from pal (five-minute, the RTD stamps between the five-minute ones left out) and palIntegrated (hourly integrated, LOAD RTH: one series holds one interval length); LOAD FORECAST from isolf, each daily file kept as the issue of its first day (the file has no time of issue). NYISO (the NYCA total) is the sum of the 11 zones where the actual-load file gives all of them; isolf publishes it.',
    'Generation by fuel from rtfuelmix (five-minute, NYCA only): Dual Fuel and Natural Gas are both GEN_GAS, summed.',
    'Ancillary services: damasp (day-ahead, hourly) and rtasp (real-time, five-minute) reserve and regulation capacity prices by load zone; the regulation movement price ($/MW, not per MWh) is not stored.',
  ],
  unavailable: [
    {
      dataset: 'ICAP capacity auction results',
      reason:
        'NYISO publishes the ICAP strip, monthly and spot auction results only as ICAP Market Report workbooks and PDFs in the Installed Capacity section of nyiso.com (document links that change each year), not as a daily or machine-readable MIS file.',
    },
  ],
};

const zone = (name: string, letter: string, ptid: string, ...more: string[]): LocationInfo => ({
  name,
  type: 'ZONE',
  aliases: [ptid, `ZONE ${letter}`, ...more],
});
const proxy = (name: string, ptid: string, ...more: string[]): LocationInfo => ({ name, type: 'INTERFACE', aliases: [ptid, ...more] });

/** The eleven load zones and four external proxy buses of the `_zone` files, PTIDs as published there. */
export const nyisoZones: LocationInfo[] = [
  zone('WEST', 'A', '61752'),
  zone('GENESE', 'B', '61753', 'GENESEE'),
  zone('CENTRL', 'C', '61754', 'CENTRAL'),
  zone('NORTH', 'D', '61755'),
  zone('MHK VL', 'E', '61756', 'MOHAWK VALLEY'),
  zone('CAPITL', 'F', '61757', 'CAPITAL'),
  zone('HUD VL', 'G', '61758', 'HUDSON VALLEY'),
  zone('MILLWD', 'H', '61759', 'MILLWOOD'),
  zone('DUNWOD', 'I', '61760', 'DUNWOODIE'),
  zone('N.Y.C.', 'J', '61761', 'NYC'),
  zone('LONGIL', 'K', '61762', 'LONG ISLAND'),
  proxy('H Q', '61844', 'HQ'),
  proxy('NPX', '61845'),
  proxy('O H', '61846', 'OH'),
  proxy('PJM', '61847'),
];

/** The NYCA total as NYISO names it in isolf (`NYISO`); the actual-load files give only the zones. */
export const NYISO_SYSTEM = 'NYISO';
export const nyisoSystem: LocationInfo = { name: NYISO_SYSTEM, type: 'SYSTEM', aliases: ['NYCA', 'SYSTEM'] };

/** The eleven load zones (not the proxies): the locations of load, its forecast and reserve prices. */
export const nyisoLoadZones: LocationInfo[] = nyisoZones.filter((z) => z.type === 'ZONE');

const zoneByName = new Map(nyisoZones.map((z) => [z.name.toUpperCase(), z]));

/** The static zone or proxy of this name, if it is one (everything else is a generator). */
export function zoneNamed(name: string): LocationInfo | undefined {
  return zoneByName.get(name.toUpperCase());
}
