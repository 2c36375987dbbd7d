import { connectors } from '../../backend/connectors/registry';
import { pointColumns } from '../../backend/domain';
import { Catalog } from '../../backend/series/catalog';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { tempDbPath } from '../support/app';

const pjm = connectors.find((c) => c.market.id === 'PJM')!;

/** A store holding one PJM node (not in PJM's own list), with an alias, as a Data Miner file would leave it. */
function storeWithNode(): SqliteSeriesStore {
  const store = new SqliteSeriesStore(tempDbPath());
  const writer = store.beginWrite({ market: 'PJM', currency: 'USD', unit: 'MWh', source: 'test', final: () => true, fetchedAt: 1 });
  const start = Date.parse('2025-07-01T04:00:00Z');
  writer.points(pointColumns([{ location: 'TEST NODE 1', run: 'DA', product: 'LMP', start, end: start + 3_600_000, value: 1 }]));
  writer.locations([{ name: 'TEST NODE 1', type: 'NODE', aliases: ['990001'] }]);
  writer.commit([]);
  return store;
}

describe('catalog: names to locations', () => {
  test('before the index is built, an exact name is found on its own, as the index finds it', () => {
    const store = storeWithNode();
    const catalog = new Catalog(connectors, store);
    const exact = catalog.knows(pjm, 'TEST NODE 1');
    const hub = catalog.knows(pjm, 'WESTERN HUB');
    const listed = new Catalog(connectors, store);
    listed.locations(pjm); // builds the index
    expect(exact).toEqual({ name: 'TEST NODE 1', type: 'NODE', aliases: ['990001'] });
    expect(listed.knows(pjm, 'TEST NODE 1')).toEqual(exact);
    // A listed hub merges PJM's own entry (type, pnode id) with what the store holds, the same both ways.
    expect(hub).toEqual(listed.knows(pjm, 'WESTERN HUB'));
    expect(hub).toMatchObject({ name: 'WESTERN HUB', type: 'HUB' });
    store.close();
  });

  test('a name in another case, an alias and a listed hub are found; an unknown name is not', () => {
    const store = storeWithNode();
    const catalog = new Catalog(connectors, store);
    expect(catalog.knows(pjm, ' test node 1 ')?.name).toBe('TEST NODE 1');
    expect(catalog.knows(pjm, '990001')?.name).toBe('TEST NODE 1');
    expect(catalog.knows(pjm, 'WESTERN HUB')).toMatchObject({ name: 'WESTERN HUB', type: 'HUB' });
    expect(catalog.knows(pjm, 'NOWHERE')).toBeUndefined();
    store.close();
  });

  test('a location stored after a first question is found: what is remembered is dropped on every write', () => {
    const store = new SqliteSeriesStore(tempDbPath());
    const catalog = new Catalog(connectors, store);
    expect(catalog.knows(pjm, 'TEST NODE 1')).toBeUndefined();
    const writer = store.beginWrite({ market: 'PJM', currency: 'USD', unit: 'MWh', source: 'test', final: () => true, fetchedAt: 1 });
    writer.locations([{ name: 'TEST NODE 1', type: 'NODE' }]);
    writer.commit([]);
    expect(catalog.knows(pjm, 'TEST NODE 1')).toMatchObject({ name: 'TEST NODE 1', type: 'NODE' });
    store.close();
  });
});
