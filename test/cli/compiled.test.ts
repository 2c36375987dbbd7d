/**
 * The CLI and the server as they run for a user: `gridcell` (bin/gridcell.js) runs compiled
 * JavaScript (build/, made by esbuild at `npm ci` and `npm start`) with V8's code cache, not
 * TypeScript compiled at every start. Built here from the current sources, then run as processes.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { serverBuildOptions } from '../../scripts/build-server';
import { codeCachePath } from '../../backend/code-cache';
import { buildAddin } from '../e2e/browser';
import { cleanEnv, servingUrl, tempDbPath } from '../support/app';
import { withDb } from '../support/db';
import { describeShared, sharedPath } from '../support/fixtures';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'build/cli.js');
const GRIDCELL = join(ROOT, 'bin/gridcell.js');
const { version: VERSION } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const CAISO = 'caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip';
const JEPX = 'jepx/spot_summary_2024_FY2024_to_2024-12-02.csv';

function gridcell(...args: string[]): string {
  return execFileSync(process.execPath, [GRIDCELL, ...args], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
}

describe('the compiled CLI', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build:server', '--silent'], { cwd: ROOT, stdio: 'pipe' });
    // The add-in the server hands out (dist/, by webpack), as npm start builds it.
    buildAddin();
  }, 180_000);

  test('says its version (the package.json one) without opening the cache', () => {
    expect(gridcell('--version').trim()).toBe(VERSION);
  });

  test('runs a build from before the code-cache loader existed, as it was built', () => {
    const loader = join(ROOT, 'build/code-cache.js');
    const aside = `${loader}.aside`;
    renameSync(loader, aside);
    try {
      expect(gridcell('--version').trim()).toBe(VERSION);
    } finally {
      renameSync(aside, loader);
    }
  });

  test('answers a command with every market, the second time from the code cache the first saved', () => {
    const markets = () =>
      (JSON.parse(gridcell('markets', '--json', '--offline')) as { markets: { id: string }[] }).markets.map((m) => m.id);
    expect(markets()).toEqual(expect.arrayContaining(['PJM', 'CAISO', 'ERCOT', 'EPEX', 'NEM', 'GAS', 'FX']));
    const saved = statSync(codeCachePath(CLI, 'markets')).mtimeMs;
    expect(markets()).toEqual(expect.arrayContaining(['PJM', 'CAISO', 'ERCOT', 'EPEX', 'NEM', 'GAS', 'FX']));
    expect(statSync(codeCachePath(CLI, 'markets')).mtimeMs).toBe(saved);
  });

  test('is built ASCII only: one other character, and V8 holds the whole source at two bytes a character', () => {
    const bundles = ['cli.js', 'serve.js', 'start.js', 'parse-worker.js', 'code-cache.js'].map((b) => join(ROOT, 'build', b));
    expect(bundles.filter((b) => readFileSync(b).some((byte) => byte > 0x7f))).toEqual([]);
  });

  describeShared(JEPX)('a file named in Japanese', () => {
    test("is read by its header's Japanese column names, escaped in the ASCII bundle", () => {
      const out = execFileSync(process.execPath, [GRIDCELL, 'import', sharedPath(JEPX)], {
        cwd: ROOT,
        env: { ...cleanEnv(), GRIDCELL_DB: tempDbPath() },
        encoding: 'utf8',
      });
      expect(out).toContain('jepx.spot_summary -> JEPX: 17 series, 200736 points');
    });
  });

  test('is built without import(), which a bundle run from its code cache cannot make (build:server lowers them to require)', () => {
    const entries = ['backend/cli.ts', 'backend/import/parse-worker.ts'].map((e) => join(ROOT, e));
    const outputs = [false, true].flatMap((serving) => {
      const { metafile } = buildSync({ ...serverBuildOptions(entries, tmpdir(), serving), metafile: true, write: false });
      return Object.values(metafile.outputs);
    });
    const imports = outputs.flatMap((o) => o.imports);
    expect(imports.filter((i) => i.kind === 'require-call').map((i) => i.path)).toEqual(
      expect.arrayContaining(['axios', 'better-sqlite3']),
    );
    expect(imports.filter((i) => i.kind === 'dynamic-import')).toEqual([]);
  });

  test('refuses a large file that is no report, and the parsing thread started for it does not keep the process waiting', () => {
    const env = cleanEnv();
    const junk = join(env.GRIDCELL_HOME!, 'junk.csv');
    writeFileSync(junk, `${'a'.repeat(9_000_000)}\n`); // over 8 MiB: worth a parsing thread started ahead
    const run = spawnSync(process.execPath, [GRIDCELL, 'import', junk], { cwd: ROOT, env, encoding: 'utf8', timeout: 20_000 });
    expect(run.error).toBeUndefined(); // not timed out
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('junk.csv: gridcell does not recognize this file as any report it reads');
  });

  describeShared(CAISO)('a large file', () => {
    test('is imported with its parsing thread bundled beside the CLI (build/parse-worker.js), which saves its code cache', () => {
      const db = tempDbPath();
      const out = execFileSync(process.execPath, [GRIDCELL, 'import', sharedPath(CAISO)], {
        cwd: ROOT,
        env: { ...cleanEnv(), GRIDCELL_DB: db },
        encoding: 'utf8',
      });
      expect(out).toContain('162848 points');
      // The file's first row: AFPR_1_TOT_GEN-APND, LMP, 2020-01-02T05:00Z, 34.04259.
      const row = withDb(db, (d) =>
        d
          .prepare(
            "SELECT p.value FROM point_values p JOIN series s ON s.id = p.series_id WHERE s.location = 'AFPR_1_TOT_GEN-APND' AND s.product = 'LMP' AND p.start = ?",
          )
          .get(Date.parse('2020-01-02T05:00:00Z') / 1000),
      );
      expect(row).toEqual({ value: 34.04259 });
      expect(existsSync(codeCachePath(join(ROOT, 'build/parse-worker.js'), 'thread'))).toBe(true);
    });
  });

  test('serves the API and the add-in manifest from the package folder, with Express bundled in (build/serve.js), not read from node_modules', async () => {
    const env: NodeJS.ProcessEnv = { ...cleanEnv(), GRIDCELL_DB: tempDbPath(), GRIDCELL_HTTPS: '0' };
    // The files node's own loader read, written when the server stops.
    const loaded = join(env.GRIDCELL_HOME!, 'loaded.json');
    const preload = join(env.GRIDCELL_HOME!, 'loaded.js');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache))));`,
    );
    const child = spawn(process.execPath, ['-r', preload, GRIDCELL, 'serve', '--port', '0', '--offline'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = await servingUrl(child);
      expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
      const manifest = await fetch(`${url}/manifest.xml`);
      expect(manifest.status).toBe(200);
      expect(await manifest.text()).toContain(`<SourceLocation DefaultValue="${url}/taskpane.html"/>`);
      expect((await fetch(`${url}/taskpane.html`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    await exited;
    const files = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
    expect(files.some((f) => /[\\/]node_modules[\\/]better-sqlite3[\\/]/.test(f))).toBe(true); // a native addon stays outside
    expect(files.filter((f) => /[\\/]node_modules[\\/](express|body-parser|router|path-to-regexp)[\\/]/.test(f))).toEqual([]);
  });
});
