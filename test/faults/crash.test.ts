/**
 * SIGKILL in the middle of a large import (`gridcell import` of the CAISO all-APNodes day-ahead
 * zip, 162,848 rows, in a child process): the database opens cleanly afterwards and holds either
 * nothing of that file or all of it, never part of a report-day.
 */
import AdmZip from 'adm-zip';
import { createApp } from '../../backend/app/create-app';
import { openDb } from '../../backend/store/sqlite/db';
import { cleanEnv, tempDbPath } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';
import { exitOf, spawnGridcell, writeLocked } from './helpers';
import { tableCounts, tableCountsAt } from '../support/db';

const BIG = 'caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip';

/** Data rows of the CSV in the zip: every one is a stored point (each row is one node, hour and LMP_TYPE). */
function rowsInFile(): number {
  const [entry] = new AdmZip(sharedPath(BIG)).getEntries();
  return (
    entry
      .getData()
      .toString('latin1')
      .split('\n')
      .filter((l) => l.trim() !== '').length - 1
  );
}

type KillAt = { afterMs: number } | 'in the write transaction';

/** Starts the import, kills it as told, and says how it ended. */
async function importAndKill(dbPath: string, when: KillAt): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  const child = spawnGridcell(cleanEnv({ GRIDCELL_DB: dbPath }), 'import', sharedPath(BIG));
  const exited = exitOf(child);
  if (when === 'in the write transaction') {
    while (child.exitCode === null && !writeLocked(dbPath)) await new Promise((r) => setTimeout(r, 20));
  } else {
    await new Promise((r) => setTimeout(r, when.afterMs));
  }
  child.kill('SIGKILL');
  return exited;
}

describeShared(BIG)('SIGKILL during gridcell import', () => {
  jest.setTimeout(60_000);
  const rows = rowsInFile();

  /** Reopens the database the way gridcell does and checks it holds nothing or all of the file. */
  function expectNothingOrAll(dbPath: string): void {
    const db = openDb(dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const counts = tableCounts(db);
      if (counts.points === 0) expect(counts).toEqual({ series: 0, points: 0, coverage: 0, locations: 0, location_aliases: 0 });
      else {
        expect(counts.points).toBe(rows);
        expect(counts.coverage).toBeGreaterThan(0);
      }
    } finally {
      db.close();
    }
  }

  test.each<[string, KillAt]>([
    ['while it starts up', { afterMs: 300 }],
    ['while it reads the file', { afterMs: 1500 }],
  ])('killed %s: the database opens cleanly with nothing or all of the file', async (_label, when) => {
    const dbPath = tempDbPath();
    await importAndKill(dbPath, when);
    expectNothingOrAll(dbPath);
  });

  test('killed in the write transaction: nothing of the file, and the same import then runs to the end', async () => {
    const dbPath = tempDbPath();
    expect((await importAndKill(dbPath, 'in the write transaction')).signal).toBe('SIGKILL');
    expectNothingOrAll(dbPath);
    const app = createApp({ env: cleanEnv(), config: { dbPath, offline: true } });
    try {
      await app.importFile(sharedPath(BIG));
      expect(tableCountsAt(dbPath).points).toBe(rows);
    } finally {
      await app.close();
    }
  });
});
