import { createApp } from '../app/create-app';
import type { Config } from '../config';
import { ingestFor, ingestPlanPath } from '../ingest';

export interface RunningIngest {
  /** What the plan keeps current, one line per entry. */
  entries: string[];
  stop(): Promise<void>;
}

/** `gridcell ingest`: the plan's entries kept current in the foreground, one log line per fetch, until stopped. */
export async function startIngest(options: {
  config: Partial<Config>;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}): Promise<RunningIngest> {
  const env = options.env ?? process.env;
  const base = createApp({ config: options.config, env });
  try {
    const stamp = (line: string) => options.log(`${new Date().toISOString().slice(0, 19)}Z ${line}`);
    const { app, ingest } = await ingestFor(base, ingestPlanPath(env), { log: stamp });
    ingest.start();
    return {
      entries: ingest.status().map((s) => `${s.market} ${s.run} at ${s.locations} location${s.locations === 1 ? '' : 's'}`),
      stop: () => app.close(),
    };
  } catch (e) {
    await base.close();
    throw e;
  }
}
