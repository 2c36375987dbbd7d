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
