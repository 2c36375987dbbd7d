/**
 * Runs a bundle (build/cli.js, build/parse-worker.js) with V8's code cache: the functions one run
 * of a command compiled are saved when it exits (or when its thread says it has compiled what it
 * needs: `codeCompiled`), and later runs of that command read them back instead of compiling them
 * again (~10 ms of every `gridcell` command's start, ~20 ms of an import's).
 *
 * A cache is kept per bundle and command, in `v8-cache/` beside the bundle, named by the bundle's
 * size and modification time: V8 checks only its own version, its flags and the source's length,
 * so a rebuilt bundle must never find the last build's cache under its name. Where the folder
 * cannot be written, the bundle runs uncached.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Emitted on `process` by a thread that may be stopped before it exits, once its work has compiled. */
const COMPILED_EVENT = 'gridcell:code-compiled';

/**
 * Tells `requireBundle` that this thread has compiled the code its next runs will want (the
 * parsing thread after its first piece: it is stopped, never exits). Without a bundle run through
 * `requireBundle`, or with its cache already read, nothing happens.
 */
export function codeCompiled(): void {
  (process as NodeJS.EventEmitter).emit(COMPILED_EVENT);
}

/** Where the code cache of this bundle, as this command runs it, is kept. */
export function codeCachePath(bundle: string, command: string): string {
  return cacheFile(bundle, cachePrefix(bundle, command));
}

function cacheFile(bundle: string, prefix: string): string {
  const { size, mtimeMs } = statSync(bundle);
  return join(dirname(bundle), 'v8-cache', `${prefix}${size}-${Math.floor(mtimeMs)}`);
}

/**
 * The bundle's exports, as `require` gives them: its source compiled with the command's cache
 * when one was saved, and its cache saved at exit when none was. The bundle must not `import()`
 * (a script compiled here has no module loader for it): it is built with dynamic import lowered
 * to `require`.
 */
export function requireBundle(bundle: string, command: string): Record<string, unknown> {
  const prefix = cachePrefix(bundle, command);
  const cachePath = cacheFile(bundle, prefix);
  const cachedData = readIfPresent(cachePath);
  // The shebang line is emptied, not removed: line numbers stay those of the bundle's source map.
  const source = readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  if (!cachedData || script.cachedDataRejected) {
    const save = () => {
      process.off('exit', save).off(COMPILED_EVENT, save);
      saveCache(script, cachePath, prefix);
    };
    process.once('exit', save).once(COMPILED_EVENT, save);
  }
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports;
}

function cachePrefix(bundle: string, command: string): string {
  return `${basename(bundle)}.${/^[a-z-]{1,20}$/.test(command) ? command : 'other'}.`;
}

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Written whole under a name of its own, then renamed: a process starting meanwhile reads all of it or none. The last build's are removed. */
function saveCache(script: Script, path: string, prefix: string): void {
  const folder = dirname(path);
  const writing = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(writing, script.createCachedData());
    renameSync(writing, path);
    for (const name of readdirSync(folder))
      if (name.startsWith(prefix) && !name.endsWith('.tmp') && join(folder, name) !== path) rmSync(join(folder, name), { force: true });
  } catch {
    // Not writable (an installed copy): the next run compiles again. At exit nothing may throw:
    // a half-written file is removed if it can be.
    try {
      rmSync(writing, { force: true });
    } catch {
      // there was no folder to write it in
    }
  }
}
