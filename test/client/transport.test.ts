import { ApiError, requestJson } from '../../client';

type Scope = { gridcell?: { functions: Record<string, (...args: unknown[]) => Promise<unknown>> }; CustomFunctions?: unknown };

describe('talking to the backend', () => {
  afterEach(() => jest.restoreAllMocks());

  it('a refused connection is an ApiError naming the backend address (no network: fetch is stubbed)', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
    const refused = requestJson('https://localhost:3999/api/v1/markets');
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({
      code: 'UNREACHABLE',
      status: undefined,
      message:
        'Cannot reach the gridcell backend at https://localhost:3999. Start it with "gridcell serve", or set its address in the gridcell taskpane\'s settings.',
    });
  });

  it('a backend that never answers is an error after the timeout, not a hang', async () => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    await expect(requestJson('https://localhost:3999/api/v1/batch', {}, 50)).rejects.toMatchObject({
      code: 'TIMED_OUT',
      message: 'The gridcell backend at https://localhost:3999 did not answer within 1 s. Try again in a moment.',
    });
  });

  it('an answer that is not JSON says the address may be wrong', async () => {
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('<html>router login</html>', { status: 200 }));
    await expect(requestJson('https://localhost:3999/api/v1/batch')).rejects.toMatchObject({
      code: 'NOT_GRIDCELL_JSON',
      status: 200,
      message: expect.stringMatching(/not gridcell's JSON/),
    });
  });

  it('outside Excel the functions entry installs a stand-in runtime and exposes window.gridcell.functions', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
    const scope = globalThis as Scope;
    await jest.isolateModulesAsync(async () => {
      await import('../../functions/functions');
    });
    expect(Object.keys(scope.gridcell!.functions).sort()).toEqual([
      'AS',
      'AVG',
      'FUELMIX',
      'FX',
      'LIVE',
      'LMP',
      'LOAD',
      'LOCATIONS',
      'MARKETS',
      'PRICE',
      'QUALITY',
      'STATUS',
      'STRIP',
    ]);
    await expect(scope.gridcell!.functions.LMP('PJM', 'WESTERN HUB', 45839, null, 'RT')).rejects.toMatchObject({
      code: '#N/A',
      message: expect.stringMatching(/^Cannot reach the gridcell backend at https:\/\/localhost:3000\./),
    });
    delete scope.gridcell;
    delete scope.CustomFunctions;
  });
});
