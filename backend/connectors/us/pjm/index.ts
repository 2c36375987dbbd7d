import type { Connector } from '../../types';
import { pjmLocations, pjmMarket } from './market';
import { pjmReports } from './reports';

export const pjmConnector: Connector = { market: pjmMarket, locations: pjmLocations, reports: pjmReports };
