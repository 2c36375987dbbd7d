import type { LocationInfo, MarketInfo } from '../../../domain';

export const EUETS_CLOCK = 'Europe/Berlin';
export const AUCTION_RUN = 'AUCTION';

/** EEX contract codes in the auction report, by gridcell location. */
export const CONTRACTS: Record<string, string> = { T3PA: 'EUA', EAA3: 'EUAA' };

export const euetsMarket: MarketInfo = {
  id: 'EUETS',
  name: 'EU Emissions Trading System: EEX primary auctions',
  region: 'Europe',
  clock: EUETS_CLOCK,
  currency: 'EUR',
  unit: 'tCO2',
  runs: [{ id: AUCTION_RUN, description: 'Primary market auction (one per auction day, about 11:00 CET/CEST)', intervalMinutes: 1440 }],
  defaultRun: AUCTION_RUN,
  products: [
    { id: 'LMP', description: 'Auction clearing price (also called PRICE)' },
    { id: 'MIN_BID', description: 'Lowest bid price' },
    { id: 'MAX_BID', description: 'Highest bid price' },
    { id: 'MEAN_BID', description: 'Mean bid price' },
    { id: 'MEDIAN_BID', description: 'Median bid price' },
    { id: 'VOLUME', description: 'Volume auctioned', unit: 'tCO2' },
    { id: 'BIDS', description: 'Total amount of bids', unit: 'tCO2' },
    { id: 'BIDS_SUBMITTED', description: 'Number of bids submitted', unit: 'count' },
    { id: 'BIDS_SUCCESSFUL', description: 'Number of successful bids', unit: 'count' },
    { id: 'COVER', description: 'Cover ratio (bids / volume auctioned)', unit: 'ratio' },
    { id: 'BIDDERS', description: 'Total number of bidders', unit: 'count' },
    { id: 'BIDDERS_SUCCESSFUL', description: 'Number of successful bidders', unit: 'count' },
    { id: 'REVENUE', description: 'Total auction revenue', unit: 'EUR' },
  ],
  keys: [],
  keyless: true,
  hosts: { 'public.eex-group.com': { concurrency: 2, minIntervalMs: 500 } },
  notes: [
    'EUA futures (ICE Endex / EEX) are licensed data with no public source; gridcell has only the primary auction results.',
    'One value per auction day (the day on the Europe/Berlin clock). EEX publishes one XLSX per calendar year, from 2020; earlier years are .xls files gridcell does not read.',
  ],
};

export const euetsLocations: LocationInfo[] = [
  { name: 'EUA', type: 'CONTRACT', aliases: ['T3PA', 'EU ALLOWANCE'] },
  { name: 'EUAA', type: 'CONTRACT', aliases: ['EAA3', 'EU AVIATION ALLOWANCE'] },
];
