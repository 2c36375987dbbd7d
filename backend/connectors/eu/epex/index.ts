import type { Connector } from '../../types';
import { epexLocations, epexMarket } from './market';
import {
  energyChartsDayAheadPrices,
  entsoeDayAheadPrices,
  entsoeGeneration,
  entsoeIntradayAuctions,
  entsoeLoad,
  entsoeLoadForecast,
} from './reports';

export const epexConnector: Connector = {
  market: epexMarket,
  locations: epexLocations,
  reports: [entsoeDayAheadPrices, energyChartsDayAheadPrices, entsoeIntradayAuctions, entsoeLoad, entsoeLoadForecast, entsoeGeneration],
};
