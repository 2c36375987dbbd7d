import { statSync } from 'node:fs';
import type { App } from '../app';
import { GridError } from '../errors';
import { aggregate, latest } from '../series/statistics';
import type { SeriesParams } from '../series/service';
import { parseDay } from '../time/clock';
import { parsePair } from '../fx/cross';
import type { FxResponse, HealthResponse } from './contract';
import { locationList, marketSummaries } from './markets';

export type Query = Record<string, string | undefined>;
type Handler = (app: App, query: Query, params: Record<string, string>) => Promise<unknown> | unknown;

const VERSION = '0.1.0';

/**
 * The GET API as plain functions of the query: the Express routes and /batch both call these,
 * so a batched call answers exactly as a direct one.
 */
const ROUTES: { pattern: RegExp; names: string[]; handler: Handler }[] = [
  { pattern: /^\/health$/, names: [], handler: health },
  { pattern: /^\/markets$/, names: [], handler: (app) => ({ markets: marketSummaries(app) }) },
  {
    pattern: /^\/markets\/([^/]+)\/locations$/,
    names: ['market'],
    handler: (app, q, p) => locationList(app, p.market, q.q, limitOf(q.limit)),
  },
  { pattern: /^\/series$/, names: [], handler: (app, q) => app.service.series(seriesParams(q)) },
  { pattern: /^\/aggregate$/, names: [], handler: (app, q) => aggregate(app.service, { ...seriesParams(q), block: q.block, stat: q.stat }) },
  { pattern: /^\/latest$/, names: [], handler: (app, q) => latest(app.service, seriesParams(q)) },
  { pattern: /^\/fx$/, names: [], handler: fx },
];

export function findRoute(path: string): { handler: Handler; params: Record<string, string> } | undefined {
  for (const r of ROUTES) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
    return { handler: r.handler, params };
  }
  return undefined;
}

function seriesParams(q: Query): SeriesParams {
  return {
    market: q.market,
    location: q.location,
    start: q.start,
    end: q.end,
    run: q.run,
    product: q.product,
    tz: q.tz,
    currency: q.currency,
    interval: q.interval,
    fill: q.fill,
    unit: q.unit,
  };
}

function limitOf(limit: string | undefined): number {
  if (limit === undefined) return 50;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new GridError('BAD_REQUEST', `limit=${limit} must be a whole number from 1 to 10000.`);
  return n;
}

function health(app: App): HealthResponse {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(app.config.dbPath + suffix).size;
    } catch {
      /* not there yet */
    }
  }
  const log = app.store.fetchLog();
  return {
    status: 'ok',
    version: VERSION,
    database: { path: app.config.dbPath, bytes },
    offline: app.config.offline,
    markets: app.connectors.map(({ market }) => {
      const l = log.get(market.id);
      return {
        id: market.id,
        lastFetch: l?.lastFetch ? new Date(l.lastFetch).toISOString() : undefined,
        lastError: l?.lastError ? app.redact(l.lastError) : undefined,
      };
    }),
  };
}

/** `from=USD&to=JPY&date=...`, or `pair=USDJPY&date=...`. */
async function fx(app: App, q: Query): Promise<FxResponse> {
  const { from, to } = q.pair ? parsePair(q.pair) : { from: (q.from ?? '').trim().toUpperCase(), to: (q.to ?? '').trim().toUpperCase() };
  if (!/^[A-Z]{3}$/.test(from) || !/^[A-Z]{3}$/.test(to)) throw new GridError('BAD_REQUEST', 'Give from= and to= as three-letter currency codes, e.g. from=EUR&to=USD, or pair=EURUSD.');
  const date = (q.date ?? '').trim();
  parseDay(date);
  const r = await app.rates.cross(from, to, date, app.config.offline);
  return { from, to, date, rateDate: r.rateDate, rate: r.rate };
}
