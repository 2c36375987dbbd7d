import type { Block, EnergyUnit, FillMode, Interval, Run, Stat } from '../../contract';
import type { Clock, MarketDay } from '../domain';
import type { TimeRange } from '../time/range';

/**
 * The typed, validated questions the series service answers. They are made once, at the edge
 * (backend/validation), from the text of an API call or a command line; nothing past the edge
 * reads a date, a market name or an option from text again.
 */

/** Which series: the market's id, its run and product, and the location as asked (resolved on reading). */
export interface SeriesName {
  market: string;
  location: string;
  run: Run;
  product: string;
}

/** How values are written: the clock of the times, a currency to convert to, an energy unit. */
export interface Presentation {
  tz: Clock;
  currency?: string;
  unit?: EnergyUnit;
  /** A forecast as issued by this instant (UTC ms): the latest vintage made by then. */
  asOf?: number;
}

export interface PointsQuery extends SeriesName, Presentation {
  range: TimeRange;
  /** A range too long for one answer is fetched by a background job (FETCHING until it is in). */
  background?: boolean;
  /** The same object on every lookup of a batch that names this series so: the read path resolves it once. */
  shared?: SharedSeries;
}

/** An identity only: what a batch's lookups of one series have in common. */
export type SharedSeries = object;

export interface SeriesQuery extends PointsQuery {
  interval?: Interval;
  fill?: FillMode;
  /** Answer the days available and list the others, instead of failing the whole range. */
  partial?: boolean;
}

export interface AggregateQuery extends PointsQuery {
  block: Block;
  stat: Stat;
}

export type LatestQuery = SeriesName & Presentation;

/** What of a market's cache to check: a location, run and product narrow it. */
/** Part of a market's cache: all of it, or one location, run or product. */
export interface MarketPart {
  market: string;
  location?: string;
  run?: Run;
  product?: string;
}

/** A block's monthly means over every cached location of a market's run and product. */
export interface MarketBlockQuery {
  market: string;
  run: Run;
  product: string;
  range: TimeRange;
  block: Block;
}

export interface QualityQuery extends MarketPart {
  range: TimeRange;
  /** A day-ahead/real-time or peer gap worth flagging, in the market's currency per unit. */
  spread: number;
}

/** A range to fetch into the cache in the background. */
export interface BackfillQuery extends SeriesName {
  /** The portfolio: `location` first. */
  locations: string[];
  range: TimeRange;
}

export interface FxQuery {
  from: string;
  to: string;
  date: MarketDay;
}

export interface LocationsQuery {
  market: string;
  search?: string;
  limit: number;
}
