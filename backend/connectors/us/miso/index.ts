import type { Connector } from '../../types';
import { misoLocations, misoMarket } from './market';
import { misoReports } from './reports';

export const misoConnector: Connector = { market: misoMarket, locations: misoLocations, reports: misoReports };
