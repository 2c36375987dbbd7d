/**
 * Files that lie: real downloads from ../shared/fixtures (read in place), damaged the ways files
 * get damaged on the way to a user (cut short, line endings rewritten, a byte changed inside a zip,
 * a row repeated, a zero byte) or made to exhaust a machine (zips of newlines, entries that share
 * their bytes or lie about their size, a workbook row numbered past Excel's last). Each is refused
 * through `gridcell import`'s own path (the App's importBytes/importFile) with a message naming the
 * file and the fault, and the cache keeps exactly what an earlier good import stored. Values are
 * never taken from the code under test: a damaged file is made from the real one in the test.
 */
import AdmZip from 'adm-zip';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import { connectors } from '../../backend/connectors/registry';
import type { ParsedPoint } from '../../backend/domain';
import { cleanEnv, tempDbPath } from '../support/app';
import { withDb } from '../support/db';
import { craftedZip, deflated, describeShared, readOwn, readShared } from '../support/fixtures';
import { runGridcell } from './helpers';

/** Every stored row (series key, interval, value) in key order: what "the cache is unchanged" compares. */
function storedRows(app: App): unknown[][] {
  const sql =
    'SELECT s.market, s.location, s.run, s.product, p.start, p.duration, p.value FROM point_values p JOIN series s ON s.id = p.series_id ORDER BY 1, 2, 3, 4, 5';
  return withDb(app.config.dbPath, (db) => db.prepare(sql).raw().all() as unknown[][]);
}

function offlineApp(): App {
  return createApp({ env: cleanEnv(), config: { dbPath: tempDbPath(), offline: true } });
}

function tempPath(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'gridcell-files-')), name);
}

/** The bytes as one latin1 string: every byte one char, so a file's own encoding (Shift_JIS) survives editing. */
const textOf = (bytes: Buffer) => bytes.toString('latin1');
const bytesOf = (text: string) => Buffer.from(text, 'latin1');

/** Lines with their own line ends kept (`\r\n`, `\n`). */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Index of the last line holding anything but its line end. */
function lastDataLine(lines: string[]): number {
  let i = lines.length - 1;
  while (i > 0 && lines[i].trim() === '') i--;
  return i;
}

/** A data line from the last third of the file, with as many cells as the rows around it. */
function middleDataLine(lines: string[]): number {
  const last = lastDataLine(lines);
  const i = Math.floor((last * 2) / 3);
  return i > 0 && i < last ? i : last;
}

const lineEnd = (line: string) => /\r?\n$/.exec(line)?.[0] ?? '';

/** The file as a download interrupted in the middle of the last value of its last data line. */
function cutInLastValue(bytes: Buffer): Buffer {
  const lines = linesOf(textOf(bytes));
  const last = lastDataLine(lines);
  const line = lines[last].replace(/[\s,]+$/, ''); // a trailing comma (ECB) closes no value
  const value = line.length - line.lastIndexOf(',') - 1;
  return bytesOf(lines.slice(0, last).join('') + line.slice(0, line.length - Math.ceil(value / 2)));
}

/** The file with one data line in its middle cut at a cell boundary halfway along (its tail lost, its line end kept). */
function shortMiddleRow(bytes: Buffer): { bytes: Buffer; line: number } {
  const lines = linesOf(textOf(bytes));
  const i = middleDataLine(lines);
  const commas = [...lines[i].matchAll(/,/g)].map((m) => m.index);
  lines[i] = lines[i].slice(0, commas[Math.floor(commas.length / 2)]) + lineEnd(lines[i]);
  return { bytes: bytesOf(lines.join('')), line: i + 1 };
}

/** The file with one data line in its middle written twice. */
function repeatedRow(bytes: Buffer): { bytes: Buffer; line: number } {
  const lines = linesOf(textOf(bytes));
  const i = middleDataLine(lines);
  lines.splice(i + 1, 0, lines[i]);
  return { bytes: bytesOf(lines.join('')), line: i + 1 };
}

