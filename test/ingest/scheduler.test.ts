/**
 * Each entry of the plan runs on its own loop: a source that fails backs off and shows its error in
 * health, one that hangs is cut off by the timeout, and neither delays the others. A fake clock
 * drives the timers; the fetches are stubs (the end-to-end test fetches for real).
 */
import { createApp } from '../../backend/app/create-app';
import { GridError } from '../../backend/domain';
import { IngestScheduler, withIngest, type DayFetcher, type IngestEntry, type IngestTimers } from '../../backend/ingest';
import { scheduleOf } from '../../backend/ingest/schedules';
import { cleanEnv } from '../support/app';

const MIN = 60_000;
const START = Date.parse('2026-11-29T15:00:00Z');
const SECRET = 'caiso-secret-value-123';

/** Timers that run only when the test moves the clock, in the order they are due. */
class FakeTimers implements IngestTimers {
  current = START;
  private tasks: { at: number; run: () => void; id: number }[] = [];
  private ids = 0;
  now = () => this.current;
  setTimeout = (run: () => void, ms: number) => {
    const id = ++this.ids;
    this.tasks.push({ at: this.current + ms, run, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.tasks = this.tasks.filter((t) => t.id !== id);
  };
  get pending(): number {
    return this.tasks.length;
  }
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      this.tasks.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.tasks[0];
      if (!next || next.at > target) break;
      this.tasks.shift();
      this.current = Math.max(this.current, next.at);
      next.run();
      await settle();
    }
    this.current = target;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

function entry(market: string, run: string, clock: string, intervalMinutes: number): IngestEntry {
  return { market, run, locations: ['A', 'B'], products: ['LMP'], clock, intervalMinutes, schedule: scheduleOf(market, run)! };
}

const PJM_RT5 = entry('PJM', 'RT5', 'America/New_York', 5);
const CAISO_RT5 = entry('CAISO', 'RT5', 'America/Los_Angeles', 5);
const JEPX_DA = entry('JEPX', 'DA', 'Asia/Tokyo', 30);

describe('ingest scheduler: markets are independent', () => {
  let timers: FakeTimers;
  let calls: { market: string; day: string; at: number }[];
  let caisoDown: boolean;
  let fetchDay: DayFetcher;

  beforeEach(() => {
    timers = new FakeTimers();
    calls = [];
    caisoDown = true;
    fetchDay = async (e, day) => {
      calls.push({ market: e.market, day, at: timers.now() });
      if (e.market === 'CAISO' && caisoDown)
        throw new GridError('UPSTREAM', `CAISO OASIS answered HTTP 503 for https://oasis.caiso.com/oasisapi/SingleZip?key=${SECRET}.`);
      if (e.market === 'JEPX') return new Promise(() => undefined); // never answers
      return { points: 576, final: false };
    };
  });

  const at = (market: string) => calls.filter((c) => c.market === market).map((c) => (c.at - START) / MIN);

  test('a failing source backs off and shows its error in health; the other fetches on time; a hang is cut off', async () => {
    const app = createApp({ env: cleanEnv({ CAISO_API_KEY: SECRET, PJM_API_KEY: SECRET }) });
    const log: string[] = [];
    const ingest = new IngestScheduler([PJM_RT5, CAISO_RT5, JEPX_DA], fetchDay, {
      timers,
      timeoutMs: MIN,
      log: (line) => log.push(line),
      redact: app.redact,
    });
    const served = withIngest(app, ingest);
    try {
      ingest.start();
      await timers.advance(0);
      // PJM: yesterday and today at once; CAISO: both failed; JEPX: waiting on its hung fetch.
      expect(calls.filter((c) => c.market === 'PJM').map((c) => c.day)).toEqual(['2026-11-28', '2026-11-29']);
      let health = (await served.health()).ingest!;
      expect(health.map((h) => [h.market, h.state])).toEqual([
        ['PJM', 'waiting'],
        ['CAISO', 'failed'],
        ['JEPX', 'fetching'],
      ]);
      expect(health[0]).toMatchObject({ run: 'RT5', locations: 2, lastSuccess: '2026-11-29T15:00:00.000Z', lastDay: '2026-11-29' });
      expect(health[0].nextRun).toBe('2026-11-29T15:05:00.000Z');
      expect(health[1].lastError).toContain('CAISO OASIS answered HTTP 503');
      expect(JSON.stringify(health)).not.toContain(SECRET);
      expect(health[1].nextRun).toBe('2026-11-29T15:05:00.000Z');

      await timers.advance(60 * MIN);
      // PJM every five minutes, on time, whatever CAISO and JEPX do.
      expect(at('PJM')).toEqual([0, 0, 5, 5, 10, 10, 15, 15, 20, 20, 25, 25, 30, 30, 35, 35, 40, 40, 45, 45, 50, 50, 55, 55, 60, 60]);
      // CAISO backs off: 5, 10, 20 minutes between passes (two days a pass).
      expect(at('CAISO')).toEqual([0, 0, 5, 5, 15, 15, 35, 35]);
      // JEPX: cut off after a minute, then backing off from there.
      expect(at('JEPX')).toEqual([0, 6, 17, 38]);
      health = (await served.health()).ingest!;
      expect(health[1]).toMatchObject({ state: 'failed', nextRun: '2026-11-29T16:15:00.000Z' });
      expect(health[2].lastError).toBe('JEPX DA 2026-11-30 took longer than 60 s; it is left to end on its own.');
      expect(log).toContain('PJM RT5 2026-11-29: 576 points');
      expect(log.find((l) => l.startsWith('CAISO RT5 2026-11-29: failed: CAISO OASIS answered HTTP 503'))).toBeDefined();
      expect(log.join('\n')).not.toContain(SECRET);

      // The source is back: the next pass succeeds and the error is cleared.
      caisoDown = false;
      await timers.advance(15 * MIN);
      expect((await served.health()).ingest![1]).toMatchObject({
        state: 'waiting',
        lastSuccess: '2026-11-29T16:15:00.000Z',
        lastError: undefined,
      });
    } finally {
      await served.close();
    }
    expect(timers.pending).toBe(0);
  });

  test('a day-ahead day once in is not fetched again; one not published yet is asked for every five minutes', async () => {
    const PJM_DA = entry('PJM', 'DA', 'America/New_York', 60);
    let published = false;
    const ingest = new IngestScheduler(
      [PJM_DA],
      async (e, day) => {
        calls.push({ market: e.market, day, at: timers.now() });
        if (day === '2026-11-30' && !published) throw new GridError('NOT_PUBLISHED', 'not yet');
        return { points: 48, final: day < '2026-11-29' };
      },
      { timers },
    );
    ingest.start();
    await timers.advance(0);
    // 10:00 EST: today only, then nothing until the 13:30 EST auction (18:30 UTC).
    expect(ingest.status()[0].nextRun).toBe('2026-11-29T18:30:00.000Z');
    await timers.advance(3.5 * 60 * MIN);
    expect(calls.map((c) => [c.day, (c.at - START) / MIN])).toEqual([
      ['2026-11-29', 0],
      ['2026-11-30', 210],
    ]);
    expect(ingest.status()[0]).toMatchObject({ state: 'waiting', nextRun: '2026-11-29T18:35:00.000Z' });
    published = true;
    await timers.advance(5 * MIN);
    expect(calls.slice(2).map((c) => c.day)).toEqual(['2026-11-30']);
    // Both days in: the next pass is tomorrow's auction, and it asks only for the day after.
    expect(ingest.status()[0].nextRun).toBe('2026-11-30T18:30:00.000Z');
    await timers.advance(24 * 60 * MIN);
    expect(calls.slice(3).map((c) => c.day)).toEqual(['2026-12-01']);
    ingest.stop();
    expect(timers.pending).toBe(0);
  });
});
