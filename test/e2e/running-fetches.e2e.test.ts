import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../backend/api/server';
import { createApp } from '../../backend/app/create-app';
import { HttpClient } from '../../backend/http/client';
import { CLIENT_HEADER, type JobResponse } from '../../contract';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv } from '../support/app';
import { fakeUpstream } from '../support/fake-upstream';
import { hasShared, sharedPath } from '../support/fixtures';
import { FAKE_PJM_KEY, PJM_ZONES_FILE } from '../support/pjm-bge';
import { buildAddin, chromiumMissing, DIST, launchChromium, ROOT } from './browser';

/**
 * The taskpane's list of running fetches in headless Chromium, against the real server whose PJM
 * is a local upstream answering slowly (3 s, with the recorded zones file): a backfill job shows
 * with its progress and a Cancel button; Cancel stops it between its requests.
 */

const SCREENSHOTS = join(ROOT, 'test-output');
const SLOW_MS = 3000;

const missing = [chromiumMissing, hasShared(PJM_ZONES_FILE) ? undefined : `../shared/fixtures/${PJM_ZONES_FILE}`].filter(Boolean);
if (missing.length) console.warn(`Skipping the running-fetches browser test: missing ${missing.join(', ')}.`);
const describeE2e = missing.length ? describe.skip : describe;

describeE2e('running fetches in the taskpane', () => {
  let server: RunningServer;
  let browser: Browser;
  let upstream: Awaited<ReturnType<typeof fakeUpstream>>;

  beforeAll(async () => {
    buildAddin();
    const recorded = readFileSync(sharedPath(PJM_ZONES_FILE));
    upstream = await fakeUpstream([
      (_req, res) =>
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(recorded);
        }, SLOW_MS),
    ]);
    const app = createApp({
      env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }),
      config: { dbPath: join(mkdtempSync(join(tmpdir(), 'gridcell-e2e-')), 'gridcell.db') },
      connectors: [redirected(registered('PJM'), upstream.url)],
      http: new HttpClient({ retries: 0 }),
      now: () => Date.parse('2026-11-24T12:00:00Z'),
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1', staticDir: DIST });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await upstream?.close();
  });

  it('shows a backfill with its progress and cancels it between requests', async () => {
    const started = await fetch(`${server.url}/api/v1/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
      body: JSON.stringify({ market: 'PJM', locations: ['BGE'], start: '2025-01-01', end: '2026-06-30' }),
    });
    const job = (await started.json()) as JobResponse;
    expect(job).toMatchObject({ state: 'running', daysTotal: 546, requestsPlanned: 2 });

    const context = await browser.newContext({ viewport: { width: 320, height: 1400 } });
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    await page.goto(`${server.url}/taskpane.html`);
    const row = page.locator('#running-fetches li.fetch[data-state="running"]');
    await row.waitFor();
    expect(await row.locator('.fetch-name').textContent()).toBe('PJM BGE DA LMP, 2025-01-01 to 2026-06-30');
    expect(await row.locator('.fetch-progress').textContent()).toMatch(/^\d+ of 546 days, \d of 2 requests(, about \d+ s left)?$/);
    expect(await row.locator('progress').getAttribute('max')).toBe('546');
    await page.locator('#running-fetches').screenshot({ path: join(SCREENSHOTS, 'running-fetches-320.png') });

    await row.locator('fluent-button').click();
    const ended = page.locator('#running-fetches li.fetch[data-state="cancelled"]');
    await ended.waitFor({ timeout: 20_000 });
    expect(await ended.locator('.fetch-name').textContent()).toBe('PJM BGE DA LMP, 2025-01-01 to 2026-06-30 (cancelled)');
    expect(await ended.locator('fluent-button').count()).toBe(0);
    expect(await ended.locator('.fetch-progress').textContent()).toBe('365 of 546 days, 1 of 2 requests');
    // The request in flight when Cancel was pressed finished; the second year was never asked for.
    expect(upstream.hits).toHaveLength(1);
    await context.close();
  }, 60_000);
});
