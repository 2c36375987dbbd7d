import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

export const ISONE_WS_HOST = 'webservices.iso-ne.com';
export const ISONE_EXPRESS_HOST = 'www.iso-ne.com';
export const ISONE_USERNAME_ENV = 'ISONE_USERNAME';
export const ISONE_PASSWORD_ENV = 'ISONE_PASSWORD';

export const isoneMarket: MarketInfo = {
  id: 'ISONE',
  name: 'ISO New England',
  region: 'North America',
  clock: 'America/New_York',
  currency: 'USD',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead hourly LMP (final)', intervalMinutes: 60 },
    { id: 'RTH', description: 'Real-time hourly LMP (final, or preliminary until the final is published)', intervalMinutes: 60 },
    { id: 'RT5', description: 'Real-time five-minute LMP (web services only)', intervalMinutes: 5 },
    // Load is hourly from the web services and five-minute from ISO Express; the fuel mix five-minute.
    ...fundamentalRuns(5),
  ],
  defaultRun: 'DA',
  // RT means the hourly real-time price: it is what both the keyed API and the keyless ISO Express
  // files publish, and what New England hub indices settle against.
  runAliases: { RT: 'RTH' },
  products: [
    { id: 'LMP', description: 'Total locational marginal price' },
    { id: 'ENERGY', description: 'Energy component' },
    { id: 'CONGESTION', description: 'Congestion component' },
    { id: 'LOSS', description: 'Marginal loss component' },
    ...fundamentalProducts({
      load: 'New England system load (NEPOOL AREA): actual, forecast, day-ahead cleared; MW',
      fuels: ['COAL', 'GAS', 'OIL', 'NUCLEAR', 'HYDRO', 'WIND', 'SOLAR', 'BIOMASS', 'WASTE', 'OTHER'],
    }),
  ],
  keys: [
    { env: ISONE_USERNAME_ENV, description: 'ISO Express web services user name (free account at iso-ne.com)' },
    { env: ISONE_PASSWORD_ENV, description: 'ISO Express web services password' },
  ],
  keyless: true,
  hosts: {
    [ISONE_WS_HOST]: { concurrency: 2 },
    [ISONE_EXPRESS_HOST]: { concurrency: 2 },
  },
  notes: [
    'With ISONE_USERNAME/ISONE_PASSWORD set, prices come from the ISO New England web services API (per location); without them, from the ISO Express daily CSV reports (all locations, hourly only).',
    'Times carry their UTC offset in the source; market days are Eastern prevailing time (23 and 25 hours on DST days).',
    'Load at NEPOOL AREA: with the keys, LOAD RTH, the hourly actual (hourlysysload, Load = native load + asset-related demand) and LOAD FORECAST with every issue of the day (hourlyloadforecast/all, CreationDate); without them, the ISO Express system-load chart feed: five-minute actual LoadMw, the hourly forecast by CreationDate and the day-ahead cleared load (LOAD DA).',
    'Generation by fuel (genfuelmix, keys needed) is published as readings at irregular times; gridcell stores five-minute averages of them (each reading holding until the next), Landfill Gas and Wood as BIOMASS, Refuse as WASTE.',
  ],
  unavailable: [
    {
      dataset: 'Forward Capacity Auction results',
      reason:
        'ISO-NE publishes FCA results as PDF and Excel summaries on iso-ne.com (Forward Capacity Market, auction results), with no web-services or ISO Express data feed.',
    },
  ],
};

function location(name: string, type: string, locId: number): LocationInfo {
  return { name, type, aliases: [String(locId)] };
}

/** The New England control area as the load and fuel-mix services name it (`Location` `@LocId` 32). */
export const ISONE_SYSTEM = 'NEPOOL AREA';
export const isoneSystem: LocationInfo = { name: ISONE_SYSTEM, type: 'SYSTEM', aliases: ['32', 'ISO NE', 'NEW ENGLAND'] };

/** The hub and the eight load zones with their web-services location ids, then the system (load, fuel mix). */
export const isoneLocations: LocationInfo[] = [
  location('.H.INTERNAL_HUB', 'HUB', 4000),
  location('.Z.MAINE', 'ZONE', 4001),
  location('.Z.NEWHAMPSHIRE', 'ZONE', 4002),
  location('.Z.VERMONT', 'ZONE', 4003),
  location('.Z.CONNECTICUT', 'ZONE', 4004),
  location('.Z.RHODEISLAND', 'ZONE', 4005),
  location('.Z.SEMASS', 'ZONE', 4006),
  location('.Z.WCMASS', 'ZONE', 4007),
  location('.Z.NEMASSBOST', 'ZONE', 4008),
  isoneSystem,
];
