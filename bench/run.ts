/**
 * `npm run bench`: the figures behind the design's budgets, each the median of several runs,
 * printed as a table and written to bench/results.json. Not a test: it never fails on a missed
 * budget, it says so. See BENCHMARKS.md. `npm run bench -- --scale` adds the 100-million-point
 * database (bench/scale.ts; minutes to build).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { connectors } from '../backend/connectors/registry';
import { cleanEnv, tempDbPath } from '../test/support/app';
import { sharedPath } from '../test/support/fixtures';
import { clickhouseBench } from './clickhouse';
import { missed, skipped, table, type Figure } from './figures';
import { fetchPlanBench } from './fetch-plan';
import { compileBench } from './compile';
import { importBench } from './imports';
import { scaleBench } from './scale';
import { serverBench } from './reads';
import { buildServer, nodeStartBench, startupBench, versionBench } from './startup';

const CAISO_ZIP = sharedPath('caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip');
const JEPX_CSV = sharedPath('jepx/spot_summary_2024_FY2024_to_2024-12-02.csv');
const READ_MARKET = 'PJM';
const RUNS = 5;
const IMPORT_RUNS = 3;

function registered(...markets: string[]): string | undefined {
  const absent = markets.filter((m) => !connectors.some((c) => c.market.id === m));
  return absent.length ? `the ${absent.join(' and ')} connector is not registered in backend/connectors/registry.ts` : undefined;
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(line + '\n');
  const env = cleanEnv();
  const figures: Figure[] = [];
  const section = async (title: string, bench: () => Promise<Figure[]>) => {
    log(`bench: ${title} ...`);
    const t0 = performance.now();
    figures.push(...(await bench()));
    log(`bench: ${title} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };

  const scale = process.argv.includes('--scale');
  buildServer();
  compileBench();
  await section('start', async () => [...(await nodeStartBench(RUNS, env)), await versionBench(RUNS, env), await startupBench(RUNS, env)]);
  await section('warm reads through the server', async () => {
    const absent = registered(READ_MARKET);
    if (absent) return [skipped('batch and series reads', absent)];
    return serverBench(READ_MARKET, { dbPath: tempDbPath() }, env, RUNS);
  });
  await section('imports', async () => {
    const absent = registered('CAISO', 'JEPX');
    return absent ? [skipped('imports', absent)] : importBench(CAISO_ZIP, JEPX_CSV, IMPORT_RUNS, env, log);
  });
  await section('ClickHouse desk store', async () => {
    const absent = registered(READ_MARKET, 'CAISO');
    if (absent) return [skipped('ClickHouse desk store', absent)];
    return clickhouseBench(CAISO_ZIP, READ_MARKET, env, { reads: RUNS, imports: IMPORT_RUNS }, log);
  });
  await section('fetch planning on simulated upstreams', () => fetchPlanBench(log));
  if (scale) await section('scale: a 100-million-point database', () => scaleBench(log));
  else log('bench: scale skipped (a 100-million-point database, minutes to build); run it with `npm run bench -- --scale`');

  const results = { date: new Date().toISOString(), node: process.version, cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`, figures };
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  log('');
  log(table(figures));
  const misses = missed(figures);
  log('');
  log(misses.length ? `Budgets missed:\n${misses.map((m) => `  - ${m}`).join('\n')}` : 'Every budget measured was met.');
  log(`Written to ${join(__dirname, 'results.json')}.`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
