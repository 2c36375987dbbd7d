import type { Connector } from '../../types';
import { nordpoolLocations, nordpoolMarket } from './market';
import { dayAheadPriceIndices, dayAheadPrices, entsoeDayAheadPrices, entsoeGeneration, entsoeLoad, entsoeLoadForecast } from './reports';

export const nordpoolConnector: Connector = {
  market: nordpoolMarket,
  locations: nordpoolLocations,
  // The portal first; a day it refuses (401: older than its ~3-month window) goes on to ENTSO-E, where
  // ENTSOE_API_KEY is set, before the portal's second endpoint is tried.
  reports: [dayAheadPrices, entsoeDayAheadPrices, dayAheadPriceIndices, entsoeLoad, entsoeLoadForecast, entsoeGeneration],
};
