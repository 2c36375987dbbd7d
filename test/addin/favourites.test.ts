import { favourites } from '../../addin/favourites';

/** Favourite locations per market, kept in a Storage (localStorage in the taskpane). */

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

const WESTERN = { name: 'WESTERN HUB', type: 'HUB', aliases: ['51288', 'WEST', 'W HUB', 'FOURTH'] };
const EASTERN = { name: 'EASTERN HUB', type: 'HUB', aliases: ['51217'] };

describe('favourite locations', () => {
  it('are per market, kept in the storage, read back by a new session, sorted by name', () => {
    const storage = memoryStorage();
    const first = favourites(storage);
    expect(first.toggle('PJM', WESTERN)).toBe(true);
    expect(first.toggle('PJM', EASTERN)).toBe(true);
    expect(first.has('PJM', 'WESTERN HUB')).toBe(true);
    expect(first.has('MISO', 'WESTERN HUB')).toBe(false);
    const again = favourites(storage);
    expect(again.list('PJM').map((f) => f.name)).toEqual(['EASTERN HUB', 'WESTERN HUB']);
    // Three aliases at most are kept.
    expect(again.list('PJM')[1]).toEqual({ name: 'WESTERN HUB', type: 'HUB', aliases: ['51288', 'WEST', 'W HUB'] });
    expect(again.list('MISO')).toEqual([]);
    expect(again.toggle('PJM', WESTERN)).toBe(false);
    expect(
      favourites(storage)
        .list('PJM')
        .map((f) => f.name),
    ).toEqual(['EASTERN HUB']);
  });

  it('matching: all when the search is empty, else those whose name or an alias holds it', () => {
    const stars = favourites(memoryStorage());
    stars.toggle('PJM', WESTERN);
    stars.toggle('PJM', EASTERN);
    expect(stars.matching('PJM', ' ').map((f) => f.name)).toEqual(['EASTERN HUB', 'WESTERN HUB']);
    expect(stars.matching('PJM', 'west').map((f) => f.name)).toEqual(['WESTERN HUB']);
    expect(stars.matching('PJM', '51217').map((f) => f.name)).toEqual(['EASTERN HUB']);
    expect(stars.matching('PJM', 'ZONE')).toEqual([]);
  });

  it('a storage that fails or holds garbage leaves the favourites of the session', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const stars = favourites(broken);
    expect(stars.toggle('PJM', WESTERN)).toBe(true);
    expect(stars.has('PJM', 'WESTERN HUB')).toBe(true);
    const garbage = memoryStorage();
    garbage.items.set('gridcell.favourites PJM', '{"not":"a list"');
    expect(favourites(garbage).list('PJM')).toEqual([]);
    garbage.items.set('gridcell.favourites PJM', '[{"name":"X"},7,null]');
    expect(favourites(garbage).list('PJM')).toEqual([{ name: 'X', type: '', aliases: [] }]);
    expect(favourites(undefined).toggle('PJM', EASTERN)).toBe(true);
  });
});
