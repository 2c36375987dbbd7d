import type { FileSample, Report } from '../../types';
import { fetchApiPages, fetchMisDocuments } from './fetchers';
import { ERCOT_API_KEYS } from './market';
import { damDocument, intervalDocuments } from './mis';
import { parseApiPrices, parseMisAdders, parseMisDam, parseMisRt, parseScedLmp } from './parse';
import { DAM_SPP_API, MIS_DAM_SPP, MIS_RT_ADDERS, MIS_RT_SPP, RT_SPP_API } from './requests';

const firstLine = (file: FileSample): string => file.head.split(/\r?\n/, 1)[0].trim();
const apiReportOf = (file: FileSample): string | undefined => /"reportEMIL"\s*:\s*"([^"]+)"/.exec(file.head)?.[1];

const ADDER_PRODUCTS = ['ORDC_ONLINE', 'ORDC_OFFLINE', 'RDPA'];

export const ercotReports: Report[] = [
  {
    id: 'ercot.api.dam_spp',
    description: 'NP4-190-CD DAM settlement point prices from the ERCOT Public API (keyed)',
    runs: ['DA'],
    products: ['LMP'],
    keys: ERCOT_API_KEYS,
    scope: 'location',
    fetch: (ctx, get) => fetchApiPages(DAM_SPP_API, ctx, get),
    parse: (body, ctx) => parseApiPrices(body, 'DAM', ctx),
    detect: (file) => apiReportOf(file) === DAM_SPP_API.emil,
  },
  {
    id: 'ercot.api.rt_spp',
    description: 'NP6-905-CD real-time 15-minute settlement point prices from the ERCOT Public API (keyed)',
    runs: ['RT15'],
    products: ['LMP'],
    keys: ERCOT_API_KEYS,
    scope: 'location',
    fetch: (ctx, get) => fetchApiPages(RT_SPP_API, ctx, get),
    parse: (body, ctx) => parseApiPrices(body, 'RT', ctx),
    detect: (file) => apiReportOf(file) === RT_SPP_API.emil,
  },
  {
    id: 'ercot.mis.dam_spp',
    description: 'NP4-190-CD DAM settlement point prices, all settlement points, from the MIS (recent days)',
    runs: ['DA'],
    products: ['LMP'],
    scope: 'market',
    fetch: (ctx, get) => fetchMisDocuments(MIS_DAM_SPP, (docs, day) => [damDocument(docs, day)], ctx, get),
    parse: parseMisDam,
    detect: (file) => firstLine(file) === 'DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag',
  },
  {
    id: 'ercot.mis.rt_spp',
    description: 'NP6-905-CD real-time 15-minute settlement point prices, all settlement points, from the MIS (recent days)',
    runs: ['RT15'],
    products: ['LMP'],
    scope: 'market',
    fetch: (ctx, get) => fetchMisDocuments(MIS_RT_SPP, (docs, day) => intervalDocuments(docs, day, 'real-time prices'), ctx, get),
    parse: parseMisRt,
    detect: (file) => firstLine(file) === 'DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag',
  },
  {
    id: 'ercot.mis.rt_adders',
    description: 'NP6-324-CD real-time ORDC and reliability deployment price adders per 15-minute interval, from the MIS (recent days)',
    runs: ['RT15'],
    products: ADDER_PRODUCTS,
    scope: 'market',
    fetch: (ctx, get) => fetchMisDocuments(MIS_RT_ADDERS, (docs, day) => intervalDocuments(docs, day, 'real-time price adders'), ctx, get),
    parse: parseMisAdders,
    detect: (file) => /^DeliveryDate,DeliveryHour,DeliveryInterval,.*\bRTRDPA?\b/.test(firstLine(file)),
  },
  {
    id: 'ercot.sced_lmp',
    description: 'NP6-788-CD SCED LMPs by settlement point, one SCED run per file (import only)',
    runs: ['RT5'],
    products: ['LMP'],
    scope: 'market',
    parse: parseScedLmp,
    detect: (file) => firstLine(file) === 'SCEDTimestamp,RepeatedHourFlag,SettlementPoint,LMP',
  },
];
