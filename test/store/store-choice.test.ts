import { storeOf } from '../../backend/config';
import { storeWhenOpen } from '../../backend/store/opening';
import type { SeriesStore } from '../../backend/store/series-store';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { cleanEnv, tempDbPath } from '../support/app';
import { runGridcell } from '../faults/helpers';

describe('which store: GRIDCELL_STORE or --store', () => {
  test('sqlite:PATH names the file; a clickhouse:// URL the desk store; nothing, the default file', () => {
    expect(storeOf(undefined, '/home/a/.gridcell/gridcell.db')).toEqual({ dbPath: '/home/a/.gridcell/gridcell.db' });
    expect(storeOf('sqlite:/data/desk.db', '/d.db')).toEqual({ dbPath: '/data/desk.db' });
    expect(storeOf('clickhouse://desk:pw@ch.local:8123/gridcell', '/d.db')).toEqual({
      dbPath: '/d.db',
      storeUrl: 'clickhouse://desk:pw@ch.local:8123/gridcell',
    });
  });

  test('any other store is refused, saying which forms there are, without the credentials', () => {
    expect(() => storeOf('postgres://desk:s3cret@db.local/gridcell', '/d.db')).toThrow(
      'The store "db.local/gridcell" is neither sqlite:PATH nor clickhouse://user:password@host:8123/database: set GRIDCELL_STORE (or --store) to one of those.',
    );
  });

  test('the command line refuses a wrong --store before doing anything', async () => {
    const r = await runGridcell(cleanEnv(), ['markets', '--store', 'mysql://u:s3cret@h/db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is neither sqlite:PATH nor clickhouse://');
    expect(r.stderr).not.toContain('s3cret');
  });
});

describe('a store used while it opens', () => {
  test('questions wait for the opening, then go to the store', async () => {
    let open!: (s: SeriesStore) => void;
    const store = storeWhenOpen(new Promise((resolve) => (open = resolve)));
    expect(store.generation).toBe(0);
    const asked = store.info();
    const path = tempDbPath();
    open(new SqliteSeriesStore(path));
    expect(await asked).toMatchObject({ engine: 'sqlite', path });
    await store.close();
  });

  test('an opening that failed fails every question with its reason; closing it is harmless', async () => {
    const store = storeWhenOpen(Promise.reject(new Error('ClickHouse clickhouse://desk@ch.local:8123/gridcell: connect ECONNREFUSED')));
    await expect(store.refresh()).rejects.toThrow('connect ECONNREFUSED');
    await expect(store.findSeries({ market: 'PJM', location: 'X', run: 'DA', product: 'LMP', currency: 'USD' })).rejects.toThrow(
      'ECONNREFUSED',
    );
    await expect(store.close()).resolves.toBeUndefined();
  });
});