/** Line ends rewritten line by line: the first `keep` lines as they are, then LF, with every 7th line ending in a lone CR. */
function mixedLineEnds(bytes: Buffer, keep: number): Buffer {
  const lines = linesOf(textOf(bytes));
  return bytesOf(
    lines
      .map((l, i) => {
        if (i < keep || !l.endsWith('\n')) return l;
        const body = l.replace(/\r?\n$/, '');
        return body + (i % 7 === 0 ? '\r' : '\n');
      })
      .join(''),
  );
}

/** The real CSV reports gridcell imports, one real file each (../shared/fixtures, see SOURCES*.md). */
const CSV_REPORTS = [
  { report: 'pjm.dataminer_csv', file: 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv' },
  { report: 'miso.rt_lmp_final', file: 'miso/20260926_rt_lmp_final.csv' },
  { report: 'nyiso.damlbmp', file: 'nyiso/20260923damlbmp_zone.csv' },
  { report: 'spp.da_lmp_sl', file: 'spp/DA-LMP-SL-202609230100_reduced.csv' },
  { report: 'caiso.prc_rtpd_lmp', file: 'caiso/20230917_20230919_PRC_RTPD_LMP_RTPD_20230921_11_49_39_v2.csv' },
  {
    report: 'ercot.sced_lmp',
    file: 'ercot/cdr.00012300.0000000000000000.20260625.004020.LMPSROSNODENP6788_20260625_004018_subset59rows.csv',
  },
  { report: 'aeso.historical_pool_price_csv', file: 'aeso/HistoricalPoolPriceReportServlet_2022.csv' },
  { report: 'ieso.hoep_year', file: 'ieso/PUB_PriceHOEPPredispOR_2023.csv' },
  { report: 'jepx.spot_summary', file: 'jepx/spot_summary_2026_FY2026_to_2026-04-19.csv' },
  { report: 'fx.ecb_hist', file: 'ecb/eurofxref_2026-04-13.csv' },
];

describe.each(CSV_REPORTS)('$report, real file $file', ({ report, file }) => {
  describeShared(file)('damaged copies are refused and change nothing stored', () => {
    const name = basename(file);
    const good = readShared(file);
    let app: App;
    let before: unknown[][];

    beforeAll(async () => {
      app = offlineApp();
      expect((await app.importBytes(name, good)).reports).toEqual([report]);
      before = storedRows(app);
      expect(before.length).toBeGreaterThan(0);
    });
    afterAll(() => app.close());

    const refused = async (bytes: Buffer, reason: RegExp) => {
      await expect(app.importBytes(name, bytes)).rejects.toThrow(reason);
      expect(storedRows(app)).toEqual(before);
    };

    test('cut in the middle of its last data line (an interrupted download)', () => {
      const cut = cutInLastValue(good);
      expect(cut.length).toBeLessThan(good.length);
      return refused(cut, new RegExp(`^${name.replace(/\./g, '\\.')}: .*(cut short|truncated)`));
    });

    test('a middle line that lost its tail (a short row)', () => {
      const { bytes, line } = shortMiddleRow(good);
      return refused(bytes, new RegExp(`line ${line} has \\d+ (cells where the header has|of the) .*cut short`));
    });

    test('a data line written twice: refused naming both lines', () => {
      const { bytes, line } = repeatedRow(good);
      return refused(bytes, new RegExp(`line ${line} and line ${line + 1} both give|line ${line + 1}: a second \\w+ row for`));
    });

    test('a NUL byte in a data line', () => {
      const lines = linesOf(textOf(good));
      const i = middleDataLine(lines);
      lines[i] = lines[i].slice(0, 1) + '\u0000' + lines[i].slice(1);
      return refused(bytesOf(lines.join('')), new RegExp(`line ${i + 1} holds a NUL character`));
    });

    test('a copy with a UTF-8 byte-order mark (as Excel saves a CSV) imports the same values', async () => {
      if (report === 'jepx.spot_summary') return; // Shift_JIS: a UTF-8 mark cannot start it
      const other = offlineApp();
      try {
        expect((await other.importBytes(name, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), good]))).reports).toEqual([report]);
        expect(storedRows(other)).toEqual(before);
      } finally {
        await other.close();
      }
    });
  });
});

