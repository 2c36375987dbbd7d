/**
 * npm run validate [-- path/to/manifest.xml]: checks manifest.xml (or the given file) against gridcell's own
 * manifest schema (manifest-schema/), offline, with nothing from outside the repository.
 * Exit 0 when it passes, 1 with one line per problem (file:line: what is wrong) when it does not, 2 on usage errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { formatProblems, validateManifest } from './manifest-validation';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length > 1 || args[0] === '--help' || args[0] === '-h') {
    console.error('usage: npm run validate [-- path/to/manifest.xml]   (default: manifest.xml at the repository root)');
    return 2;
  }
  const file = resolve(args[0] ?? resolve(__dirname, '../manifest.xml'));
  if (!existsSync(file)) {
    console.error(`validate: no such file: ${file}`);
    return 2;
  }
  const rel = relative(process.cwd(), file);
  const name = rel && !rel.startsWith('..') ? rel : file;
  const verdict = await validateManifest(readFileSync(file, 'utf8'), name);
  if (verdict.valid) {
    process.stdout.write(`${name}: passes gridcell's manifest schema (structurally sound; not Microsoft's verdict)\n`);
    return 0;
  }
  for (const line of formatProblems(name, verdict)) console.error(line);
  console.error(
    `${name}: fails gridcell's manifest schema (${verdict.problems.length} problem${verdict.problems.length === 1 ? '' : 's'})`,
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`validate: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
