import type { Connector, LocationInfo, ParsedPoint } from '../connectors/types';
import type { SeriesKey, SeriesStore, WriteBatch, WriteSummary } from '../store/series-store';
import { dayBounds, marketDay } from '../time/clock';

export interface ParsedWrite {
  points: ParsedPoint[];
  locations?: LocationInfo[];
  coverage: { series: SeriesKey; day: string; partial?: boolean }[];
  /** `fetch:<report>` or `import:<file>`. */
  source: string;
  now: number;
  /** From a report the source revises later: never final. */
  provisional?: boolean;
}

/**
 * What every write of a connector's data shares: its market, currency and units, and when a day
 * is final (once it has ended on the market clock, unless the data is provisional).
 */
export function writeMeta(connector: Connector, source: string, now: number, provisional = false): Omit<WriteBatch, 'points' | 'locations' | 'coverage'> {
  const market = connector.market;
  const today = marketDay(now, market.clock);
  const productUnits: Record<string, string> = {};
  for (const p of market.products) if (p.unit) productUnits[p.id] = p.unit;
  return {
    market: market.id,
    currency: market.currency,
    unit: market.unit,
    productUnits,
    source,
    final: (day) => !provisional && day < today && dayBounds(day, market.clock).end <= now,
    fetchedAt: now,
  };
}

/** Stores parsed points of one report or file in one transaction. */
export function storeParsed(store: SeriesStore, connector: Connector, write: ParsedWrite): WriteSummary {
  return store.write({ ...writeMeta(connector, write.source, write.now, write.provisional), points: write.points, locations: write.locations, coverage: write.coverage });
}
