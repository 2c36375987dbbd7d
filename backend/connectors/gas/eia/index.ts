import type { Connector } from '../../types';
import { gasLocations, gasMarket } from './market';
import { priceReport, storageReport } from './reports';

export const gasConnector: Connector = {
  market: gasMarket,
  locations: gasLocations,
  reports: [priceReport, storageReport],
};
