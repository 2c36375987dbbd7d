import { apiGet, apiPath, type RequestBatcher } from '../client';
import { currencyCode, optionalText, requiredText } from './args';
import { parseDateArg } from './dates';
import { functionError } from './errors';

/** GRID.MARKETS, GRID.LOCATIONS and GRID.FX. */

export type Row = (string | number)[];

/** Most locations one GRID.LOCATIONS call spills. */
export const LOCATIONS_LIMIT = 5000;

export async function marketsFormula(batcher: RequestBatcher): Promise<Row[]> {
  const { markets } = await apiGet(batcher, apiPath('/markets'));
  return [
    ['Market', 'Name', 'Region', 'Clock', 'Currency', 'Runs', 'Products', 'Key needed', 'Key set'],
    ...markets.map((m) => [
      m.id,
      m.name,
      m.region,
      m.clock,
      m.currency,
      m.runs.map((r) => r.id).join(', '),
      m.products.map((p) => p.id).join(', '),
      m.keyless ? 'no' : m.keys.map((k) => k.env).join(', '),
      m.keys.length === 0 ? '' : m.keys.every((k) => k.set) ? 'yes' : 'no',
    ]),
  ];
}

export async function locationsFormula(batcher: RequestBatcher, market: unknown, search?: unknown): Promise<Row[]> {
  const id = requiredText(market, 'market', '"PJM"').toUpperCase();
  const q = optionalText(search, 'search', '"HUB"');
  const { locations } = await apiGet(batcher, apiPath('/markets/:market/locations', { market: id, q, limit: String(LOCATIONS_LIMIT) }));
  if (locations.length === 0) throw functionError('notAvailable', `No ${id} location matches "${q}". Try a shorter search.`);
  return [['Location', 'Type', 'Aliases'], ...locations.map((l) => [l.name, l.type, l.aliases.join(', ')])];
}

export async function fxFormula(batcher: RequestBatcher, from: unknown, to: unknown, date: unknown): Promise<number> {
  const path = apiPath('/fx', { from: currencyCode(from, 'from'), to: currencyCode(to, 'to'), date: parseDateArg(date, 'date').day });
  return (await apiGet(batcher, path)).rate;
}