describeShared(['aeso/HistoricalPoolPriceReportServlet_2022.csv', 'jepx/spot_summary_2026_FY2026_to_2026-04-19.csv'])(
  'the audit reproductions: a last value cut to a wrong number is never stored',
  () => {
    test('AESO 2022: AIL 9973 cut to 997 (and the report cut at a line end, losing its closing empty line)', async () => {
      const file = 'aeso/HistoricalPoolPriceReportServlet_2022.csv';
      const text = textOf(readShared(file));
      expect(text.endsWith('"12/31/2022 24","67.24","304.81","9973.0"\r\n\r\n')).toBe(true);
      const app = offlineApp();
      try {
        const cut = text.slice(0, text.lastIndexOf('"9973.0"') + '"997'.length);
        await expect(app.importBytes('HistoricalPoolPriceReportServlet_2022.csv', bytesOf(cut))).rejects.toThrow(
          /^HistoricalPoolPriceReportServlet_2022\.csv: the report does not end with the empty line the ETS servlet writes after its last hour, so it was cut short/,
        );
        const atLineEnd = text.slice(0, text.lastIndexOf('"12/31/2022 24"'));
        await expect(app.importBytes('HistoricalPoolPriceReportServlet_2022.csv', bytesOf(atLineEnd))).rejects.toThrow(/cut short/);
        expect(storedRows(app)).toEqual([]);
      } finally {
        await app.close();
      }
    });

    test('JEPX FY2026: the last block volume 330100 cut to 33010', async () => {
      const file = 'jepx/spot_summary_2026_FY2026_to_2026-04-19.csv';
      const text = textOf(readShared(file));
      expect(text.endsWith(',592300,330100\r\n')).toBe(true);
      const lastLine = text.split('\r\n').length - 1; // every line ends with CRLF
      const app = offlineApp();
      try {
        await expect(app.importBytes(basename(file), bytesOf(text.slice(0, text.length - '0\r\n'.length)))).rejects.toThrow(
          `spot_summary_2026_FY2026_to_2026-04-19.csv: the file stops in the middle of line ${lastLine} (its last line has no line break), so it was cut short; download it again`,
        );
        expect(storedRows(app)).toEqual([]);
      } finally {
        await app.close();
      }
    });
  },
);

const CAISO_SMALL = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
const CAISO_BIG = 'caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip';

/** A zip of one member, in the real zip's name, holding `content` (deflated). */
function zipOf(name: string, content: Buffer): Buffer {
  const zip = new AdmZip();
  zip.addFile(name, content);
  return zip.toBuffer();
}

/** The only member of a zip, read with adm-zip (not the code under test). */
function onlyMember(zip: Buffer): { name: string; data: Buffer; crc: number } {
  const [entry] = new AdmZip(zip).getEntries();
  return { name: entry.entryName, data: entry.getData(), crc: entry.header.crc };
}

/**
 * The real one-member zip with `from` changed to `to` (same length) inside its member, the member
 * deflated again and its headers keeping the original CRC-32 and size: what a byte changed in
 * transfer or on disk looks like once it inflates without error.
 */
function changedInside(zip: Buffer, from: string, to: string): Buffer {
  const { name, data, crc } = onlyMember(zip);
  const text = textOf(data);
  expect(text.includes(from)).toBe(true);
  const out = zipOf(name, bytesOf(text.replace(from, to)));
  out.writeUInt32LE(crc >>> 0, 14); // the local header's CRC-32
  out.writeUInt32LE(crc >>> 0, out.lastIndexOf(Buffer.from('PK\u0001\u0002', 'latin1')) + 16); // the central directory's
  return out;
}

