import { pointColumns, type MarketDay, type MarketInfo, type ParsedColumns, type ParseResult, type SeriesKey } from '../domain';
import type { BatchWriter, CoverageEntry, SeriesStore, WriteMeta, WriteSummary } from '../store/series-store';
import { whenWritable, WRITE_WAIT_MS, type WriteWait } from '../store/write-lock';
import { addDays, dayBounds, marketDay } from '../time/clock';
import { CoverageTally } from './coverage';

export interface WriteOptions {
  /** `fetch:<report>` or `import:<file>`. */
  source: string;
  /** From a report the source revises later (preliminary, unverified): never final. */
  provisional?: boolean;
  /**
   * Series-days a whole file was read for: those it holds no value for are covered as empty (a
   * weekend of a daily series, a day without an auction), so they are not asked for again and
   * again. Empty days of the last week stay partial (fetched again after the TTL): a late value
   * may still come.
   */
  checked?: { series: SeriesKey; day: MarketDay }[];
  /** A file streamed in pieces (`WriteMeta.streamed`). */
  streamed?: boolean;
}

/** Empty days younger than this may still get a late value: covered as partial, not final. */
const LATE_VALUE_DAYS = 7;

/** A write in progress: parsed pieces added one by one, then committed in the same transaction. */
export interface OpenWrite {
  /** A parser's result, or one already in columns (from a parsing thread). */
  add(result: ParseResult | ParsedColumns): Promise<void>;
  commit(): Promise<WriteSummary>;
  abort(): Promise<void>;
}

/**
 * The ONE write path: a fetched report period and an imported file both end here. Parsed points
 * and locations go into one store transaction with the coverage they earn, by one set of rules:
 *
 * - a market day the points fill whole (23, 24 or 25 hours; a daily value fills its day) is covered,
 *   and final once it has ended on the market clock, unless the data is provisional;
 * - a day they fill only in part is kept as partial: stored but never final, so it is fetched again
 *   once the provisional TTL has passed, and it never replaces a final day the cache already has.
 */
export class SeriesWriter {
  constructor(
    private readonly store: SeriesStore,
    private readonly now: () => number,
    private readonly wait: WriteWait = { maxMs: WRITE_WAIT_MS },
  ) {}

  async write(market: MarketInfo, results: (ParseResult | ParsedColumns)[], options: WriteOptions): Promise<WriteSummary> {
    const open = await this.open(market, options);
    try {
      for (const result of results) await open.add(result);
      return await open.commit();
    } catch (e) {
      await open.abort();
      throw e;
    }
  }

  /** Opens a write once the store can take one (another process's import may hold it a while). */
  async open(market: MarketInfo, options: WriteOptions): Promise<OpenWrite> {
    const meta = this.meta(market, options);
    const now = this.now;
    const writer: BatchWriter = await whenWritable(() => this.store.beginWrite(meta), this.wait);
    const tally = new CoverageTally(market.id, market.clock, market.currency);
    // Days already covered, kept only where `checked` must tell them from the empty ones.
    const coveredEarly: CoverageEntry[] = [];
    return {
      async add(result) {
        const columns = 'columns' in result ? result.columns : pointColumns(result.points);
        const whole = tally.add(columns, await writer.points(columns));
        writer.locations(result.locations ?? []);
        if (!whole.length) return;
        await writer.cover(whole);
        if (options.checked) for (const c of whole) coveredEarly.push(c);
      },
      commit() {
        const coverage: CoverageEntry[] = tally.covers();
        if (options.checked?.length) {
          const held = new Set([...coveredEarly, ...coverage].map((c) => `${seriesText(c.series)}\u0000${c.day}`));
          const recent = addDays(marketDay(now(), market.clock), -LATE_VALUE_DAYS);
          for (const { series, day } of options.checked)
            if (!held.has(`${seriesText(series)}\u0000${day}`)) coverage.push({ series, day, partial: day >= recent });
        }
        return writer.commit(coverage);
      },
      abort: () => writer.abort(),
    };
  }

  /** Empties the cache, once no other write holds it. */
  clear(): Promise<void> {
    return whenWritable(() => this.store.clear(), this.wait);
  }

  /**
   * Notes a market's failed fetch for health. The caller's answer does not wait for it: while an
   * import holds the cache, the note is written when the import ends.
   */
  recordError(market: string, message: string): void {
    whenWritable(() => this.store.recordError(market, message), this.wait).catch(() => {
      // the store closed or stayed busy past the wait: the error itself reached the caller
    });
  }

  private meta(market: MarketInfo, options: WriteOptions): WriteMeta {
    const now = this.now();
    const today = marketDay(now, market.clock);
    const productUnits: Record<string, string> = {};
    for (const p of market.products) if (p.unit) productUnits[p.id] = p.unit;
    return {
      market: market.id,
      currency: market.currency,
      unit: market.unit,
      productUnits,
      source: options.source,
      final: (day) => !options.provisional && day < today && dayBounds(day, market.clock).end <= now,
      fetchedAt: now,
      streamed: options.streamed,
    };
  }
}

function seriesText(k: SeriesKey): string {
  return [k.market, k.location, k.run, k.product, k.currency].join('\u0000');
}
