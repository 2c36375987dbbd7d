import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../backend/api/server';
import { cleanEnv } from '../support/app';
import { hasShared, sharedPath } from '../support/fixtures';
import { buildAddin, choose, chosen, chromiumMissing, isDisabled, launchChromium, ROOT, serveAddin, setChecked } from './browser';
import { installExcelStandIn } from './excel-stand-in';

/**
 * The taskpane and the functions bundle in headless Chromium, served by the real server from the
 * real webpack build, with real PJM files imported into a temporary database. Offline: no network.
 */

const SCREENSHOTS = join(ROOT, 'test-output');
const DA_FILE = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const RT_FILE = 'pjm/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
/** ISO-NE's Internal Hub on the 25-hour fall-back day 2025-11-02. */
const FALL_BACK_FILE = 'isone/hourlylmp_da_final_day_20251102_location_4000.json';
/** ERCOT's fuel-mix dashboard: 2025-10-08 whole (288 five-minute intervals) and part of 10-09. */
const FUEL_MIX_FILE = 'ercot/dashboard_fuel-mix_2025-10-09T0646.json';
// DATE(2025,7,1) = 45839 in Excel.
const JUL_1_2025 = 45839;

const missing = [
  chromiumMissing,
  ...[DA_FILE, RT_FILE, FALL_BACK_FILE, FUEL_MIX_FILE].filter((f) => !hasShared(f)).map((f) => `../shared/fixtures/${f}`),
].filter(Boolean);
if (missing.length) console.warn(`Skipping the browser end-to-end tests: missing ${missing.join(', ')}.`);
const describeE2e = missing.length ? describe.skip : describe;

/** What functions.js puts on the page for use outside Excel. */
type GridWindow = { gridcell: { functions: Record<'LMP' | 'QUALITY', (...args: unknown[]) => Promise<number[][]>> } };

/** WESTERN HUB's hourly values for 7/1/2025, read from the Data Miner file in row order. */
function westernHubDay(file: string, valueColumn: string): number[] {
  return hubRows(file, valueColumn, 'WESTERN HUB', '7/1/2025 ');
}

/** A hub's hourly values read from a Data Miner file in row order, of the days whose EPT start begins with `day` ('' for all). */
function hubRows(file: string, valueColumn: string, hub: string, day = ''): number[] {
  const [header, ...lines] = readFileSync(sharedPath(file), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const [ept, name, value] = ['datetime_beginning_ept', 'pnode_name', valueColumn].map((c) => columns.indexOf(c));
  return lines
    .map((l) => l.split(','))
    .filter((cells) => cells[name] === hub && cells[ept].startsWith(day))
    .map((cells) => Number(cells[value]));
}

/** The fall-back day's rows as ISO-NE wrote them. */
function fallBackRows(): { BeginDate: string; LmpTotal: number }[] {
  return JSON.parse(readFileSync(sharedPath(FALL_BACK_FILE), 'utf8')).HourlyLmps.HourlyLmp;
}

/**
 * Injected before the page's scripts: records every text drawn on a canvas with its font, so the
 * test reads what the chart actually wrote on its axes. Self-contained (it is serialized into the page).
 */
function recordCanvasText(): void {
  const drawn: { text: string; font: string }[] = [];
  (window as unknown as Record<string, unknown>).__canvasText = drawn;
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (
    this: CanvasRenderingContext2D,
    text: string,
    x: number,
    y: number,
    max?: number,
  ) {
    drawn.push({ text: String(text), font: this.font });
    return max === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, max);
  };
}

/** The texts drawn on the chart's canvas since the last call, with their font size in CSS pixels. */
async function canvasText(page: Page): Promise<{ text: string; px: number }[]> {
  const drawn = await page.evaluate(() => {
    const list = (window as unknown as { __canvasText: { text: string; font: string }[] }).__canvasText;
    return list.splice(0, list.length);
  });
  // uPlot scales its font by the device pixel ratio (1 here).
  return drawn.map((d) => ({ text: d.text, px: parseFloat(/([\d.]+)px/.exec(d.font)?.[1] ?? '0') }));
}

/**
 * Moves the mouse over the chart at the middle of interval `index` of `count` equal intervals (the
 * time scale spans the first start to the last end) and reads the legend: [label, value] per row.
 */
