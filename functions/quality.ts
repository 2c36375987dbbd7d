import { apiGet, apiPath, type RequestBatcher } from '../client';
import type { QualityResponse } from '../contract';
import { isBlank, optionalChoice, optionalText, requiredText } from './args';
import { parseDateArg } from './dates';
import { functionError } from './errors';
import type { Row } from './listings';

/** GRID.QUALITY: what the cache holds of a market's series and what in it is worth a look. */

export interface QualityArgs {
  market: unknown;
  location?: unknown;
  start?: unknown;
  end?: unknown;
  run?: unknown;
  view?: unknown;
}

const VIEWS = ['summary', 'findings'] as const;
type View = (typeof VIEWS)[number];

export async function qualityFormula(batcher: RequestBatcher, args: QualityArgs): Promise<Row[]> {
  const market = requiredText(args.market, 'market', '"PJM"').toUpperCase();
  const view = viewOf(args.view);
  const path = apiPath('/quality', {
    market,
    location: optionalText(args.location, 'location', '"WESTERN HUB"'),
    start: isBlank(args.start) ? undefined : parseDateArg(args.start, 'start').day,
    end: isBlank(args.end) ? undefined : parseDateArg(args.end, 'end').day,
    run: optionalText(args.run, 'run', '"DA" or "RT"')?.toUpperCase(),
  });
  const report = await apiGet(batcher, path);
  if (report.series.length === 0)
    throw functionError('notAvailable', `Nothing of ${market} is cached from ${report.first} to ${report.last}; ask for its prices first.`);
  return view === 'summary' ? summaryRows(report) : findingRows(report);
}

function viewOf(value: unknown): View {
  return optionalChoice(value, 'view', VIEWS, 'summary', '"findings"');
}

/** One row per series: intervals expected and present, days cached and final, days missing, revisions, findings. */
function summaryRows(report: QualityResponse): Row[] {
  const findings = new Map<string, number>();
  for (const f of report.findings) findings.set(key(f), (findings.get(key(f)) ?? 0) + 1);
  // Past QUALITY_MAX_FINDINGS the answer lists only the first findings: a series' count is then "at least".
  const capped = report.findingsTotal > report.findings.length;
  return [
    ['Location', 'Run', 'Product', 'Expected', 'Present', 'Days', 'Final days', 'Missing days', 'Revisions', 'Findings'],
    ...report.series.map((s) => [
      s.location,
      s.run,
      s.product,
      s.expected,
      s.present,
      s.days,
      s.finalDays,
      s.missingDays.length,
      s.revisions,
      capped ? `${findings.get(key(s)) ?? 0}+` : (findings.get(key(s)) ?? 0),
    ]),
  ];
}

function findingRows(report: QualityResponse): Row[] {
  if (report.findings.length === 0) return [['No findings: no gaps, revisions, outliers or values beyond limits.']];
  const rows: Row[] = [
    ['Day', 'Kind', 'Location', 'Run', 'Product', 'Start', 'Value', 'Finding'],
    ...report.findings.map((f) => [f.day, f.kind, f.location, f.run, f.product, f.start ?? '', f.value ?? '', f.message]),
  ];
  if (report.findingsTotal > report.findings.length)
    rows.push([`… ${report.findingsTotal - report.findings.length} more; narrow the range or the location.`, '', '', '', '', '', '', '']);
  return rows;
}

function key(s: { location: string; run: string; product: string }): string {
  return `${s.location}\u0000${s.run}\u0000${s.product}`;
}
