import type { Connector } from '../../types';
import { fxLocations, fxMarket } from './market';
import { dailyReport, historyReport, latestCsvReport, ninetyDayReport } from './reports';

export const fxConnector: Connector = {
  market: fxMarket,
  locations: fxLocations,
  reports: [historyReport, ninetyDayReport, dailyReport, latestCsvReport],
};