async function hover(page: Page, index: number, count: number): Promise<string[][]> {
  await page.locator('#chart').scrollIntoViewIfNeeded();
  const box = (await page.locator('#chart .u-over').boundingBox())!;
  await page.mouse.move(box.x + ((index + 0.3) / count) * box.width, box.y + box.height / 2);
  return page.$$eval('#chart .u-legend .u-series', (rows) =>
    rows.map((r) => [r.querySelector('.u-label')?.textContent ?? '', r.querySelector('.u-value')?.textContent ?? '']),
  );
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
    server = await serveAddin(cleanEnv(), dbPath, [DA_FILE, RT_FILE, FALL_BACK_FILE, FUEL_MIX_FILE]);
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
    await page.addInitScript(recordCanvasText);
    await page.goto(`${origin}/taskpane.html`);
    await page.waitForSelector(options.ready ?? 'button.market[data-market="PJM"]');
    return page;
  }

  async function choosePjmWesternHub(page: Page): Promise<void> {
    await page.click('button.market[data-market="PJM"]');
    await page.fill('#location-search input', 'WESTERN');
    await page.click('button.location[data-location="WESTERN HUB"]');
    await page.fill('#range-start', '2025-07-01');
    await page.fill('#range-end', '2025-07-02');
    await page.click('#show-prices');
    await page.waitForSelector('#stats:not([hidden]) tbody tr');
  }

  /** The statistics table as text: [label, ...per run] rows. */
  function statsTable(page: Page): Promise<string[][]> {
    return page.$$eval('#stats tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));
  }

  it("lists a market's datasets and what it does not serve, and draws its fuel mix as stacked areas", async () => {
    const page = await openTaskpane({ excel: false });
    await page.click('button.market[data-market="ERCOT"]');
    const details = (await page.textContent('#market-details')) ?? '';
    expect(details).toMatch(/Fuel mix\s*GEN_COAL, GEN_GAS/);
    expect(details).toMatch(/Ancillary services\s*AS_REG_UP/);
    expect(details).toMatch(/Not available: /);
    await page.fill('#location-search input', 'ERCOT');
    await page.click('button.location[data-location="ERCOT"]');
    await page.fill('#range-start', '2025-10-08');
    await page.fill('#range-end', '2025-10-08');
    await choose(page, '#preview-dataset', 'generation');
    await page.click('#show-prices');
    await page.waitForSelector('#stats:not([hidden]) tbody tr');
    // Eight fuels, each with the file's 288 five-minute values of the day, stacked.
    const day = JSON.parse(readFileSync(sharedPath(FUEL_MIX_FILE), 'utf8')).data['2025-10-08'];
    expect(Object.keys(day)).toHaveLength(288);
    expect(await page.getAttribute('#chart', 'data-points')).toBe(Array(8).fill(288).join(','));
    expect(await page.getAttribute('#chart', 'aria-label')).toMatch(/GAS 288 values.*stacked, values in MW/);
    expect((await canvasText(page)).map((t) => t.text)).toContain('MW');
    // The statistics are of each fuel: the mean of gas over the day, as the file gives it.
    const gas = Object.values(day as Record<string, Record<string, { gen: number }>>).map((v) => v['Natural Gas'].gen);
    const header = await page.$$eval('#stats thead th', (cells) => cells.map((c) => c.textContent));
    const means = (await statsTable(page))[0];
    expect(Number(means[header.indexOf('GAS')])).toBeCloseTo(gas.reduce((a, b) => a + b, 0) / gas.length, 1);
    await page.close();
  });

  it('browses a market, previews DA vs RT with statistics, and inserts a formula and a table into the sheet', async () => {
    const page = await openTaskpane({ excel: true });
    await choosePjmWesternHub(page);
    // uPlot's chart: a value per row of each file, the unit and the market clock on its axes.
    expect(await page.locator('#chart canvas').count()).toBe(1);
    const rows = (file: string, column: string) => hubRows(file, column, 'WESTERN HUB');
    const [daRows, rtRows] = [rows(DA_FILE, 'total_lmp_da'), rows(RT_FILE, 'total_lmp_rt')];
    expect(await page.getAttribute('#chart', 'data-points')).toBe(`${daRows.length},${rtRows.length}`);
    expect(daRows).toHaveLength(48);
    // On the axes: the clock and the unit, day ticks, round prices, all at 11 px or more.
    const texts = await canvasText(page);
    expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(['America/New_York', 'USD/MWh', 'Jul 1', 'Jul 2', '50', '100']));
    for (const t of texts) expect(t.px).toBeGreaterThanOrEqual(11);
    // The legend reads the values under the cursor: hour 14 (EDT) of July 2 is the file's 39th row.
    const legend = await hover(page, 38, 48);
    expect(legend).toEqual([
      ['America/New_York', '2025-07-02 14:00 UTC-4'],
      ['DA', `${daRows[38].toFixed(2)} USD/MWh`],
      [expect.stringMatching(/^RTH?$/), `${rtRows[38].toFixed(2)} USD/MWh`],
    ]);
    // The statistics are of the same hourly values the chart draws.
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const stats = await statsTable(page);
    expect(stats.find((r) => r[0] === 'ATC')?.slice(1)).toEqual([mean(daRows).toFixed(2), mean(rtRows).toFixed(2)]);
    expect(stats.find((r) => r[0] === 'Max')?.slice(1)).toEqual([Math.max(...daRows).toFixed(2), Math.max(...rtRows).toFixed(2)]);
    expect(await page.textContent('#stats caption')).toBe('Statistics of the intervals charted (USD/MWh)');
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

    await choose(page, '#formula-run', 'DA');
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
    // Formatted as a formula's cells are: the interval start as a date-time, the runs as prices.
    const formats = calls.find((c) => c.op === 'set' && c.path.endsWith('.numberFormat'))?.value as string[][];
    expect(formats[0]).toEqual(['General', 'General', 'General']);
    expect(new Set(formats.slice(1).map((row) => row.join('|')))).toEqual(new Set(['yyyy-mm-dd hh:mm|#,##0.00####|#,##0.00####']));
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

  it('charts the 25-hour fall-back day on the market clock, its repeated hour told apart', async () => {
    const page = await openTaskpane({ excel: false, width: 450 });
    await page.click('button.market[data-market="ISONE"]');
    await page.fill('#location-search input', 'INTERNAL');
    await page.click('button.location[data-location=".H.INTERNAL_HUB"]');
    await page.fill('#range-start', '2025-11-02');
    await page.fill('#range-end', '2025-11-02');
    await page.click('#show-prices');
    await page.waitForSelector('#stats:not([hidden]) tbody tr');
    const rows = fallBackRows();
    expect(rows).toHaveLength(25);
    // Only the day-ahead file was imported: one line of 25 values; why there is no real-time line is said under it.
    expect(await page.getAttribute('#chart', 'data-points')).toBe('25');
    expect(await page.textContent('#chart .chart-note')).toMatch(/RTH? LMP for 2025-11-02 is not in the cache/);
    // Hour ticks of the market clock: 25 hours from midnight to midnight, the date under midnight.
    const texts = (await canvasText(page)).map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['America/New_York', 'USD/MWh', '00:00', 'Nov 2', '12:00', 'Nov 3']));
    // The two 01:00 are rows 2 and 3 of the file (-04:00, then -05:00).
    expect(rows[1].BeginDate).toMatch(/^2025-11-02T01:00:00\.000-04:00$/);
    expect(rows[2].BeginDate).toMatch(/^2025-11-02T01:00:00\.000-05:00$/);
    expect(await hover(page, 1, 25)).toEqual([
      ['America/New_York', '2025-11-02 01:00 UTC-4'],
      ['DA', `${rows[1].LmpTotal.toFixed(2)} USD/MWh`],
    ]);
    expect(await hover(page, 2, 25)).toEqual([
      ['America/New_York', '2025-11-02 01:00 UTC-5'],
      ['DA', `${rows[2].LmpTotal.toFixed(2)} USD/MWh`],
    ]);
    expect(await hover(page, 24, 25)).toEqual([
      ['America/New_York', '2025-11-02 23:00 UTC-5'],
      ['DA', `${rows[24].LmpTotal.toFixed(2)} USD/MWh`],
    ]);
    const mean = rows.reduce((sum, r) => sum + r.LmpTotal, 0) / rows.length;
    expect((await statsTable(page)).find((r) => r[0] === 'ATC')).toEqual(['ATC', mean.toFixed(2)]);
    await page.screenshot({ path: join(SCREENSHOTS, 'chart-fall-back-450px.png'), fullPage: true });
    await page.context().close();
  });

  it('an answer that comes after another location was picked is dropped', async () => {
    const page = await openTaskpane({ excel: false });
    // WESTERN HUB's prices are held back until EASTERN HUB, picked after it, is on screen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const heldRequests: string[] = [];
    const holding = new Set(['WESTERN HUB']);
    await page.route(
      (url) => url.pathname.endsWith('/api/v1/series') && holding.has(url.searchParams.get('location') ?? ''),
      async (route) => {
        heldRequests.push(route.request().url());
        await held;
        await route.continue().catch(() => undefined);
      },
    );
    await page.click('button.market[data-market="PJM"]');
    await page.fill('#range-start', '2025-07-01');
    await page.fill('#range-end', '2025-07-02');
    await page.fill('#location-search input', 'HUB');
    await page.click('button.location[data-location="WESTERN HUB"]');
    await page.waitForFunction(() => /Loading PJM WESTERN HUB/.test(document.getElementById('chart')?.textContent ?? ''));
    expect(heldRequests.length).toBeGreaterThan(0);
    await page.click('button.location[data-location="EASTERN HUB"]');
    await page.waitForSelector('#stats:not([hidden]) tbody tr');
    release();
    // Give the held answers time to arrive (and be dropped).
    await page.waitForTimeout(500);
    const da = hubRows(DA_FILE, 'total_lmp_da', 'EASTERN HUB');
    const mean = da.reduce((a, b) => a + b, 0) / da.length;
    expect((await statsTable(page)).find((r) => r[0] === 'ATC')?.[1]).toBe(mean.toFixed(2));
    const legend = await hover(page, 5, 48);
    expect(legend[1]).toEqual(['DA', `${da[5].toFixed(2)} USD/MWh`]);
    expect(await page.textContent('#chosen-location')).toBe('EASTERN HUB');
    expect(await page.textContent('#status')).toBe('PJM EASTERN HUB: 2025-07-01 to 2025-07-02.');

    // A range changed while loading: the old range's answer is dropped too.
    let releaseAgain!: () => void;
    const heldAgain = new Promise<void>((resolve) => (releaseAgain = resolve));
    await page.route(
      (url) => url.pathname.endsWith('/api/v1/series') && url.searchParams.get('location') === 'EASTERN HUB',
      async (route) => {
        await heldAgain;
        await route.continue().catch(() => undefined);
      },
    );
    await page.fill('#range-end', '2025-07-01');
    await page.click('#show-prices');
    await page.waitForFunction(() => /Loading PJM EASTERN HUB/.test(document.getElementById('chart')?.textContent ?? ''));
    await page.fill('#range-end', '2025-07-02');
    await page.dispatchEvent('#range-end', 'change');
    releaseAgain();
    await page.waitForTimeout(500);
    expect(await page.locator('#chart canvas').count()).toBe(0);
    expect(await page.textContent('#chart')).toBe('The range changed: Show to load it.');
    expect(await page.isHidden('#stats')).toBe(true);
    await page.context().close();
  });

  it('the formula builder: a function, its fields, the formula live, inserted at the selection', async () => {
    const page = await openTaskpane({ excel: true });
    await choosePjmWesternHub(page);
    const shown = () => page.$$eval('.field[data-field]:not([hidden])', (fields) => fields.map((f) => (f as HTMLElement).dataset.field));
    expect(await shown()).toEqual(['market', 'location', 'start', 'end', 'run', 'product', 'options']);
    // The fields are Fluent UI web components (defined, drawn in their shadow roots): no native select or text input is left
    // but the secret ones (Fluent's text input copies its value into an attribute of the page).
    const controls = await page.evaluate(() => {
      const kind = (id: string) => {
        const node = document.getElementById(id)!;
        const defined = customElements.get(node.localName) === node.constructor;
        const drawn =
          node.localName === 'fluent-text-input' ? !!node.shadowRoot?.querySelector('input[part="control"]') : !!node.shadowRoot;
        return `${node.localName}${defined ? '' : ' undefined'}${drawn ? '' : ' undrawn'}`;
      };
      return {
        function: kind('formula-function'),
        run: kind('formula-run'),
        endAs: kind('formula-end-as'),
        options: kind('formula-options'),
        period: kind('formula-period'),
        search: kind('location-search'),
        native: [...document.querySelectorAll('select, input:not([type="date"]):not([type="password"])')].map((n) => n.id),
      };
    });
    expect(controls).toEqual({
      function: 'fluent-dropdown',
      run: 'fluent-dropdown',
      endAs: 'fluent-dropdown',
      options: 'fluent-text-input',
      period: 'fluent-text-input',
      search: 'fluent-text-input',
      native: [],
    });
    // The run's options are the market's: its default chosen, shown in the dropdown.
    expect(await chosen(page, '#formula-run')).toBe('DA');
    expect(await page.textContent('#formula-run [slot="control"]')).toMatch(/^\s*DA: /);
    await choose(page, '#formula-function', 'AVG');
    expect(await shown()).toEqual(['market', 'location', 'start', 'end', 'run', 'block', 'stat', 'options']);
    await choose(page, '#formula-block', 'ONPEAK');
    await choose(page, '#formula-run', 'RTH');
    await page.fill('#formula-options input', 'stat=max');
    expect(await page.inputValue('#formula-text')).toBe(
      '=GRID.AVG("PJM","WESTERN HUB",DATE(2025,7,1),DATE(2025,7,2),"ONPEAK","RTH","stat=max")',
    );
    await page.click('#insert-formula');
    await page.waitForFunction(() => /^Inserted =GRID.AVG/.test(document.getElementById('status')?.textContent ?? ''));
    await choose(page, '#formula-function', 'FX');
    expect(await shown()).toEqual(['start', 'from', 'to']);
    await page.fill('#formula-to input', 'jpy');
    expect(await page.inputValue('#formula-text')).toBe('=GRID.FX("USD","JPY",DATE(2025,7,1))');
    await choose(page, '#formula-function', 'MARKETS');
    expect(await page.inputValue('#formula-text')).toBe('=GRID.MARKETS()');
    await page.click('#insert-formula');
    await page.waitForFunction(() => /^Inserted =GRID.MARKETS/.test(document.getElementById('status')?.textContent ?? ''));
    const calls = await page.evaluate(
      () => (window as unknown as { __excelCalls: { op: string; path: string; value?: unknown }[] }).__excelCalls,
    );
    expect(calls.filter((c) => c.op === 'set' && c.path.endsWith('.formulas')).map((c) => c.value)).toEqual([
      [['=GRID.AVG("PJM","WESTERN HUB",DATE(2025,7,1),DATE(2025,7,2),"ONPEAK","RTH","stat=max")']],
      [['=GRID.MARKETS()']],
    ]);
    await page.context().close();
  });

  it('the builder writes STRIP, STATUS, LIVE form and AVG stat, with dates as relative words or periods', async () => {
    const page = await openTaskpane({ excel: true });
    page.setDefaultTimeout(8000);
    await choosePjmWesternHub(page);
    const formula = () => page.inputValue('#formula-text');
    const shown = () => page.$$eval('.field[data-field]:not([hidden])', (fields) => fields.map((f) => (f as HTMLElement).dataset.field));

    // AVG of month to date, on-peak, its maximum: the start a word, the end its whole period.
    await choose(page, '#formula-function', 'AVG');
    await choose(page, '#formula-start-as', 'word');
    expect(await chosen(page, '#formula-end-as')).toBe('none');
    expect(await formula()).toBe('');
    expect(await page.textContent('#formula-start-error')).toMatch(/^Type a word or period: T, T-1, .* CAL-2027\.$/);
    await page.fill('#formula-start-word input', 'yesterday');
    expect(await page.textContent('#formula-start-error')).toMatch(/^"yesterday" is not a date word or period/);
    expect(await page.getAttribute('#formula-start-word', 'aria-invalid')).toBe('true');
    expect(await isDisabled(page, '#insert-formula')).toBe(true);
    await page.fill('#formula-start-word input', 'mtd');
    expect(await page.isHidden('#formula-start-error')).toBe(true);
    await choose(page, '#formula-block', 'ONPEAK');
    await choose(page, '#formula-run', '');
    expect(await formula()).toBe('=GRID.AVG("PJM","WESTERN HUB","MTD",,"ONPEAK")');
    await choose(page, '#formula-stat', 'max');
    expect(await formula()).toBe('=GRID.AVG("PJM","WESTERN HUB","MTD",,"ONPEAK",,"stat=max")');
    // An end as a word too; a picked end stays DATE(y,m,d).
    await choose(page, '#formula-end-as', 'word');
    await page.fill('#formula-end-word input', 't-1');
    expect(await formula()).toBe('=GRID.AVG("PJM","WESTERN HUB","MTD","T-1","ONPEAK",,"stat=max")');
    await choose(page, '#formula-end-as', 'picked');
    expect(await formula()).toBe('=GRID.AVG("PJM","WESTERN HUB","MTD",DATE(2025,7,2),"ONPEAK",,"stat=max")');

    // STRIP: the period follows the range's year until typed; the market's blocks, on- and off-peak ticked.
    await choose(page, '#formula-function', 'STRIP');
    expect(await shown()).toEqual(['market', 'location', 'period', 'blocks', 'run', 'stat', 'by', 'options']);
    const markets = await (await fetch(`${server.url}/api/v1/markets`)).json();
    const pjmBlocks: string[] = markets.markets.find((m: { id: string }) => m.id === 'PJM').blocks;
    expect(
      await page.$$eval('#formula-blocks fluent-checkbox', (boxes) => boxes.map((b) => (b as HTMLElement & { value: string }).value)),
    ).toEqual(pjmBlocks);
    await choose(page, '#formula-stat', '');
    expect(await formula()).toBe('=GRID.STRIP("PJM","WESTERN HUB","CAL-2025","ONPEAK,OFFPEAK")');
    await page.fill('#range-start', '2026-01-01');
    await page.dispatchEvent('#range-start', 'change');
    expect(await formula()).toBe('=GRID.STRIP("PJM","WESTERN HUB","CAL-2026","ONPEAK,OFFPEAK")');
    await page.fill('#formula-period input', 'Q3-2026');
    await choose(page, '#formula-by', '');
    await setChecked(page, '#formula-blocks fluent-checkbox[value="OFFPEAK"]', false);
    await setChecked(page, '#formula-blocks fluent-checkbox[value="7X8"]', true);
    await choose(page, '#formula-stat', 'min');
    expect(await formula()).toBe('=GRID.STRIP("PJM","WESTERN HUB","Q3-2026","ONPEAK,7X8",,"stat=min")');
    await page.fill('#formula-period input', 'Q5-2026');
    expect(await page.textContent('#formula-period-error')).toMatch(/"Q5-2026" is not a period/);
    expect(await formula()).toBe('');
    await page.fill('#formula-period input', 'CAL-2026');
    await choose(page, '#formula-by', 'quarter');
    expect(await formula()).toBe('=GRID.STRIP("PJM","WESTERN HUB","CAL-2026","ONPEAK,7X8",,"stat=min; by=quarter")');
    await page.locator('section[aria-labelledby="actions-title"]').screenshot({ path: join(SCREENSHOTS, 'builder-strip-360px.png') });

    // LIVE's form, STATUS with words.
    await choose(page, '#formula-function', 'LIVE');
    expect(await shown()).toEqual(['market', 'location', 'run', 'product', 'form']);
    await choose(page, '#formula-form', 'time');
    expect(await formula()).toBe('=GRID.LIVE("PJM","WESTERN HUB",,,"time")');
    await choose(page, '#formula-function', 'STATUS');
    expect(await shown()).toEqual(['market', 'location', 'start', 'end', 'run', 'product']);
    await page.fill('#formula-start-word input', 'T-7');
    await choose(page, '#formula-end-as', 'word');
    await page.fill('#formula-end-word input', 'T-1');
    expect(await formula()).toBe('=GRID.STATUS("PJM","WESTERN HUB","T-7","T-1")');
    await page.click('#insert-formula');
    await page.waitForFunction(() => /^Inserted =GRID.STATUS/.test(document.getElementById('status')?.textContent ?? ''));
    const written = await page.evaluate(() =>
      (window as unknown as { __excelCalls: { op: string; path: string; value?: unknown }[] }).__excelCalls
        .filter((c) => c.op === 'set' && c.path.endsWith('.formulas'))
        .map((c) => c.value),
    );
    expect(written).toEqual([[['=GRID.STATUS("PJM","WESTERN HUB","T-7","T-1")']]]);
    await page
      .locator('section[aria-labelledby="actions-title"]')
      .screenshot({ path: join(SCREENSHOTS, 'builder-status-words-360px.png') });
    await page.context().close();
  });

  it(`cells for arguments: "Cell" puts the selection's address into the formula, fixed or relative, on its sheet or another`, async () => {
    const page = await openTaskpane({ excel: true });
    page.setDefaultTimeout(8000);
    await choosePjmWesternHub(page);
    const formula = () => page.inputValue('#formula-text');
    const select = (address: string) =>
      page.evaluate((a) => ((window as unknown as { __excelSelection: string }).__excelSelection = a), address);
    await select('Sheet1!A1');
    await page.click('button.use-cell[data-for="market"]');
    await page.waitForFunction(() => /^=GRID.LMP\(\$A\$1,/.test((document.getElementById('formula-text') as HTMLTextAreaElement).value));
    await select('Sheet1!B1');
    await page.click('button.use-cell[data-for="location"]');
    await select('Sheet1!C2');
    await page.click('button.use-cell[data-for="start"]');
    await choose(page, '#formula-end-as', 'none');
    await choose(page, '#formula-run', '');
    await page.waitForFunction(() => (document.getElementById('formula-text') as HTMLTextAreaElement).value === '=GRID.LMP($A$1,$B$1,C2)');
    // The address stands where the value was; clicking it makes it fixed, × gives the value back.
    expect(await page.textContent('.field[data-field="start"] .cell-address')).toBe('C2');
    expect(await page.isHidden('#formula-start-as')).toBe(true);
    await page.click('.field[data-field="start"] .cell-address');
    expect(await formula()).toBe('=GRID.LMP($A$1,$B$1,$C$2)');
    await page.click('.field[data-field="start"] .cell-address');
    await page.locator('section[aria-labelledby="actions-title"]').screenshot({ path: join(SCREENSHOTS, 'builder-cells-360px.png') });
    // Inserted at D2 of the same sheet, then at A5 of another sheet (whose references name Sheet1).
    await select('Sheet1!D2');
    await page.click('#insert-formula');
    await page.waitForFunction(() => /^Inserted =GRID.LMP\(\$A\$1/.test(document.getElementById('status')?.textContent ?? ''));
    await select('Sheet2!A5');
    await page.click('#insert-formula');
    await page.waitForFunction(() => /^Inserted =GRID.LMP\(Sheet1!/.test(document.getElementById('status')?.textContent ?? ''));
    await page.click('.field[data-field="start"] .cell-clear');
    await choose(page, '#formula-end-as', 'picked');
    expect(await formula()).toBe('=GRID.LMP($A$1,$B$1,DATE(2025,7,1),DATE(2025,7,2))');
    const calls = await page.evaluate(
      () => (window as unknown as { __excelCalls: { op: string; path: string; value?: unknown; args?: unknown[] }[] }).__excelCalls,
    );
    expect(calls.filter((c) => c.op === 'set' && c.path.endsWith('.formulas')).map((c) => c.value)).toEqual([
      [['=GRID.LMP($A$1,$B$1,C2)']],
      [['=GRID.LMP(Sheet1!$A$1,Sheet1!$B$1,Sheet1!C2)']],
    ]);
    // The address is loaded before it is read, as Office.js requires.
    expect(calls).toContainEqual({ op: 'call', path: 'context.workbook.getSelectedRange().load', args: ['address'] });
    await page.context().close();
  });

  it('"Insert strip" inserts the GRID.STRIP of the chosen market, location and year; outside Excel it copies it', async () => {
    const markets = await (await fetch(`${server.url}/api/v1/markets`)).json();
    const pjmBlocks: string[] = markets.markets.find((m: { id: string }) => m.id === 'PJM').blocks;
    expect(pjmBlocks).toEqual(expect.arrayContaining(['ONPEAK', 'OFFPEAK']));
    // The range picked in choosePjmWesternHub starts in 2025.
    const expected = '=GRID.STRIP("PJM","WESTERN HUB","CAL-2025","ONPEAK,OFFPEAK")';
    const excel = await openTaskpane({ excel: true });
    expect(await isDisabled(excel, '#insert-strip')).toBe(true);
    await choosePjmWesternHub(excel);
    await excel.click('#insert-strip');
    await excel.waitForFunction(() => /^Inserted =GRID.STRIP/.test(document.getElementById('status')?.textContent ?? ''));
    const calls = await excel.evaluate(
      () => (window as unknown as { __excelCalls: { op: string; path: string; value?: unknown }[] }).__excelCalls,
    );
    expect(calls.filter((c) => c.op === 'set' && c.path.endsWith('.formulas'))).toEqual([
      { op: 'set', path: 'context.workbook.getSelectedRange().getCell().formulas', value: [[expected]] },
    ]);
    await excel.context().close();

    const web = await openTaskpane({ excel: false });
    await choosePjmWesternHub(web);
    expect(await web.textContent('#insert-strip')).toBe('Copy strip');
    await web.click('#insert-strip');
    await web.waitForFunction(() => /^Strip copied/.test(document.getElementById('status')?.textContent ?? ''));
    expect(await web.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    await web.context().close();
  });

  it('a starred location is a favourite of its market: listed first, still after a reload', async () => {
    const page = await openTaskpane({ excel: false });
    const listed = () => page.$$eval('#location-results button.location', (b) => b.map((e) => (e as HTMLElement).dataset.location));
    await page.click('button.market[data-market="PJM"]');
    await page.waitForSelector('#location-results button.location');
    const before = await listed();
    expect(before[0]).not.toBe('WESTERN HUB');
    await page.fill('#location-search input', 'WESTERN');
    await page.click('button.favourite[data-favourite="WESTERN HUB"]');
    expect(await page.getAttribute('button.favourite[data-favourite="WESTERN HUB"]', 'aria-pressed')).toBe('true');
    await page.reload();
    await page.waitForSelector('button.market[data-market="PJM"]');
    await page.click('button.market[data-market="PJM"]');
    await page.waitForSelector('#location-results button.location');
    // An empty search: the favourite first, starred; the others follow as before.
    expect((await listed())[0]).toBe('WESTERN HUB');
    expect(await page.getAttribute('#location-results li:first-child button.favourite', 'aria-pressed')).toBe('true');
    expect((await listed()).filter((n) => n !== 'WESTERN HUB')).toEqual(before.filter((n) => n !== 'WESTERN HUB'));
    // A search that matches it (by name, any case) lists it first; one that does not, not at all.
    await page.fill('#location-search input', 'hub');
    await page.waitForFunction(() => document.querySelectorAll('#location-results button.location').length > 1);
    expect((await listed())[0]).toBe('WESTERN HUB');
    await page.fill('#location-search input', 'EASTERN');
    await page.waitForFunction(
      () => document.querySelector('#location-results button.location')?.getAttribute('data-location') === 'EASTERN HUB',
    );
    expect(await listed()).not.toContain('WESTERN HUB');
    await page.fill('#location-search input', '');
    await page.waitForFunction(
      () => document.querySelector('#location-results button.location')?.getAttribute('data-location') === 'WESTERN HUB',
    );
    await page
      .locator('section[aria-labelledby="locations-title"]')
      .screenshot({ path: join(SCREENSHOTS, 'locations-favourite-360px.png') });
    // Favourites are the market's: MISO's list has none of PJM's.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gridcell.favourites')))).toEqual([
      'gridcell.favourites PJM',
    ]);
    // Unstarred, it goes back among the others.
    await page.click('button.favourite[data-favourite="WESTERN HUB"]');
    await page.fill('#location-search input', ' ');
    await page.waitForFunction(
      () => document.querySelector('#location-results button.location')?.getAttribute('data-location') !== 'WESTERN HUB',
    );
    expect((await listed())[0]).toBe(before[0]);
    await page.context().close();
  });

  it('the default range (last 7 days, not cached offline) says why the chart is empty where the chart is', async () => {
    const page = await openTaskpane({ excel: false, width: 320 });
    await page.click('button.market[data-market="PJM"]');
    await page.fill('#location-search input', 'WESTERN');
    await page.click('button.location[data-location="WESTERN HUB"]');
    await page.waitForSelector('#chart .chart-message.error');
    // One sentence for the days and runs missing, not one each.
    expect(await page.textContent('#chart .chart-message')).toMatch(/not in the cache.*\(And \d+ more days or runs like it\.\)$/);
    expect(await page.locator('#chart canvas').count()).toBe(0);
    // In the first screen, below the range.
    expect((await page.locator('#chart .chart-message').boundingBox())!.y).toBeLessThan(1100);
    await page.screenshot({ path: join(SCREENSHOTS, 'taskpane-empty-range-320px.png') });
    // Enter in a date shows the prices, as it did when Show prices was a native submit button.
    await page.fill('#range-start', '2025-07-01');
    await page.fill('#range-end', '2025-07-02');
    await page.press('#range-end', 'Enter');
    await page.waitForSelector('#chart canvas');
    await page.context().close();
  });

  for (const width of [320, 450])
    for (const dark of [false, true])
      it(`reads well at ${width} px, ${dark ? 'dark' : 'light'}: markets compact, search in view, chart axes at 11 px or more`, async () => {
        const page = await openTaskpane({ excel: false, width, dark });
        // The location search is in the first screen of a taskpane (Excel's is about 600 px high).
        const search = (await page.locator('#location-search').boundingBox())!;
        if (width === 320) expect(search.y + search.height).toBeLessThan(600);
        await choosePjmWesternHub(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        // The formula box spans its panel (it was cut at 192 px).
        const formula = (await page.locator('#formula-text').boundingBox())!;
        expect(formula.width).toBeGreaterThan(width - 60);
        const chart = (await page.locator('#chart canvas').boundingBox())!;
        expect(chart.width).toBeGreaterThan(width - 60);
        const texts = await canvasText(page);
        expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(['America/New_York', 'USD/MWh']));
        for (const t of texts) expect(t.px).toBeGreaterThanOrEqual(11);
        expect(parseFloat(await page.$eval('#chart .u-legend', (e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(11);
        // The buttons are Fluent UI web components, defined and drawn in their shadow root with Fluent's
        // tokens for the pane's theme: a primary button on gridcell's green, a subtle one in the theme's text.
        // (After its transition from disabled, which starts when the preview arrives.)
        const fluent = await page.$eval('#insert-table', async (button) => {
          await Promise.all(button.getAnimations().map((transition) => transition.finished));
          return {
            defined: customElements.get('fluent-button') === button.constructor,
            rendered: button.shadowRoot?.querySelector('slot') !== null,
            background: getComputedStyle(button).backgroundColor,
            color: getComputedStyle(button).color,
            subtle: getComputedStyle(document.getElementById('settings-toggle')!).color,
          };
        });
        expect(fluent).toEqual({
          defined: true,
          rendered: true,
          background: dark ? 'rgb(16, 91, 75)' : 'rgb(18, 104, 86)', // brand 70 (dark) or 80 (light): #105b4b, #126856
          color: 'rgb(255, 255, 255)',
          subtle: dark ? 'rgb(214, 214, 214)' : 'rgb(66, 66, 66)', // colorNeutralForeground2
        });
        await page.locator('#chart').scrollIntoViewIfNeeded();
        await hover(page, 14, 48);
        await page.screenshot({ path: join(SCREENSHOTS, `taskpane-${width}px-${dark ? 'dark' : 'light'}.png`), fullPage: true });
        await page.context().close();
      });

  describe('a server started with GRIDCELL_TOKEN', () => {
    const TOKEN = 'e2e-token-7f3a9c21b8d4';
    let guarded: RunningServer;

    beforeAll(async () => {
      guarded = await serveAddin(cleanEnv(), join(workDir, 'guarded.db'), [RT_FILE], TOKEN);
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
      await page.click('#settings-form fluent-button[type="submit"]');
      await page.waitForSelector('button.market[data-market="PJM"]');
      const rows = await page.evaluate(
        (serial) => (window as unknown as GridWindow).gridcell.functions.LMP('PJM', 'WESTERN HUB', serial, null, 'RT'),
        JUL_1_2025,
      );
      expect(rows.map((row: number[]) => row[1])).toEqual(westernHubDay(RT_FILE, 'total_lmp_rt'));
      await page.click('#clear-cache');
      await page.locator('#clear-confirm').screenshot({ path: join(SCREENSHOTS, 'taskpane-clear-confirm.png') });
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
