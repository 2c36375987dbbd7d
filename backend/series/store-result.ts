import type { Connector, LocationInfo, ParsedPoint } from '../connectors/types';
import type { SeriesKey, SeriesStore, WriteSummary } from '../store/series-store';
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
 * Stores parsed points of one report or file in one transaction. A market day is final once it
 * has ended on the market clock, unless the data is provisional.
 */
export function storeParsed(store: SeriesStore, connector: Connector, write: ParsedWrite): WriteSummary {
  const market = connector.market;
  const today = marketDay(write.now, market.clock);
  return store.write({
    market: market.id,
    currency: market.currency,
    unit: market.unit,
    productUnits: productUnits(connector),
    points: write.points,
    locations: write.locations,
    coverage: write.coverage,
    source: write.source,
    final: (day) => !write.provisional && day < today && dayBounds(day, market.clock).end <= write.now,
    fetchedAt: write.now,
  });
}

function productUnits(connector: Connector): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of connector.market.products) if (p.unit) out[p.id] = p.unit;
  return out;
}
