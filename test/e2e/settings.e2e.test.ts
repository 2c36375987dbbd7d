import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../backend/api/server';
import { cleanEnv } from '../support/app';
import { hasShared, sharedPath } from '../support/fixtures';
import { COVERAGE_ROWS } from '../../addin/markets-view';
import { buildAddin, chromiumMissing, launchChromium, ROOT, serveAddin } from './browser';

/**
 * The taskpane's Settings and market details in headless Chromium, served by the real server from
 * the real webpack build: an API key typed once goes to the server's config file and never comes
 * back; the market details list the cached days of a real imported file. Offline: no network.
 */

const DA_FILE = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const SCREENSHOTS = join(ROOT, 'test-output');
const KEY = 'pjm-typed-in-settings-7Qx2vR9k';
const EXISTING = { keys: { EIA_API_KEY: 'eia-kept-key-0123456789' }, theme: 'dark' };

const missing = [chromiumMissing, hasShared(DA_FILE) ? undefined : `../shared/fixtures/${DA_FILE}`].filter(Boolean);
if (missing.length) console.warn(`Skipping the Settings browser tests: missing ${missing.join(', ')}.`);
const describeE2e = missing.length ? describe.skip : describe;

/** The days and hubs of the Data Miner file, read from its rows. */
function fileDaysAndHubs(): { days: string[]; hubs: number } {
  const [header, ...lines] = readFileSync(sharedPath(DA_FILE), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const [ept, name] = ['datetime_beginning_ept', 'pnode_name'].map((c) => columns.indexOf(c));
  const cells = lines.map((l) => l.split(','));
  const days = [
    ...new Set(
      cells.map((c) => {
        const [m, d, y] = c[ept].split(' ')[0].split('/');
        return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
      }),
    ),
  ].sort();
  return { days, hubs: new Set(cells.map((c) => c[name])).size };
}

describeE2e('Settings and cached days in a real browser', () => {
  let home: string;
  let configFile: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    buildAddin();
    const env = cleanEnv();
    home = env.GRIDCELL_HOME!;
    configFile = join(home, 'config.json');
    writeFileSync(configFile, JSON.stringify(EXISTING));
    server = await serveAddin(env, join(mkdtempSync(join(tmpdir(), 'gridcell-e2e-')), 'gridcell.db'), [DA_FILE]);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** The taskpane, with every API answer's text kept (to look for the key in) and every request to another origin refused. */
  async function openTaskpane(): Promise<{ page: Page; answers: Promise<string>[]; keyRequests: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 1100 } });
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    const answers: Promise<string>[] = [];
    const keyRequests: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/v1/')) answers.push(response.text().catch(() => ''));
    });
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/keys/')) keyRequests.push(`${request.method()} ${request.postData() ?? ''}`);
    });
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForSelector('button.market[data-market="PJM"]');
    return { page, answers, keyRequests };
  }

  it('takes a key once, stores it on the server (0600, the file kept), shows only "set", and removes it', async () => {
    const { page, answers, keyRequests } = await openTaskpane();
    expect(await page.textContent('button.market[data-market="PJM"] .badge')).toBe('key missing');
    await page.click('#settings-toggle');
    const form = 'form.key-form[data-env="PJM_API_KEY"]';
    await page.waitForSelector(form);
    expect(await page.textContent('#key-PJM_API_KEY-state')).toBe('not set');
    // A market whose key list is empty has no field; the key kept in the config file shows as set.
    expect(await page.locator('form.key-form').evaluateAll((forms) => forms.map((f) => f.getAttribute('data-env')))).toEqual(
      expect.arrayContaining(['PJM_API_KEY', 'EIA_API_KEY']),
    );
    expect(await page.textContent('#key-EIA_API_KEY-state')).toBe('set');
    // A native password field (Fluent's text input would copy the key into an attribute of the page).
    expect(await page.evaluate(() => document.getElementById('key-PJM_API_KEY')?.localName)).toBe('input');
    expect(await page.getAttribute('#key-PJM_API_KEY', 'type')).toBe('password');
    const controls = (selector: string) =>
      [...document.querySelectorAll(`${selector} :is(input, button, [type])`)].map((node) => node.localName);
    expect(await page.evaluate(controls, form)).toEqual(['input', 'fluent-button', 'fluent-button']);

    await page.fill('#key-PJM_API_KEY', KEY);
    // Typed, the key is in the field only: nowhere in the page's markup.
    expect(await page.content()).not.toContain(KEY);
    await page.click(`${form} fluent-button[type="submit"]`);
    await page.waitForFunction(() => document.getElementById('key-PJM_API_KEY-state')?.textContent === 'set');
    expect(await page.inputValue('#key-PJM_API_KEY')).toBe('');
    expect(await page.textContent('#status')).toBe('PJM_API_KEY is saved on the gridcell server and used from now on.');
    // The market list is read again: PJM is ready.
    await page.waitForFunction(() => document.querySelector('button.market[data-market="PJM"] .badge')?.textContent === 'key set');

    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({ ...EXISTING, keys: { ...EXISTING.keys, PJM_API_KEY: KEY } });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    await page.screenshot({ path: join(SCREENSHOTS, 'taskpane-settings-keys.png'), fullPage: true });
    // Sent once; never in an answer, never left in the page.
    expect(keyRequests).toEqual([`PUT ${JSON.stringify({ value: KEY })}`]);
    for (const text of await Promise.all(answers)) expect(text).not.toContain(KEY.slice(0, 12));
    expect(await page.content()).not.toContain(KEY.slice(0, 12));
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(KEY.slice(0, 12));

    await page.click(`${form} fluent-button.key-remove`);
    await page.waitForFunction(() => document.getElementById('key-PJM_API_KEY-state')?.textContent === 'not set');
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual(EXISTING);
    await page.waitForFunction(() => document.querySelector('button.market[data-market="PJM"] .badge')?.textContent === 'key missing');
    await page.context().close();
  });

  it("lists a market's cached days, source and finality in its details, at most COVERAGE_ROWS rows", async () => {
    const { days, hubs } = fileDaysAndHubs();
    let page = (await openTaskpane()).page;
    await page.click('button.market[data-market="PJM"]');
    await page.waitForSelector('#market-coverage li');
    // The file's products share the same days: one line, LMP first.
    expect(await page.$$eval('#market-coverage li', (items) => items.map((li) => li.textContent))).toEqual([
      `DA LMP, CONGESTION, ENERGY, LOSS: ${days[0]} .. ${days.at(-1)} (import:${basename(DA_FILE)}, final, ${hubs} of ${hubs} locations)`,
    ]);
    await page.locator('#market-details').screenshot({ path: join(SCREENSHOTS, 'taskpane-market-coverage.png') });
    // Nothing cached for another market: said so, without asking.
    await page.click('button.market[data-market="NEM"]');
    await page.waitForFunction(() => document.getElementById('market-coverage')?.getAttribute('data-market') === 'NEM');
    expect(await page.textContent('#market-coverage')).toBe('nothing yet');
    await page.context().close();

    // Each hub's last day again, from a file of its own: the last day splits into one range per file.
    const [header, ...lines] = readFileSync(sharedPath(DA_FILE), 'utf8').trim().split(/\r?\n/);
    const hubNames = [...new Set(lines.map((l) => l.split(',')[3]))];
    expect(header.split(',').slice(1, 4)).toEqual(['datetime_beginning_ept', 'pnode_id', 'pnode_name']);
    const dir = mkdtempSync(join(tmpdir(), 'gridcell-hubs-'));
    const lastDayRows = (hub: string) => lines.filter((l) => l.split(',')[3] === hub && l.split(',')[1].startsWith(usDate(days.at(-1)!)));
    for (const [i, hub] of hubNames.entries()) {
      const file = join(dir, `hub_${String(i).padStart(2, '0')}.csv`);
      writeFileSync(file, [header, ...lastDayRows(hub)].join('\n') + '\n');
      await server.app.importFile(file);
    }
    page = (await openTaskpane()).page;
    await page.click('button.market[data-market="PJM"]');
    await page.waitForSelector('#market-coverage li');
    const shown = await page.$$eval('#market-coverage li', (items) => items.map((li) => li.textContent));
    const total = 1 + hubNames.length;
    expect(total).toBeGreaterThan(COVERAGE_ROWS);
    expect(shown).toHaveLength(COVERAGE_ROWS);
    expect(shown[0]).toBe(
      `DA LMP, CONGESTION, ENERGY, LOSS: ${days[0]} (import:${basename(DA_FILE)}, final, ${hubs} of ${hubs} locations)`,
    );
    expect(shown[1]).toBe(`DA LMP, CONGESTION, ENERGY, LOSS: ${days.at(-1)} (import:hub_00.csv, final, 1 of ${hubs} locations)`);
    expect(await page.textContent('#market-coverage .note')).toBe(
      `… and ${total - COVERAGE_ROWS} more (GRID.QUALITY shows them per series)`,
    );
    await page.context().close();
  });
});

/** 2025-07-02 as the Data Miner file writes it at the start of a datetime_beginning_ept cell (7/2/2025). */
function usDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${m}/${d}/${y} `;
}
