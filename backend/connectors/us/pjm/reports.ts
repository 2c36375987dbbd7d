import type { Report } from '../../types';
import { firstLine } from '../../shared/headers';
import { DA_HOURLY, RT_FIVE_MIN, RT_HOURLY, RT_UNVERIFIED_FIVE_MIN, ALL_PRODUCTS, type PjmFeed } from './feeds';
import { fundamentalReports, isApiAnswerOf } from './fundamentals-reports';
import { PJM_API_KEY_ENV } from './market';
import { apiJsonParser, parseDataMinerCsv } from './parse';
import { feedRequest, nextPageRequest } from './requests';

function apiReport(feed: PjmFeed, description: string): Report {
  return {
    id: `pjm.${feed.name}`,
    description,
    runs: [feed.run],
    products: feed.products,
    keys: [PJM_API_KEY_ENV],
    scope: 'location',
    limits: feed.limits,
    request: (ctx) => feedRequest(feed, ctx),
    nextPage: nextPageRequest,
    parse: apiJsonParser(feed),
    detect: (file) => isApiAnswerOf(file.head, feed.name),
  };
}

const DATA_MINER_HEADER = /^datetime_beginning_utc,.*\bpnode_name\b.*\btotal_lmp_(da|rt)\b/i;

/**
 * Reports in priority order. The unverified five-minute feed comes after the verified one: PJM
 * keeps it about two weeks and it is the only five-minute source for today. The fundamentals
 * (load, its forecast, generation by fuel, reserve prices) come after the prices.
 */
export const pjmReports: Report[] = [
  apiReport(DA_HOURLY, 'Day-ahead hourly LMPs (Data Miner 2 da_hrl_lmps)'),
  apiReport(RT_HOURLY, 'Real-time hourly LMPs, settlement-verified (Data Miner 2 rt_hrl_lmps)'),
  apiReport(RT_FIVE_MIN, 'Real-time five-minute LMPs, settlement-verified (Data Miner 2 rt_fivemin_hrl_lmps)'),
  apiReport(RT_UNVERIFIED_FIVE_MIN, 'Real-time five-minute LMPs as posted, unverified (Data Miner 2 rt_unverified_fivemin_lmps)'),
  {
    id: 'pjm.dataminer_csv',
    description: 'Data Miner 2 CSV export of da_hrl_lmps, rt_hrl_lmps or rt_fivemin_hrl_lmps (file import only)',
    runs: ['DA', 'RTH', 'RT5'],
    products: ALL_PRODUCTS,
    scope: 'market',
    parse: parseDataMinerCsv,
    detect: (file) => DATA_MINER_HEADER.test(firstLine(file.head)),
  },
  ...fundamentalReports,
];
