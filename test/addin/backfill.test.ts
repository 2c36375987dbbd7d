import type { SeriesResponse } from '../../contract';
import { backfill } from '../../addin/backfill';

// The backend is stubbed at fetch (no network): each day answers one point whose value is its day of month.
function dayAnswer(url: string): SeriesResponse {
  const params = new URL(url).searchParams;
  const day = params.get('start')!;
  return {
    market: 'PJM',
    location: 'WESTERN HUB',
    run: params.get('run') === 'RT' ? 'RTH' : 'DA',
    product: 'LMP',
    currency: 'USD',
    unit: 'MWh',
    clock: 'America/New_York',
    tz: 'America/New_York',
    points: [{ start: `${day}T00:00:00-04:00`, end: `${day}T01:00:00-04:00`, value: Number(day.slice(8)) }],
    quality: { expected: 24, present: 1, provisional: false, stale: false },
  };
}

describe('taskpane backfill', () => {
  afterEach(() => jest.restoreAllMocks());

  it('goes day by day, reports days done of days needed, and keeps what was fetched when cancelled', async () => {
    const cancel = new AbortController();
    const asked: string[] = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
      asked.push(String(url));
      return new Response(JSON.stringify(dayAnswer(String(url))), { status: 200 });
    });
    const progress: string[] = [];
    const result = await backfill({
      market: 'PJM',
      location: 'WESTERN HUB',
      lines: [
        { run: 'DA', label: 'DA' },
        { run: 'RT', label: 'RT' },
      ],
      start: '2025-07-01',
      end: '2025-07-05',
      interval: 'hour',
      signal: cancel.signal,
      onProgress: (done, needed) => {
        progress.push(`${done}/${needed}`);
        if (done === 2) cancel.abort();
      },
    });
    expect(progress).toEqual(['0/5', '1/5', '2/5']);
    expect(result.cancelled).toBe(true);
    expect(result.series.map((s) => [s.run, s.points.map((p) => p.value)])).toEqual([
      ['DA', [1, 2]],
      ['RTH', [1, 2]],
    ]);
    expect(asked[0]).toBe(
      'https://localhost:3000/api/v1/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01&end=2025-07-01&run=DA&interval=hour',
    );
    expect(asked).toHaveLength(4);
  });

  it('a day that fails is reported once and the others still load', async () => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url) =>
      String(url).includes('start=2025-07-02')
        ? new Response(JSON.stringify({ error: { code: 'NOT_CACHED', message: 'Offline, and 2025-07-02 is not in the cache.' } }), {
            status: 404,
          })
        : new Response(JSON.stringify(dayAnswer(String(url))), { status: 200 }),
    );
    const result = await backfill({
      market: 'PJM',
      location: 'WESTERN HUB',
      lines: [{ run: 'DA', label: 'DA' }],
      start: '2025-07-01',
      end: '2025-07-03',
      interval: 'hour',
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    expect(result.problems).toEqual(['Offline, and 2025-07-02 is not in the cache.']);
    expect(result.series[0].points.map((p) => p.value)).toEqual([1, 3]);
  });
});
