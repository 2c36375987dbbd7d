/**
 * Every registered market's clock converts there and back, for random instants weighted towards
 * the daylight-saving months, checked against an independent oracle: the platform's ICU time-zone
 * data through Intl.DateTimeFormat.
 */
import fc from 'fast-check';
import { connectors } from '../../backend/connectors/registry';
import { addDays, dayBounds, daysBetween, marketDay, utcInstant, wallFields, wallTime, wallTimeInstants } from '../../backend/time/clock';
import { parseDateTime, parseRange } from '../../backend/time/range';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const clocks = [...new Set(connectors.map((c) => c.market.clock))];

/** The IANA name Intl understands for a clock: fixed offsets `UTC-5` are `Etc/GMT+5` (sign reversed). */
function ianaOf(clock: string): string {
  const m = /^UTC([+-])(\d+)$/i.exec(clock);
  return m ? `Etc/GMT${m[1] === '+' ? '-' : '+'}${Number(m[2])}` : clock;
}

/** Wall-clock fields from Intl (the oracle). */
function oracle(ms: number, clock: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: ianaOf(clock),
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const isoDay = (f: { year: number; month: number; day: number }) =>
  `${f.year}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;

/** Whole minutes, 1995-2035, mostly in March, April, October and November (the DST changes), some anywhere. */
const instants = fc.oneof(
  fc
    .record({
      year: fc.integer({ min: 1995, max: 2035 }),
      month: fc.constantFrom(3, 4, 10, 11),
      day: fc.integer({ min: 1, max: 30 }),
      minute: fc.integer({ min: 0, max: 36 * 60 }),
    })
    .map(({ year, month, day, minute }) => Date.UTC(year, month - 1, day) + (minute - 6 * 60) * MINUTE),
  fc.integer({ min: Date.UTC(1995, 0, 1) / MINUTE, max: Date.UTC(2035, 11, 31) / MINUTE }).map((m) => m * MINUTE),
);

describe.each(clocks)('market clock %s', (clock) => {
  test('wallFields agrees with Intl, and wallTimeInstants finds the instant again', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const f = wallFields(ms, clock);
        const expected = oracle(ms, clock);
        expect({ year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute }).toEqual(expected);
        const back = wallTimeInstants(clock, f.year, f.month, f.day, f.hour, f.minute);
        expect(back).toContain(ms);
        expect(back.length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 100 },
    );
  });

  test('marketDay agrees with Intl, and dayBounds holds the instant in a day of 23, 24 or 25 hours', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const day = marketDay(ms, clock);
        expect(day).toBe(isoDay(oracle(ms, clock)));
        const { start, end } = dayBounds(day, clock);
        expect(start).toBeLessThanOrEqual(ms);
        expect(end).toBeGreaterThan(ms);
        expect([23 * HOUR, 24 * HOUR, 25 * HOUR]).toContain(end - start);
        expect(marketDay(start, clock)).toBe(day);
        expect(marketDay(end - 1, clock)).toBe(day);
        expect(marketDay(start - 1, clock)).not.toBe(day);
        expect(dayBounds(marketDay(end, clock), clock).start).toBe(end);
      }),
      { numRuns: 100 },
    );
  });
});

describe('every year, 0000 to 9999, is read as written (Date.UTC reads 0 to 99 as 1900 to 1999)', () => {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  /** A calendar date and time as ISO text, and the instant the platform's ISO parser (the oracle) gives it. */
  const dateTimes = fc
    .record({
      year: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 9999 })),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
    })
    .map((t) => ({ ...t, iso: `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}` }));

  test('utcInstant, wallTime on UTC, parseDateTime and parseRange agree with Date.parse of the ISO text', () => {
    fc.assert(
      fc.property(dateTimes, ({ year, month, day, hour, minute, iso }) => {
        const expected = Date.parse(`${iso}:00Z`);
        expect(utcInstant(year, month, day, hour, minute)).toBe(expected);
        expect(wallTime('UTC', year, month, day, hour, minute)).toBe(expected);
        expect(parseDateTime(iso, 'UTC')).toBe(expected);
        expect(parseDateTime(`${iso}+01:00`, 'UTC')).toBe(expected - HOUR);
        expect(parseRange(iso.slice(0, 10), undefined, 'UTC', 'UTC').from).toBe(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`));
      }),
      { numRuns: 300 },
    );
  });

  test('days step across the years 99 and 100 one by one', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0000-03-01', -1)).toBe('0000-02-29');
    expect(daysBetween('0099-12-30', '0100-01-02')).toEqual(['0099-12-30', '0099-12-31', '0100-01-01', '0100-01-02']);
    expect(dayBounds('0025-07-01', 'UTC')).toEqual({ start: Date.parse('0025-07-01T00:00:00Z'), end: Date.parse('0025-07-02T00:00:00Z') });
  });
});
