import type { LocationInfo, MarketInfo } from '../../../domain';

export const SPP_HOST = 'portal.spp.org';

export const sppMarket: MarketInfo = {
  id: 'SPP',
  name: 'Southwest Power Pool',
  region: 'North America',
  clock: 'America/Chicago',
  currency: 'USD',
  unit: 'MWh',
  runs: [
    { id: 'DA', description: 'Day-ahead market, hourly', intervalMinutes: 60 },
    { id: 'RT5', description: 'Real-time balancing market (RTBM), 5-minute', intervalMinutes: 5 },
  ],
  defaultRun: 'DA',
  runAliases: { RT: 'RT5' },
  products: [
    { id: 'LMP', description: 'Locational marginal price' },
    { id: 'ENERGY', description: 'Marginal energy component (MEC)' },
    { id: 'CONGESTION', description: 'Marginal congestion component (MCC), as SPP publishes it' },
    { id: 'LOSS', description: 'Marginal loss component (MLC)' },
  ],
  keys: [],
  keyless: true,
  hosts: { [SPP_HOST]: { concurrency: 4 } },
  notes: [
    'Prices by settlement location from the SPP Marketplace portal file browser (Integrated Marketplace, since March 2014).',
    'SPP requires written authorization for commercial redistribution of its market data.',
  ],
};

/** The trading hubs; every other settlement location is learned from the files. */
export const sppLocations: LocationInfo[] = [
  { name: 'SPPNORTH_HUB', type: 'HUB', aliases: ['SPPNORTH_H', 'SPP NORTH HUB'] },
  { name: 'SPPSOUTH_HUB', type: 'HUB', aliases: ['SPPSOUTH_H', 'SPP SOUTH HUB'] },
  { name: 'CSWS_HUB', type: 'HUB', aliases: ['CSWS_HUB_H'] },
  { name: 'SWPW_HUB', type: 'HUB', aliases: ['SWPW_HUB_H', 'SPP WEST HUB'] },
];
