/** Batched inserts: every row lands, whatever its count against the statements' sizes. A real SQLite file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchedInsert, valuesOf } from '../../backend/store/sqlite/batched-insert';
import { openDb } from '../../backend/store/sqlite/db';

function table() {
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'gridcell-batched-')), 'b.db'));
  db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, a INTEGER NOT NULL, b TEXT NOT NULL)');
  const insert = new BatchedInsert(
    db,
    (rows) => `INSERT INTO t (k, a, b) VALUES ${valuesOf(rows, ['?', '?', '?'])} ON CONFLICT (k) DO NOTHING`,
    3,
  );
  return { db, insert };
}

test.each([0, 1, 2, 3, 255, 399, 400, 401, 737, 1200, 1583])('%i rows: each stored once, with its own values', (n) => {
  const { db, insert } = table();
  db.exec('BEGIN');
  for (let k = 0; k < n; k++) insert.add(k, k * 7, `row ${k}`);
  expect(insert.finish()).toBe(n);
  db.exec('COMMIT');
  const rows = db.prepare('SELECT k, a, b FROM t ORDER BY k').raw().all() as [number, number, string][];
  expect(rows.length).toBe(n);
  expect(rows.filter(([k, a, b]) => a !== k * 7 || b !== `row ${k}`)).toEqual([]);
  db.close();
});

test('finish counts only rows its statements changed since the last finish; discard forgets the rows not yet written', () => {
  const { db, insert } = table();
  db.exec('BEGIN');
  for (let k = 0; k < 450; k++) insert.add(k, k, 'first');
  expect(insert.finish()).toBe(450);
  for (let k = 440; k < 460; k++) insert.add(k, k, 'again'); // 10 already there: DO NOTHING
  expect(insert.finish()).toBe(10);
  for (let k = 1000; k < 1005; k++) insert.add(k, k, 'dropped');
  insert.discard();
  expect(insert.finish()).toBe(0);
  db.exec('COMMIT');
  expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(460);
  db.close();
});
