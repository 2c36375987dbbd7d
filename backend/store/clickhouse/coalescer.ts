/**
 * Answers every question of one kind asked in the same turn of the event loop with one load: a
 * batch of 10,000 single-value lookups is one query, not 10,000 round trips.
 */
export class Coalescer<K, V> {
  private pending = new Map<string, { key: K; waiters: { resolve: (v: V) => void; reject: (e: unknown) => void }[] }>();
  private scheduled = false;

  /** `load` answers the keys it is given, by each key's `id`. */
  constructor(
    private readonly id: (key: K) => string,
    private readonly load: (keys: K[]) => Promise<Map<string, V>>,
    private readonly missing: V,
  ) {}

  get(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const k = this.id(key);
      let entry = this.pending.get(k);
      if (!entry) this.pending.set(k, (entry = { key, waiters: [] }));
      entry.waiters.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    try {
      const answers = await this.load([...batch.values()].map((e) => e.key));
      for (const [k, e] of batch) for (const w of e.waiters) w.resolve(answers.has(k) ? answers.get(k)! : this.missing);
    } catch (err) {
      for (const e of batch.values()) for (const w of e.waiters) w.reject(err);
    }
  }
}
