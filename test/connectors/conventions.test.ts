import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { connectors } from '../../backend/connectors/registry';

// The shape every connector keeps (backend/connectors/README.md): report ids of one form, and code
// shared only through connectors/shared (or a region-level file), never by reaching into another market.

const CONNECTORS = resolve(__dirname, '../../backend/connectors');

describe('report ids', () => {
  const all = connectors.flatMap((c) => c.reports.map((r) => ({ market: c.market.id, id: r.id })));

  test.each(all.map((r) => [r.id, r.market]))('%s is <market>.<report> for %s', (id, market) => {
    expect(id).toMatch(new RegExp(`^${market.toLowerCase()}\\.[a-z0-9_]+$`));
  });

  test('are unique across all connectors', () => {
    const ids = all.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.length).toBeGreaterThan(40);
  });
});

/** `<region>/<market>` folders, each one connector. */
function marketFolders(): string[] {
  return readdirSync(CONNECTORS)
    .filter((region) => region !== 'shared' && statSync(join(CONNECTORS, region)).isDirectory())
    .flatMap((region) =>
      readdirSync(join(CONNECTORS, region))
        .filter((m) => statSync(join(CONNECTORS, region, m)).isDirectory())
        .map((m) => `${region}/${m}`),
    );
}

const FOLDERS = marketFolders();
const IMPORT = /^\s*import\s[^'"]*?from\s+'(\.[^']+)'/gm;

describe('connector folders', () => {
  test.each(FOLDERS)('%s imports no other market folder', (folder) => {
    const outside: string[] = [];
    for (const name of readdirSync(join(CONNECTORS, folder)).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(join(CONNECTORS, folder, name), 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const target = relative(CONNECTORS, resolve(dirname(join(CONNECTORS, folder, name)), m[1]));
        const otherMarket = FOLDERS.some((f) => f !== folder && (target === f || target.startsWith(`${f}/`)));
        if (otherMarket) outside.push(`${name} -> ${target}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
