import type { Connector } from '../../types';
import { jepxLocations, jepxMarket } from './market';
import { spotSummaryReport } from './reports';

export const jepxConnector: Connector = {
  market: jepxMarket,
  locations: jepxLocations,
  reports: [spotSummaryReport],
};
