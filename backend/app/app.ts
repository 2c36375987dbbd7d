import type {
  AggregateResponse,
  BlockMeansResponse,
  ClearCacheResponse,
  CoverageResponse,
  JobResponse,
  FxResponse,
  HealthResponse,
  KeyResponse,
  LatestResponse,
  LocationsResponse,
  MarketSummary,
  QualityResponse,
  SeriesColumnsResponse,
  SeriesResponse,
  ValueResponse,
} from '../../contract';
import type { Config } from '../config';
import type { Maybe } from '../domain';
import type { ImportOutcome } from '../import/importer';
import type {
  AggregateQuery,
  BackfillQuery,
  FxQuery,
  QualityQuery,
  LatestQuery,
  LocationsQuery,
  MarketPart,
  MarketBlockQuery,
  PointsQuery,
  SeriesQuery,
} from '../series/queries';
import type { PlannedRequest } from '../series/read-through';

export type { BackfillQuery } from '../series/queries';
export type { PlannedRequest } from '../series/read-through';
import type { RequestParser } from '../validation/requests';

/**
 * What gridcell can do, for the two edges that offer it: the HTTP API and the command line.
 * Both turn their text into typed queries with `requests` and ask here; neither sees the store.
 */
export interface App {
  readonly config: Readonly<Config>;
  /** Text of a request -> typed, validated query. */
  readonly requests: RequestParser;
  series(query: SeriesQuery): Promise<SeriesResponse>;
  /** The series in columns (values, with a first start and step, or every start). */
  columns(query: SeriesQuery): Promise<SeriesColumnsResponse>;
  /** The value at an instant (the series read path, answered with its start and value only). */
  /** At once when the store holds the answer in memory (a batch of thousands of lookups). */
  value(query: PointsQuery): Maybe<ValueResponse>;
  aggregate(query: AggregateQuery): Promise<AggregateResponse>;
  latest(query: LatestQuery): Promise<LatestResponse>;
  fx(query: FxQuery): Promise<FxResponse>;
  markets(): Promise<MarketSummary[]>;
  locations(query: LocationsQuery): Promise<LocationsResponse>;
  health(): Promise<HealthResponse>;
  /** Gaps, revisions, values beyond limits or far from neighbours, components, spreads, peers. */
  quality(query: QualityQuery): Promise<QualityResponse>;
  /** Which market days the cache holds, from which source, final or not: runs of days per run, product and currency. */
  coverage(query: MarketPart): Promise<CoverageResponse>;
  /** A block's monthly means over every cached location of a market's run and product. */
  blockMeans(query: MarketBlockQuery): Promise<BlockMeansResponse>;
  /**
   * Stores an API key (a `{"value": "..."}` body) in the config file and uses it at once; the answer
   * says only whether it is set. Refuses a name no market uses and an empty, long or garbled value.
   */
  saveKey(env: string, body: unknown): KeyResponse;
  /** Removes an API key from the config file. */
  removeKey(env: string): KeyResponse;
  /** Empties the cache; waits (without blocking anyone) while another process writes it. */
  clearCache(): Promise<ClearCacheResponse>;
  /** Starts fetching a long range in the background; the job's progress is read with `job`. */
  startBackfill(query: BackfillQuery): Promise<JobResponse>;
  /** The upstream requests a backfill would make now, nothing fetched (a dry run). */
  planBackfill(query: BackfillQuery): Promise<PlannedRequest[]>;
  jobs(): Promise<JobResponse[]>;
  job(id: string): Promise<JobResponse>;
  cancelJob(id: string): Promise<JobResponse>;
  /** Resolves when a job has ended. */
  jobEnded(id: string): Promise<JobResponse>;
  /** A file a user downloaded by hand, recognized by its content. */
  importFile(path: string, report?: string): Promise<ImportOutcome>;
  /** Bytes of such a file (a body the CLI or a test already holds). */
  importBytes(name: string, bytes: Buffer, report?: string): Promise<ImportOutcome>;
  /** Removes every API key value from a text (for logs and error messages). */
  redact(text: string): string;
  close(): Promise<void>;
}
