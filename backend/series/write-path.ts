import type { MarketDay, MarketInfo, ParseResult } from '../domain';
import type { BatchWriter, SeriesStore, WriteMeta, WriteSummary } from '../store/series-store';
import { dayBounds, marketDay } from '../time/clock';
import { CoverageTally } from './coverage';

export interface WriteOptions {
  /** `fetch:<report>` or `import:<file>`. */
  source: string;
  /**
   * The market days the data was asked for (a fetched period): the source's answer for them is
   * complete as it stands, even when it holds fewer intervals than the day has.
   */
  askedDays?: readonly MarketDay[];
  /** From a report the source revises later (preliminary, unverified): never final. */
  provisional?: boolean;
}

/** A write in progress: parsed pieces added one by one, then committed in the same transaction. */
export interface OpenWrite {
  add(result: ParseResult): void;
  commit(): WriteSummary;
  abort(): void;
}

/**
 * The ONE write path: a fetched report period and an imported file both end here. Parsed points
 * and locations go into one store transaction with the coverage they earn, by one set of rules:
 *
 * - a market day the points fill whole (23, 24 or 25 hours; a daily value fills its day) is covered;
 * - a day the data was asked for is covered as the source has it;
 * - any other day is kept as partial: stored, fetched again when online, and never replacing
 *   coverage the cache already has for that day;
 * - a covered day is final once it has ended on the market clock, unless the data is provisional.
 */
export class SeriesWriter {
  constructor(
    private readonly store: SeriesStore,
    private readonly now: () => number,
  ) {}

  write(market: MarketInfo, results: ParseResult[], options: WriteOptions): WriteSummary {
    const open = this.open(market, options);
    try {
      for (const result of results) open.add(result);
      return open.commit();
    } catch (e) {
      open.abort();
      throw e;
    }
  }

  open(market: MarketInfo, options: WriteOptions): OpenWrite {
    const writer: BatchWriter = this.store.beginWrite(this.meta(market, options));
    const tally = new CoverageTally(market.id, market.clock, market.currency);
    const asked = new Set(options.askedDays ?? []);
    return {
      add(result) {
        writer.points(result.points);
        writer.locations(result.locations ?? []);
        tally.add(result.points);
      },
      commit() {
        const coverage = tally.days().map(({ series, day, whole }) => ({ series, day, partial: !whole && !asked.has(day) }));
        return writer.commit(coverage);
      },
      abort: () => writer.abort(),
    };
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
    };
  }
}
