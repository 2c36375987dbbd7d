import type { Connector } from '../../types';
import { sppLocations, sppMarket } from './market';
import { sppDaLmp, sppRtbmLmp } from './reports';
import { sppFundamentalReports } from './reports-fundamentals';

export const sppConnector: Connector = {
  market: sppMarket,
  locations: sppLocations,
  reports: [sppDaLmp, sppRtbmLmp, ...sppFundamentalReports],
};
