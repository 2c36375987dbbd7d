/**
 * Requests and simulated wall time of the five questions, on the simulated upstreams the
 * tests use (answers built from recorded files, each source's limits and spacing enforced, a
 * simulated clock): "before" is the same question with every report's request limits removed and
 * no id-token reuse (one request per report-day and location, as gridcell asked before the
 * planner); "after" is the planner. Deterministic: one run each.
 */
import { createApp } from '../backend/app/create-app';
import type { Connector, Report } from '../backend/connectors/types';
import { HttpClient } from '../backend/http/client';
import type { HostLimit } from '../backend/domain';
import { redirected, registered } from '../test/faults/helpers';
import { cleanEnv, seriesOf } from '../test/support/app';
import { FAKE_PJM_KEY } from '../test/support/pjm-bge';
import { simulatedOasis } from '../test/support/simulated/caiso';
import { ENTSOE_SPACING_MS, simulatedEntsoe } from '../test/support/simulated/entsoe';
import { simulatedErcot } from '../test/support/simulated/ercot';
import { PJM_HUB_IDS, simulatedPjm } from '../test/support/simulated/pjm';
import { SimulatedTime } from '../test/support/simulated/time';
import type { SimulatedUpstream } from '../test/support/simulated/upstream';
import { measured, type Figure } from './figures';

const TODAY = '2026-11-29T15:00:00Z';
const ERCOT_KEYS = { ERCOT_API_USERNAME: 'bench@example.com', ERCOT_API_PASSWORD: 'bench-pw', ERCOT_API_SUBSCRIPTION_KEY: 'bench-sub' };

/** As gridcell asked before the planner: one report-day and one location per request, a login per request. */
function unplanned(connector: Connector): Connector {
  const report = (r: Report): Report => ({
    ...r,
    limits: undefined,
    fetch: r.fetch && ((ctx, get) => r.fetch!({ ...ctx, session: undefined }, get)),
  });
  return { ...connector, reports: connector.reports.map(report) };
}

interface Case {
  name: string;
  market: string;
  host: string;
  env: Record<string, string>;
  upstream: (time: SimulatedTime) => Promise<SimulatedUpstream>;
  limit?: HostLimit;
  ask: (app: ReturnType<typeof createApp>) => Promise<unknown>;
}

const yearJob = (market: string, location: string, start: string, end: string) => async (app: ReturnType<typeof createApp>) => {
  const job = await app.startBackfill(app.requests.backfill({ market, location, start, end }));
  const ended = await app.jobEnded(job.id);
  if (ended.state !== 'done') throw new Error(`${market} ${location}: ${ended.problems[0] ?? ended.state}`);
};

const CASES: Case[] = [
  {
    name: 'a July at PJM WESTERN HUB DA',
    market: 'PJM',
    host: 'api.pjm.com',
    env: { PJM_API_KEY: FAKE_PJM_KEY },
    upstream: simulatedPjm,
    ask: (app) => seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-31' }),
  },
  {
    name: 'a July at 12 PJM hubs',
    market: 'PJM',
    host: 'api.pjm.com',
    env: { PJM_API_KEY: FAKE_PJM_KEY },
    upstream: simulatedPjm,
    ask: (app) =>
      Promise.all(PJM_HUB_IDS.map((location) => seriesOf(app, { market: 'PJM', location, start: '2025-07-01', end: '2025-07-31' }))),
  },
  {
    name: 'a year at 12 PJM hubs',
    market: 'PJM',
    host: 'api.pjm.com',
    env: { PJM_API_KEY: FAKE_PJM_KEY },
    upstream: simulatedPjm,
    ask: async (app) => {
      const job = await app.startBackfill(
        app.requests.backfill({ market: 'PJM', locations: PJM_HUB_IDS.join(';'), start: '2025-01-01', end: '2025-12-31' }),
      );
      const ended = await app.jobEnded(job.id);
      if (ended.state !== 'done') throw new Error(ended.problems[0] ?? ended.state);
    },
  },
  {
    name: 'a year of CAISO TH_SP15_GEN-APND DA',
    market: 'CAISO',
    host: 'oasis.caiso.com',
    env: {},
    upstream: (time) => simulatedOasis(time),
    ask: yearJob('CAISO', 'TH_SP15_GEN-APND', '2025-01-01', '2025-12-31'),
  },
  {
    name: 'a month of ERCOT HB_NORTH DA with keys',
    market: 'ERCOT',
    host: 'api.ercot.com',
    env: ERCOT_KEYS,
    upstream: simulatedErcot,
    // Within the 90 days the Public API's report endpoints keep.
    ask: (app) => seriesOf(app, { market: 'ERCOT', location: 'HB_NORTH', start: '2026-10-01', end: '2026-10-31' }),
  },
  {
    name: 'a year of ENTSO-E DE-LU',
    market: 'EPEX',
    host: 'web-api.tp.entsoe.eu',
    env: { ENTSOE_API_KEY: 'bench-entsoe-token' },
    upstream: simulatedEntsoe,
    // One request at a time: the simulated clock runs on while a request is in flight.
    limit: { minIntervalMs: ENTSOE_SPACING_MS, concurrency: 1 },
    ask: yearJob('EPEX', 'DE-LU', '2025-01-01', '2025-12-31'),
  },
];

async function measure(c: Case, plan: boolean): Promise<{ requests: number; seconds: number }> {
  const time = new SimulatedTime(TODAY);
  const upstream = await c.upstream(time);
  const real = registered(c.market);
  const connector = redirected(plan ? real : unplanned(real), upstream.url, c.limit ?? real.market.hosts[c.host]);
  const app = createApp({ env: cleanEnv(c.env), connectors: [connector], http: new HttpClient({ time }), now: time.now });
  try {
    const started = time.now();
    await c.ask(app);
    return { requests: upstream.requests.length, seconds: time.elapsed(started) / 1000 };
  } finally {
    await app.close();
    await upstream.close();
  }
}

export async function fetchPlanBench(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const c of CASES) {
    const before = await measure(c, false);
    const after = await measure(c, true);
    log(`  ${c.name}: ${before.requests} -> ${after.requests} requests, ${before.seconds} -> ${after.seconds} s simulated`);
    const note = `before ${before.requests} requests, ${before.seconds} s simulated`;
    figures.push(measured(`fetch: ${c.name}, requests`, 'requests', [after.requests], { note }));
    figures.push(measured(`fetch: ${c.name}, simulated time`, 's', [after.seconds], { note }));
  }
  return figures;
}
