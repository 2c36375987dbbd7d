import type { ChildProcessByStdio, ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { AggregateResponse, FxResponse, SeriesResponse } from '../../contract';
import { startServer, type ListenOptions, type RunningServer } from '../../backend/api/server';
import type { App } from '../../backend/app/app';
import { createApp, type AppOptions } from '../../backend/app/create-app';
import type { RawParams } from '../../backend/validation/fields';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new, empty database file path in a temporary folder. */
export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'gridcell-db-')), 'gridcell.db');
}

/** An environment with no API keys and a fresh database: what a new user starts with. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/_(API_KEY|USERNAME|PASSWORD|SUBSCRIPTION_KEY)$/.test(k) || k.startsWith('GRIDCELL_')) continue;
    env[k] = v;
  }
  return { ...env, GRIDCELL_HOME: mkdtempSync(join(tmpdir(), 'gridcell-home-')), GRIDCELL_DB: tempDbPath(), ...extra };
}

/** A GET /series as the API answers it: the text validated at the edge, then asked of the app. */
export async function seriesOf(app: App, params: RawParams): Promise<SeriesResponse> {
  return app.series(app.requests.series(params));
}

export async function aggregateOf(app: App, params: RawParams): Promise<AggregateResponse> {
  return app.aggregate(app.requests.aggregate(params));
}

export async function fxOf(app: App, params: RawParams): Promise<FxResponse> {
  return app.fx(app.requests.fx(params));
}

/** The real app on the real server, on a random port of 127.0.0.1 unless told otherwise. */
export async function startTestServer(appOptions: AppOptions = {}, listen: ListenOptions = {}): Promise<RunningServer> {
  const app = createApp({ env: cleanEnv(), ...appOptions });
  try {
    return await startServer(app, { port: 0, ...listen });
  } catch (e) {
    await app.close();
    throw e;
  }
}

/** The address a spawned `gridcell serve` prints once it serves; its output so far when it exits first. */
export function servingUrl(child: ChildProcessWithoutNullStreams | ChildProcessByStdio<null, Readable, Readable>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /gridcell is serving (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`gridcell serve exited (${code}) before serving: ${out}`)));
  });
}
