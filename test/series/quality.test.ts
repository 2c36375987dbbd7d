import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import { cleanEnv, tempDbPath } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';

const DA = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const RT = 'pjm/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const AESO = 'aeso/HistoricalPoolPriceReportServlet_2022.csv';
const now = () => Date.parse('2026-07-15T12:00:00Z');

/** The Data Miner file's rows: EPT start (`7/1/2025 4:00:00 PM`) -> column value, per hub. */
function byHub(file: string, column: string): Map<string, Map<string, number>> {
  const [header, ...lines] = readFileSync(sharedPath(file), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  const [ept, name, value] = ['datetime_beginning_ept', 'pnode_name', column].map((c) => cols.indexOf(c));
  const out = new Map<string, Map<string, number>>();
  for (const cells of lines.map((l) => l.split(','))) {
    const hub = out.get(cells[name]) ?? new Map<string, number>();
    hub.set(cells[ept], Number(cells[value]));
    out.set(cells[name], hub);
  }
  return out;
}

/** `7/1/2025 4:00:00 PM` (Eastern, July: EDT) as the ISO start an answer writes. */
function isoOfEpt(ept: string): string {
  const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):00:00 (AM|PM)$/.exec(ept)!;
  const hour = (Number(m[4]) % 12) + (m[5] === 'PM' ? 12 : 0);
  return `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00-04:00`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function check(app: App, params: Record<string, string>) {
  return app.quality(await app.requests.quality(params));
}

describeShared([DA, RT])('the quality of the cache, checked against the files themselves', () => {
  let app: App;
  beforeAll(async () => {
    app = createApp({ env: cleanEnv(), config: { offline: true }, now });
    await app.importFile(sharedPath(DA));
    await app.importFile(sharedPath(RT));
  });
  afterAll(() => app.close());

  test('every hub, run and component is whole: 48 hours on two EDT days, no gaps, no revisions, components that add up', async () => {
    const q = await check(app, { market: 'PJM', start: '2025-07-01', end: '2025-07-02' });
    expect(q.series).toHaveLength(12 * 2 * 4);
    for (const s of q.series) expect(s).toMatchObject({ expected: 48, present: 48, days: 2, finalDays: 2, missingDays: [], revisions: 0 });
    expect(q.findings.filter((f) => ['gap', 'revised', 'components', 'outside-limits'].includes(f.kind))).toEqual([]);
  });

  test("the afternoon's real-time scarcity price is flagged as far from its neighbours, and kept", async () => {
    // The highest real-time price of the file, at whichever hub and hour it is.
    const [hub, peakEpt, peak] = [...byHub(RT, 'total_lmp_rt')]
      .flatMap(([name, hours]) => [...hours].map(([ept, v]) => [name, ept, v] as const))
      .reduce((a, b) => (b[2] > a[2] ? b : a));
    const q = await check(app, { market: 'PJM', location: hub, run: 'RT', product: 'LMP', start: '2025-07-01', end: '2025-07-02' });
    expect(q.findings).toContainEqual(expect.objectContaining({ kind: 'outlier', run: 'RTH', start: isoOfEpt(peakEpt), value: peak }));
    const answer = await app.series(
      app.requests.series({ market: 'PJM', location: hub, run: 'RT', start: isoOfEpt(peakEpt).slice(0, 16) }),
    );
    expect(answer.points[0].value).toBe(peak);
  });

  const westernHubDa = (spread: string) =>
    check(app, { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', start: '2025-07-01', end: '2025-07-02', spread });

  test('real time against day-ahead: the hours where they differ by more than the spread asked', async () => {
    const da = byHub(DA, 'total_lmp_da').get('WESTERN HUB')!;
    const rt = byHub(RT, 'total_lmp_rt').get('WESTERN HUB')!;
    const expected = [...da].filter(([ept, v]) => Math.abs(rt.get(ept)! - v) > 20).map(([ept]) => isoOfEpt(ept));
    expect(expected.length).toBeGreaterThan(0);
    const q = await westernHubDa('20');
    expect(q.findings.filter((f) => f.kind === 'spread').map((f) => f.start)).toEqual(expected);
  });

  test('a hub against the median of the other eleven hubs', async () => {
    const hubs = byHub(DA, 'total_lmp_da');
    const own = hubs.get('WESTERN HUB')!;
    const expected = [...own]
      .filter(([ept, v]) => Math.abs(v - median([...hubs].filter(([n]) => n !== 'WESTERN HUB').map(([, h]) => h.get(ept)!))) > 2)
      .map(([ept]) => isoOfEpt(ept));
    expect(expected.length).toBeGreaterThan(0);
    const q = await westernHubDa('2');
    expect(q.findings.filter((f) => f.kind === 'peers').map((f) => f.start)).toEqual(expected);
  });
});

describeShared([DA])('what an edited file leaves behind', () => {
  test('a revised value, components that no longer add up, and a day cut short', async () => {
    const dbPath = tempDbPath();
    const app = createApp({ env: cleanEnv({ GRIDCELL_DB: dbPath }), config: { offline: true }, now });
    try {
      await app.importFile(sharedPath(DA));
      const [header, ...lines] = readFileSync(sharedPath(DA), 'utf8').trim().split(/\r?\n/);
      const cols = header.split(',');
      const [ept, name, lmp] = ['datetime_beginning_ept', 'pnode_name', 'total_lmp_da'].map((c) => cols.indexOf(c));
      const target = lines.findIndex((l) => l.split(',')[name] === 'WESTERN HUB' && l.split(',')[ept] === '7/1/2025 5:00:00 AM');
      const cells = lines[target].split(',');
      const before = Number(cells[lmp]);
      cells[lmp] = String(before + 100);
      lines[target] = cells.join(',');
      const edited = join(dirname(dbPath), 'da_edited.csv');
      writeFileSync(edited, [header, ...lines].join('\n') + '\n');
      await app.importFile(edited);
      const q = await check(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-02', spread: '100000' });
      expect(q.findings.filter((f) => f.kind === 'revised')).toEqual([
        expect.objectContaining({
          product: 'LMP',
          start: '2025-07-01T05:00:00-04:00',
          value: before + 100,
          message: expect.stringContaining(`${before} revised to ${before + 100}`),
        }),
      ]);
      expect(q.findings.filter((f) => f.kind === 'components').map((f) => f.start)).toEqual(['2025-07-01T05:00:00-04:00']);

      const cut = join(dirname(dbPath), 'da_cut.csv');
      writeFileSync(
        cut,
        [
          header,
          ...lines.filter((l) => !(l.split(',')[name] === 'NEW JERSEY HUB' && /^7\/2\/2025 (1|2|3):00:00 PM$/.test(l.split(',')[ept]))),
        ].join('\n') + '\n',
      );
      const fresh = createApp({ env: cleanEnv(), config: { offline: true }, now });
      try {
        await fresh.importFile(cut);
        const gaps = (
          await check(fresh, {
            market: 'PJM',
            location: 'NEW JERSEY HUB',
            run: 'DA',
            product: 'LMP',
            start: '2025-07-01',
            end: '2025-07-02',
          })
        ).findings.filter((f) => f.kind === 'gap');
        expect(gaps).toEqual([
          expect.objectContaining({
            day: '2025-07-02',
            message: '21 of 24 intervals; missing 2025-07-02T13:00:00-04:00, 2025-07-02T14:00:00-04:00, 2025-07-02T15:00:00-04:00.',
          }),
        ]);
        // Filling is asked for, never silent: linear fill puts the three hours on the line from 12:00 to 16:00.
        const nj = byHub(DA, 'total_lmp_da').get('NEW JERSEY HUB')!;
        const [noon, four] = [nj.get('7/2/2025 12:00:00 PM')!, nj.get('7/2/2025 4:00:00 PM')!];
        const asked = { market: 'PJM', location: 'NEW JERSEY HUB', start: '2025-07-02T12:00', end: '2025-07-02T17:00' };
        const plain = await fresh.series(fresh.requests.series(asked));
        expect(plain.points.map((p) => p.value)).toEqual([noon, four]);
        const linear = await fresh.series(fresh.requests.series({ ...asked, fill: 'linear' }));
        expect(linear.points.map((p) => p.value)).toEqual([
          noon,
          noon + (four - noon) / 4,
          noon + (2 * (four - noon)) / 4,
          noon + (3 * (four - noon)) / 4,
          four,
        ]);
      } finally {
        await fresh.close();
      }
    } finally {
      await app.close();
    }
  });
});

describeShared([AESO])('a price beyond the market price cap is flagged, never dropped', () => {
  test('AESO pool price above $999.99', async () => {
    const dbPath = tempDbPath();
    const text = readFileSync(sharedPath(AESO), 'utf8').replace('"01/01/2022 01","65.64"', '"01/01/2022 01","1065.64"');
    const file = join(dirname(dbPath), 'HistoricalPoolPriceReportServlet_2022_edited.csv');
    writeFileSync(file, text);
    const app = createApp({ env: cleanEnv({ GRIDCELL_DB: dbPath }), config: { offline: true }, now });
    try {
      await app.importFile(file);
      const q = await check(app, { market: 'AESO', start: '2022-01-01', end: '2022-01-01', product: 'LMP' });
      expect(q.findings.filter((f) => f.kind === 'outside-limits')).toEqual([
        expect.objectContaining({
          location: 'ALBERTA',
          value: 1065.64,
          start: '2022-01-01T00:00:00-07:00',
          message: '2022-01-01T00:00:00-07:00: 1065.64 is above the market price cap of 999.99.',
        }),
      ]);
    } finally {
      await app.close();
    }
  });
});
