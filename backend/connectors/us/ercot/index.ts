import type { Connector } from '../../types';
import { ercotLocations, ercotMarket } from './market';
import { ercotReports } from './reports';

export const ercotConnector: Connector = { market: ercotMarket, locations: ercotLocations, reports: ercotReports };
