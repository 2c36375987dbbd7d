import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of gridcell's package.json, found upwards from this module: the same whether it runs
 * from the TypeScript sources (backend/) or from the compiled bundle (build/).
 */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`gridcell's package.json was not found above ${from}.`);
  }
}

export const PACKAGE_ROOT = packageRoot(__dirname);

/** gridcell's version, as package.json gives it. */
export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
