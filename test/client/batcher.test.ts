import { ApiError, RequestBatcher } from '../../client';
import { apiError, ok, stubBatcher } from '../support/stub-backend';

describe('batching the calls of one recalculation', () => {
  it('500 calls travel in one POST /batch and each caller gets the answer to its own URL', async () => {
    const { batcher, batches } = stubBatcher((url) => ok({ echo: url }));
    const urls = Array.from(
      { length: 500 },
      (_, i) =>
        `/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01T${String(i % 24).padStart(2, '0')}:${String(Math.floor(i / 24)).padStart(2, '0')}`,
    );
    const answers = await Promise.all(urls.map((url) => batcher.get(url)));
    expect(batches).toHaveLength(1);
    expect(batches[0].requests).toHaveLength(500);
    expect(batches[0].requests.every((r) => r.method === 'GET')).toBe(true);
    answers.forEach((answer, i) => expect(answer).toEqual({ status: 200, body: { echo: urls[i] } }));
  });

  it('identical calls are asked once and answered to every caller', async () => {
    const { batcher, batches } = stubBatcher((url) => ok({ echo: url }));
    const same = '/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01';
    const other = '/series?market=PJM&location=EASTERN%20HUB&start=2025-07-01';
    const answers = await Promise.all([batcher.get(same), batcher.get(other), batcher.get(same), batcher.get(same)]);
    expect(batches[0].requests.map((r) => r.url)).toEqual([same, other]);
    expect(answers.map((a) => (a.body as { echo: string }).echo)).toEqual([same, other, same, same]);
  });

  it('a call made while its URL is already on the way shares that answer', async () => {
    const { batcher, batches } = stubBatcher((url) => ok({ echo: url }), { answerAfterMs: 50 });
    const first = batcher.get('/markets');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = batcher.get('/markets');
    await Promise.all([first, second]);
    expect(batches).toHaveLength(1);
    // Asked again after the answer arrived: a new request.
    await batcher.get('/markets');
    expect(batches).toHaveLength(2);
  });

  it('splits at the most requests one POST may carry', async () => {
    const { batcher, batches } = stubBatcher((url) => ok(url), { maxPerRequest: 200 });
    await Promise.all(Array.from({ length: 450 }, (_, i) => batcher.get(`/fx?from=USD&to=EUR&date=2025-01-${i}`)));
    expect(batches.map((b) => b.requests.length)).toEqual([200, 200, 50]);
  });

  it('calls made in a later macrotask go in a later batch', async () => {
    const { batcher, batches } = stubBatcher((url) => ok(url));
    await batcher.get('/markets');
    await batcher.get('/health');
    expect(batches).toHaveLength(2);
  });

  it('an unreachable backend fails every caller with the message of the transport', async () => {
    const unreachable = new ApiError('Cannot reach the gridcell backend at https://localhost:3000.', 'UNREACHABLE');
    const batcher = new RequestBatcher({ collectMs: 1, post: () => Promise.reject(unreachable) });
    await expect(Promise.all([batcher.get('/a'), batcher.get('/b')])).rejects.toBe(unreachable);
    await expect(batcher.get('/a')).rejects.toBe(unreachable);
  });

  it('a refused batch gives its error to every caller; an item left out is explained', async () => {
    const refused = new RequestBatcher({
      collectMs: 1,
      post: async () => apiError(413, 'TOO_LARGE', 'The request body is larger than 8mb; split the batch.'),
    });
    const [first, second] = await Promise.allSettled([refused.get('/a'), refused.get('/b')]);
    expect(first).toEqual(second);
    expect((first as PromiseRejectedResult).reason).toBeInstanceOf(ApiError);
    expect((first as PromiseRejectedResult).reason).toMatchObject({
      code: 'TOO_LARGE',
      status: 413,
      message: 'The request body is larger than 8mb; split the batch.',
    });
    const forgetful = new RequestBatcher({ collectMs: 1, post: async () => ok({ statuses: [], bodies: [] }) });
    await expect(forgetful.get('/a')).rejects.toMatchObject({
      code: 'LEFT_OUT_OF_BATCH',
      message: expect.stringMatching(/left this request out/),
    });
  });

  it('an answer that is not a batch answer says the address may be wrong', async () => {
    const stranger = new RequestBatcher({ collectMs: 1, post: async () => ok({ hello: 'a router' }) });
    await expect(stranger.get('/a')).rejects.toMatchObject({
      code: 'NOT_GRIDCELL_JSON',
      message: expect.stringMatching(/without "statuses" and "bodies"\. Is the backend address right\?/),
    });
  });
});
