import { formatInstant, instantOf, offsetMinutes, tickLabels, timeTicks, wallTime } from '../../addin/time-axis';

const NY = 'America/New_York';
const utc = (text: string) => Date.parse(`${text}Z`);

describe('wall time on a market clock', () => {
  it('reads an instant on the clock, whatever the computer zone', () => {
    expect(wallTime(utc('2025-07-01T04:00:00'), NY)).toEqual({ year: 2025, month: 7, day: 1, hour: 0, minute: 0 });
    expect(wallTime(utc('2025-07-01T04:00:00'), 'Asia/Tokyo')).toEqual({ year: 2025, month: 7, day: 1, hour: 13, minute: 0 });
    expect(offsetMinutes(utc('2025-07-01T04:00:00'), NY)).toBe(-240);
    expect(offsetMinutes(utc('2025-12-01T04:00:00'), NY)).toBe(-300);
    expect(offsetMinutes(utc('2025-07-01T04:00:00'), 'Asia/Kolkata')).toBe(330);
  });

  it('the two 01:00 of the fall-back day are told apart by their offset', () => {
    // 2025-11-02 in New York: 01:00 EDT is 05:00 UTC, 01:00 EST is 06:00 UTC.
    expect(formatInstant(utc('2025-11-02T05:00:00'), NY)).toBe('2025-11-02 01:00 UTC-4');
    expect(formatInstant(utc('2025-11-02T06:00:00'), NY)).toBe('2025-11-02 01:00 UTC-5');
    expect(formatInstant(utc('2025-07-01T00:00:00'), 'Asia/Kolkata')).toBe('2025-07-01 05:30 UTC+5:30');
  });

  it('a wall time back to its instant: the first of a repeated hour, past a skipped one', () => {
    expect(instantOf({ year: 2025, month: 11, day: 2, hour: 0, minute: 0 }, NY)).toBe(utc('2025-11-02T04:00:00'));
    expect(instantOf({ year: 2025, month: 11, day: 2, hour: 1, minute: 0 }, NY)).toBe(utc('2025-11-02T05:00:00'));
    expect(instantOf({ year: 2025, month: 11, day: 2, hour: 2, minute: 0 }, NY)).toBe(utc('2025-11-02T07:00:00'));
    expect(instantOf({ year: 2025, month: 11, day: 3, hour: 0, minute: 0 }, NY)).toBe(utc('2025-11-03T05:00:00'));
    // 2025-03-09 02:00 does not exist in New York.
    expect(instantOf({ year: 2025, month: 3, day: 9, hour: 2, minute: 0 }, NY)).toBe(utc('2025-03-09T07:00:00'));
    expect(instantOf({ year: 2025, month: 3, day: 9, hour: 3, minute: 0 }, NY)).toBe(utc('2025-03-09T07:00:00'));
  });
});

describe('time ticks follow the range', () => {
  it('a 25-hour day: ticks at round hours of the market clock, the date under the first', () => {
    const plan = timeTicks(utc('2025-11-02T04:00:00'), utc('2025-11-03T05:00:00'), NY, 5);
    expect(plan).toMatchObject({ unit: 'hour', step: 6 });
    expect(plan.ticks).toEqual(
      ['2025-11-02T04:00:00', '2025-11-02T11:00:00', '2025-11-02T17:00:00', '2025-11-02T23:00:00', '2025-11-03T05:00:00'].map(utc),
    );
    expect(tickLabels(plan.ticks, plan.unit, NY)).toEqual(['00:00\nNov 2', '06:00', '12:00', '18:00', '00:00\nNov 3']);
  });

  it('two days at 320 px, a month, a year and ten years', () => {
    const twoDays = timeTicks(utc('2025-07-01T04:00:00'), utc('2025-07-03T04:00:00'), NY, 5);
    expect(twoDays).toMatchObject({ unit: 'hour', step: 12 });
    expect(tickLabels(twoDays.ticks, 'hour', NY)).toEqual(['00:00\nJul 1', '12:00', '00:00\nJul 2', '12:00', '00:00\nJul 3']);
    const narrow = timeTicks(utc('2025-07-01T04:00:00'), utc('2025-07-03T04:00:00'), NY, 4);
    expect(tickLabels(narrow.ticks, narrow.unit, NY)).toEqual(['Jul 1\n2025', 'Jul 2', 'Jul 3']);

    const month = timeTicks(utc('2025-07-01T04:00:00'), utc('2025-08-01T04:00:00'), NY, 5);
    expect(month).toMatchObject({ unit: 'day', step: 7 });
    expect(tickLabels(month.ticks, 'day', NY)).toEqual(['Jul 1\n2025', 'Jul 8', 'Jul 15', 'Jul 22', 'Aug 1']);

    const year = timeTicks(utc('2025-01-01T05:00:00'), utc('2026-01-01T05:00:00'), NY, 6);
    expect(year).toMatchObject({ unit: 'month', step: 3 });
    expect(tickLabels(year.ticks, 'month', NY)).toEqual(['Jan\n2025', 'Apr', 'Jul', 'Oct', 'Jan\n2026']);

    const decade = timeTicks(utc('2015-01-01T05:00:00'), utc('2025-01-01T05:00:00'), NY, 4);
    expect(decade).toMatchObject({ unit: 'year', step: 5 });
    expect(tickLabels(decade.ticks, 'year', NY)).toEqual(['2015', '2020', '2025']);
  });

  it('never more ticks than asked, every tick inside the range', () => {
    for (const [from, to] of [
      ['2025-03-08T10:17:00', '2025-03-10T03:00:00'],
      ['2024-02-01T00:00:00', '2024-02-29T23:00:00'],
      ['2020-06-15T00:00:00', '2025-11-30T00:00:00'],
    ])
      for (const room of [2, 3, 5, 8, 12]) {
        const { ticks } = timeTicks(utc(from), utc(to), NY, room);
        expect(ticks.length).toBeLessThanOrEqual(room);
        expect(ticks.length).toBeGreaterThanOrEqual(1);
        for (const t of ticks) expect(t >= utc(from) && t <= utc(to)).toBe(true);
        expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
      }
  });
});
