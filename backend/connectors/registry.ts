import type { Connector } from './types';

/** Every market gridcell knows, in the order `gridcell markets` lists them. */
export const connectors: Connector[] = [];
