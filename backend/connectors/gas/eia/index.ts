import type { Connector } from '../../types';
import { gasLocations, gasMarket } from './market';
import { exportsReport, fredSpotReport, futuresReport, spotReport, storageReport } from './reports';

export const gasConnector: Connector = {
  market: gasMarket,
  locations: gasLocations,
  // Keyed EIA spot before the keyless FRED copy; the futures end on 2024-04-05 (their report says so after).
  reports: [spotReport, fredSpotReport, futuresReport, storageReport, exportsReport],
};
