import type { Connector } from '../../types';
import { aesoLocations, aesoMarket } from './market';
import { aesoReports } from './reports';

export const aesoConnector: Connector = { market: aesoMarket, locations: aesoLocations, reports: aesoReports };
