import {
  DaySlots,
  dayBounds,
  formatInstant,
  marketDay,
  offsetMinutes,
  STANDING_OFFSETS,
  wallTime,
  wallTimeInstants,
  daysBetween,
} from '../../backend/time/clock';

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('market clocks', () => {
  test.each([
    ['America/New_York', '2025-03-09', 23, '2025-03-09T05:00:00.000Z'],
    ['America/New_York', '2025-11-02', 25, '2025-11-02T04:00:00.000Z'],
    ['America/Chicago', '2026-03-08', 23, '2026-03-08T06:00:00.000Z'],
    ['America/Los_Angeles', '2025-11-02', 25, '2025-11-02T07:00:00.000Z'],
    ['America/Edmonton', '2022-11-06', 25, '2022-11-06T06:00:00.000Z'],
    ['Europe/Brussels', '2025-03-30', 23, '2025-03-29T23:00:00.000Z'],
    ['Europe/Oslo', '2024-10-27', 25, '2024-10-26T22:00:00.000Z'],
    ['UTC-5', '2025-11-02', 24, '2025-11-02T05:00:00.000Z'],
    ['UTC+10', '2023-08-30', 24, '2023-08-29T14:00:00.000Z'],
    ['Asia/Tokyo', '2024-04-01', 24, '2024-03-31T15:00:00.000Z'],
  ])('%s day %s has %i hours and starts at %s', (clock, day, hours, start) => {
    const b = dayBounds(day, clock);
    expect(iso(b.start)).toBe(start);
    expect((b.end - b.start) / H).toBe(hours);
  });

  test('the repeated fall-back hour has two instants, the spring-forward gap none', () => {
    expect(wallTimeInstants('America/New_York', 2025, 11, 2, 1).map(iso)).toEqual(['2025-11-02T05:00:00.000Z', '2025-11-02T06:00:00.000Z']);
    expect(wallTimeInstants('America/New_York', 2025, 3, 9, 2)).toEqual([]);
    expect(iso(wallTime('America/Edmonton', 2022, 11, 6, 1, 0, 2))).toBe('2022-11-06T08:00:00.000Z');
    expect(() => wallTime('America/Chicago', 2026, 3, 8, 2)).toThrow(/does not exist/);
  });

  // Transitions from the zones' published rules (US: 2 a.m. local; EU: 01:00 UTC; Sydney: 3 a.m. / 2 a.m. local).
  // Offsets are cached by day: the side of the transition asked first must not decide the other's answer.
  test.each([
    ['America/New_York', '2024-03-10T07:00:00Z', 'after', -300, -240],
    ['America/Chicago', '2024-11-03T07:00:00Z', 'before', -300, -360],
    ['Europe/Berlin', '2024-03-31T01:00:00Z', 'before', 60, 120],
    ['Europe/Oslo', '2024-10-27T01:00:00Z', 'after', 120, 60],
    ['Australia/Sydney', '2024-04-06T16:00:00Z', 'after', 660, 600],
  ])('%s changes its offset at %s exactly (the %s side asked first)', (clock, at, first, before, after) => {
    const t = Date.parse(at);
    const asked = first === 'after' ? [t, t - 1] : [t - 1, t];
    expect(asked.map((ms) => offsetMinutes(clock, ms))).toEqual(first === 'after' ? [after, before] : [before, after]);
    expect([t - 2 * H, t + 1, t + 2 * H].map((ms) => offsetMinutes(clock, ms))).toEqual([before, after, after]);
  });

  /** A zone's offsets in minutes as Intl gives them (`GMT+09:00`), at each of the instants. */
  const intlOffsets = (zone: string, instants: number[]) => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    return instants.map((ms) => {
      const name = format.formatToParts(ms).find((p) => p.type === 'timeZoneName')!.value;
      const m = /^GMT(?:([+-])(\d\d):(\d\d))?$/.exec(name)!;
      return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    });
  };

  test('a zone answered without Intl keeps that offset in Intl too, twice a day from its date to 2100; before it, Intl answers', () => {
    for (const [zone, standing] of Object.entries(STANDING_OFFSETS)) {
      const instants: number[] = [];
      for (let ms = standing!.since; ms < Date.UTC(2100, 0, 1); ms += 12 * H) instants.push(ms);
      expect([zone, [...new Set(intlOffsets(zone, instants))]]).toEqual([zone, [standing!.minutes]]);
    }
    // Japan's daylight saving time of 1951 (tzdata, through Intl): +10:00 in July, +09:00 after September.
    const [july1951] = intlOffsets('Asia/Tokyo', [Date.UTC(1951, 6, 1)]);
    expect(july1951).toBe(600);
    expect(offsetMinutes('Asia/Tokyo', Date.UTC(1951, 6, 1))).toBe(600);
    expect(offsetMinutes('Asia/Tokyo', Date.UTC(2024, 6, 1))).toBe(540);
  });

  test('ISO output carries the clock offset', () => {
    expect(formatInstant(Date.parse('2025-07-01T04:00:00Z'), 'America/New_York')).toBe('2025-07-01T00:00:00-04:00');
    expect(formatInstant(Date.parse('2025-07-01T04:00:00Z'), 'UTC')).toBe('2025-07-01T04:00:00Z');
    expect(formatInstant(Date.parse('2023-08-30T08:00:00Z'), 'UTC+10')).toBe('2023-08-30T18:00:00+10:00');
    expect(formatInstant(Date.parse('2025-01-01T05:00:00Z'), 'UTC-5')).toBe('2025-01-01T00:00:00-05:00');
  });

  test('ISO output of consecutive instants: the fall-back hour twice, seconds, and clocks that share an offset', () => {
    const hours = [4, 5, 6, 7].map((h) => formatInstant(Date.UTC(2025, 10, 2, h), 'America/New_York'));
    expect(hours).toEqual([
      '2025-11-02T00:00:00-04:00',
      '2025-11-02T01:00:00-04:00',
      '2025-11-02T01:00:00-05:00',
      '2025-11-02T02:00:00-05:00',
    ]);
    expect(formatInstant(Date.parse('2025-11-02T06:59:59Z'), 'America/New_York')).toBe('2025-11-02T01:59:59-05:00');
    expect(formatInstant(Date.parse('2025-11-02T07:00:30Z'), 'America/New_York')).toBe('2025-11-02T02:00:30-05:00');
    // London's winter offset is zero, written as an offset; the UTC clock's as Z, on the same day.
    expect(formatInstant(Date.parse('2025-01-01T12:00:00Z'), 'Europe/London')).toBe('2025-01-01T12:00:00+00:00');
    expect(formatInstant(Date.parse('2025-01-01T13:00:00Z'), 'UTC')).toBe('2025-01-01T13:00:00Z');
    expect(formatInstant(Date.parse('2025-01-01T14:00:00Z'), 'Europe/London')).toBe('2025-01-01T14:00:00+00:00');
    expect(formatInstant(Date.parse('2025-01-01T00:00:00Z'), 'Australia/Adelaide')).toBe('2025-01-01T10:30:00+10:30');
    expect(formatInstant(Date.parse('2024-12-31T23:30:00Z'), 'Asia/Tokyo')).toBe('2025-01-01T08:30:00+09:00');
  });

  test('market day of an instant follows the clock', () => {
    expect(marketDay(Date.parse('2025-07-01T03:59:00Z'), 'America/New_York')).toBe('2025-06-30');
    expect(marketDay(Date.parse('2025-07-01T04:00:00Z'), 'America/New_York')).toBe('2025-07-01');
    expect(marketDay(Date.parse('2025-07-01T04:30:00Z'), 'UTC-5')).toBe('2025-06-30');
    expect(daysBetween('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  });

  test.each([
    ['Asia/Tokyo', [2024, 4, 1], 30, 48],
    ['Europe/Berlin', [2025, 3, 30], 15, 96],
    ['Europe/Berlin', [2025, 10, 26], 30, 48],
    ['America/New_York', [2025, 3, 9], 60, 24],
    ['America/New_York', [2025, 11, 2], 30, 48],
  ])(
    'slots of a day (%s, %j, %i minutes) start where wallTime puts them, in any order, a gap refused alike',
    (clock, [y, m, d], minutes, count) => {
      const wallOf = (slot: number) => {
        const at = (slot - 1) * minutes;
        try {
          return wallTime(clock, y, m, d, Math.floor(at / 60), at % 60);
        } catch (e) {
          return (e as Error).message;
        }
      };
      const slots = new DaySlots(clock, minutes);
      const order = [count, ...Array.from({ length: count - 1 }, (_, i) => ((i * 7) % (count - 1)) + 1)]; // the last slot first
      const starts = (slot: number) => {
        try {
          return slots.start(y, m, d, slot);
        } catch (e) {
          return (e as Error).message;
        }
      };
      expect(order.map(starts)).toEqual(order.map(wallOf));
      // and the next day after it, from its first slot
      const next = new DaySlots(clock, minutes);
      expect([1, 2, count].map((slot) => next.start(y, m, d + 1, slot))).toEqual(
        [1, 2, count].map((slot) => wallTime(clock, y, m, d + 1, Math.floor(((slot - 1) * minutes) / 60), ((slot - 1) * minutes) % 60)),
      );
    },
  );

  test('an invalid date or zone is a clear error', () => {
    expect(() => dayBounds('2025-02-30', 'UTC')).toThrow(/not a calendar date/);
    expect(() => dayBounds('2025-07-01', 'Mars/Olympus')).toThrow(/Unknown time zone/);
  });
});
