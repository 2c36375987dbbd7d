import { ApiError, apiGet, apiPath, clearCache, errorFromAnswer, fetchApi, isCancellation, readAnswer } from '../../client';
import { ok, stubBatcher } from '../support/stub-backend';

describe('API paths from the contract', () => {
  it('leaves out absent and empty parameters, keeps the order given and encodes values', () => {
    expect(
      apiPath('/series', {
        market: 'PJM',
        location: 'WESTERN HUB',
        start: '2025-07-01T14:30',
        end: undefined,
        run: '',
        tz: 'America/New_York',
      }),
    ).toBe('/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01T14%3A30&tz=America%2FNew_York');
    expect(apiPath('/markets')).toBe('/markets');
  });

  it('puts the market into the locations path, encoded, and not into the query', () => {
    expect(apiPath('/markets/:market/locations', { market: 'A/B C', q: 'hub&zone', limit: '25' })).toBe(
      '/markets/A%2FB%20C/locations?q=hub%26zone&limit=25',
    );
    expect(apiPath('/markets/:market/locations', { market: 'PJM' })).toBe('/markets/PJM/locations');
  });

  it('takes only the parameters its endpoint takes, and types the answer by the path', async () => {
    // @ts-expect-error: /series has no parameter "colour".
    apiPath('/series', { colour: 'red' });
    // @ts-expect-error: the locations path needs its market.
    apiPath('/markets/:market/locations', { q: 'HUB' });
    // @ts-expect-error: fill is none, prev or linear.
    apiPath('/series', { fill: 'zero' });
    const { batcher } = stubBatcher(() => ok({ from: 'JPY', to: 'EUR', date: '2025-07-01', rateDate: '2025-07-01', rate: 0.0059 }));
    const answer = await apiGet(batcher, apiPath('/fx', { from: 'JPY', to: 'EUR', date: '2025-07-01' }));
    expect(answer.rate).toBe(0.0059);
    // @ts-expect-error: an /fx answer has no locations.
    expect(answer.locations).toBeUndefined();
  });
});

describe("ApiError: a failed request in the contract's words", () => {
  it('a success is its body', () => {
    expect(readAnswer({ status: 200, body: { cleared: true } })).toEqual({ cleared: true });
  });

  it('an error answer carries its code, status, message and wrong fields', () => {
    const fields = [{ field: 'limit', code: 'BAD_REQUEST', message: 'limit must be a whole number from 1 to 10000.' }];
    const body = { error: { code: 'BAD_REQUEST', message: fields[0].message, fields } };
    const thrown = (() => {
      try {
        readAnswer({ status: 400, body });
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({ name: 'ApiError', code: 'BAD_REQUEST', status: 400, message: fields[0].message, fields });
    expect(errorFromAnswer(404, { error: { code: 'NO_DATA', message: 'No data.' } }).fields).toEqual([]);
  });

  it("an answer that is not in the contract's words keeps what it says, or says that it said nothing", () => {
    expect(errorFromAnswer(418, { error: { code: 'TEAPOT', message: 'I am a teapot.' } })).toMatchObject({
      code: 'NOT_GRIDCELL_JSON',
      status: 418,
      message: 'I am a teapot.',
    });
    expect(errorFromAnswer(502, '<html>Bad gateway</html>')).toMatchObject({
      code: 'NOT_GRIDCELL_JSON',
      status: 502,
      message: "The gridcell backend answered with status 502 and no explanation. Check the backend's log.",
    });
  });
});

describe("the taskpane's own requests (no network: fetch is stubbed)", () => {
  afterEach(() => jest.restoreAllMocks());

  it('go one at a time to the configured backend and fail with ApiError', async () => {
    const asked: [string, RequestInit | undefined][] = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      asked.push([String(url), init]);
      return String(url).endsWith('/cache')
        ? new Response(JSON.stringify({ cleared: true }), { status: 200 })
        : new Response(JSON.stringify({ error: { code: 'UNKNOWN_MARKET', message: 'Unknown market "PJN". Did you mean PJM?' } }), {
            status: 400,
          });
    });
    await expect(fetchApi(apiPath('/markets/:market/locations', { market: 'PJN' }))).rejects.toMatchObject({
      name: 'ApiError',
      code: 'UNKNOWN_MARKET',
      status: 400,
    });
    expect(await clearCache()).toEqual({ cleared: true });
    expect(asked.map(([url, init]) => [url, init?.method ?? 'GET'])).toEqual([
      ['https://localhost:3000/api/v1/markets/PJN/locations', 'GET'],
      ['https://localhost:3000/api/v1/cache', 'DELETE'],
    ]);
  });

  it("a cancelled request rejects with the caller's AbortError, which is no ApiError", async () => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const cancel = new AbortController();
    const search = fetchApi(apiPath('/markets/:market/locations', { market: 'PJM', q: 'WEST' }), cancel.signal);
    cancel.abort();
    const thrown = await search.catch((e: unknown) => e);
    expect(isCancellation(thrown)).toBe(true);
    expect(thrown).not.toBeInstanceOf(ApiError);
  });
});
