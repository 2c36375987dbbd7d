/**
 * `npm run build:server` (at `npm ci` and `npm start`): bundles the CLI, the server, the import's
 * parsing thread and the loader that runs them with V8's code cache (backend/code-cache.ts) into
 * build/, with esbuild.
 *
 * The pure-JavaScript packages every import loads are bundled in, so that the code cache covers
 * them too and nothing of theirs is looked up in node_modules at start (an import ~5% faster;
 * `--version`, which loads none of them, ~3 ms slower for the larger bundle). The others stay in
 * node_modules: better-sqlite3 (a native addon), and those only the server or a fetch loads.
 *
 * The server's own packages (Express and what it loads, ~1.3 MB) are bundled only into the two
 * bundles that serve: build/serve.js, the CLI as `gridcell serve` runs it (bin/gridcell.js picks
 * it), and build/start.js (`npm start`). Node's loader finding, reading and compiling Express's
 * hundred-odd files took ~55 ms of a server's ~245 ms start; in build/cli.js they would slow every
 * other command (`--version` and a JEPX import ~8 ms each).
 */
import { buildSync, type BuildOptions } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');
const BUNDLED = new Set(['adm-zip', 'luxon', 'fast-xml-parser', 'proxy-from-env']);
/** Bundled as well into the bundles that serve. */
const SERVER_BUNDLED = new Set(['express', 'express-rate-limit', 'path-to-regexp']);

type EntryPoints = (string | { in: string; out: string })[];

/**
 * The bundles' options: entry points and folder are the caller's (the bench bundles its own
 * children alike); `serving` bundles the server's packages in too.
 */
export function serverBuildOptions(entryPoints: EntryPoints, outdir: string, serving = false): BuildOptions {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  const packages = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
  const bundled = (p: string) => BUNDLED.has(p) || (serving && SERVER_BUNDLED.has(p));
  return {
    entryPoints,
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: packages.filter((p) => !bundled(p)),
    // A script run from its code cache has no module loader for import(): lowered to require.
    supported: { 'dynamic-import': false },
    outdir,
    sourcemap: true,
    logLevel: 'warning',
  };
}

/**
 * Builds and writes bundles, every JavaScript file of them ASCII only. esbuild escapes non-ASCII
 * characters in code, but keeps them in the comments it keeps (a dash in a package's docs), and a
 * single one makes V8 hold the whole source as a two-byte string, read and scanned at twice the
 * size: as ASCII, a JEPX import is ~10 ms faster and `--version` ~3 ms.
 */
export function buildBundles(options: BuildOptions): void {
  const { outputFiles } = buildSync({ ...options, write: false });
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    if (!file.path.endsWith('.js')) writeFileSync(file.path, file.contents);
    else writeFileSync(file.path, asciiOnly(file.text), { mode: file.text.startsWith('#!') ? 0o755 : 0o644 });
  }
}

/** Each non-ASCII character as a `\uXXXX` escape, which reads the same in a comment, a string or a pattern. */
function asciiOnly(js: string): string {
  return js.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

if (require.main === module) {
  const at = (e: string) => join(ROOT, e);
  const out = join(ROOT, 'build');
  buildBundles(serverBuildOptions(['backend/cli.ts', 'backend/import/parse-worker.ts', 'backend/code-cache.ts'].map(at), out));
  buildBundles(serverBuildOptions([at('backend/start.ts'), { in: at('backend/cli.ts'), out: 'serve' }], out, true));
}
