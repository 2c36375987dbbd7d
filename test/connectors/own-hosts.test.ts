import { ownHostsOnly } from '../../backend/connectors/fetch';
import { connectors } from '../../backend/connectors/registry';
import type { HttpRequest, HttpResponse } from '../../backend/http/types';

const answered: string[] = [];
const get = async (r: HttpRequest): Promise<HttpResponse> => {
  answered.push(r.url);
  return { url: r.url, status: 200, headers: {}, body: Buffer.from('ok') };
};

describe('connectors call only their own fixed hosts', () => {
  const pjm = connectors.find((c) => c.market.id === 'PJM')!;

  test('a request to the market host goes through', async () => {
    await ownHostsOnly(pjm, get)({ url: 'https://api.pjm.com/api/v1/da_hrl_lmps?RowCount=1' });
    expect(answered).toEqual(['https://api.pjm.com/api/v1/da_hrl_lmps?RowCount=1']);
  });

  test('any other host (a page link, a document list entry) is refused before the network', async () => {
    await expect(ownHostsOnly(pjm, get)({ url: 'https://evil.example/steal?key=1' })).rejects.toThrow(
      'PJM may only call api.pjm.com; refusing a request to evil.example.',
    );
    await expect(ownHostsOnly(pjm, get)({ url: 'not a url' })).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(answered).toHaveLength(1);
  });

  test('every registered market names its hosts', () => {
    for (const c of connectors) expect(Object.keys(c.market.hosts).length).toBeGreaterThan(0);
  });
});
