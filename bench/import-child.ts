/**
 * One import, alone in its own process so that its peak memory is its own:
 * `tsx bench/import-child.ts FILE DB` prints {"points","ms","peakRssMb","baseRssMb","dbBytes"}.
 * Time is `gridcell import`'s own path: read the file, recognize, parse, write, commit.
 */
import { statSync } from 'node:fs';
import { createApp } from '../backend/app';

async function main(): Promise<void> {
  const [file, dbPath] = process.argv.slice(2);
  const app = createApp({ config: { dbPath, offline: true } });
  const baseRssMb = process.memoryUsage().rss / 1048576;
  const t0 = performance.now();
  const outcome = await app.importer.importFile(file);
  const ms = performance.now() - t0;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  app.close();
  process.stdout.write(JSON.stringify({ points: outcome.points, ms, peakRssMb, baseRssMb, dbBytes: statSync(dbPath).size }) + '\n');
}

void main();
