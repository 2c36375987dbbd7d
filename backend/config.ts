import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * Settings come from the environment, then from `~/.gridcell/config.json`
 * (or `$GRIDCELL_CONFIG`): `{ "keys": { "PJM_API_KEY": "..." } }` for API keys that should not
 * live in the environment. Secrets are read here and nowhere else.
 */
export interface Config {
  /** The SQLite cache file (the default store, for one user). */
  dbPath: string;
  /** A desk's shared store, `clickhouse://user:password@host:8123/database` (GRIDCELL_STORE), used instead of the file. */
  storeUrl?: string;
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
  /** A URL or e-mail address the operators may use to reach whoever runs this gridcell (in the User-Agent). */
  contact?: string;
  /** The desk server's users and their tokens' hashes: `$GRIDCELL_USERS`, else `users.json` in gridcell's home. */
  usersPath: string;
  /** API requests each desk user may make per minute (a batch counts as one). */
  userRequestsPerMinute: number;
}

export function gridcellHome(env: NodeJS.ProcessEnv): string {
  return env.GRIDCELL_HOME || join(homedir(), '.gridcell');
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return {
    ...storeOf(env.GRIDCELL_STORE, env.GRIDCELL_DB || join(gridcellHome(env), 'gridcell.db')),
    offline: isTrue(env.GRIDCELL_OFFLINE),
    recordDir: env.GRIDCELL_RECORD_DIR || undefined,
    replayDir: env.GRIDCELL_REPLAY_DIR || undefined,
    host: env.GRIDCELL_HOST || '127.0.0.1',
    port: env.GRIDCELL_PORT ? Number(env.GRIDCELL_PORT) : 3000,
    token: env.GRIDCELL_TOKEN || undefined,
    https: env.GRIDCELL_HTTPS === undefined ? true : isTrue(env.GRIDCELL_HTTPS),
    provisionalTtlSeconds: env.GRIDCELL_TTL_SECONDS ? Number(env.GRIDCELL_TTL_SECONDS) : 300,
    writeWaitSeconds: env.GRIDCELL_WRITE_WAIT_SECONDS ? Number(env.GRIDCELL_WRITE_WAIT_SECONDS) : 60,
    contact: env.GRIDCELL_CONTACT || undefined,
    usersPath: env.GRIDCELL_USERS || join(gridcellHome(env), 'users.json'),
    userRequestsPerMinute: env.GRIDCELL_USER_REQUESTS_PER_MINUTE ? Number(env.GRIDCELL_USER_REQUESTS_PER_MINUTE) : 600,
  };
}

/** GRIDCELL_STORE: `sqlite:PATH` (the file, as GRIDCELL_DB names it) or a `clickhouse://` URL. */
export function storeOf(store: string | undefined, defaultPath: string): Pick<Config, 'dbPath' | 'storeUrl'> {
  const text = store?.trim();
  if (!text) return { dbPath: defaultPath };
  if (/^sqlite:/i.test(text)) return { dbPath: text.slice('sqlite:'.length) || defaultPath };
  if (/^clickhouses?:\/\//i.test(text)) return { dbPath: defaultPath, storeUrl: text };
  throw new Error(
    `The store "${text.split('@').pop()}" is neither sqlite:PATH nor clickhouse://user:password@host:8123/database: set GRIDCELL_STORE (or --store) to one of those.`,
  );
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}

/** Where a set key comes from: the environment comes first, then the config file. */
export type KeySource = 'environment' | 'config';

/** The config file could not be read or written; the message names the file, never a key. */
export class ConfigFileError extends Error {}

/** The config file: `$GRIDCELL_CONFIG`, else `config.json` in gridcell's home. */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  return env.GRIDCELL_CONFIG || join(gridcellHome(env), 'config.json');
}

/**
 * Reads API keys by variable name: environment first, then the config file. Keys saved or removed
 * here (from the taskpane's Settings) are written to the config file and used at once.
 */
export class KeyStore {
  private fileKeys: Record<string, string>;
  private changes = 0;
  readonly file: string;

  constructor(private readonly env: NodeJS.ProcessEnv) {
    this.file = configFilePath(env);
    this.fileKeys = readConfigFileKeys(this.file);
  }

  get(name: string): string | undefined {
    return usable(this.env[name]) ?? usable(this.fileKeys[name]);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Where the key's value comes from, when it is set. */
  source(name: string): KeySource | undefined {
    if (usable(this.env[name]) !== undefined) return 'environment';
    return usable(this.fileKeys[name]) !== undefined ? 'config' : undefined;
  }

  /** Counts the keys saved or removed since the start: what was derived from the keys is current while it is unchanged. */
  get version(): number {
    return this.changes;
  }

  /** Every secret value known, so any text can be scrubbed of them. */
  allValues(names: string[]): string[] {
    return names.map((n) => this.get(n)).filter((v): v is string => !!v && v.length >= 4);
  }

  /**
   * Stores a key in the config file's `keys`, keeping the file's other content, written whole to
   * a new file of mode 0600 that replaces the old one (the file and its folder are made when
   * missing). A file that is not a JSON object is left as it is: ConfigFileError.
   */
  save(name: string, value: string): void {
    this.update((keys) => {
      keys[name] = value;
    });
  }

  /** Removes a key from the config file (the file is not made when it is missing). */
  remove(name: string): void {
    if (!existsSync(this.file)) return;
    this.update((keys) => {
      delete keys[name];
    });
  }

  private update(change: (keys: Record<string, unknown>) => void): void {
    const content = readConfigObject(this.file);
    const keys = content.keys === undefined ? {} : content.keys;
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys))
      throw new ConfigFileError(`${this.file} has a "keys" entry that is not an object; fix or remove it, then save the key again.`);
    const changed = { ...(keys as Record<string, unknown>) };
    change(changed);
    writeAtomically(this.file, `${JSON.stringify({ ...content, keys: changed }, null, 2)}\n`);
    this.fileKeys = stringEntries(changed);
    this.changes++;
  }
}

function usable(v: string | undefined): string | undefined {
  return v && v.trim() ? v.trim() : undefined;
}

function stringEntries(keys: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(keys)) if (typeof v === 'string') out[k] = v;
  return out;
}

function readConfigFileKeys(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: Record<string, unknown> };
    return stringEntries(parsed.keys ?? {});
  } catch {
    process.stderr.write(`gridcell: ignoring ${file}: it is not valid JSON.\n`);
    return {};
  }
}

/** The config file's content as an object; {} when there is no file. */
function readConfigObject(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigFileError(`Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let parsed: unknown;
  try {
    parsed = text.trim() ? JSON.parse(text) : {};
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigFileError(`${file} is not a JSON object, so gridcell leaves it as it is; fix or remove it, then save the key again.`);
  return parsed as Record<string, unknown>;
}

/** Writes a new file of mode 0600 beside `file` and renames it over `file`: a reader sees the old file or the new one, never a part. */
export function writeAtomically(file: string, text: string): void {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new ConfigFileError(`Cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check that its folder is writable.`);
  }
}
