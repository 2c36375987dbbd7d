import { GridError } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { isObject, jsonOrUndefined } from '../../shared/json';
import { firstAndLastDay } from '../../shared/period';
import { EIA_KEY, FRED_HOST, type EiaSeries } from './market';

const API_BASE = 'https://api.eia.gov/v2';
/** EIA answers at most 5,000 rows per JSON response. */
export const PAGE_LENGTH = 5000;

/**
 * One request for every series of a route over the period, oldest first, paged by offset.
 * Parameters are written as the EIA documentation writes them (brackets unencoded).
 */
export function eiaRequest(route: string, frequency: 'daily' | 'weekly', series: EiaSeries[], ctx: RequestContext): HttpRequest {
  return dataRequest(
    ctx,
    route,
    frequency,
    'series',
    series.map((s) => s.id),
    (day) => day,
  );
}

/**
 * Route natural-gas/move/poe2 (exports by point of exit), monthly, for the months of the period and the
 * processes asked (`facets[process][]`), oldest first, paged by offset as `eiaRequest`.
 */
export function eiaExportsRequest(processes: string[], ctx: RequestContext): HttpRequest {
  return dataRequest(ctx, 'natural-gas/move/poe2', 'monthly', 'process', processes, (day) => day.slice(0, 7));
}

/**
 * The values of a route's facet at a frequency from the period's first day to its last, as `period`
 * writes a day for that frequency, oldest first, from offset 0 (brackets unencoded).
 */
function dataRequest(
  ctx: RequestContext,
  route: string,
  frequency: string,
  facet: string,
  values: string[],
  period: (day: string) => string,
): HttpRequest {
  const key = requireKey(ctx);
  const [first, last] = firstAndLastDay(ctx.period);
  const params = [
    `api_key=${encodeURIComponent(key)}`,
    `frequency=${frequency}`,
    'data[0]=value',
    ...values.map((v) => `facets[${facet}][]=${v}`),
    `start=${period(first)}`,
    `end=${period(last)}`,
    'sort[0][column]=period',
    'sort[0][direction]=asc',
    'offset=0',
    `length=${PAGE_LENGTH}`,
  ];
  return { url: `${API_BASE}/${route}/data/?${params.join('&')}`, secrets: ['api_key'] };
}

function requireKey(ctx: RequestContext): string {
  const key = ctx.keys[EIA_KEY];
  if (!key)
    throw new GridError(
      'MISSING_KEY',
      `GAS needs an EIA API key: set the environment variable ${EIA_KEY} (free at https://www.eia.gov/opendata/register.php).`,
    );
  return key;
}

/** The next page while offset + rows received < total. */
export function nextEiaPage(body: Buffer, previous: HttpRequest): HttpRequest | undefined {
  const answer = jsonOrUndefined(body);
  const response = isObject(answer) && isObject(answer.response) ? answer.response : undefined;
  const rows = Array.isArray(response?.data) ? response.data.length : 0;
  const total = Number(response?.total);
  const offset = Number(/[?&]offset=(\d+)/.exec(previous.url)?.[1] ?? 0);
  if (rows === 0 || !Number.isFinite(total) || offset + rows >= total) return undefined;
  return { ...previous, url: previous.url.replace(/([?&]offset=)\d+/, `$1${offset + rows}`) };
}

/**
 * FRED's graph CSV of one series over the period's days (`cosd`/`coed`, first and last day,
 * inclusive). No key: FRED serves these downloads to anyone.
 */
export function fredCsvRequest(seriesId: string, ctx: RequestContext): HttpRequest {
  const [first, last] = firstAndLastDay(ctx.period);
  const params = new URLSearchParams({ id: seriesId, cosd: first, coed: last });
  return { url: `https://${FRED_HOST}/graph/fredgraph.csv?${params}` };
}
