/**
 * One import, alone in its own process so that its peak memory is its own:
 * `node build/bench/import-child.js FILE DB` (bundled by bench/compile.ts like build/cli.js, so
 * tsx is in neither the time nor the memory) prints {"points","ms","peakRssMb","baseRssMb","dbBytes"}.
 * DB is a SQLite file, or a ClickHouse store URL (`clickhouse://...`, the store's own bytes on disk).
 * Time is `gridcell import`'s own path: read the file, recognize, parse, write, commit.
 * Started with `node --expose-gc`, it also samples the live heap (after a forced collection)
 * every 50 ms and reports its high-water mark above the start as "liveHeapMb": what the import
 * holds, without the garbage that peak RSS also counts. Timing runs leave this off.
 */
import { statSync } from 'node:fs';
import { startImportAhead } from '../backend/app/import-ahead';
import { peakRssMb as peakRss } from './peak-rss';

async function main(): Promise<void> {
  const [file, db] = process.argv.slice(2);
  const clickhouse = /^clickhouses?:/.test(db);
  // As `gridcell import` does: a parsing thread starts while the app's modules load and it opens.
  startImportAhead([file]);
  const { createApp } = await import('../backend/app/create-app');
  const app = createApp({ config: { ...(clickhouse ? { storeUrl: db } : { dbPath: db }), offline: true } });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseRssMb = process.memoryUsage().rss / 1048576;
  const baseHeap = process.memoryUsage().heapUsed;
  let liveHeap = baseHeap;
  const sampler = gc
    ? setInterval(() => {
        gc();
        liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
      }, 50)
    : undefined;
  const t0 = performance.now();
  const outcome = await app.importFile(file);
  const ms = performance.now() - t0;
  if (sampler) clearInterval(sampler);
  const peakRssMb = peakRss();
  const storeBytes = (await app.health()).database.bytes;
  await app.close();
  // The SQLite file once closed (its WAL folded in); ClickHouse's parts as they stand.
  const dbBytes = clickhouse ? storeBytes : statSync(db).size;
  const liveHeapMb = gc ? (liveHeap - baseHeap) / 1048576 : undefined;
  process.stdout.write(JSON.stringify({ points: outcome.points, ms, peakRssMb, baseRssMb, liveHeapMb, dbBytes }) + '\n');
}

void main();
