import type { Connector } from '../../types';
import { epexLocations, epexMarket } from './market';
import { energyChartsDayAheadPrices, entsoeDayAheadPrices } from './reports';

export const epexConnector: Connector = {
  market: epexMarket,
  locations: epexLocations,
  reports: [entsoeDayAheadPrices, energyChartsDayAheadPrices],
};
