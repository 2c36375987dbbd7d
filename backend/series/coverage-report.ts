import { COVERAGE_MAX_RANGES, type CoverageGroup, type CoverageRange, type CoverageResponse } from '../../contract';
import type { CoverageCount, SeriesStore } from '../store/series-store';
import { addDays } from '../time/clock';
import type { MarketPart } from './queries';

/**
 * Which market days the cache holds for a market, from which source (`fetch:<report>` or
 * `import:<file>`) and whether final: per run, product and currency, as runs of consecutive days
 * that share a source, a finality and a number of locations.
 */
export async function coverageReport(store: SeriesStore, q: MarketPart): Promise<CoverageResponse> {
  await store.refresh();
  const wanted = (g: { run: string; product: string }) => (!q.run || g.run === q.run) && (!q.product || g.product === q.product);
  const groups = new Map<
    string,
    { group: Omit<CoverageGroup, 'ranges' | 'rangesTotal' | 'days' | 'finalDays'>; counts: CoverageCount[] }
  >();
  const keyOf = (g: { run: string; product: string; currency: string }) => `${g.run}\u0000${g.product}\u0000${g.currency}`;
  for (const s of await store.seriesOf(q.market, q.location || undefined)) {
    if (!wanted(s.key)) continue;
    const key = keyOf(s.key);
    const known = groups.get(key);
    if (known) known.group.locations++;
    else
      groups.set(key, {
        group: { run: s.key.run, product: s.key.product, currency: s.key.currency, unit: s.unit, locations: 1 },
        counts: [],
      });
  }
  for (const c of await store.coverageCounts(q.market, q.location)) if (wanted(c)) groups.get(keyOf(c))?.counts.push(c);
  return {
    market: q.market,
    ...(q.location ? { location: q.location } : {}),
    groups: [...groups.values()]
      .filter((g) => g.counts.length > 0)
      .map(({ group, counts }) => ({ ...group, ...summary(counts) }))
      .sort((a, b) => a.run.localeCompare(b.run) || a.product.localeCompare(b.product) || a.currency.localeCompare(b.currency)),
  };
}

/** Days, final days and ranges of one group's counts (in day order). */
function summary(counts: CoverageCount[]): Pick<CoverageGroup, 'days' | 'finalDays' | 'ranges' | 'rangesTotal'> {
  const notFinal = new Set(counts.filter((c) => !c.final).map((c) => c.day));
  const days = new Set(counts.map((c) => c.day));
  /** The range each (source, finality, locations) is extending, by that key. */
  const open = new Map<string, CoverageRange>();
  const ranges: CoverageRange[] = [];
  for (const c of counts) {
    const key = `${c.source}\u0000${c.final}\u0000${c.series}`;
    const range = open.get(key);
    if (range && addDays(range.last, 1) === c.day) {
      range.last = c.day;
      continue;
    }
    const started: CoverageRange = { first: c.day, last: c.day, source: c.source, final: c.final, locations: c.series };
    open.set(key, started);
    ranges.push(started);
  }
  return {
    days: days.size,
    finalDays: [...days].filter((d) => !notFinal.has(d)).length,
    ranges: ranges.slice(-COVERAGE_MAX_RANGES),
    rangesTotal: ranges.length,
  };
}