describeShared(CAISO_SMALL)('a zip member whose bytes changed but whose header did not (CRC-32)', () => {
  test('146.86395 read as 946.86395 is refused, and the good import stays', async () => {
    const app = offlineApp();
    try {
      const good = readShared(CAISO_SMALL);
      await app.importBytes('good.zip', good);
      const before = storedRows(app);
      expect(before.some((r) => r[6] === 146.86395)).toBe(true);
      const changed = changedInside(good, ',146.86395,', ',946.86395,');
      // adm-zip checks the CRC-32 of what it inflates: the changed member is inflated by hand.
      expect(inflateRawSync(new AdmZip(changed).getEntries()[0].getCompressedData()).length).toBe(onlyMember(good).data.length);
      await expect(app.importBytes('PRC_LMP_DAM.zip', changed)).rejects.toThrow(
        /^PRC_LMP_DAM\.zip: zip entry 20230101_20230102_PRC_LMP_DAM_20260207_13_11_05_v12\.csv fails its CRC-32 check; the archive is damaged, download it again$/,
      );
      expect(storedRows(app)).toEqual(before);
    } finally {
      await app.close();
    }
  });
});

describeShared(CAISO_BIG)('a large member streamed into the cache is checked too', () => {
  jest.setTimeout(90_000);
  const app = offlineApp();
  afterAll(() => app.close());

  test('one digit changed in the 32 MB CSV of the all-APNodes zip: refused at the end of the stream, nothing stored', async () => {
    const { name, data } = onlyMember(readShared(CAISO_BIG));
    const lines = linesOf(textOf(data));
    const row = lines[Math.floor(lines.length / 2)]; // a row in the middle of the file
    const cells = row.split(',');
    const mw = cells.indexOf('ALL_APNODES') + 2; // GRP_TYPE, POS, then the MW price
    cells[mw] = cells[mw].replace(/\d/, (d) => (d === '7' ? '8' : '7'));
    const file = tempPath('PRC_LMP_DAM_20200101_v1_ALL_APNODES.zip');
    writeFileSync(file, changedInside(readShared(CAISO_BIG), row, cells.join(',')));
    await expect(app.importFile(file)).rejects.toThrow(new RegExp(`${name.replace(/\./g, '\\.')} fails its CRC-32 check`));
    expect(storedRows(app)).toEqual([]);
  });

  test('cut in the middle of its last line: the streamed CSV is refused, nothing stored', async () => {
    const { name, data } = onlyMember(readShared(CAISO_BIG));
    const file = tempPath('PRC_LMP_DAM_20200101_v1_ALL_APNODES_cut.zip');
    writeFileSync(file, zipOf(name, cutInLastValue(data)));
    await expect(app.importFile(file)).rejects.toThrow(
      /stops in the middle of line \d+ \(its last line has no line break\), so it was cut short/,
    );
    expect(storedRows(app)).toEqual([]);
  });
});

// Written from documentation: no real NEM archive (zip of zips) was found; see test/fixtures/nem/README.md.
const NEM_DAILY = 'nem/PUBLIC_TRADINGIS_20200405.zip';

test('a zip inside a NEM archive whose CSV changed under its CRC-32 is refused, naming the inner zip', async () => {
  const outer = new AdmZip(readOwn(NEM_DAILY));
  const [inner] = outer.getEntries();
  const csvText = textOf(onlyMember(inner.getData()).data);
  const value = /\n(D,TRADING,PRICE,[^\r\n]*?,)(\d)/.exec(csvText)!;
  const from = value[1] + value[2];
  outer.updateFile(inner.entryName, changedInside(inner.getData(), from, value[1] + (value[2] === '7' ? '8' : '7')));
  const app = offlineApp();
  try {
    await expect(app.importBytes('PUBLIC_TRADINGIS_20200405.zip', outer.toBuffer())).rejects.toThrow(
      new RegExp(`PUBLIC_TRADINGIS_20200405\\.zip/${inner.entryName.replace(/\./g, '\\.')}: zip entry \\S+ fails its CRC-32 check`),
    );
    expect(storedRows(app)).toEqual([]);
  } finally {
    await app.close();
  }
});

