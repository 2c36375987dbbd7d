import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Settings come from the environment, then from `~/.gridcell/config.json`
 * (or `$GRIDCELL_CONFIG`): `{ "keys": { "PJM_API_KEY": "..." } }` for API keys that should not
 * live in the environment. Secrets are read here and nowhere else.
 */
export interface Config {
  dbPath: string;
  offline: boolean;
  recordDir?: string;
  replayDir?: string;
  host: string;
  port: number;
  token?: string;
  https: boolean;
  /** Seconds before today's real-time data is fetched again. */
  provisionalTtlSeconds: number;
  /** Seconds a write waits while another process (an import) writes the cache, before CACHE_BUSY. */
  writeWaitSeconds: number;
}

export function gridcellHome(env: NodeJS.ProcessEnv): string {
  return env.GRIDCELL_HOME || join(homedir(), '.gridcell');
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return {
    dbPath: env.GRIDCELL_DB || join(gridcellHome(env), 'gridcell.db'),
    offline: isTrue(env.GRIDCELL_OFFLINE),
    recordDir: env.GRIDCELL_RECORD_DIR || undefined,
    replayDir: env.GRIDCELL_REPLAY_DIR || undefined,
    host: env.GRIDCELL_HOST || '127.0.0.1',
    port: env.GRIDCELL_PORT ? Number(env.GRIDCELL_PORT) : 3000,
    token: env.GRIDCELL_TOKEN || undefined,
    https: env.GRIDCELL_HTTPS === undefined ? true : isTrue(env.GRIDCELL_HTTPS),
    provisionalTtlSeconds: env.GRIDCELL_TTL_SECONDS ? Number(env.GRIDCELL_TTL_SECONDS) : 300,
    writeWaitSeconds: env.GRIDCELL_WRITE_WAIT_SECONDS ? Number(env.GRIDCELL_WRITE_WAIT_SECONDS) : 60,
  };
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}

/** Reads API keys by variable name: environment first, then the config file. */
export class KeyStore {
  private readonly fileKeys: Record<string, string>;

  constructor(private readonly env: NodeJS.ProcessEnv) {
    this.fileKeys = readConfigFileKeys(env);
  }

  get(name: string): string | undefined {
    const v = this.env[name] ?? this.fileKeys[name];
    return v && v.trim() ? v.trim() : undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Every secret value known, so any text can be scrubbed of them. */
  allValues(names: string[]): string[] {
    return names.map((n) => this.get(n)).filter((v): v is string => !!v && v.length >= 4);
  }
}

function readConfigFileKeys(env: NodeJS.ProcessEnv): Record<string, string> {
  const file = env.GRIDCELL_CONFIG || join(gridcellHome(env), 'config.json');
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: Record<string, unknown> };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.keys ?? {})) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    process.stderr.write(`gridcell: ignoring ${file}: it is not valid JSON.\n`);
    return {};
  }
}
