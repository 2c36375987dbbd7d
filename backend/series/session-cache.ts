import type { SessionCache } from '../connectors/types';

/** A value is given up this long before the source says it expires, so no request carries a dying one. */
const EARLY_MS = 60_000;

/** Credentials kept in memory for reuse (never stored or logged); concurrent askers share one making. */
export class MemorySessionCache implements SessionCache {
  private readonly values = new Map<string, Promise<{ value: string; until: number }>>();

  constructor(private readonly now: () => number) {}

  async reuse(key: string, make: () => Promise<{ value: string; expiresInMs: number }>): Promise<string> {
    const held = this.values.get(key);
    if (held) {
      const current = await held.catch(() => undefined);
      if (current && current.until > this.now()) return current.value;
      if (this.values.get(key) === held) this.values.delete(key);
      else return this.reuse(key, make);
    }
    const making = make().then(({ value, expiresInMs }) => ({ value, until: this.now() + expiresInMs - EARLY_MS }));
    this.values.set(key, making);
    making.catch(() => {
      if (this.values.get(key) === making) this.values.delete(key);
    });
    return (await making).value;
  }

  forget(key: string): void {
    this.values.delete(key);
  }
}
