import type { Connector } from '../../types';
import { isoneLocations, isoneMarket } from './market';
import { isoneReports } from './reports';

export const isoneConnector: Connector = { market: isoneMarket, locations: isoneLocations, reports: isoneReports };
