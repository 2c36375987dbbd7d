/**
 * An answer that is there now or on its way: a store in this process answers from memory at once,
 * one across the network later. The read path awaits only what is on its way, so a batch of
 * thousands of lookups answered from memory does not pay a turn of the event loop for each.
 */
export type Maybe<T> = T | Promise<T>;

export function isPromise<T>(value: Maybe<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `next` applied to the value: at once when it is there, once it arrives when it is on its way. */
export function andThen<T, U>(value: Maybe<T>, next: (t: T) => Maybe<U>): Maybe<U> {
  return isPromise(value) ? value.then(next) : next(value);
}
