import type { Connector } from './types';
import { pjmConnector } from './us/pjm';
import { caisoConnector } from './us/caiso';
import { misoConnector } from './us/miso';
import { ercotConnector } from './us/ercot';
import { sppConnector } from './us/spp';
import { nyisoConnector } from './us/nyiso';
import { isoneConnector } from './us/isone';
import { iesoConnector } from './ca/ieso';
import { aesoConnector } from './ca/aeso';
import { epexConnector } from './eu/epex';
import { nordpoolConnector } from './eu/nordpool';
import { euetsConnector } from './eu/euets';
import { gasConnector } from './gas/eia';
import { fxConnector } from './fx/ecb';
import { jepxConnector } from './apac/jepx';
import { nemConnector } from './apac/nem';

/** Every market gridcell knows, in the order `gridcell markets` lists them. */
export const connectors: Connector[] = [
  pjmConnector,
  caisoConnector,
  misoConnector,
  ercotConnector,
  sppConnector,
  nyisoConnector,
  isoneConnector,
  iesoConnector,
  aesoConnector,
  epexConnector,
  nordpoolConnector,
  jepxConnector,
  nemConnector,
  euetsConnector,
  gasConnector,
  fxConnector,
];
