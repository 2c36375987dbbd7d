import type { PointColumns } from '../../domain';
import type { Db } from './db';
import { SCALED_PARAMETER, scaledValue } from './values';

/** Rows per INSERT: one statement call for many rows costs far less than one call per row. */
const ROWS_PER_INSERT = 100;
const COLUMNS = 4;

function upsert(rows: number, value: string): string {
  const values = Array.from({ length: rows }, () => `(?, ?, ?, ${value})`).join(', ');
  return `INSERT INTO points (series_id, start, duration, value) VALUES ${values}
    ON CONFLICT (series_id, start) DO UPDATE SET duration = excluded.duration, value = excluded.value
    WHERE points.value IS NOT excluded.value OR points.duration IS NOT excluded.duration`;
}

/**
 * Writes points in key order (series, start), ROWS_PER_INSERT at a time: the B-tree then fills
 * sequentially, several times faster than in the order a file lists its rows. A point lasting
 * its series' step stores no duration. A value that is not an exact count of 1e-5 (values.ts),
 * rare, is written at once as a REAL.
 */
export class PointRows {
  private readonly many;
  private readonly one;
  private readonly real;
  private readonly params: (number | null)[] = new Array(ROWS_PER_INSERT * COLUMNS);
  private filled = 0;
  private changed = 0;

  constructor(
    db: Db,
    private readonly steps: ReadonlyMap<number, number | null>,
  ) {
    this.many = db.prepare(upsert(ROWS_PER_INSERT, SCALED_PARAMETER));
    this.one = db.prepare(upsert(1, SCALED_PARAMETER));
    this.real = db.prepare(upsert(1, '?'));
  }

  /** Points with their series ids (same order). */
  write(points: PointColumns, ids: Float64Array): void {
    const { start, end, value } = points;
    const order = keyOrder(ids, start);
    const { params } = this;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const id = ids[i];
      const seconds = Math.round(start[i] / 1000);
      const duration = Math.round((end[i] - start[i]) / 1000);
      const ownDuration = duration === this.steps.get(id) ? null : duration;
      const scaled = scaledValue(value[i]);
      if (scaled === undefined) {
        this.changed += this.real.run(id, seconds, ownDuration, value[i]).changes;
        continue;
      }
      const at = this.filled * COLUMNS;
      params[at] = id;
      params[at + 1] = seconds;
      params[at + 2] = ownDuration;
      params[at + 3] = scaled;
      if (++this.filled === ROWS_PER_INSERT) {
        this.changed += this.many.run(params).changes;
        this.filled = 0;
      }
    }
  }

  /** Writes what is left; returns how many rows were inserted or changed. */
  finish(): number {
    for (let r = 0; r < this.filled; r++) this.changed += this.one.run(this.params.slice(r * COLUMNS, (r + 1) * COLUMNS)).changes;
    this.filled = 0;
    return this.changed;
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
