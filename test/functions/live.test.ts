import { ApiError } from '../../client';
import type { LatestResponse } from '../../contract';
import { liveFormula, MIN_POLL_SECONDS, RETRY_SECONDS, streamLatest, type LiveInvocation } from '../../functions/live';
import { stubBatcher } from '../support/stub-backend';

function recorder(): LiveInvocation & { results: unknown[] } {
  const results: unknown[] = [];
  return { results, setResult: (value) => results.push(value) };
}

const latest = (value: number, pollSeconds: number) => ({ value, pollSeconds }) as LatestResponse;

describe('GRID.LIVE', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('polls at the pace the backend gives, never faster than every 15 s, and stops when Excel cancels', async () => {
    const answers = [latest(30.5, 300), latest(31.25, 2), latest(99, 60)];
    const fetchLatest = jest.fn(async () => answers.shift()!);
    const invocation = recorder();
    streamLatest(fetchLatest, invocation);
    await jest.advanceTimersByTimeAsync(0);
    expect(invocation.results).toEqual([30.5]);
    await jest.advanceTimersByTimeAsync(299_000);
    expect(fetchLatest).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(invocation.results).toEqual([30.5, 31.25]);
    // pollSeconds 2 is raised to the minimum.
    await jest.advanceTimersByTimeAsync(MIN_POLL_SECONDS * 1000 - 1);
    expect(fetchLatest).toHaveBeenCalledTimes(2);
    invocation.onCanceled!();
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(fetchLatest).toHaveBeenCalledTimes(2);
    expect(invocation.results).toEqual([30.5, 31.25]);
  });

  it('shows a failure in the cell and tries again later', async () => {
    const message = 'Cannot reach the gridcell backend at https://localhost:3000.';
    const fetchLatest = jest.fn().mockRejectedValueOnce(new ApiError(message, 'UNREACHABLE')).mockResolvedValueOnce(latest(12, 300));
    const invocation = recorder();
    streamLatest(fetchLatest, invocation);
    await jest.advanceTimersByTimeAsync(0);
    const unreachable = expect.objectContaining({ code: '#N/A', message });
    expect(invocation.results).toEqual([unreachable]);
    await jest.advanceTimersByTimeAsync(RETRY_SECONDS * 1000);
    expect(invocation.results).toEqual([unreachable, 12]);
    invocation.onCanceled!();
  });

  it('asks /latest, and a wrong argument is one #VALUE! without polling', async () => {
    const { batcher, batches } = stubBatcher(() => ({ status: 200, body: latest(25, 300) }));
    const invocation = recorder();
    liveFormula(batcher, { market: 'ercot', location: 'HB_NORTH', run: null, product: null }, invocation);
    await jest.advanceTimersByTimeAsync(10);
    expect(batches[0].requests[0].url).toBe('/latest?market=ERCOT&location=HB_NORTH');
    expect(invocation.results).toEqual([25]);
    invocation.onCanceled!();
    const wrong = recorder();
    liveFormula(batcher, { market: 'ERCOT', location: '' }, wrong);
    expect(wrong.results).toEqual([expect.objectContaining({ code: '#VALUE!', message: 'location is missing; for example "HB_NORTH".' })]);
  });
});