describe('line endings rewritten line by line (CRLF, LF and a lone CR mixed) read the same as the real file', () => {
  const parse = (reportId: string, bytes: Buffer): ParsedPoint[] => {
    const connector = connectors.find((c) => c.reports.some((r) => r.id === reportId))!;
    return connector.reports.find((r) => r.id === reportId)!.parse(bytes, { market: connector.market, source: reportId }).points;
  };

  describeShared('nem/PUBLIC_TRADINGIS_202308301800_0000000395916754.zip')('AEMO TradingIS', () => {
    test('header rows kept with CRLF, data rows rewritten with LF and CR: no longer "truncated"', () => {
      const csv = onlyMember(readShared('nem/PUBLIC_TRADINGIS_202308301800_0000000395916754.zip')).data;
      const keep = linesOf(textOf(csv)).findIndex((l) => l.startsWith('D,'));
      const mixed = mixedLineEnds(csv, keep);
      expect(textOf(mixed)).toMatch(/\r\nD,[^\n]*\nD,/);
      const points = parse('nem.tradingis', csv);
      expect(points.length).toBe(45);
      expect(parse('nem.tradingis', mixed)).toEqual(points);
    });
  });

  describe.each([
    { report: 'pjm.dataminer_csv', file: 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv', points: 2304 },
    { report: 'jepx.spot_summary', file: 'jepx/spot_summary_2026_FY2026_to_2026-04-19.csv', points: 15504 },
  ])('$report, real file $file', ({ report, file, points }) => {
    describeShared(file)('rewritten', () => {
      test('header with CRLF, rows with LF and CR', () => {
        const csv = readShared(file);
        const parsed = parse(report, csv);
        expect(parsed.length).toBe(points);
        expect(parse(report, mixedLineEnds(csv, 1))).toEqual(parsed);
      });
    });
  });
});

/** The first two lines of a real file (its header and first row), with LF line ends. */
function headerAndRow(bytes: Buffer): string {
  return linesOf(textOf(bytes))
    .slice(0, 2)
    .map((l) => l.replace(/\r?\n$/, '\n'))
    .join('');
}

describeShared([CAISO_SMALL, 'nyiso/20260923damlbmp_zone.csv'])('small files made to exhaust the machine are refused quickly', () => {
  jest.setTimeout(120_000);
  const MB = 1024 * 1024;
  const env = cleanEnv();

  async function refusedByCli(name: string, zip: Buffer, reason: RegExp): Promise<void> {
    const file = tempPath(name);
    writeFileSync(file, zip);
    const r = await runGridcell(env, ['import', file], 60_000);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr).toMatch(/nothing from it was stored/);
    expect(r.code).toBe(1);
  }

  test('a zip of 300 MB of newlines after a real OASIS header and row (streamed)', async () => {
    const { name, data } = onlyMember(readShared(CAISO_SMALL));
    const bomb = await deflated(headerAndRow(data), 300 * MB, 0x0a);
    const zip = craftedZip([name], bomb.data, 300 * MB, bomb.crc);
    expect(zip.length).toBeLessThan(400 * 1024);
    await refusedByCli('oasis_newlines.zip', zip, /more than 1000 of its first \d+ lines are blank; this is not a report/);
  });

  test('a NYISO zip whose one member is a real header and row, then 300 MB of newlines (read whole)', async () => {
    const bomb = await deflated(headerAndRow(readShared('nyiso/20260923damlbmp_zone.csv')), 300 * MB, 0x0a);
    const zip = craftedZip(['20260901damlbmp_zone.csv'], bomb.data, 300 * MB, bomb.crc);
    await refusedByCli('20260901damlbmp_zone_csv.zip', zip, /more than 1000 of its first \d+ lines are blank; this is not a report/);
  });

  test('2,000 directory entries pointing at one 8 MB member', async () => {
    const { name, data } = onlyMember(readShared(CAISO_SMALL));
    const member = await deflated(headerAndRow(data), 8 * MB, 0x0a);
    const names = Array.from({ length: 2000 }, (_, i) => name.replace('.csv', `_${i}.csv`));
    const zip = craftedZip(names, member.data, 8 * MB, member.crc);
    const app = offlineApp();
    try {
      const t0 = performance.now();
      await expect(app.importBytes('overlapping.zip', zip)).rejects.toThrow(
        /^overlapping\.zip: zip entries \S+ and \S+ share their bytes; no archiver writes that \(it is a zip bomb or a damaged file\), so it is refused$/,
      );
      expect(performance.now() - t0).toBeLessThan(2000);
    } finally {
      await app.close();
    }
  });

  test('an entry whose header says 345 bytes but which inflates to 400 MB is stopped at 345', async () => {
    const { name, data } = onlyMember(readShared(CAISO_SMALL));
    const bomb = await deflated(headerAndRow(data), 400 * MB, 0x0a);
    const zip = craftedZip([name], bomb.data, 345, bomb.crc);
    const app = offlineApp();
    try {
      const t0 = performance.now();
      await expect(app.importBytes('liar.zip', zip)).rejects.toThrow(
        new RegExp(`^liar\\.zip: zip entry ${name.replace(/\./g, '\\.')} inflates past the 345 bytes its header declares`),
      );
      expect(performance.now() - t0).toBeLessThan(2000);
    } finally {
      await app.close();
    }
  });
});

