import type { CompactAnswerOf, GetEndpoints, GetPath } from '../../contract';
import type { App } from '../app/app';
import type { RawParams } from '../validation/fields';
import type { LookupNames } from '../validation/requests';

type GetHandler<P extends GetPath> = (
  app: App,
  query: RawParams,
  path: Record<string, string>,
  batch?: LookupNames,
) => Promise<GetEndpoints[P]['response']> | GetEndpoints[P]['response'];

/**
 * The GET API as plain functions: text in, validated once into a typed query, answered by the
 * app. Express routes and /batch both call these, so a batched call answers exactly as a direct one
 * (`batch`: the lookups of one batch, whose series are read once).
 */
export const GET_ROUTES: { [P in GetPath]: GetHandler<P> } = {
  '/health': (app) => app.health(),
  '/markets': async (app) => ({ markets: await app.markets() }),
  '/markets/:market/locations': (app, query, path) => app.locations(app.requests.locations(path.market, query)),
  '/markets/:market/coverage': async (app, query, path) => app.coverage(await app.requests.coverage(path.market, query)),
  '/markets/:market/block-means': (app, query, path) => app.blockMeans(app.requests.blockMeans(path.market, query)),
  '/series': (app, query) => app.series(app.requests.series(query)),
  '/value': (app, query, _path, batch) => app.value(app.requests.value(query, batch)),
  '/columns': (app, query) => app.columns(app.requests.series(query)),
  '/aggregate': (app, query) => app.aggregate(app.requests.aggregate(query)),
  '/latest': (app, query) => app.latest(app.requests.latest(query)),
  '/fx': (app, query) => app.fx(app.requests.fx(query)),
  '/quality': async (app, query) => app.quality(await app.requests.quality(query)),
  '/jobs': async (app) => ({ jobs: await app.jobs() }),
  '/jobs/:id': (app, _query, path) => app.job(path.id),
};

export const GET_PATHS = Object.keys(GET_ROUTES) as GetPath[];

/** What a compact batch answers for a path, where it is less than the whole answer. */
export const COMPACT_ANSWERS: { [P in GetPath]?: (answer: GetEndpoints[P]['response']) => CompactAnswerOf<P> } = {
  '/value': (answer) => answer.value,
};
