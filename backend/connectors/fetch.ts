import { GridError, type ParseResult, type Period } from '../domain';
import type { HttpGet } from '../http/types';
import { fetchPages } from './shared/paging';
import type { Connector, Report, RequestContext } from './types';

/** The download unit holding a market day: the day itself unless the report says otherwise. */
export function periodOf(report: Report, day: string): Period {
  return report.periodOf ? report.periodOf(day) : { key: day, days: [day] };
}

/** Every body of one period: the report's own multi-step fetch, or its request followed by its pages. */
export async function fetchBodies(report: Report, ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  if (report.fetch) return report.fetch(ctx, get);
  if (!report.request) throw new GridError('INTERNAL', `Report ${report.id} has no request; it can only be imported from a file.`);
  return fetchPages(
    report.request(ctx),
    (body, previous) => report.nextPage?.(body, previous, ctx),
    get,
    `${report.id} for ${ctx.period.key}`,
  );
}

/** A connector calls only its own fixed hosts (`MarketInfo.hosts`), whatever a page or document list points at. */
export function ownHostsOnly(connector: Connector, get: HttpGet): HttpGet {
  const hosts = new Set(Object.keys(connector.market.hosts));
  return (request) => {
    let host: string;
    try {
      host = new URL(request.url).host;
    } catch {
      return Promise.reject(new GridError('UNSAFE_INPUT', `${connector.market.id}: "${request.url.slice(0, 80)}" is not a URL.`));
    }
    if (!hosts.has(host))
      return Promise.reject(
        new GridError('UNSAFE_INPUT', `${connector.market.id} may only call ${[...hosts].join(', ')}; refusing a request to ${host}.`),
      );
    return get({ ...request, allowedHosts: [...hosts] });
  };
}

/** Fetch and parse one period of a report into one result (pages concatenated). */
export async function fetchAndParse(
  connector: Connector,
  report: Report,
  ctx: RequestContext,
  get: HttpGet,
  source: string,
): Promise<ParseResult> {
  const bodies = await fetchBodies(report, ctx, ownHostsOnly(connector, get));
  const result: ParseResult = { points: [], locations: [] };
  for (const body of bodies) {
    const part = report.parse(body, { market: connector.market, source, request: ctx });
    for (const p of part.points) result.points.push(p);
    if (part.locations) result.locations!.push(...part.locations);
  }
  return result;
}
