/**
 * V8's code cache of a bundle (backend/code-cache.ts), on small bundles written here and run in
 * processes and threads of their own, as `gridcell` and its parsing thread run build/cli.js.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCachePath } from '../../backend/code-cache';

const CODE_CACHE = join(__dirname, '../../backend/code-cache.ts');

/** Runs `script` in a new node (TypeScript through tsx), with `codeCache` bound to backend/code-cache.ts: its output, when it exits 0 and writes no error. */
function node(script: string): string {
  const preamble = `const codeCache = require(${JSON.stringify(CODE_CACHE)});`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', preamble + script], { encoding: 'utf8' });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  return run.stdout.trim();
}

/** A bundle that answers `answer` with the number it was written with (same length for every digit). */
function writeBundle(dir: string, answer: number, mtime: Date): string {
  const bundle = join(dir, 'bundle.js');
  writeFileSync(bundle, `#!/usr/bin/env node\nexports.answer = function answer() { return ${answer}; };\n`);
  utimesSync(bundle, mtime, mtime);
  return bundle;
}

const runAnswer = (bundle: string) => node(`console.log(codeCache.requireBundle(${JSON.stringify(bundle)}, 'query').answer());`);

describe("a bundle's code cache", () => {
  test('is saved when the first run exits, and read (not written again) by the next', () => {
    const bundle = writeBundle(mkdtempSync(join(tmpdir(), 'gridcell-cc-')), 1, new Date('2026-01-01'));
    const cache = codeCachePath(bundle, 'query');
    expect(existsSync(cache)).toBe(false);
    expect(runAnswer(bundle)).toBe('1');
    const saved = statSync(cache).mtimeMs;
    expect(runAnswer(bundle)).toBe('1');
    expect(statSync(cache).mtimeMs).toBe(saved);
  });

  // V8 takes a cache for any source of the same length: run from the last build's, the new bundle would answer 1.
  test('of a rebuilt bundle of the same length is its own: the new code runs, and the last build’s cache is removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridcell-cc-'));
    const first = codeCachePath(writeBundle(dir, 1, new Date('2026-01-01')), 'query');
    expect(runAnswer(join(dir, 'bundle.js'))).toBe('1');
    const rebuilt = writeBundle(dir, 2, new Date('2026-01-02'));
    expect(runAnswer(rebuilt)).toBe('2');
    expect(readdirSync(join(dir, 'v8-cache'))).toEqual([codeCachePath(rebuilt, 'query').split('/').pop()]);
    expect(first).not.toBe(codeCachePath(rebuilt, 'query'));
  });

  test('of a thread that is stopped, never exiting, is saved when it says it has compiled its work', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridcell-cc-'));
    const bundle = join(dir, 'thread.js');
    writeFileSync(
      bundle,
      `require(${JSON.stringify(CODE_CACHE)}).codeCompiled(); require('node:worker_threads').parentPort.postMessage('done');\n`,
    );
    node(`
      const { Worker } = require('node:worker_threads');
      const bootstrap = 'require("tsx/cjs"); require(${JSON.stringify(CODE_CACHE)}).requireBundle(${JSON.stringify(bundle)}, "thread");';
      const worker = new Worker(bootstrap, { eval: true });
      worker.once('message', () => worker.terminate());`);
    expect(existsSync(codeCachePath(bundle, 'thread'))).toBe(true);
  });

  test('that cannot be written leaves the bundle running uncached, and says nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridcell-cc-'));
    writeFileSync(join(dir, 'v8-cache'), 'a file where the folder would be');
    const bundle = writeBundle(dir, 4, new Date('2026-01-01'));
    expect(runAnswer(bundle)).toBe('4');
    expect(runAnswer(bundle)).toBe('4');
    expect(readdirSync(dir).sort()).toEqual(['bundle.js', 'v8-cache']);
  });

  test('is kept per command: another command is not given the first one’s', () => {
    const bundle = writeBundle(mkdtempSync(join(tmpdir(), 'gridcell-cc-')), 3, new Date('2026-01-01'));
    runAnswer(bundle);
    expect(codeCachePath(bundle, 'import')).not.toBe(codeCachePath(bundle, 'query'));
    expect(existsSync(codeCachePath(bundle, 'import'))).toBe(false);
    expect(codeCachePath(bundle, '../../etc/passwd')).toBe(codeCachePath(bundle, 'anything else'));
  });
});
