import type { Run } from '../../contract';

/** A market clock: an IANA zone (`America/New_York`) or a fixed offset (`UTC-5`). */
export type Clock = string;

export type Region = 'North America' | 'Europe' | 'Asia-Pacific' | 'Commodities';

export interface RunInfo {
  id: Run;
  description: string;
  /** Typical interval length in minutes (for expected-interval counts and GRID.LIVE polling). */
  intervalMinutes: number;
}

export interface ProductInfo {
  id: string;
  description: string;
  /** Unit when it differs from the market's price unit (volumes, storage, MW of load and generation). */
  unit?: string;
  /** The run asked when none is named, where it is not the market's (`ACTUAL` for load and generation). */
  defaultRun?: Run;
}

/** A dataset the market does not serve, and why: said by `gridcell markets` instead of failing later. */
export interface Unavailable {
  dataset: string;
  reason: string;
}

export interface ApiKeyInfo {
  /** Environment variable (or config-file key) holding the secret. */
  env: string;
  description: string;
}

/** How a source's host may be called. */
export interface HostLimit {
  /** Smallest gap between two calls to the host (CAISO OASIS: 5 s). */
  minIntervalMs?: number;
  /** Calls at once to the host. */
  concurrency?: number;
}

/** Everything about a market that is data, not code. */
export interface MarketInfo {
  id: string;
  name: string;
  region: Region;
  clock: Clock;
  currency: string;
  /** Price unit, e.g. `MWh` (a price is currency per unit). */
  unit: string;
  runs: RunInfo[];
  defaultRun: Run;
  /** Run names that mean another run here, e.g. PJM `RT` -> `RTH`. */
  runAliases?: Partial<Record<Run, Run>>;
  /** Product names that mean another product here, beside the vocabulary's own aliases. */
  productAliases?: Record<string, string>;
  products: ProductInfo[];
  keys: ApiKeyInfo[];
  /** True when some report works without any key. */
  keyless: boolean;
  /** Hosts this market may call, with their limits. Connectors call only their own fixed hosts. */
  hosts: Record<string, HostLimit>;
  /** Plain statements shown by `gridcell markets` (licensing, history). */
  notes?: string[];
  unavailable?: Unavailable[];
}
