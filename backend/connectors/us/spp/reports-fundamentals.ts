import { AS_PREFIX, GEN_PREFIX, LOAD_PRODUCT } from '../../../../contract';
import { GridError } from '../../../domain';
import type { HttpGet } from '../../../http/types';
import type { Report, RequestContext } from '../../types';
import { productsOf } from '../../shared/fundamentals';
import { ifPublished } from '../../shared/not-published';
import { SPP_BAA, sppMarket, SWPW_BAA } from './market';
import { isGenMixFile, isMtlfFile, parseGenMix, parseMtlf, sppMcpKind, sppMcpParser } from './parse-fundamentals';
import { daMcpRequest, genMixRequest, mtlfActualPublished, mtlfForecastPublished, mtlfRequest, rtbmMcpDailyRequest } from './requests';

/**
 * FORECAST: the one file published at the day's start (or the newest, for a day not begun).
 * ACTUAL: the files published at 12:00 on the day and 24 hours later, whose past-24-hour actuals
 * together cover the day; the later one may not be posted yet (the day is then partial).
 */
async function fetchMtlf(ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const day = ctx.period.days[0];
  if (ctx.run !== 'ACTUAL') return [(await get(mtlfRequest(mtlfForecastPublished(day, ctx.now ?? Date.now())))).body];
  const [first, second] = mtlfActualPublished(day);
  const now = ctx.now ?? Date.now();
  if (first > now)
    throw new GridError('NOT_PUBLISHED', `SPP's load forecast files hold the actual load of ${day} from 12:00 Central that day.`);
  const bodies = [(await get(mtlfRequest(first))).body];
  if (second > now) return bodies;
  const later = await ifPublished(get(mtlfRequest(second)));
  if (later) bodies.push(later.body);
  return bodies;
}

export const sppMtlf: Report = {
  id: 'spp.op_mtlf',
  description:
    'Load by balancing authority (SPP, SWPW): mid-term load forecast and averaged actual, hourly (Operations MTLF files, OP-MTLF)',
  runs: ['ACTUAL', 'FORECAST'],
  products: [LOAD_PRODUCT],
  scope: 'market',
  // One or two hourly files per market day, both BAAs in each: no limits.
  provisional: true,
  fetch: fetchMtlf,
  parse: parseMtlf,
  detect: isMtlfFile,
};

export const sppGenMix: Report = {
  id: 'spp.gen_mix',
  description: 'Generation by fuel per balancing authority (SPP, SWPW), five-minute, market and self-scheduled summed (GenMix365 files)',
  runs: ['ACTUAL'],
  products: productsOf(sppMarket, GEN_PREFIX),
  scope: 'location',
  serves: (location) => location.name === SPP_BAA || location.name === SWPW_BAA,
  provisional: true,
  // One file holds the last 365 days of a BAA: any window within them is one request.
  limits: { maxDays: 365, keepsDays: 365 },
  request: (ctx) => genMixRequest(ctx.location?.name === SWPW_BAA ? SWPW_BAA : SPP_BAA),
  parse: parseGenMix,
  detect: isGenMixFile,
};

export const sppDaMcp: Report = {
  id: 'spp.da_mcp',
  description: 'Day-ahead reserve MCPs by reserve zone, hourly (DA-MCP)',
  runs: ['DA'],
  products: productsOf(sppMarket, AS_PREFIX),
  scope: 'market',
  // One file per market day, every reserve zone in it: no limits.
  request: (ctx) => daMcpRequest(ctx.period.key),
  parse: sppMcpParser('DA', 60),
  detect: (file) => sppMcpKind(file) === 'DA',
};

export const sppRtbmMcp: Report = {
  id: 'spp.rtbm_mcp',
  description: 'Real-time (RTBM) reserve MCPs by reserve zone, 5-minute: the daily file, posted once the day is over (RTBM-MCP-DAILY)',
  runs: ['RT5'],
  products: productsOf(sppMarket, AS_PREFIX),
  scope: 'market',
  // One daily file per market day, every reserve zone in it: no limits.
  request: (ctx) => rtbmMcpDailyRequest(ctx.period.key),
  parse: sppMcpParser('RT5', 5),
  detect: (file) => sppMcpKind(file) === 'RT5',
};

export const sppFundamentalReports: Report[] = [sppMtlf, sppGenMix, sppDaMcp, sppRtbmMcp];
