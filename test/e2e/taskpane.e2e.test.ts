import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../backend/api/server';
import { createApp } from '../../backend/app/create-app';
import { cleanEnv } from '../support/app';
import { hasShared, sharedPath } from '../support/fixtures';
import { buildAddin, chromiumMissing, DIST, launchChromium, ROOT } from './browser';
import { installExcelStandIn } from './excel-stand-in';

/**
 * The taskpane and the functions bundle in headless Chromium, served by the real server from the
 * real webpack build, with real PJM files imported into a temporary database. Offline: no network.
 */

const SCREENSHOTS = join(ROOT, 'test-output');
const DA_FILE = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const RT_FILE = 'pjm/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
// DATE(2025,7,1) = 45839 in Excel.
const JUL_1_2025 = 45839;

const missing = [chromiumMissing, ...[DA_FILE, RT_FILE].filter((f) => !hasShared(f)).map((f) => `../shared/fixtures/${f}`)].filter(Boolean);
if (missing.length) console.warn(`Skipping the browser end-to-end tests: missing ${missing.join(', ')}.`);
const describeE2e = missing.length ? describe.skip : describe;

/** What functions.js puts on the page for use outside Excel. */
type GridWindow = { gridcell: { functions: Record<'LMP' | 'QUALITY', (...args: unknown[]) => Promise<number[][]>> } };

