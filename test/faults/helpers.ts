import Database from 'better-sqlite3';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectors } from '../../backend/connectors/registry';
import type { Connector, Report } from '../../backend/connectors/types';
import type { HttpRequest } from '../../backend/http/types';
import type { HostLimit } from '../../backend/domain';

/** A connector as registered (the tests run against what gridcell ships). */
export function registered(market: string): Connector {
  const found = connectors.find((c) => c.market.id === market);
  if (!found) throw new Error(`${market} is not registered in backend/connectors/registry.ts`);
  return found;
}

/** The same request sent to `origin` (a local fake upstream): same path, query, headers and body. */
export function toOrigin(request: HttpRequest, origin: string): HttpRequest {
  const u = new URL(request.url);
  return { ...request, url: `${origin}${u.pathname}${u.search}` };
}

/**
 * A registered connector whose every request goes to a local fake upstream instead of the
 * market's host (and may call no other). Everything else is the real connector: its request builders (so the real URLs,
 * keys and headers), its multi-step fetches and its parsers on the bytes the fake upstream serves.
 */
export function redirected(connector: Connector, origin: string, limit: HostLimit = {}): Connector {
  const report = (r: Report): Report => ({
    ...r,
    request: r.request && ((ctx) => toOrigin(r.request!(ctx), origin)),
    nextPage:
      r.nextPage &&
      ((body, previous, ctx) => {
        const next = r.nextPage!(body, previous, ctx);
        return next && toOrigin(next, origin);
      }),
    fetch: r.fetch && ((ctx, get) => r.fetch!(ctx, (req) => get(toOrigin(req, origin)))),
  });
  // The fake upstream's host is the only one the redirected connector may call (with the spacing given, if any).
  const hosts = { [new URL(origin).host]: limit };
  return { ...connector, market: { ...connector.market, hosts }, reports: connector.reports.map(report) };
}

/** True while another connection holds the write lock of a database whose schema exists (the import's transaction is open). */
export function writeLocked(dbPath: string): boolean {
  if (!existsSync(dbPath)) return false;
  const db = new Database(dbPath, { fileMustExist: true, timeout: 0 });
  try {
    if ((db.pragma('user_version', { simple: true }) as number) < 1) return false; // still creating the schema
  } catch {
    db.close();
    return false; // the file is still being set up (WAL switch, recovery)
  }
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  } finally {
    db.close();
  }
}

const ROOT = join(__dirname, '../..');
const GRIDCELL = ['--import', 'tsx', join(ROOT, 'backend/cli.ts')];

/**
 * `gridcell ARGS...` in a child process. tsx runs as a loader inside the one node process
 * (`node --import tsx`), so a signal reaches the process doing the work (the tsx CLI would run it
 * in a grandchild that outlives a SIGKILL).
 */
export function spawnGridcell(env: NodeJS.ProcessEnv, ...args: string[]): ChildProcess {
  return spawn(process.execPath, [...GRIDCELL, ...args], { env, cwd: ROOT, stdio: 'ignore' });
}

/** `gridcell ARGS...` run to its end (killed after `timeoutMs`): exit code, stdout and stderr. */
export async function runGridcell(
  env: NodeJS.ProcessEnv,
  args: string[],
  timeoutMs = 30_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...GRIDCELL, ...args], { env, cwd: ROOT, timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Resolves when the child has exited, with how. */
export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
}

/**
 * Another process holding the cache's write lock, as `gridcell import` does for the length of a
 * file: a real SQLite connection in a child process with an IMMEDIATE transaction open. Resolves
 * once the lock is held; `release` (once or more) commits nothing and lets it go.
 */
export async function holdWriteLock(dbPath: string): Promise<{ release(): Promise<void> }> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script, dbPath], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)));
  });
  const exited = exitOf(child);
  return {
    release: async () => {
      if (child.exitCode === null) child.stdin!.write('release\n');
      await exited;
    },
  };
}
