import { pointColumns, type ParsedPoint } from '../../backend/domain';
import { CoverageTally } from '../../backend/series/coverage';

const H = 3_600_000;
/** 2025-11-02 in New York: 25 hours, from 04:00Z to 05:00Z the next day. */
const FALL_BACK = Date.parse('2025-11-02T04:00:00Z');
/** 2025-03-09 in New York: 23 hours, from 05:00Z to 04:00Z the next day. */
const SPRING_FORWARD = Date.parse('2025-03-09T05:00:00Z');

const hour = (start: number, h: number, minutes = 60): ParsedPoint => ({
  location: 'WESTERN HUB',
  run: 'DA',
  product: 'LMP',
  start: start + h * H,
  end: start + h * H + minutes * 60_000,
  value: h,
});

/** What the tally hands out as the points fill days, then what it has left at the end. */
function tally(points: ParsedPoint[]) {
  const columns = pointColumns(points);
  const tally = new CoverageTally('PJM', 'America/New_York', 'USD');
  return [...tally.add(columns, new Float64Array(columns.series.length).fill(7)), ...tally.covers()];
}

/** The hours in a scrambled order: a file of all nodes lists a node's hours in any order. */
const scrambled = (n: number) => Array.from({ length: n }, (_, i) => (i * 7) % n);

describe('coverage tally: which series-days a write fills', () => {
  test('the 25 hours of a fall-back day in any order make it whole; 24 of them do not', () => {
    const all = scrambled(25).map((h) => hour(FALL_BACK, h));
    expect(tally(all)).toEqual([
      {
        series: { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' },
        seriesId: 7,
        day: '2025-11-02',
        partial: false,
      },
    ]);
    expect(tally(all.filter((p) => p.start !== FALL_BACK + 12 * H))).toMatchObject([{ day: '2025-11-02', partial: true }]);
  });

  test('a repeated hour cannot stand in for a missing one', () => {
    const hours = scrambled(25).map((h) => hour(FALL_BACK, h === 3 ? 4 : h));
    expect(tally(hours)).toMatchObject([{ day: '2025-11-02', partial: true }]);
  });

  test('the 23 hours of a spring-forward day are whole; quarter hours and an end one minute short count too', () => {
    expect(tally(scrambled(23).map((h) => hour(SPRING_FORWARD, h)))).toMatchObject([{ day: '2025-03-09', partial: false }]);
    const quarters = Array.from({ length: 92 }, (_, q) => hour(SPRING_FORWARD, q / 4, 15)).reverse();
    expect(tally(quarters)).toMatchObject([{ day: '2025-03-09', partial: false }]);
    const short = scrambled(23).map((h) => hour(SPRING_FORWARD, h, h === 22 ? 59 : 60));
    expect(tally(short)).toMatchObject([{ day: '2025-03-09', partial: false }]);
  });

  test('gaps on both sides of filled hours, then filled, merge into one whole day', () => {
    const order = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21];
    expect(tally(order.map((h) => hour(FALL_BACK, h)))).toMatchObject([{ partial: true }]);
    expect(tally([...order, 23].map((h) => hour(FALL_BACK, h)))).toMatchObject([{ partial: false }]);
  });

  test('a day is handed out once, by the piece that fills it; covers keeps only the rest', () => {
    const t = new CoverageTally('PJM', 'America/New_York', 'USD');
    const piece = (hours: number[]) => {
      const points = hours.map((h) => hour(FALL_BACK, h));
      const columns = pointColumns(points);
      return t.add(columns, new Float64Array(columns.series.length).fill(7));
    };
    expect(piece(scrambled(25).slice(0, 20))).toEqual([]);
    expect(piece(scrambled(25).slice(20))).toMatchObject([{ seriesId: 7, day: '2025-11-02', partial: false }]);
    // The same hours again (a file repeating rows) add nothing, and nothing is left for the end.
    expect(piece(scrambled(25))).toEqual([]);
    expect(t.covers()).toEqual([]);
  });

  test('two names of one id fill one day together, whatever order their hours come in; two ids do not', () => {
    const named = (location: string, h: number): ParsedPoint => ({ ...hour(FALL_BACK, h), location });
    // B's hour 12, then A's hours 1-11 (which meet it), A's hour 0, then B's hours 13-24: 25 hours in all.
    const points = [
      named('B', 12),
      ...Array.from({ length: 11 }, (_, h) => named('A', h + 1)),
      named('A', 0),
      ...Array.from({ length: 12 }, (_, h) => named('B', h + 13)),
    ];
    const columns = pointColumns(points);
    expect(columns.series.map((s) => s.location)).toEqual(['B', 'A']);
    const together = new CoverageTally('PJM', 'America/New_York', 'USD');
    expect([...together.add(columns, Float64Array.of(7, 7)), ...together.covers()]).toMatchObject([
      { seriesId: 7, day: '2025-11-02', partial: false },
    ]);
    const apart = new CoverageTally('PJM', 'America/New_York', 'USD');
    expect([...apart.add(columns, Float64Array.of(7, 8)), ...apart.covers()]).toMatchObject([
      { seriesId: 7, day: '2025-11-02', partial: true },
      { seriesId: 8, day: '2025-11-02', partial: true },
    ]);
  });

  test('a day still short at the end is left to covers, as partial', () => {
    const t = new CoverageTally('PJM', 'America/New_York', 'USD');
    const points = scrambled(24)
      .map((h) => hour(SPRING_FORWARD + 23 * H, h))
      .slice(1); // the next day, 24 hours, one missing
    const columns = pointColumns(points);
    expect(t.add(columns, new Float64Array(columns.series.length).fill(7))).toEqual([]);
    expect(t.covers()).toMatchObject([{ seriesId: 7, day: '2025-03-10', partial: true }]);
  });

  test('overlapping intervals in any order: whole exactly when every minute is covered (300 random days, against a minute-by-minute count)', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const minutes = 25 * 60; // the fall-back day
    const outcomes = new Set<boolean>();
    for (let trial = 0; trial < 300; trial++) {
      const covered = new Uint8Array(minutes);
      const points: ParsedPoint[] = [];
      // Half the days of many short intervals (many ranges to merge), half of fewer long ones.
      const longest = trial % 2 ? 60 : 300;
      for (let n = 5 + Math.floor(random() * (trial % 2 ? 200 : 60)); n > 0; n--) {
        const from = Math.floor(random() * minutes);
        const length = 5 + Math.floor(random() * longest);
        const to = Math.min(minutes, from + length);
        covered.fill(1, from, to);
        points.push({ ...hour(FALL_BACK, 0), start: FALL_BACK + from * 60_000, end: FALL_BACK + to * 60_000 });
      }
      const short = minutes - covered.reduce((sum, m) => sum + m, 0);
      const [entry] = tally(points);
      expect(entry.partial).toBe(short > 1);
      outcomes.add(entry.partial === true);
    }
    expect([...outcomes].sort()).toEqual([false, true]); // both kinds of day were met
  });
});
