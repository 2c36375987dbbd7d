import type { Connector } from './types';
import { epexConnector } from './eu/epex';
import { nordpoolConnector } from './eu/nordpool';

/** Every market gridcell knows, in the order `gridcell markets` lists them. */
export const connectors: Connector[] = [epexConnector, nordpoolConnector];
