import type { Connector } from '../../types';
import { nordpoolLocations, nordpoolMarket } from './market';
import { dayAheadPriceIndices, dayAheadPrices } from './reports';

export const nordpoolConnector: Connector = {
  market: nordpoolMarket,
  locations: nordpoolLocations,
  reports: [dayAheadPrices, dayAheadPriceIndices],
};
