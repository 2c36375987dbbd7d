import type { Connector } from '../../types';
import { nemLocations, nemMarket } from './market';
import { dispatchIsReport, fiveMinuteReport, publicPricesReport, tradingIsArchiveReport, tradingIsReport } from './reports';

export const nemConnector: Connector = {
  market: nemMarket,
  locations: nemLocations,
  // Widest history first; each answers NOT_PUBLISHED for days it does not hold.
  reports: [publicPricesReport, tradingIsArchiveReport, dispatchIsReport, tradingIsReport, fiveMinuteReport],
};
