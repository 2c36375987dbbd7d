import { GEN_PREFIX, LOAD_PRODUCT, PRICE_COMPONENTS } from '../../../../contract';
import type { LocationInfo } from '../../../domain';
import type { Report } from '../../types';
import { sinkParsers } from '../../shared/points';
import { CAISO_TAC, OUTLOOK_FUELS, OUTLOOK_LOCATION } from './market';
import { looksLikeOasis, oasisPlainReader, oasisReader } from './parse';
import {
  AS_PRODUCTS,
  type AsPrices,
  asPriceReader,
  DAM_AS,
  looksLikeAsPrices,
  looksLikeOutlookDemand,
  looksLikeOutlookFuels,
  looksLikeSldFcst,
  parseOutlookDemand,
  parseOutlookFuels,
  readSldFcst,
  RTM_AS,
} from './parse-fundamentals';
import {
  OASIS_AREA_LIMITS,
  OASIS_LIMITS,
  PRC_AS,
  PRC_INTVL_AS,
  PRC_INTVL_LMP,
  PRC_LMP,
  PRC_RTPD_LMP,
  oasisAreaRequest,
  type OasisAreaQuery,
  oasisRequest,
  type OasisQuery,
  outlookRequest,
  sldFcstRequest,
} from './requests';

const PRODUCTS: string[] = [...PRICE_COMPONENTS, 'GHG'];

function oasisReport(id: string, description: string, run: string, query: OasisQuery): Report {
  return {
    id,
    description,
    runs: [run],
    products: PRODUCTS,
    scope: 'location',
    limits: OASIS_LIMITS,
    rowsIndependent: true,
    request: (ctx) => oasisRequest(query, ctx),
    ...sinkParsers(oasisReader(query, run), oasisPlainReader(query, run)),
    detect: (file) => looksLikeOasis(file, query),
  };
}

/** SLD_FCST answers for the TAC areas (the WEIM areas and CAISO's TACs, total `CA ISO-TAC`). */
const isTacArea = (location: LocationInfo): boolean => location.type === 'AREA' || location.name === CAISO_TAC;
/** Today's Outlook is CAISO's own balancing area, kept as location `CAISO`. */
const isOutlook = (location: LocationInfo): boolean => location.name === OUTLOOK_LOCATION;
const isAsRegion = (location: LocationInfo): boolean => location.type === 'REGION' && location.name.startsWith('AS_');

const sldFcst: Report = {
  id: 'caiso.sld_fcst',
  description:
    'OASIS SLD_FCST v1: hourly load by TAC area, MARKET_RUN_ID ACTUAL (integrated actual load) and DAM (day-ahead forecast, stored as FORECAST without a vintage: the file has no issue time)',
  runs: ['ACTUAL', 'FORECAST'],
  products: [LOAD_PRODUCT],
  scope: 'market',
  serves: isTacArea,
  provisional: true,
  limits: OASIS_AREA_LIMITS,
  rowsIndependent: true,
  request: sldFcstRequest,
  ...sinkParsers(readSldFcst),
  detect: looksLikeSldFcst,
};

function asReport(id: string, description: string, query: OasisAreaQuery, prices: AsPrices): Report {
  return {
    id,
    description,
    runs: [prices.run],
    products: AS_PRODUCTS,
    scope: 'market',
    serves: isAsRegion,
    limits: OASIS_AREA_LIMITS,
    rowsIndependent: true,
    request: (ctx) => oasisAreaRequest(query, prices.marketRunId, ctx),
    ...sinkParsers(asPriceReader(prices)),
    detect: (file) => looksLikeAsPrices(file, prices),
  };
}

const outlookFuels: Report = {
  id: 'caiso.outlook_fuelsource',
  description:
    "Today's Outlook fuelsource.csv: five-minute generation by fuel at CAISO (history file of one day; large and small hydro summed, biomass and biogas summed)",
  runs: ['ACTUAL'],
  products: OUTLOOK_FUELS.map((fuel) => GEN_PREFIX + fuel),
  scope: 'market',
  serves: isOutlook,
  provisional: true,
  request: (ctx) => outlookRequest('fuelsource', ctx),
  parse: parseOutlookFuels,
  detect: looksLikeOutlookFuels,
};

const outlookDemand: Report = {
  id: 'caiso.outlook_netdemand',
  description:
    "Today's Outlook netdemand.csv: five-minute CAISO demand (ACTUAL) and its hour-ahead forecast (FORECAST, no issue time in the file), at CAISO",
  runs: ['ACTUAL', 'FORECAST'],
  products: [LOAD_PRODUCT],
  scope: 'market',
  serves: isOutlook,
  provisional: true,
  request: (ctx) => outlookRequest('netdemand', ctx),
  parse: parseOutlookDemand,
  detect: looksLikeOutlookDemand,
};

export const caisoReports: Report[] = [
  oasisReport('caiso.prc_lmp', 'OASIS PRC_LMP v12: day-ahead (IFM) hourly LMP and its components', 'DA', PRC_LMP),
  oasisReport('caiso.prc_rtpd_lmp', 'OASIS PRC_RTPD_LMP v3: fifteen-minute market LMP and its components', 'RT15', PRC_RTPD_LMP),
  oasisReport('caiso.prc_intvl_lmp', 'OASIS PRC_INTVL_LMP v3: five-minute real-time dispatch LMP and its components', 'RT5', PRC_INTVL_LMP),
  sldFcst,
  outlookDemand,
  outlookFuels,
  asReport(
    'caiso.prc_as',
    'OASIS PRC_AS v12 (DAM): hourly day-ahead ancillary-service clearing prices (RU, RD, SR, NR) per AS region',
    PRC_AS,
    DAM_AS,
  ),
  asReport(
    'caiso.prc_intvl_as',
    'OASIS PRC_INTVL_AS v1 (RTM): fifteen-minute real-time ancillary-service clearing prices (RU, RD, SR, NR) per AS region',
    PRC_INTVL_AS,
    RTM_AS,
  ),
];
