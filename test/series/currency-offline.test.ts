/**
 * currency= uses the cached ECB fixing of each date and asks the ECB only for dates it lacks; the
 * ECB is a fake upstream here (the real FX connector redirected to it), so every request it would
 * make is counted and none reaches the network.
 */
import { readFileSync } from 'node:fs';
import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv, seriesOf } from '../support/app';
import { fakeUpstream, reply } from '../support/fake-upstream';
import { describeShared, sharedPath } from '../support/fixtures';

const JEPX = 'jepx/spot_summary_2026_FY2026_to_2026-04-19.csv';
const ECB = 'ecb/eurofxref_2026-04-13.csv';

/** Units per EUR of the ECB file's one fixing (2026-04-13), by currency. */
function fixings(): Map<string, number> {
  const [header, values] = readFileSync(sharedPath(ECB), 'utf8').trim().split(/\r?\n/);
  const names = header.split(',').map((h) => h.trim());
  const rates = values.split(',').map((v) => v.trim());
  return new Map(names.slice(1).map((n, i) => [n, Number(rates[i + 1])]));
}

/** TOKYO's area price (JPY/kWh) of the first two half-hours of 2026-04-13, from the JEPX file (Shift-JIS; the numbers are ASCII). */
function tokyoFirstSlots(): number[] {
  const rows = readFileSync(sharedPath(JEPX), 'latin1')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('2026/04/13,'));
  // Columns: date, slot, three volumes, system price, then the areas Hokkaido, Tohoku, Tokyo ...
  return rows.slice(0, 2).map((l) => Number(l.split(',')[8]));
}

describeShared([JEPX, ECB])('currency conversion takes each date its cached fixing, fetching only what it lacks', () => {
  let ecb: Awaited<ReturnType<typeof fakeUpstream>>;
  const apps: App[] = [];

  beforeAll(async () => {
    ecb = await fakeUpstream([reply(503, 'Service Unavailable')]);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await ecb.close();
  });

  function onlineApp(): App {
    const app = createApp({ env: cleanEnv(), connectors: [registered('JEPX'), redirected(registered('FX'), ecb.url)] });
    apps.push(app);
    return app;
  }

  test('online, with the fixing of the date cached: converted from the cache, the ECB never asked', async () => {
    const app = onlineApp();
    await app.importFile(sharedPath(JEPX));
    await app.importFile(sharedPath(ECB));
    const before = ecb.hits.length;
    const s = await seriesOf(app, { market: 'JEPX', location: 'TOKYO', start: '2026-04-13', currency: 'USD', unit: 'MWh' });
    expect(ecb.hits.length).toBe(before);
    const usdPerJpy = fixings().get('USD')! / fixings().get('JPY')!;
    const [first, second] = tokyoFirstSlots();
    expect(s.points[0].value).toBeCloseTo(first * 1000 * usdPerJpy, 9);
    expect(s.points[1].value).toBeCloseTo(second * 1000 * usdPerJpy, 9);
    expect(s.conversion!.rates).toEqual([{ date: '2026-04-13', rateDate: '2026-04-13', rate: expect.closeTo(usdPerJpy, 12) }]);
  });

  test('online, a date without a cached fixing asks the ECB for it, and its failure names the currency', async () => {
    const app = onlineApp();
    await app.importFile(sharedPath(JEPX));
    await app.importFile(sharedPath(ECB));
    const before = ecb.hits.length;
    // 2026-04-10 (a Friday) is before the one cached fixing: it has to come from the ECB, which is down.
    const failed = seriesOf(app, { market: 'JEPX', location: 'TOKYO', start: '2026-04-10', currency: 'EUR' });
    await expect(failed).rejects.toThrow(/^The ECB JPY rate for 2026-04-10 could not be fetched, so it cannot convert to or from JPY: /);
    expect(ecb.hits.length).toBeGreaterThan(before);
  }, 30_000);

  test('offline with no fixing cached: one message naming the currency and what to do', async () => {
    const app = createApp({ env: cleanEnv(), config: { offline: true } });
    apps.push(app);
    await app.importFile(sharedPath(JEPX));
    await expect(
      seriesOf(app, { market: 'JEPX', location: 'TOKYO', start: '2026-04-13', end: '2026-04-15', currency: 'EUR' }),
    ).rejects.toMatchObject({
      code: 'NOT_CACHED',
      message:
        "No ECB reference rate for JPY on or before 2026-04-13 is in the cache, and gridcell is offline, so it cannot convert to or from JPY. Import the ECB's rates file (eurofxref-hist.zip) or go online, then ask again.",
    });
  });
});