const EEX = 'euets/emission-spot-primary-market-auction-report-2024-data.xlsx';

describeShared(EEX)('a workbook row numbered past Excel last row', () => {
  test('the real EEX workbook with its last row renumbered 1500000000 is refused without building the rows', async () => {
    const zip = new AdmZip(readShared(EEX));
    const sheet = zip.getEntry('xl/worksheets/sheet1.xml')!;
    const xml = sheet.getData().toString('utf8');
    const last = xml.lastIndexOf('<row r="');
    const number = /^<row r="(\d+)"/.exec(xml.slice(last))![1];
    zip.updateFile(
      sheet.entryName,
      Buffer.from(`${xml.slice(0, last)}<row r="1500000000"${xml.slice(last + `<row r="${number}"`.length)}`),
    );
    const app = offlineApp();
    try {
      const t0 = performance.now();
      await expect(app.importBytes('emission-spot.xlsx', zip.toBuffer())).rejects.toThrow(
        /^emission-spot\.xlsx: row number "1500000000" is not a row after row \d+ within Excel's 1048576 rows; the workbook is damaged$/,
      );
      expect(performance.now() - t0).toBeLessThan(5000);
    } finally {
      await app.close();
    }
  });
});

describe('what gridcell import is given is not a file', () => {
  const app = offlineApp();
  afterAll(() => app.close());

  test('a named pipe is refused at once, not read forever', async () => {
    const fifo = tempPath('prices.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(app.importFile(fifo)).rejects.toThrow(`${fifo} is a named pipe, not a file; save the download to a file and import that.`);
  });

  test('a folder', async () => {
    const folder = tempPath('downloads');
    mkdirSync(folder);
    await expect(app.importFile(folder)).rejects.toThrow(
      `${folder} is a folder, not a file; import the files in it (gridcell import FOLDER/*).`,
    );
  });

  test('a file that is not there', async () => {
    await expect(app.importFile('/nonexistent/prices.csv')).rejects.toThrow('/nonexistent/prices.csv: no such file.');
  });

  // root reads any file: as root, `gridcell import` is run as nobody (setpriv, util-linux) to meet the refusal.
  const asRoot = process.getuid?.() === 0;
  (asRoot && !existsSync('/usr/bin/setpriv') ? test.skip : test)('a file the user may not read', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gridcell-files-'));
    chmodSync(folder, 0o777);
    const file = join(folder, 'prices.csv');
    writeFileSync(file, 'Date,Price\n');
    chmodSync(file, 0o000);
    const message = `${file} cannot be read: permission denied. Check the file's permissions, or copy it somewhere you can read.`;
    if (!asRoot) {
      await expect(app.importFile(file)).rejects.toThrow(message);
      return;
    }
    const env = { ...cleanEnv(), HOME: folder, GRIDCELL_HOME: folder, GRIDCELL_DB: join(folder, 'gridcell.db') };
    const out = execFileSync(
      'sh',
      [
        '-c',
        `/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups "$0" --import tsx backend/cli.ts import "$1" 2>&1; true`,
        process.execPath,
        file,
      ],
      { env, cwd: join(__dirname, '../..'), encoding: 'utf8' },
    );
    expect(out).toContain(`gridcell: ${message.replace(/\.$/, '')}; nothing from it was stored.`);
  });
});

