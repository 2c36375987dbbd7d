import { QUALITY_MAX_FINDINGS, type QualityFinding, type QualityResponse, type QualitySeries } from '../../../contract';
import type { Connector } from '../../connectors/types';
import { type StoredPoint, vintageOf } from '../../domain';
import type { SeriesStore, StoredSeries } from '../../store/series-store';
import { formatInstant } from '../../time/clock';
import type { Catalog } from '../catalog';
import type { QualityQuery } from '../queries';
import { typicalStep } from '../resample';
import { componentMismatches, gapFlag, missingIntervals, outliers, outsideLimits, peerDeviations, spreads, type Flag } from './checks';

/** Components that add up to an LMP, where a market publishes them. */
const COMPONENTS = ['ENERGY', 'CONGESTION', 'LOSS', 'GHG'];
/** Location types whose prices are compared with each other. */
const PEER_TYPES = new Set(['HUB', 'ZONE', 'REGION', 'AREA']);

interface Loaded {
  series: StoredSeries;
  points: StoredPoint[];
}

/**
 * What the cache holds for a market over a range, and what in it is worth a look: gaps, values a
 * source revised, values beyond the market's price cap and floor or far from their neighbours,
 * components that do not add up, day-ahead against real time, a location against its peers.
 */
export class QualityChecks {
  constructor(
    private readonly catalog: Catalog,
    private readonly store: SeriesStore,
  ) {}

  async report(q: QualityQuery): Promise<QualityResponse> {
    await this.store.refresh();
    const connector = this.catalog.connector(q.market);
    const clock = connector.market.clock;
    const days = q.range.days;
    const all = await this.store.seriesOf(q.market);
    // A forecast's kept issues repeat its latest values (FORECAST): checked once, there.
    const chosen = all.filter(
      (s) =>
        !vintageOf(s.key.run) &&
        (!q.location || s.key.location === q.location) &&
        (!q.run || s.key.run === q.run) &&
        (!q.product || s.key.product === q.product),
    );
    const loaded: Loaded[] = await Promise.all(
      chosen.map(async (series) => ({ series, points: await this.store.points(series.id, q.range.from, q.range.to) })),
    );
    /** A series' points in the range: from those checked, else read for the comparison. */
    const pointsOf = async (location: string, run: string, product: string): Promise<StoredPoint[] | undefined> => {
      const key = (s: StoredSeries) =>
        s.key.location === location && s.key.run === run && s.key.product === product && s.key.currency === connector.market.currency;
      const checked = loaded.find((l) => key(l.series));
      if (checked) return checked.points;
      const stored = all.find(key);
      return stored && (await this.store.points(stored.id, q.range.from, q.range.to));
    };
    const findings: QualityFinding[] = [];
    const add = (s: StoredSeries, flags: Flag[]) => {
      for (const f of flags) {
        findings.push({
          kind: f.kind,
          market: s.key.market,
          location: s.key.location,
          run: s.key.run,
          product: s.key.product,
          day: f.day,
          ...(f.start !== undefined ? { start: formatInstant(f.start, clock) } : {}),
          ...(f.value !== undefined ? { value: f.value } : {}),
          message: f.message((ms) => formatInstant(ms, clock)),
        });
      }
    };

    const summaries: QualitySeries[] = [];
    for (const { series, points } of loaded) {
      const run = connector.market.runs.find((r) => r.id === series.key.run);
      const step = typicalStep(points, (run?.intervalMinutes ?? 60) * 60_000);
      const coverage = await this.store.coverageDays(series.id, days[0], days[days.length - 1]);
      let expected = 0;
      for (const c of coverage) {
        const day = missingIntervals(points, c.day, clock, step);
        expected += day.expected;
        if (day.missing.length) add(series, [gapFlag(c.day, day.expected, day.missing)]);
      }
      const revisions = await this.store.revisions(series.id, q.range.from, q.range.to);
      add(
        series,
        revisions.map((r) => revisedFlag(r, clock)),
      );
      if (isPrice(connector, series) && !COMPONENTS.includes(series.key.product))
        add(series, [...outsideLimits(points, q.market, clock), ...outliers(points, clock)]);
      const covered = new Set(coverage.map((c) => c.day));
      summaries.push({
        ...series.key,
        unit: series.unit,
        expected,
        present: points.length,
        days: coverage.length,
        finalDays: coverage.filter((c) => c.final).length,
        missingDays: days.filter((d) => !covered.has(d)),
        revisions: revisions.length,
      });
    }

    await this.compare(connector, loaded, all, pointsOf, q.spread, add);
    findings.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : (a.start ?? '').localeCompare(b.start ?? '')));
    return {
      market: q.market,
      first: days[0],
      last: days[days.length - 1],
      series: summaries,
      findings: findings.slice(0, QUALITY_MAX_FINDINGS),
      findingsTotal: findings.length,
    };
  }

  /** The checks that set one series against another: components, day-ahead against real time, peers. */
  private async compare(
    connector: Connector,
    loaded: Loaded[],
    all: StoredSeries[],
    pointsOf: (location: string, run: string, product: string) => Promise<StoredPoint[] | undefined>,
    threshold: number,
    add: (s: StoredSeries, flags: Flag[]) => void,
  ): Promise<void> {
    const market = connector.market;
    const types = new Map((await this.catalog.locations(connector)).map((l) => [l.name, l.type]));
    const isPeer = (location: string) => PEER_TYPES.has(types.get(location) ?? 'NODE');
    const clock = market.clock;
    const realTime = market.runAliases?.RT ?? (market.runs.some((r) => r.id === 'RT') ? 'RT' : undefined);
    for (const l of loaded) {
      const { location, run, product, currency } = l.series.key;
      if (product !== 'LMP' || currency !== market.currency) continue;
      const components = new Map<string, StoredPoint[]>();
      for (const c of COMPONENTS) {
        const found = await pointsOf(location, run, c);
        if (found) components.set(c, found);
      }
      if (components.size >= 3) add(l.series, componentMismatches(l.points, components, clock));
      const rt = realTime && run === 'DA' ? await pointsOf(location, realTime, 'LMP') : undefined;
      if (rt) add(l.series, spreads(l.points, rt, threshold, clock));
      if (isPeer(location)) {
        const peerSeries = all.filter(
          (s) => s.key.location !== location && s.key.run === run && s.key.product === 'LMP' && isPeer(s.key.location),
        );
        const peers = (await Promise.all(peerSeries.map((s) => pointsOf(s.key.location, run, 'LMP')))).filter(
          (points): points is StoredPoint[] => points !== undefined,
        );
        add(l.series, peerDeviations(l.points, peers, threshold, clock));
      }
    }
  }
}

function isPrice(connector: Connector, series: StoredSeries): boolean {
  return !connector.market.products.find((p) => p.id === series.key.product)?.unit;
}

function revisedFlag(r: { start: number; oldValue: number; newValue: number; revisedAt: number }, clock: string): Flag {
  return {
    kind: 'revised',
    day: formatInstant(r.start, clock).slice(0, 10),
    start: r.start,
    value: r.newValue,
    message: (at) =>
      `${at(r.start)}: ${r.oldValue} revised to ${r.newValue} on ${new Date(r.revisedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  };
}
