import { connectors } from '../../backend/connectors/registry';
import { PUBLICATION_SCHEDULES, scheduleOf, type PublicationSchedule } from '../../backend/ingest/schedules';
import { backoffMs, daysDue, nextPass, pollMs, publicationInstant } from '../../backend/ingest/timing';

const PJM = 'America/New_York';
const DA = scheduleOf('PJM', 'DA')!;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const none = new Set<string>();

describe('publication schedules are data about the registered markets', () => {
  test('every scheduled market and run exists, and each day-ahead time is HH:MM', () => {
    for (const [market, runs] of Object.entries(PUBLICATION_SCHEDULES)) {
      const connector = connectors.find((c) => c.market.id === market);
      expect(connector).toBeDefined();
      for (const [run, schedule] of Object.entries(runs)) {
        expect(connector!.market.runs.map((r) => r.id)).toContain(run);
        if (schedule.kind === 'day-ahead') expect(schedule.at).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      }
    }
  });

  test('the auctions of the brief: PJM 13:30 ET, CAISO 13:00 PT, NYISO 11:00 ET, EPEX 12:45 CET, JEPX 10:00 JST', () => {
    expect(DA).toEqual({ kind: 'day-ahead', at: '13:30' });
    expect(scheduleOf('CAISO', 'DA')).toEqual({ kind: 'day-ahead', at: '13:00' });
    expect(scheduleOf('NYISO', 'DA')).toEqual({ kind: 'day-ahead', at: '11:00' });
    expect(scheduleOf('EPEX', 'DA')).toEqual({ kind: 'day-ahead', at: '12:45' });
    expect(scheduleOf('JEPX', 'DA')).toEqual({ kind: 'day-ahead', at: '10:00' });
    expect(scheduleOf('NEM', 'RT')).toEqual({ kind: 'real-time' });
    expect(scheduleOf('GAS', 'DAILY')).toBeUndefined();
  });
});

describe('day-ahead: tomorrow after the auction, on the market clock', () => {
  test('a normal summer day: 13:30 EDT is 17:30 UTC; before it only today is due, after it tomorrow too', () => {
    const morning = at('2025-07-01T12:00:00Z');
    expect(daysDue(DA, morning, PJM, none)).toEqual(['2025-07-01']);
    expect(iso(nextPass(DA, morning, PJM, 0, 0))).toBe('2025-07-01T17:30:00.000Z');
    const afternoon = at('2025-07-01T18:00:00Z');
    expect(daysDue(DA, afternoon, PJM, none)).toEqual(['2025-07-01', '2025-07-02']);
    expect(daysDue(DA, afternoon, PJM, new Set(['2025-07-01']))).toEqual(['2025-07-02']);
    // Tomorrow had: the next pass is tomorrow's auction.
    expect(iso(nextPass(DA, afternoon, PJM, 0, 0))).toBe('2025-07-02T17:30:00.000Z');
    // Tomorrow not out yet: asked again in five minutes.
    expect(iso(nextPass(DA, afternoon, PJM, 0, 1))).toBe('2025-07-01T18:05:00.000Z');
  });

  test('spring forward (PJM, 2025-03-09): 13:30 EST the day before, 13:30 EDT on the day (21.5 h apart, not 24)', () => {
    expect(iso(publicationInstant('2025-03-08', PJM, '13:30'))).toBe('2025-03-08T18:30:00.000Z');
    expect(iso(nextPass(DA, at('2025-03-08T20:00:00Z'), PJM, 0, 0))).toBe('2025-03-09T17:30:00.000Z');
    // Just after the clocks jumped (03:30 EDT): still today's auction at 13:30 EDT.
    expect(iso(nextPass(DA, at('2025-03-09T07:30:00Z'), PJM, 0, 0))).toBe('2025-03-09T17:30:00.000Z');
    expect(daysDue(DA, at('2025-03-09T17:29:00Z'), PJM, none)).toEqual(['2025-03-09']);
    expect(daysDue(DA, at('2025-03-09T17:30:00Z'), PJM, none)).toEqual(['2025-03-09', '2025-03-10']);
  });

  test('fall back (PJM, 2025-11-02): 13:30 EDT the day before, 13:30 EST on the day, also from inside the repeated hour', () => {
    expect(iso(nextPass(DA, at('2025-11-01T18:00:00Z'), PJM, 0, 0))).toBe('2025-11-02T18:30:00.000Z');
    // 01:30 EDT, then 01:30 EST an hour later: the same market day, the same auction.
    expect(iso(nextPass(DA, at('2025-11-02T05:30:00Z'), PJM, 0, 0))).toBe('2025-11-02T18:30:00.000Z');
    expect(iso(nextPass(DA, at('2025-11-02T06:30:00Z'), PJM, 0, 0))).toBe('2025-11-02T18:30:00.000Z');
    expect(daysDue(DA, at('2025-11-02T18:29:00Z'), PJM, none)).toEqual(['2025-11-02']);
  });

  test('other clocks: CAISO Pacific, MISO on EST all year, EPEX across the EU change, JEPX Tokyo', () => {
    expect(iso(publicationInstant('2025-07-01', 'America/Los_Angeles', '13:00'))).toBe('2025-07-01T20:00:00.000Z');
    expect(iso(publicationInstant('2025-07-01', 'UTC-5', '14:00'))).toBe('2025-07-01T19:00:00.000Z');
    expect(iso(publicationInstant('2025-03-29', 'Europe/Brussels', '12:45'))).toBe('2025-03-29T11:45:00.000Z');
    expect(iso(publicationInstant('2025-03-30', 'Europe/Brussels', '12:45'))).toBe('2025-03-30T10:45:00.000Z');
    // 15:00 UTC is already the next day in Tokyo, before its 10:00 auction.
    expect(daysDue(scheduleOf('JEPX', 'DA')!, at('2026-11-29T15:00:00Z'), 'Asia/Tokyo', none)).toEqual(['2026-11-30']);
  });
});