describeShared('nyiso/20260923damlbmp_zone.csv')(
  'NYISO: a member of a monthly zip is whole by its CRC-32, a bare file by its last line break',
  () => {
    test('the real daily file zipped without its final CRLF (as NYISO writes the members of its fuel-mix zips) imports the same values', async () => {
      const file = readShared('nyiso/20260923damlbmp_zone.csv');
      expect(textOf(file).endsWith('\r\n')).toBe(true);
      const bare = offlineApp();
      const zipped = offlineApp();
      try {
        await bare.importBytes('20260923damlbmp_zone.csv', file);
        await zipped.importBytes('20260901damlbmp_zone_csv.zip', zipOf('20260923damlbmp_zone.csv', file.subarray(0, file.length - 2)));
        expect(storedRows(zipped)).toEqual(storedRows(bare));
        await expect(bare.importBytes('20260923damlbmp_zone.csv', file.subarray(0, file.length - 2))).rejects.toThrow(/cut short/);
      } finally {
        await bare.close();
        await zipped.close();
      }
    });
  },
);

describe('a row repeated in the other formats is refused naming both places', () => {
  describeShared('pjm/da_hrl_lmps_zones_2026-06-09_api_complete.json')('PJM Data Miner API answer (JSON)', () => {
    test('an item written twice', async () => {
      const doc = JSON.parse(readShared('pjm/da_hrl_lmps_zones_2026-06-09_api_complete.json').toString('utf8')) as { items: unknown[] };
      doc.items.splice(10, 0, doc.items[9]);
      const app = offlineApp();
      try {
        await expect(app.importBytes('da_hrl_lmps.json', Buffer.from(JSON.stringify(doc)))).rejects.toThrow(
          /^da_hrl_lmps\.json: item 10 and item 11 both give \S+ at 2026-06-09T\d\d:00:00\.000Z; a report has one row for each/,
        );
        expect(storedRows(app)).toEqual([]);
      } finally {
        await app.close();
      }
    });
  });

  describeShared('nem/PUBLIC_TRADINGIS_202308301800_0000000395916754.zip')('AEMO TradingIS (C/I/D)', () => {
    test('a D row written twice, with the END OF REPORT count raised to match', async () => {
      const csv = textOf(onlyMember(readShared('nem/PUBLIC_TRADINGIS_202308301800_0000000395916754.zip')).data);
      const lines = linesOf(csv);
      const row = lines.findIndex((l) => l.startsWith('D,TRADING,PRICE,'));
      lines.splice(row + 1, 0, lines[row]);
      const end = lines.length - 1;
      expect(lines[end]).toBe(`C,"END OF REPORT",${lines.length - 1}\r\n`);
      lines[end] = `C,"END OF REPORT",${lines.length}\r\n`;
      const app = offlineApp();
      try {
        await expect(app.importBytes('PUBLIC_TRADINGIS_202308301800.CSV', bytesOf(lines.join('')), 'nem.tradingis')).rejects.toThrow(
          /^PUBLIC_TRADINGIS_202308301800\.CSV \(TRADING,PRICE\): row 1 and row 2 both give \w+ at 2023-08-30T07:55:00\.000Z/,
        );
        expect(storedRows(app)).toEqual([]);
      } finally {
        await app.close();
      }
    });
  });
});

describeShared('pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv')('a source that repeats rows on purpose keeps its own rule', () => {
  test('PJM: a superseded version (row_is_current False) beside the current row is not a repeat; the current value is kept', async () => {
    const file = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
    const lines = linesOf(textOf(readShared(file)));
    const row = lines[100];
    expect(row).toMatch(/,True,1\r\n$/);
    const cells = row.replace(/\r\n$/, '').split(',');
    const old = [...cells];
    old[9] = '999.5'; // total_lmp_da of the superseded version
    old[12] = 'False';
    lines.splice(100, 0, `${old.join(',')}\r\n`);
    const app = offlineApp();
    try {
      await app.importBytes(basename(file), bytesOf(lines.join('')));
      const stored = storedRows(app);
      expect(stored.some((r) => r[6] === 999.5)).toBe(false);
      expect(stored.some((r) => r[1] === cells[3] && r[3] === 'LMP' && r[6] === Number(cells[9]))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
