import type { SeriesStore } from './series-store';

/**
 * A store usable at once while it is still being opened (a ClickHouse server is connected to and
 * its tables made in the background): every question waits for the opening, and an opening that
 * failed fails every question with its reason. `generation` is 0 until then.
 */
export function storeWhenOpen(opening: Promise<SeriesStore>): SeriesStore {
  let opened: SeriesStore | undefined;
  const ready = opening.then((store) => (opened = store));
  ready.catch(() => undefined); // the reason reaches whoever asks first
  // Every member but `generation` is a method returning a promise.
  return new Proxy({} as SeriesStore, {
    get(_target, member: keyof SeriesStore) {
      if (member === 'generation') return opened?.generation ?? 0;
      // A store that never opened has nothing to close.
      if (member === 'close') return async () => (opened ?? (await ready.catch(() => undefined)))?.close();
      return async (...args: unknown[]) => {
        const store = opened ?? (await ready);
        return (store[member] as (...a: unknown[]) => unknown).apply(store, args);
      };
    },
  });
}
