import { GEN_PREFIX, LOAD_PRODUCT } from '../../../../contract';
import { calendarMonth } from '../../../time/periods';
import type { Report } from '../../types';
import { productsOf } from '../../shared/fundamentals';
import { sinkParsers } from '../../shared/points';
import { JEPX_INTRADAY_PRODUCTS, JEPX_VOLUME_PRODUCTS, jepxMarket } from './market';
import {
  areaCodeOfName,
  areaSupplyParser,
  isAreaSupply,
  isIntraday,
  isSpotSummary,
  readIntraday,
  readSpotSummary,
  readSpotSummaryPlain,
} from './parse';
import { fiscalYearPeriod, intradayRequest, spotSummaryRequest, tohokuAreaSupplyRequest } from './requests';

export const spotSummaryReport: Report = {
  id: 'jepx.spot_summary',
  description: 'JEPX spot market summary: system and area prices with bid and contracted volumes, one CSV per fiscal year',
  runs: ['DA'],
  products: ['LMP', ...Object.keys(JEPX_VOLUME_PRODUCTS)],
  scope: 'market',
  rowsIndependent: true,
  validFrom: '2005-04-01',
  periodOf: fiscalYearPeriod,
  request: spotSummaryRequest,
  ...sinkParsers(readSpotSummary, readSpotSummaryPlain),
  detect: (file) => isSpotSummary(file.bytes),
};

export const intradayReport: Report = {
  id: 'jepx.intraday',
  description:
    'JEPX intraday continuous market (時間前市場): open, high, low, close and average prices, volume and trades per half hour, one CSV per fiscal year',
  runs: ['ID'],
  products: ['LMP', ...Object.keys(JEPX_INTRADAY_PRODUCTS)],
  scope: 'market',
  rowsIndependent: true,
  // The continuous intraday market opened on 2016-04-01 (it replaced the hour-ahead market).
  validFrom: '2016-04-01',
  periodOf: fiscalYearPeriod,
  request: intradayRequest,
  ...sinkParsers(readIntraday),
  detect: (file) => isIntraday(file.bytes),
};

/**
 * Tohoku area demand and supply by fuel, a month per file. The file's content does not name its area
 * (every TSO writes the same layout), so import recognizes it by its layout and the area code 02 that
 * the TSO's file names carry (`eria_jukyu_202604_02.csv`, `realtime_jukyu_20260415_02.csv`).
 */
export const tohokuAreaSupplyReport: Report = {
  id: 'jepx.tohoku_area_supply',
  description:
    'Tohoku Electric Power Network area supply and demand (エリア需給実績): area demand and generation by fuel, MW per half hour, one CSV per month',
  runs: ['ACTUAL'],
  products: [LOAD_PRODUCT, ...productsOf(jepxMarket, GEN_PREFIX)],
  scope: 'market',
  provisional: true,
  validFrom: '2024-04-01',
  periodOf: calendarMonth,
  request: tohokuAreaSupplyRequest,
  parse: areaSupplyParser('TOHOKU', '02'),
  detect: (file) => isAreaSupply(file.bytes) && areaCodeOfName(file.name) === '02',
};
