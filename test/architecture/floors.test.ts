import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The import map, read afresh from the code: every relative import of every file under contract/,
 * client/, functions/, addin/ and backend/ must point at its own floor or one the table allows.
 * Floors point down: the contract and the domain model at the bottom, importing nothing of ours;
 * the store knows no market; the browser code speaks only the API.
 */
const FLOORS: Record<string, string[]> = {
  contract: [],
  client: ['contract'],
  functions: ['contract', 'client'],
  addin: ['contract', 'client'],
  'backend/domain': ['contract'],
  'backend/config': [],
  'backend/tls': [],
  'backend/paths': [],
  'backend/code-cache': [],
  'backend/time': ['contract', 'backend/domain'],
  'backend/formats': ['backend/domain', 'backend/time'],
  'backend/http': ['backend/domain'],
  'backend/store': ['backend/domain', 'backend/formats', 'backend/time'],
  'backend/connectors': ['contract', 'backend/domain', 'backend/time', 'backend/formats', 'backend/http'],
  'backend/series': [
    'contract',
    'backend/domain',
    'backend/config',
    'backend/time',
    'backend/formats',
    'backend/http',
    'backend/store',
    'backend/connectors',
  ],
  'backend/import': ['backend/domain', 'backend/formats', 'backend/store', 'backend/connectors', 'backend/series', 'backend/code-cache'],
  'backend/validation': ['contract', 'backend/domain', 'backend/time', 'backend/connectors', 'backend/series'],
  'backend/app': [
    'contract',
    'backend/domain',
    'backend/config',
    'backend/time',
    'backend/http',
    'backend/store',
    'backend/connectors',
    'backend/series',
    'backend/import',
    'backend/validation',
    'backend/paths',
  ],
  'backend/ingest': ['contract', 'backend/domain', 'backend/config', 'backend/time', 'backend/app'],
  'backend/api': ['contract', 'backend/domain', 'backend/app', 'backend/validation'],
  'backend/commands': ['contract', 'backend/config', 'backend/tls', 'backend/paths', 'backend/app', 'backend/api', 'backend/ingest'],
  'backend/cli': ['backend/domain', 'backend/config', 'backend/paths', 'backend/app', 'backend/commands'],
  'backend/start': ['backend/paths', 'backend/commands'],
};

const ROOT = resolve(__dirname, '../..');
const TOP = ['contract', 'client', 'functions', 'addin', 'backend'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

/** The floor a repository path belongs to: the longest floor name that is a prefix of it. */
function floorOf(path: string): string | undefined {
  const noExt = path.replace(/\.ts$/, '').replace(/\/index$/, '');
  return Object.keys(FLOORS)
    .filter((f) => noExt === f || noExt.startsWith(`${f}/`))
    .sort((a, b) => b.length - a.length)[0];
}

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'/gm;

interface Arrow {
  file: string;
  target: string;
  from: string;
  to: string | undefined;
}

function arrows(): Arrow[] {
  const out: Arrow[] = [];
  for (const top of TOP) {
    for (const abs of sources(join(ROOT, top))) {
      const file = relative(ROOT, abs);
      const text = readFileSync(abs, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const target = relative(ROOT, resolve(dirname(abs), m[1] ?? m[2]));
        out.push({ file, target, from: floorOf(file)!, to: floorOf(target) });
      }
    }
  }
  return out;
}

describe('floors point down', () => {
  const all = arrows();

  test('the map is read: hundreds of imports, every file on a floor', () => {
    expect(all.length).toBeGreaterThan(300);
    const homeless = [...new Set(all.filter((a) => !a.from).map((a) => a.file))];
    expect(homeless).toEqual([]);
  });

  test('every import stays on its floor or goes to one its floor may use', () => {
    const upward = all.filter((a) => a.to !== a.from && !(a.to && FLOORS[a.from].includes(a.to))).map((a) => `${a.file} -> ${a.target}`);
    expect(upward).toEqual([]);
  });

  test('the rules the ground-floor issue names hold on their own', () => {
    const from = (floor: string) => all.filter((a) => a.from === floor);
    const into = (list: Arrow[], floor: string) => list.filter((a) => a.to === floor).map((a) => `${a.file} -> ${a.target}`);
    for (const low of ['backend/store', 'backend/formats', 'backend/time']) expect(into(from(low), 'backend/connectors')).toEqual([]);
    expect(into(from('addin'), 'functions')).toEqual([]);
    expect(into(from('backend/series'), 'backend/api')).toEqual([]);
    expect(all.filter((a) => a.from === 'contract' && a.to !== 'contract')).toEqual([]);
  });
});
