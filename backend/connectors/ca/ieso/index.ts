import type { Connector } from '../../types';
import { iesoLocations, iesoMarket } from './market';
import { iesoReports } from './reports';

export const iesoConnector: Connector = { market: iesoMarket, locations: iesoLocations, reports: iesoReports };
