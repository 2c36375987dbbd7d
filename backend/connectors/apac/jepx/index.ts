import type { Connector } from '../../types';
import { jepxLocations, jepxMarket } from './market';
import { intradayReport, spotSummaryReport, tohokuAreaSupplyReport } from './reports';

export const jepxConnector: Connector = {
  market: jepxMarket,
  locations: jepxLocations,
  reports: [spotSummaryReport, intradayReport, tohokuAreaSupplyReport],
};
