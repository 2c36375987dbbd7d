import type { Connector } from '../../types';
import { sppLocations, sppMarket } from './market';
import { sppDaLmp, sppRtbmLmp } from './reports';

export const sppConnector: Connector = {
  market: sppMarket,
  locations: sppLocations,
  reports: [sppDaLmp, sppRtbmLmp],
};
