import type { Connector } from '../../types';
import { euetsLocations, euetsMarket } from './market';
import { auctionReport } from './reports';

export const euetsConnector: Connector = {
  market: euetsMarket,
  locations: euetsLocations,
  reports: [auctionReport],
};
