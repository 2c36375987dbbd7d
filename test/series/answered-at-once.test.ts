/**
 * A lookup of one value that the store holds in memory is answered at once, without a promise: a
 * batch of thousands of them costs no turn of the event loop each (issue 11's recalculation). The
 * value is the file's.
 */
import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import { isPromise } from '../../backend/domain';
import { LookupNames } from '../../backend/validation/requests';
import { cleanEnv, tempDbPath } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';

const DA_HUBS = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';

describeShared(DA_HUBS)('a single value from the SQLite store', () => {
  let app: App;
  beforeAll(async () => {
    app = createApp({ env: cleanEnv(), config: { dbPath: tempDbPath(), offline: true } });
    await app.importFile(sharedPath(DA_HUBS));
  });
  afterAll(() => app.close());

  // The lookups of one batch: a series named alike is resolved once for all of them.
  const batch = new LookupNames();
  const ask = (start: string) => app.value(app.requests.value({ market: 'PJM', location: 'WESTERN HUB', run: 'DA', start }, batch));

  it('is answered at once once the series is known, with the value of the file', async () => {
    // The first question resolves the series for the batch and reads the day from the store.
    expect(await ask('2025-07-01T00:30')).toEqual({ start: '2025-07-01T00:00:00-04:00', value: 36.851144 });
    // "7/1/2025 1:00:00 AM ... WESTERN HUB ... total_lmp_da 34.438227"
    const again = ask('2025-07-01T01:00');
    expect(isPromise(again)).toBe(false);
    expect(again).toEqual({ start: '2025-07-01T01:00:00-04:00', value: 34.438227 });
  });
});
