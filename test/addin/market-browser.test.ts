import type { SeriesPoint } from '../../contract';
import type { RunSeries } from '../../addin/backfill';
import { alignSeries } from '../../addin/chart-data';
import { gridFormula } from '../../addin/formula';
import { plannedSteps } from '../../addin/range';
import { joinRuns, sheetValues, tabSeparated } from '../../addin/sheet-table';
import { pointStats, statRows } from '../../addin/stats';
import { formatBytes } from '../../addin/settings';

// DATE(2025,7,1) = 45839 in Excel.
const JUL_1_2025 = 45839;

describe('backfill steps', () => {
  it('a week goes day by day', () => {
    const steps = plannedSteps('2025-06-28', '2025-07-04');
    expect(steps.map((s) => s.start)).toEqual([
      '2025-06-28',
      '2025-06-29',
      '2025-06-30',
      '2025-07-01',
      '2025-07-02',
      '2025-07-03',
      '2025-07-04',
    ]);
    expect(steps.every((s) => s.start === s.end && s.days === 1)).toBe(true);
  });

  it('a long range goes month by month, cut at the range ends, days adding up', () => {
    const steps = plannedSteps('2024-01-15', '2024-04-10');
    expect(steps).toEqual([
      { start: '2024-01-15', end: '2024-01-31', days: 17 },
      { start: '2024-02-01', end: '2024-02-29', days: 29 },
      { start: '2024-03-01', end: '2024-03-31', days: 31 },
      { start: '2024-04-01', end: '2024-04-10', days: 10 },
    ]);
    expect(plannedSteps('2024-12-01', '2025-01-31').map((s) => s.end)).toEqual(['2024-12-31', '2025-01-31']);
  });

  it('an inverted range has no steps', () => {
    expect(plannedSteps('2025-07-02', '2025-07-01')).toEqual([]);
  });
});

describe('the formula for the sheet', () => {
  it('one day, a range, a run, and quotes inside names', () => {
    expect(gridFormula({ market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-01' })).toBe(
      '=GRID.LMP("PJM","WESTERN HUB",DATE(2025,7,1))',
    );
    expect(gridFormula({ market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-07', run: 'RT' })).toBe(
      '=GRID.LMP("PJM","WESTERN HUB",DATE(2025,7,1),DATE(2025,7,7),"RT")',
    );
    expect(gridFormula({ market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-01', run: 'DA' })).toBe(
      '=GRID.LMP("PJM","WESTERN HUB",DATE(2025,7,1),,"DA")',
    );
    expect(gridFormula({ market: 'X', location: 'A "B"', start: '2025-07-01', end: '2025-07-01' })).toBe(
      '=GRID.LMP("X","A ""B""",DATE(2025,7,1))',
    );
  });
});

const point = (hour: number, value: number | null): SeriesPoint => ({
  start: `2025-07-01T${String(hour).padStart(2, '0')}:00:00-04:00`,
  end: `2025-07-01T${String(hour + 1).padStart(2, '0')}:00:00-04:00`,
  value,
});
const run = (name: string, points: SeriesPoint[]): RunSeries => ({
  label: name,
  run: name,
  product: 'LMP',
  points,
  currency: 'USD',
  unit: 'MWh',
  tz: 'America/New_York',
});

describe('the table for the sheet', () => {
  const da = run('DA', [point(0, 30.1), point(1, 28.4)]);
  const rt = run('RT', [point(1, 27.9), point(2, 26)]);

  it('joins runs by interval start, blanks where a run has no value', () => {
    const table = joinRuns([da, rt]);
    expect(table.header).toEqual(['Start (America/New_York)', 'DA (USD/MWh)', 'RT (USD/MWh)']);
    expect(table.rows.map((r) => r.values)).toEqual([
      [30.1, null],
      [28.4, 27.9],
      [null, 26],
    ]);
    const cells = sheetValues(table);
    expect(cells[1][0]).toBeCloseTo(JUL_1_2025, 9);
    expect(cells[2][0]).toBeCloseTo(JUL_1_2025 + 1 / 24, 9);
    expect(cells[3]).toEqual([expect.any(Number), '', 26]);
    expect(tabSeparated(table).split('\n')).toEqual([
      'Start (America/New_York)\tDA (USD/MWh)\tRT (USD/MWh)',
      '2025-07-01 00:00\t30.1\t',
      '2025-07-01 01:00\t28.4\t27.9',
      '2025-07-01 02:00\t\t26',
    ]);
  });

  it('the chart puts the runs on one time line, a break where a run has no value', () => {
    const { xs, ys, counts } = alignSeries([da, rt, run('RT', [point(0, 1), point(1, null), point(2, 3)])]);
    // Starts 00:00, 01:00, 02:00 and the end 03:00 (EDT: UTC-4), in epoch seconds.
    expect(xs).toEqual([4, 5, 6, 7].map((h) => Date.UTC(2025, 6, 1, h) / 1000));
    expect(ys).toEqual([
      [30.1, 28.4, null, null],
      [null, 27.9, 26, null],
      [1, null, 3, null],
    ]);
    expect(counts).toEqual([2, 2, 2]);
  });

  it('charts two years of 5-minute prices (more values than a call can take as arguments)', () => {
    const count = 2 * 365 * 288;
    const points = Array.from({ length: count }, (_, i): SeriesPoint => ({
      start: new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString(),
      end: new Date(Date.UTC(2024, 0, 1) + (i + 1) * 300_000).toISOString(),
      value: i === count - 2 ? -12.5 : i === count - 1 ? 250 : 40 + (i % 288) / 10,
    }));
    const { xs, ys, counts } = alignSeries([run('RT5', points)]);
    expect(counts).toEqual([count]);
    expect(xs).toHaveLength(count + 1);
    expect(ys[0].slice(-3)).toEqual([-12.5, 250, null]);
    expect(pointStats([{ points }]).map((row) => row[0])).toEqual([expect.any(Number), -12.5, 250]);
  });

  it('statistics of the charted points: the mean weighted by interval length', () => {
    const day = (date: string, value: number | null, hours = 24): SeriesPoint => ({
      start: `${date}T00:00:00-04:00`,
      end: new Date(Date.parse(`${date}T00:00:00-04:00`) + hours * 3_600_000).toISOString(),
      value,
    });
    const stats = pointStats([{ points: [day('2025-11-01', 10), day('2025-11-02', 35, 25), day('2025-11-03', null)] }, { points: [] }]);
    expect(stats[0][0]).toBeCloseTo((10 * 24 + 35 * 25) / 49, 12);
    expect(stats.slice(1)).toEqual([
      [10, null],
      [35, null],
    ]);
    expect(stats[0][1]).toBeNull();
  });
});

describe('statistics rows follow the market blocks', () => {
  it('US on/off-peak, European peak', () => {
    expect(statRows(['ATC', 'ONPEAK', 'OFFPEAK', '5X16', '2X16', '7X8']).map((r) => `${r.label}:${r.block}:${r.stat}`)).toEqual([
      'ATC:ATC:mean',
      'On-peak:ONPEAK:mean',
      'Off-peak:OFFPEAK:mean',
      'Min:ATC:min',
      'Max:ATC:max',
    ]);
    expect(statRows(['ATC', 'BASE', 'PEAK']).map((r) => r.block)).toEqual(['ATC', 'PEAK', 'ATC', 'ATC']);
  });

  it('cache sizes read like a person writes them', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(52_428_800)]).toEqual(['512 B', '1.5 KB', '50 MB']);
  });
});
