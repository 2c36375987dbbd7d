/**
 * Every registered market's clock converts there and back, for random instants weighted towards
 * the daylight-saving months, checked against an independent oracle: the platform's ICU time-zone
 * data through Intl.DateTimeFormat.
 */
import fc from 'fast-check';
import { connectors } from '../../backend/connectors/registry';
import { dayBounds, marketDay, wallFields, wallTimeInstants } from '../../backend/time/clock';

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
