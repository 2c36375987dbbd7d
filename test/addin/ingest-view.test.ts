import { ingestLines } from '../../addin/ingest-view';
import type { IngestEntryStatus } from '../../contract';

/** The taskpane's "Background ingest" lines, from health's `ingest` (times shown as given here). */
describe('background ingest in the taskpane', () => {
  const time = (iso: string) => iso.slice(11, 16);

  test('one line per entry: its state, last fetch and next run, and the error of a failing one', () => {
    const entries: IngestEntryStatus[] = [
      {
        market: 'PJM',
        run: 'DA',
        locations: 3,
        state: 'waiting',
        lastSuccess: '2026-11-29T18:31:00Z',
        lastDay: '2026-11-30',
        nextRun: '2026-11-30T18:30:00Z',
      },
      {
        market: 'CAISO',
        run: 'RT5',
        locations: 1,
        state: 'failed',
        lastError: 'CAISO OASIS answered HTTP 503.',
        nextRun: '2026-11-29T18:40:00Z',
      },
      { market: 'NEM', run: 'RT', locations: 5, state: 'fetching' },
    ];
    expect(ingestLines(entries, time)).toEqual([
      'PJM DA (3 locations): up to date, last fetched 2026-11-30 at 18:31, next at 18:30',
      'CAISO RT5 (1 location): failing, nothing fetched yet, next at 18:40. Last error: CAISO OASIS answered HTTP 503.',
      'NEM RT (5 locations): fetching, nothing fetched yet',
    ]);
  });

  test('no ingest, no lines', () => {
    expect(ingestLines([])).toEqual([]);
  });
});
