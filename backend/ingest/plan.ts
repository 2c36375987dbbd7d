import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../app/app';
import { gridcellHome } from '../config';
import { GridError, type Clock } from '../domain';
import { ingestibleRuns, scheduleOf, type PublicationSchedule } from './schedules';

/** One entry of `ingest.json` as written: `{ "market": "PJM", "run": "DA", "locations": ["WESTERN HUB"], "products": ["LMP"] }`. */
export interface IngestPlanEntry {
  market: string;
  run: string;
  locations: string[];
  products?: string[];
}

/** An entry checked against the markets: canonical names, the market clock and when the run is published. */
export interface IngestEntry {
  market: string;
  run: string;
  locations: string[];
  products: string[];
  clock: Clock;
  intervalMinutes: number;
  schedule: PublicationSchedule;
}

const FIELDS = ['market', 'run', 'locations', 'products'];
/** A fixed day for checking names with the request parser (no range is fetched from it). */
const ANY_DAY = '2025-07-01';

/** `$GRIDCELL_INGEST`, else `ingest.json` in gridcell's home. */
export function ingestPlanPath(env: NodeJS.ProcessEnv): string {
  return env.GRIDCELL_INGEST || join(gridcellHome(env), 'ingest.json');
}

/** Reads and checks the plan file; every problem is a BAD_REQUEST naming the file, the entry and the field. */
export async function loadIngestPlan(app: App, file: string): Promise<IngestEntry[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GridError(
      'BAD_REQUEST',
      code === 'ENOENT'
        ? `There is no ingest plan at ${file}. Write one: [{"market": "PJM", "run": "DA", "locations": ["WESTERN HUB"]}] (or point GRIDCELL_INGEST at it).`
        : `Cannot read the ingest plan ${file} (${code ?? 'error'}).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new GridError('BAD_REQUEST', `${file} is not valid JSON (${(e as Error).message}).`);
  }
  return checkIngestPlan(app, parsed, file);
}

export async function checkIngestPlan(app: App, plan: unknown, file = 'ingest.json'): Promise<IngestEntry[]> {
  if (!Array.isArray(plan) || plan.length === 0)
    throw new GridError(
      'BAD_REQUEST',
      `${file} must be a list of entries like {"market": "PJM", "run": "DA", "locations": ["WESTERN HUB"]}.`,
    );
  const entries: IngestEntry[] = [];
  for (const [i, raw] of plan.entries()) entries.push(await checkEntry(app, raw, `${file} entry ${i + 1}`));
  return entries;
}

async function checkEntry(app: App, raw: unknown, where: string): Promise<IngestEntry> {
  const fail = (field: string, message: string) => new GridError('BAD_REQUEST', `${where}, "${field}": ${message}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new GridError('BAD_REQUEST', `${where} is not an object like {"market": "PJM", "run": "DA", "locations": ["WESTERN HUB"]}.`);
  const entry = raw as Record<string, unknown>;
  const extra = Object.keys(entry).find((k) => !FIELDS.includes(k));
  if (extra) throw fail(extra, `not a field of an entry; the fields are ${FIELDS.join(', ')}.`);
  for (const field of ['market', 'run'])
    if (typeof entry[field] !== 'string' || !entry[field]) throw fail(field, 'missing; write it as text, e.g. "PJM" and "DA".');
  const locations = textList(entry.locations, () => fail('locations', 'must be a non-empty list of location names.'));
  const products =
    entry.products === undefined
      ? [undefined]
      : textList(entry.products, () => fail('products', 'must be a non-empty list of product names.'));

  const names = [];
  for (const product of products)
    for (const location of locations) {
      let q;
      try {
        q = app.requests.series({ market: entry.market as string, run: entry.run as string, location, product, start: ANY_DAY });
      } catch (e) {
        if (!(e instanceof GridError)) throw e;
        const field = e.fields?.[0]?.field;
        throw fail(field === 'location' ? 'locations' : field === 'product' ? 'products' : (field ?? 'market'), e.message);
      }
      names.push({ ...q, location: await knownLocation(app, q.market, location, (m) => fail('locations', m)) });
    }
  const { market, run } = names[0];
  const schedule = scheduleOf(market, run);
  if (!schedule) {
    const runs = ingestibleRuns(market);
    throw fail(
      'run',
      runs.length
        ? `${market} ${run} has no publication schedule to ingest by; the runs that do are ${runs.join(', ')}. Fetch ${run} with "gridcell backfill".`
        : `${market} is not ingested (its sources publish late or as files); fetch it with "gridcell backfill" or import its files.`,
    );
  }
  const summary = (await app.markets()).find((m) => m.id === market)!;
  return {
    market,
    run,
    locations: [...new Set(names.map((n) => n.location))],
    products: [...new Set(names.map((n) => n.product))],
    clock: summary.clock,
    intervalMinutes: summary.runs.find((r) => r.id === run)?.intervalMinutes ?? 60,
    schedule,
  };
}

function textList(value: unknown, wrong: () => GridError): string[] {
  if (!Array.isArray(value) || !value.length || value.some((v) => typeof v !== 'string' || !v.trim())) throw wrong();
  return value.map((v: string) => v.trim());
}

/** The location's own name, by its name or an alias; one the catalog does not know is refused with what to do. */
async function knownLocation(app: App, market: string, name: string, wrong: (message: string) => GridError): Promise<string> {
  const upper = name.toUpperCase();
  const found = (await app.locations(app.requests.locations(market, { q: name, limit: '200' }))).locations.find(
    (l) => l.name.toUpperCase() === upper || l.aliases.some((a) => a.toUpperCase() === upper),
  );
  if (found) return found.name;
  throw wrong(
    `${market} has no location "${name}" that gridcell knows. Search the spellings with: gridcell locations ${market} "${name}". A node not listed is added by asking for it once: gridcell query ${market} "${name}" T.`,
  );
}
