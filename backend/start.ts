import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve, STATIC_DIR } from './commands/serve';
import { PACKAGE_ROOT } from './paths';

const ROOT = PACKAGE_ROOT;
const SOURCES = ['functions', 'addin', 'client', 'contract', 'assets', 'webpack.config.js', 'manifest.xml'];

function newestSourceTime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newestSourceTime(join(path, f))));
}

/** Builds the add-in with webpack unless dist/ is newer than every source it is built from. */
function ensureBuilt(): void {
  const built = existsSync(join(STATIC_DIR, 'functions.json')) ? statSync(join(STATIC_DIR, 'functions.json')).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestSourceTime(join(ROOT, s))));
  if (built >= newest) return;
  console.log('Building the add-in (webpack)...');
  const result = spawnSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The add-in build failed; see the webpack output above.');
}

async function start(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { port: { type: 'string' }, offline: { type: 'boolean' } },
    strict: false,
  });
  ensureBuilt();
  const port = values.port !== undefined ? Number(values.port) : undefined;
  const running = await serve({
    config: { ...(port !== undefined ? { port } : {}), ...(values.offline === true ? { offline: true } : {}) },
    log: (l) => console.log(l),
  });
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

start().catch((e) => {
  console.error(`gridcell: ${(e as Error).message}`);
  process.exit(1);
});
