/**
 * `npm run build:server` (at `npm ci` and `npm start`): bundles the CLI, the server, the import's
 * parsing thread and the loader that runs them with V8's code cache (backend/code-cache.ts) into
 * build/, with esbuild.
 *
 * The pure-JavaScript packages every import loads are bundled in, so that the code cache covers
 * them too and nothing of theirs is looked up in node_modules at start (an import ~5% faster;
 * `--version`, which loads none of them, ~3 ms slower for the larger bundle). The others stay in
 * node_modules: better-sqlite3 (a native addon), and those only the server or a fetch loads.
 */
import { buildSync, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const BUNDLED = new Set(['adm-zip', 'luxon', 'fast-xml-parser', 'proxy-from-env']);

/** The bundles' options: entry points and folder are the caller's (the bench bundles its own children alike). */
export function serverBuildOptions(entryPoints: string[], outdir: string): BuildOptions {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  const packages = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
  return {
    entryPoints,
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: packages.filter((p) => !BUNDLED.has(p)),
    // A script run from its code cache has no module loader for import(): lowered to require.
    supported: { 'dynamic-import': false },
    outdir,
    sourcemap: true,
    logLevel: 'warning',
  };
}

if (require.main === module) {
  const entries = ['backend/cli.ts', 'backend/start.ts', 'backend/import/parse-worker.ts', 'backend/code-cache.ts'];
  buildSync(
    serverBuildOptions(
      entries.map((e) => join(ROOT, e)),
      join(ROOT, 'build'),
    ),
  );
}
