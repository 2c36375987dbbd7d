import type { Connector } from '../../types';
import { nemLocations, nemMarket } from './market';
import {
  dispatchIsArchiveLoadReport,
  dispatchIsArchiveReport,
  dispatchIsLoadReport,
  dispatchIsReport,
  fiveMinuteLoadReport,
  fiveMinuteReport,
  operationalDemandForecastReport,
  publicPricesLoadReport,
  publicPricesReport,
  tradingIsArchiveReport,
  tradingIsReport,
} from './reports';

export const nemConnector: Connector = {
  market: nemMarket,
  locations: nemLocations,
  // Widest history first; each answers NOT_PUBLISHED for days it does not hold (the archives: days not
  // archived yet, which the Current folders after them still hold).
  // Load after the prices, in the same order (the load reports read the price reports' files).
  reports: [
    publicPricesReport,
    tradingIsArchiveReport,
    dispatchIsArchiveReport,
    dispatchIsReport,
    tradingIsReport,
    fiveMinuteReport,
    publicPricesLoadReport,
    dispatchIsArchiveLoadReport,
    dispatchIsLoadReport,
    fiveMinuteLoadReport,
    operationalDemandForecastReport,
  ],
};
