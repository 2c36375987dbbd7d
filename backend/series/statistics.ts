import { GridError } from '../errors';
import type { AggregateResponse, LatestResponse } from '../api/contract';
import { STATS } from '../api/contract';
import { addDays, formatInstant, marketDay } from '../time/clock';
import { blockFilter } from '../time/blocks';
import type { SeriesParams, SeriesService } from './service';

/** A statistic (mean by default) over the intervals of a peak block. Means are time-weighted. */
export async function aggregate(service: SeriesService, params: SeriesParams & { block?: string; stat?: string }): Promise<AggregateResponse> {
  const stat = (params.stat ?? 'mean').trim().toLowerCase();
  if (!(STATS as readonly string[]).includes(stat)) throw new GridError('BAD_REQUEST', `stat=${params.stat} is not one of ${STATS.join(', ')}.`);
  const connector = service.catalog.market(params.market);
  const block = (params.block ?? 'ATC').trim().toUpperCase() || 'ATC';
  const inBlock = blockFilter(connector.market.id, block);
  const q = await service.query({ ...params, interval: undefined, fill: undefined });
  const points = q.points.filter((p) => inBlock(p.start));
  if (!points.length) throw new GridError('NO_DATA', `No ${q.resolved.run} ${q.resolved.product} intervals of block ${block} for ${q.resolved.location.name} in that range.`);
  const values = points.map((p) => p.value);
  let value: number;
  switch (stat) {
    case 'min':
      value = Math.min(...values);
      break;
    case 'max':
      value = Math.max(...values);
      break;
    case 'sum':
      value = values.reduce((a, b) => a + b, 0);
      break;
    case 'count':
      value = values.length;
      break;
    default: {
      let weighted = 0;
      let weight = 0;
      for (const p of points) {
        weighted += p.value * (p.end - p.start);
        weight += p.end - p.start;
      }
      value = weighted / weight;
    }
  }
  return {
    market: connector.market.id,
    location: q.resolved.location.name,
    run: q.resolved.run,
    product: q.resolved.product,
    currency: q.currency,
    unit: q.unit,
    block,
    stat,
    value,
    count: points.length,
    from: formatInstant(q.range.from, q.tz),
    to: formatInstant(q.range.to, q.tz),
  };
}

/** The newest real-time interval (today's, else yesterday's) and how soon to ask again. */
export async function latest(service: SeriesService, params: SeriesParams): Promise<LatestResponse> {
  const connector = service.catalog.market(params.market);
  const m = connector.market;
  const run = params.run?.trim() || (m.runs.some((r) => r.id === 'RT') || m.runAliases?.RT ? 'RT' : m.defaultRun);
  const today = marketDay(service.options.now(), m.clock);
  const ask = (start: string, end: string) => service.query({ ...params, run, start, end, interval: undefined, fill: undefined });
  let q;
  try {
    q = await ask(addDays(today, -1), today);
  } catch (e) {
    if (!(e instanceof GridError) || !['NOT_PUBLISHED', 'NO_DATA'].includes(e.code)) throw e;
    q = await ask(addDays(today, -1), addDays(today, -1));
  }
  const last = q.points[q.points.length - 1];
  if (!last) throw new GridError('NO_DATA', `No recent ${q.resolved.run} price for ${q.resolved.location.name}.`);
  const runInfo = m.runs.find((r) => r.id === q.resolved.run)!;
  return {
    market: m.id,
    location: q.resolved.location.name,
    run: q.resolved.run,
    product: q.resolved.product,
    currency: q.currency,
    unit: q.unit,
    start: formatInstant(last.start, q.tz),
    end: formatInstant(last.end, q.tz),
    value: last.value,
    fetchedAt: q.quality.fetchedAt ?? new Date(service.options.now()).toISOString(),
    pollSeconds: Math.max(30, runInfo.intervalMinutes * 60),
  };
}
