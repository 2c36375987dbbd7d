import type { PointColumns } from '../../domain';
import { BatchedInsert, valuesOf } from './batched-insert';
import type { Db } from './db';
import { SCALED_PARAMETER, scaledValue } from './values';

function upsert(rows: number, value: string): string {
  return `INSERT INTO points (series_id, start, duration, value) VALUES ${valuesOf(rows, ['?', '?', '?', value])}
    ON CONFLICT (series_id, start) DO UPDATE SET duration = excluded.duration, value = excluded.value
    WHERE points.value IS NOT excluded.value OR points.duration IS NOT excluded.duration`;
}

/**
 * Writes points in key order (series, start), many rows per statement: the B-tree then fills
 * sequentially, several times faster than in the order a file lists its rows. A point lasting
 * its series' step stores no duration. A value that is an exact count of 1e-5 (values.ts) is
 * stored as that integer, any other as a REAL.
 */
export class PointRows {
  private readonly scaled: BatchedInsert;
  private readonly real: BatchedInsert;

  constructor(
    db: Db,
    private readonly steps: ReadonlyMap<number, number | null>,
  ) {
    this.scaled = new BatchedInsert(db, (rows) => upsert(rows, SCALED_PARAMETER), 4);
    this.real = new BatchedInsert(db, (rows) => upsert(rows, '?'), 4);
  }

  /** Points with their series ids (same order). */
  write(points: PointColumns, ids: Float64Array): void {
    const { start, end, value } = points;
    const order = keyOrder(ids, start);
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const id = ids[i];
      const duration = Math.round((end[i] - start[i]) / 1000);
      const ownDuration = duration === this.steps.get(id) ? null : duration;
      const scaled = scaledValue(value[i]);
      if (scaled === undefined) this.real.add(id, Math.round(start[i] / 1000), ownDuration, value[i]);
      else this.scaled.add(id, Math.round(start[i] / 1000), ownDuration, scaled);
    }
  }

  /** Writes what is left; returns how many rows were inserted or changed since the last finish. */
  finish(): number {
    return this.scaled.finish() + this.real.finish();
  }

  discard(): void {
    this.scaled.discard();
    this.real.discard();
  }
}

/**
 * Indices of the rows in (series id, start) order: a counting sort by series, then each series'
 * rows by start where the file did not list them in order already.
 */
function keyOrder(ids: Float64Array, starts: Float64Array): Uint32Array {
  const bucketOf = new Map<number, number>();
  const counts: number[] = [];
  const bucket = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    let b = bucketOf.get(ids[i]);
    if (b === undefined) {
      b = counts.length;
      bucketOf.set(ids[i], b);
      counts.push(0);
    }
    bucket[i] = b;
    counts[b]++;
  }
  const offsets = new Uint32Array(counts.length);
  let offset = 0;
  for (const [, b] of [...bucketOf].sort((x, y) => x[0] - y[0])) {
    offsets[b] = offset;
    offset += counts[b];
  }
  const order = new Uint32Array(ids.length);
  const next = offsets.slice();
  for (let i = 0; i < ids.length; i++) order[next[bucket[i]]++] = i;
  for (let b = 0; b < counts.length; b++) {
    const rows = order.subarray(offsets[b], offsets[b] + counts[b]);
    for (let k = 1; k < rows.length; k++) {
      if (starts[rows[k - 1]] > starts[rows[k]]) {
        rows.sort((x, y) => starts[x] - starts[y]);
        break;
      }
    }
  }
  return order;
}
