import { PRICE_COMPONENTS } from '../../../../contract';
import { GridError } from '../../../domain';
import type { HttpGet } from '../../../http/types';
import type { FileSample, Report, RequestContext } from '../../types';
import { firstLine } from '../../shared/headers';
import { isNotPublished } from '../../shared/not-published';
import { MISO_API_KEY_ENV } from './market';
import { dxLmpParser, parseFiveMinExPostJson, wideLmpParser } from './parse';
import {
  dxLmpRequest,
  dxNextPage,
  type DxFeed,
  fiveMinExPostForms,
  fiveMinExPostRequest,
  marketReportRequest,
  type MarketReportName,
} from './requests';
import { misoFundamentalReports } from './reports-fundamentals';

const PRODUCTS: string[] = [...PRICE_COMPONENTS];

/** The title line of a wide report, e.g. `Day Ahead Market ExPost LMPs` (padded with commas in some files). */
function titleOf(file: FileSample): string {
  return firstLine(file.head).replace(/,+$/, '').trim();
}

function isWideReport(file: FileSample, title: (t: string) => boolean): boolean {
  return /^Node,Type,Value,HE 1,/m.test(file.head) && title(titleOf(file));
}

function wideReport(name: MarketReportName, run: string, description: string, title: (t: string) => boolean): Report {
  return {
    id: `miso.${name}`,
    description,
    runs: [run],
    products: PRODUCTS,
    scope: 'market',
    // One file per market day (`<YYYYMMDD>_<name>.csv`), every node in it: no limits.
    request: (ctx) => marketReportRequest(name, ctx),
    parse: wideLmpParser(run),
    detect: (file) => isWideReport(file, title),
  };
}

const isRealTime = (t: string): boolean => /^real-?\s?time market/i.test(t);

/** A Data Exchange ex-post LMP feed for one node: keyed, paged, before the keyless reports of its run. */
function dxReport(id: string, feed: DxFeed, run: string, intervalMinutes: number, description: string, provisional = false): Report {
  return {
    id: `miso.${id}`,
    description,
    runs: [run],
    products: PRODUCTS,
    keys: [MISO_API_KEY_ENV],
    scope: 'location',
    // One market day (the date is in the path) and one node (`node`) per request, as the Data Exchange pricing API takes them: no limits.
    provisional,
    request: (ctx) => dxLmpRequest(feed, ctx),
    nextPage: (body, previous) => dxNextPage(body, previous),
    parse: dxLmpParser(run, intervalMinutes),
  };
}

/**
 * The public five-minute ex-post API for the day asked: the forms that can hold it (see
 * `fiveMinExPostForms`) at the moment of the request, tried in order; a form not published hands
 * over to the next. The parser keeps the rows of the day asked (none is NOT_PUBLISHED).
 */
async function fiveMinExPostFetch(ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const day = ctx.period.days[0];
  const forms = fiveMinExPostForms(day, ctx.now ?? Date.now());
  if (!forms.length)
    throw new GridError(
      'NOT_PUBLISHED',
      `MISO's public five-minute API holds only today and yesterday (EST), not ${day}; set ${MISO_API_KEY_ENV} to read any day from the Data Exchange.`,
    );
  let lastError: unknown;
  for (const form of forms) {
    try {
      return [(await get(fiveMinExPostRequest(form))).body];
    } catch (e) {
      if (!isNotPublished(e)) throw e;
      lastError = e;
    }
  }
  throw lastError;
}

const fiveMinExPostReport: Report = {
  id: 'miso.rt_fivemin_expost',
  description:
    'Real-time five-minute ex-post LMPs of today or yesterday (public API GetRealTimeFiveMinExPost: Rolling, Current or Previous)',
  runs: ['RT5'],
  products: PRODUCTS,
  scope: 'market',
  provisional: true,
  fetch: fiveMinExPostFetch,
  parse: parseFiveMinExPostJson,
  detect: (file) => /^\s*\{\s*"headers"\s*:\s*\[\s*"INTERVAL"\s*,\s*"CPNODE"/.test(file.head),
};

/**
 * In priority order. With MISO_API_KEY the Data Exchange pricing API comes first for every run
 * (MISO is retiring the CSV market reports); without it the keyless reports serve.
 * DA is the ex-post report (the settlement price). The ex-ante report is the
 * same market's clearing price; both are posted together, so it stands after the ex-post and
 * serves only when asked for with `--report miso.da_exante_lmp` (or if the ex-post is missing).
 * RTH is the final report when MISO has posted it (about a week after the day), else the
 * preliminary one, which MISO removes once the final is out.
 * The preliminary file's title is not confirmed by a capture: a real-time file is taken as
 * preliminary on import only when its title says "prelim".
 */
export const misoReports: Report[] = [
  dxReport(
    'dx_da_expost_lmp',
    { market: 'day-ahead' },
    'DA',
    60,
    'Day-ahead ex-post hourly LMPs of one node (Data Exchange pricing API, day-ahead/{date}/lmp-expost)',
  ),
  dxReport(
    'dx_rt_expost_lmp_hourly',
    { market: 'real-time', resolution: 'hourly' },
    'RTH',
    60,
    'Real-time ex-post hourly LMPs of one node, preliminary then final (Data Exchange pricing API, real-time/{date}/lmp-expost)',
    true,
  ),
  dxReport(
    'dx_rt_expost_lmp_5min',
    { market: 'real-time', resolution: '5min' },
    'RT5',
    5,
    'Real-time ex-post five-minute LMPs of one node, from the day after (Data Exchange pricing API, real-time/{date}/lmp-expost)',
    true,
  ),
  wideReport('da_expost_lmp', 'DA', 'Day-ahead ex-post hourly LMPs (market report <date>_da_expost_lmp.csv)', (t) =>
    /^day ahead market expost/i.test(t),
  ),
  wideReport('da_exante_lmp', 'DA', 'Day-ahead ex-ante hourly LMPs (market report <date>_da_exante_lmp.csv)', (t) =>
    /^day ahead market exante/i.test(t),
  ),
  wideReport(
    'rt_lmp_final',
    'RTH',
    'Real-time hourly LMPs, final (market report <date>_rt_lmp_final.csv)',
    (t) => isRealTime(t) && !/prelim/i.test(t),
  ),
  wideReport(
    'rt_lmp_prelim',
    'RTH',
    'Real-time hourly LMPs, preliminary (market report <date>_rt_lmp_prelim.csv)',
    (t) => isRealTime(t) && /prelim/i.test(t),
  ),
  fiveMinExPostReport,
  // Fundamentals (load, fuel mix, reserve MCPs): other products, so the price reports above are unaffected.
  ...misoFundamentalReports,
];