/** WESTERN HUB's hourly values for 7/1/2025, read from the Data Miner file in row order. */
function westernHubDay(file: string, valueColumn: string): number[] {
  const [header, ...lines] = readFileSync(sharedPath(file), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const [ept, name, value] = ['datetime_beginning_ept', 'pnode_name', valueColumn].map((c) => columns.indexOf(c));
  return lines
    .map((l) => l.split(','))
    .filter((cells) => cells[name] === 'WESTERN HUB' && cells[ept].startsWith('7/1/2025 '))
    .map((cells) => Number(cells[value]));
}

describeE2e('the add-in in a real browser', () => {
  let workDir: string;
  let server: RunningServer;
  let browser: Browser;
  const batchPosts: string[] = [];

  beforeAll(async () => {
    buildAddin();
    workDir = mkdtempSync(join(tmpdir(), 'gridcell-e2e-'));
    const dbPath = join(workDir, 'gridcell.db');
    const app = createApp({ env: cleanEnv(), config: { dbPath, offline: true } });
    for (const file of [DA_FILE, RT_FILE]) await app.importFile(sharedPath(file));
    server = await startServer(app, { port: 0, host: '127.0.0.1', staticDir: DIST });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /**
   * A fresh page of the taskpane, from `from` (the first server unless said), once `ready` shows
   * (the market list unless said); anything not on the server's origin is refused (no network).
   */
  async function openTaskpane(options: {
    excel: boolean;
    width?: number;
    dark?: boolean;
    from?: RunningServer;
    ready?: string;
  }): Promise<Page> {
    const origin = (options.from ?? server).url;
    const context = await browser.newContext({
      viewport: { width: options.width ?? 360, height: 1100 },
      colorScheme: options.dark ? 'dark' : 'light',
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/batch')) batchPosts.push(request.url());
    });
    if (options.excel) await page.addInitScript(installExcelStandIn);
    await page.goto(`${origin}/taskpane.html`);
    await page.waitForSelector(options.ready ?? 'button.market[data-market="PJM"]');
    return page;
  }

  async function choosePjmWesternHub(page: Page): Promise<void> {
    await page.click('button.market[data-market="PJM"]');
    await page.fill('#location-search', 'WESTERN');
    await page.click('button.location[data-location="WESTERN HUB"]');
    await page.fill('#range-start', '2025-07-01');
    await page.fill('#range-end', '2025-07-02');
    await page.click('#show-prices');
    await page.waitForSelector('#stats:not([hidden]) tbody tr');
  }

  it('browses a market, previews DA vs RT with statistics, and inserts a formula and a table into the sheet', async () => {
    const page = await openTaskpane({ excel: true });
    await choosePjmWesternHub(page);
    expect(await page.locator('#chart svg path.line').count()).toBe(2);
    expect(await page.textContent('#progress-text')).toBe('2 / 2 days');
    expect(await page.locator('#stats tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.textContent('#market-details')).toContain('America/New_York');
    // Beside the chart, the quality of the two series it shows: the files hold every hour of both days.
    await page.waitForSelector('#quality:not([hidden]) #quality-table tbody tr');
    const quality = await page.$$eval('#quality-table tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(quality).toEqual([
      ['DA LMP', '48 / 48', '0', '0'],
      [expect.stringMatching(/^RTH? LMP$/), '48 / 48', '0', '0'],
    ]);
    expect(await page.textContent('#quality')).toContain('No gaps, revisions, outliers or values beyond limits.');
    await page.screenshot({ path: join(SCREENSHOTS, 'taskpane-preview.png'), fullPage: true });

    await page.selectOption('#formula-run', 'DA');
    await page.click('#insert-formula');
    await page.waitForFunction(() => /^Inserted =GRID/.test(document.getElementById('status')?.textContent ?? ''));
    await page.click('#insert-table');
    await page.waitForFunction(() => /^Inserted a table/.test(document.getElementById('status')?.textContent ?? ''));
    const calls = await page.evaluate(
      () => (window as unknown as { __excelCalls: { op: string; path: string; value?: unknown; args?: unknown[] }[] }).__excelCalls,
    );

    const formula = calls.find((c) => c.op === 'set' && c.path.endsWith('.formulas'));
    expect(formula?.value).toEqual([['=GRID.LMP("PJM","WESTERN HUB",DATE(2025,7,1),DATE(2025,7,2),"DA")']]);
    const written = calls.find((c) => c.op === 'set' && c.path.endsWith('.values'))?.value as (string | number)[][];
    const da = westernHubDay(DA_FILE, 'total_lmp_da');
    expect(written[0]).toEqual(['Start (America/New_York)', 'DA (USD/MWh)', expect.stringMatching(/^RTH? \(USD\/MWh\)$/)]);
    expect(written).toHaveLength(1 + 48);
    expect(written.slice(1, 25).map((row) => row[1])).toEqual(da);
    expect(written[1][0]).toBeCloseTo(JUL_1_2025, 9);
    expect(calls.some((c) => c.op === 'call' && c.path.endsWith('.tables.add') && c.args?.[1] === true)).toBe(true);
    expect(calls.some((c) => c.op === 'call' && c.path.endsWith('.charts.add') && c.args?.[0] === 'Line')).toBe(true);
    await page.context().close();
  });

  it('outside Excel the sheet buttons copy; readable at 320 px in the dark theme', async () => {
    const page = await openTaskpane({ excel: false, width: 320, dark: true });
    expect(await page.textContent('#insert-formula')).toBe('Copy formula');
    await choosePjmWesternHub(page);
    await page.click('#insert-formula');
    await page.waitForFunction(() => /copied/.test(document.getElementById('status')?.textContent ?? ''));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      /^=GRID\.LMP\("PJM","WESTERN HUB",DATE\(2025,7,1\),DATE\(2025,7,2\)/,
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'taskpane-320px-dark.png'), fullPage: true });
    await page.context().close();
  });

  it('window.gridcell.functions.LMP spills the imported real-time day; errors carry their messages', async () => {
    const page = await openTaskpane({ excel: false });
    const rows = await page.evaluate(
      (serial) => (window as unknown as GridWindow).gridcell.functions.LMP('PJM', 'WESTERN HUB', serial, null, 'RT'),
      JUL_1_2025,
    );
    const rt = westernHubDay(RT_FILE, 'total_lmp_rt');
    expect(rows).toHaveLength(24);
    expect(rows.map((row: number[]) => row[1])).toEqual(rt);
    rows.forEach((row: number[], hour: number) => expect(row[0]).toBeCloseTo(JUL_1_2025 + hour / 24, 9));

    const failures = await page.evaluate(async (serial) => {
      const f = (window as unknown as GridWindow).gridcell.functions;
      const caught = (p: Promise<unknown>) =>
        p.then(
          () => null,
          (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
        );
      return {
        location: await caught(f.LMP('PJM', 'NOWHERE HUB', serial)),
        notCached: await caught(f.LMP('PJM', 'WESTERN HUB', serial + 30, null, 'DA')),
        market: await caught(f.LMP('PJN', 'WESTERN HUB', serial)),
        option: await caught(f.LMP('PJM', 'WESTERN HUB', serial, null, null, null, 'tz=Mars')),
      };
    }, JUL_1_2025);
    expect(failures.location).toEqual({ code: '#N/A', message: expect.stringMatching(/NOWHERE HUB/) });
    expect(failures.notCached).toEqual({ code: '#N/A', message: expect.stringMatching(/2025-07-31/) });
    expect(failures.market).toEqual({ code: '#VALUE!', message: expect.stringMatching(/PJN/) });
    expect(failures.option).toEqual({ code: '#VALUE!', message: expect.stringMatching(/^tz=Mars is not a time zone/) });

    const quality = await page.evaluate(
      (serial) => (window as unknown as GridWindow).gridcell.functions.QUALITY('PJM', 'WESTERN HUB', serial, serial + 1, 'DA'),
      JUL_1_2025,
    );
    expect(quality[0].slice(0, 5)).toEqual(['Location', 'Run', 'Product', 'Expected', 'Present']);
    expect(quality).toContainEqual(['WESTERN HUB', 'DA', 'LMP', 48, 48, 2, 2, 0, 0, 0]);
    await page.context().close();
  });

  it('500 concurrent single-value calls reach the server in a few batch requests, each answered right', async () => {
    const page = await openTaskpane({ excel: false });
    const before = batchPosts.length;
    const values = await page.evaluate(async (serial) => {
      const f = (window as unknown as GridWindow).gridcell.functions;
      const calls = Array.from({ length: 500 }, (_, i) =>
        f.LMP('PJM', 'WESTERN HUB', serial + (i % 24) / 24 + (Math.floor(i / 24) + 1) / 1440, null, 'RT'),
      );
      return (await Promise.all(calls)).map((cells: number[][]) => cells[0][0]);
    }, JUL_1_2025);
    const rt = westernHubDay(RT_FILE, 'total_lmp_rt');
    expect(batchPosts.length - before).toBeLessThanOrEqual(3);
    values.forEach((value: number, i: number) => expect(value).toBe(rt[i % 24]));
    await page.context().close();
  });

  describe('a server started with GRIDCELL_TOKEN', () => {
    const TOKEN = 'e2e-token-7f3a9c21b8d4';
    let guarded: RunningServer;

    beforeAll(async () => {
      const app = createApp({ env: cleanEnv(), config: { dbPath: join(workDir, 'guarded.db'), offline: true } });
      await app.importFile(sharedPath(RT_FILE));
      guarded = await startServer(app, { port: 0, host: '127.0.0.1', staticDir: DIST, token: TOKEN });
    });
    afterAll(() => guarded?.close());

    it('the taskpane says where the token goes; entered once in Settings, every request carries it as Bearer', async () => {
      const page = await openTaskpane({ excel: false, from: guarded, ready: '#markets .error' });
      expect(await page.textContent('#markets .error')).toMatch(
        /needs its access token \(GRIDCELL_TOKEN\): enter it under Settings > Access token/,
      );
      await page.click('#settings-toggle');
      await page.waitForFunction(() => /Access token/.test(document.getElementById('cache-info')?.textContent ?? ''));
      const sent: Promise<Record<string, string>>[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/v1/')) sent.push(request.allHeaders());
      });
      await page.fill('#access-token', TOKEN);
      await page.click('#settings-form button[type="submit"]');
      await page.waitForSelector('button.market[data-market="PJM"]');
      const rows = await page.evaluate(
        (serial) => (window as unknown as GridWindow).gridcell.functions.LMP('PJM', 'WESTERN HUB', serial, null, 'RT'),
        JUL_1_2025,
      );
      expect(rows.map((row: number[]) => row[1])).toEqual(westernHubDay(RT_FILE, 'total_lmp_rt'));
      await page.click('#clear-cache');
      await page.click('#clear-yes');
      await page.waitForFunction(() => /The cache is empty/.test(document.getElementById('status')?.textContent ?? ''));

      const headers = await Promise.all(sent);
      expect(headers.length).toBeGreaterThanOrEqual(4); // markets, health, the formula's batch, the DELETE
      for (const h of headers) expect(h).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-gridcell-client': '1' });
      // Kept for this backend's address only.
      expect(await page.evaluate(() => Object.entries(localStorage))).toContainEqual([`gridcell.accessToken ${guarded.url}`, TOKEN]);
      await page.context().close();
    });
  });
});
