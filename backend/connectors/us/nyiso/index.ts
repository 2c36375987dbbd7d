import type { Connector } from '../../types';
import { nyisoMarket, nyisoZones } from './market';
import { nyisoDamLbmp, nyisoRealtimeLbmp, nyisoRtLbmp } from './reports';

export const nyisoConnector: Connector = {
  market: nyisoMarket,
  locations: nyisoZones,
  reports: [nyisoDamLbmp, nyisoRealtimeLbmp, nyisoRtLbmp],
};
