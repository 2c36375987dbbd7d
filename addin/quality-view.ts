import { apiPath, fetchApi } from '../client';
import type { QualityFinding, QualityResponse, QualitySeries } from '../contract';
import { el } from './dom';
import { failureMessage } from './failure-message';

/** The quality of the previewed series beside the chart: coverage, revisions and what is worth a look. */

/** Findings listed in the pane; GRID.QUALITY(...;"findings") spills them all. */
const FINDINGS_SHOWN = 8;

export interface QualityQuery {
  market: string;
  location: string;
  start: string;
  end: string;
  /** The series the chart shows, as run and product. */
  shown: { run: string; product: string }[];
  signal: AbortSignal;
}

export async function showQuality(container: HTMLElement, q: QualityQuery): Promise<void> {
  let report: QualityResponse;
  try {
    report = await fetchApi(apiPath('/quality', { market: q.market, location: q.location, start: q.start, end: q.end }), q.signal);
  } catch (thrown) {
    if (q.signal.aborted) return;
    container.replaceChildren(el('p', { class: 'error' }, `Data quality: ${failureMessage(thrown)}`));
    container.hidden = false;
    return;
  }
  if (q.signal.aborted) return;
  const isShown = (s: { run: string; product: string }) => q.shown.some((x) => x.run === s.run && x.product === s.product);
  const series = report.series.filter(isShown);
  const findings = report.findings.filter(isShown);
  const more = report.findingsTotal > report.findings.length;
  const notes = [
    findings.length === 0 &&
      (more ? 'Too many findings to list here: use GRID.QUALITY.' : 'No gaps, revisions, outliers or values beyond limits.'),
    (findings.length > FINDINGS_SHOWN || more) && `GRID.QUALITY("${q.market}","${q.location}",…,"findings") lists every finding.`,
  ].filter((n): n is string => !!n);
  container.replaceChildren(
    el(
      'table',
      { class: 'stats', id: 'quality-table' },
      el('caption', {}, 'Data quality'),
      el('thead', {}, el('tr', {}, ...['Series', 'Intervals', 'Missing days', 'Revised'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...series.map(seriesRow)),
    ),
    el('ul', { class: 'findings', id: 'quality-findings' }, ...findings.slice(0, FINDINGS_SHOWN).map(findingItem)),
    ...notes.map((n) => el('p', { class: 'note' }, n)),
  );
  container.hidden = false;
}

function seriesRow(s: QualitySeries): HTMLTableRowElement {
  const complete = s.present >= s.expected && s.missingDays.length === 0;
  return el(
    'tr',
    { class: complete ? undefined : 'incomplete' },
    el('th', { scope: 'row' }, `${s.run} ${s.product}`),
    el('td', {}, `${s.present} / ${s.expected}`),
    el('td', {}, String(s.missingDays.length)),
    el('td', {}, String(s.revisions)),
  );
}

function findingItem(f: QualityFinding): HTMLLIElement {
  return el('li', { class: `finding ${f.kind}` }, el('strong', {}, `${f.day} ${f.kind}`), ` ${f.message}`);
}
