import { serialFromIsoWallTime, utcSerialFromIso } from '../../client';
import { readShared, describeShared } from '../support/fixtures';

// Excel's DATE() for the days used here (days since 1899-12-30): DATE(2025,7,1) = 45839,
// DATE(2025,11,2) = 45963, DATE(2026,3,8) = 46089.
const JUL_1_2025 = 45839;
const NOV_2_2025 = 45963;
const MAR_8_2026 = 46089;
const HOUR = 1 / 24;

describe('serials show the wall time written in the answer, on every market clock', () => {
  // 14:30 on 1 July 2025 as each market clock writes it (offsets of that date).
  const clocks: [string, string, number][] = [
    ['PJM, NYISO, ISONE (America/New_York, EDT)', '2025-07-01T14:30:00-04:00', 4],
    ['CAISO (America/Los_Angeles, PDT)', '2025-07-01T14:30:00-07:00', 7],
    ['ERCOT, SPP (America/Chicago, CDT)', '2025-07-01T14:30:00-05:00', 5],
    ['MISO, IESO (fixed UTC-5)', '2025-07-01T14:30:00-05:00', 5],
    ['AESO (America/Edmonton, MDT)', '2025-07-01T14:30:00-06:00', 6],
    ['EPEX (Europe/Brussels, CEST)', '2025-07-01T14:30:00+02:00', -2],
    ['NORDPOOL (Europe/Oslo, CEST)', '2025-07-01T14:30:00+02:00', -2],
    ['JEPX (Asia/Tokyo)', '2025-07-01T14:30:00+09:00', -9],
    ['NEM (fixed UTC+10)', '2025-07-01T14:30:00+10:00', -10],
    ['tz=UTC', '2025-07-01T14:30:00Z', 0],
  ];
  it.each(clocks)('%s', (_clock, iso, hoursBehindUtc) => {
    expect(serialFromIsoWallTime(iso)).toBeCloseTo(JUL_1_2025 + 14.5 * HOUR, 9);
    expect(utcSerialFromIso(iso)).toBeCloseTo(JUL_1_2025 + (14.5 + hoursBehindUtc) * HOUR, 9);
  });

  it('reads date-only and fractional-second answers', () => {
    expect(serialFromIsoWallTime('2025-07-01')).toBe(JUL_1_2025);
    expect(serialFromIsoWallTime('2025-07-01T06:00:00.000+02:00')).toBeCloseTo(JUL_1_2025 + 6 * HOUR, 9);
  });
});

describeShared('isone/hourlylmp_da_final_day_20251102_location_4000.json')('a 25-hour day (ISO-NE, fall back 2025-11-02)', () => {
  const rows = JSON.parse(readShared('isone/hourlylmp_da_final_day_20251102_location_4000.json').toString('utf8')).HourlyLmps.HourlyLmp as {
    BeginDate: string;
  }[];

  it('the repeated 01:00 shows the same wall serial twice; the UTC serial tells the two apart', () => {
    expect(rows).toHaveLength(25);
    const wall = rows.map((r) => serialFromIsoWallTime(r.BeginDate));
    const utc = rows.map((r) => utcSerialFromIso(r.BeginDate));
    expect(wall[1]).toBeCloseTo(NOV_2_2025 + 1 * HOUR, 9);
    expect(wall[2]).toBeCloseTo(NOV_2_2025 + 1 * HOUR, 9);
    expect(wall[24]).toBeCloseTo(NOV_2_2025 + 23 * HOUR, 9);
    // 01:00 EDT is 05:00 UTC, 01:00 EST is 06:00 UTC.
    expect(utc[1]).toBeCloseTo(NOV_2_2025 + 5 * HOUR, 9);
    expect(utc[2]).toBeCloseTo(NOV_2_2025 + 6 * HOUR, 9);
  });
});

describe('a 23-hour day (America/Chicago, spring forward 2026-03-08)', () => {
  // The interval starts ERCOT's day has, as the API writes them: 02:00 does not exist.
  const starts = [
    '2026-03-08T00:00:00-06:00',
    '2026-03-08T01:00:00-06:00',
    ...Array.from({ length: 21 }, (_, i) => `2026-03-08T${String(i + 3).padStart(2, '0')}:00:00-05:00`),
  ];

  it('skips the missing hour in wall time and keeps UTC hours consecutive', () => {
    expect(starts).toHaveLength(23);
    expect(starts.map(serialFromIsoWallTime).map((s) => Math.round((s - MAR_8_2026) * 24))).toEqual([
      0,
      1,
      ...Array.from({ length: 21 }, (_, i) => i + 3),
    ]);
    // Midnight CST is 06:00 UTC; the 23 UTC hours follow one another.
    expect(starts.map(utcSerialFromIso).map((s) => Math.round((s - MAR_8_2026) * 24))).toEqual(Array.from({ length: 23 }, (_, i) => i + 6));
  });
});
