import type { Parser, Report } from '../../types';
import { firstLine } from '../../shared/headers';
import { fetchApiPages, fetchArchivedDamDocuments, fetchArchivedIntervalDocuments, fetchMisDocuments } from './fetchers';
import { ERCOT_API_KEYS } from './market';
import { damDocument, intervalDocuments, type MisDocument } from './mis';
import { apiPricesParser, misPricesParser, parseMisAdders, parseScedLmp } from './parse';
import { apiReportOf, ercotFundamentalReports } from './reports-fundamentals';
import { API_KEEPS_DAYS, DAM_SPP_API, MIS_DAM_SPP, MIS_RT_ADDERS, MIS_RT_SPP, PAGE_SIZE, RT_SPP_API, type ApiEndpoint } from './requests';

/** Public API prices of one settlement point (keyed). */
function apiReport(
  id: string,
  description: string,
  run: string,
  endpoint: ApiEndpoint,
  kind: 'DAM' | 'RT',
  /** Days older than this are read from the next report (the archive), where there is one. */
  keepsDays?: number,
): Report {
  return {
    id,
    description,
    runs: [run],
    products: ['LMP'],
    keys: ERCOT_API_KEYS,
    scope: 'location',
    // One settlement point per request, any range of delivery days; pages follow.
    limits: { maxDays: 366, rowsPerPage: PAGE_SIZE, ...(keepsDays === undefined ? {} : { keepsDays }) },
    fetch: (ctx, get) => fetchApiPages(endpoint, ctx, get),
    parse: apiPricesParser(kind),
    detect: (file) => apiReportOf(file) === endpoint.emil,
  };
}

interface MisReport {
  id: string;
  description: string;
  products: string[];
  run: string;
  reportTypeId: number;
  /** The documents of the MIS list that hold a day. */
  pick: (docs: MisDocument[], day: string) => MisDocument[];
  parse: Parser;
  detect: (header: string) => boolean;
}

/** Keyless MIS documents (recent days only), all settlement points in each. */
function misReport({ id, description, products, run, reportTypeId, pick, parse, detect }: MisReport): Report {
  return {
    id,
    description,
    runs: [run],
    products,
    scope: 'market',
    fetch: (ctx, get) => fetchMisDocuments(reportTypeId, pick, ctx, get),
    parse,
    detect: (file) => detect(firstLine(file.head)),
  };
}

/**
 * Public API archive of NP4-190-CD (keyed): the day's DAMSPNP4190 document, the same zip and CSV
 * as on the MIS, every settlement point in it. One archive list per window (up to a month of
 * postings, one page) and one download per delivery day.
 */
const archiveDamReport: Report = {
  id: 'ercot.api_archive_dam_spp',
  description:
    'NP4-190-CD DAM settlement point prices, all settlement points, from the ERCOT Public API archive (keyed; days older than the API keeps)',
  runs: ['DA'],
  products: ['LMP'],
  keys: ERCOT_API_KEYS,
  scope: 'market',
  // A month a window: its list is one page (at most 1,000 entries), then one download per day.
  limits: { maxDays: 31 },
  fetch: (ctx, get) => fetchArchivedDamDocuments(DAM_SPP_API.emil, ctx, get),
  parse: misPricesParser('DAM'),
};

/**
 * Public API archive of NP6-905-CD (keyed): the day's SPPHLZNP6905 interval documents (one per 15
 * minutes, the same zips and CSVs as on the MIS), every settlement point in them. One archive
 * list and one bulk download (at most 1,000 docIds) per window.
 */
const archiveRtReport: Report = {
  id: 'ercot.api_archive_rt_spp',
  description:
    'NP6-905-CD real-time 15-minute settlement point prices, all settlement points, from the ERCOT Public API archive (keyed; days older than the API keeps)',
  runs: ['RT15'],
  products: ['LMP'],
  keys: ERCOT_API_KEYS,
  scope: 'market',
  // A week a window: about 700 documents (100 a day at most, on the fall-back day), one bulk
  // download of at most 1,000; the list (CSV and XML renditions, ~1,400 entries) is two pages.
  limits: { maxDays: 7 },
  fetch: (ctx, get) => fetchArchivedIntervalDocuments(RT_SPP_API.emil, 'real-time prices', ctx, get),
  parse: misPricesParser('RT'),
};

export const ercotReports: Report[] = [
  apiReport(
    'ercot.api_dam_spp',
    'NP4-190-CD DAM settlement point prices from the ERCOT Public API (keyed)',
    'DA',
    DAM_SPP_API,
    'DAM',
    API_KEEPS_DAYS,
  ),
  archiveDamReport,
  apiReport(
    'ercot.api_rt_spp',
    'NP6-905-CD real-time 15-minute settlement point prices from the ERCOT Public API (keyed)',
    'RT15',
    RT_SPP_API,
    'RT',
    API_KEEPS_DAYS,
  ),
  archiveRtReport,
  misReport({
    id: 'ercot.mis_dam_spp',
    description: 'NP4-190-CD DAM settlement point prices, all settlement points, from the MIS (recent days)',
    products: ['LMP'],
    run: 'DA',
    reportTypeId: MIS_DAM_SPP,
    pick: (docs, day) => [damDocument(docs, day)],
    parse: misPricesParser('DAM'),
    detect: (header) => header === 'DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag',
  }),
  misReport({
    id: 'ercot.mis_rt_spp',
    description: 'NP6-905-CD real-time 15-minute settlement point prices, all settlement points, from the MIS (recent days)',
    products: ['LMP'],
    run: 'RT15',
    reportTypeId: MIS_RT_SPP,
    pick: (docs, day) => intervalDocuments(docs, day, 'real-time prices'),
    parse: misPricesParser('RT'),
    detect: (header) =>
      header === 'DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag',
  }),
  misReport({
    id: 'ercot.mis_rt_adders',
    description: 'NP6-324-CD real-time ORDC and reliability deployment price adders per 15-minute interval, from the MIS (recent days)',
    products: ['ORDC_ONLINE', 'ORDC_OFFLINE', 'RDPA'],
    run: 'RT15',
    reportTypeId: MIS_RT_ADDERS,
    pick: (docs, day) => intervalDocuments(docs, day, 'real-time price adders'),
    parse: parseMisAdders,
    detect: (header) => /^DeliveryDate,DeliveryHour,DeliveryInterval,.*\bRTRDPA?\b/.test(header),
  }),
  {
    id: 'ercot.sced_lmp',
    description: 'NP6-788-CD SCED LMPs by settlement point, one SCED run per file (import only)',
    runs: ['RT5'],
    products: ['LMP'],
    scope: 'market',
    parse: parseScedLmp,
    detect: (file) => firstLine(file.head) === 'SCEDTimestamp,RepeatedHourFlag,SettlementPoint,LMP',
  },
  // Fundamentals after the prices, so that the price reports keep their order.
  ...ercotFundamentalReports,
];
