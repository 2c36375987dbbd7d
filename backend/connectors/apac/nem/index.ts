import type { Connector } from '../../types';
import { nemLocations, nemMarket } from './market';
import {
  dispatchIsArchiveReport,
  dispatchIsReport,
  fiveMinuteReport,
  publicPricesReport,
  tradingIsArchiveReport,
  tradingIsReport,
} from './reports';

export const nemConnector: Connector = {
  market: nemMarket,
  locations: nemLocations,
  // Widest history first; each answers NOT_PUBLISHED for days it does not hold (the archives: days not
  // archived yet, which the Current folders after them still hold).
  reports: [publicPricesReport, tradingIsArchiveReport, dispatchIsArchiveReport, dispatchIsReport, tradingIsReport, fiveMinuteReport],
};
