import { connectors } from '../../backend/connectors/registry';
import { pointColumns } from '../../backend/domain';
import { Catalog } from '../../backend/series/catalog';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { tempDbPath } from '../support/app';

const pjm = connectors.find((c) => c.market.id === 'PJM')!;

/** A store holding one PJM node (not in PJM's own list), with an alias, as a Data Miner file would leave it. */
async function storeWithNode(): Promise<SqliteSeriesStore> {
  const store = new SqliteSeriesStore(tempDbPath());
  const writer = await store.beginWrite({ market: 'PJM', currency: 'USD', unit: 'MWh', source: 'test', final: () => true, fetchedAt: 1 });
  const start = Date.parse('2025-07-01T04:00:00Z');
  await writer.points(pointColumns([{ location: 'TEST NODE 1', run: 'DA', product: 'LMP', start, end: start + 3_600_000, value: 1 }]));
  writer.locations([{ name: 'TEST NODE 1', type: 'NODE', aliases: ['990001'] }]);
  await writer.commit([]);
  return store;
}

describe('catalog: names to locations', () => {
  test('before the index is built, an exact name is found on its own, as the index finds it', async () => {
    const store = await storeWithNode();
    const catalog = new Catalog(connectors, store);
    const exact = await catalog.knows(pjm, 'TEST NODE 1');
    const hub = await catalog.knows(pjm, 'WESTERN HUB');
    const listed = new Catalog(connectors, store);
    await listed.locations(pjm); // builds the index
    expect(exact).toEqual({ name: 'TEST NODE 1', type: 'NODE', aliases: ['990001'] });
    expect(await listed.knows(pjm, 'TEST NODE 1')).toEqual(exact);
    // A listed hub merges PJM's own entry (type, pnode id) with what the store holds, the same both ways.
    expect(hub).toEqual(await listed.knows(pjm, 'WESTERN HUB'));
    expect(hub).toMatchObject({ name: 'WESTERN HUB', type: 'HUB' });
    await store.close();
  });

  test('a name in another case, an alias and a listed hub are found; an unknown name is not', async () => {
    const store = await storeWithNode();
    const catalog = new Catalog(connectors, store);
    expect((await catalog.knows(pjm, ' test node 1 '))?.name).toBe('TEST NODE 1');
    expect((await catalog.knows(pjm, '990001'))?.name).toBe('TEST NODE 1');
    expect(await catalog.knows(pjm, 'WESTERN HUB')).toMatchObject({ name: 'WESTERN HUB', type: 'HUB' });
    expect(await catalog.knows(pjm, 'NOWHERE')).toBeUndefined();
    await store.close();
  });

  test('a location stored after a first question is found: what is remembered is dropped on every write', async () => {
    const store = new SqliteSeriesStore(tempDbPath());
    const catalog = new Catalog(connectors, store);
    expect(await catalog.knows(pjm, 'TEST NODE 1')).toBeUndefined();
    const writer = await store.beginWrite({ market: 'PJM', currency: 'USD', unit: 'MWh', source: 'test', final: () => true, fetchedAt: 1 });
    writer.locations([{ name: 'TEST NODE 1', type: 'NODE' }]);
    await writer.commit([]);
    expect(await catalog.knows(pjm, 'TEST NODE 1')).toMatchObject({ name: 'TEST NODE 1', type: 'NODE' });
    await store.close();
  });
});
