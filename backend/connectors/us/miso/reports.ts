import { PRICE_COMPONENTS } from '../../../../contract';
import type { FileSample, Report } from '../../types';
import { firstLine } from '../../shared/headers';
import { parseFiveMinExPostJson, wideLmpParser } from './parse';
import { fiveMinExPostCurrentRequest, marketReportRequest, type MarketReportName } from './requests';

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
    request: (ctx) => marketReportRequest(name, ctx),
    parse: wideLmpParser(run),
    detect: (file) => isWideReport(file, title),
  };
}

const isRealTime = (t: string): boolean => /^real-?\s?time market/i.test(t);

/**
 * In priority order. DA is the ex-post report (the settlement price). The ex-ante report is the
 * same market's clearing price; both are posted together, so it stands after the ex-post and
 * serves only when asked for with `--report miso.da_exante_lmp` (or if the ex-post is missing).
 * RTH is the final report when MISO has posted it (about a week after the day), else the
 * preliminary one, which MISO removes once the final is out.
 * The preliminary file's title is not confirmed by a capture: a real-time file is taken as
 * preliminary on import only when its title says "prelim".
 */
export const misoReports: Report[] = [
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
  {
    id: 'miso.rt_fivemin_expost_current',
    description: 'Real-time five-minute ex-post LMPs of the latest interval (public API GetRealTimeFiveMinExPost/Current)',
    runs: ['RT5'],
    products: PRODUCTS,
    scope: 'market',
    request: () => fiveMinExPostCurrentRequest(),
    parse: parseFiveMinExPostJson,
    detect: (file) => /^\s*\{\s*"headers"\s*:\s*\[\s*"INTERVAL"\s*,\s*"CPNODE"/.test(file.head),
  },
];
