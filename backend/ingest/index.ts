import type { App } from '../app/app';
import { appDayFetcher } from './fetch-day';
import { loadIngestPlan } from './plan';
import { IngestScheduler, type IngestOptions } from './scheduler';

export { ingestPlanPath, loadIngestPlan, checkIngestPlan, type IngestEntry, type IngestPlanEntry } from './plan';
export { IngestScheduler, realTimers, type IngestOptions, type IngestTimers } from './scheduler';
export { appDayFetcher, type DayFetched, type DayFetcher } from './fetch-day';

/** An app whose health shows the ingest, and whose close stops it first. */
export function withIngest(app: App, ingest: IngestScheduler): App {
  return {
    ...app,
    health: async () => ({ ...(await app.health()), ingest: ingest.status() }),
    close: () => {
      ingest.stop();
      return app.close();
    },
  };
}

/**
 * The plan file read and checked against the app's markets (a wrong plan throws before anything
 * runs), and a scheduler fetching through the app, not started yet.
 */
export async function ingestFor(app: App, planFile: string, options: IngestOptions = {}): Promise<{ app: App; ingest: IngestScheduler }> {
  const entries = await loadIngestPlan(app, planFile);
  const ingest = new IngestScheduler(entries, appDayFetcher(app), { redact: app.redact, ...options });
  return { app: withIngest(app, ingest), ingest };
}
