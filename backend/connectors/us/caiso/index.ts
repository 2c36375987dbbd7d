import type { Connector } from '../../types';
import { caisoLocations, caisoMarket } from './market';
import { caisoReports } from './reports';

export const caisoConnector: Connector = { market: caisoMarket, locations: caisoLocations, reports: caisoReports };