describe('real time: today (and yesterday until it is final) every interval, at least five minutes', () => {
  const RT: PublicationSchedule = { kind: 'real-time' };

  test('the period follows the run, never under five minutes', () => {
    expect(pollMs(RT, 5)).toBe(5 * 60_000);
    expect(pollMs(RT, 1)).toBe(5 * 60_000);
    expect(pollMs(RT, 60)).toBe(60 * 60_000);
    expect(pollMs({ kind: 'real-time', everyMinutes: 15 }, 5)).toBe(15 * 60_000);
    expect(iso(nextPass(RT, at('2025-07-01T12:00:00Z'), PJM, pollMs(RT, 5), 1))).toBe('2025-07-01T12:05:00.000Z');
  });

  test('yesterday and today, leaving out a day had for good', () => {
    const now = at('2025-07-01T12:00:00Z');
    expect(daysDue(RT, now, PJM, none)).toEqual(['2025-06-30', '2025-07-01']);
    expect(daysDue(RT, now, PJM, new Set(['2025-06-30']))).toEqual(['2025-07-01']);
  });

  test('backoff doubles from five minutes to an hour', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n) / 60_000)).toEqual([5, 10, 20, 40, 60, 60]);
  });
});

describe('a forecast: today and tomorrow every hour, each issue kept', () => {
  const FORECAST = scheduleOf('PJM', 'FORECAST')!;

  test('asked hourly on the market clock, today and the day ahead, measured load as real time', () => {
    expect(FORECAST).toEqual({ kind: 'forecast', everyMinutes: 60, aheadDays: 1 });
    expect(scheduleOf('ERCOT', 'ACTUAL')).toEqual({ kind: 'real-time' });
    expect(pollMs(FORECAST, 60)).toBe(60 * 60_000);
    // 02:00 UTC on 2025-07-02 is still 2025-07-01 in New York.
    const now = at('2025-07-02T02:00:00Z');
    expect(daysDue(FORECAST, now, PJM, none)).toEqual(['2025-07-01', '2025-07-02']);
    expect(iso(nextPass(FORECAST, now, PJM, pollMs(FORECAST, 60), 0))).toBe('2025-07-02T03:00:00.000Z');
  });
});
