import type { Connector } from '../../types';
import { nyisoMarket, nyisoSystem, nyisoZones } from './market';
import { nyisoReports } from './reports';

export const nyisoConnector: Connector = {
  market: nyisoMarket,
  // The NYCA total of load, its forecast and the fuel mix, beside the zones and proxies of the prices.
  locations: [...nyisoZones, nyisoSystem],
  reports: nyisoReports,
};
