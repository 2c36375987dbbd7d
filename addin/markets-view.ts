import { apiPath, fetchApi } from '../client';
import type { CoverageGroup, CoverageResponse, MarketSummary } from '../contract';
import { DATASET_LABELS, datasetsOf } from './datasets';
import { el } from './dom';
import { failureMessage } from './failure-message';

/** Most rows of cached days the market details list; the rest are counted. */
export const COVERAGE_ROWS = 12;

/** The market list, grouped by region, and the chosen market's details (key status, never a key). */

export function renderMarketList(
  container: HTMLElement,
  markets: MarketSummary[],
  chosen: string | undefined,
  pick: (id: string) => void,
): void {
  const regions = [...new Set(markets.map((m) => m.region))];
  container.replaceChildren(
    ...regions.map((region) =>
      el(
        'section',
        { class: 'region', 'aria-label': region },
        el('h3', {}, region),
        el(
          'ul',
          { class: 'market-list' },
          ...markets
            .filter((m) => m.region === region)
            .map((m) => {
              const button = el(
                'button',
                {
                  type: 'button',
                  class: 'market',
                  'data-market': m.id,
                  'aria-pressed': String(m.id === chosen),
                  title: `${m.name}: ${m.clock} · ${m.currency}${m.ready ? '' : ' · key missing'}`,
                },
                el('span', { class: 'market-id' }, m.id),
                el('span', { class: 'market-meta' }, `${m.clock} · ${m.currency}`),
                el(
                  'span',
                  { class: `badge ${m.ready ? 'ok' : 'warn'}` },
                  m.ready ? (m.keyless ? 'no key needed' : 'key set') : 'key missing',
                ),
              );
              button.addEventListener('click', () => pick(m.id));
              return el('li', {}, button);
            }),
        ),
      ),
    ),
  );
}

export function renderMarketDetails(container: HTMLElement, m: MarketSummary): void {
  const rows: [string, string][] = [
    ['Market', `${m.id}: ${m.name}`],
    ['Clock', m.clock],
    ['Currency', `${m.currency}/${m.unit}`],
    ['Runs', m.runs.map((r) => r.id).join(', ')],
    ...datasetsOf(m).map((d): [string, string] => [
      DATASET_LABELS[d],
      m.products
        .filter((p) => p.dataset === d)
        .map((p) => p.id)
        .join(', '),
    ]),
    [
      'API key',
      m.keys.length === 0
        ? 'none needed'
        : m.keys.map((k) => `${k.env}: ${k.set ? 'set' : 'not set'}`).join('; ') + (m.keyless ? ' (optional)' : ''),
    ],
    ['Cache', `${m.cache.days} days, ${m.cache.points.toLocaleString()} points`],
    ['Last fetch', m.cache.lastFetch ? new Date(m.cache.lastFetch).toLocaleString() : 'never'],
  ];
  if (m.cache.lastError) rows.push(['Last error', m.cache.lastError]);
  const cached = el('dd', { id: 'market-coverage', 'data-market': m.id }, m.cache.days ? 'Loading…' : 'nothing yet');
  container.replaceChildren(
    el(
      'dl',
      { class: 'details' },
      ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
      el('dt', {}, 'Cached days'),
      cached,
    ),
    ...m.notes.map((note) => el('p', { class: 'note' }, note)),
    ...m.unavailable.map((u) => el('p', { class: 'note unavailable' }, `Not available: ${u.dataset}. ${u.reason}`)),
  );
  if (m.cache.days) void showCoverage(cached, m);
}

/** The cached days of a market, once they are read (unless the details show another market by then). */
async function showCoverage(target: HTMLElement, m: MarketSummary): Promise<void> {
  let lines: string[];
  try {
    lines = coverageLines(await fetchApi(apiPath('/markets/:market/coverage', { market: m.id })), m.currency);
  } catch (thrown) {
    lines = [failureMessage(thrown)];
  }
  if (!target.isConnected) return;
  const shown = lines.slice(0, COVERAGE_ROWS);
  const more = lines.length - shown.length;
  target.replaceChildren(lines.length ? el('ul', { class: 'coverage-list' }, ...shown.map((line) => el('li', {}, line))) : 'nothing yet');
  if (more > 0) target.append(el('p', { class: 'note' }, `… and ${more} more (GRID.QUALITY shows them per series)`));
}

/**
 * One line per run of cached days: "DA LMP: 2025-07-01 .. 2025-07-02 (import:file.csv, final)",
 * with the currency where it is not the market's and the locations where the group has several.
 * Products of a run whose days are the same share a line ("DA LMP, CONGESTION, LOSS: ...").
 */
export function coverageLines(coverage: CoverageResponse, marketCurrency: string): string[] {
  const shared = new Map<string, { run: string; currency: string; products: string[]; group: CoverageGroup }>();
  for (const g of coverage.groups) {
    const key = JSON.stringify([g.run, g.currency, g.locations, g.rangesTotal, g.ranges]);
    const known = shared.get(key);
    if (known) known.products.push(g.product);
    else shared.set(key, { run: g.run, currency: g.currency, products: [g.product], group: g });
  }
  return [...shared.values()].flatMap(({ run, currency, products, group: g }) => {
    const ordered = [...products.filter((p) => p === 'LMP'), ...products.filter((p) => p !== 'LMP')];
    const name = `${run} ${ordered.join(', ')}${currency === marketCurrency ? '' : ` ${currency}`}`;
    const lines = g.ranges.map((r) => {
      const days = r.first === r.last ? r.first : `${r.first} .. ${r.last}`;
      const where = g.locations > 1 ? `, ${r.locations} of ${g.locations} locations` : '';
      return `${name}: ${days} (${r.source}, ${r.final ? 'final' : 'not final'}${where})`;
    });
    const older = g.rangesTotal - g.ranges.length;
    return older > 0 ? [`${name}: ${older} older ranges`, ...lines] : lines;
  });
}
