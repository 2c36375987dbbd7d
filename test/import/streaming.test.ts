import AdmZip from 'adm-zip';
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import { mayStream } from '../../backend/import/importer';
import { parsedPieces, parsingThreadWaiting, startParsingThread } from '../../backend/import/parsed-pieces';
import { lineEnds, linePieces, piecesOf } from '../../backend/import/pieces';
import { connectors } from '../../backend/connectors/registry';
import type { ParsedPoint } from '../../backend/domain';
import { jepxConnector } from '../../backend/connectors/apac/jepx';
import { cleanEnv } from '../support/app';
import { withDb } from '../support/db';
import { describeShared, sharedPath } from '../support/fixtures';
import { reportById } from '../support/points';

const JEPX = 'jepx/spot_summary_2024_FY2024_to_2024-12-02.csv';
const CAISO = 'caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip';
const SMALL_ZIP = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';

async function collect<T>(chunks: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

/** A stream's pieces, each copied: a piece is good only until the next is asked for. */
async function collectPieces(pieces: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const p of pieces) out.push(Buffer.from(p));
  return out;
}

/** The same points in the same order (compared field by field: 200,000 points are too many for toEqual). */
function expectSamePoints(actual: ParsedPoint[], expected: ParsedPoint[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    if (actual[i].value !== expected[i].value || actual[i].start !== expected[i].start) throw new Error(`point ${i} differs`);
}

/** Every stored row of a database, in key order, as one digest. */
function digest(app: App): { rows: number; sha: string } {
  return withDb(app.config.dbPath, (db) => {
    const hash = createHash('sha256');
    let rows = 0;
    for (const r of db
      .prepare(
        'SELECT s.location, s.run, s.product, p.start, p.duration, p.value FROM point_values p JOIN series s ON s.id = p.series_id ORDER BY s.location, s.run, s.product, p.start',
      )
      .raw()
      .iterate()) {
      hash.update(JSON.stringify(r));
      rows++;
    }
    return { rows, sha: hash.digest('hex') };
  });
}

describeShared(JEPX)('a large file is parsed in line-aligned pieces that each carry the header', () => {
  test('the pieces put back together are the file, and parse to exactly its points', async () => {
    const bytes = readFileSync(sharedPath(JEPX));
    const pieces = await collectPieces(linePieces(Readable.from([bytes.subarray(0, 700_001), bytes.subarray(700_001)]), 'test', 100_000));
    expect(pieces.length).toBeGreaterThan(10);
    const header = bytes.subarray(0, bytes.indexOf(0x0a) + 1);
    for (const p of pieces) expect(p.subarray(0, header.length).equals(header)).toBe(true);
    const rebuilt = Buffer.concat([pieces[0], ...pieces.slice(1).map((p) => p.subarray(header.length))]);
    expect(rebuilt.equals(bytes)).toBe(true);

    const report = reportById(jepxConnector, 'jepx.spot_summary');
    const ctx = { market: jepxConnector.market, source: 'test' };
    const whole = report.parse(bytes, ctx).points;
    const inPieces: ParsedPoint[] = pieces.flatMap((p) => report.parse(p, ctx).points);
    expectSamePoints(inPieces, whole);
  });
});

describeShared(JEPX)("a file's pieces read from its descriptor leave it open", () => {
  test('stopped after the first piece (as a parse error stops it), the file is still open for the caller to read and close', async () => {
    const fd = openSync(sharedPath(JEPX), 'r');
    try {
      const pieces = piecesOf({ fd }, 'jepx.csv');
      expect((await pieces.next()).done).toBe(false);
      await pieces.return(undefined);
      await new Promise((resolve) => setTimeout(resolve, 50)); // a close started by the stop would have run by now
      expect(fstatSync(fd).size).toBe(readFileSync(sharedPath(JEPX)).length);
    } finally {
      closeSync(fd);
    }
  });
});

describeShared(JEPX)('pieces are cut at any line end: CRLF, LF or a lone CR', () => {
  test('the real JEPX file with its CRLF rewritten as lone CRs, and with mixed ends, parses in pieces to its own points', async () => {
    const bytes = readFileSync(sharedPath(JEPX));
    const text = bytes.toString('latin1');
    const report = reportById(jepxConnector, 'jepx.spot_summary');
    const ctx = { market: jepxConnector.market, source: 'test' };
    const whole = report.parse(bytes, ctx).points;
    let n = 0;
    for (const rewritten of [
      text.replace(/\r\n/g, '\r'),
      text.replace(/\r\n/g, () => (++n % 3 === 0 ? '\n' : n % 3 === 1 ? '\r' : '\r\n')),
    ]) {
      const pieces = await collectPieces(linePieces(Readable.from([Buffer.from(rewritten, 'latin1')]), 'test', 100_000));
      expect(pieces.length).toBeGreaterThan(10);
      const inPieces = pieces.flatMap((p) => report.parse(p, ctx).points);
      expectSamePoints(inPieces, whole);
    }
  });

  test('line ends are counted as the reader cuts lines: CRLF, LF and a lone CR each end one', () => {
    expect(lineEnds(Buffer.from('a,b\r\n1,2\r3,4\n5,6'))).toBe(3);
    expect(lineEnds(Buffer.from('\r\n\r\n\n\r'))).toBe(4);
  });

  test('a stream cut in the middle of its last line leaves the last piece without a line end, which the parser refuses', async () => {
    const bytes = readFileSync(sharedPath(JEPX));
    const pieces = await collectPieces(linePieces(Readable.from([bytes.subarray(0, bytes.length - 3)]), 'test', 100_000));
    const report = reportById(jepxConnector, 'jepx.spot_summary');
    const last = pieces[pieces.length - 1];
    expect(() => report.parse(last, { market: jepxConnector.market, source: 'cut.csv' })).toThrow(
      /^cut\.csv: the file stops in the middle of line \d+/,
    );
  });
});

describeShared(CAISO)('importing the 32 MB CAISO zip streams it', () => {
  jest.setTimeout(60_000);

  test('the streamed import stores the very rows the whole-file path stores', async () => {
    const streamed = createApp({ env: cleanEnv(), config: { offline: true } });
    const whole = createApp({ env: cleanEnv(), config: { offline: true } });
    try {
      const outcome = await streamed.importFile(sharedPath(CAISO));
      expect(outcome).toMatchObject({ market: 'CAISO', reports: ['caiso.prc_lmp'], points: 162_848, days: ['2020-01-01', '2020-01-02'] });
      await whole.importBytes('whole.zip', readFileSync(sharedPath(CAISO)));
      const a = digest(streamed);
      expect(a.rows).toBe(162_848);
      expect(a).toEqual(digest(whole));
      const count = (app: App) => withDb(app.config.dbPath, (db) => db.prepare('SELECT COUNT(*) AS n FROM coverage').get());
      expect(count(streamed)).toEqual(count(whole));
    } finally {
      await streamed.close();
      await whole.close();
    }
  });

  test('a parsing thread started before the import, as gridcell import starts one, parses it', async () => {
    startParsingThread();
    expect(parsingThreadWaiting()).toBe(true);
    const app = createApp({ env: cleanEnv(), config: { offline: true } });
    try {
      expect(await app.importFile(sharedPath(CAISO))).toMatchObject({ points: 162_848, days: ['2020-01-01', '2020-01-02'] });
      // The import took the waiting thread (one not taken would still be waiting).
      expect(parsingThreadWaiting()).toBe(false);
      // The file's first row: AFPR_1_TOT_GEN-APND, LMP, 2020-01-02T05:00Z, 34.04259.
      const row = withDb(app.config.dbPath, (db) =>
        db
          .prepare(
            "SELECT p.value FROM point_values p JOIN series s ON s.id = p.series_id WHERE s.location = 'AFPR_1_TOT_GEN-APND' AND s.product = 'LMP' AND p.start = ?",
          )
          .get(Date.parse('2020-01-02T05:00:00Z') / 1000),
      );
      expect(row).toEqual({ value: 34.04259 });
    } finally {
      await app.close();
    }
  });

  test('the same CSV as a bare file is streamed from the file itself and stores the same rows', async () => {
    const fromZip = createApp({ env: cleanEnv(), config: { offline: true } });
    const fromCsv = createApp({ env: cleanEnv(), config: { offline: true } });
    try {
      const [member] = new AdmZip(sharedPath(CAISO)).getEntries();
      const csv = join(dirname(fromCsv.config.dbPath), member.entryName);
      writeFileSync(csv, member.getData());
      expect((await fromCsv.importFile(csv)).points).toBe(162_848);
      await fromZip.importFile(sharedPath(CAISO));
      expect(digest(fromCsv)).toEqual(digest(fromZip));
    } finally {
      await fromZip.close();
      await fromCsv.close();
    }
  });

  test('a stream that comes as one chunk larger than any line limit (a stored zip member) is cut all the same', async () => {
    const [member] = new AdmZip(sharedPath(CAISO)).getEntries();
    const bytes = member.getData();
    const pieces = await collectPieces(linePieces(Readable.from([bytes]), 'member.csv'));
    const header = bytes.subarray(0, bytes.indexOf(0x0a) + 1);
    expect(pieces.length).toBeGreaterThan(30); // 32 MB in pieces of about 1 MiB
    expect(Buffer.concat([pieces[0], ...pieces.slice(1).map((p) => p.subarray(header.length))]).equals(bytes)).toBe(true);
  });

  test('an endless line is refused before it fills memory', async () => {
    const endless = (async function* () {
      for (let i = 0; i < 40; i++) yield Buffer.alloc(1024 * 1024, 0x41);
    })();
    await expect(collect(linePieces(endless, 'endless.csv'))).rejects.toThrow(
      'endless.csv: a line is longer than 16 MiB; this is not a CSV file',
    );
  });

  test('a zip damaged in the middle of its CSV stores nothing', async () => {
    const app = createApp({ env: cleanEnv(), config: { offline: true } });
    try {
      const bytes = Buffer.from(readFileSync(sharedPath(CAISO)));
      bytes.fill(0x55, 600_000, 600_400); // inside the deflate stream; the zip's directory stays readable
      const damaged = join(dirname(app.config.dbPath), 'damaged.zip');
      writeFileSync(damaged, bytes);
      await expect(app.importFile(damaged)).rejects.toMatchObject({ name: expect.stringMatching(/GridError|ParseError/) });
      for (const table of ['points', 'series', 'coverage', 'locations'])
        expect(withDb(app.config.dbPath, (db) => db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get())).toEqual({ n: 0 });
    } finally {
      await app.close();
    }
  });
});

describeShared(CAISO)('a streamed file is parsed on a worker thread while the import writes', () => {
  jest.setTimeout(60_000);

  // Every piece is read and parsed on the worker; this thread only writes.
  test.each([
    ['near the start', 5],
    ['near the end', -100],
  ])('a bad cell %s of the file stops the import with its line, and nothing is stored', async (_where, line) => {
    const app = createApp({ env: cleanEnv(), config: { offline: true } });
    try {
      const zip = new AdmZip(sharedPath(CAISO));
      const [member] = zip.getEntries();
      const lines = member.getData().toString('utf8').split('\n');
      const at = line < 0 ? lines.length + line : line;
      const cells = lines[at].split(',');
      cells[14] = 'n/a';
      lines[at] = cells.join(',');
      zip.updateFile(member.entryName, Buffer.from(lines.join('\n')));
      const bad = join(dirname(app.config.dbPath), 'bad-cell.zip');
      zip.writeZip(bad);
      await expect(app.importFile(bad)).rejects.toMatchObject({
        code: 'PARSE',
        message: expect.stringMatching(new RegExp(`^bad-cell\\.zip: .*line ${at + 1}\\b.*n/a`)),
      });
      for (const table of ['points', 'series', 'coverage', 'locations'])
        expect(withDb(app.config.dbPath, (db) => db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get())).toEqual({ n: 0 });
      // The store is free again: the whole file imports after the failed one.
      expect((await app.importFile(sharedPath(CAISO))).points).toBe(162_848);
    } finally {
      await app.close();
    }
  });
});

describeShared([CAISO, JEPX, SMALL_ZIP])('which imports start their parsing thread ahead', () => {
  test('a file over the streaming threshold, or a zip whose CSV member is; not a small file or member, nor one that cannot be read', () => {
    expect(mayStream(sharedPath(CAISO))).toBe(true); // a 1.3 MB zip of a 32 MB CSV
    expect(mayStream(sharedPath(SMALL_ZIP))).toBe(false); // a 1.5 kB zip of a 21 kB CSV
    expect(mayStream(sharedPath(JEPX))).toBe(false); // a 1.5 MB CSV
    expect(mayStream(join(dirname(sharedPath(JEPX)), 'no-such-file.csv'))).toBe(false);
    const large = join(cleanEnv().GRIDCELL_HOME!, 'large.csv');
    writeFileSync(large, Buffer.alloc(8 * 1024 * 1024 + 1, 'a'));
    expect(mayStream(large)).toBe(true);
  });
});

describeShared(CAISO)('a parsing thread that cannot start', () => {
  test('fails the import with its reason instead of leaving it waiting', async () => {
    const caiso = connectors.find((c) => c.market.id === 'CAISO')!;
    const report = { ...caiso.reports.find((r) => r.id === 'caiso.prc_lmp')!, id: 'caiso.not_registered' };
    const zip = readFileSync(sharedPath(CAISO));
    await expect(collect(parsedPieces({ zip }, report, caiso.market, 'member.csv'))).rejects.toThrow(/caiso\.not_registered/);
  });
});
