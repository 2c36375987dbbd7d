import { COVERAGE_PARAMS } from '../../contract';
import type { Catalog } from '../series/catalog';
import type { CoverageQuery } from '../series/coverage-report';
import { FieldReader, type RawParams } from '../validation/fields';

/** GET /markets/:market/coverage's text -> a typed query: a known market, and a location, run and product it has. */
export function coverageQuery(catalog: Catalog, market: string, params: RawParams): CoverageQuery {
  const f = new FieldReader({ ...params, market }, [...COVERAGE_PARAMS, 'market']);
  const connector = f.read('market', () => catalog.market(market));
  const text = (name: string) => (connector ? f.text(name) : undefined);
  const locationText = text('location');
  const location = locationText === undefined ? undefined : f.read('location', () => catalog.location(connector!, locationText).name);
  const runText = text('run');
  const run = runText === undefined ? undefined : f.read('run', () => catalog.run(connector!, runText));
  const productText = text('product');
  const product = productText === undefined ? undefined : f.read('product', () => catalog.product(connector!, productText));
  f.finish();
  return { market: connector!.market.id, location, run, product };
}
